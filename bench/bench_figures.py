"""Benchmark: wirespan's rule-based figure extractor vs quantulum3 on the seeds.

Both systems see the same input: each seed's annotatable segments
(headline, dateline, body, caption, credit from ``gold/segments.jsonl``;
the whole text when no segments exist). Both outputs are scored against
``gold/figures.jsonl`` with ``wirespan.evaluate.score_layer``. This harness
may read gold; the extractor never does.

Mapping quantulum3 -> figure records (as favourable as the mapping can be
without adding our own rules to it):

* span: ``q.span`` shifted by the segment start, whitespace trimmed;
* ``kind``: currency entity -> ``money``; unit "percentage" -> ``percent``;
  time entity -> ``duration``; dimensionless -> ``count``; any other
  physical entity (length, mass, ...) -> ``measure``. quantulum3 has no
  dates, times, ages, ordinals or vague magnitudes, so those kinds are
  never produced;
* ``value``/``value_high``: a range comes back as mean +- uncertainty, so
  value = mean - uncertainty and value_high = mean + uncertainty; otherwise
  value = ``q.value`` and value_high = null;
* ``unit``: ``q.unit.currency_code`` for money, "percent", our time unit
  names (year, month, ...), short codes for common measures (km, mi, m, kg,
  t), null for counts; ``iso`` null; ``qualifier`` "exact" (quantulum3 has
  no notion of qualifiers).

Throughput: one "corpus pass" = extracting figures from all seeds once.
Reported as the median of ``--runs`` passes (default 7, at least 5), after
one untimed warm-up pass (quantulum3 loads its models on first use), and
as figures per second = figures produced in one pass / median seconds.

Run: ``.venv/bin/python bench/bench_figures.py [--runs N] [--json out.json]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wirespan.evaluation.metrics import score_layer  # noqa: E402
from wirespan.layers.figures import ANNOTATABLE_LABELS, extract_figures  # noqa: E402

ATTRIBUTES = ("kind", "value", "value_high", "unit", "iso", "qualifier")
_TIME_UNITS = {"second": "second", "minute": "minute", "hour": "hour", "day": "day",
               "week": "week", "month": "month", "year": "year", "decade": "decade",
               "century": "century"}
_MEASURE_UNITS = {"kilometre": "km", "mile": "mi", "metre": "m", "kilogram": "kg",
                  "tonne": "t", "foot": "ft", "litre": "l", "pound-mass": "lb"}


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSON Lines file (empty list when it does not exist)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_docs(seed_dir: Path, segments_path: Path) -> list[tuple[str, str, list[dict] | None]]:
    """(doc_id, text, annotatable segments or None) for every seed."""
    segments = read_jsonl(segments_path)
    docs = []
    for path in sorted(seed_dir.glob("*.txt")):
        doc_id = path.stem.split("_", 1)[1]
        text = path.read_bytes().decode("utf-8")
        segs = [s for s in segments if s["doc_id"] == doc_id]
        docs.append((doc_id, text, segs or None))
    return docs


def regions(text: str, segs: list[dict] | None) -> list[tuple[int, int]]:
    """Annotatable (start, end) regions of a document."""
    if segs is None:
        return [(0, len(text))]
    return sorted((s["start"], s["end"]) for s in segs if s["label"] in ANNOTATABLE_LABELS)


# --------------------------------------------------------------------------- systems


def run_wirespan(docs, published: str) -> list[dict]:
    """Our extractor over all documents."""
    out = []
    for doc_id, text, segs in docs:
        out.extend({"doc_id": doc_id, **r} for r in extract_figures(text, segs, published))
    return out


def _q_record(q, text: str, offset: int) -> dict | None:
    """Map one quantulum3 Quantity to a figure record (see module docstring)."""
    s, e = q.span[0] + offset, q.span[1] + offset
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s >= e:
        return None
    unit, entity = q.unit.name, q.unit.entity.name
    value, value_high = float(q.value), None
    if q.uncertainty:
        value, value_high = float(q.value - q.uncertainty), float(q.value + q.uncertainty)
    if entity == "currency":
        kind, code = "money", getattr(q.unit, "currency_code", None)
    elif unit == "percentage":
        kind, code = "percent", "percent"
    elif entity == "time":
        kind, code = "duration", _TIME_UNITS.get(unit, unit)
    elif entity == "dimensionless":
        kind, code = "count", None
    else:
        kind, code = "measure", _MEASURE_UNITS.get(unit, unit)
    return {"start": s, "end": e, "text": text[s:e], "kind": kind, "value": value,
            "value_high": value_high, "unit": code, "iso": None, "qualifier": "exact"}


def run_quantulum(docs, published: str) -> list[dict]:
    """quantulum3 over each annotatable region of all documents."""
    from quantulum3 import parser

    out = []
    for doc_id, text, segs in docs:
        for a, b in regions(text, segs):
            for q in parser.parse(text[a:b]):
                rec = _q_record(q, text, a)
                if rec is not None:
                    out.append({"doc_id": doc_id, **rec})
    return out


# --------------------------------------------------------------------------- harness


def timed(fn: Callable[[], list[dict]], runs: int) -> tuple[list[dict], float]:
    """Output of one warm-up pass and the median seconds of ``runs`` timed passes."""
    result = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return result, statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--gold", type=Path, default=ROOT / "gold")
    ap.add_argument("--published", default="2022-03-31",
                    help="publication date used to complete month-day dates (the seeds' date)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the peer report here (reports/bench-figures.json)")
    args = ap.parse_args(argv)
    runs = max(5, args.runs)
    warnings.filterwarnings("ignore")

    docs = load_docs(args.seeds, args.gold / "segments.jsonl")
    gold = read_jsonl(args.gold / "figures.jsonl")
    if not gold:
        print(f"no gold figures at {args.gold / 'figures.jsonl'}", file=sys.stderr)
        return 1

    results = {}
    for name, fn in (("wirespan", lambda: run_wirespan(docs, args.published)),
                     ("quantulum3", lambda: run_quantulum(docs, args.published))):
        pred, secs = timed(fn, runs)
        score = score_layer(gold, pred, ATTRIBUTES)
        results[name] = {"n_pred": len(pred), "seconds_per_pass": secs,
                         "figures_per_second": len(pred) / secs if secs else float("inf"),
                         "exact": score["exact"], "overlap": score["overlap"],
                         "attributes": score["attributes"]}

    seg_note = "annotatable segments" if any(d[2] for d in docs) else "whole texts"
    print(f"figures benchmark: {len(docs)} seeds ({seg_note}), {len(gold)} gold figures, "
          f"median of {runs} passes")
    rows = [
        ("predicted figures", lambda r: f"{r['n_pred']}"),
        ("exact P", lambda r: f"{r['exact']['precision']:.3f}"),
        ("exact R", lambda r: f"{r['exact']['recall']:.3f}"),
        ("exact F1", lambda r: f"{r['exact']['f1']:.3f}"),
        ("overlap P", lambda r: f"{r['overlap']['precision']:.3f}"),
        ("overlap R", lambda r: f"{r['overlap']['recall']:.3f}"),
        ("overlap F1", lambda r: f"{r['overlap']['f1']:.3f}"),
        *[(f"{a} acc (overlap-matched)", (lambda a: lambda r: (
            f"{r['attributes'][a]['accuracy']:.3f} (n={r['attributes'][a]['matched']})"))(a))
          for a in ATTRIBUTES],
        ("seconds per corpus pass", lambda r: f"{r['seconds_per_pass']:.4f}"),
        ("figures per second", lambda r: f"{r['figures_per_second']:.0f}"),
    ]
    names = list(results)
    print(f"{'metric':<32}" + "".join(f"{n:>20}" for n in names))
    for label, fmt in rows:
        print(f"{label:<32}" + "".join(f"{fmt(results[n]):>20}" for n in names))
    if args.json:
        from peer_report import write
        packages = {"wirespan": "wirespan", "quantulum3": "quantulum3"}
        write(args.json, "figures", "figures/s", "python bench/bench_figures.py", runs, [
            {"name": name, "package": packages[name], "exact": r["exact"], "overlap": r["overlap"],
             "per_second": r["figures_per_second"], "seconds_per_pass": r["seconds_per_pass"]}
            for name, r in results.items()])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
