"""The quote extractor (SPEC §4): quote spans, kind, speaker, mention and cue, for any English news text.

The extractor is rule-based.  It proceeds in four passes, each kept small
so that a failure can be traced to one rule:

1. *Mark pairing* (``marks.find_quote_spans``).
2. *Reporting events* (``events.find_reporting_events``), resolved in
   reading order (``resolve.Resolver``).
3. *Attribution* of each quote (``attribution``).
4. *Kind*: ``direct`` for quotes that stand as the speaker's sentence or
   begin a clause; ``partial`` for attributed words embedded in the
   reporter's sentence; ``other`` for quotes nobody is said to have said.

Canonical speaker names come from the project registry
(``wirespan.text.entities.Registry``).  Every pass works on one sentence or
a bounded window, so the cost grows linearly with the length of a text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wirespan.layers.quotes.attribution import (
    Attribution,
    colon_attribution,
    inherit,
    prefix_attribution,
    standalone,
    tail_attribution,
)
from wirespan.layers.quotes.events import find_reporting_events
from wirespan.layers.quotes.marks import MARKUP_RE, RawQuote, find_quote_spans, masked_text
from wirespan.layers.quotes.nounphrase import named_persons
from wirespan.layers.quotes.resolve import Resolver
from wirespan.layers.quotes.units import TextUnits
from wirespan.layers.quotes.words import ADVERBS_AUX, CUE_RE, FINITE_MARKERS, PREPOSITIONS, SUBJECT_START
from wirespan.text.entities import Registry
from wirespan.text.regions import regions

#: A bracketed tag of one short token after a name: a party and state, an age, an initialism.
NAME_TAG_RE = re.compile(r"(?<=\w)\s*\([\w.\-]{1,10}\)")
#: The bracketed part of a name tag: found by its opening bracket, a fast literal scan.
_BRACKET_TAG_RE = re.compile(r"\([\w.\-]{1,10}\)")
_WORD_CHAR_RE = re.compile(r"\w")

#: Patterns of this module's checks, compiled once (they were looked up in re's cache on every call).
_WORD_RE = re.compile(r"[\w’']+")
_CLAUSE_PUNCT_RE = re.compile(r"[,;:]")
_LAST_WORD_RE = re.compile(r"([\w’']+)[ \t]*$")
_ING_END_RE = re.compile(r"ing$")
_THAT_END_RE = re.compile(r"\bthat\s*$")
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w’'.\-]*")
_SENTENCE_INSIDE_RE = re.compile(r"[.!?;:]\s")
_GOES_ON_RE = re.compile(r"[ \t]+[a-z]")
_NEW_SENTENCE_RE = re.compile(r"[.!?]\s+[A-Z]")


def blank_name_tags(text: str) -> str:
    """``text`` with every `NAME_TAG_RE` match turned into spaces, found from the brackets backwards.

    Why not ``NAME_TAG_RE.sub``: a pattern that opens with a look-behind is
    tried at every character of the text.  A tag's match starts where the
    white space before its bracket starts and needs a word character just
    before that; tags end with ")", so their matches never overlap.
    """
    pieces: list[str] = []
    done = 0
    for m in _BRACKET_TAG_RE.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if start > 0 and _WORD_CHAR_RE.match(text, start - 1):
            pieces += [text[done:start], " " * (m.end() - start)]
            done = m.end()
    pieces.append(text[done:])
    return "".join(pieces)


def extract_quotes(text: str, segments: list[dict] | None = None,
                   registry: Registry | None = None) -> list[dict]:
    """Quote records (SPEC §4, gold layer format without doc_id) for any English news text."""
    registry = registry if registry is not None else Registry.shared()
    raw = find_quote_spans(text, regions(text, segments))
    # a tag is not words of the text: blanked, with a comma so that it separates phrases
    masked = MARKUP_RE.sub(lambda m: "," + " " * (len(m.group()) - 1), masked_text(text, raw))
    # a short tag in brackets after a name ("Ana Kovac (D-Wash.) said") is not part of the phrase
    masked = blank_name_tags(masked)
    units = TextUnits(text)
    persons = named_persons(text, masked, registry)
    known = {p.text.split()[-1] for p in persons} | {p.text for p in persons}
    events = find_reporting_events(text, masked, units, registry, known)
    resolver = Resolver(text, persons, events, registry)
    resolver.resolve_events()
    records: list[dict] = []
    last: tuple[int, Attribution] | None = None  # paragraph index, attribution of previous quote
    for q in raw:
        k = units.paragraph_of(q.open_start)
        attr, is_standalone, inherited = _attribute(text, masked, q, k, units, resolver, registry, known, last)
        if attr is not None and attr.speaker is None:
            attr.speaker = resolver.resolve(attr.mention, q.open_start, k)
        if attr is not None and (attr.mention is not None or attr.cue_start is not None):
            last = (k, attr)
        records.append(_record(text, q, attr, is_standalone or inherited))
    _share_with_continuations(raw, records)
    return records


def _attribute(text: str, masked: str, q: RawQuote, k: int, units: TextUnits, resolver: Resolver,
               registry: Registry, known: set[str],
               last: tuple[int, Attribution] | None) -> tuple[Attribution | None, bool, bool]:
    """The attribution of one quote, whether it stands alone, and whether it was inherited."""
    sents = units.sentences(k)
    ss, _ = sents[units.sentence_of(k, q.open_start)]
    close_si = units.sentence_of(k, max(q.start, q.close_start - 1))
    _, close_se = sents[close_si]
    alone = standalone(text, q, ss)
    attr = None
    inherited = False
    for how in ("tail", "prefix") if alone else ("prefix", "tail"):
        if how == "tail" and q.close_end < close_se:
            attr = tail_attribution(text, masked, q, close_se, False, registry, known)
        elif how == "prefix":
            attr = prefix_attribution(q, resolver, ss)
        if attr is not None:
            break
    if attr is None and close_si + 1 < len(sents) and q.close_end >= close_se - 1 or (
            attr is None and text[q.close_end:close_se].strip() == "" and close_si + 1 < len(sents)):
        attr = tail_attribution(text, masked, q, sents[close_si + 1][1], True, registry, known)
    if attr is None:
        attr = colon_attribution(text, masked, q, ss, registry, known)
    if attr is None and alone:
        attr, inherited = inherit(q, k, last, resolver)
    if attr is None and alone and k + 1 < len(units.paragraphs) and not text[q.close_end:units.paragraphs[k][1]].strip():
        # a quote that is its whole paragraph, attributed by a short "X said." opening the next one
        attr = tail_attribution(text, masked, q, units.sentences(k + 1)[0][1], True, registry, known)
    return attr, alone, inherited


def _share_with_continuations(raw: Sequence[RawQuote], records: list[dict]) -> None:
    """A quote left open at a paragraph end takes the attribution of its continuation."""
    for i in range(len(raw) - 2, -1, -1):
        if raw[i].continued and records[i]["cue"] is None and records[i]["speaker_mention"] is None:
            nxt = records[i + 1]
            if nxt["speaker_mention"] is not None or nxt["cue"] is not None:
                for key in ("speaker", "speaker_mention", "cue"):
                    records[i][key] = nxt[key]
                records[i]["kind"] = "direct"


def has_clause(quote: str) -> bool:
    """Does the quote begin with a clause (subject + finite verb before its first comma)?"""
    words = _WORD_RE.findall(quote)
    if not words:
        return False
    if words[0].lower() in SUBJECT_START - {"that", "this", "one"} and len(words) >= 3:
        return True
    first_part = _CLAUSE_PUNCT_RE.split(quote, maxsplit=1)[0]
    fw = [w.lower() for w in _WORD_RE.findall(first_part)]
    return len(words) >= 3 and any(w in FINITE_MARKERS for w in fw)


#: Lower-case words that may open a quoted clause or noun phrase (not a predicate): determiners,
#: prepositions, conjunctions and adverbs of time.
CLAUSE_OPENERS = SUBJECT_START | PREPOSITIONS | {
    "a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "some", "any", "all", "every",
    "each", "many", "most", "more", "much", "few", "if", "unless", "whether", "what", "when", "where",
    "why", "how", "who", "not", "only", "just", "even", "right", "now", "today", "yes", "no", "or", "nor",
}


def is_predicate(text: str, q: RawQuote, stands_alone: bool) -> bool:
    """A quote that continues the reporter's clause with the speaker's predicate: partial (SPEC §4).

    Why: in 'Ana Soto "has a right to appeal"' or 'the port "would be
    closed"' the subject is the reporter's and the marks enclose less than a
    clause.  Such a quote opens with a lower-case verb straight after a word
    of the reporter's clause — not after a colon, a comma, "that" or a
    reporting verb, which introduce the speaker's own clause.
    """
    words = _WORD_RE.findall(text[q.start:q.end])
    if stands_alone or not words or not words[0][0].islower() or words[0].lower() in CLAUSE_OPENERS:
        return False
    if words[0].lower() in FINITE_MARKERS:
        return True
    if own_subject(words):
        return False
    prev = _LAST_WORD_RE.search(text[max(0, q.open_start - 40):q.open_start])
    return prev is not None and not CUE_RE.fullmatch(prev.group(1)) and prev.group(1).lower() not in {"that", "as"} \
        and not _ING_END_RE.search(words[0])


def own_subject(words: Sequence[str]) -> bool:
    """A quote whose first word or two are a subject before an auxiliary ("children should listen"):
    its own clause, not the reporter's predicate (an adverb before the auxiliary is not a subject)."""
    first = words[0].lower()
    if first in ADVERBS_AUX or first.endswith("ly"):
        return False
    return any(w.lower() in FINITE_MARKERS for w in words[1:3])


def _after_that(text: str, open_start: int) -> bool:
    """SPEC §4: words given after the complementizer "that" are direct when they form a clause."""
    return bool(_THAT_END_RE.search(text[max(0, open_start - 10):open_start]))


def _span(text: str, s: int | None, e: int | None) -> dict | None:
    """A {start, end, text} span, or None when either end is missing."""
    if s is None or e is None:
        return None
    return {"start": s, "end": e, "text": text[s:e]}


NAMING_RE = re.compile(
    r"\b(?:known as|so-called|called|dubbed|nicknamed|titled|entitled|named|the word|the term|the phrase)\s*$",
    re.IGNORECASE)


#: Words a title in headline case may keep in lower case ("Gone with the Wind").
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from",
                     "by", "as", "but", "nor", "vs", "vs."}


def is_title(text: str, q: RawQuote, stands_alone: bool) -> bool:
    """A title, name or nickname in quotation marks: two to eight words in headline case, no sentence in it.

    Why: a show, book, film, slogan or nickname ("Game of Shadows", "Big
    Ben") is in quotes because it is a name, not because anyone said it
    (SPEC §4: ``other``).  A stretch that stands as its own sentence counts
    only when the sentence goes on after it ("“Game of Shadows” airs on
    Fridays"), since a spoken exclamation may be capitalised too.
    """
    content = text[q.start:q.end].rstrip(",")
    words = _TITLE_WORD_RE.findall(content)
    if not 2 <= len(words) <= 8 or _SENTENCE_INSIDE_RE.search(content + " ") or not words[0][0].isupper():
        return False
    if any(not (w[0].isupper() or w.lower() in TITLE_SMALL_WORDS) for w in words):
        return False
    if any(w.lower() in FINITE_MARKERS or w.lower() in SUBJECT_START - {"this", "that", "no", "one"} for w in words):
        return False
    return not stands_alone or bool(_GOES_ON_RE.match(text[q.close_end:q.close_end + 3]))


def _record(text: str, q: RawQuote, attr: Attribution | None, stands_alone: bool) -> dict:
    """The SPEC §4 record of one quote; the kind follows from its attribution and its shape."""
    content = text[q.start:q.end]
    attributed = attr is not None and (attr.mention is not None or attr.cue_start is not None)
    if NAMING_RE.search(text[max(0, q.open_start - 20):q.open_start]) or is_title(text, q, stands_alone):
        attributed = False  # a name or title given in quotes, not words anyone is said to have said
    if not attributed:
        kind = "other"
    elif _NEW_SENTENCE_RE.search(content) or not is_predicate(text, q, stands_alone) and (
            stands_alone or has_clause(content) or (_after_that(text, q.open_start) and len(content.split()) >= 3)):
        kind = "direct"
    else:
        kind = "partial"
    mention = attr.mention if attributed else None
    return {
        "start": q.start,
        "end": q.end,
        "text": content,
        "kind": kind,
        "speaker": attr.speaker if attributed else None,
        "speaker_mention": _span(text, mention.start, mention.end) if mention else None,
        "cue": _span(text, attr.cue_start, attr.cue_end) if attributed else None,
    }
