"""`wirespan agreement LAYER`: inter-annotator agreement of the two independent annotations."""

from __future__ import annotations

import argparse
from pathlib import Path

from wirespan.commands.common import ROOT_HELP, root_of, write_json
from wirespan.evaluation.agreement import run as agreement, summary
from wirespan.layers import registry


def add_parser(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser("agreement", help="inter-annotator agreement of the two independent annotations")
    a.add_argument("layer", choices=registry.names(double_annotated=True), help="a doubly annotated layer")
    a.add_argument("--root", default=".", help=ROOT_HELP)
    a.add_argument("--json", help="also write the full report (with every disagreement) here")
    a.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(Path(args.root))
    report = agreement(root, args.layer)
    if args.json:
        write_json(Path(args.json), report)
    print(summary(report))
    return 0
