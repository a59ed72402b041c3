"""One documented configuration of the variant aligner: every tuning value in one frozen object.

Why one object: the thresholds interact (a link needs both a token-set ratio
and shared words; an anchor needs both rarity and a cap), so they are read
together, changed together and passed explicitly to the functions that use
them.  Percent scores are rapidfuzz ratios (0-100); shares are in [0, 1].
The values were set on public development material, not on the seeds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AlignerConfig:
    """Thresholds and caps of the variant aligner (see each field)."""

    link_tsr: float = 78.0
    """Token-set ratio that, with enough shared content words, links two sentences.  Why 78: reworded
    reports of one statement score in the high 70s and above, unrelated sentences on one topic below;
    ``linked`` also accepts 10 points less with a high share, or 10 points more on its own."""

    link_share: float = 0.40
    """Share of the shorter sentence's content words found in the other, with the token-set ratio.
    Why 0.40: a paraphrase keeps well under half of its words, yet two in five are shared nouns and names."""

    min_shared: int = 3
    """Content words two sentences must share before any score can link them.  Why 3: one or two shared
    words (a name and a verb) are common between unrelated sentences of one story."""

    family_ratio: float = 70.0
    """Sequence ratio above which a sentence pair counts as a near-duplicate when deciding document
    families (reprint, edit, translation).  Why 70: edits change a few words per sentence, keeping the
    ratio in the 70s-90s; independent reports rarely reach 70.  Also the bar below which a pair that
    shares only its attribution loses its passage link."""

    family_share: float = 0.08
    """Share of the smaller document's sentences that need a near-duplicate (and at least 3) for two
    documents to be one family.  Why 0.08: a reprint of part of a story still shares one sentence in twelve."""

    edit_min_ratio: float = 55.0
    """Sequence ratio from which a pair across one machine-translated side counts as ``translated``
    (below it, a paraphrase).  Why 55: machine translation keeps names and numbers in place but changes
    function words, so translated pairs sit between paraphrases and edits."""

    key_cap: int = 40
    """Posting-list cap of the inverted indexes (rare keys, anchors, quotes, figures): a key shared by
    more sentences is too common to suggest a pair.  Why 40: it bounds the work per key (cost linear in
    the number of sentences) while a claim retold by every outlet of a small corpus stays under it."""

    anchor_partners: int = 12
    """Partners per sentence from the anchor index.  Why 12: a claim is retold by a few outlets, a few
    times each; more partners only add pairs the linker rejects."""

    lsh_threshold: float = 0.3
    """Jaccard threshold of the MinHash LSH index over word bigrams.  Why 0.3: low enough to catch
    edited reprints (a few words changed break many bigrams), high enough to keep buckets small."""

    num_perm: int = 64
    """MinHash permutations.  Why 64: enough for the 0.3 threshold's banding; more costs time linearly."""

    lsh_partners: int = 40
    """Near-duplicate partners per sentence from the LSH index, and the bucket fill at which a sentence is
    no longer added to it.  Why 40 (as ``key_cap``): a sentence with more near-duplicates than that is
    boilerplate repeated through a text, not one claim retold; without the bound, a long text of
    repeated templates makes the candidates (and the time) grow with the square of its length."""

    claim_cosine: float = 0.30
    """idf-weighted cosine of the asserted content stems that links two independently worded sentences
    sharing an anchor.  Why 0.30: a third of the weighted vocabulary shared is one claim retold."""

    claim_number_cosine: float = 0.15
    """Lower cosine bar when the two sentences also share a distinctive quantity and a name.  Why 0.15:
    a shared exact figure is strong evidence on its own; the words need only agree on the subject."""

    edit_run: int = 8
    """Consecutive shared words that mark one source wording (``edited``), rule R5 of the guidelines:
    a shared key phrase of up to six words is no edit, eight words are."""

    anchor_share: float = 0.10
    """A name in more than this share of the sentences is the corpus's topic, not a claim's anchor."""

    anchor_min: int = 5
    """... and it must also be in more than this many sentences (in a handful of documents every name is
    in a tenth of the sentences)."""

    min_claim_words: int = 2
    """Shared content stems besides names and attribution words for a claim link.  Why 2: one shared word
    beside the names is a topic, not a claim."""

    small_count: int = 10
    """Counts below this ("two", "three") are too common to anchor a claim on their own."""


#: The aligner's configuration unless a caller passes another.
DEFAULT_CONFIG = AlignerConfig()
