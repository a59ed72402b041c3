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
  lists, spelled-out numbers and the like get null and are not scored for value.
"""

from __future__ import annotations

import csv
import json
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


def read_tsv(doc_id: str, text: str, tsv: str, where: str) -> list[dict[str, Any]]:
    """Figure records of one paragraph's TSV."""
    rows = csv.DictReader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [quantity(doc_id, text, row, where) for row in rows if row["annotType"] == "Quantity"]


def read(root: Path) -> DevSetData:
    """MeasEval train and trial paragraphs with their quantities."""
    data = DevSetData([], [])
    for split, text_dir in SPLITS.items():
        base = need(Path(root) / "measeval" / "data" / split)
        for tsv in sorted((base / "tsv").glob("*.tsv")):
            doc_id = tsv.stem
            text = need(base / text_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
            data.documents.append({"id": doc_id, "text": text, "published": None})
            data.gold += read_tsv(doc_id, text, tsv.read_text(encoding="utf-8"), str(tsv))
    return data
