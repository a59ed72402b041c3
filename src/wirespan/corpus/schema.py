"""The JSON Schema files are the single source of truth for every record shape.

From them this module derives (a) jsonschema validators, (b) the exact Arrow
schema each Parquet file is written with, and (c) the `datasets.Features` the
card's YAML declares. Nothing here restates a field by hand: a new field in
`schema/*.schema.json` flows to validation, Parquet and the card at once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

if TYPE_CHECKING:  # `datasets` takes seconds to import; only the card needs it (see `features`)
    import datasets

#: The annotation layers nested in `documents` and published as flat configs.
LAYERS = ("segments", "quotes", "figures", "locations")
#: Every config the corpus can publish, `documents` (the default) first. Segments
#: are published nested in `documents` only (they are per-document structure).
#: A flat config with no rows is left out: `datasets` cannot load a Parquet
#: file of zero rows ("BatchSize must be greater than 0").
CONFIGS = ("documents", "quotes", "figures", "locations", "variants")


def published_configs(row_counts: dict[str, int]) -> tuple[str, ...]:
    """The configs a corpus with these row counts publishes."""
    return tuple(c for c in CONFIGS if c == "documents" or row_counts.get(c, 0) > 0)
#: Schema file of one record of each layer / config.
RECORD_SCHEMA = {
    "documents": "document.schema.json",
    "segments": "segment.schema.json",
    "quotes": "quote.schema.json",
    "figures": "figure.schema.json",
    "locations": "location.schema.json",
    "variants": "variant.schema.json",
}
#: Short layer names used in annotation ids (`{doc_id}:{tag}:{start}-{end}`).
ID_TAG = {"segments": "segment", "quotes": "quote", "figures": "figure", "locations": "location"}

_SCALARS = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}


def flat_row_schema(config: str, record: dict[str, Any], doc_id: dict[str, Any]) -> dict[str, Any]:
    """A flat layer row: `doc_id` first, then the record's fields."""
    return {
        "$schema": record["$schema"],
        "title": f"{config} row",
        "type": "object",
        "additionalProperties": False,
        "required": ["doc_id", *record["required"]],
        "properties": {"doc_id": doc_id, **record["properties"]},
    }


class SchemaError(Exception):
    """A schema file uses a construct the Arrow derivation does not support."""


class Schemas:
    """All JSON Schemas of one `schema/` folder, with derived validators and Arrow types."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.documents: dict[str, dict[str, Any]] = {}
        for path in sorted(self.folder.glob("*.schema.json")):
            self.documents[path.name] = json.loads(path.read_text(encoding="utf-8"))
        if not self.documents:
            raise SchemaError(f"{self.folder}: no *.schema.json files")
        self.registry = Registry().with_resources(
            (name, Resource.from_contents(doc)) for name, doc in self.documents.items()
        )

    # -- validation -----------------------------------------------------
    def validator(self, config: str) -> Draft202012Validator:
        """A validator for one row of `config` (format "date" is checked too)."""
        return Draft202012Validator(self.row_schema(config), registry=self.registry,
                                    format_checker=FormatChecker())

    def row_schema(self, config: str) -> dict[str, Any]:
        """Schema of one row: the record schema, plus `doc_id` first for flat layer configs."""
        record = self.documents[RECORD_SCHEMA[config]]
        if config not in LAYERS:
            return record
        return flat_row_schema(config, record, self.documents["document.schema.json"]["properties"]["id"])

    # -- Arrow / datasets -----------------------------------------------
    def arrow_schema(self, config: str) -> pa.Schema:
        """Exact Arrow schema of the Parquet file of `config`."""
        row = self.row_schema(config)
        return pa.schema(self._fields(row))

    def features(self, config: str) -> datasets.Features:
        """`datasets.Features` for `config`, derived from the Arrow schema."""
        import datasets

        return datasets.Features.from_arrow_schema(self.arrow_schema(config))

    def _resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        if "$ref" in node:
            return self.documents[node["$ref"]]
        return node

    def _fields(self, obj: Mapping[str, Any]) -> list[pa.Field]:
        obj = self._resolve(obj)
        if obj.get("type") != "object":
            raise SchemaError(f"{obj.get('title')}: expected an object schema")
        required = set(obj.get("required", []))
        fields = []
        for name, node in obj["properties"].items():
            arrow_type, nullable = self._type(node)
            fields.append(pa.field(name, arrow_type, nullable=nullable or name not in required))
        return fields

    def _type(self, node: Mapping[str, Any]) -> tuple[pa.DataType, bool]:
        """Arrow type of a property and whether JSON null is allowed."""
        if "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            if len(options) != 1:
                raise SchemaError(f"unsupported anyOf: {node}")
            arrow_type, _ = self._type(options[0])
            return arrow_type, len(options) < len(node["anyOf"])
        node = self._resolve(node)
        types = node.get("type")
        types = [types] if isinstance(types, str) else list(types or [])
        nullable = "null" in types
        types = [t for t in types if t != "null"]
        if len(types) != 1:
            raise SchemaError(f"unsupported type union: {node}")
        kind = types[0]
        if kind in _SCALARS:
            return _SCALARS[kind], nullable
        if kind == "object":
            return pa.struct(self._fields(node)), nullable
        if kind == "array":
            item_type, item_nullable = self._type(node["items"])
            return pa.list_(pa.field("item", item_type, nullable=item_nullable)), nullable
        raise SchemaError(f"unsupported type {kind!r}")

