"""croissant.json: valid Croissant 1.1, and every RecordSet reads back the Parquet rows.

`mlcroissant validate` is static (a wrong column name passes), so besides
validating, every record of every RecordSet is read through
`mlcroissant.Dataset(...).records(...)` and compared with the Parquet rows.

How mlcroissant 1.1.1 returns records (normalised below, driven by the Arrow
schema, not by hand-kept field lists): keys are field `@id`s; `sc:Text`
values come back as UTF-8 bytes; a struct is a dict (a null struct is a dict of
nulls); a list of structs is a list of dicts; a struct nested in a list of
structs (`documents.quotes[].speaker_mention` / `cue`) is returned beside the
list, under its own `@id`, as one list per leaf field.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import mlcroissant as mlc
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from wirespan.version import __version__
from wirespan.pipeline.build import build
from wirespan.release.croissant import NAME, croissant, write_croissant
from wirespan.corpus.schema import Schemas
from wirespan.layers.registry import configs as registered_configs
from wirespan.corpus.layout import parquet_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("croissant") / "corpus"
    build(ROOT, out)
    configs = [c for c in registered_configs() if (out / parquet_path(c)).exists()]
    write_croissant(out, Schemas(out / "schema"), configs, __version__)
    return out, configs


def _mlcroissant_cli() -> str:
    cli = Path(sys.executable).with_name("mlcroissant")
    return str(cli) if cli.exists() else shutil.which("mlcroissant") or "mlcroissant"


def test_validates_with_the_mlcroissant_cli(corpus):
    out, _ = corpus
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    result = subprocess.run([_mlcroissant_cli(), "validate", "--jsonld", NAME], cwd=out, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


def test_metadata(corpus):
    out, configs = corpus
    doc = json.loads((out / NAME).read_text(encoding="utf-8"))
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert doc["version"] == __version__
    assert doc["license"][0]["name"].startswith("other")
    files = {f["@id"]: f for f in doc["distribution"]}
    assert sorted(files) == sorted(parquet_path(c) for c in configs)
    manifest = json.loads((out / "checksums.json").read_text(encoding="utf-8"))["files"]
    for rel, entry in files.items():
        assert entry["contentUrl"] == rel and entry["encodingFormat"] == "application/x-parquet"
        assert entry["sha256"] == manifest[rel]["sha256"]
    assert [rs["@id"] for rs in doc["recordSet"]] == configs


def test_fields_follow_the_arrow_schema(corpus):
    out, configs = corpus
    schemas = Schemas(out / "schema")
    doc = json.loads((out / NAME).read_text(encoding="utf-8"))
    types = {"string": "sc:Text", "int64": "sc:Integer", "double": "sc:Float", "bool": "sc:Boolean"}

    def check(field: dict, arrow_type: pa.DataType, column: str) -> None:
        if "source" in field:
            assert field["source"]["extract"]["column"] == column
        if pa.types.is_list(arrow_type):
            assert field["isArray"] is True
            arrow_type = arrow_type.value_type
        else:
            assert "isArray" not in field
        if pa.types.is_struct(arrow_type):
            assert [f["name"] for f in field["subField"]] == arrow_type.names
            for sub, child in zip(field["subField"], arrow_type):
                check(sub, child.type, column)
        else:
            assert field["dataType"] == types[str(arrow_type)]

    for rs in doc["recordSet"]:
        schema = schemas.arrow_schema(rs["@id"])
        assert [f["name"] for f in rs["field"]] == schema.names
        for field, arrow_field in zip(rs["field"], schema):
            check(field, arrow_field.type, arrow_field.name)


def test_deterministic(corpus):
    out, configs = corpus
    first = (out / NAME).read_bytes()
    write_croissant(out, Schemas(out / "schema"), configs, __version__)
    assert (out / NAME).read_bytes() == first
    assert first.endswith(b"}\n")
    assert croissant(out, Schemas(out / "schema"), configs, __version__) == json.loads(first)


# -- records -----------------------------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _struct(value: dict | None, arrow_type: pa.StructType, fid: str, nullable: bool) -> dict | None:
    if value is None:
        return None
    out = {child.name: _value(value.get(f"{fid}/{child.name}"), child.type, f"{fid}/{child.name}",
                              child.nullable) for child in arrow_type}
    if nullable and all(v is None for v in out.values()):
        return None  # mlcroissant renders a null struct as a dict of nulls
    return out


def _value(value: Any, arrow_type: pa.DataType, fid: str, nullable: bool, record: dict | None = None) -> Any:
    if pa.types.is_list(arrow_type):
        item = arrow_type.value_type
        if value is None:
            return None
        if not pa.types.is_struct(item):
            return list(value)
        rows = []
        for i, element in enumerate(value):
            row = {}
            for child in item:
                cid = f"{fid}/{child.name}"
                if pa.types.is_struct(child.type):
                    # Nested struct inside a list: mlcroissant returns it beside the list, one list per leaf.
                    beside = record[cid]
                    element_value = {f"{cid}/{leaf.name}": beside[f"{cid}/{leaf.name}"][i] for leaf in child.type}
                    row[child.name] = _struct(element_value, child.type, cid, child.nullable)
                else:
                    row[child.name] = _value(element.get(cid), child.type, cid, child.nullable)
            rows.append(row)
        return rows
    if pa.types.is_struct(arrow_type):
        return _struct(value, arrow_type, fid, nullable)
    return value


def normalise(record: dict, config: str, schema: pa.Schema) -> dict:
    """An mlcroissant record as the Parquet row it was read from (`to_pylist()` shape)."""
    record = _plain(record)
    return {f.name: _value(record.get(f"{config}/{f.name}"), f.type, f"{config}/{f.name}", f.nullable, record)
            for f in schema}


def test_every_record_set_reads_back_the_parquet_rows(corpus):
    out, configs = corpus
    schemas = Schemas(out / "schema")
    dataset = mlc.Dataset(jsonld=str(out / NAME))
    for config in configs:
        expected = pq.read_table(out / parquet_path(config)).to_pylist()
        records = list(dataset.records(record_set=config))
        assert records, f"{config}: no records read"
        got = [normalise(r, config, schemas.arrow_schema(config)) for r in records]
        assert len(got) == len(expected), config
        for i, (g, e) in enumerate(zip(got, expected)):
            assert g == e, f"{config} row {i} differs"


def test_first_document_and_a_nested_span(corpus):
    out, _ = corpus
    dataset = mlc.Dataset(jsonld=str(out / NAME))
    first = next(iter(dataset.records(record_set="documents")))
    row = pq.read_table(out / parquet_path("documents")).slice(0, 1).to_pylist()[0]
    assert first["documents/id"].decode() == row["id"]
    assert first["documents/text"].decode() == row["text"]
    quote = first["documents/quotes"][0]
    assert quote["documents/quotes/text"].decode() == row["quotes"][0]["text"]
    start, end = quote["documents/quotes/start"], quote["documents/quotes/end"]
    assert row["text"][start:end] == quote["documents/quotes/text"].decode()
    mention = first["documents/quotes/speaker_mention"]
    assert mention["documents/quotes/speaker_mention/start"][0] == (row["quotes"][0]["speaker_mention"] or {}).get("start")
