"""The redaction engine: one decision per unit of content, cuts in everything released.

:func:`redact` applies a :class:`~redactor.policy.Policy` to a parsed
:class:`~redactor.model.Document` as of a date and returns a :class:`Redacted`: the
released text as segments (verbatim runs, placeholders, labels) and an audit of every
decision. **A** :class:`Redacted` **never holds withheld text**: renderers and the audit
are built from it alone, so nothing they write can carry what was withheld.

Units of content are the document's portions (the subject line, paragraphs and
sub-paragraphs) and the stretches of text the parser could not attribute to any header
element or portion (``text``). Everything else (routing, banner, captions, E.O. line,
TAGS, REF, Classified By, layout, signature) is header material: released, subject to
cuts. A unit is decided, in order:

1. a portion mark whose level cannot be read withholds it, whatever the rules say;
2. content without a mark follows ``unmarked``: ``withhold``, ``release``, or ``inherit``
   the banner marking (withheld when the banner is missing or unreadable);
3. the first rule whose ``when`` holds decides; when none holds it is withheld.

Steps 1–3 fail closed: what :mod:`redactor` withholds on its own carries the policy's
``fallback_exemptions``.
"""

from __future__ import annotations

import bisect
import datetime
import enum
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from redactor.declass import DeclassKind, DeclassStatus
from redactor.errors import UsageError
from redactor.leads import SUBJECT, printed_banner, printed_label, printed_mark
from redactor.markings import Level, Marking, roll_up
from redactor.model import Document, PartKind, Portion, PortionKind
from redactor.names import is_signoff_name, searchable, surname
from redactor.parser import held_marking
from redactor.policy import (
    REASONS_TOKEN,
    Action,
    LabelStyle,
    Policy,
    Rule,
    Term,
    TermField,
    Unmarked,
    compile_re2,
    sort_codes,
)
from redactor.skeleton import SkeletonView, skeleton

__all__ = [
    "Cancelled",
    "Cut",
    "CutRecord",
    "Decision",
    "Kept",
    "NamedPerson",
    "Redacted",
    "Release",
    "Segment",
    "Withheld",
    "field_names",
    "redact",
]

# Header parts that become units when they hold a mark (issue 13, point 5).
_HEADER_UNITS = frozenset(
    {
        PartKind.ROUTING,
        PartKind.CAPTION,
        PartKind.DECLASSIFICATION,
        PartKind.TAGS,
        PartKind.REFERENCE,
        PartKind.CLASSIFIED_BY,
        PartKind.SIGNATURE,
    }
)

# Parser warnings about what a unit holds, kept out of a release's audit (point 9).
UNIT_WARNINGS = frozenset(
    {
        "classified_by_inside_portion",
        "invisible_characters",
        "later_declassification_in_body",
        "unreadable_banner_in_body",
    }
)

# A compartment or program name in a banner line: `SAR-KINGFISHER`, `SI-OSPREY`.
_PROGRAM_NAME = re.compile(
    r"(?<![A-Za-z0-9])(?:SAR|SAP|SI|TK|HCS|KDK|RSV)[ \t]*-[ \t]*(?P<name>[A-Za-z0-9][A-Za-z0-9\-]*)"
)
PROGRAM_NAME = "(program-name)"

# Rule ids of decisions redactor takes on its own; user ids cannot contain parentheses.
UNKNOWN_MARK = "(unknown-mark)"
UNMARKED = "(unmarked)"
NO_RULE = "(no-rule)"


# ---------------------------------------------------------------------------------------
# What a redaction produces
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kept:
    """Released text, verbatim from the document."""

    text: str


@dataclass(frozen=True, slots=True)
class Withheld:
    """A withheld unit. ``lead`` is its label and mark (``¶2. (S//NF)``), never content.

    The lead is printed from closed vocabularies only (:mod:`redactor.leads`): a label of
    the label grammar and the mark rebuilt from its reading, so no compartment or program
    name, and no other word of the unit, reaches a release through it (issue 13, point 8).

    ``lines``: how many lines the unit spanned in the original, only when the policy's
    ``output.disclose_withheld_lines`` asks for it; otherwise ``None``, so the size of what
    was withheld does not travel to the renderers at all.
    """

    lead: str
    codes: tuple[str, ...]
    rule: str
    lines: int | None = None


@dataclass(frozen=True, slots=True)
class Cut:
    """A term cut from released text: a fixed label whose size depends only on ``codes``."""

    codes: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cancelled:
    """An original banner line the release no longer carries (shown lined through)."""

    segments: tuple[Kept | Cut, ...]


Segment = Kept | Withheld | Cut | Cancelled


class Release(enum.StrEnum):
    FULL = "full"  # nothing withheld, nothing cut
    PART = "part"


@dataclass(frozen=True, slots=True)
class Decision:
    """The audit entry for one unit: what was decided, by which rule, and why.

    Offsets locate the unit in the original text; ``mark`` is the portion mark and
    ``marking`` the marking the rules saw (the banner's for inherited content), both in the
    printed form of :func:`redactor.leads.printed_mark`: standard control markings only,
    never a compartment or program name nor a word of a mark not read in full. ``number``
    is the parser's paragraph number or sub-paragraph label when it is one of the label
    grammar (:func:`redactor.leads.printed_label`), else ``None``.
    """

    kind: str
    number: str | None
    mark: str | None
    marking: str | None
    start: int
    end: int
    action: Action
    rule: str
    codes: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class CutRecord:
    """The audit entry for one cut: the terms that matched, where, and the codes shown."""

    terms: tuple[str, ...]
    start: int
    end: int
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Redacted:
    """A document as released: segments to render and the audit of how they came to be."""

    source: str | None
    reference_id: str | None
    policy: str
    as_of: datetime.date
    segments: tuple[Segment, ...]
    marking: Marking  # the release's overall marking (roll-up of what was released)
    original: Marking | None  # the document's banner marking, as read
    release: Release
    codes: tuple[str, ...]  # every code shown, in stamp order
    decisions: tuple[Decision, ...]
    cuts: tuple[CutRecord, ...]
    declassification: DeclassStatus
    label_style: LabelStyle
    newline: str
    routing_dropped: bool
    warnings: tuple[str, ...]
    # The release block under the stamp, from the policy's output keys (the command line
    # overrides them per document with dataclasses.replace).
    case_number: str | None = None
    document_number: str | None = None
    review_date: datetime.date | None = None

    @property
    def withheld(self) -> int:
        """How many units were withheld."""
        return sum(1 for d in self.decisions if d.action is Action.WITHHOLD)

    @property
    def released(self) -> int:
        """How many units were released."""
        return sum(1 for d in self.decisions if d.action is Action.RELEASE)


# ---------------------------------------------------------------------------------------
# The engine
# ---------------------------------------------------------------------------------------


# (marking the rules saw in portion form, rule id, codes or None to release, reason)
_Verdict = tuple[str | None, str, tuple[str, ...] | None, str]


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str
    portion: Portion | None
    start: int
    end: int
    # The roll-up of the marks the unit holds besides its leading mark (issue 13, point 2).
    inner: Marking | None = None
    # A header line's own marks, which decide it (`(U) Classified by ...`), not `unmarked`.
    own: Marking | None = None


def redact(document: Document, policy: Policy, *, as_of: datetime.date | None = None) -> Redacted:
    """Apply ``policy`` to ``document`` as of ``as_of`` (default: the policy's ``as_of``).

    Raises:
        UsageError: neither ``as_of`` nor the policy gives a date. The core never reads
            the clock; the command line passes today's date explicitly.
    """
    when = as_of if as_of is not None else policy.as_of
    if when is None:
        raise UsageError("no as-of date: pass as_of=... or set as_of in the policy")
    if isinstance(when, datetime.datetime):
        when = when.date()
    return _Engine(document, policy, when).run()


class _Engine:
    def __init__(self, document: Document, policy: Policy, as_of: datetime.date):
        self.doc = document
        self.text = document.text
        self.policy = policy
        self.as_of = as_of
        self.status = document.declassification_status(as_of)
        self.reasons = tuple(r.upper() for r in document.reasons)
        self.portion_at = {p.start: p for p in document.portions}
        self.fallback = self._codes(policy.fallback_exemptions)
        self.parts = document.parts  # derived on each access: take it once
        self.verdicts: dict[tuple[Marking | None, Marking | None, str, bool], _Verdict] = {}
        # What unmarked content inherits: the document's classification as a whole,
        # never less than any of its portions (issue 13, point 7).
        self.effective = document.effective
        self._phrase: str | None = None

    def run(self) -> Redacted:
        doc, text = self.doc, self.text
        parts = self.parts
        units = self._units(parts)
        decisions = [self._decide(unit) for unit in units]
        withheld = [(d.start, d.end, d) for d in decisions if d.action is Action.WITHHOLD]
        dropped = self._dropped(parts)
        blocks = _merge_blocks(withheld, dropped)
        marking = roll_up(
            dict.fromkeys(  # duplicates change nothing in a roll-up: drop them first
                self._contribution(unit)
                for unit, decision in zip(units, decisions, strict=True)
                if decision.action is Action.RELEASE
            )
        )
        cancel = []
        original = doc.banner
        if original is not None and printed_banner(original) != printed_banner(marking):
            # The release carries a marking of its own (first and last line); the original
            # banner lines are kept but cancelled, not erased, so the reader sees both
            # (32 CFR 2001.25(b)(4); MARKINGS.md §5 item 3). That is always the case for an
            # unclassified release of a classified document, and for a partner release
            # that is no longer NOFORN.
            cancel = [(p.start, p.end) for p in parts if p.kind is PartKind.BANNER]
        released = _split(_complement(blocks, len(text)), cancel)
        cuts = self._cuts(released)
        programs = self._program_names(parts, released)
        if programs:
            cuts = _merge_cuts(
                [(c.start, c.end, t, c.codes) for c in cuts for t in c.terms] + programs
            )
        segments = _Segments(text, cuts, cancel)
        output = self.policy.output
        for start, end, decision in blocks:
            segments.release_until(start)
            if decision is not None:
                lines = _line_count(text, start, end) if output.disclose_withheld_lines else None
                segments.out.append(
                    Withheld(self._lead(decision), decision.codes, decision.rule, lines)
                )
            segments.skip_to(end)
        segments.release_until(len(text))
        codes = {c for d in decisions if d.action is Action.WITHHOLD for c in d.codes}
        codes.update(c for cut in cuts for c in cut.codes)
        # The reference id is read from the routing header and the banner line (post,
        # serial, year), and goes where cuts do not reach: the PDF's Title, the audit, a
        # batch's file names. A term that cut any of those lines may have cut part of it:
        # then the release carries none.
        id_lines = [(p.start, p.end) for p in parts if p.kind in _ID_PARTS]
        id_cut = any(c.start < end and start < c.end for c in cuts for start, end in id_lines)
        return Redacted(
            source=doc.source,
            reference_id=None if id_cut else doc.reference_id,
            policy=self.policy.name,
            as_of=self.as_of,
            segments=tuple(segments.out),
            marking=marking,
            original=doc.banner,
            release=Release.PART if codes else Release.FULL,
            codes=sort_codes(codes),
            decisions=tuple(decisions),
            cuts=tuple(cuts),
            declassification=self.status,
            label_style=output.label_style,
            newline=_newline(segments.out),
            routing_dropped=bool(dropped),
            # Warnings that text inside a unit can raise stay with the parsed document
            # (``redactor inspect``, the preview): in the release they would tell what a
            # withheld unit holds (issue 13, point 9).
            warnings=tuple(w for w in doc.warnings if w not in UNIT_WARNINGS),
            case_number=output.case_number,
            document_number=output.document_number,
            review_date=output.review_date,
        )

    # -- units and decisions ------------------------------------------------------------

    def _units(self, parts: Sequence[Any]) -> list[_Unit]:
        by_start = self.portion_at
        text = self.text
        units = []
        for part in parts:
            if part.kind in (PartKind.PORTION, PartKind.SUBJECT):
                portion = by_start.get(part.start)
                if portion is None:  # pragma: no cover - the partition keeps portion starts
                    units.append(_Unit("text", None, part.start, part.end))
                else:
                    inner = portion.inner
                    if part.end != portion.end:
                        # A subject cut short by a unit inside it holds only its own marks.
                        inner = held_marking(text, portion.mark_end or part.start, part.end)
                    units.append(_Unit(portion.kind.value, portion, part.start, part.end, inner))
            elif part.kind is PartKind.TEXT:
                inner = held_marking(text, part.start, part.end)
                units.append(_Unit("text", None, part.start, part.end, inner))
            elif part.kind in _HEADER_UNITS:
                # Header material is released only when it holds no mark (issue 13,
                # point 5): a REF item or a TAGS line with a mark is decided by it.
                own = held_marking(text, part.start, part.end)
                if own is not None:
                    units.append(_Unit(part.kind.value, None, part.start, part.end, None, own))
        return units

    def _decide(self, unit: _Unit) -> Decision:
        portion = unit.portion
        mark = portion.marking if portion is not None else unit.own
        # A verdict depends only on the marks and the kind (the DECL status is the
        # document's), and documents repeat them: decide each combination once.
        continues = portion is not None and portion.continues
        key = (mark, unit.inner, unit.kind, continues)
        verdict = self.verdicts.get(key)
        if verdict is None:
            verdict = self.verdicts[key] = self._verdict(mark, unit.kind, unit.inner, continues)
        seen, rule, codes, reason = verdict
        return Decision(
            kind=unit.kind,
            number=_number(portion),
            mark=_shown_mark(mark) if mark is not None else None,
            marking=seen,
            start=unit.start,
            end=unit.end,
            action=Action.RELEASE if codes is None else Action.WITHHOLD,
            rule=rule,
            codes=codes or (),
            reason=reason,
        )

    def _verdict(
        self, mark: Marking | None, kind: str, inner: Marking | None, continues: bool = False
    ) -> _Verdict:
        """(marking the rules saw, rule id, codes or ``None`` to release, reason).

        A unit is governed by the most restrictive of the marks it holds (issue 13,
        point 2): its leading mark, or what ``unmarked`` gives it, rolled up with its
        inner marks. An unknown mark anywhere in it withholds it.
        """
        fallback = self.fallback
        for held in (mark, inner):
            if held is not None and not held.known:
                return _shown_marking(held), UNKNOWN_MARK, fallback, "portion mark unreadable"
        prefix = ""
        if continues and mark is not None:
            # Right under unmarked text: what `unmarked` gives that text governs too.
            unmarked = self.policy.unmarked
            if unmarked is Unmarked.WITHHOLD:
                return None, UNMARKED, fallback, "continues unmarked text: withhold"
            if unmarked is Unmarked.INHERIT:
                effective = self.effective
                if effective is None or not effective.known:
                    reason = "continues unmarked text: inherit, but the banner is missing"
                    return None, UNMARKED, fallback, reason
                inner = effective if inner is None else roll_up([inner, effective])
        if mark is None:
            unmarked = self.policy.unmarked
            if unmarked is Unmarked.RELEASE and inner is None:
                return None, UNMARKED, None, "unmarked: release"
            if unmarked is Unmarked.WITHHOLD:
                return None, UNMARKED, fallback, "unmarked: withhold"
            if unmarked is Unmarked.RELEASE:
                mark, inner = inner, None
                prefix = "unmarked, governed by the mark it holds; "
            else:
                effective = self.effective
                if effective is None or not effective.known:
                    reason = "unmarked: inherit, but the banner is missing or unreadable"
                    return None, UNMARKED, fallback, reason
                mark = effective
                if effective is self.doc.banner:
                    prefix = f"unmarked, inherits the banner {printed_banner(effective)}; "
                else:
                    # The banner understates the portions (or the body raised it).
                    prefix = f"unmarked, inherits the document's {printed_banner(effective)}; "
        if mark is None:  # pragma: no cover - every branch above sets a mark
            return None, UNMARKED, fallback, "unmarked"
        if inner is not None:
            mark = roll_up([mark, inner])
            prefix += f"holds the mark {_shown_marking(inner)}; "
        seen = _shown_marking(mark)
        for rule in self.policy.rules:
            phrases = self._holds(rule, kind, mark)
            if phrases is not None:
                reason = prefix + "; ".join(phrases or self._context(mark))
                if rule.action is Action.RELEASE:
                    return seen, rule.id, None, reason
                # "{reasons}" alone expands to nothing on a document without reasons:
                # a withholding always shows a code, so fall back.
                return seen, rule.id, self._codes(rule.exemptions) or fallback, reason
        return seen, NO_RULE, fallback, prefix + "no rule matched"

    def _holds(self, rule: Rule, kind: str, mark: Marking) -> list[str] | None:
        """The phrases explaining why ``rule`` holds for the unit, or ``None``."""
        when = rule.when
        if when is None:
            return []
        phrases = []
        level = mark.level
        if level is None:  # pragma: no cover - unknown marks are withheld before the rules
            return None
        if when.level is not None:
            if not when.level.holds(level):
                return None
            phrases.append(f"level {level.banner_word} ({when.level.describe()})")
        if when.declassified is not None:
            if (self.status is DeclassStatus.DECLASSIFIED) != when.declassified:
                return None
            phrases.append(self._declass_phrase())
        if when.controls is not None:
            if not when.controls.holds(frozenset(mark.controls)):
                return None
            phrases.append(when.controls.describe())
        if when.releasable_to is not None:
            if not mark.releasable_to(when.releasable_to):
                return None
            phrases.append(f"releasable to {when.releasable_to}")
        if when.kind is not None:
            if kind not in when.kind:
                return None
            phrases.append(f"kind {kind}")
        return phrases

    def _context(self, mark: Marking) -> list[str]:
        """What a rule without conditions saw, so the audit still says why."""
        level = mark.level.banner_word if mark.level is not None else "UNKNOWN"
        return [f"always (level {level}; {self._declass_phrase()})"]

    def _declass_phrase(self) -> str:
        """The document's declassification on ``as_of``, in words (computed once)."""
        if self._phrase is None:
            self._phrase = self._describe_declassification()
        return self._phrase

    def _describe_declassification(self) -> str:
        decl = self.doc.declassification
        own = decl.status(self.as_of)
        if self.status is DeclassStatus.DECLASSIFIED and own is not DeclassStatus.DECLASSIFIED:
            return "unclassified document"
        if self.status is DeclassStatus.CLASSIFIED and own is DeclassStatus.DECLASSIFIED:
            return "a NATO or RD/FRD/TFNI marking keeps it classified"
        if decl.kind is DeclassKind.DATE and decl.date is not None:
            relation = "on or before" if self.status is DeclassStatus.DECLASSIFIED else "after"
            return f"DECL {decl.date.isoformat()} {relation} as-of {self.as_of.isoformat()}"
        return f"DECL {decl.kind.value}: {self.status.value}"

    def _codes(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        return _expand(codes, self.reasons)

    def _contribution(self, unit: _Unit) -> Marking:
        """What a released unit adds to the release's marking (never understating it)."""
        if self.status is DeclassStatus.DECLASSIFIED:
            return Marking(Level.UNCLASSIFIED)  # declassified: its markings no longer apply
        mark = unit.portion.marking if unit.portion is not None else unit.own
        if mark is None:
            effective = self.effective
            known = effective is not None and effective.known
            mark = effective if known and effective is not None else Marking(Level.UNCLASSIFIED)
        return mark if unit.inner is None else roll_up([mark, unit.inner])

    def _lead(self, decision: Decision) -> str:
        """The label and mark of a withheld unit, from closed vocabularies only.

        The label is the text before the mark when it is a label of the closed grammar
        (:func:`redactor.leads.printed_label`: ``¶12.``, ``A.``, ``(a)``, a bullet), else
        the parser's number when that is one, else nothing; a subject's is ``SUBJECT:``.
        The mark is rebuilt from its reading (:func:`redactor.leads.printed_mark`), never
        copied. The lead of a withheld unit is printed, so it must carry no word of the
        unit, of its mark (a compartment or program name) or of whatever the parser made
        of an odd line (issue 13, point 8).
        """
        portion = self.portion_at.get(decision.start)
        if portion is None:
            return ""
        mark = printed_mark(portion.marking) if portion.marking is not None else ""
        head: str | None = None
        if portion.kind is PortionKind.SUBJECT:
            head = SUBJECT
        else:
            if portion.mark_start is not None and portion.marking is not None:
                head = printed_label(self.text[portion.start : portion.mark_start])
            if head is None and portion.number:
                pilcrow = "¶" if self.text.startswith("¶", portion.start) else ""
                head = printed_label(f"{pilcrow}{portion.number}.")
        return f"{head or ''} {mark}".strip()

    # -- header routing ---------------------------------------------------------------

    def _dropped(self, parts: Sequence[Any]) -> list[tuple[int, int]]:
        if self.policy.header.routing != "drop":
            return []
        out: list[tuple[int, int]] = []
        for i, part in enumerate(parts):
            if part.kind is PartKind.ROUTING:
                end = part.end
                if i + 1 < len(parts) and parts[i + 1].kind is PartKind.SPACE:
                    end = parts[i + 1].end
                out.append((part.start, end))
        return out

    # -- terms ------------------------------------------------------------------------

    def _cuts(self, released: list[tuple[int, int]]) -> list[CutRecord]:
        found: list[tuple[int, int, str, tuple[str, ...]]] = []
        # Terms match on the text's skeleton (redactor/skeleton.py): a listed name is cut
        # however it is spelled to the eye, and each match is cut on the original text.
        view = _skeleton_view(self.text)
        for term, matchers in _matchers(self.policy):
            codes = self._codes(term.exemptions)
            spans: list[tuple[int, int]] = []
            for regex, words in matchers:
                spans.extend(view.back(_find(regex, view.text, whole_words=words)))
                if not words:
                    # A pattern may rely on case or on exact characters (``\p{Lu}``, a
                    # digit): it runs on the original too, and both sets of matches are cut.
                    spans.extend(_find(regex, self.text, whole_words=False))
            for named in field_names(self.doc, term):
                spans.append(named.span)
                # A name cut where the header gives it is cut wherever else it is
                # released (a cleared-by list, the sign-off): otherwise the cut protects
                # nothing.
                for form in named.searched:
                    spans.extend(view.back(_find_name(view.text, _skeleton_form(form))))
            for start, end in spans:
                for lo, hi in _clip(start, end, released):
                    found.append((lo, hi, term.id, codes))
        return _merge_cuts(found)

    def _program_names(
        self, parts: Sequence[Any], released: list[tuple[int, int]]
    ) -> list[tuple[int, int, str, tuple[str, ...]]]:
        """Cuts over compartment and program names in banner lines (issue 13, point 8).

        ``TOP SECRET//SAR-KINGFISHER//NOFORN`` names a special access program; the
        name is itself protected (32 CFR 2001.24(i)), so the release prints the
        banner line with the name cut, ``SAR-[B1]``, whatever the policy lists.
        """
        text = self.text
        found = []
        for part in parts:
            if part.kind is not PartKind.BANNER:
                continue
            for m in _PROGRAM_NAME.finditer(text, part.start, part.end):
                for lo, hi in _clip(m.start("name"), m.end("name"), released):
                    found.append((lo, hi, PROGRAM_NAME, self.fallback))
        return found


@dataclass(frozen=True, slots=True)
class NamedPerson:
    """A person a term's header field gives: the field, the name as read, where it stands
    and the forms cut wherever else they are released (the full name; the surname alone
    when the term cuts surnames and the surname is no common word)."""

    field: TermField
    name: str
    span: tuple[int, int]
    searched: tuple[str, ...]


def field_names(document: Document, term: Term) -> tuple[NamedPerson, ...]:
    """The persons ``term``'s ``fields`` cut in ``document`` (issue 14, point 2).

    ``classified_by`` gives the person of the Classified By statement alone, never its
    title, post or reason clause (:func:`redactor.names.read_names`); ``signature`` gives
    the sign-off when it is a name (:func:`redactor.names.is_signoff_name`), also where it
    stays inside its unit (a sign-off glued to the last sentence). ``redactor explain``
    prints them.
    """
    out: list[NamedPerson] = []
    by = document.classified_by
    person = by.person if by is not None else None
    for name in term.fields:
        if name is TermField.CLASSIFIED_BY:
            if by is not None and by.person is not None and by.person_span is not None:
                forms = _name_forms(by.person, surnames=term.surnames)
                out.append(NamedPerson(name, by.person, by.person_span, forms))
            continue
        for f in document.fields:
            if f.name == "signature" and is_signoff_name(f.value, person):
                forms = _name_forms(f.value, surnames=term.surnames)
                out.append(NamedPerson(name, f.value, (f.value_start, f.value_end), forms))
    return tuple(out)


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


# Where a cable writes its post and serial: the routing header, the banner line and the
# page headers of a multi-page cable.
_ID_PARTS: Final = frozenset({PartKind.ROUTING, PartKind.BANNER, PartKind.LAYOUT})


@functools.lru_cache(maxsize=4096)
def _expand(codes: tuple[str, ...], reasons: tuple[str, ...]) -> tuple[str, ...]:
    """Codes with ``{reasons}`` replaced by the document's reasons, in stamp order."""
    out: list[str] = []
    for code in codes:
        out.extend(reasons if code == REASONS_TOKEN else (code,))
    return sort_codes(tuple(out))


def _shown_mark(marking: Marking) -> str:
    """The mark of a unit as the audit and a lead show it: its printed form, never as
    written (:func:`redactor.leads.printed_mark`; issue 13, point 8)."""
    return printed_mark(marking)


def _shown_marking(marking: Marking) -> str:
    """The marking the rules saw, in the same printed form."""
    return printed_mark(marking)


def _newline(segments: Sequence[Segment]) -> str:
    """The line ending of the release's own lines (banner, stamp, case line, final newline):
    that of the first line break in released text, the header's for a cable; ``"\n"`` when
    it is not CRLF or there is none.

    Only released text is looked at. A line break inside a withheld unit or a cut term must
    decide nothing outside its placeholder (issue 13, point 9): otherwise one CRLF in a
    withheld paragraph would turn every line the release adds into CRLF.
    """
    pending = False  # a CR ended the released run so far: CRLF if a LF follows in the run
    for segment in segments:
        pieces = segment.segments if isinstance(segment, Cancelled) else (segment,)
        for piece in pieces:
            if not isinstance(piece, Kept):
                if pending:
                    return "\n"
                continue
            text = piece.text
            if pending:
                if text:
                    return "\r\n" if text[0] == "\n" else "\n"
                continue
            breaks = [i for i in (text.find("\r"), text.find("\n")) if i >= 0]
            if not breaks:
                continue
            first = min(breaks)
            if text[first] == "\n":
                return "\n"
            if first + 1 < len(text):
                return "\r\n" if text[first + 1] == "\n" else "\n"
            pending = True
    return "\n"


def _number(portion: Portion | None) -> str | None:
    """The parser's number of ``portion`` when it is a label of the closed grammar."""
    if portion is None or portion.number is None:
        return None
    return portion.number if printed_label(portion.number) == portion.number else None


@functools.lru_cache(maxsize=4096)
def _banner_form(marking: Marking) -> str:
    return marking.banner_form()


def _line_count(text: str, start: int, end: int) -> int:
    """The lines ``text[start:end]`` spans: the lines it touches, blank lines at its end
    (the spacing before the next unit) not counted, and at least one."""
    body = text[start:end].rstrip()
    return body.count("\n") + body.count("\r") - body.count("\r\n") + 1


def _complement(
    blocked: Sequence[tuple[int, int, Decision | None]], length: int
) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for start, end, _ in blocked:
        if start > pos:
            out.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        out.append((pos, length))
    return out


def _clip(start: int, end: int, released: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The pieces of ``[start, end)`` that lie in released runs (withholding wins)."""
    i = max(bisect.bisect_right(released, start, key=lambda run: run[0]) - 1, 0)
    while i < len(released) and released[i][0] < end:
        lo, hi = max(start, released[i][0]), min(end, released[i][1])
        if lo < hi:
            yield lo, hi
        i += 1


def _split(runs: list[tuple[int, int]], cuts_at: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``runs`` split at the edges of ``cuts_at`` (a cut never straddles a cancelled banner)."""
    edges = sorted({x for span in cuts_at for x in span})
    out = []
    for start, hi in runs:
        lo = start
        for edge in edges:
            if lo < edge < hi:
                out.append((lo, edge))
                lo = edge
        out.append((lo, hi))
    return out


def _merge_cuts(found: list[tuple[int, int, str, tuple[str, ...]]]) -> list[CutRecord]:
    """Overlapping cuts become one, with the union of their terms and codes."""
    out: list[CutRecord] = []
    for start, end, term, codes in sorted(found):
        if out and start < out[-1].end:
            last = out[-1]
            out[-1] = CutRecord(
                terms=tuple(dict.fromkeys((*last.terms, term))),
                start=last.start,
                end=max(last.end, end),
                codes=sort_codes((*last.codes, *codes)),
            )
        else:
            out.append(CutRecord((term,), start, end, codes))
    return out


def _merge_blocks(
    withheld: list[tuple[int, int, Decision]], dropped: list[tuple[int, int]]
) -> list[tuple[int, int, Decision | None]]:
    blocks: list[tuple[int, int, Decision | None]] = [
        *withheld,
        *((s, e, None) for s, e in dropped),
    ]
    blocks.sort(key=lambda b: (b[0], b[1]))
    return blocks


class _Segments:
    """Builds the segment list: released runs with cuts applied, banners cancelled."""

    def __init__(self, text: str, cuts: list[CutRecord], cancel: list[tuple[int, int]]):
        self.text = text
        self.cuts = cuts
        self.cancel = cancel
        self.out: list[Segment] = []
        self.pos = 0
        self.next_cut = 0

    def skip_to(self, end: int) -> None:
        self.pos = max(self.pos, end)

    def release_until(self, end: int) -> None:
        """Release ``[pos, end)``, with the banner lines in it cancelled."""
        for start, stop in self.cancel:
            if self.pos <= start < end:
                self.out.extend(self._run(self.pos, start))
                self.out.append(Cancelled(tuple(self._run(start, stop))))
                self.pos = stop
        self.out.extend(self._run(self.pos, end))
        self.pos = max(self.pos, end)

    def _run(self, start: int, end: int) -> list[Kept | Cut]:
        out: list[Kept | Cut] = []
        pos = start
        cuts = self.cuts
        while self.next_cut < len(cuts) and cuts[self.next_cut].start < end:
            cut = cuts[self.next_cut]
            if cut.start > pos:
                out.append(Kept(self.text[pos : cut.start]))
            out.append(Cut(cut.codes, cut.terms))
            pos = cut.end
            self.next_cut += 1
        if end > pos:
            out.append(Kept(self.text[pos:end]))
        return out


# -- term matching -------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _skeleton_view(text: str) -> SkeletonView:
    """The skeleton of a document, kept for the few redactions that follow: a reviewer
    or a test redacts one document under several policies and dates, and the view (a
    frozen value) depends on the text alone."""
    return SkeletonView.of(text)


_MATCHER_CACHE: dict[int, tuple[Policy, list[tuple[Any, list[tuple[Any, bool]]]]]] = {}


def _matchers(policy: Policy) -> list[tuple[Any, list[tuple[Any, bool]]]]:
    """Compiled RE2 programs per term, built once per policy object.

    Words are compiled as skeletons, to run on the text's skeleton; patterns as written.
    """
    cached = _MATCHER_CACHE.get(id(policy))
    if cached is not None and cached[0] is policy:
        return cached[1]
    out = []
    for term in policy.terms:
        matchers: list[tuple[Any, bool]] = []
        words = _word_alternatives(term.words, surnames=term.surnames)
        if words:
            matchers.append((compile_re2("(?:" + "|".join(words) + ")"), True))
        matchers.extend((compile_re2(p), False) for p in term.patterns)
        out.append((term, matchers))
    if len(_MATCHER_CACHE) > 64:
        _MATCHER_CACHE.clear()
    _MATCHER_CACHE[id(policy)] = (policy, out)
    return out


@functools.lru_cache(maxsize=2048)  # a post's cables name the same people again and again
def _name_forms(name: str, *, surnames: bool) -> tuple[str, ...]:
    """The forms of a person's name cut wherever they stand (matched as skeletons): the
    name as read (a single word only when :func:`redactor.names.searchable`), and its surname
    when ``surnames`` is on and the surname is searchable (never ``White`` or ``Via``:
    alone they would cut ordinary words all through the cable)."""
    tokens = unicodedata.normalize("NFKC", name).split()
    forms: list[str] = []
    if (len(tokens) > 1 or (tokens and searchable(tokens[0]))) and sum(
        c.isalpha() for c in name
    ) >= 3:
        forms.append(" ".join(tokens))
    last = surname(name) if surnames else None
    if last is not None:
        forms.append(last)
    return tuple(f for f in dict.fromkeys(forms) if skeleton(f).strip())


@functools.lru_cache(maxsize=4096)
def _skeleton_form(form: str) -> str:
    return skeleton(form)


def _find_name(text: str, form: str) -> Iterator[tuple[int, int]]:
    """Where a name's skeleton ``form`` (:func:`_name_forms`) stands in the skeleton
    ``text``: whole words, any whitespace between its words, with a plural or possessive
    ending.

    Literal search with ``str.find``, not a regular expression: names differ from cable
    to cable, and compiling a program per cable cost more than the rest of the redaction.
    """
    n = len(text)
    tokens = form.split()
    if tokens:
        first = tokens[0]
        pos = text.find(first)
        while pos >= 0:
            end = pos + len(first)
            for token in tokens[1:]:
                gap = end
                while gap < n and (text[gap].isspace()):
                    gap += 1
                if gap == end or not text.startswith(token, gap):
                    end = -1
                    break
                end = gap + len(token)
            stop = _name_end(text, pos, end, n) if end > 0 else None
            if stop is not None:
                yield pos, stop
            pos = text.find(first, pos + 1)


_SPACE = r"[\s\pZ]+"
_RE2_SPECIAL = frozenset("\\.+*?()|[]{}^$")


def _escape(token: str) -> str:
    return "".join("\\" + c if c in _RE2_SPECIAL else c for c in token)


def _word_alternatives(words: Sequence[str], *, surnames: bool) -> list[str]:
    """Each word as a whitespace-flexible literal skeleton; a name's last word also
    stands alone.

    Cables sign off and refer back by surname (``SECHE`` for Stephen A. Seche), so a
    name of several words also cuts its last word when ``surnames`` is on (never a common
    word, title, office, post or country: :func:`redactor.names.searchable`).
    """
    alternatives: dict[str, None] = {}
    for word in words:
        tokens = unicodedata.normalize("NFKC", word).split()
        keys = skeleton(" ".join(tokens)).split()
        if keys:
            alternatives[_SPACE.join(_escape(k) for k in keys)] = None
        if surnames and len(tokens) > 1:
            last = tokens[-1].strip(".,;:")
            keys = skeleton(last).split()
            if searchable(last) and keys:
                alternatives[_SPACE.join(_escape(k) for k in keys)] = None
    # Longest first: RE2 alternation is leftmost-first, and the full name should win.
    return sorted(alternatives, key=lambda a: (-len(a), a))


def _is_word(char: str) -> bool:
    """Letters, digits and combining marks make words; ``_``, ``@``, ``.``, ``-`` and all
    other punctuation part them (``seche_stephen@state.gov`` holds the name ``seche``)."""
    return char.isalnum() or unicodedata.category(char)[0] == "M"


# A plural or possessive of a name is the name (``Seche's``, ``Seches``, ``Seches'``):
# skeleton forms, where ’ and ´ are '. Longest first, and each only where it ends a word.
_SUFFIXES: Final = ("'s", "s'", "es", "s")


def _name_end(text: str, start: int, end: int, n: int) -> int | None:
    """Where a whole-word match of a name ends, its plural or possessive ending included;
    ``None`` when it is no whole word."""
    if end < n and text[end - 1].isalpha():
        for suffix in _SUFFIXES:
            if text.startswith(suffix, end) and _whole(text, start, end + len(suffix), n):
                return end + len(suffix)
    return end if _whole(text, start, end, n) else None


def _find(regex: Any, text: str, *, whole_words: bool) -> Iterator[tuple[int, int]]:
    """Match spans; for words, only where they stand as whole words (Unicode-aware),
    with a plural or possessive ending."""
    n = len(text)
    for match in regex.finditer(text):
        start, end = match.span()
        if end == start:
            continue
        if not whole_words:
            yield start, end
            continue
        stop = _name_end(text, start, end, n)
        if stop is not None:
            yield start, stop
            continue
        # A rejected match may hide a whole word that starts inside it
        # ("XSEcHE SECHE" must still cut the second word): look again from one further.
        retry = regex.search(text, start + 1)
        while retry is not None and retry.start() < end:
            s, e = retry.span()
            stop = _name_end(text, s, e, n) if e > s else None
            if stop is not None:
                yield s, stop
                break
            retry = regex.search(text, s + 1)


def _whole(text: str, start: int, end: int, n: int) -> bool:
    if start > 0 and _is_word(text[start]) and _is_word(text[start - 1]):
        return False
    return not (end < n and _is_word(text[end - 1]) and _is_word(text[end]))
