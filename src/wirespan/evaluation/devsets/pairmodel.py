"""Training the sentence-pair classifier on development pairs, with cross-validated figures.

Why cross-validation: a model scored on the pairs it was fitted on says
little about unseen pairs.  The pairs are split into ``folds`` parts by a
fixed-seed shuffle; each part is predicted by a model trained on the others
(out-of-fold predictions), and the decision threshold used on a part is
chosen on the training parts only (by an inner cross-validation), so that
the reported F1 never saw the pairs it scores.  The shipped model is then
trained on all pairs, with the threshold that maximises the F1 of the
out-of-fold probabilities.  Training is deterministic: Newton steps on an
L2-penalised log-likelihood from zero weights, no random initialisation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from wirespan.evaluation.devsets.measure import pair_f1
from wirespan.layers.variants.pairclass import FEATURES, VETO, PairClassifier

SEED = 13
FOLDS = 10
L2 = 1.0
STEPS = 50

#: A learner: fitted on training rows (x, y), it gives a function from feature rows to probabilities
#: (before the veto). The shipped model's is ``logistic``; a benchmark may pass another model.
Learner = Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]]


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Standardisation (mean, scale) and logistic-regression weights and bias by Newton's method."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0  # the bias is not penalised
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return mean, scale, w[1:], float(w[0])


def predict(model: tuple[np.ndarray, np.ndarray, np.ndarray, float], x: np.ndarray, veto: bool = True) -> np.ndarray:
    """Decision scores of a fitted model: probabilities, 0 where the veto feature is set (``PairClassifier.score``).

    ``veto=False`` scores the bare probabilities, so that the benchmark can say what the number veto costs
    on a set whose annotators link pairs with differing figures.
    """
    mean, scale, w, b = model
    return vetoed(1 / (1 + np.exp(-(((x - mean) / scale) @ w + b))), x, veto)


def vetoed(probs: np.ndarray, x: np.ndarray, veto: bool = True) -> np.ndarray:
    """``probs`` with 0 where the rows' veto feature is set (when ``veto``): the one place the veto applies."""
    return np.where(x[:, VETO] > 0, 0.0, probs) if veto else probs


def logistic(l2: float = L2) -> Learner:
    """The shipped model's learner: ``fit`` with penalty ``l2``, probabilities before the veto."""
    def learn(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        model = fit(x, y, l2)
        return lambda rows: predict(model, rows, veto=False)
    return learn


def folds_of(n: int, k: int, seed: int = SEED) -> list[np.ndarray]:
    """Indices of ``k`` folds of a fixed-seed shuffle of ``range(n)``."""
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(order[i::k]) for i in range(k)]


def out_of_fold(x: np.ndarray, y: np.ndarray, k: int, seed: int = SEED, veto: bool = True,
                l2: float = L2, learn: Learner | None = None) -> np.ndarray:
    """Out-of-fold probabilities: each fold predicted by a model trained on the other folds."""
    learn = learn or logistic(l2)
    probs = np.zeros(len(y))
    for test in folds_of(len(y), k, seed):
        train = np.setdiff1d(np.arange(len(y)), test)
        probs[test] = vetoed(learn(x[train], y[train])(x[test]), x[test], veto)
    return probs


def chosen_threshold(y: np.ndarray, probs: np.ndarray) -> float:
    """The probability threshold (>=) with the best F1 on these pairs (ties: the lowest threshold).

    The same choice as ``measure.best_threshold``, in one sorted sweep.
    """
    values = np.unique(probs)  # ascending candidate thresholds
    order = np.sort(probs)
    pos = np.sort(probs[y == 1])
    predicted = len(probs) - np.searchsorted(order, values, side="left")
    tp = len(pos) - np.searchsorted(pos, values, side="left")
    f1 = 2 * tp / (predicted + len(pos))
    return float(values[int(np.argmax(f1))])


def cross_validate(x: np.ndarray, y: np.ndarray, k: int = FOLDS, seed: int = SEED, veto: bool = True,
                   l2: float = L2, learn: Learner | None = None,
                   extra: Callable[[np.ndarray], np.ndarray] | None = None) -> dict[str, Any]:
    """Nested cross-validation: out-of-fold decisions with thresholds chosen on the training folds only.

    Besides the pooled scores, each fold's F1 and their spread (the sample
    standard deviation): a change of a few thousandths in the pooled F1 is
    within the folds' noise unless it holds fold by fold. ``learn`` replaces
    the logistic model (``logistic(l2)``); ``extra(train)`` gives features of
    every row learned from the outer training rows only (word weights, say),
    appended to ``x`` for that fold's inner and outer fits.
    """
    learn = learn or logistic(l2)
    decisions = np.zeros(len(y), dtype=bool)
    thresholds, fold_f1 = [], []
    for test in folds_of(len(y), k, seed):
        train = np.setdiff1d(np.arange(len(y)), test)
        xx = np.hstack([x, extra(train)]) if extra is not None else x
        t = chosen_threshold(y[train], out_of_fold(xx[train], y[train], k - 1, seed, veto, learn=learn))
        thresholds.append(t)
        decisions[test] = vetoed(learn(xx[train], y[train])(xx[test]), xx[test], veto) >= t
        fold_f1.append(pair_f1([bool(v) for v in y[test]], [bool(d) for d in decisions[test]])["f1"])
    return {**pair_f1([bool(v) for v in y], [bool(d) for d in decisions]), "folds": k, "seed": seed, "veto": veto,
            "thresholds": [round(t, 4) for t in thresholds], "fold_f1": [round(f, 4) for f in fold_f1],
            "fold_f1_sd": round(float(np.std(fold_f1, ddof=1)), 4)}  # sample sd, as the bench's standard errors


def train(x: np.ndarray, y: np.ndarray, k: int = FOLDS, seed: int = SEED) -> tuple[PairClassifier, dict[str, Any]]:
    """The shipped classifier (all pairs; threshold from out-of-fold probabilities) and its CV report."""
    report = cross_validate(x, y, k, seed)
    threshold = chosen_threshold(y, out_of_fold(x, y, k, seed))
    mean, scale, w, b = fit(x, y)
    model = PairClassifier(FEATURES, *(tuple(round(float(v), 6) for v in arr) for arr in (mean, scale, w)),
                           round(b, 6), round(threshold, 6))
    return model, report


def model_dict(model: PairClassifier, report: dict[str, Any], source: str) -> dict[str, Any]:
    """The JSON form of a trained classifier, with where it was trained and its cross-validated F1."""
    return {"features": list(model.features), "mean": list(model.mean), "scale": list(model.scale),
            "weights": list(model.weights), "bias": model.bias, "threshold": model.threshold,
            "trained_on": source, "cross_validation": {k: report[k] for k in ("f1", "precision", "recall",
                                                                            "accuracy", "folds", "seed")}}


def matrix(rows: Sequence[Sequence[float]]) -> np.ndarray:
    """Feature rows as a float matrix."""
    return np.asarray(rows, dtype=float)


def veto_counts(x: np.ndarray, y: np.ndarray) -> dict[str, int]:
    """How often the number veto fires on a set, and on how many of its linked pairs (for the card)."""
    fires = x[:, VETO] > 0
    return {"fires": int(fires.sum()), "fires_on_linked": int((fires & (y > 0)).sum()), "pairs": int(len(y))}

