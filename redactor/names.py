"""What a word in a name field is: part of a person's name, a title, a post, an agency,
a country, or a common word.

A policy's ``fields: [classified_by, signature]`` cuts the classifier's name and the
sign-off wherever they are released (issue 14). A cut only protects if it cuts the
person and nothing else: a title left in the "name" (``Ambassador``), a post
(``U.S. Embassy Kabul``) or a clause word (``for``) cut all through a cable hides ordinary
text, and a reviewer soon learns to ignore a consistency report full of them. The
vocabularies here are closed lists of the titles, offices and post words that State
cables use (CABLES.md §b.3; 2 FAM 110 for the titles of chiefs of mission and their
deputies), with ISO 3166-1 country names from ``pycountry``; common English words come
from two real word lists: a word is common when it is frequent in English (``wordfreq``,
Zipf frequency 3.5 or more) *and* is a lower-case entry of Webster's Second
(``english-words``), so ``via``, ``white`` and ``mines`` are common where ``Jones`` and
``Stevens``, frequent only as names, are not. Both lists are generated from those
libraries by ``tools/gen_wordlists.py`` and shipped in ``redactor/wordlists``
(tests/test_names.py checks they are current).
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Final, NamedTuple

__all__ = [
    "AGENCY_WORDS",
    "NOT_NAMES",
    "POST_WORDS",
    "NameReading",
    "is_common_word",
    "is_country_word",
    "is_frequent_word",
    "is_office",
    "is_signoff_name",
    "is_title",
    "near_title",
    "read_names",
    "searchable",
    "surname",
]

# Role words of a classifier or signer, upper-case. Connectors (FOR, OF, AND, THE) count
# only between other title words: "Minister-Counselor for Political Affairs".
_TITLE_WORDS: Final = frozenset(
    [
        "A.I.",
        "ACTING",
        "ADCM",
        "ADMINISTRATOR",
        "ADVISER",
        "ADVISOR",
        "AFFAIRS",
        "AGENT",
        "AMB",
        "AMB.",
        "AMBASADOR",
        "AMBASSADOR",
        "ANALYST",
        "ASSISTANT",
        "ASSOCIATE",
        "ATTACHE",
        "ATTACHÉ",
        "CDA",
        "CHARGE",
        "CHARGÉ",
        "CHIEF",
        "CG",
        "COM",
        "COMMANDER",
        "CONGEN",
        "CONSUL",
        "CONSULAR",
        "CONSULTANT",
        "COORDINATING",
        "COORDINATOR",
        "COUNSELLOR",
        "COUNSELOR",
        "COUNS",
        "D'AFFAIRES",
        "AFFAIRES",
        "D'",
        "DAS",
        "DCM",
        "DEFENSE",
        "DEPUTY",
        "DIR",
        "DIR.",
        "DIRECTOR",
        "ECON",
        "ECONOMIC",
        "ECONOMICS",
        "ECONCOUNS",
        "ECONOFF",
        "ENVOY",
        "ESTH",
        "ESTOFF",
        "FPA",
        "EXEC",
        "EXECUTIVE",
        "GENERAL",
        "HEAD",
        "INTERIM",
        "LEGAL",
        "MANAGER",
        "MC",
        "M/C",
        "MIN",
        "MINCOUNS",
        "MILITARY",
        "MINISTER",
        "MINISTER-COUNSELOR",
        "OFFICER",
        "OFFIC",
        "OFFICIAL",
        "PAO",
        "PDAS",
        "PERMANENT",
        "POL",
        "POLAD",
        "POLCOUNS",
        "POLCOUNSELOR",
        "POLECON",
        "POLITICAL",
        "POLITICAL-MILITARY",
        "POLMIL",
        "POLMINCOUNS",
        "POLOFF",
        "PRESIDENT",
        "PRINCIPAL",
        "PUBLIC",
        "REGIONAL",
        "REPRESENTATIVE",
        "ARSO",
        "SECRETARY",
        "SENIOR",
        "SPECIAL",
        "SPOKESMAN",
        "STAFF",
        "UNDER",
        "UNIT",
        "VICE",
        "DEVELOPMENT",
        "SECURITY",
        "MANAGEMENT",
        "PROGRAM",
        "PROVINCIAL",
        "INTERAGENCY",
        "GLOBAL",
        "SECTION",
        "DESK",
        "COUNSELOR-GENERAL",
        "ECONMINCOUNS",
        "POL-ECON",
        "POL/ECON",
        "CHARGE’",
        "D’AFFAIRES",
        "TEAM",
        "LEADER",
        "ACTG",
        "FELLOW",
        "CHAIRMAN",
    ]
)
_CONNECTORS: Final = frozenset({"FOR", "OF", "AND", "THE", "&", "TO", "IN", "ON"})

# Where the classifier serves: words of a post or an agency. A capitalised word right
# after one of these is a place ("Embassy Tripoli"), never a surname.
POST_WORDS: Final = frozenset(
    [
        "EMBASSY",
        "AMEMBASSY",
        "EMB",
        "CONSULATE",
        "CONGEN",
        "MISSION",
        "POST",
        "OFFICE",
        "BUREAU",
        "SECTION",
        "DEPARTMENT",
        "DEPT",
        "DEPT.",
        "STATE",
        "DOS",
        "USEU",
        "USNATO",
        "USUN",
        "USOSCE",
        "USMISSION",
        "UNVIE",
        "IRPO",
        "RPO",
        "PRESENCE",
        "SPACE",
        "EMBASSY-",
    ]
)
# Agencies, offices and bureaux as written in a statement: never a person.
AGENCY_WORDS: Final = frozenset(
    [
        "DOS",
        "STATE",
        "USG",
        "U.S.",
        "US",
        "USA",
        "DOD",
        "DOJ",
        "DHS",
        "USAID",
        "CIA",
        "FBI",
        "NSC",
        "INR",
        "ISN",
        "EUR",
        "EAP",
        "NEA",
        "SCA",
        "WHA",
        "AF",
        "IO",
        "EEB",
        "PM",
        "DRL",
        "CT",
        "S/CT",
        "OES",
        "PRM",
        "INL",
        "ISA",
        "ASD",
        "OSD",
        "JCS",
        "CENTCOM",
        "EUCOM",
        "AFRICOM",
        "SOUTHCOM",
        "NORTHCOM",
        "PACOM",
        "OPS",
        "CCS",
        "MTR",
        "PRA",
        "FO",
        "VCI",
        "CCA",
        "NAS",
        "DEA",
        "USTR",
        "TREASURY",
        "COMMERCE",
        "DEPARTMENT",
        "GOVERNMENT",
        "CLASSIFICATION",
        "GUIDE",
    ]
)


def _key(token: str) -> str:
    return unicodedata.normalize("NFKC", token).strip(",;:()[]").upper().replace("’", "'")


def is_title(token: str) -> bool:
    """Whether ``token`` is a role word (``Ambassador``, ``DCM``, ``a.i.``, ``PolCouns``)."""
    key = _key(token)
    return key in _TITLE_WORDS or key.rstrip(".") in _TITLE_WORDS


def is_office(token: str) -> bool:
    """Whether ``token`` names an office, agency or bureau: a closed word, or a slashed
    abbreviation (``EUR/PRA``, ``A/S``, ``INR/OPS``, ``D/Ambassador``, ``Pol/C``)."""
    key = _key(token)
    return key in AGENCY_WORDS or key in POST_WORDS or ("/" in key and len(key) <= 16)


@functools.lru_cache(maxsize=8192)  # bounded: a batch of 100,000 cables meets many names
def near_title(token: str) -> bool:
    """A misspelt title of five letters or more (``Ambasador``, ``Glbal``, ``Counsellor``).

    One edit away from a title word (difflib ratio 0.85 or more): telegrams were
    typed by hand, and a misspelt title read as a name would be cut all through a cable.
    """
    key = _key(token)
    if len(key) < 5 or not key.isalpha():
        return False
    return any(
        difflib.SequenceMatcher(None, key, title).ratio() >= 0.85
        for title in _TITLE_WORDS
        if abs(len(title) - len(key)) <= 2 and title.isalpha()
    )


def _wordlist(name: str) -> frozenset[str]:
    """A list of ``redactor/wordlists`` (generated by ``tools/gen_wordlists.py``)."""
    body = resources.files("redactor.wordlists").joinpath(name).read_text(encoding="utf-8")
    return frozenset(body.split())


@functools.cache
def _countries() -> frozenset[str]:
    return _wordlist("countries.txt")


def is_country_word(token: str) -> bool:
    """Whether ``token`` is a word of a country's name (ISO 3166-1, as ``pycountry`` has it)."""
    return _key(token).strip(".") in _countries()


@functools.cache
def _common() -> frozenset[str]:
    return _wordlist("common-words.txt")


@functools.cache
def _frequent() -> frozenset[str]:
    return _wordlist("frequent-words.txt")


def is_frequent_word(word: str) -> bool:
    """Whether English uses ``word`` at least once in a million words (``wordfreq`` Zipf
    3.0 or more, as ``tools/gen_wordlists.py`` wrote the list): ``Jones``, ``Kelly`` and
    ``Gordon`` are, ``Vershbow`` and ``Eikenberry`` are not."""
    return unicodedata.normalize("NFKC", word).casefold() in _frequent()


def is_common_word(word: str) -> bool:
    """Whether ``word`` is a common English word (``via``, ``White``, ``STATE``, ``A``).

    Single letters are common words; so is every word of fewer than two letters.
    """
    key = unicodedata.normalize("NFKC", word).strip(".,;:'’()").casefold()
    if sum(c.isalpha() for c in key) < 2:
        return True
    return key in _common()


# -- a classifier statement's name region, read -------------------------------------------

_CLAUSE_WORDS: Final = frozenset(
    {"FOR", "PER", "BASED", "ON", "UNDER", "DUE", "TO", "BY", "REASON", "REASONS", "REASON(S)",
     "AND", "E.O.", "E.O", "EO", "12958", "13526", "13292", "12958,", "-", "--", "...", "…"}
)  # fmt: skip
_SUFFIXES: Final = frozenset({"JR", "JR.", "SR", "SR.", "II", "III", "IV"})
_PARTICLES: Final = frozenset(
    {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "bin",
     "al", "el", "ibn", "dos", "das", "ter", "ten", "y", "d'", "d’"}
)  # fmt: skip
_TOKEN = re.compile(r"[^\s,;]+")
_QUOTED = re.compile(r"[\"“”'‘’][^\W\d_]+[\"“”'‘’]")
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-.])*")
_LETTER = re.compile(r"[^\W\d_]")
_CAPITAL = re.compile(r"[A-Z\u00c0-\u00de]")
_INITIAL = re.compile(r"[^\W\d_]\.?(?:[^\W\d_]\.)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class NameReading:
    """The person, title and post of a classifier statement, each with its span (offsets
    in the text read); ``None`` where the statement gives none."""

    person: str | None = None
    person_span: tuple[int, int] | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    post: str | None = None
    post_span: tuple[int, int] | None = None

    def shifted(self, by: int) -> NameReading:
        """The same reading with its offsets moved by ``by``."""
        if by == 0:
            return self

        def moved(span: tuple[int, int] | None) -> tuple[int, int] | None:
            return None if span is None else (span[0] + by, span[1] + by)

        return NameReading(
            person=self.person,
            person_span=moved(self.person_span),
            title=self.title,
            title_span=moved(self.title_span),
            post=self.post,
            post_span=moved(self.post_span),
        )


class _Tok(NamedTuple):  # a NamedTuple, not a dataclass: made by the thousand per batch
    text: str
    start: int
    end: int
    after_break: bool  # a comma or semicolon stands before it
    line_start: bool  # it starts a line


def _tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    out: list[_Tok] = []
    prev = lo
    for m in _TOKEN.finditer(text, lo, hi):
        gap = text[prev : m.start()]
        out.append(_Tok(m.group(), m.start(), m.end(), "," in gap or ";" in gap, "\n" in gap))
        prev = m.end()
    return out


def _rejoin(tokens: list[_Tok]) -> list[_Tok]:
    """Words split by the telegram's wrap, rejoined: ``Michae⏎l Corbin``, ``Y⏎oung``.

    A line that starts with a lower-case fragment that is no word of its own continues
    the last word of the line before (a clause word such as ``for`` starts a clause).
    """
    out: list[_Tok] = []
    for tok in tokens:
        prev = out[-1] if out else None
        frag = tok.text.rstrip(".,;:")
        if (
            prev is not None
            and tok.line_start
            and not tok.after_break
            and frag.isalpha()
            and frag.islower()
            and prev.text[-1:].isalpha()
            and (len(frag) <= 2 or not is_common_word(frag) or is_title(prev.text + frag))
            and frag.upper() not in _CLAUSE_WORDS
            and frag not in _PARTICLES
        ):
            out[-1] = _Tok(prev.text + tok.text, prev.start, tok.end, prev.after_break, False)
        else:
            out.append(tok)
    return out


def _trim_clause(tokens: list[_Tok]) -> list[_Tok]:
    """The tokens before a reason clause left in the region: ``BASED ON ...``, a trailing
    ``for``, ``per``, ``E.O. 12958``."""
    for i, tok in enumerate(tokens):
        key = tok.text.upper()
        if key == "BASED" and i + 1 < len(tokens) and tokens[i + 1].text.upper() == "ON":
            tokens = tokens[:i]
            break
        if key in {"REASON", "REASONS", "REASON(S)", "REASON:", "REASONS:"}:
            tokens = tokens[:i]
            break
    while tokens and tokens[-1].text.upper().rstrip(".:,") in _CLAUSE_WORDS | {"E.O"}:
        tokens = tokens[:-1]
    return tokens


@functools.lru_cache(maxsize=4096)  # titles and names repeat from cable to cable
def _kind(tok: str, upper_statement: bool) -> str:
    """``name``, ``initial``, ``particle``, ``suffix``, ``nick``, ``title``, ``post``,
    ``connector`` or ``other``."""
    bare = tok.strip(".,;:()")
    key = tok.strip(",;:()").upper().replace("’", "'")
    if key in _SUFFIXES:
        return "suffix"
    if _QUOTED.fullmatch(tok):
        return "nick"
    if key in _CONNECTORS:
        return "connector"
    if bare in _PARTICLES:
        return "particle"  # lower-case only: "Al Li" is a first name, "al-" a particle
    if is_title(tok) or key.startswith(("D'AFF", "D’AFF")):
        return "title"
    if is_office(tok):
        return "post"
    if _INITIAL.fullmatch(bare) and (tok.endswith(".") or len(bare) == 1):
        return "initial"
    if not _NAME_TOKEN.fullmatch(bare) or not (bare[0].isupper() or upper_statement):
        return "other"
    if not upper_statement and bare.isupper() and len(bare) >= 2:
        return "post"  # an acronym in a mixed-case statement: DCM, USEU, ASD/ISA
    if all(near_title(part) or is_title(part) for part in bare.split("-")):
        return "title"  # "Ambasador", "Minister-Councelor"
    return "name"


_PERSON_KINDS: Final = frozenset({"name", "initial", "particle", "suffix", "nick"})
_AFTER_POST: Final = frozenset(
    {"EMBASSY", "AMEMBASSY", "CONSULATE", "MISSION", "CONGEN", "POST", "OFFICE", "RSO", "TO"}
)


def _is_post(seg: list[_Tok], upper: bool) -> bool:
    """Whether a segment names a post, office, agency or country (``U.S. Embassy Kabul``,
    ``INR/OPS``, ``Djibouti``) rather than a title (``Deputy Chief of Mission``)."""
    for i, tok in enumerate(seg):
        if is_country_word(tok.text):
            return True
        if _kind(tok.text, upper) == "post" and not (
            tok.text.upper() == "MISSION" and i > 0 and seg[i - 1].text.upper() == "OF"
        ):
            return True
    return False


def _place_after(seg: list[_Tok], k: int) -> bool:
    """Whether the name words from ``seg[k]`` on follow a post word, so name a place
    (``Embassy Tripoli``, ``Dept. of State``, ``RSO Caracas``); ``Chief of Mission`` is a
    title."""
    key = seg[k - 1].text.upper().strip(".,")
    if key not in _AFTER_POST | POST_WORDS:
        return False
    return not (key == "MISSION" and k >= 2 and seg[k - 2].text.upper() == "OF")


def _person(run: list[_Tok], kinds: list[str]) -> bool:
    """Whether a run of person-like tokens names someone: a word of two letters or more
    that is no initial, particle or suffix."""
    return any(
        k == "name" and sum(c.isalpha() for c in t.text) >= 2
        for t, k in zip(run, kinds, strict=True)
    )


def read_names(text: str, lo: int, hi: int) -> NameReading:
    """The person, title and post in ``text[lo:hi]`` (offsets in ``text``); see
    :func:`_read_region`, which reads the region alone (cached: a post's cables name the
    same classifier again and again)."""
    return _read_region(text[lo:hi]).shifted(lo)


@functools.lru_cache(maxsize=2048)
def _read_region(text: str) -> NameReading:
    """The person, title and post in ``text``, the name region of a
    ``Classified By`` statement (the label and the reason clause already cut off).

    The region is read in segments parted by commas and semicolons. In the first segment
    that names someone, the person is the run of name words after its last title, post or
    office word (``Acting Deputy Chief of Mission Marc Wall``), else the run before its
    first (``Richard Olson Ambassador``); a name word right after a post word is a place
    (``Embassy Tripoli``). What comes before the person is the title; a segment after it
    that holds a post, office, agency or country word is the post (``U.S. Embassy
    Kabul``, ``Dept of State``), another is the title (``Chris Stevens, CDA``).
    """
    tokens = _trim_clause(_rejoin(_tokens(text, 0, len(text))))
    if not tokens:
        return NameReading()
    # A statement in one case ("AMBASSADOR CHARLES A. RAY", "ambassador john beyrle") tells
    # names from other words by its vocabulary alone, not by capitals.
    joined = "".join(t.text for t in tokens)
    letters = len(_LETTER.findall(joined))
    capitals = len(_CAPITAL.findall(joined))
    upper = letters > 0 and not 0.1 * letters < capitals < 0.9 * letters
    segments: list[list[_Tok]] = []
    for tok in tokens:
        if tok.after_break or not segments:
            segments.append([tok])
        else:
            segments[-1].append(tok)
    # "Clark T. Randt, Jr.": a suffix after a comma belongs to the name before it.
    for i in range(len(segments) - 1, 0, -1):
        if all(t.text.upper() in _SUFFIXES for t in segments[i]):
            segments[i - 1].extend(segments.pop(i))
    found = _find_person(segments, upper)
    if found is None:
        # "Classified By: Charge d'Affaires, a.i., for reasons ...": a title, no person.
        if any(_kind(t.text, upper) == "title" for t in tokens):
            title = _joined(text, tokens)
            return NameReading(title=title[0], title_span=title[1]) if title else NameReading()
        return NameReading()
    person, at = found
    pstart, pend = person[0].start, person[-1].end
    if text[pend - 1] == "." and not _keeps_stop(person[-1].text):
        pend -= 1
    before = [t for seg in segments[:at] for t in seg] + [
        t for t in segments[at] if t.end <= pstart
    ]
    after_in_seg = [t for t in segments[at] if t.start >= person[-1].end]
    title_toks = before or after_in_seg
    title = _joined(text, title_toks)
    post_toks: list[_Tok] = []
    title_after: list[_Tok] = []
    for seg in segments[at + 1 :]:
        titled = any(_kind(t.text, upper) == "title" for t in seg)
        if not post_toks and not _is_post(seg, upper) and (title is None or title_after) and titled:
            # "Richard LeBaron, Charge d'Affaires, a.i.": the title after the name
            title_after.extend(seg)
            title = _joined(text, title_after)
        else:
            post_toks.extend(seg)  # "Consul General, Dubai, UAE": a place after the title
    post = _joined(text, post_toks)
    return NameReading(
        person=_words(text, person),
        person_span=(pstart, pend),
        title=title[0] if title else None,
        title_span=title[1] if title else None,
        post=post[0] if post else None,
        post_span=post[1] if post else None,
    )


def _runs_in(seg: list[_Tok], kinds: list[str]) -> Iterator[list[_Tok]]:
    """The runs of name words in one segment that name someone, last first.

    A name word right after a connector is the connector's object, and a country after
    it too (``Special Representative for Afghanistan and Pakistan Richard Holbrooke``,
    ``Ambassador to Iraq Ryan Crocker``); the name word right after a post word is a
    place (``Embassy Tripoli``, ``Dept. of State``, ``RSO Caracas``).
    """
    b = len(seg)
    while b > 0:
        while b > 0 and kinds[b - 1] not in _PERSON_KINDS:
            b -= 1
        a = b
        while a > 0 and kinds[a - 1] in _PERSON_KINDS:
            a -= 1
        start = a
        if 0 < start < b and kinds[start - 1] == "connector":
            start += 1
        while start < b and is_country_word(seg[start].text):
            start += 1
        while start < b and kinds[start] == "suffix":
            start += 1
        if 0 < start < b and _place_after(seg, start):
            # The place is the first word: the words after it may still name someone
            # ("U.S. Embassy Kabul John Smith"); cutting a two-word place's second word
            # is the lesser harm (fail closed).
            start += 1
        run, run_kinds = seg[start:b], kinds[start:b]
        if run and _person(run, run_kinds):
            yield run
        b = a


def _find_person(segments: list[list[_Tok]], upper: bool) -> tuple[list[_Tok], int] | None:
    """The person's tokens and the index of their segment: the first segment that names
    someone (``segments`` may change: a split initial is mended)."""
    found: list[tuple[list[_Tok], int]] = []
    for i, seg in enumerate(segments):
        kinds = [_kind(t.text, upper) for t in seg]
        if kinds[-1] == "title" and not is_title(seg[-1].text) and len(seg) > 1:
            # A word that only looks like a misspelt title is a name where it ends the
            # segment ("Ambassador Jon Chiefs"): a title stands before the name.
            kinds[-1] = "name"
        found.extend((run, i) for run in _runs_in(seg, kinds))
    if not found:
        return None
    # A full name before a lone word: "Acting Front Office Director, Jane Doe".
    run, i = next(((r, i) for r, i in found if len(r) > 1), found[0])
    # "DCM Luis G, Moreno": a comma typed for the full stop of an initial.
    if (
        i + 1 < len(segments)
        and run[-1] is segments[i][-1]
        and len(run[-1].text) == 1
        and run[-1].text.isupper()
        and len(segments[i + 1]) == 1
        and _kind(segments[i + 1][0].text, upper) == "name"
    ):
        segments[i] = [*segments[i], *segments.pop(i + 1)]
        run = [*run, segments[i][-1]]
    return run, i


def _keeps_stop(token: str) -> bool:
    """Whether a name's last token keeps its full stop (an initial, ``Jr.``)."""
    bare = token.rstrip(".")
    return len(bare) == 1 or bare.upper() in _SUFFIXES or bare.count(".") > 0


def _words(text: str, toks: list[_Tok], *, person: bool = True) -> str:
    """The tokens as one line: single spaces, the punctuation between them kept
    (``Randt, Jr.``), a word split by the wrap rejoined, no sentence-ending full stop."""
    out = toks[0].text
    for prev, tok in itertools.pairwise(toks):
        out += "".join(text[prev.end : tok.start].split()) + " " + tok.text
    if person and out.endswith(".") and not _keeps_stop(toks[-1].text):
        return out[:-1]
    return out


def _joined(text: str, toks: list[_Tok]) -> tuple[str, tuple[int, int]] | None:
    if not toks:
        return None
    lo, hi = toks[0].start, toks[-1].end
    while hi > lo and text[hi - 1] in ",;:":
        hi -= 1
    words = _words(text, toks, person=False).rstrip(",;:")
    return words, (lo, hi)


# -- which words of a name are searched for -----------------------------------------------


def surname(name: str) -> str | None:
    """The surname of a person's name as a cut searches for it alone: the last word that
    is no initial or suffix (``Randt`` of ``Clark T. Randt, Jr.``); ``None`` when that
    word is a common word, a title, an office, a post or a country (``Thomas White``
    gives none: "White" alone would cut the White House), or shorter than two letters."""
    tokens = [t.strip('.,;:"“”') for t in unicodedata.normalize("NFKC", name).split()]
    tokens = [t for t in tokens if t and t.upper() not in _SUFFIXES and len(t.rstrip(".")) > 1]
    if len(tokens) < 2 and len(name.split()) < 2:
        return None
    return tokens[-1] if tokens and searchable(tokens[-1]) else None


def searchable(word: str) -> bool:
    """Whether a single word may be cut wherever it stands: two letters or more, and no
    common word, title, office, post or country."""
    return not (is_common_word(word) or is_title(word) or is_office(word) or is_country_word(word))


# Words that end a cable's text, never a signer's name (the parser's sign-off rules
# read this list too).
NOT_NAMES: Final = frozenset(
    {"END", "TEXT", "CABLE", "COMMENT", "SUMMARY", "NOTE", "NNNN", "SIPDIS", "BT", "QUOTE",
     "UNQUOTE", "POINTS", "MESSAGE", "MINIMIZE", "CONSIDERED"}
)  # fmt: skip


def is_signoff_name(value: str, person: str | None) -> bool:
    """Whether a sign-off names someone (and so is cut by a ``signature`` field).

    ``SECHE``, ``Danilovich``, ``Chris Stevens`` are names; ``AMBASSADOR``, ``STATE``,
    ``EMBASSY`` are not. A word at the foot of a cable is taken for a name unless it is a
    title, office, post or country, or has fewer than two letters: fail closed, a sign-off
    ``WOOD`` or ``WHITE`` is a name there (the surname of Ambassador Wood), though alone
    it is never searched for elsewhere (:func:`searchable`). Words of the classifier's
    own name always are (``RAY`` under ``Classified By: Ambassador Charles A. Ray``).
    """
    words = [w.strip(".,;:") for w in value.split()]
    words = [w for w in words if w]
    if not words or len(words) > 4:
        return False
    # "End points. RICE", "End Cable Text": the last line of text, not a name.
    if any(
        w.upper() in NOT_NAMES
        or not (w[0].isupper() or w in _PARTICLES or w.upper() in _SUFFIXES)  # "Timken jr"
        for w in words
    ):
        return False
    if person is not None:
        theirs = {w.strip(".,;:").casefold() for w in person.split()}
        if all(w.casefold() in theirs for w in words):
            return True
    return not any(
        is_title(w) or is_office(w) or is_country_word(w) or sum(c.isalpha() for c in w) < 2
        for w in words
    )
