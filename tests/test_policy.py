"""Redaction policies: YAML in, a validated frozen Policy out (redactor.policy).

Tables cover a full policy and its frozen values, every error message as
``file:line:column: key.path: problem``, the file-level refusals (size, encoding, term
count, alias bombs), exemption codes (normalising, ordering, label styles), the level and
control conditions, the generated JSON Schema and the shipped policies in ``policies/``.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml
from pydantic import ValidationError

from redactor import policy as policy_module
from redactor.markings import Level
from redactor.policy import (
    Action,
    Controls,
    Header,
    LabelStyle,
    LevelRange,
    Output,
    Policy,
    PolicyError,
    Rule,
    Term,
    Unmarked,
    When,
    compile_re2,
    label_code,
    load_policy,
    normalize_code,
    parse_policy,
    policy_schema,
    sort_codes,
)
from tests.conftest import ROOT

U, C, S, TS = Level.UNCLASSIFIED, Level.CONFIDENTIAL, Level.SECRET, Level.TOP_SECRET
SRC = "p.yaml"  # the source name every message below starts with
POLICIES = ROOT / "policies"
SCHEMA = POLICIES / "policy.schema.json"
REGENERATE = "python -m redactor.policy --schema > policies/policy.schema.json"

# The smallest valid policy: six lines, so text appended to it starts on line 7.
BASE = """\
version: 1
name: t
unmarked: inherit
rules:
  - id: r
    action: release
"""


def _when(when: str) -> str:
    """A one-rule policy whose rule has ``when: <when>`` on line 6 (the value at column 11)."""
    return f"""\
version: 1
name: t
unmarked: inherit
rules:
  - id: r
    when: {when}
    action: release
"""


def _term(*lines: str) -> str:
    """BASE plus one term ``a`` (its ``id`` on line 8) with the given lines (from line 9)."""
    body = "".join(f"    {line}\n" for line in lines)
    return f"{BASE}terms:\n  - id: a\n{body}"


def _errors(text: str) -> tuple[str, ...]:
    with pytest.raises(PolicyError) as info:
        parse_policy(text, source=SRC)
    return info.value.messages


def _at(line: int, column: int, text: str) -> str:
    return f"{SRC}:{line}:{column}: {text}"


# -- a full policy --------------------------------------------------------------------------

FULL = """\
# Every key of the format, as docs/policy.md shows them.
version: 1
name: full-example
description: Release to GBR, cutting names
as_of: 2026-11-28
unmarked: withhold
fallback_exemptions: [b1, "{reasons}"]
header: {routing: drop}
rules:
  - id: top-secret
    when: {level: TS}
    action: withhold
    exemptions: [(b)(1), 1.4 (c)]
  - id: noforn
    description: Not for foreign nationals
    when:
      level: {at_least: C, at_most: SECRET}
      declassified: false
      controls: {any: [NOFORN, FGI], all: [ORCON], none: [RD]}
      releasable_to: GBR
      kind: paragraph
    action: withhold
    exemptions: [B1, "{reasons}", b7c]
  - id: secret
    when: {level: SECRET, kind: [subject, sub-paragraph, text]}
    action: withhold
    exemptions: [B1]
  - id: low
    when: {level: {in: [U, CONFIDENTIAL]}, declassified: true}
    action: release
  - id: rest
    action: release
terms:
  - id: names
    description: Names cut everywhere
    words: [Smith, Jones]
    surnames: false
    patterns: ['\\bX{6,}\\b']
    fields: [classified_by, signature]
    exemptions: [(b)(6), SBU]
output: {label_style: doj}
"""


@pytest.fixture(scope="module")
def full() -> Policy:
    return parse_policy(FULL, source="full.yaml")


def test_full_policy_top_level_values(full: Policy) -> None:
    assert full.version == 1
    assert full.name == "full-example"
    assert full.description == "Release to GBR, cutting names"
    assert full.as_of == datetime.date(2026, 11, 28)
    assert full.unmarked is Unmarked.WITHHOLD
    assert full.fallback_exemptions == ("B1", "{reasons}")
    assert full.header == Header(routing="drop")
    assert full.output == Output(label_style=LabelStyle.DOJ)
    assert [r.id for r in full.rules] == ["top-secret", "noforn", "secret", "low", "rest"]


def test_full_policy_rules(full: Policy) -> None:
    top, noforn, secret, low, rest = full.rules
    assert top.when == When(level=LevelRange.model_validate({"in": [TS]}))
    assert top.action is Action.WITHHOLD
    assert top.exemptions == ("B1", "1.4(C)")

    assert noforn.description == "Not for foreign nationals"
    assert noforn.when is not None
    assert noforn.when.level == LevelRange(at_least=C, at_most=S)
    assert noforn.when.level.at_least is Level.CONFIDENTIAL
    assert noforn.when.declassified is False
    assert noforn.when.controls == Controls(any=("NOFORN", "FGI"), all=("ORCON",), none=("RD",))
    assert noforn.when.releasable_to == "GBR"
    assert noforn.when.kind == ("paragraph",)
    assert noforn.exemptions == ("B1", "{reasons}", "B7(C)")

    assert secret.when is not None
    assert secret.when.kind == ("subject", "sub-paragraph", "text")
    assert low.when == When(level=LevelRange.model_validate({"in": [U, C]}), declassified=True)
    assert low.action is Action.RELEASE
    assert low.exemptions == ()
    assert rest.when is None
    assert rest.description == ""


def test_full_policy_terms(full: Policy) -> None:
    (names,) = full.terms
    assert names == Term(
        id="names",
        description="Names cut everywhere",
        words=("Smith", "Jones"),
        surnames=False,
        patterns=(r"\bX{6,}\b",),
        fields=("classified_by", "signature"),  # type: ignore[arg-type]
        exemptions=("B6", "SBU"),
    )


def test_full_policy_is_frozen(full: Policy) -> None:
    with pytest.raises(ValidationError):
        full.name = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        full.rules[0].action = Action.RELEASE  # type: ignore[misc]
    assert isinstance(full.rules, tuple)
    assert isinstance(full.terms[0].words, tuple)


def test_defaults_of_the_smallest_policy() -> None:
    policy = parse_policy(BASE)
    assert policy == Policy(
        version=1,
        name="t",
        unmarked=Unmarked.INHERIT,
        rules=(Rule(id="r", action=Action.RELEASE),),
    )
    assert policy.fallback_exemptions == ("B1", "{reasons}")
    assert policy.header.routing == "keep"
    assert policy.output.label_style is LabelStyle.STATE
    assert policy.terms == ()
    assert policy.as_of is None


@pytest.mark.parametrize(
    ("written", "levels"),
    [
        ("SECRET", (S,)),
        ("S", (S,)),
        ("U", (U,)),
        ("UNCLASSIFIED", (U,)),
        ("C", (C,)),
        ("CONFIDENTIAL", (C,)),
        ("TS", (TS,)),
        ("TOP SECRET", (TS,)),
        ("{in: [U, TS]}", (U, TS)),
    ],
)
def test_a_bare_level_means_in_that_level(written: str, levels: tuple[Level, ...]) -> None:
    rule = parse_policy(_when(f"{{level: {written}}}")).rules[0]
    assert rule.when is not None
    assert rule.when.level == LevelRange.model_validate({"in": list(levels)})
    assert rule.when.level.in_ == levels
    assert all(type(level) is Level for level in levels)


def test_as_of_written_as_a_quoted_string_is_a_date() -> None:
    policy = parse_policy(BASE + "as_of: '2025-06-01'\n")
    assert policy.as_of == datetime.date(2025, 6, 1)


@pytest.mark.parametrize(
    "when",
    ["{controls: {any: ['FGI GBR']}}", "{controls: {all: [JOINT GBR USA]}}"],
    ids=["fgi-owner", "joint"],
)
def test_owner_controls_are_accepted(when: str) -> None:
    rule = parse_policy(_when(when)).rules[0]
    assert rule.when is not None
    assert rule.when.controls is not None


def test_control_names_collapse_spaces() -> None:
    assert Controls(any=("  SBU   NOFORN ",)).any == ("SBU NOFORN",)


# -- error messages -------------------------------------------------------------------------

ERRORS: list[Any] = [
    pytest.param(
        BASE + "descripton: x\n",
        [_at(7, 1, "descripton: unknown key 'descripton': did you mean 'description'?")],
        id="unknown-key-top-level",
    ),
    pytest.param(
        "version: 1\nname: t\nunmarked: inherit\nrules:\n  - id: r\n"
        "    when:\n      levle: SECRET\n    action: release\n",
        [_at(7, 7, "rules[0].when.levle: unknown key 'levle': did you mean 'level'?")],
        id="unknown-key-nested",
    ),
    pytest.param(
        BASE + "header: {routng: drop}\n",
        [_at(7, 10, "header.routng: unknown key 'routng': did you mean 'routing'?")],
        id="unknown-key-in-header",
    ),
    pytest.param(
        BASE + "zzzzqq: 1\n",
        [
            _at(
                7,
                1,
                "zzzzqq: unknown key 'zzzzqq': allowed here: as_of, description, "
                "fallback_exemptions, header, name, output, rules, terms, unmarked, version",
            )
        ],
        id="unknown-key-allowed-list",
    ),
    pytest.param(
        _when("{level: {in: [S], zzzz: 1}}"),
        [
            _at(
                6,
                29,
                "rules[0].when.level.zzzz: unknown key 'zzzz': allowed here: at_least, at_most, in",
            )
        ],
        id="unknown-key-in-level-range",
    ),
    pytest.param(
        "version: 1\nname: t\nrules:\n  - id: r\n    action: release\n",
        [_at(1, 1, "(top level): required key 'unmarked' is missing")],
        id="missing-unmarked",
    ),
    pytest.param(
        "name: t\nunmarked: inherit\nrules:\n  - id: r\n    action: release\n",
        [_at(1, 1, "(top level): required key 'version' is missing")],
        id="missing-version",
    ),
    pytest.param(
        "version: 1\nname: t\nunmarked: inherit\n",
        [_at(1, 1, "(top level): required key 'rules' is missing")],
        id="missing-rules",
    ),
    pytest.param(
        "version: 1\nname: t\nunmarked: inherit\nrules:\n  - id: r\n",
        [_at(5, 5, "rules[0]: required key 'action' is missing")],
        id="missing-action",
    ),
    pytest.param(
        "version: 1\nname: t\nunmarked: inherit\nrules: [{}]\n",
        [
            _at(4, 9, "rules[0]: required key 'action' is missing"),
            _at(4, 9, "rules[0]: required key 'id' is missing"),
        ],
        id="missing-id-and-action",
    ),
    pytest.param(
        _term("words: [x]"),
        [_at(8, 5, "terms[0]: required key 'exemptions' is missing")],
        id="missing-term-exemptions",
    ),
    pytest.param(
        _when("{releasable_to: NO}"),
        [
            _at(
                6,
                27,
                "rules[0].when.releasable_to: YAML 1.1 reads the unquoted NO as false; "
                "quote it: 'NO'",
            )
        ],
        id="yaml11-NO",
    ),
    pytest.param(
        BASE.replace("name: t", "name: yes"),
        [_at(2, 7, "name: YAML 1.1 reads the unquoted yes as true; quote it: 'yes'")],
        id="yaml11-name-yes",
    ),
    pytest.param(
        "version: 1\nname: t\nunmarked: no\nrules: []\n",
        [_at(3, 11, "unmarked: YAML 1.1 reads the unquoted no as false; quote it: 'no'")],
        id="yaml11-unmarked-no",
    ),
    pytest.param(
        BASE + "header: {routing: off}\n",
        [_at(7, 19, "header.routing: YAML 1.1 reads the unquoted off as false; quote it: 'off'")],
        id="yaml11-routing-off",
    ),
    pytest.param(
        _term("words: [On]", "exemptions: [B6]"),
        [_at(9, 13, "terms[0].words[0]: YAML 1.1 reads the unquoted On as true; quote it: 'On'")],
        id="yaml11-in-a-list",
    ),
    pytest.param(
        BASE.replace("name: t", "name: true"),
        [_at(2, 7, "name: must be text")],
        id="true-is-not-text-without-hint",
    ),
    pytest.param(
        "version: 1\nname: t\nunmarked: inherit\ndescription: [a]\nas_of: nope\nrules: x\n",
        [
            _at(4, 14, "description: must be text"),
            _at(5, 8, "as_of: must be a date written YYYY-MM-DD"),
            _at(6, 8, "rules: must be a list"),
        ],
        id="wrong-types",
    ),
    pytest.param(
        _when("{declassified: 'true'}"),
        [_at(6, 26, "rules[0].when.declassified: must be true or false")],
        id="declassified-quoted",
    ),
    pytest.param(
        _term("words: [x]", "surnames: 3", "exemptions: [B6]"),
        [_at(10, 15, "terms[0].surnames: must be true or false")],
        id="surnames-not-bool",
    ),
    pytest.param(
        _when("{controls: {any: [3]}, releasable_to: 5}"),
        [
            _at(6, 29, "rules[0].when.controls.any[0]: must be text"),
            _at(6, 49, "rules[0].when.releasable_to: must be text"),
        ],
        id="control-and-country-not-text",
    ),
    pytest.param(
        BASE + "terms:\n",
        [_at(7, 7, "terms: must be a list")],
        id="terms-null",
    ),
    pytest.param(
        "version: 1\nname: t\nunmarked: maybe\nrules: []\n",
        [_at(3, 11, "unmarked: must be 'inherit', 'withhold' or 'release'")],
        id="unmarked-value",
    ),
    pytest.param(
        _when("{kind: para}"),
        [
            _at(
                6,
                18,
                "rules[0].when.kind: must be 'subject', 'paragraph', 'sub-paragraph' or 'text'",
            )
        ],
        id="kind-value",
    ),
    pytest.param(
        _when("{kind: [paragraph, para]}"),
        [
            _at(
                6,
                30,
                "rules[0].when.kind[1]: must be 'subject', 'paragraph', 'sub-paragraph' or 'text'",
            )
        ],
        id="kind-list-item",
    ),
    pytest.param(
        _when("{kind: []}"),
        [_at(6, 18, "rules[0].when.kind: must list at least one item")],
        id="kind-empty",
    ),
    pytest.param(
        _when("{level: {at_least: HIGH}}"),
        [
            _at(
                6,
                30,
                "rules[0].when.level.at_least: a level is one of UNCLASSIFIED, CONFIDENTIAL, "
                "SECRET, TOP SECRET (or U, C, S, TS)",
            )
        ],
        id="bad-level-name",
    ),
    pytest.param(
        _when("{level: {in: [X]}}"),
        [
            _at(
                6,
                25,
                "rules[0].when.level.in[0]: a level is one of UNCLASSIFIED, CONFIDENTIAL, "
                "SECRET, TOP SECRET (or U, C, S, TS)",
            )
        ],
        id="bad-level-in-list",
    ),
    pytest.param(
        _when("{level: secret}"),
        [_at(6, 19, "rules[0].when.level: write the level in capitals: SECRET")],
        id="lower-case-bare-level",
    ),
    pytest.param(
        _when("{level: {at_least: Top Secret}}"),
        [_at(6, 30, "rules[0].when.level.at_least: write the level in capitals: TOP SECRET")],
        id="mixed-case-bound",
    ),
    pytest.param(
        _when("{level: {}}"),
        [
            _at(
                6,
                19,
                "rules[0].when.level: give at_least, at_most or in (or a bare level for equality)",
            )
        ],
        id="empty-level-range",
    ),
    pytest.param(
        _when("{level: {in: []}}"),
        [_at(6, 24, "rules[0].when.level.in: must list at least one item")],
        id="empty-level-in",
    ),
    pytest.param(
        _when("{controls: {}}"),
        [_at(6, 22, "rules[0].when.controls: give any, all or none")],
        id="empty-controls",
    ),
    pytest.param(
        _when("{controls: {none: []}}"),
        [_at(6, 29, "rules[0].when.controls.none: must list at least one item")],
        id="empty-controls-list",
    ),
    pytest.param(
        _when("{controls: {any: [NOFRON]}}"),
        [
            _at(
                6,
                29,
                "rules[0].when.controls.any[0]: unknown control 'NOFRON': use the banner form, "
                "e.g. NOFORN, SBU; did you mean NOFORN?",
            )
        ],
        id="unknown-control-suggestion",
    ),
    pytest.param(
        _when("{controls: {all: [QQQQQQQ]}}"),
        [
            _at(
                6,
                29,
                "rules[0].when.controls.all[0]: unknown control 'QQQQQQQ': use the banner form, "
                "e.g. NOFORN, SBU",
            )
        ],
        id="unknown-control-no-suggestion",
    ),
    pytest.param(
        _when("{releasable_to: gb}"),
        [
            _at(
                6,
                27,
                "rules[0].when.releasable_to: 'gb' is not a country code: use the ISO 3166 "
                "trigraph (GBR, NOR) or a tetragraph (FVEY, NATO)",
            )
        ],
        id="bad-country",
    ),
    pytest.param(
        "version: 1\nname: t\nunmarked: inherit\nrules:\n  - id: r\n    action: withhold\n",
        [_at(5, 5, "rules[0]: a withhold rule needs exemptions, e.g. [B1, '{reasons}']")],
        id="withhold-without-exemptions",
    ),
    pytest.param(
        BASE + "    exemptions: [B1]\n",
        [_at(5, 5, "rules[0]: a release rule takes no exemptions: remove them")],
        id="release-with-exemptions",
    ),
    pytest.param(
        BASE + "  - id: r\n    action: release\n",
        [_at(1, 1, "(top level): rule id 'r' is used twice: ids name audit entries")],
        id="duplicate-rule-id",
    ),
    pytest.param(
        _term("words: [x]", "exemptions: [B6]")
        + "  - id: a\n    words: [y]\n    exemptions: [B6]\n",
        [_at(1, 1, "(top level): term id 'a' is used twice: ids name audit entries")],
        id="duplicate-term-id",
    ),
    pytest.param(
        BASE + "terms:\n  - &t {id: a, words: [x], exemptions: [B6]}\n  - *t\n",
        [_at(1, 1, "(top level): term id 'a' is used twice: ids name audit entries")],
        id="duplicate-term-id-by-alias",
    ),
    pytest.param(
        _term("exemptions: [B6]"),
        [_at(8, 5, "terms[0]: give words, patterns or fields to cut")],
        id="term-cuts-nothing",
    ),
    pytest.param(
        _term("words: [ok, '  ']", "exemptions: [B6]"),
        [_at(9, 17, "terms[0].words[1]: a word must not be blank")],
        id="blank-word",
    ),
    pytest.param(
        _term("patterns: ['ok', '(', '(?=x)', '\\pL{1000}']", "exemptions: [B6]"),
        [
            _at(9, 22, "terms[0].patterns[1]: not a valid RE2 pattern (missing ): ()"),
            _at(
                9, 27, "terms[0].patterns[2]: not a valid RE2 pattern (invalid perl operator: (?=)"
            ),
            _at(
                9,
                36,
                "terms[0].patterns[3]: not a valid RE2 pattern "
                "(pattern too large - compile failed)",
            ),
        ],
        id="bad-patterns-by-index",
    ),
    pytest.param(
        _term("fields: [name]", "exemptions: [B6]"),
        [_at(9, 14, "terms[0].fields[0]: must be 'classified_by' or 'signature'")],
        id="bad-field",
    ),
    pytest.param(
        _term("words: [x]", "exemptions: [B10, B6(C), b 0, sbu]"),
        [
            _at(
                10,
                18,
                "terms[0].exemptions[0]: 'B10' is not a FOIA exemption: they run B1 to B9 "
                "(5 U.S.C. 552(b))",
            ),
            _at(
                10,
                23,
                "terms[0].exemptions[1]: 'B6(C)': only exemption B7 has lettered parts, e.g. B7(C)",
            ),
            _at(
                10,
                30,
                "terms[0].exemptions[2]: 'b 0' is not a FOIA exemption: they run B1 to B9 "
                "(5 U.S.C. 552(b))",
            ),
            _at(
                10,
                35,
                "terms[0].exemptions[3]: 'sbu' is not an exemption code: write B1-B9 (or (b)(1)), "
                "1.4(B), 25X1, {reasons}, or a custom upper-case code such as SBU",
            ),
        ],
        id="bad-exemption-codes",
    ),
    pytest.param(
        _term("words: [x]", "exemptions: []"),
        [_at(10, 17, "terms[0].exemptions: must list at least one item")],
        id="empty-term-exemptions",
    ),
    pytest.param(
        _term("words: [x]", "exemptions: [B10]"),
        [
            _at(
                10,
                18,
                "terms[0].exemptions[0]: 'B10' is not a FOIA exemption: they run B1 to B9 "
                "(5 U.S.C. 552(b))",
            )
        ],
        id="failed-items-not-also-too-short",
    ),
    pytest.param(
        BASE + "fallback_exemptions: ['{reasons}']\n",
        [_at(1, 1, "(top level): fallback_exemptions needs a code besides '{reasons}', e.g. B1")],
        id="fallback-reasons-alone",
    ),
    pytest.param(
        BASE + "fallback_exemptions: []\n",
        [_at(7, 22, "fallback_exemptions: must list at least one item")],
        id="fallback-empty",
    ),
    pytest.param(
        BASE.replace("version: 1", "version: 2"),
        [_at(1, 10, "version: must be 1")],
        id="version-2",
    ),
    pytest.param(
        BASE.replace("version: 1", "version: '1'"),
        [_at(1, 10, "version: must be 1, unquoted")],
        id="version-quoted",
    ),
    pytest.param(
        BASE + "name: u\n",
        [_at(7, 1, "name: key given twice")],
        id="duplicate-key-top-level",
    ),
    pytest.param(
        BASE + "    id: s\n",
        [_at(7, 5, "rules[0].id: key given twice")],
        id="duplicate-key-nested",
    ),
    pytest.param(
        "version: 1\nname: [t\n",
        [_at(3, 1, "not valid YAML: did not find expected ',' or ']'")],
        id="yaml-syntax",
    ),
    pytest.param(
        "version: 1\n\tname: t\n",
        [_at(2, 1, "not valid YAML: found a tab character that violates indentation")],
        id="yaml-tab",
    ),
    pytest.param(
        BASE + "---\nversion: 1\n",
        [_at(7, 1, "not valid YAML: but found another document")],
        id="yaml-two-documents",
    ),
    pytest.param(
        BASE + "description: *nowhere\n",
        [_at(7, 14, "not valid YAML: found undefined alias")],
        id="yaml-undefined-alias",
    ),
    pytest.param(
        BASE + "description: " + "[" * 2000 + "]" * 2000 + "\n",
        [_at(7, 1013, "not valid YAML: exceeded maximum nesting depth")],
        id="yaml-too-deep",
    ),
    pytest.param(
        BASE + "? [a]\n: x\n",
        [_at(7, 3, "(top level): a key must be a name")],
        id="key-not-a-scalar",
    ),
    pytest.param("", [_at(1, 1, "the policy is empty: start with 'version: 1'")], id="empty"),
    pytest.param(
        "# only a comment\n",
        [_at(1, 1, "the policy is empty: start with 'version: 1'")],
        id="only-comments",
    ),
    pytest.param(
        "- version: 1\n",
        [_at(1, 1, "a policy is a mapping of keys, starting 'version: 1'")],
        id="top-level-list",
    ),
    pytest.param(
        "version\n",
        [_at(1, 1, "a policy is a mapping of keys, starting 'version: 1'")],
        id="top-level-scalar",
    ),
    pytest.param(
        # pydantic reports unmarked (a field before rules) first; the messages go by line.
        "version: 1\nname: t\nrules:\n  - id: r\n    action: maybe\nunmarked: sometimes\n",
        [
            _at(5, 13, "rules[0].action: must be 'withhold' or 'release'"),
            _at(6, 11, "unmarked: must be 'inherit', 'withhold' or 'release'"),
        ],
        id="sorted-by-line",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_error_messages(text: str, expected: list[str]) -> None:
    assert list(_errors(text)) == expected


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        pytest.param(
            "version: 1\nname: '#x'\nunmarked: inherit\nrules: []\n", _at(2, 7, "name: "), id="name"
        ),
        pytest.param(
            BASE.replace("id: r", "id: -bad id"),
            _at(5, 9, "rules[0].id: "),
            id="rule-id",
        ),
        pytest.param(BASE + "as_of: 2025-01-01T10:00:00\n", _at(7, 8, "as_of: "), id="datetime"),
        pytest.param(
            _when("{level: 3}"), _at(6, 19, "rules[0].when.level: "), id="level-not-mapping"
        ),
    ],
)
def test_other_errors_point_at_the_value(text: str, prefix: str) -> None:
    (message,) = _errors(text)
    assert message.startswith(prefix)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(BASE + "header: keep\n", _at(7, 9, "header: "), id="header"),
        pytest.param(_when("x"), _at(6, 11, "rules[0].when: "), id="when"),
        pytest.param(
            "version: 1\nname: t\nunmarked: inherit\nrules:\n  - release\n",
            _at(5, 5, "rules[0]: "),
            id="rule",
        ),
    ],
)
def test_a_scalar_where_a_mapping_belongs(text: str, expected: str) -> None:
    # The message must speak the policy's language, not pydantic's ("a valid dictionary or
    # instance of Header" names a Python class the author never wrote).
    assert _errors(text) == (expected + "must be a mapping of keys",)


def test_keys_that_are_not_text_are_each_reported_where_they_stand() -> None:
    messages = _errors(BASE + "header: {1.5: x, 2.5: y}\n")
    assert messages == (
        _at(7, 10, "header: a key must be a name; YAML reads 1.5 as a float: quote it"),
        _at(7, 18, "header: a key must be a name; YAML reads 2.5 as a float: quote it"),
    )


def test_a_non_text_key_is_reported_where_it_stands() -> None:
    # The key ``1`` stands at line 7, column 1: the message must point there.
    (message,) = _errors(BASE + "1: x\n")
    assert message.startswith(_at(7, 1, ""))


def test_an_impossible_date_is_a_policy_error() -> None:
    # YAML's timestamp constructor raises ValueError for month 13: it must not escape.
    (message,) = _errors(BASE + "as_of: 2025-13-01\n")
    assert message.startswith(_at(7, 8, ""))


def test_a_yaml_error_without_a_mark_names_the_source(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoMark(policy_module._Loader):  # type: ignore[misc,valid-type]
        def get_single_node(self) -> Any:
            raise yaml.MarkedYAMLError(problem="no position known")

    monkeypatch.setattr(policy_module, "_Loader", NoMark)
    assert _errors(BASE) == (f"{SRC}: not valid YAML: no position known",)


def test_parse_policy_names_the_default_source() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy("")
    assert info.value.messages == ("<policy>:1:1: the policy is empty: start with 'version: 1'",)
    assert str(info.value) == info.value.messages[0]


def test_policy_error_joins_messages() -> None:
    error = PolicyError(["a:1:1: one", "a:2:1: two"])
    assert error.messages == ("a:1:1: one", "a:2:1: two")
    assert str(error) == "a:1:1: one\na:2:1: two"


# -- limits ---------------------------------------------------------------------------------


def test_parse_policy_refuses_long_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy_module, "MAX_POLICY_BYTES", len(BASE) - 1)
    assert _errors(BASE) == (f"{SRC}: policy over {len(BASE) - 1:,} characters",)
    monkeypatch.setattr(policy_module, "MAX_POLICY_BYTES", len(BASE))
    assert parse_policy(BASE).name == "t"


def _terms_with(words: int, patterns: int) -> str:
    word_list = ", ".join(f"w{i}" for i in range(words))
    pattern_list = ", ".join(f"p{i}" for i in range(patterns))
    return _term(f"words: [{word_list}]", f"patterns: [{pattern_list}]", "exemptions: [B6]")


def test_terms_limit_counts_words_and_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy_module, "MAX_TERMS", 5)
    assert len(parse_policy(_terms_with(3, 2)).terms[0].patterns) == 2
    assert _errors(_terms_with(3, 3)) == (
        _at(1, 1, "(top level): 6 words and patterns: the limit is 5"),
    )


def test_node_limit_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    # BASE has 8 values: the root mapping, version, name, unmarked, rules, the rule, id, action.
    monkeypatch.setattr(policy_module, "MAX_YAML_NODES", 8)
    assert parse_policy(BASE).name == "t"
    monkeypatch.setattr(policy_module, "MAX_YAML_NODES", 7)
    assert _errors(BASE) == (
        _at(6, 13, "over 7 values after expanding aliases: refusing the policy"),
    )


def _billion_laughs(levels: int = 9, fanout: int = 9) -> str:
    lines = ['  a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * fanout)
        lines.append(f"  a{i}: &a{i} [{refs}]")
    return BASE + "description:\n" + "\n".join(lines) + "\n"


def test_billion_laughs_is_refused() -> None:
    # 9 levels of 9 references: 9**9 values if expanded; the walk stops at the limit.
    (message,) = _errors(_billion_laughs())
    assert message == _at(8, 12, "over 100,000 values after expanding aliases: refusing the policy")


# Timed in a fresh interpreter: a coverage tracer in this one slows the walk several-fold,
# and the budget is the tool's, not the tracer's.
_TIMED = """\
import sys, time
from redactor.policy import PolicyError, parse_policy
text = sys.stdin.read()
start = time.perf_counter()
try:
    parse_policy(text)
except PolicyError as error:
    print(time.perf_counter() - start, len(error.messages))
"""


def test_billion_laughs_is_refused_in_under_a_second() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _TIMED],
        input=_billion_laughs(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed, messages = result.stdout.split()
    assert messages == "1"
    assert float(elapsed) < 1.0


# -- load_policy ----------------------------------------------------------------------------


def test_load_policy_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert load_policy(path).name == "t"
    assert load_policy(str(path)).rules[0].id == "r"


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbf" + BASE.encode(), BASE.replace("\n", "\r\n").encode()],
    ids=["utf8-bom", "crlf"],
)
def test_load_policy_accepts_editor_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(data)
    assert load_policy(path).name == "t"


def test_load_policy_messages_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(BASE + "descripton: x\n", encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert info.value.messages == (
        f"{path}:7:1: descripton: unknown key 'descripton': did you mean 'description'?",
    )


def test_load_policy_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert info.value.messages == (
        f"{path}: cannot read the policy file (No such file or directory)",
    )


def test_load_policy_directory(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(tmp_path)
    assert info.value.messages == (f"{tmp_path}: cannot read the policy file (Is a directory)",)


def test_load_policy_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"version: 1\nname: caf\xe9\n")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert info.value.messages == (f"{path}: not UTF-8 (byte offset 20)",)


def test_load_policy_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy_module, "MAX_POLICY_BYTES", 1000)
    path = tmp_path / "big.yaml"
    at_limit = BASE + "#" * (999 - len(BASE)) + "\n"
    path.write_text(at_limit, encoding="utf-8")
    assert path.stat().st_size == 1000
    assert load_policy(path).name == "t"
    path.write_text(at_limit + "\n", encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert info.value.messages == (f"{path}: policy file over 1,000 bytes",)


# -- exemption codes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        *[(f"B{n}", f"B{n}") for n in range(1, 10)],
        ("b6", "B6"),
        (" B1 ", "B1"),
        ("(b)(6)", "B6"),
        ("(b)(1)", "B1"),
        ("(b)(7)(C)", "B7(C)"),
        ("(b)(7)(c)", "B7(C)"),
        ("B7(C)", "B7(C)"),
        ("B7C", "B7(C)"),
        ("b7 (f)", "B7(F)"),
        ("1.4(b)", "1.4(B)"),
        ("1.4b", "1.4(B)"),
        ("1.4 (d)", "1.4(D)"),
        ("1.4(H)", "1.4(H)"),
        ("25X1", "25X1"),
        ("25x9", "25X9"),
        ("50X1-HUM", "50X1-HUM"),
        ("50x1-hum", "50X1-HUM"),
        ("75X2", "75X2"),
        ("{reasons}", "{reasons}"),
        ("SBU", "SBU"),
        ("SBU-NF", "SBU-NF"),
        ("A/B2", "A/B2"),
        ("ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOP"),
    ],
    ids=repr,
)
def test_normalize_code(written: str, code: str) -> None:
    assert normalize_code(written) == code


NOT_FOIA = "{!r} is not a FOIA exemption: they run B1 to B9 (5 U.S.C. 552(b))"
ONLY_B7 = "{!r}: only exemption B7 has lettered parts, e.g. B7(C)"
NOT_A_CODE = (
    "{!r} is not an exemption code: write B1-B9 (or (b)(1)), 1.4(B), 25X1, {{reasons}}, "
    "or a custom upper-case code such as SBU"
)


@pytest.mark.parametrize(
    ("written", "template"),
    [
        ("B10", NOT_FOIA),
        ("b 0", NOT_FOIA),
        ("B0", NOT_FOIA),
        ("(b)(10)", NOT_FOIA),
        ("B7(G)", NOT_FOIA),
        ("B6(C)", ONLY_B7),
        ("(b)(6)(C)", ONLY_B7),
        ("b1a", ONLY_B7),
        ("sbu", NOT_A_CODE),
        ("Sbu", NOT_A_CODE),
        ("1.4(I)", NOT_A_CODE),
        ("25X0", NOT_A_CODE),
        ("{REASONS}", NOT_A_CODE),
        ("", NOT_A_CODE),
        ("ABCDEFGHIJKLMNOPQ", NOT_A_CODE),
        ("SBU--NF", NOT_A_CODE),
    ],
    ids=lambda value: repr(value) if len(value) < 20 else "",
)
def test_normalize_code_rejects(written: str, template: str) -> None:
    with pytest.raises(ValueError, match=r".") as info:
        normalize_code(written)
    assert str(info.value) == template.format(written)


@pytest.mark.parametrize(
    ("codes", "ordered"),
    [
        (
            {"SBU", "B6", "25X1", "1.4(D)", "B7(C)", "1.4(B)", "B1"},
            ("B1", "1.4(B)", "1.4(D)", "25X1", "B6", "B7(C)", "SBU"),
        ),
        (("B6", "B6", "B1"), ("B1", "B6")),
        (frozenset({"SBU", "LES", "B9"}), ("B9", "LES", "SBU")),
        ((), ()),
    ],
    ids=["state-order", "duplicates", "custom-last", "empty"],
)
def test_sort_codes(codes: Any, ordered: tuple[str, ...]) -> None:
    assert sort_codes(codes) == ordered


@pytest.mark.parametrize(
    ("code", "doj"),
    [
        ("B1", "(b)(1)"),
        ("B6", "(b)(6)"),
        ("B7(C)", "(b)(7)(C)"),
        ("1.4(B)", "1.4(b)"),
        ("25X1", "25X1"),
        ("50X1-HUM", "50X1-HUM"),
        ("SBU", "SBU"),
    ],
)
def test_label_code(code: str, doj: str) -> None:
    assert label_code(code, LabelStyle.DOJ) == doj
    assert label_code(code, LabelStyle.STATE) == code


# -- conditions -----------------------------------------------------------------------------


def _range(**bounds: Any) -> LevelRange:
    return LevelRange.model_validate(bounds)


@pytest.mark.parametrize(
    ("bounds", "holding"),
    [
        ({"at_least": "C"}, {C, S, TS}),
        ({"at_least": Level.SECRET}, {S, TS}),
        ({"at_most": "S"}, {U, C, S}),
        ({"at_least": "C", "at_most": "SECRET"}, {C, S}),
        ({"in": ["U", "TS"]}, {U, TS}),
        ({"in": ["U", "TS"], "at_least": "C"}, {TS}),
        ({"at_least": "TS", "at_most": "U"}, set()),
    ],
    ids=["at-least", "at-least-enum", "at-most", "between", "in", "in-and-at-least", "never"],
)
def test_level_range_holds(bounds: dict[str, Any], holding: set[Level]) -> None:
    level_range = _range(**bounds)
    assert {level for level in Level if level_range.holds(level)} == holding


@pytest.mark.parametrize(
    ("bounds", "described"),
    [
        ({"at_least": "C"}, "at least CONFIDENTIAL"),
        ({"at_most": "TS"}, "at most TOP SECRET"),
        ({"in": ["U", "S"]}, "in UNCLASSIFIED/SECRET"),
        (
            {"at_least": "U", "at_most": "S", "in": ["C"]},
            "at least UNCLASSIFIED, at most SECRET, in CONFIDENTIAL",
        ),
    ],
)
def test_level_range_describe(bounds: dict[str, Any], described: str) -> None:
    assert _range(**bounds).describe() == described


def test_level_range_needs_a_bound() -> None:
    with pytest.raises(ValidationError, match="give at_least, at_most or in"):
        LevelRange()


@pytest.mark.parametrize(
    ("given", "present", "holds"),
    [
        ({"any": ["NOFORN"]}, {"NOFORN"}, True),
        ({"any": ["NOFORN"]}, {"SBU NOFORN"}, True),
        ({"any": ["NOFORN"]}, {"LES NOFORN"}, True),
        ({"any": ["NOFORN"]}, {"SBU", "LES"}, False),
        ({"any": ["NOFORN"]}, set(), False),
        ({"any": ["FGI"]}, {"FGI GBR"}, True),
        ({"any": ["FGI"]}, {"FGI"}, True),
        ({"any": ["FGI"]}, {"NOFORN"}, False),
        ({"any": ["SBU"]}, {"SBU NOFORN"}, False),
        ({"any": ["ORCON", "NOFORN"]}, {"ORCON"}, True),
        ({"all": ["ORCON", "NOFORN"]}, {"ORCON", "LES NOFORN"}, True),
        ({"all": ["ORCON", "NOFORN"]}, {"ORCON"}, False),
        ({"none": ["SBU", "FOUO"]}, {"FOUO"}, False),
        ({"none": ["SBU", "FOUO"]}, set(), True),
        ({"none": ["NOFORN"]}, {"SBU NOFORN"}, False),
        ({"none": ["FGI"]}, {"FGI DEU"}, False),
        ({"any": ["FGI GBR"]}, {"FGI GBR"}, True),
        ({"any": ["FGI GBR"]}, {"FGI DEU"}, False),
        ({"any": ["RD"], "none": ["NATO"]}, {"RD"}, True),
        ({"any": ["RD"], "none": ["NATO"]}, {"RD", "NATO"}, False),
    ],
    ids=lambda value: "-".join(sorted(value)) if isinstance(value, set) else None,
)
def test_controls_holds(given: dict[str, Any], present: set[str], holds: bool) -> None:
    assert Controls.model_validate(given).holds(frozenset(present)) is holds


@pytest.mark.parametrize(
    ("given", "described"),
    [
        ({"any": ["NOFORN"]}, "controls any of NOFORN"),
        ({"all": ["ORCON", "RD"]}, "controls all of ORCON, RD"),
        (
            {"none": ["RD", "FRD"], "any": ["NOFORN", "FGI"]},
            "controls any of NOFORN, FGI; none of RD, FRD",
        ),
        (
            {"any": ["SBU"], "all": ["LES"], "none": ["NATO"]},
            "controls any of SBU; all of LES; none of NATO",
        ),
    ],
)
def test_controls_describe(given: dict[str, Any], described: str) -> None:
    assert Controls.model_validate(given).describe() == described


@pytest.mark.parametrize(
    ("country", "ok"),
    [("GBR", True), ("FVEY", True), ("gbr", False), ("GB", False), ("GBRXX", False)],
)
def test_country_codes(country: str, ok: bool) -> None:
    text = _when(f"{{releasable_to: {country}}}")
    if ok:
        rule = parse_policy(text).rules[0]
        assert rule.when is not None
        assert rule.when.releasable_to == country
    else:
        (message,) = _errors(text)
        assert f"{country!r} is not a country code" in message


# -- RE2 ------------------------------------------------------------------------------------


def test_compile_re2_matches_linearly() -> None:
    compiled = compile_re2(r"\bX{6,}\b")
    assert compiled.search("name XXXXXXX here") is not None
    assert compiled.search("XXXXX") is None


def test_compile_re2_error_given_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(pattern: str, options: Any) -> Any:
        raise policy_module.re2.error("too big")

    monkeypatch.setattr(policy_module.re2, "compile", refuse)
    with pytest.raises(ValueError, match=re.escape("not a valid RE2 pattern (too big)")):
        compile_re2("x")


# -- the suggestion helpers -----------------------------------------------------------------
# An unknown key always sits in a model, so parse_policy only walks model paths; these rows
# pin the helpers' answers for the paths it never takes (a scalar field, an unknown name).


@pytest.mark.parametrize(
    ("path", "model"),
    [
        ((), Policy),
        (("rules", 0), Rule),
        (("rules", 0, "when", "level"), LevelRange),
        (("rules", 0, "when", "controls"), Controls),
        (("terms", 3), Term),
        (("header",), Header),
        (("output",), Output),
        (("description",), None),
        (("description", "deeper"), None),
        (("nope",), None),
        (("rules", 0, "when", "kind", "x"), None),
    ],
    ids=lambda value: ".".join(map(str, value)) if isinstance(value, tuple) else None,
)
def test_model_at(path: tuple[str | int, ...], model: type | None) -> None:
    assert policy_module._model_at(path, {}) is model


@pytest.mark.parametrize(
    ("annotation", "model"),
    [
        (Rule, Rule),
        (tuple[Rule, ...], Rule),
        (When | None, When),
        (Annotated[int, Term], Term),
        (str, None),
        (tuple[int, ...], None),
        (list, None),
    ],
    ids=["model", "tuple", "optional", "metadata", "str", "tuple-of-int", "bare-list"],
)
def test_model_of(annotation: object, model: type | None) -> None:
    assert policy_module._model_of(annotation) is model


@pytest.mark.parametrize(
    ("key", "path", "suggestion"),
    [
        ("levle", ("rules", 0, "when", "levle"), ": did you mean 'level'?"),
        ("qqq", ("header", "qqq"), ": allowed here: routing"),
        ("qqq", ("description", "qqq"), ""),
    ],
    ids=["close", "allowed", "no-model"],
)
def test_suggest(key: str, path: tuple[str | int, ...], suggestion: str) -> None:
    assert policy_module._suggest(key, path, {}) == suggestion


# -- the JSON Schema ------------------------------------------------------------------------


def _refs(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def test_schema_file_is_current() -> None:
    expected = json.dumps(policy_schema(), indent=2) + "\n"
    actual = SCHEMA.read_bytes().decode("utf-8")
    assert actual == expected, f"policies/policy.schema.json is stale: regenerate with {REGENERATE}"


def test_schema_command_writes_the_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "redactor.policy", "--schema"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    assert result.stdout == SCHEMA.read_bytes(), f"regenerate with {REGENERATE}"


def test_schema_shape() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert "title" in schema
    for key in ("version", "name", "description", "as_of", "unmarked", "header", "rules", "terms"):
        assert key in schema["properties"], key
    assert set(schema["required"]) == {"version", "name", "unmarked", "rules"}
    definitions = schema["$defs"]
    for ref in _refs(schema):
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in definitions, ref
    for name, definition in definitions.items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, name
    assert "in" in definitions["LevelRange"]["properties"]
    assert "in_" not in definitions["LevelRange"]["properties"]


# -- the shipped policies -------------------------------------------------------------------

SHIPPED = sorted(POLICIES.glob("*.yaml"))


def test_policies_are_shipped() -> None:
    assert {path.stem for path in SHIPPED} >= {
        "declassified-only",
        "foia-release",
        "harm-minimization",
        "partner-gbr",
        "public-web",
    }


@pytest.mark.parametrize("path", SHIPPED, ids=[path.stem for path in SHIPPED])
def test_shipped_policy(path: Path) -> None:
    policy = load_policy(path)
    assert policy.name == path.stem
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=policy.schema.json"
    header = []
    for line in lines[1:]:
        if not line.startswith("#"):
            break
        header.append(line)
    explaining = [line for line in header if line.strip("# ")]
    assert len(explaining) >= 5, f"{path.name}: explain the policy in a header comment"


# -- output: the release block and the amount withheld -----------------------------------


def test_release_block_keys_and_line_disclosure() -> None:
    policy = parse_policy(
        BASE + "output:\n  case_number: F-2014-20439\n  document_number: 'C05739546'\n"
        "  review_date: 2015-05-13\n  disclose_withheld_lines: true\n"
    )
    assert policy.output == Output(
        case_number="F-2014-20439",
        document_number="C05739546",
        review_date=datetime.date(2015, 5, 13),
        disclose_withheld_lines=True,
    )


def test_release_block_keys_are_off_by_default() -> None:
    output = parse_policy(BASE).output
    assert (output.case_number, output.document_number, output.review_date) == (None, None, None)
    assert output.disclose_withheld_lines is False


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        pytest.param('"F-1\\nRELEASE IN FULL"', "must be one line of printable", id="newline"),
        pytest.param('"F-1\\tX"', "must be one line of printable", id="tab"),
        pytest.param('"F-1\\x07"', "must be one line of printable", id="control"),
        pytest.param('"   "', "must not be blank", id="blank"),
        pytest.param('""', "at least 1 character", id="empty"),
        pytest.param("F" * 41, "at most 40 characters", id="too-long"),
        pytest.param("12345", "must be text", id="number"),
    ],
)
def test_release_block_field_errors(value: str, problem: str) -> None:
    for key in ("case_number", "document_number"):
        (message,) = _errors(BASE + f"output:\n  {key}: {value}\n")
        assert message.startswith(_at(8, 3 + len(key) + 2, f"output.{key}: ")), message
        assert problem in message


def test_a_release_field_of_forty_characters_is_accepted() -> None:
    policy = parse_policy(BASE + f"output: {{case_number: {'F' * 40}}}\n")
    assert policy.output.case_number == "F" * 40


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        pytest.param("2015-13-05", "not a date", id="impossible"),
        pytest.param("05/13/2015", "must be a date written YYYY-MM-DD", id="us-order"),
    ],
)
def test_review_date_errors(value: str, problem: str) -> None:
    (message,) = _errors(BASE + f"output:\n  review_date: {value}\n")
    assert "output.review_date: " in message
    assert problem in message


def test_disclose_withheld_lines_is_a_strict_boolean() -> None:
    (message,) = _errors(BASE + "output:\n  disclose_withheld_lines: 1\n")
    assert message == _at(8, 28, "output.disclose_withheld_lines: must be true or false")
