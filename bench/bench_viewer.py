"""How fast a 100,000-character document page of the viewer renders in a real browser.

The document is the corpus's five gold texts joined (and repeated) until it
passes 100,000 characters, with every annotation carried along at shifted
offsets, so the span density is the corpus's own. The page is built by
`wirespan.viewer.pages.document_page` and loaded in headless Chromium (Debian's
chromium + chromium-driver, as the tests use) several times; the figures are
medians of the Navigation and Paint Timing APIs. The peer is the same text as a
plain escaped page without any highlight, so the ratio says what the spans cost.

Run: ``.venv/bin/python bench/bench_viewer.py [--runs N] [--json out.json]`` (or ``make bench-viewer``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer_report import machine, version_of  # noqa: E402

from wirespan.viewer import build_site  # noqa: E402
from wirespan.viewer.pages import document_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TARGET = 100_000
TIMING = """
const nav = performance.getEntriesByType('navigation')[0];
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
return {dom: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : null,
        frame: window.__frame, marks: document.querySelectorAll('#text [data-span]').length};
"""
#: Appended to both pages: the time the first frame after parsing is done (layout and paint included).
FRAME = ("<script>requestAnimationFrame(function () { requestAnimationFrame(function () "
         "{ window.__frame = performance.now(); }); });</script>")
KEYS = ("dom", "load", "frame", "fcp")


def shifted(record: dict, by: int, doc_id: str) -> dict:
    out = {**record, "start": record["start"] + by, "end": record["end"] + by}
    if "id" in out:
        out["id"] = f"{doc_id}:{out['id'].split(':')[1]}:{out['start']}-{out['end']}"
    for key in ("speaker_mention", "cue"):
        if out.get(key):
            out[key] = {**out[key], "start": out[key]["start"] + by, "end": out[key]["end"] + by}
    return out


def big_document(corpus: Path, target: int = TARGET) -> dict:
    """The corpus's documents joined until the text passes `target` characters, annotations shifted."""
    docs = pq.read_table(corpus / "documents" / "test-00000-of-00001.parquet").to_pylist()
    doc_id = "b" * 16
    big = {**docs[0], "id": doc_id, "title": f"{target:,}-character benchmark document", "text": "",
           "segments": [], "quotes": [], "figures": [], "locations": []}
    i = 0
    while len(big["text"]) < target:
        doc = docs[i % len(docs)]
        by = len(big["text"])
        big["text"] += doc["text"] + "\n\n"
        for layer in ("segments", "quotes", "figures", "locations"):
            big[layer] += [shifted(r, by, doc_id) for r in doc[layer]]
        i += 1
    return big


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-extensions", "--window-size=1400,1000"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def measure(driver: webdriver.Chrome, page: Path, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        driver.get("about:blank")
        driver.get(page.as_uri())
        for _ in range(100):  # the second frame may come just after the load event
            sample = driver.execute_script(TIMING)
            if sample["frame"] is not None:
                break
            time.sleep(0.02)
        samples.append(sample)
    out = {}
    for key in KEYS:
        values = [s[key] for s in samples if s[key] is not None]
        out[key] = statistics.median(values) if values else None
    return out | {"marks": samples[0]["marks"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    doc = big_document(ROOT / "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(ROOT / "corpus", Path(tmp) / "site").out  # for the page's CSS and JS
        builds = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            text = document_page(doc)
            builds.append(time.perf_counter() - t0)
        page = site / "doc" / "big.html"
        page.write_text(text.replace("</body>", FRAME + "</body>"), encoding="utf-8")
        plain = site / "doc" / "plain.html"
        plain.write_text('<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>plain</title>'
                         f'<pre style="white-space:pre-wrap">{html.escape(doc["text"])}</pre>{FRAME}</html>',
                         encoding="utf-8")
        driver = browser()
        try:
            driver.get(page.as_uri())  # warm the browser's caches once for both pages
            viewer, peer = measure(driver, page, args.runs), measure(driver, plain, args.runs)
            version = driver.capabilities.get("browserVersion", "?")
        finally:
            driver.quit()
    n_spans = sum(len(doc[layer]) for layer in ("segments", "quotes", "figures", "locations"))
    print(f"document: {len(doc['text']):,} characters, {n_spans:,} annotations, {viewer['marks']:,} span elements, "
          f"page {len(text.encode('utf-8')) / 1024:.0f} KiB")
    print(f"build the page in Python: median {statistics.median(builds) * 1000:.0f} ms ({args.runs} runs)")
    print(f"{'page':24s} {'DOMContentLoaded':>17s} {'load':>8s} {'first frame':>12s} {'first paint':>12s}"
          f"   (medians of {args.runs} loads, ms from navigation start)")
    for name, r in (("viewer page", viewer), ("plain text page (peer)", peer)):
        print(f"{name:24s} " + " ".join(f"{'—' if r[k] is None else f'{r[k]:.0f}':>{w}s}"
                                        for k, w in (("dom", 17), ("load", 8), ("frame", 12), ("fcp", 12))))
    print(f"ratio viewer / plain, first frame: {viewer['frame'] / peer['frame']:.1f}x; "
          f"rendered in under one second: {'yes' if viewer['frame'] < 1000 else 'NO'}")
    if args.json:
        report = {"task": "viewer page rendering", "command": "make bench-viewer", "runs": args.runs,
                  "measured": dt.date.today().isoformat(), "machine": machine(), "chromium": version,
                  "selenium": version_of("selenium"), "characters": len(doc["text"]), "annotations": n_spans,
                  "span_elements": viewer["marks"], "page_kib": round(len(text.encode("utf-8")) / 1024),
                  "build_ms": round(statistics.median(builds) * 1000, 1),
                  "viewer_ms": {k: None if viewer[k] is None else round(viewer[k], 1) for k in KEYS},
                  "plain_ms": {k: None if peer[k] is None else round(peer[k], 1) for k in KEYS}}
        Path(args.json).write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
