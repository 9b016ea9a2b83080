"""The parser test strings of MARKINGS.md §6, one row each, read through `redactor.parse`.

Each string is put where it stands in a real cable (a paragraph, a header line, the
banner) and the row checks what the document model makes of it. Rows whose feature is a
later issue's (release stamps, redaction labels) check that the string is not misread.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from redactor import DeclassKind, Document, Level, PartKind, parse, parse_banner

HEAD = (
    "O 131503Z MAR 08\nFM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 3217\n\n"
    "C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220\n\nSIPDIS\n\n"
)
DECL = "E.O. 12958: DECL: 3/13/2018\n"
REST = "TAGS: PGOV\nSUBJECT: A SUBJECT\n\nClassified By: CDA X for reasons 1.4 (b) and (d)\n\n"


def body(line: str) -> Document:
    """``line`` as the body of an otherwise ordinary cable."""
    return parse(HEAD + DECL + REST + line + "\n")


def decl(line: str, dtg: str = "O 131503Z MAR 08") -> Document:
    """``line`` as the cable's E.O. line."""
    return parse(HEAD.replace("O 131503Z MAR 08", dtg) + line + "\n" + REST + "¶1. (C) X.\n")


def banner(line: str) -> Document:
    return parse(f"{line}\n\nE.O. 12958: DECL: 3/13/2018\nSUBJECT: X\n\n1. (U) X.\n")


def then(value: object, project: Callable[[Any], object]) -> object:
    """``project(value)``: lets a table row build a document and pick what it checks."""
    return project(value)


def banner_form(line: str) -> str | None:
    marking = banner(line).banner
    return marking.banner_form() if marking is not None else None


def one(doc: Document) -> tuple[str | None, Level | None, tuple[str, ...], tuple[str, ...]]:
    (p,) = doc.body
    m = p.marking
    assert m is not None
    return p.number, m.level, m.controls, m.warnings


def mark(text: str) -> tuple[Level | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    (p,) = body(f"{text} text").body
    assert p.marking is not None
    return p.marking.level, p.marking.controls, p.marking.rel_to, p.marking.warnings


S, C, U, TS = Level.SECRET, Level.CONFIDENTIAL, Level.UNCLASSIFIED, Level.TOP_SECRET
D = datetime.date

CASES: list[tuple[str, Callable[[], object], object]] = [
    (
        "¶3. (S/NF) text",
        lambda: one(body("¶3. (S/NF) text")),
        ("3", S, ("NOFORN",), ("single_slash",)),
    ),
    ("(U) text", lambda: one(body("(U) text")), (None, U, (), ())),
    ("1. (SBU) text", lambda: one(body("1. (SBU) text")), ("1", U, ("SBU",), ())),
    (
        "E.O. 12958: DECL: 1.6X6",
        lambda: then(
            decl("E.O. 12958: DECL: 1.6X6").declassification,
            lambda d: (d.kind, d.exemptions, d.order, d.date),
        ),
        (DeclassKind.EXEMPT, ("X6",), "12958", None),
    ),
    (
        "1.(C) Summary: Reports",
        lambda: one(body("1.(C) Summary: Reports by the QDF"))[:2],
        ("1", C),
    ),
    (
        "3. (SBU/N) Content 3",
        lambda: one(body("3. (SBU/N) Content 3"))[:3],
        ("3", U, ("SBU NOFORN",)),
    ),
    (
        "2. SBU) Content 2",
        lambda: one(body("2. SBU) Content 2")),
        ("2", U, ("SBU",), ("malformed_portion",)),
    ),
    (
        "1. (S//NF) SUMMARY",
        lambda: one(body("1. (S//NF) SUMMARY AND COMMENT: During"))[:3],
        ("1", S, ("NOFORN",)),
    ),
    ("(C/NF)", partial(mark, "(C/NF)"), (C, ("NOFORN",), (), ("single_slash",))),
    ("(S//REL TO USA, GBR)", partial(mark, "(S//REL TO USA, GBR)"), (S, (), ("USA", "GBR"), ())),
    ("(C//REL TO USA, FVEY)", partial(mark, "(C//REL TO USA, FVEY)"), (C, (), ("USA", "FVEY"), ())),
    ("(S//REL)", partial(mark, "(S//REL)"), (S, (), (), ("rel_without_list",))),
    ("(TS//SI//NF)", partial(mark, "(TS//SI//NF)"), (TS, ("SI", "NOFORN"), (), ())),
    (
        "(TS//SI/TK//NOFORN)",
        partial(mark, "(TS//SI/TK//NOFORN)"),
        (TS, ("SI", "TK", "NOFORN"), (), ("long_form_in_portion",)),
    ),
    (
        "(S/ORCON)",
        partial(mark, "(S/ORCON)"),
        (S, ("ORCON",), (), ("single_slash", "long_form_in_portion")),
    ),
    ("(U//FOUO)", partial(mark, "(U//FOUO)"), (U, ("FOUO",), (), ())),
    ("(C//FOUO)", partial(mark, "(C//FOUO)"), (C, ("FOUO",), (), ("fouo_requires_u",))),
    ("(//GBR S)", partial(mark, "(//GBR S)"), (S, ("FGI GBR",), (), ())),
    ("(//NS)", partial(mark, "(//NS)"), (S, ("NATO",), (), ())),
    ("(GBR-C)", partial(mark, "(GBR-C)"), (C, ("FGI GBR",), (), ("legacy_fgi_form",))),
    (
        "official(s) said",
        lambda: [
            (p.number, p.marking.raw if p.marking else None)
            for p in body("1. (U) The official(s) said\nofficial(s) said").body
        ],
        [("1", "(U)")],
    ),
    (
        "REF: A. STATE 124823 B. BERN 860 C. STATE 123352",
        lambda: [
            p.number
            for p in parse(
                HEAD
                + DECL
                + REST.replace(
                    "\n\nClassified",
                    "\nREF: A. STATE 124823 B. BERN 860 C. STATE 123352\n\nClassified",
                )
                + "1. (C) X.\n"
            ).body
        ],
        ["1"],
    ),
    (
        "Classified By: DCM ROBERT E. WHITEHEAD DUE TO 1,4 (C) AND (D).",
        lambda: then(
            parse(
                HEAD
                + DECL
                + "SUBJECT: X\n\n"
                + "Classified By: DCM ROBERT E. WHITEHEAD DUE TO 1,4 (C) AND (D).\n\n1. (C) X.\n"
            ),
            lambda d: (
                d.classified_by.name if d.classified_by else None,
                d.reasons,
                [p.number for p in d.body],
            ),
        ),
        ("DCM ROBERT E. WHITEHEAD", ("1.4(c)", "1.4(d)"), ["1"]),
    ),
    (
        "SUBJECT: (S) GERMANY TAKING ACTION",
        lambda: then(
            parse(
                HEAD + DECL + "SUBJECT: (S) GERMANY TAKING ACTION ON SHIPMENT OF ...\n\n1. (S) X.\n"
            ).subject,
            lambda p: (p.kind.value, p.level),
        ),
        ("subject", S),
    ),
    (
        "1. CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY ... REASON: 1.5 (D) .",
        lambda: then(
            parse(
                "E.O. 12356: DECL: OADR\nSUBJECT: X\n\n1. CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY: CHRISTOPHER W.S. ROSS, AMBASSADOR.  REASON: 1.5 (D) .\n\n2. MORE.\n"
            ),
            lambda d: (d.entire_text.level if d.entire_text else None, d.reasons),
        ),
        (C, ("1.5(d)",)),
    ),
    (
        "1. C - ENTIRE TEXT.",
        lambda: then(
            parse("SUBJECT: X\n\n1. C - ENTIRE TEXT.\n\n2. MORE.\n"),
            lambda d: d.entire_text.level if d.entire_text else None,
        ),
        C,
    ),
    (
        "TOP SECRET//SI//NOFORN",
        partial(banner_form, "TOP SECRET//SI//NOFORN"),
        "TOP SECRET//SI//NOFORN",
    ),
    (
        "SECRET//REL TO USA, GBR",
        partial(banner_form, "SECRET//REL TO USA, GBR"),
        "SECRET//REL TO USA, GBR",
    ),
    (
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        partial(banner_form, "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        "UNCLASSIFIED//FOUO",
    ),
    (
        "TOP SECRET//SI//ORCON/NOFORN//20291123",
        lambda: then(
            banner("TOP SECRET//SI//ORCON/NOFORN//20291123").banner,
            lambda m: (m.level, m.controls, m.warnings),
        ),
        (TS, ("SI", "ORCON", "NOFORN"), ("legacy_banner_declass",)),
    ),
    (
        "//JOINT SECRET USA GBR",
        lambda: then(parse_banner("//JOINT SECRET USA GBR"), lambda m: (m.level, m.controls)),
        (S, ("JOINT USA GBR",)),
    ),
    *[
        (
            line,
            partial(
                then,
                parse(f"O 131503Z MAR 08\n\n{line}\n\nE.O. 12958: N/A\nSUBJECT: X\n\n1. (U) X.\n"),
                lambda d: (d.banner.level if d.banner else None, d.reference_id),
            ),
            expected,
        )
        for line, expected in [
            ("C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220", (C, "08TRIPOLI220")),
            ("S E C R E T SECTION 01 OF 02 BERN 000881", (S, "08BERN881")),
            ("C O N F I D E N T I A L  BRASILIA 000093", (C, "08BRASILIA93")),
            ("UNCLAS SECTION 01 OF 06 TBILISI 002290", (U, "08TBILISI2290")),
            ("UNCLAS E F T O ANKARA 004972", (U, "08ANKARA4972")),
            ("T O P  S E C R E T STATE 123456", (TS, "08STATE123456")),
        ]
    ],
    (
        "T 0 p S E-C R E T",
        lambda: then(
            parse_banner("T 0 p S E-C R E T"), lambda m: (m.level, "ocr_noise" in m.warnings)
        ),
        (TS, True),
    ),
    (
        "BERN 00000881  002 OF 002",
        lambda: then(
            parse(
                "S E C R E T SECTION 01 OF 02 BERN 000881\n\nE.O. 12958: DECL: 09/10/2027\nSUBJECT: X\n\n1. (S) One half BERN 00000881  002 OF 002 the other.\n"
            ),
            lambda d: [d.text[s:e] for p in d.body for s, e in p.layout],
        ),
        ["BERN 00000881  002 OF 002"],
    ),
    (
        "NOFORN (own line)",
        lambda: (
            parse(
                HEAD.replace("SIPDIS\n", "NOFORN\n") + DECL + REST + "1. (C) X.\n"
            ).banner.controls
        ),
        ("NOFORN",),
    ),
    (
        "SENSITIVE (own line)",
        lambda: (
            parse(
                "UNCLAS ADANA 000386\n\nSENSITIVE\n\nE.O. 12958: N/A\nSUBJECT: X\n\n1. (U) X.\n"
            ).banner.controls
        ),
        ("SBU",),
    ),
    (
        "ZNY CCCCC ZZH",
        lambda: then(
            parse(
                "ZNY SSSSS ZZH\nO 131503Z MAR 08\n\n"
                + HEAD.split("\n\n", 1)[1]
                + DECL
                + REST
                + "1. (C) X.\n"
            ),
            lambda d: (d.field("transmission").value, d.warnings),
        ),
        ("SSSSS", ("transmission_level_above_banner",)),
    ),
    *[
        (
            line,
            (
                lambda line=line, dtg=dtg: then(
                    decl(line, dtg).declassification, lambda d: (d.kind, d.date, d.exemptions)
                )
            ),
            expected,
        )
        for line, dtg, expected in [
            (
                "E.O. 12958: DECL: 08/24/05",
                "O 131503Z MAR 03",
                (DeclassKind.DATE, D(2005, 8, 24), ()),
            ),
            ("EO 12958: decl: 6/3/08", "O 131503Z MAR 03", (DeclassKind.DATE, D(2008, 6, 3), ())),
            (
                "EO 12958 DECL: 2020/02/23",
                "O 131503Z MAR 08",
                (DeclassKind.DATE, D(2020, 2, 23), ()),
            ),
            (
                "E.O. 12958: DECL:  6/18/2018",
                "O 131503Z MAR 08",
                (DeclassKind.DATE, D(2018, 6, 18), ()),
            ),
            (
                "DEPT FOR NEA/MAG AND DRL E.O. 12958: DECL: 3/13/2018",
                "O 131503Z MAR 08",
                (DeclassKind.DATE, D(2018, 3, 13), ()),
            ),
            (
                "E.O. 12958: DECL: 09/10/2034 TAGS: ETTC PGOV PINR",
                "O 131503Z MAR 08",
                (DeclassKind.DATE, D(2034, 9, 10), ()),
            ),
            (
                "E.O. 12958: DECL: X1, X5",
                "O 131503Z MAR 02",
                (DeclassKind.EXEMPT, None, ("X1", "X5")),
            ),
            ("E.O. 12356: DECL:  OADR", "O 131503Z MAR 92", (DeclassKind.OADR, None, ())),
            ("E.O. 12958: DECL: MR", "O 131503Z MAR 08", (DeclassKind.OADR, None, ())),
            ("E.O. 12958: N/A", "O 131503Z MAR 08", (DeclassKind.NA, None, ())),
            ("MO. 11652: N/A", "O 131503Z MAR 75", (DeclassKind.NA, None, ())),
            (
                "E.o. 12958: decl: after korean unification",
                "O 131503Z MAR 09",
                (DeclassKind.EVENT, None, ()),
            ),
            (
                "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009",
                "O 131503Z MAR 66",
                (DeclassKind.DATE, D(2009, 9, 2), ()),
            ),
            (
                "E.O. 12065: RDS-4 6/5/99 (GERLACH, FREDERICK H.) OR-M",
                "O 131503Z MAR 79",
                (DeclassKind.OTHER, None, ()),
            ),
            ("E.O. 12958: DECL: 13/45/2010", "O 131503Z MAR 08", (DeclassKind.OTHER, None, ())),
            (
                "E.O. 12958: DECL: 03/04/05",
                "O 021200Z NOV 99",
                (DeclassKind.DATE, D(2005, 3, 4), ()),
            ),
            ("Declassify On: 20350601", "O 131503Z MAR 08", (DeclassKind.DATE, D(2035, 6, 1), ())),
            (
                "Declassify On: 25X6, 20600129",
                "O 131503Z MAR 08",
                (DeclassKind.DATE, D(2060, 1, 29), ("25X6",)),
            ),
            (
                "Declassify On: 50X1-HUM",
                "O 131503Z MAR 12",
                (DeclassKind.EXEMPT, None, ("50X1-HUM",)),
            ),
            (
                "Declassify On: 25X1-human",
                "O 131503Z MAR 05",
                (DeclassKind.EXEMPT, None, ("25X1-HUMAN",)),
            ),
        ]
    ],
    (
        "Reason: 1.4(b) and (d)",
        lambda: (
            parse(
                "SECRET\n\n(S) Text.\n\nClassified By: J. Example, Director\nReason: 1.4(b) and (d)\nDeclassify On: 20350601\n\nSECRET\n"
            ).reasons
        ),
        ("1.4(b)", "1.4(d)"),
    ),
    *[
        (
            line,
            (
                lambda line=line: then(
                    parse(HEAD + DECL + "SUBJECT: X\n\n" + line + "\n\n2. (C) X.\n"),
                    lambda d: (d.reasons, [p.level for p in d.body]),
                )
            ),
            expected,
        )
        for line, expected in [
            (
                "Classified By: Acting Deputy Chief of Mission Thatcher Scharpf for reas\nons 1.4(b/d).",
                (("1.4(b)", "1.4(d)"), [C]),
            ),
            ("CLASSIFIED BY DCM PSIMONS PER 1.5 (B) AND (D)", (("1.5(b)", "1.5(d)"), [C])),
            ("1.  (U) CLASSIFIED BY CDA THEODORE KATTOUF, REASON 1.5.D.", (("1.5(d)",), [U, C])),
            (
                "Classified By: Ambassador Clifford Sobel.  Reason 1.5 (b) (d)",
                (("1.5(b)", "1.5(d)"), [C]),
            ),
        ]
    ],
    (
        "Classified by DAS, A/GIS, DoS on 07/30/2015 ~ Class: CONFIDENTIAL ~ Reason: 1.4(D) ~ Declassify on: 08/14/2024",
        lambda: then(
            parse(
                "CONFIDENTIAL\n\nSUBJECT: X\n\nClassified by DAS, A/GIS, DoS on 07/30/2015 ~ Class: CONFIDENTIAL ~ Reason: 1.4(D) ~ Declassify on: 08/14/2024\n\n1. (C) X.\n"
            ),
            lambda d: (d.reasons, d.declassification.date),
        ),
        (("1.4(d)",), D(2024, 8, 14)),
    ),
    *[
        (
            line,
            partial(
                then,
                body("1. (C) X.\n" + line),
                lambda d: ([p.number for p in d.body], d.banner.level if d.banner else None),
            ),
            (["1"], C),
        )
        for line in ["RELEASE IN PART B1,1.4(B),1.4(D)", "RELEASED IN PART B1, 1.4(B), 1.4(D), B6"]
    ],
    (
        "25X1 (alone)",
        lambda: parse("SUBJECT: X\n\n25X1\n\n1. (C) X.\n").declassification.kind,
        DeclassKind.MISSING,
    ),
    (
        "COSMIC TOP SECRET",
        lambda: then(parse_banner("COSMIC TOP SECRET"), lambda m: (m.level, m.controls)),
        (TS, ("NATO",)),
    ),
    (
        "OFFICIAL-SENSITIVE",
        lambda: then(parse_banner("OFFICIAL-SENSITIVE"), lambda m: (m.level, m.warnings)),
        (None, ("foreign_level",)),
    ),
]


def test_every_spec_string_is_a_row() -> None:
    # MARKINGS.md §6 holds 73 case lines (the count of 75 includes its two header lines).
    assert len(CASES) == 73


@pytest.mark.parametrize(("case", "check", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_spec_string(case: str, check: Callable[[], object], expected: object) -> None:
    assert check() == expected, case


def test_layout_is_never_content() -> None:
    doc = parse(
        "S E C R E T BERN 000881\n\nSUBJECT: X\n\n1. (S) A PAGE 02 BERN 00881 01 OF 02 010000Z B.\n"
    )
    (p,) = doc.body
    assert [doc.text[s:e] for s, e in p.layout] == ["PAGE 02 BERN 00881 01 OF 02 010000Z"]
    assert all(part.kind is not PartKind.LAYOUT for part in doc.parts)  # inside the portion
