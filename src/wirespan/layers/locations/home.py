"""Where a news source is published: an optional hint that reads as a dateline the article did not print.

Why: a local paper names its own town alone ("the Paris City Council"),
and nothing in the article says which Paris; its readers know, because they
know where the paper is (the "local lexicon" idea of Lieberman, Samet &
Sankaranarayanan 2010, who built the LGL corpus).  A user who knows the
source gives its home as an ISO 3166 code: a country ("US", "GB") or a
first-level division ("US-IL", "CA-ON").  Once it has decided which words are
places (without the home), the extractor chooses their referents as if the
article opened with a dateline naming that place: the country counts as named
once, and the division as named with one whole division vote (`at_home`,
`home_votes`).  Without a home, nothing changes.

A user who has many articles of one source but does not know its home can
let `infer_home` read it from the articles themselves: the country, and the
first-level division, that at least half of them read a settlement, county
or division in (a majority of the source's own articles, not a tuned share).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pycountry

from wirespan.layers.locations.resolve import DocumentContext
from wirespan.layers.locations.tokens import PlaceMention

#: least share of a source's articles that must read a place in a country (or division) for it to be the home.
HOME_SHARE = 0.5
#: place kinds whose country and division say where an article is (not a country named alone: "Iraq").
_LOCAL_KINDS = ("city", "county", "admin1")


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
    3166-2 code ("US-IL", "GB-ENG"), in any case.  A lower division
    ("GB-OXF", a county of England) is refused, naming the division it lies in:
    the extractor's divisions are first-level ones.
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
        raise ValueError(f"home {code!r} is no ISO 3166-2 division code (such as 'US-IL' or 'CA-ON')")
    if division.parent_code:
        raise ValueError(f"home {code!r} is not a first-level division; it lies in {division.parent_code}, "
                         f"which may be given instead")
    return Home(division.country_code, division.code)


def at_home(context: DocumentContext, home: Home) -> DocumentContext:
    """A copy of `context` with the home counted as an unprinted dateline: its country named once, its
    division named.  Applied after recognition (which words are places is decided without the home: a
    small home-state namesake must not make "Gainesville officials" a person's name)."""
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

    The country that at least `HOME_SHARE` of the articles read a settlement,
    county or division in (each article counts once per country), and the
    first-level division of that country likewise; None when no country is read
    in so many.  Ties go to the code first in alphabetical order, so the answer
    does not depend on the order of the articles.
    """
    countries: Counter = Counter()
    divisions: Counter = Counter()
    n = 0
    for mentions in articles:
        n += 1
        local = [m.place for m in mentions if m.place.kind in _LOCAL_KINDS]
        countries.update({p.country_code for p in local if p.country_code})
        divisions.update({p.admin1 for p in local if p.admin1})
    country = _most(countries, n)
    if country is None:
        return None
    division = _most(Counter({d: k for d, k in divisions.items() if d.startswith(country + "-")}), n)
    return Home(country, division)


def _most(counts: Counter, n: int) -> str | None:
    """The most counted code if it reaches `HOME_SHARE` of `n` (ties: the first in alphabetical order)."""
    if not counts:
        return None
    code, k = min(counts.items(), key=lambda ck: (-ck[1], ck[0]))
    return code if n and k >= HOME_SHARE * n else None
