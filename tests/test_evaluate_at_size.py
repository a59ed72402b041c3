"""Issue 14 item 7 and the number rules for predictions and corpus rows: duplicates, progress, NaN in Parquet."""

from __future__ import annotations

import contextlib
import io
import json
import math
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, make_mini
from wirespan.commands.cli import main
from wirespan.corpus.layout import parquet_path
from wirespan.corpus.schema import Schemas
from wirespan.evaluation.predictions import run
from wirespan.pipeline.build import build
from wirespan.release.checks import validate_corpus

GOLD = ROOT / "corpus"


def figure_rows() -> list[dict]:
    docs = pq.read_table(GOLD / parquet_path("documents")).to_pylist()
    return [{"doc_id": d["id"], **{k: v for k, v in r.items() if k != "id"}} for d in docs for r in d["figures"]]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_duplicate_prediction_rows_are_counted_once_with_a_warning(tmp_path: Path, capsys) -> None:
    rows = figure_rows()
    (tmp_path / "once").mkdir()
    once = run(GOLD, [write_jsonl(tmp_path / "once" / "figures.jsonl", rows)])
    doubled = rows + rows[:3] + [dict(rows[0], kind="money")]  # a repeated span with another label: still one span
    path = write_jsonl(tmp_path / "figures.jsonl", doubled)
    report = run(GOLD, [path])
    assert report["layers"]["figures"]["n_pred"] == once["layers"]["figures"]["n_pred"] == len(rows)
    assert report["layers"]["figures"]["exact"] == once["layers"]["figures"]["exact"]
    assert report["duplicates"]["figures"]["count"] == 4
    n = len(rows)
    assert report["duplicates"]["figures"]["where"][0] == f"{path}: line {n + 1}"
    assert main(["evaluate", "--gold", str(GOLD), "--pred", str(path), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "warning: 4 duplicate figures prediction row(s) counted once" in err and f"{path}: line {n + 1}" in err


class Terminal(io.StringIO):
    """A stderr that says it is a terminal (tqdm shows bars only on one)."""

    def isatty(self) -> bool:
        return True


def stderr_of(argv: list[str], terminal: bool) -> tuple[int, str]:
    err = Terminal() if terminal else io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


def test_evaluate_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "figures.jsonl", figure_rows())
    argv = ["evaluate", "--gold", str(GOLD), "--pred", str(path)]
    code, err = stderr_of(argv, terminal=True)
    assert code == 0 and "check figures.jsonl" in err and "read figures.jsonl" in err
    assert stderr_of(argv + ["--no-progress"], terminal=True)[1] == ""
    assert stderr_of(argv, terminal=False)[1] == ""


def test_score_shows_progress_on_a_terminal_only() -> None:
    from wirespan.evaluation import scoring

    scoring.predictions.cache_clear()
    code, err = stderr_of(["score", "figures", "--root", str(ROOT)], terminal=True)
    assert code == 0 and "baselines" in err and "doc" in err
    scoring.predictions.cache_clear()
    assert stderr_of(["score", "figures", "--root", str(ROOT), "--no-progress"], terminal=True)[1] == ""


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_parquet_predictions_with_non_finite_values_exit_2(tmp_path: Path, capsys, value: float) -> None:
    rows = figure_rows()
    i = next(i for i, r in enumerate(rows) if r["value"] is not None)
    rows[i]["value"] = value
    path = tmp_path / "figures.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    assert main(["evaluate", "--gold", str(GOLD), "--pred", str(path), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{path}: row {i + 1}: value:" in err and "not a finite number" in err


@pytest.mark.parametrize("token", ["NaN", "Infinity", "1e999", str(2 ** 64)])
def test_jsonl_predictions_with_bad_numbers_exit_2_at_their_line(tmp_path: Path, capsys, token: str) -> None:
    rows = figure_rows()
    lines = [json.dumps(r) for r in rows]
    lines[2] = json.dumps({**rows[2], "value": "X"}).replace('"X"', token)
    path = tmp_path / "figures.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(GOLD), "--pred", str(path), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{path}: line 3: number:" in err


def test_validate_refuses_infinity_in_a_corpus_parquet(tmp_path: Path) -> None:
    root = make_mini(tmp_path / "project")
    figures = root / "gold" / "figures.jsonl"
    record = json.loads(figures.read_text(encoding="utf-8"))
    record.update(kind="count", value=1.0)
    figures.write_text(json.dumps(record) + "\n", encoding="utf-8")
    build(root)
    corpus = root / "corpus"
    path = corpus / parquet_path("documents")
    table = pq.read_table(path)
    docs = table.to_pylist()
    docs[0]["figures"][0]["value"] = math.inf
    pq.write_table(pa.Table.from_pylist(docs, schema=table.schema), path)
    issues = validate_corpus(corpus, Schemas(corpus / "schema"))
    found = [i for i in issues if i.check == "schema-type"]
    assert found and "not a finite number" in found[0].message and found[0].layer == "figures"
    assert issues[0].level <= found[0].level  # root causes first
