"""Terms cannot be dodged (issue 13 point 10): a look-alike spelling of a cut name leaks
into neither the text release nor the PDF.

The seed's classifier, Stephen A. Seche, is cut wherever released (the FOIA policy's
``classifier`` term). Each evasion is written into a paragraph released as of a late
date; the text release and the PDF (read back by pypdf) must not hold the name,
compared as skeletons, so that a look-alike in the output counts as the name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor import render_pdf, render_text
from redactor.skeleton import skeleton
from tests.leaks.support import LATE, extract, release, seed_text

EVASIONS = [
    pytest.param("Ѕесһе", id="cyrillic"),
    pytest.param("SΕCΗΕ", id="greek-capitals"),
    pytest.param("Ｓｅｃｈｅ", id="full-width"),
    pytest.param("Se\u200bche", id="zero-width-space"),
    pytest.param("Se\u00adche", id="soft-hyphen"),
    pytest.param("Se\u2060che", id="word-joiner"),
    pytest.param("Se-\n   che", id="hyphen-at-line-end"),
    pytest.param("seche_stephen@state.gov", id="e-mail"),
    pytest.param("Seche's", id="possessive"),
    pytest.param("Seche’s", id="curly-possessive"),
    pytest.param("Seches", id="plural"),
    pytest.param("SECHE", id="capitals"),
]

ANCHOR = "Russian DCM Alexsey Erkhov told Polchief"


def _seed_with(written: str) -> str:
    seed = seed_text()
    assert ANCHOR in seed
    return seed.replace(ANCHOR, f"{ANCHOR} and {written}", 1)


@pytest.mark.parametrize("written", EVASIONS)
def test_evasion_leaks_into_no_release(written: str, tmp_path: Path) -> None:
    text, redacted = release(_seed_with(written), as_of=LATE)
    cut = written.split("_", maxsplit=1)[0]  # the surname: the given name alone is not listed
    assert any(text[c.start : c.end] == cut for c in redacted.cuts)
    released = render_text(redacted)
    assert "Polchief and" in released  # the paragraph is released, the name is not
    dest = tmp_path / "release.pdf"
    render_pdf(redacted, dest)
    for output in (released, extract(dest.read_bytes())):
        assert "seche" not in skeleton(output)


def test_a_word_that_holds_the_name_is_released() -> None:
    """Control: only the name is cut, not a word that holds its letters."""
    _, redacted = release(_seed_with("Sechelt"), as_of=LATE)
    assert "Polchief and Sechelt" in render_text(redacted)
