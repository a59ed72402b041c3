"""`wirespan annotate-corpus`: shards, inputs, errors, clusters and resuming after a kill."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from wirespan.pipeline import clusters
from wirespan.pipeline.annotate import annotate, annotate_document
from wirespan.pipeline.inputs import read_txt
from wirespan.pipeline.stream import LocalEngine, Options, TooManyFailures, annotate_corpus

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
WIRESPAN = [sys.executable, "-m", "wirespan"]


def corpus(n: int) -> list[dict]:
    """n documents made from the seeds: distinct ids, lightly changed texts (a test corpus, not real news)."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    docs = []
    for i in range(n):
        text = texts[i % len(texts)]
        if i >= len(texts):
            text = text.replace(" the ", f" the {'' if i % 2 else 'same '}", 1) + f"\nNote {i}.\n"
        docs.append({"id": hashlib.sha256(f"doc {i}".encode()).hexdigest()[:16], "text": text})
    return docs


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def tree(folder: Path) -> dict[str, str]:
    """sha256 of every file under a folder, by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def rows(folder: Path, config: str) -> list[dict]:
    return [r for f in sorted((folder / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]


def test_seeds_match_annotate_and_form_one_cluster(tmp_path):
    """All five seeds are one story: one cluster, so the pairs are those of aligning them together."""
    summary = annotate_corpus(ROOT / "seeds", tmp_path / "out", LocalEngine(1),
                              Options(shard_size=2, progress=False))
    assert summary["clusters"] == 1 and summary["largest_cluster"] == 5 and summary["shards"] == 3
    annotate(ROOT / "seeds", tmp_path / "one", progress=False)
    for config in ("documents", "quotes", "figures", "locations", "variants"):
        assert rows(tmp_path / "out", config) == rows(tmp_path / "one", config), config
    names = sorted(p.name for p in (tmp_path / "out" / "documents").iterdir())
    assert names == [f"train-0000{k}-of-00003.parquet" for k in range(3)]
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "silver" in card and "split: train" in card
    assert subprocess.run([*WIRESPAN, "verify", str(tmp_path / "out")], capture_output=True).returncode == 0


def test_streaming_load_and_input_kinds(tmp_path):
    """JSONL, Parquet, a folder of them and a saved HF dataset give the same shards; datasets streams them."""
    import datasets

    docs = corpus(7)
    jsonl = write_jsonl(tmp_path / "in.jsonl", docs)
    opts = Options(shard_size=3, progress=False)
    annotate_corpus(jsonl, tmp_path / "a", LocalEngine(1), opts)
    parquet_dir = tmp_path / "pq"
    parquet_dir.mkdir()
    table = pa.Table.from_pylist([{**d, "url": "x"} for d in docs])  # extra columns are ignored
    pq.write_table(table.slice(0, 4), parquet_dir / "part-0.parquet")
    pq.write_table(table.slice(4), parquet_dir / "part-1.parquet")
    annotate_corpus(parquet_dir, tmp_path / "b", LocalEngine(1), opts)
    datasets.Dataset.from_list(docs).save_to_disk(str(tmp_path / "hf"))
    annotate_corpus(tmp_path / "hf", tmp_path / "c", LocalEngine(1), opts)
    want = {k: v for k, v in tree(tmp_path / "a").items() if k != "README.md" and k != "checksums.json"}
    for other in ("b", "c"):
        got = {k: v for k, v in tree(tmp_path / other).items() if k != "README.md" and k != "checksums.json"}
        assert got == want, other
    streamed = datasets.load_dataset(str(tmp_path / "a"), "documents", split="train", streaming=True)
    assert [r["id"] for r in streamed] == [d["id"] for d in docs]
    variants = datasets.load_dataset(str(tmp_path / "a"), "variants", split="train", cache_dir=str(tmp_path / "cache"))
    assert len(variants) == len(rows(tmp_path / "a", "variants")) > 0


def test_failing_article_goes_to_errors_file(tmp_path, monkeypatch):
    import wirespan.layers.figures as figures

    real = figures.extract_figures

    def fragile(text, *args, **kwargs):
        if "Note 5." in text or "Note 6." in text:
            raise RuntimeError("figure baseline broke")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(figures, "extract_figures", fragile)
    jsonl = write_jsonl(tmp_path / "in.jsonl", corpus(7))
    summary = annotate_corpus(jsonl, tmp_path / "out", LocalEngine(1), Options(shard_size=4, progress=False))
    assert summary["errors"] == 2 and summary["counts"]["documents"] == 5
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [e["position"] for e in errors] == [5, 6]
    assert all("figure baseline broke" in e["reason"] and e["stage"] == "annotate" for e in errors)
    assert {e["id"] for e in errors}.isdisjoint(r["id"] for r in rows(tmp_path / "out", "documents"))
    with pytest.raises(TooManyFailures, match="more than --max-failures 1"):
        annotate_corpus(jsonl, tmp_path / "out2", LocalEngine(1), Options(shard_size=4, max_failures=1,
                                                                          progress=False))
    from wirespan.commands.cli import main

    status = main(["annotate-corpus", str(jsonl), "--out", str(tmp_path / "out3"), "--workers", "1",
                   "--max-failures", "0", "--no-progress"])
    assert status == 1 and (tmp_path / "out3" / "errors.jsonl").exists()


def test_cli_exit_status_on_bad_input(tmp_path):
    bad = tmp_path / "in.jsonl"
    bad.write_text(json.dumps({"text": "x", "id": 2.5}) + "\n", encoding="utf-8")
    run = subprocess.run([*WIRESPAN, "annotate-corpus", str(bad), "--out", str(tmp_path / "o"), "--workers", "1",
                          "--no-progress"], capture_output=True, text=True)
    assert run.returncode == 2 and f"{bad}:1: id must be a string or an integer" in run.stderr


def test_clusters_are_bounded_and_disjoint():
    sigs = [clusters.Signature(i, f"{i:016x}", bytes(8) * clusters.NUM_PERM, ("place:A", "place:B", "place:C"), None)
            for i in range(20)]
    groups = clusters.merge(range(20), [(1.0, a, b) for a in range(20) for b in range(a + 1, 20)], max_size=6)
    assert sorted(p for g in groups for p in g) == list(range(20))
    assert max(len(g) for g in groups) <= 6
    shared = clusters.entity_pairs(sigs)
    assert shared[(0, 1)] == 3  # three rare shared entities
    far = [clusters.Signature(0, "a", sigs[0].hashes, sigs[0].entities, "2022-03-01"),
           clusters.Signature(1, "b", sigs[0].hashes, sigs[0].entities, "2022-03-31")]
    assert clusters.cluster(far) == [[0], [1]]  # a month apart: not one story


def test_unrelated_documents_are_not_aligned_together():
    a = annotate_document(read_txt(SEEDS[0]))
    b = {**a, "id": "f" * 16, "text": "Shares in Novartis rose 1% in Zurich on Tuesday after the drugmaker "
         "reported record sales.\n", "locations": [], "quotes": []}
    sigs = [clusters.signature(0, a), clusters.signature(1, b)]
    assert clusters.cluster(sigs) == [[0], [1]]


def _run(args: list[str], **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([*WIRESPAN, "annotate-corpus", *args], env=env, start_new_session=True, **kw)


def test_killed_run_resumes_to_the_same_bytes(tmp_path):
    jsonl = write_jsonl(tmp_path / "in.jsonl", corpus(24))
    args = ["--workers", "2", "--shard-size", "3", "--no-progress"]
    assert _run([str(jsonl), "--out", str(tmp_path / "whole"), *args]).wait(timeout=600) == 0
    proc = _run([str(jsonl), "--out", str(tmp_path / "killed"), *args])
    done = tmp_path / ".killed.work" / "done"
    deadline = time.time() + 300
    while time.time() < deadline and len(list(done.glob("documents-*.json"))) < 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its pool workers, all started by this test
    proc.wait()
    finished = len(list(done.glob("documents-*.json")))
    assert 2 <= finished < 8, "the kill should land mid-run"
    assert not (tmp_path / "killed" / "README.md").exists()
    assert _run([str(jsonl), "--out", str(tmp_path / "killed"), *args]).wait(timeout=600) == 0
    assert tree(tmp_path / "killed") == tree(tmp_path / "whole")
    # A rerun of a finished run changes nothing.
    assert _run([str(jsonl), "--out", str(tmp_path / "killed"), *args]).wait(timeout=600) == 0
    assert tree(tmp_path / "killed") == tree(tmp_path / "whole")


def test_shared_registries_change_no_answer():
    """The shared, memoised registry answers like a fresh one; the aligner's matching registry gives the same pairs."""
    from wirespan.layers.variants import align
    from wirespan.text.entities import Registry

    plain = Registry.load()
    shared = Registry.shared()
    assert Registry.shared() is shared  # loaded once per process
    names = ["Zelenskyy", "Zelensky", "Volodymyr Zelenskyy", "the Red Cross", "Smith", "Kyiv", "Mr. Putin", "AP"]
    assert [shared.lookup(n) for n in names * 2] == [plain.lookup(n) for n in names * 2]
    docs = [annotate_document(read_txt(p)) for p in SEEDS[:2]]
    for subset in (docs[:1], docs):
        filtered = plain.matching(d["text"] for d in subset)
        assert 0 < len(filtered.entries) < len(plain.entries)  # the registry was made from all five seeds
        assert align(subset, filtered) == align(subset, plain)


def test_variant_shards_hold_about_a_shard_of_documents_each():
    """Clusters of copies spread over the input all start early; they must not all land in the first shards."""
    from wirespan.pipeline.stream import variant_shards

    groups = [[i, i + 1000, i + 2000] for i in range(1000)]  # 3,000 documents, every cluster starts in shard 0
    shards_of = variant_shards(groups, 1000, 3)
    docs = [sum(len(g) for g, k in zip(groups, shards_of) if k == shard) for shard in range(3)]
    assert shards_of == sorted(shards_of) and set(shards_of) == {0, 1, 2}
    assert max(docs) <= 1000 + 3 and sum(docs) == 3000
