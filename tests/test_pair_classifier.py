"""The sentence-pair classifier: its decisions on sentences written for these tests, and its training."""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from wirespan.evaluation.devsets.pairmodel import chosen_threshold, cross_validate, fit, model_dict, train, veto_counts
from wirespan.evaluation.devsets.measure import best_threshold
from wirespan.layers.variants.pairclass import FEATURES, pair_features, shipped_classifier


def test_conflicting_number_is_not_the_same_statement() -> None:
    a = "The storm killed 12 people in the coastal town on Monday, officials said."
    b = "The storm killed 40 people in the coastal town on Monday, officials said."
    assert not shipped_classifier().same_statement(a, b)


def test_reworded_pair_with_same_names_and_numbers_is_the_same_statement() -> None:
    a = "Harbour officials said the ferry from Tallinn carried 312 passengers when it ran aground on Friday."
    b = "The ferry from Tallinn had 312 passengers on board when it struck rocks on Friday, harbour officials said."
    assert shipped_classifier().same_statement(a, b)


def test_unrelated_sentences_on_one_topic_are_not_the_same_statement() -> None:
    a = "The ferry from Tallinn carried 312 passengers when it ran aground on Friday."
    b = "Divers began inspecting the hull of the damaged vessel at dawn while tugs waited nearby."
    assert not shipped_classifier().same_statement(a, b)


def test_features_are_symmetric() -> None:
    a = "Mayor Ana Berg said the bridge would reopen in March after repairs."
    b = "The bridge will reopen in March, Mayor Berg told reporters."
    assert pair_features(a, b).values == pair_features(b, a).values
    assert len(pair_features(a, b).values) == len(FEATURES)


def _toy(n: int = 120) -> tuple[np.ndarray, np.ndarray]:
    """Synthetic feature rows: the label depends on the first feature plus noise (fixed seed)."""
    rng = np.random.default_rng(7)
    x = rng.random((n, len(FEATURES)))
    x[:, FEATURES.index("numbers_disjoint")] = 0.0
    y = (x[:, 0] + 0.3 * rng.random(n) > 0.6).astype(float)
    return x, y


def test_training_is_deterministic() -> None:
    x, y = _toy()
    m1, r1 = train(x, y, k=4)
    m2, r2 = train(x, y, k=4)
    assert m1 == m2
    assert model_dict(m1, r1, "toy") == model_dict(m2, r2, "toy")


def test_training_learns_the_signal_and_cv_is_out_of_fold() -> None:
    x, y = _toy()
    _mean, _scale, w, _b = fit(x, y)
    assert w[0] == max(w)  # the only informative feature gets the largest weight
    report = cross_validate(x, y, k=4)
    assert report["folds"] == 4 and len(report["thresholds"]) == 4
    assert report["tp"] + report["fn"] == int(y.sum())
    assert 0.5 < report["f1"] <= 1.0


def test_cross_validation_reports_folds_and_scores_with_or_without_the_veto() -> None:
    x, y = _toy()
    veto = FEATURES.index("numbers_disjoint")
    flagged = np.flatnonzero(y == 1)[:10]
    x[flagged, veto] = 1.0  # ten clear positives whose sides "state numbers and share none"
    with_veto = cross_validate(x, y, k=4)
    without = cross_validate(x, y, k=4, veto=False)
    assert with_veto["veto"] is True and without["veto"] is False
    assert len(with_veto["fold_f1"]) == 4
    assert with_veto["fold_f1_sd"] == pytest.approx(statistics.stdev(with_veto["fold_f1"]), abs=1e-4)
    counts = veto_counts(x, y)
    assert counts == {"fires": 10, "fires_on_linked": 10, "pairs": len(y)}
    x[np.flatnonzero(y == 0)[:3], veto] = 1.0  # three unlinked pairs flagged too
    assert veto_counts(x, y) == {"fires": 13, "fires_on_linked": 10, "pairs": len(y)}
    # the veto turns every flagged pair into a miss; without it the model's probabilities decide
    assert with_veto["fn"] >= 10
    assert without["tp"] > with_veto["tp"]


def test_threshold_sweep_agrees_with_the_measure_module() -> None:
    rng = np.random.default_rng(3)
    probs = np.round(rng.random(60), 2)
    y = (probs + 0.4 * rng.random(60) > 0.7).astype(float)
    assert chosen_threshold(y, probs) == best_threshold([bool(v) for v in y], [float(p) for p in probs])[0]


def test_harness_scores_the_classifier_out_of_fold_beside_the_aligner_rule() -> None:
    from wirespan.evaluation.devsets.base import DevSetData
    from wirespan.evaluation.devsets.harness import run_pairs

    same = [("The council approved a new budget of 4 million euros on Tuesday.",
             "On Tuesday the council passed a new 4 million euro budget."),
            ("Rescuers pulled two climbers from the glacier after a night in the cold.",
             "Two climbers were rescued from the glacier after spending the night in the cold."),
            ("The museum will close for renovation in the spring, its director said.",
             "Its director said the museum would close in the spring for renovation.")]
    different = [("The council approved a new budget of 4 million euros on Tuesday.",
                  "The council rejected a plan to sell the old harbour warehouses."),
                 ("Rescuers pulled two climbers from the glacier after a night in the cold.",
                  "Avalanche warnings stayed in force across the northern valleys."),
                 ("The museum will close for renovation in the spring, its director said.",
                  "The museum's director said visitor numbers doubled last year.")]
    docs, gold = [], []
    for k, ((a, b), label) in enumerate([(p, True) for p in same * 3] + [(p, False) for p in different * 3]):
        docs += [{"id": f"a{k}", "text": a, "published": None}, {"id": f"b{k}", "text": b, "published": None}]
        gold.append({"id": f"a{k}-b{k}", "a": f"a{k}", "b": f"b{k}", "paraphrase": label})
    report = run_pairs(DevSetData(docs, gold))
    cv = report["classifier_cv"]
    assert cv["folds"] == 10 and cv["tp"] + cv["fn"] == 9 and cv["tp"] + cv["fp"] <= 18
    assert "training fit" in report["classifier_training_fit"]["note"]
    assert report["classifier_cv_without_veto"]["veto"] is False and cv["veto"] is True
    assert report["all_positive"]["recall"] == 1.0 and "aligner" in report


def test_card_and_console_rows_show_both_cross_validations_and_the_veto_counts() -> None:
    from wirespan.evaluation.devsets.table import table
    from wirespan.release.card_tables import pair_rows

    def scores(p: float, r: float, f: float, acc: float, sd: float) -> dict:
        return {"precision": p, "recall": r, "f1": f, "accuracy": acc, "fold_f1_sd": sd, "folds": 10}

    p = {"classifier_cv": scores(0.7, 0.9, 0.79, 0.7, 0.011), "classifier_cv_without_veto": scores(0.6, 0.95, 0.74, 0.6, 0.02),
         "veto": {"fires": 12, "fires_on_linked": 5, "pairs": 1234},
         **{k: {"precision": 0.5, "recall": 1.0, "f1": 0.667, "accuracy": 0.5} for k in ("aligner", "all_positive")},
         "token_overlap": {"precision": 0.5, "recall": 1.0, "f1": 0.667, "accuracy": 0.5, "threshold": 0.25}}
    rows = pair_rows("| pairs |", p, None)
    bare = [r for r in rows if "without its number veto" in r]
    assert len(bare) == 1 and "0.740" in bare[0] and "(with the veto 0.011)" in bare[0]
    assert "the veto fires on 12 of the 1,234 pairs, 5 of them linked by the set's annotators" in bare[0]
    text = table({"command": "bench", "date": "2026-01-01", "sets": {"pairs": {
        "layer": "variants", "size": {"documents": 2, "gold": 1234}, "licence": "x", "passage_pairs": p}}})
    assert "pair classifier without its number veto: P 0.600 R 0.950 F1 0.740" in text


def test_the_card_shows_a_crossencoder_report_only_on_its_own_set() -> None:
    from wirespan.release.card_tables import external

    def scores(f: float) -> dict:
        return {"precision": 0.7, "recall": 0.9, "f1": f, "accuracy": 0.75, "fold_f1_sd": 0.02}

    pairs = {**{k: {"precision": 0.5, "recall": 1.0, "f1": 0.667, "accuracy": 0.5}
                for k in ("aligner", "all_positive", "token_overlap")}}
    bench = {"command": "bench", "date": "2026-01-01", "sets": {
        name: {"layer": "variants", "size": {"documents": 2, "gold": 1}, "licence": "x", "passage_pairs": pairs}
        for name in ("set-a", "set-b")}}
    ce = {"set": {"name": "set-b"}, "protocol": {"folds": 5, "held_out_share": 0.1}, "command": "make ce",
          "torch": "9.9", "date": "2026-02-02", "settings": {"epochs": 1, "max_len": 64, "freeze_embeddings": True},
          "results": {"crossencoder": scores(0.812), "word_cv": scores(0.801), "stacked": scores(0.823),
                      "stacked_veto": scores(0.818), "blend": scores(0.829), "blend_veto": scores(0.826)}}
    without = external({"bench-external": bench})
    assert "cross-encoder" not in without
    text = external({"bench-external": bench, "bench-pair-crossencoder": ce})
    rows = [line for line in text.splitlines() if "cross-encoder" in line]
    assert len(rows) == 1 and rows[0].startswith("| set-b |")
    assert "all-MiniLM-L6-v2 (1 epoch, max_len 64, frozen embeddings)" in rows[0]
    assert "0.700 / 0.900 / 0.812" in rows[0] and "held-out 10%" in rows[0] and "5-fold" in rows[0]
    assert "stacked with the 23 word features F1 0.823 (0.818 with the number veto)" in rows[0]
    assert "blended F1 0.829 (0.826 with the veto)" in rows[0]
    assert "same folds 0.801" in rows[0] and "`make ce`, torch 9.9, 2026-02-02" in rows[0]
    assert len(text.splitlines()) == len(without.splitlines()) + 1


def test_cross_validation_takes_another_learner_and_features_learned_on_training_rows_only() -> None:
    from wirespan.evaluation.devsets.pairmodel import folds_of, logistic

    x, y = _toy()
    plain = cross_validate(x, y, k=4)
    assert cross_validate(x, y, k=4, learn=logistic()) == plain
    seen = []

    def extra(train: np.ndarray) -> np.ndarray:
        seen.append(set(train.tolist()))
        return np.zeros((len(y), 1))  # an uninformative learned column changes nothing

    assert cross_validate(x, y, k=4, extra=extra)["f1"] == plain["f1"]
    tests = [set(f.tolist()) for f in folds_of(len(y), 4)]
    assert len(seen) == 4 and all(not (s & t) and len(s | t) == len(y) for s, t in zip(seen, tests))
    # a learner that ignores the features calls every pair a paraphrase: recall 1
    always = cross_validate(x, y, k=4, veto=False, learn=lambda xs, ys: (lambda rows: np.ones(len(rows))))
    assert always["recall"] == 1.0 and always["fp"] == int((y == 0).sum())
