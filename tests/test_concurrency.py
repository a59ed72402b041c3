"""Builds under concurrency and crashes (issue 14): a lock on the output folder, recovery of killed runs.

Real processes: four `wirespan build` subprocesses started at once on one
checkout, and builds killed with SIGKILL at the last moment before their swap
and between the swap's two renames.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from filelock import FileLock

from conftest import ROOT, make_mini, tree_bytes
from wirespan.commands.cli import main
from wirespan.corpus import layout
from wirespan.pipeline.build import build

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def wirespan(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "wirespan", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".corpus") and p.name != ".corpus.lock")


def test_four_builds_at_once_all_succeed(tmp_path: Path) -> None:
    root = make_mini(tmp_path / "project")
    procs = [wirespan("build", "--root", str(root)) for _ in range(4)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for code, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    reference = make_mini(tmp_path / "reference")
    build(reference)
    assert tree_bytes(root / "corpus") == tree_bytes(reference / "corpus")
    assert leftovers(root) == []


def killed_build(root: Path, when: str) -> int:
    """Run a build in a subprocess that SIGKILLs itself `when` ("before-swap" or "between-renames")."""
    code = textwrap.dedent(f"""
        import os, signal, sys
        from wirespan.corpus import layout
        from wirespan.pipeline import build as b
        real_replace = os.replace
        calls = []
        def die(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        def replace_then_die(src, dst):
            calls.append(src)
            if len(calls) == 2:  # the second rename of swap: corpus moved aside, new one not yet in
                die()
            real_replace(src, dst)
        if {when!r} == "before-swap":
            b.swap = lambda new, out: die()
        else:
            layout.os.replace = replace_then_die
        b.build(sys.argv[1])
    """)
    proc = subprocess.run([sys.executable, "-c", code, str(root)], env=ENV, capture_output=True, timeout=300)
    return proc.returncode


def test_build_killed_before_its_swap_leaves_the_corpus_and_the_next_build_cleans(tmp_path: Path) -> None:
    root = make_mini(tmp_path / "project")
    build(root)
    before = tree_bytes(root / "corpus")
    assert killed_build(root, "before-swap") == -signal.SIGKILL
    assert [n for n in leftovers(root) if n.startswith(".corpus.tmp-")], "the killed build left no temp folder"
    assert tree_bytes(root / "corpus") == before
    build(root)
    assert leftovers(root) == []
    assert tree_bytes(root / "corpus") == before


def test_build_killed_between_the_renames_is_recovered_byte_identical(tmp_path: Path) -> None:
    root = make_mini(tmp_path / "project")
    build(root)
    before = tree_bytes(root / "corpus")
    assert killed_build(root, "between-renames") == -signal.SIGKILL
    assert not (root / "corpus").exists() and (root / ".corpus.old").is_dir()
    with layout.output_lock(root / "corpus"):  # what the next build, annotate or publish does first
        pass
    assert tree_bytes(root / "corpus") == before
    assert leftovers(root) == []


def test_a_second_build_gives_up_after_its_lock_timeout(tmp_path: Path, capsys) -> None:
    root = make_mini(tmp_path / "project")
    with FileLock(str(layout.lock_path(root / "corpus"))):
        t0 = time.monotonic()
        code = main(["build", "--root", str(root), "--lock-timeout", "0.5"])
        waited = time.monotonic() - t0
    err = capsys.readouterr().err
    assert code == 2
    assert "another wirespan run is writing this folder" in err and ".corpus.lock" in err
    assert waited >= 0.5
    assert not (root / "corpus").exists()


def test_annotate_and_publish_take_the_lock_too(tmp_path: Path, capsys) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("The mayor said on Monday that 3 people died in Kyiv.\n", encoding="utf-8")
    out = tmp_path / "silver"
    with FileLock(str(layout.lock_path(out))):
        assert main(["annotate", str(texts), "--out", str(out), "--no-progress", "--lock-timeout", "0"]) == 2
    assert "another wirespan run" in capsys.readouterr().err and not out.exists()
    with FileLock(str(layout.lock_path(ROOT / "corpus"))):
        assert main(["publish", "--repo-id", "org/name", "--corpus", str(ROOT / "corpus"), "--dry-run",
                     "--lock-timeout", "0"]) == 2
    assert "another wirespan run" in capsys.readouterr().err
