"""Tokens, place mentions and the word-window helpers every location rule reads.

Why one module: the candidate finder, the filters, the referent choice and
the `use` classifier all look at the same few words around a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from wirespan.layers.locations.gazetteer import Place
from wirespan.text.mentions import Mention

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+")
#: `TOKEN` as the one group of a split (the pieces alternate gap, token, gap, ..., gap), written to begin with
#: a letter so that the engine skips to letters: a letter, then either the rest of "U.S."-type initials (when
#: that letter is A-Z) or more letters - what `TOKEN` matches at each place, tried in the same order.
_TOKEN_SPLIT = re.compile(r"([^\W\d_](?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W\d_]*))")


#: abbreviated first words of place names, joined to the next word across their point.
NAME_ABBREVIATIONS = frozenset({"St", "Mt", "Ft", "ST", "MT", "FT"})  # all caps in datelines ("ST. LOUIS —")


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


@dataclass(slots=True)
class Tokens:
    """The `TOKEN`s of a text as three parallel lists: offsets where each begins and ends, and its text.

    Why lists rather than a `Token` per word: an article has hundreds of
    words, most of them lower case, which the rules read only as the
    neighbours of capitalised ones; the lists come from one split without
    an object per word (`tokenize`), and `token(i)` makes a `Token` when
    one is wanted.
    """

    starts: list[int]
    ends: list[int]
    words: list[str]

    def __len__(self) -> int:
        return len(self.words)

    def token(self, i: int) -> Token:
        return Token(self.starts[i], self.ends[i], self.words[i])

    @classmethod
    def joined(cls, parts: list["Tokens"]) -> "Tokens":
        """The tokens of several stretches of one text in text order: their concatenation, sorted by start
        (stably: overlapping stretches repeat a token) when it is not in order already."""
        starts = [s for part in parts for s in part.starts]
        ends = [e for part in parts for e in part.ends]
        words = [w for part in parts for w in part.words]
        if starts != sorted(starts):
            order = sorted(range(len(starts)), key=starts.__getitem__)
            starts, ends, words = ([xs[k] for k in order] for xs in (starts, ends, words))
        return cls(starts, ends, words)


def tokenize(text: str, start: int, end: int) -> Tokens:
    """The `TOKEN`s of text[start:end] (what `TOKEN.finditer(text, start, end)` finds).

    Why a split: one C-level split gives the tokens and the gaps between
    them, and the offsets are the running sums of their lengths, so no
    match object is made per token (the location layer tokenises every
    annotatable region, hundreds of words an article). `TOKEN` has no
    look-around or anchor and never matches the empty string, so matching
    in the slice is matching in the text between the two offsets.
    """
    pieces = _TOKEN_SPLIT.split(text[start:end])
    offsets = list(accumulate(map(len, pieces), initial=start))
    return Tokens(offsets[1:-1:2], offsets[2::2], pieces[1::2])


def joinable(text: str, a: Token, b: Token) -> bool:
    """Two tokens can belong to one name: a single space or hyphen between, or the point of
    "St." / "Mt." / "Ft." ("St. Petersburg")."""
    return joinable_gap(text[a.end:b.start], a.text)


def joinable_gap(gap: str, first: str) -> bool:
    """`joinable` for the characters between two tokens and the first token's text."""
    return gap in (" ", "-") or (gap == ". " and first in NAME_ABBREVIATIONS)


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


#: Memo of the word windows: (text, offset) -> (words read, nearest first; whether the window ran out first).
_BEFORE: dict[tuple[str, int], tuple[list[str], bool]] = {}
_AFTER: dict[tuple[str, int], tuple[list[str], bool]] = {}
#: The memos are emptied when they hold this many offsets.
MEMO_SIZE = 1 << 14


def words_before(text: str, start: int, n: int = 4) -> list[str]:
    """Lower-cased words before `start`, nearest last; stops at sentence/clause ends.

    Why word by word: the rules ask for one to six words, so the window
    (reversed) is read only that far, one `NEAREST_WORD` match per word.
    Why a memo: the rules ask about the same name's offsets again and
    again (a third of the calls repeat one); the words read for n are the
    first n read for any larger n, so one memo entry per offset answers
    every n up to what has been read (`_memo_words`).
    """
    if n < 1:
        return list(clause_words_before(text, start)[-n:])
    words = _memo_words(_BEFORE, _read_before, text, start, n)
    words.reverse()
    return words


def words_after(text: str, end: int, n: int = 6) -> list[str]:
    """Lower-cased words after `end`, nearest first; stops at sentence/clause ends (read word by word, like
    `words_before`, with the same memo)."""
    return _memo_words(_AFTER, _read_after, text, end, n)


def _memo_words(memo: dict[tuple[str, int], tuple[list[str], bool]], read, text: str, pos: int,
                n: int) -> list[str]:
    """The first `n` words `read` finds from `pos` (a new list), from the memo when it has read that far
    or the window ran out."""
    key = (text, pos)
    known = memo.get(key)
    if known is None or (len(known[0]) < n and not known[1]):
        words = read(text, pos, n)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = known = (words, len(words) < n)
    return known[0][:n]


def _read_before(text: str, start: int, n: int) -> list[str]:
    """Up to `n` lower-cased words before `start`, nearest first (the reversed window, word by word)."""
    window = text[max(0, start - BEFORE_CHARS):start][::-1]
    words: list[str] = []
    pos = 0
    while len(words) < n:
        m = NEAREST_WORD.match(window, pos)
        if m is None:
            break
        words.append(m.group(1)[::-1].lower())
        pos = m.end()
    return words


def _read_after(text: str, end: int, n: int) -> list[str]:
    """Up to `n` lower-cased words after `end`, nearest first."""
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

