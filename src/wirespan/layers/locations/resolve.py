"""Referent choice: which of the same-named places a mention means.

Why context first: the article's countries and the nouns around a name
("X region", "the city of X") say more than population alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from wirespan.layers.locations.gazetteer import Gazetteer, Place
from wirespan.layers.locations.lexicon import AREA_NOUNS, DISTRICT_NOUNS, REGION_NOUNS, SETTLEMENT_NOUNS
from wirespan.layers.locations.tokens import PlaceMention, words_after, words_before

def choose(places: list[Place], context_cc: set[str]) -> Place:
    """Countries/curated first, then settlements in the article's countries, then population."""
    top = [p for p in places if p.kind in ("country", "supplement", "continent")]
    if top:
        return top[0]
    cities = [p for p in places if p.kind == "city"]
    if cities:
        local = [p for p in cities if p.country_code in context_cc]
        pool = local or cities
        return max(pool, key=lambda p: p.population)
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

