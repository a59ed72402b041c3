"""The figure extractor's pipeline: candidates in priority order, filters, ranges, qualifiers.

A candidate is kept only if it does not overlap an earlier one, survives the
exclusion filters (pronoun "one", identifiers and reference numbers, URLs,
letter-glued codes) and lies inside an annotatable segment. Two figures of
the same unit joined by "to", a dash or "between ... and" are then one range
("6 kg to 13 kg"), and a value with its uncertainty ("1.9 ± 0.1 GPa") one
figure. The qualifier is read from the words just before (or after) the span
and is never part of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from wirespan.layers.figures import candidates as C
from wirespan.layers.figures import patterns as P
from wirespan.layers.figures.lexicon import MONTHS, WEEKDAYS
from wirespan.layers.figures.lookback import Ranges, Taken
from wirespan.layers.figures.scan import Places, finditer
from wirespan.layers.figures.starts import url_starts
from wirespan.text.cues import cued, lowered
from wirespan.text.regions import ANNOTATABLE, regions
from wirespan.text.spans import trim

ANNOTATABLE_LABELS = ANNOTATABLE

#: The qualifier read from the words before a number: (pattern, qualifier, cues), in priority order. Each
#: match contains one of the cues (lower case), so a text with none is not searched (`cues.cued`).
QUALIFIERS_BEFORE: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = [
    (re.compile(p + r"\s*$", re.I), q, cues) for p, q, cues in [
        (r"\bno\s+(?:more|greater)\s+than", "at_most", ("than",)),
        (r"\bno\s+(?:fewer|less)\s+than", "at_least", ("than",)),
        (r"\b(?:less|fewer|lower)\s+than", "less_than", ("than",)),
        (r"\b(?:just\s+)?(?:under|below)", "less_than", ("under", "below")),
        (r"\b(?:more|greater|higher)\s+than", "more_than", ("than",)),
        (r"\b(?:upwards\s+of|in\s+excess\s+of|just\s+over|above|over)", "more_than", ("of", "over", "above")),
        (r"\bat\s+least|\bminimum\s+of|\bas\s+(?:few|little)\s+as", "at_least", ("least", "minimum", "as")),
        (r"\bat\s+most|\bup\s+to|\bmaximum\s+of|\bas\s+(?:many|much)\s+as", "at_most",
         ("most", "up", "maximum", "as")),
        (r"\b(?:an\s+)?estimated|\babout|\baround|\bapproximately|\broughly|"
         r"\bnearly|\balmost|\bsome|\bclose\s+to|\bcirca|\bapprox\.|\bsomething\s+like|[~∼≈]", "approximate",
         ("estimated", "about", "around", "approx", "roughly", "nearly", "almost", "some", "close", "circa",
          "~", "∼", "≈")),
        (r"\b(?:topped|tops|topping|exceeded|exceeds|exceeding|surpassed|surpasses|"
         r"surpassing|eclipsed|crossed|outnumbered)"
         r"(?:\s+(?:a|an|the))?(?:\s+(?:[a-z]+ing|[a-z]+ed|[a-z]+ly|record|whopping|mere|new|total))?", "more_than",
         ("top", "exceed", "surpass", "eclipsed", "crossed", "outnumbered")),
        (r"(?:≥|>=)", "at_least", ("≥", ">=")), (r"(?:≤|<=)", "at_most", ("≤", "<=")),
        (r">", "more_than", (">",)), (r"<", "less_than", ("<",)),
    ]
]
QUALIFIERS_AFTER: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s+or\s+(?:more|greater|higher|above)\b", re.I), "at_least"),
    (re.compile(r"^\s+or\s+(?:fewer|less|lower|below)\b", re.I), "at_most"),
    (re.compile(r"^\s+or\s+so\b", re.I), "approximate"),
]
#: What may stand between the two ends of a range with a unit on both sides ("6 kg to 13 kg", "5%-8%").
RANGE_GAP = re.compile(r"\s*(?:-|–|—|to)\s*[~∼≈]?\s*")
PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+/−|\+-)\s*")
RANGE_KINDS = ("measure", "percent", "money", "duration", "count")
#: Greek letters that are not units (μ, Ω) nor sigma (a count of standard deviations).
SYMBOL_LETTER = re.compile(r"[α-λν-ρτ-ωΑ-ΡΤ-Ψ]")
#: Abbreviations of statistics that introduce a value ("95% CI 1.2–1.9", "SD 4.1"), not a name with a number;
#: before a whole number they may still name something ("site SD 1"), so only decimals and ranges count.
STATISTICS = frozenset({"CI", "SD", "SE", "SEM", "IQR", "OR", "HR", "RR", "AOR", "RMSE"})
#: A line break or sentence end: the qualifier's context starts after the last one.
CONTEXT_CUT = re.compile(r"[\n.;:!?]\s")
#: "between" just before a number: the first number of a range, no qualifier.
BETWEEN_END = re.compile(r"\bbetween\s+$", re.I)
#: "over" just before a duration: "over 3 years" is a period, not "more than".
OVER_END = re.compile(r"\bover\s*$", re.I)
#: A letter (maybe a hyphen or slash) just before a tally's number: a code ("F-16/15").
_PAIR_CODE_BEFORE = re.compile(r"[A-Za-z][-/]?$")
_PAIR_CODE_AFTER = re.compile(r"[A-Za-z\d]|[-/][A-Za-z]")
#: Just before a number: a letter (maybe with a hyphen, slash or exponent minus), a digit and a separator,
#: a slash or a closing bracket.
_GLUED_BEFORE = re.compile(r"[A-Za-z][-/−]?$|\d[-/.−]$|/$|[)\]]$")
_GLUED_AFTER = re.compile(r"[A-Za-z\d]|/\w|-\d")
#: A bare year; the article "a"/"an" (a number word's false start).
_YEAR_ONLY = re.compile(P.YEAR)
_ARTICLE = re.compile(r"an?", re.I)
#: A capitalised word and one space just before a number ("Titan 3").
_NAME_BEFORE = re.compile(r"(?:^|[^\w.!?\"“])\s*([A-Z][A-Za-z]+)\s$")


def is_pronoun_one(text: str, rec: dict) -> bool:
    """'one' used as a pronoun ("one of the worst", "no one said", "one can")."""
    if rec["kind"] != "count" or rec["text"].lower() != "one":
        return False
    return bool(P.PRONOUN_ONE_NEXT.match(text[rec["end"]:rec["end"] + 20])
                or P.PRONOUN_ONE_PREV.search(text[max(0, rec["start"] - 12):rec["start"]]))


def is_identifier(text: str, rec: dict) -> bool:
    """Numbers inside names/codes: "number five", "F-16", "Fig. 3", "[12]", "Comet 12P", "World War 2"."""
    s, e = rec["start"], rec["end"]
    before = text[max(0, s - 40):s]
    if rec["kind"] in ("date", "time"):
        return False
    if cued(lowered(before), P.ID_CUES) and P.ID_PREFIX.search(before):
        return True
    if rec["kind"] == "count" and rec["unit"] is None and any(
            m.start() <= s and e <= m.end() for m in P.CITATION_RE.finditer(text, max(0, s - 40), e + 40)):
        return True
    if rec.get("_pair"):
        return bool(_PAIR_CODE_BEFORE.search(before)) or bool(_PAIR_CODE_AFTER.match(text[e:e + 2]))
    # a minus glued to a letter or a number is an exponent ("mol−1", "ha−1", "tan−1", "10−4"), not a sign
    if _GLUED_BEFORE.search(before) and rec["text"][:1].isdigit():
        return True
    if (_GLUED_AFTER.match(text[e:e + 2]) and rec["text"][-1:].isdigit()
            and not (rec["kind"] == "money" and text[e:e + 1] == "/")):  # "$15/hour" is a price, not a code
        return True
    if SYMBOL_LETTER.match(text, e) and rec["unit"] is None:
        return True  # "2θ", "30ε": a number glued to a Greek letter names a quantity; "2σ" is a count of sigmas
    if rec["text"][:1].isdigit() and rec["kind"] == "count" and rec["unit"] is None:  # "Titan 3 times" counts
        pw = _NAME_BEFORE.search(before)
        if (pw and pw.group(1).lower() not in MONTHS and pw.group(1).lower() not in WEEKDAYS
                and not (pw.group(1) in STATISTICS and re.search(r"[.–-]", rec["text"]))):
            prev_chunk = before[:pw.start(1)].rstrip()
            if prev_chunk and prev_chunk[-1] not in ".!?\"“”\n":
                return True
    return False


def qualifier(text: str, rec: dict) -> str:
    """Qualifier from the words around the span (never inside it)."""
    if rec["qualifier"] == "vague" or rec["kind"] in ("date", "time", "ordinal"):
        return rec["qualifier"]
    before = text[max(0, rec["start"] - 60):rec["start"]]
    # a line break or sentence end cuts the context
    before = CONTEXT_CUT.split(before)[-1]  # (no cut: the whole)
    low = lowered(before)
    if cued(low, ("between",)) and BETWEEN_END.search(before):
        return "exact"
    for pat, q, cues in QUALIFIERS_BEFORE:
        if cued(low, cues) and pat.search(before):
            if q == "more_than" and rec["kind"] == "duration" and OVER_END.search(before):
                continue
            return q
    after = text[rec["end"]:rec["end"] + 20]
    for pat, q in QUALIFIERS_AFTER:
        if pat.match(after):
            return q
    return "exact"


def joined(text: str, a: dict, b: dict) -> dict | None:
    """One figure for two adjacent ones that form a range or a value with its uncertainty, else None."""
    gap = text[a["end"]:b["start"]]
    if a["value_high"] is not None or b["value_high"] is not None or a["value"] is None or b["value"] is None:
        return None
    if PLUS_MINUS.fullmatch(gap) and (a["unit"] is None or a["unit"] == b["unit"]) and a["kind"] in RANGE_KINDS:
        kind = b["kind"] if b["kind"] in RANGE_KINDS else a["kind"]
        return C.record(text, a["start"], b["end"], kind, a["value"], unit=b["unit"])
    if a["kind"] != b["kind"] or a["kind"] not in RANGE_KINDS or a["unit"] != b["unit"] or a["unit"] is None:
        return None
    between = BETWEEN_END.search(text[max(0, a["start"] - 12):a["start"]])
    if RANGE_GAP.fullmatch(gap) or (between and re.fullmatch(r"\s+and\s+", gap)):
        low, high = sorted((a["value"], b["value"]))
        return C.record(text, a["start"], b["end"], a["kind"], low, high, a["unit"])
    return None


def join_ranges(text: str, recs: list[dict]) -> list[dict]:
    """Records (sorted) with ranges of two unit-bearing figures and ± uncertainties joined."""
    out: list[dict] = []
    for rec in recs:
        if out and (both := joined(text, out[-1], rec)) is not None:
            out[-1] = both
        else:
            out.append(rec)
    return out


def trimmed(text: str, rec: dict) -> dict:
    """The record without whitespace at either end of its span (the project's span rule)."""
    s, e = trim(text, rec["start"], rec["end"])
    return rec if (s, e) == (rec["start"], rec["end"]) else dict(rec, start=s, end=e, text=text[s:e])


def extract_figures(text: str, segments: list[dict] | None = None,
                    published: str | None = None) -> list[dict]:
    """Figures (SPEC §5) in ``text``: records with start, end, text, kind, value,
    value_high, unit, iso, qualifier, sorted by (start, end).

    ``segments`` restricts output to headline/dateline/body/caption/credit
    segments; ``published`` ("YYYY-MM-DD") supplies the year of dates that
    omit it.
    """
    places = Places(text)
    generators: list[Callable[[], Iterable[dict]]] = [
        lambda: C.dates(text, published, places), lambda: C.times(text, places),
        lambda: C.coordinates(text, places), lambda: C.ratios(text, places), lambda: C.positions(text, places),
        lambda: C.ages(text, places), lambda: C.fractions(text, places), lambda: C.numbers(text, places),
        lambda: C.ordinals(text, places), lambda: C.vague(text, places), lambda: C.years(text, places),
    ]
    taken = Taken([(m.start(), m.end()) for m in finditer(P.URL_RE, text, url_starts(places))])
    ranges = Ranges(regions(text, segments))
    out: list[dict] = []
    for gen in generators:
        for rec in gen():
            rec = trimmed(text, rec)
            s, e = rec["start"], rec["end"]
            if s >= e or taken.overlaps(s, e):
                continue
            if (rec["kind"] == "count" and rec["value"] is not None and _YEAR_ONLY.fullmatch(rec["text"])
                    and C.is_year_context(text, s, e)):
                continue  # bare 4-digit numbers are left to the year rule
            if _ARTICLE.fullmatch(rec["text"]) or is_pronoun_one(text, rec):
                continue
            if is_identifier(text, rec):
                taken.add(s, e)  # block the digits for later generators too
                continue
            if ranges.contain(rec):
                taken.add(s, e)
                out.append(rec)
    out = join_ranges(text, sorted(out, key=lambda r: (r["start"], r["end"])))
    for r in out:
        r.pop("_pair", None)
        r["qualifier"] = qualifier(text, r)
        assert text[r["start"]:r["end"]] == r["text"]
    return out
