"""Clustering signatures made with the shared MinHash permutations equal datasketch's own (invented texts)."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash
from datasketch.hashfunc import sha1_hash32

from wirespan.pipeline import clusters


def test_signature_hashes_equal_a_fresh_minhash():
    texts = ["Harbour officials in Tromso said 1,240 containers were stranded after the storm on Tuesday.",
             "Fishing boats stayed in the fjord while ferries were cancelled.", "Two words", ""]
    for k, text in enumerate(texts):
        fresh = MinHash(num_perm=clusters.NUM_PERM, seed=clusters.SEED)
        grams = clusters.shingles(text)
        if grams:
            fresh.update_batch(grams)
        sig = clusters.signature(k, {"id": f"{k:016x}", "text": text})
        assert sig.hashes == np.asarray(fresh.hashvalues, dtype="<u8").tobytes()
    assert clusters.signature(0, {"id": "a", "text": texts[0]}).hashes != \
        clusters.signature(1, {"id": "b", "text": texts[1]}).hashes


def test_the_template_is_not_changed_by_signatures():
    template = clusters.minhash_template()
    before = template.hashvalues.copy()
    clusters.signature(0, {"id": "a", "text": "Harbour officials said containers were stranded."})
    assert np.array_equal(template.hashvalues, before)


def test_shingle_hashes_give_datasketch_values_on_repeats_short_and_unicode_texts():
    texts = ["the cat sat the cat sat the cat sat", "Ωmega ſtraße İstanbul café — naïve", "one", "a b",
             "Straße STRASSE strasse, 3 000 km; ½ of them", "_ _ under_score words__here and there"]
    for k, text in enumerate(texts):
        fresh = MinHash(num_perm=clusters.NUM_PERM, seed=clusters.SEED)
        grams = clusters.shingles(text)
        if grams:
            fresh.update_batch(grams)
        assert clusters.signature(k, {"id": str(k), "text": text}).hashes == \
            np.asarray(fresh.hashvalues, dtype="<u8").tobytes()
        assert sorted(clusters.shingle_hashes(text)) == sorted(sha1_hash32(g) for g in grams)
