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

from .annotations import layer_marks, span_key
from .data import character_labels, exact_pairs, layer_attributes, overlap_pairs, same_value
from .marks import Mark

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
