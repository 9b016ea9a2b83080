"""Parse a marked document (a State cable, or a CAPCO-marked memo) into a :class:`Document`.

The parser reads, it never repairs: every element keeps the exact offsets of its text in
the input, and the parts partition the input so that it rebuilds byte for byte (CRLF, a
BOM, trailing spaces and all). It is written for the real variety of CABLES.md: banners
glued to routing lines or spread in lower case, DECL lines glued to TAGS, paragraphs
reflowed onto one line, page headers and section markers in mid-sentence.

Strategy, chosen for speed (a handful of regex passes per cable, no per-character loop):

1. find the paragraph starts: line starts, mid-line pilcrows, and sentence ends followed
   by a marked number; the header region is everything before the first numbered one;
2. one pass over the header's line starts finds the labelled lines (FM, TO, INFO, the
   DTG, ZNY, E.O., TAGS, SUBJECT, REF, Classified By); the banner, the captions after it,
   the DECL line and the authority statement are read from there, with a search for
   labels glued to other lines as the fallback;
3. find the layout (page headers, section continuation markers, the WikiLeaks
   partial-extract notice), a bottom banner, a trailing ISOO block and the signature;
4. cut the body into portions at the paragraph starts. The partition of the whole text
   (:attr:`Document.parts`) is derived from the elements and portions when asked for.

Text that no element or portion claims (an unnumbered body, a memo's letterhead) is a
``text`` part: later stages treat it as unmarked content, never as releasable by default.

A portion mark that cannot be read becomes an *unknown* marking (level ``None``), which
every later stage withholds: per 32 CFR 2001.24(f) information marked classified stays
classified despite missing or defective markings, so a misreading must fail closed.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import difflib
import operator
import re
from collections.abc import Iterator
from typing import NamedTuple

from redactor.declass import Declassification, DeclassKind, find_declassification
from redactor.errors import ParseError
from redactor.markings import (
    Level,
    Marking,
    parse_banner,
    parse_caption,
    parse_portion_mark,
    roll_up,
)

# The build_* constructors make the same frozen objects as Document(...), Field(...) etc.,
# several times faster (see model._builder); every field must be passed, in order.
from redactor.model import (
    Document,
    Field,
    PartKind,
    Portion,
    PortionKind,
    build_document,
    build_field,
    build_part,
    build_portion,
    read_value,
)
from redactor.names import NOT_NAMES, is_common_word, is_office, is_title
from redactor.reasons import ClassifiedBy, find_classified_by, parse_reasons

__all__ = ["parse"]

_FIELD_START = operator.attrgetter("start")
_START_POS = operator.attrgetter("pos")

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}

# A mark candidate: a parenthesised run on one line, or the malformed open-paren-less
# form seen in cablemap's fixtures (`2. SBU) Content`, MARKINGS.md §1.3).
# A REL TO list may wrap onto the next line (08STATE79112), so one line break is allowed.
_PAREN = r"\([^()\n]{1,120}(?:\n[^()\n]{0,80})?\)"
# Doubled or unbalanced parentheses, `((S))`, `((S)`: no mark as such, but a mangled one at
# a portion position (see _portion_mark); tried only where _PAREN fails.
_NESTED = r"\(\(+[^()\n]{1,40}\)+"
_MARK = rf"{_PAREN}|{_NESTED}|[A-Za-z][A-Za-z/\- ]{{0,8}}\)"
# The whole-text forms set every portion (MARKINGS.md §1.3): `1. CONFIDENTIAL - ENTIRE TEXT.`
_ENTIRE = r"(?:TOP[ ]SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|TS|S|C|U)[ \t]*-[ \t]*ENTIRE[ \t]+TEXT"

# A sub-paragraph letter: a Cyrillic "а." or a full-width "ａ." reads as "a." to a reviewer,
# so letters that look Latin count too (Latin, Greek, Cyrillic, Armenian, Cherokee, small
# capitals, Lisu, full-width): ranges, which the regex engine tests as fast as A-Za-z.
_LETTERS = r"A-Za-z\u00c0-\u024f\u0370-\u058f\u13a0-\u13ff\u1d00-\u1d2b\ua4d0-\ua4ff\uff21-\uff5a"

# An unclosed mark at a mark position, `2. (S text` or `(S//NF text`: a parenthesis with
# a short run of non-blanks and no closing parenthesis before the next blank.
_OPEN = r"\([^()\s]{1,12}(?=[ \t]|\n|$)"
# The labels a unit may start with, other than a paragraph number (issue 13, point 2):
# a letter or roman numeral with "." or ")" (`A.`, `b)`, `II.`, `iv)`), a letter range
# (`G - J)`), a parenthesised letter, roman numeral or number (`(A)`, `(iv)`, `(1)`), a
# number with ")" (`1)`), a bullet (`-`, `--`, `•`, `*`, `·`, `o`), or a run-in heading
# that a mark may follow (`SUMMARY:`). A label alone starts a unit only when it is a
# letter, a roman numeral or a range (a bullet or a heading needs a mark after it).
_SUBLABEL = (
    rf"[{_LETTERS}][.)](?=[ \t(]|\n|$)"
    r"|[IVXLivxl]{2,6}[.)](?=[ \t(]|\n|$)"
    r"|[A-Za-z][ \t]*-[ \t]*[A-Za-z][.)]"
    r"|\((?:[A-Za-z]|[ivxlIVXL]{2,5}|\d{1,2})\)"
    r"|\d{1,2}\)"
    r"|-{1,2}|•|\*|·|o(?=[ \t])"
    r"|(?:SUMMARY|Summary|COMMENT|Comment|NOTE|Note)[ \t]*[:.\-]"
)
# What a line start must look like to be tried at all (a cheap lookahead: most lines of
# prose fail it at their first or second character).
_START_HINT = (
    rf"[¶\d(•*·\-]|[{_LETTERS}][.)]|[IVXLivxl]{{2,6}}[.)]|[A-Za-z][ \t]*-[ \t]*[A-Za-z][.)]"
    r"|o[ \t]|(?:SUMMARY|Summary|COMMENT|Comment|NOTE|Note)[ \t]*[:.\-]"
)

# Paragraph starts: what follows a line start, a pilcrow or a sentence end.
_AFTER = rf"""
    (?:
        # ¶12.  1.(C)  1, (C)  ¶2 (C)  4.1 (S)  2.Text -- a number of 4-6 digits only
        # before a mark, so that paragraph 1000 of a long document is not read as text of
        # paragraph 999; the weaker forms (no full stop, a dotted number) are checked in
        # _start: they count only with a mark or a pilcrow
        (?P<num>\d{{1,3}}(?P<dotted>(?:\.\d{{1,3}})+)?|\d{{4,6}}(?=[.,][ \t]*\())
        [ \t]*(?P<sep>\.|,(?=[ \t]*\()|\))?
        (?:[ \t]+|(?=\()|(?<=\.)(?=[A-Z]))
        (?:(?P<entire>\(?{_ENTIRE}\)?)\.?|(?P<mark>{_MARK})|(?P<open>{_OPEN})|(?=\S))
      | (?P<sub>{_SUBLABEL})[ \t]*(?P<smark>{_PAREN}|{_NESTED}|{_OPEN})?(?=[ \t]*\S)
      | (?P<bare>{_PAREN}|{_NESTED}|{_OPEN})(?=\s*\S)
    )
"""
# Three passes, each beginning with one literal character so that Python's re skips
# ahead to candidates instead of trying every position (PERFORMANCE.md §2: a MULTILINE
# `^` or a leading character class is 5-10x slower). The text is searched as "\n" + text.
# The lookahead rejects the common case, a wrapped line of prose, at its first letter;
# it is tried once right after the "\n" (where a prose line fails it before any group or
# repeat is entered) and again after the indent.
_LINE_START = re.compile(
    rf"\n(?=[\ufeff \t]|{_START_HINT})"
    rf"(?P<indent>\ufeff?[ \t]*)(?={_START_HINT})(?P<lead>¶[ \t]*)?" + _AFTER,
    re.VERBOSE,
)
_PILCROW = re.compile(r"(?P<lead>¶[ \t]*)" + _AFTER, re.VERBOSE)  # reflowed bodies
# "... more vocal. 9. ( C) With regard": a reflowed paragraph start without pilcrow
# (07SANTIAGO983, 09BRASILIA1383), after any sentence end; counted only with a real mark.
_SENTENCE_BEFORE_MARK = re.compile(r"[.?!\"')\]”’][ \t]{1,4}\d{1,3}[.,][ \t]*\Z")
_SENTENCE_END = re.compile(r"[.?!\"')\]”’][ \t]{1,4}" + _AFTER, re.VERBOSE)


class _Start(NamedTuple):
    """Where a portion begins, as found by one of the passes above."""

    pos: int  # offset in the text of the portion's first character (pilcrow or number)
    number: str | None
    raw: str | None  # the mark as written, or the whole-text form
    mark_start: int
    sub: bool  # a sub-paragraph (bullet, letter) rather than a numbered paragraph
    entire: bool  # `1. CONFIDENTIAL - ENTIRE TEXT.`
    marking: Marking | None  # the mark read (None for the whole-text form: see _portions)
    letter: str | None = None  # the letter of a single-letter label, `(b)` or `B.`: "b"


# A single letter in parentheses, `(c)`: a mark ("CONFIDENTIAL") or a list label.
_SINGLE = re.compile(r"\([ \t]*([A-Za-z])[ \t]*\)")
_LABEL_LETTER = re.compile(r"¶?[ \t]*\(?([A-Za-z])[.)]")


def _start(m: re.Match[str], pos: int, previous: str | None = None) -> _Start | None:
    """A :class:`_Start` from a match (offsets in "\n" + text), or None if not a start.

    ``previous`` is the letter of the single-letter label that started the unit before
    (``"b"`` after ``(b) ...``): a ``(c)`` right after it continues the list and is a
    label, not the mark CONFIDENTIAL (docs/markings.md, "Mark-shaped tokens").
    """
    # One group() call for several groups: this runs once per paragraph of every cable.
    num, entire, mark, opened = m.group("num", "entire", "mark", "open")
    if num is not None:
        sep, dotted = m.group("sep", "dotted")
        pilcrow = m.re is not _SENTENCE_END and m.group("lead") is not None
        if entire is not None:
            return _Start(pos, num, entire, m.start("entire") - 1, False, True, None)
        raw, group = (mark, "mark") if mark is not None else (opened, "open")
        if raw is not None and not (dotted is not None and _REASON_CITATION.fullmatch(num)):
            # (`1.4(C).` on a line of its own is a wrapped reason, E.O. 13526 §1.4(c).)
            marking = _position_mark(raw, after_number=True)
            weak = sep is None and not pilcrow  # "4 (b/d).": a wrapped reason, not ¶4
            if marking is not None and not (weak and not marking.known):
                return _Start(pos, num, raw, m.start(group) - 1, False, False, marking)
        if (sep is None and not pilcrow) or dotted is not None or sep == ")":
            # Without a full stop or a pilcrow, only a mark that reads makes it a start.
            # "15 (percent) of ...", "1.5 million": a number that wrapped to a line start;
            # with a pilcrow (`¶2 Text`) it is a paragraph number all the same.
            return None
        return _Start(pos, num, None, -1, False, False, None)
    sub, raw = m.group("sub", "smark")
    group = "smark"
    if sub is not None:
        single = _SINGLE.fullmatch(sub)
        label = _LABEL_LETTER.fullmatch(sub)
        letter = label.group(1) if label is not None else None
        if single is not None and raw is None:
            # `(C) Text` at a line start: the mark CONFIDENTIAL, unless it continues a
            # list `(a) ... (b) ...`; `(A) Text`, `(b) Text`: a label.
            marking = _position_mark(sub, after_number=False)
            if marking is not None and not _continues(single.group(1), previous):
                return _Start(pos, None, sub, m.start("sub") - 1, False, False, marking)
            return _Start(pos, None, None, -1, True, False, None, letter)
        marking = None if raw is None else _position_mark(raw, after_number=False)
        if marking is None:
            if _weak_label(sub):
                return None  # a bullet or a heading without a mark: part of its unit
            return _Start(pos, None, None, -1, True, False, None, letter)
        return _Start(pos, None, raw, m.start(group) - 1, True, False, marking, letter)
    raw, group = m.group("bare"), "bare"
    marking = _position_mark(raw, after_number=False, bare=True)
    if marking is None:
        return None  # a line-start parenthesis that is no mark: "(Note: ...)"
    return _Start(pos, None, raw, m.start(group) - 1, False, False, marking)


# A mark held inside a unit (issue 13, point 2): mid-line, a parenthesised token counts
# when it reads as a known mark. The pattern admits only what starts like a mark (a level
# or `//`, then a separator or the closing parenthesis), so the parentheses of prose
# ("(see below)", "(protect)", "official(s)") are rejected by the regex, not the reader.
_HELD = re.compile(
    r"(?<![\w(])\([ \t]?"
    r"(?:TS|S|C|U|R|SBU|LOU|CUI|FOUO|SNF|CNF|//|TOP[ ]SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED"
    r"|ts|s|c|u|sbu|secret|confidential|unclassified|Secret|Confidential|[A-Z]{2,4}-[A-Z]{1,2})"
    r"(?:[ \t]*(?:/{1,2}|-|[ \t])[ \t]*[A-Za-z][^()\n]{0,100})?[ \t]?\)"
)
# In mark position inside a field or unit: right after `SUBJECT:`, `SUMMARY:`, `RE:`.
# There a token that looks like a mark but cannot be read makes the unit unknown.
_KEYWORD_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:SUBJECT|Subject|SUBJ|SUMMARY|Summary|RE|Re|TITLE|Title)[ \t]*\Z"
)
_KEYWORD_TOKEN = re.compile(r"[ \t]*(?P<tok>\([^()\n]{1,40}\)|\([^()\s]{1,12}(?=[ \t]|\n|$))")
# A reason citation right before a single letter: `1.4 (c)`, `1.5(C)`.
_CITATION = re.compile(
    r"1[ ]?\.[ ]?[4-6][ \t]*(?:\([a-hA-H]\)[ \t]*,?[ \t]*(?:and|or|&)?[ \t]*)*\Z"
)
_LIST_NEXT = re.compile(r"[ \t]*(?:,|and|or|&|/)[ \t]*(?:,[ \t]*)?(?:and[ \t]*)?\(([A-Za-z])\)")


# "Senator John McCain (R-AZ)", "Luis Fortuno (R-PR)" (07ISLAMABAD1583, 05RIODEJANEIRO1242):
# mid-line, a party and state label reads as RESTRICTED (and PROPIN); it is no mark.
_US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI"
)
# Only a real state or territory: "(R-NF)" is no party label but RESTRICTED NOFORN.
_PARTY_LABEL = re.compile(rf"\([RDI]-(?:{_US_STATES.replace(' ', '|')})\)")


def held_marking(text: str, start: int, end: int) -> Marking | None:
    """The roll-up of the marks held in ``text[start:end]``, or ``None`` if it holds none.

    Counted: a mid-line token that reads as a known mark, and any mark-shaped token right
    after ``SUBJECT:``/``SUMMARY:``/``RE:`` (an unreadable one makes the result unknown).
    Not counted: a single letter in a running list, ``(a) ... (b) ... (c)`` (the letter
    before it stands earlier, within 400 characters), ``(b), (c) and (d)`` (the next letter
    follows it), a reason citation ``1.4 (c)`` or a party label ``(R-AZ)``
    (docs/markings.md, "Mark-shaped tokens").
    """
    return _roll(held_tokens(text, start, end))


def held_tokens(
    text: str, start: int = 0, end: int | None = None, skip: frozenset[int] = frozenset()
) -> list[_Held]:
    """The marks held in ``text[start:end]`` with their spans, in text order; a token
    starting at an offset in ``skip`` (a unit's leading mark, read already) is passed."""
    end = len(text) if end is None else end
    found: list[_Held] = []
    i = text.find("(", start, end)
    while i >= 0:
        if i in skip:
            i = text.find("(", i + 1, end)
            continue
        m = _HELD.match(text, i, end)
        if m is not None:
            marking = _portion_mark(m.group())
            if (
                marking is not None
                and marking.known
                and not _enumerator(text, m.span())
                and _PARTY_LABEL.fullmatch(m.group()) is None
            ):
                found.append((m.start(), m.end(), marking))
            i = text.find("(", m.end(), end)
        else:
            i = text.find("(", i + 1, end)
    colon = text.find(":", start, end)
    keyed = False
    while colon >= 0:
        # From each colon (a literal, found fast) back to a keyword and on to a token.
        key = _KEYWORD_BEFORE.search(text, max(start, colon - 12), colon)
        tok = None if key is None else _KEYWORD_TOKEN.match(text, colon + 1, end)
        if key is not None and tok is not None:
            marking = _position_mark(tok.group("tok"), after_number=False)
            if marking is not None and not _enumerator(text, tok.span("tok")):
                found.append((key.start(), tok.end(), marking))
                keyed = True
        colon = text.find(":", colon + 1, end)
    if keyed:
        found.sort(key=_HELD_START)
    return found


_Held = tuple[int, int, Marking]
_HELD_START = operator.itemgetter(0)


def _roll(held: list[_Held]) -> Marking | None:
    if not held:
        return None
    if len(held) == 1:
        return held[0][2]
    return roll_up(dict.fromkeys(m for _, _, m in held))


def _enumerator(text: str, span: tuple[int, int]) -> bool:
    """Whether the token at ``span`` is a single-letter list label or reason letter."""
    at, end = span
    single = _SINGLE.fullmatch(text, at, end)
    if single is None:
        return False
    letter = single.group(1)
    # The label before it may stand in the unit before: `(b) ...⏎(c) ...` are two units;
    # but not beyond a blank line (the header's `1.4 (b) and (d)` makes no later `(c)` a
    # list label). The lookback does not depend on the stretch being read, so a stretch
    # read alone and the whole text read at once count the same tokens.
    lo = max(0, at - 400)
    for blank in _BLANK_RUN.finditer(text, lo, at):
        lo = blank.end()
    before = text[lo:at]
    prior = chr(ord(letter.lower()) - 1)
    if f"({prior})" in before.lower():
        return True  # "(a) ... (b) ... (c)": it continues a list
    nxt = _LIST_NEXT.match(text, end)
    if nxt is not None and _continues(nxt.group(1), letter):
        return True  # "(c) and (d)": a list of letters
    return _CITATION.search(text, max(0, at - 40), at) is not None


_HEADINGS = frozenset({"SUMMARY", "Summary", "COMMENT", "Comment", "NOTE", "Note"})


def _weak_label(sub: str) -> bool:
    """A bullet or a run-in heading: a label that starts a unit only with a mark after it."""
    return sub[0] in "-•*·o" or sub.rstrip(" \t:.-") in _HEADINGS


_REASON_CITATION = re.compile(r"1\.[4-6]")


def _continues(letter: str, previous: str | None) -> bool:
    """Whether ``letter`` follows ``previous`` in the alphabet (``c`` after ``b``)."""
    return previous is not None and ord(letter.lower()) == ord(previous.lower()) + 1


# Mark-shaped but unreadable (docs/markings.md): a short parenthesised run, or an
# unclosed one, that holds no word of lower-case prose. `(CONF)`, `(SS)`, `(S.)`,
# `(S|NF)`, `(Q)` after a number, `(Ꮪ//NF)` with a look-alike letter: a reviewer reads
# each as a mark he cannot read, so the unit is unknown and withheld (32 CFR 2001.24(f)).
_PROSE_WORD = re.compile(r"[a-z]{2}")
_LONG_WORD = re.compile(r"[A-Za-z]{8}")  # no word of a mark is longer than NOFORN's 6
_ENUMERATOR = re.compile(r"\d{1,3}|[ivxl]{1,5}|[a-z]|[A-Z]|[IVXL]{2,5}")


def _garbled(raw: str, *, after_number: bool, bare: bool = False) -> bool:
    inner = raw.strip().lstrip("(").rstrip(")").strip()
    if not inner or len(inner) > 24:
        return False
    if not inner.isascii():
        return True  # a look-alike letter or symbol where a mark stands
    if _near_mark_word(inner):
        return True  # "(SECERT)", "(CONFIDENTAL)", "(NOFRN)": a misspelt mark
    if bare and not _MARK_ALPHABET.issuperset(inner):
        # At a line start without a label, an acronym that wrapped there is common prose
        # ("(DPF) intelligence", "(CDU)/Christian"): only a token written in the letters
        # and signs of marks (`(CONF)`, `(SS)`, `(S|NF)`) is read as a mangled mark.
        return False
    if _PROSE_WORD.search(inner) or not any(c.isalpha() for c in inner):
        return False  # "(Note)", "(see below)", "(2008)"
    if _LONG_WORD.search(inner):
        return False  # "(HVONBEHREN)": a name in capitals (07BERN881), no mark's word

    if _ENUMERATOR.fullmatch(inner):
        # `(A)`, `(b)`, `(iv)`, `(IV)` are labels; a single capital other than A right
        # after a paragraph number (`¶2. (Q)`) can only be a mangled mark.
        return after_number and len(inner) == 1 and inner.isupper() and inner != "A"
    return True


_MARK_ALPHABET = frozenset("TSCURNFOL /|.-,:;\\")
_MARK_WORDS = ("SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "NOFORN", "TOP SECRET", "RESTRICTED")


def _near_mark_word(inner: str) -> bool:
    """Whether ``inner`` is a mark word written with a letter or two wrong: a reviewer
    reads `(SECERT)` as SECRET; the reader cannot, so it is an unreadable mark."""
    word = inner.upper()
    if len(word) < 4 or not word.replace(" ", "").isalpha():
        return False
    return any(
        word != known and difflib.SequenceMatcher(None, word, known).ratio() >= 0.8
        for known in _MARK_WORDS
    )


def _position_mark(raw: str, *, after_number: bool, bare: bool = False) -> Marking | None:
    """A token at a mark position, read: a mark, an unknown mark, or no mark at all."""
    marking = _portion_mark(raw)
    if marking is not None:
        return marking
    if _garbled(raw, after_number=after_number, bare=bare):
        return Marking(None, raw=raw, warnings=("unreadable_mark",))
    return None


def _portion_mark(raw: str) -> Marking | None:
    """A mark candidate at a portion position, read; doubled parentheses fail closed.

    ``((S))`` is no mark to :func:`parse_portion_mark` (as a string it could be anything),
    but after a paragraph number a reviewer reads it as a mark in extra parentheses. Read
    as unmarked it would take the banner's level or be released, so it is *unknown*
    (``malformed_portion``) when its inside reads as a mark; ``((a))`` stays no mark.
    """
    marking = parse_portion_mark(raw)
    if marking is not None or not raw.startswith("(("):
        return marking
    if parse_portion_mark("(" + raw.strip("()") + ")") is None:
        return None
    return Marking(None, raw=raw, warnings=("malformed_portion",))


# The cable classification line: the classification word(s), spaced or not, in any case,
# possibly garbled or truncated at the front (CABLES.md §b.1), then SECTION n OF n, then the
# post and the serial. The post+serial tail is what tells it from prose.
_BANNER = re.compile(
    r"""
    (?P<head>(?P<cls>
        T[ ]?O[ ]?P[ ]{1,3}S[ ]?E[ ]?C[ ]?R[ ]?E[ ]?T
      | S?[ ]?E[ ]?C[ ]?R[ ]?E[ ]?T
      | C?[ ]?O[ ]?N[ ]?F[ ]?I[ ]?D[ ]?E[ ]?N[ ]?T[ ]?I[ ]?A[ ]?L
      | UNCLAS(?:SIFIED)?
      | LIMITED[ ]OFFICIAL[ ]USE
    )
    (?:[ \t]+(?:E[ ]F[ ]T[ ]O|EFTO|SENSITIVE|NOFORN|EXDIS|NODIS|LIMDIS))*
    (?:[ \t]*//[ \t]*[A-Z][A-Z ,/\-]*?)?)
    (?:[ \t]+SECTION[ \t]+(?P<sec>\d{1,2})[ \t]+OF[ \t]+(?P<of>\d{1,2}))?
    [ \t]+(?:(?P<yy>\d{2})[ \t]+)?(?P<post>[A-Z][A-Z .'\-]*?[A-Z])[ \t]+(?P<serial>\d{4,6})
    (?=\s|\\|$)
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Substrings one of which every banner form of CABLES.md §b.1 contains (upper-cased).
_BANNER_HINTS = ("E C R E T", "ECRET", "O N F I", "ONFID", "UNCLAS", "LIMITED OFFICIAL")

# Addressee-action lines after the banner: "DEPT FOR NEA/MAG", "dept pls pass usaid",
# "PARIS FOR ZEYA, LONDON FOR TSOU", "DEPT ALSO FOR ...", "PASS TO ...". A closed grammar
# (issue 13, point 5): the action word within the first three words, no sentence end, no
# mark, a short line; anything else after the banner is text, and `unmarked` applies.
_DISTRIBUTION = re.compile(
    r"(?:[A-Z0-9/.\-]+[ \t]+){0,2}(?:ALSO[ \t]+)?(?:PLS[ \t]+|PLEASE[ \t]+)?"
    r"(?:FOR|PASS|PASS[ \t]+TO|EYES[ \t]+ONLY|CAPTION|HANDLE[ \t]+AS|ATTN:?)\b"
    r"[^.\n]{0,120}"
)


def _distribution(line: str) -> bool:
    """Whether an upper-cased header line is a distribution caption (see _DISTRIBUTION)."""
    body = line.rstrip(" \t\\")
    return (
        len(body) <= 160
        and not body.endswith(".")
        and _HELD.search(body) is None
        and _DISTRIBUTION.fullmatch(body) is not None
    )


_ZNY = re.compile(r"ZN[YR][ \t]+(?P<letters>[A-Z]{5})", re.I)
_TRANSMISSION_LEVELS = {
    "UUUUU": Level.UNCLASSIFIED,
    "CCCCC": Level.CONFIDENTIAL,
    "SSSSS": Level.SECRET,
    "TTTTT": Level.TOP_SECRET,
}
_POST_PUNCT = re.compile(r"[ .'\-]")
_SUBJECT_CUT = re.compile(r"\b(?:SUBJECT|Subject|SUBJ)\s*:")
_SUBJECT_MARK = re.compile(
    r"\([^()\r\n]{1,120}\)|\(\(+[^()\r\n]{1,40}\)+|\([^()\s]{1,12}(?=[ \t]|\r?\n|$)"
)
_BARE_BANNER_WORD = re.compile(r"(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED)\b")

# A bare CAPCO banner line (memos, and three cables whose banner is the word alone).
_BANNER_LINE = re.compile(r"(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED)(?://[A-Z0-9 ,/\-]+)?")
# A byte-order mark may precede the first line; it is kept in the text, outside the banner.
_BARE_BANNER = re.compile(rf"\n\ufeff?[ \t]*(?P<b>{_BANNER_LINE.pattern})[ \t]*\r?(?=\n)")

# One pass over the header's line starts finds every labelled line; the literal "\n"
# prefix keeps it fast even under IGNORECASE ("\n" has no case). The look-ahead after
# "\n" (every first character an alternative can start with, the indent included)
# rejects most lines at once. Each alternative then starts with its first letter in a
# case-sensitive class holding exactly what IGNORECASE would accept (with the Turkish
# dotted/dotless I and the long s), which lets re skip a non-matching alternative
# without entering it; the empty group at its end names it (m.lastgroup) and the label
# starts where the indent ends. (Alternatives never match at the same place, so their
# order is free.)
_HEADER_LINE = re.compile(
    r"""\n(?=[\ufeff \t¶(\dZFTISREMCOP])(?P<indent>\ufeff?[ \t]*)(?:
        (?-i:[Zz])N[YR][ \t]+[A-Z]{5}(?P<zny>)
      | (?-i:[Ff])M[ \t](?P<fm>)
      | (?-i:[Tt])(?:O[ \t](?P<to>)|(?:AGE?S?|AS|ABS|GS)\b(?P<tags>))
      | (?-i:[Ii\u0130\u0131])NFO[ \t](?P<info>)
      | (?-i:[Ss\u017f])UBJ(?:ECT)?[ \t]*:(?P<subj>)
      | (?-i:[Rr])(?:EFS?|EF\(S\)|EFTEL)[ \t]*:?[ \t](?P<ref>)
      | (?:
            ¶[ \t]*(?:E\.?[ ]?O\.?[ ]?\d{4,5}|EO[ ]\d|MO\.[ ])
          | (?-i:[Ee])(?:\.?[ ]?O\.?[ ]?\d{4,5}|\.[ ]?0\.[ ]?\d{4,5}|O[ ]\d)
          | (?-i:[Mm])O\.[ ]
          | \(U\)[ \t]*Classified\s+By
          | (?-i:[Cc])lassified\s+By
        )(?P<label>)
      | (?:
            (?-i:[OPRZoprz])[OPRZ]?(?:[ \t][OPR])?[ \t]+\d{6}Z[ \t]+[A-Z]{3}
          | \d{6}Z[ \t]+[A-Z]{3}
        )(?P<dtg>)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
# A transmission (routing) line of a cable, CABLES.md §b.6: start-of-message, precedence
# and routing indicators, DE, ZNY/ZNR, the DTG, FM/TO/INFO/XMT and addressee lines,
# ACTION/INFO distribution lists, BT/NNNN, the teletype rule. Upper case throughout.
_ROUTING_LINE = re.compile(
    r"""(?x)
    VZCZC[A-Z0-9]*
  | [OPRZ]{1,2}(?:[ ][OPRZ])?[ \t]+(?:RUE[A-Z0-9]*|\d{6}Z)[A-Z0-9 \t/#.\-()]*
  | DE[ \t]+[A-Z0-9 \t/#.\-]*
  | ZN[YR][ \t]+[A-Z]{5}[A-Z \t]*
  | \d{6}Z[ \t]+[A-Z]{3}[A-Z0-9 \t]*
  | (?:FM|TO|INFO|XMT|ACTION|ORIGIN|CC)\b[A-Z0-9 \t/.,&'\-#()]*
  | R[A-Z]{3,7}(?:[ \t]+R[A-Z]{3,7})*(?:/[A-Z0-9 \t/.,&'\-#()]*)?
  | (?:AMEMBASSY|AMCONSUL|USMISSION|SECSTATE|SECDEF|USDEL|USINT|USLO|CDR|HQ|CJTF|JOINT)\b
    [A-Z0-9 \t/.,&'\-#()]*
  | (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,[ ]\d{1,2}[ ][A-Z][a-z]+[ ]\d{4},[ ]\d\d:\d\d
  | [A-Z0-9][A-Z0-9 \t/.,&'\-]*[ \t](?:IMMEDIATE|PRIORITY|ROUTINE|FLASH)(?:[ \t]+\d{1,5})?
  | BT | NNNN | ZDK[A-Z0-9 \t]* | ZDS[A-Z0-9 \t]* | ZFF\d*
  | -{6,}[0-9A-F]{6}[ \t]+\d{6}Z[ \t]*/\d+
  | [A-Z0-9 \t/.\-]+-\d\d(?:[ \t]+[A-Z0-9/.\-]+-\d\d)*[ \t]*
    """
)
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A memo's date line: "DATE: March 3, 2009", "Date: 3 March 2009", or the date alone.
_DATE_LINE = re.compile(
    rf"\n[ \t]*(?:(?:DATE|Date)[ \t]*:[ \t]*)?(?P<v>{_MONTH_NAME}[ \t]+\d{{1,2}},?[ \t]+\d{{4}}"
    rf"|\d{{1,2}}[ \t]+{_MONTH_NAME}[ \t]+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})[ \t]*\r?(?=\n)",
    re.IGNORECASE,
)
_DTG_AT = re.compile(
    r"(?:[OPRZ]{1,2}(?:[ \t][OPR])?[ \t]+)?(?P<dd>\d{2})(?P<hhmm>\d{4})Z[ \t]+"
    r"(?P<mon>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[ \t]+(?P<yy>\d{2}|\d{4})\b",
    re.IGNORECASE,
)
_FM = re.compile(r"\nFM[ \t]+(?P<v>[^\r\n]+)")
_TO_INFO = re.compile(
    r"\n(?P<name>TO|INFO)[ \t]+(?P<v>[^\r\n]*(?:\r?\n(?!FM\b|TO\b|INFO\b|BT\b|\r?\n)[^\r\n]+)*)"
)
# `(?<![A-Za-z])`, not `\b`: a label glued to the DECL date is one (`01/01/2019TAGS:`).
_TAGS = re.compile(
    r"(?<![A-Za-z])(?:TAGS?|TAGE?S?|TAS|TABS|TGS)\b[ \t]*[:,;]?[ \t]*(?P<v>[^\r\n]*)", re.I
)
_TAG_LINK = re.compile(r"\[([A-Za-z0-9 ]+)\]\(#\)")
_TAG_SPLIT = re.compile(r"[\s,;]+")
_TAG_PARTS = re.compile(r"\([^()]*\)|[,;]|[^\s,;()]+")


def _tag_list(raw: str) -> tuple[str, ...]:
    """The tags of a TAGS value (upper case, layout already removed).

    A list with commas is split at its commas only, so a tag of several words stays one
    (`ORGANIZED CRIME`, `USEU BRUSSELS`); a list without them at its blanks. A person's
    name in parentheses stays with the tag before it (`OVIP (CLINTON, HILLARY)`); a full
    stop ending a tag is punctuation (`IZ.`); `SIPDIS` is a handling word, no tag.
    """
    if "(" not in raw and "," not in raw and ";" not in raw:
        # The common case: `PREL PGOV SY`.
        found = (w.rstrip(".") for w in _TAG_SPLIT.split(raw))
        return tuple(t for t in found if t and t != "SIPDIS")
    # A list with commas or a name in parentheses.
    # `KACT KNNP PREF⏎PREL, IN, IR`: codes written with blanks before the commas are tags
    # each; only a longer word makes a tag of several words.
    parts = _TAG_PARTS.findall(raw)
    commas = "," in parts or ";" in parts
    words: list[str] = []
    current: list[str] = []
    for part in parts:
        if part in ",;" or (not commas and not part.startswith("(") and current):
            words.append(" ".join(current))
            current = [] if part in ",;" else [part]
        else:
            current.append(part)
    words.append(" ".join(current))
    words = [" ".join(x for x in w.split() if x != "SIPDIS") for w in words]
    words = [
        piece
        for w in words
        for piece in (w.split() if all(len(x) <= 5 for x in w.split()) else [w])
    ]
    tags = (" ".join(w.split()).rstrip(".") for w in words)
    return tuple(t for t in tags if t and t != "SIPDIS")


# The subject label: `SUBJECT:`, `SUBJ:`, any case, and the typo `UBJECT:` (a lost first
# letter, seen in cablemap's tables) only at a line start: "the UBJECT: (U) ..." in a
# line of text is no label. The colon-less `SUBJECT` is read only at a line start right
# under another header field (_UNLABELLED_SUBJECT).
_SUBJECT = re.compile(r"(?:\b(?:SUBJECT|SUBJ)|(?<![^\n])UBJECT)[ \t]*:[ \t]*", re.I)
_UNLABELLED_SUBJECT = re.compile(
    r"\n[ \t]*(?P<label>SUBJECT|Subject)[ \t]+(?!(?:TO|OF|to|of)\b)(?=[^\s:(])"
)
# Where a subject ends: a blank line, or a line that starts something else: a REF or
# Classified By line, a paragraph, TAGS, the E.O. line, a run-in heading, a rule of dashes
# (09PRETORIA939), the date line of the WikiLeaks header (09ISLAMABAD3037), a routing line
# (`TO RUEH...`, not `TO HIZBALLAH`, the second line of 10STATE17894's subject); or
# `Classified By` on the same line (its statement is glued to the subject).
_STOP_LINES = (
    r"\r?\n[ \t]*\r?\n|\r?\n[ \t]*(?:REFS?\b|REF\(S\)|REFTEL|Classified\b|CLASSIFIED\b|¶|\d{1,3}\."
    r"|(?:TAGS|E\.[ ]?O\.|EO[ ]\d|SUMMARY|COMMENT)\b|-{3,}[ \t]*\r?$"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,[ ]\d"
)
_SUBJECT_STOP = re.compile(
    _STOP_LINES
    + r"|(?:INFO|TO|FM)[ \t]+(?:[A-Z0-9]+/|AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|SECDEF|CDR))"
    r"|(?:[ \t]|(?<=[A-Z]))Classified[ \t]+By\b|[ \t]CLASSIFIED[ \t]+BY\b",
    re.M,
)
# A marked subject also ends at any line starting INFO, TO or FM: its mark would govern
# that line, which an unmarked subject's continuation does not change (both follow
# `unmarked`), so only a subject without a mark reads `TO HIZBALLAH` as its own.
_MARKED_SUBJECT_STOP = re.compile(
    _STOP_LINES
    + r"|(?:INFO|TO|FM)\b)|(?:[ \t]|(?<=[A-Z]))Classified[ \t]+By\b|[ \t]CLASSIFIED[ \t]+BY\b",
    re.M,
)
# A REF list on the subject's line, after a blank or glued to its last word
# (`... AS UK PRIMEREF: A. LONDON 1939`, 08LONDON1991): the subject's value ends there.
# Glued, only an upper-case label with a colon and a reference after it counts.
_SUBJECT_REF = re.compile(
    r"(?<![^\s,;.])(?:(?:REFS?|REF\(S\)|Refs?|Ref\(s\))[ \t]*:|(?:REFTELS?|Reftels?)\b)"
    r"|(?<=[A-Z])(?:REFS?|REFTELS?)[ \t]*:(?=[ \t]*(?:\(?[A-Z]\)?[.)]?[ \t]+)?(?:\d{2,4}[ \t]+)?"
    r"[A-Z][A-Za-z .'\-]*[ \t]+\d{2,6})"
)
# A value that starts after a blank line (`SUBJECT:⏎⏎FOO BAR`): at most this many lines.
_SUBJECT_BLOCK_LINES = 2
_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")

_EXTRACT_NOTICE = (
    "This record is a partial extract of the original cable. "
    "The full text of the original cable is not available."
)
_PAGE_FOOTER = re.compile(
    r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]*\r?\n[ \t]*$"
)
# `PAGE 02 TRIPOLI 00220 01 OF 03 131503Z`; the section part is missing on some pages
# (`PAGE 02 ROME 03067 211833Z`, `PAGE 02        STATE   050524  131535Z`).
_PAGE = re.compile(
    r"PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .'\-]*?[ \t]+\d{4,6}(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?"
    r"[ \t]+\d{6}Z"
)
# A page footer on the same line as the page header after it, inside a field's value.
_FOOTER_BEFORE = re.compile(r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]+\Z")
# A TAGS value wrapped onto the next line: tag-shaped words only (2-6 letters, in the case
# of the TAGS line), more than one only with commas between them (every continuation in
# the corpus is such a list: `PREL, IN, IR`, `QA, AE`, `UNMIK`). Prose, a mark, a digit,
# a colon or a caption word ends the value: what is not read as tags stays text, which
# the policy's `unmarked` governs (fail closed), while TAGS are released.
_TAG_LINE_UPPER = re.compile(r"[A-Z]{2,6}(?:[ \t]*[,;][ \t]*[A-Z]{2,6})*[ \t]*[,;]?")
# A list written with blanks wraps onto a line of the same: codes of two to four letters
# (`KCRM KJUS`), never longer words (`NOFORN`, prose).
_TAG_LINE_BLANKS = re.compile(r"[A-Z]{2,4}(?:[ \t]+[A-Z]{2,4})*[ \t]*")
_TAG_LINE_LOWER = re.compile(r"[a-z]{2,6}(?:[ \t]*[,;][ \t]*[a-z]{2,6})*[ \t]*[,;]?")
_TAG_CONTINUATION_LINES = 4
# Line starts that end a TAGS value at once (checked before anything else).
_TAGS_END = ("SUBJ", "Subj", "\n", "\r\n")
_TELETYPE_RULE = re.compile(r"------+[0-9A-F]{6}[ \t]+\d{6}Z[ \t]*/\d+")
_AUTHORITY_LINE = re.compile(
    r"^[ \t]*(?P<label>Classified[ \t]+By|Derived[ \t]+From|Reasons?|Declassify[ \t]+On)"
    r"[ \t]*:[^\n]*",
    re.I | re.M,
)
_REASON_LINE = re.compile(r"\n[ \t]*Reasons?[ \t]*:[ \t]*(?P<v>[^\r\n]+)", re.I)
_LONE_CR = re.compile(r"\r(?!\n)")

# Characters that hide a document's structure from the passes above (docs/SECURITY.md,
# "Unicode"): a form feed or LINE SEPARATOR that breaks a line, a NBSP or ideographic
# space between "1." and "(S)", a zero-width or control character before a number, a
# full-width parenthesis or full stop. Left alone, each turns a marked paragraph into
# unmarked text that inherits its neighbour's decision. The parser scans a copy in which
# each is replaced by the ASCII character it stands for (one for one, so every offset
# holds) and then re-reads every mark and the banner from the original text.
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BLANKS = "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
# Invisible: format characters (Cf: zero-width, bidi controls, soft hyphen, BOM) and the
# ASCII controls a text file has no business holding.
# The Unicode Default_Ignorable_Code_Point set (DerivedCoreProperties.txt: soft hyphen,
# combining grapheme joiner, Hangul fillers, Mongolian and other variation selectors,
# tag characters ...) and the braille pattern blank, which renders as a space: none of
# them shows, so none may stand between a reader and a paragraph number or its mark.
_DEFAULT_IGNORABLE = "".join(
    map(
        chr,
        (
            0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFEFF, 0xFFA0,
            0x2800,
            *range(0x180B, 0x1810), *range(0x200B, 0x2010), *range(0x202A, 0x202F),
            *range(0x2060, 0x2070), *range(0xFE00, 0xFE10), *range(0xFFF0, 0xFFF9),
            *range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B), *range(0xE0000, 0xE1000),
        ),
    )
)  # fmt: skip
_INVISIBLE = _DEFAULT_IGNORABLE + "".join(
    map(chr, (*range(0x01, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F))
)
# A terminal escape sequence (ECMA-48 CSI, e.g. "\x1b[0m") shows nothing on a terminal:
# its parameter characters are blanked in the scanned copy with the escape itself.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[@-_]?")
_OPEN_LIKE = "\uff08\ufe59\ufe35\u207d\u208d\u2768\u276a\u27ee\ufd3e\u2e28\u2985"
_CLOSE_LIKE = "\uff09\ufe5a\ufe36\u207e\u208e\u2769\u276b\u27ef\ufd3f\u2e29\u2986"
_POINT_LIKE = "\uff0e\ufe52\u2024"
_COMMA_LIKE = "\uff0c\ufe50"
_SCAN = str.maketrans(
    {
        **dict.fromkeys(_LINE_BREAKS, "\n"),
        **dict.fromkeys(_BLANKS + _INVISIBLE, " "),
        **dict.fromkeys(_OPEN_LIKE, "("),
        **dict.fromkeys(_CLOSE_LIKE, ")"),
        **dict.fromkeys(_POINT_LIKE, "."),
        **dict.fromkeys(_COMMA_LIKE, ","),
    }
)


def _char_class(chars: str) -> str:
    """A regex character class of ``chars`` written as ranges: re tests a class of a few
    thousand single characters (the tag block) one by one, and ranges at once."""
    codes = sorted(set(map(ord, chars)))
    out: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        out.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(out) + "]"


_HIDING = re.compile(
    _char_class(
        _LINE_BREAKS + _BLANKS + _INVISIBLE + _OPEN_LIKE + _CLOSE_LIKE + _POINT_LIKE + _COMMA_LIKE
    )
)
# The same, for text whose every character is Latin-1 (most cables: ASCII with a pilcrow):
# a class of a few characters, which re tests much faster than the full one.
_HIDING_LATIN1 = re.compile(
    _char_class("".join(c for c in _LINE_BREAKS + _BLANKS + _INVISIBLE if ord(c) < 0x100))
)


def _hiding(text: str, start: int) -> bool:
    """Whether ``text`` holds a character that can hide structure (see _SCAN)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _HIDING.search(text, start) is not None
    return _HIDING_LATIN1.search(text, start) is not None


_INVISIBLE_FOUND = re.compile(_char_class(_INVISIBLE + "\x1b"))
# Of those, the ones that make a mark or banner holding them unknown: only whitespace and
# line breaks render as what they stand for.
_DISGUISE = re.compile(
    _char_class(_INVISIBLE + _OPEN_LIKE + _CLOSE_LIKE + _POINT_LIKE + _COMMA_LIKE)
)
_SIGNATURE = re.compile(r"[A-Z][A-Za-z.'\-]+(?:[ \t]+[A-Za-z.'\-]+){0,3}")
# "... has cleared this message. ROEMER": the sign-off glued to the last line (75 corpus
# cables): one or two upper-case words after a sentence end, at the very end.
# Also one capitalised word ("... the conversation. Eikenberry", 10KABUL436), and after
# the London embassy's website lines ("...index. cfm Tuttle", 08LONDON1001; "...Portal:Unit
# ed_Kingdom TUTTLE", 08LONDON1176), and after the end of a quoted text ("END TEXT
# HEFFERN", 10USNATO52).
# After a section marker ("... 002 OF 002 HEARNE", 09RIODEJANEIRO285), and before the
# date a later copy added ("... offense. KUBISKE 2009-12-31", 09BRASILIA1540).
_GLUED_SIGNATURE = re.compile(
    r"(?:(?<=[.!?\"”’)])|(?<=cfm)|(?<=htm)|(?<=html)|(?<=_Kingdom)|(?<=OF \d{3})"
    r"|(?<=END TEXT)|(?<=End Text))[ \t]{1,4}"
    r"(?P<sig>[A-Z][A-Z'\-]+(?:[ \t]+[A-Z][A-Z'\-]+)?|[A-Z][a-z][A-Za-z'\-]+)"
    r"(?:[ \t]+\d{4}-\d\d-\d\d)?[ \t]*\Z"
)
_LONE_SIGNER = re.compile(r"[A-Z][A-Za-z'\-]{3,}")
# A teletype instruction before the sign-off: "MINIMIZE CONSIDERED SHANNON" (10BRASILIA43).
# Also the end of a quoted text before it: "END TEXT HEFFERN" (10USNATO52), "CLINTON
# UNQUOTE CLINTON" (09STATE127892: the quoted message's signer, then the cable's).
_SIGNATURE_PREFIX = re.compile(
    r"(?:MINIMIZE[ \t]+CONSIDERED|END[ \t]+TEXT|End[ \t]+Text|(?:[A-Z]+[ \t]+)?UNQUOTE)[ \t]+"
)
# The header fields and claims inside which an unmarked label is no unit of its own.
_HEADER_FIELDS = frozenset({"reference", "subject", "tags", "declassification", "caption"})
_HEADER_CLAIMS = frozenset(
    {PartKind.BANNER, PartKind.CAPTION, PartKind.DECLASSIFICATION, PartKind.TAGS}
)


def parse(text: str, *, source: str | None = None) -> Document:
    """Parse ``text`` into a :class:`~redactor.model.Document`.

    Args:
        text: the document, already decoded; line endings are kept as they are.
        source: a label for error messages and reports (a file name); never read.

    Raises:
        ParseError: when ``text`` is not a text document (it contains NUL characters).
            Unreadable markings are not errors: they parse to unknown markings.
    """
    if not isinstance(text, str):
        raise ParseError("expected decoded text (str), got bytes or another type", source=source)
    nul = text.find("\x00")
    if nul >= 0:
        raise ParseError(
            "binary content: NUL character; not a text document", source=source, offset=nul
        )
    # A byte-order mark at the very start is the one the passes expect (and not hiding).
    hiding = _hiding(text, 1 if text.startswith("\ufeff") else 0)
    if "\r" not in text and not hiding:
        return _Parser(text, source).run()
    # Old Mac files end lines with a lone CR, and some files mix endings. Scan a copy in
    # which a lone CR is a LF: one character for one, so every offset holds for the
    # original, whose text (and field values) the document keeps.
    scanned = _LONE_CR.sub("\n", text) if "\r" in text else text
    if hiding:
        if "\x1b" in scanned:
            scanned = _ESCAPE_SEQUENCE.sub(lambda m: " " * len(m.group()), scanned)
        scanned = scanned.translate(_SCAN)
        if text.startswith("\ufeff"):  # the byte-order mark the parser knows
            scanned = "\ufeff" + scanned[1:]
    if scanned == text:
        return _Parser(text, source).run()
    doc = _Parser(scanned, source).run()
    fields = tuple(
        dataclasses.replace(f, value=read_value(text, f.value_start, f.value_end, f.layout))
        for f in doc.fields
    )
    if not hiding:
        return dataclasses.replace(doc, text=text, fields=fields)
    warnings = doc.warnings
    if _INVISIBLE_FOUND.search(text, 1 if text.startswith("\ufeff") else 0):
        # Skipped when finding starts and reading marks, and reported (issue 13, point 4).
        warnings = (*warnings, "invisible_characters")
    portions = tuple(_reread(p, text, scanned) for p in doc.portions)
    entire, banner = doc.entire_text, _reread_banner(doc, text)
    for old, new in zip(doc.portions, portions, strict=True):
        if entire is not None and old.marking is entire and new.marking is not entire:
            # "1. UNCLASSIFIED<ZWSP>- ENTIRE TEXT": the whole-text form is unknown too.
            banner = new.marking if banner is entire else banner
            entire = new.marking
    return dataclasses.replace(
        doc,
        text=text,
        fields=fields,
        portions=portions,
        banner=banner,
        entire_text=entire,
        warnings=warnings,
    )


def _reread(portion: Portion, text: str, scanned: str) -> Portion:
    """A portion's mark read from the original text, where the scanned copy differs."""
    start, end = portion.mark_start, portion.mark_end
    if portion.marking is None or start is None or end is None:
        return portion
    raw = text[start:end]
    if raw == scanned[start:end]:
        return portion
    marking = None
    if not _DISGUISE.search(raw):
        # Only whitespace differs: read the original as the scan read its copy (a
        # whole-text form "CONFIDENTIAL - ENTIRE TEXT" goes in parentheses, as in _portions).
        marking = _portion_mark(raw) or parse_portion_mark("(" + raw.strip("(). ") + ")")
        marking = None if marking is None else dataclasses.replace(marking, raw=raw)
    if marking is None:
        # Read as a mark through the disguise: unknown, withheld (fail closed).
        marking = Marking(None, raw=raw, warnings=("confusable_characters",))
    return dataclasses.replace(portion, marking=marking)


def _reread_banner(doc: Document, text: str) -> Marking | None:
    """The banner, unknown when its line holds an invisible or look-alike character."""
    field = doc.field("banner")
    if doc.banner is None or field is None:
        return doc.banner
    raw = text[field.value_start : field.value_end]
    if not _DISGUISE.search(raw):
        return doc.banner
    return Marking(None, raw=raw.strip(), warnings=("confusable_characters",))


class _Parser:
    """One parse: collects claims on stretches of the text, then partitions it."""

    def __init__(self, text: str, source: str | None) -> None:
        self.text = text
        self.source = source
        self.fields: list[Field] = []
        self.claims: list[tuple[int, int, PartKind]] = []
        self.warnings: list[str] = []
        self.upper: str | None = None
        self.lines: dict[str, list[int]] = {}
        # The text behind a newline, so that line-start patterns can begin with a literal
        # "\n" (fast to scan for) and still match on the first line; offsets are +1.
        self.shifted = "\n" + text
        # The marks held anywhere in the text, found once (see _held).
        self.held: list[_Held] | None = None
        # The leading marks of body units, which no unit's inner marks include.
        self.lead_marks: frozenset[int] = frozenset()
        self.held_starts: list[int] = []
        # The subject portion's span, once read (see _drop_header_marks).
        self.subject_span: tuple[int, int] | None = None

    # -- driver ---------------------------------------------------------------------

    def run(self) -> Document:
        text = self.text
        starts = self._paragraph_starts()
        # The header ends at the first numbered paragraph, or else at the first marked
        # unit: a lettered REF item (`¶B. BAGHDAD 03307`) does not end it.
        marked = [st.pos for st in starts if st.marking is not None or st.entire]
        header_end = marked[0] if marked else len(text)
        for st in starts:
            if st.number:
                header_end = st.pos
                break
        self.lead_marks = frozenset(
            st.mark_start
            for st in starts
            if st.pos >= header_end and st.raw is not None and not _SINGLE.fullmatch(st.raw)
        )
        self._scan_header(header_end)
        banner, banner_end, post, serial, yy = self._banner(header_end)
        banner = self._transmission(banner, banner_end)
        layout = self._layout(post, serial)
        origin, dtg_yy = self._dtg(header_end)
        declass, decl_span = self._declassification(starts, header_end, origin)
        banner = self._captions(banner, banner_end, header_end, decl_span)
        if decl_span is not None:
            self._claim(decl_span[0], decl_span[1], PartKind.DECLASSIFICATION)
            self._field("declassification", *decl_span, *decl_span)
        tags = self._tags(header_end, layout)
        subject = self._subject(header_end, layout, starts)
        self._references(header_end)
        body_end, banner = self._bottom_banner(starts, banner)
        declass, decl_span = self._later_in_body(declass, decl_span, header_end, body_end, origin)
        classified_by, body_end, trailer = self._authority(starts, header_end, body_end, origin)
        if trailer is not None and (
            declass.kind is DeclassKind.MISSING or _strictness(trailer[0]) > _strictness(declass)
        ):
            # A memo's own authority block governs when the header says nothing, and
            # whenever it is stricter (what the parser finds only raises protection).
            declass, decl_span = trailer
        if classified_by is not None:
            self._claim(classified_by.start, classified_by.end, PartKind.CLASSIFIED_BY)
        starts = self._drop_header_marks(starts, header_end)
        reasons: tuple[str, ...] = ()
        if classified_by is not None:
            reasons = classified_by.reasons or self._block_reasons(classified_by.end)
        self._routing(banner_end)
        signature_start = self._signature(starts, body_end, classified_by)
        if signature_start is not None:
            body_end = signature_start
        portions, entire = self._portions(starts, body_end, layout, subject, banner)
        if subject is not None:
            portions.insert(0, subject)
        if entire is not None and banner is None:
            banner = entire
        for start, end in layout:
            self._claim(start, end, PartKind.LAYOUT)
        year = yy if yy is not None else dtg_yy
        reference_id = f"{year}{post}{int(serial)}" if post and serial and year else None
        self.fields.sort(key=_FIELD_START)  # stable: fields at one offset keep their order
        return build_document(
            text,
            self.source,
            tuple([build_part(kind, start, end) for start, end, kind in self.claims]),
            tuple(portions),
            tuple(self.fields),
            banner,
            declass,
            decl_span,
            classified_by,
            reasons,
            tags,
            reference_id,
            origin,
            entire,
            tuple(self.warnings),
            self._raised(header_end, body_end, portions),
        )

    # -- helpers ---------------------------------------------------------------------

    def _hint(self, needles: tuple[str, ...], end: int) -> int | None:
        """The first offset before ``end`` where one of ``needles`` (upper case) occurs.

        Label regexes are case-insensitive, which stops Python's re from skipping ahead
        on a literal prefix; finding a hint first in an upper-cased copy of the header
        and starting the regex there is several times faster on a 1 KB header.
        """
        if self.upper is None or len(self.upper) < end:
            upper = self.text[:end].upper()
            # upper() may change the length ("ß" -> "SS"): then offsets would not map.
            self.upper = upper if len(upper) == end else ""
        upper = self.upper
        if not upper:
            return 0
        best = -1
        for needle in needles:
            # Once one needle is found, the others need only be looked for before it.
            i = upper.find(needle, 0, end if best < 0 else min(end, best - 1 + len(needle)))
            if i >= 0:
                best = i
        return best if best >= 0 else None

    def _tokens(self) -> list[_Held]:
        """The marks held anywhere in the text (:func:`held_tokens`), found once."""
        if self.held is None:
            self.held = held_tokens(self.text, skip=self.lead_marks)
            self.held_starts = [h[0] for h in self.held]
        return self.held

    def _held(self, start: int, end: int) -> Marking | None:
        """:func:`held_marking` of ``text[start:end]``, from the one pass over the text."""
        tokens = self._tokens()
        if not tokens:
            return None
        i = bisect.bisect_left(self.held_starts, start)
        held = []
        while i < len(tokens) and tokens[i][0] < end:
            if tokens[i][1] <= end:
                held.append(tokens[i])
            i += 1
        return _roll(held)

    def _claim(self, start: int, end: int, kind: PartKind) -> None:
        if end > start:
            self.claims.append((start, end, kind))

    def _field(
        self,
        name: str,
        start: int,
        end: int,
        vstart: int,
        vend: int,
        *,
        layout: tuple[tuple[int, int], ...] = (),
    ) -> None:
        # The clean reading (model.read_value). Most values are one line without a run of
        # blanks, already clean: the tests for that are cheaper than collapsing them.
        value = self.text[vstart:vend]
        if layout:
            value = read_value(self.text, vstart, vend, layout)
        elif (
            "\n" in value
            or "  " in value
            or "\t" in value
            or not value.isascii()
            or value[-1:] == " "
            or value[:1] == " "
        ):
            value = " ".join(value.split())
        self.fields.append(build_field(name, value, start, end, vstart, vend, layout))

    def _line_end(self, pos: int) -> int:
        """Offset of the end of the line holding ``pos`` (before ``\\r\\n`` or ``\\n``)."""
        text = self.text
        end = text.find("\n", pos)
        return _rstrip_at(text, pos, len(text) if end < 0 else end)

    # -- paragraph starts ------------------------------------------------------------

    def _paragraph_starts(self) -> list[_Start]:
        """Where portions begin, in text order: numbered paragraphs, marked bullets and
        sub-paragraphs, and bare marks at a line start."""
        shifted = self.shifted
        found: dict[int, _Start] = {}
        # Offsets (in shifted) of the "(" of the marks found at line starts: the reflowed
        # pass below need not look at them again.
        marks: set[int] = set()
        previous = None  # the letter of the last single-letter label, for `(c)` after `(b)`
        for m in _LINE_START.finditer(shifted):
            # The optional pilcrow lead directly follows the indent (the look-ahead between
            # them is empty), so the portion starts where the indent ends either way.
            pos = m.end("indent") - 1
            start = _start(m, pos, previous)
            if start is not None:
                found[pos] = start
                marks.add(start.mark_start + 1)
                previous = start.letter
        # Pilcrows in mid-line (reflowed bodies); those at a line start are found above.
        i = shifted.find("¶")
        while i >= 0:
            if i - 1 not in found:
                mid = _PILCROW.match(shifted, i)
                if mid is not None and mid.group("num") is not None:
                    start = _start(mid, i - 1)
                    if start is not None:
                        found[i - 1] = start
            i = shifted.find("¶", i + 1)
        # Reflowed starts without pilcrow ("... vocal. 9. ( C) With", '... said." 3. (S)')
        # are found from their mark's "(", which is rarer than the sentence end before it.
        # _SENTENCE_BEFORE_MARK needs "." or "," (then blanks) right before the "(": that
        # cheap test spares the regex most parentheses of the prose.
        i = shifted.find("(")
        while i >= 0:
            if i not in marks and shifted[max(0, i - 12) : i].rstrip(" \t")[-1:] in (".", ","):
                before = _SENTENCE_BEFORE_MARK.search(shifted, max(0, i - 12), i)
                end = None if before is None else _SENTENCE_END.match(shifted, before.start())
                if end is not None and end.group("mark") is not None:
                    pos = end.start("num") - 1
                    start = _start(end, pos)
                    if start is not None and start.marking is not None:
                        found.setdefault(pos, start)
            i = shifted.find("(", i + 1)
        out: list[_Start] = []
        reach = -1
        for pos in sorted(found):
            start = found[pos]
            if pos < reach:
                continue  # inside the mark of the start before: `(¶1. ¶1.` is one token
            out.append(start)
            if start.raw is not None and start.mark_start >= 0:
                reach = start.mark_start + len(start.raw)
        return out

    def _drop_header_marks(self, starts: list[_Start], header_end: int) -> list[_Start]:
        """Drop the starts that stand inside a header field and carry no mark.

        A REF item ``A. STATE 1234`` and the ``E. O.`` of a glued pilcrow look like
        sub-paragraph labels; inside their field they are not units. A start *with* a mark
        is kept wherever it stands (issue 13, point 5): a REF item or a subject line with
        a mark of its own is a unit with that mark, cut out of the field. Only inside the
        Classified By statement is a single letter ``(c), and (d).`` a reason, never a mark
        (CABLES.md §b.3).
        """
        fields = [(f.start, f.end) for f in self.fields if f.name in _HEADER_FIELDS]
        # A mark inside the subject field (on its next line, after RE:) is the subject's
        # own: its roll-up governs the subject (Portion.inner), no unit is cut out of it.
        subject = [self.subject_span] if self.subject_span is not None else []
        authority = [(s, e) for s, e, k in self.claims if k is PartKind.CLASSIFIED_BY]
        fields.extend(authority)
        # From the start of the claim's line: `¶E. O. 11652: GDS` (the pilcrow is
        # glued to the E.O. line, CABLES.md §b.5) is no sub-paragraph E.
        text = self.text
        fields.extend(
            (text.rfind("\n", 0, s) + 1, e) for s, e, k in self.claims if k in _HEADER_CLAIMS
        )
        if not fields:
            return starts
        last = max(e for _, e in fields)
        kept = []
        for start in starts:
            if start.pos >= last:
                kept.append(start)  # after every header field: the body (most starts)
                continue
            inside = any(s <= start.pos < e for s, e in fields)
            numbered = start.number is not None and start.pos >= header_end
            reason = (
                start.raw is not None
                and _SINGLE.fullmatch(start.raw.strip()) is not None
                and any(s <= start.pos < e for s, e in authority)
            )
            in_subject = any(s <= start.pos < e for s, e in subject)
            if (
                not inside
                or numbered
                or (start.marking is not None and not reason and not in_subject)
            ):
                kept.append(start)
        return kept

    # -- header ----------------------------------------------------------------------

    def _banner(
        self, header_end: int
    ) -> tuple[Marking | None, int, str | None, str | None, str | None]:
        """The banner marking, the end of its line, and the post/serial/year it names."""
        text = self.text
        # Start the (costly, unanchored) banner search on the line of the first hint.
        hint = self._hint(_BANNER_HINTS, header_end)
        m = None
        if hint is not None:
            m = _BANNER.search(text, text.rfind("\n", 0, hint) + 1, header_end)
        if m is not None:
            line_start = text.rfind("\n", 0, m.start()) + 1
            # Only the classification part goes to parse_banner: it repeats from cable to
            # cable (so the reader's cache hits) while the post and serial do not.
            marking = parse_banner(m.group("head"))
            disguised = False
            if m.start() > line_start and not text[line_start : m.start()].isascii():
                # "ТOP SECRET" with a Cyrillic Т must not read as the SECRET after it: a
                # line that is a banner only through look-alikes is unknown.
                whole = parse_banner(text[line_start : self._line_end(m.end())])
                if whole is not None and not whole.known:
                    marking, disguised = whole, True
            if marking is not None and (marking.known or disguised):
                end = self._line_end(m.end())
                rest = text[m.end() : end].strip()
                caption = parse_caption(rest.upper()) if rest and marking.known else None
                if caption is not None:  # "... BOGOTA 000243 SIPDIS NOFORN" (10BOGOTA243)
                    marking = marking.with_caption(caption)
                # A banner glued to a routing line (CABLES.md §b.1) is claimed from the
                # classification word on; the routing part keeps what precedes it.
                start = m.start() if text[line_start : m.start()].strip() else line_start
                if m.start() > line_start and text[m.start() - 1].isalpha():
                    # "SS E C R E T", "CSE C R E T", or glued to a routing line: the
                    # letters before the word are not part of it (CABLES.md §b.1).
                    self.warnings.append("garbled_banner")
                self._claim(start, end, PartKind.BANNER)
                self._field("banner", start, end, m.start(), end)
                post = _POST_PUNCT.sub("", m.group("post")).upper()
                return marking, end, post, m.group("serial"), m.group("yy")
        bare = _BARE_BANNER.search(self.shifted, 0, header_end + 1)
        if bare is not None:
            start, end = bare.start("b") - 1, bare.end("b") - 1
            marking = parse_banner(bare.group("b"))
            if marking is not None:
                self._claim(start, end, PartKind.BANNER)
                self._field("banner", start, end, start, end)
                return marking, end, None, None, None
        self.warnings.append("no_banner")
        return None, 0, None, None, None

    def _captions(
        self,
        banner: Marking | None,
        banner_end: int,
        header_end: int,
        decl_span: tuple[int, int] | None,
    ) -> Marking | None:
        """Read the handling lines between the banner and the first labelled header field,
        and fold the restrictive ones into the document's marking.

        A NOFORN / SENSITIVE / EXDIS line right after the banner restricts the whole
        cable (MARKINGS.md §1.2; 5 FAH-2 H-222). Distribution lines (``SIPDIS``,
        ``DEPT FOR NEA/MAG``, ``PARIS FOR ZEYA``) are captions too; anything else there
        (a memo's letterhead) is left as text.
        """
        if banner is None:
            return None
        text = self.text
        lines = self.lines
        stop = -1
        for name in ("tags", "subj", "ref", "label"):
            # Each list is in text order: its first entry after the banner is the one.
            for pos in lines.get(name, ()):
                if pos >= banner_end:
                    if stop < 0 or pos < stop:
                        stop = pos
                    break
        if decl_span is not None and decl_span[0] >= banner_end:
            pos = text.rfind("\n", 0, decl_span[0]) + 1
            if stop < 0 or pos < stop:
                stop = pos
        if stop < 0:
            stop = header_end
        pos = banner_end
        while pos < stop:
            nl = text.find("\n", pos, stop)
            line_end = stop if nl < 0 else nl
            right = text[pos:line_end].rstrip(_TRAILING)
            value = right.lstrip()
            start = pos + len(right) - len(value)
            end = pos + len(right)
            pos = line_end + 1
            if not value:
                continue
            line = value.upper()
            caption = parse_caption(line)
            if caption is not None:
                # A caption that adds neither controls nor a REL TO list ("SIPDIS") leaves
                # a marking read by parse_banner or roll_up as it is (their results are
                # fixed points of with_caption); an unknown-level banner is folded anyway.
                if caption.controls or caption.rel_to or banner.level is None:
                    banner = banner.with_caption(caption)
            elif _BARE_BANNER_WORD.match(line):
                # "SECRET NOFORN" as a caption line (06CARACAS219) restates the marking.
                restated = parse_banner(line)
                if restated is not None and restated.known:
                    banner = dataclasses.replace(roll_up([banner, restated]), raw=banner.raw)
            elif not _distribution(line):
                continue
            self.claims.append((start, end, PartKind.CAPTION))
            self._field("caption", start, end, start, end)
        return banner

    def _scan_header(self, header_end: int) -> None:
        """Find every labelled line start of the header in one pass (offsets in text)."""
        lines = self.lines
        for m in _HEADER_LINE.finditer(self.shifted, 0, header_end + 1):
            name = m.lastgroup
            if name is not None:
                lines.setdefault(name, []).append(m.end("indent") - 1)

    def _transmission(self, banner: Marking | None, banner_end: int) -> Marking | None:
        """Cross-check the banner with the transmission line ``ZNY CCCCC ZZH``.

        The ACP-127 security line repeats the classification letter five times
        (MARKINGS.md §1.2). When it says more than the banner, the banner is raised to
        it and the disagreement reported: fail closed, never the other way round.
        """
        pos = self._first_line("zny")
        m = None if pos is None or pos >= banner_end else _ZNY.match(self.text, pos)
        if m is None:
            return banner
        letters = m.group("letters").upper()
        self._field("transmission", m.start(), m.end(), m.start("letters"), m.end())
        level = _TRANSMISSION_LEVELS.get(letters)
        if banner is None or banner.level is None or level is None or level <= banner.level:
            return banner
        self.warnings.append("transmission_level_above_banner")
        raised = roll_up([banner, Marking(level=level, raw=letters)])
        return dataclasses.replace(raised, raw=banner.raw)

    def _first_line(self, name: str) -> int | None:
        """Offset of the first header line labelled ``name`` by :meth:`_scan_header`."""
        found = self.lines.get(name)
        return found[0] if found else None

    def _dtg(self, header_end: int) -> tuple[datetime.date | None, str | None]:
        """The date-time group (date of origin, needed for two-digit DECL years)."""
        m = None
        for pos in self.lines.get("dtg", ()):
            m = _DTG_AT.match(self.text, pos, header_end)
            if m is not None:
                break
        if m is None:
            return self._date_line(header_end), None
        start = m.start("dd")
        end = m.end()
        self._field("date_time_group", start, end, start, end)
        yy = m.group("yy")
        year = int(yy) if len(yy) == 4 else (2000 + int(yy) if int(yy) < 50 else 1900 + int(yy))
        try:
            origin = datetime.date(year, _MONTHS[m.group("mon").upper()], int(m.group("dd")))
        except ValueError:
            self.warnings.append("invalid_date_time_group")
            return None, yy[-2:]
        return origin, yy[-2:]

    def _date_line(self, header_end: int) -> datetime.date | None:
        """A memo's, e-mail's or report's own date line, for a document without a DTG:
        ``DATE: March 3, 2009``, or a header line that is a date alone (issue 13, point 11:
        DECL dates are compared with the document's date of origin, never the as-of
        date). Only a four-digit year is read: a date line must not be guessed."""
        m = _DATE_LINE.search(self.shifted, 0, header_end + 1)
        if m is None:
            return None
        words = m.group("v").replace(",", " ").replace(".", " ").split()
        try:
            if words[0].isdigit() and len(words) == 3:  # "3 March 2009"
                day, month, year = int(words[0]), _MONTHS[words[1][:3].upper()], int(words[2])
            elif len(words) == 3:  # "March 3, 2009"
                month, day, year = _MONTHS[words[0][:3].upper()], int(words[1]), int(words[2])
            else:  # "2009-03-03"
                year, month, day = (int(x) for x in m.group("v").split("-"))
            origin = datetime.date(year, month, day)
        except (KeyError, ValueError):
            self.warnings.append("invalid_date_line")
            return None
        start, end = m.start("v") - 1, m.end("v") - 1
        self._field("date", start, end, start, end)
        return origin

    def _tags(self, header_end: int, layout: list[tuple[int, int]]) -> tuple[str, ...]:
        text = self.text
        line = self._first_line("tags")
        hint = self._hint(("TAG", "TAS", "TABS", "TGS"), header_end if line is None else line + 4)
        # A label glued to the DECL value before any TAGS line (CABLES.md §b.2) is found
        # by the hint; otherwise the first TAGS line start.
        m = None if hint is None else _TAGS.search(text, hint, header_end)
        if m is None:
            return ()
        # The TAGS label must start its line or follow the DECL value (CABLES.md §b.2).
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        if before.strip() and "12958" not in before and "DECL" not in before.upper():
            return ()
        vstart = m.start("v")
        cut = _subject_cut(text, vstart, m.end("v"))
        if cut is not None:
            vend = cut
        else:
            value = m.group("v")
            lower = value.islower()
            blanks = not lower and "," not in value and ";" not in value
            vend = self._tag_lines(m.end("v"), header_end, layout, lower=lower, blanks=blanks)
        vend = _rstrip_at(text, vstart, vend)
        spans = self._value_layout(vstart, vend, layout)
        self._claim(m.start(), vend, PartKind.TAGS)
        self._field("tags", m.start(), vend, vstart, vend, layout=spans)
        raw = self.fields[-1].value
        if "[" in raw:
            raw = _TAG_LINK.sub(r"\1", raw)
        return _tag_list(raw.upper())

    def _tag_lines(
        self,
        pos: int,
        header_end: int,
        layout: list[tuple[int, int]],
        *,
        lower: bool,
        blanks: bool = False,
    ) -> int:
        """Where a TAGS value that ends its first line at ``pos`` ends, with the lines it
        wraps onto (``...SA⏎QA, AE``, 09ABUDHABI744).

        A page header, its footer or a section marker between two lines of tags is
        passed over (it is layout inside the value); a blank line, a label, or a line that
        is not a list of tags (``_TAG_LINE_UPPER``) ends the value. What ends it is never
        claimed as tags: TAGS are released, text is governed by ``unmarked``.
        """
        text = self.text
        shape = _TAG_LINE_LOWER if lower else _TAG_LINE_UPPER
        end = pos
        taken = 0
        while taken < _TAG_CONTINUATION_LINES:
            nl = text.find("\n", pos, header_end)
            if nl < 0 or text.startswith(_TAGS_END, nl + 1):
                break  # the common case: SUBJECT or a blank line right under the tags
            lead, stop, skipped = self._next_content(nl + 1, header_end, layout)
            if lead >= stop:
                if skipped:
                    pos = stop  # a line that is layout only: read the next one
                    continue
                break  # a blank line, or the end of the header
            cut = _subject_cut(text, lead, stop)
            if cut == lead:
                break  # the SUBJECT line: the common case
            words = _rstrip_at(text, lead, stop if cut is None else cut)
            line = text[lead:words]
            if line == "SIPDIS":
                pos = stop  # the handling word on a line of its own: no tag, no end
                continue
            if shape.fullmatch(line) is None and not (blanks and _TAG_LINE_BLANKS.fullmatch(line)):
                if _section_banner(text, lead, stop):
                    pos = stop  # `SECRET SECTION 02 OF 03 KABUL 001234`: layout
                    continue
                break
            if parse_caption(line.upper()) is not None or _BARE_BANNER_WORD.match(line):
                break  # `NOFORN` under the TAGS line (08MADRID308): a caption, no tag
            end = words
            taken += 1
            if cut is not None:
                break  # `..., UK SUBJECT: ...` (09LONDON2499): the subject follows
            pos = stop
        return end

    def _next_content(
        self, start: int, limit: int, layout: list[tuple[int, int]]
    ) -> tuple[int, int, bool]:
        """The line that starts at ``start`` as ``(lead, stop, skipped)``: its first
        non-blank offset past any layout that starts it (a page footer and header, with
        the text after the header on its line, 00HARARE6677), the end of that line (before
        blanks, a ``\\`` and the line break), and whether layout was passed over.
        ``lead == stop`` for a blank line or a line that holds layout only."""
        text = self.text
        skipped = False
        pos = start
        while True:
            nl = text.find("\n", pos, limit)
            stop = _rstrip_at(text, pos, limit if nl < 0 else nl)
            lead = pos
            while lead < stop and text[lead] in " \t":
                lead += 1
            if lead >= stop:
                return stop, stop, skipped
            span = next((e for s, e in layout if s <= lead < e), None)
            if span is None:
                break
            skipped = True
            pos = span  # on the same line, or on the line where the layout ends
        return lead, stop, skipped

    def _value_layout(
        self, start: int, end: int, layout: list[tuple[int, int]]
    ) -> tuple[tuple[int, int], ...]:
        """The layout inside a value ``text[start:end]``: page headers (with a page footer
        on the same line before one, `SECRET PAGE 02 ROME 03067 211833Z`), section
        markers, a section's repeated banner line, and the teletype ``\\`` at line ends."""
        text = self.text
        spans: list[tuple[int, int]] = []
        if not layout and "\\" not in text[start:end] and "ECTION" not in text[start:end]:
            return ()  # the common case
        for s, e in layout:
            if s < end and e > start:
                lo = max(s, start)
                footer = _FOOTER_BEFORE.search(text, max(start, lo - 40), lo)
                spans.append((footer.start() if footer else lo, min(e, end)))
        value = text[start:end]
        if "\\" in value or "ECTION" in value:
            pos = start
            while pos < end:
                nl = text.find("\n", pos, end)
                line_end = end if nl < 0 else nl
                right = len(text[pos:line_end].rstrip(" \t\r"))
                if right and text[pos + right - 1] == "\\":
                    spans.append((pos + right - 1, pos + right))
                lead = pos + len(text[pos:line_end]) - len(text[pos:line_end].lstrip())
                stop = _rstrip_at(text, lead, line_end)
                if lead < stop and _section_banner(text, lead, stop):
                    spans.append((lead, stop))
                pos = line_end + 1
        if len(spans) > 1:
            spans.sort()
        return tuple(spans)

    def _subject(
        self, header_end: int, layout: list[tuple[int, int]], starts: list[_Start]
    ) -> Portion | None:
        text = self.text
        line = self._first_line("subj")
        hint = self._hint(("SUBJ", "UBJECT"), header_end if line is None else line + 4)
        m = None if hint is None else _SUBJECT.search(text, hint, header_end)
        if m is not None:
            label_start, value_start = m.start(), m.end()
        else:
            found = self._unlabelled_subject(header_end)
            if found is None:
                return None
            label_start, value_start = found
        value_start = self._subject_block(value_start, header_end, starts)
        marked = _SUBJECT_MARK.match(text, value_start, header_end) is not None
        stops = _MARKED_SUBJECT_STOP if marked else _SUBJECT_STOP
        stop = stops.search(text, value_start, header_end)
        end = stop.start() if stop else header_end
        # The subject never runs over another header element (the banner under a
        # subject written above it, 09ISLAMABAD3037), nor over a line that starts a unit
        # with an unreadable mark: a known mark there rolls into the subject (below), an
        # unknown one would be lost inside it (fail closed: it stays a unit of its own).
        line_end = text.find("\n", value_start, end)
        if line_end >= 0:
            for s, _, _ in self.claims:
                if value_start < s < end:
                    end = s
            i = bisect.bisect_right(starts, line_end, key=_START_POS)
            while i < len(starts) and starts[i].pos < end:
                marking = starts[i].marking
                if marking is not None and not marking.known:
                    end = starts[i].pos
                    break
                i += 1
        end = _rstrip_at(text, value_start, end)
        marking = None
        mark_start = mark_end = None
        mm = _SUBJECT_MARK.match(text, value_start, end)
        if mm is not None:
            marking = _position_mark(mm.group(), after_number=False)
            if marking is not None:
                mark_start, mark_end = value_start, mm.end()
        # A mark after `RE:`, before the colon or at the end of the line governs the
        # subject too (issue 13, point 5); trailing blanks belong to it (point 9).
        inner = self._held(value_start if mark_end is None else mark_end, end)
        spans = self._value_layout(value_start, end, layout)
        vend = self._subject_value_end(value_start if mark_end is None else mark_end, end, spans)
        own = tuple((s, e) for s, e in spans if e <= vend) if spans else spans
        self._field("subject", label_start, vend, value_start, vend, layout=own)
        end = _with_trailing_blanks(text, end)
        self.subject_span = (label_start, end)
        return build_portion(
            PortionKind.SUBJECT,
            None,
            marking,
            label_start,
            end,
            mark_start,
            mark_end,
            spans,
            inner,
            False,
        )

    def _unlabelled_subject(self, header_end: int) -> tuple[int, int] | None:
        """``SUBJECT`` without its colon (``SUBJECT SAG AGREES TO ...``): only at a line
        start right under a TAGS, DECL, caption or banner line (blank lines between), so
        that the word starting a line of prose (``Subject to the approval ...``) is none."""
        text = self.text
        m = _UNLABELLED_SUBJECT.search(self.shifted, 0, header_end + 1)
        while m is not None:
            label = m.start("label") - 1
            above = _back_over_blanks(text, text.rfind("\n", 0, label) + 1)
            if any(s < above <= e and k in _HEADER_CLAIMS for s, e, k in self.claims):
                return label, m.end() - 1
            m = _UNLABELLED_SUBJECT.search(self.shifted, m.end(), header_end + 1)
        return None

    def _subject_block(self, value_start: int, header_end: int, starts: list[_Start]) -> int:
        """Where the subject's value starts: after the label, or, when nothing follows the
        label on its line, at the first line of the block after the blank line
        (``SUBJECT:⏎⏎FOO BAR``) if that block is a short one that starts no unit, label
        or paragraph (a body paragraph is never taken for the subject)."""
        text = self.text
        nl = text.find("\n", value_start, header_end)
        if nl < 0 or text[value_start:nl].strip(" \t\r\\"):
            return value_start
        pos = nl + 1
        blank = False
        while pos < header_end:
            nxt = text.find("\n", pos, header_end)
            line_end = header_end if nxt < 0 else nxt
            if text[pos:line_end].strip(" \t\r\\"):
                break
            blank = True
            pos = line_end + 1
        if not blank or pos >= header_end:
            return value_start
        lead = pos + len(text[pos:header_end]) - len(text[pos:header_end].lstrip(" \t"))
        stop = _SUBJECT_STOP.search(text, lead, header_end)
        block_end = stop.start() if stop else header_end
        if (
            stop is None
            or stop.start() == lead
            or text.count("\n", lead, block_end) >= _SUBJECT_BLOCK_LINES
            or any(lead <= st.pos < block_end for st in starts)
            or any(s <= lead < e for s, e, _ in self.claims)
            or _SUBJECT_STOP.match(text, pos - 1) is not None
        ):
            return value_start
        return lead

    def _subject_value_end(self, start: int, end: int, spans: tuple[tuple[int, int], ...]) -> int:
        """Where the subject's value ends: before a REF list on its line or glued to it
        (that list is a ``reference`` field, inside the subject portion) and before the
        layout after its last words (``USNATO 00000453 001.2 OF 005``)."""
        text = self.text
        # Every label _SUBJECT_REF reads starts with "REF" in some case: found as a
        # literal, then matched there (a search would try the lookbehinds everywhere).
        upper = text[start:end].upper()
        ref = None
        i = upper.find("REF")
        while i >= 0 and ref is None:
            ref = _SUBJECT_REF.match(text, start + i, end)
            i = upper.find("REF", i + 3)
        if ref is not None:
            inside = tuple((s, e) for s, e in spans if s >= ref.start())
            self._field("reference", ref.start(), end, ref.start(), end, layout=inside)
            end = ref.start()
        if spans:
            for s, e in reversed(spans):
                if s >= end:
                    continue
                if e < _rstrip_at(text, start, end):
                    break
                end = s
        return _rstrip_at(text, start, end)

    def _references(self, header_end: int) -> None:
        text = self.text
        for start in self.lines.get("ref", ()):
            stop = _BLANK_LINE.search(text, start, header_end)
            end = _rstrip_at(text, start, stop.start() if stop else header_end)
            self._claim(start, end, PartKind.REFERENCE)
            self._field("reference", start, end, start, end)

    def _later_in_body(
        self,
        declass: Declassification,
        span: tuple[int, int] | None,
        header_end: int,
        body_end: int,
        origin: datetime.date | None,
    ) -> tuple[Declassification, tuple[int, int] | None]:
        """A DECL line in the body (a forwarded message's) that is stricter than the
        header's governs: it can only raise protection (issue 13, point 11). An earlier
        one, or one quoted to mislead, changes nothing."""
        text = self.text
        if not any(text.find(hint, header_end, body_end) >= 0 for hint in _DECL_HINTS):
            return declass, span
        body = text[header_end:body_end]
        pos = 0
        while pos < len(body):
            found, at = find_declassification(body[pos:], origin=origin)
            if at is None:
                break
            if found.kind is not DeclassKind.MISSING and _strictness(found) > _strictness(declass):
                self.warnings.append("later_declassification_in_body")
                declass = found
            pos += at[1]
        return declass, span

    def _raised(self, header_end: int, body_end: int, portions: list[Portion]) -> Marking | None:
        """Marks outside every portion, and banner lines in the body (a repeated banner, a
        forwarded message's own, a heading `ANNEX A (SECRET//NOFORN)`): they may raise
        the document's marking, never lower it (issue 13, point 11)."""
        text = self.text
        found: list[Marking] = []
        held = self._tokens()
        if held:
            # The held marks outside every portion: one walk over both, in text order.
            spans = sorted((p.start, p.end) for p in portions)
            j = 0
            for s, e, token in held:
                while j < len(spans) and spans[j][1] <= s:
                    j += 1
                if j == len(spans) or not (spans[j][0] <= s and e <= spans[j][1]):
                    found.append(token)
        for m in _BARE_BANNER.finditer(self.shifted, header_end + 1, body_end + 1):
            bare = parse_banner(m.group("b"))
            if bare is not None:
                found.append(bare)
        for hint in _BODY_BANNER_HINTS:
            # Only a banner that starts its line: find the hint (a literal, fast), then
            # match the banner pattern at the start of that line.
            i = text.find(hint, header_end, body_end)
            while i >= 0:
                line_start = text.rfind("\n", 0, i) + 1
                lead = line_start + len(text[line_start:i]) - len(text[line_start:i].lstrip())
                spaced = _BANNER.match(text, lead, body_end) if lead <= i else None
                if spaced is not None and (marking := parse_banner(spaced.group("head"))):
                    found.append(marking)
                i = text.find(hint, i + len(hint), body_end)
        if not found:
            return None
        if any(not m.known for m in found):
            self.warnings.append("unreadable_banner_in_body")
        return roll_up(found)

    def _authority(
        self,
        starts: list[_Start],
        header_end: int,
        body_end: int,
        origin: datetime.date | None,
    ) -> tuple[ClassifiedBy | None, int, tuple[Declassification, tuple[int, int]] | None]:
        """The Classified By statement, where the body ends, and a trailing block's
        ``Declassify On:`` instruction: from the header, paragraph 1's opening, or an
        ISOO authority block after the text, never from inside a unit (point 6)."""
        text = self.text
        classified_by = find_classified_by(text, 0, self._authority_end(starts, header_end))
        if classified_by is not None and self._quoted(classified_by.start, starts, header_end):
            # A Classified By line inside a unit is text of that unit, not a fact of the
            # document (issue 13, point 6): it sets no reasons and names no classifier.
            self.warnings.append("classified_by_inside_portion")
            classified_by = None
        if starts and (
            classified_by is None
            # on a line of its own after the last portion began: a trailing block
            or text.rfind("\n", 0, classified_by.start) + 1 > starts[-1].pos
        ):
            # An ISOO memo puts its authority block after the text (32 CFR 2001.21(a)).
            classified_by = find_classified_by(text, starts[-1].pos, body_end)
            if classified_by is None or not self._trailing_block(classified_by.start, body_end):
                return None, body_end, None
            body_end, trailer = self._authority_block(classified_by.start, body_end, origin)
            return classified_by, body_end, trailer
        return classified_by, body_end, None

    def _authority_end(self, starts: list[_Start], header_end: int) -> int:
        """Where to stop looking for Classified By: the header, or paragraph 1 when the
        statement is itself paragraph 1 (``¶1. (U) Classified by ...``)."""
        for i, st in enumerate(starts):
            if st.pos >= header_end:
                return starts[i + 1].pos if i + 1 < len(starts) else len(self.text)
        return min(len(self.text), header_end + 2000)

    def _quoted(self, pos: int, starts: list[_Start], header_end: int) -> bool:
        """Whether a statement at ``pos`` stands inside a unit rather than in the header.

        In paragraph 1 it counts only when it opens the paragraph (``¶1. (U) Classified
        by ...``, 5 corpus cables); anywhere else after a unit's first line it is quoted.
        """
        text = self.text
        for i, st in enumerate(starts):
            if st.pos > pos:
                break
            if st.pos < header_end and st.marking is None:
                continue  # an unmarked label in the header: a REF item, no unit that quotes
            nxt = starts[i + 1].pos if i + 1 < len(starts) else len(text)
            if pos >= _block_end(text, st.pos, nxt, []):
                continue
            if st.raw is not None and st.mark_start >= 0:
                return bool(text[st.mark_start + len(st.raw) : pos].strip(" \t.:"))
            return _LABEL_ONLY.fullmatch(text[st.pos : pos]) is None
        return False

    def _trailing_block(self, start: int, body_end: int) -> bool:
        """Whether an authority statement at ``start`` opens a block of its own after the
        text: a blank line above it, then only authority lines and their continuations
        (32 CFR 2001.21(a)). A ``Classified By:`` quoted in the last paragraph is not."""
        text = self.text
        line = text.rfind("\n", 0, start) + 1
        if text[line:start].strip() or not _BLANK_BEFORE.search(text, 0, line):
            return False
        rest = text[line:body_end].splitlines()
        return len(rest) <= 12 and all(
            not row.strip() or _AUTHORITY_LINE.match(row) or len(row) <= 40 for row in rest
        )

    def _declassification(
        self, starts: list[_Start], header_end: int, origin: datetime.date | None
    ) -> tuple[Declassification, tuple[int, int] | None]:
        """The declassification instruction of the header (issue 13, point 6).

        Only a statement in the header counts: one inside a unit (a DECL line quoted in a
        paragraph) is that unit's text. With two statements, the stricter governs (the
        later date; an instruction that is no date is stricter than any date), with a
        warning: what the parser finds may raise protection, never lower it.
        """
        text = self.text
        found: list[tuple[Declassification, tuple[int, int]]] = []
        pos = 0
        while pos < header_end and (
            pos == 0 or any(text.find(hint, pos, header_end) >= 0 for hint in _DECL_HINTS)
        ):
            declass, span = find_declassification(text[pos:header_end], origin=origin)
            if span is None:
                break
            span = (pos + span[0], pos + span[1])
            if not self._quoted(span[0], starts, header_end):
                found.append((declass, span))
            pos = span[1]
        if not found:
            return find_declassification("", origin=origin)
        if len(found) > 1:
            self.warnings.append("several_declassification_lines")
        return max(found, key=lambda item: _strictness(item[0]))

    def _block_reasons(self, after: int) -> tuple[str, ...]:
        """The ``Reason:`` line of an ISOO authority block (32 CFR 2001.21(a)(3)), which
        stands on its own line within the few lines after ``Classified By:``."""
        m = _REASON_LINE.search(self.text, after, after + 400)
        if m is None:
            return ()
        reasons, _ = parse_reasons(m.group("v"))
        return reasons

    def _routing(self, banner_end: int) -> None:
        """The transmission header: everything before the banner, split into fields."""
        text = self.text
        banner_start = next((s for s, _, k in self.claims if k is PartKind.BANNER), None)
        if banner_start is None:
            return
        # Offsets in self.shifted are one more than in the text: the match of "\nFM ..."
        # starts, in text offsets, at the F.
        fm = self._first_line("fm")
        if fm is not None and fm < banner_start:
            m = _FM.match(self.shifted, fm, banner_start + 1)
            if m is not None:
                self._field("from", m.start(), m.end() - 1, m.start("v") - 1, m.end("v") - 1)
        for pos in sorted(self.lines.get("to", []) + self.lines.get("info", [])):
            m = _TO_INFO.match(self.shifted, pos, banner_start + 1) if pos < banner_start else None
            if m is not None:
                vend = _rstrip_at(text, m.start("v") - 1, m.end("v") - 1)
                self._field(m.group("name").lower(), m.start(), vend, m.start("v") - 1, vend)
        # Routing is a closed grammar (issue 13, point 5): only the lines that read as a
        # transmission line are claimed; any other line before the banner is text, and
        # `unmarked` applies to it. Runs of routing lines are claimed whole.
        pos = 0
        run_start = run_end = -1
        while pos < banner_start:
            nl = text.find("\n", pos, banner_start)
            line_end = banner_start if nl < 0 else nl
            stop = _rstrip_at(text, pos, line_end)
            lead = pos + len(text[pos:stop]) - len(text[pos:stop].lstrip())
            if stop > lead:
                if _ROUTING_LINE.fullmatch(text, lead, stop) is not None:
                    if run_start < 0:
                        run_start = lead
                    run_end = stop
                else:
                    if run_start >= 0:
                        self._claim(run_start, run_end, PartKind.ROUTING)
                    run_start = -1
            pos = line_end + 1
        if run_start >= 0:
            self._claim(run_start, run_end, PartKind.ROUTING)

    # -- layout and signature --------------------------------------------------------

    def _layout(self, post: str | None, serial: str | None) -> list[tuple[int, int]]:
        """Page headers, section continuation markers and the extract notice."""
        text = self.text
        spans: list[tuple[int, int]] = []
        i = text.find(_EXTRACT_NOTICE)
        if i >= 0:
            spans.append((i, i + len(_EXTRACT_NOTICE)))
        # Both patterns start with a literal, found faster by str.find than by re's own
        # scan (a multi-character prefix is skipped to character by character); a match
        # tried at each hit gives what finditer would.
        for m in _matches(_PAGE, "PAGE", text):
            # The printed telegram's page footer (the classification word) directly above
            # the next page header belongs to the same layout run.
            footer = _PAGE_FOOTER.search(text, max(0, m.start() - 40), m.start())
            spans.append((footer.start() if footer else m.start(), m.end()))
        spans.extend(m.span() for m in _matches(_TELETYPE_RULE, "------", text))
        if post is not None and serial is not None:
            spans.extend(_section_markers(text, post, int(serial)))
        return sorted(spans)

    def _bottom_banner(
        self, starts: list[_Start], banner: Marking | None
    ) -> tuple[int, Marking | None]:
        """A CAPCO banner repeated as the last line (2001.21(b)(1): top and bottom): where
        the body ends, and the banner with it rolled in (point 6: the banner comes from the
        first and last banner lines; a higher last one raises it, with a warning)."""
        text = self.text
        end = _back_over_blanks(text, len(text))
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        lead = start + len(line) - len(line.lstrip())
        if not starts or start <= starts[-1].pos or _BANNER_LINE.fullmatch(line.strip()) is None:
            return len(text), banner
        marking = parse_banner(line.strip())
        if marking is None or not marking.known:
            return len(text), banner
        self._claim(lead, end, PartKind.BANNER)
        self._field("banner", lead, end, lead, end)
        if banner is None:
            return lead, marking
        if banner.known:
            rolled = roll_up([banner, marking])
            if rolled.banner_form() != banner.banner_form():
                self.warnings.append("bottom_banner_above_top")
                banner = dataclasses.replace(rolled, raw=banner.raw)
        return lead, banner

    def _authority_block(
        self, start: int, body_end: int, origin: datetime.date | None
    ) -> tuple[int, tuple[Declassification, tuple[int, int]] | None]:
        """Claim the ISOO block lines after the text; return where the body ends and the
        ``Declassify On:`` instruction read there, if any."""
        text = self.text
        trailer = None
        line_start = text.rfind("\n", 0, start) + 1
        block = text[line_start:body_end]
        for m in _AUTHORITY_LINE.finditer(block):
            s, e = line_start + m.start(), _back_over_blanks(text, line_start + m.end())
            if m.group("label").lower().startswith("declassify"):
                found, span = find_declassification(text[s:e], origin=origin)
                if span is not None:
                    trailer = (found, (s + span[0], s + span[1]))
                    self._claim(s, e, PartKind.DECLASSIFICATION)
                    self._field(
                        "declassification", s + span[0], s + span[1], s + span[0], s + span[1]
                    )
            else:
                self._claim(s, e, PartKind.CLASSIFIED_BY)
        return line_start, trailer

    def _signature(
        self, starts: list[_Start], limit: int, signer: ClassifiedBy | None
    ) -> int | None:
        """The signer's line: a short name on the last line, after the last unit.

        The sign-off is never the tail of a unit (issue 13, point 6): the last line counts
        only after a blank line, or, right under the text (`...said.⏎SECHE`, the seed
        cable), when it is the classifier's surname. A surname glued to the last sentence
        (`... End Comment. GFOELLER`) stays in its unit, withheld with it; it is still a
        ``signature`` field, so a policy that cuts the signer cuts it where it is released.
        """
        text = self.text
        end = _back_over_blanks(text, limit)
        start = text.rfind("\n", 0, end) + 1
        floor = starts[-1].pos if starts else 0
        if start <= floor:
            if starts:
                self._glued_signature(starts, end)
            return None
        line = text[start:end]
        m = _SIGNATURE.fullmatch(line.strip())
        if m is not None and ". " in line.strip():
            m = None  # "End Text. AGUIRRE" (07MADRID1722): the name glued to a sentence
        if m is None or len(line.strip()) > 40 or line.strip().endswith("."):
            if starts:
                self._glued_signature(starts, end)
                self._signature_above_trailer(start, floor)
            return None
        previous = text[text.rfind("\n", 0, max(0, start - 1)) + 1 : start]
        lead = start + len(line) - len(line.lstrip())
        prefix = _SIGNATURE_PREFIX.match(text, lead, end)
        if prefix is not None:
            lead = prefix.end()
        if previous.strip() and not _is_signer(line, signer):
            # Right under the text: the tail of the last unit, withheld with it; a field
            # all the same, so that a policy cutting the signer cuts it where released.
            self._field("signature", lead, end, lead, end)
            return None
        self._claim(lead, end, PartKind.SIGNATURE)
        self._field("signature", lead, end, lead, end)
        return lead

    def _signature_above_trailer(self, start: int, floor: int) -> None:
        """A sign-off on a line of its own above a trailer that is no name (`AGUIRRE⏎⏎EPET
        @ EL PAÍS`, 05MADRID4026): a field for the name cut, not a part; both lines stay
        text, governed by ``unmarked``."""
        text = self.text
        end = _back_over_blanks(text, start)
        if end >= start:
            return
        lead = text.rfind("\n", 0, end) + 1
        above = text[text.rfind("\n", 0, max(0, lead - 1)) + 1 : lead].strip()
        line = text[lead:end].strip()
        if lead <= floor or len(line) > 40 or line.endswith("."):
            return
        # Right under the text, only one name word after a finished sentence
        # ("... 1984.⏎TRIVELLI⏎⏎DANIEL ORTEGA AN...", "...this message.⏎Huntsman⏎huntsman").
        if above and not (_LONE_SIGNER.fullmatch(line) and above.endswith((".", '"', "”"))):
            return
        if _SIGNATURE.fullmatch(line) is None or line.split()[-1] in NOT_NAMES:
            return
        lead += len(text[lead:end]) - len(text[lead:end].lstrip())
        self._field("signature", lead, lead + len(line), lead, lead + len(line))

    def _glued_signature(self, starts: list[_Start], end: int) -> None:
        """A sign-off at the end of the last line of text (``... message. ROEMER``): a
        field for the name cut, not a part (it stays inside its unit)."""
        text = self.text
        m = _GLUED_SIGNATURE.search(text, max(starts[-1].pos, end - 80), end)
        if m is None or m.group("sig").split()[-1] in NOT_NAMES:
            return
        sig = m.group("sig")
        if not sig.isupper() and is_common_word(sig):
            return  # "... he said. Yes": a capitalised word that ends the text, no name
        lead, stop = m.span("sig")
        self._field("signature", lead, stop, lead, stop)

    # -- body ------------------------------------------------------------------------

    def _carried(
        self, start: int, portions: list[Portion], claims: list[tuple[int, int]]
    ) -> tuple[Marking | None, bool]:
        """What a unit starting at ``start`` takes from the text right above it.

        ``(marks, continues)`` under a portion (its held marks, and whether it continues
        unmarked text itself), ``(None, True)`` under unmarked text, ``(None, False)``
        after a blank line, at the very start or under a header field.
        """
        text = self.text
        i = start
        newlines = 0
        while i > 0 and text[i - 1] in " \t\r\n\\":
            newlines += text[i - 1] == "\n"
            i -= 1
        if i == 0 or newlines >= 2:
            return None, False
        at = i - 1
        if portions and portions[-1].start <= at < portions[-1].end:
            held = portions[-1].held
            return (held, portions[-1].continues) if held is not None else (None, True)
        if any(s <= at < e for s, e in claims):
            return None, False
        return None, True

    def _portions(
        self,
        starts: list[_Start],
        body_end: int,
        layout: list[tuple[int, int]],
        subject: Portion | None = None,
        banner: Marking | None = None,
    ) -> tuple[list[Portion], Marking | None]:
        text = self.text
        banner_level = banner.level if banner is not None else None
        portions: list[Portion] = []
        entire: Marking | None = None
        nexts = [st.pos for st in starts[1:]]
        nexts.append(body_end)
        # A unit never runs over a header field (a marked line above `SUBJECT:` must not
        # take the subject, issue 13 point 11): the claims' starts bound it.
        fences = sorted(s for s, _, _ in self.claims)
        if subject is not None:
            fences = sorted([*fences, subject.start])
        claims = [(s, e) for s, e, _ in self.claims]
        for st, nxt in zip(starts, nexts, strict=False):  # no starts: nexts is [body_end]
            start = st.pos
            if start >= body_end:
                break
            end = nxt if nxt < body_end else body_end
            fence = bisect.bisect_right(fences, start)
            if fence < len(fences) and fences[fence] < end:
                end = fences[fence]
            # A sentence cut by a blank line goes on in its unit only when that unit is
            # marked at least as high as the banner: below it, the text after the blank
            # line is text of its own and inherits (a (U) paragraph must not carry off
            # what follows it in a SECRET cable, whatever its grammar).
            fold = (
                st.marking is not None
                and st.marking.level is not None
                and banner_level is not None
                and st.marking.level >= banner_level
            )
            end = _unit_end(text, start, _block_end(text, start, end, layout, fold=fold))
            if end <= start:
                continue
            marking = st.marking
            raw = st.raw
            if st.entire and raw:
                # Read "CONFIDENTIAL - ENTIRE TEXT." as the mark "(CONFIDENTIAL - ENTIRE
                # TEXT)"; the marking keeps the text exactly as written.
                whole = parse_portion_mark("(" + raw.strip("(). ") + ")")
                if whole is not None:
                    marking = entire = dataclasses.replace(whole, raw=raw)
            if marking is not None and raw is not None:
                mark_start: int | None = st.mark_start
                mark_end: int | None = st.mark_start + len(raw)
            else:
                mark_start = mark_end = None
            inner = self._held(start if mark_end is None else mark_end, end)
            # A unit that starts right under other text, with no blank line between,
            # may hold that text's continuation: it is governed by that text's marks too,
            # so a marked line slipped into a paragraph lowers nothing (point 11).
            carried, continues = self._carried(start, portions, claims)
            if carried is not None:
                inner = carried if inner is None else roll_up([inner, carried])
            portions.append(
                build_portion(
                    PortionKind.SUB_PARAGRAPH if st.sub else PortionKind.PARAGRAPH,
                    st.number,
                    marking,
                    start,
                    end,
                    mark_start,
                    mark_end,
                    tuple((s, e) for s, e in layout if start <= s and e <= end) if layout else (),
                    inner,
                    continues,
                )
            )
        return portions, entire


_MARKER_TAIL = re.compile(r"[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}")


def _section_banner(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a section's banner line, repeated where WikiLeaks
    joined two sections (``SECRET SECTION 02 OF 03 KABUL 001234``): layout in a value."""
    if "SECTION" not in text[start:end].upper():
        return False
    banner = _BANNER.fullmatch(text, start, end)
    return banner is not None and banner.group("sec") is not None


def _subject_cut(text: str, start: int, end: int) -> int | None:
    """Where a ``SUBJECT:`` label glued to a TAGS line starts in ``text[start:end]``."""
    # Every spelling _SUBJECT_CUT accepts contains "SUBJ" or "Subject"; most TAGS lines
    # contain neither, which spares the (unanchored, so slow) search.
    line = text[start:end]
    if "SUBJ" not in line and "Subject" not in line:
        return None
    cut = _SUBJECT_CUT.search(line)
    return None if cut is None else start + cut.start()


def _section_markers(text: str, post: str, serial: int) -> list[tuple[int, int]]:
    """The section continuation markers of a cable, ``TRIPOLI 00000220 002 OF 003``.

    WikiLeaks left one wherever it joined two sections, often in mid-sentence (CABLES.md
    §b.7). The 8-digit serial is searched as a literal (fast), then the ``NNN OF NNN``
    after it and the post's name before it (spaces inside the name optional) are checked,
    which keeps the prose before the marker out of it.
    """
    spans = []
    needle = f"{serial:08d}"
    i = text.find(needle)
    while i >= 0:
        tail = _MARKER_TAIL.match(text, i + len(needle))
        if tail is not None:
            start = _name_before(text, i, post)
            if start is not None:
                spans.append((start, tail.end()))
        i = text.find(needle, i + len(needle))
    return spans


def _name_before(text: str, pos: int, name: str) -> int | None:
    """Where ``name`` (compared without spaces, any case) starts, when it ends just
    before ``pos``; also its last word alone, of four letters or more (``DUBAI 00000049
    001.2 OF 003`` under the banner's ``RPO DUBAI``, 08RPODUBAI49)."""
    j = pos
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == pos:
        return None
    for matched, ch in enumerate(reversed(name)):
        while j > 0 and text[j - 1] in " .'-" and ch not in " .'-":
            j -= 1
        if j == 0 or text[j - 1].upper() != ch:
            return j if matched >= 4 and (j == 0 or not text[j - 1].isalpha()) else None
        j -= 1
    return j


def _matches(pattern: re.Pattern[str], prefix: str, text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts with ``prefix``
    (and is not empty)."""
    i = text.find(prefix)
    while i >= 0:
        m = pattern.match(text, i)
        if m is not None:
            yield m
            i = text.find(prefix, m.end())
        else:
            i = text.find(prefix, i + 1)


# What every statement find_declassification reads contains (a cheap test first).
_DECL_HINTS = ("E.O", "E. O", "EO ", "EO1", "E.0", "Eo ", "e.o", "MO.", "eclassify", "ECLASSIFY")
# A spaced cable banner in the body, in upper or spaced lower case: a cheap test first.
_BODY_BANNER_HINTS = ("E C R E T", "O N F I", "e c r e t", "o n f i", "SECRET SECTION")
_BLANK_BEFORE = re.compile(r"\n[ \t]*\r?\n\Z")


def _strictness(declass: Declassification) -> float:
    """How late an instruction releases: a date by its ordinal, anything that is not a
    date (an event, OADR, X1, missing, unreadable) as never; N/A and a stamp saying the
    document is already declassified as at once."""
    if declass.already_declassified or declass.kind is DeclassKind.NA:
        return -1.0
    if declass.kind is DeclassKind.DATE and declass.date is not None:
        return float(declass.date.toordinal())
    return float("inf")


def _is_signer(line: str, by: ClassifiedBy | None) -> bool:
    """Whether every word of ``line`` is a word of the classifier's name (`SECHE`), and
    none a title or office (`AMBASSADOR` under `Classified By: Ambassador ...`).

    The statement's name as written, not its person: reading the person costs more than
    the rest of the sign-off, and the title check gives the same answer."""
    signer = by.name if by is not None else None
    if not signer:
        return False
    names = {w.strip(".,;:").casefold() for w in signer.split()}
    words = [w.strip(".,;:") for w in line.split()]
    return bool(words) and all(
        w.casefold() in names and len(w) > 1 and not is_title(w) and not is_office(w) for w in words
    )


def _block_end(
    text: str, start: int, end: int, layout: list[tuple[int, int]], *, fold: bool = True
) -> int:
    """Where the unit that starts at ``start`` ends: at its first blank line.

    Text after a blank line that no label or mark starts is not the unit's: it is text
    of its own, to which ``unmarked`` applies (issue 13, point 1). A blank line next to
    a page header or section marker (layout, not content) does not end the unit, nor one
    right after the label and mark (`1. (C)` on a line of its own), nor, when ``fold``,
    one that cuts a sentence in two.
    """
    blank = _unit_break(text, start, end)
    if blank is not None and len(text[blank[0] : end].strip(" \t\r\n")) == 0:
        return end  # only blank lines before the next unit: the common case, no question
    while blank is not None:
        lo, hi = blank
        if (
            _LABEL_ONLY.fullmatch(text, start, lo) is None
            and not _next_to_layout(text, lo, hi, layout)
            and not (fold and _mid_sentence(text, lo, hi))
        ):
            return lo
        blank = _unit_break(text, hi - 1, end)
    return end


def _unit_break(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first blank line in ``text[start:end]`` (a line of blanks or a teletype ``\\``
    alone), by a literal search for the line break (re cannot skip on an optional CR)."""
    m = _BLANK_RUN.search(text, start, end)
    if m is None:
        return None
    i = m.start()
    return (i - 1 if i > start and text[i - 1] == "\r" else i), m.end()


# Starts with the line break itself, a literal: re skips ahead to it at C speed.
_BLANK_RUN = re.compile(r"\n[ \t]*\\?[ \t]*\r?\n")


_SENTENCE_FINAL = frozenset(".!?:;\"')]”’")


def _mid_sentence(text: str, lo: int, hi: int) -> bool:
    """Whether a blank run cuts a sentence in two: the line before it ends without a
    sentence-final mark and the line after it goes on in lower case (page breaks of the
    raw-text cables, 09LAPAZ96: `... has made⏎⏎inroads into the MAS lead`). Such text is
    the same sentence, placed by its grammar, not an unmarked block."""
    before = _back_over_blanks(text, lo)
    if before == 0 or text[before - 1] in _SENTENCE_FINAL:
        return False
    after = hi + len(text[hi : hi + 80]) - len(text[hi : hi + 80].lstrip())
    return after < len(text) and text[after].islower()


# A unit's first line holding its label and mark and nothing else: `¶1. (C)`, `II.`.
_LABEL_ONLY = re.compile(r"[^\n]{0,12}(?:\([^()\n]{1,120}\))?[ \t.:]*")


def _next_to_layout(text: str, lo: int, hi: int, layout: list[tuple[int, int]]) -> bool:
    """Whether the blank run ``text[lo:hi]`` touches a layout span on either side."""
    if not layout:
        return False
    before = _back_over_blanks(text, lo)
    after = hi
    n = len(text)
    while after < n and text[after].isspace():
        after += 1
    return any(s <= after < e or s < before <= e for s, e in layout)


def _back_over_blanks(text: str, end: int) -> int:
    """``end`` moved left past whitespace and ``\\`` (no copy of the text before it)."""
    while end > 0 and text[end - 1] in _TRAILING:
        end -= 1
    return end


def _with_trailing_blanks(text: str, end: int) -> int:
    """``end`` moved right past blanks and a ``\\`` when only they stand before the line
    break: they belong to the unit (issue 13, point 9)."""
    tail = end
    n = len(text)
    while tail < n and text[tail] in " \t\\":
        tail += 1
    return tail if tail == n or text[tail] in "\r\n" else end


def _unit_end(text: str, start: int, end: int) -> int:
    """``end`` moved left past blank lines to the end of the unit's last line.

    Trailing blanks and a teletype ``\\`` on that line stay inside the unit: the release
    must not change with what a withheld unit holds, and the blanks after its last word
    are part of it (issue 13, point 9). Only the line break after it is left out.
    """
    i = end
    while i > start and text[i - 1] in " \t\r\n":
        i -= 1
    if i <= start:
        return start
    nl = text.find("\n", i, end)
    stop = end if nl < 0 else nl
    if stop > i and text[stop - 1] == "\r":
        stop -= 1
    return stop


def _rstrip_at(text: str, start: int, end: int) -> int:
    """``end`` moved left past trailing whitespace (and a teletype ``\\`` continuation)."""
    if end <= start or text[end - 1] not in _TRAILING:
        return end
    return start + len(text[start:end].rstrip(_TRAILING))


_TRAILING = " \t\r\n\\"
