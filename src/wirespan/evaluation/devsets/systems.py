"""The one place the development-set harness reaches into the rest of wirespan.

Maps each layer to the current baseline as a callable on a document
``{id, text, published}`` returning that layer's records (without
``doc_id``), run end to end as ``wirespan annotate`` runs it: the segmenter
first, then the extractor on the annotatable segments. The scorers come
from the evaluation core directly (`measure` imports them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from wirespan.layers.figures import extract_figures
from wirespan.layers.locations import Home, extract_locations, infer_home, place_mentions
from wirespan.layers.quotes import extract_quotes
from wirespan.text.entities import Registry
from wirespan.layers.segments import segment
from wirespan.layers.variants import align
from wirespan.layers.variants.pairclass import pair_features, shipped_classifier

Document = dict[str, Any]
System = Callable[[Document], list[dict[str, Any]]]

__all__ = ["BASELINES", "HOME_SYSTEM", "aligner_decision", "homes_by_document", "located_at_home", "pair_features",
           "paraphrase_decision"]


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The project's entity registry (read once per process)."""
    return Registry.load()


def _locations(doc: Document) -> list[dict[str, Any]]:
    return extract_locations(doc["text"], segment(doc["text"]))


def _figures(doc: Document) -> list[dict[str, Any]]:
    return extract_figures(doc["text"], segment(doc["text"]), published=doc.get("published"))


def _quotes(doc: Document) -> list[dict[str, Any]]:
    return extract_quotes(doc["text"], segment(doc["text"]), registry())


#: layer -> the current baseline of that layer.
BASELINES: dict[str, System] = {"locations": _locations, "figures": _figures, "quotes": _quotes}

#: the locations baseline given each source's home, inferred from the source's other articles (`located_at_home`).
HOME_SYSTEM = "wirespan, home per source"


def homes_by_document(documents: Sequence[Document]) -> dict[str, Home | None]:
    """Each document's home: `infer_home` on the *other* articles of its ``source`` (leave one out), each read
    without a home; None for a document without a source or alone in it.

    Why leave one out: the scored article must not vote for its own home (a
    one-article source would read its article back to itself).  Only the texts
    are read, never gold."""
    by_source: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.get("source"):
            by_source[doc["source"]].append(doc)
    homes: dict[str, Home | None] = {doc["id"]: None for doc in documents}
    for docs in by_source.values():
        read = [place_mentions(d["text"], segment(d["text"])) for d in docs]
        for i, doc in enumerate(docs):
            homes[doc["id"]] = infer_home(read[:i] + read[i + 1:])
    return homes


def located_at_home(documents: Sequence[Document]) -> tuple[System, dict[str, Home | None]]:
    """The locations baseline reading each document with its home (`homes_by_document`), and the homes.

    Why a second system and not the baseline: a user gets this reading only by
    giving a home (or letting `infer_home` read one from many articles of a
    source); a lone article is read without one."""
    homes = homes_by_document(documents)

    def system(doc: Document) -> list[dict[str, Any]]:
        return extract_locations(doc["text"], segment(doc["text"]), homes.get(doc["id"]))

    return system, homes


def paraphrase_decision(a: Document, b: Document) -> bool:
    """The sentence-pair classifier's decision on two one-sentence documents (the shipped model).

    Scored by the harness with out-of-fold models (``pairmodel.cross_validate``):
    the shipped model was trained on the development pairs, so its fit there is no
    out-of-sample figure.
    """
    return shipped_classifier().same_statement(a["text"], b["text"])


def aligner_decision(a: Document, b: Document) -> bool:
    """The aligner's own rule, as the corpus uses it: does it link any passage of ``a`` with one of ``b``?"""
    docs = [{"id": a["id"], "text": a["text"]}, {"id": b["id"], "text": b["text"]}]
    return any(r["kind"] == "passage" for r in align(docs, registry()))
