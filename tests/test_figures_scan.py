"""The figure patterns tried only at `starts`' places find exactly what a full scan finds (invented texts)."""

from __future__ import annotations

import random

from wirespan.layers.figures import patterns as P
from wirespan.layers.figures import starts as S
from wirespan.layers.figures.scan import Places, finditer, occurrences, search

PIECES = ["one", "One", "TWENTY-first", "twone", "minus  five", "a  dozen", "an\thundred", "a quarter of", "half",
          "millionhalf", "one-half", "two thirds", "three-fifths", "halves", "US$", "USD ", "Rs. ", "€", "$", "zł",
          "-", "−", " − ", ".", ",", "-.5", "12", "1,234.5", "½", "2½", "3/4", "10^6", "4e14", "−3", "21st",
          "May 4", "4 June 2021", "Sept. 3-5", "1990s", "2019", "10 a.m.", "14:30:05", "9 o'clock", "1:4",
          "57°44’8.47”N", "day 14 of", "months 5 and 7", "aged 82", "Smith, 82,", "thousands", "tens of thousands",
          "scores of", "http://x.org/a", "WWW.site.com", "mail me@ex.com", "(555) 123-4567", "+1 555-123-4567",
          "555-1234", "ſix", "İ", "Kelvin K", "ten", "often", "sixty-six", "percent", " ", "  ", "\n", "the", "x", "(",
          ")", "[3]", "Fig. 3", "٣", "١٢"]


def pattern_starts(places: Places) -> list:
    return [(P.DATE_PATTERNS[0], S.month_starts(places)), (P.DATE_PATTERNS[1], S.digit_runs(places)),
            (P.DATE_PATTERNS[2], S.month_starts(places)), (P.DECADE_RE, S.digit_runs(places)),
            (P.YEAR_RE, S.digit_runs(places)), (P.TIME_RE, S.digit_runs(places)),
            (P.AGE_APPOS, S.appositive_age_starts(places)), (P.AGE_AFTER_WORD, S.age_word_starts(places)),
            (P.HALF_OF_UNIT, S.half_of_unit_starts(places)), (P.ONE_HALF_RE, S.one_half_starts(places)),
            (P.SPOKEN_FRACTION_RE, S.spoken_fraction_starts(places)), (P.GLUED_HALF, S.glued_half_starts(places)),
            (P.HALF_RE, S.half_starts(places)), (P.COORDINATE_RE, S.digit_runs(places)),
            (P.RATIO_RE, S.digit_runs(places)), (P.NUMEXPR_RE, S.number_starts(places)),
            (P.ORDINAL_RE, S.ordinal_starts(places)), (P.POSITION_RE, S.position_starts(places)),
            (P.VAGUE_RE, S.vague_starts(places)), (P.URL_RE, S.url_starts(places))]


def texts(n: int = 400) -> list[str]:
    rng = random.Random(15)
    out = []
    for _ in range(n):
        parts = rng.choices(PIECES, k=rng.randint(1, 14))
        out.append("".join(p + rng.choice(["", " ", " ", "-", ", ", ".", "\n"]) for p in parts))
    return out


def test_every_pattern_finds_the_same_matches_at_its_places():
    for text in texts():
        places = Places(text)
        for pattern, first in pattern_starts(places):
            full = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in finditer(pattern, text, first)] == full, (pattern.pattern[:40], text)


def test_number_search_from_any_position_equals_the_full_search():
    for text in texts(150):
        first = S.number_starts(Places(text))
        for pos in range(len(text) + 1):
            a, b = P.NUMEXPR_RE.search(text, pos), search(P.NUMEXPR_RE, text, pos, first)
            assert (a and a.span()) == (b and b.span()), (pos, text)


def test_texts_with_letters_that_fold_to_ascii_are_scanned_in_full():
    assert Places("ſix weeks").folded is None and Places("İstanbul").folded is None
    assert Places("Kelvin 3\u212a").words(("k",)) is None
    assert Places("Six weeks").words(("six",)) == [0]


def test_occurrences_include_overlapping_ones():
    assert occurrences("twone ones", ["one", "two"]) == [0, 2, 6]
