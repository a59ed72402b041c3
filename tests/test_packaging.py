"""A wheel that installs anywhere: sdist and wheel build offline, pass `twine check`, carry their data,
and work in a fresh virtualenv outside the repository (`wirespan --help` and the README's quick start)."""

from __future__ import annotations

import email
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from wirespan import packaged
from wirespan.release import citation
from wirespan.version import __version__

SDIST_INPUTS = ("pyproject.toml", "README.md", "LICENSE.md", "src")


def test_package_data_links_to_the_one_source() -> None:
    # one copy of the schemas and the registry: the package's data paths are links the wheel build resolves
    for copy, source in packaged.SOURCES.items():
        assert (packaged.DATA / copy).is_symlink(), f"{copy} must be a link to {source}, not a second copy"
        assert (packaged.DATA / copy).resolve() == (ROOT / source).resolve()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build` (sdist, then the wheel from the sdist) on a copy of what the sdist is made of."""
    work = tmp_path_factory.mktemp("pkg")
    for name in SDIST_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copyfile(ROOT / name, work / name)
    # --no-isolation: build with the installed setuptools (test extra) instead of downloading one.
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"), str(work)],
                   check=True, capture_output=True, text=True)
    return work / "dist"


def only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def test_build_gives_an_sdist_and_a_wheel_that_twine_accepts(dist: Path) -> None:
    sdist, wheel = only(dist, f"wirespan-{__version__}.tar.gz"), only(dist, f"wirespan-{__version__}-py3-none-any.whl")
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def test_wheel_carries_its_data_and_complete_metadata(dist: Path) -> None:
    with zipfile.ZipFile(only(dist, "*.whl")) as whl:
        names = set(whl.namelist())
        meta = email.message_from_string(whl.read(f"wirespan-{__version__}.dist-info/METADATA").decode())
    schemas = {f"wirespan/data/schema/{p.name}" for p in (ROOT / "schema").glob("*.schema.json")}
    assert schemas and schemas <= names
    assert {"wirespan/py.typed", "wirespan/data/entities.jsonl", "wirespan/data/gazetteer_supplement.json"} <= names
    assert not any(n.startswith(("seeds/", "corpus/", "gold/")) for n in names), "no article text in the wheel"
    assert meta["License-Expression"] == "MIT"
    assert meta["Requires-Python"] == ">=3.11"
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers and "Typing :: Typed" in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # PEP 639: the expression says it
    assert meta["Description-Content-Type"] == "text/markdown"
    urls = meta.get_all("Project-URL") or []
    assert urls == ([] if citation.REPOSITORY_URL is None else [f"Repository, {citation.REPOSITORY_URL}"])
    requires = meta.get_all("Requires-Dist")
    assert any(r.startswith("datasets") for r in requires) and any(r.startswith("pyarrow==") for r in requires)


def test_installed_wheel_works_outside_the_repository(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies come from the test environment (a path, not its .pth files, so not its editable
    # wirespan); the wheel itself is installed without them, from the file, offline.
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(only(dist, "*.whl"))], check=True)
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "corpus", work / "corpus")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
           "HF_DATASETS_CACHE": str(tmp_path / "hf-cache"), "PYTHONPATH": ""}

    def run(*args: str) -> str:
        result = subprocess.run(list(args), cwd=work, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    assert "annotate" in run(str(venv / "bin" / "wirespan"), "--help")
    where = run(str(python), "-c", "import wirespan, wirespan.packaged as p; print(wirespan.__file__); "
                "print(p.SCHEMA_DIR.is_dir(), p.ENTITY_REGISTRY.is_file())")
    assert where.splitlines()[0].startswith(purelib) and where.splitlines()[1] == "True True"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = next(b for b in re.findall(r"```python\n(.*?)```", readme, re.DOTALL) if "wirespan.annotate(" in b)
    (work / "quick_start.py").write_text(quick_start, encoding="utf-8")
    out = run(str(python), "quick_start.py")
    assert "figures: gold 81" in out
