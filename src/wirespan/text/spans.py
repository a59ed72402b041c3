"""Small helpers on character spans shared by the baselines."""

from __future__ import annotations


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither begins nor ends with whitespace (the project's span rule)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
