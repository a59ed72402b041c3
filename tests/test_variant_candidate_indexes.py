"""The candidate indexes of the aligner (`key_candidates`, `anchor_candidates`) give the pairs of their plain
definitions (written out here as they were before they were made faster)."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations

from wirespan.layers.variants.candidates import anchor_candidates, key_candidates

WORDS = ("harbour ferry council spokeswoman flooding residents buses noon tuesday friday weather port "
         "sail wait storm bridge mayor river levee pumps 45 3000 rain night road closed").split()


def plain_key_candidates(key_sets, doc_of, cap, min_shared):
    postings = defaultdict(list)
    for i, keys in enumerate(key_sets):
        for k in set(keys):
            postings[k].append(i)
    shared = defaultdict(int)
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > cap:
            continue
        for a, b in combinations(ids, 2):
            if doc_of[a] != doc_of[b]:
                shared[(a, b)] += 1
    return {p for p, n in shared.items() if n >= min_shared}


def plain_anchor_candidates(key_sets, doc_of, cap, per_sentence):
    postings = defaultdict(list)
    for i, keys in enumerate(key_sets):
        for k in set(keys):
            postings[k].append(i)
    pairs = set()
    for i, keys in enumerate(key_sets):
        found = []
        for k in sorted(set(keys), key=lambda k: (len(postings[k]), k)):
            ids = postings[k]
            if len(ids) > cap:
                break
            for j in ids:
                if len(found) >= per_sentence:
                    break
                if doc_of[j] != doc_of[i] and j not in found:
                    found.append(j)
        pairs.update((min(i, j), max(i, j)) for j in found)
    return pairs


def cases():
    rng = random.Random(7)
    for n in (0, 1, 2, 5, 30, 120):
        docs = rng.randint(1, 4)
        doc_of = sorted(rng.randrange(docs) for _ in range(n))
        key_sets = [[rng.choice(WORDS) for _ in range(rng.randint(0, 8))] for _ in range(n)]
        yield key_sets, doc_of


def test_key_candidates_equal_plain() -> None:
    for key_sets, doc_of in cases():
        for cap in (1, 3, 10, 200):
            for min_shared in (1, 2, 3):
                assert key_candidates(key_sets, doc_of, cap, min_shared) == \
                    plain_key_candidates(key_sets, doc_of, cap, min_shared)


def test_anchor_candidates_equal_plain() -> None:
    for key_sets, doc_of in cases():
        for cap in (1, 3, 10, 200):
            for per in (1, 2, 5):
                assert anchor_candidates(key_sets, doc_of, cap, per) == plain_anchor_candidates(key_sets, doc_of, cap, per)
