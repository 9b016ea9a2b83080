"""Pair tests (issue 13, point 9): withheld text decides nothing outside its own placeholder.

Each case is a pair of documents that differ only inside a withheld unit of the seed cable
(06DAMASCUS728 as of 2010-01-01, when its subject and both paragraphs are withheld): a
longer or shorter paragraph, extra lines, CRLF or CR inside it, blanks or a ``\\`` at its
end, other compartment names in its mark, other words, characters outside Latin-1 or the
font. Under each shipped policy that withholds them, both documents must give the same
text release and the same PDF, byte for byte: one property covering the line ending of the
release's own lines, the lead, line breaks, pagination, font subsets, metadata and size.

Every case first checks that its difference does lie inside a withheld unit of both
documents: a pair that differs in released text proves nothing. Trailing blanks and a
teletype ``\\`` on a unit's last line are inside the unit (the parser's unit end).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from redactor import load_policy, parse, redact, render_pdf, render_text
from redactor.leakcheck import leak_probe
from redactor.policy import Action
from redactor.redact import Redacted
from tests.conftest import ROOT
from tests.leaks.support import EARLY, seed_text

POLICIES = ("foia-release", "declassified-only", "partner-gbr")

SEED = seed_text()
P1 = SEED.index("¶1. (C) ")  # the withheld paragraphs; ¶2 ends the text before "\nSECHE"
P2 = SEED.index("¶2. (C) ")
SIG = SEED.index("\nSECHE")
SUBJECT = "DAMASCUS-BASED HAMAS OFFICIALS TO TRAVEL TO MOSCOW"

Edit = Callable[[str], str]


def same(text: str) -> str:
    return text


def para1(body: str, mark: str = "(C)") -> Edit:
    """Replace the whole of paragraph 1 (mark and text, up to its blank line)."""

    def edit(text: str) -> str:
        end = text.index("\n\n¶2.")
        return text[:P1] + f"¶1. {mark} {body}" + text[end:]

    return edit


def para2(body: str, mark: str = "(C)") -> Edit:
    """Replace the whole of paragraph 2 (the last one, ended by the sign-off line)."""

    def edit(text: str) -> str:
        end = text.index("\nSECHE")
        start = text.index("¶2. (C) ")
        return text[:start] + f"¶2. {mark} {body}" + text[end:]

    return edit


BODIES = ((P1 + 8, SEED.index("\n\n¶2.")), (P2 + 8, SIG))  # the paragraphs' text


def sub(old: str, new: str, *, spans: tuple[tuple[int, int], ...] = BODIES[:1]) -> Edit:
    """Replace ``old`` by ``new`` inside ``spans`` of the seed (default: ¶1's text)."""

    def edit(text: str) -> str:
        assert any(old in text[start:end] for start, end in spans)
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + text[start:end].replace(old, new) + text[end:]
        return text

    return edit


def mark(new: str, paragraph: int = 1) -> Edit:
    at = P1 if paragraph == 1 else P2
    return sub("(C)", new, spans=((at, at + 8),))


LONG = " ".join(["The Russians plan to discuss the matter with the delegation at length."] * 60)


@dataclass(frozen=True)
class Pair:
    a: Edit
    b: Edit


CASES = [
    pytest.param(Pair(same, para2(LONG)), id="longer-paragraph"),
    pytest.param(Pair(same, para2("Short.")), id="shorter-paragraph"),
    pytest.param(Pair(same, para1("X.")), id="one-word-paragraph"),
    pytest.param(Pair(para1("Short."), para1(LONG * 4)), id="paragraph-of-many-pages"),
    pytest.param(Pair(same, sub(". ", ".\n")), id="extra-lines"),
    pytest.param(Pair(same, sub(". ", ".\n" * 80)), id="eighty-extra-lines"),
    pytest.param(Pair(same, sub(". ", ".\r\n")), id="crlf-inside"),
    pytest.param(Pair(sub(". ", ".\n"), sub(". ", ".\r\n")), id="crlf-vs-lf-inside"),
    pytest.param(Pair(same, sub(". ", ".\r")), id="cr-inside"),
    pytest.param(Pair(same, sub("Erkhov", "Er\u2028khov")), id="line-separator-inside"),
    pytest.param(Pair(same, sub(" ", "\t")), id="tabs-inside"),
    pytest.param(Pair(same, sub("Hamas", "Ha\fmas")), id="form-feed-inside"),
    pytest.param(
        Pair(
            same, sub("peace partner, Erkhov said.", "partner, Erkhov said.   ", spans=BODIES[1:])
        ),
        id="trailing-spaces-last-paragraph",
    ),
    pytest.param(
        Pair(same, sub("explicitly rule out such a meeting.", "rule out such a meeting. \t")),
        id="trailing-blanks-first-paragraph",
    ),
    pytest.param(
        Pair(
            same, sub("peace partner, Erkhov said.", "peace partner, Erkhov \\", spans=BODIES[1:])
        ),
        id="trailing-backslash-last-paragraph",
    ),
    pytest.param(
        Pair(same, sub("explicitly rule out such a meeting.", "explicitly rule out \\")),
        id="trailing-backslash-first-paragraph",
    ),
    pytest.param(Pair(mark("(C//SAR-KINGFISHER)"), mark("(C//SAR-BLUEJAY-ALPHA)")), id="sap-names"),
    pytest.param(Pair(mark("(C//SI-OSPREY//NF)"), mark("(C//SI-G//NF)")), id="sci-compartments"),
    pytest.param(
        Pair(mark("(C//HCS-P/SI-GAMMA)", 2), mark("(C//HCS-O/SI-ECRU)", 2)),
        id="sci-compartments-last-paragraph",
    ),
    pytest.param(Pair(mark("(c)"), mark("( C )")), id="mark-spelling"),
    pytest.param(Pair(mark("(C//Ahmed)"), mark("(C//Al Li)")), id="words-in-an-unreadable-mark"),
    pytest.param(Pair(same, sub("Erkhov", "Smith")), id="different-words"),
    pytest.param(Pair(same, para2("Ерхов и Лавров в Москве.")), id="cyrillic"),
    pytest.param(Pair(same, sub("Erkhov", "東京 😀")), id="outside-the-font"),
    pytest.param(Pair(same, sub("Hamas", "Ham\u200bas\u00a0x")), id="invisible-characters"),
    pytest.param(Pair(same, sub("Erkhov", "(S//NF) [WITHHELD B1] <b>")), id="label-like-words"),
    pytest.param(Pair(same, sub("Erkhov", "x" * 3000)), id="a-word-wider-than-pages"),
    pytest.param(
        Pair(same, sub(SUBJECT, "A", spans=((0, SEED.index("Classified By")),))),
        id="subject-words",
    ),
]


def _release(text: str, policy: str) -> tuple[Redacted, object]:
    doc = parse(text, source="seed.txt")
    redacted = redact(doc, load_policy(ROOT / "policies" / f"{policy}.yaml"), as_of=EARLY)
    return redacted, leak_probe(doc, redacted)


def _changed(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where ``a`` and ``b`` differ: the span in each, after the common prefix and suffix."""
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return (prefix, len(a) - suffix), (prefix, len(b) - suffix)


def _inside_withheld(redacted: Redacted, span: tuple[int, int]) -> bool:
    start, end = span
    return any(
        d.start <= start and end <= d.end for d in redacted.decisions if d.action is Action.WITHHOLD
    )


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("pair", CASES)
def test_documents_differing_inside_a_withheld_unit_give_identical_releases(
    pair: Pair, policy: str, tmp_path: Path
) -> None:
    a, b = pair.a(SEED), pair.b(SEED)
    assert a != b
    (ra, probe_a), (rb, probe_b) = _release(a, policy), _release(b, policy)
    span_a, span_b = _changed(a, b)
    # The difference is withheld in both documents, or the pair proves nothing.
    assert _inside_withheld(ra, span_a), "the difference is released in the first document"
    assert _inside_withheld(rb, span_b), "the difference is released in the second document"
    assert render_text(ra) == render_text(rb)
    pdfs = []
    for name, redacted, probe in (("a", ra, probe_a), ("b", rb, probe_b)):
        dest = tmp_path / f"{name}.pdf"
        render_pdf(redacted, dest, probe=probe)  # type: ignore[arg-type]
        pdfs.append(dest.read_bytes())
    assert pdfs[0] == pdfs[1]


def test_the_line_ending_of_the_release_follows_the_header() -> None:
    """A CRLF document gets CRLF banner and stamp lines; a LF one LF, whatever CRLF a
    withheld paragraph holds (the first line break of the released text decides)."""
    crlf_inside, _ = _release(sub(". ", ".\r\n")(SEED), "foia-release")
    assert crlf_inside.newline == "\n"
    assert render_text(crlf_inside).startswith("UNCLASSIFIED\nRELEASE IN PART")
    crlf, _ = _release(SEED.replace("\n", "\r\n"), "foia-release")
    assert crlf.newline == "\r\n"
    assert render_text(crlf).startswith("UNCLASSIFIED\r\nRELEASE IN PART")
    assert render_text(crlf).endswith("\r\nUNCLASSIFIED\r\n")


def test_the_pairs_cover_the_issue() -> None:
    """At least 20 pairs (issue 13), each run under three policies, as of 2010-01-01."""
    assert len(CASES) >= 20
    assert datetime.date(2010, 1, 1) == EARLY


@pytest.mark.parametrize("policy", POLICIES)
def test_the_release_marking_rolls_up_released_units_only(policy: str) -> None:
    """The banner on the first and last lines (and on every PDF page) is the roll-up of
    what was released: a withheld unit's mark, however high or restricted, leaves no trace
    in it. Only its printed lead differs between these documents."""
    marks = ["(C)", "(S//NF)", "(TS//SI-G//ORCON/NF)", "(S//SAR-KINGFISHER)", "(KNG NF)"]
    releases = [_release(mark(m)(SEED), policy)[0] for m in marks]
    assert all(
        d.action is Action.WITHHOLD for r in releases for d in r.decisions if d.number == "1"
    )
    assert len({r.marking for r in releases}) == 1
    texts = [render_text(r).splitlines() for r in releases]
    assert len({(lines[0], lines[-1]) for lines in texts}) == 1
