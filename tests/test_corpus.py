"""Every real cable of ../shared/corpus parses, rebuilds byte for byte, and reads right.

Skipped cleanly when ../shared is not beside the project. Disagreements with the
manifest are listed here by name with the reason, so a new one fails the test.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from redactor import DeclassKind, Document, Level, parse
from tests.conftest import CORPUS, corpus_manifest, read_text
from tests.test_parse import assert_partition

ENTRIES = corpus_manifest()
pytestmark = pytest.mark.skipif(not ENTRIES, reason="../shared/corpus/cables is not available")


@cache
def parsed(file: str) -> Document:
    return parse(read_text(CORPUS / file), source=file)


def banner_class(doc: Document) -> str | None:
    """Our overall marking spelled as MANIFEST.json `banner_classification` spells it."""
    banner = doc.banner
    if banner is None or banner.level is None:
        return None
    if banner.level is Level.UNCLASSIFIED:
        return "SENSITIVE BUT UNCLASSIFIED" if "SBU" in banner.controls else "UNCLASSIFIED"
    word = banner.level.banner_word
    return f"{word}//NOFORN" if "NOFORN" in banner.controls else word


# The manifest derives its class from the banner word and the NOFORN/SENSITIVE lines
# before SUBJECT only; where we read more (or it read something we judge wrong) the
# cable is named here with the reason.
SENSITIVE_MISSED = (
    "a SENSITIVE caption line after the UNCLAS banner makes it SBU; manifest missed it"
)
BANNER_DISAGREEMENTS: dict[str, str] = {
    "09UNVIEVIENNA279.txt": SENSITIVE_MISSED,
    "09UNVIEVIENNA281.txt": SENSITIVE_MISSED,
    "09USEUBRUSSELS948.txt": SENSITIVE_MISSED,
    "10MOSCOW293.txt": "DEA SENSITIVE caption: read as SBU (an agency SBU-type caption)",
}

# DECL values that are genuinely not a date, N/A, OADR, event or exemption.
ODD_DECL: dict[str, str] = {
    "06CARACAS219.txt": "DNG: CO <date> is a downgrade instruction, not a declassification",
    "06CARACAS958.txt": "DNG: CO <date> is a downgrade instruction, not a declassification",
    "09USNATO464.txt": "DNG: CO <date> is a downgrade instruction, not a declassification",
    "09BEIJING1336.txt": "the DECL value was redacted by the media partners (XXXXXXXXXXXXX)",
    "73TEHRAN2077.txt": "E.O. 11652 GDS: a staged legacy schedule, not a date",
    "73TEHRAN8233.txt": "E.O. 11652 GDS: a staged legacy schedule, not a date",
    "75TEHRAN2069.txt": "E.O. 11652 GDS: a staged legacy schedule, not a date",
    "7575LIBREVILLE1895.txt": "E.O. 11652 NGDS: no general declassification schedule",
}
# Read where the manifest lists no DECL line: "E.0. 12958: N/A" with a digit zero (point 12).
DECL_NOT_IN_MANIFEST = {"09BERLIN1626.txt": DeclassKind.NA}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_cable(entry: dict[str, Any]) -> None:
    doc = parsed(entry["file"])
    assert_partition(doc)
    name = entry["file"]
    expected = entry["banner_classification"]
    if name in BANNER_DISAGREEMENTS:
        assert banner_class(doc) != expected, f"{name} now agrees: drop it from the list"
    else:
        assert banner_class(doc) == expected
    decl = doc.declassification
    if name in DECL_NOT_IN_MANIFEST:
        assert decl.kind is DECL_NOT_IN_MANIFEST[name]
    elif not (entry["decl_line"] or "").strip():
        assert decl.kind is DeclassKind.MISSING
    elif name in ODD_DECL:
        assert decl.kind is DeclassKind.OTHER
    else:
        assert decl.kind is not DeclassKind.OTHER, (name, decl)
        assert decl.kind is not DeclassKind.MISSING, (name, decl)


# WikiLeaks data errors (CABLES.md §b.9 item 3): the text is another cable's, or its post
# was redacted; the id read from the text is then right and the file name is not.
REFERENCE_ID_DISAGREEMENTS = {
    "09MOSCOW1108.txt": "the page holds a Shenyang cable (banner SHENYANG 000004)",
    "10MEXICO614.txt": "the page holds ISLAMABAD 000416",
    "10SHENYANG4.txt": "the banner's post is redacted (XXXXXXXXXXXX)",
    "88BAGHDAD28.txt": "the page holds STATE 068250",
}


def test_reference_ids() -> None:
    """The reference id read from banner and DTG is the manifest's, but for named errors."""
    wrong = {
        e["file"]
        for e in ENTRIES
        if parsed(e["file"]).reference_id
        not in (e["reference_id"], e.get("canonical_reference_id"))
    }
    assert wrong == set(REFERENCE_ID_DISAGREEMENTS)


def test_portion_marks_seen() -> None:
    """Every mark the manifest saw in a cable is a portion (or subject) mark we found."""
    missing = {}
    for e in ENTRIES:
        found = {" ".join(p.marking.raw.split()) for p in parsed(e["file"]).portions if p.marking}
        lost = [m for m in e["portion_markings_seen"] if m not in found]
        if lost:
            missing[e["file"]] = lost
    assert not missing, missing
