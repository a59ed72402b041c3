"""A small on-disk cache for indexes that are slow to build and cheap to load.

Why: the gazetteer index folds about 700,000 names; building it costs
seconds on every process start (every worker of a pool, every CLI call),
loading a finished copy costs a fraction of that.  An entry is keyed by
everything its content depends on (data package versions, data file
hashes, the source of the code that builds it, the Python and `marshal`
versions), so a stale entry is never read: a new key simply misses.

Where: `$WIRESPAN_CACHE` when set, else the platform's user cache folder
(`platformdirs`, e.g. `~/.cache/wirespan` on Linux).  Entries are written
to a temporary file in the same folder and moved into place with
`os.replace`, so concurrent builders (pool workers, Ray tasks) never see a
half-written file.  An unreadable or unwritable cache is not an error: the
index is then built in memory.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

#: Environment variable that overrides the cache folder.
CACHE_ENV = "WIRESPAN_CACHE"


def cache_dir() -> Path:
    """The folder wirespan caches built indexes in."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("wirespan", appauthor=False))


def cache_key(parts: Iterable[str | bytes]) -> str:
    """A short hex digest of every input the cached value depends on (plus Python's marshal format)."""
    h = hashlib.sha256()
    for part in (f"python {sys.version_info[0]}.{sys.version_info[1]}", f"marshal {marshal.version}", *parts):
        data = part if isinstance(part, bytes) else part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:24]


def load_or_build(name: str, key: str, build: Callable[[], Any]) -> Any:
    """The value cached as `name` under `key`, built (and stored) on a miss.

    The value must be marshal-able (tuples, lists, dicts, str, int, float, None).
    """
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        with open(path, "rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    store(path, value)
    return value


def store(path: Path, value: Any) -> bool:
    """Write `value` to `path` atomically; False (and nothing written) when the folder is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(value, fh)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
