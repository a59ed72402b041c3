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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np
from datasketch import MinHash

from wirespan.layers.variants.sketch import fmix32, sha1_hash32_all

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

#: Runs of word characters; `fold_words` splits them at "_" into the words of the shingles.
_WORD_RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    """What clustering needs of one document (small: no text)."""

    position: int
    doc_id: str
    hashes: bytes  # NUM_PERM unsigned 64-bit MinHash values, little endian
    entities: tuple[str, ...]
    published: str | None


def fold_words(text: str) -> list[str]:
    r"""`re.findall(r"[^\W_]+", text.casefold())`: the words of the case-folded text (runs of word
    characters other than "_"), in order.

    Why not that call: a `[^\W_]` class is tested character by character,
    while `\w+` runs take half the time; the runs of word characters other
    than "_" are exactly the pieces of the `\w+` runs between underscores
    (empty pieces dropped), in the same order.  A test compares both.
    """
    folded = text.casefold()
    words = _WORD_RUN.findall(folded)
    if "_" in folded:
        return [piece for w in words for piece in w.split("_") if piece]
    return words


def shingles(text: str) -> list[bytes]:
    """Word 3-grams of the case-folded text (the whole text when it is shorter)."""
    words = fold_words(text)
    if len(words) < SHINGLE:
        return [" ".join(words).encode("utf-8")] if words else []
    return sorted({" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)})


def shingle_set(text: str) -> frozenset[tuple[str, ...]]:
    """The `shingles` of a text as word tuples: a set of the same size that meets another text's set in
    as many members, so it gives the same Jaccard similarities, built without joining and encoding.

    Why this is exact: words hold no space, so a tuple of words and its words joined by spaces determine
    each other, and a short text's tuple (fewer than `SHINGLE` words) never equals a 3-gram.
    """
    words = fold_words(text)
    if len(words) < SHINGLE:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(zip(*(words[k:] for k in range(SHINGLE))))


def entities(row: Mapping[str, Any]) -> tuple[str, ...]:
    """The places and speakers a document row names (sorted, unique)."""
    names = {f"place:{r['name']}" for r in row.get("locations") or () if r.get("name")}
    names |= {f"speaker:{r['speaker']}" for r in row.get("quotes") or () if r.get("speaker")}
    return tuple(sorted(names))


@lru_cache(maxsize=1)
def minhash_template() -> MinHash:
    """An empty MinHash of `NUM_PERM` and `SEED`, made once per process for its permutations.

    Why: datasketch draws the permutations from a seeded generator in every
    constructor (about 0.5 ms, a few per cent of annotating an article);
    handing them over gives the same values.
    """
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    if template.scheme != "affine32" or template.hashvalues.dtype != np.uint32:
        # `permuted_minimum` repeats the affine32 scheme; another scheme would give other signatures
        raise RuntimeError(f"datasketch MinHash scheme {template.scheme!r} is not the affine32 that signatures use")
    return template


def shingle_hashes(text: str) -> np.ndarray:
    """datasketch's `sha1_hash32` of every shingle of `text` (repeats included), in no particular order.

    Why: the MinHash of a set does not depend on the order (nor on repeats)
    of its members, so the shingles need be neither sorted nor made unique.
    Joining and encoding run as a chain of `map`s (no Python-level step per
    shingle), hashed by `sketch.sha1_hash32_all`, which the aligner's sentence
    sketches use too.
    """
    words = fold_words(text)
    if len(words) < SHINGLE:
        grams = [" ".join(words)] if words else []
    else:
        grams = map(" ".join, zip(*(words[k:] for k in range(SHINGLE))))
    return sha1_hash32_all(map(str.encode, grams))


def permuted_minimum(hashed: np.ndarray) -> np.ndarray:
    """The MinHash values (uint32, one per permutation) of 32-bit shingle hashes: datasketch's
    `MinHash.update_batch` of the affine32 scheme on an empty `minhash_template`, in a few numpy steps.

    Why not datasketch itself: it turns the hashes into Python ints and back
    (about a fifth of a signature's cost); the arithmetic here is the same
    (uint32, wrapping), and a test compares it with datasketch on many texts.
    """
    template = minhash_template()
    if not len(hashed):
        return template.hashvalues.copy()
    hv = fmix32(hashed.astype(np.uint32, copy=False))
    a, b = template.permutations
    return np.minimum(template.hashvalues, (hv[:, None] * a + b).min(axis=0))


def signature(position: int, row: Mapping[str, Any]) -> Signature:
    """The clustering signature of one annotated document row.

    The shingles are hashed by `shingle_hashes` and permuted by
    `permuted_minimum` with datasketch's permutations: the values equal
    `MinHash.update_batch(shingles(text))` bit for bit (tests check it).
    """
    hashes = np.asarray(permuted_minimum(shingle_hashes(row["text"])), dtype="<u8").tobytes()
    return Signature(position, row["id"], hashes, entities(row), row.get("published"))


def has_words(sig: Signature) -> bool:
    """Whether the document had a word (else every MinHash value is the maximum, and it has no band keys)."""
    return sig.hashes != sig.hashes[:8] * NUM_PERM


def band_bytes(sig: Signature, band: int) -> bytes:
    """The `ROWS` MinHash values of one LSH band of a signature, as bytes."""
    width = ROWS * 8
    return sig.hashes[band * width:(band + 1) * width]


def band_keys(sig: Signature) -> list[str]:
    """LSH band keys of a signature: documents that share one are text candidates (the distributed groupby)."""
    if not has_words(sig):
        return []
    return [f"{b}:{hashlib.blake2b(band_bytes(sig, b), digest_size=8).hexdigest()}" for b in range(BANDS)]


def entity_keys(sig: Signature) -> list[str]:
    """Entity keys of a signature: documents that share one are entity candidates (rare ones only)."""
    return [f"e:{e}" for e in sig.entities]


def group_pairs(members: Sequence[int], cap: int) -> list[tuple[int, int]]:
    """Candidate pairs of one key's group of document positions; a group above `cap` is too common to say anything."""
    members = sorted(set(members))
    if len(members) < 2 or len(members) > cap:
        return []
    return list(combinations(members, 2))


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


class Edges:
    """Verified candidate pairs, strongest first, as three arrays (score, a, b): a few bytes per pair.

    Iterating gives `(score, a, b)` tuples of Python values, a chunk at a
    time, so a corpus with millions of candidate pairs never holds them as
    Python objects.
    """

    def __init__(self, score: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
        self.score, self.a, self.b = score, a, b

    def __len__(self) -> int:
        return len(self.score)

    def __iter__(self) -> Iterator[tuple[float, int, int]]:
        for k in range(0, len(self), EDGE_CHUNK):
            yield from zip(*(x[k:k + EDGE_CHUNK].tolist() for x in (self.score, self.a, self.b)))


#: Candidate pairs scored (and edges turned into Python values) per step: bounds the temporary arrays.
EDGE_CHUNK = 100_000


def _as_arrays(pairs: Iterable[tuple[int, int]] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two int64 position arrays of a pair set, or of an (n, 2) array of pairs."""
    if isinstance(pairs, np.ndarray):
        arr = pairs.reshape(-1, 2).astype(np.int64, copy=False)
    else:
        arr = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


def _minhash_jaccard(hashes: np.ndarray, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """`jaccard` of many pairs of signature rows, a chunk at a time (same values: equal hashes / NUM_PERM)."""
    out = np.empty(len(ia), dtype=np.float64)
    for k in range(0, len(ia), EDGE_CHUNK):
        out[k:k + EDGE_CHUNK] = (hashes[ia[k:k + EDGE_CHUNK]] == hashes[ib[k:k + EDGE_CHUNK]]).mean(axis=1)
    return out


def scored_edges(sigs: Sequence[Signature], text: Iterable[tuple[int, int]] | np.ndarray,
                 shared: Mapping[tuple[int, int], int]) -> Edges:
    """Verified candidate pairs with their strength, strongest first (ties by positions).

    A text pair's strength is its MinHash Jaccard estimate (kept from
    `TEXT_JACCARD`), an entity pair's the share of the smaller entity set its
    shared rare entities make (kept from `MIN_SHARED_ENTITIES`); a pair that
    is both takes the larger. Pairs whose publication dates lie more than
    `MAX_DAYS_APART` apart are dropped.
    """
    row_of = {s.position: i for i, s in enumerate(sigs)}
    rows = np.full(max(row_of, default=0) + 1, -1, dtype=np.int64)  # position -> signature row
    rows[list(row_of)] = list(row_of.values())
    hashes = np.frombuffer(b"".join(s.hashes for s in sigs), dtype="<u8").reshape(len(sigs), NUM_PERM)
    ta, tb = _as_arrays(text)
    tj = _minhash_jaccard(hashes, rows[ta], rows[tb])
    keep = tj >= TEXT_JACCARD
    strong = [(a, b, n) for (a, b), n in sorted(shared.items()) if n >= MIN_SHARED_ENTITIES]
    ea = np.array([a for a, _, _ in strong], dtype=np.int64)
    eb = np.array([b for _, b, _ in strong], dtype=np.int64)
    smaller = np.array([min(len(sigs[row_of[a]].entities), len(sigs[row_of[b]].entities)) for a, b, _ in strong],
                       dtype=np.int64)
    es = np.array([n for _, _, n in strong], dtype=np.int64) / np.maximum(smaller, 1)
    a = np.concatenate([ta[keep], ea])
    b = np.concatenate([tb[keep], eb])
    score = np.concatenate([tj[keep], es])
    a, b, score = _strongest_per_pair(a, b, score)
    days = _day_numbers(sigs)
    da, db = days[rows[a]], days[rows[b]]
    near = (da < 0) | (db < 0) | (np.abs(da - db) <= MAX_DAYS_APART)
    a, b, score = a[near], b[near], score[near]
    order = np.lexsort((b, a, -score))
    return Edges(score[order], a[order], b[order])


def _strongest_per_pair(a: np.ndarray, b: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, ...]:
    """One entry per (a, b) pair, with the largest of its scores."""
    if not len(a):
        return a, b, score
    order = np.lexsort((score, b, a))
    a, b, score = a[order], b[order], score[order]
    last = np.ones(len(a), dtype=bool)
    last[:-1] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])  # sorted by score within a pair: its last is its largest
    return a[last], b[last], score[last]


def _day_numbers(sigs: Sequence[Signature]) -> np.ndarray:
    """Publication date of every signature row as a day number, -1 when not stated."""
    return np.array([dt.date.fromisoformat(s.published).toordinal() if s.published else -1 for s in sigs],
                    dtype=np.int64)


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


def text_candidates(sigs: Sequence[Signature]) -> np.ndarray:
    """The text candidate pairs of `pairs_of_groups` (band keys), as a sorted (n, 2) array, one band at a time.

    Why: a corpus of many near-identical copies gives millions of candidate
    pairs, each found in up to `BANDS` bands; as Python tuples in a set they
    took about a gigabyte at 100,000 articles. Here each band's buckets are
    built, turned into pair codes (a * size + b) and merged into one sorted
    array of unique codes before the next band.
    """
    size = max((s.position for s in sigs), default=0) + 1
    codes = np.empty(0, dtype=np.int64)
    live = [s for s in sigs if has_words(s)]
    seen: set[tuple[int, ...]] = set()  # copies share most bands: a group met before adds no pair
    pending: list[np.ndarray] = []
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for s in live:
            buckets[band_bytes(s, band)].append(s.position)
        for members in buckets.values():
            if len(members) < 2:
                continue
            group = tuple(sorted(set(members)))
            if group in seen or not 2 <= len(group) <= MAX_BAND_GROUP:
                continue
            seen.add(group)
            m = np.array(group, dtype=np.int64)
            i, j = _upper_pairs(len(m))
            pending.append(m[i] * size + m[j])
        if sum(map(len, pending)) > max(4 * len(codes), 1 << 21):  # compact now and then: bounded memory
            codes, pending = _sorted_unique(np.concatenate([codes, *pending])), []
    codes = _sorted_unique(np.concatenate([codes, *pending]))
    return np.stack([codes // size, codes % size], axis=1)


@lru_cache(maxsize=MAX_BAND_GROUP + 1)
def _upper_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs i < j of n items (cached: group sizes repeat)."""
    return np.triu_indices(n, 1)


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    """Sorted unique values (by sorting: numpy's hash-based `unique` is far slower on millions of int64)."""
    x = np.sort(x)
    return x[np.concatenate(([True], x[1:] != x[:-1]))] if len(x) else x


def entity_pairs(sigs: Sequence[Signature]) -> Counter:
    """The count of shared rare entities per entity candidate pair (`pairs_of_groups` of the entity keys)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for s in sigs:
        for key in entity_keys(s):
            groups[key].append(s.position)
    return pairs_of_groups(groups)[1]


def cluster(sigs: Sequence[Signature]) -> list[list[int]]:
    """Clusters of document positions, computed in this process (the local engine)."""
    return merge((s.position for s in sigs), scored_edges(sigs, text_candidates(sigs), entity_pairs(sigs)))

