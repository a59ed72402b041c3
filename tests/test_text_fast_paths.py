"""`spans.trim` and `sentences.token_before` (issue 15) give the answers of the plain computations they replace,
on text written for this file."""

from __future__ import annotations

import random
import sys

from wirespan.text.sentences import _TOKEN_BEFORE, sentence_tiles, token_before
from wirespan.text.spans import trim

#: Pieces of made-up text: words, initials, abbreviations, every kind of white space, line breaks, marks.
PIECES = ["Harbour", "U.S.", "Mr.", "a.", "b", " ", "  ", "\t", "\n", "\n\n", "\u00a0", "\u2003", "\u3000", "\x1c",
          "\x85", ".", "!", "?", "”", "“", "Ærø", "fjord.", "said", "3", "-", "’s", "Z.", "e.g.", "No."]


def plain_trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def outcome(f, *args):
    """A function's answer, or the type of what it raised (offsets outside the text may raise)."""
    try:
        return f(*args)
    except Exception as exc:  # noqa: BLE001 - compared, not handled
        return type(exc)


def written(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(n))


def test_strip_drops_exactly_what_isspace_accepts() -> None:
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert (ch.strip() == "") == ch.isspace(), hex(code)


def test_trim_equals_the_character_walk() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        text = written(rng, rng.randint(0, 12))
        n = len(text)
        start, end = rng.randint(-2, n + 2), rng.randint(-2, n + 2)
        assert outcome(trim, text, start, end) == outcome(plain_trim, text, start, end), (text, start, end)


def plain_token_before(text: str, pos: int, stop: int) -> str:
    m = _TOKEN_BEFORE.search(text, pos, stop)
    return m.group(1) if m else ""


def test_token_before_equals_the_pattern_search() -> None:
    rng = random.Random(6)
    for _ in range(5000):
        text = written(rng, rng.randint(0, 10))
        stop = rng.randint(0, len(text))
        pos = rng.randint(0, stop)
        assert token_before(text, pos, stop) == plain_token_before(text, pos, stop), (text, pos, stop)


def test_sentence_tiles_tile_written_paragraphs() -> None:
    text = ("Port director Ingrid Vale of the U.S. Coast Guard said 3 boats sank. Mr. Vale left at 5 p.m. on "
            "Friday.\nThe ferry\n. Was late! “Why?” she asked. e.g. This. A.B. Then")
    tiles = sentence_tiles(text, 0, len(text))
    assert tiles[0][0] == 0 and tiles[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(tiles, tiles[1:]))
    assert text[tiles[0][0]:tiles[0][1]].startswith("Port director") and "Mr. Vale" in text[tiles[1][0]:tiles[1][1]]
