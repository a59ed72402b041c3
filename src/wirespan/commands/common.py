"""What the commands share: the project folder, JSON reports, and the help texts of common arguments."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from wirespan.corpus.layout import LOCK_TIMEOUT
from wirespan.errors import UsageError
from wirespan.pipeline.build import project_root

ROOT_HELP = "project folder holding schema/, seeds/ and gold/ (default: the current folder or the nearest one above it)"
SCHEMA_HELP = "schema folder (default: <corpus>/schema)"
LOCK_HELP = ("seconds to wait while another run holds the lock on the output folder, then give up "
             "(default: %(default)s; 0: give up at once)")


def add_lock_timeout(parser: argparse.ArgumentParser) -> None:
    """The `--lock-timeout` option of the commands that write (or publish) a corpus folder."""
    parser.add_argument("--lock-timeout", type=float, default=LOCK_TIMEOUT, metavar="SECONDS", help=LOCK_HELP)


def write_json(path: Path, report: object) -> None:
    """A report as stable, readable JSON (sorted keys, UTF-8, trailing newline)."""
    path.write_text(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def root_of(path: Path) -> Path:
    """The project folder: the nearest ancestor holding `schema/` and `seeds/`."""
    root = project_root(path)
    if root is None:
        raise UsageError(f"no project (schema/ and seeds/) at or above {Path(path).resolve()}")
    return root
