"""Annotatable regions: the segment labels inside which span layers are annotated (SPEC §3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: Segment labels, in SPEC §3's order.
LABELS: tuple[str, ...] = ("headline", "meta", "dateline", "body", "caption", "credit", "boilerplate")
#: Labels inside which quotes, figures and locations are annotated; never inside `meta` or `boilerplate`.
ANNOTATABLE = frozenset({"headline", "dateline", "body", "caption", "credit"})


def annotatable_regions(segments: Iterable[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """(start, end) of every annotatable segment, in text order."""
    return sorted((s["start"], s["end"]) for s in segments if s.get("label") in ANNOTATABLE)
