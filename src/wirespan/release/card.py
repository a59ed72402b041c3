"""The data card: DATACARD.md (hand-written prose) + YAML front matter and
tables generated from the data at every build.

Nothing numeric in the card is typed by hand: `configs`, `dataset_info`
(features, split sizes, byte sizes) and the blocks between
`<!-- BEGIN generated:NAME -->` and `<!-- END generated:NAME -->` are
rendered from the Parquet files, so the card cannot drift from the data
(`datasets` raises on a stale `num_examples`, and `wirespan validate` checks
the rest).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import yaml

from wirespan.corpus.gold import variant_id
from wirespan.corpus.layout import SPLIT, parquet_path
from wirespan.corpus.schema import Schemas
from wirespan.errors import CorpusIssue
from wirespan.layers import registry
from wirespan.release import card_tables, citation
from wirespan.version import __version__

_BLOCK = re.compile(r"(<!-- BEGIN generated:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- END generated:(?P=name) -->)",
                    re.DOTALL)

#: Hub metadata that is not derived from the data (checked by tests against
#: the allowed values the `datasets` package ships).
STATIC_METADATA: dict[str, Any] = {
    "pretty_name": "wirespan",
    "language": ["en"],
    "license": "other",
    "license_name": "mixed-news-copyright",
    "license_link": "LICENSE.md",
    "annotations_creators": ["expert-generated"],
    "language_creators": ["found"],
    "multilinguality": ["monolingual"],
    "size_categories": ["n<1K"],
    "source_datasets": ["original"],
    "task_categories": ["token-classification", "text-classification"],
    "task_ids": ["named-entity-recognition"],
    "tags": ["news", "quotation-attribution", "numeric-expressions", "toponym-resolution",
             "cross-document-alignment", "text-reuse"],
}


#: Hub metadata of a silver corpus (every document `status: silver`, what `wirespan annotate` writes);
#: `language` and `size_categories` are derived from its documents.
SILVER_METADATA: dict[str, Any] = {
    "pretty_name": "wirespan silver predictions",
    "license": "unknown",
    "annotations_creators": ["machine-generated"],
    "language_creators": ["found"],
    "multilinguality": ["monolingual"],
    "task_categories": STATIC_METADATA["task_categories"],
    "task_ids": STATIC_METADATA["task_ids"],
    "tags": ["silver", "machine-annotated", *STATIC_METADATA["tags"]],
}

#: Upper bounds of the Hub's size categories (`datasets` resources, size_categories.json).
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"))


def is_silver(documents: Sequence[Mapping[str, Any]]) -> bool:
    """A silver corpus: documents, every one of them `status: silver` (machine annotations, unreviewed)."""
    return bool(documents) and all(d.get("status") == "silver" for d in documents)


def static_metadata(documents: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The Hub metadata not derived from the Parquet files: the gold corpus's, or a silver corpus's."""
    if not is_silver(documents):
        return dict(STATIC_METADATA)
    languages = sorted({d.get("language") for d in documents if isinstance(d.get("language"), str)})
    size = next((name for bound, name in SIZE_CATEGORIES if len(documents) < bound), "n>1T")
    return {**SILVER_METADATA, "language": languages, "size_categories": [size]}


def config_entries(configs: Sequence[str]) -> list[dict[str, Any]]:
    """The `configs` list: one Parquet file per config, split `test`."""
    entries = []
    for config in configs:
        entry: dict[str, Any] = {"config_name": config}
        if config == "documents":
            entry["default"] = True
        entry["data_files"] = [{"split": SPLIT, "path": parquet_path(config)}]
        entries.append(entry)
    return entries


def dataset_info(corpus: Path, configs: Sequence[str], schemas: Schemas) -> list[dict[str, Any]]:
    """`dataset_info` per config, from the Parquet files on disk."""
    infos = []
    for config in configs:
        path = Path(corpus) / parquet_path(config)
        table = pq.read_table(path)
        infos.append({
            "config_name": config,
            "features": schemas.features(config)._to_yaml_list(),
            "splits": [{"name": SPLIT, "num_bytes": table.nbytes, "num_examples": table.num_rows}],
            "download_size": path.stat().st_size,
            "dataset_size": table.nbytes,
        })
    return infos


def front_matter(corpus: Path, schemas: Schemas, documents: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The whole YAML front matter of the published card (configs: those with a Parquet file)."""
    configs = [c for c in registry.configs() if (Path(corpus) / parquet_path(c)).exists()]
    return {**static_metadata(documents), "configs": config_entries(configs),
            "dataset_info": dataset_info(corpus, configs, schemas)}


#: Blocks rendered from the committed evaluation reports (`reports/*.json`), not from the corpus.
REPORT_BLOCKS = tuple(card_tables.REPORT_TABLES)


def load_reports(folder: Path) -> dict[str, Any]:
    """Every JSON report of `reports/`, by file stem ("score-quotes", "agreement-figures", ...)."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))}


def render_blocks(card_text: str, tables: Mapping[str, Sequence[Mapping[str, Any]]],
                  reports: Mapping[str, Any] | None = None) -> str:
    """Replace every generated block of the card with a table rendered from the data.

    Report blocks are rendered only when `reports` is given (the project build);
    a published corpus has no reports folder, so its validation leaves them be.
    """
    renderers = {"contents": lambda: _contents(tables), "documents": lambda: _documents(tables),
                 "version": lambda: f"**Version {__version__}**\n", "ids": lambda: _ids(tables),
                 "citation": lambda: citation.block(card_text)}
    if reports is not None:
        renderers.update({name: (lambda render=render: render(reports))
                          for name, render in card_tables.REPORT_TABLES.items()})

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name in REPORT_BLOCKS and reports is None:
            return match.group(0)
        if name not in renderers:
            raise ValueError(f"DATACARD.md: unknown generated block {name!r}")
        return f"{match.group(1)}{renderers[name]()}{match.group(4)}"

    return _BLOCK.sub(replace, card_text)


def _contents(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    lines = ["| config | rows (split `test`) | one row per |", "|---|---:|---|"]
    per = {registry.DOCUMENTS: "article", **{layer.name: layer.row for layer in registry.layers()}}
    for config in registry.configs():
        rows = len(tables.get(config, ()))
        shown = f"`{config}`" if rows or config == "documents" else f"`{config}` (not published: no rows yet)"
        lines.append(f"| {shown} | {rows} | {per[config]} |")
    return "\n".join(lines) + "\n"


def _documents(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    lines = ["| id | title | published | outlet | wire | derivation | story | characters | "
             + " | ".join(registry.document_layers()) + " |",
             "|---|---|---|---|---|---|---|---:|" + "---:|" * len(registry.document_layers())]
    counts = {layer: Counter(r["doc_id"] for r in tables.get(layer, ()))
              for layer in registry.document_layers() if layer not in registry.nested_layers()}
    for doc in tables["documents"]:
        src = doc["source"]
        cells = [f"`{doc['id']}`", card_tables.cell(doc["title"]), card_tables.cell(doc["published"]), card_tables.cell(src["outlet"]),
                 card_tables.cell(src["wire"]), f"`{src['derivation']}`", card_tables.cell(src.get("story")), str(len(doc["text"]))]
        cells += [str(len(doc[layer]) if layer in doc else counts[layer][doc["id"]])
                  for layer in registry.document_layers()]
        lines.append("| " + " | ".join(cells) + " |")
    seg = Counter(s["label"] for d in tables["documents"] for s in d["segments"])
    lines.append("")
    lines.append("Segments by label: " + ", ".join(f"`{k}` {v}" for k, v in sorted(seg.items())) + ".")
    return "\n".join(lines) + "\n"


def _ids(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """Every config's id format, from the registry's id formula and `variant_id`, with an id from the data."""
    docs = tables.get(registry.DOCUMENTS, ())
    lines = ["| records | `id` | example from this corpus |", "|---|---|---|",
             f"| `documents` | 16 lower-case hex digits (of the seed file name) | "
             f"{_code(docs[0]['id'] if docs else None)} |"]
    for layer in registry.layers():
        if layer.scope == "corpus":
            side = {k: f"{{{{side}}.{k}}}" for k in ("doc_id", "start", "end")}
            formula = variant_id({"kind": "{kind}", "a": {k: v.replace("{side}", "a") for k, v in side.items()},
                                  "b": {k: v.replace("{side}", "b") for k, v in side.items()}})
        else:
            formula = layer.annotation_id("{doc_id}", "{start}", "{end}")  # type: ignore[arg-type]
        rows = tables.get(layer.name) or [r for d in docs for r in d.get(layer.name, ())]
        where = f"`{layer.name}`" + ("" if layer.flat else " (nested in `documents`)")
        lines.append(f"| {where} | `{formula}` | {_code(rows[0]['id'] if rows else None)} |")
    return "\n".join(lines) + "\n"


def _code(value: str | None) -> str:
    return "—" if value is None else f"`{value}`"


def render_card(datacard: str, corpus: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]],
                schemas: Schemas, reports: Mapping[str, Any] | None = None) -> str:
    """The corpus README.md: generated front matter + DATACARD.md with its blocks filled."""
    meta = yaml.safe_dump(front_matter(corpus, schemas, tables["documents"]), sort_keys=False, allow_unicode=True,
                          width=1000)
    return f"---\n{meta}---\n\n{render_blocks(datacard, tables, reports)}"


def read_front_matter(readme: Path) -> dict[str, Any]:
    """The YAML front matter of a card file."""
    text = Path(readme).read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    if not match:
        raise ValueError(f"{readme}: no YAML front matter")
    return yaml.safe_load(match.group(1))


def front_matter_issues(corpus: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]],
                        schemas: Schemas) -> list[CorpusIssue]:
    """The card's front matter and generated blocks must equal what the data gives now."""
    readme = Path(corpus) / "README.md"
    if not readme.exists():
        return [CorpusIssue(str(readme), "missing data card", check="card-missing", level=5)]
    try:
        found = read_front_matter(readme)
        body = readme.read_text(encoding="utf-8")
        blocks = render_blocks(body, tables)
    except (OSError, ValueError, yaml.YAMLError) as exc:  # ValueError: UTF-8, no front matter, unknown block
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [CorpusIssue(str(readme), f"unreadable card: {reason}", check="card-unreadable", level=5)]
    if not isinstance(found, dict):
        return [CorpusIssue(str(readme), "unreadable card: the front matter is not a mapping", check="card-unreadable",
                            level=5)]
    issues = []
    expected = front_matter(corpus, schemas, tables.get("documents", []))
    for key in expected:
        if found.get(key) != expected[key]:
            issues.append(CorpusIssue(str(readme), f"front matter {key!r} is out of sync with the data", check="card-front-matter-stale", level=5))
    if blocks != body:
        issues.append(CorpusIssue(str(readme), "a generated table is out of sync with the data", check="card-table-stale", level=5))
    return issues


_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")  # links and images
_FENCED = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1", re.MULTILINE | re.DOTALL)


def relative_links(card_text: str) -> list[str]:
    """The targets of the card's Markdown links that are not absolute addresses or in-page anchors."""
    prose = _FENCED.sub("", card_text)
    targets = [m.group(1) for m in _LINK.finditer(prose)]
    return [t for t in targets if not re.match(r"^[a-z][a-z0-9+.-]*:", t, re.IGNORECASE) and not t.startswith("#")]


def link_issues(corpus: Path) -> list[CorpusIssue]:
    """Every relative link of the card that does not resolve to a file or folder inside the corpus folder."""
    corpus = Path(corpus).resolve()
    readme = corpus / "README.md"
    if not readme.exists():
        return []
    issues = []
    for target in relative_links(readme.read_text(encoding="utf-8")):
        path = (corpus / target.split("#", 1)[0]).resolve()
        if not path.is_relative_to(corpus) or not path.exists():
            issues.append(CorpusIssue(str(readme), f"card links to {target!r}, which is not in the corpus folder",
                                      check="card-link", level=5))
    return issues
