"""The representative rule of silver variants: near-duplicates are aligned as a star, not a clique."""

from __future__ import annotations

from itertools import combinations

from wirespan.pipeline import duplicates
from wirespan.pipeline.annotate import align_variants, annotate_document

#: An invented report (no seed text), and edits of it: a number changed, a sentence cut, two words swapped.
REPORT = ("Officials in Lisbon said on Monday that 14 ferries were inspected after the storm. "
          "The harbour master, Rafael Kavento, said the damage was worse than expected. "
          "\u201cWe will reopen the northern pier by Friday,\u201d Kavento said. "
          "Repairs to the old bridge will cost 3.5 million euros, according to the city council. "
          "About 200 families were moved to schools in the eastern districts overnight. "
          "The weather service expects more rain in Porto and Lisbon later this week.")
COPIES = [REPORT,
          REPORT.replace("14 ferries", "16 ferries"),
          REPORT.replace("About 200 families were moved to schools in the eastern districts overnight. ", ""),
          REPORT.replace("worse than expected", "than worse expected")]
OTHER = ("Farmers near Nairobi reported a second poor harvest in a row on Tuesday. "
         "The regional governor, Grace Talmiro, promised seed subsidies for 5,000 farms. "
         "\u201cNobody can wait for the next rains,\u201d Talmiro told reporters in Kampala.")


def docs(texts: list[str], ids: list[str] | None = None) -> list[dict]:
    ids = ids or [f"{i:016x}" for i in range(len(texts))]
    return [{"id": i, "text": t} for i, t in zip(ids, texts)]


def doc_pairs(rows: list[dict]) -> set[tuple[str, str]]:
    """The document pairs the variant rows join (a name pair inside one document is left out)."""
    return {(r["a"]["doc_id"], r["b"]["doc_id"]) for r in rows if r["a"]["doc_id"] != r["b"]["doc_id"]}


def test_copies_form_one_group_and_the_distinct_report_its_own():
    texts = [COPIES[2], OTHER, COPIES[0], COPIES[1]]
    groups = duplicates.duplicate_groups(docs(texts, ["00000000000000c3", "00000000000000a1",
                                                      "00000000000000b2", "00000000000000a9"]))
    # the representative is the smallest id of the group ("...a9" at index 3), the distinct report is alone
    assert sorted(groups) == [[1], [3, 0, 2]]
    for a, b in combinations(range(4), 2):
        j = duplicates.jaccard(duplicates.shingle_set(texts[a]), duplicates.shingle_set(texts[b]))
        assert (j >= duplicates.DUPLICATE_JACCARD) == ({a, b} <= {0, 2, 3}), (a, b, j)


def test_representative_does_not_depend_on_input_order():
    ids = ["00000000000000c3", "00000000000000a1", "00000000000000b2", "00000000000000a9", "0000000000000f00"]
    texts = COPIES + [OTHER]
    forward = duplicates.representatives(docs(texts, ids))
    backward = duplicates.representatives(docs(texts[::-1], ids[::-1]))
    assert forward == backward
    assert set(forward.values()) == {"00000000000000a1", "0000000000000f00"}


def test_runs_are_a_star_and_the_representatives_together():
    runs = duplicates.alignment_runs(docs(COPIES + [OTHER]))
    assert runs == [[0, 4], [0, 1], [0, 2], [0, 3]]
    assert duplicates.alignment_runs(docs([COPIES[0], OTHER])) == [[0, 1]]  # no copies: one run of all


def test_silver_pairs_join_the_representative_only():
    rows = [annotate_document({**d, "sha256": "0" * 64}) for d in docs(COPIES + [OTHER])]
    pairs = doc_pairs(align_variants(rows))
    rep = rows[0]["id"]
    assert {(rep, rows[i]["id"]) for i in (1, 2, 3)} <= pairs  # each copy has verbatim variants of the rep
    assert all(rep in p for p in pairs)  # no member-member pair, no member-other pair
    clique = doc_pairs(align_variants(rows[:2])) | doc_pairs(align_variants(rows[1:3]))
    assert (rows[1]["id"], rows[2]["id"]) in clique  # aligned alone, two copies do share pairs: the star drops them


def test_pairs_grow_linearly_with_copies():
    def count(k: int) -> int:
        texts = [COPIES[0]] + [COPIES[0].replace("14 ferries", f"{20 + i} ferries") for i in range(1, k)]
        rows = [annotate_document({**d, "sha256": "0" * 64}) for d in docs(texts)]
        return len(doc_pairs(align_variants(rows))), len([r for r in align_variants(rows)
                                                         if r["a"]["doc_id"] != r["b"]["doc_id"]])

    (d3, r3), (d6, r6) = count(3), count(6)
    assert (d3, d6) == (2, 5)  # k - 1 document pairs, not k(k-1)/2
    assert r6 * 2 == r3 * 5  # every copy gives its representative the same rows


def test_shingle_sets_give_the_jaccard_of_the_shingles():
    """`clusters.shingle_set` (word tuples) against the plain computation on `clusters.shingles` (bytes)."""
    from wirespan.pipeline.clusters import shingle_set, shingles

    def plain(a: str, b: str) -> float:
        sa, sb = frozenset(shingles(a)), frozenset(shingles(b))
        union = len(sa | sb)
        return len(sa & sb) / union if union else 0.0

    texts = COPIES + [OTHER, "", "Lisbon", "Lisbon ferries", "Lisbon ferries were", "lisbon FERRIES",
                      "ferries were inspected", "Officials in Lisbon", "!!", "the the the the"]
    for a in texts:
        assert len(shingle_set(a)) == len(set(shingles(a)))
        for b in texts:
            assert duplicates.jaccard(shingle_set(a), shingle_set(b)) == plain(a, b), (a, b)


def generated_texts(n: int, seed: int = 5) -> list[str]:
    """Texts of made-up words with case, digits, underscores, accents and punctuation; copies edited a little."""
    import random

    rng = random.Random(seed)
    pieces = ["ferry", "Ferry", "FERRY", "pier_7", "_", "__x", "café", "CAFÉ", "straße", "STRASSE", "ǅemal", "12",
              "3.5", "x_y_z", "ﬁn", "İzmir", "-", "—", "“", "!", "a", "b", "c", "de", "rain", "Rain"]
    base = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]
    out = []
    for text in base:
        out.append(text)
        words = text.split(" ")
        if len(words) > 3:
            words[rng.randrange(len(words))] = rng.choice(pieces)
            out.append(" ".join(words))
    return out + ["", "Lisbon", "Lisbon ferries", "lisbon FERRIES", "_", "a_b", "a b c", "a_b_c"]


def test_fold_words_equal_the_word_pattern():
    import re

    from wirespan.pipeline.clusters import fold_words

    word = re.compile(r"[^\W_]+")  # a word of the shingles: word characters other than "_"
    for text in generated_texts(300):
        assert fold_words(text) == word.findall(text.casefold()), text


def test_shingle_codes_give_the_jaccard_of_the_shingles():
    """`duplicates.shingle_codes` (numbered words) against the plain sets of `clusters.shingles` (bytes)."""
    from wirespan.pipeline.clusters import shingles

    texts = generated_texts(120) + COPIES + [OTHER]
    vocabulary: dict[str, int] = {}
    codes = [duplicates.shingle_codes(t, vocabulary) for t in texts]
    plain = [frozenset(shingles(t)) for t in texts]
    for a in range(len(texts)):
        assert len(codes[a]) == len(plain[a])
        for b in range(len(texts)):
            union = len(plain[a] | plain[b])
            expected = len(plain[a] & plain[b]) / union if union else 0.0
            assert duplicates.code_jaccard(codes[a], codes[b]) == expected, (texts[a], texts[b])


def test_groups_are_the_same_when_words_exceed_the_codes(monkeypatch):
    """With more distinct words than `WORD_CODES` the plain shingle sets decide: the same groups."""
    texts = generated_texts(60, seed=9) + COPIES + [OTHER] + COPIES[:2]
    documents = docs(texts)
    coded = duplicates.duplicate_groups(documents)
    assert any(len(g) > 1 for g in coded)
    monkeypatch.setattr(duplicates, "WORD_CODES", 4)
    assert duplicates.shingle_codes(REPORT, {}) is None
    assert duplicates.duplicate_groups(documents) == coded
