"""`wirespan evaluate`: score predictions (any system's) against a gold corpus.

Predictions come as
* a predictions folder in corpus layout (what `wirespan annotate` writes):
  the layers nested in `documents/…parquet` are scored, and `variants/…parquet`
  when present;
* Parquet or JSON Lines files of document rows (`id` + any of the layers) or
  of flat layer rows (`doc_id` + the layer's fields, as in the corpus's flat
  configs) or of variant rows. The layer of a flat file is taken from its
  name (`quotes.jsonl`, `quotes/test-….parquet`), else from its fields.

Every prediction row is checked before anything is scored: the layer's JSON
Schema (ids optional, document metadata optional), a known document id, and
offsets that slice the gold text exactly (`text[start:end] == span.text`,
nested spans too). Any problem raises `PredictionError` listing file, row and
reason; the CLI prints it and exits 2.

The numbers are those of `wirespan score`: the same scoring functions on
the same record lists (gold in corpus order, predictions in file order).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm
from jsonschema import Draft202012Validator, FormatChecker

from wirespan.corpus.jsonl import read_lines
from wirespan.corpus.layout import nest, parquet_path
from wirespan.corpus.schema import Schemas, Validator, flat_row_schema, schema_registry
from wirespan.corpus.validate import span_issue, span_problems
from wirespan.errors import CorpusError, CorpusIssue, PredictionError
from wirespan.evaluation.metrics import without_cyclic_gc
from wirespan.evaluation.scoring import layer_report
from wirespan.layers import registry


def record_schemas() -> list[tuple[str, str]]:
    """(config, record schema file) of `documents` and of every layer."""
    return [(config, registry.record_schema(config)) for config in (registry.DOCUMENTS, *registry.names())]



# ---------------------------------------------------------------- gold
@dataclass
class Gold:
    documents: list[dict[str, Any]]
    variants: list[dict[str, Any]] | None  # None: the gold corpus publishes no variants config

    @property
    def texts(self) -> dict[str, str]:
        return {d["id"]: d["text"] for d in self.documents}


def load_gold(corpus: Path) -> Gold:
    """Documents (with nested layers) and variants of a built corpus folder."""
    corpus = Path(corpus)
    path = corpus / parquet_path("documents")
    if not path.exists():
        raise PredictionError([f"{path}: gold corpus has no documents file (is {corpus} a built corpus?)"])
    try:
        docs = pq.read_table(path).to_pylist()
    except (OSError, pa.ArrowException) as exc:  # a damaged gold corpus: a finding, exit 1
        raise CorpusError([CorpusIssue(str(path), f"unreadable Parquet file: {str(exc).splitlines()[0]}",
                                       layer="documents", check="parquet-unreadable", level=1)]) from None
    # Only reviewed documents are gold: silver rows a corpus may carry are never scored against.
    gold_docs = [d for d in docs if d.get("status", "gold") == "gold"]
    if not gold_docs:
        raise PredictionError([f"{path}: no gold documents (every row has status other than 'gold')"])
    ids = {d["id"] for d in gold_docs}
    for layer in registry.names(scope="document", nested=False):  # flat-only layers: read from their config
        lpath = corpus / parquet_path(layer)
        nest(gold_docs, layer, pq.read_table(lpath).to_pylist() if lpath.exists() else [])
    vpath = corpus / parquet_path("variants")
    variants = None
    if vpath.exists():
        variants = [v for v in pq.read_table(vpath).to_pylist()
                    if v["a"]["doc_id"] in ids and v["b"]["doc_id"] in ids]
    return Gold(gold_docs, variants)


# ---------------------------------------------------------------- prediction schemas
def prediction_validators(schemas: Schemas) -> dict[str, Draft202012Validator]:
    """Validators of prediction rows: the corpus schemas with annotation ids optional.

    Document rows need only `id` (to name the gold document) — metadata and
    layers are optional, but what is there must have the corpus's types.
    Flat rows need `doc_id` and every field of their layer except `id`.
    """
    documents = copy.deepcopy(schemas.documents)
    for config, name in record_schemas():
        if config != registry.DOCUMENTS:
            documents[name]["required"] = [k for k in documents[name]["required"] if k != "id"]
    document = documents[registry.DOCUMENT_SCHEMA]
    document["required"] = ["id"]
    for node in document["properties"].values():  # nested metadata objects (`source`): fields optional too
        if node.get("type") == "object" and "required" in node:
            node["required"] = []
    resources = schema_registry(documents)
    doc_id = documents[registry.DOCUMENT_SCHEMA]["properties"]["id"]
    validators = {}
    for config, name in record_schemas():
        record = documents[name]
        if config != registry.DOCUMENTS and registry.get(config).scope == "document":
            record = flat_row_schema(config, record, doc_id)
        validators[config] = Validator(record, registry=resources, format_checker=FormatChecker())
    return validators


# ---------------------------------------------------------------- reading predictions
@dataclass
class Predictions:
    """Prediction records per layer (flat, with `doc_id`), where each came from, and the duplicates dropped.

    A duplicate is a second row of one layer with the same document and
    offsets (for variant pairs: the same kind and sides) — the identity of an
    annotation in the corpus (its offset-derived id). It is counted once: the
    first row is scored, the others are dropped and reported (`duplicates`:
    file and row of each), so repeating a row cannot inflate recall or deflate
    precision.
    """

    layers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sources: dict[str, list[str]] = field(default_factory=dict)
    duplicates: dict[str, list[str]] = field(default_factory=dict)
    seen: dict[str, set[Any]] = field(default_factory=dict)

    def add(self, layer: str, rows: Sequence[tuple[str, dict[str, Any]]], source: str) -> None:
        """Add checked (where, row) pairs of `layer`, keeping the first of each duplicate."""
        kept, seen = self.layers.setdefault(layer, []), self.seen.setdefault(layer, set())
        for where, row in rows:
            key = identity(layer, row)
            if key in seen:
                self.duplicates.setdefault(layer, []).append(where)
                continue
            seen.add(key)
            kept.append(row)
        self.sources.setdefault(layer, []).append(source)


def identity(layer: str, row: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two prediction rows one annotation: document and offsets (variant pairs: kind and both sides)."""
    if registry.get(layer).scope == "corpus":
        a, b = row["a"], row["b"]
        return (row["kind"], a["doc_id"], a["start"], a["end"], b["doc_id"], b["start"], b["end"])
    return (row["doc_id"], row["start"], row["end"])


def _read_rows(path: Path, progress: bool = False) -> tuple[list[dict[str, Any] | None], str]:
    """Rows of a Parquet or JSONL file and the word used to number them ("row" or "line").

    JSON Lines go through the one reader of `wirespan.corpus.jsonl` (NaN,
    ±Infinity, integers beyond 64 bits and lone surrogates are refused at
    their line); a blank line is kept as None so row numbers stay line numbers.
    """
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            return pq.read_table(path).to_pylist(), "row"
        except Exception as exc:  # pyarrow raises several types for unreadable files
            raise PredictionError([f"{path}: cannot read Parquet: {exc}"]) from None
    if suffix in (".jsonl", ".json", ".ndjson"):
        lines, issues = read_lines(path, where=lambda p, n: f"{p}: line {n}", progress=progress)
        if issues:
            raise PredictionError([f"{i.file}: {i.message}" for i in issues])
        rows: list[dict[str, Any] | None] = [None] * (lines[-1][0] if lines else 0)
        for lineno, row in lines:
            rows[lineno - 1] = row
        return rows, "line"
    raise PredictionError([f"{path}: unsupported file type {suffix!r} (use .parquet or .jsonl)"])


@dataclass(frozen=True)
class Rows:
    """Prediction rows given in memory (the Python API), read like a file of rows.

    `name` stands where a file name would: it names the rows in messages and,
    when it is "documents", "variants" or a layer's name, says what they are
    (else the first row's fields tell, as for a file).
    """

    name: str
    rows: Sequence[Mapping[str, Any]]


def _kind_of_file(path: Path, rows: Sequence[Mapping[str, Any] | None]) -> str:
    """"documents", "variants" or a layer name, from the file name, else from the first row's fields."""
    return _kind_of(str(path), (path.stem, path.parent.name), rows)


def _kind_of(where: str, names: Sequence[str], rows: Sequence[Mapping[str, Any] | None]) -> str:
    for name in names:
        if name in (registry.DOCUMENTS, *registry.names()):
            return name
    first = next((r for r in rows if r is not None), None)
    if first is None:
        raise PredictionError([f"{where}: no rows"])
    path = where
    if "doc_id" not in first and "id" in first and ("text" in first or any(l in first for l in registry.nested_layers())):
        return "documents"
    if {"a", "b", "kind", "relation"} <= set(first):
        return "variants"
    hits = [layer.name for layer in registry.layers() if layer.signature and layer.signature in first]
    if len(hits) == 1:
        return hits[0]
    raise PredictionError([f"{path}: cannot tell which layer these rows are (name the file after the layer, "
                           "e.g. quotes.jsonl, or give each row the layer's fields)"])


def read_predictions(sources: Sequence[Path | str | Rows], gold: Gold, schemas: Schemas,
                     progress: bool = False) -> Predictions:
    """Read and check every prediction file or in-memory batch of rows; raise `PredictionError` listing
    every problem.

    `progress` shows bars on stderr for reading and checking rows (only on a terminal).
    """
    validators = prediction_validators(schemas)
    texts = gold.texts
    out = Predictions()
    problems: list[str] = []
    files: list[Path | Rows] = []
    for source in sources:
        if isinstance(source, Rows):
            files.append(source)
            continue
        path = Path(source)
        if path.is_dir():
            docs = path / parquet_path("documents")
            if not docs.exists():
                problems.append(f"{path}: not a predictions folder (no {parquet_path('documents')})")
                continue
            files.append(docs)
            if (path / parquet_path("variants")).exists():
                files.append(path / parquet_path("variants"))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    if problems:
        raise PredictionError(problems)
    for path in files:
        if isinstance(path, Rows):
            rows, unit = _checked_rows(path), "row"
            kind = _kind_of(path.name, (path.name,), rows)
        else:
            rows, unit = _read_rows(path, progress)
            kind = _kind_of_file(path, rows)
        if kind == "documents":
            problems += _document_rows(source_name(path), rows, unit, validators["documents"], texts, out, progress)
        else:
            problems += _flat_rows(source_name(path), kind, rows, unit, validators[kind], texts, out, progress)
    if problems:
        raise PredictionError(problems)
    return out


def source_name(source: Path | str | Rows) -> str:
    """How a prediction source is named in messages and reports: its path, or an in-memory batch's name."""
    return source.name if isinstance(source, Rows) else str(source)


def _checked_rows(batch: Rows) -> list[Mapping[str, Any]]:
    """The rows of an in-memory batch, each a mapping (else `PredictionError` naming it)."""
    rows = list(batch.rows)
    bad = [f"{batch.name}: row {n}: a row must be a mapping, got {type(row).__name__}"
           for n, row in enumerate(rows, 1) if not isinstance(row, Mapping)]
    if bad:
        raise PredictionError(bad)
    return rows


def _schema_problems(validator: Draft202012Validator, row: Mapping[str, Any], where: str) -> list[str]:
    found = []
    for error in sorted(validator.iter_errors(row), key=lambda e: list(map(str, e.absolute_path))):
        field_path = ".".join(map(str, error.absolute_path)) or "(row)"
        found.append(f"{where}: {field_path}: {error.message}")
    return found


def _span_problems(layer: str, record: Mapping[str, Any], text: str, where: str) -> list[str]:
    return [f"{where}: {message}" for _, message, _ in span_problems(layer, record, text)]


def _bar(rows: Sequence[Any], name: str, unit: str, progress: bool) -> Any:
    """`rows` with a progress bar on stderr when `progress` and stderr is a terminal."""
    return tqdm(rows, desc=f"check {Path(name).name}", unit=unit, file=sys.stderr, disable=None if progress else True,
                leave=False)


def _flat_rows(path: str, layer: str, rows: Sequence[Mapping[str, Any] | None], unit: str,
               validator: Draft202012Validator, texts: Mapping[str, str], out: Predictions,
               progress: bool = False) -> list[str]:
    problems, good = [], []
    for n, row in enumerate(_bar(rows, path, unit, progress), 1):
        if row is None:
            continue
        where = f"{path}: {unit} {n}"
        found = _schema_problems(validator, row, where)
        if not found and layer == "variants":
            for side in ("a", "b"):
                anchor = row[side]
                if anchor["doc_id"] not in texts:
                    found.append(f"{where}: side {side}: unknown document id {anchor['doc_id']!r} (not a gold document of the gold corpus)")
                else:
                    problem = span_issue(texts[anchor["doc_id"]], anchor)
                    if problem:
                        found.append(f"{where}: side {side}: {problem[1]}")
        elif not found:
            if row["doc_id"] not in texts:
                found.append(f"{where}: unknown document id {row['doc_id']!r} (not a gold document of the gold corpus)")
            else:
                found += _span_problems(layer, row, texts[row["doc_id"]], where)
        problems += found
        if not found:
            good.append((where, dict(row)))
    if not problems:
        out.add(layer, good, str(path))
    return problems


def _document_rows(path: str, rows: Sequence[Mapping[str, Any] | None], unit: str,
                   validator: Draft202012Validator, texts: Mapping[str, str], out: Predictions,
                   progress: bool = False) -> list[str]:
    problems: list[str] = []
    present = {layer for row in rows if row is not None for layer in registry.nested_layers() if layer in row}
    flat: dict[str, list[tuple[str, dict[str, Any]]]] = {layer: [] for layer in present}
    seen: set[str] = set()
    for n, row in enumerate(_bar(rows, path, unit, progress), 1):
        if row is None:
            continue
        where = f"{path}: {unit} {n}"
        found = _schema_problems(validator, row, where)
        if found:
            problems += found
            continue
        doc_id = row["id"]
        if doc_id not in texts:
            problems.append(f"{where}: unknown document id {doc_id!r} (not a gold document of the gold corpus)")
            continue
        if doc_id in seen:
            problems.append(f"{where}: document {doc_id} appears twice")
            continue
        seen.add(doc_id)
        text = texts[doc_id]
        if "text" in row and row["text"] != text:
            problems.append(f"{where}: text differs from the gold document {doc_id}'s text")
            continue
        for layer in sorted(present):
            if layer not in row:
                problems.append(f"{where}: missing field {layer!r} (other document rows of this file have it)")
                continue
            for i, record in enumerate(row[layer]):
                found = _span_problems(layer, record, text, f"{where}: {layer}.{i}")
                problems += found
                if not found:
                    flat[layer].append((f"{where}: {layer}.{i}", {"doc_id": doc_id, **record}))
    if not problems:
        for layer in (l for l in registry.nested_layers() if l in present):
            out.add(layer, flat[layer], str(path))
    return problems


# ---------------------------------------------------------------- scoring
def evaluate_layer(layer: str, gold: Gold, pred: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The report of one layer, built by the same code as `wirespan score`."""
    return layer_report(layer, gold.documents, gold.variants or [], pred)


def run(gold_corpus: Path, pred_paths: Sequence[Path | str | Rows], schema_dir: Path | None = None,
        progress: bool = False) -> dict[str, Any]:
    """Check the predictions (files, folders or in-memory `Rows`) and score every layer they contain;
    the full JSON report.

    `duplicates` lists, per layer, the rows dropped as repeats of an earlier
    row (counted once); `duplicate_warnings` says it in one line per layer.
    """
    gold_corpus = Path(gold_corpus)
    gold = load_gold(gold_corpus)
    schemas = Schemas(Path(schema_dir) if schema_dir else gold_corpus / "schema")
    with without_cyclic_gc():  # millions of row dicts: see `metrics.without_cyclic_gc`
        preds = read_predictions(pred_paths, gold, schemas, progress)
    layers: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    for layer in registry.names():
        if layer not in preds.layers:
            continue
        if layer == "variants" and gold.variants is None:
            skipped[layer] = "the gold corpus publishes no variants config (no gold pairs to score against)"
            continue
        layers[layer] = {"predictions": preds.sources[layer], **evaluate_layer(layer, gold, preds.layers[layer])}
    if not layers and not skipped:
        raise PredictionError([f"{', '.join(map(source_name, pred_paths))}: no prediction layer found"])
    duplicates = {layer: {"count": len(where), "where": where} for layer, where in preds.duplicates.items()}
    return {"gold": str(gold_corpus), "documents": [d["id"] for d in gold.documents], "layers": layers,
            "skipped": skipped, "duplicates": duplicates}


def duplicate_warnings(report: Mapping[str, Any], shown: int = 3) -> list[str]:
    """One warning per layer with duplicate prediction rows: how many, and where the first ones are."""
    lines = []
    for layer, d in report.get("duplicates", {}).items():
        more = f" and {d['count'] - shown} more" if d["count"] > shown else ""
        lines.append(f"warning: {d['count']} duplicate {layer} prediction row(s) counted once (same document "
                     f"and offsets as an earlier row): {'; '.join(d['where'][:shown])}{more}")
    return lines


def table(report: Mapping[str, Any]) -> str:
    """A readable overview: one line per layer, then each layer's summary."""
    lines = [f"{'layer':10s} {'gold':>6s} {'pred':>6s}  {'exact P':>7s} {'R':>6s} {'F1':>6s}  {'overlap F1':>10s}"]
    for layer, r in report["layers"].items():
        scoring = registry.get(layer).scoring
        if scoring == "characters":
            lines.append(f"{layer:10s} {'':>6s} {'':>6s}  character accuracy {r['accuracy']:.4f} "
                         f"({r['correct']}/{r['characters']})")
        elif scoring == "pairs":
            lines.append(f"{layer:10s} {r['n_gold']:6d} {r['n_pred']:6d}  "
                         + ", ".join(f"{k} F1 {v['f1']:.3f}" for k, v in r["kinds"].items()))
        else:
            ex = r["exact"]
            lines.append(f"{layer:10s} {r['n_gold']:6d} {r['n_pred']:6d}  {ex['precision']:7.3f} {ex['recall']:6.3f} "
                         f"{ex['f1']:6.3f}  {r['overlap']['f1']:10.3f}")
    for layer, reason in report.get("skipped", {}).items():
        lines.append(f"{layer:10s} skipped: {reason}")
    lines.append("")
    lines += [r["summary"] for r in report["layers"].values()]
    return "\n".join(lines)
