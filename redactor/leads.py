"""What a release prints beside a withheld unit: a label and a mark from closed vocabularies.

A withheld unit becomes one line, ``¶2. (S//NF) [WITHHELD B1, 1.4(B)]``. Everything on it
before the placeholder is its *lead*: the unit's label (paragraph number, sub-paragraph
letter, bullet, ``SUBJECT:``) and its portion mark. Both come from the withheld unit, so
both are printed only through closed vocabularies (issue 13, point 8: labels carry no free
text):

* the **mark** is rebuilt from the parsed :class:`~redactor.markings.Marking`, never copied
  from the text: its level (``TS``, ``S``, ``C``, ``U``; ``SBU``, ``SBU-NF``; NATO and JOINT
  heads) and the controls of :data:`CONTROLS`, in banner order (32 CFR 2001.21(c),
  2001.24; MARKINGS.md §0.2, §2.2 item 9). A compartment or program name is never
  printed: an SCI control prints as its control system only (``SI-OSPREY`` → ``SI``,
  ``HCS-P`` → ``HCS``) and a special access program as ``SAR`` (``SAR-KINGFISHER`` →
  ``SAR``). The name of a special access program (E.O. 13526 §4.3) or of an SCI
  compartment (ICD 703/710) may itself be classified, and a printed mark is read by the
  public. A REL TO, FGI or JOINT country code prints only when it is in :data:`COUNTRIES`
  (ISO 3166-1 trigraphs, Kosovo's GENC ``XKS``) or :data:`COALITIONS` (the register's
  tetragraphs);
* a mark that was not read in full (its level, a control or a country code unreadable,
  look-alike characters, a malformed mark) may hold any text (``(Ahmed Ali NF)``), so it
  prints as a fixed form: ``(UNKNOWN)`` without a level, ``(S//UNREADABLE)`` with one. Its
  size depends on the level only, which the lead prints anyway;
* the **label** prints only when it is one of the closed grammar of :func:`printed_label`
  (``¶12.``, ``3,``, ``1.2.``, ``A.``, ``a)``, ``iv.``, ``(a)``, ``(12)``, ``(iv)``, ``-``,
  ``--``, ``•``), whitespace removed; a subject prints ``SUBJECT:``.

Everything here is pure and bounded: a function of the parsed marking or of a short label.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from redactor.markings import CONTROL_FORMS, Level, Marking

__all__ = [
    "COALITIONS",
    "CONTROLS",
    "COUNTRIES",
    "SCI_SYSTEMS",
    "SUBJECT",
    "UNKNOWN",
    "printed_banner",
    "printed_label",
    "printed_mark",
    "read_in_full",
]

# Banner categories in output order: owner (NATO, JOINT), NATO add-ons, then
# LEVEL//SCI//SAP//AEA//FGI//DISSEM//NONIC (ODNI IC-ISM-SecurityBanner.xsl; MARKINGS §2.2
# item 9), as :mod:`redactor.markings` renders them.
_OWNER, _NATO_ADDON, _SCI, _SAP, _AEA, _FGI, _DISSEM, _NONIC = range(8)
_REL_RANK: Final = 6  # REL TO's place among the dissemination controls (ISM-ID-00026)

# banner form -> (category, rank inside it, portion form): the reader's own table of the
# standard controls, so what a lead may print is what the reader can read, and no more;
# NATO is an owner, printed with the level.
CONTROLS: Final[dict[str, tuple[int, int, str]]] = {
    form: entry for form, entry in CONTROL_FORMS.items() if form != "NATO"
}
"""The control markings a lead may print (banner form → category, rank, portion form)."""

SCI_SYSTEMS: Final = frozenset({"HCS", "KDK", "RSV", "SI", "TK"})
"""SCI control systems: printed without their compartments (``SI-G`` → ``SI``)."""

SAP: Final = "SAR"
"""What a special access program prints as: never its name."""

COUNTRIES: Final = frozenset(
    {
        "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF",
        "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS",
        "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF",
        "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM", "CPV",
        "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA",
        "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM",
        "GAB", "GBR", "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD",
        "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN",
        "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ",
        "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE",
        "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX",
        "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS",
        "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL",
        "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL", "PRI", "PRK",
        "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP",
        "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR",
        "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL",
        "TKM", "TLS", "TON", "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY",
        "USA", "UZB", "VAT", "VCT", "VEN", "VGB", "VIR", "VNM", "VUT", "WLF", "WSM", "XKS", "YEM",
        "ZAF", "ZMB", "ZWE",
    }
)  # fmt: skip
"""ISO 3166-1 alpha-3 codes (all 249) and GENC ``XKS`` (Kosovo): the country codes a lead
may print in REL TO, FGI and JOINT (ISM CVEnumISMRelTo)."""

COALITIONS: Final = frozenset({"ACGU", "FVEY", "ISAF", "KFOR", "NATO", "SFOR", "TEYE"})
"""The coalition tetragraphs :mod:`redactor.markings` knows (MARKINGS.md §0.2)."""

UNKNOWN: Final = "(UNKNOWN)"
"""A mark whose level could not be read."""

SUBJECT: Final = "SUBJECT:"
"""The label of a withheld subject line, whatever the document wrote."""

# Warnings saying that part of a mark was not read as marking vocabulary. That part may be
# any text ("(Ahmed Ali NF)" is an unknown mark; "(S//REL TO USA, AHMED ALI)" keeps an
# unknown REL TO token), so it is never printed.
_UNREAD: Final = ("unreadable", "unknown", "ocr_noise", "garbled", "confusable", "malformed")

_SCI_CONTROL: Final = re.compile(r"(?P<system>[A-Z]+)(?:-[A-Z0-9]+)*")
_NATO_PORTION: Final = ("NU", "NC", "NS", "CTS")
_NATO_BANNER: Final = ("NATO UNCLASSIFIED", "NATO CONFIDENTIAL", "NATO SECRET", "COSMIC TOP SECRET")


def read_in_full(marking: Marking) -> bool:
    """Whether ``marking`` was read in full: a level, and no part left unread."""
    return marking.level is not None and not any(w.startswith(_UNREAD) for w in marking.warnings)


def _unread(level: Level | None, *, portion: bool) -> str:
    if level is None:
        return UNKNOWN if portion else "UNKNOWN"
    return f"({level.code}//UNREADABLE)" if portion else f"{level.banner_word}//UNREADABLE"


def _codes(codes: str | tuple[str, ...]) -> tuple[str, ...] | None:
    """Country codes, or ``None`` when one of them is outside the closed lists."""
    items = tuple(codes.split()) if isinstance(codes, str) else codes
    if all(code in COUNTRIES or code in COALITIONS for code in items):
        return items
    return None


@functools.lru_cache(maxsize=4096)
def _printed(marking: Marking, *, portion: bool) -> str:
    level = marking.level
    if level is None or not read_in_full(marking):
        return _unread(level, portion=portion)
    head = level.code if portion else level.banner_word
    groups: dict[int, set[tuple[int, str]]] = {}
    owners: list[str] = []
    controls = set(marking.controls)
    if portion and level is Level.UNCLASSIFIED and "SBU NOFORN" in controls:
        head = "SBU-NF"  # State form (5 FAH-1 H-246.2)
        controls.discard("SBU NOFORN")
    elif portion and level is Level.UNCLASSIFIED and "SBU" in controls:
        head = "SBU"
        controls.discard("SBU")
    for control in controls:
        entry = CONTROLS.get(control)
        if entry is not None:
            category, rank, short = entry
            groups.setdefault(category, set()).add((rank, short if portion else control))
            continue
        word, _, rest = control.partition(" ")
        if word in ("NATO", "JOINT") and (word == "NATO" or rest):
            countries = _codes(rest)
            if countries is None:
                return _unread(level, portion=portion)
            owners.append(" ".join((word, *countries)))
        elif word == "FGI":
            countries = _codes(rest)
            if countries is None:
                return _unread(level, portion=portion)
            groups.setdefault(_FGI, set()).add((0, " ".join(("FGI", *countries))))
        elif control.startswith("SAR-"):
            groups.setdefault(_SAP, set()).add((0, SAP))
        else:
            sci = _SCI_CONTROL.fullmatch(control)
            if sci is not None and sci["system"] in SCI_SYSTEMS:
                groups.setdefault(_SCI, set()).add((0, sci["system"]))
            # Anything else is no control of the closed list: it is not printed.
    if marking.rel_to:
        rel = _codes(marking.rel_to)
        if rel is None:
            return _unread(level, portion=portion)
        groups.setdefault(_DISSEM, set()).add((_REL_RANK, "REL TO " + ", ".join(rel)))
    if owners == ["NATO"]:
        head = "//" + (_NATO_PORTION if portion else _NATO_BANNER)[level.value]
    elif len(owners) == 1:
        joint = owners[0].removeprefix("JOINT ")
        head = f"//JOINT {level.code if portion else level.banner_word} {joint}"
    elif owners:
        groups[_OWNER] = {(0, owner) for owner in owners}
    parts = [head]
    for category in sorted(groups):
        parts.append("/".join(text for _, text in sorted(groups[category])))
    form = "//".join(parts)
    return f"({form})" if portion else form


def printed_mark(marking: Marking) -> str:
    """The portion mark a release prints for ``marking``: ``(S//SAR//NF)``, ``(UNKNOWN)``.

    Built from the parsed structure through the closed lists of this module, never from
    the text as written: equal readings print equally, and no word of the mark that is
    not a standard control marking (a compartment, a program, a typo, a name) prints.
    """
    return _printed(marking, portion=True)


def printed_banner(marking: Marking) -> str:
    """The same in banner form (``SECRET//SAR//NOFORN``), for reasons that name a banner."""
    return _printed(marking, portion=False)


# The label grammar: an optional pilcrow, then a number (``12``, ``12.``, ``3,``, ``1.2.``),
# a letter or a roman numeral closed by ``.`` or ``)``, one of those in parentheses, or a
# bullet. ASCII only, no spaces: what is printed is the label a reader expects, and a
# look-alike letter is not copied (it would print a character the lead does not need).
# Roman numerals 1 to 89, in one case: "civil." or "mix)" is no label.
_ROMAN = r"(?:(?=[ivxl])(?:l?x{0,3})(?:ix|iv|v?i{0,3})|(?=[IVXL])(?:L?X{0,3})(?:IX|IV|V?I{0,3}))"
_LABEL: Final = re.compile(
    rf"¶?(?:\d{{1,6}}(?:\.\d{{1,3}})*[.,]?|(?:[A-Za-z]|{_ROMAN})[.)]"
    rf"|\((?:[A-Za-z]|\d{{1,3}}|{_ROMAN})\)|-{{1,2}}|•)"
    r"|¶"
)
_MAX_LABEL: Final = 24  # longer than any label of the grammar: not even looked at


def printed_label(text: str) -> str | None:
    """``text`` as a lead prints it when it is a label of the closed grammar, else ``None``.

    Whitespace is removed (``¶ 12 .`` prints ``¶12.``); anything else is not a label.
    """
    if len(text) > _MAX_LABEL:
        return None
    label = "".join(text.split())
    return label if _LABEL.fullmatch(label) else None
