"""The pure units of work of corpus-scale annotation, shared by every engine.

Each function takes and returns plain picklable values, so the same code
runs in this process, in a local process pool, or in Ray tasks, and gives
the same rows everywhere.  A failure of one article (or, in the variant
stage, of one cluster) is returned as an error record instead of raised,
so the rest of the corpus goes on.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from wirespan.corpus.schema import Schemas
from wirespan.pipeline import clusters


@lru_cache(maxsize=4)
def schemas_at(folder: str) -> Schemas:
    """The schemas of a folder, read once per process."""
    return Schemas(Path(folder))


def error_record(stage: str, position: int | None, doc_id: str | None, origin: str | None, exc: BaseException) -> dict:
    """One line of errors.jsonl: which article, which stage, why (and where in the code)."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return {"id": doc_id, "origin": origin, "position": position, "stage": stage,
            "reason": f"{type(exc).__name__}: {exc}{where}"}


#: A made-up article that makes every baseline load what it needs (places, a spelling variant, a quote, figures).
WARM_UP_TEXT = ("Talks in Istanbul\n\nKYIV, Ukraine (AP) — Officials in Kyiv said on Monday that 12 people were "
                "hurt near Kharkiv and 3,000 fled. “We will rebuild Kiev,” the mayor said.\n")


def warm_up() -> None:
    """Load every process-wide resource of the baselines by annotating and aligning `WARM_UP_TEXT`.

    A process pool forked afterwards shares these pages instead of loading
    its own copies (the gazetteer index alone is a few hundred MB).
    """
    from wirespan.pipeline.annotate import align_variants, annotate_document

    align_variants([annotate_document({"id": "0" * 16, "text": WARM_UP_TEXT, "sha256": "0" * 64})])


class RecordError(Exception):
    """An annotator produced a record that breaks the corpus rules."""


def annotate_one(position: int, doc: dict[str, Any], published: str | None, language: str,
                 schema_dir: str, home: str | None = None) -> dict[str, Any]:
    """Annotate one input document: `{"position", "row", "signature"}` or `{"position", "error"}`
    (`{"position", "repeat_of"}` for an identical repeat, which is not annotated again).

    The row is checked with the corpus's record checks, so a broken record
    is that article's error, not a failure of its whole shard.
    """
    from wirespan.corpus.validate import check_records
    from wirespan.pipeline.annotate import annotate_document, complete

    if doc.get("repeat_of"):  # an identical repeat of an earlier document: annotated once, there
        return {"position": position, "repeat_of": doc["repeat_of"]}
    try:
        schemas = schemas_at(schema_dir)
        row = complete(annotate_document(doc, published, language, home=home), schemas)
        issues = check_records([row], [], schemas, lambda layer: f"{doc['origin']} ({layer})")
        if issues:
            raise RecordError("; ".join(str(i) for i in issues[:3]))
        return {"position": position, "row": row, "signature": clusters.signature(position, row)}
    except Exception as exc:  # an extractor's bug must not stop the corpus: it is reported per article
        return {"position": position, "error": error_record("annotate", position, doc.get("id"), doc.get("origin"), exc)}


def annotate_chunk(chunk: Sequence[tuple[int, dict[str, Any]]], published: str | None, language: str,
                   schema_dir: str, home: str | None = None) -> list[dict[str, Any]]:
    """`annotate_one` over consecutive input documents."""
    return [annotate_one(position, doc, published, language, schema_dir, home) for position, doc in chunk]


def align_cluster(members: Sequence[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    """Variant rows of one cluster (`{"rows"}`), or one error record per member (`{"errors"}`)."""
    from wirespan.pipeline.annotate import align_variants

    ordered = sorted(members, key=lambda m: m[0])
    try:
        return {"rows": align_variants([row for _, row in ordered])}
    except Exception as exc:  # as above: the cluster's pairs are lost, the corpus goes on
        return {"errors": [error_record("variants", p, row["id"], None, exc) for p, row in ordered]}
