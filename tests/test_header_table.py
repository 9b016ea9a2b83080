"""The header reading table (issue 14, point 5) run against :func:`redactor.parse`.

``tests/header_table.py`` holds the rows and their expected readings (its docstring gives
the size per kind). Each row is parsed inside a minimal cable and its reading compared:

* ``cb``: ``doc.classified_by``'s ``person``, ``title`` (unless unchecked) and ``reasons``
  (unless unchecked); no statement at all reads as person ``None``, title ``None``, no reasons;
* ``tags``: ``doc.tags``;
* ``subj``: ``doc.field("subject").value``, whitespace collapsed.

A row listed in :data:`KNOWN_DISAGREEMENTS` must still disagree (like a strict xfail), so the
list cannot go stale: when the parser gets a row right, remove it from the list.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest

import redactor
from redactor.inspect import inspect_document
from tests import header_table
from tests.conftest import CORPUS, read_text
from tests.header_table import ROWS, UNCHECKED, Row, document

# row id -> why today's parser disagrees (one line each). Filled first against the parser
# of main at 356b34a (130 of 473 rows agreed), then shrunk as the readings were built.
KNOWN_DISAGREEMENTS: dict[str, str] = {
    "cb-08STATE103511": "a statement inside a paragraph is text of its unit (issue 13)",
    "cb-10PARIS170": "ASD/ISA read as an office (post), not a title",
    "tags-syn-page-header-spaced": "page header without the post: not layout",
    "tags-syn-section-marker": "section marker without the post: not layout",
    "subj-09STATE30049": "a continuation after a blank line is not read (it could be body text)",
    "subj-10MADRID87": "stray < line kept",
    "subj-syn-section-marker-inside": "section marker without the post: not layout",
}

_MISSING = "<attribute missing>"


def _ws(value: object) -> object:
    """``value`` with runs of whitespace collapsed, when it is a string."""
    return " ".join(value.split()) if isinstance(value, str) else value


def expected(row: Row) -> dict[str, Any]:
    """The checked parts of the row's expected reading."""
    if row.kind == "cb":
        want: dict[str, Any] = {"person": _ws(row.expected)}
        if row.title is not UNCHECKED:
            want["title"] = _ws(row.title)
        if row.reasons is not UNCHECKED:
            want["reasons"] = row.reasons
        return want
    if row.kind == "tags":
        return {"tags": row.expected}
    return {"subject": _ws(row.expected)}


def reading(row: Row) -> dict[str, Any]:
    """The parser's reading of the same parts (an exception is a reading too)."""
    try:
        doc = redactor.parse(document(row))
    except Exception as exc:  # a crash is a disagreement too, reported as such
        return {"error": f"{type(exc).__name__}: {exc}"}
    if row.kind == "cb":
        cb = doc.classified_by
        got: dict[str, Any] = {
            "person": None if cb is None else _ws(getattr(cb, "person", _MISSING))
        }
        if row.title is not UNCHECKED:
            got["title"] = None if cb is None else _ws(getattr(cb, "title", _MISSING))
        if row.reasons is not UNCHECKED:
            got["reasons"] = () if cb is None else tuple(cb.reasons)
        return got
    if row.kind == "tags":
        return {"tags": tuple(doc.tags)}
    # The subject as read: inspect's `subject` (the value's clean reading without its
    # marks), the reading a user sees.
    subject = inspect_document(doc, as_of=datetime.date(2026, 1, 1))["subject"]
    return {"subject": None if subject is None else _ws(subject)}


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_header_table(row: Row) -> None:
    got, want = reading(row), expected(row)
    if row.id in KNOWN_DISAGREEMENTS:
        assert got != want, (
            f"{row.id} now reads as expected: remove it from KNOWN_DISAGREEMENTS "
            f"({KNOWN_DISAGREEMENTS[row.id]})"
        )
    else:
        assert got == want, f"{row.id}\n{document(row)!r}"


def test_table_size_and_ids() -> None:
    ids = [r.id for r in ROWS]
    assert len(ROWS) >= 320
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]
    kinds = Counter(r.kind for r in ROWS)
    assert set(kinds) == {"cb", "tags", "subj"}
    assert kinds["cb"] >= 130
    assert kinds["tags"] >= 90
    assert kinds["subj"] >= 100
    for r in ROWS:
        assert r.id.startswith(f"{r.kind}-"), r.id


def test_docstring_counts_match() -> None:
    kinds = Counter(r.kind for r in ROWS)
    doc = header_table.__doc__ or ""
    assert f"{len(ROWS)} header snippets" in doc
    assert f"``cb``: {kinds['cb']} " in doc
    assert f"``tags``: {kinds['tags']} " in doc
    assert f"``subj``: {kinds['subj']} " in doc


def test_known_disagreements_name_rows() -> None:
    ids = {r.id for r in ROWS}
    assert set(KNOWN_DISAGREEMENTS) <= ids, sorted(set(KNOWN_DISAGREEMENTS) - ids)


def _corpus_rows() -> list[Any]:
    rows = [r for r in ROWS if "-syn-" not in r.id]
    return [pytest.param(r, id=r.id) for r in rows]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/cables is not available")
@pytest.mark.parametrize("row", _corpus_rows())
def test_corpus_snippet_is_verbatim(row: Row) -> None:
    """A corpus row's snippet is copied from its cable exactly (checked only where ../shared is)."""
    reference_id = row.id.split("-", 1)[1]
    assert row.snippet in read_text(CORPUS / f"{reference_id}.txt")
