"""Number reading shared by the figure development sets (MeasEval, quantulum3's cases).

Neither set states SPEC's ``value`` and ``qualifier`` the way SPEC does, so the
readers derive them from the annotated span by these few, documented rules;
anything these rules cannot read gets ``value`` null and is not scored for value.
"""

from __future__ import annotations

import re

#: A value written with its uncertainty ("14 ± 0.5 mm", "9.8 +/- 0.1"): SPEC's value is the first number.
PLUS_MINUS = re.compile(r"±|\+/-|\+/−|\+-")
#: Leading qualifiers SPEC keeps out of the span, with the SPEC qualifier they give.
QUALIFIERS = {
    "≥": "at_least", ">=": "at_least", "at least": "at_least", "≤": "at_most", "<=": "at_most",
    "at most": "at_most", "up to": "at_most", ">": "more_than", "more than": "more_than",
    "over": "more_than", "above": "more_than", "<": "less_than", "less than": "less_than",
    "under": "less_than", "below": "less_than", "within": "at_most", "~": "approximate",
    "∼": "approximate", "≈": "approximate", "approximately": "approximate", "about": "approximate",
    "around": "approximate", "roughly": "approximate", "nearly": "approximate", "almost": "approximate",
    "circa": "approximate", "ca.": "approximate", "c.": "approximate", "some": "approximate",
}
_QUAL = re.compile(r"(?i)^(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")(?:\s+|(?=[\d−-]))")
_NUMBER = re.compile(r"^[−–-]?\s?\d[\d,]*(?:\.\d+)?|^[−–-]?\.\d+")
_SCALE = re.compile(r"^\s*(thousand|million|billion|trillion)\b", re.I)
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_TIMES_TEN = re.compile(r"^\s?[×x]\s?10\s?(?:\^\s?)?([−-]?\s?\d+|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_OVER = re.compile(r"^/(\d+)(?![\d.,/])")
_NOT_LEADING = re.compile(r"^:\d|^\s?°\s?\d")
_RANGE = re.compile(r"^\s*(?:to|–|-|—|and)\s*([−-]?\d[\d,]*(?:\.\d+)?)")


def strip_qualifier(text: str, start: int, end: int) -> tuple[int, str]:
    """New start after a leading qualifier in ``text[start:end]``, and the SPEC qualifier ("exact" if none)."""
    m = _QUAL.match(text[start:end])
    if not m or start + m.end() >= end:
        return start, "exact"
    return start + m.end(), QUALIFIERS[m.group(1).lower()]


def number(s: str) -> float | None:
    """A plain decimal number string ("1,500", "−4.5") as float."""
    try:
        return float(s.replace(",", "").replace("−", "-").replace("–", "-").replace(" ", ""))
    except ValueError:
        return None


def leading_value(span_text: str) -> tuple[float | None, float | None]:
    """(value, value_high) when the span starts with digits ("35 to 55 years" -> 35, 55; "5.9 million"
    -> 5,900,000; "4.3 × 10−8" -> 4.3e-8; "1/100" -> 0.01), else (None, None); also (None, None) for a
    ratio ("1:10") and a coordinate ("57°44’8”N"), whose value these rules cannot read."""
    m = _NUMBER.match(span_text)
    if not m:
        return None, None
    value = number(m.group(0))
    rest = span_text[m.end():]
    if _NOT_LEADING.match(rest):
        return None, None  # a ratio "1:10" or a coordinate "57°44’": the first number is not the value
    if value is not None and (power := _TIMES_TEN.match(rest)):
        exponent = power.group(1).translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")).replace(" ", "")
        return value * 10.0 ** int(exponent), None
    if value is not None and (over := _OVER.match(rest)) and int(over.group(1)):
        return value / int(over.group(1)), None
    scale = _SCALE.match(span_text[m.end():])
    if scale and value is not None:
        return value * SCALES[scale.group(1).lower()], None
    high = _RANGE.match(span_text[m.end():])
    return value, (number(high.group(1)) if high else None)


def quantulum_reading(value: float, uncertainty: float | None, surface: str,
                      unit: str | None) -> tuple[float, float | None, str | None, list[str]]:
    """quantulum3's (value, uncertainty, unit) in SPEC's reading: (value, value_high, unit, mappings applied).

    One place for the quantulum3-cases reader (gold) and the quantulum3 peer alike: quantulum3 gives a
    range as mean ± uncertainty, which is (low, high); but a value written with its uncertainty ("14 ±
    0.5 mm") is that value (``plus_minus_as_value``); and "dozen", which quantulum3 takes for a unit, is
    the number 12 with no unit (``dozen_as_twelve``).
    """
    low, high = (value - uncertainty, value + uncertainty) if uncertainty else (value, None)
    mapped = []
    if uncertainty and PLUS_MINUS.search(surface):
        low, high = value, None
        mapped.append("plus_minus_as_value")
    if unit == "dozen":
        low, high, unit = low * 12, None if high is None else high * 12, None
        mapped.append("dozen_as_twelve")
    return low, high, unit, mapped
