"""The master leak test (REDACTION.md §B): a withheld name changes nothing in the release.

The seed's withheld paragraphs name ``Erkhov``. Replacing the name by candidates of other
lengths and characters must give byte-identical PDFs and texts: one property that covers
the text layer, label widths, glyph positions, line breaks, pagination, metadata, the
document ID, font subsets and file size at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor import render_pdf, render_text
from tests.leaks.support import EARLY, release, seed_text

CANDIDATES = ["LI", "SMITH", "WILLIAMSON", "O'NEILL-BAPTISTE"]


@pytest.mark.parametrize("page_size", ["letter", "a4"])
def test_withheld_name_does_not_change_the_release(page_size: str, tmp_path: Path) -> None:
    """As of 2010-01-01 the paragraphs naming Erkhov are withheld: outputs are identical."""
    seed = seed_text()
    assert seed.count("Erkhov") == 7
    pdfs: set[bytes] = set()
    texts: set[str] = set()
    for i, name in enumerate(CANDIDATES):
        _, redacted = release(seed.replace("Erkhov", name), as_of=EARLY)
        dest = tmp_path / f"{i}.pdf"
        render_pdf(redacted, dest, page_size=page_size)  # type: ignore[arg-type]
        pdfs.add(dest.read_bytes())
        texts.add(render_text(redacted))
    assert len(pdfs) == 1
    assert len(texts) == 1
    (data,) = pdfs
    (text,) = texts
    # The page streams write printable ASCII as itself, so the file's bytes hold a name
    # exactly where the release prints it (LI stands in the released ISRAELI): never else.
    assert "ISRAELI" in text
    for name in ["Erkhov", *CANDIDATES]:
        assert name.encode() not in data or name in text
    assert b"Erkhov" not in data


def test_cut_name_does_not_change_the_release(tmp_path: Path) -> None:
    """The classifier's name is cut wherever released: its length leaves no trace either."""
    seed = seed_text()
    outputs = set()
    for i, name in enumerate(["Stephen A. Seche", "Al Li", "Maximilian Oppenheimer-Wong"]):
        surname = name.split()[-1].upper()
        text = seed.replace("Stephen A. Seche", name).replace("SECHE", surname)
        _, redacted = release(text, as_of=EARLY)
        dest = tmp_path / f"{i}.pdf"
        render_pdf(redacted, dest)
        outputs.add((dest.read_bytes(), render_text(redacted)))
    assert len(outputs) == 1
