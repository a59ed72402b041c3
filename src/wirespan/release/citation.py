"""How to cite wirespan: the card's citation block (BibTeX) and `CITATION.cff`, from one set of facts.

The title is the card's own first heading, the version `wirespan.__version__`;
the authors and the year are those of the copyright line in LICENSE.md (a test
checks that they agree). `REPOSITORY_URL` is where the project lives
publicly: it has no public address yet, so it is None and neither the card nor
`CITATION.cff` names one. When the project gets one, set it here and rebuild
(`make corpus`): the BibTeX entry, `CITATION.cff` and the card's
"Maintenance" text all follow.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from wirespan.version import __version__

#: The project's public address (repository or Hub dataset page); None while there is none.
REPOSITORY_URL: str | None = None
#: The copyright holders of the annotations, schemas and code, as LICENSE.md names them.
AUTHORS: tuple[str, ...] = ("the wirespan developers",)
#: The year of the copyright line in LICENSE.md, used as the year of the citation.
YEAR = 2026
#: Name of the Citation File Format file at the project's root.
CFF = "CITATION.cff"
KEYWORDS = ("news", "span annotation", "quotation attribution", "numeric expressions", "toponym resolution",
            "cross-document alignment", "text reuse")

_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)


def title(card_text: str) -> str:
    """The card's first level-1 heading (the dataset's title)."""
    match = _TITLE.search(re.sub(r"^---\n.*?\n---\n", "", card_text, count=1, flags=re.DOTALL))
    if not match:
        raise ValueError("DATACARD.md: no level-1 heading to take the title from")
    return match.group(1).strip()


def bibtex(card_text: str) -> str:
    """The BibTeX entry of this version of the dataset."""
    fields = [("title", f"{{{title(card_text)}}}"),
              ("author", " and ".join(f"{{{a}}}" for a in AUTHORS)),  # braces: an organisation, not a person
              ("year", str(YEAR)), ("version", __version__), ("note", f"Dataset, version {__version__}")]
    if REPOSITORY_URL:
        fields.append(("url", REPOSITORY_URL))
    key = f"wirespan_{__version__.replace('.', '_')}"
    body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def block(card_text: str) -> str:
    """The card's generated citation block: where the project lives, and the BibTeX entry."""
    where = (f"The project lives at <{REPOSITORY_URL}>." if REPOSITORY_URL else
             "The project has no public address yet, so the entry names none; cite the version you used.")
    return (f"{where} The same facts are in [{CFF}]({CFF}) (Citation File Format 1.2.0), which GitHub, "
            "Zenodo and reference managers read.\n\n```bibtex\n" + bibtex(card_text) + "```\n")


def cff(card_text: str) -> dict[str, Any]:
    """`CITATION.cff` (Citation File Format 1.2.0) of this version, as a mapping."""
    def authors() -> list[dict[str, str]]:  # a fresh list each time: YAML would write a shared one as an alias
        return [{"name": a} for a in AUTHORS]

    preferred: dict[str, Any] = {"type": "data", "title": title(card_text), "authors": authors(), "year": YEAR,
                                 "version": __version__}
    meta: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use wirespan, please cite it as below.",
        "type": "dataset",
        "title": title(card_text),
        "version": __version__,
        "authors": authors(),
        "abstract": ("Five reports of 2022-03-31 on the Russia-Ukraine war from different outlets, kept byte for "
                     "byte and annotated with character spans: segments, quotes with speakers, figures with "
                     "normalised values, GeoNames-grounded locations and cross-source variant pairs. The "
                     "annotations, schemas and code are under the MIT licence (LICENSE.md); the article texts "
                     "are copyrighted by their publishers and shared only for research."),
        "keywords": list(KEYWORDS),
    }
    if REPOSITORY_URL:
        meta["url"] = preferred["url"] = REPOSITORY_URL
    meta["preferred-citation"] = preferred
    return meta


def cff_text(card_text: str) -> str:
    """The bytes of `CITATION.cff` (stable key order, so a rebuild leaves it unchanged)."""
    return yaml.safe_dump(cff(card_text), sort_keys=False, allow_unicode=True, width=100)


def refresh(root: Path) -> None:
    """Write the project's `CITATION.cff` from its DATACARD.md (the build does, for the project's own corpus;
    the corpus ships the same file)."""
    path = Path(root) / CFF
    text = cff_text((Path(root) / "DATACARD.md").read_text(encoding="utf-8"))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
