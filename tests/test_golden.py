"""Golden files: the seed cable released under the shipped policies, byte for byte.

The goldens under ``tests/golden/`` are reviewed by eye when they change. Regenerate
them with ``REDACTOR_UPDATE_GOLDEN=1 make test`` and read the diff before committing.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from redactor.audit import audit_json
from redactor.parser import parse
from redactor.policy import load_policy
from redactor.redact import redact
from redactor.render.text import render_text
from tests.conftest import EXAMPLES, ROOT, read_text

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("REDACTOR_UPDATE_GOLDEN") == "1"

CASES = [
    # (document, policy, as of): both dates of the issue for the seed under foia-release,
    # and one release per other shipped policy.
    ("06DAMASCUS728", "foia-release", "2010-01-01"),
    ("06DAMASCUS728", "foia-release", "2026-11-28"),
    ("06DAMASCUS728", "declassified-only", "2010-01-01"),
    ("06DAMASCUS728", "public-web", "2026-11-28"),
    ("06DAMASCUS728", "harm-minimization", "2010-01-01"),
    ("memo-secret-noforn", "partner-gbr", "2026-11-28"),
    ("memo-secret-noforn", "foia-release", "2026-11-28"),
    ("memo-confidential", "declassified-only", "2026-11-28"),
]


def _release(document: str, policy: str, as_of: str) -> tuple[str, str]:
    doc = parse(read_text(EXAMPLES / f"{document}.txt"), source=f"{document}.txt")
    redacted = redact(
        doc,
        load_policy(ROOT / "policies" / f"{policy}.yaml"),
        as_of=datetime.date.fromisoformat(as_of),
    )
    return render_text(redacted), audit_json(redacted) + "\n"


def _check(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_bytes(actual.encode("utf-8"))
    assert path.is_file(), f"{path.name} missing: run REDACTOR_UPDATE_GOLDEN=1 make test"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{path.name} differs: review, then regenerate"


@pytest.mark.parametrize(("document", "policy", "as_of"), CASES, ids=str)
def test_golden_text_and_audit(document: str, policy: str, as_of: str) -> None:
    text, audit = _release(document, policy, as_of)
    stem = f"{document}.{policy}.{as_of}"
    _check(GOLDEN / f"{stem}.txt", text)
    _check(GOLDEN / f"{stem}.audit.jsonl", audit)


def test_seed_2010_withholds_both_paragraphs() -> None:
    text, audit = _release("06DAMASCUS728", "foia-release", "2010-01-01")
    lines = text.splitlines()
    assert lines[0] == lines[-1] == "UNCLASSIFIED"
    assert lines[1] == "RELEASE IN PART B1, 1.4(B), 1.4(D), B6"
    assert "¶1. (C) [WITHHELD B1, 1.4(B), 1.4(D)]" in lines
    assert "¶2. (C) [WITHHELD B1, 1.4(B), 1.4(D)]" in lines
    record = json.loads(audit)
    assert record["counts"]["withheld"] == 3  # the unmarked subject inherits (C) too
    for name in ("Erkhov", "Hamas", "Seche", "Lavrov"):
        assert name.casefold() not in text.casefold()


def test_seed_2026_releases_with_names_cut() -> None:
    text, _ = _release("06DAMASCUS728", "foia-release", "2026-11-28")
    lines = text.splitlines()
    assert lines[0] == lines[-1] == "UNCLASSIFIED"
    assert lines[1] == "RELEASE IN PART B6"
    assert "Classified By: Charge d'Affaires [B6] for reasons 1.4 b/d" in lines
    assert lines[-2] == "[B6]"  # the sign-off SECHE
    assert "Erkhov told Polchief" in text  # released: DECL 2016-02-26 has passed
    assert "seche" not in text.casefold()
