"""Scoring on the development sets, with the evaluation core (exact and overlap matching).

What is added to the core here is only what the sets need: predictions on
spans a set leaves unannotated are set aside (``outside``), attribute checks
that tolerate the sets' conventions (a speaker mention counted right when it
overlaps the set's source span; values compared where both sides give one),
the two readings of interrupted quotes, and sentence-pair F1 beside the
all-positive and token-overlap baselines.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from wirespan.evaluation.metrics import overlap_pairs, prf, score_layer
from wirespan.evaluation.scoring import distance_errors

Record = Mapping[str, Any]


def by_doc(records: Iterable[Record]) -> dict[str, list[Record]]:
    """Records grouped by ``doc_id``."""
    out: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        out[r["doc_id"]].append(r)
    return out


def overlaps(a: Record | None, b: Record | None) -> bool:
    """Whether two spans share a character (False when either is missing)."""
    return a is not None and b is not None and min(a["end"], b["end"]) > max(a["start"], b["start"])


def outside(pred: Sequence[Record], ignore: Sequence[Record]) -> tuple[list[Record], int]:
    """Predictions that overlap no ignored span of their document, and how many were set aside."""
    ign = by_doc(ignore)
    kept = [p for p in pred if not any(overlaps(p, i) for i in ign.get(p["doc_id"], ()))]
    return kept, len(pred) - len(kept)


def matched(gold: Sequence[Record], pred: Sequence[Record]) -> list[tuple[Record, Record]]:
    """Overlap-matched (gold, prediction) pairs over all documents (the core's one-to-one matching)."""
    g, p = by_doc(gold), by_doc(pred)
    return [pair for d in sorted(g) for pair in overlap_pairs(g[d], p.get(d, []))]


def spans_report(gold: Sequence[Record], pred: Sequence[Record], attributes: Sequence[str] = ()) -> dict[str, Any]:
    """The core's exact/overlap P/R/F1 and attribute accuracy, without the per-document detail."""
    report = score_layer(list(gold), list(pred), attributes)
    report.pop("per_doc")
    return report


def accuracy(correct: int, scored: int) -> dict[str, Any]:
    return {"scored": scored, "correct": correct, "accuracy": correct / scored if scored else None}


def locations_report(gold: Sequence[Record], pred: Sequence[Record], ignore: Sequence[Record]) -> dict[str, Any]:
    """Span scores and geocoding within 161 km (on the matched mentions gold has coordinates for)."""
    pred, set_aside = outside(pred, ignore)
    report = spans_report(gold, pred, ("geonames_id",))
    report["distance"] = distance_errors(list(gold), list(pred))
    report["set_aside_on_ignored_spans"] = set_aside
    return report


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def same_value(g: Record, p: Record) -> bool:
    """Equal values; a share SPEC states in percent ("two thirds": 66.67 percent) also matches a set's
    unitless ratio (0.667)."""
    if same_number(g["value"], p["value"]):
        return True
    return p.get("unit") == "percent" and g.get("unit") is None and abs(g["value"] * 100 - p["value"]) <= 0.01


def figures_report(gold: Sequence[Record], pred: Sequence[Record], set_aside_kinds: Sequence[str] = ()) -> dict[str, Any]:
    """Span scores, qualifier accuracy, and value accuracy where gold and prediction both give a value.

    Predictions of a kind the set does not annotate as a rule (``set_aside_kinds``, e.g. dates and
    ordinals in MeasEval) are set aside — neither credited nor penalised — unless they overlap a gold
    span (the set did annotate that one, so it is scored); the scores over every prediction are kept
    beside them (``all_kinds``), so that nothing is hidden.
    """
    gold_by_doc = by_doc(gold)
    kept = [p for p in pred if p.get("kind") not in set_aside_kinds
            or any(overlaps(p, g) for g in gold_by_doc.get(p["doc_id"], ()))]
    report = spans_report(gold, kept, ("qualifier",))
    pairs = [(g, p) for g, p in matched(gold, kept) if g.get("value") is not None]
    valued = [(g, p) for g, p in pairs if p.get("value") is not None]
    report["value"] = {**accuracy(sum(same_value(g, p) for g, p in valued), len(valued)),
                       "prediction_without_value": len(pairs) - len(valued)}
    if set_aside_kinds:
        every = spans_report(gold, pred)
        report["set_aside"] = {"kinds": sorted(set_aside_kinds), "predictions": len(pred) - len(kept)}
        report["all_kinds"] = {"exact": every["exact"], "overlap": every["overlap"]}
    return report


def mention_accuracy(pairs: Sequence[tuple[Record, Record]]) -> dict[str, Any]:
    """Speaker mention on matched quotes: same offsets, or overlapping (both null counts as right)."""
    def right(g: Record, p: Record, loose: bool) -> bool:
        gm, pm = g.get("speaker_mention"), p.get("speaker_mention")
        if gm is None or pm is None:
            return gm is None and pm is None
        return overlaps(gm, pm) if loose else (gm["start"], gm["end"]) == (pm["start"], pm["end"])
    return {"exact": accuracy(sum(right(g, p, False) for g, p in pairs), len(pairs)),
            "overlap": accuracy(sum(right(g, p, True) for g, p in pairs), len(pairs))}


def interrupted_outcomes(gold: Sequence[Record], pred: Sequence[Record]) -> dict[str, int]:
    """How the baseline handles each interrupted direct quote (two or more stretches, attribution between)."""
    groups: dict[str, list[Record]] = defaultdict(list)
    for g in gold:
        if g.get("interrupted") and g["kind"] == "direct":
            groups[g["attribution"]].append(g)
    p = by_doc(pred)
    out = {"quotes": len(groups), "parts_as_separate_spans": 0, "parts_merged": 0, "part_missed": 0}
    for parts in groups.values():
        hits = [[q for q in p.get(g["doc_id"], []) if overlaps(g, q)] for g in parts]
        if any(not h for h in hits):
            out["part_missed"] += 1
        elif len({(q["start"], q["end"]) for h in hits for q in h}) < len(parts):
            out["parts_merged"] += 1
        else:
            out["parts_as_separate_spans"] += 1
    return out


def quotes_report(gold: Sequence[Record], pred: Sequence[Record], one_span: Sequence[Record],
                  ignore: Sequence[Record], unread: Sequence[Record] = ()) -> dict[str, Any]:
    """Quotes in SPEC's reading (one span per quoted stretch) and PolNeAR's (one span per direct attribution).

    Predictions overlapping an unannotated stretch (``ignore``) and predictions of exactly a stretch the
    set gives no gold for (``unread``: single-quoted ones) are set aside, and counted.
    """
    pred, set_aside = outside(pred, ignore)
    skip = {(u["doc_id"], u["start"], u["end"]) for u in unread}
    kept = [p for p in pred if (p["doc_id"], p["start"], p["end"]) not in skip]
    pred, unread_set_aside = kept, len(pred) - len(kept)
    direct_pred = [q for q in pred if q.get("kind") == "direct"]
    direct_gold = [g for g in gold if g["kind"] == "direct"]
    return {
        "all_quotes": spans_report(gold, pred, ("kind",)),
        "direct_spec": {**spans_report(direct_gold, direct_pred),
                        "speaker_mention": mention_accuracy(matched(direct_gold, direct_pred))},
        "direct_polnear_one_span": {**spans_report(one_span, direct_pred),
                                    "speaker_mention": mention_accuracy(matched(one_span, direct_pred))},
        "interrupted": interrupted_outcomes(gold, pred),
        "set_aside_on_unannotated_stretches": set_aside,
        "set_aside_on_single_quoted_stretches": unread_set_aside,
    }


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def jaccard(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 1.0


def pair_f1(gold: Sequence[bool], pred: Sequence[bool]) -> dict[str, Any]:
    """P/R/F1 of the positive (paraphrase) class, and accuracy."""
    tp = sum(g and p for g, p in zip(gold, pred))
    out = prf(tp, sum(pred), sum(gold))
    out["accuracy"] = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else None
    return out


def best_threshold(gold: Sequence[bool], scores: Sequence[float]) -> tuple[float, dict[str, Any]]:
    """The score threshold (>=) with the highest F1 on these pairs, and its scores (ties: lowest threshold)."""
    best: tuple[float, dict[str, Any]] | None = None
    for t in sorted(set(scores)):
        r = pair_f1(gold, [s >= t for s in scores])
        if best is None or r["f1"] > best[1]["f1"]:
            best = (t, r)
    assert best is not None
    return best


def pairs_report(gold: Sequence[bool], decisions: Sequence[bool], overlap_scores: Sequence[float]) -> dict[str, Any]:
    """The aligner's pair decisions beside calling every pair a paraphrase and a token-overlap threshold."""
    threshold, overlap = best_threshold(gold, overlap_scores)
    return {"pairs": len(gold), "positive": sum(gold),
            "aligner": pair_f1(gold, decisions),
            "all_positive": pair_f1(gold, [True] * len(gold)),
            "token_overlap": {**overlap, "threshold": threshold,
                              "note": "Jaccard of lower-cased word sets; threshold chosen for the best F1 on this "
                                      "same set (an optimistic baseline)"}}
