"""`wirespan verify`: check a downloaded copy against its `checksums.json`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from wirespan import api
from wirespan.errors import CorpusError


def add_parser(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("verify", help="check a corpus copy against its checksums.json")
    c.add_argument("corpus", nargs="?", default="corpus", help="corpus folder (default: corpus)")
    c.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    issues = api.verify(corpus)
    if issues:
        raise CorpusError(issues)
    version = json.loads((corpus / "checksums.json").read_text(encoding="utf-8")).get("version", "?")
    print(f"{corpus}: every file matches checksums.json (version {version})")
    return 0
