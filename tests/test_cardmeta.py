"""Offline card checks: front matter values against the shipped allowed values, Datasheets sections."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from wirespan.release import cardmeta
from wirespan.release.card import STATIC_METADATA, read_front_matter

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "corpus" / "README.md"


@pytest.fixture
def meta() -> dict:
    return read_front_matter(README)


def test_committed_card_front_matter_passes(meta):
    assert cardmeta.check_front_matter(meta) == []


def test_static_metadata_passes():
    configs = [{"config_name": "documents", "default": True,
                "data_files": [{"split": "test", "path": "documents/test-00000-of-00001.parquet"}]}]
    assert cardmeta.check_front_matter({**STATIC_METADATA, "configs": configs}) == []


def test_allowed_values_come_from_the_installed_packages():
    allowed = cardmeta.allowed_values()
    assert "n<1K" in allowed["size_categories"] and "en" in allowed["language"]
    assert "monolingual" in allowed["multilinguality"]
    assert "expert-generated" in allowed["annotations_creators"] and "found" in allowed["language_creators"]
    assert {"other", "cc-by-4.0", "mit", "unknown"} <= set(allowed["license"])
    assert "token-classification" in allowed["task_categories"]
    assert "named-entity-recognition" in allowed["task_ids"]


@pytest.mark.parametrize("key, value, named", [
    ("size_categories", ["tiny"], "'tiny'"),
    ("license", "licence-x", "'licence-x'"),
    ("language", ["xx-invalid"], "'xx-invalid'"),
    ("language", ["en", "english"], "'english'"),
    ("multilinguality", ["bilingual"], "'bilingual'"),
    ("task_categories", ["span-extraction"], "'span-extraction'"),
    ("task_ids", ["quote-attribution"], "'quote-attribution'"),
    ("annotations_creators", ["experts"], "'experts'"),
    ("source_datasets", ["copied"], "'copied'"),
    ("license_name", "Mixed News Copyright", "'Mixed News Copyright'"),
])
def test_planted_bad_value_is_named(meta, key, value, named):
    bad = {**meta, key: value}
    issues = cardmeta.check_front_matter(bad)
    assert len(issues) == 1, issues
    assert issues[0].startswith(key) and named in issues[0], issues


def test_several_bad_values_give_one_message_each(meta):
    bad = {**meta, "size_categories": ["tiny"], "license": "licence-x", "language": ["xx-invalid"]}
    issues = cardmeta.check_front_matter(bad)
    assert len(issues) == 3, issues
    assert {i.split(":")[0] for i in issues} == {"size_categories", "license", "language"}


def test_unknown_key_is_reported(meta):
    bad = {**meta, "licence": "mit"}
    issues = cardmeta.check_front_matter(bad)
    assert len(issues) == 1 and issues[0].startswith("licence: unknown front matter key"), issues


def test_missing_required_key_and_other_licence_needs_name_and_link(meta):
    bad = {k: v for k, v in meta.items() if k not in ("language", "license_link")}
    issues = cardmeta.check_front_matter(bad)
    assert any("'language' is a required property" in i for i in issues), issues
    assert any("'license_link' is a required property" in i for i in issues), issues


def test_configs_rules(meta):
    bad = copy.deepcopy(meta)
    bad["configs"][0].pop("default")
    bad["configs"][1]["data_files"][0]["split"] = "test-gold"
    issues = cardmeta.check_front_matter(bad)
    assert any("exactly one config needs default: true" in i for i in issues), issues
    assert any(i.startswith("configs[1].data_files[0].split") for i in issues), issues
    bad = copy.deepcopy(meta)
    bad["dataset_info"][0]["config_name"] = "nowhere"
    assert any("'nowhere' is not in configs" in i for i in cardmeta.check_front_matter(bad))


def test_committed_card_has_every_datasheet_section():
    _, body = cardmeta.split_card(README.read_text(encoding="utf-8"))
    assert cardmeta.missing_datasheet_sections(body) == []
    assert cardmeta.check_card(README) == []


def test_section_check_reports_a_missing_section():
    body = ("# Card\n\n## Motivation\n\n## Composition\n\n## Collection process\n\n"
            "## Preprocessing, cleaning and labelling\n\n## Uses\n\n## Distribution\n\n## Maintenance\n")
    assert cardmeta.missing_datasheet_sections(body) == []
    assert cardmeta.missing_datasheet_sections(body.replace("## Maintenance\n", "")) == ["maintenance"]
    without_uses = body.replace("## Uses\n", "Uses are many.\n")  # prose is not a heading
    assert cardmeta.missing_datasheet_sections(without_uses) == ["uses"]
    fenced = body.replace("## Distribution\n", "```\n## Distribution\n```\n")  # nor is code
    assert cardmeta.missing_datasheet_sections(fenced) == ["distribution"]
    assert cardmeta.missing_datasheet_sections("# Card\n\nNothing here.\n") == list(cardmeta.DATASHEET_SECTIONS)
