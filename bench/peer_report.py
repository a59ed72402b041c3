"""Shared JSON report of a peer benchmark (the card's "Peers" table is generated from it)."""

from __future__ import annotations

import datetime as _dt
import importlib.metadata
import json
import os
import platform
from pathlib import Path
from typing import Any


def version_of(package: str) -> str:
    """Installed version of a distribution ("wirespan" included)."""
    return importlib.metadata.version(package)


def machine() -> str:
    """What the figures were measured on."""
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write(path: Path, task: str, unit: str, command: str, runs: int, systems: list[dict[str, Any]]) -> None:
    """Write one benchmark's figures: per system exact/overlap P/R/F1 and median throughput.

    `systems` items: {"name", "package", "exact", "overlap", "per_second", "seconds_per_pass"}.
    """
    report = {
        "task": task,
        "unit": unit,
        "command": command,
        "runs": runs,
        "measured": _dt.date.today().isoformat(),
        "machine": machine(),
        "systems": [{**s, "version": version_of(s["package"])} for s in systems],
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
