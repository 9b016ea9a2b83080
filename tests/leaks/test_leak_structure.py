"""Structural leak channels of REDACTION.md §B, checked with pypdf on the seed releases.

Channel 3 (revisions), 4 (metadata), 9 (font inventory), 11 (navigation, forms, scripts,
attachments), 12 (invisible text), 13 (annotations), 14 (images).
"""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import DictionaryObject, IndirectObject, PdfObject

from redactor import render_pdf
from redactor.render.pdf import plan
from tests.leaks.support import EARLY, LATE, release, seed_text

FORBIDDEN = {
    "/Outlines", "/Annots", "/AcroForm", "/JavaScript", "/JS", "/OpenAction", "/AA",
    "/EmbeddedFiles", "/Names", "/Metadata", "/XObject", "/StructTreeRoot", "/OCProperties",
    "/ActualText", "/Alt", "/URI", "/Dests",
}  # fmt: skip


@pytest.fixture(params=[EARLY, LATE], ids=["2010-01-01", "2026-11-28"])
def seed_pdf(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[bytes, str]:
    """The seed's PDF release and the characters it prints."""
    as_of: datetime.date = request.param
    _, redacted = release(seed_text(), as_of=as_of)
    render_pdf(redacted, tmp_path / "seed.pdf")
    printed = "".join(t.text for page in plan(redacted).pages for t in page.texts)
    return (tmp_path / "seed.pdf").read_bytes(), printed


def streams(data: bytes) -> list[bytes]:
    """Every stream in the file, inflated when compressed (referenced or not)."""
    out = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", data, re.S):
        length = int(re.search(rb"/Length (\d+)", match.group(1)).group(1))  # type: ignore[union-attr]
        raw = data[match.end() : match.end() + length]
        out.append(zlib.decompress(raw) if b"/FlateDecode" in match.group(1) else raw)
    return out


def test_single_revision(seed_pdf: tuple[bytes, str]) -> None:
    data, _ = seed_pdf
    assert data.count(b"%%EOF") == 1
    assert data.count(b"startxref") == 1
    assert b"/Prev" not in data


def test_no_invisible_text(seed_pdf: tuple[bytes, str]) -> None:
    """No text render mode at all (3 Tr is invisible text); all text is black or white-on-bar."""
    data, _ = seed_pdf
    for stream in streams(data):
        assert not re.search(rb"\d\s+Tr\b", stream)


def walk(obj: PdfObject, seen: set[int], names: set[str]) -> None:
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            names.add(str(key))
            walk(value, seen, names)
    elif isinstance(obj, list):
        for value in obj:
            walk(value, seen, names)


def test_object_walk_finds_no_forbidden_entry(seed_pdf: tuple[bytes, str]) -> None:
    """Everything reachable from the trailer: no navigation, forms, scripts, images."""
    data, _ = seed_pdf
    reader = pypdf.PdfReader(io.BytesIO(data))
    names: set[str] = set()
    walk(reader.trailer, set(), names)
    assert names & FORBIDDEN == set()
    assert set(reader.trailer["/Root"].keys()) == {"/Type", "/Pages", "/PageMode"}
    assert reader.trailer["/Info"].get_object().keys() == {
        "/Producer", "/Title", "/CreationDate", "/ModDate",
    }  # fmt: skip
    # Every object in the file is reachable: nothing orphaned (channel 2).
    total = int(reader.trailer["/Size"])
    assert len(re.findall(rb"\n\d+ 0 obj\n", b"\n" + data)) == total - 1


def test_font_inventory_is_within_the_printed_characters(seed_pdf: tuple[bytes, str]) -> None:
    """Each subset's ToUnicode map lists only characters the pages print (channel 9)."""
    data, printed = seed_pdf
    reader = pypdf.PdfReader(io.BytesIO(data))
    inventory: set[str] = set()
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        assert font["/BaseFont"].endswith("DejaVuSansMono") or "DejaVuSansMono-Bold" in str(
            font["/BaseFont"]
        )
        cmap = font["/ToUnicode"].get_object().get_data()
        for hexcode in re.findall(rb"<[0-9A-Fa-f]{2}> <([0-9A-Fa-f]{4,})>", cmap):
            inventory.add(bytes.fromhex(hexcode.decode()).decode("utf-16-be"))
    assert inventory - {" ", "\x00"} <= set(printed)  # code 0 is .notdef, 32 the space
    assert len(inventory) > 20


_HOST_FIRST = """
import io, sys
from importlib import resources
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from tests.leaks.support import EARLY, release, seed_text
# The host program registers the same face first, reportlab's default way (all of ASCII
# in the first subset).
data = resources.files("redactor.fonts").joinpath("DejaVuSansMono.ttf").read_bytes()
pdfmetrics.registerFont(TTFont("HostMono", io.BytesIO(data)))
from redactor import render_pdf
_, redacted = release(seed_text(), as_of=EARLY)
render_pdf(redacted, Path(sys.argv[1]))
"""


def test_a_face_registered_by_the_host_program_is_not_used(tmp_path: Path) -> None:
    """reportlab keeps one font object per face name: a DejaVu Sans Mono the host program
    registered first would otherwise stand in for ours, with all of ASCII in its subset
    (channel 9) and other bytes than a run without it (determinism)."""
    _, redacted = release(seed_text(), as_of=EARLY)
    render_pdf(redacted, tmp_path / "alone.pdf")
    subprocess.run(
        [sys.executable, "-c", _HOST_FIRST, str(tmp_path / "hosted.pdf")],
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert (tmp_path / "hosted.pdf").read_bytes() == (tmp_path / "alone.pdf").read_bytes()
