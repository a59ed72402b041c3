"""wirespan: seeds -> documents -> segment and span layers -> variants -> validation -> Parquet, card and checksums.

The Python API (`wirespan.load`, `annotate`, `annotate_batch`, `annotation_features`,
`infer_home`, `evaluate`, `validate`, `verify`) and the record classes are imported on first
use, so `import wirespan` and the command line stay quick.
"""

from wirespan.version import __version__

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wirespan.api import (RepeatedDocumentWarning, annotate, annotate_batch, annotation_features, evaluate,
                              infer_home, load, validate, verify)
    from wirespan.corpus.model import (Anchor, Corpus, Document, Figure, Location, Quote, Segment, Source, Span,
                                       VariantPair)

_API = ("RepeatedDocumentWarning", "annotate", "annotate_batch", "annotation_features", "evaluate", "infer_home",
        "load", "validate", "verify")
_MODEL = ("Anchor", "Corpus", "Document", "Figure", "Location", "Quote", "Segment", "Source", "Span", "VariantPair")

__all__ = ["__version__", *_API, *_MODEL]


def __getattr__(name: str) -> Any:
    """The API's functions and record classes, imported when first asked for (PEP 562)."""
    if name in _API:
        from wirespan import api

        return getattr(api, name)
    if name in _MODEL:
        from wirespan.corpus import model

        return getattr(model, name)
    raise AttributeError(f"module 'wirespan' has no attribute {name!r}")
