"""Filters that drop candidates which are not places: person names, currencies, unsupported small towns.

Why: most gazetteer names are also surnames, given names or common words;
a small settlement is kept only with supporting context.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wirespan.layers.locations.gazetteer import Place
from wirespan.layers.locations.lexicon import (CIVIC_TITLES, COMMON_WORDS, CURRENCY_WORDS, ORG_HEADS, PERSON_TITLES,
                                              PLACE_MODIFIERS)
from wirespan.layers.locations.tokens import Tokens, sentence_initial, words_after, words_before
from wirespan.layers.locations.resolve import settlement_noun_before
from wirespan.text.fold import fold

#: a settlement with no supporting context must be at least this big.
MIN_POP_NO_CONTEXT = 15_000
#: ... or this big when it is also the first word of a sentence.
MIN_POP_SENTENCE_INITIAL = 100_000


def person_like(text: str, start: int, end: int, toks: Tokens, tok_index: dict[int, int],
                 rs: int) -> bool:
    """Given-name + surname sequences and titles mark a person, not a place."""
    i = tok_index.get(start)
    if i is None:
        return False
    prev = toks.token(i - 1) if i > 0 else None
    if prev is not None and text[prev.end:start] in (" ", ". "):
        pw = prev.text.lower()
        if pw in PERSON_TITLES:
            return True
        if pw in PLACE_MODIFIERS:
            return False
        if (prev.text[0].isupper() and pw not in COMMON_WORDS and not prev.text.isupper()
                and text[prev.end:start] == " " and not sentence_initial(text, prev.start, rs)
                and not pw.endswith(("ian", "ese", "ish"))):
            return True
        if prev.text[0].isupper() and pw not in COMMON_WORDS and text[prev.end:start] == " " \
                and sentence_initial(text, prev.start, rs) and not pw.endswith(("ian", "ese", "ish")):
            return True
    return False


#: "Miss Halloway", "Gen. Allen": a title (optionally with its point) and then a capitalised word.
_TITLE_THEN_NAME = re.compile(r"\.?[ \t]+[A-Z][a-z]")


def title_word(text: str, start: int, end: int) -> bool:
    """Is the name itself a person's title before a name ("Miss Halloway": "Miss" is also an abbreviation
    of Mississippi)?  A title followed by a capitalised word introduces the person, not a place; after a
    comma it is the state ("Jackson, Miss. The storm")."""
    return (text[start:end].lower() in PERSON_TITLES and text[max(0, start - 2):start] != ", "
            and _TITLE_THEN_NAME.match(text, end, end + 4) is not None)


def named_person(text: str, start: int, toks: Tokens, tok_index: dict[int, int], given: frozenset[str]) -> bool:
    """Is the word before the name a title or a known given name ("Mr. Lincoln", "Abraham Lincoln")?  Only then
    does `person_like` make the name a person throughout the article; after another capitalised word
    ("Leadership Henry County", "Education Minnesota") only that mention is dropped."""
    i = tok_index.get(start)
    if not i:
        return False
    pw = toks.words[i - 1].lower()
    return text[toks.ends[i - 1]:start] in (" ", ". ") and (pw in PERSON_TITLES or pw in given)


#: a capitalised word right after a name ("Lincoln Smith"); up to three capitalised words and an organisation noun.
_NAME_AFTER = re.compile(r" ([A-Z][a-z]+)\b")
#: a civic title and a name after a place ("Gainesville Mayor Ann Cole", "Dublin Sen. Ray Hill"): the title's place.
_TITLE_AFTER = re.compile(rf" (?i:{'|'.join(sorted(CIVIC_TITLES))})\.?[ \t]+[A-Z]")
_ORG_AFTER = re.compile(rf" (?:[A-Z][\w’'-]*[ \t]+){{0,3}}(?:{ORG_HEADS})\b")
#: ", <Place>" after a doubtful name ("Union, Ky."): one or two capitalised words and a stop.
_PLACE_AFTER = re.compile(r",[ \t]+[A-Z][a-z]*\.?(?:[ \t]*[A-Z][a-z]*\.?)?(?:[,.;:!?\s]|$)")


def followed_by_name(text: str, end: int) -> bool:
    m = _NAME_AFTER.match(text[end:end + 40])
    if not m or _TITLE_AFTER.match(text, end, end + 40):
        return False
    return not _ORG_AFTER.match(text[end:end + 80])


def is_currency(text: str, end: int) -> bool:
    words = words_after(text, end, 1)
    return bool(words) and words[0] in CURRENCY_WORDS


#: what follows the place of a dateline: perhaps ", <state>" and "(<agency>)", then a dash ("CROMWELL —",
#: "PAXTON, Ill. (AP) —"; \x97 is the em dash of Windows-1252 read as Latin-1).
_DATELINE_TAIL = re.compile(r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?[ \t]*(?:\([A-Z][\w .&-]{0,20}\)[ \t]*)?"
                            r"(?:[—–\x97]|--|-(?=[ \t]))")


def dateline(text: str, s: int, e: int, rs: int) -> bool:
    """An all-caps name that opens a sentence and is followed by a dash, perhaps after a state and an agency:
    the place a story is filed from ("GRANTVILLE — A man ...", "ELYSIAN, Minn. -- ")."""
    surface = text[s:e]
    return (surface.isupper() and len(surface) > 2 and sentence_initial(text, s, rs)
            and bool(_DATELINE_TAIL.match(text, e, e + 40)))


def accept_settlement(text: str, s: int, e: int, place: Place, context_cc: set[str], rs: int) -> bool:
    """Small places need support: article country, a settlement noun, a dateline, or size."""
    initial = sentence_initial(text, s, rs)
    if dateline(text, s, e, rs):
        return True
    if settlement_noun_before(text, s) or words_after(text, e, 1)[:1] in (["region"], ["district"], ["oblast"], ["raion"]):
        return True
    if place.population >= MIN_POP_SENTENCE_INITIAL:
        return True
    if place.country_code in context_cc and place.population >= 1_000:
        # Alternate names of small places are unreliable (an ordinary surname can be the alias of a US town).
        if fold(text[s:e]) != fold(place.name) and place.population < MIN_POP_NO_CONTEXT:
            return False
        return not initial or place.population >= MIN_POP_NO_CONTEXT
    return place.population >= MIN_POP_NO_CONTEXT and not initial



#: possessive determiners make a name a pet, a dish or a brand, never a place ("her Chihuahua", "his Turkey");
#: an article does not ("a Texas man").
DETERMINERS = frozenset("his her my our their your".split())
#: prepositions of place that support a doubtful name ("in Union", "near Hall").
PLACE_PREPOSITIONS = frozenset("in at near from to into outside toward towards around across through".split())
#: a settlement at least this big is known by its name, even when it is also a word or a given name.
DOUBTFUL_MAX_POPULATION = 250_000
#: a name followed by one of these is the person who speaks ("Lincoln said").
SPEECH_VERBS = frozenset("said says told tells added adds wrote writes explained noted asked recalled".split())


#: nouns that only a person has: "in Anderson's hometown of Odense", "Carson's widow" (kin, home town, life story).
PERSON_POSSESSIONS = frozenset("""hometown birthplace wife husband widow widower son sons daughter daughters mother
father parents brother brothers sister sisters girlfriend boyfriend fiance fiancee fiancée funeral
autobiography memoir memoirs biography""".split())
#: "'s" then at most one of these before the noun ("Anderson's late wife").
_POSSESSION = re.compile(r"['’]s[ \t]+(?:(?:late|former|estranged|elder|eldest|older|younger|youngest|only|"
                         r"first|second|new)[ \t]+)?(\w+)")


def person_possession(text: str, end: int) -> bool:
    """"Anderson's hometown", "Carson's late wife": the name owns what only a person has, so it is a person,
    even after a preposition of place ("in Anderson's hometown of Odense")."""
    m = _POSSESSION.match(text, end, end + 40)
    return bool(m) and m.group(1).lower() in PERSON_POSSESSIONS


#: team-sheet labels of sports reports, before a colon and a list of players ("Subs not used: Hislop, Cisse.").
_SHEET_LABEL = (r"(?:Subs|Substitutes|Replacements|Reserves)(?:[ \t]+[Nn]ot[ \t]+[Uu]sed)?|Booked|Bookings|"
                r"Cautioned|Sent[ \t]+[Oo]ff|Dismissed|Scorers?|Goals?|Tries|Cons|Pens|Drop[ \t]+[Gg]oals?|"
                r"Yellow[ \t]+[Cc]ards?|Red[ \t]+[Cc]ards?|Sin[ \t]+[Bb]in")
#: one player of a team sheet: a name (up to three capitalised words), perhaps minutes, perhaps a bracket.
_PLAYER = (r"[A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’-]*){0,2}(?:[ \t]\d{1,3}'?(?:,[ \t]\d{1,3}'?)*)?"
           r"(?:[ \t]\([^()\n]{0,30}\))?")
_SHEET_BEFORE = re.compile(rf"\b(?:{_SHEET_LABEL})[ \t]*:[ \t]*(?:{_PLAYER},[ \t]+)*$")
#: "(Ronaldo 33)": a player brought on in that minute; before the name ("Fletcher (Giggs 64)"), the one replaced.
_MINUTE_AFTER = re.compile(r"[ \t]\d{1,3}'?\)")
_SUBSTITUTION = re.compile(r"\([A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){0,2}[ \t]\d{1,3}'?\)")
_REPLACED_BY = re.compile(r"[ \t]" + _SUBSTITUTION.pattern)
#: a line-up: a comma list of players (before and after the name), one of them with a bracketed substitution.
_PLAYERS_BEFORE = re.compile(rf"(?:{_PLAYER},[ \t]+)+$")
_PLAYERS_AFTER = re.compile(rf"(?:,[ \t]+{_PLAYER})+")
#: least number of other players in a line-up list.
LINEUP_MIN_ITEMS = 3


def in_team_sheet(text: str, start: int, end: int) -> bool:
    """Is the name a player of a sports team sheet?

    Three general forms of the line-ups that sports reports print: an item
    of a list after a team-sheet label ("Subs not used: Weir, Vaughan",
    "Booked: Jordan"); a name in a bracket with the minute it came on
    ("(Fletcher 66)"); and a name followed by such a bracket ("Morley
    (Ryan 79)"), or standing in a comma list of names that has one.
    """
    if text[start - 1:start] == "(" and _MINUTE_AFTER.match(text, end, end + 6):
        return True
    if _REPLACED_BY.match(text, end, end + 40):
        return True
    if text.find(":", max(0, start - 300), start) != -1 and _SHEET_BEFORE.search(text, max(0, start - 300), start):
        return True
    if text[start - 2:start] != ", " and text[end:end + 2] != ", ":
        return False
    before = _PLAYERS_BEFORE.search(text, max(0, start - 300), start)
    after = _PLAYERS_AFTER.match(text, end, end + 300)
    items = (before.group() if before else "") + text[start:end] + (after.group() if after else "")
    return items.count(",") >= LINEUP_MIN_ITEMS and bool(_SUBSTITUTION.search(items))


#: "the International Rugby Board", "International Olympic Committee": after this word a small town's name is a
#: sport or a field, not the town.
_INTERNATIONAL = re.compile(r"\bInternational[ \t]$")


def international_before(text: str, start: int, end: int, place: Place, places: list[Place]) -> bool:
    """A settlement or county right after "International" (the sport or field of an international body:
    "International Rugby Board"), unless the name is also a country, a first-level division or a city of
    `SURNAME_MAX_POPULATION` or more ("International New York Times")."""
    if place.kind not in ("city", "county") or not _INTERNATIONAL.search(text, max(0, start - 14), start):
        return False
    key = fold(text[start:end])
    return not any(p.kind in ("country", "admin1") or p.population >= SURNAME_MAX_POPULATION and fold(p.name) == key
                   for p in places)


def determiner_before(text: str, start: int) -> bool:
    """"her Chihuahua", "my Turkey": a possessive determiner makes the name a common noun or a brand."""
    before = words_before(text, start, 1)
    return bool(before) and before[-1] in DETERMINERS and text[start - 1:start] == " "


def speaker(text: str, end: int) -> bool:
    """"Lincoln said": the name is followed by a verb of saying."""
    after = words_after(text, end, 1)
    return bool(after) and after[0] in SPEECH_VERBS and text[end:end + 1] == " "


def place_support(text: str, start: int, end: int) -> bool:
    """Context that makes a doubtful name a place: a preposition of place, "the city of", or ", <Place>" after."""
    before = words_before(text, start, 1)
    if before and before[-1] in PLACE_PREPOSITIONS:
        return True
    if settlement_noun_before(text, start):
        return True
    return bool(_PLACE_AFTER.match(text[end:end + 30]))


def doubtful_name(surface: str, place: Place, given: frozenset[str], common: frozenset[str]) -> bool:
    """A settlement whose name is also a common first name or an English word ("Tyler", "Union")."""
    if place.kind not in ("city", "county") or surface.isupper() or place.population >= DOUBTFUL_MAX_POPULATION:
        return False
    key = fold(surface)
    return key in given or key in common


#: the gazetteer's lookup: a name -> its places.
Lookup = Callable[[str], list[Place]]
#: a settlement at least this big keeps its name when the article also uses the name as a surname ("Bolton").
SURNAME_MAX_POPULATION = 100_000
#: one item of a comma list of names: capitalised words, perhaps a bracket ("Hunt (Fadiga 14)").
_ITEM = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?(?: \([^()\n]{0,30}\))?"
_LIST_BEFORE = re.compile(rf"(?:{_ITEM}, )+$")
_LIST_AFTER = re.compile(rf"(?:, {_ITEM})+")
#: the words of an item, without its bracket.
_ITEM_LEAD = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?")


def surnames(text: str, toks: Tokens, given: frozenset[str]) -> frozenset[str]:
    """Folded words the article writes after a given name ("Kieron Dyer", "Gary Speed"): its persons' surnames.

    Why: a surname names the person elsewhere in the article too ("Dyer's
    header", a team sheet "Carr, Dyer, Faye"), where no first name is left
    to mark it.
    """
    out = set()
    words, starts, ends = toks.words, toks.starts, toks.ends
    for i in range(1, len(words)):
        word, prev = words[i], words[i - 1]
        if (word[0].isupper() and not word.isupper() and prev[0].isupper()
                and text[ends[i - 1]:starts[i]] == " " and fold(prev) in given):
            out.add(fold(word))
    return frozenset(out)


def strong_place_cue(text: str, start: int, end: int, gaz_lookup: Lookup) -> bool:
    """A preposition of place, "the city of", or ", <state or country>" after ("Jackson, Miss.")."""
    before = words_before(text, start, 1)
    if (before and before[-1] in PLACE_PREPOSITIONS) or settlement_noun_before(text, start):
        return True
    m = re.match(r",[ \t]+([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)", text[end:end + 30])
    return bool(m) and any(p.kind in ("admin1", "country") for p in gaz_lookup(m.group(1)))


def in_name_list(text: str, start: int, end: int, names: frozenset[str], gaz_lookup: Lookup) -> bool:
    """Is the name an item of a comma list of persons ("Speed, Gardner, Davies")?

    A list (at least two other items) is one of persons when more of its
    other items are the article's persons than are known places: a list of
    constituencies with one person-like item stays a list of places, and an
    apposition ("MP for Sedgefield, Tony Blair") is no list.
    """
    if text[start - 2:start] != ", " and text[end:end + 2] != ", ":
        return False
    items: list[str] = []
    m = _LIST_BEFORE.search(text, max(0, start - 300), start)
    if m:
        items.extend(_ITEM_LEAD.findall(m.group()))
    m = _LIST_AFTER.match(text, end)
    if m:
        items.extend(_ITEM_LEAD.findall(m.group()))
    if len(items) < 2:
        return False
    persons = sum(any(fold(w) in names for w in item.split()) for item in items)
    places = sum(any(p.kind in ("country", "admin1") or p.population >= SURNAME_MAX_POPULATION
                     for p in gaz_lookup(item)) for item in items)
    return persons > places


def surname_here(text: str, start: int, end: int, place: Place, known: frozenset[str], gaz_lookup: Lookup) -> bool:
    """A small settlement whose name the article uses as a surname, or that stands in a list of persons,
    is that person unless a place cue supports it ("in Dyer")."""
    if place.kind not in ("city", "county") or place.population >= SURNAME_MAX_POPULATION:
        return False
    key = fold(text[start:end])
    if key not in known and not in_name_list(text, start, end, known, gaz_lookup):
        return False
    return not strong_place_cue(text, start, end, gaz_lookup)
