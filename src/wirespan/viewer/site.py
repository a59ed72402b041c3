"""`build_site`: the whole static site, written atomically.

The site is built in a temporary folder beside the output and moved into
place only when every page rendered, so a failed build leaves the previous
site intact. An existing output folder is replaced only if it is a site this
function wrote (it holds `MARKER`), so `--out` can never wipe a project.
Everything is sorted and no clock is read: the same corpus gives the same
bytes.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wirespan.layers import registry
from wirespan.viewer.data import Corpus, ViewError, card_tables, load_corpus, load_errors, rows_by_doc
from wirespan.viewer.errors import document_errors, variant_errors
from wirespan.viewer.pages import document_page, document_pairs, error_rows, index_page, pair_file, pair_page, variants_page

MARKER = ".wirespan-site"
ASSETS = ("style.css", "viewer.js")


@dataclass(frozen=True)
class Site:
    """What was written: the folder and its pages."""

    out: Path
    pages: tuple[str, ...]


def build_site(corpus: Path, out: Path, pred: Sequence[Path] | None = None,
               reports: Path | None = None) -> Site:
    """Write the viewer of `corpus` to `out`; with `pred`, the errors view of those predictions.

    `reports` is the folder of evaluation reports the card's tables are
    rendered from (default: `reports/` beside the corpus folder, if any).
    """
    corpus, out = Path(corpus), Path(out)
    if reports is None and (corpus.resolve().parent / "reports").is_dir():
        reports = corpus.resolve().parent / "reports"
    files = render_site(corpus, pred, reports)
    _write_atomically(out, files)
    return Site(out, tuple(sorted(files)))


def render_site(corpus: Path, pred: Sequence[Path] | None, reports: Path | None) -> dict[str, str]:
    """Every page of the site by its relative path (nothing written)."""
    tables = card_tables(reports)
    if pred:
        errors = load_errors(corpus, pred)
        view = Corpus(corpus, errors.documents, errors.variants)
        variant_counts: dict | None = {}
        predicted = {layer: rows_by_doc(rows) for layer, rows in errors.predictions.items() if layer != "variants"}
        per_doc = {d["id"]: document_errors(d, {layer: rows.get(d["id"], []) for layer, rows in predicted.items()})
                   for d in view.documents}
        summary = {"sources": errors.sources, "rows": error_rows(view.documents, per_doc),
                   "layers": [l for l in registry.span_layers() if l in predicted],
                   "segments": "segments" in predicted}
        if "variants" in errors.predictions:
            shown_variants, variant_counts = variant_errors(errors.variants, errors.predictions["variants"])
            view = Corpus(corpus, errors.documents, shown_variants)
        note = (f"Errors view: the gold documents of {corpus.name}/ against predictions "
                f"({', '.join(Path(p).name for p in pred)}).")
    else:
        view = load_corpus(corpus)
        per_doc, summary, variant_counts = {}, None, None
        note = f"{len(view.documents)} documents and {len(view.variants)} variant pairs of {corpus.name}/."
    files = {"index.html": index_page(view.documents, view.variants, tables, note, summary)}
    for doc in view.documents:
        files[f"doc/{doc['id']}.html"] = document_page(doc, per_doc.get(doc["id"]))
    files["variants.html"] = variants_page(view.variants, variant_counts)
    docs = view.by_id
    for (a, b), rows in document_pairs(view.variants).items():
        files[f"variants/{pair_file(a, b)}"] = pair_page(docs[a], docs[b], rows, errors_mode=bool(pred))
    static = resources.files(__package__).joinpath("static")
    for name in ASSETS:
        files[f"assets/{name}"] = static.joinpath(name).read_text(encoding="utf-8")
    files[MARKER] = "A site written by `wirespan view`; the next build replaces this folder.\n"
    return files


def _write_atomically(out: Path, files: dict[str, str]) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ViewError([f"{out}: exists and is not a site written by `wirespan view`; "
                         "choose an empty or new folder"])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; a site is for reading
    try:
        for rel, text in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        old = None
        if out.exists():
            old = out.parent / f"{tmp.name}.old"
            out.rename(old)
        tmp.rename(out)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
