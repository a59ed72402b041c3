"""A small map of a document's places: inline SVG over a bundled land outline.

The outline is Natural Earth's 1:110m Admin 0 countries (public domain),
reduced once by `scripts/make_land_outline.py` to bare land rings: every
country polygon is kept but drawn with one fill and no stroke, so the map
shows coast lines only and takes no side on disputed borders. Coordinates
are in tenths of a degree; the file ships as package data, so no map tile
or server is ever asked for anything.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

LAND_FILE = "land-110m.json"
#: Points closer than this (tenths of a degree) to the previous kept point are dropped.
SIMPLIFY_STEP = 3


def simplify_land(geojson: Mapping[str, Any], step: int = SIMPLIFY_STEP) -> dict[str, Any]:
    """Land rings of a GeoJSON FeatureCollection in tenths of a degree, thinned, properties dropped.

    Outer rings only (holes are lakes at this scale); rings left with fewer
    than four points are dropped. Deterministic: same input, same output.
    """
    rings: list[list[int]] = []
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            ring = _thin([(round(lon * 10), round(lat * 10)) for lon, lat in polygon[0]], step)
            if len(ring) >= 4:
                rings.append([c for point in ring for c in point])
    return {"source": "Natural Earth 1:110m Admin 0 countries (public domain), outer rings, "
                      f"tenths of a degree, points closer than {step / 10:g} degree dropped",
            "rings": rings}


def _thin(points: Sequence[tuple[int, int]], step: int) -> list[tuple[int, int]]:
    kept = [points[0]]
    for point in points[1:-1]:
        if max(abs(point[0] - kept[-1][0]), abs(point[1] - kept[-1][1])) >= step:
            kept.append(point)
    kept.append(points[-1])
    return kept


@lru_cache(maxsize=1)
def land_rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The bundled land rings as (lon, lat) degrees."""
    data = json.loads(resources.files(__package__).joinpath("static", LAND_FILE).read_text(encoding="utf-8"))
    return tuple(tuple((ring[i] / 10, ring[i + 1] / 10) for i in range(0, len(ring), 2)) for ring in data["rings"])


@dataclass(frozen=True)
class Place:
    """One place of a document: where it is and how often and how the text uses it."""

    name: str
    geonames_id: int | None
    lon: float
    lat: float
    mentions: int
    uses: tuple[str, ...]


def places(locations: Iterable[Mapping[str, Any]]) -> list[Place]:
    """The distinct places with coordinates among location records (by GeoNames id, else name)."""
    grouped: dict[tuple[Any, str], list[Mapping[str, Any]]] = {}
    for loc in locations:
        if loc.get("latitude") is None or loc.get("longitude") is None:
            continue
        grouped.setdefault((loc.get("geonames_id") or 0, loc["name"]), []).append(loc)
    out = []
    for (_, name), locs in sorted(grouped.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        first = locs[0]
        out.append(Place(name, first.get("geonames_id"), first["longitude"], first["latitude"], len(locs),
                         tuple(sorted({l["use"] for l in locs}))))
    return out


def map_svg(points: Sequence[Place], title: str, width: int = 480) -> Markup:
    """An inline SVG map around the places (plate carrée scaled at the centre latitude)."""
    if not points:
        return Markup("<p class=\"nomap\">No place in this document has coordinates.</p>")
    lon0, lon1 = min(p.lon for p in points), max(p.lon for p in points)
    lat0, lat1 = min(p.lat for p in points), max(p.lat for p in points)
    pad_lon, pad_lat = max(4.0, (lon1 - lon0) * 0.15), max(3.0, (lat1 - lat0) * 0.15)
    lon0, lon1, lat0, lat1 = lon0 - pad_lon, lon1 + pad_lon, max(-85.0, lat0 - pad_lat), min(85.0, lat1 + pad_lat)
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    scale = width / ((lon1 - lon0) * kx)
    height = round((lat1 - lat0) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - lon0) * kx * scale, 1), round((lat1 - lat) * scale, 1)

    paths = []
    for ring in land_rings():
        if not _meets(ring, lon0, lon1, lat0, lat1):
            continue
        coords = [xy(lon, lat) for lon, lat in ring]
        paths.append("M" + "L".join(f"{x:g},{y:g}" for x, y in coords) + "Z")
    parts = [f'<svg class="map" role="img" aria-labelledby="map-title" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="map-title">{escape(title)}</title>',
             f'<rect class="sea" width="{width}" height="{height}"/>',
             f'<path class="land" d="{"".join(paths)}"/>']
    for p in points:
        x, y = xy(p.lon, p.lat)
        use = "metonymic" if p.uses == ("metonymic",) else "literal"
        label = f"{p.name} ({p.lat:.4f}, {p.lon:.4f}; GeoNames {p.geonames_id}; {p.mentions}× {', '.join(p.uses)})"
        r = 3 + min(p.mentions, 8)
        shape = (f'<circle cx="{x:g}" cy="{y:g}" r="{r}"/>' if use == "literal" else
                 f'<rect x="{x - r:g}" y="{y - r:g}" width="{2 * r}" height="{2 * r}"/>')
        parts.append(f'<g class="place {use}"><title>{escape(label)}</title>{shape}'
                     f'<text x="{x + r + 2:g}" y="{y + 4:g}">{escape(p.name)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _meets(ring: Sequence[tuple[float, float]], lon0: float, lon1: float, lat0: float, lat1: float) -> bool:
    """Whether a ring's bounding box meets the map's (rings elsewhere are left out of the page)."""
    xs = [lon for lon, _ in ring]
    ys = [lat for _, lat in ring]
    return min(xs) <= lon1 and max(xs) >= lon0 and min(ys) <= lat1 and max(ys) >= lat0
