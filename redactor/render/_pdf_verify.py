"""Self-verification of a PDF release: decode what was written, compare it with the plan.

An independent extractor (pypdf) costs 4.7× the render time (PERFORMANCE.md §5); this
reader costs a fraction, because it reads only what :mod:`redactor.render.pdf` writes:
uncompressed page streams made of a dozen operators, and glyph codes it maps back through
the very subset tables reportlab assigned. Anything else in a page stream (an operator we
never emit, a text render mode, a positioning array, an image) fails verification: the
reader is strict by design, so a surprise in the output cannot pass unread.

Checks, each a reason to refuse the file (:class:`~redactor.render.pdf.VerificationError`):

* structure: one ``%%EOF``, one ``startxref``, no ``/Prev`` (one revision); no outline,
  annotation, form, script, action, attachment, XMP or image; the Info dictionary holds
  exactly Producer, Title, CreationDate and ModDate;
* text: every page decodes to exactly the planned runs (position, face, size, colour and
  characters), so nothing is printed that the redacted segments did not produce;
* the banner at the top and bottom of every page and its ``Page N of M``;
* every planned bar is filled black, and white text lies on a bar;
* the embedded glyph inventory is a subset of the characters printed.
"""

from __future__ import annotations

import codecs
import functools
import re
import zlib
from codecs import charmap_decode, escape_decode
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING

from redactor.render.pdf import (
    FOOTER,
    HEADER,
    Box,
    Fonts,
    Page,
    Plan,
    Text,
    VerificationError,
    _charset,
)

if TYPE_CHECKING:
    from redactor.leakcheck import LeakProbe

__all__ = ["verify"]

_OBJECT = re.compile(rb"(\d+) 0 obj\n")
_XREF = re.compile(rb"startxref\s+(\d+)")
_TABLE = re.compile(rb"xref\n0 (\d+)\n")
_STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n", re.S)
_LENGTH = re.compile(rb"/Length (\d+)")
_REF = re.compile(rb"/%s (\d+) 0 R")
# One operation of a page stream: its operands (literal strings, names, numbers) and its
# operator. Arrays, dictionaries and hex strings are not operands we write: they do not match.
_OPERATION = re.compile(
    rb"((?:\((?:[^\\()]|\\.)*\)|/[^\s/\[\]()<>]+|[\d\s.+-])*)([A-Za-z*'\"]+)", re.S
)
# Names that must not occur in any object: navigation, interaction, scripts, attachments,
# metadata streams and images, none of which a release needs (REDACTION.md §B ch. 11-14).
_FORBIDDEN = (
    b"/Outlines",
    b"/Annots",
    b"/AcroForm",
    b"/JavaScript",
    b"/JS",
    b"/OpenAction",
    b"/AA",
    b"/EmbeddedFiles",
    b"/Names",
    b"/Metadata",
    b"/XObject",
    b"/Prev",
    b"/URI",
    b"/Launch",
    b"/ActualText",
)
_INFO_KEYS = {b"/CreationDate", b"/ModDate", b"/Producer", b"/Title"}
# Operators a page stream may hold, beyond the text operators handled one by one.
_GRAPHICS = {b"cm", b"n", b"w", b"m", b"l", b"S", b"q", b"Q", b"TL", b"BT", b"ET"}
_TOL = 0.011  # positions are written with two decimals


def _fail(message: str) -> VerificationError:
    return VerificationError(f"PDF self-verification failed: {message}; nothing was written")


def verify(data: bytes, plan: Plan, fonts: Fonts, probe: LeakProbe | None = None) -> None:
    """Raise :class:`VerificationError` unless ``data`` is exactly the PDF ``plan`` describes.

    Args:
        data: The file as written.
        plan: What was meant to be drawn.
        fonts: Each font resource's face name and subsets (code points by glyph code).
        probe: What was withheld: the body text decoded from the pages must hold none of
            it (the furniture, banner, stamp, labels and folio, is the renderer's own).
    """
    if data.count(b"%%EOF") != 1 or data.count(b"startxref") != 1:
        raise _fail("the file has more than one revision")
    objects = _objects(data)
    skeleton = b"".join(body for body, _ in objects.values()) + data[data.rfind(b"trailer") :]
    _structure(skeleton)
    _info(objects)
    pages = _page_streams(objects)
    if len(pages) != len(plan.pages):
        raise _fail(f"{len(pages)} pages decoded, {len(plan.pages)} planned")
    names = {resource: face for resource, (face, _) in fonts.items()}
    faces = {
        resource: [_table(tuple(s)) for s in subsets] for resource, (_, subsets) in fonts.items()
    }
    runs: list[str] = []
    body: list[str] = []
    for number, (stream, expected) in enumerate(zip(pages, plan.pages, strict=True), start=1):
        decoded, bars = _decode(stream, faces, names)
        texts = _compare(number, decoded, bars, expected)
        _banners(number, texts, plan)
        runs.extend(text.text for text in texts)
        start, end = expected.body
        body.extend(text.text for text in texts[start:end] if not text.white)
    if probe is not None:
        # The body (labels aside: they are white, the renderer's own) must be the
        # released text of the source. Runs are joined by a space, so that a withheld run
        # wrapped over two lines is still one run to the search that explains a failure.
        charset = _charset()
        leak = probe.check(" ".join(body), lambda char: ord(char) in charset)
        if leak is not None:
            raise _fail(f"the pages print {leak}")
    printed = "".join(runs)
    inventory = set().union(*(subset for _, subsets in fonts.values() for subset in subsets))
    # A substring search per glyph (a few dozen, in C) rather than a set of every character.
    if not all(chr(point) in printed for point in inventory - {0, 32}):
        raise _fail("the embedded fonts hold glyphs the pages do not print")


# -- file structure ----------------------------------------------------------------------


def _objects(data: bytes) -> dict[int, tuple[bytes, memoryview | None]]:
    """Each object: its dictionary part and its stream's bytes (``None`` when it has none).

    Objects are found through the cross-reference table, as a reader finds them: no scan
    of the (binary) font programs, and no copy of them either (a stream is a view).
    """
    xref = _XREF.search(data, data.rfind(b"startxref"))
    table = _TABLE.match(data, int(xref.group(1))) if xref else None
    if table is None:
        raise _fail("the cross-reference table is unreadable")
    count = int(table.group(1))
    start = table.end()
    entries = [data[start + 20 * i : start + 20 * i + 20] for i in range(1, count)]
    offsets = sorted((int(e[:10]), number) for number, e in enumerate(entries, start=1))
    ends = [o for o, _ in offsets[1:]] + [int(xref.group(1))]  # type: ignore[union-attr]
    view = memoryview(data)
    out: dict[int, tuple[bytes, memoryview | None]] = {}
    for (offset, number), end in zip(offsets, ends, strict=True):
        head = _OBJECT.match(data, offset, end)
        if head is None or int(head.group(1)) != number:
            raise _fail(f"object {number} is not where the cross-reference table says")
        # Most objects hold no stream; a find in C spares them the dictionary pattern.
        found = (
            _STREAM.match(data, head.end(), end)
            if data.find(b"stream", head.end(), end) >= 0
            else None
        )
        if found is None:
            out[number] = (data[head.end() : end], None)
            continue
        length = _LENGTH.search(found.group(1))
        if length is None:
            raise _fail(f"object {number} has a stream without a length")
        out[number] = (found.group(0), view[found.end() : found.end() + int(length.group(1))])
    return out


_FORBIDDEN_NAME = re.compile(b"(%s)(?![A-Za-z])" % b"|".join(map(re.escape, _FORBIDDEN)))


def _structure(skeleton: bytes) -> None:
    found = _FORBIDDEN_NAME.search(skeleton)
    if found is not None:
        raise _fail(f"the file holds a {found.group(1).decode()} entry")


def _info(objects: Mapping[int, tuple[bytes, memoryview | None]]) -> None:
    for body, _ in objects.values():
        if b"/Producer" in body:
            keys = set(re.findall(rb"/[A-Za-z]+(?= *\()", body))
            if keys != _INFO_KEYS:
                raise _fail("the Info dictionary holds keys outside the allow-list")
            return
    raise _fail("the Info dictionary is missing")


def _page_streams(objects: Mapping[int, tuple[bytes, memoryview | None]]) -> list[bytes]:
    pages = next((b for b, _ in objects.values() if b"/Type /Pages" in b), None)
    if pages is None:
        raise _fail("the page tree is missing")
    kids = re.search(rb"/Kids \[([^\]]*)\]", pages)
    out = []
    for ref in re.findall(rb"(\d+) 0 R", kids.group(1) if kids else b""):
        page = objects[int(ref)][0]
        contents = re.search(_REF.pattern % b"Contents", page)
        if contents is None:
            raise _fail(f"page object {ref.decode()} has no content stream")
        body, view = objects[int(contents.group(1))]
        if view is None:
            raise _fail(f"page object {ref.decode()} has no content stream")
        stream = bytes(view)
        if b"/Filter" in body:
            if not re.search(rb"/Filter \[ /FlateDecode \]", body):
                raise _fail("a page stream has an unexpected filter")
            stream = zlib.decompress(stream)
        out.append(stream)
    return out


# -- page streams ------------------------------------------------------------------------


def _unescape(literal: bytes) -> bytes:
    """The bytes of a PDF literal string.

    reportlab escapes every parenthesis, so ``\\(`` and ``\\)`` are the only escapes
    Python's own escape decoder lacks; it reads the rest (``\\ddd``, ``\\n``, ``\\\\``) in
    C. A sequence PDF reads otherwise (``\\x41``) decodes differently here and fails the
    comparison with the plan: a misreading can only refuse a file, never pass one.
    """
    body = literal[1:-1]
    if b"\\" not in body:
        return body
    decoded: bytes = codecs.escape_decode(body.replace(b"\\(", b"(").replace(b"\\)", b")"))[0]
    return decoded


def _decode(
    stream: bytes, faces: Mapping[str, list[str]], names: Mapping[str, str]
) -> tuple[list[Text], list[Box]]:
    """The text runs and filled boxes a page stream draws."""
    read = _Statements(faces, names).read(stream)
    if read is not None:
        return read
    return _operations(stream, faces, names)


# The statements redactor.render.pdf writes, each whole: a text run (its position, its
# font when it changes, one string), a fill, a path of bars, the frame and rules. A page
# made of these alone is read a run at a time; any other page is read operator by
# operator by _Reader (which also says precisely why it refuses one).
_N = rb"-?\d+(?:\.\d+)?"
_STATEMENT = re.compile(
    rb"((?:1 0 0 1 (%(n)s) (%(n)s) Tm (?:/([^\s/\[\]()<>]+) (%(n)s) Tf )?"
    rb"\(([^\\()]*(?:\\.[^\\()]*)*)\) Tj"
    rb"|([01]) g"
    rb"|((?:%(n)s %(n)s %(n)s %(n)s re )+)f\*"
    rb"|BT|ET|1 0 0 1 0 0 cm|0\.75 w|(?:%(n)s ){4}re S|%(n)s %(n)s m %(n)s %(n)s l S"
    rb")[ \n]*)" % {b"n": _N},
)


class _Statements:
    """Reads a page stream written in :data:`_STATEMENT`'s forms, or gives up (``None``)."""

    def __init__(self, faces: Mapping[str, list[str]], names: Mapping[str, str]):
        self.faces = faces
        self.names = names

    def read(self, stream: bytes) -> tuple[list[Text], list[Box]] | None:
        found = _STATEMENT.findall(stream)
        # The statements found must tile the stream: a byte outside them is a gap.
        if sum(map(len, map(itemgetter(0), found))) != len(stream):
            return None
        texts: list[Text] = []
        bars: list[Box] = []
        white = False
        face = ""
        subset = ""
        size = 0.0
        for _, x, y, resource, points, written, fill, path in found:
            if x:
                if resource:
                    name, _, number = resource.decode("latin-1").partition("+")
                    subsets = self.faces.get(name)
                    if subsets is None or not number.isdigit() or int(number) >= len(subsets):
                        return None
                    face, subset, size = self.names[name], subsets[int(number)], float(points)
                elif not face:
                    return None
                literal = written
                if b"\\" in literal:  # _unescape, inline: this runs for every run
                    literal = escape_decode(literal.replace(b"\\(", b"(").replace(b"\\)", b")"))[0]
                chars = charmap_decode(literal, "strict", subset)[0]
                if _OUTSIDE in chars:
                    return None
                # A plain tuple (equal to the planned Text when it is right): the
                # named tuple's constructor is a Python call, and this runs per run.
                texts.append((float(x), float(y), face, size, white, chars))  # type: ignore[arg-type]
            elif fill:
                white = fill == b"1"
            elif path:
                if white:
                    return None
                numbers = [round(float(v), 2) for v in path.split() if v != b"re"]
                bars.extend(zip(*[iter(numbers)] * 4, strict=True))
        return texts, bars


def _operations(
    stream: bytes, faces: Mapping[str, list[str]], names: Mapping[str, str]
) -> tuple[list[Text], list[Box]]:
    operations = _OPERATION.findall(stream)
    # The operations must tile the stream: white space between them belongs to the
    # operands, so any other byte (an array, a hex string, image data) breaks the tiling.
    if sum(len(operands) + len(op) for operands, op in operations) != len(stream.rstrip()):
        raise _fail("a page stream holds bytes that are not PDF operations")
    reader = _Reader(faces, names)
    try:
        for operands, op in operations:
            reader.operator(op, operands)
    except (ValueError, IndexError) as exc:
        raise _fail("a page stream holds a malformed operation") from exc
    return reader.texts, reader.bars


class _Reader:
    """The graphics state a page stream builds, reduced to what we check."""

    def __init__(self, faces: Mapping[str, list[str]], names: Mapping[str, str]):
        self.faces = faces
        self.names = names
        self.texts: list[Text] = []
        self.bars: list[Box] = []
        self.pending: list[Box] = []
        self.fill: tuple[float, ...] = (0.0,)
        self.saved: list[tuple[float, ...]] = []
        self.font = ""
        self.subset = ""
        self.size = 0.0
        self.x = self.y = 0.0
        self.joined = False  # whether the next Tj continues the previous run (no Tm between)

    def operator(self, op: bytes, blob: bytes) -> None:
        if op == b"Tj":
            self._show(blob.strip())
            return
        operands = blob.split()  # names and numbers: a string is the operand of Tj only
        if op == b"Tf":
            self._font(operands[-2], operands[-1])
        elif op == b"Tm":
            a, b, c, d, e, f = (float(v) for v in operands[-6:])
            if (a, b, c, d) != (1.0, 0.0, 0.0, 1.0):
                raise _fail("a page transforms text")
            self.x, self.y, self.joined = e, f, False
        elif op in (b"rg", b"g"):
            self.fill = tuple(float(v) for v in operands[-3 if op == b"rg" else -1 :])
        elif op == b"re":
            x, y, w, h = (round(float(v), 2) for v in operands[-4:])
            self.pending.append((x, y, w, h))
        elif op in (b"f", b"f*"):
            if self.fill not in ((0.0,), (0.0, 0.0, 0.0)):
                raise _fail("a page fills a shape that is not black")
            self.bars.extend(self.pending)
            self.pending = []
        elif op == b"S":
            self.pending = []
        elif op == b"q":
            self.saved.append(self.fill)
        elif op == b"Q":
            self.fill = self.saved.pop() if self.saved else (0.0,)
        elif op not in _GRAPHICS:
            raise _fail(f"a page stream uses the operator {op.decode('latin-1')}")

    def _font(self, resource: bytes, size: bytes) -> None:
        name, _, number = resource[1:].decode("latin-1").partition("+")
        if name not in self.faces or not number.isdigit() or int(number) >= len(self.faces[name]):
            raise _fail(f"a page uses an unknown font {resource.decode('latin-1')}")
        self.font, self.subset, self.size = name, self.faces[name][int(number)], float(size)

    def _show(self, literal: bytes) -> None:
        if literal[:1] != b"(" or literal[-1:] != b")":
            raise _fail("a page shows text that is not one string")
        chars = charmap_decode(_unescape(literal), "strict", self.subset)[0]
        if _OUTSIDE in chars:
            raise _fail("a page prints a glyph code outside its font subset")
        white = self.fill in ((1.0,), (1.0, 1.0, 1.0))
        texts = self.texts
        if self.joined and texts:
            last = texts[-1]
            texts[-1] = Text(last.x, last.y, last.font, last.size, last.white, last.text + chars)
        else:
            font = self.names.get(self.font, self.font)
            texts.append(Text(self.x, self.y, font, self.size, white, chars))
        self.joined = True


_OUTSIDE = "\uffff"  # a noncharacter: the layout never prints one (it becomes U+FFFD)


@functools.lru_cache(maxsize=256)
def _table(subset: tuple[int, ...]) -> str:
    """A subset as a decoding table of all 256 codes, for :func:`codecs.charmap_decode`
    (one C call per run, as Python's own single-byte codecs decode); code 0 (``.notdef``)
    and codes past the subset's end map to :data:`_OUTSIDE`, which fails the page.

    Cached: a batch prints the same few subsets again and again (the renderer makes equal
    character sets equal subsets).
    """
    table = [_OUTSIDE] * 256
    for code, point in enumerate(subset[:256]):
        # U+FFFE means "undefined" to charmap_decode, which would raise a UnicodeError
        # outside our error tree; the layout never prints it, so it fails the page instead.
        if code and point != 0xFFFE:
            table[code] = chr(point)
    return "".join(table)


# -- comparisons -------------------------------------------------------------------------


def _compare(
    number: int, decoded: Sequence[Text], bars: Sequence[Box], page: Page
) -> Sequence[Text]:
    """Check a page's decoded runs and bars against the plan; returns the runs as read."""
    texts: Sequence[Text] = page.texts
    if decoded != list(texts):  # else exactly as planned, positions included
        texts = [Text._make(text) for text in decoded]
        if len(texts) != len(page.texts) or not all(
            _same(a, b) for a, b in zip(texts, page.texts, strict=True)
        ):
            raise _fail(f"page {number} does not print exactly the released text")
    if sorted(bars) != sorted(page.bars):
        raise _fail(f"page {number} does not draw exactly the planned bars")
    for text in texts:
        if text.white and not any(_on(text, bar) for bar in bars):
            raise _fail(f"page {number} prints white text off a bar")
    return texts


def _same(a: Text, b: Text) -> bool:
    return (
        a.text == b.text
        and a.font == b.font
        and a.white == b.white
        and abs(a.size - b.size) < _TOL
        and abs(a.x - b.x) < _TOL
        and abs(a.y - b.y) < _TOL
    )


def _on(text: Text, bar: Box) -> bool:
    x, y, w, h = bar
    return x - _TOL <= text.x <= x + w and y <= text.y <= y + h


def _banners(number: int, texts: Sequence[Text], plan: Plan) -> None:
    ys = {round(t.y, 2) for t in texts if t.text == plan.banner and not t.white}
    folio = f"Page {number} of {len(plan.pages)}"
    if not {round(plan.height - HEADER, 2), round(FOOTER, 2)} <= ys:
        raise _fail(f"page {number} does not carry the banner at top and bottom")
    if not any(t.text == folio for t in texts):
        raise _fail(f"page {number} does not say {folio!r}")
