"""Fuzzing (issue 14): corrupt seeds, gold, predictions, annotate input and a built corpus at random.

Each property calls the command line in-process (`commands.cli.main`) and
asserts what a user is promised: no exception escapes (a traceback fails the
test), the exit status is 0 (the damage happened to be valid data), 1 (bad
corpus or inputs) or 2 (bad usage or predictions), a refusal prints a named
finding or a located reason, and nothing is written — the previous corpus is
byte-identical and no temporary folder is left.

Damage: flipped bytes, truncation, inserted bytes (invalid UTF-8, an encoded
surrogate, a BOM), and record fields replaced by wrong types, huge and
non-finite numbers (2**63, 2**70, NaN, Infinity, 1e400) and Unicode edge
cases (combining marks, lone surrogates as JSON escapes, right-to-left text,
zero-width characters, emoji outside the BMP).

Runs: a fixed seed and a few dozen examples per property in CI (the default
profile, `derandomize=True`); set `WIRESPAN_FUZZ_EXAMPLES=2000` for a longer,
randomly seeded run (README, "Fuzzing").
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, make_mini, tree_bytes
from wirespan.commands.cli import main
from wirespan.pipeline.build import build

EXAMPLES = int(os.environ.get("WIRESPAN_FUZZ_EXAMPLES", "0"))
settings.register_profile("wirespan-ci", max_examples=25, derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("wirespan-long", max_examples=max(EXAMPLES, 1), derandomize=False, deadline=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings.get_profile("wirespan-long" if EXAMPLES else "wirespan-ci")

#: Unicode edge cases a text or a string field may hold.
NASTY_TEXT = [
    "e\u0301\u0302",                 # combining marks
    "\u05e9\u05dc\u05d5\u05dd \u0627\u0644\u0633\u0644\u0627\u0645",  # right-to-left scripts
    "\u202eevil\u202c",              # right-to-left override
    "a\u200bb\u200c\u200d\u2060",    # zero-width characters
    "\U0001F600\U0001F1FA\U0001F1E6\U0001F468\u200d\U0001F469",  # emoji outside the BMP, flags, ZWJ sequence
    "\ufeffBOM", "tab\tnew\nline\r\n", "nul\u0000byte", "\u2028\u2029", "ﬁ ǅ ẞ İ",
]
#: Raw JSON tokens a field value is replaced with (not all of them are valid JSON).
RAW_TOKENS = [
    "NaN", "Infinity", "-Infinity", "1e400", "-1e400", str(2 ** 63), str(-(2 ** 63) - 1), str(2 ** 70),
    "1.5", "5.0", "-1", "0", "true", "false", "null", '"x"', '""', "[]", "{}", '[1, "a"]', '{"start": 1}',
    '"\\ud800"', '"a\\udfffb"', '"\\ud83d\\ude00"', *[json.dumps(t) for t in NASTY_TEXT],
]
#: Byte strings inserted into a file.
RAW_BYTES = [b"\xff", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x00", b"\xc3", "\u202e".encode(), "e\u0301".encode(),
             b"\n", b"{", b'"']


def run(argv: list[str]) -> tuple[int, str]:
    """Exit status and stderr of one in-process command; any exception fails the calling test."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


def assert_refused(code: int, err: str, allowed: tuple[int, ...]) -> None:
    assert code in (0, *allowed), (code, err)
    assert "Traceback" not in err
    if code:
        assert err.startswith("wirespan "), err
        assert "[L" in err or ": " in err, err  # a finding with check id, or a located reason


# ---------------------------------------------------------------- damage
@st.composite
def byte_damage(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with one flipped byte, a truncation or an inserted byte string (always different from `data`)."""
    kind = draw(st.sampled_from(["flip", "truncate", "insert"]))
    if kind == "flip" and data:
        i = draw(st.integers(0, len(data) - 1))
        return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
    if kind == "truncate" and data:
        return data[:draw(st.integers(0, len(data) - 1))]
    i = draw(st.integers(0, len(data)))
    return data[:i] + draw(st.sampled_from(RAW_BYTES)) + data[i:]


@st.composite
def field_damage(draw: st.DrawFn, lines: list[str]) -> str:
    """JSON Lines text with one field (top-level or nested one level) of one record set to a raw token."""
    records = [json.loads(line) for line in lines]
    i = draw(st.integers(0, len(records) - 1))
    record = records[i]
    target = record
    nested = [k for k, v in record.items() if isinstance(v, dict)]
    if nested and draw(st.booleans()):
        target = record[draw(st.sampled_from(nested))]
    key = draw(st.sampled_from(sorted(target) + ["extra"]))
    target[key] = "__FUZZ__"
    token = draw(st.sampled_from(RAW_TOKENS))
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[i] = lines[i].replace('"__FUZZ__"', token)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- a built mini project, copied per example
_BASE: dict[str, Path] = {}


def base_project() -> Path:
    """The mini project, built once per session (copied for each example)."""
    if "root" not in _BASE:
        root = make_mini(Path(tempfile.mkdtemp(prefix="wirespan-fuzz-")) / "project")
        build(root)
        _BASE["root"] = root
    return _BASE["root"]


@contextlib.contextmanager
def project_copy():
    work = Path(tempfile.mkdtemp(prefix="wirespan-fuzz-case-"))
    try:
        root = work / "project"
        shutil.copytree(base_project(), root)
        yield root
    finally:
        shutil.rmtree(work, ignore_errors=True)


def assert_build_refused_or_valid(root: Path, before: dict[str, bytes]) -> None:
    code, err = run(["build", "--root", str(root)])
    assert_refused(code, err, (1,))
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".corpus") and p.name != ".corpus.lock"]
    assert leftovers == []
    if code:
        assert tree_bytes(root / "corpus") == before, "a refused build changed the corpus"
    else:
        assert run(["validate", str(root / "corpus")])[0] == 0


# ---------------------------------------------------------------- properties
GOLD_FILES = ["segments.jsonl", "quotes.jsonl", "figures.jsonl", "locations.jsonl"]


@FUZZ
@given(data=st.data(), name=st.sampled_from(GOLD_FILES))
def test_fuzz_gold_fields(data: st.DataObject, name: str) -> None:
    with project_copy() as root:
        before = tree_bytes(root / "corpus")
        path = root / "gold" / name
        path.write_text(data.draw(field_damage(path.read_text(encoding="utf-8").splitlines())), encoding="utf-8")
        assert_build_refused_or_valid(root, before)


@FUZZ
@given(data=st.data(), name=st.sampled_from(GOLD_FILES + ["../seeds/manifest.json"]))
def test_fuzz_gold_and_manifest_bytes(data: st.DataObject, name: str) -> None:
    with project_copy() as root:
        before = tree_bytes(root / "corpus")
        path = root / "gold" / name
        path.write_bytes(data.draw(byte_damage(path.read_bytes())))
        assert_build_refused_or_valid(root, before)


@FUZZ
@given(data=st.data())
def test_fuzz_seed_bytes(data: st.DataObject) -> None:
    with project_copy() as root:
        before = tree_bytes(root / "corpus")
        seed = next((root / "seeds").glob("*.txt"))
        seed.write_bytes(data.draw(byte_damage(seed.read_bytes())))
        code, err = run(["build", "--root", str(root)])
        assert code == 1 and "[L1 seed-" in err, err  # any changed byte: the manifest's sha256 no longer matches
        assert tree_bytes(root / "corpus") == before


@FUZZ
@given(data=st.data())
def test_fuzz_built_corpus_files(data: st.DataObject) -> None:
    with project_copy() as root:
        corpus = root / "corpus"
        files = sorted(p for p in corpus.rglob("*") if p.is_file())
        path = data.draw(st.sampled_from(files))
        path.write_bytes(data.draw(byte_damage(path.read_bytes())))
        code, err = run(["validate", str(corpus)])
        assert code == 1, err  # every file is listed in checksums.json: no damage passes
        assert "Traceback" not in err and "[L" in err
        code, err = run(["verify", str(corpus)])
        assert code == 1 and "[L" in err


def prediction_lines() -> list[str]:
    """Figure rows of the committed gold corpus (valid predictions of a perfect system)."""
    import pyarrow.parquet as pq

    rows = pq.read_table(ROOT / "corpus" / "figures" / "test-00000-of-00001.parquet").to_pylist()[:8]
    return [json.dumps(r, ensure_ascii=False) for r in rows]


@FUZZ
@given(data=st.data(), bytes_level=st.booleans())
def test_fuzz_predictions(data: st.DataObject, bytes_level: bool, tmp_path_factory: pytest.TempPathFactory) -> None:
    lines = prediction_lines()
    folder = tmp_path_factory.mktemp("pred")
    path = folder / "figures.jsonl"
    text = "\n".join(lines) + "\n"
    if bytes_level:
        path.write_bytes(data.draw(byte_damage(text.encode("utf-8"))))
    else:
        path.write_text(data.draw(field_damage(lines)), encoding="utf-8")
    code, err = run(["evaluate", "--gold", str(ROOT / "corpus"), "--pred", str(path), "--no-progress"])
    assert_refused(code, err, (2,))
    if code:
        assert str(path) in err


@FUZZ
@given(texts=st.lists(st.lists(st.sampled_from(NASTY_TEXT + ["Kyiv", "said", " ", "3", ".", "“", "”", "\n"]),
                               min_size=1, max_size=40).map("".join), min_size=1, max_size=2),
       raw=st.sampled_from([None, *RAW_TOKENS[:8]]))
def test_fuzz_annotate_input(texts: list[str], raw: str | None, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("annotate")
    lines = [json.dumps({"text": t}) for t in texts]
    if raw is not None:
        lines.append('{"text": "x", "published": ' + raw + "}")
    src = folder / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = folder / "out"
    code, err = run(["annotate", str(src), "--out", str(out), "--no-progress"])
    assert_refused(code, err, (1, 2))
    if code:
        assert not out.exists()
    else:
        code, err = run(["validate", str(out)])
        assert code == 0, err  # what annotate writes is a valid corpus
