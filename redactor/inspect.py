"""The ``inspect`` report: a document's markings and portions as plain data.

Pure: it takes a parsed document and an ``as_of`` date and returns JSON-ready data whose
keys are a stable interface (documented in the README). Levels are spelled in full,
controls in banner form, offsets index the original text.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from redactor.markings import Marking, parse_portion_mark
from redactor.model import Document, read_value

__all__ = ["inspect_document"]

_TRAILING_MARK = re.compile(r"[ \t]*(?P<mark>\([A-Za-z/ ,\-]{1,16}\))\Z")


def _marking(marking: Marking | None) -> dict[str, Any] | None:
    if marking is None:
        return None
    return {
        "level": marking.level.banner_word if marking.level is not None else None,
        "controls": list(marking.controls),
        "rel_to": list(marking.rel_to),
        "raw": marking.raw,
        "marking": marking.banner_form(),
    }


def inspect_document(document: Document, *, as_of: datetime.date) -> dict[str, Any]:
    """The report printed by ``redactor inspect`` (``--json`` prints exactly this)."""
    decl = document.declassification
    text = document.text
    subject = document.subject
    value = document.field("subject")
    subject_text = None
    if subject is not None and value is not None:
        # The clean reading of the value (page headers, a glued REF list and the like
        # left out), after the subject's own mark.
        start = value.value_start if subject.mark_end is None else subject.mark_end
        subject_text = read_value(text, start, value.value_end, value.layout) or None
        # A mark written at the end (`... GERMAN FIRMS (S)`, 09STATE122950) is the
        # subject's mark too (it governs the subject as an inner mark), not its words.
        tail = _TRAILING_MARK.search(subject_text or "")
        if tail is not None and parse_portion_mark(tail.group("mark")) is not None:
            subject_text = subject_text[: tail.start()] or None  # type: ignore[index]
    portions = []
    for p in document.portions:
        m = p.marking
        portions.append(
            {
                "kind": str(p.kind),
                "number": p.number,
                "marking": m.raw if m is not None else None,
                "level": m.level.banner_word if m is not None and m.level is not None else None,
                "controls": list(m.controls) if m is not None else [],
                "rel_to": list(m.rel_to) if m is not None else [],
                "start": p.start,
                "end": p.end,
            }
        )
    cb = document.classified_by
    return {
        "source": document.source,
        "as_of": as_of.isoformat(),
        "reference_id": document.reference_id,
        "date_of_origin": document.origin.isoformat() if document.origin else None,
        "banner": _marking(document.banner),
        "declassification": {
            "raw": decl.raw,
            "kind": str(decl.kind),
            "date": decl.date.isoformat() if decl.date else None,
            "status": str(document.declassification_status(as_of)),
            "warnings": list(decl.warnings),
        },
        "reasons": list(document.reasons),
        "classified_by": cb.name if cb is not None else None,
        # The person alone, or null where the statement names no one (issue 14).
        "classifier_name": cb.person if cb is not None else None,
        "classifier_title": cb.title if cb is not None else None,
        "classifier_post": cb.post if cb is not None else None,
        "tags": list(document.tags),
        "subject": subject_text,
        "portions": portions,
        "warnings": list(document.warnings),
    }
