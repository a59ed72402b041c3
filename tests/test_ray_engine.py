"""The Ray engine on a real local Ray cluster: same bytes as the local engine, survives a killed worker."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from test_annotate_corpus import corpus, tree, write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAY = str(Path(sys.executable).with_name("ray"))
# Ray replaces 127.0.0.1 in an address by the machine's network address unless told to stay on loopback;
# the test cluster has its own authentication token, shared with the jobs through the environment.
ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
       "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32), "PYTHONPATH": str(ROOT / "src")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(temp_dir: str) -> None:
    """Stop the test's own cluster: the processes naming its temp folder and their children, by pid."""
    procs = _processes()
    pids = {pid for pid, _, cmd in procs if temp_dir in cmd}
    pids |= {pid for pid, ppid, _ in procs if ppid in pids}
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        time.sleep(3)


@pytest.fixture(scope="module")
def cluster():
    """A Ray head on the loopback address (its own temp folder), stopped after the tests."""
    port = _free_port()
    temp_dir = tempfile.mkdtemp(prefix="wsray", dir="/tmp")  # short: Ray's socket paths must fit
    try:
        subprocess.run([RAY, "start", "--head", f"--port={port}", "--num-cpus=2", "--include-dashboard=false",
                        "--disable-usage-stats", f"--temp-dir={temp_dir}"], check=True, env=ENV,
                       capture_output=True, timeout=180)
        yield f"127.0.0.1:{port}"
    finally:
        _stop(temp_dir)
        shutil.rmtree(temp_dir, ignore_errors=True)


def _annotate(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "wirespan", "annotate-corpus", *args, "--no-progress"],
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ray")
    jsonl = write_jsonl(folder / "in.jsonl", corpus(12))
    proc = _annotate([str(jsonl), "--out", str(folder / "local"), "--workers", "2", "--shard-size", "4"])
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return folder, jsonl


def test_ray_cluster_writes_the_local_bytes(cluster, local_run):
    folder, jsonl = local_run
    proc = _annotate([str(jsonl), "--out", str(folder / "ray"), "--engine", "ray", "--address", cluster,
                      "--shard-size", "4"])
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    assert tree(folder / "ray") == tree(folder / "local")


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of every process, from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        out.append((int(entry.name), ppid, cmdline))
    return out


def _kill_one_busy_worker(address: str, stop: threading.Event, killed: list[int]) -> None:
    """SIGKILL one worker of the test's own cluster (a child of its raylet) while it runs an annotation task."""
    while not stop.is_set() and not killed:
        procs = _processes()
        raylets = {pid for pid, _, cmd in procs if "raylet" in cmd.split(" ")[0] and f"--gcs-address={address}" in cmd}
        for pid, ppid, cmd in procs:
            if ppid in raylets and cmd.startswith("ray::") and "_annotate_batch" in cmd:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
        time.sleep(0.05)


def test_ray_job_survives_a_killed_worker(cluster, local_run):
    folder, jsonl = local_run
    target = folder / "ray-killed"
    proc = _annotate([str(jsonl), "--out", str(target), "--engine", "ray", "--address", cluster,
                      "--shard-size", "4"])
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=_kill_one_busy_worker, args=(cluster, stop, killed))
    killer.start()
    out, err = proc.communicate(timeout=900)
    stop.set()
    killer.join()
    assert proc.returncode == 0, err
    assert killed, "no annotation task was caught running"
    assert tree(target) == tree(folder / "local")  # nothing lost, nothing doubled
    shutil.rmtree(target)
