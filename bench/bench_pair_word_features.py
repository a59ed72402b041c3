"""Experiment: do more word-level features lift the pair classifier on MSRP train (issue 13)?

Why: the shipped classifier (23 features of the aligner's comparison forms,
logistic regression) reaches nested-CV F1 0.831 with its number veto and
0.837 without, short of the target (all-positive F1 0.806 + 0.05 = 0.856).
This adds the feature families the paraphrase literature reports, all
computed without any table learned from MSRP unless said, and scores each
with the same nested cross-validation as the shipped model (10 folds, seed
13, each fold's threshold chosen on the other folds only; no setting is
chosen on out-of-fold results):

- ``hand``: 28 features after Madnani et al. 2012 and Wan et al. 2006:
  BLEU-style n-gram precisions (n = 1..4, both directions as min/max, and
  their geometric means), word edit distance and longest common subsequence
  (rapidfuzz), sentence lengths, character 2/4/5-gram Jaccard, unmatched
  content words, names and numbers per side, a word-length-weighted overlap
  (a table-free stand-in for IDF), stopword overlap, a quotation mismatch;
- ``hand+curves``: the same with squares and square roots of every feature
  (a cheap non-linearity for the linear model);
- ``tf-kld`` (``--latent``, about 10 CPU minutes): Ji & Eisenstein 2013's
  discriminative word weights (KL divergence of a word's "kept on the other
  side" rate in paraphrase and non-paraphrase pairs), learned inside each
  training fold and cross-fitted on the training pairs, then a truncated SVD
  (k = 100) of the weighted sentence-term matrix of the training sentences:
  the latent cosine and weighted overlaps as features.

With ``--gbm`` (needs scikit-learn, which the project does not install),
the shipped and ``hand`` features also go to a gradient-boosted tree model
(fixed settings, not tuned) under the same nested cross-validation: does a
non-linear model find more in the same evidence?

Each row is printed with and without the number veto, with the per-fold F1
spread and a paired comparison against the shipped features under the same
veto setting (mean fold gain, its standard error, folds won).  Only MSRP
*train* is read; MSRP test stays blind.  Nothing here is shipped.

Run: ``.venv/bin/python bench/bench_pair_word_features.py --data $WIRESPAN_DEVDATA [--latent] [--gbm]``
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from rapidfuzz.distance import LCSseq, Levenshtein
from scipy.sparse.linalg import svds

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devargs import msrp_train, parser  # noqa: E402

from wirespan.evaluation.devsets.pairmodel import FOLDS, SEED, cross_validate, folds_of, matrix  # noqa: E402
from wirespan.evaluation.devsets.systems import pair_features  # noqa: E402
from wirespan.layers.variants.normalise import STOPWORDS, NameMap, normalise, stem  # noqa: E402
from wirespan.layers.variants.pairclass import names_of, numbers_of  # noqa: E402

NAMES = NameMap()


def precision(a: Counter, b: Counter) -> float:
    """Share of a's n-grams (with counts) that b has."""
    total = sum(a.values())
    return sum((a & b).values()) / total if total else 0.0


def grams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def chars(s: str, n: int) -> set[str]:
    return {s[i:i + n] for i in range(len(s) - n + 1)}


def share_pair(x: float, y: float) -> list[float]:
    """A symmetric view of two directed values: (min, max)."""
    return sorted((x, y))


def hand_features(a: str, b: str) -> list[float]:
    """The 28 ``hand`` features of one pair (symmetric in a and b)."""
    ta, tb = normalise(a, NAMES), normalise(b, NAMES)
    sa, sb = [stem(w) for w in ta], [stem(w) for w in tb]
    out: list[float] = []
    logs = ([], [])
    for n in (1, 2, 3, 4):
        ga, gb = grams(sa, n), grams(sb, n)
        pa, pb = precision(ga, gb), precision(gb, ga)
        out += share_pair(pa, pb)
        logs[0].append(math.log(pa + 0.1))
        logs[1].append(math.log(pb + 0.1))
    out += share_pair(sum(logs[0]) / 4, sum(logs[1]) / 4)
    lcs = LCSseq.similarity(sa, sb)
    out += [Levenshtein.normalized_distance(sa, sb), lcs / (min(len(sa), len(sb)) or 1),
            lcs / (max(len(sa), len(sb)) or 1)]
    short, long_ = sorted((len(ta), len(tb)))
    out += [math.log1p(short), math.log1p(long_), short / (long_ or 1)]
    ja, jb = " ".join(ta), " ".join(tb)
    for n in (2, 4, 5):
        ca, cb = chars(ja, n), chars(jb, n)
        out.append(len(ca & cb) / (len(ca | cb) or 1))
    wa = {w for w in sa if w not in STOPWORDS and not w.isdigit()}
    wb = {w for w in sb if w not in STOPWORDS and not w.isdigit()}
    out += share_pair(len(wa - wb) / (len(wa) or 1), len(wb - wa) / (len(wb) or 1))
    ma, mb, na, nb = names_of(a), names_of(b), numbers_of(ta), numbers_of(tb)
    out += [math.log1p(len(ma - mb)) + math.log1p(len(mb - ma)), math.log1p(len(na - nb)) + math.log1p(len(nb - na)),
            math.log1p(len(na & nb))]
    la, lb, li = (sum(len(w) for w in s) for s in (wa, wb, wa & wb))
    out += share_pair(li / (la or 1), li / (lb or 1))
    qa, qb = ({w for w in t if w in STOPWORDS} for t in (ta, tb))
    out += [len(qa & qb) / (len(qa | qb) or 1), float(('"' in a) != ('"' in b))]
    return out


class TfKld:
    """Sentence-term matrices of the pairs, and TF-KLD + SVD features learned from a set of training pairs."""

    def __init__(self, pairs: list[tuple[str, str]], y: np.ndarray, k: int = 100) -> None:
        ta = [Counter(stem(w) for w in normalise(a, NAMES)) for a, _ in pairs]
        tb = [Counter(stem(w) for w in normalise(b, NAMES)) for _, b in pairs]
        vocab = {w: i for i, w in enumerate(sorted({w for c in ta + tb for w in c}))}
        self.a, self.b = (self._matrix(c, vocab) for c in (ta, tb))
        self.a01, self.b01 = (self.a > 0).astype(float), (self.b > 0).astype(float)
        self.y, self.k = y, k

    @staticmethod
    def _matrix(counts: list[Counter], vocab: dict[str, int]) -> sp.csr_matrix:
        rows = [(i, vocab[w], n) for i, c in enumerate(counts) for w, n in c.items()]
        r, c, v = zip(*rows)
        return sp.csr_matrix((v, (r, c)), shape=(len(counts), len(vocab)), dtype=float)

    def weights(self, train: np.ndarray) -> np.ndarray:
        """KL divergence between a word's kept-on-the-other-side rates in positive and negative training pairs."""
        rates = []
        for label in (1, 0):
            idx = train[self.y[train] == label]
            a, b = self.a01[idx], self.b01[idx]
            kept = np.asarray(a.multiply(b).sum(0)).ravel() * 2
            seen = np.asarray(a.sum(0)).ravel() + np.asarray(b.sum(0)).ravel()
            rates.append(np.clip((kept + 0.05) / (seen + 0.1), 1e-4, 1 - 1e-4))
        p, q = rates
        return p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))

    def features(self, train: np.ndarray) -> np.ndarray:
        """Latent cosine and weighted overlaps of every pair, from weights and SVD fitted on ``train`` only."""
        w = sp.diags(self.weights(train))
        m = sp.vstack([self.a[train], self.b[train]]) @ w
        _u, _s, vt = svds(m.tocsc(), k=self.k, v0=np.full(min(m.shape), 1 / math.sqrt(min(m.shape))))
        va, vb = (self.a @ w) @ vt.T, (self.b @ w) @ vt.T
        cos = np.sum(va * vb, 1) / (np.linalg.norm(va, axis=1) * np.linalg.norm(vb, axis=1) + 1e-9)
        shared = np.asarray(self.a01.multiply(self.b01) @ w.diagonal()).ravel()
        wa, wb = (np.asarray((m01 @ w).sum(1)).ravel() for m01 in (self.a01, self.b01))
        return np.column_stack([cos, shared / np.maximum(np.minimum(wa, wb), 1e-9),
                                shared / np.maximum(np.maximum(wa, wb), 1e-9),
                                np.log1p(np.abs(wa - shared)) + np.log1p(np.abs(wb - shared))])

    def cross_fitted(self, train: np.ndarray) -> np.ndarray:
        """Features fitted on ``train``; the training rows' own values cross-fitted (from the other inner folds)."""
        out = self.features(train)
        for part in folds_of(len(train), FOLDS - 1, SEED):
            rest = np.setdiff1d(np.arange(len(train)), part)
            out[train[part]] = self.features(train[rest])[train[part]]
        return out


def gbm_learner(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """A gradient-boosted tree model (fixed settings, not tuned) as ``pairmodel.cross_validate``'s learner."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=150, max_leaf_nodes=15, min_samples_leaf=30,
                                           l2_regularization=1.0, early_stopping=False, random_state=0).fit(x, y)
    return lambda rows: model.predict_proba(rows)[:, 1]


def row(name: str, r: dict, base: dict) -> str:
    gain = np.array(r["fold_f1"]) - np.array(base["fold_f1"])
    return (f"{name:24s} F1 {r['f1']:.4f} acc {r['accuracy']:.4f} fold sd {r['fold_f1_sd']:.4f}   "
            f"vs shipped features: {gain.mean():+.4f} (se {gain.std(ddof=1) / math.sqrt(len(gain)):.4f}, "
            f"{int((gain > 0).sum())}/{len(gain)} folds)")


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--latent", action="store_true", help="also the TF-KLD + SVD features (about 10 CPU minutes)")
    ap.add_argument("--gbm", action="store_true", help="also a gradient-boosted tree model (needs scikit-learn)")
    ap.add_argument("--only-extra", action="store_true", help="skip the logistic rows with the added word features")
    args = ap.parse_args(argv)
    msrp = msrp_train(args.data, "bench_pair_word_features")
    if msrp is None:
        return 2
    pairs = msrp.pairs()
    y = matrix(msrp.labels())
    x = matrix([pair_features(a, b).values for a, b in pairs])
    hand = matrix([hand_features(a, b) for a, b in pairs])
    curves = np.hstack([x, hand, np.hstack([x, hand]) ** 2, np.sqrt(np.abs(np.hstack([x, hand])))])
    print(f"MSRP train: {len(y)} pairs, {int(y.sum())} positive; all-positive F1 {2 * y.mean() / (1 + y.mean()):.4f}")
    for veto in (True, False):
        print(f"-- {'with' if veto else 'without'} the number veto ({FOLDS}-fold nested CV, seed {SEED})")
        base = cross_validate(x, y, veto=veto)
        print(row("shipped 23 features", base, base))
        if not args.only_extra:
            print(row("+ hand (28)", cross_validate(np.hstack([x, hand]), y, veto=veto), base))
            print(row("+ hand + curves", cross_validate(curves, y, veto=veto, l2=3.0), base))
        if args.gbm:
            print(row("trees: shipped features", cross_validate(x, y, veto=veto, learn=gbm_learner), base))
            print(row("trees: + hand (28)", cross_validate(np.hstack([x, hand]), y, veto=veto, learn=gbm_learner),
                      base), flush=True)
        if args.latent:
            tfkld = TfKld(pairs, y)
            print(row("+ tf-kld latent", cross_validate(x, y, veto=veto, extra=tfkld.cross_fitted), base), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
