"""Values of figures: number words, digits (signs, scientific notation, fractions), dates and years.

Pure functions from a matched string to a float or an ISO 8601 string; the
patterns that find the strings are in ``patterns``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from wirespan.layers.figures.lexicon import DENOMINATORS, NUMBER_WORDS, SCALES, SHORT_SCALES, TENS, alternation

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SCALE_START = re.compile(rf"({alternation(SCALES)})s?")


def words_to_number(phrase: str) -> float | None:
    """Value of an English number-word phrase ("four million", "a dozen", "minus two")."""
    total, current, sign = 0.0, 0.0, 1.0
    seen = False
    if re.search(r"\s+and\s+a\s+half$", phrase, re.I):
        whole = words_to_number(re.sub(r"\s+and\s+a\s+half$", "", phrase, flags=re.I))
        return None if whole is None else whole + (0.5 if whole >= 0 else -0.5)
    for tok in re.split(r"[\s-]+", phrase.lower()):
        tok = re.sub(r"[^a-z]", "", tok)
        if not tok or tok == "and":
            continue
        if tok == "minus" and not seen:
            sign = -1.0
        elif tok in ("a", "an"):
            current, seen = 1.0, True
        elif tok in NUMBER_WORDS:
            current += NUMBER_WORDS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok == "dozen":
            current, seen = (current or 1) * 12, True
        elif tok == "hundred":
            current, seen = (current or 1) * 100, True
        elif tok.rstrip("s") in SCALES:
            total, current, seen = total + (current or 1) * SCALES[tok.rstrip("s")], 0.0, True
        else:
            # glued remainder ("millionhalf"): the number ends at the scale word
            m = _SCALE_START.match(tok)
            if m:
                total, current, seen = total + (current or 1) * SCALES[m.group(1)], 0.0, True
            break
    return sign * (total + current) if seen else None


def plain_number(s: str) -> float | None:
    """Digits with separators, a sign (hyphen or Unicode minus), scientific notation or a fraction."""
    power_of_ten = bool(re.search(r"\^|[⁰-⁹]|^10−\d", s.strip()))  # "10^6", "10⁻³", "10−4"
    s = s.strip().replace(",", "").replace("−", "-").replace(" ", "")
    neg = s.startswith("-")
    s = s.lstrip("-+")
    try:
        if m := re.fullmatch(r"([\d.]+)(?:[×x]|\*)10(?:\^|\*\*)?(-?\d+)", s.translate(_SUPERSCRIPTS)):
            value = float(m.group(1)) * 10 ** int(m.group(2))
        elif m := re.fullmatch(r"10\^?(-?\d+)", s.translate(_SUPERSCRIPTS)) if power_of_ten else None:
            value = 10.0 ** int(m.group(1))
        else:
            value = float(s)
    except (ValueError, OverflowError):
        value = fraction_value(s)
        if value is None:
            return None
    return -value if neg else value


def fraction_value(s: str) -> float | None:
    """"3/4" -> 0.75, "2 1/2" or "2½" -> 2.5, "⅓" -> 0.333...; None if not a fraction."""
    s = s.strip()
    if m := re.fullmatch(r"(?:(\d+)\s*)?(\d+)\s*[/⁄]\s*(\d+)", s):
        whole, num, den = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
        return whole + num / den if den else None
    if m := re.fullmatch(r"(\d*)\s*([\u00BC-\u00BE\u2150-\u215E])", s):
        return int(m.group(1) or 0) + unicodedata.numeric(m.group(2))
    return None


@lru_cache(maxsize=1 << 12)
def atom_value(atom: str) -> float | None:
    """Numeric value of a digit or word atom, scale words included ("2.5 million", "-1e-3", "3/4").

    Memoised (a pure function of the string): "one", "two", "2024" recur in every article.
    """
    atom = atom.strip()
    if re.match(r"[-−+]?\s?[\d.\u00BC-\u00BE\u2150-\u215E]", atom):
        m = re.match(r"(.*?[\d\u00BC-\u00BE\u2150-\u215E⁰-⁹])\s?-?([a-z]*)$", atom, re.S)
        base = plain_number(m.group(1)) if m else plain_number(atom)
        rest = m.group(2).lower() if m else ""
        if base is None:
            return None
        for word, mult in SCALES.items():
            if rest.startswith(word):
                return base * mult
        return base
    return words_to_number(atom)


def spoken_fraction(phrase: str) -> float | None:
    """"three fifths" -> 0.6, "one sixth" / "a sixth" -> 0.1666..., "a quarter" -> 0.25."""
    parts = re.split(r"[\s-]+", phrase.lower())
    if len(parts) != 2:
        return None
    num = 1 if parts[0] in ("a", "an") else NUMBER_WORDS.get(parts[0])
    den = DENOMINATORS.get(parts[1]) or DENOMINATORS.get(parts[1][:-1])
    if not num or not den:
        return None
    return num / den


def scaled(value: float | None, short: str | None) -> float | None:
    """Apply a short multiplier ("bn", "m", "k", "M", "T")."""
    if value is None or not short:
        return value
    return value * SHORT_SCALES[short.lower()]


def fmt_date(year: int | None, month: int, day: int | None) -> str:
    """ISO 8601 calendar date, reduced precision or --MM-DD when parts are missing."""
    if year is None:
        return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def infer_year(month: int, day: int, published: str | None, future: bool = False) -> int | None:
    """Year of a month-day the text gives without one.

    News reports what has happened: the date is the latest one on or before
    the publication date ("March 3" in an article of 5 November 2024 is
    2024-03-03, "December 20" in one of 5 January 2025 is 2024-12-20). When
    the sentence speaks of the future (``future``), it is the first one on or
    after the publication date instead.
    """
    if not published:
        return None
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    years = (pub.year, pub.year + 1) if future else (pub.year, pub.year - 1)
    for y in years:
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if (d >= pub) if future else (d <= pub):
            return y
    return years[-1]
