"""Seeds are byte-identical copies, and every metadata value is backed by the text."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from conftest import ROOT

SHARED = ROOT.parent / "shared" / "seeds"
MANIFEST = json.loads((ROOT / "seeds" / "manifest.json").read_text(encoding="utf-8"))
TEXTS = {e["id"]: (ROOT / "seeds" / e["file"]).read_bytes().decode("utf-8") for e in MANIFEST["documents"]}


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/seeds not beside the project")
def test_seeds_are_byte_identical_to_shared() -> None:
    ours = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert ours == sorted(p.name for p in SHARED.glob("*.txt"))
    for name in ours:
        assert (ROOT / "seeds" / name).read_bytes() == (SHARED / name).read_bytes(), name


def test_manifest_hashes_and_ids() -> None:
    assert len(MANIFEST["documents"]) == 5
    for entry in MANIFEST["documents"]:
        raw = (ROOT / "seeds" / entry["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"]
        assert entry["file"].endswith(f"_{entry['id']}.txt")


@pytest.mark.parametrize("entry", MANIFEST["documents"], ids=lambda e: e["id"])
def test_metadata_is_supported_by_the_text(entry: dict) -> None:
    text = TEXTS[entry["id"]]
    if entry["title"] is not None:
        assert entry["title"] in text.splitlines(), "title must be a line of the text"
    if entry["published"] is not None:
        assert entry["published"] in text
    for key in ("outlet", "wire"):
        value = entry["source"][key]
        if value is not None:
            assert value in text or value in entry["source"]["evidence"]
    evidence = entry["source"]["evidence"]
    assert evidence
    quoted = re.findall(r"“([^”]+)”", evidence)
    assert quoted, "evidence must quote the text"
    corpus = "\n".join(TEXTS.values())
    for snippet in quoted:
        assert snippet in corpus, snippet
    own = [s for s in quoted if s in text]
    assert own, "evidence must quote the document's own text"
    assert entry["source"]["derivation"] in {"original", "reprint", "machine_translation", "rewrite", "unknown"}


@pytest.mark.skipif(not (ROOT.parent / "shared" / "SPEC.md").exists(), reason="shared/ not beside the project")
def test_project_copy_of_the_spec_is_current() -> None:
    assert (ROOT / "docs" / "SPEC.md").read_bytes() == (ROOT.parent / "shared" / "SPEC.md").read_bytes()
