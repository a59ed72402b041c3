"""Comparison forms of the aligner: words folded, names canonical, number words as digits, crude stems.

Why: two reports of one statement differ in case, accents, quote marks,
romanisation of names ("Hrytsenko"/"Hritsenko") and spelled-out numbers;
after normalisation they compare equal.  Folding itself is
``wirespan.text.fold.fold_word``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from wirespan.text.fold import fold_word

STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "although", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "least", "less", "let", "like", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "per", "same", "says", "said", "say", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "would", "yet", "you", "your", "yours", "yourself", "also", "already", "another", "around", "us", "mr", "mrs", "ms", "dr", "according", "told", "added", "stated", "declared", "reported", "asked"])
NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
                     "million": 10 ** 6, "billion": 10 ** 9, "half": 0.5})

@lru_cache(maxsize=1 << 16)
def fold_token(word: str) -> str:
    """``fold_word``, memoised per process.

    Why: the aligner folds the same few thousand words again and again
    (every sentence, quote, figure context and name of a cluster); folding
    (NFKD, regular expressions) was a third of its time on clusters of
    near-duplicate articles.
    """
    return fold_word(word)


TOKEN_RE = re.compile(r"[^\W_]+(?:[’'.][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def romanisation_key(word: str) -> str:
    """A key under which accepted romanisations of one Slavic name coincide (memoised per process, like
    `fold_token`: the name map keys every capitalised word of every run's documents again).

    y/i/ii/yi, kh/h, g/h, ie/e, j/i and doubled letters (or doubled digraphs:
    zhzh) are merged, so Hrytsenko/Hritsenko, Khmelnytsky/Khmelnytskyy, Odessa/Odesa,
    Uzhgorod/Uzhhorod, Zhytomyr/Zhitomir share a key, while letter
    swaps and dropped syllables (Hrytsneko, Khmelnyky) do not.
    """
    w = fold_token(word)
    w = w.replace("kh", "h").replace("g", "h").replace("j", "i").replace("w", "v")
    w = w.replace("y", "i").replace("ie", "e").replace("ye", "e")
    w = re.sub(r"(..)\1", r"\1", w)
    w = re.sub(r"au$", "ov", w)  # Belarusian -au for -ov (Karpau/Karpov)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w


@dataclass
class NameMap:
    """Maps surface name tokens to canonical tokens (used for shingles and keys)."""

    token_map: dict[str, str] = field(default_factory=dict)

    def canon(self, folded: str) -> str:
        """The canonical token of a folded word (the word itself when it is no known name)."""
        return self.token_map.get(folded, folded)


def comparison_token(raw: str, names: NameMap) -> str | None:
    """One token's comparison form: folded, canonical name, number words as digits (None if empty)."""
    f = fold_token(raw)
    if not f:
        return None
    f = names.canon(f)
    if f in NUMBER_WORDS and f != "one":
        f = str(NUMBER_WORDS[f])
    return f.replace(",", "")


def normalise(text: str, names: NameMap) -> list[str]:
    """Comparison tokens of a text: folded words, canonical name tokens, number words as digits."""
    return [f for m in TOKEN_RE.finditer(text) if (f := comparison_token(m.group(0), names))]


def content_words(tokens: Iterable[str]) -> frozenset[str]:
    """Tokens that carry content (not stopwords), crudely stemmed so "attacks"/"attack" agree."""
    return frozenset(stem(t) for t in tokens if t not in STOPWORDS and len(t) > 1 or t.isdigit())


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Strip one inflection (-ing, -ed, -es, -s) from words long enough to keep a stem: attacks/attack agree.

    Memoised per process, like `fold_token`: every content word of every sentence is stemmed, again in each
    alignment run that contains its document.
    """
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def stem5(word: str) -> str:
    """First five letters: fled/fleeing stay apart, troops/troop and evacuate/evacuation agree."""
    return word[:5] if len(word) > 5 else word


def figure_value(f: dict) -> tuple:
    """What a figure states: kind, unit and (iso date or value range or, for vague ones, the folded text)."""
    if f.get("iso"):
        return (f.get("kind"), f.get("unit"), f["iso"])
    if f.get("value") is None:
        return (f.get("kind"), f.get("unit"), " ".join(fold_token(w) for w in f["text"].split()))
    return (f.get("kind"), f.get("unit"), f["value"], f.get("value_high"))
