"""Regular expressions of the figure extractor, built from the word lists in ``lexicon``.

Building blocks: a number *atom* (digits with separators, a sign, scientific
notation, a fraction, or number words), a number *expression* (an atom or a
range of two, with currency and short multipliers), and the suffixes read
after it (percent, age, time unit, unit of measure, currency word).
"""

from __future__ import annotations

import re

from wirespan.layers.figures.lexicon import (
    CURRENCY_AFTER, CURRENCY_CODES, CURRENCY_SIGNS, CURRENCY_WORDS, DENOMINATORS, NUMBER_WORDS, ORDINALS, SCALES,
    SPACED_ONLY, TENS, TIME_UNITS, UNIT_SYMBOLS, UNIT_WORDS, alternation)

alt = alternation

DIG = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_VULGAR = "\u00BC-\u00BE\u2150-\u215E"
#: "6 × 10⁶", "2.48×10−5", "5.5x10-3", "1.2 x 10^9", "4e14", "-1e-3", and "10−4" (a Unicode minus glued to
#: 10 is an exponent whose superscript was lost; a hyphen there is a range, "10-12").
SCI = (rf"(?:{DIG})\s?[×x]\s?10(?:\^\s?[-−]?\d+|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[-−]\d+)"
       rf"|(?:\d+(?:\.\d+)?)[eE][-+−]?\d+(?![A-Za-z\d])|10(?:\^[-−]?\d+|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|−\d{{1,2}}(?![\d.]))")
#: "3/4", "2 1/2", "2½", "½" (numerator below denominator; "24/7" is not a fraction).
FRACTION = rf"(?:\d+\s)?\d{{1,2}}/\d{{1,3}}(?![\d/])|\d*[{_VULGAR}]"
FRACTION_ONLY_RE = re.compile(FRACTION)
# A scale word may be glued to a following word by a typo ("4 millionhalf");
# only real derivations (millions, millionth, millionaire, -fold) block it.
_SCALE_END = r"(?:(?![A-Za-z])|(?=(?!s\b|ths?\b|aires?\b|fold\b)[a-z]{2,}))"
SCALE = rf"(?:{alt(SCALES)})(?:s(?=\s+of\b))?{_SCALE_END}"
_BASIC = (rf"(?:(?:{alt(TENS)})(?:-(?:{alt(k for k, v in NUMBER_WORDS.items() if 0 < v < 10)}))?"
          rf"|{alt(NUMBER_WORDS)})")
# glue-tolerant left boundary: a number word may follow a scale word typo
#: What joins the words of one number: a space or hyphen, "and" or "&" ("a hundred and two", "two hundred & forty").
_JOIN = r"(?:\s+|-)(?:(?:and|&)\s+)?"
_GSTART = r"(?:(?<![A-Za-z])|(?<=million)|(?<=billion)|(?<=thousand)|(?<=hundred)|(?<=percent))"
WORDNUM = (
    rf"(?:(?:minus\s+)?{_BASIC}(?![A-Za-z])(?:{_JOIN}(?:{_BASIC}(?![A-Za-z])|{SCALE}|dozen\b))*"
    rf"(?:\s+and\s+a\s+half\b)?"
    rf"|an?\s+(?:dozen\b|{SCALE})(?:\s+{SCALE})*(?:{_JOIN}(?:{_BASIC}(?![A-Za-z])|{SCALE}))*)"
)
#: A sign only where it cannot be a hyphen joining two words or numbers; a Unicode minus may stand spaced ("− 10").
SIGN = r"(?:(?<![^\s(\[=:/≈~∼<>$€£¥₹])(?:[-−](?=\.?\d)|(?<![\d)]\s)−\s(?=\d)))?"
DIGNUM = rf"(?:{SIGN}(?:{SCI}|{FRACTION}|{DIG}))(?:\s?-?(?:{SCALE}))?"
ATOM = rf"(?:(?<![\w.,])(?:{DIGNUM})|{_GSTART}(?i:{WORDNUM}))"
#: "5-8", "5 to 8", and the suspended hyphen of "8- to 16-meter" (a unit after each number, written once).
RANGE_SEP = r"\s*(?:-|–|—)\s*|-?\s+(?:to|or)\s+"
CUR_PREFIX = (r"(?:" + alt(CURRENCY_SIGNS) + r"|(?:" + "|".join(CURRENCY_CODES) + r")\s?)")
SHORT = r"(?:bn|mn|mln|tn|[mbk]|(?<=\d)[MBKT])(?![A-Za-z])"
NUMEXPR_RE = re.compile(
    rf"(?P<cur>{CUR_PREFIX})?\s?(?P<a>{ATOM})(?P<short>{SHORT})?"
    rf"(?:(?P<sep>{RANGE_SEP}|(?<=\d)\s+and\s+(?=\d)|\s+and\s+)(?:{CUR_PREFIX})?\s?(?P<b>{ATOM})(?P<short2>{SHORT})?)?"
)
YEAR = r"(?:1[5-9]\d\d|20\d\d)"

MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|"
            r"October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|"
            r"Aug\.|Sept\.?|Sep\.|Oct\.|Nov\.|Dec\.)")
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
DATE_PATTERNS = [
    re.compile(rf"(?P<month>{MONTH_RE})\s+(?P<day>{DAY})(?:\s?[-–]\s?(?P<day2>{DAY}))?(?![\d,]\d)(?!\w)"
               rf"(?:,?\s+(?P<year>{YEAR})(?!\d))?"),
    re.compile(rf"(?<![\w.])(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH_RE})(?![A-Za-z])(?:,?\s+(?P<year>{YEAR})(?!\d))?"),
    re.compile(rf"(?P<month>{MONTH_RE})(?:,\s*|\s+)(?P<year>{YEAR})(?!\d)"),
]
DECADE_RE = re.compile(r"(?<![\w.,$])(?P<year>(?:1[5-9]\d|20\d)0)['’]?s(?![A-Za-z])")
YEAR_RE = re.compile(rf"(?<![\w.,$€£])(?P<year>{YEAR})(?![\d,.]\d)(?![A-Za-z%])")
YEAR_PREV = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|to|before|after|of|during|through|"
    r"between|and|early|late|mid|year|the|summer|winter|spring|autumn|fall|"
    r"around|circa|c\.)|[-–(])\s*$", re.I)
#: Words that make a sentence speak of the future (a month-day in it is the next one, not the last).
FUTURE_RE = re.compile(
    r"\b(?:will|shall|won['’]t|next|upcoming|coming|scheduled|due\s+to|plans?\s+to|planned|expected\s+to|"
    r"set\s+to|is\s+to|are\s+to|from\s+now|ahead\s+of)\b|['’]ll\b", re.I)
QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"]*\"")
#: A start date announced ("beginning April 1", "effective June 3") is also read forward.
STARTING_RE = re.compile(r"\b(?:beginning|starting|effective|as\s+of)\s+(?:on\s+)?$", re.I)
TIME_RE = re.compile(
    r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s?"
    r"(?:(?P<ampm>[ap])\.\s?m\.|(?P<ampm2>[AaPp])[Mm](?![A-Za-z])|(?P<oclock>o['’]clock\b))"
    r"|(?<![\w.:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?::(?P<s24>[0-5]\d))?(?![\d:])")
AGE_SUFFIX = re.compile(r"[\s-]?(?P<u>year|month|week|day)s?[\s-]old(?P<pl>s)?(?![A-Za-z])", re.I)
AGE_APPOS = re.compile(r"(?<=[A-Za-z]),\s(?P<n>\d{1,3})(?=\s?[,)]|\s*$)", re.M)
AGE_AFTER_WORD = re.compile(r"\b(?:aged|age)\s+(?P<n>\d{1,3})(?!\d|[.,]\d|\w)", re.I)
PERCENT_SUFFIX = re.compile(r"\s?(?:%|percentage points?\b|percent\b|per\s+cent\b|pct\b)", re.I)
TIME_UNIT_SUFFIX = re.compile(rf"(?:\s+|-)(?P<u>{alt(TIME_UNITS)})(?![A-Za-z])", re.I)

_EXP = r"(?:\^\s?[-−]?\d|[-−]\s?[1-4](?!\d)|⁻?[¹²³⁴]|[23](?![\d.]))"
_SYM = rf"(?:{alt(UNIT_SYMBOLS)})"
_WORD = rf"(?i:{alt(UNIT_WORDS)})"
_UNIT = rf"(?:{_SYM}|{_WORD}){_EXP}?(?![A-Za-z\d])"
_GLUED = rf"(?:(?!(?:{alt(SPACED_ONLY)})(?![A-Za-z]))(?:{_SYM})|{_WORD}){_EXP}?(?![A-Za-z\d])"
_TAIL = rf"(?:\s?/\s?{_UNIT}|\s(?:{_SYM}|day|year|yr|month|week)(?:[-−]\s?\d|⁻[¹²³⁴])(?![A-Za-z\d])|\s+per\s+(?:{_UNIT}|(?i:{alt(TIME_UNITS)})\b))*"
#: A unit of measure after a number: spaced, hyphenated or glued ("38 °C", "7.62mm", "8 MB", "kg s−1").
MEASURE_SUFFIX = re.compile(
    rf"(?:(?:\s|-)(?P<u>(?:{_UNIT}|°\s?[CFNSEW](?![A-Za-z]))(?:{_TAIL}))"
    rf"|(?<=[\d{_VULGAR}])(?P<g>(?:×(?!\s?\d)|{_GLUED}|°\s?[CFNSEW]?(?![A-Za-z])|‰)(?:{_TAIL})))")
CURRENCY_SUFFIX = re.compile(rf"\s+(?P<u>{alt(CURRENCY_WORDS)}|{'|'.join(CURRENCY_CODES)})(?![A-Za-z])"
                             rf"|(?P<sign>{alt(CURRENCY_AFTER)})", re.I)
ORDINAL_RE = re.compile(
    rf"(?<![A-Za-z\d-])(?:(?P<w>(?:(?:{alt(TENS)})-)?(?:{alt(ORDINALS)}))|(?P<d>\d+)(?:st|nd|rd|th))"
    r"(?P<sup>(?:-|\s)(?:[a-z]+est|most[\s-][a-z]+|largest|biggest|ranked)(?![A-Za-z]))?(?![A-Za-z])",
    re.I)
VAGUE_RE = re.compile(
    r"(?<![A-Za-z])(?:(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:dozens|hundreds|thousands|millions|billions|trillions))(?![A-Za-z])"
    r"|(?<![A-Za-z])scores(?=\s+(?:of|more|others|dead|killed|injured|wounded|people|were|have|had)\b)",
    re.I)
#: Degrees-minutes(-seconds) of a coordinate: "57°44’8.47”N", "3°05'W" (one figure, not three numbers).
COORDINATE_RE = re.compile(
    r"(?<![\w.])(?P<d>\d{1,3})\s?°\s?(?P<m>\d{1,2}(?:\.\d+)?)\s?[′’']"
    r"(?:\s?(?P<s>\d{1,2}(?:\.\d+)?)\s?(?:″|”|''|\"))?(?:\s?(?P<h>[NSEW])(?![A-Za-z]))?")
#: A ratio "1:3", "93:7", "1:1000" (a clock time such as "1:10" is read as a time first).
RATIO_RE = re.compile(r"(?<![\w.:,])(?P<a>\d+(?:\.\d+)?):(?P<b>\d+(?:\.\d+)?)(?![\d:]|\.\d|[A-Za-z])")
ONE_HALF_RE = re.compile(r"(?<![A-Za-z])one[\s-]half(?![A-Za-z])", re.I)
#: A position in a run of time units, "day 14 of", "months 5 and 7": a rank, not a count ("the day 20 people
#: died" is not one: a determiner before, or a word after other than "of"/"only", rules it out).
POSITION_RE = re.compile(
    r"(?<![A-Za-z])(?<!\b(?:the|one|per|any) )(?<!\ba )(?<!\ban )(?<!\b(?:each|that|this) )(?<!\bevery )"
    r"(?:day|week|month|year)s?\s+(?P<n>\d{1,3}(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)\d{1,3})*)"
    r"(?![\d,.]\d)(?=\s*(?:[.,;:)(]|$|of\b|only\b|and\b|or\b))", re.I)
HALF_RE = re.compile(r"(?<![A-Za-z])(?<!and a )half(?![A-Za-z-])", re.I)
#: Spoken fractions: "three fifths", "two-thirds", "one sixth", "a quarter" (singular ones before "of" only).
SPOKEN_FRACTION_RE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<many>(?:{alt(k for k, v in NUMBER_WORDS.items() if v > 1)})[\s-]"
    rf"(?:{alt(d + 's' for d in DENOMINATORS if d != 'half')}|halves))"
    rf"|(?P<one>(?:one|an?)[\s-](?:{alt(d for d in DENOMINATORS if d not in ('half', 'halve'))}))(?=\s+of\b)"
    rf"|(?P<lone>one[\s-](?:{alt(d for d in DENOMINATORS if d not in ('half', 'halve'))}))(?=\s*[.,;:!?)]|\s*$))"
    r"(?![A-Za-z])", re.I)
HALF_OF_UNIT = re.compile(
    rf"(?<![A-Za-z])(?P<frac>half|a\s+quarter)\s+(?:of\s+)?an?\s+(?P<u>dozen|percentage\s+point|percent|per\s+cent|"
    rf"{alt(SCALES)}|{alt(k for k in TIME_UNITS if not k.endswith('s'))})(?![A-Za-z])", re.I)
GLUED_HALF = re.compile(r"(?:(?<=million)|(?<=billion)|(?<=thousand)|(?<=hundred))half(?![A-Za-z])")
URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+"
                    r"|(?<![\w-])(?:\+?\d{1,3}[\s.-])?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?![\w-])"
                    r"|(?<![\w-])\d{3}-\d{4}(?![\w-])", re.I)
#: Words after which a number names something ("article 5", "Fig. 3", "phases 3, 5 and 7").
_ID_WORDS = (r"number|no\.|nos\.|article|art\.|section|chapter|clause|paragraph|resolution|flight|route|highway|"
             r"room|page|pp?\.|platform|gate|line|model|version|channel|episode|season|volume|vol\.|item|case|"
             r"comet|mark|mk\.?|type|phases?|stages?|level|category|class|grade|size|tier|fig\.|figs\.|figures?|"
             r"tables?|eqs?\.|equations?|refs?\.|references?|appendix|panels?|lanes?|steps?|experiments?|sections?|"
             r"lines?|samples?|fractions?|columns?|rows?|codes?|complex(?:es)?|axis|axes|plots?|zones?|rounds?|"
             r"games?|acts?|exhibits?|patients?|subjects?|participants?|cases|numbered|sites?|beds?|clones?|"
             r"stations?|boreholes?|labels?")
#: Strings (lower case) one of which every match of `ID_PREFIX` contains: an ID word's letters that every
#: spelling of it shares ("fig" for "fig.", "figs.", "figure", "figures"), or "#". A text with none of them
#: cannot match (`cued`).
ID_CUES = ("#", "number", "no.", "nos.", "art", "section", "chapter", "clause", "paragraph", "resolution", "flight",
           "route", "highway", "room", "page", "p.", "platform", "gate", "line", "model", "version", "channel",
           "episode", "season", "vol", "item", "case", "comet", "mark", "mk", "type", "phase", "stage", "level",
           "category", "class", "grade", "size", "tier", "fig", "table", "eq", "ref", "appendix", "panel", "lane",
           "step", "experiment", "sample", "fraction", "column", "row", "code", "complex", "axis", "axes", "plot",
           "zone", "round", "game", "act", "exhibit", "patient", "subject", "participant", "site", "bed", "clone",
           "station", "borehole", "label")
ID_PREFIX = re.compile(
    rf"(?:\b(?:{_ID_WORDS})|#):?\s*\(?(?:(?:[\dA-Z]{{1,4}}[a-z]?|\d{{1,2}}\.\d{{1,2}})\)?\s*"
    rf"(?:,\s*(?:and\s+)?|and\s+|&\s*|[-–]\s*|to\s+|or\s+)\(?)*$",
    re.I)
#: Bracketed reference numbers: "[12]", "[4, 7–9]", number lists in parentheses "(14–17)", "(3, 5)", and the
#: labels of compounds or equations: "Mg3N2 (1)", "X2(2)", "(1)Mg3N2".
CITATION_RE = re.compile(r"\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\]|\(\s*\d+(?:\s*[-–,]\s*\d+)+\s*\)"
                         r"|(?<=[a-z.,;:)\]] )\(\d{1,3}\)|(?<=[A-Za-z\d\])])\(\d{1,3}\)|\(\d{1,3}\)(?=[A-Z])"
                         r"|(?<=[A-Z]\d )\(\d{1,3}\)|(?<=[A-Z] )\(\d{1,3}\)(?=\s+(?:and|or|respectively)\b)")
PRONOUN_ONE_NEXT = re.compile(
    r"^(?:\s+(?:of|another|who|that|which|can|could|will|would|should|may|might|"
    r"must|is|was|has|had|does|did|shall|another's)\b|\s*[,.;:!?)\]”\"’']|\s*$)")
PRONOUN_ONE_PREV = re.compile(r"(?:\b(?:no|any|every|some|each|the|this|that|which|such|no-)\s+|['’]s\s+)$", re.I)
