"""`wirespan score LAYER`: run a baseline on the raw seed texts, score it against gold.

The baselines see only what a user would give them: the raw text (and, for
the span layers, the segments the automatic segmenter predicts from that same
raw text, so the figures are end-to-end). Gold is read here, by the scorer,
and never by an extractor.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from tqdm import tqdm

from wirespan.corpus.layout import flatten
from wirespan.text.geo import haversine_km
from wirespan.pipeline.build import Inputs, load_inputs
from wirespan.evaluation import formatting as fmt
from wirespan.evaluation.metrics import by_doc, nested_spans, overlap_pairs, score_layer, score_segments, score_variants
from wirespan.corpus.schema import Schemas
from wirespan.layers import registry
from wirespan.corpus.seeds import reporting_day

@lru_cache(maxsize=4)
def gold_inputs(root: Path) -> Inputs:
    """The checked gold of a project (read once per process, like the predictions below)."""
    return load_inputs(Path(root), Schemas(Path(root) / "schema"))


@lru_cache(maxsize=4)
def predictions(root: Path, progress: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Every baseline's output on the raw gold texts, as flat rows per layer (computed once per process).

    The same code as `wirespan annotate`, so `annotate` + `evaluate` reproduce
    these numbers exactly. The corpus's reporting day stands in for a
    publication date a document does not state, so that "Feb. 24" gets a year.
    """
    from wirespan.pipeline.annotate import align_variants, annotate_document

    inputs = gold_inputs(root)
    day = reporting_day(Path(root) / "seeds")
    bar = tqdm(inputs.documents, desc="baselines", unit="doc", file=sys.stderr, disable=None if progress else True,
               leave=False)
    rows = [annotate_document({**d, "published": d["published"] or day}) for d in bar]
    flat: dict[str, list[dict[str, Any]]] = {layer: flatten(rows, layer) for layer in registry.document_layers()}
    flat["variants"] = align_variants(rows)
    return flat


def score(root: Path, layer: str, progress: bool = False) -> dict[str, Any]:
    """Full report for one layer: overall, per document, and a short summary.

    `progress` shows a bar over the documents the baselines run on (stderr, only on a terminal).
    """
    root = Path(root).resolve()
    inputs = gold_inputs(root)
    return layer_report(layer, inputs.documents, inputs.variants, predictions(root, progress)[layer])


def layer_report(layer: str, gold_docs: Sequence[Mapping[str, Any]], gold_variants: Sequence[Mapping[str, Any]],
                 pred: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The report of one layer (the one implementation behind `score` and `evaluate`)."""
    spec = registry.get(layer)
    if spec.scoring == "characters":
        return _segments_report(gold_docs, pred)
    if spec.scoring == "pairs":
        return _variants_report(gold_variants, pred)
    gold = flatten(gold_docs, layer)
    pred = [dict(r) for r in pred]
    report: dict[str, Any] = {"layer": layer, **score_layer(gold, pred, spec.attributes)}
    for key in spec.nested_spans:
        report[key] = score_layer(nested_spans(gold, key), nested_spans(pred, key))
    if any("latitude" in r and "longitude" in r for r in gold):  # grounded spans: geocoding error too
        report["distance"] = distance_errors(gold, pred)
    report["summary"] = summary(report)
    return report


def _segments_report(docs: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Character accuracy over every gold document (a document without predictions scores its misses)."""
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for r in pred:
        by_doc.setdefault(r["doc_id"], []).append(r)
    per_doc = {d["id"]: score_segments(d["text"], d["segments"], by_doc.get(d["id"], [])) for d in docs}
    chars = sum(r["characters"] for r in per_doc.values())
    correct = sum(r["correct"] for r in per_doc.values())
    report = {"layer": "segments", "characters": chars, "correct": correct,
              "accuracy": correct / chars if chars else 1.0, "per_doc": per_doc}
    lines = [f"segments: character accuracy {report['accuracy']:.4f} ({correct}/{chars} non-whitespace characters)"]
    lines += [f"  {doc_id}: {r['accuracy']:.4f}" for doc_id, r in per_doc.items()]
    report["summary"] = "\n".join(lines)
    return report


def _variants_report(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    report: dict[str, Any] = {"layer": "variants", **score_variants(gold, pred)}
    lines = [f"variants: gold {report['n_gold']}, predicted {report['n_pred']}"]
    for kind, r in report["kinds"].items():
        rel = r["relation"]
        lines.append(f"  {kind:8s} {fmt.prf(r)}  relation accuracy on matched pairs {fmt.score(rel['accuracy'])} "
                     f"({rel['correct']}/{rel['matched']})")
        for relation, x in r["relations"].items():
            lines.append(f"    {relation:10s} {fmt.prf(x)}  "
                         f"(gold {x['tp'] + x['fn']}, predicted {x['tp'] + x['fp']}; same relation required)")
    report["summary"] = "\n".join(lines)
    return report


def distance_errors(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """Geocoding error on matched mentions whose gold has coordinates (the field's usual measure).

    A prediction without coordinates where gold has them counts as a miss at
    any distance (it is excluded from the median, which needs a number).
    """
    errors: list[float] = []
    scored = 0
    gold_by_doc, pred_by_doc = by_doc(gold), by_doc(pred)
    for doc_id in sorted(gold_by_doc):
        pairs = overlap_pairs(gold_by_doc[doc_id], pred_by_doc.get(doc_id, []))
        for g, p in pairs:
            if g["latitude"] is None or g["longitude"] is None:
                continue
            scored += 1
            if p.get("latitude") is not None and p.get("longitude") is not None:
                errors.append(haversine_km((g["latitude"], g["longitude"]), (p["latitude"], p["longitude"])))
    within = sum(e <= 161 for e in errors)
    return {"scored": scored, "with_coordinates": len(errors),
            "median_km": statistics.median(errors) if errors else None,
            "accuracy_161km": within / scored if scored else None}


def summary(report: dict[str, Any]) -> str:
    """A short human-readable table of a span-layer report."""
    ex, ov = report["exact"], report["overlap"]
    lines = [f"{report['layer']}: gold {report['n_gold']}, predicted {report['n_pred']}",
             f"  exact   {fmt.prf(ex)}",
             f"  overlap {fmt.prf(ov)}"]
    for attr, acc in report["attributes"].items():
        lines.append(f"  {attr} accuracy on matched spans: {fmt.score(acc['accuracy'])} "
                     f"({acc['correct']}/{acc['matched']})")
    if "cue" in report:
        lines.append(f"  cue exact F1 {report['cue']['exact']['f1']:.3f}")
    if "distance" in report:
        d = report["distance"]
        median = "n/a" if d["median_km"] is None else f"{d['median_km']:.1f} km"
        lines.append(f"  geocoding on {d['scored']} matched mentions with gold coordinates: median error {median}, "
                     f"accuracy within 161 km {fmt.score(d['accuracy_161km'])}")
    lines.append("  per document (exact F1): " + ", ".join(
        f"{doc_id[:8]} {r['exact']['f1']:.3f}" for doc_id, r in report["per_doc"].items()))
    return "\n".join(lines)
