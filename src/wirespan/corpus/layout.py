"""The layout of a corpus folder and how it is written: paths, flat and nested rows, Parquet, atomic swaps.

A corpus folder is `<config>/test-00000-of-00001.parquet` per config (the
`push_to_hub` naming), `schema/`, `README.md` (the card), `croissant.json`
and `checksums.json`. Folders are written elsewhere and swapped in with two
renames, so a reader never sees a half-written corpus.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from wirespan.errors import LockError
from wirespan.layers import registry

#: Seconds a build, annotate or publish waits for another run's lock on the same folder (`--lock-timeout`).
LOCK_TIMEOUT = 300.0

#: Split of the gold documents.
SPLIT = "test"

#: Writer options the Parquet bytes depend on; changing any of them changes every file.
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "write_page_index": False,
    "store_schema": True,
}


#: Project files the corpus ships beside the data, published path -> path in the project. The card cites
#: them (guidelines, SPEC, adjudication logs, stories, entity registry, the two independent annotations,
#: completeness lists, the reports its tables come from), and on the Hub a link must resolve inside the
#: dataset's own folder. Folders are copied whole; every file is listed in `checksums.json`.
PROJECT_FILES: dict[str, str] = {
    "LICENSE.md": "LICENSE.md",
    "docs/SPEC.md": "docs/SPEC.md",
    "docs/standoff-format.md": "docs/standoff-format.md",
    "docs/guidelines": "docs/guidelines",
    "docs/adjudication.md": "docs/adjudication.md",
    "docs/adjudication-variants.md": "docs/adjudication-variants.md",
    "docs/screenshots/document.png": "docs/screenshots/document.png",
    "annotation": "annotation",
    "gold/stories.json": "gold/stories.json",
    "gold/quote_marks.jsonl": "gold/quote_marks.jsonl",
    "gold/figure_accounting.jsonl": "gold/figure_accounting.jsonl",
    "gold/capitalised_non_locations.json": "gold/capitalised_non_locations.json",
    "registry/entities.jsonl": "registry/entities.jsonl",
    "registry/gazetteer_supplement.json": "src/wirespan/data/gazetteer_supplement.json",
    "seeds/manifest.json": "seeds/manifest.json",
    "reports": "reports",
}


def parquet_path(config: str) -> str:
    """Path of a config's Parquet file inside the corpus (the `push_to_hub` naming)."""
    return f"{config}/{SPLIT}-00000-of-00001.parquet"


def flatten(docs: Sequence[Mapping[str, Any]], layer: str) -> list[dict[str, Any]]:
    """The flat config of a layer: `doc_id` + the record, in document then offset order."""
    return [{"doc_id": d["id"], **r} for d in docs for r in d.get(layer, ())]


def nest(docs: Sequence[dict[str, Any]], layer: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Give every document its records of a flat-only layer (the inverse of `flatten`)."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row.get("doc_id")].append({k: v for k, v in row.items() if k != "doc_id"})
    for doc in docs:
        doc[layer] = grouped.get(doc["id"], [])


def tables(docs: Sequence[dict[str, Any]], variants: Sequence[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every config, in their published order: documents (nested layers only), flat layers, pairs."""
    nested = set(registry.nested_layers())
    out: dict[str, list[dict[str, Any]]] = {
        registry.DOCUMENTS: [{k: v for k, v in d.items() if k in nested or k not in registry.document_layers()}
                             for d in docs]}
    for layer in registry.layers():
        if layer.flat:
            out[layer.name] = list(variants) if layer.scope == "corpus" else flatten(docs, layer.name)
    return out


def read_config(corpus: Path, config: str) -> list[dict[str, Any]]:
    """Rows of one config as plain Python values."""
    return pq.read_table(Path(corpus) / parquet_path(config)).to_pylist()


def write_parquet(rows: Sequence[Mapping[str, Any]], schema: pa.Schema, path: Path) -> None:
    """One Parquet file with the explicit schema and the pinned writer options."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(list(rows), schema=schema)
    pq.write_table(table, path, **PARQUET_OPTIONS)


def lock_path(out: Path) -> Path:
    """The lock file of an output folder: `.<name>.lock` beside it."""
    return out.with_name(f".{out.name}.lock")


def temp_prefix(out: Path) -> str:
    """Prefix of the temporary folders a run writes `out` into (beside it, so the swap is a rename)."""
    return f".{out.name}.tmp-"


@contextmanager
def output_lock(out: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold the lock on `out` (waiting up to `timeout` seconds), after cleaning what killed runs left.

    Two runs writing one folder would race in `swap`; with the lock the second
    waits, or ends with `LockError` naming the lock file. Only the holder of
    the lock cleans up, so it never removes a folder another live run is
    writing. Yields the resolved `out`.
    """
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(out)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockError(f"{out}: another wirespan run is writing this folder (lock {lock_path(out)} held); "
                        f"waited {timeout:g} s — try again when it has finished, or raise --lock-timeout") from None
    except OSError as exc:
        raise LockError(f"{out}: cannot create the lock file {lock_path(out)}: {exc.strerror or exc}") from None
    try:
        recover(out)
        yield out
    finally:
        lock.release()


def recover(out: Path) -> list[Path]:
    """Undo what a killed run left beside `out` (call only while holding its lock); returns what was removed.

    A run killed between the two renames of `swap` leaves the previous folder
    as `.<name>.old` and no `<name>`: it is renamed back. Temporary folders
    (`.<name>.tmp-*`) and a leftover `.<name>.old` are removed.
    """
    old = out.with_name(f".{out.name}.old")
    removed = []
    if old.exists() and not out.exists():
        os.replace(old, out)
    for path in sorted(out.parent.glob(f"{temp_prefix(out)}*")) + ([old] if old.exists() else []):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def swap(new: Path, out: Path) -> None:
    """Replace `out` by `new` with two renames, so a reader never sees a half-written corpus."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.replace(out, old)
    os.replace(new, out)
    if old.exists():
        shutil.rmtree(old)
