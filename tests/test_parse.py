"""The cable parser: fields, portions and exact offsets, on the seed and on built cases."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor import (
    DeclassKind,
    DeclassStatus,
    Document,
    Level,
    ParseError,
    PartKind,
    PortionKind,
    parse,
)
from redactor.model import Portion, read_value


def assert_partition(doc: Document) -> None:
    """The parts are contiguous, non-empty, cover the text and rebuild it exactly."""
    pos = 0
    for part in doc.parts:
        assert part.start == pos, f"gap or overlap at {pos}: {part}"
        assert part.end > part.start, part
        pos = part.end
    assert pos == len(doc.text)
    assert "".join(doc.text[p.start : p.end] for p in doc.parts) == doc.text
    for portion in doc.portions:
        assert 0 <= portion.start < portion.end <= len(doc.text)
        if portion.mark_start is not None:
            assert portion.mark_end is not None
            assert portion.start <= portion.mark_start < portion.mark_end <= portion.end
        for s, e in portion.layout:
            assert portion.start <= s < e <= portion.end
    for field in doc.fields:
        assert field.start <= field.value_start <= field.value_end <= field.end
        for s, e in field.layout:
            assert field.value_start <= s < e <= field.value_end
        # The value is the clean reading of its offsets: layout out, whitespace collapsed.
        clean = read_value(doc.text, field.value_start, field.value_end, field.layout)
        assert field.value == clean


# --- the seed cable -------------------------------------------------------------------


def test_seed_header(seed_text: str) -> None:
    doc = parse(seed_text, source="06DAMASCUS728.txt")
    assert_partition(doc)
    assert doc.reference_id == "06DAMASCUS728"
    assert doc.origin == datetime.date(2006, 2, 26)
    assert doc.banner is not None
    assert doc.banner.level is Level.CONFIDENTIAL
    assert doc.banner.banner_form() == "CONFIDENTIAL"
    assert doc.declassification.kind is DeclassKind.DATE
    assert doc.declassification.date == datetime.date(2016, 2, 26)
    assert doc.reasons == ("1.4(b)", "1.4(d)")
    assert doc.classified_by is not None
    assert doc.classified_by.name == "Charge d'Affaires Stephen A. Seche"
    assert doc.tags == ("KPAL", "PREL", "SY", "RS")
    from_field = doc.field("from")
    assert from_field is not None
    assert from_field.value == "AMEMBASSY DAMASCUS"
    signature = doc.field("signature")
    assert signature is not None
    assert signature.value == "SECHE"


def test_seed_portions(seed_text: str) -> None:
    doc = parse(seed_text)
    subject = doc.subject
    assert subject is not None
    assert subject.marking is None
    body = doc.body
    assert [p.number for p in body] == ["1", "2"]
    assert [p.marking.raw if p.marking else None for p in body] == ["(C)", "(C)"]
    assert all(p.level is Level.CONFIDENTIAL for p in body)
    assert seed_text[body[0].start : body[0].start + 8] == "¶1. (C) "
    assert seed_text[body[1].end - 8 : body[1].end] == "Erkhov said."[-8:]
    assert body[0].mark_start is not None
    assert seed_text[body[0].mark_start : body[0].mark_end] == "(C)"


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (datetime.date(2010, 1, 1), DeclassStatus.CLASSIFIED),
        (datetime.date(2016, 2, 25), DeclassStatus.CLASSIFIED),
        (datetime.date(2016, 2, 26), DeclassStatus.DECLASSIFIED),
        (datetime.date(2026, 11, 28), DeclassStatus.DECLASSIFIED),
    ],
)
def test_seed_status(seed_text: str, as_of: datetime.date, status: DeclassStatus) -> None:
    assert parse(seed_text).declassification_status(as_of) is status


def test_seed_part_kinds(seed_text: str) -> None:
    doc = parse(seed_text)
    kinds = [p.kind for p in doc.parts if p.kind is not PartKind.SPACE]
    assert kinds == [
        PartKind.ROUTING,
        PartKind.BANNER,
        PartKind.CAPTION,
        PartKind.CAPTION,
        PartKind.CAPTION,
        PartKind.DECLASSIFICATION,
        PartKind.TAGS,
        PartKind.SUBJECT,
        PartKind.CLASSIFIED_BY,
        PartKind.PORTION,
        PartKind.PORTION,
        PartKind.SIGNATURE,
    ]


def test_crlf_is_kept(seed_text: str) -> None:
    crlf = seed_text.replace("\n", "\r\n")
    doc = parse(crlf)
    assert_partition(doc)
    assert doc.reference_id == "06DAMASCUS728"
    assert [p.level for p in doc.body] == [Level.CONFIDENTIAL, Level.CONFIDENTIAL]
    assert doc.declassification.date == datetime.date(2016, 2, 26)
    for p in doc.parts:
        if p.kind is not PartKind.SPACE:
            assert not doc.text[p.start : p.end].endswith("\r"), p


# --- built cases ------------------------------------------------------------------------

HEADER = (
    "O 131503Z MAR 08\nFM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 3217\n\n"
    "C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220\n\nSIPDIS\n\n"
    "E.O. 12958: DECL: 3/13/2018\nTAGS: PGOV PREL\nSUBJECT: A SUBJECT\n\n"
    "Classified By: CDA Chris Stevens for reasons 1.4 (b) and (d)\n\n"
)


def body_of(body: str) -> Document:
    doc = parse(HEADER + body)
    assert_partition(doc)
    return doc


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "¶1. (C) Text one.\n\n¶2. (S//NF) Two.\n",
            [("1", "(C)"), ("2", "(S//NF)")],
            id="pilcrow",
        ),
        pytest.param(
            "1.(C) Text one.\n\n2.(U) Two.\n", [("1", "(C)"), ("2", "(U)")], id="no-space"
        ),
        pytest.param(
            "1. (C) Text one.\n\n2. Two unmarked.\n", [("1", "(C)"), ("2", None)], id="unmarked"
        ),
        pytest.param(
            "¶1. (C) One. ¶2. (S) Two on the same line.\n",
            [("1", "(C)"), ("2", "(S)")],
            id="reflowed",
        ),
        pytest.param("¶2. (c) Lower case mark.\n", [("2", "(c)")], id="lower-case"),
        pytest.param("1, (C) Comma typo.\n", [("1", "(C)")], id="comma"),
        pytest.param("¶1.  (SBU) Two spaces.\n", [("1", "(SBU)")], id="two-spaces"),
        pytest.param("2. SBU) Malformed.\n", [("2", "SBU)")], id="malformed"),
        pytest.param(" ¶3. (S/NF) Leading space.\n", [("3", "(S/NF)")], id="indented"),
        pytest.param("1. (a) first item, not a mark.\n", [("1", None)], id="list-label"),
    ],
)
def test_paragraph_forms(body: str, expected: list[tuple[str, str | None]]) -> None:
    doc = body_of(body)
    got = [(p.number, p.marking.raw if p.marking else None) for p in doc.body]
    assert got == expected


def test_sub_paragraph_marks_are_portions() -> None:
    doc = body_of(
        "¶1. (C) Intro:\n-- (S) a secret bullet;\n-- (U) an open bullet.\n\n¶2. (U) End.\n"
    )
    kinds = [(p.kind, p.number, p.level) for p in doc.body]
    assert kinds == [
        (PortionKind.PARAGRAPH, "1", Level.CONFIDENTIAL),
        (PortionKind.SUB_PARAGRAPH, None, Level.SECRET),
        (PortionKind.SUB_PARAGRAPH, None, Level.UNCLASSIFIED),
        (PortionKind.PARAGRAPH, "2", Level.UNCLASSIFIED),
    ]


def test_unreadable_mark_is_unknown_not_absent() -> None:
    doc = body_of("¶1. (N/SF) Garbled mark.\n")
    (portion,) = doc.body
    assert portion.marking is not None
    assert portion.level is None


def test_reason_letters_are_not_marks() -> None:
    text = (
        HEADER.replace("for reasons 1.4 (b) and (d)\n", "for reasons 1.4 (b),\n(c), and (d).\n")
        + "¶1. (C) Body.\n"
    )
    doc = parse(text)
    assert_partition(doc)
    assert [(p.number, p.level) for p in doc.body] == [("1", Level.CONFIDENTIAL)]
    assert doc.reasons == ("1.4(b)", "1.4(c)", "1.4(d)")


def test_section_marker_is_layout_inside_portion() -> None:
    doc = body_of("¶1. (C) The family had no objection to a TRIPOLI 00000220 002 OF 003 visit.\n")
    (portion,) = doc.body
    assert len(portion.layout) == 1
    s, e = portion.layout[0]
    assert doc.text[s:e] == "TRIPOLI 00000220 002 OF 003"


def test_page_header_is_layout() -> None:
    doc = body_of(
        "¶1. (C) FIRST PART\n CONFIDENTIAL\nPAGE 02 TRIPOLI 00220 01 OF 03 131503Z REST OF IT.\n"
    )
    (portion,) = doc.body
    (span,) = portion.layout
    assert doc.text[span[0] : span[1]].startswith("CONFIDENTIAL")
    assert doc.text[span[0] : span[1]].endswith("131503Z")


def test_partial_extract_notice_is_layout() -> None:
    notice = (
        "This record is a partial extract of the original cable. "
        "The full text of the original cable is not available."
    )
    doc = parse(notice + "\n\n" + HEADER + "¶1. (C) Body.\n")
    assert_partition(doc)
    assert any(p.kind is PartKind.LAYOUT and doc.text[p.start : p.end] == notice for p in doc.parts)


def test_subject_with_its_own_mark() -> None:
    doc = parse(
        HEADER.replace("SUBJECT: A SUBJECT", "SUBJECT: (S) GERMANY TAKING ACTION") + "¶1. (S) B.\n"
    )
    assert_partition(doc)
    subject = doc.subject
    assert subject is not None
    assert subject.kind is PortionKind.SUBJECT
    assert subject.level is Level.SECRET


def test_captions_fold_into_banner() -> None:
    doc = parse(HEADER.replace("SIPDIS\n", "NOFORN\nSIPDIS\n") + "¶1. (C//NF) Body.\n")
    assert doc.banner is not None
    assert doc.banner.banner_form() == "CONFIDENTIAL//NOFORN"


def test_decl_glued_to_tags() -> None:
    doc = parse(
        HEADER.replace(
            "E.O. 12958: DECL: 3/13/2018\nTAGS: PGOV PREL",
            "E.O. 12958: DECL: 3/13/2018 TAGS: PGOV PREL",
        )
        + "¶1. (C) Body.\n"
    )
    assert_partition(doc)
    assert doc.declassification.date == datetime.date(2018, 3, 13)
    assert doc.tags == ("PGOV", "PREL")


def test_missing_decl_fails_closed() -> None:
    doc = parse(HEADER.replace("E.O. 12958: DECL: 3/13/2018\n", "") + "¶1. (C) Body.\n")
    assert doc.declassification.kind is DeclassKind.MISSING
    assert doc.declassification_status(datetime.date(2099, 1, 1)) is DeclassStatus.UNKNOWN


def test_unclassified_cable_is_declassified_whatever_its_line() -> None:
    text = "UNCLAS ADANA 0386\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Open.\n"
    doc = parse(text)
    assert doc.declassification.kind is DeclassKind.NA
    assert doc.declassification_status(datetime.date(2000, 1, 1)) is DeclassStatus.DECLASSIFIED


def test_unclassified_banner_with_classified_portion_is_not_declassified() -> None:
    text = "UNCLAS ADANA 000386\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n\n1. (S) Oops.\n"
    doc = parse(text)
    assert doc.declassification_status(datetime.date(2000, 1, 1)) is DeclassStatus.UNKNOWN


def test_no_banner_is_reported() -> None:
    doc = parse("SIPDIS\n\nE.O. 12958: DECL: 01/01/2019\nSUBJECT: X\n\n1. (C) Text.\n")
    assert doc.banner is None
    assert "no_banner" in doc.warnings
    assert_partition(doc)


def test_entire_text_marking() -> None:
    doc = parse(
        "E.O. 12356: DECL: OADR\nSUBJECT: X\n\n1. CONFIDENTIAL - ENTIRE TEXT.\n\n2. MORE.\n"
    )
    assert_partition(doc)
    assert doc.entire_text is not None
    assert doc.entire_text.level is Level.CONFIDENTIAL


@pytest.mark.parametrize(
    "bad",
    [pytest.param("abc\x00def", id="nul"), pytest.param(b"bytes", id="bytes")],
)
def test_parse_error(bad: object) -> None:
    with pytest.raises(ParseError) as info:
        parse(bad, source="x.txt")  # type: ignore[arg-type]
    assert "def" not in str(info.value)  # never quote the document


@pytest.mark.parametrize("text", ["", "\n", "   ", "SECRET", "¶", "1.", "(C)", "\ufeff\r\n"])
def test_degenerate_inputs(text: str) -> None:
    assert_partition(parse(text))


# --- properties -------------------------------------------------------------------------

_pieces = st.sampled_from(
    [
        "\n",
        "\r\n",
        " ",
        "¶1. ",
        "2.(C) ",
        "(S//NF) ",
        "-- (U) ",
        "SUBJECT: ",
        "TAGS: ",
        "E.O. 12958: DECL: 02/26/2016",
        "C O N F I D E N T I A L DAMASCUS 000728",
        "Classified By: X for reasons 1.4 b/d",
        "PAGE 02 HARARE 06677 01 OF 03 291400Z",
        "DAMASCUS 00000728 002 OF 002",
        "REF: A. STATE 1",
        "word",
        "(a)",
        "SECHE",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_pieces, st.text(max_size=12)), max_size=40).map("".join))
def test_parse_never_fails_and_partitions(text: str) -> None:
    try:
        doc = parse(text)
    except ParseError:
        assert "\x00" in text
        return
    assert_partition(doc)


# --- captions, memos, odd header lines ----------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        pytest.param("NOFORN", "CONFIDENTIAL//NOFORN", id="noforn"),
        pytest.param("Noforn", "CONFIDENTIAL//NOFORN", id="lower-case"),
        pytest.param("SECRET NOFORN", "SECRET//NOFORN", id="restated-higher"),
        pytest.param("EXDIS", "CONFIDENTIAL//NOFORN//EXDIS", id="exdis"),
        pytest.param("PARIS FOR ZEYA", "CONFIDENTIAL", id="distribution"),
    ],
)
def test_caption_lines(caption: str, expected: str) -> None:
    doc = parse(HEADER.replace("SIPDIS\n", f"SIPDIS\n{caption}\n") + "¶1. (C) Body.\n")
    assert_partition(doc)
    assert doc.banner is not None
    assert doc.banner.banner_form() == expected
    captions = [f.value for f in doc.fields if f.name == "caption"]
    assert captions == ["SIPDIS", caption]


def test_agency_sensitive_caption_is_sbu() -> None:
    text = (
        "UNCLAS MOSCOW 000293\n\nDEA SENSITIVE\nSIPDIS\n\nE.O. 12958: N/A\nSUBJECT: X\n\n1. (U) A."
    )
    doc = parse(text)
    assert doc.banner is not None
    assert doc.banner.banner_form() == "UNCLASSIFIED//SBU"


def test_caption_words_after_the_serial() -> None:
    doc = parse(
        "C O N F I D E N T I A L BOGOTA 000243 SIPDIS NOFORN\n\n"
        "E.O. 12958: DECL: 01/01/2020\nSUBJECT: X\n\n1. (C) A.\n"
    )
    assert doc.banner is not None
    assert doc.banner.banner_form() == "CONFIDENTIAL//NOFORN"
    assert doc.reference_id is None  # no DTG, no year


def test_banner_glued_to_routing_line() -> None:
    text = (
        "O 201106Z MAY 01\nFM AMEMBASSY CAIRO\nINFO ARAB LEAGUE COLLECTIVE PRIORITY"
        "C O N F I D E N T I A L SECTION 01 OF 04 CAIRO 003757\n\n"
        "E.O. 12958: DECL: 05/20/2005\nSUBJECT: X\n\n1. (C) A.\n"
    )
    doc = parse(text)
    assert_partition(doc)
    assert doc.reference_id == "01CAIRO3757"
    banner = next(p for p in doc.parts if p.kind is PartKind.BANNER)
    assert text[banner.start : banner.end].startswith("C O N F")


def test_invalid_date_time_group_is_reported() -> None:
    doc = parse("O 311325Z FEB 06\nFM X\n\n" + HEADER.split("\n\n", 1)[1] + "¶1. (C) A.\n")
    assert "invalid_date_time_group" in doc.warnings
    assert doc.origin is None


def test_memo_with_authority_block_after_the_text() -> None:
    text = (
        "SECRET//NOFORN\n\nSUBJECT: (U) Test\n\n(U) Open text.\n\n(S//NF) Secret text.\n\n"
        "Classified By: Jane Q. Example, Director\nDerived From: Multiple Sources\n"
        "Reason: 1.4(b)\nDeclassify On: 20350601\n\nSECRET//NOFORN\n"
    )
    doc = parse(text)
    assert_partition(doc)
    assert [p.level for p in doc.body] == [Level.UNCLASSIFIED, Level.SECRET]
    assert doc.body[-1].end == text.index("Secret text.") + len("Secret text.")
    assert doc.declassification.date == datetime.date(2035, 6, 1)
    assert doc.reasons == ("1.4(b)",)
    kinds = [p.kind for p in doc.parts if p.kind is not PartKind.SPACE]
    assert kinds[-1] is PartKind.BANNER
    assert PartKind.DECLASSIFICATION in kinds


def test_memo_reason_line_separate_from_classified_by() -> None:
    text = (
        "CONFIDENTIAL\n\n1. (C) Text.\n\n2. (U) More.\n\nClassified By: J. Sample\n\n"
        "Reason: 1.4(d)\nDeclassify On: 25X6, 20600129\n\nCONFIDENTIAL\n"
    )
    doc = parse(text)
    assert_partition(doc)
    assert doc.reasons == ("1.4(d)",)
    assert doc.declassification.exemptions == ("25X6",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("UNCLASSIFIED\n\nSUBJECT: X\n\n1. (U) A.\n", "UNCLASSIFIED", id="bare-word"),
        pytest.param("SECRET//NOFORN\n\nSUBJECT: X\n\n1. (S) A.\n", "SECRET//NOFORN", id="capco"),
    ],
)
def test_bare_banner(text: str, expected: str) -> None:
    doc = parse(text)
    assert doc.banner is not None
    assert doc.banner.banner_form() == expected


def test_ref_list_items_are_not_portions() -> None:
    doc = body_of("¶1. (C) Body.\n").text
    text = doc.replace(
        "SUBJECT: A SUBJECT\n", "SUBJECT: A SUBJECT\n\nREF: (A) STATE 1\n(B) STATE 2\n(C) STATE 3\n"
    )
    parsed = parse(text)
    assert_partition(parsed)
    assert [p.number for p in parsed.body] == ["1"]
    assert [f.name for f in parsed.fields].count("reference") == 1


def test_field_lookup_missing() -> None:
    assert parse("plain text\n").field("subject") is None


@pytest.mark.parametrize(
    ("mark", "status"),
    [
        pytest.param("(//NS)", DeclassStatus.CLASSIFIED, id="nato-blocks"),
        pytest.param("(S//RD)", DeclassStatus.CLASSIFIED, id="restricted-data-blocks"),
        pytest.param("(S)", DeclassStatus.DECLASSIFIED, id="no-blocker"),
    ],
)
def test_blockers_keep_the_document_classified(mark: str, status: DeclassStatus) -> None:
    doc = body_of(f"¶1. {mark} Text.\n")
    assert doc.declassification_status(datetime.date(2026, 11, 28)) is status


def test_bom_before_a_memo_banner() -> None:
    doc = parse("\ufeffSECRET\n\nSUBJECT: (U) X\n\n(S) Text.\n\nSECRET\n")
    assert_partition(doc)
    assert doc.banner is not None
    assert doc.banner.level is Level.SECRET
    assert doc.text[doc.body[0].start] == "("


def test_single_paragraph_memo_keeps_its_authority_block_out() -> None:
    text = (
        "CONFIDENTIAL\n\n(C) Only paragraph.\n\nClassified By: J. Sample, Director\n"
        "Reason: 1.4(d)\nDeclassify On: 20350601\n\nCONFIDENTIAL\n"
    )
    doc = parse(text)
    assert_partition(doc)
    (portion,) = doc.body
    assert text[portion.start : portion.end] == "(C) Only paragraph."
    assert doc.declassification.date == datetime.date(2035, 6, 1)
    assert doc.field("declassification") is not None


def test_garbled_banner_is_reported() -> None:
    doc = parse(
        "SS E C R E T ROME 000097\n\nE.O. 12958: DECL: 01/01/2019\nSUBJECT: X\n\n1. (S) A.\n"
    )
    assert doc.banner is not None
    assert doc.banner.level is Level.SECRET
    assert "garbled_banner" in doc.warnings


@pytest.mark.parametrize(
    "ending",
    [pytest.param("\r", id="cr-only"), pytest.param("mixed", id="mixed")],
)
def test_lone_cr_line_endings(seed_text: str, ending: str) -> None:
    lines = seed_text.split("\n")
    if ending == "mixed":
        text = "".join(
            line + ("\r" if i % 3 == 0 else "\r\n" if i % 3 == 1 else "\n")
            for i, line in enumerate(lines)
        )
    else:
        text = "\r".join(lines)
    doc = parse(text)
    assert_partition(doc)
    lf = parse(seed_text)
    assert doc.text == text
    assert doc.reference_id == lf.reference_id
    assert [(p.number, p.level) for p in doc.portions] == [(p.number, p.level) for p in lf.portions]
    assert doc.declassification == lf.declassification
    assert doc.reasons == lf.reasons


def test_transmission_line_with_two_spaces() -> None:
    doc = parse("ZNY  SSSSS ZZH\n" + HEADER + "¶1. (C) Body.\n")
    field = doc.field("transmission")
    assert field is not None
    assert field.value == "SSSSS"
    assert doc.banner is not None
    assert doc.banner.level is Level.SECRET
    assert "transmission_level_above_banner" in doc.warnings


@pytest.mark.parametrize(
    "body",
    [
        "1. (U) He agreed. 2. (S) The secret part.\n",
        '1. (U) He said "yes." 2. (S) The secret part.\n',
        "1. (U) Really? 2. (S) The secret part.\n",
        "1. (U) (See above) 2. (S) The secret part.\n",
    ],
)
def test_reflowed_start_without_pilcrow_after_any_sentence_end(body: str) -> None:
    doc = body_of(body)
    assert [(p.number, p.level) for p in doc.body] == [
        ("1", Level.UNCLASSIFIED),
        ("2", Level.SECRET),
    ]


def test_numbers_in_prose_are_not_starts() -> None:
    doc = body_of("1. (U) It cost 2. (a) figure and rose 3. per cent.\n")
    assert [p.number for p in doc.body] == ["1"]


# --- the fast paths agree with the plain forms they replace -----------------------------


def test_builders_make_ordinary_frozen_objects() -> None:
    import dataclasses  # noqa: PLC0415

    from redactor import model  # noqa: PLC0415

    built = model.build_field("tags", "PREL", 0, 10, 6, 10, ())
    assert type(built) is model.Field
    assert built == model.Field("tags", "PREL", 0, 10, 6, 10)
    assert hash(built) == hash(model.Field("tags", "PREL", 0, 10, 6, 10))
    assert repr(built) == repr(model.Field("tags", "PREL", 0, 10, 6, 10))
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.start = 1  # type: ignore[misc]

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        x: int

    with pytest.raises(TypeError, match="not a slotted dataclass"):
        model._builder(Unslotted)


# _HEADER_LINE spells each alternative's first letter as a case-sensitive class (so that
# re can skip it fast); this is the plain case-insensitive form it must agree with.
_PLAIN_HEADER_LINE = r"""\n\ufeff?[ \t]*(?:
        (?P<zny>ZN[YR][ \t]+[A-Z]{5})
      | (?P<fm>FM[ \t])
      | (?P<to>TO[ \t])
      | (?P<info>INFO[ \t])
      | (?P<tags>T(?:AGE?S?|AS|ABS|GS)\b)
      | (?P<subj>SUBJ(?:ECT)?[ \t]*:)
      | (?P<ref>(?:REFS?|REF\(S\)|REFTEL)[ \t]*:?[ \t])
      | (?P<label>¶?[ \t]*(?:E\.?[ ]?O\.?[ ]?\d{4,5}|EO[ ]\d|MO\.[ ])
                 |(?:\(U\)[ \t]*)?Classified\s+By)
      | (?P<dtg>(?:[OPRZ]{1,2}(?:[ \t][OPR])?[ \t]+)?\d{6}Z[ \t]+[A-Z]{3})
    )"""


@pytest.mark.parametrize(
    "line",
    [
        "ZNY CCCCC ZZH",
        "znr uuuuu",
        "FM AMEMBASSY DAMASCUS",
        "fm\tSECSTATE",
        "TO RUEHC/SECSTATE",
        "INFO RUEHXX",
        "\u0130NFO dotted capital I",
        "\u0131nfo dotless small i",
        "TAGS: PREL",
        "tage pgov",
        "TGS PREL",
        "SUBJECT: X",
        "\u017fubj: long s",
        "REF: A. STATE 1",
        "REF(S) 1",
        "reftel x",
        "E.O. 12958: DECL",
        "\u00b6 E. O. 12958:",
        "eo 1",
        "MO. 11652",
        "(U) Classified By: X",
        "classified\nby X",
        "O 141019Z SEP 90",
        "RR Z 141019Z SEP 90",
        "zz 141019z sep 90",
        "141019Z SEP 90",
        "\ufeff  TAGS X",
        "DE RUEHDM #0728",
        "NOFORN",
        "Prose line",
    ],
)
def test_header_line_scan_matches_plain_pattern(line: str) -> None:
    import re  # noqa: PLC0415

    from redactor.parser import _HEADER_LINE  # noqa: PLC0415

    plain = re.compile(_PLAIN_HEADER_LINE, re.VERBOSE | re.IGNORECASE)
    for text in ("\n" + line, "\n" + line + "\nTAGS X", "\n  " + line):
        expected = [
            (m.span(), m.lastgroup, m.start(m.lastgroup or 0)) for m in plain.finditer(text)
        ]
        found = [(m.span(), m.lastgroup, m.end("indent")) for m in _HEADER_LINE.finditer(text)]
        assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "Classified By: A for reasons 1.4 (b)",
        "DECLASSIFIED BY NARA; CLASSIFIED BY: X",
        "Classifed by: A. Classified by B",
        "CLASSIFIED BY Classified By X",
        "Classif Class CLASSIFI Classified  by  X",
    ],
)
def test_label_finder_matches_finditer(text: str) -> None:
    from redactor import reasons  # noqa: PLC0415

    for start, stop in ((0, len(text)), (1, len(text) - 3), (5, 20)):
        expected = [m.span() for m in reasons._LABEL.finditer(text, start, stop)]
        assert [m.span() for m in reasons._labels(text, start, stop)] == expected


@pytest.mark.parametrize(
    "letters",
    ["(b) and (d)", "(B) AND (D)", "b, c, and d", "(b) a nd (d)", "(b-d)", "(a) and (b)", "b/d"],
)
def test_reason_letters_fast_path_agrees(letters: str) -> None:
    from redactor import reasons  # noqa: PLC0415

    fast = reasons._letters(letters, [])
    tokens = [m.group().lower() for m in reasons._LETTER_TOKEN.finditer(letters)]
    if "-" not in tokens:  # the token reading, without ranges, of the slow path
        assert fast == [t for t in tokens if len(t) == 1 and t in "abcdefgh"]


@pytest.mark.parametrize(
    "text",
    [
        "DECLASSIFY ON: 2030; Declassify On: 2031",
        "Declassify Once. DECLASSIFY ON 2030",
        "MO. 11652 MO.x MO.12356",
        "MO.x E.O. 12958",
        "nothing here",
    ],
)
def test_declassification_label_search_matches_re(text: str) -> None:
    from redactor import declass  # noqa: PLC0415

    for pattern in (declass._EO, declass._MO, declass._CAPCO):
        for pos, limit in ((0, len(text)), (1, len(text) - 2)):
            expected = pattern.search(text, pos, limit)
            found = declass._search(pattern, text, pos, limit)
            assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    "banner",
    [
        "S E C R E T",
        "CONFIDENTIAL",
        "UNCLAS",
        "SECRET//NOFORN",
        "SECRET//REL TO USA, GBR",
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "SECRET//FOUO",
        "C O N F I D E N T I A L EXDIS",
        "UNCLASSIFIED//SBU NOFORN",
    ],
)
def test_empty_caption_leaves_banner_unchanged(banner: str) -> None:
    # _captions skips with_caption for a caption that adds nothing ("SIPDIS"): a banner
    # read by parse_banner (or raised by roll_up) is a fixed point of it.
    from redactor.markings import parse_banner, parse_caption, roll_up  # noqa: PLC0415

    marking = parse_banner(banner)
    sipdis = parse_caption("SIPDIS")
    assert marking is not None
    assert sipdis is not None
    assert not sipdis.controls
    assert not sipdis.rel_to
    assert marking.with_caption(sipdis) == marking
    raised = roll_up([marking])
    assert raised.with_caption(sipdis) == raised


def test_paragraph_numbers_past_999_start_their_own_portion() -> None:
    # Before this, "¶1000. (C)" was read as text of paragraph 999 (U): a CONFIDENTIAL
    # paragraph released under the mark of the one before it.
    text = HEADER + "".join(
        f"¶{n}. ({'C' if n % 2 else 'U'}) Paragraph {n}.\n\n" for n in range(997, 1004)
    )
    doc = parse(text)
    assert_partition(doc)
    body = [(p.number, p.marking.raw if p.marking else None) for p in doc.body]
    assert body == [(str(n), "(C)" if n % 2 else "(U)") for n in range(997, 1004)]


def test_a_year_at_a_line_start_is_not_a_paragraph_number() -> None:
    doc = parse(HEADER + "1. (C) The vote was held in\n2006. The result stood.\n")
    assert [p.number for p in doc.body] == ["1"]


@pytest.mark.parametrize(
    ("last_line", "signer"),
    [
        pytest.param(
            "17. (U) SRAP Holbrooke has cleared this message. ROEMER", "ROEMER", id="glued"
        ),
        pytest.param("17. (U) Last words. End comment. LA LIME", "LA LIME", id="two-words"),
        pytest.param("17. (U) Last words (septel).  KELLY  ", "KELLY", id="after-paren"),
        pytest.param("17. (U) Last words. END COMMENT", None, id="end-comment"),
        pytest.param("17. (U) Minimize considered. NNNN", None, id="nnnn"),
        pytest.param("17. (U) It is up to the U.S. and NATO", None, id="no-sentence-end"),
    ],
)
def test_sign_off_glued_to_the_last_line(last_line: str, signer: str | None) -> None:
    text = HEADER + "1. (C) First.\n\n" + last_line + "\n"
    doc = parse(text)
    assert_partition(doc)
    field = doc.field("signature")
    assert (field.value if field else None) == signer
    last = doc.body[-1]
    if signer is not None:
        # The sign-off is never the tail of a unit (issue 13, point 6): it stays inside
        # the last paragraph, withheld with it, and is a field for the name cut.
        assert text[last.start : last.end].rstrip().endswith(signer)
        assert last.start <= field.start < field.end <= last.end
        assert all(p.kind is not PartKind.SIGNATURE for p in doc.parts)


# -- issue 13: mark-shaped tokens, lists and units -----------------------------------


@pytest.mark.parametrize(
    ("body", "inner"),
    [
        # mid-line, a known mark counts ...
        ("1. (U) Fighters: (S//NF) The kidnapping was planned.", "SECRET"),
        ("1. (U) He said (C) that the talks would go on.", "CONFIDENTIAL"),
        # ... the letter of a running list does not: the one before it stands earlier
        ("1. (U) Items (a) one, (b) two and (c) three.", None),
        # ... nor the first of a list whose next letter follows it
        ("1. (U) Reasons (c) and (d) apply.", None),
        # ... nor a reason letter after a citation
        ("1. (U) Classified under 1.4 (c) in 2008.", None),
        # ... nor a party and state label
        ("1. (U) Senator John McCain (R-AZ) visited.", None),
        # ... nor prose in parentheses
        ("1. (U) The official(s) met (see below) as planned.", None),
    ],
)
def test_marks_held_mid_line(body: str, inner: str | None) -> None:
    """How `(c)` in a list is told from the mark `(C)`: docs/markings.md §9."""
    doc = parse(HEADER + body + "\n")
    (portion,) = doc.body
    assert (portion.inner.level.banner_word if portion.inner else None) == inner


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # at a line start after a `(b)` label line, `(c)` continues the list: a label
        ("1. (U) Options:\n(a) wait\n(b) talk\n(c) leave", [None, None, None, None]),
        # with no list before it, `(c)` at a line start is the mark CONFIDENTIAL
        ("1. (U) Options:\n\n(c) The minister will leave.", [None, "CONFIDENTIAL"]),
        # after a paragraph number, a single capital other than A is a mangled mark
        ("1. (U) One.\n\n2. (Q) Two.", [None, "unknown"]),
        ("1. (U) One.\n\n2. (A) Two.", [None, None]),
        # mangled marks at a mark position are unknown, not prose
        ("1. (U) One.\n\n2. (S|NF) Two.", [None, "unknown"]),
        ("1. (U) One.\n\n(CONF) Two.", [None, "unknown"]),
        # an acronym that wrapped to a line start is prose
        ("1. (U) The police\n(DPF) said so.", [None]),
    ],
)
def test_mark_shaped_tokens_at_a_line_start(lines: str, expected: list[str | None]) -> None:
    doc = parse(HEADER + lines + "\n")

    def shown(p: Portion) -> str | None:
        if p.marking is None or p.marking.level is Level.UNCLASSIFIED:
            return None
        return "unknown" if p.marking.level is None else p.marking.level.banner_word

    assert [shown(p) for p in doc.body] == expected


def test_invisible_characters_are_skipped_and_reported() -> None:
    text = HEADER + "1. (U) One.\n\n\u200b2.\u034f (S//NF) Two.\n"
    doc = parse(text)
    assert [p.number for p in doc.body] == ["1", "2"]
    marking = doc.body[1].marking
    assert marking is not None
    assert marking.noforn
    assert "invisible_characters" in doc.warnings


MEMO = (
    "SECRET//NOFORN\n\nMEMORANDUM FOR THE SECRETARY\n\n{date}\n\nSUBJECT: (U) X\n\n"
    "(S//NF) Text.\n\nClassified By: A. Smith, Director\nReason: 1.4(b)\n"
    "Declassify On: 03/03/19\n\nSECRET//NOFORN\n"
)


@pytest.mark.parametrize(
    ("line", "origin"),
    [
        ("DATE: March 3, 2009", datetime.date(2009, 3, 3)),
        ("Date: 3 March 2009", datetime.date(2009, 3, 3)),
        ("March 3, 2009", datetime.date(2009, 3, 3)),
        ("2009-03-03", datetime.date(2009, 3, 3)),
        # no four-digit year, no date: nothing is guessed
        ("DATE: March 3, 09", None),
        ("DATE: Someday", None),
        ("DATE: February 30, 2009", None),
    ],
)
def test_a_memo_dates_itself_by_its_date_line(line: str, origin: datetime.date | None) -> None:
    """Without a DTG, the document's own date line is its date of origin (issue 13,
    point 11), never the as-of date: a two-digit DECL year is read against it."""
    doc = parse(MEMO.format(date=line))
    assert doc.origin == origin
    assert doc.declassification.date == datetime.date(2019, 3, 3)
