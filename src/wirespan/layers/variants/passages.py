"""Passage pairs: linked sentences (or runs of adjacent sentences) and their relation.

Machine translation is a document-level property: a caller may say so
(``source.derivation == "machine_translation"``), else
``looks_machine_translated`` counts the typographic traces that MT pipelines
leave (a space after a currency sign, a space before a closing quotation
mark, a dash after a closing mark, a lower-case sentence start after a full
stop, words run together after a number).  Two documents are of one
*family* (one is a reprint, edit or translation of the other) when a
sizeable share of their sentences are near-duplicates; sentence pairs across
a family are ``edited`` or ``translated``, across independent documents
``paraphrase``.  Linked sentences are grouped into alignment units
(``merge_runs``): a sentence whose content the other document spreads over
adjacent sentences of one segment is paired with the run of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from wirespan.layers.variants.analysis import SentenceAnalysis
from wirespan.layers.variants.candidates import PairScore, candidate_pairs, linked, score, scored_pairs
from wirespan.layers.variants.claims import (
    anchor_names,
    attribution_only,
    background_only,
    claim_link,
    common_run,
    stem_idf,
)
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.normalise import NameMap
from wirespan.layers.variants.records import variant_record
from wirespan.layers.variants.sentences import Sentence
from wirespan.text.spans import SpanIndex


#: Each pattern starts at its rarest character and checks what comes before with a lookbehind: "a space
#: before a closing mark after a stop" is `[.,!?] [”“"]`, searched from the mark (the regular expression
#: engine skips ahead to a first character it can find quickly; trying a match at every letter or space
#: took most of the check's time).  `search` finds a match exactly when the plain pattern does.
MT_SIGNALS = {
    "space_after_currency": re.compile(r"[$€£] \d"),
    "space_before_closing_mark": re.compile(r"[”“\"](?<=[.,!?] [”“\"])(?=\s|$)|”(?<=[.,] ”)\w"),
    "dash_after_quote": re.compile(r"[”\"],? [–—-] \w"),
    "lowercase_after_stop": re.compile(r"\.(?<=[a-z]{3}\.) (?:which|that|and|but|who)\b"),
    "run_together_number_word": re.compile(r"million(?<=\d million)[a-z]{3,}|billion(?<=\d billion)[a-z]{3,}"
                                           r"|thousand(?<=\d thousand)[a-z]{3,}"),
}


def looks_machine_translated(doc: dict, memo: dict[str, bool] | None = None) -> bool:
    """Document-level MT signal: a caller hint, else at least two kinds of MT typography traces.

    `memo` (text -> the traces' verdict) keeps the verdict on a text for the next run of its cluster.
    """
    hint = doc.get("derivation") or (doc.get("source") or {}).get("derivation")
    if hint and hint != "unknown":  # "unknown" (e.g. silver input) is no hint: look at the text
        return hint == "machine_translation"
    text = doc["text"]
    if memo is not None and text in memo:
        return memo[text]
    found = sum(1 for rx in MT_SIGNALS.values() if rx.search(text)) >= 2
    if memo is not None:
        memo[text] = found
    return found


def shared_run(a: Sentence, b: Sentence, memo: dict[tuple[int, int], int]) -> int:
    """`common_run` of two sentences' tokens; equal tokens share all of them; for two analysed
    sentences (token keys set) the length is kept in `memo` for the next run of the cluster."""
    if a.tokens == b.tokens:
        return len(a.tokens)
    if a.key < 0 or b.key < 0:  # a joined run of sentences: tokens of its own
        return common_run(a.tokens, b.tokens)
    key = (a.key, b.key)
    run = memo.get(key)
    if run is None:
        run = memo[key] = common_run(a.tokens, b.tokens)
    return run


def families(sentences: Sequence[Sentence], scored: dict[tuple[int, int], PairScore],
             n_docs: int, config: AlignerConfig = DEFAULT_CONFIG) -> set[tuple[int, int]]:
    """Document pairs of one family: enough near-duplicate sentences relative to the smaller document."""
    per_doc = defaultdict(int)
    for s in sentences:
        per_doc[s.doc] += 1
    near: dict[tuple[int, int], set[int]] = defaultdict(set)
    for (i, j), sc in scored.items():
        if sc.ratio >= config.family_ratio:
            key = tuple(sorted((sentences[i].doc, sentences[j].doc)))
            near[key].add(i)  # count distinct sentences of both sides
            near[key].add(j)
    parent = list(range(n_docs))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (da, db), ids in near.items():
        smaller = min(per_doc[da], per_doc[db]) or 1
        if len(ids) / 2 >= max(3, config.family_share * smaller):
            parent[root(da)] = root(db)
    # one family = one connected component: a reprint and a later version of one story are kin
    return {(a, b) for a in range(n_docs) for b in range(a + 1, n_docs) if root(a) == root(b)}


def passage_relation(sc: PairScore, same_family: bool, translated: bool, run: int = 0,
                     config: AlignerConfig = DEFAULT_CONFIG) -> str:
    """Relation of two linked sentences.

    translated: one side comes from a machine-translated document (its words
    are the MT system's, even where they coincide with the original) and the
    two render one source sentence (same document family, or close wording:
    ratio >= 55);
    verbatim: equal after normalisation; edited: the two share a run of
    ``config.edit_run`` (eight) or more consecutive words from one source wording (the
    guidelines' R5: a shared key phrase of up to six words is no edit);
    paraphrase: the same statement independently worded.
    """
    if translated and (same_family or sc.ratio >= config.edit_min_ratio or sc.equal):
        return "translated"
    if sc.equal:
        return "verbatim"
    if run >= config.edit_run:
        return "edited"
    return "paraphrase"


def align_passages(docs: Sequence[dict], names: NameMap, config: AlignerConfig = DEFAULT_CONFIG,
                   analysis: SentenceAnalysis | None = None,
                   ) -> tuple[list[dict], list[tuple[Sentence, Sentence, PairScore]], set[tuple[int, int]], list[bool]]:
    """Passage pairs over all documents, plus the linked sentence pairs, families and MT flags.

    The sentence pairs returned for the quote and figure layers also include
    pairs whose shared wording lies in a background clause: such a sentence
    does not *report* the claim (no passage pair), but a quantity or quote it
    repeats is still the same quantity or quote.  `analysis` (one per
    cluster) shares the sentences' comparison forms between the runs of
    a cluster; the result is the same with or without it.
    """
    analysis = analysis or SentenceAnalysis()
    sentences: list[Sentence] = []
    for di, doc in enumerate(docs):
        sentences.extend(analysis.sentences(di, doc["text"], doc.get("segments")))
    figures = [SpanIndex(doc.get("figures") or []) for doc in docs]
    reading = analysis.reading(names)
    for s in sentences:
        analysis.fill(s, names, figures[s.doc].within(s.start, s.end), config, reading)
    cands = candidate_pairs(sentences, config, analysis)
    scored = scored_pairs(sentences, cands, analysis.scores)
    fam = families(sentences, scored, len(docs), config)
    mt = [looks_machine_translated(d, analysis.traces) for d in docs]
    idf = stem_idf(sentences)
    topic = anchor_names(sentences, config)
    links: list[tuple[Sentence, Sentence, PairScore]] = []
    reported: dict[tuple[int, int], bool] = {}  # passage links -> linked by the scores (not by the claim alone)
    for (i, j), sc in scored.items():
        a, b = sentences[i], sentences[j]
        by_score = linked(sc, config)
        if by_score and not sc.equal and (background_only(a, b) or attribution_only(a, b, sc, config)):
            links.append((a, b, sc))  # background or attribution: no passage pair, but figures and quotes still align
            continue
        if not by_score and not claim_link(a, b, idf, topic, config):
            continue
        links.append((a, b, sc))
        reported[(i, j)] = by_score
    records = []
    for run_a, run_b in merge_runs(list(reported), sentences):
        a, b = (join_run(sentences, run, docs[sentences[run[0]].doc]["text"]) for run in (run_a, run_b))
        by_score = any(reported.get((min(x, y), max(x, y)), False) for x in run_a for y in run_b)
        sc = scored[(run_a[0], run_b[0])] if len(run_a) == len(run_b) == 1 else score(a, b)
        translated = mt[a.doc] != mt[b.doc]
        if not by_score:  # linked by the claim alone: independently worded, or a translation of another sentence
            translated = translated and sc.ratio >= config.edit_min_ratio
        same_family = tuple(sorted((a.doc, b.doc))) in fam and by_score
        relation = passage_relation(sc, same_family, translated, shared_run(a, b, analysis.runs), config)
        records.append(variant_record("passage", relation, docs, (a.doc, a.start, a.end), (b.doc, b.start, b.end)))
    return records, links, fam, mt


def merge_runs(pairs: Sequence[tuple[int, int]], sentences: Sequence[Sentence]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Sentence links regrouped into alignment units: one sentence against a run of adjacent sentences.

    Guidelines §3: when the content a sentence shares with another document
    is spread over adjacent sentences of one segment there, the pair is the
    sentence against the run.  A run is formed only when every sentence in it
    is linked to that one sentence and to no other sentence of its document
    (where the divisions match, sentences stay aligned one to one).
    Everything else stays a one-to-one pair.
    """
    partners: dict[tuple[int, int], set[int]] = defaultdict(set)
    for i, j in pairs:
        partners[(i, sentences[j].doc)].add(j)
        partners[(j, sentences[i].doc)].add(i)
    used: set[tuple[int, int]] = set()
    units: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for (i, _doc), js in sorted(partners.items()):
        for run in adjacent_runs(sorted(js), sentences):
            key = [(min(i, j), max(i, j)) for j in run]
            if len(run) < 2 or any(k in used for k in key):
                continue
            if any(partners[(j, sentences[i].doc)] != {i} for j in run):
                continue
            used.update(key)
            units.append(((i,), tuple(run)) if i < run[0] else (tuple(run), (i,)))
    units.extend(((i,), (j,)) for i, j in sorted(pairs) if (i, j) not in used)
    return units


def adjacent_runs(ids: Sequence[int], sentences: Sequence[Sentence]) -> list[list[int]]:
    """Maximal runs of consecutive sentence indices of one document and one segment."""
    runs: list[list[int]] = []
    for j in ids:
        prev = runs[-1][-1] if runs else None
        if prev is not None and j == prev + 1 and sentences[j].doc == sentences[prev].doc \
                and sentences[j].region == sentences[prev].region:
            runs[-1].append(j)
        else:
            runs.append([j])
    return runs


def join_run(sentences: Sequence[Sentence], run: Sequence[int], text: str) -> Sentence:
    """One Sentence spanning a run of adjacent sentences of ``text`` (first character of the first to last of the last)."""
    if len(run) == 1:
        return sentences[run[0]]
    first, last = sentences[run[0]], sentences[run[-1]]
    joined = Sentence(first.doc, first.start, last.end, text[first.start:last.end], region=first.region)
    joined.tokens = [t for k in run for t in sentences[k].tokens]
    joined.content = frozenset().union(*(sentences[k].content for k in run))
    return joined
