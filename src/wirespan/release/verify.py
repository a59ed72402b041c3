"""`wirespan verify CORPUS`: is this copy of the corpus the one that was built?

Checks a (downloaded) corpus folder against its own `checksums.json`: the
manifest is readable and well-formed, every file it lists is present with the
listed sha256 and size, no file is there that it does not list, and its
version is the installed package's (the corpus and the code that reads it
belong to one release). Only bytes are checked — `wirespan validate` adds
every rule of the data itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from wirespan.release import checksums
from wirespan.errors import CorpusIssue

_CARD_VERSION = re.compile(r"^\*\*Version (\S+)\*\*$", re.MULTILINE)


def verify(corpus: Path) -> list[CorpusIssue]:
    """Every checksum problem of `corpus` (empty when the copy is intact)."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        return [CorpusIssue(str(corpus), "no such corpus folder", check="corpus-missing", level=1)]
    path = corpus / checksums.NAME
    recorded, unusable = checksums.read_manifest(corpus)
    if recorded is None:
        return unusable
    issues = checksums.checksum_issues(corpus)
    actual = checksums.manifest(corpus)["files"]
    for rel, want in sorted(recorded["files"].items()):
        got = actual.get(rel)
        if got is not None and got["sha256"] == want["sha256"] and got["bytes"] != want.get("bytes"):
            issues.append(CorpusIssue(str(corpus / rel), f"size {got['bytes']} != checksums.json {want.get('bytes')}", check="checksums-size", level=5))
    if recorded.get("name") != "wirespan":
        issues.append(CorpusIssue(str(path), f"name {recorded.get('name')!r} is not 'wirespan'", check="checksums-name", level=5))
    return issues + version_issues(corpus, recorded["version"])


def version_issues(corpus: Path, version: str) -> list[CorpusIssue]:
    """Every place a copy states its version (Croissant metadata, the card's version line) says `version`."""
    issues = []
    croissant = corpus / "croissant.json"
    if croissant.exists():
        try:
            stated = json.loads(croissant.read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError, AttributeError):
            stated = None  # unreadable: its sha256 check already names the file
        if stated is not None and stated != version:
            issues.append(CorpusIssue(str(croissant), f"version {stated!r} != checksums.json version {version!r}", check="version-croissant", level=5))
    card = corpus / "README.md"
    if card.exists():
        try:
            stated_versions = set(_CARD_VERSION.findall(card.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            stated_versions = set()
        for stated in sorted(stated_versions - {version}):
            issues.append(CorpusIssue(str(card), f"card says Version {stated} != checksums.json version {version!r}", check="version-card", level=5))
    return issues


__all__ = ["verify", "version_issues"]
