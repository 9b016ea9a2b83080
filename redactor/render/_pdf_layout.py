"""The lines of a PDF release, wrapped to a page: pure, no reportlab, no file.

A release is laid out on a grid of monospace *cells*, exactly as the text release
(:func:`redactor.render.text.render_text`) would print it: ``[B6]`` takes four cells and
``¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D)]`` its 37. In the PDF the cells of a label become a
black bar and the label's words are printed in white inside it, without the brackets. So
the text and the PDF agree line for line, and every size on the page is a function of the
released text and the codes alone: nothing here ever sees what was withheld.

Long lines are wrapped at word boundaries (the text release keeps the document's own line
structure; a page cannot). Wrapping happens *after* substitution, so where a line breaks
depends on the label, never on the length of what the label replaced (REDACTION.md §B,
channel 8).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from redactor.redact import Cut, Kept, Redacted, Withheld
from redactor.render.text import CANCELLED, codes_label, withheld_label

__all__ = ["Line", "Piece", "body_lines", "chunk_label", "pack_fields", "paginate", "printable"]

_BREAK = re.compile(r"\r\n|\r|\n")
_WORDS = re.compile(r" +|[^ ]+")
_ODD = re.compile(r"[^\x20-\x7e]")  # anything but printable ASCII


class Piece(NamedTuple):
    """Characters printed from cell ``col`` on; a label is white on a black bar.

    Named tuples, not frozen dataclasses, for the layout's records: they are as immutable,
    and a few thousand are made per release, where a frozen dataclass's ``__init__`` (an
    ``object.__setattr__`` per field) costs several times as much.
    """

    col: int
    text: str
    label: bool = False
    withheld: bool = False  # a withheld unit's label (else a cut term's)


class Line(NamedTuple):
    """One printed line.

    ``full_bar``: the line is a withheld unit alone (the usual case, a withheld paragraph),
    so its bar runs to the right margin: a paragraph-wide bar of one fixed size, the
    familiar look of a withheld paragraph. ``struck``: cell ranges lined through (an
    original banner the release no longer carries, 32 CFR 2001.25(b)(4)).
    """

    pieces: tuple[Piece, ...]
    full_bar: bool = False
    struck: tuple[tuple[int, int], ...] = ()

    @property
    def text(self) -> str:
        """The line as a reader sees it: labels without their bars, blank cells as spaces."""
        out: list[str] = []
        end = 0
        for piece in self.pieces:
            out.append(" " * (piece.col - end))
            out.append(piece.text)
            end = piece.col + len(piece.text)
        return "".join(out)


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    struck: bool = False


@dataclass(frozen=True, slots=True)
class _Label:
    text: str  # without the brackets: they are the bar's two end cells
    withheld: bool


_Token = _Text | _Label


def chunk_label(text: str, width: int) -> list[str]:
    """``text`` in pieces of at most ``width`` characters, broken after ``", "`` if it can be.

    A label is printed in full, whatever its length (REDACTION.md §B channel 19): a label
    wider than the page is continued on the next line rather than clipped.
    """
    if len(text) <= width:
        return [text]
    chunks: list[str] = []
    current = ""
    for whole in re.split(r"(?<=, )", text):
        part = whole
        while len(part) > width:  # a single code or lead wider than the page: cut it
            if current:
                chunks.append(current.rstrip())
                current = ""
            chunks.append(part[:width])
            part = part[width:]
        if current and len(current) + len(part.rstrip()) > width:
            chunks.append(current.rstrip())
            current = ""
        current += part
    if current.strip():
        chunks.append(current.rstrip())
    return chunks


class _Printable:
    """Maps text to characters the font can print, cell for cell.

    A no-break space prints as a space (reportlab encodes it so anyway); a tab is expanded
    to the next multiple of 8 by the caller; a control or format character, or a character
    the font lacks, prints as U+FFFD rather than as an invisible ``.notdef`` box, so the
    page never holds text that is not there to read.
    """

    def __init__(self, charset: frozenset[int]):
        self.charset = charset
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text.isascii() and text.isprintable():
            return text
        # Only the odd characters go through Python (a pilcrow on most cable lines).
        return _ODD.sub(self._sub, text)

    def _sub(self, found: re.Match[str]) -> str:
        return self._char(found.group())

    def _char(self, char: str) -> str:
        mapped = self.cache.get(char)
        if mapped is None:
            if char == "\xa0":
                mapped = " "
            elif unicodedata.category(char)[0] == "C" or ord(char) not in self.charset:
                mapped = "\ufffd" if 0xFFFD in self.charset else "?"
            else:
                mapped = char
            self.cache[char] = mapped
        return mapped


def printable(text: str, charset: frozenset[int]) -> str:
    """``text`` as the font can print it, cell for cell (see :class:`_Printable`)."""
    return _Printable(charset)(text)


def pack_fields(fields: Sequence[str], width: int) -> list[str]:
    """``fields`` two spaces apart on lines of at most ``width`` characters, never split
    (each is shorter than a line: case and document numbers are at most 40 characters)."""
    lines: list[str] = []
    for field in fields:
        if lines and len(lines[-1]) + 2 + len(field) <= width:
            lines[-1] += "  " + field
        else:
            lines.append(field)
    return lines


def _logical_lines(redacted: Redacted) -> list[list[_Token]]:
    """The body of the release as lines of tokens (the text release without banner and stamp)."""
    style = redacted.label_style
    lines: list[list[_Token]] = [[]]

    def text(value: str, *, struck: bool = False) -> None:
        first, *rest = _BREAK.split(value)
        if first:
            lines[-1].append(_Text(first, struck))
        for part in rest:
            lines.append([_Text(part, struck)] if part else [])

    for segment in redacted.segments:
        if isinstance(segment, Kept):
            text(segment.text)
        elif isinstance(segment, Withheld):
            label = withheld_label(segment, style)
            lead = " ".join(segment.lead.split())
            lines[-1].append(_Label(f"{lead} {label}" if lead else label, withheld=True))
        elif isinstance(segment, Cut):
            lines[-1].append(_Label(codes_label(segment.codes, style), withheld=False))
        else:  # Cancelled: the prefix says so in words, the rule through it shows it
            lines[-1].append(_Text(CANCELLED))
            for part in segment.segments:
                if isinstance(part, Kept):
                    text(part.text, struck=True)
                else:
                    lines[-1].append(_Label(codes_label(part.codes, style), withheld=False))
    if not lines[-1]:  # the newline that ends the body ends its last line
        lines.pop()
    return lines


class _Wrapper:
    """Greedy word wrap of token lines onto ``cols`` cells."""

    def __init__(self, cols: int, printable: _Printable):
        self.cols = cols
        self.printable = printable
        self.out: list[Line] = []
        self.pieces: list[Piece] = []
        self.struck: list[tuple[int, int]] = []
        self.col = 0

    def line(self, tokens: Sequence[_Token]) -> None:
        if len(tokens) == 1 and isinstance(tokens[0], _Text) and not tokens[0].struck:
            # Most lines of a cable: plain text, no tab, no wider than the page (69 < 74).
            value = self.printable(tokens[0].text)
            if len(value) <= self.cols and "\t" not in value:
                stripped = value.rstrip()
                self.out.append(Line((Piece(0, stripped),) if stripped else ()))
                return
        logical = 0  # cells of the logical line so far, for tab stops
        for token in tokens:
            if isinstance(token, _Label):
                self._label(token)
                logical += len(token.text) + 2
                continue
            value = token.text
            if "\t" in value:
                value = _expand_tabs(value, logical)
            logical += len(value)
            for word in _WORDS.findall(self.printable(value)):
                self._word(word, struck=token.struck)
        self._flush()

    def _label(self, token: _Label) -> None:
        for chunk in chunk_label(token.text, self.cols - 2):
            if self.col and self.col + len(chunk) + 2 > self.cols:
                self._flush()
            self.pieces.append(Piece(self.col + 1, chunk, label=True, withheld=token.withheld))
            self.col += len(chunk) + 2

    def _word(self, word: str, *, struck: bool) -> None:
        if word[0] == " ":
            if self.col + len(word) > self.cols:
                self._flush()  # spaces at a break are the break: not carried over
                return
        elif self.col + len(word) > self.cols:
            if self.col:
                self._flush()
            while len(word) > self.cols:  # a "word" longer than the line: cut it
                self._put(word[: self.cols], struck=struck)
                self._flush()
                word = word[self.cols :]
        self._put(word, struck=struck)

    def _put(self, text: str, *, struck: bool) -> None:
        if struck and text.strip():
            self.struck.append((self.col, self.col + len(text)))
        last = self.pieces[-1] if self.pieces else None
        if last is not None and not last.label and last.col + len(last.text) == self.col:
            self.pieces[-1] = Piece(last.col, last.text + text)
        else:
            self.pieces.append(Piece(self.col, text))
        self.col += len(text)

    def _flush(self) -> None:
        pieces = [p for p in self.pieces if p.label or p.text.strip()]
        if pieces and not pieces[-1].label:
            pieces[-1] = Piece(pieces[-1].col, pieces[-1].text.rstrip())
        full = len(pieces) == 1 and pieces[0].withheld and pieces[0].col == 1
        self.out.append(Line(tuple(pieces), full_bar=full, struck=_merge(self.struck)))
        self.pieces, self.struck, self.col = [], [], 0


def _expand_tabs(value: str, start: int) -> str:
    out: list[str] = []
    col = start
    for char in value:
        if char == "\t":
            pad = 8 - col % 8
            out.append(" " * pad)
            col += pad
        else:
            out.append(char)
            col += 1
    return "".join(out)


def _merge(ranges: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and start <= out[-1][1] + 1:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return tuple(out)


def body_lines(redacted: Redacted, *, cols: int, charset: frozenset[int]) -> list[Line]:
    """The release's body (everything between the banner-and-stamp and the last banner)."""
    wrapper = _Wrapper(cols, _Printable(charset))
    for tokens in _logical_lines(redacted):
        wrapper.line(tokens)
    return wrapper.out


def paginate(lines: Sequence[Line], first: int, rest: int) -> Iterator[Sequence[Line]]:
    """Lines in pages of ``first`` then ``rest`` lines; a release always has one page."""
    yield lines[:first]
    for start in range(first, len(lines), rest):
        yield lines[start : start + rest]
