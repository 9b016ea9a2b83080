"""Red-team suite of issue 13: crafted documents that attack the parser's segmentation.

Organisation. The documents are in ``redteam_cases.py``; each :class:`Case` has an id
``r<root>-p<point>-<name>`` naming the root cause it attacks and the "What to build" point
whose fix must close it (issue 13):

Roots: 1 a line not recognised as a unit start is folded into the previous unit; 2 a mark
anywhere but at a recognised position is ignored, garbled marks are not read as unknown;
3 header heuristics claim body text and header material is always released; 4 text inside
a portion changes document facts (DECL, Classified By, banner, signature, skeleton terms).

Root 3, point 5 also holds the attacks on the TAGS and SUBJECT readings of issue 14,
point 3 (continuation lines, page headers inside a value, REF lists glued to the subject).

Points: 1 units partition the document; 2 most restrictive mark of a unit, a mark after any
label starts a unit; 3 unreadable marks in mark position are unknown; 4 invisible characters
never hide structure; 5 the header is a closed grammar (SUBJECT, SUMMARY, REF items are
units); 6 document facts only from their own place; 7 never less classified than the
portions; 8 labels carry no free text (compartment, SAR names); 9 withheld text decides
nothing outside its placeholder; 10 terms cannot be dodged (skeleton); 11 what the parser
finds only raises protection; 12 ENTIRE TEXT, E.O. 12065, ``E.0.``, sub-items.

Checks. For every case and every shipped policy (foia-release, declassified-only,
partner-gbr; as of 2026-12-01), each canary must be absent from the text release, from the
PDF (pypdf and pdfminer.six extractions, and the raw bytes) and from the audit record,
compared case-folded and whitespace-collapsed, and again with every non-alphanumeric
character removed (a canary split by a label still counts). Point-10 cases are checked
under foia-release only, on a skeleton (NFKC, case folding, default-ignorables removed,
confusable letters mapped to Latin, line-end hyphens joined) for the classifier's surname.
Point-9 cases also render a twin document whose withheld text differs: the text release,
the PDF bytes and the audit (offsets aside) must be the same. Control cases check that
released (U) text does reach the text release and the PDF, so that withholding everything
cannot pass.

A case that leaks today is listed in ``KNOWN_LEAKS`` (the case id, or ``id@policy``): its
test is a strict xfail, so the fix that closes the leak fails the suite until the entry is
removed. Assertions are never weakened to pass.

Cases per root and point (checked by ``test_table_is_current``)::

    root  p1  p2  p3  p4  p5  p6  p7  p8  p9 p10 p11 p12 total
       1   7  14   0  10   0   0   0   0   0   0   0   6    37
       2   0   7  12   0   9   0   0   6   0   0   0   0    34
       3   0   0   0   0  29   8   0   0   0   0   0   0    37
       4   0   0   0   0   0   8   7   0   8  17   7   6    53
   total   7  21  12  10  38  16   7   6   8  17   7  12   161
"""

from __future__ import annotations

import functools
import json
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from redactor import (
    RedactorError,
    VerificationError,
    audit_record,
    load_policy,
    parse,
    redact,
    render_pdf,
    render_text,
)
from redactor.policy import Policy
from redactor.redact import Redacted
from tests.conftest import ROOT
from tests.leaks.redteam_cases import CASES, CONTROLS, Case
from tests.leaks.support import extract, extract_pdfminer

# Case ids (or "id@policy") that release a canary today: strict xfails until issue 13 is
# fixed. Grouped by root and point.
KNOWN_LEAKS: frozenset[str] = frozenset()  # every case holds; a new leak is added here first

_REASON = {
    1: "root 1: unrecognised unit start folded into the previous unit",
    2: "root 2: mark outside a recognised position ignored",
    3: "root 3: header heuristics claim body text",
    4: "root 4: text inside a portion changes document facts",
}


@functools.cache
def _policy(name: str) -> Policy:
    return load_policy(ROOT / "policies" / f"{name}.yaml")


class Outputs:
    """What one release puts out: the text, the PDF (bytes and two extractions), the audit."""

    def __init__(self, redacted: Redacted | None) -> None:
        self.text = ""
        self.pdf = b""
        self.pypdf = ""
        self.pdfminer = ""
        self.audit: dict[str, object] = {}
        if redacted is None:  # the engine refused the document: nothing is released
            return
        self.text = render_text(redacted)
        self.audit = audit_record(redacted)
        with tempfile.TemporaryDirectory() as tmp:
            dest = Path(tmp) / "release.pdf"
            try:
                render_pdf(redacted, dest)
            except VerificationError:  # nothing written: nothing printed
                return
            self.pdf = dest.read_bytes()
        self.pypdf = extract(self.pdf)
        self.pdfminer = extract_pdfminer(self.pdf)

    def channels(self) -> dict[str, str]:
        return {
            "text": self.text,
            "pypdf": self.pypdf,
            "pdfminer": self.pdfminer,
            "pdf-bytes": self.pdf.decode("latin-1"),
            "audit": json.dumps(self.audit, ensure_ascii=False, sort_keys=True),
        }


def _release(text: str, policy: str, case: Case) -> Redacted | None:
    try:
        return redact(parse(text, source="redteam.txt"), _policy(policy), as_of=case.as_of)
    except RedactorError:
        return None


@functools.cache
def outputs(case_id: str, policy: str, twin: bool = False) -> Outputs:
    case = BY_ID[case_id]
    text = case.twin if twin else case.text
    assert text is not None
    return Outputs(_release(text, policy, case))


def flat(text: str) -> str:
    """Whitespace collapsed and case folded."""
    return " ".join(text.split()).casefold()


def alnum(text: str) -> str:
    """Case folded with every non-alphanumeric character removed."""
    return re.sub(r"[\W_]+", "", text.casefold())


# Letters that look Latin (UTS #39 confusables, the subset the attacks use and their kin),
# mapped before case folding so that a Greek capital Eta still reads as H.
_CONFUSABLE = str.maketrans(
    {
        **dict(zip("АВСЕНІЈКМОРЅТХУ", "ABCEHIJKMOPSTXY", strict=True)),
        **dict(zip("аеорсѕіјхуһԁӏԛԝ", "aeopcsijxyhdlqw", strict=True)),
        **dict(zip("ΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "ABEHIKMNOPTXYZ", strict=True)),
        **dict(zip("οικνρτυχα", "oikvptuxa", strict=True)),
        **dict(zip("ᏚᎬᏟᎻᎪᎢᏒ", "SECHATR", strict=True)),
    }
)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_LINE_END_HYPHEN = re.compile(r"[-\u2010\u2011\u00ad][ \t]*\r?\n[ \t]*")


def _ignorable(ch: str) -> bool:
    """Default-ignorable code points (and controls other than line breaks and tabs)."""
    cp = ord(ch)
    return (
        (unicodedata.category(ch) in {"Cf", "Cc"} and ch not in "\n\r\t")
        or cp in {0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5}
        or (0x180B <= cp <= 0x180F or 0xFE00 <= cp <= 0xFE0F or 0xE0000 <= cp <= 0xE0FFF)
    )


def skeleton(text: str) -> str:
    """NFKC, default-ignorables removed, confusables to Latin, case folded, line-end hyphens
    joined, whitespace collapsed: how a point-10 term is looked for."""
    text = _ANSI.sub("", unicodedata.normalize("NFKC", text))
    text = "".join(ch for ch in text if not _ignorable(ch))
    text = text.translate(_CONFUSABLE).casefold().replace("i\u0307", "i")
    return " ".join(_LINE_END_HYPHEN.sub("", text).split())


def leaks(case: Case, policy: str) -> list[str]:
    """Every (channel, token) that a correct release must not show."""
    out = outputs(case.id, policy)
    found = []
    for channel, printed in out.channels().items():
        if case.skeleton is not None:
            if case.skeleton in skeleton(printed) or case.skeleton in alnum(skeleton(printed)):
                found.append(f"{channel}: {case.skeleton}")
            continue
        forms = (flat(printed), alnum(printed))
        for word in case.canaries:
            if any(word.casefold() in form for form in forms):
                found.append(f"{channel}: {word}")
    if case.twin is not None:
        twin = outputs(case.id, policy, twin=True)
        if twin.text != out.text:
            found.append("twin: text release differs")
        if twin.pdf != out.pdf:
            found.append("twin: PDF bytes differ")
        if _sans_offsets(twin.audit) != _sans_offsets(out.audit):
            found.append("twin: audit differs")
    return found


def _sans_offsets(audit: dict[str, object]) -> str:
    record = json.loads(json.dumps(audit))
    for key in ("decisions", "cuts"):
        for item in record.get(key, []):
            item.pop("start", None)
            item.pop("end", None)
    return json.dumps(record, sort_keys=True)


BY_ID = {case.id: case for case in [*CASES, *CONTROLS]}


def _params() -> list[object]:
    params = []
    for case in CASES:
        for policy in case.policies:
            marks = []
            if case.id in KNOWN_LEAKS or f"{case.id}@{policy}" in KNOWN_LEAKS:
                reason = f"issue 13: {_REASON[case.root]}, point {case.point}"
                marks.append(pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason))
            params.append(pytest.param(case.id, policy, id=f"{case.id}@{policy}", marks=marks))
    return params


@pytest.mark.parametrize(("case_id", "policy"), _params())
def test_no_withheld_token_survives(case_id: str, policy: str) -> None:
    assert leaks(BY_ID[case_id], policy) == []


@pytest.mark.parametrize("case_id", [c.id for c in CONTROLS])
def test_released_text_is_released(case_id: str) -> None:
    """Controls: a (U) paragraph's marker word reaches the text release and the PDF."""
    case = BY_ID[case_id]
    out = outputs(case.id, "foia-release")
    (word,) = case.canaries
    assert word.casefold() in flat(out.text)
    assert word.casefold() in flat(out.pypdf)
    assert word.casefold() in flat(out.pdfminer)


def test_cases_are_well_formed() -> None:
    """Ids unique and tagged; canaries ASCII upper-case, 10+ characters, in the document."""
    assert len({c.id for c in [*CASES, *CONTROLS]}) == len(CASES) + len(CONTROLS)
    for case in CASES:
        assert case.id.startswith(f"r{case.root}-p{case.point}-"), case.id
        assert 1 <= case.root <= 4, case.id
        assert 1 <= case.point <= 12, case.id
        if case.skeleton is not None:
            assert case.point == 10, case.id
            assert case.policies == ("foia-release",), case.id
            body = case.text.split("¶1.", 1)[1].rsplit("\n", 2)[0]  # sign-off left out
            assert case.skeleton in skeleton(body), case.id
            continue
        assert case.canaries, case.id
        for word in case.canaries:
            assert re.fullmatch(r"QZ[A-Z]{8,}", word), word
            assert word in case.text, word
    words = [w for c in CASES for w in c.canaries]
    assert len(set(words)) == len(words)
    assert not any(a != b and a in b for a in words for b in words)
    assert all(entry.split("@")[0] in BY_ID for entry in KNOWN_LEAKS)


def test_table_is_current() -> None:
    """At least 130 cases, six a root, five a point; the docstring's table is current."""
    roots = Counter(c.root for c in CASES)
    points = Counter(c.point for c in CASES)
    assert len(CASES) >= 130
    assert all(roots[r] >= 6 for r in range(1, 5)), roots
    assert all(points[p] >= 5 for p in range(1, 13)), points
    assert __doc__ is not None
    docstring_rows = [" ".join(line.split()) for line in __doc__.splitlines()]
    for root in range(1, 5):
        row = [str(root)] + [
            str(sum(1 for c in CASES if (c.root, c.point) == (root, p))) for p in range(1, 13)
        ]
        row.append(str(roots[root]))
        assert " ".join(row) in docstring_rows, row
    total = ["total"] + [str(points[p]) for p in range(1, 13)] + [str(len(CASES))]
    assert " ".join(total) in docstring_rows, total
