"""Unit tests for the rule-based figure extractor (sentences written for the tests)."""

from __future__ import annotations

import pytest

from wirespan.layers.figures import extract_figures

PUB = "2023-06-15"


def figs(text: str, **kw) -> list[tuple]:
    """(text, kind, value, value_high, unit, iso, qualifier) tuples, offsets checked."""
    out = extract_figures(text, **kw)
    for r in out:
        assert text[r["start"]:r["end"]] == r["text"]
        assert r["text"] == r["text"].strip()
        assert list(r) == ["start", "end", "text", "kind", "value", "value_high", "unit", "iso", "qualifier"]
    assert out == sorted(out, key=lambda r: (r["start"], r["end"]))
    return [(r["text"], r["kind"], r["value"], r["value_high"], r["unit"], r["iso"], r["qualifier"]) for r in out]


def one(text: str, **kw) -> tuple:
    got = figs(text, **kw)
    assert len(got) == 1, got
    return got[0]


# --- digits -----------------------------------------------------------------

def test_thousands_separator_counted_noun_excluded():
    assert one("The port handled 27,350 containers.") == ("27,350", "count", 27350.0, None, None, None, "exact")


def test_decimal_with_multiplier():
    assert one("Floods displaced 2.75 million residents.") == ("2.75 million", "count", 2_750_000.0, None, None, None, "exact")


# --- money ------------------------------------------------------------------

def test_dollar_sign_with_multiplier():
    assert one("The city pledged $750 million for repairs.") == ("$750 million", "money", 750_000_000.0, None, "USD", None, "exact")


def test_dollar_sign_with_space_and_euro_short_scale():
    assert figs("Fines of $ 40 and €3bn were paid.") == [
        ("$ 40", "money", 40.0, None, "USD", None, "exact"),
        ("€3bn", "money", 3_000_000_000.0, None, "EUR", None, "exact"),
    ]


def test_currency_code_and_currency_word():
    assert figs("It cost GBP 12 million, or 90 million euros.") == [
        ("GBP 12 million", "money", 12_000_000.0, None, "GBP", None, "exact"),
        ("90 million euros", "money", 90_000_000.0, None, "EUR", None, "exact"),
    ]


# --- percent and fractions --------------------------------------------------

def test_percent_sign_and_word():
    assert figs("Turnout rose 12% here and 7.5 percent there.") == [
        ("12%", "percent", 12.0, None, "percent", None, "exact"),
        ("7.5 percent", "percent", 7.5, None, "percent", None, "exact"),
    ]


def test_half_is_percent_fifty():
    assert one("Half of the voters stayed home.") == ("Half", "percent", 50.0, None, "percent", None, "exact")


# --- number words -----------------------------------------------------------

def test_number_word_compound_with_scale():
    assert one("Nearly three hundred and twenty thousand tickets sold.") == (
        "three hundred and twenty thousand", "count", 320_000.0, None, None, None, "approximate")


def test_hyphenated_number_word():
    assert one("Forty-two farmers signed.") == ("Forty-two", "count", 42.0, None, None, None, "exact")


def test_a_dozen():
    assert one("About a dozen boats sank.") == ("a dozen", "count", 12.0, None, None, None, "approximate")


def test_number_word_as_head():
    assert one("Talks between the three ended late.") == ("three", "count", 3.0, None, None, None, "exact")


def test_vague_magnitudes():
    assert figs("Hundreds fled, tens of thousands stayed and scores of homes burned.") == [
        ("Hundreds", "count", None, None, None, None, "vague"),
        ("tens of thousands", "count", None, None, None, None, "vague"),
        ("scores", "count", None, None, None, None, "vague"),
    ]


def test_ordinal_compound_and_separate_superlative():
    assert figs("It is the third-biggest bank and the ninth largest insurer.") == [
        ("third-biggest", "ordinal", 3.0, None, None, None, "exact"),
        ("ninth largest", "ordinal", 9.0, None, None, None, "exact"),
    ]


# --- ranges -----------------------------------------------------------------

def test_word_range_with_time_unit():
    assert one("Repairs take two to four weeks.") == ("two to four weeks", "duration", 2.0, 4.0, "week", None, "exact")


def test_hyphen_range():
    assert one("Expect 30-40 volunteers.") == ("30-40", "count", 30.0, 40.0, None, None, "exact")


def test_between_and_range_excludes_between():
    assert one("Prices rose between 6 and 9 percent.") == ("6 and 9 percent", "percent", 6.0, 9.0, "percent", None, "exact")


def test_and_without_between_is_not_a_range():
    assert figs("He bought 3 apples and 5 pears.") == [
        ("3", "count", 3.0, None, None, None, "exact"),
        ("5", "count", 5.0, None, None, None, "exact"),
    ]


# --- ages -------------------------------------------------------------------

def test_appositive_age():
    assert one("A neighbour, Maria Lopez, 67, called police.") == ("67", "age", 67.0, None, "year", None, "exact")


def test_year_old_forms():
    assert figs("A 5-year-old boy, two 19-year-olds and a 7 year-old girl.") == [
        ("5-year-old", "age", 5.0, None, "year", None, "exact"),
        ("two", "count", 2.0, None, None, None, "exact"),
        ("19-year-olds", "age", 19.0, None, "year", None, "exact"),
        ("7 year-old", "age", 7.0, None, "year", None, "exact"),
    ]


# --- durations and relative times -------------------------------------------

def test_relative_durations():
    assert figs("Three months into the strike, two days after the vote and one year ago.") == [
        ("Three months", "duration", 3.0, None, "month", None, "exact"),
        ("two days", "duration", 2.0, None, "day", None, "exact"),
        ("one year", "duration", 1.0, None, "year", None, "exact"),
    ]


def test_article_before_time_unit_is_not_a_figure():
    assert figs("It lasted a week and then an hour-long meeting followed.") == []


# --- dates and times --------------------------------------------------------

def test_abbreviated_month_day_takes_year_from_published():
    assert one("The law passed on Jan. 9.", published=PUB) == ("Jan. 9", "date", None, None, None, "2023-01-09", "exact")


def test_month_day_closest_year_across_new_year():
    assert one("It began Dec. 30.", published="2024-01-05") == ("Dec. 30", "date", None, None, None, "2023-12-30", "exact")


def test_full_date_excludes_weekday():
    assert one("Signed Friday, June 9, 2023, in Oslo.", published=PUB) == ("June 9, 2023", "date", None, None, None, "2023-06-09", "exact")


def test_date_without_published_has_no_year():
    assert one("Ballots close on October 4.") == ("October 4", "date", None, None, None, "--10-04", "exact")


def test_day_month_order():
    assert one("Elections on 12 May 2019 drew crowds.") == ("12 May 2019", "date", None, None, None, "2019-05-12", "exact")


def test_bare_year():
    assert one("The dam has leaked since 1998.") == ("1998", "date", None, None, None, "1998", "exact")


def test_four_digit_count_is_not_a_year():
    assert one("Police arrested 1200 protesters.") == ("1200", "count", 1200.0, None, None, None, "exact")


def test_month_without_day_is_not_a_figure_and_weekday_alone_neither():
    assert figs("In April the council met on Monday.") == []


def test_clock_times():
    assert figs("Doors open at 9 a.m. and close at 7:30 pm.") == [
        ("9 a.m.", "time", None, None, None, "T09:00", "exact"),
        ("7:30 pm", "time", None, None, None, "T19:30", "exact"),
    ]


# --- measures ---------------------------------------------------------------

def test_measure_unit():
    assert figs("The convoy drove 85 kilometers and the wall is 12 feet tall.") == [
        ("85 kilometers", "measure", 85.0, None, "km", None, "exact"),
        ("12 feet", "measure", 12.0, None, "ft", None, "exact"),
    ]


# --- qualifiers -------------------------------------------------------------

@pytest.mark.parametrize("phrase,qualifier", [
    ("less than", "less_than"), ("at least", "at_least"), ("more than", "more_than"),
    ("an estimated", "approximate"), ("about", "approximate"), ("nearly", "approximate"),
    ("up to", "at_most"), ("no more than", "at_most"), ("fewer than", "less_than"),
])
def test_qualifier_phrase_outside_span(phrase: str, qualifier: str):
    assert one(f"Officials counted {phrase} 600 tents.") == ("600", "count", 600.0, None, None, None, qualifier)


@pytest.mark.parametrize("verb", ["topped", "exceeded", "surpassed"])
def test_qualifier_verb_with_intervening_adjective(verb: str):
    assert one(f"Sales {verb} a record 9 million units.") == ("9 million", "count", 9_000_000.0, None, None, None, "more_than")


def test_qualifier_after_span():
    assert one("It took 30 minutes or so.") == ("30 minutes", "duration", 30.0, None, "minute", None, "approximate")


def test_over_before_duration_is_not_more_than():
    assert one("Talks ran over three days.") == ("three days", "duration", 3.0, None, "day", None, "exact")


# --- glued typos ------------------------------------------------------------

def test_glued_scale_word_typo():
    assert figs("Exports reached 6 millionhalf of them grain.") == [
        ("6 million", "count", 6_000_000.0, None, None, None, "exact"),
        ("half", "percent", 50.0, None, "percent", None, "exact"),
    ]


def test_real_derivation_is_not_split():
    assert figs("The millionaire and the millionth visitor.") == [
        ("millionth", "ordinal", 1_000_000.0, None, None, None, "exact"),
    ]


# --- exclusions -------------------------------------------------------------

def test_pronoun_one_excluded():
    assert figs("It was one of the hottest days; no one came, and one can see why.") == []


def test_counting_one_kept():
    assert one("Only one bridge survived.") == ("one", "count", 1.0, None, None, None, "exact")


def test_roman_numeral_and_number_after_identifier_word():
    assert figs("Since World War II, clause number seven and Article 12 apply.") == []


def test_codes_with_letters_excluded():
    assert figs("An F-16 and the MH17 probe saw comet 67P/Churyumov.") == []


def test_capitalised_name_before_digits_is_identifier():
    assert figs("Engineers upgraded the Falcon 9 rocket.") == []


def test_url_digits_excluded():
    assert figs("See https://example.org/2021/report-45 for details.") == []


def test_article_alone_is_not_a_figure():
    assert figs("A man and an ox crossed.") == []


# --- segments ---------------------------------------------------------------

def test_segments_restrict_output():
    text = "Posted 5 days ago\nRescuers found 12 survivors."
    segs = [{"start": 0, "end": 17, "label": "meta"}, {"start": 18, "end": len(text), "label": "body"}]
    assert figs(text, segments=segs) == [("12", "count", 12.0, None, None, None, "exact")]
    assert len(figs(text)) == 2


# --- added: tallies, phone numbers, year spans, halves, date ranges ----------

def test_descending_dash_pair_is_a_tally_not_a_range():
    assert figs("The motion passed 61-39 overnight.") == [
        ("61", "count", 61.0, None, None, None, "exact"),
        ("39", "count", 39.0, None, None, None, "exact"),
    ]


def test_phone_number_excluded():
    assert figs("Tips go to (312) 555-0198 or 555-0100.") == []


def test_year_span():
    assert figs("From 1961 to 1989 the wall stood; the 2018-19 budget.") == [
        ("1961 to 1989", "date", None, None, None, "1961/1989", "exact"),
        ("2018-19", "date", None, None, None, "2018/2019", "exact"),
    ]


def test_half_a_scale_and_half_an_hour():
    assert figs("Half a million fans waited half an hour.") == [
        ("Half a million", "count", 500_000.0, None, None, None, "exact"),
        ("half an hour", "duration", 0.5, None, "hour", None, "exact"),
    ]


def test_a_third_of_is_a_fraction_not_an_ordinal():
    assert one("A third of the crops failed.") == ("A third", "percent", 33.33, None, "percent", None, "exact")


def test_month_day_range():
    assert one("The fair will run Aug. 3-7.", published=PUB) == (
        "Aug. 3-7", "date", None, None, None, "2023-08-03/2023-08-07", "exact")


# --- issue 13: rules for unseen news (sentences written for these tests) ------

def test_spoken_fractions_are_percent():
    assert figs("Three fifths of the members agreed; one sixth.") == [
        ("Three fifths", "percent", 60.0, None, "percent", None, "exact"),
        ("one sixth", "percent", 16.67, None, "percent", None, "exact"),
    ]


def test_digit_fraction_and_mixed_number():
    assert figs("The tank is 3/4 full after 2 1/2 days.") == [
        ("3/4", "percent", 75.0, None, "percent", None, "exact"),
        ("2 1/2 days", "duration", 2.5, None, "day", None, "exact"),
    ]


def test_negatives_word_hyphen_and_unicode_minus():
    assert figs("It fell to minus four, then -3 and finally −12 °C.") == [
        ("minus four", "count", -4.0, None, None, None, "exact"),
        ("-3", "count", -3.0, None, None, None, "exact"),
        ("−12 °C", "measure", -12.0, None, "°C", None, "exact"),
    ]


def test_hyphen_between_numbers_is_not_a_sign():
    assert one("Groups of 10-12 formed.", published=PUB)[:4] == ("10-12", "count", 10.0, 12.0)


@pytest.mark.parametrize("sentence, span, value, unit", [
    ("The freighter carried 61,200 metric tons of grain.", "61,200 metric tons", 61200.0, "t"),
    ("The center is 2.1m tall.", "2.1m", 2.1, "m"),
    ("Police found 5.56mm cartridges.", "5.56mm", 5.56, "mm"),
    ("The phone has 16 MB of cache.", "16 MB", 16.0, "MB"),
    ("The chip runs at 3.40 GHz.", "3.40 GHz", 3.4, "GHz"),
    ("Rivers reached 41 °C in the drought.", "41 °C", 41.0, "°C"),
    ("The pipe is 40 kilometres long.", "40 kilometres", 40.0, "km"),
    ("The probe sampled 250 nanometers of dust.", "250 nanometers", 250.0, "nm"),
])
def test_unit_of_measure_inside_the_span(sentence, span, value, unit):
    got = one(sentence)
    assert (got[0], got[1], got[2], got[4]) == (span, "measure", value, unit)


def test_compound_and_per_units():
    assert figs("Vents emit 3 × 10⁵ kg s−1 at 12 mg/L.") == [
        ("3 × 10⁵ kg s−1", "measure", 300000.0, None, "kg s-1", None, "exact"),
        ("12 mg/L", "measure", 12.0, None, "mg/L", None, "exact"),
    ]


@pytest.mark.parametrize("sentence, span, value, unit", [
    ("The club sold shares worth €2.5B.", "€2.5B", 2.5e9, "EUR"),
    ("A ticket costs 80元 there.", "80元", 80.0, "CNY"),
    ("The state set aside Rs 12 crore.", "Rs 12 crore", 120_000_000.0, "INR"),
    ("Farmers got 4 lakh rupees each.", "4 lakh rupees", 400_000.0, "INR"),
    ("The scheme costs ₹75 lakh.", "₹75 lakh", 7_500_000.0, "INR"),
    ("Damages of 30€ were awarded.", "30€", 30.0, "EUR"),
])
def test_more_currencies_and_indian_scale_words(sentence, span, value, unit):
    got = one(sentence)
    assert (got[0], got[1], got[2], got[4]) == (span, "money", value, unit)


@pytest.mark.parametrize("sentence, span, value", [
    ("The rate was 2.5×10−4 per hour.", "2.5×10−4", 2.5e-4),
    ("Stars like 7e9 are rare.", "7e9", 7e9),
    ("An error of -2e-3 was found.", "-2e-3", -2e-3),
    ("About 10^6 cells grew.", "10^6", 1e6),
])
def test_scientific_notation_is_one_number(sentence, span, value):
    got = figs(sentence)[0]
    assert (got[0], got[2]) == (span, value)


def test_ranges_with_the_unit_on_both_sides_are_one_span():
    assert figs("Loads grew from 5 kg to 9 kg; readings lay between −3‰ and −8‰; it was 4%-6%.") == [
        ("5 kg to 9 kg", "measure", 5.0, 9.0, "kg", None, "exact"),
        ("−3‰ and −8‰", "measure", -8.0, -3.0, "‰", None, "exact"),
        ("4%-6%", "percent", 4.0, 6.0, "percent", None, "exact"),
    ]


def test_a_value_with_its_uncertainty_keeps_the_value():
    assert one("The gap is 14 ± 0.5 mm wide.") == ("14 ± 0.5 mm", "measure", 14.0, None, "mm", None, "exact")


def test_half_a_percentage_point_is_half_a_point_not_fifty_percent():
    assert one("The bank cut rates by half a percentage point.") == (
        "half a percentage point", "percent", 0.5, None, "percentage point", None, "exact")


def test_decimal_age_is_not_truncated():
    assert one("The mean age was 61.3 years.") == ("61.3 years", "duration", 61.3, None, "year", None, "exact")


def test_figure_table_and_reference_numbers_are_identifiers():
    assert figs("As Fig. 4 and Table 2 show [17], and as (8, 9) report, doses rose (Eq. (3)).") == []


def test_date_without_year_is_on_or_before_publication():
    assert one("The deal was signed on March 3.", published="2024-11-05")[5] == "2024-03-03"
    assert one("The deal was signed on December 20.", published="2025-01-05")[5] == "2024-12-20"


def test_date_without_year_in_a_future_sentence_is_the_next_one():
    assert one("Talks will resume on January 9.", published="2024-11-05")[5] == "2025-01-09"
    assert one("Fares rise beginning February 1.", published="2024-11-05")[5] == "2025-02-01"


def test_clock_time_with_a_dot():
    assert one("The train left at 6.45 pm.")[:6] == ("6.45 pm", "time", None, None, None, "T18:45")


def test_two_and_a_half():
    assert one("They walked two and a half miles.")[:5] == ("two and a half miles", "measure", 2.5, None, "mi")


def test_future_words_inside_a_quotation_do_not_move_the_date():
    assert one("She said “we will win” on May 2.", published="2024-11-05")[5] == "2024-05-02"
