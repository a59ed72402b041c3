"""The shared text tools (text/) and the bounded windows that keep the layers linear, on invented text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from wirespan.layers.quotes import extract_quotes
from wirespan.layers.quotes.resolve import ROLE_WINDOW
from wirespan.text.entities import Registry
from wirespan.text.fold import fold, fold_word
from wirespan.text.regions import RegionIndex
from wirespan.text.sentences import sentence_tiles, split_sentences
from wirespan.text.spans import SpanIndex

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "wirespan"
FILLER = "the tide came in slowly and went out again before noon. "


def _role_quote(gap: int) -> dict:
    text = ("Jane Roe, the harbour master, opened the gate at dawn. " + FILLER * (gap // len(FILLER))
            + "“The gate stays shut,” the harbour master said.")
    (quote,) = extract_quotes(text, None, Registry([]))
    return quote


def test_a_role_resolves_to_a_person_named_within_the_window() -> None:
    quote = _role_quote(ROLE_WINDOW // 2)
    assert quote["speaker_mention"]["text"] == "the harbour master"
    assert quote["speaker"] == "Jane Roe"


def test_a_role_gets_no_speaker_when_its_only_antecedent_is_beyond_the_window() -> None:
    quote = _role_quote(ROLE_WINDOW + 1_000)
    assert quote["speaker_mention"]["text"] == "the harbour master"  # still attributed to the role
    assert quote["speaker"] is None


def test_sentence_tiles_cover_the_paragraph_and_keep_abbreviations() -> None:
    text = "Mr. Berg left at 9 a.m. on Feb. 3. He came back. “Why?” she asked."
    tiles = sentence_tiles(text, 0, len(text))
    assert "".join(text[s:e] for s, e in tiles) == text
    assert [text[s:e].strip() for s, e in tiles] == ["Mr. Berg left at 9 a.m. on Feb. 3.", "He came back.",
                                                     "“Why?” she asked."]


def test_split_sentences_cuts_at_line_breaks_and_trims() -> None:
    text = "Harbour closed\nThe port shut on Sun. after the storm.  Ships waited."
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "Harbour closed", "The port shut on Sun. after the storm.", "Ships waited."]


def test_the_two_folding_keys() -> None:
    assert fold("Kraków-Nowa  Huta") == "krakow nowa huta"
    assert fold("U.S.") == "us"
    assert fold_word("Ivano-Frankivsk") == "ivanofrankivsk"
    assert fold_word("Berg’s") == "berg"


def test_region_index_is_the_union_of_its_ranges() -> None:
    ranges = [(10, 20), (15, 30), (40, 41)]
    index = RegionIndex(ranges)
    for pos in range(-1, 50):
        assert (pos in index) == any(s <= pos < e for s, e in ranges), pos


def test_span_index_answers_like_a_scan() -> None:
    records = [{"start": s, "end": e} for s, e in [(0, 5), (3, 40), (10, 12), (10, 11), (25, 30), (44, 50)]]
    index = SpanIndex(records)
    for lo in range(0, 52, 3):
        for hi in range(lo, 55, 4):
            assert index.within(lo, hi) == sorted((r for r in records if lo <= r["start"] and r["end"] <= hi),
                                                  key=lambda r: r["start"])
            assert sorted(map(id, index.overlapping(lo, hi))) == sorted(
                id(r) for r in records if r["start"] < hi and lo < r["end"])


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.module or "", [a.name for a in node.names])
            for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]


@pytest.mark.parametrize("path", sorted((PACKAGE / "text").glob("*.py")), ids=lambda p: p.name)
def test_text_tools_import_nothing_from_the_layers(path: Path) -> None:
    assert not [m for m, _ in _imports(path) if m.startswith(("wirespan.layers", "wirespan.corpus"))]


@pytest.mark.parametrize("path", sorted(p for folder in ("layers", "text") for p in (PACKAGE / folder).rglob("*.py")),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_private_name_is_imported_across_modules(path: Path) -> None:
    private = [f"{m}.{n}" for m, names in _imports(path) if m.startswith("wirespan") for n in names
               if n.startswith("_")]
    assert private == []
