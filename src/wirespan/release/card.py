"""The data card: DATACARD.md (hand-written prose) + YAML front matter and
tables generated from the data at every build.

Nothing numeric in the card is typed by hand: `configs`, `dataset_info`
(features, split sizes, byte sizes) and the blocks between
`<!-- BEGIN generated:NAME -->` and `<!-- END generated:NAME -->` are
rendered from the Parquet files, so the card cannot drift from the data
(`datasets` raises on a stale `num_examples`, and `wirespan validate` checks
the rest).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import yaml

from wirespan.corpus.gold import variant_id
from wirespan.corpus.layout import SPLIT, parquet_path
from wirespan.corpus.schema import Schemas
from wirespan.errors import CorpusIssue
from wirespan.layers import registry
from wirespan.release import citation
from wirespan.version import __version__

_BLOCK = re.compile(r"(<!-- BEGIN generated:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- END generated:(?P=name) -->)",
                    re.DOTALL)

#: Hub metadata that is not derived from the data (checked by tests against
#: the allowed values the `datasets` package ships).
STATIC_METADATA: dict[str, Any] = {
    "pretty_name": "wirespan",
    "language": ["en"],
    "license": "other",
    "license_name": "mixed-news-copyright",
    "license_link": "LICENSE.md",
    "annotations_creators": ["expert-generated"],
    "language_creators": ["found"],
    "multilinguality": ["monolingual"],
    "size_categories": ["n<1K"],
    "source_datasets": ["original"],
    "task_categories": ["token-classification", "text-classification"],
    "task_ids": ["named-entity-recognition"],
    "tags": ["news", "quotation-attribution", "numeric-expressions", "toponym-resolution",
             "cross-document-alignment", "text-reuse"],
}


#: Hub metadata of a silver corpus (every document `status: silver`, what `wirespan annotate` writes);
#: `language` and `size_categories` are derived from its documents.
SILVER_METADATA: dict[str, Any] = {
    "pretty_name": "wirespan silver predictions",
    "license": "unknown",
    "annotations_creators": ["machine-generated"],
    "language_creators": ["found"],
    "multilinguality": ["monolingual"],
    "task_categories": STATIC_METADATA["task_categories"],
    "task_ids": STATIC_METADATA["task_ids"],
    "tags": ["silver", "machine-annotated", *STATIC_METADATA["tags"]],
}

#: Upper bounds of the Hub's size categories (`datasets` resources, size_categories.json).
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"))


def is_silver(documents: Sequence[Mapping[str, Any]]) -> bool:
    """A silver corpus: documents, every one of them `status: silver` (machine annotations, unreviewed)."""
    return bool(documents) and all(d.get("status") == "silver" for d in documents)


def static_metadata(documents: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The Hub metadata not derived from the Parquet files: the gold corpus's, or a silver corpus's."""
    if not is_silver(documents):
        return dict(STATIC_METADATA)
    languages = sorted({d.get("language") for d in documents if isinstance(d.get("language"), str)})
    size = next((name for bound, name in SIZE_CATEGORIES if len(documents) < bound), "n>1T")
    return {**SILVER_METADATA, "language": languages, "size_categories": [size]}


def config_entries(configs: Sequence[str]) -> list[dict[str, Any]]:
    """The `configs` list: one Parquet file per config, split `test`."""
    entries = []
    for config in configs:
        entry: dict[str, Any] = {"config_name": config}
        if config == "documents":
            entry["default"] = True
        entry["data_files"] = [{"split": SPLIT, "path": parquet_path(config)}]
        entries.append(entry)
    return entries


def dataset_info(corpus: Path, configs: Sequence[str], schemas: Schemas) -> list[dict[str, Any]]:
    """`dataset_info` per config, from the Parquet files on disk."""
    infos = []
    for config in configs:
        path = Path(corpus) / parquet_path(config)
        table = pq.read_table(path)
        infos.append({
            "config_name": config,
            "features": schemas.features(config)._to_yaml_list(),
            "splits": [{"name": SPLIT, "num_bytes": table.nbytes, "num_examples": table.num_rows}],
            "download_size": path.stat().st_size,
            "dataset_size": table.nbytes,
        })
    return infos


def front_matter(corpus: Path, schemas: Schemas, documents: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The whole YAML front matter of the published card (configs: those with a Parquet file)."""
    configs = [c for c in registry.configs() if (Path(corpus) / parquet_path(c)).exists()]
    return {**static_metadata(documents), "configs": config_entries(configs),
            "dataset_info": dataset_info(corpus, configs, schemas)}


#: Blocks rendered from the committed evaluation reports (`reports/*.json`), not from the corpus.
REPORT_BLOCKS = ("agreement", "baselines", "peers", "scaling", "encoders", "external")


def load_reports(folder: Path) -> dict[str, Any]:
    """Every JSON report of `reports/`, by file stem ("score-quotes", "agreement-figures", ...)."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))}


def render_blocks(card_text: str, tables: Mapping[str, Sequence[Mapping[str, Any]]],
                  reports: Mapping[str, Any] | None = None) -> str:
    """Replace every generated block of the card with a table rendered from the data.

    Report blocks are rendered only when `reports` is given (the project build);
    a published corpus has no reports folder, so its validation leaves them be.
    """
    renderers = {"contents": lambda: _contents(tables), "documents": lambda: _documents(tables),
                 "version": lambda: f"**Version {__version__}**\n", "ids": lambda: _ids(tables),
                 "citation": lambda: citation.block(card_text)}
    if reports is not None:
        renderers["agreement"] = lambda: _agreement(reports)
        renderers["baselines"] = lambda: _baselines(reports)
        renderers["peers"] = lambda: _peers(reports)
        renderers["scaling"] = lambda: _scaling(reports)
        renderers["encoders"] = lambda: _encoders(reports)
        renderers["external"] = lambda: _external(reports)

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name in REPORT_BLOCKS and reports is None:
            return match.group(0)
        if name not in renderers:
            raise ValueError(f"DATACARD.md: unknown generated block {name!r}")
        return f"{match.group(1)}{renderers[name]()}{match.group(4)}"

    return _BLOCK.sub(replace, card_text)


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _prf(r: Mapping[str, Any]) -> str:
    """Precision / recall / F1 of one score entry, as every results table writes them."""
    return f"{_f(r['precision'])} / {_f(r['recall'])} / {_f(r['f1'])}"


def _attrs(attributes: Mapping[str, Any]) -> str:
    return ", ".join(f"{a} {_f(v['accuracy'])}" for a, v in attributes.items())


def _agreement(reports: Mapping[str, Any]) -> str:
    lines = ["| layer | spans (first / second) | exact span F1 | overlap span F1 | agreement on matched spans "
             "| Cohen's κ | disagreements adjudicated |", "|---|---|---:|---:|---|---|---:|"]
    for layer in registry.names(scope="document", double_annotated=True):
        report = reports.get(f"agreement-{layer}")
        if report is None:
            continue
        r = report["first_vs_second"]
        attrs = _attrs(r["attributes"])
        if "cue" in registry.get(layer).nested_spans:
            attrs += f"; cue span F1 {_f(r['cue']['f1'])}"
        kappa = ", ".join(f"{a} {_f(k)}" for a, k in r["kappa"].items())
        lines.append(f"| {layer} | {r['n_gold']} / {r['n_pred']} | {_f(r['exact']['f1'])} | "
                     f"{_f(r['overlap']['f1'])} | {attrs} | {kappa} | {len(report['disagreements'])} |")
    for layer in registry.names(scope="corpus", double_annotated=True):
        report = reports.get(f"agreement-{layer}")
        if report is None:
            continue
        for kind, r in report["first_vs_second"]["kinds"].items():
            disagreements = sum(1 for d in report["disagreements"]
                                if (d.get("first") or d.get("second"))["kind"] == kind)
            lines.append(f"| {layer}: {kind} pairs | {r['tp'] + r['fn']} / {r['tp'] + r['fp']} | — | {_f(r['f1'])} "
                         f"(both sides overlap) | relation {_f(r['relation']['accuracy'])} | relation "
                         f"{_f(r['kappa_relation'])} | {disagreements} |")
    return "\n".join(lines) + "\n"


def _baselines(reports: Mapping[str, Any]) -> str:
    lines = ["| task | system | gold / predicted | exact P / R / F1 | overlap F1 | on matched spans | command |",
             "|---|---|---|---|---:|---|---|"]
    for layer in registry.layers():
        r = reports.get(f"score-{layer.name}")
        if r is not None:
            lines += _baseline_rows(layer, r)
    for name, r, system in _peer_systems(reports):
        if system["package"] == "wirespan":
            continue
        ex = system["exact"]
        lines.append(f"| {r['task']} | {system['name']} {system['version']} (peer, on gold segments) | "
                     f"{ex['tp'] + ex['fn']} / {ex['tp'] + ex['fp']} | {_prf(ex)} | "
                     f"{_f(system['overlap']['f1'])} | — | "
                     f"`{r['command']} --json reports/{name}.json` |")
    return "\n".join(lines) + "\n"


def _baseline_rows(layer: registry.Layer, r: Mapping[str, Any]) -> list[str]:
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
                        f"{_prf(k)} (both sides overlap) | — | "
                        f"relation {_f(rel['accuracy'])} ({rel['correct']}/{rel['matched']}) | {command} |")
        return rows
    extra = f"; cue span F1 {_f(r['cue']['exact']['f1'])}" if "cue" in layer.nested_spans else ""
    if "distance" in r:
        d = r["distance"]
        extra += (f"; median error {_f(d['median_km'])} km, within 161 km {_f(d['accuracy_161km'])} "
                  f"(n={d['scored']})")
    return [f"| {layer.name} | `{layer.system}` | {r['n_gold']} / {r['n_pred']} | {_prf(r['exact'])} | "
            f"{_f(r['overlap']['f1'])} | {_attrs(r['attributes'])}{extra} | {command} |"]


def _peer_systems(reports: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
    """(report name, report, system) of every system in the peer benchmark reports."""
    return [(name, reports[name], system)
            for name in sorted(k for k in reports if k.startswith("bench-") and "systems" in reports[k])
            for system in reports[name]["systems"]]


def _peers(reports: Mapping[str, Any]) -> str:
    lines = ["| task | system | exact P / R / F1 | overlap F1 | throughput (median) | measured | command |",
             "|---|---|---|---:|---:|---|---|"]
    for _, r, system in _peer_systems(reports):
        ex = system["exact"]
        lines.append(f"| {r['task']} | {system['name']} {system['version']} | {_prf(ex)} | "
                     f"{_f(system['overlap']['f1'])} | "
                     f"{system['per_second']:,.0f} {r['unit']} | {r['measured']}, {r['machine']}, "
                     f"median of {r['runs']} | `{r['command']}` |")
    return "\n".join(lines) + "\n"


def _scaling(reports: Mapping[str, Any]) -> str:
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


def _encoders(reports: Mapping[str, Any]) -> str:
    """Passage-pair F1 of the annotators, the aligner and the sentence encoders, side by side."""
    lines = ["| passage pairs found by | P / R / F1 against adjudicated gold | how it was measured |",
             "|---|---|---|"]
    agreement = reports.get("agreement-variants")
    if agreement is not None:
        for who in ("first", "second"):
            r = agreement[f"{who}_vs_gold"]["kinds"]["passage"]
            lines.append(f"| {who} annotator (before adjudication) | {_prf(r)} | `wirespan agreement variants` |")
    own = reports.get("score-variants")
    if own is not None:
        lines.append(f"| `wirespan.variants` aligner, end to end on raw text | {_prf(own['kinds']['passage'])} | "
                     "`wirespan score variants` |")
    bench = reports.get("bench-passage-encoders")
    if bench is None:
        lines.append("| sentence encoders | not measured yet | `make bench-encoders` |")
    else:
        for e in bench["encoders"]:
            for system, r in ((f"{e['name']} cosine alone", e["alone"]),
                              (f"aligner + {e['name']} (mutual best matches)", e["with_aligner"])):
                lines.append(f"| {system} | {_prf(r)} | best threshold chosen on gold: cosine ≥ {r['threshold']:.2f} "
                             f"({r['predicted']} pairs); `{bench['command']}`, {e['package']} {e['version']}, "
                             f"torch {bench['torch']}, {bench['measured']} |")
    if own is not None:
        relations = own["kinds"]["passage"]["relations"]
        by_relation = "; ".join(f"{rel} {_prf(r)} ({r['tp']} of {r['tp'] + r['fn']} gold pairs found)"
                                for rel, r in relations.items() if r["tp"] + r["fn"])
        lines += ["", f"The aligner's passage pairs by relation (a pair counts when both sides overlap and the "
                      f"relation is the same; P / R / F1): {by_relation}."]
    return "\n".join(lines) + "\n"


def _external_other(layer: str, r: Mapping[str, Any], peer: bool) -> str:
    """The layer's own figures beside span F1 (value accuracy, geocoding, speakers), for the external table."""
    if layer == "figures":
        v = r["value"]
        out = f"value accuracy {_f(v['accuracy'])} (n={v['scored']})"
        if "all_kinds" in r:
            out += (f"; counting every prediction, also of kinds the set does not annotate "
                    f"({', '.join(r['set_aside']['kinds'])}): exact F1 {_f(r['all_kinds']['exact']['f1'])}, "
                    f"overlap F1 {_f(r['all_kinds']['overlap']['f1'])}")
        return out
    if layer == "locations":
        d = r["distance"]
        if peer:
            return "gives no coordinates: geocoding not scored"
        return f"within 161 km {_f(d['accuracy_161km'])} (n={d['scored']})"
    if layer == "quotes":
        d = r["direct_spec"]
        return (f"direct quotes: exact F1 {_f(d['exact']['f1'])}, overlap P {_f(d['overlap']['precision'])}, "
                f"speaker mention {_f(d['speaker_mention']['overlap']['accuracy'])}")
    return "—"


def _pair_rows(head: str, p: Mapping[str, Any], seeds: Mapping[str, Any] | None) -> list[str]:
    """Sentence-pair rows: the pair classifier (cross-validated), the aligner's rule and two baselines."""
    seed = (f"; on the seeds (in-sample) the corpus's passage pairs, aligner rule: {_prf(seeds['kinds']['passage'])}"
            if seeds else "")
    rows = []
    cv = p.get("classifier_cv")
    if cv:
        fit = p.get("classifier_training_fit")
        rows.append(f"{head} `wirespan.variants` pair classifier, {cv['folds']}-fold nested cross-validation "
                    f"(out-of-fold; threshold chosen on training folds) | {_prf(cv)} | — | accuracy "
                    f"{_f(cv['accuracy'])}" + (f"; training fit of the shipped model F1 {_f(fit['f1'])}" if fit else "")
                    + "; the corpus keeps the aligner rule (see MSRP below) |")
    rows.append(f"{head} `wirespan.variants` aligner rule | {_prf(p['aligner'])} | — | accuracy "
                f"{_f(p['aligner']['accuracy'])}{seed} |")
    rows += [f"{head} {system} | {_prf(p[key])} | — | accuracy {_f(p[key]['accuracy'])} |"
             for system, key in (("all pairs positive", "all_positive"),
                                 ("token overlap, best threshold on this set", "token_overlap"))]
    return rows


def _external_rows(name: str, s: Mapping[str, Any], seeds: Mapping[str, Any] | None = None) -> list[str]:
    """One row per system on one development set."""
    size = f"{s['size']['documents']:,} documents, {s['size']['gold']:,} gold"
    head = f"| {name} | {s['layer']} | {size} | {_cell(s['licence'])} |"
    if "passage_pairs" in s:
        return _pair_rows(head, s["passage_pairs"], seeds)
    rows = []
    for system, r in sorted((k, v) for k, v in s["systems"].items() if k != "notes"):
        label = f"`wirespan.{s['layer']}`" if system == "wirespan" else f"{system} (peer)"
        if r.get("in_sample"):
            label += ", in-sample"
        scored = r.get("all_quotes", r)
        rows.append(f"{head} {label} | {_prf(scored['exact'])} | {_f(scored['overlap']['f1'])} | "
                    f"{_external_other(s['layer'], r, system != 'wirespan')} |")
    return rows


def _external(reports: Mapping[str, Any]) -> str:
    """The baselines and their peers on the public development sets (out of sample), from bench-external."""
    r = reports.get("bench-external")
    if r is None:
        return "Not measured yet: run `make bench-external`.\n"
    lines = [f"`{r['command']}`, {r['date']}; every system scored with the same evaluation core.", "",
             "| set | layer | size | licence | system | exact P / R / F1 | overlap F1 | also |",
             "|---|---|---|---|---|---|---:|---|"]
    for name, s in sorted(r["sets"].items()):
        lines += _external_rows(name, s, reports.get("score-variants"))
    return "\n".join(lines) + "\n"


def _contents(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    lines = ["| config | rows (split `test`) | one row per |", "|---|---:|---|"]
    per = {registry.DOCUMENTS: "article", **{layer.name: layer.row for layer in registry.layers()}}
    for config in registry.configs():
        rows = len(tables.get(config, ()))
        shown = f"`{config}`" if rows or config == "documents" else f"`{config}` (not published: no rows yet)"
        lines.append(f"| {shown} | {rows} | {per[config]} |")
    return "\n".join(lines) + "\n"


def _documents(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    lines = ["| id | title | published | outlet | wire | derivation | story | characters | "
             + " | ".join(registry.document_layers()) + " |",
             "|---|---|---|---|---|---|---|---:|" + "---:|" * len(registry.document_layers())]
    counts = {layer: Counter(r["doc_id"] for r in tables.get(layer, ()))
              for layer in registry.document_layers() if layer not in registry.nested_layers()}
    for doc in tables["documents"]:
        src = doc["source"]
        cells = [f"`{doc['id']}`", _cell(doc["title"]), _cell(doc["published"]), _cell(src["outlet"]),
                 _cell(src["wire"]), f"`{src['derivation']}`", _cell(src.get("story")), str(len(doc["text"]))]
        cells += [str(len(doc[layer]) if layer in doc else counts[layer][doc["id"]])
                  for layer in registry.document_layers()]
        lines.append("| " + " | ".join(cells) + " |")
    seg = Counter(s["label"] for d in tables["documents"] for s in d["segments"])
    lines.append("")
    lines.append("Segments by label: " + ", ".join(f"`{k}` {v}" for k, v in sorted(seg.items())) + ".")
    return "\n".join(lines) + "\n"


def _ids(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """Every config's id format, from the registry's id formula and `variant_id`, with an id from the data."""
    docs = tables.get(registry.DOCUMENTS, ())
    lines = ["| records | `id` | example from this corpus |", "|---|---|---|",
             f"| `documents` | 16 lower-case hex digits (of the seed file name) | "
             f"{_code(docs[0]['id'] if docs else None)} |"]
    for layer in registry.layers():
        if layer.scope == "corpus":
            side = {k: f"{{{{side}}.{k}}}" for k in ("doc_id", "start", "end")}
            formula = variant_id({"kind": "{kind}", "a": {k: v.replace("{side}", "a") for k, v in side.items()},
                                  "b": {k: v.replace("{side}", "b") for k, v in side.items()}})
        else:
            formula = layer.annotation_id("{doc_id}", "{start}", "{end}")  # type: ignore[arg-type]
        rows = tables.get(layer.name) or [r for d in docs for r in d.get(layer.name, ())]
        where = f"`{layer.name}`" + ("" if layer.flat else " (nested in `documents`)")
        lines.append(f"| {where} | `{formula}` | {_code(rows[0]['id'] if rows else None)} |")
    return "\n".join(lines) + "\n"


def _code(value: str | None) -> str:
    return "—" if value is None else f"`{value}`"


def _cell(value: Any) -> str:
    return "—" if value is None else str(value).replace("|", "\\|")


def render_card(datacard: str, corpus: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]],
                schemas: Schemas, reports: Mapping[str, Any] | None = None) -> str:
    """The corpus README.md: generated front matter + DATACARD.md with its blocks filled."""
    meta = yaml.safe_dump(front_matter(corpus, schemas, tables["documents"]), sort_keys=False, allow_unicode=True,
                          width=1000)
    return f"---\n{meta}---\n\n{render_blocks(datacard, tables, reports)}"


def read_front_matter(readme: Path) -> dict[str, Any]:
    """The YAML front matter of a card file."""
    text = Path(readme).read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    if not match:
        raise ValueError(f"{readme}: no YAML front matter")
    return yaml.safe_load(match.group(1))


def front_matter_issues(corpus: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]],
                        schemas: Schemas) -> list[CorpusIssue]:
    """The card's front matter and generated blocks must equal what the data gives now."""
    readme = Path(corpus) / "README.md"
    if not readme.exists():
        return [CorpusIssue(str(readme), "missing data card", check="card-missing", level=5)]
    try:
        found = read_front_matter(readme)
        body = readme.read_text(encoding="utf-8")
        blocks = render_blocks(body, tables)
    except (OSError, ValueError, yaml.YAMLError) as exc:  # ValueError: UTF-8, no front matter, unknown block
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [CorpusIssue(str(readme), f"unreadable card: {reason}", check="card-unreadable", level=5)]
    if not isinstance(found, dict):
        return [CorpusIssue(str(readme), "unreadable card: the front matter is not a mapping", check="card-unreadable",
                            level=5)]
    issues = []
    expected = front_matter(corpus, schemas, tables.get("documents", []))
    for key in expected:
        if found.get(key) != expected[key]:
            issues.append(CorpusIssue(str(readme), f"front matter {key!r} is out of sync with the data", check="card-front-matter-stale", level=5))
    if blocks != body:
        issues.append(CorpusIssue(str(readme), "a generated table is out of sync with the data", check="card-table-stale", level=5))
    return issues


_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_FENCED = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1", re.MULTILINE | re.DOTALL)


def relative_links(card_text: str) -> list[str]:
    """The targets of the card's Markdown links that are not absolute addresses or in-page anchors."""
    prose = _FENCED.sub("", card_text)
    targets = [m.group(1) for m in _LINK.finditer(prose)]
    return [t for t in targets if not re.match(r"^[a-z][a-z0-9+.-]*:", t, re.IGNORECASE) and not t.startswith("#")]


def link_issues(corpus: Path) -> list[CorpusIssue]:
    """Every relative link of the card that does not resolve to a file or folder inside the corpus folder."""
    corpus = Path(corpus).resolve()
    readme = corpus / "README.md"
    if not readme.exists():
        return []
    issues = []
    for target in relative_links(readme.read_text(encoding="utf-8")):
        path = (corpus / target.split("#", 1)[0]).resolve()
        if not path.is_relative_to(corpus) or not path.exists():
            issues.append(CorpusIssue(str(readme), f"card links to {target!r}, which is not in the corpus folder",
                                      check="card-link", level=5))
    return issues
