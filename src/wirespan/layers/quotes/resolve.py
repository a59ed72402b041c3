"""Resolution of speaker mentions: names via the registry, pronouns and roles via antecedents.

Why indexes: a long text has many mentions, and each used to rescan every
person and every reporting event before it (and recompute what the text
says about genders), which made the quote layer grow faster than the square
of the text's length.  Persons and events are sorted by offset, so each
question is answered by bisection plus a short walk back:

* a pronoun looks back over the events of its paragraph and the three
  before it, then at the latest person of a compatible gender;
* a role ("the port director") looks only at persons named within the last
  ``ROLE_WINDOW`` characters (a bounded window, see there);
* a short name ("Soto") takes the latest earlier full form ("Ana Soto") from
  the persons whose name ends with it (found once per short name: an index
  of every suffix of every name cost more than the few questions asked).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from wirespan.layers.quotes.events import Event
from wirespan.layers.quotes.words import FINITE_MARKERS, PREPOSITIONS, REPORTING_VERBS, TITLE_WORDS
from wirespan.text.entities import Registry
from wirespan.text.mentions import SpeakerMention

#: A role ("the port director") is resolved only to a person named in the preceding ROLE_WINDOW
#: characters.  Why: an apposition ("Ana Soto, the port director,") introduces a role for the
#: stretch of text that follows, and looking further back is what made attribution quadratic.
#: 20,000 characters is about 3,000 words, longer than a long news feature, so for articles of
#: ordinary length every earlier person is still a candidate.
ROLE_WINDOW = 20_000
#: A pronoun looks back over the reporting events of its own and this many preceding paragraphs.
PRONOUN_PARAGRAPHS = 3
_STOP_BEFORE_ROLE = set(REPORTING_VERBS) | (PREPOSITIONS - {"of"}) | FINITE_MARKERS | {"a", "an", "that", "who"}
_CONTEXT_WORD = re.compile(r"[\w’'.\-]+|[^\w\s]")
_APPOSITION = re.compile(r",\s*([^,.;]{0,80})")
#: Determiners that introduce someone new: a role after them has no antecedent.
INDEFINITE = {"a", "an", "one", "another"}
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms)\.?\s+$")

#: Patterns of this module's checks, compiled once (they were looked up in re's cache on every call).
_LEADING_ARTICLE_RE = re.compile(r"^(?:the|The)\s+")
_LEADING_HONORIFIC_RE = re.compile(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+")
_LOWER_WORD_RE = re.compile(r"[a-z\-]+")
_LETTER_WORD_RE = re.compile(r"[A-Za-z\-]+")
_HEAD_OF_RE = re.compile(r"\b([A-Za-z\-]+)\s+of\b")


def role_context(text: str, m: SpeakerMention) -> str:
    """Words describing a person: title before the name and an apposition after it (lower case)."""
    words: list[str] = []
    for w in reversed(_CONTEXT_WORD.findall(text[max(0, m.start - 80):m.start])):
        low = w.lower()
        if not w[0].isalnum() or low in _STOP_BEFORE_ROLE or (low.endswith("ed") and low not in TITLE_WORDS) \
                or len(words) >= 6:
            break
        words.insert(0, w)
    before = " ".join(words)
    after = _APPOSITION.match(text[m.end:m.end + 90])
    return (before + " " + (after.group(1) if after else "")).lower()


def _stem(word: str) -> str:
    return word.lower()[:5]


class Resolver:
    """Resolves the speaker mentions of one text against its persons and reporting events.

    ``events`` must be in text order and are resolved in that order
    (``resolve_events``), so that a pronoun can take the speaker of an
    earlier pronoun; genders learnt from pronouns accumulate as they are.
    """

    def __init__(self, text: str, persons: Sequence[SpeakerMention], events: Sequence[Event],
                 registry: Registry) -> None:
        self.text, self.persons, self.events, self.registry = text, list(persons), list(events), registry
        self.person_starts = [p.start for p in self.persons]
        self.person_ends = [p.end for p in self.persons]
        self.cue_starts = [ev.cue_start for ev in self.events]
        self.cue_ends = [ev.cue_end for ev in self.events]
        self._contexts: dict[int, tuple[str, set[str]]] = {}
        self._suffixes: dict[str, list[int]] = {}  # short name -> `suffix_owners`, filled on demand
        self._honorific_genders: dict[str, str] | None = None
        self._pronoun_genders: dict[str, str] = {}

    # ------------------------------------------------------------ genders
    def _gender(self, speaker: str, default: str) -> str:
        """Gender known from the text: Mr./Ms./Mrs. before a name, else an earlier resolved he/she."""
        if self._honorific_genders is None:
            self._honorific_genders = {}
            for p in self.persons:
                hon = _HONORIFIC_BEFORE.search(self.text[max(0, p.start - 5):p.start])
                if hon:
                    self._honorific_genders[self.registry.canonical(p.text) or p.text] = \
                        "m" if hon.group(1) == "Mr" else "f"
        if speaker in self._honorific_genders:
            return self._honorific_genders[speaker]
        return self._pronoun_genders.get(speaker, default)

    def _note(self, ev: Event) -> None:
        """Learn a gender from a resolved he/she event (the first one wins)."""
        m = ev.mention
        if m is not None and m.kind == "pronoun" and m.speaker and m.text.lower() in {"he", "she"}:
            self._pronoun_genders.setdefault(m.speaker, "m" if m.text.lower() == "he" else "f")

    def resolve_events(self) -> None:
        """Resolve every event's mention in reading order, so pronoun chains work."""
        for ev in self.events:
            if ev.mention is not None:
                ev.mention.speaker = self.resolve(ev.mention, ev.cue_start, ev.para)
                self._note(ev)

    # ------------------------------------------------------------ events
    def event_before(self, sent_start: int, pos: int) -> Event | None:
        """The last event lying wholly in [sent_start, pos)."""
        j = bisect_right(self.cue_ends, pos) - 1
        if j >= 0 and self.events[j].cue_start >= sent_start:
            return self.events[j]
        return None

    def latest_speaker_event(self, pos: int, first_para: int) -> Event | None:
        """The last event before ``pos``, in paragraph ``first_para`` or later, whose mention can speak."""
        for j in range(bisect_left(self.cue_starts, pos) - 1, -1, -1):
            ev = self.events[j]
            if ev.para < first_para:
                return None
            if ev.mention is not None and ev.mention.kind in {"person", "org", "pronoun", "role"}:
                return ev
        return None

    # ------------------------------------------------------------ mentions
    def resolve(self, mention: SpeakerMention | None, pos: int, para: int) -> str | None:
        """Canonical speaker for a mention: names via the registry, pronouns and roles via antecedents."""
        if mention is None:
            return None
        if mention.speaker is not None:
            return mention.speaker
        if mention.kind in {"person", "org"}:
            mention.speaker = self._name(mention, pos)
            return mention.speaker
        if mention.kind == "pronoun":
            return self._pronoun(mention, pos, para)
        if mention.kind == "role":
            if mention.text.split()[0].lower() in INDEFINITE:
                return None  # "another supporter", "a party official": someone new, not an antecedent
            target = self.resolve_role(mention)
            if target is not None:
                return self.registry.canonical(target.text) or target.text
            return self.registry.canonical(mention.text)
        return None

    def _name(self, mention: SpeakerMention, pos: int) -> str:
        canon = self.registry.canonical(mention.text)
        if canon is not None:
            return canon
        canon = _LEADING_ARTICLE_RE.sub("", mention.text)
        canon = _LEADING_HONORIFIC_RE.sub("", canon)
        if mention.kind == "person":
            full = self._longer_form(canon, pos)
            canon = full if full is not None else canon
        return canon

    def _longer_form(self, short: str, pos: int) -> str | None:
        """The latest person named before ``pos`` whose name ends with ``short`` and is longer ("Ana Soto" for "Soto"),
        else the first such person named after it."""
        if short:
            ids = self._suffixes.get(short)
            if ids is None:  # the persons whose name has `short` as a proper suffix, in order (`suffix_owners`)
                ids = self._suffixes[short] = suffix_owners(self.persons, short)
            j = bisect_left(ids, bisect_left(self.person_starts, pos)) - 1
            if j >= 0:
                return self.persons[ids[j]].text
            # the full form may come later ("…,” said Soto. … Ana Soto runs the port): the first one given
            return self.persons[ids[0]].text if ids else None
        j = bisect_left(self.person_starts, pos) - 1
        while j >= 0 and not self.persons[j].text:
            j -= 1
        return self.persons[j].text if j >= 0 else None

    def _pronoun(self, mention: SpeakerMention, pos: int, para: int) -> str | None:
        pron = mention.text.lower()
        want = {"he": "person", "she": "person", "it": "org"}.get(pron)
        if want is None:
            return None
        sex = {"he": "m", "she": "f"}.get(pron)
        for j in range(bisect_left(self.cue_starts, pos) - 1, -1, -1):
            ev = self.events[j]
            if ev.para < para - PRONOUN_PARAGRAPHS:
                break
            if ev.mention is None:
                continue
            if ev.mention.kind == want or (ev.mention.kind == "pronoun" and ev.mention.text.lower() == pron):
                spk = ev.mention.speaker
                if spk is not None and not (sex and self._gender(spk, sex) != sex):
                    return spk
        if want == "person":
            for j in range(bisect_right(self.person_ends, pos) - 1, -1, -1):
                p = self.persons[j]
                spk = self.registry.canonical(p.text) or p.text
                if not (sex and self._gender(spk, sex) != sex):
                    return spk
        return None

    def _context(self, i: int) -> tuple[str, set[str]]:
        if i not in self._contexts:
            ctx = role_context(self.text, self.persons[i])
            self._contexts[i] = (ctx, {_stem(w) for w in _LOWER_WORD_RE.findall(ctx)})
        return self._contexts[i]

    def resolve_role(self, role: SpeakerMention) -> SpeakerMention | None:
        """Nearest earlier person (within ROLE_WINDOW) whose title/apposition shares the role's head noun and modifiers."""
        words = _LETTER_WORD_RE.findall(role.text)
        words = [w for w in words if w.lower() not in {"the", "a", "an", "of", "for"}]
        if not words:
            return None
        of = _HEAD_OF_RE.search(role.text)
        head = (of.group(1) if of else words[-1]).lower()
        mods = {_stem(w) for w in words if w.lower() != head}
        head_re = re.compile(rf"\b{re.escape(head)}")
        best, best_score = None, -1
        lo = bisect_left(self.person_starts, role.start - ROLE_WINDOW)
        for i in range(lo, bisect_left(self.person_starts, role.start)):
            ctx, stems = self._context(i)
            if not head_re.search(ctx):
                continue
            score = sum(1 for mo in mods if mo in stems)
            if score >= best_score:
                best, best_score = self.persons[i], score
        return best


def suffix_owners(persons: Sequence[SpeakerMention], short: str) -> list[int]:
    """Indices (ascending) of the persons whose name has the non-empty `short` as a proper suffix
    ("Soto" of "Ana Soto", "na Soto" too; not "Soto" itself)."""
    n = len(short)
    return [i for i, p in enumerate(persons) if len(p.text) > n and p.text.endswith(short)]
