"""The document model that :func:`redactor.parse` produces.

Everything here is a frozen value. Every element carries exact character offsets
(``start``/``end``, half-open, Python string indices) into the original text, so later
stages can cut on the original bytes and never have to re-find anything.

The top-level :attr:`Document.parts` partition the text: they are contiguous, do not
overlap, and ``"".join(text[p.start:p.end] for p in parts) == text``. Header fields and
portions are also listed by meaning (:attr:`Document.portions`, :attr:`Document.fields`);
a field that lies inside a portion (``¶1. (U) Classified by ...``) keeps its own offsets
but the partition counts that stretch as the portion's.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from redactor.declass import Declassification, DeclassStatus
from redactor.markings import Level, Marking
from redactor.reasons import ClassifiedBy

__all__ = [
    "Document",
    "Field",
    "Part",
    "PartKind",
    "Portion",
    "PortionKind",
]


class PartKind(enum.StrEnum):
    """What a stretch of the document is, in the order a cable usually shows them."""

    ROUTING = "routing"  # transmission header before the banner (VZCZC, DE, ZNY, DTG, FM/TO/INFO)
    BANNER = "banner"  # the classification line (cable) or CAPCO banner line (memo)
    CAPTION = "caption"  # SIPDIS, NOFORN, SENSITIVE, "DEPT FOR ..." handling lines
    DECLASSIFICATION = "declassification"  # the E.O./DECL line or "Declassify On:"
    TAGS = "tags"
    SUBJECT = "subject"
    REFERENCE = "reference"  # REF: lines
    CLASSIFIED_BY = "classified_by"  # the classification authority statement
    PORTION = "portion"  # a paragraph or sub-paragraph of the body
    LAYOUT = "layout"  # page headers, section continuation markers, extract notices
    SIGNATURE = "signature"
    TEXT = "text"  # anything else (unrecognised header lines, unnumbered preamble)
    SPACE = "space"  # whitespace between parts


class PortionKind(enum.StrEnum):
    SUBJECT = "subject"
    PARAGRAPH = "paragraph"
    SUB_PARAGRAPH = "sub-paragraph"


@dataclass(frozen=True, slots=True)
class Part:
    """One stretch of the partition of a document's text."""

    kind: PartKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Field:
    """A header field: its name, its value as written, and where it stands.

    ``start``/``end`` cover the whole field, label included; ``value_start`` and
    ``value_end`` cover the value only (what a policy may cut).
    """

    name: str
    value: str
    start: int
    end: int
    value_start: int
    value_end: int


@dataclass(frozen=True, slots=True)
class Portion:
    """A portion of the body (or the subject line) with its portion mark.

    ``marking`` is ``None`` when the portion carries no mark at all; a mark whose level
    cannot be read is a :class:`~redactor.markings.Marking` with ``level is None``.
    ``mark_start``/``mark_end`` locate the mark as written. ``layout`` lists page headers
    and section markers that interrupt the portion: they are not content.
    """

    kind: PortionKind
    number: str | None
    marking: Marking | None
    start: int
    end: int
    mark_start: int | None = None
    mark_end: int | None = None
    layout: tuple[tuple[int, int], ...] = ()

    @property
    def level(self) -> Level | None:
        """The level of the mark; ``None`` when unmarked or unreadable."""
        return self.marking.level if self.marking is not None else None


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document. Build it with :func:`redactor.parse`, never by hand."""

    text: str
    source: str | None
    parts: tuple[Part, ...]
    portions: tuple[Portion, ...]
    fields: tuple[Field, ...]
    banner: Marking | None
    declassification: Declassification
    declassification_span: tuple[int, int] | None
    classified_by: ClassifiedBy | None
    reasons: tuple[str, ...]
    tags: tuple[str, ...]
    reference_id: str | None
    origin: datetime.date | None
    entire_text: Marking | None = None
    warnings: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        """The first header field called ``name`` (``"from"``, ``"to"``, ``"subject"`` ...)."""
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def subject(self) -> Portion | None:
        """The subject line as a portion (it may carry its own mark)."""
        for p in self.portions:
            if p.kind is PortionKind.SUBJECT:
                return p
        return None

    @property
    def body(self) -> tuple[Portion, ...]:
        """The paragraphs and sub-paragraphs, without the subject."""
        return tuple(p for p in self.portions if p.kind is not PortionKind.SUBJECT)

    def declassification_status(self, as_of: datetime.date) -> DeclassStatus:
        """The declassification status of the document's classified content as of ``as_of``.

        An unclassified document (unclassified banner, no portion marked above it or
        unreadably) has nothing to declassify: its status is ``declassified`` whatever its
        E.O. line says (``N/A`` is the correct line for it,
        5 FAH-2 H-222). Everything else follows the instruction, failing closed.
        """
        if (
            self.banner is not None
            and self.banner.level is Level.UNCLASSIFIED
            and all(p.marking is None or p.level is Level.UNCLASSIFIED for p in self.portions)
        ):
            return DeclassStatus.DECLASSIFIED
        return self.declassification.status(as_of)
