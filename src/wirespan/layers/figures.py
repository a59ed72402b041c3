"""Rule-based figure extractor (baseline for the ``figures`` layer, SPEC §5).

Why rules and not a library: quantulum3 (the obvious candidate) splits
"three to five months", misses vague magnitudes ("tens of thousands"),
treats "World War II"/"Comet 12P" digits as quantities and has no notion of
dates, ages, ordinals or qualifiers; dateparser-style libraries are not
installed and over-match bare weekdays, which SPEC §5 excludes. The rules
below work on any English news text: they use only general word lists
(months, number words, units, currencies, qualifier phrases) and never
anything specific to the seed articles.

Pipeline: candidate patterns are tried in priority order (dates, times,
ages, numbers with their unit / currency / percent suffix, ordinals, vague
magnitudes, fractions, plain numbers); a candidate is kept only if it does
not overlap an earlier one, survives the exclusion filters (pronoun "one",
identifiers, URLs, letter-glued codes) and lies inside an annotatable
segment. The qualifier is read from the words just before (or after) the
span and is never part of it.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from typing import Callable, Iterable

from wirespan.layers.registry import LayerInput
from wirespan.text.lexicons import MONTH_ABBREVIATIONS, MONTH_NUMBERS, WEEKDAYS
from wirespan.text.regions import ANNOTATABLE, regions

__all__ = ["extract_figures", "ANNOTATABLE_LABELS"]

ANNOTATABLE_LABELS = ANNOTATABLE

# ---------------------------------------------------------------------------
# General word lists
# ---------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
           "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
                 "b": 1_000_000_000, "bn": 1_000_000_000, "tn": 1_000_000_000_000}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000, "millionth": 1_000_000,
}
#: Month words (full and abbreviated) -> month number, and weekday names: ``wirespan.text.lexicons``.
_MONTHS = {**MONTH_NUMBERS, **MONTH_ABBREVIATIONS}
_WEEKDAYS = WEEKDAYS
_TIME_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute",
    "minutes": "minute", "hour": "hour", "hours": "hour", "day": "day",
    "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "century": "century", "centuries": "century",
}
_MEASURE_UNITS = {
    "kilometers": "km", "kilometer": "km", "kilometres": "km", "kilometre": "km",
    "km": "km", "miles": "mi", "mile": "mi", "meters": "m", "meter": "m",
    "metres": "m", "metre": "m", "centimeters": "cm", "centimetres": "cm",
    "feet": "ft", "foot": "ft", "ft": "ft", "inches": "in", "inch": "in",
    "kilograms": "kg", "kilogram": "kg", "kg": "kg", "grams": "g", "gram": "g",
    "tons": "t", "ton": "t", "tonnes": "t", "tonne": "t", "pounds": "lb",
    "lbs": "lb", "liters": "l", "liter": "l", "litres": "l", "litre": "l",
    "gallons": "gal", "gallon": "gal", "barrels": "barrel", "barrel": "barrel",
    "acres": "acre", "acre": "acre", "hectares": "ha", "hectare": "ha",
    "square kilometers": "km2", "square kilometres": "km2", "sq km": "km2",
    "square miles": "mi2", "degrees": "degree", "degree": "degree",
    "mph": "mph", "kph": "km/h", "km/h": "km/h", "megawatts": "MW",
    "megawatt": "MW", "MW": "MW", "gigawatts": "GW", "GW": "GW",
    "kilowatts": "kW", "kW": "kW", "knots": "knot",
}
_CURRENCY_WORDS = {
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "rubles": "RUB",
    "ruble": "RUB", "roubles": "RUB", "rouble": "RUB", "hryvnias": "UAH",
    "hryvnia": "UAH", "yuan": "CNY", "yen": "JPY",
    "rupees": "INR", "francs": "CHF",
}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
                   "₽": "RUB", "₴": "UAH"}
_CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "UAH", "CNY", "JPY", "CHF",
                   "CAD", "AUD", "INR", "PLN")


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so 'fourteen' beats 'four'."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# ---------------------------------------------------------------------------
# Regex building blocks
# ---------------------------------------------------------------------------

_DIG = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# A scale word may be glued to a following word by a typo ("4 millionhalf");
# only real derivations (millions, millionth, millionaire, -fold) block it.
_SCALE_END = r"(?:(?![A-Za-z])|(?=(?!s\b|ths?\b|aires?\b|fold\b)[a-z]{2,}))"
_SCALE = rf"(?:{_alt(_SCALES)}){_SCALE_END}"
_BASIC = rf"(?:(?:{_alt(_TENS)})(?:-(?:{_alt(k for k in _UNITS if _UNITS[k] < 10 and k != 'zero')}))?|{_alt(_UNITS)})"
# glue-tolerant left boundary: a number word may follow a scale word typo
_GSTART = r"(?:(?<![A-Za-z])|(?<=million)|(?<=billion)|(?<=thousand)|(?<=hundred)|(?<=percent))"
_WORDNUM = (
    rf"(?:{_BASIC}(?![A-Za-z])(?:(?:\s+|-)(?:and\s+)?(?:{_BASIC}(?![A-Za-z])|{_SCALE}|dozen\b))*"
    rf"|an?\s+(?:dozen\b|{_SCALE})(?:\s+{_SCALE})*)"
)
_DIGNUM = rf"(?:{_DIG})(?:\s?-?(?:{_SCALE}))?"
_ATOM = rf"(?:(?<![\w.,])(?:{_DIGNUM})|{_GSTART}(?i:{_WORDNUM}))"
_RANGE_SEP = r"\s*(?:-|–|—)\s*|\s+(?:to|or)\s+"
_CUR_PREFIX = r"(?:US\$|\$|€|£|¥|₽|₴|(?:" + "|".join(_CURRENCY_CODES) + r")\s?)"
_NUMEXPR = (
    rf"(?P<cur>{_CUR_PREFIX})?\s?(?P<a>{_ATOM})(?P<short>(?:bn|mn|mln|tn|[mbk])(?![A-Za-z]))?"
    rf"(?:(?P<sep>{_RANGE_SEP}|(?<=\d)\s+and\s+(?=\d)|\s+and\s+)(?:{_CUR_PREFIX})?\s?(?P<b>{_ATOM})(?P<short2>(?:bn|mn|mln|tn|[mbk])(?![A-Za-z]))?)?"
)

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|"
             r"October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|"
             r"Aug\.|Sept\.?|Sep\.|Oct\.|Nov\.|Dec\.)")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"

_DATE_PATTERNS = [
    re.compile(rf"(?P<month>{_MONTH_RE})\s+(?P<day>{_DAY})(?:\s?[-–]\s?(?P<day2>{_DAY}))?(?![\d,]\d)(?!\w)(?:,?\s+(?P<year>{_YEAR})(?!\d))?"),
    re.compile(rf"(?<![\w.])(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH_RE})(?![A-Za-z])(?:,?\s+(?P<year>{_YEAR})(?!\d))?"),
    re.compile(rf"(?P<month>{_MONTH_RE})(?:,\s*|\s+)(?P<year>{_YEAR})(?!\d)"),
]
_DECADE_RE = re.compile(r"(?<![\w.,$])(?P<year>(?:1[5-9]\d|20\d)0)['’]?s(?![A-Za-z])")
_YEAR_RE = re.compile(rf"(?<![\w.,$€£])(?P<year>{_YEAR})(?![\d,.]\d)(?![A-Za-z%])")
_YEAR_PREV = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|to|before|after|of|during|through|"
    r"between|and|early|late|mid|year|the|summer|winter|spring|autumn|fall|"
    r"around|circa|c\.)|[-–(])\s*$", re.I)
_TIME_RE = re.compile(
    r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s?"
    r"(?:(?P<ampm>[ap])\.\s?m\.|(?P<ampm2>[AaPp])[Mm](?![A-Za-z])|(?P<oclock>o['’]clock\b))"
    r"|(?<![\w.:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])")
_AGE_SUFFIX = re.compile(r"[\s-]?(?P<u>year|month|week|day)s?[\s-]old(?P<pl>s)?(?![A-Za-z])", re.I)
_AGE_APPOS = re.compile(r"(?<=[A-Za-z]),\s(?P<n>\d{1,3})(?=\s?[,)]|\s*$)", re.M)
_AGE_AFTER_WORD = re.compile(r"\b(?:aged|age)\s+(?P<n>\d{1,3})(?![\d\w])", re.I)
_PERCENT_SUFFIX = re.compile(r"\s?(?:%|percentage points?\b|percent\b|per\s+cent\b|pct\b)", re.I)
_TIME_UNIT_SUFFIX = re.compile(rf"(?:\s+|-)(?P<u>{_alt(_TIME_UNITS)})(?![A-Za-z])", re.I)
_MEASURE_SUFFIX = re.compile(rf"(?:\s+|-|(?<=\d))(?P<u>{_alt(_MEASURE_UNITS)})(?![A-Za-z])")
_CURRENCY_SUFFIX = re.compile(rf"\s+(?P<u>{_alt(_CURRENCY_WORDS)}|{'|'.join(_CURRENCY_CODES)})(?![A-Za-z])", re.I)
_ORDINAL_RE = re.compile(
    rf"(?<![A-Za-z\d-])(?:(?P<w>(?:(?:{_alt(_TENS)})-)?(?:{_alt(_ORDINALS)}))|(?P<d>\d+)(?:st|nd|rd|th))"
    r"(?P<sup>(?:-|\s)(?:[a-z]+est|most[\s-][a-z]+|largest|biggest|ranked)(?![A-Za-z]))?(?![A-Za-z])",
    re.I)
_VAGUE_RE = re.compile(
    r"(?<![A-Za-z])(?:(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:dozens|hundreds|thousands|millions|billions|trillions))(?![A-Za-z])"
    r"|(?<![A-Za-z])scores(?=\s+(?:of|more|others|dead|killed|injured|wounded|people|were|have|had)\b)",
    re.I)
_FRACTION_RE = re.compile(
    r"(?<![A-Za-z])(?:(?P<half>half)(?![A-Za-z-])|(?P<frac>an?\s+(?:third|quarter)|"
    r"(?:one|two)[\s-]thirds?|(?:one|three)[\s-]quarters?)(?=\s+of\b))", re.I)
_HALF_OF_UNIT = re.compile(
    rf"(?<![A-Za-z])half\s+an?\s+(?P<u>dozen|{_alt(_SCALES)}|{_alt(k for k in _TIME_UNITS if not k.endswith('s'))})(?![A-Za-z])", re.I)
_GLUED_HALF = re.compile(r"(?:(?<=million)|(?<=billion)|(?<=thousand)|(?<=hundred))half(?![A-Za-z])")
_NUMEXPR_RE = re.compile(_NUMEXPR)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+"
                     r"|(?<![\w-])(?:\+?\d{1,3}[\s.-])?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?![\w-])"
                     r"|(?<![\w-])\d{3}-\d{4}(?![\w-])", re.I)
_ID_PREFIX = re.compile(
    r"(?:\b(?:number|no\.|nos\.|article|art\.|section|chapter|clause|paragraph|"
    r"resolution|flight|route|highway|room|page|platform|gate|line|model|version|"
    r"channel|episode|season|volume|vol\.|item|case|comet|mark|mk\.?|type|phase|"
    r"stage|level|category|class|grade|size|tier)|#)\s*$", re.I)
_PRONOUN_ONE_NEXT = re.compile(
    r"^(?:\s+(?:of|another|who|that|which|can|could|will|would|should|may|might|"
    r"must|is|was|has|had|does|did|shall|another's)\b|\s*[,.;:!?)\]”\"’']|\s*$)")
_PRONOUN_ONE_PREV = re.compile(r"(?:\b(?:no|any|every|some|each|the|this|that|which|such|no-)\s+|['’]s\s+)$", re.I)

_QUALIFIERS_BEFORE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p + r"\s*$", re.I), q) for p, q in [
        (r"\bno\s+(?:more|greater)\s+than", "at_most"),
        (r"\bno\s+(?:fewer|less)\s+than", "at_least"),
        (r"\b(?:less|fewer|lower)\s+than", "less_than"),
        (r"\b(?:just\s+)?(?:under|below)", "less_than"),
        (r"\b(?:more|greater|higher)\s+than", "more_than"),
        (r"\b(?:upwards\s+of|in\s+excess\s+of|just\s+over|above|over)", "more_than"),
        (r"\bat\s+least|\bminimum\s+of|\bas\s+(?:few|little)\s+as", "at_least"),
        (r"\bat\s+most|\bup\s+to|\bmaximum\s+of|\bas\s+(?:many|much)\s+as", "at_most"),
        (r"\b(?:an\s+)?estimated|\babout|\baround|\bapproximately|\broughly|"
         r"\bnearly|\balmost|\bsome|\bclose\s+to|\bcirca|\bapprox\.|\bsomething\s+like", "approximate"),
        (r"\b(?:topped|tops|topping|exceeded|exceeds|exceeding|surpassed|surpasses|"
         r"surpassing|eclipsed|crossed|outnumbered)"
         r"(?:\s+(?:a|an|the))?(?:\s+(?:[a-z]+ing|[a-z]+ed|[a-z]+ly|record|whopping|mere|new|total))?", "more_than"),
    ]
]
_QUALIFIERS_AFTER: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s+or\s+(?:more|greater|higher|above)\b", re.I), "at_least"),
    (re.compile(r"^\s+or\s+(?:fewer|less|lower|below)\b", re.I), "at_most"),
    (re.compile(r"^\s+or\s+so\b", re.I), "approximate"),
]

# ---------------------------------------------------------------------------
# Value helpers
# ---------------------------------------------------------------------------


def _words_to_number(phrase: str) -> float | None:
    """Value of an English number-word phrase ("four million", "a dozen")."""
    total, current = 0.0, 0.0
    seen = False
    for tok in re.split(r"[\s-]+", phrase.lower()):
        tok = re.sub(r"[^a-z]", "", tok)
        if not tok or tok == "and":
            continue
        if tok in ("a", "an"):
            current, seen = 1.0, True
        elif tok in _UNITS:
            current += _UNITS[tok]; seen = True
        elif tok in _TENS:
            current += _TENS[tok]; seen = True
        elif tok == "dozen":
            current = (current or 1) * 12; seen = True
        elif tok == "hundred":
            current = (current or 1) * 100; seen = True
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]; current = 0.0; seen = True
        else:
            # glued remainder ("millionhalf"): the number ends at the scale word
            m = re.match(rf"({_alt(_SCALES)})", tok)
            if m:
                total += (current or 1) * _SCALES[m.group(1)]; current = 0.0; seen = True
            break
    return total + current if seen else None


def _atom_value(atom: str) -> float | None:
    """Numeric value of a digit or word atom, scale words included."""
    atom = atom.strip()
    m = re.match(rf"({_DIG})\s?-?(.*)$", atom)
    if m and re.match(r"[\d.]", atom):
        base = float(m.group(1).replace(",", ""))
        rest = m.group(2).lower()
        for word, mult in _SCALES.items():
            if rest.startswith(word):
                return base * mult
        return base
    return _words_to_number(atom)


def _fmt_date(year: int | None, month: int, day: int | None) -> str:
    """ISO 8601 calendar date, reduced precision or --MM-DD when parts are missing."""
    if year is None:
        return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def _infer_year(month: int, day: int, published: str | None) -> int | None:
    """Year that puts month-day closest to the publication date (news refers to recent dates)."""
    if not published:
        return None
    try:
        pub = _dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    best, best_gap = None, None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            gap = abs((_dt.date(y, month, day) - pub).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _record(text: str, start: int, end: int, kind: str, value: float | None = None,
            value_high: float | None = None, unit: str | None = None,
            iso: str | None = None, qualifier: str = "exact", pair: bool = False) -> dict:
    """A figure record in gold-layer key order (without doc_id).

    ``pair`` marks the halves of a tally ("52-48") so the identifier filter
    does not take the digit-hyphen-digit shape for a code.
    """
    rec = {"start": start, "end": end, "text": text[start:end], "kind": kind,
           "value": None if value is None else float(value),
           "value_high": None if value_high is None else float(value_high),
           "unit": unit, "iso": iso, "qualifier": qualifier}
    if pair:
        rec["_pair"] = True
    return rec


# ---------------------------------------------------------------------------
# Candidate generators (each yields records; order = priority)
# ---------------------------------------------------------------------------


def _dates(text: str, published: str | None) -> Iterable[dict]:
    """Month-day(-year), day-month(-year), month-year; weekday names stay outside."""
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            month = _MONTHS[m.group("month").lower().rstrip(".")]
            day_s = m.groupdict().get("day")
            day = int(re.match(r"\d+", day_s).group()) if day_s else None
            year = int(m.group("year")) if m.group("year") else None
            if day is not None:
                try:
                    _dt.date(year or 2000, month, day)
                except ValueError:
                    continue
                if year is None:
                    year = _infer_year(month, day, published)
            iso = _fmt_date(year, month, day)
            day2_s = m.groupdict().get("day2")
            if day2_s:
                day2 = int(re.match(r"\d+", day2_s).group())
                if day is None or day2 <= day:
                    continue
                iso = f"{iso}/{_fmt_date(year, month, day2)}"
            yield _record(text, m.start(), m.end(), "date", iso=iso)
    for m in _DECADE_RE.finditer(text):
        yield _record(text, m.start(), m.end(), "date", iso=m.group("year")[:3])


def _years(text: str) -> Iterable[dict]:
    """Bare years: after a temporal preposition, or before punctuation / a capitalised word."""
    for m in _YEAR_RE.finditer(text):
        after = text[m.end():m.end() + 3]
        before = text[max(0, m.start() - 20):m.start()]
        if _YEAR_PREV.search(before) or not re.match(r"\s+[a-z]", after):
            yield _record(text, m.start(), m.end(), "date", iso=m.group("year"))


def _times(text: str) -> Iterable[dict]:
    """Clock times: "10 a.m.", "3:30 pm", "14:00", "9 o'clock"."""
    for m in _TIME_RE.finditer(text):
        if m.group("h24") is not None:
            h, mi = int(m.group("h24")), int(m.group("m24"))
        else:
            h, mi = int(m.group("h")), int(m.group("m") or 0)
            ampm = (m.group("ampm") or m.group("ampm2") or "").lower()
            if h > 12 or (ampm and h == 0):
                continue
            if ampm == "p" and h < 12:
                h += 12
            elif ampm == "a" and h == 12:
                h = 0
        yield _record(text, m.start(), m.end(), "time", iso=f"T{h:02d}:{mi:02d}")


# Look-behind tests on the text before an offset.  Slicing ``text[:pos]`` for each figure made the
# layer quadratic in the length of a text; these look back a bounded stretch and fall back to the
# whole prefix only when that stretch could be the tail of a longer match (so results are unchanged).
_LOOKBACK = 200
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:\S+\s?)?$", re.I)
_LONG_BETWEEN_TAIL = re.compile(r"\S*\s*\S*\s*")
_DETERMINER_BEFORE = re.compile(r"\b(?:first|second|other|latter|former|the)\s+$", re.I)
_LONG_DETERMINER_TAIL = re.compile(r"[A-Za-z]*\s+")
_LETTER_OR_DOT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _ends_with(pattern: re.Pattern[str], text: str, pos: int, long_tail: re.Pattern[str]) -> bool:
    """Whether ``pattern`` (anchored with $) matches somewhere in ``text[:pos]``.

    The last ``_LOOKBACK`` characters are searched first; the whole prefix
    only when they are one stretch ``long_tail`` describes, the only way a
    match could start before them.
    """
    lo = max(0, pos - _LOOKBACK)
    if pattern.search(text, lo, pos):
        return True
    return lo > 0 and long_tail.fullmatch(text, lo, pos) is not None and pattern.search(text, 0, pos) is not None


def _word_before(text: str, pos: int) -> str | None:
    """The group of ``re.search(r"([A-Za-z.]+)\\W*$", text[:pos])``, found by walking back from ``pos``.

    Non-word characters at the end are skipped; the word is the run of
    letters and dots that ends there, or else the first dot among them.
    """
    t = pos
    while t > 0 and not (text[t - 1].isalnum() or text[t - 1] == "_"):
        t -= 1
    p = t
    while p > 0 and text[p - 1] in _LETTER_OR_DOT:
        p -= 1
    if p == t:
        p = text.find(".", t, pos)
        if p < 0:
            return None
    e = p
    while e < pos and text[e] in _LETTER_OR_DOT:
        e += 1
    return text[p:e]


def _digit_before(text: str, pos: int) -> bool:
    """Whether the last non-space character before ``pos`` is a digit (``\\d\\s*$`` on the prefix)."""
    j = pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j > 0 and text[j - 1].isdecimal()


def _ages(text: str) -> Iterable[dict]:
    """Appositive ages ("Name, 82,") and "aged 82"."""
    for pat in (_AGE_APPOS, _AGE_AFTER_WORD):
        for m in pat.finditer(text):
            n = int(m.group("n"))
            prev_word = _word_before(text, m.start())
            if prev_word and prev_word.lower().rstrip(".") in _MONTHS:
                continue
            if pat is _AGE_APPOS and not (prev_word and prev_word[:1].isupper()):
                continue
            if 0 < n <= 120:
                yield _record(text, m.start("n"), m.end("n"), "age", n, unit="year")


def _scaled(value: float | None, short: str | None) -> float | None:
    """Apply a short money multiplier ("bn", "m", "k")."""
    if value is None or not short:
        return value
    return value * _SHORT_SCALES[short.lower()]


def _numbers(text: str) -> Iterable[dict]:
    """Numbers (digits or words, ranges) with their unit, currency or percent suffix."""
    pos = 0
    while (m := _NUMEXPR_RE.search(text, pos)) is not None:
        recs = list(_classify_number(text, m))
        yield from recs
        # when a second number was not joined into a range, rescan it on its own
        pos = max([m.start() + 1] + [r["end"] for r in recs])


def _classify_number(text: str, m: re.Match[str]) -> Iterable[dict]:
    """Decide kind/unit of one number expression from what surrounds it."""
    a, b, sep = m.group("a"), m.group("b"), m.group("sep")
    start = m.start("cur") if m.group("cur") else m.start("a")
    if b is not None and sep is not None and sep.strip() == "and":
        # "and" joins a range only after "between"
        if not _ends_with(_BETWEEN_BEFORE, text, start, _LONG_BETWEEN_TAIL):
            b = None
    cur = m.group("cur")
    short = m.group("short")
    if b is None:
        end = m.end("short") if short else m.end("a")
        short2 = None
    else:
        end = m.end("short2") if m.group("short2") else m.end("b")
        short2 = m.group("short2")
    if (short or short2) and not cur and not _CURRENCY_SUFFIX.match(text, end):
        # "5m" without a currency is a length: leave it to the unit suffix
        if b is None and short and short.lower() != "k":
            end, short = m.end("a"), None
        elif b is not None:
            end, short2 = m.end("b"), None
    v = _scaled(_atom_value(a), short)
    vh = _scaled(_atom_value(b), short2) if b is not None else None
    if b is not None and not cur and re.fullmatch(_YEAR, a) and re.fullmatch(r"\d\d", b) and sep.strip() in ("-", "–", "—"):
        # "2021-22": a span of years
        y2 = int(a[:2] + b)
        if y2 > int(a):
            yield _record(text, start, m.end("b"), "date", iso=f"{a}/{y2}")
            return
    if (b is not None and not cur and re.fullmatch(_YEAR, a) and re.fullmatch(_YEAR, b)
            and int(b) > int(a) and (_YEAR_PREV.search(text[max(0, start - 20):start])
                                     or not re.match(r"\s+[a-z]", text[m.end("b"):m.end("b") + 3]))):
        # "between 2010 and 2015", "1939-1945": a span of years
        yield _record(text, start, m.end("b"), "date", iso=f"{a}/{b}")
        return
    if vh is not None and v is not None and vh <= v:
        # "52-48", "3-1": a tally or score, two counts rather than a range
        yield _record(text, start, m.end("a"), "count", v, pair=True)
        yield _record(text, m.start("b"), m.end("b"), "count", vh, pair=True)
        return
    if b is not None and vh is None:
        end, b = m.end("a") if not short else m.end("short"), None
    if cur:
        unit = _CURRENCY_SIGNS.get(cur.strip(), cur.strip().upper())
        yield _record(text, start, end, "money", v, vh, unit)
        return
    if (s := _CURRENCY_SUFFIX.match(text, end)):
        code = _CURRENCY_WORDS.get(s.group("u").lower(), s.group("u").upper())
        yield _record(text, start, s.end(), "money", _scaled(v, short), vh, code)
        return
    if (s := _PERCENT_SUFFIX.match(text, end)):
        unit = "percentage point" if "point" in s.group().lower() else "percent"
        yield _record(text, start, s.end(), "percent", v, vh, unit)
        return
    if (s := _AGE_SUFFIX.match(text, end)):
        yield _record(text, start, s.end(), "age", v, vh, s.group("u").lower())
        return
    if (s := _TIME_UNIT_SUFFIX.match(text, end)):
        yield _record(text, start, s.end(), "duration", v, vh, _TIME_UNITS[s.group("u").lower()])
        return
    if (s := _MEASURE_SUFFIX.match(text, end)):
        yield _record(text, start, s.end(), "measure", v, vh, _MEASURE_UNITS.get(s.group("u"), _MEASURE_UNITS.get(s.group("u").lower())))
        return
    yield _record(text, start, end, "count", v, vh)


def _ordinals(text: str) -> Iterable[dict]:
    """Ranks: "fourth-largest", "fourth largest", "21st"."""
    for m in _ORDINAL_RE.finditer(text):
        if m.group("w"):
            parts = m.group("w").lower().split("-")
            val = sum(_TENS.get(p, 0) for p in parts[:-1]) + _ORDINALS[parts[-1]]
        else:
            val = int(m.group("d"))
        if m.group("w") and m.group("w").lower() == "second" and _digit_before(text, m.start()):
            continue
        yield _record(text, m.start(), m.end(), "ordinal", val)


def _vague(text: str) -> Iterable[dict]:
    """Vague magnitudes: "thousands", "tens of thousands", "scores"."""
    for m in _VAGUE_RE.finditer(text):
        yield _record(text, m.start(), m.end(), "count", qualifier="vague")


def _fractions(text: str) -> Iterable[dict]:
    """Fractions as percentages: "half" = 50, "a third of" = 33.33...;
    "half a million" is a count and "half an hour" a duration."""
    for m in _HALF_OF_UNIT.finditer(text):
        u = m.group("u").lower()
        if u in _TIME_UNITS:
            yield _record(text, m.start(), m.end(), "duration", 0.5, unit=_TIME_UNITS[u])
        else:
            yield _record(text, m.start(), m.end(), "count", 0.5 * (12 if u == "dozen" else _SCALES[u]))
    for pat in (_GLUED_HALF, _FRACTION_RE):
        for m in pat.finditer(text):
            s = m.group().lower()
            if "half" in s:
                if _ends_with(_DETERMINER_BEFORE, text, m.start(), _LONG_DETERMINER_TAIL):
                    continue
                val = 50.0
            else:
                num = 2 if s.startswith("two") else 3 if s.startswith("three") else 1
                val = round(100.0 * num / (3 if "third" in s else 4), 2)
            yield _record(text, m.start(), m.end(), "percent", val, unit="percent")


# ---------------------------------------------------------------------------
# Filters and qualifiers
# ---------------------------------------------------------------------------


def _is_pronoun_one(text: str, rec: dict) -> bool:
    """'one' used as a pronoun ("one of the worst", "no one said", "one can")."""
    if rec["kind"] != "count" or rec["text"].lower() != "one":
        return False
    return bool(_PRONOUN_ONE_NEXT.match(text[rec["end"]:rec["end"] + 20])
                or _PRONOUN_ONE_PREV.search(text[max(0, rec["start"] - 12):rec["start"]]))


def _is_identifier(text: str, rec: dict) -> bool:
    """Numbers inside names/codes: "number five", "F-16", "Comet 12P", "World War 2"."""
    s, e = rec["start"], rec["end"]
    before = text[max(0, s - 25):s]
    if rec["kind"] in ("date", "time"):
        return False
    if _ID_PREFIX.search(before):
        return True
    if rec.get("_pair"):
        return bool(re.search(r"[A-Za-z][-/]?$", before)) or bool(re.match(r"[A-Za-z\d]|[-/][A-Za-z]", text[e:e + 2]))
    if re.search(r"[A-Za-z][-/]?$|\d[-/.]$|/$", before) and rec["text"][:1].isdigit():
        return True
    if re.match(r"[A-Za-z\d]|/\w|-\d", text[e:e + 2]) and rec["text"][-1:].isdigit():
        return True
    if rec["text"][:1].isdigit() and rec["kind"] == "count":
        pw = re.search(r"(?:^|[^\w.!?\"“])\s*([A-Z][A-Za-z]+)\s$", before)
        if pw and pw.group(1).lower() not in _MONTHS and pw.group(1).lower() not in _WEEKDAYS:
            prev_chunk = before[:pw.start(1)].rstrip()
            if prev_chunk and prev_chunk[-1] not in ".!?\"“”\n":
                return True
    return False


def _qualifier(text: str, rec: dict) -> str:
    """Qualifier from the words around the span (never inside it)."""
    if rec["qualifier"] == "vague" or rec["kind"] in ("date", "time", "ordinal"):
        return rec["qualifier"]
    before = text[max(0, rec["start"] - 60):rec["start"]]
    # a line break or sentence end cuts the context
    before = re.split(r"[\n.;:!?]\s", before)[-1] if re.search(r"[\n.;:!?]\s", before) else before
    if re.search(r"\bbetween\s+$", before, re.I):
        return "exact"
    for pat, q in _QUALIFIERS_BEFORE:
        if pat.search(before):
            if q == "more_than" and rec["kind"] == "duration" and re.search(r"\bover\s*$", before, re.I):
                continue
            return q
    after = text[rec["end"]:rec["end"] + 20]
    for pat, q in _QUALIFIERS_AFTER:
        if pat.match(after):
            return q
    return "exact"


class _Ranges:
    """Containment of a span in one of the annotatable ranges, by bisection when the ranges do not overlap."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.starts = [a for a, _ in ranges]
        self.disjoint = all(b1 <= a2 for (_, b1), (a2, _) in zip(ranges, ranges[1:]))

    def contain(self, rec: dict) -> bool:
        if not self.disjoint:
            return any(a <= rec["start"] and rec["end"] <= b for a, b in self.ranges)
        k = bisect_right(self.starts, rec["start"]) - 1
        return k >= 0 and rec["end"] <= self.ranges[k][1]


class _Taken:
    """Pairwise disjoint spans already claimed (by a figure or a URL); overlap found by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        k = bisect_right(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.starts, e) - 1
        return k >= 0 and self.ends[k] > s


def _trim(text: str, rec: dict) -> dict:
    """Project rule: spans never begin or end with whitespace."""
    s, e = rec["start"], rec["end"]
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if (s, e) != (rec["start"], rec["end"]):
        rec = dict(rec, start=s, end=e, text=text[s:e])
    return rec


def extract_figures(text: str, segments: list[dict] | None = None,
                    published: str | None = None) -> list[dict]:
    """Figures (SPEC §5) in ``text``: records with start, end, text, kind, value,
    value_high, unit, iso, qualifier, sorted by (start, end).

    ``segments`` restricts output to headline/dateline/body/caption/credit
    segments; ``published`` ("YYYY-MM-DD") supplies the year of dates that
    omit it.
    """
    generators: list[Callable[[], Iterable[dict]]] = [
        lambda: _dates(text, published), lambda: _times(text), lambda: _ages(text),
        lambda: _fractions(text), lambda: _numbers(text), lambda: _ordinals(text),
        lambda: _vague(text), lambda: _years(text),
    ]
    taken = _Taken([(m.start(), m.end()) for m in _URL_RE.finditer(text)])
    ranges = _Ranges(regions(text, segments))
    out: list[dict] = []
    for gen in generators:
        for rec in gen():
            rec = _trim(text, rec)
            s, e = rec["start"], rec["end"]
            if s >= e or taken.overlaps(s, e):
                continue
            if rec["kind"] == "count" and rec["value"] is not None and re.fullmatch(_YEAR, rec["text"]):
                # bare 4-digit numbers are left to the year rule below
                if _YEAR_PREV.search(text[max(0, s - 20):s]) or not re.match(r"\s+[a-z]", text[e:e + 3]):
                    continue
            if re.fullmatch(r"an?", rec["text"], re.I) or _is_pronoun_one(text, rec) or _is_identifier(text, rec):
                if _is_identifier(text, rec):
                    taken.add(s, e)  # block the digits for later generators too
                continue
            if not ranges.contain(rec):
                continue
            rec["qualifier"] = _qualifier(text, rec)
            taken.add(s, e)
            out.append(rec)
    for r in out:
        r.pop("_pair", None)
    out.sort(key=lambda r: (r["start"], r["end"]))
    for r in out:
        assert text[r["start"]:r["end"]] == r["text"]
    return out


def extract(inp: LayerInput) -> list[dict]:
    """The registry's entry point: figures inside the predicted annotatable segments."""
    return extract_figures(inp.text, list(inp.segments), published=inp.published)
