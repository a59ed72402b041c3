"""Name pairs and the name map: spellings of one person or place across documents.

Names come from the location layer (each place's canonical ``name``) and
from the registry (person aliases).  The name map gives every spelling one
canonical token, so that sentences compare equal across romanisations
(registry aliases -> canonical name; location records -> their canonical
name; remaining capitalised words clustered with rapidfuzz so that
"Hrytsenko"/"Hritsenko" or "Odessa"/"Odesa" compare equal).  Pairs of
differing spellings are ``spelling`` (an accepted romanisation or exonym) or
``error``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from wirespan.layers.variants.cityalts import city_spellings
from wirespan.layers.variants.normalise import STOPWORDS, NameMap, fold_token, romanisation_key
from wirespan.layers.variants.records import variant_record
from wirespan.text.lexicons import HONORIFICS
from wirespan.text.mentions import registry_person_mentions
from wirespan.text.regions import regions

#: Words dropped before pairing a surface name with its canonical form: honorifics and two titles.
NAME_TITLES = HONORIFICS | {"president", "minister"}
#: Common given-name equivalents across romanisations and exonyms (general list).
GIVEN_NAME_EQUIVALENTS = [
    {"oleksandr", "alexander", "aleksandr", "olexander", "oleksander"},
    {"davyd", "david", "davit"}, {"ihor", "igor"}, {"serhiy", "sergei", "sergey", "serhii"},
    {"volodymyr", "vladimir"}, {"mykola", "nikolai", "nikolay", "nicholas"},
    {"mykhailo", "mikhail", "michael"}, {"andriy", "andrei", "andrey", "andrii"},
    {"yuriy", "yuri", "yury", "yurii"}, {"dmytro", "dmitry", "dmitri"},
    {"vladyslav", "vladislav"}, {"vyacheslav", "viacheslav"}, {"iryna", "irina"},
    {"oleksiy", "alexei", "alexey", "oleksii"}, {"petro", "pyotr", "peter"},
    {"yevhen", "yevgeny", "evgeny"}, {"anatoliy", "anatoly"}, {"hennadiy", "gennady"},
]



@dataclass
class NameMention:
    """One name token in one document, with the entity it names and its canonical token."""

    doc: int
    start: int
    end: int
    surface: str
    entity: str
    canonical_token: str
    kind: str  # "place" or "person"


def align_tokens(surface: Sequence[str], canonical: Sequence[str]) -> list[tuple[str, str]]:
    """Pair the words of a surface name with the words of its canonical name (like with like).

    Same length: position by position.  Otherwise each surface word goes to
    the canonical word it resembles most (a lone surname to the surname).
    """
    surface = [w for w in surface if fold_token(w) not in NAME_TITLES]
    if not surface or not canonical:
        return []
    if len(surface) == len(canonical):
        return list(zip(surface, canonical))
    pairs = []
    for w in surface:
        best = max(canonical, key=lambda c: (fuzz.ratio(romanisation_key(w), romanisation_key(c)), c == canonical[-1]))
        pairs.append((w, best))
    return pairs


def given_name_group(word: str) -> int | None:
    f = fold_token(word)
    for i, group in enumerate(GIVEN_NAME_EQUIVALENTS):
        if f in group:
            return i
    return None


def build_name_map(documents: Sequence[dict], registry: Any | None,
                   mentions: Sequence[NameMention] | None = None) -> NameMap:
    """Canonical token for every name token the documents spell (registry, location layer, fuzzy clusters).

    `mentions`: the documents' `name_mentions`, when the caller has them already (`core.align`).
    """
    token_map: dict[str, str] = {}
    for mention in name_mentions(documents, registry) if mentions is None else mentions:
        token_map.setdefault(fold_token(mention.surface), fold_token(mention.canonical_token))
    # Capitalised words nobody resolved: cluster close spellings (blocked by first letter, sub-quadratic).
    caps: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        for f, block in capitalised_words(doc["text"]):
            if f not in token_map:
                caps[block].add(f)
    for block in caps.values():
        ordered = sorted(block)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:i + 30]:
                if a != b and fuzz.ratio(romanisation_key(a), romanisation_key(b)) >= 90:
                    token_map.setdefault(b, token_map.get(a, a))
    return NameMap(token_map)


@lru_cache(maxsize=256)
def capitalised_words(text: str) -> tuple[tuple[str, str], ...]:
    """The distinct capitalised words of five letters or more of a text that are no stopwords, folded, each
    with its block (the first two letters of its romanisation key), in order of first occurrence.

    Why cached: `build_name_map` reads them for every document of every alignment run, and a cluster's
    representative is in every run of its cluster; what the name map does with them depends on the run,
    the words themselves only on the text.
    """
    found: dict[str, str] = {}
    for m in re.finditer(r"\b[A-Z][a-z]{4,}\b", text):
        f = fold_token(m.group(0))
        if f not in found and f not in STOPWORDS:
            found[f] = romanisation_key(f)[:2]
    return tuple(found.items())


_ALT_CACHE: dict[str, set[str]] = {}


def gazetteer_alternates(token: str) -> set[str]:
    """Latin alternate names (case kept) of gazetteer places whose name or alternates include ``token``."""
    if token not in _ALT_CACHE:
        try:
            _ALT_CACHE[token] = city_spellings(token)
        except ImportError:  # pragma: no cover - no gazetteer: fall back to the romanisation rule
            _ALT_CACHE[token] = set()
    return _ALT_CACHE[token]


def name_mentions(documents: Sequence[dict], registry: Any | None,
                  memo: dict[tuple[int, int], tuple[dict, Any, list[tuple]]] | None = None) -> list[NameMention]:
    """Name-token mentions: location records (entity = canonical name) and registry person aliases.

    `memo` (`SentenceAnalysis.mentions`): each document's mentions found once per registry object, not once
    per run.  They depend on the document (its text, segments and location records) and the registry only;
    the memo is keyed by both objects' ids and holds both, so an id is never another object's, and only the
    document index (the run's numbering) is set per run.
    """
    out: list[NameMention] = []
    for di, doc in enumerate(documents):
        if memo is None:
            out.extend(document_name_mentions(di, doc, registry))
            continue
        held = memo.get((id(doc), id(registry)))
        if held is None or held[0] is not doc or held[1] is not registry:
            found = [(m.start, m.end, m.surface, m.entity, m.canonical_token, m.kind)
                     for m in document_name_mentions(0, doc, registry)]
            held = memo[(id(doc), id(registry))] = (doc, registry, found)
        out.extend(NameMention(di, *f) for f in held[2])
    return out


def document_name_mentions(di: int, doc: dict, registry: Any | None) -> list[NameMention]:
    """`name_mentions` of one document (`di`: its index in the run)."""
    out: list[NameMention] = []
    for loc in doc.get("locations") or []:
        canon = loc.get("name")
        if not canon:
            continue
        words = list(re.finditer(r"[^\W\d_][\w’'.\-]*(?<!\.)\.?", loc["text"]))
        canon_words = [w for w in re.findall(r"[^\W\d_][\w’'.\-]*", canon)
                       if w not in {"Oblast", "Raion", "Region", "District"}]
        for w, c in align_tokens([m.group(0) for m in words], canon_words):
            m = next(m for m in words if m.group(0) == w)
            out.append(NameMention(di, loc["start"] + m.start(), loc["start"] + m.end(), w, f"place:{canon}", c, "place"))
    out.extend(person_name_mentions(di, doc, registry))
    return out


def person_name_mentions(di: int, doc: dict, registry: Any | None) -> list[NameMention]:
    """Name-token mentions of the registry's persons in one document (annotatable segments only)."""
    text = doc["text"]
    out = []
    for hit in registry_person_mentions(text, registry, regions(text, doc.get("segments"))):
        canon_words = hit.entry["name"].split()
        words = list(re.finditer(r"[^\W\d_][\w’'\-]*", hit.alias))
        for w, c in align_tokens([x.group(0) for x in words], canon_words):
            x = next(x for x in words if x.group(0) == w)
            out.append(NameMention(di, hit.start + x.start(), hit.start + x.end(), w, f"person:{hit.entry['id']}", c,
                                   "person"))
    return out


def name_relation(sa: str, sb: str, canonical: str, kind: str) -> str:
    """spelling (accepted romanisation or exonym) or error (typo, dropped or swapped letters, wrong referent).

    Accepted: the two spellings share a romanisation key; or each is the
    canonical form or a gazetteer alternate of the place; or both are
    equivalent given names.  An all-capital side that differs from the other
    in letters (not only case) is a mangled dateline form, so an error.
    """
    fa, fb = fold_token(sa), fold_token(sb)
    alts = {fold_token(a) for a in gazetteer_alternates(canonical)} | {fold_token(canonical)} if kind == "place" else {fold_token(canonical)}
    for side in (sa, sb):
        if side.isupper() and len(side) > 1 and fold_token(side) not in alts:
            return "error"  # a capitalised (dateline) form that is not an accepted name is mangled
    if romanisation_key(sa) == romanisation_key(sb):
        return "spelling"
    ga, gb = given_name_group(sa), given_name_group(sb)
    if ga is not None and ga == gb:
        return "spelling"
    if kind == "place" and fa in alts and fb in alts:
        return "spelling"
    return "error"


def align_names(docs: Sequence[dict], registry: Any | None, mentions: Sequence[NameMention] | None = None) -> list[dict]:
    """First occurrence of each spelling of each name token per document; pair differing spellings.

    `mentions`: the documents' `name_mentions`, when the caller has them already (`core.align`).
    """
    first: dict[tuple[str, str], dict[tuple[int, str], NameMention]] = defaultdict(dict)
    for m in sorted(name_mentions(docs, registry) if mentions is None else mentions, key=lambda m: (m.doc, m.start)):
        slot = (m.entity, m.canonical_token)
        key = (m.doc, fold_token(m.surface))
        if key not in first[slot]:
            first[slot][key] = m
    out = []
    for (entity, canon), spellings in first.items():
        mentions = sorted(spellings.values(), key=lambda m: (m.doc, m.start))
        for a, b in combinations(mentions, 2):
            if fold_token(a.surface) == fold_token(b.surface):
                continue
            if fuzz.ratio(romanisation_key(a.surface), romanisation_key(b.surface)) < 40 and \
                    given_name_group(a.surface) is None:
                continue  # different words for one entity (Britain / U.K.) are not spellings
            rel = name_relation(a.surface, b.surface, canon, a.kind)
            out.append(variant_record("name", rel, docs, (a.doc, a.start, a.end), (b.doc, b.start, b.end)))
    return out
