"""Re-train the sentence-pair classifier on MSRP train and rewrite ``src/wirespan/data/pair_classifier.json``.

Deterministic: the same MSRP file gives byte-identical JSON (fixed-seed
folds, Newton steps from zero weights).  Prints the nested cross-validated
F1 (out-of-fold decisions, thresholds chosen on the training folds only)
beside the all-positive and token-overlap baselines.  Only MSRP *train* is
read; MSRP test stays a blind check.

Run: ``.venv/bin/python bench/train_pair_classifier.py --data $WIRESPAN_DEVDATA``
(add ``--out /tmp/x.json`` to write elsewhere, ``--check`` to fail if the shipped file differs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devargs import msrp_train, parser  # noqa: E402

from wirespan.evaluation.devsets.measure import jaccard, pairs_report  # noqa: E402
from wirespan.evaluation.devsets.pairmodel import matrix, model_dict, train  # noqa: E402
from wirespan.evaluation.devsets.systems import pair_features  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "wirespan" / "data" / "pair_classifier.json"


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--out", type=Path, default=OUT, help="where to write the model JSON")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if --out differs from the retrained model")
    args = ap.parse_args(argv)
    msrp = msrp_train(args.data, "train_pair_classifier")
    if msrp is None:
        return 2
    gold, pairs = msrp.labels(), msrp.pairs()
    x = matrix([pair_features(a, b).values for a, b in pairs])
    model, report = train(x, matrix(gold))
    baselines = pairs_report(gold, gold, [jaccard(a, b) for a, b in pairs])
    print(f"MSRP train: {len(gold)} pairs, {sum(gold)} positive")
    print(f"classifier, {report['folds']}-fold nested CV: P {report['precision']:.3f} R {report['recall']:.3f} "
          f"F1 {report['f1']:.3f} acc {report['accuracy']:.3f}")
    for name in ("all_positive", "token_overlap"):
        r = baselines[name]
        print(f"{name}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} acc {r['accuracy']:.3f}")
    out = json.dumps(model_dict(model, report, "MSRP train (msr_paraphrase_train.txt)"), indent=1) + "\n"
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == out
        print("shipped model is up to date" if same else f"{args.out} differs from the retrained model")
        return 0 if same else 1
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(out, encoding="utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
