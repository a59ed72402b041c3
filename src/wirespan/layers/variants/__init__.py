"""The variant layer (SPEC §7): passage, quote, figure and name pairs across sources.

Why it is built this way: cross-source variants are pairs, and the number of
sentence pairs grows with the square of the corpus, so the aligner never
compares all pairs.  Modules, in the order the aligner uses them:

* ``sentences`` -- sentences of the passage segments (``Sentence``);
* ``normalise`` -- comparison forms of words and names, number words, stems;
* ``names`` -- the name map (registry, location layer, fuzzy clusters) and
  the name aligner (``spelling`` / ``error``);
* ``claims`` -- claim signatures: anchors, asserted stems, background clauses;
* ``candidates`` -- candidate pairs from capped indexes, and pair scores;
* ``analysis`` -- ``SentenceAnalysis``, the sentences' comparison forms,
  claim words and LSH keys shared by the alignment runs of one cluster;
* ``passages``, ``quotes``, ``figures`` -- one aligner per kind of pair;
* ``records`` -- the SPEC §7 record of a pair;
* ``config`` -- ``AlignerConfig``, every threshold and cap, documented;
* ``core`` -- ``align``, the entry point.
"""

from wirespan.layers.variants.analysis import SentenceAnalysis
from wirespan.layers.variants.candidates import (
    PairScore,
    anchor_candidates,
    candidate_pairs,
    key_candidates,
    linked,
    lsh_candidates,
    score,
)
from wirespan.layers.variants.claims import (
    anchor_names,
    background_spans,
    claim_link,
    claim_signature,
    common_run,
    stem_idf,
)
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.core import align
from wirespan.layers.variants.names import name_relation
from wirespan.layers.variants.normalise import NameMap, content_words, normalise, romanisation_key
from wirespan.layers.variants.passages import merge_runs
from wirespan.layers.variants.quotes import quote_relation
from wirespan.layers.variants.sentences import Sentence, document_sentences
from wirespan.text.entities import Registry


def extract(documents: list[dict], analysis: SentenceAnalysis | None = None) -> list[dict]:
    """The registry's entry point: every variant pair among annotated documents.

    The aligner gets only the entity-registry entries whose names occur in these texts: the same pairs,
    fewer searches.  `analysis` (`SentenceAnalysis`) shares sentence analyses between the runs of one
    cluster.
    """
    registry = Registry.shared()
    if analysis is None:
        matching = registry.matching(d["text"] for d in documents)
    else:  # each text searched once per cluster, not once per run
        found: set[int] = set()
        for d in documents:
            hits = analysis.entries.get(d["text"])
            if hits is None:
                hits = analysis.entries[d["text"]] = registry.entries_in(d["text"])
            found |= hits
        key = frozenset(found)
        matching = analysis.registries.get(key)
        if matching is None:  # one registry object per set of entries: its name mentions are kept per object
            matching = analysis.registries[key] = registry.subset(found)
    return align(documents, matching, DEFAULT_CONFIG, analysis)


__all__ = [
    "DEFAULT_CONFIG", "AlignerConfig", "NameMap", "PairScore", "Sentence", "SentenceAnalysis", "align", "anchor_candidates",
    "anchor_names", "background_spans", "candidate_pairs", "claim_link", "claim_signature", "common_run",
    "content_words", "document_sentences", "extract", "key_candidates", "linked", "lsh_candidates", "merge_runs",
    "name_relation", "normalise", "quote_relation", "romanisation_key", "score", "stem_idf",
]
