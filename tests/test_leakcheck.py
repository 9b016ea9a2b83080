"""The leak probe and the PDF self-check that uses it (issue 4 item 5).

The engine never hands a renderer withheld text, so a real release cannot trip the probe
(the corpus test in tests/leaks renders every cable under every policy with it). These
tests simulate the failure the probe exists for: a release whose released segments carry
withheld text or a cut term, as an engine bug would make them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from redactor import parse, redact
from redactor.leakcheck import LeakProbe, leak_probe, normalise
from redactor.policy import load_policy
from redactor.redact import Kept, Redacted
from redactor.render.pdf import VerificationError, render_pdf
from tests.builders import cable, policy
from tests.leaks.support import EARLY, FOIA, LATE, seed_text

WITHHELD_SENTENCE = "The minister will resign before the congress opens."
TERMS = """
rules: [{id: all, action: release}]
terms:
  - id: names
    words: [Erkhov]
    exemptions: [B6]
"""


def leaky(redacted: Redacted, extra: str) -> Redacted:
    """``redacted`` with ``extra`` added to its last released segment."""
    segments = list(redacted.segments)
    last = max(i for i, s in enumerate(segments) if isinstance(s, Kept))
    kept = segments[last]
    assert isinstance(kept, Kept)
    segments[last] = Kept(kept.text + extra)
    return dataclasses.replace(redacted, segments=tuple(segments))


def withheld_cable() -> str:
    return cable(
        "C O N F I D E N T I A L",
        "02/26/2016",
        "1. (U) The talks went on all day.",
        f"2. (C) {WITHHELD_SENTENCE}",
    )


@pytest.mark.parametrize(
    ("extra", "found"),
    [
        ("\nA leak: the minister will resign before the congress.\n", "withheld run"),
        ("\nA leak: THE MINISTER   WILL\nRESIGN soon.\n", "withheld run"),  # spaced, cased
        ("\nA ministry.\n", "not the released text"),  # 7 characters shared: no run
    ],
    ids=["verbatim", "normalised", "short-overlap"],
)
def test_a_withheld_run_in_a_released_segment_fails_the_pdf(
    extra: str, found: str, tmp_path: Path
) -> None:
    document = parse(withheld_cable())
    redacted = redact(
        document,
        policy("rules: [{id: u, when: {level: {at_most: U}}, action: release}]"),
        as_of=EARLY,
    )
    probe = leak_probe(document, redacted)
    dest = tmp_path / "out.pdf"
    bad = leaky(redacted, extra)
    with pytest.raises(VerificationError, match=found) as caught:
        render_pdf(bad, dest, probe=probe)
    assert "minister" not in str(caught.value).casefold()  # the message never quotes
    assert list(tmp_path.iterdir()) == []


def test_a_cut_term_in_a_released_segment_fails_the_pdf(tmp_path: Path) -> None:
    text = seed_text()
    document = parse(text)
    redacted = redact(document, policy(TERMS), as_of=LATE)
    probe = leak_probe(document, redacted)
    assert probe.terms == ("erkhov",)
    render_pdf(redacted, tmp_path / "ok.pdf", probe=probe)
    with pytest.raises(VerificationError, match="a cut term"):
        render_pdf(leaky(redacted, "\nSo said ERKHOV.\n"), tmp_path / "bad.pdf", probe=probe)
    assert not (tmp_path / "bad.pdf").exists()


def test_a_term_the_release_still_holds_is_not_probed() -> None:
    """A classifier's name that is a common word is cut where it stands and nowhere else
    (issue 14: "Wood" alone would cut all wood): not a term to probe."""
    text = cable(by="Classified By: Ambassador Wood for reasons 1.4 (b)", sig=None).replace(
        "SUBJECT: A SUBJECT", "SUBJECT: A MEETING"
    )
    text += "\n1. (U) Wood was sold.\n"
    document = parse(text)
    redacted = redact(
        document,
        policy(
            "rules: [{id: all, action: release}]\n"
            "terms: [{id: by, fields: [classified_by], exemptions: [B6]}]"
        ),
        as_of=LATE,
    )
    assert any(c for c in redacted.cuts)
    assert leak_probe(document, redacted).terms == ()


def test_the_seed_probe_holds_its_withheld_paragraphs() -> None:
    text = seed_text()
    document = parse(text)
    early = leak_probe(document, redact(document, load_policy(FOIA), as_of=EARLY))
    late = leak_probe(document, redact(document, load_policy(FOIA), as_of=LATE))
    assert any(unit.rstrip().endswith("Erkhov said.") for unit in early.withheld)
    assert "Erkhov said." not in early.released
    assert late.withheld == ()  # as of 2026 nothing is withheld
    assert "Erkhov said." in late.released
    assert late.terms  # the names the policy cuts


def test_the_probe_never_shows_what_it_holds() -> None:
    probe = LeakProbe("the talks", ("the minister resigns",), ("Erkhov",))
    shown = repr(probe)
    assert shown == ("LeakProbe(<9 released characters>, <1 withheld units>, <1 cut strings>)")
    assert "minister" not in str(probe)


PROBE = LeakProbe("The talks went on.\n¶2. ", ("The minister resigns.",), ("Erkhov",))


@pytest.mark.parametrize(
    ("printed", "found"),
    [
        ("The talks\n  went on. ¶2.", None),  # white space aside
        ("[CANCELLED] The talks went on. ¶2.", None),  # the renderer's prefix aside
        ("The talks went on.\ufffd ¶2.", None),  # a character the font cannot print
        ("The talks went on. ¶2. THE MINISTER", "a withheld run of 8 or more characters"),
        ("The talks went on. ¶2. Smith", "text that is not the released text"),
        ("The talks went on. ¶2. Erkhov", "a cut term"),
        ("The talks went on. ¶3.", "text that is not the released text"),
        ("The talks went", "text that is not the released text"),
    ],
    ids=["space", "cancelled", "unprintable", "withheld", "extra", "term", "changed", "short"],
)
def test_check_compares_with_the_released_text(printed: str, found: str | None) -> None:
    assert PROBE.check(printed) == found


def test_check_names_a_cut_term_printed_where_it_was_cut() -> None:
    probe = LeakProbe("Met [B6] today.", (), ("ERKHOV",))
    assert probe.check("Met ERKHOV today.") == "a cut term"
    assert probe.check("Met Erkhovian today.") == "text that is not the released text"


def test_check_sets_aside_what_the_font_cannot_print() -> None:
    probe = LeakProbe("Met 李 today.\u200b", (), ())
    assert probe.check("Met \ufffd today.", printable=lambda c: c != "李") is None
    assert probe.check("Met \ufffd today.") == "text that is not the released text"


def test_normalise_folds_case_and_space() -> None:
    assert normalise("A\t B\n\nÇ") == "a b ç"
