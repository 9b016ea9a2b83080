"""Renderers: they receive a :class:`~redactor.redact.Redacted`, never the source text."""

from redactor.render.pdf import PdfReport, VerificationError, render_pdf
from redactor.render.text import render_text

__all__ = ["PdfReport", "VerificationError", "render_pdf", "render_text"]
