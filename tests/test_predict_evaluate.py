"""`wirespan annotate` writes silver predictions in corpus format; `wirespan evaluate` scores them.

The done-when check: annotating the raw seed texts and evaluating against
the corpus gives exactly the numbers of `wirespan score LAYER`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from wirespan.commands.cli import main
from wirespan.corpus.schema import Schemas
from wirespan.evaluation.scoring import score
from wirespan.corpus.layout import parquet_path

from conftest import ROOT

SPAN_LAYERS = ("segments", "quotes", "figures", "locations")


@pytest.fixture(scope="module")
def predicted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Silver predictions for the raw seed texts (the reporting day as reference date, as `score` uses)."""
    out = tmp_path_factory.mktemp("annotate") / "pred"
    rc = main(["annotate", str(ROOT / "seeds"), "--out", str(out), "--published", "2022-03-31", "--no-progress",
               "--schema", str(ROOT / "schema")])
    assert rc == 0
    return out


@pytest.fixture(scope="module")
def evaluated(predicted: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    report = tmp_path_factory.mktemp("evaluate") / "report.json"
    assert main(["evaluate", "--gold", str(ROOT / "corpus"), "--pred", str(predicted), "--json", str(report)]) == 0
    return json.loads(report.read_text(encoding="utf-8"))


def _docs(folder: Path) -> list[dict]:
    return pq.read_table(folder / parquet_path("documents")).to_pylist()


# ---------------------------------------------------------------- annotate
def test_annotate_writes_the_corpus_layout_with_the_corpus_schemas(predicted: Path) -> None:
    schemas = Schemas(ROOT / "schema")
    for config in ("documents", "quotes", "figures", "locations"):
        path = predicted / parquet_path(config)
        assert path.exists(), config
        assert pq.read_schema(path).remove_metadata().equals(schemas.arrow_schema(config)), config
    docs = _docs(predicted)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert [d["id"] for d in docs] == [p.name[4:20] for p in seeds]
    for doc, path in zip(docs, seeds):
        raw = path.read_bytes()
        assert doc["text"] == raw.decode("utf-8") and doc["sha256"] == hashlib.sha256(raw).hexdigest()
        assert doc["status"] == "silver"
        # nothing the input does not state: the reference date is not a publication date
        assert doc["published"] is None and doc["title"] is None
        assert doc["source"]["derivation"] == "unknown"
        assert all(v is None for k, v in doc["source"].items() if k != "derivation")
        for layer in SPAN_LAYERS:
            for record in doc[layer]:
                assert doc["text"][record["start"]:record["end"]] == record["text"]
                assert record["id"] == f"{doc['id']}:{layer[:-1]}:{record['start']}-{record['end']}"
    flat = pq.read_table(predicted / parquet_path("quotes")).to_pylist()
    assert flat == [{"doc_id": d["id"], **q} for d in docs for q in d["quotes"]]
    card = (predicted / "README.md").read_text(encoding="utf-8")
    assert "silver" in card.lower() and "not reviewed" in card
    assert main(["verify", str(predicted)]) == 0


def test_annotate_output_loads_with_datasets(predicted: Path, tmp_path: Path) -> None:
    from datasets import load_dataset

    docs = load_dataset(str(predicted), split="test", cache_dir=str(tmp_path / "cache"))
    assert set(docs["status"]) == {"silver"}
    figures = load_dataset(str(predicted), "figures", split="test", cache_dir=str(tmp_path / "cache"))
    assert figures.num_rows == sum(len(d["figures"]) for d in _docs(predicted))


def test_annotate_jsonl_input_and_ids(tmp_path: Path) -> None:
    text_a = "KYIV, Ukraine (AP) — The mayor said “we will rebuild” on Feb. 24 in Kharkiv.\n"
    text_b = "Talks resumed in Istanbul, where 2 delegations met.\n"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "00000000000000aa", "text": text_a, "published": "2021-06-01"},
                              ensure_ascii=False) + "\n" + json.dumps({"text": text_b}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--published", "2022-03-31", "--no-progress"]) == 0
    docs = _docs(out)
    assert [d["id"] for d in docs] == ["00000000000000aa", hashlib.sha256(text_b.encode()).hexdigest()[:16]]
    assert docs[0]["published"] == "2021-06-01" and docs[1]["published"] is None
    assert all(d["status"] == "silver" for d in docs)
    # the document's own date wins over --published for the year of "Feb. 24"
    feb = [f for f in docs[0]["figures"] if f["text"] == "Feb. 24"]
    assert feb and feb[0]["iso"] == "2021-02-24"


def test_annotate_folder_id_without_hex_is_derived_from_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    raw = "Shelling hit Chernihiv overnight, officials said.\n".encode("utf-8")
    (folder / "story.txt").write_bytes(raw)
    (folder / "x_0123456789abcdef.txt").write_bytes(raw + b"More.\n")
    out = tmp_path / "out"
    assert main(["annotate", str(folder), "--out", str(out), "--no-progress"]) == 0
    assert sorted((d["id"], d["input_id"]) for d in _docs(out)) == sorted(
        [(hashlib.sha256(b"story").hexdigest()[:16], "story"), ("0123456789abcdef", "x_0123456789abcdef")])


@pytest.mark.parametrize("content, reason", [
    (b"{not json\n", "invalid JSON"),
    (b'{"id": 7.0, "text": "a"}\n', "id must be a string or an integer (or absent), got float 7.0"),
    (b'{"id": true, "text": "a"}\n', "id must be a string or an integer (or absent), got bool True"),
    (b'{"id": {"n": 1}, "text": "a"}\n', "id must be a string or an integer (or absent), got dict"),
    (b'{"id": "", "text": "a"}\n', "id must not be empty"),
    (b'{"text": "a", "published": "31/03/2022"}\n', "not a YYYY-MM-DD date"),
    (b'{"text": 5}\n', "text must be a string"),
])
def test_annotate_rejects_bad_input_with_file_line_and_reason(tmp_path: Path, capsys, content: bytes,
                                                              reason: str) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_bytes(content)
    assert main(["annotate", str(src), "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{src}:1" in err and reason in err
    assert not (tmp_path / "out").exists()


def test_annotate_rejects_undecodable_text(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"caf\xe9\n")
    assert main(["annotate", str(folder), "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    assert "not valid UTF-8 at byte 3" in capsys.readouterr().err


# ---------------------------------------------------------------- evaluate = score
@pytest.mark.parametrize("layer", SPAN_LAYERS)
def test_evaluate_of_annotate_reproduces_wirespan_score(evaluated: dict, layer: str) -> None:
    expected = json.loads(json.dumps(score(ROOT, layer)))
    got = {k: v for k, v in evaluated["layers"][layer].items() if k != "predictions"}
    assert got == expected
    if layer == "segments":
        assert got["accuracy"] == expected["accuracy"]
    else:
        for name in ("exact", "overlap"):
            assert [got[name][k] for k in ("precision", "recall", "f1")] == \
                   [expected[name][k] for k in ("precision", "recall", "f1")]
        assert got["attributes"] == expected["attributes"]


def test_variants_layer_follows_the_aligner_and_the_gold(predicted: Path, evaluated: dict) -> None:
    has_aligner = (ROOT / "src" / "wirespan" / "layers" / "variants").is_dir()
    path = predicted / parquet_path("variants")
    if has_aligner and path.exists():
        assert pq.read_schema(path).remove_metadata().equals(Schemas(ROOT / "schema").arrow_schema("variants"))
    if not has_aligner:
        assert not path.exists()
    if (ROOT / "corpus" / parquet_path("variants")).exists() and path.exists():
        assert "variants" in evaluated["layers"]
    elif path.exists():
        assert "variants" in evaluated["skipped"] and "variants" not in evaluated["layers"]


def test_evaluate_scores_variants_against_gold_pairs(tmp_path: Path) -> None:
    import pyarrow as pa

    from wirespan.evaluation.predictions import run

    gold = tmp_path / "gold"
    shutil.copytree(ROOT / "corpus", gold)
    docs = {d["id"]: d["text"] for d in _docs(gold)}
    a, b = "569bba623fe2f823", "70358e2de9cd6855"
    needle_a, needle_b = "Izyum", "Izyum"
    sa, sb = docs[a].index(needle_a), docs[b].index(needle_b)
    pair = {"kind": "name", "relation": "spelling",
            "a": {"doc_id": a, "start": sa, "end": sa + 5, "text": "Izyum"},
            "b": {"doc_id": b, "start": sb, "end": sb + 5, "text": "Izyum"}, "a_ref": None, "b_ref": None}
    row = {"id": f"name:{a}:{sa}-{sa + 5}~{b}:{sb}-{sb + 5}", **pair}
    path = gold / parquet_path("variants")
    path.parent.mkdir(exist_ok=True)
    pq.write_table(pa.Table.from_pylist([row], schema=Schemas(ROOT / "schema").arrow_schema("variants")), path)
    right = run(gold, [_write_jsonl(tmp_path / "variants.jsonl", [pair])])["layers"]["variants"]
    assert right["kinds"]["name"]["f1"] == 1.0 and right["kinds"]["name"]["relation"]["accuracy"] == 1.0
    wrong = run(gold, [_write_jsonl(tmp_path / "variants.jsonl", [{**pair, "relation": "error"}])])
    assert wrong["layers"]["variants"]["kinds"]["name"]["relation"]["accuracy"] == 0.0
    bad = {**pair, "b": {**pair["b"], "doc_id": "ffffffffffffffff"}}
    with pytest.raises(Exception, match="line 1: side b: unknown document id"):
        run(gold, [_write_jsonl(tmp_path / "variants.jsonl", [bad])])


# ---------------------------------------------------------------- evaluate: other input shapes
def _gold_rows(layer: str) -> list[dict]:
    docs = pq.read_table(ROOT / "corpus" / parquet_path("documents")).to_pylist()
    return [{"doc_id": d["id"], **{k: v for k, v in r.items() if k != "id"}} for d in docs for r in d[layer]]


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_evaluate_flat_jsonl_without_ids(tmp_path: Path) -> None:
    from wirespan.evaluation.predictions import run

    rows = _gold_rows("figures")
    perfect = run(ROOT / "corpus", [_write_jsonl(tmp_path / "figures.jsonl", rows)])
    assert perfect["layers"]["figures"]["exact"]["f1"] == 1.0
    missing = run(ROOT / "corpus", [_write_jsonl(tmp_path / "figures.jsonl", rows[1:])])
    assert missing["layers"]["figures"]["exact"]["recall"] == (len(rows) - 1) / len(rows)
    assert list(missing["layers"]) == ["figures"]


def test_evaluate_layer_from_fields_and_from_parquet(predicted: Path, evaluated: dict, tmp_path: Path) -> None:
    from wirespan.evaluation.predictions import run

    rows = _gold_rows("locations")
    guessed = run(ROOT / "corpus", [_write_jsonl(tmp_path / "mine.jsonl", rows)])
    assert guessed["layers"]["locations"]["exact"]["f1"] == 1.0
    flat = run(ROOT / "corpus", [predicted / parquet_path("quotes")])
    assert flat["layers"]["quotes"]["exact"] == evaluated["layers"]["quotes"]["exact"]
    assert flat["layers"]["quotes"]["attributes"] == evaluated["layers"]["quotes"]["attributes"]


def test_evaluate_document_rows_jsonl(tmp_path: Path) -> None:
    from wirespan.evaluation.predictions import run

    docs = pq.read_table(ROOT / "corpus" / parquet_path("documents")).to_pylist()
    rows = [{"id": d["id"], "quotes": [{k: v for k, v in q.items() if k != "id"} for q in d["quotes"]]}
            for d in docs]
    rows[0]["quotes"] = []
    report = run(ROOT / "corpus", [_write_jsonl(tmp_path / "docs.jsonl", rows)])
    assert list(report["layers"]) == ["quotes"]
    n0 = len(docs[0]["quotes"])
    assert n0 > 0 and report["layers"]["quotes"]["exact"]["fn"] == n0


# ---------------------------------------------------------------- evaluate: malformed predictions
def _malformed_cases() -> list[tuple[str, object, str]]:
    return [
        ("unknown document", lambda r: r.update(doc_id="ffffffffffffffff"), "unknown document id 'ffffffffffffffff'"),
        ("out of range", lambda r: r.update(start=10 ** 6, end=10 ** 6 + 3), "out of range"),
        ("text mismatch", lambda r: r.update(text=r["text"] + "x"), "!= document text"),
        ("wrong type", lambda r: r.update(start=str(r["start"])), "start: "),
        ("missing field", lambda r: r.pop("kind"), "'kind' is a required property"),
        ("unknown label", lambda r: r.update(kind="amount"), "kind: 'amount' is not one of"),
    ]


@pytest.mark.parametrize("case", _malformed_cases(), ids=lambda c: c[0])
def test_evaluate_malformed_predictions_exit_2_with_file_row_reason(tmp_path: Path, capsys, case) -> None:
    _, damage, reason = case
    rows = _gold_rows("figures")
    damage(rows[1])
    path = _write_jsonl(tmp_path / "figures.jsonl", rows)
    assert main(["evaluate", "--gold", str(ROOT / "corpus"), "--pred", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: line 2:" in err and reason in err
    assert "Traceback" not in err


def test_evaluate_malformed_nested_span_and_parquet_rows(tmp_path: Path, capsys) -> None:
    import pyarrow as pa

    rows = _gold_rows("quotes")
    i = next(i for i, r in enumerate(rows) if r["cue"] is not None)
    rows[i]["cue"] = {**rows[i]["cue"], "start": rows[i]["cue"]["start"] + 1}
    path = tmp_path / "quotes.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    assert main(["evaluate", "--gold", str(ROOT / "corpus"), "--pred", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: row {i + 1}: cue: text" in err


def test_evaluate_unusable_paths_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["evaluate", "--gold", str(ROOT / "corpus"), "--pred", str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "rows.jsonl").write_text('{"doc_id": "569bba623fe2f823", "start": 0}\n', encoding="utf-8")
    assert main(["evaluate", "--gold", str(ROOT / "corpus"), "--pred", str(tmp_path / "rows.jsonl")]) == 2
    assert "cannot tell which layer" in capsys.readouterr().err
    bad = tmp_path / "figures.jsonl"
    bad.write_text('{"doc_id": \n', encoding="utf-8")
    assert main(["evaluate", "--gold", str(ROOT / "corpus"), "--pred", str(bad)]) == 2
    assert f"{bad}: line 1: invalid JSON" in capsys.readouterr().err
    assert main(["evaluate", "--gold", str(tmp_path), "--pred", str(bad)]) == 2
    assert "no documents file" in capsys.readouterr().err


def test_evaluate_document_text_must_be_the_gold_text(predicted: Path, tmp_path: Path, capsys) -> None:
    import pyarrow as pa

    copy = tmp_path / "pred"
    shutil.copytree(predicted, copy)
    docs = _docs(copy)
    docs[2]["text"] = docs[2]["text"].replace("Ukraine", "Ukrajina", 1)
    path = copy / parquet_path("documents")
    pq.write_table(pa.Table.from_pylist(docs, schema=pq.read_schema(path)), path)
    assert main(["evaluate", "--gold", str(ROOT / "corpus"), "--pred", str(copy)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: row 3: text differs from the gold document {docs[2]['id']}" in err


def test_evaluate_never_scores_against_silver_rows_of_the_gold_corpus(predicted: Path, tmp_path: Path,
                                                                     capsys) -> None:
    """A corpus folder of silver rows only is no gold: evaluating against it is refused."""
    assert main(["evaluate", "--gold", str(predicted), "--pred", str(predicted)]) == 2
    assert "no gold documents" in capsys.readouterr().err


def test_annotate_never_replaces_a_folder_it_did_not_write(tmp_path: Path, capsys) -> None:
    corpus = Path(shutil.copytree(ROOT / "corpus", tmp_path / "corpus"))
    before = sorted(p.name for p in corpus.rglob("*"))
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Shelling hit Kharkiv."}\n', encoding="utf-8")
    assert main(["annotate", str(src), "--out", str(corpus), "--no-progress"]) == 2
    assert "refusing to replace it" in capsys.readouterr().err
    assert sorted(p.name for p in corpus.rglob("*")) == before
    out = tmp_path / "pred"
    assert main(["annotate", str(src), "--out", str(out), "--no-progress"]) == 0
    assert main(["annotate", str(src), "--out", str(out), "--no-progress"]) == 0  # its own output: replaced
