"""What every development-set reader returns, and the span check they all share.

A reader maps one public annotated set to SPEC records: documents
``{id, text, published}`` and gold records in the corpus's flat format
(``doc_id``, ``start``, ``end``, ``text`` + the layer's attributes), offsets
as Python code points. ``ignore`` holds spans the set annotates under a
convention SPEC does not share (e.g. street names in LGL): a prediction
overlapping one is neither credited nor penalised, and the harness says how
many there were.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


#: Environment variable naming the local folder that holds the development sets.
DEVDATA_ENV = "WIRESPAN_DEVDATA"


class DevSetError(Exception):
    """A development set is missing or does not read as documented (names file and offset)."""


@dataclass
class DevSetData:
    """One development set read and mapped to SPEC records."""

    documents: list[dict[str, Any]]
    gold: list[dict[str, Any]]
    ignore: list[dict[str, Any]] = field(default_factory=list)
    #: Other readings of the same gold (e.g. PolNeAR's one-span interrupted quotes).
    views: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: Counts the reader wants reported (records dropped and why).
    notes: dict[str, int] = field(default_factory=dict)


def devdata_root(explicit: str | Path | None = None) -> Path:
    """The development-data folder: ``explicit``, else ``$WIRESPAN_DEVDATA``."""
    value = explicit or os.environ.get(DEVDATA_ENV)
    if not value:
        raise DevSetError(f"no development data folder: pass --data or set {DEVDATA_ENV} "
                          "(bench/external/fetch_devsets.md says what goes in it)")
    return Path(value)


def span(doc_id: str, text: str, start: int, end: int, where: str, **attributes: Any) -> dict[str, Any]:
    """A flat span record, after checking its offsets against the document text."""
    if not 0 <= start < end <= len(text):
        raise DevSetError(f"{where}: span {start}-{end} outside document {doc_id} of length {len(text)}")
    return {"doc_id": doc_id, "start": start, "end": end, "text": text[start:end], **attributes}


def need(path: Path) -> Path:
    """``path`` itself, or a DevSetError naming it and the setup document."""
    if not path.exists():
        raise DevSetError(f"{path}: not found (see bench/external/fetch_devsets.md)")
    return path
