"""Hostile input to ``redactor batch``: names, links, failing writes, limits, consistency."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor import parse, redact
from redactor.batch.consistency import (
    MAX_CUT_STRINGS,
    Consistency,
    Facts,
    _key,
    _Words,
    _words,
    facts_of,
    pack_words,
    worth_following,
)
from redactor.batch.state import STATE_FILE
from redactor.cli import main
from tests.builders import BANNER, LATE, RELEASE_ALL, cable, policy
from tests.conftest import EXAMPLES, ROOT

SEED = EXAMPLES / "06DAMASCUS728.txt"
FOIA = str(ROOT / "policies" / "foia-release.yaml")
NAME = "Stephen A. Seche"  # the seed's classifier: cut by the foia policy's 'classifier' term
_CUT_NAME = (
    "rules: [{id: all, action: release}]\n"
    "terms: [{id: name, words: [Stephen A. Seche], exemptions: [B6]}]"
)
_CUT_SECHE = (
    "rules: [{id: all, action: release}]\nterms: [{id: name, words: [Seche], exemptions: [B6]}]"
)


def batch(out: Path, *inputs: Path, extra: tuple[str, ...] = ()) -> Any:
    args = ["batch", "-p", FOIA, "--as-of", "2026-11-28", "--out", str(out), *extra]
    return CliRunner().invoke(main, [*args, *map(str, inputs)])


def summary(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return data


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".redactor-part"))


# ---------------------------------------------------------------------------------------
# Names and links
# ---------------------------------------------------------------------------------------


def test_reference_id_path_traversal_stays_in_the_folder(tmp_path: Path) -> None:
    """A CSV reference id ``../../escape`` names a file inside the output folder only."""
    rows = tmp_path / "cables.csv"
    body = "1. (U) Unbannered text.".replace('"', '""')
    rows.write_text(f'1,d,"../../escape",o,c,r,"","{body}"\n', encoding="utf-8")
    out = tmp_path / "deep" / "out"
    result = batch(out, rows)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "audit.jsonl",
        "consistency.jsonl",
        "escape.txt",
        "summary.json",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cables.csv", "deep"]


def test_symlink_at_an_output_name_is_replaced(tmp_path: Path) -> None:
    """An output name that is a symlink is replaced by the release; its target is untouched."""
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "precious"
    target.write_text("keep me", encoding="utf-8")
    (out / "06DAMASCUS728.txt").symlink_to(target)
    (out / "summary.json").symlink_to(target)
    result = batch(out, SEED)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not (out / "06DAMASCUS728.txt").is_symlink()
    assert not (out / "summary.json").is_symlink()


# ---------------------------------------------------------------------------------------
# Failing writes and limits
# ---------------------------------------------------------------------------------------


def _full_disk(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """Every staged release fails to write with ENOSPC, as on a full disk."""
    if fmt == "text":

        def full_open(file: str, *args: Any, **kwargs: Any) -> Any:
            if os.path.basename(file).startswith(".redactor-part"):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return open(file, *args, **kwargs)

        # The worker's own name for open(): its staged releases only.
        monkeypatch.setattr("redactor.batch.pipeline.open", full_open, raising=False)
    else:
        real_fdopen = os.fdopen

        class Full:
            """A file that fails to take a PDF (only: the audit and summary still write)."""

            def __init__(self, handle: Any):
                self.handle = handle

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *_: object) -> None:
                self.handle.close()

            def __getattr__(self, name: str) -> Any:
                return getattr(self.handle, name)

            def write(self, data: bytes) -> int:
                if data.startswith(b"%PDF"):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return int(self.handle.write(data))

        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_batch_disk_full_fails_the_document_and_leaves_nothing(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk fails each document (exit 1, reason named), no partial or staged file."""
    _full_disk(monkeypatch, fmt)
    out = tmp_path / "out"
    result = batch(out, SEED, extra=("--format", fmt))
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert not list(out.glob("06DAMASCUS728.*"))
    assert hidden(out) == []
    (failure,) = summary(out)["failures"]
    assert failure["reason"].endswith("cannot write the release: No space left on device")


def test_batch_read_only_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An output folder that refuses files: exit 2 with one line, no traceback, no output."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    out = tmp_path / "out"
    result = batch(out, SEED)
    assert result.exit_code == 2
    assert f"{out}: cannot write into the output folder (Permission denied)" in result.stderr
    assert not (out / "summary.json").exists()
    assert not (out / "06DAMASCUS728.txt").exists()


def test_batch_size_limit_fails_the_document(tmp_path: Path) -> None:
    """--max-size in a batch: the large document fails with the limit named, others go on."""
    small = tmp_path / "in" / "small.txt"
    small.parent.mkdir()
    small.write_text(cable("UNCLASSIFIED", None, "1. (U) short."), encoding="utf-8")
    out = tmp_path / "out"
    result = batch(out, SEED, small, extra=("--max-size", "1K"))
    assert result.exit_code == 1
    (failure,) = summary(out)["failures"]
    assert failure["source"] == str(SEED)
    assert "document over the size limit of 1,024 bytes" in failure["reason"]
    assert summary(out)["documents"] == 2


def test_batch_size_limit_fails_a_csv_row_alone_and_follows_a_raised_limit(
    tmp_path: Path,
) -> None:
    """A cables.csv row over --max-size fails alone, with its source and the limit; the
    rows after it are released; the same batch under a raised limit releases them all."""
    seed = SEED.read_text(encoding="utf-8").replace('"', '\\"')
    short = "1. (U) A short paragraph with no reference id."
    rows = tmp_path / "cables.csv"
    rows.write_text(
        f'1,d,"A",o,c,r,"","{short}"\n2,d,"B",o,c,r,"","{seed}"\n3,d,"C",o,c,r,"","{short}"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = batch(out, rows, extra=("--max-size", "1K"))
    assert result.exit_code == 1
    (failure,) = summary(out)["failures"]
    assert failure["source"] == f"{rows}#2"
    assert failure["reason"].startswith(
        f"{rows}#2: document over the size limit of 1,024 bytes; if it is genuine, raise"
    )
    assert f"FAILED {rows}#2: document over the size limit" in result.stderr
    assert summary(out)["documents"] == 3
    assert (out / "A.txt").exists()
    assert (out / "C.txt").exists()
    raised = batch(out, rows, extra=("--max-size", "4K"))
    assert raised.exit_code == 0, raised.stderr
    assert summary(out)["failures"] == []
    assert (out / "06DAMASCUS728.txt").exists()


# ---------------------------------------------------------------------------------------
# Consistency across the batch
# ---------------------------------------------------------------------------------------


def _inputs(folder: Path) -> list[Path]:
    """Three copies of the seed; the second names the first one's classifier in the body."""
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    other = seed.replace("000728", "000729").replace(NAME, "Jane Q. Doe").replace("SECHE", "DOE")
    other = other.replace("(C) ", f"(C) {NAME} spoke first. ", 1)
    paths = [folder / "a.txt", folder / "b.txt", folder / "c.txt"]
    paths[0].write_text(seed, encoding="utf-8")
    paths[1].write_text(other, encoding="utf-8")
    # The same paragraphs under a later DECL date: withheld where the others are released.
    paths[2].write_text(
        seed.replace("000728", "000730").replace("02/26/2016", "02/26/2036"), encoding="utf-8"
    )
    return paths


def test_consistency_reports_a_cut_name_released_elsewhere(tmp_path: Path) -> None:
    """A name cut in two cables and released in a third: term id and names, no words."""
    out = tmp_path / "out"
    result = batch(out, *_inputs(tmp_path / "in"))
    assert result.exit_code == 0, result.stderr
    report = summary(out)["consistency"]
    assert report["cut_released"] == {
        "checked": True,
        "documents": 1,
        "terms": [
            {
                "term": "classifier",
                # the person and the sign-off: the third cable releases both
                "values": 2,
                "cut_in": {"documents": 2, "names": ["06DAMASCUS728", "06DAMASCUS730"]},
                "found_in": {"documents": 1, "names": ["06DAMASCUS729"]},
            }
        ],
        "unscanned": {"documents": 0, "names": []},
    }
    assert "CUT TERMS RELEASED ELSEWHERE: classifier in 1 document(s)" in result.stdout
    # The same paragraphs, released in 06DAMASCUS728 and withheld in 06DAMASCUS730.
    decisions = report["decisions"]
    assert decisions["conflicts"] == 3  # the subject line and both paragraphs
    assert decisions["listed"][0] == {
        "decisions": [
            {"action": "release", "first_in": "06DAMASCUS728"},
            {"action": "withhold", "first_in": "06DAMASCUS730"},
        ]
    }
    published = (out / "summary.json").read_text(encoding="utf-8") + result.stdout
    for word in ("Seche", "Stephen", "Erkhov", "Hamas"):
        assert word.lower() not in published.lower()


def test_consistency_survives_a_resume_and_a_pdf_only_batch(tmp_path: Path) -> None:
    """A resumed batch reports the same consistency (facts from the state, texts read back
    or re-derived); a PDF-only batch, fresh or resumed, reports what a text batch does and
    publishes no text for it."""
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert batch(out, *inputs).exit_code == 0
    first = summary(out)
    assert first["consistency"]["cut_released"]["checked"] is True
    again = batch(out, *inputs)
    assert again.exit_code == 0
    assert summary(out) == first
    db = sqlite3.connect(out / STATE_FILE)
    (facts,) = db.execute("SELECT facts FROM documents WHERE source LIKE '%a.txt'").fetchone()
    db.close()
    assert Facts.loads(facts).cuts
    assert NAME.lower() not in facts.lower()
    pdf = tmp_path / "pdf"
    result = batch(pdf, *inputs, extra=("--format", "pdf"))
    assert result.exit_code == 0, result.stderr
    assert summary(pdf)["consistency"] == first["consistency"]
    assert "CUT TERMS RELEASED ELSEWHERE: classifier in 1 document(s)" in result.stdout
    assert sorted(p.name for p in pdf.iterdir()) == [
        ".redactor-lock",
        ".redactor-state.sqlite",
        "06DAMASCUS728.pdf",
        "06DAMASCUS729.pdf",
        "06DAMASCUS730.pdf",
        "audit.jsonl",
        "consistency.jsonl",
        "summary.json",
    ]
    resumed = batch(pdf, *inputs, extra=("--format", "pdf"))  # every document up to date
    assert resumed.exit_code == 0, resumed.stderr
    assert re.search(r"up to date \(skipped\)\W+3\b", resumed.stdout)
    assert summary(pdf)["consistency"] == first["consistency"]
    # A text release changed since (same size) is read back as it is now: here the name
    # is gone from it, so nothing is found released.
    path = out / "06DAMASCUS729.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(NAME, "Xxxxxxx X. Xxxxx"), encoding="utf-8")
    assert batch(out, *inputs).exit_code == 0
    assert summary(out)["consistency"]["cut_released"]["terms"] == []
    # One that is no longer UTF-8 cannot be read back: it is not scanned (nor redone:
    # its size still matches), and the report says so, by name, on screen too.
    path.write_bytes(text.encode("utf-8").replace(NAME.encode(), b"\xff" * len(NAME)))
    result = batch(out, *inputs)
    assert result.exit_code == 0
    cut = summary(out)["consistency"]["cut_released"]
    assert cut["terms"] == []
    assert cut["unscanned"] == {"documents": 1, "names": [path.stem]}
    assert "1 release(s) not scanned: text unreadable" in " ".join(result.output.split())


def test_consistency_clean_batch_and_facts_round_trip() -> None:
    """No findings: one quiet line; Facts survive JSON and an unreadable string is empty."""
    doc = parse(SEED.read_text(encoding="utf-8"))
    facts = facts_of(doc, redact(doc, policy("rules: [{id: all, action: release}]"), as_of=LATE))
    assert Facts.loads(facts.dumps()) == facts
    assert Facts.loads("not json") == Facts()
    assert Facts.loads("") == Facts()
    checks = Consistency()
    try:
        checks.add("x", facts, pack_words("released text"))
        report = checks.report()
    finally:
        checks.close()
    assert report == {
        "cut_released": {
            "checked": True,
            "documents": 0,
            "terms": [],
            "unscanned": {"documents": 0, "names": []},
        },
        "decisions": {"conflicts": 0, "listed": []},
    }
    from redactor.batch.command import consistency_line  # noqa: PLC0415

    assert consistency_line(report) == (
        "consistency: no cut term released elsewhere; identical portions decided alike "
        "(summary.json: consistency)"
    )


def test_consistency_caps_the_cut_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("redactor.batch.consistency.MAX_CUT_STRINGS", 1)
    checks = Consistency()
    try:
        checks.add("x", Facts(cuts=(("t", "k1", "f", 1, 0, 1), ("t", "k2", "f", 1, 2, 3))), None)
        assert checks.report()["cut_released"] == {
            "checked": False,
            "reason": "over 1 distinct cut strings",
        }
        report = checks.report()
    finally:
        checks.close()
    from redactor.batch.command import consistency_line  # noqa: PLC0415

    assert consistency_line(report).startswith(
        "consistency: cut terms not checked (over 1 distinct cut strings); "
    )
    assert MAX_CUT_STRINGS == 200_000


def test_consistency_skips_a_release_that_went_missing(tmp_path: Path) -> None:
    """A release whose text could not be had (its file went) is skipped, not an error;
    and the words known to the scan are forgotten past a bound, never missed."""
    checks = Consistency()
    try:
        checks.add("gone", Facts(cuts=(("t", "k", "f", 1, 0, 1),)), None)
        report = checks.report()
    finally:
        checks.close()
    assert report["cut_released"] == {
        "checked": True,
        "documents": 0,
        "terms": [],
        "unscanned": {"documents": 1, "names": ["gone"]},
    }
    out = tmp_path / "out"
    inputs = _inputs(tmp_path / "in")
    assert batch(out, *inputs).exit_code == 0
    (out / "06DAMASCUS729.txt").unlink()
    redone = batch(out, *inputs)  # the missing release is redone, and scanned again
    assert redone.exit_code == 0
    assert summary(out)["consistency"]["cut_released"]["documents"] == 1


def test_consistency_scan_forgets_words_past_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("redactor.batch.consistency.MAX_WORDS_KNOWN", 2)
    doc = parse(SEED.read_text(encoding="utf-8"))
    cut = facts_of(doc, redact(doc, policy(_CUT_SECHE), as_of=LATE))
    checks = Consistency()
    try:
        checks.add("a", cut, None)
        for name in ("b", "c", "d"):
            checks.add(name, Facts(), pack_words(f"many other words, then Seche said {name}"))
        report = checks.report()
    finally:
        checks.close()
    assert report["cut_released"]["terms"][0]["found_in"] == {
        "documents": 3,
        "names": ["b", "c", "d"],
    }


def test_consistency_scan_without_cut_word_keys_misses_nothing() -> None:
    """Facts from a state written before the cut words' keys were kept: the scan keys
    every longer string where its first word stands, as it did then."""
    doc = parse(SEED.read_text(encoding="utf-8"))
    cut = facts_of(doc, redact(doc, policy(_CUT_NAME), as_of=LATE))
    old = json.dumps(json.loads(cut.dumps())[:2])  # the two-part form of that state
    assert Facts.loads(old).words is None
    assert cut.words
    for facts in (cut, Facts.loads(old)):
        checks = Consistency()
        try:
            checks.add("a", facts, None)
            checks.add("b", Facts(), pack_words(f"then {NAME} said, and Stephen A. Smith"))
            report = checks.report()
        finally:
            checks.close()
        assert report["cut_released"]["terms"][0]["found_in"]["names"] == ["b"]


def test_facts_are_the_same_whether_case_folding_keeps_offsets_or_not() -> None:
    """A text where folding changes lengths (ß -> ss) gives the facts of its pieces."""
    seed = SEED.read_text(encoding="utf-8")
    plain = seed.replace("Hamas", "Strasse")
    sharp = seed.replace("Hamas", "Straße")
    pol = policy(_CUT_NAME)
    facts = [facts_of(doc, redact(doc, pol, as_of=LATE)) for doc in map(parse, (plain, sharp))]
    assert len(sharp.casefold()) != len(sharp)
    # The same strings; their offsets move with the longer word before them.
    assert [c[:4] for c in facts[0].cuts] == [c[:4] for c in facts[1].cuts]
    assert facts[0].words == facts[1].words
    assert len(facts[0].portions) == len(facts[1].portions)
    # "straße" folds to "strasse": the portions holding it have the same words, and keys.
    assert facts[0].portions == facts[1].portions


_SPECIALS = st.sampled_from("aZ09_ ¶.,\n\x1fßµÉéÿÀ×÷ª²\u00a0")
_TEXT = st.one_of(
    # Latin-1 only (the fast path), with the letters that fold outside Latin-1 (ß, µ)...
    st.text(st.one_of(_SPECIALS, st.characters(codec="latin-1")), max_size=60),
    # ...and any text (the general path).
    st.text(st.one_of(_SPECIALS, st.sampled_from("ǅİﬁΣς"), st.characters()), max_size=60),
)


@given(text=_TEXT, data=st.data())
@settings(max_examples=300, deadline=None)
def test_fast_word_split_equals_the_pattern(text: str, data: st.DataObject) -> None:
    """The Latin-1 fast path finds, folds and encodes words exactly as ``\\w+`` on the
    case-folded text does: the keys of a batch must not depend on which path ran."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    folded = text.casefold()
    piece = folded[start:end] if len(folded) == len(text) else text[start:end].casefold()
    expected = [w.encode("utf-8", "surrogatepass") for w in _words(piece)]
    words = _Words(text)
    assert words.split(start, end) == expected
    assert words.joined(start, end) == (b"\x1f".join(expected), len(expected))


# ---------------------------------------------------------------------------------------
# Which cut strings the check follows, and the reviewer's record (issue 14, point 4)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cut", "followed"),
    [
        ("Stephen A. Seche", True),
        ("SECHE", True),  # a rare word: a lone surname is followed
        ("Seche's", True),  # "s" is no word: still the lone surname
        ("Thomas White", True),  # a full name with a common word in it
        ("Jane Q. Doe", True),
        ("WHITE", False),  # a sign-off that is a common word
        ("via", False),
        ("State", False),
        ("A", False),
        ("KABUL", False),  # a post
        ("Ambassador", False),
        ("(protect)", False),  # the flag a pattern cuts
        ("(strictly protect)", False),
        ("XXXXXXXXXXXX", False),  # an earlier editor's placeholder
        ("Jones", False),  # a surname of many people: alone, another person elsewhere
        ("Kelly", False),
        ("Eikenberry", True),
    ],
)
def test_consistency_follows_only_cut_strings_that_could_name_someone(
    cut: str, followed: bool
) -> None:
    assert worth_following(_words(cut)) is followed


def test_consistency_flags_a_name_not_a_common_word_released_elsewhere() -> None:
    """Both words are cut in "a"; "b" releases both: only the name is a hit, and the
    reviewer's record names the term, where it was cut (offsets) and where released."""
    text = cable(BANNER, "02/26/2016", "1. (U) The white paper went to Seche today.")
    doc = parse(text)
    terms = "terms: [{id: listed, words: [White, Seche], exemptions: [B6]}]"
    redacted = redact(doc, policy(f"{RELEASE_ALL}\n{terms}"), as_of=LATE)
    assert len(redacted.cuts) == 2
    facts = facts_of(doc, redacted)
    assert len(facts.cuts) == 1  # "white" is not followed
    seche = text.index("Seche")
    checks = Consistency()
    try:
        checks.add("a", facts, None)
        checks.add("b", Facts(), pack_words("The White House said Seche spoke."))
        checks.add("c", Facts(), pack_words("A white paper, nothing more."))
        report = checks.report()
        record = io.BytesIO()
        assert checks.write_record(record) == 1
    finally:
        checks.close()
    assert report["cut_released"]["terms"] == [
        {
            "term": "listed",
            "values": 1,
            "cut_in": {"documents": 1, "names": ["a"]},
            "found_in": {"documents": 1, "names": ["b"]},
        }
    ]
    line = json.loads(record.getvalue())
    assert line == {
        "hit": 1,
        "terms": ["listed"],
        "cut_in": [{"document": "a", "at": [seche, seche + len("Seche")]}],
        "found_in": ["b"],
    }
    assert "seche" not in record.getvalue().decode().lower()


def test_consistency_record_in_the_output_folder(tmp_path: Path) -> None:
    """DIR/consistency.jsonl: one line per cut string released elsewhere, every document
    named, the offsets those of the cuts in audit.jsonl; never a word or a key."""
    out = tmp_path / "out"
    assert batch(out, *_inputs(tmp_path / "in")).exit_code == 0
    raw = (out / "consistency.jsonl").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in raw.splitlines()]
    assert [(x["hit"], x["terms"], x["found_in"]) for x in lines] == [
        (1, ["classifier"], ["06DAMASCUS729"]),  # the person
        (2, ["classifier"], ["06DAMASCUS729"]),  # the sign-off
    ]
    audits = {
        a["reference_id"]: a
        for a in map(json.loads, (out / "audit.jsonl").read_text(encoding="utf-8").splitlines())
    }
    for line in lines:
        assert [c["document"] for c in line["cut_in"]] == ["06DAMASCUS728", "06DAMASCUS730"]
        for cut in line["cut_in"]:
            spans = [[c["start"], c["end"]] for c in audits[cut["document"]]["cuts"]]
            assert cut["at"] in spans
    for word in ("Seche", "Stephen"):
        assert word.lower() not in raw.lower()
    assert not re.search(r"[0-9a-f]{16}", raw)  # no key


def test_consistency_facts_of_an_older_state_are_derived_again(tmp_path: Path) -> None:
    """Facts written by an earlier version may follow strings no longer followed (here
    "the", cut everywhere): a resumed batch derives them again, keeps the outputs, and
    reports what a fresh batch does."""
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert batch(out, *inputs).exit_code == 0
    fresh = summary(out)["consistency"]
    record = (out / "consistency.jsonl").read_bytes()
    key = _key("the")
    old = json.dumps([[["classifier", key, key, 1]], [], [key]])  # the version-2 form
    assert not Facts.loads(old).current
    assert Facts.loads(old).cuts[0][4:] == (-1, -1)
    db = sqlite3.connect(out / STATE_FILE)
    with db:
        db.execute("UPDATE documents SET facts = ?", (old,))
    db.close()
    result = batch(out, *inputs)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"up to date \(skipped\)\W+3\b", result.stdout)  # nothing rewritten
    assert summary(out)["consistency"] == fresh
    assert (out / "consistency.jsonl").read_bytes() == record
    db = sqlite3.connect(out / STATE_FILE)
    facts = [Facts.loads(f) for (f,) in db.execute("SELECT facts FROM documents")]
    db.close()
    assert all(f.current for f in facts)
    assert [f.cuts for f in facts if f.cuts]  # the names again, with their offsets
    # Without a derived outcome (it failed), the older facts are used as they are: the
    # offsets are unknown, and the record says so.
    checks = Consistency()
    try:
        checks.add("a", Facts.loads(old), None)
        checks.add("b", Facts(), pack_words("the end"))
        checks.report()
        buffer = io.BytesIO()
        checks.write_record(buffer)
    finally:
        checks.close()
    assert json.loads(buffer.getvalue())["cut_in"] == [{"document": "a", "at": None}]


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        # Another person of the same surname: a first name no cut string holds before it.
        ("Minister of Defense Carmelina Seche spoke.", False),
        ("TREASURY FOR MURDENX/SECHE", False),
        # The person cut: after a title, or after their own first name.
        ("Ambassador Seche spoke.", True),
        ("Stephen Seche spoke.", True),
        ("Seche spoke.", True),
    ],
)
def test_a_lone_surname_after_another_first_name_is_another_person(
    tmp_path: Path, sentence: str, flagged: bool
) -> None:
    """The seed's sign-off SECHE is cut; a second cable releases the word (issue 14)."""
    folder = tmp_path / "in"
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    other = seed.replace("000728", "000729").replace(NAME, "Jane Q. Doe").replace("SECHE", "DOE")
    other = other.replace("(C) ", f"(C) {sentence} ", 1)
    (folder / "a.txt").write_text(seed, encoding="utf-8")
    (folder / "b.txt").write_text(other, encoding="utf-8")
    out = tmp_path / "out"
    result = batch(out, folder / "a.txt", folder / "b.txt")
    assert result.exit_code == 0, result.stderr
    found = summary(out)["consistency"]["cut_released"]["documents"]
    assert found == (1 if flagged else 0)
