"""SPEC §4's test for ``direct``, "a clause or more", on a quoted stretch, by a dependency parser.

Used by development-set readers whose annotation has no direct/partial
distinction of its own (PolNeAR), to map a quoted stretch to SPEC's kind.
The parser is spaCy's small English pipeline (in the ``test`` and ``bench``
extras; also the locations peer), so the gold derivation shares no rule with the quote
extractor it scores.

A stretch holds a clause when, in one of its sentences, the head of the
sentence (or a verb coordinated with it, or a clause the parser hangs under
a trailing word: "…, right?") has its subject inside the stretch
("the wind is at our backs", "which sounds like a lot of money"), or is an
imperative that opens the sentence with a capital ("Remember November"; a
lower-case bare verb continues the reporter's "to" or "will"). A noun phrase
("a wise Latina"), a predicate whose subject is the reporter's ("hides what
it really is") and a phrase whose only clause is a relative one inside it
("the biggest tale I've ever seen") hold none.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from wirespan.evaluation.devsets.peers import spacy_pipeline

SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
#: Words that may come before an imperative verb in its sentence ("Oh, just remember ...", "And let ...").
BEFORE_IMPERATIVE = frozenset({"intj", "discourse", "advmod", "cc", "npadvmod", "punct"})


#: A clause the parser hangs under a word that follows it ("Everybody knew it, right?"): still the main clause.
TRAILING_HEAD_OF = frozenset({"ccomp", "parataxis"})


def _heads(sent: Any) -> list[Any]:
    """The sentence's head, the verbs coordinated with it, and clauses that precede a trailing head."""
    root = sent.root
    return [root, *root.conjuncts, *(c for c in root.children if c.dep_ in TRAILING_HEAD_OF and c.i < root.i)]


def _is_clause_head(token: Any, sent_start: int) -> bool:
    if any(child.dep_ in SUBJECTS for child in token.children):
        return True
    opener = token.doc[sent_start:token.i]
    first = token.doc[sent_start].text
    # an imperative is written as a sentence ("Build the wall!"); a lower-case bare verb is the reporter's
    # infinitive or modal going on in the quote (pledged to "bomb them", will "be the best")
    return token.tag_ == "VB" and first[:1].isupper() and all(t.dep_ in BEFORE_IMPERATIVE for t in opener)


@lru_cache(maxsize=4096)
def holds_clause(stretch: str) -> bool:
    """Whether the quoted words hold at least one complete clause (SPEC §4 ``direct``)."""
    doc = spacy_pipeline()(stretch)
    return any(_is_clause_head(head, sent.start) for sent in doc.sents for head in _heads(sent))
