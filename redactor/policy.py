"""Redaction policies, format version 1: YAML in, a validated frozen :class:`Policy` out.

A policy says, portion by portion, what may be released (``rules``), which words to cut
from everything released (``terms``), and how to treat content without a portion mark
(``unmarked``). ``docs/policy.md`` is the reference; ``policies/policy.schema.json`` is
generated from the models below (``python -m redactor.policy --schema``).

Loading is strict because a policy mistake is a leak or a wrongful withholding that
nobody sees: unknown keys are errors, every error names ``file:line:column`` and the key
path, and YAML 1.1 surprises (``NO`` read as ``false``) are explained with the fix.
"""

from __future__ import annotations

import datetime
import difflib
import enum
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import re2
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    model_validator,
)

from redactor.errors import RedactorError
from redactor.markings import Level
from redactor.model import PortionKind

__all__ = [
    "Action",
    "Controls",
    "Header",
    "LabelStyle",
    "LevelRange",
    "Output",
    "Policy",
    "PolicyError",
    "Rule",
    "Term",
    "Unmarked",
    "When",
    "check_release_field",
    "load_policy",
    "parse_policy",
    "policy_schema",
]

# Limits that keep a hostile policy from costing more than a moment (see docs/policy.md).
MAX_POLICY_BYTES = 1_000_000
MAX_YAML_NODES = 100_000  # after alias expansion: a "billion laughs" file stops here
MAX_TERMS = 10_000  # words and patterns over all terms
RE2_MAX_MEM = 8 << 20  # bytes of compiled RE2 program per pattern


class PolicyError(RedactorError):
    """A policy cannot be used; ``messages`` has one ``file:line:col: path: problem`` each."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = tuple(messages)


class Action(enum.StrEnum):
    WITHHOLD = "withhold"
    RELEASE = "release"


class Unmarked(enum.StrEnum):
    """What to do with content that carries no portion mark."""

    INHERIT = "inherit"  # treat it as marked with the document's banner marking
    WITHHOLD = "withhold"
    RELEASE = "release"


class LabelStyle(enum.StrEnum):
    STATE = "state"  # B1, 1.4(B), B6 (Department of State releases)
    DOJ = "doj"  # (b)(1), 1.4(b), (b)(6) (DOJ OIP style)


UNIT_KINDS = (*(k.value for k in PortionKind), "text")
"""What a rule's ``kind`` may name: a portion kind, or ``text`` (unmarked text outside portions)."""

# ---------------------------------------------------------------------------------------
# Exemption codes
# ---------------------------------------------------------------------------------------

REASONS_TOKEN = "{reasons}"  # noqa: S105 - a placeholder, not a password
_FOIA = re.compile(r"(?:B|\(B\))\s*\(?([1-9])\)?(?:\s*\(?([A-F])\)?)?")
_SECTION_14 = re.compile(r"1\.4\s*\(?([A-H])\)?")
_AUTOMATIC = re.compile(r"(25|50|75)X([1-9])(?:-([A-Z]{2,4}))?")
_CUSTOM = re.compile(r"[A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)*")


def normalize_code(code: str) -> str:
    """The State-style spelling of an exemption code, or ``ValueError``.

    Accepted: FOIA exemptions ``B1``–``B9`` (``B7(C)``; also written ``(b)(7)(C)``,
    5 U.S.C. 552(b)); E.O. 13526 §1.4 categories ``1.4(B)``; automatic-declassification
    exemptions ``25X1``–``25X9``, ``50X1-HUM``, ``75X…`` (§3.3); the ``{reasons}``
    placeholder; and custom upper-case codes such as ``SBU`` for non-FOIA releases.
    """
    text = code.strip()
    if text == REASONS_TOKEN:
        return text
    upper = text.upper()
    if m := _FOIA.fullmatch(upper):
        number, sub = m.groups()
        if sub and number != "7":
            raise ValueError(f"{code!r}: only exemption B7 has lettered parts, e.g. B7(C)")
        return f"B{number}" + (f"({sub})" if sub else "")
    if m := _SECTION_14.fullmatch(upper):
        return f"1.4({m.group(1)})"
    if _AUTOMATIC.fullmatch(upper):
        return upper
    if upper.startswith(("B", "(B)")) and re.match(r"\(?B\)?\s*\(?\d", upper):
        raise ValueError(f"{code!r} is not a FOIA exemption: they run B1 to B9 (5 U.S.C. 552(b))")
    if text == upper and _CUSTOM.fullmatch(text) and len(text) <= 16:
        return text
    raise ValueError(
        f"{code!r} is not an exemption code: write B1-B9 (or (b)(1)), 1.4(B), 25X1, "
        f"{REASONS_TOKEN}, or a custom upper-case code such as SBU"
    )


def _code_key(code: str) -> tuple[int, int, str]:
    """State order: B1 with its E.O. 13526 grounds right after it, then B2…B9, then custom."""
    if code.startswith("B") and code[1:2].isdigit():
        return (int(code[1]), 0, code)
    if code.startswith("1.4("):
        return (1, 1, code)
    if _AUTOMATIC.fullmatch(code):
        return (1, 2, code)
    return (10, 0, code)


def sort_codes(codes: set[str] | frozenset[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Codes in release-stamp order: ``B1, 1.4(B), 1.4(D), B6``."""
    return tuple(sorted(set(codes), key=_code_key))


def label_code(code: str, style: LabelStyle) -> str:
    """A State-style code as the label style writes it (``B7(C)`` → ``(b)(7)(C)`` for DOJ)."""
    if style is LabelStyle.STATE:
        return code
    if code.startswith("B") and code[1:2].isdigit():
        return f"(b)({code[1]})" + code[2:]
    if code.startswith("1.4("):
        return code.lower()
    return code


# ---------------------------------------------------------------------------------------
# The models (pydantic v2: validation and the JSON Schema come from one definition)
# ---------------------------------------------------------------------------------------

LevelName = Literal["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET", "U", "C", "S", "TS"]
_LEVELS = {name: level for level in Level for name in (level.banner_word, level.code)}


def _level(value: object) -> object:
    if isinstance(value, str) and value in _LEVELS:
        return _LEVELS[value]
    if isinstance(value, Level):
        return value
    if isinstance(value, str) and value.upper() in _LEVELS:
        raise ValueError(f"write the level in capitals: {value.upper()}")
    raise ValueError(
        "a level is one of UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET (or U, C, S, TS)"
    )


PolicyLevel = Annotated[Level, BeforeValidator(_level, json_schema_input_type=LevelName)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelRange(_Model):
    """``{at_least: C}``, ``{at_most: S}``, ``{in: [C, S]}``; all given bounds must hold."""

    at_least: PolicyLevel | None = None
    at_most: PolicyLevel | None = None
    in_: tuple[PolicyLevel, ...] | None = Field(default=None, alias="in", min_length=1)

    @model_validator(mode="after")
    def _not_empty(self) -> LevelRange:
        if self.at_least is None and self.at_most is None and self.in_ is None:
            raise ValueError("give at_least, at_most or in (or a bare level for equality)")
        return self

    def holds(self, level: Level) -> bool:
        return (
            (self.at_least is None or level >= self.at_least)
            and (self.at_most is None or level <= self.at_most)
            and (self.in_ is None or level in self.in_)
        )

    def describe(self) -> str:
        words = []
        if self.at_least is not None:
            words.append(f"at least {self.at_least.banner_word}")
        if self.at_most is not None:
            words.append(f"at most {self.at_most.banner_word}")
        if self.in_ is not None:
            words.append("in " + "/".join(level.banner_word for level in self.in_))
        return ", ".join(words)


def _level_condition(value: object) -> object:
    """A bare level means equality: ``level: SECRET`` is ``{in: [SECRET]}``."""
    if isinstance(value, str):
        return {"in": [value]}
    return value


LevelCondition = Annotated[
    LevelRange, BeforeValidator(_level_condition, json_schema_input_type=LevelName | LevelRange)
]

KNOWN_CONTROLS = frozenset(
    {
        "NOFORN", "SBU", "SBU NOFORN", "LES", "LES NOFORN", "FOUO", "ORCON", "IMCON", "PROPIN",
        "RELIDO", "RSEN", "DSEN", "FISA", "EXDIS", "NODIS", "LIMDIS", "SSI", "CUI", "RD", "FRD",
        "TFNI", "NATO", "FGI",
    }
)  # fmt: skip
"""Control names a rule may test (banner forms; MARKINGS.md §0.2)."""


def _control(value: object) -> object:
    if not isinstance(value, str):
        return value
    name = " ".join(value.split())
    if name in KNOWN_CONTROLS or name.startswith(("FGI ", "JOINT ")):
        return name
    close = difflib.get_close_matches(name.upper(), sorted(KNOWN_CONTROLS), n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise ValueError(f"unknown control {value!r}: use the banner form, e.g. NOFORN, SBU{hint}")


Control = Annotated[str, BeforeValidator(_control)]


class Controls(_Model):
    """``{any: [...]}``, ``{all: [...]}``, ``{none: [...]}``; all given lists must hold."""

    any: tuple[Control, ...] | None = Field(default=None, min_length=1)
    all: tuple[Control, ...] | None = Field(default=None, min_length=1)
    none: tuple[Control, ...] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _not_empty(self) -> Controls:
        if self.any is None and self.all is None and self.none is None:
            raise ValueError("give any, all or none")
        return self

    def holds(self, controls: frozenset[str]) -> bool:
        return (
            (self.any is None or any(_has(controls, c) for c in self.any))
            and (self.all is None or all(_has(controls, c) for c in self.all))
            and (self.none is None or not any(_has(controls, c) for c in self.none))
        )

    def describe(self) -> str:
        words = []
        for name, names in (("any of", self.any), ("all of", self.all), ("none of", self.none)):
            if names is not None:
                words.append(f"{name} {', '.join(names)}")
        return "controls " + "; ".join(words)


def _has(controls: frozenset[str], name: str) -> bool:
    # "FGI" tests for any foreign-government owner (FGI, FGI GBR ...); NOFORN also
    # covers SBU NOFORN and LES NOFORN, as the roll-up does (ISM-ID-00087).
    if name == "FGI":
        return any(c == "FGI" or c.startswith("FGI ") for c in controls)
    if name == "NOFORN":
        return not controls.isdisjoint({"NOFORN", "SBU NOFORN", "LES NOFORN"})
    return name in controls


def _country(value: object) -> object:
    if isinstance(value, str) and re.fullmatch(r"[A-Z]{3,4}", value):
        return value
    if isinstance(value, str):
        raise ValueError(
            f"{value!r} is not a country code: use the ISO 3166 trigraph (GBR, NOR) "
            "or a tetragraph (FVEY, NATO)"
        )
    return value


Country = Annotated[str, BeforeValidator(_country)]


def _kinds(value: object) -> object:
    return [value] if isinstance(value, str) else value


UnitKind = Literal["subject", "paragraph", "sub-paragraph", "text"]
Kinds = Annotated[
    tuple[UnitKind, ...],
    BeforeValidator(_kinds, json_schema_input_type=UnitKind | list[UnitKind]),
    Field(min_length=1),
]


class When(_Model):
    """Conditions of a rule; all given ones must hold."""

    level: LevelCondition | None = None
    declassified: StrictBool | None = None
    controls: Controls | None = None
    releasable_to: Country | None = None
    kind: Kinds | None = None


Code = Annotated[str, AfterValidator(normalize_code)]
Exemptions = Annotated[tuple[Code, ...], Field(min_length=1)]


class Rule(_Model):
    """One rule: the first whose ``when`` holds decides a portion."""

    id: Identifier
    description: str = ""
    when: When | None = None
    action: Action
    exemptions: tuple[Code, ...] = ()

    @model_validator(mode="after")
    def _codes_fit_action(self) -> Rule:
        if self.action is Action.WITHHOLD and not self.exemptions:
            raise ValueError("a withhold rule needs exemptions, e.g. [B1, '{reasons}']")
        if self.action is Action.RELEASE and self.exemptions:
            raise ValueError("a release rule takes no exemptions: remove them")
        return self


class TermField(enum.StrEnum):
    CLASSIFIED_BY = "classified_by"  # the name in the Classified By line
    SIGNATURE = "signature"  # the sign-off name


def _word(word: str) -> str:
    if not word.strip():
        raise ValueError("a word must not be blank")
    return word


def _pattern(pattern: str) -> str:
    compile_re2(pattern)
    return pattern


class Term(_Model):
    """Words, patterns and header fields cut from everything released."""

    id: Identifier
    description: str = ""
    words: tuple[Annotated[str, AfterValidator(_word)], ...] = ()
    surnames: StrictBool = True
    patterns: tuple[Annotated[str, AfterValidator(_pattern)], ...] = ()
    fields: tuple[TermField, ...] = ()
    exemptions: Exemptions

    @model_validator(mode="after")
    def _something(self) -> Term:
        if not (self.words or self.patterns or self.fields):
            raise ValueError("give words, patterns or fields to cut")
        return self


class Header(_Model):
    routing: Literal["keep", "drop"] = "keep"


MAX_RELEASE_FIELD = 40  # characters: State case and document numbers run 9 to 12


def check_release_field(value: str) -> str:
    """A case or document number as the release block prints it, or ``ValueError``.

    One printable line of at most :data:`MAX_RELEASE_FIELD` characters: the value is
    printed as given on the release, where a newline or a control character would forge
    a line of its own (a second stamp, a marking).
    """
    if not value.strip():
        raise ValueError("must not be blank")
    if not value.isprintable():
        raise ValueError("must be one line of printable characters (no newline, tab or control)")
    if len(value) > MAX_RELEASE_FIELD:
        raise ValueError(f"must be at most {MAX_RELEASE_FIELD} characters ({len(value)} given)")
    return value


ReleaseField = Annotated[
    str, Field(min_length=1, max_length=MAX_RELEASE_FIELD), AfterValidator(check_release_field)
]


class Output(_Model):
    """How the release looks; nothing here changes what is withheld."""

    label_style: LabelStyle = LabelStyle.STATE
    # The release block under the stamp (MARKINGS.md §5 item 7): the FOIA office's
    # tracking data, printed as given; --case-number etc. override them per document.
    case_number: ReleaseField | None = None
    document_number: ReleaseField | None = None
    review_date: Annotated[datetime.date | None, Field(strict=False)] = None
    # "[WITHHELD B1; 7 LINES]": the amount deleted, which FOIA lets an agency show
    # (5 U.S.C. 552(b), sentence after (9)). It discloses the size of what was withheld,
    # so it is off unless a policy asks for it (docs/policy.md).
    disclose_withheld_lines: StrictBool = False


def _version(value: object) -> object:
    # Literal[1] would also take true and 1.0 (they equal 1 in Python): only the integer.
    if type(value) is not int:
        raise ValueError("must be 1, unquoted")
    return value


class Policy(_Model):
    """A validated redaction policy (format version 1)."""

    version: Annotated[Literal[1], BeforeValidator(_version)]
    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_. -]{0,79}$")]
    description: str = ""
    as_of: Annotated[datetime.date | None, Field(strict=False)] = None
    unmarked: Unmarked
    fallback_exemptions: Exemptions = ("B1", REASONS_TOKEN)
    header: Header = Header()
    rules: tuple[Rule, ...]
    terms: tuple[Term, ...] = ()
    output: Output = Output()

    @model_validator(mode="after")
    def _unique_and_bounded(self) -> Policy:
        if all(code == REASONS_TOKEN for code in self.fallback_exemptions):
            # A document may have no reasons; every withholding must still show a code.
            raise ValueError("fallback_exemptions needs a code besides '{reasons}', e.g. B1")
        for what, ids in (
            ("rule", [r.id for r in self.rules]),
            ("term", [t.id for t in self.terms]),
        ):
            seen: set[str] = set()
            for i in ids:
                if i in seen:
                    raise ValueError(f"{what} id {i!r} is used twice: ids name audit entries")
                seen.add(i)
        count = sum(len(t.words) + len(t.patterns) for t in self.terms)
        if count > MAX_TERMS:
            raise ValueError(f"{count} words and patterns: the limit is {MAX_TERMS}")
        return self


def compile_re2(pattern: str) -> Any:
    """Compile with RE2 (linear time: no pattern can hang a batch), or ``ValueError``."""
    options = re2.Options()
    options.log_errors = False
    options.max_mem = RE2_MAX_MEM
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise ValueError(f"not a valid RE2 pattern ({detail})") from None


def policy_schema() -> dict[str, Any]:
    """The JSON Schema of policy files (``policies/policy.schema.json``)."""
    schema = Policy.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://redactor.invalid/policy.schema.json",
        "title": "redactor policy, version 1",
        **{k: v for k, v in schema.items() if k != "title"},
    }


# ---------------------------------------------------------------------------------------
# Loading: YAML with positions, then validation with messages that point into the file
# ---------------------------------------------------------------------------------------

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_YAML11_BOOL = re.compile(r"y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class _Where:
    line: int  # 1-based
    column: int  # 1-based
    plain: str | None = None  # the scalar as written when unquoted (for YAML 1.1 hints)


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy file; :class:`PolicyError` says what is wrong and where."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            # One byte past the limit is enough to refuse: a huge file is never read whole.
            data = handle.read(MAX_POLICY_BYTES + 1)
    except OSError as exc:
        raise PolicyError([f"{path}: cannot read the policy file ({exc.strerror})"]) from None
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyError([f"{path}: policy file over {MAX_POLICY_BYTES:,} bytes"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError([f"{path}: not UTF-8 (byte offset {exc.start})"]) from None
    return parse_policy(text, source=str(path))


def parse_policy(text: str, *, source: str = "<policy>") -> Policy:
    """Validate policy YAML given as a string (``source`` names it in messages)."""
    if len(text) > MAX_POLICY_BYTES:
        raise PolicyError([f"{source}: policy over {MAX_POLICY_BYTES:,} characters"])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise PolicyError([f"{source}:1:1: the policy is empty: start with 'version: 1'"])
        where = _Places(source, loader)
        where.walk(node)
        if where.problems:
            raise PolicyError(where.problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        at = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        raise PolicyError([f"{at}: not valid YAML: {exc.problem}"]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is marked
        raise PolicyError([f"{source}: not valid YAML: {exc}"]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise PolicyError([f"{source}:1:1: a policy is a mapping of keys, starting 'version: 1'"])
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(_messages(exc, data, where.places, source)) from None


class _Places:
    """Where each value of a YAML node tree stands; duplicate keys and alias bombs refused."""

    def __init__(self, source: str, loader: yaml.SafeLoader):
        self.source = source
        self.loader = loader
        self.places: dict[Path_, _Where] = {}
        self.problems: list[str] = []
        self.count = 0

    def walk(self, node: yaml.Node, path: Path_ = ()) -> None:
        self.count += 1
        if self.count > MAX_YAML_NODES:
            if self.count == MAX_YAML_NODES + 1:
                self.problems.append(
                    f"{_at(self.source, node)}: over {MAX_YAML_NODES:,} values after "
                    "expanding aliases: refusing the policy"
                )
            return
        # The C composer marks plain scalars with style "", the Python one with None.
        plain = node.value if isinstance(node, yaml.ScalarNode) and not node.style else None
        self.places[path] = _Where(node.start_mark.line + 1, node.start_mark.column + 1, plain)
        if node.tag == _TIMESTAMP:
            try:  # PyYAML raises a bare ValueError for 2025-13-01: report it here, placed
                self.loader.construct_yaml_timestamp(node)  # type: ignore[arg-type]
            except ValueError as exc:
                self.problems.append(
                    f"{_at(self.source, node)}: {_dotted(path)}: not a date ({exc})"
                )
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                    self.problems.append(
                        f"{_at(self.source, key_node)}: {_dotted(path)}: a key must be a name"
                        + (
                            f"; YAML reads {key} as a {key_node.tag.rsplit(':', 1)[-1]}: quote it"
                            if isinstance(key_node, yaml.ScalarNode)
                            else ""
                        )
                    )
                    continue
                if key in seen:
                    self.problems.append(
                        f"{_at(self.source, key_node)}: {_dotted((*path, key))}: key given twice"
                    )
                seen.add(key)
                mark = key_node.start_mark
                self.places[(*path, key, "<key>")] = _Where(mark.line + 1, mark.column + 1)
                self.walk(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index))


def _at(source: str, node: yaml.Node) -> str:
    return f"{source}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _dotted(path: Path_) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out or "(top level)"


def _data_path(loc: tuple[str | int, ...], data: object) -> Path_:
    """``loc`` as a path into the data: pydantic's union and validator tags dropped."""
    path: list[str | int] = []
    node = data
    for step in loc:
        key = "in" if step == "in_" else step  # the one field whose alias differs
        in_list = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if in_list or (isinstance(node, dict) and key in node):
            path.append(key)
            node = node[key]  # type: ignore[index]
    return tuple(path)


def _messages(
    exc: ValidationError, data: object, places: dict[Path_, _Where], source: str
) -> list[str]:
    out: list[tuple[int, int, str]] = []
    seen: set[tuple[Path_, str]] = set()
    errors = exc.errors()
    failed = [e["loc"] for e in errors if e["type"] != "too_short"]
    for error in errors:
        path = _data_path(error["loc"], data)
        kind = error["type"]
        loc = error["loc"]
        if kind == "too_short" and any(f[: len(loc)] == loc and f != loc for f in failed):
            continue  # the list is short only because its items failed: they are reported
        if kind == "extra_forbidden":
            key = str(error["loc"][-1])
            path = (*path, key) if not path or path[-1] != key else path
            where = places.get((*path, "<key>")) or _nearest(places, path)
            message = f"unknown key {key!r}{_suggest(key, path, data)}"
        elif kind == "missing":
            where = _nearest(places, path)
            message = f"required key {error['loc'][-1]!r} is missing"
        else:
            where = _nearest(places, path)
            message = _explain(error, where)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        out.append((where.line, where.column, f"{_dotted(path)}: {message}"))
    return [f"{source}:{line}:{column}: {text}" for line, column, text in sorted(out)]


def _nearest(places: dict[Path_, _Where], path: Path_) -> _Where:
    while path not in places and path:
        path = path[:-1]
    return places.get(path, _Where(1, 1))


def _suggest(key: str, path: Path_, data: object) -> str:
    model = _model_at(path[:-1], data)
    names = (
        sorted((f.alias or name) for name, f in model.model_fields.items())
        if model is not None
        else []
    )
    close = difflib.get_close_matches(key, names, n=1)
    if close:
        return f": did you mean {close[0]!r}?"
    return f": allowed here: {', '.join(names)}" if names else ""


def _model_at(path: Path_, data: object) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Policy
    for step in path:
        if model is None:
            return None
        if isinstance(step, int):
            continue
        field = model.model_fields.get("in_" if step == "in" else step)
        model = _model_of(field.annotation) if field is not None else None
    return model


def _model_of(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found = _model_of(meta)  # pragma: no cover - metadata never holds models here
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _model_of(origin) if origin is not None and origin is not annotation else None


def _explain(error: Any, where: _Where) -> str:
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    kind = error["type"]
    given = error.get("input")
    if where.plain is not None and isinstance(given, bool) and _YAML11_BOOL.fullmatch(where.plain):
        return (
            f"YAML 1.1 reads the unquoted {where.plain} as {str(given).lower()}; "
            f"quote it: '{where.plain}'"
        )
    return _PLAIN.get(kind, message).replace("Input should be", "must be")


_PLAIN = {
    "too_short": "must list at least one item",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "dict_type": "must be a mapping of keys",
    "model_type": "must be a mapping of keys",
    "model_attributes_type": "must be a mapping of keys",
    "string_pattern_mismatch": "must be letters, digits, '_', '.' or '-', led by a letter or digit",
    "date_from_datetime_inexact": "must be a date written YYYY-MM-DD, without a time",
    "tuple_type": "must be a list",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
}


if __name__ == "__main__":  # pragma: no cover - developer tool: regenerate the schema
    import json
    import sys

    if sys.argv[1:] == ["--schema"]:
        sys.stdout.write(json.dumps(policy_schema(), indent=2) + "\n")
