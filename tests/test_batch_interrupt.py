"""`redactor batch` interrupted by SIGINT or kill -9: no partial output, a re-run completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import ROOT
from tests.test_batch import EARLY, FOIA, batch, corpus, visible

COUNT = 120  # PDFs: long enough a batch (about a second) to be caught in the middle


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus(tmp_path_factory.mktemp("in"), list(range(1, COUNT + 1)))


@pytest.fixture(scope="module")
def reference(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference")
    code, _, err = batch(out, inputs, extra=("--format", "pdf"))
    assert code == 0, err
    return visible(out)


def start(out: Path, inputs: Path, jobs: int, errors: IO[bytes]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "redactor", "batch", "-p", FOIA, "--as-of", EARLY]
    command += ["--format", "pdf", "--jobs", str(jobs), "--out", str(out), str(inputs)]
    # Standard error goes to a file, not a pipe: orphaned workers would hold a pipe open.
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)


def wait_for_pdfs(out: Path, process: subprocess.Popen[bytes], at_least: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        # Final names only: pathlib's "*" also matches the dot files being staged.
        if out.is_dir() and len([p for p in out.glob("*.pdf") if p.name[0] != "."]) >= at_least:
            return
        time.sleep(0.01)
    pytest.fail("the batch ended before it could be interrupted")


@pytest.mark.parametrize(
    ("sig", "jobs", "status"),
    [
        (signal.SIGKILL, 1, -signal.SIGKILL),
        (signal.SIGKILL, 2, -signal.SIGKILL),
        (signal.SIGINT, 1, 130),
    ],
    ids=["kill-9", "kill-9-jobs-2", "sigint"],
)
def test_interrupted_batch_leaves_no_partial_output_and_resumes(
    tmp_path: Path,
    *,
    inputs: Path,
    reference: dict[str, bytes],
    sig: signal.Signals,
    jobs: int,
    status: int,
) -> None:
    out = tmp_path / "out"
    with (tmp_path / "stderr").open("wb") as errors:
        process = start(out, inputs, jobs, errors)
        wait_for_pdfs(out, process, at_least=5)
        os.kill(process.pid, sig)
        process.wait(timeout=60)
    err = (tmp_path / "stderr").read_bytes()
    assert process.returncode == status, err.decode()
    if sig == signal.SIGINT:
        assert b"run the same command again" in err
    partial = visible(out)
    assert "audit.jsonl" not in partial  # written only when the batch is complete
    assert 0 < len(partial) < COUNT
    for name, data in partial.items():
        assert data == reference[name], f"{name} is not complete"
    code, _, err_text = batch(out, inputs, extra=("--format", "pdf"))
    assert code == 0, err_text
    assert visible(out) == reference
    assert not [p.name for p in out.iterdir() if p.name.startswith(".redactor-part-")]
