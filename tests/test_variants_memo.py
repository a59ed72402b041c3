"""Indexes and memos of the variant aligner give the answers of the plain computations they replace.

Invented sentences and random word lists only (not the seeds).  Each test
computes the plain answer (the code as it was before the index or memo)
next to the fast one.
"""

from __future__ import annotations

import random
import re

from rapidfuzz import fuzz

from wirespan.layers.variants import NameMap, SentenceAnalysis, normalise
from wirespan.layers.variants.candidates import band_keys, lsh_candidates, lsh_params, score, scored_pairs, shingles
from wirespan.layers.variants.nearindex import NearIndex
from wirespan.layers.variants.normalise import content_words
from wirespan.layers.variants.passages import MT_SIGNALS, looks_machine_translated, shared_run
from wirespan.layers.variants.quotes import quote_relation, shared_words
from wirespan.layers.variants.sentences import Sentence
from wirespan.layers.variants import common_run
from wirespan.text.entities import Registry

WORDS = ("harbour officials said containers were stranded after storm tuesday ferries cancelled port reopen "
         "friday spokeswoman backlog clear within nine days fishing boats fjord region").split()


def random_runs(rng: random.Random, n_runs: int) -> list[tuple[list[list[str]], list[int]]]:
    """Runs of two or three documents whose sentences repeat (as copies do) or are drawn afresh."""
    pool = [[rng.choice(WORDS) for _ in range(rng.randint(0, 9))] for _ in range(12)]
    runs = []
    for _ in range(n_runs):
        token_lists, doc_of = [], []
        for doc in range(rng.randint(2, 3)):
            for _ in range(rng.randint(1, 8)):
                t = list(rng.choice(pool)) if rng.random() < 0.7 else [rng.choice(WORDS) for _ in range(4)]
                if t and rng.random() < 0.2:
                    t[rng.randrange(len(t))] = rng.choice(WORDS)
                token_lists.append(t)
                doc_of.append(doc)
        runs.append((token_lists, doc_of))
    return runs


def test_lsh_pairs_from_the_near_index_equal_the_sequential_buckets():
    rng = random.Random(3)
    for cap in (40, 3):  # 3: the cap binds in many runs, which then take the sequential way
        analysis = SentenceAnalysis()
        for token_lists, doc_of in random_runs(rng, 60):
            plain = lsh_candidates(token_lists, doc_of, cap=cap)
            assert lsh_candidates(token_lists, doc_of, cap=cap, analysis=analysis) == plain
        assert analysis.near  # the index was used


def test_near_index_reports_a_reached_cap_and_crowded_sequences():
    bands, rows = lsh_params(0.3, 64)
    index = NearIndex(cap=2)
    same = [bytes([b]) for b in range(bands)]  # one key vector: every sequence shares every bucket
    numbers = [index.add(("a",), same), index.add(("a",), same)]
    assert numbers == [0, 0] and not index.crowded[0]
    assert index.run_pairs([0, 0], [0, 1]) == {(0, 1)}
    assert index.run_pairs([0, 0, 0], [0, 1, 1]) is None  # the third sentence finds two earlier ones: the cap
    index.add(("b",), same)
    assert index.crowded[0] and index.run_pairs([0, 1], [0, 1]) is None


def same_stem(a: str, b: str) -> bool:
    """A common prefix of five or more letters and 60% of the shorter word."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 5 and n >= 0.6 * min(len(a), len(b))


def contiguous_in(short: list[str], long_: list[str]) -> bool:
    return bool(short) and any(long_[k:k + len(short)] == short for k in range(len(long_) - len(short) + 1))


def plain_quote_relation(ta: list[str], tb: list[str], translated: bool, relaxed: bool = False):
    """`quote_relation` as it was: every ratio computed, every word compared with every other."""
    if not ta or not tb:
        return None
    if ta == tb:
        return ("translated" if translated else "verbatim"), 100.0
    ja, jb = " ".join(ta), " ".join(tb)
    short_t, long_t = (ta, tb) if len(ja) <= len(jb) else (tb, ta)
    js, jl = " ".join(short_t), " ".join(long_t)
    ratio = fuzz.ratio(ja, jb)
    partial = fuzz.partial_ratio(js, jl)
    cs, cl = content_words(short_t), content_words(long_t)
    shared = len(cs & cl) + sum(1 for w in cs - cl if any(same_stem(w, v) for v in cl - cs))
    share = shared / (len(cs) or 1)
    shorter = len(js) <= 0.7 * len(jl)
    if shorter and (contiguous_in(short_t, long_t) or (partial >= 85 and len(short_t) >= 4)
                    or (share >= 0.6 and shared >= 3)):
        return "subset", partial
    if share >= 0.6 and shared >= 3 and shared / (len(cl) or 1) <= 0.6:
        return "subset", partial
    similar = (share >= 0.5 and shared >= 2 and (ratio >= 50 or share >= 0.75)) or \
              (relaxed and shared >= 1 and share >= 0.5 and not shorter)
    if similar:
        return ("translated" if translated else "edited"), ratio
    return None


def test_quote_relation_equals_the_plain_computation():
    rng = random.Random(5)
    vocab = WORDS + ["liberation", "liberate", "shelling", "shelled", "stranding", "officially", "we", "the"]
    for _ in range(4000):
        ta = [rng.choice(vocab) for _ in range(rng.randint(0, 14))]
        tb = ta[rng.randint(0, 4):] + [rng.choice(vocab) for _ in range(rng.randint(0, 6))] \
            if rng.random() < 0.5 else [rng.choice(vocab) for _ in range(rng.randint(0, 14))]
        for translated, relaxed in ((False, False), (True, False), (False, True)):
            assert quote_relation(ta, tb, translated, relaxed) == plain_quote_relation(ta, tb, translated, relaxed)


def test_shared_words_by_prefix_equal_every_comparison():
    rng = random.Random(6)
    vocab = ["liberation", "liberate", "liber", "shelling", "shelled", "shell", "stranded", "strand", "port",
             "reopening", "reopened", "fjords", "fjord", "containers", "contain"]
    for _ in range(3000):
        cs, cl = frozenset(rng.sample(vocab, rng.randint(0, 6))), frozenset(rng.sample(vocab, rng.randint(0, 6)))
        plain = len(cs & cl) + sum(1 for w in cs - cl if any(same_stem(w, v) for v in cl - cs))
        assert shared_words(cs, cl) == plain


def analysed(texts: list[str], names: NameMap, analysis: SentenceAnalysis) -> list[Sentence]:
    out = []
    for k, text in enumerate(texts):
        s = Sentence(k % 2, 0, len(text), text)
        analysis.fill(s, names)
        out.append(s)
    return out


def test_memoised_scores_and_runs_equal_the_plain_ones():
    texts = ["Harbour officials said 1,240 containers were stranded after the storm.",
             "Harbour officials said 1,240 containers were stranded after the storm.",
             "Officials at the harbour said the storm stranded 1,240 containers on Tuesday.",
             "Fishing boats stayed in the fjord."]
    analysis = SentenceAnalysis()
    for _ in range(2):  # misses, then hits
        sents = analysed(texts, NameMap(), analysis)
        pairs = [(i, j) for i in range(4) for j in range(4) if i != j]
        assert scored_pairs(sents, pairs, analysis.scores) == {(i, j): score(sents[i], sents[j]) for i, j in pairs}
        for i, j in pairs:
            assert shared_run(sents[i], sents[j], analysis.runs) == common_run(sents[i].tokens, sents[j].tokens)
    assert len(analysis.scores) == 4  # keys 0, 0, 1, 2: (0, 0), (0, 1), (0, 2), (1, 2)


def test_scores_are_symmetric():
    """The memo keeps one score per unordered pair of token keys: score(a, b) must equal score(b, a)."""
    rng = random.Random(9)
    analysis = SentenceAnalysis()
    texts = [" ".join(rng.choice(WORDS + ["1,240", "37", "the", "a"]) for _ in range(rng.randint(0, 12)))
             for _ in range(150)]
    sents = analysed(texts, NameMap(), analysis)
    for a, b in zip(sents, sents[1:] + sents[:1]):
        assert score(a, b) == score(b, a)


def test_quote_tokens_are_normalise_once_per_text_and_reading():
    names = NameMap({"hritsenko": "hrytsenko"})
    analysis = SentenceAnalysis()
    reading = analysis.reading(names)
    assert analysis.reading(NameMap(dict(names.token_map))) == reading  # an equal map: the same reading
    assert analysis.reading(NameMap({})) != reading
    text = "Hritsenko said: we will reopen the port."
    tokens, key = analysis.quote(text, names, reading)
    assert tokens == normalise(text, names) and analysis.quote(text, names, reading) == (tokens, key)


def test_faster_mt_patterns_find_what_the_plain_ones_find():
    plain = {
        "space_before_closing_mark": re.compile(r"[.,!?] [”“\"](?=\s|$)|[.,] ”\w"),
        "lowercase_after_stop": re.compile(r"[a-z]{3}\. (?:which|that|and|but|who)\b"),
        "run_together_number_word": re.compile(r"\d (?:million|billion|thousand)[a-z]{3,}"),
    }
    rng = random.Random(8)
    alphabet = list("ab .,!?”“\"5\n") + ["which", "that", " million", "billions", "thousandfold", "abc", "Ab"]
    for _ in range(60000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for name, rx in plain.items():
            assert bool(MT_SIGNALS[name].search(text)) == bool(rx.search(text)), (name, text)


def test_mt_verdict_memo():
    text = "Prices rose by $ 5 in May. “We pay more ” , she said."
    memo: dict[str, bool] = {}
    first = looks_machine_translated({"text": text}, memo)
    assert memo == {text: first} and looks_machine_translated({"text": text}, memo) == first
    assert looks_machine_translated({"text": text, "derivation": "original"}, memo) is False  # a hint wins


def test_registry_names_found_in_one_scan_equal_substring_search():
    entries = [{"id": "p1", "name": "Ana Berg", "type": "person", "aliases": ["Berg", "A. Berg"]},
               {"id": "p2", "name": "Joe Biden", "type": "person", "aliases": ["Joe"]},
               {"id": "p3", "name": "Biden Harris", "type": "organisation", "aliases": []},
               {"id": "p4", "name": "Bergen Port", "type": "organisation", "aliases": ["Bergen"]},
               {"id": "p5", "name": "Nobody", "type": "person", "aliases": [""]}]
    registry = Registry(entries)
    texts = ["", "Ana Berg said", "Joe Biden Harris", "Bergensfjord", "Joe", "A. Bergen Port Ana",
             "joe biden", "Biden Harri", "Berg Berg Bergen"]

    def plain(text: str) -> frozenset[int]:
        return frozenset(k for k, e in enumerate(entries)
                         if any(a and a in text for a in (e.get("name", ""), *e.get("aliases", []))))

    for text in texts:
        assert registry.entries_in(text) == plain(text), text
    assert [e["id"] for e in registry.matching(texts[2:4]).entries] == ["p1", "p2", "p3", "p4"]
    assert Registry([]).entries_in("Ana Berg") == frozenset()


def test_lsh_shingle_bands_unchanged_by_the_shared_template():
    """The MinHash permutations handed over from the process's template give the values of a fresh MinHash."""
    from datasketch import MinHash

    tokens = ["harbour", "officials", "said", "containers", "were", "stranded"]
    bands, rows = lsh_params(0.3, 64)
    fresh = MinHash.bulk([list(shingles(tokens))], num_perm=64)[0]
    analysis = SentenceAnalysis()
    assert analysis.band_keys([tokens], 64, bands, rows, shingles, band_keys) == \
        [band_keys(fresh.hashvalues, bands, rows)]
