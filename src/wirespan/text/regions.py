"""Annotatable regions: which characters of a document the layers may annotate (SPEC §3).

Why a class: layers ask "is this offset annotatable?" once per candidate;
answering by scanning every segment made that quadratic in the length of a
text, so the regions are merged once and looked up by bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

#: Segment labels, in SPEC §3's order.
LABELS: tuple[str, ...] = ("headline", "meta", "dateline", "body", "caption", "credit", "boilerplate")
#: Segment labels whose text is annotated (SPEC §3); meta and boilerplate are not.
ANNOTATABLE = frozenset({"headline", "dateline", "body", "caption", "credit"})


def regions(text: str, segments: Sequence[dict] | None,
            labels: Iterable[str] = ANNOTATABLE) -> list[tuple[int, int]]:
    """Character ranges of the segments with the given labels (the whole text when no segments are given)."""
    if segments is None:
        return [(0, len(text))]
    wanted = frozenset(labels)
    return sorted((s["start"], s["end"]) for s in segments if s.get("label") in wanted)


class RegionIndex:
    """Membership of offsets in a union of [start, end) ranges, in O(log n) per query."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(r for r in ranges if r[0] < r[1]):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]
