"""Input documents for corpus-scale annotation, read lazily in a stable order.

Accepted inputs: a folder of `.txt` files (one article each, as
`wirespan annotate` reads them); a JSON Lines file or a Parquet file of
`{id, text[, published][, home]}` records; a folder of such `.jsonl`/`.parquet`
files (read in name order); or a local Hugging Face dataset saved with
`save_to_disk` (a `Dataset`, or a `DatasetDict` whose splits are read in
the order it lists them).  Parquet and dataset columns other than `id`,
`text`, `published` and `home` are ignored.  Every document is checked by
`inputs.input_document` / `inputs.read_txt`, so ids, texts, dates and
homes follow the same rules as `wirespan annotate`.

`count` tells how many documents there are without parsing them (file
count, line count, Parquet metadata, dataset length), so the shard layout
is known before the first article is annotated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from wirespan.pipeline.inputs import InputError, input_document, read_txt, txt_files

_COLUMNS = ("id", "text", "published", "home")


@dataclass(frozen=True)
class Source:
    """One input, classified: `kind` is txt, jsonl, parquet or hf; `files` in reading order."""

    path: Path
    kind: str
    files: tuple[Path, ...]

    def fingerprint(self) -> str:
        """Changes when an input file is added, removed or rewritten (name, size, modification time)."""
        h = hashlib.sha256(self.kind.encode())
        for f in self.files:
            st = f.stat()
            h.update(f"{f.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        return h.hexdigest()


def open_source(path: Path) -> Source:
    """Classify an input path; InputError when it holds nothing readable."""
    path = Path(path)
    if path.is_file():
        kind = {".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet"}.get(path.suffix.lower(), "jsonl")
        return Source(path, kind, (path,))
    if not path.is_dir():
        raise InputError(f"{path}: no such file or folder")
    if (path / "dataset_info.json").exists() or (path / "dataset_dict.json").exists():
        return Source(path, "hf", tuple(sorted(p for p in path.rglob("*") if p.is_file())))
    if txt := txt_files(path):
        return Source(path, "txt", tuple(txt))
    for kind, pattern in (("jsonl", "*.jsonl"), ("parquet", "*.parquet")):
        files = tuple(sorted(path.glob(pattern)))
        if files:
            return Source(path, kind, files)
    raise InputError(f"{path}: no .txt, .jsonl or .parquet files and no saved Hugging Face dataset")


def count(source: Source) -> int:
    """Number of documents, without parsing them."""
    if source.kind == "txt":
        return len(source.files)
    if source.kind == "parquet":
        return sum(pq.ParquetFile(f).metadata.num_rows for f in source.files)
    if source.kind == "hf":
        return sum(len(ds) for _, ds in _hf_parts(source.path))
    total = 0
    for f in source.files:
        with open(f, "rb") as fh:
            total += sum(1 for line in fh if line.strip())
    return total


def documents(source: Source, start: int = 0, stop: int | None = None) -> Iterator[dict[str, Any]]:
    """Input documents number `start` to `stop` (exclusive) in reading order, checked."""
    return islice(_all(source), start, stop)


def _all(source: Source) -> Iterator[dict[str, Any]]:
    if source.kind == "txt":
        for f in source.files:
            yield read_txt(f)
    elif source.kind == "jsonl":
        for f in source.files:
            yield from _jsonl(f)
    elif source.kind == "parquet":
        for f in source.files:
            yield from _parquet(f)
    else:
        for name, ds in _hf_parts(source.path):
            cols = [c for c in _COLUMNS if c in ds.column_names]
            for i, record in enumerate(ds.select_columns(cols)):
                yield input_document(dict(record), f"{source.path} ({name}) row {i}", extra_fields=True)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: not valid UTF-8 at byte {exc.start}: {exc.reason}") from None
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: invalid JSON: {exc.msg}") from None
            yield input_document(record, where)


def _parquet(path: Path) -> Iterator[dict[str, Any]]:
    pf = pq.ParquetFile(path)
    cols = [c for c in _COLUMNS if c in pf.schema_arrow.names]
    if "text" not in cols:
        raise InputError(f"{path}: no `text` column")
    row = 0
    for batch in pf.iter_batches(batch_size=1024, columns=cols):
        for record in batch.to_pylist():
            yield input_document(record, f"{path} row {row}", extra_fields=True)
            row += 1


def _hf_parts(path: Path) -> list[tuple[str, Any]]:
    """(split name, Dataset) of a saved dataset: one part, or one per split of a DatasetDict."""
    import datasets

    loaded = datasets.load_from_disk(str(path))
    if isinstance(loaded, datasets.DatasetDict):
        return list(loaded.items())
    return [("dataset", loaded)]
