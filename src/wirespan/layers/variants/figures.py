"""Figure pairs: one quantity stated in two documents, agreeing or in conflict."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from wirespan.layers.variants.candidates import PairScore
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.normalise import TOKEN_RE, content_words, figure_value, fold_token, stem5
from wirespan.layers.variants.records import record_key, variant_record
from wirespan.layers.variants.sentences import Sentence
from wirespan.text.spans import SpanIndex


def figure_relation(fa: dict, fb: dict) -> str | None:
    """agree when kind, unit and value are compatible; conflict when kind and unit match but values differ."""
    if fa.get("kind") != fb.get("kind") or fa.get("unit") != fb.get("unit"):
        return None
    if figure_value(fa) == figure_value(fb):
        return "agree"
    va, vb = fa.get("value"), fb.get("value")
    if va is not None and vb is not None and fa.get("value_high") is None and fb.get("value_high") is None:
        return "conflict"
    return None


def _next_word(text: str, f: dict) -> str | None:
    """Stem of the first word after a figure (the counted noun in "45 buses"), None at the end of a sentence."""
    m = TOKEN_RE.search(text[f["end"]:f["end"] + 40])
    return stem5(fold_token(m.group(0))) if m and not re.search(r"[.;!?]", text[f["end"]:f["end"] + m.start()]) else None


def _context(text: str, f: dict, width: int = 6) -> frozenset[str]:
    """Content stems (first five letters: fled/fleeing, troops/troop) within ``width`` words of a figure."""
    before = TOKEN_RE.findall(text[max(0, f["start"] - 80):f["start"]])[-width:]
    after = TOKEN_RE.findall(text[f["end"]:f["end"] + 80])[:width]
    return frozenset(stem5(w) for w in content_words([fold_token(w) for w in before + after]) if not w.isdigit())


def align_figures(docs: Sequence[dict], links: Sequence[tuple[Sentence, Sentence, PairScore]],
                  config: AlignerConfig = DEFAULT_CONFIG,
                  contexts: dict[tuple[str, int, int], frozenset[str]] | None = None) -> list[dict]:
    """Figure pairs: inside linked sentences (agree / conflict), else same value with a shared context word.

    `contexts` ((text, start, end) -> `_context`) keeps each figure's context for the next run of its
    cluster (a representative's figures are met again in the run with each near-duplicate).
    """
    contexts = {} if contexts is None else contexts

    def context(text: str, f: dict) -> frozenset[str]:
        key = (text, f["start"], f["end"])
        found = contexts.get(key)
        if found is None:
            found = contexts[key] = _context(text, f)
        return found

    indexes = [SpanIndex(d.get("figures") or []) for d in docs]
    figs = [index.records for index in indexes]
    out: dict[tuple, dict] = {}

    def inside(di: int, s: Sentence) -> list[dict]:
        return indexes[di].within(s.start, s.end)

    for a, b, _ in links:
        fa_list, fb_list = inside(a.doc, a), inside(b.doc, b)
        used: set[int] = set()
        for relation_wanted in ("agree", "conflict"):
            for fa in fa_list:
                for k, fb in enumerate(fb_list):
                    if k in used:
                        continue
                    rel = figure_relation(fa, fb)
                    if rel != relation_wanted:
                        continue
                    if rel == "conflict" and _next_word(docs[a.doc]["text"], fa) != _next_word(docs[b.doc]["text"], fb):
                        continue  # a different value counts the same thing only with the same counted noun
                    used.add(k)
                    rec = variant_record("figure", rel, docs, (a.doc, fa["start"], fa["end"]), (b.doc, fb["start"], fb["end"]))
                    out.setdefault(record_key(rec), rec)
                    break
    # outside linked sentences: same distinctive value and a shared context word
    index: dict[tuple, list[tuple[int, dict]]] = defaultdict(list)
    for di, flist in enumerate(figs):
        for f in flist:
            index[figure_value(f)].append((di, f))
    for value, group in index.items():
        if len(group) > config.key_cap or (len(value) > 3 and value[2] is not None and isinstance(value[2], float) and value[2] < 3):
            continue
        for (da, fa), (db, fb) in combinations(group, 2):
            if da == db:
                continue
            if context(docs[da]["text"], fa) & context(docs[db]["text"], fb):
                rec = variant_record("figure", "agree", docs, (da, fa["start"], fa["end"]), (db, fb["start"], fb["end"]))
                out.setdefault(record_key(rec), rec)
    return list(out.values())
