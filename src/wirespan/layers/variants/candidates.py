"""Candidate pairs and pair scores: which sentences are compared at all, and how alike they are.

Why indexes: sentence pairs grow with the square of the corpus, so
candidates come from indexes near-linear in the number of sentences: a
MinHash LSH index over word-bigram shingles (near-duplicates: reprints,
edits), an inverted index of rare keys (content words, names and numbers
shared by few sentences, capped per key) that catches paraphrase and
machine translation, and a capped index of claim anchors
(``claims.claim_keys``).  Every candidate is then scored with rapidfuzz
ratios and content-word overlap.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain, combinations, pairwise, product
from typing import Any

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from wirespan.layers.variants.analysis import SentenceAnalysis
from wirespan.layers.variants.claims import claim_keys
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.sentences import PairScore, Sentence


def shingles(tokens: Sequence[str]) -> set[bytes]:
    """Word bigrams (unigrams for one-word sentences) as bytes for MinHash."""
    if len(tokens) < 2:
        return {t.encode() for t in tokens}
    return {f"{a} {b}".encode() for a, b in pairwise(tokens)}


@lru_cache(maxsize=8)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """The (bands, rows) datasketch chooses for ``threshold`` and ``num_perm``, computed once per process.

    datasketch finds them by numerical integration on every MinHashLSH
    construction (about 10 ms, more than aligning a small cluster); passing
    them back as ``params`` gives the same buckets.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def lsh_candidates(token_lists: Sequence[Sequence[str]], doc_of: Sequence[int],
                   threshold: float = DEFAULT_CONFIG.lsh_threshold,
                   num_perm: int = DEFAULT_CONFIG.num_perm,
                   cap: int = DEFAULT_CONFIG.lsh_partners,
                   analysis: SentenceAnalysis | None = None) -> set[tuple[int, int]]:
    """Sentence pairs (i < j, different documents) that MinHash LSH puts in one bucket.

    At most ``cap`` partners per sentence (the nearest earlier ones), and a
    sentence whose buckets already hold ``cap`` sentences is not indexed: the
    work and the pairs stay linear in the number of sentences even when one
    template repeats through a long text.  With `analysis`, the band keys
    of a token sequence seen before (in another run of the cluster) are
    taken from it, and the pairs from its sequences' neighbours in the
    cluster (`nearindex`) unless a cap is reached.
    """
    bands, rows = lsh_params(threshold, num_perm)
    if analysis is None:
        hashes = MinHash.bulk([list(shingles(t)) for t in token_lists], num_perm=num_perm)
        all_keys = [band_keys(mh.hashvalues, bands, rows) for mh in hashes]
    else:
        index, numbers = analysis.near_numbers(token_lists, num_perm, bands, rows, cap, shingles, band_keys)
        found = index.run_pairs(numbers, doc_of)
        if found is not None:
            return found
        all_keys = analysis.band_keys(token_lists, num_perm, bands, rows, shingles, band_keys)
    return sequential_lsh_pairs(all_keys, token_lists, doc_of, cap, bands)


def sequential_lsh_pairs(all_keys: Sequence[Sequence[bytes]], token_lists: Sequence[Sequence[str]],
                         doc_of: Sequence[int], cap: int, bands: int) -> set[tuple[int, int]]:
    """`lsh_candidates` from the band keys of every sentence: one set of buckets per band, filled in order."""
    buckets: list[dict[bytes, list[int]]] = [defaultdict(list) for _ in range(bands)]
    pairs: set[tuple[int, int]] = set()
    for i, keys in enumerate(all_keys):
        if not token_lists[i]:  # no shingles
            continue
        found = {j for band, key in zip(buckets, keys) for j in band.get(key, ())}
        partners = sorted(j for j in found if doc_of[j] != doc_of[i])[-cap:]
        pairs.update((j, i) for j in partners)
        if len(found) < cap:
            for band, key in zip(buckets, keys):
                band[key].append(i)
    return pairs


def band_keys(hashvalues: Any, bands: int, rows: int) -> list[bytes]:
    """The bucket key of each LSH band: the bytes of its `rows` hash values.

    The banding of datasketch's ``MinHashLSH`` (same bands, same rows: two
    signatures share a bucket exactly when they do there), kept in plain
    dicts: the library's storage layer cost more than the hashing.
    """
    return [hashvalues[b * rows:(b + 1) * rows].tobytes() for b in range(bands)]


def key_candidates(key_sets: Sequence[Iterable[str]], doc_of: Sequence[int],
                   cap: int = DEFAULT_CONFIG.key_cap, min_shared: int = 2) -> set[tuple[int, int]]:
    """Pairs sharing at least ``min_shared`` rare keys; keys with more than ``cap`` postings are skipped.

    The cap bounds the work per key, so the cost is at most cap x postings,
    linear in the number of sentences for a fixed cap.  The pairs of every
    posting list are counted in one `Counter` pass (C code) and only the
    distinct pairs are checked for their documents: the same pairs as
    counting cross-document pairs one at a time.
    """
    postings = _postings(key_sets)
    lists = [ids for ids in postings.values() if 2 <= len(ids) <= cap]
    ordered = all(a <= b for a, b in pairwise(doc_of))  # sentences listed document by document (every run)

    def pairs_of(ids: Sequence[int]) -> Iterable[tuple[int, int]]:
        """Short lists whole (their pairs in one document are dropped below), long ones cross pairs only."""
        return cross_pairs(ids, doc_of) if ordered and len(ids) >= 4 else combinations(ids, 2)

    if min_shared <= 1:
        found: Iterable[tuple[int, int]] = set(chain.from_iterable(map(pairs_of, lists)))
    else:
        counts = Counter(chain.from_iterable(map(pairs_of, lists)))
        found = [p for p, n in counts.items() if n >= min_shared]
    return {p for p in found if doc_of[p[0]] != doc_of[p[1]]}


def cross_pairs(ids: Sequence[int], doc_of: Sequence[int]) -> Iterable[tuple[int, int]]:
    """The pairs of `combinations(ids, 2)` whose sides lie in different documents, in the same order.

    Why: `key_candidates` keeps only such pairs, and in a run of a representative with one near-duplicate
    most pairs of a posting list lie inside one document; counting only the others gives the same counts
    for them, in the same first-seen order.  Requires ascending `ids` and documents that never decrease
    along them (sentences listed document by document): then the pairs of an item are those with every item
    after its document's last one, and `product` of the document's items with that tail lists them in the
    order `combinations` does.
    """
    n = len(ids)
    if n == 2:
        return (tuple(ids),) if doc_of[ids[0]] != doc_of[ids[1]] else ()
    parts = []
    start = 0
    while start < n:
        doc = doc_of[ids[start]]
        end = start + 1
        while end < n and doc_of[ids[end]] == doc:
            end += 1
        if end == n:
            break
        parts.append(product(ids[start:end], ids[end:]))
        start = end
    return chain.from_iterable(parts)


def _postings(key_sets: Sequence[Iterable[str]]) -> dict[str, list[int]]:
    """Key -> the indices (ascending) of the key sets that hold it."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(key_sets):
        for k in keys if isinstance(keys, (set, frozenset)) else set(keys):
            postings[k].append(i)
    return postings


def anchor_candidates(key_sets: Sequence[Iterable[str]], doc_of: Sequence[int],
                      cap: int = DEFAULT_CONFIG.key_cap,
                      per_sentence: int = DEFAULT_CONFIG.anchor_partners) -> set[tuple[int, int]]:
    """Pairs sharing one anchor key: at most ``per_sentence`` partners per sentence, rarest keys first.

    Keys with more than ``cap`` postings are skipped; each sentence takes
    partners from its rarest keys (a repeated claim shares a rare name or
    number) until it has ``per_sentence`` of them.  Output and work are at
    most per_sentence x sentences and cap x keys: linear for fixed caps.
    The order "rarest first, ties by key" is ranked once for all keys, and
    each sentence sorts its keys by that rank.
    """
    postings = _postings(key_sets)
    rank = {k: r for r, k in enumerate(sorted(postings, key=lambda k: (len(postings[k]), k)))}
    pairs: set[tuple[int, int]] = set()
    for i, keys in enumerate(key_sets):
        found: list[int] = []
        di = doc_of[i]
        for k in sorted(set(keys), key=rank.__getitem__):
            ids = postings[k]
            if len(ids) > cap:
                break
            for j in ids:
                if len(found) >= per_sentence:
                    break
                if doc_of[j] != di and j not in found:
                    found.append(j)
        pairs.update((min(i, j), max(i, j)) for j in found)
    return pairs


def rare_keys(sentence: Sentence) -> set[str]:
    """Keys for the inverted index: content words of 4+ letters and numbers."""
    return {w for w in sentence.content if len(w) >= 4 or w.isdigit()}


def score(a: Sentence, b: Sentence) -> PairScore:
    """Similarity of two normalised sentences: sequence ratio, token-set ratio, content overlap."""
    ja, jb = " ".join(a.tokens), " ".join(b.tokens)
    shared = len(a.content & b.content)
    smaller = min(len(a.content), len(b.content)) or 1
    return PairScore(fuzz.ratio(ja, jb), fuzz.token_set_ratio(ja, jb), shared, shared / smaller,
                     a.tokens == b.tokens)


def scored_pairs(sentences: Sequence[Sentence], pairs: Iterable[tuple[int, int]],
                 memo: dict[tuple[int, int], PairScore]) -> dict[tuple[int, int], PairScore]:
    """`score` of every candidate pair (in the order of `pairs`), each pair of token sequences scored once.

    Why: `score` reads only the two sentences' tokens (and their content words, a function of the
    tokens), and a representative aligned with each of its near-duplicates meets the same pairs of
    sentences run after run.  `memo` is keyed by the sentences' token keys (`SentenceAnalysis.token_key`),
    smaller first: every part of a score is symmetric (rapidfuzz's ratio and token-set ratio, the shared
    words, their share of the smaller set, equality), and the representative comes first in some runs
    and second in others.
    """
    out = {}
    for p in pairs:
        a, b = sentences[p[0]], sentences[p[1]]
        key = (a.key, b.key) if a.key <= b.key else (b.key, a.key)
        sc = memo.get(key) if a.key >= 0 and b.key >= 0 else score(a, b)  # -1: not analysed by the memo's owner
        if sc is None:
            sc = memo[key] = score(a, b)
        out[p] = sc
    return out


def linked(s: PairScore, config: AlignerConfig = DEFAULT_CONFIG) -> bool:
    """Whether two sentences report the same statement (by the scores alone)."""
    if s.equal:
        return True
    if s.shared < config.min_shared:
        return False
    return (s.share >= config.link_share and s.tsr >= config.link_tsr - 10) or s.tsr >= config.link_tsr + 10 or s.share >= 0.6


def candidate_pairs(sentences: Sequence[Sentence], config: AlignerConfig = DEFAULT_CONFIG,
                    analysis: SentenceAnalysis | None = None) -> set[tuple[int, int]]:
    """Union of LSH near-duplicate candidates and rare-key candidates (i < j)."""
    doc_of = [s.doc for s in sentences]
    pairs = lsh_candidates([s.tokens for s in sentences], doc_of, config.lsh_threshold, config.num_perm,
                           config.lsh_partners, analysis)
    memo = analysis.rare_keys if analysis is not None else {}
    rare = []
    for s in sentences:  # a function of the tokens: kept per token key for the next run of the cluster
        found = memo.get(s.key) if s.key >= 0 else None
        if found is None:
            found = rare_keys(s)
            if s.key >= 0:
                memo[s.key] = found
        rare.append(found)
    pairs |= key_candidates(rare, doc_of, cap=config.key_cap)
    pairs |= anchor_candidates([claim_keys(s) for s in sentences], doc_of, config.key_cap, config.anchor_partners)
    return {(min(p), max(p)) for p in pairs}
