"""Command line: `wirespan build`, `validate`, `score`, `agreement`, `annotate`, `annotate-corpus`, `evaluate`, `verify`, `publish`, `view`, `layers`.

Each command is one module of this package (argument parsing and exit codes
only) over the functions of the packages below. Errors in the data end a
command with exit status 1 and one line per finding (check id, file,
document, layer, record, offset) — never a traceback. Unusable input or
predictions, and refused requests, end it with exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from wirespan.commands import (agreement, annotate, annotate_corpus, build, evaluate, layers, publish, score,
                               validate, verify, view)
from wirespan.errors import WirespanError

#: The command modules, in the order `--help` lists them.
COMMANDS = (build, validate, score, agreement, annotate, annotate_corpus, evaluate, verify, publish, view, layers)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wirespan", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except WirespanError as exc:
        print(f"wirespan {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
