"""Input ids and repeats of `wirespan annotate`, the Python API and `annotate-corpus` (issue 13, item 4).

An id of 16 lower-case hex digits is the corpus id; any other string (or an
integer, as its decimal string) is kept as `input_id` and the corpus id is
the first 16 hex digits of the sha256 of its UTF-8 bytes. An identical repeat
is reported and annotated once; one id with two texts is refused. All texts
here are invented.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import wirespan
from conftest import ROOT
from wirespan.commands.cli import main
from wirespan.errors import InputError
from wirespan.pipeline.inputs import corpus_id, input_document
from wirespan.pipeline.stream import LocalEngine, Options, annotate_corpus

TEXT_A = "Flooding closed the harbour road in Porto on Tuesday, the council said.\n"
TEXT_B = "The ferry company said 40 crossings were cancelled after the storm.\n"
TEXT_C = "“We expect the bridge to reopen by Friday,” said Ana Lima, the city engineer.\n"
HEX = "0123456789abcdef"
#: sha256 of the UTF-8 bytes of "bbc-business-001", computed outside the project (`printf … | sha256sum`):
#: the derived id must stay this on every run and machine.
BBC_ID = "03b019a783c96273"


def _sha16(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _rows(folder: Path, config: str = "documents") -> list[dict]:
    return [r for f in sorted((folder / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]


# ---------------------------------------------------------------- the id rule
def test_hex_id_is_the_corpus_id_and_nothing_is_kept() -> None:
    doc = input_document({"id": HEX, "text": TEXT_A}, "in.jsonl:1")
    assert (doc["id"], doc["input_id"]) == (HEX, None)


def test_string_id_derives_a_stable_corpus_id_and_is_kept() -> None:
    assert _sha16("bbc-business-001") == BBC_ID
    doc = input_document({"id": "bbc-business-001", "text": TEXT_A}, "in.jsonl:1")
    assert (doc["id"], doc["input_id"]) == (BBC_ID, "bbc-business-001")
    # upper-case hex is not a corpus id: kept and hashed like any other string
    assert corpus_id(HEX.upper(), "x") == (_sha16(HEX.upper()), HEX.upper())
    assert corpus_id("Ünïcode id/7", "x") == (_sha16("Ünïcode id/7"), "Ünïcode id/7")


def test_integer_id_is_its_decimal_string() -> None:
    assert corpus_id(42, "x") == (_sha16("42"), "42")
    assert corpus_id(-3, "x") == (_sha16("-3"), "-3")


@pytest.mark.parametrize("value, reason", [
    (4.0, "got float 4.0"), (True, "got bool True"), ([1], "got list [1]"), ({"n": 1}, "got dict"),
    ("", "must not be empty"),
])
def test_bad_id_types_are_refused_naming_file_and_line(value: object, reason: str) -> None:
    with pytest.raises(InputError, match=r"^in\.jsonl:7: id ") as err:
        input_document({"id": value, "text": TEXT_A}, "in.jsonl:7")
    assert reason in str(err.value)


# ---------------------------------------------------------------- wirespan annotate
def test_cli_keeps_ids_reports_repeats_and_writes_a_valid_corpus(tmp_path: Path, capsys) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": HEX, "text": TEXT_A},
        {"id": "bbc-business-001", "text": TEXT_B},
        {"id": 42, "text": TEXT_C},
        {"id": "bbc-business-001", "text": TEXT_B},  # line 4: identical repeat of line 2
        {"text": TEXT_A + "More.\n"},
        {"text": TEXT_A + "More.\n"},  # line 6: identical repeat of line 5 (no id: the text's hash)
    ])
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {src}:4: repeats {src}:2 (id 'bbc-business-001', same text)" in err
    assert f"warning: {src}:6: repeats {src}:5" in err
    docs = _rows(out)
    assert [(d["id"], d["input_id"]) for d in docs] == [
        (HEX, None), (BBC_ID, "bbc-business-001"), (_sha16("42"), "42"),
        (hashlib.sha256((TEXT_A + "More.\n").encode()).hexdigest()[:16], None)]
    assert all(d["status"] == "silver" for d in docs)
    # annotation ids are derived from the corpus id, as for gold
    assert docs[2]["quotes"] and all(q["id"].startswith(_sha16("42") + ":") for q in docs[2]["quotes"])
    card = (out / "README.md").read_text(encoding="utf-8")
    assert f"| `{BBC_ID}` | `bbc-business-001` | `in.jsonl:2` |" in card
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0, capsys.readouterr()


def test_cli_refuses_one_id_with_two_texts_naming_both_lines(tmp_path: Path, capsys) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "bbc-business-001", "text": TEXT_A},
                                         {"id": "bbc-business-001", "text": TEXT_B}])
    assert main(["annotate", str(src), "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{src}:2: document id 'bbc-business-001' is also the id of {src}:1, with a different text" in err
    assert not (tmp_path / "out").exists()


def test_cli_refuses_an_id_that_is_another_documents_corpus_id(tmp_path: Path, capsys) -> None:
    # the same text even: two different input ids must not share one corpus id
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "bbc-business-001", "text": TEXT_A}, {"id": BBC_ID, "text": TEXT_A}])
    assert main(["annotate", str(src), "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{src}:2: id {BBC_ID} gives corpus id {BBC_ID}, which {src}:1 already has (id 'bbc-business-001')" in err


def test_txt_file_name_is_the_input_id(tmp_path: Path, capsys) -> None:
    # two files with one text are two documents: each keeps its own name
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "storm-report.txt").write_text(TEXT_B, encoding="utf-8")
    (folder / "storm report (copy).txt").write_text(TEXT_B, encoding="utf-8")
    (folder / f"{HEX}.txt").write_text(TEXT_A, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(folder), "--out", str(out), "--no-progress"]) == 0
    assert "repeats" not in capsys.readouterr().err
    got = sorted((r["id"], r["input_id"]) for r in _rows(out))
    assert got == sorted([(_sha16("storm-report"), "storm-report"),
                          (_sha16("storm report (copy)"), "storm report (copy)"), (HEX, None)])
    assert (HEX, None) in got  # a name that is only the run keeps no input id
    streamed = tmp_path / "streamed"
    annotate_corpus(folder, streamed, LocalEngine(1), Options(progress=False))
    assert sorted((r["id"], r["input_id"]) for r in _rows(streamed)) == got


# ---------------------------------------------------------------- Python API
def test_api_keeps_ids_and_warns_on_repeats() -> None:
    texts = [{"id": "bbc-business-001", "text": TEXT_B}, {"id": 7, "text": TEXT_A},
             {"id": "bbc-business-001", "text": TEXT_B}]
    with pytest.warns(wirespan.RepeatedDocumentWarning, match=r"texts\[2\]: repeats texts\[0\]"):
        corpus = wirespan.annotate(texts, layers=["figures"])
    assert [(d.id, d.input_id) for d in corpus] == [(BBC_ID, "bbc-business-001"), (_sha16("7"), "7")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert wirespan.annotate(TEXT_A, layers=["figures"])[0].input_id is None
    with pytest.raises(InputError, match=r"texts\[1\]: document id 'x' is also the id of texts\[0\]"):
        wirespan.annotate([{"id": "x", "text": TEXT_A}, {"id": "x", "text": TEXT_B}])


def test_annotate_batch_gives_a_repeat_the_same_records() -> None:
    batch = {"text": [TEXT_B, TEXT_A, TEXT_B], "n": [101, 102, 101]}
    with pytest.warns(wirespan.RepeatedDocumentWarning, match=r"batch row 2: repeats batch row 0"):
        out = wirespan.annotate_batch(batch, id_column="n", layers=["figures"])
    assert len(out["figures"]) == 3 and out["figures"][2] == out["figures"][0] and out["figures"][0]
    with pytest.raises(InputError, match="batch row 1: document id '5' is also the id of batch row 0"):
        wirespan.annotate_batch({"text": [TEXT_A, TEXT_B], "n": [5, 5]}, id_column="n", layers=["figures"])


# ---------------------------------------------------------------- annotate-corpus (streamed)
def test_stream_treats_ids_and_repeats_as_annotate_does(tmp_path: Path, capsys) -> None:
    records = [{"id": "bbc-business-001", "text": TEXT_B}, {"id": 42, "text": TEXT_C}, {"text": TEXT_A},
               {"id": "bbc-business-001", "text": TEXT_B}, {"text": TEXT_A}]
    src = _jsonl(tmp_path / "in.jsonl", records)
    summary = annotate_corpus(src, tmp_path / "out", LocalEngine(1), Options(shard_size=2, progress=False))
    assert summary["repeats"] == 2
    err = capsys.readouterr().err
    assert f"{src}:4: repeats {src}:1" in err and f"{src}:5: repeats {src}:3" in err
    again = annotate_corpus(src, tmp_path / "out", LocalEngine(1), Options(shard_size=2, progress=False))
    assert again["repeats"] == 2  # a resumed run (every shard finished) counts them from its markers
    streamed = sorted((d["id"], d["input_id"]) for d in _rows(tmp_path / "out"))
    assert main(["annotate", str(src), "--out", str(tmp_path / "one"), "--no-progress"]) == 0
    assert streamed == sorted((d["id"], d["input_id"]) for d in _rows(tmp_path / "one"))
    assert (BBC_ID, "bbc-business-001") in streamed and len(streamed) == 3
    bad = _jsonl(tmp_path / "bad.jsonl", [{"id": "k", "text": TEXT_A}, {"id": "k", "text": TEXT_B}])
    with pytest.raises(InputError, match=f"{bad}:2: document id 'k' is also the id of {bad}:1"):
        annotate_corpus(bad, tmp_path / "out2", LocalEngine(1), Options(progress=False))


# ---------------------------------------------------------------- the gold corpus
def test_gold_corpus_has_the_input_id_column_all_null() -> None:
    table = pq.read_table(ROOT / "corpus/documents/test-00000-of-00001.parquet")
    assert "input_id" in table.column_names
    assert table.column("input_id").null_count == table.num_rows > 0


def test_txt_names_with_hex_runs_case_hidden_files_and_bad_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / f"000_{HEX}.txt").write_text(TEXT_A, encoding="utf-8")          # the seeds' convention
    (folder / "report-0123456789ABCDEF-final.TXT").write_text(TEXT_B, encoding="utf-8")  # upper-case hex: a name
    (folder / "._storm.txt").write_bytes(b"\x00\x05\x16\x07\xff")            # a macOS resource fork: skipped
    (folder / "notes.md").write_text(TEXT_C, encoding="utf-8")                 # not a .txt file: skipped
    (folder / b"caf\xe9.txt".decode("utf-8", "surrogateescape")).write_text(TEXT_C, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(folder), "--out", str(out), "--no-progress"]) == 0
    got = sorted((r["id"], r["input_id"]) for r in _rows(out))
    assert got == sorted([(HEX, f"000_{HEX}"), (_sha16("report-0123456789ABCDEF-final"), "report-0123456789ABCDEF-final"),
                          (_sha16("caf\\xe9"), "caf\\xe9")])
    streamed = tmp_path / "streamed"
    annotate_corpus(folder, streamed, LocalEngine(1), Options(progress=False))
    assert sorted((r["id"], r["input_id"]) for r in _rows(streamed)) == got


@pytest.mark.parametrize("value", ["", "   ", "\t\n"])
def test_empty_or_blank_ids_are_refused(value: str) -> None:
    with pytest.raises(InputError, match="id must not be empty or blank"):
        corpus_id(value, "in.jsonl:3")


def test_a_repeat_with_other_hints_says_the_first_copys_are_used() -> None:
    from wirespan.pipeline.inputs import check_unique

    docs = [input_document({"id": "a", "text": TEXT_A, "home": "US-TN"}, "texts[0]"),
            input_document({"id": "a", "text": TEXT_A, "home": "US-OH", "published": "2020-01-02"}, "texts[1]"),
            input_document({"id": "a", "text": TEXT_A, "home": "US-TN"}, "texts[2]")]
    messages = check_unique(docs)
    assert len(docs) == 1 and docs[0]["home"] == "US-TN"
    assert messages[0].endswith("; its published and home differ from the first copy's, which are used")
    assert messages[1].endswith("the repeat is left out")
