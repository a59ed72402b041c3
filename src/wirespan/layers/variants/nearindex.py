"""LSH neighbours per token sequence, kept for a whole cluster: the LSH candidates of a run without its buckets.

Why: `candidates.lsh_candidates` fills one set of LSH buckets per alignment
run and looks every sentence up in every band.  Under the representative
rule a cluster's runs are its representative with each near-duplicate in
turn, so the same token sequences are bucketed run after run.  Here every
distinct token sequence of a cluster is bucketed once, and remembers the
sequences that share a band key with it (its *neighbours*); a run then
reads its pairs from the neighbour sets of its own sequences.

Why the pairs are the same: when no sentence of a run finds `cap` or more
earlier sentences in its buckets, the sequential algorithm indexes every
sentence and keeps every partner, so its pairs are exactly the sentence
pairs (j < i, different documents) whose sequences are equal or neighbours.
`run_pairs` counts each sentence's earlier bucket mates and returns None
when one reaches `cap` (the caller then runs the sequential algorithm),
and a sequence whose bucket holds `cap` sequences or more is *crowded*:
its neighbour set is not kept and runs that contain it go the sequential
way too (a text of one template repeated, where the sets would grow with
the square of its length).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


class NearIndex:
    """Distinct token sequences (numbered) with their LSH neighbours, for one set of LSH parameters."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.ids: dict[tuple[str, ...], int] = {}
        self.buckets: dict[tuple[int, bytes], list[int]] = {}
        self.near: list[set[int]] = []
        self.crowded: list[bool] = []

    def add(self, seq: tuple[str, ...], keys: Sequence[bytes]) -> int:
        """The number of `seq` (band keys `keys`), bucketing it on its first appearance."""
        number = self.ids.get(seq)
        if number is not None:
            return number
        number = self.ids[seq] = len(self.near)
        self.near.append(set())
        self.crowded.append(False)
        for band, key in enumerate(keys):
            bucket = self.buckets.setdefault((band, key), [])
            bucket.append(number)
            if len(bucket) >= self.cap:
                for other in bucket:
                    self.crowded[other] = True
            if self.crowded[number]:
                continue
            for other in bucket[:-1]:
                self.near[other].add(number)
                self.near[number].add(other)
        return number

    def run_pairs(self, numbers: Sequence[int | None], doc_of: Sequence[int]) -> set[tuple[int, int]] | None:
        """The LSH pairs (j, i), j < i, of a run whose sentence i has sequence `numbers[i]` (None: no
        shingles), or None when the sequential algorithm must decide (a cap is reached, or a sequence
        is crowded)."""
        members: dict[int, list[int]] = {}
        for i, number in enumerate(numbers):
            if number is not None:
                members.setdefault(number, []).append(i)
        if any(self.crowded[number] for number in members):
            return None
        pairs: set[tuple[int, int]] = set()
        for number, own in members.items():
            mates = [number, *(other for other in self.near[number] if other in members)]
            pool = own if len(mates) == 1 else sorted(j for other in mates for j in members[other])
            for i in own:
                k = bisect_left(pool, i)  # earlier sentences in a bucket of i: the sequential `found`
                if k >= self.cap:
                    return None
                di = doc_of[i]
                pairs.update((j, i) for j in pool[:k] if doc_of[j] != di)
        return pairs
