"""PolNeAR (Newell, Margolin & Ruths 2018): attribution relations in 2016 US election news.

Read from ``polnear/data/{train,dev}/text/*.txt`` and ``.../attributions/*.ann``
(brat standoff, code-point offsets, discontinuous spans as ``s e;s e``) and
``polnear/data/metadata.tsv`` (publication dates). The test split is a blind
check and this reader refuses it. Where several annotators annotated one
article, the file of the first annotator id in sorted order is read.

PolNeAR annotates *attributions* (source, cue, content), not quotation marks;
SPEC §4 annotates every stretch in quotation marks. The mapping:

* quote stretches are found in the text by pairing double quotation marks
  (“ ” „ " and a doubled apostrophe '') inside each paragraph, malformed pairs
  as the writer meant them (“…“ closes with the mark attached to the last
  word); a mark left open at the end of a paragraph closes there, the
  convention of quotes running over several paragraphs; single quotation
  marks give no gold (most are apostrophes): a prediction of exactly a
  ‘…’ stretch, nested in a double-quoted one or not, is set aside in
  scoring (view ``unread``), since SPEC makes it a quote and the set cannot
  say whether it is right;
* a stretch belongs to the attribution whose content covers most of it; a
  stretch in no content is unannotated (``ignore``: PolNeAR has no gold for
  titles, scare quotes and nicknames);
* ``kind`` follows SPEC's test on the quoted stretch itself: ``direct`` when
  the attribution's content is nothing but its quoted stretches (a leading
  "that" allowed), and also when the content takes in reporter words but the
  stretch holds a clause of its own (``clauses.holds_clause``, a dependency
  parse): PolNeAR's content runs over lead-ins ("Instead, “he just acts
  …”"), over the words before a complement clause (means "he must be doing
  something right"), over a partial quote in the same attribution ("… “wonderful”
  …," she said. "He turns like a switch.") and now and then over the
  attribution itself, none of which makes the quoted clause less than the
  speaker's own words; ``partial`` otherwise (a word, noun phrase or
  predicate in the reporter's clause);
* ``speaker_mention`` is the source span, ``cue`` the cue span (first to last
  fragment); ``speaker`` is null (PolNeAR has no canonical names);
* SPEC view: one record per stretch, so a quote interrupted by its
  attribution (“A,” she said, “B.”) is two records marked ``interrupted``;
  the ``polnear`` view keeps each attribution whose content is wholly quoted
  as one span from its first stretch to its last, PolNeAR's own convention
  (that view does not use the clause test).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wirespan.evaluation.devsets.base import DevSetData, DevSetError, need, span
from wirespan.evaluation.devsets.clauses import holds_clause
from wirespan.text.spans import trim

SPLITS = ("train", "dev")
OPEN, CLOSE, BOTH = "“„‟", "”", '"'
ROLE = re.compile(r"(\w[\w-]*):(T\d+)")


def parse_ann(ann: str, text: str, where: str) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict[str, str]]]:
    """Text-bound annotations {id: (label, fragments)} and relations [{role: id}] of a brat file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for n, line in enumerate(ann.splitlines(), 1):
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, ranges = parts[1].partition(" ")
            frags = [tuple(map(int, r.split())) for r in ranges.split(";")]
            for s, e in frags:
                if not 0 <= s <= e <= len(text):
                    raise DevSetError(f"{where}, line {n}: fragment {s}-{e} outside the text ({len(text)} chars)")
            if not " ".join(text[s:e] for s, e in frags).startswith(parts[2]):  # brat cuts it at a newline
                raise DevSetError(f"{where}, line {n}: offsets do not give the annotated text {parts[2][:40]!r}")
            spans[parts[0]] = (label, frags)
        elif line.startswith("E") and len(parts) >= 2:
            relations.append({role.split("-")[0]: tid for role, tid in ROLE.findall(parts[1])})
    return spans, relations


MARK = re.compile(r"''|[“”„‟\"]")


def _role(para: str, m: re.Match, opened: bool) -> str:
    """Whether a double mark opens or closes, as the writer meant it (SPEC §4: malformed pairs too)."""
    before = para[m.start() - 1] if m.start() else " "
    after = para[m.end()] if m.end() < len(para) else " "
    attached_left, attached_right = not before.isspace(), not (after.isspace() or after in ",.;:!?)")
    if m.group() in OPEN:
        return "close" if opened and attached_left and not attached_right else "open"
    if m.group() in CLOSE:
        return "open" if not opened and attached_right and not attached_left else "close"
    return "close" if opened else "open"


def quote_stretches(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, inner start, inner end, close end) of every double-quoted stretch, paragraph by paragraph.

    Double marks are “ ” „ ‟ " and a doubled apostrophe ''. A mark left open at
    the end of a paragraph closes there (a quote running over paragraphs).
    """
    out = []
    pos = 0
    for para in text.split("\n"):
        opened: re.Match | None = None
        for m in MARK.finditer(para):
            role = _role(para, m, opened is not None)
            if role == "open":
                opened = m  # a second opening mark restarts the stretch (unbalanced marks)
            elif opened is not None:
                out.append((pos + opened.start(), pos + opened.end(), pos + m.start(), pos + m.end()))
                opened = None
        if opened is not None:
            out.append((pos + opened.start(), pos + opened.end(), pos + len(para), pos + len(para)))
        pos += len(para) + 1
    trimmed = [(o, *trim(text, s, e), c) for o, s, e, c in out]
    return [(o, s, e, c) for o, s, e, c in trimmed if s < e]


#: A single quotation mark that opens (after a space, a bracket, a dash or a double mark, before a word) and one
#: that closes (after a non-space, before a space, punctuation, a double mark or the end).
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[“\"—–-]))[‘'](?=\w)")
SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?=[\s,.;:!?)”\"]|$)")


def single_stretches(text: str) -> list[tuple[int, int]]:
    """Inner spans of ‘…’ / '…' quotes, paragraph by paragraph (each opener with the next closer after it).

    The reader does not take gold from single marks (PolNeAR annotates attributions, and a single mark is
    mostly an apostrophe), so these stretches are *unread*: a prediction of exactly such a span is set
    aside in scoring, neither credited nor counted wrong (a nested ‘…’ inside a double-quoted stretch is
    a quote in SPEC §4, with no gold here).
    """
    out = []
    pos = 0
    for para in text.split("\n"):
        closers = [m.start() for m in SINGLE_CLOSE.finditer(para)]
        k = 0
        for m in SINGLE_OPEN.finditer(para):
            while k < len(closers) and closers[k] <= m.start():
                k += 1
            if k == len(closers):
                break
            s, e = trim(text, pos + m.end(), pos + closers[k])
            if s < e:
                out.append((s, e))
        pos += len(para) + 1
    return out


def _covered(frags: list[tuple[int, int]], s: int, e: int) -> int:
    return sum(max(0, min(e, fe) - max(s, fs)) for fs, fe in frags)


def _extent(frags: list[tuple[int, int]] | None) -> tuple[int, int] | None:
    return (frags[0][0], frags[-1][1]) if frags else None


def wholly_quoted(text: str, frags: list[tuple[int, int]], stretches: list[tuple[int, int, int, int]]) -> bool:
    """Whether a content is nothing but its quoted stretches (marks, punctuation, a leading "that")."""
    chars = [text[i] for fs, fe in frags for i in range(fs, fe)
             if not any(o <= i < c for o, _, _, c in stretches)]
    rest = re.sub(r"[\W_]+", " ", "".join(chars)).split()
    return rest in ([], ["that"])


def opens_sentence(text: str, open_mark: int) -> bool:
    """Whether a quote opens its sentence or follows a colon or comma (not a slot in the reporter's clause)."""
    before = text[text.rfind("\n", 0, open_mark) + 1:open_mark].rstrip()
    return not before or before[-1] in ".!?:,"


def _span_of(doc_id: str, text: str, frags: list[tuple[int, int]] | None, where: str) -> dict[str, Any] | None:
    ext = _extent(frags)
    if ext is None:
        return None
    s, e = trim(text, *ext)
    return {k: v for k, v in span(doc_id, text, s, e, where).items() if k != "doc_id"} if s < e else None


def read_article(doc_id: str, text: str, ann: str, where: str,
                 clause: Callable[[str], bool] = holds_clause) -> DevSetData:
    """Quotes of one article in the SPEC view (gold), the PolNeAR view and the unannotated stretches.

    ``clause`` is SPEC's test of a stretch that shares its content with reporter words.
    """
    spans, relations = parse_ann(ann, text, where)
    stretches = quote_stretches(text)
    owner: dict[int, int] = {}
    for k, (o, s, e, c) in enumerate(stretches):
        best = max(((_covered(spans[r["Content"]][1], s, e), ri) for ri, r in enumerate(relations)
                    if r.get("Content") in spans), default=(0, -1))
        if best[0] * 2 > e - s:
            owner[k] = best[1]
    data = DevSetData([], [], views={"polnear": [], "unread": []}, notes={"direct_by_clause_test": 0, "partial_by_clause_test": 0})
    for ri, rel in enumerate(relations):
        mine = [stretches[k] for k in sorted(owner) if owner[k] == ri]
        if not mine:
            continue
        content = spans[rel["Content"]][1]
        direct = wholly_quoted(text, content, mine)
        mention = _span_of(doc_id, text, spans[rel["Source"]][1] if rel.get("Source") in spans else None, where)
        cue = _span_of(doc_id, text, spans[rel["Cue"]][1] if rel.get("Cue") in spans else None, where)
        between = [x for x in (mention, cue) if x and mine[0][2] <= x["start"] < mine[-1][1]]
        attrs = {"speaker": None, "speaker_mention": mention,
                 "cue": cue, "attribution": f"{doc_id}:{ri}", "interrupted": bool(between) and len(mine) > 1}
        for o, s, e, _ in mine:
            standing = direct and opens_sentence(text, o)
            kind = "direct" if standing or clause(text[s:e]) else "partial"
            data.notes["direct_by_clause_test"] += kind == "direct" and not direct
            data.notes["partial_by_clause_test"] += kind == "partial" and direct
            data.gold.append(span(doc_id, text, s, e, where, kind=kind, **attrs))
        if direct:
            data.views["polnear"].append(span(doc_id, text, mine[0][1], mine[-1][2], where, kind="direct", **attrs))
    data.ignore = [span(doc_id, text, s, e, where) for k, (_, s, e, _) in enumerate(stretches) if k not in owner]
    data.views["unread"] = [span(doc_id, text, s, e, where) for s, e in single_stretches(text)]
    return data


def _dates(root: Path) -> dict[str, str]:
    path = need(root / "polnear" / "data" / "metadata.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row["publication_date"] for row in csv.DictReader(fh, delimiter="\t")}


def read(root: Path, split: str = "train") -> DevSetData:
    """Articles of one split (``train`` or ``dev``; the test split is refused)."""
    if split not in SPLITS:
        raise DevSetError(f"PolNeAR split {split!r}: only {', '.join(SPLITS)} are development data "
                          "(test is a blind check)")
    base = need(Path(root) / "polnear" / "data" / split)
    dates = _dates(Path(root))
    chosen: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out = DevSetData([], [], views={"polnear": [], "unread": []},
                     notes={"articles_with_several_annotators": 0, "direct_by_clause_test": 0,
                            "partial_by_clause_test": 0})
    for name, ann in sorted(chosen.items()):
        text_path = need(base / "text" / f"{name}.txt")
        text = text_path.read_text(encoding="utf-8")
        one = read_article(name, text, ann.read_text(encoding="utf-8"), str(ann))
        out.documents.append({"id": name, "text": text, "published": dates.get(name)})
        out.gold += one.gold
        out.ignore += one.ignore
        out.views["polnear"] += one.views["polnear"]
        out.views["unread"] += one.views["unread"]
        for key in ("direct_by_clause_test", "partial_by_clause_test"):
            out.notes[key] += one.notes[key]
    out.notes["articles_with_several_annotators"] = sum(
        1 for n in chosen if len(list((base / "attributions").glob(f"{n}_*.ann"))) > 1)
    return out
