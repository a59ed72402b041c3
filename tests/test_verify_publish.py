"""`wirespan verify` checks a corpus copy byte for byte; `wirespan publish` checks, then uploads and tags.

Everything here is offline: the Hub client is replaced by a fake (or by one
that fails the test if it is called at all).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wirespan.version import __version__
from wirespan.release.checksums import file_digest
from wirespan.commands.cli import main

from conftest import ROOT, make_mini

PARQUET = "figures/test-00000-of-00001.parquet"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the committed corpus, to break on purpose."""
    return Path(shutil.copytree(ROOT / "corpus", tmp_path / "corpus"))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A freshly built corpus of the tiny test project (independent of the state of `corpus/`)."""
    from wirespan.pipeline.build import build

    out = tmp_path / "built"
    build(make_mini(tmp_path / "project"), out)
    return out


class ForbiddenHub:
    """Stands in for `huggingface_hub.HfApi` where the network must not be touched."""

    def __init__(self, *args, **kwargs):
        raise AssertionError("HfApi must not be used here")


class FakeHub:
    """Records the calls a publication makes."""

    calls: list[tuple[str, tuple, dict]] = []
    tags: list[str] = []

    def __init__(self, *args, **kwargs):
        pass

    def create_repo(self, *args, **kwargs):
        FakeHub.calls.append(("create_repo", args, kwargs))

    def list_repo_refs(self, *args, **kwargs):
        FakeHub.calls.append(("list_repo_refs", args, kwargs))
        return type("Refs", (), {"tags": [type("Ref", (), {"name": t})() for t in FakeHub.tags]})()

    def upload_folder(self, **kwargs):
        FakeHub.calls.append(("upload_folder", (), kwargs))
        return type("CommitInfo", (), {"oid": "abc123"})()

    def create_tag(self, *args, **kwargs):
        FakeHub.calls.append(("create_tag", args, kwargs))


@pytest.fixture
def fake_hub(monkeypatch):
    import huggingface_hub

    FakeHub.calls, FakeHub.tags = [], []
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeHub)
    return FakeHub


@pytest.fixture
def no_hub(monkeypatch):
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "HfApi", ForbiddenHub)


# ---------------------------------------------------------------- verify
def test_verify_passes_on_the_committed_corpus(capsys) -> None:
    assert main(["verify", str(ROOT / "corpus")]) == 0
    assert f"version {__version__}" in capsys.readouterr().out


def test_verify_names_a_parquet_file_with_one_byte_changed(corpus: Path, capsys) -> None:
    path = corpus / PARQUET
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    assert main(["verify", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "sha256" in err
    assert "1 problem" in err  # only the changed file is named


def test_verify_fails_on_missing_and_unlisted_files(corpus: Path, capsys) -> None:
    (corpus / PARQUET).unlink()
    (corpus / "notes.txt").write_text("extra\n", encoding="utf-8")
    assert main(["verify", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert f"{corpus / PARQUET}: file listed in checksums.json is missing" in err
    assert f"{corpus / 'notes.txt'}: file is not in checksums.json" in err


def test_verify_fails_on_another_version_and_a_bad_manifest(corpus: Path, capsys) -> None:
    manifest = json.loads((corpus / "checksums.json").read_text(encoding="utf-8"))
    (corpus / "checksums.json").write_text(json.dumps({**manifest, "version": "9.9.9"}), encoding="utf-8")
    assert main(["verify", str(corpus)]) == 1
    assert "version '9.9.9' != package version" in capsys.readouterr().err
    (corpus / "checksums.json").write_text("{", encoding="utf-8")
    assert main(["verify", str(corpus)]) == 1
    assert "unreadable checksum manifest" in capsys.readouterr().err
    (corpus / "checksums.json").unlink()
    assert main(["verify", str(corpus)]) == 1
    assert "missing checksum manifest" in capsys.readouterr().err


def test_verify_fails_when_the_card_states_another_version(corpus: Path, capsys) -> None:
    from wirespan.release import checksums

    card = corpus / "README.md"
    text = card.read_text(encoding="utf-8")
    assert f"**Version {__version__}**" in text
    card.write_text(text.replace(f"**Version {__version__}**", "**Version 0.0.9**"), encoding="utf-8")
    checksums.write(corpus)  # bytes consistent: only the version check can catch it
    assert main(["verify", str(corpus)]) == 1
    assert "card says Version 0.0.9" in capsys.readouterr().err


# ---------------------------------------------------------------- publish
def test_publish_dry_run_lists_every_file_and_the_tag_offline(built: Path, no_hub, capsys) -> None:
    assert main(["publish", "--repo-id", "org/wirespan", "--corpus", str(built), "--dry-run"]) == 0
    out = capsys.readouterr().out
    files = sorted(p for p in built.rglob("*") if p.is_file())
    assert files
    for path in files:
        rel = path.relative_to(built).as_posix()
        line = next(l for l in out.splitlines() if l.strip().startswith(rel + " "))
        assert str(path.stat().st_size) in line.split() and file_digest(path) in line.split()
    assert f"tag: v{__version__}" in out and "nothing uploaded" in out


def test_publish_refuses_a_tag_other_than_the_corpus_version(built: Path, no_hub, capsys) -> None:
    assert main(["publish", "--repo-id", "org/wirespan", "--corpus", str(built), "--dry-run",
                 "--tag", "v9.9.9"]) == 2
    assert f"differs from the corpus version {__version__}" in capsys.readouterr().err
    assert main(["publish", "--repo-id", "org/wirespan", "--corpus", str(built), "--dry-run",
                 "--tag", "release"]) == 2
    assert "vX.Y.Z" in capsys.readouterr().err
    assert main(["publish", "--repo-id", "not-a-repo-id", "--corpus", str(built), "--dry-run"]) == 2


def test_publish_stops_before_the_network_on_a_changed_file(built: Path, fake_hub, capsys) -> None:
    path = built / PARQUET
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    assert main(["publish", "--repo-id", "org/wirespan", "--corpus", str(built)]) == 1
    assert str(path) in capsys.readouterr().err
    assert fake_hub.calls == []


def test_publish_stops_on_invalid_data_with_valid_checksums(built: Path, fake_hub, capsys) -> None:
    from wirespan.release import checksums

    card = built / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("pretty_name: wirespan", "pretty_name: wirespan-x", 1),
                    encoding="utf-8")
    checksums.write(built)  # bytes consistent again: only validation can catch it
    assert main(["verify", str(built)]) == 0
    assert main(["publish", "--repo-id", "org/wirespan", "--corpus", str(built)]) == 1
    assert "out of sync" in capsys.readouterr().err
    assert fake_hub.calls == []


def test_publish_uploads_the_folder_then_tags_that_commit(built: Path, fake_hub, capsys) -> None:
    assert main(["publish", "--repo-id", "org/wirespan", "--corpus", str(built)]) == 0
    names = [c[0] for c in fake_hub.calls]
    assert names == ["create_repo", "list_repo_refs", "upload_folder", "create_tag"]
    _, args, kwargs = fake_hub.calls[0]
    assert args == ("org/wirespan",) and kwargs["repo_type"] == "dataset"
    upload = fake_hub.calls[2][2]
    assert upload["repo_id"] == "org/wirespan" and upload["repo_type"] == "dataset"
    assert Path(upload["folder_path"]) == built
    _, args, kwargs = fake_hub.calls[3]
    assert args == ("org/wirespan",)
    assert kwargs["tag"] == f"v{__version__}" and kwargs["revision"] == "abc123" and kwargs["repo_type"] == "dataset"
    assert f"tagged v{__version__}" in capsys.readouterr().out


def test_publish_never_retags_an_existing_release(built: Path, fake_hub, capsys) -> None:
    fake_hub.tags = [f"v{__version__}"]
    assert main(["publish", "--repo-id", "org/wirespan", "--corpus", str(built)]) == 2
    assert "already has tag" in capsys.readouterr().err
    assert "upload_folder" not in [c[0] for c in fake_hub.calls]


def test_publish_reports_hub_failures_without_a_traceback(built: Path, monkeypatch, capsys) -> None:
    import huggingface_hub

    class Down(FakeHub):
        def create_repo(self, *args, **kwargs):
            raise OSError("network unreachable")

    monkeypatch.setattr(huggingface_hub, "HfApi", Down)
    assert main(["publish", "--repo-id", "org/wirespan", "--corpus", str(built)]) == 1
    err = capsys.readouterr().err
    assert "upload to org/wirespan failed: OSError: network unreachable" in err and "Traceback" not in err
