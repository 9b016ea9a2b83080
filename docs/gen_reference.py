"""Generate the reference parts of the docs from the code, so they cannot drift from it.

    python docs/gen_reference.py          # rewrite the generated blocks in place
    python docs/gen_reference.py --check  # exit 1 and name the stale files (tests/test_docs.py)

Three blocks, each between ``<!-- BEGIN GENERATED: name -->`` and
``<!-- END GENERATED: name -->`` markers; the prose around them is written by hand:

- ``docs/policy.md`` ``policy-keys``: every key of the policy schema
  (:func:`redactor.policy.policy_schema`, the same models as ``policies/policy.schema.json``)
  with its type, default and constraints, and an example that is validated against the
  model here, so an example that stops being valid stops the generator;
- ``docs/cli.md`` ``cli``: every command and option of ``redactor`` from click;
- ``docs/api.md`` ``api``: ``redactor.__all__`` and a few module-level entry points,
  from their signatures and docstrings.

The output depends on the code only (no date, no path, no terminal width).
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import yaml
from pydantic import BaseModel

import redactor
from redactor import policy as policy_module
from redactor.cli import main as cli_main

DOCS = Path(__file__).resolve().parent
REGENERATE = "python docs/gen_reference.py"

# ---------------------------------------------------------------------------------------
# Policy keys
# ---------------------------------------------------------------------------------------

# Each model's section, in reading order: (schema name, YAML path shown, base object the
# examples are merged into to validate them).
_MODELS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "Policy",
        "(top level)",
        {"version": 1, "name": "t", "unmarked": "inherit", "rules": []},
    ),
    ("Rule", "rules[]", {"id": "r", "action": "withhold", "exemptions": ["B1"]}),
    ("When", "rules[].when", {}),
    ("LevelRange", "rules[].when.level", {}),
    ("Controls", "rules[].when.controls", {}),
    ("Term", "terms[]", {"id": "t", "words": ["x"], "exemptions": ["B6"]}),
    ("Header", "header", {}),
    ("Output", "output", {}),
]

# One example per key, as it is written in a policy file (YAML flow style fits a table).
EXAMPLES: dict[str, dict[str, str]] = {
    "Policy": {
        "version": "version: 1",
        "name": "name: foia-release",
        "description": "description: Public FOIA release, State style",
        "as_of": "as_of: 2026-11-28",
        "unmarked": "unmarked: inherit",
        "fallback_exemptions": 'fallback_exemptions: [B1, "{reasons}"]',
        "header": "header: {routing: drop}",
        "rules": "rules: [{id: releasable, action: release}]",
        "terms": "terms: [{id: names, words: [Erkhov], exemptions: [B6]}]",
        "output": "output: {label_style: doj}",
    },
    "Rule": {
        "id": "id: still-classified",
        "description": "description: Not yet declassified",
        "when": "when: {level: {at_least: C}, declassified: false}",
        "action": "action: withhold",
        "exemptions": 'exemptions: [B1, "{reasons}"]',
    },
    "When": {
        "level": "level: SECRET",
        "declassified": "declassified: false",
        "controls": "controls: {any: [NOFORN, ORCON]}",
        "releasable_to": "releasable_to: GBR",
        "kind": "kind: [subject, paragraph]",
    },
    "LevelRange": {
        "at_least": "at_least: CONFIDENTIAL",
        "at_most": "at_most: S",
        "in": "in: [C, S]",
    },
    "Controls": {
        "any": "any: [NOFORN]",
        "all": "all: [SBU, NOFORN]",
        "none": "none: [FOUO, LES]",
    },
    "Term": {
        "id": "id: names",
        "description": "description: Foreign officials named in confidence",
        "words": 'words: [Erkhov, "Stephen A. Seche"]',
        "surnames": "surnames: false",
        "patterns": "patterns: ['\\bPolchief\\b']",
        "fields": "fields: [classified_by, signature]",
        "exemptions": "exemptions: [B6]",
    },
    "Header": {"routing": "routing: drop"},
    "Output": {
        "label_style": "label_style: doj",
        "case_number": "case_number: F-2014-20439",
        "document_number": "document_number: C05739546",
        "review_date": "review_date: 2015-05-13",
        "disclose_withheld_lines": "disclose_withheld_lines: true",
    },
}


def _ref(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _type(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    """A short human type for one schema node (``null`` left out: it means *not given*)."""
    if "anyOf" in schema:
        kinds = [_type(s, defs) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    ref = _ref(schema)
    if ref is not None:
        target = defs[ref]
        if "enum" in target:
            return " \\| ".join(f"`{v}`" for v in target["enum"])
        return f"[{ref}](#{ref.lower()})"
    if "const" in schema:
        return f"`{schema['const']}`"
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}), defs)}"
    if kind == "string" and schema.get("format") == "date":
        return "date `YYYY-MM-DD`"
    return {"string": "text", "boolean": "`true` \\| `false`", "integer": "integer"}.get(
        str(kind), str(kind)
    )


def _constraints(schema: dict[str, Any]) -> list[str]:
    out = []
    for node in [schema, *schema.get("anyOf", [])]:
        if "pattern" in node:
            out.append(f"matches `{node['pattern']}`")
        if "minItems" in node:
            out.append(f"at least {node['minItems']} item")
        if "maxLength" in node:
            out.append(f"{node.get('minLength', 0)} to {node['maxLength']} characters")
    return out


def _default(schema: dict[str, Any]) -> str:
    if "default" not in schema:
        return "required"
    value = schema["default"]
    if value is None:
        return "not given"
    if value in ([], ""):
        return "empty"
    if isinstance(value, dict):
        return "all defaults"
    return f"`{_yaml(value)}`"


def _yaml(value: object) -> str:
    """A default as a policy would write it (flow style; ``"{reasons}"`` quoted)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    text = str(value)
    return f'"{text}"' if text.startswith("{") else text


def _check_example(name: str, key: str, example: str, base: dict[str, Any]) -> None:
    """Validate one example with its model, merged into a minimal valid object."""
    data = yaml.safe_load(example)
    if list(data) != [key]:
        raise SystemExit(f"example of {name}.{key} must set exactly that key: {example!r}")
    model: type[BaseModel] = getattr(policy_module, name)
    model.model_validate({**base, **data})


def policy_reference() -> str:
    """The key tables, one per object of the policy format."""
    schema = policy_module.policy_schema()
    defs: dict[str, Any] = schema["$defs"]
    out = []
    for name, path, base in _MODELS:
        node = schema if name == "Policy" else defs[name]
        required = set(node.get("required", []))
        examples = EXAMPLES[name]
        keys = list(node["properties"])
        if sorted(keys) != sorted(examples):
            raise SystemExit(
                f"{name}: keys {sorted(keys)} but examples for {sorted(examples)}: "
                "give every key one example in docs/gen_reference.py"
            )
        heading = "Policy (the file)" if name == "Policy" else name
        out.append(f"### {heading}\n\n`{path}`")
        description = node.get("description")
        if description and name != "Policy":
            out.append(": " + _markdown(description).replace("\n", " "))
        out.append("\n\n| key | type | default | example |\n|---|---|---|---|\n")
        for key in keys:
            prop = node["properties"][key]
            _check_example(name, key, examples[key], base)
            kind = " ".join([_type(prop, defs), *(f"({c})" for c in _constraints(prop))])
            default = "required" if key in required else _default(prop)
            example = examples[key].replace("|", "\\|")
            out.append(f"| `{key}` | {kind} | {default} | `{example}` |\n")
        out.append("\n")
    return "".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------


def _commands(group: click.Group, prefix: str) -> Iterator[tuple[str, click.Command]]:
    context = click.Context(group, info_name=prefix)
    for name in sorted(group.list_commands(context)):
        command = group.get_command(context, name)
        if command is None or command.hidden:  # pragma: no cover - none is hidden
            continue
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


def _metavar(param: click.Parameter, context: click.Context) -> str:
    try:
        return param.make_metavar(context)  # type: ignore[call-arg, unused-ignore]
    except TypeError:  # pragma: no cover - click < 8.2 takes no context
        return param.make_metavar()  # type: ignore[call-arg, unused-ignore]


# click >= 8.3 marks an option without a default with a sentinel, older versions with None.
_UNSET = getattr(click.core, "UNSET", None)


def _option_row(option: click.Option, context: click.Context) -> str:
    names = ", ".join(f"`{n}`" for n in [*option.opts, *option.secondary_opts])
    value = "flag" if option.is_flag else f"`{_metavar(option, context)}`"
    default = option.default
    if option.required:
        shown = "required"
    elif option.is_flag or default in (None, _UNSET) or callable(default):
        shown = ""
    else:
        shown = f"`{default}`"
    text = option.help or ""
    return "| " + " | ".join(c.replace("|", "\\|") for c in (names, value, shown, text)) + " |\n"


def cli_reference() -> str:
    """Each command: usage, help, arguments and options."""
    out = []
    root = click.Context(cli_main, info_name="redactor")
    out.append("## `redactor`\n\n```text\n")
    out.append(f"redactor {' '.join(cli_main.collect_usage_pieces(root))}\n```\n\n")
    out.append(_markdown(cli_main.help or "") + "\n\n")
    out.append(_options_table(cli_main, root))
    for path, command in _commands(cli_main, "redactor"):
        context = click.Context(command, info_name=path)
        out.append(f"## `{path}`\n\n```text\n{path} ")
        out.append(" ".join(command.collect_usage_pieces(context)) + "\n```\n\n")
        out.append(_markdown(command.help or "") + "\n\n")
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        if arguments:
            out.append("| argument | meaning |\n|---|---|\n")
            for argument in arguments:
                many = " (one or more)" if argument.nargs == -1 else ""
                out.append(f"| `{_metavar(argument, context)}` | required{many} |\n")
            out.append("\n")
        out.append(_options_table(command, context))
    return "".join(out).rstrip("\n") + "\n"


def _options_table(command: click.Command, context: click.Context) -> str:
    # --help is on every command and says nothing about it: left out.
    options = [
        p for p in command.get_params(context) if isinstance(p, click.Option) and p.name != "help"
    ]
    rows = "".join(_option_row(o, context) for o in options)
    return f"| option | value | default | meaning |\n|---|---|---|---|\n{rows}\n"


# ---------------------------------------------------------------------------------------
# Python API
# ---------------------------------------------------------------------------------------

# Entry points outside redactor.__all__ that users call: (module, name).
EXTRA_API = [
    ("redactor.preview", "render_preview"),
    ("redactor.leakcheck", "leak_probe"),
    ("redactor.batch", "run_batch"),
    ("redactor.batch", "Options"),
]

_ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|exc):`~?([^`]+)`")


def _markdown(doc: str) -> str:
    """A Google-style docstring as Markdown: roles and ``literals`` as code, sections
    (``Args:`` ...) as bold labels with list items, ``::`` blocks fenced."""
    doc = _ROLE.sub(r"`\1`", doc).replace("``", "`")
    out: list[str] = []
    lines = doc.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.rstrip().endswith("::"):  # a literal block follows, indented
            out.append(line.rstrip()[:-1])
            block, i = _indented(lines, i + 1)
            out.extend(["", "```text", *block, "```"])
            continue
        section = re.fullmatch(r"(Args|Arguments|Returns|Raises|Yields|Attributes|Example):", line)
        if section:
            out.extend([*([""] if out and out[-1] else []), f"**{section.group(1)}:**", ""])
            block, i = _indented(lines, i + 1)
            out.extend(_items(block))
            continue
        out.append(line)
        i += 1
    return "\n".join(out).strip()


def _indented(lines: list[str], i: int) -> tuple[list[str], int]:
    """The indented block from ``lines[i]`` (blank lines inside it kept), dedented."""
    block: list[str] = []
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
        block.append(lines[i])
        i += 1
    while block and not block[-1].strip():
        block.pop()
    while block and not block[0].strip():
        block.pop(0)
    width = min((len(b) - len(b.lstrip()) for b in block if b.strip()), default=0)
    return [b[width:] for b in block], i


def _items(block: list[str]) -> list[str]:
    """``name: text`` entries (continuations indented) as Markdown list items."""
    items: list[str] = []
    for line in block:
        if line and not line.startswith(" "):
            name, sep, rest = line.partition(": ")
            items.append(f"- `{name}`: {rest}" if sep and " " not in name else f"- {line}")
        elif items:
            items[-1] += " " + line.strip()
    return items


class _Raw:
    """An annotation shown as written: ``datetime.date``, not ``'datetime.date'``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _raw(annotation: object) -> object:
    return _Raw(annotation) if isinstance(annotation, str) else annotation


def _signature(obj: Callable[..., Any], name: str) -> str:
    target = getattr(obj, "__wrapped__", obj)  # functools.lru_cache keeps the original
    # The package uses postponed annotations, so they are strings: shown unquoted.
    signature = inspect.signature(target)
    parameters = [p.replace(annotation=_raw(p.annotation)) for p in signature.parameters.values()]
    shown = signature.replace(
        parameters=parameters, return_annotation=_raw(signature.return_annotation)
    )
    return f"{name}{shown}"


def _members(cls: type) -> list[str]:
    """Public methods and properties defined on the class itself, documented."""
    out = []
    for name, member in sorted(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            doc = inspect.getdoc(member) or ""
            out.append(f"- `{name}` (property): {_first(doc)}")
        elif inspect.isfunction(member) or isinstance(member, (classmethod, staticmethod)):
            function = (
                member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
            )
            signature = _signature(function, name).replace("(self, ", "(").replace("(self)", "()")
            out.append(f"- `{signature}`: {_first(inspect.getdoc(function) or '')}")
    return out


def _first(doc: str) -> str:
    """The first paragraph of a docstring, on one line."""
    return " ".join(_markdown(doc).split("\n\n")[0].split())


def _api_entry(qualified: str, obj: Any) -> str:
    name = qualified.rsplit(".", 1)[-1]
    doc = _markdown(inspect.getdoc(obj) or "")
    out = [f"### `{qualified}`\n"]
    if isinstance(obj, type) and issubclass(obj, enum.Enum):
        out.append(f"\nEnum. {doc}\n\n")
        out.append("| member | value |\n|---|---|\n")
        out.extend(f"| `{m.name}` | `{m.value!r}` |\n" for m in obj)
    elif isinstance(obj, type) and issubclass(obj, BaseException):
        bases = ", ".join(b.__name__ for b in obj.__bases__)
        out.append(f"\nException ({bases}). {doc}\n")
    elif isinstance(obj, type) and issubclass(obj, BaseModel):
        fields = ", ".join(f"`{f.alias or n}`" for n, f in obj.model_fields.items())
        out.append(f"\nFrozen pydantic model. {doc}\n\nFields: {fields}.\n")
    elif isinstance(obj, type):
        out.append(f"\n{doc}\n")
        if dataclasses.is_dataclass(obj):
            out.append("\n| field | type |\n|---|---|\n")
            for f in dataclasses.fields(obj):
                kind = str(f.type).replace("|", "\\|")
                out.append(f"| `{f.name}` | `{kind}` |\n")
    else:
        out.append(f"\n```python\n{_signature(obj, name)}\n```\n\n{doc}\n")
    if isinstance(obj, type) and not issubclass(obj, enum.Enum | BaseModel | BaseException):
        members = _members(obj)
        if members:
            out.append("\n" + "\n".join(members) + "\n")
    return "".join(out) + "\n"


def api_reference() -> str:
    """``redactor.__all__`` in order, then the extra entry points."""
    out = ["## `redactor`\n\n"]
    out.extend(_api_entry(f"redactor.{name}", getattr(redactor, name)) for name in redactor.__all__)
    out.append("## Other entry points\n\n")
    for module, name in EXTRA_API:
        imported = __import__(module, fromlist=[name])
        out.append(_api_entry(f"{module}.{name}", getattr(imported, name)))
    return "".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------
# Splicing
# ---------------------------------------------------------------------------------------

BLOCKS: dict[str, tuple[str, Callable[[], str]]] = {
    "policy-keys": ("policy.md", policy_reference),
    "cli": ("cli.md", cli_reference),
    "api": ("api.md", api_reference),
}


def splice(text: str, name: str, content: str) -> str:
    """``text`` with the block called ``name`` replaced by ``content``."""
    begin = f"<!-- BEGIN GENERATED: {name} (edit docs/gen_reference.py, run {REGENERATE}) -->"
    end = f"<!-- END GENERATED: {name} -->"
    pattern = re.compile(
        rf"<!-- BEGIN GENERATED: {re.escape(name)}\b[^\n]*-->\n.*?{re.escape(end)}", re.S
    )
    if not pattern.search(text):
        raise SystemExit(f"no generated block {name!r}: add the BEGIN and END markers")
    return pattern.sub(lambda _: f"{begin}\n\n{content}\n{end}", text, count=1)


def generated() -> dict[Path, str]:
    """Every file with generated blocks, as it should read."""
    files: dict[Path, str] = {}
    for name, (file, make) in BLOCKS.items():
        path = DOCS / file
        text = files.get(path) or path.read_text(encoding="utf-8")
        files[path] = splice(text, name, make())
    return files


def stale() -> list[str]:
    """The doc files whose generated blocks differ from what the code gives."""
    return [
        path.name for path, text in generated().items() if path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        names = stale()
        for name in names:
            print(f"docs/{name} is stale: regenerate with {REGENERATE}", file=sys.stderr)
        return 1 if names else 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    for path, text in generated().items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote docs/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
