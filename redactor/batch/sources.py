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
  from 1).

**Size.** A document over the batch's size limit (``--max-size``, default 50 MiB) fails
alone, with its source and the limit, and the batch goes on; no more than the limit and
one byte is ever read of a file. A CSV row is read a line at a time and at most the limit
plus :data:`ROW_SLACK` characters of it are held (its other columns, quotes and escapes);
a longer row fails alone: the rest of it is skipped with a parser that keeps no text, and
the next row is read as usual. A quote that never closes makes the rest of the file one
row, reported once.

Every document arrives as bytes (:class:`Item`); decoding is the pipeline's, so a CSV row
that is not UTF-8 fails alone with its byte offset, like a file.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import io
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from redactor.batch.errors import BatchError
from redactor.errors import DEFAULT_MAX_DOCUMENT_BYTES, DocumentTooLargeError

__all__ = ["CSV_COLUMNS", "ROW_SLACK", "Inputs", "Item"]

ROW_SLACK: Final = 64 * 1024  # a CSV row's characters beyond its document's bytes
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
    """The command line's ``INPUT...``, checked up front and expanded lazily in order.

    ``max_bytes`` is the batch's size limit (``--max-size``): a larger document is an
    :class:`Item` with an error, read no further than the limit and one byte.
    """

    def __init__(
        self,
        paths: Sequence[str],
        *,
        exclude: str | os.PathLike[str] | None = None,
        max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
    ):
        if not paths:
            raise BatchError("no INPUT given: name files, folders or a cables.csv")
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            raise BatchError(f"{missing[0]}: no such file or folder")
        self._paths = tuple(paths)
        self._exclude = Path(exclude).resolve() if exclude is not None else None
        self._max = max_bytes

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
                    yield _read(file, self._max)
            elif path.lower().endswith(".csv"):
                yield from _rows(path, self._max)
            else:
                yield _read(path, self._max)

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


def _too_large(source: str, max_bytes: int) -> str:
    return str(DocumentTooLargeError(limit=max_bytes, source=source))


def _read(path: str, max_bytes: int) -> Item:
    """One file, of which at most ``max_bytes + 1`` bytes are read (its size may lie)."""
    stem = Path(path).stem
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = b"" if size > max_bytes else handle.read(max_bytes + 1)
    except OSError as exc:
        return Item(path, stem, b"", 0, f"{path}: cannot read: {exc.strerror}")
    if size > max_bytes or len(data) > max_bytes:
        return Item(path, stem, b"", size, _too_large(path, max_bytes))
    return Item(path, stem, data, len(data))


_CHUNK: Final = 1 << 16
_PLAIN = re.compile(r'[^",\\\r\n]+')
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")


class _Lines:
    r"""The lines of a CSV file, fed to :mod:`csv` with a budget of characters per row.

    The file is read in blocks of :data:`_CHUNK` characters, cut into lines as
    ``newline=""`` would (``"\r\n"``, ``"\r"`` or ``"\n"``). ``csv.reader`` asks for lines
    until its row is complete; :meth:`lines` hands them over, keeping the row's lines so
    far (the reader keeps as much), and stops when the row, or a line that does not end,
    goes over ``budget``: :attr:`over` is then set, and :meth:`skip` reads the row to its
    end without keeping its text. Memory: the budget, one block, and csv's copy.
    """

    def __init__(self, text: io.TextIOBase, budget: int):
        self._text = text
        self._queue: collections.deque[str] = collections.deque()  # whole lines read
        self._rest = ""  # the start of a line whose end is not read yet
        self.budget = budget
        self.held: list[str] = []
        self._held_size = 0  # characters in ``held``: a running total keeps a row linear
        self.over = False
        self.ended = False  # the file is read to its end

    def next_row(self) -> None:
        """A row was read: the next starts with an empty budget."""
        self.held.clear()
        self._held_size = 0

    def lines(self) -> Iterator[str]:
        """Lines for one ``csv.reader``, up to the first row over the budget."""
        held, queue = self.held, self._queue
        while True:
            while queue:
                line = queue.popleft()
                held.append(line)
                self._held_size += len(line)
                yield line
            if self._held_size + len(self._rest) > self.budget:
                self.over = True
                return
            if not self._fill():
                self.ended = True
                return

    def _fill(self) -> bool:
        """Read a block into whole lines; ``False`` at the end of the file."""
        block = self._text.read(_CHUNK)
        data = self._rest + block
        if not block:
            self._rest = ""
            if data:
                self._queue.append(data)
            return bool(data)
        head = data[:-1] if data.endswith("\r") else data  # its "\n" may come next
        end = max(head.rfind("\n"), head.rfind("\r")) + 1
        self._queue.extend(_LINE.findall(data, 0, end))
        self._rest = data[end:]
        return True

    def skip(self) -> bool:
        r"""Read the over-long row to its end without keeping its text; ``False`` if it
        has none (an unclosed quote runs it to the end of the file, or past any bound).

        csv reads a *shadow* of it: every run of characters other than ``"``, ``,``, ``\``
        and line ends becomes one ``x``. csv's parser goes through the same states on one
        ordinary character as on many, so the shadow row ends where the real one does.
        """
        self.over = False
        next(csv.reader(self._shadow(), _Cablegate), None)
        self.next_row()
        return not self.ended

    def _shadow(self) -> Iterator[str]:
        r"""The shadow of the row's lines, from its first; a line that does not end is
        shadowed as it is read, so memory holds no more of it than one block."""
        queue, lines = self._queue, iter(self.held)
        pending: list[str] = []
        size = 0
        while True:
            line = next(lines, None)
            if line is None:
                if not queue:
                    if len(self._rest) > _CHUNK:  # a "\r" at its end stays: "\n" may follow
                        cut = len(self._rest) - self._rest.endswith("\r")
                        pending.append(_PLAIN.sub("x", self._rest[:cut]))
                        size += len(pending[-1])
                        self._rest = self._rest[cut:]
                    if size > self.budget:  # even its shadow is too long: no end in sight
                        self.ended = True
                        return
                    if not self._fill():
                        break
                    continue
                line = queue.popleft()
            pending.append(_PLAIN.sub("x", line))
            size += len(pending[-1])
            if size > self.budget:
                self.ended = True
                return
            yield "".join(pending)
            pending.clear()
        if pending:
            yield "".join(pending)
        self.ended = True  # csv asks for more after the last line: the row never ends


def _rows(path: str, max_bytes: int) -> Iterator[Item]:
    """One :class:`Item` per CSV row, streamed; memory holds one row at a time."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max_bytes + ROW_SLACK + 2 * _CHUNK)  # the row's budget comes first
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
    lines = _Lines(text, max_bytes + ROW_SLACK)
    position = 0
    try:
        with text:
            while not lines.ended:
                for row in csv.reader(lines.lines(), _Cablegate):
                    if lines.over:  # the reader got a truncated row: not a row at all
                        break
                    lines.next_row()
                    number += 1
                    if number == 1 and row and row[0].strip().lower() == "id":
                        number = 0
                        continue
                    now = raw.tell()
                    yield _row(path, number, row, now - position, max_bytes)
                    position = now
                if lines.over:
                    number += 1
                    source = f"{path}#{number}"
                    if not lines.skip():
                        # A quote that never closes swallows the rest of the file: one
                        # failure, and the other inputs go on. It names the record only.
                        error = (
                            f"{source}: malformed CSV (a row that never ends: an unclosed "
                            "quote?); the rest is skipped"
                        )
                        yield Item(source, f"row-{number}", b"", 0, error)
                        return
                    now = raw.tell()
                    error = _too_large(source, max_bytes)
                    yield Item(source, f"row-{number}", b"", now - position, error)
                    position = now
    except csv.Error:  # pragma: no cover - defensive: rows are split and bounded first
        error = f"{path}#{number + 1}: malformed CSV (unreadable row); the rest is skipped"
        yield Item(f"{path}#{number + 1}", f"row-{number + 1}", b"", 0, error)
    except OSError as exc:
        yield Item(path, Path(path).stem, b"", 0, f"{path}: cannot read: {exc.strerror}")
    finally:
        csv.field_size_limit(limit)
        with contextlib.suppress(OSError):
            raw.close()


def _row(path: str, number: int, row: list[str], size: int, max_bytes: int) -> Item:
    source = f"{path}#{number}"
    stem = row[_REFERENCE] if len(row) > _REFERENCE and row[_REFERENCE].strip() else ""
    stem = stem or f"row-{number}"
    if len(row) != len(CSV_COLUMNS):
        error = f"{source}: {len(row)} columns, expected {len(CSV_COLUMNS)} (id, ..., header, body)"
        return Item(source, stem, b"", size, error)
    header, body = row[_HEADER], row[_BODY]
    text = f"{header}\n\n{body}" if header.strip() else body
    data = text.encode("utf-8", "surrogateescape")
    if len(data) > max_bytes:
        return Item(source, stem, b"", size, _too_large(source, max_bytes))
    return Item(source, stem, data, size)
