"""The card's tables rendered from the committed evaluation reports (`reports/*.json`).

Agreement, baselines, peers, the aligner's scaling, sentence encoders and the
out-of-sample development sets: every figure in these tables comes from a
report a reader can regenerate with the command the table names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wirespan.layers import registry


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def prf(r: Mapping[str, Any]) -> str:
    """Precision / recall / F1 of one score entry, as every results table writes them."""
    return f"{score(r['precision'])} / {score(r['recall'])} / {score(r['f1'])}"


def attribute_scores(attributes: Mapping[str, Any]) -> str:
    return ", ".join(f"{a} {score(v['accuracy'])}" for a, v in attributes.items())


def cell(value: Any) -> str:
    """A table cell: "—" for null, pipes escaped."""
    return "—" if value is None else str(value).replace("|", "\\|")


def agreement(reports: Mapping[str, Any]) -> str:
    lines = ["| layer | spans (first / second) | exact span F1 | overlap span F1 | agreement on matched spans "
             "| Cohen's κ | disagreements adjudicated |", "|---|---|---:|---:|---|---|---:|"]
    for layer in registry.names(scope="document", double_annotated=True):
        report = reports.get(f"agreement-{layer}")
        if report is None:
            continue
        r = report["first_vs_second"]
        attrs = attribute_scores(r["attributes"])
        if "cue" in registry.get(layer).nested_spans:
            attrs += f"; cue span F1 {score(r['cue']['f1'])}"
        kappa = ", ".join(f"{a} {score(k)}" for a, k in r["kappa"].items())
        lines.append(f"| {layer} | {r['n_gold']} / {r['n_pred']} | {score(r['exact']['f1'])} | "
                     f"{score(r['overlap']['f1'])} | {attrs} | {kappa} | {len(report['disagreements'])} |")
    for layer in registry.names(scope="corpus", double_annotated=True):
        report = reports.get(f"agreement-{layer}")
        if report is None:
            continue
        for kind, r in report["first_vs_second"]["kinds"].items():
            disagreements = sum(1 for d in report["disagreements"]
                                if (d.get("first") or d.get("second"))["kind"] == kind)
            lines.append(f"| {layer}: {kind} pairs | {r['tp'] + r['fn']} / {r['tp'] + r['fp']} | — | {score(r['f1'])} "
                         f"(both sides overlap) | relation {score(r['relation']['accuracy'])} | relation "
                         f"{score(r['kappa_relation'])} | {disagreements} |")
    return "\n".join(lines) + "\n"


def baselines(reports: Mapping[str, Any]) -> str:
    lines = ["| task | system | gold / predicted | exact P / R / F1 | overlap F1 | on matched spans | command |",
             "|---|---|---|---|---:|---|---|"]
    for layer in registry.layers():
        r = reports.get(f"score-{layer.name}")
        if r is not None:
            lines += baseline_rows(layer, r)
    for name, r, system in peer_systems(reports):
        if system["package"] == "wirespan":
            continue
        ex = system["exact"]
        lines.append(f"| {r['task']} | {system['name']} {system['version']} (peer, on gold segments) | "
                     f"{ex['tp'] + ex['fn']} / {ex['tp'] + ex['fp']} | {prf(ex)} | "
                     f"{score(system['overlap']['f1'])} | — | "
                     f"`{r['command']} --json reports/{name}.json` |")
    return "\n".join(lines) + "\n"


def baseline_rows(layer: registry.Layer, r: Mapping[str, Any]) -> list[str]:
    """The results-table rows of one layer's `wirespan score` report."""
    command = f"`wirespan score {layer.name}`"
    if layer.scoring == "characters":
        return [f"| {layer.name} | `{layer.system}` | {r['characters']} characters | character accuracy "
                f"{r['accuracy']:.4f} | — | — | {command} |"]
    if layer.scoring == "pairs":
        rows = []
        for kind, k in r["kinds"].items():
            rel = k["relation"]
            rows.append(f"| {layer.name}: {kind} pairs | `{layer.system}` | {k['tp'] + k['fn']} / {k['tp'] + k['fp']} | "
                        f"{prf(k)} (both sides overlap) | — | "
                        f"relation {score(rel['accuracy'])} ({rel['correct']}/{rel['matched']}) | {command} |")
        return rows
    extra = f"; cue span F1 {score(r['cue']['exact']['f1'])}" if "cue" in layer.nested_spans else ""
    if "distance" in r:
        d = r["distance"]
        extra += (f"; median error {score(d['median_km'])} km, within 161 km {score(d['accuracy_161km'])} "
                  f"(n={d['scored']})")
    return [f"| {layer.name} | `{layer.system}` | {r['n_gold']} / {r['n_pred']} | {prf(r['exact'])} | "
            f"{score(r['overlap']['f1'])} | {attribute_scores(r['attributes'])}{extra} | {command} |"]


def peer_systems(reports: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
    """(report name, report, system) of every system in the peer benchmark reports."""
    return [(name, reports[name], system)
            for name in sorted(k for k in reports if k.startswith("bench-") and "systems" in reports[k])
            for system in reports[name]["systems"]]


def peers(reports: Mapping[str, Any]) -> str:
    lines = ["| task | system | exact P / R / F1 | overlap F1 | throughput (median) | measured | command |",
             "|---|---|---|---:|---:|---|---|"]
    for _, r, system in peer_systems(reports):
        ex = system["exact"]
        lines.append(f"| {r['task']} | {system['name']} {system['version']} | {prf(ex)} | "
                     f"{score(system['overlap']['f1'])} | "
                     f"{system['per_second']:,.0f} {r['unit']} | {r['measured']}, {r['machine']}, "
                     f"median of {r['runs']} | `{r['command']}` |")
    return "\n".join(lines) + "\n"


def scaling(reports: Mapping[str, Any]) -> str:
    r = reports.get("bench-variants")
    if r is None:
        return "Not measured yet: run `make bench`.\n"
    lines = [f"`{r['command']}` on a synthetic corpus ({r['measured']}, {r['machine']}). Candidate pairs come "
             "from MinHash LSH and an inverted index of rare words capped per key, so they are bounded by a "
             "constant times the number of sentences, far below all pairs; on this generator the candidates per "
             "sentence still rise as more words fill up to the cap.", "",
             "| sentences | all pairs | candidate pairs | per sentence | time (s) | × per doubling "
             "| peak memory (MiB) | planted pairs found |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    prev = None
    for row in r["sizes"]:
        growth = f"{row['seconds'] / prev:.2f}" if prev else "—"
        lines.append(f"| {row['sentences']:,} | {row['all_pairs']:,} | {row['candidate_pairs']:,} | "
                     f"{row['candidate_pairs'] / row['sentences']:.2f} | {row['seconds']:.1f} | {growth} | "
                     f"{row['peak_mib']:.0f} | {row['planted_recall']:.3f} |")
        prev = row["seconds"]
    return "\n".join(lines) + "\n"


def encoders(reports: Mapping[str, Any]) -> str:
    """Passage-pair F1 of the annotators, the aligner and the sentence encoders, side by side."""
    lines = ["| passage pairs found by | P / R / F1 against adjudicated gold | how it was measured |",
             "|---|---|---|"]
    agreement = reports.get("agreement-variants")
    if agreement is not None:
        for who in ("first", "second"):
            r = agreement[f"{who}_vs_gold"]["kinds"]["passage"]
            lines.append(f"| {who} annotator (before adjudication) | {prf(r)} | `wirespan agreement variants` |")
    own = reports.get("score-variants")
    if own is not None:
        lines.append(f"| `wirespan.variants` aligner, end to end on raw text | {prf(own['kinds']['passage'])} | "
                     "`wirespan score variants` |")
    bench = reports.get("bench-passage-encoders")
    if bench is None:
        lines.append("| sentence encoders | not measured yet | `make bench-encoders` |")
    else:
        for e in bench["encoders"]:
            for system, r in ((f"{e['name']} cosine alone", e["alone"]),
                              (f"aligner + {e['name']} (mutual best matches)", e["with_aligner"])):
                lines.append(f"| {system} | {prf(r)} | best threshold chosen on gold: cosine ≥ {r['threshold']:.2f} "
                             f"({r['predicted']} pairs); `{bench['command']}`, {e['package']} {e['version']}, "
                             f"torch {bench['torch']}, {bench['measured']} |")
    if own is not None:
        relations = own["kinds"]["passage"]["relations"]
        by_relation = "; ".join(f"{rel} {prf(r)} ({r['tp']} of {r['tp'] + r['fn']} gold pairs found)"
                                for rel, r in relations.items() if r["tp"] + r["fn"])
        lines += ["", f"The aligner's passage pairs by relation (a pair counts when both sides overlap and the "
                      f"relation is the same; P / R / F1): {by_relation}."]
    return "\n".join(lines) + "\n"


def external_other(layer: str, r: Mapping[str, Any], peer: bool) -> str:
    """The layer's own figures beside span F1 (value accuracy, geocoding, speakers), for the external table."""
    if layer == "figures":
        v = r["value"]
        out = f"value accuracy {score(v['accuracy'])} (n={v['scored']})"
        if "all_kinds" in r:
            out += (f"; counting every prediction, also of kinds the set does not annotate "
                    f"({', '.join(r['set_aside']['kinds'])}): exact F1 {score(r['all_kinds']['exact']['f1'])}, "
                    f"overlap F1 {score(r['all_kinds']['overlap']['f1'])}")
        if "as_annotated" in r:
            a = r["as_annotated"]
            out += (f"; against the set's spans as annotated, before the reader's mapping to SPEC: exact F1 "
                    f"{score(a['exact']['f1'])}, overlap F1 {score(a['overlap']['f1'])}, value accuracy "
                    f"{score(a['value']['accuracy'])}")
        return out
    if layer == "locations":
        d = r["distance"]
        if peer:
            return "gives no coordinates: geocoding not scored"
        return f"within 161 km {score(d['accuracy_161km'])} (n={d['scored']})"
    if layer == "quotes":
        d = r["direct_spec"]
        return (f"direct quotes: exact F1 {score(d['exact']['f1'])}, overlap P {score(d['overlap']['precision'])}, "
                f"speaker mention {score(d['speaker_mention']['overlap']['accuracy'])}")
    return "—"


def pair_rows(head: str, p: Mapping[str, Any], seeds: Mapping[str, Any] | None,
              crossencoder: Mapping[str, Any] | None = None) -> list[str]:
    """Sentence-pair rows: the pair classifier (cross-validated), a measured cross-encoder (when its report
    is on this set), the aligner's rule and two baselines."""
    seed = (f"; on the seeds (in-sample) the corpus's passage pairs, aligner rule: {prf(seeds['kinds']['passage'])}"
            if seeds else "")
    rows = []
    cv = p.get("classifier_cv")
    if cv:
        fit = p.get("classifier_training_fit")
        rows.append(f"{head} `wirespan.variants` pair classifier, {cv['folds']}-fold nested cross-validation "
                    f"(out-of-fold; threshold chosen on training folds) | {prf(cv)} | — | accuracy "
                    f"{score(cv['accuracy'])}" + (f"; training fit of the shipped model F1 {score(fit['f1'])}" if fit else "")
                    + "; the corpus keeps the aligner rule (see MSRP below) |")
    bare = p.get("classifier_cv_without_veto")
    if bare:
        rows.append(f"{head} `wirespan.variants` pair classifier without its number veto, same cross-validation | "
                    f"{prf(bare)} | — | accuracy {score(bare['accuracy'])}; per-fold F1 sd {score(bare['fold_f1_sd'])} "
                    f"(with the veto {score(cv['fold_f1_sd'])})" + _veto_note(p.get("veto")) + " |")
    rows += crossencoder_rows(head, crossencoder)
    rows.append(f"{head} `wirespan.variants` aligner rule | {prf(p['aligner'])} | — | accuracy "
                f"{score(p['aligner']['accuracy'])}{seed} |")
    rows += [f"{head} {system} | {prf(p[key])} | — | accuracy {score(p[key]['accuracy'])} |"
             for system, key in (("all pairs positive", "all_positive"),
                                 ("token overlap, best threshold on this set", "token_overlap"))]
    return rows


def crossencoder_rows(head: str, r: Mapping[str, Any] | None) -> list[str]:
    """The fine-tuned cross-encoder of `bench-pair-crossencoder` (measured, not shipped), alone, stacked and blended."""
    if not r:
        return []
    res = r["results"]
    ce, word, st = res["crossencoder"], res["word_cv"], r.get("settings")
    how = (f" ({st['epochs']} epoch{'s' if st['epochs'] != 1 else ''}, max_len {st['max_len']}"
           + (", frozen embeddings" if st.get("freeze_embeddings") else "") + ")") if st else ""
    blend = (f"; the word model's logit and the cross-encoder's blended F1 {score(res['blend']['f1'])} "
             f"({score(res['blend_veto']['f1'])} with the veto)") if "blend" in res else ""
    return [f"{head} cross-encoder fine-tuned from all-MiniLM-L6-v2{how}, measured, not shipped: "
            f"{r['protocol']['folds']}-fold "
            f"out-of-fold (threshold on a held-out {r['protocol']['held_out_share']:.0%} of each training fold) | "
            f"{prf(ce)} | — | accuracy {score(ce['accuracy'])}; per-fold F1 sd {score(ce['fold_f1_sd'])}; stacked with "
            f"the 23 word features F1 {score(res['stacked']['f1'])} ({score(res['stacked_veto']['f1'])} with the number "
            f"veto){blend}; the pair classifier on the same folds {score(word['f1'])} without the veto; "
            f"`{r['command']}`, torch {r['torch']}, {r['date']} |"]


def external_rows(name: str, s: Mapping[str, Any], seeds: Mapping[str, Any] | None = None,
                  crossencoder: Mapping[str, Any] | None = None) -> list[str]:
    """One row per system on one development set (``crossencoder``: the bench-pair-crossencoder report)."""
    size = f"{s['size']['documents']:,} documents, {s['size']['gold']:,} gold"
    head = f"| {name} | {s['layer']} | {size} | {cell(s['licence'])} |"
    if "passage_pairs" in s:
        return pair_rows(head, s["passage_pairs"], seeds, crossencoder)
    rows = []
    for system, r in sorted((k, v) for k, v in s["systems"].items() if k != "notes"):
        own = system == "wirespan" or r.get("own", False)
        label = f"`wirespan.{s['layer']}`" if own else f"{system} (peer)"
        if r.get("label"):
            label += f", {r['label']}"
        if r.get("in_sample"):
            label += ", in-sample"
        scored = r.get("all_quotes", r)
        rows.append(f"{head} {label} | {prf(scored['exact'])} | {score(scored['overlap']['f1'])} | "
                    f"{external_other(s['layer'], r, not own)}{_homes_note(r.get('homes'))} |")
    return rows


def _homes_note(homes: Mapping[str, int] | None) -> str:
    """How many documents got a home country and a home division from their source's other articles."""
    if not homes:
        return ""
    return (f"; a home inferred for {homes['with_country']:,} of {homes['documents']:,} documents of "
            f"{homes['sources']:,} source{'' if homes['sources'] == 1 else 's'} ({homes['with_division']:,} to a "
            "first-level division)")


def external(reports: Mapping[str, Any]) -> str:
    """The baselines and their peers on the public development sets (out of sample), from bench-external."""
    r = reports.get("bench-external")
    if r is None:
        return "Not measured yet: run `make bench-external`.\n"
    lines = [f"`{r['command']}`, {r['date']}; every system scored with the same evaluation core.", "",
             "| set | layer | size | licence | system | exact P / R / F1 | overlap F1 | also |",
             "|---|---|---|---|---|---|---:|---|"]
    ce = reports.get("bench-pair-crossencoder")
    for name, s in sorted(r["sets"].items()):
        lines += external_rows(name, s, reports.get("score-variants"),
                               ce if ce and ce["set"]["name"] == name else None)
    return "\n".join(lines) + "\n"


def corpus_scale(reports: Mapping[str, Any]) -> str:
    """`wirespan annotate-corpus` on real news at growing sizes, both engines: one table per news corpus
    (`reports/bench-scale.json`, then every `reports/bench-scale-<name>.json`)."""
    names = sorted(k for k in reports if k == "bench-scale" or k.startswith("bench-scale-"))
    if not names:
        return "Not measured yet: run `make bench-scale`.\n"
    return "\n".join(_scale_table(reports[name]) for name in names)


def _scale_table(r: Mapping[str, Any]) -> str:
    """One corpus's scaling table, its provenance line, reruns and growth ratios."""
    size = r.get("distinct_mean_article_kb")
    lines = [f"**{r.get('corpus', 'Public news articles')}**: `{r['command']}` ({r['measured']}, {r['machine']}; "
             f"{r['distinct_articles']:,} distinct articles"
             + (f" of {size} KB on average, " if size else ", ")
             + "repeated with distinct ids and lightly perturbed text for the larger sizes; cold start "
             f"{r['cold_start_seconds']} s). Articles/s and MB/s are wall-clock, on a shared machine (load average "
             "recorded); CPU ms per article is the whole local process tree's CPU time divided by the articles "
             "(not measurable for Ray, whose workers are not children of the command).", "",
             "| articles | engine | mean KB | wall s | CPU ms/article | articles/s | MB/s | peak memory (PSS, MiB) "
             "| variant pairs | load average |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for run in r["runs"]:
        cpu = run.get("cpu_ms_per_article")
        kb = run.get("mean_article_kb")
        lines.append(f"| {run['articles']:,} | {run['engine']} | {'—' if kb is None else kb} | {run['seconds']:.1f} "
                     f"| {'—' if cpu is None else cpu} | {run['articles_per_s']:.1f} | "
                     f"{run['mb_per_s']:.2f} | {run['peak_pss_mib']:,} | {run['pairs']:,} | {run['load_average']} |")
    for x in r.get("reruns", []):
        rows = ", ".join(f"{w['articles']:,} {w['engine']}" for w in x["rows"])
        where = f", {x['machine']}" if x.get("machine") else ""
        lines += ["", f"Rerun with `{x['command']}` ({x['measured']}{where}): {rows}; "
                  "the other rows are the first run's."]
    lines += ["", "Growth per 10× input: " + "; ".join(
        f"{x['engine']} {x['from']:,} → {x['to']:,}: time ×{x['time_ratio']}"
        + (f", CPU ×{x['cpu_ratio']}" if x.get("cpu_ratio") else "") + f", pairs ×{x['pairs_ratio']}"
        for x in r["ratios"]) + "."]
    return "\n".join(lines) + "\n"


#: The card's report blocks (`<!-- BEGIN generated:NAME -->`) and their renderers.
REPORT_TABLES = {"agreement": agreement, "baselines": baselines, "peers": peers, "scaling": scaling,
                 "encoders": encoders, "external": external, "corpus-scale": corpus_scale}


def _veto_note(counts: dict[str, int] | None) -> str:
    """How often the number veto fires on the set, and on how many pairs its annotators link."""
    if not counts:
        return ""
    return (f"; the veto fires on {counts['fires']:,} of the {counts['pairs']:,} pairs, "
            f"{counts['fires_on_linked']:,} of them linked by the set's annotators")
