"""Rule-based figure extractor (baseline for the ``figures`` layer, SPEC §5).

Why rules and not a library: quantulum3 (the obvious candidate) splits
"three to five months", misses vague magnitudes ("tens of thousands"),
treats "World War II"/"Comet 12P" digits as quantities and has no notion of
dates, ages, ordinals or qualifiers; dateparser-style libraries over-match
bare weekdays, which SPEC §5 excludes. The rules work on any English text:
they use only general word lists (``lexicon``: months, number words, SI
prefixes and units, currencies) and never anything specific to the seeds.

Modules: ``lexicon`` (word lists and the unit table), ``patterns`` (regular
expressions), ``values`` (numbers, fractions, dates), ``candidates`` (one
generator per shape of figure), ``extract`` (priority, filters, ranges,
qualifiers).
"""

from __future__ import annotations

from wirespan.layers.figures.extract import ANNOTATABLE_LABELS, extract_figures
from wirespan.layers.registry import LayerInput

__all__ = ["ANNOTATABLE_LABELS", "extract", "extract_figures"]


def extract(inp: LayerInput) -> list[dict]:
    """The registry's entry point: figures inside the predicted annotatable segments."""
    return extract_figures(inp.text, list(inp.segments), published=inp.published)
