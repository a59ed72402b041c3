"""The evaluation core on hand-computed cases."""

from __future__ import annotations

import pytest

from wirespan.evaluation.metrics import nested_spans, prf, score_layer, score_segments


def rec(start: int, end: int, doc: str = "d1", **attrs) -> dict:
    return {"doc_id": doc, "start": start, "end": end, **attrs}


def test_prf_counts() -> None:
    assert prf(2, 4, 3) == pytest.approx({"tp": 2, "fp": 2, "fn": 1, "precision": 0.5,
                                          "recall": 2 / 3, "f1": 4 / 7})
    assert prf(0, 0, 0)["f1"] == 1.0
    assert prf(0, 2, 0)["precision"] == 0.0


def test_exact_and_overlap_matching() -> None:
    gold = [rec(0, 5, kind="a"), rec(10, 20, kind="b"), rec(30, 35, kind="c")]
    pred = [rec(0, 5, kind="a"), rec(12, 20, kind="x"), rec(50, 55, kind="c")]
    report = score_layer(gold, pred, ["kind"])
    assert report["exact"]["tp"] == 1 and report["exact"]["f1"] == pytest.approx(1 / 3)
    assert report["overlap"]["tp"] == 2 and report["overlap"]["f1"] == pytest.approx(2 / 3)
    assert report["attributes"]["kind"] == {"matched": 2, "correct": 1, "accuracy": 0.5}


def test_overlap_is_one_to_one() -> None:
    gold = [rec(0, 5), rec(6, 10)]
    pred = [rec(0, 10)]
    report = score_layer(gold, pred)
    assert report["overlap"]["tp"] == 1
    assert report["overlap"]["recall"] == 0.5


def test_documents_are_kept_apart_and_micro_averaged() -> None:
    gold = [rec(0, 5, "d1"), rec(0, 5, "d2"), rec(7, 9, "d2")]
    pred = [rec(0, 5, "d2"), rec(20, 25, "d3")]
    report = score_layer(gold, pred)
    assert report["exact"]["tp"] == 1
    assert report["exact"]["precision"] == 0.5 and report["exact"]["recall"] == pytest.approx(1 / 3)
    assert report["per_doc"]["d1"]["exact"]["recall"] == 0.0
    assert report["per_doc"]["d3"]["exact"]["precision"] == 0.0


def test_span_attributes_compare_offsets_and_floats_exactly() -> None:
    gold = [rec(0, 5, cue={"start": 6, "end": 10, "text": "said"}, value=4e6)]
    pred = [rec(0, 5, cue={"start": 6, "end": 10, "text": "SAID"}, value=4000000.1)]
    report = score_layer(gold, pred, ["cue", "value"])
    assert report["attributes"]["cue"]["accuracy"] == 1.0
    assert report["attributes"]["value"]["accuracy"] == 0.0
    assert nested_spans(gold, "cue") == [{"doc_id": "d1", "start": 6, "end": 10, "text": "said"}]


def test_segment_character_accuracy_ignores_whitespace() -> None:
    text = "Head\n\nBody text"
    gold = [{"start": 0, "end": 4, "label": "headline"}, {"start": 6, "end": 15, "label": "body"}]
    pred = [{"start": 0, "end": 4, "label": "body"}, {"start": 6, "end": 15, "label": "body"}]
    report = score_segments(text, gold, pred)
    assert report["characters"] == 12
    assert report["correct"] == 8
    assert report["per_label"]["headline"]["recall"] == 0.0
    assert report["per_label"]["body"]["precision"] == pytest.approx(8 / 12)


def test_duplicate_spans_are_a_multiset_and_shared_cues_count_once() -> None:
    gold = [rec(0, 5), rec(0, 5)]
    assert score_layer(gold, [rec(0, 5)])["exact"] == prf(1, 1, 2)
    cue = {"start": 6, "end": 10, "text": "said"}
    quotes = [rec(0, 5, cue=cue), rec(12, 20, cue=cue), rec(22, 30, cue=None)]
    assert nested_spans(quotes, "cue") == [{"doc_id": "d1", **cue}]


def pair(kind, relation, a, b):
    return {"kind": kind, "relation": relation,
            "a": {"doc_id": "d1", "start": a[0], "end": a[1]}, "b": {"doc_id": "d2", "start": b[0], "end": b[1]}}


def test_variant_pairs_match_when_both_sides_overlap() -> None:
    from wirespan.evaluation.metrics import score_variants
    gold = [pair("passage", "edited", (0, 50), (10, 60)), pair("passage", "verbatim", (60, 90), (70, 99)),
            pair("name", "spelling", (5, 9), (15, 19))]
    pred = [pair("passage", "verbatim", (0, 40), (12, 58)),   # matches gold 1, wrong relation
            pair("passage", "verbatim", (60, 90), (0, 5)),    # side b misses: no match
            pair("name", "spelling", (5, 9), (15, 19))]
    report = score_variants(gold, pred)
    passage = report["kinds"]["passage"]
    assert (passage["tp"], passage["fp"], passage["fn"]) == (1, 1, 1)
    assert passage["relation"] == {"matched": 1, "correct": 0, "accuracy": 0.0}
    assert passage["relations"]["edited"]["recall"] == 0.0
    assert passage["relations"]["verbatim"]["tp"] == 0
    assert report["kinds"]["name"]["f1"] == 1.0
