"""Word lists of the quote layer: reporting verbs and cues, titles, organisation words, function words.

General English, not corpus specific.  Calendar words, honorifics and
abbreviations are shared with the other layers and live in
``wirespan.text.lexicons``; the sets here say how the quote layer reads a
phrase (who can speak, what ends a subject, what starts a clause).
"""

from __future__ import annotations

import re

from wirespan.text.lexicons import MONTHS, WEEKDAYS

REPORTING_VERBS = (
    "say says said saying tell tells told telling add adds added adding "
    "warn warns warned warning state states stated stating declare declares "
    "declared declaring insist insists insisted insisting write writes wrote "
    "writing claim claims claimed claiming confirm confirms confirmed confirming "
    "report reports reported reporting announce announces announced announcing "
    "note notes noted noting explain explains explained explaining argue argues "
    "argued arguing stress stresses stressed stressing acknowledge acknowledges "
    "acknowledged acknowledging reply replies replied replying respond responds "
    "responded responding assure assures assured assuring recount recounts "
    "recounted recounting tweet tweets tweeted tweeting admit admits admitted "
    "admitting vow vows vowed vowing promise promises promised promising caution "
    "cautions cautioned cautioning conclude concludes concluded concluding "
    "predict predicts predicted predicting suggest suggests suggested suggesting "
    "describe describes described describing characterize characterizes "
    "characterized characterise characterised urge urges urged urging "
    "allege alleges alleged alleging emphasize emphasized emphasise emphasised "
    "maintain maintains maintained repeat repeated remark remarked observe observed "
    "comment commented commenting complain complained "
    "ask asks asked asking shout shouts shouted shouting chant chants chanted chanting "
    "boast boasts boasted boasting exclaim exclaims exclaimed exclaiming quip quips quipped "
    "joke jokes joked joking continued written "
    # forms that are not also common nouns ("an answer", "a post", "a recall")
    "recalled recalling concede concedes conceded conceding yelled yelling retorted answered wondered "
    "interjected mocked scoffed blogged posted reads"
).split()


def word_alternation(words: list[str]) -> str:
    """A regular expression matching exactly the given words, written as a trie ("add(?:ed|ing|s)?|...").

    Why: a flat alternation of two hundred verbs makes the regular
    expression engine try every verb at every word start of a text; the
    trie tries one branch per letter.  Inside ``\\b...\\b`` both match the
    same word (the whole word, since a word boundary must follow it), so
    matches are unchanged.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    """The pattern of one trie node: its branches, optional when a word may end here."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


def cue_pattern(phrases: list[tuple[str, str]], words: list[str]) -> str:
    """One alternation for the cues after a word boundary: each phrase (its first word and the pattern that
    must follow it), then each single word, grouped by first letter.

    Why grouped: at each word start the engine checks one letter per group
    instead of trying every cue.  Within a letter, phrases come before words
    and keep their order, so each position matches what the plain
    alternation in that order would: cues that begin with another letter
    cannot match there.
    """
    groups = []
    for letter in sorted({w[0] for w, _ in phrases} | {w[0] for w in words}):
        alternatives = [re.escape(w[1:]) + tail for w, tail in phrases if w[0] == letter]
        rest = [w[1:] for w in words if w[0] == letter]
        if rest:
            alternatives.append(f"(?:{word_alternation(rest)})\\b")
        groups.append(re.escape(letter) + "(?:" + "|".join(alternatives) + ")")
    return r"\b(?:" + "|".join(groups) + ")"


# "told reporters" and "according to" are cues of their own (SPEC §4 examples);
# "is said"/"was quoted as saying" keep their auxiliary.
CUE_PHRASES = [
    *((w, r" to\b") for w in ("According", "according")),
    *((w, r"\s+(?:reporters|journalists|the press|a news conference)\b")
      for w in ("told", "tells", "telling", "tell")),
    *((w, r"\s+(?:said|reported|quoted as saying)\b") for w in ("is", "was", "were", "are", "has been", "had been")),
]
#: A reporting cue: a phrase of `CUE_PHRASES` or a word of `REPORTING_VERBS`, as a whole word.
CUE_RE = re.compile(cue_pattern(CUE_PHRASES, REPORTING_VERBS))

TITLE_WORDS = {
    w.lower() for w in (
        "President Vice Prime Minister Premier Chancellor Deputy Secretary "
        "Secretary-General General Gen. Maj. Major Col. Colonel Lt. Lieutenant "
        "Sgt. Sergeant Capt. Captain Adm. Admiral Cmdr. Commander Gov. Governor "
        "Mayor Sen. Senator Rep. Representative MP Lawmaker Spokesman Spokeswoman "
        "Spokesperson Ambassador Minister Foreign Defense Defence Interior Finance "
        "Press Chief Head Director Leader King Queen Prince Pope Justice Judge "
        "Mr. Mrs. Ms. Dr. Prof. Mr Mrs Ms Dr Sir Dame Lord Lady Rev. Negotiator "
        "Chairman Chairwoman Chair Speaker Officer Commissioner Envoy Adviser "
        "Advisor Communications Official Mufti Patriarch Cardinal Sheikh Emir "
        "Ayatollah Crown Attorney Prosecutor Premier Counselor Councillor Secretary "
        "Regional Acting Former Top Senior Majority Minority"
    ).split()
}
ORG_WORDS = {
    w.lower() for w in (
        "Ministry Committee Cross Crescent Department Council Agency Office "
        "Administration Service Services Army Navy Forces Force Military Nations "
        "Union Organization Organisation House Government "
        "Bank Group Commission Court Parliament Party Press Agency News Times "
        "Post Journal Institute University Company Corporation Inc. Ltd. Fund "
        "Command Staff Guard Police Embassy Federation Assembly Congress Senate "
        "Duma Cabinet Authority Authorities Secretariat Alliance Coalition "
        "Association Center Centre Directorate Bureau Board Network Channel"
    ).split()
}
GROUP_HEADS = {
    "officials", "authorities", "analysts", "experts", "sources", "people",
    "residents", "leaders", "officers", "diplomats", "lawmakers", "witnesses",
    "observers", "critics", "activists", "soldiers", "troops", "workers",
}
PREPOSITIONS = {
    "in", "on", "at", "during", "after", "before", "since", "for", "from",
    "with", "without", "under", "over", "by", "to", "into", "amid", "despite",
    "as", "while", "when", "although", "though", "because", "if", "meanwhile",
    "still", "however", "but", "and", "yet", "also", "then", "so", "earlier",
    "later", "overnight", "separately", "instead",
}
ADVERBS_AUX = {
    "also", "later", "again", "then", "earlier", "previously", "now", "further",
    "repeatedly", "reportedly", "recently", "already", "has", "have", "had",
    "was", "were", "is", "are", "will", "would", "had", "once", "often",
    "publicly", "separately", "privately", "has", "just", "last", "first",
    "subsequently", "similarly", "still", "too", "even", "not", "never",
    "herself", "himself", "itself", "themselves",
}
#: Calendar words (and "according") are capitalised but never name a speaker.
CALENDAR = {*WEEKDAYS, *MONTHS, "according"}
PRONOUNS = {"he", "she", "it", "they", "we", "i"}
SUBJECT_START = {"i", "we", "you", "he", "she", "they", "it", "there", "this", "that",
                 "these", "those", "no", "nobody", "neither", "nothing", "everyone",
                 "everything", "nobody", "someone", "one", "somebody", "everybody", "anybody", "anyone",
                 "something", "anything"}
FINITE_MARKERS = {
    "is", "are", "was", "were", "am", "has", "have", "had", "will", "would",
    "can", "could", "should", "must", "may", "might", "shall", "do", "does",
    "did", "cannot", "won’t", "won't", "can’t", "can't", "don’t", "don't",
    "doesn’t", "doesn't", "didn’t", "didn't", "isn’t", "isn't", "aren’t",
    "aren't", "wasn’t", "wasn't", "weren’t", "weren't", "it’s", "it's",
    "there’s", "there's", "we’re", "we're", "i’m", "i'm", "they’re", "they're",
    "that’s", "that's", "we’ve", "we've", "i’ve", "i've", "we’ll", "we'll",
}
#: Words that may join the capitalised tokens of one name ("Bank of England", "Ana de la Cruz").
CONNECTORS = {"of", "the", "for", "and", "de", "del", "al", "von", "van", "bin"}
