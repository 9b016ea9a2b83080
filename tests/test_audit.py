"""The audit trail, and the guarantee that nothing withheld reaches any output."""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any

import pytest

from redactor import parse
from redactor.audit import AUDIT_VERSION, audit_json, audit_record
from redactor.policy import Policy, parse_policy
from redactor.redact import Redacted, redact
from redactor.render.text import render_text
from tests.builders import EARLY, LATE, policy, withheld_runs
from tests.conftest import ROOT

KEYS = {
    "audit_version",
    "source",
    "reference_id",
    "policy",
    "as_of",
    "release",
    "marking",
    "original_marking",
    "declassification",
    "codes",
    "routing_dropped",
    "counts",
    "decisions",
    "cuts",
    "warnings",
}
DECISION_KEYS = {
    "kind",
    "number",
    "mark",
    "marking",
    "start",
    "end",
    "action",
    "rule",
    "codes",
    "reason",
}


def foia() -> Policy:
    return parse_policy((ROOT / "policies" / "foia-release.yaml").read_text(encoding="utf-8"))


def seed(seed_text: str, pol: Policy, as_of: datetime.date) -> Redacted:
    return redact(parse(seed_text, source="06DAMASCUS728.txt"), pol, as_of=as_of)


C = ["B1", "1.4(B)", "1.4(D)"]
DECL_EARLY = "DECL 2016-02-26 after as-of 2010-01-01"
DECL_LATE = "DECL 2016-02-26 on or before as-of 2026-11-28"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        pytest.param(
            EARLY,
            {
                "as_of": "2010-01-01",
                "release": "part",
                "marking": "UNCLASSIFIED",
                "declassification": "classified",
                "codes": [*C, "B6"],
                "counts": {"units": 3, "withheld": 3, "released": 0, "cuts": 2},
                "decisions": [
                    ("subject", None, None, "(C)", "withhold", "still-classified", C),
                    ("paragraph", "1", "(C)", "(C)", "withhold", "still-classified", C),
                    ("paragraph", "2", "(C)", "(C)", "withhold", "still-classified", C),
                ],
            },
            id="2010-01-01",
        ),
        pytest.param(
            LATE,
            {
                "as_of": "2026-11-28",
                "release": "part",
                "marking": "UNCLASSIFIED",
                "declassification": "declassified",
                "codes": ["B6"],
                "counts": {"units": 3, "withheld": 0, "released": 3, "cuts": 2},
                "decisions": [
                    ("subject", None, None, "(C)", "release", "releasable", []),
                    ("paragraph", "1", "(C)", "(C)", "release", "releasable", []),
                    ("paragraph", "2", "(C)", "(C)", "release", "releasable", []),
                ],
            },
            id="2026-11-28",
        ),
    ],
)
def test_seed_under_foia(seed_text: str, as_of: datetime.date, expected: dict[str, Any]) -> None:
    record = audit_record(seed(seed_text, foia(), as_of))
    assert set(record) == KEYS
    assert record["audit_version"] == AUDIT_VERSION == 1
    assert record["source"] == "06DAMASCUS728.txt"
    assert record["reference_id"] == "06DAMASCUS728"
    assert record["policy"] == "foia-release"
    assert record["original_marking"] == "CONFIDENTIAL"
    assert record["routing_dropped"] is False
    assert record["warnings"] == []
    for key in ("as_of", "release", "marking", "declassification", "codes", "counts"):
        assert record[key] == expected[key], key
    decisions = record["decisions"]
    assert all(set(d) == DECISION_KEYS for d in decisions)
    assert [
        (d["kind"], d["number"], d["mark"], d["marking"], d["action"], d["rule"], d["codes"])
        for d in decisions
    ] == expected["decisions"]
    # Offsets locate each unit in the original.
    starts = [seed_text[d["start"] : d["start"] + 8] for d in decisions]
    assert starts == ["SUBJECT:", "¶1. (C) ", "¶2. (C) "]
    assert seed_text[decisions[2]["end"] - 12 : decisions[2]["end"]] == "Erkhov said."
    assert [(c["terms"], c["codes"]) for c in record["cuts"]] == [
        (["classifier"], ["B6"]),
        (["classifier"], ["B6"]),
    ]
    assert [seed_text[c["start"] : c["end"]] for c in record["cuts"]] == [
        "Stephen A. Seche",
        "SECHE",
    ]


def test_seed_reasons(seed_text: str) -> None:
    early = audit_record(seed(seed_text, foia(), EARLY))["decisions"]
    assert early[0]["reason"] == (
        "unmarked, inherits the banner CONFIDENTIAL; "
        f"level CONFIDENTIAL (at least CONFIDENTIAL); {DECL_EARLY}"
    )
    assert early[1]["reason"] == f"level CONFIDENTIAL (at least CONFIDENTIAL); {DECL_EARLY}"
    late = audit_record(seed(seed_text, foia(), LATE))["decisions"]
    assert late[0]["reason"].startswith("unmarked, inherits the banner CONFIDENTIAL; ")
    for d in late:
        assert DECL_LATE in d["reason"]
        assert "always" in d["reason"]


def test_decisions_are_in_document_order(seed_text: str) -> None:
    decisions = audit_record(seed(seed_text, foia(), EARLY))["decisions"]
    ends = [0]
    for d in decisions:
        assert d["start"] >= ends[-1]
        assert d["end"] > d["start"]
        ends.append(d["end"])


def test_counts_match_the_text(seed_text: str) -> None:
    r = seed(seed_text, foia(), EARLY)
    record = audit_record(r)
    text = render_text(r)
    assert text.count("[WITHHELD") == record["counts"]["withheld"]
    assert text.count("[B6]") == record["counts"]["cuts"]


def test_routing_dropped_and_no_banner() -> None:
    text = "SUBJECT: (U) HELLO\n\n1. (U) A paragraph.\n"
    pol = policy("header: {routing: drop}\nrules: [{id: all, action: release}]")
    record = audit_record(redact(parse(text), pol, as_of=EARLY))
    assert record["original_marking"] is None
    assert record["source"] is None
    assert record["reference_id"] is None
    assert record["release"] == "full"
    assert record["codes"] == []
    assert record["cuts"] == []
    assert record["warnings"] == ["no_banner"]
    assert record["decisions"][1]["mark"] == "(U)"
    assert record["decisions"][1]["number"] == "1"


def test_routing_dropped_is_recorded(seed_text: str) -> None:
    pol = policy("header: {routing: drop}\nrules: [{id: all, action: release}]")
    assert audit_record(seed(seed_text, pol, EARLY))["routing_dropped"] is True


def test_extra_keys_are_included(seed_text: str) -> None:
    r = seed(seed_text, foia(), EARLY)
    record = audit_record(r, policy_file="policies/foia-release.yaml", policy_sha256="ab" * 32)
    assert record["policy_file"] == "policies/foia-release.yaml"
    assert record["policy_sha256"] == "ab" * 32
    assert set(record) == KEYS | {"policy_file", "policy_sha256"}
    line = json.loads(audit_json(r, policy_sha256="cd" * 32))
    assert line["policy_sha256"] == "cd" * 32


@pytest.mark.parametrize("as_of", [EARLY, LATE], ids=["early", "late"])
def test_audit_json_is_deterministic(seed_text: str, as_of: datetime.date) -> None:
    first = audit_json(seed(seed_text, foia(), as_of), extra_b=1, extra_a="x")
    second = audit_json(seed(seed_text, foia(), as_of), extra_a="x", extra_b=1)
    assert first == second
    assert first.encode("utf-8") == second.encode("utf-8")
    assert "\n" not in first
    record = json.loads(first)
    assert record == audit_record(seed(seed_text, foia(), as_of), extra_a="x", extra_b=1)
    assert list(record) == sorted(record)
    assert list(record["counts"]) == sorted(record["counts"])
    assert all(list(d) == sorted(d) for d in record["decisions"])
    assert first == json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_audit_json_keeps_unicode() -> None:
    text = "SUBJECT: (U) HELLO\n\n¶1. (NF) A paragraph.\n"
    line = audit_json(
        redact(parse(text), policy("rules: [{id: all, action: release}]"), as_of=EARLY)
    )
    assert "\\u" not in line
    assert json.loads(line)["decisions"][1]["rule"] == "(unknown-mark)"


# --- nothing withheld leaks -----------------------------------------------------------

WITHHOLD_EVERYTHING = """
unmarked: withhold
rules: [{id: none, action: withhold, exemptions: [B1, '{reasons}']}]
"""


@pytest.mark.parametrize(
    "snippet",
    [
        pytest.param(WITHHOLD_EVERYTHING, id="withhold-everything"),
        pytest.param(
            WITHHOLD_EVERYTHING
            + "terms: [{id: t, words: [Erkhov, Hamas], exemptions: [B6]}]\n"
            + "output: {label_style: doj}\nheader: {routing: drop}\n",
            id="with-terms",
        ),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_nothing_withheld_reaches_text_or_audit(seed_text: str, snippet: str, newline: str) -> None:
    text = seed_text.replace("\n", newline)
    doc = parse(text, source="06DAMASCUS728.txt")
    r = redact(doc, policy(snippet), as_of=EARLY)
    assert r.released == 0
    assert r.withheld == 3
    runs = withheld_runs(doc, r)
    assert len(runs) > 1000
    # The audit's own key names are not document text ("decisions" is also in the cable).
    vocabulary = " ".join(sorted(KEYS | DECISION_KEYS | {"units", "withheld", "released", "terms"}))
    outputs = {
        "text": render_text(r),
        "audit": audit_json(r),
        "audit-values": " ".join(_values(audit_record(r))),
    }
    for name, out in outputs.items():
        leaked = sorted(run for run in runs if run in out and run not in vocabulary)
        assert not leaked, f"{name} leaks {leaked[:3]}"


def test_a_leak_would_be_seen(seed_text: str) -> None:
    """The leak check itself: the released text of the same cable does contain the runs."""
    doc = parse(seed_text)
    r = redact(doc, policy(WITHHOLD_EVERYTHING), as_of=EARLY)
    released = render_text(redact(doc, policy("rules: [{id: a, action: release}]"), as_of=EARLY))
    runs = withheld_runs(doc, r)
    assert all(run in released for run in runs)


def _values(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _values(v)]
    if isinstance(value, list):
        return [s for item in value for s in _values(item)]
    return [str(value)]


def test_release_block_fields_are_recorded_when_any_is_given(seed_text: str) -> None:
    """All three keys (null for those not given) once one is given; none otherwise, so a
    release without a release block keeps the record it always had (the goldens)."""
    r = seed(seed_text, foia(), EARLY)
    assert set(audit_record(r)) == KEYS
    record = audit_record(dataclasses.replace(r, review_date=datetime.date(2015, 5, 13)))
    assert set(record) == KEYS | {"case_number", "document_number", "review_date"}
    assert (record["case_number"], record["document_number"], record["review_date"]) == (
        None,
        None,
        "2015-05-13",
    )
    record = audit_record(dataclasses.replace(r, case_number="F-1", document_number="C2"))
    assert (record["case_number"], record["document_number"], record["review_date"]) == (
        "F-1",
        "C2",
        None,
    )
