"""Benchmark: wirespan's geoparser vs geotext on the five gold seed documents.

Both systems see the same texts; both are scored against
``gold/locations.jsonl`` with ``wirespan.evaluate.score_layer``
(the benchmark may read gold; the geoparser never does).

geotext returns place *names* only (``GeoText(text).cities`` and
``.countries``, as spelled in the text, with repeats), not offsets. We map
them to spans by finding every whole-word occurrence (regex ``\\b`` on both
sides, case-sensitive) of each distinct returned name inside the document's
annotatable segments (headline, dateline, body, caption, credit — the same
restriction our geoparser gets through ``segments``); overlapping hits keep
the longest. geotext's ``name`` is the surface string (it has no canonical
names), so its name accuracy measures only surface == canonical.

Throughput: mentions per second over the five documents, median of RUNS
timed runs after one warm-up run (the warm-up absorbs our gazetteer build
and geotext's data load, which are one-off costs).

Run: ``.venv/bin/python bench/bench_locations.py``
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from geotext import GeoText

from wirespan.evaluation.metrics import score_layer
from wirespan.layers.locations.extract import ANNOTATABLE, extract_locations

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
ATTRS = ("name", "feature", "country_code", "geonames_id", "use")


def load_docs() -> list[tuple[str, str, list[dict]]]:
    """(doc_id, text, segments) for every seed; segments from gold when present."""
    segs: dict[str, list[dict]] = defaultdict(list)
    seg_path = ROOT / "gold" / "segments.jsonl"
    if seg_path.exists():
        for line in seg_path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                segs[r["doc_id"]].append(r)
    docs = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        doc_id = p.stem.split("_", 1)[1]
        docs.append((doc_id, p.read_bytes().decode("utf-8"), segs.get(doc_id) or None))
    return docs


def _regions(text: str, segments: list[dict] | None) -> list[tuple[int, int]]:
    if segments is None:
        return [(0, len(text))]
    return [(s["start"], s["end"]) for s in segments if s["label"] in ANNOTATABLE]


def geotext_spans(text: str, segments: list[dict] | None) -> list[dict]:
    """geotext names -> spans: every whole-word occurrence inside annotatable segments."""
    geo = GeoText(text)
    names = set(geo.cities) | set(geo.countries)
    hits: list[tuple[int, int, str]] = []
    for name in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(s <= m.start() and m.end() <= e for s, e in _regions(text, segments)):
                hits.append((m.start(), m.end(), name))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[dict] = []
    for s, e, name in hits:
        if out and s < out[-1]["end"]:
            continue
        out.append({"start": s, "end": e, "text": text[s:e], "name": name, "feature": None,
                    "country_code": None, "geonames_id": None, "use": None})
    return out


def run(system, docs) -> list[dict]:
    preds = []
    for doc_id, text, segments in docs:
        for r in system(text, segments):
            preds.append({"doc_id": doc_id, **r})
    return preds


def throughput(system, docs) -> tuple[float, int]:
    run(system, docs)  # warm-up
    rates, n = [], 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        n = len(run(system, docs))
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates), n


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="also write the peer report here (reports/bench-locations.json)")
    args = ap.parse_args()
    docs = load_docs()
    gold = [json.loads(l) for l in (ROOT / "gold" / "locations.jsonl").read_text("utf-8").splitlines() if l.strip()]
    systems = {"wirespan": extract_locations, "geotext": geotext_spans}
    rows = {}
    for label, system in systems.items():
        rate, n = throughput(system, docs)
        score = score_layer(gold, run(system, docs), ATTRS)
        rows[label] = (score, rate, n)
    print(f"{'system':<10} {'exact P':>8} {'exact R':>8} {'exact F1':>9} {'ovl F1':>7} "
          f"{'name acc':>9} {'use acc':>8} {'mentions':>9} {'ment/s':>10}")
    for label, (score, rate, n) in rows.items():
        ex, ov, at = score["exact"], score["overlap"], score["attributes"]
        name_acc = at["name"]["accuracy"]
        use_acc = at["use"]["accuracy"]
        print(f"{label:<10} {ex['precision']:8.3f} {ex['recall']:8.3f} {ex['f1']:9.3f} {ov['f1']:7.3f} "
              f"{(name_acc or 0):9.3f} {(use_acc or 0):8.3f} {n:9d} {rate:10.0f}")
    print(f"gold mentions: {len(gold)}; throughput = median of {RUNS} runs after a warm-up")
    if args.json:
        from peer_report import write
        packages = {"wirespan": "wirespan", "geotext": "geotext"}
        write(args.json, "locations", "mentions/s", "python bench/bench_locations.py", RUNS, [
            {"name": label, "package": packages[label], "exact": score["exact"], "overlap": score["overlap"],
             "per_second": rate, "seconds_per_pass": n / rate if rate else None}
            for label, (score, rate, n) in rows.items()])


if __name__ == "__main__":
    main()
