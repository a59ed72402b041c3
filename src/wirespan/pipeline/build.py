"""Build the publishable corpus: seeds -> documents -> layers -> validation -> Parquet, card, checksums.

The build is deterministic (explicit Arrow schema, stable row order, fixed
writer options, pinned pyarrow) and atomic: it writes into a temporary folder
beside the target, validates what it wrote from disk, and only then swaps it
in. A failed build raises `CorpusError` and leaves the previous corpus as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from wirespan.corpus.gold import load_layers, load_stories, load_variants
from wirespan.corpus import layout
from wirespan.corpus.layout import parquet_path, swap, write_parquet
from wirespan.corpus.schema import Schemas
from wirespan.corpus.seeds import load_documents
from wirespan.corpus.validate import check_records
from wirespan.errors import CorpusError, CorpusIssue
from wirespan.layers import registry
from wirespan.release import card, checksums, citation, croissant
from wirespan.release.checks import validate_corpus
from wirespan.version import __version__

@dataclass
class Inputs:
    """Everything the corpus is built from, checked."""

    documents: list[dict[str, Any]]
    variants: list[dict[str, Any]]


def project_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding a project's `schema/` and `seeds/`, or None."""
    start = Path(start).resolve()
    for candidate in (start, *start.parents):
        if (candidate / "schema").is_dir() and (candidate / "seeds").is_dir():
            return candidate
    return None


def input_file(root: Path, layer: str) -> str:
    """Where a record of `layer` comes from, for error messages."""
    if layer == "documents":
        return str(root / "seeds" / "manifest.json")
    return str(root / "gold" / f"{layer}.jsonl")


def load_inputs(root: Path, schemas: Schemas) -> Inputs:
    """Seeds and gold standoff, joined and validated; raises CorpusError on any problem."""
    root = Path(root)
    docs = load_documents(root / "seeds")
    layers = load_layers(root / "gold", [d["id"] for d in docs])
    stories = load_stories(root / "gold", [d["id"] for d in docs])
    for doc in docs:
        doc["source"]["story"] = stories[doc["id"]]
        for layer in registry.document_layers():
            doc[layer] = layers[layer][doc["id"]]
    variants = load_variants(root / "gold")
    issues = check_records(docs, variants, schemas, lambda layer: input_file(root, layer))
    if issues:
        raise CorpusError(issues)
    return Inputs(docs, variants)


def tables_of(inputs: Inputs) -> dict[str, list[dict[str, Any]]]:
    """Rows of every config, in their published order."""
    return layout.tables(inputs.documents, inputs.variants)


def write_corpus(folder: Path, root: Path, tables: dict[str, list[dict[str, Any]]], schemas: Schemas) -> None:
    """Every file of the corpus into `folder` (which must be empty)."""
    configs = registry.published_configs({c: len(rows) for c, rows in tables.items()})
    for config in configs:
        write_parquet(tables[config], schemas.arrow_schema(config), folder / parquet_path(config))
    schema_out = folder / "schema"
    schema_out.mkdir()
    for name in sorted(schemas.documents):
        shutil.copyfile(schemas.folder / name, schema_out / name)
    datacard = (root / "DATACARD.md").read_text(encoding="utf-8")
    reports = card.load_reports(root / "reports")
    (folder / "README.md").write_text(card.render_card(datacard, folder, tables, schemas, reports),
                                      encoding="utf-8")
    copy_project_files(root, folder)
    (folder / citation.CFF).write_text(citation.cff_text(datacard), encoding="utf-8")
    croissant.write_croissant(folder, schemas, list(configs), __version__)
    checksums.write(folder)


def copy_project_files(root: Path, folder: Path) -> None:
    """The project files the card cites (`layout.PROJECT_FILES`) into the corpus; a missing one fails the build."""
    missing = [source for source in layout.PROJECT_FILES.values() if not (root / source).exists()]
    if missing:
        raise CorpusError([CorpusIssue(str(root / source), "missing: the card cites it and the corpus ships it",
                                       check="project-file-missing", level=1)
                           for source in missing])
    for published, source in layout.PROJECT_FILES.items():
        target = folder / published
        target.parent.mkdir(parents=True, exist_ok=True)
        if (root / source).is_dir():
            shutil.copytree(root / source, target)
        else:
            shutil.copyfile(root / source, target)


def build(root: Path, out: Path | None = None, lock_timeout: float = layout.LOCK_TIMEOUT) -> dict[str, int]:
    """Build `out` (default `<root>/corpus`) from the project at `root`; return row counts.

    Building the project's own `corpus/` also refreshes the generated tables of
    its DATACARD.md; a build elsewhere (a test, a scratch copy) writes only `out`.
    The build holds the lock on `out` while it writes (`layout.output_lock`):
    a concurrent build waits up to `lock_timeout` seconds, and temporary
    folders a killed build left are removed first.
    """
    root = Path(root).resolve()
    out = Path(out).resolve() if out else root / "corpus"
    schemas = Schemas(root / "schema")
    inputs = load_inputs(root, schemas)
    tables = tables_of(inputs)
    with layout.output_lock(out, lock_timeout):
        tmp = Path(tempfile.mkdtemp(prefix=layout.temp_prefix(out), dir=out.parent))
        tmp.chmod(0o755)  # mkdtemp makes it private; the corpus is for everyone to read
        try:
            write_corpus(tmp, root, tables, schemas)
            issues = validate_corpus(tmp, schemas)
            if issues:
                raise CorpusError([replace(i, file=i.file.replace(str(tmp), str(out) + " (as built)"))
                                   for i in issues])
            swap(tmp, out)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)
        if out == root / "corpus":
            refresh_datacard(root, tables)
            citation.refresh(root)
    return {config: len(rows) for config, rows in tables.items()}


def refresh_datacard(root: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Keep the generated tables of the project's DATACARD.md equal to the corpus card's."""
    path = Path(root) / "DATACARD.md"
    text = path.read_text(encoding="utf-8")
    fresh = card.render_blocks(text, tables, card.load_reports(Path(root) / "reports"))
    if fresh != text:
        path.write_text(fresh, encoding="utf-8")
