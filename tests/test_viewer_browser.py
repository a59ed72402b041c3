"""The viewer in a real headless browser (Debian's chromium + chromium-driver, driven by Selenium).

Everything is read from the rendered page: the highlighted spans, the layer
switches, the links between variant pairs, the errors counts. Screenshots of
the index, one document and one variants page are written to
build/screenshots/ as test artefacts.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from wirespan.evaluation.predictions import run
from wirespan.viewer import build_site
from wirespan.viewer.pages import document_page

from conftest import ROOT, perturbed_predictions

SHOTS = ROOT / "build" / "screenshots"
DOCS = pq.read_table(ROOT / "corpus" / "documents" / "test-00000-of-00001.parquet").to_pylist()
VARIANTS = pq.read_table(ROOT / "corpus" / "variants" / "test-00000-of-00001.parquet").to_pylist()

#: Text of every element carrying a data-span key, joined over the pieces of a span cut where spans cross.
SPAN_TEXTS = """
const out = {};
document.querySelectorAll('#text [data-span]').forEach(function (el) {
  const k = el.getAttribute('data-span');
  out[k] = (out[k] || '') + el.textContent.slice(0, 0);
});
const walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  for (let el = node.parentElement; el && el.id !== 'text'; el = el.parentElement) {
    const k = el.getAttribute('data-span');
    if (k) out[k] += node.data;
  }
}
return out;
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("the browser tests need Debian's chromium and chromium-driver: run `make test`, which installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-extensions", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000", "--allow-file-access-from-files"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT / "corpus", tmp_path_factory.mktemp("view") / "site").out


def _open(browser: webdriver.Chrome, path: Path) -> None:
    browser.get(path.resolve().as_uri())


def _shot(browser: webdriver.Chrome, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / name))


def test_every_gold_span_is_highlighted_with_exactly_its_text(browser, site: Path) -> None:
    for doc in DOCS:
        _open(browser, site / "doc" / f"{doc['id']}.html")
        assert browser.execute_script("return document.getElementById('text').textContent") == doc["text"]
        found = browser.execute_script(SPAN_TEXTS)
        expected = {r["id"]: r["text"] for layer in ("segments", "quotes", "figures", "locations") for r in doc[layer]}
        for q in doc["quotes"]:
            for role, tag in (("speaker_mention", "speaker"), ("cue", "cue")):
                if q[role]:
                    expected[f"{doc['id']}:{tag}:{q[role]['start']}-{q[role]['end']}"] = q[role]["text"]
        assert found == expected
        if doc["id"] == DOCS[0]["id"]:
            _shot(browser, "document.png")


def _style(browser, element, prop: str) -> str:
    return browser.execute_script("return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])",
                                  element, prop)


def test_layer_switches_hide_and_show_each_layer(browser, site: Path) -> None:
    doc = DOCS[0]
    _open(browser, site / "doc" / f"{doc['id']}.html")
    probes = {"quotes": ("box-shadow", doc["quotes"][0]), "figures": ("outline-style", doc["figures"][0]),
              "locations": ("border-bottom-style", doc["locations"][0]),
              "segments": ("background-color", next(s for s in doc["segments"] if s["label"] == "meta"))}
    for layer, (prop, record) in probes.items():
        el = browser.find_element(By.ID, record["id"])
        shown = _style(browser, el, prop)
        assert shown not in ("none", "rgba(0, 0, 0, 0)")
        toggle = browser.find_element(By.ID, f"toggle-{layer}")
        toggle.click()
        assert _style(browser, el, prop) in ("none", "rgba(0, 0, 0, 0)"), layer
        if layer != "segments":
            assert el.get_attribute("tabindex") == "-1"
        others = [r for other, (_, r) in probes.items() if other != layer]
        for other in others:  # the other layers stay as they were
            assert browser.find_element(By.ID, other["id"]).is_displayed()
        toggle.click()
        assert _style(browser, el, prop) == shown


def test_focus_shows_attributes_and_links_quote_speaker_cue(browser, site: Path) -> None:
    doc = DOCS[0]
    _open(browser, site / "doc" / f"{doc['id']}.html")
    place = next(l for l in doc["locations"] if l["latitude"] is not None)
    browser.execute_script("document.getElementById(arguments[0]).focus()", place["id"])
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed()
    assert str(place["geonames_id"]) in tip.text and f"{place['latitude']:.5f}" in tip.text and place["use"] in tip.text
    quote = next(q for q in doc["quotes"] if q["speaker_mention"] and q["cue"])
    browser.execute_script("document.getElementById(arguments[0]).focus()", quote["id"])
    linked = browser.find_elements(By.CSS_SELECTOR, ".linked")
    assert sorted(e.text for e in linked) == sorted([quote["speaker_mention"]["text"], quote["cue"]["text"]])
    assert quote["speaker"] in browser.find_element(By.ID, "tip").text
    label = browser.execute_script(
        "return getComputedStyle(document.getElementById(arguments[0]), '::before').content", quote["id"])
    assert quote["speaker"] in label  # the text equivalent a screen reader announces


def test_keyboard_moves_between_spans(browser, site: Path) -> None:
    doc = DOCS[0]
    _open(browser, site / "doc" / f"{doc['id']}.html")
    body = browser.find_element(By.TAG_NAME, "body")
    order = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.m[tabindex=\"0\"]')).map(e => e.id)")
    body.send_keys("n")
    assert browser.switch_to.active_element.get_attribute("id") == order[0]
    browser.switch_to.active_element.send_keys("n")
    assert browser.switch_to.active_element.get_attribute("id") == order[1]
    browser.switch_to.active_element.send_keys("p")
    assert browser.switch_to.active_element.get_attribute("id") == order[0]


#: Endpoints of every drawn link, and the boxes of the two spans it names, in the SVG's coordinates.
LINK_GEOMETRY = """
const svg = document.getElementById('links').getBoundingClientRect();
return Array.from(document.querySelectorAll('#links path')).map(function (p) {
  const a = document.getElementById(p.getAttribute('data-a')), b = document.getElementById(p.getAttribute('data-b'));
  const ra = a.getClientRects()[0], rb = b.getClientRects()[0];
  const s = p.getPointAtLength(0), e = p.getPointAtLength(p.getTotalLength());
  return {n: +p.getAttribute('data-n'), kind: p.getAttribute('data-kind'), relation: p.getAttribute('data-relation'),
          a: a.getAttribute('data-span'), b: b.getAttribute('data-span'), off: p.classList.contains('off'),
          width: parseFloat(getComputedStyle(p).strokeWidth), stroke: getComputedStyle(p).stroke,
          sy: s.y, ey: e.y, sx: s.x, ex: e.x,
          a_top: ra.top - svg.top, a_bottom: ra.bottom - svg.top, a_right: ra.right - svg.left,
          b_top: rb.top - svg.top, b_bottom: rb.bottom - svg.top, b_left: rb.left - svg.left};
});
"""


def _joined_text(browser, key: str) -> str:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('[data-span=\"' + arguments[0] + '\"]'))"
        ".map(e => e.textContent).join('')", key)


def test_variant_links_join_the_right_two_spans(browser, site: Path) -> None:
    by_id = {v["id"]: v for v in VARIANTS}
    pages = sorted((site / "variants").glob("*.html"))
    assert pages
    checked = 0
    for page in pages:
        _open(browser, page)
        data = json.loads(browser.find_element(By.ID, "pairs-data").get_attribute("textContent"))
        links = browser.execute_script(LINK_GEOMETRY)
        assert len(links) == len(data) > 0
        for link, pair in zip(sorted(links, key=lambda l: l["n"]), data):
            v = by_id[pair["id"]]
            assert (link["kind"], link["relation"]) == (v["kind"], v["relation"])
            assert _joined_text(browser, link["a"]) == v["a"]["text"]
            assert _joined_text(browser, link["b"]) == v["b"]["text"]
            assert link["a_top"] <= link["sy"] <= link["a_bottom"] and link["b_top"] <= link["ey"] <= link["b_bottom"]
            # between the columns (a hanging space at a line break may reach a few pixels past the edge)
            assert link["a_right"] <= link["sx"] + 5 and link["ex"] <= link["b_left"] + 5
            checked += 1
        if page.name.startswith(f"{DOCS[0]['id']}--{DOCS[1]['id']}"):
            _shot(browser, "variants.png")
    assert checked == len(VARIANTS)


def test_variant_filters_and_conflicts_stand_out(browser, site: Path) -> None:
    conflict = next(v for v in VARIANTS if v["relation"] == "conflict")
    _open(browser, site / "variants" / f"{conflict['a']['doc_id']}--{conflict['b']['doc_id']}.html")
    links = browser.execute_script(LINK_GEOMETRY)
    widest_other = max(l["width"] for l in links if l["relation"] != "conflict")
    assert all(l["width"] > widest_other for l in links if l["relation"] == "conflict")
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="kind"][value="passage"]').click()
    links = browser.execute_script(LINK_GEOMETRY)
    assert {l["off"] for l in links if l["kind"] == "passage"} == {True}
    assert {l["off"] for l in links if l["kind"] != "passage"} == {False}
    rows = browser.find_elements(By.CSS_SELECTOR, "#variant-table tbody tr")
    assert all(r.is_displayed() == (r.get_attribute("data-kind") != "passage") for r in rows)


def test_index_shows_documents_tables_and_charts(browser, site: Path) -> None:
    _open(browser, site / "index.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "#doc-table tbody tr")
    assert [r.find_element(By.TAG_NAME, "code").text for r in rows] == [d["id"] for d in DOCS]
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) == 3
    assert browser.find_element(By.ID, "h-agreement").is_displayed()
    _shot(browser, "index.png")


def test_errors_view_counts_what_wirespan_evaluate_counts(browser, tmp_path: Path) -> None:
    pred = perturbed_predictions(tmp_path / "pred")
    report = run(ROOT / "corpus", pred)["layers"]
    out = build_site(ROOT / "corpus", tmp_path / "errors", pred).out
    _open(browser, out / "index.html")
    table = browser.execute_script("""
      return Array.from(document.querySelectorAll('#error-table tbody tr')).map(tr => ({
        doc: tr.getAttribute('data-doc'), errors: +tr.children[1].textContent,
        cells: Array.from(tr.querySelectorAll('td[data-layer]')).map(td => ({layer: td.getAttribute('data-layer'),
          fp: +td.dataset.fp, fn: +td.dataset.fn, tp: +td.dataset.tp, attr: +td.dataset.attr}))}));""")
    assert [r["errors"] for r in table] == sorted((r["errors"] for r in table), reverse=True)
    counted = {layer: {"tp": 0, "fp": 0, "fn": 0, "attr": 0, "marks": {"tp": 0, "fp": 0, "fn": 0}}
               for layer in ("quotes", "figures", "locations")}
    wrong_chars = 0
    for row in table:
        for cell in row["cells"]:
            for k in ("tp", "fp", "fn", "attr"):
                counted[cell["layer"]][k] += cell[k]
        _open(browser, out / "doc" / f"{row['doc']}.html")
        marks = browser.execute_script("""
          return Array.from(document.querySelectorAll('mark.m[id]')).map(m => ({layer: m.dataset.layer,
            verdict: ['tp', 'fp', 'fn'].filter(c => m.classList.contains(c))}));""")
        for m in marks:
            if m["layer"] in counted and m["verdict"]:
                counted[m["layer"]]["marks"][m["verdict"][0]] += 1
        wrong_chars += browser.execute_script("""
          let n = 0; document.querySelectorAll('mark.m.segerr').forEach(m => { n += m.textContent.replace(/\\s/g, '').length; });
          return n;""")
    for layer, c in counted.items():
        exact = report[layer]["exact"]
        disagreements = sum(a["matched"] - a["correct"] for a in report[layer]["attributes"].values())
        assert (c["tp"], c["fp"], c["fn"], c["attr"]) == (exact["tp"], exact["fp"], exact["fn"], disagreements)
        assert c["marks"] == {"tp": exact["tp"], "fp": exact["fp"], "fn": exact["fn"]}  # what the pages highlight
    assert wrong_chars == report["segments"]["characters"] - report["segments"]["correct"]
    _open(browser, out / "variants.html")
    shown = browser.execute_script("""
      return Array.from(document.querySelectorAll('#variant-errors tbody tr')).map(tr => [tr.dataset.kind,
        [+tr.dataset.tp, +tr.dataset.fp, +tr.dataset.fn, +tr.dataset.attr]]);""")
    expected = {kind: [r["tp"], r["fp"], r["fn"], r["relation"]["matched"] - r["relation"]["correct"]]
                for kind, r in report["variants"]["kinds"].items()}
    assert dict(shown) == expected and sum(v[1] + v[2] + v[3] for v in expected.values()) > 0
    drawn = {"tp": 0, "fp": 0, "fn": 0}
    for page in sorted((out / "variants").glob("*.html")):
        _open(browser, page)
        for verdict in drawn:
            drawn[verdict] += len(browser.find_elements(By.CSS_SELECTOR, f"#links path.{verdict}"))
    assert drawn == {k: sum(r[i] for r in expected.values()) for i, k in enumerate(("tp", "fp", "fn"))}


def test_markup_in_an_article_is_shown_not_run(browser, site: Path) -> None:
    evil = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> “quoted</p>” & done'
    doc = {**DOCS[0], "id": "0000000000000000", "title": '<b onmouseover="window.pwned=3">T</b>', "text": evil,
           "source": {**DOCS[0]["source"], "evidence": "<script>window.pwned=4</script>"},
           "segments": [{"id": "0000000000000000:segment:0-71", "start": 0, "end": len(evil), "text": evil,
                         "label": "body"}],
           "quotes": [{"id": "q", "start": evil.index("quoted"), "end": evil.index("quoted") + 10,
                       "text": "quoted</p>", "kind": "other", "speaker": "<i>x</i>", "speaker_mention": None,
                       "cue": None}], "figures": [], "locations": []}
    page = site / "doc" / "evil.html"
    page.write_text(document_page(doc), encoding="utf-8")
    _open(browser, page)
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return document.getElementById('text').textContent") == evil
    assert browser.find_element(By.TAG_NAME, "h1").text == doc["title"]
    assert not browser.find_elements(By.CSS_SELECTOR, "#text script, #text img, h1 b")
