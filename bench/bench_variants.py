"""Scaling benchmark of the variant aligner's candidate generation and scoring.

Why: sentence pairs grow with the square of the corpus, so the aligner must
find its candidates with indexes (MinHash LSH + a capped rare-key inverted
index).  This benchmark shows the cost per doubling on a synthetic corpus.

Generator (deterministic, seed 13): a vocabulary of 30,000 pseudo-words built
from syllables, drawn with a Zipf-like law (rank^-1.1), so a few words are
frequent and most are rare, as in news text; plus 2,000 pseudo-names and
numbers.  Each *base* sentence fills one of eight templates ("The {N} said
{num} {w} were {w} near {N} on {w}.", ...) with 8-25 words.  Documents hold
50 sentences.  Of all sentences, 60% are fresh base sentences (noise), 20%
near-duplicates of an earlier sentence (one or two words replaced or dropped,
punctuation and case changed), 10% paraphrases (same names and numbers, half
of the other words replaced, clauses swapped) and 10% pure noise (random
words, no template).

The timed step is what the aligner does per corpus: claim signatures
(``claim_signature``, from the sentences' comparison forms), candidate
generation, the corpus idf and topic names, scoring and linking (``linked`` or
``claim_link``). The planted pairs let us report how many of them the
candidate stage finds (recall of the index, not of the final linker).

Printed per size: sentences, candidate pairs, linked pairs, planted recall,
time (median of runs where feasible), peak traced memory (tracemalloc, in a
separate run so that tracing does not distort the timing), growth ratio per
doubling, and the number of all cross-document pairs for comparison.
Run: ``.venv/bin/python bench/bench_variants.py [--json reports/bench-variants.json]`` (a few minutes on 2 cores).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from wirespan.layers.variants import (
    NameMap,
    Sentence,
    anchor_names,
    candidate_pairs,
    claim_link,
    claim_signature,
    content_words,
    linked,
    merge_runs,
    normalise,
    score,
    stem_idf,
)

SIZES = (12_500, 25_000, 50_000, 100_000)
DOC_SIZE = 50
SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"] + ["ing", "er", "an", "ol", "ur"]
TEMPLATES = [
    "The {N} said {num} {w} were {w} near {N} on {w}.",
    "{N} {w} {w} the {w} of {N}, {w} {w} said.",
    "Officials in {N} {w} that {num} {w} had {w} {w} {w}.",
    "According to {N}, the {w} {w} {w} {num} {w} in {N}.",
    "“{w} {w} {w} {w},” {N} told {w}.",
    "{N} and {N} {w} {w} {w} after {num} {w} of {w}.",
    "A {w} {w} {w} {N} {w} {w} {w} {w} since {num}.",
    "In {N}, {w} {w} {w} {w} {w} the {w} {w} {w}.",
]


def vocabulary(rng: random.Random, n: int) -> list[str]:
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """Synthetic sentences with planted near-duplicates and paraphrases."""

    def __init__(self, seed: int = 13) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng, 30_000)
        self.names = [w.capitalize() for w in vocabulary(self.rng, 2_000)]
        self.weights = [1 / (r + 1) ** 1.1 for r in range(len(self.words))]
        self.cum = list(_accumulate(self.weights))

    def word(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cum, k=1)[0]

    def base(self) -> str:
        t = self.rng.choice(TEMPLATES)
        out = t
        while "{" in out:
            out = out.replace("{w}", self.word(), 1).replace("{N}", self.rng.choice(self.names), 1)
            out = out.replace("{num}", str(self.rng.randint(2, 5000)), 1)
        return out

    def near_duplicate(self, s: str) -> str:
        toks = s.split()
        for _ in range(self.rng.randint(1, 2)):
            k = self.rng.randrange(len(toks))
            if self.rng.random() < 0.5 and len(toks) > 4:
                del toks[k]
            else:
                toks[k] = self.word()
        out = " ".join(toks)
        return out.upper() if self.rng.random() < 0.05 else out.replace("“", '"').replace("”", '"')

    def paraphrase(self, s: str) -> str:
        toks = s.rstrip(".").split()
        keep = [t if (t[:1].isupper() or t.isdigit() or self.rng.random() < 0.5) else self.word() for t in toks]
        cut = len(keep) // 2
        return " ".join(keep[cut:] + keep[:cut]) + "."

    def noise(self) -> str:
        return " ".join(self.word() for _ in range(self.rng.randint(6, 20))).capitalize() + "."

    def corpus(self, n: int) -> tuple[list[Sentence], set[tuple[int, int]]]:
        texts: list[str] = []
        planted: list[tuple[int, int]] = []
        for i in range(n):
            r = self.rng.random()
            if r < 0.2 and i > DOC_SIZE:
                j = self.rng.randrange(i - (i % DOC_SIZE))  # an earlier document
                texts.append(self.near_duplicate(texts[j]))
                planted.append((j, i))
            elif r < 0.3 and i > DOC_SIZE:
                j = self.rng.randrange(i - (i % DOC_SIZE))
                texts.append(self.paraphrase(texts[j]))
                planted.append((j, i))
            elif r < 0.4:
                texts.append(self.noise())
            else:
                texts.append(self.base())
        names = NameMap()
        sentences = []
        for i, t in enumerate(texts):
            s = Sentence(i // DOC_SIZE, 0, len(t), t)
            s.tokens = normalise(t, names)
            s.content = content_words(s.tokens)
            claim_signature(s, names)
            sentences.append(s)
        return sentences, set(planted)


def _accumulate(xs):
    total = 0.0
    for x in xs:
        total += x
        yield total


def run(sentences: list[Sentence]) -> tuple[set[tuple[int, int]], int]:
    """Candidate generation + scoring + linking (scores or claim signatures) + runs: what the aligner does per corpus."""
    cands = candidate_pairs(sentences)
    idf, topic = stem_idf(sentences), anchor_names(sentences)
    links = [(i, j) for i, j in cands if linked(score(sentences[i], sentences[j]))
             or claim_link(sentences[i], sentences[j], idf, topic)]
    merge_runs(links, sentences)
    return cands, len(links)


def main() -> int:
    import argparse
    import json

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="also write the figures here (reports/bench-variants.json)")
    args = ap.parse_args()
    rows = []
    gen = Generator()
    full, planted_all = gen.corpus(max(SIZES))
    print(f"{'sentences':>10} {'all pairs':>14} {'candidates':>11} {'cand/sent':>9} {'linked':>8} "
          f"{'planted rec':>11} {'time s':>8} {'x/doubling':>10} {'peak MiB':>9} {'x/doubling':>10}")
    prev_t = prev_m = None
    for n in SIZES:
        sents = full[:n]
        planted = {(a, b) for a, b in planted_all if b < n}
        repeats = 3 if n <= 25_000 else 1
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            cands, n_linked = run(sents)
            times.append(time.perf_counter() - t0)
        t = statistics.median(times)
        tracemalloc.start()
        run(sents)
        peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()
        found = len(planted & cands) / (len(planted) or 1)
        docs = (n + DOC_SIZE - 1) // DOC_SIZE
        all_pairs = n * (n - 1) // 2 - docs * DOC_SIZE * (DOC_SIZE - 1) // 2
        gt = f"{t / prev_t:.2f}" if prev_t else "-"
        gm = f"{peak / prev_m:.2f}" if prev_m else "-"
        print(f"{n:>10,} {all_pairs:>14,} {len(cands):>11,} {len(cands) / n:>9.2f} {n_linked:>8,} "
              f"{found:>11.3f} {t:>8.2f} {gt:>10} {peak:>9.1f} {gm:>10}", flush=True)
        rows.append({"sentences": n, "all_pairs": all_pairs, "candidate_pairs": len(cands), "linked": n_linked,
                     "planted_recall": found, "seconds": t, "runs": repeats, "peak_mib": peak})
        prev_t, prev_m = t, peak
    print("A quadratic method would grow x4.00 per doubling; linear x2.00.")
    if args.json:
        from peer_report import machine
        report = {"task": "variants-scaling", "command": "python bench/bench_variants.py", "machine": machine(),
                  "measured": __import__("datetime").date.today().isoformat(), "sizes": rows}
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
