"""One small invalid input per check, each asserting its check id, its own message and location.

Like the Universal Dependencies validator tests: start from the tiny valid
project, break exactly one thing, and check the build names what and where.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import MINI_ID, MINI_TEXT, make_mini, mini_gold, span, write_jsonl
from wirespan.pipeline.build import build
from wirespan.errors import CorpusError
from wirespan.corpus.schema import Schemas
from wirespan.release.checks import validate_corpus


def build_fails(root: Path) -> list[str]:
    with pytest.raises(CorpusError) as info:
        build(root)
    return [str(issue) for issue in info.value.issues]


def test_mini_project_is_valid(mini: Path) -> None:
    counts = build(mini)
    assert counts["documents"] == 1 and counts["quotes"] == 1
    assert validate_corpus(mini / "corpus", Schemas(mini / "schema")) == []


def mutate(layer: str, index: int, **changes):
    def apply(gold):
        gold[layer][index].update(changes)
    return apply


QUOTE_ID = f"{MINI_ID}:quote:{MINI_TEXT.index('we will')}-{MINI_TEXT.index('we will') + len('we will rebuild')}"
QUOTE_START = MINI_TEXT.index("we will")

# (name, mutation of the gold records, expected message fragments)
CASES = [
    ("text mismatch", mutate("quotes", 0, text="we will rebuilt"),
     ["gold/quotes.jsonl", f"doc {MINI_ID}", "layer quotes", f"offset {QUOTE_START}",
      "text 'we will rebuilt' != document text", "[L3 span-text]"]),
    ("offset out of range", mutate("figures", 0, start=500, end=506),
     ["gold/figures.jsonl", "layer figures", "offset 500", "out of range", "[L3 span-range]"]),
    ("whitespace edge", mutate("figures", 0, start=MINI_TEXT.index(" Monday"), text=" Monday"),
     ["layer figures", "begins or ends with whitespace", "[L3 span-whitespace]"]),
    ("nested span mismatch", mutate("quotes", 0, cue={**span(MINI_TEXT, "said"), "text": "says"}),
     ["layer quotes", f"record {QUOTE_ID}", "cue: text 'says' != document text", "[L3 span-text]"]),
    ("segment overlap", lambda g: g["segments"].append({"doc_id": MINI_ID, **span(MINI_TEXT, "mayor said"),
                                                         "label": "body"}),
     ["layer segments", "segment overlaps segment", "[L4 segment-overlap]"]),
    ("segment gap", lambda g: g["segments"].pop(3),
     ["layer segments", f"offset {MINI_TEXT.index('Caption')}", "is in no segment", "[L4 segment-coverage]"]),
    ("outside annotatable", lambda g: g["figures"].append({**g["figures"][0], **span(MINI_TEXT, "Caption")}),
     ["layer figures", f"offset {MINI_TEXT.index('Caption')}", "outside the annotatable segments", "[L4 span-not-annotatable]"]),
    ("duplicate id", lambda g: g["quotes"].append(copy.deepcopy(g["quotes"][0])),
     ["layer quotes", f"record {QUOTE_ID}", "duplicate id", "[L3 duplicate-id]"]),
    ("unknown label", mutate("segments", 0, label="footer"),
     ["layer segments", "schema: label: 'footer' is not one of", "[L2 schema-enum]"]),
    ("unknown kind", mutate("quotes", 0, kind="indirect"),
     ["layer quotes", f"record {QUOTE_ID}", "schema: kind: 'indirect' is not one of", "[L2 schema-enum]"]),
    ("wrong type", mutate("figures", 0, value="five"),
     ["layer figures", "schema: value: 'five' is not of type 'number', 'null'", "[L2 schema-type]"]),
    ("empty string for null", mutate("locations", 0, country_code=""),
     ["layer locations", "schema: country_code: '' does not match", "[L2 schema-pattern]"]),
    ("unknown field", mutate("locations", 0, region="x"),
     ["layer locations", "Additional properties are not allowed ('region' was unexpected)", "[L2 schema-additionalProperties]"]),
    ("unknown document", mutate("quotes", 0, doc_id="ffffffffffffffff"),
     ["gold/quotes.jsonl:1", "doc ffffffffffffffff", "unknown document", "[L3 unknown-document]"]),
]


@pytest.mark.parametrize("name,change,expected", CASES, ids=[c[0] for c in CASES])
def test_each_check_names_what_and_where(tmp_path: Path, name: str, change, expected: list[str]) -> None:
    gold = mini_gold()
    change(gold)
    root = make_mini(tmp_path / "p", gold)
    messages = build_fails(root)
    assert any(all(part in m for part in expected) for m in messages), messages


def test_invalid_json_line(mini: Path) -> None:
    with open(mini / "gold" / "figures.jsonl", "a", encoding="utf-8") as f:
        f.write("{not json\n")
    messages = build_fails(mini)
    assert any("gold/figures.jsonl:2" in m and "invalid JSON" in m and "[L1 json-syntax]" in m for m in messages), messages


def test_corrupted_seed(mini: Path) -> None:
    seed = mini / "seeds" / f"000_{MINI_ID}.txt"
    seed.write_bytes(seed.read_bytes().replace(b"mayor", b"major"))
    messages = build_fails(mini)
    assert any(str(seed) in m and f"doc {MINI_ID}" in m and "does not match the manifest" in m and "[L1 seed-changed]" in m
               for m in messages), messages


def test_unlisted_seed(mini: Path) -> None:
    extra = mini / "seeds" / "001_fedcba9876543210.txt"
    extra.write_text("x", encoding="utf-8")
    assert any(str(extra) in m and "not listed" in m and "[L1 seed-unlisted]" in m for m in build_fails(mini))


def test_undecodable_seed_names_byte_offset(mini: Path) -> None:
    import hashlib
    seed = mini / "seeds" / f"000_{MINI_ID}.txt"
    raw = b"Talks \xff resume"
    seed.write_bytes(raw)
    manifest = json.loads((mini / "seeds" / "manifest.json").read_text())
    manifest["documents"][0]["sha256"] = hashlib.sha256(raw).hexdigest()
    (mini / "seeds" / "manifest.json").write_text(json.dumps(manifest))
    assert any("not valid UTF-8" in m and "offset 6" in m and "[L1 seed-not-utf8]" in m for m in build_fails(mini))


def _variant(a_ref=None, **b_changes):
    t = MINI_TEXT
    b = {"doc_id": MINI_ID, **span(t, "Kyiv"), **b_changes}
    return {"kind": "name", "relation": "spelling", "a": {"doc_id": MINI_ID, **span(t, "KYIV")}, "b": b,
            "a_ref": a_ref, "b_ref": None}


def test_variant_dangling_reference(mini: Path) -> None:
    write_jsonl(mini / "gold" / "variants.jsonl", [_variant(a_ref=f"{MINI_ID}:quote:1-2")])
    messages = build_fails(mini)
    assert any("layer variants" in m and f"dangling reference '{MINI_ID}:quote:1-2'" in m and "[L4 variant-dangling-ref]" in m
               for m in messages)


def test_variant_unknown_document(mini: Path) -> None:
    write_jsonl(mini / "gold" / "variants.jsonl", [_variant(doc_id="ffffffffffffffff")])
    assert any("side b: unknown document 'ffffffffffffffff'" in m and "[L3 unknown-document]" in m for m in build_fails(mini))


def test_variant_bad_offsets(mini: Path) -> None:
    write_jsonl(mini / "gold" / "variants.jsonl", [_variant(text="Kiev")])
    assert any("side b: text 'Kiev' != document text" in m and "[L3 span-text]" in m for m in build_fails(mini))


def test_valid_variant_builds(mini: Path) -> None:
    write_jsonl(mini / "gold" / "variants.jsonl", [_variant()])
    assert build(mini)["variants"] == 1


# ------------------------------------------------------------ built corpus on disk
@pytest.fixture
def built(mini: Path) -> Path:
    build(mini)
    return mini / "corpus"


def corpus_issues(corpus: Path) -> list[str]:
    return [str(i) for i in validate_corpus(corpus, Schemas(corpus / "schema"))]


def test_card_out_of_sync(built: Path) -> None:
    readme = built / "README.md"
    readme.write_text(readme.read_text().replace("num_examples: 1\n", "num_examples: 2\n", 1))
    issues = corpus_issues(built)
    assert any("README.md" in m and "front matter 'dataset_info' is out of sync" in m and "[L5 card-front-matter-stale]" in m for m in issues), issues


def test_generated_table_out_of_sync(built: Path) -> None:
    readme = built / "README.md"
    readme.write_text(readme.read_text().replace("| `quotes` | 1 |", "| `quotes` | 7 |"))
    assert any("generated table is out of sync" in m and "[L5 card-table-stale]" in m for m in corpus_issues(built))


def test_checksum_mismatch(built: Path) -> None:
    target = built / "schema" / "span.schema.json"
    target.write_text(target.read_text() + " ")
    assert any(str(target) in m and "!= checksums.json" in m and "[L5 checksums-mismatch]" in m for m in corpus_issues(built))


def test_flat_config_differs_from_nested(built: Path) -> None:
    path = built / "figures" / "test-00000-of-00001.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["value"] = 7.0
    pq.write_table(table.from_pylist(rows, schema=table.schema), path)
    assert any("flat config 'figures' differs" in m and "[L4 flat-config-differs]" in m for m in corpus_issues(built))


def test_parquet_schema_drift(built: Path) -> None:
    path = built / "quotes" / "test-00000-of-00001.parquet"
    table = pq.read_table(path).drop_columns(["cue"])
    pq.write_table(table, path)
    assert any(str(path) in m and "Parquet schema differs" in m and "[L2 parquet-schema]" in m for m in corpus_issues(built))


def test_span_mismatch_in_built_corpus(built: Path) -> None:
    path = built / "documents" / "test-00000-of-00001.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["locations"][0]["end"] += 1
    pq.write_table(table.from_pylist(rows, schema=table.schema), path)
    issues = corpus_issues(built)
    assert any("documents/test-00000-of-00001.parquet" in m and "layer locations" in m and "!= document text" in m and "[L3 span-text]" in m
               for m in issues), issues


def test_card_metadata_bad_value_fails_validation(built: Path) -> None:
    readme = built / "README.md"
    readme.write_text(readme.read_text().replace("- n<1K\n", "- tiny\n", 1))
    issues = corpus_issues(built)
    assert any("README.md" in m and "card: size_categories" in m and "tiny" in m and "[L5 card-metadata]" in m for m in issues), issues


def test_validate_caps_the_listing_with_max_errors(built: Path, capsys) -> None:
    from wirespan.commands.cli import main
    for name in ("span.schema.json", "quote.schema.json", "figure.schema.json"):
        target = built / "schema" / name
        target.write_text(target.read_text() + " ")
    assert main(["validate", str(built), "--max-errors", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("[L5 checksums-mismatch]") == 1 and "… and 2 more" in err
    assert main(["validate", str(built), "--max-errors", "0"]) == 1
    assert capsys.readouterr().err.count("[L5 checksums-mismatch]") == 3
