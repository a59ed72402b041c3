"""The quote aligner's partial-ratio prefilter gives what the plain partial ratio gives (issue 15)."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from wirespan.layers.variants.quotes import SUBSET_PARTIAL, partial_ratio_at_least, quote_relation

SYLLABLES = ["ka", "lo", "mer", "tis", "van", "du", "pel", "ro", "sen", "gra", "bo", "fin", "ul", "tre", "ash"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def edited(words: list[str], rng: random.Random, edits: int) -> list[str]:
    """`words` with `edits` random word or letter changes (replace, drop, insert, swap letters)."""
    out = list(words)
    for _ in range(edits):
        if not out:
            break
        k = rng.randrange(len(out))
        action = rng.randrange(4)
        if action == 0:
            out[k] = word(rng)
        elif action == 1 and len(out) > 1:
            del out[k]
        elif action == 2:
            out.insert(k, word(rng))
        elif len(out[k]) > 1:
            i = rng.randrange(len(out[k]) - 1)
            out[k] = out[k][:i] + out[k][i + 1] + out[k][i] + out[k][i + 2:]
    return out


def generated_pairs(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(shorter, longer) quote texts: a stretch of the longer, edited a little or a lot, or unrelated."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        long_words = [word(rng) for _ in range(rng.randint(8, 70))]
        size = rng.randint(2, max(2, len(long_words) * 2 // 3))
        start = rng.randrange(len(long_words) - size + 1)
        if rng.random() < 0.15:
            short_words = [word(rng) for _ in range(size)]
        else:
            short_words = edited(long_words[start:start + size], rng, rng.choice((0, 1, 1, 2, 3, 5, 8)))
        short, long_ = " ".join(short_words), " ".join(long_words)
        if short:
            pairs.append((short, long_) if len(short) <= len(long_) else (long_, short))
    return pairs


def test_partial_ratio_at_least_equals_the_plain_ratio() -> None:
    pairs = generated_pairs(3000)
    floors = (SUBSET_PARTIAL, 60.0, 95.5, 100.0, 4.0)  # 4: no cutoff asked of rapidfuzz
    near = 0
    for short, long_ in pairs:
        plain = fuzz.partial_ratio(short, long_)
        near += abs(plain - SUBSET_PARTIAL) <= 5
        for floor in floors:
            assert partial_ratio_at_least(short, long_, floor) == (plain if plain >= floor else None), (short, long_)
    # the generated pairs do test the rule's floor: many lie near it, on both sides, with short and long needles
    scores = [fuzz.partial_ratio(s, l) for s, l in pairs]
    assert near >= 100
    assert sum(s >= SUBSET_PARTIAL for s in scores) >= 300 and sum(s < SUBSET_PARTIAL for s in scores) >= 300
    assert sum(len(s) > 64 for s, _ in pairs) >= 300 and sum(len(s) <= 64 for s, _ in pairs) >= 300


def plain_relation_without_shared_words(ta: list[str], tb: list[str], translated: bool) -> tuple[str, float] | None:
    """`quote_relation` of two quotes with no content words, computed plainly: equal, a contiguous stretch of
    the longer, or a shorter quote of four or more words whose partial ratio with the longer is at least 85."""
    if ta == tb:
        return ("translated" if translated else "verbatim"), 100.0
    ja, jb = " ".join(ta), " ".join(tb)
    js, short_t, jl, long_t = (ja, ta, jb, tb) if len(ja) <= len(jb) else (jb, tb, ja, ta)
    if len(js) <= 0.7 * len(jl):
        partial = fuzz.partial_ratio(js, jl)
        if any(long_t[k:k + len(short_t)] == short_t for k in range(len(long_t))):
            return "subset", partial
        if len(short_t) >= 4 and partial >= 85:
            return "subset", partial
    return None


def test_quote_relation_without_shared_words_is_the_plain_one() -> None:
    """Without content words only the equality and subset rules can pair two quotes (the fuzzy one reads
    the partial ratio): the verdicts are the plain ones."""
    rng = random.Random(11)
    fuzzy = 0
    for short, long_ in generated_pairs(1500, seed=3):
        for ta, tb in ((short.split(), long_.split()), (long_.split(), short.split())):
            translated = rng.random() < 0.5
            expected = plain_relation_without_shared_words(ta, tb, translated)
            assert quote_relation(ta, tb, translated, content=(frozenset(), frozenset())) == expected, (ta, tb)
            fuzzy += expected is not None and expected[0] == "subset" and expected[1] < 100
    assert fuzzy >= 100
