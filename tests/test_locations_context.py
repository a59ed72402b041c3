"""Document-level geocoding by proximity (`context.cohere`): sentences and places written for these tests."""

from wirespan.layers.locations.context import cohere, home_divisions
from wirespan.layers.locations.extract import extract_locations
from wirespan.layers.locations.gazetteer import Place
from wirespan.layers.locations.resolve import DocumentContext, division_votes


def place(key: str, name: str, lat: float, lon: float, population: int, kind: str = "city",
          admin1: str | None = None, cc: str = "US") -> Place:
    return Place(key=key, name=name, feature="town", country_code=cc, geonames_id=None, latitude=lat,
                 longitude=lon, population=population, kind=kind, admin1=admin1)


# two made-up names, each found in three states; only in "US-KS" do they lie next to each other
ELM_BIG = place("e1", "Elmhaven", 41.0, -74.0, 90_000, admin1="US-NY")
ELM_KS = place("e2", "Elmhaven", 38.50, -97.50, 6_000, admin1="US-KS")
ELM_OR = place("e3", "Elmhaven", 44.0, -122.0, 8_000, admin1="US-OR")
OAK_BIG = place("o1", "Oakmere County", 33.0, -84.0, 70_000, kind="county", admin1="US-GA")
OAK_KS = place("o2", "Oakmere County", 38.55, -97.45, 9_000, kind="county", admin1="US-KS")
OAK_TX = place("o3", "Oakmere County", 31.0, -100.0, 20_000, kind="county", admin1="US-TX")


def run(names: list[tuple[str, Place, list[Place]]], context: DocumentContext | None = None) -> dict[str, Place]:
    text, resolved = "", []
    for surface, pick, places in names:
        start = len(text)
        text += surface + ". "
        resolved.append((start, start + len(surface), pick, places))
    ctx = context or DocumentContext()
    if not ctx.votes:
        ctx.votes = division_votes(places for _, _, _, places in resolved)
    return {text[s:e]: p for s, e, p, _ in cohere(resolved, ctx, text)}


def test_two_ambiguous_names_settle_each_other_where_their_namesakes_lie_together() -> None:
    out = run([("Elmhaven", ELM_BIG, [ELM_BIG, ELM_KS, ELM_OR]),
               ("Oakmere County", OAK_BIG, [OAK_BIG, OAK_KS, OAK_TX])])
    assert out["Elmhaven"] == ELM_KS and out["Oakmere County"] == OAK_KS


def test_a_name_alone_keeps_its_pick() -> None:
    assert run([("Elmhaven", ELM_BIG, [ELM_BIG, ELM_KS, ELM_OR])])["Elmhaven"] == ELM_BIG


def test_far_apart_namesakes_do_not_move_the_pick() -> None:
    far = place("o4", "Oakmere County", 45.0, -110.0, 9_000, kind="county", admin1="US-MT")
    out = run([("Elmhaven", ELM_BIG, [ELM_BIG, ELM_KS, ELM_OR]),
               ("Oakmere County", OAK_BIG, [OAK_BIG, far, OAK_TX])])
    assert out["Elmhaven"] == ELM_BIG and out["Oakmere County"] == OAK_BIG


def test_a_pick_in_a_division_the_article_names_stays() -> None:
    ctx = DocumentContext(admin1={"US-NY"})
    out = run([("Elmhaven", ELM_BIG, [ELM_BIG, ELM_KS, ELM_OR]),
               ("Oakmere County", OAK_BIG, [OAK_BIG, OAK_KS, OAK_TX])], ctx)
    assert out["Elmhaven"] == ELM_BIG


def test_a_country_gives_way_to_a_namesake_division_only_without_support() -> None:
    country = place("c", "Georgia", 42.0, 43.5, 3_700_000, kind="country", cc="GE")
    state = place("s", "Georgia", 32.8, -83.5, 0, kind="admin1", admin1="US-GA")
    town = place("t", "Pinecrest", 33.7, -84.4, 50_000, admin1="US-GA")
    ctx = DocumentContext(votes=division_votes([[town]]))
    names = {"georgia": (country, [country, state]), "pinecrest": (town, [town])}
    assert home_divisions(names, ctx) == {"georgia": state}
    neighbour = place("n", "Kazbegi", 42.6, 44.6, 5_000, cc="GE")
    names["kazbegi"] = (neighbour, [neighbour])
    assert home_divisions(names, ctx) == {}


def test_a_country_name_next_to_a_town_of_its_own_name_is_the_town() -> None:
    recs = {r["text"]: r for r in extract_locations("Traffic from Kokomo to Peru was slowed by snow.")}
    assert recs["Peru"]["country_code"] == "US"
    assert abs(recs["Peru"]["latitude"] - recs["Kokomo"]["latitude"]) < 1.0


def test_a_country_its_neighbours_support_stays_a_country() -> None:
    recs = {r["text"]: r for r in extract_locations("Peru and Chile signed a trade pact in Lima.")}
    assert recs["Peru"]["country_code"] == "PE" and recs["Lima"]["country_code"] == "PE"


def test_a_state_named_like_a_country_is_the_state_among_its_cities() -> None:
    text = "Heavy rain fell across Georgia, and flooding closed roads in Atlanta and Macon."
    recs = {r["text"]: r for r in extract_locations(text)}
    assert recs["Georgia"]["country_code"] == "US" and recs["Georgia"]["feature"] == "region"
    alone = extract_locations("Georgia signed a trade pact with Armenia.")
    assert alone[0]["country_code"] == "GE"
