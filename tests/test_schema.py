"""The JSON Schema files are the one definition; Parquet and card features agree with them."""

from __future__ import annotations

import json
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from wirespan.release.card import read_front_matter
from wirespan.corpus.schema import Schemas
from wirespan.layers.registry import configs as registered_configs

SCHEMAS = Schemas(ROOT / "schema")
META = read_front_matter(ROOT / "corpus" / "README.md")
PUBLISHED = [entry["config_name"] for entry in META["configs"]]


@pytest.mark.parametrize("path", sorted((ROOT / "schema").glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_files_are_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == path.name


def _json_fields(node: dict, schemas: Schemas) -> list[tuple[str, bool, str]]:
    """(name, nullable, JSON type) of each property, read straight from the JSON Schema."""
    node = schemas.documents[node["$ref"]] if "$ref" in node else node
    out = []
    for name, prop in node["properties"].items():
        nullable = name not in node["required"]
        if "anyOf" in prop:
            nullable = nullable or {"type": "null"} in prop["anyOf"]
            kind = "object"
        else:
            prop = schemas.documents[prop["$ref"]] if "$ref" in prop else prop
            types = [prop["type"]] if isinstance(prop["type"], str) else prop["type"]
            nullable = nullable or "null" in types
            kind = next(t for t in types if t != "null")
        out.append((name, nullable, kind))
    return out


ARROW_KIND = {"string": "string", "int64": "integer", "double": "number", "bool": "boolean"}


@pytest.mark.parametrize("config", registered_configs())
def test_arrow_schema_agrees_with_json_schema_field_by_field(config: str) -> None:
    arrow = SCHEMAS.arrow_schema(config)
    expected = _json_fields(SCHEMAS.row_schema(config), SCHEMAS)
    got = []
    for field in arrow:
        kind = ARROW_KIND.get(str(field.type), "object" if str(field.type).startswith("struct") else
                              "array" if str(field.type).startswith("list") else str(field.type))
        got.append((field.name, field.nullable, kind))
    assert got == expected


@pytest.mark.parametrize("config", PUBLISHED)
def test_parquet_schema_is_the_derived_schema(config: str) -> None:
    path = ROOT / "corpus" / config / "test-00000-of-00001.parquet"
    assert pq.read_schema(path).remove_metadata().equals(SCHEMAS.arrow_schema(config))


@pytest.mark.parametrize("config", PUBLISHED)
def test_card_features_are_the_derived_features(config: str) -> None:
    info = next(i for i in META["dataset_info"] if i["config_name"] == config)
    from_yaml = datasets.Features._from_yaml_list(info["features"])
    assert from_yaml == SCHEMAS.features(config)


def test_span_lists_are_lists_of_structs_and_labels_are_strings() -> None:
    features = SCHEMAS.features("documents")
    for layer in ("segments", "quotes", "figures", "locations"):
        assert isinstance(features[layer], datasets.List), layer
        assert isinstance(features[layer].feature, dict), layer
    assert features["segments"].feature["label"] == datasets.Value("string")
    assert features["source"]["derivation"] == datasets.Value("string")
    yaml_docs = next(i for i in META["dataset_info"] if i["config_name"] == "documents")["features"]
    segments = next(f for f in yaml_docs if f["name"] == "segments")
    assert "list" in segments and "sequence" not in segments


def test_documents_default_config_and_split() -> None:
    default = [e for e in META["configs"] if e.get("default")]
    assert [e["config_name"] for e in default] == ["documents"]
    for entry in META["configs"]:
        assert entry["data_files"] == [{"split": "test",
                                        "path": f"{entry['config_name']}/test-00000-of-00001.parquet"}]
