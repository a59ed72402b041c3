"""One error type that says where: file, document, layer, record and offset.

Every check of the build and of `wirespan validate` reports through
`CorpusIssue`, so a maintainer reading a failed build knows what to open and
where to look without a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class CorpusIssue:
    """One problem found in the inputs or the built corpus."""

    file: str
    message: str
    doc_id: str | None = None
    layer: str | None = None
    record_id: str | None = None
    offset: int | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.doc_id is not None:
            where.append(f"doc {self.doc_id}")
        if self.layer is not None:
            where.append(f"layer {self.layer}")
        if self.record_id is not None:
            where.append(f"record {self.record_id}")
        if self.offset is not None:
            where.append(f"offset {self.offset}")
        return f"{', '.join(where)}: {self.message}"


def listing(items: Sequence[object], limit: int = 50) -> str:
    """Items one per line (the first `limit`, then how many more), for error messages."""
    shown = "\n".join(f"  - {item}" for item in items[:limit])
    more = f"\n  … and {len(items) - limit} more" if len(items) > limit else ""
    return shown + more


class CorpusError(Exception):
    """Raised with every issue found; the message lists them one per line."""

    def __init__(self, issues: list[CorpusIssue]):
        self.issues = list(issues)
        super().__init__(f"{len(self.issues)} problem(s):\n{listing(self.issues)}")
