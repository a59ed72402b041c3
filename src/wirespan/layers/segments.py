"""Automatic segmenter (baseline): label every non-whitespace character of a news text.

Why a rule-based, line-based segmenter: scraped news pages are plain text in which
each paragraph, caption or navigation item sits on its own line, and the few
sub-line regions that matter (a date stamp or dateline glued to the first
paragraph, "Caption" / photo credit inside a caption line) have stable surface
forms.  No library segments news furniture this way, so the rules live here,
kept general (no outlet- or article-specific strings) so that they apply to any
English news text.

Labels (SPEC §3): headline, meta, dateline, body, caption, credit, boilerplate.

Rules (in priority order, per line):

1. Once a *trailer marker* is seen ("Previous article…", "Next article…",
   "You were reading…", or a whole-line heading "Latest articles", "More like
   this", "Related stories", "Comments"…, or a reader-comment line
   "<user> in: <title>"), the marker line and every later line are
   boilerplate: what follows such markers on a news page is teasers, snippets,
   comments and spam, never the article.
2. Whole-line boilerplate: separator lines ("___", "* * *"), URL-only lines,
   breadcrumbs ("Home › …", "HomeTitle"), "Follow/Read/See … at <URL or @handle>",
   share/subscribe/advertisement/copyright lines.
3. Meta: "Published on", "Updated …", bare date stamps; a leading date stamp
   ("date 2022-03-31", an ISO date, "Published on March 3, 2022") is split off
   and the rest of the line is classified on its own.
4. Credit lines: "Image Credit: …", "Credit: …", "Photo: <short name>",
   bylines ("By Jane Doe") and a short capitalised affiliation line right under
   a byline ("Associated Press"), "<Names> reported from …",
   "… contributed to this report", "(Reporting by …)".
5. Caption lines: a line opening with the word "Caption" (meta) or "Photo:"
   followed by a sentence (meta), or ending with a photo credit "(AP Photo/…)",
   "(… via AP)", "Credit: …" (credit); the text between is caption.  A bare
   agency tag "(AFP)" is not a photo credit.
6. Dateline: a capitalised place ("ODESA, Ukraine (Outlet) —", "LONDON (Reuters) -",
   "PARIS, June 3 (Wire) -"; a mixed-case place only with "(Outlet)") at the
   start of a line, up to and including the dash; the rest of the line is body.
7. Remaining text: headline while no dateline/body/caption has been seen, when
   it is short (<= 200 chars, <= 30 words) and lacks a final period, or when a
   dateline follows within the first 5 content lines (title block); everything
   else is body.
8. Neighbouring pieces of one line with the same label form one segment; each
   line (paragraph) is its own segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from wirespan.layers.registry import LayerInput
from wirespan.text.cues import cued, lowered
from wirespan.text.regions import LABELS
from wirespan.text.spans import trim as _trim

# --------------------------------------------------------------------------- patterns

_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_TIME = r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4}T?)?|\d{1,2}\s*[AaPp]\.?[Mm]\.?(?:\s*[A-Z]{2,4})?)"
_ISO_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_TEXT_DATE = (
    rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
_ANY_DATE = rf"(?:{_ISO_DATE}|{_TEXT_DATE})(?:,?\s+(?:at\s+)?{_TIME})?"
_STAMP_KEYWORD = r"(?:date|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated(?:\s+on)?|first\s+published(?:\s+on)?)"

# A whole line that is only a date stamp / publication marker.
_META_LINE = re.compile(rf"(?i:{_STAMP_KEYWORD}\s*:?\s*)?(?:{_ANY_DATE})?\s*$|(?i:{_STAMP_KEYWORD})\s*:?\s*$")
# A short line opening with a stamp keyword and holding a digit ("Updated 3:45 PM ET, Thu March 31").
_META_KEYWORD_LINE = re.compile(rf"(?i:{_STAMP_KEYWORD})\b(?=[^\n]*\d)[^\n]{{0,80}}$")
# A date stamp opening a longer line: either introduced by a keyword, or an ISO date.
_META_PREFIX = re.compile(rf"(?i:{_STAMP_KEYWORD})\s*:?\s*{_ANY_DATE}(?=\s)|{_ISO_DATE}(?=\s)")

# Dateline: CITY[, Region][, Date] [(Outlet)] dash.  The city is in capitals; a
# mixed-case city is accepted only with an outlet in parentheses.
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]*){0,3}"
_MIXED_PLACE = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}"
_REGION = r"(?:,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3})"
_DL_DATE = rf"(?:,\s*{_MONTHS}\s+\d{{1,2}})"
_OUTLET = r"(?:\s*\([^()\n]{1,40}\))"
_DASH = r"(?:—|–|--|-|‒|―)"
_DATELINE = re.compile(
    rf"(?:(?:{_CAPS_PLACE}){_REGION}{{0,2}}{_DL_DATE}?{_OUTLET}?"
    rf"|(?:{_MIXED_PLACE}){_REGION}{{0,2}}{_DL_DATE}?{_OUTLET})\s*{_DASH}(?=\s|$)"
)

_URL = r"(?:https?://|www\.)\S+"
_URL_LINE = re.compile(rf"{_URL}(?:\s.*)?$")
_SEPARATOR = re.compile(r"[_\-=*~#•·.]{3,}$|(?:[*•·]\s*){3,}$")
_BREADCRUMB = re.compile(r"Home(?:\s*[›»>/|·:]\s*|(?=[A-Z]))")
_FOLLOW = re.compile(rf"(?i)(?:follow|read|see|watch|listen|subscribe|sign\s+up)\b.*\b(?:at|on|to|:)\s+(?:{_URL}|@\w+)")
_NAV_LINE = re.compile(
    r"(?i)(?:advertisement|share(?:\s+this(?:\s+(?:article|story))?)?|share\s+on\s+\w+|tweet|"
    r"print|email|copy\s+link|skip\s+to\s+(?:main\s+)?content|subscribe(?:\s+now)?|"
    r"sign\s+up(?:\s+for\s+.*)?|click\s+here.*|all\s+rights\s+reserved\.?|"
    r"(?:copyright\s+)?©.*|copyright\s+\d{4}.*|tags?:.*|topics?:.*|filed\s+under:?.*)$"
)
# Markers after which a page carries no more article text.
# "Previous article<title>" style links may carry the linked title on the same line...
_TRAILER_LINK = re.compile(r"(?i)(?:previous|next|prev\.?)\s*(?:article|post|story)|you\s+were\s+reading\b")
# ...section headings must be the whole line (a body line may well start "More news ...").
_TRAILER_HEADING = re.compile(
    r"(?i)(?:(?:latest|related|recommended|popular|trending|more)\s+(?:articles?|stories|posts|news|reads)|"
    r"more\s+like\s+this|read\s+next|you\s+may\s+also\s+like|recent\s+(?:posts|comments)|"
    r"leave\s+a\s+(?:reply|comment)|\d+\s+comments?|comments?)\s*:?\s*$"
)
# A reader-comment listing line: "<user> in: <post title>".
_COMMENT_LINE = re.compile(r"\S+(?:\s+\S+){0,2}\s+in:\s+\S")

_CREDIT_LINE = re.compile(
    r"(?i)(?:(?:image|photo(?:graph)?|picture|video|illustration|header\s+image|top\s+image)\s*"
    r"(?:credits?|courtesy|source)\s*:\s*\S.*"
    r"|credits?\s*:\s*\S.*"
    r"|\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|written)\s+by\s+\S.*)$"
)
# "Photo: X" is a credit when X is a short name, a caption when X is a sentence.
_PHOTO_LABEL = re.compile(r"(?i:image|photo(?:graph)?|picture|illustration)\s*:")
_PHOTO_CREDIT_MAX_WORDS = 6
# Bylines and "Names reported from" notes are checked token by token (linear time;
# nested regex quantifiers over capitalised words backtrack catastrophically).
_BYLINE_START = re.compile(r"(?:By|BY)\s+(?=[A-Z])")
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.\-]*,?$")
_NAME_JOINERS = frozenset({"and", "&", ",", "|", "/", "-", "–", "—", "de", "van", "von", "der", "al", "bin", "da", "of", "the", "for"})
_AFFILIATION_JOINERS = frozenset({"of", "the", "and", "for", "&"})
_REPORTED_FROM = re.compile(r"\s+reported\s+from\b")
_REPORTER_MAX_TOKENS = 8
_CONTRIBUTED = re.compile(
    r"(?i)\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b|\bcontributed\s+reporting\b"
)

_CAPTION_WORD = re.compile(r"(?:Photo\s+)?(?i:caption)\b\s*:?")
_CREDIT_TAIL = re.compile(r"(?:(?<=\s)|(?<=[.)]))(?:(?:Photo|Image|Picture)\s+)?Credits?\s*:\s*\S[^\n]*$")
_PHOTO_PAREN = re.compile(r"\(([^()\n]{2,80})\)")
# Agency names alone ("(AFP)") are not enough: body paragraphs end with them too.
_PHOTO_PAREN_CUE = re.compile(
    r"(?i)\b(?:photos?|photograph(?:er)?|images?|via|pool|courtesy|handout|credit)\b|\w\s*/\s*[A-Z]"
)
# Sentence-final period, also before closing quotes/brackets or a trailing tag like "(AFP)".
_SENTENCE_END = re.compile(r"[.!]['\"’”)\]]*(?:\s*\([^()\n]{1,40}\))?$")

_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30
# A dateline this far down still closes a title block (headline, deck, byline, stamp).
_TITLE_BLOCK_LINES = 4


@dataclass
class _Piece:
    """A trimmed stretch of one line with a provisional label (``None`` = plain text)."""

    start: int
    end: int
    label: str | None


# --------------------------------------------------------------------------- helpers


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each line with surrounding whitespace trimmed, skipping blank lines.

    Why: the segmenter is line-based and spans must never start or end with whitespace.
    """
    for m in re.finditer(r"[^\n]+", text):
        start, end = _trim(text, m.start(), m.end())
        if start < end:
            yield start, end


def _piece(text: str, start: int, end: int, label: str | None) -> list[_Piece]:
    """A trimmed piece, or nothing when the stretch is blank."""
    start, end = _trim(text, start, end)
    return [_Piece(start, end, label)] if start < end else []


def _is_boilerplate_line(line: str) -> bool:
    """Whole-line navigation, separators, URLs and "Follow … at URL" calls to action."""
    return bool(
        _SEPARATOR.match(line)
        or _URL_LINE.match(line)
        or (_BREADCRUMB.match(line) and len(line) <= _HEADLINE_MAX_CHARS and not _SENTENCE_END.search(line))
        or _FOLLOW.match(line)
        or _NAV_LINE.match(line)
    )


def _is_trailer_marker(line: str) -> bool:
    """Lines after which a web page carries only teasers, comments or spam."""
    if _TRAILER_HEADING.match(line) or (_TRAILER_LINK.match(line) and len(line) <= _HEADLINE_MAX_CHARS):
        return True
    return bool(_COMMENT_LINE.match(line)) and len(line) <= _HEADLINE_MAX_CHARS


def _is_credit_line(line: str) -> bool:
    """Bylines, image credits and "X reported from Y / … contributed to this report" notes."""
    if _CREDIT_LINE.match(line) and len(line) <= _HEADLINE_MAX_CHARS:
        return True
    if _is_byline(line):
        return True
    if len(line) > 400:
        return False
    m = _REPORTED_FROM.search(line) if "reported" in line else None  # the pattern's literal word
    if m and _all_name_tokens(line[:m.start()].split(), _NAME_JOINERS, _REPORTER_MAX_TOKENS):
        return True
    return cued(lowered(line), ("contributed",)) and bool(_CONTRIBUTED.search(line))


def _all_name_tokens(tokens: list[str], joiners: frozenset[str], max_tokens: int) -> bool:
    """True when 1..max_tokens tokens are all capitalised words or joiners, the first capitalised."""
    if not tokens or len(tokens) > max_tokens or not _NAME_TOKEN.match(tokens[0]):
        return False
    return all(_NAME_TOKEN.match(t) or t.lower() in joiners for t in tokens)


def _is_byline(line: str) -> bool:
    """ "By Jane Roe", "By JANE ROE and JOHN DOE Associated Press", "By Jane Roe | Example Times"."""
    if len(line) > 120:
        return False
    m = _BYLINE_START.match(line)
    return bool(m) and _all_name_tokens(line[m.end():].split(), _NAME_JOINERS, 16)


def _is_byline_affiliation(text: str, previous: list[_Piece], line: str) -> bool:
    """A short all-capitalised line ("Associated Press", "Staff Writer") right under a byline.

    Why: bylines often put the author's outlet or role on the next line; it belongs
    to the credit, not to the headline block.
    """
    if len(previous) != 1 or previous[0].label != "credit":
        return False
    if not _is_byline(text[previous[0].start:previous[0].end]):
        return False
    return len(line) <= 50 and _all_name_tokens(line.split(), _AFFILIATION_JOINERS, 6)


def _split_caption(text: str, start: int, end: int, has_word: bool) -> list[_Piece] | None:
    """Split a caption line into meta "Caption", caption text and trailing credits.

    Returns None when the line is not a caption (no "Caption" word and no photo credit tail).
    """
    pieces: list[_Piece] = []
    pos = start
    if has_word:
        m = _CAPTION_WORD.match(text, start, end)
        assert m is not None
        pieces += _piece(text, start, m.end(), "meta")
        pos = m.end()
    tail_start = end
    credit_tail: list[_Piece] = []
    m = _CREDIT_TAIL.search(text, pos, end) if text.find("Credit", pos, end) >= 0 else None  # its literal word
    if m:
        credit_tail = _piece(text, m.start(), end, "credit")
        tail_start = m.start()
    paren: list[_Piece] = []
    body_end = tail_start
    head = text[pos:tail_start].rstrip()
    last = None
    for pm in _PHOTO_PAREN.finditer(head) if head.endswith(")") else ():  # only a last match at the end counts
        last = pm
    if last is not None and last.end() == len(head) and _PHOTO_PAREN_CUE.search(last.group(1)):
        paren = _piece(text, pos + last.start(), pos + last.end(), "credit")
        body_end = pos + last.start()
    if not has_word and not paren and not credit_tail:
        return None
    if not has_word and not text[pos:body_end].strip():
        return None
    return pieces + _piece(text, pos, body_end, "caption") + paren + credit_tail


def _split_line(text: str, start: int, end: int) -> list[_Piece]:
    """Classify one non-blank line into pieces (label None = text to resolve later)."""
    line = text[start:end]
    if _is_boilerplate_line(line):
        return [_Piece(start, end, "boilerplate")]
    if _META_LINE.match(line) or (_META_KEYWORD_LINE.match(line) and not _SENTENCE_END.search(line)):
        return [_Piece(start, end, "meta")]
    m = _META_PREFIX.match(line)
    if m:
        return _piece(text, start, start + m.end(), "meta") + _split_line_rest(text, start + m.end(), end)
    return _split_line_rest(text, start, end)


def _split_photo_label(text: str, start: int, label_end: int, end: int) -> list[_Piece]:
    """Split "Photo: …" into a credit (short name) or meta label + caption (a sentence)."""
    rest = text[label_end:end].strip()
    if len(rest.split()) <= _PHOTO_CREDIT_MAX_WORDS and not _SENTENCE_END.search(rest):
        return [_Piece(start, end, "credit")]
    caption = _split_caption(text, label_end, end, has_word=False) or _piece(text, label_end, end, "caption")
    return _piece(text, start, label_end, "meta") + caption


def _split_line_rest(text: str, start: int, end: int) -> list[_Piece]:
    """Classify a line (or what is left of it after a leading date stamp)."""
    start, end = _trim(text, start, end)
    if start >= end:
        return []
    line = text[start:end]
    if _is_credit_line(line):
        return [_Piece(start, end, "credit")]
    m = _PHOTO_LABEL.match(line)
    if m:
        return _split_photo_label(text, start, start + m.end(), end)
    if _CAPTION_WORD.match(line) and len(line) > _CAPTION_WORD.match(line).end():
        split = _split_caption(text, start, end, has_word=True)
        if split:
            return split
    split = _split_caption(text, start, end, has_word=False)
    if split:
        return split
    m = _DATELINE.match(line)
    if m and m.end() < len(line):
        return _piece(text, start, start + m.end(), "dateline") + _piece(text, start + m.end(), end, "body")
    if m:
        return [_Piece(start, end, "dateline")]
    return [_Piece(start, end, None)]


def _looks_like_headline(line: str) -> bool:
    """Short, one-sentence-ish line without a final period."""
    return (
        len(line) <= _HEADLINE_MAX_CHARS
        and len(line.split()) <= _HEADLINE_MAX_WORDS
        and not _SENTENCE_END.search(line)
    )


def _resolve_text(text: str, lines: list[list[_Piece]]) -> None:
    """Label the still-unlabelled pieces headline or body, in place.

    Why: a headline is recognised by position (before the first dateline or body
    paragraph) and shape (short, no final period), or because a dateline line
    follows it directly, which marks everything above it as the title block.
    """
    first_dateline = next(
        (i for i, ps in enumerate(lines[:_TITLE_BLOCK_LINES + 1]) if any(p.label == "dateline" for p in ps)), None
    )
    headline_zone = True
    for i, ps in enumerate(lines):
        for k, p in enumerate(ps):
            if p.label is not None:
                if p.label in ("dateline", "body", "caption"):
                    headline_zone = False
                continue
            line = text[p.start:p.end]
            before_dateline = first_dateline is not None and i < first_dateline and len(line) <= _HEADLINE_MAX_CHARS
            if headline_zone and k == len(ps) - 1 and (before_dateline or _looks_like_headline(line)):
                p.label = "headline"
            else:
                p.label = "body"
                headline_zone = False


def _merge_same_label(pieces: list[_Piece]) -> list[_Piece]:
    """Join neighbouring pieces of one line that carry the same label.

    Why: a segment is a maximal same-label stretch of a line ("(AP Photo/X) Credit: X"
    is one credit), while separate lines (paragraphs) stay separate segments.
    """
    merged: list[_Piece] = []
    for p in pieces:
        if merged and merged[-1].label == p.label:
            merged[-1] = _Piece(merged[-1].start, p.end, p.label)
        else:
            merged.append(p)
    return merged


# --------------------------------------------------------------------------- public API


def segment(text: str) -> list[dict]:
    """Segment a plain-text news article into labelled spans covering all non-whitespace text.

    Returns records {start, end, text, label}, sorted by (start, end), trimmed of
    whitespace, non-overlapping, with ``text == input[start:end]``.
    """
    lines: list[list[_Piece]] = []
    trailer = False
    for start, end in _lines(text):
        line = text[start:end]
        if not trailer and _is_trailer_marker(line):
            trailer = True
        if trailer:
            lines.append([_Piece(start, end, "boilerplate")])
        elif lines and _is_byline_affiliation(text, lines[-1], line):
            lines.append([_Piece(start, end, "credit")])
        else:
            lines.append(_split_line(text, start, end))
    _resolve_text(text, lines)
    out = [
        {"start": p.start, "end": p.end, "text": text[p.start:p.end], "label": p.label}
        for ps in lines
        for p in _merge_same_label(ps)
    ]
    out.sort(key=lambda r: (r["start"], r["end"]))
    for r in out:
        assert r["text"] == text[r["start"]:r["end"]] and r["label"] in LABELS
    return out


def extract(inp: LayerInput) -> list[dict]:
    """The registry's entry point: segments of the raw text."""
    return segment(inp.text)
