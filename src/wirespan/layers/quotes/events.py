"""Reporting events (pass 2 of the quote layer): every reporting cue outside quotes, with its subject.

"said", "told reporters", "according to" ... and the noun phrase that does
the saying.  Events feed pronoun resolution ("he" -> the last person who was
said to speak) and attribution.  Each event is analysed inside its own
sentence, so the pass is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirespan.layers.quotes.nounphrase import analyse_np, first_word, is_description, phrase_chunks
from wirespan.layers.quotes.units import TextUnits
from wirespan.layers.quotes.words import ADVERBS_AUX, CALENDAR, CUE_RE, PREPOSITIONS, PRONOUNS
from wirespan.text.entities import Registry
from wirespan.text.mentions import SpeakerMention

#: Patterns of this module's checks, compiled once (they were looked up in re's cache on every call).
_CLAUSE_CUT_RE = re.compile(r"\bthat\b|[;:]|[“”\"]")
_LAST_TOKEN_RE = re.compile(r"([\w’'.\-]+)\s*$")
_COORDINATED_END_RE = re.compile(r"\b(?:and|but|then|to)$")
_IMMEDIATE_SUBJECT_RE = re.compile(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*|\b(?:he|she|they|it|we|I))\s*$")
#: Where the subject after an inverted verb ends (a sentence end, a clause or a prepositional phrase begins).
_INVERTED_SUBJECT_END_RE = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\b[A-Z])(?<!\bGen)(?<!\bMaj)[.;:?!]\s|[.;:?!]$|,\s*(?:adding|saying|referring|citing|who|which|as|in|at|on)\b"
    r"|\s(?:at|in|on|during|after|before|from|while|as|when|with|citing|referring|who|whose)\s")


@dataclass
class Event:
    """A reporting verb occurrence with its subject (the speaker mention)."""

    cue_start: int
    cue_end: int
    mention: SpeakerMention | None
    para: int


#: Days and relative days between a subject and its verb ("Kovac later Thursday told").
TIME_WORDS = frozenset({*(w.lower() for w in CALENDAR if w != "according"), "today", "yesterday", "tonight"})
#: A lower-case manner adverb between a subject and its verb ("Ana Kovac jokingly said").
MANNER_ADVERB = re.compile(r"[a-z]{3,}ly")


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    """Start of the clause holding the verb at ``pos``: after the last "that"/";"/":" or a quote.

    That is the end of the last `_CLAUSE_CUT_RE` match in text[sent_start:pos],
    found from the end: the marks are single characters and a whole word
    "that" overlaps no other match, so the last of each kind is a match of
    the left-to-right scan, and the later of them is its last.
    """
    seg = text[sent_start:pos]
    cut = max(seg.rfind(";"), seg.rfind(":"), seg.rfind("“"), seg.rfind("”"), seg.rfind('"')) + 1
    at = len(seg)
    while (at := seg.rfind("that", 0, at + 3)) >= cut:
        # "\bthat\b" in the slice: no word character (or the slice's end) on either side
        if (at == 0 or not _is_word_char(seg[at - 1])) and (at + 4 == len(seg) or not _is_word_char(seg[at + 4])):
            cut = at + 4
            break
    return sent_start + cut


def _is_word_char(ch: str) -> bool:
    """What the pattern class of word characters matches (a letter, digit or underscore)."""
    return ch.isalnum() or ch == "_"


#: What `_LAST_TOKEN_RE` takes as a token character besides ``\w``.
_TOKEN_PUNCT = "_’'.-"


def last_token(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Offsets of `_LAST_TOKEN_RE`'s group in text[lo:hi] (the token before trailing white space), or None.

    Why a walk back: the pattern's search tried every position of the
    slice, and a clause can be long; its leftmost match is the run of token
    characters that ends where the trailing white space begins.
    """
    q = hi
    while q > lo and text[q - 1].isspace():
        q -= 1
    p = q
    while p > lo and (text[p - 1].isalnum() or text[p - 1] in _TOKEN_PUNCT):
        p -= 1
    return (p, q) if p < q else None


def subject_before(text: str, clause_start: int, verb_start: int, participle: bool,
                   registry: Registry, known: set[str]) -> SpeakerMention | None:
    """Subject of a reporting verb: the noun phrase before it, skipping appositions and adverbials."""
    end = verb_start
    # skip adverbs/auxiliaries right before the verb ("also", "has", "later")
    while (token := last_token(text, clause_start, end)) is not None:
        word = text[token[0]:token[1]]
        if not (word.lower() in ADVERBS_AUX or MANNER_ADVERB.fullmatch(word) or word.lower() in TIME_WORDS):
            break
        end = token[0]
    if participle:
        immediate = _IMMEDIATE_SUBJECT_RE.search(text[clause_start:end])
        if immediate and not text[clause_start:end].rstrip().endswith(","):
            s = clause_start + immediate.start()
            # only the name itself: a title or preposition before it is not the subject
            mm = analyse_np(text, s, end, registry, known)
            if mm is not None and mm.kind in {"person", "org", "pronoun"}:
                return mm
    chunks = [_after_subordinator(text, s, e) for s, e in phrase_chunks(text, clause_start, end)]
    for idx in range(len(chunks) - 1, max(-1, len(chunks) - 5), -1):
        s, e = chunks[idx]
        first = first_word(text, s, e).lower()
        if first in PREPOSITIONS - {"and", "but", "still", "meanwhile", "while", "as", "so", "then"} \
                or first in {"who", "which", "whose", "where", "citing", "referring"}:
            continue  # adverbial or relative clause
        if participle and idx == len(chunks) - 1 and text[e:verb_start].strip() == "" and text[s].islower():
            continue  # "released a video..., assuring": that chunk is a predicate
        if is_description(text, s, e) and idx > 0:
            ps, pe = chunks[idx - 1]
            if first_word(text, ps, pe).lower() in PREPOSITIONS:
                ps, pe = pe, pe
            prev = analyse_np(text, ps, pe, registry, known)
            if prev is not None and prev.kind in {"person", "org"} and not is_description(text, ps, pe):
                return prev
        if participle and text[s].islower() and first_word(text, s, e).lower() not in PRONOUNS:
            continue
        mention = analyse_np(text, s, e, registry, known) or _coordinated_subject(text, s, e, registry, known)
        if mention is not None:
            return mention
        if not participle:
            return None
    return None


#: The last "and"/"but" of a chunk: what follows may be the subject of a second clause ("she asked and X said").
COORDINATOR_RE = re.compile(r"\b(?:and|but)\s+")


def _coordinated_subject(text: str, s: int, e: int, registry: Registry,
                         known: set[str]) -> SpeakerMention | None:
    """The subject of a clause coordinated after another ("a woman asked for a photo and Kovac said")."""
    last = None
    for m in COORDINATOR_RE.finditer(text, s, e):
        last = m
    if last is None or last.start() == s or len(text[last.end():e].split()) > 4:
        return None
    mention = analyse_np(text, last.end(), e, registry, known)
    return mention if mention is not None and mention.kind in {"person", "org", "pronoun"} else None


SUBORDINATOR_RE = re.compile(
    r"\b(?:after|before|when|while|as|because|since|if|although|though|until|once|where|whereas)\s+")


def _after_subordinator(text: str, s: int, e: int) -> tuple[int, int]:
    """Start a subject chunk after its last subordinator ("two days after the ministry" -> "the ministry")."""
    last = None
    for m in SUBORDINATOR_RE.finditer(text, s, e):
        last = m
    if last is not None and last.end() < e and last.start() > s:
        return last.end(), e
    return s, e


def np_after(text: str, start: int, limit: int, registry: Registry, known: set[str]) -> SpeakerMention | None:
    """Subject after an inverted verb ("said port spokesman Ana Soto", "according to X")."""
    stop = _INVERTED_SUBJECT_END_RE.search(text[start:limit])
    end = start + stop.start() if stop else limit
    chunks = phrase_chunks(text, start, end)
    if not chunks:
        return None
    first = analyse_np(text, *chunks[0], registry, known)
    if first is not None and first.kind in {"role", "group"} and len(chunks) > 1:
        second = analyse_np(text, *chunks[1], registry, known)
        if second is not None and second.kind == "person":
            return second
    return first


def is_participle(cue: str) -> bool:
    return cue.endswith("ing")


def find_reporting_events(text: str, masked: str, units: TextUnits,
                          registry: Registry, known: set[str]) -> list[Event]:
    """Every reporting cue outside quotes, with its subject mention where one can be found (in text order)."""
    events: list[Event] = []
    for k, cues in enumerate(paragraph_cues(masked, units)):
        if not cues:
            continue  # no cue: its sentences need not be split here
        sents = units.sentences(k)
        previous: SpeakerMention | None = None
        current = -1
        for m in cues:
            i = units.sentence_of(k, m.start())
            if i != current:
                current, previous = i, None
            ss, se = sents[i]
            ev = _event_at(text, masked, ss, se, m, k, registry, known)
            if ev.mention is None:
                ev.mention = shared_subject(text, masked, ss, m, previous, registry, known)
            previous = ev.mention or previous
            events.append(ev)
    return events


def paragraph_cues(masked: str, units: TextUnits) -> list[list[re.Match]]:
    """The `CUE_RE` matches of each paragraph, one scan per paragraph instead of one per sentence.

    Why the same matches as a scan of each sentence tile: a cue starts at a
    letter after a word boundary and ends at a letter before one, and holds
    only letters and spaces; a tile ends in white space after ".", "!" or
    "?" (and a closing mark), so no cue crosses a tile boundary, none ends
    at one, and the boundary tests at a cue's ends read characters inside
    its tile.  The first tile starts and the last ends where the paragraph
    does, so the scan has the same bounds there.
    """
    return [list(CUE_RE.finditer(masked, ps, pe)) for ps, pe in units.paragraphs]


_LEADING_SUBJECT = re.compile(r"\s*((?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'.\-]*|he|she|they|it|we|I)\s+[a-z]")


def shared_subject(text: str, masked: str, ss: int, m: re.Match, previous: SpeakerMention | None,
                   registry: Registry, known: set[str]) -> SpeakerMention | None:
    """The subject a verb without its own shares with the clause it hangs on.

    A participle ("she said, adding, ...", "continued by saying"), an
    infinitive ("went on to say") or a verb coordinated with "and"/"but" ("he
    met them and said") has the subject of the earlier verb of its sentence:
    the previous reporting event's mention, else the name or pronoun opening
    the last clause before it, else the one opening the sentence.
    """
    before = masked[ss:m.start()].rstrip(" ,")
    if not (is_participle(m.group()) or _COORDINATED_END_RE.search(before)):
        return None
    if previous is not None:
        return SpeakerMention(previous.start, previous.end, previous.text, previous.kind, previous.speaker)
    cut = max([ss, *(ss + i + 1 for i, ch in enumerate(before) if ch in ",;:")])
    # the subject opens the last clause ("..., he met them and said"), else the sentence
    # ("Kovac went on the attack, saying"; "Kovac, who runs the port, went on to say")
    lead = _LEADING_SUBJECT.match(masked, cut, m.start()) or _LEADING_SUBJECT.match(masked, ss, m.start())
    if lead is None:
        return None
    mention = analyse_np(masked, lead.start(1), lead.end(1), registry, known)
    if mention is None or mention.kind not in {"person", "org", "pronoun"}:
        return None
    mention.text = text[mention.start:mention.end]
    return mention


def _event_at(text: str, masked: str, ss: int, se: int, m: re.Match, para: int,
              registry: Registry, known: set[str]) -> Event:
    cue = m.group()
    if cue.lower() == "according to":
        mention = np_after(masked, m.end(), se, registry, known)
    else:
        clause = _clause_start(masked, ss, m.start())
        mention = subject_before(masked, clause, m.start(), is_participle(cue), registry, known)
        if mention is None and not masked[clause:m.start()].strip(" ,–—-"):
            mention = np_after(masked, m.end(), se, registry, known)
    if mention is not None:
        mention.text = text[mention.start:mention.end]
    return Event(m.start(), m.end(), mention, para)

