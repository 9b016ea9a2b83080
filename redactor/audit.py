"""The audit trail: one JSON object per released document, built from the release alone.

A record says what was decided for every unit of content (kind, number, mark, offsets in
the original, rule id, codes, reason) and where every cut was made. It is built from a
:class:`~redactor.redact.Redacted`, which holds no withheld text, so it cannot carry any:
no withheld character, no hash of one. Offsets and unit sizes are recorded: the audit is
the reviewer's record, not a public document (``docs/output.md``).
"""

from __future__ import annotations

import json
from typing import Any

from redactor.leads import printed_banner
from redactor.redact import Redacted

__all__ = ["AUDIT_VERSION", "audit_json", "audit_record"]

AUDIT_VERSION = 1


def audit_record(redacted: Redacted, **extra: Any) -> dict[str, Any]:
    """The audit of one release as plain JSON-ready data; ``extra`` adds edge facts (hashes)."""
    original = redacted.original
    return {
        "audit_version": AUDIT_VERSION,
        "source": redacted.source,
        "reference_id": redacted.reference_id,
        "policy": redacted.policy,
        "as_of": redacted.as_of.isoformat(),
        "release": redacted.release.value,
        "marking": printed_banner(redacted.marking),
        "original_marking": printed_banner(original) if original is not None else None,
        "declassification": redacted.declassification.value,
        "codes": list(redacted.codes),
        "routing_dropped": redacted.routing_dropped,
        "counts": {
            "units": len(redacted.decisions),
            "withheld": redacted.withheld,
            "released": redacted.released,
            "cuts": len(redacted.cuts),
        },
        "decisions": [
            {
                "kind": d.kind,
                "number": d.number,
                "mark": d.mark,
                "marking": d.marking,
                "start": d.start,
                "end": d.end,
                "action": d.action.value,
                "rule": d.rule,
                "codes": list(d.codes),
                "reason": d.reason,
            }
            for d in redacted.decisions
        ],
        "cuts": [
            {"terms": list(c.terms), "start": c.start, "end": c.end, "codes": list(c.codes)}
            for c in redacted.cuts
        ],
        "warnings": list(redacted.warnings),
        **_case(redacted),
        **extra,
    }


def _case(redacted: Redacted) -> dict[str, Any]:
    """The release block's case fields, all three (``None`` for those not given) when at
    least one is given, else none: a release without them keeps the record it always had."""
    fields = (redacted.case_number, redacted.document_number, redacted.review_date)
    if all(field is None for field in fields):
        return {}
    date = redacted.review_date
    return {
        "case_number": redacted.case_number,
        "document_number": redacted.document_number,
        "review_date": date.isoformat() if date is not None else None,
    }


def audit_json(redacted: Redacted, **extra: Any) -> str:
    """One JSON Lines record (no newline), keys sorted so equal releases give equal bytes."""
    return json.dumps(
        audit_record(redacted, **extra), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
