"""Length benchmark: every layer's time on one text of 50 k, 500 k and 5 M characters.

Why: a layer whose cost grows faster than the length of one text hangs on a
long article (issue 14: quote attribution took 57 s at 400 k characters and
a 5 MB article never finished).  The target is at most 12x the time per 10x
the length for every layer.

The text is invented (``newstext.news_text``: headline, dateline and
paragraphs of quotes with named, titled, pronoun and role speakers, figures
and place names), never taken from the seeds.  Segments, quotes, figures and
locations run on the text; the variant aligner runs on two such texts (two
different seeds, so they share phrasing but not sentences) with their layers.
The gazetteer and registry are loaded before timing (a one-off cost that does
not depend on the text).  Each figure is the median of three runs below
1 M characters and one run above (the 5 M texts take minutes); ratios are
time(10x) / time(x).  Run it on an otherwise idle machine: on 2 cores a
concurrent job distorts the ratios.

Run: ``.venv/bin/python bench/bench_length.py [--sizes 50000 500000 5000000] [--repeats 3] [--json out.json]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newstext import news_text  # noqa: E402

from wirespan.layers.figures import extract_figures  # noqa: E402
from wirespan.layers.locations.extract import extract_locations  # noqa: E402
from wirespan.layers.quotes import extract_quotes  # noqa: E402
from wirespan.layers.segments import segment  # noqa: E402
from wirespan.layers.variants import align  # noqa: E402
from wirespan.text.entities import Registry  # noqa: E402

LAYERS = ("segments", "quotes", "figures", "locations", "variants")


def _timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def annotate(text: str, registry: Registry, times: dict[str, float], doc_id: str) -> dict:
    """Run the four document layers on one text, adding their seconds to ``times``."""
    segments, t = _timed(segment, text)
    times["segments"] += t
    quotes, t = _timed(extract_quotes, text, segments, registry)
    times["quotes"] += t
    figures, t = _timed(extract_figures, text, segments, published="2021-06-01")
    times["figures"] += t
    locations, t = _timed(extract_locations, text, segments)
    times["locations"] += t
    return {"id": doc_id, "text": text, "segments": segments, "quotes": quotes, "figures": figures,
            "locations": locations}


def measure(size: int, registry: Registry, repeats: int) -> dict:
    """Median seconds per layer over ``repeats`` runs on one text of ``size`` characters (variants: two texts)."""
    runs: dict[str, list[float]] = {layer: [] for layer in LAYERS}
    for _ in range(repeats):
        times = dict.fromkeys(LAYERS, 0.0)
        first = annotate(news_text(size, seed=7), registry, times, "a" * 16)
        second = annotate(news_text(size, seed=8), registry, dict.fromkeys(LAYERS, 0.0), "b" * 16)
        pairs, times["variants"] = _timed(align, [first, second], registry)
        for layer in LAYERS:  # the document layers on the first text only
            runs[layer].append(times[layer])
    counts = {"quotes": len(first["quotes"]), "figures": len(first["figures"]),
              "locations": len(first["locations"]), "variants": len(pairs)}
    return {"chars": len(first["text"]), "repeats": repeats,
            "seconds": {layer: statistics.median(v) for layer, v in runs.items()}, "records": counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 500_000, 5_000_000])
    parser.add_argument("--repeats", type=int, default=3, help="runs per size below 1 M characters (median)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    registry = Registry.load()
    annotate(news_text(5_000, seed=1), registry, dict.fromkeys(LAYERS, 0.0), "c" * 16)  # load data once
    rows = []
    for size in args.sizes:
        row = measure(size, registry, args.repeats if size < 1_000_000 else 1)
        rows.append(row)
        secs = "  ".join(f"{k} {v:8.3f}s" for k, v in row["seconds"].items())
        print(f"{row['chars']:>9,} chars  {secs}  records {row['records']}", flush=True)
    print("\nratio of seconds per 10x length (target <= 12):")
    for small, big in zip(rows, rows[1:]):
        scale = big["chars"] / small["chars"]
        ratios = "  ".join(f"{k} {big['seconds'][k] / max(small['seconds'][k], 1e-9):6.1f}x" for k in LAYERS)
        print(f"{small['chars']:>9,} -> {big['chars']:>9,} ({scale:.1f}x length)  {ratios}")
    if args.json:
        args.json.write_text(json.dumps({"sizes": rows}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
