"""Helpers of the PDF leak suite: releases of the seed, extraction, withheld runs."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pypdf

from redactor import load_policy, parse, redact
from redactor.policy import Action
from redactor.redact import Redacted
from tests.conftest import EXAMPLES, ROOT

FOIA = ROOT / "policies" / "foia-release.yaml"
SEED = EXAMPLES / "06DAMASCUS728.txt"
EARLY = datetime.date(2010, 1, 1)
LATE = datetime.date(2026, 11, 28)
RUN = 8  # REDACTION.md §B: a withheld run of 8+ characters must not survive


def release(
    text: str, *, as_of: datetime.date = EARLY, policy: Path = FOIA
) -> tuple[str, Redacted]:
    """The document text and its release under ``policy``."""
    return text, redact(parse(text, source="seed.txt"), load_policy(policy), as_of=as_of)


def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


def normalise(text: str) -> str:
    """Whitespace collapsed and case folded: how the leak checks compare text."""
    return " ".join(text.split()).casefold()


def extract(data: bytes) -> str:
    """The text of every page, as pypdf (an independent reader) extracts it."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def extract_pdfminer(data: bytes) -> str:
    """The text as pdfminer.six extracts it: a second, independent reader with its own layout."""
    from pdfminer.high_level import extract_text  # noqa: PLC0415 - slow import, few tests

    return extract_text(io.BytesIO(data))


def withheld_texts(text: str, redacted: Redacted) -> list[str]:
    """What was withheld or cut, read back from the original by the audit's offsets."""
    units = [text[d.start : d.end] for d in redacted.decisions if d.action is Action.WITHHOLD]
    return units + [text[c.start : c.end] for c in redacted.cuts]


def leaked_runs(text: str, redacted: Redacted, extracted: str, released: str) -> set[str]:
    """Runs of 8+ withheld characters found in ``extracted`` but not in the text release.

    A withheld paragraph may share words with released text ("Damascus" in the header):
    such runs are released anyway, and the text release (golden-tested) is the reference
    of what is released. The PDF must leak nothing more.
    """
    # Line by line: a page break puts the banner after a body line, and "...the" followed
    # by "UNCLASSIFIED" is page furniture, not a withheld run.
    found = "\n".join(normalise(line) for line in extracted.splitlines())
    # The PDF prints a label's words on a bar, without the text release's brackets; text
    # that has brackets of its own ("[Source removed]") keeps them.
    allowed = normalise(released) + "\n" + normalise(released.replace("[", "").replace("]", ""))
    leaks = set()
    for secret in withheld_texts(text, redacted):
        flat = normalise(secret)
        for i in range(len(flat) - RUN + 1):
            window = flat[i : i + RUN]
            if window in found and window not in allowed:
                leaks.add(window)
    return leaks


def cut_terms_found(text: str, redacted: Redacted, extracted: str, released: str) -> list[str]:
    """Cut terms that appear as whole words in the extraction but not in the text release.

    The text release is the reference (see :func:`leaked_runs`): a term the engine missed
    somewhere is a detection finding of the text release too, not a PDF leak.
    """
    found = normalise(extracted)
    allowed = normalise(released)
    terms = {normalise(text[c.start : c.end]) for c in redacted.cuts}
    return sorted(t for t in terms if _word(t, found) and not _word(t, allowed))


def _word(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text) is not None
