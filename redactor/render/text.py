"""Releasable text: the document as released, framed by the recomputed banner and a stamp.

Layout (``docs/output.md``)::

    UNCLASSIFIED                                   <- the release's marking (banner form)
    RELEASE IN PART B1, 1.4(B), 1.4(D), B6         <- stamp with every code used
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

from redactor.policy import LabelStyle, label_code
from redactor.redact import Cut, Kept, Redacted, Release, Withheld

__all__ = ["CANCELLED", "codes_label", "render_text", "stamp"]

CANCELLED = "[CANCELLED] "


def codes_label(codes: Iterable[str], style: LabelStyle) -> str:
    """``B1, 1.4(B)`` in the label style of the policy."""
    return ", ".join(label_code(code, style) for code in codes)


def stamp(redacted: Redacted) -> str:
    """``RELEASE IN FULL`` or ``RELEASE IN PART`` followed by the codes used."""
    if redacted.release is Release.FULL:
        return "RELEASE IN FULL"
    return f"RELEASE IN PART {codes_label(redacted.codes, redacted.label_style)}"


def render_text(redacted: Redacted) -> str:
    """The release as text (see the module docstring for the layout)."""
    style = redacted.label_style
    nl = redacted.newline
    banner = redacted.marking.banner_form()
    out = [banner, nl, stamp(redacted), nl]
    for segment in redacted.segments:
        if isinstance(segment, Kept):
            out.append(segment.text)
        elif isinstance(segment, Withheld):
            label = f"[WITHHELD {codes_label(segment.codes, style)}]"
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
