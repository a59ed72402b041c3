"""Unit tests for the baseline quote extractor (wirespan.quotes) on invented sentences.

Each test pins one pairing, kind or attribution rule with exact spans and
values, so a regression in that rule fails exactly one test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirespan.layers.quotes import extract_quotes
from wirespan.text.entities import Registry

REGISTRY = Registry([
    {"id": "maria-lopez", "name": "Maria Lopez", "type": "person", "aliases": ["Maria Lopez"]},
    {"id": "tomas-berg", "name": "Tomas Berg", "type": "person", "aliases": ["Tomas Berg", "Tom Berg"]},
    {"id": "red-crescent", "name": "Turkish Red Crescent", "type": "organisation",
     "aliases": ["Red Crescent", "Turkish Red Crescent"]},
    {"id": "harbour-board", "name": "Harbour Board", "type": "organisation", "aliases": ["Harbour Board"]},
])


def run(text: str, segments: list[dict] | None = None) -> list[dict]:
    out = extract_quotes(text, segments, REGISTRY)
    for r in out:
        assert text[r["start"]:r["end"]] == r["text"]
        assert r["text"] == r["text"].strip()
        for key in ("speaker_mention", "cue"):
            if r[key] is not None:
                assert text[r[key]["start"]:r[key]["end"]] == r[key]["text"]
    assert out == sorted(out, key=lambda r: (r["start"], r["end"]))
    return out


def texts(records: list[dict]) -> list[str]:
    return [r["text"] for r in records]


def span_text(record: dict, key: str) -> str | None:
    return record[key]["text"] if record[key] else None


# --- quote-mark pairing -------------------------------------------------------

def test_curly_pair_span_excludes_marks_and_keeps_inner_punctuation() -> None:
    out = run("“The bridge is open again,” Maria Lopez said.")
    assert [(r["start"], r["end"], r["text"]) for r in out] == [(1, 26, "The bridge is open again,")]


def test_leading_and_trailing_spaces_inside_marks_are_excluded() -> None:
    out = run("“ We will rebuild the port. ” Maria Lopez said.")
    assert texts(out) == ["We will rebuild the port."]


def test_doubled_apostrophe_closes_a_quote() -> None:
    out = run("“The harvest was late this year,’’ Tomas Berg said on Monday.")
    assert texts(out) == ["The harvest was late this year,"]
    assert out[0]["speaker"] == "Tomas Berg"


def test_opening_mark_used_as_closing_mark() -> None:
    text = "The mayor said that “the trams will run on time. Nobody should worry. “\n\nNext item follows."
    out = run(text)
    assert texts(out) == ["the trams will run on time. Nobody should worry."]


def test_straight_opening_closed_by_curly_mark() -> None:
    out = run('The Harbour Board also reported "minor damage to two piers” after the storm.')
    assert texts(out) == ["minor damage to two piers"]
    assert out[0]["speaker"] == "Harbour Board"


def test_curly_opening_closed_by_straight_mark() -> None:
    out = run('Maria Lopez said the city faces “a long winter, and we are ready for it."')
    assert texts(out) == ["a long winter, and we are ready for it."]


def test_apostrophes_inside_words_and_possessives_are_not_quotes() -> None:
    text = "The council’s plan won’t pass, and the farmers’ union isn’t convinced."
    assert run(text) == []


def test_single_quoted_headline_quote_with_possessive_inside() -> None:
    text = "Mayor’s ‘Green Lanes’ plan faces the drivers’ anger\nThe plan was unveiled on Monday."
    out = run(text)
    assert texts(out) == ["Green Lanes"]
    assert out[0]["kind"] == "other"


def test_single_quote_skips_possessive_s_apostrophe() -> None:
    text = "Critics called it ‘the workers’ tax on bread’ in Parliament."
    assert texts(run(text)) == ["the workers’ tax on bread"]


def test_quote_running_over_a_paragraph_break() -> None:
    text = ("“The first ferry leaves at dawn. Passengers should come early.\n\n"
            "“We cannot wait for latecomers,” Tomas Berg said.")
    out = run(text)
    assert texts(out) == ["The first ferry leaves at dawn. Passengers should come early.",
                          "We cannot wait for latecomers,"]
    assert [r["speaker"] for r in out] == ["Tomas Berg", "Tomas Berg"]


def test_unclosed_mid_paragraph_mark_is_not_a_quote() -> None:
    text = "He called the 5“ screen small, the reviewer wrote.\n\nAnother paragraph."
    assert run(text) == []


def test_segments_limit_annotation() -> None:
    text = "Home “Menu”\n“The road is closed,” Maria Lopez said."
    segments = [{"start": 0, "end": 11, "label": "boilerplate"},
                {"start": 12, "end": len(text), "label": "body"}]
    assert texts(run(text, segments)) == ["The road is closed,"]
    assert texts(run(text)) == ["Menu", "The road is closed,"]


# --- attribution patterns -------------------------------------------------------

def test_name_said_after_quote() -> None:
    r = run("“The water is safe to drink,” Maria Lopez said on Tuesday.")[0]
    assert (r["kind"], r["speaker"], span_text(r, "speaker_mention"), span_text(r, "cue")) == \
        ("direct", "Maria Lopez", "Maria Lopez", "said")


def test_inverted_said_with_title_before_name() -> None:
    r = run("“We need more generators,” said regional governor Tom Berg.")[0]
    assert (r["speaker"], span_text(r, "speaker_mention"), span_text(r, "cue")) == \
        ("Tomas Berg", "Tom Berg", "said")


def test_name_apposition_then_verb() -> None:
    r = run("“Nobody was hurt,” Maria Lopez, the fire chief of the district, said.")[0]
    assert (r["speaker"], span_text(r, "speaker_mention")) == ("Maria Lopez", "Maria Lopez")


def test_according_to() -> None:
    r = run("Prices rose by a “painful margin,” according to the Harbour Board.")[0]
    assert (r["kind"], r["speaker"], span_text(r, "speaker_mention"), span_text(r, "cue")) == \
        ("partial", "Harbour Board", "the Harbour Board", "according to")


def test_wrote() -> None:
    r = run("Farmers “lost the whole crop,” wrote the inspector, Maria Lopez.")[0]
    assert (r["speaker"], span_text(r, "speaker_mention"), span_text(r, "cue")) == \
        ("Maria Lopez", "Maria Lopez", "wrote")


def test_told_reporters_is_one_cue_and_honorific_is_not_in_the_mention() -> None:
    r = run("“We are not leaving,” Mr. Berg told reporters in the capital.")[0]
    assert (r["speaker"], span_text(r, "speaker_mention"), span_text(r, "cue")) == \
        ("Tomas Berg", "Berg", "told reporters")


def test_warned_before_quote_with_comma() -> None:
    r = run("Maria Lopez warned on Friday, “The river will rise again.”")[0]
    assert (r["kind"], r["speaker"], span_text(r, "cue")) == ("direct", "Maria Lopez", "warned")


def test_colon_introduction_with_verb() -> None:
    r = run("Tomas Berg added: “There is no more room in the shelters.”")[0]
    assert (r["speaker"], span_text(r, "cue")) == ("Tomas Berg", "added")


def test_colon_introduction_without_verb() -> None:
    r = run("Maria Lopez had a short message: “Stay home tonight.”")[0]
    assert (r["kind"], r["speaker"], span_text(r, "speaker_mention"), r["cue"]) == \
        ("direct", "Maria Lopez", "Maria Lopez", None)


def test_insisted_declared_stated_cues() -> None:
    for verb in ("insisted", "declared", "stated"):
        r = run(f"Tomas Berg {verb} that “the vote was fair and the count was honest.”")[0]
        assert (r["kind"], r["speaker"], span_text(r, "cue")) == ("direct", "Tomas Berg", verb)


def test_organisation_speaker_keeps_article() -> None:
    r = run("“Our teams reached the village,” the Red Crescent said in a statement.")[0]
    assert (r["speaker"], span_text(r, "speaker_mention")) == ("Turkish Red Crescent", "the Red Crescent")


def test_unknown_name_is_kept_as_written() -> None:
    r = run("“The well is dry,” said Pieter Vandam, a local farmer.")[0]
    assert (r["speaker"], span_text(r, "speaker_mention")) == ("Pieter Vandam", "Pieter Vandam")


def test_fuzzy_registry_spelling() -> None:
    r = run("“The ferry is late,” Maria Lopes said.")[0]
    assert r["speaker"] == "Maria Lopez"


# --- resolution ------------------------------------------------------------------

def test_he_said_resolves_to_previous_speaker() -> None:
    text = ("Tomas Berg said the dam held overnight.\n\n"
            "“The next two days are critical,” he said.")
    r = run(text)[0]
    assert (r["speaker"], span_text(r, "speaker_mention")) == ("Tomas Berg", "he")


def test_she_skips_a_male_speaker() -> None:
    text = ("Ms. Lopez spoke after Mr. Berg said the dam held.\n\n"
            "“We were lucky,” she said.")
    r = run(text)[0]
    assert (r["speaker"], span_text(r, "speaker_mention")) == ("Maria Lopez", "she")


def test_role_resolves_to_named_person_with_that_title() -> None:
    text = ("Harbour master Tomas Berg met the crews on Monday.\n\n"
            "The harbour master said the docks were “badly flooded.”")
    r = run(text)[0]
    assert (r["kind"], r["speaker"], span_text(r, "speaker_mention")) == \
        ("partial", "Tomas Berg", "The harbour master")


def test_unattributed_quote_inherits_from_previous_quote() -> None:
    text = "“The roads are blocked,” Maria Lopez said. “Please stay home.”"
    out = run(text)
    assert [(r["kind"], r["speaker"], span_text(r, "speaker_mention")) for r in out] == [
        ("direct", "Maria Lopez", "Maria Lopez"), ("direct", "Maria Lopez", "Maria Lopez")]


def test_quote_paragraph_inherits_from_reported_speech_in_previous_paragraph() -> None:
    text = ("Tomas Berg stated on Monday that the bridge would reopen.\n\n"
            "“Traffic will be light at first.”")
    r = run(text)[0]
    assert (r["kind"], r["speaker"], span_text(r, "cue")) == ("direct", "Tomas Berg", "stated")


def test_no_inheritance_across_distant_paragraphs() -> None:
    text = ("“The roads are blocked,” Maria Lopez said.\n\nThe snow fell all week.\n\n"
            "Schools closed early.\n\n“Sleds only.”")
    assert run(text)[-1]["speaker"] is None


# --- kind -------------------------------------------------------------------------

def test_partial_phrase_embedded_in_reporter_sentence() -> None:
    r = run("Maria Lopez said the storm was a “once-in-a-century event” for the coast.")[0]
    assert (r["kind"], r["speaker"]) == ("partial", "Maria Lopez")


def test_direct_clause_after_that() -> None:
    r = run("Tomas Berg said that “the pumps have failed and the tunnel is flooding.”")[0]
    assert r["kind"] == "direct"


def test_scare_quote_is_other() -> None:
    r = run("The company sold so-called “green” bonds to investors last year.")[0]
    assert (r["kind"], r["speaker"], r["speaker_mention"], r["cue"]) == ("other", None, None, None)


def test_title_in_quotes_is_other() -> None:
    r = run("The band released “Northern Lights” in the spring.")[0]
    assert r["kind"] == "other"


# --- registry --------------------------------------------------------------------

def test_registry_load_and_canonical(tmp_path: Path) -> None:
    path = tmp_path / "entities.jsonl"
    rows = [{"id": "ana-kovac", "name": "Ana Kovač", "type": "person", "aliases": ["Ana Kovac"]},
            {"id": "city-council", "name": "City Council", "type": "organisation", "aliases": ["the council"]}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    reg = Registry.load(path)
    assert reg.canonical("Ana Kovac") == "Ana Kovač"          # exact alias
    assert reg.canonical("Kovac") == "Ana Kovač"              # surname
    assert reg.canonical("Ms. Kovač") == "Ana Kovač"          # honorific dropped
    assert reg.canonical("Kovach") == "Ana Kovač"             # fuzzy surname
    assert reg.canonical("Zagreb") is None


def test_missing_registry_file_gives_empty_registry(tmp_path: Path) -> None:
    assert Registry.load(tmp_path / "absent.jsonl").canonical("Anyone") is None


@pytest.mark.parametrize("text", ["", "No quotes here at all.", "“”", "A lone “ mark."])
def test_degenerate_inputs(text: str) -> None:
    assert run(text) == []


def test_nickname_after_known_as_is_other_even_inside_reported_speech() -> None:
    r = run("Police said the thief, known as “the Owl,” escaped again.")[0]
    assert (r["text"], r["kind"], r["speaker"], r["cue"]) == ("the Owl,", "other", None, None)


def test_sentence_initial_according_to_before_quote() -> None:
    r = run("According to Maria Lopez, “nothing has changed in the valley.”")[0]
    assert (r["kind"], r["speaker"], span_text(r, "speaker_mention"), span_text(r, "cue")) == \
        ("direct", "Maria Lopez", "Maria Lopez", "According to")


def test_guillemets_are_quote_marks() -> None:
    r = run("«The border stays open», said Tomas Berg.")[0]
    assert (r["text"], r["kind"], r["speaker"]) == ("The border stays open", "direct", "Tomas Berg")


def test_missing_package_registry_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken install (package data without the registry) must not silently drop every canonical name."""
    from wirespan.errors import PackageDataError
    from wirespan.text import entities

    monkeypatch.setattr(entities, "DEFAULT_REGISTRY", tmp_path / "gone" / "entities.jsonl")
    with pytest.raises(PackageDataError, match="entity registry is missing"):
        Registry.load()
