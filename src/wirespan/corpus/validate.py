"""Every check a record must pass, for gold inputs and for a built corpus.

Two kinds of check run on plain Python values (never numpy scalars):
1. the JSON Schema of each row (`schema/*.schema.json`), and
2. the semantic rules of SPEC §1, §3 and §8 that a schema cannot express:
   offsets in range, `text[start:end] == span.text`, segments covering the
   text without overlap, annotations inside annotatable segments, unique and
   offset-derived ids, variant sides and references that exist, seed hashes.

Each problem is a `CorpusIssue` naming file, document, layer, record id and
offset. `wirespan.release.checks.validate_corpus` adds the checks of the
published folder: Parquet schema, flat configs equal to the nested layers,
card front matter and checksums in sync with the files.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from wirespan.corpus.schema import Schemas
from wirespan.errors import CorpusIssue
from wirespan.layers import registry
from wirespan.text.regions import ANNOTATABLE
from wirespan.text.spans import merged_ranges

FileOf = Callable[[str], str]
#: A character that is not whitespace (`\S` and `str.isspace` agree on every character).
NON_SPACE = re.compile(r"\S")


# ---------------------------------------------------------------- schema
#: Where a schema finding points: (document id or None, layer, index of the record in its document's layer list).
Place = tuple[Any, str, int | None]


def schema_issues(rows: Sequence[Mapping[str, Any]], config: str, schemas: Schemas,
                  file_of: FileOf) -> list[CorpusIssue]:
    """JSON Schema errors of every row, located down to the nested record, one finding per bad record."""
    return [issue for issue, _ in located_schema_issues(rows, config, schemas, file_of)]


def located_schema_issues(rows: Sequence[Mapping[str, Any]], config: str, schemas: Schemas,
                          file_of: FileOf) -> list[tuple[CorpusIssue, Place]]:
    """Every bad record once (its errors joined into one finding), with the place of the record.

    One record with a wrong enum value and an extra key is one finding, not two:
    the record is the unit a curator fixes.
    """
    validator = schemas.validator(config)
    fast = schemas.fast_check(config)
    found: list[tuple[CorpusIssue, Place]] = []
    for n, row in enumerate(rows):
        if fast is not None and fast(row):  # valid: the full validator would find nothing
            continue
        by_place: dict[Place, list[CorpusIssue]] = {}
        for error in sorted(validator.iter_errors(row), key=lambda e: list(map(str, e.absolute_path))):
            issue, place = _locate(error, row, config, file_of, n)
            by_place.setdefault(place, []).append(issue)
        for place, issues in by_place.items():
            first = issues[0]
            message = "; ".join(dict.fromkeys(i.message.removeprefix("schema: ") for i in issues))
            found.append((CorpusIssue(first.file, f"schema: {message}", first.doc_id, first.layer, first.record_id,
                                      first.offset, check=first.check, level=2), place))
    return found


def _locate(error: Any, row: Mapping[str, Any], config: str, file_of: FileOf, n: int) -> tuple[CorpusIssue, Place]:
    """The finding of one error, and its place: a nested record's index, or the row number `n` of a flat row."""
    path = list(error.absolute_path)
    doc_id = row.get("doc_id", row.get("id")) if config != "variants" else None
    layer, record, index = config, row, (None if config == registry.DOCUMENTS else n)
    if config == "documents" and len(path) >= 2 and path[0] in registry.nested_layers() and isinstance(path[1], int):
        layer, record, index = path[0], row[path[0]][path[1]], path[1]
        path = path[2:]
    record_id = record.get("id") if isinstance(record, Mapping) else None
    offset = record.get("start") if isinstance(record, Mapping) else None
    field = ".".join(map(str, path)) or "(record)"
    issue = CorpusIssue(file_of(layer), f"schema: {field}: {error.message}", doc_id if isinstance(doc_id, str) else None,
                        layer, record_id if isinstance(record_id, str) else None,
                        offset if isinstance(offset, int) and not isinstance(offset, bool) else None,
                        check=f"schema-{error.validator}", level=2)
    return issue, (doc_id if isinstance(doc_id, str) else None, layer, index)


# ---------------------------------------------------------------- semantics
def document_issues(docs: Sequence[Mapping[str, Any]], file_of: FileOf,
                    skip_structure: set[str] = frozenset()) -> list[CorpusIssue]:
    """SPEC rules on every document and its nested layers (segment structure not for `skip_structure`)."""
    issues: list[CorpusIssue] = []
    seen_ids: dict[str, str] = {}
    layers = [(name, registry.get(name)) for name in registry.document_layers()]  # looked up once, not per record
    for doc in docs:
        issues += _doc_level(doc, file_of, seen_ids)
        text = doc["text"]
        for layer, info in layers:
            records = doc.get(layer, ())
            if records:
                file = file_of(layer)
                for record in records:
                    issues += _record_issues(doc["id"], text, layer, info, record, file, seen_ids)
        if doc["id"] not in skip_structure:
            issues += _segment_issues(doc, file_of("segments"))
            issues += _annotatable_issues(doc, file_of)
    return issues


def _doc_level(doc: Mapping[str, Any], file_of: FileOf, seen: dict[str, str]) -> list[CorpusIssue]:
    issues = []
    file = file_of("documents")
    if doc["id"] in seen:
        issues.append(CorpusIssue(file, "duplicate document id", doc["id"], "documents", check="duplicate-document", level=3))
    seen[doc["id"]] = "documents"
    digest = hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()
    if digest != doc["sha256"]:
        issues.append(CorpusIssue(file, f"sha256 of text is {digest}, record says {doc['sha256']}",
                                  doc["id"], "documents", check="text-sha256", level=3))
    return issues


def span_issue(text: str, span: Mapping[str, Any]) -> tuple[str, str, int | None] | None:
    """Why a span does not slice `text` exactly, as (check id, message, offset to look at), or None."""
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return "span-offsets-type", "start and end must be integers", None
    if not 0 <= start < end <= len(text):
        return "span-range", f"offsets {start}-{end} out of range (text has {len(text)} characters)", start
    if text[start:end] != span.get("text"):
        return "span-text", f"text {span.get('text')!r} != document text[{start}:{end}] {text[start:end]!r}", start
    if text[start].isspace() or text[end - 1].isspace():
        return "span-whitespace", "span begins or ends with whitespace", start
    return None


def span_problems(layer: str, record: Mapping[str, Any], text: str) -> list[tuple[str, str, int | None]]:
    """Why a record's span, or one of its nested spans (prefixed "cue: " ...), does not slice `text`."""
    return _span_problems(registry.get(layer).nested_spans, record, text)


def _span_problems(nested_spans: Sequence[str], record: Mapping[str, Any],
                   text: str) -> list[tuple[str, str, int | None]]:
    """`span_problems` with the layer's nested span keys given."""
    problems = []
    problem = span_issue(text, record)
    if problem:
        problems.append(problem)
    for key in nested_spans:
        nested = record.get(key)
        if isinstance(nested, Mapping):
            problem = span_issue(text, nested)
            if problem:
                problems.append((problem[0], f"{key}: {problem[1]}", problem[2]))
    return problems


def _record_issues(doc_id: str, text: str, layer: str, info: registry.Layer, record: Mapping[str, Any], file: str,
                   seen: dict[str, str]) -> list[CorpusIssue]:
    issues = []
    rid = record.get("id")
    start = record.get("start") if isinstance(record.get("start"), int) else None
    for check, message, offset in _span_problems(info.nested_spans, record, text):
        issues.append(CorpusIssue(file, message, doc_id, layer, rid, offset, check=check, level=3))
    expected = info.annotation_id(doc_id, record.get("start"), record.get("end"))
    if rid != expected:
        issues.append(CorpusIssue(file, f"id {rid!r} should be {expected!r}", doc_id, layer, rid, start, check="id-formula", level=3))
    if isinstance(rid, str):
        if rid in seen:
            issues.append(CorpusIssue(file, "duplicate id", doc_id, layer, rid, start, check="duplicate-id", level=3))
        seen[rid] = layer
    return issues


def _segment_issues(doc: Mapping[str, Any], file: str) -> list[CorpusIssue]:
    """Segments: sorted, no overlap, every non-whitespace character in exactly one."""
    ranges = _disjoint_ranges(doc["segments"], len(doc["text"]))
    if ranges is not None:  # the usual case, without a per-character table: no overlap, so only coverage
        gap = first_uncovered(doc["text"], ranges, 0, len(doc["text"]))
        return [] if gap is None else [_coverage_issue(doc, file, gap)]
    issues = []
    text = doc["text"]
    owner: list[str | None] = [None] * len(text)
    for seg in doc["segments"]:
        start, end = seg.get("start"), seg.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        for i in range(max(start, 0), min(end, len(text))):
            if owner[i] is not None:
                issues.append(CorpusIssue(file, f"segment overlaps segment {owner[i]}", doc["id"],
                                          "segments", seg.get("id"), i, check="segment-overlap", level=4))
                break
            owner[i] = seg.get("id")
    gap = next((i for i, ch in enumerate(text) if owner[i] is None and not ch.isspace()), None)
    if gap is not None:
        issues.append(_coverage_issue(doc, file, gap))
    return issues


def _coverage_issue(doc: Mapping[str, Any], file: str, gap: int) -> CorpusIssue:
    return CorpusIssue(file, f"character {doc['text'][gap]!r} is in no segment (segments must cover "
                       "every non-whitespace character)", doc["id"], "segments", None, gap, check="segment-coverage", level=4)


def _disjoint_ranges(segments: Sequence[Mapping[str, Any]], length: int) -> list[tuple[int, int]] | None:
    """The segments' character ranges (clipped to the text), when they have integer offsets and each begins
    at or after the end of the one before (so none overlaps another); else None."""
    ranges: list[tuple[int, int]] = []
    last = 0
    for seg in segments:
        start, end = seg.get("start"), seg.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            return None
        a, b = max(start, 0), min(end, length)
        if a >= b:
            continue
        if a < last:
            return None
        ranges.append((a, b))
        last = b
    return ranges


def first_uncovered(text: str, ranges: Sequence[tuple[int, int]], start: int, end: int,
                    starts: Sequence[int] | None = None) -> int | None:
    """The first non-whitespace character of `text[start:end]` outside every range (sorted, disjoint), or None.

    Why: the checks asked this of every character; the gaps between ranges are few,
    and a regex finds the first non-whitespace character of a gap in C. `starts`
    (the ranges' starts) may be handed over when many spans are asked about.
    """
    if starts is None:
        starts = [a for a, _ in ranges]
    k = bisect_right(starts, start) - 1
    i = start
    if k >= 0 and ranges[k][1] > start:
        i = ranges[k][1]
    k += 1
    while i < end:
        gap_end = min(end, ranges[k][0]) if k < len(ranges) else end
        m = NON_SPACE.search(text, i, gap_end)
        if m is not None:
            return m.start()
        if k >= len(ranges):
            return None
        i = max(i, ranges[k][1])
        k += 1
    return None


def _annotatable_issues(doc: Mapping[str, Any], file_of: FileOf) -> list[CorpusIssue]:
    """Quotes, figures, locations (and their nested spans) only inside annotatable segments."""
    text = doc["text"]
    allowed = merged_ranges([(max(seg["start"], 0), min(seg["end"], len(text))) for seg in doc["segments"]
                             if seg.get("label") in ANNOTATABLE and isinstance(seg.get("start"), int)
                             and isinstance(seg.get("end"), int)])
    starts = [a for a, _ in allowed]
    issues = []
    for layer in registry.span_layers():
        nested = registry.get(layer).nested_spans
        for record in doc.get(layer, ()):
            spans = [("", record)] + [(f"{k}: ", record[k]) for k in nested if isinstance(record.get(k), Mapping)]
            for prefix, span in spans:
                bad = _first_outside(text, allowed, starts, span)
                if bad is not None:
                    issues.append(CorpusIssue(file_of(layer), f"{prefix}span lies outside the annotatable segments "
                                              f"({', '.join(sorted(ANNOTATABLE))})", doc["id"], layer,
                                              record.get("id"), bad, check="span-not-annotatable", level=4))
    return issues


def _first_outside(text: str, allowed: list[tuple[int, int]], starts: list[int],
                   span: Mapping[str, Any]) -> int | None:
    """The first non-whitespace character of the span outside the allowed ranges (merged, their starts), or None."""
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    return first_uncovered(text, allowed, max(start, 0), min(end, len(text)), starts)


# ---------------------------------------------------------------- variants
def variant_issues(variants: Sequence[Mapping[str, Any]], docs: Sequence[Mapping[str, Any]],
                   file: str, skip_docs: set[Any] = frozenset(), skip_refs: set[Any] = frozenset()) -> list[CorpusIssue]:
    """Both sides of every pair exist and slice their documents; references resolve.

    Sides on a document in `skip_docs` and references to records in `skip_refs`
    (both already reported as schema-invalid) are not checked again.
    """
    texts = {d["id"]: d["text"] for d in docs}
    annotations = {r["id"]: r for d in docs for layer in registry.document_layers() for r in d.get(layer, ())}
    issues = []
    seen: set[str] = set()
    for pair in variants:
        vid = pair.get("id")
        if vid in seen:
            issues.append(CorpusIssue(file, "duplicate id", None, "variants", vid, check="duplicate-id", level=3))
        seen.add(vid)
        for side in ("a", "b"):
            anchor = pair.get(side) or {}
            doc_id = anchor.get("doc_id")
            if doc_id in skip_docs:
                continue
            if doc_id not in texts:
                issues.append(CorpusIssue(file, f"side {side}: unknown document {doc_id!r}", doc_id, "variants", vid, check="unknown-document", level=3))
                continue
            problem = span_issue(texts[doc_id], anchor)
            if problem:
                issues.append(CorpusIssue(file, f"side {side}: {problem[1]}", doc_id, "variants", vid, problem[2],
                                          check=problem[0], level=3))
            ref = pair.get(f"{side}_ref")
            if ref is not None and ref not in skip_refs:
                target = annotations.get(ref)
                if target is None:
                    issues.append(CorpusIssue(file, f"side {side}: dangling reference {ref!r}", doc_id, "variants",
                                              vid, anchor.get("start"), check="variant-dangling-ref", level=4))
                elif (target["start"], target["end"]) != (anchor.get("start"), anchor.get("end")):
                    issues.append(CorpusIssue(file, f"side {side}: span differs from referenced {ref!r}", doc_id,
                                              "variants", vid, anchor.get("start"), check="variant-ref-span", level=4))
        a, b = pair.get("a") or {}, pair.get("b") or {}
        if (a.get("doc_id", ""), a.get("start", 0)) > (b.get("doc_id", ""), b.get("start", 0)):
            issues.append(CorpusIssue(file, "sides must be ordered by doc_id then start", None, "variants", vid, check="variant-order", level=4))
    return issues


def check_records(docs: Sequence[Mapping[str, Any]], variants: Sequence[Mapping[str, Any]],
                  schemas: Schemas, file_of: FileOf) -> list[CorpusIssue]:
    """Schema and semantic checks of in-memory documents and variants, root causes first.

    Semantic checks run only on what passes the schema, so a wrong type is
    reported once, as a schema error, instead of crashing a later check. A
    schema-invalid record is left out of the checks that follow, and so are
    their consequences: its document stays known (variant sides on it are
    still checked), references to it are not reported as dangling, and a
    document whose segments failed is not checked for coverage.
    """
    nested = set(registry.nested_layers())
    flat_only = [n for n in registry.document_layers() if n not in nested]
    found = located_schema_issues([{k: v for k, v in d.items() if k not in flat_only} for d in docs], "documents",
                                  schemas, file_of)
    for layer in flat_only:
        rows = [{"doc_id": d["id"], **r} for d in docs for r in d.get(layer, ())]
        index = [i for d in docs for i in range(len(d.get(layer, ())))]  # row number -> index in its document
        found += [(issue, (doc_id, lay, index[n])) for issue, (doc_id, lay, n)
                  in located_schema_issues(rows, layer, schemas, file_of)]
    issues = [issue for issue, _ in found]
    bad_docs = {doc_id for _, (doc_id, layer, n) in found if layer == "documents" or n is None}
    bad_records = {(doc_id, layer, n) for _, (doc_id, layer, n) in found if n is not None}
    good, bad_ids = _without(docs, bad_docs, bad_records)
    issues += document_issues(good, file_of, skip_structure={d for d, layer, _ in bad_records if layer == "segments"})
    variant_found = located_schema_issues(variants, "variants", schemas, file_of)
    issues += [issue for issue, _ in variant_found]
    bad_rows = {n for _, (_, _, n) in variant_found}
    checkable = [v for n, v in enumerate(variants) if n not in bad_rows]
    issues += variant_issues(checkable, good, file_of("variants"), skip_docs=bad_docs, skip_refs=bad_ids)
    return sorted(issues, key=lambda issue: issue.level)


def _without(docs: Sequence[Mapping[str, Any]], bad_docs: set[Any],
             bad_records: set[tuple[Any, str, int]]) -> tuple[list[dict[str, Any]], set[Any]]:
    """Documents that passed the schema, minus their schema-invalid records; and the ids of those records."""
    good, bad_ids = [], set()
    layers = registry.document_layers()
    bad_doc_ids = {doc_id for doc_id, _, _ in bad_records}
    for doc in docs:
        if doc.get("id") in bad_docs:
            continue
        clean = dict(doc)
        if doc["id"] not in bad_doc_ids:  # the usual case: every record passed, each layer is kept whole
            for layer in layers:
                clean[layer] = list(doc.get(layer, ()))
            good.append(clean)
            continue
        for layer in layers:
            kept = []
            for n, record in enumerate(doc.get(layer, ())):
                if (doc["id"], layer, n) in bad_records:
                    rid = record.get("id") if isinstance(record, Mapping) else None
                    bad_ids.add(rid if isinstance(rid, str) else None)  # a broken id may be a list (unhashable)
                else:
                    kept.append(record)
            clean[layer] = kept
        good.append(clean)
    return good, bad_ids
