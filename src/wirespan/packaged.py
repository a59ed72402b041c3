"""Where the installed package keeps the files it needs at run time (package data).

The JSON Schemas and the entity registry live once, at the repository root
(`schema/`, `registry/entities.jsonl`): that is where annotators, the docs and
the corpus build look, and where the published corpus copies `schema/` from.
A wheel cannot reach the repository, so `wirespan/data/schema` and
`wirespan/data/entities.jsonl` are symbolic links to them, which the wheel
build resolves into real files; `tests/test_packaging.py` checks the wheel
carries them byte for byte. Code that
runs outside a checkout (`wirespan annotate`, the quote extractor, the Python
API) reads the copies through this module, never through a path relative to
the repository.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The package's data folder (a plain folder: wheels install unzipped).
DATA = Path(str(resources.files("wirespan") / "data"))
#: The record schemas the installed package writes and checks.
SCHEMA_DIR = DATA / "schema"
#: Canonical entity names the quote extractor maps speakers to.
ENTITY_REGISTRY = DATA / "entities.jsonl"
#: Packaged copy -> its source in the repository (relative paths; folders copy their `*.schema.json`).
SOURCES: dict[str, str] = {"schema": "schema", "entities.jsonl": "registry/entities.jsonl"}
