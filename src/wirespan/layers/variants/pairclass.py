"""A learned decision on sentence pairs: do two sentences state the same thing?

Why a learned model: a single overlap threshold cannot weigh the evidence
that separates a reworded statement from a different one that shares its
words.  A shared long run of words, a high share of the shorter sentence's
content, and agreeing numbers and names point to one statement; a number or
a name on one side that the other contradicts, or many words of one side
left unmatched, point to two.  A logistic regression weighs these features
of the aligner's own comparison forms (``normalise``: folded words, number
words as digits; ``content_words``, ``stem5``, ``common_run``, rapidfuzz
ratios).  Its weights, feature scaling and decision threshold were learned
on public development pairs only (MSRP train, k-fold cross-validation;
``bench/train_pair_classifier.py``) and ship as ``wirespan/data/pair_classifier.json``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from wirespan.layers.variants.claims import common_run
from wirespan.layers.variants.normalise import STOPWORDS, TOKEN_RE, NameMap, content_words, fold_token, normalise, stem, stem5

MODEL_FILE = "pair_classifier.json"

NEGATIONS = frozenset(["not", "no", "never", "n't", "nobody", "none", "nothing", "neither", "nor", "without"])
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_of(tokens: Sequence[str]) -> frozenset[str]:
    """Number tokens of a normalised sentence (number words already digits), thousands separators dropped."""
    return frozenset(t.replace(",", "") for t in tokens if NUMBER_RE.fullmatch(t))


def names_of(text: str) -> frozenset[str]:
    """Folded capitalised words that are not the sentence's first word nor a stopword: the names it mentions."""
    out = set()
    for k, m in enumerate(TOKEN_RE.finditer(text)):
        w = m.group(0)
        f = fold_token(w)
        if k > 0 and w[:1].isupper() and f not in STOPWORDS and not f.isdigit():
            out.add(f)
    return frozenset(out)


def dice(a: frozenset | set, b: frozenset | set) -> float:
    """Dice coefficient of two sets (0 when both are empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def ngrams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    """Word n-grams of a token list."""
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def conflict(a: frozenset, b: frozenset) -> float:
    """Share of the two sides' items that the other side lacks, when both sides state some (else 0).

    A number or a name that only one side mentions is an addition; both
    sides stating numbers (or names) and disagreeing is a contradiction.
    """
    if not a or not b:
        return 0.0
    return len(a ^ b) / len(a | b)


#: Feature names, in the order of the model's weights.
FEATURES = (
    "jaccard", "content_min_share", "content_max_share", "stem_dice", "bigram_dice", "trigram_dice",
    "ratio", "token_set_ratio", "token_sort_ratio", "partial_ratio", "run_share", "log_run",
    "length_diff", "log_unmatched_long", "log_unmatched_short", "number_conflict", "number_one_side",
    "number_agree", "name_conflict", "name_one_side", "negation_mismatch", "char_trigram_jaccard",
    "numbers_disjoint",
)

#: The feature that vetoes a pair whatever its probability (the project's reading of SPEC §7; see ``score``).
VETO = FEATURES.index("numbers_disjoint")


@dataclass(frozen=True)
class PairFeatures:
    """The feature vector of one sentence pair (``FEATURES`` order)."""

    values: tuple[float, ...]


def pair_features(text_a: str, text_b: str, names: NameMap | None = None) -> PairFeatures:
    """Features of two sentences from the aligner's comparison forms (symmetric in a and b)."""
    names = names or NameMap()
    ta, tb = normalise(text_a, names), normalise(text_b, names)
    sa, sb = set(ta), set(tb)
    ca, cb = content_words(ta), content_words(tb)
    small, large = sorted((ca, cb), key=len)
    shared = len(ca & cb)
    ja, jb = " ".join(ta), " ".join(tb)
    run = common_run(ta, tb)
    na, nb = numbers_of(ta), numbers_of(tb)
    ma, mb = names_of(text_a), names_of(text_b)
    neg_a, neg_b = bool(sa & NEGATIONS) or "n't" in text_a, bool(sb & NEGATIONS) or "n't" in text_b
    ga, gb = _char_trigrams(ja), _char_trigrams(jb)
    values = (
        len(sa & sb) / len(sa | sb) if sa | sb else 0.0,
        shared / (len(small) or 1),
        shared / (len(large) or 1),
        dice({stem5(stem(w)) for w in ca}, {stem5(stem(w)) for w in cb}),
        dice(ngrams(ta, 2), ngrams(tb, 2)),
        dice(ngrams(ta, 3), ngrams(tb, 3)),
        fuzz.ratio(ja, jb) / 100,
        fuzz.token_set_ratio(ja, jb) / 100,
        fuzz.token_sort_ratio(ja, jb) / 100,
        fuzz.partial_ratio(ja, jb) / 100,
        run / (min(len(ta), len(tb)) or 1),
        math.log1p(run),
        abs(len(ta) - len(tb)) / (max(len(ta), len(tb)) or 1),
        math.log1p(len(large - small)),
        math.log1p(len(small - large)),
        conflict(na, nb),
        float(bool(na) != bool(nb)),
        float(bool(na) and na == nb),
        conflict(ma, mb),
        float(len(ma ^ mb)) / (len(ma | mb) or 1) if not (ma and mb) else 0.0,
        float(neg_a != neg_b),
        len(ga & gb) / len(ga | gb) if ga | gb else 0.0,
        float(bool(na) and bool(nb) and not na & nb),
    )
    return PairFeatures(values)


def _char_trigrams(s: str) -> set[str]:
    return {s[i:i + 3] for i in range(len(s) - 2)}


@dataclass(frozen=True)
class PairClassifier:
    """Logistic regression over standardised ``FEATURES`` with a decision threshold on the probability."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, f: PairFeatures) -> float:
        """Probability that the pair states the same thing."""
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, f.values, self.mean, self.scale))
        return 1 / (1 + math.exp(-z)) if z > -30 else 0.0

    def score(self, f: PairFeatures) -> float:
        """The decision score: the probability, or 0 when the two sides state numbers and share none.

        The project's reading of SPEC §7's "same specific statement" (same
        event, source and time): "12 killed" and "40 killed" are two
        statements, however alike the words.  SPEC does not say it in words;
        MSRP's annotators link a third of such pairs, so the veto costs F1
        there (the benchmark reports the classifier with and without it).
        """
        return 0.0 if f.values[VETO] else self.probability(f)

    def same_statement(self, text_a: str, text_b: str, names: NameMap | None = None) -> bool:
        """The classifier's decision on two sentences (score at or above the learned threshold)."""
        return self.score(pair_features(text_a, text_b, names)) >= self.threshold

    @classmethod
    def from_dict(cls, d: dict) -> PairClassifier:
        """A classifier from its JSON form; refuses weights learned for other features."""
        if tuple(d["features"]) != FEATURES:
            raise ValueError(f"{MODEL_FILE}: features {d['features']} differ from this version's {list(FEATURES)}")
        return cls(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["weights"]),
                   float(d["bias"]), float(d["threshold"]))


@lru_cache(maxsize=1)
def shipped_classifier() -> PairClassifier:
    """The classifier shipped with the package (``wirespan/data/pair_classifier.json``)."""
    text = resources.files("wirespan").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return PairClassifier.from_dict(json.loads(text))
