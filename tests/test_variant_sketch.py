"""`sketch.bulk_hashvalues` equals datasketch's `MinHash.bulk` bit for bit (the aligner's LSH keys depend on it)."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from wirespan.layers.variants.analysis import minhash_template
from wirespan.layers.variants.candidates import shingles
from wirespan.layers.variants.sketch import bulk_hashvalues, sha1_hash32_all
from datasketch.hashfunc import sha1_hash32

TEXT = ("The harbour office said on Tuesday that 45 buses had left the port before noon. "
        "A spokeswoman for the council said the ferry would sail again on Friday, weather permitting. "
        "Residents who fled the flooding were told to wait. Wait. "
        "Über-Straße café naïve 3,000 €")


def token_lists() -> list[list[str]]:
    sentences = [s.split() for s in TEXT.lower().split(". ")]
    return [*sentences, ["one"], [], sentences[0][::-1], sentences[1] * 3]


def test_sha1_hash32_all_equals_datasketch() -> None:
    items = [w.encode() for w in TEXT.split()] + [b""]
    assert sha1_hash32_all(items).tolist() == [sha1_hash32(x) for x in items]


def test_bulk_hashvalues_equal_minhash_bulk() -> None:
    for num_perm in (64, 128, 7):
        template = minhash_template(num_perm)
        sets = [list(shingles(t)) for t in token_lists()]
        ours = bulk_hashvalues(sets, template)
        theirs = MinHash.bulk(sets, num_perm=num_perm, permutations=template.permutations, scheme=template.scheme)
        assert ours.shape == (len(sets), num_perm)
        for row, mh in zip(ours, theirs):
            assert row.dtype == mh.hashvalues.dtype
            assert row.tobytes() == mh.hashvalues.tobytes()


def test_bulk_hashvalues_other_scheme_is_datasketchs() -> None:
    template = MinHash(num_perm=16, scheme="legacy")
    sets = [list(shingles(t)) for t in token_lists()]
    ours = bulk_hashvalues(sets, template)
    theirs = MinHash.bulk(sets, num_perm=16, permutations=template.permutations, scheme="legacy")
    assert [r.tobytes() for r in ours] == [m.hashvalues.tobytes() for m in theirs]


def test_bulk_hashvalues_empty() -> None:
    template = minhash_template(64)
    assert bulk_hashvalues([], template).shape == (0, 64)
    assert bulk_hashvalues([[]], template)[0].tobytes() == MinHash(num_perm=64).hashvalues.tobytes()
    assert np.array_equal(bulk_hashvalues([[b"x"], []], template)[0],
                          MinHash.bulk([[b"x"]], num_perm=64, permutations=template.permutations,
                                       scheme=template.scheme)[0].hashvalues)
