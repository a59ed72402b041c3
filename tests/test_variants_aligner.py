"""Unit tests of the variant aligner on invented sentences (not taken from the seeds)."""

from __future__ import annotations

from wirespan.layers.variants import (
    NameMap,
    align,
    anchor_candidates,
    background_spans,
    common_run,
    key_candidates,
    lsh_candidates,
    name_relation,
    normalise,
    quote_relation,
    romanisation_key,
)
from wirespan.text.sentences import split_sentences

A, B, C = "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"


def doc(doc_id: str, text: str, **layers) -> dict:
    return {"id": doc_id, "text": text, "segments": [{"start": 0, "end": len(text), "label": "body"}], **layers}


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


# ---------------------------------------------------------------- sentences
def test_sentences_keep_abbreviations_together():
    text = "Lt. Col. Ana Berg met the U.S. envoy on Jan. 3 in Tromso. The talks ended."
    assert spans(text) == ["Lt. Col. Ana Berg met the U.S. envoy on Jan. 3 in Tromso.", "The talks ended."]


def test_sentences_split_after_closing_quote():
    text = "“We will rebuild the bridge,” the mayor said. “It takes time.” Work starts soon."
    assert spans(text) == ["“We will rebuild the bridge,” the mayor said.", "“It takes time.”", "Work starts soon."]


def test_stray_closing_mark_joins_previous_sentence():
    text = "He said the harbour would reopen. “\nThe port is calm."
    assert spans(text) == ["He said the harbour would reopen. “", "The port is calm."]


# ---------------------------------------------------------------- normalisation
def test_normalise_folds_case_quotes_and_names():
    names = NameMap({"pavlyuk": "pavliuk"})
    assert normalise("“Pavlyuk” SAID four ships", names) == ["pavliuk", "said", "4", "ships"]


def test_romanisation_key_merges_accepted_forms_only():
    assert romanisation_key("Dorohenko") == romanisation_key("Dorogenko")
    assert romanisation_key("Bilyk") == romanisation_key("Bilik")
    assert romanisation_key("Bilyk") != romanisation_key("Blyik")


# ---------------------------------------------------------------- candidates
def test_lsh_finds_near_duplicates_across_documents_only():
    toks = [s.split() for s in (
        "the ferry from the northern port was cancelled on monday after a storm",
        "the ferry from the northern port was cancelled on monday after the storm",
        "the ferry from the northern port was cancelled on monday after a storm",
        "farmers in the valley sold their grain at a higher price this year")]
    assert lsh_candidates(toks, [0, 1, 0, 1]) == {(0, 1), (1, 2)}


def test_key_index_skips_keys_over_the_cap():
    keys = [{"common", "glacier", "ferry"}, {"common", "glacier", "ferry"}, {"common"}, {"common"}]
    assert key_candidates(keys, [0, 1, 2, 3], cap=3, min_shared=2) == {(0, 1)}


def test_anchor_index_takes_rarest_keys_first_and_caps_partners():
    keys = [{"@rare", "@common"}, {"@rare"}, {"@common"}, {"@common"}, {"@common"}]
    # "@common" has 4 postings: over a cap of 3 it is skipped, the rare key still pairs 0 and 1
    assert anchor_candidates(keys, [0, 1, 2, 3, 4], cap=3) == {(0, 1)}
    # same document: no pair
    assert anchor_candidates([{"@x"}, {"@x"}], [0, 0]) == set()


# ---------------------------------------------------------------- passage relations
def _passages(texts: list[str], **hints) -> list[dict]:
    docs = [doc(i, t, **hints.get(i, {})) for i, t in zip((A, B, C), texts)]
    return [r for r in align(docs) if r["kind"] == "passage"]


def test_passage_verbatim_up_to_quotes_and_spacing():
    out = _passages(["The council approved a new budget for the river dredging on Tuesday.",
                     "The council approved  a new budget for the river-dredging on Tuesday"])
    assert [(r["relation"], r["a"]["text"]) for r in out] == [
        ("verbatim", "The council approved a new budget for the river dredging on Tuesday.")]


def test_passage_edited_when_words_change():
    out = _passages(["The council approved a new budget for the river dredging on Tuesday, officials said.",
                     "On Tuesday the town council approved a new budget for the river dredging."])
    assert [r["relation"] for r in out] == ["edited"]


def test_passage_translated_when_one_side_is_machine_translation():
    out = _passages(["The council approved a new budget for the river dredging on Tuesday, officials said.",
                     "The council has approved the new budget for dredging of the river on Tuesday, said officials."],
                    **{B: {"source": {"derivation": "machine_translation"}}})
    assert [r["relation"] for r in out] == ["translated"]


def test_passage_paraphrase_shares_rare_content():
    out = _passages(["Dredging of the Varna river will cost the council 4 million euros, its treasurer said.",
                     "According to treasurer figures, 4 million euros are earmarked for clearing silt in the Varna river."])
    assert [r["relation"] for r in out] == ["paraphrase"]


def test_unrelated_sentences_are_not_linked():
    assert _passages(["The council approved a new budget for the river dredging on Tuesday.",
                      "A late frost damaged apple orchards across the southern hills last week."]) == []


def test_passage_sides_exclude_datelines_and_credits():
    text_a = "OSLO (Wire) — The council approved a new budget for the river dredging on Tuesday."
    seg_a = [{"start": 0, "end": 13, "label": "dateline"}, {"start": 14, "end": len(text_a), "label": "body"}]
    text_b = "The council approved a new budget for the river dredging on Tuesday. Photo: Ola Nordmann"
    seg_b = [{"start": 0, "end": 68, "label": "body"}, {"start": 69, "end": len(text_b), "label": "credit"}]
    out = align([{"id": A, "text": text_a, "segments": seg_a}, {"id": B, "text": text_b, "segments": seg_b}])
    assert [(r["a"]["text"], r["b"]["text"]) for r in out] == [
        ("The council approved a new budget for the river dredging on Tuesday.",
         "The council approved a new budget for the river dredging on Tuesday.")]


# ---------------------------------------------------------------- claim signatures (paraphrase)
FILLER_A = ("Farmers in the valley sold their grain at a higher price this year. "
            "A late frost damaged apple orchards across the southern hills last week. "
            "The museum reopened its west wing after repairs to the roof.")
FILLER_B = ("Two cyclists won medals at the regional championship in the mountains. "
            "Bakers expect the cost of flour to rise before the holidays. "
            "A choir from the coast will sing at the cathedral in autumn. ")


def _claim_docs(ta: str, tb: str, fa=(), fb=()) -> list[dict]:
    """Two documents, each the claim sentence plus unrelated filler (a corpus to weigh words against)."""
    da, db = doc(A, ta + " " + FILLER_A), doc(B, FILLER_B + tb)
    off = len(FILLER_B)
    da["figures"] = list(fa)
    db["figures"] = [{**f, "start": f["start"] + off, "end": f["end"] + off} for f in fb]
    return [da, db]


def _passage_texts(docs: list[dict]) -> list[tuple[str, str, str]]:
    return [(r["relation"], r["a"]["text"], r["b"]["text"]) for r in align(docs) if r["kind"] == "passage"]


def test_claim_link_same_source_and_number_in_other_words():
    ta = "Governor Marek Oslund announced Monday he is hiring 12,400 new nurses for the county hospitals."
    tb = "Oslund authorized recruiting 12,400 extra nurses starting in May."
    fa = [_fig(ta, "12,400", "count", 12400, None)]
    fb = [_fig(tb, "12,400", "count", 12400, None)]
    assert _passage_texts(_claim_docs(ta, tb, fa, fb)) == [("paraphrase", ta, tb)]


def test_claim_link_needs_an_anchor_not_just_topic_words():
    # same topic words, but no shared name or quantity: not one claim
    ta = "Heavy rain flooded the lower town overnight."
    tb = "Rain flooded homes along the other bank of the river."
    assert _passage_texts(_claim_docs(ta, tb)) == []
    # the same words with a shared place name: one claim
    ta, tb = ta.replace("the lower town", "lower Tarvik"), tb.replace("the river", "the river in Tarvik")
    assert _passage_texts(_claim_docs(ta, tb)) == [("paraphrase", ta, tb)]


def test_claim_link_same_speaker_different_statement_is_not_linked():
    # a shared speaker with one shared word is the speaker's other statement, not this claim
    ta = "Mayor Ilse Brandvik said the harbour would reopen to ferries next spring."
    tb = "Brandvik said the council had approved a tax on tourist cabins."
    assert _passage_texts(_claim_docs(ta, tb)) == []


def test_claim_link_same_speaker_and_content_in_other_words():
    ta = "Mayor Ilse Brandvik said the harbour would reopen to ferries next spring."
    tb = "Brandvik promised that ferries will return to the reopened harbour in spring."
    assert _passage_texts(_claim_docs(ta, tb)) == [("paraphrase", ta, tb)]


def test_small_counts_do_not_anchor_a_claim():
    # "two" is shared by many unrelated statements; without a name or other anchor there is no link
    ta = "Two bridges were closed for inspection after the storm damaged the pylons."
    tb = "Inspectors said two schools were closed after the storm tore off roofs."
    fa = [_fig(ta, "Two", "count", 2, None)]
    fb = [_fig(tb, "two", "count", 2, None)]
    assert _passage_texts(_claim_docs(ta, tb, fa, fb)) == []


def test_background_clauses_are_found():
    text = ("He thanked the council for the grant that was announced Monday, "
            "two days after the vote, which had split the town, despite protests.")
    found = [text[s:e] for s, e in background_spans(text)]
    assert "that was announced Monday" in found
    assert "two days after the vote" in found
    assert any(f.startswith(", which had split the town") for f in found)
    assert "despite protests." in found
    assert background_spans("The council said that the grant would cover the repairs.") == []


def test_claim_only_in_background_is_not_a_passage_pair():
    ta = "The council voted on Monday to close the northern ferry line for the whole winter season."
    tb = ("Fishermen blocked the harbour on Wednesday, two days after the council voted "
          "to close the northern ferry line for the whole winter season.")
    assert _passage_texts(_claim_docs(ta, tb)) == []
    # the same claim asserted (not recalled) is linked
    tc = "On Monday the council voted to close the northern ferry line for the whole winter season, officials said."
    assert [rel for rel, _, _ in _passage_texts(_claim_docs(ta, tc))] == ["edited"]


def test_edited_needs_a_run_of_eight_shared_words():
    assert common_run("a b c d e".split(), "x c d e y".split()) == 3
    # a shared key phrase of six words stays paraphrase
    ta = "Mayor Ilse Brandvik said the flood barrier on the east bank would be finished by June."
    tb = "Brandvik expects the flood barrier on the east bank to be ready in June, her office said."
    assert [rel for rel, _, _ in _passage_texts(_claim_docs(ta, tb))] == ["paraphrase"]


# ---------------------------------------------------------------- quotes
def test_quote_relations():
    names = NameMap()
    q = lambda s: normalise(s, names)
    assert quote_relation(q("We will not give up the valley,"), q("We will not give up the valley."), False)[0] == "verbatim"
    assert quote_relation(q("the valley"), q("We will not give up the valley"), False)[0] == "subset"
    assert quote_relation(q("We will never surrender the green valley to them"),
                          q("We shall never surrender the green valley to anyone"), True)[0] == "translated"
    assert quote_relation(q("We will never surrender the green valley to them"),
                          q("We shall never surrender the green valley to anyone"), False)[0] == "edited"
    assert quote_relation(q("prices will fall"), q("the bridge is closed"), False) is None


def test_quote_pairs_carry_refs_and_one_full_partner():
    ta = "“We will never surrender the green valley,” the mayor said."
    tb = "The mayor said: “We will never surrender the green valley.” She called it a “green valley”."
    qa = [{"start": 1, "end": 42, "text": ta[1:42], "speaker": "Mayor"}]
    s1, s2 = tb.index("We"), tb.index("green valley”.")
    qb = [{"start": s1, "end": s1 + 40, "text": tb[s1:s1 + 40], "speaker": "Mayor"},
          {"start": s2, "end": s2 + 12, "text": tb[s2:s2 + 12], "speaker": "Mayor"}]
    out = [r for r in align([doc(A, ta, quotes=qa), doc(B, tb, quotes=qb)]) if r["kind"] == "quote"]
    assert [(r["relation"], r["b"]["text"], r["a_ref"], r["b_ref"]) for r in out] == [
        ("verbatim", "We will never surrender the green valley", f"{A}:quote:1-42", f"{B}:quote:{s1}-{s1 + 40}")]


# ---------------------------------------------------------------- figures
def _fig(text: str, sub: str, kind: str, value: float, unit: str | None) -> dict:
    s = text.index(sub)
    return {"start": s, "end": s + len(sub), "text": sub, "kind": kind, "value": value,
            "value_high": None, "unit": unit, "iso": None, "qualifier": "exact"}


def test_figures_agree_and_conflict_in_linked_sentences():
    ta = "Three weeks into the strike, 4 million commuters had lost their trains, the union said."
    tb = "Four weeks into the strike, four million commuters had lost their trains, the union said."
    fa = [_fig(ta, "Three weeks", "duration", 3, "week"), _fig(ta, "4 million", "count", 4e6, None)]
    fb = [_fig(tb, "Four weeks", "duration", 4, "week"), _fig(tb, "four million", "count", 4e6, None)]
    out = [r for r in align([doc(A, ta, figures=fa), doc(B, tb, figures=fb)]) if r["kind"] == "figure"]
    assert [(r["relation"], r["a"]["text"], r["b"]["text"]) for r in out] == [
        ("conflict", "Three weeks", "Four weeks"), ("agree", "4 million", "four million")]


def test_figures_of_different_kinds_are_not_paired():
    ta = "The strike lasted 4 days and the union said 4 trains ran during the strike."
    tb = "The union said 4 trains ran during the strike that lasted 5 days."
    fa = [_fig(ta, "4 days", "duration", 4, "day")]
    fb = [_fig(tb, "4", "count", 4, None)]
    assert [r for r in align([doc(A, ta, figures=fa), doc(B, tb, figures=fb)]) if r["kind"] == "figure"] == []


# ---------------------------------------------------------------- names
def test_name_relation_spelling_and_error():
    assert name_relation("Hrytsenko", "Gritsenko", "Hrytsenko", "person") == "spelling"
    assert name_relation("Oleksandr", "Alexander", "Oleksandr", "person") == "spelling"
    assert name_relation("Hrytsenko", "Hyrtsenko", "Hrytsenko", "person") == "error"
    assert name_relation("Hrytsenko", "Hrytsenk", "Hrytsenko", "person") == "error"


def test_name_pairs_first_occurrence_per_spelling_and_inside_one_document():
    ta = "Mayor Ivan Hrytsenko spoke. Hrytsenko left."
    tb = "Mayor Ivan Gritsenko spoke. Later Hyrtsenko left."
    loc = []
    out = [r for r in align([doc(A, ta, locations=loc), doc(B, tb, locations=loc)], registry=_registry())
           if r["kind"] == "name"]
    got = [(r["relation"], r["a"]["doc_id"], r["a"]["text"], r["b"]["doc_id"], r["b"]["text"]) for r in out]
    assert got == [("spelling", A, "Hrytsenko", B, "Gritsenko"), ("error", A, "Hrytsenko", B, "Hyrtsenko"),
                   ("error", B, "Gritsenko", B, "Hyrtsenko")]


def test_case_only_difference_is_not_a_name_pair():
    ta = "VARNA, Bulgaria — Floods hit Varna."
    locs = [{"start": 0, "end": 5, "text": "VARNA", "name": "Varna"},
            {"start": ta.rindex("Varna"), "end": ta.rindex("Varna") + 5, "text": "Varna", "name": "Varna"}]
    assert [r for r in align([doc(A, ta, locations=locs)]) if r["kind"] == "name"] == []


def _registry():
    from wirespan.text.entities import Registry
    return Registry([{"id": "ivan-hrytsenko", "name": "Ivan Hrytsenko", "type": "person",
                      "aliases": ["Ivan Gritsenko", "Gritsenko", "Hrytsenko", "Hyrtsenko"]}])


# ---------------------------------------------------------------- runs and attribution
def test_sentence_split_in_two_is_aligned_with_the_run():
    # one sentence of A is told as two adjacent sentences of one paragraph in B: one pair, B's side the run
    ta = "The council closed the Varna ferry line for winter and moved its staff to the Tarvik depot."
    tb = "The council closed the Varna ferry line for winter. Its staff moved to the Tarvik depot."
    out = _passage_texts(_claim_docs(ta, tb))
    assert [(a, b) for _, a, b in out] == [(ta, tb)]


def test_run_never_crosses_a_segment():
    ta = "The council closed the Varna ferry line for winter and moved its staff to the Tarvik depot."
    first, second = "The council closed the Varna ferry line for winter.", "Its staff moved to the Tarvik depot."
    da = doc(A, ta)
    tb = first + "\n\n" + second
    db = {"id": B, "text": tb, "segments": [{"start": 0, "end": len(first), "label": "body"},
                                             {"start": len(first) + 2, "end": len(tb), "label": "body"}]}
    out = _passage_texts([da, db])
    assert sorted(b for _, _, b in out) == sorted([first, second])


def test_matching_divisions_stay_one_to_one():
    ta = "The council closed the Varna ferry line for winter. Its staff moved to the Tarvik depot."
    tb = "The council shut the Varna ferry line for the winter. The staff moved to the Tarvik depot."
    out = _passage_texts([doc(A, ta), doc(B, tb)])
    assert len(out) == 2 and all(a.count(".") == 1 and b.count(".") == 1 for _, a, b in out)


def test_shared_speaker_alone_is_not_a_passage_pair():
    # word overlap is all in who speaks: two statements of one spokesman
    ta = "On Monday, Navy spokesman Ole Brandvik said the ferry would stop at the island twice a day."
    tb = "“Tickets are sold out,” said Navy spokesman Ole Brandvik."
    assert _passage_texts(_claim_docs(ta, tb)) == []


def test_lsh_partners_are_capped_on_a_repeated_template() -> None:
    # one invented sentence repeated through two long documents: without a cap every copy pairs with every copy
    from collections import Counter

    from wirespan.layers.variants.candidates import lsh_candidates
    tokens = "the harbour board said the ferry would sail at noon on friday".split()
    doc_of = [0] * 300 + [1] * 300
    pairs = lsh_candidates([tokens] * 600, doc_of, cap=40)
    later_side = Counter(max(p) for p in pairs)
    assert max(later_side.values()) == 40  # each sentence takes at most 40 earlier partners
    assert len(pairs) <= 600 * 40 < 300 * 300  # linear in the sentences, not their square
    assert lsh_candidates([tokens] * 4, [0, 1, 0, 1], cap=40) == {(0, 1), (1, 2), (0, 3), (2, 3)}
