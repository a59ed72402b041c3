"""Shared sentence analysis: each sentence's comparison forms computed once for all alignment runs of a cluster.

Why: under the representative rule (``wirespan.pipeline.duplicates``) the
representative of a group of k near-duplicates is aligned k + 1 times (with
the other representatives, then with each member), and each run used to
normalise, sign and MinHash every sentence of its documents again: at
10,000 news articles with about 4.5 copies each, most of the aligner's
per-sentence work was done again for the same sentence.

What may be shared, and why the output stays the same: a sentence's
comparison tokens, content words and the word part of its claim signature
(``claims.asserted_words``) depend only on its text and on the name map's
entries for the words it contains (the name map itself is built per run,
from the run's documents).  Results are therefore keyed by the text and by
exactly those entries: a run whose name map reads a word of the sentence
differently gets its own analysis, never another run's.  The figure values
of a sentence (``claims.asserted_numbers``) are recomputed per run (they
depend on the figure layer and the configuration; they are cheap).  LSH band
keys are keyed by the token sequence they are computed from (and the LSH
parameters), sentence boundaries by the text and its passage regions.

One ``SentenceAnalysis`` lives as long as the alignment of one cluster
(``pipeline.annotate.align_variants``), so its size is bounded by the
cluster's sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from datasketch import MinHash

from wirespan.layers.variants.claims import asserted_numbers, asserted_words, background_spans
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.normalise import TOKEN_RE, NameMap, content_words, fold_token, normalise
from wirespan.layers.variants.sentences import PASSAGE_LABELS, Sentence, document_sentences
from wirespan.text.regions import regions

#: What the analysis of one sentence text under one reading of its names holds.
Forms = tuple[list[str], frozenset[str], list[tuple[int, int]], frozenset[str], frozenset[str], frozenset[str]]


def folded_words(text: str) -> frozenset[str]:
    """The folded forms of the words of a text: the only keys of a name map its analysis can read."""
    return frozenset(fold_token(m.group(0)) for m in TOKEN_RE.finditer(text))


class SentenceAnalysis:
    """Comparison forms, claim words and MinHash values of sentences, each computed once per cluster."""

    def __init__(self) -> None:
        self.words: dict[str, frozenset[str]] = {}
        self.forms: dict[tuple[str, tuple[tuple[str, str], ...]], Forms] = {}
        self.bands: dict[tuple[int, int, int, tuple[str, ...]], list[bytes]] = {}
        self.spans: dict[tuple[str, tuple[tuple[int, int], ...]], list[tuple[int, int, int]]] = {}

    def names_key(self, text: str, names: NameMap) -> tuple[tuple[str, str], ...]:
        """The entries of the name map for the words of `text` (what its analysis depends on), sorted."""
        words = self.words.get(text)
        if words is None:
            words = self.words[text] = folded_words(text)
        token_map = names.token_map
        return tuple(sorted((w, token_map[w]) for w in words if w in token_map))

    def fill(self, s: Sentence, names: NameMap, figures: Sequence[dict] = (),
             config: AlignerConfig = DEFAULT_CONFIG) -> None:
        """Set the tokens, content words and claim signature of `s` (as `align_passages` computes them)."""
        key = (s.text, self.names_key(s.text, names))
        forms = self.forms.get(key)
        if forms is None:
            tokens = normalise(s.text, names)
            masked = background_spans(s.text)
            forms = self.forms[key] = (tokens, content_words(tokens), masked, *asserted_words(s.text, names, masked))
        s.tokens, s.content, masked, s.stems, s.entities, s.all_stems = forms
        s.numbers = asserted_numbers(s, figures, masked, config)

    def sentences(self, doc_index: int, text: str, segments: Sequence[dict] | None) -> list[Sentence]:
        """`sentences.document_sentences` of a document, its sentence boundaries found once per text and regions."""
        key = (text, tuple(regions(text, segments, PASSAGE_LABELS)))
        spans = self.spans.get(key)
        if spans is None:
            spans = self.spans[key] = [(s.start, s.end, s.region) for s in document_sentences(0, text, segments)]
        return [Sentence(doc_index, s, e, text[s:e], region=k) for s, e, k in spans]

    def band_keys(self, token_lists: Sequence[Sequence[str]], num_perm: int, bands: int, rows: int,
                  shingles: Callable[[Sequence[str]], set[bytes]],
                  keys_of: Callable[[Any, int, int], list[bytes]]) -> list[list[bytes]]:
        """The LSH band keys (`keys_of` the MinHash values of the `shingles`) of each token list, computed
        once per token sequence; datasketch's own `MinHash.bulk` computes the new MinHash values."""
        keys = [(num_perm, bands, rows, tuple(t)) for t in token_lists]
        todo = list(dict.fromkeys(k for k in keys if k not in self.bands))  # each new sequence once
        for k, mh in zip(todo, MinHash.bulk([list(shingles(k[3])) for k in todo], num_perm=num_perm)):
            self.bands[k] = keys_of(mh.hashvalues, bands, rows)
        return [self.bands[k] for k in keys]
