"""The documents of the issue-13 red-team suite (``test_redteam.py``): one :class:`Case` each.

Every case is a small cable or memo in the house style of ``examples/06DAMASCUS728.txt``,
built by :func:`cable` or :func:`memo`. Its text holds placeholders ``{A}``, ``{B}``, ``{C}``
that become canary words derived from the case id (``r1-p2-roman-label`` gives
``QZRBPCROMANLABELA``...). A canary stands only where a correct, fail-closed implementation
must withhold it under all three shipped policies (foia-release, declassified-only,
partner-gbr) as of 2026-12-01 with a DECL date in 2040: text governed by an S//NF, S or C
mark, an unreadable mark, or unmarked text in a SECRET//NOFORN document.

Point-10 cases (``skeleton=True``) carry no canary: the classifier's surname is written
disguised in a released (U) paragraph of a declassified document, and foia-release (the one
policy that cuts ``classified_by`` and ``signature`` names) must cut it everywhere.

Point-9 cases carry a ``twin``: the same document with the withheld text that might steer
the release replaced by neutral text. Both must release the same bytes.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

AS_OF = datetime.date(2026, 12, 1)
POLICIES = ("foia-release", "declassified-only", "partner-gbr")

ROUTING = (
    "VZCZCXYZ0000\n"
    "OO RUEHWEB\n"
    "\n"
    "DE RUEHDM #0728 0571411\n"
    "ZNY SSSSS ZZH\n"
    "O 261411Z FEB 06\n"
    "FM AMEMBASSY DAMASCUS\n"
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 7276\n"
    "INFO RUEHXX/ARAB ISRAELI COLLECTIVE PRIORITY\n"
    "RUEHGB/AMEMBASSY BAGHDAD PRIORITY 0663\n"
    "\n"
)
BY = "Classified By: Charge d'Affaires Stephen A. Seche, reasons 1.4 b/d"
DECL = "E.O. 12958: DECL: 02/26/2040"
DECL_PASSED = "E.O. 12958: DECL: 02/26/2016"
SUBJECT = "(U) SYRIA: MFA READOUT ON REGIONAL CONTACTS"
P1_U = (
    "¶1. (U) Post met MFA officials on February 26 to review the calendar of regional\n"
    "visits. The officials were courteous and the meeting was brief."
)
AUTHORITY = (
    "Classified By: Stephen A. Seche, Director, Office of Regional Analysis\n"
    "Derived From: Multiple Sources\n"
    "Reason: 1.4(b) and (d)\n"
    "Declassify On: 20400226"
)


def cable(
    *paragraphs: str,
    banner: str | None = "S E C R E T",
    caption: str | None = "NOFORN",
    decl: str | None = DECL,
    tags: str = "TAGS: PREL PTER SY",
    subject: str | None = SUBJECT,
    subject_line: str | None = None,
    refs: str | None = None,
    by: str | None = BY,
    sig: str | None = "SECHE",
    head: str = "",
) -> str:
    """A small State cable from Damascus; ``None`` leaves a line out.

    ``subject_line`` replaces the whole SUBJECT line (for marks before the colon or on the
    next line); ``head`` is inserted after the caption (extra header lines).
    """
    out = ROUTING
    if banner is not None:
        out += f"{banner} DAMASCUS 000728\n\nSIPDIS\n\n"
    if caption is not None:
        out += f"{caption}\n\n"
    out += head
    if decl is not None:
        out += f"{decl}\n"
    out += f"{tags}\n"
    if subject_line is not None:
        out += subject_line + "\n"
    elif subject is not None:
        out += f"SUBJECT: {subject}\n"
    out += "\n"
    if refs is not None:
        out += refs + "\n\n"
    if by is not None:
        out += by + "\n\n"
    out += "\n\n".join(paragraphs)
    if sig is not None:
        out += "\n" + sig
    return out + "\n"


def memo(
    *paragraphs: str,
    banner: str | None = "SECRET//NOFORN",
    bottom: str | None = "SECRET//NOFORN",
    subject: str = "(U) Regional contacts of the Syrian MFA",
    head: str = "",
    authority: str | None = AUTHORITY,
) -> str:
    """A small CAPCO memorandum: banner, addressees, subject, paragraphs, authority block."""
    out = ""
    if banner is not None:
        out += f"{banner}\n\n"
    out += (
        "                         UNITED STATES DEPARTMENT OF STATE\n"
        "                              Washington, D.C.\n\n"
        "MEMORANDUM FOR THE UNDER SECRETARY FOR POLITICAL AFFAIRS\n\n"
        "FROM:     Director, Office of Regional Analysis\n\n"
        f"{head}SUBJECT:  {subject}\n\n"
    )
    out += "\n\n".join(paragraphs) + "\n\n"
    if authority is not None:
        out += authority + "\n\n"
    if bottom is not None:
        out += bottom + "\n"
    return out


@dataclass(frozen=True)
class Case:
    """One attack: its id (``r<root>-p<point>-<name>``), root, point and document."""

    id: str
    root: int
    point: int
    text: str
    canaries: tuple[str, ...]
    policies: tuple[str, ...] = POLICIES
    as_of: datetime.date = AS_OF
    skeleton: str | None = None  # point 10: the surname that must not survive, skeletonised
    twin: str | None = None  # point 9: a document that must release the same bytes
    control: bool = False


def canary(case_id: str, letter: str) -> str:
    """``QZ``, the id's letters with each digit spelled as a letter (0 A, 1 B ...), ``letter``:
    letters only, so that a canary is shaped like a name (a sign-off, a flagged source)."""
    word = re.sub(r"[^A-Z0-9]", "", case_id.upper())
    return "QZ" + word.translate(str.maketrans("0123456789", "ABCDEFGHIJ")) + letter


def _fill(case_id: str, template: str) -> tuple[str, tuple[str, ...]]:
    found = []
    text = template
    for letter in "ABC":
        if "{" + letter + "}" in text:
            word = canary(case_id, letter)
            text = text.replace("{" + letter + "}", word)
            found.append(word)
    return text, tuple(found)


CASES: list[Case] = []


def add(case_id: str, template: str, *, twin: str | None = None, **kw: object) -> None:
    match = re.fullmatch(r"r(\d)-p(\d+)-[a-z0-9-]+", case_id)
    assert match, case_id
    text, words = _fill(case_id, template)
    twin_text = _fill(case_id, twin)[0] if twin is not None else None
    CASES.append(
        Case(
            case_id,
            int(match.group(1)),
            int(match.group(2)),
            text,
            words,
            twin=twin_text,
            **kw,  # type: ignore[arg-type]
        )
    )


# ---------------------------------------------------------------------------------------
# Root 1: a line not recognised as a unit start is folded into the previous unit.
# ---------------------------------------------------------------------------------------

# Point 2: a mark after any label (or none) starts a unit.
add(
    "r1-p2-roman-label",
    cable(
        "I. (U) Post met MFA officials on February 26 to review the calendar.",
        "II. (S) The Deputy Minister said {A} would carry a message to Tehran.",
    ),
)
add(
    "r1-p2-roman-label-nf",
    cable(P1_U, "III. (S//NF) A contact in the security services named {A} as the courier."),
)
add(
    "r1-p2-upper-letter-paren",
    cable(
        "¶2. (U) Post was asked to:\n"
        "A) (U) DESCRIBE the visit schedule.\n"
        "B) (C) DESCRIBE the {A} network and its financing.",
    ),
)
add(
    "r1-p2-paren-upper-letter",
    cable(
        "¶2. (U) Action requests follow.\n(A) (U) Confirm the meeting date.\n"
        "(B) (S//NF) Ask the liaison service about {A} and its couriers."
    ),
)
add(
    "r1-p2-decimal-label",
    cable(
        "¶4. (U) The agenda had three items.\n"
        "4.1 (S//NF) The intelligence chief said {A} had moved to Aleppo."
    ),
)
add(
    "r1-p2-pilcrow-no-stop",
    cable(P1_U + "\n¶2 (S//NF) The source reported that {A} met the minister at night."),
)
add(
    "r1-p2-asterisk-bullet",
    cable("¶2. (U) Points raised:\n* (U) the visa backlog;\n* (S//NF) the {A} transfers."),
)
add(
    "r1-p2-round-bullet",
    cable("¶2. (U) Points raised:\n• (U) the visa backlog;\n• (S) the {A} transfers."),
)
add(
    "r1-p2-double-dash",
    cable("¶2. (U) Points raised:\n-- (U) the visa backlog;\n-- (S//NF) the {A} account."),
)
add(
    "r1-p2-gj-in-rel-paragraph",
    cable(
        "¶2. (S//REL TO USA, GBR) The detainee was interviewed on February 24.\n"
        "A - F) Routine biographic questions.\n"
        "G - J) (S//NF) Subject identified himself as {A}, a courier for the network.",
        subject="(U) SYRIA: DETAINEE INTERVIEW",
    ),
)
add(
    "r1-p2-bare-mark-line",
    cable(P1_U + "\n(S//NF) The Deputy Minister added privately that {A} was under arrest."),
)
add(
    "r1-p2-no-space-mark",
    cable(P1_U, "2.(S//NF){A} is the name the defector used in Beirut."),
)
add(
    "r1-p2-roman-upper-iv",
    cable(
        "¶2. (U) The paper has four parts.\nIII. (U) Trade.\n"
        "IV. (S//NF) Liaison: the service identified {A} as its source."
    ),
)
add(
    "r1-p2-dash-bullet",
    cable("¶2. (U) Points raised:\n- (U) the visa backlog;\n- (S//NF) the {A} channel."),
)

# Point 1: text the parser cannot place is its own unit and `unmarked` applies.
add(
    "r1-p1-no-space-number",
    cable(P1_U, "2.{A} IS THE NAME OF THE COURIER RECRUITED LAST YEAR."),
)
add(
    "r1-p1-unmarked-block-after-u",
    cable(P1_U, "The source added that {A} controls the border crossing at Abu Kamal."),
)
add(
    "r1-p1-unmarked-indented-block",
    cable(P1_U, "     The liaison contact, {A}, will travel to Amman next week."),
)
add(
    "r1-p1-unmarked-between-u",
    cable(
        P1_U,
        "Separately, the officer passed the name {A} for tracing.",
        "¶3. (U) Post will report further developments.",
    ),
)
add(
    "r1-p1-unmarked-before-signoff",
    cable(
        P1_U,
        "¶2. (U) Post will report further developments.",
        "Comment: the real purpose of the visit was to meet {A}.\nEnd comment.",
    ),
)
add(
    "r1-p1-odd-label-unmarked",
    cable(P1_U, "(A1) {A} was named as the paymaster of the cell."),
)

# Point 4: invisible and control characters never hide structure.
add("r1-p4-hangul-filler", cable(P1_U, "\u3164¶2. (S//NF) The source named {A} as the contact."))
add("r1-p4-cgj-between", cable(P1_U, "¶2.\u034f (S//NF) The source named {A} as the contact."))
add(
    "r1-p4-tag-characters",
    cable(P1_U, "\U000e0041\U000e0042¶2. (S//NF) The source named {A} as the contact."),
)
add("r1-p4-braille-blank", cable(P1_U, "\u28002. (S//NF) The source named {A} as the contact."))
add("r1-p4-variation-selector", cable(P1_U, "¶2.\ufe0f(S//NF) The source named {A} as contact."))
add("r1-p4-zwsp-between", cable(P1_U, "¶2.\u200b(S//NF) The source named {A} as the contact."))
add("r1-p4-ansi-escape", cable(P1_U, "\x1b[0m¶2. (S//NF) The source named {A} as the contact."))
add("r1-p4-word-joiner", cable(P1_U + "\n\u2060¶2. (S//NF) The source named {A} as contact."))
add("r1-p4-zwsp-in-mark", cable(P1_U, "¶2. (S\u200b//NF) The source named {A} as the contact."))
add("r1-p4-hangul-in-mark", cable(P1_U, "¶2. (\u3164S//NF) The source named {A} as the contact."))

# Point 12: lettered and roman sub-items are units of their own.
add(
    "r1-p12-lower-letter-dot",
    cable("¶2. (U) The Minister raised three points:\na. (U) trade;\nb. (S//NF) the {A} file."),
)
add(
    "r1-p12-upper-letter-dot",
    cable("¶2. (U) The Minister raised three points:\nA. (U) trade;\nB. (S//NF) the {A} file."),
)
add(
    "r1-p12-lower-roman",
    cable("¶2. (U) The Minister raised two points:\ni. (U) trade;\nii. (S//NF) the {A} file."),
)
add(
    "r1-p12-indented-roman",
    cable("¶2. (U) The Minister raised points:\n   iv. (S//NF) the {A} file was reopened."),
)
add(
    "r1-p12-paren-letter",
    cable("¶2. (U) The Minister raised two points:\n(a) (U) trade;\n(b) (S//NF) the {A} file."),
)
add(
    "r1-p12-letter-paren",
    cable("¶2. (U) The Minister raised two points:\na) (U) trade;\nb) (S//NF) the {A} file."),
)

# ---------------------------------------------------------------------------------------
# Root 2: a mark anywhere but at a recognised position is ignored; garbled marks unread.
# ---------------------------------------------------------------------------------------

# Point 2: a unit's marking is the most restrictive of every mark it holds.
add("r2-p2-midline-title", cable(P1_U, "¶3. (U) Title: (S//NF) the service recruited {A}."))
add(
    "r2-p2-midline-fighters",
    cable(
        "¶21. (U) Foreign Fighters: (S//NF) The October 31 kidnapping was arranged by {A},\n"
        "according to a liaison report."
    ),
)
add(
    "r2-p2-midline-after-sentence",
    cable("¶3. (U) Background follows. (S//NF) The service says {A} funds the camp."),
)
add(
    "r2-p2-midline-second-line",
    cable("¶3. (U) The Minister reviewed the calendar of visits;\nin private (S) he named {A}."),
)
add(
    "r2-p2-midline-ts",
    cable("¶3. (U) Border security -- (TS//SI//NF) intercepts show {A} crossed at Tanf."),
)
add(
    "r2-p2-midline-confidential",
    cable("¶3. (U) Trade: the MFA was upbeat. (C) The Minister said {A} would resign."),
)

# Point 3: an unreadable mark in mark position makes the unit unknown (withheld).
add("r2-p3-garbled-pipe", cable(P1_U, "¶2. (S|NF) The source identified {A} as the courier."))
add("r2-p3-garbled-double", cable(P1_U, "¶2. (SS) The source identified {A} as the courier."))
add("r2-p3-garbled-dot", cable(P1_U, "¶2. (S.) The source identified {A} as the courier."))
add("r2-p3-unclosed", cable(P1_U, "¶2. (S The source identified {A} as the courier."))
add("r2-p3-cherokee-s", cable(P1_U, "¶2. (\u13da//NF) The source identified {A} as courier."))
add("r2-p3-conf", cable(P1_U, "¶2. (CONF) The source identified {A} as the courier."))
add("r2-p3-q-after-number", cable(P1_U, "¶2. (Q) The source identified {A} as the courier."))
add("r2-p3-cyrillic-dze", cable(P1_U, "¶2. (\u0405//NF) The source identified {A} as courier."))
add(
    "r2-p3-unclas-garbled",
    cable(
        "¶1. (U) The embassy will be closed on March 3.",
        "¶2. (S|NF) The source identified {A} as the courier.",
        banner="UNCLAS",
        caption=None,
        decl="E.O. 12958: N/A",
    ),
)
add(
    "r2-p3-subject-garbled",
    cable(
        "¶1. (U) The embassy will be closed on March 3.",
        banner="UNCLAS",
        caption=None,
        decl="E.O. 12958: N/A",
        subject="(S|NF) {A} RECRUITMENT",
    ),
)
add(
    "r2-p3-unclosed-nf",
    cable(P1_U, "¶2. (S//NF The source identified {A} as the courier."),
)

# Point 5: SUBJECT, SUMMARY and each REF item are units with their own marks.
add("r2-p5-subject-after-re", cable(P1_U, subject="(U) MFA TALKS RE: (S//NF) {A} TRANSFERS"))
add(
    "r2-p5-subject-mark-before-colon",
    cable(
        "¶1. (U) The embassy will be closed on March 3.",
        banner="UNCLAS",
        caption=None,
        subject_line="SUBJECT (S//NF): {A} TRANSFERS TO HIZBALLAH",
    ),
)
add("r2-p5-subject-mark-at-end", cable(P1_U, subject="(U) MFA TALKS ON {A} TRANSFERS (S//NF)"))
add(
    "r2-p5-subject-mark-next-line",
    cable(P1_U, subject_line="SUBJECT: (U) MFA TALKS\n(S//NF) ON {A} TRANSFERS"),
)
add(
    "r2-p5-summary-mark",
    cable("SUMMARY: (S//NF) The intelligence chief named {A} as the new liaison.", P1_U),
)
add(
    "r2-p5-pilcrow-summary-mark",
    cable("¶1. (U) SUMMARY: (S//NF) The intelligence chief named {A} as the liaison."),
)
add(
    "r2-p5-ref-item-mark",
    cable(P1_U, refs="REF: A. (S//NF) STATE 12345 {A}\n     B. (U) DAMASCUS 700"),
)
add(
    "r2-p5-ref-single-mark",
    cable(P1_U, refs="REF: (S//NF) CIA REPORT ON {A} DATED FEB 20"),
)
add(
    "r2-p5-ref-letter-paren",
    cable(P1_U, refs="REFS: A) (U) DAMASCUS 700\n      B) (S//NF) {A} CHANNEL MESSAGE"),
)

# Point 8: labels carry no free text: compartment and SAR names never print.
add(
    "r2-p8-sar-paragraph",
    cable(P1_U, "¶2. (S//SAR-{A}//NF) The program office briefed the Charge on {B}."),
)
add(
    "r2-p8-si-compartment",
    cable(P1_U, "¶2. (TS//SI-{A}//NF) Intercepts show that {B} crossed at Tanf."),
)
add(
    "r2-p8-subject-sar",
    cable(P1_U, subject="(S//SAR-{A}//NF) PROGRAM BRIEFING ON {B}"),
)
add(
    "r2-p8-midline-sar",
    cable("¶3. (U) Program review: (S//SAR-{A}//NF) the office funds {B}."),
)
add(
    "r2-p8-memo-banner-sar",
    memo(
        "(U) This memorandum reviews the regional program.",
        "(TS//SAR-{A}//NF) The program funds {B} through a cut-out.",
        banner="TOP SECRET//SAR-{A}//NOFORN",
        bottom="TOP SECRET//SAR-{A}//NOFORN",
    ),
)
add(
    "r2-p8-tk-compartment",
    memo(
        "(U) This memorandum reviews imagery support.",
        "(TS//TK-{A}//NF) Imagery shows {B} at the site.",
        banner="TOP SECRET//TK//NOFORN",
        bottom="TOP SECRET//TK//NOFORN",
    ),
)

# ---------------------------------------------------------------------------------------
# Root 3: header heuristics claim body text, and header material is always released.
# ---------------------------------------------------------------------------------------

# Point 5: the header is a closed grammar; captions from a closed vocabulary.
for word, line in [
    ("pass", "PASS THE NAME {A} TO THE LIAISON SERVICE ONLY."),
    ("for", "FOR THE RECORD, {A} IS THE CONTACT IN THE PALACE."),
    ("also", "ALSO PRESENT WAS {A}, WHO TOOK NOTES."),
    ("info", "INFO FROM {A} CONFIRMS THE TRANSFER."),
    ("handle", "HANDLE {A} AS A SENSITIVE SOURCE."),
]:
    add(
        f"r3-p5-caption-word-{word}",
        cable(P1_U, "¶2. (S//NF) The contact described the network in detail.\n" + line),
    )
add(
    "r3-p5-info-line-after-subject",
    cable(P1_U, head="", subject=SUBJECT + "\nINFO FOR {A} WAS PASSED BY THE SOURCE ON 24 FEB."),
)
add(
    "r3-p5-caption-after-banner",
    cable(P1_U, caption="NOFORN\n\nTHE SERVICE ALSO NAMED {A} AS THE COURIER FOR THE CELL."),
)
add(
    # A misspelt mark on a line of a (U) paragraph: a reviewer reads SECRET; the parser
    # must not fold the line into the (U) paragraph as prose.
    "r2-p3-misspelt-mark-line",
    cable("¶1. (U) Post met MFA officials on February 26.\n(SECERT) The courier is {A}."),
)
add(
    # A look-alike of a party label, "(R-NF)": RESTRICTED NOFORN, no state.
    "r2-p2-party-label-lookalike",
    cable("¶1. (U) The meeting with the deputy (R-NF) named {A} as the courier."),
)
add(
    # A (U) sentence cut by a blank line: the text after it is not the (U) paragraph's in a
    # SECRET//NOFORN cable, whatever its grammar.
    "r1-p1-mid-sentence-after-u",
    cable("¶1. (U) Post met MFA officials who said that\n\nthe courier {A} will travel."),
)
add(
    # A prose line among the routing lines: routing is a closed grammar, so it is text
    # (unmarked, inheriting SECRET//NOFORN), not released transmission header.
    "r3-p5-prose-before-banner",
    cable(P1_U).replace(
        "S E C R E T DAMASCUS",
        "The liaison service named {A} as the courier.\n\nS E C R E T DAMASCUS",
    ),
)
add(
    "r3-p5-routing-line-with-prose",
    cable(P1_U).replace(
        "FM AMEMBASSY DAMASCUS\n", "FM AMEMBASSY DAMASCUS\nTHE COURIER WAS {A}, SAID THE SOURCE.\n"
    ),
)
add(
    "r3-p5-ref-swallows-paragraph",
    cable(
        "¶2. (U) Post will report further developments.",
        refs="REF: DAMASCUS 700\n¶1. (S//NF) Per reftel, the service named {A} as courier.",
    ),
)
add(
    "r3-p5-ref-swallows-subject",
    cable(P1_U, subject=None, refs="REF: STATE 12345\nSUBJECT: (S//NF) {A} RECRUITMENT"),
)
add(
    "r3-p5-subject-swallows-mark",
    cable(P1_U, subject_line="SUBJECT: (U) MFA TALKS\n¶1. (S//NF) The service named {A}."),
)
add(
    "r3-p5-ref-swallows-bare-mark",
    cable(P1_U, refs="REF: DAMASCUS 700\n(S//NF) The service named {A} as the courier."),
)
add(
    "r3-p5-tags-with-mark",
    cable(P1_U, tags="TAGS: PREL PTER SY (S//NF) {A}"),
)
# Issue 14, point 3: TAGS continuation lines, page headers in a value, SUBJECT read as an
# expert reads it. What a rule joins to TAGS is released; what it joins to a marked subject
# takes that mark: each rule must leave anything else where `unmarked` governs it.
add(
    "r3-p5-tags-continuation-prose",
    cable(P1_U, tags="TAGS: PREL PTER SY\nTHE SOURCE {A} MET HIM"),
)
add(
    "r3-p5-tags-continuation-list",
    cable(P1_U, tags="TAGS: PREL, PTER,\nSY, {A}"),
)
add(
    "r3-p5-tags-continuation-mark",
    cable(P1_U, tags="TAGS: PREL PTER SY\n(S//NF) SY, {A}"),
)
add(
    "r3-p5-tags-page-header-then-prose",
    cable(
        P1_U,
        tags="TAGS: PREL PTER\nSECRET\nPAGE 02 DAMASCUS 00728 01 OF 02 261411Z\n{A} IS THE SOURCE",
    ),
)
add(
    "r3-p5-tags-page-header-text-after",
    cable(P1_U, tags="TAGS: PREL PTER\nPAGE 02 DAMASCUS 00728 01 OF 02 261411Z {A} SAID SO"),
)
add(
    "r3-p5-tags-lower-case-prose",
    cable(P1_U, tags="Tags: prel, pter,\nthe courier {A}"),
)
add(
    "r3-p5-subject-after-blank-under-mark",
    cable(P1_U, subject_line="SUBJECT: (U)\n\n{A} IS THE COURIER"),
)
add(
    "r3-p5-subject-after-blank-paragraph",
    cable(P1_U, subject_line="SUBJECT:\n\n¶1. (S//NF) The service named {A}."),
)
add(
    "r3-p5-subject-unreadable-mark-line",
    cable(P1_U, subject_line="SUBJECT: (U) MFA TALKS\n(SECERT) {A} IS THE COURIER"),
)
add(
    "r3-p5-subject-to-line-under-mark",
    cable(P1_U, subject=SUBJECT + "\nTO {A} THE SOURCE SAID SO"),
)
add(
    "r3-p5-subject-glued-ref-list",
    cable(P1_U, subject="(S//NF) MFA TALKS REF: STATE 12345 {A} IS THE SOURCE"),
)
add(
    "r3-p5-subject-glued-ref-word",
    cable(P1_U, subject="(S//NF) MFA TALKS ON {A}PRIMEREF: A. STATE 12345"),
)
add(
    "r3-p5-subject-typo-in-text",
    cable(P1_U, subject=None, head="THE UBJECT: (U) {A} WILL ATTEND\n\n"),
)
add(
    "r3-p5-subject-no-colon-prose",
    cable(P1_U, subject=None, tags="TAGS: PREL PTER SY\nSUBJECT TO (U) REVIEW, {A} WILL DEFECT"),
)
add(
    "r3-p5-subject-section-banner",
    cable(
        P1_U,
        subject_line="SUBJECT: (U) MFA TALKS\nS E C R E T SECTION 02 OF 02 DAMASCUS 000728\n"
        "(S//NF) {A} IS THE COURIER",
    ),
)

# Point 6: the signature is a short final line after the last unit, never a unit's tail.
add(
    "r3-p6-signature-tail",
    cable(
        P1_U,
        "¶5. (S//NF) The liaison officer passed the name of the new courier and asked\n"
        "that it be protected:\n{A} SMITH",
        sig=None,
    ),
)
add(
    "r3-p6-signature-tail-before-signoff",
    cable(
        P1_U,
        "¶5. (S//NF) The liaison officer passed the name of the new courier:\n{A} SMITH",
    ),
)
add(
    "r3-p6-signature-glued",
    cable(P1_U, "¶5. (S//NF) The courier is known to the service as {A}. HAMMOUD", sig=None),
)
add(
    "r3-p6-signature-alias-line",
    cable(P1_U, "¶5. (S//NF) The courier's alias, per the service:\n{A}", sig=None),
)
add(
    "r3-p6-signature-name-pair",
    cable(
        P1_U, "¶5. (S//NF) The courier's alias, per the service, is below.\n{A} HAMMOUD", sig=None
    ),
)
add(
    "r3-p6-memo-header-runs",
    memo(
        "(S//NF) The service identified {A} as the courier for the cell.",
        "1. (U) This memorandum reviews regional contacts.",
    ),
)
add(
    "r3-p6-memo-unmarked-header-text",
    memo(
        "1. (U) This memorandum reviews regional contacts.",
        head="Background: the liaison service has asked that {A} not be named.\n\n",
    ),
)
add(
    "r3-p6-memo-header-unmarked-paragraph",
    memo(
        "Prepared at the request of the Under Secretary after the meeting with {A}.",
        "1. (U) This memorandum reviews regional contacts.",
    ),
)

# ---------------------------------------------------------------------------------------
# Root 4: text inside a portion changes document facts.
# ---------------------------------------------------------------------------------------

# Point 6: document facts only from their own place.
add(
    "r4-p6-quoted-decl-memo",
    memo(
        "(U) This memorandum reviews regional contacts.",
        "(C) The old tasking, E.O. 12958: DECL: 01/01/2001, has lapsed.",
        "(S) The service identified {A} as the courier.",
        "{B} is the name the defector used in Beirut.",
    ),
)
add(
    "r4-p6-quoted-decl-line-cable",
    cable(
        P1_U,
        "¶2. (C) Ref A's header read\nE.O. 12958: DECL: 01/01/2001\nand it asked for a review.",
        "¶3. (S) The service identified {A} as the courier.",
    ),
)
add(
    "r4-p6-quoted-declassify-on-memo",
    memo(
        "(U) This memorandum reviews regional contacts.",
        "(C) The 1991 file was marked\nDeclassify On: 20010101\nand it is now open.",
        "(S) The service identified {A} as the courier.",
    ),
)
add(
    "r4-p6-two-decl-lines",
    cable(
        P1_U,
        "¶2. (S) The service identified {A} as the courier.",
        decl="E.O. 12958: DECL: 01/01/2020\nE.O. 12958: DECL: 01/01/2040",
    ),
)
add(
    "r4-p6-two-decl-lines-reversed",
    cable(
        P1_U,
        "¶2. (S) The service identified {A} as the courier.",
        decl="E.O. 12958: DECL: 01/01/2040\nE.O. 12958: DECL: 01/01/2020",
    ),
)
add(
    "r4-p6-quoted-classified-by-header",
    cable(
        "¶1. (S//NF) The liaison chief's note on {A} was headed\n"
        "Classified By: Chief of Station, reasons 1.4 (c)\n"
        "and it named {B} as the courier.",
        P1_U.replace("¶1.", "¶2."),
        by=None,
    ),
)
add(
    "r4-p6-unclassified-version-banner",
    memo(
        "(U) This memorandum reviews regional contacts.\nUNCLASSIFIED\n"
        "is how the attached summary is marked.",
        "The service identified {A} as the courier.",
        banner="SECRET//NOFORN",
    ),
)
add(
    "r4-p6-u-memo-subject-banner",
    memo(
        "(U) This memorandum reviews regional contacts.",
        "The service identified {A} as the courier.",
        banner=None,
        subject="(U) UNCLASSIFIED",
    ),
)

# Point 7: the document is never less classified than its portions.
add(
    "r4-p7-unclas-banner-unmarked",
    cable(
        "¶1. (S//NF) The service identified a courier.",
        "¶2. {A} is the courier's name.",
        banner="UNCLAS",
        caption=None,
    ),
)
add(
    "r4-p7-unclas-banner-unnumbered",
    cable(
        "¶1. (S//NF) The service identified a courier.",
        "The courier's name is {A}.",
        banner="UNCLAS",
        caption=None,
    ),
)
add(
    "r4-p7-unclas-subject-unmarked",
    cable(
        "¶1. (S//NF) The service identified a courier.",
        banner="UNCLAS",
        caption=None,
        subject="{A} RECRUITMENT",
    ),
)
add(
    "r4-p7-memo-unclassified-banner",
    memo(
        "(S//NF) The service identified a courier.",
        "The courier's name is {A}.",
        banner="UNCLASSIFIED",
        bottom="UNCLASSIFIED",
    ),
)
add(
    "r4-p7-memo-fouo-banner",
    memo(
        "(S//NF) The service identified a courier.",
        "The courier's name is {A}.",
        banner="UNCLASSIFIED//FOUO",
        bottom="UNCLASSIFIED//FOUO",
    ),
)
add(
    "r4-p7-unclas-sbu-banner",
    cable(
        "¶1. (SBU) The visa section is understaffed.",
        "¶2. (S) The service identified a courier.",
        "¶3. {A} is the courier's name.",
        banner="UNCLAS SENSITIVE",
        caption=None,
    ),
)
add(
    "r4-p7-confidential-banner-ts",
    cable(
        "¶1. (TS//NF) The service identified a courier.",
        "¶2. {A} is the courier's name.",
        banner="C O N F I D E N T I A L",
        caption=None,
    ),
)

# Point 9: withheld text decides nothing outside its own placeholder.
_QUOTED_BY = "Classified By: Ambassador {A}, reasons 1.4 (c) and (h)"
_NEUTRAL_BY = "The note was handed over by the Ambassador in person."
add(
    "r4-p9-quoted-classified-by-codes",
    cable(
        "¶1. (S//NF) The liaison note read:\n" + _QUOTED_BY + "\nand named the courier.",
        "¶2. (U) Ambassador Seche will travel to Amman.",
    ),
    twin=cable(
        "¶1. (S//NF) The liaison note read:\n" + _NEUTRAL_BY + "\nand named the courier.",
        "¶2. (U) Ambassador Seche will travel to Amman.",
    ),
)
add(
    "r4-p9-quoted-classified-by-cuts",
    cable(
        "¶1. (S//NF) The note was signed\nClassified By: Minister Walid {A}, reasons 1.4 (d)",
        "¶2. (U) Post also met Minister Walid at the Foreign Ministry.",
    ),
    twin=cable(
        "¶1. (S//NF) The note was signed by the liaison service and handed over on Sunday.",
        "¶2. (U) Post also met Minister Walid at the Foreign Ministry.",
    ),
)
add(
    "r4-p9-quoted-by-sets-codes",
    cable(
        "¶1. (S//NF) The liaison note read:\n" + _QUOTED_BY + "\nand named the courier.",
        "¶2. (U) Post also met the Ambassador.",
        by=None,
    ),
    twin=cable(
        "¶1. (S//NF) The liaison note read:\n" + _NEUTRAL_BY + "\nand named the courier.",
        "¶2. (U) Post also met the Ambassador.",
        by=None,
    ),
)
add(
    "r4-p9-quoted-by-cuts-name",
    cable(
        "¶1. (S//NF) The note was signed\nClassified By: Minister Walid {A}, reasons 1.4 (d)",
        "¶2. (U) Post also met Minister Walid at the Foreign Ministry.",
        by=None,
    ),
    twin=cable(
        "¶1. (S//NF) The note was signed by the liaison service and handed over on Sunday.",
        "¶2. (U) Post also met Minister Walid at the Foreign Ministry.",
        by=None,
    ),
)
add(
    "r4-p9-protect-flag-in-withheld",
    cable(
        "¶1. (S//NF) The source, Walid {A} (strictly protect), met the officer.",
        "¶2. (U) Post also met Walid at the Foreign Ministry.",
    ),
    twin=cable(
        "¶1. (S//NF) The source met the officer at night and passed a list of names.",
        "¶2. (U) Post also met Walid at the Foreign Ministry.",
    ),
)
add(
    "r4-p9-decl-in-withheld",
    cable(
        "¶1. (S//NF) The service's file on {A} reads DECL: 01/01/2001.",
        "¶2. (U) Post will report further developments.",
    ),
    twin=cable(
        "¶1. (S//NF) The service's file on the courier was opened last year.",
        "¶2. (U) Post will report further developments.",
    ),
)
add(
    "r4-p9-signature-shaped-withheld",
    cable(
        P1_U,
        "¶2. (S//NF) The liaison chief signed the note:\n{A}",
    ),
    twin=cable(
        P1_U,
        "¶2. (S//NF) The liaison chief signed the note in the presence of the officer.",
    ),
)
add(
    "r4-p9-banner-shaped-withheld",
    cable(
        P1_U,
        "¶2. (S//NF) The liaison note on {A} was headed\nUNCLASSIFIED\nas a cover.",
    ),
    twin=cable(
        P1_U,
        "¶2. (S//NF) The liaison note on the courier was handed over in a plain envelope.",
    ),
)

# Point 10: terms cannot be dodged (foia-release cuts the classifier's surname).
_SKELETON_VARIANTS = [
    ("cyrillic", "Charge \u0405\u0435\u0441\u04bb\u0435 met the Minister."),
    ("cyrillic-one-letter", "Charge Sech\u0435 met the Minister."),
    ("greek-upper", "CHARGE \u0405\u0395\u0421\u0397\u0395 MET THE MINISTER."),
    ("zwsp", "Charge Se\u200bche met the Minister."),
    ("soft-hyphen", "Charge Sec\u00adhe met the Minister."),
    ("word-joiner", "Charge Sech\u2060e met the Minister."),
    ("full-width", "Charge \uff33\uff45\uff43\uff48\uff45 met the Minister."),
    ("math-bold", "Charge \U0001d412\U0001d41e\U0001d41c\U0001d421\U0001d41e met the Minister."),
    ("line-end-hyphen", "The Minister thanked Charge Se-\nche for the visit."),
    ("underscore", "Write to stephen_seche on the high side."),
    ("email", "Write to seche_stephen@state.gov for the schedule."),
    ("email-dotted", "Write to Stephen.Seche@state.gov for the schedule."),
    ("possessive", "The Charge, in Seche's words, was pleased."),
    ("possessive-curly", "The Charge, in Seche\u2019s words, was pleased."),
    ("plural", "Both Seches attended the reception."),
]
for _name, _line in _SKELETON_VARIANTS:
    add(
        f"r4-p10-{_name}",
        cable(
            "¶1. (S//NF) Declassified now: the Minister called on the Charge.",
            "¶2. (U) " + _line,
            decl=DECL_PASSED,
        ),
        policies=("foia-release",),
        skeleton="seche",
    )
add(
    "r4-p10-turkish-dotted-i",
    cable(
        "¶1. (U) The Minister thanked Ambassador R\u0130ES for the visit.",
        by="Classified By: Ambassador Charles Ries, reasons 1.4 b/d",
        sig="RIES",
        decl=DECL_PASSED,
    ),
    policies=("foia-release",),
    skeleton="ries",
)
add(
    "r4-p10-unclassified-doc-cyrillic",
    cable(
        "¶1. (U) The Minister thanked Charge \u0405\u0435\u0441\u04bb\u0435 for the visit.",
        banner="UNCLAS",
        caption=None,
        decl="E.O. 12958: N/A",
    ),
    policies=("foia-release",),
    skeleton="seche",
)

# Point 11: what the parser finds can only raise protection.
add(
    "r4-p11-later-banner-in-body",
    cable(
        "¶1. (U) The embassy will be closed on March 3.",
        "S E C R E T SECTION 02 OF 02 DAMASCUS 000728",
        "NOFORN",
        "The courier named by the service is {A}.",
        banner="UNCLAS SECTION 01 OF 02",
        caption=None,
    ),
)
add(
    "r4-p11-bottom-banner-raises",
    memo(
        "(U) This memorandum reviews regional contacts.",
        "The courier named by the service is {A}.",
        banner="UNCLASSIFIED",
        bottom="SECRET//NOFORN",
    ),
)
add(
    "r4-p11-forwarded-banner",
    cable(
        "¶1. (U) Begin text of the forwarded message:",
        "S E C R E T STATE 012345\n\nNOFORN\n\nE.O. 12958: DECL: 01/01/2040\n"
        "SUBJECT: COURIER NETWORK\n\nThe courier named by the service is {A}.",
        "¶2. (U) End text.",
        banner="UNCLAS",
        caption=None,
    ),
)
add(
    "r4-p11-forwarded-decl-later",
    cable(
        "¶1. (C) Begin text of Ref A:",
        "S E C R E T STATE 012345\n\nE.O. 12958: DECL: 01/01/2040\n\n"
        "1. (S) The service identified {A} as the courier.",
        "¶2. (C) End text of Ref A.",
        banner="C O N F I D E N T I A L",
        caption=None,
        decl=DECL_PASSED,
    ),
)
add(
    "r4-p11-classification-change-line",
    cable(
        "¶1. (U) The embassy will be closed on March 3.",
        "CLASSIFICATION CHANGED TO SECRET//NOFORN",
        "The courier named by the service is {A}.",
        banner="UNCLAS",
        caption=None,
    ),
)
add(
    "r4-p11-section-own-classification",
    memo(
        "(U) This memorandum reviews regional contacts.",
        "ANNEX A (SECRET//NOFORN)\n\nThe courier named by the service is {A}.",
        banner="UNCLASSIFIED",
        bottom="UNCLASSIFIED",
    ),
)
add(
    "r4-p11-repeated-banner-top",
    memo(
        "(U) This memorandum reviews regional contacts.",
        "The courier named by the service is {A}.",
        banner="UNCLASSIFIED\nSECRET//NOFORN",
        bottom="UNCLASSIFIED",
    ),
)

# Point 12: also read correctly.
add(
    "r4-p12-entire-text-unclas-banner",
    cable(
        "¶1. (S - ENTIRE TEXT). The service identified {A} as the courier.",
        "¶2. {B} is the name the defector used.",
        banner="UNCLAS",
        caption=None,
    ),
)
add(
    "r4-p12-entire-text-c",
    cable(
        "¶1. (C - ENTIRE TEXT). The Minister said {A} would resign.",
        "¶2. {B} would replace him.",
        banner="C O N F I D E N T I A L",
        caption=None,
    ),
)
add(
    "r4-p12-eo-12065-gds",
    cable(
        "¶1. (S) The service identified {A} as the courier.",
        "¶2. (C) The old file reads DECL: 01/01/2001.",
        banner="S E C R E T",
        caption=None,
        decl="E.O. 12065: GDS 8/12/2045 (SECHE, STEPHEN A.) OR-P",
    ),
)
add(
    "r4-p12-eo-12065-rds",
    cable(
        "¶1. (S) The service identified {A} as the courier.",
        "¶2. (C) Ref A reads\nE.O. 12958: DECL: 01/01/2001\nand is now open.",
        banner="S E C R E T",
        caption=None,
        decl="E.O. 12065: RDS-1 08/12/2040 (SECHE, STEPHEN A.) OR-P",
    ),
)
add(
    "r4-p12-eo-digit-zero",
    cable(
        "¶1. (S) The service identified {A} as the courier.",
        "¶2. (C) Ref A reads\nE.O. 12958: DECL: 01/01/2001\nand is now open.",
        decl="E.0. 12958: DECL: 02/26/2040",
        caption=None,
    ),
)
add(
    "r4-p12-eo-digit-zero-nf",
    cable(
        P1_U,
        "¶2. (S//NF) The service identified {A} as the courier.",
        decl="E.0. 12958: DECL: 02/26/2040",
    ),
)

# ---------------------------------------------------------------------------------------
# Controls (not attacks): the released (U) text must appear under foia-release.
# ---------------------------------------------------------------------------------------

CONTROLS: list[Case] = [
    Case(
        "control-u-paragraph",
        0,
        0,
        cable(P1_U, "¶2. (U) QZRELEASEDOK: Post will report further developments."),
        ("QZRELEASEDOK",),
        policies=("foia-release",),
        control=True,
    ),
    Case(
        "control-u-after-withheld",
        0,
        0,
        cable(
            "¶1. (S//NF) The service identified a courier.",
            "¶2. (U) QZRELEASEDOK: Post will report further developments.",
        ),
        ("QZRELEASEDOK",),
        policies=("foia-release",),
        control=True,
    ),
    Case(
        "control-u-memo",
        0,
        0,
        memo("(U) QZRELEASEDOK: this memorandum reviews regional contacts."),
        ("QZRELEASEDOK",),
        policies=("foia-release",),
        control=True,
    ),
]
