"""The resume state of an output folder: ``DIR/.redactor-state.sqlite``. Not for publication.

For every document released into the folder it records the SHA-256 of the input bytes, the
settings it was released under (the SHA-256 of the policy file, the as-of date, formats,
page size), the output name and sizes, the summary facts, the audit line and the keys of
the consistency checks (:mod:`redactor.batch.consistency`). A re-run
skips a document whose record matches and whose outputs are still there at their sizes,
and rebuilds ``audit.jsonl`` and ``summary.json`` from the records, so a resumed batch
writes the same bytes as one run from scratch.

Why a separate file, and why it must not be published: a hash of an input lets anyone
holding a guess of the withheld text confirm it (a cable whose only withheld part is a
short name is a few guesses away), and so does a key of a cut name. The release files
(``*.txt``, ``*.pdf``, ``summary.json``) therefore hold no input hash and no key; the
state file, like the audit, is the reviewer's.

Why SQLite: its commits are atomic and survive ``kill -9`` (the rollback journal), it is
read and written a row at a time so memory stays flat at any corpus size, and it can look
a document up by its source when the inputs changed order. The folder is locked for the
run, so two batches cannot write into it at once.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from redactor.batch.errors import BatchError
from redactor.redact import Release

__all__ = ["STATE_FILE", "Record", "State"]

STATE_FILE: Final = ".redactor-state.sqlite"
_VERSION: Final = 2  # 2: the consistency facts
_COLUMNS: Final = (
    "source",
    "input_sha256",
    "settings",
    "name",
    "reference_id",
    "release",
    "withheld_in_full",
    "codes",
    "pages",
    "sizes",
    "audit",
    "facts",
)
_SCHEMA: Final = f"""
CREATE TABLE IF NOT EXISTS documents (
    source TEXT PRIMARY KEY, {", ".join(f"{c}" for c in _COLUMNS[1:])}
);
PRAGMA user_version = {_VERSION};
"""


@dataclass(frozen=True, slots=True)
class Record:
    """One released document as the state remembers it (``settings``: :meth:`State.settings`)."""

    source: str
    input_sha256: str
    settings: str
    name: str
    reference_id: str | None
    release: Release
    withheld_in_full: bool
    codes: tuple[str, ...]
    pages: int
    sizes: tuple[tuple[str, int], ...]
    audit: str
    facts: str = ""  # Facts.dumps(): keys, never text


class State:
    """The state file of one output folder, open for one run."""

    def __init__(self, folder: Path):
        self.path = folder / STATE_FILE
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            # Not a state file we can read (damaged, or from another version): it is
            # only a cache of what is done, so start afresh; outputs get redone.
            self.path.unlink(missing_ok=True)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path)
        except sqlite3.OperationalError as exc:
            raise BatchError(f"{self.path}: cannot open the resume state ({exc})") from None
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version not in (0, _VERSION):
                db.execute("DROP TABLE IF EXISTS documents")
            db.executescript(_SCHEMA)
            db.execute("CREATE TEMP TABLE names (key TEXT PRIMARY KEY)")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @staticmethod
    def settings(
        *, policy_sha256: str, as_of: str, formats: tuple[str, ...], page_size: str
    ) -> str:
        """What a release depends on besides its input, as one comparable string."""
        return json.dumps(
            {
                "as_of": as_of,
                "formats": list(formats),
                "page_size": page_size if "pdf" in formats else None,
                "policy_sha256": policy_sha256,
            },
            sort_keys=True,
        )

    def get(self, source: str) -> Record | None:
        """The record of ``source`` from an earlier run, if any."""
        row = self._db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM documents WHERE source = ?",  # noqa: S608 - fixed names
            (source,),
        ).fetchone()
        if row is None:
            return None
        return Record(
            source=row[0],
            input_sha256=row[1],
            settings=row[2],
            name=row[3],
            reference_id=row[4],
            release=Release(row[5]),
            withheld_in_full=bool(row[6]),
            codes=tuple(json.loads(row[7])),
            pages=row[8],
            sizes=tuple((ext, size) for ext, size in json.loads(row[9])),
            audit=row[10],
            facts=row[11] or "",
        )

    def put(self, record: Record) -> None:
        """Remember a document whose outputs are in place (made durable by :meth:`commit`)."""
        self._db.execute(
            f"INSERT OR REPLACE INTO documents ({', '.join(_COLUMNS)}) "  # noqa: S608 - fixed names
            f"VALUES ({', '.join('?' for _ in _COLUMNS)})",
            (
                record.source,
                record.input_sha256,
                record.settings,
                record.name,
                record.reference_id,
                record.release.value,
                int(record.withheld_in_full),
                json.dumps(record.codes),  # a tuple is written as a list
                record.pages,
                json.dumps(record.sizes),
                record.audit,
                record.facts,
            ),
        )

    def forget(self, source: str) -> None:
        """Drop the record of a document that failed this time."""
        self._db.execute("DELETE FROM documents WHERE source = ?", (source,))

    def claim(self, name: str) -> bool:
        """Reserve an output name for this run; ``False`` if taken (case-insensitively)."""
        cursor = self._db.execute("INSERT OR IGNORE INTO names VALUES (?)", (name.lower(),))
        return cursor.rowcount == 1

    def commit(self) -> None:
        """Make what was put so far durable: atomic, whatever happens to the process next."""
        self._db.commit()

    def close(self) -> None:
        """Commit and close."""
        with contextlib.suppress(sqlite3.Error):
            self._db.commit()
        self._db.close()
