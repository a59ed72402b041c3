"""A compiled yes/no check of the JSON Schemas, so that a valid record costs little to check.

Why: the corpus-scale pipeline checks every record of every article against
its schema, and `jsonschema` walks the schema anew for every value (about a
third of the CPU time of annotating an article).  This module turns a
schema, once, into nested Python closures that only answer "valid or not".
It is a fast path, never the judge: `validate.located_schema_issues` skips
the full validator only for a record this check accepts, and asks
`jsonschema` (with wirespan's number rules) for the findings of any other
record, so every message stays the same.

The check is sound by construction: it knows only the keywords below, with
the semantics of Draft 2020-12 and of `schema.Validator` (finite numbers,
int64 integers, no 3.0 as an integer), and is at least as strict as them.
A schema with any other keyword is not compiled (`compile_check` returns
None) and is always validated in full.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from wirespan.corpus.jsonl import INT64_MAX, INT64_MIN

Check = Callable[[Any], bool]

#: Keywords that say nothing about validity.
ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "$comment", "examples", "default"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Unsupported(Exception):
    """The schema uses a keyword (or form of one) this compiler does not know."""


def _is_type(kind: str, value: Any) -> bool:
    """Draft 2020-12 types with wirespan's number rules (`schema._type`)."""
    if kind == "string":
        return isinstance(value, str)
    if kind == "null":
        return value is None
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX
    if kind == "number":
        if isinstance(value, bool):
            return False
        if isinstance(value, int):
            return INT64_MIN <= value <= INT64_MAX
        return isinstance(value, float) and math.isfinite(value)
    raise Unsupported(f"type {kind!r}")


#: Single types whose test is one `isinstance` (the same answers as `_is_type`, without its chain of ifs).
_PLAIN_TYPES = {"string": str, "object": dict, "array": list}


def _type_check(types: Any) -> Check:
    kinds = (types,) if isinstance(types, str) else tuple(types)
    for kind in kinds:
        _is_type(kind, None)  # raises Unsupported for an unknown type name
    if len(kinds) == 1:
        kind = kinds[0]
        if kind in _PLAIN_TYPES:
            cls = _PLAIN_TYPES[kind]
            return lambda v: isinstance(v, cls)
        return lambda v: _is_type(kind, v)
    def check(v: Any) -> bool:
        for k in kinds:
            if _is_type(k, v):
                return True
        return False
    return check


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _keyword(name: str, arg: Any, schema: Mapping[str, Any], resolve: Callable[[str], Check]) -> Check | None:
    """The check of one keyword (None for an annotation); `Unsupported` for an unknown one."""
    if name in ANNOTATIONS:
        return None
    if name == "type":
        return _type_check(arg)
    if name == "minimum":
        return lambda v: not _number(v) or v >= arg
    if name == "maximum":
        return lambda v: not _number(v) or v <= arg
    if name == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= arg
    if name == "pattern":
        rx = re.compile(arg)
        return lambda v: not isinstance(v, str) or rx.search(v) is not None
    if name == "enum":
        if not all(isinstance(e, str) or e is None for e in arg):
            raise Unsupported("enum of non-strings")
        allowed = frozenset(arg)
        return lambda v: (v is None or isinstance(v, str)) and v in allowed
    if name == "format":
        if arg != "date":
            raise Unsupported(f"format {arg!r}")
        return lambda v: not isinstance(v, str) or bool(_DATE.fullmatch(v) and _iso_date(v))
    if name == "required":
        keys = frozenset(arg)
        return lambda v: not isinstance(v, dict) or keys.issubset(v)
    if name == "properties":
        return _properties({k: compile_node(s, resolve) for k, s in arg.items()})
    if name == "additionalProperties":
        if arg is not False:
            raise Unsupported("additionalProperties other than false")
        known = frozenset(schema.get("properties", {}))
        return lambda v: not isinstance(v, dict) or known.issuperset(v)
    if name == "items":
        return _items(compile_node(arg, resolve))
    if name == "anyOf":
        return _any([compile_node(s, resolve) for s in arg])
    if name == "$ref":
        return resolve(arg)
    raise Unsupported(f"keyword {name!r}")


def _properties(props: dict[str, Check]) -> Check:
    """`properties`: every listed key the object has is valid (a plain loop: generators cost more than the checks)."""
    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for k, x in v.items():
            p = props.get(k)
            if p is not None and not p(x):
                return False
        return True
    return check


def _items(item: Check) -> Check:
    """`items`: every member of an array is valid."""
    def check(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        for x in v:
            if not item(x):
                return False
        return True
    return check


def _all(checks: list[Check]) -> Check:
    """Every keyword of one schema holds."""
    def check(v: Any) -> bool:
        for c in checks:
            if not c(v):
                return False
        return True
    return check


def _any(options: list[Check]) -> Check:
    """`anyOf`: one of the schemas holds."""
    def check(v: Any) -> bool:
        for o in options:
            if o(v):
                return True
        return False
    return check


def _iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def compile_node(schema: Any, resolve: Callable[[str], Check]) -> Check:
    """One schema (object or boolean) as a check."""
    if schema is True:
        return lambda v: True
    if schema is False:
        return lambda v: False
    if not isinstance(schema, Mapping):
        raise Unsupported("schema is not an object")
    checks = [c for name, arg in schema.items() if (c := _keyword(name, arg, schema, resolve)) is not None]
    if len(checks) == 1:
        return checks[0]
    return _all(checks)


def compile_check(schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> Check | None:
    """A yes/no check of `schema`, whose `$ref`s name files of `documents`; None when a keyword is unknown."""
    compiled: dict[str, Check] = {}

    def resolve(ref: str) -> Check:
        if ref not in documents:
            raise Unsupported(f"$ref {ref!r}")
        if ref not in compiled:
            compiled[ref] = lambda v: compiled[ref](v)  # placeholder: a schema that refers to itself
            compiled[ref] = compile_node(documents[ref], resolve)
        return compiled[ref]

    try:
        return compile_node(schema, resolve)
    except Unsupported:
        return None
