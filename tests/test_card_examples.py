"""The card's code examples run as printed (docs that match the code)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

CARD = (ROOT / "DATACARD.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", CARD, re.DOTALL)


@pytest.mark.parametrize("code", blocks("python"), ids=lambda c: c.splitlines()[0][:40])
def test_python_examples_run(code: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path))
    exec(compile(code, "DATACARD.md", "exec"), {})


@pytest.mark.parametrize("query", blocks("sql"))
def test_sql_examples_run(query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    monkeypatch.chdir(ROOT)
    relation = duckdb.sql("\n".join(l for l in query.splitlines() if not l.startswith("--")))
    rows = relation.fetchall()
    assert rows
    if "mismatches" in relation.columns:  # a slicing recipe: every span must come out as its `text`
        assert [row[relation.columns.index("mismatches")] for row in rows] == [0]
