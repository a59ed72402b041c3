"""What the commands share: the project folder, JSON reports, and the help texts of common arguments."""

from __future__ import annotations

import json
from pathlib import Path

from wirespan.errors import UsageError
from wirespan.pipeline.build import project_root

ROOT_HELP = "project folder holding schema/, seeds/ and gold/ (default: the current folder or the nearest one above it)"
SCHEMA_HELP = "schema folder (default: <corpus>/schema)"


def write_json(path: Path, report: object) -> None:
    """A report as stable, readable JSON (sorted keys, UTF-8, trailing newline)."""
    path.write_text(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def root_of(path: Path) -> Path:
    """The project folder: the nearest ancestor holding `schema/` and `seeds/`."""
    root = project_root(path)
    if root is None:
        raise UsageError(f"no project (schema/ and seeds/) at or above {Path(path).resolve()}")
    return root
