"""Mentions: spans of a text that refer to someone or something, and the registry's person names found in a text.

Why here: the quote layer (speakers), the location layer (places) and the
variant aligner (spellings of one person) all work on mentions; the span
part is one type, each layer adds what it resolves the mention to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wirespan.text.regions import RegionIndex


@dataclass
class Mention:
    """A span of a text: [start, end) and the characters it covers."""

    start: int
    end: int
    text: str


@dataclass
class SpeakerMention(Mention):
    """A phrase naming who speaks: what kind of phrase it is, and the canonical speaker it resolves to."""

    kind: str  # person | org | pronoun | role | group
    speaker: str | None = None


@dataclass(frozen=True)
class AliasMention:
    """One occurrence of a registry alias in a text."""

    start: int
    end: int
    alias: str
    entry: dict


def registry_person_mentions(text: str, registry: Any | None,
                             allowed: Sequence[tuple[int, int]]) -> list[AliasMention]:
    """Occurrences of the registry's person names and aliases inside ``allowed``, longest alias first.

    An occurrence that starts inside an earlier (longer) one is skipped, so
    "Ana Maria Berg" is one mention, not also "Maria Berg".  Each alias is
    one regular-expression scan and coverage is a bitmap: the cost is linear
    in the length of the text for a given registry.
    """
    if registry is None:
        return []
    inside = RegionIndex(allowed)
    covered = bytearray(len(text) + 1)
    entries = [e for e in getattr(registry, "entries", []) if e.get("type") == "person"]
    aliases = sorted(((a, e) for e in entries for a in {e["name"], *e.get("aliases", [])}), key=lambda x: -len(x[0]))
    out: list[AliasMention] = []
    for alias, entry in aliases:
        for m in re.finditer(r"(?<![\w])" + re.escape(alias) + r"(?![\w])", text):
            if covered[m.start()] or m.start() not in inside:
                continue
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            out.append(AliasMention(m.start(), m.end(), m.group(0), entry))
    return out
