"""Process-wide resources the annotators share when they run over many articles.

Why: the baselines take their entity registry as an argument and load it
from disk when none is given, i.e. once per article; and the quote
extractor asks the registry the same names again and again (its fuzzy
match compares a name with every alias).  A pipeline over thousands of
articles loads the registry once per process and remembers the answers.
Both are pure functions of the registry file, so the records are exactly
those of the one-article path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from wirespan.layers.quotes.extract import Registry

#: Memoised lookups per process before the memo is emptied (bounds memory on very large inputs).
MEMO_LIMIT = 200_000


class MemoRegistry(Registry):
    """A `Registry` whose `lookup` answers are remembered (same answers, computed once per name)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._memo: dict[str, dict | None] = {}

    def lookup(self, name: str) -> dict | None:
        """The registry entry a name refers to, or None (memoised `Registry.lookup`)."""
        try:
            return self._memo[name]
        except KeyError:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            entry = self._memo[name] = super().lookup(name)
            return entry


@lru_cache(maxsize=1)
def shared_registry() -> MemoRegistry:
    """The project registry, loaded once per process, with memoised lookups."""
    return MemoRegistry(Registry.load().entries)


def registry_for(documents: Iterable[Mapping[str, Any]], registry: Registry | None = None) -> Registry:
    """The registry entries that can match inside `documents`, in registry order.

    The aligner searches every alias of every person entry in every text;
    an entry none of whose names occurs in any text as a substring can match
    nothing, so leaving it out changes no pair and saves one regular
    expression per alias and document.
    """
    registry = registry if registry is not None else shared_registry()
    texts = [d["text"] for d in documents]
    keep = [e for e in registry.entries
            if any(alias and alias in text for alias in (e.get("name", ""), *e.get("aliases", [])) for text in texts)]
    return Registry(keep)
