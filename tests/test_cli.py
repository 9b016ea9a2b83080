"""The command line: `redactor inspect` in table and JSON form, and its errors."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.cli import main
from tests.conftest import EXAMPLES

SEED = str(EXAMPLES / "06DAMASCUS728.txt")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def test_inspect_json_seed() -> None:
    code, out = run("inspect", SEED, "--as-of", "2026-11-28", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["reference_id"] == "06DAMASCUS728"
    assert report["banner"]["level"] == "CONFIDENTIAL"
    assert report["banner"]["controls"] == []
    assert report["declassification"] == {
        "raw": "02/26/2016",
        "kind": "date",
        "date": "2016-02-26",
        "status": "declassified",
        "warnings": [],
    }
    assert report["reasons"] == ["1.4(b)", "1.4(d)"]
    assert report["classified_by"] == "Charge d'Affaires Stephen A. Seche"
    assert report["classifier_name"] == "Stephen A. Seche"
    assert report["classifier_title"] == "Charge d'Affaires"
    assert report["classifier_post"] is None
    assert report["tags"] == ["KPAL", "PREL", "SY", "RS"]
    assert report["subject"] == "DAMASCUS-BASED HAMAS OFFICIALS TO TRAVEL TO MOSCOW"
    kinds = [(p["kind"], p["number"], p["marking"], p["level"]) for p in report["portions"]]
    assert kinds == [
        ("subject", None, None, None),
        ("paragraph", "1", "(C)", "CONFIDENTIAL"),
        ("paragraph", "2", "(C)", "CONFIDENTIAL"),
    ]
    text = Path(SEED).read_bytes().decode("utf-8")
    for p in report["portions"][1:]:
        assert text[p["start"] : p["end"]].startswith(f"¶{p['number']}. (C)")


def test_inspect_json_before_decl_date() -> None:
    code, out = run("inspect", SEED, "--as-of", "2010-01-01", "--json")
    assert code == 0
    assert json.loads(out)["declassification"]["status"] == "classified"


def test_inspect_table() -> None:
    code, out = run("inspect", SEED, "--as-of", "2026-11-28")
    assert code == 0, out
    expected_bits = (
        "06DAMASCUS728",
        "CONFIDENTIAL",
        "2016-02-26",
        "declassified",
        "1.4(b), 1.4(d)",
    )
    for expected in expected_bits:
        assert expected in out


def test_inspect_stdin_keeps_crlf() -> None:
    data = Path(SEED).read_bytes().replace(b"\n", b"\r\n")
    code, out = run("inspect", "-", "--json", stdin=data)
    assert code == 0, out
    report = json.loads(out)
    text = data.decode("utf-8")
    first = report["portions"][1]
    assert text[first["start"] : first["end"]].startswith("¶1. (C)")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        pytest.param(["inspect", "no-such-file.txt"], None, "cannot read", id="missing"),
        pytest.param(["inspect", "-"], b"SECRET \xff\xfe name", "not UTF-8", id="not-utf8"),
        pytest.param(["inspect", "-"], b"SECRET\x00 name", "NUL", id="nul"),
        pytest.param(["inspect", SEED, "--as-of", "28/11/2026"], None, "YYYY-MM-DD", id="bad-date"),
    ],
)
def test_inspect_errors(args: list[str], stdin: bytes | None, message: str) -> None:
    code, out = run(*args, stdin=stdin)
    assert code == 2
    assert message in out
    assert "name" not in out.replace("--name", "")  # the document is never quoted


def test_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "redactor", "inspect", SEED, "--json", "--as-of", "2026-11-28"],
        capture_output=True,
        check=True,
    )
    assert json.loads(proc.stdout)["reference_id"] == "06DAMASCUS728"


@pytest.mark.parametrize("memo", ["memo-secret-noforn.txt", "memo-confidential.txt"])
def test_inspect_memos(memo: str) -> None:
    code, out = run("inspect", str(EXAMPLES / memo), "--json", "--as-of", "2026-11-28")
    assert code == 0, out
    report = json.loads(out)
    assert report["banner"] is not None
    assert report["declassification"]["kind"] in ("date", "exempt")
    assert report["reasons"]
    assert all(p["marking"] for p in report["portions"])


def test_module_runs_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["redactor", "--version"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("redactor", run_name="__main__")
    assert info.value.code == 0
    assert "redactor" in capsys.readouterr().out


def test_inspect_table_reports_two_digit_year(tmp_path: Path) -> None:
    cable = tmp_path / "c.txt"
    cable.write_text(
        "O 291400Z NOV 00\n\nC O N F I D E N T I A L HARARE 006677\n\n"
        "EO 12958 DECL: 11/29/10\nSUBJECT: X\n\n1. (C) Text.\n",
        encoding="utf-8",
    )
    code, out = run("inspect", str(cable), "--as-of", "2026-11-28")
    assert code == 0, out
    assert "two_digit_year" in out
