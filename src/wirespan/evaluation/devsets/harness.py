"""Run every current baseline and its peers on every development set and score them (bench-external).

One report per set: its size, licence and source, the scores of each system,
and a note wherever a layer cannot be run or scored. Predictions are made
document by document exactly as ``systems`` and ``peers`` define them; gold
is read here, by the harness, and never by a baseline.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from wirespan.evaluation.devsets import REGISTRY, DevSet
from wirespan.evaluation.devsets.base import DevSetData
from wirespan.evaluation.devsets.measure import (figures_report, jaccard, locations_report, pair_f1, pairs_report,
                                                 quotes_report)
from wirespan.evaluation.devsets.peers import PEERS
from wirespan.evaluation.devsets.pairmodel import cross_validate, matrix, veto_counts
from wirespan.evaluation.devsets.systems import (BASELINES, HOME_SYSTEM, aligner_decision, located_at_home,
                                                pair_features, paraphrase_decision)

System = Callable[[dict[str, Any]], list[dict[str, Any]]]


def predict(system: System, documents: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    """Flat predictions of one system over all documents, and the seconds it took."""
    t0 = time.perf_counter()
    out = [{"doc_id": d["id"], **r} for d in documents for r in system(d)]
    return out, time.perf_counter() - t0


def score_spans(devset: DevSet, data: DevSetData, pred: list[dict[str, Any]]) -> dict[str, Any]:
    """The layer's report for one system's predictions."""
    layer = devset.layer
    if layer == "locations":
        return locations_report(data.gold, pred, data.ignore)
    if layer == "figures":
        report = figures_report(data.gold, pred, sorted(devset.unannotated_kinds))
        if "as_annotated" in data.views:
            # the same predictions against the set's own spans, before the reader's mapping to SPEC
            unmapped = figures_report(data.views["as_annotated"], pred, sorted(devset.unannotated_kinds))
            report["as_annotated"] = {k: unmapped[k] for k in ("exact", "overlap", "value")}
        return report
    return quotes_report(data.gold, pred, data.views.get("polnear", []), data.ignore, data.views.get("unread", []))


def systems_for(layer: str) -> dict[str, System]:
    """The baseline (named ``wirespan``) and the peers of a span layer."""
    return {"wirespan": BASELINES[layer], **PEERS.get(layer, {})}


def run_spans(devset: DevSet, data: DevSetData, keep: dict[str, list] | None = None) -> dict[str, Any]:
    """Scores of every system on a span-layer set; ``keep`` receives the raw predictions.

    On a locations set whose documents name their source (LGL: the newspaper),
    the baseline runs once more, last, with each document's home inferred from its
    source's other articles (`located_at_home`), reported as its own system with
    the homes found and the inference's time counted in.  The baseline reads one
    document untimed first, so that no row's time includes loading the data."""
    out: dict[str, Any] = {}
    runs: list[tuple[str, Any, dict[str, Any]]] = [(name, system, {}) for name, system in
                                                   systems_for(devset.layer).items()]
    if devset.layer == "locations" and any(d.get("source") for d in data.documents):
        runs.append((HOME_SYSTEM, None, {"own": True, "label": "each document's home inferred from its paper's "
                                                                "other articles (`infer_home`, leave one out)"}))
    if data.documents:  # untimed: load the gazetteer and models once, so that no row pays the cold start
        BASELINES[devset.layer](data.documents[0])
    for name, system, extra in runs:
        t0 = time.perf_counter()
        if system is None:
            system, homes = located_at_home(data.documents)
            extra["homes"] = {"documents": len(homes), "sources": len({d["source"] for d in data.documents
                                                                       if d.get("source")}),
                              "with_country": sum(h is not None for h in homes.values()),
                              "with_division": sum(h is not None and h.division is not None for h in homes.values())}
        pred, _ = predict(system, data.documents)
        secs = time.perf_counter() - t0
        out[name] = {**score_spans(devset, data, pred), "seconds": round(secs, 1), **extra}
        if devset.in_sample_for == name:
            out[name]["in_sample"] = True
        if keep is not None:
            keep[name] = pred
    if devset.layer == "quotes":
        out["notes"] = ["no quote peer installs from a registry; the field's speaker accuracy is compared "
                        "with published figures"]
    if devset.layer == "locations":
        out["notes"] = ["geotext and spaCy give no coordinates: their geocoding is not scored"]
    return out


def run_pairs(data: DevSetData) -> dict[str, Any]:
    """The aligner's rule and the pair classifier on a sentence-pair set, beside two baselines.

    The classifier is scored out of sample: nested cross-validation on these
    pairs (each fold predicted by a model trained on the other folds, with a
    threshold chosen on those folds only), with and without the number veto
    (a set's annotators may link pairs whose figures differ; SPEC's corpus
    keeps them apart).  The shipped model's fit on the same pairs is reported
    too, labelled as a training fit.
    """
    docs = {d["id"]: d for d in data.documents}
    gold = [g["paraphrase"] for g in data.gold]
    t0 = time.perf_counter()
    decisions = [aligner_decision(docs[g["a"]], docs[g["b"]]) for g in data.gold]
    secs = time.perf_counter() - t0
    overlap = [jaccard(docs[g["a"]]["text"], docs[g["b"]]["text"]) for g in data.gold]
    report = pairs_report(gold, decisions, overlap)
    x = matrix([pair_features(docs[g["a"]]["text"], docs[g["b"]]["text"]).values for g in data.gold])
    report["classifier_cv"] = {**cross_validate(x, matrix(gold)),
                               "note": "out-of-fold decisions of nested cross-validation on this set; each fold's "
                                       "threshold chosen on the other folds only"}
    report["classifier_cv_without_veto"] = {
        **cross_validate(x, matrix(gold), veto=False),
        "note": "the same nested cross-validation without the shipped number veto (pairs whose sides state numbers "
                "and share none are scored by their probability): what the veto costs where annotators link such pairs"}
    report["veto"] = veto_counts(x, matrix(gold))
    report["classifier_training_fit"] = {
        **pair_f1(gold, [paraphrase_decision(docs[g["a"]], docs[g["b"]]) for g in data.gold]),
        "note": "the shipped model, trained on this same set: a training fit, not an out-of-sample figure"}
    return {**report, "seconds": round(secs, 1)}


def run_set(devset: DevSet, root: Path, keep: dict[str, list] | None = None) -> dict[str, Any]:
    """Read one set and score every system on it."""
    data = devset.reader(root)
    report: dict[str, Any] = {
        "layer": devset.layer, "licence": devset.licence, "source": devset.source,
        "size": {"documents": len(data.documents), "gold": len(data.gold), "ignored_spans": len(data.ignore),
                 **data.notes},
    }
    if devset.layer == "variants":
        report["passage_pairs"] = run_pairs(data)
    else:
        report["systems"] = run_spans(devset, data, keep)
    return report


def run(root: Path, names: Sequence[str] | None = None,
        keep: dict[str, dict[str, list]] | None = None) -> dict[str, Any]:
    """Reports of the named sets (default: every non-blind set of the registry)."""
    chosen = [REGISTRY[n] for n in (names or sorted(REGISTRY))]
    out = {}
    for devset in chosen:
        if devset.blind:
            raise ValueError(f"{devset.name} is a blind check and is not run here")
        sink: dict[str, list] | None = {} if keep is not None else None
        out[devset.name] = run_set(devset, root, sink)
        if keep is not None:
            keep[devset.name] = sink or {}
    return out
