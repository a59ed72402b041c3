"""Sentences of the variant aligner: one record per sentence of a document's passage segments.

A ``Sentence`` carries its comparison forms (tokens, content words) and its
claim signature (``claims.claim_signature``); sentences are cut by
``wirespan.text.sentences.split_sentences`` inside the headline, body and
caption (datelines, the word "Caption" and credits are left out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wirespan.text.regions import regions
from wirespan.text.sentences import split_sentences

#: Segment labels whose sentences can form passage pairs.
PASSAGE_LABELS = frozenset({"headline", "body", "caption"})


@dataclass
class Sentence:
    """One sentence of one document, with its comparison forms."""

    doc: int
    start: int
    end: int
    text: str
    tokens: list[str] = field(default_factory=list)
    content: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()      # content stems outside background clauses (claim signature)
    entities: frozenset[str] = frozenset()   # canonical name tokens outside background clauses
    numbers: frozenset[tuple] = frozenset()  # distinctive figure values outside background clauses
    all_stems: frozenset[str] = frozenset()  # content stems of the whole sentence, background included
    region: int = 0                          # index of its segment in the document: a run never crosses one
    key: int = -1                            # its token sequence's number in the run's `SentenceAnalysis`


def document_sentences(doc_index: int, text: str, segments: Sequence[dict] | None) -> list[Sentence]:
    """Sentences of one document inside its passage segments (headline, body, caption)."""
    out = []
    for k, (rs, re_) in enumerate(regions(text, segments, PASSAGE_LABELS)):
        for s, e in split_sentences(text, rs, re_):
            out.append(Sentence(doc_index, s, e, text[s:e], region=k))
    return out


@dataclass
class PairScore:
    """Similarity of two sentences: sequence ratio, token-set ratio, shared content words and their share."""

    ratio: float
    tsr: float
    shared: int
    share: float
    equal: bool
