"""General English word lists the layers share (not corpus specific): months, weekdays, titles, abbreviations.

Why one module: a calendar word or an abbreviation is a fact about English
news text, not about one extractor; stated here once, each layer builds the
sets it needs from these lists.  Everything is lower case, without the full
stop, unless a name says otherwise.
"""

from __future__ import annotations

#: Month names in calendar order (the index + 1 is the month number).
MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august",
                           "september", "october", "november", "december")
#: Month name -> month number.
MONTH_NUMBERS: dict[str, int] = {name: i + 1 for i, name in enumerate(MONTHS)}
#: Abbreviated month -> month number ("Sept." and "Sep." are both in use; "May" is never shortened).
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})

#: Courtesy titles written before a personal name ("Mr.", "Dr", "Dame").
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame"})
#: Honorifics as written, lower case, as the quote layer matches tokens: with and without the full
#: stop, except that "Sir" and "Dame" are never shortened and "Prof" counts only with its stop
#: ("Prof."), as the quote layer has always read it.
HONORIFIC_FORMS = (HONORIFICS - {"prof"}) | {f"{h}." for h in HONORIFICS - {"sir", "dame"}}

#: Abbreviations after which a full stop does not end a sentence: titles and ranks, months,
#: "No.", "vs.", "etc." and company suffixes.  Initialisms ("U.S.", "a.m.") are recognised by
#: their shape, not listed.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "col", "lt", "sgt", "capt", "adm", "cmdr", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "mt", "ft", "no", "vs", "etc", "inc", "corp", "co", "ltd",
    *MONTH_ABBREVIATIONS,
})
#: Rarer abbreviations (weekdays, "Hon.", "Vol.", "Fig.", "approx.", "et al.") that the passage
#: splitter of the variant aligner also keeps together.  The quote layer does not use them: several
#: are also words ("sat", "sun", "est") and adding them there would move its sentence cuts.
RARE_ABBREVIATIONS = frozenset({
    "hon", "pres", "supt", "insp", "nos", "vol", "vols", "fig", "figs", "approx", "est", "dept", "univ",
    "bros", "al", *WEEKDAY_ABBREVIATIONS,
})
