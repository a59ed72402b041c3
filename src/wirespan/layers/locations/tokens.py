"""Tokens, place mentions and the word-window helpers every location rule reads.

Why one module: the candidate finder, the filters, the referent choice and
the `use` classifier all look at the same few words around a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wirespan.layers.locations.gazetteer import Place
from wirespan.text.mentions import Mention

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+")


#: abbreviated first words of place names, joined to the next word across their point.
NAME_ABBREVIATIONS = frozenset({"St", "Mt", "Ft"})


@dataclass(slots=True)
class Token:
    """A word of the text (`TOKEN`); slots: an article has hundreds, made once per region."""

    start: int
    end: int
    text: str


@dataclass
class PlaceMention(Mention):
    """A mention of a place: the referent chosen, its SPEC §6 feature and its use (literal or metonymic)."""

    place: Place
    feature: str
    use: str = "literal"


def joinable(text: str, a: Token, b: Token) -> bool:
    """Two tokens can belong to one name: a single space or hyphen between, or the point of
    "St." / "Mt." / "Ft." ("St. Petersburg")."""
    gap = text[a.end:b.start]
    return gap in (" ", "-") or (gap == ". " and a.text in NAME_ABBREVIATIONS)


def sentence_initial(text: str, start: int, region_start: int) -> bool:
    i = start - 1
    while i >= region_start and text[i] in " \t“”\"‘’'(":
        i -= 1
    return i < region_start or text[i] in ".!?\n:—–-"


#: where a clause ends for the word windows: words are read up to (not across) these marks.
CLAUSE_END = re.compile(r"[.!?;:\n—–“”\"()]")
#: a word of the windows (hyphenated compounds stay one word).
WINDOW_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: window positions remembered (texts, offsets); the same names are checked by several rules.
WINDOW_MEMO = 4096


def words_before(text: str, start: int, n: int = 4) -> list[str]:
    """Lower-cased words before `start`, nearest last; stops at sentence/clause ends."""
    return list(clause_words_before(text, start)[-n:])


def words_after(text: str, end: int, n: int = 6) -> list[str]:
    """Lower-cased words after `end`, nearest first; stops at sentence/clause ends."""
    return list(clause_words_after(text, end)[:n])


@lru_cache(maxsize=WINDOW_MEMO)
def clause_words_before(text: str, start: int) -> tuple[str, ...]:
    """Every word of the clause part in the 80 characters before `start`.

    Why memoised: the filters, the referent rules and the `use` classifier
    read the window of the same offset again and again (n only slices it).
    """
    chunk = CLAUSE_END.split(text[max(0, start - 80):start])[-1]
    return tuple(w.lower() for w in WINDOW_WORD.findall(chunk))


@lru_cache(maxsize=WINDOW_MEMO)
def clause_words_after(text: str, end: int) -> tuple[str, ...]:
    """Every word of the clause part in the 100 characters after `end` (memoised like `clause_words_before`)."""
    chunk = text[end:end + 100]
    stop = CLAUSE_END.search(chunk)
    if stop:
        chunk = chunk[:stop.start()]
    return tuple(w.lower() for w in WINDOW_WORD.findall(chunk))


def possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("’s", "'s") or text[end:end + 1] in ("’", "'") and text[end - 1:end] == "s"

