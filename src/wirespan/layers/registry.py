"""The one declaration of every annotation layer, from which every per-layer table is derived.

A layer is declared once, as a `Layer` (after spaCy's registry of components
and BigBIO's task -> schema -> features tables). Schema lookups, the flat
configs, the id formula, validation, scoring, agreement, prediction, the
card's tables, Croissant's record sets and the CLI's choices all read this
registry instead of naming layers, so adding a layer means adding its schema,
its gold, its guideline, its module, its entry here (or `register` from its
own module) and its test — nothing else.

Three scopes:

* ``segments`` partition a document (scored per character);
* span layers (quotes, figures, locations) are spans inside annotatable
  segments, scored by exact and overlap matching plus attribute accuracy;
* ``variants`` are pairs of spans across documents (scope ``corpus``).

A layer is *nested* when the `documents` config carries it as a list field
(the SPEC §2 layers, declared in `document.schema.json`), and *flat* when it
is published as a config of its own with `doc_id` first. A new layer is flat
only unless `document.schema.json` is given a field for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

#: The config every corpus publishes first: one row per article, layers nested.
DOCUMENTS = "documents"
#: Record schema of the `documents` config.
DOCUMENT_SCHEMA = "document.schema.json"


@dataclass(frozen=True)
class LayerInput:
    """What an extractor sees of one document: its raw text, the predicted segments, a reference date and
    where its source is published.

    Extractors never see gold: the segments are the automatic segmenter's,
    `published` is the date a year is taken from when the text omits it, and
    `home` (an ISO 3166 code, checked by the input reader) is where the source
    is published, which the locations layer reads as an unprinted dateline.
    """

    doc_id: str
    text: str
    segments: Sequence[dict[str, Any]] = ()
    published: str | None = None
    home: str | None = None


Extractor = Callable[[LayerInput], list[dict[str, Any]]]


@dataclass(frozen=True)
class Layer:
    """One annotation layer, declared once."""

    name: str
    """Config name, gold file stem (`gold/<name>.jsonl`) and field name in `documents`."""
    schema: str
    """File name of one record's JSON Schema in `schema/`."""
    row: str
    """What one row is, in the card's contents table ("quote", "location mention")."""
    description: str
    """Croissant's RecordSet description of the flat config."""
    scope: Literal["document", "corpus"] = "document"
    """`document`: records are spans of one document; `corpus`: pairs of spans across documents."""
    id_tag: str | None = None
    """Tag in annotation ids `{doc_id}:{id_tag}:{start}-{end}` (document scope only)."""
    nested: bool = False
    """Carried as a list field of `documents` (then `document.schema.json` declares it)."""
    flat: bool = True
    """Published as a config of its own (`doc_id` + record for document-scope layers)."""
    annotatable: bool = True
    """Spans must lie inside the annotatable segments (SPEC §3); false for the segments themselves."""
    attributes: tuple[str, ...] = ()
    """Attributes compared on matched spans by `score`, `evaluate` and `agreement`."""
    kappa: tuple[str, ...] = ()
    """Categorical attributes that also get Cohen's kappa in `agreement`."""
    nested_spans: tuple[str, ...] = ()
    """Attributes that are spans themselves and must slice the text too (a quote's cue)."""
    signature: str | None = None
    """A field only this layer's flat rows have: how a predictions file's layer is recognised."""
    extractor: str | None = None
    """`module:function` of the baseline, a function of one `LayerInput` (document scope) or of the
    annotated documents (corpus scope); imported when first run."""
    system: str | None = None
    """Name of the baseline in the card's results table."""
    double_annotated: bool = False
    """Two independent annotations exist under `annotation/` (`wirespan agreement`)."""

    @property
    def scoring(self) -> Literal["characters", "spans", "pairs"]:
        """How the layer is scored: segments per character, pairs by both sides, the rest as spans."""
        if self.scope == "corpus":
            return "pairs"
        return "spans" if self.annotatable else "characters"

    def annotation_id(self, doc_id: str, start: int, end: int) -> str:
        """Stable id of one record: document, layer tag and offsets (ids never depend on order)."""
        if self.id_tag is None:
            raise ValueError(f"layer {self.name!r} has no offset-derived ids")
        return f"{doc_id}:{self.id_tag}:{start}-{end}"

    def extract(self, *args: Any) -> list[dict[str, Any]]:
        """Run this layer's baseline (see `extractor`)."""
        if self.extractor is None:
            raise ValueError(f"layer {self.name!r} has no baseline")
        module, _, function = self.extractor.partition(":")
        return getattr(importlib.import_module(module), function)(*args)


_REGISTRY: dict[str, Layer] = {}


def register(layer: Layer) -> Layer:
    """Declare a layer (a module may declare its own); the order of declaration is the order of configs."""
    if layer.name in _REGISTRY and _REGISTRY[layer.name] != layer:
        raise ValueError(f"layer {layer.name!r} is already declared differently")
    if layer.scope == "document" and layer.id_tag is None:
        raise ValueError(f"layer {layer.name!r}: a document-scope layer needs an id tag")
    _REGISTRY[layer.name] = layer
    return layer


def unregister(name: str) -> None:
    """Remove a layer declared at run time (tests that add a toy layer clean up with this)."""
    _REGISTRY.pop(name, None)


def get(name: str) -> Layer:
    """The layer of that name (KeyError names the known ones)."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown layer {name!r}; known: {', '.join(_REGISTRY)}") from None


def layers() -> tuple[Layer, ...]:
    """Every layer, in order of declaration."""
    return tuple(_REGISTRY.values())


def names(*, scope: str | None = None, nested: bool | None = None, annotatable: bool | None = None,
          double_annotated: bool | None = None) -> tuple[str, ...]:
    """Names of the layers that match every given property."""
    def keep(layer: Layer) -> bool:
        return ((scope is None or layer.scope == scope) and (nested is None or layer.nested == nested)
                and (annotatable is None or layer.annotatable == annotatable)
                and (double_annotated is None or layer.double_annotated == double_annotated))
    return tuple(layer.name for layer in _REGISTRY.values() if keep(layer))


def document_layers() -> tuple[str, ...]:
    """Layers whose records are spans of one document (nested first, then flat-only ones)."""
    return names(scope="document", nested=True) + names(scope="document", nested=False)


def nested_layers() -> tuple[str, ...]:
    """Layers carried inside every `documents` row (SPEC §2)."""
    return names(scope="document", nested=True)


def span_layers() -> tuple[str, ...]:
    """Document layers annotated inside annotatable segments (every one but the segments)."""
    return tuple(n for n in document_layers() if get(n).annotatable)


def configs() -> tuple[str, ...]:
    """Every config the corpus can publish: `documents` (the default) first, then each flat layer."""
    return (DOCUMENTS, *(layer.name for layer in _REGISTRY.values() if layer.flat))


def published_configs(row_counts: dict[str, int]) -> tuple[str, ...]:
    """The configs a corpus with these row counts publishes.

    A flat config with no rows is left out: `datasets` cannot load a Parquet
    file of zero rows ("BatchSize must be greater than 0").
    """
    return tuple(c for c in configs() if c == DOCUMENTS or row_counts.get(c, 0) > 0)


def record_schema(config: str) -> str:
    """File name of the record schema of a config or layer."""
    return DOCUMENT_SCHEMA if config == DOCUMENTS else get(config).schema


# ---------------------------------------------------------------- the corpus's layers
register(Layer(
    name="segments", schema="segment.schema.json", id_tag="segment", row="segment", nested=True, flat=False,
    annotatable=False, signature="label",
    description="One row per segment of an article (published nested in `documents` only).",
    extractor="wirespan.layers.segments:extract", system="wirespan.segments",
))
register(Layer(
    name="quotes", schema="quote.schema.json", id_tag="quote", row="quote", nested=True,
    attributes=("kind", "speaker", "speaker_mention", "cue"), kappa=("kind",),
    nested_spans=("speaker_mention", "cue"), signature="speaker",
    description="One row per quote span (the quotes of `documents`, flattened, with `doc_id`).",
    extractor="wirespan.layers.quotes:extract", system="wirespan.quotes", double_annotated=True,
))
register(Layer(
    name="figures", schema="figure.schema.json", id_tag="figure", row="figure", nested=True,
    attributes=("kind", "value", "value_high", "unit", "iso", "qualifier"), kappa=("kind", "qualifier"),
    signature="qualifier",
    description="One row per figure span (the figures of `documents`, flattened, with `doc_id`).",
    extractor="wirespan.layers.figures:extract", system="wirespan.figures", double_annotated=True,
))
register(Layer(
    name="locations", schema="location.schema.json", id_tag="location", row="location mention", nested=True,
    attributes=("name", "feature", "country_code", "geonames_id", "use"), kappa=("use", "feature"),
    signature="feature",
    description="One row per location mention (the locations of `documents`, flattened, with `doc_id`).",
    extractor="wirespan.layers.locations:extract", system="wirespan.locations", double_annotated=True,
))
register(Layer(
    name="variants", schema="variant.schema.json", scope="corpus", row="variant pair",
    description="One row per cross-source variant pair of spans `a` and `b`.",
    extractor="wirespan.layers.variants:extract", system="wirespan.variants", double_annotated=True,
))
