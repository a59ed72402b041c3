"""Shared fixtures: the repository, and a tiny valid project to break on purpose."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

MINI_ID = "0123456789abcdef"
MINI_TEXT = ("Talks resume in Istanbul\n\n"
             "KYIV, Ukraine (AP) — The mayor said “we will rebuild” on Monday.\n\n"
             "Caption A street in Kyiv. (AP Photo/Jo Doe)\n")


def span(text: str, needle: str, nth: int = 0) -> dict:
    """{start, end, text} of the nth occurrence of `needle` (a test helper, not a guess)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def mini_gold() -> dict[str, list[dict]]:
    """Gold records of the tiny project, one layer per key."""
    t = MINI_TEXT
    seg = lambda needle, label: {"doc_id": MINI_ID, **span(t, needle), "label": label}
    return {
        "segments": [
            seg("Talks resume in Istanbul", "headline"),
            seg("KYIV, Ukraine (AP) —", "dateline"),
            seg("The mayor said “we will rebuild” on Monday.", "body"),
            seg("Caption", "meta"),
            seg("A street in Kyiv.", "caption"),
            seg("(AP Photo/Jo Doe)", "credit"),
        ],
        "quotes": [{"doc_id": MINI_ID, **span(t, "we will rebuild"), "kind": "direct", "speaker": None,
                    "speaker_mention": span(t, "The mayor"), "cue": span(t, "said")}],
        "figures": [{"doc_id": MINI_ID, **span(t, "Monday"), "kind": "date", "value": None, "value_high": None,
                     "unit": None, "iso": None, "qualifier": "exact"}],
        "locations": [{"doc_id": MINI_ID, **span(t, "Istanbul"), "name": "Istanbul", "feature": "city",
                       "country_code": "TR", "geonames_id": None, "latitude": None, "longitude": None,
                       "use": "literal"}],
    }


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def make_mini(root: Path, gold: dict[str, list[dict]] | None = None) -> Path:
    """A complete, valid project with one short document."""
    shutil.copytree(ROOT / "schema", root / "schema")
    shutil.copyfile(ROOT / "DATACARD.md", root / "DATACARD.md")
    from wirespan.corpus.layout import PROJECT_FILES

    own = ("seeds/manifest.json", "gold/stories.json")  # written below for the mini document
    for source in (s for s in PROJECT_FILES.values() if s not in own):  # the files the card cites
        (root / source).parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / source).is_dir():
            shutil.copytree(ROOT / source, root / source)
        else:
            shutil.copyfile(ROOT / source, root / source)
    (root / "seeds").mkdir(exist_ok=True)
    raw = MINI_TEXT.encode("utf-8")
    (root / "seeds" / f"000_{MINI_ID}.txt").write_bytes(raw)
    manifest = {"documents": [{
        "file": f"000_{MINI_ID}.txt", "id": MINI_ID, "sha256": hashlib.sha256(raw).hexdigest(),
        "title": "Talks resume in Istanbul", "published": None, "language": "en",
        "source": {"outlet": None, "wire": "AP", "derivation": "original", "evidence": "dateline “(AP)”"}}]}
    (root / "seeds" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (root / "gold").mkdir(exist_ok=True)
    (root / "gold" / "stories.json").write_text('{"stories": []}\n', encoding="utf-8")
    for layer, records in (gold or mini_gold()).items():
        write_jsonl(root / "gold" / f"{layer}.jsonl", records)
    return root


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return make_mini(tmp_path / "project")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def perturbed_predictions(folder: Path, corpus: Path = ROOT / "corpus") -> list[Path]:
    """Prediction files made from the gold corpus with known kinds of error, one JSONL file per layer.

    Every 7th span is dropped (a miss), the next one loses its last character
    (a boundary error: a false positive and a miss that overlap), the next one
    gets a wrong attribute; every document gets one extra span on the first
    word of its first body segment (a false positive, unless gold has it);
    every 5th segment is relabelled `boilerplate` (character errors).
    """
    import pyarrow.parquet as pq

    docs = pq.read_table(corpus / "documents" / "test-00000-of-00001.parquet").to_pylist()
    wrong = {"quotes": ("speaker", "Somebody Else"), "figures": ("qualifier", "approximate"),
             "locations": ("use", "embedded")}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for layer in ("segments", "quotes", "figures", "locations"):
        rows = []
        for doc in docs:
            text = doc["text"]
            for i, record in enumerate(doc[layer]):
                row = {k: v for k, v in record.items() if k != "id"}
                row["doc_id"] = doc["id"]
                if layer == "segments":
                    if i % 5 == 0:
                        row["label"] = "boilerplate" if row["label"] != "boilerplate" else "body"
                elif i % 7 == 0:
                    continue
                elif i % 7 == 1 and row["end"] - row["start"] > 1:
                    row["end"] -= 1
                    row["text"] = text[row["start"]:row["end"]]
                elif i % 7 == 2:
                    row[wrong[layer][0]] = wrong[layer][1]
                rows.append(row)
            if layer != "segments":
                body = next(s for s in doc["segments"] if s["label"] == "body")
                word_end = body["start"] + len(body["text"].split()[0])
                extra = {"doc_id": doc["id"], "start": body["start"], "end": word_end,
                         "text": text[body["start"]:word_end]}
                extra.update({"quotes": {"kind": "other", "speaker": None, "speaker_mention": None, "cue": None},
                              "figures": {"kind": "count", "value": 1.0, "value_high": None, "unit": None,
                                          "iso": None, "qualifier": "exact"},
                              "locations": {"name": "Nowhere", "feature": "other", "country_code": None,
                                            "geonames_id": None, "latitude": None, "longitude": None,
                                            "use": "literal"}}[layer])
                rows.append(extra)
        path = folder / f"{layer}.jsonl"
        write_jsonl(path, rows)
        paths.append(path)
    paths.append(_perturbed_variants(folder, corpus))
    return paths


def _perturbed_variants(folder: Path, corpus: Path) -> Path:
    """Variant pairs: every 6th gold pair dropped, the next one with the wrong relation, one invented pair."""
    import pyarrow.parquet as pq

    gold = pq.read_table(corpus / "variants" / "test-00000-of-00001.parquet").to_pylist()
    other = {"passage": "verbatim", "quote": "verbatim", "figure": "conflict", "name": "error"}
    rows = []
    for i, v in enumerate(gold):
        row = {k: val for k, val in v.items() if k != "id"}
        if i % 6 == 0:
            continue
        if i % 6 == 1:
            row["relation"] = other[v["kind"]] if v["relation"] != other[v["kind"]] else "edited"
        rows.append(row)
    first = gold[0]
    rows.append({"kind": "name", "relation": "spelling", "a": {**first["b"]}, "b": {**first["b"]},
                 "a_ref": None, "b_ref": None})
    path = folder / "variants.jsonl"
    write_jsonl(path, rows)
    return path
