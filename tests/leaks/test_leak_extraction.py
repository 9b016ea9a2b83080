"""Extraction (REDACTION.md §B channel 1): every corpus cable under every shipped policy.

pypdf reads every release of every cable under every shipped policy; pdfminer.six (about
five times slower) reads every cable too, under one policy each, taking the policies in
turn. No run of 8+ withheld characters (whitespace-normalised, case-folded) may be found
that the text release does not also show, and no cut term.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from redactor import load_policy, parse, redact, render_pdf, render_text
from redactor.leakcheck import leak_probe
from tests.conftest import CORPUS, ROOT, corpus_params, read_text
from tests.leaks.support import (
    cut_terms_found,
    extract,
    extract_pdfminer,
    leaked_runs,
)

POLICIES = sorted((ROOT / "policies").glob("*.yaml"))
AS_OF = datetime.date(2010, 1, 1)


PARAMS = corpus_params()


@pytest.mark.corpus
@pytest.mark.parametrize("index", range(len(PARAMS)), ids=[p.id for p in PARAMS])
def test_corpus_pdf_releases_leak_no_withheld_run(index: int, tmp_path: Path) -> None:
    """The whole corpus under every policy: zero withheld runs for pypdf (and pdfminer.six)."""
    entry: dict[str, Any] = PARAMS[index].values[0]  # type: ignore[assignment]
    if not entry:
        pytest.skip("../shared/corpus/cables is not available")
    text = read_text(CORPUS / entry["file"])
    for turn, policy in enumerate(POLICIES):
        readers = [extract] + ([extract_pdfminer] if turn == index % len(POLICIES) else [])
        document = parse(text, source=entry["file"])
        redacted = redact(document, load_policy(policy), as_of=AS_OF)
        dest = tmp_path / f"{policy.stem}.pdf"
        # With the probe, as the command line renders: a false alarm would fail here.
        render_pdf(redacted, dest, probe=leak_probe(document, redacted))
        released = render_text(redacted)
        for reader in readers:
            extracted = reader(dest.read_bytes())
            where = f"{policy.stem} ({reader.__name__})"
            assert leaked_runs(text, redacted, extracted, released) == set(), where
            assert cut_terms_found(text, redacted, extracted, released) == [], where
