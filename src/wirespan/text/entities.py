"""The entity registry: curated people and organisations, used to give speakers and names one canonical form.

Why in text/: the quote layer canonicalises speakers with it and the variant
aligner maps spellings of one person to one token; both read the same
``registry/entities.jsonl`` (id, canonical name, type, aliases).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from wirespan.errors import PackageDataError
from wirespan.packaged import ENTITY_REGISTRY
from wirespan.text.lexicons import HONORIFIC_FORMS

#: Memoised lookups per registry before the memo is emptied (bounds memory over very many articles).
MEMO_LIMIT = 200_000
#: The project's registry file, package data (`wirespan.packaged`): a copy of registry/entities.jsonl,
#: which `Registry.load()` requires (a missing one is a `PackageDataError`).
DEFAULT_REGISTRY = ENTITY_REGISTRY
#: Leading words a name key drops: honorifics as written ("Mr", "Mr.", "Prof.", "Sir") and "the".
_LEADING = HONORIFIC_FORMS | {"the"}
#: A possessive ending a name ("Soto's", "Torres'").
_POSSESSIVE_END_RE = re.compile(r"'s$|'$")


def name_key(name: str) -> str:
    """Casefold, unify apostrophes, drop honorifics, articles and possessive 's."""
    name = name.replace("’", "'").strip()
    name = _POSSESSIVE_END_RE.sub("", name)
    tokens = name.split()
    while tokens and tokens[0].lower() in _LEADING:
        tokens = tokens[1:]
    return " ".join(tokens).casefold()


@dataclass
class Registry:
    """Curated entities (id, canonical name, type, aliases) used to canonicalise speakers.

    Matching goes exact alias -> unique surname -> fuzzy (rapidfuzz), so that
    a new spelling of a known name ("Smitt" for "Smith") still resolves,
    while a short unrelated token does not.  Lookups are memoised: the quote
    layer asks about the same names many times in a long text, and the fuzzy
    step scans every alias.
    """

    entries: list[dict] = field(default_factory=list)
    fuzzy_threshold: float = 85.0
    surname_threshold: float = 80.0

    def __post_init__(self) -> None:
        self._alias: dict[str, dict] = {}
        self._surname: dict[str, list[dict]] = {}
        self._memo: dict[str, dict | None] = {}
        self._fuzzy_memo: dict[str, dict | None] = {}
        self._alias_memo: dict[str, bool] = {}
        for entry in self.entries:
            for alias in [entry.get("name", ""), *entry.get("aliases", [])]:
                key = name_key(alias)
                if key:
                    self._alias.setdefault(key, entry)
                if entry.get("type") == "person" and len(key.split()) >= 2:
                    self._surname.setdefault(key.split()[-1], [])
                    if entry not in self._surname[key.split()[-1]]:
                        self._surname[key.split()[-1]].append(entry)
        self._pools = _FuzzyPools(self._alias)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Registry":
        """Read a JSONL registry; a missing file given by path gives an empty registry (no canonicalisation).

        The package's own registry (no path) must be there: without it every
        speaker would silently lose its canonical name, so a broken install
        (or a copy of ``src/`` without the repository's ``registry/``, which
        the package data links to) is an error, not an empty registry.
        """
        if path is None and not DEFAULT_REGISTRY.is_file():
            raise PackageDataError(f"wirespan's entity registry is missing: {DEFAULT_REGISTRY} (package data, a copy "
                                   "of the repository's registry/entities.jsonl); reinstall wirespan")
        path = Path(path) if path is not None else DEFAULT_REGISTRY
        if not path.exists():
            return cls([])
        entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return cls(entries)

    def is_alias(self, name: str) -> bool:
        """Is ``name`` (up to honorifics, case and possessive) one of the registry's names or aliases?

        Memoised like `lookup`: the quote layer asks about every word-final
        stretch of every capitalised run, and the same stretches ("Soto",
        "Ana Soto") come back in many runs.
        """
        found = self._alias_memo.get(name)
        if found is None:
            if len(self._alias_memo) >= MEMO_LIMIT:
                self._alias_memo.clear()
            found = self._alias_memo[name] = name_key(name) in self._alias
        return found

    def lookup(self, name: str) -> dict | None:
        """The registry entry a name refers to, or None (memoised; the memo is bounded by `MEMO_LIMIT`)."""
        if name not in self._memo:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[name] = self._lookup(name)
        return self._memo[name]

    @classmethod
    def shared(cls) -> "Registry":
        """The package's registry, loaded once per process (a pipeline over many articles reads it once)."""
        return _shared_registry()

    def matching(self, texts: Iterable[str]) -> "Registry":
        """The entries that can match inside `texts`, in registry order.

        The aligner searches every alias of every person entry in every text;
        an entry none of whose names occurs in any text as a substring can
        match nothing, so leaving it out changes no pair and saves searches.
        """
        found: set[int] = set()
        for text in texts:
            found |= self.entries_in(text)
        return self.subset(found)

    def entries_in(self, text: str) -> frozenset[int]:
        """Indices of the entries one of whose names occurs in `text` as a substring (what `matching`
        keeps of one text: a caller aligning one text in many runs can keep this per text).

        Why one scan: a substring search per alias (a few hundred of them) cost more than the rest of
        the registry's work.  The names, longest first, form one alternation; searching again from one
        character after each match visits every position where a name starts, and reports there the
        longest name that starts there: every other name starting there is a prefix of it, so each
        reported name stands for the entries of all its prefixes (`_name_scan`).
        """
        scan = self._name_scan()
        if scan is None:
            return frozenset()
        pattern, entries_of = scan
        found: set[int] = set()
        m = pattern.search(text)
        while m is not None:
            found |= entries_of[m.group(0)]
            m = pattern.search(text, m.start() + 1)
        return frozenset(found)

    def _name_scan(self) -> tuple[re.Pattern, dict[str, frozenset[int]]] | None:
        """The alternation of every name and alias (longest first) and, for each, the entries of the names
        that are a prefix of it (itself included); None without names.  Built once per registry."""
        if not hasattr(self, "_scan"):
            owners: dict[str, set[int]] = {}
            for k, e in enumerate(self.entries):
                for alias in (e.get("name", ""), *e.get("aliases", [])):
                    if alias:
                        owners.setdefault(alias, set()).add(k)
            names = sorted(owners, key=lambda a: (-len(a), a))
            self._scan = None if not names else (
                re.compile("|".join(map(re.escape, names))),
                {n: frozenset(k for a in names if n.startswith(a) for k in owners[a]) for n in names})
        return self._scan

    def subset(self, indices: Iterable[int]) -> "Registry":
        """The registry of the entries at `indices`, in registry order."""
        wanted = set(indices)
        return Registry([e for k, e in enumerate(self.entries) if k in wanted], self.fuzzy_threshold,
                        self.surname_threshold)

    def _lookup(self, name: str) -> dict | None:
        key = name_key(name)
        if not key:
            return None
        if key in self._alias:
            return self._alias[key]
        tokens = key.split()
        surname_hits = self._surname.get(tokens[-1], [])
        if len(surname_hits) == 1 and (len(tokens) == 1 or self._first_names_agree(tokens, surname_hits[0])):
            return surname_hits[0]
        return self._fuzzy(key)

    def _first_names_agree(self, tokens: list[str], entry: dict) -> bool:
        forms = [name_key(a).split() for a in [entry["name"], *entry.get("aliases", [])]]
        return any(len(f) >= 2 and fuzz.ratio(f[0], tokens[0]) >= 60 for f in forms)

    def _fuzzy(self, key: str) -> dict | None:
        """The entry of the first alias (in registry order) with the highest score at or above its threshold.

        A several-word key is compared with every alias (``fuzzy_threshold``);
        a one-word key with the aliases of non-person entries
        (``fuzzy_threshold``) and with the surnames of the several-word
        aliases of person entries (``surname_threshold``).  Each pool is one C
        call (``rapidfuzz.process.extractOne``, which keeps the first of equal
        scores); memoised per key, since several spellings share one key.
        """
        if key not in self._fuzzy_memo:
            if len(self._fuzzy_memo) >= MEMO_LIMIT:
                self._fuzzy_memo.clear()
            pools = self._pools
            if len(key.split()) == 1:
                hits = [pools.best(key, pools.plain, self.fuzzy_threshold),
                        pools.best(key, pools.surnames, self.surname_threshold)]
            else:
                hits = [pools.best(key, pools.every, self.fuzzy_threshold)]
            found = [h for h in hits if h is not None]
            # highest score; among equal scores the alias that comes first in the registry
            self._fuzzy_memo[key] = min(found, key=lambda h: (-h[0], h[1]))[2] if found else None
        return self._fuzzy_memo[key]

    def canonical(self, name: str) -> str | None:
        """Canonical name for ``name`` or None when the registry does not know it."""
        entry = self.lookup(name)
        return entry["name"] if entry else None

    def entity_type(self, name: str) -> str | None:
        """Registry type ("person", "organization", ...) of a name, or None."""
        entry = self.lookup(name)
        return entry.get("type") if entry else None


#: Strings to compare with, their positions among the registry's aliases, and their entries.
_Pool = tuple[list[str], list[int], list[dict]]


class _FuzzyPools:
    """The alias strings the fuzzy step compares a key with, split once by the rule that applies to them.

    Each pool is (strings, registry positions, entries): ``every`` holds all
    alias keys, ``plain`` the aliases of entries that are not persons,
    ``surnames`` the last word of each several-word alias of a person.
    """

    def __init__(self, aliases: dict[str, dict]) -> None:
        self.every: _Pool = ([], [], [])
        self.plain: _Pool = ([], [], [])
        self.surnames: _Pool = ([], [], [])
        self._windows: dict[tuple[int, int, float], _Pool] = {}
        for position, (alias, entry) in enumerate(aliases.items()):
            words = alias.split()
            self._add(self.every, alias, position, entry)
            if entry.get("type") != "person":
                self._add(self.plain, alias, position, entry)
            elif len(words) >= 2:
                self._add(self.surnames, words[-1], position, entry)

    @staticmethod
    def _add(pool: _Pool, text: str, position: int, entry: dict) -> None:
        pool[0].append(text)
        pool[1].append(position)
        pool[2].append(entry)

    def best(self, key: str, pool: _Pool,
             threshold: float) -> tuple[float, int, dict] | None:
        """(score, registry position, entry) of the first string of the pool with the highest
        ``fuzz.ratio`` at or above ``threshold``, or None.

        Only the strings whose length lets them reach ``threshold`` are compared (`window`): the
        C call costs per string, and most are ruled out by their length alone.
        """
        strings, positions, entries = self.window(pool, len(key), threshold)
        if not strings:
            return None
        hit = process.extractOne(key, strings, scorer=fuzz.ratio, processor=None, score_cutoff=threshold)
        if hit is None or hit[1] <= 0:  # the plain loop never takes a score of 0 (it must beat 0)
            return None
        _, score, i = hit
        return score, positions[i], entries[i]

    def window(self, pool: _Pool, length: int, threshold: float) -> _Pool:
        """The strings of ``pool`` (in pool order) that a key of ``length`` characters may reach
        ``threshold`` with, memoised per pool, length and threshold.

        Why exact: ``fuzz.ratio`` is ``100 * (1 - d / (m + n))`` for strings of lengths ``m`` and
        ``n``, whose insert/delete distance ``d`` is at least ``|m - n|``, so a string scores at most
        ``200 * min(m, n) / (m + n)``; a string whose bound is below the threshold (with a margin for
        rounding) can score nothing ``extractOne`` would keep.  The kept strings keep their order, so
        the first of equal best scores is the same string.
        """
        slot = (id(pool), length, threshold)
        found = self._windows.get(slot)
        if found is None:
            found = ([], [], [])
            for text, position, entry in zip(*pool):
                total = len(text) + length
                if total == 0 or 200 * min(len(text), length) / total >= threshold - 1e-6:
                    self._add(found, text, position, entry)
            self._windows[slot] = found
        return found


@lru_cache(maxsize=1)
def _shared_registry() -> Registry:
    return Registry.load()
