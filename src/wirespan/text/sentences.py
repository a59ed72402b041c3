"""Paragraphs and sentences of news text, robust to abbreviations ("Mr.", "U.S.", "Feb.") and closing quote marks.

Two sentence splitters live here, side by side, because their callers need
different things:

* ``sentence_tiles`` cuts one paragraph into spans that *tile* it (each span
  keeps its trailing whitespace), so that every offset of the paragraph lies
  in exactly one sentence.  The quote layer uses it to find the sentence of a
  quote mark and the attribution around it.
* ``split_sentences`` yields trimmed sentences and also cuts at line breaks
  and before an opening bracket; the variant aligner compares these
  sentences across documents, so a caption line must not merge with the
  next line.

Both skip a full stop that ends an abbreviation (``lexicons.ABBREVIATIONS``)
or an initial; they differ in details that shape their outputs (the aligner
also knows ``RARE_ABBREVIATIONS`` and treats "U.S. The" as a boundary), and
merging them would change both layers' annotations.
"""

from __future__ import annotations

import re

from wirespan.text.lexicons import ABBREVIATIONS, RARE_ABBREVIATIONS
from wirespan.text.spans import trim

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n\s*")
_LINE_GAP = re.compile(r"\n+")
_TILE_BOUNDARY = re.compile(r"[.!?]+[”’\"'»]*\s+(?=[“‘\"'«„A-Z0-9])")
_TOKEN_BEFORE = re.compile(r"([A-Za-z.]+)$")
_SPLIT_BOUNDARY = re.compile(r"[.!?]+[”’\"'»]*(?=\s+[“‘\"'«„(\[]?[A-Z0-9])|\n\s*")
_ABBREVIATION_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_AFTER_INITIALISM = re.compile(r"(?:The|This|That|It|He|She|They|We|But|And|In|On|A)\b")
_PASSAGE_ABBREVIATIONS = ABBREVIATIONS | RARE_ABBREVIATIONS


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated when the text uses blank lines, else line by line."""
    sep = _PARAGRAPH_GAP if _BLANK_LINE.search(text) else _LINE_GAP
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_LETTER = re.compile(r"[a-z]")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _ends_tile_abbreviation(token: str) -> bool:
    """Is the word before a full stop an abbreviation, a single letter or an initialism ("u.s")?"""
    return token in ABBREVIATIONS or bool(_LETTER.fullmatch(token)) or bool(_INITIALISM.fullmatch(token))


def token_before(text: str, pos: int, stop: int) -> str:
    """`_TOKEN_BEFORE.search(text, pos, stop)`'s group (or ""): the letters and periods just before `stop`
    (or before a line break just before it, where `$` also matches), not before `pos`.

    Why: the search tried every position from `pos`; the answer is the run
    ending at `stop`, found by walking back over it.
    """
    end = stop - 1 if pos < stop and text[stop - 1] == "\n" else stop
    begin = end
    while begin > pos and text[begin - 1] in _TOKEN_CHARS:
        begin -= 1
    return text[begin:end]


def sentence_tiles(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans that tile text[start:end] (whitespace kept); abbreviation periods do not split."""
    bounds, pos = [], start
    for m in _TILE_BOUNDARY.finditer(text, start, end):
        stop = m.start()
        token = token_before(text, pos, stop).lower().rstrip(".")
        if _ends_tile_abbreviation(token):
            continue
        bounds.append((pos, m.end()))
        pos = m.end()
    bounds.append((pos, end))
    return [(s, e) for s, e in bounds if s < e]


def is_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation (Mr., U.S., Feb., Maj.), not a sentence."""
    if text[stop] != ".":
        return False
    m = _ABBREVIATION_BEFORE.search(text[max(0, stop - 20):stop])
    if not m:
        return False
    token = m.group(1)
    if token.lower() in _PASSAGE_ABBREVIATIONS or len(token) == 1:
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # U.S / U.K / D.C  -> "U.S." is not an end
        following = text[stop + 1:stop + 40].lstrip()
        # "... the U.S. The next" is ambiguous; treat it as a boundary only before a pronoun/article
        return not _AFTER_INITIALISM.match(following)
    return False


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], trimmed of whitespace; fragments without letters join the previous one."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _SPLIT_BOUNDARY.finditer(text, start, end):
        if m.group(0)[0] == "." and is_abbreviation(text, m.start()):
            continue
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = trim(text, s, e)
        if s >= e:
            continue
        if out and not re.search(r"[^\W\d_]", text[s:e]):
            out[-1] = (out[-1][0], e)  # a stray closing mark belongs to the sentence before
            continue
        out.append((s, e))
    return out
