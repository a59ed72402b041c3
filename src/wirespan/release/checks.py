"""`wirespan validate`: every check of a built corpus folder, reading only what is on disk.

The record checks of `wirespan.corpus.validate` (JSON Schema and SPEC rules),
plus what only a published folder has: Parquet schemas equal to the derived
Arrow schemas, flat configs equal to the layers nested in `documents`, the
card's front matter and generated tables in sync with the data, the card's
Hub metadata, and `checksums.json` in sync with the files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from wirespan.corpus.layout import flatten, nest, parquet_path, read_config
from wirespan.corpus.schema import Schemas
from wirespan.corpus.validate import check_records, schema_issues
from wirespan.errors import CorpusIssue
from wirespan.layers import registry
from wirespan.release import card, cardmeta, checksums


def read_tables(corpus: Path, schemas: Schemas) -> tuple[dict[str, list[dict[str, Any]]], list[CorpusIssue]]:
    """Rows of every config on disk (an unpublished, empty config reads as no rows), or why not."""
    issues: list[CorpusIssue] = []
    tables: dict[str, list[dict[str, Any]]] = {}
    for config in registry.configs():
        path = corpus / parquet_path(config)
        if not path.exists():
            if config == registry.DOCUMENTS:
                issues.append(CorpusIssue(str(path), "missing Parquet file", layer=config, check="parquet-missing", level=1))
            else:
                tables[config] = []  # unpublished because empty; checked against the nested layers below
            continue
        try:
            arrow = pq.read_schema(path)
            expected = schemas.arrow_schema(config)
            if not arrow.remove_metadata().equals(expected):
                issues.append(CorpusIssue(str(path), f"Parquet schema differs from schema/{config}: "
                                          f"got {arrow.remove_metadata()}", layer=config, check="parquet-schema", level=2))
                continue
            tables[config] = read_config(corpus, config)
        except (OSError, pa.ArrowException) as exc:  # a damaged file: bad footer, page, length or UTF-8
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            issues.append(CorpusIssue(str(path), f"unreadable Parquet file: {reason}", layer=config,
                                      check="parquet-unreadable", level=1))
    return tables, issues


def validate_corpus(corpus: Path, schemas: Schemas) -> list[CorpusIssue]:
    """Every check of a built corpus folder, reading only what is on disk."""
    corpus = Path(corpus)
    tables, issues = read_tables(corpus, schemas)
    if issues:
        return issues

    def file_of(layer: str) -> str:
        nested = layer in registry.nested_layers() or layer == registry.DOCUMENTS
        return str(corpus / parquet_path(registry.DOCUMENTS if nested else layer))

    docs = [dict(d) for d in tables[registry.DOCUMENTS]]
    nested = set(registry.nested_layers())
    pairs = registry.names(scope="corpus")
    for config in registry.configs()[1:]:
        if config in nested or config in pairs:
            issues += schema_issues(tables[config], config, schemas, file_of)
        else:
            nest(docs, config, tables[config])  # flat-only layers are checked with the documents
    issues += check_records(docs, tables["variants"], schemas, file_of)
    for layer in registry.configs()[1:]:
        if layer in nested and tables[layer] != flatten(docs, layer):
            if not (corpus / parquet_path(layer)).exists():
                issues.append(CorpusIssue(str(corpus / parquet_path(layer)), "missing Parquet file of a non-empty "
                                          "layer", layer=layer, check="parquet-missing", level=1))
                continue
            issues.append(CorpusIssue(file_of(layer), f"flat config {layer!r} differs from the {layer} nested in "
                                      "documents", layer=layer, check="flat-config-differs", level=4))
    card_found = card.front_matter_issues(corpus, tables, schemas)
    issues += card_found
    issues += card.link_issues(corpus)
    readme = corpus / "README.md"
    if readme.exists() and not any(i.check == "card-unreadable" for i in card_found):
        issues += [CorpusIssue(str(readme), f"card: {message}", check="card-metadata", level=5) for message in cardmeta.check_card(readme)]
    issues += checksums.checksum_issues(corpus)
    return by_cause(issues)


def by_cause(issues: list[CorpusIssue]) -> list[CorpusIssue]:
    """Findings with root causes first: files, then schemas, records, structure, release (stable within a level)."""
    return sorted(issues, key=lambda issue: issue.level)
