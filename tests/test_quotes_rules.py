"""Rules of the quote layer for news it was not built on (issue 13), each pinned on sentences written for this file.

Titles and markup are not quotes of a speaker; pronouns, roles, colon
introductions, continuation paragraphs and an attribution in the next
paragraph find the named speaker; a person missing from the registry keeps
the fullest form of the name the text gives.
"""

from __future__ import annotations

from wirespan.layers.quotes import extract_quotes
from wirespan.layers.quotes.marks import find_quote_spans
from wirespan.text.entities import Registry

EMPTY = Registry([])


def quotes(text: str) -> list[dict]:
    return extract_quotes(text, None, EMPTY)


def only(text: str, content: str) -> dict:
    hits = [q for q in quotes(text) if q["text"] == content]
    assert len(hits) == 1, [q["text"] for q in quotes(text)]
    return hits[0]


def mention(q: dict) -> str | None:
    return q["speaker_mention"]["text"] if q["speaker_mention"] else None


def test_title_of_a_show_in_headline_case_is_other() -> None:
    q = only("Ana Kovac said her favourite series is “Harbour of Lost Ships” and watches it weekly.",
             "Harbour of Lost Ships")
    assert (q["kind"], q["speaker"], q["speaker_mention"], q["cue"]) == ("other", None, None, None)


def test_title_opening_a_sentence_that_goes_on_is_other() -> None:
    q = only("“The Quiet Harbour” is a novel about dock workers, the publisher said.", "The Quiet Harbour")
    assert q["kind"] == "other"


def test_nickname_in_quotes_is_other() -> None:
    q = only("Workers said the crane, which they call “Old Grey Giant,” broke again.", "Old Grey Giant,")
    assert q["kind"] == "other"


def test_capitalised_words_spoken_as_a_sentence_stay_a_quote() -> None:
    q = only("“Nobody Leaves Today,” the foreman shouted at the gate.", "Nobody Leaves Today,")
    assert q["kind"] == "direct" and mention(q) == "the foreman"


def test_marks_inside_markup_are_not_quotes() -> None:
    text = 'The mayor said: "We are ready." <span class="photo-credit" data-x="1">Photo</span>'
    assert [q["text"] for q in quotes(text)] == ["We are ready."]
    assert [(q.open_start, q.close_start) for q in find_quote_spans(text)] == [(16, 30)]


def test_markup_is_not_part_of_a_speaker_mention() -> None:
    q = only('The page showed <div class="box">a map</div> and the mayor said: "We are ready."', "We are ready.")
    assert mention(q) == "the mayor"


def test_pronoun_in_a_later_sentence_resolves_to_the_named_person() -> None:
    text = "Port director Ana Kovac toured the docks on Monday. “We will rebuild by spring,” she said."
    q = only(text, "We will rebuild by spring,")
    assert (q["speaker"], mention(q)) == ("Ana Kovac", "she")


def test_role_in_a_later_paragraph_resolves_to_the_named_person() -> None:
    text = ("Ana Kovac, the port director, met the workers on Monday.\n\n"
            "“Nobody will lose a job,” the director said.")
    q = only(text, "Nobody will lose a job,")
    assert (q["speaker"], mention(q)) == ("Ana Kovac", "the director")


def test_continuation_paragraph_keeps_the_speaker() -> None:
    text = ("Ana Kovac spoke at the docks on Monday.\n\n"
            "“We will rebuild the harbour by spring. Nobody will lose a job.\n\n"
            "“The money is already there,” she added.")
    first, second = quotes(text)
    assert first["text"].startswith("We will rebuild") and first["kind"] == "direct"
    assert first["speaker"] == second["speaker"] == "Ana Kovac"
    assert mention(first) == mention(second) == "she"


def test_attribution_opening_the_next_paragraph() -> None:
    text = ("The union met on Monday.\n\n“We will rebuild the harbour by spring.”\n\n"
            "Ana Kovac said on Tuesday.")
    q = only(text, "We will rebuild the harbour by spring.")
    assert (q["kind"], q["speaker"], mention(q), q["cue"]["text"]) == ("direct", "Ana Kovac", "Ana Kovac", "said")


def test_quote_after_an_attributed_sentence_in_the_same_paragraph_continues_it() -> None:
    text = '"The cranes are old," Ana Kovac said. "We need new ones before winter."'
    q = only(text, "We need new ones before winter.")
    assert (q["kind"], q["speaker"], mention(q)) == ("direct", "Ana Kovac", "Ana Kovac")


def test_colon_introduced_statement_takes_the_subject_of_its_clause() -> None:
    q = only("Asked about the cuts, Kovac replied: “Nobody will lose a job.”", "Nobody will lose a job.")
    assert (q["kind"], mention(q), q["cue"]["text"]) == ("direct", "Kovac", "replied")
    q = only("Ana Kovac had a clear answer for the workers: “Nobody will lose a job.”", "Nobody will lose a job.")
    assert (q["kind"], q["speaker"], mention(q), q["cue"]) == ("direct", "Ana Kovac", "Ana Kovac", None)


def test_participle_and_coordinated_verbs_share_the_subject() -> None:
    q = only("“The cranes are old,” she said, adding, “We need new ones.”", "We need new ones.")
    assert mention(q) == "she"
    q = only("Ana Kovac met the workers and said, “Nobody will lose a job.”", "Nobody will lose a job.")
    assert (q["speaker"], mention(q), q["cue"]["text"]) == ("Ana Kovac", "Ana Kovac", "said")


def test_relative_clause_between_name_and_verb() -> None:
    q = only("“The work is hard,” Ana Kovac, who runs the port, said on Monday.", "The work is hard,")
    assert (q["kind"], q["speaker"], mention(q)) == ("direct", "Ana Kovac", "Ana Kovac")


def test_unregistered_speaker_gets_the_fullest_name_in_the_text_even_a_later_one() -> None:
    text = "“We will rebuild by spring,” said Kovac.\n\nAna Kovac has run the port since 2019."
    q = only(text, "We will rebuild by spring,")
    assert (q["speaker"], mention(q)) == ("Ana Kovac", "Kovac")


def test_predicate_in_quotes_after_the_reporters_subject_is_partial() -> None:
    q = only("Kovac said the harbour “would be closed for a month” after the storm.",
             "would be closed for a month")
    assert (q["kind"], mention(q)) == ("partial", "Kovac")
    q = only("She said dock workers “know what a closure means” for their families.",
             "know what a closure means")
    assert q["kind"] == "partial"


def test_clause_in_quotes_after_said_stays_direct() -> None:
    q = only("Kovac said “the harbour will reopen in May” at the meeting.", "the harbour will reopen in May")
    assert q["kind"] == "direct"


def test_interrupted_quotation_is_two_quotes() -> None:
    text = "“The cranes are old,” Ana Kovac said, “and we need new ones.”"
    first, second = quotes(text)
    assert (first["text"], second["text"]) == ("The cranes are old,", "and we need new ones.")
    assert first["speaker"] == second["speaker"] == "Ana Kovac"


def test_unnamed_source_with_an_indefinite_determiner_is_a_mention_without_a_speaker() -> None:
    text = ("Ana Kovac, a dock worker, spoke first.\n\n"
            "“Nobody asked us,” another dock worker said.")
    q = only(text, "Nobody asked us,")
    assert (q["kind"], q["speaker"], mention(q)) == ("direct", None, "another dock worker")


def test_lower_case_job_description_before_a_name_is_not_the_mention() -> None:
    q = only("“The docks will reopen soon,” said harbour engineer Tomas Brandt.", "The docks will reopen soon,")
    assert mention(q) == "Tomas Brandt"
    q = only("“Nobody wants to wait,” undecided Labour voter Ilse Varga said.", "Nobody wants to wait,")
    assert mention(q) == "Ilse Varga"
    # a phrase with a preposition is a description of its own, not a title before a name
    q = only("“Nobody wants to wait,” said the engineer in charge of Brandt’s crew.", "Nobody wants to wait,")
    assert mention(q) == "the engineer"


def test_infinitive_participle_and_adverb_keep_the_subject_of_the_sentence() -> None:
    q = only("Later Ivo Marek went on to say, “The port is finished. Nobody will come back.”",
             "The port is finished. Nobody will come back.")
    assert (mention(q), q["cue"]["text"]) == ("Ivo Marek", "say")
    q = only("Then Ivo Marek went on the attack, saying, “The port is finished.”", "The port is finished.")
    assert (mention(q), q["cue"]["text"]) == ("Ivo Marek", "saying")
    q = only("Ivo Marek did not name his rivals, but told the workers, “The port is finished.”",
             "The port is finished.")
    assert mention(q) == "Ivo Marek"
    q = only("Ivo Marek jokingly said, “The port is finished.”", "The port is finished.")
    assert (mention(q), q["cue"]["text"]) == ("Ivo Marek", "said")


def test_party_tag_after_a_name_and_a_capitalised_job_description_do_not_hide_the_name() -> None:
    q = only("“If they did, they should pay,” Gov. Ana Kovac (D-Wash.) said Tuesday.", "If they did, they should pay,")
    assert (mention(q), q["cue"]["text"]) == ("Ana Kovac", "said")
    q = only("Gov. Ana Kovac (D-Wash.), said, “We will rebuild the pier.”", "We will rebuild the pier.")
    assert mention(q) == "Ana Kovac"
    q = only("“The problem is the evidence,” former FBI agent Ilse Varga explained.", "The problem is the evidence,")
    assert mention(q) == "Ilse Varga"


def test_day_words_relative_clauses_and_coordinated_clauses_around_the_speaker() -> None:
    text = ("Ivo Marek is the harbour master. Marek later Thursday told Harbour Radio: "
            "“Both docks reopen next week.”")
    assert mention(only(text, "Both docks reopen next week.")) == "Marek"
    q = only("“It was awful,” said a harbour official who asked not to be named.", "It was awful,")
    assert mention(q) == "a harbour official"
    text = "Ivo Marek runs the port. At one point, a woman asked for a photo and Marek said, “Only if it is quick.”"
    assert mention(only(text, "Only if it is quick.")) == "Marek"


def test_more_reporting_verbs_attribute_the_quote() -> None:
    for verb in ("recalled", "conceded", "yelled", "retorted", "wondered", "posted"):
        q = only(f"“We lost the first round,” Ivo Marek {verb}.", "We lost the first round,")
        assert (q["kind"], mention(q), q["cue"]["text"]) == ("direct", "Ivo Marek", verb)
    q = only("A sign on the gate reads, “No ferries today.”", "No ferries today.")
    assert q["cue"]["text"] == "reads"


def test_a_quote_with_its_own_subject_before_an_auxiliary_is_not_a_predicate() -> None:
    q = only("Kovac said she thinks “children should learn to swim first.”", "children should learn to swim first.")
    assert q["kind"] == "direct"
    q = only("Kovac said the harbour “really would be closed for a month.”", "really would be closed for a month.")
    assert q["kind"] == "partial"
