"""One cue scan per paragraph, the registry's length window and its alias memo (issue 15) give the answers
of the plain computations they replace, on texts and names written for this file."""

from __future__ import annotations

import re

import pytest
from rapidfuzz import fuzz, process

from wirespan.layers.quotes.events import (
    _CLAUSE_CUT_RE,
    _LAST_TOKEN_RE,
    _clause_start,
    _event_at,
    find_reporting_events,
    last_token,
    paragraph_cues,
    shared_subject,
)
from wirespan.layers.quotes.marks import MARK_RE
from wirespan.layers.quotes.units import TextUnits
from wirespan.layers.quotes.words import CUE_RE
from wirespan.text.entities import Registry, name_key
from wirespan.text.mentions import SpeakerMention

TEXTS = [
    "Mayor Ilse Varga said on Monday that the bridge would reopen. Her deputy told reporters it was late.\n\n"
    "“We are ready,” Varga added, saying the money was there. Critics argued otherwise and warned of delays.",
    "According to the harbour office, the ferry was said to be full. Dr. Ruo Penn, who runs it, replied: "
    "“No.” He later explained, noting the weather.\nThe board was\nsaid to agree. Officials told\nreporters so.",
    "Nobody spoke.\n\nIt rained all day in St. Ives. U.S. officials were reported missing! Was it said? "
    "“Yes,” said Ana Mirek (D-Ore.). She tweeted it, and posted again, insisting.",
    "",
    "Ilse Varga said the bridge was late. Then, adding nothing, it rained. 3 of them, adding nothing, left.",
    "told reporters\n\n\nwas\n\nsaid. Asked why, she said: fine. The says-so of nobody; sayings; unsaid; saidx.",
]


def plain_events(text: str, masked: str, units: TextUnits, registry: Registry,
                 known: set[str]) -> list[tuple]:
    """The former pass: every sentence tile of every paragraph scanned on its own."""
    out = []
    for k in range(len(units.paragraphs)):
        for ss, se in units.sentences(k):
            previous: SpeakerMention | None = None
            for m in CUE_RE.finditer(masked, ss, se):
                ev = _event_at(text, masked, ss, se, m, k, registry, known)
                if ev.mention is None:
                    ev.mention = shared_subject(text, masked, ss, m, previous, registry, known)
                previous = ev.mention or previous
                out.append(_shape(ev))
    return out


def _shape(ev) -> tuple:
    m = ev.mention
    return ev.cue_start, ev.cue_end, ev.para, None if m is None else (m.start, m.end, m.text, m.kind, m.speaker)


@pytest.mark.parametrize("text", TEXTS)
def test_paragraph_cues_equal_the_cues_of_each_sentence_tile(text: str) -> None:
    units = TextUnits(text)
    for k, cues in enumerate(paragraph_cues(text, units)):
        tiles = [m.span() for ss, se in units.sentences(k) for m in CUE_RE.finditer(text, ss, se)]
        assert [m.span() for m in cues] == tiles
    assert any(paragraph_cues(text, units)) or not CUE_RE.search(text)


@pytest.mark.parametrize("text", TEXTS)
def test_reporting_events_equal_the_scan_of_each_sentence(text: str) -> None:
    registry = Registry([{"id": "p", "name": "Ilse Varga", "type": "person", "aliases": []}])
    units = TextUnits(text)
    known = {"Varga", "Ilse Varga"}
    fast = [_shape(ev) for ev in find_reporting_events(text, text, units, registry, known)]
    assert fast == plain_events(text, text, units, registry, known)
    assert fast or not CUE_RE.search(text)


def test_a_participle_shares_a_subject_only_within_its_sentence() -> None:
    registry = Registry([{"id": "p", "name": "Ilse Varga", "type": "person", "aliases": []}])
    text = "Ilse Varga said the bridge was late. Then, adding nothing, it rained. She paused, adding more."
    events = find_reporting_events(text, text, TextUnits(text), registry, {"Varga", "Ilse Varga"})
    assert [e.mention.text if e.mention else None for e in events] == ["Ilse Varga", None, "She"]


def test_a_cue_across_a_paragraph_break_is_cut_there_as_before() -> None:
    # "told" ends one paragraph and "reporters" opens the next: a whole-text scan would join them
    text = "The clerk told\n\nreporters nothing."
    units = TextUnits(text)
    assert [m.group() for m in CUE_RE.finditer(text)] == ["told\n\nreporters"]
    assert [[m.group() for m in cues] for cues in paragraph_cues(text, units)] == [["told"], []]


def plain_best(key: str, strings: list[str], threshold: float) -> tuple[float, int] | None:
    """extractOne over every string of a pool (no length window)."""
    hit = process.extractOne(key, strings, scorer=fuzz.ratio, processor=None, score_cutoff=threshold)
    return None if hit is None or hit[1] <= 0 else (hit[1], hit[2])


ALIASES = ["abcdefghijklmnopqrstuvw", "abcdefghijklmnopq", "kovac", "kovar", "ana kovac", "harbour board",
           "lakeland", "x", "board of the lakeland harbour", "mila brandt"]
KEYS = ["abcdefghijklmnopq", "abcdefghijklmnopqrstuvw", "abcdefghijklmnopqrst", "kovab", "kova", "kovacs",
        "ana kovak", "harbor board", "lakelnd", "x", "xy", "board", "mila brant", "a", "zzzzzzzzzzzzzzzzzzzzzzzzzz"]


@pytest.mark.parametrize("threshold", [0.0, 60.0, 80.0, 85.0, 95.0, 100.0])
def test_the_length_window_keeps_every_string_that_can_reach_the_threshold(threshold: float) -> None:
    registry = Registry([{"id": f"e{i}", "name": a, "type": "organisation", "aliases": []}
                         for i, a in enumerate(ALIASES)])
    pools = registry._pools
    for key in KEYS:
        hit = pools.best(key, pools.every, threshold)
        plain = plain_best(key, pools.every[0], threshold)
        assert (None if hit is None else (hit[0], pools.every[1].index(hit[1]))) == plain, key


def test_a_string_exactly_at_the_length_bound_is_kept() -> None:
    # 17 and 23 characters: at most 200 * 17 / 40 = 85, reached when the shorter is inside the longer
    assert fuzz.ratio("abcdefghijklmnopq", "abcdefghijklmnopqrstuvw") == 85.0
    registry = Registry([{"id": "e", "name": "abcdefghijklmnopqrstuvw", "type": "organisation", "aliases": []}])
    assert registry.lookup("abcdefghijklmnopq") is registry.entries[0]
    assert Registry(registry.entries, 85.5).lookup("abcdefghijklmnopq") is None


def test_is_alias_with_its_memo_equals_the_key_test() -> None:
    registry = Registry([{"id": "p", "name": "Ana Kovac", "type": "person", "aliases": ["A. Kovac"]}])
    names = ["Ana Kovac", "Mr. Ana Kovac", "ana kovac’s", "Kovac", "A. Kovac", "A Kovac", "", "The Ana Kovac"]
    plain = {name_key(a) for a in ("Ana Kovac", "A. Kovac")}
    for _ in range(2):  # the second round answers from the memo
        assert [registry.is_alias(n) for n in names] == [name_key(n) in plain for n in names]


def test_the_cue_pattern_holds_only_letters_and_spaces() -> None:
    # what `paragraph_cues` rests on: no cue can reach over ".", "!", "?" or a closing mark
    literal = re.sub(r"\\[bs]|\(\?:|[()|?+]", "", CUE_RE.pattern).replace("\\ ", " ")
    assert re.fullmatch(r"[A-Za-z ]+", literal), literal


CLAUSES = [
    "", " ", "that", "that ", " that", "thats that", "that’s what", "and that, then; but", "He said that",
    "so: that\n", "“no” that-way thatthat", "rethat that_ that2 that", 'the "deal" and that was', "x;y:z“w”",
    "The mayor, who  later ", "officials on Tuesday also ", "Varga's\n", "U.S. officials. ", "it’s -- ",
    "O’Brien", "…", "end.\t\n ", "a\u00a0that\u2003", "jokingly", "mr. varga, 61,", "Ilse\nVarga\n\n",
]


def windows(text: str) -> list[tuple[int, int]]:
    return [(lo, hi) for lo in range(len(text) + 1) for hi in range(lo, len(text) + 1)]


@pytest.mark.parametrize("text", CLAUSES)
def test_clause_start_equals_the_last_match_of_the_cut_pattern(text: str) -> None:
    for lo, hi in windows(text):
        plain = lo
        for m in _CLAUSE_CUT_RE.finditer(text[lo:hi]):
            plain = lo + m.end()
        assert _clause_start(text, lo, hi) == plain, (text, lo, hi)


@pytest.mark.parametrize("text", CLAUSES)
def test_last_token_equals_the_search_of_the_token_pattern(text: str) -> None:
    for lo, hi in windows(text):
        m = _LAST_TOKEN_RE.search(text[lo:hi])
        assert last_token(text, lo, hi) == (None if m is None else (lo + m.start(1), lo + m.end(1))), (text, lo, hi)


PLAIN_MARK_RE = re.compile(r"’’|‘‘|''|[“”„«»\"]")
MARK_TEXTS = ["’’’", "''''", "‘’‘‘", "a’’b‘‘c''d“e”„«»\"f", "’", "'’'", "‘‘‘", "it’s ‘‘x’’ and \"y\" ''z'' «w»",
              "", "no marks", "'a'", "“”", "’ ’", "\"\"\"", "'’‘'"]


@pytest.mark.parametrize("text", MARK_TEXTS)
def test_the_mark_pattern_matches_what_the_plain_alternation_matches(text: str) -> None:
    for lo, hi in windows(text):
        assert [m.span() for m in MARK_RE.finditer(text, lo, hi)] == \
            [m.span() for m in PLAIN_MARK_RE.finditer(text, lo, hi)], (text, lo, hi)
        plain = PLAIN_MARK_RE.match(text, lo, hi)
        fast = MARK_RE.match(text, lo, hi)
        assert (fast and fast.span()) == (plain and plain.span())
        plain = PLAIN_MARK_RE.search(text, lo, hi)
        fast = MARK_RE.search(text, lo, hi)
        assert (fast and fast.span()) == (plain and plain.span())
