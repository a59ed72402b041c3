"""General English word lists of the location rules (no document-specific strings).

Why apart: the filters, the referent choice and the `use` classifier share them,
and a list lives in one place.
"""

from __future__ import annotations

import re

from wirespan.text.fold import fold

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

#: capitalised words that stand before a place's name as part of a description of it, never as a given name
#: ("East Texas", "Northeast Georgia", "Historic Dublin", "Metro Atlanta", "Greater Manchester").
PLACE_MODIFIERS = frozenset("""
north south east west northeast northwest southeast southwest northern southern eastern western central
upper lower greater inner outer metro metropolitan downtown uptown midtown historic suburban rural coastal
""".split())

#: titles of a place's office holders: "Gainesville Mayor Ann Cole" names Gainesville's mayor, not a person Gainesville.
CIVIC_TITLES = frozenset("""mayor governor gov senator sen rep representative councilman councilwoman selectman
alderman sheriff superintendent commissioner""".split())

#: national adjectives of the UK's nations, which countryinfo's demonyms (of ISO countries) lack ("the English coast").
NATIONAL_ADJECTIVES = frozenset("english scottish welsh".split())
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
             "Organization|Organisation|Treaty|Alliance|Association|Society|Foundation|"
             "Chamber|Board|Library|Depot|Jail|Prison|Zoo|Mall|"
             # a school, hall or centre only after a word of public service: "Waterford High School", "Clarkston
             # Community Center", "City Hall" (not "Emerson College", "Faneuil Hall": named after persons as often)
             "(?:High|Middle|Elementary|Junior|Senior|Community|Civic|Public|City|County|Regional|Memorial|"
             "Municipal|Area|Convention|Medical|Recreation|Technical)[ \t]+(?:Schools?|College|Center|Centre|Hall|"
             "Clinic)")
EMBEDDED_RIGHT = re.compile(rf"^[ \t]+(?:[A-Z][\w’'-]*[ \t]+){{0,3}}(?:{ORG_HEADS})\b")
#: "UK Ministry of Defense", "US Army": a state's own institution -> metonymic, not embedded.
STATE_INSTITUTION = re.compile(r"^[ \t]+(?:Ministry|Department|Embassy|Government|Army|Navy|Air Force|"
                                r"Administration|Parliament|Police|Guard|Office|Command|Foreign|Defen[cs]e|"
                                r"State|Armed|Treasury|Senate|Congress|Cabinet)\b")
#: "X region military administration" is a lowercase description, not a name.


#: wire services whose credit in a dateline ("LONDON (AP) -") marks a story filed elsewhere (folded names).
WIRE_SERVICES = frozenset(fold(w) for w in (
    "AP", "Associated Press", "Reuters", "AFP", "Agence France-Presse", "UPI", "United Press International",
    "Bloomberg", "dpa", "Xinhua", "EFE", "ANSA", "Kyodo", "Yonhap", "TASS", "Interfax", "Anadolu", "CP",
    "Canadian Press", "AAP", "PA", "Press Association", "PTI", "IANS"))
