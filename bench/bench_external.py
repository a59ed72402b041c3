"""Out-of-sample benchmark: the current baselines and their peers on public development sets (issue 13).

Reads the sets from ``--data`` or ``$WIRESPAN_DEVDATA`` (layout and sources:
``bench/external/fetch_devsets.md``), runs every baseline through
``wirespan.evaluation.devsets.systems`` and every peer through ``wirespan.evaluation.devsets.peers``,
scores them with the evaluation core and writes a deterministic JSON report
(sorted keys) with the command, the date, and each set's size and licence.

Run: ``make bench-external`` or
``.venv/bin/python bench/bench_external.py --data DIR --json reports/bench-external.json [--sets lgl ...]``
(with ``--sets``, the other sets' entries of an existing report are kept, each with the date it was measured).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devargs import parser  # noqa: E402

from wirespan.evaluation.devsets import REGISTRY, DevSetError, devdata_root  # noqa: E402
from wirespan.evaluation.devsets.harness import run  # noqa: E402
from wirespan.evaluation.devsets.table import table  # noqa: E402

COMMAND = "make bench-external"


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--sets", nargs="*", choices=sorted(REGISTRY), help="only these sets (default: all)")
    ap.add_argument("--json", type=Path, help="write the report here (reports/bench-external.json)")
    ap.add_argument("--date", default=dt.date.today().isoformat(), help="date written into the report")
    args = ap.parse_args(argv)
    try:
        sets = run(devdata_root(args.data), args.sets)
    except DevSetError as exc:
        print(f"bench-external: {exc}", file=sys.stderr)
        return 2
    report = {"command": COMMAND, "date": args.date, "sets": sets}
    print(table(report))
    if args.sets and args.json and args.json.exists():
        # a partial run updates its sets and keeps the others' entries (each stamped with its own date)
        earlier = json.loads(args.json.read_text(encoding="utf-8"))
        for name, entry in earlier.get("sets", {}).items():
            entry.setdefault("date", earlier.get("date"))
        report["sets"] = {**earlier.get("sets", {}), **{n: {**s, "date": args.date} for n, s in sets.items()}}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.json.with_suffix(".tmp")
        tmp.write_text(json.dumps(report, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
