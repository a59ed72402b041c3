"""The errors view: gold against predictions, span by span, with the evaluation core's matching.

Per document and layer, a prediction is a true positive when `exact_pairs`
pairs it with a gold span (same offsets), else a false positive; a gold span
no prediction matches exactly is a miss. Attribute disagreements are counted
on the `overlap_pairs` matching, as `wirespan evaluate` measures attribute
accuracy; a miss and a false positive that overlap-match are flagged as a
boundary error. Segments are scored per non-whitespace character, so their
errors are the runs of characters whose predicted label differs from gold.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wirespan.viewer.annotations import layer_marks, span_key
from wirespan.evaluation.metrics import character_labels, exact_pairs, overlap_pairs, same_value, variant_pairs
from wirespan.viewer.data import layer_attributes
from wirespan.viewer.marks import Mark

Record = Mapping[str, Any]
PRED = "pred:"


@dataclass
class LayerErrors:
    """Counts of one layer in one document (the numbers `wirespan evaluate` adds up)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    overlap: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [matched, disagreeing]

    @property
    def disagreements(self) -> int:
        return sum(wrong for _, wrong in self.attributes.values())

    @property
    def errors(self) -> int:
        return self.fp + self.fn + self.disagreements


@dataclass
class DocErrors:
    """Marks and counts of one document in the errors view."""

    marks: list[Mark]
    layers: dict[str, LayerErrors]
    characters: int = 0  # non-whitespace characters scored for segments
    wrong_characters: int = 0

    @property
    def errors(self) -> int:
        return sum(e.errors for e in self.layers.values())


def _shown(value: Any) -> str:
    if isinstance(value, Mapping):
        return f"“{value.get('text')}” [{value.get('start')}–{value.get('end')}]"
    return "—" if value is None else str(value)


def span_layer_errors(doc_id: str, layer: str, gold: Sequence[Record],
                      pred: Sequence[Record]) -> tuple[list[Mark], LayerErrors]:
    """Marks for the true positives, misses and false positives of one span layer, and their counts."""
    exact = exact_pairs(list(gold), list(pred))
    overlap = overlap_pairs(list(gold), list(pred))
    counts = LayerErrors(tp=len(exact), fp=len(pred) - len(exact), fn=len(gold) - len(exact), overlap=len(overlap))
    attrs = layer_attributes(layer)
    counts.attributes = {a: [len(overlap), 0] for a in attrs}
    notes: dict[int, list[str]] = {}
    partner: dict[int, Record] = {}
    for g, p in overlap:
        partner[id(g)], partner[id(p)] = p, g
        for a in attrs:
            if not same_value(g.get(a), p.get(a)):
                counts.attributes[a][1] += 1
                line = f"{a}: gold {_shown(g.get(a))} / predicted {_shown(p.get(a))}"
                notes.setdefault(id(g), []).append(line)
                notes.setdefault(id(p), []).append(line)
    matched_g = {id(g) for g, _ in exact}
    matched_p = {id(p) for _, p in exact}
    marks = _classified(doc_id, layer, gold, "", lambda r: "tp" if id(r) in matched_g else "fn", notes, partner)
    fps = [p for p in pred if id(p) not in matched_p]
    for n, p in enumerate(fps):  # numbered: two predictions may share offsets
        marks += _classified(doc_id, layer, [p], f"{PRED}{n}:", lambda r: "fp", notes, partner)
    return marks, counts


_VERDICT = {"tp": "correct", "fn": "missed", "fp": "false positive"}


def _classified(doc_id: str, layer: str, records: Sequence[Record], prefix: str, verdict: Any,
                notes: Mapping[int, list[str]], partner: Mapping[int, Record]) -> list[Mark]:
    """The layer's marks of `records`, each span tagged tp / fn / fp, boundary and attribute errors noted."""
    tag = {"quotes": "quote", "figures": "figure", "locations": "location"}[layer]
    by_key = {span_key(prefix, doc_id, tag, r): r for r in records}
    out = []
    for mark in layer_marks(doc_id, layer, records, prefix):
        record = by_key.get(mark.key)
        if record is None:  # a speaker mention or cue: shown, not judged
            out.append(dataclasses.replace(mark, classes=mark.classes + ("aux",)))
            continue
        v = verdict(record)
        classes = (v,)
        extra = [f"verdict: {_VERDICT[v]}"]
        other = partner.get(id(record))
        if v != "tp" and other is not None:
            classes += ("boundary",)
            side = "predicted" if v == "fn" else "gold"
            extra.append(f"boundary: {side} span “{other['text']}” [{other['start']}–{other['end']}]")
        if notes.get(id(record)):
            classes += ("attr",)
            extra += notes[id(record)]
        label = f"{_VERDICT[v]}{' with attribute errors' if 'attr' in classes else ''}: {mark.label}"
        out.append(dataclasses.replace(mark, label=label, info="\n".join(extra) + "\n" + mark.info,
                                       classes=mark.classes + classes))
    return out


def segment_errors(doc_id: str, text: str, gold: Sequence[Record],
                   pred: Sequence[Record]) -> tuple[list[Mark], int, int]:
    """Runs of characters whose predicted segment label differs from gold (whitespace is not scored).

    Returns the marks, the characters scored and the characters wrong (the
    numbers behind `wirespan evaluate`'s character accuracy).
    """
    g, p = character_labels(text, gold), character_labels(text, pred)
    marks: list[Mark] = []
    scored = wrong = 0
    run: list[int] = []

    def flush() -> None:
        if run:
            lo, hi = run[0], run[-1] + 1
            gl, pl = g[lo] or "none", p[lo] or "none"
            marks.append(Mark(lo, hi, "segerr", f"segerr:{doc_id}:{lo}-{hi}",
                              f"segment label error, gold {gl}, predicted {pl}",
                              f"segment label: gold {gl} / predicted {pl}"))
            run.clear()

    for i, ch in enumerate(text):
        if ch.isspace():  # not scored: neither ends a run nor counts
            continue
        scored += 1
        if g[i] != p[i]:
            wrong += 1
            if run and (g[run[-1]], p[run[-1]]) != (g[i], p[i]):
                flush()
            run.append(i)
        else:
            flush()
    flush()
    return marks, scored, wrong


def document_errors(doc: Record, predictions: Mapping[str, Sequence[Record]]) -> DocErrors:
    """Errors of every predicted layer of one document (`predictions`: this document's rows per layer)."""
    doc_id = doc["id"]
    result = DocErrors(marks=[], layers={})
    for layer in ("quotes", "figures", "locations"):
        if layer not in predictions:
            continue
        gold = [{"doc_id": doc_id, **r} for r in doc[layer]]
        marks, counts = span_layer_errors(doc_id, layer, gold, [dict(r) for r in predictions[layer]])
        result.marks += marks
        result.layers[layer] = counts
    if "segments" in predictions:
        marks, scored, wrong = segment_errors(doc_id, doc["text"], doc["segments"], predictions["segments"])
        result.marks += marks
        result.characters, result.wrong_characters = scored, wrong
    return result


def variant_errors(gold: Sequence[Record], pred: Sequence[Record]) -> tuple[list[dict[str, Any]], dict[str, LayerErrors]]:
    """Gold and predicted variant pairs judged with `variant_pairs` (per kind, as `wirespan evaluate`).

    A matched pair is shown once (the gold row, `tp`), noting a relation the
    prediction got wrong; unmatched gold rows are misses (`fn`), unmatched
    predictions false positives (`fp`). Counts per kind; the relation is the
    one attribute compared.
    """
    judged: list[dict[str, Any]] = []
    counts: dict[str, LayerErrors] = {}
    for kind in sorted({r["kind"] for r in gold} | {r["kind"] for r in pred}):
        g = [r for r in gold if r["kind"] == kind]
        p = [r for r in pred if r["kind"] == kind]
        matched = variant_pairs(g, p)
        wrong = [(a, b) for a, b in matched if a["relation"] != b["relation"]]
        counts[kind] = LayerErrors(tp=len(matched), fp=len(p) - len(matched), fn=len(g) - len(matched),
                                   overlap=len(matched), attributes={"relation": [len(matched), len(wrong)]})
        notes = {id(a): f"relation: gold {a['relation']} / predicted {b['relation']}" for a, b in wrong}
        used_g, used_p = {id(a) for a, _ in matched}, {id(b) for _, b in matched}
        judged += [{**r, "verdict": "tp", "note": notes.get(id(r), "")} for r in g if id(r) in used_g]
        judged += [{**r, "verdict": "fn", "note": ""} for r in g if id(r) not in used_g]
        judged += [{**r, "verdict": "fp", "note": ""} for r in p if id(r) not in used_p]
    judged.sort(key=lambda r: (r["a"]["doc_id"], r["b"]["doc_id"], r["a"]["start"], r["b"]["start"], r["kind"],
                               r["verdict"]))
    return judged, counts
