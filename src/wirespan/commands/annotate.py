"""`wirespan annotate`: every baseline on new texts, written as silver predictions in corpus format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wirespan.commands.common import add_lock_timeout
from wirespan.pipeline.annotate import annotate


def add_parser(sub: argparse._SubParsersAction) -> None:
    n = sub.add_parser("annotate", help="run every baseline on new texts; write silver predictions in corpus format")
    n.add_argument("input", help="a folder of .txt files or a JSONL file of {id, text[, published][, home]}")
    n.add_argument("--out", required=True, help="output folder (replaced)")
    n.add_argument("--published", help="YYYY-MM-DD: reference date for years the texts omit "
                   "(never written into a document)")
    n.add_argument("--home", metavar="CODE", help="ISO 3166 code of where the source is published, a country "
                   "(US) or first-level division (US-TN), for documents without their own; 'infer' reads it from "
                   "the articles (one source's); read by the locations baseline, never written into a document")
    n.add_argument("--language", default="en", help="language code written into every document (default: en, "
                   "the baselines' language)")
    n.add_argument("--schema", help="schema folder (default: the project's schema/, else the installed package's copy)")
    n.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_lock_timeout(n)
    n.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    counts = annotate(Path(args.input), Path(args.out), published=args.published,
                      schema_dir=Path(args.schema) if args.schema else None, language=args.language,
                      progress=not args.no_progress, lock_timeout=args.lock_timeout, home=args.home,
                      inferred=_say_inferred)
    print(f"wrote silver predictions to {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _say_inferred(home: str | None) -> None:
    """What `--home infer` found, on stderr (the run goes on either way)."""
    print(f"home inferred from the articles: {home}" if home else
          "home: none inferred (no country has a majority of the articles without a home of their own, or two tie); "
          "annotating those without one",
          file=sys.stderr)
