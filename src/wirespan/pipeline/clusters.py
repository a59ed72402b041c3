"""Which documents are aligned together: bounded clusters of documents that can share content.

Why: the variant aligner compares the documents it is given with each
other, so giving it a whole corpus makes its output (and time) grow with
the square of the corpus.  Cross-document pairs can only exist between
documents that share content, and such documents are found cheaply:

* *text*: MinHash signatures of word 3-gram shingles, banded (locality
  sensitive hashing) so that only documents whose estimated Jaccard
  similarity is at least `TEXT_JACCARD` become candidate pairs - reprints,
  edits and rewrites of one report;
* *entities*: the places (canonical names of the location layer) and
  speakers (of the quote layer) a document names; two documents that share
  at least `MIN_SHARED_ENTITIES` *rare* entities (named by at most
  `ENTITY_DF_CAP` documents of the corpus) report on the same events -
  independent reports and translations of one story;
* *dates*: when both documents state a publication date, they must lie at
  most `MAX_DAYS_APART` days apart.

Candidate pairs are merged strongest first (single linkage) into clusters
of at most `MAX_CLUSTER` documents, so every document belongs to exactly
one cluster and the aligner's work is bounded by the corpus size times
`MAX_CLUSTER`.  The banding and the entity postings are written as
key -> documents groups (`band_keys`, `entity_keys`), which a distributed
engine computes with a groupby; the merge (`merge`) is sequential, small
and deterministic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
#: 32 bands of 2 rows: documents with Jaccard 0.2 become candidates with probability ~0.73, 0.4 with ~0.99.
BANDS, ROWS = 32, 2
SEED = 1
SHINGLE = 3
TEXT_JACCARD = 0.2
MIN_SHARED_ENTITIES = 3
ENTITY_DF_CAP = 25
MAX_DAYS_APART = 3
MAX_CLUSTER = 32
#: A band key shared by more documents than this is a boilerplate template, not content.
MAX_BAND_GROUP = 200

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Signature:
    """What clustering needs of one document (small: no text)."""

    position: int
    doc_id: str
    hashes: bytes  # NUM_PERM unsigned 64-bit MinHash values, little endian
    entities: tuple[str, ...]
    published: str | None


def shingles(text: str) -> list[bytes]:
    """Word 3-grams of the case-folded text (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return [" ".join(words).encode("utf-8")] if words else []
    return sorted({" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)})


def entities(row: Mapping[str, Any]) -> tuple[str, ...]:
    """The places and speakers a document row names (sorted, unique)."""
    names = {f"place:{r['name']}" for r in row.get("locations") or () if r.get("name")}
    names |= {f"speaker:{r['speaker']}" for r in row.get("quotes") or () if r.get("speaker")}
    return tuple(sorted(names))


def signature(position: int, row: Mapping[str, Any]) -> Signature:
    """The clustering signature of one annotated document row."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    grams = shingles(row["text"])
    if grams:
        mh.update_batch(grams)
    hashes = np.asarray(mh.hashvalues, dtype="<u8").tobytes()
    return Signature(position, row["id"], hashes, entities(row), row.get("published"))


def band_keys(sig: Signature) -> list[str]:
    """LSH band keys of a signature: documents that share one are text candidates."""
    h = sig.hashes
    if h == h[:8] * NUM_PERM:  # no words: every value is the MinHash maximum
        return []
    width = ROWS * 8
    return [f"{b}:{hashlib.blake2b(h[b * width:(b + 1) * width], digest_size=8).hexdigest()}" for b in range(BANDS)]


def entity_keys(sig: Signature) -> list[str]:
    """Entity keys of a signature: documents that share one are entity candidates (rare ones only)."""
    return [f"e:{e}" for e in sig.entities]


def group_pairs(members: Sequence[int], cap: int) -> list[tuple[int, int]]:
    """Candidate pairs of one key's group of document positions; a group above `cap` is too common to say anything."""
    members = sorted(set(members))
    if len(members) < 2 or len(members) > cap:
        return []
    return list(combinations(members, 2))


def candidate_groups(sigs: Sequence[Signature]) -> dict[str, list[int]]:
    """Key -> document positions, for the band and entity keys of every signature (the local groupby)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for s in sigs:
        for key in band_keys(s) + entity_keys(s):
            groups[key].append(s.position)
    return groups


def pairs_of_groups(groups: Mapping[str, Sequence[int]]) -> tuple[set[tuple[int, int]], Counter]:
    """Text candidate pairs, and the count of shared rare entities per entity candidate pair."""
    text: set[tuple[int, int]] = set()
    shared: Counter = Counter()
    for key, members in groups.items():
        if key.startswith("e:"):
            shared.update(group_pairs(members, ENTITY_DF_CAP))
        else:
            text.update(group_pairs(members, MAX_BAND_GROUP))
    return text, shared


def jaccard(a: Signature, b: Signature) -> float:
    """MinHash estimate of the shingle Jaccard similarity."""
    return float(np.mean(np.frombuffer(a.hashes, dtype="<u8") == np.frombuffer(b.hashes, dtype="<u8")))


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def scored_edges(sigs: Sequence[Signature], text: Iterable[tuple[int, int]],
                 shared: Mapping[tuple[int, int], int]) -> list[tuple[float, int, int]]:
    """Verified candidate pairs with their strength, strongest first (ties by positions)."""
    by_pos = {s.position: s for s in sigs}
    scores: dict[tuple[int, int], float] = {}
    for a, b in text:
        j = jaccard(by_pos[a], by_pos[b])
        if j >= TEXT_JACCARD:
            scores[(a, b)] = j
    for (a, b), n in shared.items():
        if n >= MIN_SHARED_ENTITIES:
            smaller = min(len(by_pos[a].entities), len(by_pos[b].entities))
            scores[(a, b)] = max(scores.get((a, b), 0.0), n / smaller)
    edges = []
    for (a, b), score in scores.items():
        days = _days_apart(by_pos[a].published, by_pos[b].published)
        if days is None or days <= MAX_DAYS_APART:
            edges.append((score, a, b))
    return sorted(edges, key=lambda e: (-e[0], e[1], e[2]))


def merge(positions: Iterable[int], edges: Sequence[tuple[float, int, int]],
          max_size: int = MAX_CLUSTER) -> list[list[int]]:
    """Single-linkage clusters, strongest edge first, never above `max_size` documents.

    Returns every cluster as sorted positions, clusters ordered by their first position.
    """
    parent = {p: p for p in positions}
    size = dict.fromkeys(parent, 1)

    def root(p: int) -> int:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for _, a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb and size[ra] + size[rb] <= max_size:
            ra, rb = min(ra, rb), max(ra, rb)
            parent[rb] = ra
            size[ra] += size[rb]
    clusters: dict[int, list[int]] = defaultdict(list)
    for p in sorted(parent):
        clusters[root(p)].append(p)
    return sorted(clusters.values(), key=lambda c: c[0])


def cluster(sigs: Sequence[Signature]) -> list[list[int]]:
    """Clusters of document positions, computed in this process (the local engine)."""
    text, shared = pairs_of_groups(candidate_groups(sigs))
    return merge((s.position for s in sigs), scored_edges(sigs, text, shared))

