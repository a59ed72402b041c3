"""Filters that drop candidates which are not places: person names, currencies, unsupported small towns.

Why: most gazetteer names are also surnames, given names or common words;
a small settlement is kept only with supporting context.
"""

from __future__ import annotations

import re

from wirespan.layers.locations.gazetteer import Place
from wirespan.layers.locations.lexicon import COMMON_WORDS, CURRENCY_WORDS, ORG_HEADS, PERSON_TITLES
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
        if (prev.text[0].isupper() and pw not in COMMON_WORDS and not prev.text.isupper()
                and text[prev.end:start] == " " and not sentence_initial(text, prev.start, rs)
                and not pw.endswith(("ian", "ese", "ish"))):
            return True
        if prev.text[0].isupper() and pw not in COMMON_WORDS and text[prev.end:start] == " " \
                and sentence_initial(text, prev.start, rs) and not pw.endswith(("ian", "ese", "ish")):
            return True
    return False


#: a capitalised word right after a name ("Lincoln Smith"); up to three capitalised words and an organisation noun.
_NAME_AFTER = re.compile(r" ([A-Z][a-z]+)\b")
_ORG_AFTER = re.compile(rf" (?:[A-Z][\w’'-]*[ \t]+){{0,3}}(?:{ORG_HEADS})\b")
#: ", <Place>" after a doubtful name ("Union, Ky."): one or two capitalised words and a stop.
_PLACE_AFTER = re.compile(r",[ \t]+[A-Z][a-z]*\.?(?:[ \t]*[A-Z][a-z]*\.?)?(?:[,.;:!?\s]|$)")


def followed_by_name(text: str, end: int) -> bool:
    m = _NAME_AFTER.match(text[end:end + 40])
    if not m:
        return False
    return not _ORG_AFTER.match(text[end:end + 80])


def is_currency(text: str, end: int) -> bool:
    words = words_after(text, end, 1)
    return bool(words) and words[0] in CURRENCY_WORDS


def accept_settlement(text: str, s: int, e: int, place: Place, context_cc: set[str], rs: int) -> bool:
    """Small places need support: article country, a settlement noun, or size."""
    initial = sentence_initial(text, s, rs)
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
