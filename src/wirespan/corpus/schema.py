"""The JSON Schema files are the single source of truth for every record shape.

From them this module derives (a) jsonschema validators, (b) the exact Arrow
schema each Parquet file is written with, and (c) the `datasets.Features` the
card's YAML declares. Nothing here restates a field by hand: a new field in
`schema/*.schema.json` flows to validation, Parquet and the card at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import SchemaError as JsonSchemaError
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from wirespan.corpus.fastcheck import compile_check
from wirespan.corpus.jsonl import INT64_MAX, INT64_MIN, loads
from wirespan.layers import registry
from wirespan.errors import SchemaError

if TYPE_CHECKING:  # `datasets` takes seconds to import; only the card needs it (see `features`)
    import datasets

_SCALARS = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}


_JSON_SCHEMA_TYPE = Draft202012Validator.VALIDATORS["type"]


def _type(validator: Any, types: Any, instance: Any, schema: Mapping[str, Any]) -> Any:
    """JSON Schema `type`, plus what Arrow needs of numbers: finite floats, int64 integers, no 3.0 as integer.

    JSON Schema calls 3.0 an integer and cannot say "finite"; the Parquet
    columns are int64 and the corpus means no NaN or ±Infinity, so every
    validator wirespan makes refuses them under the check id `schema-type`.
    """
    kinds = [types] if isinstance(types, str) else list(types)
    if isinstance(instance, float) and not math.isfinite(instance) and "number" in kinds:
        yield ValidationError(f"{instance!r} is not a finite number (NaN and ±Infinity are refused)")
        return
    if isinstance(instance, int) and not isinstance(instance, bool) and not INT64_MIN <= instance <= INT64_MAX:
        yield ValidationError(f"{instance} is outside the signed 64-bit integer range")
        return
    if isinstance(instance, float) and "integer" in kinds and "number" not in kinds:
        yield ValidationError(f"{instance!r} is not of type 'integer'")
        return
    yield from _JSON_SCHEMA_TYPE(validator, types, instance, schema)


#: The validator class of every record check (Draft 2020-12 with wirespan's number rules).
Validator = validators.extend(Draft202012Validator, validators={"type": _type})


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



def schema_registry(documents: Mapping[str, Mapping[str, Any]]) -> Registry:
    """The schemas as `$ref` targets, validated by `Validator` too.

    jsonschema picks the validator class of a referenced schema from its
    `$schema` key (`validator_for`), which would validate every `$ref`-ed
    record with the plain Draft 2020-12 class and skip the number rules;
    the registry's copies therefore leave `$schema` out (they are Draft 2020-12).
    """
    return Registry().with_resources(
        (name, Resource.from_contents({k: v for k, v in doc.items() if k != "$schema"},
                                      default_specification=DRAFT202012))
        for name, doc in documents.items())


def _read_schema(path: Path) -> dict[str, Any]:
    """One schema file, parsed and checked against the JSON Schema metaschema; `SchemaError` naming it if not."""
    try:
        doc = loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SchemaError(f"unreadable schema: {exc}", str(path), "schema-unreadable") from None
    try:
        Draft202012Validator.check_schema(doc)
    except JsonSchemaError as exc:
        raise SchemaError(f"not a valid JSON Schema: {exc.message}", str(path), "schema-invalid") from None
    if not isinstance(doc, dict):
        raise SchemaError("a schema file must hold a JSON object", str(path), "schema-invalid")
    return doc


class Schemas:
    """All JSON Schemas of one `schema/` folder, with derived validators and Arrow types."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.documents: dict[str, dict[str, Any]] = {}
        for path in sorted(self.folder.glob("*.schema.json")):
            self.documents[path.name] = _read_schema(path)
        if not self.documents:
            raise SchemaError(f"{self.folder}: no *.schema.json files", str(self.folder), "schema-missing")
        missing = sorted({registry.record_schema(c) for c in registry.configs()} - set(self.documents))
        if missing:
            raise SchemaError(f"missing schema file(s): {', '.join(missing)}", str(self.folder / missing[0]),
                              "schema-missing")
        self.registry = schema_registry(self.documents)
        self._validators: dict[str, Draft202012Validator] = {}
        self._fast: dict[str, Callable[[Any], bool] | None] = {}
        for config in registry.configs():  # every $ref resolves and every Arrow type is derivable, now
            try:
                self.arrow_schema(config)
                self.validator(config).is_valid({})
            except (KeyError, TypeError, AttributeError, Unresolvable, SchemaError) as exc:
                reason = str(exc) if isinstance(exc, SchemaError) else f"{type(exc).__name__}: {exc}"
                raise SchemaError(f"schema of {config!r} cannot be used: {reason}",
                                  str(self.folder / registry.record_schema(config)), "schema-invalid") from None

    # -- validation -----------------------------------------------------
    def validator(self, config: str) -> Draft202012Validator:
        """A validator for one row of `config` (format "date" is checked too).

        Made once per config and kept: the corpus-scale pipeline checks every
        article on its own, and a new validator per call re-resolves every `$ref`.
        """
        cached = self._validators.get(config)
        if cached is None:
            cached = Validator(self.row_schema(config), registry=self.registry, format_checker=FormatChecker())
            self._validators[config] = cached
        return cached

    def fast_check(self, config: str) -> Callable[[Any], bool] | None:
        """A compiled yes/no check of one row of `config` (`fastcheck`), or None if the schema is beyond it.

        Only a fast path: a row it accepts has no finding; any other row
        goes to `validator` for the findings.
        """
        if config not in self._fast:
            self._fast[config] = compile_check(self.row_schema(config), self.documents)
        return self._fast[config]

    def row_schema(self, config: str) -> dict[str, Any]:
        """Schema of one row: the record schema, plus `doc_id` first for flat layer configs."""
        record = self.documents[registry.record_schema(config)]
        if config == registry.DOCUMENTS or registry.get(config).scope == "corpus":
            return record
        return flat_row_schema(config, record, self.documents[registry.DOCUMENT_SCHEMA]["properties"]["id"])

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

