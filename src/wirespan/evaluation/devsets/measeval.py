"""MeasEval (SemEval-2021 task 8): counts and measurements in CC-BY science paragraphs.

Read from ``measeval/data/train/{text,tsv}`` and ``measeval/data/trial/{txt,tsv}``
(one paragraph per document; TSV rows ``docId annotSet annotType startOffset
endOffset annotId text other``, code-point offsets). The ``eval`` split is
left unread so that a later phase has a held-out MeasEval check.

Mapping to SPEC §5 (differences in DATACARD.md):

* every ``Quantity`` is a figure; its span is MeasEval's minus a leading
  qualifier ("approximately", "≥", "at least" ... -> ``qualifier``), which
  SPEC keeps outside the span; the counted noun MeasEval includes ("5318
  participants") stays, since the data cannot tell a counted noun from a unit;
* ``kind`` is ``count`` when MeasEval marks ``IsCount`` or gives no unit,
  ``percent`` for a ``%`` unit, else ``measure``; ``unit`` is MeasEval's unit
  text (not SPEC's codes), so unit accuracy is not scored;
* ``value``/``value_high`` are read from leading digits (figures_common);
  spelled-out numbers, ratios ("1:10"), coordinates and the like get null and
  are not scored for value;
* a list of numbers sharing a unit ("4.5, 6 and 13 kg", "0 ppm, 1000 ppm and
  2000 ppm"; MeasEval's ``IsList``, which it also leaves unmarked on some) is
  one MeasEval quantity but one figure per number in SPEC: the reader splits
  such a span at its commas and "and" into one record per number (the shared unit stays with the last
  one). The spans as MeasEval annotates them are kept as the view
  ``as_annotated`` and scored beside the split ones, so the unmapped figure
  stays visible; ``notes`` says how many lists were split into how many items.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from wirespan.evaluation.devsets.base import DevSetData, DevSetError, need, span
from wirespan.text.spans import trim
from wirespan.evaluation.devsets.figures_common import leading_value, strip_qualifier

SPLITS = {"train": "text", "trial": "txt"}


def quantity(doc_id: str, text: str, row: dict[str, str], where: str) -> dict[str, Any]:
    """One TSV ``Quantity`` row as a SPEC figure record."""
    start, end = int(row["startOffset"]), int(row["endOffset"])
    if text[start:end] != row["text"]:
        raise DevSetError(f"{where}: offsets {start}-{end} give {text[start:end]!r}, the file says {row['text']!r}")
    other = json.loads(row["other"]) if row.get("other", "").strip() else {}
    mods, unit = other.get("mods", []), other.get("unit")
    start, qualifier = strip_qualifier(text, start, end)
    if "IsApproximate" in mods and qualifier == "exact":
        qualifier = "approximate"
    start, end = trim(text, start, end)
    value, high = leading_value(text[start:end])
    if "IsList" in mods:
        value, high = None, None
    kind = "count" if "IsCount" in mods or not unit else "percent" if unit.strip() == "%" else "measure"
    return span(doc_id, text, start, end, where, kind=kind, value=value, value_high=high, unit=unit,
                iso=None, qualifier=qualifier, measeval_text=row["text"])


#: Where a list of numbers divides: a comma and a space (not a thousands separator, "10,308"), with "and"/"or"
#: after it, or "and" ("60 or 63 mm" alone is a range in SPEC's reading, like "2 or 3 days").
LIST_SEP = re.compile(r"\s*,\s+(?:(?:and|or)\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")
#: One item of a list: a number with at most a short unit after it ("4.5", "13 kg", "2000 ppm", "38 °C").
LIST_ITEM = re.compile(r"[−-]?\d[\d.]*(?:\s?[^\s\d,][^\s,]*(?:\s[^\s\d,][^\s,]*)?)?")


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """(start, end) of each number of a list span ("1, 5 and 10 mg"), or None if the span is not one.

    A span after "between" is a range, not a list; every part must be a number with at most a short unit.
    """
    if re.search(r"\bbetween\s+$", text[max(0, start - 12):start], re.I):
        return None
    parts, pos = [], start
    for m in LIST_SEP.finditer(text, start, end):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, end))
    parts = [trim(text, s, e) for s, e in parts]
    parts = [(s, e - 1) if text[e - 1] in ",;" else (s, e) for s, e in parts if e > s]
    if len(parts) < 2 or not all(LIST_ITEM.fullmatch(text, s, e) for s, e in parts):
        return None
    return parts


def split_lists(text: str, recs: list[dict[str, Any]], where: str) -> tuple[list[dict[str, Any]], int]:
    """SPEC's reading of MeasEval's records: each list split into one record per number; how many were split."""
    out, lists = [], 0
    for rec in recs:
        items = list_items(text, rec["start"], rec["end"])
        if items is None:
            out.append(rec)
            continue
        lists += 1
        for s, e in items:
            value, high = leading_value(text[s:e])
            out.append(span(rec["doc_id"], text, s, e, where, **{
                **{k: v for k, v in rec.items() if k not in ("doc_id", "start", "end", "text")},
                "value": value, "value_high": high}))
    return out, lists


def read_tsv(doc_id: str, text: str, tsv: str, where: str) -> list[dict[str, Any]]:
    """Figure records of one paragraph's TSV."""
    rows = csv.DictReader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [quantity(doc_id, text, row, where) for row in rows if row["annotType"] == "Quantity"]


def read(root: Path) -> DevSetData:
    """MeasEval train and trial paragraphs with their quantities."""
    data = DevSetData([], [], views={"as_annotated": []}, notes={"lists_split": 0, "list_items": 0})
    for split, text_dir in SPLITS.items():
        base = need(Path(root) / "measeval" / "data" / split)
        for tsv in sorted((base / "tsv").glob("*.tsv")):
            doc_id = tsv.stem
            text = need(base / text_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
            data.documents.append({"id": doc_id, "text": text, "published": None})
            recs = read_tsv(doc_id, text, tsv.read_text(encoding="utf-8"), str(tsv))
            split_recs, lists = split_lists(text, recs, str(tsv))
            data.views["as_annotated"] += recs
            data.gold += split_recs
            data.notes["lists_split"] += lists
            data.notes["list_items"] += len(split_recs) - len(recs) + lists
    return data
