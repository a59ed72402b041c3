"""The README's Python examples run as written, from the project folder (where `corpus/` is)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def test_readme_has_the_python_quick_start() -> None:
    quick_start = next(b for b in python_blocks() if "wirespan.annotate(" in b)
    for call in ("wirespan.load(", "wirespan.annotate(", "wirespan.evaluate("):
        assert call in quick_start


@pytest.mark.parametrize("code", python_blocks(), ids=lambda c: c.splitlines()[0][:40])
def test_readme_python_examples_run(code: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path))
    exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})


def test_readme_corpus_scale_table_is_rendered_from_the_report() -> None:
    """The README's table of `make bench-scale` is the rendering of `reports/bench-scale.json` (as the card's)."""
    import json

    from wirespan.release.card_tables import corpus_scale

    block = README.split("<!-- BEGIN generated:corpus-scale -->\n", 1)[1].split("<!-- END generated:corpus-scale -->")[0]
    report = json.loads((ROOT / "reports" / "bench-scale.json").read_text(encoding="utf-8"))
    assert block == corpus_scale({"bench-scale": report})
