"""The shared sentence analysis (`SentenceAnalysis`): one analysis per cluster gives the pairs of a fresh one per run.

Invented texts only (not the seeds).  The representative rule aligns a
representative once with the other representatives and once with each of
its near-duplicates; these tests check that sharing the sentences' analysis
between those runs changes no pair, and that a sentence whose words a run's
name map reads differently is analysed again for that run.
"""

from __future__ import annotations

from wirespan.layers.variants import NameMap, Sentence, SentenceAnalysis, align, claim_signature, content_words, normalise
from wirespan.layers.variants.candidates import lsh_candidates
from wirespan.pipeline.annotate import align_variants, annotate_document
from wirespan.pipeline.duplicates import alignment_runs

STORY = ("Harbour officials in Tromso said on Tuesday that 1,240 containers were stranded after the storm. "
         "The port will reopen on Friday, the Hrytsenko shipping company said. "
         "Ana Berg, the harbour spokeswoman, said: “We expect the backlog to clear within nine days.” "
         "Fishing boats stayed in the fjord while 37 ferries were cancelled across the region.")
OTHER = ("A storm closed the harbour of Tromso, where 1,240 containers are stranded, officials said on Tuesday. "
         "The Hritsenko shipping company expects the port to reopen on Friday. "
         "“We expect the backlog to clear within nine days,” Ana Berg, a spokeswoman, told reporters.")


def documents() -> list[dict]:
    """Two copies of one report (near-duplicates: a number changed, a sentence cut) and an independent report."""
    texts = [STORY, STORY.replace("37 ferries", "39 ferries"), OTHER,
             STORY.replace(" The port will reopen on Friday, the Hrytsenko shipping company said.", "")]
    return [annotate_document({"id": f"{k:016x}", "text": t, "sha256": "0" * 64}) for k, t in enumerate(texts)]


def unshared(docs: list[dict]) -> list[dict]:
    """The pairs of every alignment run, each with its own analysis (as before sharing)."""
    from wirespan.corpus.gold import variant_id

    rows: dict[str, dict] = {}
    for run in alignment_runs(docs):
        for pair in align([docs[i] for i in run]):
            rows.setdefault(variant_id(pair), {"id": variant_id(pair), **pair})
    return sorted(rows.values(), key=lambda r: r["id"])


def test_the_texts_make_a_star_of_runs():
    runs = alignment_runs(documents())
    assert len(runs) > 2 and any(len(r) == 2 for r in runs)  # representatives together, then (rep, member) pairs


def test_shared_analysis_gives_the_pairs_of_unshared_runs():
    docs = documents()
    shared = align_variants(docs)
    assert shared  # the texts do align
    assert shared == unshared(docs)
    assert {r["kind"] for r in shared} >= {"passage", "quote"}


def test_one_analysis_reused_across_runs_changes_no_pair():
    docs = documents()
    analysis = SentenceAnalysis()
    for run in alignment_runs(docs):
        subset = [docs[i] for i in run]
        assert align(subset, analysis=analysis) == align(subset)
    assert analysis.forms  # it did hold shared results


def test_forms_equal_the_unshared_computation():
    names = NameMap({"hritsenko": "hrytsenko"})
    text = "The Hritsenko company said 1,240 containers, which were stranded, wait in Tromso."
    figures = [{"start": 27, "end": 32, "text": "1,240", "kind": "count", "unit": None, "value": 1240.0}]
    fresh = Sentence(0, 0, len(text), text)
    fresh.tokens = normalise(text, names)
    fresh.content = content_words(fresh.tokens)
    claim_signature(fresh, names, figures)
    analysis = SentenceAnalysis()
    for _ in range(2):  # a miss, then a hit
        s = Sentence(0, 0, len(text), text)
        analysis.fill(s, names, figures)
        assert (s.tokens, s.content, s.stems, s.entities, s.numbers, s.all_stems) == \
            (fresh.tokens, fresh.content, fresh.stems, fresh.entities, fresh.numbers, fresh.all_stems)
    assert len(analysis.forms) == 1


def test_a_different_reading_of_a_name_is_analysed_again():
    text = "Hritsenko said the port reopens on Friday."
    analysis = SentenceAnalysis()
    plain, mapped = Sentence(0, 0, len(text), text), Sentence(0, 0, len(text), text)
    analysis.fill(plain, NameMap({}))
    analysis.fill(mapped, NameMap({"hritsenko": "hrytsenko", "unrelated": "other"}))
    assert plain.tokens[0] == "hritsenko" and mapped.tokens[0] == "hrytsenko"
    assert len(analysis.forms) == 2
    # an entry for a word the sentence does not contain does not split the key
    again = Sentence(0, 0, len(text), text)
    analysis.fill(again, NameMap({"hritsenko": "hrytsenko"}))
    assert again.tokens == mapped.tokens and len(analysis.forms) == 2


def test_shared_minhashes_give_the_same_lsh_candidates():
    token_lists = [normalise(t, NameMap()) for t in [
        "harbour officials said containers were stranded after the storm on tuesday",
        "harbour officials said containers were stranded after the storm on friday",
        "fishing boats stayed in the fjord",
        "harbour officials said containers were stranded after the storm on tuesday"]]
    doc_of = [0, 1, 1, 2]
    analysis = SentenceAnalysis()
    first = lsh_candidates(token_lists, doc_of, analysis=analysis)
    assert first == lsh_candidates(token_lists, doc_of)
    assert lsh_candidates(token_lists, doc_of, analysis=analysis) == first  # all from the cache now
    assert len(analysis.bands) == 3  # the repeated sentence once
    assert all(isinstance(keys, list) and keys for keys in analysis.bands.values())


def test_shared_sentence_boundaries_equal_document_sentences():
    from wirespan.layers.variants import document_sentences

    segments = [{"start": 0, "end": 99, "label": "headline"}, {"start": 100, "end": len(STORY), "label": "body"}]
    analysis = SentenceAnalysis()
    for di in (0, 3):  # the second call reads the boundaries back, for another document index
        got = analysis.sentences(di, STORY, segments)
        assert got == document_sentences(di, STORY, segments) and all(s.doc == di for s in got)
    assert len(analysis.spans) == 1
    assert analysis.sentences(0, STORY, None) == document_sentences(0, STORY, None)
    assert len(analysis.spans) == 2


def test_common_run_equals_the_dynamic_programme():
    """`common_run` (difflib's longest block) against the plain dynamic programme, on random word lists."""
    import random

    from wirespan.layers.variants import common_run

    def reference(ta: list[str], tb: list[str]) -> int:
        best, prev = 0, [0] * (len(tb) + 1)
        for x in ta:
            cur = [0] * (len(tb) + 1)
            for j, y in enumerate(tb, 1):
                if x == y:
                    cur[j] = prev[j - 1] + 1
                    best = max(best, cur[j])
            prev = cur
        return best

    rng = random.Random(7)
    for _ in range(3000):
        vocab = rng.randint(1, 6)
        ta = [f"w{rng.randrange(vocab)}" for _ in range(rng.randint(0, 30))]
        tb = [f"w{rng.randrange(vocab)}" for _ in range(rng.randint(0, 30))]
        if rng.random() < 0.3:
            tb = ta[rng.randint(0, 5):] + tb  # a long shared run
        assert common_run(ta, tb) == reference(ta, tb), (ta, tb)
