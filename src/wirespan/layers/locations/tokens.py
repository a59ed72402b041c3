"""Tokens, place mentions and the word-window helpers every location rule reads.

Why one module: the candidate finder, the filters, the referent choice and
the `use` classifier all look at the same few words around a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirespan.layers.locations.gazetteer import Place
from wirespan.text.mentions import Mention

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+")


#: abbreviated first words of place names, joined to the next word across their point.
NAME_ABBREVIATIONS = frozenset({"St", "Mt", "Ft"})


@dataclass
class Token:
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


def words_before(text: str, start: int, n: int = 4) -> list[str]:
    """Lower-cased words before `start`, nearest last; stops at sentence/clause ends."""
    chunk = text[max(0, start - 80):start]
    chunk = re.split(r"[.!?;:\n—–“”\"()]", chunk)[-1]
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", chunk)][-n:]


def words_after(text: str, end: int, n: int = 6) -> list[str]:
    chunk = text[end:end + 100]
    chunk = re.split(r"[.!?;:\n—–“”\"()]", chunk)[0]
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", chunk)][:n]


def possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("’s", "'s") or text[end:end + 1] in ("’", "'") and text[end - 1:end] == "s"

