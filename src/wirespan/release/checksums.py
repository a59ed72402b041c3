"""The corpus checksum manifest: sha256 and size of every published file.

`checksums.json` lets anyone who downloaded the corpus check that every file
is the one that was built (`wirespan validate` does); it also carries the
corpus version so a copy always says which release it is.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from wirespan.version import __version__
from wirespan.corpus.jsonl import loads
from wirespan.errors import CorpusIssue

NAME = "checksums.json"


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def manifest(corpus: Path) -> dict[str, Any]:
    """The manifest of every file under `corpus` except the manifest itself."""
    corpus = Path(corpus)
    files = {}
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != NAME):
        rel = path.relative_to(corpus).as_posix()
        files[rel] = {"sha256": file_digest(path), "bytes": path.stat().st_size}
    return {"name": "wirespan", "version": __version__, "algorithm": "sha256", "files": files}


def write(corpus: Path) -> None:
    """Write `checksums.json` for the files now in `corpus`."""
    text = json.dumps(manifest(corpus), indent=2, sort_keys=True) + "\n"
    (Path(corpus) / NAME).write_text(text, encoding="utf-8")


def read_manifest(corpus: Path) -> tuple[dict[str, Any] | None, list[CorpusIssue]]:
    """The recorded manifest of `corpus`, or None and why it cannot be used (missing, unreadable, malformed)."""
    path = Path(corpus) / NAME
    if not path.exists():
        return None, [CorpusIssue(str(path), "missing checksum manifest", check="checksums-missing", level=5)]
    try:
        recorded = loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: JSON syntax, UTF-8, non-finite or huge numbers
        return None, [CorpusIssue(str(path), f"unreadable checksum manifest: {exc}", check="checksums-unreadable",
                                  level=5)]
    shape = shape_issues(recorded, str(path))
    return (None, shape) if shape else (recorded, [])


def shape_issues(recorded: object, where: str) -> list[CorpusIssue]:
    """The first reason a parsed manifest is not {algorithm: sha256, version, files: {path: {sha256, ...}}}."""
    if not isinstance(recorded, dict):
        return [CorpusIssue(where, "checksum manifest must be a JSON object", check="checksums-shape", level=5)]
    if recorded.get("algorithm") != "sha256":
        return [CorpusIssue(where, f"algorithm {recorded.get('algorithm')!r} is not 'sha256'", check="checksums-shape", level=5)]
    if not isinstance(recorded.get("version"), str):
        return [CorpusIssue(where, "checksum manifest has no version", check="checksums-shape", level=5)]
    files = recorded.get("files")
    if not isinstance(files, dict) or not files:
        return [CorpusIssue(where, "checksum manifest lists no files", check="checksums-shape", level=5)]
    for rel, entry in files.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str):
            return [CorpusIssue(where, f"entry {rel!r} has no sha256", check="checksums-shape", level=5)]
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            return [CorpusIssue(where, f"entry {rel!r} is not a path inside the corpus", check="checksums-shape", level=5)]
    return []


def checksum_issues(corpus: Path) -> list[CorpusIssue]:
    """Files whose bytes differ from the manifest, and files missing from either side."""
    corpus = Path(corpus)
    path = corpus / NAME
    recorded, unusable = read_manifest(corpus)
    if recorded is None:
        return unusable
    actual = manifest(corpus)
    issues = []
    if recorded.get("version") != __version__:
        issues.append(CorpusIssue(str(path), f"version {recorded.get('version')!r} != package version {__version__!r}", check="checksums-version", level=5))
    for rel in sorted(set(recorded.get("files", {})) | set(actual["files"])):
        want, got = recorded.get("files", {}).get(rel), actual["files"].get(rel)
        if want is None:
            issues.append(CorpusIssue(str(corpus / rel), "file is not in checksums.json", check="checksums-unlisted", level=5))
        elif got is None:
            issues.append(CorpusIssue(str(corpus / rel), "file listed in checksums.json is missing", check="checksums-file-missing", level=5))
        elif want["sha256"] != got["sha256"]:
            issues.append(CorpusIssue(str(corpus / rel), f"sha256 {got['sha256']} != checksums.json {want['sha256']}", check="checksums-mismatch", level=5))
    return issues
