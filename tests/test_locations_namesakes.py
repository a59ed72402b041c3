"""Namesake choice (issue 13, places): own names over alternate names, organisation names, titles, addresses,
abbreviated "St."/"Mt."/"Ft.", repeated proximity passes.  Sentences and made-up places written for these
tests."""


from wirespan.layers.locations.context import cohere
from wirespan.layers.locations.extract import extract_locations
from wirespan.layers.locations.filters import title_word
from wirespan.layers.locations.gazetteer import Place
from wirespan.layers.locations.resolve import DocumentContext, division_votes, namesake_of, refine, stated_divisions


def town(key: str, name: str, population: int, admin1: str | None = None, cc: str = "US",
         kind: str = "city") -> Place:
    return Place(key=key, name=name, feature="town", country_code=cc, geonames_id=None, latitude=None,
                 longitude=None, population=population, kind=kind, admin1=admin1)


def by_text(text: str) -> dict[str, dict]:
    return {r["text"]: r for r in extract_locations(text)}


# a big city that "Millbrook" also names (an alternate name), and places whose own name it is
GRAND = town("g", "Grandcity", 1_500_000, cc="ZZ")
MILL_MD = town("m1", "Millbrook", 30_000, "US-MD")
MILL_GB = town("m2", "Millbrook", 20_000, cc="GB")
MILL_MX = town("m3", "Millbrook", 800_000, cc="MX")


def test_a_big_city_bearing_the_name_beats_another_big_citys_alternate_name() -> None:
    ctx = DocumentContext()
    ctx.votes = division_votes([[GRAND, MILL_MX, MILL_MD]])
    assert refine(GRAND, [GRAND, MILL_MX, MILL_MD], ctx, "Millbrook") == MILL_MX


def test_smaller_namesakes_leave_a_big_city_its_alternate_name() -> None:
    ctx = DocumentContext()
    ctx.votes = division_votes([[GRAND, MILL_MD, MILL_GB]])
    assert refine(GRAND, [GRAND, MILL_MD, MILL_GB], ctx, "Millbrook") == GRAND  # "Hanover", "Kiev", "Roma"


def test_alternate_names_of_big_cities_in_sentences() -> None:
    out = by_text("The band played in Kiev and Calcutta last year.")
    assert out["Kiev"]["name"] == "Kyiv" and out["Calcutta"]["name"] == "Kolkata"
    assert by_text("The crew flew from Cancun to Dallas.")["Cancun"]["country_code"] == "MX"
    assert by_text("The fair filled every hotel in Hanover.")["Hanover"]["country_code"] == "DE"


def test_st_mt_ft_write_the_same_name() -> None:
    saint = town("s", "Saint Paul", 300_000, "US-MN")
    assert namesake_of(saint, "st paul") and namesake_of(town("t", "St. Paul", 5_000, cc="CA"), "saint paul")
    assert namesake_of(town("f", "Fort Worth", 900_000, "US-TX"), "ft worth")
    assert not namesake_of(saint, "st pauls")
    out = by_text("ST. PAUL -- A man was charged on Friday with threatening a tax worker.")["ST. PAUL"]
    assert out["name"] == "Saint Paul" and out["country_code"] == "US" and out["latitude"] > 44


def test_a_capitalised_district_inside_an_organisation_name_keeps_the_town() -> None:
    org = by_text("The mayor spoke at the Woodstock District Rotary Club breakfast.")["Woodstock"]
    assert org["feature"] != "district" and org["latitude"] is not None
    court = by_text("The case went to the Tipperary District Court yesterday.")["Tipperary"]
    assert court["feature"] != "district" and court["geonames_id"] is not None
    area = by_text("Crime fell across the Woodstock district last year.")["Woodstock"]
    assert area["feature"] == "district"


def test_a_title_before_a_name_is_no_place_and_sets_no_context() -> None:
    text = "Miss Halloway said the sale in Oxford raised money for a hospice in Cowley."
    assert title_word(text, 0, 4) and not title_word("Jackson, Miss. The storm", 9, 13)
    out = by_text(text)
    assert "Miss" not in out
    assert out["Oxford"]["country_code"] == "GB"  # no Mississippi to pull it to Oxford, Miss.
    assert by_text("Jackson, Miss. -- The storm hit on Monday.")["Miss."]["name"] == "Mississippi"


def test_an_abbreviations_point_may_end_the_sentence_after_a_stated_state() -> None:
    alabama = town("al", "Alabama", 0, "US-AL", kind="admin1")
    georgia = town("ga", "Georgia", 0, "US-GA", kind="admin1")
    here, big = town("e1", "Elmhaven", 6_000, "US-AL"), town("e2", "Elmhaven", 90_000, "US-PA")
    for text, state, pinned in (("He drove to Elmhaven, Ala. An alert went out.", alabama, True),
                                ("He drove to Elmhaven, Georgia Republicans said.", georgia, False)):
        s = text.index("Elmhaven")
        d = s + len("Elmhaven, ")
        end = text.index(" ", d) if state is georgia else text.index(".", d) + 1
        out = stated_divisions([(s, s + 8, big, [big, here])], text, {d: (end, state)})
        assert (out.get((s, s + 8)) == here) is pinned


def test_a_street_address_makes_its_town_a_settlement() -> None:
    out = by_text("The funeral home at 12 Maple St., Lebanon, opens at noon.")["Lebanon"]
    assert out["feature"] != "country" and out["country_code"] == "US"
    assert by_text("Aid reached Lebanon on Monday.")["Lebanon"]["feature"] == "country"


def test_a_name_moved_in_one_pass_draws_its_neighbour_in_the_next() -> None:
    out = by_text("Officers took him to the Boone County Jail after Lebanon Police stopped his car.")
    assert out["Lebanon"]["feature"] != "country"
    # the town lies in the county the first pass chose (within about 30 km of its centre)
    assert abs(out["Lebanon"]["latitude"] - out["Boone County"]["latitude"]) < 0.3
    assert abs(out["Lebanon"]["longitude"] - out["Boone County"]["longitude"]) < 0.3


def spot(key: str, name: str, lat: float, lon: float, population: int, admin1: str | None, cc: str = "US",
         kind: str = "city") -> Place:
    return Place(key=key, name=name, feature="town", country_code=cc, geonames_id=None, latitude=lat,
                 longitude=lon, population=population, kind=kind, admin1=admin1)


def test_a_division_read_as_such_keeps_its_settlements_like_a_named_one() -> None:
    # "Georgia" is both a state and a country, so it is not in the context's named divisions; read as the
    # state, it still keeps the state's city against two small towns near a far namesake
    state = spot("st", "Georgia", 32.7, -83.4, 0, "US-GA", kind="admin1")
    country = spot("co", "Georgia", 42.0, 43.5, 3_700_000, None, cc="GE", kind="country")
    city = spot("c1", "Elmhaven", 33.7, -84.4, 500_000, "US-GA")
    far = spot("c2", "Elmhaven", 40.3, -89.2, 1_600, "US-IL")
    one, two = spot("t1", "Lakeport", 40.0, -89.4, 900, "US-IL"), spot("t2", "Millbrook", 40.4, -89.0, 800, "US-IL")
    names = [("Elmhaven", city, [city, far]), ("Georgia", state, [state, country]),
             ("Lakeport", one, [one]), ("Millbrook", two, [two])]
    text, resolved = "", []
    for surface, pick, places in names:
        resolved.append((len(text), len(text) + len(surface), pick, places))
        text += surface + ". "
    ctx = DocumentContext()
    ctx.votes = division_votes(places for *_, places in resolved)
    out = {text[s:e]: p for s, e, p, _ in cohere(resolved, ctx, text)}
    assert out["Elmhaven"] == city
    # the same article without the state: the two towns draw the name to its namesake beside them
    alone = [r for r in resolved if text[r[0]:r[1]] != "Georgia"]
    ctx.votes = division_votes(places for *_, places in alone)
    assert {text[s:e]: p for s, e, p, _ in cohere(alone, ctx, text)}["Elmhaven"] == far
