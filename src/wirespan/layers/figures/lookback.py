"""Bounded looks around a figure, so the layer stays linear in the length of a text.

Slicing ``text[:pos]`` for every candidate, or scanning every claimed span,
made the figure layer quadratic on long texts. These helpers look back a
bounded stretch and fall back to the whole prefix only when that stretch
could be the tail of a longer match (so results are unchanged), and keep
claimed spans and annotatable ranges in sorted lists searched by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

#: How far back a look-behind test searches before it considers the whole prefix.
LOOKBACK = 200
#: How far a sentence is sought on either side of a figure (a longer "sentence" is cut there).
SENTENCE_REACH = 1_000

BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:\S+\s?)?$", re.I)
LONG_BETWEEN_TAIL = re.compile(r"\S*\s*\S*\s*")
DETERMINER_BEFORE = re.compile(r"\b(?:first|second|other|latter|former|the)\s+$", re.I)
LONG_DETERMINER_TAIL = re.compile(r"[A-Za-z]*\s+")
_LETTER_OR_DOT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def ends_with(pattern: re.Pattern[str], text: str, pos: int, long_tail: re.Pattern[str]) -> bool:
    """Whether ``pattern`` (anchored with $) matches somewhere in ``text[:pos]``.

    The last ``LOOKBACK`` characters are searched first; the whole prefix only
    when they are one stretch ``long_tail`` describes, the only way a match
    could start before them.
    """
    lo = max(0, pos - LOOKBACK)
    if pattern.search(text, lo, pos):
        return True
    return lo > 0 and long_tail.fullmatch(text, lo, pos) is not None and pattern.search(text, 0, pos) is not None


def word_before(text: str, pos: int) -> str | None:
    """The group of ``re.search(r"([A-Za-z.]+)\\W*$", text[:pos])``, found by walking back from ``pos``.

    Non-word characters at the end are skipped; the word is the run of letters
    and dots that ends there, or else the first dot among them.
    """
    t = pos
    while t > 0 and not (text[t - 1].isalnum() or text[t - 1] == "_"):
        t -= 1
    p = t
    while p > 0 and text[p - 1] in _LETTER_OR_DOT:
        p -= 1
    if p == t:
        p = text.find(".", t, pos)
        if p < 0:
            return None
    e = p
    while e < pos and text[e] in _LETTER_OR_DOT:
        e += 1
    return text[p:e]


def digit_before(text: str, pos: int) -> bool:
    """Whether the last non-space character before ``pos`` is a digit (``\\d\\s*$`` on the prefix)."""
    j = pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j > 0 and text[j - 1].isdecimal()


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding ``text[start:end]``, looked for at most ``SENTENCE_REACH`` away."""
    lo, hi = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    left = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start), text.rfind("? ", lo, start),
               text.rfind("! ", lo, start))
    left = left if left >= 0 else lo - 1
    right = [i for i in (text.find(". ", end, hi), text.find("\n", end, hi)) if i >= 0]
    return text[left + 1:min(right) if right else hi]


class Ranges:
    """Containment of a span in one of the annotatable ranges, by bisection when the ranges do not overlap."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.starts = [a for a, _ in ranges]
        self.disjoint = all(b1 <= a2 for (_, b1), (a2, _) in zip(ranges, ranges[1:]))

    def contain(self, rec: dict) -> bool:
        if not self.disjoint:
            return any(a <= rec["start"] and rec["end"] <= b for a, b in self.ranges)
        k = bisect_right(self.starts, rec["start"]) - 1
        return k >= 0 and rec["end"] <= self.ranges[k][1]


class Taken:
    """Pairwise disjoint spans already claimed (by a figure or a URL); overlap found by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        k = bisect_right(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.starts, e) - 1
        return k >= 0 and self.ends[k] > s
