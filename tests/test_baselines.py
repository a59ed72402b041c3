"""The baselines as scored: reproducible reports, the issue targets, and no seed leakage."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from wirespan.evaluation.agreement import run as agreement_run
from wirespan.release.card import load_reports, render_blocks
from wirespan.evaluation.scoring import score

REPORTS = load_reports(ROOT / "reports")
#: Every module of the extractors and of the text tools they share (layers/ and text/).
EXTRACTORS = sorted(p.relative_to(ROOT / "src" / "wirespan").as_posix()
                    for folder in ("layers", "text") for p in (ROOT / "src" / "wirespan" / folder).rglob("*.py"))
SCORED = ["segments", "quotes", "figures", "locations", "variants"]


def _normalised(report: dict) -> dict:
    return json.loads(json.dumps(report, sort_keys=True, ensure_ascii=False))


@pytest.fixture(scope="module")
def fresh_scores() -> dict[str, dict]:
    return {layer: score(ROOT, layer) for layer in SCORED}


@pytest.mark.parametrize("layer", SCORED)
def test_committed_score_reports_are_reproducible(fresh_scores: dict, layer: str) -> None:
    assert _normalised(fresh_scores[layer]) == REPORTS[f"score-{layer}"], "run `make reports`"


@pytest.mark.parametrize("layer", ["quotes", "figures", "locations", "variants"])
def test_committed_agreement_reports_are_reproducible(layer: str) -> None:
    assert _normalised(agreement_run(ROOT, layer)) == REPORTS[f"agreement-{layer}"], "run `make reports`"


def test_card_tables_are_rendered_from_the_reports() -> None:
    card = (ROOT / "DATACARD.md").read_text(encoding="utf-8")
    import pyarrow.parquet as pq
    tables = {p.parent.name: pq.read_table(p).to_pylist()
              for p in (ROOT / "corpus").glob("*/test-00000-of-00001.parquet")}
    assert render_blocks(card, tables, REPORTS) == card


def test_variant_scores_are_printed_per_kind_and_relation(fresh_scores: dict) -> None:
    gold = [json.loads(line) for line in (ROOT / "gold" / "variants.jsonl").read_text().splitlines() if line.strip()]
    lines = fresh_scores["variants"]["summary"].splitlines()
    for kind in {g["kind"] for g in gold}:
        assert any(line.split()[:1] == [kind] for line in lines), kind
    for relation in {g["relation"] for g in gold}:
        assert any(line.split()[:1] == [relation] and "F1" in line for line in lines), relation


def test_encoder_benchmark_measured_the_current_aligner() -> None:
    # the "aligner + encoder" rows add to the aligner's pairs: stale if the aligner changed since `make bench-encoders`
    bench, own = REPORTS["bench-passage-encoders"], REPORTS["score-variants"]["kinds"]["passage"]
    assert bench["aligner"] == {k: own[k] for k in ("precision", "recall", "f1")}, "run `make bench-encoders`"
    assert bench["gold_pairs"] == own["tp"] + own["fn"]


def test_targets_of_the_layer_issues(fresh_scores: dict) -> None:
    seg, quotes, figures, locations = (fresh_scores[k] for k in ("segments", "quotes", "figures", "locations"))
    assert seg["accuracy"] >= 0.95
    assert quotes["exact"]["f1"] >= 0.95 and quotes["attributes"]["speaker"]["accuracy"] >= 0.85
    assert figures["exact"]["f1"] >= 0.95 and figures["attributes"]["value"]["accuracy"] >= 0.95
    assert locations["exact"]["f1"] >= 0.90 and locations["attributes"]["name"]["accuracy"] >= 0.95


def _seed_ngrams(n: int = 5) -> set[tuple[str, ...]]:
    grams = set()
    for path in (ROOT / "seeds").glob("*.txt"):
        words = re.findall(r"\w+", path.read_text(encoding="utf-8").lower())
        grams |= {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    return grams


@pytest.mark.parametrize("module", EXTRACTORS)
def test_extractors_contain_no_seed_strings(module: str) -> None:
    source = (ROOT / "src" / "wirespan" / module).read_text(encoding="utf-8")
    assert "gold" not in re.findall(r"[\"']([^\"']*)[\"']", source), "an extractor must not open gold files"
    words = re.findall(r"\w+", source.lower())
    copied = {tuple(words[i:i + 5]) for i in range(len(words) - 4)} & _seed_ngrams()
    assert copied == set(), f"phrases copied from the seeds: {sorted(copied)[:5]}"
    people = [json.loads(line) for line in (ROOT / "registry" / "entities.jsonl").read_text().splitlines()]
    surnames = {alias.split()[-1] for e in people if e["type"] == "person" for alias in e["aliases"]
                if len(alias.split()) > 1}
    named = sorted(s for s in surnames if re.search(rf"\b{re.escape(s)}\b", source))
    assert named == [], f"seed people named in {module}: {named}"


def test_card_prediction_example_is_accepted(tmp_path) -> None:
    from wirespan.evaluation.predictions import run

    card = (ROOT / "DATACARD.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)\n```", card, re.DOTALL).group(1)
    path = tmp_path / "figures.jsonl"
    path.write_text(example + "\n", encoding="utf-8")
    report = run(ROOT / "corpus", [path])
    assert report["layers"]["figures"]["n_pred"] == 1
    assert report["layers"]["figures"]["exact"]["tp"] == 1
