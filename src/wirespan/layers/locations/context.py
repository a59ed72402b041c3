"""Document-level geocoding: an ambiguous name takes the namesake that lies near the article's other places.

Why: local news seldom repeats its state or country, but the places it
names lie together (a town and its county, a suburb and its city).  The
first-level-division votes of `resolve` see only US states and split a
common name's vote thin; distance sees every country, and two ambiguous
names whose namesakes lie next to each other settle each other.

How, in time linear in the number of names (after `refine`; steps 2 and 3
repeated from the new picks for names read as a country or a first-level
division until none moves, at most `ROUNDS` passes in all):

1. a name read as a country that no other name places the article in (nor
   next to) becomes the first-level division of its name when the other
   names give that division `MIN_EVIDENCE` votes ("Georgia" beside
   "Atlanta" and "Macon");
2. every distinct name puts its settlement and county namesakes (at most
   `MAX_POOL`, the most populous) into a grid of one-degree cells; a
   namesake's *proximity* is the sum over the article's other names of
   their best weight x closeness (1 at the same point, 0 at `NEAR_KM`),
   looking only at the 3 x 3 cells around it, where a name's current pick
   weighs 1 and its other namesakes 1/sqrt(their number);
3. a name moves to the namesake whose total - proximity, plus the other
   names' division votes, plus `resolve`'s population prior - beats the
   pick's, if its proximity is at least `MIN_PROXIMITY`
   (`MIN_PROXIMITY_AGAINST_DIVISION` against a country or first-level
   division: "Peru" beside "Kokomo"), and into another country only where
   more of the other names were read than in the pick's.  Picks in a
   division the article names, national capitals in their own country and
   names any other name of the article places in their country stay.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet

from wirespan.layers.locations.gazetteer import Place
from wirespan.layers.locations.resolve import (POPULATION_PRIOR, DocumentContext, capitals, namesake_of, neighbours,
                                               own_votes)
from wirespan.text.fold import fold
from wirespan.text.geo import haversine_km

#: two places this close (km) or closer count as near each other; nearer counts more.
NEAR_KM = 150.0
#: least proximity (in name weights) for a namesake to replace the pick.
MIN_PROXIMITY = 0.2
#: least division votes of the other names for a first-level division to replace a country of its name.
MIN_EVIDENCE = 0.3
#: least proximity for a settlement to replace a country or first-level division of its name ("Peru" next to an
#: unambiguous neighbouring town): about one other name read within 60 km.  Division votes do not count here:
#: a state's towns all vote for it, and a country's namesake village there is still not what the text means.
MIN_PROXIMITY_AGAINST_DIVISION = 0.6
#: most namesakes of one name taken into account (the most populous): bounds the work per name.
MAX_POOL = 15
#: most passes of the proximity pass (each from the previous one's picks): bounds the work per article.
ROUNDS = 3

Resolved = tuple[int, int, Place, list[Place]]


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in km (both places have coordinates)."""
    return haversine_km((a.latitude, a.longitude), (b.latitude, b.longitude))


def _cell(p: Place) -> tuple[int, int]:
    return math.floor(p.latitude), math.floor(p.longitude)


def namesake_pool(key: str, pick: Place, places: list[Place]) -> list[Place]:
    """The settlements and counties called `key` with coordinates (the pick first when it is one),
    at most `MAX_POOL`, most populous first."""
    pool = [p for p in places if p.kind in ("city", "county") and p.latitude is not None and namesake_of(p, key)]
    pool.sort(key=lambda p: -p.population)
    pool = pool[:MAX_POOL]
    if pick.kind in ("city", "county") and pick.latitude is not None and pick not in pool:
        pool.append(pick)
    return pool


def cohere(resolved: list[Resolved], context: DocumentContext, text: str,
           fixed: AbstractSet[tuple[int, int]] = frozenset()) -> list[Resolved]:
    """`resolved` with each ambiguous name moved to the namesake nearest the article's other places
    (see the module docstring); the same name gets the same referent throughout.  Names with a span in
    `fixed` (already read in a stated division, as listed counties are) keep their pick.

    Up to `ROUNDS` passes, each from the picks the last one made, until none moves: a name moved in one
    pass weighs fully in the next ("Boone County" moved to Indiana then draws "Lebanon", read as the
    country, to its county seat, which its namesake's weight alone could not); after the first pass only
    names read as a country or a first-level division may move (`settle`)."""
    for round_ in range(ROUNDS):
        resolved, context, moved = settle(resolved, context, text, fixed, divisions_only=round_ > 0)
        if not moved:
            break
    return resolved


def settle(resolved: list[Resolved], context: DocumentContext, text: str, fixed: AbstractSet[tuple[int, int]],
           divisions_only: bool = False) -> tuple[list[Resolved], DocumentContext, bool]:
    """One pass of `cohere`: the names moved, the context (with the divisions `home_divisions` found and
    those the names were read as), and whether any name moved.  With `divisions_only` (the passes after the
    first) only names read as a country or a first-level division may move: a settlement moved on the
    strength of another name's move could carry a misread name's error along."""
    names: dict[str, tuple[Place, list[Place]]] = {}
    keep: set[str] = set()
    for s, e, place, places in resolved:
        key = fold(text[s:e])
        names.setdefault(key, (place, places))
        if (s, e) in fixed:
            keep.add(key)
    read = {pick.admin1 for pick, _ in names.values() if pick.kind == "admin1" and pick.admin1}
    if not read <= context.admin1:  # a division read as such ("Georgia" beside "Atlanta") is named too
        context = DocumentContext(context.countries, context.admin1 | read, context.votes)
    moved = home_divisions(names, context)
    if moved:
        votes = context.votes.copy()
        votes.update({d.admin1: 1.0 for d in moved.values()})
        context = DocumentContext(context.countries, context.admin1 | {d.admin1 for d in moved.values()}, votes)
        names.update({key: (d, names[key][1]) for key, d in moved.items()})
    pools = {key: namesake_pool(key, pick, places) for key, (pick, places) in names.items()}
    if sum(len(p) > 1 for p in pools.values()) == 0:
        return _moved(resolved, moved, text), context, bool(moved)
    keys = list(pools)
    grid: dict[tuple[int, int], list[tuple[int, Place, float]]] = defaultdict(list)
    for i, key in enumerate(keys):
        pick = names[key][0]
        other = 1.0 / math.sqrt(len(pools[key])) if pools[key] else 0.0  # the pick weighs 1
        for p in pools[key]:
            grid[_cell(p)].append((i, p, 1.0 if p.key == pick.key else other))
    picked = Counter(pick.country_code for pick, _ in names.values())
    for i, key in enumerate(keys):
        pick, places = names[key]
        pool = pools[key]
        if key in keep or not movable(pick, key, context) or len(pool) < 2 and (not pool or pool[0].key == pick.key):
            continue
        if divisions_only and pick.kind not in ("country", "admin1"):
            continue
        if pick.kind != "country" and pick.country_code in context:
            pool = [p for p in pool if p.country_code == pick.country_code]
        own = own_votes(places)
        best, best_total = pick, _total(pick, places, own, context, proximity(i, pick, grid))
        for cand in pool:
            if cand.key == pick.key or (cand.country_code != pick.country_code
                                        and picked[cand.country_code] <= picked[pick.country_code] - 1):
                continue  # another country only where more of the other names were read
            near = proximity(i, cand, grid)
            if near < (MIN_PROXIMITY if pick.kind in ("city", "county") else MIN_PROXIMITY_AGAINST_DIVISION):
                continue
            total = _total(cand, places, own, context, near)
            if total > best_total:
                best, best_total = cand, total
        if best.key != pick.key and not (pick.kind in ("country", "admin1")
                                         and _country_supported(pick, key, names)):
            moved[key] = best
    return _moved(resolved, moved, text), context, bool(moved)


def _moved(resolved: list[Resolved], moved: dict[str, Place], text: str) -> list[Resolved]:
    if not moved:
        return resolved
    return [(s, e, moved.get(fold(text[s:e]), place), places) for s, e, place, places in resolved]


def home_divisions(names: dict[str, tuple[Place, list[Place]]], context: DocumentContext) -> dict[str, Place]:
    """"Georgia" with "Atlanta": a country no other name places the article in (nor next to) gives way to
    the first-level division of its name that the other names vote for (at least `MIN_EVIDENCE`)."""
    out = {}
    for key, (pick, places) in names.items():
        if pick.kind != "country":
            continue
        divisions = [p for p in places if p.kind == "admin1" and namesake_of(p, key)]
        if not divisions or _country_supported(pick, key, names):
            continue
        # a name read as a country cast no division vote: all of the division's votes are the other names'
        support, best = max(((context.votes[d.admin1], d) for d in divisions), key=lambda sd: sd[0])
        if support >= MIN_EVIDENCE:
            out[key] = best
    return out


def movable(pick: Place, key: str, context: DocumentContext) -> bool:
    """May the pick give way to a namesake?  Not a division, a curated place, a settlement in a first-level
    division the article names, or a national capital in its own country ("Washington")."""
    if pick.kind not in ("city", "county", "country", "admin1"):
        return False
    if pick.admin1 and pick.admin1 in context.admin1:
        return False
    return (pick.country_code, key) not in capitals()


def proximity(i: int, cand: Place, grid: dict[tuple[int, int], list[tuple[int, Place, float]]]) -> float:
    """Sum over the other names (not name `i`) of the best weight x closeness of their namesakes to `cand`."""
    if cand.latitude is None or cand.kind not in ("city", "county"):
        return 0.0
    la, lo = _cell(cand)
    best: dict[int, float] = {}
    for dla in (-1, 0, 1):
        for dlo in (-1, 0, 1):
            for j, q, w in grid.get((la + dla, lo + dlo), ()):
                if j == i:
                    continue
                d = _km(cand, q)
                if d < NEAR_KM:
                    c = w * (1.0 - d / NEAR_KM)
                    if c > best.get(j, 0.0):
                        best[j] = c
    return sum(best.values())


def _total(p: Place, places: list[Place], own: dict[str, float], context: DocumentContext, near: float) -> float:
    """Proximity plus the other names' division votes plus the population prior (`resolve`)."""
    return near + context.division_support(p, places, own) + POPULATION_PRIOR * math.log10(1 + p.population)


def _country_supported(country: Place, key: str, names: dict[str, tuple[Place, list[Place]]]) -> bool:
    """Was another name of the article read in the country or a neighbour ("Peru" with "Lima" or "Chile")?"""
    near = {country.country_code, *neighbours(country.country_code)}
    return any(k != key and pick.country_code in near for k, (pick, _) in names.items())
