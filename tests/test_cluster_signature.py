"""Clustering signatures made with the shared MinHash permutations equal datasketch's own (invented texts)."""

from __future__ import annotations

import hashlib
import random

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
        assert sorted(set(clusters.shingle_hashes(text).tolist())) == sorted({sha1_hash32(g) for g in grams})


#: Made-up words (accents, a dotted capital I, an sharp s, digits, an underscore) for random texts.
VOCAB = ["river", "Harbour", "ferry", "said", "the", "on", "1,240", "Ærø", "İzmir", "straße", "Kraków", "naïve",
         "x_y", "—", "«quoted»", "3.5", "o'clock", "TROMSØ", "мост", "橋", "storm-hit", "", "\n\n", "  "]


def random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(rng.choice([0, 1, 2, 3, 5, 40, 400])))


def test_shingle_hashes_equal_the_plain_sha1_of_every_shingle_on_random_texts():
    rng = random.Random(7)
    for _ in range(300):
        text = random_text(rng)
        plain = {int.from_bytes(hashlib.sha1(g).digest()[:4], "little") for g in clusters.shingles(text)}
        got = clusters.shingle_hashes(text)
        assert got.dtype == np.dtype("<u4") and set(got.tolist()) == plain, text


def test_permuted_minimum_equals_datasketch_update_batch():
    rng = np.random.default_rng(3)
    template = clusters.minhash_template()
    for n in [0, 1, 2, 7, 100, 3000]:
        hashed = rng.integers(0, 2**32, size=n, dtype=np.uint64).astype(np.uint32)
        if n:
            hashed[:3] = [0, 2**32 - 1, 2**31][:n]
        fresh = MinHash(num_perm=clusters.NUM_PERM, seed=clusters.SEED, permutations=template.permutations,
                        scheme=template.scheme, hashfunc=int)
        if n:
            fresh.update_batch(hashed.tolist())
        got = clusters.permuted_minimum(hashed)
        assert got.dtype == np.uint32 and np.array_equal(got, fresh.hashvalues)


def test_signatures_of_random_texts_equal_a_fresh_minhash():
    rng = random.Random(11)
    for k in range(150):
        text = random_text(rng)
        fresh = MinHash(num_perm=clusters.NUM_PERM, seed=clusters.SEED)
        grams = clusters.shingles(text)
        if grams:
            fresh.update_batch(grams)
        assert clusters.signature(k, {"id": str(k), "text": text}).hashes == \
            np.asarray(fresh.hashvalues, dtype="<u8").tobytes(), text
