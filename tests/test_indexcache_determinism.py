"""The on-disk index cache is byte-identical from one build to the next, whatever Python's hash seed.

Why: the build is deterministic (BRIEFING), and a cached index whose key
order followed the seed made builds on two machines (or two runs) differ.
Each build runs in a fresh interpreter with its own PYTHONHASHSEED and
stores its value through `indexcache.store` (the function the cache uses);
the files are compared byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BUILD = """
import sys
from pathlib import Path
from wirespan.layers.locations.indexcache import store
from wirespan.layers.locations.gazetteer import IndexBuilder
from wirespan.layers.variants.cityalts import build_table
out = Path(sys.argv[1])
assert store(out / "gazetteer.marshal", IndexBuilder(15000).data())
assert store(out / "city-alternates.marshal", build_table())
"""


def _build(folder: Path, seed: str) -> dict[str, bytes]:
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", BUILD, str(folder)], check=True, env=env, timeout=600)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_cached_indexes_do_not_follow_the_hash_seed(tmp_path):
    first = _build(tmp_path / "seed0", "0")
    second = _build(tmp_path / "seed1", "1")
    assert sorted(first) == ["city-alternates.marshal", "gazetteer.marshal"]
    for name, data in first.items():
        assert data == second[name], f"{name} differs between hash seeds 0 and 1"
