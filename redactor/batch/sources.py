"""The inputs of a batch, expanded lazily in a fixed order: files, folders, ``cables.csv``.

* A **file** is one document, whatever its extension, except ``*.csv``.
* A **folder** stands for every ``*.txt`` under it (any case of the extension), recursively,
  in sorted order (code-point order of the names, folder by folder), so two machines list
  the same folder the same way. Dot files and dot folders are skipped (``.git``, our own
  temporary files), and so is the batch's output folder when it lies inside an input.
* A ``*.csv`` file is a Cablegate-style ``cables.csv``: one document per row, streamed row
  by row with :mod:`csv`, never loaded whole (the real file is 1.7 GB). Columns, without a
  header row (a first row whose first cell is ``id`` is taken for a header and skipped):

  ====  ================  ================================================================
  #     column            use
  ====  ================  ================================================================
  1     id                unused (the record number names the row instead)
  2     date              unused
  3     reference id      the output name when the text yields none (else ``row-N``)
  4     origin            unused
  5     classification    unused: the text's own markings decide, never metadata
  6     references        unused
  7     header            the routing header; the document is ``header + "\\n\\n" + body``
  8     body              the cable text from its banner on; alone when ``header`` is blank
  ====  ================  ================================================================

  Quotes are ``"``, escaped with a backslash (``\\"``, ``\\'``, ``\\\\``) as in the WikiLeaks
  export; ``""`` is read as a quote too. A row is named ``FILE#N`` (N: the record number,
  from 1). A field may hold up to :data:`MAX_DOCUMENT_BYTES`; a longer one means a broken
  quote, and the rest of that file is reported as one failure.

Every document arrives as bytes (:class:`Item`); decoding is the pipeline's, so a CSV row
that is not UTF-8 fails alone with its byte offset, like a file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from redactor.batch.errors import BatchError

__all__ = ["CSV_COLUMNS", "MAX_DOCUMENT_BYTES", "Inputs", "Item"]

MAX_DOCUMENT_BYTES: Final = 64 * 1024 * 1024  # the longest real cable is well under 1 MB
CSV_COLUMNS: Final = (
    "id",
    "date",
    "reference_id",
    "origin",
    "classification",
    "references",
    "header",
    "body",
)
_HEADER, _BODY, _REFERENCE = 6, 7, 2


class _Cablegate(csv.Dialect):
    """The WikiLeaks ``cables.csv`` dialect: MySQL's export, quotes escaped by backslashes."""

    delimiter = ","
    quotechar = '"'
    escapechar = "\\"
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    strict = False


@dataclass(frozen=True, slots=True)
class Item:
    """One document of the batch, read but not yet decoded.

    ``source`` names it in messages, in the audit and in the resume state: the path as
    given (a folder's path joined with the file's path under it) or ``FILE.csv#N``.
    ``stem`` is the output name to fall back on. ``error`` says why it could not be read
    (then ``data`` is empty). ``size`` is how many input bytes it accounts for (progress).
    """

    source: str
    stem: str
    data: bytes
    size: int
    error: str | None = None


class Inputs:
    """The command line's ``INPUT...``, checked up front and expanded lazily in order."""

    def __init__(self, paths: Sequence[str], *, exclude: str | os.PathLike[str] | None = None):
        if not paths:
            raise BatchError("no INPUT given: name files, folders or a cables.csv")
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            raise BatchError(f"{missing[0]}: no such file or folder")
        self._paths = tuple(paths)
        self._exclude = Path(exclude).resolve() if exclude is not None else None

    def total_bytes(self) -> int:
        """The bytes the batch will read: what progress and the ETA are measured in."""
        total = 0
        for path in self._paths:
            if os.path.isdir(path):
                total += sum(_size(f) for f in self._walk(path))
            else:
                total += _size(path)
        return total

    def __iter__(self) -> Iterator[Item]:
        for path in self._paths:
            if os.path.isdir(path):
                for file in self._walk(path):
                    yield _read(file)
            elif path.lower().endswith(".csv"):
                yield from _rows(path)
            else:
                yield _read(path)

    def _walk(self, top: str) -> Iterator[str]:
        """``*.txt`` under ``top`` in sorted order; one folder's listing in memory at a time."""
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and not self._excluded(folder, d)
            )
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(".txt"):
                    yield os.path.join(folder, name)

    def _excluded(self, folder: str, name: str) -> bool:
        return self._exclude is not None and Path(folder, name).resolve() == self._exclude


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _read(path: str) -> Item:
    stem = Path(path).stem
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_DOCUMENT_BYTES:
                error = f"{path}: over {MAX_DOCUMENT_BYTES // 2**20} MiB, not a cable"
                return Item(path, stem, b"", size, error)
            data = handle.read()
    except OSError as exc:
        return Item(path, stem, b"", 0, f"{path}: cannot read: {exc.strerror}")
    return Item(path, stem, data, len(data))


def _rows(path: str) -> Iterator[Item]:
    """One :class:`Item` per CSV row, streamed; memory holds one row at a time."""
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_DOCUMENT_BYTES)
    number = 0
    try:
        raw = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by the text wrapper
    except OSError as exc:
        yield Item(path, Path(path).stem, b"", 0, f"{path}: cannot read: {exc.strerror}")
        return
    # surrogateescape keeps undecodable bytes: each row is re-encoded to its exact bytes
    # and decoded strictly by the pipeline, so one bad row fails alone.
    text = io.TextIOWrapper(
        io.BufferedReader(raw, 1 << 16), encoding="utf-8", errors="surrogateescape", newline=""
    )
    position = 0
    try:
        with text:
            for row in csv.reader(text, _Cablegate):
                number += 1
                if number == 1 and row and row[0].strip().lower() == "id":
                    number = 0
                    continue
                now = raw.tell()
                yield _row(path, number, row, now - position)
                position = now
    except csv.Error as exc:
        # A broken quote swallows the rest of the file: report it once, go on with the
        # other inputs. The message names the record, never its text.
        error = f"{path}#{number + 1}: malformed CSV ({_csv_reason(exc)}); the rest is skipped"
        yield Item(f"{path}#{number + 1}", f"row-{number + 1}", b"", 0, error)
    except OSError as exc:
        yield Item(path, Path(path).stem, b"", 0, f"{path}: cannot read: {exc.strerror}")
    finally:
        csv.field_size_limit(limit)
        with contextlib.suppress(OSError):
            raw.close()


def _row(path: str, number: int, row: list[str], size: int) -> Item:
    source = f"{path}#{number}"
    stem = row[_REFERENCE] if len(row) > _REFERENCE and row[_REFERENCE].strip() else ""
    stem = stem or f"row-{number}"
    if len(row) != len(CSV_COLUMNS):
        error = f"{source}: {len(row)} columns, expected {len(CSV_COLUMNS)} (id, ..., header, body)"
        return Item(source, stem, b"", size, error)
    header, body = row[_HEADER], row[_BODY]
    text = f"{header}\n\n{body}" if header.strip() else body
    return Item(source, stem, text.encode("utf-8", "surrogateescape"), size)


def _csv_reason(exc: csv.Error) -> str:
    """The csv module's reason, kept only when it is one of its fixed phrases."""
    message = str(exc)
    if "field larger than field limit" in message:
        return f"a field over {MAX_DOCUMENT_BYTES // 2**20} MiB: an unclosed quote?"
    return "unreadable row"
