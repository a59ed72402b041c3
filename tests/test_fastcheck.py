"""The compiled schema check agrees with the full validator on real rows and on broken copies of them."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from typing import Any

import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from wirespan.corpus.fastcheck import compile_check
from wirespan.corpus.schema import Schemas
from wirespan.layers.registry import configs as registered_configs

SCHEMAS = Schemas(ROOT / "schema")
#: Values that break some rule: wrong types, numbers Arrow cannot hold, NaN, 3.0 for an integer, bad strings.
ODD = [None, True, 3.0, -1, 2**63, float("nan"), float("inf"), "", "x", "2022-02-30", "2022-03-31", " ",
       [], {}, ["x"], 0, 1.5, "0123456789abcdef:quote:1-2", "passage", "spelling"]


def rows(config: str) -> list[dict[str, Any]]:
    return pq.read_table(ROOT / "corpus" / config / "test-00000-of-00001.parquet").to_pylist()


def paths(node: Any, prefix: tuple = ()) -> Iterator[tuple]:
    """Every place inside a row (dict keys and list indices)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,)
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield prefix + (i,)
            yield from paths(v, prefix + (i,))


def mutants(row: dict[str, Any], rng: random.Random, n: int) -> Iterator[dict[str, Any]]:
    """Copies of `row` with one place replaced, deleted, or an unknown key added."""
    places = list(paths(row))
    for _ in range(n):
        place = rng.choice(places)
        out = copy.deepcopy(row)
        parent = out
        for key in place[:-1]:
            parent = parent[key]
        action = rng.random()
        if action < 0.15 and isinstance(parent, dict):
            del parent[place[-1]]
        elif action < 0.25 and isinstance(parent, dict):
            parent["unknown_field"] = 1
        else:
            parent[place[-1]] = rng.choice(ODD)
        yield out


@pytest.mark.parametrize("config", registered_configs())
def test_compiled_check_agrees_with_jsonschema(config: str) -> None:
    fast = SCHEMAS.fast_check(config)
    assert fast is not None  # every schema of the project uses only keywords the compiler knows
    validator = SCHEMAS.validator(config)
    rng = random.Random(config)
    real = rows(config)
    assert real and all(fast(r) for r in real)
    tried = invalid = 0
    for row in rng.sample(real, min(len(real), 20)):
        for mutant in mutants(row, rng, 40):
            expected = validator.is_valid(mutant)
            assert fast(mutant) == expected, mutant
            tried += 1
            invalid += not expected
    assert invalid > tried // 4  # the mutants do break rules, so the agreement says something


def test_unknown_keyword_is_not_compiled() -> None:
    assert compile_check({"type": "string", "maxLength": 3}, {}) is None
    assert compile_check({"type": "string", "format": "email"}, {}) is None
    check = compile_check({"type": "object", "properties": {"a": {"$ref": "n.json"}}, "additionalProperties": False},
                          {"n.json": {"type": ["integer", "null"], "minimum": 0}})
    assert check({"a": 2}) and check({"a": None}) and check({})
    assert not check({"a": 2.0}) and not check({"a": -1}) and not check({"a": True}) and not check({"b": 1})


# ---------------------------------------------------------------- the generated code on invented schemas and rows
from wirespan.corpus.fastcheck import check_source  # noqa: E402
from jsonschema import FormatChecker  # noqa: E402

from wirespan.corpus.schema import Validator, schema_registry  # noqa: E402

#: Made-up schemas that use every keyword the compiler knows: nested objects, arrays of arrays, anyOf with
#: one, two and three branches, a document that refers to itself, $ref chains, booleans as schemas.
INVENTED = {
    "leaf.json": {"type": "object", "additionalProperties": False, "required": ["n"],
                  "properties": {"n": {"type": "integer", "minimum": 0, "maximum": 9},
                                 "x": {"type": ["number", "null"], "minimum": -1.5},
                                 "tag": {"type": "string", "minLength": 2, "pattern": "^[a-z]+$"}}},
    "tree.json": {"type": "object", "required": ["leaf"],
                  "properties": {"leaf": {"$ref": "leaf.json"},
                                 "kids": {"type": "array", "items": {"$ref": "tree.json"}},
                                 "when": {"type": ["string", "null"], "format": "date"},
                                 "mode": {"enum": ["a", "b", None]},
                                 "any": {"anyOf": [{"type": "string", "minLength": 3}, {"type": "integer"},
                                                   {"type": "null"}]},
                                 "one": {"anyOf": [{"$ref": "leaf.json"}]},
                                 "grid": {"type": "array", "items": {"type": "array", "items": {"type": "boolean"}}},
                                 "free": True, "never": False}},
}
#: Values that break some rule of the invented schemas, or keep to it.
VALUES = [None, True, False, 0, 5, 9, 10, -1, -2.0, 1.5, 3.0, 2**63, -2**63 - 1, float("nan"), float("-inf"), "",
          "ab", "abc", "AB", "a1", "2024-02-29", "2023-02-29", "a", "b", "c", [], [[True]], [[1]], {}, {"n": 1},
          {"n": 1, "zz": 0}, {"leaf": {"n": 2}}, {"leaf": {"n": 2}, "kids": [{"leaf": {"n": 10}}]}]


def invented_rows(rng: random.Random, n: int) -> Iterator[Any]:
    """Trees (valid ones and ones with a random value put at a random place)."""
    def tree(depth: int) -> dict[str, Any]:
        node: dict[str, Any] = {"leaf": {"n": rng.randint(0, 9), "x": rng.choice([None, 0.5, 7]), "tag": "ok"}}
        if depth and rng.random() < 0.6:
            node["kids"] = [tree(depth - 1) for _ in range(rng.randint(0, 3))]
        for key, options in [("when", [None, "2021-12-31"]), ("mode", ["a", None]), ("any", ["word", 4, None]),
                             ("one", [{"n": 0}]), ("grid", [[[True, False], []]]), ("free", [{"any": 1}])]:
            if rng.random() < 0.5:
                node[key] = rng.choice(options)
        return node
    for _ in range(n):
        row = tree(3)
        yield row
        yield from mutants(row, rng, 3)
        broken = copy.deepcopy(row)
        broken[rng.choice(["leaf", "kids", "when", "mode", "any", "one", "grid", "free", "never", "zz"])] = \
            rng.choice(VALUES)
        yield broken
    yield from VALUES


def test_generated_check_agrees_with_jsonschema_on_invented_schemas() -> None:
    rng = random.Random(15)
    validator = Validator(INVENTED["tree.json"], registry=schema_registry(INVENTED), format_checker=FormatChecker())
    check = compile_check(INVENTED["tree.json"], INVENTED)
    assert check is not None
    tried = invalid = 0
    for row in invented_rows(rng, 400):
        expected = validator.is_valid(row)
        assert check(row) == expected, row
        tried += 1
        invalid += not expected
    assert tried > 1500 and tried // 4 < invalid < tried - tried // 4  # valid and broken rows both many


def test_generated_source_is_straight_line_and_calls_only_for_recursion() -> None:
    source, _ = check_source(INVENTED["tree.json"], INVENTED)
    compile(source, "<test>", "exec")
    # the entry point, the self-referring tree (once, for its second level), and the two non-null branches
    # of the 3-way anyOf at each of the three levels written (entry, inlined tree, tree's function)
    assert source.count("def ") == 1 + 1 + 2 * 3
    quote = SCHEMAS.row_schema("quotes")
    source, _ = check_source(quote, SCHEMAS.documents)
    assert source.count("def ") == 1  # the span $refs and their null branches are written inline


def test_check_records_finds_the_same_issues_with_and_without_the_compiled_check(monkeypatch) -> None:
    """The compiled check only decides which rows the full validator sees: the issues are the same."""
    from wirespan.corpus.validate import check_records
    from wirespan.pipeline.annotate import annotate_document, complete

    text = ("Harbour talks\n\nTROMSO, Norway — Port director Ingrid Vale said on Tuesday that 1,240 containers were "
            "stranded. “We will clear the quay by Friday,” Vale told reporters in Tromso.\n\nFerries stayed in Bodo, "
            "the coast guard said, and 3 boats were towed.\n")
    import hashlib
    row = complete(annotate_document({"id": "00000000000000ab", "text": text,
                                      "sha256": hashlib.sha256(text.encode()).hexdigest()}), SCHEMAS)
    assert row["quotes"] and row["locations"] and row["figures"]
    rng = random.Random(2)
    rows = [row, *mutants(row, rng, 300)]
    fast_answers = [check_records([r], [], SCHEMAS, lambda layer: layer) for r in rows]
    monkeypatch.setattr(Schemas, "fast_check", lambda self, config: None)
    slow_answers = [check_records([r], [], SCHEMAS, lambda layer: layer) for r in rows]
    assert fast_answers[0] == [] and fast_answers == slow_answers
    assert sum(bool(a) for a in slow_answers) > 100  # many mutants are broken, so the agreement says something
