"""`wirespan evaluate`: score any system's predictions against a gold corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wirespan import api
from wirespan.commands.common import write_json
from wirespan.evaluation.predictions import duplicate_warnings, table


def add_parser(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("evaluate", help="score predictions against a gold corpus")
    e.add_argument("--gold", default="corpus", help="gold corpus folder (default: corpus)")
    e.add_argument("--pred", required=True, nargs="+",
                   help="a predictions folder, or Parquet/JSONL files of layer, document or variant rows")
    e.add_argument("--json", help="also write the full report here")
    e.add_argument("--schema", help="schema folder (default: <gold>/schema)")
    e.add_argument("--no-progress", action="store_true", help="no progress bars (they show only on a terminal)")
    e.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = api.evaluate(args.gold, [Path(p) for p in args.pred], schema_dir=args.schema,
                          progress=not args.no_progress)
    for warning in duplicate_warnings(report):
        print(f"wirespan evaluate: {warning}", file=sys.stderr)
    if args.json:
        write_json(Path(args.json), report)
    print(table(report))
    return 0
