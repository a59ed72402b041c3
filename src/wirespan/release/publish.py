"""`wirespan publish`: check the built corpus, then upload it to the Hugging Face Hub and tag the release.

Order of work, each step stopping the command on failure:
1. `verify` — the files are those `checksums.json` lists, byte for byte;
2. `validate` — every rule of the data (schemas, SPEC, card, checksums);
3. the tag — `v` + the package version by default; a tag that is not
   `v` + the corpus version (`checksums.json`) is refused, so a release tag
   always names the data it points to;
4. (not `--dry-run`) refuse a tag the repository already has, create the
   dataset repository if needed, `upload_folder` the corpus (remote Parquet,
   JSON and Markdown files the corpus no longer has are deleted in the same
   commit, so the Hub copy passes `wirespan verify`), then tag that commit.

`--dry-run` runs steps 1–3 and lists what would be uploaded (path, bytes,
sha256) and the tag; it never imports `huggingface_hub` nor touches the network.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirespan.version import __version__

from wirespan.release import checksums
from wirespan.errors import CorpusError, PublishError

#: Remote files an upload replaces: whatever of these the corpus no longer has is deleted.
MIRRORED = ["*.parquet", "*.json", "*.md"]
_TAG = re.compile(r"^v\d+\.\d+\.\d+$")
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[A-Za-z0-9][\w.\-]*$")



@dataclass
class Plan:
    """What a publication uploads, and where."""

    repo_id: str
    tag: str
    version: str
    corpus: Path
    files: list[dict[str, Any]]  # {path, bytes, sha256}, sorted by path

    def listing(self) -> str:
        width = max(len(f["path"]) for f in self.files)
        lines = [f"would upload {len(self.files)} files ({sum(f['bytes'] for f in self.files)} bytes) "
                 f"from {self.corpus} to dataset {self.repo_id}, then tag {self.tag}:"]
        lines += [f"  {f['path']:<{width}}  {f['bytes']:>9d}  {f['sha256']}" for f in self.files]
        lines.append(f"tag: {self.tag} (corpus version {self.version})")
        return "\n".join(lines)


def check(corpus: Path, schema_dir: Path | None = None) -> None:
    """verify + validate; raise `CorpusError` with every problem."""
    from wirespan.corpus.schema import Schemas
    from wirespan.release.checks import validate_corpus
    from wirespan.release.verify import verify

    corpus = Path(corpus)
    issues = verify(corpus)
    if issues:
        raise CorpusError(issues)
    issues = validate_corpus(corpus, Schemas(Path(schema_dir) if schema_dir else corpus / "schema"))
    if issues:
        raise CorpusError(issues)


def plan(corpus: Path, repo_id: str, tag: str | None = None) -> Plan:
    """The files and tag of a publication of a verified corpus; refuses a tag that is not the corpus's."""
    corpus = Path(corpus)
    if not _REPO_ID.match(repo_id or ""):
        raise PublishError(f"--repo-id {repo_id!r} is not ORG/NAME")
    recorded = json.loads((corpus / checksums.NAME).read_text(encoding="utf-8"))
    version = recorded["version"]
    tag = tag or f"v{__version__}"
    if not _TAG.match(tag):
        raise PublishError(f"tag {tag!r} is not of the form vX.Y.Z")
    if tag != f"v{version}":
        raise PublishError(f"tag {tag} differs from the corpus version {version} (checksums.json): "
                           f"a release tag must be v{version}")
    files = [{"path": rel, "bytes": entry["bytes"], "sha256": entry["sha256"]}
             for rel, entry in recorded["files"].items()]
    files.append({"path": checksums.NAME, "bytes": (corpus / checksums.NAME).stat().st_size,
                  "sha256": checksums.file_digest(corpus / checksums.NAME)})
    return Plan(repo_id, tag, version, corpus, sorted(files, key=lambda f: f["path"]))


def upload(p: Plan, api: Any = None) -> str:
    """Create the repository if needed, upload the corpus and tag the commit; returns the commit id."""
    if api is None:
        from huggingface_hub import HfApi

        api = HfApi()
    api.create_repo(p.repo_id, repo_type="dataset", exist_ok=True)
    refs = api.list_repo_refs(p.repo_id, repo_type="dataset")
    if any(t.name == p.tag for t in getattr(refs, "tags", []) or []):
        raise PublishError(f"{p.repo_id} already has tag {p.tag}: a release is never re-tagged "
                           "(bump the version to publish new data)")
    commit = api.upload_folder(repo_id=p.repo_id, folder_path=str(p.corpus), repo_type="dataset",
                               commit_message=f"wirespan {p.version}", delete_patterns=MIRRORED)
    revision = getattr(commit, "oid", None)
    api.create_tag(p.repo_id, tag=p.tag, tag_message=f"wirespan {p.version}", revision=revision,
                   repo_type="dataset")
    return revision or ""


def publish(corpus: Path, repo_id: str, tag: str | None = None, dry_run: bool = False,
            schema_dir: Path | None = None, api: Any = None) -> Plan:
    """Check, plan and (unless `dry_run`) upload; returns the plan."""
    check(corpus, schema_dir)
    p = plan(corpus, repo_id, tag)
    if not dry_run:
        upload(p, api)
    return p


__all__ = ["Plan", "PublishError", "check", "plan", "publish", "upload"]
