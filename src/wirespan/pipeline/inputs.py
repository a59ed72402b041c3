"""Reading input documents: `.txt` files, JSONL records and the one rule for their ids and repeats.

`wirespan annotate`, `annotate-corpus` and the Python API all read their
inputs through this module, so an id, a date or a repeat means the same
thing everywhere: `input_document` checks one record, `read_txt` one file,
`corpus_id` and `txt_id` give the corpus id and the input id kept beside
it, `check_date` and `check_home` check the two input hints, and `UniqueInputs` admits documents one at a time (refusing two that
would share a corpus id, reporting identical repeats).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from wirespan.corpus.jsonl import read_lines
from wirespan.errors import InputError

#: A run of exactly 16 lower-case hex digits in a file name (the seeds' corpus ids).
_HEX16 = re.compile(r"(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")
_CORPUS_ID = re.compile(r"[0-9a-f]{16}")


def check_date(value: Any, where: str) -> str | None:
    """`value` when it is a YYYY-MM-DD date or None; else InputError naming `where`."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: published must be a YYYY-MM-DD string or null, got {value!r}")
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}: published {value!r} is not a YYYY-MM-DD date") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise InputError(f"{where}: published {value!r} is not a YYYY-MM-DD date")
    return value


def check_home(value: Any, where: str) -> str | None:
    """The upper-case ISO 3166 code of a source's home ("US", "US-IL") or None; else InputError naming `where`.

    The home says where the news source is published (the locations layer
    reads it as a dateline the article did not print). Like `published`, it is
    an input hint: it is read by the baselines and never written into a row.
    """
    if value is None:
        return None
    from wirespan.layers.locations.home import parse_home  # here: the locations layer loads its gazetteer

    try:
        home = parse_home(value)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    return home.code if home is not None else None


def read_input(path: Path, warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Input documents as `{id, input_id, text, sha256, published, home, origin}`, in a stable order.

    A folder gives its `.txt` files sorted by name (`txt_files`); a JSONL file its lines in
    order. Raises `InputError` naming the file (and line) on anything unusable.
    An identical repeat is left out and reported through `warn` (default:
    a line on stderr), since a collection with repeats is common and harmless.
    """
    path = Path(path)
    if path.is_dir():
        docs = [read_txt(p) for p in txt_files(path)]
        if not docs:
            raise InputError(f"{path}: no .txt files")
    elif path.is_file():
        docs = _read_jsonl(path)
        if not docs:
            raise InputError(f"{path}: no documents")
    else:
        raise InputError(f"{path}: no such file or folder")
    for warning in check_unique(docs):
        (warn or warn_stderr)(warning)
    return docs


def warn_stderr(message: str) -> None:
    """A warning of the command line: one line on stderr."""
    print(f"warning: {message}", file=sys.stderr)


def check_unique(docs: list[dict[str, Any]]) -> list[str]:
    """Refuse two input documents that would share a corpus id (naming both); report identical repeats.

    Returns one warning per repeated identical document (same id, same
    original id and same text, or the same text without an id); the repeat
    is removed from `docs` in place, so it is annotated once. Anything else
    sharing a corpus id would give colliding annotation ids: `InputError`.
    """
    ids, kept, warnings = UniqueInputs(), [], []
    for doc in docs:
        first = ids.admit(doc)
        if first is None:
            kept.append(doc)
        else:
            warnings.append(repeat_warning(doc, first, ids.differing_hints(doc)))
    docs[:] = kept
    return warnings


class UniqueInputs:
    """Admits input documents one at a time (the one rule of `annotate`, the API and `annotate-corpus`).

    Remembers, per corpus id, the text's sha256, the original id and the
    origin of the first document that had it: a few hundred bytes per
    document, so a streamed corpus can be checked in one pass.
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, str | None, str]] = {}
        #: the first copy's hints (published, home), to say when a repeat gives other ones
        self._hints: dict[str, tuple[Any, Any]] = {}

    def admit(self, doc: Mapping[str, Any]) -> str | None:
        """None for a new document (keep it); the origin of the first copy for an identical repeat (drop it).

        Raises `InputError`, naming both origins, when the corpus id is taken
        by a different text, or by a different original id (two ids that
        derive the same corpus id, or one id that is another's corpus id).
        """
        doc_id, original = doc["id"], doc.get("input_id")
        if doc_id not in self._seen:
            self._seen[doc_id] = (doc["sha256"], original, doc["origin"])
            if doc.get("published") is not None or doc.get("home") is not None:  # kept only where given
                self._hints[doc_id] = (doc.get("published"), doc.get("home"))
            return None
        sha, first_original, first = self._seen[doc_id]
        if original != first_original:
            raise InputError(f"{doc['origin']}: id {_id_text(doc_id, original)} gives corpus id {doc_id}, which "
                             f"{first} already has (id {_id_text(doc_id, first_original)}); the ids must not collide")
        if sha != doc["sha256"]:
            raise InputError(f"{doc['origin']}: document id {_id_text(doc_id, original)} is also the id of {first}, "
                             "with a different text (ids must be unique)")
        return first

    def differing_hints(self, doc: Mapping[str, Any]) -> list[str]:
        """The hints (published, home) an admitted document's repeat gives differently from its first copy."""
        first = self._hints.get(doc["id"], (None, None))
        return [name for name, a, b in zip(("published", "home"), first, (doc.get("published"), doc.get("home")))
                if a != b]


def _id_text(doc_id: str, original: str | None) -> str:
    """How an id is named in a message: the original id (and the corpus id it gives), or the corpus id."""
    return repr(original) if original is not None else doc_id


def repeat_warning(doc: Mapping[str, Any], first: str, differing: Sequence[str] = ()) -> str:
    """The warning for an identical repeat, naming both places (and the hints it gives differently, which
    are not used: the first copy's are)."""
    hints = (f"; its {' and '.join(differing)} differ{'s' if len(differing) == 1 else ''} from the first copy's, "
             "which are used" if differing else "")
    return (f"{doc['origin']}: repeats {first} (id {_id_text(doc['id'], doc.get('input_id'))}, same text); "
            f"annotated once, the repeat is left out{hints}")


def read_txt(path: Path) -> dict[str, Any]:
    """One `.txt` file as an input document (id from the file name, see `txt_id`; UTF-8 required)."""
    shown = readable(str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown}: not valid UTF-8 at byte {exc.start}: {exc.reason}") from None
    doc_id, original = txt_id(path)
    return {"id": doc_id, "input_id": original, "text": text, "sha256": hashlib.sha256(raw).hexdigest(),
            "published": None, "home": None, "origin": shown}


def readable(name: str) -> str:
    """A file name as text that can be written anywhere: bytes that are not UTF-8 shown as `\\xNN`.

    Python reads such bytes of a POSIX file name as lone surrogates, which no
    UTF-8 file, card or terminal accepts.
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def txt_files(folder: Path) -> list[Path]:
    """The articles of a folder: its `.txt` files (any case of the suffix), sorted by name.

    Hidden files are left out: `._story.txt` (macOS resource forks) and the
    like are not articles, and their bytes are usually not UTF-8.
    """
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() == ".txt" and not p.name.startswith(".") and p.is_file())


def txt_id(path: Path) -> tuple[str, str | None]:
    """(corpus id, input id to keep) of a `.txt` file: the file name is the id the user gave it.

    The name without its suffix is the input id (`storm-report.txt` →
    `storm-report`), and the corpus id is derived from it as from a JSONL
    id, so a user can join every row back to the file it came from. A name
    holding a run of exactly 16 lower-case hex digits takes that run as its
    corpus id (the seeds' convention, `000_569bba623fe2f823.txt`); the whole
    name is still kept unless it is nothing but the run. A name that is not
    valid UTF-8 is kept with its bad bytes written `\\xNN`.
    """
    stem = readable(path.stem)
    match = _HEX16.search(stem)
    if match is None:
        return corpus_id(stem, readable(str(path)))
    return match.group(0), (None if match.group(0) == stem else stem)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines, issues = read_lines(path)
    if issues:
        raise InputError("\n".join(f"{i.file}: {i.message}" for i in issues))
    docs = []
    for lineno, record in lines:
        where = f"{path}:{lineno}"
        docs.append(input_document(record, where))
    return docs


def input_document(record: Any, where: str, extra_fields: bool = False) -> dict[str, Any]:
    """One input document `{id, text[, published][, home]}` checked and completed (id from the text's sha256
    when absent; `home` as its upper-case ISO 3166 code, see `check_home`).

    `extra_fields` allows other fields (the columns of a Parquet file or a
    Hugging Face dataset), which are ignored; a JSONL line or a Python record
    must have only these.

    The one reading of an input record, shared by JSONL files and the Python API.
    """
    if not isinstance(record, Mapping):
        raise InputError(f"{where}: each document must be an object {{id, text[, published][, home]}}")
    unknown = set(record) - {"id", "text", "published", "home"}
    if unknown and not extra_fields:
        raise InputError(f"{where}: unknown field(s) {', '.join(sorted(unknown))} "
                         "(allowed: id, text, published, home)")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: text must be a string")
    raw = text.encode("utf-8")
    if record.get("id") is None:
        doc_id, original = hashlib.sha256(raw).hexdigest()[:16], None
    else:
        doc_id, original = corpus_id(record["id"], where)
    return {"id": doc_id, "input_id": original, "text": text, "sha256": hashlib.sha256(raw).hexdigest(),
            "published": check_date(record.get("published"), where), "home": check_home(record.get("home"), where),
            "origin": where}


def corpus_id(value: Any, where: str) -> tuple[str, str | None]:
    """(corpus id, original id to keep) of an input record's id.

    16 lower-case hex digits are the corpus id itself (nothing to keep). Any
    other non-empty string, or an integer (as its decimal string, since
    dataset row ids are often numbers), is kept, and the corpus id derived
    from it: the first 16 hex digits of the sha256 of its UTF-8 bytes, the
    same on every run and machine. Floats, booleans and other values are
    refused: their text form is not what the user typed.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"{where}: id must be a string or an integer (or absent), "
                         f"got {type(value).__name__} {value!r}")
    original = str(value)
    if not original.strip():
        raise InputError(f"{where}: id must not be empty or blank (leave it out to derive one from the text)")
    if _CORPUS_ID.fullmatch(original):
        return original, None
    try:
        digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        raise InputError(f"{where}: id {original!r} is not encodable as UTF-8: {exc.reason}") from None
    return digest[:16], original


__all__ = ["InputError", "UniqueInputs", "check_date", "check_home", "check_unique", "corpus_id", "input_document", "read_input",
           "read_txt", "readable", "repeat_warning", "txt_files", "txt_id", "warn_stderr"]
