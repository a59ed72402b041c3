"""The static viewer without a browser: span cutting, escaping, errors counts, determinism, safety.

What the pages look like and do in a browser is checked in test_viewer_browser.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from wirespan.commands.cli import main
from wirespan.evaluation.predictions import run
from wirespan.viewer import build_site
from wirespan.viewer.errors import document_errors, variant_errors
from wirespan.viewer.geo import land_rings, simplify_land
from wirespan.viewer.marks import Mark, render
from wirespan.viewer.pages import script_json
from wirespan.viewer.site import MARKER

from conftest import ROOT, perturbed_predictions, tree_bytes

STYLE = ROOT / "src" / "wirespan" / "viewer" / "static" / "style.css"


def _pieces(html: str) -> dict[str, str]:
    """Text inside each data-span key, joined over its pieces (a tiny parser for the test's own markup)."""
    out: dict[str, str] = {}
    stack: list[str | None] = []
    for token in re.split(r"(<[^>]+>)", html):
        if token.startswith("</"):
            stack.pop()
        elif token.startswith("<"):
            key = re.search(r'data-span="([^"]*)"', token)
            stack.append(key.group(1) if key else None)
        else:
            for key in filter(None, stack):
                out[key] = out.get(key, "") + token
    return out


def test_nested_and_crossing_spans_keep_their_exact_text() -> None:
    text = "0123456789abcdef"
    spans = [(0, 16, "segments"), (2, 9, "quotes"), (4, 12, "figures"), (4, 6, "locations"), (9, 10, "cue")]
    marks = [Mark(s, e, layer, f"k{s}-{e}", "x") for s, e, layer in spans]
    html = str(render(text, marks))
    assert re.sub(r"<[^>]+>", "", html) == text
    pieces = _pieces(html)
    assert {k: pieces[k] for k in pieces} == {f"k{s}-{e}": text[s:e] for s, e, _ in spans}
    assert html.count('id="k4-12"') == 1 and html.count('data-span="k4-12"') == 2  # cut where it crosses the quote


def test_offsets_are_code_points_not_utf16_units() -> None:
    text = "a😀b “q” c"  # the emoji is two UTF-16 units, one code point
    html = str(render(text, [Mark(1, 3, "quotes", "k", "x"), Mark(5, 6, "figures", "f", "y")]))
    assert _pieces(html) == {"k": "😀b", "f": "q"}


def test_article_markup_is_shown_as_text() -> None:
    text = '<script>alert(1)</script> & <img src=x onerror="alert(2)">\r\n'
    html = str(render(text, [Mark(0, 8, "quotes", 'k"><script>', '"><img src=x onerror=alert(3)>')]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&#13;" in html
    assert 'data-span="k&#34;&gt;&lt;script&gt;"' in html


def test_script_json_cannot_close_its_script_element() -> None:
    value = {"t": "</script><script>alert(1)</script>&"}
    text = str(script_json(value))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_bad_span_is_refused() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        render("abc", [Mark(1, 9, "quotes", "k", "x")])


def test_errors_counts_equal_wirespan_evaluate(tmp_path: Path) -> None:
    pred = perturbed_predictions(tmp_path / "pred")
    report = run(ROOT / "corpus", pred)["layers"]
    docs = pq.read_table(ROOT / "corpus" / "documents" / "test-00000-of-00001.parquet").to_pylist()
    rows: dict[str, list[dict]] = {}
    for path in pred:
        rows[path.stem] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    gold_variants = pq.read_table(ROOT / "corpus" / "variants" / "test-00000-of-00001.parquet").to_pylist()
    judged, kinds = variant_errors(gold_variants, rows.pop("variants"))
    for kind, counts in kinds.items():
        r = report["variants"]["kinds"][kind]
        assert (counts.tp, counts.fp, counts.fn) == (r["tp"], r["fp"], r["fn"])
        assert counts.disagreements == r["relation"]["matched"] - r["relation"]["correct"]
    assert Counter(j["verdict"] for j in judged) == {
        v: sum(r[v] for r in report["variants"]["kinds"].values()) for v in ("tp", "fp", "fn")}
    per_doc = [document_errors(d, {layer: [r for r in rs if r["doc_id"] == d["id"]] for layer, rs in rows.items()})
               for d in docs]
    for layer in ("quotes", "figures", "locations"):
        exact = report[layer]["exact"]
        assert sum(e.layers[layer].tp for e in per_doc) == exact["tp"]
        assert sum(e.layers[layer].fp for e in per_doc) == exact["fp"] > 0
        assert sum(e.layers[layer].fn for e in per_doc) == exact["fn"] > 0
        assert sum(e.layers[layer].overlap for e in per_doc) == report[layer]["overlap"]["tp"]
        for attr, acc in report[layer]["attributes"].items():
            assert sum(e.layers[layer].attributes[attr][1] for e in per_doc) == acc["matched"] - acc["correct"]
    seg = report["segments"]
    assert sum(e.wrong_characters for e in per_doc) == seg["characters"] - seg["correct"] > 0
    assert sum(e.characters for e in per_doc) == seg["characters"]


def test_segment_error_runs_span_whitespace_but_count_only_characters() -> None:
    from wirespan.viewer.errors import segment_errors

    text = "ab cd  ef"
    gold = [{"start": 0, "end": 9, "label": "body"}]
    pred = [{"start": 0, "end": 1, "label": "body"}, {"start": 1, "end": 5, "label": "meta"},
            {"start": 5, "end": 9, "label": "body"}]
    marks, scored, wrong = segment_errors("d", text, gold, pred)
    assert (scored, wrong) == (6, 3)
    assert [(m.start, m.end) for m in marks] == [(1, 5)]  # "b cd": one run across the space


def test_site_is_deterministic(tmp_path: Path) -> None:
    pred = perturbed_predictions(tmp_path / "pred")
    for name, extra in (("plain", None), ("errors", pred)):
        build_site(ROOT / "corpus", tmp_path / f"{name}1", extra)
        build_site(ROOT / "corpus", tmp_path / f"{name}2", extra)
        assert tree_bytes(tmp_path / f"{name}1") == tree_bytes(tmp_path / f"{name}2")


def test_site_pages_and_no_network(tmp_path: Path) -> None:
    site = build_site(ROOT / "corpus", tmp_path / "site")
    docs = pq.read_table(ROOT / "corpus" / "documents" / "test-00000-of-00001.parquet").to_pylist()
    assert {f"doc/{d['id']}.html" for d in docs} <= set(site.pages)
    assert any(p.startswith("variants/") for p in site.pages)
    for page in site.pages:
        text = (site.out / page).read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), page  # nothing loaded from elsewhere
    index = (site.out / "index.html").read_text(encoding="utf-8")
    assert "Cohen" in index and "<table" in index  # the card's agreement table
    assert index.count("<svg class=\"chart\"") == 3


def test_build_replaces_only_its_own_site_and_keeps_it_on_failure(tmp_path: Path, capsys) -> None:
    other = tmp_path / "project"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["view", str(ROOT / "corpus"), "--out", str(other)]) == 2
    assert "not a site written by" in capsys.readouterr().err
    assert (other / "keep.txt").read_text(encoding="utf-8") == "mine"
    out = tmp_path / "site"
    assert main(["view", str(ROOT / "corpus"), "--out", str(out)]) == 0
    assert (out / MARKER).exists()
    before = tree_bytes(out)
    assert main(["view", str(tmp_path / "nowhere"), "--out", str(out)]) == 2
    assert "no documents file" in capsys.readouterr().err
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no temporary folder left


def test_malformed_predictions_exit_2_naming_the_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "quotes.jsonl"
    bad.write_text('{"doc_id": "569bba623fe2f823", "start": 0, "end": 3, "text": "nope"}\n', encoding="utf-8")
    assert main(["view", "--gold", str(ROOT / "corpus"), "--pred", str(bad), "--out", str(tmp_path / "s")]) == 2
    assert str(bad) in capsys.readouterr().err


def _css_colours() -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9A-Fa-f]{6})", STYLE.read_text(encoding="utf-8")))


def _contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    def lum(h: str) -> float:
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_colours_pass_a_high_contrast_check() -> None:
    colours = _css_colours()
    backgrounds = {k: v for k, v in colours.items() if k.startswith("seg-") or k.endswith("-bg") or k == "paper"}
    lines = {k: v for k, v in colours.items() if k.startswith(("line-", "rel-"))}
    assert len(backgrounds) >= 10 and len(lines) >= 10
    for name, bg in backgrounds.items():
        assert _contrast(colours["ink"], bg) >= 7, name  # WCAG AAA for text
    for name, line in lines.items():  # WCAG 1.4.11: graphical objects 3:1 against what they are drawn on
        drawn_on = backgrounds if name.startswith("line-") else {"paper": colours["paper"]}
        for bg_name, bg in drawn_on.items():
            assert _contrast(line, bg) >= 3, (name, bg_name)
    hues = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}
    assert {colours[k].upper() for k in ("blue", "orange", "green", "purple", "sky", "vermillion", "yellow")} <= hues


def test_land_outline_is_simplified_natural_earth() -> None:
    square = {"features": [{"geometry": {"type": "Polygon", "coordinates": [
        [[0, 0], [0.01, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}}]}
    assert simplify_land(square)["rings"] == [[0, 0, 10, 0, 10, 10, 0, 10, 0, 0]]
    rings = land_rings()
    assert len(rings) > 100
    kyiv = (30.52, 50.45)  # a point on land in the bundled outline
    assert any(_inside(kyiv, ring) for ring in rings)
    assert not any(_inside((-30.0, 40.0), ring) for ring in rings)  # mid-Atlantic


def _inside(point: tuple[float, float], ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_map_shows_places_with_coordinates_only(tmp_path: Path) -> None:
    site = build_site(ROOT / "corpus", tmp_path / "site")
    doc = pq.read_table(ROOT / "corpus" / "documents" / "test-00000-of-00001.parquet").to_pylist()[0]
    html = (site.out / "doc" / f"{doc['id']}.html").read_text(encoding="utf-8")
    placed = Counter(loc["name"] for loc in doc["locations"] if loc["latitude"] is not None)
    svg = html.split('<svg class="map"', 1)[1].split("</svg>", 1)[0]
    assert svg.count('<g class="place') == len(placed)
    for name in placed:
        assert f">{name}</text>" in svg


def test_site_does_not_depend_on_where_the_corpus_lies(tmp_path: Path) -> None:
    import shutil

    pred = perturbed_predictions(tmp_path / "pred")
    moved = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(ROOT / "corpus", moved)
    shutil.copytree(ROOT / "reports", moved.parent / "reports")
    moved_pred = perturbed_predictions(tmp_path / "elsewhere" / "pred", moved)
    build_site(ROOT / "corpus", tmp_path / "a", pred)
    build_site(moved, tmp_path / "b", moved_pred)
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")
