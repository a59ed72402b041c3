"""A card people can cite and follow from the published folder: links, shipped files, citation, licences."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import bibtexparser
import pytest
import yaml

from conftest import ROOT
from wirespan.corpus.layout import PROJECT_FILES
from wirespan.release import card, citation
from wirespan.release.card import read_front_matter
from wirespan.version import __version__

CORPUS = ROOT / "corpus"
PUBLISHED_CARD = (CORPUS / "README.md").read_text(encoding="utf-8")


def test_every_relative_link_of_the_published_card_resolves_inside_the_corpus() -> None:
    links = card.relative_links(PUBLISHED_CARD)
    assert len(links) >= 20, links  # the card cites the SPEC, guidelines, stories, registry, annotations...
    for target in links:
        path = (CORPUS / target.split("#")[0]).resolve()
        assert path.is_relative_to(CORPUS.resolve()) and path.exists(), target


def test_paths_the_card_names_in_shipped_folders_exist() -> None:
    """An inline `path` under a folder the corpus ships (docs/, gold/, ...) must be in the corpus too."""
    shipped = {p.split("/")[0] for p in PROJECT_FILES} | {"schema"}
    prose = re.sub(r"^```.*?^```", "", PUBLISHED_CARD, flags=re.MULTILINE | re.DOTALL)
    named = [m for m in re.findall(r"`([\w.-]+/[\w./*-]*)`", prose) if m.split("/")[0] in shipped]
    for path in named:
        assert list(CORPUS.glob(path.rstrip("/"))), path


def test_link_check_names_a_missing_cited_file(tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    shutil.rmtree(copy / "docs" / "guidelines")
    messages = [i.message for i in card.link_issues(copy)]
    assert "card links to 'docs/guidelines/', which is not in the corpus folder" in messages
    assert "card links to 'docs/guidelines/quotes.md', which is not in the corpus folder" in messages
    (copy / "README.md").write_text(PUBLISHED_CARD + "\n[outside](../README.md)\n", encoding="utf-8")
    assert any("'../README.md'" in i.message for i in card.link_issues(copy))


def test_shipped_project_files_are_the_projects() -> None:
    for published, source in PROJECT_FILES.items():
        sources = [ROOT / source] if (ROOT / source).is_file() else sorted(p for p in (ROOT / source).rglob("*") if p.is_file())
        assert sources, source
        for path in sources:
            rel = path.relative_to(ROOT / source) if (ROOT / source).is_dir() else Path()
            assert (CORPUS / published / rel).read_bytes() == path.read_bytes(), (published, rel)


# ---------------------------------------------------------------- citation
def bibtex_entry() -> dict[str, str]:
    block = re.search(r"```bibtex\n(.*?)```", PUBLISHED_CARD, re.DOTALL)
    assert block, "the card has no BibTeX block"
    library = bibtexparser.parse_string(block.group(1))
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    return {name: entry.fields_dict[name].value for name in entry.fields_dict}


def test_bibtex_and_citation_cff_agree() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    bib = bibtex_entry()
    title = re.search(r"^# (.+)$", (ROOT / "DATACARD.md").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert bib["title"].strip("{}") == cff["title"] == cff["preferred-citation"]["title"] == title
    assert bib["version"] == str(cff["version"]) == str(cff["preferred-citation"]["version"]) == __version__
    assert [a.strip("{}") for a in bib["author"].split(" and ")] == [a["name"] for a in cff["authors"]] \
        == [a["name"] for a in cff["preferred-citation"]["authors"]]
    assert int(bib["year"]) == cff["preferred-citation"]["year"]
    assert bib.get("url") == cff.get("url") == cff["preferred-citation"].get("url") == citation.REPOSITORY_URL
    assert {"cff-version", "message", "title", "authors"} <= set(cff) and cff["cff-version"] == "1.2.0"
    assert (CORPUS / "CITATION.cff").read_bytes() == (ROOT / "CITATION.cff").read_bytes()


def test_authors_and_year_are_the_licence_copyright_line() -> None:
    line = re.search(r"^Copyright \(c\) (\d{4}) (.+)$", (ROOT / "LICENSE.md").read_text(encoding="utf-8"),
                     re.MULTILINE)
    assert line and int(line.group(1)) == citation.YEAR and (line.group(2),) == citation.AUTHORS


def test_a_repository_address_reaches_bibtex_cff_and_card(monkeypatch: pytest.MonkeyPatch) -> None:
    datacard = (ROOT / "DATACARD.md").read_text(encoding="utf-8")
    assert "url" not in citation.bibtex(datacard) and "no public address" in citation.block(datacard)
    monkeypatch.setattr(citation, "REPOSITORY_URL", "https://example.org/wirespan")
    assert "url     = {https://example.org/wirespan}" in citation.bibtex(datacard)
    assert citation.cff(datacard)["url"] == citation.cff(datacard)["preferred-citation"]["url"]
    assert "<https://example.org/wirespan>" in citation.block(datacard)


# ---------------------------------------------------------------- licences
def test_licence_in_front_matter_and_card() -> None:
    meta = read_front_matter(CORPUS / "README.md")
    assert meta["license"] == "other" and (CORPUS / meta["license_link"]).is_file()
    section = PUBLISHED_CARD.split("### Copyright and licence", 1)[1].split("\n## ", 1)[0]
    assert "copyright of their publishers" in section and "MIT licence" in section
    licence = (ROOT / "LICENSE.md").read_text(encoding="utf-8")
    assert "MIT licence" in licence and "copyrighted by their publishers" in licence
