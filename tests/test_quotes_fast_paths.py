"""The quote layer's indexes and memos (issue 15) give the answers of the plain computations they replace.

Each fast path is checked against a plain reference written here (the
former loop) on names and sentences written for this file, and the
registry's fuzzy lookup also on every alias of the shipped registry with
small misspellings.
"""

from __future__ import annotations

import re

import pytest
from rapidfuzz import fuzz

from wirespan.layers.quotes.core import NAME_TAG_RE, blank_name_tags
from wirespan.layers.quotes.marks import RawQuote, find_quote_spans, masked_text
from wirespan.layers.quotes.nounphrase import (
    CAP_TOKEN_RE,
    RUN_MEMO,
    RunMemo,
    adjacent,
    classify_run,
    name_runs,
    strip_trailing_dot,
)
from wirespan.layers.quotes.placenames import place_names
from wirespan.layers.quotes.words import (
    CALENDAR,
    CONNECTORS,
    CUE_RE,
    ORG_WORDS,
    PREPOSITIONS,
    REPORTING_VERBS,
    TITLE_WORDS,
    word_alternation,
)
from wirespan.text.entities import Registry, name_key
from wirespan.text.lexicons import ABBREVIATIONS, HONORIFIC_FORMS

# ---------------------------------------------------------------- registry lookup


def plain_lookup(registry: Registry, name: str) -> dict | None:
    """The registry lookup as a loop over every alias (exact alias -> unique surname -> fuzzy)."""
    aliases: dict[str, dict] = {}
    surnames: dict[str, list[dict]] = {}
    for entry in registry.entries:
        for alias in [entry.get("name", ""), *entry.get("aliases", [])]:
            key = name_key(alias)
            if key:
                aliases.setdefault(key, entry)
            if entry.get("type") == "person" and len(key.split()) >= 2:
                hits = surnames.setdefault(key.split()[-1], [])
                if entry not in hits:
                    hits.append(entry)
    key = name_key(name)
    if not key:
        return None
    if key in aliases:
        return aliases[key]
    tokens = key.split()
    hits = surnames.get(tokens[-1], [])
    if len(hits) == 1:
        forms = [name_key(a).split() for a in [hits[0]["name"], *hits[0].get("aliases", [])]]
        if len(tokens) == 1 or any(len(f) >= 2 and fuzz.ratio(f[0], tokens[0]) >= 60 for f in forms):
            return hits[0]
    best, best_score = None, 0.0
    for alias, entry in aliases.items():
        person = entry.get("type") == "person"
        if len(tokens) == 1:
            if not person:
                score, threshold = fuzz.ratio(key, alias), registry.fuzzy_threshold
            elif len(alias.split()) >= 2:
                score, threshold = fuzz.ratio(key, alias.split()[-1]), registry.surname_threshold
            else:
                score, threshold = 0.0, registry.surname_threshold
        else:
            score, threshold = fuzz.ratio(key, alias), registry.fuzzy_threshold
        if score >= threshold and score > best_score:
            best, best_score = entry, score
    return best


WRITTEN = [
    {"id": "p1", "name": "Ana Kovac", "type": "person", "aliases": ["Ana Kovac", "A. Kovac"]},
    {"id": "p2", "name": "Ivo Kovar", "type": "person", "aliases": ["Ivo Kovar"]},
    {"id": "p3", "name": "Mila Brandt", "type": "person", "aliases": ["Brandty"]},
    {"id": "o1", "name": "Kovad Holdings", "type": "organisation", "aliases": ["Kovad", "Harbour Board"]},
    {"id": "o2", "name": "Harbor Board", "type": "organisation", "aliases": []},
    {"id": "s1", "name": "Lakeland", "type": "state", "aliases": ["Lakelnd"]},
]
WRITTEN_NAMES = [
    "Kovac", "Kovar", "Kovad", "Kovab", "Kovacs", "Ana Kovak", "Anna Kovac", "Ivo Kovac", "Mr. Kovar", "Kovar's",
    "Brandt", "Brant", "Brandty", "Mila Brant", "Harbour Bord", "Harbor Boards", "the Harbour Board", "Lakeland",
    "Lakelnad", "Lakelan", "Board", "K", "", "Ana", "Kova", "Zed Quill", "Holdings", "Kovad Holding",
]


def perturbed(name: str) -> list[str]:
    """The name and small misspellings of it: a letter dropped, doubled or changed, two swapped, the last word."""
    out = [name, name.lower(), name.split()[-1], f"Mr. {name}", f"{name}'s"]
    for i in range(0, len(name), 3):
        out += [name[:i] + name[i + 1:], name[:i] + name[i] + name[i:], name[:i] + "x" + name[i + 1:]]
        if i + 1 < len(name):
            out.append(name[:i] + name[i + 1] + name[i] + name[i + 2:])
    return out


@pytest.mark.parametrize("thresholds", [(85.0, 80.0), (70.0, 60.0), (95.0, 90.0), (0.0, 0.0)])
def test_lookup_equals_the_plain_loop_on_written_names(thresholds: tuple[float, float]) -> None:
    registry = Registry(WRITTEN, *thresholds)
    names = WRITTEN_NAMES + [p for e in WRITTEN for a in [e["name"], *e["aliases"]] for p in perturbed(a)]
    for name in names:
        assert registry.lookup(name) is plain_lookup(registry, name), name


def test_equal_scores_go_to_the_first_alias_in_registry_order() -> None:
    # "kovad" scores 80 against both surnames "kovac" and "kovar": the first person entry wins
    registry = Registry(WRITTEN[:3], 85.0, 80.0)
    assert fuzz.ratio("kovab", "kovac") == fuzz.ratio("kovab", "kovar")
    assert registry.lookup("Kovab") is WRITTEN[0] is plain_lookup(registry, "Kovab")
    swapped = Registry([WRITTEN[1], WRITTEN[0], WRITTEN[2]], 85.0, 80.0)
    assert swapped.lookup("Kovab") is WRITTEN[1] is plain_lookup(swapped, "Kovab")


def test_lookup_equals_the_plain_loop_on_every_shipped_alias_misspelt() -> None:
    registry = Registry.load()
    assert registry.entries, "the shipped registry is empty"
    for entry in registry.entries:
        for alias in {entry["name"], *entry.get("aliases", [])}:
            for name in perturbed(alias):
                assert registry.lookup(name) is plain_lookup(registry, name), name


# ---------------------------------------------------------------- reporting cues


def test_the_cue_pattern_matches_what_the_flat_alternation_matches() -> None:
    flat = re.compile(  # the cue pattern as first written: four alternatives, the verbs longest first
        r"\b[Aa]ccording to\b"
        r"|\b(?:told|tells|telling|tell)\s+(?:reporters|journalists|the press|a news conference)\b"
        r"|\b(?:is|was|were|are|has been|had been)\s+(?:said|reported|quoted as saying)\b"
        rf"|\b(?:{'|'.join(sorted(set(REPORTING_VERBS), key=len, reverse=True))})\b")
    assert word_alternation(["add", "adds", "added"]) == "add(?:ed|s)?"
    words = sorted(set(REPORTING_VERBS))
    variants = [v for w in words for v in (w, w + "s", w + "ed", w[:-1], "un" + w, w.capitalize(), w + "-in")]
    sentences = [
        "Ana Kovac said on Monday that the port, she added, was closed; officials were warned.",
        "According to the harbour board, it was reported that staff told reporters they had been said to joke.",
        "The mayor, speaking to journalists, insisted, tweeting: sayings, reads and readers are not cues.",
        "Ivo had been quoted as saying he tells the press nothing; he has been said to tell a news conference more.",
        "according to plan, Told reporters, accordingly, retold, was  reported, are\nsaid, telling journalists.",
        " ".join(variants),
    ]
    for text in sentences + variants:
        assert [m.span() for m in CUE_RE.finditer(text)] == [m.span() for m in flat.finditer(text)], text
        assert bool(CUE_RE.fullmatch(text)) == bool(flat.fullmatch(text)), text


# ---------------------------------------------------------------- name runs


def _sentence_final(token: str) -> bool:
    if not token.endswith("."):
        return False
    core = token.rstrip(".").lower()
    return not (core in ABBREVIATIONS or core in {h.rstrip(".") for h in HONORIFIC_FORMS} or len(core) == 1
                or core in {t.rstrip(".") for t in TITLE_WORDS} or "." in core)


def plain_name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Name runs by walking every token of text[start:end] (the former loop)."""
    runs: list[tuple[int, int]] = []
    tokens = [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(r"[\w’'.\-]+", text[start:end])]
    i = 0
    while i < len(tokens):
        if not CAP_TOKEN_RE.match(tokens[i][2]) or tokens[i][2].lower() in PREPOSITIONS | CALENDAR \
                or tokens[i][2].lower() in {"according", "the"} and i + 1 < len(tokens) and tokens[i + 1][2][0].islower():
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            while k < len(tokens) and tokens[k][2] in CONNECTORS:
                k += 1
            if k < len(tokens) and CAP_TOKEN_RE.match(tokens[k][2]) and adjacent(text, tokens[j][1], tokens[k][0]) \
                    and not re.search(r"[’']s$", tokens[j][2]) and not _sentence_final(tokens[j][2]):
                j = k
            else:
                break
        runs.append((tokens[i][0], tokens[j][1]))
        i = j + 1
    return runs


SENTENCES = [
    "Harbour Board chief Ana Kovac of the Lakeland Port Authority said on Monday that Ivo Kovar's team left.",
    "The board met. According to Dr. Mila Brandt, the Bank of Lakeland and the Red Crescent (RC) agreed.",
    "“We will stay,” said Finance Minister Ivo Kovar, adding that O’Neill-Smith and J.R. de la Cruz—both—disagreed.",
    "In May, The harbour master, Prof. Zed Quill Jr. and Ana Kovac’s deputy told reporters: Kovad Holdings wins.",
    "the Mayor of North Lakeland\nAna Kovac, Minister for Ports and Harbours Ivo Kovar; Sen. Mila Brandt.",
    "Lakeland Minister of Transport Ana Kovac Said. Then Former Senior Adviser Ivo Kovar said, The end.",
]


def test_name_runs_equal_the_token_walk_on_every_window() -> None:
    for text in SENTENCES:
        for start in range(0, len(text), 3):
            for end in range(start, len(text) + 1, 5):
                assert name_runs(text, start, end) == plain_name_runs(text, start, end), (text, start, end)


# ---------------------------------------------------------------- run classification


def _plain_person_core(text: str, start: int, end: int, registry: Registry) -> tuple[int, int]:
    tokens = [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(r"[\w’'.\-]+", text[start:end])]
    for s, _e, t in tokens:
        if t.lower() not in HONORIFIC_FORMS and registry.entity_type(text[s:end]) == "person" \
                and registry.is_alias(text[s:end]):
            return s, end
    keep: list[tuple[int, int, str]] = []
    for s, e, t in reversed(tokens):
        low = t.lower()
        if low in TITLE_WORDS or low in ORG_WORDS or low in CONNECTORS or low in CALENDAR or len(keep) == 3 \
                or t.rstrip(".") in place_names():
            break
        keep.insert(0, (s, e, t))
    return (keep[0][0], keep[-1][1]) if keep else (start, start)


def plain_classify_run(text: str, start: int, end: int, registry: Registry,
                       known_persons: set[str]) -> tuple | None:
    """The former classify_run, as (start, end, text, kind)."""
    end = strip_trailing_dot(text, start, end)
    run = text[start:end]
    words = run.split()
    etype = registry.entity_type(run)
    if etype and etype != "person":
        return start, end, run, "org"
    ps, pe = _plain_person_core(text, start, end, registry)
    core = text[ps:pe]
    has_org_word = any(w.lower() in ORG_WORDS for w in words)
    if pe > ps:
        honorific = re.search(r"(?:Mr|Mrs|Ms|Dr)\.?\s+$", text[max(0, ps - 5):ps])
        is_person = (registry.entity_type(core) == "person" or len(core.split()) >= 2 or honorific
                     or core in known_persons or (ps > start and words[0].lower() in TITLE_WORDS))
        if has_org_word and len(core.split()) < 2 and not honorific and registry.entity_type(core) != "person":
            is_person = False
        if is_person and not (core.rstrip(".") in place_names() and core not in known_persons):
            return ps, pe, core, "person"
    if has_org_word:
        return start, end, run, "org"
    head_words = [w for w in words if w.lower() != "the"]
    if head_words and head_words[0].lower() in TITLE_WORDS:
        return start, end, run, "role"
    if all(w.lower() in TITLE_WORDS for w in words):
        return None
    return start, end, run, "org"


def _as_tuple(m) -> tuple | None:
    return None if m is None else (m.start, m.end, m.text, m.kind)


@pytest.mark.parametrize("registry", [Registry(WRITTEN), Registry([])])
def test_classify_run_with_its_memo_equals_the_plain_rules(registry: Registry) -> None:
    places = sorted(place_names())[:3]
    texts = SENTENCES + [f"Mr. {p} said. {p} Kovac spoke. Minister {p} agreed." for p in places]
    for known in (set(), {"Kovac", "Ana Kovac", "Brandt"}, set(places)):
        for _ in range(2):  # a cold and a warm memo
            for text in texts:
                for s, e in name_runs(text, 0, len(text)):
                    assert _as_tuple(classify_run(text, s, e, registry, known)) == \
                        plain_classify_run(text, s, e, registry, known), (text[s:e], known)


def test_the_run_memo_starts_afresh_for_another_registry() -> None:
    memo = RunMemo()
    first, second = Registry(WRITTEN), Registry([])
    assert memo.facts("Ana Kovac", first).core_registry_person
    assert not memo.facts("Ana Kovac", second).core_registry_person
    assert memo.facts("Ana Kovac", first).core_registry_person
    assert RUN_MEMO.facts("Kovad Holdings", first).registry_org


# ---------------------------------------------------------------- masking


def plain_masked(text: str, quotes: list[RawQuote]) -> str:
    chars = list(text)
    for q in quotes:
        for i in range(q.open_start, min(q.close_end, len(text))):
            chars[i] = " " if not chars[i].isspace() else chars[i]
    return "".join(chars)


def test_masked_text_equals_blanking_character_by_character() -> None:
    text = ("Ana Kovac said: “The port\u00a0stays open,\tfor now.” Then ‘we wait’ and “more\nwords” and "
            "“unclosed at the end\n\n“A new paragraph” ends here “")
    quotes = find_quote_spans(text)
    assert quotes
    overlapping = quotes + [RawQuote(5, 6, 20, 21, 6, 20), RawQuote(18, 19, 40, 41, 19, 40),
                            RawQuote(len(text) - 3, len(text) - 2, len(text), len(text) + 5, 0, 0)]
    for qs in (quotes, overlapping, [], overlapping[::-1]):
        assert masked_text(text, qs) == plain_masked(text, qs)


def test_name_tags_are_blanked_as_the_tag_pattern_finds_them() -> None:
    texts = [
        "Ana Kovac (D-Lake.) said (R) that Ivo Kovar  (45) and (ok) the board(s) met (a very long aside).",
        "(R) at the start, a tag at the end (X)", "two tags (A)(B) and (C) (D), a break\n(E) and é (F)",
        "no tags at all", "", "word_ (x) 1 (2) — (3)",
    ]
    for text in texts:
        assert blank_name_tags(text) == NAME_TAG_RE.sub(lambda m: " " * len(m.group()), text), text


def plain_suffix_index(names: list[str]) -> dict[str, list[int]]:
    """The former index: every proper suffix of every name -> the names' positions, in order."""
    index: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        for k in range(1, len(name)):
            index.setdefault(name[k:], []).append(i)
    return index


def test_suffix_owners_equal_the_index_of_every_suffix() -> None:
    from wirespan.layers.quotes.resolve import suffix_owners
    from wirespan.text.mentions import SpeakerMention

    names = ["Ana Soto", "Soto", "Lena Maria Soto", "Ingrid Vale", "Vale", "Ana Soto", "O'Neill", "Neill",
             "Björn Ås", "Ås", "Jean-Luc Sotomayor", "S", "Ana  Soto", ""]
    persons = [SpeakerMention(0, len(n), n, "person") for n in names]
    index = plain_suffix_index(names)
    shorts = {n[k:] for n in names for k in range(len(n) + 1)} | {"Smith", "oto ", "ANA SOTO", "Sotomayor"}
    for short in sorted(s for s in shorts if s):
        assert suffix_owners(persons, short) == index.get(short, []), short
