"""Quotes (SPEC §4): quotation-mark spans with kind, speaker, speaker mention and cue."""

from __future__ import annotations

from wirespan.layers.quotes.extract import Registry, extract_quotes
from wirespan.layers.registry import LayerInput


def extract(inp: LayerInput) -> list[dict]:
    """The registry's entry point: quotes inside the predicted annotatable segments."""
    return extract_quotes(inp.text, list(inp.segments))


__all__ = ["Registry", "extract", "extract_quotes"]
