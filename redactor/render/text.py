"""Releasable text: the document as released, framed by the recomputed banner and a stamp.

Layout (``docs/output.md``)::

    UNCLASSIFIED                                   <- the release's marking (banner form)
    RELEASE IN PART B1, 1.4(B), 1.4(D), B6         <- stamp with every code used
    Case No. F-2014-20439  Date: 05/13/2015        <- case line, only when a field is given
    ...the document, released text byte for byte...
    ¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D)]          <- a withheld portion: one line, any length
    ... met [B6] on February 26 ...                <- a cut term: a label sized by its codes only
    UNCLASSIFIED

An original banner line whose marking the release no longer carries stays in place,
cancelled: ``[CANCELLED] C O N F I D E N T I A L DAMASCUS 000728`` (the text form of the
line through cancelled markings, 32 CFR 2001.25(b)(4); MARKINGS.md §5 item 3).
"""

from __future__ import annotations

from collections.abc import Iterable

from redactor.leads import printed_banner
from redactor.policy import LabelStyle, label_code
from redactor.redact import Cut, Kept, Redacted, Release, Withheld

__all__ = [
    "CANCELLED",
    "case_fields",
    "case_line",
    "codes_label",
    "render_text",
    "stamp",
    "withheld_label",
]

CANCELLED = "[CANCELLED] "


def codes_label(codes: Iterable[str], style: LabelStyle) -> str:
    """``B1, 1.4(B)`` in the label style of the policy."""
    return ", ".join(label_code(code, style) for code in codes)


def stamp(redacted: Redacted) -> str:
    """``RELEASE IN FULL`` or ``RELEASE IN PART`` followed by the codes used."""
    if redacted.release is Release.FULL:
        return "RELEASE IN FULL"
    return f"RELEASE IN PART {codes_label(redacted.codes, redacted.label_style)}"


def case_fields(redacted: Redacted) -> list[str]:
    """``["Case No. F-2014-20439", "Doc No. C05739546", "Date: 05/13/2015"]``, those given.

    State's release block (MARKINGS.md §5 item 7) writes the review date month first.
    """
    fields = []
    if redacted.case_number is not None:
        fields.append(f"Case No. {redacted.case_number}")
    if redacted.document_number is not None:
        fields.append(f"Doc No. {redacted.document_number}")
    if redacted.review_date is not None:
        fields.append(f"Date: {redacted.review_date:%m/%d/%Y}")
    return fields


def case_line(redacted: Redacted) -> str | None:
    """The case fields on one line, two spaces apart; ``None`` when none is given, so a
    release without them has no such line at all (and is what it was before they existed)."""
    fields = case_fields(redacted)
    return "  ".join(fields) if fields else None


def withheld_label(withheld: Withheld, style: LabelStyle) -> str:
    """``WITHHELD B1, 1.4(B)`` (no brackets), with ``; 7 LINES`` when the amount is disclosed."""
    label = f"WITHHELD {codes_label(withheld.codes, style)}"
    if withheld.lines is not None:
        label += f"; {withheld.lines} LINE" + ("" if withheld.lines == 1 else "S")
    return label


def render_text(redacted: Redacted) -> str:
    """The release as text (see the module docstring for the layout)."""
    style = redacted.label_style
    nl = redacted.newline
    banner = printed_banner(redacted.marking)
    out = [banner, nl, stamp(redacted), nl]
    case = case_line(redacted)
    if case is not None:
        out += [case, nl]
    for segment in redacted.segments:
        if isinstance(segment, Kept):
            out.append(segment.text)
        elif isinstance(segment, Withheld):
            label = f"[{withheld_label(segment, style)}]"
            out.append(f"{segment.lead} {label}" if segment.lead else label)
        elif isinstance(segment, Cut):
            out.append(_cut(segment, style))
        else:  # Cancelled: the last of the four segment kinds
            out.append(CANCELLED)
            out.extend(p.text if isinstance(p, Kept) else _cut(p, style) for p in segment.segments)
    if not out[-1].endswith(("\n", "\r")):
        out.append(nl)
    out += [banner, nl]
    return "".join(out)


def _cut(cut: Cut, style: LabelStyle) -> str:
    return f"[{codes_label(cut.codes, style)}]"
