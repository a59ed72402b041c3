"""The sweep of `overlap_pairs` gives exactly the matching of the old O(gold × predictions) version.

The old version is kept here, verbatim, as the oracle; hypothesis draws
random span sets (nested, touching, identical, empty, many ties) and the two
must return the same pairs in the same order.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from wirespan.evaluation.metrics import overlap_pairs


def quadratic_overlap_pairs(gold, pred):
    """The implementation before issue 14 (the oracle)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                candidates.append((-int(exact), -overlap, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def spans(max_size: int):
    span = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda t: {"start": t[0], "end": t[0] + t[1]})
    return st.lists(span, max_size=max_size)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(spans(25), spans(25))
def test_sweep_equals_quadratic_oracle(gold, pred) -> None:
    got = overlap_pairs(gold, pred)
    want = quadratic_overlap_pairs(gold, pred)
    assert [(id(g), id(p)) for g, p in got] == [(id(g), id(p)) for g, p in want]


def test_sweep_on_a_hand_case() -> None:
    gold = [{"start": 0, "end": 10}, {"start": 5, "end": 8}, {"start": 20, "end": 25}]
    pred = [{"start": 5, "end": 8}, {"start": 0, "end": 4}, {"start": 24, "end": 30}, {"start": 40, "end": 41}]
    assert [(gold.index(g), pred.index(p)) for g, p in overlap_pairs(gold, pred)] == [(1, 0), (0, 1), (2, 2)]
