"""`redactor batch`: inputs, names, outputs, resume, isolation, determinism, progress."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import hashlib
import io
import json
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from redactor.batch import BatchError, Job, Options, Task, process_document, run_batch
from redactor.batch.names import MAX_NAME, safe_name, unique_name
from redactor.batch.pipeline import Outcome
from redactor.batch.progress import PlainProgress, RichProgress, format_duration
from redactor.batch.runner import LOCK_FILE, InlineBackend, ProcessBackend, Summary, _Waiting
from redactor.batch.sources import ROW_SLACK, Inputs
from redactor.batch.state import STATE_FILE
from redactor.cli import main
from tests.conftest import CORPUS, EXAMPLES, ROOT, needs_corpus

SEED = EXAMPLES / "06DAMASCUS728.txt"
FOIA = str(ROOT / "policies" / "foia-release.yaml")
GOLDEN = ROOT / "tests" / "golden"
EARLY = "2010-01-01"
PLANTED = "Zanzibarquux"  # planted in broken inputs: must never surface in a message


def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


def cable(serial: int) -> bytes:
    """The seed cable under another serial: reference id ``06DAMASCUS<serial>``."""
    return seed_text().replace("000728", f"{serial:06d}").encode("utf-8")


def corpus(folder: Path, serials: list[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for serial in serials:
        (folder / f"c{serial}.txt").write_bytes(cable(serial))
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    return result.exit_code, result.stdout, result.stderr


def batch(out: Path, *inputs: Path | str, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    return run("-p", FOIA, "--as-of", EARLY, "--out", str(out), *extra, *map(str, inputs))


def visible(folder: Path) -> dict[str, bytes]:
    """Every file a user sees in the output folder (dot files are ours), with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def summary(out: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return data


def audit_lines(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "audit.jsonl").read_text("utf-8").splitlines()]


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("06DAMASCUS728", "06DAMASCUS728"),  # a plain reference id is kept
        ("../../etc/x", "etc_x"),  # traversal: separators go, dots collapse, no leading dot
        ("..", "document"),  # nothing left
        ("a/../b", "a_._b"),  # never two dots in a row
        ("06ABC\x00\n\x1b[2J1", "06ABC_2J1"),  # control characters and escapes
        ("C:\\Windows\\x", "C_Windows_x"),  # Windows separators and drive
        (".hidden", "hidden"),  # our temporary and state files are dot files
        ("CON", "_CON"),  # a Windows device name
        ("nul.backup", "_nul.backup"),
        ("Ｆｕｌｌ", "Full"),  # full-width letters normalise (NFKC)
        ("réf id", "r_f_id"),  # non-ASCII and spaces become _
        ("", "document"),
    ],
    ids=[
        "plain",
        "traversal",
        "dots-only",
        "inner-dots",
        "controls",
        "windows-path",
        "leading-dot",
        "device",
        "device-ext",
        "full-width",
        "non-ascii",
        "empty",
    ],
)
def test_safe_name_table(raw: str, expected: str) -> None:
    """Untrusted ids become safe stems: no separator, no `..`, no control, no leading dot."""
    assert safe_name(raw) == expected


def test_safe_name_bounds_length_and_keeps_long_names_apart() -> None:
    """Long names are cut to MAX_NAME with a digest, so two long ids still differ."""
    a, b = safe_name("A" * 500 + "1"), safe_name("A" * 500 + "2")
    assert len(a) == len(b) == MAX_NAME
    assert a != b


def test_unique_name_suffixes_in_order_case_insensitively() -> None:
    """Collisions take -2, -3 in the order names are claimed, ignoring case."""
    taken: set[str] = set()

    def claim(name: str) -> bool:
        key = name.lower()
        if key in taken:
            return False
        taken.add(key)
        return True

    names = [unique_name(base, claim) for base in ["X", "x", "X", "X-2", "Y"]]
    assert names == ["X", "x-2", "X-3", "X-2-2", "Y"]


# ---------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------


def test_inputs_walk_folders_sorted_recursive_txt_only(tmp_path: Path) -> None:
    """Folders give *.txt recursively in sorted order, without dot files or the output."""
    root = tmp_path / "in"
    for rel in ["b.txt", "a.TXT", "sub/c.txt", "sub/z/d.txt", ".hidden.txt", "note.md"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x")
    (root / ".git").mkdir()
    (root / ".git" / "e.txt").write_bytes(b"x")
    (root / "out").mkdir()
    (root / "out" / "old.txt").write_bytes(b"x")
    inputs = Inputs([str(root)], exclude=root / "out")
    names = [Path(i.source).relative_to(root).as_posix() for i in inputs]
    assert names == ["a.TXT", "b.txt", "sub/c.txt", "sub/z/d.txt"]
    assert inputs.total_bytes() == 4


def test_inputs_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="no such file or folder"):
        Inputs([str(tmp_path / "nope.txt")])
    with pytest.raises(BatchError, match="no INPUT"):
        Inputs([])


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """Rows in the WikiLeaks export's style: every field quoted, quotes backslash-escaped."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            fields = ['"' + f.replace("\\", "\\\\").replace('"', '\\"') + '"' for f in row]
            handle.write(",".join(fields) + "\n")


def csv_row(number: int, ref: str, header: str, body: str) -> list[str]:
    return [
        str(number),
        "2/26/2006 13:25",
        ref,
        "Embassy Damascus",
        "CONFIDENTIAL",
        "",
        header,
        body,
    ]


def test_inputs_csv_rows_stream_header_and_body(tmp_path: Path) -> None:
    """A cables.csv row is header + blank line + body; escaped quotes are unescaped."""
    text = seed_text()
    banner = text.index("C O N F I D E N T I A L")
    header, body = text[: banner - 2], text[banner:]  # as WikiLeaks split it
    path = tmp_path / "cables.csv"
    write_csv(
        path,
        [
            ["id", "date", "refid", "origin", "class", "refs", "header", "body"],  # skipped
            csv_row(1, "06DAMASCUS728", header, body),
            csv_row(2, "", "", 'said "quoted" \\ ok'),  # blank header: the body alone
            ["3", "short row"],
        ],
    )
    items = list(Inputs([str(path)]))
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert items[0].data == f"{header}\n\n{body}".encode()
    assert items[0].stem == "06DAMASCUS728"
    assert items[1].data == b'said "quoted" \\ ok'
    assert items[1].stem == "row-2"
    assert items[2].error is not None
    assert "2 columns, expected 8" in items[2].error
    assert sum(i.size for i in items) == path.stat().st_size


def test_inputs_csv_unclosed_quote_fails_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quote that never closes makes the rest of the file one row: one failure, and
    no more of it is held than the row's budget (the limit and ROW_SLACK)."""
    path = tmp_path / "cables.csv"
    row = b'"1","d","R","o","c","r","h","b"\n'
    tail = b"xx yy\n" * 300 + b"3,d,R,o,c,r,h,b\n"  # no quote: all inside row 2's body
    path.write_bytes(row + b'"2","d","R","o","c","r","h","b' + tail)
    monkeypatch.setattr("redactor.batch.sources.ROW_SLACK", 0)
    monkeypatch.setattr("redactor.batch.sources._CHUNK", 64)
    limit = csv.field_size_limit()
    items = list(Inputs([str(path)], max_bytes=1000))
    assert csv.field_size_limit() == limit  # the process-wide limit is restored
    assert [i.error is None for i in items] == [True, False]
    assert items[1].error == (
        f"{path}#2: malformed CSV (a row that never ends: an unclosed quote?); the rest is skipped"
    )
    assert ROW_SLACK == 64 * 1024


def test_inputs_csv_row_over_the_size_limit_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row over --max-size fails alone and the next rows are read: a row whose document
    is over the limit, and a row too long to hold (its text is skipped, never kept)."""
    text = seed_text()
    path = tmp_path / "cables.csv"
    long_body = 'said "x", \\ and\n' + "so on and on\n" * 600  # quotes, escapes, lines
    write_csv(
        path,
        [
            csv_row(1, "A", "", "1. (U) short."),
            csv_row(2, "B", "", text),  # its document is over 1,000 bytes
            csv_row(3, "C", "", long_body),  # over 1,000 bytes and ROW_SLACK: skipped
            csv_row(4, "D", "", "2. (U) short too."),
        ],
    )
    monkeypatch.setattr("redactor.batch.sources.ROW_SLACK", 3000)
    monkeypatch.setattr("redactor.batch.sources._CHUNK", 512)
    items = list(Inputs([str(path)], max_bytes=1000))
    assert [i.source for i in items] == [f"{path}#{n}" for n in (1, 2, 3, 4)]
    assert [i.error is None for i in items] == [True, False, False, True]
    for item in items[1:3]:
        assert item.error == (
            f"{item.source}: document over the size limit of 1,000 bytes; if it is genuine, "
            "raise the limit with --max-size (or REDACTOR_MAX_SIZE), e.g. --max-size 200M"
        )
        assert item.data == b""
    assert items[3].data == b"2. (U) short too."
    assert sum(i.size for i in items) == path.stat().st_size
    # A raised limit reads them all.
    assert all(i.error is None for i in Inputs([str(path)], max_bytes=100_000))


_CSV_PIECES = ["a", "b c", ",", '"', "\\", "\n", "\r\n", "\r", '""']


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(_CSV_PIECES), max_size=60).map("".join),
    st.sampled_from([1, 3, 8, 20]),
    st.sampled_from([1, 2, 5, 64]),
)
def test_inputs_csv_rows_end_where_csv_ends_them(text: str, budget: int, chunk: int) -> None:
    """Whatever the text, the budget and the block size: every row within the budget is
    the row csv reads, and a row over it fails alone (or, never ending, ends the file)."""
    rows = list(csv.reader(io.StringIO(text, newline=""), "excel", escapechar="\\"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("redactor.batch.sources.ROW_SLACK", 0)
        patch.setattr("redactor.batch.sources._CHUNK", chunk)
        folder = Path(tempfile.mkdtemp())
        path = folder / "t.csv"
        path.write_bytes(text.encode("utf-8"))
        items = list(Inputs([str(path)], max_bytes=budget))
        path.unlink()
        folder.rmdir()
    if items and items[-1].error is not None and "never ends" in items[-1].error:
        assert len(items) <= len(rows)
        items = items[:-1]
    else:
        assert len(items) == len(rows)
    for item, row in zip(items, rows, strict=False):
        if item.error is None:
            body = f"{row[6]}\n\n{row[7]}" if row[6].strip() else row[7]
            assert item.data == body.encode("utf-8")
        elif "size limit" not in item.error:
            assert f": {len(row)} columns" in item.error


def test_inputs_unreadable_and_oversized_files_fail_alone(tmp_path: Path) -> None:
    big, gone = tmp_path / "big.txt", tmp_path / "gone.txt"
    big.write_bytes(b"x" * 10)
    gone.write_bytes(b"x")
    inputs = Inputs([str(big), str(gone)], max_bytes=5)
    gone.unlink()
    first, second = list(inputs)
    assert first.error == (
        f"{big}: document over the size limit of 5 bytes; if it is genuine, raise the limit "
        "with --max-size (or REDACTOR_MAX_SIZE), e.g. --max-size 200M"
    )
    assert (first.data, first.size) == (b"", 10)
    assert second.error is not None
    assert "cannot read" in second.error


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_inputs_read_no_more_than_the_limit_of_an_endless_file() -> None:
    """A file whose size says 0 and that never ends: one byte over the limit is read."""
    (item,) = Inputs(["/dev/zero"], max_bytes=1000)
    assert item.error is not None
    assert "document over the size limit of 1,000 bytes" in item.error


def test_inputs_follow_a_limit_raised_past_the_old_fixed_cap(tmp_path: Path) -> None:
    """The batch's own --max-size decides, not a fixed cap (it was 64 MiB)."""
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: costs no disk
    (item,) = Inputs([str(big)], max_bytes=70 * 2**20)
    assert item.error is None
    assert len(item.data) == 65 * 2**20


# ---------------------------------------------------------------------------------------
# The command end to end
# ---------------------------------------------------------------------------------------


def test_batch_output_matches_apply_golden(tmp_path: Path) -> None:
    """The batch writes exactly what `redactor apply` writes, under the reference id."""
    code, stdout, err = batch(tmp_path / "out", SEED)
    assert code == 0, err
    out = tmp_path / "out"
    golden = GOLDEN / "06DAMASCUS728.foia-release.2010-01-01.txt"
    assert (out / "06DAMASCUS728.txt").read_bytes() == golden.read_bytes()
    assert "withheld in full" in stdout
    assert "done: 1 documents" in err
    assert sorted(visible(out)) == [
        "06DAMASCUS728.txt",
        "audit.jsonl",
        "consistency.jsonl",
        "summary.json",
    ]


def test_batch_summary_and_audit_content(tmp_path: Path) -> None:
    """summary.json counts by category and code; audit.jsonl has one line per document."""
    inputs = corpus(tmp_path / "in", [1, 2, 3])
    out = tmp_path / "out"
    code, _, err = batch(out, inputs, "--as-of", "2026-11-28")  # later --as-of wins
    assert code == 0, err
    data = summary(out)
    assert data["documents"] == 3
    assert data["as_of"] == "2026-11-28"
    assert (data["released_in_full"], data["released_in_part"], data["withheld_in_full"]) == (
        0,
        3,
        0,
    )
    assert data["codes"] == {"B6": 3}
    assert data["failures"] == []
    assert data["pages"] is None
    lines = audit_lines(out)
    assert [line["reference_id"] for line in lines] == [f"06DAMASCUS{n}" for n in (1, 2, 3)]
    assert {line["policy_file"] for line in lines} == {"foia-release.yaml"}


def test_batch_withheld_in_full_and_formats(tmp_path: Path) -> None:
    """As of 2010 every portion of the seed is withheld; --format both writes both files."""
    out = tmp_path / "out"
    code, _, err = batch(out, SEED, extra=("--format", "both", "--page-size", "a4"))
    assert code == 0, err
    data = summary(out)
    assert data["withheld_in_full"] == 1
    assert data["codes"] == {"B1": 1, "1.4(B)": 1, "1.4(D)": 1, "B6": 1}
    assert data["pages"] == 1
    assert data["page_size"] == "a4"
    assert (out / "06DAMASCUS728.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "06DAMASCUS728.txt").is_file()


def test_batch_release_files_hold_no_input_hash(tmp_path: Path) -> None:
    """An input hash can confirm a guess of withheld text: only the state file has it."""
    out = tmp_path / "out"
    assert batch(out, SEED, extra=("--format", "both"))[0] == 0
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    for name, data in visible(out).items():
        assert digest.encode() not in data, name
    assert digest.encode() in (out / STATE_FILE).read_bytes()


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("../../etc/x", "etc_x"),
        ("..", "document"),
        ("\x1b]0;owned\x07", "0_owned"),
    ],
    ids=["traversal", "dots", "terminal-escape"],
)
def test_batch_names_from_hostile_ids_stay_in_the_folder(
    tmp_path: Path, ref: str, expected: str
) -> None:
    """A CSV row whose text yields no reference id is named from the row's id, sanitised."""
    path = tmp_path / "cables.csv"
    write_csv(path, [csv_row(1, ref, "", "UNCLASSIFIED\n\n1. (U) Hello.\n")])
    out = tmp_path / "out"
    code, _, err = batch(out, path)
    assert code == 0, err
    assert sorted(visible(out)) == sorted(
        ["audit.jsonl", "consistency.jsonl", f"{expected}.txt", "summary.json"]
    )
    assert not (tmp_path / "etc").exists()


def test_batch_collisions_resolved_by_input_order(tmp_path: Path) -> None:
    """Two inputs with one reference id: the second takes -2, and summary says so."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    code, _, err = batch(out, folder)
    assert code == 0, err
    assert {"06DAMASCUS728.txt", "06DAMASCUS728-2.txt"} <= set(visible(out))
    assert summary(out)["renamed"] == [{"source": str(folder / "b.txt"), "name": "06DAMASCUS728-2"}]


def test_batch_failing_documents_do_not_stop_it(tmp_path: Path) -> None:
    """Bad documents are reported with path and reason, never text; exit status 1."""
    folder = corpus(tmp_path / "in", [1, 3])
    (folder / "c2.txt").write_bytes(b"UNCLASSIFIED\n\xff " + PLANTED.encode())
    (folder / "c2b.txt").write_bytes(b"UNCLASSIFIED\n\x00 " + PLANTED.encode())
    out = tmp_path / "out"
    code, stdout, err = batch(out, folder)
    assert code == 1
    data = summary(out)
    assert data["documents"] == 4
    assert data["failed"] == 2
    reasons = {f["source"]: f["reason"] for f in data["failures"]}  # type: ignore[attr-defined]
    assert "invalid byte at offset 13" in reasons[str(folder / "c2.txt")]
    assert "NUL" in reasons[str(folder / "c2b.txt")]
    assert f"FAILED {folder / 'c2.txt'}" in err
    everything = stdout + err + "".join(d.decode("utf-8", "replace") for d in visible(out).values())
    assert PLANTED not in everything
    assert {"06DAMASCUS1.txt", "06DAMASCUS3.txt"} <= set(visible(out))
    assert len(audit_lines(out)) == 2
    # The failures are retried by a re-run; the released ones are up to date.
    (folder / "c2.txt").write_bytes(cable(2))
    code, stdout, _ = batch(out, folder)
    assert code == 1
    assert summary(out)["failed"] == 1
    assert len(audit_lines(out)) == 3


def test_batch_resume_skips_up_to_date_and_force_redoes(tmp_path: Path) -> None:
    """A re-run skips documents whose input, policy and as-of match; --force redoes all."""
    folder = corpus(tmp_path / "in", [1, 2, 3])
    out = tmp_path / "out"
    assert batch(out, folder)[0] == 0
    first = visible(out)
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("*.txt")}

    code, _, err = batch(out, folder)
    assert code == 0
    assert "3 up to date" in err
    assert visible(out) == first
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.txt")} == mtimes

    (folder / "c2.txt").write_bytes(cable(2).replace(b"Seche", b"Smith"))
    _, _, err = batch(out, folder)
    assert "2 up to date" in err  # only the changed input is redone

    _, _, err = batch(out, folder, extra=("--force",))
    assert "up to date" not in err

    _, _, err = run("-p", FOIA, "--as-of", "2026-11-28", "--out", str(out), str(folder))
    assert "up to date" not in err  # another as-of: nothing is up to date


def test_batch_resume_redoes_a_deleted_or_truncated_output(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", [1, 2])
    out = tmp_path / "out"
    assert batch(out, folder)[0] == 0
    first = visible(out)
    (out / "06DAMASCUS1.txt").unlink()
    (out / "06DAMASCUS2.txt").write_bytes(b"")
    _, _, err = batch(out, folder)
    assert "up to date" not in err
    assert visible(out) == first


def test_batch_resume_redoes_a_document_whose_name_moved(tmp_path: Path) -> None:
    """An input added before a document takes its name: the document is redone as -2."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    assert batch(out, folder)[0] == 0
    (folder / "a.txt").write_bytes(SEED.read_bytes().replace(b"Seche", b"Smith"))
    code, _, err = batch(out, folder)
    assert code == 0, err
    fresh = tmp_path / "fresh"
    assert batch(fresh, folder)[0] == 0
    assert visible(out) == visible(fresh)


def test_batch_runs_are_deterministic_across_jobs(tmp_path: Path) -> None:
    """Two runs, and --jobs 2 against --jobs 1, write byte-identical folders."""
    folder = corpus(tmp_path / "in", list(range(1, 41)))
    (folder / "bad.txt").write_bytes(b"\xff")
    outs = [tmp_path / name for name in ("one", "again", "two")]
    for out, jobs in zip(outs, ["1", "1", "2"], strict=True):
        code, _, _ = batch(out, folder, extra=("--jobs", jobs, "--format", "both"))
        assert code == 1  # bad.txt
    assert visible(outs[0]) == visible(outs[1]) == visible(outs[2])
    assert len(visible(outs[0])) == 2 * 40 + 3  # audit, consistency, summary
    # The same through workers only: a backend whose workers are up before it starts
    # (a short batch may otherwise run while they start, in this process).
    backend = ProcessBackend(2)
    assert backend.started(timeout=60)
    options = Options(
        policy=FOIA,
        out=str(tmp_path / "workers"),
        inputs=(str(folder),),
        as_of=datetime.date.fromisoformat(EARLY),
        formats=("text", "pdf"),
    )
    summary = run_batch(options, reporter=PlainProgress(io.StringIO()), backend=backend)
    assert summary.failed == 1
    assert visible(tmp_path / "workers") == visible(outs[0])


def test_batch_usage_errors_exit_2(tmp_path: Path) -> None:
    """Missing input, unusable output folder, bad policy, busy folder: exit 2, nothing run."""
    assert batch(tmp_path / "out", tmp_path / "missing.txt")[0] == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = batch(blocker / "out", SEED)
    assert code == 2
    assert "cannot create the output folder" in err
    code, _, _ = run("-p", str(tmp_path / "none.yaml"), "--out", str(tmp_path / "o"), str(SEED))
    assert code == 2


def test_batch_refuses_a_folder_another_batch_holds(tmp_path: Path) -> None:
    import fcntl  # noqa: PLC0415 - POSIX-only test

    out = tmp_path / "out"
    out.mkdir()
    with (out / LOCK_FILE).open("a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        code, _, err = batch(out, SEED)
    assert code == 2
    assert "another batch" in err


def test_batch_replaces_a_damaged_state_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE_FILE).write_bytes(b"not a database" * 100)
    assert batch(out, SEED)[0] == 0
    with sqlite3.connect(out / STATE_FILE) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_batch_removes_stale_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".redactor-part-99-1.txt", out / ".redactor-abc.pdf.tmp"]
    for path in stale:
        path.write_bytes(b"partial")
    assert batch(out, SEED)[0] == 0
    assert not any(p.exists() for p in stale)


@needs_corpus
def test_batch_over_the_real_corpus(tmp_path: Path) -> None:
    """The 535 real cables: every one released, one audit line each, names unique."""
    out = tmp_path / "out"
    code, _, err = run("-p", FOIA, "--as-of", EARLY, "--out", str(out), str(CORPUS))
    assert code == 0, err
    data = summary(out)
    count = len(list(CORPUS.glob("*.txt")))
    assert data["documents"] == count
    assert len(audit_lines(out)) == count
    assert len(list(out.glob("*.txt"))) == count


# ---------------------------------------------------------------------------------------
# The pipeline and the runner, directly
# ---------------------------------------------------------------------------------------


def task(out: Path, *, formats: tuple[str, ...] = ("text",)) -> Task:
    text = Path(FOIA).read_text("utf-8")
    return Task(
        policy_text=text,
        policy_source=FOIA,
        policy_file="foia-release.yaml",
        policy_sha256="0" * 64,
        as_of=datetime.date(2010, 1, 1),
        formats=formats,  # type: ignore[arg-type]
        page_size="letter",
        out=str(out),
    )


def test_process_document_hides_internal_error_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug's message may quote text: only its type is reported."""

    def boom(*_args: object, **_kwargs: object) -> None:
        raise ValueError(PLANTED)

    monkeypatch.setattr("redactor.batch.pipeline.redact", boom)
    outcome = process_document(Job("x.txt", SEED.read_bytes(), ".s"), task(tmp_path))
    assert outcome.reason == "x.txt: internal error (ValueError); please report it"
    assert not outcome.ok


def test_process_document_refuses_a_document_over_the_task_limit(tmp_path: Path) -> None:
    """The worker checks the size too: a Dask client or a caller may skip Inputs."""
    job = Job("x.txt", SEED.read_bytes(), ".s")
    limited = dataclasses.replace(task(tmp_path), max_bytes=100)
    outcome = process_document(job, limited)
    assert outcome.reason is not None
    assert outcome.reason.startswith("x.txt: document over the size limit of 100 bytes")
    assert list(tmp_path.iterdir()) == []


def test_process_document_reports_unwritable_output(tmp_path: Path) -> None:
    outcome = process_document(Job("x.txt", SEED.read_bytes(), ".s"), task(tmp_path / "gone"))
    assert outcome.reason is not None
    assert outcome.reason.startswith("x.txt: cannot write the release: ")


class _LostHandle:
    def result(self) -> list[Outcome]:
        raise RuntimeError(PLANTED)


class _LosingBackend(InlineBackend):
    def submit(self, jobs: list[Job], task: Task) -> _LostHandle:  # type: ignore[override]
        return _LostHandle()


def test_a_lost_worker_fails_its_chunk_not_the_batch(tmp_path: Path) -> None:
    progress = io.StringIO()
    options = Options(
        policy=FOIA,
        out=str(tmp_path / "out"),
        inputs=(str(SEED),),
        as_of=datetime.date(2010, 1, 1),
    )
    result = run_batch(options, reporter=PlainProgress(progress), backend=_LosingBackend())
    assert result.failed == 1
    assert "worker process was lost (RuntimeError)" in result.failures[0][1]
    assert PLANTED not in progress.getvalue()


def test_summary_categories_add_up() -> None:
    from redactor.redact import Release  # noqa: PLC0415

    s = Summary(formats=("text",))
    s.add(Release.FULL, False, (), 0)
    s.add(Release.PART, False, ("B6",), 0)
    s.add(Release.PART, True, ("B1", "B6"), 0)
    s.fail("x", "why")
    data = s.as_json()
    assert [data[k] for k in ("released_in_full", "released_in_part", "withheld_in_full")] == [
        1,
        1,
        1,
    ]
    assert data["documents"] == 4
    assert data["codes"] == {"B1": 1, "B6": 2}


# ---------------------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------------------


def ticking(step: float) -> Iterator[float]:
    now = 0.0
    while True:
        yield now
        now += step


def test_plain_progress_prints_periodic_lines() -> None:
    """Not a terminal: a line per interval with documents/s and ETA, failures at once."""
    stream = io.StringIO()
    clock = ticking(1.0)
    progress = PlainProgress(stream, interval=2.0, clock=lambda: next(clock))
    progress.start(400)
    for n in range(4):
        progress.advance(100, failed="x.txt: bad" if n == 1 else None, skipped=n == 0)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "FAILED x.txt: bad"
    assert "documents/s" in lines[1]
    assert "% of input, ETA" in lines[1]
    assert lines[-1].startswith("done: 4 documents, 1 up to date, 1 failed")


def test_rich_progress_draws_a_bar_on_a_terminal() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    progress = RichProgress(console)
    progress.start(200)
    progress.advance(100)
    progress.advance(100, failed="[bold]x.txt: bad")
    progress.finish()
    shown = buffer.getvalue()
    assert "FAILED" in shown
    assert "[bold]x.txt: bad" in shown  # printed as text, never as markup
    assert "docs/s" in shown


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "0:00:00"), (61.4, "0:01:01"), (3 * 3600 + 5, "3:00:05")]
)
def test_format_duration(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


class _Pool:
    """A stand-in for the process pool: runs a chunk at once, or is broken."""

    def __init__(self, *, broken: bool = False):
        self.broken, self.sent = broken, 0

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        if self.broken:
            raise BrokenProcessPool("gone")
        self.sent += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args))
        return future


def test_a_chunk_submitted_while_workers_start_runs_once_somewhere(tmp_path: Path) -> None:
    """Sent to the workers when they are up; run here if asked for first, or if the pool
    broke; never both (the outcomes are the same either way)."""
    jobs = [Job("s.txt", SEED.read_bytes(), ".a")]
    lock = threading.Lock()
    here = _Waiting(jobs, task(tmp_path), lock)
    (first,) = here.result()  # asked for before the workers were up: runs here
    pool = _Pool()
    here.send(pool)  # type: ignore[arg-type]
    assert pool.sent == 0
    jobs = [Job("s.txt", SEED.read_bytes(), ".b")]
    sent = _Waiting(jobs, task(tmp_path), lock)
    sent.send(pool)  # type: ignore[arg-type]
    assert pool.sent == 1
    (second,) = sent.result()
    broken = _Waiting([Job("s.txt", SEED.read_bytes(), ".c")], task(tmp_path), lock)
    broken.send(_Pool(broken=True))  # type: ignore[arg-type]
    (third,) = broken.result()
    assert [first.ok, second.ok, third.ok] == [True, True, True]
    assert first.audit == second.audit == third.audit
