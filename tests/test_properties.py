"""Properties of redact + render_text + audit_json on generated cables and policies.

Documents are cable-like: optional routing lines, a banner, an E.O. line, optional
Classified By, a SUBJECT line and 1-8 numbered paragraphs with readable marks (or none),
sometimes with CRLF line endings. Every paragraph (and the subject) carries a unique
marker token, so a withheld unit's content is detectable wherever it would leak. Policies
have a random ``unmarked`` mode, 1-4 rules with random conditions and actions, and 0-2
terms made of prose words.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor import DeclassStatus, Document, Level, Marking, PartKind, parse, roll_up
from redactor.audit import audit_json
from redactor.errors import RedactorError
from redactor.policy import Action, Policy, parse_policy
from redactor.redact import Redacted, redact
from redactor.render.text import render_text

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True)

# --- documents ----------------------------------------------------------------------------

ROUTING = [
    "VZCZCXYZ0000",
    "OO RUEHWEB",
    "DE RUEHDM #0728 0571325",
    "O 261325Z FEB 06",
    "FM AMEMBASSY DAMASCUS",
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 7276",
]
BANNERS = [
    "C O N F I D E N T I A L DAMASCUS 000728",
    "SECRET//NOFORN",
    "UNCLASSIFIED",
    "S E C R E T SECTION 01 OF 02 PARIS 001234",
    "UNCLAS ADANA 000386",
    "CONFIDENTIAL",
]
DECL_LINES = [
    "E.O. 12958: DECL: 02/26/2016",
    "E.O. 12958: DECL: 11/13/2031",
    "E.O. 12958: DECL: 05/20/2005",
    "E.O. 12958: N/A",
    "E.O. 12356: DECL: OADR",
    None,
]
MARKS = ["(U)", "(SBU)", "(C)", "(S)", "(S//NF)", "(C//REL TO USA, GBR)", None]
# Prose: ordinary words and distinctive long tokens, none of them a marking, a header
# keyword or a number; TERM_WORDS are the ones policies may cut.
WORDS = [
    "the", "minister", "said", "that", "talks", "would", "resume", "after", "elections",
    "embassy", "officials", "noted", "government", "Quetzalcoatlus", "Thessalonikiward",
    "Zbigniewskian", "counterinsurgency", "Vladivostokian", "Ouagadougouvian",
    "quarrelsomeness", "Haddad", "Omar Haddad", "Petrovna", "harbour", "pipeline",
]  # fmt: skip
TERM_WORDS = ["Haddad", "Omar Haddad", "Petrovna", "pipeline", "Quetzalcoatlus", "harbour"]
NAMES = ["Charge d'Affaires Stephen A. Seche", "Ambassador Ivo Petrovna", "CDA Omar Haddad"]
MARKER = re.compile(r"zqmark\d\dvx", re.IGNORECASE)  # the subject is upper case


def marker(index: int) -> str:
    """The unique token of unit ``index`` (0: the subject, n: paragraph n)."""
    return f"zqmark{index:02d}vx"


@st.composite
def prose(draw: st.DrawFn, index: int) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
    words.insert(draw(st.integers(0, len(words))), marker(index))
    return " ".join(words) + "."


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += draw(st.lists(st.sampled_from(ROUTING), min_size=1, max_size=4, unique=True))
        lines.append("")
    lines += [draw(st.sampled_from(BANNERS)), ""]
    decl = draw(st.sampled_from(DECL_LINES))
    if decl is not None:
        lines.append(decl)
    lines.append("TAGS: PREL PGOV")
    subject_mark = draw(st.sampled_from([None, "(U)", "(C)", "(SBU)"]))
    subject = draw(prose(0)).rstrip(".").upper()
    lines += [f"SUBJECT: {subject_mark + ' ' if subject_mark else ''}{subject}", ""]
    if draw(st.booleans()):
        lines += [f"Classified By: {draw(st.sampled_from(NAMES))} for reasons 1.4 b/d", ""]
    pilcrow = draw(st.booleans())
    for n in range(1, draw(st.integers(1, 8)) + 1):
        mark = draw(st.sampled_from(MARKS))
        head = f"{'¶' if pilcrow else ''}{n}. {mark + ' ' if mark else ''}"
        lines += [head + draw(prose(n)), ""]
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


# --- policies -----------------------------------------------------------------------------

LEVELS = ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "U", "C", "S"]
CODES = [["B1", "{reasons}"], ["B6"], ["SBU"], ["B1", "1.4(B)"], ["B7(C)"]]


@st.composite
def conditions(draw: st.DrawFn) -> dict[str, Any] | None:
    when: dict[str, Any] = {}
    if draw(st.booleans()):
        when["level"] = draw(
            st.one_of(
                st.sampled_from(LEVELS),
                st.builds(lambda x: {"at_least": x}, st.sampled_from(LEVELS)),
                st.builds(lambda x: {"at_most": x}, st.sampled_from(LEVELS)),
                st.builds(
                    lambda xs: {"in": xs},
                    st.lists(st.sampled_from(LEVELS), min_size=1, max_size=2),
                ),
            )
        )
    if draw(st.integers(0, 3)) == 0:
        when["declassified"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        key = draw(st.sampled_from(["any", "all", "none"]))
        when["controls"] = {key: draw(st.sampled_from([["NOFORN"], ["SBU"], ["NOFORN", "SBU"]]))}
    if draw(st.integers(0, 4)) == 0:
        when["releasable_to"] = "GBR"
    if draw(st.integers(0, 4)) == 0:
        when["kind"] = draw(
            st.lists(st.sampled_from(["subject", "paragraph", "text"]), min_size=1, max_size=2)
        )
    return when or None


@st.composite
def policy_data(draw: st.DrawFn) -> dict[str, Any]:
    rules = []
    for i in range(draw(st.integers(1, 4))):
        rule: dict[str, Any] = {"id": f"r{i}", "action": draw(st.sampled_from(list(Action)))}
        when = draw(conditions())
        if when is not None:
            rule["when"] = when
        if rule["action"] is Action.WITHHOLD:
            rule["exemptions"] = draw(st.sampled_from(CODES))
        rule["action"] = str(rule["action"])
        rules.append(rule)
    terms = [
        {
            "id": f"t{i}",
            "words": draw(st.lists(st.sampled_from(TERM_WORDS), min_size=1, max_size=2)),
            "exemptions": draw(st.sampled_from(CODES)),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    data: dict[str, Any] = {
        "version": 1,
        "name": "generated",
        "unmarked": draw(st.sampled_from(["inherit", "withhold", "release"])),
        "header": {"routing": draw(st.sampled_from(["keep", "drop"]))},
        "rules": rules,
        "output": {"label_style": draw(st.sampled_from(["state", "doj"]))},
    }
    if terms:
        data["terms"] = terms
    return data


def withholds_declassified(data: dict[str, Any]) -> bool:
    return any(
        rule["action"] == "withhold" and (rule.get("when") or {}).get("declassified") is True
        for rule in data["rules"]
    )


def policies(*, monotone: bool = False) -> st.SearchStrategy[Policy]:
    """Generated policies, written as YAML and read back by :func:`parse_policy`.

    ``monotone``: no rule withholds *because* content is declassified. Only such policies
    can be idempotent: a release may read as declassified where its source did not (with
    ``routing: drop`` the DTG goes, and a DECL date before it, unreadable in the source,
    reads as a passed date in the release), and then more is withheld the second time.
    """
    data = policy_data()
    if monotone:
        data = data.filter(lambda d: not withholds_declassified(d))
    return data.map(lambda data: parse_policy(yaml.safe_dump(data, sort_keys=False)))


AS_OF = st.sampled_from(
    [datetime.date(2000, 1, 1), datetime.date(2010, 6, 1), datetime.date(2026, 11, 28)]
)

RELEASE_ALL = parse_policy(
    "version: 1\nname: release-all\nunmarked: release\nrules:\n  - id: all\n    action: release\n"
)
SIMPLE = parse_policy(
    "version: 1\nname: simple\nunmarked: inherit\nrules:\n"
    "  - id: open\n    when: {level: UNCLASSIFIED}\n    action: release\n"
    "  - id: closed\n    action: withhold\n    exemptions: [B1, '{reasons}']\n"
    "terms:\n  - id: names\n    words: [Haddad]\n    fields: [classified_by, signature]\n"
    "    exemptions: [B6]\n"
)


def run(text: str, policy: Policy, as_of: datetime.date) -> tuple[Document, Redacted, str]:
    doc = parse(text)
    redacted = redact(doc, policy, as_of=as_of)
    return doc, redacted, render_text(redacted)


def words_re(word: str) -> re.Pattern[str]:
    """``word`` as a whole word, case-insensitive, spaces flexible (as terms match)."""
    body = r"\s+".join(re.escape(t) for t in word.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


# --- a. nothing withheld appears ----------------------------------------------------------


@SETTINGS
@given(documents(), policies(), AS_OF)
def test_nothing_withheld_appears(text: str, policy: Policy, as_of: datetime.date) -> None:
    """The markers of every withheld unit are in neither the text nor the audit; no cut
    term (nor, for a name, its surname) stands as a word in the text."""
    doc, redacted, rendered = run(text, policy, as_of)
    audit = audit_json(redacted)
    for d in redacted.decisions:
        if d.action is Action.WITHHOLD:
            for token in MARKER.findall(text[d.start : d.end]):
                assert token.casefold() not in rendered.casefold(), (token, d)
                assert token.casefold() not in audit.casefold(), (token, d)
    for term in policy.terms:
        for word in term.words:
            cut = [word]
            if term.surnames and len(word.split()) > 1:
                cut.append(word.split()[-1])
            for w in cut:
                assert not words_re(w).search(rendered), w
    # One placeholder per withheld unit; the audit counts agree.
    assert rendered.count("[WITHHELD ") == redacted.withheld
    assert f'"withheld":{redacted.withheld}' in audit
    assert doc.text == text


# --- b. idempotence -----------------------------------------------------------------------


@SETTINGS
@given(documents(), policies(monotone=True), AS_OF)
def test_redacting_a_release_withholds_nothing_more(
    text: str, policy: Policy, as_of: datetime.date
) -> None:
    """Redacting the rendered release again with the same policy and date keeps all that
    the first pass released.

    Precisely: every line of the first output that carries the marker of a unit released
    by the first pass (its released content, cuts already applied) is present, byte for
    byte, as a line of the second output. Placeholder lines (``¶N. (C) [WITHHELD ...]``)
    may be withheld again; the banner, stamp and header lines are not content. Policies
    that withhold declassified content are left out (see :func:`policies`).
    """
    _, first, out1 = run(text, policy, as_of)
    _, _, out2 = run(out1, policy, as_of)
    released_markers = {
        token.casefold()
        for d in first.decisions
        if d.action is Action.RELEASE
        for token in MARKER.findall(text[d.start : d.end])
    }
    lines2 = set(out2.splitlines())
    for line in out1.splitlines():
        if {t.casefold() for t in MARKER.findall(line)} & released_markers:
            assert line in lines2, line


# --- c. release everything ----------------------------------------------------------------


def cancelled_form_of(line: str, original: str) -> bool:
    """Whether ``line`` shows ``original`` cancelled: lined through with U+0336 after each
    non-space character, or prefixed ``[CANCELLED]``."""
    struck = "".join(c + "\u0336" if not c.isspace() else c for c in original)
    return line in (struck, f"[CANCELLED] {original}")


@SETTINGS
@given(documents(), AS_OF)
def test_release_everything_is_the_input(text: str, as_of: datetime.date) -> None:
    """Under ``unmarked: release`` and one ``release`` rule, the output is the input line
    for line, framed by the banner (first and last) and ``RELEASE IN FULL`` (second); only
    the original banner line is cancelled, where the release's marking differs from it (as
    when the release is unclassified)."""
    doc, redacted, rendered = run(text, RELEASE_ALL, as_of)
    nl = "\r\n" if "\r\n" in text else "\n"
    assert redacted.withheld == 0
    assert not redacted.cuts
    banner = redacted.marking.banner_form()
    assert rendered.startswith(f"{banner}{nl}RELEASE IN FULL{nl}")
    assert rendered.endswith(f"{nl}{banner}{nl}")
    body = rendered[len(f"{banner}{nl}RELEASE IN FULL{nl}") : -len(f"{banner}{nl}")]
    # The expected level: nothing declassified or unclassified keeps a classified banner.
    unclassified = expected_level(doc, as_of) is Level.UNCLASSIFIED
    assert (redacted.marking.level is Level.UNCLASSIFIED) == unclassified
    banner_parts = [p for p in doc.parts if p.kind is PartKind.BANNER]
    assert len(banner_parts) == 1
    (part,) = banner_parts
    original_banner = text[part.start : part.end]
    in_lines = text.split(nl)
    out_lines = body.split(nl)
    if not text.endswith(nl):
        in_lines.append("")  # the renderer ends the last line before the closing banner
    # The original banner line is cancelled where the release's marking is not the
    # banner's (32 CFR 2001.25(b)(4)): always so for an unclassified release of a
    # classified document.
    assert doc.banner is not None
    cancel = doc.banner.banner_form() != banner
    if unclassified and doc.banner.level is not Level.UNCLASSIFIED:
        assert cancel
    assert len(out_lines) == len(in_lines)
    for got, want in zip(out_lines, in_lines, strict=True):
        if cancel and want == original_banner:
            assert cancelled_form_of(got, want), (got, want)
        else:
            assert got == want


def expected_level(doc: Document, as_of: datetime.date) -> Level | None:
    """The release's level when every unit is released: unclassified once declassified,
    else the highest mark, unmarked units counting at the banner's level."""
    if doc.declassification_status(as_of) is DeclassStatus.DECLASSIFIED:
        return Level.UNCLASSIFIED
    by_start = {p.start: p for p in doc.portions}
    marks: list[Marking] = []
    for part in doc.parts:
        if part.kind not in (PartKind.PORTION, PartKind.SUBJECT, PartKind.TEXT):
            continue
        portion = by_start.get(part.start)
        mark = portion.marking if portion is not None else None
        if mark is None:
            mark = doc.banner if doc.banner is not None else Marking(Level.UNCLASSIFIED)
        marks.append(mark)
    return roll_up(marks).level


# --- d. no unexpected exception -----------------------------------------------------------


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(), AS_OF)
def test_arbitrary_text_raises_only_redactor_errors(text: str, as_of: datetime.date) -> None:
    try:
        doc = parse(text)
        redacted = redact(doc, SIMPLE, as_of=as_of)
        rendered = render_text(redacted)
        audit_json(redacted)
    except RedactorError:
        return
    assert rendered.count("[WITHHELD ") >= redacted.withheld


# --- e. determinism -----------------------------------------------------------------------


@SETTINGS
@given(documents(), policies(), AS_OF)
def test_deterministic(text: str, policy: Policy, as_of: datetime.date) -> None:
    _, first, out1 = run(text, policy, as_of)
    _, second, out2 = run(text, policy, as_of)
    assert out1 == out2
    assert audit_json(first) == audit_json(second)
    assert first == second
