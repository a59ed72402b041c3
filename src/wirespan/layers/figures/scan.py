"""Where in a text a figure pattern can begin, found once, so that each pattern is tried only there.

Why: the candidate patterns begin with look-behinds, optional groups and
long alternations of words, so Python's regex engine cannot skip ahead: it
tries every pattern at every character of the text (most of the figure
layer's time). Yet a match of each pattern begins at, or a few characters
before, a digit or one of a few words. `Places` finds those once per text
by plain substring search, and `finditer` / `search` try the pattern only
there (`Pattern.match` at each place, in order).

This gives exactly `pattern.finditer(text)` and `pattern.search(text, pos)`
as long as the places include every position where a match can begin
(extra places cost a failed try, nothing more) and the pattern never
matches the empty string. Case-insensitive words are sought in the
lower-cased text; a text with one of the four characters that
`re.IGNORECASE` equates with an ASCII letter although their lower case is
not ASCII ("İ", "ı", "ſ", the Kelvin sign) is scanned in full instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

from wirespan.text.cues import FOLDS_TO_ASCII

#: Runs of decimal digits (as `\d` defines them) and vulgar fraction characters: the digits a number starts with.
DIGIT_RUNS = re.compile(r"\d+|[\u00BC-\u00BE\u2150-\u215E]")


class Places:
    """Offsets of digits and words in one text, computed on first use and kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        #: The lower-cased text (same offsets), or None when case-insensitive words must not be sought in it.
        self.folded = None if FOLDS_TO_ASCII.search(text) or len(lowered) != len(text) else lowered
        self._digits: list[int] | None = None

    def digits(self) -> list[int]:
        """Where each run of digits (or a vulgar fraction) begins."""
        if self._digits is None:
            self._digits = [m.start() for m in DIGIT_RUNS.finditer(self.text)]
        return self._digits

    def words(self, words: Iterable[str]) -> list[int] | None:
        """Where any of `words` (lower-case ASCII) occurs, in any letter case, even inside a longer word;
        None when the text cannot be searched that way."""
        if self.folded is None:
            return None
        return occurrences(self.folded, words)

    def literals(self, words: Iterable[str]) -> list[int]:
        """Where any of `words` occurs, letter case as written."""
        return occurrences(self.text, words)

    def after_spaces(self, positions: Iterable[int], word: str) -> list[int]:
        """Where `word` (lower case) begins when one or more whitespace characters separate it from a position
        (the places of "a quarter" given those of "quarter"); only with `folded`."""
        folded = self.folded
        assert folded is not None
        out = []
        for q in positions:
            r = q
            while r > 0 and folded[r - 1].isspace():
                r -= 1
            if r < q and r >= len(word) and folded.startswith(word, r - len(word)):
                out.append(r - len(word))
        return out


def occurrences(text: str, words: Iterable[str]) -> list[int]:
    """Every offset where one of `words` begins in `text` (overlapping ones too), sorted."""
    found: set[int] = set()
    for word in words:
        i = text.find(word)
        while i >= 0:
            found.add(i)
            i = text.find(word, i + 1)
    return sorted(found)


def near(anchors: Iterable[int], back: int, length: int) -> list[int]:
    """Every position from `back` characters before each anchor up to it, within the text, sorted."""
    out: set[int] = set()
    for a in anchors:
        out.update(range(max(0, a - back), min(a, length - 1) + 1))
    return sorted(out)


def finditer(pattern: re.Pattern[str], text: str, starts: Sequence[int] | None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying only `starts` (sorted; None: the whole text)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    pos = 0
    for p in starts:
        if p < pos:
            continue
        m = pattern.match(text, p)
        if m is not None:
            yield m
            pos = m.end()


def search(pattern: re.Pattern[str], text: str, pos: int, starts: Sequence[int] | None) -> re.Match[str] | None:
    """`pattern.search(text, pos)`, trying only `starts` (sorted; None: the whole text)."""
    if starts is None:
        return pattern.search(text, pos)
    for k in range(bisect_left(starts, pos), len(starts)):
        m = pattern.match(text, starts[k])
        if m is not None:
            return m
    return None
