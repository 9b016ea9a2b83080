"""Attacks on the classifier's name (issue 14): text that would make a ``fields`` cut
miss the person, or cut what is not a person.

Each case is written as the attack first: a Classified By statement or sign-off shaped to
slip the person past the reading (a post before the name, a look-alike title, a decoy
statement, a wrap inside the name, a misspelt or glued label). The cut must still cover
the person in the header and wherever else the release holds the name; and titles,
posts and common words must stay released.
"""

from __future__ import annotations

import datetime

import pytest

from redactor import load_policy, parse, redact
from redactor.render.text import render_text
from tests.builders import cable, policy
from tests.conftest import ROOT

EARLY = datetime.date(2010, 1, 1)
NAMES = policy(
    "rules: [{id: all, action: release}]\n"
    "terms: [{id: names, fields: [classified_by, signature], exemptions: [B6]}]"
)


def released(text: str) -> str:
    return render_text(redact(parse(text), NAMES, as_of=EARLY))


def with_statement(statement: str, paragraph: str, sig: str | None = None) -> str:
    return cable("C O N F I D E N T I A L", "02/26/2016", paragraph, by=statement, sig=sig)


@pytest.mark.parametrize(
    ("statement", "paragraph", "gone", "kept"),
    [
        pytest.param(
            "Classified By: U.S. Embassy Kabul John Smithfield, reasons 1.4 (b)",
            "¶1. (C) Smithfield met the minister.",
            ["John Smithfield", "Smithfield"],
            ["Embassy"],
            id="a-post-before-the-name",
        ),
        pytest.param(
            "Classified By: Ambassador Jon Consull for reasons 1.4 (b)",
            "¶1. (C) CONSULL met the minister.",
            ["Jon Consull", "CONSULL"],
            ["Ambassador"],
            id="a-surname-that-looks-like-a-misspelt-title",
        ),
        pytest.param(
            "Classified By: ADANA 222\nClassified By: Consul Jane Doerfler for reasons 1.4 (d)",
            "¶1. (C) Doerfler met the governor.",
            ["Jane Doerfler", "Doerfler"],
            ["Consul"],
            id="a-decoy-statement-first",
        ),
        pytest.param(
            "CLASSIFIED BY: LINE ADDED\n\nClassified By: Ambassador Wood for reasons 1.4 (b).",
            "¶1. (C) The ambassador spoke.",
            ["Classified By: Ambassador [B6]"],
            ["LINE ADDED"],
            id="a-decoy-of-common-words",
        ),
        pytest.param(
            "Classified By: Minister-Counselor for Political-Military Affairs Michae \n"
            "l Corbinski for reasons 1.4 (b-d).",
            "¶1. (C) Michael Corbinski and CORBINSKI spoke.",
            ["Michael Corbinski", "CORBINSKI", "Michae", "l Corbinski"],
            ["Minister-Counselor"],
            id="a-wrap-inside-the-first-name",
        ),
        pytest.param(
            "Classfied By: Ambassador Hester Quarrington, reasons 1.4(b)",
            "¶1. (C) Quarrington agreed.",
            ["Hester Quarrington", "Quarrington"],
            ["Ambassador"],
            id="a-misspelt-label",
        ),
        pytest.param(
            "SUBJECT: VISIT TO CAIROClassified By: DCM Stuart Jonesworth for reasons 1.4 (b).",
            "¶1. (C) Jonesworth spoke.",
            ["Stuart Jonesworth", "Jonesworth"],
            ["DCM"],
            id="a-label-glued-to-the-subject",
        ),
        pytest.param(
            "Classified By: Special Representative for Afghanistan and Pakistan\n"
            "Richard C. Holbrookeson",
            "¶1. (C) Holbrookeson left.",
            ["Richard C. Holbrookeson", "Holbrookeson"],
            ["Special Representative for Afghanistan and Pakistan"],
            id="the-name-on-the-next-line",
        ),
        pytest.param(
            "classified by: ambassador john beyrlevich, reasons 1.4 (b/d).",
            "¶1. (C) Beyrlevich met the minister.",
            ["john beyrlevich", "Beyrlevich"],
            ["ambassador"],
            id="a-lower-case-label",
        ),
        pytest.param(
            "Classified By: DCM ANNA BORGSTROM BASED ON GUIDANCE",
            "¶1. (C) BORGSTROM spoke.",
            ["ANNA BORGSTROM", "BORGSTROM"],
            ["DCM", "GUIDANCE"],
            id="a-clause-after-the-name",
        ),
        pytest.param(
            "Classified By: Ambassador James Moriartyn for\nreasons 1.4 (b) and (d)",
            "¶1. (C) Moriartyn asked for more.",
            ["James Moriartyn", "Moriartyn"],
            ["asked for more"],
            id="for-is-never-a-name",
        ),
        pytest.param(
            "Classified By: Chris Stevenson, CDA, Embassy Tripoli, Dept of State, reasons 1.4 (b)",
            "¶1. (C) The Embassy and State agreed; STEVENSON signed.",
            ["Chris Stevenson", "STEVENSON"],
            ["CDA, Embassy Tripoli, Dept of State", "The Embassy and State agreed"],
            id="title-post-and-agency-after-the-name",
        ),
    ],
)
def test_the_person_is_cut_and_nothing_else(
    statement: str, paragraph: str, gone: list[str], kept: list[str]
) -> None:
    text = with_statement(statement, paragraph)
    release = released(text)
    for word in gone:
        if word.startswith("Classified By:"):
            assert word in release  # the shape of the cut line itself
        else:
            assert word not in release, word
    for word in kept:
        assert word in release, word


@pytest.mark.parametrize(
    ("statement", "sig", "cut"),
    [
        # A sign-off that is the classifier's surname is a name, even a common word.
        pytest.param(
            "Classified By: Consul General Thomas White, reasons 1.4 (b)",
            "WHITE",
            True,
            id="common-word-surname-of-the-classifier",
        ),
        pytest.param(None, "DANILOVICH", True, id="a-name"),
        pytest.param(None, "AMBASSADOR", False, id="a-title"),
        pytest.param(None, "STATE", False, id="a-common-word"),
    ],
)
def test_a_signoff_is_cut_only_when_it_is_a_name(
    statement: str | None, sig: str, cut: bool
) -> None:
    text = cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (C) One.", by=statement, sig=sig)
    lines = released(text).splitlines()
    assert ("[B6]" in lines) is cut
    assert (sig in lines) is not cut


def test_a_common_word_surname_is_cut_in_the_name_not_alone() -> None:
    """``White`` alone would cut the White House all through the cable (issue 14)."""
    text = with_statement(
        "Classified By: Consul General Thomas White, reasons 1.4 (b)",
        "¶1. (C) Thomas White briefed the White House.",
    )
    release = released(text)
    assert "Thomas White" not in release
    assert "the White House" in release
    assert "Consul General [B6]" in release


@pytest.mark.parametrize(
    ("ending", "name"),
    [
        # corpus shapes (issue 14): a sign-off the earlier rules did not read, released
        pytest.param("look forward to it. Eikenberrow\n", "Eikenberrow", id="glued-mixed-case"),
        pytest.param(
            "Classified Website: http://www.state.sgov.gov/p/eur/london/index. cfm Tuttlew\n",
            "Tuttlew",
            id="after-the-website-line",
        ),
        pytest.param("the risk is worth taking.\n\n\nAGUIRREZ\n\nEPET @ EL PAIS\n", "AGUIRREZ",
                     id="above-a-trailer"),
        pytest.param("visit in March.\n\nMINIMIZE CONSIDERED SHANNONX\n", "SHANNONX",
                     id="after-a-teletype-instruction"),
        pytest.param(
            "Website: http://www.intelink.sgov.gov/wiki/Portal:Unit ed_Kingdom TUTTLEX\n",
            "TUTTLEX",
            id="after-the-wiki-line",
        ),
        pytest.param("an autonomous offense. KUBISKEX 2009-12-31\n", "KUBISKEX",
                     id="before-a-date"),
        pytest.param("emissions. RIO DE JAN 00000285 002 OF 002 HEARNEX\n", "HEARNEX",
                     id="after-a-section-marker"),
        pytest.param("June 24, 1984.\nTRIVELLIX\n\nDANIEL ORTEGA AN...\n", "TRIVELLIX",
                     id="under-the-text-above-a-trailer"),
        pytest.param("(Complimentary closing)\n\nEnd Text. AGUIRREX\n", "AGUIRREX",
                     id="after-end-text-on-its-line"),
        pytest.param("to the ANA TF.\n\nEND TEXT HEFFERNX\n", "HEFFERNX", id="after-END-TEXT"),
        pytest.param("as she said.\n\nCLINTONX UNQUOTE CLINTONX\n", "CLINTONX",
                     id="after-unquote"),
        pytest.param("the firm.\n\nTimkenx jr\n", "Timkenx jr", id="a-lower-case-suffix"),
    ],
)  # fmt: skip
def test_a_signoff_in_every_corpus_shape_is_cut(ending: str, name: str) -> None:
    text = cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (U) We met. " + ending, sig=None)
    document = parse(text)
    assert [f.value for f in document.fields if f.name == "signature"] == [name]
    assert name not in released(text)


def test_a_last_word_that_is_no_name_is_kept() -> None:
    text = cable("C O N F I D E N T I A L", "02/26/2016", "¶1. (U) He said. Yes\n", sig=None)
    assert "He said. Yes" in released(text)


EARLY_FOIA = datetime.date(2010, 1, 1)


@pytest.mark.parametrize(
    "statement",
    [
        # A page break inside a statement is read across (07PARIS170): it must not carry
        # the statement, released as header, over the marked text after the break.
        "Classified By: Ambassador Jon Holt for\n SECRET\nPAGE 02 TRIPOLI 00220 251228Z\n"
        "(S) Zqwithheld source text here.",
        "Classified By: Ambassador Jon Holt, reasons\n\nPAGE 02 TRIPOLI 00220 251228Z\n"
        "(S) Zqwithheld source text here.",
        # A label glued to an upper-case word is read; one glued inside a marked unit is
        # that unit's text, withheld with it.
        "¶1. (S) The ISRAELIClassified By: Zqwithheld source text here.",
        # A lower-case label at a line start, quoted inside a marked unit.
        "¶1. (S) He wrote:\nclassified by: Zqwithheld source text here.",
    ],
)
def test_a_statement_rule_never_releases_marked_text(statement: str) -> None:
    text = cable("C O N F I D E N T I A L", "02/26/2016", "¶2. (U) Plain.", by=statement, sig=None)
    policy = load_policy(ROOT / "policies" / "foia-release.yaml")
    release = render_text(redact(parse(text), policy, as_of=EARLY_FOIA))
    assert "Zqwithheld" not in release
    assert "source text" not in release
