"""TAGS and SUBJECT read as an expert reads them (issue 14, point 3).

The header lines marked with a cable id are copied verbatim from that cable (the corpus
in ../shared, or cablemap's test tables where named so); the others are synthetic. Each
is set into a small cable (:func:`cable`) and parsed. The corpus test at the end reads
every cable of ../shared and is skipped when it is absent.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from redactor import parse
from redactor.inspect import inspect_document
from redactor.model import Document, PartKind
from tests.conftest import CORPUS, read_text
from tests.test_parse import assert_partition

ROUTING = "O 131503Z MAR 08\nFM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 3217\n\n"
BY = "Classified By: CDA Chris Stevens for reasons 1.4 (b) and (d)"


def cable(lines: str, *, by: str | None = BY) -> str:
    """A small CONFIDENTIAL Tripoli cable with ``lines`` (TAGS, SUBJECT ...) as its header."""
    out = ROUTING + "C O N F I D E N T I A L TRIPOLI 000220\n\nSIPDIS\n\n"
    out += "E.O. 12958: DECL: 02/26/2016\n" + lines + "\n\n"
    if by is not None:
        out += by + "\n\n"
    return out + "¶1. (C) The talks went on.\nSTEVENS\n"


def parsed(lines: str, *, by: str | None = BY) -> Document:
    doc = parse(cable(lines, by=by))
    assert_partition(doc)
    return doc


# --- TAGS ---------------------------------------------------------------------------

TAGS_CASES = [
    # 07PARIS1844: one tag wrapped onto the next line
    (
        "TAGS: PREL FR EUN IR AF NATO IZ TU UNO LE YI RS\nUNMIK \n"
        "SUBJECT: ENGAGING THE NEW FRENCH GOVERNMENT ON FOREIGN",
        "PREL FR EUN IR AF NATO IZ TU UNO LE YI RS UNMIK",
    ),
    # 09ABUDHABI744: a comma list on the next line, then a blank line before SUBJECT
    (
        "TAGS: PTER PGOV PREL PARM EAID MOPS IR IS AF PK SY LE SA\nQA, AE \n \n"
        "SUBJECT: UAE GULF SECURITY DIALOGUE (GSD) JULY 20 PLENARY SESSION AND",
        "PTER PGOV PREL PARM EAID MOPS IR IS AF PK SY LE SA QA AE",
    ),
    # 09BEIJING2963: lower case, a name in parentheses (one tag with the tag before it,
    # as tests/header_table.py reads it), wrapped after a comma
    (
        "Tags: ovip (steinberg, james b.), prel, parm, pgov, econ,\n"
        "etra, mnuc, marr, ch, jp, kn, ks, ir\n"
        "Subject: deputy secretary steinberg's meeting with xxxxx",
        "OVIP (STEINBERG, JAMES B.)|PREL|PARM|PGOV|ECON|ETRA|MNUC|MARR|CH|JP|KN|KS|IR",
    ),
    # 09STATE30049: OVIP (CLINTON, HILLARY), wrapped after a trailing comma
    (
        "TAGS OVIP (CLINTON, HILLARY), PREL, AS, PK, AF, CH, \nRS,JA, KS, ASEAN \n"
        "SUBJECT: (U) Secretary Clinton’s March 24, 2009 ",
        "OVIP (CLINTON, HILLARY)|PREL|AS|PK|AF|CH|RS|JA|KS|ASEAN",
    ),
    # 09LONDON2499 (cablemap's table): SUBJECT glued to the continuation line
    (
        "TAGS: PREL PGOV KPAL ETRD KNNP PARM SENV MARR MNUC\n"
        "ECON, PHUM, RS, IS, IR, GG, AF, UK SUBJECT: MILIBAND'S RUSSIA TRIP AIMS TO MOVE",
        "PREL PGOV KPAL ETRD KNNP PARM SENV MARR MNUC ECON PHUM RS IS IR GG AF UK",
    ),
    # a page footer and header between two lines of tags
    (
        "TAGS: PREL PGOV,\nSECRET\nPAGE 02 LIMA 01234 01 OF 02 251228Z\nPE, KS\nSUBJECT: X",
        "PREL PGOV PE KS",
    ),
    # a page header with its footer word on the TAGS line itself (cablemap's note)
    ("TAGS: PREL SECRET       PAGE 02        ROME  03067  211833Z PGOV\nSUBJECT: X", "PREL PGOV"),
    # a section's banner between two lines of tags
    (
        "TAGS: PREL PGOV,\nSECRET SECTION 02 OF 03 KABUL 001234\nAF, PK\nSUBJECT: X",
        "PREL PGOV AF PK",
    ),
    # a teletype backslash at the end of the TAGS line
    ("TAGS: PREL PGOV \\\nKPAL\nSUBJECT: X", "PREL PGOV KPAL"),
    # a backslash and a page header in one value
    (
        "TAGS: PREL PGOV \\\nSECRET\nPAGE 02 LIMA 01234 01 OF 02 251228Z\nPE\nSUBJECT: X",
        "PREL PGOV PE",
    ),
    # at most four continuation lines: the fifth stays text
    ("TAGS: PREL,\nAA,\nBB,\nCC,\nDD,\nEE\nSUBJECT: X", "PREL AA BB CC DD"),
    # the word PAGE alone is a tag as written, not a page header
    ("TAGS: PREL PAGE KS\nSUBJECT: X", "PREL PAGE KS"),
    # NOFORN under the TAGS line is a caption, not a tag (08MADRID308, CABLES.md)
    ("TAGS: PREL PGOV\nNOFORN\nSUBJECT: X", "PREL PGOV"),
    # prose under the TAGS line is no tag: it stays text
    ("TAGS: PREL PGOV\nTHE MINISTER SAID NO\nSUBJECT: X", "PREL PGOV"),
    # a line with a mark, or a word longer than a tag, is no tag either
    ("TAGS: PREL PGOV\n(C) PK, AF\nSUBJECT: X", "PREL PGOV"),
    ("TAGS: PREL, PGOV,\nPK, AFGHANISTAN\nSUBJECT: X", "PREL PGOV"),
    # DECL and TAGS and Subject on one line (04ANKARA348, cablemap's table)
    (
        "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. Erdogan",
        "PREL PGOV PINS TU",
    ),
]


@pytest.mark.parametrize(
    ("lines", "expected"),
    TAGS_CASES,
    ids=[
        "07PARIS1844-one-tag-wrapped",
        "09ABUDHABI744-comma-list-wrapped",
        "09BEIJING2963-lower-case-name",
        "09STATE30049-clinton",
        "09LONDON2499-subject-glued",
        "page-footer-and-header",
        "page-header-same-line",
        "section-banner",
        "backslash",
        "backslash-and-page-header",
        "four-lines-at-most",
        "page-word-kept",
        "noforn-caption",
        "prose-line",
        "marked-line",
        "long-word",
        "04ANKARA348-one-line",
    ],
)
def test_tags_read(lines: str, expected: str) -> None:
    """The tags are the list an expert reads: continuation lines in, layout out."""
    doc = parsed(lines)
    want = tuple(expected.split("|")) if "|" in expected else tuple(expected.split())
    assert doc.tags == want


def test_tags_field_spans_the_value_as_written() -> None:
    """value_start/value_end cover the value with the layout inside it; layout is listed."""
    lines = "TAGS: PREL PGOV,\nSECRET\nPAGE 02 LIMA 01234 01 OF 02 251228Z\nPE, KS\nSUBJECT: X"
    doc = parsed(lines)
    field = doc.field("tags")
    assert field is not None
    written = doc.text[field.value_start : field.value_end]
    assert written.startswith("PREL PGOV,\nSECRET")
    assert written.endswith("PE, KS")
    assert [doc.text[s:e] for s, e in field.layout] == [
        "SECRET\nPAGE 02 LIMA 01234 01 OF 02 251228Z"
    ]
    assert field.value == "PREL PGOV, PE, KS"
    tags = [p for p in doc.parts if p.kind is PartKind.TAGS]
    assert len(tags) == 1
    assert doc.text[tags[0].start : tags[0].end].endswith("PE, KS")


def test_prose_under_tags_stays_text() -> None:
    """A line that is not a tag list is not claimed by TAGS (TAGS are released)."""
    doc = parsed("TAGS: PREL PGOV\nTHE MINISTER SAID NO\nSUBJECT: X")
    texts = [doc.text[p.start : p.end] for p in doc.parts if p.kind is PartKind.TEXT]
    assert "THE MINISTER SAID NO" in texts


# --- SUBJECT ------------------------------------------------------------------------

SUBJECT_CASES = [
    # 00HARARE6677: a page footer and header inside the subject, its end after them
    (
        "TAGS PGOV, PREL, ECON, PINR, ZI, SA \n"
        "SUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE \n CONFIDENTIAL\n"
        "PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER\nREFTEL: HARARE 6584",
        "ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER",
        None,
    ),
    # 08LONDON1991: a REF list glued to the last word
    (
        "TAGS: PREL PGOV UK\n"
        "SUBJECT: (C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIMEREF: A. LONDON 1939  "
        "B. LONDON 1704",
        "(C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIME",
        "REF: A. LONDON 1939 B. LONDON 1704",
    ),
    # 10MOSCOW228: a REF list on the subject's line
    (
        "TAGS: ECON RS\n"
        "SUBJECT: RUSSIAN DRAFT BILL WOULD REQUIRE ON-SHORE CREDIT CARD PROCESSING  "
        "REF: MOSCOW 00079",
        "RUSSIAN DRAFT BILL WOULD REQUIRE ON-SHORE CREDIT CARD PROCESSING",
        "REF: MOSCOW 00079",
    ),
    # cablemap's table (08 RIO DE JANEIRO): Ref(s): on the subject's line
    (
        "TAGS: ECON EINV ENRG PGOV PBTS MARR BR\n\n"
        "SUBJECT: AMBASSADOR SOBEL MEETS WITH KEY ENERGY ENTITIES IN RIO Ref(s): A) 08 RIO DE "
        "JAN 138; B) 08 RIO DE JAN 0044",
        "AMBASSADOR SOBEL MEETS WITH KEY ENERGY ENTITIES IN RIO",
        "Ref(s): A) 08 RIO DE JAN 138; B) 08 RIO DE JAN 0044",
    ),
    # 07BERN881: a teletype backslash at a line end
    (
        'TAGS: PREL IR SZ\nSUBJECT: FM CALMY-REY "TAKES NOTE" OF USG CONCERNS \\\n'
        "REGARDING IRAN/IAEA AND IRAN/EGL",
        'FM CALMY-REY "TAKES NOTE" OF USG CONCERNS REGARDING IRAN/IAEA AND IRAN/EGL',
        None,
    ),
    # 10STATE17894: the second line starts with TO, which is no routing line
    (
        "TAGS PREL, PGOV, PTER, MASS, IS, LE, SY \n\n"
        "SUBJECT: DEMARCHE: CONTINUED CONCERN OVER SYRIAN SUPPORT \nTO HIZBALLAH",
        "DEMARCHE: CONTINUED CONCERN OVER SYRIAN SUPPORT TO HIZBALLAH",
        None,
    ),
    # a section marker after the last line, then a heading (09PRETORIA939's shape)
    (
        "TAGS: PGOV SF\nSUBJECT: PART 1 OF 3:  THE LIFE AND TIMES OF SOUTH AFRICA'S \n"
        "NEXT PRESIDENT\nTRIPOLI 00000220 001.2 OF 003\n------- \nSummary\n-------",
        "PART 1 OF 3: THE LIFE AND TIMES OF SOUTH AFRICA'S NEXT PRESIDENT",
        None,
    ),
    # BRAZIL (cablemap's table): Classified By glued to the subject's line
    (
        "TAGS: PGOV BR\nSUBJECT: BRAZIL: BLACKOUT -CAUSES AND IMPLICATIONS Classified By: "
        "Charge d'Affaires Cherie Jackson, Reasons 1.4 (b) and (d).",
        "BRAZIL: BLACKOUT -CAUSES AND IMPLICATIONS",
        None,
    ),
    # cablemap's table: SUBJECT without its colon, under the TAGS line
    (
        "TAGS: PREL SA\nSUBJECT SAG AGREES TO USG STEPS TO PROTECT OIL FACILITIES\n"
        "REF A. RIYADH 1579  B. RIYADH 1408  C. RIYADH 1298",
        "SAG AGREES TO USG STEPS TO PROTECT OIL FACILITIES",
        None,
    ),
    # the typo UBJECT: at a line start
    (
        "TAGS: KCRM BA\nUBJECT: BAHRAIN SEEKS IOM'S ASSISTANCE",
        "BAHRAIN SEEKS IOM'S ASSISTANCE",
        None,
    ),
    # SUBJ: (cablemap's table)
    (
        "TAGS: PREL GV\nSUBJ: GUINEA - U.S./French Meeting with President Compaore ",
        "GUINEA - U.S./French Meeting with President Compaore",
        None,
    ),
    # a value after a blank line
    ("TAGS: PREL LY\nSUBJECT:\n\nFOO BAR", "FOO BAR", None),
    # words holding REF are no REF label (09LAPAZ96, 10HAVANA84)
    (
        "TAGS: PGOV BL\nSUBJECT: BOLIVIA'S REFERENDUM: MARGIN OF VICTORY MATTERS",
        "BOLIVIA'S REFERENDUM: MARGIN OF VICTORY MATTERS",
        None,
    ),
    (
        "TAGS: ECON CU\nSUBJECT: KEY TRADING PARTNERS SEE NO BIG ECONOMIC REFORMS \nIN 2010",
        "KEY TRADING PARTNERS SEE NO BIG ECONOMIC REFORMS IN 2010",
        None,
    ),
]


@pytest.mark.parametrize(
    ("lines", "expected", "reference"),
    SUBJECT_CASES,
    ids=[
        "00HARARE6677-page-header",
        "08LONDON1991-glued-ref",
        "10MOSCOW228-ref-same-line",
        "rio-refs",
        "07BERN881-backslash",
        "10STATE17894-to-line",
        "section-marker-then-heading",
        "classified-by-glued",
        "no-colon",
        "ubject-typo",
        "subj",
        "after-blank-line",
        "09LAPAZ96-referendum",
        "10HAVANA84-reforms",
    ],
)
def test_subject_read(lines: str, expected: str, reference: str | None) -> None:
    """The subject's value is its clean reading; a REF list on its line is a reference."""
    by = None if "Classified By" in lines else BY
    doc = parsed(lines, by=by)
    field = doc.field("subject")
    assert field is not None
    assert field.value == expected
    # The subject portion covers everything that belongs to it: the glued REF list too,
    # which is a reference field of its own.
    subject = doc.subject
    assert subject is not None
    inside = [
        f.value
        for f in doc.fields
        if f.name == "reference" and subject.start < f.start < subject.end
    ]
    assert inside == ([] if reference is None else [reference])
    assert subject.start == field.start
    assert subject.end >= field.value_end


def test_glued_ref_stays_inside_the_subject_portion() -> None:
    """A REF list glued to a marked subject is withheld with it: no part of its own."""
    doc = parsed("TAGS: PREL UK\nSUBJECT: (C/NF) AS UK PRIMEREF: A. LONDON 1939")
    subject = doc.subject
    assert subject is not None
    assert doc.text[subject.start : subject.end].endswith("LONDON 1939")
    kinds = [p.kind for p in doc.parts if p.start < subject.end and p.end > subject.start]
    assert kinds == [PartKind.SUBJECT]


def test_subject_layout_is_listed_on_the_portion() -> None:
    doc = parsed(SUBJECT_CASES[0][0])
    subject = doc.subject
    assert subject is not None
    assert [doc.text[s:e] for s, e in subject.layout] == [
        "CONFIDENTIAL\nPAGE 02 HARARE 06677 01 OF 03 291400Z"
    ]


@pytest.mark.parametrize(
    ("lines", "subject_start"),
    [
        # a paragraph after the blank line is no subject value
        ("TAGS: PREL LY\nSUBJECT:\n\n¶1. (C) Text.", None),
        # nor a block under a label that holds a mark
        ("TAGS: PREL LY\nSUBJECT: (U)\n\nFOO BAR", "(U)"),
        # nor a long block (a body paragraph without a number)
        ("TAGS: PREL LY\nSUBJECT:\n\nONE\nTWO\nTHREE\n", None),
    ],
    ids=["paragraph", "mark-on-label-line", "long-block"],
)
def test_subject_value_after_blank_line_only_when_short(
    lines: str, subject_start: str | None
) -> None:
    doc = parsed(lines)
    field = doc.field("subject")
    assert field is not None
    assert (field.value or None) == subject_start


@pytest.mark.parametrize(
    "lines",
    [
        # "Subject to" is prose, not a label without colon
        "TAGS: PREL LY\nSUBJECT TO REVIEW, THE TALKS GO ON",
        # a colon-less SUBJECT that is not right under a header field
        "TAGS: PREL LY\n\nTHE TALKS GO ON\nSUBJECT THE MINISTER RAISED",
        # UBJECT: inside a line of text
        "TAGS: PREL LY\nTHE UBJECT: FOO",
    ],
    ids=["subject-to", "not-under-a-field", "ubject-in-text"],
)
def test_no_subject_label(lines: str) -> None:
    assert parsed(lines).field("subject") is None


def test_subject_never_runs_over_another_header_element() -> None:
    """A subject written above the banner (09ISLAMABAD3037) stops at the banner line."""
    text = (
        "SUBJECT: BALOCH REQUEST UNHCR FACILITATE MOVEMENT OF \nBRAHMDAGH BUGTI TO IRELAND\n"
        "S E C R E T SECTION 01 OF 02 ISLAMABAD 003037 \nNOFORN \n"
        "EO 12958 DECL: 12/18/2034 \nTAGS PREL, PGOV, PREF, PK, AF \n\n¶1. (S) Text.\n"
    )
    doc = parse(text)
    assert_partition(doc)
    field = doc.field("subject")
    assert field is not None
    assert field.value.endswith("TO IRELAND")
    assert [p.kind for p in doc.parts if p.kind is PartKind.BANNER]


def test_unreadable_mark_on_a_subject_line_is_a_unit() -> None:
    """A line of the subject opening with a mark that cannot be read ends the subject."""
    doc = parsed("TAGS: PREL LY\nSUBJECT: (U) MFA TALKS\n(SECERT) THE COURIER")
    subject = doc.subject
    assert subject is not None
    assert "COURIER" not in doc.text[subject.start : subject.end]
    unknown = [p for p in doc.body if p.marking is not None and not p.marking.known]
    assert unknown


def test_inspect_prints_the_clean_subject_without_its_mark() -> None:
    doc = parsed(
        "TAGS: PREL UK\nSUBJECT: (C/NF) WHO WOULD REPLACE \n CONFIDENTIAL\n"
        "PAGE 02 TRIPOLI 00220 01 OF 03 131503Z GORDON BROWNREF: A. LONDON 1939"
    )
    report = inspect_document(doc, as_of=datetime.date(2010, 1, 1))
    assert report["subject"] == "WHO WOULD REPLACE GORDON BROWN"


# --- the corpus -----------------------------------------------------------------------

_DTG = re.compile(r"\d{6}Z")
_LAYOUT_WORDS = {"PAGE", "SECTION", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS"}
_MARKER = re.compile(r"\d{8} \d{3}(?:\.\d)? OF \d{3}|PAGE \d{2,3} ")


def _cables() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not _cables(), reason="../shared/corpus/cables is not available")
def test_corpus_tags_and_subjects_hold_no_layout() -> None:
    """No cable's TAGS hold a page-header token, no subject a page header or marker, and
    every cable still rebuilds byte for byte."""
    bad: dict[str, object] = {}
    for path in _cables():
        doc = parse(read_text(path), source=path.name)
        assert "".join(doc.text[p.start : p.end] for p in doc.parts) == doc.text, path.name
        odd = [t for t in doc.tags if t in _LAYOUT_WORDS or _DTG.fullmatch(t)]
        subject = doc.field("subject")
        if odd:
            bad[path.name] = odd
        if subject is not None and _MARKER.search(subject.value):
            bad[path.name] = subject.value
    assert not bad
