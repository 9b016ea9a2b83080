"""The command line: `redactor apply`, `explain` and `policy check`, their output and errors."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from redactor.cli import main
from tests.conftest import EXAMPLES, ROOT

SEED = str(EXAMPLES / "06DAMASCUS728.txt")
FOIA = str(ROOT / "policies" / "foia-release.yaml")
GOLDEN = Path(__file__).parent / "golden"


def run(*args: str, stdin: bytes | None = None, columns: str | None = None) -> tuple[int, str, str]:
    # COLUMNS set only when a test asks: explain's layout follows it.
    result = CliRunner().invoke(main, list(args), input=stdin, env={"COLUMNS": columns})
    # The raw bytes: click's ``stdout`` turns CRLF into LF, which would hide a bug.
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


@pytest.mark.parametrize("as_of", ["2010-01-01", "2026-11-28"])
def test_apply_to_stdout_matches_golden(as_of: str) -> None:
    code, out, err = run("apply", "--policy", FOIA, "--as-of", as_of, SEED)
    assert code == 0, err
    golden = GOLDEN / f"06DAMASCUS728.foia-release.{as_of}.txt"
    assert out == golden.read_bytes().decode("utf-8")


def test_apply_writes_output_and_audit(tmp_path: Path) -> None:
    out, audit = tmp_path / "release.txt", tmp_path / "audit.jsonl"
    args = ["apply", "-p", FOIA, "--as-of", "2010-01-01", "-o", str(out), "--audit", str(audit)]
    code, stdout, err = run(*args, SEED)
    assert code == 0, err
    assert stdout == ""
    assert out.read_bytes() == (GOLDEN / "06DAMASCUS728.foia-release.2010-01-01.txt").read_bytes()
    (line,) = audit.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["policy_file"] == "foia-release.yaml"
    assert len(record["policy_sha256"]) == 64
    assert record["counts"] == {"cuts": 2, "released": 0, "units": 3, "withheld": 3}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_apply_stdin_keeps_crlf() -> None:
    data = Path(SEED).read_bytes().replace(b"\n", b"\r\n")
    code, out, err = run("apply", "-p", FOIA, "--as-of", "2026-11-28", "-", stdin=data)
    assert code == 0, err
    assert out.startswith("UNCLASSIFIED\r\nRELEASE IN PART B6\r\n")
    assert "\n" not in out.replace("\r\n", "")


def test_apply_as_of_comes_from_policy_then_today(tmp_path: Path) -> None:
    dated = tmp_path / "dated.yaml"
    dated.write_text(
        Path(FOIA).read_text(encoding="utf-8") + "as_of: 2010-01-01\n", encoding="utf-8"
    )
    code, out, _ = run("explain", "-p", str(dated), "--json", SEED)
    assert code == 0
    assert json.loads(out)["as_of"] == "2010-01-01"
    code, out, _ = run("explain", "-p", FOIA, "--json", SEED)
    assert code == 0
    assert json.loads(out)["as_of"] == datetime.date.today().isoformat()


def test_explain_table() -> None:
    code, out, err = run("explain", "-p", FOIA, "--as-of", "2010-01-01", SEED)
    assert code == 0, err
    assert "06DAMASCUS728" in out
    assert "still-classified" in out
    assert "DECL 2016-02-26 after as-of 2010-01-01" in out
    assert "2 cut(s) by term(s): classifier" in out
    assert "Erkhov" not in out
    # Which person each header field gave, and the forms cut elsewhere (issue 14).
    assert (
        'term classifier: classified_by gave the person "Stephen A. Seche", cut there and '
        'wherever "Stephen A. Seche" or "Seche" stands'
    ) in out
    assert 'term classifier: signature gave the person "SECHE", cut there and wherever' in out


@pytest.mark.parametrize("columns", ["80", "100", "60"])
def test_explain_is_readable_in_a_narrow_terminal(columns: str) -> None:
    """Below 120 columns explain prints a line per unit and its reason under it, never a
    table whose reason column is a few characters wide (issue 15, point 8)."""
    code, out, err = run("explain", "-p", FOIA, "--as-of", "2010-01-01", SEED, columns=columns)
    assert code == 0, err
    lines = out.splitlines()
    assert all(len(line) <= int(columns) for line in lines)
    assert "┃" not in out  # no table
    joined = " ".join(out.split())
    assert "1 paragraph (C): withhold by still-classified; B1, 1.4(B), 1.4(D)" in joined
    assert "DECL 2016-02-26 after as-of 2010-01-01" in joined
    assert 'gave the person "Stephen A. Seche"' in joined
    assert len(lines) < 30  # a few lines a unit, not a few characters a line


def test_explain_json_holds_no_names() -> None:
    """The audit record names no person: the names are for the reviewer's screen."""
    code, out, _ = run("explain", "-p", FOIA, "--as-of", "2010-01-01", "--json", SEED)
    assert code == 0
    assert "Seche" not in out
    assert "SECHE" not in out


def test_explain_json_is_the_audit_record() -> None:
    code, out, _ = run("explain", "-p", FOIA, "--as-of", "2026-11-28", "--json", SEED)
    assert code == 0
    record = json.loads(out)
    assert [d["rule"] for d in record["decisions"]] == ["releasable"] * 3
    assert record["codes"] == ["B6"]


def test_policy_check_ok() -> None:
    policies = sorted(str(p) for p in (ROOT / "policies").glob("*.yaml"))
    code, out, err = run("policy", "check", *policies)
    assert code == 0, err
    assert out.count(": ok (") == len(policies) == 5


def test_policy_check_reports_file_line_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nname: bad\nunmarked: inherit\nrules:\n"
        "  - id: r\n    when: {releasable_to: NO}\n    action: release\n",
        encoding="utf-8",
    )
    code, out, err = run("policy", "check", str(bad), FOIA)
    assert code == 2
    assert f"{bad}:6:27: rules[0].when.releasable_to: YAML 1.1 reads the unquoted NO" in err
    assert "foia-release.yaml: ok" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["-p", "no-such.yaml", SEED], "cannot read the policy file", id="no-policy"),
        pytest.param(["-p", FOIA, "no-such.txt"], "cannot read", id="no-input"),
        pytest.param(["-p", FOIA, "--as-of", "2026/11/28", SEED], "YYYY-MM-DD", id="bad-date"),
        pytest.param(
            ["-p", FOIA, "-o", "no-such-dir/out.txt", SEED], "cannot write", id="bad-output"
        ),
    ],
)
def test_apply_errors_exit_2(args: list[str], message: str) -> None:
    code, out, err = run("apply", *args)
    assert code == 2
    assert message in out + err


def test_apply_output_rename_failure_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, out, err = run("apply", "-p", FOIA, "-o", str(tmp_path / "out.txt"), SEED)
    assert code == 2
    assert "No space left on device" in out + err
    assert list(tmp_path.iterdir()) == []


# --- release block options -------------------------------------------------------------


def test_apply_release_block_options_override_the_policy(tmp_path: Path) -> None:
    policy = tmp_path / "cased.yaml"
    policy.write_text(
        Path(FOIA).read_text(encoding="utf-8")
        + "output: {case_number: F-2000-00001, document_number: C00000001}\n",
        encoding="utf-8",
    )
    audit = tmp_path / "audit.jsonl"
    args = ["apply", "-p", str(policy), "--as-of", "2010-01-01", "--audit", str(audit)]
    args += ["--case-number", "F-2014-20439", "--review-date", "2015-05-13", SEED]
    code, out, err = run(*args)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1] == "RELEASE IN PART B1, 1.4(B), 1.4(D), B6"
    assert lines[2] == "Case No. F-2014-20439  Doc No. C00000001  Date: 05/13/2015"
    record = json.loads(audit.read_text(encoding="utf-8"))
    assert record["case_number"] == "F-2014-20439"
    assert record["document_number"] == "C00000001"
    assert record["review_date"] == "2015-05-13"


def test_apply_release_block_options_in_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "release.pdf"
    args = ["apply", "-p", FOIA, "--as-of", "2010-01-01", "--format", "pdf", "-o", str(out)]
    code, _, err = run(*args, "--document-number", "C05739546", SEED)
    assert code == 0, err  # written, so its self-verification passed
    page = pypdf.PdfReader(out).pages[0].extract_text()
    assert "RELEASE IN PART B1, 1.4(B), 1.4(D), B6\nDoc No. C05739546\n" in page


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        ("--case-number", "F-1\nRELEASE IN FULL", "must be one line of printable"),
        ("--document-number", "C" * 41, "at most 40 characters"),
        ("--document-number", " ", "must not be blank"),
        ("--review-date", "05/13/2015", "not a date in YYYY-MM-DD form"),
        ("--review-date", "20150513", "not a date in YYYY-MM-DD form"),
        ("--review-date", "2015-02-30", "not a date in YYYY-MM-DD form"),
    ],
)
def test_apply_release_block_option_errors(option: str, value: str, problem: str) -> None:
    code, out, err = run("apply", "-p", FOIA, "--as-of", "2010-01-01", option, value, SEED)
    assert code == 2
    assert out == ""
    assert option in err
    assert problem in err
