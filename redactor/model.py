"""The document model that :func:`redactor.parse` produces.

Everything here is a frozen value. Every element carries exact character offsets
(``start``/``end``, half-open, Python string indices) into the original text, so later
stages can cut on the original bytes and never have to re-find anything.

:attr:`Document.elements` are the recognised header elements and layout, each with
its kind; :attr:`Document.parts` resolves them and the portions into a partition of the
text: they are contiguous, do not
overlap, and ``"".join(text[p.start:p.end] for p in parts) == text``. Header fields and
portions are also listed by meaning (:attr:`Document.portions`, :attr:`Document.fields`);
a field that lies inside a portion (``¶1. (U) Classified by ...``) keeps its own offsets
but the partition counts that stretch as the portion's.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from redactor.declass import Declassification, DeclassStatus
from redactor.markings import Level, Marking, roll_up
from redactor.reasons import ClassifiedBy

__all__ = [
    "Document",
    "Field",
    "Part",
    "PartKind",
    "Portion",
    "PortionKind",
    "partition",
    "read_value",
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
    """A header field: its name, its value as an expert reads it, and where it stands.

    ``start``/``end`` cover the whole field, label included; ``value_start`` and
    ``value_end`` cover the value as written (what a policy may cut), continuation lines
    and whatever layout interrupts it included. ``layout`` lists the stretches inside the
    value that are not part of it: a page header and the page footer above it, a section
    marker or repeated banner line, a teletype ``\\`` at a line end.

    ``value`` is the clean reading (:func:`read_value`): the text between ``value_start``
    and ``value_end`` with the layout stretches left out, continuation lines joined and
    whitespace collapsed. It is a reading, not a slice: cut on the offsets, never on it.
    """

    name: str
    value: str
    start: int
    end: int
    value_start: int
    value_end: int
    layout: tuple[tuple[int, int], ...] = ()


def read_value(text: str, start: int, end: int, layout: Iterable[tuple[int, int]] = ()) -> str:
    """The clean reading of ``text[start:end]``: the ``layout`` stretches left out (each
    counts as a blank, so that words on either side stay apart) and whitespace collapsed.
    """
    pieces = []
    pos = start
    for lo, hi in layout:
        if lo > pos:
            pieces.append(text[pos:lo])
        pos = max(pos, hi)
    if pos < end:
        pieces.append(text[pos:end])
    return " ".join(" ".join(pieces).split())


@dataclass(frozen=True, slots=True)
class Portion:
    """A portion of the body (or the subject line) with its portion mark.

    ``marking`` is ``None`` when the portion carries no mark at all; a mark whose level
    cannot be read is a :class:`~redactor.markings.Marking` with ``level is None``.
    ``mark_start``/``mark_end`` locate the mark as written. ``layout`` lists page headers
    and section markers that interrupt the portion: they are not content.

    ``inner`` is the roll-up of every other mark the portion holds (a mark in mid-line,
    ``Fighters: (S//NF) The ...``, or after ``RE:``), ``None`` when it holds none: the
    portion is governed by the most restrictive of its marks (:attr:`held`).
    """

    kind: PortionKind
    number: str | None
    marking: Marking | None
    start: int
    end: int
    mark_start: int | None = None
    mark_end: int | None = None
    layout: tuple[tuple[int, int], ...] = ()
    inner: Marking | None = None
    # The portion starts right under unmarked text, with no blank line between: part of
    # it may be that text's continuation, so what ``unmarked`` gives rolls in too.
    continues: bool = False

    @property
    def level(self) -> Level | None:
        """The level of the mark; ``None`` when unmarked or unreadable."""
        return self.marking.level if self.marking is not None else None

    @property
    def held(self) -> Marking | None:
        """The roll-up of the leading mark and every inner mark (MARKINGS.md §2.2).

        ``None`` when the portion holds no mark at all; unknown when its leading mark is.
        A portion without a leading mark but with inner marks is partly unmarked: the
        engine rolls what ``unmarked`` gives it into this (issue 13, point 2).
        """
        if self.inner is None:
            return self.marking
        if self.marking is None:
            return self.inner
        if not self.marking.known:
            return self.marking
        return roll_up([self.marking, self.inner])


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document. Build it with :func:`redactor.parse`, never by hand."""

    text: str
    source: str | None
    elements: tuple[Part, ...]
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
    # Markings read outside the header that may only raise the document's (issue 13,
    # point 11): a banner repeated or forwarded in the body. Never used to lower it.
    raised: Marking | None = None

    @property
    def effective(self) -> Marking | None:
        """The document's classification as a whole: the banner rolled up with every
        portion's marks and what the body raised (issue 13, point 7).

        A document is never less classified than its portions (32 CFR 2001.21(b)(2):
        the overall marking is the highest of its portions): an UNCLASSIFIED banner
        over ``(S)`` portions gives SECRET. ``None`` when the banner is missing; unknown
        when the banner is unreadable. Unreadable portion marks do not count here (those
        portions are withheld on their own).
        """
        banner = self.banner
        if banner is None or not banner.known:
            return banner
        held = [banner]
        for p in self.portions:
            mark = p.held
            if mark is not None and mark.known:
                held.append(mark)
        if self.raised is not None and self.raised.known:
            held.append(self.raised)
        if len(held) == 1:
            return banner
        rolled = roll_up(dict.fromkeys(held))
        # The banner itself when the portions add nothing to it (the usual case).
        return banner if rolled.banner_form() == banner.banner_form() else rolled

    @property
    def parts(self) -> tuple[Part, ...]:
        """The partition of :attr:`text` into contiguous parts (computed on each access).

        Joining ``text[p.start:p.end]`` over the parts rebuilds the text byte for byte.
        """
        return partition(self.text, self.elements, self.portions)

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

        A blocker (a NATO or RD/FRD/TFNI marking anywhere) keeps it classified whatever
        the date. An unclassified document (unclassified banner, no portion marked above
        it or unreadably) has nothing to declassify: its status is ``declassified`` whatever its
        E.O. line says (``N/A`` is the correct line for it,
        5 FAH-2 H-222). Everything else follows the instruction, failing closed.
        """
        markings = [self.banner, *(p.marking for p in self.portions)]
        markings.extend(p.inner for p in self.portions if p.inner is not None)
        markings.append(self.raised)
        if any(m is not None and not _BLOCKERS.isdisjoint(m.controls) for m in markings):
            # NATO information is not declassified without NATO's consent, and RD/FRD/TFNI
            # are excluded from automatic declassification until DOE removes the
            # designation (32 CFR 2001.24(h)(2), 2001.30(p)(4); MARKINGS.md §3.2 rule 2).
            return DeclassStatus.CLASSIFIED
        if (
            self.banner is not None
            and self.banner.level is Level.UNCLASSIFIED
            and all(p.marking is None or p.level is Level.UNCLASSIFIED for p in self.portions)
            # a mark held inside a unit or raised by the body counts too (issue 13)
            and all(p.inner is None or p.inner.level is Level.UNCLASSIFIED for p in self.portions)
            and (self.raised is None or self.raised.level is Level.UNCLASSIFIED)
        ):
            return DeclassStatus.DECLASSIFIED
        return self.declassification.status(as_of)


def partition(text: str, elements: Iterable[Part], portions: Iterable[Portion]) -> tuple[Part, ...]:
    """Cut ``text`` into contiguous parts; the gaps are text or space.

    A paragraph owns its whole span (a page header or a Classified By statement inside it
    stays the portion's, so withholding the portion withholds them too); among the other
    elements the earlier start wins and a later overlapping one keeps what is left.
    """
    body: list[tuple[int, int]] = []
    claims = [(e.start, e.end, e.kind) for e in elements]
    for p in portions:
        if p.kind is PortionKind.SUBJECT:
            claims.append((p.start, p.end, PartKind.SUBJECT))
        else:
            body.append((p.start, p.end))
    body_starts = [s for s, _ in body]
    kept = [(s, e, PartKind.PORTION) for s, e in body]
    for start, end, kind in claims:
        i = bisect.bisect_right(body_starts, start) - 1
        lo = max(start, body[i][1]) if i >= 0 else start
        j = bisect.bisect_left(body_starts, lo)
        hi = min(end, body[j][0]) if j < len(body) else end
        if hi > lo:
            kept.append((lo, hi, kind))
    kept.sort(key=lambda c: (c[0], _PRIORITY.get(c[2], 2), -c[1]))
    parts: list[Part] = []
    pos = 0
    for start, end, kind in kept:
        lo = max(start, pos)
        if end <= lo:
            continue
        if lo > pos:
            parts.extend(_gap(text, pos, lo))
        parts.append(build_part(kind, lo, end))
        pos = end
    if pos < len(text):
        parts.extend(_gap(text, pos, len(text)))
    return tuple(parts)


_T = TypeVar("_T")


def _builder(cls: type[_T]) -> Callable[..., _T]:
    """A fast positional constructor for the frozen, slotted dataclass ``cls``.

    The ``__init__`` of a frozen dataclass must set each field through
    ``object.__setattr__`` (the class's own ``__setattr__`` refuses), which made building
    the few dozen parts, fields and portions of a document about a fifth of the parser's
    time. The constructor returned here is a mutable twin of ``cls`` with exactly the same
    slots, whose ``__init__`` stores each field directly and then retypes the object as
    ``cls`` (CPython allows it because the two layouts are identical). The result is an
    ordinary, frozen ``cls`` instance, equal to and printed like one built by ``cls(...)``.
    Every field is required, in declaration order; the parser is its only user.
    """
    names = tuple(f.name for f in dataclasses.fields(cast(Any, cls)))
    if names != cls.__dict__.get("__slots__"):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")

    def retype(self: Any) -> None:
        self.__class__ = cls

    twin = dataclasses.make_dataclass(
        f"_{cls.__name__}Builder",
        names,
        namespace={"__post_init__": retype},
        repr=False,
        eq=False,
        slots=True,
    )
    return cast(Callable[..., _T], twin)


build_part = _builder(Part)
build_field = _builder(Field)
build_portion = _builder(Portion)
build_document = _builder(Document)

_BLOCKERS = frozenset({"NATO", "RD", "FRD", "TFNI"})
_PRIORITY = {PartKind.PORTION: 0, PartKind.LAYOUT: 1, PartKind.SUBJECT: 1}


def _gap(text: str, start: int, end: int) -> list[Part]:
    """Unclaimed text: whitespace is space, the rest is text (trimmed of outer space)."""
    chunk = text[start:end]
    if chunk.isspace():
        return [build_part(PartKind.SPACE, start, end)]
    lead = start + len(chunk) - len(chunk.lstrip())
    trail = start + len(chunk.rstrip())
    parts = []
    if lead > start:
        parts.append(build_part(PartKind.SPACE, start, lead))
    parts.append(build_part(PartKind.TEXT, lead, trail))
    if trail < end:
        parts.append(build_part(PartKind.SPACE, trail, end))
    return parts
