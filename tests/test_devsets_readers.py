"""Readers of the development sets, on small samples written here in each set's format (none copied)."""

from __future__ import annotations

import json

import pytest

from wirespan.evaluation.devsets import DevSetError, REGISTRY, devdata_root, lgl, measeval, msrp, polnear, quantulum_cases
from wirespan.evaluation.devsets.figures_common import leading_value, strip_qualifier

LGL_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="17">
    <title>t</title>
    <domain>marlowgazette.example</domain>
    <dltime>2011-04-02 08:00:00-05</dltime>
    <text><![CDATA[Freedonian farmers met in Marlow on Birch Street near Marlow.]]></text>
    <toponyms>
      <toponym><start>0</start><end>10</end><phrase>Freedonian</phrase>
        <gaztag geonameid="99"><name>Republic of Freedonia</name><fclass>A</fclass><fcode>PCLI</fcode>
        <lat>1.0</lat><lon>2.0</lon><country geonameid="99">Freedonia</country></gaztag></toponym>
      <toponym><start>26</start><end>32</end><phrase>Marlow</phrase>
        <gaztag geonameid="1234"><name>Marlow</name><fclass>P</fclass><fcode>PPL</fcode>
        <lat>51.57</lat><lon>-0.77</lon><country geonameid="2635167">United Kingdom</country></gaztag></toponym>
      <toponym><start>36</start><end>48</end><phrase>Birch Street</phrase></toponym>
      <toponym><start>54</start><end>60</end><phrase>Marlow</phrase></toponym>
    </toponyms>
  </article>
</articles>"""


def test_lgl_maps_toponyms_drops_demonyms_and_sets_streets_aside() -> None:
    data = lgl.read_xml(LGL_XML.encode("utf-8"))
    assert data.documents[0]["published"] == "2011-04-02"
    assert data.documents[0]["source"] == "marlowgazette.example"
    assert [(g["start"], g["text"]) for g in data.gold] == [(26, "Marlow"), (54, "Marlow")]
    first = data.gold[0]
    assert (first["geonames_id"], first["latitude"], first["feature"], first["country_code"]) == (1234, 51.57, "town", "GB")
    assert data.gold[1]["geonames_id"] is None and data.gold[1]["latitude"] is None
    assert [i["text"] for i in data.ignore] == ["Birch Street"]
    assert data.notes == {"demonyms_dropped": 1, "addresses_ignored": 1}


def test_lgl_offsets_that_miss_the_phrase_are_an_error() -> None:
    with pytest.raises(DevSetError, match="article 17"):
        lgl.read_xml(LGL_XML.replace("<start>26</start>", "<start>25</start>").encode("utf-8"))


def test_lgl_demonym_rule_keeps_place_names_that_are_words_of_the_formal_name() -> None:
    assert lgl.is_demonym("Zembian", "Republic of Zembia", "PCLI")
    assert not lgl.is_demonym("Zembia", "Republic of Zembia", "PCLI")
    assert not lgl.is_demonym("Hartigan", "Hartigan County", "ADM2")
    assert lgl.is_demonym("Zembian", "Zembian Federation", "PCLI")
    assert not lgl.is_demonym("Zembigan", "Zembigan", "ADM1")


POLNEAR_TEXT = ("Headline here\n\n“We will win,” Mayor Ruth Olsen said, “and we will win big.”\n\n"
                "Critics called the plan a “vanity project” at a meeting, reported by “Morning Desk” viewers.\n")


def _ann(text: str) -> str:
    def t(tid: str, label: str, *frags: tuple[int, int]) -> str:
        rng = ";".join(f"{s} {e}" for s, e in frags)
        return f"{tid}\t{label} {rng}\t{' '.join(text[s:e] for s, e in frags)}"
    q1 = text.index("We will"); q1e = text.index("”", q1)
    q2 = text.index("and we"); q2e = text.index("”", q2) + 1
    src = text.index("Mayor Ruth Olsen"); cue = text.index("said")
    c2 = text.index("the plan"); c2e = text.index("” at") + 1
    s2 = text.index("Critics"); k2 = text.index("called")
    return "\n".join([
        t("T1", "Content", (q1 - 1, q1e + 1), (q2 - 1, q2e)),
        t("T2", "Source", (src, src + 16)), t("T3", "Cue", (cue, cue + 4)),
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        t("T4", "Content", (c2, c2e)), t("T5", "Source", (s2, s2 + 7)), t("T6", "Cue", (k2, k2 + 6)),
        "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5",
    ]) + "\n"


def test_polnear_interrupted_quote_is_two_spec_spans_and_one_polnear_span() -> None:
    data = polnear.read_article("a1", POLNEAR_TEXT, _ann(POLNEAR_TEXT), "a1.ann")
    direct = [g for g in data.gold if g["kind"] == "direct"]
    assert [g["text"] for g in direct] == ["We will win,", "and we will win big."]
    assert all(g["interrupted"] and g["speaker_mention"]["text"] == "Mayor Ruth Olsen" for g in direct)
    assert direct[0]["cue"]["text"] == "said"
    [one] = data.views["polnear"]
    assert one["text"].startswith("We will win,") and one["text"].endswith("win big.")
    partial = [g for g in data.gold if g["kind"] == "partial"]
    assert [g["text"] for g in partial] == ["vanity project"]
    assert [i["text"] for i in data.ignore] == ["Morning Desk"]  # in no attribution: PolNeAR has no gold for it


def test_polnear_quote_open_at_paragraph_end_closes_there() -> None:
    text = "“First paragraph of a long quote.\n\n“Second one,” she said."
    stretches = polnear.quote_stretches(text)
    assert [text[s:e] for _, s, e, _ in stretches] == ["First paragraph of a long quote.", "Second one,"]


def test_polnear_refuses_the_test_split_and_bad_offsets(tmp_path) -> None:
    with pytest.raises(DevSetError, match="blind"):
        polnear.read(tmp_path, split="test")
    with pytest.raises(DevSetError, match="line 1"):
        polnear.parse_ann("T1\tSource 0 5\tnot it\n", "Hello world", "x.ann")


MEASEVAL_TEXT = "We counted   approximately 40 sheep on walls ≥2.5 metres high, with 3, 5 and 7 % lame."


def _row(n: int, kind: str, surface: str, other: str) -> str:
    s = MEASEVAL_TEXT.index(surface)
    return f"P1\t{n}\t{kind}\t{s}\t{s + len(surface)}\tT{n}\t{surface}\t{other}\n"


MEASEVAL_TSV = ("docId\tannotSet\tannotType\tstartOffset\tendOffset\tannotId\ttext\tother\n"
                + _row(1, "Quantity", "approximately 40", '{"mods": ["IsApproximate"]}')
                + _row(1, "MeasuredEntity", "sheep", '{"HasQuantity": "T1"}')
                + _row(2, "Quantity", "≥2.5 metres", '{"unit": "metres"}')
                + _row(3, "Quantity", "3, 5 and 7 %", '{"mods": ["IsList"], "unit": "%"}'))


def test_measeval_strips_the_qualifier_and_reads_values() -> None:
    recs = measeval.read_tsv("P1", MEASEVAL_TEXT, MEASEVAL_TSV, "P1.tsv")
    assert [(r["text"], r["qualifier"], r["value"], r["kind"]) for r in recs] == [
        ("40", "approximate", 40.0, "count"), ("2.5 metres", "at_least", 2.5, "measure"),
        ("3, 5 and 7 %", "exact", None, "percent")]
    assert recs[0]["measeval_text"] == "approximately 40"


def test_measeval_lists_are_one_record_per_number_in_spec() -> None:
    recs = measeval.read_tsv("P1", MEASEVAL_TEXT, MEASEVAL_TSV, "P1.tsv")
    split, lists = measeval.split_lists(MEASEVAL_TEXT, recs, "P1.tsv")
    assert lists == 1
    assert [(r["text"], r["value"], r["kind"]) for r in split[2:]] == [
        ("3", 3.0, "percent"), ("5", 5.0, "percent"), ("7 %", 7.0, "percent")]
    text = "kept between 5 and 9 m, at 1.5 mm and the 8.5 mm, and (a) 1.3 (b) 2.4 mg"
    spans = {t: measeval.list_items(text, text.index(t), text.index(t) + len(t))
             for t in ("5 and 9 m", "1.5 mm and the 8.5 mm,", "(a) 1.3 (b) 2.4 mg")}
    assert spans["5 and 9 m"] is None  # after "between": a range
    assert [text[s:e] for s, e in spans["1.5 mm and the 8.5 mm,"]] == ["1.5 mm", "8.5 mm"]
    assert spans["(a) 1.3 (b) 2.4 mg"] is None
    assert measeval.list_items("of 10,308 men", 3, 9) is None  # a thousands separator is no list


def test_measeval_offset_mismatch_is_an_error() -> None:
    with pytest.raises(DevSetError, match="P1.tsv"):
        measeval.read_tsv("P1", "x" + MEASEVAL_TEXT, MEASEVAL_TSV, "P1.tsv")


def test_number_rules() -> None:
    assert leading_value("12 to 18 months") == (12.0, 18.0)
    assert leading_value("−4.5 °C") == (-4.5, None)
    assert leading_value("twelve") == (None, None)
    assert leading_value("2.5 million tonnes") == (2_500_000.0, None)
    assert leading_value("1:10") == (None, None)
    assert leading_value("57°44’8.47”N") == (None, None)
    text = "at least 7 km"
    assert strip_qualifier(text, 0, len(text)) == (9, "at_least")


def test_quantulum_cases_place_each_surface_after_the_previous_one() -> None:
    cases = [{"req": "Add 2 kg, then 2 kg more, about 5-7 m", "res": [
        {"value": 2, "unit": "kilogram", "surface": "2 kg"}, {"value": 2, "unit": "kilogram", "surface": "2 kg"},
        {"value": 6, "unit": "metre", "surface": "5-7 m", "uncertainty": 1}]}]
    data = quantulum_cases.read_cases(cases, "q", "cases.json")
    assert [g["start"] for g in data.gold] == [4, 15, 32]
    assert (data.gold[2]["value"], data.gold[2]["value_high"]) == (5.0, 7.0)
    mapped = quantulum_cases.read_cases([{"req": "a dozen eggs weigh 700 ± 5 g", "res": [
        {"value": 1, "unit": "dozen", "surface": "a dozen"},
        {"value": 700, "unit": "gram", "surface": "700 ± 5 g", "uncertainty": 5}]}], "q", "cases.json")
    assert [(g["value"], g["value_high"], g["unit"]) for g in mapped.gold] == [(12.0, None, None), (700.0, None, "gram")]
    assert mapped.notes == {"dozen_as_twelve": 1, "plus_minus_as_value": 1}
    with pytest.raises(DevSetError, match="case 0"):
        quantulum_cases.read_cases([{"req": "none", "res": [{"value": 1, "unit": "x", "surface": "1"}]}], "q", "cases.json")


def test_msrp_pairs_and_shared_sentences() -> None:
    content = ("\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
               "1\t11\t12\tThe mill closed on Friday.\tOn Friday the mill shut.\n"
               "0\t11\t13\tThe mill closed on Friday.\tThe river froze.\n")
    data = msrp.read_text(content)
    assert [d["id"] for d in data.documents] == ["11", "12", "13"]
    assert [(g["a"], g["b"], g["paraphrase"]) for g in data.gold] == [("11", "12", True), ("11", "13", False)]
    with pytest.raises(DevSetError, match="line 2"):
        msrp.read_text("header\n2\ta\tb\tc\td\n")


def test_registry_and_data_folder(monkeypatch, tmp_path) -> None:
    assert {s.layer for s in REGISTRY.values()} == {"locations", "quotes", "figures", "variants"}
    assert not any(s.blind for s in REGISTRY.values())
    assert not any(n.endswith("-test") or "msr_paraphrase_test" in s.source for n, s in REGISTRY.items())
    monkeypatch.delenv("WIRESPAN_DEVDATA", raising=False)
    with pytest.raises(DevSetError, match="WIRESPAN_DEVDATA"):
        devdata_root()
    monkeypatch.setenv("WIRESPAN_DEVDATA", str(tmp_path))
    assert devdata_root() == tmp_path
    with pytest.raises(DevSetError, match="fetch_devsets"):
        REGISTRY["lgl"].reader(tmp_path)


def test_polnear_marks_doubled_apostrophes_and_malformed_pairs() -> None:
    text = "''Plain enough,'' she said. “Odd close,“ he said, “fine.”"
    assert [text[s:e] for _, s, e, _ in polnear.quote_stretches(text)] == ["Plain enough,", "Odd close,", "fine."]


def test_clause_test_tells_clauses_from_phrases_and_predicates() -> None:
    from wirespan.evaluation.devsets.clauses import holds_clause
    assert holds_clause("the ferry will not sail before Monday.")
    assert holds_clause("We fixed the roof. Then the rain came back,")
    assert holds_clause("Bring the boats in before dark!")
    assert not holds_clause("bring the boats in before dark.")  # after the reporter's "vowed to"
    assert holds_clause("which costs far more than anyone planned. Nobody asked us,")
    assert not holds_clause("a quiet fiasco")
    assert not holds_clause("the worst winter I have ever known,")
    assert not holds_clause("wants the harbour closed for a month")


CLAUSE_TEXT = ("Sooner or later “the ferry will not sail at all,” the captain said.\n\n"
               "The mayor called the plan “a quiet fiasco.”\n\n"
               "“Nobody told us,” a clerk said.\n")


def test_polnear_kind_follows_the_clause_in_the_stretch_not_the_reporter_words_of_the_content() -> None:
    def t(tid: str, label: str, s: int, e: int) -> str:
        return f"{tid}\t{label} {s} {e}\t{CLAUSE_TEXT[s:e]}"
    lead = 0; lead_e = CLAUSE_TEXT.index(" the captain")
    plan = CLAUSE_TEXT.index("“a quiet"); plan_e = CLAUSE_TEXT.index("\n", plan)
    clerk = CLAUSE_TEXT.index("“Nobody"); clerk_e = CLAUSE_TEXT.index(" a clerk")
    ann = "\n".join([
        t("T1", "Content", lead, lead_e), t("T2", "Source", lead_e + 1, lead_e + 12),
        "E1\tAttribution:T2 Content:T1 Source:T2",
        t("T3", "Content", plan, plan_e), t("T4", "Source", CLAUSE_TEXT.index("The mayor"), plan - 20),
        "E2\tAttribution:T4 Content:T3 Source:T4",
        t("T5", "Content", clerk, clerk_e), t("T6", "Source", clerk_e + 1, clerk_e + 8),
        "E3\tAttribution:T6 Content:T5 Source:T6",
    ]) + "\n"
    data = polnear.read_article("c1", CLAUSE_TEXT, ann, "c1.ann")
    kinds = {g["text"]: g["kind"] for g in data.gold}
    # the content takes in "Sooner or later", but the quoted words are a clause: direct (SPEC §4)
    assert kinds == {"the ferry will not sail at all,": "direct", "a quiet fiasco.": "partial", "Nobody told us,": "direct"}
    assert data.notes == {"direct_by_clause_test": 1, "partial_by_clause_test": 1}
    # PolNeAR's own view is unchanged: attributions whose content is wholly quoted, one span each
    assert sorted(v["text"] for v in data.views["polnear"]) == ["Nobody told us,", "a quiet fiasco."]


def test_polnear_single_quoted_stretches_are_unread_not_apostrophes() -> None:
    text = "“He told me, ‘Go home,’ and I did,” she said. It’s the crew’s boat.\n'Fine,' he said."
    assert [text[s:e] for s, e in polnear.single_stretches(text)] == ["Go home,", "Fine,"]
