"""Offline checks of the data card: YAML front matter values and Datasheets sections.

`huggingface_hub.DatasetCard.validate()` posts to the Hub, so it cannot run
offline, and `DatasetCardData` accepts typos (`licence=`) silently. This module
builds a JSON Schema for the front matter from allowed values shipped with the
installed packages, plus two curated lists where nothing is shipped:

- `datasets/utils/resources/`: languages.json (keys), creators.json
  (`language_creators`, `annotations_creators`), multilinguality.json (keys),
  size_categories.json;
- `datasets.utils.metadata.known_task_ids` (deprecated, a shorter task list)
  united with `wirespan/data/hub_tasks.json` (task types and subtasks of
  huggingface.js `pipelines.ts`, source inside the file) for `task_categories`
  and `task_ids`;
- `wirespan/data/hub_licenses.json`: the Hub's licence identifiers (neither
  `datasets` nor `huggingface_hub` ships them; source inside the file).

Rules decided here (the Hub documents no stricter ones offline):
- every key must be a known card metadata key (the parameters of
  `huggingface_hub.DatasetCardData`, plus the Hub's `license_name`,
  `license_link`, `license_details`, `language_details`, `configs`,
  `dataset_info`, `tags`, `viewer`, `thumbnail`, `extra_gated_*`), so a typo such
  as `licence` or `size_category` is reported instead of silently ignored;
- `license`, `language`, `size_categories`, `task_categories` and `configs` are
  required (the Hub flags a card without them);
- `license: other` needs `license_name` (lowercase letters, digits, `-`, `.`)
  and `license_link`;
- `source_datasets` entries are `original`, `extended` or `extended|<dataset>`;
- exactly one `configs` entry has `default: true`; split names match
  `^\\w+(\\.\\w+)*$`; every `dataset_info` config is a `configs` config.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import datasets
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

#: Datasheets for Datasets (Gebru et al.) sections and the heading words that count for each.
DATASHEET_SECTIONS: dict[str, tuple[str, ...]] = {
    "motivation": ("motivation",),
    "composition": ("composition",),
    "collection process": ("collection process", "data collection", "collection"),
    "preprocessing/cleaning/labelling": ("preprocessing", "pre-processing", "cleaning", "labelling", "labeling"),
    "uses": ("uses",),
    "distribution": ("distribution",),
    "maintenance": ("maintenance",),
}

#: Card metadata keys besides the `DatasetCardData` parameters (Hub dataset-card docs).
HUB_EXTRA_KEYS = ("license_name", "license_link", "license_details", "language_details", "configs",
                  "dataset_info", "tags", "viewer", "thumbnail")
REQUIRED = ("license", "language", "size_categories", "task_categories", "configs")
SPLIT_NAME = r"^\w+(\.\w+)*$"
LICENSE_NAME = r"^[a-z0-9.-]+$"


def _resource(name: str) -> Any:
    path = Path(datasets.__file__).parent / "utils" / "resources" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _data(name: str) -> Any:
    return json.loads(resources.files("wirespan").joinpath("data", name).read_text(encoding="utf-8"))


@functools.cache
def allowed_values() -> dict[str, list[str]]:
    """Allowed values per front matter key, from the installed packages and the curated lists."""
    from datasets.utils import metadata as ds_metadata

    creators = _resource("creators.json")
    tasks = _data("hub_tasks.json")["tasks"]
    shipped_tasks = list(getattr(ds_metadata, "known_task_ids", {}))
    return {
        "language": sorted(_resource("languages.json")),
        "language_creators": list(creators["language"]),
        "annotations_creators": list(creators["annotations"]),
        "multilinguality": list(_resource("multilingualities.json")),
        "size_categories": list(_resource("size_categories.json")),
        "license": list(_data("hub_licenses.json")["licenses"]),
        "task_categories": sorted(set(tasks) | set(shipped_tasks)),
        "task_ids": sorted({sub for subs in tasks.values() for sub in subs}),
    }


@functools.cache
def known_keys() -> tuple[str, ...]:
    """Every front matter key the Hub reads (DatasetCardData parameters + Hub-only keys)."""
    import inspect

    from huggingface_hub import DatasetCardData

    params = [p for p in inspect.signature(DatasetCardData.__init__).parameters
              if p not in ("self", "kwargs", "ignore_metadata_errors")]
    keys = ["train-eval-index" if p == "train_eval_index" else p for p in params]
    return tuple(dict.fromkeys([*keys, *HUB_EXTRA_KEYS]))


def _one_or_many(values: list[str]) -> dict[str, Any]:
    """A value from `values`, or a non-empty list of them (the Hub accepts both)."""
    item = {"type": "string", "enum": values}
    return {"anyOf": [item, {"type": "array", "minItems": 1, "items": item}]}


def front_matter_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the card's YAML front matter."""
    allowed = allowed_values()
    split = {"type": "object", "required": ["split", "path"],
             "properties": {"split": {"type": "string", "pattern": SPLIT_NAME},
                            "path": {"anyOf": [{"type": "string"},
                                               {"type": "array", "items": {"type": "string"}}]}}}
    config = {"type": "object", "required": ["config_name", "data_files"],
              "properties": {"config_name": {"type": "string", "minLength": 1},
                             "default": {"type": "boolean"},
                             "data_files": {"anyOf": [{"type": "string"},
                                                      {"type": "array", "minItems": 1, "items": split}]}}}
    info = {"type": "object", "required": ["config_name", "features", "splits"],
            "properties": {"config_name": {"type": "string"},
                           "features": {"type": "array"},
                           "splits": {"type": "array", "items": {
                               "type": "object", "required": ["name", "num_examples"],
                               "properties": {"name": {"type": "string", "pattern": SPLIT_NAME},
                                              "num_bytes": {"type": "integer", "minimum": 0},
                                              "num_examples": {"type": "integer", "minimum": 0}}}},
                           "download_size": {"type": "integer", "minimum": 0},
                           "dataset_size": {"type": "integer", "minimum": 0}}}
    strings = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    properties: dict[str, Any] = {key: {} for key in known_keys()}
    properties.update({key: _one_or_many(values) for key, values in allowed.items()})
    properties.update({
        "pretty_name": {"type": "string", "minLength": 1},
        "license_name": {"type": "string", "pattern": LICENSE_NAME},
        "license_link": {"type": "string", "minLength": 1},
        "source_datasets": {"type": "array", "items": {"type": "string",
                                                       "pattern": r"^(original|extended(\|.+)?)$"}},
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "config_names": strings,
        "configs": {"type": "array", "minItems": 1, "items": config},
        "dataset_info": {"anyOf": [info, {"type": "array", "items": info}]},
    })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Hugging Face dataset card front matter (offline check)",
        "type": "object",
        "required": list(REQUIRED),
        "properties": properties,
        "patternProperties": {"^extra_gated_": {}},
        "additionalProperties": False,
        "if": {"properties": {"license": {"const": "other"}}, "required": ["license"]},
        "then": {"required": ["license_name", "license_link"]},
    }


def _where(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "front matter"


def _instance(meta: Mapping[str, Any], path: Iterable[Any]) -> Any:
    value: Any = meta
    for part in path:
        value = value[part]
    return value


def _deepest(error: ValidationError) -> ValidationError:
    """The alternative's error that got deepest into the instance (the most specific one)."""
    leaves = []
    stack = list(error.context or ())
    while stack:
        e = stack.pop(0)
        if e.context:
            stack.extend(e.context)
        else:
            leaves.append(e)
    return max(leaves, key=lambda e: len(e.absolute_path)) if leaves else error


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[:limit - 1] + "…"


def check_front_matter(meta: Mapping[str, Any]) -> list[str]:
    """One message per bad key or value of the front matter (empty when it passes)."""
    if not isinstance(meta, Mapping):
        return [f"front matter: expected a mapping, got {type(meta).__name__}"]
    validator = Draft202012Validator(front_matter_schema())
    issues = []
    for error in sorted(validator.iter_errors(dict(meta)), key=lambda e: (list(map(str, e.path)), e.message)):
        where = _where(error.path)
        if error.validator == "additionalProperties":
            allowed = set(known_keys())
            for key in sorted(k for k in error.instance if k not in allowed and not k.startswith("extra_gated_")):
                issues.append(f"{key}: unknown front matter key (known: {', '.join(known_keys())})")
        elif error.validator == "required":
            issues.append(f"{where}: {error.message}")
        elif error.validator == "anyOf" and error.path and error.path[0] in allowed_values():
            key = error.path[0]
            value = error.instance
            bad = [v for v in (value if isinstance(value, list) else [value])
                   if v not in allowed_values()[key]]
            what = ", ".join(repr(v) for v in bad) if bad else repr(value)
            issues.append(f"{where}: {what} is not an allowed {key} value")
        elif error.validator in ("anyOf", "oneOf") and error.context:
            deeper = _deepest(error)  # name the nested key, not the whole list
            issues.append(f"{_where(deeper.absolute_path)}: {_short(deeper.message)}")
        else:
            issues.append(f"{where}: {_short(error.message)}")
    issues.extend(_config_issues(meta))
    return issues


def _config_issues(meta: Mapping[str, Any]) -> list[str]:
    """What JSON Schema cannot say: one default config, dataset_info configs declared in configs."""
    configs = meta.get("configs")
    if not isinstance(configs, list) or not all(isinstance(c, Mapping) for c in configs):
        return []
    issues = []
    names = [c.get("config_name") for c in configs]
    for name in sorted({n for n in names if names.count(n) > 1}, key=str):
        issues.append(f"configs: config_name {name!r} is declared twice")
    defaults = [c.get("config_name") for c in configs if c.get("default") is True]
    if len(configs) > 1 and len(defaults) != 1:
        issues.append(f"configs: exactly one config needs default: true (found {len(defaults)})")
    infos = meta.get("dataset_info")
    infos = [infos] if isinstance(infos, Mapping) else infos if isinstance(infos, list) else []
    for info in infos:
        if isinstance(info, Mapping) and info.get("config_name") not in names:
            issues.append(f"dataset_info: config_name {info.get('config_name')!r} is not in configs")
    return issues


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1", re.MULTILINE | re.DOTALL)


def headings(body: str) -> list[str]:
    """The ATX headings of a Markdown text (not those inside fenced code blocks)."""
    return [m.group(2) for m in _HEADING.finditer(_FENCE.sub("", body))]


def missing_datasheet_sections(body: str) -> list[str]:
    """Datasheets for Datasets sections with no heading in the card body, in the datasheet's order.

    A heading covers a section when it contains one of the section's words as a
    whole word, case-insensitively ("Intended uses" covers `uses`, "Labelling
    and cleaning" covers `preprocessing/cleaning/labelling`).
    """
    found = [h.lower() for h in headings(body)]
    missing = []
    for section, words in DATASHEET_SECTIONS.items():
        patterns = [re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])") for w in words]
        if not any(p.search(h) for h in found for p in patterns):
            missing.append(section)
    return missing


def split_card(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a card's text."""
    import yaml

    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    if not match:
        raise ValueError("no YAML front matter")
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def check_card(readme: Path) -> list[str]:
    """Every front matter problem and missing Datasheets section of a card file."""
    meta, body = split_card(Path(readme).read_text(encoding="utf-8"))
    issues = check_front_matter(meta)
    issues += [f"card body: no heading for the Datasheets section {s!r}" for s in missing_datasheet_sections(body)]
    return issues
