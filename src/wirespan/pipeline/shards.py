"""The sharded silver dataset folder: shard names, atomic shard writes, resume markers, the final card.

Layout of the output folder (a Hugging Face no-code dataset, split `train`
because these rows are silver; the gold corpus is split `test`):

    documents/train-00000-of-00012.parquet   every document shard (nested layers)
    quotes/train-00000-of-00012.parquet      flat layer shards (one per document shard,
    figures/...  locations/...               left out when it has no rows: `datasets`
    variants/train-00003-of-00012.parquet    cannot read a zero-row Parquet file)
    schema/  README.md  errors.jsonl  checksums.json

Document shard k holds input documents k*S .. (k+1)*S-1 that annotated
without error; variant shard k the pairs of the clusters whose first
document is in shard k.  Every file is written with the corpus's Arrow
schemas and `build.PARQUET_OPTIONS` into a work folder beside the output
and moved into place with `os.replace`, so a shard is either complete or
absent.  A shard's *marker* (in the work folder) is written after its files
are in place; a rerun skips shards whose marker and files are there.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

import yaml

from wirespan.corpus.layout import flatten, write_parquet
from wirespan.corpus.schema import Schemas
from wirespan.layers import registry
from wirespan.pipeline.duplicates import CARD_TEXT
from wirespan.version import __version__

SPLIT = "train"


@dataclass(frozen=True)
class Layout:
    """Where everything of one run goes."""

    out: Path
    n_shards: int
    shard_size: int

    @property
    def work(self) -> Path:
        """Work folder beside the output (same filesystem, so `os.replace` is atomic)."""
        return self.out.parent / f".{self.out.name}.work"

    def shard_name(self, k: int) -> str:
        return f"{SPLIT}-{k:05d}-of-{self.n_shards:05d}.parquet"

    def path(self, config: str, k: int) -> Path:
        return self.out / config / self.shard_name(k)

    def marker(self, stage: str, k: int) -> Path:
        return self.work / "done" / f"{stage}-{k:05d}.json"

    def shard_range(self, k: int) -> range:
        return range(k * self.shard_size, (k + 1) * self.shard_size)


def n_shards(total: int, shard_size: int) -> int:
    """Shards for `total` documents (at least one, so an empty input still has a documents file)."""
    return max(1, -(-total // shard_size))


def write_atomic(rows: list[dict[str, Any]], schema, target: Path, work: Path) -> None:
    """One Parquet file written in the work folder, then moved into place."""
    tmp = work / "tmp" / f"{target.parent.name}-{target.name}"
    write_parquet(rows, schema, tmp)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, target)


def write_json_atomic(value: Any, target: Path) -> None:
    """A small JSON file (marker, manifest) written beside its target, then moved into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(json.dumps(value, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def finish_shard(layout: Layout, stage: str, k: int, files: Sequence[Path], extra: Mapping[str, Any]) -> None:
    """Record that shard `k` of `stage` is complete: its files (with sizes) and what else a rerun needs."""
    listing = {str(p.relative_to(layout.out)): p.stat().st_size for p in files}
    write_json_atomic({"files": listing, **extra}, layout.marker(stage, k))


def done(layout: Layout, stage: str, k: int) -> dict[str, Any] | None:
    """The marker of a complete shard (its files all present with their recorded sizes), else None."""
    path = layout.marker(stage, k)
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for rel, size in marker["files"].items():
        f = layout.out / rel
        if not f.exists() or f.stat().st_size != size:
            return None
    return marker


def write_document_shard(layout: Layout, k: int, rows: list[dict[str, Any]], schemas: Schemas,
                         extra: Mapping[str, Any]) -> None:
    """Document shard `k` and its flat layer shards; the marker last."""
    files = []
    for config in registry.configs()[1:]:
        if registry.get(config).scope != "document":
            continue
        flat = flatten(rows, config)
        target = layout.path(config, k)
        if flat:
            write_atomic(flat, schemas.arrow_schema(config), target, layout.work)
            files.append(target)
        elif target.exists():
            target.unlink()
    target = layout.path("documents", k)
    write_atomic(rows, schemas.arrow_schema("documents"), target, layout.work)
    files.append(target)
    finish_shard(layout, "documents", k, files, extra)


def write_variant_shard(layout: Layout, k: int, rows: list[dict[str, Any]], schemas: Schemas,
                        errors: list[dict[str, Any]]) -> None:
    """Variant shard `k` (absent when it has no pairs); the marker (with the cluster errors) last."""
    target = layout.path("variants", k)
    files = []
    if rows:
        write_atomic(rows, schemas.arrow_schema("variants"), target, layout.work)
        files.append(target)
    elif target.exists():
        target.unlink()
    finish_shard(layout, "variants", k, files, {"pairs": len(rows), "errors": errors})


def write_errors(path: Path, errors: list[dict[str, Any]], work: Path) -> None:
    """errors.jsonl: one failed article per line (id, origin, position, stage, reason), moved into place."""
    text = "".join(json.dumps(e, sort_keys=True, ensure_ascii=False) + "\n" for e in errors)
    tmp = work / "tmp" / path.name
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text(text, encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, path)


# ---------------------------------------------------------------- the card
def shard_files(out: Path, config: str) -> list[Path]:
    return sorted((out / config).glob(f"{SPLIT}-*.parquet"))


def layout_meta(out: Path, schemas: Schemas) -> tuple[tuple[str, ...], dict[str, int], list[dict], list[dict]]:
    """Published configs, row counts, `configs` entries and `dataset_info`, from the shards on disk."""
    configs, counts, entries, infos = [], {}, [], []
    for config in registry.configs():
        files = shard_files(out, config)
        if not files and config != "documents":
            continue
        rows = nbytes = size = 0
        for f in files:
            table = pq.read_table(f)
            rows += table.num_rows
            nbytes += table.nbytes
            size += f.stat().st_size
        configs.append(config)
        counts[config] = rows
        entry: dict[str, Any] = {"config_name": config}
        if config == "documents":
            entry["default"] = True
        entry["data_files"] = [{"split": SPLIT, "path": f"{config}/{SPLIT}-*.parquet"}]
        entries.append(entry)
        infos.append({"config_name": config, "features": schemas.features(config)._to_yaml_list(),
                      "splits": [{"name": SPLIT, "num_bytes": nbytes, "num_examples": rows}],
                      "download_size": size, "dataset_size": nbytes})
    return tuple(configs), counts, entries, infos


def finalize(layout: Layout, schemas: Schemas, input_path: Path, errors: list[dict[str, Any]]) -> dict[str, int]:
    """Schema copy, errors file, card and checksums of a folder whose shards are all written."""
    from wirespan.release import checksums

    out = layout.out
    (out / "schema").mkdir(parents=True, exist_ok=True)
    for name in sorted(schemas.documents):
        shutil.copyfile(schemas.folder / name, out / "schema" / name)
    errors_path = out / "errors.jsonl"
    if errors:
        write_errors(errors_path, errors, layout.work)
    elif errors_path.exists():
        errors_path.unlink()
    configs, counts, entries, infos = layout_meta(out, schemas)
    card = sharded_card(configs, counts, entries, infos, input_path)
    card += (f"\nSharded for streaming: split `{SPLIT}` (silver; the gold corpus is split `test`), "
             f"{layout.n_shards} document shard(s) of at most {layout.shard_size} documents. "
             "Variant pairs link documents of one cluster only (see the wirespan README). " + CARD_TEXT
             + (f" {len(errors)} input document(s) failed and are listed in `errors.jsonl`." if errors else "")
             + "\n")
    (layout.work / "tmp").mkdir(parents=True, exist_ok=True)
    tmp = layout.work / "tmp" / "README.md"
    tmp.write_text(card, encoding="utf-8")
    os.replace(tmp, out / "README.md")
    checksums.write(out)
    return counts


def sharded_card(configs: Sequence[str], counts: Mapping[str, int], entries: list[dict], infos: list[dict],
                 input_path: Path) -> str:
    """The silver dataset's card: `configs` front matter over the shards (so `load_dataset` streams it) and
    what these rows are: silver, which baselines and package versions made them."""
    from wirespan.pipeline.annotate import PRETTY_NAME, baselines_text

    meta = {"pretty_name": PRETTY_NAME, "tags": ["silver", "machine-annotated"],
            "configs": entries, "dataset_info": infos}
    counts_text = ", ".join(f"{c} {counts[c]}" for c in configs)
    skipped = [c for c in registry.configs() if c not in configs]
    body = (
        "# wirespan silver predictions\n\n"
        f"**These are silver annotations: machine predictions of the wirespan {__version__} baselines, "
        "not reviewed by anyone.** Every document row has `status: \"silver\"`. Do not mix them into a "
        "gold `test` split, and do not report them as gold.\n\n"
        f"Made by `wirespan annotate-corpus` from `{Path(input_path).name}`. Rows: {counts_text}."
        + (f" Not written (no rows): {', '.join(skipped)}." if skipped else "") + "\n\n"
        "Baselines:\n\n" + baselines_text() + "\n\n"
        "The layout, fields and offsets are those of the wirespan corpus (`schema/` holds the JSON Schemas): "
        "offsets are Python string indices into `text`, `start` inclusive, `end` exclusive. Document "
        "metadata the input did not state is null (`title`, `source.outlet`, `source.wire`) or `unknown` "
        "(`source.derivation`); `language` is the language the baselines assume, not a detected one.\n"
    )
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{body}"
