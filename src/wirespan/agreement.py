"""Inter-annotator agreement: the first and second independent annotations, and each against gold.

Agreement is measured with the evaluation core (the first annotation plays
"gold", the second "prediction"; span F1 is symmetric), plus Cohen's kappa for
categorical attributes on matched spans, which corrects for agreement by
chance — the usual figure for a label such as a location's `use`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .evaluate import overlap_pairs, nested_spans, score_layer

#: Attributes compared per layer, and those that also get Cohen's kappa.
ATTRIBUTES = {
    "quotes": ("kind", "speaker", "speaker_mention", "cue"),
    "figures": ("kind", "value", "value_high", "unit", "iso", "qualifier"),
    "locations": ("name", "feature", "country_code", "geonames_id", "use"),
}
KAPPA = {"quotes": ("kind",), "figures": ("kind", "qualifier"), "locations": ("use", "feature")}


def load(path: Path) -> list[dict[str, Any]]:
    """Records of a standoff JSONL file."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def cohen_kappa(pairs: Sequence[tuple[Any, Any]]) -> float | None:
    """Cohen's kappa of two raters over the same items (None when undefined)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right.get(k, 0) for k in left) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else None
    return (observed - expected) / (1 - expected)


def agreement(layer: str, first: list[dict[str, Any]], second: list[dict[str, Any]]) -> dict[str, Any]:
    """Span F1, attribute agreement and kappa of two annotations of one layer."""
    report = score_layer(first, second, ATTRIBUTES[layer])
    del report["per_doc"]
    pairs = []
    for doc_id in sorted({r["doc_id"] for r in first} | {r["doc_id"] for r in second}):
        pairs += overlap_pairs([r for r in first if r["doc_id"] == doc_id],
                                [r for r in second if r["doc_id"] == doc_id])
    report["kappa"] = {a: cohen_kappa([(g[a], p[a]) for g, p in pairs]) for a in KAPPA[layer]}
    if layer == "quotes":
        report["cue"] = score_layer(nested_spans(first, "cue"), nested_spans(second, "cue"))["exact"]
        report["speaker_mention"] = score_layer(nested_spans(first, "speaker_mention"),
                                                nested_spans(second, "speaker_mention"))["exact"]
    return report


def disagreements(layer: str, first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every span or attribute on which the two annotations differ (for adjudication)."""
    out = []
    key = lambda r: (r["doc_id"], r["start"], r["end"])
    a, b = {key(r): r for r in first}, {key(r): r for r in second}
    for k in sorted(set(a) | set(b)):
        if k not in b:
            out.append({"span": k, "text": a[k]["text"], "only_in": "first"})
        elif k not in a:
            out.append({"span": k, "text": b[k]["text"], "only_in": "second"})
        else:
            diff = {f: (a[k][f], b[k][f]) for f in ATTRIBUTES[layer] if a[k].get(f) != b[k].get(f)}
            if diff:
                out.append({"span": k, "text": a[k]["text"], "differs": diff})
    return out


def run(root: Path, layer: str) -> dict[str, Any]:
    """The agreement report a reader can rerun: first vs second, and each vs adjudicated gold."""
    root = Path(root)
    first = load(root / "annotation" / "first" / f"{layer}.jsonl")
    second = load(root / "annotation" / "second" / f"{layer}.jsonl")
    gold = load(root / "gold" / f"{layer}.jsonl")
    return {
        "layer": layer,
        "first_vs_second": agreement(layer, first, second),
        "first_vs_gold": agreement(layer, gold, first),
        "second_vs_gold": agreement(layer, gold, second),
        "disagreements": disagreements(layer, first, second),
    }


def summary(report: dict[str, Any]) -> str:
    """Human-readable lines of an agreement report."""
    lines = [f"{report['layer']}: inter-annotator agreement (first vs second, before adjudication)"]
    for name in ("first_vs_second", "first_vs_gold", "second_vs_gold"):
        r = report[name]
        attrs = ", ".join(f"{a} {v['accuracy']:.3f}" for a, v in r["attributes"].items() if v["accuracy"] is not None)
        kappas = ", ".join(f"κ({a}) {k:.3f}" for a, k in r["kappa"].items() if k is not None)
        extra = f", cue F1 {r['cue']['f1']:.3f}" if "cue" in r else ""
        lines.append(f"  {name}: spans {r['n_gold']}/{r['n_pred']}, exact F1 {r['exact']['f1']:.3f}, "
                     f"overlap F1 {r['overlap']['f1']:.3f}{extra}; agreement on matched: {attrs}; {kappas}")
    lines.append(f"  disagreements (first vs second): {len(report['disagreements'])}")
    return "\n".join(lines)
