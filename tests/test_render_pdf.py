"""PDF releases: typeset from the redacted segments, labelled, deterministic, self-verified."""

from __future__ import annotations

import codecs
import dataclasses
import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor import parse, redact, render_pdf
from redactor.errors import UsageError
from redactor.leakcheck import leak_probe
from redactor.model import Document
from redactor.policy import parse_policy
from redactor.redact import Cut, Kept, Redacted, Withheld
from redactor.render import _pdf_verify, pdf
from redactor.render._pdf_layout import body_lines, chunk_label
from redactor.render.pdf import VerificationError, draw, plan
from redactor.render.text import render_text
from tests.builders import RELEASE_ALL, cable, policy
from tests.leaks.support import (
    EARLY,
    FOIA,
    LATE,
    SEED,
    cut_terms_found,
    extract,
    leaked_runs,
    normalise,
    release,
    seed_text,
)

GOLDEN = Path(__file__).parent / "golden"
LABEL = re.compile(r"\[((?:WITHHELD |B\d)[^\]]*)\]")  # a label's brackets are its bar


def pdf_bytes(redacted: Redacted, tmp_path: Path, name: str = "out.pdf", **kw: str) -> bytes:
    dest = tmp_path / name
    render_pdf(redacted, dest, **kw)  # type: ignore[arg-type]
    return dest.read_bytes()


def with_segments(redacted: Redacted, *segments: object) -> Redacted:
    return dataclasses.replace(redacted, segments=tuple(segments))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def seed_early() -> tuple[str, Redacted]:
    return release(seed_text(), as_of=EARLY)


# --- the seed releases ------------------------------------------------------------------


@pytest.mark.parametrize("as_of", [EARLY, LATE], ids=["2010-01-01", "2026-11-28"])
def test_render_pdf_seed_extracts_released_text_and_labels(
    as_of: datetime.date, tmp_path: Path
) -> None:
    """pypdf finds the released lines and the labels, and no withheld run or cut term."""
    text, redacted = release(seed_text(), as_of=as_of)
    report = render_pdf(redacted, tmp_path / "seed.pdf")
    data = (tmp_path / "seed.pdf").read_bytes()
    assert report.pages == 1
    assert report.bytes == len(data)
    assert report.render_seconds > 0
    assert report.verify_seconds > 0
    extracted = normalise(extract(data))
    golden = (GOLDEN / f"06DAMASCUS728.foia-release.{as_of}.txt").read_text(encoding="utf-8")
    for line in golden.splitlines():
        # Every released line is there; labels print without their brackets.
        assert normalise(LABEL.sub(r"\1", line)) in extracted
    assert leaked_runs(text, redacted, extract(data), golden) == set()
    assert cut_terms_found(text, redacted, extract(data), golden) == []


def test_render_pdf_seed_early_withholds_the_paragraphs(seed_early: tuple[str, Redacted]) -> None:
    """As of 2010 the paragraphs are labels: Erkhov's name is nowhere in the PDF."""
    _, redacted = seed_early
    buffer = io.BytesIO()
    draw(plan(redacted), buffer)
    extracted = normalise(extract(buffer.getvalue()))
    assert "¶1. (c) withheld b1, 1.4(b), 1.4(d)" in extracted
    assert "erkhov" not in extracted
    assert "seche" not in extracted


def test_render_pdf_is_deterministic(seed_early: tuple[str, Redacted], tmp_path: Path) -> None:
    """reportlab's invariant mode and our fixed dates: equal inputs, equal bytes."""
    _, redacted = seed_early
    assert pdf_bytes(redacted, tmp_path, "a.pdf") == pdf_bytes(redacted, tmp_path, "b.pdf")


def test_render_pdf_metadata_is_allow_listed(
    seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    """Info holds Producer, a Title of reference id and decision, and the as-of dates."""
    _, redacted = seed_early
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(redacted, tmp_path)))
    assert dict(reader.metadata or {}) == {
        "/Producer": "redactor",
        "/Title": "06DAMASCUS728 RELEASE IN PART",
        "/CreationDate": "D:20100101000000+00'00'",
        "/ModDate": "D:20100101000000+00'00'",
    }


def test_render_pdf_title_without_reference_id_is_the_decision(
    seed_early: tuple[str, Redacted],
) -> None:
    _, redacted = seed_early
    bare = dataclasses.replace(redacted, reference_id=None, codes=())
    assert plan(bare).title == "RELEASE IN FULL"


@pytest.mark.parametrize(
    ("size", "box"),
    [("letter", [0, 0, 612, 792]), ("a4", [0, 0, 595.2756, 841.8898])],
    ids=["letter", "a4"],
)
def test_render_pdf_page_size(
    size: str, box: list[float], seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    _, redacted = seed_early
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(redacted, tmp_path, page_size=size)))
    assert [float(v) for v in reader.pages[0].mediabox] == pytest.approx(box, abs=1e-3)


def test_render_pdf_rejects_an_unknown_page_size(seed_early: tuple[str, Redacted]) -> None:
    with pytest.raises(UsageError, match="page size 'legal'"):
        plan(seed_early[1], page_size="legal")  # type: ignore[arg-type]


def test_render_pdf_long_release_has_numbered_pages_with_banners(
    seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    """Every page: banner top and bottom (by position), and Page N of M."""
    _, redacted = seed_early
    many = with_segments(redacted, Kept("\n".join(f"LINE {i}" for i in range(150)) + "\n"))
    data = pdf_bytes(many, tmp_path)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        seen: list[tuple[str, float]] = []

        def visit(text: str, cm: object, tm: list[float], *_: object) -> None:
            if text.strip():
                seen.append((text.strip(), tm[5]))  # noqa: B023 - consumed before the next page

        page.extract_text(visitor_text=visit)
        banners = sorted(y for t, y in seen if t == "UNCLASSIFIED")
        assert banners == [40, 752]
        assert ("Page %d of 3" % number) in [t for t, _ in seen]  # noqa: UP031
    assert "LINE 149" in extract(data)


# --- layout -----------------------------------------------------------------------------


def test_chunk_label_breaks_after_commas_and_cuts_what_cannot_break() -> None:
    assert chunk_label("B1, 1.4(B)", 20) == ["B1, 1.4(B)"]
    assert chunk_label("B1, 1.4(B), 1.4(D), B6", 12) == ["B1, 1.4(B),", "1.4(D), B6"]
    assert chunk_label("ABCDEFGHIJ, B6", 4) == ["ABCD", "EFGH", "IJ,", "B6"]
    assert chunk_label("AB, CDEFGHIJ", 4) == ["AB,", "CDEF", "GHIJ"]


def lines_of(redacted: Redacted, cols: int = 20) -> list[str]:
    charset = frozenset(range(32, 127)) | {0xB6, 0xFFFD, 0xE9}
    return [line.text for line in body_lines(redacted, cols=cols, charset=charset)]


def test_body_lines_wrap_at_words_and_keep_labels_whole(seed_early: tuple[str, Redacted]) -> None:
    _, redacted = seed_early
    doc = with_segments(
        redacted,
        Kept("  one two three four five six\tx\n"),
        Kept("averyveryverylongwordthatcannotfit\n"),
        Kept("name "),
        Cut(("B6",), ("t",)),
        Kept(" and"),
        Cut(("B6", "B7(C)"), ("t",)),
        Kept("\r\nend\rX"),
    )
    assert lines_of(doc) == [
        "  one two three four",
        "five six   x",  # the tab stop of the logical line, as the text release shows it
        "averyveryverylongwor",
        "dthatcannotfit",
        "name  B6  and",  # "name [B6] and": a bracket is a cell of the bar
        " B6, B7(C)",
        "end",
        "X",
    ]


def test_body_lines_withheld_unit_bar_runs_to_the_margin(seed_early: tuple[str, Redacted]) -> None:
    _, redacted = seed_early
    doc = with_segments(
        redacted,
        Withheld("¶12.   (S//NF)", ("B1", "1.4(A)", "1.4(B)", "1.4(C)", "1.4(D)"), "r"),
        Kept("\nx "),
        Withheld("", ("B1",), "r"),
        Kept("\n"),
    )
    lines = body_lines(doc, cols=30, charset=frozenset(range(32, 127)) | {0xB6})
    assert [line.text for line in lines] == [
        " ¶12. (S//NF) WITHHELD B1,",
        " 1.4(A), 1.4(B), 1.4(C),",
        " 1.4(D)",
        "x  WITHHELD B1",
    ]
    assert [line.full_bar for line in lines] == [True, True, True, False]


def test_body_lines_print_what_the_font_has(seed_early: tuple[str, Redacted]) -> None:
    """No-break space as space; control and missing characters as U+FFFD, never invisible."""
    _, redacted = seed_early
    doc = with_segments(redacted, Kept("caf\u00e9\u00a0\u4e00\u200b|\n"))
    assert lines_of(doc) == ["caf\u00e9 \ufffd\ufffd|"]
    assert body_lines(doc, cols=20, charset=frozenset(range(32, 127)))[0].text == "caf? ??|"


def test_render_pdf_accented_and_typographic_characters(
    seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    """The embedded font prints the pilcrow, accents and curly quotes."""
    _, redacted = seed_early
    doc = with_segments(redacted, Kept("¶3. Müller said “oui” — Ñandú’s café\n"))
    assert "¶3. Müller said “oui” — Ñandú’s café" in extract(pdf_bytes(doc, tmp_path))


def test_render_pdf_long_stamp_wraps_in_the_release_block(
    seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    _, redacted = seed_early
    codes = ("B1", "1.4(A)", "1.4(B)", "1.4(C)", "1.4(D)", "1.4(E)", "1.4(G)", "B5", "B6")
    codes += ("B7(A)", "B7(C)", "B7(D)", "B7(E)", "B7(F)")
    doc = dataclasses.replace(redacted, codes=codes)
    layout = plan(doc)
    stamps = [t.text for t in layout.pages[0].texts if t.y in (728, 716)]
    assert stamps[0].startswith("RELEASE IN PART B1")
    assert len(stamps) == 2
    assert "B7(F)" in extract(pdf_bytes(doc, tmp_path))


# --- self-verification ------------------------------------------------------------------


def test_render_pdf_failed_verification_leaves_nothing(
    seed_early: tuple[str, Redacted], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF that prints one string more than planned is refused; the directory stays empty."""
    _, redacted = seed_early
    original = pdf._text

    def tampered(texts: list[pdf.Text], encoders: dict[str, object]) -> str:
        # A run the plan does not hold, in characters the page's fonts already carry.
        extra = texts[0]._replace(y=400.0, text=texts[0].text[::-1])
        return original([*texts, extra], encoders)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "_text", tampered)
    with pytest.raises(VerificationError, match="page 1 does not print exactly"):
        render_pdf(redacted, tmp_path / "out.pdf")
    assert list(tmp_path.iterdir()) == []


def planned(redacted: Redacted) -> tuple[bytes, pdf.Plan, pdf.Fonts]:
    layout = plan(redacted)
    buffer = io.BytesIO()
    fonts = draw(layout, buffer)
    return buffer.getvalue(), layout, fonts


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (b"/PageMode /UseNone", b"/Outlines 1 0 R", "holds a /Outlines"),  # navigation
        (b"/Producer (redactor)", b"/Producer (redactor) /Author (x)", "allow-list"),
        (b"/Producer", b"/Producr", "Info dictionary is missing"),
        (b"/Type /Pages", b"/Type /Pagez", "page tree is missing"),
        (b"/Kids [ ", b"/Kids [ ] /Kidz [ ", "0 pages decoded"),
        (b"/Contents", b"/Kontents", "has no content stream"),
        (b" Tj ", b" 3 Tr Tj ", "operator Tr"),  # invisible text
        (b"1 0 0 1 72 ", b"2 0 0 1 72 ", "transforms text"),
        (b"f*\n", b"1 0 0 rg f*\n", "not black"),
        (b" Tj ", b" Tj \x01 ", "not PDF operations"),
        (b" Tj ", b" Tj 1 Tf ", "malformed operation"),
        (b" Tj ", b" Tj 1 Tj ", "not one string"),
        (b"+0 10 Tf", b"+7 10 Tf", "unknown font"),
        (b"/Length ", b"/Lengthy ", "without a length"),
    ],
    ids=[
        "outline", "info-key", "no-info", "no-pages", "page-count", "no-contents",
        "render-mode", "transform", "red-fill", "junk", "malformed", "tj-number", "font",
        "length",
    ],
)  # fmt: skip
def test_verify_refuses_a_tampered_file(
    old: bytes, new: bytes, message: str, seed_early: tuple[str, Redacted]
) -> None:
    data, layout, fonts = planned(seed_early[1])
    assert old in data
    with pytest.raises(VerificationError, match=message):
        _pdf_verify.verify(rexref(data.replace(old, new, 1)), layout, fonts)


def rexref(data: bytes) -> bytes:
    """``data`` with page stream lengths and the cross-reference table rebuilt, as a
    tampering writer would."""

    def length(match: re.Match[bytes]) -> bytes:
        start = match.end()
        return b"<<\n/Length %d\n>>\nstream\n" % (data.index(b"endstream", start) - start)

    data = re.sub(rb"<<\n/Length \d+\n>>\nstream\n", length, data)
    body = data[: data.rindex(b"\nxref\n") + 1]
    offsets = [m.start() for m in re.finditer(rb"(?<=\n)\d+ 0 obj\n", body)]
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    table += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = data[data.rindex(b"trailer") : data.rindex(b"startxref")]
    return body + table + trailer + b"startxref\n%d\n%%%%EOF\n" % len(body)


def test_verify_refuses_a_misplaced_object(seed_early: tuple[str, Redacted]) -> None:
    data, layout, fonts = planned(seed_early[1])
    with pytest.raises(VerificationError, match="not where the cross-reference"):
        _pdf_verify.verify(data.replace(b"\n2 0 obj\n", b"\n9 0 obj\n", 1), layout, fonts)
    with pytest.raises(VerificationError, match="more than one revision"):
        _pdf_verify.verify(data + b"startxref\n0\n%%EOF\n", layout, fonts)  # an update
    with pytest.raises(VerificationError, match="cross-reference table is unreadable"):
        _pdf_verify.verify(data.replace(b"xref\n0 ", b"xref\n1 "), layout, fonts)


def test_verify_refuses_missing_banner_bars_and_glyphs(seed_early: tuple[str, Redacted]) -> None:
    data, layout, fonts = planned(seed_early[1])
    page = layout.pages[0]
    no_bar = dataclasses.replace(page, bars=page.bars[1:])
    with pytest.raises(VerificationError, match="planned bars"):
        _pdf_verify.verify(data, dataclasses.replace(layout, pages=(no_bar,)), fonts)
    with pytest.raises(VerificationError, match="banner at top and bottom"):
        _pdf_verify.verify(data, dataclasses.replace(layout, banner="SECRET"), fonts)
    name, (face, subsets) = next(iter(fonts.items()))
    extra = {**fonts, name: (face, [[*subsets[0], 0x4E00], *subsets[1:]])}
    with pytest.raises(VerificationError, match="glyphs the pages do not print"):
        _pdf_verify.verify(data, layout, extra)
    short = {**fonts, name: (face, [subsets[0][:2], *subsets[1:]])}
    with pytest.raises(VerificationError, match="outside its font subset"):
        _pdf_verify.verify(data, layout, short)


def test_verify_refuses_white_text_off_a_bar_and_a_wrong_folio(
    seed_early: tuple[str, Redacted],
) -> None:
    _, redacted = seed_early
    data, layout, fonts = planned(redacted)
    page = layout.pages[0]
    moved = dataclasses.replace(page, bars=tuple((x + 300, y, w, h) for x, y, w, h in page.bars))
    with pytest.raises(VerificationError, match="planned bars"):
        _pdf_verify.verify(data, dataclasses.replace(layout, pages=(moved,)), fonts)
    assert not _pdf_verify._on(page.texts[0], (0, 0, 1, 1))
    two = dataclasses.replace(layout, pages=(page, page))
    with pytest.raises(VerificationError, match="1 pages decoded"):
        _pdf_verify.verify(data, two, fonts)


def test_verify_reads_compressed_page_streams(seed_early: tuple[str, Redacted]) -> None:
    """A page stream deflated by another writer still decodes; an unknown filter fails."""
    import zlib  # noqa: PLC0415

    data, layout, fonts = planned(seed_early[1])
    match = re.search(rb"<<\n/Length (\d+)\n>>\nstream\n", data)
    assert match is not None
    start, length = match.end(), int(match.group(1))
    packed = zlib.compress(data[start : start + length])
    head = b"<<\n/Filter [ /FlateDecode ] /Length %d\n>>\nstream\n" % len(packed)
    deflated = rexref(data[: match.start()] + head + packed + data[start + length :])
    _pdf_verify.verify(deflated, layout, fonts)
    odd = deflated.replace(b"/Filter [ /FlateDecode ] /Length", b"/Filter [ /LZWDecode ] /Length")
    odd = rexref(odd)
    with pytest.raises(VerificationError, match="unexpected filter"):
        _pdf_verify.verify(odd, layout, fonts)


def test_unescape_reads_pdf_string_escapes() -> None:
    assert (
        _pdf_verify._unescape(
            rb"(a\(b\)\\\n\101\7\
c)"
        )
        == b"a(b)\\\nA\x07c"
    )


# --- rasterised -------------------------------------------------------------------------


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert (magic, depth) == (b"P5", b"255")
    return int(width), int(height), pixels


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_render_pdf_page_one_rasterised_shows_bars_and_banners(
    seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    """At 72 dpi a point is a pixel: every planned bar is dark, the margins are light."""
    _, redacted = seed_early
    dest = tmp_path / "seed.pdf"
    render_pdf(redacted, dest)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "72", "-f", "1", "-l", "1", str(dest), str(tmp_path / "p")],
        check=True,
    )
    (image,) = tmp_path.glob("p*.pgm")
    width, height, pixels = read_pgm(image)
    page = plan(redacted).pages[0]

    def mean(x0: float, y0: float, x1: float, y1: float) -> float:
        rows = range(int(height - y1) + 1, int(height - y0) - 1)
        values = [pixels[r * width + c] for r in rows for c in range(int(x0) + 1, int(x1) - 1)]
        return sum(values) / len(values)

    assert len(page.bars) == 5
    for x, y, w, h in page.bars:
        assert mean(x, y, x + w, y + h) < 110  # black bar, white words on it
    assert mean(0, 300, 60, 500) > 250  # left margin: paper
    for y in (752, 40):  # the banner, top and bottom: ink in the middle of the line
        assert mean(width / 2 - 40, y, width / 2 + 40, y + 7) < 235
    words = pypdf.PdfReader(dest).pages[0].extract_text()
    assert words.startswith("UNCLASSIFIED")
    assert "UNCLASSIFIED\nPage 1 of 1" in words


# --- command line -----------------------------------------------------------------------


def cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner  # noqa: PLC0415

    from redactor.cli import main  # noqa: PLC0415

    result = CliRunner().invoke(main, ["apply", "-p", str(FOIA), *args, str(SEED)])
    return result.exit_code, result.output


def test_cli_apply_format_pdf_writes_a_verified_pdf(tmp_path: Path) -> None:
    out = tmp_path / "release.pdf"
    code, output = cli(
        "--as-of", "2010-01-01", "--format", "pdf", "--page-size", "a4", "-o", str(out)
    )
    assert (code, output) == (0, "")
    reader = pypdf.PdfReader(out)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.2756, abs=1e-3)
    assert [p.name for p in tmp_path.iterdir()] == ["release.pdf"]


def test_cli_apply_format_pdf_needs_an_output() -> None:
    code, output = cli("--as-of", "2010-01-01", "--format", "pdf")
    assert code == 2
    assert "give it with -o OUT.pdf" in output


def test_cli_apply_format_pdf_unwritable_destination_is_a_usage_error(tmp_path: Path) -> None:
    code, output = cli("--format", "pdf", "-o", str(tmp_path / "missing" / "out.pdf"))
    assert code == 2
    assert "cannot write" in output


def test_cli_apply_failed_verification_exits_3_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise VerificationError("PDF self-verification failed: forced; nothing was written")

    monkeypatch.setattr(_pdf_verify, "verify", refuse)
    code, output = cli("--as-of", "2010-01-01", "--format", "pdf", "-o", str(tmp_path / "o.pdf"))
    assert code == 3
    assert "self-verification failed" in output
    assert list(tmp_path.iterdir()) == []


# --- any release renders and verifies ---------------------------------------------------

_CHARS = st.sampled_from(
    [*"abcXYZ019 ()\\%/<>[]{}#.,;:'\"-\t\n\r", "¶", "é", "“", "”", "’", "\xa0", "\u4e00", "\x07"]
)
_KEPT = st.builds(Kept, st.text(_CHARS, min_size=1, max_size=200))
_CODES = st.lists(st.sampled_from(["B1", "1.4(B)", "1.4(D)", "B6", "B7(C)", "25X1"]), min_size=1)
_SEGMENT = st.one_of(
    _KEPT,
    st.builds(Cut, _CODES.map(tuple), st.just(("t",))),
    st.builds(
        Withheld,
        st.sampled_from(["", "¶1. (C)", "SUBJECT:", "12.  (S//NF)"]),
        _CODES.map(tuple),
        st.just("r"),
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(segments=st.lists(_SEGMENT, max_size=30), size=st.sampled_from(["letter", "a4"]))
def test_render_pdf_any_release_verifies(
    segments: list[object], size: str, seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    """Parentheses, backslashes, tabs, controls, long words: the verifier never refuses a
    faithful PDF (a false refusal would block releases), and the text extracts."""
    doc = with_segments(seed_early[1], *segments)
    report = render_pdf(doc, tmp_path / "any.pdf", page_size=size)  # type: ignore[arg-type]
    assert report.pages >= 1


# --- the release block's case line and the amount withheld ---------------------------


def test_render_pdf_case_line_under_the_stamp(
    seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    _, redacted = seed_early
    cased = dataclasses.replace(
        redacted,
        case_number="F-2014-20439",
        document_number="C05739546",
        review_date=datetime.date(2015, 5, 13),
    )
    layout = plan(cased)
    block = [t for t in layout.pages[0].texts if t.y in (728, 716)]
    assert [t.text for t in block] == [
        "RELEASE IN PART B1, 1.4(B), 1.4(D), B6",
        "Case No. F-2014-20439  Doc No. C05739546  Date: 05/13/2015",
    ]
    assert block[0].x + len(block[0].text) * 6.02 == pytest.approx(
        block[1].x + len(block[1].text) * 6.02, abs=0.02
    )  # both right-aligned
    # The body moves down one line on page 1; the Title stays id and decision.
    body = plan(redacted).pages[0].texts[2]
    assert next(t for t in layout.pages[0].texts if t.text == body.text).y == body.y - 12
    assert layout.title == "06DAMASCUS728 RELEASE IN PART"
    data = pdf_bytes(cased, tmp_path)  # self-verification passes with the new line
    assert "Case No. F-2014-20439  Doc No. C05739546  Date: 05/13/2015" in extract(data)
    assert dict(pypdf.PdfReader(io.BytesIO(data)).metadata or {})["/Title"] == (
        "06DAMASCUS728 RELEASE IN PART"
    )


def test_render_pdf_case_fields_wrap_and_print_what_the_font_has(
    seed_early: tuple[str, Redacted], tmp_path: Path
) -> None:
    _, redacted = seed_early
    long = dataclasses.replace(
        redacted, case_number="F" * 39 + "\u0378", document_number="D" * 40
    )  # U+0378 is unassigned: no font has it
    block = [t.text for t in plan(long).pages[0].texts if t.y in (728, 716, 704)]
    assert block[1:] == ["Case No. " + "F" * 39 + "\ufffd", "Doc No. " + "D" * 40]
    assert "Doc No. " + "D" * 40 in extract(pdf_bytes(long, tmp_path))


def _with_paragraph(lines: int) -> str:
    """The seed with ¶2 (withheld under foia-release as of 2010) made ``lines`` lines long."""
    text = seed_text()
    start = text.index("¶2. (C) ") + len("¶2. (C) ")
    end = text.index("\nSECHE")
    body = "\n".join(f"Line {n} of what the Russians told the embassy." for n in range(lines))
    return text[:start] + body + text[end:]


DISCLOSE = "output:\n  disclose_withheld_lines: true\n"


@pytest.mark.parametrize("disclose", [False, True], ids=["off", "on"])
def test_amount_withheld_shows_only_when_the_policy_discloses_it(
    disclose: bool, tmp_path: Path
) -> None:
    """Off (the default): a 1-line and a 30-line withheld paragraph give identical bytes.
    On: the releases differ in the count of lines only."""
    policy = parse_policy(FOIA.read_text(encoding="utf-8") + (DISCLOSE if disclose else ""))
    outputs = []
    for lines in (1, 30):
        redacted = redact(parse(_with_paragraph(lines), source="seed.txt"), policy, as_of=EARLY)
        pdf = pdf_bytes(redacted, tmp_path, f"{lines}.pdf")
        outputs.append((render_text(redacted), pdf, plan(redacted)))
    (text1, pdf1, plan1), (text30, pdf30, plan30) = outputs
    if not disclose:
        assert text1 == text30
        assert pdf1 == pdf30
        assert "LINE" not in text1
        return
    assert "¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D); 1 LINE]" in text1
    assert text30 == text1.replace(
        "¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D); 1 LINE]",
        "¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D); 30 LINES]",
    )
    # The same bars in the same places; the label's words differ by the count alone.
    assert [p.bars for p in plan1.pages] == [p.bars for p in plan30.pages]
    labels1 = [t.text for t in plan1.pages[0].texts if t.white]
    labels30 = [t.text for t in plan30.pages[0].texts if t.white]
    assert labels30 == [
        label.replace("; 1 LINE", "; 30 LINES") if label.startswith("¶2.") else label
        for label in labels1
    ]
    assert "¶2. (C) WITHHELD B1, 1.4(B), 1.4(D); 30 LINES" in extract(pdf30)


# --- the fast page reader and the operator reader agree ---------------------------------

MANY = "".join(
    chr(c) for c in [*range(0x100, 0x17F), *range(0x391, 0x3A2), *range(0x410, 0x44F)]
)  # Latin Extended-A, Greek and Cyrillic capitals and Cyrillic lower case: 270 letters


def many_glyphs() -> tuple[Document, Redacted]:
    text = cable(None, None, f"1. (U) Names: {MANY[:125]}", f"2. (U) More: {MANY[125:]}")
    document = parse(text)
    return document, redact(document, policy(RELEASE_ALL), as_of=LATE)


def test_more_glyphs_than_a_subset_holds(tmp_path: Path) -> None:
    """Over 255 characters in one face: reportlab's second subset, switched inside a run."""
    document, redacted = many_glyphs()
    _, _, fonts = planned(redacted)
    assert max(len(subsets) for _, subsets in fonts.values()) >= 2
    render_pdf(redacted, tmp_path / "many.pdf", probe=leak_probe(document, redacted))
    extracted = "".join(extract((tmp_path / "many.pdf").read_bytes()).split())
    assert MANY[:125] in extracted  # every letter, in order (lines wrap: spaces aside)
    assert MANY[125:] in extracted


@pytest.mark.parametrize("case", ["early", "late", "a4", "many"])
def test_fast_reader_matches_the_operator_reader(case: str) -> None:
    """Every page the fast reader accepts reads the same with the general operator reader."""
    if case == "many":
        redacted = many_glyphs()[1]
    else:
        redacted = release(seed_text(), as_of=EARLY if case == "early" else LATE)[1]
    layout = plan(redacted, page_size="a4" if case == "a4" else "letter")
    buffer = io.BytesIO()
    fonts = draw(layout, buffer)
    objects = _pdf_verify._objects(buffer.getvalue())
    names = {resource: face for resource, (face, _) in fonts.items()}
    faces = {
        r: [_pdf_verify._table(tuple(s)) for s in subsets] for r, (_, subsets) in fonts.items()
    }
    for stream in _pdf_verify._page_streams(objects):
        fast = _pdf_verify._Statements(faces, names).read(stream)
        slow = _pdf_verify._operations(stream, faces, names)
        if case == "many":
            assert fast is None  # a run that switches subsets is the operator reader's
            continue
        assert fast is not None
        assert [tuple(t) for t in fast[0]] == [tuple(t) for t in slow[0]]
        assert sorted(fast[1]) == sorted(slow[1])


@pytest.mark.parametrize(
    ("subset", "code", "char"),
    [
        pytest.param((0, 32, 65), 2, "A", id="a-code-reads-its-character"),
        pytest.param((0, 32, 65), 0, _pdf_verify._OUTSIDE, id="notdef-is-outside"),
        pytest.param((0, 32, 65), 3, _pdf_verify._OUTSIDE, id="past-the-subset-is-outside"),
        pytest.param((0, 0xFFFE), 1, _pdf_verify._OUTSIDE, id="undefined-marker-is-outside"),
        pytest.param((0, 0x1F600), 1, "\U0001f600", id="astral-character"),
    ],
)
def test_decoding_table(subset: tuple[int, ...], code: int, char: str) -> None:
    """Every byte decodes to one character: a code the subset does not define fails the
    page (``_OUTSIDE``) rather than raising outside the error tree."""
    table = _pdf_verify._table(subset)
    assert len(table) == 256
    assert codecs.charmap_decode(bytes([code]), "strict", table)[0] == char
