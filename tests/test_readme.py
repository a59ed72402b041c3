"""The README's Python examples run as written, from the project folder (where `corpus/` is)."""

from __future__ import annotations

import re
from pathlib import Path

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
    """The README's tables of `make bench-scale` are the rendering of `reports/bench-scale*.json` (as the card's)."""
    import json

    from wirespan.release.card_tables import corpus_scale

    block = README.split("<!-- BEGIN generated:corpus-scale -->\n", 1)[1].split("<!-- END generated:corpus-scale -->")[0]
    reports = {p.stem: json.loads(p.read_text(encoding="utf-8"))
               for p in sorted((ROOT / "reports").glob("bench-scale*.json"))}
    assert "bench-scale" in reports
    assert block == corpus_scale(reports)


def test_bench_scale_update_keeps_rows_not_rerun_and_the_card_says_which_were() -> None:
    """`bench_scale.py --update`: a rerun row replaces its old one; the others stay; the table names the rerun."""
    import importlib.util

    from wirespan.release.card_tables import corpus_scale

    spec = importlib.util.spec_from_file_location("bench_scale", ROOT / "bench" / "bench_scale.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    def row(n: int, engine: str, seconds: float) -> dict:
        return {"articles": n, "engine": engine, "seconds": seconds, "cpu_seconds": seconds * 1.5,
                "cpu_ms_per_article": 1.0, "articles_per_s": n / seconds, "mb_per_s": 0.1, "peak_pss_mib": 100,
                "pairs": n, "load_average": 1.0, "mean_article_kb": 2.0}

    old = {"command": "first", "measured": "2026-01-01", "machine": "2 cores", "distinct_articles": 10,
           "cold_start_seconds": 1.0, "runs": [row(10, "local", 1.0), row(10, "ray", 3.0), row(100, "local", 20.0)]}
    new = {"command": "rerun 100", "measured": "2026-01-02", "machine": "2 cores, Model X", "runs": [row(100, "local", 9.0)]}
    merged = bench.updated(old, new)
    assert [(r["articles"], r["engine"], r["seconds"]) for r in merged["runs"]] == [
        (10, "local", 1.0), (10, "ray", 3.0), (100, "local", 9.0)]
    assert merged["command"] == "first" and merged["reruns"] == [
        {"command": "rerun 100", "measured": "2026-01-02", "machine": "2 cores, Model X",
         "rows": [{"articles": 100, "engine": "local"}]}]
    merged["ratios"] = bench.ratios(merged["runs"], ["local", "ray"])
    assert merged["ratios"][0]["time_ratio"] == 9.0
    text = corpus_scale({"bench-scale": merged})
    assert ("Rerun with `rerun 100` (2026-01-02, 2 cores, Model X): 100 local; the other rows are the first run's."
            in text)


def test_corpus_scale_renders_one_table_per_news_corpus() -> None:
    """`bench-scale.json` and `bench-scale-<name>.json` each get their own table, named by their corpus."""
    from wirespan.release.card_tables import corpus_scale

    def report(corpus: str, pairs: int) -> dict:
        return {"command": "c", "corpus": corpus, "measured": "2026-01-01", "machine": "2 cores",
                "distinct_articles": 10, "distinct_mean_article_kb": 4.6, "cold_start_seconds": 1.0,
                "runs": [{"articles": 10, "engine": "local", "seconds": 1.0, "cpu_ms_per_article": 1.0,
                          "articles_per_s": 10.0, "mb_per_s": 0.1, "peak_pss_mib": 100, "pairs": pairs,
                          "load_average": 1.0, "mean_article_kb": 4.6}], "ratios": []}

    text = corpus_scale({"bench-scale-long": report("Long articles", 7), "bench-scale": report("Short articles", 3),
                         "bench-external": {}})
    assert text.index("**Short articles**") < text.index("**Long articles**")
    assert text.count("| articles | engine |") == 2
    assert "| 3 | 1 |" not in text and "| 100 | 3 | 1.0 |" in text and "| 100 | 7 | 1.0 |" in text
    assert corpus_scale({"bench-external": {}}).startswith("Not measured yet")


def test_bench_scale_machine_names_the_processor_family_and_clock(tmp_path: Path) -> None:
    """Two machines both called "AMD EPYC" differed 2.5x in CPU time: the report must tell them apart."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_scale", ROOT / "bench" / "bench_scale.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\ncpu family\t: 23\nmodel\t\t: 49\nmodel name\t: AMD EPYC\n"
                    "cpu MHz\t\t: 1999.998\n\nprocessor\t: 1\ncpu family\t: 99\n", encoding="utf-8")
    assert "AMD EPYC (family 23, model 49, 2000 MHz)" in bench.machine(str(info))
    assert "family 99" not in bench.machine(str(info))
    assert "cores, " in bench.machine(str(tmp_path / "missing"))
