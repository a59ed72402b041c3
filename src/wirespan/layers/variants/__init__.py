"""Variants (SPEC §7): passage, quote, figure and name pairs across documents."""

from __future__ import annotations

from typing import Any

from wirespan.layers.variants.align import align


def extract(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The registry's entry point: every variant pair among annotated documents (entity registry loaded)."""
    from wirespan.layers.quotes import Registry

    return align(documents, Registry.load())


__all__ = ["align", "extract"]
