"""Quote-mark pairing (pass 1 of the quote layer): which marks open and close which quote.

Quotation marks are paired per paragraph as the writer intended, tolerating
the malformed pairs that copy-edited web text is full of (“…“, ’’ as a
closing mark, " closed by ”), and skipping apostrophes (don’t, Norway’s,
farmers’).  Every step looks at one mark and its neighbours, so the cost is
linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from wirespan.text.regions import RegionIndex
from wirespan.text.sentences import paragraphs
from wirespan.text.spans import merged_ranges, trim

DOUBLE_OPEN = {"“", "„", "«", "‘‘"}
DOUBLE_CLOSE = {"”", "»", "’’"}
DOUBLE_NEUTRAL = {'"', "''"}
#: A quote mark: one of “ ” „ « » " or a doubled ’’ ‘‘ ''.  Written as the set of first characters and
#: then the second one a doubled mark needs (not as the alternation ``’’|‘‘|''|[“”„«»"]``, which matches
#: the same): a pattern that starts with a set lets the engine skip to the next mark character instead
#: of trying every position of a text.
MARK_RE = re.compile(r"[“”„«»\"’‘'](?:(?<=’)’|(?<=‘)‘|(?<=')'|(?<=[“”„«»\"]))")
SINGLE_RE = re.compile(r"[‘’']")
_SPACED_WORD = re.compile(r"[ \t]+\w")
#: A single closing mark farther than this from its opener is not its partner (characters).
SINGLE_QUOTE_REACH = 300
#: Markup left in a text (an HTML tag with its attribute values, class="x"): its marks are not quote marks.
MARKUP_RE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
#: Characters that are not white space (``\S`` and ``str.isspace`` agree on what white space is).
_NOT_SPACE_RE = re.compile(r"\S+")
#: White space other than a plain space (a line break, a tab ...): kept where a quote is blanked.
_OTHER_SPACE_RE = re.compile(r"[^\S ]")

#: Patterns of this module's checks, compiled once (they were looked up in re's cache on every call).
_LOWER_WORD_AFTER_RE = re.compile(r"\s+[a-z]")


@dataclass
class RawQuote:
    """A paired quote: mark positions and the trimmed content span."""

    open_start: int
    open_end: int
    close_start: int
    close_end: int
    start: int
    end: int
    continued: bool = False


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _pair_double(text: str, pstart: int, pend: int, marks: list[re.Match],
                 next_para_opens: bool) -> list[RawQuote]:
    """Pair double marks in one paragraph with a two-state machine.

    Closed: any mark that can open opens (a ” followed by a word too, the
    wrong-way-round case).  Open: ” " ’’ close; “ closes when it is not
    followed by a word (“…“ used as open/close) and otherwise means the
    previous quote was never closed, so it ends before this mark.
    """
    out: list[RawQuote] = []
    opened: re.Match | None = None
    for m in marks:
        mark = m.group()
        prev = text[m.start() - 1] if m.start() > pstart else ""
        nxt = text[m.end()] if m.end() < pend else ""
        followed_by_word = not _is_space(nxt) and nxt not in ",.;:!?)"
        if opened is None:
            spaced_opener = mark in DOUBLE_OPEN and bool(_SPACED_WORD.match(text, m.end(), pend))
            if mark in DOUBLE_OPEN | DOUBLE_NEUTRAL and followed_by_word or spaced_opener:
                opened = m
            elif mark in DOUBLE_CLOSE and followed_by_word and (_is_space(prev) or prev in "([—–-"):
                opened = m
            continue
        if mark in DOUBLE_OPEN and followed_by_word and _is_space(prev):
            out.append(_raw(text, opened, m.start(), m.start()))
            opened = m
            continue
        out.append(_raw(text, opened, m.start(), m.end()))
        opened = None
    if opened is not None:
        at_para_start = not text[pstart:opened.start()].strip()
        if next_para_opens or at_para_start:
            q = _raw(text, opened, pend, pend)
            q.continued = next_para_opens
            out.append(q)
    return [q for q in out if q.start < q.end]


def _raw(text: str, opened: re.Match, close_start: int, close_end: int) -> RawQuote:
    start, end = trim(text, opened.end(), close_start)
    return RawQuote(opened.start(), opened.end(), close_start, close_end, start, end)


def _single_marks(text: str, pstart: int, pend: int) -> tuple[list[int], list[int]]:
    """Candidate single-quote openers and closers; apostrophes inside words are skipped."""
    openers, closers = [], []
    for m in SINGLE_RE.finditer(text, pstart, pend):
        i, ch = m.start(), m.group()
        if text[i:i + 2] in ("’’", "''") or text[i - 1:i + 1] in ("’’", "''"):
            continue
        prev = text[i - 1] if i > pstart else ""
        nxt = text[i + 1] if i + 1 < pend else ""
        if prev.isalnum() and nxt.isalnum():
            continue  # don’t, Norway’s, O’Brien
        if ch in "‘'" and (_is_space(prev) or prev in "([“\"—–-") and nxt.isalnum():
            openers.append(i)
        elif ch in "’'" and not _is_space(prev) and not nxt.isalnum():
            closers.append(i)
    return openers, closers


def _is_possessive(text: str, c: int) -> bool:
    """A closer after "s" and before a lower-case word is a plural possessive (farmers’ fields)."""
    return text[c - 1] == "s" and bool(_LOWER_WORD_AFTER_RE.match(text[c + 1:c + 3]))


def _pair_single(text: str, pstart: int, pend: int) -> list[RawQuote]:
    """Pair ‘…’ / '…' quotes; a possessive s’ is passed over when a later closer exists.

    Only closers within ``SINGLE_QUOTE_REACH`` characters of an opener are
    considered (found by bisection), and an opener inside an earlier pair is
    skipped by comparing with the farthest closing mark used so far.
    """
    openers, closers = _single_marks(text, pstart, pend)
    out: list[RawQuote] = []
    used: set[int] = set()
    reach = -1  # the largest close_start of the pairs so far: every earlier pair opens before ``o``
    for o in openers:
        if o < reach:
            continue
        lo, hi = bisect_right(closers, o), bisect_right(closers, o + SINGLE_QUOTE_REACH)
        later = [c for c in closers[lo:hi] if c not in used]
        if not later:
            continue
        non_possessive = [c for c in later if not _is_possessive(text, c)]
        c = non_possessive[0] if non_possessive else later[0]
        used.add(c)
        start, end = trim(text, o + 1, c)
        if start < end:
            out.append(RawQuote(o, o + 1, c, c + 1, start, end))
            reach = max(reach, c)
    return out


def find_quote_spans(text: str, regions: Sequence[tuple[int, int]] | None = None) -> list[RawQuote]:
    """All quotes in ``text`` whose marks lie inside ``regions`` (default: everywhere)."""
    inside = RegionIndex(regions if regions is not None else [(0, len(text))])
    paras = paragraphs(text)
    out: list[RawQuote] = []
    for k, (ps, pe) in enumerate(paras):
        tags = [(t.start(), t.end()) for t in MARKUP_RE.finditer(text, ps, pe)]
        marks = [m for m in MARK_RE.finditer(text, ps, pe) if m.start() in inside and not _in_markup(tags, m.start())]
        nxt_open = False
        if k + 1 < len(paras):
            ns = paras[k + 1][0]
            nxt_open = bool(MARK_RE.match(text, ns)) and text[ns] in "“\"„«‘"
        out.extend(_pair_double(text, ps, pe, marks, nxt_open))
        out.extend(q for q in _pair_single(text, ps, pe)
                   if q.open_start in inside and q.close_start in inside
                   and not _in_markup(tags, q.open_start))
    return sorted(out, key=lambda q: (q.start, q.end))


def _in_markup(tags: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies inside an HTML tag (few tags per paragraph: a scan is enough)."""
    return any(s <= pos < e for s, e in tags)


def masked_text(text: str, quotes: Sequence[RawQuote]) -> str:
    """Text with quote contents blanked, so verbs and names inside quotes are not used.

    Every character from an opening mark to its closing mark becomes a
    space, line breaks and other white space excepted; overlapping quotes
    are merged first, and each stretch is one substitution.
    """
    pieces: list[str] = []
    done = 0
    for a, b in merged_ranges((q.open_start, min(q.close_end, len(text))) for q in quotes):
        pieces += [text[done:a], _blanked(text[a:b])]
        done = b
    pieces.append(text[done:])
    return "".join(pieces)


def _blanked(stretch: str) -> str:
    """``stretch`` with every character but white space turned into a space (plain spaces: one string)."""
    if _OTHER_SPACE_RE.search(stretch) is None:
        return " " * len(stretch)
    return _NOT_SPACE_RE.sub(lambda m: " " * (m.end() - m.start()), stretch)
