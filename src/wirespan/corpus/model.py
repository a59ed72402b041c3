"""Typed, read-only records of the corpus: one frozen dataclass per JSON Schema.

The Python API hands these out instead of nested dicts so that an editor can
complete `doc.quotes[0].speaker` and a type checker can check it. They add no
fields and drop none: every class lists exactly the `properties` of its schema
(`SCHEMA` names the file; `tests/test_api.py` compares them), in the schema's
order, and `from_row` / `to_row` convert from and to the rows of the Parquet
files and the predictions `wirespan evaluate` reads. Lists become tuples so
that records are hashable and cannot be changed by accident.

A document layer that was not annotated (the Python `annotate` run with a
choice of layers) is `None`, not an empty tuple: empty means "annotated, found
nothing", and `evaluate` scores only the layers that are there.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar, Union

from wirespan.layers import registry

R = TypeVar("R", bound="Record")


class Record:
    """Conversion between rows (plain dicts, as in the Parquet files) and frozen dataclasses."""

    SCHEMA: ClassVar[str]
    """The schema file (and, after `#`, the property) whose `properties` are this class's fields."""

    @classmethod
    def from_row(cls: type[R], row: Mapping[str, Any]) -> R:
        """The record of one row; fields the row lacks are None, fields the class lacks are refused."""
        hints = _hints(cls)
        unknown = set(row) - set(hints)
        if unknown:
            raise ValueError(f"{cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
        return cls(**{name: _convert(hint, row.get(name)) for name, hint in hints.items()})

    def to_row(self) -> dict[str, Any]:
        """The row of this record (tuples as lists; a layer that was not annotated is left out)."""
        out = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is None and f.name in registry.nested_layers():
                continue
            out[f.name] = _plain(value)
        return out


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The dataclass fields of `cls` with their resolved types (class variables left out)."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _convert(hint: Any, value: Any) -> Any:
    """`value` as the type `hint` describes: records built, lists made tuples, None kept."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, v) for v in value)
    if isinstance(hint, type) and issubclass(hint, Record):
        return value if isinstance(value, hint) else hint.from_row(value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_row()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Span(Record):
    """A character span of a document's text (a quote's speaker mention or cue)."""

    SCHEMA: ClassVar[str] = "span.schema.json"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Anchor(Record):
    """A span in a named document: one side of a variant pair."""

    SCHEMA: ClassVar[str] = "anchor.schema.json"
    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Segment(Record):
    """What one stretch of the page is (headline, body, caption, ...)."""

    SCHEMA: ClassVar[str] = "segment.schema.json"
    id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Quote(Record):
    """A quotation with its speaker, the span naming the speaker and the reporting cue."""

    SCHEMA: ClassVar[str] = "quote.schema.json"
    id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_mention: Span | None
    cue: Span | None


@dataclass(frozen=True)
class Figure(Record):
    """A numeric expression with its normalised value."""

    SCHEMA: ClassVar[str] = "figure.schema.json"
    id: str
    start: int
    end: int
    text: str
    kind: str
    value: float | None
    value_high: float | None
    unit: str | None
    iso: str | None
    qualifier: str


@dataclass(frozen=True)
class Location(Record):
    """A place name grounded in the gazetteer, with its literal or metonymic use."""

    SCHEMA: ClassVar[str] = "location.schema.json"
    id: str
    start: int
    end: int
    text: str
    name: str
    feature: str
    country_code: str | None
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    use: str


@dataclass(frozen=True)
class VariantPair(Record):
    """Two spans of different documents that render the same sentence, quote, figure or name."""

    SCHEMA: ClassVar[str] = "variant.schema.json"
    id: str
    kind: str
    relation: str
    a: Anchor
    b: Anchor
    a_ref: str | None
    b_ref: str | None


@dataclass(frozen=True)
class Source(Record):
    """Where a document comes from, as its text shows."""

    SCHEMA: ClassVar[str] = "document.schema.json#source"
    outlet: str | None
    wire: str | None
    derivation: str
    evidence: str | None
    story: str | None


@dataclass(frozen=True)
class Document(Record):
    """One article: text, metadata and its nested layers (None: layer not annotated)."""

    SCHEMA: ClassVar[str] = "document.schema.json"
    id: str
    text: str
    sha256: str
    title: str | None
    published: str | None
    language: str
    source: Source
    status: str
    input_id: str | None
    segments: tuple[Segment, ...] | None
    quotes: tuple[Quote, ...] | None
    figures: tuple[Figure, ...] | None
    locations: tuple[Location, ...] | None

    def layer(self, name: str) -> tuple[Record, ...] | None:
        """The records of a nested layer by name (None when it was not annotated)."""
        if name not in registry.nested_layers():
            raise KeyError(f"{name!r} is not a layer nested in documents ({', '.join(registry.nested_layers())})")
        return getattr(self, name)


#: Every record class, by the schema file (and property) it mirrors.
RECORDS: dict[str, type[Record]] = {cls.SCHEMA: cls for cls in
                                    (Span, Anchor, Segment, Quote, Figure, Location, VariantPair, Source, Document)}


def record_class(layer: str) -> type[Record]:
    """The class of one record of a nested layer (found through the layer's schema in the registry).

    Layers that are not nested in `documents` (a flat layer added through the
    registry alone) have no class: `Corpus.flat` gives their rows as dicts.
    """
    schema = registry.get(layer).schema
    if schema not in RECORDS:
        raise KeyError(f"layer {layer!r} has no record class (its rows are in Corpus.flat)")
    return RECORDS[schema]


@dataclass(frozen=True)
class Corpus(Sequence[Document]):
    """Documents with their layers, and the variant pairs between them; a sequence of its documents.

    `variants` is None when there are none to give (a corpus without a
    `variants` config, or an `annotate` run without the variants layer).
    `dataset` is the `datasets.Dataset` `wirespan.load` read (None for
    annotations made in memory).
    """

    documents: tuple[Document, ...]
    variants: tuple[VariantPair, ...] | None = None
    dataset: Any = field(default=None, compare=False, repr=False)
    flat: Mapping[str, tuple[dict[str, Any], ...]] = field(default_factory=dict, hash=False)
    """Rows (`doc_id` + record) of document layers that are not nested in `documents`, by layer."""

    def __getitem__(self, index):  # type: ignore[override]
        return self.documents[index]

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def document(self, doc_id: str) -> Document:
        """The document of that id (KeyError when there is none)."""
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(f"no document {doc_id!r}")

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """`documents` rows and, when there are variant pairs, `variants` rows (what `evaluate` reads)."""
        out = {registry.DOCUMENTS: [d.to_row() for d in self.documents]}
        if self.variants is not None:
            out["variants"] = [v.to_row() for v in self.variants]
        out.update({layer: list(rows) for layer, rows in self.flat.items()})
        return out
