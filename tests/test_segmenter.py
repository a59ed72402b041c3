"""Unit tests for the baseline segmenter (wirespan.segments.segment / score_segments).

All texts are invented for these tests; each test pins the exact segments
(text and label) one rule must produce, or the failure mode it must avoid.
"""

from __future__ import annotations

import time

import pytest

from wirespan.evaluation.metrics import score_segments
from wirespan.layers.segments import LABELS, segment


def labelled(text: str) -> list[tuple[str, str]]:
    """(segment text, label) pairs, after checking the structural invariants."""
    segs = segment(text)
    assert_invariants(text, segs)
    return [(s["text"], s["label"]) for s in segs]


def assert_invariants(text: str, segs: list[dict]) -> None:
    """Coverage of all non-whitespace characters exactly once, sorted, trimmed, exact text."""
    covered = [0] * len(text)
    for s in segs:
        assert set(s) == {"start", "end", "text", "label"}
        assert s["label"] in LABELS
        assert s["text"] == text[s["start"]:s["end"]]
        assert s["text"] and s["text"] == s["text"].strip()
        for i in range(s["start"], s["end"]):
            covered[i] += 1
    assert segs == sorted(segs, key=lambda s: (s["start"], s["end"]))
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i] == 1, (i, ch)


# --------------------------------------------------------------------------- meta and datelines


def test_date_stamp_dateline_and_body_on_one_line() -> None:
    text = " date 2021-07-04 LONDON, England (Example News) — The council voted on Monday.\n"
    assert labelled(text) == [
        ("date 2021-07-04", "meta"),
        ("LONDON, England (Example News) —", "dateline"),
        ("The council voted on Monday.", "body"),
    ]


def test_iso_date_stamp_then_plain_body() -> None:
    text = "2021-07-04 The council voted on Monday to close the old bridge for repairs.\n"
    assert labelled(text) == [
        ("2021-07-04", "meta"),
        ("The council voted on Monday to close the old bridge for repairs.", "body"),
    ]


def test_wire_dateline_with_date_and_hyphen() -> None:
    text = "PARIS, June 3 (Wire) - Farmers blocked roads around the capital."
    assert labelled(text) == [
        ("PARIS, June 3 (Wire) -", "dateline"),
        ("Farmers blocked roads around the capital.", "body"),
    ]


def test_dateline_with_en_dash_and_no_outlet() -> None:
    text = "OSLO, Norway – Ferry services resumed after the storm."
    assert labelled(text) == [("OSLO, Norway –", "dateline"), ("Ferry services resumed after the storm.", "body")]


def test_mixed_case_place_is_a_dateline_only_with_an_outlet() -> None:
    assert labelled("Lisbon (Example Wire) — Trams stopped running.") == [
        ("Lisbon (Example Wire) —", "dateline"),
        ("Trams stopped running.", "body"),
    ]
    assert labelled("Lisbon — a city of hills — welcomed visitors.") == [
        ("Lisbon — a city of hills — welcomed visitors.", "body"),
    ]


def test_capitalised_acronym_with_hyphen_is_not_a_dateline() -> None:
    assert labelled("COVID-19 cases rose again last week.") == [("COVID-19 cases rose again last week.", "body")]


def test_published_on_and_updated_lines_are_meta() -> None:
    text = "Published on\n\nPublished on March 3, 2021\n\nUpdated 3:45 PM ET, Thu March 4, 2021\n"
    assert labelled(text) == [
        ("Published on", "meta"),
        ("Published on March 3, 2021", "meta"),
        ("Updated 3:45 PM ET, Thu March 4, 2021", "meta"),
    ]


def test_body_sentence_opening_with_stamp_keyword_is_not_meta() -> None:
    text = "Updated figures show 3 million people lost power."
    assert labelled(text) == [(text, "body")]


def test_bare_date_stamp_line_is_meta() -> None:
    assert labelled("Thursday, March 4, 2021 10:15 AM\n") == [("Thursday, March 4, 2021 10:15 AM", "meta")]


# --------------------------------------------------------------------------- headline vs body


def test_short_first_line_without_period_is_headline() -> None:
    text = "Floods Close Schools Across the Valley\n\nHeavy rain forced 30 schools to shut on Tuesday, officials said.\n"
    assert labelled(text) == [
        ("Floods Close Schools Across the Valley", "headline"),
        ("Heavy rain forced 30 schools to shut on Tuesday, officials said.", "body"),
    ]


def test_first_line_with_period_before_dateline_is_headline() -> None:
    text = "Council approves new budget after long debate.\n\nDUBLIN, Ireland (Example) — The council approved the plan.\n"
    assert labelled(text) == [
        ("Council approves new budget after long debate.", "headline"),
        ("DUBLIN, Ireland (Example) —", "dateline"),
        ("The council approved the plan.", "body"),
    ]


def test_first_line_with_period_and_no_dateline_is_body() -> None:
    text = "The council approved the plan on Monday.\n\nIt takes effect in May.\n"
    assert labelled(text) == [("The council approved the plan on Monday.", "body"), ("It takes effect in May.", "body")]


def test_far_away_dateline_does_not_make_a_headline() -> None:
    paras = ["A short lede sentence.", "Second.", "Third.", "Fourth.", "Fifth.", "ROME (Wire) — Sixth."]
    got = labelled("\n\n".join(paras))
    assert got[0] == ("A short lede sentence.", "body")
    assert got[-2:] == [("ROME (Wire) —", "dateline"), ("Sixth.", "body")]


def test_short_line_after_body_is_body_not_headline() -> None:
    text = "Heavy rain forced schools to shut.\n\nWhat comes next\n\nEngineers will inspect the dams.\n"
    assert [label for _, label in labelled(text)] == ["body", "body", "body"]


def test_headline_byline_dateline_block() -> None:
    text = "Storm Hits Coast\n\nBy Jane Roe\n\nBERLIN (Example) — Winds reached 120 km/h.\n"
    assert labelled(text) == [
        ("Storm Hits Coast", "headline"),
        ("By Jane Roe", "credit"),
        ("BERLIN (Example) —", "dateline"),
        ("Winds reached 120 km/h.", "body"),
    ]


# --------------------------------------------------------------------------- credits


def test_image_credit_and_photo_lines_are_credit() -> None:
    text = "The bridge reopened.\n\nImage Credit: Jane Roe\n\nPhoto: Example Agency\n"
    assert labelled(text) == [
        ("The bridge reopened.", "body"),
        ("Image Credit: Jane Roe", "credit"),
        ("Photo: Example Agency", "credit"),
    ]


def test_photo_label_with_sentence_is_a_caption() -> None:
    text = "The bridge reopened.\n\nPhoto: Workers paint the railings of the bridge on Monday.\n"
    assert labelled(text)[1:] == [("Photo:", "meta"), ("Workers paint the railings of the bridge on Monday.", "caption")]


def test_bylines_are_credit() -> None:
    text = "The bridge reopened.\n\nBy JANE ROE and JOHN DOE Associated Press\n\nBy Maria Lopez\n"
    assert [label for _, label in labelled(text)] == ["body", "credit", "credit"]


def test_affiliation_line_under_byline_is_credit() -> None:
    text = "Storm Hits Coast\nBy Jane Roe\nExample Press\nWinds reached 120 km/h on the coast.\n"
    assert labelled(text) == [
        ("Storm Hits Coast", "headline"),
        ("By Jane Roe", "credit"),
        ("Example Press", "credit"),
        ("Winds reached 120 km/h on the coast.", "body"),
    ]


def test_sentence_opening_with_by_is_not_a_byline() -> None:
    text = "By Friday, rescuers had reached the village.\n\nBy noon, the river had risen two meters.\n"
    assert [label for _, label in labelled(text)] == ["body", "body"]


def test_reported_from_and_contributed_note_is_credit() -> None:
    text = "The bridge reopened.\n\nRoe reported from Oslo. Doe in Bergen contributed to this report.\n"
    assert labelled(text)[-1] == ("Roe reported from Oslo. Doe in Bergen contributed to this report.", "credit")


def test_contributed_to_the_report_in_a_body_sentence_is_body() -> None:
    text = "Three agencies contributed to the report, which was published Monday."
    assert labelled(text) == [(text, "body")]


def test_wire_reporting_by_note_is_credit() -> None:
    text = "The bridge reopened.\n(Reporting by Jane Roe; Editing by John Doe)\n"
    assert labelled(text)[-1] == ("(Reporting by Jane Roe; Editing by John Doe)", "credit")


# --------------------------------------------------------------------------- captions


def test_caption_line_splits_into_meta_caption_credit() -> None:
    text = (
        "The fire spread quickly.\n\nCaption Firefighters spray water on a warehouse in Porto, Monday, May 2, 2022. "
        "(AP Photo/Jane Roe) Credit: Jane Roe\n"
    )
    assert labelled(text)[1:] == [
        ("Caption", "meta"),
        ("Firefighters spray water on a warehouse in Porto, Monday, May 2, 2022.", "caption"),
        ("(AP Photo/Jane Roe) Credit: Jane Roe", "credit"),
    ]


def test_caption_credit_glued_to_final_period() -> None:
    text = "The fire spread quickly.\nCaption Smoke rises over the port.(AP Photo/Jane Roe)\n"
    assert labelled(text)[1:] == [
        ("Caption", "meta"),
        ("Smoke rises over the port.", "caption"),
        ("(AP Photo/Jane Roe)", "credit"),
    ]


def test_caption_without_caption_word_recognised_by_photo_credit() -> None:
    text = "The fire spread quickly.\n\nA man waves a flag in Rome. (Example Labs via AP)\n"
    assert labelled(text)[1:] == [("A man waves a flag in Rome.", "caption"), ("(Example Labs via AP)", "credit")]


def test_agency_tag_in_parentheses_is_not_a_photo_credit() -> None:
    text = "The ministry denied the claim. (AFP)"
    assert labelled(text) == [(text, "body")]


# --------------------------------------------------------------------------- boilerplate


def test_separator_lines_are_boilerplate() -> None:
    text = "The bridge reopened.\n___\nIt had been closed for a year.\n* * *\n"
    assert labelled(text) == [
        ("The bridge reopened.", "body"),
        ("___", "boilerplate"),
        ("It had been closed for a year.", "body"),
        ("* * *", "boilerplate"),
    ]


def test_follow_at_url_and_url_lines_are_boilerplate() -> None:
    text = (
        "The bridge reopened.\n\nFollow our coverage of the election at https://example.org/election\n\n"
        "https://example.com/page\n\nThe mayor attended.\n"
    )
    assert [label for _, label in labelled(text)] == ["body", "boilerplate", "boilerplate", "body"]


def test_breadcrumb_glued_to_title_and_with_separators() -> None:
    text = "HomeLocal Bakery Wins Prize\n\nHome › World › Europe\n\nLocal Bakery Wins Prize\n\nThe bakery won on Sunday.\n"
    assert labelled(text) == [
        ("HomeLocal Bakery Wins Prize", "boilerplate"),
        ("Home › World › Europe", "boilerplate"),
        ("Local Bakery Wins Prize", "headline"),
        ("The bakery won on Sunday.", "body"),
    ]


def test_home_secretary_is_not_a_breadcrumb() -> None:
    text = "Home Secretary Jane Roe visited the port on Monday."
    assert labelled(text) == [(text, "body")]


def test_previous_and_next_article_links_are_boilerplate() -> None:
    text = "The bridge reopened.\n\nPrevious articleCity Opens New Library\nNext articleRain Expected All Week\n"
    assert labelled(text)[1:] == [
        ("Previous articleCity Opens New Library", "boilerplate"),
        ("Next articleRain Expected All Week", "boilerplate"),
    ]


def test_latest_articles_heading_swallows_teasers_and_snippets() -> None:
    text = (
        "The bridge reopened.\n\nYou were reading: Bridge Reopens\n\nLatest articles\n\n"
        "Giant Pumpkin Breaks Record\n\nA farmer in the valley grew a pumpkin that weighs more than...\n\n"
        "More like this\n\nNew Park Opens Downtown.\n"
    )
    assert [label for _, label in labelled(text)] == ["body"] + ["boilerplate"] * 6


def test_body_line_opening_with_more_news_is_not_a_trailer() -> None:
    text = "More news is expected from the ministry on Friday.\n\nOfficials declined to comment.\n"
    assert [label for _, label in labelled(text)] == ["body", "body"]


def test_reader_comment_block_is_boilerplate() -> None:
    text = (
        "The bridge reopened.\njsmith in: Why the Bridge Collapsed\nNice post ...\n"
        "Thanks for sharing, I will tell my friends about this site.\n"
    )
    assert [label for _, label in labelled(text)] == ["body", "boilerplate", "boilerplate", "boilerplate"]


# --------------------------------------------------------------------------- text handling


def test_crlf_line_endings_are_trimmed_from_spans() -> None:
    text = "Storm Hits Coast\r\n\r\nWinds reached 120 km/h.\r\n"
    segs = segment(text)
    assert_invariants(text, segs)
    assert [(s["start"], s["end"], s["label"]) for s in segs] == [(0, 16, "headline"), (20, 43, "body")]


def test_pathological_capitalised_lines_run_in_linear_time() -> None:
    cases = [
        ("By " + "Aand" * 40 + " x", "body"),
        ("A" + "andA" * 40 + " reported from x", "credit"),
        ("AAA, Bbb Ccc, " * 30 + "x", "body"),
    ]
    started = time.perf_counter()
    for line, label in cases:
        assert [lab for _, lab in labelled("The bridge reopened.\n" + line)] == ["body", label]
    assert time.perf_counter() - started < 1.0


def test_empty_and_blank_text_give_no_segments() -> None:
    assert segment("") == []
    assert segment(" \n\t\n") == []


# --------------------------------------------------------------------------- scoring


def test_score_counts_non_whitespace_characters_only() -> None:
    text = "ab  cd"
    gold = [{"start": 0, "end": 2, "label": "body"}, {"start": 4, "end": 6, "label": "body"}]
    pred = [{"start": 0, "end": 2, "label": "body"}, {"start": 4, "end": 6, "label": "meta"}]
    got = score_segments(text, gold, pred)
    assert got["accuracy"] == pytest.approx(0.5)
    assert (got["characters"], got["correct"]) == (4, 2)
    assert got["per_label"]["body"] == {
        "tp": 2, "fp": 0, "fn": 2, "precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3),
    }
    assert got["per_label"]["meta"]["precision"] == 0.0
    assert got["per_label"]["meta"]["fn"] == 0


def test_score_of_segmenter_against_itself_is_perfect() -> None:
    text = "Storm Hits Coast\n\nBERLIN (Example) — Winds reached 120 km/h.\n"
    segs = segment(text)
    got = score_segments(text, segs, segs)
    assert got["accuracy"] == 1.0
    assert all(v["precision"] == 1.0 and v["recall"] == 1.0 for v in got["per_label"].values())


def test_score_counts_uncovered_predicted_characters_as_wrong() -> None:
    text = "abcd"
    got = score_segments(text, [{"start": 0, "end": 4, "label": "body"}], [{"start": 0, "end": 2, "label": "body"}])
    assert got["accuracy"] == pytest.approx(0.5)
    assert got["per_label"]["body"]["recall"] == pytest.approx(0.5)
