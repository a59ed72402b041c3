"""Shortcuts in the segment, figure and location layers (#15) give what the plain computations give.

Each shortcut - the token split, the word-window memo, `choose` once per
candidate list, the cue strings that rule out a case-insensitive search, the
literal words tested before the segmenter's credit patterns, the memoised
atom values - is compared with the computation it replaces, on sentences
written for this test and on random strings built from the cues' edges.
"""

from __future__ import annotations

import random

import pytest

from wirespan.layers import segments as seg
from wirespan.layers.figures.extract import QUALIFIERS_AFTER, QUALIFIERS_BEFORE, qualifier
from wirespan.layers.figures import patterns as P
from wirespan.layers.figures.values import atom_value
from wirespan.layers.locations.extract import Chooser
from wirespan.layers.locations.gazetteer import get_gazetteer
from wirespan.layers.locations.resolve import DocumentContext, choose
from wirespan.layers.locations.tokens import (
    TOKEN, clause_words_after, clause_words_before, tokenize, words_after, words_before)
from wirespan.text.cues import cued, lowered

SENTENCES = [
    "The ferry left Port Askaig at dawn; by noon it had reached the U.K. mainland, the skipper said.",
    "Snow closed Route 9 near Lake Placid, N.Y., and the Adirondack Northway for almost 12 hours.",
    "“We won’t go back,” said the mayor of Saint-Malo — roughly 40 of 52 councillors agreed.",
    "No fewer than 300 people, and at least 20 children, crossed from Ciudad Juárez to El Paso.",
    "Fig. 3 and tables 2–4 show more than 1.5 million tonnes; see section 4(b), no. 7 or #12.",
    "Photo: Ana Ruiz (Courtesy of the Museum)",
    "Maria Lopez reported from Quito. Tom Hale contributed reporting to this story.",
    "Image credit: Getty Images",
    "Up to a dozen ships, upwards of 80 sailors: the İzmir port topped a record 9 TEUs.",
    "",
    "K",
]

PIECES = ["than", "less", "no ", "more", "under", "below", "over", "above", "of", "least", "most", "at ", "up ",
          "to", "as", "about", "approx.", "some", "close", "circa", "nearly", "topped", "exceeds", "the ", "a ",
          "record ", "≥", ">=", "≤", "<=", ">", "<", "~", "≈", "fig", "Fig.", "table", "No.", "nos.", "#", "pp.",
          "section", "case", "and ", "& ", ", ", "-", "–", "(", ")", "3", "12", "4b", "1.5", " ", "  ", "\n",
          ". ", "İ", "ı", "ſ", "\u212a", "Credit", "Credits: ", "reported from ", "Contributed", "Photo ", "X",
          "between ", "between", "lea", "st", "mo", "re", "Ab", "OUT"]


def _random_texts(seed: int, count: int, longest: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _texts() -> list[str]:
    return SENTENCES + _random_texts(15, 3000, 12)


# ---------------------------------------------------------------- locations
INITIALS = ["U.S.", "A.", "B", ".", "U.K", "x", "É.", "É", "A.B", "a.b.", " ", "Z.Z.Z.", "1", "_", "ß", "ǅ", "A.1.",
            "..", "AB.C.", "-", "Ω.Ω."]


def test_tokenize_equals_the_token_pattern_in_every_stretch():
    rng = random.Random(11)
    initials = ["".join(rng.choice(INITIALS) for _ in range(rng.randint(0, 12))) for _ in range(300)]
    for text in SENTENCES + _random_texts(7, 300, 30) + initials:
        for start in range(0, len(text) + 1, 3):
            for end in (start, start + 1, (start + len(text)) // 2, len(text)):
                if end < start:
                    continue
                toks = tokenize(text, start, end)
                plain = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]
                assert list(zip(toks.starts, toks.ends, toks.words)) == plain, (text, start, end)
                assert len(toks.starts) == len(toks.ends) == len(toks.words) == len(plain)


def test_word_window_memo_answers_every_n_in_any_order():
    rng = random.Random(3)
    for text in SENTENCES:
        asks = [(pos, n) for pos in range(len(text) + 1) for n in range(1, 8)]
        rng.shuffle(asks)  # larger and smaller n, before and after one another
        for pos, n in asks:
            assert words_before(text, pos, n) == clause_words_before(text, pos)[-n:], (text, pos, n)
            assert words_after(text, pos, n) == clause_words_after(text, pos)[:n], (text, pos, n)


def test_word_window_answers_are_the_callers_own_lists():
    text = SENTENCES[0]
    pos = text.index("U.K.")
    first = words_before(text, pos, 3)
    first.pop()  # callers change their lists ("before.pop()")
    assert words_before(text, pos, 3) == clause_words_before(text, pos)[-3:]
    after = words_after(text, pos, 2)
    after.clear()
    assert words_after(text, pos, 2) == clause_words_after(text, pos)[:2]


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def test_chooser_picks_what_choose_picks(gaz):
    names = ["Georgia", "Paris", "Springfield", "Washington", "Lake Placid", "El Paso", "Quito", "Port Askaig",
             "Punjab", "Victoria", "Columbia"]
    lists = [gaz.lookup(n) for n in names if gaz.lookup(n)]
    for context in (DocumentContext(), DocumentContext.of(lists), DocumentContext.of(lists[:3])):
        pick = Chooser(context)
        for places in lists + lists[::-1]:  # each list twice: once computed, once remembered
            assert pick(places) is choose(places, context)


# ---------------------------------------------------------------- cues (figures, segments)
def test_every_qualifier_and_identifier_match_holds_a_cue():
    patterns = [(pat, cues) for pat, _, cues in QUALIFIERS_BEFORE] + [(P.ID_PREFIX, P.ID_CUES)]
    matched = 0
    for text in _texts():
        low = lowered(text)
        for pat, cues in patterns:
            if pat.search(text):
                matched += 1
                assert cued(low, cues), (pat.pattern[:40], text)
    assert matched > 500  # the random strings do reach the patterns


def test_lowered_refuses_texts_with_ignorecase_folds():
    for odd in ("leaſt", "\u212aM", "İn", "ıt"):
        assert lowered(odd) is None and cued(lowered(odd), ("nothing",))
    assert lowered("At LEAST") == "at least"


def _plain_qualifier(text: str, rec: dict) -> str:
    """`qualifier` before the cues: every pattern searched."""
    import re

    if rec["qualifier"] == "vague" or rec["kind"] in ("date", "time", "ordinal"):
        return rec["qualifier"]
    before = text[max(0, rec["start"] - 60):rec["start"]]
    before = re.split(r"[\n.;:!?]\s", before)[-1] if re.search(r"[\n.;:!?]\s", before) else before
    if re.search(r"\bbetween\s+$", before, re.I):
        return "exact"
    for pat, q, _ in QUALIFIERS_BEFORE:
        if pat.search(before):
            if q == "more_than" and rec["kind"] == "duration" and re.search(r"\bover\s*$", before, re.I):
                continue
            return q
    after = text[rec["end"]:rec["end"] + 20]
    for pat, q in QUALIFIERS_AFTER:
        if pat.match(after):
            return q
    return "exact"


def test_qualifier_equals_the_plain_search_of_every_pattern():
    for before in _texts():
        for kind in ("count", "duration"):
            text = before + "7 days or so"
            rec = {"start": len(before), "end": len(before) + 1, "kind": kind, "qualifier": "exact"}
            assert qualifier(text, rec) == _plain_qualifier(text, rec), before


def test_segment_literal_word_tests_never_skip_a_match():
    import re

    for line in _texts() + [s.replace("Credit", "Credits") for s in SENTENCES]:
        if seg._CREDIT_TAIL.search(line):
            assert "Credit" in line
        if seg._REPORTED_FROM.search(line):
            assert "reported" in line
        if seg._CONTRIBUTED.search(line):
            assert cued(lowered(line), ("contributed",))
        last = None
        for m in seg._PHOTO_PAREN.finditer(line):
            last = m
        if last is not None and last.end() == len(line):
            assert line.endswith(")")
        assert seg._is_credit_line(line) == _plain_credit_line(line, re)


def _plain_credit_line(line: str, re) -> bool:
    """`segments._is_credit_line` before the literal-word tests."""
    if seg._CREDIT_LINE.match(line) and len(line) <= seg._HEADLINE_MAX_CHARS:
        return True
    if seg._is_byline(line):
        return True
    if len(line) > 400:
        return False
    m = seg._REPORTED_FROM.search(line)
    if m and seg._all_name_tokens(line[:m.start()].split(), seg._NAME_JOINERS, seg._REPORTER_MAX_TOKENS):
        return True
    return bool(seg._CONTRIBUTED.search(line))


def test_memoised_atom_values_equal_the_computation():
    for atom in ["12", "1.5 million", "-3", "two", "a dozen", "3/4", "2½", "10^6", "seventy-five", "4b", "x"]:
        assert atom_value(atom) == atom_value.__wrapped__(atom)
        assert atom_value(atom) == atom_value.__wrapped__(atom)  # from the memo
