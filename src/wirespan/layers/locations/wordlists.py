"""Given names and common English words that are also place names, from word lists the project depends on.

Why: most false places on unseen news are parts of person names ("Mary",
"Lincoln said") or ordinary words that some town carries ("Union", "Hall",
"Independence").  Hand lists do not generalise, so both lists come from
shipped data, kept small by intersecting them with the gazetteer's names
when the index is built (and cached with it):

* given names: the `names` package's 1990 US census first-name lists,
  names given to at least `MIN_GIVEN_NAME_PERCENT` percent of people;
* common words: the lower-case entries of Webster's Second (the ``web2``
  list of `english-words`); proper nouns there are capitalised, so "hall"
  is a word and "paris" is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

#: a census first name counts as a given name from this share of people (percent).
MIN_GIVEN_NAME_PERCENT = 0.05


def given_names() -> frozenset[str]:
    """Lower-cased common first names (census lists shipped by the `names` package)."""
    out: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for line in resources.files("names").joinpath(fname).read_text("utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and float(parts[1]) >= MIN_GIVEN_NAME_PERCENT:
                out.add(parts[0].lower())
    return frozenset(out)


def common_words(keys: Iterable[str]) -> frozenset[str]:
    """Those of the (folded, single-word) `keys` that are lower-case English words in web2."""
    from english_words import get_english_words_set

    words = {w for w in get_english_words_set(["web2"], alpha=True) if w.islower()}
    return frozenset(k for k in keys if " " not in k and k in words)
