"""Baseline geoparser: location mentions (SPEC §6) from any English news text.

Why rules and a gazetteer rather than a model: the corpus is tiny, the
project must run offline and reproducibly, and every record needs GeoNames
ids that only a gazetteer lookup provides.  The pipeline is

1. tokenise; find the longest gazetteer names (multi-word, alternate,
   ASCII-folded, and - for all-caps datelines and long unknown words -
   close misspellings);
2. drop non-places: common words, person names (titles, given-name +
   surname sequences, names already seen as a person), organisations and
   buildings, "the West", currency names, demonyms (never in the index);
3. pick the referent: country context of the article, population, and the
   context nouns ("X region" -> the oblast, "X district" -> the raion,
   "the <River>, the ... city" -> the city);
4. classify `use` (metonymic / literal / embedded) from surrounding words,
   shared across coordinated names ("Russia and Ukraine said").

The function never reads gold data and contains no document-specific
strings: only general English word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from wirespan.layers.locations.gazetteer import Gazetteer, Place, get_gazetteer, load_supplement
from wirespan.text.fold import fold
from wirespan.text.mentions import Mention
from wirespan.text.regions import ANNOTATABLE, RegionIndex, regions

MAX_NAME_TOKENS = 5
#: a settlement with no supporting context must be at least this big.
MIN_POP_NO_CONTEXT = 15_000
#: ... or this big when it is also the first word of a sentence.
MIN_POP_SENTENCE_INITIAL = 100_000

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+")

# Capitalised words that are never place names in running English text
# (function words, discourse adverbs, calendar words, frequent nouns).
COMMON_WORDS = frozenset("""
a about above after again against all also although among an and another any are as at be because
been before being both but by can could did do does during each either even ever every few for from
had has have he her here hers him his how however i if in into is it its just least less like many
may me meanwhile might more most much must my neither no nor not now of off often on once only or
other our out over overnight own perhaps same several she should since so some soon still such than
that the their them then there these they this those though through thus to too under until up upon
us very was we were what when where whether which while who whom whose why will with within without
would yet you your today tonight yesterday tomorrow earlier later
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
mr mrs ms dr gen maj col lt sgt st mount
home image credit caption photo video read more latest previous next follow share comments
peace war army troops forces officials government president minister mayor governor secretary
food water fuel tanks aircraft freedom smoke refugees residents citizens civilians similar top
deputy senior western eastern northern southern central territorial national international
united red cross planet labs group center centre city town village region district
""".split())

#: Words that make a following capitalised name a person ("Mr. Smith").
PERSON_TITLES = frozenset("""
mr mrs ms miss dr prof gen maj col lt capt sgt sir lady lord president premier chancellor minister
spokesman spokeswoman spokesperson secretary governor mayor senator rep king queen prince pope
leader negotiator mp ambassador commander general colonel
""".split())

#: Names of organisations, buildings and groupings that are not places.
NON_PLACES = frozenset(fold(x) for x in """
Kremlin|Pentagon|White House|State Department|Downing Street|Capitol Hill|Capitol|Elysee|Élysée
|West|East|Western|Eastern|North|South|Midwest|Middle|NATO|EU|UN|Red Cross
""".split("|"))

CURRENCY_WORDS = frozenset("dollar dollars cent cents euro euros pound pounds ruble rubles rouble roubles yuan yen".split())
REGION_NOUNS = frozenset("region regions oblast oblasts province provinces".split())
#: "the Kherson and Odesa areas": region sense only when such a region exists.
AREA_NOUNS = frozenset("area areas".split())
DISTRICT_NOUNS = frozenset("district districts raion raions".split())
SETTLEMENT_NOUNS = {"city": "city", "cities": "city", "town": "town", "towns": "town",
                    "village": "village", "villages": "village", "suburb": None, "suburbs": None}
ORG_HEADS = ("Committee|Council|Ministry|Department|Agency|Administration|Embassy|University|Bank|"
             "Institute|Commission|Company|Corporation|Office|Party|Parliament|Court|Police|Guard|"
             "Airlines|Airport|Times|Post|Club|Federation|Union|Assembly|Authority|Service|Group|"
             "Command|Academy|Museum|Hospital|Station|Theatre|Theater|Stadium|Port Authority|"
             "Organization|Organisation|Treaty|Alliance|Association|Society|Foundation")
_EMBEDDED_RIGHT = re.compile(rf"^[ \t]+(?:[A-Z][\w’'-]*[ \t]+){{0,3}}(?:{ORG_HEADS})\b")
#: "UK Ministry of Defense", "US Army": a state's own institution -> metonymic, not embedded.
_STATE_INSTITUTION = re.compile(r"^[ \t]+(?:Ministry|Department|Embassy|Government|Army|Navy|Air Force|"
                                r"Administration|Parliament|Police|Guard|Office|Command|Foreign|Defen[cs]e|"
                                r"State|Armed|Treasury|Senate|Congress|Cabinet)\b")
#: "X region military administration" is a lowercase description, not a name.

# ---------------------------------------------------------------- use cues
LITERAL_PREPS = frozenset("""
in at near to from into around toward towards across throughout outside inside within via through
over on of onto along beyond past off upon until
""".split())
METONYMIC_PREPS = frozenset("by with between against for".split())
#: "aid to X", "officials from X", "President of X": the state, not the land.
METONYMIC_HEADS = frozenset("""
aid help assistance support loans loan weapons arms ambassador ambassadors envoy envoys embassy
officials official delegation delegates diplomats leaders leader government president presidents
minister ministers ministry prime secretary mayor governor head chief spokesman spokeswoman
parliament army military forces authorities proposals proposal demands demand statement pressure
sanctions talks negotiations agreement deal pact treaty relations war guarantor guarantors
guarantees guarantee citizens allies ally partner partners lawmakers representatives future
imports exports deliveries administration committee council
""".split())
#: "border crossing with Hungary", "city of X": territory after a metonymic-looking preposition.
LITERAL_HEADS = frozenset("""
border borders crossing city town village region capital outskirts suburbs suburb center centre
north south east west parts part territory areas area province district outside inside
""".split())
METONYMIC_VERBS_BEFORE = frozenset("""
asked ask asks asking thanked thank thanks punish punished punishing support supported supporting
persuade persuaded urged urge urges told tell tells accused accuse sanction sanctioned sanctioning
pressured pressure pressuring help helped helping warned warn guarantee guaranteed recognize
recognized condemned condemn blamed blame criticized criticize join joined defend defended
""".split())
METONYMIC_BIGRAMS_BEFORE = frozenset({("insisted", "on"), ("called", "on"), ("relies", "on"),
                                      ("rely", "on"), ("depends", "on"), ("war", "on")})
SUBJECT_VERBS = frozenset("""
said says say stated states announced announces declared declares dismissed dismisses accused
accuses claims claimed claim warned warns agreed agrees decided decides refused refuses denied
denies demanded demands wants wanted would will could should can may might must shall plans
planned tried tries try seeks sought sent sends send launched launches invaded invades continued
continues carried carries appeared appears rolled characterized characterised triggered presented
struck attacked attacks proposed proposes recalled insisted offered offers pledged pledges committed
commits signed signs expressed stepped began begins failed fails remained remains needs needed
supports backed gave gives received receives reported reports confirmed confirms responded
adopted mandated shown showed intends intended hopes hoped believes believed insists threatened
threatens rejected rejects vowed vows promised promises urged urges asked asks told tells thanked
demands imposed imposes approved approves condemned condemns criticized criticises deployed
deploys withdrew withdraws retaliated agreed wanted relies relied tried sent maintains maintained
lied lies abandoned readies prepares prepared insisted wants
""".split())
AUX = frozenset("is was are were has have had been being".split())
ADVERBS = frozenset("also still now already reportedly repeatedly not so far later then again long "
                    "previously recently just never once first finally".split())
METONYMIC_PASSIVES = frozenset("told asked urged sanctioned punished pressured invited accused "
                               "criticized warned expected preparing planning trying seeking "
                               "sending seeing".split())
TERRITORY_NOUNS = frozenset("""
capital east west north south northeast northwest southeast southwest territory territories border
borders cities city towns town villages regions region soil land lands airspace coast coastline
population center centre outskirts suburbs streets skies infrastructure port ports countryside
heartland interior provinces districts oblasts skyline landscape
""".split())
LEFT_SKIP = frozenset("the a an northern southern eastern western central northeastern northwestern "
                      "southeastern southwestern neighboring neighbouring besieged occupied "
                      "beleaguered embattled ukrainian-held".split())
HYPHEN_METONYMIC = frozenset("backed held controlled led sponsored supported allied aligned "
                             "friendly leaning funded installed".split())


@dataclass
class Token:
    start: int
    end: int
    text: str


@dataclass
class PlaceMention(Mention):
    """A mention of a place: the referent chosen, its SPEC §6 feature and its use (literal or metonymic)."""

    place: Place
    feature: str
    use: str = "literal"


# ------------------------------------------------------------------ helpers
def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start() + start, m.end() + start, m.group())
            for m in _TOKEN.finditer(text, start, end) for _ in [0]][:] if False else \
        [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _joinable(text: str, a: Token, b: Token) -> bool:
    """Two tokens can belong to one name: a single space or hyphen between."""
    gap = text[a.end:b.start]
    return gap in (" ", "-")


def _sentence_initial(text: str, start: int, region_start: int) -> bool:
    i = start - 1
    while i >= region_start and text[i] in " \t“”\"‘’'(":
        i -= 1
    return i < region_start or text[i] in ".!?\n:—–-"


def _words_before(text: str, start: int, n: int = 4) -> list[str]:
    """Lower-cased words before `start`, nearest last; stops at sentence/clause ends."""
    chunk = text[max(0, start - 80):start]
    chunk = re.split(r"[.!?;:\n—–“”\"()]", chunk)[-1]
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", chunk)][-n:]


def _words_after(text: str, end: int, n: int = 6) -> list[str]:
    chunk = text[end:end + 100]
    chunk = re.split(r"[.!?;:\n—–“”\"()]", chunk)[0]
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", chunk)][:n]


def _possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("’s", "'s") or text[end:end + 1] in ("’", "'") and text[end - 1:end] == "s"


# ------------------------------------------------------- candidate finding
def _candidates(text: str, toks: list[Token], gaz: Gazetteer) -> list[tuple[int, int, list[Place]]]:
    """Longest-match gazetteer lookups over capitalised token runs."""
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if not t.text[0].isupper():
            i += 1
            continue
        found = None
        for n in range(min(MAX_NAME_TOKENS, len(toks) - i), 0, -1):
            run = toks[i:i + n]
            if any(not _joinable(text, a, b) for a, b in zip(run, run[1:])):
                continue
            if not run[-1].text[0].isupper():
                continue
            surface = text[run[0].start:run[-1].end]
            places = gaz.lookup(surface)
            if places:
                found = (run[0].start, run[-1].end, places, n)
                break
        if found:
            out.append(found[:3])
            i += found[3]
        else:
            i += 1
    return out


def _allowed_upper(surface: str, places: list[Place], gaz: Gazetteer) -> bool:
    """All-caps tokens: only abbreviations that name a country (US, UK)."""
    core = surface.replace(".", "")
    if not core.isupper() or len(core) > 4:
        return True
    return any(p.kind == "country" for p in places) and surface in _upper_set()


def _upper_aliases() -> frozenset[str]:
    aliases = load_supplement()["country_aliases"]
    return frozenset(a for v in aliases.values() for a in v if a.replace(".", "").isupper())


_UPPER = None


def _upper_set() -> frozenset[str]:
    global _UPPER
    if _UPPER is None:
        _UPPER = _upper_aliases()
    return _UPPER


def _dateline_place(text: str, rs: int, re_: int, gaz: Gazetteer) -> PlaceMention | None:
    """"ODESA, Ukraine (Agency) —" / "ODSA, Ukraine –": an all-caps city then a country."""
    m = re.match(r"\s*([A-Z][A-Z'’ -]{1,30}?),\s+([A-Z][\w .]+?)\s*(?:\(|[—–-])", text[rs:re_])
    if not m:
        return None
    city, country = m.group(1).strip(), m.group(2).strip()
    cplaces = [p for p in gaz.lookup(country) if p.kind == "country"]
    cc = cplaces[0].country_code if cplaces else None
    hits = [p for p in gaz.lookup(city) if p.kind == "city" and (cc is None or p.country_code == cc)]
    if not hits:
        hits = gaz.fuzzy(city, threshold=80.0, country_code=cc)
    if not hits:
        return None
    place = max(hits, key=lambda p: p.population)
    s = rs + m.start(1)
    return PlaceMention(s, s + len(city), city, place, place.feature, "literal")


# ------------------------------------------------------------ filtering
def _prev_token(toks: list[Token], idx: int) -> Token | None:
    return toks[idx - 1] if idx > 0 else None


def _person_like(text: str, start: int, end: int, toks: list[Token], tok_index: dict[int, int],
                 rs: int) -> bool:
    """Given-name + surname sequences and titles mark a person, not a place."""
    i = tok_index.get(start)
    if i is None:
        return False
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and text[prev.end:start] in (" ", ". "):
        pw = prev.text.lower()
        if pw in PERSON_TITLES:
            return True
        if (prev.text[0].isupper() and pw not in COMMON_WORDS and not prev.text.isupper()
                and text[prev.end:start] == " " and not _sentence_initial(text, prev.start, rs)
                and not pw.endswith(("ian", "ese", "ish"))):
            return True
        if prev.text[0].isupper() and pw not in COMMON_WORDS and text[prev.end:start] == " " \
                and _sentence_initial(text, prev.start, rs) and not pw.endswith(("ian", "ese", "ish")):
            return True
    return False


def _followed_by_name(text: str, end: int) -> bool:
    m = re.match(r" ([A-Z][a-z]+)\b", text[end:end + 40])
    if not m:
        return False
    return not re.match(rf" (?:[A-Z][\w’'-]*[ \t]+){{0,3}}(?:{ORG_HEADS})\b", text[end:end + 80])


def _is_currency(text: str, end: int) -> bool:
    words = _words_after(text, end, 1)
    return bool(words) and words[0] in CURRENCY_WORDS


# ---------------------------------------------------------- resolution
def _choose(places: list[Place], context_cc: set[str]) -> Place:
    """Countries/curated first, then settlements in the article's countries, then population."""
    top = [p for p in places if p.kind in ("country", "supplement", "continent")]
    if top:
        return top[0]
    cities = [p for p in places if p.kind == "city"]
    if cities:
        local = [p for p in cities if p.country_code in context_cc]
        pool = local or cities
        return max(pool, key=lambda p: p.population)
    return places[0]


def _settlement_noun_before(text: str, start: int) -> str | None:
    """"the village of X" / "the city of X" -> the noun's feature."""
    words = _words_before(text, start, 2)
    if len(words) == 2 and words[1] == "of" and words[0] in SETTLEMENT_NOUNS:
        return words[0]
    return None


def _retarget(m: PlaceMention, text: str, gaz: Gazetteer, group_end: int, group_start: int) -> PlaceMention:
    """Context nouns decide the referent: region, district or city sense."""
    after = _words_after(text, group_end, 1)
    before = _words_before(text, group_start, 2)
    place = m.place
    want = None
    if after and after[0] in REGION_NOUNS:
        want = "region"
    elif after and after[0] in AREA_NOUNS and place.kind == "city" and gaz.namesake(place, "region"):
        want = "region"
    elif after and after[0] in DISTRICT_NOUNS:
        want = "district"
    elif len(before) == 2 and before[1] == "of" and before[0] in REGION_NOUNS:
        want = "region"
    elif len(before) == 2 and before[1] == "of" and before[0] in DISTRICT_NOUNS:
        want = "district"
    if want and place.kind == "city":
        target = gaz.namesake(place, want)
        if target is None and want == "region":
            target = gaz.namesake(place, "district")
        if target is None:
            label = "Oblast" if place.country_code == "UA" and want == "region" else (
                "Raion" if place.country_code == "UA" else ("region" if want == "region" else "District"))
            target = Place(key=f"ctx:{place.key}:{want}", name=f"{place.name} {label}", feature=want,
                           country_code=place.country_code, geonames_id=None, latitude=None,
                           longitude=None, kind="context")
        return replace(m, place=target, feature=target.feature)
    if place.city_sense and _city_apposition(text, m.end, m.start):
        city = gaz.best_city(place.city_sense, place.country_code)
        if city is not None:
            return replace(m, place=city, feature="city")
    if place.kind == "city":
        noun = _settlement_noun_before(text, group_start)
        if noun and SETTLEMENT_NOUNS[noun]:
            return replace(m, feature=SETTLEMENT_NOUNS[noun])
    return m


def _city_apposition(text: str, end: int, start: int) -> bool:
    """"the <River>, the country's third largest city" / "the city of X"."""
    if re.match(r",\s+(?:the|a|an)\b[^.,;]{0,60}?\b(?:city|town|capital)\b", text[end:end + 90]):
        return True
    return _settlement_noun_before(text, start) in ("city", "town")


# ------------------------------------------------------------ use
def _strip_parenthetical(text: str, end: int) -> int:
    """Skip ", he said," / ", which" / ", and others" between a name and its verb."""
    m = re.match(r",\s*(?:he|she|they|it|officials?|[A-Z]\w+)\s+(?:said|says|added|noted|claimed),\s*"
                 r"|,\s*(?:which|who)\s+|,?\s+and\s+others\s+", text[end:end + 40])
    return end + m.end() if m else end


RIGHT_METONYMIC = METONYMIC_HEADS | frozenset("""
bombardment bombardments bombing bombings shelling strikes attacks invasion offensive assault
intelligence officers troops soldiers diplomacy ministry
""".split())
TITLE_MODIFIED = frozenset("president prime minister ministry government officials intelligence "
                           "army military lawmakers embassy ambassador delegation authorities".split())
SUBORDINATORS = frozenset("which that as while since because if after when although though and but "
                          "so where whether said".split())
MOTION_BEFORE_FOR = frozenset("headed heading head bound left departed leave leaving".split())
TO_VERBS = frozenset("guarantee provide support help send give supply pay sanction punish "
                     "negotiate join accept recognize defend".split())


def _right_verb_cue(words: list[str]) -> bool:
    """Does the name head a clause whose verb makes it an actor?"""
    r = [w for w in words if w not in ADVERBS]
    if not r:
        return False
    w0 = r[0]
    if w0 in ("has", "had", "have"):
        rest = r[1:]
        if rest and rest[0] == "been":
            rest = rest[1:]
            return bool(rest) and (rest[0] in METONYMIC_PASSIVES or rest[0].endswith("ing"))
        return True  # active perfect or possession: "Chile had agreed", "had no plans"
    if w0 in AUX:
        rest = r[1:]
        return bool(rest) and (rest[0] in METONYMIC_PASSIVES or rest[0].endswith("ing")
                               or rest[0] in SUBJECT_VERBS)
    if w0 in SUBJECT_VERBS:
        return True
    if w0 == "to" and len(r) > 1 and r[1] in TO_VERBS:
        return True
    return False


def classify_use(text: str, start: int, end: int, country: bool = False) -> str:
    """metonymic / literal / embedded from the words around a name (or a coordinated list).

    Order of evidence: organisation name > possessive > hyphen compound >
    preposition before (territory) > noun or verb after (actor) > verb before.
    """
    right_text = text[end:end + 90]
    if _EMBEDDED_RIGHT.match(right_text) and not (country and _STATE_INSTITUTION.match(right_text)):
        return "embedded"
    if _possessive(text, end):
        nxt = _words_after(text, end + 2, 2)
        return "literal" if nxt and nxt[0] in TERRITORY_NOUNS else "metonymic"
    if text[end:end + 1] == "-":
        m = re.match(r"-([a-z]+)", text[end:end + 20])
        if m:
            return "metonymic" if m.group(1) in HYPHEN_METONYMIC else "literal"
    before = _words_before(text, start, 6)
    while before and before[-1] in LEFT_SKIP:
        before.pop()
    last = before[-1] if before else ""
    prev = before[-2] if len(before) > 1 else ""
    right = _words_after(text, _strip_parenthetical(text, end), 8)
    if (prev, last) in METONYMIC_BIGRAMS_BEFORE:
        return "metonymic"
    if right and right[0] in TITLE_MODIFIED and text[end:end + 1] == " ":
        return "metonymic"  # "to US President ...": the name modifies a title, not the preposition
    if last in LITERAL_PREPS:
        if last in ("to", "from", "of") and prev in METONYMIC_HEADS and prev not in LITERAL_HEADS:
            return "metonymic"
        return "literal"
    if last in METONYMIC_PREPS:
        if prev in LITERAL_HEADS or (last == "for" and prev in MOTION_BEFORE_FOR):
            return "literal"
        return "metonymic"
    if right and right[0] in RIGHT_METONYMIC:
        return "metonymic"
    if _right_verb_cue(right):
        return "metonymic"
    if (not before or last in SUBORDINATORS) and any(
            w in SUBJECT_VERBS or w in ("has", "had") for w in right[:6]):
        # "which Paris in recent weeks has said": clause subject.
        return "metonymic"
    if last in METONYMIC_VERBS_BEFORE:
        return "metonymic"
    return "literal"


# ------------------------------------------------------------ main API
def _groups(ms: list[PlaceMention], text: str) -> list[list[PlaceMention]]:
    """Coordinated names ("Poltava, Lubny and Myrhorod") share context cues.

    A run of names separated by commas is a list only if it closes with
    "and"/"or"; "Odesa, Ukraine" or "Crimea, Russia ..." are not lists.
    """
    groups: list[list[PlaceMention]] = []
    gaps: list[list[str]] = []
    for m in ms:
        if groups:
            gap = text[groups[-1][-1].end:m.start]
            if re.fullmatch(r",?\s*(?:(?:and|or)\s+)?(?:the\s+)?", gap) and gap.strip():
                groups[-1].append(m)
                gaps[-1].append(gap)
                continue
        groups.append([m])
        gaps.append([])
    out: list[list[PlaceMention]] = []
    for g, gp in zip(groups, gaps):
        if len(g) > 1 and not re.search(r"\b(?:and|or)\b", gp[-1]):
            out.extend([m] for m in g)
        else:
            out.append(g)
    return out


def extract_locations(text: str, segments: list[dict] | None = None) -> list[dict]:
    """Location mentions (SPEC §6) in `text`, inside annotatable `segments` if given.

    Returns dicts with start, end, text, name, feature, country_code,
    geonames_id, latitude, longitude, use - sorted by (start, end).
    """
    gaz = get_gazetteer()
    raw: list[tuple[int, int, list[Place], int]] = []
    mentions: list[PlaceMention] = []
    region_toks: list[tuple[int, int, list[Token]]] = []
    for rs, re_ in regions(text, segments):
        toks = [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, rs, re_)]
        region_toks.append((rs, re_, toks))
        dl = _dateline_place(text, rs, re_, gaz)
        for s, e, places in _candidates(text, toks, gaz):
            if dl and s == dl.start:
                continue
            raw.append((s, e, places, rs))
        if dl:
            mentions.append(dl)
    context_cc = {p.country_code for _, _, places, _ in raw for p in places[:1] if p.kind == "country"}
    persons: set[str] = set()
    kept: list[tuple[int, int, Place, int]] = []
    tok_index: dict[int, int] = {}
    all_toks: list[Token] = []
    for _, _, toks in region_toks:
        all_toks.extend(toks)
    all_toks.sort(key=lambda t: t.start)
    tok_index = {t.start: i for i, t in enumerate(all_toks)}
    for s, e, places, rs in raw:
        surface = text[s:e]
        key = fold(surface)
        if key in NON_PLACES or (key in COMMON_WORDS and not surface.replace(".", "").isupper()):
            continue
        if not _allowed_upper(surface, places, gaz) or (surface.replace(".", "").isupper()
                                                         and len(surface.replace(".", "")) <= 4
                                                         and surface not in _upper_set()):
            continue
        if _is_currency(text, e):
            continue
        place = _choose(places, context_cc)
        if _person_like(text, s, e, all_toks, tok_index, rs):
            if place.kind != "country" or place.country_code not in context_cc:
                persons.add(key)
                continue
        if (place.kind == "city" and _followed_by_name(text, e) and place.population < 100_000
                and (_words_before(text, s, 1) or [""])[-1] not in LITERAL_PREPS):
            persons.add(key)
            continue
        kept.append((s, e, place, rs))
    for s, e, place, rs in kept:
        surface = text[s:e]
        key = fold(surface)
        if key in persons and place.kind != "country":
            continue
        if place.kind == "city" and not _accept_settlement(text, s, e, place, context_cc, rs):
            continue
        mentions.append(PlaceMention(s, e, surface, place, place.feature))
    mentions.extend(_fuzzy_mentions(text, all_toks, gaz, mentions, persons, region_toks))
    mentions.sort(key=lambda m: (m.start, m.end))
    out: list[PlaceMention] = []
    for group in _groups(mentions, text):
        g_start, g_end = group[0].start, group[-1].end
        is_country = all(m.place.kind == "country" for m in group)
        use = classify_use(text, g_start, g_end, is_country)
        for m in group:
            m2 = _retarget(m, text, gaz, g_end, g_start)
            own = use
            if _possessive(text, m.end) or _EMBEDDED_RIGHT.match(text[m.end:m.end + 90]):
                own = classify_use(text, m.start, m.end, m.place.kind == "country")
            if m.use != "literal":
                own = m.use  # decided at recognition (plural name)
            elif m.text.isupper() and len(m.text) > 2 and m.place.kind == "city":
                own = "literal"  # all-caps dateline city
            m2.use = own
            out.append(m2)
    return [_record(text, m) for m in out]


def _accept_settlement(text: str, s: int, e: int, place: Place, context_cc: set[str], rs: int) -> bool:
    """Small places need support: article country, a settlement noun, or size."""
    initial = _sentence_initial(text, s, rs)
    if _settlement_noun_before(text, s) or _words_after(text, e, 1)[:1] in (["region"], ["district"], ["oblast"], ["raion"]):
        return True
    if place.population >= MIN_POP_SENTENCE_INITIAL:
        return True
    if place.country_code in context_cc and place.population >= 1_000:
        # Alternate names of small places are unreliable (an ordinary surname can be the alias of a US town).
        if fold(text[s:e]) != fold(place.name) and place.population < MIN_POP_NO_CONTEXT:
            return False
        return not initial or place.population >= MIN_POP_NO_CONTEXT
    return place.population >= MIN_POP_NO_CONTEXT and not initial


def _fuzzy_mentions(text: str, toks: list[Token], gaz: Gazetteer, found: list[PlaceMention],
                    persons: set[str], region_toks) -> list[PlaceMention]:
    """Long capitalised words with no exact entry: close misspellings of big places."""
    taken = RegionIndex((m.start, m.end) for m in found)
    fuzzy: dict[str, list[Place]] = {}  # a misspelt name recurs; the fuzzy search costs milliseconds
    out = []
    for i, t in enumerate(toks):
        w = t.text
        if len(w) < 7 or not w[0].isupper() or w.isupper() or fold(w) in COMMON_WORDS or fold(w) in persons:
            continue
        if w.lower().endswith(("ian", "ians", "ese", "ish", "ean", "eans", "an", "ans", "ism", "ist", "ists")):
            continue
        if t.start in taken:
            continue
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if prev and prev.text[0].isupper() and text[prev.end:t.start] == " " and prev.text.lower() not in COMMON_WORDS:
            continue
        if nxt and nxt.text[0].isupper() and text[t.end:nxt.start] == " ":
            continue
        if gaz.lookup(w):
            continue
        plural = _plural_place(w, gaz)
        if plural is not None:
            out.append(PlaceMention(t.start, t.end - 1, w[:-1], plural, plural.feature, "metonymic"))
            continue
        if w not in fuzzy:
            fuzzy[w] = gaz.fuzzy(w, threshold=90.0)
        hits = fuzzy[w]
        if hits:
            p = hits[0]
            out.append(PlaceMention(t.start, t.end, w, p, p.feature))
    return out


def _plural_place(word: str, gaz: Gazetteer) -> Place | None:
    """"no Stalingrads": a big place's name used as a type of event (span = the name)."""
    if not word.endswith("s") or word.endswith("ss"):
        return None
    hits = [p for p in gaz.lookup(word[:-1]) if p.kind == "country" or p.population >= 100_000]
    return hits[0] if hits else None


def _record(text: str, m: PlaceMention) -> dict:
    assert text[m.start:m.end] == m.text
    rec = {"start": m.start, "end": m.end, "text": m.text}
    rec.update(m.place.record())
    rec["feature"] = m.feature
    rec["use"] = m.use
    return rec
