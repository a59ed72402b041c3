"""The gazetteer index as the disk cache stores it: columns and blobs, and the way back to place fields.

Why a module of its own: `gazetteer` builds the index and answers lookups;
the layout in between (what `indexcache` writes) is one concern, stated
here once.  Its source is part of the index cache key (`INDEX_SOURCES`).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from typing import Any

from wirespan.layers.locations.fuzzyindex import encoded_postings

#: Bumped when the layout of the cached index changes.
INDEX_FORMAT = 6
#: Field order of a place row in the cached index (the `Place` fields).
PLACE_FIELDS = ("key", "name", "feature", "country_code", "geonames_id", "latitude", "longitude",
                "population", "kind", "city_sense", "namesakes", "admin1")

#: unit separator between the strings of a text column: never in a place name
SEP = "\x1f"
#: a text column's `None`
NONE_MARK = "\x00"


def encode_index(places: list[tuple], index: dict[str, list[int]], namesake: dict[tuple[str, str], list[int]],
                 fuzzy_keys: list[str], max_tokens: int) -> dict:
    """Columns and blobs instead of millions of small objects, so that loading is a few big copies.

    Text columns are joined with a separator, numbers are packed arrays
    (`None` as NaN or -1), the name index is a key blob plus CSR offsets.
    """
    columns: dict[str, Any] = {}
    for i, name in enumerate(PLACE_FIELDS):
        values = [row[i] for row in places]
        if name in ("latitude", "longitude"):
            columns[name] = array("d", [math.nan if v is None else v for v in values]).tobytes()
        elif name in ("geonames_id", "population"):
            columns[name] = array("q", [-1 if v is None else v for v in values]).tobytes()
        elif name == "namesakes":
            columns[name] = {r: tuple(v) for r, v in enumerate(values) if v}
        else:
            columns[name] = SEP.join(NONE_MARK if v is None else v for v in values)
    offsets, rows = array("q", [0]), array("q")
    for bucket in index.values():
        rows.extend(bucket)
        offsets.append(len(rows))
    return {"format": INDEX_FORMAT, "size": len(places), "columns": columns,
            "keys": SEP.join(index), "offsets": offsets.tobytes(), "rows": rows.tobytes(),
            "namesake": [(k[0], k[1], tuple(v)) for k, v in namesake.items()],
            "fuzzy_keys": SEP.join(fuzzy_keys), "fuzzy_postings": encoded_postings(fuzzy_keys),
            "max_tokens": max_tokens}


def decode_columns(data: dict) -> dict[str, Any]:
    """The place columns of an encoded index: text columns as lists, numbers as packed arrays."""
    out: dict[str, Any] = {}
    for name, raw in data["columns"].items():
        if name in ("latitude", "longitude"):
            out[name] = array("d", raw)
        elif name in ("geonames_id", "population"):
            out[name] = array("q", raw)
        elif name == "namesakes":
            out[name] = raw
        else:
            out[name] = raw.split(SEP) if data["size"] else []
    return out


def decode_row(columns: dict[str, Any], row: int) -> dict[str, Any]:
    """The `Place` fields of one row of decoded columns (NaN, -1 and the marker back to None)."""
    values: dict[str, Any] = {}
    for name in PLACE_FIELDS:
        v = columns[name].get(row, ()) if name == "namesakes" else columns[name][row]
        if (name in ("latitude", "longitude") and math.isnan(v)) or (name == "geonames_id" and v == -1) \
                or v == NONE_MARK:
            v = None
        values[name] = v
    return values


def name_prefixes(keys: Iterable[str]) -> list[str]:
    """Every proper word prefix of the multi-word keys ("rio" and "rio de" of "rio de janeiro"), sorted.

    Why stored: the extractor extends a capitalised run word by word only
    while the run so far begins some name (`Gazetteer.continues`), instead
    of looking up every run of up to five words; sorted, so the cached bytes
    do not follow the hash seed.
    """
    out: set[str] = set()
    for key in keys:
        cut = key.find(" ")
        while cut > 0:
            out.add(key[:cut])
            cut = key.find(" ", cut + 1)
    return sorted(out)
