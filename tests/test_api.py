"""The Python API as users call it: typed records, in-memory annotation, Dataset.map, evaluate, validate, verify.

The reference for every annotation is the command line: `wirespan annotate`
run in a subprocess on the same invented texts, read back from its Parquet.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import wirespan
from conftest import ROOT
from wirespan.corpus.model import RECORDS, Document, Quote, record_class
from wirespan.layers import registry
from wirespan.errors import InputError, PredictionError

# Written for these tests: quotes, figures, places and a shared sentence, so every layer has rows.
TEXTS = [
    "Talks resume in Istanbul\n\nISTANBUL (AP) — Ukraine's foreign minister, Dmytro Kuleba, said on Tuesday that "
    "“nobody will trade our land” as about 3,500 people left Mariupol.\n\nThe talks will resume on April 2.\n",
    "Ministers meet in Istanbul\n\nUkraine's foreign minister Dmytro Kuleba said on Tuesday “nobody will trade our "
    "land”, while some 3,500 people left the port city of Mariupol.\n",
    "Prices rose 12 percent in Lviv last month, the mayor told reporters. “We are coping,” he said.\n",
]
PUBLISHED = "2022-03-31"


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))


@pytest.fixture(scope="module")
def cli_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`wirespan annotate` on TEXTS (a JSONL without ids, so ids come from the texts), run as a user runs it."""
    folder = tmp_path_factory.mktemp("cli")
    (folder / "in.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "wirespan", "annotate", str(folder / "in.jsonl"), "--out",
                    str(folder / "out"), "--published", PUBLISHED, "--no-progress"], check=True, cwd=folder)
    return folder / "out"


def cli_rows(out: Path, config: str) -> list[dict]:
    path = out / config / "test-00000-of-00001.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


@pytest.fixture(scope="module")
def api_corpus() -> wirespan.Corpus:
    return wirespan.annotate(TEXTS, published=PUBLISHED)


# ---------------------------------------------------------------- records
@pytest.mark.parametrize("schema", sorted(RECORDS))
def test_record_fields_are_the_schema_properties(schema: str) -> None:
    file, _, prop = schema.partition("#")
    node = json.loads((ROOT / "schema" / file).read_text(encoding="utf-8"))
    if prop:
        node = node["properties"][prop]
    assert [f.name for f in dataclasses.fields(RECORDS[schema])] == list(node["properties"])


def test_every_nested_layer_is_a_typed_field_of_document() -> None:
    for layer in registry.nested_layers():
        assert record_class(layer) is RECORDS[registry.get(layer).schema]
        assert typing.get_type_hints(Document)[layer] == tuple[record_class(layer), ...] | None
    assert {registry.DOCUMENT_SCHEMA, "span.schema.json", "anchor.schema.json"} <= set(RECORDS)


def test_records_are_frozen_and_refuse_unknown_fields() -> None:
    quote = Quote.from_row({"id": "x", "start": 0, "end": 1, "text": "a", "kind": "direct", "speaker": None,
                            "speaker_mention": {"start": 0, "end": 1, "text": "a"}, "cue": None})
    assert quote.speaker_mention.text == "a"
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.text = "b"  # type: ignore[misc]
    with pytest.raises(ValueError, match="unknown field"):
        Quote.from_row({**quote.to_row(), "speeker": "typo"})


# ---------------------------------------------------------------- load
def test_load_gives_the_parquet_rows_as_records(tmp_path: Path) -> None:
    corpus = wirespan.load(ROOT / "corpus", cache_dir=tmp_path / "cache")
    assert [d.to_row() for d in corpus] == pq.read_table(ROOT / "corpus/documents/test-00000-of-00001.parquet").to_pylist()
    assert [v.to_row() for v in corpus.variants] == pq.read_table(
        ROOT / "corpus/variants/test-00000-of-00001.parquet").to_pylist()
    assert len(corpus.dataset) == len(corpus) == 5
    doc = corpus[0]
    assert isinstance(doc, Document) and all(doc.text[q.start:q.end] == q.text for q in doc.quotes)
    quotes = wirespan.load(ROOT / "corpus", "quotes", cache_dir=tmp_path / "cache")
    assert quotes.dataset.num_rows == sum(len(d.quotes) for d in quotes)
    with pytest.raises(ValueError, match="no config 'quote'"):
        wirespan.load(ROOT / "corpus", "quote", cache_dir=tmp_path / "cache")


# ---------------------------------------------------------------- annotate
def test_annotate_gives_what_the_cli_writes(api_corpus: wirespan.Corpus, cli_out: Path) -> None:
    expected = cli_rows(cli_out, "documents")
    assert [d.to_row() for d in api_corpus] == expected
    assert sum(len(d["quotes"]) for d in expected) >= 3 and sum(len(d["figures"]) for d in expected) >= 3
    assert [v.to_row() for v in api_corpus.variants] == cli_rows(cli_out, "variants")
    assert api_corpus.variants, "the shared sentence should give at least one variant pair"


def test_annotate_a_string_and_a_choice_of_layers(api_corpus: wirespan.Corpus) -> None:
    one = wirespan.annotate(TEXTS[2], layers=["figures"], published=PUBLISHED)
    assert len(one) == 1 and one.variants is None
    doc = one[0]
    assert doc.quotes is None and doc.segments is None and doc.locations is None
    assert doc.figures == api_corpus[2].figures and doc.figures
    assert "quotes" not in doc.to_row()


def test_annotate_refuses_bad_input() -> None:
    with pytest.raises(InputError, match="unknown layer"):
        wirespan.annotate("text", layers=["quote"])
    with pytest.raises(InputError, match=r"texts\[1\]: document id 'doc1' is also the id of texts\[0\], with a "
                                         "different text"):
        wirespan.annotate([{"id": "doc1", "text": "one text"}, {"id": "doc1", "text": "another"}], layers=["figures"])
    with pytest.raises(InputError, match=r"texts\[0\]: id must be a string or an integer .*got float 1.5"):
        wirespan.annotate([{"id": 1.5, "text": "x"}])
    with pytest.raises(InputError, match="published"):
        wirespan.annotate("x", published="31.03.2022")


# ---------------------------------------------------------------- Dataset.map
def test_dataset_map_with_two_processes_equals_the_cli(cli_out: Path, tmp_path: Path) -> None:
    import datasets

    ds = datasets.Dataset.from_dict({"text": TEXTS, "n": list(range(len(TEXTS)))})
    out = ds.map(wirespan.annotate_batch, batched=True, batch_size=2, num_proc=2,
                 fn_kwargs={"published": PUBLISHED}, features=wirespan.annotation_features(ds.features))
    expected = cli_rows(cli_out, "documents")
    layers = registry.document_layers()
    assert out.column_names == ["text", "n", *layers]
    assert [{k: row[k] for k in layers} for row in out] == [{k: d[k] for k in layers} for d in expected]
    assert out.features["quotes"] == wirespan.annotation_features()["quotes"]


def test_annotate_batch_is_picklable_and_refuses_variants() -> None:
    assert pickle.loads(pickle.dumps(wirespan.annotate_batch)) is wirespan.annotate_batch
    with pytest.raises(InputError, match="variant pairs link documents across batches"):
        wirespan.annotate_batch({"text": ["a"]}, layers=["variants"])
    columns = wirespan.annotate_batch({"body": [TEXTS[2]], "key": ["0123456789abcdef"]}, text_column="body",
                                      id_column="key", layers=["figures"], published=PUBLISHED)
    assert list(columns) == ["figures"]
    assert columns["figures"][0] and all(f["id"].startswith("0123456789abcdef:figure:") for f in columns["figures"][0])


# ---------------------------------------------------------------- evaluate
def test_evaluate_objects_equals_evaluate_files(api_corpus: wirespan.Corpus, tmp_path: Path) -> None:
    gold = wirespan.load(ROOT / "corpus", cache_dir=tmp_path / "cache")
    predicted = wirespan.annotate([{"id": d.id, "text": d.text} for d in gold], layers=["quotes", "figures"],
                                  published=PUBLISHED)
    from_objects = wirespan.evaluate(ROOT / "corpus", predicted)
    rows = [d.to_row() for d in predicted]
    (tmp_path / "documents.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    from_file = wirespan.evaluate(ROOT / "corpus", tmp_path / "documents.jsonl")
    assert list(from_objects["layers"]) == ["quotes", "figures"]
    for layer, report in from_file["layers"].items():
        assert {k: v for k, v in from_objects["layers"][layer].items() if k != "predictions"} == \
               {k: v for k, v in report.items() if k != "predictions"}
    assert wirespan.evaluate(ROOT / "corpus", list(predicted))["layers"].keys() == from_file["layers"].keys()


def test_evaluate_checks_rows_given_in_memory() -> None:
    gold = pq.read_table(ROOT / "corpus/figures/test-00000-of-00001.parquet").to_pylist()[0]
    row = {k: v for k, v in gold.items() if k != "id"}
    report = wirespan.evaluate(ROOT / "corpus", {"figures": [row]})
    assert report["layers"]["figures"]["exact"]["tp"] == 1
    text = pq.read_table(ROOT / "corpus/documents/test-00000-of-00001.parquet").to_pylist()
    doc_text = next(d["text"] for d in text if d["id"] == row["doc_id"])
    widened = {**row, "end": row["end"] + 1, "text": doc_text[row["start"]:row["end"] + 1]}
    assert widened["text"][-1].isspace(), "the gold figure is followed by a space"
    with pytest.raises(PredictionError, match=r"<rows>: row 1: span begins or ends with whitespace"):
        wirespan.evaluate(ROOT / "corpus", [widened])
    with pytest.raises(TypeError, match="cannot score Quote"):
        wirespan.evaluate(ROOT / "corpus", list(wirespan.load(ROOT / "corpus")[0].quotes))


# ---------------------------------------------------------------- validate, verify
def test_validate_and_verify_a_folder(tmp_path: Path) -> None:
    assert wirespan.validate(ROOT / "corpus") == []
    assert wirespan.verify(ROOT / "corpus") == []
    copy = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", copy)
    (copy / "docs" / "SPEC.md").write_text("changed\n", encoding="utf-8")
    found = wirespan.verify(copy)
    assert len(found) == 1 and found[0].file == str(copy / "docs" / "SPEC.md")
    assert any("SPEC.md" in str(i) for i in wirespan.validate(copy))
