"""Renderers: they receive a :class:`~redactor.redact.Redacted`, never the source text."""

from redactor.render.text import render_text

__all__ = ["render_text"]
