"""Shared fixtures: the seed cable and the read-only corpus in ../shared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus" / "cables"


def read_text(path: Path) -> str:
    """Read a document exactly: bytes decoded as UTF-8, line endings untouched."""
    return path.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return read_text(EXAMPLES / "06DAMASCUS728.txt")


def corpus_manifest() -> list[dict[str, Any]]:
    """The corpus manifest, or an empty list when ../shared is not there."""
    manifest = CORPUS / "MANIFEST.json"
    if not manifest.is_file():
        return []
    entries: list[dict[str, Any]] = json.loads(manifest.read_text(encoding="utf-8"))
    return entries


def corpus_params() -> list[Any]:
    """One ``pytest.param`` per manifest entry (id: the reference id), or a single
    skipped param when ../shared is absent, so a parametrized corpus test skips cleanly."""
    entries = corpus_manifest()
    if entries:
        return [pytest.param(e, id=e["reference_id"]) for e in entries]
    return [pytest.param({}, id="no-corpus", marks=pytest.mark.skip(reason=NO_CORPUS))]


NO_CORPUS = "../shared/corpus/cables is not available"
needs_corpus = pytest.mark.skipif(not corpus_manifest(), reason=NO_CORPUS)


@pytest.fixture(scope="session")
def manifest() -> list[dict[str, Any]]:
    entries = corpus_manifest()
    if not entries:
        pytest.skip(NO_CORPUS)
    return entries
