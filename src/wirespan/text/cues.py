"""Cue strings: a substring test that rules a case-insensitive search out before it is run.

Why: many rules search a short stretch of text with a pattern that can
only match where a known word occurs ("than" for "more than", "credit" for
a photo credit); Python's regex engine tries such a pattern at every
character, while a substring test is one fast scan. When every match of a
pattern contains one of its cues, a text holding none of them cannot match,
so the search is skipped with the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: The characters `re.IGNORECASE` matches with an ASCII letter whose `str.lower()` is not that letter
#: ("İ", "ı", "ſ", the Kelvin sign).
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def lowered(text: str) -> str | None:
    """`text` lower-cased, or None when it holds one of `FOLDS_TO_ASCII` (then no search is ruled out)."""
    return None if FOLDS_TO_ASCII.search(text) else text.lower()


def cued(low: str | None, cues: Iterable[str]) -> bool:
    """Can a case-insensitive pattern whose every match contains one of `cues` (lower-case ASCII, or
    characters without case) match the text `lowered` gave?  False only when it cannot.

    Why this is exact: without the characters of `FOLDS_TO_ASCII`, a character matches an ASCII letter
    under `re.IGNORECASE` only if it is that letter in either case, and lower-casing maps each character
    on its own, so the lower case of a match is a substring of the lower-cased text and holds a cue.
    """
    return low is None or any(c in low for c in cues)
