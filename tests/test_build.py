"""The build as users meet it: reproducible, atomic, and loadable by every reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI_ID, ROOT, tree_bytes
from wirespan.pipeline import build as build_module
from wirespan.pipeline.build import build
from wirespan.release.card import read_front_matter, render_blocks
from wirespan.errors import CorpusError, CorpusIssue
from wirespan.layers.registry import nested_layers


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built into a scratch folder."""
    out = tmp_path_factory.mktemp("fresh") / "corpus"
    build(ROOT, out)
    return out


def test_committed_corpus_equals_fresh_build(fresh: Path) -> None:
    committed = tree_bytes(ROOT / "corpus")
    assert sorted(committed) == sorted(tree_bytes(fresh))
    changed = [name for name, data in tree_bytes(fresh).items() if committed[name] != data]
    assert changed == [], f"corpus/ is stale, run `make corpus`: {changed}"


def test_two_builds_are_byte_identical(fresh: Path, tmp_path: Path) -> None:
    build(ROOT, tmp_path / "again")
    assert tree_bytes(tmp_path / "again") == tree_bytes(fresh)


def test_build_in_another_process_is_byte_identical(fresh: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub"
    subprocess.run([sys.executable, "-m", "wirespan", "build", "--root", str(ROOT), "--out", str(out)],
                   check=True, capture_output=True)
    assert tree_bytes(out) == tree_bytes(fresh)


def test_datacard_tables_match_the_data(fresh: Path) -> None:
    import pyarrow.parquet as pq
    tables = {p.parent.name: pq.read_table(p).to_pylist() for p in fresh.glob("*/test-00000-of-00001.parquet")}
    card = (ROOT / "DATACARD.md").read_text(encoding="utf-8")
    assert render_blocks(card, tables) == card, "DATACARD.md generated tables are stale: run `make corpus`"


def test_failed_build_leaves_previous_corpus_intact(mini: Path) -> None:
    build(mini)
    before = tree_bytes(mini / "corpus")
    gold = mini / "gold" / "quotes.jsonl"
    gold.write_text(gold.read_text().replace('"start": 63', '"start": 62'))
    with pytest.raises(CorpusError):
        build(mini)
    assert tree_bytes(mini / "corpus") == before
    # no temporary or old folder left; only the (empty) lock file of `layout.output_lock` stays
    assert [p.name for p in mini.iterdir() if p.name.startswith(".corpus")] in ([], [".corpus.lock"])


def test_failure_after_writing_leaves_previous_corpus_intact(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(mini)
    before = tree_bytes(mini / "corpus")
    monkeypatch.setattr(build_module, "validate_corpus",
                        lambda corpus, schemas: [CorpusIssue(str(corpus), "planted failure")])
    with pytest.raises(CorpusError, match="planted failure"):
        build(mini)
    assert tree_bytes(mini / "corpus") == before
    # no temporary or old folder left; only the (empty) lock file of `layout.output_lock` stays
    assert [p.name for p in mini.iterdir() if p.name.startswith(".corpus")] in ([], [".corpus.lock"])


def test_cli_reports_errors_without_traceback(mini: Path) -> None:
    seed = next((mini / "seeds").glob("*.txt"))
    seed.write_bytes(seed.read_bytes() + b"!")
    result = subprocess.run([sys.executable, "-m", "wirespan", "build", "--root", str(mini)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"doc {MINI_ID}" in result.stderr and "does not match the manifest" in result.stderr


def test_cli_validate_committed_corpus() -> None:
    result = subprocess.run([sys.executable, "-m", "wirespan", "validate", str(ROOT / "corpus")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


# ------------------------------------------------------------------ readers
def test_load_dataset_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    import datasets

    docs = datasets.load_dataset(str(ROOT / "corpus"), split="test", cache_dir=str(tmp_path))
    assert docs.num_rows == 5
    assert sorted(docs["id"]) == sorted(p.stem.split("_")[1] for p in (ROOT / "seeds").glob("*.txt"))
    assert isinstance(docs.features["segments"], datasets.List)
    assert docs.features["segments"].feature["label"] == datasets.Value("string")
    for doc in docs:
        assert doc["segments"], doc["id"]
        for layer in nested_layers():
            for record in doc[layer]:
                assert doc["text"][record["start"]:record["end"]] == record["text"]
    meta = read_front_matter(ROOT / "corpus" / "README.md")
    for entry in meta["configs"]:
        ds = datasets.load_dataset(str(ROOT / "corpus"), entry["config_name"], split="test",
                                   cache_dir=str(tmp_path))
        info = next(i for i in meta["dataset_info"] if i["config_name"] == entry["config_name"])
        assert ds.num_rows == info["splits"][0]["num_examples"] > 0


def test_pandas_duckdb_polars_read_the_parquet() -> None:
    import duckdb
    import pandas as pd
    import polars as pl

    path = ROOT / "corpus" / "documents" / "test-00000-of-00001.parquet"
    frame = pd.read_parquet(path)
    assert len(frame) == 5 and set(frame.columns) >= {"id", "text", "sha256", "source", "segments"}
    first = frame.iloc[0]
    seg = first["segments"][0]
    # DuckDB and Polars slice with the documented formulas and agree with Python.
    rows = duckdb.sql(f"""
        SELECT seg.text, substring(text, seg.start + 1, seg."end" - seg.start)
        FROM (SELECT text, unnest(segments) AS seg FROM '{path}')
    """).fetchall()
    assert rows and all(a == b for a, b in rows)
    pol = pl.read_parquet(path).explode("segments").unnest("segments", separator="_")
    sliced = pol.select(pl.col("text").str.slice(pl.col("segments_start"),
                                                 pl.col("segments_end") - pl.col("segments_start")))
    assert sliced.to_series().to_list() == pol["segments_text"].to_list()
    assert first["text"][seg["start"]:seg["end"]] == seg["text"]


def test_checksum_manifest_lists_every_file() -> None:
    manifest = json.loads((ROOT / "corpus" / "checksums.json").read_text())
    files = {p.relative_to(ROOT / "corpus").as_posix() for p in (ROOT / "corpus").rglob("*")
             if p.is_file() and p.name != "checksums.json"}
    assert set(manifest["files"]) == files
    from wirespan.version import __version__
    assert manifest["version"] == __version__


def test_version_is_the_same_everywhere() -> None:
    import importlib.metadata

    from wirespan.version import __version__

    assert importlib.metadata.version("wirespan") == __version__
    corpus = ROOT / "corpus"
    assert json.loads((corpus / "checksums.json").read_text())["version"] == __version__
    assert json.loads((corpus / "croissant.json").read_text())["version"] == __version__
    assert f"**Version {__version__}**" in (corpus / "README.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
