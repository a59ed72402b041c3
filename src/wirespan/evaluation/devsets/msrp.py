"""Microsoft Research Paraphrase Corpus, training part (``msr_paraphrase_train.txt``).

Tab-separated ``Quality  #1 ID  #2 ID  #1 String  #2 String`` with a header
line (and a byte-order mark). Each row is a pair of news sentences and
whether annotators judged them paraphrases. The test part is a blind check
and is not read. SPEC's passage pairs are links between sentences of two
documents that report the same statement, which is close to MSRP's "same
meaning" judgement; MSRP gives no relation (verbatim, edited, paraphrase).
Each sentence becomes a one-sentence document; a pair record is
``{id, a, b, paraphrase}`` with the two document ids.
"""

from __future__ import annotations

from pathlib import Path

from wirespan.evaluation.devsets.base import DevSetData, DevSetError, need

FILE = "msr_paraphrase_train.txt"


def read_text(content: str, where: str = FILE) -> DevSetData:
    """Pairs and one document per distinct sentence id."""
    data = DevSetData([], [])
    seen: set[str] = set()
    lines = content.lstrip("\ufeff").splitlines()
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 5 or parts[0] not in ("0", "1"):
            raise DevSetError(f"{where}, line {n}: expected 5 tab-separated fields with quality 0 or 1")
        quality, id1, id2, s1, s2 = parts
        for doc_id, text in ((id1, s1), (id2, s2)):
            if doc_id not in seen:
                seen.add(doc_id)
                data.documents.append({"id": doc_id, "text": text, "published": None})
        data.gold.append({"id": f"{id1}-{id2}", "a": id1, "b": id2, "paraphrase": quality == "1"})
    return data


def read(root: Path) -> DevSetData:
    """MSRP train from ``root/msrp/msr_paraphrase_train.txt``."""
    path = need(Path(root) / "msrp" / FILE)
    return read_text(path.read_text(encoding="utf-8"), str(path))
