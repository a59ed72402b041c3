"""Per-text and per-quote memos of the aligner give what the plain computations give."""

from __future__ import annotations

import re

from wirespan.layers.variants.names import build_name_map, capitalised_words
from wirespan.layers.variants.normalise import STOPWORDS, content_words, fold_token, romanisation_key
from wirespan.layers.variants.quotes import quote_relation

TEXTS = [
    "Mayor Hrytsenko said Odessa and Odesa would reopen. Hritsenko later told Reuters that Odessa was calm. "
    "Because the Harbour Council met Tuesday, Residents waited.",
    "KHARKIV, Ukraine - Kharkiv officials and Kharkov police said Zhytomyr and Zhitomir stayed open. Hrytsneko.",
    "",
]


def plain_capitalised(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in re.finditer(r"\b[A-Z][a-z]{4,}\b", text):
        f = fold_token(m.group(0))
        if f not in STOPWORDS:
            out.setdefault(f, romanisation_key(f)[:2])
    return out


def test_capitalised_words_equal_plain_loop() -> None:
    for text in TEXTS:
        assert dict(capitalised_words(text)) == plain_capitalised(text)
        assert [f for f, _ in capitalised_words(text)] == list(plain_capitalised(text))


def test_build_name_map_is_the_same_twice() -> None:
    docs = [{"id": str(k), "text": t} for k, t in enumerate(TEXTS)]
    first = build_name_map(docs, None, []).token_map
    assert build_name_map(docs, None, []).token_map == first  # the second call reads the cache
    assert first.get("hritsenko") == "hrytsenko" or first.get("hrytsenko") == "hritsenko"


QUOTES = [
    "we will rebuild the bridge before the winter comes",
    "we will rebuild the bridge",
    "the bridge will be rebuilt before winter",
    "rebuild the bridge before the winter comes and reopen the port to every ferry",
    "nothing in common here at all",
    "bridge",
    "the the the bridge the",
]


def test_quote_relation_with_given_content_words() -> None:
    tokens = [q.split() for q in QUOTES]
    for ta in tokens:
        for tb in tokens:
            for translated in (False, True):
                for relaxed in (False, True):
                    plain = quote_relation(ta, tb, translated, relaxed)
                    given = quote_relation(ta, tb, translated, relaxed, content=(content_words(ta), content_words(tb)))
                    assert given == plain
