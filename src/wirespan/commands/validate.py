"""`wirespan validate`: every check of a built corpus folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from wirespan.commands.common import SCHEMA_HELP
from wirespan.corpus.schema import Schemas
from wirespan.errors import CorpusError, CorpusIssue, SchemaError
from wirespan.release.checks import validate_corpus


def add_parser(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="check a built corpus folder (schema, SPEC rules, card, checksums)")
    v.add_argument("corpus", nargs="?", default="corpus", help="corpus folder (default: corpus)")
    v.add_argument("--schema", help=SCHEMA_HELP)
    v.add_argument("--max-errors", type=int, default=50, metavar="N",
                   help="list at most N findings (default: 50; 0 lists every one)")
    v.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise CorpusError([CorpusIssue(str(corpus), "no such corpus folder", check="corpus-missing", level=1)])
    schema_dir = Path(args.schema) if args.schema else corpus / "schema"
    try:
        schemas = Schemas(schema_dir)
    except SchemaError as exc:
        if args.schema:
            raise  # a schema folder the user named: bad usage (exit 2)
        raise CorpusError([exc.finding()]) from None  # the corpus's own copy: a bad corpus (exit 1)
    issues = validate_corpus(corpus, schemas)
    if issues:
        raise CorpusError(issues, limit=args.max_errors or None)
    print(f"{corpus}: valid")
    return 0
