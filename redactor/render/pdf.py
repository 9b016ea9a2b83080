"""Releasable PDF: typeset fresh from the redacted segments, verified before it is kept.

Every PDF redactor that edits an existing PDF leaks something: text under boxes, orphan
content streams, metadata, box widths (REDACTION.md §0 and §B). This renderer never
receives withheld text: it typesets a :class:`~redactor.redact.Redacted`, which holds
none, with reportlab's canvas text objects (the fastest reportlab path, PERFORMANCE.md §4).

The page (``docs/output.md``):

* the release's marking, centred at the top and the bottom of every page, and
  ``Page N of M`` under the bottom one;
* on page 1 a release block: the stamp line (``RELEASE IN PART B1, 1.4(B), 1.4(D), B6``)
  and, when given, the case line under it (``Case No. F-2014-20439  Date: 05/13/2015``);
* the body in DejaVu Sans Mono on the cell grid of :mod:`redactor.render._pdf_layout`:
  the text release line for line, wrapped at word boundaries to the page width;
* a withheld unit as one black bar carrying its lead and codes in white, a cut term as a
  black label carrying its codes in white: sizes depend on the lead and the codes only.

The file holds what it shows and nothing else: subset TrueType fonts with only the glyphs
printed, an allow-listed Info dictionary (Producer, a Title made of the reference id and
the release decision, CreationDate = ModDate = the as-of date), no outline, annotation,
form, script or attachment, one revision, and reportlab's invariant mode, so equal inputs
give equal bytes.

Before the file reaches ``dest`` the bytes written are decoded (their content streams) by
:mod:`redactor.render._pdf_verify`: the text on every page must be exactly the text that
was planned, each page must carry the banner, each label its bar. Otherwise
:class:`VerificationError` is raised and nothing is left at ``dest`` (fail closed).
"""

from __future__ import annotations

import datetime
import functools
import io
import os
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from redactor._atomic import replacing
from redactor.errors import RedactorError, UsageError
from redactor.leads import printed_banner
from redactor.redact import Redacted
from redactor.render._pdf_layout import (
    Line,
    body_lines,
    chunk_label,
    pack_fields,
    paginate,
    printable,
)
from redactor.render.text import case_fields, stamp

if TYPE_CHECKING:
    from redactor.leakcheck import LeakProbe

__all__ = ["PageSize", "PdfReport", "VerificationError", "render_pdf"]

PageSize = Literal["letter", "a4"]
_PAGE_SIZES: Final[dict[str, tuple[float, float]]] = {"letter": LETTER, "a4": A4}

PRODUCER: Final = "redactor"
REGULAR: Final = "RedactorMono"
BOLD: Final = "RedactorMono-Bold"

# Geometry, in points. 10 pt DejaVu Sans Mono advances 6.02 pt a character: 77 cells
# across a Letter page inside one-inch margins, 74 on A4 (cables are 69 columns wide).
SIZE: Final = 10.0
LEADING: Final = 12.0
MARGIN: Final = 72.0
HEADER: Final = 40.0  # baseline of the top banner, from the top edge
FOOTER: Final = 40.0  # baseline of the bottom banner, from the bottom edge
FOLIO: Final = 26.0  # baseline of "Page N of M"
FOLIO_SIZE: Final = 8.0
STAMP: Final = 64.0  # baseline of the first stamp line, from the top edge
BODY_TOP: Final = 92.0  # baseline of the first body line on page 1, from the top edge
BODY_TOP_REST: Final = 72.0  # and on the pages after it, which have no release block
BODY_BOTTOM: Final = 60.0  # lowest body baseline, from the bottom edge
BAR_BELOW: Final = 2.8  # a bar runs from 2.8 pt under the baseline to 8.6 pt above it:
BAR_HEIGHT: Final = 11.4  # it covers the cell and leaves a hairline to the next line


class VerificationError(RedactorError):
    """A rendered PDF did not decode to what was planned: it was not written (exit code 3)."""


@dataclass(frozen=True, slots=True)
class PdfReport:
    """What :func:`render_pdf` wrote and how long it took."""

    path: Path
    pages: int
    bytes: int
    render_seconds: float
    verify_seconds: float


class Text(NamedTuple):
    """A run of characters drawn from ``(x, y)``: what the verifier expects to decode.

    A named tuple rather than a frozen dataclass: the verifier compares a page's decoded
    runs with the planned ones as two lists, one comparison in C per page.
    """

    x: float
    y: float
    font: str
    size: float
    white: bool
    text: str


Box = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True, slots=True)
class Page:
    """Everything drawn on a page, planned before reportlab is called."""

    texts: tuple[Text, ...]
    bars: tuple[Box, ...]  # filled black
    frames: tuple[Box, ...]  # stroked: the stamp's frame
    rules: tuple[tuple[float, float, float], ...]  # x0, x1, y: a cancelled banner's line-through
    body: tuple[int, int] = (0, 0)  # texts[body[0]:body[1]] are the body's (labels included)


@dataclass(frozen=True, slots=True)
class Plan:
    """The whole document: pages and the values of its Info dictionary."""

    pages: tuple[Page, ...]
    width: float
    height: float
    banner: str
    title: str
    date: datetime.date


# ---------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------


@functools.cache
def _fonts() -> tuple[TTFont, TTFont]:
    """The two faces, read once from the package (never from an absolute path).

    ``asciiReadable=False``: reportlab would otherwise put all of ASCII into the first
    subset, so the embedded font would carry glyphs the page never prints (REDACTION.md §B
    channel 9). Without it, a subset holds the glyphs used, in order of first use.
    """
    fonts = resources.files("redactor.fonts")
    faces = []
    for name, file in ((REGULAR, "DejaVuSansMono.ttf"), (BOLD, "DejaVuSansMono-Bold.ttf")):
        data = fonts.joinpath(file).read_bytes()
        font = _Font(name, io.BytesIO(data), asciiReadable=False, shapable=False)
        font.face.__class__ = _Face  # reportlab has no hook for the face's class
        pdfmetrics.registerFont(font)
        faces.append(font)
    return faces[0], faces[1]


class _Font(TTFont):  # type: ignore[misc]  # reportlab ships no type hints
    """reportlab's TrueType font, with two of its objects written more cheaply.

    reportlab formats a width array number by number, through its generic object
    formatter: a fifth of the time it takes to write a one-page release. Here the array is
    formatted once, as a string. And each subset's character map (ToUnicode) is deflated
    once per process rather than once per file, like the font program (:class:`_Face`).
    The objects and their values are the same.
    """

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        name = self.state[doc].internalName
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for resource, font in fonts.items():
            if resource.partition("+")[0] == name:
                widths = " ".join(map(fp_str, font.Widths.sequence))
                font.Widths = pdfdoc.PDFArray([widths.encode("ascii")])
                cmap = doc.idToObject[f"toUnicodeCMap:{font.BaseFont}"]
                cmap.content = _deflated(cmap.content)
                cmap.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])


@functools.lru_cache(maxsize=512)
def _deflated(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"))


class _Face(TTFontFace):  # type: ignore[misc]  # reportlab ships no type hints
    """A face that builds each subset's font program once per process, compressed.

    A batch prints the same few character sets again and again (the code-point order of
    :class:`_Encoder` makes equal sets equal subsets), and building and deflating the
    program is the largest cost of a small PDF. What is cached is a function of the
    printed characters only.
    """

    def makeSubset(self, subset: Sequence[int]) -> bytes:  # noqa: N802 - reportlab's name
        return _program(self, tuple(subset))[0]

    def addSubsetObjects(self, doc: Any, fontname: str, subset: Sequence[int]) -> Any:  # noqa: N802
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        # The stream reportlab just registered: give it the deflated program, so that it
        # is not deflated again (a stream whose dictionary names a filter is left as is).
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        stream.content = _program(self, tuple(subset))[1]
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        return descriptor


@functools.lru_cache(maxsize=512)
def _program(face: _Face, subset: tuple[int, ...]) -> tuple[bytes, bytes]:
    """The font program of ``subset``, plain and deflated (a few KB each)."""
    program: bytes = TTFontFace.makeSubset(face, list(subset))
    return program, zlib.compress(program)


def _advance(size: float) -> float:
    """The advance of one character: every glyph of DejaVu Sans Mono has the same."""
    return float(_fonts()[0].face.getCharWidth(ord("M"))) * size / 1000


@functools.cache
def _charset() -> frozenset[int]:
    regular, bold = _fonts()
    return frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


# ---------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------


def plan(redacted: Redacted, *, page_size: PageSize = "letter") -> Plan:
    """Lay out ``redacted`` on pages: every string and box the PDF will hold."""
    try:
        width, height = _PAGE_SIZES[page_size]
    except KeyError:
        raise UsageError(f"page size {page_size!r}: use letter or a4") from None
    cell = _advance(SIZE)
    cols = int((width - 2 * MARGIN) / cell)
    charset = _charset()
    lines = body_lines(redacted, cols=cols, charset=charset)
    # The release block: the stamp in bold, then the case line in the body face.
    block = [(BOLD, words) for words in chunk_label(stamp(redacted), cols)]
    fields = [printable(field, charset) for field in case_fields(redacted)]
    block += [(REGULAR, words) for words in pack_fields(fields, cols)]
    # Page 1 gives up one body line for each release block line after the first.
    first = int((height - BODY_TOP - BODY_BOTTOM) / LEADING) + 1 - (len(block) - 1)
    rest = int((height - BODY_TOP_REST - BODY_BOTTOM) / LEADING) + 1
    chunks = list(paginate(lines, first, rest))
    banner = printed_banner(redacted.marking)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        if number == 1:
            top = height - BODY_TOP - LEADING * (len(block) - 1)
        else:
            top = height - BODY_TOP_REST
        pages.append(
            _page(
                chunk,
                banner=banner,
                folio=f"Page {number} of {len(chunks)}",
                block=block if number == 1 else [],
                width=width,
                height=height,
                top=top,
                cols=cols,
            )
        )
    decision = "RELEASE IN FULL" if not redacted.codes else "RELEASE IN PART"
    # The Title holds the reference id and the decision only: a cable's subject line and
    # its drafter's name are the natural titles, and the classic metadata leak (§B ch. 4).
    title = f"{redacted.reference_id} {decision}" if redacted.reference_id else decision
    return Plan(tuple(pages), width, height, banner, title, redacted.as_of)


@functools.lru_cache(maxsize=512)
def _column(col: int) -> float:
    """The x of a body cell, rounded as the file writes it (computed once per cell)."""
    return round(MARGIN + col * _advance(SIZE), 2)


def _centred(text: str, y: float, width: float, font: str, size: float) -> Text:
    x = (width - pdfmetrics.stringWidth(text, font, size)) / 2
    return Text(round(x, 2), y, font, size, False, text)


def _page(
    lines: Sequence[Line],
    *,
    banner: str,
    folio: str,
    block: Sequence[tuple[str, str]],
    width: float,
    height: float,
    top: float,
    cols: int,
) -> Page:
    cell = _advance(SIZE)
    # Runs in reading order (top banner, stamp, body, bottom banner, folio), so that
    # copying or reading the page aloud follows the text release line for line.
    texts = [_centred(banner, round(height - HEADER, 2), width, BOLD, SIZE)]
    frames: list[Box] = []
    right = MARGIN + cols * cell
    if block:
        # The release block (stamp, case line): right-aligned in a frame, as State stamps it.
        longest = max(len(words) for _, words in block) * cell
        for i, (font, words) in enumerate(block):
            y = round(height - STAMP - i * LEADING, 2)
            texts.append(Text(round(right - len(words) * cell, 2), y, font, SIZE, False, words))
        low = height - STAMP - (len(block) - 1) * LEADING - 4.5
        frames.append(_box(right - longest - 4, low, longest + 8, height - STAMP + 11.5 - low))
    bars: list[Box] = []
    rules: list[tuple[float, float, float]] = []
    first = len(texts)
    new = tuple.__new__  # Text(...) without the named tuple's Python-level constructor
    for i, line in enumerate(lines):
        y = round(top - i * LEADING, 2)
        for piece in line.pieces:
            x = _column(piece.col)
            if piece.label:
                texts.append(new(Text, (x, y, BOLD, SIZE, True, piece.text)))
                end = cols if line.full_bar else piece.col + len(piece.text) + 1
                start = MARGIN + (piece.col - 1) * cell
                bars.append(_box(start, y - BAR_BELOW, (end - piece.col + 1) * cell, BAR_HEIGHT))
            else:
                texts.append(new(Text, (x, y, REGULAR, SIZE, False, piece.text)))
        rules.extend(
            (round(MARGIN + a * cell, 2), round(MARGIN + b * cell, 2), round(y + 3.2, 2))
            for a, b in line.struck
        )
    body = (first, len(texts))
    texts.append(_centred(banner, FOOTER, width, BOLD, SIZE))
    texts.append(_centred(folio, FOLIO, width, REGULAR, FOLIO_SIZE))
    return Page(tuple(texts), tuple(bars), tuple(frames), tuple(rules), body)


def _box(x: float, y: float, w: float, h: float) -> Box:
    return (round(x, 2), round(y, 2), round(w, 2), round(h, 2))


# ---------------------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------------------


class _Info(pdfdoc.PDFInfo):  # type: ignore[misc]  # reportlab ships no type hints
    """The allow-listed Info dictionary: reportlab's own always adds Author, Subject,
    Keywords and Creator (``anonymous``, ``unspecified``), and a clock time."""

    def __init__(self, title: str, date: datetime.date):
        super().__init__()
        self.title = title
        self.author = self.subject = self.keywords = ""  # enter the /ID digest as empty
        self.stamp = f"D:{date:%Y%m%d}000000+00'00'"

    def format(self, document: Any) -> bytes:
        info = pdfdoc.PDFDictionary(
            {
                "Producer": pdfdoc.PDFString(PRODUCER),
                "Title": pdfdoc.PDFString(self.title),
                "CreationDate": pdfdoc.PDFString(self.stamp),
                "ModDate": pdfdoc.PDFString(self.stamp),
            }
        )
        data: bytes = info.format(document)
        return data


Fonts = dict[str, tuple[str, list[list[int]]]]


def draw(layout: Plan, out: io.BytesIO) -> Fonts:
    """Draw ``layout`` into ``out``; returns each font resource's code-to-character map.

    The map (``"F1"`` → our face name and, per subset, the code points by glyph code) is
    how the verifier reads glyph codes back.
    """
    regular, bold = _fonts()
    canvas = Canvas(
        out,
        pagesize=(layout.width, layout.height),
        invariant=1,
        pageCompression=0,
        # reportlab opens each page with a font selection: ours, not Helvetica, so the
        # file references no font it does not print with.
        initialFontName=REGULAR,
        initialFontSize=SIZE,
        initialLeading=LEADING,
    )
    # Page streams stay uncompressed (the verifier reads them without inflating, and
    # reportlab would otherwise also wrap them in ASCII85), the fonts are compressed.
    # ``_doc`` is the only handle reportlab gives on the document object.
    doc = canvas._doc
    doc.setCompression(1)
    doc.info = _Info(layout.title, layout.date)
    used: dict[str, set[str]] = {REGULAR: set(), BOLD: set()}
    for page in layout.pages:
        for text in page.texts:
            used[text.font].update(text.text)
    encoders = {
        face.fontName: _Encoder(face, doc, used[face.fontName])
        for face in (regular, bold)
        if used[face.fontName]
    }
    for page in layout.pages:
        code = []
        if page.bars:
            code.append(" ".join(f"{fp_str(*bar)} re" for bar in page.bars) + " f*")
        code.append(_text(page.texts, encoders))
        if page.frames or page.rules:
            code.append("0.75 w")
            code.extend(f"{fp_str(*frame)} re S" for frame in page.frames)
            code.extend(f"{fp_str(x0, y)} m {fp_str(x1, y)} l S" for x0, x1, y in page.rules)
        # The canvas's own drawing calls would re-encode every run character by character
        # (reportlab's TrueType path); the operators here are the ones they would write.
        canvas._code.append("\n".join(code))
        canvas.showPage()
    # Every glyph is assigned by now; reportlab forgets the assignments on save.
    maps: Fonts = {}
    for font in (regular, bold):
        state = font.state.get(doc)
        if state is not None and state.internalName is not None:
            maps[state.internalName] = (font.fontName, [list(s) for s in state.subsets])
    canvas.save()
    return maps


_FIRST_FREE: Final = 127  # codes 33 to 126 are the printable ASCII characters themselves


class _Encoder:
    """One face's glyph codes in one document, and the text operators that print with it.

    reportlab's TrueType fonts assign a code to each character in order of first use,
    256 to a subset, as text is drawn. Here every character of the document is handed to
    reportlab at once, so the assignment is made once and a run is then encoded by one
    :meth:`str.translate` rather than a Python step per character.

    Printable ASCII characters get their own code (``A`` is written ``A``): a search of
    the file's bytes for a name then finds it exactly where it is printed, and nowhere by
    coincidence of codes (a reviewer's ``grep`` is a leak test too). The codes of ASCII
    characters the document does not print point at the space glyph, which is printed
    anyway, so the subset still holds only glyphs of the output (REDACTION.md §B channel
    9). Other characters get codes from 127 on, in code-point order. The assignment is a
    function of the set of characters alone: equal sets give equal subsets, which
    :class:`_Face` builds once.
    """

    def __init__(self, face: TTFont, doc: Any, chars: set[str]):
        self.face = face
        self.doc = doc
        # reportlab's hook "for those wishing to roll their own state". The document is
        # new (draw makes one per release), so is the state: its first subset holds code 0
        # (.notdef) and codes 1 to 32 pointing at the space.
        state = face._assignState(doc)
        subset = state.subsets[0]
        subset.extend([32] * (_FIRST_FREE - len(subset)))
        for code in sorted(ord(char) for char in chars if 32 < ord(char) < _FIRST_FREE):
            subset[code] = state.assignments[code] = code
        state.nextCode = _FIRST_FREE
        face.splitString("".join(sorted(chars)), doc)
        codes = face.state[doc].assignments
        self.single = max(codes.values()) < 256  # one subset: the usual case by far
        self.table = {char: chr(code) for char, code in codes.items()}
        self.resource = face.getSubsetInternalName(0, doc)

    def show(self, text: str, size: str, *, selected: bool) -> str:
        """Operators printing ``text``; ``selected``: the face and size are already set."""
        if self.single:
            shown = f"({escapePDF(text.translate(self.table))}) Tj"
            return shown if selected else f"{self.resource} {size} Tf {shown}"
        out = []
        for subset, chunk in self.face.splitString(text, self.doc):
            out.append(f"{self.face.getSubsetInternalName(subset, self.doc)} {size} Tf")
            out.append(f"({escapePDF(chunk)}) Tj")
        return " ".join(out)


def _text(texts: Sequence[Text], encoders: Mapping[str, _Encoder]) -> str:
    """One text object per page; the fill turns white for a label and back to black."""
    code = ["BT"]
    selected: tuple[str, float] | None = None
    white = False
    for x, y, font, size, light, text in texts:
        if light != white:
            white = light
            code.append("1 g" if white else "0 g")
        encoder = encoders[font]
        shown = encoder.show(text, fp_str(size), selected=(font, size) == selected)
        # After a run that switched subsets the face is unknown: select it again.
        selected = (font, size) if encoder.single else None
        code.append(f"1 0 0 1 {fp_str(x, y)} Tm {shown}")
    # The fill needs no reset: a page ends with its folio, printed in black.
    code.append("ET")
    return " ".join(code)


# ---------------------------------------------------------------------------------------
# The public call
# ---------------------------------------------------------------------------------------


def render_pdf(
    redacted: Redacted,
    dest: str | os.PathLike[str],
    *,
    page_size: PageSize = "letter",
    probe: LeakProbe | None = None,
) -> PdfReport:
    """Write the release as a PDF at ``dest``, verified first.

    The PDF is written to a temporary file beside ``dest``, its bytes decoded
    (:func:`redactor.render._pdf_verify.verify`), and renamed onto ``dest`` only if it holds
    exactly the planned text, the banner on every page and a bar under every label.

    Args:
        redacted: The release, from :func:`redactor.redact`.
        dest: Where to write the PDF; its directory must exist.
        page_size: ``"letter"`` (the default) or ``"a4"``.
        probe: What was withheld, from :func:`redactor.leakcheck.leak_probe`: the
            decoded body text must hold none of it. The command line always gives one;
            without it the check of withheld text is skipped (the renderer never sees
            withheld text, but the probe is what proves it).

    Returns:
        The pages and bytes written and the render and verification times.

    Raises:
        VerificationError: The PDF did not decode to the plan; ``dest`` is untouched.
        UsageError: ``page_size`` is not ``letter`` or ``a4``.
        OSError: ``dest`` cannot be written; ``dest`` is untouched.
    """
    from redactor.render._pdf_verify import verify  # noqa: PLC0415 - verify imports this module

    target = Path(dest)
    started = time.perf_counter()
    layout = plan(redacted, page_size=page_size)
    buffer = io.BytesIO()
    maps = draw(layout, buffer)
    data = buffer.getvalue()
    with replacing(target, suffix=".pdf.tmp") as handle:
        handle.write(data)
        rendered = time.perf_counter()
        # The very bytes just written are decoded (reading them back from the page cache
        # would return the same bytes and cost a round trip per file); a failure removes
        # the temporary file and leaves ``dest`` untouched.
        verify(data, layout, maps, probe)
        verified = time.perf_counter()
    return PdfReport(
        path=target,
        pages=len(layout.pages),
        bytes=len(data),
        render_seconds=rendered - started,
        verify_seconds=verified - rendered,
    )
