"""The exception tree of :mod:`redactor`.

Every error the package raises derives from :class:`RedactorError`::

    RedactorError
    ├── ParseError        a document cannot be read at all (not text: bytes, NUL characters)
    ├── UsageError        a caller passed an impossible argument (bad date, unknown option)
    └── LimitError        an input is over a limit that keeps hostile input cheap
        └── DocumentTooLargeError  a document over the size limit (``--max-size``)

Elsewhere: ``PolicyError`` (:mod:`redactor.policy`, its limits included),
``VerificationError`` (:mod:`redactor.render.pdf`), ``BatchError`` (:mod:`redactor.batch`).

Messages are precise and actionable and **never quote document text**: they name a
position (line and column, or character offset) and what was expected there. A
document may be classified; an error message may end up in a log that is not.
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "DocumentTooLargeError",
    "LimitError",
    "ParseError",
    "RedactorError",
    "UsageError",
]

# 50 MiB: the longest real cable is well under 1 MB, a whole year of a post's traffic
# under 50 MB; anything larger is a mistake or an attack on memory (docs/SECURITY.md).
DEFAULT_MAX_DOCUMENT_BYTES = 50 * 2**20


class RedactorError(Exception):
    """Root of every error raised by :mod:`redactor`."""


class ParseError(RedactorError):
    """The document could not be parsed.

    Markings that merely cannot be read are *not* parse errors: they parse to an
    unknown marking, which later stages withhold (fail closed). A ``ParseError`` means
    the input is not a text document at all: bytes instead of text, NUL characters.
    (Decoding is the caller's: the command line reports undecodable input itself.)
    """

    def __init__(self, message: str, *, source: str | None = None, offset: int | None = None):
        where = []
        if source is not None:
            where.append(source)
        if offset is not None:
            where.append(f"offset {offset}")
        prefix = ":".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)
        self.source = source
        self.offset = offset


class UsageError(RedactorError):
    """An argument given to the API or the command line is invalid."""


class LimitError(RedactorError):
    """An input is over one of the limits that bound the cost of hostile input."""


class DocumentTooLargeError(LimitError):
    """A document is over the size limit; the message names the limit and how to raise it."""

    def __init__(self, *, limit: int, source: str | None = None):
        where = f"{source}: " if source is not None else ""
        super().__init__(
            f"{where}document over the size limit of {_size(limit)}; if it is genuine, "
            "raise the limit with --max-size (or REDACTOR_MAX_SIZE), e.g. --max-size 200M"
        )
        self.limit = limit
        self.source = source


def _size(n: int) -> str:
    """``n`` bytes, readably: whole MiB when exact, else bytes ("50 MiB", "1,000 bytes")."""
    if n >= 2**20 and n % 2**20 == 0:
        return f"{n // 2**20:,} MiB"
    return f"{n:,} bytes"
