"""The classification authority statement: ``Classified By: <name> … reasons 1.4 (b) and (d)``.

Originally classified State cables name the classifier and the classification categories
on one statement under the header (5 FAH-1 H-246.2; E.O. 13526 §1.6(a)(2) and (5), §1.7(a)
in E.O. 12958 as issued); ISOO-style documents give the same facts as the ``Classified By:`` and
``Reason:`` lines of their authority block (32 CFR 2001.21(a)). The reasons are the
categories of E.O. 13526 §1.4(a)-(h) (``1.5(a)-(g)`` in E.O. 12958 as issued in 1995);
they become the ``1.4(X)`` sub-codes of a FOIA ``B1`` redaction label.

Real statements are messy (CABLES.md §b.3): about 140 spellings of the letter list, words
split by the telegram's line wrap (``reas\\nons``, ``a\\nnd``, ``1.\\n4``), doubled labels,
statements glued to the end of a REF or SUBJECT line or running straight into paragraph 1.
The readers here never raise; what cannot be read is reported as a warning code.

Example::

    >>> cb = find_classified_by("Classified By: DCM Tom Kelly for reasons 1.4 (b) and (d).")
    >>> cb.name, cb.reasons
    ('DCM Tom Kelly', ('1.4(b)', '1.4(d)'))
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from redactor.names import NameReading, is_common_word, read_names

__all__ = ["ClassifiedBy", "find_classified_by", "parse_reasons"]

_T = TypeVar("_T")


class _Read(Generic[_T]):
    """An attribute of :class:`ClassifiedBy` read from its :meth:`~ClassifiedBy.names`."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, statement: ClassifiedBy, owner: type) -> _T:
        value: _T = getattr(statement.names(), self.name)
        return value


@dataclass(frozen=True, slots=True)
class ClassifiedBy:
    """A ``Classified By`` statement as found in a text.

    Attributes:
        start: Offset of the first character of the label (``Classified``).
        end: Offset just past the statement: the end of the reason list, including a
            wrapped continuation line and a closing full stop, but never the following
            paragraph. Without reasons, the end of the label's line.
        name: The classifier as written, whitespace collapsed, without the label, a
            ``(U)`` prefix or the reason clause; ``None`` when unreadable (redacted,
            absent, or a ``Derived from`` note instead of a name). Title and post
            included: ``Acting Deputy Chief of Mission Marc Wall``.
        name_span: Offsets of ``name`` in the searched text.
        reasons: Normalised categories, sorted and de-duplicated: ``"1.4(b)"``,
            ``"1.5(d)"`` (the section as written, the letter lower-case).
        warnings: Short codes (see :func:`parse_reasons`, plus ``"no_name"``,
            ``"redacted_name"``, ``"derived_from"``).
        person: The person alone (``Marc Wall``), a word split by the wrap rejoined;
            ``None`` when the statement names no one (``DOS Classification Guide``,
            ``Charge d'Affaires``). What a policy's ``classified_by`` field cuts.
        person_span: Offsets of the person as written (a wrap inside it included).
        title, title_span: The title or role (``Acting Deputy Chief of Mission``).
        post, post_span: The post, office or agency (``U.S. Embassy Kabul``).
        (The last three pairs are read from the name on first use, by
        :func:`redactor.names.read_names`: a parse that never asks pays nothing.)
    """

    start: int
    end: int
    name: str | None
    name_span: tuple[int, int] | None
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    # Where to read the person from: the text the statement was read in (page breaks
    # blanked), its offset in the document, and the name's span in it; or the reading.
    source: tuple[str, int, int, int] | NameReading | None = field(
        default=None, compare=False, repr=False
    )
    _reading: list[NameReading] = field(default_factory=list, init=False, compare=False, repr=False)

    def names(self) -> NameReading:
        """The person, title and post, offsets in the document (read once)."""
        if not self._reading:
            source = self.source
            if isinstance(source, NameReading) or source is None:
                self._reading.append(source or NameReading())
            else:
                text, shift, lo, hi = source
                self._reading.append(read_names(text, lo, hi).shifted(shift))
        return self._reading[0]

    person = _Read[str | None]()
    person_span = _Read[tuple[int, int] | None]()
    title = _Read[str | None]()
    title_span = _Read[tuple[int, int] | None]()
    post = _Read[str | None]()
    post_span = _Read[tuple[int, int] | None]()


# -- the reason clause --------------------------------------------------------------------
#
# Letters are the categories a-h. A list is either parenthesised groups, "(b) and (d)",
# "(b,d)", "(B )(D)", "( b, d)", "(b. and d.)", "(b-d)", or bare letters, "b/d", "B AND D",
# "1.4B AND D", "b, c, and d". Two rules keep the pattern from reading neighbouring text:
# a bare letter must stand alone ("1.4 billion" has none, "E.O." is not "e"), and two
# groups may be separated by a line break only together with a connector (",", "and", …),
# so "(b,d)\nA. STATE 1234" stops before the REF item. A wrap may split "and" ("a\nnd",
# "an d", "A ND"): the fuzzy AND below rejoins it, and a bare "a" followed by the rest of
# such a split "and" is not reason (a).

_AND = r"(?<![a-z])a\s*n\s*d(?![a-z])"
_OR = r"(?<![a-z])or(?![a-z])"
_CONN = rf"(?:[,/&+;\-]|{_AND}|{_OR})"
_IN_SEP = rf"(?:\s|{_CONN})*"
_LETTER = r"[a-h]\.?(?![a-z])"
# The closing parenthesis may be lost at the end of a line ("Reasons 1.4 (b) and (d",
# 07ISLAMABAD31).
_PAREN = rf"\(\s*{_LETTER}(?:{_IN_SEP}{_LETTER})*(?:\s*\)|(?=[ \t\r]*(?:\n|\Z)))"
_BARE = r"(?<![a-z])(?:[b-h]|a(?!\s*n\s*d(?![a-z])))(?!\.?[a-z])\.?"
_OUT_SEP = rf"(?:\s*(?:{_CONN}\s*)+|[ \t]*)"
_LETTERS = rf"(?:{_PAREN}(?:{_OUT_SEP}{_PAREN})*|{_BARE}(?:{_OUT_SEP}{_BARE})*)"

# "1.4", "1.5" (1995 numbering), typos "1,4", "1/4", "1:4", "1. 4", "1 .4", "1.\n4"; an
# optional full stop or comma after it ("1.4. (b)", "1.4, b/d"); "14" only right after a
# reason keyword ("reasons 14 (b) and (d)", 08BERLIN643). The pattern starts with the
# literal "1" so that re skips ahead fast; what precedes it is checked by _valid_clause().
_SECTION = (
    r"1(?:(?P<sep>\s*[.,:/]\s*)(?P<sec>[3-6])(?!\d)|(?P<s14>4)(?=\s*\())"
    r"(?:\s*[.,:](?!\d))?\s*"
)
_CLAUSE = re.compile(rf"{_SECTION}(?P<letters>{_LETTERS})", re.I)
# Letters with no section: "for reasons b, d.", "Reasons (b) and (d)" (2007-2010 cables).
_KEYWORD_CLAUSE = re.compile(
    rf"[Rr](?<![a-zA-Z].)(?:eason|EASON)[Ss]?(?:\s*\(\s*s\s*\))?(?:\s*:)?\s*(?P<letters>{_LETTERS})",
    re.I,
)
_REASON_BEFORE_14 = re.compile(r"reasons?:? \Z", re.I)
# A second clause chained to the first: "1.4 (b) and 1.5 (d)".
_CHAIN = re.compile(rf"[ \t]*(?:{_CONN}\s*)?(?=1\s*[.,:/]\s*[3-6])", re.I)
_LETTER_TOKEN = re.compile(rf"(?P<word>{_AND}|{_OR})|(?P<dash>-)|[a-h]", re.I)
# A reason keyword split by the wrap ("reas\nons", "Rea son"), just before the clause.
_SPLIT_KEYWORD = re.compile(
    r"(?<![a-z])r\s*e\s*a\s*s\s*o\s*n\s*(?:s|\(\s*s\s*\))?\s*:?[\s(]*\Z", re.I
)
_SPACE = re.compile(r"\s")

_W_NO_REASONS = "no_reasons"
_W_LEGACY = "legacy_reason_numbering"
_W_WRAP = "rejoined_wrap"
_W_TYPO = "reason_section_typo"
_W_NO_SECTION = "no_reason_section"
_W_RANGE = "reason_letter_range"
_W_UNKNOWN_SECTION = "unknown_reason_section"


def _continuations(text: str) -> str:
    """``text`` with WikiLeaks' ``\\`` line-continuation marks blanked (same length)."""
    if "\\" not in text:
        return text
    return text.replace("\\\r\n", " \r\n").replace("\\\n", " \n")


# A telegram page break inside a statement: the page's footer or next banner, the "PAGE 02
# ..." header and the section marker ("LONDON 00001234 002 OF 003") stand between the name
# or the reasons and their continuation (07PARIS170). Each line, with the line break before
# it, is blanked (same length) so the statement reads across it.
_PAGE_BREAK_LINE = re.compile(
    r"\r?\n[ \t]*(?:"
    r"PAGE[ \t]+\d{2,3}\b[^\n]*"
    r"|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|S E C R E T"
    r"|C O N F I D E N T I A L)(?:[ \t]+(?:SECTION[ \t]+\d+[ \t]+OF[ \t]+\d+))?[ \t]*"
    r"|[A-Z][A-Z ]{1,30}[ \t]+\d{5,8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]*"
    r")(?=\r?\n)"
)


def _page_breaks(text: str) -> str:
    """``text`` with page-break lines blanked (same length, offsets carry over)."""
    if "PAGE" not in text and " OF 0" not in text:
        return text
    return _PAGE_BREAK_LINE.sub(lambda m: " " * len(m.group()), text)


def _valid_clause(text: str, m: re.Match[str]) -> bool:
    """A :data:`_CLAUSE` match that is a section, not the tail of a number ("11.4")."""
    s = m.start()
    if s and (text[s - 1].isdigit() or text[s - 1] == "."):
        return False
    return m.group("s14") is None or _REASON_BEFORE_14.search(text, max(0, s - 9), s) is not None


def _first_clause(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first reason clause in ``text[lo:hi]``: with a section, else keyword + letters."""
    # str.find + match: much faster than a regex search here, as a clause starts with "1".
    i = text.find("1", lo, hi)
    while i >= 0:
        m = _CLAUSE.match(text, i, hi)
        if m is not None and _valid_clause(text, m):
            return m
        i = text.find("1", i + 1, hi)
    return _KEYWORD_CLAUSE.search(text, lo, hi)


def _letters(letters: str, warnings: list[str]) -> list[str]:
    """The category letters of a matched letter list, in order, ranges expanded."""
    low = letters.lower()
    if "-" not in low and low.count("n") == low.count("and"):
        # No range, and every "n" in an intact "and" ("(b) and (d)"): every a-h outside
        # those words is a category. (Within a matched letter list an "and" is always
        # the connector: a letter is never next to another letter.)
        return [c for c in low.replace("and", "") if c in "abcdefgh"]
    found: list[str] = []
    dash = False
    for m in _LETTER_TOKEN.finditer(letters):
        word = m.group("word")
        if word is not None:
            if len(word) > 3 - (word[0] in "oO"):
                warnings.append(_W_WRAP)  # "a\nnd", "an d": an "and" split by the wrap
        elif m.group("dash") is not None:
            dash = bool(found)
        else:
            letter = m.group().lower()
            if dash:
                # "1.4 (b-d)" (09BAGHDAD197): every category from b to d.
                warnings.append(_W_RANGE)
                found.extend(chr(c) for c in range(ord(found[-1]) + 1, ord(letter)))
                dash = False
            found.append(letter)
    return found


def _clause_reasons(m: re.Match[str], warnings: list[str]) -> list[str]:
    """``["1.4(b)", …]`` from one :data:`_CLAUSE` or :data:`_KEYWORD_CLAUSE` match."""
    if m.re is _KEYWORD_CLAUSE:
        # No section written: the letters are E.O. 13526 §1.4's (identical to 1995's
        # §1.5 for a-g, MARKINGS §4.2), so "1.4" loses nothing.
        warnings.append(_W_NO_SECTION)
        section = "1.4"
    elif m.group("s14") is not None:
        warnings.append(_W_TYPO)
        section = "1.4"
    else:
        sep = m.group("sep")
        if sep.strip() != ".":
            warnings.append(_W_TYPO)  # "1,4 (C) AND (D)", "1/4 (B)", "1:4 b,d"
        if _SPACE.search(sep):
            warnings.append(_W_WRAP)  # "1.\n4", "1 .4"
        section = f"1.{m.group('sec')}"
        if section == "1.5":
            # E.O. 12958 as issued (1995) listed the categories in §1.5; E.O. 13292 (2003)
            # moved them to §1.4 with the same letters. Kept as written; the caller maps.
            warnings.append(_W_LEGACY)
        elif section != "1.4":
            warnings.append(_W_UNKNOWN_SECTION)
    return [f"{section}({letter})" for letter in _letters(m.group("letters"), warnings)]


def _result(reasons: list[str], warnings: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not reasons:
        warnings.append(_W_NO_REASONS)
    return tuple(sorted(set(reasons))), tuple(dict.fromkeys(warnings))


def parse_reasons(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Read the classification reasons from a reason clause or a whole statement.

    Every reason clause in ``text`` counts (``1.4 (b) and 1.5 (d)``); letters without a
    section (``for reasons b, d.``) are read only when no clause has one. Line breaks may
    fall anywhere, including inside ``reasons``, ``and`` and ``1.4``.

    Args:
        text: ``"1.4 b/d"``, ``"Reason: 1.4(b) and (d)"`` or a whole ``Classified By``
            statement.

    Returns:
        ``(reasons, warnings)``: reasons normalised as ``"1.4(b)"``, sorted and
        de-duplicated; warnings among ``no_reasons``, ``legacy_reason_numbering`` (a
        ``1.5`` section), ``rejoined_wrap``, ``reason_section_typo``,
        ``no_reason_section``, ``reason_letter_range``, ``unknown_reason_section``.
    """
    text = _continuations(text)
    warnings: list[str] = []
    reasons: list[str] = []
    for m in _CLAUSE.finditer(text):
        if not _valid_clause(text, m):
            continue
        if not reasons and _split_keyword_before(text, m.start()):
            warnings.append(_W_WRAP)
        reasons.extend(_clause_reasons(m, warnings))
    if not reasons:
        for m in _KEYWORD_CLAUSE.finditer(text):
            reasons.extend(_clause_reasons(m, warnings))
    return _result(reasons, warnings)


def _split_keyword_before(text: str, pos: int) -> bool:
    """Whether the reason keyword just before ``pos`` was split by a wrap ("reas\\nons")."""
    before = text[max(0, pos - 24) : pos].lower()
    if "reason" in before or "r" not in before:
        return False  # the common cases: an intact keyword, or none at all
    m = _SPLIT_KEYWORD.search(text, max(0, pos - 24), pos)
    return m is not None and _SPACE.search(m.group().rstrip(" \t\r\n:(")) is not None


# -- the statement ------------------------------------------------------------------------

# The label. Capitalised forms only ("Classified By:", "CLASSIFIED BY", "Classified by"),
# with the misspellings typists made ("Classfied By:", "Clasified by", "CLASSIFED BY"):
# the lower-case phrase is prose ("information classified by the GOI") unless it starts a
# line and ends in a colon ("classified by: ambassador john beyrle"). Then what may stand
# between the label and the name: a portion mark "(U)", a doubled label ("Classified By:
# Classifed by POL M/C …", 09PARIS1007) or a stray "by".
_LABEL = re.compile(
    r"(?P<label>C(?:lass?i?fi?e?d|LASS?I?FI?E?D)[ \t]+(?:B[Yy]|by)(?![A-Za-z])[ \t]*:?"
    r"|(?<![^\n])classified[ \t]+by[ \t]*:)"
    r"(?i:[ \t\xa0]|\(\s*[a-z]{1,3}\s*\)|classifi?e?d\s+by(?![a-z])[ \t]*:?|by(?=\s))*"
)
# The words that introduce the reasons, at the end of the text before the clause:
# "for reasons", ", REASON:", "; E.O. 12958, reasons", "per", wrapped "FOR REAS ONS",
# "FO R REASONS", "r eason", and a section without letters ("for reasons 1.4 ..."). The
# pattern is written backwards and matched at the start of the reversed name region: an
# anchored match is linear, where searching for a suffix would try every start position.
#   forwards: SEP* (for|per|due to)? E.O. 12958? reason(s)? E.O. 12958? 1.4? ...? \s*
_INTRO_TAIL_REVERSED = re.compile(
    r"\s*(?:\.{2,}|…)?"
    r"(?:[\s.,]*[3-6]\s*[.,:/]\s*1(?![\d.]))?"
    r"(?:[\s,;:(]*\d{4,5}\s*\.?O\s*\.?E(?![a-z]))?"
    r"(?:[\s,;:(]*(?<![a-z])(?:\)\s*s\s*\(|s)?\s*n\s*o\s*s\s*a\s*e\s*r(?![a-z]))?"
    r"(?:[\s,;:]*\d{4,5}\s*\.?O\s*\.?E(?![a-z]))?"
    r"(?:[\s,;:(]*(?<![a-z])(?:r\s*o\s*f|r\s*e\s*p|ot\s+eud)(?![a-z]))?"
    r"[\s,;:.\-(]*",
    re.I,
)
# A full stop that belongs to the name: "Clark T. Randt, Jr.", "Charge d'Affaires a.i.",
# an initial.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Jr|Sr|a\.i|Amb|Dir|Dept|Gen|Col|Adm|Capt|Dr|Mr|Mrs|Ms)|\b\w)\Z", re.I
)
_REDACTED_NAME = re.compile(r"[xX]{3,}|\[[A-Z ]*REMOVED\]")
_DERIVED = re.compile(r"derived\s+from\b", re.I)
_LETTER_RE = re.compile(r"[^\W\d_]")
_TRAIL = re.compile(r"(?:[ \t]*\))?(?:[ \t]*[.:]|[ \t]*\r?\n[ \t]*\.(?=[ \t\\]*(?:\r?\n|\Z)))?")
# A line that cannot continue a statement: a paragraph or portion start, a header field,
# a rule or a telegram page header.
_STOP_LINE = re.compile(
    r"[ \t\\]*(?:¶|\d{1,3}\s*\.\s*\(|\d{1,3}\.[ \t]+[A-Z]"
    r"|\([A-Z]{1,3}(?:[/ -]+[A-Z]+)*\)[ \t]+(?!(?i:and|or|&)\b)\w"
    r"|(?i:summary|refs?\b|reftels?\b|subject|tags|classified\s+by|declassify|downgrade)"
    r"|-{3,}|PAGE[ \t]+\d)"
)
# Authority-block lines that end the name but may precede the Reason line (32 CFR
# 2001.21(a): Classified By / Derived From / Reason / Declassify On).
_BLOCK_LINE = re.compile(r"[ \t]*(?i:derived\s+from|reasons?\b)")
# The text so far ends in the middle of a clause ("reasons 1.4", "(b),", "1.4 (b) and"):
# the next line continues it whatever it looks like.
_OPEN_END = re.compile(
    r"(?:1\s*[.,:/]\s*[3-6]?|[(,/&+]|(?<![a-z])(?:and|or|a|an))[ \t\\\r]*\Z", re.I
)
_BLANK_LINE = re.compile(r"[ \t\\\r\xa0]*(?:\n|\Z)")
_DANGLING = re.compile(r"(?<![a-z])reasons?\s*(?:\(\s*s\s*\))?\s*:?[ \t\\\r]*\Z", re.I)
_SECTION_START = re.compile(rf"[ \t]*{_SECTION}(?P<letters>{_LETTERS})", re.I)
_PARAGRAPH_IN_LINE = re.compile(r"¶|\s\d{1,3}\s?\.\s?\([A-Z]")
# The dominant statement, read with one match: "<name> for reasons 1.4 <letters>[.]" on
# its own line, then a blank line or the end. Anything the general path would treat
# differently (a digit or parenthesis in the name, punctuation before "for", a wrapped
# line, another section) does not match and takes the general path;
# tests/test_reasons.py checks that both paths agree.
_COMMON = re.compile(
    r"(?P<name>[a-z][^\n\d()]{0,150}?[^\s\d(),;:.\-])[ \t]+for[ \t]+reasons[ \t]+"
    rf"1\.4[ \t]*(?P<letters>{_LETTERS})(?P<trail>(?:[ \t]*\.)?)[ \t\\]*"
    r"(?=\r?\n[ \t\\\r]*(?:\n|\Z)|\Z)",
    re.I,
)
_MAX_NAME = 200
_MAX_LINES = 3
_SEGMENT = 2000  # a statement, its wrapped lines and a few blank lines fit in this


def find_classified_by(text: str, start: int = 0, end: int | None = None) -> ClassifiedBy | None:
    """Find the ``Classified By`` statement in ``text[start:end]`` and read it.

    When there are several, one with reasons wins, and among those the one that most
    surely names a person, the first among equals (a REF's or a forwarded cable's
    statement may come first and name only a post: ``Classified By: ADANA 222``).

    Args:
        text: The document (offsets in the result refer to it).
        start: Where to start looking.
        end: Where to stop looking (the statement never extends past it); the end of the
            text when ``None``.

    Returns:
        The statement, or ``None`` when there is no label in the range.
    """
    stop = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, start)
    statements = []
    for label in _labels(text, start, stop):
        if _label_starts(text, label):
            statements.append(_statement(text, label, stop))
            if len(statements) == _MAX_STATEMENTS:
                break
    if len(statements) < 2:
        return statements[0] if statements else None  # the common case: nothing to weigh
    # The statement with reasons first (the document's own, E.O. 13526 §1.6(a)), then the
    # one that most surely names someone; the first among equals.
    return max(statements, key=lambda s: (bool(s.reasons), _names_someone(s)))


_MAX_STATEMENTS = 4


def _names_someone(statement: ClassifiedBy) -> int:
    """How surely a statement names its classifier, to choose among several: 3 for a
    full name with a word that is no common word (``Marc Wall``), 2 for one such word
    (``Cellucci``), 1 for a person of common words only (``LINE ADDED``, ``Wood``),
    0 for none (``ADANA 222`` names a post, ``DOS Classification Guide`` a guide)."""
    person = statement.person
    if person is None:
        return 0
    if all(is_common_word(word) for word in person.split()):
        return 1
    return 3 if len(person.split()) > 1 else 2


def _label_starts(text: str, label: re.Match[str]) -> bool:
    """Whether ``label`` starts a label, not the tail of a word.

    "DECLASSIFIED BY NARA 09/02/2009" (66BUENOSAIRES2481) is a stamp, not a label; a
    capitalised label glued to an upper-case word (``...VISIT TO CAIROClassified By:``,
    a lost line break) is one.
    """
    at = label.start()
    if at == 0 or not text[at - 1].isalpha():
        return True
    return text[at + 1].islower() and text[at - 1].isupper()


def _labels(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """``_LABEL.finditer(text, start, stop)``, found faster.

    Every label starts with "Clas" or "CLAS" (or "clas" at a line start); str.find skips
    to those, where re would try a match at every capital C of the header and the first
    paragraph.
    """
    needles = ("Clas", "CLAS", "\nclas")
    found = [text.find(needle, start, stop) for needle in needles]
    pos = start
    while True:
        live = [i for i in found if i >= 0]
        if not live:
            return
        at = min(live)
        which = found.index(at)
        found[which] = text.find(needles[which], at + 1, stop)
        if which == 2:
            at += 1
        m = _LABEL.match(text, at, stop)
        if m is not None and at >= pos:
            yield m
            pos = m.end()


def _statement(text: str, label: re.Match[str], stop: int, *, fast: bool = True) -> ClassifiedBy:
    """Read the statement whose label is ``label``.

    The work is done on a copy of the few lines after the label, with WikiLeaks' ``\\``
    line-continuation marks blanked (same length, so offsets carry over). ``fast=False``
    skips the shortcut for the dominant shape (for the tests that compare both paths).
    """
    base = label.start()
    src = _page_breaks(_continuations(text[base : min(stop, base + _SEGMENT)]))
    stop = len(src)
    label_end = label.end("label") - base
    nstart = label.end() - base
    warnings: list[str] = []
    common = _COMMON.match(src, nstart) if fast else None
    # The shortcut's letter list may not run over a line break: the general path reads
    # a wrapped list line by line and stops at a blank line, and both must agree.
    if (
        common is not None
        and "\n" not in common.group("letters")
        and not _unreadable(common.group("name"))
    ):
        letters = _letters(common.group("letters"), warnings)
        found, codes = _result([f"1.4({letter})" for letter in letters], warnings)
        at = (base + nstart, base + common.end("name"))
        who = " ".join(common.group("name").split())
        where = (src, base, nstart, common.end("name"))
        return ClassifiedBy(base, base + common.end("trail"), who, at, found, codes, where)
    clause, name_cap, line_end = _locate_clause(src, nstart, stop)
    reasons: list[str] = []
    if clause is not None:
        reasons.extend(_clause_reasons(clause, warnings))
        if _split_keyword_before(src, clause.start()):
            warnings.append(_W_WRAP)
        last = clause
        while (
            "1" in src[last.end() : last.end() + 12]
            and (chain := _CHAIN.match(src, last.end())) is not None
            and (nxt := _CLAUSE.match(src, chain.end())) is not None
        ):
            reasons.extend(_clause_reasons(nxt, warnings))
            last = nxt
        trail = _TRAIL.match(src, last.end())
        stmt_end = trail.end() if trail is not None else last.end()
        name_end = min(clause.start(), name_cap)
    else:
        stmt_end = _rstrip(src, label_end, line_end)
        paragraph = _PARAGRAPH_IN_LINE.search(src, nstart, stmt_end)
        if paragraph is not None:
            stmt_end = _rstrip(src, label_end, paragraph.start())
        stmt_end = min(stmt_end, nstart + _MAX_NAME)
        name_end = stmt_end
    name, span = _name(src, nstart, max(nstart, name_end), warnings)
    source: tuple[str, int, int, int] | NameReading | None = None
    if span is not None:
        source = (src, base, *span)
    if clause is None and span is not None and read_names(src, *span).person is None:
        # "Classified By: Special Representative for Afghanistan and Pakistan⏎Richard C.
        # Holbrooke": the name on the next line, a line of a name and nothing else.
        name_line = _next_line_name(src, stmt_end, stop)
        if name_line is not None:
            longer = read_names(src, span[0], name_line)
            if longer.person_span is not None and longer.person_span[0] >= stmt_end:
                source = longer.shifted(base)
                span, stmt_end = (span[0], name_line), name_line
                name = " ".join(src[span[0] : name_line].split())
    found, codes = _result(reasons, warnings)
    if span is not None:
        span = (span[0] + base, span[1] + base)
    end = base + max(stmt_end, label_end)
    return ClassifiedBy(base, end, name, span, found, codes, source)


_NAME_LINE = re.compile(r"[ \t]*[^\W\d_][\w.'’\- ,\"“”]{2,60}?[ \t\\\r]*(?=\n|\Z)")


def _next_line_name(text: str, end: int, stop: int) -> int | None:
    """The end of the line after ``end`` when it is a short line that could be a name
    (no digit, no colon, not a stop line); ``None`` otherwise."""
    nl = text.find("\n", end, stop)
    if nl < 0 or text[end:nl].strip(" \t\r\\"):
        return None
    m = _NAME_LINE.match(text, nl + 1, stop)
    if m is None or _STOP_LINE.match(text, nl + 1, stop) or _BLOCK_LINE.match(text, nl + 1, stop):
        return None
    return _rstrip(text, nl + 1, m.end())


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1] in " \t\r\n\\\xa0":
        hi -= 1
    return hi


def _line_end(text: str, pos: int, stop: int) -> int:
    nl = text.find("\n", pos, stop)
    return stop if nl < 0 else nl


def _locate_clause(text: str, nstart: int, stop: int) -> tuple[re.Match[str] | None, int, int]:
    """The reason clause of a statement whose name starts at ``nstart``.

    Returns ``(clause, name_cap, label_line_end)``: the clause (``None`` if there is
    none), the offset the name may not pass (an authority-block line), and the end of the
    label's line.
    """
    first_end = _line_end(text, nstart, stop)
    window = first_end
    name_cap = stop
    added = 0
    while True:
        clause = _first_clause(text, nstart, window)
        if clause is not None:
            return _extend(text, clause, window, stop), name_cap, first_end
        if window >= stop or added >= _MAX_LINES:
            return None, name_cap, first_end
        nxt = window + 1
        if _BLANK_LINE.match(text, nxt, stop):
            # "FOR REASON \n\n1.4(C)." (05SOFIA1207, 07LONDON4472, 09STATE132349): a
            # dangling reason keyword may find its clause after blank lines.
            if _DANGLING.search(text, max(nstart, window - 32), window) is not None:
                found = _after_blanks(text, nxt, stop)
                if found is not None:
                    return found, name_cap, first_end
            return None, name_cap, first_end
        if _BLOCK_LINE.match(text, nxt, stop):
            name_cap = min(name_cap, nxt)
        elif _OPEN_END.search(text, max(nstart, window - 16), window) is None and _STOP_LINE.match(
            text, nxt, stop
        ):
            return None, name_cap, first_end
        window = _line_end(text, nxt, stop)
        added += 1


def _after_blanks(text: str, pos: int, stop: int) -> re.Match[str] | None:
    for _ in range(4):
        blank = _BLANK_LINE.match(text, pos, stop)
        if blank is None:
            m = _SECTION_START.match(text, pos, _line_end(text, pos, stop))
            return None if m is None else _first_clause(text, pos, m.end())
        if blank.end() >= stop:
            return None
        pos = blank.end()
    return None


def _extend(text: str, clause: re.Match[str], window: int, stop: int) -> re.Match[str]:
    """The clause, continued onto following lines when the wrap cut it ("(b),\\n(c)")."""
    for _ in range(_MAX_LINES):
        if window >= stop:
            break
        longer_window = _line_end(text, window + 1, stop)
        if not text[window + 1 : longer_window].strip(" \t\r\\"):
            break  # a blank line ends the statement
        longer = clause.re.match(text, clause.start(), longer_window)
        if longer is None or longer.end() <= window:
            break
        clause, window = longer, longer_window
    return clause


def _name(
    text: str, lo: int, hi: int, warnings: list[str]
) -> tuple[str | None, tuple[int, int] | None]:
    """The classifier's name in ``text[lo:hi]``, trimmed of the reason introducer."""
    region = text[lo:hi]
    tail = _INTRO_TAIL_REVERSED.match(region[::-1])
    end = hi - (tail.end() if tail is not None else 0)
    # Keep the full stop of "Jr." or of an initial; drop a sentence-ending one.
    if (
        text.startswith(".", end)
        and not text.startswith("..", end)
        and _ABBREVIATION.search(text, lo, end) is not None
    ):
        end += 1
    raw = text[lo:end]
    if not raw or _LETTER_RE.search(raw) is None:
        warnings.append("no_name")
        return None, None
    if (unreadable := _unreadable(raw)) is not None:
        warnings.append(unreadable)
        return None, None
    return " ".join(raw.split()), (lo, end)


def _unreadable(raw: str) -> str | None:
    """The warning for a name that is not one, or ``None`` for a name."""
    if raw[0] in "xX[" and _REDACTED_NAME.fullmatch(raw):
        return "redacted_name"
    if raw[0] in "dD" and _DERIVED.match(raw):
        # "Classified By: Derived from Multiple Sources" (08STATE116943): a derivative
        # classification note (32 CFR 2001.22), not a classifier.
        return "derived_from"
    return None
