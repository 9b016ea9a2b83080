"""Declassification instructions: the cable ``E.O. …: DECL:`` line and ``Declassify On:``.

A classified document carries one instruction saying when its classified portions may be
declassified. State cables put it on the E.O. line of the header (``E.O. 12958: DECL:
02/26/2016``, 5 FAH-2 H-222); ISOO-style documents end their authority block with
``Declassify On: 20350601`` (32 CFR 2001.21(a)(4), 2001.26). This module finds that
statement in a header and reads its value into a :class:`Declassification`.

Everything here is a reader of messy text and **never raises**: an instruction that cannot
be read becomes ``kind=OTHER`` (or ``MISSING``) with a warning, and :meth:`status` then
answers ``UNKNOWN``, which callers withhold (fail closed, MARKINGS §3).

Warnings are short codes, optionally followed by ``": "`` and a detail made only of date
digits or a closed vocabulary (``"two_digit_year: '10' read as 2010"``,
``"legacy_schedule: GDS"``). They may end up in logs, so they never quote document text.

Example::

    >>> decl, span = find_declassification("SIPDIS\\nE.O. 12958: DECL: 3/13/2018\\nTAGS: PREL")
    >>> decl.kind, decl.date, span
    (<DeclassKind.DATE: 'date'>, datetime.date(2018, 3, 13), (7, 34))
    >>> decl.status(datetime.date(2025, 6, 1))
    <DeclassStatus.DECLASSIFIED: 'declassified'>
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass

__all__ = [
    "DeclassKind",
    "DeclassStatus",
    "Declassification",
    "find_declassification",
    "parse_declass_value",
]


class DeclassKind(enum.StrEnum):
    """What kind of instruction a declassification value is."""

    DATE = "date"  # a calendar date (possibly with 25X exemptions), or a declassification stamp
    NA = "na"  # "N/A": only valid on unclassified documents
    OADR = "oadr"  # the legacy indefinite family: OADR, MR, Manual Review, DCI/DNI Only
    EVENT = "event"  # "after korean unification", "CLOSURE OF ICTY"
    EXEMPT = "exempt"  # X1-X8, 25Xn, 50X1-HUM … with no date
    MISSING = "missing"  # no instruction, or an empty one
    OTHER = "other"  # legacy schedules (GDS …), downgrades, redacted or unparsable values


class DeclassStatus(enum.StrEnum):
    """Whether an instruction has taken effect on a given day."""

    DECLASSIFIED = "declassified"
    CLASSIFIED = "classified"
    UNKNOWN = "unknown"


# Warning codes shared between the parser and status(); kept as constants so a typo in one
# place cannot silently change behaviour in the other.
_W_DOWNGRADE = "downgrade_only"
_W_UNPARSABLE = "unparsable_date"
_W_BEFORE_ORIGIN = "unparsable_date: before origin"
_W_AMBIGUOUS = "ambiguous_date"
_W_MALFORMED = "malformed_date"
_W_NA = "not_applicable"
_W_REDACTED = "redacted_value"
_W_EMPTY = "empty_value"
_W_UNREADABLE = "unreadable_value"
_W_OCR = "ocr_eo_prefix"
_W_COMMINGLED = "commingled_not_applicable"
_W_SOURCE = "source_marked"


@dataclass(frozen=True, slots=True)
class Declassification:
    """One declassification instruction, as read.

    Attributes:
        kind: What the value is (:class:`DeclassKind`).
        raw: The value exactly as written after the label (and after a ``DECL:`` word),
            trimmed; ``None`` when there is no value.
        date: The schedule date, or for a declassification stamp the day it was
            declassified. ``None`` for every other kind.
        order: The executive order number as written (``"12958"``, the typo ``"12598"``,
            ``"11652"``); ``None`` for a ``Declassify On:`` block.
        exemptions: Normalised exemption codes: ``"X1"`` … ``"X8"`` (E.O. 12958 §1.6(d);
            ``1.6X6`` becomes ``"X6"``), ``"25X1"`` … ``"25X9"``, ``"25X1-HUMAN"``,
            ``"50X1-HUM"``, ``"50X2-WMD"``, ``"75X1"`` …
        event: The event text of an ``EVENT`` instruction, whitespace collapsed.
        already_declassified: The value records a declassification that has happened
            (``DECLASSIFIED BY NARA 09/02/2009``), not a schedule.
        warnings: Short codes describing anything odd about the value.
    """

    kind: DeclassKind
    raw: str | None = None
    date: datetime.date | None = None
    order: str | None = None
    exemptions: tuple[str, ...] = ()
    event: str | None = None
    already_declassified: bool = False
    warnings: tuple[str, ...] = ()

    def status(self, as_of: datetime.date) -> DeclassStatus:
        """Whether this instruction has declassified the document by ``as_of``.

        The decision is MARKINGS §3.2 restricted to what the instruction alone says,
        failing closed; the caller combines it with the document's level (an unclassified
        document with ``N/A`` is fine) and with blockers such as NATO or RD/FRD.

        Args:
            as_of: The day the question is asked (a ``datetime`` is read as its date).

        Returns:
            ``DECLASSIFIED``, ``CLASSIFIED`` or ``UNKNOWN`` (which callers withhold).
        """
        if isinstance(as_of, datetime.datetime):
            as_of = as_of.date()
        kind = self.kind
        if kind is DeclassKind.DATE and self.date is not None:
            # "Declassified upon the occurrence of the date" (32 CFR 2001.12(b)): the
            # instruction takes effect at the start of that day. A stamp date is treated the
            # same way: before it the document was still classified.
            if as_of >= self.date:
                return DeclassStatus.DECLASSIFIED
            return DeclassStatus.CLASSIFIED
        if kind in (DeclassKind.OADR, DeclassKind.EXEMPT):
            # Legacy indefinite markings and exemptions without a date fall under
            # 2001.12(c)(2) / E.O. 13526 §3.3: at 25 years permanently valuable records are
            # *reviewed*, not released. Whether a record was exempted (25X/50X, file series,
            # integral file block, referral, RD/FRD: 2001.30(g), (n), (p)) is invisible to a
            # text parser, so automatic declassification is never assumed here.
            return DeclassStatus.CLASSIFIED
        if kind is DeclassKind.EVENT:
            # Declassified "upon reaching the date or event" (E.O. 13526 §1.5(a)); nothing in
            # the document can show that the event has occurred.
            return DeclassStatus.CLASSIFIED
        if kind is DeclassKind.OTHER and _W_DOWNGRADE in self.warnings:
            # A downgrade instruction ("DNG: CO <date>", like the ISOO block's optional
            # "Downgrade To:" line, MARKINGS §1.4) lowers the level but declassifies nothing.
            return DeclassStatus.CLASSIFIED
        return DeclassStatus.UNKNOWN


# -- dates --------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

# One pattern per written shape. Alternatives are tried in order on the whole value; the
# year-first form comes first so that "2019/12/16" is never read as month 2019.
_DATE = re.compile(
    r"""(?P<ymd>(?P<y1>\d{4})(?P<s1>[/.-])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2}))
      |(?P<compact>(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2}))
      |(?P<mdy>(?P<m3>\d{1,3})(?P<s3>[/.-])(?P<d3>\d{1,2})(?P=s3)(?P<y3>\d{4}|\d{2}))
      |(?P<mname>(?P<mon4>[A-Za-z]{3,9})\.?[ \t]+(?P<d4>\d{1,2})(?:st|nd|rd|th)?,?
                 [ \t]+(?P<y4>\d{4}))
      |(?P<dname>(?P<d5>\d{1,2})[ \t]+(?P<mon5>[A-Za-z]{3,9})\.?,?[ \t]+(?P<y5>\d{4}))
    """,
    re.X,
)
# Anything shaped like a numeric date, valid or not ("13/45/2010"), so that an impossible
# date is reported as unparsable instead of being read as event text.
_DATE_SHAPE = re.compile(r"\d{1,4}[/.-]\d{1,4}[/.-]\d{1,4}|\d{8}")


def _ymd(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _century(
    yy: str, month: int, day: int, origin: datetime.date | None, warnings: list[str]
) -> int:
    """The four-digit year for a two-digit one (MARKINGS §3.4).

    With an origin the century is the one that puts the date in [origin, origin + 75
    years] (the longest duration any order allows: E.O. 13526 §3.3(h), 32 CFR 2001.12(a)(2));
    without one, ``yy < 50`` is read as 20yy. The reading is always reported.
    """
    n = int(yy)
    year = 2000 + n if n < 50 else 1900 + n
    if origin is not None:
        for candidate in (1900 + n, 2000 + n):
            when = _ymd(candidate, month, day)
            if when is not None and origin <= when and when.year <= origin.year + 75:
                year = candidate
                break
    # Outside the window the pivot reading stands; _dated() then rejects it if it precedes
    # the origin.
    warnings.append(f"two_digit_year: '{yy}' read as {year}")
    return year


def _read_date(
    m: re.Match[str], origin: datetime.date | None, warnings: list[str]
) -> datetime.date | None:
    """The date of one :data:`_DATE` match, or ``None`` if no reading is a real day."""
    shape = m.lastgroup  # the outer group of the alternative that matched
    if shape == "ymd":
        y, a, b = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
        when = _ymd(y, a, b)
        if when is None and (when := _ymd(y, b, a)) is not None:
            warnings.append(_W_AMBIGUOUS)
        return when
    if shape == "compact":
        return _ymd(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
    if shape == "mdy":
        mm, dd, yy = m.group("m3"), int(m.group("d3")), m.group("y3")
        if len(mm) == 3:
            # "011/2/2019" (09BRASILIA1383): a zero-padded month; any other three-digit
            # month is not a month at all.
            if mm[0] != "0":
                return None
            warnings.append(_W_MALFORMED)
        month = int(mm)
        # State writes dates month first. In the corpus, of the 115 DECL dates that read
        # both ways, 107 fall on the cable's date plus whole years month first and 3 day
        # first; so a valid M/D reading is taken as written, and only an impossible one
        # ("13/05/2010") is read the other way round.
        if month > 12 and dd <= 12:
            month, dd = dd, month
            warnings.append(_W_AMBIGUOUS)
        year = int(yy) if len(yy) == 4 else _century(yy, month, dd, origin, warnings)
        return _ymd(year, month, dd)
    if shape == "mname":
        mon, day, year = m.group("mon4"), int(m.group("d4")), int(m.group("y4"))
    else:
        mon, day, year = m.group("mon5"), int(m.group("d5")), int(m.group("y5"))
    named = _MONTHS.get(mon.lower())
    return None if named is None else _ymd(year, named, day)


def _full_date(
    text: str, origin: datetime.date | None, warnings: list[str]
) -> tuple[bool, datetime.date | None]:
    """Read ``text`` as exactly one date: (looks like a date, the date or ``None``)."""
    m = _DATE.fullmatch(text)
    if m is None:
        return _DATE_SHAPE.fullmatch(text) is not None, None
    shape = m.lastgroup
    if shape == "mname" and m.group("mon4").lower() not in _MONTHS:
        return False, None
    if shape == "dname" and m.group("mon5").lower() not in _MONTHS:
        return False, None
    return True, _read_date(m, origin, warnings)


# -- values -------------------------------------------------------------------------------

# "DECL: 02/26/2016": about two thirds of the corpus lines.
_COMMON = re.compile(r"(?:DECL|decl)[ \t]*:[ \t]*(\d{1,2})/(\d{1,2})/(\d{4})")
# The word between the order number and the value: "DECL:", "decl:", the typo "DECLl:",
# "Declassify on". "DECLASSIFIED" is a value, not this word, hence the look-ahead.
_DECL_WORD = re.compile(
    r"(?:,?[ \t]*as[ \t]+amended[ \t]*[:;,]?[ \t]*(?=decl))?"
    r"(?:declassify[ \t]+on|decl(?P<typo>[a-z])?)(?![a-z])[ \t]*:?[ \t]*",
    re.I,
)
# (Runs must be separated: "(?:x{3,}\s*)+" would backtrack exponentially on "xxxx…!".)
_REDACTED = re.compile(r"[xX]{3,}(?:[\s.]+[xX]+)*[\s.]*|\[[A-Z ]*REMOVED\]")
_NA = re.compile(r"(?:n/?a|not[ \t]+applicable)\.?", re.I)
_COMMINGLED = re.compile(  # the two commingled forms of MARKINGS §1.4, nothing looser
    r"(?:n/a|not[ \t]+applicable)(?:[ \t]*\(or[ \t]+n/a\))?[ \t]+to[ \t]+(?:RD/FRD|RD|FRD|NATO)\b",
    re.I,
)
_DNG = re.compile(r"DNG\b|downgrade\b", re.I)
_STAMP = re.compile(r"(?:as[ \t]+amended[ \t]*[;:,]?[ \t]*)?declassified\b", re.I)
_DATE_SEARCH = re.compile(
    r"\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,3}[/.-]\d{1,2}[/.-]\d{2,4}|\d{8}"
    r"|[A-Za-z]{3,9}\.?[ \t]+\d{1,2},?[ \t]+\d{4}|\d{1,2}[ \t]+[A-Za-z]{3,9}\.?,?[ \t]+\d{4}"
)
_LEGACY = re.compile(
    r"(?P<code>X?GDS|NGDS|RDS|XDS|ADS)(?:[ \t]*-[ \t]*(?P<n>\d)|[ \t]?(?P<n2>\d)(?![\d/.-]))?\b",
    re.I,
)
# "GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P": the classifier and office may follow.
_GDS_DATE = re.compile(r"GDS[ \t]+(?P<date>\d{1,2}/\d{1,2}/\d{2,4})(?=[ \t.(]|$)", re.I)
_INDEFINITE = re.compile(
    r"(?:OADR|MR|manual[ \t]+review|(?:DCI|DNI)[ \t]+only"
    r"|originating[ \t]+agency'?s?[ \t]+determination[ \t]+required)\.?",
    re.I,
)
_SOURCE_MARKED = re.compile(r"(?:source[ \t]+marked[ \t]*:?[ \t]*)+", re.I)
_SOURCE_TAIL = re.compile(r"[ \t]*[,;][ \t]*date[ \t]+of[ \t]+source\b.*", re.I | re.S)
# Exemption codes: E.O. 12958 (1995) §1.6(d) "X1".."X8" (cables also write "1.6X6"),
# E.O. 13526 §3.3(b) "25X1".."25X9" (2003-2009 "25X1-human"), §3.3(h) "50X1-HUM",
# "50X2-WMD" and the 50X/75X forms of 32 CFR 2001.26(b)-(c).
_EXEMPTION = r"(?:1\.6[ \t]*)?X[1-8]|25X[1-9](?:-HUMAN|-EO-12951)?|50X[1-9](?:-HUM|-WMD)?|75X[1-9]"
_EXEMPTIONS = re.compile(
    rf"(?P<codes>(?:{_EXEMPTION})(?:[ \t]*(?:,|;|/|&|and\b)?[ \t]*(?:{_EXEMPTION}))*)\b"
    r"(?:[ \t]*[,;]?[ \t]*(?P<rest>.+))?",
    re.I | re.S,
)
_EXEMPTION_CODE = re.compile(_EXEMPTION, re.I)
_LETTERS = re.compile(r"[A-Za-z]{3}")
_SPACES = re.compile(r"\s+")


def _exemption_codes(codes: str) -> tuple[str, ...]:
    found: list[str] = []
    for m in _EXEMPTION_CODE.finditer(codes):
        code = m.group().upper().replace(" ", "").replace("\t", "")
        code = code.removeprefix("1.6")
        if code not in found:
            found.append(code)
    return tuple(found)


def parse_declass_value(value: str, *, origin: datetime.date | None = None) -> Declassification:
    """Read one declassification value (the text after ``DECL:`` or ``Declassify On:``).

    A leading ``DECL:``/``Declassify on`` word is accepted and skipped, so the text after
    the order number can be passed as is.

    Args:
        value: The value as written; surrounding whitespace and a trailing backslash
            (WikiLeaks line continuation) are ignored.
        origin: The document's date of origin, used for two-digit years and to reject a
            schedule date that precedes the document (MARKINGS §3.4).

    Returns:
        The instruction; never raises. ``order`` is ``None`` (the caller knows it).
    """
    if isinstance(origin, datetime.datetime):
        origin = origin.date()
    return _parse(value, origin, None, [])


def _parse(
    value: str, origin: datetime.date | None, order: str | None, warnings: list[str]
) -> Declassification:
    common = _COMMON.fullmatch(value)
    if common is not None:
        # The dominant shape, read directly (the general path gives the same result).
        when = _ymd(int(common.group(3)), int(common.group(1)), int(common.group(2)))
        if when is not None and (origin is None or when >= origin):
            raw = value[common.start(1) :]
            return Declassification(
                DeclassKind.DATE, raw, when, order, (), None, False, (*warnings,)
            )
    text = value.strip().rstrip("\\").strip()
    word = _DECL_WORD.match(text)
    if word is not None:
        if word.group("typo"):
            # "DECLl" (08ISLAMABAD3418): a five-letter closed-vocabulary label, safe to show.
            warnings.append(f"label_typo: DECL{word.group('typo')}")
        text = text[word.end() :].strip()
    return _Reader(origin, order, warnings).read(text)


class _Reader:
    """One reading of a value: the context every result is built with."""

    __slots__ = ("order", "origin", "raw", "warnings")

    def __init__(self, origin: datetime.date | None, order: str | None, warnings: list[str]):
        self.origin = origin
        self.order = order
        self.warnings = warnings
        self.raw: str | None = None

    def new(
        self,
        kind: DeclassKind,
        warning: str | None = None,
        *,
        date: datetime.date | None = None,
        exemptions: tuple[str, ...] = (),
        event: str | None = None,
        already: bool = False,
    ) -> Declassification:
        if warning is not None:
            self.warnings.append(warning)
        return Declassification(
            kind, self.raw, date, self.order, exemptions, event, already, tuple(self.warnings)
        )

    def read(self, text: str) -> Declassification:
        if not text:
            return self.new(DeclassKind.MISSING, _W_EMPTY)
        if self.raw is None:
            self.raw = text
        if text[0].isdigit() and ("X" not in text.upper() or _EXEMPTIONS.fullmatch(text) is None):
            # The common case first: a numeric date (or something shaped like one).
            looks_like, when = _full_date(text.rstrip("."), self.origin, self.warnings)
            if looks_like:
                return self.dated(when)
        if _REDACTED.fullmatch(text):
            # The media partners blanked the value (09BEIJING1336): nothing can be known.
            return self.new(DeclassKind.OTHER, _W_REDACTED)
        if _NA.fullmatch(text):
            return self.new(DeclassKind.NA, _W_NA)
        if _COMMINGLED.match(text):
            # "N/A to NATO portions. See source list for NSI portions." (MARKINGS §1.4): the
            # instruction is in the sources, which the document does not carry.
            return self.new(DeclassKind.OTHER, _W_COMMINGLED)
        if _DNG.match(text):
            return self.new(DeclassKind.OTHER, _W_DOWNGRADE)
        if (stamp := _STAMP.match(text)) is not None:
            # "DECLASSIFIED BY NARA 09/02/2009", "AS AMENDED; DECLASSIFIED JUNE 21, 2006".
            found = _DATE_SEARCH.search(text, stamp.end())
            when = None
            if found is not None:
                _, when = _full_date(found.group(), self.origin, self.warnings)
            return self.dated(when, already=True)
        if self.order == "12065" and (gds := _GDS_DATE.match(text)) is not None:
            # E.O. 12065 §1-4 (1978): "GDS" with a date marks information for
            # declassification on that date under the General Declassification Schedule,
            # six years from origin; the date is a declassify-on date (issue 13, point 12).
            looks_like, when = _full_date(gds.group("date"), self.origin, self.warnings)
            if looks_like:
                return self.dated(when)
        if (legacy := _LEGACY.match(text)) is not None:
            # E.O. 11652 GDS/XGDS and E.O. 12065 RDS/XDS schedules: staged downgrading and
            # *review* dates, not declassification dates (MARKINGS §1.6), so never a DATE.
            code = legacy.group("code").upper()
            if (n := legacy.group("n") or legacy.group("n2")) is not None:
                code = f"{code}-{n}"
            return self.new(DeclassKind.OTHER, f"legacy_schedule: {code}")
        if _INDEFINITE.fullmatch(text):
            return self.new(DeclassKind.OADR)
        if (source := _SOURCE_MARKED.match(text)) is not None:
            # A derivative document carrying forward its source's legacy marking
            # ("Source marked OADR, Date of source: …", 32 CFR 2001.22(e)).
            self.warnings.append(_W_SOURCE)
            return self.read(_SOURCE_TAIL.sub("", text[source.end() :]).strip())
        if (exempt := _EXEMPTIONS.fullmatch(text)) is not None:
            return self.exempt(exempt)
        looks_like, when = _full_date(text.rstrip("."), self.origin, self.warnings)
        if looks_like:
            return self.dated(when)
        if _LETTERS.search(text) is None:
            return self.new(DeclassKind.OTHER, _W_UNREADABLE)
        # Any other text is an event (E.O. 12958 §1.6(a), E.O. 13526 §1.5(a)).
        return self.new(DeclassKind.EVENT, event=_SPACES.sub(" ", text))

    def dated(
        self,
        when: datetime.date | None,
        *,
        exemptions: tuple[str, ...] = (),
        already: bool = False,
    ) -> Declassification:
        """A DATE instruction, or OTHER when the date is impossible or precedes the origin."""
        if when is None:
            return self.new(
                DeclassKind.OTHER, _W_UNPARSABLE, exemptions=exemptions, already=already
            )
        if self.origin is not None and when < self.origin:
            # MARKINGS §3.4: a schedule before the document existed is a typo, not a release.
            return self.new(
                DeclassKind.OTHER, _W_BEFORE_ORIGIN, exemptions=exemptions, already=already
            )
        return self.new(DeclassKind.DATE, date=when, exemptions=exemptions, already=already)

    def exempt(self, m: re.Match[str]) -> Declassification:
        codes = _exemption_codes(m.group("codes"))
        rest = (m.group("rest") or "").strip().rstrip(".")
        if not rest:
            return self.new(DeclassKind.EXEMPT, exemptions=codes)
        looks_like, when = _full_date(rest, self.origin, self.warnings)
        if looks_like:
            # "25X6, 20600129": exempted from automatic declassification at 25 years, then
            # declassified on that date (32 CFR 2001.26(a)(1)).
            return self.dated(when, exemptions=codes)
        # "75X1, <event>" (2001.26(c)(1)) or free text after the codes.
        return self.new(DeclassKind.EVENT, exemptions=codes, event=_SPACES.sub(" ", rest))


# -- finding the statement ----------------------------------------------------------------

# The label: "E.O.", "EO", "E.o.", "E. O.", "E.O 12958", "E.O.12356", the OCR "MO. 11652",
# and the ISOO "Declassify On:" of 32 CFR 2001.21(a)(4). Python's re skips ahead fast only
# to a literal first character, so each form gets its own literal-led pattern and the
# earliest plausible hit wins. (A look-ahead or a scoped flag in these patterns also costs
# re its fast skip, hence the separate _AFTER match.)
# "E.0. 12958" with a digit zero (OCR or a typist's slip) is the same label, reported.
_EO = re.compile(r"(?:E\.?[ \t]?[Oo]\.?|E\.[ \t]?0\.)[ \t]*(?P<label>\d{4,5})")
_MO = re.compile(r"MO\.[ \t]*(?P<label>\d{4,5})")
_CAPCO = re.compile(r"D(?:eclassify|ECLASSIFY)[ \t]+(?P<label>[Oo]n|ON)")
_AFTER = re.compile(  # "E.O. 12958, as amended:" and the colon itself
    r"[ \t]*(?:,[ \t]*)?(?P<amended>(?i:as[ \t]+amended)[ \t]*[,;]?[ \t]*)?(?P<colon>:)?[ \t]*"
)
# A value without a colon before it must start like an instruction, so that prose such as
# "E.O. 12958, reasons 1.4 (b)" is not taken for one.
_PLAUSIBLE = re.compile(
    r"(?:decl|n/?a\b|dng\b|as[ \t]+amended|x?gds\b|ngds\b|rds\b|xds\b|oadr\b|mr\b"
    r"|manual[ \t]+review|d[cn]i[ \t]+only|(?:1\.6[ \t]*)?x[1-8]\b|[257][05]x\d|x{3})"
    r"|\d{1,4}[/-]\d{1,2}[/-]\d{2,4}|\d{8}\b",
    re.I,
)
# Where a value ends on a line it shares with the next header field (flattened headers,
# 04ANKARA348 "… Tags: prel … Subject: …", 09STOCKHOLM194 "… TAG PTER, …").
_VALUE_STOP = re.compile(
    r"[ \t:](?:(?:TAGE?S?|TAS|TABS|TGS|SUBJ(?:ECT)?|REFS?|REFTELS?)(?=[ \t:])"
    r"|(?i:tags?|subj(?:ect)?|refs?)[ \t]*:|C(?:lassified|LASSIFIED)[ \t]+(?:By|by|BY)\b)"
    r"|¶"
)
_KNOWN_ORDERS = frozenset({"10501", "10964", "11652", "12065", "12356", "12958", "13292", "13526"})
_MISSING = Declassification(DeclassKind.MISSING)


def find_declassification(
    text: str, *, origin: datetime.date | None = None
) -> tuple[Declassification, tuple[int, int] | None]:
    """Find and read the declassification instruction in a header.

    The first plausible statement wins: an ``E.O. <number>`` label followed by a colon or
    by something shaped like an instruction, or a ``Declassify On`` label. The statement
    may sit anywhere on its line (``DEPT FOR NEA/MAG AND DRL E.O. 12958: DECL: …``, a glued
    pilcrow, a flattened header) and ends before ``TAGS``/``SUBJECT`` on the same line.

    Args:
        text: The header of a cable (or a whole memorandum).
        origin: The document's date of origin (see :func:`parse_declass_value`).

    Returns:
        The instruction and the ``(start, end)`` offsets in ``text`` of the statement, from
        the first character of the label to the end of the value (trailing spaces and a
        line-continuation backslash excluded); ``(Declassification(MISSING), None)`` when
        there is no statement.
    """
    if isinstance(origin, datetime.datetime):
        origin = origin.date()
    label: re.Match[str] | None = None
    after: re.Match[str] | None = None
    limit = len(text)
    for pattern in (_EO, _MO, _CAPCO):
        pos = 0
        while (m := _search(pattern, text, pos, limit)) is not None:
            if (found := _plausible(text, m)) is not None:
                label, after, limit = m, found, m.start()
                break
            pos = m.start() + 1
    if label is None or after is None:
        return _MISSING, None
    start = label.start()
    vstart = after.end()
    nl = text.find("\n", vstart)
    if nl < 0:
        nl = len(text)
    if (cr := text.find("\r", vstart, nl)) >= 0:
        nl = cr  # CRLF, or a bare CR line end
    stop = _VALUE_STOP.search(text, vstart - 1, nl)
    end = max(vstart, stop.start() + (text[stop.start()] != "¶")) if stop is not None else nl
    while end > start and text[end - 1] in " \t\r\\\xa0":
        end -= 1
    order = None if label.re is _CAPCO else label.group("label")
    warnings: list[str] = []
    if label.re is _MO or "0" in text[label.start() : label.start("label")]:
        warnings.append(_W_OCR)  # "MO. 11652", "E.0. 12958": OCR of "E.O." (MARKINGS §1.2)
    if order is not None and order not in _KNOWN_ORDERS:
        # Typos of 12958 are common (12598, 19523, 19528, 1295): reported, and the value is
        # still read, since the DECL value carries the instruction.
        warnings.append(f"order_typo: {order}")
    value = text[vstart:end] if end > vstart else ""
    return _parse(value, origin, order, warnings), (start, max(end, label.end()))


# The literals every match of _MO and _CAPCO starts with.
_LITERALS: dict[re.Pattern[str], tuple[str, ...]] = {
    _MO: ("MO.",),
    _CAPCO: ("Declassify", "DECLASSIFY"),
}


def _search(pattern: re.Pattern[str], text: str, pos: int, limit: int) -> re.Match[str] | None:
    """``pattern.search(text, pos, limit)``. For _MO and _CAPCO, str.find skips to the
    literal their matches start with, several times faster than re's own scan for a
    prefix of more than one character (or for a "D", frequent in a header)."""
    literals = _LITERALS.get(pattern)
    if literals is None:
        return pattern.search(text, pos, limit)
    while True:
        at = -1
        for literal in literals:
            i = text.find(literal, pos, limit)
            if i >= 0 and (at < 0 or i < at):
                at = i
        if at < 0:
            return None
        m = pattern.match(text, at, limit)
        if m is not None:
            return m
        pos = at + 1


def _plausible(text: str, m: re.Match[str]) -> re.Match[str] | None:
    """The colon part after a label, if the label stands alone and is followed by a colon
    or by a value shaped like an instruction; ``None`` otherwise."""
    start, end = m.start(), m.end()
    if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return None  # inside a word: "GEO 12345", "VIDEO 2009", "UNDECLASSIFY ON"
    if end < len(text) and (text[end].isdigit() or (m.re is _CAPCO and text[end].isalpha())):
        return None  # a longer number ("EO 123456") or word ("Declassify Once")
    after = _AFTER.match(text, end)
    if after is not None and (after.group("colon") or _PLAUSIBLE.match(text, after.end())):
        return after
    return None
