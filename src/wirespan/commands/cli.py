"""Command line: `wirespan build`, `validate`, `score`, `agreement`, `annotate`, `evaluate`, `verify` and `publish`.

Errors in the data end the command with exit status 1 and one line per
problem (file, document, layer, record, offset) — never a traceback.
Unusable input or predictions, and refused requests, end it with exit
status 2 and one line per problem (file, row, reason).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from wirespan.errors import CorpusError


def write_json(path: Path, report: object) -> None:
    """A report as stable, readable JSON (sorted keys, UTF-8, trailing newline)."""
    path.write_text(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _root_of(path: Path) -> Path:
    """The project folder: the nearest ancestor holding `schema/` and `seeds/`."""
    from wirespan.pipeline.build import project_root

    root = project_root(path)
    if root is None:
        raise SystemExit(f"wirespan: no project (schema/ and seeds/) at or above {path.resolve()}")
    return root


def cmd_build(args: argparse.Namespace) -> int:
    from wirespan.pipeline.build import build

    root = _root_of(Path(args.root))
    counts = build(root, Path(args.out) if args.out else None)
    out = Path(args.out) if args.out else root / "corpus"
    print(f"built {out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from wirespan.corpus.schema import Schemas
    from wirespan.corpus.validate import validate_corpus

    corpus = Path(args.corpus)
    schema_dir = Path(args.schema) if args.schema else corpus / "schema"
    issues = validate_corpus(corpus, Schemas(schema_dir))
    if issues:
        raise CorpusError(issues)
    print(f"{corpus}: valid")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from wirespan.evaluation.scoring import score

    root = _root_of(Path(args.root))
    report = score(root, args.layer)
    if args.json:
        write_json(Path(args.json), report)
    print(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) if args.full else report["summary"])
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from wirespan.evaluation.agreement import run, summary

    root = _root_of(Path(args.root))
    report = run(root, args.layer)
    if args.json:
        write_json(Path(args.json), report)
    print(summary(report))
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    from wirespan.pipeline.annotate import annotate

    counts = annotate(Path(args.input), Path(args.out), published=args.published,
                      schema_dir=Path(args.schema) if args.schema else None, language=args.language,
                      progress=not args.no_progress)
    print(f"wrote silver predictions to {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_annotate_corpus(args: argparse.Namespace) -> int:
    """Sharded, resumable silver annotation of a large corpus (local process pool or Ray)."""
    from wirespan.pipeline.stream import LocalEngine, Options, annotate_corpus

    if args.engine == "ray":
        from wirespan.pipeline.rayengine import RayEngine

        engine = RayEngine(address=args.address, workers=args.workers)
    else:
        engine = LocalEngine(args.workers)
    opts = Options(shard_size=args.shard_size, max_failures=args.max_failures, published=args.published,
                   language=args.language, schema_dir=Path(args.schema) if args.schema else None,
                   progress=not args.no_progress)
    summary = annotate_corpus(Path(args.input), Path(args.out), engine, opts)
    print(f"wrote silver dataset to {args.out}: " + ", ".join(f"{k} {v}" for k, v in summary["counts"].items())
          + f"; {summary['clusters']} clusters (largest {summary['largest_cluster']}), "
          f"{summary['errors']} failed article(s)")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from wirespan.evaluation.predictions import run, table

    report = run(Path(args.gold), [Path(p) for p in args.pred], Path(args.schema) if args.schema else None)
    if args.json:
        write_json(Path(args.json), report)
    print(table(report))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from wirespan.release.verify import verify

    issues = verify(Path(args.corpus))
    if issues:
        raise CorpusError(issues)
    print(f"{args.corpus}: every file matches checksums.json (version {_corpus_version(Path(args.corpus))})")
    return 0


def _corpus_version(corpus: Path) -> str:
    return json.loads((corpus / "checksums.json").read_text(encoding="utf-8")).get("version", "?")


def cmd_publish(args: argparse.Namespace) -> int:
    from wirespan.release.publish import check, plan, upload

    corpus = Path(args.corpus)
    check(corpus, Path(args.schema) if args.schema else None)
    print(f"{corpus}: verified and valid")
    p = plan(corpus, args.repo_id, args.tag)
    if args.dry_run:
        print(p.listing())
        print("dry run: nothing uploaded")
        return 0
    try:
        commit = upload(p)
    except Exception as exc:  # network, authentication, Hub refusals: a message, not a traceback
        from wirespan.release.publish import PublishError

        if isinstance(exc, PublishError):
            raise
        print(f"wirespan publish: upload to {args.repo_id} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"uploaded {len(p.files)} files to https://huggingface.co/datasets/{args.repo_id} "
          f"(commit {commit}) and tagged {p.tag}")
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
    s.add_argument("layer", choices=["segments", "quotes", "figures", "locations", "variants"])
    s.add_argument("--root", default=".")
    s.add_argument("--json", help="also write the full report here")
    s.add_argument("--full", action="store_true", help="print the full JSON report")
    s.set_defaults(func=cmd_score)
    a = sub.add_parser("agreement", help="inter-annotator agreement of the two independent annotations")
    a.add_argument("layer", choices=["quotes", "figures", "locations", "variants"])
    a.add_argument("--root", default=".")
    a.add_argument("--json", help="also write the full report (with every disagreement) here")
    a.set_defaults(func=cmd_agreement)
    n = sub.add_parser("annotate", help="run every baseline on new texts; write silver predictions in corpus format")
    n.add_argument("input", help="a folder of .txt files or a JSONL file of {id, text[, published]}")
    n.add_argument("--out", required=True, help="output folder (replaced)")
    n.add_argument("--published", help="YYYY-MM-DD: reference date for years the texts omit "
                   "(never written into a document)")
    n.add_argument("--language", default="en", help="language code written into every document (default: en, "
                   "the baselines' language)")
    n.add_argument("--schema", help="schema folder (default: the project's or the package repository's schema/)")
    n.add_argument("--no-progress", action="store_true", help="no progress bar")
    n.set_defaults(func=cmd_annotate)
    ac = sub.add_parser("annotate-corpus", help="annotate a large corpus into a sharded, resumable silver dataset")
    ac.add_argument("input", help="a folder of .txt, .jsonl or .parquet files, a .jsonl or .parquet file, "
                    "or a Hugging Face dataset saved with save_to_disk")
    ac.add_argument("--out", required=True, help="output dataset folder (a rerun resumes it)")
    ac.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: CPUs)")
    ac.add_argument("--engine", choices=["local", "ray"], default="local", help="local process pool or Ray Data")
    ac.add_argument("--address", help="Ray cluster address (default: start Ray in this process)")
    ac.add_argument("--shard-size", type=int, default=1000, help="documents per Parquet shard (default 1000)")
    ac.add_argument("--max-failures", type=int, default=100,
                    help="articles that may fail (listed in errors.jsonl) before the run stops (default 100)")
    ac.add_argument("--published", help="YYYY-MM-DD: reference date for years the texts omit")
    ac.add_argument("--language", default="en", help="language code written into every document (default: en)")
    ac.add_argument("--schema", help="schema folder (default: the project's or the package repository's schema/)")
    ac.add_argument("--no-progress", action="store_true", help="no progress bar")
    ac.set_defaults(func=cmd_annotate_corpus)
    e = sub.add_parser("evaluate", help="score predictions against a gold corpus")
    e.add_argument("--gold", default="corpus", help="gold corpus folder (default: corpus)")
    e.add_argument("--pred", required=True, nargs="+",
                   help="a predictions folder, or Parquet/JSONL files of layer, document or variant rows")
    e.add_argument("--json", help="also write the full report here")
    e.add_argument("--schema", help="schema folder (default: <gold>/schema)")
    e.set_defaults(func=cmd_evaluate)
    c = sub.add_parser("verify", help="check a corpus copy against its checksums.json")
    c.add_argument("corpus", nargs="?", default="corpus")
    c.set_defaults(func=cmd_verify)
    u = sub.add_parser("publish", help="verify, validate, upload the corpus to the Hugging Face Hub and tag it")
    u.add_argument("--repo-id", required=True, help="ORG/NAME of the dataset repository")
    u.add_argument("--tag", help="release tag (default: v + the package version; must be v + the corpus version)")
    u.add_argument("--corpus", default="corpus", help="corpus folder (default: corpus)")
    u.add_argument("--schema", help="schema folder (default: <corpus>/schema)")
    u.add_argument("--dry-run", action="store_true", help="run every check and list the upload; no network")
    u.set_defaults(func=cmd_publish)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpusError as exc:
        print(f"wirespan {args.command}: {exc}", file=sys.stderr)
        return 1
    except _usage_errors() as exc:
        print(f"wirespan {args.command}: {exc}", file=sys.stderr)
        return 2


def _usage_errors() -> tuple[type[Exception], ...]:
    """Unusable input, malformed predictions, refused requests: exit status 2."""
    from wirespan.evaluation.predictions import PredictionError
    from wirespan.pipeline.annotate import InputError
    from wirespan.release.publish import PublishError
    from wirespan.corpus.schema import SchemaError

    return (InputError, PredictionError, PublishError, SchemaError)


if __name__ == "__main__":
    sys.exit(main())
