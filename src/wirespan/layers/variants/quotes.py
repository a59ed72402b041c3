"""Quote pairs: one utterance quoted in two documents (verbatim, edited, translated, or a subset)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from wirespan.layers.variants.analysis import SentenceAnalysis
from wirespan.layers.variants.candidates import PairScore, key_candidates
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.normalise import NameMap, content_words, stem5
from wirespan.layers.variants.records import variant_record
from wirespan.layers.variants.sentences import Sentence
from wirespan.text.spans import SpanIndex


def quote_relation(ta: list[str], tb: list[str], translated: bool, relaxed: bool = False,
                   content: tuple[frozenset[str], frozenset[str]] | None = None) -> tuple[str, float] | None:
    """Relation and strength for two quotes, or None when they are not one utterance.

    verbatim: equal after normalisation (translated instead when exactly one
    side is machine-translated, as for passages); subset: the shorter is a stretch of
    the longer (contiguously, or fuzzily: partial ratio >= 85 and at most 70%
    of its length); translated: otherwise similar and exactly one side is from
    a machine-translated document; edited: otherwise similar.  ``relaxed``
    (the quotes stand in linked sentences) accepts one shared content stem.  ``content``: the
    `content_words` of ``ta`` and ``tb`` when the caller has them (the same result, without recomputing).
    """
    if not ta or not tb:
        return None
    if ta == tb:
        # Through machine translation the words are the MT system's even where they coincide.
        return ("translated" if translated else "verbatim"), 100.0
    ja, jb = " ".join(ta), " ".join(tb)
    short_t, long_t = (ta, tb) if len(ja) <= len(jb) else (tb, ta)
    js, jl = (ja, jb) if short_t is ta else (jb, ja)
    # The ratios (rapidfuzz, quadratic in the quotes' length) are computed only where a rule reads them.
    ca, cb = content if content is not None else (content_words(ta), content_words(tb))
    cs, cl = (ca, cb) if short_t is ta else (cb, ca)
    shared = shared_words(cs, cl)
    share = shared / (len(cs) or 1)
    shorter = len(js) <= 0.7 * len(jl)
    if shorter and (_contiguous_in(short_t, long_t) or (share >= 0.6 and shared >= 3)):
        return "subset", fuzz.partial_ratio(js, jl)
    if shorter and len(short_t) >= 4 and (partial := partial_ratio_at_least(js, jl, SUBSET_PARTIAL)) is not None:
        return "subset", partial
    if share >= 0.6 and shared >= 3 and shared / (len(cl) or 1) <= 0.6:
        return "subset", fuzz.partial_ratio(js, jl)  # most of the shorter is in the longer, which says more besides
    similar = (share >= 0.5 and shared >= 2 and (share >= 0.75 or fuzz.ratio(ja, jb) >= 50)) or \
              (relaxed and shared >= 1 and share >= 0.5 and not shorter)
    if similar:
        return ("translated" if translated else "edited"), fuzz.ratio(ja, jb)
    return None


#: Partial ratio from which a shorter quote of four or more words is a (fuzzy) subset of a longer one.
SUBSET_PARTIAL = 85
#: How far below its floor `partial_ratio_at_least` asks rapidfuzz to stop (see there).
PREFILTER_MARGIN = 5


def partial_ratio_at_least(short: str, long_: str, floor: float) -> float | None:
    """`fuzz.partial_ratio(short, long_)` when it is at least `floor`, else None.

    Why: most quote pairs that reach the fuzzy-subset rule fail it (on 1,000
    PolNeAR articles with ten copies each, 2,708 of 2,710), and the plain
    partial ratio of a long quote against a longer one was most of
    `quote_relation`'s time.  rapidfuzz's `score_cutoff` lets it give up on
    alignments that cannot reach the cutoff (a third of the time); the
    cutoff asked for lies `PREFILTER_MARGIN` points below `floor`, so no
    rounding of the cutoff inside rapidfuzz can turn away a score that
    reaches `floor`, and a pair that passes is scored again without a
    cutoff: the value returned is always the plain one.  A test compares
    both ways on generated quotes around the floor.
    """
    cutoff = floor - PREFILTER_MARGIN
    if cutoff > 0 and not fuzz.partial_ratio(short, long_, score_cutoff=cutoff):  # below the cutoff: 0
        return None
    score = fuzz.partial_ratio(short, long_)
    return score if score >= floor else None


def shared_words(cs: frozenset[str], cl: frozenset[str]) -> int:
    """Words of `cs` that are in `cl` or share a stem (`_same_stem`) with a word only `cl` has.

    Why by prefix: a common stem is at least five letters long, so only words with the same first five
    letters can share one; comparing each word with every other (quotes of a hundred words) cost a fifth
    of the aligner.
    """
    only_long: dict[str, list[str]] = defaultdict(list)
    for v in cl - cs:
        if len(v) >= 5:
            only_long[v[:5]].append(v)
    found = len(cs & cl)
    for w in cs - cl:
        group = only_long.get(w[:5]) if len(w) >= 5 else None
        if group and any(_same_stem(w, v) for v in group):
            found += 1
    return found


def _same_stem(a: str, b: str) -> bool:
    """liberation/liberate, shelling/shelled: a common stem of five or more letters."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 5 and n >= 0.6 * min(len(a), len(b))


def _contiguous_in(short: Sequence[str], long_: Sequence[str]) -> bool:
    """Whether `short` occurs in `long_` as consecutive words (only the places where its first word stands
    are compared: the same answer as comparing at every offset)."""
    n = len(short)
    if n == 0:
        return False
    short, long_ = list(short), list(long_)
    first = short[0]
    return any(long_[k:k + n] == short for k in range(len(long_) - n + 1) if long_[k] == first)


RELATION_RANK = {"verbatim": 0, "translated": 1, "edited": 1, "subset": 2}


def align_quotes(docs: Sequence[dict], names: NameMap, mt: list[bool],
                 links: Sequence[tuple[Sentence, Sentence, PairScore]] = (),
                 config: AlignerConfig = DEFAULT_CONFIG, analysis: SentenceAnalysis | None = None) -> list[dict]:
    """Quote pairs across documents from the quote layer.

    Candidates share a content word (inverted index, capped) or stand in
    linked sentences.  Pairs are then chosen greedily per document pair, best
    relation and score first: a quote takes part in one full pair (verbatim,
    edited, translated) per other document; a quote not in a full pair may
    contain several shorter quotes (subset), and a shorter quote is a subset
    of one quote only.  `analysis` (one per cluster) holds each quote's tokens
    and each pair's `quote_relation` for the next run of the cluster: the
    relation reads only the two token lists and the two flags.
    """
    analysis = analysis or SentenceAnalysis()
    reading = analysis.reading(names)
    items, token_keys = [], []
    for di, doc in enumerate(docs):
        for q in doc.get("quotes") or []:
            tokens, key = analysis.quote(q["text"], names, reading)
            items.append((di, q, tokens))
            token_keys.append(key)
    doc_of = [d for d, _, _ in items]
    stems, words = analysis.quote_stems, analysis.quote_content
    for key, (_, _, t) in zip(token_keys, items):
        if key not in stems:
            words[key] = content_words(t)
            stems[key] = {stem5(w) for w in words[key]}
    keys = [stems[key] for key in token_keys]
    cands = key_candidates(keys, doc_of, cap=config.key_cap, min_shared=1)
    linked_pairs = _quotes_in_links(items, links)
    cands |= linked_pairs
    scored = []
    memo = analysis.quote_relations
    for i, j in cands:
        (da, qa, ta), (db, qb, tb) = items[i], items[j]
        translated, relaxed = mt[da] != mt[db], (min(i, j), max(i, j)) in linked_pairs
        key = (token_keys[i], token_keys[j], translated, relaxed)
        if key in memo:
            found = memo[key]
        else:
            found = memo[key] = quote_relation(ta, tb, translated, relaxed=relaxed,
                                               content=(words[token_keys[i]], words[token_keys[j]]))
        if found:
            rel, strength = found
            scored.append((RELATION_RANK[rel], -strength, min(i, j), max(i, j), rel))
    scored.sort()
    full: dict[tuple[int, int], set[int]] = defaultdict(set)  # (quote, other doc) -> partners
    contained: set[tuple[int, int]] = set()
    container: set[tuple[int, int]] = set()
    out = []
    for _, _, i, j, rel in scored:
        if rel != "subset":
            if full[(i, doc_of[j])] or full[(j, doc_of[i])] or (i, doc_of[j]) in container or (j, doc_of[i]) in container:
                continue
            full[(i, doc_of[j])].add(j)
            full[(j, doc_of[i])].add(i)
        else:
            s, l = (i, j) if len(items[i][1]["text"]) <= len(items[j][1]["text"]) else (j, i)
            if (s, doc_of[l]) in contained or full[(l, doc_of[s])] or full[(s, doc_of[l])]:
                continue
            contained.add((s, doc_of[l]))
            container.add((l, doc_of[s]))
        (da, qa, _), (db, qb, _) = items[i], items[j]
        out.append(variant_record("quote", rel, docs, (da, qa["start"], qa["end"]), (db, qb["start"], qb["end"])))
    return out


def _quotes_in_links(items: Sequence[tuple[int, dict, list[str]]],
                     links: Sequence[tuple[Sentence, Sentence, PairScore]]) -> set[tuple[int, int]]:
    """Quote pairs whose quotes overlap the two sentences of one linked sentence pair."""
    by_doc: dict[int, list[dict]] = defaultdict(list)
    for k, (di, q, _) in enumerate(items):
        by_doc[di].append({"start": q["start"], "end": q["end"], "item": k})
    index = {di: SpanIndex(spans) for di, spans in by_doc.items()}
    empty = SpanIndex([])
    out = set()
    for a, b, _ in links:
        qa = [r["item"] for r in index.get(a.doc, empty).overlapping(a.start, a.end)]
        qb = [r["item"] for r in index.get(b.doc, empty).overlapping(b.start, b.end)]
        out.update((min(x, y), max(x, y)) for x in qa for y in qb)
    return out
