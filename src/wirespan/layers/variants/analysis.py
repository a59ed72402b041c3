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
from functools import lru_cache
from typing import Any

from datasketch import MinHash

from wirespan.layers.variants.claims import asserted_numbers, asserted_words, background_spans
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.nearindex import NearIndex
from wirespan.layers.variants.sketch import bulk_hashvalues
from wirespan.layers.variants.normalise import TOKEN_RE, NameMap, content_words, fold_token, normalise
from wirespan.layers.variants.sentences import PASSAGE_LABELS, Sentence, document_sentences
from wirespan.text.regions import regions

#: What the analysis of one sentence text under one reading of its names holds (the last item: the
#: token sequence's number, `SentenceAnalysis.token_key`).
Forms = tuple[list[str], frozenset[str], list[tuple[int, int]], frozenset[str], frozenset[str], frozenset[str], int]


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
        #: Every name map met (its entries) -> its number: runs whose maps are equal read every word alike.
        self.readings: dict[frozenset[tuple[str, str]], int] = {}
        #: (text, reading) -> the forms found for it: a second run with an equal name map skips `names_key`.
        self.by_reading: dict[tuple[str, int], Forms] = {}
        #: Token sequence -> its number (`token_key`): memo keys of pair functions of two token sequences.
        self.token_keys: dict[tuple[str, ...], int] = {}
        #: (token key, token key) -> `candidates.score` of two sentences with those tokens.
        self.scores: dict[tuple[int, int], Any] = {}
        #: (quote text, reading) -> (comparison tokens, token key) of a quote.
        self.quote_tokens: dict[tuple[str, int], tuple[list[str], int]] = {}
        #: (token key, token key, translated, relaxed) -> `quotes.quote_relation` of two quotes.
        self.quote_relations: dict[tuple[int, int, bool, bool], Any] = {}
        #: (token key, token key) -> `claims.common_run` of two sentences' tokens.
        self.runs: dict[tuple[int, int], int] = {}
        #: Document text -> whether it shows machine-translation traces (`passages.looks_machine_translated`).
        self.traces: dict[str, bool] = {}
        #: (document text, figure start, end) -> the figure's context stems (`figures.align_figures`).
        self.contexts: dict[tuple[str, int, int], frozenset[str]] = {}
        #: Document text -> the registry entries it can match (`Registry.entries_in`).
        self.entries: dict[str, frozenset[int]] = {}
        #: Token key -> `candidates.rare_keys` of a sentence with those tokens.
        self.rare_keys: dict[int, set[str]] = {}
        #: Token key -> the content stems of a quote with those tokens (`quotes.align_quotes`' index keys).
        self.quote_stems: dict[int, set[str]] = {}
        #: Token key -> the `content_words` of a quote with those tokens (read by `quotes.quote_relation`).
        self.quote_content: dict[int, frozenset[str]] = {}
        #: (num_perm, bands, rows, cap) -> the LSH neighbours of the cluster's token sequences.
        self.near: dict[tuple[int, int, int, int], NearIndex] = {}
        #: The registry entries of a run (`Registry.entries_in` of its texts) -> their `Registry.subset`: runs
        #: finding the same entries share one registry object (and `mentions` its documents' name mentions).
        self.registries: dict[frozenset[int], Any] = {}
        #: (id(document), id(registry)) -> (document, registry, its name mentions): `names.name_mentions`.
        self.mentions: dict[tuple[int, int], tuple[dict, Any, list[tuple]]] = {}

    def reading(self, names: NameMap) -> int:
        """The number of a name map's entries: equal maps (runs of one cluster naming the same people and
        places) get one number, so what was analysed under one is found again under the other."""
        entries = frozenset(names.token_map.items())
        number = self.readings.get(entries)
        if number is None:
            number = self.readings[entries] = len(self.readings)
        return number

    def token_key(self, tokens: Sequence[str]) -> int:
        """A number per distinct token sequence (equal sequences, equal numbers)."""
        seq = tuple(tokens)
        key = self.token_keys.get(seq)
        if key is None:
            key = self.token_keys[seq] = len(self.token_keys)
        return key

    def names_key(self, text: str, names: NameMap) -> tuple[tuple[str, str], ...]:
        """The entries of the name map for the words of `text` (what its analysis depends on), sorted."""
        words = self.words.get(text)
        if words is None:
            words = self.words[text] = folded_words(text)
        token_map = names.token_map
        return tuple(sorted((w, token_map[w]) for w in words if w in token_map))

    def fill(self, s: Sentence, names: NameMap, figures: Sequence[dict] = (),
             config: AlignerConfig = DEFAULT_CONFIG, reading: int | None = None) -> None:
        """Set the tokens, content words and claim signature of `s` (as `align_passages` computes them).

        `reading`: `self.reading(names)`, when the caller has it (once per run, not once per sentence).
        """
        fast = (s.text, self.reading(names) if reading is None else reading)
        forms = self.by_reading.get(fast)
        if forms is None:
            key = (s.text, self.names_key(s.text, names))
            forms = self.forms.get(key)
            if forms is None:
                tokens = normalise(s.text, names)
                masked = background_spans(s.text)
                forms = self.forms[key] = (tokens, content_words(tokens), masked,
                                           *asserted_words(s.text, names, masked), self.token_key(tokens))
            self.by_reading[fast] = forms
        s.tokens, s.content, masked, s.stems, s.entities, s.all_stems, s.key = forms
        s.numbers = asserted_numbers(s, figures, masked, config)

    def quote(self, text: str, names: NameMap, reading: int) -> tuple[list[str], int]:
        """`normalise` of a quote's text and its token key, computed once per text and reading."""
        found = self.quote_tokens.get((text, reading))
        if found is None:
            tokens = normalise(text, names)
            found = self.quote_tokens[(text, reading)] = (tokens, self.token_key(tokens))
        return found

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
        once per token sequence; the new MinHash values are `MinHash.bulk`'s, computed for all of them at once
        (`sketch.bulk_hashvalues`)."""
        keys = [(num_perm, bands, rows, tuple(t)) for t in token_lists]
        todo = list(dict.fromkeys(k for k in keys if k not in self.bands))  # each new sequence once
        if todo:
            values = bulk_hashvalues([list(shingles(k[3])) for k in todo], minhash_template(num_perm))
            for k, row in zip(todo, values):
                self.bands[k] = keys_of(row, bands, rows)
        return [self.bands[k] for k in keys]

    def near_numbers(self, token_lists: Sequence[Sequence[str]], num_perm: int, bands: int, rows: int, cap: int,
                     shingles: Callable[[Sequence[str]], set[bytes]],
                     keys_of: Callable[[Any, int, int], list[bytes]]) -> tuple[NearIndex, list[int | None]]:
        """The cluster's `NearIndex` for these LSH parameters, with every token list's number in it (None
        for an empty list, which has no shingles); new sequences are bucketed first."""
        index = self.near.get((num_perm, bands, rows, cap))
        if index is None:
            index = self.near[(num_perm, bands, rows, cap)] = NearIndex(cap)
        numbers: list[int | None] = [index.ids.get(tuple(t)) if t else None for t in token_lists]
        new = [k for k, (t, n) in enumerate(zip(token_lists, numbers)) if t and n is None]
        if new:
            for k, keys in zip(new, self.band_keys([token_lists[k] for k in new], num_perm, bands, rows, shingles,
                                                    keys_of)):
                numbers[k] = index.add(tuple(token_lists[k]), keys)
        return index, numbers


@lru_cache(maxsize=4)
def minhash_template(num_perm: int) -> MinHash:
    """An empty MinHash of `num_perm` (datasketch's default seed and scheme), made once per process.

    Why: `MinHash.bulk` draws the permutations from a seeded generator on every call (a tenth of a
    millisecond, once per alignment run); handing this template's over gives the same values.
    """
    return MinHash(num_perm=num_perm)
