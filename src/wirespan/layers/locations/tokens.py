"""Tokens, place mentions and the word-window helpers every location rule reads.

Why one module: the candidate finder, the filters, the referent choice and
the `use` classifier all look at the same few words around a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirespan.layers.locations.gazetteer import Place
from wirespan.text.mentions import Mention

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+")


#: abbreviated first words of place names, joined to the next word across their point.
NAME_ABBREVIATIONS = frozenset({"St", "Mt", "Ft"})


@dataclass(slots=True)
class Token:
    """A word of the text (`TOKEN`); slots: an article has hundreds, made once per region."""

    start: int
    end: int
    text: str


@dataclass
class PlaceMention(Mention):
    """A mention of a place: the referent chosen, its SPEC §6 feature and its use (literal or metonymic)."""

    place: Place
    feature: str
    use: str = "literal"


def joinable(text: str, a: Token, b: Token) -> bool:
    """Two tokens can belong to one name: a single space or hyphen between, or the point of
    "St." / "Mt." / "Ft." ("St. Petersburg")."""
    gap = text[a.end:b.start]
    return gap in (" ", "-") or (gap == ". " and a.text in NAME_ABBREVIATIONS)


def sentence_initial(text: str, start: int, region_start: int) -> bool:
    i = start - 1
    while i >= region_start and text[i] in " \t“”\"‘’'(":
        i -= 1
    return i < region_start or text[i] in ".!?\n:—–-"


_CLAUSE_MARKS = r".!?;:\n—–“”\"()"
_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
#: where a clause ends for the word windows: words are read up to (not across) these marks.
CLAUSE_END = re.compile(f"[{_CLAUSE_MARKS}]")
#: a word of the windows (hyphenated compounds stay one word).
WINDOW_WORD = re.compile(_WORD)
#: the first word of a window: anything but letters and clause marks skipped, then a word.  Matched on the
#: reversed window it finds the last word too (a word is letter runs joined by single hyphens, read the same
#: either way).
NEAREST_WORD = re.compile(rf"(?:(?![{_CLAUSE_MARKS}])[\W\d_])*({_WORD})")
#: the windows: characters read before and after an offset.
BEFORE_CHARS, AFTER_CHARS = 80, 100


def words_before(text: str, start: int, n: int = 4) -> list[str]:
    """Lower-cased words before `start`, nearest last; stops at sentence/clause ends.

    Why word by word: the rules ask for one to six words, so the window
    (reversed) is read only that far, one `NEAREST_WORD` match per word.
    """
    if n < 1:
        return list(clause_words_before(text, start)[-n:])
    window = text[max(0, start - BEFORE_CHARS):start][::-1]
    words: list[str] = []
    pos = 0
    while len(words) < n:
        m = NEAREST_WORD.match(window, pos)
        if m is None:
            break
        words.append(m.group(1)[::-1].lower())
        pos = m.end()
    words.reverse()
    return words


def words_after(text: str, end: int, n: int = 6) -> list[str]:
    """Lower-cased words after `end`, nearest first; stops at sentence/clause ends (read word by word, like
    `words_before`)."""
    words: list[str] = []
    pos, stop = end, end + AFTER_CHARS
    while len(words) < n:
        m = NEAREST_WORD.match(text, pos, stop)
        if m is None:
            break
        words.append(m.group(1).lower())
        pos = m.end()
    return words


def clause_words_before(text: str, start: int) -> list[str]:
    """Every word of the clause part of the window before `start` (what `words_before` reads the end of)."""
    chunk = CLAUSE_END.split(text[max(0, start - BEFORE_CHARS):start])[-1]
    return [w.lower() for w in WINDOW_WORD.findall(chunk)]


def clause_words_after(text: str, end: int) -> list[str]:
    """Every word of the clause part of the window after `end` (what `words_after` reads the start of)."""
    chunk = CLAUSE_END.split(text[end:end + AFTER_CHARS])[0]
    return [w.lower() for w in WINDOW_WORD.findall(chunk)]


def possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("’s", "'s") or text[end:end + 1] in ("’", "'") and text[end - 1:end] == "s"

