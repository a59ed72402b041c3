"""Variant records: the SPEC §7 record of one pair, with sides in a fixed order, and its identity key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def variant_record(kind: str, relation: str, docs: Sequence[dict], x: tuple[int, int, int], y: tuple[int, int, int]) -> dict:
    """A variant record with sides ordered by (doc_id, start); refs for quote and figure sides."""
    sides = sorted([x, y], key=lambda t: (docs[t[0]]["id"], t[1], t[2]))
    rec: dict[str, Any] = {"kind": kind, "relation": relation}
    for name, (di, s, e) in zip(("a", "b"), sides):
        piece = docs[di]["text"][s:e]
        assert piece and piece == piece.strip(), (kind, docs[di]["id"], s, e)
        rec[name] = {"doc_id": docs[di]["id"], "start": s, "end": e, "text": piece}
    layer = {"quote": "quote", "figure": "figure"}.get(kind)
    rec["a_ref"] = f"{rec['a']['doc_id']}:{layer}:{rec['a']['start']}-{rec['a']['end']}" if layer else None
    rec["b_ref"] = f"{rec['b']['doc_id']}:{layer}:{rec['b']['start']}-{rec['b']['end']}" if layer else None
    return rec


def record_key(rec: dict) -> tuple:
    return (rec["kind"], rec["a"]["doc_id"], rec["a"]["start"], rec["a"]["end"],
            rec["b"]["doc_id"], rec["b"]["start"], rec["b"]["end"])
