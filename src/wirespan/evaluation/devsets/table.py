"""A plain-text table of a bench-external report (printed by the benchmark; the card's table comes later)."""

from __future__ import annotations

from typing import Any


def _f(x: Any) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def span_rows(name: str, layer: str, systems: dict[str, Any]) -> list[str]:
    """One line per system of a span-layer set."""
    rows = []
    for system, r in sorted((k, v) for k, v in systems.items() if k != "notes"):
        tag = " (in-sample)" if r.get("in_sample") else ""
        if layer == "quotes":
            d, one = r["direct_spec"], r["direct_polnear_one_span"]
            extra = (f"direct exact/overlap F1 {_f(d['exact']['f1'])}/{_f(d['overlap']['f1'])}, "
                     f"direct P {_f(d['overlap']['precision'])}, "
                     f"speaker mention (overlap) {_f(d['speaker_mention']['overlap']['accuracy'])}; "
                     f"one-span exact F1 {_f(one['exact']['f1'])}; interrupted {r['interrupted']}")
            rows.append(f"{name:18s} {system:22s} {extra}")
            continue
        line = f"exact F1 {_f(r['exact']['f1'])}  overlap F1 {_f(r['overlap']['f1'])}"
        if layer == "figures":
            line += f"  value acc {_f(r['value']['accuracy'])} (n={r['value']['scored']})"
            if "as_annotated" in r:
                a = r["as_annotated"]
                line += (f"  [as annotated: exact F1 {_f(a['exact']['f1'])}, overlap F1 {_f(a['overlap']['f1'])}, "
                         f"value acc {_f(a['value']['accuracy'])}]")
        if layer == "locations":
            line += f"  within 161 km {_f(r['distance']['accuracy_161km'])} (n={r['distance']['scored']})"
        rows.append(f"{name:18s} {system + tag:22s} {line}")
    return rows


def table(report: dict[str, Any]) -> str:
    """Every set and system on one line each."""
    lines = [f"bench-external ({report['command']}, {report['date']})"]
    for name, s in sorted(report["sets"].items()):
        lines.append(f"-- {name}: {s['layer']}, {s['size']['documents']} documents, {s['size']['gold']} gold; "
                     f"licence: {s['licence']}")
        if "passage_pairs" in s:
            p = s["passage_pairs"]
            cv = p.get("classifier_cv")
            if cv:
                lines.append(f"{name:18s} pair classifier, {cv['folds']}-fold nested CV: P {_f(cv['precision'])} "
                             f"R {_f(cv['recall'])} F1 {_f(cv['f1'])}")
            bare = p.get("classifier_cv_without_veto")
            if bare:
                lines.append(f"{name:18s} pair classifier without its number veto: P {_f(bare['precision'])} "
                             f"R {_f(bare['recall'])} F1 {_f(bare['f1'])}")
            lines.append(f"{name:18s} aligner F1 {_f(p['aligner']['f1'])}  all-positive F1 {_f(p['all_positive']['f1'])}"
                         f"  token-overlap F1 {_f(p['token_overlap']['f1'])} (threshold {p['token_overlap']['threshold']:.3f})")
        else:
            lines += span_rows(name, s["layer"], s["systems"])
    return "\n".join(lines)
