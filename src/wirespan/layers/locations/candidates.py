"""Candidate place names: longest gazetteer matches, datelines, misspellings and plurals.

Why longest match over capitalised runs: multi-word names ("New York",
"Rio de Janeiro") must win over their parts.
"""

from __future__ import annotations

import re

from wirespan.layers.locations.gazetteer import Gazetteer, Place, load_supplement
from wirespan.layers.locations.divisions import (dotted_state_pattern, state_abbreviation_pattern,
                                                  us_state_names)
from wirespan.layers.locations.lexicon import COMMON_WORDS
from wirespan.layers.locations.tokens import PlaceMention, Tokens, joinable_gap
from wirespan.text.fold import fold
from wirespan.text.regions import RegionIndex

MAX_NAME_TOKENS = 5


def candidates(text: str, toks: Tokens, gaz: Gazetteer) -> list[tuple[int, int, list[Place]]]:
    """Longest-match gazetteer lookups over capitalised token runs.

    Why the reach: a run of n tokens is a name candidate only when every gap
    inside it is joinable and each shorter run begins some indexed name
    (`Gazetteer.continues`: the folded run plus a space starts a key - the
    fold of a run is the folds of its tokens joined by single spaces), so
    the longest such run bounds every n tried; gaps are tested once per
    start instead of once per (start, n) pair, and lookups only for runs
    that end on a capitalised token.
    """
    out = []
    starts, ends, words = toks.starts, toks.ends, toks.words
    count = len(words)
    capital = [w[0].isupper() for w in words]
    after = 0  # the first token not inside a name already found
    for i in [k for k, c in enumerate(capital) if c]:
        if i < after:
            continue
        start = starts[i]
        reach = 1  # tokens i .. i + reach - 1 are joined by joinable gaps and begin some name
        while (reach < MAX_NAME_TOKENS and i + reach < count
               and joinable_gap(text[ends[i + reach - 1]:starts[i + reach]], words[i + reach - 1])
               and gaz.continues(text[start:ends[i + reach - 1]])):
            reach += 1
        for n in range(reach, 0, -1):
            last = i + n - 1
            if not capital[last]:
                continue
            places = gaz.lookup(text[start:ends[last]])
            if places:
                out.append((start, ends[last], places))
                after = i + n
                break
    return out


def allowed_upper(surface: str, places: list[Place], gaz: Gazetteer) -> bool:
    """All-caps tokens: only abbreviations that name a country (US, UK)."""
    core = surface.replace(".", "")
    if not core.isupper() or len(core) > 4:
        return True
    return any(p.kind == "country" for p in places) and surface in upper_set()


def upper_aliases() -> frozenset[str]:
    aliases = load_supplement()["country_aliases"]
    return frozenset(a for v in aliases.values() for a in v if a.replace(".", "").isupper())


_UPPER = None


def upper_set() -> frozenset[str]:
    global _UPPER
    if _UPPER is None:
        _UPPER = upper_aliases()
    return _UPPER


#: "ODESA, Ukraine (Agency) —": an all-caps city, a comma, a capitalised country, then a bracket or a dash.
DATELINE = re.compile(r"\s*([A-Z][A-Z'’ -]{1,30}?),\s+([A-Z][\w .]+?)\s*(?:\(|[—–-])")


def dateline_place(text: str, rs: int, re_: int, gaz: Gazetteer) -> PlaceMention | None:
    """"ODESA, Ukraine (Agency) —" / "ODSA, Ukraine –": an all-caps city then a country; "COLUMBIA, Mo. —": then
    a first-level division, whose namesake it is (none found: no dateline place, the later rules read it)."""
    m = DATELINE.match(text, rs, re_)
    if not m:
        return None
    city = m.group(1).strip()
    where = division_after_comma(text, m.end(1), m.end(2), gaz)
    cc = where.country_code if where is not None and where.kind == "country" else None
    hits = [p for p in gaz.lookup(city) if p.kind == "city" and (cc is None or p.country_code == cc)]
    if where is not None and where.kind == "admin1":  # "COLUMBIA, Mo. -": only its namesake, else the later rules
        hits = [p for p in hits if p.admin1 and p.admin1 == where.admin1]
        if not hits:
            return None
    if not hits:
        hits = gaz.fuzzy(city, threshold=80.0, country_code=cc)
    if not hits:
        return None
    place = max(hits, key=lambda p: p.population)
    s = m.start(1)
    return PlaceMention(s, s + len(city), city, place, place.feature, "literal")


def division_after_comma(text: str, comma: int, end: int, gaz: Gazetteer) -> Place | None:
    """The country or first-level division that text[comma:end] (", Ukraine", ", Mo.", ", Tennessee") names
    after its comma: a country first, then a US state abbreviation, then a division; None for anything else
    ("SPORTS, Page B1")."""
    name = text[comma + 1:end].strip()
    countries = [p for p in gaz.lookup(name) if p.kind == "country"]
    if countries:
        return countries[0]
    states = [p for _, _, p in state_abbreviations(text, comma, min(len(text), end + 1), gaz)]
    states += [p for p in gaz.lookup(name) if p.kind == "admin1"]
    return states[0] if states else None


def fuzzy_mentions(text: str, toks: Tokens, gaz: Gazetteer, found: list[PlaceMention],
                    persons: set[str], region_toks) -> list[PlaceMention]:
    """Long capitalised words with no exact entry: close misspellings of big places."""
    taken = RegionIndex((m.start, m.end) for m in found)
    fuzzy: dict[str, list[Place]] = {}  # a misspelt name recurs; the fuzzy search costs milliseconds
    out = []
    starts, ends, words = toks.starts, toks.ends, toks.words
    count = len(words)
    for i in [k for k, w in enumerate(words) if len(w) >= 7]:  # the first test below, for every word at once
        w = words[i]
        if not w[0].isupper() or w.isupper() or fold(w) in COMMON_WORDS or fold(w) in persons:
            continue
        if w.lower().endswith(("ian", "ians", "ese", "ish", "ean", "eans", "an", "ans", "ism", "ist", "ists")):
            continue
        if starts[i] in taken or fold(w) in gaz.demonyms or fold(w).rstrip("s") in gaz.demonyms:
            continue
        if i and words[i - 1][0].isupper() and text[ends[i - 1]:starts[i]] == " " \
                and words[i - 1].lower() not in COMMON_WORDS:
            continue
        if i + 1 < count and words[i + 1][0].isupper() and text[ends[i]:starts[i + 1]] == " ":
            continue
        if gaz.lookup(w):
            continue
        plural = plural_place(w, gaz)
        if plural is not None:
            out.append(PlaceMention(starts[i], ends[i] - 1, w[:-1], plural, plural.feature, "metonymic"))
            continue
        if w not in fuzzy:
            fuzzy[w] = gaz.fuzzy(w, threshold=90.0)
        hits = fuzzy[w]
        if hits:
            p = hits[0]
            out.append(PlaceMention(starts[i], ends[i], w, p, p.feature))
    return out


def plural_place(word: str, gaz: Gazetteer) -> Place | None:
    """"no Stalingrads": a big place's name used as a type of event (span = the name)."""
    if not word.endswith("s") or word.endswith("ss"):
        return None
    hits = [p for p in gaz.lookup(word[:-1]) if p.kind == "country" or p.population >= 100_000]
    return hits[0] if hits else None



def state_abbreviations(text: str, start: int, end: int, gaz: Gazetteer) -> list[tuple[int, int, Place]]:
    """"Peoria, Ill." / "Columbia, SC": US states written as AP abbreviations or postal codes after a comma.

    The span keeps the abbreviation's point (SPEC §6 spans are the name as written).
    """
    out = []
    for m in state_abbreviation_pattern().finditer(text, start, end):
        out.extend(_state(m, gaz))
    taken = [(s, e) for s, e, _ in out]
    for m in dotted_state_pattern().finditer(text, start, end):
        if not any(m.start(1) < e and m.end(1) > s for s, e in taken):
            out.extend(_state(m, gaz))
    out.sort(key=lambda x: x[0])
    return out


def _state(m: re.Match[str], gaz: Gazetteer) -> list[tuple[int, int, Place]]:
    """The US state of an abbreviation match (group 1), written with or without inner spaces ("N. Y.")."""
    surface = m.group(1)
    name = us_state_names().get(surface, surface)
    states = [p for n in (name, name.replace(" ", "")) for p in gaz.lookup(n)
              if p.kind == "admin1" and p.country_code == "US"]
    return [(m.start(1), m.end(1), states[0])] if states else []


#: head nouns kept inside the span of a named feature ("Laurel County", "Neches River", "Napa Valley").
FEATURE_HEADS = {"County": "region", "Parish": "region", "Valley": "region", "River": "river", "Creek": "river"}
_NAMED_FEATURE = re.compile(r"\b((?:[A-Z][\w'’.-]*[ \t]){1,3})(" + "|".join(FEATURE_HEADS) + r")\b")
#: the head nouns alone: a region without one has no named feature (a fast test before `_NAMED_FEATURE`).
_FEATURE_HEAD = re.compile("(?:" + "|".join(FEATURE_HEADS) + r")\b")


def named_features(text: str, start: int, end: int, gaz: Gazetteer) -> list[tuple[int, int, list[Place]]]:
    """"X County", "X River", "X Valley" as one name, with the county's record when the gazetteer has it.

    A river whose name is already complete without the head noun keeps the
    SPEC §6 span (the proper name without the generic noun); a name the
    gazetteer lacks gets a record without id or coordinates.
    """
    out: list[tuple[int, int, list[Place]]] = []
    if not _FEATURE_HEAD.search(text, start, end):
        return out
    for m in _NAMED_FEATURE.finditer(text, start, end):
        words = m.group(1).split()
        if any(p.feature == "river" for i in range(len(words)) for p in gaz.lookup(" ".join(words[i:]))):
            continue
        while words and fold(words[0]) in COMMON_WORDS:
            words.pop(0)
        if not words:
            continue
        name = " ".join(words)
        head = m.group(2)
        s = m.start(1) + m.group(1).index(name)
        e = m.end(2)
        places = gaz.lookup(text[s:e])
        if not places:
            s, places = known_tail(text, s, e, gaz)
        if not places:
            places = [Place(key=f"feature:{fold(text[s:e])}", name=text[s:e], feature=FEATURE_HEADS[head],
                            country_code=None, geonames_id=None, latitude=None, longitude=None, kind="feature")]
        out.append((s, e, places))
    return out


def known_tail(text: str, s: int, e: int, gaz: Gazetteer) -> tuple[int, list[Place]]:
    """"Springfield-Greene County", "Leadership Henry County": the longest tail the gazetteer knows as a
    county ("Greene County"), when the whole name is unknown; else `s` and no places."""
    for m in re.finditer(r"[ \t-]", text[s:e]):
        cut = s + m.end()
        places = [p for p in gaz.lookup(text[cut:e]) if p.kind == "county"]
        if places:
            return cut, places
    return s, []
