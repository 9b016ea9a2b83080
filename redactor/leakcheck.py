"""The leak probe: what an output's self-check compares it with, built from the source.

A renderer receives a :class:`~redactor.redact.Redacted`, which holds no withheld text,
so it cannot print any. The self-check of an export (:func:`redactor.render_pdf`) does
not take that on trust: it decodes what was written and checks it against the source
(issue 4 item 5; REDACTION.md §B). That needs the source, so the probe is built here,
at the edge, from the document and its release, and handed to the verifier only, never
to a renderer.

The check is stronger than a search for withheld runs, and cheaper: the body text
printed (everything but the banner, stamp, labels and folio) must be *exactly* the
released text of the source, in order, once white space, the ``[CANCELLED]`` prefix and
characters the font cannot print are set aside. Text equal to the released text holds no
withheld run that the released text does not hold itself, so every run of
:data:`RUN` withheld characters, whitespace-normalised and case-folded, is excluded at
the cost of a string comparison in C; so is every cut term (one the released text does
not hold). Only when the comparison fails are the withheld runs and the
cut terms (as whole words) searched, to say which failure it is.

The probe holds fragments of classified text in memory: its ``repr`` shows sizes only,
and :meth:`LeakProbe.check` says *what kind* of thing it found, never the thing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final

from redactor.model import Document, PartKind
from redactor.policy import Action
from redactor.redact import Redacted
from redactor.render.text import CANCELLED

__all__ = ["RUN", "LeakProbe", "leak_probe", "normalise"]

RUN: Final = 8  # characters: the shortest withheld run searched for (issue 4 item 5)

# Set aside before the comparison: white space (a page wraps lines where the source did
# not), C0 and C1 controls and U+FFFD (a page prints the replacement character for what
# it cannot print), and the cancelled banner's prefix (the renderer's own words).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CANCELLED = CANCELLED.strip()


def normalise(text: str) -> str:
    """``text`` with every run of white space one space, case-folded."""
    # split and join run in C, several times faster than a regular expression: a leading
    # or trailing run of white space stays one space, as the substitution would leave it.
    head = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() and text.strip() else ""
    return (head + " ".join(text.split()) + tail).casefold()


def _windows(text: str) -> set[str]:
    return {text[i : i + RUN] for i in range(len(text) - RUN + 1)}


@dataclass(frozen=True, slots=True)
class LeakProbe:
    """The released text, the withheld contents and the cut terms of one release."""

    released: str = field(repr=False)  # the released stretches of the source, in order
    withheld: tuple[str, ...] = field(repr=False)  # each withheld unit after its lead
    cut: tuple[str, ...] = field(repr=False)  # each string a term cut, as written

    def __repr__(self) -> str:
        return (
            f"LeakProbe(<{len(self.released)} released characters>, "
            f"<{len(self.withheld)} withheld units>, <{len(self.cut)} cut strings>)"
        )

    @property
    def terms(self) -> tuple[str, ...]:
        """The cut strings, normalised, that the released text does not hold as words.

        One the released text still holds is cut in one place only by the policy (a
        one-letter "Classified By" name, a bare title): it proves nothing. Computed when
        asked (a failed check explains itself with it), not for every export.
        """
        cut = _distinct(normalise(text).strip() for text in self.cut)
        if not cut:
            return ()
        released = normalise(self.released)
        return tuple(term for term in cut if not _term_pattern((term,)).search(released))

    def check(self, printed: str, printable: Callable[[str], bool] | None = None) -> str | None:
        """``None`` if ``printed`` is the released text and holds no cut term; otherwise
        what it holds instead, by kind, never by content.

        Args:
            printed: The body text an output prints, its runs joined by white space.
            printable: Whether the output's font prints a (non-ASCII) character; one it
                cannot print is set aside on both sides. Default: every character.
        """
        # Nothing to search for when the two agree: the terms are those the released text
        # does not hold, so text equal to it holds none either. White space and the
        # renderer's prefix aside first (str.split and str.replace run in C); only when
        # that differs are characters the font could not print set aside too.
        if _squeeze(printed) == _squeeze(self.released):
            return None
        fold = functools.partial(_fold, printable=printable)
        if fold(printed) == fold(self.released):
            return None
        return self._diagnose(printed)

    def _diagnose(self, printed: str) -> str:
        normal = normalise(printed)
        released = _windows(normalise(self.released))
        runs = set().union(*(_windows(normalise(text)) for text in self.withheld)) - released
        if not runs.isdisjoint(_windows(normal)):
            return f"a withheld run of {RUN} or more characters"
        terms = self.terms
        if terms and _term_pattern(terms).search(normal):
            return "a cut term"
        return "text that is not the released text"


def _squeeze(text: str) -> str:
    return "".join(text.replace(_CANCELLED, "").split())


def _fold(text: str, printable: Callable[[str], bool] | None) -> str:
    text = _squeeze(text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if text.isascii():
        return text
    return _NON_ASCII.sub(functools.partial(_keep, printable=printable), text)


def _keep(found: re.Match[str], printable: Callable[[str], bool] | None) -> str:
    char = found.group()
    if unicodedata.category(char)[0] == "C" or (printable is not None and not printable(char)):
        return ""
    return char


@functools.lru_cache(maxsize=256)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def leak_probe(document: Document, redacted: Redacted) -> LeakProbe:
    """The probe for ``redacted``, the release of ``document``.

    Args:
        document: The parsed source.
        redacted: Its release, from :func:`redactor.redact` on ``document``.
    """
    text = document.text
    withheld = sorted(
        (d for d in redacted.decisions if d.action is Action.WITHHOLD), key=lambda d: d.start
    )
    holes = [(d.start, d.end) for d in withheld] + [(c.start, c.end) for c in redacted.cuts]
    if redacted.routing_dropped:  # a policy may drop the routing lines: not a secret
        holes += [(p.start, p.end) for p in document.parts if p.kind is PartKind.ROUTING]
    released: list[str] = []
    pos = 0
    for start, end in sorted(holes):
        if start > pos:
            released.append(text[pos:start])
        pos = max(pos, end)
    released.append(text[pos:])
    body = "\n".join(released)
    marks = {p.start: p.mark_end for p in document.portions}
    subject = document.field("subject")
    contents = []
    for d in withheld:
        start = marks.get(d.start) or d.start
        if d.kind == "subject" and subject is not None:
            start = max(start, subject.value_start)
        contents.append(text[start : d.end])
    cut = tuple(text[c.start : c.end] for c in redacted.cuts)
    return LeakProbe(body, tuple(contents), cut)


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({v for v in values if v}))
