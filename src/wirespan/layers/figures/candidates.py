"""Candidate figures, one generator per shape (dates, times, ages, fractions, numbers, ordinals, vague).

Each generator yields records in gold-layer key order; ``extract`` tries them
in priority order and keeps a candidate only where no earlier one lies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from wirespan.layers.figures import patterns as P
from wirespan.layers.figures import starts as S
from wirespan.layers.figures.lexicon import (
    CURRENCY_AFTER, CURRENCY_SIGNS, CURRENCY_WORDS, MONTHS, ORDINALS, SCALES, TENS, TIME_UNITS, UNIT_SYMBOLS,
    UNIT_WORDS)
from wirespan.layers.figures.lookback import (
    BETWEEN_BEFORE, DETERMINER_BEFORE, LONG_BETWEEN_TAIL, LONG_DETERMINER_TAIL, digit_before, ends_with,
    sentence_around, word_before)
from wirespan.layers.figures.scan import Places, finditer, search
from wirespan.layers.figures.values import (
    atom_value, fmt_date, infer_year, scaled, spoken_fraction)


def record(text: str, start: int, end: int, kind: str, value: float | None = None,
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


def dates(text: str, published: str | None, places: Places | None = None) -> Iterable[dict]:
    """Month-day(-year), day-month(-year), month-year; weekday names stay outside."""
    places = places or Places(text)
    for pat in P.DATE_PATTERNS:
        first = S.digit_runs(places) if pat is P.DATE_PATTERNS[1] else S.month_starts(places)
        for m in finditer(pat, text, first):
            month = MONTHS[m.group("month").lower().rstrip(".")]
            day_s = m.groupdict().get("day")
            day = int(re.match(r"\d+", day_s).group()) if day_s else None
            year = int(m.group("year")) if m.group("year") else None
            if day is not None:
                try:
                    dt.date(year or 2000, month, day)
                except ValueError:
                    continue
                if year is None:
                    # the reporter's tense decides, not a quotation's ("said 'we will…' on May 2")
                    said = P.QUOTED_RE.sub(" ", sentence_around(text, m.start(), m.end()))
                    future = bool(P.FUTURE_RE.search(said)
                                  or P.STARTING_RE.search(text[max(0, m.start() - 20):m.start()]))
                    year = infer_year(month, day, published, future)
            iso = fmt_date(year, month, day)
            day2_s = m.groupdict().get("day2")
            if day2_s:
                day2 = int(re.match(r"\d+", day2_s).group())
                if day is None or day2 <= day:
                    continue
                iso = f"{iso}/{fmt_date(year, month, day2)}"
            yield record(text, m.start(), m.end(), "date", iso=iso)
    for m in finditer(P.DECADE_RE, text, S.digit_runs(places)):
        yield record(text, m.start(), m.end(), "date", iso=m.group("year")[:3])


def is_year_context(text: str, start: int, end: int) -> bool:
    """A bare four-digit number reads as a year after a temporal word or before punctuation / a capital."""
    return bool(P.YEAR_PREV.search(text[max(0, start - 20):start])) or not re.match(r"\s+[a-z]", text[end:end + 3])


def years(text: str, places: Places | None = None) -> Iterable[dict]:
    """Bare years: after a temporal preposition, or before punctuation / a capitalised word."""
    for m in finditer(P.YEAR_RE, text, S.digit_runs(places or Places(text))):
        if is_year_context(text, m.start(), m.end()):
            yield record(text, m.start(), m.end(), "date", iso=m.group("year"))


def times(text: str, places: Places | None = None) -> Iterable[dict]:
    """Clock times: "10 a.m.", "3:30 pm", "14:00", "01:25:40" (with seconds), "9 o'clock"."""
    for m in finditer(P.TIME_RE, text, S.digit_runs(places or Places(text))):
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
        sec = f":{m.group('s24')}" if m.group("s24") else ""
        yield record(text, m.start(), m.end(), "time", iso=f"T{h:02d}:{mi:02d}{sec}")


def ages(text: str, places: Places | None = None) -> Iterable[dict]:
    """Appositive ages ("Name, 82,") and "aged 82"."""
    places = places or Places(text)
    for pat, first in ((P.AGE_APPOS, S.appositive_age_starts(places)), (P.AGE_AFTER_WORD, S.age_word_starts(places))):
        for m in finditer(pat, text, first):
            n = int(m.group("n"))
            prev_word = word_before(text, m.start())
            if prev_word and prev_word.lower().rstrip(".") in MONTHS:
                continue
            if pat is P.AGE_APPOS and not (prev_word and prev_word[:1].isupper()):
                continue
            if 0 < n <= 120 and not P.AGE_SUFFIX.match(text, m.end("n")) and not P.TIME_UNIT_SUFFIX.match(text, m.end("n")):
                yield record(text, m.start("n"), m.end("n"), "age", n, unit="year")


def fractions(text: str, places: Places | None = None) -> Iterable[dict]:
    """Fractions as percentages: "half" = 50, "three fifths" = 60; "half a million" is a count,
    "half an hour" a duration and "half a percentage point" 0.5 percentage point."""
    places = places or Places(text)
    for m in finditer(P.HALF_OF_UNIT, text, S.half_of_unit_starts(places)):
        u = re.sub(r"\s+", " ", m.group("u").lower())
        share = 0.5 if m.group("frac").lower() == "half" else 0.25
        if u in TIME_UNITS:
            yield record(text, m.start(), m.end(), "duration", share, unit=TIME_UNITS[u])
        elif u in ("percentage point", "percent", "per cent"):
            yield record(text, m.start(), m.end(), "percent", share, unit="percentage point" if "point" in u else "percent")
        else:
            yield record(text, m.start(), m.end(), "count", share * (12 if u == "dozen" else SCALES[u]))
    for m in finditer(P.ONE_HALF_RE, text, S.one_half_starts(places)):
        yield with_unit(text, m.start(), m.end(), 0.5) or record(text, m.start(), m.end(), "percent", 50.0,
                                                                   unit="percent")
    for m in finditer(P.SPOKEN_FRACTION_RE, text, S.spoken_fraction_starts(places)):
        value = spoken_fraction(m.group())
        if value is not None:
            yield record(text, m.start(), m.end(), "percent", round(100.0 * value, 2), unit="percent")
    for pat, first in ((P.GLUED_HALF, S.glued_half_starts(places)), (P.HALF_RE, S.half_starts(places))):
        for m in finditer(pat, text, first):
            if ends_with(DETERMINER_BEFORE, text, m.start(), LONG_DETERMINER_TAIL):
                continue
            yield record(text, m.start(), m.end(), "percent", 50.0, unit="percent")


def with_unit(text: str, start: int, end: int, value: float) -> dict | None:
    """A fraction followed by a time unit or a unit of measure ("one-half miles" = 0.5 mi), else None."""
    if (s := P.TIME_UNIT_SUFFIX.match(text, end)):
        return record(text, start, s.end(), "duration", value, unit=TIME_UNITS[s.group("u").lower()])
    if (s := P.MEASURE_SUFFIX.match(text, end)) and s.group("u"):
        return record(text, start, s.end(), "measure", value, unit=unit_code(s.group("u")))
    return None


def coordinates(text: str, places: Places | None = None) -> Iterable[dict]:
    """Degrees, minutes (and seconds) of a latitude or longitude: one measure in decimal degrees,
    negative to the south and west."""
    for m in finditer(P.COORDINATE_RE, text, S.digit_runs(places or Places(text))):
        value = int(m.group("d")) + float(m.group("m")) / 60 + float(m.group("s") or 0) / 3600
        sign = -1.0 if m.group("h") in ("S", "W") else 1.0
        yield record(text, m.start(), m.end(), "measure", round(sign * value, 6), unit="degree")


def ratios(text: str, places: Places | None = None) -> Iterable[dict]:
    """Ratios "a:b" as one count with unit "ratio" and value a/b ("1:4" = 0.25)."""
    for m in finditer(P.RATIO_RE, text, S.digit_runs(places or Places(text))):
        b = float(m.group("b"))
        if b:
            yield record(text, m.start(), m.end(), "count", float(m.group("a")) / b, unit="ratio")


def numbers(text: str, places: Places | None = None) -> Iterable[dict]:
    """Numbers (digits or words, ranges) with their unit, currency or percent suffix."""
    first = S.number_starts(places or Places(text))
    pos = 0
    while (m := search(P.NUMEXPR_RE, text, pos, first)) is not None:
        recs = list(classify_number(text, m))
        yield from recs
        # when a second number was not joined into a range, rescan it on its own
        pos = max([m.start() + 1] + [r["end"] for r in recs])


def year_span(text: str, m: re.Match[str], start: int) -> dict | None:
    """"2021-22", "1939-1945", "between 2010 and 2015": a span of years, else None."""
    a, b, sep = m.group("a"), m.group("b"), m.group("sep")
    if b is None or m.group("cur") or not re.fullmatch(P.YEAR, a):
        return None
    if re.fullmatch(r"\d\d", b) and sep.strip() in ("-", "–", "—") and int(a[:2] + b) > int(a):
        return record(text, start, m.end("b"), "date", iso=f"{a}/{a[:2] + b}")
    if re.fullmatch(P.YEAR, b) and int(b) > int(a) and is_year_context(text, start, m.end("b")):
        return record(text, start, m.end("b"), "date", iso=f"{a}/{b}")
    return None


def classify_number(text: str, m: re.Match[str]) -> Iterable[dict]:
    """Decide kind/unit of one number expression from what surrounds it."""
    a, b, sep = m.group("a"), m.group("b"), m.group("sep")
    start = m.start("cur") if m.group("cur") else m.start("a")
    if b is not None and sep is not None and sep.strip() == "and":
        # "and" joins a range only after "between"
        if not ends_with(BETWEEN_BEFORE, text, start, LONG_BETWEEN_TAIL):
            b = None
    cur, short, short2 = m.group("cur"), m.group("short"), None
    end = m.end("short") if short else m.end("a")
    if b is not None:
        end, short2 = (m.end("short2") if m.group("short2") else m.end("b")), m.group("short2")
    if (short or short2) and not cur and not P.CURRENCY_SUFFIX.match(text, end):
        # "5m" or "60 K" without a currency is a length or a temperature: leave it to the unit suffix;
        # "32K" and "5k" (integers) are thousands.
        if b is None and short and not (short in "kK" and re.fullmatch(r"\d+", a)):
            end, short = m.end("a"), None
        elif b is not None:
            end, short2 = m.end("b"), None
    v = scaled(atom_value(a), short)
    vh = scaled(atom_value(b), short2) if b is not None else None
    if (span := year_span(text, m, start)) is not None:
        yield span
        return
    if vh is not None and v is not None and vh <= v and (b is None or not P.MEASURE_SUFFIX.match(text, end)):
        # "52-48", "3-1": a tally or score, two counts rather than a range
        yield record(text, start, m.end("a"), "count", v, pair=True)
        yield record(text, m.start("b"), m.end("b"), "count", vh, pair=True)
        return
    if b is not None and vh is None:
        end, b = m.end("a") if not short else m.end("short"), None
    yield suffixed(text, start, end, cur, v, vh, short)


def suffixed(text: str, start: int, end: int, cur: str | None, v: float | None, vh: float | None,
             short: str | None) -> dict:
    """The record of a number ending at ``end``, with the currency, percent or unit that follows it."""
    if cur:
        cur = cur.strip()
        return record(text, start, end, "money", v, vh, CURRENCY_SIGNS.get(cur, cur.upper().replace("RMB", "CNY")))
    if (s := P.CURRENCY_SUFFIX.match(text, end)):
        if s.group("sign"):
            return record(text, start, s.end(), "money", v, vh, CURRENCY_AFTER[s.group("sign")])
        code = CURRENCY_WORDS.get(s.group("u").lower(), s.group("u").upper())
        return record(text, start, s.end(), "money", scaled(v, short) if short else v, vh, code)
    if (s := P.PERCENT_SUFFIX.match(text, end)):
        unit = "percentage point" if "point" in s.group().lower() else "percent"
        return record(text, start, s.end(), "percent", v, vh, unit)
    if (s := P.AGE_SUFFIX.match(text, end)):
        return record(text, start, s.end(), "age", v, vh, s.group("u").lower())
    if (s := P.TIME_UNIT_SUFFIX.match(text, end)):
        return record(text, start, s.end(), "duration", v, vh, TIME_UNITS[s.group("u").lower()])
    if (s := P.MEASURE_SUFFIX.match(text, end)):
        unit = unit_code(s.group("u") or s.group("g"))
        return record(text, start, s.end(), "count" if unit == "times" else "measure", v, vh, unit)
    if v is not None and vh is None and 0 < v < 1 and P.FRACTION_ONLY_RE.fullmatch(text[start:end]):
        return record(text, start, end, "percent", round(100.0 * v, 2), unit="percent")  # "3/4 of" as "three quarters"
    return record(text, start, end, "count", v, vh)


def unit_code(written: str) -> str:
    """The unit's symbol for a written unit ("kilometres" -> "km", "W m−2" -> "W m-2", "38 °C" -> "°C")."""
    written = written.strip()
    whole = "times" if written == "×" else UNIT_SYMBOLS.get(written) or UNIT_WORDS.get(written.lower())
    if whole:
        return whole
    parts = re.split(r"(\s?/\s?|\s+per\s+|\s(?=\S))", written, flags=re.I)
    out = []
    for part in parts:
        if not part.strip():
            continue
        if part.strip() == "/" or part.strip().lower() == "per":
            out.append("/")
            continue
        m = re.match(r"(.*?)(\^\s?[-−]?\d|[-−]\s?\d|⁻?[¹²³⁴]|[23])?$", part.strip())
        base, exp = m.group(1), (m.group(2) or "")
        code = (UNIT_SYMBOLS.get(base) or UNIT_WORDS.get(base.lower()) or TIME_UNITS.get(base.lower())
                or re.sub(r"°\s?", "°", base))
        exp = exp.replace("^", "").replace("−", "-").replace(" ", "").translate(str.maketrans("⁻¹²³⁴", "-1234"))
        out.append(code + exp)
    return re.sub(r"\s?/\s?", "/", " ".join(out))


def ordinals(text: str, places: Places | None = None) -> Iterable[dict]:
    """Ranks: "fourth-largest", "fourth largest", "21st"."""
    for m in finditer(P.ORDINAL_RE, text, S.ordinal_starts(places or Places(text))):
        if m.group("w"):
            parts = m.group("w").lower().split("-")
            val = sum(TENS.get(p, 0) for p in parts[:-1]) + ORDINALS[parts[-1]]
        else:
            val = int(m.group("d"))
        if m.group("w") and m.group("w").lower() == "second" and digit_before(text, m.start()):
            continue
        yield record(text, m.start(), m.end(), "ordinal", val)


def positions(text: str, places: Places | None = None) -> Iterable[dict]:
    """Positions in a run of days, weeks, months or years ("on day 14 of", "months 5 and 7"): ordinals."""
    for m in finditer(P.POSITION_RE, text, S.position_starts(places or Places(text))):
        for n in re.finditer(r"\d+", m.group("n")):
            yield record(text, m.start("n") + n.start(), m.start("n") + n.end(), "ordinal", int(n.group()))


def vague(text: str, places: Places | None = None) -> Iterable[dict]:
    """Vague magnitudes: "thousands", "tens of thousands", "scores"."""
    for m in finditer(P.VAGUE_RE, text, S.vague_starts(places or Places(text))):
        yield record(text, m.start(), m.end(), "count", qualifier="vague")
