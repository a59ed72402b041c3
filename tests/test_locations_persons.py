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


# ---- a capitalised word before a name: place modifiers, and who makes a name a person throughout

@pytest.mark.parametrize("text, surface, name", [
    ("Storms crossed East Texas overnight, and schools in Texas stayed shut.", "Texas", "Texas"),
    ("Fires burned across Northeast Georgia near Atlanta, and Georgia troopers closed roads.", "Georgia", "Georgia"),
    ("Rents rose in Metro Atlanta while Atlanta itself saw little change.", "Atlanta", "Atlanta"),
])
def test_a_place_modifier_is_no_given_name(text, surface, name):
    recs = [r for r in extract_locations(text) if r["text"] == surface]
    assert len(recs) == 2 and {(r["name"], r["country_code"]) for r in recs} == {(name, "US")}


def test_another_capitalised_word_drops_only_that_mention_of_a_state():
    text = "Education Minnesota backed the bill. Schools in Minnesota reopen on Monday."
    recs = extract_locations(text)
    assert [(r["text"], r["start"]) for r in recs] == [("Minnesota", text.rindex("Minnesota"))]


def test_a_title_makes_the_name_a_person_throughout():
    text = "Mr. Carson voted no. Later Carson spoke to reporters in the hall."
    assert _texts(text) == []


# ---- a place before an organisation, a public building or a civic title

@pytest.mark.parametrize("text, surface", [
    ("Students at Waterford High School left early on Friday.", "Waterford"),
    ("The Clarkston Community Center near Atlanta, Ga., opened its doors to refugees.", "Clarkston"),
    ("Tickets are sold at Gainesville City Hall until noon.", "Gainesville"),
    ("Members of the Woodstock Chamber of Commerce met in Illinois on Tuesday.", "Woodstock"),
])
def test_a_place_before_a_public_building_is_embedded(text, surface):
    r = _one_rec(text, surface)
    assert (r["country_code"], r["use"]) == ("US", "embedded")


def test_a_college_named_without_a_public_word_is_left_alone():
    assert "Emerson" not in _texts("Students at Emerson College protested on Friday.")


@pytest.mark.parametrize("text, surface", [
    ("Gainesville Mayor Ann Cole opened the fair on Saturday.", "Gainesville"),
    ("Near Atlanta, Ga., Clarkston Councilman Ray Hill voted against the budget.", "Clarkston"),
])
def test_a_place_before_a_civic_title_is_kept(text, surface):
    assert _one_rec(text, surface)["country_code"] == "US"


def test_a_small_town_after_international_is_a_field():
    assert _texts("The International Rugby Board met in Dublin on Monday.") == ["Dublin"]


def _one_rec(text: str, surface: str) -> dict:
    recs = [r for r in extract_locations(text) if r["text"] == surface]
    assert len(recs) == 1, recs
    return recs[0]


# ---- datelines and municipal nouns

@pytest.mark.parametrize("text, surface", [
    ("Pool closes for repairs.\nGRANTVILLE — The town pool will stay closed all summer.", "GRANTVILLE"),
    ("Barn fire. ELYSIAN, Minn. -- A barn burned down overnight.", "ELYSIAN"),
    ("Mine hearing set. PAXTON, Ill. (AP) — A hearing was set for Monday.", "PAXTON"),
    ("Appeal planned. ST. LOUIS — Lawyers said they would appeal.", "ST. LOUIS"),
])
def test_an_all_caps_dateline_is_a_place_whatever_its_size(text, surface):
    r = _one_rec(text, surface)
    assert r["country_code"] == "US"


def test_an_all_caps_word_before_a_hyphenated_word_is_no_dateline():
    assert "QUARTER" not in _texts("Results so far.\nQUARTER-FINALS were played on Sunday.")


def test_a_capitalised_word_opening_a_sentence_is_no_dateline():
    assert "Grantville" not in _texts("Pool closes. Grantville - the clerk said - will vote again.")


def test_a_country_name_with_a_city_council_is_the_town():
    text = ("The Jordan City Council met in Minnesota on Monday. Jordan voters approved the levy, and the Jordan "
            "High School gym opens.")
    recs = [r for r in extract_locations(text) if r["text"] == "Jordan"]
    assert len(recs) == 3 and {r["country_code"] for r in recs} == {"US"}


def test_a_country_without_municipal_nouns_stays_the_country():
    text = "Jordan and Egypt signed the treaty on Monday."
    assert _one_rec(text, "Jordan")["country_code"] == "JO"


# ---- "Oak Creek, Wisconsin": a state or country after a comma

@pytest.mark.parametrize("text, surface, admin1_lat", [
    ("The rally was held in Concord, N.H., on Tuesday.", "Concord", (42.5, 44.0)),
    ("She lives in Burlington, Vermont, with her sister.", "Burlington", (44.0, 45.0)),
    ("A crowd gathered in Aurora, Colorado, after the verdict.", "Aurora", (39.0, 40.5)),
])
def test_a_state_after_a_comma_chooses_the_namesake_there(text, surface, admin1_lat):
    r = _one_rec(text, surface)
    assert r["country_code"] == "US" and admin1_lat[0] < r["latitude"] < admin1_lat[1]


def test_the_stated_namesake_holds_for_the_other_mentions():
    text = "Voters in Concord, N.H., lined up early. By noon, polling stations in Concord had run out of ballots."
    recs = [r for r in extract_locations(text) if r["text"] == "Concord"]
    assert len(recs) == 2 and len({r["geonames_id"] for r in recs}) == 1 and 42.5 < recs[1]["latitude"] < 44.0


def test_a_state_used_as_an_adjective_is_no_stated_division():
    text = "Delegates met in Cleveland, Georgia Republicans said, and the convention in Cleveland opened."
    recs = [r for r in extract_locations(text) if r["text"] == "Cleveland"]
    assert recs and all(r["latitude"] > 40 for r in recs)  # Cleveland, Ohio, not Cleveland, Georgia


def test_a_capital_keeps_its_meaning_in_other_mentions():
    text = "He spoke in Washington, Iowa, on Friday. Lawmakers in Washington were not impressed."
    first, second = [r for r in extract_locations(text) if r["text"] == "Washington"]
    assert first["longitude"] < -90 and second["longitude"] > -78


def test_each_stated_state_wins_over_the_proximity_of_the_other_towns():
    text = ("After the shootings in Fort Hood, Texas, and in Oak Creek, Wisconsin, the towns of Hartford, "
            "Connecticut, and Burlington, Vermont, held vigils.")
    # without the rule, Oak Creek's neighbours in Wisconsin (a Hartford, a Burlington) win by proximity
    assert 41 < _one_rec(text, "Hartford")["latitude"] < 42.5 and _one_rec(text, "Hartford")["longitude"] > -74
    assert 44 < _one_rec(text, "Burlington")["latitude"] < 45 and _one_rec(text, "Burlington")["longitude"] > -74
