"""The quote layer (SPEC §4): quote spans with kind, speaker, speaker mention and cue.

Modules, in the order the extractor uses them: ``words`` (word lists),
``marks`` (quote-mark pairing), ``units`` (paragraphs and sentences of a
text), ``nounphrase`` (what a phrase names), ``events`` (reporting verbs and
their subjects), ``resolve`` (pronouns, roles, names -> canonical speaker),
``attribution`` (who said a quote) and ``core`` (``extract_quotes``).
"""

from __future__ import annotations

from wirespan.layers.quotes.core import extract_quotes
from wirespan.layers.quotes.marks import RawQuote, find_quote_spans
from wirespan.layers.registry import LayerInput


def extract(inp: LayerInput) -> list[dict]:
    """The registry's entry point: quotes inside the predicted annotatable segments."""
    return extract_quotes(inp.text, list(inp.segments))


__all__ = ["RawQuote", "extract", "extract_quotes", "find_quote_spans"]
