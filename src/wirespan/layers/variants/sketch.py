"""MinHash values of many shingle sets at once, equal bit for bit to datasketch's `MinHash.bulk`.

Why: the aligner's LSH (`candidates.lsh_candidates`, through
`analysis.SentenceAnalysis.band_keys`) sketches every new sentence of a
cluster.  datasketch builds one `MinHash` object per sentence, hashes its
shingles one `struct.unpack` at a time and applies the permutations to a
small array per sentence: on sentences of twenty-odd shingles the Python
overhead was most of the cost (a tenth of the variant stage).  Here the
shingles of all sentences are hashed in one pass (the first four bytes of
each SHA-1 digest, read at once: datasketch's `sha1_hash32`), permuted as
one matrix and reduced per sentence with `np.minimum.reduceat`.

The permutations are datasketch's own (taken from a template `MinHash`);
the mixing step mirrors datasketch 2's `affine32` scheme (MurmurHash3's
32-bit finaliser, then `a * h + b` modulo 2**32).  A template of any other
scheme is handed to `MinHash.bulk` unchanged; a test compares both ways.
The document signatures of `pipeline.clusters` hash and mix with the same
two functions (`sha1_hash32_all`, `fmix32`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from operator import methodcaller

import numpy as np
from datasketch import MinHash

try:  # CPython's own SHA-1: the digests of OpenSSL's, in about half the time on inputs as short as a shingle
    from _sha1 import sha1 as SHA1
except ImportError:  # another Python: hashlib's
    SHA1 = hashlib.sha1
_DIGEST = methodcaller("digest")

#: MurmurHash3's 32-bit finaliser: (shift, multiplier, shift, multiplier, shift).
FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def fmix32(hv: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finaliser of a uint32 array (multiplication wraps modulo 2**32)."""
    s1, m1, s2, m2, s3 = FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def sha1_hash32_all(items: Iterable[bytes]) -> np.ndarray:
    """datasketch's `sha1_hash32` of every item, as one uint32 array.

    Hashing runs as a chain of `map`s (no Python-level step per item), and
    the 32-bit hashes (the first four bytes of each digest, little endian)
    are read from all the digests at once.
    """
    digests = b"".join(map(_DIGEST, map(SHA1, items)))
    return np.frombuffer(digests, dtype=np.uint8).reshape(-1, 20)[:, :4].copy().view("<u4").reshape(-1) \
        .astype(np.uint32, copy=False)


def bulk_hashvalues(sets: Sequence[Sequence[bytes]], template: MinHash) -> np.ndarray:
    """A (len(sets), num_perm) array whose row k is `MinHash.bulk`'s `hashvalues` of `sets[k]` (with the
    template's permutations, scheme and default hash function)."""
    if template.scheme != "affine32":
        return np.array([mh.hashvalues for mh in MinHash.bulk(
            [list(s) for s in sets], num_perm=template.num_perm, permutations=template.permutations,
            scheme=template.scheme)]).reshape(len(sets), template.num_perm)
    a, b = template.permutations
    out = np.full((len(sets), len(a)), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    filled = np.flatnonzero(sizes)
    if not len(filled):
        return out
    hv = fmix32(sha1_hash32_all([x for s in sets for x in s])).reshape(-1, 1)
    phv = hv * a + b
    starts = np.concatenate(([0], np.cumsum(sizes[filled])[:-1]))
    out[filled] = np.minimum.reduceat(phv, starts, axis=0)
    return out
