"""A document's annotations as marks: what each span says, for the eye and for a screen reader.

One function per layer turns a record into a `Mark` with a spoken label and
the attribute lines of its tooltip. Quotes also yield marks for their speaker
mention and cue, linked both ways (`data-links`), so focusing a quote lights
up who said it and the reporting verb, and focusing either names the quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wirespan.viewer.marks import Mark, info_lines

Record = Mapping[str, Any]

#: Layers a document page can switch on and off, in toolbar order.
SWITCHABLE = ("segments", "quotes", "figures", "locations")


def span_key(prefix: str, doc_id: str, layer: str, record: Record) -> str:
    """A stable element id for a span: prefix, document, layer and offsets."""
    return f"{prefix}{doc_id}:{layer}:{record['start']}-{record['end']}"


def segment_mark(doc_id: str, seg: Record, prefix: str = "") -> Mark:
    return Mark(seg["start"], seg["end"], "segments", span_key(prefix, doc_id, "segment", seg),
                f"{seg['label']} segment", info_lines([("segment", seg["label"])]), (f"seg-{seg['label']}",))


def quote_label(q: Record) -> str:
    speaker = q.get("speaker") or "no attributed speaker"
    return f"quote, {q.get('kind')}, by {speaker}"


def quote_info(q: Record) -> str:
    mention = (q.get("speaker_mention") or {}).get("text")
    cue = (q.get("cue") or {}).get("text")
    return info_lines([("quote", q.get("kind")), ("speaker", q.get("speaker") or "—"),
                       ("speaker mention", mention and f"“{mention}”"), ("cue", cue and f"“{cue}”")])


def figure_label(f: Record) -> str:
    return f"figure, {f.get('kind')}, {value_text(f)}"


def value_text(f: Record) -> str:
    """Value (and upper end), unit, ISO date and qualifier of a figure in a few words."""
    parts = []
    if f.get("value") is not None:
        value = f"{f['value']:g}"
        if f.get("value_high") is not None:
            value += f"–{f['value_high']:g}"
        parts.append(value)
    if f.get("unit"):
        parts.append(str(f["unit"]))
    if f.get("iso"):
        parts.append(f"ISO {f['iso']}")
    if f.get("qualifier") and f.get("qualifier") != "exact":
        parts.append(f"({f['qualifier']})")
    return " ".join(parts) or "no value"


def figure_info(f: Record) -> str:
    return info_lines([("figure", f.get("kind")), ("value", value_text(f)), ("qualifier", f.get("qualifier"))])


def location_label(loc: Record) -> str:
    return f"place, {loc.get('name')}, {loc.get('use')}"


def location_info(loc: Record) -> str:
    coords = (f"{loc['latitude']:.5f}, {loc['longitude']:.5f}"
              if loc.get("latitude") is not None and loc.get("longitude") is not None else "—")
    return info_lines([("place", loc.get("name")), ("feature", loc.get("feature")),
                       ("country", loc.get("country_code")), ("GeoNames id", loc.get("geonames_id") or "—"),
                       ("coordinates", coords), ("use", loc.get("use"))])


def layer_marks(doc_id: str, layer: str, records: Iterable[Record], prefix: str = "",
                classes: tuple[str, ...] = ()) -> list[Mark]:
    """Marks of one layer of a document (quotes with their speaker mentions and cues)."""
    records = list(records)
    if layer == "segments":
        return [segment_mark(doc_id, r, prefix) for r in records]
    if layer == "quotes":
        return quote_marks(doc_id, records, prefix, classes)
    tag = {"figures": "figure", "locations": "location"}[layer]
    label, info = (figure_label, figure_info) if layer == "figures" else (location_label, location_info)
    extra = (lambda r: (f"use-{r.get('use')}",)) if layer == "locations" else (lambda r: (f"kind-{r.get('kind')}",))
    return [Mark(r["start"], r["end"], layer, span_key(prefix, doc_id, tag, r), label(r), info(r),
                 classes + extra(r)) for r in records]


def quote_marks(doc_id: str, quotes: list[Record], prefix: str = "", classes: tuple[str, ...] = ()) -> list[Mark]:
    """Quotes, plus one mark per distinct speaker mention and cue, linked to their quotes."""
    parts: dict[tuple[str, int, int], list[str]] = {}
    marks = []
    for q in quotes:
        qkey = span_key(prefix, doc_id, "quote", q)
        links = []
        for role in ("speaker_mention", "cue"):
            span = q.get(role)
            if span is None:
                continue
            name = "speaker" if role == "speaker_mention" else "cue"
            links.append(span_key(prefix, doc_id, name, span))
            parts.setdefault((name, span["start"], span["end"]), []).append(qkey)
        data = (("links", " ".join(links)),) if links else ()
        marks.append(Mark(q["start"], q["end"], "quotes", qkey, quote_label(q), quote_info(q),
                          classes + (f"kind-{q.get('kind')}",), data))
    texts = {(("speaker" if role == "speaker_mention" else "cue"), q[role]["start"], q[role]["end"]): q[role]
             for q in quotes for role in ("speaker_mention", "cue") if q.get(role)}
    for (name, start, end), qkeys in sorted(parts.items()):
        span = texts[(name, start, end)]
        what = "speaker mention" if name == "speaker" else "reporting cue"
        marks.append(Mark(start, end, name, span_key(prefix, doc_id, name, span),
                          f"{what} of {len(qkeys)} quote{'s' if len(qkeys) > 1 else ''}",
                          info_lines([(what, f"“{span['text']}”"), ("quotes", len(qkeys))]), classes,
                          (("links", " ".join(qkeys)),)))
    return marks


def document_marks(doc: Record, prefix: str = "") -> list[Mark]:
    """Every mark of a document's four layers."""
    return [m for layer in SWITCHABLE for m in layer_marks(doc["id"], layer, doc.get(layer) or [], prefix)]
