"""One error model: a base error, and findings that say what check failed, how grave it is, and where.

Every error wirespan raises on purpose derives from `WirespanError`, whose
`exit_code` is the command line's exit status: 1 for a bad corpus or bad
inputs (`CorpusError`), 2 for bad usage, unusable input files or malformed
predictions (`UsageError` and its kinds). A command never shows a traceback
for these.

Every check of the build, of `wirespan validate` and of `wirespan verify`
reports a `CorpusIssue` (a *finding*). As in Universal Dependencies'
validator, a finding carries a stable check id (`span-text`, `schema-enum`,
`checksums-mismatch` …) that tests and scripts can rely on, and a level:

1. files and formats (a seed, a JSON line, a Parquet file, a manifest);
2. JSON Schema of one record;
3. one record against its document (offsets, text, ids, known documents);
4. the structure of a document or of the corpus (segments, annotatable
   regions, variant references, flat configs against nested layers);
5. the release (card, checksums, versions).

It also says where: file, document, layer, record and offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: What each level checks (the `[L<n> …]` prefix of a finding).
LEVELS = {1: "file", 2: "schema", 3: "record", 4: "structure", 5: "release"}


@dataclass(frozen=True, order=True)
class CorpusIssue:
    """One finding in the inputs or the built corpus."""

    file: str
    message: str
    doc_id: str | None = None
    layer: str | None = None
    record_id: str | None = None
    offset: int | None = None
    check: str = "unspecified"
    level: int = 3

    def __str__(self) -> str:
        where = [self.file]
        if self.doc_id is not None:
            where.append(f"doc {self.doc_id}")
        if self.layer is not None:
            where.append(f"layer {self.layer}")
        if self.record_id is not None:
            where.append(f"record {self.record_id}")
        if self.offset is not None:
            where.append(f"offset {self.offset}")
        return f"[L{self.level} {self.check}] {', '.join(where)}: {self.message}"


def listing(items: Sequence[object], limit: int | None = 50) -> str:
    """Items one per line (the first `limit`, then how many more), for error messages."""
    shown = items if limit is None else items[:limit]
    more = f"\n  … and {len(items) - limit} more" if limit is not None and len(items) > limit else ""
    return "\n".join(f"  - {item}" for item in shown) + more


class WirespanError(Exception):
    """Base of every error wirespan raises on purpose; `exit_code` is the command's exit status."""

    exit_code = 1


class CorpusError(WirespanError):
    """A bad corpus or bad inputs: raised with every finding, listed one per line."""

    exit_code = 1

    def __init__(self, issues: Sequence[CorpusIssue], limit: int | None = 50):
        self.issues = list(issues)
        super().__init__(f"{len(self.issues)} problem(s):\n{listing(self.issues, limit)}")


class UsageError(WirespanError):
    """Bad usage or unusable input files: exit status 2."""

    exit_code = 2


class InputError(UsageError):
    """Unusable input to `annotate` (file, line and reason)."""


class SchemaError(UsageError):
    """A schema folder or file is missing or unreadable, or uses a construct the Arrow derivation does not support.

    `file` and `check` say which file and what is wrong, so a command that reads
    a corpus's own `schema/` copy can report it as a finding of that corpus.
    """

    def __init__(self, message: str, file: str | None = None, check: str = "schema-invalid"):
        self.file, self.check = file, check
        super().__init__(f"{file}: {message}" if file else message)

    def finding(self) -> CorpusIssue:
        """This error as a finding (level 1: a file of the corpus)."""
        return CorpusIssue(self.file or "schema", str(self.args[0]).removeprefix(f"{self.file}: "),
                           check=self.check, level=1)


class CroissantError(WirespanError):
    """An Arrow type the Croissant derivation does not support."""


class PackageDataError(UsageError):
    """An installed package lacks a data file wirespan reads, or the file is not in the layout read
    (the message names the package, its version and the path): reinstall the pinned version."""


class PublishError(UsageError):
    """A release request refused before anything is uploaded."""


class LockError(UsageError):
    """Another run holds the lock on the output folder (or the lock cannot be taken): nothing was written."""


class PredictionError(UsageError):
    """Malformed predictions: one line per problem (file, row, reason)."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the predictions:\n{listing(self.problems)}")
