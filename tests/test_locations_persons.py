"""Persons that share a town's name: possessions only a person has, and sports team sheets.

Sentences written for these tests (guidelines §7 rule 5).
"""

import pytest

from wirespan.layers.locations.extract import extract_locations
from wirespan.layers.locations.filters import in_team_sheet, person_possession


def _texts(text: str) -> list[str]:
    return [r["text"] for r in extract_locations(text)]


# ---- "in Carson's hometown": a possession only a person has

def test_town_name_with_a_hometown_is_a_person_even_after_in():
    text = "The medal will be handed over next spring in Carson's hometown of Bergen."
    assert _texts(text) == ["Bergen"]


def test_the_same_name_without_the_possession_is_a_town():
    assert _texts("The medal will be handed over next spring in Carson.") == ["Carson"]


@pytest.mark.parametrize("tail", ["'s wife", "’s late husband", "'s eldest daughter", "'s funeral", "'s memoir"])
def test_possessions_of_persons(tail):
    text = "Carson" + tail + " was mentioned."
    assert person_possession(text, len("Carson"))


@pytest.mark.parametrize("tail", ["'s mayor", "'s economy", "'s main street", "'s population", " said"])
def test_possessions_of_places_are_not_persons(tail):
    text = "Carson" + tail + " was mentioned."
    assert not person_possession(text, len("Carson"))


def test_a_name_with_a_widow_is_a_person_throughout_the_article():
    text = "Flowers were left for Carson's widow on Friday. Carson had coached the club for ten years."
    assert _texts(text) == []


def test_a_town_with_a_mayor_stays_a_town():
    text = "Officials in Carson confirmed that Carson's mayor would attend."
    assert _texts(text) == ["Carson", "Carson"]


# ---- sports team sheets

@pytest.mark.parametrize("text", [
    "Subs not used: Weston, Carson, Preston.",
    "Subs Not Used: Preston, Jordan.",
    "Replacements: Lowell, Weston, Carson.",
    "Booked: Jordan, Preston. Sent off: Carson.",
    "Goals: Preston 12, Carson 45, 71.",
])
def test_players_after_a_team_sheet_label_are_not_places(text):
    assert _texts(text) == []


def test_line_up_with_a_substitution_is_a_list_of_players():
    text = "Rovers: Ward, Milton, Preston (Carson 71), Fisher, Weston, Lowell."
    assert _texts(text) == []


def test_substitution_bracket_alone():
    text = "Late on, Hill (Jordan 88) almost scored."
    assert "Jordan" not in _texts(text)
    assert in_team_sheet(text, text.index("Jordan"), text.index("Jordan") + len("Jordan"))


def test_a_list_of_towns_is_not_a_team_sheet():
    text = "Flights to Preston, Carson, Weston and Lowell were cancelled on Monday."
    assert _texts(text) == ["Preston", "Carson", "Weston", "Lowell"]


def test_a_bracket_with_a_year_or_a_count_is_not_a_substitution():
    text = "Buses ran between Preston, Carson (Calif.), Weston and Lowell (2,000 riders)."
    start = text.index("Carson")
    assert not in_team_sheet(text, start, start + len("Carson"))
