"""Properties of issue 13: a line added to a document never releases more of it.

a. Inserting a marked line (``(S//NF) x``, ``¶9. (C) x``, ``II. (TS) x``, ``SUMMARY: (S//NF)
   x``, a banner, a DECL line ...) at any line start never lowers the marking that governs
   released text, and releases no character of the original that was withheld.
b. Point 11: adding any such line anywhere (a later or repeated banner, a classification
   change, a quoted or forwarded message's banner, marks or DECL line, a section with its
   own classification) releases no more of the original than before.

Characters of the original keep their offset before the insertion and move by its length
after it. A character is released when no withheld unit, no cut and no dropped routing
covers it (header material is released without a decision); the marking that governs it
is the ``marking`` of the audit's decision covering it, compared where both releases have
one: the level may not drop, and NOFORN may not be lost. Whitespace does not count as
released content: a unit ends at the end of its last line (the line break after it is
left out, parser ``_unit_end``), so an inserted unit start turns the line break before
it into space between units.

Counterexamples found while the parser was built, kept as regression tests at the end:
a marked line right above ``Classified By:`` lost the B6 cut of the sign-off; a ``(U)``
line took the lines after it (an unmarked SUBJECT, the tail of a classified paragraph)
into a (U) unit; a marked line in a document with no unit made the classifier's surname
under the text a released sign-off. Fixed: a unit stops at the next header field, a unit
right under another rolls in its marks, the sign-off is read whether or not units exist.

Base documents: small cables (``tests.builders.cable``) mixing ``(U)``, ``(C)``,
``(S//NF)``, REL TO and unmarked paragraphs, some wrapped over several lines, and the seed
cable ``examples/06DAMASCUS728.txt``; policies ``foia-release``, ``declassified-only`` and
``partner-gbr`` as of 2010-01-01, when every base is still classified.

The other invariants of the issue are covered in tests/test_properties.py (redacting a
release again withholds nothing more; a release-everything policy reproduces the input)
and are not repeated here.
"""

from __future__ import annotations

import datetime
from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from redactor import parse
from redactor.markings import Marking, parse_portion_mark
from redactor.model import PartKind
from redactor.policy import Action, Policy, load_policy
from redactor.redact import Redacted, redact
from tests.builders import BANNER, cable
from tests.conftest import EXAMPLES, ROOT, read_text

AS_OF = datetime.date(2010, 1, 1)  # before DECL 02/26/2016 (builders) and 02/26/2016 (seed)
POLICIES = ("foia-release", "declassified-only", "partner-gbr")
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)

# (a): lines that carry a mark at a unit start, or raise the document.
MARKED_LINES = [
    "(S//NF) Inserted text",
    "¶9. (C) Inserted text",
    "II. (TS) Inserted text",
    "B) (S) Inserted text",
    "SUMMARY: (S//NF) Inserted text",
    "(CONF) Inserted text",
    "S E C R E T",
    "E.O. 12958: DECL: 01/01/2001",
    "3. (S//NF) Inserted text",
    "-- (C) Inserted text",
    "Fighters: (S//NF) Inserted text",
]
# (b), point 11: lines that repeat, change, quote or forward a classification.
POINT_11_LINES = [
    *MARKED_LINES,
    "C O N F I D E N T I A L",
    "UNCLASSIFIED",
    "U N C L A S S I F I E D",
    "UNCLAS SECTION 02 OF 02 TRIPOLI 000220",
    "SECRET//NOFORN",
    "CLASSIFICATION: UNCLASSIFIED",
    "Classification changed to UNCLASSIFIED",
    "DOWNGRADED TO UNCLASSIFIED ON 01/01/2001",
    "E.O. 12958: N/A",
    "E.O. 12958: DECL: 01/01/1995",
    "DECL: 01/01/2001",
    "Declassify On: 20010101",
    "Classified By: nobody for reasons N/A",
    "-----Original Message-----",
    "> C O N F I D E N T I A L",
    "> (U) Forwarded text",
    "BEGIN TEXT: UNCLASSIFIED",
    "SECTION 2 (U)",
    "II. UNCLASSIFIED",
    "(U) Inserted text",  # a unit of its own when it stands between units
    "UNCLASSIFIED\nE.O. 12958: N/A\n(U) Forwarded message",
]

PROSE = [
    "The minister said that talks would resume after the elections.",
    "Embassy officials noted the government's position\non the pipeline and the harbour.",
    "Post will follow up\nwith the ministry\nand report septel.",
    "Haddad would not comment.",
]
MARKS = ["(U)", "(C)", "(S//NF)", "(C//REL TO USA, GBR)", None]


@cache
def policy(name: str) -> Policy:
    return load_policy(ROOT / "policies" / f"{name}.yaml")


@cache
def seed() -> str:
    return read_text(EXAMPLES / "06DAMASCUS728.txt")


@st.composite
def bases(draw: st.DrawFn) -> str:
    """A base document: the seed, or a small cable with marked and unmarked paragraphs."""
    if draw(st.integers(0, 4)) == 0:
        return seed()
    banner = draw(st.sampled_from(["C O N F I D E N T I A L", "S E C R E T", "SECRET//NOFORN"]))
    paragraphs = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        mark = draw(st.sampled_from(MARKS))
        body = draw(st.sampled_from(PROSE))
        if draw(st.booleans()) and mark is None:
            paragraphs.append(body)  # unnumbered, unmarked text
        else:
            paragraphs.append(f"{n}. {mark + ' ' if mark else ''}{body}")
    return cable(banner, "02/26/2016", *paragraphs)


def line_starts(text: str) -> list[int]:
    return [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]


def released(text: str, redacted: Redacted, pol: Policy) -> bytearray:
    """1 per released character of ``text``, 0 per withheld, cut or dropped one."""
    out = bytearray(b"\x01") * len(text)
    spans = [(d.start, d.end) for d in redacted.decisions if d.action is Action.WITHHOLD]
    spans += [(c.start, c.end) for c in redacted.cuts]
    if pol.header.routing == "drop":
        parts = parse(text).parts
        for i, part in enumerate(parts):
            if part.kind is PartKind.ROUTING:
                end = part.end
                if i + 1 < len(parts) and parts[i + 1].kind is PartKind.SPACE:
                    end = parts[i + 1].end
                spans.append((part.start, end))
    for start, end in spans:
        out[start:end] = bytes(end - start)
    return out


def governing(text: str, redacted: Redacted) -> list[Marking | None]:
    """Per character: the marking of the released decision covering it, else None."""
    out: list[Marking | None] = [None] * len(text)
    for d in redacted.decisions:
        if d.action is Action.RELEASE and d.marking is not None:
            marking = parse_portion_mark(d.marking)
            out[d.start : d.end] = [marking] * (d.end - d.start)
    return out


def lower(new: Marking | None, old: Marking | None) -> bool:
    """Whether ``new`` governs less than ``old`` (a lower level, or NOFORN lost)."""
    if new is None or old is None or not new.known or not old.known:
        return False  # an unknown mark is withheld: nothing released to compare
    assert new.level is not None
    assert old.level is not None
    return new.level < old.level or (old.noforn and not new.noforn)


def differences(text: str, at: int, line: str, name: str) -> tuple[list[int], list[int]]:
    """(original offsets withheld before and released after inserting ``line`` at ``at``,
    original offsets whose governing marking was lowered)."""
    pol = policy(name)
    inserted = line + "\n"
    new_text = text[:at] + inserted + text[at:]
    old = redact(parse(text), pol, as_of=AS_OF)
    new = redact(parse(new_text), pol, as_of=AS_OF)
    old_out, new_out = released(text, old, pol), released(new_text, new, pol)
    old_gov, new_gov = governing(text, old), governing(new_text, new)
    shift = len(inserted)
    grown, lowered = [], []
    for i in range(len(text)):
        j = i if i < at else i + shift
        if new_out[j] and not old_out[i]:
            if not text[i].isspace():  # a unit's closing line break is not its content
                grown.append(i)
        elif new_out[j] and lower(new_gov[j], old_gov[i]):
            lowered.append(i)
    return grown, lowered


def describe(text: str, offsets: list[int]) -> str:
    if not offsets:
        return ""
    lo, hi = offsets[0], offsets[-1] + 1
    return f"{len(offsets)} characters, first run {text[lo : min(hi, lo + 120)]!r}"


@st.composite
def insertions(draw: st.DrawFn, lines: list[str]) -> tuple[str, int, str, str]:
    text = draw(bases())
    at = draw(st.sampled_from(line_starts(text)))
    return text, at, draw(st.sampled_from(lines)), draw(st.sampled_from(POLICIES))


# Counterexamples found by the properties, shrunk by hand (see the regression tests below).
BASE = cable(BANNER, "02/26/2016", "1. (U) The minister said that talks would resume.")
SWALLOWED_AUTHORITY = (BASE, BASE.index("Classified By:"), "(S//NF) Inserted text", "foia-release")
U_LINE_BEFORE_SUBJECT = (BASE, BASE.index("SUBJECT:"), "(U) Inserted text", "foia-release")
SWALLOWED_REASON = (
    "counterexample: a marked line inserted right above 'Classified By:' makes the "
    "statement part of the new unit; the parser then reads no classifier, the sign-off "
    "STEVENS is no longer a signature (it joins the last, released, paragraph) and the "
    "B6 cut of the classifier's name is lost: 'STEVENS' is released"
)
U_LINE_REASON = (
    "counterexample: a '(U) ...' line inserted at a line start starts a (U) unit that "
    "takes the following lines up to the next blank line: an unmarked SUBJECT line (or "
    "the tail of a classified paragraph) is then released as (U)"
)


@example(SWALLOWED_AUTHORITY)
@SETTINGS
@given(insertions(MARKED_LINES))
def test_a_marked_line_never_lowers_released_text(case: tuple[str, int, str, str]) -> None:
    text, at, line, name = case
    grown, lowered = differences(text, at, line, name)
    assert not grown, f"released more: {describe(text, grown)}"
    assert not lowered, f"marking lowered: {describe(text, lowered)}"


@example(U_LINE_BEFORE_SUBJECT)
@SETTINGS
@given(insertions(POINT_11_LINES))
def test_point_11_an_added_line_releases_no_more(case: tuple[str, int, str, str]) -> None:
    text, at, line, name = case
    grown, _ = differences(text, at, line, name)
    assert not grown, f"released more: {describe(text, grown)}"


def test_every_line_start_of_the_seed() -> None:
    """Exhaustively over the seed's line starts, a few representative lines, foia-release."""
    text = seed()
    for at in line_starts(text):
        for line in ("(S//NF) Inserted text", "UNCLASSIFIED", "E.O. 12958: N/A"):
            grown, lowered = differences(text, at, line, "foia-release")
            assert not grown, (at, line, describe(text, grown))
            assert not lowered, (at, line, describe(text, lowered))


def test_regression_marked_line_above_the_authority_statement() -> None:
    text, at, line, name = SWALLOWED_AUTHORITY
    grown, lowered = differences(text, at, line, name)
    assert not grown, f"released more: {describe(text, grown)}"  # 'STEVENS', uncut
    assert not lowered


@pytest.mark.parametrize("name", POLICIES)
def test_regression_u_line_above_the_subject(name: str) -> None:
    text, at, line, _ = U_LINE_BEFORE_SUBJECT
    grown, _ = differences(text, at, line, name)
    assert not grown, f"released more: {describe(text, grown)}"  # 'SUBJECT: A SUBJECT'


def test_regression_u_line_inside_a_classified_paragraph() -> None:
    text = cable(BANNER, "02/26/2016", "1. (C) Post will follow up\nwith the ministry.")
    grown, _ = differences(text, text.index("with the ministry"), "(U) x", "foia-release")
    assert not grown, f"released more: {describe(text, grown)}"  # 'with the ministry.'
