"""The variant aligner's entry point (SPEC §7): passage, quote, figure and name pairs across sources."""

from __future__ import annotations

from collections.abc import Sequence

from wirespan.layers.variants.analysis import SentenceAnalysis
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.figures import align_figures
from wirespan.layers.variants.names import NameMention, align_names, build_name_map, name_mentions
from wirespan.layers.variants.passages import align_passages
from wirespan.layers.variants.quotes import align_quotes
from wirespan.layers.variants.records import record_key
from wirespan.text.entities import Registry


def align(documents: list[dict], registry: Registry | None = None,
          config: AlignerConfig = DEFAULT_CONFIG, analysis: SentenceAnalysis | None = None) -> list[dict]:
    """All variant pairs (passage, quote, figure, name) among the documents, sorted by kind and sides.

    Each document is {"id", "text"} plus optional "segments", "quotes",
    "figures", "locations" (corpus layer records) and "source"/"derivation"
    (a hint that the document is a machine translation).  `analysis` shares
    sentence analyses between calls on overlapping documents (the runs of
    one cluster); it changes no pair.
    """
    docs = list(documents)
    mentions = name_mentions(docs, registry, analysis.mentions if analysis is not None else None)  # found once
    records = cross_document_pairs(docs, registry, config, analysis, mentions) if len(docs) > 1 else []
    records += align_names(docs, registry, mentions)
    unique = {record_key(r): r for r in records}
    return sorted(unique.values(), key=lambda r: (r["kind"], r["a"]["doc_id"], r["a"]["start"],
                                                  r["b"]["doc_id"], r["b"]["start"]))


def cross_document_pairs(docs: list[dict], registry: Registry | None, config: AlignerConfig,
                         analysis: SentenceAnalysis | None = None,
                         mentions: Sequence[NameMention] | None = None) -> list[dict]:
    """Passage, quote and figure pairs: every one joins two different documents.

    Their candidates all require sides in different documents, so `align`
    calls this only for two or more documents; a document alone in its
    cluster still gets its name pairs, which may lie inside one document.
    """
    names = build_name_map(docs, registry, mentions)
    passages, links, _families, mt = align_passages(docs, names, config, analysis)
    records = passages
    records += align_quotes(docs, names, mt, links, config, analysis)
    records += align_figures(docs, links, config, analysis.contexts if analysis is not None else None)
    return records
