"""Labels carry no free text (issue 13, point 8).

A withheld unit's lead prints its label and its mark from closed vocabularies
(:mod:`redactor.leads`): compartment and program names (``SAR-KINGFISHER``,
``SI-OSPREY``) and any word of a mark not read in full never print. Checked in every
output built from a release: the text release, the PDF (pypdf's extraction and the raw
bytes), the audit record, ``explain``, a batch's summary and audit, and the preview's
parts that describe decisions and the release (its original-text panel shows the
withheld text by design, watermarked NOT FOR RELEASE).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor import load_policy, parse, redact, render_pdf, render_text
from redactor.audit import audit_json
from redactor.cli import main
from redactor.leads import (
    COALITIONS,
    CONTROLS,
    COUNTRIES,
    printed_banner,
    printed_label,
    printed_mark,
)
from redactor.markings import _CONTROLS, _COUNTRY_NAMES, Level, Marking, parse_portion_mark
from redactor.model import Document
from redactor.policy import Action
from redactor.preview import render_preview
from redactor.redact import Redacted
from tests.conftest import ROOT
from tests.leaks.support import EARLY, extract, seed_text

POLICIES = ("foia-release", "declassified-only", "partner-gbr")

# (mark written in the seed's paragraph 1, what the lead prints, names that must not print)
MARKS = [
    pytest.param("(C//SAR-KINGFISHER)", "(C//SAR)", ["KINGFISHER"], id="sap"),
    pytest.param("(C//SAR-KINGFISHER//NF)", "(C//SAR//NF)", ["KINGFISHER"], id="sap-noforn"),
    pytest.param("(C//SI-OSPREY//NF)", "(C//SI//NF)", ["OSPREY", "SI-OSPREY"], id="sci"),
    pytest.param(
        "(C//HCS-P/SI-OSPREY/TK-ZEPHYR//SAR-KINGFISHER/SAR-BLUEJAY//ORCON/NF)",
        "(C//HCS/SI/TK//SAR//OC/NF)",
        ["HCS-P", "OSPREY", "ZEPHYR", "KINGFISHER", "BLUEJAY"],
        id="several",
    ),
    pytest.param(
        "(C//SAR-KINGFISHER PLUS)", "(C//UNREADABLE)", ["KINGFISHER", "PLUS"], id="sap-2w"
    ),
    pytest.param("(C//REL TO USA, KNG)", "(C//UNREADABLE)", ["KNG"], id="rel-to-not-iso"),
    pytest.param("(KINGFISHER NF)", "(UNKNOWN)", ["KINGFISHER"], id="unknown-mark"),
]


def _release(text: str, policy: str) -> tuple[Document, Redacted]:
    doc = parse(text, source="seed.txt")
    return doc, redact(doc, load_policy(ROOT / "policies" / f"{policy}.yaml"), as_of=EARLY)


def _seed_with(mark: str) -> str:
    seed = seed_text()
    assert seed.count("¶1. (C) ") == 1
    return seed.replace("¶1. (C) ", f"¶1. {mark} ")


def _release_section(page: str) -> str:
    """The preview without its original-text panel (which shows withheld text by design)."""
    return re.sub(r'<pre class="doc".*?</pre>', "", page, flags=re.S)


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize(("mark", "shown", "names"), MARKS)
def test_compartment_and_program_names_never_print(
    mark: str, shown: str, names: list[str], policy: str, tmp_path: Path
) -> None:
    doc, redacted = _release(_seed_with(mark), policy)
    (first,) = [d for d in redacted.decisions if d.kind == "paragraph" and d.number == "1"]
    assert first.action is Action.WITHHOLD
    assert (first.mark, first.marking) == (shown, shown)
    text = render_text(redacted)
    assert f"¶1. {shown} [WITHHELD " in text
    dest = tmp_path / "r.pdf"
    render_pdf(redacted, dest)
    data = dest.read_bytes()
    extracted = extract(data)
    assert f"¶1. {shown} WITHHELD" in " ".join(extracted.split())
    outputs = {
        "text": text,
        "pdf text": extracted,
        "pdf bytes": data.decode("latin-1"),
        "audit": audit_json(redacted),
        "preview": _release_section(render_preview(doc, redacted)),
    }
    for name in names:
        for where, output in outputs.items():
            assert name not in output, f"{name} in the {where}"


@pytest.mark.parametrize(("mark", "shown", "names"), MARKS)
def test_explain_and_batch_show_no_compartment_name(
    mark: str, shown: str, names: list[str], tmp_path: Path
) -> None:
    source = tmp_path / "in" / "seed.txt"
    source.parent.mkdir()
    source.write_bytes(_seed_with(mark).encode("utf-8"))
    policy = str(ROOT / "policies" / "foia-release.yaml")
    common = ["--policy", policy, "--as-of", EARLY.isoformat()]
    runner = CliRunner()
    explained = runner.invoke(main, ["explain", *common, str(source)])
    assert explained.exit_code == 0, explained.output
    assert shown in explained.output
    out = tmp_path / "out"
    batch = runner.invoke(main, ["batch", *common, "--format", "both", "-o", str(out), str(source)])
    assert batch.exit_code == 0, batch.output
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert any(name.endswith(".pdf") for name in files)
    for name in names:
        assert name not in explained.output
        assert name not in batch.output
        for file, data in files.items():
            assert name.encode() not in data, f"{name} in {file}"
            assert name not in file


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("¶12.", "¶12."),
        ("¶ 12 .", "¶12."),
        ("3,", "3,"),
        ("1.2.", "1.2."),
        ("A.", "A."),
        ("a)", "a)"),
        ("iv.", "iv."),
        ("XIV)", "XIV)"),
        ("(a)", "(a)"),
        ("(12)", "(12)"),
        ("(vii)", "(vii)"),
        ("-", "-"),
        ("--", "--"),
        ("•", "•"),
        ("¶", "¶"),
        ("civil.", None),
        ("mix)", None),
        ("(ab)", None),
        ("Secret words", None),
        ("1. Secret", None),
        ("а.", None),  # Cyrillic a: no label prints a look-alike
        ("12" * 20, None),
    ],
)
def test_label_grammar_is_closed(written: str, printed: str | None) -> None:
    assert printed_label(written) == printed


def test_printed_form_equals_the_canonical_one_for_every_listed_control() -> None:
    """The closed list agrees with redactor.markings on the form and order of each
    control it lets print, so a lead is the canonical portion mark less the names."""
    assert set(CONTROLS) == set(_CONTROLS) - {"NATO"}
    for control in _CONTROLS:
        for level in Level:
            marking = Marking(level, (control,))
            assert printed_mark(marking) == marking.portion_form()
            assert printed_banner(marking) == marking.banner_form()
    every = Marking(Level.SECRET, tuple(c for c in _CONTROLS if c not in ("NATO", "SBU")))
    assert printed_mark(every) == every.portion_form()


def test_every_country_the_reader_knows_may_print() -> None:
    assert set(_COUNTRY_NAMES.values()) <= COUNTRIES
    assert len(COUNTRIES) == 250  # ISO 3166-1 alpha-3 (249) and XKS
    assert {"FVEY", "ACGU", "TEYE", "NATO"} <= COALITIONS
    mark = parse_portion_mark("(S//REL TO USA, FRANCE, BRITAIN, AND QATAR)")
    assert mark is not None
    assert printed_mark(mark) == "(S//REL TO USA, FRA, GBR, QAT)"


@pytest.mark.parametrize(
    "mark",
    ["(Ahmed Ali NF)", "(S//Ahmed Ali)", "(S//REL TO USA, ABCD)", "(//XYZW S)", "(S//)"],
)
def test_a_mark_not_read_in_full_prints_a_form_of_its_level_only(mark: str) -> None:
    marking = parse_portion_mark(mark)
    assert marking is not None
    level = marking.level
    expected = "(UNKNOWN)" if level is None else f"({level.code}//UNREADABLE)"
    assert printed_mark(marking) == expected


def test_audit_record_of_the_batch_is_json(tmp_path: Path) -> None:
    """The audit lines the batch writes parse (the label test above reads their bytes)."""
    source = tmp_path / "seed.txt"
    source.write_bytes(_seed_with("(C//SAR-KINGFISHER)").encode("utf-8"))
    out = tmp_path / "out"
    policy = str(ROOT / "policies" / "foia-release.yaml")
    result = CliRunner().invoke(
        main,
        ["batch", "--policy", policy, "--as-of", EARLY.isoformat(), "-o", str(out), str(source)],
    )
    assert result.exit_code == 0, result.output
    (line,) = (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    marks = [d["mark"] for d in json.loads(line)["decisions"] if d["mark"]]
    assert "(C//SAR)" in marks
