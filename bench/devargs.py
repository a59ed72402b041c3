"""The shared start of the scripts that read the development sets: the ``--data`` option and MSRP train.

Why: ``train_pair_classifier.py``, ``bench_pair_word_features.py`` and
``bench_pair_encoder_features.py`` each set up the same parser and read the
same MSRP train pairs the same way (``bench_external.py`` shares the
``--data`` option); one copy keeps their options and error messages alike.
Only MSRP *train* is read; MSRP test stays a blind check.

Use (a script in ``bench/``, which Python puts on ``sys.path`` when run)::

    ap = parser(__doc__)
    ap.add_argument(...)  # the script's own options
    args = ap.parse_args(argv)
    msrp = msrp_train(args.data, "script_name")
    if msrp is None:
        return 2
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from wirespan.evaluation.devsets import DevSetError, devdata_root
from wirespan.evaluation.devsets.msrp import read

#: Help of the ``--data`` option.
DATA_HELP = "development data folder (default: $WIRESPAN_DEVDATA)"


def parser(doc: str) -> argparse.ArgumentParser:
    """An argument parser described by the first paragraph of ``doc`` (the script's docstring), with ``--data``."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--data", help=DATA_HELP)
    return ap


@dataclass(frozen=True)
class MsrpTrain:
    """MSRP train: the sentences by id, and the pairs (``{"id", "a", "b", "paraphrase"}``), both in file order."""

    texts: dict[str, str]
    gold: list[dict]

    def pairs(self) -> list[tuple[str, str]]:
        """The two sentences (texts) of every pair."""
        return [(self.texts[g["a"]], self.texts[g["b"]]) for g in self.gold]

    def labels(self) -> list[bool]:
        """Whether each pair is a paraphrase."""
        return [g["paraphrase"] for g in self.gold]


def msrp_train(data: str | None, prog: str) -> MsrpTrain | None:
    """MSRP train from the folder ``data`` (else ``$WIRESPAN_DEVDATA``); None, after ``prog: why`` on stderr,
    when it cannot be read."""
    try:
        found = read(devdata_root(data))
    except DevSetError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None
    return MsrpTrain({d["id"]: d["text"] for d in found.documents}, found.gold)
