"""Scaling benchmark of span scoring (`wirespan.evaluation.metrics.score_layer`, what `evaluate` and `score` run).

Why: `overlap_pairs` used to compare every gold span with every predicted
span of a document (O(gold × predictions)); it now sweeps the spans sorted by
start and visits only pairs that overlap. This prints what that buys when the
number of predicted spans grows 10× at a time.

Generator (deterministic, seed 14): documents of 200,000 characters with
10,000 gold spans each (start uniform, length 1-30, attribute `kind` one of
four values) and 10,000 predicted spans each: 60 % a gold span shifted by
-2..2 characters at either end, 20 % a gold span copied exactly, 20 % random
spans. 10k, 100k and 1M predicted spans are 1, 10 and 100 such documents, so
the work per document stays what a long document gives and the corpus grows.
(For comparison, the old quadratic matching is timed on one document only,
the largest size it finishes in reasonable time.)

Printed per size: predicted spans, candidate pairs, time (median of runs
where feasible), peak traced memory (tracemalloc, in a separate run so that
tracing does not distort the timing), and the ratio of time and memory per
10× (linear is 10.0).
Run: ``.venv/bin/python bench/bench_evaluate.py [--sizes 10000 100000 1000000] [--json FILE]`` (a few minutes).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import time
import tracemalloc
from datetime import date

from wirespan.evaluation.metrics import overlap_candidates, score_layer

PER_DOC = 10_000
DOC_CHARS = 200_000
KINDS = ("count", "money", "date", "percent")


def synthetic(n_pred: int, seed: int = 14) -> tuple[list[dict], list[dict]]:
    """Gold and predicted spans: n_pred // PER_DOC documents of PER_DOC spans on each side."""
    rng = random.Random(seed)
    gold, pred = [], []
    for d in range(max(1, n_pred // PER_DOC)):
        doc_id = f"{d:016x}"
        doc_gold = []
        for _ in range(PER_DOC):
            start = rng.randrange(DOC_CHARS - 40)
            doc_gold.append({"doc_id": doc_id, "start": start, "end": start + rng.randint(1, 30),
                             "kind": rng.choice(KINDS)})
        for _ in range(PER_DOC):
            r = rng.random()
            g = rng.choice(doc_gold)
            if r < 0.6:
                start = max(0, g["start"] + rng.randint(-2, 2))
                end = max(start + 1, g["end"] + rng.randint(-2, 2))
            elif r < 0.8:
                start, end = g["start"], g["end"]
            else:
                start = rng.randrange(DOC_CHARS - 40)
                end = start + rng.randint(1, 30)
            pred.append({"doc_id": doc_id, "start": start, "end": end, "kind": rng.choice(KINDS)})
        gold += doc_gold
    return gold, pred


def quadratic_seconds(gold: list[dict], pred: list[dict]) -> float:
    """Time of the old all-pairs candidate loop on one document (the part the sweep replaced)."""
    t0 = time.perf_counter()
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                candidates.append((-int(g["start"] == p["start"] and g["end"] == p["end"]), -overlap, gi, pi))
    candidates.sort()
    return time.perf_counter() - t0


def measure(n_pred: int, runs: int) -> dict:
    gold, pred = synthetic(n_pred)
    candidates = sum(len(overlap_candidates([g for g in gold if g["doc_id"] == d], [p for p in pred if p["doc_id"] == d]))
                     for d in sorted({g["doc_id"] for g in gold})) if n_pred <= 100_000 else None
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        report = score_layer(gold, pred, ("kind",))
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    score_layer(gold, pred, ("kind",))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"predicted": len(pred), "gold": len(gold), "candidate_pairs": candidates,
            "seconds": statistics.median(times), "runs": runs, "peak_mib": peak / 2 ** 20,
            "overlap_f1": report["overlap"]["f1"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    rows = []
    print(f"{'predicted':>10s} {'candidates':>11s} {'time (s)':>9s} {'× per 10×':>9s} {'peak MiB':>9s} "
          f"{'× per 10×':>9s} {'overlap F1':>10s}")
    for n in args.sizes:
        row = measure(n, runs=5 if n <= 10_000 else 3 if n <= 100_000 else 1)
        prev = rows[-1] if rows else None
        growth = (f"{row['seconds'] / prev['seconds'] * 10 / (row['predicted'] / prev['predicted']):9.2f}"
                  if prev else f"{'—':>9s}")
        mem = (f"{row['peak_mib'] / prev['peak_mib'] * 10 / (row['predicted'] / prev['predicted']):9.2f}"
               if prev else f"{'—':>9s}")
        cands = f"{row['candidate_pairs']:11,d}" if row["candidate_pairs"] is not None else f"{'—':>11s}"
        print(f"{row['predicted']:10,d} {cands} {row['seconds']:9.2f} {growth} {row['peak_mib']:9.1f} {mem} "
              f"{row['overlap_f1']:10.3f}", flush=True)
        rows.append(row)
    gold, pred = synthetic(PER_DOC)
    old = quadratic_seconds(gold, pred)
    print(f"old all-pairs candidate loop on one document of {PER_DOC:,} gold × {PER_DOC:,} predicted spans: "
          f"{old:.1f} s (the sweep scores the whole document in {rows[0]['seconds']:.2f} s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"command": "python bench/bench_evaluate.py", "measured": date.today().isoformat(),
                       "machine": f"{platform.machine()}, {platform.python_implementation()} "
                                  f"{platform.python_version()}", "sizes": rows, "quadratic_one_doc_seconds": old},
                      f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
