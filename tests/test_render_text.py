"""Releasable text: recomputed banner, stamp, placeholders, cut labels, cancelled banners."""

from __future__ import annotations

import datetime

import pytest

from redactor import parse
from redactor.policy import LabelStyle, parse_policy
from redactor.redact import Cancelled, Cut, Kept, Redacted, redact
from redactor.render.text import codes_label, render_text, stamp
from tests.builders import (
    BANNER,
    EARLY,
    LATE,
    RELEASE_ALL,
    WITHHOLD_ALL,
    cable,
    policy,
)
from tests.conftest import ROOT

WITHHOLD_C = """
rules:
  - id: c
    when: {level: {at_least: C}, declassified: false}
    action: withhold
    exemptions: [B1, '{reasons}']
  - {id: rest, action: release}
"""


def render(
    text: str, snippet: str, as_of: datetime.date = EARLY, *, unmarked: str = "inherit"
) -> str:
    return render_text(redact(parse(text), policy(snippet, unmarked=unmarked), as_of=as_of))


CANCELLED = "[CANCELLED] "  # docs/output.md: the text form of lining through a marking


def cancelled(line: str) -> str:
    """An original banner line as a release shows it once cancelled."""
    return CANCELLED + line


# --- codes_label and stamp ------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "style", "label"),
    [
        pytest.param(
            ("B1", "1.4(B)", "1.4(D)"), LabelStyle.STATE, "B1, 1.4(B), 1.4(D)", id="state"
        ),
        pytest.param(
            ("B1", "1.4(B)", "1.4(D)"), LabelStyle.DOJ, "(b)(1), 1.4(b), 1.4(d)", id="doj"
        ),
        pytest.param(("B6", "B7(C)"), LabelStyle.DOJ, "(b)(6), (b)(7)(C)", id="doj-b7"),
        pytest.param(("25X1", "SBU"), LabelStyle.DOJ, "25X1, SBU", id="doj-other"),
        pytest.param(("B6",), LabelStyle.STATE, "B6", id="one"),
        pytest.param((), LabelStyle.STATE, "", id="none"),
    ],
)
def test_codes_label(codes: tuple[str, ...], style: LabelStyle, label: str) -> None:
    assert codes_label(codes, style) == label


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        pytest.param(RELEASE_ALL, "RELEASE IN FULL", id="full"),
        pytest.param(WITHHOLD_ALL, "RELEASE IN PART B1, 1.4(B), 1.4(D)", id="withheld"),
        pytest.param(
            RELEASE_ALL + "\nterms: [{id: t, words: [Stevens], exemptions: [B6]}]",
            "RELEASE IN PART B6",
            id="cut-only",
        ),
        pytest.param(
            WITHHOLD_ALL
            + "\nterms: [{id: t, words: [Stevens], exemptions: [B6]}]"
            + "\noutput: {label_style: doj}",
            "RELEASE IN PART (b)(1), 1.4(b), 1.4(d), (b)(6)",
            id="doj",
        ),
    ],
)
def test_stamp(snippet: str, expected: str) -> None:
    r = redact(parse(cable(BANNER, "02/26/2016", "¶1. (C) One.")), policy(snippet), as_of=EARLY)
    assert stamp(r) == expected
    assert render_text(r).splitlines()[1] == expected


# --- frame: banner, stamp, banner -----------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "as_of", "banner"),
    [
        pytest.param(RELEASE_ALL, EARLY, "CONFIDENTIAL", id="released-classified"),
        pytest.param(WITHHOLD_ALL, EARLY, "UNCLASSIFIED", id="withheld"),
        pytest.param(RELEASE_ALL, LATE, "UNCLASSIFIED", id="declassified"),
    ],
)
def test_first_and_last_lines_are_the_recomputed_banner(
    snippet: str, as_of: datetime.date, banner: str
) -> None:
    lines = render(cable(BANNER, "02/26/2016", "¶1. (C) One."), snippet, as_of).splitlines()
    assert lines[0] == banner
    assert lines[-1] == banner
    assert lines[1].startswith("RELEASE IN ")


def test_everything_released_is_byte_identical(seed_text: str) -> None:
    out = render_text(redact(parse(seed_text), policy(RELEASE_ALL), as_of=EARLY))
    lines = out.splitlines(keepends=True)
    assert lines[:2] == ["CONFIDENTIAL\n", "RELEASE IN FULL\n"]
    assert lines[-1] == "CONFIDENTIAL\n"
    # The seed does not end in a newline: the closing banner gets a line of its own.
    assert not seed_text.endswith("\n")
    assert "".join(lines[2:-1]) == seed_text + "\n"
    assert [line.rstrip("\n") for line in lines[2:-1]] == seed_text.split("\n")


def test_released_cable_ending_in_a_newline_gets_no_blank_line() -> None:
    text = cable(BANNER, "02/26/2016", "¶1. (C) One.")
    out = render(text, RELEASE_ALL)
    assert out == "CONFIDENTIAL\nRELEASE IN FULL\n" + text + "CONFIDENTIAL\n"


@pytest.mark.parametrize(
    "snippet",
    [pytest.param(RELEASE_ALL, id="full"), pytest.param(WITHHOLD_ALL, id="withheld")],
)
def test_crlf(seed_text: str, snippet: str) -> None:
    crlf = seed_text.replace("\n", "\r\n")
    out = render_text(redact(parse(crlf), policy(snippet), as_of=EARLY))
    lines = out.splitlines(keepends=True)
    assert lines[0].endswith("\r\n")
    assert lines[1].endswith("\r\n")
    assert lines[-1].endswith("\r\n")
    assert lines[-2] == "SECHE\r\n"
    assert all(line.endswith("\r\n") for line in lines)
    assert "\n" not in out.replace("\r\n", "")
    if snippet == RELEASE_ALL:
        assert "".join(lines[2:-1]) == crlf + "\r\n"


def test_crlf_document_ending_in_crlf() -> None:
    text = cable(BANNER, "02/26/2016", "¶1. (C) One.").replace("\n", "\r\n")
    out = render(text, RELEASE_ALL)
    assert out == "CONFIDENTIAL\r\nRELEASE IN FULL\r\n" + text + "CONFIDENTIAL\r\n"


@pytest.mark.parametrize(
    ("snippet", "last_lines"),
    [
        pytest.param(RELEASE_ALL, ["¶1. (C) One.", "CONFIDENTIAL"], id="released"),
        pytest.param(
            WITHHOLD_ALL, ["¶1. (C) [WITHHELD B1, 1.4(B), 1.4(D)]", "UNCLASSIFIED"], id="withheld"
        ),
        pytest.param(
            RELEASE_ALL + "\nterms: [{id: t, words: [One], exemptions: [B6]}]",
            ["¶1. (C) [B6].", "CONFIDENTIAL"],
            id="cut",
        ),
    ],
)
def test_no_final_newline(snippet: str, last_lines: list[str]) -> None:
    text = cable(BANNER, "02/26/2016", "¶1. (C) One.", sig=None, end="")
    out = render(text, snippet)
    assert out.endswith("\n")
    assert out.splitlines()[-2:] == last_lines


# --- withheld units -------------------------------------------------------------------


LONG = " ".join(["Hamas political leaders would likely travel to Moscow."] * 40)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("Ten chars.", id="short"),
        pytest.param(LONG[:2000], id="long"),
        pytest.param("Two lines\nof text\n    indented.", id="multi-line"),
    ],
)
def test_withheld_portion_is_one_line(content: str) -> None:
    text = cable(BANNER, "02/26/2016", "¶1. (U) Open.", f"¶2. (C) {content}", "¶3. (U) End.")
    out = render(text, WITHHOLD_C)
    assert "¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D)]\n\n¶3. (U) End." in out
    short = render(text.replace(content, "x"), WITHHOLD_C)
    assert out == short  # the same output whatever the portion's length


@pytest.mark.parametrize(
    ("paragraph", "line"),
    [
        pytest.param("¶2. (C) Text.", "¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D)]", id="pilcrow"),
        pytest.param("2. (C) Text.", "2. (C) [WITHHELD B1, 1.4(B), 1.4(D)]", id="number"),
        pytest.param("¶2.  (C)   Text.", "¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D)]", id="spaces"),
        pytest.param("3. Unmarked text.", "3. [WITHHELD B1, 1.4(B), 1.4(D)]", id="unmarked"),
        pytest.param(
            "¶3. Unmarked text.", "¶3. [WITHHELD B1, 1.4(B), 1.4(D)]", id="unmarked-pilcrow"
        ),
        pytest.param("A. (C) Sub.", "A. (C) [WITHHELD B1, 1.4(B), 1.4(D)]", id="sub-paragraph"),
        pytest.param("Preamble text.", "[WITHHELD B1, 1.4(B), 1.4(D)]", id="text"),
        pytest.param(
            "¶2. (NF) Text.", "¶2. (UNKNOWN) [WITHHELD B1, 1.4(B), 1.4(D)]", id="unknown-mark"
        ),
    ],
)
def test_withheld_leads(paragraph: str, line: str) -> None:
    text = cable(BANNER, "02/26/2016", paragraph, "¶9. (U) End.", subject="(U) S")
    lines = render(text, WITHHOLD_C).splitlines()
    assert line in lines
    assert "¶9. (U) End." in lines


@pytest.mark.parametrize(
    ("subject", "line"),
    [
        pytest.param("A SUBJECT", "SUBJECT: [WITHHELD B1, 1.4(B), 1.4(D)]", id="unmarked"),
        pytest.param("(C) A SUBJECT", "SUBJECT: (C) [WITHHELD B1, 1.4(B), 1.4(D)]", id="marked"),
    ],
)
def test_withheld_subject(subject: str, line: str) -> None:
    text = cable(BANNER, "02/26/2016", "¶1. (U) One.", subject=subject)
    lines = render(text, WITHHOLD_C).splitlines()
    assert line in lines
    assert "A SUBJECT" not in "\n".join(lines)


def test_doj_labels() -> None:
    text = cable(BANNER, "02/26/2016", "¶1. (C) One.", "¶2. (U) Two Stevens.", subject="(U) S")
    snippet = WITHHOLD_C + (
        "terms: [{id: t, words: [Stevens], exemptions: [B6]}]\noutput: {label_style: doj}\n"
    )
    lines = render(text, snippet).splitlines()
    assert "¶1. (C) [WITHHELD (b)(1), 1.4(b), 1.4(d)]" in lines
    assert "¶2. (U) Two [(b)(6)]." in lines
    assert lines[1] == "RELEASE IN PART (b)(1), 1.4(b), 1.4(d), (b)(6)"


# --- cuts -----------------------------------------------------------------------------


def test_cut_label_width_depends_only_on_codes() -> None:
    snippet = RELEASE_ALL + '\nterms: [{id: t, words: [LI, "O\'NEILL-BAPTISTE"], exemptions: [B6]}]'
    short = render(cable(BANNER, "02/26/2016", "¶1. (C) Met LI today."), snippet)
    long = render(cable(BANNER, "02/26/2016", "¶1. (C) Met O'NEILL-BAPTISTE today."), snippet)
    assert "¶1. (C) Met [B6] today." in short.splitlines()
    assert short == long


def test_cut_label_with_several_codes() -> None:
    snippet = RELEASE_ALL + (
        "\nterms: [{id: a, words: [Erkhov], exemptions: [B6]},"
        " {id: b, patterns: [Erk], exemptions: [B7(C)]}]"
    )
    out = render(cable(BANNER, "02/26/2016", "¶1. (C) Met Erkhov today."), snippet)
    assert "¶1. (C) Met [B6, B7(C)] today." in out.splitlines()


# --- routing --------------------------------------------------------------------------


def test_routing_drop(seed_text: str) -> None:
    out = render_text(
        redact(parse(seed_text), policy("header: {routing: drop}\n" + RELEASE_ALL), as_of=EARLY)
    )
    for routing in ("VZCZCXYZ0000", "FM AMEMBASSY DAMASCUS", "RHEHNSC/NSC WASHDC PRIORITY"):
        assert routing not in out
        assert routing in seed_text
    lines = out.splitlines()
    assert lines[:2] == ["CONFIDENTIAL", "RELEASE IN FULL"]
    assert lines[2:4] == ["", ""]  # the blank lines before the routing block stay
    assert lines[4].startswith("C O N F I D E N T I A L DAMASCUS 000728")


def test_routing_keep_is_the_default(seed_text: str) -> None:
    out = render_text(redact(parse(seed_text), policy(RELEASE_ALL), as_of=EARLY))
    assert "FM AMEMBASSY DAMASCUS" in out.splitlines()


# --- cancelled banners ----------------------------------------------------------------

ONE_C = cable(BANNER, "02/26/2016", "¶1. (C) One.")
ONE_U = cable("UNCLAS", "N/A", "¶1. (U) One.")


@pytest.mark.parametrize(
    ("text", "snippet", "as_of", "is_cancelled"),
    [
        pytest.param(ONE_C, RELEASE_ALL, LATE, True, id="declassified"),
        pytest.param(ONE_C, WITHHOLD_ALL, EARLY, True, id="all-withheld"),
        pytest.param(ONE_C, RELEASE_ALL, EARLY, False, id="still-classified"),
        pytest.param(ONE_U, RELEASE_ALL, EARLY, False, id="unclassified"),
        pytest.param(
            cable("S E C R E T", "02/26/2016", "¶1. (C) One.", "¶2. (S) Two.", subject="(U) S"),
            "rules: [{id: c, when: {level: {at_most: C}}, action: release}]",
            EARLY, True, id="lower-level",
        ),
        pytest.param(
            cable("S E C R E T", "02/26/2016", "¶1. (S//REL TO USA, GBR) One.", "¶2. (S//NF) Two."),
            "rules: [{id: gbr, when: {releasable_to: GBR}, action: release}]",
            EARLY, True, id="partner",
        ),
    ],
)  # fmt: skip
def test_banner_cancelled_when_the_marking_changes(
    text: str, snippet: str, as_of: datetime.date, is_cancelled: bool
) -> None:
    r = redact(parse(text), policy(snippet), as_of=as_of)
    banner_line = next(line for line in text.splitlines() if "TRIPOLI 000220" in line)
    lines = render_text(r).splitlines()
    assert (cancelled(banner_line) in lines) is is_cancelled
    assert (banner_line in lines) is not is_cancelled
    assert any(isinstance(s, Cancelled) for s in r.segments) is is_cancelled
    assert lines[0] == lines[-1] == r.marking.banner_form()


def test_no_banner_nothing_to_cancel() -> None:
    text = "SUBJECT: (U) HELLO\n\n1. (U) A paragraph.\n"
    r = redact(parse(text), policy(RELEASE_ALL), as_of=EARLY)
    assert r.original is None
    assert render_text(r) == "UNCLASSIFIED\nRELEASE IN FULL\n" + text + "UNCLASSIFIED\n"


def test_seed_cancelled_banner(seed_text: str) -> None:
    out = render_text(redact(parse(seed_text), policy(RELEASE_ALL), as_of=LATE))
    lines = out.splitlines()
    assert "[CANCELLED] C O N F I D E N T I A L DAMASCUS 000728" in lines
    assert lines[0] == lines[-1] == "UNCLASSIFIED"
    # Only the banner line changes: everything else is the input, byte for byte.
    assert out.replace("[CANCELLED] ", "", 1) == (
        "UNCLASSIFIED\nRELEASE IN FULL\n" + seed_text + "\nUNCLASSIFIED\n"
    )


def test_memo_banners_top_and_bottom_are_cancelled() -> None:
    text = "\nSECRET\n\nSUBJECT: (U) X\n\n1. (S) Hello.\n\nSECRET\n"
    r = redact(parse(text), policy(WITHHOLD_ALL), as_of=EARLY)
    lines = render_text(r).splitlines()
    assert lines == [
        "UNCLASSIFIED",
        "RELEASE IN PART B1",
        "",
        cancelled("SECRET"),
        "",
        "SUBJECT: (U) [WITHHELD B1]",
        "",
        "1. (S) [WITHHELD B1]",
        "",
        cancelled("SECRET"),
        "UNCLASSIFIED",
    ]


def test_cut_inside_a_cancelled_banner() -> None:
    snippet = RELEASE_ALL + "\nterms: [{id: t, words: [TRIPOLI], exemptions: [B6]}]"
    r = redact(parse(cable(BANNER, "02/26/2016", "¶1. (C) One.")), policy(snippet), as_of=LATE)
    (line,) = [s for s in r.segments if isinstance(s, Cancelled)]
    assert line.segments == (
        Kept("C O N F I D E N T I A L "),
        Cut(("B6",), ("t",)),
        Kept(" 000220"),
    )
    lines = render_text(r).splitlines()
    assert cancelled("C O N F I D E N T I A L [B6] 000220") in lines
    assert "FM AMEMBASSY [B6]" in lines  # the other TRIPOLI is cut as usual


def test_seed_foia_release(seed_text: str) -> None:
    """The seed under the FOIA policy before its DECL date: the full expected output."""
    pol = parse_policy((ROOT / "policies" / "foia-release.yaml").read_text(encoding="utf-8"))
    r: Redacted = redact(parse(seed_text), pol, as_of=EARLY)
    lines = render_text(r).splitlines()
    assert lines[:2] == ["UNCLASSIFIED", "RELEASE IN PART B1, 1.4(B), 1.4(D), B6"]
    assert lines[-3:] == ["¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D)]", "[B6]", "UNCLASSIFIED"]
    assert "SUBJECT: [WITHHELD B1, 1.4(B), 1.4(D)]" in lines
    assert "Classified By: Charge d'Affaires [B6] for reasons 1.4 b/d" in lines
    assert "¶1. (C) [WITHHELD B1, 1.4(B), 1.4(D)]" in lines
    assert cancelled("C O N F I D E N T I A L DAMASCUS 000728") in lines
    assert "E.O. 12958: DECL: 02/26/2016" in lines


# --- the case line and the amount withheld ------------------------------------------


@pytest.mark.parametrize(
    ("output", "line"),
    [
        pytest.param(
            "{case_number: F-2014-20439, document_number: C05739546, review_date: 2015-05-13}",
            "Case No. F-2014-20439  Doc No. C05739546  Date: 05/13/2015",
            id="all",
        ),
        pytest.param("{case_number: F-2014-20439}", "Case No. F-2014-20439", id="case"),
        pytest.param("{document_number: C05739546}", "Doc No. C05739546", id="document"),
        pytest.param("{review_date: 2015-05-13}", "Date: 05/13/2015", id="date"),
    ],
)
def test_case_line_follows_the_stamp(output: str, line: str) -> None:
    text = cable(BANNER, "02/26/2016", "¶1. (C) Secret.")
    plain = render(text, WITHHOLD_C)
    lines = render(text, WITHHOLD_C + f"output: {output}\n").splitlines(keepends=True)
    assert lines[2] == line + "\n"
    assert "".join(lines[:2] + lines[3:]) == plain  # one line added, nothing else


def test_case_line_keeps_crlf() -> None:
    text = cable(BANNER, "02/26/2016", "¶1. (C) Secret.").replace("\n", "\r\n")
    out = render(text, WITHHOLD_C + "output: {case_number: F-1}\n")
    assert out.startswith("UNCLASSIFIED\r\nRELEASE IN PART B1, 1.4(B), 1.4(D)\r\nCase No. F-1\r\n")


def test_withheld_lines_in_the_placeholder() -> None:
    text = cable(
        BANNER,
        "02/26/2016",
        "¶1. (U) Open.",
        "¶2. (C) " + "\n".join(["Seven."] * 7),
        "¶3. (C) One.",
    )
    out = render(text, WITHHOLD_C + "output: {disclose_withheld_lines: true, label_style: doj}\n")
    assert "¶2. (C) [WITHHELD (b)(1), 1.4(b), 1.4(d); 7 LINES]\n" in out
    assert "¶3. (C) [WITHHELD (b)(1), 1.4(b), 1.4(d); 1 LINE]\n" in out
    assert "SUBJECT: [WITHHELD (b)(1), 1.4(b), 1.4(d); 1 LINE]\n" in out
