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
