"""How the command-line summaries write scores: one place, so every report reads alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def score(value: float | None) -> str:
    """A score to three decimals, or "n/a" where it is undefined (nothing matched)."""
    return "n/a" if value is None else f"{value:.3f}"


def prf(r: Mapping[str, Any]) -> str:
    """Precision, recall and F1 of one score entry, as the summaries print them."""
    return f"P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
