"""`wirespan annotate`: run every baseline on new texts and write silver predictions in corpus format.

Input is a folder of `.txt` files (UTF-8, read as bytes and decoded
unchanged, like the seeds) or a JSON Lines file of `{id, text[, published]}`.
The output folder has exactly the corpus layout — `<config>/test-00000-of-00001.parquet`
written with the corpus's Arrow schemas and writer options — plus a short
README.md (with the `configs` front matter so `datasets.load_dataset` can
read it) and `checksums.json` (so `wirespan verify` works on it).

Every document is marked `status: "silver"`: nothing here was reviewed.
Document metadata the input does not state is null (`title`, `outlet`,
`wire`, `evidence`) or `unknown` (`derivation`); `published` is the input
record's own `published` field when given, else null. `--published` is only
the reference date the figure baseline takes a year from when a text omits
it (as `wirespan score` does with the corpus's reporting day); it is never
written into a document, because the text does not state it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from wirespan.errors import CorpusError
from wirespan.corpus.gold import variant_id
from wirespan.corpus.schema import CONFIGS, ID_TAG, LAYERS, Schemas, published_configs
from wirespan.corpus.validate import check_records, flatten, parquet_path

_HEX16 = re.compile(r"(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")
#: Where the project's JSON Schemas live when the package runs from its repository.
PACKAGE_SCHEMA = Path(__file__).resolve().parents[3] / "schema"


class InputError(Exception):
    """Unusable input (file, line and reason); the CLI prints it and exits 2."""


# ---------------------------------------------------------------- schemas
def find_schema_dir(explicit: str | Path | None = None, start: Path | None = None) -> Path:
    """The schema folder: `explicit`, else the nearest project's `schema/` at or above
    `start` (default: the current folder), else the package repository's."""
    if explicit:
        return Path(explicit)
    from wirespan.pipeline.build import project_root

    root = project_root(Path(start or Path.cwd()))
    if root is not None:
        return root / "schema"
    if PACKAGE_SCHEMA.is_dir():
        return PACKAGE_SCHEMA
    raise InputError("no schema folder found: pass --schema (the project's schema/ or a corpus's schema/)")


# ---------------------------------------------------------------- input
def doc_id_for(name: str, raw: bytes) -> str:
    """The 16 hex digits in a file name when it has them (the seed convention), else sha256(bytes)[:16]."""
    match = _HEX16.search(Path(name).stem.lower())
    return match.group(0) if match else hashlib.sha256(raw).hexdigest()[:16]


def check_date(value: Any, where: str) -> str | None:
    """A `published` value: None or a real YYYY-MM-DD date string (else InputError naming `where`)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: published must be a YYYY-MM-DD string or null, got {value!r}")
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}: published {value!r} is not a YYYY-MM-DD date") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise InputError(f"{where}: published {value!r} is not a YYYY-MM-DD date")
    return value


def read_input(path: Path) -> list[dict[str, Any]]:
    """Input documents as `{id, text, sha256, published, origin}`, in a stable order.

    A folder gives its `*.txt` files sorted by name; a JSONL file its lines in
    order. Raises `InputError` naming the file (and line) on anything unusable.
    """
    path = Path(path)
    if path.is_dir():
        docs = [read_txt(p) for p in sorted(path.glob("*.txt"))]
        if not docs:
            raise InputError(f"{path}: no .txt files")
    elif path.is_file():
        docs = _read_jsonl(path)
        if not docs:
            raise InputError(f"{path}: no documents")
    else:
        raise InputError(f"{path}: no such file or folder")
    seen: dict[str, str] = {}
    for doc in docs:
        if doc["id"] in seen:
            raise InputError(f"{doc['origin']}: document id {doc['id']} is also the id of {seen[doc['id']]}")
        seen[doc["id"]] = doc["origin"]
    return docs


def read_txt(path: Path) -> dict[str, Any]:
    """One `.txt` file as an input document (id from the file name or the bytes; UTF-8 required)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}: {exc.reason}") from None
    return {"id": doc_id_for(path.name, raw), "text": text, "sha256": hashlib.sha256(raw).hexdigest(),
            "published": None, "origin": str(path)}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_bytes().decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}: {exc.reason}") from None
    docs = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: invalid JSON: {exc.msg}") from None
        docs.append(input_document(record, where))
    return docs


def input_document(record: Any, where: str, extra_fields: bool = False) -> dict[str, Any]:
    """An input record `{id, text[, published]}` checked and completed into an input document.

    `extra_fields` allows other fields (the columns of a Parquet file or a
    Hugging Face dataset), which are ignored; a JSONL line must have only these.
    """
    if not isinstance(record, dict):
        raise InputError(f"{where}: each line must be a JSON object {{id, text[, published]}}")
    unknown = set(record) - {"id", "text", "published"}
    if unknown and not extra_fields:
        raise InputError(f"{where}: unknown field(s) {', '.join(sorted(unknown))} (allowed: id, text, published)")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: text must be a string")
    raw = text.encode("utf-8")
    doc_id = record.get("id")
    if doc_id is None:
        doc_id = hashlib.sha256(raw).hexdigest()[:16]
    if not isinstance(doc_id, str) or not re.fullmatch(r"[0-9a-f]{16}", doc_id):
        raise InputError(f"{where}: id must be 16 lower-case hex digits (or absent), got {doc_id!r}")
    return {"id": doc_id, "text": text, "sha256": hashlib.sha256(raw).hexdigest(),
            "published": check_date(record.get("published"), where), "origin": where}


# ---------------------------------------------------------------- prediction
def annotate_document(doc: dict[str, Any], published: str | None = None, language: str = "en") -> dict[str, Any]:
    """A silver document row with every baseline's records (ids derived from offsets, like gold).

    The quote baseline gets the process's shared registry (`resources.shared_registry`),
    loaded once instead of once per article.
    """
    from wirespan.layers.segments import segment
    from wirespan.layers.quotes.extract import extract_quotes
    from wirespan.layers.figures import extract_figures
    from wirespan.layers.locations.extract import extract_locations
    from wirespan.pipeline.resources import shared_registry

    text = doc["text"]
    segments = segment(text)
    layers = {
        "segments": segments,
        "quotes": extract_quotes(text, segments, shared_registry()),
        "figures": extract_figures(text, segments, published=doc.get("published") or published),
        "locations": extract_locations(text, segments),
    }
    evidence = ("published: the date given with the input record (not checked against the text)"
                if doc.get("published") else None)
    row: dict[str, Any] = {
        "id": doc["id"], "text": text, "sha256": doc["sha256"], "title": None,
        "published": doc.get("published"), "language": language,
        "source": {"outlet": None, "wire": None, "derivation": "unknown", "evidence": evidence},
        "status": "silver",
    }
    for layer in LAYERS:
        row[layer] = _with_ids(doc["id"], layer, layers[layer])
    return row


def complete(row: dict[str, Any], schemas: Schemas) -> dict[str, Any]:
    """Fill every document or `source` field the schema has and the input cannot tell with null.

    Keeps silver rows valid when the schema gains a nullable metadata field;
    a new non-nullable field is left missing, so validation names it.
    """
    schema = schemas.documents["document.schema.json"]

    def fill(target: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for name, node in properties.items():
            if name in target:
                out[name] = target[name]
            elif "null" in ([node.get("type")] if isinstance(node.get("type"), str) else node.get("type") or []):
                out[name] = None
        return {**out, **{k: v for k, v in target.items() if k not in out}}

    row = fill(row, schema["properties"])
    row["source"] = fill(row["source"], schema["properties"]["source"]["properties"])
    return row


def _with_ids(doc_id: str, layer: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records sorted by offsets, each with its offset-derived id first; a repeated span is kept once."""
    out, seen = [], set()
    for record in sorted(records, key=lambda r: (r["start"], r["end"])):
        key = (record["start"], record["end"])
        if key in seen:
            continue
        seen.add(key)
        out.append({"id": f"{doc_id}:{ID_TAG[layer]}:{record['start']}-{record['end']}",
                    **{k: v for k, v in record.items() if k != "id"}})
    return out


def align_variants(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Variant pairs of the aligner baseline, with the ids and row order of the corpus.

    The aligner gets only the registry entries that can match in these texts
    (`resources.registry_for`): the same pairs, fewer searches.
    """
    from wirespan.layers.variants.align import align
    from wirespan.pipeline.resources import registry_for

    rows = [{"id": variant_id(pair), **{k: v for k, v in pair.items() if k != "id"}}
            for pair in align(documents, registry_for(documents))]
    return sorted(rows, key=lambda r: r["id"])  # the corpus's order of variant rows (gold.load_variants)


def annotate(input_path: Path, out: Path, published: str | None = None, schema_dir: Path | None = None,
             language: str = "en", progress: bool = True, variants: bool = True) -> dict[str, int]:
    """Predict every layer for every input document and write the silver corpus to `out`.

    Returns the row count of every written config. The output is checked with
    the corpus's own record checks before it replaces `out`.
    """
    from tqdm import tqdm

    published = check_date(published, "--published")
    check_out(Path(out))
    schemas = Schemas(find_schema_dir(schema_dir))
    inputs = read_input(Path(input_path))
    documents = [complete(annotate_document(doc, published, language), schemas)
                 for doc in tqdm(inputs, desc="annotate", unit="doc", file=sys.stderr, disable=not progress)]
    pairs = align_variants(documents) if variants else None
    tables: dict[str, list[dict[str, Any]]] = {"documents": documents, "variants": pairs or []}
    for layer in LAYERS[1:]:
        tables[layer] = flatten(documents, layer)
    issues = check_records(documents, tables["variants"], schemas, lambda layer: f"{out} ({layer})")
    if issues:
        raise CorpusError(issues)
    write_predictions(Path(out), tables, schemas, input_path)
    return {config: len(tables[config]) for config in published_configs({c: len(r) for c, r in tables.items()})}


PRETTY_NAME = "wirespan silver predictions"


def check_out(out: Path) -> None:
    """Refuse to replace a folder that is not an earlier `annotate` output (never a gold corpus)."""
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(f"{out}: --out exists and is not a folder")
    if not any(out.iterdir()):
        return
    card = out / "README.md"
    if card.exists() and f"pretty_name: {PRETTY_NAME}\n" in card.read_text(encoding="utf-8", errors="replace"):
        return
    raise InputError(f"{out}: --out is a non-empty folder that `wirespan annotate` did not write; "
                     "refusing to replace it (choose a new or empty folder)")


def write_predictions(out: Path, tables: dict[str, list[dict[str, Any]]], schemas: Schemas,
                      input_path: Path) -> None:
    """Parquet files, schema copy, README and checksums into `out`, replaced atomically."""
    from wirespan.release import checksums
    from wirespan.pipeline.build import _swap, write_parquet

    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        configs = published_configs({c: len(rows) for c, rows in tables.items()})
        for config in configs:
            write_parquet(tables[config], schemas.arrow_schema(config), tmp / parquet_path(config))
        (tmp / "schema").mkdir()
        for name in sorted(schemas.documents):
            shutil.copyfile(schemas.folder / name, tmp / "schema" / name)
        counts = {c: len(tables[c]) for c in configs}
        (tmp / "README.md").write_text(readme(tmp, configs, counts, schemas, input_path), encoding="utf-8")
        checksums.write(tmp)
        _swap(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def readme(folder: Path, configs: tuple[str, ...], counts: dict[str, int], schemas: Schemas,
           input_path: Path, layout: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None,
           command: str = "wirespan annotate") -> str:
    """A short card: `configs` front matter (so `load_dataset` works) and what these rows are.

    `layout` is the (`configs`, `dataset_info`) pair of a sharded folder; by
    default one Parquet file per config in split `test`, read from `folder`.
    """
    from wirespan.version import __version__
    from wirespan.release.card import config_entries, dataset_info

    entries, infos = layout if layout is not None else (config_entries(configs),
                                                        dataset_info(folder, configs, schemas))
    meta = {"pretty_name": PRETTY_NAME, "tags": ["silver", "machine-annotated"],
            "configs": entries, "dataset_info": infos}
    counts_text = ", ".join(f"{c} {counts[c]}" for c in configs)
    skipped = [c for c in CONFIGS if c not in configs]
    body = (
        "# wirespan silver predictions\n\n"
        f"**These are silver annotations: machine predictions of the wirespan {__version__} baselines, "
        "not reviewed by anyone.** Every document row has `status: \"silver\"`. Do not mix them into a "
        "gold `test` split, and do not report them as gold.\n\n"
        f"Made by `{command}` from `{Path(input_path).name}`. Rows: {counts_text}."
        + (f" Not written (no rows): {', '.join(skipped)}." if skipped else "") + "\n\n"
        "The layout, fields and offsets are those of the wirespan corpus (`schema/` holds the JSON Schemas): "
        "offsets are Python string indices into `text`, `start` inclusive, `end` exclusive. Document "
        "metadata the input did not state is null (`title`, `source.outlet`, `source.wire`) or `unknown` "
        "(`source.derivation`); `language` is the language the baselines assume, not a detected one.\n\n"
        "Score them against a gold corpus with `wirespan evaluate --gold corpus --pred <this folder>`.\n"
    )
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{body}"


__all__ = ["InputError", "align_variants", "annotate", "annotate_document", "check_date", "check_out", "doc_id_for",
           "find_schema_dir", "input_document", "read_input", "read_txt", "readme"]
