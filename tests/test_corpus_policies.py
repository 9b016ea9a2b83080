"""Every corpus cable under every shipped policy: the release is framed, counted and tight.

For each cable of ../shared/corpus (one test id per cable, every policy inside it) and
each policy of ``policies/*.yaml`` as of 2026-11-28 (``foia-release`` also as of
2010-01-01, when most DECL dates had not passed):

* redaction and rendering run without an exception;
* the audit counts match the rendered text: one ``[WITHHELD ...]`` placeholder per
  withheld unit, one ``[codes]`` label per cut;
* the first and last lines are the banner recomputed from what was released, and the
  stamp agrees with the release and its codes;
* nothing withheld is in the output: no 8-character window of a withheld unit's text
  (whitespace-normalised, case-folded) appears in the rendered text or the audit, except
  windows that the release legitimately shows anyway (released text of the same cable,
  the placeholders' leads and labels, the banner and the stamp).

Plus, per policy: ``partner-gbr`` never releases a portion marked above its output banner
(unless the cable is declassified, when its markings no longer apply), and
``harm-minimization`` lets no ``XXXXXXXXXXXX`` run survive.

Skipped cleanly when ../shared is not beside the project.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from redactor import DeclassStatus, Document, Level, Marking, parse, roll_up
from redactor.audit import audit_json
from redactor.parser import held_marking
from redactor.policy import Action, Policy, load_policy
from redactor.redact import Cancelled, Cut, Kept, Redacted, Release, Withheld, redact
from redactor.render.text import codes_label, render_text, stamp
from tests.conftest import CORPUS, ROOT, corpus_params, read_text

POLICY_DIR = ROOT / "policies"
AS_OF = datetime.date(2026, 11, 28)
EARLY = datetime.date(2010, 1, 1)
WINDOW = 8
STRIKE = "\u0336"  # a renderer may line through cancelled banners character by character


@cache
def policies() -> dict[str, Policy]:
    return {path.stem: load_policy(path) for path in sorted(POLICY_DIR.glob("*.yaml"))}


def runs() -> list[tuple[str, datetime.date]]:
    """(policy name, as-of) pairs: every policy today, foia-release also in 2010."""
    out = [(name, AS_OF) for name in policies()]
    out.append(("foia-release", EARLY))
    return out


def test_the_five_policies_are_shipped() -> None:
    assert set(policies()) == {
        "declassified-only",
        "foia-release",
        "harm-minimization",
        "partner-gbr",
        "public-web",
    }


# --- helpers ------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Whitespace runs to one space, case-folded (edges kept: pieces join up again)."""
    return _SPACE.sub(" ", text).casefold()


_SPACE = re.compile(r"\s+")


def windows(text: str, size: int = WINDOW) -> set[str]:
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def strike(text: str) -> str:
    return "".join(c + STRIKE if not c.isspace() else c for c in text)


def skeleton(doc: Document, redacted: Redacted) -> str:
    """What the release may show, rebuilt from the decisions: the original text with each
    withheld unit replaced by its placeholder, framed by banner and stamp (cuts not made:
    a cut only removes text)."""
    style = redacted.label_style
    placeholders = [
        f"{s.lead} [WITHHELD {codes_label(s.codes, style)}]"
        for s in redacted.segments
        if isinstance(s, Withheld)
    ]
    blocked = sorted((d.start, d.end) for d in redacted.decisions if d.action is Action.WITHHOLD)
    assert len(placeholders) == len(blocked)
    banner = redacted.marking.banner_form()
    out = [banner, "\n", stamp(redacted), "\n"]
    pos = 0
    for (start, end), placeholder in zip(blocked, placeholders, strict=True):
        out += [doc.text[pos:start], placeholder]
        pos = max(pos, end)
    out += [doc.text[pos:], "\n", banner, "\n"]
    return "".join(out)


def scaffold(redacted: Redacted) -> list[str]:
    """What the renderer writes itself: labels and cancelled banner lines."""
    style = redacted.label_style
    out = []
    for segment in redacted.segments:
        if isinstance(segment, Cancelled):
            out.append("[CANCELLED]")  # the text renderer's prefix for a cancelled line
            out.append("".join(p.text for p in segment.segments if isinstance(p, Kept)))
        parts = segment.segments if isinstance(segment, Cancelled) else (segment,)
        out += [f"[{codes_label(p.codes, style)}]" for p in parts if isinstance(p, Cut)]
    return out


def leaked_windows(doc: Document, redacted: Redacted, rendered: str) -> list[str]:
    """Windows of withheld text found in the output that the skeleton does not account for."""
    shown = windows(norm(rendered))
    pieces = (skeleton(doc, redacted), *scaffold(redacted))
    allowed = "\x00".join(norm(piece) for piece in pieces)
    leaks = []
    for d in redacted.decisions:
        if d.action is not Action.WITHHOLD:
            continue
        for w in sorted(windows(norm(doc.text[d.start : d.end])) & shown):
            if w not in allowed:
                leaks.append(w)
    return leaks


def strings(value: object) -> list[str]:
    """The string values (not the keys) of decoded JSON."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def expected_marking(doc: Document, redacted: Redacted) -> Marking:
    """The roll-up of what was released, computed from the decisions and the document."""
    if redacted.declassification is DeclassStatus.DECLASSIFIED:
        return Marking(Level.UNCLASSIFIED)
    by_start = {p.start: p for p in doc.portions}
    contributions = []
    effective = doc.effective  # unmarked text inherits the whole document's (issue 13)
    for d in redacted.decisions:
        if d.action is not Action.RELEASE:
            continue
        portion = by_start.get(d.start)
        if portion is None and d.kind != "text":
            # A header line holding a mark is decided by that mark alone (issue 13).
            own = held_marking(doc.text, d.start, d.end)
            assert own is not None, d
            contributions.append(own)
            continue
        mark = portion.marking if portion is not None else None
        if mark is None:
            known = effective is not None and effective.known
            mark = effective if known and effective is not None else Marking(Level.UNCLASSIFIED)
        contributions.append(mark)
        # A unit holds its inner marks too (a mid-line mark, a mark after RE:).
        inner = held_marking(doc.text, d.start, d.end)
        if portion is not None and portion.mark_end is not None:
            inner = held_marking(doc.text, portion.mark_end, d.end)
        if inner is not None:
            contributions.append(inner)
    return roll_up(contributions)


def count_labels(redacted: Redacted, rendered: str) -> int:
    """Cut labels in the rendered text (struck ones included), not counting label-like
    strings that were in the released text already."""
    style = redacted.label_style
    labels = {f"[{codes_label(c.codes, style)}]" for c in redacted.cuts}
    kept = [
        part.text
        for segment in redacted.segments
        for part in (segment.segments if isinstance(segment, Cancelled) else (segment,))
        if isinstance(part, Kept)
    ]
    total = 0
    for label in labels:
        total += rendered.count(label) + rendered.count(strike(label))
        total -= sum(text.count(label) for text in kept)
    return total


def _indices(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle) + "+", text)]


# --- the test -----------------------------------------------------------------------------


def check_release(name: str, doc: Document, redacted: Redacted) -> None:
    rendered = render_text(redacted)
    audit = audit_json(redacted)
    lines = rendered.splitlines()
    nl = redacted.newline
    ctx = f"{doc.source} under {name} as of {redacted.as_of}"

    # Counts: one placeholder per withheld unit, one label per cut.
    withheld = [s for s in redacted.segments if isinstance(s, Withheld)]
    assert len(withheld) == redacted.withheld, ctx
    assert rendered.count("[WITHHELD ") == redacted.withheld + doc.text.count("[WITHHELD "), ctx
    assert count_labels(redacted, rendered) == len(redacted.cuts), ctx
    assert f'"withheld":{redacted.withheld}' in audit, ctx
    assert f'"cuts":{len(redacted.cuts)}' in audit, ctx

    # Banner first and last, recomputed from what was released.
    banner = expected_marking(doc, redacted).banner_form()
    assert redacted.marking.banner_form() == banner, ctx
    assert lines[0] == banner, ctx
    assert lines[-1] == banner, ctx
    assert rendered.startswith(banner + nl), ctx
    assert rendered.endswith(nl + banner + nl), ctx

    # The stamp and the codes.
    codes = {c for d in redacted.decisions for c in d.codes if d.action is Action.WITHHOLD}
    codes |= {c for cut in redacted.cuts for c in cut.codes}
    assert set(redacted.codes) == codes, ctx
    if redacted.withheld == 0 and not redacted.cuts:
        assert redacted.release is Release.FULL, ctx
        assert lines[1] == "RELEASE IN FULL", ctx
    else:
        assert redacted.release is Release.PART, ctx
        assert codes, ctx
        assert lines[1] == "RELEASE IN PART " + codes_label(redacted.codes, redacted.label_style)
    for d in redacted.decisions:
        assert (d.action is Action.WITHHOLD) == bool(d.codes), (ctx, d)

    # Nothing withheld shows.
    leaks = leaked_windows(doc, redacted, rendered)
    assert not leaks, (ctx, leaks[:10])

    if name == "partner-gbr" and redacted.declassification is not DeclassStatus.DECLASSIFIED:
        level = redacted.marking.level
        assert level is not None, ctx
        by_start = {p.start: p for p in doc.portions}
        for d in redacted.decisions:
            portion = by_start.get(d.start)
            if d.action is Action.RELEASE and portion is not None and portion.level is not None:
                assert portion.level <= level, (ctx, d)
            if d.action is Action.RELEASE and portion is not None and portion.marking:
                assert not portion.marking.noforn, (ctx, d)
    if name == "harm-minimization":
        runs_left = [rendered[max(0, i - 20) : i + 32] for i in _indices(rendered, "X" * 12)]
        assert not runs_left, (ctx, runs_left)


@pytest.mark.corpus
@pytest.mark.parametrize("entry", corpus_params())
def test_cable_under_every_policy(entry: dict[str, Any]) -> None:
    path: Path = CORPUS / entry["file"]
    doc = parse(read_text(path), source=entry["file"])
    failures = []
    for name, as_of in runs():
        redacted = redact(doc, policies()[name], as_of=as_of)
        try:
            check_release(name, doc, redacted)
        except AssertionError as exc:  # check every policy, then report them all
            failures.append(f"{name} as of {as_of}: {exc}")
    assert not failures, "\n".join(failures)
