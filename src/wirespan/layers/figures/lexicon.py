"""Word lists of the figure extractor: number words, months, time units, currencies and units of measure.

General English and SI facts only, nothing taken from any corpus. The table of
units of measure is built from the SI prefixes and a short list of base units
(symbols and names), so "kilometres", "km", "GHz" and "nanometers" all come
from one row each instead of a hand-typed list; a few customary units
(miles, °C, ‰, vol%) are added by hand. pint's registry would cover more, but
it also resolves ordinary words ("in", "a", "at") to units and costs a
dependency for what these few rows do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wirespan.text.lexicons import MONTH_ABBREVIATIONS, MONTH_NUMBERS
from wirespan.text.lexicons import WEEKDAYS as TEXT_WEEKDAYS

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
#: Multiplier words; lakh and crore are the Indian scale words (1 lakh = 100,000, 1 crore = 10,000,000).
SCALES = {"hundred": 100, "thousand": 1_000, "lakh": 100_000, "million": 1_000_000, "crore": 10_000_000,
          "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
#: Abbreviated multipliers glued to a number ("$3bn", "€10M", "32K").
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
                "b": 1_000_000_000, "bn": 1_000_000_000, "t": 1_000_000_000_000, "tn": 1_000_000_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000, "millionth": 1_000_000,
}
#: Denominators of spoken fractions ("three fifths", "one sixth"); "second" is a time unit, not a denominator.
DENOMINATORS = {**{k: v for k, v in ORDINALS.items() if 3 <= v <= 100}, "half": 2, "halve": 2, "quarter": 4}
#: Month words (full and abbreviated) -> month number, and weekday names: ``wirespan.text.lexicons``.
MONTHS = {**MONTH_NUMBERS, **MONTH_ABBREVIATIONS}
WEEKDAYS = TEXT_WEEKDAYS
TIME_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute",
    "minutes": "minute", "hour": "hour", "hours": "hour", "day": "day",
    "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "century": "century", "centuries": "century",
}
CURRENCY_WORDS = {
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "rubles": "RUB",
    "ruble": "RUB", "roubles": "RUB", "rouble": "RUB", "hryvnias": "UAH",
    "hryvnia": "UAH", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY",
    "rupees": "INR", "rupee": "INR", "francs": "CHF", "zlotys": "PLN",
}
#: Currency signs written before the number ("€10", "Rs 5 crore"); "元" and "€" are also written after it.
CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH",
                  "₹": "INR", "Rs.": "INR", "Rs": "INR", "元": "CNY", "₩": "KRW", "₺": "TRY", "zł": "PLN"}
CURRENCY_AFTER = {"€": "EUR", "元": "CNY", "£": "GBP", "₽": "RUB", "₴": "UAH", "zł": "PLN"}
CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "UAH", "CNY", "RMB", "JPY", "CHF", "CAD", "AUD", "INR", "PLN")

#: SI prefixes: symbol -> name (µ and μ are the micro sign and the Greek letter).
SI_PREFIXES = {"T": "tera", "G": "giga", "M": "mega", "k": "kilo", "h": "hecto", "c": "centi",
               "m": "milli", "µ": "micro", "μ": "micro", "n": "nano", "p": "pico", "P": "peta", "E": "exa", "K": "kilo"}
#: Base units: symbol -> (names, the prefixes it takes in practice). Only prefixed forms in real use
#: are built, so that rare combinations ("PA", "na") do not turn ordinary words after a number into units.
SI_BASE = {
    "m": (("meter", "metre"), "kcmµμnp"), "g": (("gram",), "kMmµμnp"), "s": (("second",), "mµμnp"),
    "A": (("ampere", "amp"), "kmµμn"), "K": (("kelvin",), ""), "mol": (("mole",), "kmµμn"),
    "Hz": (("hertz",), "kMGT"), "N": (("newton",), "kM"), "Pa": (("pascal",), "hkMG"),
    "J": (("joule",), "kMGTmµμ"), "W": (("watt",), "kMGTmµμ"), "Wh": (("watt-hour", "watt hour"), "kMGT"),
    "V": (("volt",), "kMmµμ"), "Ω": (("ohm",), "kM"), "T": (("tesla",), "mµμn"), "Gy": (("gray",), "mµμ"),
    "Sv": (("sievert",), "mµμ"), "Bq": (("becquerel",), "kMGT"), "L": (("liter", "litre"), "mµμ"),
    "l": ((), "mµμc"), "eV": (("electronvolt", "electron volt"), "kMGT"), "B": (("byte",), "kKMGTPE"),
    "bit": (("bit",), "kMGT"), "t": (("tonne",), "kMG"), "bar": (("bar",), "mk"), "cal": (("calorie",), "k"),
    "a": (("annum",), "kMG"), "M": ((), "mµμn"),
}
#: Symbols that need a space before them: glued to a number they read as something else ("1960s", "5a").
SPACED_ONLY = {"s", "a", "t", "l", "M", "T", "B", "A", "N", "K"}
#: Customary and non-SI units: spelling -> code (also the astronomers' radii of a planet, of Jupiter and of
#: the Earth, "3.4Rp", and the kilorayleigh of auroral brightness, "88kR").
OTHER_UNITS = {
    "mile": "mi", "mi": "mi", "foot": "ft", "feet": "ft", "ft": "ft", "inch": "in", "inches": "in",
    "yard": "yd", "yd": "yd", "pound": "lb", "lb": "lb", "lbs": "lb", "ounce": "oz", "oz": "oz",
    "ton": "t", "tons": "t", "metric ton": "t", "metric tons": "t", "metric tonne": "t", "metric tonnes": "t",
    "gallon": "gal", "gal": "gal", "barrel": "barrel", "bbl": "barrel", "acre": "acre", "hectare": "ha",
    "ha": "ha", "knot": "knot", "mph": "mph", "kph": "km/h", "km/h": "km/h", "cup": "cup", "tbsp": "tbsp",
    "tsp": "tsp", "degree": "degree", "°": "degree", "°C": "°C", "° C": "°C", "℃": "°C", "°F": "°F",
    "° F": "°F", "degrees Celsius": "°C", "degree Celsius": "°C", "degrees centigrade": "°C",
    "degrees Fahrenheit": "°F", "degree Fahrenheit": "°F", "‰": "‰", "ppm": "ppm", "ppb": "ppb",
    "ppt": "ppt", "vol%": "vol%", "vol.%": "vol%", "wt%": "wt%", "wt.%": "wt%", "mol%": "mol%",
    "at.%": "at%", "at%": "at%", "times": "times", "fold": "times", "dB": "dB",
    "min": "min", "h": "h", "hr": "h", "hrs": "h", "yrs": "year", "rpm": "rpm", "cc": "cc", "sq mi": "mi2",
    "sq km": "km2", "sq ft": "ft2", "square kilometers": "km2", "square kilometres": "km2",
    "square miles": "mi2", "square feet": "ft2", "square meters": "m2", "square metres": "m2",
    "cubic meters": "m3", "cubic metres": "m3", "cubic kilometers": "km3", "cubic kilometres": "km3",
    "light year": "ly", "light-year": "ly", "astronomical unit": "au", "AU": "au",
    "Rp": "Rp", "RJ": "RJ", "R⊕": "R⊕", "kR": "kR", "percentage point": "percentage point",
    "kb": "kbit", "Mb": "Mbit", "Gb": "Gbit", "kbps": "kbit/s", "Mbps": "Mbit/s", "Gbps": "Gbit/s",
}


def plural(name: str) -> str:
    """English plural of a unit name ("inch" -> "inches", "foot" handled in the table)."""
    return name + ("es" if name.endswith(("ch", "sh", "s", "x")) else "s")


def build_units() -> tuple[dict[str, str], dict[str, str]]:
    """(symbols, words): case-sensitive symbols and case-insensitive names, each mapped to its symbol.

    Every SI base unit is taken bare and with every SI prefix, as symbol
    ("GHz") and as name ("gigahertz", plural "gigahertzes" is not English, so
    units ending in a sibilant or in "z" keep their singular).
    """
    symbols: dict[str, str] = {}
    words: dict[str, str] = {}
    for sym, (names, prefixes) in SI_BASE.items():
        for psym, pname in [("", ""), *((p, SI_PREFIXES[p] if p != "K" else "kilo") for p in prefixes)]:
            full = psym + sym
            if sym != "a" or psym:
                symbols.setdefault(full, full.replace("µ", "μ"))
            for name in names:
                word = pname + name
                words[word] = full.replace("µ", "μ")
                if not word.endswith(("z", "s")):
                    words[plural(word)] = full.replace("µ", "μ")
    for spelling, code in OTHER_UNITS.items():
        target = words if spelling[:1].isalpha() and spelling.lower() == spelling and len(spelling) > 3 else symbols
        target[spelling] = code
        if target is words and spelling[-1].isalpha() and not spelling.endswith(("s", "t")):
            words.setdefault(plural(spelling), code)
    words.setdefault("metric tons", "t")
    return symbols, words


UNIT_SYMBOLS, UNIT_WORDS = build_units()


def alternation(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that 'fourteen' beats 'four' and 'km' beats 'k'."""
    return "|".join(sorted((re.escape(w) for w in set(words)), key=len, reverse=True))
