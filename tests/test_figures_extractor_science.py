"""Unit tests for the figure rules added on the figure development sets (issue 13; sentences written here)."""

from __future__ import annotations

import pytest

from wirespan.layers.figures import extract_figures


def figs(text: str) -> list[tuple]:
    """(text, kind, value, value_high, unit, iso) of every figure, offsets checked."""
    out = extract_figures(text)
    for r in out:
        assert text[r["start"]:r["end"]] == r["text"]
    return [(r["text"], r["kind"], r["value"], r["value_high"], r["unit"], r["iso"]) for r in out]


def test_suspended_hyphen_range_is_one_span():
    assert figs("The lab fitted a 4- to 6-metre mast.") == [("4- to 6-metre", "measure", 4.0, 6.0, "m", None)]


@pytest.mark.parametrize("sentence, span, value", [
    ("She ordered a hundred and two chairs.", "a hundred and two", 102.0),
    ("The hall seats two hundred & forty guests.", "two hundred & forty", 240.0),
])
def test_number_words_joined_by_and(sentence, span, value):
    assert figs(sentence) == [(span, "count", value, None, None, None)]


def test_minus_sign_after_a_currency_sign():
    assert figs("The refund was $-45.50 in total.") == [("$-45.50", "money", -45.5, None, "USD", None)]


def test_clock_time_with_seconds():
    assert figs("The probe woke at 12:41:05 UT.") == [("12:41:05", "time", None, None, None, "T12:41:05")]


def test_exponent_after_a_unit_or_ten_is_not_a_number():
    assert figs("Growth of 3 mg kg−1 day−1 was seen.") == [
        ("3 mg kg−1 day−1", "measure", 3.0, None, "mg kg-1 day-1", None)]
    assert figs("Its arctangent tan−1 is small.") == []
    assert figs("A ratio near 10−4 was kept.")[0][:3] == ("10−4", "count", 0.0001)
    assert figs("Teams of 10-12 met.") == [("10-12", "count", 10.0, 12.0, None, None)]  # a hyphen is a range


def test_megagram_per_hectare():
    assert figs("Plots gave 2.5 Mg ha−1 of grain.") == [("2.5 Mg ha−1", "measure", 2.5, None, "Mg ha-1", None)]


def test_ratios_are_one_figure():
    assert figs("Mix the powders at a 2:5 ratio.") == [("2:5", "count", 0.4, None, "ratio", None)]
    assert figs("Dilute it 1:400 before use.") == [("1:400", "count", 0.0025, None, "ratio", None)]


def test_coordinates_are_one_figure_in_decimal_degrees():
    got = figs("The well lies at 48°12’30.5”N, 3°05’10”W.")
    assert [(t, k, u) for t, k, v, _, u, _ in got] == [("48°12’30.5”N", "measure", "degree"),
                                                       ("3°05’10”W", "measure", "degree")]
    assert got[0][2] == pytest.approx(48 + 12 / 60 + 30.5 / 3600, abs=1e-6)
    assert got[1][2] == pytest.approx(-(3 + 5 / 60 + 10 / 3600), abs=1e-6)


def test_one_half_with_a_unit_and_alone():
    assert figs("The trail runs one-half miles north.") == [("one-half miles", "measure", 0.5, None, "mi", None)]
    assert figs("One half of the crew stayed.") == [("One half", "percent", 50.0, None, "percent", None)]


def test_statistic_abbreviation_before_a_range_is_not_a_name():
    got = figs("The hazard ratio was 1.4 (95% CI 1.21–1.88) overall.")
    assert ("1.21–1.88", "count", 1.21, 1.88, None, None) in got
    assert figs("The crew of Apollo 11 landed.") == []


def test_astronomical_units_glued_to_the_number():
    assert figs("The cloud top sat at 2.5Rp, with 30kR of emission.") == [
        ("2.5Rp", "measure", 2.5, None, "Rp", None), ("30kR", "measure", 30.0, None, "kR", None)]


def test_labels_of_compounds_and_equations_are_not_figures():
    assert figs("We made NaF3 (1) and CaF2 (2) respectively, then (1)Na3N.") == []
    assert figs("See Eqs. (4.2) and (4.10) for details.") == []


def test_names_of_sites_beds_and_clones_are_not_figures():
    assert figs("Cores from site 512 and bed 40, clone 7, and the run numbered 3.") == []


def test_a_number_glued_to_a_greek_letter_is_a_symbol_but_sigma_counts():
    assert figs("Scans over 2θ gave a 3σ signal.") == [("3", "count", 3.0, None, None, None)]


def test_statistic_abbreviation_before_a_whole_number_can_still_be_a_name():
    assert figs("Samples from SD 1 and SD 2 agreed.") == []


def test_position_in_a_run_of_days_is_an_ordinal():
    assert figs("Cells on day 9 of growth, then in months 4 and 6.") == [
        ("9", "ordinal", 9.0, None, None, None), ("4", "ordinal", 4.0, None, None, None),
        ("6", "ordinal", 6.0, None, None, None)]
    assert figs("On the day 30 pupils left.") == [("30", "count", 30.0, None, None, None)]


def test_a_spaced_unicode_minus_is_a_sign_but_not_after_a_number():
    assert figs("The dip was ≈ − 12 units.")[0][:3] == ("− 12", "count", -12.0)
    assert [f[0] for f in figs("Then 7 − 2 is five.")] == ["7", "2", "five"]


def test_a_price_per_unit_and_a_count_of_times_after_a_name_are_figures():
    assert figs("Pickers earn $15.40/hour now.") == [("$15.40", "money", 15.4, None, "USD", None)]
    assert figs("The probe passed Titan 12 times.") == [("12 times", "count", 12.0, None, "times", None)]
    assert figs("The probe passed Titan 12 before.") == []
