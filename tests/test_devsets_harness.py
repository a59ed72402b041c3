"""The bench-external scoring on tiny invented data (runs without the development sets)."""

from __future__ import annotations

import pytest

from wirespan.evaluation.devsets import DevSet
from wirespan.evaluation.devsets import harness
from wirespan.evaluation.devsets.base import DevSetData
from wirespan.evaluation.devsets.measure import (best_threshold, figures_report, interrupted_outcomes, locations_report,
                                      outside, pairs_report, quotes_report)


def q(doc: str, s: int, e: int, kind: str = "direct", mention: tuple[int, int] | None = None, **extra):
    sm = {"start": mention[0], "end": mention[1], "text": "x"} if mention else None
    return {"doc_id": doc, "start": s, "end": e, "text": "x", "kind": kind, "speaker_mention": sm, **extra}


def test_interrupted_quote_outcomes_separate_merged_missed() -> None:
    gold = [q("d", 0, 10, attribution="a", interrupted=True), q("d", 20, 30, attribution="a", interrupted=True),
            q("d", 40, 50, attribution="b", interrupted=True), q("d", 60, 70, attribution="b", interrupted=True),
            q("d", 80, 90, attribution="c", interrupted=True), q("d", 95, 99, attribution="c", interrupted=True)]
    pred = [q("d", 0, 10), q("d", 20, 30), q("d", 40, 70), q("d", 80, 90)]
    assert interrupted_outcomes(gold, pred) == {"quotes": 3, "parts_as_separate_spans": 1, "parts_merged": 1,
                                                "part_missed": 1}


def test_quotes_report_both_readings_and_unannotated_stretches_set_aside() -> None:
    gold = [q("d", 0, 10, mention=(40, 45), attribution="a", interrupted=True),
            q("d", 20, 30, mention=(40, 45), attribution="a", interrupted=True)]
    one_span = [q("d", 0, 30, mention=(40, 45))]
    pred = [q("d", 0, 10, mention=(40, 44)), q("d", 20, 30, mention=(50, 55)), q("d", 100, 110)]
    ignore = [{"doc_id": "d", "start": 100, "end": 110}]
    r = quotes_report(gold, pred, one_span, ignore)
    assert r["set_aside_on_unannotated_stretches"] == 1
    assert r["direct_spec"]["exact"]["f1"] == 1.0
    assert r["direct_spec"]["speaker_mention"]["overlap"]["accuracy"] == 0.5
    assert r["direct_spec"]["speaker_mention"]["exact"]["accuracy"] == 0.0
    assert r["direct_polnear_one_span"]["exact"]["tp"] == 0
    assert r["direct_polnear_one_span"]["overlap"]["tp"] == 1
    assert r["interrupted"]["parts_as_separate_spans"] == 1


def test_figures_value_accuracy_only_where_both_give_a_value() -> None:
    gold = [{"doc_id": "d", "start": 0, "end": 4, "value": 12.0, "qualifier": "exact"},
            {"doc_id": "d", "start": 10, "end": 14, "value": 3.0, "qualifier": "exact"},
            {"doc_id": "d", "start": 20, "end": 24, "value": None, "qualifier": "exact"}]
    pred = [{"doc_id": "d", "start": 0, "end": 6, "value": 12.0, "qualifier": "exact"},
            {"doc_id": "d", "start": 10, "end": 14, "value": None, "qualifier": "exact"},
            {"doc_id": "d", "start": 20, "end": 24, "value": 8.0, "qualifier": "exact"}]
    r = figures_report(gold, pred)
    assert r["value"] == {"scored": 1, "correct": 1, "accuracy": 1.0, "prediction_without_value": 1}
    assert (r["exact"]["tp"], r["overlap"]["tp"]) == (2, 3)


def test_locations_distance_and_ignored_spans() -> None:
    gold = [{"doc_id": "d", "start": 0, "end": 5, "geonames_id": 1, "latitude": 50.0, "longitude": 10.0}]
    pred = [{"doc_id": "d", "start": 0, "end": 5, "geonames_id": 2, "latitude": 51.0, "longitude": 10.0},
            {"doc_id": "d", "start": 20, "end": 30, "geonames_id": None, "latitude": None, "longitude": None}]
    r = locations_report(gold, pred, [{"doc_id": "d", "start": 18, "end": 25}])
    assert r["set_aside_on_ignored_spans"] == 1 and r["exact"]["precision"] == 1.0
    assert r["distance"]["accuracy_161km"] == 1.0  # one degree of latitude is about 111 km
    assert r["attributes"]["geonames_id"]["accuracy"] == 0.0
    kept, dropped = outside(pred, [])
    assert (len(kept), dropped) == (2, 0)


def test_pairs_report_against_all_positive_and_overlap_threshold() -> None:
    gold = [True, True, False, False]
    r = pairs_report(gold, [True, False, False, False], [0.9, 0.8, 0.1, 0.85])
    assert r["aligner"]["precision"] == 1.0 and r["aligner"]["recall"] == 0.5
    assert r["all_positive"]["f1"] == pytest.approx(2 / 3)
    t, best = best_threshold(gold, [0.9, 0.8, 0.1, 0.2])
    assert (t, best["f1"], best["accuracy"]) == (0.8, 1.0, 1.0)


def test_harness_runs_the_figure_baseline_on_a_set(monkeypatch) -> None:
    text = "The council spent $4 million on 12 new buses in 2021."
    start = text.index("12")
    gold = [{"doc_id": "d1", "start": start, "end": start + 2, "text": "12", "kind": "count", "value": 12.0,
             "value_high": None, "unit": None, "iso": None, "qualifier": "exact"}]
    data = DevSetData([{"id": "d1", "text": text, "published": "2021-06-01"}], gold)
    monkeypatch.setattr(harness, "PEERS", {})
    devset = DevSet("tiny", "figures", "invented", "this test", lambda root: data)
    report = harness.run_set(devset, None)
    assert report["size"]["documents"] == 1 and report["licence"] == "invented"
    wirespan = report["systems"]["wirespan"]
    assert wirespan["n_gold"] == 1 and wirespan["n_pred"] >= 1
    assert 0.0 <= wirespan["exact"]["precision"] <= 1.0


def test_figures_kinds_a_set_does_not_annotate_are_set_aside_unless_they_hit_its_spans() -> None:
    gold = [{"doc_id": "d", "start": 0, "end": 4, "value": 2.0, "unit": None, "qualifier": "exact"}]
    pred = [{"doc_id": "d", "start": 0, "end": 4, "kind": "date", "value": None, "unit": None, "qualifier": "exact"},
            {"doc_id": "d", "start": 10, "end": 14, "kind": "date", "value": None, "unit": None, "qualifier": "exact"},
            {"doc_id": "d", "start": 20, "end": 24, "kind": "count", "value": 5.0, "unit": None, "qualifier": "exact"}]
    r = figures_report(gold, pred, ["date", "ordinal"])
    # the date on gold's span is scored (a hit), the other date is set aside, the stray count still costs
    assert (r["exact"]["tp"], r["exact"]["fp"]) == (1, 1)
    assert r["set_aside"] == {"kinds": ["date", "ordinal"], "predictions": 1}
    assert (r["all_kinds"]["exact"]["tp"], r["all_kinds"]["exact"]["fp"]) == (1, 2)


def test_figures_share_in_percent_matches_a_unitless_ratio() -> None:
    gold = [{"doc_id": "d", "start": 0, "end": 9, "value": 0.75, "unit": None, "qualifier": "exact"},
            {"doc_id": "d", "start": 20, "end": 24, "value": 0.5, "unit": None, "qualifier": "exact"}]
    pred = [{"doc_id": "d", "start": 0, "end": 9, "value": 75.0, "unit": "percent", "qualifier": "exact"},
            {"doc_id": "d", "start": 20, "end": 24, "value": 50.0, "unit": None, "qualifier": "exact"}]
    assert figures_report(gold, pred)["value"]["correct"] == 1


def test_predictions_of_exactly_an_unread_single_quoted_stretch_are_set_aside() -> None:
    gold = [q("d", 0, 40)]
    pred = [q("d", 0, 40), q("d", 10, 20), q("d", 50, 60)]
    unread = [{"doc_id": "d", "start": 10, "end": 20}]
    r = quotes_report(gold, pred, [], [], unread)
    assert r["set_aside_on_single_quoted_stretches"] == 1
    assert (r["direct_spec"]["exact"]["tp"], r["direct_spec"]["exact"]["fp"]) == (1, 1)  # 50-60 still counts
    # without the unread view the nested prediction is a false positive
    assert quotes_report(gold, pred, [], [])["direct_spec"]["exact"]["fp"] == 2


def test_locations_with_sources_are_also_read_with_each_sources_inferred_home(monkeypatch) -> None:
    from wirespan.evaluation.devsets.systems import HOME_SYSTEM
    from wirespan.layers.locations.gazetteer import get_gazetteer
    from wirespan.release.card_tables import external

    texts = {"a": "Crews in Knoxville cleared the roads on Monday.",
             "b": "The Chattanooga school board met on Tuesday.",
             "c": "The Paris council met on Wednesday."}
    tennessee = max((p for p in get_gazetteer().lookup("Paris") if p.kind == "city" and p.admin1 == "US-TN"),
                    key=lambda p: p.population)
    start = texts["c"].index("Paris")
    gold = [{"doc_id": "c", "start": start, "end": start + 5, "text": "Paris", "geonames_id": tennessee.geonames_id,
             "latitude": tennessee.latitude, "longitude": tennessee.longitude}]
    docs = [{"id": k, "text": t, "published": None, "source": "tn.example"} for k, t in texts.items()]
    monkeypatch.setattr(harness, "PEERS", {})
    report = harness.run_set(DevSet("tiny", "locations", "invented", "this test", lambda root: DevSetData(docs, gold)),
                             None)
    plain, home = report["systems"]["wirespan"], report["systems"][HOME_SYSTEM]
    assert plain["distance"]["accuracy_161km"] == 0.0  # read alone, Paris is the French capital
    assert home["distance"]["accuracy_161km"] == 1.0
    # leave one out: "c" gets Tennessee from "a" and "b"; each of those sees one Tennessee article and one
    # read in France (Paris, without a home), a tie, so no home
    assert home["homes"] == {"documents": 3, "sources": 1, "with_country": 1, "with_division": 1} and home["own"]
    card = external({"bench-external": {"command": "make bench-external", "date": "2026-12-02",
                                        "sets": {"tiny": report}}})
    row = next(line for line in card.splitlines() if "infer_home" in line)
    assert "(peer)" not in row and "a home inferred for 1 of 3 documents of 1 source (1 to a first-level division)" in row
    assert "within 161 km 1.000" in row
