"""Great-circle distance: one formula for the geoparser's proximity pass and the geocoding score.

Why here: the location layer (`layers/locations/context`) and the
evaluation core (`evaluation/scoring`) both measure km between points, and
imports run from evaluation to layers to these shared tools, never back.
"""

from __future__ import annotations

import math

#: The mean Earth radius (IUGG), in km.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points (rounding cannot push the
    haversine past 1, so antipodes do not raise)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
