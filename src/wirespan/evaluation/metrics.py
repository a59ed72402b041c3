"""Evaluation core: score predicted spans against gold, per layer and document.

Every layer (segments aside, which are scored per character) is a set of
spans ``{doc_id, start, end, ...attributes}``. Two matchings are reported:

* ``exact``  -- a prediction matches a gold span with the same doc, start and end;
* ``overlap`` -- a one-to-one matching of spans that share at least one
  character (pairs with the largest overlap are matched first), so one long
  prediction cannot be credited for several gold spans.

Precision, recall and F1 are micro-averaged over the corpus (and reported per
document). Attribute accuracy is measured on the overlap-matched pairs, so a
slightly misplaced span still tells whether its speaker or value is right;
the number of pairs it was measured on is always reported beside it.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

Record = Mapping[str, Any]


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while scoring builds millions of small objects.

    Scoring creates no reference cycles, but each full collection walks every
    live object — with a million prediction dicts alive, collections triggered
    by the candidate tuples made scoring 1M spans 20× slower than 100k instead
    of 10× (`bench/bench_evaluate.py`). Reference counting still frees
    everything; the collector is restored afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts (empty sets score 1.0, not 0/0)."""
    precision = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": n_pred - tp, "fn": n_gold - tp,
            "precision": precision, "recall": recall, "f1": f1}


def by_doc(records: Iterable[Record]) -> dict[str, list[Record]]:
    """Records grouped by `doc_id`, in their order."""
    grouped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        grouped[record["doc_id"]].append(record)
    return grouped


def exact_pairs(gold: Sequence[Record], pred: Sequence[Record]) -> list[tuple[Record, Record]]:
    index: dict[tuple[int, int], list[Record]] = defaultdict(list)
    for g in gold:
        index[(g["start"], g["end"])].append(g)
    pairs = []
    for p in pred:
        waiting = index.get((p["start"], p["end"]))
        if waiting:
            pairs.append((waiting.pop(0), p))
    return pairs


def overlap_candidates(gold: Sequence[Record], pred: Sequence[Record]) -> list[tuple[int, int, int, int]]:
    """Every (gold, prediction) pair sharing at least one character, as (-exact, -overlap, gold index, pred index).

    A sweep over the spans sorted by start: when a span starts, it overlaps
    exactly the spans of the other side that started at or before it and have
    not ended yet (the "open" ones), so only true candidates are visited. Cost
    O(n log n + candidates) instead of O(gold × predictions).
    """
    events = sorted([(g["start"], 0, i) for i, g in enumerate(gold)] + [(p["start"], 1, i) for i, p in enumerate(pred)])
    spans = (gold, pred)
    open_: tuple[list[int], list[int]] = ([], [])
    candidates = []
    for start, side, i in events:
        end = spans[side][i]["end"]
        if end <= start:
            continue  # an empty span overlaps nothing
        other = 1 - side
        still = [j for j in open_[other] if spans[other][j]["end"] > start]  # drop the spans that have ended
        open_[other][:] = still
        for j in still:
            gi, pi = (i, j) if side == 0 else (j, i)
            g, p = gold[gi], pred[pi]
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                candidates.append((-int(exact), -overlap, gi, pi))
        open_[side].append(i)
    return candidates


def overlap_pairs(gold: Sequence[Record], pred: Sequence[Record]) -> list[tuple[Record, Record]]:
    """One-to-one matching of overlapping spans: exact matches first, then the largest overlap, then input order."""
    candidates = overlap_candidates(gold, pred)
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def same_value(a: Any, b: Any) -> bool:
    """Attribute equality; nested spans compare by offsets only, floats exactly."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return (a.get("start"), a.get("end")) == (b.get("start"), b.get("end"))
    return a == b


def score_layer(gold: Sequence[Record], pred: Sequence[Record],
                attributes: Sequence[str] = ()) -> dict[str, Any]:
    """Score one layer: exact and overlap P/R/F1, attribute accuracy, per document.

    ``gold`` and ``pred`` are records carrying ``doc_id``, ``start``, ``end``
    and the named attributes. Documents present only in one side still count
    (all their spans are misses or false alarms).
    """
    with without_cyclic_gc():
        return _score_layer(gold, pred, attributes)


def _score_layer(gold: Sequence[Record], pred: Sequence[Record], attributes: Sequence[str]) -> dict[str, Any]:
    gold_docs, pred_docs = by_doc(gold), by_doc(pred)
    totals = {"exact": [0, 0, 0], "overlap": [0, 0, 0]}
    attr_counts = {a: [0, 0] for a in attributes}
    per_doc: dict[str, Any] = {}
    for doc_id in sorted(set(gold_docs) | set(pred_docs)):
        g, p = gold_docs.get(doc_id, []), pred_docs.get(doc_id, [])
        exact, overlap = exact_pairs(g, p), overlap_pairs(g, p)
        doc_attr = {a: [0, 0] for a in attributes}
        for gr, pr in overlap:
            for a in attributes:
                doc_attr[a][0] += 1
                doc_attr[a][1] += same_value(gr.get(a), pr.get(a))
        for a in attributes:
            attr_counts[a][0] += doc_attr[a][0]
            attr_counts[a][1] += doc_attr[a][1]
        for name, pairs in (("exact", exact), ("overlap", overlap)):
            totals[name][0] += len(pairs)
            totals[name][1] += len(p)
            totals[name][2] += len(g)
        per_doc[doc_id] = {
            "exact": prf(len(exact), len(p), len(g)),
            "overlap": prf(len(overlap), len(p), len(g)),
            "attributes": {a: _accuracy(*doc_attr[a]) for a in attributes},
        }
    return {
        "n_gold": len(gold),
        "n_pred": len(pred),
        "exact": prf(*totals["exact"]),
        "overlap": prf(*totals["overlap"]),
        "attributes": {a: _accuracy(*attr_counts[a]) for a in attributes},
        "per_doc": per_doc,
    }


def _accuracy(matched: int, correct: int) -> dict[str, float | int | None]:
    return {"matched": matched, "correct": correct,
            "accuracy": correct / matched if matched else None}


def nested_spans(records: Iterable[Record], key: str) -> list[dict[str, Any]]:
    """The distinct non-null nested spans ``record[key]`` (e.g. quote cues) as a layer of their own.

    One cue shared by two consecutive quotes is one cue, so it is counted once.
    """
    seen: set[tuple[str, int, int]] = set()
    out = []
    for record in records:
        span = record.get(key)
        if span is not None and (record["doc_id"], span["start"], span["end"]) not in seen:
            seen.add((record["doc_id"], span["start"], span["end"]))
            out.append({"doc_id": record["doc_id"], "start": span["start"],
                        "end": span["end"], "text": span.get("text")})
    return out


def character_labels(text: str, segments: Sequence[Record]) -> list[str | None]:
    """Label of every character (None outside all segments)."""
    labels: list[str | None] = [None] * len(text)
    for seg in segments:
        for i in range(seg["start"], seg["end"]):
            labels[i] = seg["label"]
    return labels


def score_segments(text: str, gold: Sequence[Record], pred: Sequence[Record]) -> dict[str, Any]:
    """Character-level accuracy over non-whitespace characters, plus per-label P/R/F1."""
    g_labels, p_labels = character_labels(text, gold), character_labels(text, pred)
    idx = [i for i, ch in enumerate(text) if not ch.isspace()]
    correct = sum(g_labels[i] == p_labels[i] for i in idx)
    per_label = {}
    for label in sorted({l for l in g_labels + p_labels if l is not None}):
        tp = sum(g_labels[i] == label and p_labels[i] == label for i in idx)
        n_pred = sum(p_labels[i] == label for i in idx)
        n_gold = sum(g_labels[i] == label for i in idx)
        per_label[label] = prf(tp, n_pred, n_gold)
    return {"characters": len(idx), "correct": correct,
            "accuracy": correct / len(idx) if idx else 1.0, "per_label": per_label}


# ---------------------------------------------------------------- variant pairs
def side_overlap(x: Record, y: Record) -> int:
    """Characters two variant sides share (0 across documents)."""
    if x["doc_id"] != y["doc_id"]:
        return 0
    return max(0, min(x["end"], y["end"]) - max(x["start"], y["start"]))


def variant_pairs(gold: Sequence[Record], pred: Sequence[Record],
                  same_relation: bool = False) -> list[tuple[Record, Record]]:
    """One-to-one matching of variant pairs: same kind, and both sides overlap the gold sides.

    Sides are ordered (doc_id, start) in both, so side a is compared with side
    a and b with b; the pairs sharing the most characters are matched first.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g["kind"] != p["kind"] or (same_relation and g["relation"] != p["relation"]):
                continue
            oa, ob = side_overlap(g["a"], p["a"]), side_overlap(g["b"], p["b"])
            if oa > 0 and ob > 0:
                candidates.append((-(oa + ob), gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def score_variants(gold: Sequence[Record], pred: Sequence[Record]) -> dict[str, Any]:
    """Pair P/R/F1 per kind and per (kind, relation), and relation accuracy on matched pairs."""
    report: dict[str, Any] = {"n_gold": len(gold), "n_pred": len(pred), "kinds": {}}
    for kind in sorted({r["kind"] for r in gold} | {r["kind"] for r in pred}):
        g = [r for r in gold if r["kind"] == kind]
        p = [r for r in pred if r["kind"] == kind]
        matched = variant_pairs(g, p)
        correct = sum(a["relation"] == b["relation"] for a, b in matched)
        relations = {}
        for relation in sorted({r["relation"] for r in g} | {r["relation"] for r in p}):
            gr = [r for r in g if r["relation"] == relation]
            pr = [r for r in p if r["relation"] == relation]
            relations[relation] = prf(len(variant_pairs(gr, pr, same_relation=True)), len(pr), len(gr))
        report["kinds"][kind] = {**prf(len(matched), len(p), len(g)),
                                 "relation": _accuracy(len(matched), correct), "relations": relations}
    return report
