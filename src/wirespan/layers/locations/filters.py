"""Filters that drop candidates which are not places: person names, currencies, unsupported small towns.

Why: most gazetteer names are also surnames, given names or common words;
a small settlement is kept only with supporting context.
"""

from __future__ import annotations

import re

from wirespan.layers.locations.gazetteer import Place
from wirespan.layers.locations.lexicon import COMMON_WORDS, CURRENCY_WORDS, ORG_HEADS, PERSON_TITLES
from wirespan.layers.locations.tokens import Token, sentence_initial, words_after
from wirespan.layers.locations.resolve import settlement_noun_before
from wirespan.text.fold import fold

#: a settlement with no supporting context must be at least this big.
MIN_POP_NO_CONTEXT = 15_000
#: ... or this big when it is also the first word of a sentence.
MIN_POP_SENTENCE_INITIAL = 100_000


def person_like(text: str, start: int, end: int, toks: list[Token], tok_index: dict[int, int],
                 rs: int) -> bool:
    """Given-name + surname sequences and titles mark a person, not a place."""
    i = tok_index.get(start)
    if i is None:
        return False
    prev = toks[i - 1] if i > 0 else None
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


def followed_by_name(text: str, end: int) -> bool:
    m = re.match(r" ([A-Z][a-z]+)\b", text[end:end + 40])
    if not m:
        return False
    return not re.match(rf" (?:[A-Z][\w’'-]*[ \t]+){{0,3}}(?:{ORG_HEADS})\b", text[end:end + 80])


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

