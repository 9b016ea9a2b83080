"""The exception tree of :mod:`redactor`.

Every error the package raises derives from :class:`RedactorError`::

    RedactorError
    ├── ParseError        a document cannot be read at all (not text: bytes, NUL characters)
    └── UsageError        a caller passed an impossible argument (bad date, unknown option)

Messages are precise and actionable and **never quote document text**: they name a
position (line and column, or character offset) and what was expected there. A
document may be classified; an error message may end up in a log that is not.
"""

from __future__ import annotations

__all__ = ["ParseError", "RedactorError", "UsageError"]


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
