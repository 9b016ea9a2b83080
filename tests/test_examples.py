"""Every script in examples/ runs, as a user would run it, and does what its docstring says."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tests.conftest import CORPUS, EXAMPLES, NO_CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py"))
HAS_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None


def run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run an example from another folder: its defaults must not depend on the caller's."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_every_example_is_tested() -> None:
    """A new example needs a test here."""
    assert SCRIPTS == [
        "folder_to_pdfs.py",
        "policy_in_code.py",
        "redact_one.py",
        "survey_corpus.py",
    ]


def test_redact_one_prints_the_golden_release(tmp_path: Path) -> None:
    done = run("redact_one.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    golden = GOLDEN / "06DAMASCUS728.foia-release.2010-01-01.txt"
    assert done.stdout == golden.read_text(encoding="utf-8")
    assert "part release:" in done.stderr


def test_redact_one_takes_a_policy_and_date(tmp_path: Path) -> None:
    policy = ROOT / "policies" / "foia-release.yaml"
    done = run("redact_one.py", "--policy", str(policy), "--as-of", "2026-11-28", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    golden = GOLDEN / "06DAMASCUS728.foia-release.2026-11-28.txt"
    assert done.stdout == golden.read_text(encoding="utf-8")


def test_folder_to_pdfs_writes_verified_pdfs(tmp_path: Path) -> None:
    out = tmp_path / "pdfs"
    done = run("folder_to_pdfs.py", str(EXAMPLES), "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["06DAMASCUS728.pdf", "memo-confidential.pdf", "memo-secret-noforn.pdf"]
    text = pypdf.PdfReader(out / "06DAMASCUS728.pdf").pages[0].extract_text()
    assert "RELEASE IN PART" in text
    assert "Erkhov" not in text  # paragraph 1 is withheld as of 2010
    assert done.stdout.count("RELEASE IN PART") == 3


def test_folder_to_pdfs_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((EXAMPLES / "06DAMASCUS728.txt").read_bytes())
    (folder / "b.txt").write_bytes(b"C O N F I D E N T I A L\n\xff\xfe\n")
    done = run("folder_to_pdfs.py", str(folder), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 1
    assert "FAILED b.txt" in done.stderr
    assert (tmp_path / "out" / "06DAMASCUS728.pdf").is_file()


def test_policy_in_code(tmp_path: Path) -> None:
    done = run("policy_in_code.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "unknown key 'unmarkd': did you mean 'unmarked'?" in done.stdout
    assert "== foia-in-code: 2 rules, 1 terms ==" in done.stdout
    assert "== names-only: 1 rules, 1 terms ==" in done.stdout
    assert "7 cut(s); stamp codes: B6" in done.stdout  # Erkhov, seven times


def test_survey_of_the_seed_folder(tmp_path: Path) -> None:
    png = tmp_path / "survey.png"
    done = run(
        "survey_corpus.py", str(EXAMPLES), "--as-of", "2026-11-28", "--png", str(png), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "3 cables in" in done.stdout
    assert "  CONFIDENTIAL                  2" in done.stdout
    assert "  2016                          1" in done.stdout
    if HAS_MATPLOTLIB:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:  # the extra is optional: text only, and it says how to get the chart
        assert not png.exists()
        assert "install the plot extra" in done.stdout


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_survey_of_the_corpus(tmp_path: Path) -> None:
    """With no folder given the survey reads ../shared/corpus/cables."""
    png = tmp_path / "survey.png"
    done = run("survey_corpus.py", "--as-of", "2026-11-28", "--png", str(png), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    count = len(list(CORPUS.glob("*.txt")))
    assert done.stdout.startswith(f"{count} cables in ")
    for heading in ("By classification", "By declassification year", "as of 2026-11-28"):
        assert heading in done.stdout


def test_survey_of_an_empty_folder_fails(tmp_path: Path) -> None:
    done = run("survey_corpus.py", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("0 cables in")
