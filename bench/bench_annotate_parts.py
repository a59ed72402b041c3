"""CPU ms per article of three parts of corpus-scale annotation: the quote layer, the record checks and
the clustering signature (issue 15, "fast by design").

Why these three: they are the per-article costs outside the location,
figure and segment layers, and each was made cheaper without changing a
byte of output; this script gives their figures on the same articles, so a
change can be compared with the code before it (`--src` of another checkout).

The quote layer is timed in one pass over the articles right after the
process's warm-up, so its memos (run facts, registry lookups) are as cold
as on the first articles of a corpus; the record checks and the signature
are timed on the annotated rows (best of three passes: they keep no memo).
CPU time (`time.process_time`), not wall time.

Run: ``.venv/bin/python bench/bench_annotate_parts.py /work/devdata/news-polnear [--n 300] [--src other/src]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="a folder of .txt articles (e.g. the PolNeAR news texts)")
    ap.add_argument("--n", type=int, default=300, help="how many articles (the first, in file order)")
    ap.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src",
                    help="the src/ folder whose wirespan is timed")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src))
    from wirespan.corpus.validate import check_records
    from wirespan.layers import registry
    from wirespan.layers.quotes import extract as quotes
    from wirespan.layers.registry import LayerInput
    from wirespan.pipeline import clusters, stages
    from wirespan.pipeline.annotate import annotate_document, complete
    from wirespan.pipeline.inputs import read_txt, txt_files

    docs = [read_txt(f) for f in txt_files(args.folder)[:args.n]]
    schemas = stages.schemas_at(str(args.src / "wirespan" / "data" / "schema"))
    stages.warm_up()
    inputs = [LayerInput(d["id"], d["text"], registry.get("segments").extract(LayerInput(d["id"], d["text"])),
                         d.get("published")) for d in docs]
    start = time.process_time()
    for inp in inputs:
        quotes(inp)
    q = (time.process_time() - start) * 1000 / len(docs)
    rows = [complete(annotate_document(d, None, "en"), schemas) for d in docs]

    def best(work) -> float:
        times = []
        for _ in range(3):
            start = time.process_time()
            work()
            times.append(time.process_time() - start)
        return min(times) * 1000 / len(docs)

    c = best(lambda: [check_records([r], [], schemas, lambda layer: layer) for r in rows])
    s = best(lambda: [clusters.signature(i, r) for i, r in enumerate(rows)])
    print(f"quotes {q:.2f}  check_records {c:.2f}  signature {s:.2f}  together {q + c + s:.2f} "
          f"CPU ms/article over {len(docs)} articles ({args.src})")


if __name__ == "__main__":
    main()
