"""No junk cut: under every shipped policy, no corpus cable has a post, an agency or
office, a title, a country or a common word cut (issue 14, "Done when").

A policy's ``fields`` cut a person (the classifier, a sign-off that is a name) where the
header gives them and wherever else their name or surname stands. A misread that takes
``KABUL``, ``State`` or ``White`` for a name would cut that word all through a cable, and
nothing else would notice: the release still holds nothing withheld. So every cut of
every corpus cable (``Redacted.cuts``, offsets into the document text) is read back, as
of two dates (one when most cables are still classified, one when most are not), and
fails when all its words are such words, or when it is one such word (as a surname cut
alone would be).

Not checked: cuts from a policy's ``patterns`` (the policy author chose what they match:
the shipped ones cut a ``(protect)`` flag and the name before it, and runs of ``X``) and
the compartment and program names every policy cuts in banners (32 CFR 2001.24(i)). A
cut that is the classifier's own person name (``Thomas White``) is fine as a whole,
wherever it stands; so is the sign-off ``WHITE`` at its own place under ``Classified By:
Thomas White`` (``names.is_signoff_name``); ``White`` cut anywhere else is not.

Each cable is parsed once per worker and redacted ten times (five policies, two dates):
a few seconds. Skipped cleanly when ../shared is not beside the project.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import cache

import pytest

from redactor import Document, parse, redact
from redactor.names import (
    AGENCY_WORDS,
    POST_WORDS,
    is_common_word,
    is_country_word,
    is_office,
    is_title,
)
from redactor.policy import Policy, load_policy
from tests.conftest import CORPUS, NO_CORPUS, ROOT, corpus_manifest, read_text

POLICIES = sorted((ROOT / "policies").glob("*.yaml"))
DATES = (datetime.date(2026, 12, 7), datetime.date(2010, 1, 1))
# The post in a reference id: 09KABUL165, 09USEUBRUSSELS948, 10STATE15856.
_REF_POST = re.compile(r"\d{2}([A-Z]+)\d+")
_FM_LINE = re.compile(r"^FM\s+(.+)$", re.MULTILINE)
_WORD = re.compile(r"[^\s,;:()\"“”]+")


@cache
def _documents() -> tuple[Document, ...]:
    """Every corpus cable, parsed once per worker process."""
    paths = sorted(CORPUS.glob("*.txt"))
    return tuple(parse(read_text(p), source=p.name) for p in paths)


def _own_post(document: Document) -> frozenset[str]:
    """The cable's own post, upper-case: from its reference id and its FM line."""
    words: set[str] = set()
    ref = _REF_POST.fullmatch(document.reference_id or "")
    if ref:
        words.add(ref.group(1))
    fm = _FM_LINE.search(document.text)
    if fm:
        words.update(w.upper().strip(".") for w in fm.group(1).split())
    return frozenset(words)


def _words(text: str) -> list[str]:
    """The words of a cut, bare: no surrounding punctuation, no possessive."""
    out = []
    for token in _WORD.findall(unicodedata.normalize("NFKC", text)):
        word = re.sub(r"['’]s$|s['’]$", "", token.strip(".,;:'’-"))
        if word:
            out.append(word)
    return out


def _junk(word: str, post: frozenset[str]) -> str | None:
    """Why ``word`` names no person (post, agency, office, title, country, common word)."""
    key = word.upper().strip(".")
    checks = (
        ("the cable's post", key in post),
        ("a post word", key in POST_WORDS),
        ("an agency", key in AGENCY_WORDS),
        ("an office", is_office(word)),
        ("a title", is_title(word)),
        ("a country", is_country_word(word)),
        ("a common word", is_common_word(word)),
    )
    return next((why for why, hit in checks if hit), None)


def _folded(text: str) -> list[str]:
    return [w.casefold() for w in _words(text)]


def _allowed(document: Document, start: int, end: int) -> bool:
    """The classifier's own person name as a whole, or, at a sign-off's own place, a
    name: capitalised words none of which is a post, agency, office, title or country
    (``WHITE`` under ``Thomas White``; ``RICE`` at the foot of a Secretary's cable, a
    common word but her name there). Elsewhere a common word alone is never cut."""
    signoffs = {(f.value_start, f.value_end) for f in document.fields if f.name == "signature"}
    if (start, end) in signoffs:
        words = _words(document.text[start:end])
        return bool(words) and all(
            w[0].isupper() and _junk(w, frozenset()) in (None, "a common word") for w in words
        )
    by = document.classified_by
    if by is None or by.person is None:
        return False
    return _folded(document.text[start:end]) == _folded(by.person)


def _field_terms(policy: Policy) -> frozenset[str]:
    """The terms whose cuts are checked: those that cut by ``fields``, never patterns."""
    return frozenset(t.id for t in policy.terms if t.fields and not t.patterns)


@cache
def _policy(path: str) -> Policy:
    return load_policy(path)


@pytest.mark.skipif(not corpus_manifest(), reason=NO_CORPUS)
@pytest.mark.parametrize("as_of", DATES, ids=str)
@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.stem)
def test_no_post_agency_title_country_or_common_word_is_cut(
    path: str, as_of: datetime.date
) -> None:
    policy = _policy(str(path))
    checked = _field_terms(policy)
    bad: list[str] = []
    for document in _documents():
        redacted = redact(document, policy, as_of=as_of)
        post = _own_post(document)
        for cut in redacted.cuts:
            if not set(cut.terms) <= checked or _allowed(document, cut.start, cut.end):
                continue
            text = document.text[cut.start : cut.end]
            words = _words(text)
            reasons = [_junk(w, post) for w in words]
            if words and all(reasons):
                bad.append(
                    f"{document.source} ({document.reference_id}), term "
                    f"{'/'.join(cut.terms)}, at {cut.start}-{cut.end}: {text!r} is {reasons}"
                )
    assert not bad, f"{len(bad)} junk cut(s):\n" + "\n".join(bad[:40])


def test_field_terms_of_the_shipped_policies() -> None:
    """The scan above checks what each shipped policy cuts by fields: if a policy gains a
    term of another kind, this says so, and the scan's exceptions need a look."""
    kinds = {
        p.stem: sorted(
            (t.id, "fields" if t.fields else "patterns" if t.patterns else "words")
            for t in _policy(str(p)).terms
        )
        for p in POLICIES
    }
    assert kinds == {
        "declassified-only": [],
        "foia-release": [("classifier", "fields"), ("protected-sources", "patterns")],
        "harm-minimization": [
            ("earlier-redactions", "patterns"),
            ("protected-sources", "patterns"),
        ],
        "partner-gbr": [],
        "public-web": [("names", "fields")],
    }
