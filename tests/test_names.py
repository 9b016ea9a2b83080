"""What a word in a name field is (redactor/names.py, issue 14): the classifier's
statement read into person, title and post; common words; surnames; sign-offs."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.names import (
    is_common_word,
    is_country_word,
    is_office,
    is_signoff_name,
    is_title,
    near_title,
    read_names,
    searchable,
    surname,
)
from redactor.reasons import find_classified_by
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("region", "person", "title", "post"),
    [
        ("Acting Deputy Chief of Mission Marc Wall", "Marc Wall",
         "Acting Deputy Chief of Mission", None),
        ("Chris Stevens, CDA, Embassy Tripoli, Dept of State", "Chris Stevens", "CDA",
         "Embassy Tripoli, Dept of State"),
        ("Minister-Counselor for Political-Military Affairs Michae \nl Corbin", "Michael Corbin",
         "Minister-Counselor for Political-Military Affairs", None),
        ("Coordinator Director for Development and Economic Affair\ns E. Anthony Wayne",
         "E. Anthony Wayne", "Coordinator Director for Development and Economic Affairs", None),
        ("Charge d'Affaires, a.i., Robert P. Jackson", "Robert P. Jackson",
         "Charge d'Affaires, a.i.", None),
        ("Richard LeBaron, Charge d'Affaires, a.i.", "Richard LeBaron",
         "Charge d'Affaires, a.i.", None),
        ("DCM;DOUG SILLIMAN", "DOUG SILLIMAN", "DCM", None),
        ("Ambassador Clark T. Randt, Jr.", "Clark T. Randt, Jr.", "Ambassador", None),
        ("Richard Olson, Ambasador", "Richard Olson", "Ambasador", None),
        ("Ambassador William B. Wood, U.S. Embassy Kabul", "William B. Wood", "Ambassador",
         "U.S. Embassy Kabul"),
        ("A/PolAd A. “Hoot” Baez", "A. “Hoot” Baez", "A/PolAd", None),
        ("AMBASSADOR CHARLES A. RAY", "CHARLES A. RAY", "AMBASSADOR", None),
        ("ambassador john beyrle", "john beyrle", "ambassador", None),
        ("DCM ANNA BORG BASED ON", "ANNA BORG", "DCM", None),
        ("Ambassador James Moriarty for", "James Moriarty", "Ambassador", None),
        ("Special Representative for Afghanistan and Pakistan\nRichard C. Holbrooke",
         "Richard C. Holbrooke", "Special Representative for Afghanistan and Pakistan", None),
        ("Ambassador to Iraq Ryan Crocker", "Ryan Crocker", "Ambassador to Iraq", None),
        ("Amb. Carol van Voorst", "Carol van Voorst", "Amb.", None),
        ("Paul R Sutphin, Consul General, Dubai, UAE", "Paul R Sutphin", "Consul General",
         "Dubai, UAE"),
        ("DCM Luis G, Moreno", "Luis G, Moreno", "DCM", None),
        ("CG Martin R. Quinn", "Martin R. Quinn", "CG", None),
        ("DCM William Jordan", "William Jordan", "DCM", None),
        ("Acting Front Office Director, Jane Doe", "Jane Doe", "Acting Front Office Director",
         None),
        ("U.S. Embassy Kabul John Smith", "John Smith", "U.S. Embassy Kabul", None),
        ("Charge d'Affaires", None, "Charge d'Affaires", None),
        ("DOS Classification Guide", None, None, None),
        ("A...", None, None, None),
        ("Embassy Tripoli", None, None, None),
        ("", None, None, None),
    ],
)  # fmt: skip
def test_read_names(region: str, person: str | None, title: str | None, post: str | None) -> None:
    got = read_names(region, 0, len(region))
    assert (got.person, got.title, got.post) == (person, title, post)
    for value, span in ((got.person, got.person_span), (got.title, got.title_span),
                        (got.post, got.post_span)):  # fmt: skip
        if value is None:
            assert span is None
        else:
            assert span is not None
            # the span holds the value as written: spacing is the only change
            assert "".join(region[span[0] : span[1]].split()) == "".join(value.split())


def test_read_names_offsets_are_in_the_text() -> None:
    text = "HEADER\nClassified By: DCM Tom Kelly for reasons"
    lo = text.index("DCM")
    got = read_names(text, lo, text.index(" for"))
    assert got.person_span is not None
    assert text[slice(*got.person_span)] == "Tom Kelly"


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("via", True), ("White", True), ("STATE", True), ("A", True), ("mines", True),
        ("Wood", True), ("for", True), ("May", True),
        ("Jones", False), ("Stevens", False), ("Seche", False), ("Kelly", False),
        ("Patterson", False), ("Eikenberry", False),
    ],
)  # fmt: skip
def test_is_common_word(word: str, common: bool) -> None:
    assert is_common_word(word) is common


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Stephen A. Seche", "Seche"),
        ("Clark T. Randt, Jr.", "Randt"),
        ('A. "Hoot" Baez', "Baez"),
        ("Thomas White", None),  # a common word: alone it would cut the White House
        ("Michael A. Via", None),
        ("Cellucci", None),  # one word: the name itself, no surname of it
        ("W. Scott Reid III", "Reid"),
    ],
)
def test_surname(name: str, expected: str | None) -> None:
    assert surname(name) == expected


@pytest.mark.parametrize(
    ("value", "person", "name"),
    [
        ("SECHE", "Stephen A. Seche", True),
        ("WHITE", "Thomas White", True),
        ("WHITE", None, True),  # at the foot of a cable, a name (fail closed)
        ("AMBASSADOR", None, False),
        ("STATE", None, False),
        ("KABUL", None, True),  # a post of no word list: a name, cut (fail closed)
        ("Danilovich", "Philip Chicola", True),
        ("PARDEW PARDEW", "JAMES PARDEW", True),
        ("One two three four five", None, False),
        ("", None, False),
    ],
)
def test_is_signoff_name(value: str, person: str | None, name: bool) -> None:
    assert is_signoff_name(value, person) is name


def test_vocabularies() -> None:
    assert is_title("Ambassador")
    assert is_title("d'Affaires")
    assert is_title("a.i.")
    assert is_office("EUR/PRA")
    assert is_office("DOS")
    assert not is_office("Seche")
    assert is_country_word("Afghanistan")
    assert not is_country_word("Martin")
    assert near_title("Ambasador")
    assert near_title("Glbal")
    assert not near_title("Seche")
    assert not near_title("DCM")  # too short to be told from a name
    assert not searchable("Embassy")
    assert not searchable("Pakistan")
    assert searchable("Seche")


def test_wordlists_are_current() -> None:
    """The shipped lists are what the libraries give (tools/gen_wordlists.py)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_wordlists.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


TITLES = ["Ambassador", "DCM", "Charge d'Affaires, a.i.", "Acting Deputy Chief of Mission",
          "Political Counselor", "EUR/PRA Director", "A/DCM", "CDA", "PolCouns",
          "Minister-Counselor for Political Affairs", "Consul General", ""]  # fmt: skip
FIRST = ["Marc", "Anne", "Stephen", "Jo", "Hoyt", "Eleni", "Oluwaseun", "Ng"]
MIDDLE = ["", "A.", "W.", "Q."]
LAST = ["Wall", "Patterson", "Seche", "Yee", "Kowalczyk", "Nakamura-Ortiz", "O'Brien", "D'Elia"]
POSTS = ["", ", U.S. Embassy Kabul", ", DOS", ", Embassy Tripoli, Dept of State", ", INR/OPS"]
CLAUSES = [" for reasons 1.4 (b) and (d).", ", reasons 1.4 b/d", " for Reasons 1.4(b)", ""]


@st.composite
def statements(draw: st.DrawFn) -> tuple[str, str]:
    """A statement built from a title, a name, a post and a clause, and its person."""
    person = " ".join(
        w for w in (draw(st.sampled_from(FIRST)), draw(st.sampled_from(MIDDLE)),
                    draw(st.sampled_from(LAST))) if w
    )  # fmt: skip
    title, post = draw(st.sampled_from(TITLES)), draw(st.sampled_from(POSTS))
    statement = f"Classified By: {title} {person}{post}{draw(st.sampled_from(CLAUSES))}"
    statement = statement.replace("  ", " ")
    if draw(st.booleans()):
        return statement.upper(), person.upper()
    return statement, person


@settings(max_examples=300, deadline=None)
@given(statements())
def test_the_person_is_read_whatever_surrounds_it(case: tuple[str, str]) -> None:
    """The person a fields cut cuts holds every word of the name and no title or post
    word, whatever title, post, clause and case surround it."""
    statement, person = case
    found = find_classified_by(statement + "\n\n1. (C) Text.\n")
    assert found is not None
    assert found.person == person
    assert found.person_span is not None
    assert statement[slice(*found.person_span)] == person


def test_the_runtime_needs_no_dev_only_library() -> None:
    """wordfreq, english-words and pycountry are dev extras (tools/gen_wordlists.py): a
    release and a batch's consistency facts run without them."""
    code = (
        "import sys\n"
        "for name in ('wordfreq', 'english_words', 'pycountry'):\n"
        "    sys.modules[name] = None\n"
        "import datetime, redactor\n"
        "from redactor.batch.consistency import facts_of\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "doc = redactor.parse(text)\n"
        "pol = redactor.load_policy(sys.argv[2])\n"
        "r = redactor.redact(doc, pol, as_of=datetime.date(2026, 12, 7))\n"
        "assert r.cuts and facts_of(doc, r).cuts\n"
        "assert doc.classified_by.person == 'Stephen A. Seche'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "examples" / "06DAMASCUS728.txt"),
         str(ROOT / "policies" / "foia-release.yaml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
