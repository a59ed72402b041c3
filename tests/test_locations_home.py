"""The source's home (an ISO 3166 code) read as an unprinted dateline, and its inference from a source's
articles: on sentences written for these tests; referents compared with what the gazetteer gives."""

from __future__ import annotations

import pytest

from wirespan.layers.locations import Home, extract_locations, infer_home, parse_home, place_mentions
from wirespan.layers.locations.gazetteer import get_gazetteer
from wirespan.layers.segments import segment


def read(text: str, home: str | None = None) -> list[dict]:
    return extract_locations(text, segment(text), parse_home(home))


def namesake_in(name: str, division: str) -> int:
    """The gazetteer's settlement called `name` in first-level division `division` (most populous)."""
    there = [p for p in get_gazetteer().lookup(name) if p.kind == "city" and p.admin1 == division]
    assert there, f"the gazetteer has no {name} in {division}"
    return max(there, key=lambda p: p.population).geonames_id


@pytest.mark.parametrize("code, home", [("US", Home("US")), ("us-il", Home("US", "US-IL")),
                                        (" CA-ON ", Home("CA", "CA-ON")), ("GB-ENG", Home("GB", "GB-ENG"))])
def test_parse_home_reads_country_and_first_level_division_codes(code: str, home: Home) -> None:
    assert parse_home(code) == home
    assert parse_home(code).code == code.strip().upper()


@pytest.mark.parametrize("code, says", [("XX", "ISO 3166-1"), ("USA", "ISO 3166-1"), ("US-XX", "ISO 3166-2"),
                                        ("", "ISO 3166 code"), ("GB-OXF", "GB-ENG"),
                                        ("FR-75", "current ISO 3166-2")])
def test_parse_home_refuses_what_is_no_country_or_first_level_division(code: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_home(code)


def test_no_home_is_none() -> None:
    assert parse_home(None) is None


def test_a_local_paper_naming_its_town_alone_means_its_own_namesake() -> None:
    text = "The Paris council met on Tuesday to discuss the budget."
    alone = read(text)
    assert [r["country_code"] for r in alone] == ["FR"]
    home = read(text, "US-TN")
    assert [(r["country_code"], r["geonames_id"]) for r in home] == [("US", namesake_in("Paris", "US-TN"))]
    assert [r["geonames_id"] for r in read(text, "US-TX")] == [namesake_in("Paris", "US-TX")]
    assert read(text, "US")[0]["country_code"] == "US"  # a country alone: a namesake in it


def test_a_home_does_not_override_what_the_article_says() -> None:
    stated = "The delegation flew to Paris, France, on Monday."
    assert [r["country_code"] for r in read(stated, "US-TN") if r["text"] == "Paris"] == ["FR"]
    assert read("The Paris council met.", "FR") == read("The Paris council met.")  # a home in the country read


@pytest.mark.parametrize("text", ["LONDON (AP) — The talks ended on Monday without a deal.",
                                  "Byline Desk\nMOSCOW (Reuters) - The ministry met on Friday.",
                                  "SPRINGFIELD, Ill. — The Paris council met on Tuesday."])
def test_a_printed_dateline_with_a_state_country_or_wire_credit_outranks_the_home(text: str) -> None:
    assert read(text, "US-TN") == read(text)
    assert read(text, "US") == read(text)


def test_a_bare_local_dateline_keeps_the_home() -> None:
    text = "SHELBYVILLE -- The Shelbyville council met on Tuesday."
    assert {r["geonames_id"] for r in read(text, "US-IN")} == {namesake_in("Shelbyville", "US-IN")}
    assert {r["geonames_id"] for r in read(text)} != {namesake_in("Shelbyville", "US-IN")}


@pytest.mark.parametrize("text", ["SPORTS, Page B1 - The Paris council met on Tuesday.",
                                  "By ANN ROE, Staff Writer - The Paris council met on Tuesday.",
                                  "HOUSTON (KHOU) - The Paris council met on Tuesday.",
                                  "MAYOR QUITS (UPDATED) - The Paris council met on Tuesday.",
                                  "The Paris council met; the USA, Canada - and Mexico - sent notes."])
def test_what_is_no_dateline_stating_a_division_or_crediting_a_wire_keeps_the_home(text: str) -> None:
    assert [r["geonames_id"] for r in read(text, "US-TN") if r["text"] == "Paris"] == [namesake_in("Paris", "US-TN")]


def test_a_dateline_with_a_state_reads_its_namesake_there() -> None:
    for text, state in (("COLUMBIA, Mo. — The council met on Tuesday.", "US-MO"),
                        ("PARIS, Tenn. — The council met on Tuesday.", "US-TN")):
        first = read(text)[0]
        assert first["geonames_id"] == namesake_in(text.split(",")[0].title(), state)


@pytest.mark.parametrize("code, home", [("US-PR", Home("PR")), ("nl-aw", Home("AW")), ("CN-HK", Home("HK")),
                                        ("CN-TW", Home("TW")), ("US-CA", Home("US", "US-CA")),
                                        ("US-AL", Home("US", "US-AL"))])
def test_a_division_that_is_also_a_country_is_read_as_the_country(code: str, home: Home) -> None:
    assert parse_home(code) == home


def test_home_pick_keeps_the_old_reading_where_a_settlement_would_need_support() -> None:
    """The home does not make a place of a word: a name read as a division becomes a small home-state town
    only where such a town would have been accepted without the home (here: not sentence-initial)."""
    from wirespan.layers.locations.extract import home_pick
    from wirespan.layers.locations.gazetteer import Place
    from wirespan.layers.locations.home import at_home
    from wirespan.layers.locations.resolve import DocumentContext

    division = Place(key="t:div", name="Marlow", feature="region", country_code="GB", geonames_id=None,
                     latitude=None, longitude=None, kind="admin1", admin1="GB-ZZZ")
    town = Place(key="t:town", name="Marlow", feature="town", country_code="US", geonames_id=None,
                 latitude=None, longitude=None, population=2_000, kind="city", admin1="US-TN")
    context = at_home(DocumentContext(), Home("US", "US-TN"))
    first = "Marlow voted on Monday."
    assert home_pick(first, 0, 6, division, [division, town], 0, context) is division
    later = "Voters in Marlow met on Monday."
    assert home_pick(later, 10, 16, division, [division, town], 0, context) is town


def articles(*texts: str) -> list[list]:
    return [place_mentions(t, segment(t)) for t in texts]


def test_infer_home_takes_the_division_most_of_a_sources_articles_are_read_in() -> None:
    home = infer_home(articles("Crews in Knoxville cleared the roads on Monday.",
                               "The Chattanooga school board met on Tuesday.",
                               "A new clinic opened in Murfreesboro, officials said.",
                               "The mayor will travel to Paris, France, next month."))
    assert home == Home("US", "US-TN")


def test_infer_home_gives_a_country_alone_when_no_division_has_half_the_articles() -> None:
    home = infer_home(articles("Crews in Knoxville cleared the roads on Monday.",
                               "The Sacramento city council met on Tuesday.",
                               "A new clinic opened in Tallahassee, officials said."))
    assert home == Home("US")


def test_infer_home_is_none_without_local_places() -> None:
    assert infer_home([]) is None
    assert infer_home(articles("The meeting ended early.", "Nobody said anything.")) is None
    # countries named alone do not place a source ("Iraq" in world news)
    assert infer_home(articles("Iraq and Iran met on Monday.", "Talks with Iraq resumed.")) is None


def test_infer_home_needs_a_majority_and_no_tie() -> None:
    two_states = articles("Crews in Knoxville cleared the roads on Monday.", "The Sacramento council met.")
    assert infer_home(two_states) == Home("US")  # one each of two articles: no division has a majority
    both = articles("Officials from Knoxville and Toronto met on Monday.",
                    "A bus from Toronto to Knoxville broke down.")
    assert infer_home(both) is None  # two countries in every article: a tie is no answer


def test_infer_home_does_not_depend_on_the_order_of_the_articles() -> None:
    texts = ["Crews in Knoxville cleared the roads.", "The Sacramento council met.",
             "A clinic opened in Tallahassee.", "The Austin police said."]
    assert infer_home(articles(*texts)) == infer_home(articles(*reversed(texts)))


@pytest.mark.parametrize("text, home", [
    ("The Springfield Fire Chief Joan Pike spoke on Monday.", "US-OH"),
    ("Drivers in Columbia said the detour was long.", "US-TN"),
    ("Farmers near Jackson said the dry summer had cut their harvest.", "US-TN"),
])
def test_the_home_chooses_referents_never_which_words_are_places(text: str, home: str) -> None:
    """A small home-state namesake must not turn a town before a capitalised word or "said" into a person."""
    alone, at_home = read(text), read(text, home)
    assert [(r["start"], r["end"]) for r in at_home] == [(r["start"], r["end"]) for r in alone]
    assert alone, "the sentence must name a place for the test to mean anything"
