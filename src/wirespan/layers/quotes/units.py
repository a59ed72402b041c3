"""Text units of one text for the quote layer: paragraphs and their sentences, computed once.

Why: attribution asks, for every quote, which paragraph and sentence it is
in.  Recomputing the sentences of a paragraph or scanning every paragraph
per quote made the layer quadratic in the length of a text; here each
paragraph is split once and positions are found by bisection.
"""

from __future__ import annotations

from bisect import bisect_right

from wirespan.text.sentences import paragraphs, sentence_tiles


class TextUnits:
    """Paragraph spans of a text and, on demand, the sentence tiles of each paragraph."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs: list[tuple[int, int]] = paragraphs(text)
        self._para_starts = [s for s, _ in self.paragraphs]
        self._tiles: dict[int, list[tuple[int, int]]] = {}
        self._tile_starts: dict[int, list[int]] = {}

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph holding offset ``pos`` (ValueError when none does)."""
        k = bisect_right(self._para_starts, pos) - 1
        if k < 0 or pos >= self.paragraphs[k][1]:
            raise ValueError(f"offset {pos} is in no paragraph")
        return k

    def sentences(self, k: int) -> list[tuple[int, int]]:
        """Sentence tiles of paragraph ``k`` (split on first use)."""
        if k not in self._tiles:
            ps, pe = self.paragraphs[k]
            self._tiles[k] = sentence_tiles(self.text, ps, pe)
            self._tile_starts[k] = [s for s, _ in self._tiles[k]]
        return self._tiles[k]

    def sentence_of(self, k: int, pos: int) -> int:
        """Index (within paragraph ``k``) of the sentence holding ``pos``; the last one when none does."""
        sents = self.sentences(k)
        i = bisect_right(self._tile_starts[k], pos) - 1
        if i >= 0 and pos < sents[i][1]:
            return i
        return len(sents) - 1
