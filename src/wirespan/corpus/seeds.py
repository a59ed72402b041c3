"""Seeds -> document records: byte-identical articles plus curated metadata.

The manifest (`seeds/manifest.json`) is the only place document metadata is
kept; every value in it is backed by the article's own text (`evidence`).
Loading refuses a seed whose bytes no longer match the manifest's sha256, so a
silently edited article can never be built into the corpus.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from wirespan.corpus.jsonl import loads
from wirespan.errors import CorpusError, CorpusIssue

MANIFEST = "manifest.json"
_SEED_NAME = re.compile(r"^(\d{3})_([0-9a-f]{16})\.txt$")


def doc_id_of(filename: str) -> str | None:
    """The document id is the 16 hex digits in the seed file name."""
    match = _SEED_NAME.match(filename)
    return match.group(2) if match else None


def reporting_day(seed_dir: Path) -> str | None:
    """The corpus's reporting day (manifest `reporting_day`), or None.

    Baselines get it only to infer years a text omits when the document itself
    states no publication date; it is never written into a document's
    `published`, which must come from the document's own text.
    """
    try:
        manifest = loads((Path(seed_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # `load_documents` names what is wrong with the manifest
    return manifest.get("reporting_day") if isinstance(manifest, dict) else None


def load_documents(seed_dir: Path) -> list[dict[str, Any]]:
    """Read and check every seed listed in the manifest, in manifest order.

    Returns document rows without annotation layers. Raises `CorpusError`
    naming the file (and the byte offset for undecodable text) on any problem.
    """
    seed_dir = Path(seed_dir)
    manifest_path = seed_dir / MANIFEST
    try:
        manifest = loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: JSON syntax, UTF-8, non-finite or huge numbers
        raise CorpusError([CorpusIssue(str(manifest_path), f"cannot read seed manifest: {exc}", check="manifest-unreadable", level=1)]) from None
    shape = _manifest_shape(manifest)
    if shape:
        raise CorpusError([CorpusIssue(str(manifest_path), shape, check="manifest-shape", level=1)])
    issues: list[CorpusIssue] = []
    docs = []
    listed = set()
    for entry in manifest["documents"]:
        doc = _load_one(seed_dir, entry, issues)
        listed.add(entry["file"])
        if doc is not None:
            docs.append(doc)
    for path in sorted(seed_dir.glob("*.txt")):
        if path.name not in listed:
            issues.append(CorpusIssue(str(path), "seed file is not listed in seeds/manifest.json", check="seed-unlisted", level=1))
    if issues:
        raise CorpusError(issues)
    return docs


def _manifest_shape(manifest: Any) -> str | None:
    """Why the manifest cannot be read entry by entry (field values are the document schema's to check)."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("documents"), list):
        return "the manifest must be an object with a 'documents' list"
    for n, entry in enumerate(manifest["documents"]):
        if not isinstance(entry, dict):
            return f"documents[{n}] must be an object"
        for key in ("file", "id", "sha256"):
            if not isinstance(entry.get(key), str):
                return f"documents[{n}].{key} must be a string"
        if not isinstance(entry.get("source"), dict):
            return f"documents[{n}].source must be an object"
        missing = [key for key in ("title", "published", "language") if key not in entry]
        if missing:
            return f"documents[{n}] has no {', '.join(missing)}"
    return None


def _load_one(seed_dir: Path, entry: dict[str, Any], issues: list[CorpusIssue]) -> dict[str, Any] | None:
    path = seed_dir / entry["file"]
    doc_id = doc_id_of(entry["file"])
    if doc_id is None or doc_id != entry["id"]:
        issues.append(CorpusIssue(str(path), f"id {entry['id']!r} does not match the file name", entry["id"], check="seed-id-mismatch", level=1))
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        issues.append(CorpusIssue(str(path), f"cannot read seed: {exc}", doc_id, check="seed-unreadable", level=1))
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry["sha256"]:
        issues.append(CorpusIssue(str(path), f"sha256 {digest} does not match the manifest's {entry['sha256']}"
                                  " (the seed was changed; seeds must stay byte-identical)", doc_id, check="seed-changed", level=1))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.append(CorpusIssue(str(path), f"not valid UTF-8: {exc.reason}", doc_id, offset=exc.start, check="seed-not-utf8", level=1))
        return None
    return {
        "id": doc_id,
        "text": text,
        "sha256": digest,
        "title": entry["title"],
        "published": entry["published"],
        "language": entry["language"],
        "source": dict(entry["source"]),
        "status": entry.get("status", "gold"),
    }
