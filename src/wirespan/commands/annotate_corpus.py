"""`wirespan annotate-corpus`: sharded, resumable silver annotation of a large corpus (local pool or Ray)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wirespan.pipeline.stream import LocalEngine, Options, annotate_corpus


def add_parser(sub: argparse._SubParsersAction) -> None:
    ac = sub.add_parser("annotate-corpus", help="annotate a large corpus into a sharded, resumable silver dataset")
    ac.add_argument("input", help="a folder of .txt, .jsonl or .parquet files, a .jsonl or .parquet file, "
                    "or a Hugging Face dataset saved with save_to_disk")
    ac.add_argument("--out", required=True, help="output dataset folder (a rerun resumes it)")
    ac.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: CPUs)")
    ac.add_argument("--engine", choices=["local", "ray"], default="local", help="local process pool or Ray Data")
    ac.add_argument("--address", help="Ray cluster address (default: start Ray in this process)")
    ac.add_argument("--shard-size", type=int, default=1000, help="documents per Parquet shard (default 1000)")
    ac.add_argument("--max-failures", type=int, default=100,
                    help="articles that may fail (listed in errors.jsonl) before the run stops (default 100)")
    ac.add_argument("--published", help="YYYY-MM-DD: reference date for years the texts omit")
    ac.add_argument("--home", metavar="CODE", help="ISO 3166 code of where the source is published, a country "
                    "(US) or first-level division (US-TN), for documents without their own (never written)")
    ac.add_argument("--language", default="en", help="language code written into every document (default: en)")
    ac.add_argument("--schema", help="schema folder (default: the installed package's copy of schema/)")
    ac.add_argument("--no-progress", action="store_true", help="no progress bar")
    ac.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.engine == "ray":
        from wirespan.pipeline.rayengine import RayEngine  # Ray is an optional extra: imported only when asked for

        engine = RayEngine(address=args.address, workers=args.workers)
    else:
        engine = LocalEngine(args.workers)
    opts = Options(shard_size=args.shard_size, max_failures=args.max_failures, published=args.published,
                   home=args.home, language=args.language, schema_dir=Path(args.schema) if args.schema else None,
                   progress=not args.no_progress)
    summary = annotate_corpus(Path(args.input), Path(args.out), engine, opts)
    print(f"wrote silver dataset to {args.out}: " + ", ".join(f"{k} {v}" for k, v in summary["counts"].items())
          + f"; {summary['clusters']} clusters (largest {summary['largest_cluster']}), "
          f"{summary['errors']} failed article(s), {summary['repeats']} identical repeat(s) left out")
    return 0
