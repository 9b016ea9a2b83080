"""Extraction (REDACTION.md §B channel 1): every corpus cable under every shipped policy.

pypdf reads each PDF release; no run of 8+ withheld characters (whitespace-normalised,
case-folded) may be found that the text release does not also show, and no cut term.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from redactor import render_pdf, render_text
from tests.conftest import CORPUS, ROOT, corpus_params, read_text
from tests.leaks.support import cut_terms_found, extract, leaked_runs, release

POLICIES = sorted((ROOT / "policies").glob("*.yaml"))
AS_OF = datetime.date(2010, 1, 1)


@pytest.mark.corpus
@pytest.mark.parametrize("entry", corpus_params()[::4])
def test_corpus_pdf_releases_leak_no_withheld_run(entry: dict[str, Any], tmp_path: Path) -> None:
    """A quarter of the corpus (every 4th cable) under every policy: zero withheld runs."""
    text = read_text(CORPUS / entry["file"])
    for policy in POLICIES:
        _, redacted = release(text, as_of=AS_OF, policy=policy)
        dest = tmp_path / f"{policy.stem}.pdf"
        render_pdf(redacted, dest)
        extracted = extract(dest.read_bytes())
        released = render_text(redacted)
        assert leaked_runs(text, redacted, extracted, released) == set(), policy.stem
        assert cut_terms_found(text, redacted, extracted, released) == [], policy.stem
