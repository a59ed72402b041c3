"""`wirespan annotate`: every baseline on new texts, written as silver predictions in corpus format."""

from __future__ import annotations

import argparse
from pathlib import Path

from wirespan.commands.common import add_lock_timeout
from wirespan.pipeline.annotate import annotate


def add_parser(sub: argparse._SubParsersAction) -> None:
    n = sub.add_parser("annotate", help="run every baseline on new texts; write silver predictions in corpus format")
    n.add_argument("input", help="a folder of .txt files or a JSONL file of {id, text[, published]}")
    n.add_argument("--out", required=True, help="output folder (replaced)")
    n.add_argument("--published", help="YYYY-MM-DD: reference date for years the texts omit "
                   "(never written into a document)")
    n.add_argument("--language", default="en", help="language code written into every document (default: en, "
                   "the baselines' language)")
    n.add_argument("--schema", help="schema folder (default: the project's schema/, else the installed package's copy)")
    n.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_lock_timeout(n)
    n.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    counts = annotate(Path(args.input), Path(args.out), published=args.published,
                      schema_dir=Path(args.schema) if args.schema else None, language=args.language,
                      progress=not args.no_progress, lock_timeout=args.lock_timeout)
    print(f"wrote silver predictions to {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0
