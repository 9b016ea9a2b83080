"""The redaction engine: one decision per unit, terms cut from what is released."""

from __future__ import annotations

import dataclasses
import datetime
import textwrap

import pytest

from redactor import Level, Marking, Part, PartKind, UsageError, parse
from redactor.audit import audit_json
from redactor.policy import Action, Policy
from redactor.redact import (
    Cancelled,
    Cut,
    Decision,
    Kept,
    Redacted,
    Release,
    Withheld,
    redact,
)
from redactor.render.text import render_text
from tests.builders import (
    BANNER,
    CLASSIFIED_BY,
    EARLY,
    RELEASE_ALL,
    ROUTING,
    WITHHOLD_ALL,
    cable,
    policy,
    withheld_runs,
)

# --- builders -------------------------------------------------------------------------

BEFORE = datetime.date(2016, 2, 25)  # the day before DECL 02/26/2016
ON = datetime.date(2016, 2, 26)  # the DECL date itself: declassified


def run(text: str, pol: Policy | str, as_of: datetime.date | None = EARLY) -> Redacted:
    if isinstance(pol, str):
        pol = policy(pol)
    return redact(parse(text), pol, as_of=as_of)


def body(redacted: Redacted) -> list[Decision]:
    """The decisions on numbered paragraphs."""
    return [d for d in redacted.decisions if d.kind == "paragraph"]


def only(redacted: Redacted) -> Decision:
    (decision,) = body(redacted)
    return decision


def kept_text(redacted: Redacted) -> str:
    out = []
    for seg in redacted.segments:
        if isinstance(seg, Kept):
            out.append(seg.text)
        elif isinstance(seg, Cancelled):
            out.extend(s.text for s in seg.segments if isinstance(s, Kept))
    return "".join(out)


FALLBACK = ("B1", "1.4(B)", "1.4(D)")  # B1 and {reasons} of the test cable

# --- 1. decisions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "rules",
    [
        pytest.param(RELEASE_ALL, id="release-all"),
        pytest.param(
            "rules: [{id: paras, when: {kind: paragraph}, action: release}]", id="release-kind"
        ),
        pytest.param(WITHHOLD_ALL, id="withhold-all"),
    ],
)
@pytest.mark.parametrize("mark", ["(NF)", "(N/SF)", "(REL TO USA, GBR)"])
def test_unreadable_mark_is_withheld_whatever_the_rules(rules: str, mark: str) -> None:
    r = run(cable("C O N F I D E N T I A L", "02/26/2016", f"¶1. {mark} Text one."), rules, ON)
    d = only(r)
    assert d.action is Action.WITHHOLD
    assert d.rule == "(unknown-mark)"
    assert d.codes == FALLBACK
    # an unread mark may hold any text: the audit shows that it was unreadable, not its words
    assert d.mark == d.marking == "(UNKNOWN)"
    assert d.reason == "portion mark unreadable"


@pytest.mark.parametrize(
    ("mark", "shown"),
    [
        pytest.param("(Ahmed Ali NF)", "(UNKNOWN)", id="unknown-mark"),
        pytest.param("(S//REL TO USA, AHMED ALI)", "(S//UNREADABLE)", id="unknown-rel-token"),
        pytest.param("(S/NF Ahmed)", "(S//UNREADABLE)", id="unreadable-controls"),
    ],
)
def test_words_inside_a_mark_never_reach_the_lead_or_the_audit(mark: str, shown: str) -> None:
    text = cable(BANNER, "02/26/2016", f"¶1. {mark} Text one.")
    r = run(text, WITHHOLD_ALL)
    (d,) = body(r)
    assert d.mark == d.marking == shown
    out = render_text(r) + audit_json(r)
    assert f"¶1. {shown} [WITHHELD" in out
    assert "ahmed" not in out.casefold()


@pytest.mark.parametrize(
    ("mark", "shown"),
    [
        pytest.param("(s//nf)", "(S//NF)", id="lower-case"),
        pytest.param("(S/NF)", "(S//NF)", id="single-slash"),
        pytest.param("( C )", "(C)", id="spaced"),
        pytest.param("(S//SAR-KINGFISHER//NF)", "(S//SAR//NF)", id="sap-name"),
        pytest.param("(TS//SI-OSPREY/TK//NF)", "(TS//SI/TK//NF)", id="sci-compartment"),
        pytest.param("(TS//HCS-P/SI-G//ORCON/NF)", "(TS//HCS/SI//OC/NF)", id="sci-sub"),
        pytest.param("(S//REL TO USA, GBR)", "(S//REL TO USA, GBR)", id="rel-to"),
        pytest.param("(S//REL TO USA, XYZ)", "(S//UNREADABLE)", id="rel-to-not-iso"),
        pytest.param("(//ZZZZ S)", "(S//UNREADABLE)", id="fgi-not-iso"),
        pytest.param("(S//SAR-BLUE SKY//NF)", "(S//UNREADABLE)", id="sap-name-with-space"),
    ],
)
def test_a_mark_prints_from_its_reading_never_as_written(mark: str, shown: str) -> None:
    """Issue 13, point 8: the lead and the audit show the mark rebuilt from the closed
    vocabulary of redactor.leads, never a compartment, program or other word as written."""
    r = run(cable(BANNER, "02/26/2016", f"¶1. {mark} Text one."), WITHHOLD_ALL)
    (d,) = body(r)
    assert (d.mark, d.marking) == (shown, shown)
    out = render_text(r) + audit_json(r)
    assert f"¶1. {shown} [WITHHELD" in out
    for word in ("KINGFISHER", "OSPREY", "XYZ", "ZZZZ", "BLUE", "SKY", "HCS-P", "SI-G"):
        assert word not in out


def test_unreadable_mark_uses_the_fallback_exemptions() -> None:
    pol = policy("fallback_exemptions: [B5]\n" + RELEASE_ALL)
    d = only(run(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (NF) One."), pol))
    assert (d.rule, d.codes) == ("(unknown-mark)", ("B5",))


@pytest.mark.parametrize(
    ("unmarked", "action", "rule", "codes", "reason"),
    [
        pytest.param(
            "release", Action.RELEASE, "(unmarked)", (), "unmarked: release", id="release"
        ),
        pytest.param(
            "withhold", Action.WITHHOLD, "(unmarked)", FALLBACK, "unmarked: withhold", id="withhold"
        ),
        pytest.param(
            "inherit",
            Action.WITHHOLD,
            "classified",
            ("B7(C)",),
            "unmarked, inherits the banner CONFIDENTIAL; level CONFIDENTIAL",
            id="inherit",
        ),
    ],
)
def test_unmarked(
    unmarked: str, action: Action, rule: str, codes: tuple[str, ...], reason: str
) -> None:
    pol = policy(
        """
        rules:
          - {id: classified, when: {level: C}, action: withhold, exemptions: [B7(C)]}
          - {id: rest, action: release}
        """,
        unmarked=unmarked,
    )
    r = run(cable("C O N F I D E N T I A L", "02/26/2016", "3. Unmarked three."), pol)
    d = only(r)
    assert (d.action, d.rule, d.codes) == (action, rule, codes)
    assert d.reason.startswith(reason)
    assert d.mark is None
    assert d.number == "3"
    if unmarked == "inherit":
        assert d.marking == "(C)"  # what the rules saw: the banner's marking


def test_inherit_without_a_banner_withholds() -> None:
    doc = parse("SUBJECT: HELLO\n\n1. Unmarked paragraph.\n\n2. Another.\n")
    assert doc.banner is None
    r = redact(doc, policy(RELEASE_ALL), as_of=EARLY)
    assert [(d.kind, d.action, d.rule, d.codes) for d in r.decisions] == [
        ("subject", Action.WITHHOLD, "(unmarked)", ("B1",)),
        ("paragraph", Action.WITHHOLD, "(unmarked)", ("B1",)),
        ("paragraph", Action.WITHHOLD, "(unmarked)", ("B1",)),
    ]
    assert all("banner is missing or unreadable" in d.reason for d in r.decisions)


def test_inherit_with_an_unreadable_banner_withholds() -> None:
    doc = parse(cable("C O N F I D E N T I A L", "02/26/2016", "3. Unmarked."))
    doc = dataclasses.replace(doc, banner=Marking(None, raw="SEKRET"))
    r = redact(doc, policy(RELEASE_ALL), as_of=EARLY)
    d = only(r)
    assert (d.action, d.rule, d.codes) == (Action.WITHHOLD, "(unmarked)", FALLBACK)
    assert "missing or unreadable" in d.reason


@pytest.mark.parametrize(
    ("rules", "rule", "action"),
    [
        pytest.param(
            """
            rules:
              - {id: first, when: {level: C}, action: release}
              - {id: second, when: {kind: paragraph}, action: withhold, exemptions: [B5]}
            """,
            "first",
            Action.RELEASE,
            id="release-first",
        ),
        pytest.param(
            """
            rules:
              - {id: second, when: {kind: paragraph}, action: withhold, exemptions: [B5]}
              - {id: first, when: {level: C}, action: release}
            """,
            "second",
            Action.WITHHOLD,
            id="withhold-first",
        ),
        pytest.param(
            """
            rules:
              - {id: skipped, when: {level: S}, action: release}
              - {id: hit, when: {level: C}, action: withhold, exemptions: [B5]}
              - {id: also, action: release}
            """,
            "hit",
            Action.WITHHOLD,
            id="first-that-holds",
        ),
    ],
)
def test_first_matching_rule_wins(rules: str, rule: str, action: Action) -> None:
    d = only(run(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One."), rules))
    assert (d.rule, d.action) == (rule, action)


def test_no_rule_matching_withholds_with_the_fallback() -> None:
    pol = policy(
        """
        fallback_exemptions: [B3, '{reasons}']
        rules: [{id: secret-only, when: {level: S}, action: release}]
        """
    )
    r = run(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One."), pol)
    subject, para = r.decisions
    assert (para.action, para.rule, para.codes) == (
        Action.WITHHOLD,
        "(no-rule)",
        ("1.4(B)", "1.4(D)", "B3"),  # State order: 1.4 grounds go with B1, before B3
    )
    assert para.reason == "no rule matched"
    assert subject.rule == "(no-rule)"
    assert subject.reason == "unmarked, inherits the banner CONFIDENTIAL; no rule matched"


# Each condition, holding and failing: (when, mark, as_of, holds, phrase in the reason).
CONDITIONS = [
    ("level: C", "(C)", EARLY, True, "level CONFIDENTIAL (in CONFIDENTIAL)"),
    ("level: SECRET", "(C)", EARLY, False, None),
    ("level: {at_least: S}", "(S)", EARLY, True, "level SECRET (at least SECRET)"),
    ("level: {at_least: S}", "(C)", EARLY, False, None),
    ("level: {at_most: C}", "(C)", EARLY, True, "level CONFIDENTIAL (at most CONFIDENTIAL)"),
    ("level: {at_most: C}", "(S)", EARLY, False, None),
    ("level: {in: [U, S]}", "(S)", EARLY, True, "level SECRET (in UNCLASSIFIED/SECRET)"),
    ("level: {in: [U, S]}", "(C)", EARLY, False, None),
    ("declassified: true", "(C)", ON, True, "DECL 2016-02-26 on or before as-of 2016-02-26"),
    ("declassified: true", "(C)", BEFORE, False, None),
    ("declassified: false", "(C)", BEFORE, True, "DECL 2016-02-26 after as-of 2016-02-25"),
    ("declassified: false", "(C)", EARLY, True, "DECL 2016-02-26 after as-of 2010-01-01"),
    ("declassified: false", "(C)", ON, False, None),
    ("controls: {any: [NOFORN, ORCON]}", "(S//NF)", EARLY, True, "controls any of NOFORN, ORCON"),
    ("controls: {any: [NOFORN]}", "(S)", EARLY, False, None),
    ("controls: {all: [NOFORN, ORCON]}", "(S//OC/NF)", EARLY, True, "controls all of NOFORN"),
    ("controls: {all: [NOFORN, ORCON]}", "(S//NF)", EARLY, False, None),
    ("controls: {none: [NOFORN]}", "(S)", EARLY, True, "controls none of NOFORN"),
    ("controls: {none: [NOFORN]}", "(S//NF)", EARLY, False, None),
    ("releasable_to: GBR", "(S//REL TO USA, GBR)", EARLY, True, "releasable to GBR"),
    ("releasable_to: GBR", "(S//REL TO USA, FVEY)", EARLY, True, "releasable to GBR"),
    ("releasable_to: GBR", "(S//REL TO USA, AUS)", EARLY, False, None),
    ("releasable_to: GBR", "(S//NF)", EARLY, False, None),
    ("releasable_to: GBR", "(S)", EARLY, False, None),
    ("releasable_to: FVEY", "(S//REL TO USA, GBR)", EARLY, False, None),
    ("releasable_to: FVEY", "(S//REL TO USA, FVEY)", EARLY, True, "releasable to FVEY"),
    ("kind: paragraph", "(C)", EARLY, True, "kind paragraph"),
    ("kind: [subject, text]", "(C)", EARLY, False, None),
]


@pytest.mark.parametrize(
    ("when", "mark", "as_of", "holds", "phrase"),
    [
        pytest.param(*c, id=f"{c[0]}-{c[1]}-{c[2]}-{'holds' if c[3] else 'fails'}")
        for c in CONDITIONS
    ],
)
def test_each_condition(
    when: str, mark: str, as_of: datetime.date, holds: bool, phrase: str | None
) -> None:
    pol = policy(f"rules: [{{id: r, when: {{{when}}}, action: release}}]")
    d = only(run(cable("S E C R E T", "02/26/2016", f"¶1. {mark} Text one."), pol, as_of))
    if holds:
        assert (d.action, d.rule, d.codes) == (Action.RELEASE, "r", ())
        assert phrase is not None
        assert phrase in d.reason
    else:
        assert (d.action, d.rule) == (Action.WITHHOLD, "(no-rule)")


def test_all_conditions_together_join_their_phrases() -> None:
    pol = policy(
        """
        rules:
          - id: r
            when:
              level: {at_least: C}
              declassified: false
              controls: {none: [NOFORN]}
              releasable_to: GBR
              kind: paragraph
            action: release
        """
    )
    d = only(run(cable("S E C R E T", "02/26/2016", "¶1. (S//REL TO USA, GBR) One."), pol))
    assert d.reason == (
        "level SECRET (at least CONFIDENTIAL); DECL 2016-02-26 after as-of 2010-01-01; "
        "controls none of NOFORN; releasable to GBR; kind paragraph"
    )


KINDS_TEXT = cable(
    "C O N F I D E N T I A L",
    "02/26/2016",
    "Some preamble text.",
    "¶1. (C) A paragraph.",
    "A. (C) A sub-paragraph.",
    subject="(C) A MARKED SUBJECT",
)


@pytest.mark.parametrize("kind", ["subject", "paragraph", "sub-paragraph", "text"])
def test_kind_condition(kind: str) -> None:
    pol = policy(f"rules: [{{id: k, when: {{kind: {kind}}}, action: release}}]")
    r = run(KINDS_TEXT, pol)
    assert sorted(d.kind for d in r.decisions) == sorted(
        ["subject", "text", "paragraph", "sub-paragraph"]
    )
    released = [d.kind for d in r.decisions if d.action is Action.RELEASE]
    assert released == [kind]
    for d in r.decisions:
        assert d.rule == ("k" if d.kind == kind else "(no-rule)")


@pytest.mark.parametrize(
    ("decl", "declassified_rule"),
    [
        pytest.param("OADR", "DECL oadr:", id="oadr"),
        pytest.param(None, "DECL missing:", id="missing"),
    ],
)
def test_unknown_decl_is_not_declassified(decl: str | None, declassified_rule: str) -> None:
    text = cable("C O N F I D E N T I A L", decl, "¶1. (C) One.")
    late = datetime.date(2099, 1, 1)
    d = only(run(text, "rules: [{id: d, when: {declassified: true}, action: release}]", late))
    assert (d.action, d.rule) == (Action.WITHHOLD, "(no-rule)")
    rules = "rules: [{id: c, when: {declassified: false}, action: withhold, exemptions: [B1]}]"
    d = only(run(text, rules, late))
    assert (d.action, d.rule) == (Action.WITHHOLD, "c")
    assert declassified_rule in d.reason


def test_unclassified_document_counts_as_declassified() -> None:
    text = cable("UNCLAS", "N/A", "¶1. (U) One.", by=None)
    d = only(run(text, "rules: [{id: d, when: {declassified: true}, action: release}]"))
    assert (d.action, d.rule) == (Action.RELEASE, "d")
    assert "unclassified document" in d.reason


def test_restricted_data_keeps_a_document_classified() -> None:
    text = cable("S E C R E T", "02/26/2016", "¶1. (S//RD) One.")
    rules = "rules: [{id: c, when: {declassified: false}, action: withhold, exemptions: [B3]}]"
    d = only(run(text, rules, datetime.date(2030, 1, 1)))
    assert (d.action, d.rule, d.codes) == (Action.WITHHOLD, "c", ("B3",))
    assert "a NATO or RD/FRD/TFNI marking keeps it classified" in d.reason


def test_rule_without_conditions_still_explains() -> None:
    d = only(run(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One."), RELEASE_ALL))
    assert d.rule == "all"
    assert d.reason  # never empty
    assert "always" in d.reason


@pytest.mark.parametrize(
    ("by", "fallback", "codes"),
    [
        pytest.param(CLASSIFIED_BY, "[B1, '{reasons}']", ("1.4(B)", "1.4(D)", "B5"), id="reasons"),
        pytest.param(
            "Classified By: CDA Chris Stevens for reasons 1.4 (c)",
            "[B1]",
            ("1.4(C)", "B5"),
            id="one-reason",
        ),
        pytest.param(None, "[B1, '{reasons}']", ("B5",), id="no-reasons"),
    ],
)
def test_reasons_placeholder(by: str | None, fallback: str, codes: tuple[str, ...]) -> None:
    pol = policy(
        f"""
        fallback_exemptions: {fallback}
        rules: [{{id: w, action: withhold, exemptions: [B5, '{{reasons}}']}}]
        """
    )
    d = only(run(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.", by=by), pol))
    assert d.codes == codes


@pytest.mark.parametrize(
    ("by", "codes"),
    [
        pytest.param(CLASSIFIED_BY, ("1.4(B)", "1.4(D)"), id="reasons"),
        pytest.param(None, ("B7(A)",), id="no-reasons-falls-back"),
    ],
)
def test_reasons_alone_falls_back_when_empty(by: str | None, codes: tuple[str, ...]) -> None:
    pol = policy(
        """
        fallback_exemptions: [B7(A)]
        rules: [{id: w, action: withhold, exemptions: ['{reasons}']}]
        """
    )
    r = run(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.", by=by), pol)
    d = only(r)
    assert (d.rule, d.codes) == ("w", codes)
    assert r.codes == codes
    assert r.release is Release.PART


# --- 2. as_of -------------------------------------------------------------------------

DECLASSIFIED_RULES = """
rules:
  - {id: open, when: {declassified: true}, action: release}
  - {id: shut, action: withhold, exemptions: [B1]}
"""


@pytest.mark.parametrize(
    ("policy_as_of", "argument", "used", "rule"),
    [
        pytest.param("2016-02-26", None, ON, "open", id="policy-date"),
        pytest.param("2016-02-25", None, BEFORE, "shut", id="policy-date-before"),
        pytest.param("2016-02-26", BEFORE, BEFORE, "shut", id="argument-wins"),
        pytest.param(None, ON, ON, "open", id="argument-only"),
        pytest.param(None, datetime.datetime(2016, 2, 26, 0, 1), ON, "open", id="datetime"),
        pytest.param(
            None, datetime.datetime(2016, 2, 25, 23, 59), BEFORE, "shut", id="datetime-before"
        ),
    ],
)
def test_as_of(
    policy_as_of: str | None, argument: datetime.date | None, used: datetime.date, rule: str
) -> None:
    head = f"as_of: {policy_as_of}\n" if policy_as_of else ""
    pol = policy(head + DECLASSIFIED_RULES)
    r = redact(
        parse(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.")), pol, as_of=argument
    )
    assert r.as_of == used
    assert type(r.as_of) is datetime.date
    assert only(r).rule == rule


def test_no_as_of_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="as-of"):
        redact(
            parse(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.")),
            policy(RELEASE_ALL),
        )


# --- 3. terms -------------------------------------------------------------------------


def terms(snippet: str, rules: str = RELEASE_ALL) -> Policy:
    snippet = textwrap.indent(textwrap.dedent(snippet), "  ")
    return policy(textwrap.dedent(rules) + "\nterms:\n" + snippet)


def cut_texts(text: str, pol: Policy, as_of: datetime.date = EARLY) -> list[str]:
    """The original text under each cut."""
    r = redact(parse(text), pol, as_of=as_of)
    return [text[c.start : c.end] for c in r.cuts]


def para(*paragraphs: str) -> str:
    """A cable under a CONFIDENTIAL banner with the given paragraphs, no signature."""
    return cable("C O N F I D E N T I A L", "02/26/2016", *paragraphs, sig=None)


@pytest.mark.parametrize(
    ("words", "paragraph", "cut"),
    [
        pytest.param(["Erkhov"], "¶1. (C) ERKHOV said.", ["ERKHOV"], id="upper-case"),
        pytest.param(["ERKHOV"], "¶1. (C) erkhov said.", ["erkhov"], id="lower-case"),
        pytest.param(
            ["Alexsey Erkhov"],
            "¶1. (C) DCM Alexsey\n   Erkhov told.",
            ["Alexsey\n   Erkhov"],
            id="line-break",
        ),
        pytest.param(
            ["Alexsey Erkhov"],
            "¶1. (C) DCM Alexsey\u00a0Erkhov told.",
            ["Alexsey\u00a0Erkhov"],
            id="nbsp",
        ),
        pytest.param(
            ["Erkhov"], "¶1. (C) Erkhovsky and Erkhov, again.", ["Erkhov"], id="not-inside"
        ),
        # Letters and digits make words; `_` parts them (issue 13 point 10: `seche_stephen`).
        pytest.param(
            ["Erkhov"], "¶1. (C) MrErkhov met Erkhov2 and Erkhov_2.", ["Erkhov"], id="word-chars"
        ),
        pytest.param(["Erkhov"], "¶1. (C) (Erkhov) met.", ["Erkhov"], id="punctuation"),
        pytest.param(["Müller"], "¶1. (C) Müllerin and MÜLLER met.", ["MÜLLER"], id="accented"),
        pytest.param(["Erkhov"], "¶1. (C) Erkhové met Erkhov.", ["Erkhov"], id="accent-after"),
        pytest.param(["Erkhov"], "¶1. (C) éErkhov met.", [], id="accent-before"),
        pytest.param(["Saltanov"], "¶1. (C) Saltanov", ["Saltanov"], id="end-of-text"),
        pytest.param(["A.B. (Co)"], "¶1. (C) Met a.b. (co) today.", ["a.b. (co)"], id="literal"),
    ],
)
def test_words(words: list[str], paragraph: str, cut: list[str]) -> None:
    pol = terms(f"- {{id: t, words: {words!r}, exemptions: [B6]}}")
    assert cut_texts(para(paragraph), pol) == cut


@pytest.mark.parametrize(
    ("word", "written"),
    [
        pytest.param("Müller", "Mu\u0308ller", id="nfc-word-nfd-text"),
        pytest.param("Mu\u0308ller", "Müller", id="nfd-word-nfc-text"),
        pytest.param("Gülen", "GU\u0308LEN", id="nfd-upper-case"),
    ],
)
def test_words_match_canonically_equivalent_spellings(word: str, written: str) -> None:
    """A name written with a combining accent is the same name: it must be cut too.

    (Fails today: words are matched code point by code point, so a decomposed spelling of a
    protected name is released.)
    """
    pol = terms(f"- {{id: t, words: ['{word}'], exemptions: [B6]}}")
    assert cut_texts(para(f"¶1. (C) {written} met."), pol) == [written]


@pytest.mark.parametrize(
    ("surnames", "cut"),
    [
        # "Seches" is the surname's plural: cut, with its ending (issue 13 point 10).
        pytest.param("true", ["Stephen A. Seche", "SECHE", "Seches", "Seche"], id="surnames"),
        pytest.param("false", ["Stephen A. Seche"], id="no-surnames"),
    ],
)
def test_surnames(surnames: str, cut: list[str]) -> None:
    pol = terms(f"- {{id: t, words: ['Stephen A. Seche'], surnames: {surnames}, exemptions: [B6]}}")
    text = para("¶1. (C) Stephen A. Seche met SECHE and Seches, said Seche.")
    assert cut_texts(text, pol) == cut


def test_short_surname_is_not_cut_alone() -> None:
    pol = terms("- {id: t, words: ['Kim L.', 'Jean-Luc Y', 'Ban Ki-moon'], exemptions: [B6]}")
    text = para("¶1. (C) Kim L. met L. and Y and Jean-Luc Y and Ki-moon today.")
    assert cut_texts(text, pol) == ["Kim L.", "Jean-Luc Y", "Ki-moon"]


@pytest.mark.parametrize(
    ("paragraph", "cut"),
    [
        pytest.param("¶1. (C) MOHAMMADALI HASSAN spoke.", ["HASSAN"], id="surname-inside"),
        pytest.param("¶1. (C) XSEcHE SECHE spoke.", ["SECHE"], id="after-rejected"),
        pytest.param("¶1. (C) XALI HASSANX and HASSAN.", ["HASSAN"], id="retry-rejected-too"),
    ],
)
def test_rejected_match_hides_a_whole_word(paragraph: str, cut: list[str]) -> None:
    pol = terms("- {id: t, words: ['Ali Hassan', 'Stephen Seche'], exemptions: [B6]}")
    assert cut_texts(para(paragraph), pol) == cut


@pytest.mark.parametrize(
    ("pattern", "paragraph", "cut"),
    [
        pytest.param("[0-9]{3}-[0-9]{4}", "¶1. (C) Call 555-1234 now.", ["555-1234"], id="phone"),
        pytest.param("Erkh", "¶1. (C) Erkhovsky met.", ["Erkh"], id="not-whole-words"),
        pytest.param("(?i)polchief", "¶1. (C) POLCHIEF met.", ["POLCHIEF"], id="flags"),
        pytest.param("x*", "¶1. (C) Empty matches.", [], id="empty-matches-skipped"),
        pytest.param(
            r"\p{Lu}\p{Ll}+ \(protect\)",
            "¶1. (C) Ömer (protect) spoke.",
            ["Ömer (protect)"],
            id="unicode",
        ),
    ],
)
def test_patterns(pattern: str, paragraph: str, cut: list[str]) -> None:
    pol = terms(f"- id: t\n  patterns: ['{pattern}']\n  exemptions: [B6]")
    assert cut_texts(para(paragraph), pol) == cut


@pytest.mark.parametrize(
    ("fields", "cut"),
    [
        # A name cut in the header is also cut wherever else it is released: the
        # classifier's surname in the sign-off, the sign-off in the Classified By line.
        # The classifier's title (CDA) is never cut (issue 14, point 2).
        pytest.param("[classified_by]", ["Chris Stevens", "STEVENS"], id="classified-by"),
        pytest.param("[signature]", ["Stevens", "STEVENS"], id="signature"),
        pytest.param("[classified_by, signature]", ["Chris Stevens", "STEVENS"], id="both"),
    ],
)
def test_fields(fields: str, cut: list[str]) -> None:
    pol = terms(f"- {{id: t, fields: {fields}, exemptions: [B6]}}")
    assert cut_texts(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One."), pol) == cut


@pytest.mark.parametrize(
    ("classifier", "paragraph", "cut"),
    [
        pytest.param(
            "Ambassador Anne W. Patterson",
            "¶1. (U) Cleared by Ambassador Anne W.\nPatterson and by PATTERSON's deputy.",
            # the person alone, in the header and elsewhere (the title is released);
            # the possessive with its ending
            ["Anne W. Patterson", "Anne W.\nPatterson", "PATTERSON's"],
            id="name-and-surname-elsewhere",
        ),
        pytest.param(
            "Political Counselor",
            "¶1. (U) The Political Counselor met the Counselor.",
            [],  # a statement naming no one cuts nothing, here or elsewhere
            id="titles-only-not-searched",
        ),
        pytest.param(
            "Polcouns Jo Counselor",
            "¶1. (U) The Counselor met Jo.",
            # the person between two titles, cut where the header gives it (a name of
            # fewer than three letters is not searched elsewhere); the titles never
            ["Jo"],
            id="a-title-is-never-a-surname",
        ),
    ],
)
def test_field_names_are_cut_wherever_released(
    classifier: str, paragraph: str, cut: list[str]
) -> None:
    pol = terms("- {id: t, fields: [classified_by], exemptions: [B6]}")
    text = para(paragraph).replace("CDA Chris Stevens", classifier)
    assert cut_texts(text, pol) == cut


def test_fields_absent_cut_nothing() -> None:
    pol = terms("- {id: t, fields: [classified_by, signature], exemptions: [B6]}")
    assert cut_texts(para("¶1. (C) One.").replace(CLASSIFIED_BY + "\n\n", ""), pol) == []


def test_overlapping_cuts_merge() -> None:
    pol = terms(
        """
        - {id: name, words: [Chris Stevens], exemptions: [B6]}
        - {id: phrase, patterns: ['Stevens for reasons'], exemptions: [B7(C)]}
        - {id: post, words: [TRIPOLI], exemptions: [B6]}
        """
    )
    text = cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.", sig=None)
    r = redact(parse(text), pol, as_of=EARLY)
    cuts = [(text[c.start : c.end], c.terms, c.codes) for c in r.cuts]
    assert cuts == [
        ("TRIPOLI", ("post",), ("B6",)),
        ("TRIPOLI", ("post",), ("B6",)),
        ("Chris Stevens for reasons", ("name", "phrase"), ("B6", "B7(C)")),
    ]
    merged = [s for s in r.segments if isinstance(s, Cut) and len(s.terms) == 2]
    assert merged == [Cut(("B6", "B7(C)"), ("name", "phrase"))]
    assert r.codes == ("B6", "B7(C)")


def test_same_term_twice_over_one_span_is_one_cut() -> None:
    pol = terms("- {id: t, words: [Chris Stevens], patterns: [Chris], exemptions: [B6]}")
    text = para("¶1. (C) Chris Stevens met.")
    r = redact(parse(text), pol, as_of=EARLY)
    assert [(text[c.start : c.end], c.terms) for c in r.cuts] == [
        ("Chris Stevens", ("t",)),
        ("Chris Stevens", ("t",)),
    ]


def test_cuts_never_reach_into_withheld_portions() -> None:
    pol = terms(
        """
        - {id: name, words: [Erkhov], exemptions: [B6]}
        - {id: span, patterns: ['tail\\.\\s+¶2\\. \\(S\\) head'], exemptions: [B3]}
        """,
        rules="""
        rules:
          - {id: s, when: {level: S}, action: withhold, exemptions: [B1]}
          - {id: rest, action: release}
        """,
    )
    text = para("¶1. (C) Erkhov tail.", "¶2. (S) head Erkhov.", "¶3. (C) Erkhov again.")
    r = redact(parse(text), pol, as_of=EARLY)
    # The unmarked subject inherits the document's SECRET (its (S) portion outranks the
    # CONFIDENTIAL banner, issue 13 point 7): withheld with paragraph 2.
    assert [d.kind for d in r.decisions if d.action is Action.WITHHOLD] == ["subject", "paragraph"]
    withheld = [
        (d.start, d.end)
        for d in r.decisions
        if d.action is Action.WITHHOLD and d.kind == "paragraph"
    ]
    assert len(withheld) == 1
    ws, we = withheld[0]
    for c in r.cuts:
        assert c.end <= ws or c.start >= we
    assert [text[c.start : c.end] for c in r.cuts] == ["Erkhov", "tail.\n\n", "Erkhov"]
    assert [c.codes for c in r.cuts] == [("B6",), ("B3",), ("B6",)]


def test_cuts_do_not_straddle_a_cancelled_banner() -> None:
    pol = terms("- {id: t, patterns: ['000220\\s+SIPDIS'], exemptions: [B6]}")
    text = cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (U) One.", subject="(U) S")
    r = redact(parse(text), pol, as_of=EARLY)
    assert r.marking.level is Level.UNCLASSIFIED
    assert [text[c.start : c.end] for c in r.cuts] == ["000220", "\n\nSIPDIS"]
    (cancelled,) = [s for s in r.segments if isinstance(s, Cancelled)]
    assert cancelled.segments[-1] == Cut(("B6",), ("t",))
    after = r.segments[r.segments.index(cancelled) + 1]
    assert after == Cut(("B6",), ("t",))


@pytest.mark.parametrize(
    ("word", "line"),
    [
        pytest.param("AMEMBASSY TRIPOLI", "FM [B6]", id="from"),
        pytest.param("SECSTATE", "TO RUEHC/[B6] WASHDC IMMEDIATE 3217", id="to"),
        pytest.param(
            "Chris Stevens", "Classified By: CDA [B6] for reasons 1.4 (b) and (d)", id="by"
        ),
        pytest.param("Stevens", "[B6]", id="signature"),
        pytest.param("PGOV", "TAGS: [B6] PREL", id="tags"),
    ],
)
def test_terms_cut_header_lines(word: str, line: str) -> None:
    pol = terms(f"- {{id: t, words: [{word}], exemptions: [B6]}}")
    out = render_text(run(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One."), pol))
    assert line in out.splitlines()


# --- 5. the recomputed marking --------------------------------------------------------


@pytest.mark.parametrize(
    ("banner", "paragraphs", "rules", "as_of", "marking"),
    [
        pytest.param(
            "S E C R E T", ["¶1. (C) One.", "¶2. (S//NF) Two."], RELEASE_ALL, EARLY,
            "SECRET//NOFORN", id="roll-up",
        ),
        pytest.param(
            "S E C R E T", ["¶1. (C) One.", "¶2. (U) Two."],
            "rules: [{id: c, when: {level: {at_most: C}, kind: paragraph}, action: release}]",
            EARLY, "CONFIDENTIAL", id="roll-up-of-released-only",
        ),
        pytest.param(
            "S E C R E T", ["¶1. (C) One.", "¶2. (S) Two."], RELEASE_ALL, ON,
            "UNCLASSIFIED", id="declassified",
        ),
        pytest.param(
            "S E C R E T", ["¶1. (S//REL TO USA, GBR) One.", "¶2. (S//NF) Two."],
            "rules: [{id: gbr, when: {releasable_to: GBR}, action: release}]",
            EARLY, "SECRET//REL TO USA, GBR", id="partner",
        ),
        pytest.param(
            "S E C R E T", ["¶1. (C) One.", "¶2. (S) Two."], WITHHOLD_ALL, EARLY,
            "UNCLASSIFIED", id="all-withheld",
        ),
    ],
)  # fmt: skip
def test_recomputed_marking(
    banner: str, paragraphs: list[str], rules: str, as_of: datetime.date, marking: str
) -> None:
    r = run(cable(banner, "02/26/2016", *paragraphs), rules, as_of)
    assert r.marking.banner_form() == marking
    assert r.original is not None
    assert r.original.level is Level.SECRET


@pytest.mark.parametrize(
    ("text", "marking"),
    [
        pytest.param(
            cable("C O N F I D E N T I A L", "02/26/2016", "3. Unmarked.", subject="(U) S"),
            "CONFIDENTIAL",
            id="banner",
        ),
        pytest.param("SUBJECT: HELLO\n\n1. Unmarked paragraph.\n", "UNCLASSIFIED", id="no-banner"),
    ],
)
def test_unmarked_released_content_counts_as_the_banner(text: str, marking: str) -> None:
    pol = policy(
        "rules: [{id: w, when: {level: U}, action: withhold, exemptions: [B5]}]",
        unmarked="release",
    )
    r = run(text, pol)
    d = only(r)
    assert (d.action, d.rule) == (Action.RELEASE, "(unmarked)")
    assert r.marking.banner_form() == marking


# --- the Redacted value ---------------------------------------------------------------


def test_redacted_fields() -> None:
    text = cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.", "¶2. (U) Two.")
    rules = """
    rules:
      - {id: c, when: {level: C}, action: withhold, exemptions: [B1, '{reasons}']}
      - {id: rest, action: release}
    """
    r = redact(parse(text, source="x.txt"), policy(rules), as_of=EARLY)
    assert r.source == "x.txt"
    assert r.policy == "test"
    assert r.release is Release.PART
    assert r.codes == FALLBACK
    assert (r.withheld, r.released) == (2, 1)
    assert r.newline == "\n"
    assert r.routing_dropped is False
    assert r.label_style.value == "state"
    withheld = [s for s in r.segments if isinstance(s, Withheld)]
    assert withheld == [
        Withheld("SUBJECT:", FALLBACK, "c"),
        Withheld("¶1. (C)", FALLBACK, "c"),
    ]
    assert r.decisions[1].start == text.index("¶1.")
    assert r.decisions[1].end == text.index("One.") + 4


def test_release_in_full() -> None:
    r = run(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One."), RELEASE_ALL)
    assert r.release is Release.FULL
    assert r.codes == ()
    assert r.cuts == ()
    assert all(isinstance(s, Kept) for s in r.segments)


def test_routing_drop() -> None:
    text = cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.")
    r = run(text, "header: {routing: drop}\n" + WITHHOLD_ALL)
    assert r.routing_dropped is True
    assert "AMEMBASSY" not in kept_text(r)
    assert kept_text(r).startswith("C O N F I D E N T I A L TRIPOLI")
    kept = run(text, WITHHOLD_ALL)
    assert kept.routing_dropped is False
    assert kept_text(kept).startswith(ROUTING)


def test_routing_drop_without_routing() -> None:
    r = run("SUBJECT: HELLO\n\n1. Unmarked paragraph.\n", "header: {routing: drop}\n" + RELEASE_ALL)
    assert r.routing_dropped is False


def test_routing_drop_at_the_very_end() -> None:
    doc = parse(cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One."))
    # A routing part with nothing after it: the drop takes no trailing space.
    text = doc.text
    elements = tuple(e for e in doc.elements if e.kind is not PartKind.ROUTING)
    tail = Part(PartKind.ROUTING, len(text) - 1, len(text))
    doc = dataclasses.replace(doc, text=text, elements=(*elements, tail))
    r = redact(doc, policy("header: {routing: drop}\n" + RELEASE_ALL), as_of=EARLY)
    assert r.routing_dropped is True
    assert kept_text(r) == text[:-1]


# --- 6. nothing withheld leaks --------------------------------------------------------


def _strings(value: object) -> list[str]:
    """Every string held anywhere in a value (dataclasses, tuples, enums)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = []
        for f in dataclasses.fields(value):
            out.extend(_strings(getattr(value, f.name)))
        return out
    if isinstance(value, (tuple, list, frozenset, set)):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    return []


def test_redacted_holds_no_withheld_text(seed_text: str) -> None:
    doc = parse(seed_text)
    pol = policy(WITHHOLD_ALL, unmarked="withhold")
    r = redact(doc, pol, as_of=EARLY)
    assert r.released == 0
    runs = withheld_runs(doc, r)
    assert len(runs) > 1000  # the two paragraphs and the subject
    held = _strings(r)
    assert held
    for s in held:
        assert not [x for x in runs if x in s]


# --- helpers kept honest --------------------------------------------------------------


def test_segments_rebuild_the_released_text() -> None:
    """Kept runs and placeholders tile the document in order."""
    text = cable(
        "C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.", "¶2. (S) Two.", subject="(C) S"
    )
    pol = terms(
        "- {id: t, words: [Stevens], exemptions: [B6]}",
        rules="rules: [{id: s, when: {level: S}, action: withhold, exemptions: [B1]}, "
        "{id: r, action: release}]",
    )
    r = redact(parse(text), pol, as_of=EARLY)
    pieces = []
    for s in r.segments:
        if isinstance(s, Kept):
            pieces.append(s.text)
        elif isinstance(s, Cut):
            pieces.append("<cut>")
        elif isinstance(s, Withheld):
            pieces.append(f"<{s.lead}>")
    expected = text.replace("Stevens", "<cut>").replace("STEVENS", "<cut>")
    expected = expected.replace("¶2. (S) Two.", "<¶2. (S)>")
    assert "".join(pieces) == expected


def test_same_policy_twice_gives_the_same_cuts() -> None:
    """Compiled terms are reused for the same policy object, with the same result."""
    pol = terms("- {id: t, words: [Erkhov], exemptions: [B6]}")
    text = para("¶1. (C) Erkhov met Erkhov.")
    first = redact(parse(text), pol, as_of=EARLY)
    second = redact(parse(text), pol, as_of=EARLY)
    assert first.cuts == second.cuts
    assert len(first.cuts) == 2


# --- output keys the engine carries: the release block and the amount withheld --------


def test_release_block_fields_travel_from_the_policy() -> None:
    redacted = run(
        cable(None, None, "¶1. (U) Open."),
        RELEASE_ALL + "\noutput: {case_number: F-2014-20439, document_number: C05739546,"
        " review_date: 2015-05-13}",
    )
    assert redacted.case_number == "F-2014-20439"
    assert redacted.document_number == "C05739546"
    assert redacted.review_date == datetime.date(2015, 5, 13)
    bare = run(cable(None, None, "¶1. (U) Open."), RELEASE_ALL)
    assert (bare.case_number, bare.document_number, bare.review_date) == (None, None, None)


def _withheld(redacted: Redacted) -> list[Withheld]:
    return [s for s in redacted.segments if isinstance(s, Withheld)]


@pytest.mark.parametrize(
    ("paragraph", "lines"),
    [
        pytest.param("¶1. (C) One line.", 1, id="one"),
        pytest.param("¶1. (C) Three\nlines\nhere.", 3, id="three"),
        pytest.param("¶1. (C) Two\n\nwith a blank one between.", 3, id="blank-inside"),
        pytest.param("¶1. (C) Two\r\nCRLF lines.", 2, id="crlf"),
    ],
)
def test_withheld_lines_counted_only_when_disclosed(paragraph: str, lines: int) -> None:
    text = cable("C O N F I D E N T I A L", "02/26/2016", paragraph, "¶2. (U) End.")
    rules = (
        "rules: [{id: c, when: {level: C, kind: paragraph}, action: withhold, exemptions: [B1]},"
    )
    rules += " {id: rest, action: release}]"
    (hidden,) = _withheld(run(text, rules))
    assert hidden.lines is None  # the size of what was withheld does not travel
    (shown,) = _withheld(run(text, rules + "\noutput: {disclose_withheld_lines: true}"))
    assert shown.lines == lines


def test_field_names_are_found_after_characters_that_lower_case_to_two() -> None:
    # "İ".lower() is two characters: offsets must still land on the name itself.
    pol = terms("- {id: t, fields: [classified_by], exemptions: [B6]}")
    text = para("¶1. (U) In İSTANBUL İİ met Chris Stevens and STEVENS.")
    assert cut_texts(text, pol) == ["Chris Stevens", "Chris Stevens", "STEVENS"]


def test_a_lead_never_copies_words_whatever_the_parser_made_of_a_line() -> None:
    # Simulate a parser oddity: the mark of ¶1 found after words of its content, and the
    # subject's value starting after words of the subject. The leads stay label + mark.
    text = cable(BANNER, "02/26/2016", "¶1. (C) Secret words here.", subject="SECRET TALKS")
    doc = parse(text)
    body, subject = doc.body[0], doc.subject
    assert subject is not None
    odd = dataclasses.replace(body, mark_start=body.start + 12, mark_end=body.start + 15)
    fields = tuple(
        dataclasses.replace(f, value_start=f.value_start + 6) if f.name == "subject" else f
        for f in doc.fields
    )
    doc = dataclasses.replace(doc, portions=(subject, odd), fields=fields)
    redacted = redact(doc, policy(WITHHOLD_ALL), as_of=EARLY)
    leads = [s.lead for s in redacted.segments if isinstance(s, Withheld)]
    assert leads == ["SUBJECT:", "¶1. (C)"]


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        ("[Seche]", True),  # a name cut from the body: the reference id is not touched
        ("[DAMASCUS]", False),  # the post, cut from the routing header and the banner line
        ("['0728']", False),  # the serial, cut from the routing header
    ],
    ids=["body-name", "post", "serial"],
)
def test_a_cut_in_the_lines_the_reference_id_comes_from_drops_it(
    seed_text: str, words: str, kept: bool
) -> None:
    """The id goes where cuts do not reach (PDF Title, audit, batch file names): a term
    that cut any line it is read from may have cut part of it, so the release has none."""
    terms = f"terms: [{{id: t, words: {words}, exemptions: [B6]}}]"
    pol = policy(f"{RELEASE_ALL}\n{terms}")
    redacted = redact(parse(seed_text), pol, as_of=datetime.date(2026, 11, 28))
    assert redacted.cuts
    assert redacted.reference_id == ("06DAMASCUS728" if kept else None)
    assert (
        "06DAMASCUS728" in audit_json(redacted, policy_file="p.yaml", policy_sha256="0")
    ) is kept
