"""What the viewer reads: the corpus, the card's report tables and predictions, through the modules that own them.

The viewer shows the corpus as built (Parquet files), the card's agreement and
baseline tables rendered by the card's own code from the same reports, and,
in the errors view, predictions read and matched by the evaluation core, so
its counts are those of `wirespan evaluate`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from markdown_it import MarkdownIt
from markupsafe import Markup

from wirespan.corpus.layout import parquet_path
from wirespan.corpus.schema import Schemas
from wirespan.errors import CorpusIssue, PredictionError, UsageError
from wirespan.evaluation.predictions import evaluate_layer, load_gold, read_predictions
from wirespan.layers import registry
from wirespan.release.card import load_reports, render_blocks

__all__ = ["Corpus", "Errors", "PredictionError", "ViewError", "card_tables", "load_corpus", "load_errors"]

#: The card's tables the index shows (blocks of DATACARD.md rendered from reports/*.json).
CARD_TABLES = {"agreement": "Agreement between the two annotators", "baselines": "Baselines"}


class ViewError(UsageError):
    """The corpus cannot be shown: one line per problem, naming the file."""

    def __init__(self, issues: Sequence[CorpusIssue | str]):
        self.issues = list(issues)
        super().__init__("\n".join(f"  - {i}" for i in self.issues))


@dataclass
class Corpus:
    """The documents (with nested layers) and the variant pairs of a built corpus."""

    folder: Path
    documents: list[dict[str, Any]]
    variants: list[dict[str, Any]] = field(default_factory=list)

    @property
    def by_id(self) -> dict[str, dict[str, Any]]:
        return {d["id"]: d for d in self.documents}


def load_corpus(folder: Path) -> Corpus:
    """Read the `documents` and (when published) `variants` configs of a built corpus."""
    folder = Path(folder)
    path = folder / parquet_path("documents")
    if not path.exists():
        raise ViewError([CorpusIssue(str(path), f"no documents file: is {folder} a built corpus?")])
    documents = pq.read_table(path).to_pylist()
    vpath = folder / parquet_path("variants")
    variants = pq.read_table(vpath).to_pylist() if vpath.exists() else []
    ids = {d["id"] for d in documents}
    dangling = [CorpusIssue(str(vpath), f"variant side names unknown document {v[s]['doc_id']}", record_id=v["id"])
                for v in variants for s in ("a", "b") if v[s]["doc_id"] not in ids]
    if dangling:
        raise ViewError(dangling)
    return Corpus(folder, documents, variants)


def card_tables(reports: Path | None) -> dict[str, Markup]:
    """The card's agreement and baseline tables as HTML, rendered by the card from `reports/*.json`.

    Empty when there is no reports folder (a corpus downloaded from the Hub
    has none; its card, README.md, carries the same tables).
    """
    if reports is None or not Path(reports).is_dir():
        return {}
    loaded = load_reports(Path(reports))
    template = "".join(f"<!-- BEGIN generated:{name} -->\n<!-- END generated:{name} -->\n" for name in CARD_TABLES)
    filled = render_blocks(template, {}, loaded)
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    out = {}
    for name in CARD_TABLES:
        begin, end = f"<!-- BEGIN generated:{name} -->\n", f"<!-- END generated:{name} -->"
        body = filled.split(begin, 1)[1].split(end, 1)[0]
        out[name] = Markup(md.render(body))
    return out


@dataclass
class Errors:
    """Gold documents and prediction rows per layer, as `wirespan evaluate` reads them, and its report."""

    documents: list[dict[str, Any]]
    variants: list[dict[str, Any]]
    predictions: dict[str, list[dict[str, Any]]]
    sources: dict[str, list[str]]
    report: dict[str, Any]


def load_errors(gold_corpus: Path, pred: Sequence[Path]) -> Errors:
    """Read the gold corpus and the predictions exactly as `wirespan evaluate` does, and score them."""
    gold = load_gold(Path(gold_corpus))
    preds = read_predictions([Path(p) for p in pred], gold, Schemas(Path(gold_corpus) / "schema"))
    report = {}
    for layer, rows in preds.layers.items():
        if layer == "variants" and gold.variants is None:
            continue
        report[layer] = evaluate_layer(layer, gold, rows)
    return Errors(gold.documents, gold.variants or [], dict(preds.layers), dict(preds.sources), report)


def layer_attributes(layer: str) -> Sequence[str]:
    """The attributes `wirespan evaluate` compares on matched spans of a layer."""
    return registry.get(layer).attributes if layer in registry.names() else ()


def rows_by_doc(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Flat rows grouped by `doc_id`, in their order."""
    out: dict[str, list[Mapping[str, Any]]] = {}
    for r in rows:
        out.setdefault(r["doc_id"], []).append(r)
    return out
