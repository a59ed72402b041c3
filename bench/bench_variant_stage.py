"""CPU ms per article of the corpus-scale variant stage alone: clustering and the cross-document aligner.

Why: in `wirespan annotate-corpus` the variant stage (stage 2, `clusters.cluster`,
and stage 3, `stages.align_cluster` on every cluster) is timed together
with the per-article layers and the Parquet writing of the whole process
tree; a change to the aligner is seen better on its own, on the rows of a
realistic corpus.  This script annotates a corpus once (cached in
`--corpus`), then, in this one process, computes every document's
clustering signature, clusters the documents and aligns every cluster
exactly as a pool worker does (`stages.align_cluster` on the rows of its
members, in position order), and prints the CPU time (`time.process_time`)
per article of each part (median of `--repeat` passes; the first pass
also fills the process's memos, as the first clusters of a worker do).

Input (made on the first run, when `--corpus` does not exist yet): the first
`--n` articles of `bench_scale.make_input` on the `.txt` articles of
`--news` (the PolNeAR texts repeated with distinct ids and light
perturbation beyond their 924), annotated by `wirespan annotate-corpus
--workers 2` of `--src`.  The annotated rows are the input of the timed
stage only; compare two checkouts on the same `--corpus`:

    nice -n 19 .venv/bin/python bench/bench_variant_stage.py --news /work/devdata/news-polnear --n 10000 \\
        --corpus /tmp/vstage-10000 --src /work/main/src
    nice -n 19 .venv/bin/python bench/bench_variant_stage.py --corpus /tmp/vstage-10000 --src src

Not timed: the shuffle of rows to the variant shards (`stream.route`, `read_route`) and the writing of
the variant shards.  `--src` is the `src/` of a checkout (its `wirespan/data` links to the checkout's
`registry/` and `schema/`).  `--profile` prints the cProfile of one alignment pass (top functions by internal time); `--pairs` the
number of variant rows and a digest of them (equal digests: equal pairs).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(news: Path, n: int, corpus: Path, src: Path, distinct: int | None = None) -> None:
    """Annotate the first `n` articles of the bench-scale input into `corpus` (annotate-corpus, 2 workers);
    of only the first `distinct` texts of `news` when given."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_scale import make_input, news_articles

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.jsonl"
        make_input(news_articles(news)[:distinct], n, source)
        env = {**os.environ, "PYTHONPATH": str(src)}
        subprocess.run([sys.executable, "-m", "wirespan", "annotate-corpus", str(source), "--out", str(corpus),
                        "--workers", "2", "--no-progress"], env=env, check=True, stdout=subprocess.DEVNULL)


def load_rows(corpus: Path) -> list[dict]:
    """The document rows of an annotate-corpus folder, in input order (shards in order, rows in order)."""
    import pyarrow.parquet as pq

    rows: list[dict] = []
    for path in sorted((corpus / "documents").glob("*.parquet")):
        rows += pq.read_table(path).to_pylist()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="an annotate-corpus output folder (made if missing)")
    ap.add_argument("--news", type=Path, help="folder of .txt news articles, to make --corpus")
    ap.add_argument("--n", type=int, default=10000, help="articles of the corpus to make")
    ap.add_argument("--distinct", type=int,
                    help="repeat only the first DISTINCT texts (e.g. 92 with --n 1000: the copies per text, and so "
                         "the clusters, of 10,000 articles, on a tenth of them)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ folder whose wirespan is timed")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes (the median is printed)")
    ap.add_argument("--limit", type=int, help="align only the first LIMIT clusters")
    ap.add_argument("--profile", action="store_true", help="cProfile one more pass, print the top functions")
    ap.add_argument("--pairs", action="store_true", help="print the number and a digest of the variant rows")
    args = ap.parse_args()
    src = args.src.resolve()
    if not args.corpus.exists():
        if args.news is None:
            raise SystemExit(f"{args.corpus} does not exist: give --news (and --n) to make it")
        make_corpus(args.news, args.n, args.corpus, src, args.distinct)
    sys.path.insert(0, str(src))
    from wirespan.pipeline import clusters, stages

    rows = load_rows(args.corpus)
    stages.warm_up()
    start = time.process_time()
    sigs = [clusters.signature(position, row) for position, row in enumerate(rows)]
    sig_ms = (time.process_time() - start) * 1000 / len(rows)
    start = time.process_time()
    groups = clusters.cluster(sigs)
    cluster_ms = (time.process_time() - start) * 1000 / len(rows)
    groups = groups[:args.limit] if args.limit else groups
    members = [[(p, rows[p]) for p in g] for g in groups]
    articles = sum(len(m) for m in members)

    def align_all() -> list[dict]:
        out = []
        for m in members:
            result = stages.align_cluster(m)
            if "errors" in result:
                raise SystemExit(f"a cluster failed: {result['errors'][0]['reason']}")
            out += result["rows"]
        return out

    times, pairs = [], []
    for _ in range(max(1, args.repeat)):
        start = time.process_time()
        pairs = align_all()
        times.append(time.process_time() - start)
    align_ms = statistics.median(times) * 1000 / articles
    print(f"variant stage: align {align_ms:.2f} (passes {', '.join(f'{t * 1000 / articles:.2f}' for t in times)})  "
          f"cluster {cluster_ms:.2f}  [signature {sig_ms:.2f}, per-article stage] CPU ms/article; "
          f"{articles} articles, {len(groups)} clusters ({src})")
    if args.pairs:
        digest = hashlib.sha256(json.dumps(sorted(pairs, key=lambda r: r["id"]), sort_keys=True,
                                           default=str).encode()).hexdigest()[:16]
        print(f"{len(pairs)} variant rows, digest {digest}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        align_all()
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(45)
        stats.sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
