"""Adding a layer through the registry alone: schema, gold, module, registry entry — nothing else.

This is CONTRIBUTING.md's walk-through as a test. In a temporary project it
adds a toy layer `acronyms` (words of four or more capitals), with its JSON
Schema, one gold record and a trivial extractor in a module of its own, and
declares it with `registry.register`. No other file of the package is
touched, yet the layer builds, validates, loads with `datasets`, is scored by
`wirespan score`, and appears in the card, Croissant and the command line.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import MINI_ID, MINI_TEXT, make_mini, span, write_jsonl
from wirespan.commands.cli import main
from wirespan.corpus.schema import Schemas
from wirespan.evaluation.scoring import score
from wirespan.layers import registry
from wirespan.pipeline.build import build
from wirespan.release.checks import validate_corpus

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "acronym.schema.json",
    "title": "acronym",
    "description": "A word of four or more capital letters (a toy layer).",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "start", "end", "text", "letters"],
    "properties": {
        "id": {"type": "string", "pattern": "^[0-9a-f]{16}:[a-z]+:[0-9]+-[0-9]+$"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 1},
        "text": {"type": "string"},
        "letters": {"type": "integer", "minimum": 4},
    },
}

MODULE = '''
"""The toy layer's baseline: words of four or more capital letters."""
import re

def extract(inp):
    return [{"start": m.start(), "end": m.end(), "text": m.group(), "letters": len(m.group())}
            for m in re.finditer(r"\\b[A-Z]{4,}\\b", inp.text)]
'''

TOY = registry.Layer(name="acronyms", schema="acronym.schema.json", id_tag="acronym", row="acronym",
                     description="One row per acronym (a toy layer).", attributes=("letters",), signature="letters",
                     extractor="toy_acronyms:extract", system="toy_acronyms")


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_mini(tmp_path / "project")
    (root / "schema" / "acronym.schema.json").write_text(json.dumps(SCHEMA, indent=2), encoding="utf-8")
    write_jsonl(root / "gold" / "acronyms.jsonl", [{"doc_id": MINI_ID, **span(MINI_TEXT, "KYIV"), "letters": 4}])
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "toy_acronyms.py").write_text(textwrap.dedent(MODULE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(modules))
    registry.register(TOY)
    yield root
    registry.unregister(TOY.name)
    sys.modules.pop("toy_acronyms", None)


def test_a_toy_layer_builds_validates_loads_scores_and_is_carded(toy: Path, tmp_path: Path, capsys) -> None:
    counts = build(toy)
    assert counts["acronyms"] == 1
    corpus = toy / "corpus"
    assert (corpus / "acronyms" / "test-00000-of-00001.parquet").exists()
    assert validate_corpus(corpus, Schemas(corpus / "schema")) == []

    from datasets import load_dataset
    rows = load_dataset(str(corpus), "acronyms", split="test", cache_dir=str(tmp_path / "cache")).to_list()
    start = MINI_TEXT.index("KYIV")
    assert rows == [{"doc_id": MINI_ID, "id": f"{MINI_ID}:acronym:{start}-{start + 4}", "start": start,
                     "end": start + 4, "text": "KYIV", "letters": 4}]

    report = score(toy, "acronyms")
    assert report["exact"]["f1"] == 1.0 and report["attributes"]["letters"]["accuracy"] == 1.0

    card = (corpus / "README.md").read_text(encoding="utf-8")
    assert "config_name: acronyms" in card and "| `acronyms` | 1 | acronym |" in card
    assert re.search(r"\| acronyms \|", card)  # a column of the documents table
    croissant = json.loads((corpus / "croissant.json").read_text(encoding="utf-8"))
    assert "acronyms" in [rs["@id"] for rs in croissant["recordSet"]]

    assert main(["layers"]) == 0 and "acronyms" in capsys.readouterr().out.split()
    assert main(["score", "acronyms", "--root", str(toy)]) == 0
    assert "acronyms: gold 1, predicted 1" in capsys.readouterr().out


def test_a_broken_toy_record_is_named_with_the_layer(toy: Path) -> None:
    from wirespan.errors import CorpusError
    write_jsonl(toy / "gold" / "acronyms.jsonl", [{"doc_id": MINI_ID, **span(MINI_TEXT, "KYIV"), "letters": 3}])
    with pytest.raises(CorpusError) as info:
        build(toy)
    assert any(i.layer == "acronyms" and i.check == "schema-minimum" for i in info.value.issues), info.value
