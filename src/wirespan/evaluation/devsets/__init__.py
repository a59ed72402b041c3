"""Public annotated sets the baselines are developed on (issue 13), read into SPEC records.

The data are never part of the package or the repository: they live in a
local folder named by ``$WIRESPAN_DEVDATA`` (or ``--data``), laid out as
``bench/external/fetch_devsets.md`` describes. Blind checks (GeoWebNews,
PolNeAR test, Recognizers-Text, MSRP test) have no reader here on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from wirespan.evaluation.devsets import lgl, measeval, msrp, polnear, quantulum_cases
from wirespan.evaluation.devsets.base import DEVDATA_ENV, DevSetData, DevSetError, devdata_root


@dataclass(frozen=True)
class DevSet:
    """One development set: the layer it annotates, where it comes from and its reader."""

    name: str
    layer: str
    licence: str
    source: str
    reader: Callable[[Path], DevSetData]
    blind: bool = False
    #: Whether a peer was built on it (its figures there are in-sample for that peer).
    in_sample_for: str | None = None
    #: Kinds of SPEC records the set does not annotate as a rule: predictions of these kinds are set aside
    #: when scoring, unless they overlap one of the set's spans.
    unannotated_kinds: frozenset[str] = frozenset()


#: SPEC figure kinds that are not quantities in MeasEval's or quantulum3's sense: neither set annotates
#: calendar dates and years, clock times or ranks as a rule (the few they do annotate are scored).
NOT_QUANTITIES = frozenset({"date", "time", "ordinal"})

REGISTRY: dict[str, DevSet] = {s.name: s for s in (
    DevSet("lgl", "locations",
           "no data licence stated; the repository is GPL-3.0; article texts are their publishers'",
           "qqilihq/WhatsMissingInGeoparsing lgl.xml", lgl.read),
    DevSet("polnear-train", "quotes", "no licence stated in the repository; article texts are their publishers'",
           "networkdynamics/PolNeAR data/train", partial(polnear.read, split="train")),
    DevSet("polnear-dev", "quotes", "no licence stated in the repository; article texts are their publishers'",
           "networkdynamics/PolNeAR data/dev", partial(polnear.read, split="dev")),
    DevSet("measeval", "figures", "texts CC-BY (Elsevier OA-STM corpus); no licence stated for the annotations",
           "harperco/MeasEval data/train + data/trial", measeval.read, unannotated_kinds=NOT_QUANTITIES),
    DevSet("quantulum3-cases", "figures", "MIT (quantulum3)",
           "nielstron/quantulum3 quantulum3/_lang/en_US/tests", quantulum_cases.read, in_sample_for="quantulum3",
           unannotated_kinds=NOT_QUANTITIES),
    DevSet("msrp-train", "variants", "Microsoft Research Paraphrase Corpus licence (not redistributed here)",
           "Pzeyang/Paraphrase_Identification msr_paraphrase_train.txt", msrp.read),
)}

__all__ = ["DEVDATA_ENV", "REGISTRY", "DevSet", "DevSetData", "DevSetError", "devdata_root"]
