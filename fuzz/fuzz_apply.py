"""atheris harness: the whole release, parse → redact → render_text → audit, on any text.

Under each shipped policy in turn. Besides "no exception outside RedactorError": a
released document's text release never holds a withheld unit's content longer than
40 characters verbatim, unless that text also stands outside the unit (a coarse, fast
form of the leak check of tests/leaks/).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from redactor import load_policy, parse, redact
    from redactor.audit import audit_json
    from redactor.errors import RedactorError
    from redactor.policy import Action
    from redactor.render.text import render_text

from _common import AS_OF, POLICIES, argv

_POLICIES = [load_policy(p) for p in POLICIES]


def test_one(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    policy = _POLICIES[fdp.ConsumeIntInRange(0, len(_POLICIES) - 1)]
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    try:
        doc = parse(text, source="fuzz")
        redacted = redact(doc, policy, as_of=AS_OF)
    except RedactorError:
        return
    released = render_text(redacted)
    audit_json(redacted, policy_file="fuzz.yaml", policy_sha256="0" * 64)
    for d in redacted.decisions:
        unit = text[d.start : d.end]
        if d.action is Action.WITHHOLD and len(unit) > 60:
            middle = unit[10:50]
            # Text that also stands outside the unit (a TAGS line, a repeated line) may
            # be released from there: only text found nowhere else is a leak.
            elsewhere = text[: d.start] + "\n" + text[d.end :]
            if middle.strip() and middle in released and middle not in elsewhere:
                raise AssertionError("withheld text in the release")


if __name__ == "__main__":
    atheris.Setup(argv("apply"), test_one)
    atheris.Fuzz()
    sys.exit(0)
