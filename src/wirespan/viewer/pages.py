"""The site's pages, rendered from Jinja templates with autoescaping on.

Article text reaches a page only through `marks.render` (escaped piece by
piece) or through a template variable (escaped by Jinja); JSON for the
variants script is escaped so that it can never close its `<script>`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from wirespan.version import __version__
from wirespan.viewer.annotations import SWITCHABLE, document_marks, segment_mark
from wirespan.viewer.charts import bar_chart
from wirespan.layers import registry
from wirespan.viewer.data import CARD_TABLES
from wirespan.viewer.errors import DocErrors
from wirespan.viewer.geo import map_svg, places
from wirespan.viewer.marks import Mark, render

Record = Mapping[str, Any]
_ENV = Environment(loader=PackageLoader("wirespan.viewer", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
_ENV.filters["basename"] = lambda path: path.replace("\\", "/").rsplit("/", 1)[-1]
SEGMENT_LABELS = ("headline", "meta", "dateline", "body", "caption", "credit", "boilerplate")


def _page(template: str, **context: Any) -> str:
    context.setdefault("errors_mode", False)
    return _ENV.get_template(template).render(version=__version__, **context)


def script_json(value: Any) -> Markup:
    """JSON safe inside a `<script>` element (no `<`, `>` or `&` left to end it)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


# ---------------------------------------------------------------- index
def layer_counts(documents: Sequence[Record], variants: Sequence[Record]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Counts per layer and label, over all documents."""
    def count(layer: str, key: str) -> list[tuple[str, int]]:
        return sorted(Counter(str(r[key]) for d in documents for r in d[layer]).items())

    return [("segments by label", count("segments", "label")), ("quotes by kind", count("quotes", "kind")),
            ("figures by kind", count("figures", "kind")), ("locations by feature", count("locations", "feature")),
            ("locations by use", count("locations", "use")),
            ("variant pairs by kind and relation",
             sorted(Counter(f"{v['kind']} · {v['relation']}" for v in variants).items()))]


def charts(documents: Sequence[Record]) -> list[Markup]:
    """Annotations per layer per document, figure kinds, literal vs metonymic places."""
    span_layers = registry.span_layers()
    per_doc = [(d["id"], {layer: len(d.get(layer, ())) for layer in span_layers}) for d in documents]
    kinds = sorted({f["kind"] for d in documents for f in d["figures"]})
    by_kind = [(k, {d["id"][:8]: sum(f["kind"] == k for f in d["figures"]) for d in documents}) for k in kinds]
    uses = sorted({loc["use"] for d in documents for loc in d["locations"]})
    by_use = [(d["id"], dict(Counter(loc["use"] for loc in d["locations"]))) for d in documents]
    return [bar_chart("chart-layers", "Annotations per layer per document", per_doc, span_layers),
            bar_chart("chart-figures", "Figure kinds (stacked by document)", by_kind, [d["id"][:8] for d in documents]),
            bar_chart("chart-uses", "Places: literal vs metonymic use per document", by_use, uses)]


def index_page(documents: Sequence[Record], variants: Sequence[Record], tables: Mapping[str, Markup],
               corpus_note: str, errors: Mapping[str, Any] | None = None) -> str:
    return _page("index.html.j2", title="wirespan corpus", root="", documents=documents, layers=registry.nested_layers(),
                 counts=layer_counts(documents, variants), charts=charts(documents),
                 card_tables=list(tables.items()), card_titles=CARD_TABLES, corpus_note=corpus_note,
                 errors=errors, errors_mode=errors is not None)


def error_rows(documents: Sequence[Record], per_doc: Mapping[str, DocErrors]) -> list[dict[str, Any]]:
    """Documents by number of span errors (then wrong segment characters, then id)."""
    rows = [{"id": d["id"], "errors": per_doc[d["id"]].errors, "layers": per_doc[d["id"]].layers,
             "characters": per_doc[d["id"]].characters, "wrong_characters": per_doc[d["id"]].wrong_characters}
            for d in documents]
    return sorted(rows, key=lambda r: (-r["errors"], -r["wrong_characters"], r["id"]))


# ---------------------------------------------------------------- one document
def _rows(marks: Sequence[Mark], text: str) -> list[dict[str, Any]]:
    return [{"layer": m.layer, "start": m.start, "end": m.end, "key": m.key, "text": text[m.start:m.end],
             "label": m.label} for m in sorted(marks, key=Mark.sort_key) if m.layer != "segments"]


def document_page(doc: Record, errors: DocErrors | None = None) -> str:
    """One document: its text with every layer highlighted, a map of its places, a table of its spans."""
    if errors is None:
        marks = document_marks(doc)
        switches = [(layer, len(doc[layer])) for layer in SWITCHABLE]
        summary = ""
    else:
        marks = [segment_mark(doc["id"], s) for s in doc["segments"]] + errors.marks
        switches = [("segments", len(doc["segments"]))] + [(layer, len(doc[layer])) for layer in errors.layers]
        if errors.characters:
            switches.append(("segerr", errors.wrong_characters))
        switches += [("tp", sum(c.tp for c in errors.layers.values()))]
        summary = "; ".join(f"{layer}: {c.tp} correct, {c.fp} false positives, {c.fn} missed, "
                            f"{c.disagreements} attribute disagreements" for layer, c in errors.layers.items())
        if errors.characters:
            summary += f"; segments: {errors.wrong_characters} of {errors.characters} characters wrongly labelled"
    title = doc.get("title") or f"Document {doc['id']}"
    return _page("document.html.j2", title=title, root="../", doc=doc, body=render(doc["text"], marks),
                 switches=switches, segment_labels=SEGMENT_LABELS, counts=summary,
                 switch_names={"segerr": "segment label errors", "tp": "correct spans"},
                 map=map_svg(places(doc["locations"]), f"Places of document {doc['id']} with coordinates"),
                 rows=_rows(marks, doc["text"]), errors_mode=errors is not None,
                 body_class="doc errors" if errors is not None else "doc")


# ---------------------------------------------------------------- variants
def pair_file(a: str, b: str) -> str:
    return f"{a}--{b}.html"


def document_pairs(variants: Sequence[Record]) -> dict[tuple[str, str], list[Record]]:
    """Variant rows grouped by their (document a, document b), in corpus order."""
    out: dict[tuple[str, str], list[Record]] = {}
    for v in variants:
        out.setdefault((v["a"]["doc_id"], v["b"]["doc_id"]), []).append(v)
    return dict(sorted(out.items()))


def variants_page(variants: Sequence[Record], errors: Mapping[str, Any] | None = None) -> str:
    """The list of document pairs; in the errors view, the pair counts per kind first."""
    kinds = sorted({v["kind"] for v in variants})
    pairs = [{"a": a, "b": b, "file": pair_file(a, b), "kinds": Counter(v["kind"] for v in rows),
              "conflicts": sum(v["relation"] == "conflict" for v in rows),
              "errors": sum(v.get("verdict") in ("fp", "fn") or bool(v.get("note")) for v in rows)}
             for (a, b), rows in document_pairs(variants).items()]
    return _page("variants.html.j2", title="Variant pairs", root="", pairs=pairs, kinds=kinds,
                 errors=errors, errors_mode=errors is not None)


def _side_marks(col: str, doc_id: str, sides: Sequence[tuple[int, Record, Record, Record]]) -> list[Mark]:
    """One mark per distinct span of one column, listing the pairs it belongs to."""
    grouped: dict[tuple[int, int], list[tuple[int, Record, Record]]] = {}
    for n, v, side, other in sides:
        grouped.setdefault((side["start"], side["end"]), []).append((n, v, other))
    marks = []
    for (start, end), items in sorted(grouped.items()):
        relations = sorted({v["relation"] for _, v, _ in items})
        kinds = sorted({v["kind"] for _, v, _ in items})
        info = "\n".join(f"{v['kind']} · {v['relation']}{_verdict(v)}: “{_short(o['text'])}”" for _, v, o in items)
        label = (f"{', '.join(kinds)} variant, {', '.join(relations)}, linked to {len(items)} "
                 f"span{'s' if len(items) > 1 else ''} of the other text")
        classes = tuple(f"kind-{k}" for k in kinds) + tuple(f"rel-{r}" for r in relations)
        marks.append(Mark(start, end, "variants", f"{col}:{doc_id}:{start}-{end}", label, info, classes,
                          (("pairs", " ".join(str(n) for n, _, _ in items)),)))
    return marks


_VERDICTS = {"tp": "correct", "fp": "false positive", "fn": "missed"}


def _verdict(v: Record) -> str:
    """", missed" etc. for a pair judged in the errors view (nothing otherwise)."""
    if "verdict" not in v:
        return ""
    return f", {_VERDICTS[v['verdict']]}" + (f" ({v['note']})" if v.get("note") else "")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pair_page(a: Record, b: Record, rows: Sequence[Record], errors_mode: bool = False) -> str:
    """Two documents side by side with their variant pairs (drawn as links by viewer.js)."""
    numbered = list(enumerate(rows))
    marks_a = _side_marks("A", a["id"], [(n, v, v["a"], v["b"]) for n, v in numbered])
    marks_b = _side_marks("B", b["id"], [(n, v, v["b"], v["a"]) for n, v in numbered])
    data = [{"n": n, "kind": v["kind"], "relation": v["relation"], "id": v.get("id"),
             "verdict": v.get("verdict"), "note": v.get("note"),
             "a": f"A:{a['id']}:{v['a']['start']}-{v['a']['end']}",
             "b": f"B:{b['id']}:{v['b']['start']}-{v['b']['end']}"} for n, v in numbered]
    table = [{"kind": d["kind"], "relation": d["relation"], "a_key": d["a"], "b_key": d["b"],
              "verdict": _VERDICTS.get(d["verdict"] or "", ""), "verdict_class": d["verdict"] or "",
              "note": d["note"] or "",
              "a_text": _short(v["a"]["text"], 200), "b_text": _short(v["b"]["text"], 200)}
             for d, (_, v) in zip(data, numbered)]
    return _page("pair.html.j2", title=f"Variants: {a['id']} ↔ {b['id']}", root="../", a=a, b=b,
                 text_a=render(a["text"], marks_a), text_b=render(b["text"], marks_b),
                 kinds=sorted(Counter(v["kind"] for v in rows).items()),
                 relations=sorted(Counter(v["relation"] for v in rows).items()),
                 pairs_json=script_json(data), rows=table, errors_mode=errors_mode, body_class="variants")
