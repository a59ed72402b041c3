"""Attribution of quotes (pass 3 of the quote layer): who is said to have said the words in a quote.

Patterns are tried in a fixed order, each confined to the quote's sentence
or the next one: after the quote (", X said", ", said X"), before it in the
same sentence ("X said ... “…”"), an attribution in the next sentence
("“…” X warned overnight,"), a colon introduction ("X had a blunt message:
“…”"), then inheritance from the preceding attributed quote or reported
statement of this or the previous paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirespan.layers.quotes.events import is_participle, np_after, subject_before
from wirespan.layers.quotes.marks import MARK_RE, RawQuote
from wirespan.layers.quotes.nounphrase import analyse_np
from wirespan.layers.quotes.resolve import Resolver
from wirespan.layers.quotes.words import CUE_RE
from wirespan.text.entities import Registry
from wirespan.text.mentions import SpeakerMention

#: Patterns of this module's checks, compiled once (they were looked up in re's cache on every call).
_CLAUSE_WORD_RE = re.compile(r"\b(that|which|who|because|when|if)\b")
_SHORT_TAIL_RE = re.compile(r"(?:\s+[\w’'.\-]+){0,3}\s*[,.;:]?\s*$")
_LEADING_NAME_RE = re.compile(r"\s*((?:[A-Z][\w’'.\-]*\s+){0,4}[A-Z][\w’'.\-]*|he|she|He|She|It|They|they)\b")


@dataclass
class Attribution:
    """Who a quote is attributed to: the speaker mention, the cue, and the resolved speaker."""

    mention: SpeakerMention | None
    cue_start: int | None
    cue_end: int | None
    speaker: str | None = None


def standalone(text: str, q: RawQuote, sent_start: int) -> bool:
    """A quote that opens its sentence, or follows a colon or "X said," introduction."""
    before = text[sent_start:q.open_start].rstrip()
    if not before:
        return True
    if before.endswith(":") or before[-1] in ".!?":
        return True  # after a colon, or after a sentence end the splitter kept in this tile
    if before.endswith(","):
        return bool(CUE_RE.search(before[-60:]))
    return False


#: A relative clause set off by commas before the reporting verb ("X, who runs the port, said").
RELATIVE_RE = re.compile(r",\s*(?:who|which)\b[^,;.“”\"]{0,120},")


def tail_attribution(text: str, masked: str, q: RawQuote, limit: int, strict: bool,
                     registry: Registry, known: set[str]) -> Attribution | None:
    """", X said" / ", said X" right after the closing mark (strict: a whole-sentence "X said,")."""
    window_end = limit
    nxt = MARK_RE.search(text, q.close_end, limit)
    if nxt:
        window_end = nxt.start()
    tail = masked[q.close_end:window_end]
    cue = CUE_RE.search(tail)
    if cue is None:
        return None
    cs, ce = q.close_end + cue.start(), q.close_end + cue.end()
    pre = masked[q.close_end:cs]
    relative = RELATIVE_RE.search(pre)
    if relative is not None:  # ", who runs the port," between the name and the verb: an apposition
        blank = " " * (relative.end() - relative.start())
        pre = pre[:relative.start()] + blank + pre[relative.end():]
        masked = masked[:q.close_end + relative.start()] + blank + masked[q.close_end + relative.end():]
    if not pre.strip(" ,–—-\n"):
        if strict:
            return None
        mention = np_after(masked, ce, window_end, registry, known)
        return Attribution(_fix(text, mention), cs, ce)
    if len(pre.split()) > 14 or _CLAUSE_WORD_RE.search(pre):
        return None
    if strict:
        after = masked[ce:window_end]
        if not _SHORT_TAIL_RE.match(after) or len(pre.split()) > 8:
            return None
    mention = subject_before(masked, q.close_end, cs, is_participle(cue.group()), registry, known)
    if mention is None:
        return None
    return Attribution(_fix(text, mention), cs, ce)


def _fix(text: str, mention: SpeakerMention | None) -> SpeakerMention | None:
    """Give a mention found in the masked text its real characters."""
    if mention is not None:
        mention.text = text[mention.start:mention.end]
    return mention


def colon_attribution(text: str, masked: str, q: RawQuote, sent_start: int,
                      registry: Registry, known: set[str]) -> Attribution | None:
    """"X had a blunt message: “…”": the sentence subject speaks, with no cue."""
    before = masked[sent_start:q.open_start].rstrip()
    if not before.endswith(":"):
        return None
    # the subject opens the clause that ends in the colon: after the last comma ("Asked why, he replied:"),
    # else the sentence ("X, a party official, had a blunt message:")
    clause = max([sent_start, *(sent_start + i + 1 for i, ch in enumerate(before) if ch in ",;")])
    mention = None
    for start in dict.fromkeys((clause, sent_start)):
        m = _LEADING_NAME_RE.match(masked[start:q.open_start])
        if m is not None:
            mention = analyse_np(masked, start + m.start(1), start + m.end(1), registry, known)
            break
    if mention is None or mention.kind not in {"person", "org", "pronoun"}:
        return None
    return Attribution(_fix(text, mention), None, None)


def prefix_attribution(q: RawQuote, resolver: Resolver, sent_start: int) -> Attribution | None:
    """The nearest reporting event before the quote in the same sentence."""
    ev = resolver.event_before(sent_start, q.open_start)
    return Attribution(ev.mention, ev.cue_start, ev.cue_end) if ev is not None else None


def inherit(q: RawQuote, k: int, last: tuple[int, Attribution] | None,
            resolver: Resolver) -> tuple[Attribution | None, bool]:
    """An unattributed sentence-initial quote takes the latest attribution in this or the previous paragraph.

    The candidates are the previous quote's attribution (when it is in this
    or the previous paragraph) and the latest reporting event with a
    speaker in that stretch; the one closer to the quote wins, the previous
    quote's on a tie.
    """
    previous = last[1] if last is not None and last[0] >= k - 1 else None
    ev = resolver.latest_speaker_event(q.open_start, k - 1)
    if previous is None and ev is None:
        return None, False
    if ev is None or (previous is not None and _position(previous) >= ev.cue_start):
        return previous, True
    return Attribution(ev.mention, ev.cue_start, ev.cue_end, ev.mention.speaker), True


def _position(attr: Attribution) -> int:
    return attr.cue_start if attr.cue_start is not None else -1
