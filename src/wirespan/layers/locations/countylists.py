"""Listed counties: "Polk, Lake and Marion counties" names three US counties, the plural noun shared.

Why a parser of its own: the list's names are read only because of the
plural noun after them, so the list is found from the noun backwards, over
a bounded window (a long capitalised comma list costs no more than a short
one: the stage stays linear in the text's length).  Which names are *not*
counties matters as much: a US state or a country in the list ("Washington
and Oregon counties", "across Texas, Harris and Fort Bend counties") is
left to the other rules, a sentence that names another country ("Kent and
Essex counties in England") is not read as US counties, and a list with a
name no county bears ("Union and Confederate counties") is not read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirespan.layers.locations.candidates import candidates
from wirespan.layers.locations.gazetteer import Gazetteer, Place
from wirespan.layers.locations.lexicon import NATIONAL_ADJECTIVES
from wirespan.layers.locations.tokens import NAME_ABBREVIATIONS, Tokens, tokenize
from wirespan.text.fold import fold
from wirespan.text.sentences import split_sentences

#: a list of more names than this is not read (its start lies beyond what the parser looks at).
MAX_LISTED_NAMES = 12
#: the parser reads at most this many characters before the plural noun, and as far around it for the sentence.
MAX_LIST_CHARS = 400
#: words in one listed name ("Prince George's", "St. Lucie", "Fort Bend").
MAX_NAME_WORDS = 3
#: the plural nouns, lower case only (AP style); headline case ("Counties") is left to the other rules.
PLURAL_NOUNS = {"counties": "County", "parishes": "Parish"}
PLURAL = re.compile(r"\b(counties|parishes)\b")
#: tokens of the window before the noun: "St."-type abbreviations, words, any other single character.
LIST_TOKEN = re.compile(rf"(?:{'|'.join(sorted(NAME_ABBREVIATIONS))})\.(?=[ \t])|[\w'’-]+|\S")
_GAP = re.compile(r"[ \t]+")
_CONJUNCTIONS = ("and", "or")


@dataclass(frozen=True)
class ListedName:
    """One name of a list: its span and its candidate counties (all namesake counties, or those of the
    states that hold most of the list's names)."""

    start: int
    end: int
    counties: list[Place]


def gap(text: str, a: int, b: int) -> bool:
    """Only blanks (no line break, no punctuation) between offsets a and b."""
    return b > a and _GAP.fullmatch(text, a, b) is not None


def name_word(tok: re.Match) -> bool:
    """A capitalised word (or "St."): part of a listed name."""
    return tok.group()[0].isupper()


def list_before(text: str, noun_start: int, floor: int) -> list[list[tuple[int, int]]] | None:
    """The names of a list closed by "and"/"or" that ends just before `noun_start`, right to left as the
    word spans of each name (the leftmost name may hold words before it: "Both Lee"); None if there is none.

    Reads at most `MAX_LIST_CHARS` characters back (never before `floor`) and at most
    `MAX_LISTED_NAMES` names: a longer list is not read.
    """
    lo = max(floor, noun_start - MAX_LIST_CHARS)
    toks = list(LIST_TOKEN.finditer(text, lo, noun_start))
    i, right, tight, closed = len(toks) - 1, noun_start, False, False
    names: list[list[tuple[int, int]]] = []
    while True:
        words: list[tuple[int, int]] = []
        while i >= 0 and len(words) < MAX_NAME_WORDS and name_word(toks[i]):
            if not (toks[i].end() == right if tight and not words else gap(text, toks[i].end(), right)):
                break
            words.insert(0, toks[i].span())
            right, i = toks[i].start(), i - 1
        if not words or len(names) == MAX_LISTED_NAMES:
            return None
        names.append(words)
        if not closed:  # the last name: "and"/"or" (maybe after a comma) must come before it
            if i < 0 or toks[i].group() not in _CONJUNCTIONS or not gap(text, toks[i].end(), right):
                return None
            closed, right, i = True, toks[i].start(), i - 1
        tight = i >= 0 and toks[i].group() == "," and gap(text, toks[i].end(), right)
        if tight:
            right, i = toks[i].start(), i - 1
        elif len(names) > 1:
            break
        elif i < 0 or not gap(text, toks[i].end(), right):
            return None  # "and" glued to what comes before
    if i < 0 and lo > floor:
        return None  # the list may go on before the window
    return names


def listed_counties(text: str, start: int, end: int, gaz: Gazetteer) -> list[list[ListedName]]:
    """Every list of counties ("Polk, Lake and Marion counties") in text[start:end], one list of names each.

    A listed US state or country is left out (the other rules read it); the
    list is not read when another name has no county of its name or when its
    sentence names another country than the US.
    """
    out: list[list[ListedName]] = []
    if text.find("counties", start, end) < 0 and text.find("parishes", start, end) < 0:
        return out  # the plural nouns are literal words: a fast test before `PLURAL`
    for m in PLURAL.finditer(text, start, end):
        parsed = list_before(text, m.start(), start)
        if parsed is None:
            continue
        names = county_names(text, parsed, PLURAL_NOUNS[m.group(1)], gaz)
        if names and not foreign_sentence(text, start, end, m.start(), names, gaz):
            out.append(names)
    return out


def county_names(text: str, parsed: list[list[tuple[int, int]]], noun: str, gaz: Gazetteer) -> list[ListedName]:
    """The list's counties, left to right; [] when a name (not a state or country) has no county.

    The first name may carry words before it ("Both Lee", "In Polk"): its
    longest tail that is a county counts.  A first name set off by a comma
    that no county bears is an opening phrase, not part of the list ("On
    Monday, Polk and Lake counties").
    """
    out = []
    for k, words in enumerate(reversed(parsed)):
        found = None
        for t in range(len(words)) if k == 0 else range(1):
            s, e = words[t][0], words[-1][1]
            if state_or_country(text[s:e], gaz):
                found = ()
                break
            counties = [p for p in gaz.lookup(f"{text[s:e]} {noun}") if p.kind == "county"]
            if counties:
                found = (s, e, counties)
                break
        if found is None and not (k == 0 and len(parsed) > 2):
            return []
        if found:
            out.append(ListedName(*found))
    return together(out)


def state_or_country(name: str, gaz: Gazetteer) -> bool:
    """A country, or a US state: such a name in a list of counties is left to the other rules."""
    return any(p.kind == "country" or (p.kind == "admin1" and p.country_code == "US") for p in gaz.lookup(name))


def together(names: list[ListedName]) -> list[ListedName]:
    """Each name's counties narrowed to the states that hold most of the list's names ("Polk, Lake and
    Marion": Florida and Oregon have all three, Iowa two), so the list is read in one state."""
    counts: dict[str, int] = {}
    for n in names:
        for state in {p.admin1 for p in n.counties if p.admin1}:
            counts[state] = counts.get(state, 0) + 1
    if not counts:
        return names
    best = max(counts.values())
    states = {s for s, c in counts.items() if c == best}
    return [ListedName(n.start, n.end, [p for p in n.counties if p.admin1 in states] or n.counties) for n in names]


def foreign_sentence(text: str, start: int, end: int, noun: int, names: list[ListedName], gaz: Gazetteer) -> bool:
    """Does the sentence around the noun name a country other than the US (a country, a first-level
    division abroad, a demonym or national adjective: "in England", "the English coast")?"""
    lo, hi = max(start, noun - MAX_LIST_CHARS), min(end, noun + MAX_LIST_CHARS)
    sentence = next(((s, e) for s, e in split_sentences(text, lo, hi) if s <= noun < e), (lo, hi))
    listed = [(n.start, n.end) for n in names]
    every = tokenize(text, *sentence)
    kept = [k for k, s in enumerate(every.starts) if not any(ls <= s < le for ls, le in listed)]
    toks = Tokens(*([xs[k] for k in kept] for xs in (every.starts, every.ends, every.words)))
    for s, e, places in candidates(text, toks, gaz):
        if any(p.kind == "admin1" and p.country_code == "US" for p in places):
            continue
        if any(p.kind in ("country", "admin1") and p.country_code != "US" for p in places):
            return True
    return any(fold(w) in NATIONAL_ADJECTIVES or (fold(w) in gaz.demonyms and fold(w) != "american")
               for w in toks.words)
