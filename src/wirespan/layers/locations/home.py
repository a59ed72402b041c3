"""Where a news source is published: an optional hint that reads as a dateline the article did not print.

Why: a local paper names its own town alone ("the Paris council"), and
nothing in the article says which Paris; its readers know, because they know
where the paper is (the "local lexicon" idea of Lieberman, Samet &
Sankaranarayanan 2010, who built the LGL corpus).  A user who knows the source
gives its home as an ISO 3166 code: a country ("US", "GB") or a first-level
division ("US-IL", "CA-ON").  Once it has decided which words are places
(without the home), the extractor chooses their referents as if the article
opened with a dateline naming that place: the country counts as named once,
and the division as named with one whole division vote (`at_home`,
`home_votes`).  Without a home, nothing changes.

A printed dateline outranks the unprinted one: an article that opens with a
dateline stating a state or country ("COLUMBIA, Mo. -") or crediting a wire
service ("LONDON (AP) -") was written elsewhere, and the home is not used for
it (`dateline_elsewhere`).  (A state wire may leave out its own state:
"MOUNT VERNON (AP) -" in an Ohio paper is read without the home too, as it
was before there was one.)

Outside the US the gazetteer gives settlements no first-level division, so
there a division home chooses among division names only; its country does the
work for towns.

A user who has many articles of one source but does not know its home can
let `infer_home` read it from the articles themselves: the country, and the
first-level division, that more than half of them read a settlement, county
or division in (a majority; a tie is no answer).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pycountry

from wirespan.layers.locations.candidates import division_after_comma
from wirespan.layers.locations.gazetteer import Gazetteer
from wirespan.layers.locations.lexicon import WIRE_SERVICES
from wirespan.layers.locations.resolve import DocumentContext
from wirespan.layers.locations.tokens import PlaceMention
from wirespan.text.fold import fold

#: place kinds whose country and division say where an article is (not a country named alone: "Iraq").
_LOCAL_KINDS = ("city", "county", "admin1")
#: how far into an article a dateline may stand (after a headline glued to the body, a byline, a date).
DATELINE_WINDOW = 300
#: at the start of the text, of a line or of a sentence: an all-caps place name, then a place after a comma
#: and/or a credit in brackets, then a dash ("COLUMBIA, Mo. -", "LONDON (AP) -", "KYIV, Ukraine (AP) -").
_DATELINE = re.compile(r"(?:^|(?<=[.!?][ \t]))[ \t]*[A-Z][A-Z'’.]+(?:[ \t]+[A-Z][A-Z'’.]+){0,3}"
                       r"(?P<where>,[ \t]+[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*){0,2}?)?"
                       r"[ \t]*(?:\((?P<credit>[A-Z][^()\n]{0,40})\))?[ \t]*(?:—|–|--|-[ \t])", re.MULTILINE)


@dataclass(frozen=True)
class Home:
    """A source's home: an ISO 3166-1 alpha-2 country code and, optionally, an ISO 3166-2 first-level division."""

    country: str
    division: str | None = None

    @property
    def code(self) -> str:
        """The ISO code this home is written as ("US-IL", or "US" without a division)."""
        return self.division or self.country


def parse_home(code: str | None) -> Home | None:
    """The `Home` of an ISO 3166 code, None for None; ValueError saying what is accepted otherwise.

    Accepted: a country's alpha-2 code ("US") or a first-level division's ISO
    3166-2 code ("US-IL", "GB-ENG"), in any case, as pycountry lists them now.
    A lower division ("GB-OXF", a county of England) is refused, naming the
    division it lies in: the extractor's divisions are first-level ones.  A
    division that is also a country of ISO 3166-1 ("US-PR", Puerto Rico;
    "CN-HK", Hong Kong) is read as that country, as the gazetteer files its
    places (`_territory`).
    """
    if code is None:
        return None
    if not isinstance(code, str) or not code.strip():
        raise ValueError(f"home must be an ISO 3166 code such as 'US' or 'US-IL', got {code!r}")
    value = code.strip().upper()
    if "-" not in value:
        if len(value) != 2 or pycountry.countries.get(alpha_2=value) is None:
            raise ValueError(f"home {code!r} is no ISO 3166-1 alpha-2 country code (such as 'US' or 'GB')")
        return Home(value)
    division = pycountry.subdivisions.get(code=value)
    if division is None:
        raise ValueError(f"home {code!r} is no current ISO 3166-2 division code (such as 'US-IL' or 'CA-ON')")
    if division.parent_code:
        raise ValueError(f"home {code!r} is not a first-level division; it lies in {division.parent_code}, "
                         f"which may be given instead")
    territory = _territory(division)
    if territory is not None:
        return Home(territory)
    return Home(division.country_code, division.code)


def _territory(division: Any) -> str | None:
    """The ISO 3166-1 code of a division that is also a country there ("US-PR", "CN-HK", "NL-AW"): its code's
    suffix is another country's alpha-2 code whose name begins with the division's first word ("Hong Kong
    SAR" / "Hong Kong"; "US-CA", California, is not Canada)."""
    suffix = division.code.split("-", 1)[1]
    country = pycountry.countries.get(alpha_2=suffix) if len(suffix) == 2 else None
    if country is None or suffix == division.country_code:
        return None
    return suffix if re.findall(r"\w+", fold(country.name))[:1] == re.findall(r"\w+", fold(division.name))[:1] else None


def dateline_elsewhere(text: str, gaz: Gazetteer) -> bool:
    """Does the article open (within `DATELINE_WINDOW` characters, at the start of the text, a line or a
    sentence) with a dateline that states a country or first-level division ("COLUMBIA, Mo. -") or credits
    a wire service of `WIRE_SERVICES` ("LONDON (AP) -")?  Then it says itself where it was written, and the
    home is not used.  A local credit ("HOUSTON (KHOU) -") or a comma phrase that names no division
    ("SPORTS, Page B1 -") is no such dateline."""
    for m in _DATELINE.finditer(text, 0, DATELINE_WINDOW):
        if m.group("credit") and fold(m.group("credit")) in WIRE_SERVICES:
            return True
        if m.group("where") and division_after_comma(text, m.start("where"), m.end("where"), gaz) is not None:
            return True
    return False


def effective_home(home: Home | None, text: str, gaz: Gazetteer) -> Home | None:
    """The home to read `text` with: None when there is none or the article's own dateline says where it is."""
    return None if home is None or dateline_elsewhere(text, gaz) else home


def at_home(context: DocumentContext, home: Home) -> DocumentContext:
    """A copy of `context` with the home counted as an unprinted dateline: its country named once, its
    division named.  Applied after recognition (which words are places is decided without the home: a
    small home-state namesake must not make "Lebanon said" a person's words)."""
    out = DocumentContext(Counter(context.countries), set(context.admin1), Counter(context.votes))
    out.countries[home.country] += 1
    if home.division:
        out.admin1.add(home.division)
    return out


def home_votes(context: DocumentContext, home: Home | None) -> None:
    """The home division's whole vote, beside the other names' votes (after recognition, like theirs)."""
    if home is not None and home.division:
        context.votes[home.division] += 1.0


def infer_home(articles: Iterable[Sequence[PlaceMention]]) -> Home | None:
    """The home of one source from its articles' mentions (each read without a home), or None.

    The country that more than half of the articles read a settlement, county
    or division in (each article counts once per country), and the first-level
    division of that country likewise; None when no country is read in so
    many, or two are read in equally many (an article may name places in two
    countries); the country alone when no division has such a majority.  The
    answer does not depend on the order of the articles.
    """
    countries: Counter = Counter()
    divisions: Counter = Counter()
    n = 0
    for mentions in articles:
        n += 1
        local = [m.place for m in mentions if m.place.kind in _LOCAL_KINDS]
        countries.update({p.country_code for p in local if p.country_code})
        divisions.update({p.admin1 for p in local if p.admin1})
    country = _majority(countries, n)
    if country is None:
        return None
    return Home(country, _majority(Counter({d: k for d, k in divisions.items() if d.startswith(country + "-")}), n))


def _majority(counts: Counter, n: int) -> str | None:
    """The code counted in more than half of `n` articles, unless another is counted as often."""
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or 2 * ranked[0] <= n or len(ranked) > 1 and ranked[1] == ranked[0]:
        return None
    return max(counts, key=counts.__getitem__)
