"""`wirespan publish`: verify, validate, upload the corpus to the Hugging Face Hub and tag the release."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wirespan.commands.common import SCHEMA_HELP, add_lock_timeout
from wirespan.corpus.layout import output_lock
from wirespan.errors import WirespanError
from wirespan.release.publish import check, plan, upload


def add_parser(sub: argparse._SubParsersAction) -> None:
    u = sub.add_parser("publish", help="verify, validate, upload the corpus to the Hugging Face Hub and tag it")
    u.add_argument("--repo-id", required=True, help="ORG/NAME of the dataset repository")
    u.add_argument("--tag", help="release tag (default: v + the package version; must be v + the corpus version)")
    u.add_argument("--corpus", default="corpus", help="corpus folder (default: corpus)")
    u.add_argument("--schema", help=SCHEMA_HELP)
    u.add_argument("--dry-run", action="store_true", help="run every check and list the upload; no network")
    add_lock_timeout(u)
    u.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with output_lock(Path(args.corpus), args.lock_timeout):  # no build swaps the corpus while it is checked and sent
        return publish(args)


def publish(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    check(corpus, Path(args.schema) if args.schema else None)
    print(f"{corpus}: verified and valid")
    p = plan(corpus, args.repo_id, args.tag)
    if args.dry_run:
        print(p.listing())
        print("dry run: nothing uploaded")
        return 0
    try:
        commit = upload(p)
    except WirespanError:
        raise
    except Exception as exc:  # network, authentication, Hub refusals: a message, not a traceback
        print(f"wirespan publish: upload to {args.repo_id} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"uploaded {len(p.files)} files to https://huggingface.co/datasets/{args.repo_id} "
          f"(commit {commit}) and tagged {p.tag}")
    return 0
