"""`use` of a place mention (SPEC §6): literal territory, metonymic actor, or embedded in an organisation name.

Why word cues: the surrounding preposition, verb or noun decides the
reading, and coordinated names ("Russia and Ukraine said") share it.
"""

from __future__ import annotations

import re

from wirespan.layers.locations.lexicon import EMBEDDED_RIGHT, STATE_INSTITUTION
from wirespan.layers.locations.tokens import PlaceMention, possessive, words_after, words_before

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


#: ", he said," / ", which" / ", and others" between a name and its verb.
_PARENTHETICAL = re.compile(r",\s*(?:he|she|they|it|officials?|[A-Z]\w+)\s+(?:said|says|added|noted|claimed),\s*"
                            r"|,\s*(?:which|who)\s+|,?\s+and\s+others\s+")
_HYPHEN_WORD = re.compile(r"-([a-z]+)")
#: what may stand between coordinated names (", ", " and ", ", or the "); "and"/"or" in a gap.
_COORDINATION_GAP = re.compile(r",?\s*(?:(?:and|or)\s+)?(?:the\s+)?")
_CONJUNCTION = re.compile(r"\b(?:and|or)\b")


def strip_parenthetical(text: str, end: int) -> int:
    """Skip ", he said," / ", which" / ", and others" between a name and its verb."""
    m = _PARENTHETICAL.match(text[end:end + 40])
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


def right_verb_cue(words: list[str]) -> bool:
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
    if EMBEDDED_RIGHT.match(right_text) and not (country and STATE_INSTITUTION.match(right_text)):
        return "embedded"
    if possessive(text, end):
        nxt = words_after(text, end + 2, 2)
        return "literal" if nxt and nxt[0] in TERRITORY_NOUNS else "metonymic"
    if text[end:end + 1] == "-":
        m = _HYPHEN_WORD.match(text[end:end + 20])
        if m:
            return "metonymic" if m.group(1) in HYPHEN_METONYMIC else "literal"
    before = words_before(text, start, 6)
    while before and before[-1] in LEFT_SKIP:
        before.pop()
    last = before[-1] if before else ""
    prev = before[-2] if len(before) > 1 else ""
    right = words_after(text, strip_parenthetical(text, end), 8)
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
    if right_verb_cue(right):
        return "metonymic"
    if (not before or last in SUBORDINATORS) and any(
            w in SUBJECT_VERBS or w in ("has", "had") for w in right[:6]):
        # "which Paris in recent weeks has said": clause subject.
        return "metonymic"
    if last in METONYMIC_VERBS_BEFORE:
        return "metonymic"
    return "literal"


# ------------------------------------------------------------ main API
def coordinated_groups(ms: list[PlaceMention], text: str) -> list[list[PlaceMention]]:
    """Coordinated names ("Poltava, Lubny and Myrhorod") share context cues.

    A run of names separated by commas is a list only if it closes with
    "and"/"or"; "Odesa, Ukraine" or "Crimea, Russia ..." are not lists.
    """
    groups: list[list[PlaceMention]] = []
    gaps: list[list[str]] = []
    for m in ms:
        if groups:
            gap = text[groups[-1][-1].end:m.start]
            if _COORDINATION_GAP.fullmatch(gap) and gap.strip():
                groups[-1].append(m)
                gaps[-1].append(gap)
                continue
        groups.append([m])
        gaps.append([])
    out: list[list[PlaceMention]] = []
    for g, gp in zip(groups, gaps):
        if len(g) > 1 and not _CONJUNCTION.search(gp[-1]):
            out.extend([m] for m in g)
        else:
            out.append(g)
    return out

