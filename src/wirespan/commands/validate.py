"""`wirespan validate`: every check of a built corpus folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from wirespan import api
from wirespan.commands.common import SCHEMA_HELP
from wirespan.errors import CorpusError


def add_parser(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="check a built corpus folder (schema, SPEC rules, card, checksums)")
    v.add_argument("corpus", nargs="?", default="corpus", help="corpus folder (default: corpus)")
    v.add_argument("--schema", help=SCHEMA_HELP)
    v.add_argument("--max-errors", type=int, default=50, metavar="N",
                   help="list at most N findings (default: 50; 0 lists every one)")
    v.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    issues = api.validate(corpus, schema_dir=args.schema)
    if issues:
        raise CorpusError(issues, limit=args.max_errors or None)
    print(f"{corpus}: valid")
    return 0
