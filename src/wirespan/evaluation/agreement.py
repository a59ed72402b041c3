"""Inter-annotator agreement: the first and second independent annotations, and each against gold.

Agreement is measured with the evaluation core (the first annotation plays
"gold", the second "prediction"; span F1 is symmetric), plus Cohen's kappa for
categorical attributes on matched spans, which corrects for agreement by
chance — the usual figure for a label such as a location's `use`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wirespan.corpus.jsonl import read_lines
from wirespan.errors import CorpusError
from wirespan.layers import registry
from wirespan.evaluation.metrics import nested_spans, overlap_pairs, score_layer, score_variants, variant_pairs

def load(path: Path) -> list[dict[str, Any]]:
    """Records of a standoff JSONL file (the one JSON Lines reader; `CorpusError` naming each bad line)."""
    lines, issues = read_lines(Path(path))
    if issues:
        raise CorpusError(issues)
    return [record for _, record in lines]


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
    spec = registry.get(layer)
    report = score_layer(first, second, spec.attributes)
    del report["per_doc"]
    pairs = []
    for doc_id in sorted({r["doc_id"] for r in first} | {r["doc_id"] for r in second}):
        pairs += overlap_pairs([r for r in first if r["doc_id"] == doc_id],
                                [r for r in second if r["doc_id"] == doc_id])
    report["kappa"] = {a: cohen_kappa([(g[a], p[a]) for g, p in pairs]) for a in spec.kappa}
    for key in spec.nested_spans:
        report[key] = score_layer(nested_spans(first, key), nested_spans(second, key))["exact"]
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
            diff = {f: (a[k][f], b[k][f]) for f in registry.get(layer).attributes if a[k].get(f) != b[k].get(f)}
            if diff:
                out.append({"span": k, "text": a[k]["text"], "differs": diff})
    return out


#: Variant kinds annotated twice (quote and figure pairs were annotated once).
DOUBLE_VARIANT_KINDS = ("passage", "name")


def _load_all(folder: Path, pattern: str) -> list[dict[str, Any]]:
    return [r for path in sorted(Path(folder).glob(pattern)) for r in load(path)]


def variant_agreement(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> dict[str, Any]:
    """Pair F1 per kind, relation agreement and Cohen's kappa of the relation on matched pairs."""
    report = score_variants(first, second)
    for kind, entry in report["kinds"].items():
        pairs = variant_pairs([r for r in first if r["kind"] == kind], [r for r in second if r["kind"] == kind])
        entry["kappa_relation"] = cohen_kappa([(a["relation"], b["relation"]) for a, b in pairs])
    return report


def run_variants(root: Path) -> dict[str, Any]:
    """Agreement on the doubly annotated variant kinds, first vs second and each vs gold."""
    keep = lambda records: [r for r in records if r["kind"] in DOUBLE_VARIANT_KINDS]  # noqa: E731
    first = keep(_load_all(Path(root) / "annotation" / "first", "variants_*.jsonl"))
    second = keep(_load_all(Path(root) / "annotation" / "second", "variants_*.jsonl"))
    gold = keep(load(Path(root) / "gold" / "variants.jsonl"))
    matched = variant_pairs(first, second)
    used_first, used_second = {id(a) for a, _ in matched}, {id(b) for _, b in matched}
    disagreements = [{"first": a, "second": b} for a, b in matched
                     if a["relation"] != b["relation"] or (a["a"], a["b"]) != (b["a"], b["b"])]
    disagreements += [{"first": a} for a in first if id(a) not in used_first]
    disagreements += [{"second": b} for b in second if id(b) not in used_second]
    return {"layer": "variants", "kinds": list(DOUBLE_VARIANT_KINDS),
            "first_vs_second": variant_agreement(first, second),
            "first_vs_gold": variant_agreement(gold, first),
            "second_vs_gold": variant_agreement(gold, second),
            "disagreements": disagreements}


def run(root: Path, layer: str) -> dict[str, Any]:
    """The agreement report a reader can rerun: first vs second, and each vs adjudicated gold."""
    if registry.get(layer).scope == "corpus":
        return run_variants(root)
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
    if report["layer"] == "variants":
        lines = ["variants: inter-annotator agreement on passage and name pairs (first vs second, before "
                 "adjudication)"]
        for name in ("first_vs_second", "first_vs_gold", "second_vs_gold"):
            for kind, r in report[name]["kinds"].items():
                lines.append(f"  {name} {kind}: pairs {r['tp'] + r['fn']}/{r['tp'] + r['fp']}, pair F1 {r['f1']:.3f}, "
                             f"relation agreement {r['relation']['accuracy']:.3f}, κ {r['kappa_relation']:.3f}")
        lines.append(f"  disagreements (first vs second): {len(report['disagreements'])}")
        return "\n".join(lines)
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
