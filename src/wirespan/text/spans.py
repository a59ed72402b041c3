"""Small helpers on character spans shared by the baselines."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither begins nor ends with whitespace (the project's span rule).

    Why the strips: the quote layer trims phrases next to quotes blanked
    with spaces, and walking a long run of spaces a character at a time cost
    more than the rest of the phrase's analysis; `str.strip` drops exactly
    the characters `str.isspace` accepts, so the walk is kept only for
    offsets outside the text.
    """
    if 0 <= start < end <= len(text):
        if not text[start].isspace() and not text[end - 1].isspace():
            return start, end
        piece = text[start:end]
        left = piece.lstrip()
        if not left:
            return end, end
        return start + len(piece) - len(left), end - (len(left) - len(left.rstrip()))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def merged_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty ranges sorted and merged where they overlap or touch (the same characters, covered once).

    Shared by the record checks (annotatable segments) and the quote layer
    (quoted stretches to blank), which both need each character once.
    """
    out: list[tuple[int, int]] = []
    for a, b in sorted(r for r in ranges if r[0] < r[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


class SpanIndex:
    """Records with ``start``/``end`` offsets, sorted by start, for range questions in O(log n + answer).

    Why: the aligner asks, for every linked sentence, which figures or quotes
    it holds; scanning all records of a document per sentence made that
    quadratic in the length of a text.
    """

    def __init__(self, records: Iterable[dict]) -> None:
        self.records = sorted(records, key=lambda r: r["start"])
        self.starts = [r["start"] for r in self.records]
        self.longest = max((r["end"] - r["start"] for r in self.records), default=0)

    def within(self, start: int, end: int) -> list[dict]:
        """Records wholly inside [start, end), in order of start (ties in input order)."""
        out = []
        for k in range(bisect_left(self.starts, start), len(self.records)):
            r = self.records[k]
            if r["start"] > end:
                break
            if r["end"] <= end:
                out.append(r)
        return out

    def overlapping(self, start: int, end: int) -> list[dict]:
        """Records that share a character with [start, end), in order of start."""
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [r for r in self.records[lo:hi] if start < r["end"]]
