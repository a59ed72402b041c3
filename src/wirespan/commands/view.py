"""`wirespan view`: a static site to look at a corpus, or at predictions' errors against it."""

from __future__ import annotations

import argparse
from pathlib import Path

from wirespan.viewer import build_site


def add_parser(sub: argparse._SubParsersAction) -> None:
    w = sub.add_parser("view", help="write a static site to look at the corpus (or at predictions' errors)")
    w.add_argument("corpus", nargs="?", default="corpus", help="corpus folder (default: corpus)")
    w.add_argument("--out", required=True, help="output folder (replaced if it is a site written before)")
    w.add_argument("--gold", help="gold corpus folder of the errors view (same as CORPUS)")
    w.add_argument("--pred", nargs="+", help="predictions, as for `wirespan evaluate`: show their errors")
    w.add_argument("--reports", help="evaluation reports for the card's tables (default: reports/ beside the corpus)")
    w.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = Path(args.gold or args.corpus)
    site = build_site(corpus, Path(args.out), [Path(p) for p in args.pred] if args.pred else None,
                      Path(args.reports) if args.reports else None)
    print(f"wrote {len(site.pages)} files to {site.out}; open {site.out / 'index.html'}")
    return 0
