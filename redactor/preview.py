"""The reviewer's preview: one self-contained HTML page showing every decision in place.

FOIA tools are built around a review step (mark, review, apply): before anything is
published, a reviewer reads the original with each redaction highlighted and checks why it
was made (``../shared/docs/REDACTION.md`` §F). :func:`render_preview` is that step for a
policy: the original text with every unit of content highlighted by its decision (withheld,
released), every cut term marked, the rule id and reason of each, the totals, and the
release as it will be published.

**The page holds the withheld text, by design**: that is what the reviewer must read. It is
therefore watermarked NOT FOR RELEASE on every screen and printed page, says so at the top,
and is written only by ``redactor preview`` (:mod:`redactor.preview_cli`), never by
``redactor batch``. Everything here is pure: the same document and release give the same
bytes, and nothing reads the clock, the file system or the network.

Document text is hostile input. Every character of it goes through :func:`html.escape`
(a cable holding ``<script>`` shows those characters; the page has no script at all), and
each highlighted stretch is a bidirectional isolate, so a right-to-left override inside a
cable cannot reorder the page around it.
"""

from __future__ import annotations

import bisect
import collections
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from redactor.errors import UsageError
from redactor.model import Document, PartKind
from redactor.policy import Action
from redactor.redact import Cancelled, CutRecord, Decision, Redacted
from redactor.render.text import codes_label, render_text, stamp

__all__ = ["WATERMARK", "render_preview"]

WATERMARK = "NOT FOR RELEASE"
"""The words on every preview: the page holds withheld text."""

_SpanKind = Literal["unit", "dropped", "cancelled"]


@dataclass(frozen=True, slots=True)
class _Span:
    """A highlighted stretch of the original that cuts may fall inside, never across."""

    start: int
    end: int
    kind: _SpanKind
    index: int = 0  # the decision's position, for ``unit``


def _e(value: object) -> str:
    """Escape for text and for double-quoted attribute values alike."""
    return html.escape(str(value), quote=True)


def render_preview(document: Document, redacted: Redacted) -> str:
    """The review page of ``redacted``, a release of ``document``, as one HTML string.

    The page needs nothing else: its style sheet is inline, it has no script and loads no
    file, font or image, so it opens the same offline, from an e-mail attachment or a
    case file. Withheld units, released units and cut terms are ``span.unit.withhold``,
    ``span.unit.release`` and ``mark.cut`` elements (a cut that crosses a unit boundary is
    split; its pieces share ``data-cut``), so a test or a script can count them against
    the audit.

    Args:
        document: The parsed original, from :func:`redactor.parse`.
        redacted: Its release, from :func:`redactor.redact` on that document.

    Returns:
        The page, deterministic: equal inputs give equal strings.

    Raises:
        UsageError: ``redacted`` is not a release of ``document`` (its offsets do not fit
            the text).
    """
    _check(document, redacted)
    spans = _spans(document, redacted)
    body = _Body(document.text, redacted.cuts, redacted)
    title = redacted.reference_id or redacted.source or "document"
    out = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="generator" content="redactor preview">\n',
        '<meta name="robots" content="noindex, nofollow">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{WATERMARK}: review of {_e(title)}</title>\n",
        f"<style>{_CSS}</style>\n</head>\n<body>\n",
        f'<div class="watermark" aria-hidden="true">{WATERMARK}</div>\n',
        _warning_bar(),
        '<main class="page">\n',
        _summary(document, redacted),
        _legend(),
        '<section class="doc-panel" aria-labelledby="h-doc">\n',
        '<h2 id="h-doc">Original text, every decision in place</h2>\n',
        # The parser drops one newline right after <pre>: give it one to drop, so a
        # document that starts with a blank line keeps it.
        '<pre class="doc" dir="ltr">\n',
        body.render(spans, redacted.decisions),
        "</pre>\n</section>\n",
        _decision_table(redacted),
        _cut_table(document.text, redacted),
        _release_section(redacted),
        _footer(),
        "</main>\n</body>\n</html>\n",
    ]
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Checks and spans
# ---------------------------------------------------------------------------------------


def _check(document: Document, redacted: Redacted) -> None:
    """Fail unless the release's offsets fit the document: a preview of one document
    with another's decisions would highlight the wrong text, which is worse than none."""
    length = len(document.text)
    if (redacted.source, redacted.reference_id) != (document.source, document.reference_id):
        raise UsageError("the release is not of this document: its source or reference differs")
    for what, spans in (("decision", redacted.decisions), ("cut", redacted.cuts)):
        pos = 0
        for item in spans:
            if not pos <= item.start <= item.end <= length:
                raise UsageError(
                    f"the release does not fit this document: a {what} at offsets "
                    f"{item.start}-{item.end} of a {length}-character text, or out of order"
                )
            pos = item.end


def _spans(document: Document, redacted: Redacted) -> list[_Span]:
    """Units of content, dropped routing and cancelled banners, in document order.

    They never overlap: each comes from its own part of the document's partition.
    """
    spans = [_Span(d.start, d.end, "unit", i) for i, d in enumerate(redacted.decisions)]
    parts = document.parts
    if redacted.routing_dropped:
        # As the engine drops it: each routing part with the blank space after it.
        for i, part in enumerate(parts):
            if part.kind is PartKind.ROUTING:
                after = parts[i + 1] if i + 1 < len(parts) else part
                end = after.end if after.kind is PartKind.SPACE else part.end
                spans.append(_Span(part.start, end, "dropped"))
    if any(isinstance(segment, Cancelled) for segment in redacted.segments):
        spans.extend(_Span(p.start, p.end, "cancelled") for p in parts if p.kind is PartKind.BANNER)
    return sorted(spans, key=lambda span: (span.start, span.end))


def _unit_label(decision: Decision, redacted: Redacted) -> str:
    if decision.action is Action.WITHHOLD:
        codes = codes_label(decision.codes, redacted.label_style)
        return f"WITHHELD · {decision.rule} · {codes}"
    return f"RELEASED · {decision.rule}"


def _unit_name(decision: Decision) -> str:
    """``paragraph 2 (C)``: how the tables and tooltips name a unit."""
    words = [decision.kind]
    if decision.number:
        words.append(decision.number)
    if decision.mark:
        words.append(decision.mark)
    return " ".join(words)


class _Body:
    """The original text as HTML: spans opened and closed around it, cuts marked inside."""

    def __init__(self, text: str, cuts: Sequence[CutRecord], redacted: Redacted):
        self.text = text
        self.cuts = cuts
        self.starts = [cut.start for cut in cuts]
        self.redacted = redacted

    def render(self, spans: Iterable[_Span], decisions: Sequence[Decision]) -> str:
        out: list[str] = []
        pos = 0
        for span in spans:
            out.append(self._text(pos, span.start))
            out.append(self._open(span, decisions))
            out.append(self._text(span.start, span.end))
            out.append("</span>")
            pos = span.end
        out.append(self._text(pos, len(self.text)))
        return "".join(out)

    def _open(self, span: _Span, decisions: Sequence[Decision]) -> str:
        if span.kind == "dropped":
            label = "DROPPED · header.routing: drop"
            return f'<span class="dropped" data-label="{label}" title="{label}">'
        if span.kind == "cancelled":
            label = "CANCELLED BANNER · the release carries its own marking"
            return f'<span class="cancelled" data-label="{label}" title="{label}">'
        decision = decisions[span.index]
        n = span.index + 1
        tooltip = f"{_unit_name(decision)}: {decision.reason}"
        return (
            f'<span class="unit {decision.action.value}" id="u-{n}" '
            f'data-unit="{n}" data-rule="{_e(decision.rule)}" '
            f'data-label="{_e(_unit_label(decision, self.redacted))}" title="{_e(tooltip)}">'
        )

    def _text(self, start: int, end: int) -> str:
        """``text[start:end]`` escaped, with the pieces of cuts that fall in it marked."""
        out: list[str] = []
        pos = start
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        style = self.redacted.label_style
        while i < len(self.cuts) and self.cuts[i].start < end:
            cut = self.cuts[i]
            lo, hi = max(cut.start, start), min(cut.end, end)
            if lo < hi:
                out.append(_e(self.text[pos:lo]))
                label = f"[{codes_label(cut.codes, style)}] {', '.join(cut.terms)}"
                # Only a cut's first piece carries the label: one badge per cut.
                shown = f' data-label="{_e(label)}"' if lo == cut.start else ""
                out.append(
                    f'<mark class="cut" data-cut="{i + 1}"{shown} title="{_e(label)}">'
                    f"{_e(self.text[lo:hi])}</mark>"
                )
                pos = hi
            i += 1
        out.append(_e(self.text[pos:end]))
        return "".join(out)


# ---------------------------------------------------------------------------------------
# Page sections
# ---------------------------------------------------------------------------------------


def _warning_bar() -> str:
    return (
        '<header class="bar" role="alert">\n'
        f'<div class="bar-title">{WATERMARK}</div>\n'
        '<div class="bar-text">Reviewer\'s preview. This page shows the text the policy '
        "<strong>withholds</strong>. Do not publish it, attach it to a release or copy it "
        "into a release folder: keep it with the review records, like the audit. "
        "<code>redactor batch</code> never writes it.</div>\n"
        "</header>\n"
    )


def _summary(document: Document, redacted: Redacted) -> str:
    original = redacted.original.banner_form() if redacted.original is not None else "none found"
    withheld_chars = sum(d.end - d.start for d in redacted.decisions if d.action is Action.WITHHOLD)
    cut_chars = sum(c.end - c.start for c in redacted.cuts)
    rows = [
        ("Source", redacted.source or "-"),
        ("Reference", redacted.reference_id or "-"),
        ("Policy", redacted.policy),
        ("As of", redacted.as_of.isoformat()),
        ("Document marking", original),
        ("Declassification", redacted.declassification.value),
        ("Release marking", redacted.marking.banner_form()),
        ("Stamp", stamp(redacted)),
    ]
    if redacted.warnings:
        rows.append(("Parser warnings", ", ".join(redacted.warnings)))
    meta = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    units = len(redacted.decisions)
    totals = [
        ("withhold", redacted.withheld, "withheld", f"of {units} units · {withheld_chars:,} chars"),
        ("release", redacted.released, "released", f"of {units} units"),
        ("cut", len(redacted.cuts), "cut terms", f"{cut_chars:,} chars"),
        ("codes", len(redacted.codes), "exemption codes", "on the stamp"),
    ]
    cards = "".join(
        f'<div class="total {cls}" data-total="{cls}"><span class="n">{n}</span>'
        f'<span class="what">{_e(what)}</span><span class="sub">{_e(sub)}</span></div>'
        for cls, n, what, sub in totals
    )
    by_rule = collections.Counter((d.rule, d.action.value) for d in redacted.decisions)
    rules = "".join(
        f'<li><span class="chip {action}">{_e(action)}</span> <code>{_e(rule)}</code> '
        f"× {count}</li>"
        for (rule, action), count in sorted(by_rule.items())
    )
    return (
        '<section class="summary" aria-labelledby="h-summary">\n'
        f'<h1 id="h-summary">Review of {_e(redacted.reference_id or redacted.source or "")}'
        f' under <span class="policy">{_e(redacted.policy)}</span></h1>\n'
        f'<div class="summary-grid"><dl class="meta">{meta}</dl>\n'
        f'<div><div class="totals">{cards}</div>\n'
        f'<ul class="rules" aria-label="Units by rule">{rules}</ul></div></div>\n'
        "</section>\n"
    )


def _legend() -> str:
    return (
        '<section class="legend" aria-label="Legend">'
        '<span class="key"><span class="swatch sw-withhold"></span>withheld unit (shown here, '
        "not in the release)</span>"
        '<span class="key"><span class="swatch sw-release"></span>released unit</span>'
        '<span class="key"><span class="swatch sw-cut"></span>cut term</span>'
        '<span class="key"><span class="swatch sw-header"></span>header material '
        "(released, subject to cuts)</span>"
        '<span class="key"><span class="swatch sw-cancelled"></span>cancelled banner or '
        "dropped routing</span>"
        "</section>\n"
    )


def _decision_table(redacted: Redacted) -> str:
    style = redacted.label_style
    rows = [
        f'<tr class="{d.action.value}"><td><a href="#u-{n}">{n}</a></td>'
        f"<td>{_e(_unit_name(d))}</td>"
        f'<td><span class="chip {d.action.value}">{_e(d.action.value)}</span></td>'
        f"<td><code>{_e(d.rule)}</code></td>"
        f"<td>{_e(codes_label(d.codes, style)) or '&ndash;'}</td>"
        f'<td class="reason">{_e(d.reason)}</td>'
        f'<td class="num">{d.start}&ndash;{d.end}</td></tr>'
        for n, d in enumerate(redacted.decisions, start=1)
    ]
    headers = ("#", "unit", "decision", "rule", "codes", "reason", "offsets")
    title = "Decisions, one per unit of content"
    return _table("decisions", title, headers, rows, "No unit of content.")


def _cut_table(text: str, redacted: Redacted) -> str:
    style = redacted.label_style
    rows = [
        f"<tr><td>{n}</td><td><mark>{_e(text[c.start : c.end])}</mark></td>"
        f"<td>{_e(', '.join(c.terms))}</td><td>{_e(codes_label(c.codes, style))}</td>"
        f'<td class="num">{c.start}&ndash;{c.end}</td></tr>'
        for n, c in enumerate(redacted.cuts, start=1)
    ]
    headers = ("#", "text cut", "terms", "codes", "offsets")
    return _table("cuts", "Cut terms", headers, rows, "No term was cut.")


def _table(name: str, title: str, headers: tuple[str, ...], rows: list[str], empty: str) -> str:
    """A titled section holding one table of ``rows`` (or one row saying ``empty``)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "\n".join(rows) or f'<tr><td colspan="{len(headers)}">{empty}</td></tr>'
    return (
        f'<section aria-labelledby="h-{name}">\n'
        f'<h2 id="h-{name}">{title}</h2>\n'
        f'<table class="{name}"><thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody></table>\n</section>\n"
    )


def _release_section(redacted: Redacted) -> str:
    return (
        '<section aria-labelledby="h-release">\n'
        '<h2 id="h-release">The release as it will be published</h2>\n'
        '<p class="note">What <code>redactor apply</code> writes under the same policy and '
        "date: the only part of this page that is releasable.</p>\n"
        f'<pre class="release" dir="ltr">\n{_e(render_text(redacted))}</pre>\n'
        "</section>\n"
    )


def _footer() -> str:
    return (
        '<footer class="foot">'
        f"<strong>{WATERMARK}.</strong> Produced by <code>redactor preview</code> for the "
        "reviewer. It holds withheld text, offsets and reasons; publish only the release "
        "(<code>redactor apply</code> or <code>redactor batch</code>)."
        "</footer>\n"
    )


# ---------------------------------------------------------------------------------------
# Style: inline, no web font, no image, no external resource of any kind
# ---------------------------------------------------------------------------------------

_CSS = """
:root {
  --ink: #1b1f24; --muted: #5b6470; --rule: #d5d9de; --paper: #ffffff; --bg: #eef0f3;
  --red: #a3121d; --red-bg: #fbe3e4; --red-bg2: #f6cfd2;
  --green: #1d6b35; --green-bg: #e2f3e6;
  --amber: #7a4b00; --amber-bg: #ffd874;
  --mono: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace;
  --sans: system-ui, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; color: var(--ink); font: 14px/1.45 var(--sans); }
.watermark {
  position: fixed; top: 50%; left: 50%; z-index: 50; pointer-events: none;
  transform: translate(-50%, -50%) rotate(-30deg); white-space: nowrap;
  font: 900 112px/1 var(--sans); letter-spacing: 0.06em;
  color: rgba(163, 18, 29, 0.11); border: 10px solid rgba(163, 18, 29, 0.11);
  padding: 8px 36px; user-select: none;
}
.bar {
  position: sticky; top: 0; z-index: 40; display: flex; gap: 20px; align-items: center;
  background: var(--red); color: #fff; padding: 10px 28px;
  border-bottom: 4px solid #5e0a10; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.25);
}
.bar-title { font: 800 22px/1 var(--sans); letter-spacing: 0.12em; white-space: nowrap; }
.bar-text { font-size: 13px; max-width: 880px; }
.bar code { background: rgba(255, 255, 255, 0.18); color: #fff; }
.page { max-width: 1160px; margin: 0 auto; padding: 20px 28px 40px; }
section {
  background: var(--paper); border: 1px solid var(--rule); border-radius: 6px;
  padding: 16px 20px; margin: 0 0 16px;
}
h1 { font-size: 19px; margin: 0 0 12px; }
h1 .policy { font-family: var(--mono); font-size: 17px; }
h2 {
  font-size: 13px; margin: 0 0 10px; text-transform: uppercase; letter-spacing: 0.08em;
  color: var(--muted);
}
code { font-family: var(--mono); font-size: 12.5px; background: #f1f3f5; padding: 0 3px;
  border-radius: 3px; }
.summary-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-family: var(--mono); font-size: 12.5px; overflow-wrap: anywhere;
  unicode-bidi: isolate; }
.totals { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
.total { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 10px;
  border-top-width: 5px; }
.total .n { display: block; font: 700 26px/1.1 var(--sans); }
.total .what { display: block; font-size: 12px; }
.total .sub { display: block; font-size: 11px; color: var(--muted); min-height: 1em; }
.total.withhold { border-top-color: var(--red); } .total.withhold .n { color: var(--red); }
.total.release { border-top-color: var(--green); } .total.release .n { color: var(--green); }
.total.cut { border-top-color: #d59a00; } .total.cut .n { color: var(--amber); }
.total.codes { border-top-color: #3d4a5c; }
ul.rules { list-style: none; margin: 12px 0 0; padding: 0; font-size: 13px; }
ul.rules li { margin: 2px 0; }
.chip { display: inline-block; font: 700 10.5px/1.6 var(--sans); text-transform: uppercase;
  letter-spacing: 0.05em; padding: 0 6px; border-radius: 3px; color: #fff; white-space: nowrap; }
.chip.withhold { background: var(--red); } .chip.release { background: var(--green); }
.legend { display: flex; flex-wrap: wrap; gap: 8px 22px; padding: 10px 20px; font-size: 12.5px; }
.key { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 26px; height: 14px; border: 1px solid rgba(0,0,0,.25); }
.swatch.sw-withhold { background: repeating-linear-gradient(135deg, var(--red-bg2) 0 4px,
  var(--red-bg) 4px 8px); border-color: var(--red); }
.swatch.sw-release { background: var(--green-bg); border-color: var(--green); }
.swatch.sw-cut { background: var(--amber-bg); border-color: var(--amber); }
.swatch.sw-header { background: var(--paper); }
.swatch.sw-cancelled {
  background: linear-gradient(transparent 45%, #555 45% 60%, transparent 60%); }
pre { margin: 0; font: 13px/1.6 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere;
  tab-size: 8; }
pre.doc { color: #3d4450; }
.unit, .cut, .dropped, .cancelled { unicode-bidi: isolate; }
.unit { -webkit-box-decoration-break: clone; box-decoration-break: clone; padding: 1px 0; }
.unit::before, mark.cut[data-label]::before, .dropped::before, .cancelled::before {
  content: attr(data-label); font: 700 10.5px/1.5 var(--sans); letter-spacing: 0.03em;
  padding: 1px 6px; margin-right: 6px; border-radius: 3px; white-space: nowrap;
  vertical-align: 1px;
}
.unit.withhold { background: repeating-linear-gradient(135deg, var(--red-bg2) 0 6px,
  var(--red-bg) 6px 12px); color: #4d060c; box-shadow: inset 3px 0 0 var(--red); }
.unit.withhold::before { background: var(--red); color: #fff; }
.unit.release { background: var(--green-bg); color: #0c3318;
  box-shadow: inset 3px 0 0 var(--green); }
.unit.release::before { background: var(--green); color: #fff; }
mark.cut { background: var(--amber-bg); color: #2b1a00; font-weight: 700;
  outline: 1px solid var(--amber); border-radius: 2px; }
mark.cut[data-label]::before { background: #2b2f36; color: var(--amber-bg); }
.dropped, .cancelled { color: #7b838e; text-decoration: line-through; }
.dropped::before, .cancelled::before { background: #6b7380; color: #fff;
  text-decoration: none; display: inline-block; }
table { width: 100%; border-collapse: collapse; font-size: 12.5px; }
th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--rule);
  padding: 5px 8px; }
td { border-bottom: 1px solid var(--rule); padding: 5px 8px; vertical-align: top;
  unicode-bidi: isolate; overflow-wrap: anywhere; }
td.num, td code { font-family: var(--mono); white-space: nowrap; }
td.reason { color: #38404a; }
tr.withhold td:first-child { box-shadow: inset 3px 0 0 var(--red); }
tr.release td:first-child { box-shadow: inset 3px 0 0 var(--green); }
table mark { background: var(--amber-bg); font-family: var(--mono); }
a { color: #1a4f9c; }
p.note { margin: 0 0 8px; color: var(--muted); }
pre.release { background: #f7f8fa; border: 1px solid var(--rule); padding: 10px 12px;
  border-radius: 4px; }
.foot { font-size: 12px; color: var(--muted); padding: 4px 2px; }
@media print {
  html { background: #fff; }
  .bar { position: static; }
  .watermark { color: rgba(163, 18, 29, 0.16); border-color: rgba(163, 18, 29, 0.16); }
  .unit, mark.cut, .swatch, .chip, .bar { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
"""
