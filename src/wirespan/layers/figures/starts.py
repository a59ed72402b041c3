"""Where each candidate pattern of `patterns` can begin, from the digits and words `scan.Places` finds.

Each function returns the sorted positions where a match of its pattern
may begin: every position where one does, and a few where none does. (Or
None: try the pattern everywhere.) Why each list is complete is said next
to it, from the pattern's first elements; tests compare every pattern's
matches with and without these lists on texts written to probe the edges.
"""

from __future__ import annotations

from wirespan.layers.figures.lexicon import (
    CURRENCY_CODES, CURRENCY_SIGNS, DENOMINATORS, NUMBER_WORDS, ORDINALS, SCALES, TENS)
from wirespan.layers.figures.scan import Places

#: First characters of a currency written before a number (`patterns.CUR_PREFIX`, case-sensitive).
CUR_FIRST = frozenset(w[0] for w in (*CURRENCY_SIGNS, *CURRENCY_CODES))
#: How far before a number its currency may begin: the longest currency, its optional space, the space before the number.
CUR_REACH = max(len(w) for w in (*CURRENCY_SIGNS, *CURRENCY_CODES)) + 2
#: The months of `patterns.MONTH_RE` (full names and abbreviations) all begin with one of these.
MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Words that stand before a denominator in `patterns.SPOKEN_FRACTION_RE` ("two thirds", "a quarter of").
FRACTION_COUNTS = (*(k for k, v in NUMBER_WORDS.items() if v > 1), "one", "an", "a")
#: The denominators of `patterns.SPOKEN_FRACTION_RE` (plurals and "halves" begin with one of them or are it).
FRACTION_DENOMINATORS = (*(d for d in DENOMINATORS if d not in ("half", "halve")), "halves")


def digit_runs(places: Places) -> list[int]:
    """Patterns that begin with a digit after a look-behind that rules out a digit before it (times, years,
    decades, ratios, coordinates, day-month dates): the starts of runs of digits."""
    return places.digits()


def number_starts(places: Places) -> list[int] | None:
    """`NUMEXPR_RE`: an optional currency (`CUR_REACH` at most), an optional space, then the number (atom).

    A digit atom begins at its first digit (a run start: a word character may not precede it), or one or
    two characters earlier at a sign or a decimal point ("-5", ".5", "-.5", "− 5"); a word atom at a number
    word or "minus", or at "a"/"an" before a scale word or "dozen".
    """
    words = places.words((*NUMBER_WORDS, *TENS, "minus"))
    if words is None:
        return None
    text = places.text
    atoms = set(words)
    for d in places.digits():
        atoms.add(d)
        if d >= 1 and text[d - 1] in "-−.":
            atoms.add(d - 1)
        if d >= 2 and text[d - 2] in "-−":
            atoms.add(d - 2)
    scales = places.words((*SCALES, "dozen")) or []
    atoms.update(places.after_spaces(scales, "a"))
    atoms.update(places.after_spaces(scales, "an"))
    starts = set(atoms)
    for s in atoms:
        if s >= 1 and text[s - 1].isspace():
            starts.add(s - 1)
        starts.update(c for c in range(max(0, s - CUR_REACH), s) if text[c] in CUR_FIRST)
    return sorted(starts)


def half_starts(places: Places) -> list[int] | None:
    """`HALF_RE` (and, with "a quarter", `HALF_OF_UNIT`): at "half"."""
    return places.words(("half",))


def half_of_unit_starts(places: Places) -> list[int] | None:
    """`HALF_OF_UNIT`: at "half", or at the "a" of "a quarter"."""
    half = places.words(("half",))
    if half is None:
        return None
    return sorted({*half, *places.after_spaces(places.words(("quarter",)) or [], "a")})


def one_half_starts(places: Places) -> list[int] | None:
    """`ONE_HALF_RE`: "one", a space or hyphen, "half": four characters before "half"."""
    half = places.words(("half",))
    return None if half is None else [h - 4 for h in half if h >= 4]


def glued_half_starts(places: Places) -> list[int]:
    """`GLUED_HALF` (case-sensitive): at "half"."""
    return places.literals(("half",))


def spoken_fraction_starts(places: Places) -> list[int] | None:
    """`SPOKEN_FRACTION_RE`: a count word, one space or hyphen, a denominator: so the match begins one
    character and a count word's length before a denominator."""
    dens = places.words(FRACTION_DENOMINATORS)
    if dens is None:
        return None
    lengths = {len(w) for w in FRACTION_COUNTS}
    return sorted({q - 1 - n for q in dens for n in lengths if q - 1 - n >= 0})


def ordinal_starts(places: Places) -> list[int] | None:
    """`ORDINAL_RE`: at an ordinal word, at a tens word ("twenty-first"), or at a run of digits ("21st")."""
    words = places.words((*ORDINALS, *TENS))
    return None if words is None else sorted({*words, *places.digits()})


def vague_starts(places: Places) -> list[int] | None:
    """`VAGUE_RE`: at one of its plural words."""
    return places.words(("tens", "hundreds", "dozens", "scores", "thousands", "millions", "billions", "trillions"))


def position_starts(places: Places) -> list[int] | None:
    """`POSITION_RE`: at "day", "week", "month" or "year"."""
    return places.words(("day", "week", "month", "year"))


def appositive_age_starts(places: Places) -> list[int]:
    """`AGE_APPOS`: a comma and one whitespace character before a run of digits."""
    return [d - 2 for d in places.digits() if d >= 2]


def age_word_starts(places: Places) -> list[int] | None:
    """`AGE_AFTER_WORD`: at "age" (or "aged")."""
    return places.words(("age",))


def month_starts(places: Places) -> list[int]:
    """Month-first dates (`DATE_PATTERNS` 0 and 2, case-sensitive): at a month's first three letters."""
    return places.literals(MONTH_STEMS)


def url_starts(places: Places) -> list[int] | None:
    """`URL_RE`: at "http" or "www."; anywhere in a run of non-space characters before an "@" (e-mail); at a
    run of digits or one character before it ("+", "(") (telephone numbers)."""
    web = places.words(("http", "www."))
    if web is None:
        return None
    text = places.text
    starts = set(web)
    for a in places.literals(("@",)):
        r = a
        while r > 0 and not text[r - 1].isspace():
            r -= 1
        starts.update(range(r, a))
    for d in places.digits():
        starts.update((d, d - 1) if d >= 1 else (d,))
    return sorted(starts)
