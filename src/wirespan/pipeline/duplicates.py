"""Near-duplicate groups and the representative rule: which documents of a cluster are aligned with which.

Why: a reprint or a light edit of a report is a genuine set of verbatim
variants of it, so a cluster of k copies of one report, aligned as a clique,
gives k(k-1)/2 document pairs of dozens of variant rows each: output and
aligner time grow with the square of the number of copies, and nearly every
row says again what another row already says.  The silver output therefore
aligns a *star* instead of a clique:

* Documents whose word 3-gram shingle sets (`clusters.shingles`, the
  shingles clustering uses) have an exact Jaccard similarity of at least
  `DUPLICATE_JACCARD` are near-duplicates.  Going through the documents in
  order of their corpus id, a document joins the group of the first
  representative it is a near-duplicate of, or else becomes the
  representative of a new group; so the representative of a group is its
  smallest id and every member is a near-duplicate of its representative
  itself, not only through a chain.
* The aligner runs once on the representatives together (every pair of
  them, as before: distinct reports of one story), and once on each pair
  (representative, member).  A member is aligned with its representative
  only: not with the other members of its group, nor with any other
  document of the cluster.
* The pairs between two members, or between a member and another group, are
  implied by transitivity: a span of one member aligned with a span of the
  representative, which is aligned with a span of the other document.  Join
  the rows on the representative's spans to get them.

A cluster without near-duplicates is aligned exactly as a whole, as before,
so documents that are not copies of each other (the five seeds among them)
get the same pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from wirespan.pipeline.clusters import SHINGLE, fold_words, shingle_set

#: Exact Jaccard similarity of word 3-gram shingle sets from which two documents are near-duplicates.
#: 0.7 means, for two texts of equal length, that each shares at least 82% of its 3-grams with the other:
#: a reprint, a cut, or a copy with a few words changed, not an independent report of the same story.
DUPLICATE_JACCARD = 0.7


#: What the silver cards say about variant rows (`wirespan annotate`'s and `annotate-corpus`'s).
CARD_TEXT = (
    "Variant pairs follow the representative rule (wirespan guidelines, variants-passages.md §8): documents "
    f"whose word 3-gram shingle sets have a Jaccard similarity of at least {DUPLICATE_JACCARD} are near-duplicates; "
    "each group of near-duplicates has a representative (its smallest document id), and a member is aligned with "
    "its representative only, while the representatives are aligned with each other. Pairs between two members, "
    "or between a member and another document, are implied through the representative: join the rows on its spans."
)


def jaccard(a: frozenset, b: frozenset) -> float:
    """Exact Jaccard similarity of two shingle sets (0 when both are empty); the union is counted, not built."""
    common = len(a & b)
    union = len(a) + len(b) - common
    return common / union if union else 0.0


#: Word numbers below this make `shingle_codes` one int64 per shingle (2**20: three of them fit in 60 bits).
WORD_CODES = 1 << 20


def shingle_codes(text: str, vocabulary: dict[str, int]) -> np.ndarray | None:
    """The `clusters.shingle_set` of a text as sorted, distinct int64 codes; words are numbered in
    `vocabulary` (shared by the texts compared, which it extends), so equal shingles get equal codes and
    different ones different codes: the same set sizes and intersections, hence the same Jaccard
    similarities.  None when a word's number reaches `WORD_CODES` (the caller compares the plain sets).

    Why: `jaccard` of two sets of word tuples hashes every tuple again (Python does not keep a tuple's
    hash), and building them was most of `duplicate_groups`; numbered words make every shingle one
    integer, sorted and intersected by numpy.  A text of one or two words is one shingle of its own
    length, coded apart from all 3-grams (bit 60 or 61 set).
    """
    words = fold_words(text)
    ids = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in words], dtype=np.int64)
    if len(vocabulary) > WORD_CODES:
        return None
    if len(ids) < SHINGLE:
        if not len(ids):
            return np.empty(0, dtype=np.int64)
        code = (1 << 60) + int(ids[0]) if len(ids) == 1 else (1 << 61) + int(ids[0]) * WORD_CODES + int(ids[1])
        return np.array([code], dtype=np.int64)
    return np.unique((ids[:-2] * WORD_CODES + ids[1:-1]) * WORD_CODES + ids[2:])


def code_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """`jaccard` of two `shingle_codes` arrays (sorted and distinct)."""
    common = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def duplicate_groups(documents: Sequence[Mapping[str, Any]],
                     threshold: float = DUPLICATE_JACCARD) -> list[list[int]]:
    """Groups of near-duplicate documents (indices into `documents`), representative first.

    Leader clustering in corpus-id order (ties by index): deterministic,
    independent of the input order, and every member is a near-duplicate of
    its representative.  Groups are returned in the order of their
    representatives' indices, members in index order after it.
    """
    order = sorted(range(len(documents)), key=lambda i: (documents[i]["id"], i))
    vocabulary: dict[str, int] = {}
    codes = [shingle_codes(documents[i]["text"], vocabulary) for i in order]
    if any(c is None for c in codes):  # too many distinct words for one int64 per shingle
        sets, similarity = {i: shingle_set(documents[i]["text"]) for i in order}, jaccard
    else:
        sets, similarity = dict(zip(order, codes)), code_jaccard
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    for i in order:
        leader = next((r for r in leaders if len(sets[i]) and similarity(sets[r], sets[i]) >= threshold), None)
        if leader is None:
            leaders.append(i)
            members[i] = []
        else:
            members[leader].append(i)
    return [[r, *sorted(members[r])] for r in sorted(leaders)]


def alignment_runs(documents: Sequence[Mapping[str, Any]],
                   threshold: float = DUPLICATE_JACCARD) -> list[list[int]]:
    """The document sets (indices, in input order) the aligner runs on: the representatives together,
    then each (representative, member) pair, by member index.  One run of every document when no two are
    near-duplicates."""
    groups = duplicate_groups(documents, threshold)
    runs = [sorted(g[0] for g in groups)]
    runs += [sorted((g[0], m)) for g in sorted(groups) for m in g[1:]]
    return runs


def representatives(documents: Sequence[Mapping[str, Any]],
                    threshold: float = DUPLICATE_JACCARD) -> dict[str, str]:
    """Corpus id -> the corpus id of its group's representative (a representative maps to itself)."""
    return {documents[m]["id"]: documents[g[0]]["id"] for g in duplicate_groups(documents, threshold) for m in g}
