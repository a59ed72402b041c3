"""Document-level referent choice: division votes of an article's other names (sentences and places
written for these tests)."""

from wirespan.layers.locations.extract import extract_locations
from wirespan.layers.locations.gazetteer import Place
from wirespan.layers.locations.resolve import DocumentContext, division_votes, own_votes, refine


def town(key: str, name: str, admin1: str, population: int, cc: str = "US") -> Place:
    return Place(key=key, name=name, feature="town", country_code=cc, geonames_id=None, latitude=None,
                 longitude=None, population=population, kind="city", admin1=admin1)


BIG = town("a", "Lakeport", "US-OH", 800_000)
SMALL = town("b", "Lakeport", "US-IN", 40_000)
OTHER = town("c", "Millbrook", "US-IN", 5_000)
ELSEWHERE = town("d", "Millbrook", "US-TX", 4_000)
ALIAS = town("e", "Grandview", "US-OH", 60_000)


def test_a_name_splits_its_vote_over_its_divisions() -> None:
    four = [town(str(i), "Millbrook", f"US-{s}", 1_000) for i, s in enumerate(("IN", "OH", "TX", "KY"))]
    assert own_votes(four) == {"US-IN": 0.5, "US-OH": 0.5, "US-TX": 0.5, "US-KY": 0.5}
    votes = division_votes([four, [OTHER], four])  # a repeated name votes once
    assert votes == {"US-IN": 1.5, "US-OH": 0.5, "US-TX": 0.5, "US-KY": 0.5}


def test_other_names_move_a_namesake_into_their_division() -> None:
    ctx = DocumentContext()
    ctx.votes = division_votes([[BIG, SMALL], [OTHER], [town("f", "Eastfield", "US-IN", 900)]])
    assert refine(BIG, [BIG, SMALL], ctx, "Lakeport") == SMALL


def test_without_other_names_the_population_prior_keeps_the_big_namesake() -> None:
    ctx = DocumentContext()
    ctx.votes = division_votes([[BIG, SMALL]])
    assert refine(BIG, [BIG, SMALL], ctx, "Lakeport") == BIG


def test_a_split_vote_is_too_weak_to_move_a_big_city() -> None:
    ctx = DocumentContext()
    more = [town(str(i), "Millbrook", f"US-{s}", 1_000) for i, s in enumerate(("KY", "NY", "PA", "MO", "IA", "WI", "MI", "GA", "AL", "VT"))]
    ctx.votes = division_votes([[BIG, SMALL], [OTHER, ELSEWHERE, *more]])  # Millbrook: 1/sqrt(12) each
    assert refine(BIG, [BIG, SMALL], ctx, "Lakeport") == BIG


def test_an_alternate_name_match_gives_way_to_a_namesake() -> None:
    ctx = DocumentContext()
    ctx.votes = division_votes([[ALIAS, OTHER]])
    # "Millbrook" found the city called Grandview through an alternate name; a town called Millbrook exists.
    assert refine(ALIAS, [ALIAS, OTHER], ctx, "Millbrook") == OTHER


def test_a_country_the_article_names_keeps_the_pick_inside_it() -> None:
    abroad = town("g", "Lakeport", "CA-ON", 30_000, cc="CA")
    ctx = DocumentContext.of([[Place(key="ca", name="Canada", feature="country", country_code="CA",
                                     geonames_id=None, latitude=None, longitude=None, kind="country")]])
    ctx.votes = division_votes([[abroad, SMALL], [OTHER], [town("h", "Eastfield", "US-IN", 900)]])
    assert refine(abroad, [abroad, SMALL], ctx, "Lakeport") == abroad


def test_local_towns_pull_an_ambiguous_city_into_their_state() -> None:
    alone = extract_locations("The band played in Columbus on Friday.")
    text = "The festival moved from Muncie to Kokomo, and the band played in Columbus and Anderson."
    local = {r["text"]: r for r in extract_locations(text)}
    assert alone[0]["text"] == "Columbus"
    assert local["Columbus"]["geonames_id"] != alone[0]["geonames_id"]
    # Columbus, Indiana lies within 100 km of Kokomo; the state capital of Ohio does not.
    assert abs(local["Columbus"]["latitude"] - local["Kokomo"]["latitude"]) < 1.5
    assert abs(local["Columbus"]["longitude"] - local["Kokomo"]["longitude"]) < 1.0
    assert abs(alone[0]["longitude"] - local["Kokomo"]["longitude"]) > 2.5


def test_divisions_outside_the_us_get_geonames_point_else_a_derived_point() -> None:
    from wirespan.layers.locations.divisions import (division_centres, extent_centres, geonames_settlements,
                                                       other_divisions)
    from wirespan.layers.locations.gazetteer import get_gazetteer
    from wirespan.layers.locations.geonamespoints import geonames_point, subdivision_ids
    from wirespan.text.fold import fold

    assert extent_centres(iter([("k", 10.0, 20.0), ("k", 12.0, 26.0)])) == {"k": (11.0, 23.0)}
    scotland = [p for p in get_gazetteer().lookup("Scotland") if p.kind == "admin1"][0]
    assert scotland.geonames_id == subdivision_ids()["GB-SCT"]
    assert (scotland.latitude, scotland.longitude) == geonames_point(scotland.geonames_id)
    assert 54.5 < scotland.latitude < 61 and -8 < scotland.longitude < 0
    settlements = geonames_settlements()
    centres = division_centres(settlements)
    derived = [f for f, _ in other_divisions(settlements) if geonames_point(f["geonames_id"]) is None]
    assert derived  # divisions the packages have no GeoNames point for keep the derived one (or none)
    for f in derived:
        assert (f["latitude"], f["longitude"]) == centres.get((f["country_code"], fold(f["name"])), (None, None))


def test_names_listed_before_counties_are_those_counties() -> None:
    recs = extract_locations("Deputies from Polk, Lake and Marion counties joined the search near Orlando, Florida.")
    listed = {r["text"]: r for r in recs if r["feature"] == "region" and r["name"].endswith(" County")}
    assert sorted(listed) == ["Lake", "Marion", "Polk"]
    assert {r["name"] for r in listed.values()} == {"Polk County", "Lake County", "Marion County"}
    assert all(24 < r["latitude"] < 31 and -88 < r["longitude"] < -80 for r in listed.values())  # Florida's
    iowa = extract_locations("Schools in Polk and Marion counties in Iowa closed early because of ice.")
    assert [(r["text"], r["name"]) for r in iowa][:2] == [("Polk", "Polk County"), ("Marion", "Marion County")]
    assert all(40 < r["latitude"] < 44 for r in iowa[:2])  # Iowa's, not Florida's
    parishes = extract_locations("Levees in Lafourche and Terrebonne parishes held after the storm.")
    assert [r["name"] for r in parishes] == ["Lafourche Parish", "Terrebonne Parish"]


def counties_read(text: str) -> list[tuple[str, str]]:
    """(span, name) of the records the listed-counties rule made (a county named "<span> County/Parish")."""
    return [(r["text"], r["name"]) for r in extract_locations(text)
            if r["name"] in (f"{r['text']} County", f"{r['text']} Parish")]


def test_a_list_with_a_name_no_county_bears_is_not_read_as_counties() -> None:
    # "Confederate" names no county, so "Union" (a county in eight states) is not made one either.
    assert counties_read("Union and Confederate counties sent regiments to the front.") == []
    assert counties_read("Harris, Zorbaville and Fort Bend counties opened shelters.") == []
    # an opening phrase set off by a comma is not part of the list
    assert counties_read("On Monday, Polk and Lake counties opened shelters.") == [("Polk", "Polk County"),
                                                                                  ("Lake", "Lake County")]


def test_us_states_in_a_list_of_counties_are_the_states() -> None:
    for text in ("Voters in Washington and Oregon counties went to the polls.",
                 "Farmers in Texas and Oklahoma counties lost their crops.",
                 "Rain fell on Utah and Nevada counties.", "Iowa and Illinois counties reported floods.",
                 "Delaware and Indiana counties closed roads.", "Ohio and Kentucky counties opened shelters."):
        recs = extract_locations(text)
        assert counties_read(text) == [], text
        assert all(r["feature"] != "region" or not r["name"].endswith("County") for r in recs), text
    recs = extract_locations("Shelters opened across Texas, Harris and Fort Bend counties.")
    assert [(r["text"], r["name"]) for r in recs] == [("Texas", "Texas"), ("Harris", "Harris County"),
                                                        ("Fort Bend", "Fort Bend County")]
    assert all(29 < r["latitude"] < 31 for r in recs[1:])  # Texas's Harris County, not Georgia's


def test_counties_of_another_country_are_not_us_counties() -> None:
    for text in ("Police in Kent and Essex counties in England arrested two men.",
                 "Norfolk and Suffolk counties along the English coast were flooded.",
                 "Snow closed roads in Kent and Essex counties, Ontario, on Friday."):
        assert counties_read(text) == [], text
        assert all(not r["name"].endswith(" County") for r in extract_locations(text)), text


def test_a_list_of_counties_is_read_in_one_state() -> None:
    recs = counties_read("Heavy rain flooded Polk, Lake and Marion counties.")
    assert [t for t, _ in recs] == ["Polk", "Lake", "Marion"]
    states = {(round(r["latitude"]), round(r["longitude"])) for r in extract_locations(
        "Heavy rain flooded Polk, Lake and Marion counties.")}
    assert all(24 < lat < 31 and -88 < lon < -80 for lat, lon in states)  # all three in Florida, none in Oregon


def test_the_first_listed_name_keeps_no_word_before_it_nor_crosses_a_sentence() -> None:
    assert counties_read("Both Lee and Collier counties closed schools.") == [("Lee", "Lee County"),
                                                                             ("Collier", "Collier County")]
    assert counties_read("It rained in Ohio. Lake and Geauga counties closed schools.") == [
        ("Lake", "Lake County"), ("Geauga", "Geauga County")]
    assert counties_read("Officials in St. Lucie and Martin counties met.") == [("St. Lucie", "St. Lucie County"),
                                                                               ("Martin", "Martin County")]


def test_a_long_capitalised_list_before_counties_is_read_in_bounded_work(monkeypatch) -> None:
    from wirespan.layers.locations import countylists
    from wirespan.layers.locations.gazetteer import get_gazetteer

    windows: list[int] = []
    real = countylists.LIST_TOKEN

    class Recording:
        def finditer(self, text: str, pos: int, endpos: int):
            windows.append(endpos - pos)
            return real.finditer(text, pos, endpos)

    lookups: list[str] = []
    gaz = get_gazetteer()

    class Counting:
        demonyms = gaz.demonyms

        def lookup(self, name: str):
            lookups.append(name)
            return gaz.lookup(name)

        def continues(self, name: str) -> bool:
            return gaz.continues(name)

    monkeypatch.setattr(countylists, "LIST_TOKEN", Recording())
    items = ", ".join(["Polk", "Lake", "Marion", "Lee"] * 1000)
    text = f"Rain fell on {items} and Collier counties."
    assert countylists.listed_counties(text, 0, len(text), Counting()) == []  # longer than any list read
    assert windows == [countylists.MAX_LIST_CHARS] and len(lookups) == 0
    short = "Rain fell on Polk, Lake and Collier counties."
    found = countylists.listed_counties(short, 0, len(short), Counting())
    assert [[short[n.start:n.end] for n in names] for names in found] == [["Polk", "Lake", "Collier"]]
    names = ", ".join(["Polk"] * (countylists.MAX_LISTED_NAMES + 1))
    assert countylists.list_before(f"{names} and Lake counties", len(f"{names} and Lake "), 0) is None


def test_an_unknown_compound_before_county_keeps_the_county_it_ends_with() -> None:
    recs = extract_locations("Members of the Riverview-Dane County planning board met on Monday.")
    dane = [r for r in recs if r["text"] == "Dane County"]
    assert len(dane) == 1 and dane[0]["latitude"] is not None
    assert not any(r["text"].endswith("-Dane County") for r in recs)


def test_a_foreign_division_nobody_places_gives_way_to_a_big_namesake_city() -> None:
    alone = extract_locations("Aid trucks waited at the border of Gaza on Tuesday.")
    placed = extract_locations("Farmers in Gaza province, Mozambique, lost their crops.")
    assert (alone[0]["text"], alone[0]["feature"], alone[0]["country_code"]) == ("Gaza", "city", "PS")
    assert (placed[0]["text"], placed[0]["feature"], placed[0]["country_code"]) == ("Gaza", "region", "MZ")


def test_names_taken_for_foreign_cities_do_not_vote_for_us_states() -> None:
    text = ("Ministers met in Warsaw and Berlin, then flew to Paris and Vienna. Poland, Germany, France and "
            "Austria asked Washington for help.")
    recs = {r["text"]: r for r in extract_locations(text)}
    assert recs["Warsaw"]["country_code"] == "PL"
    assert recs["Washington"]["name"] == "Washington, D.C."


def test_a_capital_keeps_its_name_against_namesakes_in_its_own_country() -> None:
    text = "Deputies from Vincennes, Loogootee and Jasper drove to Washington to meet the senator."
    recs = {r["text"]: r for r in extract_locations(text)}
    assert recs["Loogootee"]["country_code"] == "US"
    assert recs["Washington"]["name"] == "Washington, D.C."


def test_county_sizes_come_from_their_settlements_and_rank_namesakes() -> None:
    from wirespan.layers.locations.divisions import county_populations, geonames_settlements
    from wirespan.layers.locations.gazetteer import get_gazetteer

    sizes = county_populations(geonames_settlements())
    assert sizes[("IL", "cook county")] > 100 * sizes[("MN", "cook county")] > 0
    cooks = [p for p in get_gazetteer().lookup("Cook County") if p.kind == "county"]
    assert cooks[0].admin1 == "US-IL"  # namesakes rank by size when nothing else decides


def test_a_county_name_puts_the_article_in_the_us() -> None:
    alone = extract_locations("Deputies searched a farm near Paris on Friday.")
    county = extract_locations("Deputies searched a farm near Paris on Friday, the Henry County sheriff said.")
    assert alone[0]["country_code"] == "FR"
    assert [(r["text"], r["country_code"]) for r in county] == [("Paris", "US"), ("Henry County", "US")]


def test_only_and_or_before_lower_case_counties_make_a_list() -> None:
    assert counties_read("Crews from Polk or Lake counties cleared the roads.") == [("Polk", "Polk County"),
                                                                                   ("Lake", "Lake County")]
    assert counties_read("Crews from Polk & Lake counties cleared the roads.") == []
    assert counties_read("Storm Crews Clear Roads In Polk And Lake Counties") == []
