"""The range-based structure checks (segment coverage and overlap, spans in annotatable segments) give the
findings of the per-character checks they replaced, on invented documents with gaps, overlaps, unsorted and
out-of-range segments and spans."""

from __future__ import annotations

import random

from wirespan.corpus.validate import document_issues, first_uncovered
from wirespan.text.spans import merged_ranges
from wirespan.errors import CorpusIssue

LABELS = ("headline", "body", "byline", "dateline", "caption", "boilerplate")


def plain_structure(doc: dict, annotatable: set[str]) -> list[tuple]:
    """The former checks, character by character: (check, layer, record, offset) of each finding."""
    text, found = doc["text"], []
    owner: list = [None] * len(text)
    for seg in doc["segments"]:
        for i in range(max(seg["start"], 0), min(seg["end"], len(text))):
            if owner[i] is not None:
                found.append(("segment-overlap", "segments", seg["id"], i))
                break
            owner[i] = seg["id"]
    gap = next((i for i, ch in enumerate(text) if owner[i] is None and not ch.isspace()), None)
    if gap is not None:
        found.append(("segment-coverage", "segments", None, gap))
    allowed = [False] * len(text)
    for seg in doc["segments"]:
        if seg["label"] in annotatable:
            for i in range(max(seg["start"], 0), min(seg["end"], len(text))):
                allowed[i] = True
    for rec in doc["figures"]:
        bad = next((i for i in range(max(rec["start"], 0), min(rec["end"], len(text)))
                    if not allowed[i] and not text[i].isspace()), None)
        if bad is not None:
            found.append(("span-not-annotatable", "figures", rec["id"], bad))
    return found


def random_doc(rng: random.Random, n: int) -> dict:
    text = "".join(rng.choice("ab \n\u00a0\u2003.") for _ in range(rng.randint(0, 40)))
    cuts = sorted(rng.sample(range(-3, len(text) + 4), k=min(len(text) + 7, rng.randint(0, 8))))
    segs = [{"id": f"s{k}", "start": a, "end": b, "label": rng.choice(LABELS)} for k, (a, b) in enumerate(zip(cuts, cuts[1:]))]
    if segs and rng.random() < 0.3:
        segs.append(dict(rng.choice(segs), id="dup", start=rng.randint(-2, len(text)), end=rng.randint(0, len(text) + 2)))
    if rng.random() < 0.2:
        rng.shuffle(segs)
    figs = [{"id": f"f{k}", "start": (a := rng.randint(-2, len(text) + 1)), "end": a + rng.randint(0, 9)} for k in range(3)]
    return {"id": f"d{n}", "text": text, "sha256": "", "segments": segs, "figures": figs}


def found_by_validate(doc: dict) -> list[tuple]:
    issues: list[CorpusIssue] = document_issues([doc], lambda layer: layer)
    keep = ("segment-overlap", "segment-coverage", "span-not-annotatable")
    return [(i.check, i.layer, i.record_id, i.offset) for i in issues if i.check in keep]


def test_structure_findings_equal_the_per_character_checks():
    from wirespan.text.regions import ANNOTATABLE

    rng = random.Random(7)
    for n in range(3000):
        doc = random_doc(rng, n)
        assert found_by_validate(doc) == plain_structure(doc, set(ANNOTATABLE)), doc


def test_first_uncovered_and_merged_ranges():
    text = "ab  cd\n ef"
    assert merged_ranges([(4, 6), (0, 2), (1, 3), (6, 6), (6, 7)]) == [(0, 3), (4, 7)]
    assert first_uncovered(text, [(0, 3), (4, 7)], 0, len(text)) == 8
    assert first_uncovered(text, [(0, 3), (4, 10)], 0, len(text)) is None
    assert first_uncovered(text, [], 2, 5) == 4
    assert first_uncovered(text, [(0, 10)], 5, 2) is None
