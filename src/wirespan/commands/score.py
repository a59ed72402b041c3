"""`wirespan score LAYER`: run a baseline on the raw seed texts and score it against gold."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from wirespan.commands.common import ROOT_HELP, root_of, write_json
from wirespan.evaluation.scoring import score
from wirespan.layers import registry


def add_parser(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("score", help="run a baseline on the raw seed texts and score it against gold")
    s.add_argument("layer", choices=registry.names(), help="the layer whose baseline is scored")
    s.add_argument("--root", default=".", help=ROOT_HELP)
    s.add_argument("--json", help="also write the full report here")
    s.add_argument("--full", action="store_true", help="print the full JSON report")
    s.add_argument("--no-progress", action="store_true", help="no progress bar (it shows only on a terminal)")
    s.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(Path(args.root))
    report = score(root, args.layer, progress=not args.no_progress)
    if args.json:
        write_json(Path(args.json), report)
    print(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) if args.full else report["summary"])
    return 0
