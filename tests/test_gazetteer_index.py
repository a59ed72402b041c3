"""The gazetteer's disk cache and misspelling index give exactly what a fresh build and a full scan give."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from wirespan.layers.locations import gazetteer as gz
from wirespan.layers.locations.fuzzyindex import FuzzyIndex
from wirespan.layers.locations.indexcache import cache_key, load_or_build

NAMES = ["Kyiv", "Kiev", "Odesa", "Odessa", "ODESA", "Georgia", "Krakow", "Kharkiv", "Mariupol", "Chernihiv",
         "Washington", "Moscow", "U.S.", "Britain", "Donetsk", "Kherson", "Lviv", "Paris", "Springfield"]


@pytest.fixture(scope="module")
def data() -> dict:
    return gz.IndexBuilder().data()


@pytest.fixture(scope="module")
def built(data) -> gz.Gazetteer:
    return gz.Gazetteer(data)


class _Prebuilt:
    """Stands in for IndexBuilder so the test builds the index once (the data is the real build's)."""

    value: dict = {}

    def __init__(self, *_args):
        pass

    def data(self) -> dict:
        return self.value


def test_cache_round_trip_equals_a_fresh_build(tmp_path, monkeypatch, data, built):
    monkeypatch.setenv("WIRESPAN_CACHE", str(tmp_path))
    monkeypatch.setattr(_Prebuilt, "value", data)
    monkeypatch.setattr(gz, "IndexBuilder", _Prebuilt)
    first = gz.Gazetteer.load()
    files = list(tmp_path.glob("gazetteer-*.marshal"))
    assert len(files) == 1 and not list(tmp_path.glob(".*"))  # no temporary file left behind

    def no_build(*_a, **_k):
        raise AssertionError("the cached index should have been read")

    monkeypatch.setattr(gz, "IndexBuilder", no_build)
    second = gz.Gazetteer.load()
    for g in (first, second):
        for name in NAMES:
            assert g.lookup(name) == built.lookup(name), name
            assert g.fuzzy(name) == built.fuzzy(name), name
        assert g.max_tokens == built.max_tokens
    kyiv = built.best_city("Kyiv")
    assert second.namesake(kyiv, "region") == built.namesake(kyiv, "region")


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRESPAN_CACHE", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"n": len(calls)}

    assert load_or_build("thing", "k1", build) == {"n": 1}
    assert load_or_build("thing", "k1", build) == {"n": 1} and len(calls) == 1
    (tmp_path / "thing-k1.marshal").write_bytes(b"\x00garbage")
    assert load_or_build("thing", "k1", build) == {"n": 2}
    assert load_or_build("thing", "k2", build) == {"n": 3}  # a new key never reads an old entry


def test_cache_key_depends_on_every_part():
    assert cache_key(["a", "b"]) != cache_key(["ab"])
    assert cache_key(["a", b"b"]) == cache_key(["a", "b"])
    assert cache_key(["a"]) != cache_key(["b"])


def test_unwritable_cache_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("WIRESPAN_CACHE", str(blocker / "sub"))
    assert load_or_build("thing", "k", lambda: [1, 2]) == [1, 2]


def _perturb(rng: random.Random, word: str) -> str:
    chars = list(word)
    for _ in range(rng.randint(0, 3)):
        op = rng.choice("dis")
        i = rng.randrange(len(chars) + (op == "i"))
        if op == "d" and len(chars) > 1:
            del chars[min(i, len(chars) - 1)]
        elif op == "i":
            chars.insert(i, rng.choice("aeiounrst "))
        elif chars:
            chars[min(i, len(chars) - 1)] = rng.choice("aeiounrst")
    return "".join(chars)


@pytest.mark.parametrize("threshold", [90.0, 80.0, 60.0])
def test_fuzzy_index_equals_a_full_scan(built, threshold):
    keys = built._fuzzy_keys
    index = FuzzyIndex(keys)
    rng = random.Random(7)
    queries = [_perturb(rng, rng.choice(keys)) for _ in range(300)] + ["abc", "xy", "odsa", "kharkivv"]
    for q in queries:
        want = [(k, s) for k, s, _ in process.extract(q, keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=5)]
        assert index.extract(q, threshold) == want, q


def test_the_index_cache_key_follows_the_fuzzy_index_source(monkeypatch):
    """A change to fuzzyindex.py (the order of its postings is in the cached bytes) makes a new cache key."""
    from pathlib import Path

    from wirespan.layers.locations import gazetteer

    before = gazetteer.index_key()
    real = Path.read_bytes

    def edited(self: Path) -> bytes:
        data = real(self)
        return data + b"\n# edited" if self.name == "fuzzyindex.py" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert gazetteer.index_key() != before
