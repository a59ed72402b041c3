"""wirespan: seeds -> documents -> segment and span layers -> variants -> validation -> Parquet, card and checksums."""

from wirespan.version import __version__

__all__ = ["__version__"]
