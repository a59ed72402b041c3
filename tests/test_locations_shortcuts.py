"""The location layer's shortcuts (#15) give what the plain computations give, on text written for the tests.

Each shortcut - word windows read word by word, the lookup memo, the
name-prefix test that stops a capitalised run early, the length-ranked
misspelling index, the literal tests before the feature and county-list
patterns, the token merge without a sort - is checked against the
computation it replaces.
"""

from __future__ import annotations

import random
import sys

import numpy as np
import pytest

from wirespan.layers.locations.candidates import MAX_NAME_TOKENS, candidates, named_features
from wirespan.layers.locations.countylists import listed_counties
from wirespan.layers.locations.extract import merged_tokens
from wirespan.layers.locations.fuzzyindex import FuzzyIndex, tagged_bigrams
from wirespan.layers.locations.gazetteer import get_gazetteer
from wirespan.layers.locations.tokens import (TOKEN, Token, Tokens, clause_words_after, clause_words_before,
                                              joinable, words_after, words_before)
from wirespan.text.fold import fold

SENTENCES = [
    "Officials in Rio de Janeiro and New York met delegates from St. Petersburg on Monday.",
    "President Donald Trump flew to Salt Lake City, Utah, then to the U.S.-Mexico border near El Paso.",
    "Her Chihuahua won in Buenos Aires; his Turkey dinner (with gravy) was served in Des Moines.",
    "“We are leaving Kyiv,” said the mayor of Mount Pleasant — a well-known anti-war voice.",
    "The city of Springfield and the village of Winnetka voted: 12 to 3_000 against Lake Forest.",
    "Polk, Lake and Marion counties closed schools; Orleans and Jefferson parishes did not.",
    "İstanbul, São Paulo and Zürich rose; KHARKIV, Ukraine - shelling resumed near Kramatorsk.",
    "Floods hit the Napa Valley and the Neches River while Laurel County and Henry County dried out.",
    "Tourists in Ho Chi Minh City, Port-au-Prince and Winston-Salem paid in Mexican pesos.",
]


def _random_text(rng: random.Random, length: int) -> str:
    pieces = ["Rio", "de", "Janeiro", "New", "York", "St", "Ft", "U.S.", "Kyiv", "anti-war", "İstanbul", "Zürich",
              "his", "of", "the", "city", " ", " ", " ", "-", "--", ". ", ", ", ";", "\n", "—", "“", "”", "(", ")",
              "'", "’s", "7", "_", "x"]
    return "".join(rng.choice(pieces) for _ in range(length))


def _texts() -> list[str]:
    rng = random.Random(15)
    return SENTENCES + [_random_text(rng, rng.randint(5, 60)) for _ in range(200)]


def test_word_windows_equal_the_whole_clause_read_and_sliced():
    for text in _texts():
        for pos in range(len(text) + 1):
            for n in range(1, 9):
                assert words_before(text, pos, n) == clause_words_before(text, pos)[-n:], (text, pos, n)
                assert words_after(text, pos, n) == clause_words_after(text, pos)[:n], (text, pos, n)


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def test_lookup_memo_gives_the_plain_answer_as_a_fresh_list(gaz):
    for name in ["Kiev", "Kyiv", "Georgia", "Washington", "New York", "Nowhere Special", "U.S.", "Springfield"]:
        first = gaz.lookup(name)
        assert first == list(gaz.ranked(name))
        first.clear()  # a caller's list is its own: the memo keeps the answer
        assert gaz.lookup(name) == list(gaz.ranked(name))


def _plain_candidates(text: str, toks: list[Token], gaz) -> list[tuple[int, int, list]]:
    """The candidate finder before #15: every run of up to five joinable tokens, longest first."""
    out = []
    i = 0
    while i < len(toks):
        if not toks[i].text[0].isupper():
            i += 1
            continue
        found = None
        for n in range(min(MAX_NAME_TOKENS, len(toks) - i), 0, -1):
            run = toks[i:i + n]
            if any(not joinable(text, a, b) for a, b in zip(run, run[1:])) or not run[-1].text[0].isupper():
                continue
            places = gaz.lookup(text[run[0].start:run[-1].end])
            if places:
                found = (run[0].start, run[-1].end, places, n)
                break
        if found:
            out.append(found[:3])
            i += found[3]
        else:
            i += 1
    return out


def _tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _as_lists(toks: list[Token]) -> Tokens:
    return Tokens([t.start for t in toks], [t.end for t in toks], [t.text for t in toks])


def test_candidates_with_the_name_prefix_test_equal_every_run_looked_up(gaz):
    for text in _texts():
        toks = _tokens(text)
        assert candidates(text, _as_lists(toks), gaz) == _plain_candidates(text, toks, gaz), text


def test_the_prefix_test_saves_lookups(gaz, monkeypatch):
    text = "Officials of the Federal Reserve Board Open Market Committee met in Salt Lake City."
    asked: list[str] = []
    real = type(gaz).lookup
    monkeypatch.setattr(type(gaz), "lookup", lambda self, name: asked.append(name) or real(self, name))
    found = candidates(text, _as_lists(_tokens(text)), gaz)
    assert [text[s:e] for s, e, _ in found][-1] == "Salt Lake City"
    assert "Federal Reserve Board Open Market" not in asked  # no name begins "federal reserve board"


def test_token_folds_join_with_single_spaces():
    """Why the prefix test is exact: a capital letter never folds away, so the fold of a run is the fold of
    its first tokens, a space, and the fold of the rest (for every joinable gap)."""
    capitals = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isupper() and TOKEN.fullmatch(chr(c))]
    assert capitals and all(fold(c).strip() for c in capitals)
    for a, b in [("Rio de", "Janeiro"), ("U.S.", "Mexico"), ("St", "Petersburg"), ("İstanbul", "Zürich")]:
        for gap in (" ", "-", ". "):
            assert fold(a + gap + b) == fold(a) + " " + fold(b)


def _plain_fuzzy_candidates(keys: list[str], query: str, threshold: float) -> np.ndarray:
    """The count filter over every key (before #15)."""
    lengths = np.array([len(k) for k in keys])
    la = len(query)
    dmax = np.floor((1.0 - threshold / 100.0) * (la + lengths) + 1e-9)
    shared = np.array([len(set(tagged_bigrams(query)) & set(tagged_bigrams(k))) for k in keys])
    bound = np.maximum(lengths, la) - 1 - 2 * dmax
    return np.flatnonzero((np.abs(lengths - la) <= dmax) & (shared >= bound))


def test_length_ranked_fuzzy_index_equals_the_count_filter_over_every_key():
    keys = ["odesa", "odessa", "kyiv", "kiev", "kharkiv", "kherson", "mariupol", "zaporizhzhia", "washington",
            "wellington", "springfield", "springdale", "abc", "ab", "a", "chernihiv", "chernivtsi", "lviv", "lvov"]
    index = FuzzyIndex(keys)
    queries = ["odsa", "kharkivv", "washingtn", "springfeld", "zaporizhia", "chernivsti", "a", "", "xyz", "kiyv"]
    for threshold in (95.0, 90.0, 80.0, 60.0, 30.0):
        for q in queries:
            assert np.array_equal(index.candidates(q, threshold), _plain_fuzzy_candidates(keys, q, threshold)), q


def test_literal_tests_before_the_feature_and_county_patterns_keep_their_finds(gaz):
    text = SENTENCES[5] + " " + SENTENCES[7]
    assert [text[s:e] for s, e, _ in named_features(text, 0, len(text), gaz)] == ["Napa Valley", "Neches River",
                                                                                  "Laurel County", "Henry County"]
    assert [[text[n.start:n.end] for n in names] for names in listed_counties(text, 0, len(text), gaz)] == [
        ["Polk", "Lake", "Marion"], ["Orleans", "Jefferson"]]
    assert named_features(SENTENCES[0], 0, len(SENTENCES[0]), gaz) == []
    assert listed_counties(SENTENCES[0], 0, len(SENTENCES[0]), gaz) == []


def test_merged_tokens_are_in_text_order_without_and_with_overlapping_regions():
    text = SENTENCES[0]

    def region(s: int, e: int) -> tuple[int, int, list[Token]]:
        return s, e, [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, s, e)]

    disjoint = [region(0, 20), region(20, 50), region(51, len(text))]
    overlapping = [region(0, 30), region(10, 50), region(40, len(text))]
    with_empty = [region(0, 30), region(31, 31), region(10, len(text))]
    for regions in (disjoint, overlapping, with_empty):
        plain = sorted((t for _, _, toks in regions for t in toks), key=lambda t: t.start)
        merged = merged_tokens([(s, e, _as_lists(toks)) for s, e, toks in regions])
        assert [merged.token(i) for i in range(len(merged))] == plain
