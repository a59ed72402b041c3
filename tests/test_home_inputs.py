"""A source's home (ISO 3166 code) reaches the locations baseline from every way a user annotates.

Records (`home` field of JSONL, Parquet, API records), `--home` of `annotate`
and `annotate-corpus`, `home=` / `home_column=` of the API, and
`infer_home` / `--home infer`; a bad code is refused naming the document; the
home is never written into a row. The sentences are written for these tests;
the readings are compared with the gazetteer's own places, not with
remembered ids or coordinates.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import wirespan
from wirespan.commands.cli import main
from wirespan.errors import InputError
from wirespan.layers.locations.gazetteer import get_gazetteer
from wirespan.pipeline.inputs import input_document, read_txt
from wirespan.pipeline.stream import LocalEngine, Options, annotate_corpus

# A local paper's own town named alone: nothing in the sentence says which Paris.
PARIS = "The Paris council met on Tuesday.\n"
# Short articles of one (invented) Tennessee paper: three towns of Tennessee and a "Jackson" read alone.
TENNESSEE = [
    "The school board in Knoxville voted on Monday to extend the year by two days.\n",
    "Traffic on the bridge into Chattanooga was slowed by repairs, the city said.\n",
    "A new library opened in Murfreesboro this week, drawing hundreds of readers.\n",
    "Farmers near Jackson said the dry summer had cut their corn harvest.\n",
]
BAD_CODES = ["US-XX", "GB-OXF", "", "USA", 42]


def paris_ids(division: str | None = None, country: str | None = None) -> set[int]:
    """geonames ids of the gazetteer's places named Paris in a division (or country)."""
    return {p.geonames_id for p in get_gazetteer().lookup("Paris")
            if (division is None or p.admin1 == division) and (country is None or p.country_code == country)}


def paris_of(rows: list[dict]) -> dict:
    (found,) = [r for r in rows if r["text"] == "Paris"]
    return found


def cli_rows(out: Path, config: str) -> list[dict]:
    return pq.read_table(out / config / "test-00000-of-00001.parquet").to_pylist()


def locations_by_doc(out: Path) -> dict[str, list[dict]]:
    return {d["input_id"] or d["id"]: d["locations"] for d in cli_rows(out, "documents")}


@pytest.fixture(scope="module")
def readings() -> dict[str | None, dict]:
    """The Paris of PARIS read without a home and with the home US-TN (the API, locations only)."""
    return {home: paris_of([dataclasses.asdict(loc) for loc in
                            wirespan.annotate(PARIS, layers=["locations"], home=home)[0].locations])
            for home in (None, "US-TN")}


# ---------------------------------------------------------------- the input record
def test_record_home_is_checked_and_normalised() -> None:
    assert input_document({"text": PARIS, "home": "us-tn"}, "in.jsonl:1")["home"] == "US-TN"
    assert input_document({"text": PARIS, "home": " fr "}, "in.jsonl:1")["home"] == "FR"
    assert input_document({"text": PARIS}, "in.jsonl:1")["home"] is None
    assert input_document({"text": PARIS, "home": None}, "in.jsonl:1")["home"] is None


def test_txt_document_has_no_home(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARIS, encoding="utf-8")
    assert read_txt(tmp_path / "a.txt")["home"] is None


@pytest.mark.parametrize("code", BAD_CODES)
def test_bad_home_names_the_document(code: object) -> None:
    with pytest.raises(InputError, match=r"^in\.jsonl:7: home"):
        input_document({"id": "story-7", "text": PARIS, "home": code}, "in.jsonl:7")


def test_second_level_division_names_its_first_level_one() -> None:
    with pytest.raises(InputError, match="GB-ENG"):
        input_document({"text": PARIS, "home": "GB-OXF"}, "in.jsonl:1")


@pytest.mark.parametrize("code", BAD_CODES)
def test_annotate_refuses_a_bad_record_home_with_file_and_line(tmp_path: Path, capsys, code: object) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text(json.dumps({"text": "Fine."}) + "\n" + json.dumps({"text": PARIS, "home": code}) + "\n",
                   encoding="utf-8")
    assert main(["annotate", str(src), "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{src}:2: home" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["annotate", "annotate-corpus"])
@pytest.mark.parametrize("code", ["US-XX", "GB-OXF", ""])
def test_bad_run_wide_home_is_refused_up_front(tmp_path: Path, capsys, command: str, code: str) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": PARIS}) + "\n", encoding="utf-8")
    extra = ["--workers", "1"] if command == "annotate-corpus" else []
    assert main([command, str(src), "--out", str(tmp_path / "out"), "--no-progress", "--home", code, *extra]) == 2
    assert "--home: home" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_annotate_corpus_has_no_home_infer(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": PARIS}) + "\n", encoding="utf-8")
    assert main(["annotate-corpus", str(src), "--out", str(tmp_path / "out"), "--no-progress", "--workers", "1",
                 "--home", "infer"]) == 2
    assert "--home infer" in capsys.readouterr().err


# ---------------------------------------------------------------- the reading changes
def test_home_reads_the_local_paris(readings: dict) -> None:
    plain, local = readings[None], readings["US-TN"]
    assert plain["country_code"] == "FR" and plain["geonames_id"] in paris_ids(country="FR")
    assert local["country_code"] == "US" and local["geonames_id"] in paris_ids(division="US-TN")
    assert local["latitude"] != plain["latitude"]


def test_cli_record_home_and_run_wide_home(tmp_path: Path, readings: dict) -> None:
    """A record's home wins over --home; a record without one takes --home; without --home it reads as before."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "own-tn", "text": PARIS, "home": "US-TN"},
        {"id": "none", "text": "Again: " + PARIS},
        {"id": "own-fr", "text": "Once more: " + PARIS, "home": "FR"},
    ]), encoding="utf-8")
    assert main(["annotate", str(src), "--out", str(tmp_path / "plain"), "--no-progress"]) == 0
    assert main(["annotate", str(src), "--out", str(tmp_path / "home"), "--no-progress", "--home", "us-tn"]) == 0
    plain, home = locations_by_doc(tmp_path / "plain"), locations_by_doc(tmp_path / "home")
    tn, fr = readings["US-TN"]["geonames_id"], readings[None]["geonames_id"]
    assert [paris_of(plain[d])["geonames_id"] for d in ("own-tn", "none", "own-fr")] == [tn, fr, fr]
    assert [paris_of(home[d])["geonames_id"] for d in ("own-tn", "none", "own-fr")] == [tn, tn, fr]
    assert paris_of(home["none"])["latitude"] == readings["US-TN"]["latitude"]


def test_home_is_never_written(tmp_path: Path) -> None:
    """Same columns with or without a home, and no field named home anywhere in a row."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": PARIS, "home": "US-TN"}) + "\n", encoding="utf-8")
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({"id": "a", "text": PARIS}) + "\n", encoding="utf-8")
    assert main(["annotate", str(src), "--out", str(tmp_path / "home"), "--no-progress", "--home", "FR"]) == 0
    assert main(["annotate", str(plain), "--out", str(tmp_path / "plain"), "--no-progress"]) == 0
    for config in ("documents", "locations"):
        with_home = pq.read_table(tmp_path / "home" / config / "test-00000-of-00001.parquet")
        without = pq.read_table(tmp_path / "plain" / config / "test-00000-of-00001.parquet")
        assert with_home.schema == without.schema
        assert "home" not in json.dumps(with_home.to_pylist())
    doc = cli_rows(tmp_path / "home", "documents")[0]
    assert doc["source"]["evidence"] is None and doc["published"] is None


def test_annotate_corpus_record_and_run_wide_home(tmp_path: Path, readings: dict) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "own-fr", "text": PARIS, "home": "FR"}) + "\n"
                   + json.dumps({"id": "none", "text": "Again: " + PARIS}) + "\n", encoding="utf-8")
    annotate_corpus(src, tmp_path / "out", LocalEngine(1), Options(progress=False, home="us-tn"))
    docs = {d["input_id"]: d for f in sorted((tmp_path / "out" / "documents").glob("*.parquet"))
            for d in pq.read_table(f).to_pylist()}
    assert paris_of(docs["own-fr"]["locations"])["geonames_id"] == readings[None]["geonames_id"]
    assert paris_of(docs["none"]["locations"])["geonames_id"] == readings["US-TN"]["geonames_id"]
    assert "home" not in docs["none"]


# ---------------------------------------------------------------- the Python API
def test_api_record_home_wins_and_bad_home_is_refused(readings: dict) -> None:
    corpus = wirespan.annotate([{"id": "a", "text": PARIS, "home": "FR"}, {"id": "b", "text": "Again: " + PARIS}],
                               layers=["locations"], home="US-TN")
    ids = [[loc.geonames_id for loc in doc.locations] for doc in corpus]
    assert ids == [[readings[None]["geonames_id"]], [readings["US-TN"]["geonames_id"]]]
    with pytest.raises(InputError, match=r"^home: home 'GB-OXF'"):
        wirespan.annotate(PARIS, home="GB-OXF")
    with pytest.raises(InputError, match=r"^texts\[1\]: home"):
        wirespan.annotate([PARIS, {"text": PARIS, "home": "US-XX"}])


def test_annotate_batch_home_column_and_home(readings: dict) -> None:
    batch = {"text": [PARIS, "Again: " + PARIS], "where": ["FR", None]}
    columns = wirespan.annotate_batch(batch, layers=["locations"], home_column="where", home="US-TN")
    assert [[r["geonames_id"] for r in rows] for rows in columns["locations"]] == \
           [[readings[None]["geonames_id"]], [readings["US-TN"]["geonames_id"]]]
    with pytest.raises(InputError, match=r"^batch row 0: home"):
        wirespan.annotate_batch({"text": [PARIS], "where": ["US-XX"]}, layers=["locations"], home_column="where")


def test_infer_home_of_one_state_s_articles() -> None:
    assert wirespan.infer_home(TENNESSEE) == "US-TN"
    assert wirespan.infer_home([{"id": i, "text": t} for i, t in enumerate(TENNESSEE)]) == "US-TN"


def test_infer_home_without_articles_or_places() -> None:
    assert wirespan.infer_home([]) is None
    assert wirespan.infer_home(["The board met on Monday and voted to wait.\n", "Prices rose 3 percent.\n"]) is None


def test_cli_home_infer_equals_the_inferred_code(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "paper"
    folder.mkdir()
    for i, text in enumerate([*TENNESSEE, PARIS]):
        (folder / f"story-{i}.txt").write_text(text, encoding="utf-8")
    assert main(["annotate", str(folder), "--out", str(tmp_path / "inferred"), "--no-progress",
                 "--home", "infer"]) == 0
    assert "home inferred from the articles: US-TN" in capsys.readouterr().err
    assert main(["annotate", str(folder), "--out", str(tmp_path / "given"), "--no-progress", "--home", "US-TN"]) == 0
    assert cli_rows(tmp_path / "inferred", "documents") == cli_rows(tmp_path / "given", "documents")
    assert paris_of(locations_by_doc(tmp_path / "inferred")["story-4"])["country_code"] == "US"
