"""Declassification instructions: the E.O./DECL line and ``Declassify On:`` (redactor.declass).

Tables follow the spec: MARKINGS.md §1.6 and §6 (parser test strings), CABLES.md §b.2 (the
46 DECL-line shapes of the corpus, one row each), MARKINGS §3.3 (worked status examples)
and §3.4 (date normalisation); then the whole corpus via MANIFEST.json, and properties.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.declass import (
    Declassification,
    DeclassKind,
    DeclassStatus,
    find_declassification,
    parse_declass_value,
)
from tests.conftest import CORPUS, corpus_manifest, corpus_params, needs_corpus, read_text

D = datetime.date
DATE, NA, OADR, EVENT, EXEMPT, MISSING, OTHER = (
    DeclassKind.DATE,
    DeclassKind.NA,
    DeclassKind.OADR,
    DeclassKind.EVENT,
    DeclassKind.EXEMPT,
    DeclassKind.MISSING,
    DeclassKind.OTHER,
)
DECLASSIFIED, CLASSIFIED, UNKNOWN = (
    DeclassStatus.DECLASSIFIED,
    DeclassStatus.CLASSIFIED,
    DeclassStatus.UNKNOWN,
)
AS_OF = D(2025, 6, 1)  # MARKINGS §3.3: "D = 2025-06-01 unless stated"


def _statement(text: str) -> tuple[Declassification, str | None]:
    decl, span = find_declassification(text)
    return decl, None if span is None else text[span[0] : span[1]]


# -- MARKINGS.md §1.6 and §6 -----------------------------------------------------------------


class MarkingsRow(NamedTuple):
    text: str
    kind: DeclassKind
    date: datetime.date | None
    order: str | None
    exemptions: tuple[str, ...]
    statement: str | None  # None: the whole text
    warnings: tuple[str, ...]  # that must be present


_MARKINGS: list[tuple[Any, ...]] = [
    ("E.O. 12958: DECL: 1.6X6", EXEMPT, None, "12958", ("X6",), None, ()),
    (
        "E.O. 12958: DECL: 08/24/05",
        DATE,
        D(2005, 8, 24),
        "12958",
        (),
        None,
        ("two_digit_year: '05' read as 2005",),
    ),
    ("EO 12958: decl: 6/3/08", DATE, D(2008, 6, 3), "12958", (), None, ()),
    ("EO 12958 DECL: 2020/02/23", DATE, D(2020, 2, 23), "12958", (), None, ()),
    ("E.O. 12958: DECL:  6/18/2018", DATE, D(2018, 6, 18), "12958", (), None, ()),
    (
        "DEPT FOR NEA/MAG AND DRL E.O. 12958: DECL: 3/13/2018",
        DATE,
        D(2018, 3, 13),
        "12958",
        (),
        "E.O. 12958: DECL: 3/13/2018",
        (),
    ),
    (
        "E.O. 12958: DECL: 09/10/2034 TAGS: ETTC PGOV PINR",
        DATE,
        D(2034, 9, 10),
        "12958",
        (),
        "E.O. 12958: DECL: 09/10/2034",
        (),
    ),
    ("E.O. 12958: DECL: X1, X5", EXEMPT, None, "12958", ("X1", "X5"), None, ()),
    ("E.O. 12356: DECL:  OADR", OADR, None, "12356", (), None, ()),
    ("E.O. 12958: DECL: MR", OADR, None, "12958", (), None, ()),
    ("E.O. 12958: N/A", NA, None, "12958", (), None, ("not_applicable",)),
    ("E.O. 11652: N/A", NA, None, "11652", (), None, ()),
    ("MO. 11652: N/A", NA, None, "11652", (), None, ("ocr_eo_prefix",)),
    ("E.o. 12958: decl: after korean unification", EVENT, None, "12958", (), None, ()),
    (
        "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009",
        DATE,
        D(2009, 9, 2),
        "12958",
        (),
        None,
        (),
    ),
    (
        "E.O. 12065: RDS-4 6/5/99 (GERLACH, FREDERICK H.) OR-M",
        OTHER,
        None,
        "12065",
        (),
        None,
        ("legacy_schedule: RDS-4",),
    ),
    ("E.O. 12958: DECL: 13/45/2010", OTHER, None, "12958", (), None, ("unparsable_date",)),
    ("E.O. 12958: DECL: 11/03/2015", DATE, D(2015, 11, 3), "12958", (), None, ()),
    ("EO 12958 DECL: 12/31/2034", DATE, D(2034, 12, 31), "12958", (), None, ()),
    ("E.o. 12958: decl: 07/01/2034", DATE, D(2034, 7, 1), "12958", (), None, ()),
    ("E.O. 12958: DECL: 1.6X5, X6", EXEMPT, None, "12958", ("X5", "X6"), None, ()),
    ("E.O. 13526: DECL: 25X1", EXEMPT, None, "13526", ("25X1",), None, ()),
    ("E.O. 13526: DECL: 01/04/2020", DATE, D(2020, 1, 4), "13526", (), None, ()),
    ("E.O. 11652: GDS", OTHER, None, "11652", (), None, ("legacy_schedule: GDS",)),
    ("E.O. 11652: XGDS-2", OTHER, None, "11652", (), None, ("legacy_schedule: XGDS-2",)),
    ("E.O. 11652: XGDS 3", OTHER, None, "11652", (), None, ("legacy_schedule: XGDS-3",)),
    ("Declassify On: 20350601", DATE, D(2035, 6, 1), None, (), None, ()),
    ("Declassify On: 25X6, 20600129", DATE, D(2060, 1, 29), None, ("25X6",), None, ()),
    ("Declassify On: 50X1-HUM", EXEMPT, None, None, ("50X1-HUM",), None, ()),
    ("Declassify On: 50X2-WMD", EXEMPT, None, None, ("50X2-WMD",), None, ()),
    ("Declassify On: 25X1-human", EXEMPT, None, None, ("25X1-HUMAN",), None, ()),
    (
        "Classified by DAS, A/GIS, DoS on 07/30/2015 ~ Class: CONFIDENTIAL ~ Reason: 1.4(D)"
        " ~ Declassify on: 08/14/2024",
        DATE,
        D(2024, 8, 14),
        None,
        (),
        "Declassify on: 08/14/2024",
        (),
    ),
]


MARKINGS_ROWS = [MarkingsRow(*row) for row in _MARKINGS]


@pytest.mark.parametrize("row", MARKINGS_ROWS, ids=[row.text[:60] for row in MARKINGS_ROWS])
def test_markings_test_strings(row: MarkingsRow) -> None:
    decl, found = _statement(row.text)
    assert decl.kind is row.kind
    assert decl.date == row.date
    assert decl.order == row.order
    assert decl.exemptions == row.exemptions
    assert found == (row.statement if row.statement is not None else row.text)
    assert set(row.warnings) <= set(decl.warnings)


def test_nara_stamp_is_already_declassified() -> None:
    decl, _ = find_declassification("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009")
    assert decl.already_declassified
    assert decl.raw == "DECLASSIFIED BY NARA 09/02/2009"


def test_window_rule_reads_a_two_digit_year_after_the_origin() -> None:
    # MARKINGS §6: "03/04/05 in a cable dated 1999-11-02 -> DATE(2005-03-04) (1905 rejected)"
    decl, _ = find_declassification("E.O. 12958: DECL: 03/04/05", origin=D(1999, 11, 2))
    assert (decl.kind, decl.date) == (DATE, D(2005, 3, 4))


def test_a_redaction_label_alone_is_not_an_instruction() -> None:
    # MARKINGS §6: "25X1 (alone, in a released CIA page) -> redaction label, not declass"
    assert find_declassification("25X1") == (Declassification(MISSING), None)


# -- CABLES.md §b.2: the 46 shapes ------------------------------------------------------------


class Shape(NamedTuple):
    number: int  # CABLES.md §b.2
    cable: str  # the example cable
    text: str  # as in the cable
    kind: DeclassKind
    date: datetime.date | None
    statement: str | None  # None: the whole text, stripped


_SHAPES: list[tuple[Any, ...]] = [
    (1, "01CAIRO3757", "E.O. 12958: DECL: 05/20/2005", DATE, D(2005, 5, 20), None),
    (2, "01PRETORIA1173", "EO 12958 DECL: 02/22/2011", DATE, D(2011, 2, 22), None),
    (3, "02ADANA386", "E.O. 12958: N/A", NA, None, None),
    (4, "07MADRID1722", "EO 12958 N/A", NA, None, None),
    (5, "09BUENOSAIRES1235", "E.O. 12958: DECL: 2034/11/20", DATE, D(2034, 11, 20), None),
    (6, "08BERLIN1068", "E.o. 12958: decl: 08/06/2033", DATE, D(2033, 8, 6), None),
    (7, "09STATE34688", "E.O. 12958 DECL: 04/07/2019", DATE, D(2019, 4, 7), None),
    (8, "10ABUJA215", "EO 12958 DECL: 2020/02/26", DATE, D(2020, 2, 26), None),
    (
        9,
        "72TEHRAN1164",
        "E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006",
        DATE,
        D(2006, 6, 21),
        None,
    ),
    (10, "00HARARE6677", "EO 12958 DECL: 11/29/10", DATE, D(2010, 11, 29), None),
    (11, "06CARACAS219", "E.O. 12958: DNG: CO 01/26/2021", OTHER, None, None),
    (12, "08STATE116943", "E.O. 12958: DECL: MR", OADR, None, None),
    (13, "09ABUDHABI347", "E.O. 12958: 03/24/2019", DATE, D(2019, 3, 24), None),
    (14, "06BRIDGETOWN2164", "E.O. 12958:N/A", NA, None, None),
    (15, "06KABUL3934", "TAGS: KCRM PGOV AF\nSUBJECT: NO DECL LINE", MISSING, None, ""),
    (16, "08BEIJING661", "E.O. 12598: DECL: 02/23/2028", DATE, D(2028, 2, 23), None),
    (17, "08ISLAMABAD3418", "E.O. 12958: DECLl: 10/29/2018", DATE, D(2018, 10, 29), None),
    (18, "09ABUDHABI301", "E.O. 12958 03/24/2019", DATE, D(2019, 3, 24), None),
    (19, "09MOSCOW1108", "E.O. 12958: DECL: TEN YEARS AFTER KOREAN UNIFICATION", EVENT, None, None),
    (20, "09STATE93327", "E.O. 12958: DECL: 09/03/15", DATE, D(2015, 9, 3), None),
    (21, "73TEHRAN8233", "E.O. 11652: GDS", OTHER, None, None),
    (22, "86MADRID5480", "E.O. 12356: DECL:  OADR", OADR, None, None),
    (
        23,
        "04ANKARA348",
        "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. Erdogan"
        " goes to washington: how strong a leader in the face of strong challenges?",
        DATE,
        D(2014, 1, 7),
        "E.o. 12958: decl: 01/07/2014",
    ),
    (24, "06BELGRADE1681", "EO 12958 DECL: CLOSURE OF ICTY", EVENT, None, None),
    (
        25,
        "07BERN881",
        "E.O. 12958: DECL: 09/10/2027 \\",
        DATE,
        D(2027, 9, 10),
        "E.O. 12958: DECL: 09/10/2027",
    ),
    (26, "09BEIJING1336", "EO 12958 XXXXXXXXXXXXX", OTHER, None, None),
    (27, "09BEIJING2963", "E.o. 12958: decl: after korean unification", EVENT, None, None),
    (28, "09BEIJING2964", "E.O. 12958: decl: 09/29/2029", DATE, D(2029, 9, 29), None),
    (29, "09BRASILIA1383", "E.O. 12958: DECL: 011/2/2019", DATE, D(2019, 11, 2), None),
    (30, "09DJIBOUTI113", "E.O. 12958: DECL: 2019-02-12", DATE, D(2019, 2, 12), None),
    (31, "09NAIROBI2497", "E.o. 12958: decl: 2019/12/16", DATE, D(2019, 12, 16), None),
    (32, "09OUAGADOUGOU1159", "E.O. 12958: Declassify on 8/31/2034", DATE, D(2034, 8, 31), None),
    (33, "09PARIS559", "E.O. 19523: N/A", NA, None, None),
    (34, "09STATE63812", "E.O. 12958: n/a", NA, None, None),
    (
        35,
        "09STOCKHOLM194",
        "E.O. 12958:  DECL: 03/20/2019 TAG PTER, PGOV, ASEC, EFIN, ENRG, KCIP, SW",
        DATE,
        D(2019, 3, 20),
        "E.O. 12958:  DECL: 03/20/2019",
    ),
    (36, "10BRUSSELS186", "E.O. 12958 N/A", NA, None, None),
    (37, "10PARIS170", "E.O. 12598  DECL: 02/12/20", DATE, D(2020, 2, 12), None),
    (38, "10PARIS174", "E.O 12958:  DECL:  02/08/20", DATE, D(2020, 2, 8), None),
    (39, "10PARIS183", "E.O. 19528: DECL: 12/03/2019", DATE, D(2019, 12, 3), None),
    (40, "10SHENYANG5", "EO 12958 DECL: TEN YEARS AFTER KOREAN UNIFICATION", EVENT, None, None),
    (
        41,
        "66BUENOSAIRES2481",
        "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009",
        DATE,
        D(2009, 9, 2),
        None,
    ),
    (42, "73TEHRAN2077", "¶E. O. 11652: GDS", OTHER, None, "E. O. 11652: GDS"),
    (43, "73TEHRAN7005", "E.O. 11652: N/A", NA, None, None),
    (44, "7575LIBREVILLE1895", "E.O. 11652: NGDS", OTHER, None, None),
    # E.O. 12065 §1-4: GDS with a date is a declassify-on date (issue 13, point 12)
    (
        45,
        "79TEHRAN8980",
        "E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P",
        DATE,
        D(1985, 8, 12),
        None,
    ),
    (46, "89PANAMA8545", "E.O.12356: DECL:OADR", OADR, None, None),
]


SHAPES = [Shape(*row) for row in _SHAPES]


def test_one_row_per_shape() -> None:
    assert [row.number for row in SHAPES] == list(range(1, 47))


@pytest.mark.parametrize("row", SHAPES, ids=[f"{row.number:02d}-{row.cable}" for row in SHAPES])
def test_decl_line_shapes(row: Shape) -> None:
    decl, found = _statement(row.text)
    assert decl.kind is row.kind
    assert decl.date == row.date
    if row.kind is MISSING:
        assert found is None
    else:
        assert found == (row.statement if row.statement is not None else row.text.strip())


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("E.O. 12598: DECL: 02/23/2028", "order_typo: 12598"),
        ("E.O. 19523: N/A", "order_typo: 19523"),
        ("E.O.1295: NA", "order_typo: 1295"),
        ("E.O. 12958: DECLl: 10/29/2018", "label_typo: DECLl"),
        ("E.O. 12958: DECL: 011/2/2019", "malformed_date"),
        ("E.O. 12958: DNG: CO 01/26/2021", "downgrade_only"),
        ("EO 12958 XXXXXXXXXXXXX", "redacted_value"),
        ("E.O. 11652: NGDS", "legacy_schedule: NGDS"),
        ("E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P", "two_digit_year: '85' read as 1985"),
        ("E.0. 12958: DECL: 02/26/2040", "ocr_eo_prefix"),
        ("EO 12958 DECL: 11/29/10", "two_digit_year: '10' read as 2010"),
    ],
)
def test_odd_shapes_are_reported(text: str, warning: str) -> None:
    decl, _ = find_declassification(text)
    assert warning in decl.warnings


# -- where the statement is -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        pytest.param(
            "C O N F I D E N T I A L SECTION 01 OF 02 STATE 000284 SIPDIS E.O. 12958: DECL:"
            " 01/04/2020 TAGS: MASS MARR MCAP MOPS PARM PGOV",
            "E.O. 12958: DECL: 01/04/2020",
            id="flattened-header-10STATE284",
        ),
        pytest.param(
            "SIPDIS\r\n\r\nE.O. 12958: DECL: 07/11/2016 \r\nTAGS: PREL PGOV\r\n",
            "E.O. 12958: DECL: 07/11/2016",
            id="crlf",
        ),
        pytest.param("E.O. 12958: N/A\rTAGS: ASEC SNAR\r", "E.O. 12958: N/A", id="bare-cr"),
        pytest.param("E.O. 12958: N/A TAGS: ASEC SNAR", "E.O. 12958: N/A", id="na-glued-to-tags"),
        pytest.param(
            "E.O. 12958: DECL: 1/3/2019 TAGS: PTER", "E.O. 12958: DECL: 1/3/2019", id="tags"
        ),
        pytest.param(
            "E.O. 12958: DECL: 05/20/2005 SUBJECT: X", "E.O. 12958: DECL: 05/20/2005", id="subj"
        ),
        pytest.param(
            "E.O. 12958: DECL: 05/20/2005 Classified By: DCM X",
            "E.O. 12958: DECL: 05/20/2005",
            id="glued-classified-by",
        ),
        pytest.param(
            "E.O. 12958: DECL: 1/1/2020 ¶1. (C) Text", "E.O. 12958: DECL: 1/1/2020", id="pilcrow"
        ),
        pytest.param("E.O. 12958: DECL: \nTAGS: X", "E.O. 12958: DECL:", id="empty-decl"),
        pytest.param("E.O. 12958:\nTAGS: X", "E.O. 12958:", id="empty-value"),
        pytest.param("E.O. 12958: TAGS: X", "E.O. 12958:", id="only-tags"),
        pytest.param(
            "E.O. 12958, as amended: DECL: 01/01/2020",
            "E.O. 12958, as amended: DECL: 01/01/2020",
            id="as-amended",
        ),
        pytest.param("E.O. 12958 AS AMENDED DECL: 01/01/2020", None, id="as-amended-no-colon"),
        pytest.param(
            "E.O. 12958: DECL: 01/01/2020\xa0\xa0", "E.O. 12958: DECL: 01/01/2020", id="nbsp"
        ),
    ],
)
def test_statement_span(text: str, statement: str | None) -> None:
    decl, found = _statement(text)
    assert found == (statement if statement is not None else text)
    assert decl.kind in (DATE, NA, MISSING)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Classified By: (U) CDA Nancy McEldowney; E.O. 12958, reasons 1.4 (b,d)", id="prose-eo"
        ),
        pytest.param("reasons: E.O. \n12958 1.4 (a,b,c,d).", id="wrapped-eo-in-reasons"),
        pytest.param("(U) Classified by X; reasons: E.O. 12958 1.4 (b,d).", id="eo-before-reasons"),
        pytest.param("VIDEO 12958: DECL: 01/01/2020", id="inside-word"),
        pytest.param("GEO 12958 N/A", id="inside-word-geo"),
        pytest.param("DEMO. 11652: N/A", id="inside-word-mo"),
        pytest.param("EO 123456: DECL: 01/01/2020", id="six-digits"),
        pytest.param("The GOI will declassify on request.", id="lowercase-prose"),
        pytest.param("UNDECLASSIFY ON: 20350601", id="capco-inside-word"),
        pytest.param("Declassify Once: 20350601", id="capco-longer-word"),
        pytest.param("Declassify on the basis of the review.", id="capco-prose"),
        pytest.param(
            "Declassified/Released US Department of State EO Systematic Review 30 JUN 2005",
            id="stamp",
        ),
        pytest.param("", id="empty"),
    ],
)
def test_prose_is_not_an_instruction(text: str) -> None:
    assert find_declassification(text) == (Declassification(MISSING), None)


def test_first_plausible_instruction_wins() -> None:
    text = (
        "(U) Classified by X; reasons: E.O. 12958 1.4 (b,d).\n"
        "E.O. 12958: DECL: 01/19/2016\n"
        "Declassify On: 20350601\n"
        "E.O. 12958: DECL: 01/01/2099\n"
    )
    decl, span = find_declassification(text)
    assert decl.date == D(2016, 1, 19)
    assert span is not None
    assert text[span[0] : span[1]] == "E.O. 12958: DECL: 01/19/2016"


def test_capco_block_before_an_eo_line_wins() -> None:
    decl, span = find_declassification("Declassify On: 20350601\nE.O. 12958: DECL: 01/19/2016")
    assert (decl.date, decl.order, span) == (D(2035, 6, 1), None, (0, 23))


def test_eo_mention_in_prose_before_the_line_is_skipped() -> None:
    text = "SUBJECT: E.O. 12958, AS AMENDED, REVIEW\nEO 12958 DECL: 12/31/2034\n"
    decl, span = find_declassification(text)
    assert decl.date == D(2034, 12, 31)
    assert span is not None
    assert text[span[0] : span[1]] == "EO 12958 DECL: 12/31/2034"


@pytest.mark.parametrize(
    ("text", "kind", "date"),
    [
        # E.O. 12065 (1978) §1-4: GDS and a date: declassify on that date.
        ("E.O. 12065: GDS 8/12/85", DATE, D(1985, 8, 12)),
        ("E.O. 12065: GDS 08/12/1985 (SMITH, JOHN) OR-P", DATE, D(1985, 8, 12)),
        # ... but not under E.O. 11652, whose GDS staged a downgrade, nor an RDS review date
        ("E.O. 11652: GDS 8/12/85", OTHER, None),
        ("E.O. 12065: RDS-3 8/12/99", OTHER, None),
        ("E.O. 12065: XDS-2 8/12/99", OTHER, None),
        # a digit zero for the letter O: the same label
        ("E.0. 12958: DECL: 02/26/2040", DATE, D(2040, 2, 26)),
        ("E.0.12958: DECL: 02/26/2040", DATE, D(2040, 2, 26)),
    ],
)
def test_issue_13_point_12_readings(text: str, kind: DeclassKind, date: D | None) -> None:
    decl, found = find_declassification(text, origin=D(1979, 8, 12))
    assert (decl.kind, decl.date) == (kind, date)
    assert found is not None


def test_downgrade_is_not_a_declassification() -> None:
    decl, _ = find_declassification("E.O. 12958: DNG: CO 01/26/2021")
    assert (decl.kind, decl.date) == (OTHER, None)
    assert decl.status(AS_OF) is CLASSIFIED


def test_redacted_value_is_unknown() -> None:
    decl, _ = find_declassification("EO 12958 XXXXXXXXXXXXX")
    assert decl.kind is OTHER
    assert decl.status(AS_OF) is UNKNOWN


# -- values -----------------------------------------------------------------------------------

VALUE_ROWS: list[tuple[str, DeclassKind, datetime.date | None, tuple[str, ...], str | None]] = [
    # value, kind, date, exemptions, event
    ("N/A", NA, None, (), None),
    ("n/a", NA, None, (), None),
    ("NA", NA, None, (), None),
    ("Not Applicable", NA, None, (), None),
    ("OADR", OADR, None, (), None),
    ("MR", OADR, None, (), None),
    ("MANUAL REVIEW", OADR, None, (), None),
    ("DCI ONLY", OADR, None, (), None),
    ("DNI Only", OADR, None, (), None),
    ("Originating Agency's Determination Required", OADR, None, (), None),
    ("X1", EXEMPT, None, ("X1",), None),
    ("x8", EXEMPT, None, ("X8",), None),
    ("1.6X1", EXEMPT, None, ("X1",), None),
    ("1.6 X6", EXEMPT, None, ("X6",), None),
    ("X1, X5", EXEMPT, None, ("X1", "X5"), None),
    ("X1 and X1", EXEMPT, None, ("X1",), None),
    ("25X1", EXEMPT, None, ("25X1",), None),
    ("25X1, 25X6", EXEMPT, None, ("25X1", "25X6"), None),
    ("25X1-EO-12951", EXEMPT, None, ("25X1-EO-12951",), None),
    ("50X1-HUM", EXEMPT, None, ("50X1-HUM",), None),
    ("50X2-WMD", EXEMPT, None, ("50X2-WMD",), None),
    ("25X6, 20600129", DATE, D(2060, 1, 29), ("25X6",), None),
    ("25X9; 2060-01-29.", DATE, D(2060, 1, 29), ("25X9",), None),
    ("75X1, after the treaty expires", EVENT, None, ("75X1",), "after the treaty expires"),
    ("TEN YEARS AFTER KOREAN UNIFICATION", EVENT, None, (), "TEN YEARS AFTER KOREAN UNIFICATION"),
    ("after  korean\tunification", EVENT, None, (), "after korean unification"),
    ("CLOSURE OF ICTY", EVENT, None, (), "CLOSURE OF ICTY"),
    ("05/20/2005", DATE, D(2005, 5, 20), (), None),
    ("3/13/2018", DATE, D(2018, 3, 13), (), None),
    ("2034/11/20", DATE, D(2034, 11, 20), (), None),
    ("2019-02-12", DATE, D(2019, 2, 12), (), None),
    ("20350601", DATE, D(2035, 6, 1), (), None),
    ("08-14-2024", DATE, D(2024, 8, 14), (), None),
    ("June 21, 2006", DATE, D(2006, 6, 21), (), None),
    ("Sept. 3, 2019", DATE, D(2019, 9, 3), (), None),
    ("30 JUN 2005", DATE, D(2005, 6, 30), (), None),
    ("05/20/2005.", DATE, D(2005, 5, 20), (), None),
    ("DECL: 3/13/2018", DATE, D(2018, 3, 13), (), None),
    ("Declassify on 8/31/2034", DATE, D(2034, 8, 31), (), None),
    ("011/2/2019", DATE, D(2019, 11, 2), (), None),
    ("13/05/2010", DATE, D(2010, 5, 13), (), None),
    ("2019/16/12", DATE, D(2019, 12, 16), (), None),
    ("DECLASSIFIED BY NARA 09/02/2009", DATE, D(2009, 9, 2), (), None),
    ("AS AMENDED; DECLASSIFIED JUNE 21, 2006", DATE, D(2006, 6, 21), (), None),
    ("Source marked 25X1-human, Date of source: 01/01/2005", EXEMPT, None, ("25X1-HUMAN",), None),
    ("Source marked OADR", OADR, None, (), None),
    ("Source marked " * 2000 + "OADR", OADR, None, (), None),
    ("13/45/2010", OTHER, None, (), None),
    ("111/2/2019", OTHER, None, (), None),
    ("20351301", OTHER, None, (), None),
    ("2019/13/13", OTHER, None, (), None),
    ("February 30, 2020", OTHER, None, (), None),
    ("25X1, 13/45/2060", OTHER, None, ("25X1",), None),
    ("DECLASSIFIED BY NARA", OTHER, None, (), None),
    ("GDS", OTHER, None, (), None),
    ("DNG: CO 01/26/2021", OTHER, None, (), None),
    ("Downgrade to CONFIDENTIAL on 20200101", OTHER, None, (), None),
    ("XXXXXXXXXXXXX", OTHER, None, (), None),
    ("xxxx xxxx", OTHER, None, (), None),
    ("X" * 60 + "!", EVENT, None, (), "X" * 60 + "!"),  # no exponential backtracking
    ("[DETAILS REMOVED]", OTHER, None, (), None),
    ("N/A to NATO portions. See source list for NSI portions.", OTHER, None, (), None),
    (
        "Not Applicable (or N/A) to RD/FRD portions. See source list for NSI portions.",
        OTHER,
        None,
        (),
        None,
    ),
    ("??? / 12", OTHER, None, (), None),
    ("Foo 3, 2019", EVENT, None, (), "Foo 3, 2019"),
    ("3 Foo 2019", EVENT, None, (), "3 Foo 2019"),
    ("", MISSING, None, (), None),
    ("  \\ ", MISSING, None, (), None),
    ("DECL:", MISSING, None, (), None),
]


@pytest.mark.parametrize(
    ("value", "kind", "date", "exemptions", "event"),
    VALUE_ROWS,
    ids=[row[0][:40] or "empty" for row in VALUE_ROWS],
)
def test_parse_declass_value(
    value: str,
    kind: DeclassKind,
    date: datetime.date | None,
    exemptions: tuple[str, ...],
    event: str | None,
) -> None:
    decl = parse_declass_value(value)
    assert decl.kind is kind
    assert decl.date == date
    assert decl.exemptions == exemptions
    assert decl.event == event
    assert decl.order is None
    if kind is MISSING:
        assert decl.raw is None
    else:
        assert decl.raw is not None
        assert decl.raw in value


@pytest.mark.parametrize(
    ("value", "warnings"),
    [
        ("13/45/2010", ("unparsable_date",)),
        ("13/05/2010", ("ambiguous_date",)),
        ("2019/16/12", ("ambiguous_date",)),
        ("011/2/2019", ("malformed_date",)),
        ("N/A", ("not_applicable",)),
        ("XXXXXXXX", ("redacted_value",)),
        ("GDS", ("legacy_schedule: GDS",)),
        ("DNG: CO 01/26/2021", ("downgrade_only",)),
        ("N/A to NATO portions.", ("commingled_not_applicable",)),
        ("Source marked OADR", ("source_marked",)),
        ("??? / 12", ("unreadable_value",)),
        ("", ("empty_value",)),
        ("DECLASSIFIED BY NARA", ("unparsable_date",)),
    ],
)
def test_value_warnings(value: str, warnings: tuple[str, ...]) -> None:
    assert parse_declass_value(value).warnings == warnings


def test_stamps_are_already_declassified() -> None:
    assert parse_declass_value("DECLASSIFIED BY NARA 09/02/2009").already_declassified
    assert parse_declass_value("DECLASSIFIED BY NARA").already_declassified
    assert not parse_declass_value("09/02/2009").already_declassified


def test_warnings_never_quote_the_document() -> None:
    # Warnings may be logged: only codes, date digits and closed-vocabulary words.
    event = "OPERATION NIGHTJAR AFTER THE AMBASSADOR LEAVES"
    decl, _ = find_declassification(f"E.O. 12958: DECL: {event}")
    assert (decl.kind, decl.event) == (EVENT, event)
    assert decl.warnings == ()
    for value in (
        "RDS-4 6/5/99 (GERLACH, FREDERICK H.) OR-M",
        "XXXX NIGHTJAR",
        "13/45/2010 NIGHTJAR",
    ):
        for warning in parse_declass_value(value).warnings:
            assert "GERLACH" not in warning
            assert "NIGHTJAR" not in warning


# -- MARKINGS §3.4: two-digit years and the origin --------------------------------------------


@pytest.mark.parametrize(
    ("value", "origin", "kind", "date", "warning"),
    [
        ("08/24/05", None, DATE, D(2005, 8, 24), "two_digit_year: '05' read as 2005"),
        ("6/5/99", None, DATE, D(1999, 6, 5), "two_digit_year: '99' read as 1999"),
        ("12/31/49", None, DATE, D(2049, 12, 31), "two_digit_year: '49' read as 2049"),
        ("01/01/50", None, DATE, D(1950, 1, 1), "two_digit_year: '50' read as 1950"),
        ("03/04/05", D(1999, 11, 2), DATE, D(2005, 3, 4), "two_digit_year: '05' read as 2005"),
        ("12/31/99", D(1995, 1, 1), DATE, D(1999, 12, 31), "two_digit_year: '99' read as 1999"),
        ("12/31/49", D(1980, 1, 1), DATE, D(2049, 12, 31), "two_digit_year: '49' read as 2049"),
        ("03/04/05", D(2009, 11, 2), OTHER, None, "unparsable_date: before origin"),
        ("01/01/60", D(1966, 12, 28), OTHER, None, "unparsable_date: before origin"),
        ("02/29/21", D(2010, 1, 1), OTHER, None, "unparsable_date"),
        ("05/20/2005", D(2006, 1, 1), OTHER, None, "unparsable_date: before origin"),
        ("05/20/2005", D(2005, 5, 20), DATE, D(2005, 5, 20), None),
        (
            "DECLASSIFIED BY NARA 09/02/2009",
            D(2010, 1, 1),
            OTHER,
            None,
            "unparsable_date: before origin",
        ),
    ],
)
def test_dates_against_origin(
    value: str,
    origin: datetime.date | None,
    kind: DeclassKind,
    date: datetime.date | None,
    warning: str | None,
) -> None:
    decl = parse_declass_value(value, origin=origin)
    assert (decl.kind, decl.date) == (kind, date)
    if warning is not None:
        assert warning in decl.warnings
    else:
        assert decl.warnings == ()


def test_origin_may_be_a_datetime() -> None:
    origin = datetime.datetime(1999, 11, 2, 13, 1)
    assert parse_declass_value("03/04/05", origin=origin).date == D(2005, 3, 4)
    decl, _ = find_declassification("E.O. 12958: DECL: 03/04/05", origin=origin)
    assert decl.date == D(2005, 3, 4)


# -- status (MARKINGS §3.2, §3.3) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "as_of", "status"),
    [
        # §3.3 worked examples that concern the instruction itself
        ("E.O. 12958: DECL: 3/13/2018", AS_OF, DECLASSIFIED),
        ("E.O. 12958: DECL: 3/13/2018", D(2017, 1, 1), CLASSIFIED),
        ("E.O. 12958: DECL: X1, X5", AS_OF, CLASSIFIED),
        ("E.O. 12356: DECL: OADR", AS_OF, CLASSIFIED),
        ("SUBJECT: NO E.O. LINE", AS_OF, UNKNOWN),
        ("E.o. 12958: decl: after korean unification", AS_OF, CLASSIFIED),
        ("Declassify On: 50X1-HUM", AS_OF, CLASSIFIED),
        ("Declassify On: 25X6, 20600129", AS_OF, CLASSIFIED),
        ("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009", AS_OF, DECLASSIFIED),
        # the day itself: "upon the occurrence of the date" (32 CFR 2001.12(b))
        ("E.O. 12958: DECL: 3/13/2018", D(2018, 3, 12), CLASSIFIED),
        ("E.O. 12958: DECL: 3/13/2018", D(2018, 3, 13), DECLASSIFIED),
        ("Declassify On: 25X6, 20600129", D(2060, 1, 29), DECLASSIFIED),
        ("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009", D(2009, 9, 1), CLASSIFIED),
        ("E.O. 12958: DECL: MR", D(2099, 1, 1), CLASSIFIED),
        ("E.O. 12958: DECL: CLOSURE OF ICTY", D(2099, 1, 1), CLASSIFIED),
        ("E.O. 12958: N/A", AS_OF, UNKNOWN),
        ("E.O. 11652: GDS", AS_OF, UNKNOWN),
        ("E.O. 12958: DECL: 13/45/2010", AS_OF, UNKNOWN),
        ("EO 12958 XXXXXXXXXXXXX", AS_OF, UNKNOWN),
        ("E.O. 12958: DNG: CO 01/26/2021", D(2099, 1, 1), CLASSIFIED),
        ("E.O. 12958: DECL:", AS_OF, UNKNOWN),
        ("E.O. 12958: DECL: DECLASSIFIED BY NARA", AS_OF, UNKNOWN),
    ],
)
def test_status(text: str, as_of: datetime.date, status: DeclassStatus) -> None:
    decl, _ = find_declassification(text)
    assert decl.status(as_of) is status


def test_status_accepts_a_datetime() -> None:
    decl = parse_declass_value("3/13/2018")
    assert decl.status(datetime.datetime(2018, 3, 13, 0, 0)) is DECLASSIFIED
    assert decl.status(datetime.datetime(2018, 3, 12, 23, 59)) is CLASSIFIED


def test_a_date_kind_without_a_date_is_unknown() -> None:
    assert Declassification(DATE).status(AS_OF) is UNKNOWN


# -- the corpus -------------------------------------------------------------------------------

# Cables whose instruction reads as OTHER, each for a reason (CABLES.md §b.2).
ODD_CABLES = {
    "06CARACAS219": "DNG: a downgrade instruction, not a declassification",
    "06CARACAS958": "DNG: a downgrade instruction, not a declassification",
    "09USNATO464": "DNG: a downgrade instruction, not a declassification",
    "09BEIJING1336": "the value was redacted by the media partner (XXXXXXXXXXXXX)",
    "73TEHRAN2077": "E.O. 11652 GDS: a legacy schedule",
    "73TEHRAN8233": "E.O. 11652 GDS: a legacy schedule",
    "75TEHRAN2069": "E.O. 11652 GDS: a legacy schedule",
    "7575LIBREVILLE1895": "E.O. 11652 NGDS: a legacy schedule",
}
NO_LINE = {"06KABUL3934"}
# Lines the manifest does not list as DECL lines, read all the same (issue 13, point 12):
# a digit zero for the letter O of "E.O.".
DIGIT_ZERO = {"09BERLIN1626": "E.0. 12958: N/A "}
_LABEL = re.compile(r"(?:[Ee]\.?[ \t]?[Oo]\.?|[Ee]\.[ \t]?0\.|MO\.)[ \t]*\d{4,5}|Declassify")
_REST_OF_LINE = re.compile(r"(?:(?:TAGS?|Tags)\b.*|\\)?")


def _origin(entry: dict[str, Any]) -> datetime.date | None:
    created = entry.get("created")
    if not created:
        return None
    try:
        return D.fromisoformat(created[:10])
    except ValueError:
        return datetime.datetime.strptime(created, "%a %b %d %H:%M:%S %z %Y").date()


def _cable(entry: dict[str, Any]) -> str:
    return read_text(CORPUS / str(entry["file"]))


MANIFEST = corpus_manifest()
corpus = pytest.mark.corpus
ENTRIES = corpus_params()


@corpus
@pytest.mark.parametrize("entry", ENTRIES)  # corpus_params skips without ../shared
def test_corpus_decl_line(entry: dict[str, Any]) -> None:
    text = _cable(entry)
    decl, span = find_declassification(text, origin=_origin(entry))
    line = entry["decl_line"] or DIGIT_ZERO.get(entry["reference_id"], "")
    if not line:
        assert entry["reference_id"] in NO_LINE
        assert (decl, span) == (Declassification(MISSING), None)
        return
    label = _LABEL.search(line)
    assert label is not None
    line_at = text.index(line)
    assert span is not None
    assert span[0] == line_at + label.start()
    # The statement is the line from its label up to TAGS (or the end of the line).
    statement = text[span[0] : span[1]]
    assert line[label.start() :].startswith(statement)
    assert _REST_OF_LINE.fullmatch(line[label.start() + len(statement) :].strip())
    if entry["reference_id"] == "79TEHRAN8980":
        # E.O. 12065 GDS with a date: that date (issue 13, point 12)
        assert (decl.kind, decl.date) == (DATE, D(1985, 8, 12))
    elif entry["reference_id"] in ODD_CABLES:
        assert decl.kind is OTHER
        assert decl.status(AS_OF) is not DECLASSIFIED
    else:
        assert decl.kind is not OTHER, decl.warnings


@corpus
@needs_corpus
def test_corpus_odd_list_is_exact() -> None:
    ids = {e["reference_id"] for e in MANIFEST}
    assert set(ODD_CABLES) <= ids
    assert ids >= NO_LINE


# -- properties -------------------------------------------------------------------------------

FRAGMENTS = [
    "E.O. 12958",
    "EO 12958",
    "E.o.",
    "E. O. ",
    "MO. 11652",
    "Declassify On:",
    "DECL",
    "DECLl",
    ":",
    " ",
    "\n",
    "\r\n",
    "\\",
    "¶",
    "N/A",
    "DNG",
    "TAGS",
    "Tags:",
    "SUBJECT:",
    "Classified By",
    "X1",
    "1.6X6",
    "25X6",
    "50X1-HUM",
    ", ",
    "and",
    "2020/02/23",
    "011/2/2019",
    "13/45/2010",
    "08/24/05",
    "20350601",
    "JUNE 21, 2006",
    "30 JUN 2005",
    "DECLASSIFIED BY NARA",
    "AS AMENDED;",
    "GDS",
    "RDS-4",
    "OADR",
    "MR",
    "XXXXXXXX",
    "Source marked",
    "Date of source:",
    "after korean unification",
    "0",
    "9",
]
texts = st.one_of(st.text(), st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
origins = st.one_of(st.none(), st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))


@settings(max_examples=400, deadline=None)
@given(text=texts, origin=origins, as_of=st.dates())
def test_find_never_raises_and_spans_start_at_a_label(
    text: str, origin: datetime.date | None, as_of: datetime.date
) -> None:
    decl, span = find_declassification(text, origin=origin)
    assert isinstance(decl.status(as_of), DeclassStatus)
    if span is None:
        assert decl == Declassification(MISSING)
        return
    start, end = span
    assert 0 <= start < end <= len(text)
    assert _LABEL.match(text, start) is not None
    assert "\n" not in text[start:end]


@settings(max_examples=400, deadline=None)
@given(value=texts, origin=origins)
def test_parse_never_raises(value: str, origin: datetime.date | None) -> None:
    decl = parse_declass_value(value, origin=origin)
    assert (decl.date is not None) == (decl.kind is DATE)
    if decl.kind is DATE and origin is not None:
        assert decl.date is not None
        assert decl.date >= origin


@settings(max_examples=400, deadline=None)
@given(
    month=st.integers(0, 14),
    day=st.integers(0, 33),
    year=st.integers(1900, 2100),
    origin=origins,
    word=st.sampled_from(["DECL:", "decl:", "DECL :"]),
)
def test_shortcut_agrees_with_the_general_path(
    month: int, day: int, year: int, origin: datetime.date | None, word: str
) -> None:
    value = f"{word} {month:02d}/{day}/{year}"
    # a trailing space keeps the value off the shortcut for the common shape
    assert parse_declass_value(value, origin=origin) == parse_declass_value(
        value + " ", origin=origin
    )
