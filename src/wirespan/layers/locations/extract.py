"""Baseline geoparser: location mentions (SPEC §6) from any English news text.

Why rules and a gazetteer rather than a model: the corpus is tiny, the
project must run offline and reproducibly, and every record needs GeoNames
ids that only a gazetteer lookup provides.  The pipeline is

1. tokenise; find the longest gazetteer names (multi-word, alternate,
   ASCII-folded, and - for all-caps datelines and long unknown words -
   close misspellings);
2. drop non-places: common words, person names (titles, given-name +
   surname sequences, names already seen as a person), organisations and
   buildings, "the West", currency names, demonyms (never in the index);
3. pick the referent: country context of the article, population, and the
   context nouns ("X region" -> the oblast, "X district" -> the raion,
   "the <River>, the ... city" -> the city);
4. classify `use` (metonymic / literal / embedded) from surrounding words,
   shared across coordinated names ("Russia and Ukraine said").

The function never reads gold data and contains no document-specific
strings: only general English word lists.
"""


from __future__ import annotations

from dataclasses import dataclass, field

from wirespan.layers.locations.candidates import (allowed_upper, candidates, dateline_place, fuzzy_mentions,
                                                  named_features, state_abbreviations, upper_set)
from wirespan.layers.locations.context import cohere
from wirespan.layers.locations.countylists import listed_counties
from wirespan.layers.locations.filters import (accept_settlement, determiner_before, doubtful_name, followed_by_name,
                                               in_team_sheet, international_before, is_currency, named_person,
                                               person_like, person_possession, place_support, speaker, surname_here,
                                               surnames, title_word)
from wirespan.layers.locations.gazetteer import Gazetteer, Place, get_gazetteer
from wirespan.layers.locations.home import Home, at_home, effective_home, home_votes
from wirespan.layers.locations.lexicon import COMMON_WORDS, EMBEDDED_RIGHT, NON_PLACES
from wirespan.layers.locations.resolve import (DocumentContext, choose, division_votes, listed_state,
                                               municipal_namesake, refine, retarget, stated_divisions)
from wirespan.layers.locations.tokens import PlaceMention, Tokens, possessive, tokenize, words_before
from wirespan.layers.locations.use import LITERAL_PREPS, classify_use, coordinated_groups
from wirespan.text.fold import fold
from wirespan.text.regions import ANNOTATABLE, regions

__all__ = ["ANNOTATABLE", "PlaceMention", "classify_use", "extract_locations", "place_mentions"]


@dataclass
class Found:
    """What the per-region pass recognised, before the document-level choices."""

    raw: list[tuple[int, int, list[Place], int]] = field(default_factory=list)
    mentions: list[PlaceMention] = field(default_factory=list)
    region_toks: list[tuple[int, int, Tokens]] = field(default_factory=list)
    abbreviated: list[tuple[int, int, Place, int]] = field(default_factory=list)
    #: "Polk and Marion counties": one list of (start, end, counties, region start) per list; no person/word filters
    listed: list[list[tuple[int, int, list[Place], int]]] = field(default_factory=list)


def find_in_region(text: str, rs: int, re_: int, gaz: Gazetteer, found: Found) -> None:
    """Candidates of one annotatable region: dateline, state abbreviations, "X County", listed counties,
    then the longest gazetteer names elsewhere."""
    toks = tokenize(text, rs, re_)
    found.region_toks.append((rs, re_, toks))
    dl = dateline_place(text, rs, re_, gaz)
    states = state_abbreviations(text, rs, re_, gaz)
    found.abbreviated.extend((s, e, place, rs) for s, e, place in states)
    features = named_features(text, rs, re_, gaz)
    found.raw.extend((s, e, places, rs) for s, e, places in features)
    taken = [(s, e) for s, e, _ in states] + [(s, e) for s, e, _ in features]
    for names in listed_counties(text, rs, re_, gaz):
        kept = [(n.start, n.end, n.counties, rs) for n in names
                if not any(n.start < fe and n.end > fs for fs, fe, _ in features)]
        found.listed.append(kept)
        taken.extend((s, e) for s, e, _, _ in kept)
    for s, e, places in candidates(text, toks, gaz):
        if (dl and s == dl.start) or any(s < ae and e > as_ for as_, ae in taken):
            continue
        found.raw.append((s, e, places, rs))
    if dl:
        found.mentions.append(dl)


def extract_locations(text: str, segments: list[dict] | None = None, home: Home | None = None) -> list[dict]:
    """Location mentions (SPEC §6) in `text`, inside annotatable `segments` if given; `home`, where the
    source is published, reads as a dateline the article did not print (`home`).

    Returns dicts with start, end, text, name, feature, country_code,
    geonames_id, latitude, longitude, use - sorted by (start, end).
    """
    return [_record(text, m) for m in place_mentions(text, segments, home)]


def place_mentions(text: str, segments: list[dict] | None = None, home: Home | None = None) -> list[PlaceMention]:
    """The mentions of `extract_locations`, with their places (what `infer_home` reads)."""
    gaz = get_gazetteer()
    found = Found()
    for rs, re_ in regions(text, segments):
        find_in_region(text, rs, re_, gaz, found)
    raw, mentions, region_toks, abbreviated = found.raw, found.mentions, found.region_toks, found.abbreviated
    # words that are never places here ("North", a common word, a title before a name: "Miss Halloway") name no
    # country or division for the context either
    raw = [(s, e, places, rs) for s, e, places, rs in raw if not never_place(text, s, e)]
    listed = [name for names in found.listed for name in names]
    context_cc = DocumentContext.of([*(places for _, _, places, _ in raw), *([p] for _, _, p, _ in abbreviated),
                                     *(places for _, _, places, _ in listed)])
    persons: set[str] = set()
    pick = Chooser(context_cc)
    kept: list[tuple[int, int, Place, int, list[Place]]] = [(s, e, p, rs, [p]) for s, e, p, rs in abbreviated]
    kept.extend((s, e, pick(places), rs, places) for s, e, places, rs in listed)
    all_toks = merged_tokens(region_toks)
    tok_index = dict(zip(all_toks.starts, range(len(all_toks))))
    known_surnames = surnames(text, all_toks, gaz.given_names)
    for s, e, places, rs in raw:
        surface = text[s:e]
        key = fold(surface)
        if not allowed_upper(surface, places, gaz) or (surface.replace(".", "").isupper()
                                                         and len(surface.replace(".", "")) <= 4
                                                         and surface not in upper_set()):
            continue
        if is_currency(text, e) or key in gaz.demonyms or key.rstrip("s") in gaz.demonyms \
                or determiner_before(text, s) or in_team_sheet(text, s, e):
            continue
        place = pick(places)
        if place.kind in ("city", "county") and place.population < 100_000 and speaker(text, e):
            persons.add(key)
            continue
        if international_before(text, s, e, place, places):
            continue
        if place.kind in ("city", "county") and person_possession(text, e):
            if place.population < 100_000:
                persons.add(key)
            continue
        if doubtful_name(surface, place, gaz.given_names, gaz.common_words) and not place_support(text, s, e):
            continue
        if person_like(text, s, e, all_toks, tok_index, rs):
            if place.kind != "country" or place.country_code not in context_cc:
                if (place.kind in ("city", "county") and place.population < 100_000
                        or named_person(text, s, all_toks, tok_index, gaz.given_names)):
                    persons.add(key)
                continue
        if surname_here(text, s, e, place, known_surnames, gaz.lookup):
            continue
        if (place.kind == "city" and followed_by_name(text, e)
                and (place.population < 100_000 or key in gaz.given_names)
                and (words_before(text, s, 1) or [""])[-1] not in LITERAL_PREPS):
            persons.add(key)
            continue
        kept.append((s, e, place, rs, places))
    admitted = [(s, e, place, rs, places) for s, e, place, rs, places in kept
                if (fold(text[s:e]) not in persons or place.kind == "country")
                and (place.kind != "city" or accept_settlement(text, s, e, place, context_cc, rs))]
    home = effective_home(home, text, gaz)
    if home is not None:  # the home chooses among a name's referents, never whether it is a place
        context_cc = at_home(context_cc, home)
        admitted = [(s, e, home_pick(text, s, e, place, places, rs, context_cc), rs, places)
                    for s, e, place, rs, places in admitted]
    accepted = [(s, e, place, places) for s, e, place, _, places in admitted]
    # Only names read as places inside a first-level division vote: "Warsaw" taken for Poland's capital
    # must not vote for Indiana (where a town shares its name).
    context_cc.votes = division_votes(places for _, _, place, places in accepted if place.admin1)
    home_votes(context_cc, home)
    pinned = listed_places(found.listed, context_cc)
    # a name once followed by what only a municipality has ("Lebanon City Council") is that town throughout
    towns = {fold(text[s:e]): town for s, e, place, places in accepted
             if (town := municipal_namesake(place, places, context_cc, text, s, e))}
    if towns:
        accepted = [(s, e, towns.get(fold(text[s:e]), place) if place.kind in ("country", "admin1") else place,
                     places) for s, e, place, places in accepted]
    # "Oak Creek, Wisconsin": a name with its state or country after a comma is the namesake there, throughout
    divisions = {s: (e, place) for s, e, place, _ in [*accepted, *((s, e, p, [p]) for s, e, p, _ in abbreviated)]
                 if place.kind in ("admin1", "country")}
    stated = stated_divisions(accepted, text, divisions)
    pinned.update({(s, e): there for s, e, _, _ in accepted
                   if (there := stated.get((s, e)) or stated.get(fold(text[s:e])))})
    refined = [(s, e, pinned.get((s, e)) or refine(place, places, context_cc, text[s:e]), places)
               for s, e, place, places in accepted]
    for s, e, place, _ in cohere(refined, context_cc, text, set(pinned)):
        mentions.append(PlaceMention(s, e, text[s:e], place, place.feature))
    mentions.extend(fuzzy_mentions(text, all_toks, gaz, mentions, persons, region_toks))
    mentions.sort(key=lambda m: (m.start, m.end))
    return with_uses(text, mentions, gaz)


def home_pick(text: str, s: int, e: int, place: Place, places: list[Place], rs: int,
              context: DocumentContext) -> Place:
    """The referent `choose` gives a recognised name with the home counted (`context`); the pick made without
    it when the new one is a settlement that a name not read as one would need support to be
    (`accept_settlement`, with the home's country counted as named)."""
    new = choose(places, context)
    if new.kind == "city" and place.kind != "city" and not accept_settlement(text, s, e, new, context, rs):
        return place
    return new


def never_place(text: str, s: int, e: int) -> bool:
    """A word that is no place wherever it stands: a non-place name ("North", "Kremlin"), a common word not in
    capitals, or a person's title before a name ("Miss Halloway")."""
    surface = text[s:e]
    key = fold(surface)
    return (key in NON_PLACES or (key in COMMON_WORDS and not surface.replace(".", "").isupper())
            or title_word(text, s, e))


class Chooser:
    """`choose` in one article's context, once per list of candidates.

    Why: an article names the same places again and again, each name's
    candidates are the same place objects in the same order (the
    gazetteer's memo), and `choose` reads only them and the context, which
    does not change while names are recognised; the lists are keyed by the
    identity of their places, all alive while the article is read.
    """

    def __init__(self, context: DocumentContext) -> None:
        self.context = context
        self.picked: dict[tuple[int, ...], Place] = {}

    def __call__(self, places: list[Place]) -> Place:
        key = tuple(map(id, places))
        place = self.picked.get(key)
        if place is None:
            place = self.picked[key] = choose(places, self.context)
        return place


def merged_tokens(region_toks: list[tuple[int, int, Tokens]]) -> Tokens:
    """The tokens of every region in text order (overlapping regions: sorted by start, stably)."""
    return Tokens.joined([toks for _, _, toks in region_toks])


def with_uses(text: str, mentions: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """Each mention's `use`, shared by coordinated names ("Russia and Ukraine said"), and its context
    referent ("X region" -> the region)."""
    out: list[PlaceMention] = []
    for group in coordinated_groups(mentions, text):
        g_start, g_end = group[0].start, group[-1].end
        is_country = all(m.place.kind == "country" for m in group)
        use = classify_use(text, g_start, g_end, is_country)
        for m in group:
            m2 = retarget(m, text, gaz, g_end, g_start)
            own = use
            if possessive(text, m.end) or EMBEDDED_RIGHT.match(text[m.end:m.end + 90]):
                own = classify_use(text, m.start, m.end, m.place.kind == "country")
            if m.use != "literal":
                own = m.use  # decided at recognition (plural name)
            elif m.text.isupper() and len(m.text) > 2 and m.place.kind == "city":
                own = "literal"  # all-caps dateline city
            m2.use = own
            out.append(m2)
    return out


def listed_places(lists: list[list[tuple[int, int, list[Place], int]]],
                  context: DocumentContext) -> dict[tuple[int, int], Place]:
    """Each list of counties read in one state (`listed_state`): span -> its county there."""
    out = {}
    for names in lists:
        state = listed_state([places for _, _, places, _ in names], context)
        for s, e, places, _ in names:
            there = [p for p in places if p.admin1 == state]
            if state and there:
                out[(s, e)] = max(there, key=lambda p: p.population)
    return out


def _record(text: str, m: PlaceMention) -> dict:
    assert text[m.start:m.end] == m.text
    rec = {"start": m.start, "end": m.end, "text": m.text}
    rec.update(m.place.record())
    rec["feature"] = m.feature
    rec["use"] = m.use
    return rec
