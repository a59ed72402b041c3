"""Croissant 1.1 metadata (`croissant.json`) for the published corpus.

Everything structural is derived, never restated by hand: one `cr:FileObject`
per Parquet file on disk (with its sha256), one `cr:RecordSet` per config, and
its `cr:Field`s from the exact Arrow schema the Parquet file is written with
(`Schemas.arrow_schema`). A struct column is a Field with `subField`s; a list
column is a Field with `isArray: true` (a list of structs: `isArray` plus
`subField`s, each extracting its key from every element with a `jsonPath`).
The licence is stated as honestly as the card states it (`card.STATIC_METADATA`):
the article texts are their publishers' copyright, and no open licence is claimed.

`mlcroissant validate` is static (a wrong column name passes); the tests read
records from every RecordSet with `mlcroissant.Dataset(...).records(...)`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from wirespan.release.card import STATIC_METADATA
from wirespan.release.checksums import file_digest
from wirespan.corpus.schema import Schemas
from wirespan.layers import registry
from wirespan.corpus.layout import parquet_path
from wirespan.errors import CroissantError

NAME = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
PARQUET = "application/x-parquet"

#: The JSON-LD @context mlcroissant 1.1 writes itself (`mlcroissant._src.core.rdf.make_context`
#: for a 1.1 document); a different context makes `mlcroissant validate` warn.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

DESCRIPTION = (
    "Five news reports of the same day of the Russia-Ukraine war (2022-03-31) as different outlets "
    "published them (a wire story, a reprint, a machine-translated repost, an independent story and "
    "a rewrite), kept byte for byte, with gold character-offset span annotations: segments, quotes "
    "(speaker, speaker mention, cue), figures (normalised values, units, ISO dates, qualifiers) and "
    "locations (GeoNames ids, metonymic or literal use). Offsets are Python str indices (Unicode code "
    "points), start inclusive, end exclusive. The gold documents are the split `test`."
)

#: What one row of `documents` is (each layer's RecordSet description is in the layer registry).
DOCUMENTS_ROW = "One row per article: its unchanged text, provenance and every annotation layer nested."

#: Arrow scalar type -> Croissant dataType.
_SCALARS: tuple[tuple[Any, str], ...] = (
    (pa.types.is_boolean, "sc:Boolean"),
    (pa.types.is_integer, "sc:Integer"),
    (pa.types.is_floating, "sc:Float"),
    (pa.types.is_string, "sc:Text"),
    (pa.types.is_large_string, "sc:Text"),
)



def data_type(arrow_type: pa.DataType) -> str:
    """Croissant dataType of an Arrow scalar type."""
    for test, name in _SCALARS:
        if test(arrow_type):
            return name
    raise CroissantError(f"no Croissant dataType for Arrow type {arrow_type}")


def licence() -> dict[str, Any]:
    """The licence as the card states it: `other`, with its name and the card section that explains it."""
    return {
        "@type": "sc:CreativeWork",
        "name": f"{STATIC_METADATA['license']}: {STATIC_METADATA['license_name']}",
        "description": (
            "No open licence. The article texts are copyrighted by their publishers and redistributed "
            "unchanged only for research on text reuse and information extraction; the project claims "
            "no rights in them and asserts no licence over them. The annotations, schemas and code are "
            "the project's own work. See the data card, section \"Copyright and licence\"."
        ),
        "url": STATIC_METADATA["license_link"],
    }


def _source(file_id: str, column: str, json_path: str | None) -> dict[str, Any]:
    source: dict[str, Any] = {"fileObject": {"@id": file_id}, "extract": {"column": column}}
    if json_path is not None:
        source["transform"] = {"jsonPath": json_path}
    return source


def _field(field_id: str, name: str, arrow_type: pa.DataType, file_id: str, column: str,
           path: tuple[str, ...]) -> dict[str, Any]:
    """A Field for one Arrow field; `path` is its key path inside the top-level `column` value.

    Inside a list column the value of a key is taken from every element (mlcroissant maps a
    transform over list values), so the path restarts at the element.
    """
    field: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": name}
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        field["isArray"] = True
        item = arrow_type.value_type
        if pa.types.is_struct(item):
            field["subField"] = [_field(f"{field_id}/{child.name}", child.name, child.type, file_id, column,
                                        (child.name,)) for child in item]
        else:
            field["dataType"] = data_type(item)
            field["source"] = _source(file_id, column, ".".join(path) or None)
        return field
    if pa.types.is_struct(arrow_type):
        field["subField"] = [_field(f"{field_id}/{child.name}", child.name, child.type, file_id, column,
                                    (*path, child.name)) for child in arrow_type]
        return field
    field["dataType"] = data_type(arrow_type)
    field["source"] = _source(file_id, column, ".".join(path) or None)
    return field


def record_set(config: str, schema: pa.Schema) -> dict[str, Any]:
    """The RecordSet of one config, a Field per column of its Arrow schema."""
    file_id = parquet_path(config)
    fields = [_field(f"{config}/{f.name}", f.name, f.type, file_id, f.name, ()) for f in schema]
    rs: dict[str, Any] = {"@type": "cr:RecordSet", "@id": config, "name": config, "field": fields}
    rs["description"] = DOCUMENTS_ROW if config == registry.DOCUMENTS else registry.get(config).description
    if "id" in schema.names:
        rs["key"] = {"@id": f"{config}/id"}
    return rs


def file_object(corpus: Path, config: str) -> dict[str, Any]:
    """The FileObject of a config's Parquet file (relative contentUrl, sha256 of the bytes on disk)."""
    rel = parquet_path(config)
    return {
        "@type": "cr:FileObject",
        "@id": rel,
        "name": rel,
        "description": f"Parquet file of the config `{config}`, split `test`.",
        "contentUrl": rel,
        "encodingFormat": PARQUET,
        "sha256": file_digest(Path(corpus) / rel),
    }


def croissant(corpus: Path, schemas: Schemas, configs: Sequence[str], version: str) -> dict[str, Any]:
    """The Croissant 1.1 JSON-LD document of the corpus at `corpus` (its Parquet files must exist)."""
    corpus = Path(corpus)
    configs = list(configs)
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": STATIC_METADATA["pretty_name"],
        "description": DESCRIPTION,
        "version": version,
        "license": [licence()],
        "inLanguage": list(STATIC_METADATA["language"]),
        "keywords": list(STATIC_METADATA["tags"]),
        "citeAs": (f"@misc{{wirespan,\n  title = {{wirespan: one day of war reporting, five outlets, "
                   f"span-annotated}},\n  note = {{Version {version}}}\n}}"),
        "distribution": [file_object(corpus, c) for c in configs],
        "recordSet": [record_set(c, schemas.arrow_schema(c)) for c in configs],
    }


def dumps(document: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, UTF-8 characters, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_croissant(corpus: Path, schemas: Schemas, configs: Sequence[str], version: str) -> Path:
    """Write `corpus/croissant.json`; return its path."""
    path = Path(corpus) / NAME
    path.write_text(dumps(croissant(corpus, schemas, configs, version)), encoding="utf-8")
    return path
