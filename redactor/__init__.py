"""redactor: classification-aware redaction and export of US-marked documents."""

from __future__ import annotations

from redactor.errors import ParseError, RedactorError, UsageError

__all__ = ["ParseError", "RedactorError", "UsageError"]
__version__ = "0.1.0"
