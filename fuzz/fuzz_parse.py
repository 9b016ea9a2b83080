"""atheris harness: ``redactor.parse`` and the mark readers on arbitrary text.

Run by ``make fuzz`` (``FUZZ_SECONDS`` per harness). Checks, besides "no exception outside
RedactorError": the parts partition the text exactly, and every portion lies inside it.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from redactor import parse
    from redactor.errors import RedactorError
    from redactor.markings import parse_banner, parse_caption, parse_portion_mark

from _common import argv


def test_one(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    parse_portion_mark(text[:200])
    parse_banner(text[:200])
    parse_caption(text[:200])
    try:
        doc = parse(text, source="fuzz")
    except RedactorError:
        return
    if "".join(text[p.start : p.end] for p in doc.parts) != text:
        raise AssertionError("the parts do not rebuild the text")
    for p in doc.portions:
        if not 0 <= p.start <= p.end <= len(text):
            raise AssertionError("a portion lies outside the text")


if __name__ == "__main__":
    atheris.Setup(argv("parse"), test_one)
    atheris.Fuzz()
    sys.exit(0)
