"""The naive baseline of ../shared/docs/PERFORMANCE.md §3: a floor/ceiling reference, not a rival.

One ``PARA_RE.search`` finds the first paragraph; everything before it is the header, where
``DECL_RE`` is searched; the body is split on blank lines and ``PARA_RE.match`` runs once per
paragraph. It is deliberately simple and deliberately *wrong* on real-world input: CRLF cables
come out as one paragraph, the tail of a paragraph cut by a section continuation marker loses
its mark, lower-case or spaced marks are not seen. Do not tune it; it only sets the scale.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["LEVEL", "NaiveCable", "naive_parse", "naive_redact"]

PARA_RE = re.compile(r"^(?:¶)?(\d+)\.\s*\(([A-Z/ ,]+)\)", re.MULTILINE)
DECL_RE = re.compile(r"DECL:\s*(\d{2})/(\d{2})/(\d{4})")
LEVEL = {"U": 0, "SBU": 1, "C": 2, "C//NF": 2, "C/NF": 2, "S": 3, "S//NF": 3, "S/NF": 3}
UNKNOWN_LEVEL = 3  # a mark we cannot read is withheld
AS_OF = (1995, 1, 1)  # DECL after this date: still classified (every synthetic cable)


class NaiveCable(NamedTuple):
    decl: str | None  # "mm/dd/yyyy" as written, or None
    paragraphs: list[tuple[int, str]]  # (paragraph number, portion mark)


def naive_parse(text: str) -> NaiveCable:
    m = PARA_RE.search(text)
    if m is None:
        return NaiveCable(None, [])
    header, body = text[: m.start()], text[m.start() :]
    d = DECL_RE.search(header)
    paragraphs: list[tuple[int, str]] = []
    for p in body.split("\n\n"):
        pm = PARA_RE.match(p)
        if pm:
            paragraphs.append((int(pm[1]), pm[2]))
    return NaiveCable(f"{d[1]}/{d[2]}/{d[3]}" if d else None, paragraphs)


def naive_redact(text: str) -> str:
    """Replace each C-or-above paragraph by ``¶N. (C) [PARAGRAPH REDACTED]`` (its own lead kept)."""
    m = PARA_RE.search(text)
    if m is None:
        return text
    header, body = text[: m.start()], text[m.start() :]
    d = DECL_RE.search(header)
    still_classified = d is None or (int(d[3]), int(d[1]), int(d[2])) > AS_OF
    out: list[str] = []
    for p in body.split("\n\n"):
        pm = PARA_RE.match(p)
        if pm and still_classified and LEVEL.get(pm[2], UNKNOWN_LEVEL) >= 2:
            out.append(p[: pm.end()] + " [PARAGRAPH REDACTED]")
        else:
            out.append(p)
    return header + "\n\n".join(out)
