"""Terms cannot be dodged (issue 13 point 10): the skeleton and matching on it."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from redactor import parse, redact, render_text
from redactor.skeleton import SkeletonView, skeleton
from tests.builders import EARLY
from tests.test_redact import cut_texts, para, terms

# Each way of writing the name Seche that a reader still reads as Seche.
EVASIONS = [
    pytest.param("Ѕесһе", id="cyrillic"),
    pytest.param("SΕCΗΕ", id="greek-capitals"),  # Greek Epsilon and Eta
    pytest.param("Ｓｅｃｈｅ", id="full-width"),
    pytest.param("𝐒𝐞𝐜𝐡𝐞", id="mathematical-bold"),
    pytest.param("Se\u200bche", id="zero-width-space"),
    pytest.param("Se\u00adche", id="soft-hyphen"),
    pytest.param("Se\u2060che", id="word-joiner"),
    pytest.param("S\u200de\u200cche", id="zero-width-joiners"),
    pytest.param("Se-\n   che", id="hyphen-at-line-end"),
    pytest.param("Se\u2010\nche", id="unicode-hyphen-at-line-end"),
    pytest.param("SECHE", id="capitals"),
]


@pytest.mark.parametrize("written", EVASIONS)
def test_evasions_share_the_name_s_skeleton(written: str) -> None:
    assert skeleton(written) == "seche"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("SMİTH", "Smith", id="turkish-dotted-capital-i"),
        pytest.param("Smıth", "Smith", id="turkish-dotless-i"),
        pytest.param("Srnith", "Smith", id="rn-for-m"),
        pytest.param("Mu\u0308ller", "Müller", id="combining-vs-precomposed"),
        pytest.param("Mu\u200b\u0308ller", "Müller", id="ignorable-before-a-mark"),
        pytest.param("STRASSE", "Straße", id="full-case-folding"),
        pytest.param("ﬁne", "fine", id="ligature"),
        pytest.param("Seche’s", "Seche's", id="curly-apostrophe"),
    ],
)
def test_same_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Sechelt", "Seche", id="longer-word"),
        pytest.param("Smith", "Smyth", id="other-letter"),
        pytest.param("Müller", "Muller", id="accent-is-kept"),
    ],
)
def test_different_skeleton(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def _words(*words: str) -> str:
    return f"- {{id: t, words: {list(words)!r}, exemptions: [B6]}}"


@pytest.mark.parametrize("written", EVASIONS)
def test_a_listed_name_is_cut_however_written(written: str) -> None:
    """The cut is exactly the characters the name was written with, invisible ones included."""
    assert cut_texts(para(f"¶1. (C) Met {written} today."), terms(_words("Seche"))) == [written]


@pytest.mark.parametrize("written", EVASIONS)
def test_the_release_is_the_plain_name_s_release(written: str) -> None:
    """Offsets map back exactly: everything but the name is released byte for byte, the
    same as where the name is written plainly (a join takes its line break with it)."""
    pol = terms(_words("Seche"))

    def released(name: str) -> str:
        return render_text(redact(parse(para(f"¶1. (C) Met {name} today.")), pol, as_of=EARLY))

    assert released(written) == released("Seche")


@pytest.mark.parametrize(
    ("paragraph", "cut"),
    [
        pytest.param("¶1. (C) Seche's aide.", ["Seche's"], id="possessive"),
        pytest.param("¶1. (C) Seche’s aide.", ["Seche’s"], id="curly-possessive"),
        pytest.param("¶1. (C) The Seches came.", ["Seches"], id="plural"),
        pytest.param("¶1. (C) The Seches' car.", ["Seches'"], id="plural-possessive"),
        pytest.param("¶1. (C) The SECHES’ car.", ["SECHES’"], id="capital-plural"),
        pytest.param("¶1. (C) Mail seche_stephen@state.gov now.", ["seche", "stephen"], id="email"),
        pytest.param("¶1. (C) See stephen.seche+x now.", ["stephen", "seche"], id="dots-plus"),
        pytest.param("¶1. (C) Sechelt and Seche2 and XSeche.", [], id="not-inside-words"),
        # An ending that does not end the word is no ending: the name before it still is.
        pytest.param("¶1. (C) Sechesx and Seche'sx.", ["Seche"], id="suffix-ends-the-word"),
        pytest.param("¶1. (C) SECHE spoke.", ["SECHE"], id="capitals"),
    ],
)
def test_word_boundaries_and_endings(paragraph: str, cut: list[str]) -> None:
    assert cut_texts(para(paragraph), terms(_words("Seche", "Stephen"))) == cut


def test_a_header_name_is_cut_however_written_elsewhere() -> None:
    """The Classified By name (a field term) is found in its look-alike spellings too."""
    pol = terms("- {id: t, fields: [classified_by], exemptions: [B6]}")
    text = para("¶1. (U) Ѕtеvеns met ＳＴＥＶＥＮＳ and Ste-\nvens’s deputy.")
    assert cut_texts(text, pol)[1:] == ["Ѕtеvеns", "ＳＴＥＶＥＮＳ", "Ste-\nvens’s"]


def test_a_turkish_capital_i_in_a_classifier_s_name() -> None:
    pol = terms("- {id: t, fields: [classified_by], exemptions: [B6]}")
    text = para("¶1. (U) SMİTHSON and Smıthson met.").replace(
        "CDA Chris Stevens", "Stephen A. Smithson"
    )
    assert cut_texts(text, pol) == ["Stephen A. Smithson", "SMİTHSON", "Smıthson"]


@pytest.mark.parametrize(
    ("pattern", "paragraph", "cut"),
    [
        # Lower case: the skeleton (lower-cased) finds the look-alike spelling too.
        pytest.param("seche", "¶1. (C) Ѕесһе and seche.", ["Ѕесһе", "seche"], id="skeleton"),
        # Capitals and digits: only the original has them; its matches are cut too.
        pytest.param(r"\p{Lu}{5}", "¶1. (C) a SECHE b.", ["SECHE"], id="original"),
        pytest.param("[0-9]{3}", "¶1. (C) call 555 now.", ["555"], id="digits"),
    ],
)
def test_patterns_run_on_the_skeleton_and_the_original(
    pattern: str, paragraph: str, cut: list[str]
) -> None:
    pol = terms(f"- id: t\n  patterns: ['{pattern}']\n  exemptions: [B6]")
    found = cut_texts(para(paragraph), pol)  # the header's capitals are cut too
    assert [c for c in found if c in paragraph.split(" ", 2)[2]] == cut


# --- properties ------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"abcehmnrsSECHE '’-_@.\n\t0I", *"\u200b\u00ad\u2060\u0301\u0308İıЅеΕ“Ｓﬁ"]
)
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
@example("a-\n0")  # a digit that stands for a letter after a line-end hyphen (CI, issue 14)
@example("0-\na")
def test_offset_map_is_monotonic_and_inside_the_text(text: str) -> None:
    view = SkeletonView.of(text)
    spans = [view.span(k, k + 1) for k in range(len(view.text))]
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    # Monotonic: a later skeleton character never comes from earlier text. Two characters
    # may share a cluster (m -> rn), or a contraction may take part of one (' “ -> " ').
    for current, following in itertools.pairwise(spans):
        assert following[0] >= current[0]
        assert following[1] >= current[1]
    # Each skeleton character comes from characters whose own skeleton is not empty.
    for start, end in spans:
        assert skeleton(text[start:end]) != ""
    assert skeleton(view.text) == view.text  # the skeleton is its own skeleton


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_cuts_cover_only_the_name(before: str, after: str) -> None:
    """Whatever surrounds a name, every cut is the name (and its ending), nothing more."""
    text = para(f"¶1. (C) {before} Seche {after} end.")
    pol = terms(_words("Seche"))
    cuts = cut_texts(text, pol)
    assert cuts
    for cut in cuts:
        assert skeleton(cut) in {"seche", "seche's", "seches", "seches'", "sechees"}
