"""`wirespan layers`: the names of the registered layers (what the Makefile loops over)."""

from __future__ import annotations

import argparse

from wirespan.layers import registry


def add_parser(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("layers", help="list the registered annotation layers, one per line")
    s.add_argument("--double-annotated", action="store_true",
                   help="only the layers with two independent annotations (what `agreement` takes)")
    s.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("\n".join(registry.names(double_annotated=True if args.double_annotated else None)))
    return 0
