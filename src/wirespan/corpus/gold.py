"""Curated standoff files (`gold/<layer>.jsonl`) -> annotation records.

The gold files are the source of truth for the gold documents. They carry no
ids: the id of a record is derived from its offsets
(`{doc_id}:{layer}:{start}-{end}`), so ids are stable across rebuilds and two
records claiming the same span in one layer collide as duplicates.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from wirespan.corpus.jsonl import loads, read_lines
from wirespan.errors import CorpusError, CorpusIssue
from wirespan.layers import registry


def read_jsonl(path: Path, layer: str) -> tuple[list[dict[str, Any]], list[CorpusIssue]]:
    """Records of a gold JSON Lines file (each with its `_line`), and a finding per bad line (`corpus.jsonl`)."""
    lines, issues = read_lines(path, layer)
    return [{**record, "_line": lineno} for lineno, record in lines], issues


def offset_issue(record: dict[str, Any], where: str, layer: str, doc_id: str | None) -> CorpusIssue | None:
    """A finding when `start` or `end` is present but not an integer (3.0, "3", true are not offsets).

    Named here, at the line, because without integer offsets a record gets no
    id and the schema would only say that `id` is missing.
    """
    for key in ("start", "end"):
        value = record.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            return CorpusIssue(where, f"{key} must be an integer offset, got {json.dumps(value)}", doc_id, layer,
                               check="span-offsets-type", level=2)
    return None


def load_layers(gold_dir: Path, doc_ids: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Every layer's records grouped by document, with ids, sorted by offsets.

    A missing layer file means the layer has no gold records yet (empty lists).
    Records naming an unknown document fail here; everything else about them
    is checked by `validate`, which knows the text.
    """
    known = set(doc_ids)
    issues: list[CorpusIssue] = []
    layers: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for layer in registry.document_layers():
        path = Path(gold_dir) / f"{layer}.jsonl"
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if path.exists():
            records, bad = read_jsonl(path, layer)
            issues.extend(bad)
            for record in records:
                line = record.pop("_line")
                doc_id = record.pop("doc_id", None)
                if not isinstance(doc_id, str) or doc_id not in known:
                    issues.append(CorpusIssue(f"{path}:{line}", f"unknown document {doc_id!r}", doc_id, layer, check="unknown-document", level=3))
                    continue
                bad = offset_issue(record, f"{path}:{line}", layer, doc_id)
                if bad is not None:
                    issues.append(bad)
                    continue
                start, end = record.get("start"), record.get("end")
                if isinstance(start, int) and isinstance(end, int):
                    record = {"id": registry.get(layer).annotation_id(doc_id, start, end), **record}
                grouped[doc_id].append(record)
        layers[layer] = {d: sorted(grouped.get(d, []), key=_order) for d in doc_ids}
    if issues:
        raise CorpusError(issues)
    return layers


def _order(record: dict[str, Any]) -> tuple[int, int]:
    start, end = record.get("start"), record.get("end")
    return (start if isinstance(start, int) else -1, end if isinstance(end, int) else -1)


def variant_id(pair: dict[str, Any]) -> str:
    """Stable id of a variant pair: kind and both sides' offsets."""
    a, b = pair["a"], pair["b"]
    return f"{pair['kind']}:{a['doc_id']}:{a['start']}-{a['end']}~{b['doc_id']}:{b['start']}-{b['end']}"


def load_variants(gold_dir: Path) -> list[dict[str, Any]]:
    """Gold variant pairs (`gold/variants.jsonl`), ids derived from kind and both sides."""
    path = Path(gold_dir) / "variants.jsonl"
    if not path.exists():
        return []
    records, issues = read_jsonl(path, "variants")
    if issues:
        raise CorpusError(issues)
    out = []
    for record in records:
        record.pop("_line")
        try:
            vid = variant_id(record)
        except (KeyError, TypeError):
            vid = None  # the schema check names what is missing
        out.append({"id": vid, **record})
    return sorted(out, key=lambda r: (str(r["id"])))


def load_stories(gold_dir: Path, doc_ids: list[str]) -> dict[str, str | None]:
    """Story id of every document (`gold/stories.json`): which documents descend from one wire story.

    Every listed document must exist and belong to exactly one story; a
    document missing from the file has no known story (None).
    """
    path = Path(gold_dir) / "stories.json"
    story_of: dict[str, str | None] = {d: None for d in doc_ids}
    if not path.exists():
        return story_of
    try:
        stories = loads(path.read_text(encoding="utf-8"))["stories"]
        if not isinstance(stories, list) or not all(isinstance(s, dict) and isinstance(s.get("documents", []), list)
                                                    for s in stories):
            raise TypeError("'stories' must be a list of objects with a 'documents' list")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CorpusError([CorpusIssue(str(path), f"unreadable stories file: {exc}", layer="documents",
                                       check="stories-unreadable", level=1)]) from None
    issues = []
    for story in stories:
        for doc_id in story.get("documents", []):
            if not isinstance(doc_id, str) or doc_id not in story_of:
                issues.append(CorpusIssue(str(path), f"story {story.get('id')!r} lists unknown document", doc_id,
                                          "documents", check="story-unknown-document", level=3))
            elif story_of[doc_id] is not None:
                issues.append(CorpusIssue(str(path), f"document is in two stories ({story_of[doc_id]!r}, "
                                          f"{story.get('id')!r})", doc_id, "documents", check="story-twice", level=3))
            else:
                story_of[doc_id] = story.get("id")
    if issues:
        raise CorpusError(issues)
    return story_of
