"""Classification markings: levels, portion marks, banner lines, captions and roll-up.

The vocabulary module of :mod:`redactor`. Everything here is pure: no I/O, no clock,
no global state beyond precompiled tables and two bounded parse caches.

Three readers turn document text into a :class:`Marking`:

* :func:`parse_portion_mark` reads a parenthesised portion mark such as ``(S//NF)``,
  ``(s/nf)`` or ``(S/REL FRANCE, BRITAIN ... AND QATAR)``. The caller (the parser)
  decides where portion marks may stand; this module only decides whether a
  candidate is a marking and what it says.
* :func:`parse_banner` reads the classification at the start of a banner or cable
  classification line (``SECRET//NOFORN``, ``C O N F I D E N T I A L SECTION 01 OF 03
  TRIPOLI 000220``, ``S e c r e t state 068250``, ``CSE C R E T ...``).
* :func:`parse_caption` reads a handling-caption line of a cable (``NOFORN``,
  ``SIPDIS NOFORN``, ``SENSITIVE``, ``RELEASABLE TO PAKISTAN``) and
  :meth:`Marking.with_caption` folds it into a banner marking.

:func:`roll_up` computes the overall (banner) marking of a set of portions per
MARKINGS.md §2.2 (ODNI ISM Schematron roll-up rules).

Design stance: **fail closed**. A marking whose level cannot be read is *unknown*
(``level is None``) and is withheld by later stages; an ambiguous reading takes the
higher level; a restrictive control that can be read is never dropped. This mirrors
32 CFR 2001.24(f) (information marked classified stays classified despite defective
markings). Warnings are short machine codes (see :class:`Marking`) and never quote
document text.

Decisions taken where the spec is silent (documented here once):

* ``LIMITED OFFICIAL USE`` / ``(LOU)`` read as UNCLASSIFIED with control ``SBU``
  (warning ``lou_as_sbu``): LOU is the pre-SBU State designation (12 FAM 540) and maps
  to the same handling, so policies keyed on ``SBU`` also catch it.
* ``RESTRICTED`` (foreign/NATO ``R``) reads as CONFIDENTIAL (warning
  ``restricted_as_confidential``): State protects foreign and NATO RESTRICTED
  information as U.S. CONFIDENTIAL (12 FAM 534.1(d)); never lower.
* ``(FOUO)`` alone reads as UNCLASSIFIED//FOUO (warning ``missing_level``): FOUO is by
  definition unclassified information (ISM-ID-00030); any other control without a level
  (``(NF)``, ``(/Rel UK)``) is unknown.
* State captions ``SIPDIS``, ``EFTO``, ``STADIS`` and ``NOT FOR INTERNET DISTRIBUTION``
  are distribution captions, not CAPCO controls (MARKINGS §2.2 item 10); they are read
  and ignored. ``SENSITIVE`` on an UNCLAS cable is ``SBU``.
* Controls canonicalise on read: EXDIS/NODIS add NOFORN (ISM-ID-00313/00314), NODIS
  absorbs EXDIS, an unclassified ``SBU`` + ``NOFORN`` is ``SBU NOFORN`` (5 FAH-1 H-246.2
  ``(SBU-N)``), NOFORN removes REL TO and RELIDO (ISM-ID-00033, 00169), and
  ``REL TO USA`` alone is NOFORN (ISM-ID-00319 needs a foreign country).
* A mark whose non-ASCII characters are not plain whitespace or dashes (Cyrillic ``С``,
  full-width parentheses, zero-width characters) is unknown when its ASCII skeleton is a
  marking: look-alikes are either an encoding accident or an attempt to dodge the
  reader, and both must be withheld. The same holds for ASCII control characters
  (``\x01``...): they are invisible too. Look-alikes of ``U`` (Cyrillic ``У``, Armenian
  ``Ս``) are tried as ``U`` as well as the letter they resemble more, so no reading is
  missed. ASCII layout is the one exception: a tab or form feed inside a mark reads as
  a space (warning ``nonstandard_spacing``). A NBSP, thin or ideographic space inside a
  mark or a banner is unknown like any other non-ASCII character: nobody types one into a
  mark, and the issue-6 threat model reads it as a disguise (docs/SECURITY.md, "Unicode").
* ``CUI`` reads as UNCLASSIFIED with control ``CUI`` (32 CFR 2002.20); CUI categories
  are not interpreted.
* ``(UNKNOWN)``, the portion form of an unknown marking, reads back as unknown.

Warning codes (``Marking.warnings``), by reader:

* portion marks: ``lower_case``, ``nonstandard_spacing``, ``single_slash``,
  ``nonstandard_separator``, ``long_form_in_portion``, ``malformed_portion`` (missing
  parenthesis, empty controls), ``entire_text`` (``(C - ENTIRE TEXT)``: the whole cable),
  ``legacy_fgi_form``, ``missing_level``, ``unreadable_level``, ``conflicting_levels``,
  ``duplicate_level``, ``confusable_characters``;
* banners: ``lower_case``, ``garbled_banner``, ``ocr_noise``, ``legacy_banner_declass``,
  ``short_form_in_banner``, ``foreign_level``, ``confusable_characters``;
* controls (any reader): ``unreadable_controls``, ``nonstandard_rel``,
  ``unknown_rel_token``, ``rel_without_list``, ``multiple_rel``, ``rel_to_usa_only``,
  ``noforn_with_rel``, ``fouo_requires_u``, ``sbu_requires_u``, ``lou_as_sbu``,
  ``restricted_as_confidential``;
* roll-up: ``unknown_portion``, ``requires_review``, ``rel_to_dropped``,
  ``rel_to_no_common_country``, ``rel_opaque_dropped``, ``rel_without_list``.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "Caption",
    "Level",
    "Marking",
    "parse_banner",
    "parse_caption",
    "parse_portion_mark",
    "roll_up",
]

# --------------------------------------------------------------------------------------
# Levels
# --------------------------------------------------------------------------------------

_BANNER_WORDS = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET")
_CODES = ("U", "C", "S", "TS")


class Level(enum.IntEnum):
    """A U.S. classification level, ordered by rank (32 CFR 2001.21(c), E.O. 13526 §1.2).

    ``RESTRICTED`` is not a U.S. level (2001.24(a)); readers map it to CONFIDENTIAL.
    """

    UNCLASSIFIED = 0
    CONFIDENTIAL = 1
    SECRET = 2
    TOP_SECRET = 3

    @property
    def banner_word(self) -> str:
        """The banner spelling: ``"UNCLASSIFIED"`` … ``"TOP SECRET"``."""
        return _BANNER_WORDS[self.value]

    @property
    def code(self) -> str:
        """The portion-mark abbreviation: ``"U"``, ``"C"``, ``"S"`` or ``"TS"``."""
        return _CODES[self.value]

    @classmethod
    def parse(cls, text: str) -> Level:
        """Read a level name or code in any case.

        Args:
            text: ``U``/``C``/``S``/``TS``, a banner word (``TOP SECRET``), or the enum
                name (``TOP_SECRET``); surrounding and internal whitespace is ignored.

        Returns:
            The level.

        Raises:
            ValueError: the text is not a level. The message does not quote the text.
        """
        key = " ".join(text.replace("_", " ").split()).upper()
        level = _LEVEL_NAMES.get(key)
        if level is None:
            raise ValueError("not a classification level (expected U, C, S, TS or a level name)")
        return level


_U, _C, _S, _TS = Level.UNCLASSIFIED, Level.CONFIDENTIAL, Level.SECRET, Level.TOP_SECRET

_LEVEL_NAMES: dict[str, Level] = {
    "U": _U,
    "C": _C,
    "S": _S,
    "TS": _TS,
    "UNCLASSIFIED": _U,
    "CONFIDENTIAL": _C,
    "SECRET": _S,
    "TOP SECRET": _TS,
}

# Level tokens as they may appear inside a mark (portion codes, banner words, R).
_LEVEL_TOKENS: dict[str, Level] = {
    **_LEVEL_NAMES,
    "UNCLAS": _U,
    "TOPSECRET": _TS,
    # Foreign/NATO RESTRICTED is protected as U.S. CONFIDENTIAL (12 FAM 534.1(d)).
    "R": _C,
    "RESTRICTED": _C,
}

# --------------------------------------------------------------------------------------
# Control vocabulary (MARKINGS.md §0.2; ODNI ISM CVEnumISMDissem / CVEnumISMNonIC)
# --------------------------------------------------------------------------------------

# Banner categories in output order: LEVEL//SCI//SAP//AEA//FGI//DISSEM//NONIC
# (ODNI IC-ISM-SecurityBanner.xsl; MARKINGS §2.2 item 9). Owner forms (NATO, JOINT) and
# NATO add-ons come first because they replace or qualify the level word.
_OWNER, _NATO_ADDON, _SCI, _SAP, _AEA, _FGI, _DISSEM, _NONIC, _OTHER = range(9)

# banner form -> (category, rank inside the category, portion form)
_CONTROLS: dict[str, tuple[int, int, str]] = {
    "NATO": (_OWNER, 0, "NATO"),
    "ATOMAL": (_NATO_ADDON, 0, "ATOMAL"),
    "BOHEMIA": (_NATO_ADDON, 1, "BOHEMIA"),
    "BALK": (_NATO_ADDON, 2, "BALK"),
    "RD": (_AEA, 0, "RD"),
    "FRD": (_AEA, 1, "FRD"),
    "TFNI": (_AEA, 2, "TFNI"),
    # Dissem order is ISM-ID-00026 (order of CVEnumISMDissem); REL TO sits at rank 6.
    "RSEN": (_DISSEM, 0, "RS"),
    "FOUO": (_DISSEM, 1, "FOUO"),
    "ORCON": (_DISSEM, 2, "OC"),
    "IMCON": (_DISSEM, 3, "IMC"),
    "NOFORN": (_DISSEM, 4, "NF"),
    "PROPIN": (_DISSEM, 5, "PR"),
    "RELIDO": (_DISSEM, 7, "RELIDO"),
    "DSEN": (_DISSEM, 9, "DSEN"),
    "FISA": (_DISSEM, 10, "FISA"),
    "LIMDIS": (_NONIC, 0, "DS"),
    "EXDIS": (_NONIC, 1, "XD"),
    "NODIS": (_NONIC, 2, "ND"),
    "SBU": (_NONIC, 3, "SBU"),
    "SBU NOFORN": (_NONIC, 4, "SBU-NF"),
    "LES": (_NONIC, 5, "LES"),
    "LES NOFORN": (_NONIC, 6, "LES-NF"),
    "SSI": (_NONIC, 7, "SSI"),
    "CUI": (_NONIC, 8, "CUI"),
}
_REL_RANK = 6
CONTROL_FORMS: Mapping[str, tuple[int, int, str]] = MappingProxyType(_CONTROLS)
"""The standard control markings, banner form -> (category, rank, portion form)."""

# Every accepted spelling (upper case, single spaces) -> banner form.
_ALIASES: dict[str, str] = {
    **{name: name for name in _CONTROLS if name != "NATO"},
    **{portion: name for name, (_, _, portion) in _CONTROLS.items() if name != "NATO"},
    "NOT RELEASABLE TO FOREIGN NATIONALS": "NOFORN",
    "FOR OFFICIAL USE ONLY": "FOUO",
    "SENSITIVE BUT UNCLASSIFIED": "SBU",
    "SBU-N": "SBU NOFORN",
    "SBU N": "SBU NOFORN",
    "SBU NF": "SBU NOFORN",
    "LES-N": "LES NOFORN",
    "LES NF": "LES NOFORN",
    "LAW ENFORCEMENT SENSITIVE": "LES",
    "RESTRICTED DATA": "RD",
    "FORMERLY RESTRICTED DATA": "FRD",
}

# Control words that, even without a readable level, show that the text is a marking
# (``(/Rel UK)``, ``(NF)``). Short codes that double as everyday abbreviations (DS =
# Diplomatic Security, PR, SI, FISA) are deliberately absent.
_STRONG = frozenset(
    {"NF", "NOFORN", "REL", "RELIDO", "ORCON", "IMCON", "PROPIN", "RSEN", "FGI"}
    | {"EXDIS", "NODIS", "LIMDIS", "SBU", "FOUO"}
)
_NOFORN_LIKE = frozenset({"NOFORN", "SBU NOFORN", "LES NOFORN", "EXDIS", "NODIS"})
_SBU_LIKE = frozenset({"SBU", "SBU NOFORN", "LES", "LES NOFORN"})
# Additive controls: in the roll-up iff in any portion (ISM-ID-00067/68/71/80/81/84/165).
_ADDITIVE = frozenset({"RSEN", "ORCON", "IMCON", "PROPIN", "DSEN", "FISA", "LIMDIS", "SSI"})

# SCI controls and compartments (SI-G, HCS-O); "REL" is never a compartment name.
_SCI_RE = re.compile(r"(?:SI|TK|HCS|KDK|RSV)(?:-(?!REL\b)[A-Z0-9]+)*")
_SAP_RE = re.compile(r"SAR-[A-Z0-9]+(?:-[A-Z0-9]+)*")

# NATO portion codes (ISM CVEnumISMClassificationAll; MARKINGS §7) -> (level, add-on).
_NATO_CODES: dict[str, tuple[Level, str | None, bool]] = {
    "CTS": (_TS, None, False),
    "CTSA": (_TS, "ATOMAL", False),
    "CTS-B": (_TS, "BOHEMIA", False),
    "CTS-BALK": (_TS, "BALK", False),
    "NS": (_S, None, False),
    "NSAT": (_S, "ATOMAL", False),
    "NC": (_C, None, False),
    "NCA": (_C, "ATOMAL", False),
    "NR": (_C, None, True),  # NATO RESTRICTED, protected as CONFIDENTIAL (12 FAM 534.1(d))
    "NU": (_U, None, False),
}
_NATO_PORTION_HEAD = ("NU", "NC", "NS", "CTS")
_NATO_BANNER_HEAD = ("NATO UNCLASSIFIED", "NATO CONFIDENTIAL", "NATO SECRET", "COSMIC TOP SECRET")

# --------------------------------------------------------------------------------------
# Countries (REL TO lists, FGI owners)
# --------------------------------------------------------------------------------------

# Free-text country names seen in cables (CABLES.md §b.4) and a decent general table,
# mapped to ISO 3166 / GENC trigraphs (ISM CVEnumISMRelTo).
_COUNTRY_NAMES: dict[str, str] = {
    "AFGHANISTAN": "AFG", "ALBANIA": "ALB", "ALGERIA": "DZA", "ANGOLA": "AGO",
    "ARGENTINA": "ARG", "ARMENIA": "ARM", "AUSTRALIA": "AUS", "AUSTRIA": "AUT",
    "AZERBAIJAN": "AZE", "BAHRAIN": "BHR", "BANGLADESH": "BGD", "BELARUS": "BLR",
    "BELGIUM": "BEL", "BELIZE": "BLZ", "BOLIVIA": "BOL", "BOSNIA": "BIH",
    "BOSNIA AND HERZEGOVINA": "BIH", "BRAZIL": "BRA", "BRITAIN": "GBR",
    "GREAT BRITAIN": "GBR", "UNITED KINGDOM": "GBR", "UK": "GBR", "ENGLAND": "GBR",
    "BULGARIA": "BGR", "BURMA": "MMR", "MYANMAR": "MMR", "CAMBODIA": "KHM",
    "CANADA": "CAN", "CHAD": "TCD", "CHILE": "CHL", "CHINA": "CHN", "PRC": "CHN",
    "COLOMBIA": "COL", "CROATIA": "HRV", "CUBA": "CUB", "CYPRUS": "CYP",
    "CZECH REPUBLIC": "CZE", "CZECHIA": "CZE", "DENMARK": "DNK", "DJIBOUTI": "DJI",
    "ECUADOR": "ECU", "EGYPT": "EGY", "ERITREA": "ERI", "ESTONIA": "EST",
    "ETHIOPIA": "ETH", "FINLAND": "FIN", "FRANCE": "FRA", "GEORGIA": "GEO",
    "GERMANY": "DEU", "GREECE": "GRC", "HOLLAND": "NLD", "HUNGARY": "HUN",
    "ICELAND": "ISL", "INDIA": "IND", "INDONESIA": "IDN", "IRAN": "IRN", "IRAQ": "IRQ",
    "IRELAND": "IRL", "ISRAEL": "ISR", "ITALY": "ITA", "JAPAN": "JPN", "JORDAN": "JOR",
    "KAZAKHSTAN": "KAZ", "KENYA": "KEN", "KOREA": "KOR", "SOUTH KOREA": "KOR",
    "REPUBLIC OF KOREA": "KOR", "ROK": "KOR", "NORTH KOREA": "PRK", "DPRK": "PRK",
    "KOSOVO": "XKS", "KUWAIT": "KWT", "KYRGYZSTAN": "KGZ", "KYRGYZ REPUBLIC": "KGZ",
    "LAOS": "LAO", "LATVIA": "LVA", "LEBANON": "LBN", "LIBYA": "LBY",
    "LITHUANIA": "LTU", "LUXEMBOURG": "LUX", "MACEDONIA": "MKD",
    "NORTH MACEDONIA": "MKD", "MALAYSIA": "MYS", "MALI": "MLI", "MAURITANIA": "MRT",
    "MEXICO": "MEX", "MOLDOVA": "MDA", "MONGOLIA": "MNG", "MONTENEGRO": "MNE",
    "MOROCCO": "MAR", "NEPAL": "NPL", "NETHERLANDS": "NLD", "NEW ZEALAND": "NZL",
    "NIGER": "NER", "NIGERIA": "NGA", "NORWAY": "NOR", "OMAN": "OMN",
    "PAKISTAN": "PAK", "PANAMA": "PAN", "PERU": "PER", "PHILIPPINES": "PHL",
    "POLAND": "POL", "PORTUGAL": "PRT", "QATAR": "QAT", "ROMANIA": "ROU",
    "RUSSIA": "RUS", "RUSSIAN FEDERATION": "RUS", "RWANDA": "RWA",
    "SAUDI ARABIA": "SAU", "KSA": "SAU", "SENEGAL": "SEN", "SERBIA": "SRB",
    "SINGAPORE": "SGP", "SLOVAKIA": "SVK", "SLOVENIA": "SVN", "SOMALIA": "SOM",
    "SOUTH AFRICA": "ZAF", "SPAIN": "ESP", "SRI LANKA": "LKA", "SUDAN": "SDN",
    "SWEDEN": "SWE", "SWITZERLAND": "CHE", "SYRIA": "SYR", "TAIWAN": "TWN",
    "TAJIKISTAN": "TJK", "TANZANIA": "TZA", "THAILAND": "THA", "TUNISIA": "TUN",
    "TURKEY": "TUR", "TURKIYE": "TUR", "TURKMENISTAN": "TKM", "UGANDA": "UGA",
    "UKRAINE": "UKR", "UAE": "ARE", "UNITED ARAB EMIRATES": "ARE", "EMIRATES": "ARE",
    "UNITED STATES": "USA", "UNITED STATES OF AMERICA": "USA", "US": "USA",
    "U.S.": "USA", "U.S.A.": "USA", "UZBEKISTAN": "UZB", "VENEZUELA": "VEN",
    "VIETNAM": "VNM", "YEMEN": "YEM", "ZIMBABWE": "ZWE",
}  # fmt: skip

# Tetragraph decomposition used for roll-up (ISM_XML.sch util:decomposeTetragraphs).
_TETRAGRAPHS: dict[str, frozenset[str]] = {
    "FVEY": frozenset({"AUS", "CAN", "GBR", "NZL"}),
    "ACGU": frozenset({"AUS", "CAN", "GBR"}),
    "TEYE": frozenset({"CAN", "GBR"}),
}
# Coalition codes known to the register; other unknown tokens are kept but reported.
_COALITIONS = frozenset({"NATO", "ISAF", "KFOR", "SFOR", *_TETRAGRAPHS})

_AND_NAMES = re.compile(r"BOSNIA AND HERZEGOVINA")
_REL_SPLIT = re.compile(r" ?(?:,|&|\bAND\b) ?")


def _country(token: str) -> tuple[str, bool]:
    """Normalise one country token; returns (code, known)."""
    token = token.removeprefix("THE ")
    code = _COUNTRY_NAMES.get(token)
    if code is not None:
        return code, True
    if len(token) == 3 and token.isalpha():
        return token, True  # a trigraph as written (ISO 3166-1 alpha-3 / GENC)
    return token, token in _COALITIONS


def _sort_rel(codes: Iterable[str]) -> tuple[str, ...]:
    """USA first, then trigraphs alphabetically, then the rest (ISM-ID-00041)."""
    rest = sorted(set(codes) - {"USA"}, key=lambda code: (len(code) != 3, code))
    return ("USA", *rest)


def _rel_items(text: str, warnings: list[str]) -> list[str]:
    """Read a free-text REL list (``USA, GBR``; ``FRANCE, ... AND QATAR``)."""
    text = _AND_NAMES.sub("BIH", " ".join(text.split()))
    codes: list[str] = []
    for part in _REL_SPLIT.split(text):
        item = part.strip(" .")
        if not item:
            continue
        code, known = _country(item)
        if not known:
            warnings.append("unknown_rel_token")
        codes.append(code)
    return codes


# --------------------------------------------------------------------------------------
# The marking
# --------------------------------------------------------------------------------------


def _control_key(control: str) -> tuple[int, int, str]:
    entry = _CONTROLS.get(control)
    if entry is not None:
        return entry[0], entry[1], control
    if control.startswith("JOINT"):
        return _OWNER, 1, control
    if control.startswith("FGI"):
        return _FGI, 0, control
    if _SCI_RE.fullmatch(control):
        return _SCI, 0, control
    if _SAP_RE.fullmatch(control):
        return _SAP, 0, control
    return _OTHER, 0, control


@dataclass(frozen=True, slots=True)
class Marking:
    """A classification marking as read from a document, or computed by roll-up.

    Attributes:
        level: The classification level, or ``None`` for UNKNOWN: recognisably a
            marking whose level cannot be read. Later stages withhold unknown portions;
            a reader never guesses a lower level.
        controls: Banner forms in canonical banner order (MARKINGS §0.2, §2.2 item 9):
            owner (``NATO``, ``JOINT USA GBR``), NATO add-ons, SCI, SAP, AEA,
            ``FGI [cc…]``, dissemination controls, non-IC controls. REL TO is in
            :attr:`rel_to`, not here.
        rel_to: The REL TO list, ``USA`` first then trigraphs and other codes
            alphabetically; empty when there is no REL TO (or a bare ``REL``, which
            refers to the banner's list: see the ``rel_without_list`` warning).
        raw: The marking exactly as written in the document.
        warnings: Short machine codes describing irregularities (``single_slash``,
            ``lower_case``, ``unreadable_controls`` …; the module docstring lists them
            all). They never quote document text.
    """

    level: Level | None
    controls: tuple[str, ...] = ()
    rel_to: tuple[str, ...] = ()
    raw: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        """Whether the level could be read."""
        return self.level is not None

    @property
    def noforn(self) -> bool:
        """Whether the marking forbids foreign release (NOFORN, SBU/LES NOFORN, EXDIS, NODIS)."""
        return not _NOFORN_LIKE.isdisjoint(self.controls)

    def releasable_to(self, country: str) -> bool:
        """Whether the REL TO list covers ``country`` and nothing forbids foreign release.

        ``country`` is a trigraph or a tetragraph; FVEY, ACGU and TEYE are compared by their
        members, as in the roll-up (ISM_XML.sch util:decomposeTetragraphs). A marking
        without REL TO is not releasable: foreign release needs an explicit REL TO
        marking naming the country (ODNI CAPCO register, REL TO).
        """
        if self.noforn or not self.rel_to:
            return False
        return _decompose((country,)) <= _decompose(self.rel_to)

    def portion_form(self) -> str:
        """The canonical portion mark, e.g. ``(S//NF)``, ``(SBU-NF)``, ``(UNKNOWN)``."""
        if self.level is None:
            return "(UNKNOWN)"
        return "(" + _render(self.level, self.controls, self.rel_to, portion=True) + ")"

    def banner_form(self) -> str:
        """The canonical banner line, e.g. ``CONFIDENTIAL//NOFORN//EXDIS``, or ``UNKNOWN``."""
        if self.level is None:
            return "UNKNOWN"
        return _render(self.level, self.controls, self.rel_to, portion=False)

    def with_caption(self, caption: Caption) -> Marking:
        """Fold a cable caption line (``NOFORN``, ``SENSITIVE``, ``REL TO …``) into this marking.

        Controls are added; a caption REL TO list narrows an existing list (intersection)
        or supplies one; ``SENSITIVE`` (SBU) is ignored on a classified marking because
        SBU applies to unclassified information only (ISM-ID-00037).

        Args:
            caption: A caption read by :func:`parse_caption`.

        Returns:
            A new marking; ``raw`` is unchanged.
        """
        warnings = list(self.warnings)
        controls = set(self.controls) | set(caption.controls)
        if self.level != _U and "SBU" in caption.controls:
            controls.discard("SBU")
            warnings.append("sbu_requires_u")
        rel: list[str] | None = None
        if caption.rel_to:
            if self.rel_to:
                common = _decompose(self.rel_to) & _decompose(caption.rel_to)
                rel = ["USA", *common]
            else:
                rel = list(caption.rel_to)
        elif self.rel_to:
            rel = list(self.rel_to)
        return _finish(self.level, controls, rel, self.raw, warnings)


@dataclass(frozen=True, slots=True)
class Caption:
    """A cable handling caption on its own line (MARKINGS §1.2 companion lines).

    Attributes:
        controls: Controls the caption adds (``NOFORN``, ``EXDIS``, ``SBU`` …).
        rel_to: REL TO list of a ``RELEASABLE TO …`` caption, ``USA`` first.
        raw: The caption text as written (stripped).
        warnings: Machine codes, as for :class:`Marking`.
    """

    controls: tuple[str, ...] = ()
    rel_to: tuple[str, ...] = ()
    raw: str = ""
    warnings: tuple[str, ...] = ()


def _render(
    level: Level, controls: tuple[str, ...], rel_to: tuple[str, ...], *, portion: bool
) -> str:
    """Render ``LEVEL//SCI//SAP//AEA//FGI//DISSEM//NONIC`` in portion or banner form."""
    groups: dict[int, list[tuple[int, str]]] = {}
    owners: list[str] = []
    head = level.code if portion else level.banner_word
    skip = ""
    if portion and level == _U and "SBU NOFORN" in controls:
        head, skip = "SBU-NF", "SBU NOFORN"  # State form (5 FAH-1 H-246.2)
    elif portion and level == _U and "SBU" in controls:
        head, skip = "SBU", "SBU"
    for control in controls:
        category, rank, _ = _control_key(control)
        if category == _OWNER:
            owners.append(control)
            continue
        if control == skip:
            continue
        entry = _CONTROLS.get(control)
        text = entry[2] if portion and entry is not None else control
        groups.setdefault(category, []).append((rank, text))
    if rel_to:
        groups.setdefault(_DISSEM, []).append((_REL_RANK, "REL TO " + ", ".join(rel_to)))
    if len(owners) == 1 and owners[0] == "NATO":
        head = "//" + (_NATO_PORTION_HEAD if portion else _NATO_BANNER_HEAD)[level.value]
    elif len(owners) == 1:
        countries = owners[0].removeprefix("JOINT ")
        head = f"//JOINT {level.code if portion else level.banner_word} {countries}"
    elif owners:
        groups[_OWNER] = [(0, owner) for owner in owners]
    parts = [head]
    for category in sorted(groups):
        parts.append("/".join(text for _, text in sorted(groups[category])))
    return "//".join(parts)


def _decompose(codes: Iterable[str]) -> set[str]:
    """Expand FVEY/ACGU/TEYE into trigraphs, drop USA; other tetragraphs stay opaque."""
    out: set[str] = set()
    for code in codes:
        out |= _TETRAGRAPHS.get(code, {code})
    out.discard("USA")
    return out


def _finish(
    level: Level | None,
    controls: set[str],
    rel: Iterable[str] | None,
    raw: str,
    warnings: list[str],
) -> Marking:
    """Canonicalise controls and build the marking (shared by every reader and roll-up)."""
    rel_to: tuple[str, ...] = ()
    if rel is not None:
        rel_to = _sort_rel(rel)
        if rel_to == ("USA",):
            # REL TO needs a foreign country (ISM-ID-00319); USA alone releases to no one.
            warnings.append("rel_to_usa_only")
            controls.add("NOFORN")
            rel_to = ()
    if "EXDIS" in controls or "NODIS" in controls:
        controls.add("NOFORN")  # ISM-ID-00313 (NODIS), ISM-ID-00314 (EXDIS) imply NOFORN
    if "NODIS" in controls:
        controls.discard("EXDIS")  # mutually exclusive (ISM-ID-00038); NODIS is stricter
    if level == _U and ("SBU NOFORN" in controls or {"SBU", "NOFORN"} <= controls):
        controls -= {"SBU", "NOFORN"}
        controls.add("SBU NOFORN")  # 5 FAH-1 H-246.2 (SBU-N); ISM-ID-00104/00105
    if "LES NOFORN" in controls:
        controls.discard("LES")  # ISM-ID-00145
    if not _NOFORN_LIKE.isdisjoint(controls) and (rel_to or "RELIDO" in controls):
        # NOFORN excludes REL TO (ISM-ID-00033) and RELIDO (ISM-ID-00169): keep the
        # restrictive one.
        warnings.append("noforn_with_rel")
        rel_to = ()
        controls.discard("RELIDO")
    if "FOUO" in controls and level is not None and level > _U:
        warnings.append("fouo_requires_u")  # ISM-ID-00030; keep the level (fail closed)
    return Marking(
        level=level,
        controls=tuple(sorted(controls, key=_control_key)),
        rel_to=rel_to,
        raw=raw,
        warnings=tuple(dict.fromkeys(warnings)),
    )


# --------------------------------------------------------------------------------------
# Portion marks
# --------------------------------------------------------------------------------------

# Unicode whitespace and dashes are honest typography (NBSP, en dash); they are read as
# their ASCII forms. Anything else non-ASCII goes to the confusable check.
_SPACES = "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TYPOGRAPHY = str.maketrans({**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_DASHES, "-")})
# In a portion mark the ASCII layout characters are gaps too ("(S\t)", "(C\x0c)"): read as
# spaces rather than dropping the mark, which would leave its portion unmarked.
# Non-ASCII spaces (NBSP, thin, ideographic) are *not* gaps inside a mark: a mark is typed
# on a keyboard, and a NBSP between its letters or slashes is either a conversion accident
# or a way to dodge the reader. Either way the mark is unknown and its portion withheld
# (fail closed; issue 6). Around a mark they stay ordinary blanks (parser._BLANKS).
_MARK_TYPOGRAPHY = str.maketrans(
    {**dict.fromkeys("\t\x0b\x0c\r", " "), **dict.fromkeys(_DASHES, "-")}
)
_WIDE_SPACES = re.compile("[" + _SPACES.replace("\t", "") + "]")
# ASCII controls other than layout: invisible, so treated like zero-width characters.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Letters that look like U as much as like the letter _CONFUSABLES folds them to.
_U_LIKE = str.maketrans({"\u0423": "U", "\u0443": "u", "\u054d": "U", "\u057d": "u"})
# Cyrillic and Greek capitals/lower-case letters that look like Latin ones.
_CONFUSABLES = str.maketrans(
    {
        "\u0410": "A", "\u0412": "B", "\u0421": "C", "\u0415": "E", "\u041d": "H",
        "\u0406": "I", "\u041a": "K", "\u041c": "M", "\u041e": "O", "\u0420": "P",
        "\u0405": "S", "\u0422": "T", "\u0425": "X", "\u0423": "Y", "\u0430": "a",
        "\u0441": "c", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0455": "s",
        "\u0445": "x", "\u0443": "y", "\u0391": "A", "\u0392": "B", "\u0395": "E",
        "\u0397": "H", "\u0399": "I", "\u039a": "K", "\u039c": "M", "\u039d": "N",
        "\u039f": "O", "\u03a1": "P", "\u03a4": "T", "\u03a5": "Y", "\u03a7": "X",
        "\u0396": "Z", "\u03bf": "o", "\u03c5": "u", "\u054d": "U", "\u057d": "u",
        # Latin small capitals and Lisu letters, which NFKC leaves alone.
        "\u1d04": "C", "\ua731": "S", "\u1d1b": "T", "\u1d1c": "U", "\u0274": "N",
        "\ua730": "F", "\ua4e2": "S", "\ua4da": "C", "\ua4d4": "T", "\ua4f4": "U",
        "\ua4e0": "N", "\ua4dd": "F",
        # Parenthesis look-alikes that NFKC leaves alone (it folds full-width, small,
        # superscript and subscript ones itself).
        "\u2768": "(", "\u276a": "(", "\u27ee": "(", "\ufd3e": "(", "\u2e28": "(",
        "\u2985": "(", "\u2769": ")", "\u276b": ")", "\u27ef": ")", "\ufd3f": ")",
        "\u2e29": ")", "\u2986": ")",
    }
)  # fmt: skip

_ALLOWED = re.compile(r"[A-Za-z0-9 ,/&'.\-]+")
_ENTIRE = re.compile(
    r"(?P<lvl>TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|TS|S|C|U) ?- ?ENTIRE TEXT"
)
_NATO_PORTION = re.compile(r"// ?(?P<code>CTS-BALK|CTS-B|CTSA|CTS|NSAT|NS|NCA|NC|NR|NU)(?=$|[ /])")
_FOREIGN_PORTION = re.compile(
    r"// ?(?P<owner>[A-Z][A-Z.]+(?: [A-Z]+)*?) "
    r"(?P<lvl>TOP SECRET|SECRET|CONFIDENTIAL|RESTRICTED|UNCLASSIFIED|TS|S|C|R|U)"
    r"(?P<cc>(?: [A-Z]{3,4})*)(?=$| ?/)"
)
_LEGACY_FGI = re.compile(r"(?P<cc>[A-Z]{2,4}) ?- ?(?P<lvl>TS|S|C|R|U)")
_HEAD = re.compile(
    r"(?P<word>TOP ?SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|RESTRICTED)"
    r"|(?P<sbunf>SBU(?: ?(?://?|-) ?| )?N(?:OFORN|F)?)(?![A-Z])"
    r"|(?P<sbu>SBU|LOU|CUI)"
    r"|(?P<code>TS|S|C|U|R)"
)
_COMPACT = re.compile(r"(?:NF|NOFORN)(?=$|[ /,\-])")
_PIECE_SPLIT = re.compile(r" *//* *")
_NOFORN_PHRASE = re.compile(r"NOT\s+RELEASABLE\s+TO\s+FOREIGN\s+NATIONALS", re.I)
_REL_IN_PIECE = re.compile(r"(?:^|(?<=[ \-]))REL(?:EASABLE)?(?: TO)?(?=$| )(?P<list>.*)")
_FGI_PIECE = re.compile(r"FGI(?P<cc>(?: [A-Z]{2,4})*)")
_WORD_SPLIT = re.compile(r"[ \-]+")
_REL_TRAILER = re.compile(
    r"(?:^|[ ,\-]+)(?=(?:"
    + "|".join(sorted((re.escape(k) for k in _ALIASES if " " not in k), key=len, reverse=True))
    + r")(?:$|[ ,\-]))"
)
_TRAILER_SPLIT = re.compile(r"[ ,\-]+")
_NO_LEVEL_SPLIT = re.compile(r"[ ,/\-]+")
# ``(N/SF)``: a scramble of a level letter and NF (09KABUL1892).
_SCRAMBLE = re.compile(r"(?=[^N]*N)(?=[^F]*F)(?=.*[SCUT])[SCUTNF]{1,3}(?:[/\-][SCUTNF]{1,3})+")


@functools.lru_cache(maxsize=4096)
def parse_portion_mark(text: str) -> Marking | None:
    """Read a portion mark as it stands in the document at a portion position.

    Accepts canonical CAPCO marks (``(S//NF)``, ``(TS//SI/TK//NF)``,
    ``(C//REL TO USA, GBR)``), State forms (``(SBU)``, ``(SBU-NF)``, ``(SBU/N)``), the
    legacy and sloppy spellings of real cables (``(S/NF)``, ``(s/nf)``, ``(S-NF)``,
    ``(C NF)``, ``(SNF)``, ``( C )``, ``(secret//rel germany)``,
    ``(S/REL FRANCE, BRITAIN, ... AND QATAR)``, ``(C - ENTIRE TEXT)``), foreign and
    NATO forms (``(//GBR S)``, ``(//NS)``, ``(GBR-C)``) and the open-paren-less
    ``C)``. Results are cached (bounded LRU) because a handful of spellings recur.

    Args:
        text: The parenthesised candidate, exactly as written.

    Returns:
        ``None`` when the text is not a classification marking (list labels such as
        ``(a)`` or ``(iv)``, notes, words, acronyms such as ``(UNHCR)``); a marking with
        ``level=None`` when it clearly is one but its level cannot be read (``(N/SF)``,
        ``(/Rel UK)``, look-alike characters); otherwise the marking. Never raises.
    """
    s = text.strip()
    if "\n" in s:
        # A REL TO list may wrap onto the next line (08STATE79112); raw keeps the break.
        s = " ".join(s.split())
    if not s.isascii() or not s.isprintable():
        s = s.translate(_MARK_TYPOGRAPHY).strip()
        if not s.isascii() or _CONTROL.search(s):
            # A look-alike is read only to decide *whether* it is a mark, never *what* it
            # says: a reading would trust the very characters that may be a disguise.
            if (
                _parse_ascii_portion(_skeleton(s), text) is None
                and _parse_ascii_portion(_skeleton(s.translate(_U_LIKE)), text) is None
            ):
                return None
            return Marking(None, raw=text, warnings=("confusable_characters",))
    return _parse_ascii_portion(s, text)


def _skeleton(text: str) -> str:
    """ASCII look-alike of ``text``: NFKC, look-alike letters, no marks, Cf or controls."""
    folded = unicodedata.normalize("NFKC", text).translate(_CONFUSABLES)
    return "".join(
        ch
        for ch in unicodedata.normalize("NFKD", folded)
        if unicodedata.category(ch) not in ("Mn", "Cf", "Cc")
    )


def _parse_ascii_portion(s: str, raw: str) -> Marking | None:
    """Unwrap the parentheses, normalise case and spacing, and dispatch on the form."""
    warnings: list[str] = []
    opens, closes = s.startswith("("), s.endswith(")")
    if opens and closes:
        body = s[1:-1]
    elif opens or closes:
        body = s[1:] if opens else s[:-1]
        warnings.append("malformed_portion")  # "1. C) Content" ([CM] data-clean)
    else:
        return None
    if not _ALLOWED.fullmatch(body):
        return None
    inner = body.upper()
    if inner != body:
        # Lower-case marks after a paragraph number are real ("3. (s/nf)", README).
        warnings.append("lower_case")
    stripped = " ".join(inner.split())
    if stripped != inner:
        warnings.append("nonstandard_spacing")  # "( C )", "(C )"
    inner = stripped
    if inner == "R" and body.strip() == "r":
        return None  # "(r)" is an enumeration label; only upper-case R is a foreign level
    if inner == "UNKNOWN" and body.strip() == inner:
        # Our own portion form for an unknown marking reads back as unknown.
        warnings.append("unreadable_level")
        return Marking(None, raw=raw, warnings=tuple(warnings))

    entire = _ENTIRE.fullmatch(inner)
    if entire:
        warnings.append("entire_text")  # whole-text form, 79TEHRAN8980; MARKINGS §1.3
        return _finish(_LEVEL_TOKENS[entire["lvl"]], set(), None, raw, warnings)
    if inner.startswith("//"):
        return _parse_foreign_portion(inner, raw, warnings)
    legacy = _LEGACY_FGI.fullmatch(inner)
    if legacy and (
        legacy["cc"] == "FGI"
        or legacy["cc"] in _COUNTRY_NAMES
        or (len(legacy["cc"]) == 3 and legacy["cc"] not in ("SBU", "LES", "LOU", "CUI"))
    ):
        # Older 32 CFR FGI form "(GBR-C)" / "(FGI-C)" / "(UK-C)", 2001.24(c).
        owner = legacy["cc"]
        fgi = {"FGI" if owner == "FGI" else "FGI " + _country(owner)[0]}
        warnings.append("legacy_fgi_form")
        return _finish(_read_level(legacy["lvl"], warnings), fgi, None, raw, warnings)
    return _parse_us_portion(inner, raw, warnings)


def _parse_us_portion(inner: str, raw: str, warnings: list[str]) -> Marking | None:
    """``LEVEL [sep CONTROLS]``, the U.S. and State forms (MARKINGS §1.3, CABLES §b.4)."""
    head = _HEAD.match(inner)
    rest = inner[head.end() :] if head else ""
    compact = False
    if head and rest and rest[0] not in " /-,":
        compact = head["code"] is not None and _COMPACT.match(rest) is not None
        if not compact:
            head = None  # "(SECRETARY)", "(US)", "(CIA)": no level at a word boundary
    if head is None:
        return _parse_levelless(inner, raw, warnings)

    controls: set[str] = set()
    if head["word"]:
        level = _read_level(head["word"], warnings)
        warnings.append("long_form_in_portion")
    elif head["sbunf"]:
        level = _U
        controls.add("SBU NOFORN")
    elif head["sbu"]:
        level = _U
        controls.add("CUI" if head["sbu"] == "CUI" else "SBU")
        if head["sbu"] == "LOU":
            warnings.append("lou_as_sbu")  # pre-SBU State designation (12 FAM 540)
    else:
        level = _read_level(head["code"], warnings)

    if compact:
        warnings.append("nonstandard_separator")  # "(SNF)", 09TRIPOLI1025
        tail = rest
    else:
        tail = _read_separator(rest, warnings)
    return _read_controls(level, controls, tail, raw, warnings)


def _read_separator(rest: str, warnings: list[str]) -> str:
    """Consume the separator after the level; returns the controls text after it."""
    if not rest:
        return ""
    stripped = rest.lstrip(" ")
    mark = ""
    if stripped.startswith("/"):
        mark = stripped[: len(stripped) - len(stripped.lstrip("/"))]
    elif stripped[:1] in ("-", ","):
        mark = stripped[0]
    remainder = stripped[len(mark) :]
    tail = remainder.lstrip(" ")
    if mark == "/":
        warnings.append("single_slash")  # legacy "(S/NF)"; canonical is "//" (§1.3)
    elif mark != "//":
        warnings.append("nonstandard_separator")  # "(S-NF)", "(C NF)", "(S///NF)"
    if mark in ("/", "//") and len(tail) + len(mark) != len(rest):
        warnings.append("nonstandard_spacing")  # "(S // NF)"
    if not tail:
        warnings.append("malformed_portion")  # "(S//)"
    return tail


def _read_level(token: str, warnings: list[str]) -> Level:
    if token in ("R", "RESTRICTED"):
        warnings.append("restricted_as_confidential")  # 12 FAM 534.1(d)
    return _LEVEL_TOKENS[token]


def _parse_foreign_portion(inner: str, raw: str, warnings: list[str]) -> Marking:
    """``(//NS)``, ``(//GBR S)``, ``(//FGI S)``, ``(//JOINT S USA GBR)`` (MARKINGS §1.3, §7)."""
    nato = _NATO_PORTION.match(inner)
    if nato:
        level, addon, restricted = _NATO_CODES[nato["code"]]
        if restricted:
            warnings.append("restricted_as_confidential")  # 12 FAM 534.1(d)
        controls = {"NATO"} if addon is None else {"NATO", addon}
        return _read_controls(level, controls, inner[nato.end() :], raw, warnings)
    foreign = _FOREIGN_PORTION.match(inner)
    if foreign:
        owner = foreign["owner"]
        level = _read_level(foreign["lvl"], warnings)
        tail = inner[foreign.end() :]
        if owner == "JOINT":
            countries = [_country(cc)[0] for cc in foreign["cc"].split()]
            joint = "JOINT " + " ".join(_sort_rel(countries))
            return _read_controls(level, {joint}, tail, raw, warnings)
        if not foreign["cc"]:
            code, known = _country(owner)
            if not (known or owner == "FGI"):
                warnings.append("unknown_rel_token")  # owner kept as written
            control = "FGI" if owner == "FGI" else "FGI " + code
            return _read_controls(level, {control}, tail, raw, warnings)
    # Anything else opening with "//" is a foreign or NATO mark that cannot be read.
    warnings.append("unreadable_level")
    return Marking(None, raw=raw, warnings=tuple(dict.fromkeys(warnings)))


def _parse_levelless(inner: str, raw: str, warnings: list[str]) -> Marking | None:
    """No level could be read: decide between *not a marking* and *unknown marking*."""
    if inner in ("FOUO", "FOR OFFICIAL USE ONLY"):
        # FOUO is unclassified by definition (ISM-ID-00030); the old DoD "(FOUO)" mark.
        warnings.append("missing_level")
        return _finish(_U, {"FOUO"}, None, raw, warnings)
    tokens = _NO_LEVEL_SPLIT.split(inner)
    if not _STRONG.isdisjoint(tokens) or _SCRAMBLE.fullmatch(inner):
        warnings.append("unreadable_level")
        return Marking(None, raw=raw, warnings=tuple(dict.fromkeys(warnings)))
    return None


def _read_controls(
    level: Level | None,
    controls: set[str],
    tail: str,
    raw: str,
    warnings: list[str],
) -> Marking:
    """Read the categories after the level (split on ``/`` and ``//``) and finish."""
    rel: list[str] | None = None
    conflicting = unreadable = False
    for part in _PIECE_SPLIT.split(tail) if tail else ():
        piece = part
        tokens: list[str] = []
        # The spelled-out NOFORN contains "RELEASABLE TO": read it before any REL list,
        # or "(S//NOT RELEASABLE TO FOREIGN NATIONALS)" would read as a REL TO list.
        noforn = _NOFORN_PHRASE.search(piece)
        if noforn:
            controls.add("NOFORN")
            warnings.append("long_form_in_portion")
            piece = (piece[: noforn.start()] + piece[noforn.end() :]).strip(" -")
        rel_match = _REL_IN_PIECE.search(piece)
        if rel_match:
            listed = rel_match["list"].strip()
            # Controls written after the list without a slash ("REL FRANCE NF") must not
            # be swallowed as country names.
            trailer = _REL_TRAILER.search(listed)
            if trailer:
                tokens = [t for t in _TRAILER_SPLIT.split(listed[trailer.end() :]) if t]
                listed = listed[: trailer.start()]
            if listed:
                rel = _merge_rel(rel, _rel_items(listed, warnings), warnings)
                canonical = "REL TO " + ", ".join(_sort_rel(_rel_items(listed, [])))
                if rel_match.group(0) != canonical:
                    warnings.append("nonstandard_rel")
            else:
                warnings.append("rel_without_list")  # bare REL = the banner's list
            piece = piece[: rel_match.start()].rstrip(" -")
        if piece:
            tokens = _tokens(piece) + tokens
        for token in tokens:
            kind, value = _classify(token, portion=True)
            if kind == "control":
                controls.add(value)
                if value in _CONTROLS and token != _CONTROLS[value][2]:
                    warnings.append("long_form_in_portion")  # "(S/NOFORN)", 06SKOPJE105
            elif kind == "level":
                conflicting |= _LEVEL_TOKENS[value] != level
                warnings.append("duplicate_level")  # "(S//SECRET)" or a conflict
            else:
                unreadable = True
    if unreadable:
        warnings.append("unreadable_controls")
    if conflicting:
        # Two different levels in one mark ("(U/S)"): the level cannot be read.
        warnings.append("conflicting_levels")
        level = None
    return _finish(level, controls, rel, raw, warnings)


def _merge_rel(old: list[str] | None, new: list[str], warnings: list[str]) -> list[str]:
    """A second REL TO list in one marking narrows the first (fail closed)."""
    if old is None:
        return new
    warnings.append("multiple_rel")
    return ["USA", *(_decompose(old) & _decompose(new))]


def _tokens(piece: str) -> list[str]:
    """A piece is one control phrase, or several separated by spaces or single dashes."""
    if _classify(piece, portion=True)[0] != "unknown":
        return [piece]
    return [token for token in _WORD_SPLIT.split(piece) if token]


def _classify(token: str, *, portion: bool) -> tuple[str, str]:
    """Classify one token: ("control", banner form) | ("level", token) | ("unknown", token)."""
    alias = _ALIASES.get(token)
    if alias is not None:
        return "control", alias
    if _SCI_RE.fullmatch(token) or _SAP_RE.fullmatch(token):
        return "control", token
    fgi = _FGI_PIECE.fullmatch(token)
    if fgi and all(cc not in _ALIASES and cc not in _LEVEL_TOKENS for cc in fgi["cc"].split()):
        countries = sorted({_country(cc)[0] for cc in fgi["cc"].split()})
        return "control", " ".join(["FGI", *countries])
    if token in _LEVEL_TOKENS and (portion or len(token) > 2):
        return "level", token
    return "unknown", token


# --------------------------------------------------------------------------------------
# Banner and cable classification lines
# --------------------------------------------------------------------------------------


def _tolerant(phrase: str, *, drop_first: bool = False) -> str:
    """Letters may be spaced or hyphenated (``S E C R E T``, ``E-C``); O may be OCR'd 0."""
    words = []
    for index, word in enumerate(phrase.split(" ")):
        letters = ["[O0]" if ch == "O" else ch for ch in word]
        if drop_first and index == 0:
            letters = letters[1:]
        words.append(r"[ \-]?".join(letters))
    return r"[ \-]?\s{0,3}".join(words)


_CLASS_WORDS: tuple[tuple[str, Level], ...] = (
    ("TOP SECRET", _TS),
    ("SECRET", _S),
    ("CONFIDENTIAL", _C),
    ("UNCLASSIFIED", _U),
    ("UNCLAS", _U),
    ("LIMITED OFFICIAL USE", _U),
)


def _class_regex(*, drop_first: bool) -> re.Pattern[str]:
    words = _CLASS_WORDS[:-1] if drop_first else _CLASS_WORDS
    alternatives = "|".join(
        f"(?P<w{index}>{_tolerant(word, drop_first=drop_first)})"
        for index, (word, _) in enumerate(words)
    )
    return re.compile(rf"(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)


_CLASS_LEVELS = dict(_CLASS_WORDS)
_GAPS = re.compile(r"[ \-]+")
_CLASS_CLEAN = _class_regex(drop_first=False)
_CLASS_TRUNCATED = _class_regex(drop_first=True)  # "E C R E T", "O N F I D E N T I A L"
_NATO_BANNER = re.compile(
    r"(?://\s*)?(?P<nato>COSMIC\s+TOP\s+SECRET|NATO\s+(?:SECRET|CONFIDENTIAL|RESTRICTED|UNCLASSIFIED))"
    r"(?:\s*//\s*(?P<addon>ATOMAL|BOHEMIA|BALK))?(?![A-Z0-9])"
)
_FOREIGN_BANNER = re.compile(
    r"//\s*(?P<owner>JOINT|[A-Z]{3,4})\s+(?P<lvl>TOP\s+SECRET|SECRET|CONFIDENTIAL|RESTRICTED|UNCLASSIFIED)"
    r"(?P<cc>(?:\s+[A-Z]{3,4}(?![A-Z]))*)(?![A-Z0-9])"
)
_UK_OFFICIAL = re.compile(r"OFFICIAL[ \-]SENSITIVE(?![A-Z0-9])")
_CUI_BANNER = re.compile(r"CUI(?![A-Za-z0-9])")
_RESTRICTED_BANNER = re.compile(r"RESTRICTED(?![A-Za-z0-9])")
_HANDLING = re.compile(
    r"[ \t,]+(?P<h>NOFORN|EXDIS|NODIS|LIMDIS|SIPDIS|STADIS|E ?F ?T ?O"
    r"|SENSITIVE(?:\s+BUT\s+UNCLASSIFIED)?|NOT\s+FOR\s+INTERNET\s+DISTRIBUTION)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_CABLE_TAIL_PATTERN = (
    r"\s+(?:SECTION\s+\d{1,2}\s+OF\s+\d{1,2}\s+)?(?:\d{2}\s+)?[A-Z][A-Z .'\-]*?\s+\d{3,8}(?![0-9])"
)
_CABLE_TAIL = re.compile(_CABLE_TAIL_PATTERN, re.IGNORECASE)
_CABLE_TAIL_UPPER = re.compile(_CABLE_TAIL_PATTERN)
_COUNTRY_ALTERNATION = "|".join(
    re.escape(name) for name in sorted(_COUNTRY_NAMES, key=len, reverse=True) if " " in name
)
_REL_ITEM = rf"(?:{_COUNTRY_ALTERNATION}|[A-Z]{{2,4}})"
_BANNER_TOKEN = re.compile(
    rf"""\s*(?:
        (?P<rel>REL(?:EASABLE)?\s+TO\s+(?P<list>{_REL_ITEM}(?:\s*,\s*{_REL_ITEM})*))
      | (?P<relbare>REL(?:EASABLE)?(?:\s+TO)?)
      | (?P<decl>\d{{8}}|MR|OADR|X[1-8]|25X[1-9](?:-HUMAN)?|50X[12]-(?:HUM|WMD))
      | (?P<fgi>FGI(?:\s+[A-Z]{{3,4}}(?![A-Z]))*)
      | (?P<word>FOR\s+OFFICIAL\s+USE\s+ONLY|SENSITIVE\s+BUT\s+UNCLASSIFIED
          |(?:SBU|LES)[\s\-]NOFORN|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)
    )(?![A-Z0-9])""",
    re.VERBOSE,
)
_SLASHES = re.compile(r"\s*//\s*")
_NATO_PORTION_HEAD_BY_WORD = {
    "COSMIC TOP SECRET": "CTS",
    "NATO SECRET": "NS",
    "NATO CONFIDENTIAL": "NC",
    "NATO RESTRICTED": "NR",
    "NATO UNCLASSIFIED": "NU",
}


@functools.lru_cache(maxsize=4096)
def parse_banner(text: str) -> Marking | None:
    """Read the classification at the start of a banner or cable classification line.

    Reads CAPCO banners (``TOP SECRET//SI//NOFORN``, ``SECRET//REL TO USA, GBR``,
    ``UNCLASSIFIED//FOR OFFICIAL USE ONLY``, legacy ``…//20291123`` declassification
    fields), foreign banners (``//JOINT SECRET USA GBR``, ``//GBR SECRET``,
    ``COSMIC TOP SECRET``), and State cable lines in every corpus spelling: spaced
    (``S E C R E T``), lower-case spaced (``S e c r e t``), doubled or stray first letters
    (``SS E C R E T``, ``CSE C R E T`` - the higher reading wins), truncated
    (``E C R E T``), irregularly spaced (``C ONFIDENTIAL``), OCR noise
    (``T 0 p S E-C R E T``). Handling words right after the classification
    (``NOFORN``, ``EXDIS``, ``NODIS``, ``LIMDIS``, ``SENSITIVE``) and right after the
    post and serial (``… BOGOTA 000243 SIPDIS NOFORN``) add their controls; ``SECTION nn OF
    nn``, the post and the serial are otherwise ignored.

    Args:
        text: A line (or the rest of a line) of the document.

    Returns:
        The marking, with ``raw`` the classification part exactly as written (from the
        first non-blank character), or ``None`` when the text does not start with a
        classification (``SIPDIS``, ``TAGS: …``, ``CONFIDENTIALITY …``). A line that
        reads as a banner only after folding look-alike characters (Cyrillic ``С``,
        full-width letters, zero-width characters) is unknown, with ``raw`` the whole
        stripped line. Never raises.
    """
    marking = _parse_banner(text)
    if marking is not None and _WIDE_SPACES.search(marking.raw):
        # "S\u00a0E\u00a0C\u00a0R\u00a0E\u00a0T": a NBSP inside the banner, as inside a
        # portion mark, makes it unknown rather than read through.
        return Marking(None, raw=marking.raw, warnings=("confusable_characters",))
    if (
        marking is None
        and (not text.isascii() or _CONTROL.search(text) is not None)
        and _parse_banner(_skeleton(text.translate(_TYPOGRAPHY))) is not None
    ):
        return Marking(None, raw=text.strip(), warnings=("confusable_characters",))
    return marking


def _parse_banner(text: str) -> Marking | None:
    start = len(text) - len(text.lstrip())
    line = text[start:].translate(_TYPOGRAPHY) if not text.isascii() else text[start:]
    warnings: list[str] = []
    controls: set[str] = set()

    nato = _NATO_BANNER.match(line)
    if nato:
        level = _NATO_CODES[_NATO_PORTION_HEAD_BY_WORD[" ".join(nato["nato"].split())]][0]
        if "RESTRICTED" in nato["nato"]:
            warnings.append("restricted_as_confidential")  # 12 FAM 534.1(d)
        controls.add("NATO")
        if nato["addon"]:
            controls.add(nato["addon"])
        return _banner_tail(line, nato.end(), level, controls, warnings, text=text, start=start)
    foreign = _FOREIGN_BANNER.match(line)
    if foreign:
        level = _read_level(" ".join(foreign["lvl"].split()), warnings)
        countries = [_country(cc)[0] for cc in foreign["cc"].split()]
        if foreign["owner"] == "JOINT":
            controls.add("JOINT " + " ".join(_sort_rel(countries)))
        elif foreign["owner"] == "FGI" and not countries:
            controls.add("FGI")
        else:
            controls.add("FGI " + " ".join(sorted({foreign["owner"], *countries})))
        return _banner_tail(line, foreign.end(), level, controls, warnings, text=text, start=start)
    official = _UK_OFFICIAL.match(line)
    if official:
        # UK OFFICIAL-SENSITIVE has no U.S. equivalent; a policy must map it (MARKINGS §7).
        warnings.append("foreign_level")
        raw = text[start : start + official.end()]
        return Marking(None, ("FGI GBR",), raw=raw, warnings=tuple(warnings))
    if _CUI_BANNER.match(line):
        controls.add("CUI")  # 32 CFR 2002.20: CUI is unclassified
        return _banner_tail(line, 3, _U, controls, warnings, text=text, start=start)
    if _RESTRICTED_BANNER.match(line):
        level = _read_level("RESTRICTED", warnings)
        return _banner_tail(line, 10, level, controls, warnings, text=text, start=start)

    found = _match_class(line, warnings)
    if found is None:
        return None
    level, end, word = found
    matched = line[:end]
    spaced = sum(ch in " -" for ch in matched) >= len(matched.replace(" ", "")) // 2
    if any(ch.islower() for ch in matched):
        warnings.append("lower_case")
        rest = line[end:]
        # Unspaced mixed-case "Secret talks were held" is prose, not a banner: accept it
        # only when what follows is a banner or cable tail.
        if not spaced and not (
            not rest.strip() or rest.lstrip().startswith("//") or _CABLE_TAIL_UPPER.match(rest)
        ):
            return None
    if "0" in matched or "-" in matched:
        warnings.append("ocr_noise")  # MARKINGS §1.2: accept, warn, never downgrade
    if word == "LIMITED OFFICIAL USE":
        controls.add("SBU")
        warnings.append("lou_as_sbu")  # pre-SBU State designation (12 FAM 540)
    return _banner_tail(line, end, level, controls, warnings, text=text, start=start)


def _match_class(line: str, warnings: list[str]) -> tuple[Level, int, str] | None:
    """Find the classification word; for garbled lines take the highest reading."""
    clean = _CLASS_CLEAN.match(line)
    if clean:
        word = _class_word(clean)
        if not _regular_spacing(clean.group(0), word):
            warnings.append("garbled_banner")  # "SE C R E T", "C ONFIDENTIAL"
        return _word_level(word), clean.end(), word
    # Doubled or stray first letters glued to the word ("SS E C R E T", "CSE C R E T",
    # "UUNCLAS"), or a lost first letter ("E C R E T"). Never downgrade: keep the
    # highest of the candidate readings.
    candidates: list[tuple[Level, int, str]] = []
    for skip in (1, 2):
        if len(line) > skip and line[:skip].upper().strip("CSTU") == "":
            garbled = _CLASS_CLEAN.match(line, skip)
            if garbled:
                word = _class_word(garbled)
                candidates.append((_word_level(word), garbled.end(), word))
    truncated = _CLASS_TRUNCATED.match(line)
    if truncated:
        word = _class_word(truncated)
        candidates.append((_word_level(word), truncated.end(), word))
    if not candidates:
        return None
    warnings.append("garbled_banner")
    return max(candidates, key=lambda candidate: candidate[0])


def _class_word(match: re.Match[str]) -> str:
    index = int(next(name for name, value in match.groupdict().items() if value)[1:])
    return _CLASS_WORDS[index][0]


def _word_level(word: str) -> Level:
    return _CLASS_LEVELS[word]


def _regular_spacing(matched: str, word: str) -> bool:
    """Either no letter is spaced (``TOP SECRET``) or every one is (``S E C R E T``)."""
    letters = sum(ch.isalnum() for ch in matched)
    words = word.count(" ") + 1
    gaps = len(_GAPS.findall(matched))
    return gaps <= words - 1 or gaps >= letters - 1 - (words - 1)


def _banner_tail(
    line: str,
    pos: int,
    level: Level,
    controls: set[str],
    warnings: list[str],
    *,
    text: str,
    start: int,
) -> Marking:
    """Read handling words and ``//`` categories after the classification word.

    Args:
        line: The line from its first non-blank character (typography normalised).
        pos: Where the classification word ends in ``line``.
        level: The level read.
        controls: Controls read so far (updated).
        warnings: Warnings so far (updated).
        text: The original text, for ``raw``.
        start: Offset of ``line`` in ``text``.
    """
    upper = line.upper()
    rel: list[str] | None = None
    end = pos
    while True:
        handling = _HANDLING.match(line, pos)
        if handling:
            _add_handling(handling["h"].upper(), level, controls, warnings)
            pos = end = handling.end()
            continue
        slashes = _SLASHES.match(upper, pos)
        if not slashes:
            break
        pos, end, rel = _banner_category(upper, slashes.end(), controls, warnings, rel)
    # Captions flattened onto the banner line after the serial
    # ("S E C R E T BOGOTA 000243 SIPDIS NOFORN", 10BOGOTA243).
    tail = _CABLE_TAIL.match(line, end)
    if tail:
        pos = tail.end()
        while handling := _HANDLING.match(line, pos):
            _add_handling(handling["h"].upper(), level, controls, warnings)
            pos = handling.end()
    raw = text[start : start + len(line[:end].rstrip())]
    return _finish(level, controls, rel, raw, warnings)


def _banner_category(
    upper: str, pos: int, controls: set[str], warnings: list[str], rel: list[str] | None
) -> tuple[int, int, list[str] | None]:
    """Read one ``//`` category (values joined by ``/``); returns (pos, end, rel)."""
    while True:
        noforn = _NOFORN_PHRASE.match(upper, pos)
        if noforn:
            controls.add("NOFORN")  # the spelled-out form, before REL TO can claim it
            pos = noforn.end()
            if not (upper.startswith("/", pos) and not upper.startswith("//", pos)):
                return pos, pos, rel
            pos += 1
            continue
        token = _BANNER_TOKEN.match(upper, pos)
        if token is None:
            warnings.append("unreadable_controls")
            nxt = upper.find("//", pos)
            pos = len(upper) if nxt < 0 else nxt
            return pos, len(upper[:pos].rstrip()), rel
        pos = token.end()
        if token["rel"]:
            rel = _merge_rel(rel, _rel_items(token["list"], warnings), warnings)
        elif token["relbare"]:
            warnings.append("rel_without_list")
        elif token["decl"]:
            # Pre-2009 ISM banners carry the declassification instruction; it is not a
            # control (IC-ISM-SecurityBanner.xsl; MARKINGS §1.1).
            warnings.append("legacy_banner_declass")
        else:
            phrase = " ".join((token["fgi"] or token["word"]).split())
            kind, value = _classify(phrase, portion=False)
            if kind != "control":
                warnings.append("unreadable_controls")
            else:
                controls.add(value)
                if value in _CONTROLS and phrase == _CONTROLS[value][2] != value:
                    warnings.append("short_form_in_banner")  # "SECRET//NF"
        if not (upper.startswith("/", pos) and not upper.startswith("//", pos)):
            return pos, pos, rel
        pos += 1


def _add_handling(word: str, level: Level, controls: set[str], warnings: list[str]) -> None:
    word = " ".join(word.split())
    if word.startswith("SENSITIVE"):
        if level == _U:
            controls.add("SBU")  # UNCLAS + SENSITIVE = SBU (07TBILISI2290 in [CM])
        else:
            warnings.append("sbu_requires_u")  # ISM-ID-00037
    elif word in ("NOFORN", "EXDIS", "NODIS", "LIMDIS"):
        controls.add(word)
    # SIPDIS, STADIS, EFTO, NOT FOR INTERNET DISTRIBUTION: State distribution captions,
    # not CAPCO controls (MARKINGS §2.2 item 10; 5 FAH-2 H-222).


# --------------------------------------------------------------------------------------
# Caption lines
# --------------------------------------------------------------------------------------

_CAPTION_WORD = (
    r"(?:NOFORN|EXDIS|NODIS|LIMDIS|SIPDIS|STADIS|E ?F ?T ?O"
    r"|SENSITIVE(?:\s+BUT\s+UNCLASSIFIED)?|NOT\s+FOR\s+INTERNET\s+DISTRIBUTION)"
)
_CAPTION = re.compile(
    rf"(?P<words>{_CAPTION_WORD}(?:[\s,]+{_CAPTION_WORD})*)?"
    r"(?:[\s,]*REL(?:EASABLE)?\s+TO\s+(?P<list>[A-Z][A-Z .,&']*?))?"
    r"(?:\s*-{1,2}\s*(?:PLEASE\s+)?(?:HANDLE|PROTECT)\s+ACCORDINGLY)?"
    r"[\s.\\]*"
)
_CAPTION_SPLIT = re.compile(rf"(?:[\s,]+)?({_CAPTION_WORD})")


_AGENCY_SENSITIVE = re.compile(r"(?:[A-Z]{2,5}|LAW ENFORCEMENT) SENSITIVE")


@functools.lru_cache(maxsize=1024)
def parse_caption(text: str) -> Caption | None:
    """Read a whole line of cable handling captions (MARKINGS §1.2 companion lines).

    Recognised: ``NOFORN``, ``EXDIS``, ``NODIS``, ``LIMDIS`` (controls; EXDIS/NODIS add
    NOFORN), ``SENSITIVE`` / ``SENSITIVE BUT UNCLASSIFIED`` (``SBU``), ``RELEASABLE TO …``
    / ``REL TO …`` (REL TO list), and the distribution captions ``SIPDIS``, ``STADIS``,
    ``EFTO``, ``NOT FOR INTERNET DISTRIBUTION`` (read, no control). The whole line must
    consist of captions (upper case, as cables write them), so prose such as
    ``SENSITIVE INFORMATION ABOUT …`` is not a caption.

    Args:
        text: One line of the document.

    Returns:
        The caption, or ``None`` when the line is not a caption line. Never raises.
    """
    stripped = text.strip()
    if _AGENCY_SENSITIVE.fullmatch(stripped):
        # Agency sensitivity captions ("DEA SENSITIVE", "LAW ENFORCEMENT SENSITIVE") mark
        # unclassified but sensitive text: SBU-type (12 FAM 540), so they restrict as
        # SENSITIVE does rather than being ignored.
        return Caption(("SBU",), (), stripped, ("agency_sensitive",))
    match = _CAPTION.fullmatch(stripped)
    if not stripped or match is None or not (match["words"] or match["list"]):
        return None
    controls: set[str] = set()
    warnings: list[str] = []
    for word in _CAPTION_SPLIT.findall(match["words"] or ""):
        _add_handling(word, _U, controls, warnings)
    rel: list[str] | None = None
    if match["list"]:
        rel = _rel_items(match["list"], warnings)
    marking = _finish(None, controls, rel, stripped, warnings)
    return Caption(marking.controls, marking.rel_to, stripped, marking.warnings)


# --------------------------------------------------------------------------------------
# Roll-up
# --------------------------------------------------------------------------------------


def _canonical(control: str) -> str:
    return _ALIASES.get(control, control)


def roll_up(markings: Iterable[Marking]) -> Marking:
    """Compute the overall (banner) marking of a set of portions (MARKINGS §2.2).

    Rules, with their ODNI ISM Schematron ids: the level is the highest (32 CFR
    2001.21(b)(2); ISM-ID-00056/58/59); SCI, SAP, AEA, FGI and additive dissem controls
    (ORCON, IMCON, PROPIN, RSEN, DSEN, FISA) are unions; FOUO only on an unclassified
    result without SBU/LES (00066); NOFORN if any portion has it, or a classified result
    has an SBU/LES NOFORN portion (00087/00146), or EXDIS/NODIS is present (00313/00314),
    or the REL TO lists have no foreign country in common; REL TO is the intersection of
    the classified or FD&R-marked portions' lists, tetragraphs FVEY/ACGU/TEYE decomposed
    and opaque ones (NATO) kept only when in every list (00088, 00318); a classified
    portion without FD&R marking drops REL TO (warning ``rel_to_dropped``); plain
    unclassified portions do not affect releasability; RELIDO only when every classified
    portion has it (00132); NODIS absorbs EXDIS (00085/00086); SBU / SBU NOFORN only on
    an unclassified result (00104/00105). NATO or JOINT portions mixed with U.S.
    classified portions add ``requires_review`` (MARKINGS §2.2 item 11).

    An unknown input (``level is None``) makes the result unknown: never understate.

    Args:
        markings: Portion markings (and banner or caption markings to fold in).

    Returns:
        The rolled-up marking; ``Marking(Level.UNCLASSIFIED)`` for no input.
    """
    items = tuple(markings)
    if not items:
        return Marking(_U)
    warnings: list[str] = []
    unknown = any(m.level is None for m in items)
    if unknown:
        warnings.append("unknown_portion")
    levels = [_TS if m.level is None else m.level for m in items]
    level = max(levels)
    classified = level > _U
    portion_controls = [{_canonical(c) for c in m.controls} for m in items]
    union: set[str] = set().union(*portion_controls)

    out = {
        c
        for c in union
        if c in _ADDITIVE or _control_key(c)[0] in (_OWNER, _NATO_ADDON, _SCI, _SAP, _AEA, _OTHER)
    }
    owners = {c for c in union if _control_key(c)[0] == _OWNER}
    if owners and any(
        lvl > _U and owners.isdisjoint(ctrls)
        for lvl, ctrls in zip(levels, portion_controls, strict=True)
    ):
        warnings.append("requires_review")  # foreign and U.S. portions mixed (§2.2 item 11)

    fgi = {c for c in union if c.startswith("FGI")}
    if "FGI" in fgi:
        out.add("FGI")  # a concealed source conceals the whole list
    elif fgi:
        out.add(" ".join(["FGI", *sorted({cc for c in fgi for cc in c.split()[1:]})]))

    if level == _U and "FOUO" in union and union.isdisjoint(_SBU_LIKE):
        out.add("FOUO")
    noforn = (
        "NOFORN" in union
        or not union.isdisjoint({"EXDIS", "NODIS"})
        or (classified and not union.isdisjoint({"SBU NOFORN", "LES NOFORN"}))
    )
    if "NODIS" in union:
        out.add("NODIS")
    elif "EXDIS" in union:
        out.add("EXDIS")
    if level == _U:
        out |= union & {"SBU", "SBU NOFORN", "CUI"}
    if "LES NOFORN" in union:
        out.add("LES NOFORN" if level == _U else "LES")
    elif "LES" in union:
        out.add("LES")

    rel: list[str] | None = None
    if not noforn:
        rel, noforn = _roll_rel(items, levels, warnings)
    if noforn:
        out.add("NOFORN")
    elif _relido(levels, portion_controls):
        out.add("RELIDO")
    return _finish(None if unknown else level, out, rel, "", warnings)


def _roll_rel(
    items: tuple[Marking, ...], levels: list[Level], warnings: list[str]
) -> tuple[list[str] | None, bool]:
    """REL TO roll-up (ISM-ID-00088, 00318); returns (list or None, noforn)."""
    lists: list[tuple[str, ...]] = []
    missing = False
    for marking, level in zip(items, levels, strict=True):
        if marking.rel_to:
            lists.append(marking.rel_to)
        elif "rel_without_list" in marking.warnings:
            continue  # a bare REL means "the banner's list": it does not narrow it
        elif level > _U or "RELIDO" in marking.controls:
            missing = True  # classified (or FD&R-marked) without REL TO
    if not lists:
        if any("rel_without_list" in m.warnings for m in items):
            warnings.append("rel_without_list")
        return None, False
    if missing:
        warnings.append("rel_to_dropped")  # ic_strict (ICD 710, ISM-ID-00119) would say NOFORN
        return None, False
    common = set.intersection(*(_decompose(codes) for codes in lists))
    opaque = {code for codes in lists for code in codes if len(code) == 4} - set(_TETRAGRAPHS)
    if opaque - common:
        warnings.append("rel_opaque_dropped")  # membership unknown, cannot intersect
    if not common:
        warnings.append("rel_to_no_common_country")
        return None, True
    for tetragraph, members in _TETRAGRAPHS.items():
        if all(tetragraph in codes for codes in lists) and members <= common:
            common = (common - members) | {tetragraph}
    return ["USA", *common], False


def _relido(levels: list[Level], controls: list[set[str]]) -> bool:
    """RELIDO iff every classified contributing portion has it (ISM-ID-00132)."""
    pool = [c for c, level in zip(controls, levels, strict=True) if level > _U] or controls
    return all("RELIDO" in c for c in pool)
