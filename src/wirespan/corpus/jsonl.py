"""The one JSON Lines reader of wirespan: gold files, prediction files and `annotate` input.

Python's `json` accepts what JSON does not: `NaN`, `Infinity`, `-Infinity`,
numbers too large for a float (`1e400` becomes infinity) and integers of any
size. Arrow and Parquet hold none of these (a float column could hold NaN, but
the corpus never means it; an int64 column cannot hold 2**70), so they are
refused here, at read time, with the file and line that hold them — before
they can become a traceback deep in the Parquet writer or a silent NaN in the
data. Lone UTF-16 surrogates (`"\\ud800"`) are refused too: they decode to
a Python string that UTF-8 cannot encode.

Every problem is a `CorpusIssue` (check ids `json-syntax`, `json-not-object`,
`json-number`, `json-unicode`, `file-unreadable`, level 1) whose `file` is
`<path>:<line>`; callers that report strings use `str(issue)`.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tqdm import tqdm

from wirespan.errors import CorpusIssue

#: The signed 64-bit range of Arrow's int64, the type of every integer field.
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class NumberError(ValueError):
    """A JSON number Arrow cannot hold (raised inside the decoder, reported as a finding)."""


def _constant(name: str) -> float:
    raise NumberError(f"{name} is not a JSON number (only finite numbers are allowed)")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NumberError(f"{text} is not a finite 64-bit float")
    return value


def _int(text: str) -> int:
    if len(text) > 20:  # cheap guard before int(): 10**4300 digits would hit Python's own limit
        raise NumberError(f"{text[:24]}… is outside the signed 64-bit integer range")
    value = int(text)
    if not INT64_MIN <= value <= INT64_MAX:
        raise NumberError(f"{text} is outside the signed 64-bit integer range")
    return value


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_float, parse_int=_int)


def loads(text: str) -> Any:
    """One JSON value with wirespan's number rules (raises `json.JSONDecodeError` or `NumberError`)."""
    return _DECODER.decode(text)


def lone_surrogate(value: Any) -> str | None:
    """The first string in `value` (keys too) that holds a lone surrogate, else None."""
    if isinstance(value, str):
        return value if any("\ud800" <= ch <= "\udfff" for ch in value) else None
    if isinstance(value, dict):
        items: Iterator[Any] = (x for kv in value.items() for x in kv)
    elif isinstance(value, list):
        items = iter(value)
    else:
        return None
    return next((bad for bad in map(lone_surrogate, items) if bad is not None), None)


def parse_line(line: str) -> Any:
    """One line's value; raises `ValueError` with a one-line reason (syntax, number or Unicode)."""
    try:
        value = loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except NumberError as exc:
        raise NumberError(f"number: {exc}") from None
    if _SURROGATE_ESCAPE.search(line):
        bad = lone_surrogate(value)
        if bad is not None:
            raise UnicodeError(f"string {bad!r} holds a lone UTF-16 surrogate (not a Unicode character)")
    return value


def at_line(path: Path, lineno: int) -> str:
    """How a finding names a line: `<path>:<line>`."""
    return f"{path}:{lineno}"


def read_lines(path: Path, layer: str | None = None, where: Callable[[Path, int], str] = at_line,
               progress: bool = False) -> tuple[list[tuple[int, dict[str, Any]]], list[CorpusIssue]]:
    """Every non-blank line of a JSON Lines file as (line number, object), and a finding per bad line.

    The file must be UTF-8; every line must be one JSON object. `where` names
    a line in findings; `progress` shows a bar on stderr (only on a terminal).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [CorpusIssue(str(path), f"cannot read: {exc.strerror or exc}", layer=layer,
                                check="file-unreadable", level=1)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return [], [CorpusIssue(where(path, line), f"not valid UTF-8 at byte {exc.start}: {exc.reason}", layer=layer,
                                check="json-unicode", level=1)]
    records, issues = [], []
    lines = text.splitlines()
    for lineno, line in enumerate(tqdm(lines, desc=f"read {path.name}", unit="line", file=sys.stderr,
                                       disable=None if progress else True, leave=False), 1):
        if not line.strip():
            continue
        here = where(path, lineno)
        try:
            value = parse_line(line)
        except NumberError as exc:
            issues.append(CorpusIssue(here, str(exc), layer=layer, check="json-number", level=1))
            continue
        except UnicodeError as exc:
            issues.append(CorpusIssue(here, str(exc), layer=layer, check="json-unicode", level=1))
            continue
        except ValueError as exc:
            issues.append(CorpusIssue(here, str(exc), layer=layer, check="json-syntax", level=1))
            continue
        if not isinstance(value, dict):
            issues.append(CorpusIssue(here, "a line must be a JSON object", layer=layer, check="json-not-object",
                                      level=1))
            continue
        records.append((lineno, value))
    return records, issues
