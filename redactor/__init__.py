"""redactor: classification-aware redaction and export of US-marked documents.

The flow, one module a step: :mod:`redactor.markings` (levels, marks, roll-up) and
:mod:`redactor.declass` / :mod:`redactor.reasons` (the authority block) are read by
:func:`redactor.parse` into a :class:`redactor.Document` (:mod:`redactor.model`).
"""

from __future__ import annotations

from redactor.declass import Declassification, DeclassKind, DeclassStatus
from redactor.errors import ParseError, RedactorError, UsageError
from redactor.markings import Level, Marking, parse_banner, parse_portion_mark, roll_up
from redactor.model import Document, Field, Part, PartKind, Portion, PortionKind
from redactor.parser import parse

__all__ = [
    "DeclassKind",
    "DeclassStatus",
    "Declassification",
    "Document",
    "Field",
    "Level",
    "Marking",
    "ParseError",
    "Part",
    "PartKind",
    "Portion",
    "PortionKind",
    "RedactorError",
    "UsageError",
    "parse",
    "parse_banner",
    "parse_portion_mark",
    "roll_up",
]
__version__ = "0.1.0"
