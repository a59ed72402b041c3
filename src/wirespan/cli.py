"""Command line: `wirespan build`, `validate`, `score` and `agreement`.

Errors in the data end the command with exit status 1 and one line per
problem (file, document, layer, record, offset) — never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import CorpusError


def _root_of(path: Path) -> Path:
    """The project folder: the nearest ancestor holding `schema/` and `seeds/`."""
    path = path.resolve()
    for candidate in (path, *path.parents):
        if (candidate / "schema").is_dir() and (candidate / "seeds").is_dir():
            return candidate
    raise SystemExit(f"wirespan: no project (schema/ and seeds/) at or above {path}")


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    root = _root_of(Path(args.root))
    counts = build(root, Path(args.out) if args.out else None)
    out = Path(args.out) if args.out else root / "corpus"
    print(f"built {out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .schema import Schemas
    from .validate import validate_corpus

    corpus = Path(args.corpus)
    schema_dir = Path(args.schema) if args.schema else corpus / "schema"
    issues = validate_corpus(corpus, Schemas(schema_dir))
    if issues:
        raise CorpusError(issues)
    print(f"{corpus}: valid")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from .scoring import score

    root = _root_of(Path(args.root))
    report = score(root, args.layer)
    text = json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(report["summary"] if not args.full else text)
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from .agreement import run, summary

    root = _root_of(Path(args.root))
    report = run(root, args.layer)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    print(summary(report))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wirespan", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build corpus/ from seeds/, gold/ and schema/")
    b.add_argument("--root", default=".", help="project folder (default: current)")
    b.add_argument("--out", help="output folder (default: <root>/corpus)")
    b.set_defaults(func=cmd_build)
    v = sub.add_parser("validate", help="check a built corpus folder")
    v.add_argument("corpus", nargs="?", default="corpus")
    v.add_argument("--schema", help="schema folder (default: <corpus>/schema)")
    v.set_defaults(func=cmd_validate)
    s = sub.add_parser("score", help="run a baseline on the raw seed texts and score it against gold")
    s.add_argument("layer", choices=["segments", "quotes", "figures", "locations"])
    s.add_argument("--root", default=".")
    s.add_argument("--json", help="also write the full report here")
    s.add_argument("--full", action="store_true", help="print the full JSON report")
    s.set_defaults(func=cmd_score)
    a = sub.add_parser("agreement", help="inter-annotator agreement of the two independent annotations")
    a.add_argument("layer", choices=["quotes", "figures", "locations"])
    a.add_argument("--root", default=".")
    a.add_argument("--json", help="also write the full report (with every disagreement) here")
    a.set_defaults(func=cmd_agreement)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpusError as exc:
        print(f"wirespan {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
