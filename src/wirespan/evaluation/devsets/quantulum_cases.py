"""quantulum3's own test cases (``quantities.json``, ``quantities.ambiguity.json``): in-sample for quantulum3.

Each case is ``{req, res: [{value, unit, surface, entity, uncertainty}]}``:
a sentence and the quantities quantulum3 is expected to find, without
offsets. The reader places each ``surface`` at its first occurrence in
``req`` after the previous one (every surface occurs in its sentence).
``value`` is quantulum3's; a range is given as mean ± uncertainty, which
becomes value and value_high. Two of quantulum3's readings are mapped to
SPEC's (guidelines §6): a value written with its uncertainty ("14 ± 0.5 mm",
"+/-") is that value (quantulum3 gives the same mean ± uncertainty as for a
range), and "dozen", which quantulum3 takes for a unit ("a dozen" = 1 dozen),
is the number 12 with no unit. The notes count both. Conventions differ from SPEC (DATACARD.md):
quantulum3 expects numbers inside names ("Voyager 2") and counts every
bare number, it spans the counted noun or unit it recognises, and it has no
dates, times or qualifiers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wirespan.evaluation.devsets.base import DevSetData, DevSetError, need, span
from wirespan.evaluation.devsets.figures_common import quantulum_reading

FILES = ("quantities.json", "quantities.ambiguity.json")
TEST_DIR = ("quantulum3", "quantulum3", "_lang", "en_US", "tests")


def read_cases(cases: list[dict[str, Any]], prefix: str, where: str) -> DevSetData:
    """Documents (one per case) and figure gold."""
    data = DevSetData([], [])
    for n, case in enumerate(cases):
        doc_id, text, pos = f"{prefix}-{n:03d}", case["req"], 0
        data.documents.append({"id": doc_id, "text": text, "published": None})
        for res in case["res"]:
            start = text.find(res["surface"], pos)
            if start < 0:
                start = text.find(res["surface"])
            if start < 0:
                raise DevSetError(f"{where}, case {n}: surface {res['surface']!r} not in the sentence")
            end = start + len(res["surface"])
            pos = end
            low, high, unit, mapped = quantulum_reading(float(res["value"]), res.get("uncertainty"), res["surface"],
                                                        None if res["unit"] == "dimensionless" else res["unit"])
            for note in mapped:
                data.notes[note] = data.notes.get(note, 0) + 1
            data.gold.append(span(doc_id, text, start, end, f"{where}, case {n}", kind="count" if unit is None else "measure",
                                  value=low, value_high=high, unit=unit, iso=None, qualifier="exact"))
    return data


def read(root: Path) -> DevSetData:
    """Both case files."""
    out = DevSetData([], [])
    for name in FILES:
        path = need(Path(root).joinpath(*TEST_DIR, name))
        one = read_cases(json.loads(path.read_text(encoding="utf-8")), name.split(".")[-2], str(path))
        out.documents += one.documents
        out.gold += one.gold
        for key, n in one.notes.items():
            out.notes[key] = out.notes.get(key, 0) + n
    return out
