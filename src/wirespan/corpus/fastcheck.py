"""A compiled yes/no check of the JSON Schemas, so that a valid record costs little to check.

Why: the corpus-scale pipeline checks every record of every article against
its schema, and `jsonschema` walks the schema anew for every value (about a
third of the CPU time of annotating an article).  This module turns a
schema, once, into the source of one straight-line Python function (nested
objects and `$ref`s written inline, arrays as plain loops) that only answers
"valid or not", and `exec`s it.  Nested closures did the same with one
Python call per value (80,000 calls per 150 articles); the generated code
makes a call only for an `anyOf` with more than one non-null branch and for
a `$ref` inside its own document.

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
#: How many `$ref`s deep a document is written inline before the generated code calls its function instead.
_INLINE_REFS = 8


class Unsupported(Exception):
    """The schema uses a keyword (or form of one) this compiler does not know."""


#: The test of one Draft 2020-12 type with wirespan's number rules (`schema._type`), as an expression of `{v}`.
_TYPE_TESTS = {
    "string": "isinstance({v}, str)",
    "null": "{v} is None",
    "boolean": "isinstance({v}, bool)",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "integer": "((type({v}) is int or isinstance({v}, int) and not isinstance({v}, bool)) "
               "and INT64_MIN <= {v} <= INT64_MAX)",
    "number": "(not isinstance({v}, bool) and (INT64_MIN <= {v} <= INT64_MAX if isinstance({v}, int) "
              "else isinstance({v}, float) and isfinite({v})))",
}
#: A number for `minimum` / `maximum` (bool is not one), as an expression of `{v}`.
_NUMBER = "(isinstance({v}, (int, float)) and not isinstance({v}, bool))"


def _iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class _Writer:
    """Writes the source of the check functions of one schema (and of the documents it refers to)."""

    def __init__(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        self.documents = documents
        self.constants: dict[str, Any] = {"INT64_MIN": INT64_MIN, "INT64_MAX": INT64_MAX, "isfinite": math.isfinite,
                                          "_DATE": _DATE, "_iso_date": _iso_date, "_MISSING": _MISSING}
        self.functions: list[list[str]] = []
        self.ref_functions: dict[str, str] = {}
        self.counter = 0

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def constant(self, value: Any) -> str:
        """A name bound to `value` in the generated module (sets, patterns, numbers)."""
        key = self.name("_c")
        self.constants[key] = value
        return key

    def function(self, schema: Any, refs: tuple[str, ...]) -> str:
        """A generated `def` that answers for `schema`; its name."""
        fname = self.name("_check")
        lines = [f"def {fname}(v0):"]
        self.functions.append(lines)  # the order of the defs does not matter: names are looked up when called
        body: list[str] = []
        self.node(schema, "v0", 1, body, refs)
        lines += body + ["    return True"]
        return fname

    def ref_function(self, ref: str) -> str:
        """The function of a `$ref`'s document (written once; a document may refer to itself)."""
        if ref not in self.ref_functions:
            self.ref_functions[ref] = fname = self.name("_ref")
            lines = [f"def {fname}(v0):"]
            self.functions.append(lines)
            body: list[str] = []
            self.node(self.documents[ref], "v0", 1, body, (ref,))
            lines += body + ["    return True"]
        return self.ref_functions[ref]

    def node(self, schema: Any, v: str, depth: int, out: list[str], refs: tuple[str, ...]) -> None:
        """Statements (at `depth`) that return False when the value named `v` breaks `schema`."""
        pad = "    " * depth
        if schema is True:
            return
        if schema is False:
            out.append(f"{pad}return False")
            return
        if not isinstance(schema, Mapping):
            raise Unsupported("schema is not an object")
        known = None  # the Python class the value is known to have once the type test passed
        types = schema.get("type")
        if types is not None:
            kinds = (types,) if isinstance(types, str) else tuple(types)
            if not kinds or any(k not in _TYPE_TESTS for k in kinds):
                raise Unsupported(f"type {types!r}")
            test = " or ".join(_TYPE_TESTS[k].format(v=v) for k in kinds)
            out.append(f"{pad}if not ({test}):")
            out.append(f"{pad}    return False")
            if len(kinds) == 1 and kinds[0] in ("string", "object", "array", "integer"):
                known = kinds[0]
        # `required` first: the properties it names are then read without a test of their presence
        # (the order of the keywords' tests changes no answer, only which failing test answers first)
        ordered = sorted(schema.items(), key=lambda item: item[0] != "required")
        for name, arg in ordered:
            if name in ANNOTATIONS or name == "type":
                continue
            self.keyword(name, arg, schema, v, depth, out, refs, known)

    def keyword(self, name: str, arg: Any, schema: Mapping[str, Any], v: str, depth: int, out: list[str],
                refs: tuple[str, ...], known: str | None) -> None:
        pad = "    " * depth

        def guard(kind: str, cls: str) -> str:  # the type guard of a keyword, dropped when the type is known
            return "" if known == kind else f"isinstance({v}, {cls}) and "

        if name in ("minimum", "maximum"):
            if not isinstance(arg, (int, float)) or isinstance(arg, bool):
                raise Unsupported(f"{name} {arg!r}")
            op = ">=" if name == "minimum" else "<="
            number = "" if known == "integer" else f"{_NUMBER.format(v=v)} and "
            out.append(f"{pad}if {number}not {v} {op} {self.constant(arg)}:")
        elif name == "minLength":
            out.append(f"{pad}if {guard('string', 'str')}len({v}) < {self.constant(arg)}:")
        elif name == "pattern":
            out.append(f"{pad}if {guard('string', 'str')}{self.constant(re.compile(arg))}.search({v}) is None:")
        elif name == "enum":
            if not all(isinstance(e, str) or e is None for e in arg):
                raise Unsupported("enum of non-strings")
            allowed = self.constant(frozenset(arg))
            if known == "string":
                out.append(f"{pad}if {v} not in {allowed}:")
            else:
                out.append(f"{pad}if not (({v} is None or isinstance({v}, str)) and {v} in {allowed}):")
        elif name == "format":
            if arg != "date":
                raise Unsupported(f"format {arg!r}")
            out.append(f"{pad}if {guard('string', 'str')}not (_DATE.fullmatch({v}) and _iso_date({v})):")
        elif name == "required":
            out.append(f"{pad}if {guard('object', 'dict')}not {self.constant(frozenset(arg))}.issubset({v}):")
        elif name == "additionalProperties":
            if arg is not False:
                raise Unsupported("additionalProperties other than false")
            allowed = self.constant(frozenset(schema.get("properties", {})))
            out.append(f"{pad}if {guard('object', 'dict')}not {allowed}.issuperset({v}):")
        elif name == "properties":
            inner = depth if known == "object" else depth + 1
            body: list[str] = []
            present = frozenset(schema.get("required", ())) if known == "object" else frozenset()
            for key, sub in arg.items():
                x = self.name("v")
                if key in present:  # the `required` test above has passed
                    body.append(f"{'    ' * inner}{x} = {v}[{key!r}]")
                    self.node(sub, x, inner, body, refs)
                    continue
                body.append(f"{'    ' * inner}{x} = {v}.get({key!r}, _MISSING)")
                body.append(f"{'    ' * inner}if {x} is not _MISSING:")
                self._block(sub, x, inner + 1, body, refs)
            self._under(f"isinstance({v}, dict)", known == "object", depth, body, out)
            return
        elif name == "items":
            inner = depth if known == "array" else depth + 1
            x = self.name("v")
            body = [f"{'    ' * inner}for {x} in {v}:"]
            self._block(arg, x, inner + 1, body, refs)
            self._under(f"isinstance({v}, list)", known == "array", depth, body, out)
            return
        elif name == "anyOf":
            self.any_of(arg, v, depth, out, refs)
            return
        elif name == "$ref":
            if arg not in self.documents:
                raise Unsupported(f"$ref {arg!r}")
            if arg in refs or len(refs) >= _INLINE_REFS:
                out.append(f"{pad}if not {self.ref_function(arg)}({v}):")
            else:
                self.node(self.documents[arg], v, depth, out, refs + (arg,))
                return
        else:
            raise Unsupported(f"keyword {name!r}")
        out.append(f"{pad}    return False")

    def _block(self, schema: Any, v: str, depth: int, out: list[str], refs: tuple[str, ...]) -> None:
        """`node` as the body of an `if` or `for` just written (`pass` when it has no statement)."""
        before = len(out)
        self.node(schema, v, depth, out, refs)
        if len(out) == before:
            out.append(f"{'    ' * depth}pass")

    @staticmethod
    def _under(test: str, known: bool, depth: int, body: list[str], out: list[str]) -> None:
        """`body` under `if test:` (written at `depth + 1`), or as it is when the test is known to hold."""
        if not known:
            out.append(f"{'    ' * depth}if {test}:")
        out.extend(body or [f"{'    ' * (depth + 1)}pass"])

    def any_of(self, options: Any, v: str, depth: int, out: list[str], refs: tuple[str, ...]) -> None:
        """`anyOf`: a null branch is the test `v is None`; one other branch is written inline, several are
        called as functions."""
        pad = "    " * depth
        if not isinstance(options, list) or not options:
            raise Unsupported("anyOf")
        nullable = any(o == {"type": "null"} for o in options)
        rest = [o for o in options if o != {"type": "null"}]
        if not rest:
            out.append(f"{pad}if {v} is not None:")
            out.append(f"{pad}    return False")
            return
        if len(rest) == 1:
            if nullable:
                out.append(f"{pad}if {v} is not None:")
                self._block(rest[0], v, depth + 1, out, refs)
            else:
                self.node(rest[0], v, depth, out, refs)
            return
        calls = [f"{self.function(o, refs)}({v})" for o in rest]
        if nullable:
            calls.insert(0, f"{v} is None")
        out.append(f"{pad}if not ({' or '.join(calls)}):")
        out.append(f"{pad}    return False")


#: What a missing property reads as (no value of a record is this object).
_MISSING = object()


def check_source(schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The Python source of the check of `schema` (its entry point is `check`) and the names it uses;
    `Unsupported` for a keyword beyond the compiler."""
    writer = _Writer(documents)
    entry = writer.function(schema, ())
    source = "\n\n".join("\n".join(lines) for lines in writer.functions)
    return f"{source}\n\ncheck = {entry}\n", writer.constants


def compile_check(schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> Check | None:
    """A yes/no check of `schema`, whose `$ref`s name files of `documents`; None when a keyword is unknown."""
    try:
        source, constants = check_source(schema, documents)
    except Unsupported:
        return None
    namespace = dict(constants)
    exec(compile(source, "<wirespan.corpus.fastcheck>", "exec"), namespace)  # noqa: S102 - source written above
    return namespace["check"]
