"""Per-document memos of the variant aligner give the answers of the computations they replace.

Invented texts and random index lists only (not the seeds).  A cluster's
representative is in every alignment run of its cluster, so what depends on
one document only (its name mentions) is kept per document; each test computes the plain answer next to the memoised one.
"""

from __future__ import annotations

import random
from collections import Counter
from itertools import chain, combinations

from wirespan.layers.variants import SentenceAnalysis, align, extract
from wirespan.layers.variants.candidates import cross_pairs, key_candidates
from wirespan.layers.variants.names import name_mentions
from wirespan.pipeline.annotate import annotate_document
from wirespan.pipeline.duplicates import alignment_runs
from wirespan.text.entities import Registry

STORY = ("Harbour officials in Tromso said on Tuesday that 1,240 containers were stranded after the storm. "
         "The port will reopen on Friday, the Hrytsenko shipping company said. "
         "Ana Berg, the harbour spokeswoman, said: “We expect the backlog to clear within nine days.” "
         "Fishing boats stayed in the fjord while 37 ferries were cancelled across the region. "
         "Volodymyr Zelensky and Petro Poroshenko spoke about the storm in Kyiv and Odessa.")
OTHER = ("A storm closed the harbour of Tromso, where 1,240 containers are stranded, officials said on Tuesday. "
         "The Hritsenko shipping company expects the port to reopen on Friday. "
         "“We expect the backlog to clear within nine days,” Ana Berg, a spokeswoman, told reporters. "
         "Zelensky said in Odesa that 40 ferries were cancelled.")


def documents() -> list[dict]:
    """Near-copies of one report (a number changed, a sentence cut, a name respelt) and an independent one."""
    texts = [STORY, STORY.replace("37 ferries", "39 ferries"), OTHER,
             STORY.replace(" The port will reopen on Friday, the Hrytsenko shipping company said.", ""),
             STORY.replace("Hrytsenko", "Hritsenko").replace("Odessa", "Odesa")]
    return [annotate_document({"id": f"{k:016x}", "text": t, "sha256": "0" * 64}) for k, t in enumerate(texts)]


def plain_key_candidates(key_sets, doc_of, cap, min_shared):
    """`key_candidates` as it was: every pair of a posting list counted, then pairs in one document dropped."""
    postings: dict[str, list[int]] = {}
    for i, keys in enumerate(key_sets):
        for k in keys:
            postings.setdefault(k, []).append(i)
    lists = [ids for ids in postings.values() if 2 <= len(ids) <= cap]
    if min_shared <= 1:
        found = set(chain.from_iterable(combinations(x, 2) for x in lists))
    else:
        counts = Counter(chain.from_iterable(combinations(x, 2) for x in lists))
        found = [p for p, n in counts.items() if n >= min_shared]
    return {p for p in found if doc_of[p[0]] != doc_of[p[1]]}


def test_cross_pairs_are_the_cross_document_combinations_in_order():
    rng = random.Random(5)
    for _ in range(500):
        doc_of = sorted(rng.randrange(4) for _ in range(rng.randint(2, 14)))
        ids = sorted(rng.sample(range(len(doc_of)), rng.randint(2, len(doc_of))))
        plain = [p for p in combinations(ids, 2) if doc_of[p[0]] != doc_of[p[1]]]
        assert list(cross_pairs(ids, doc_of)) == plain


def test_key_candidates_equal_the_plain_count_in_the_same_order():
    rng = random.Random(9)
    words = [f"w{k}" for k in range(12)]
    for _ in range(300):
        doc_of = sorted(rng.randrange(3) for _ in range(rng.randint(2, 20)))
        key_sets = [{rng.choice(words) for _ in range(rng.randint(0, 5))} for _ in doc_of]
        for cap, min_shared in ((4, 2), (40, 2), (40, 1)):
            found = key_candidates(key_sets, doc_of, cap=cap, min_shared=min_shared)
            plain = plain_key_candidates(key_sets, doc_of, cap, min_shared)
            assert found == plain
            if min_shared > 1:  # filled in the same order, so it iterates alike (the quote aligner sorts its own)
                assert list(found) == list(plain)
    unordered = [0, 1, 0, 1]  # documents not listed one after the other: the plain way
    assert key_candidates([{"a", "b"}] * 4, unordered, cap=10) == {(0, 1), (0, 3), (1, 2), (2, 3)}


def test_name_mentions_memo_equals_plain_per_registry():
    docs = documents()
    registry = Registry.shared()
    memo: dict = {}
    subsets = [registry.matching(d["text"] for d in docs), registry.matching([docs[2]["text"]]), None]
    for reg in subsets + subsets:
        for run in ([0, 1], [1, 0], [0, 2, 4], [3]):
            run_docs = [docs[i] for i in run]
            assert name_mentions(run_docs, reg, memo) == name_mentions(run_docs, reg)
    assert any(m.kind == "person" for m in name_mentions(docs, subsets[0], memo))


def test_star_runs_with_one_analysis_equal_fresh_runs():
    docs = documents()
    runs = alignment_runs(docs)
    assert any(len(r) == 2 for r in runs)
    analysis = SentenceAnalysis()
    for run in runs + runs:  # every run twice: the second time everything is found in the memos
        subset = [docs[i] for i in run]
        assert extract(subset, analysis) == extract(subset)
        assert extract(subset, analysis) == align(subset, Registry.shared().matching(d["text"] for d in subset))
    assert analysis.registries and analysis.mentions
