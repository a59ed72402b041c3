"""The Python API: load the corpus, annotate texts, evaluate predictions, validate and verify a folder.

Every function here is a thin layer over the code the command line runs, so
the API and the CLI give the same records, reports and findings:

| CLI                    | API                                                  |
|------------------------|------------------------------------------------------|
| `wirespan annotate`    | `annotate` (in memory), `annotate_batch` (`Dataset.map`) |
| `wirespan annotate --home infer` | `infer_home`                            |
| `wirespan evaluate`    | `evaluate`                                           |
| `wirespan validate`    | `validate`                                           |
| `wirespan verify`      | `verify`                                             |
| (`datasets.load_dataset`) | `load`                                            |

Nothing is written to disk except by `datasets` itself (its cache, for `load`
and `Dataset.map`). Errors are those of the CLI: `InputError` for unusable
texts, `PredictionError` for malformed predictions, `CorpusError` when silver
records break the corpus's own rules.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from wirespan.corpus.model import Corpus, Document, Record, VariantPair
from wirespan.corpus.schema import Schemas
from wirespan.corpus.validate import check_records
from wirespan.errors import CorpusError, CorpusIssue, InputError, SchemaError
from wirespan.evaluation.predictions import Rows, run
from wirespan.layers import registry
from wirespan.pipeline.annotate import align_variants, annotate_document, complete, find_schema_dir
from wirespan.pipeline.annotate import infer_home as infer_source_home
from wirespan.pipeline.inputs import check_date, check_home, check_unique, input_document
from wirespan.release.checks import validate_corpus
from wirespan.release.verify import verify as verify_checksums

Texts = str | Sequence[str] | Sequence[Mapping[str, Any]]
Predictions = (str | Path | Corpus | Sequence[str | Path] | Sequence[Document | VariantPair]
               | Sequence[Mapping[str, Any]] | Mapping[str, Sequence[Mapping[str, Any] | Record]])


# ---------------------------------------------------------------- load
def load(corpus: str | Path = "corpus", config: str = registry.DOCUMENTS, *, split: str = "test",
         cache_dir: str | Path | None = None) -> Corpus:
    """A corpus folder (or Hub dataset id) read with `datasets.load_dataset`, plus its records as objects.

    `Corpus.dataset` is `load_dataset(corpus, config, split=split)`, exactly
    what `datasets` gives; `Corpus.documents` are the documents with their
    nested layers as frozen dataclasses, and `Corpus.variants` the variant
    pairs (None when the corpus publishes no `variants` config).
    """
    import datasets

    path = str(corpus)
    cache = str(cache_dir) if cache_dir is not None else None
    configs = datasets.get_dataset_config_names(path)
    if config not in configs:
        raise ValueError(f"{path}: no config {config!r} (configs: {', '.join(configs)})")

    def read(name: str) -> Any:
        return datasets.load_dataset(path, name, split=split, cache_dir=cache)

    dataset = read(config)
    docs = dataset if config == registry.DOCUMENTS else read(registry.DOCUMENTS)
    documents = tuple(Document.from_row(row) for row in docs)
    variants = None
    if "variants" in configs:
        rows = dataset if config == "variants" else read("variants")
        variants = tuple(VariantPair.from_row(row) for row in rows)
    flat = {layer: tuple(read(layer).to_list()) for layer in registry.names(scope="document", nested=False)
            if layer in configs}
    return Corpus(documents, variants, dataset, flat)


# ---------------------------------------------------------------- annotate
@functools.lru_cache(maxsize=8)
def _schemas(schema_dir: str | None) -> Schemas:
    return Schemas(find_schema_dir(schema_dir))


def _chosen(layers: Iterable[str] | str | None) -> tuple[tuple[str, ...], bool]:
    """(document layers, whether variants) of a choice of layers; None chooses every layer."""
    if layers is None:
        return registry.document_layers(), True
    chosen = (layers,) if isinstance(layers, str) else tuple(layers)
    unknown = [name for name in chosen if name not in registry.names()]
    if unknown:
        raise InputError(f"layers: unknown layer(s) {', '.join(unknown)} (known: {', '.join(registry.names())})")
    return (tuple(n for n in registry.document_layers() if n in chosen),
            any(registry.get(n).scope == "corpus" for n in chosen))


def _silver(inputs: Sequence[dict[str, Any]], layers: Sequence[str], published: str | None, language: str,
            schemas: Schemas, where: str, variants: bool = False, home: str | None = None
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None]:
    """Silver document rows of checked inputs with the chosen layers (and variant pairs), checked by the
    corpus's record rules as `wirespan annotate` checks them."""
    # The segments always run (the span layers are found inside them) and are checked with the chosen layers.
    partition = registry.names(scope="document", annotatable=False)
    run_layers = [n for n in registry.document_layers() if n in layers or n in partition]
    rows = [complete(annotate_document(doc, published, language, run_layers, home), schemas) for doc in inputs]
    pairs = align_variants(rows) if variants else None
    # Span layers not chosen are absent from the rows; the checks see them as annotated and empty.
    padded = [{**{n: [] for n in registry.document_layers()}, **row} for row in rows]
    issues = check_records(padded, pairs or [], schemas, lambda layer: f"{where} ({layer})")
    if issues:
        raise CorpusError(issues)
    dropped = [n for n in run_layers if n not in layers]
    return [{k: v for k, v in row.items() if k not in dropped} for row in rows], pairs


def _inputs(texts: Texts, empty: bool = False) -> list[dict[str, Any]]:
    """Input documents of a string, a list of strings or a list of `{id, text[, published][, home]}`
    (none allowed only when `empty`)."""
    items: Sequence[Any] = [texts] if isinstance(texts, str) else texts
    if isinstance(items, Mapping):
        raise InputError("texts: give a string, a list of strings, or a list of {id, text[, published][, home]} "
                         "(a single mapping goes in a list)")
    docs = [input_document({"text": item} if isinstance(item, str) else item, f"texts[{i}]")
            for i, item in enumerate(items)]
    if not docs and not empty:
        raise InputError("texts: no documents")
    for message in check_unique(docs):
        warnings.warn(message, RepeatedDocumentWarning, stacklevel=3)
    return docs


class RepeatedDocumentWarning(UserWarning):
    """An input document repeats an earlier one (same id and text): it is annotated once.

    Silence it with `warnings.simplefilter("ignore", RepeatedDocumentWarning)`;
    make it an error with `"error"` instead of `"ignore"`.
    """


def annotate(texts: Texts, layers: Iterable[str] | str | None = None, *, published: str | None = None,
             home: str | None = None, language: str = "en", schema_dir: str | Path | None = None) -> Corpus:
    """Run the baselines on texts in memory: silver documents (and variant pairs) as typed records.

    `texts` is a string, a list of strings, or a list of `{id, text[, published][, home]}`
    (ids and repeats as `wirespan annotate` treats them: an absent id is the
    text's sha256 prefix; an id that is not 16 hex digits is kept as
    `input_id` and the corpus id derived from it; an identical repeat is
    annotated once, with a `RepeatedDocumentWarning`).
    `layers` chooses among `registry.names()` (default: all); a layer not
    chosen is None on every document. `published` is only the reference date
    for years a text omits (never written into a document). `home` is the
    ISO 3166 code of where the source is published ("US", "US-TN"; see
    `infer_home`), which the locations baseline reads as an unprinted
    dateline; a record's own `home` wins; neither is written into a document.
    The records are those `wirespan annotate` writes for the same input.
    """
    doc_layers, with_variants = _chosen(layers)
    published = check_date(published, "published")
    home = check_home(home, "home")
    schemas = _schemas(str(schema_dir) if schema_dir is not None else None)
    inputs = _inputs(texts)
    # The aligner reads every document layer, so with variants every layer runs.
    run_layers = registry.document_layers() if with_variants else doc_layers
    rows, pairs = _silver(inputs, run_layers, published, language, schemas, "annotate", with_variants, home)
    nested = [n for n in registry.nested_layers() if n in doc_layers]
    documents = tuple(Document.from_row({k: v for k, v in row.items()
                                         if k in nested or k not in registry.document_layers()})
                      for row in rows)
    flat = {layer: tuple({"doc_id": row["id"], **r} for row in rows for r in row[layer])
            for layer in doc_layers if layer not in registry.nested_layers()}
    return Corpus(documents, tuple(VariantPair.from_row(p) for p in pairs) if pairs is not None else None,
                  flat=flat)


def annotate_batch(batch: Mapping[str, Sequence[Any]], text_column: str = "text", id_column: str | None = None,
                   published_column: str | None = None, layers: Iterable[str] | str | None = None,
                   published: str | None = None, language: str = "en", home_column: str | None = None,
                   home: str | None = None) -> dict[str, list[Any]]:
    """Silver layer columns for one batch of a `datasets.Dataset`, for `ds.map(annotate_batch, batched=True)`.

    Returns one column per chosen document layer (default: every one), each
    row a list of records exactly as in the corpus's `documents` config; pass
    `features=annotation_features(ds.features, layers)` to `map` so that every
    process writes the corpus's types. Ids come from `id_column` (any
    string or integer) or, without it, from the text's sha256, as `wirespan
    annotate` makes them; `published_column` and `home_column` give each row's
    own date and home (ISO 3166 code), winning over `published` and `home`
    (hints to the baselines, as in `annotate`; neither is written into a
    record); one id with two texts in a batch is refused, and an
    identical repeat is annotated once (a `RepeatedDocumentWarning`) and its
    row given the same records. Variant pairs span
    documents and cannot be made batch by batch: use `annotate` on the whole
    collection. A top-level function, so `num_proc` can pickle it.
    """
    doc_layers, with_variants = _chosen(layers if layers is not None else registry.document_layers())
    if with_variants:
        raise InputError("annotate_batch: variant pairs link documents across batches; use wirespan.annotate "
                         "on the whole collection for them")
    published = check_date(published, "published")
    home = check_home(home, "home")
    texts = batch[text_column]
    records = []
    for i, text in enumerate(texts):
        record: dict[str, Any] = {"text": text}
        if id_column is not None:
            record["id"] = batch[id_column][i]
        if published_column is not None:
            record["published"] = batch[published_column][i]
        if home_column is not None:
            record["home"] = batch[home_column][i]
        records.append(input_document(record, f"batch row {i}"))
    unique = list(records)
    for message in check_unique(unique):  # a repeat is annotated once; `map` still needs a row for it
        warnings.warn(message, RepeatedDocumentWarning, stacklevel=2)
    rows, _ = _silver(unique, doc_layers, published, language, _schemas(None), "annotate_batch", home=home)
    by_id = {row["id"]: row for row in rows}
    return {layer: [by_id[record["id"]][layer] for record in records] for layer in doc_layers}


def infer_home(texts: Texts) -> str | None:
    """The ISO 3166 code of where one news source is published, read from its own articles; None if unclear.

    `texts` as `annotate` takes them (a string, a list of strings, or of
    `{id, text[, published][, home]}`; a record's own `home` is not read
    here). Every article's places are read without a home, as the locations
    baseline reads them; the home is the country ("US") that more than half of
    the articles read a town, county or division in, with the first-level
    division ("US-TN") that more than half read one in, when one has such a
    majority. None for no articles, or when no country has a majority (or two
    are read in equally many). Pass the result as
    `annotate(..., home=...)` (or `wirespan annotate --home`); `wirespan
    annotate --home infer` does both for a folder of one source's articles.
    """
    return infer_source_home(_inputs(texts, empty=True))


def annotation_features(features: Mapping[str, Any] | None = None,
                        layers: Iterable[str] | str | None = None) -> Any:
    """`datasets.Features` of `features` (a dataset's own) plus the layer columns `annotate_batch` adds.

    The layer types are those of the corpus's `documents` config, derived
    from the JSON Schemas like every other type of the corpus.
    """
    import datasets

    import pyarrow as pa

    doc_layers, _ = _chosen(layers if layers is not None else registry.document_layers())
    schemas = _schemas(None)
    fields = []
    for layer in doc_layers:  # a layer's records without their doc_id, as `documents` nests them
        record = pa.struct([f for f in schemas.arrow_schema(layer) if f.name != "doc_id"])
        fields.append(pa.field(layer, pa.list_(pa.field("item", record))))
    return datasets.Features({**(features or {}), **datasets.Features.from_arrow_schema(pa.schema(fields))})


# ---------------------------------------------------------------- evaluate, validate, verify
def _sources(predictions: Predictions) -> list[Path | Rows]:
    """Prediction files and in-memory row batches, in the shape `evaluation.predictions.run` reads."""
    if isinstance(predictions, (str, Path)):
        return [Path(predictions)]
    if isinstance(predictions, Corpus):
        return [Rows(f"<{name}>", rows) for name, rows in predictions.rows().items()]
    if isinstance(predictions, Mapping):
        return [Rows(name, [r.to_row() if isinstance(r, Record) else r for r in rows])
                for name, rows in predictions.items()]
    items = list(predictions)
    if all(isinstance(p, (str, Path)) for p in items):
        return [Path(p) for p in items]
    documents = [p.to_row() for p in items if isinstance(p, Document)]
    variants = [p.to_row() for p in items if isinstance(p, VariantPair)]
    rows = [p for p in items if isinstance(p, Mapping)]
    other = [p for p in items if not isinstance(p, (Document, VariantPair, Mapping))]
    if other:
        raise TypeError(f"predictions: cannot score {type(other[0]).__name__} items: give paths, Documents, "
                        "VariantPairs, rows (mappings), or {layer: rows} (records of a layer need their doc_id)")
    out: list[Path | Rows] = []
    if documents:
        out.append(Rows(f"<{registry.DOCUMENTS}>", documents))
    if variants:
        out.append(Rows("<variants>", variants))
    if rows:
        out.append(Rows("<rows>", rows))
    return out


def evaluate(gold: str | Path = "corpus", predictions: Predictions = (), *,
             schema_dir: str | Path | None = None, progress: bool = False) -> dict[str, Any]:
    """Score predictions against a gold corpus folder: the report `wirespan evaluate --json` writes.

    `predictions` is a path (predictions folder, Parquet or JSONL file) or a
    list of them, a `Corpus` or list of `Document`/`VariantPair` (what
    `annotate` returns), a list of rows (document, flat layer or variant rows,
    told apart by their fields), or `{config: rows}`. Every row is checked
    first, as the CLI checks files (`PredictionError` lists every problem).
    """
    sources = _sources(predictions)
    if not sources:
        raise InputError("predictions: nothing to evaluate")
    return run(Path(gold), sources, Path(schema_dir) if schema_dir is not None else None, progress=progress)


def validate(folder: str | Path = "corpus", *, schema_dir: str | Path | None = None) -> list[CorpusIssue]:
    """Every problem `wirespan validate` finds in a built corpus folder (empty: valid).

    A missing folder, or a missing or unreadable schema copy inside it, is a
    finding about the corpus; a schema folder you name that cannot be read
    raises `SchemaError` (bad usage).
    """
    folder = Path(folder)
    if not folder.is_dir():
        return [CorpusIssue(str(folder), "no such corpus folder", check="corpus-missing", level=1)]
    try:
        schemas = Schemas(Path(schema_dir) if schema_dir is not None else folder / "schema")
    except SchemaError as exc:
        if schema_dir is not None:
            raise
        return [exc.finding()]
    return validate_corpus(folder, schemas)


def verify(folder: str | Path = "corpus") -> list[CorpusIssue]:
    """Every file of a corpus copy that differs from its `checksums.json` (empty: intact)."""
    return verify_checksums(Path(folder))


__all__ = ["RepeatedDocumentWarning", "annotate", "annotate_batch", "annotation_features", "evaluate", "infer_home",
           "load", "validate", "verify"]
