"""Folding: the comparison keys under which spellings of one word or name coincide.

Why here: the gazetteer and the variant aligner both compare names across
accents, case and punctuation ("Kraków"/"KRAKOW", "U.S."/"US").  The shared
step (accents off) is stated once; the two keys differ on purpose and are
named for their use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """Decompose (NFKD) and drop combining marks, so "Kraków" becomes "Krakow" (ASCII is returned as it is:
    NFKD leaves it unchanged and it has no combining marks)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 17)
def fold(name: str) -> str:
    """Name key of the gazetteer: ASCII-folded, case-folded, dots dropped, hyphens as spaces.

    Why: "Krakow" must find "Kraków", "ODESA" must find "Odesa", "U.S."
    must find "US"; case is checked separately by the extractor.  Memoised
    per process: the location layer folds the same words and runs of words
    again and again (a tenth of annotating an article).
    """
    s = strip_accents(name)
    s = s.replace("’", "'").replace(".", "").replace("-", " ")
    s = _SPACES.sub(" ", s)
    return s.casefold().strip()


def fold_word(word: str) -> str:
    """Word key of the aligner: case-folded, accents, quote marks, dots, hyphens and apostrophe-s dropped.

    Why not ``fold``: words are compared token by token, so "Ivano-Frankivsk"
    and "U.S.'s" must stay one token ("ivanofrankivsk", "us").
    """
    word = strip_accents(word).casefold().replace("’", "'")
    word = re.sub(r"'s$", "", word)
    return re.sub(r"[.'\-]", "", word)
