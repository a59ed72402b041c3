"""Misspelling lookup over many names without scanning them all.

Why: `rapidfuzz.process.extract` over the ~39,000 fuzzy-eligible gazetteer
names costs ~3 ms per query, and a news article asks several times; that
scan was the largest single cost of annotation.  This index gives exactly
the same answer (same hits, same scores, same order) from a small
candidate set:

* `fuzz.ratio` is the Indel similarity `1 - d / (la + lb)` (d = insertions
  plus deletions), so a score >= t needs `d <= (1 - t/100) (la + lb)` and in
  particular `|la - lb| <= d` - a length window;
* each insertion or deletion destroys at most two character bigrams, so two
  strings within distance d share at least `max(la, lb) - 1 - 2 d` bigrams
  (counted as multisets) - the q-gram count filter (Ukkonen 1992).

Candidates that pass both necessary conditions are scored by rapidfuzz in
their original order, so ties are broken by position as before.  Counting
shared bigrams is one `numpy.bincount` over the posting lists of the
query's bigrams.

Why keys are also ranked by length: the length window is a contiguous
range of lengths, so with the keys in (length, position) order it is one
slice; the window test, the bound and the count then read only that slice
(and of each posting list only its part inside it) instead of every key.
The ranking is made when the index is loaded, so the cached postings keep
their layout.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process


def tagged_bigrams(s: str) -> list[str]:
    """Bigrams of `s`, the k-th repeat of a bigram tagged with k (multiset intersection as set intersection)."""
    seen: dict[str, int] = {}
    out = []
    for i in range(len(s) - 1):
        gram = s[i:i + 2]
        k = seen.get(gram, 0)
        out.append(f"{gram}{k}")
        seen[gram] = k + 1
    return out


def encoded_postings(keys: Sequence[str]) -> dict[str, bytes]:
    """Tagged bigram -> indices (ascending, little-endian int64 bytes) of the keys that have it."""
    postings: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        for gram in dict.fromkeys(tagged_bigrams(key)):  # first-seen order, not the hash seed's
            postings.setdefault(gram, []).append(i)
    return {g: np.asarray(ids, dtype="<i8").tobytes() for g, ids in postings.items()}


class FuzzyIndex:
    """The names of `keys` (in this order), searchable by `fuzz.ratio` above a threshold."""

    def __init__(self, keys: Sequence[str], postings: dict[str, bytes] | None = None) -> None:
        """Index `keys`; `postings` (from `encoded_postings`, e.g. a disk cache) saves rebuilding them."""
        self.keys = list(keys)
        lengths = np.fromiter((len(k) for k in self.keys), dtype=np.int64, count=len(self.keys))
        if postings is None:
            postings = encoded_postings(self.keys)
        self._postings = {g: np.frombuffer(ids, dtype="<i8") for g, ids in postings.items()}
        #: key positions in (length, position) order, and each position's rank in that order
        self._by_length = np.argsort(lengths, kind="stable")
        self._rank = np.empty_like(self._by_length)
        self._rank[self._by_length] = np.arange(len(self.keys))
        self._sorted_lengths = lengths[self._by_length]
        longest = int(lengths.max()) if len(lengths) else 0
        #: every length 0 .. longest, and where the keys of each length start in the ranked order
        self._all_lengths = np.arange(longest + 1)
        self._length_starts = np.searchsorted(self._sorted_lengths, np.arange(longest + 2))
        self._ranked_postings: dict[str, tuple[np.ndarray, list[int]]] = {}
        self._windows: dict[tuple[int, float], tuple[int, int, int, int, np.ndarray]] = {}

    def ranked_posting(self, gram: str) -> tuple[np.ndarray, list[int]]:
        """The ranks (ascending) of the keys that have the tagged bigram `gram`, and where the keys of each
        length start among them (so a window of lengths is one slice); made on first use."""
        entry = self._ranked_postings.get(gram)
        if entry is None:
            ids = self._postings.get(gram)
            ranked = np.sort(self._rank[ids]) if ids is not None else np.zeros(0, dtype=np.int64)
            entry = self._ranked_postings[gram] = (ranked, ranked.searchsorted(self._length_starts).tolist())
        return entry

    def window(self, la: int, threshold: float) -> tuple[int, int, int, int, np.ndarray]:
        """For a query of `la` characters: the window's shortest and longest length, its slice [lo, hi) of the
        ranked keys, and the least count of shared bigrams for each key of the slice (infinite for a length
        the window skips).  The same for every query of that length, so memoised."""
        memo = self._windows.get((la, threshold))
        if memo is None:
            slack = 1.0 - threshold / 100.0
            every = self._all_lengths  # the window and the bound depend on a key's length only
            dmax = np.floor(slack * (la + every) + 1e-9)
            window = np.abs(every - la) <= dmax
            bound = np.maximum(every, la) - 1 - 2 * dmax
            inside = window.nonzero()[0]
            if not len(inside):
                memo = (0, -1, 0, 0, np.zeros(0))
            else:
                shortest, longest = int(inside[0]), int(inside[-1])
                lo, hi = int(self._length_starts[shortest]), int(self._length_starts[longest + 1])
                lengths = self._sorted_lengths[lo:hi]
                memo = (shortest, longest, lo, hi, np.where(window[lengths], bound[lengths], np.inf))
            self._windows[(la, threshold)] = memo
        return memo

    def candidates(self, query: str, threshold: float) -> np.ndarray:
        """Indices (ascending) of every key that can score >= `threshold` against `query`."""
        shortest, longest, lo, hi, need = self.window(len(query), threshold)
        if hi <= lo:
            return np.zeros(0, dtype=np.int64)
        parts = []
        for gram in tagged_bigrams(query):  # distinct: repeats are tagged
            ranked, cuts = self.ranked_posting(gram)
            first, last = cuts[shortest], cuts[longest + 1]
            if first < last:
                parts.append(ranked[first:last])
        if parts:
            keep = np.bincount(np.concatenate(parts) - lo, minlength=hi - lo) >= need
        else:
            keep = need <= 0
        return np.sort(self._by_length[keep.nonzero()[0] + lo])

    def extract(self, query: str, threshold: float, limit: int = 5) -> list[tuple[str, float]]:
        """What `process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)` returns."""
        ids = self.candidates(query, threshold)
        if not len(ids):
            return []
        choices = [self.keys[i] for i in ids]
        hits = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
        return [(k, score) for k, score, _ in hits]
