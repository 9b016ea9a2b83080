"""redactor: classification-aware redaction and export of US-marked documents.

The flow, one module a step: :mod:`redactor.markings` (levels, marks, roll-up) and
:mod:`redactor.declass` / :mod:`redactor.reasons` (the authority block) are read by
:func:`redactor.parse` into a :class:`redactor.Document` (:mod:`redactor.model`);
:func:`redactor.load_policy` (:mod:`redactor.policy`) reads a policy, :func:`redactor.redact`
(:mod:`redactor.redact`) decides and cuts, :func:`redactor.render_text` or
:func:`redactor.render_pdf` (:mod:`redactor.render`) write the release, checked against
:func:`redactor.leak_probe` (:mod:`redactor.leakcheck`), and :func:`redactor.audit_record`
(:mod:`redactor.audit`) its audit; :func:`redactor.render_preview`
(:mod:`redactor.preview`) shows a reviewer every decision before release.
"""

from __future__ import annotations

from redactor.audit import audit_json, audit_record
from redactor.declass import Declassification, DeclassKind, DeclassStatus
from redactor.errors import ParseError, RedactorError, UsageError
from redactor.leakcheck import LeakProbe, leak_probe
from redactor.markings import Level, Marking, parse_banner, parse_portion_mark, roll_up
from redactor.model import Document, Field, Part, PartKind, Portion, PortionKind
from redactor.parser import parse
from redactor.policy import Policy, PolicyError, load_policy, parse_policy
from redactor.preview import render_preview
from redactor.redact import Redacted, redact
from redactor.render import PdfReport, VerificationError, render_pdf, render_text

__all__ = [
    "DeclassKind",
    "DeclassStatus",
    "Declassification",
    "Document",
    "Field",
    "LeakProbe",
    "Level",
    "Marking",
    "ParseError",
    "Part",
    "PartKind",
    "PdfReport",
    "Policy",
    "PolicyError",
    "Portion",
    "PortionKind",
    "Redacted",
    "RedactorError",
    "UsageError",
    "VerificationError",
    "audit_json",
    "audit_record",
    "leak_probe",
    "load_policy",
    "parse",
    "parse_banner",
    "parse_policy",
    "parse_portion_mark",
    "redact",
    "render_pdf",
    "render_preview",
    "render_text",
    "roll_up",
]
__version__ = "0.1.0"
