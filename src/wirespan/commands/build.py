"""`wirespan build`: seeds + gold -> the corpus folder (validated, then swapped in)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wirespan.commands.common import ROOT_HELP, add_lock_timeout, root_of
from wirespan.pipeline.build import build


def add_parser(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help="build corpus/ from seeds/, gold/ and schema/")
    b.add_argument("--root", default=".", help=ROOT_HELP)
    b.add_argument("--out", help="output folder (default: <root>/corpus)")
    add_lock_timeout(b)
    b.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(Path(args.root))
    counts = build(root, Path(args.out) if args.out else None, lock_timeout=args.lock_timeout)
    out = Path(args.out) if args.out else root / "corpus"
    print(f"built {out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0
