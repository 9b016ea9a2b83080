"""The ``Classified By`` statement and its reasons (redactor.reasons).

Tables follow MARKINGS.md §1.5 and §6 and CABLES.md §b.3 (the reason spellings and label
forms seen in the corpus); then every corpus cable against MANIFEST.json's verbatim
``classified_by`` block, and properties.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor import reasons
from redactor.reasons import ClassifiedBy, find_classified_by, parse_reasons
from tests.conftest import CORPUS, corpus_manifest, corpus_params, needs_corpus, read_text

BD = ("1.4(b)", "1.4(d)")

# -- reason spellings -------------------------------------------------------------------------

# (text, reasons); MARKINGS §1.5 and §6 first, then the CABLES §b.3 spellings.
SPELLINGS: list[tuple[str, tuple[str, ...]]] = [
    ("Classified By: Political Counselor F. Daniel Sainz for Reasons 1.4 (b) and (d)", BD),
    (
        "CLASSIFIED BY: Chris Stevens, CDA, Embassy Tripoli, Dept of State. REASON: 1.4 (b), (d)",
        BD,
    ),
    ("Classified By: AIT Director Douglas Paal, Reason(s): 1.4 (B/D).", BD),
    ("Classified By: ECON LARRY L. MEMMOTT, REASONS 1.4 (B,D)", BD),
    ("Classified By: E/P Counselor Laurent Charbonnet, Reasons 1.4(b)(d)", BD),
    ("Classified By: Pol/Econ Couns Drew G. Blakeney for reasons 1.4 (b&d).", BD),
    (
        "Classified By: ISN Acting Assistant Secretary Patricia A. McNerney,"
        " Reasons 1.4 b, c, and d",
        ("1.4(b)", "1.4(c)", "1.4(d)"),
    ),
    ("Classified By: DCM ROBERT E. WHITEHEAD DUE TO 1,4 (C) AND (D).", ("1.4(c)", "1.4(d)")),
    ("Classified By: (U) CDA Nancy McEldowney; E.O. 12958, reasons 1.4 (b,d)", BD),
    ("Classified By: Acting Deputy Chief of Mission Thatcher Scharpf for reas\nons 1.4(b/d).", BD),
    ("CLASSIFIED BY DCM PSIMONS PER 1.5 (B) AND (D)", ("1.5(b)", "1.5(d)")),
    ("1.  (U) CLASSIFIED BY CDA THEODORE KATTOUF, REASON 1.5.D.", ("1.5(d)",)),
    (
        "1. CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY: CHRISTOPHER W.S. ROSS, AMBASSADOR."
        "  REASON: 1.5 (D) .",
        ("1.5(d)",),
    ),
    ("Classified By: Ambassador Clifford Sobel.  Reason 1.5 (b) (d)", ("1.5(b)", "1.5(d)")),
    ("Reason: 1.4(b) and (d)", BD),
    (
        "Classified by DAS, A/GIS, DoS on 07/30/2015 ~ Class: CONFIDENTIAL ~ Reason: 1.4(D)",
        ("1.4(d)",),
    ),
    ("RELEASE IN PART B1,1.4(B),1.4(D)", BD),
    # CABLES §b.3, most common first
    ("1.4 (b) and (d)", BD),
    ("1.4 (b,d)", BD),
    ("1.4 (b), (d)", BD),
    ("1.4 (d)", ("1.4(d)",)),
    ("1.4(b), (d)", BD),
    ("1.4(d)", ("1.4(d)",)),
    ("1.4 (b, d)", BD),
    ("1.4(b) and (d)", BD),
    ("1.4 (B) AND (D)", BD),
    ("1.4 (b/d)", BD),
    ("1.4 b and d", BD),
    ("1.4 (b), (c), and (d)", ("1.4(b)", "1.4(c)", "1.4(d)")),
    ("1.4 (b and d)", BD),
    ("1.4 B AND D", BD),
    ("1.5 (B) and (D)", ("1.5(b)", "1.5(d)")),
    ("1.4 (b & d)", BD),
    ("1.4 b & d", BD),
    ("1.4 (b) & (d)", BD),
    ("1.4 (b) and ( d)", BD),
    ("1.4 (b)(d)", BD),
    ("1.4 b/d", BD),
    ("1.4 b,d", BD),
    ("1.4, b/d", BD),
    ("1.4 (b+d)", BD),
    ("1.4 (b)/(d)", BD),
    ("1.4. (b), (d)", BD),
    ("1. 4 (b/d)", BD),
    ("1 .4 (b) and (d)", BD),
    ("1.4B AND D\n.", BD),
    ("1.4(d.)", ("1.4(d)",)),
    # the brief's list
    ("1.4 (B,D)", BD),
    ("1.4 (b&d)", BD),
    ("1.5 (B) AND (D)", ("1.5(b)", "1.5(d)")),
    ("1.5 (b) (d)", ("1.5(b)", "1.5(d)")),
    ("1.4 (b) a\nnd (d)", BD),
    ("1.4 billion", ()),
    ("reasons" + " " * 3000 + "!", ()),  # no polynomial blow-up on long blank runs
    # more from the corpus
    ("1.4 (b) an d (d)", BD),
    ("1.4 (b) a nd (d)", BD),
    ("1.4 B A ND D", BD),
    ("1.4 B AN D D", BD),
    ("1.4 (b) and (d", BD),
    ("1.4 (b) and (d\r\n\r\n", BD),
    ("1.4 (B )(D)", BD),
    ("1.4 ( b, d)", BD),
    ("1.4 (b. and d.)", BD),
    ("1.4 (b-d)", ("1.4(b)", "1.4(c)", "1.4(d)")),
    ("1.4 (a)(b)(c), and  (d)", ("1.4(a)", "1.4(b)", "1.4(c)", "1.4(d)")),
    ("1.4,  a/b/c/d.", ("1.4(a)", "1.4(b)", "1.4(c)", "1.4(d)")),
    ("1.4, (b), (d), (e).", ("1.4(b)", "1.4(d)", "1.4(e)")),
    ("1.4 a,b,and d.", ("1.4(a)", "1.4(b)", "1.4(d)")),
    ("1.4 B C AND D", ("1.4(b)", "1.4(c)", "1.4(d)")),
    ("1.4b and d.", BD),
    ("1.5 (A/C).", ("1.5(a)", "1.5(c)")),
    ("1.5 d", ("1.5(d)",)),
    ("1/4 (B), (D), (E), and (G)", ("1.4(b)", "1.4(d)", "1.4(e)", "1.4(g)")),
    ("1:4 b,d", BD),
    ("1.\n4 (B) and (D).", BD),
    ("1\n.4 (b) and (d).", BD),
    ("1.4 ( \nB) AND (D)", BD),
    ("1.4(B \n), (D)", BD),
    ("1.4 (b), \n(c), and (d).", ("1.4(b)", "1.4(c)", "1.4(d)")),
    ("1.4 (b)\nand (d)", BD),
    ("1.4 (b,d)\nA. STATE 1234", BD),
    ("(1.4 b,d)", BD),
    ("for E.O. 12958 reasons 1.4 (b ) and (d).", BD),
    ("reasons: E.O. \n12958 1.4 (a,b,c,d).", ("1.4(a)", "1.4(b)", "1.4(c)", "1.4(d)")),
    ("for\nreasons 14 (b) and (d).", BD),
    ("Reasons (b) and (d)", BD),
    ("Reasons ( b) and (d)", BD),
    ("for reasons b, d.", BD),
    ("1.4 (b) and 1.5 (d)", ("1.4(b)", "1.5(d)")),
    ("1.4 (b), (d) 1. (C/NF) Summary: The talks in 1.4 (e) ...", ("1.4(b)", "1.4(d)", "1.4(e)")),
    ("1.4 b and d 1.(C)", BD),
    ("1.4(B), (D)\n(S//NF) Summary", BD),
    ("1.4 (d) and (e):", ("1.4(d)", "1.4(e)")),
    ("1.4 ...", ()),
    ("11.4 (b)", ()),
    ("0.1.4 (b)", ()),
    ("1.45 (a)", ()),
    ("paragraph 14 (a)", ()),
    ("E.O. 12958", ()),
    ("", ()),
]


@pytest.mark.parametrize(
    ("text", "reasons"), SPELLINGS, ids=[text[:50] or "empty" for text, _ in SPELLINGS]
)
def test_parse_reasons(text: str, reasons: tuple[str, ...]) -> None:
    found, warnings = parse_reasons(text)
    assert found == reasons
    assert ("no_reasons" in warnings) == (not reasons)


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("CLASSIFIED BY DCM PSIMONS PER 1.5 (B) AND (D)", "legacy_reason_numbering"),
        ("Reason 1.5 (b) (d)", "legacy_reason_numbering"),
        ("for reas\nons 1.4(b/d).", "rejoined_wrap"),
        ("for reaso ns 1.4. (b), (d).", "rejoined_wrap"),
        ("1.4 (b) a\nnd (d)", "rejoined_wrap"),
        ("1.4 (b) an d (d)", "rejoined_wrap"),
        ("1.\n4 (B) and (D).", "rejoined_wrap"),
        ("1 .4 (b) and (d)", "rejoined_wrap"),
        ("1,4 (C) AND (D)", "reason_section_typo"),
        ("1/4 (B)", "reason_section_typo"),
        ("reasons 14 (b) and (d)", "reason_section_typo"),
        ("for reasons b, d.", "no_reason_section"),
        ("1.4 (b-d)", "reason_letter_range"),
        ("1.6 (b)", "unknown_reason_section"),
        ("1.3 (a)", "unknown_reason_section"),
        ("1.4 billion", "no_reasons"),
    ],
)
def test_reason_warnings(text: str, warning: str) -> None:
    assert warning in parse_reasons(text)[1]


@pytest.mark.parametrize(
    "text",
    ["Classified By: X for reasons 1.4 (b) and (d).", "1.4 (b) and (d)", "Reasons 1.4 b/d"],
)
def test_ordinary_reasons_have_no_warnings(text: str) -> None:
    assert parse_reasons(text) == (BD, ())


def test_reasons_are_sorted_and_unique() -> None:
    assert parse_reasons("1.4 (d), (b), (d) and 1.4 (b)") == (BD, ())


def test_a_backwards_range_is_just_its_two_letters() -> None:
    assert parse_reasons("1.4 (d-b)")[0] == BD


# -- the statement ----------------------------------------------------------------------------

SEED = "Classified By: Charge d'Affaires Stephen A. Seche for reasons 1.4 b/d"


# (text before, statement, text after, name, reasons)
STATEMENTS: list[tuple[str, str, str, str | None, tuple[str, ...]]] = [
    ("SUBJECT: X\n\n", SEED, "\n\n¶1. (C) Russian DCM", "Charge d'Affaires Stephen A. Seche", BD),
    (
        "",
        "CLASSIFIED BY: Paul R Sutphin, Consul General, Dubai, UAE. \nREASON: 1.4 (b), (d)",
        "\n\n",
        "Paul R Sutphin, Consul General, Dubai, UAE",
        BD,
    ),
    (
        "",
        "CLASSIFIED BY AMBASSADOR TOM MCDONALD FOR REASONS 1.5 (B) AND (D).",
        "\n",
        "AMBASSADOR TOM MCDONALD",
        ("1.5(b)", "1.5(d)"),
    ),
    (
        "",
        "Classified by Ambassador Clark T. Randt, Jr. Reasons 1.4 (b) and (d).",
        "",
        "Ambassador Clark T. Randt, Jr.",
        BD,
    ),
    (
        "(U) ",
        "Classified by: David Appleton, Director, \nINR/CCS, Reason: 1.4 (c, d).",
        "\n",
        "David Appleton, Director, INR/CCS",
        ("1.4(c)", "1.4(d)"),
    ),
    (
        "¶1. (U) ",
        "Classified by Ambassador Marcelle M. Wahba for reasons 1.5 (B) and (D).",
        "\n\n¶2. (C) Text",
        "Ambassador Marcelle M. Wahba",
        ("1.5(b)", "1.5(d)"),
    ),
    (
        "1.(U) ",
        "Classified by Bureau Assistant Secretary Jeffrey Feltman. Reasons: 1.4 (b) and (d)",
        "\n",
        "Bureau Assistant Secretary Jeffrey Feltman",
        BD,
    ),
    (
        "REF: ASUNCION 396 ",
        "Classified By: AMBASSADOR CRAIG KELLY; Reasons 1.4(b), (d)",
        "\n\n1. (C) Text",
        "AMBASSADOR CRAIG KELLY",
        BD,
    ),
    (
        "SUBJECT: BRAZIL: BLACKOUT -CAUSES AND IMPLICATIONS ",
        "Classified By: Charge d'Affaires Cherie Jackson, Reasons 1.4 (b) and (d).",
        " REFTELS: A) 2008 BRASILIA 672",
        "Charge d'Affaires Cherie Jackson",
        BD,
    ),
    (
        "",
        "Classified By: Classifed by POL M/C Kathleen Allegrone for reasons 1.4 \n(B) AND (D).",
        "\n\n",
        "POL M/C Kathleen Allegrone",
        BD,
    ),
    (
        "",
        "Classified By: Classified By: Political Minister-Counselor Josiah Rosen \n"
        "blatt for reasons 1.4. (b) and (d).",
        "\n",
        "Political Minister-Counselor Josiah Rosen blatt",
        BD,
    ),
    (
        "",
        "Classified By: (U)  CLASSIFIED BY EAP DAS DAVID SHEAR, \nREASON: 1.4 (C).",
        "\n\n",
        "EAP DAS DAVID SHEAR",
        ("1.4(c)",),
    ),
    (
        "",
        "Classified By: by CDA Patricia Butenis for reasons 1.4 (b) and (d)",
        "\n",
        "CDA Patricia Butenis",
        BD,
    ),
    (
        "",
        "Classified By: Political Counselor Walter Pflaumer for Reasons 1.4 (b, \nc, & d).",
        "\n¶1. (C) Text",
        "Political Counselor Walter Pflaumer",
        ("1.4(b)", "1.4(c)", "1.4(d)"),
    ),
    (
        "",
        "Classified By: Political Counselor Andrew K. Covington, Reasons 1.4 (b)\nand (d)",
        "\n¶1. (C) Text",
        "Political Counselor Andrew K. Covington",
        BD,
    ),
    (
        "",
        "Classified By: DEPUTY CHIEF OF MISSION HUGO LLORENS, REASONS 1.4B AND D\n.",
        "\n\n",
        "DEPUTY CHIEF OF MISSION HUGO LLORENS",
        BD,
    ),
    (
        "",
        "CLASSIFIED BY: Gene Cretz, Ambassador, U.S. Embassy Tripoli,\n"
        "U.S. Department of State.\nREASON: 1.4 (b), (d)",
        "\n\n",
        "Gene Cretz, Ambassador, U.S. Embassy Tripoli, U.S. Department of State",
        BD,
    ),
    (
        "",
        "CLASSIFIED BY: Gene A. Cretz, Ambassador. REASON: 1.4 (b), (d)",
        " 1. (C/NF) Summary: While Libya has",
        "Gene A. Cretz, Ambassador",
        BD,
    ),
    (
        "",
        "Classified By: POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, FOR REAS \nONS 1.4 B/D",
        "\n\n",
        "POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT",
        BD,
    ),
    (
        "",
        "Classified By: Kathleen Allegrone, Minister Counselor, r \neason 1.4, b and d.",
        "\n",
        "Kathleen Allegrone, Minister Counselor",
        BD,
    ),
    (
        "",
        "Classified By: MINISTER-COUNSELOR FOR POLITICAL AFFAIRS GEORGE GLASS FO \n"
        "R REASONS 1.4 (B) and (D)",
        "\n",
        "MINISTER-COUNSELOR FOR POLITICAL AFFAIRS GEORGE GLASS",
        BD,
    ),
    (
        "",
        "Classified By: Principal Officer Dennis W. Hearne. Reasons (1.4 b,d)",
        "\n",
        "Principal Officer Dennis W. Hearne",
        BD,
    ),
    (
        "",
        "Classified By: POLITICAL COUNSELOR ROBERT R. DOWNES FOR 1.4 \n(D)",
        "\n\n",
        "POLITICAL COUNSELOR ROBERT R. DOWNES",
        ("1.4(d)",),
    ),
    (
        "",
        "Classified By: Ambassador Robert F. Godec for E.O. 12958 reasons 1.4 (b ) and (d).",
        "\n",
        "Ambassador Robert F. Godec",
        BD,
    ),
    (
        "",
        "Classified By: (U) CDA Nancy McEldowney; E.O. 12958, reasons 1.4 (b,d)",
        "\n",
        "CDA Nancy McEldowney",
        BD,
    ),
    (
        "",
        "CLASSIFIED BY EAP DAS THOMAS J. CHRISTENSEN: 1.4 (B) AND (D).",
        "\n",
        "EAP DAS THOMAS J. CHRISTENSEN",
        BD,
    ),
    (
        "",
        "Classified By: Charge d'Affaires Sylvia Reed Curran. Reasons: 1.4(b) an\nd (d).",
        "\n",
        "Charge d'Affaires Sylvia Reed Curran",
        BD,
    ),
    (
        "",
        "Classified By: Ambassador Ryan C. Crocker, Reasons 1.4 (b) and (d",
        "\n¶1. (C) Introduction",
        "Ambassador Ryan C. Crocker",
        BD,
    ),
    (
        "",
        "Classified By: Charg d'Affaires a.i. Leigh Carter; reasons 1.4(b) and ( \\\nd).",
        " \\\n \\\n------- \\",
        "Charg d'Affaires a.i. Leigh Carter",
        BD,
    ),
    (
        "",
        "Classified By: Political Counselor John S. Creamer \r\nReasons: 1.4 (b) and (d)",
        "\r\n\r\n",
        "Political Counselor John S. Creamer",
        BD,
    ),
    (
        "",
        "Classified By: AMBASSADOR JAMES PARDEW, FOR REASON \n\n1.4(C).",
        "\n¶1. (U) This cable",
        "AMBASSADOR JAMES PARDEW",
        ("1.4(c)",),
    ),
    (
        "",
        "Classified By: Glbal Affairs Unit Chief Don L. Brown for\nreasons 14 (b) and (d).",
        "\n",
        "Glbal Affairs Unit Chief Don L. Brown",
        BD,
    ),
    (
        "",
        "Classified By: D/Ambassador Ricciardone; Reasons (b) and (d)",
        "\n",
        "D/Ambassador Ricciardone",
        BD,
    ),
    (
        "",
        "Classified By: Acting Deputy Chief of Mission Elizabeth Hinson. Reason s 1.4(b) and (d).",
        "\n(U) This message",
        "Acting Deputy Chief of Mission Elizabeth Hinson",
        BD,
    ),
    (
        "",
        "Classified By: Charge d'Affaires, a.i., Robert P. Jackson for reasons 1\n.4 (b) and (d).",
        "\n",
        "Charge d'Affaires, a.i., Robert P. Jackson",
        BD,
    ),
    (
        "",
        "Classified By: EUR/PRA Director Stephanie Miley",
        " \n\n¶1. (U) This is an action request",
        "EUR/PRA Director Stephanie Miley",
        (),
    ),
    (
        "",
        "Classified By: ELISSA G. PITTERLE, DIRECTOR, INR/OPS",
        "\n\n¶1. (S/REL UK) WASHINGTON",
        "ELISSA G. PITTERLE, DIRECTOR, INR/OPS",
        (),
    ),
    (
        "",
        # the reasons across a telegram page break (07PARIS170; issue 14)
        "CLASSIFIED BY: POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, REASONS"
        " \n \n \n \nPAGE 02 RUEHFRA0170 S E C R E T \n1.4 (B) AND (D).",
        " \n",
        "POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT",
        BD,
    ),
    (
        "",
        "Classified by: CDA Karen Decker for reasons 1.4 ...",
        "\n\nXXXXXXXXXXXX\n",
        "CDA Karen Decker",
        (),
    ),
    (
        "",
        "Classified By: Political Counselor Annie Pforzheimer, ...",
        "",
        "Political Counselor Annie Pforzheimer",
        (),
    ),
    ("", "Classified By: A...", "", "A", ()),
    (
        "",
        "Classified By: EUR/PRA Director Stephanie Miley",
        " ¶1. (U) This is an action request (reflowed).",
        "EUR/PRA Director Stephanie Miley",
        (),
    ),
    (
        "",
        "Classified By: xxxxx for Reasons 1.4 (b) and (d\n)",
        "\n\n¶1. (U) This is a xxxxx reporting cable.",
        None,
        BD,
    ),
    (
        "",
        "Classified By: Derived from Multiple Sources",
        "\n\nSECRET//FGI//NOFORN//MR\nDeclassify on: Source marked 25X1-human",
        None,
        (),
    ),
    ("", "Classified By: 1.4 (b) and (d)", "\n", None, BD),
    (
        "MEMORANDUM\n\n3. (U) Closing paragraph.\n\n",
        "Classified By: Jane Q. Example, Director, Office of Regional Analysis\n"
        "Derived From: Multiple Sources\nReason: 1.4(b) and (d)",
        "\nDeclassify On: 20350601\n\nSECRET//NOFORN\n",
        "Jane Q. Example, Director, Office of Regional Analysis",
        BD,
    ),
    ("", "Classified By: X for reasons 1.4 (b) and 1.5 (d).", "\n", "X", ("1.4(b)", "1.5(d)")),
    (
        "",
        "Classified By: X, reasons 1.4 (b),\n(c),\n(d),\n(e)",
        "\n(f)",
        "X",
        ("1.4(b)", "1.4(c)", "1.4(d)", "1.4(e)"),
    ),
    (
        "",
        "Classified By: John R. Sample, Deputy Director\nReason: 1.4(d)",
        "\nDeclassify On: 25X6, 20600129\n",
        "John R. Sample, Deputy Director",
        ("1.4(d)",),
    ),
    (
        "",
        "Classified By: John R. Sample, Deputy Director",
        "\nDerived From: State Guide 2010\nDeclassify On: 20350601\n",
        "John R. Sample, Deputy Director",
        (),
    ),
]


@pytest.mark.parametrize(
    ("before", "statement", "after", "name", "reasons"),
    STATEMENTS,
    ids=[f"{i:02d}-{row[1][15:45]}" for i, row in enumerate(STATEMENTS)],
)
def test_find_classified_by(
    before: str, statement: str, after: str, name: str | None, reasons: tuple[str, ...]
) -> None:
    text = before + statement + after
    found = find_classified_by(text)
    assert found is not None
    assert text[found.start : found.end] == statement
    assert found.name == name
    assert found.reasons == reasons
    if name is None:
        assert found.name_span is None
    else:
        assert found.name_span is not None
        lo, hi = found.name_span
        assert found.start < lo < hi <= found.end
        assert " ".join(text[lo:hi].split()) == name


def test_seed_statement() -> None:
    text = f"SUBJECT: DAMASCUS-BASED HAMAS OFFICIALS\n\n{SEED}\n\n¶1. (C) Russian DCM"
    found = find_classified_by(text)
    start = text.index("Classified")
    assert found == ClassifiedBy(
        start=start,
        end=start + len(SEED),
        name="Charge d'Affaires Stephen A. Seche",
        name_span=(start + 15, start + 49),
        reasons=BD,
        warnings=(),
    )
    # The person, title and post, read on first use (issue 14).
    assert (found.person, found.person_span) == ("Stephen A. Seche", (start + 33, start + 49))
    assert (found.title, found.title_span) == ("Charge d'Affaires", (start + 15, start + 32))
    assert (found.post, found.post_span) == (None, None)


@pytest.mark.parametrize(
    ("text", "warnings"),
    [
        ("Classified By: EUR/PRA Director Stephanie Miley\n", ("no_reasons",)),
        ("Classified By: xxxxx for Reasons 1.4 (b) and (d)", ("redacted_name",)),
        ("Classified By: Derived from Multiple Sources", ("derived_from", "no_reasons")),
        ("Classified By: 1.4 (b)", ("no_name",)),
        ("Classified By: X for reas\nons 1.4(b/d).", ("rejoined_wrap",)),
        ("Classified By: X for reasons 1.5 (b)", ("legacy_reason_numbering",)),
        ("Classified By: X for reasons b, d.", ("no_reason_section",)),
    ],
)
def test_statement_warnings(text: str, warnings: tuple[str, ...]) -> None:
    found = find_classified_by(text)
    assert found is not None
    assert set(warnings) <= set(found.warnings)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("SUBJECT: NOTHING HERE\n\n¶1. (C) Text.", id="no-label"),
        pytest.param("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009", id="nara-stamp"),
        pytest.param("the information classified by the GOI is sensitive", id="lower-case-prose"),
        pytest.param("UNCLASSIFIED BY DESIGN", id="inside-word"),
    ],
)
def test_no_statement(text: str) -> None:
    assert find_classified_by(text) is None


def test_search_range() -> None:
    text = "Classified By: A for reasons 1.4 (b)\n\nClassified By: B for reasons 1.4 (d)\n"
    second = text.index("Classified By: B")
    found = find_classified_by(text, second)
    assert found is not None
    assert (found.start, found.name, found.reasons) == (second, "B", ("1.4(d)",))
    assert find_classified_by(text, second + 1) is None
    assert find_classified_by(text, -5, 10) is None
    # the end of the range cuts the statement (the caller's paragraph 1 starts there)
    cut = find_classified_by(text, 0, text.index(" for"))
    assert cut is not None
    assert (cut.end, cut.name, cut.reasons) == (text.index(" for"), "A", ())
    assert find_classified_by(text, 0, 10_000) == find_classified_by(text)


def test_a_long_line_without_reasons_is_capped() -> None:
    text = "Classified By: " + "word " * 200
    found = find_classified_by(text)
    assert found is not None
    assert found.end - found.start < 250
    assert found.reasons == ()


def test_the_name_span_is_exact_for_cutting() -> None:
    text = "Classified By: Political Minister-Counselor Josiah Rosen \nblatt for reasons 1.4 (b)"
    found = find_classified_by(text)
    assert found is not None
    assert found.name_span is not None
    assert text[found.name_span[0] : found.name_span[1]] == (
        "Political Minister-Counselor Josiah Rosen \nblatt"
    )


def test_continuation_stops_after_three_lines() -> None:
    text = "Classified By: A\nB\nC\nD\nE for reasons 1.4 (b)\n"
    found = find_classified_by(text)
    assert found is not None
    assert (found.end, found.reasons) == (text.index("\n"), ())


def test_dangling_keyword_then_only_blank_lines() -> None:
    for tail in ("\n\n", "\n\n\n\n\n\n1.4 (b)", "\n\nNot a reason line\n"):
        found = find_classified_by("Classified By: A, reasons:" + tail)
        assert found is not None
        assert (found.name, found.reasons) == ("A", ())


# -- the corpus -------------------------------------------------------------------------------

# Where the manifest block (cut at the first blank line) and the parser differ because the
# parser reads on: a dangling "FOR REASON(S)" finds its clause after a blank line.
READS_PAST_THE_BLOCK = {
    "05SOFIA1207": ("1.4(c)",),
    "07LONDON4472": BD,
    # "REASONS" then a telegram page break, and the letters on the next page (issue 14)
    "07PARIS170": BD,
    "09STATE132349": ("1.4(c)",),
}
_LABEL = re.compile(r"Classifi?e?d\s+by", re.I)


MANIFEST = corpus_manifest()
corpus = pytest.mark.corpus
ENTRIES = corpus_params()


@corpus
@pytest.mark.parametrize("entry", ENTRIES)  # corpus_params skips without ../shared
def test_corpus_classified_by(entry: dict[str, Any]) -> None:
    text = read_text(CORPUS / entry["file"])
    found = find_classified_by(text)
    block = entry["classified_by"]
    if block is None:
        assert found is None
        return
    at = text.find(block)
    if at < 0:
        block = block.replace("\n", "\r\n")
        at = text.find(block)
    label = _LABEL.search(block)
    assert label is not None
    assert found is not None
    assert found.start == at + label.start()
    expected = READS_PAST_THE_BLOCK.get(entry["reference_id"], parse_reasons(block)[0])
    assert found.reasons == expected
    if found.name is not None:
        assert found.name_span is not None
        lo, hi = found.name_span
        assert found.start < lo < hi <= found.end
        assert " ".join(text[lo:hi].split()) == found.name
        assert not re.search(r"\breasons?\b", found.name, re.I)


@corpus
@needs_corpus
def test_corpus_exceptions_are_real() -> None:
    blocks = {e["reference_id"]: e["classified_by"] for e in MANIFEST}
    for ref in READS_PAST_THE_BLOCK:
        assert parse_reasons(blocks[ref])[0] == ()


# -- properties -------------------------------------------------------------------------------

FRAGMENTS = [
    "Classified By:",
    "CLASSIFIED BY",
    "Classified by",
    "Classifed by",
    "DE",
    "(U) ",
    "¶1. ",
    "1.(C) ",
    "by ",
    "Derived from",
    "Reason:",
    "reas",
    "ons",
    "for ",
    "FO",
    "R ",
    "per ",
    "E.O. 12958",
    "1.4",
    "1.5",
    "1,4",
    "1/4",
    "14",
    "1.",
    "4",
    " (b)",
    "(d",
    ")",
    " and ",
    "a",
    "nd",
    "an",
    "d",
    " b/d",
    "-",
    ",",
    ".",
    "...",
    " ",
    "\n",
    "\r\n",
    "\\",
    "xxxxx",
    "Jr.",
    "SUMMARY",
    "PAGE 02",
    "Ambassador Jones",
]
texts = st.one_of(st.text(), st.lists(st.sampled_from(FRAGMENTS), max_size=16).map("".join))


@settings(max_examples=400, deadline=None)
@given(text=texts, start=st.integers(-5, 60), end=st.one_of(st.none(), st.integers(-5, 400)))
def test_find_never_raises_and_spans_are_sane(text: str, start: int, end: int | None) -> None:
    found = find_classified_by(text, start, end)
    if found is None:
        return
    limit = len(text) if end is None else min(len(text), end)
    assert max(0, start) <= found.start < found.end <= limit
    assert _LABEL.match(text, found.start) is not None
    if found.name_span is not None:
        lo, hi = found.name_span
        assert found.start < lo < hi <= found.end
        assert found.name == " ".join(text[lo:hi].split())
    assert list(found.reasons) == sorted(set(found.reasons))


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_parse_reasons_never_raises(text: str) -> None:
    reasons, warnings = parse_reasons(text)
    assert all(re.fullmatch(r"1\.[3-6]\([a-h]\)", r) for r in reasons)
    assert len(set(warnings)) == len(warnings)


NAMES = st.lists(
    st.sampled_from(
        [
            "Ambassador",
            "DCM",
            "Derived",
            "from",
            "xxxxx",
            "X.",
            "Jr.",
            "d'Affaires",
            "for",
            "per",
            ",",
            ";",
            "-",
            "Reasons",
            "Tom",
            "Kelly",
            " ",
            "\n",
            "1.4",
        ]
    ),
    min_size=1,
    max_size=6,
).map(" ".join)
CLAUSES = st.sampled_from(
    [
        "1.4 (b) and (d)",
        "1.4 b/d",
        "1.4 (B,D)",
        "1.4 b a nd d",
        "1.4 (b-d)",
        "1.4 (b",
        "1.5 (d)",
        "1.4 (b)\nand (d)",
        "1.4 (b),\n(c)",
        "1.4",
    ]
)
ENDINGS = st.sampled_from(
    [
        "",
        ".",
        " .",
        "\n",
        "\n\n",
        "\r\n\r\n",
        "\n¶1. (C) Text",
        " \\\n \\\n",
        ")\n\n",
        ":\n\n",
        " 1.5 (d)\n\n",
        " and 1.5 (d)",
    ]
)


@settings(max_examples=600, deadline=None)
@given(
    name=NAMES,
    clause=CLAUSES,
    ending=ENDINGS,
    intro=st.sampled_from([" for reasons ", ", for reasons "]),
)
def test_shortcut_agrees_with_the_general_path(
    name: str, clause: str, ending: str, intro: str
) -> None:
    text = f"Classified By: {name}{intro}{clause}{ending}"
    label = reasons._LABEL.search(text)
    assert label is not None
    stop = len(text)
    assert reasons._statement(text, label, stop) == reasons._statement(
        text, label, stop, fast=False
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Classifd BY:A< FOR REASONS 1.4(A\n\nAND(A", id="letters-across-blank-line"),
        pytest.param("Classified By: X for reasons 1.4 (b\nand d)\n\n1. (C) T.", id="wrapped"),
    ],
)
def test_shortcut_and_general_path_agree_across_line_breaks(text: str) -> None:
    label = next(reasons._LABEL.finditer(text))
    fast = reasons._statement(text, label, len(text))
    slow = reasons._statement(text, label, len(text), fast=False)
    assert fast == slow
