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

from collections import Counter
from typing import Any

import pytest

import redactor
from tests import header_table
from tests.conftest import CORPUS, read_text
from tests.header_table import ROWS, UNCHECKED, Row, document

# row id -> why today's parser disagrees (one line each). Filled first against the parser
# of main at 356b34a (130 of 473 rows agreed), then shrunk as the readings were built.
KNOWN_DISAGREEMENTS: dict[str, str] = {
    'cb-08STATE103511': 'a statement inside a paragraph is text of its unit (issue 13)',
    'cb-10PARIS170': 'ASD/ISA read as an office (post), not a title',
    'tags-06NEWDELHI5237': 'continuation line not joined',
    'tags-07PARIS1844': 'continuation line not joined',
    'tags-08PARIS957': 'continuation line not joined',
    'tags-09ABUDHABI744': 'continuation line not joined',
    'tags-09ANKARA226': 'continuation line not joined',
    'tags-09BEIJING2963': 'bracketed OVIP person split; continuation line not joined',
    'tags-09BEIJING2965': 'bracketed OVIP person split; continuation line not joined',
    'tags-09BRUSSELS536': 'continuation line not joined',
    'tags-09LONDON2768': 'continuation line not joined',
    'tags-09LONDON290': 'continuation line not joined',
    'tags-09MADRID347': 'continuation line not joined',
    'tags-09MADRID440': 'continuation line not joined',
    'tags-09STATE30049': 'bracketed OVIP person split; continuation line not joined',
    'tags-09STATE78274': 'bracketed OVIP person split; continuation line not joined',
    'tags-09TELAVIV2482': 'continuation line not joined',
    'tags-09TRIPOLI1025': 'continuation line not joined',
    'tags-09USEUBRUSSELS948': 'continuation line not joined',
    'tags-10BEIJING263': 'continuation line not joined',
    'tags-05SOFIA1207': 'multi-word tag split',
    'tags-05TELAVIV1580': 'multi-word tag split',
    'tags-04BRUSSELS1868': 'multi-word tag split',
    'tags-09STATE34688': 'bracketed OVIP person split',
    'tags-syn-tage': 'label not recognised',
    'tags-syn-wrap-comma': 'continuation line not joined',
    'tags-syn-wrap-three': 'continuation line not joined',
    'tags-syn-page-header': 'continuation line not joined',
    'tags-syn-page-header-secret': 'continuation line not joined',
    'tags-syn-page-header-spaced': 'continuation line not joined',
    'tags-syn-page-header-same-line': 'continuation line not joined',
    'tags-syn-section-marker': 'continuation line not joined',
    'tags-syn-backslash': 'continuation line not joined',
    'tags-syn-sipdis-line': 'continuation line not joined',
    'tags-syn-glued-eo': 'label not recognised',
    'tags-syn-person-tag': 'bracketed OVIP person split',
    'tags-syn-crlf-wrap': 'continuation line not joined',
    'tags-syn-trailing-period': 'trailing full stop kept',
    'subj-00HARARE6677': 'page header kept',
    'subj-05SOFIA1207': 'leading portion mark kept',
    'subj-06NAIROBI72': 'leading portion mark kept',
    'subj-07BUENOSAIRES376': 'leading portion mark kept',
    'subj-07PRETORIA356': 'leading portion mark kept',
    'subj-07SANAA473': 'leading portion mark kept',
    'subj-08ABUJA320': 'leading portion mark kept',
    'subj-08BERLIN1068': 'leading portion mark kept',
    'subj-08BERLIN643': 'leading portion mark kept',
    'subj-08LONDON1991': 'leading portion mark kept; REF list not cut',
    'subj-08RPODUBAI49': 'section marker kept',
    'subj-08STATE134490': 'leading portion mark kept',
    'subj-08STATE15220': 'leading portion mark kept',
    'subj-08USNATO453': 'section marker kept',
    'subj-08BRASILIA1378': 'section marker kept; REF list not cut',
    'subj-09ABUDHABI329': 'leading portion mark kept',
    'subj-09ABUDHABI754': 'leading portion mark kept',
    'subj-09BELGRADE1222': 'section marker kept',
    'subj-09BERLIN406': 'leading portion mark kept',
    'subj-09BUENOSAIRES853': 'leading portion mark kept',
    'subj-09KABUL3714': 'leading portion mark kept',
    'subj-09LONDON1707': 'leading portion mark kept',
    'subj-09PRETORIA939': 'section marker kept',
    'subj-09PRETORIA954': 'section marker kept',
    'subj-09SANSALVADOR928': 'leading portion mark kept',
    'subj-09STATE122950': 'trailing portion mark kept',
    'subj-09STATE132349': 'leading portion mark kept',
    'subj-09STATE30049': 'leading portion mark kept; continuation after a blank line dropped',
    'subj-09STATE34688': 'leading portion mark kept',
    'subj-09STATE4134': 'trailing portion mark kept',
    'subj-09STATE47326': 'leading portion mark kept',
    'subj-09STATE68250': 'trailing portion mark kept',
    'subj-09STOCKHOLM418': 'section marker kept',
    'subj-10BEIJING263': 'section marker kept',
    'subj-10MADRID87': 'stray < line kept',
    'subj-10MOSCOW228': 'REF list not cut',
    'subj-syn-ubject': 'label not recognised',
    'subj-syn-no-colon': 'label not recognised',
    'subj-syn-after-blank-line': 'value after a blank line not read',
    'subj-syn-glued-ref': 'REF list not cut',
    'subj-syn-glued-refs': 'REF list not cut',
    'subj-syn-glued-classified': 'glued Classified By not cut',
    'subj-syn-page-header': 'page header kept',
    'subj-syn-section-marker-inside': 'section marker kept',
    'subj-syn-backslash': 'backslash continuation kept',
    'subj-syn-mark-snf': 'leading portion mark kept',
    'subj-syn-mark-sbu-lower': 'leading portion mark kept',
    'subj-syn-mark-glued-ref': 'leading portion mark kept; REF list not cut',
    'subj-syn-mark-then-wrap': 'leading portion mark kept',
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
    field = doc.field("subject")
    return {"subject": None if field is None else _ws(field.value)}


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
