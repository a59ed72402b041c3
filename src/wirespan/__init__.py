"""wirespan: seeds -> documents -> segment and span layers -> variants -> validation -> Parquet, card and checksums."""

__version__ = "0.1.0"
