"""Claim signatures: whether two independently worded sentences report one specific claim.

Independently worded reports of one claim are linked by their *claim
signatures* (``claim_link``): a shared anchor (a name that is not the
corpus's topic, or a distinctive figure value) plus idf-weighted overlap of
the asserted content stems.  Words in background clauses (non-restrictive
relatives, "that was ...", "despite ...", "two days after ...") do not
count, and a pair whose shared words lie mostly in such clauses is not a
passage pair (its figures and quotes may still align); nor is a pair that
shares nothing but its speaker or source once names and attribution words
("spokesman", "said", "according to") are set aside.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from wirespan.layers.variants.normalise import fold_token
from wirespan.layers.variants.config import DEFAULT_CONFIG, AlignerConfig
from wirespan.layers.variants.normalise import (
    STOPWORDS,
    TOKEN_RE,
    NameMap,
    comparison_token,
    figure_value,
    stem,
    stem5,
)
from wirespan.layers.variants.sentences import PairScore, Sentence
from wirespan.text.lexicons import MONTHS, WEEKDAYS

# Background that frames the news rather than reporting it (guidelines: a
# non-restrictive relative clause, "that was/has ..." on a presupposed noun,
# a "despite ..." adjunct, a "... days/hours after ..." adjunct recalling an
# earlier event).  Each runs to the next comma, semicolon or sentence end.
BACKGROUND_RE = re.compile(
    r",\s*(?:which|who|whom|whose|where)\b[^,;]*"
    r"|\b(?:that|which)\s+(?:was|were|has|have|had)\b[^,;]*"
    r"|\bdespite\b[^,;]*"
    r"|\b(?:\w+\s+)?(?:days?|hours?|weeks?|months?)\s+(?:after|before)\b[^,;]*",
    re.IGNORECASE)


#: Weekdays and month names are capitalised but date a claim rather than name an actor or place.
CALENDAR = frozenset([*WEEKDAYS, *MONTHS])


def background_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that only recall background (see ``BACKGROUND_RE``)."""
    return [(m.start(), m.end()) for m in BACKGROUND_RE.finditer(text)]


def distinctive_value(f: dict, config: AlignerConfig = DEFAULT_CONFIG) -> tuple | None:
    """The comparable value of a figure that can anchor a claim: not vague, not a small count."""
    value = figure_value(f)
    if f.get("value") is None and not f.get("iso"):
        return None  # vague magnitudes ("thousands") are shared by many unrelated claims
    if f.get("kind") in ("count", "ordinal") and f.get("value") is not None and f["value"] < config.small_count:
        return None
    return value


def claim_signature(s: Sentence, names: NameMap, figures: Sequence[dict] = (),
                    config: AlignerConfig = DEFAULT_CONFIG) -> None:
    """Fill ``stems``, ``entities`` and ``numbers`` of a sentence from its asserted (non-background) words.

    Stems are the first five letters of content words (morphology, not
    synonyms: attacks/attacked, evacuate/evacuation share a stem); entities are
    capitalised words after name normalisation (registry, gazetteer and
    fuzzy clusters), weekdays and months excepted, and the first word of the
    sentence only when it is a known name; numbers are distinctive figure
    values of the figure layer.
    """
    masked = background_spans(s.text)
    s.stems, s.entities, s.all_stems = asserted_words(s.text, names, masked)
    s.numbers = asserted_numbers(s, figures, masked, config)


def asserted(masked: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    """Whether the characters a..b of a sentence lie outside every background range of it."""
    return not any(ms <= a and b <= me for ms, me in masked)


def asserted_words(text: str, names: NameMap, masked: Sequence[tuple[int, int]],
                   ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The word part of a claim signature: (asserted stems, asserted entities, every stem) of a sentence.

    A function of the sentence's text and of the name map's entries for its
    words only (not of its figures or the configuration): what
    ``analysis.SentenceAnalysis`` keys its shared results by.
    """
    stems, ents, every = set(), set(), set()
    for k, m in enumerate(TOKEN_RE.finditer(text)):
        c = comparison_token(m.group(0), names)
        if not c:
            continue
        if c in STOPWORDS or (len(c) < 2 and not c.isdigit()):
            continue
        every.add(stem5(stem(c)))
        if not asserted(masked, m.start(), m.end()):
            continue
        stems.add(stem5(stem(c)))
        if m.group(0)[0].isupper() and c not in CALENDAR and not c.isdigit() and (k > 0 or fold_token(m.group(0)) in names.token_map):
            ents.add(c)
    return frozenset(stems), frozenset(ents), frozenset(every)


def asserted_numbers(s: Sentence, figures: Sequence[dict], masked: Sequence[tuple[int, int]],
                     config: AlignerConfig = DEFAULT_CONFIG) -> frozenset[tuple]:
    """Distinctive values of the figures inside a sentence and outside its background clauses."""
    nums = set()
    for f in figures:
        if s.start <= f["start"] and f["end"] <= s.end and asserted(masked, f["start"] - s.start, f["end"] - s.start):
            v = distinctive_value(f, config)
            if v is not None:
                nums.add(v)
    return frozenset(nums)


def stem_idf(sentences: Sequence[Sentence]) -> dict[str, float]:
    """Smoothed inverse sentence frequency of every stem, log((1 + N) / (1 + df)) + 1: rare stems weigh more."""
    df = Counter(w for s in sentences for w in s.stems)
    n = len(sentences)
    return {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}


def claim_cosine(a: Sentence, b: Sentence, idf: dict[str, float]) -> float:
    """idf-weighted cosine of two sentences' asserted stem sets."""
    shared = a.stems & b.stems
    if not shared:
        return 0.0
    num = sum(idf.get(w, 0.0) ** 2 for w in shared)
    den = math.sqrt(sum(idf.get(w, 0.0) ** 2 for w in a.stems) * sum(idf.get(w, 0.0) ** 2 for w in b.stems))
    return num / den if den else 0.0


def anchor_names(sentences: Sequence[Sentence], config: AlignerConfig = DEFAULT_CONFIG) -> frozenset[str]:
    """Names frequent enough to be the corpus's topic rather than a claim's anchor.

    A name is topic when it occurs in more than one sentence in ten, and in
    more than ``config.anchor_min`` sentences (in a handful of documents every name is
    in a tenth of the sentences).
    """
    df = Counter(e for s in sentences for e in s.entities)
    return frozenset(e for e, c in df.items() if c > max(config.anchor_min, config.anchor_share * len(sentences)))


#: Words that name who speaks rather than what is claimed ("the harbour spokesman said", "officials announced").
ATTRIBUTION_WORDS = frozenset(_w[:5] for _w in [
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "governor", "minister", "ministry",
    "president", "secretary", "general", "deputy", "prime", "head", "chief", "mayor", "adviser", "advisor",
    "director", "commander", "aide", "representative", "authorities", "statement", "address", "interview",
    "briefing", "wrote", "posted", "claimed", "announced", "confirmed", "warned", "stressed", "noted"])


def claim_words(a: Sentence, b: Sentence) -> frozenset[str]:
    """Asserted content stems two sentences share, less names and the words of attribution.

    What is left is what both *claim*: a shared speaker ("harbour
    spokesman Ana Berg said ...") or a shared source ("according to the
    Red Cross") with nothing else in common is not one statement.
    """
    shared = a.stems & b.stems
    if not shared:
        return frozenset()
    return frozenset(shared - name_stems(a.entities) - name_stems(b.entities) - ATTRIBUTION_WORDS)


@lru_cache(maxsize=8192)
def name_stems(entities: frozenset[str]) -> frozenset[str]:
    """The stems of a sentence's name tokens (`claim_words` leaves them out).

    Why cached: `claim_words` runs for every candidate pair, and a sentence of a cluster's representative
    meets a partner in every run; the stems of the names of both sides are those of each side's names.
    """
    return frozenset(stem5(stem(e)) for e in entities)


def claim_link(a: Sentence, b: Sentence, idf: dict[str, float], topic: frozenset[str] = frozenset(),
               config: AlignerConfig = DEFAULT_CONFIG) -> bool:
    """Whether two independently worded sentences report one specific claim.

    An anchor must agree: a shared name (speaker, source, actor or place) or
    a shared distinctive quantity; and the asserted content must overlap:
    idf-weighted cosine >= ``config.claim_cosine``, or >= ``config.claim_number_cosine`` when a
    distinctive quantity and a name are both shared.  Background clauses
    do not count (a claim only recalled is not reported).
    """
    ents = (a.entities & b.entities) - topic
    nums = a.numbers & b.numbers
    if not ents and not nums:
        return False
    if len(claim_words(a, b)) < config.min_claim_words:
        return False  # one shared word beside the names is a topic, not a claim
    cos = claim_cosine(a, b, idf)
    if cos >= config.claim_cosine:
        return True
    return bool(nums and ents) and cos >= config.claim_number_cosine


def background_only(a: Sentence, b: Sentence) -> bool:
    """True when most of what two sentences share lies in background clauses of one of them.

    SPEC: a sentence that mentions the claim only as background is not
    linked.  Measured on content stems: fewer than half of the shared stems
    survive once background clauses are left out.
    """
    every = a.all_stems & b.all_stems
    return bool(every) and len(a.stems & b.stems) < 0.5 * len(every)


def attribution_only(a: Sentence, b: Sentence, sc: PairScore, config: AlignerConfig = DEFAULT_CONFIG) -> bool:
    """True when two sentences that are not near-duplicates share little beyond who said it.

    Word overlap links them, but once names and attribution words are set
    aside no content stem is left: one speaker or source quoted on two
    different matters.  Near-duplicates (sequence ratio >= ``config.family_ratio``:
    reprints, close translations) keep their link.
    """
    return sc.ratio < config.family_ratio and not claim_words(a, b)


def common_run(ta: Sequence[str], tb: Sequence[str]) -> int:
    """Length of the longest run of consecutive words the two token lists share.

    difflib's longest matching block without junk heuristics is exactly that
    run, found by visiting only the positions where words match (the
    dynamic programme over all word pairs cost a tenth of the aligner).
    """
    if not ta or not tb:
        return 0
    return SequenceMatcher(None, ta, tb, autojunk=False).find_longest_match(0, len(ta), 0, len(tb)).size


def claim_keys(s: Sentence) -> set[str]:
    """Index keys of a claim signature: its anchors (names and distinctive numbers).

    ``claim_link`` needs a shared anchor, so pairs sharing one anchor key
    (posting lists capped) are the only candidates it can accept.
    """
    return {"@" + e for e in s.entities} | {"#" + repr(v) for v in s.numbers}
