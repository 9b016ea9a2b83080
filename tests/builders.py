"""Small documents and policies for the engine, renderer and audit tests."""

from __future__ import annotations

import datetime
import textwrap

from redactor.model import Document
from redactor.policy import Action, Policy, parse_policy
from redactor.redact import Redacted

ROUTING = "O 131503Z MAR 08\nFM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 3217\n\n"
CLASSIFIED_BY = "Classified By: CDA Chris Stevens for reasons 1.4 (b) and (d)"
BANNER = "C O N F I D E N T I A L"

EARLY = datetime.date(2010, 1, 1)  # before DECL 02/26/2016: still classified
LATE = datetime.date(2026, 11, 28)

RELEASE_ALL = "rules: [{id: all, action: release}]"
WITHHOLD_ALL = "rules: [{id: none, action: withhold, exemptions: [B1, '{reasons}']}]"


def cable(
    banner: str | None = BANNER,
    decl: str | None = "02/26/2016",
    *paragraphs: str,
    subject: str = "A SUBJECT",
    by: str | None = CLASSIFIED_BY,
    sig: str | None = "STEVENS",
    end: str = "\n",
) -> str:
    """A small State cable; ``None`` leaves a line out."""
    out = ROUTING
    if banner is not None:
        out += f"{banner} TRIPOLI 000220\n\nSIPDIS\n\n"
    if decl is not None:
        out += f"E.O. 12958: DECL: {decl}\n"
    out += f"TAGS: PGOV PREL\nSUBJECT: {subject}\n\n"
    if by is not None:
        out += by + "\n\n"
    out += "\n\n".join(paragraphs)
    if sig is not None:
        out += "\n" + sig
    return out + end


def policy(snippet: str, *, unmarked: str = "inherit") -> Policy:
    """A policy from a YAML snippet (``rules`` at least); version, name, unmarked added."""
    body = textwrap.dedent(snippet)
    head = "version: 1\nname: test\n" + ("" if "unmarked:" in body else f"unmarked: {unmarked}\n")
    return parse_policy(head + body)


def withheld_runs(doc: Document, redacted: Redacted, n: int = 8) -> set[str]:
    """The n-character runs of withheld content (after each unit's number and mark) that do
    not also occur in the released material of the original: none may reach an output."""
    text = doc.text
    withheld = sorted(
        (d for d in redacted.decisions if d.action is Action.WITHHOLD), key=lambda d: d.start
    )
    released = []
    pos = 0
    for d in withheld:
        released.append(text[pos : d.start])
        pos = d.end
    released.append(text[pos:])
    portion_at = {p.start: p for p in doc.portions}
    runs: set[str] = set()
    for d in withheld:
        start = d.start
        portion = portion_at.get(d.start)
        if portion is not None and portion.mark_end is not None:
            start = portion.mark_end
        elif d.kind == "subject":
            field = doc.field("subject")
            assert field is not None
            start = field.value_start
        content = text[start : d.end]
        for i in range(len(content) - n + 1):
            run = content[i : i + n]
            if not any(run in piece for piece in released):
                runs.add(run)
    return runs
