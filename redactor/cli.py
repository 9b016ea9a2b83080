"""The ``redactor`` command line: I/O and presentation only, the core stays pure.

Exit codes: 0 done; 2 bad usage, an invalid policy or unreadable input (click's own
convention for usage errors, kept for every input problem so scripts have one code to test);
3 a PDF failed its self-verification (nothing was written).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
import re
import sys
import textwrap
from pathlib import Path
from typing import Any, Literal

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from redactor import __version__
from redactor._atomic import replacing
from redactor._options import AS_OF, MAX_SIZE, PAGE_SIZE, POLICY
from redactor.audit import audit_json
from redactor.errors import DEFAULT_MAX_DOCUMENT_BYTES, DocumentTooLargeError, RedactorError
from redactor.inspect import inspect_document
from redactor.leads import printed_banner
from redactor.leakcheck import leak_probe
from redactor.model import Document
from redactor.parser import parse
from redactor.policy import Action, Policy, PolicyError, check_release_field, load_policy
from redactor.redact import Redacted, field_names, redact
from redactor.render.pdf import VerificationError, render_pdf
from redactor.render.text import render_text

__all__ = ["main"]

EXIT_USAGE = 2
EXIT_VERIFICATION = 3


def _read(path: str, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> tuple[str, str]:
    """Read a document as text, keeping its line endings (CRLF stays CRLF).

    At most ``max_bytes`` are accepted (``--max-size``); no more than one byte over the
    limit is ever read, so a huge file or an endless pipe costs nothing.
    """
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
        name = path
    if len(data) > max_bytes:
        raise DocumentTooLargeError(limit=max_bytes, source=name)
    try:
        return data.decode("utf-8"), name
    except UnicodeDecodeError as exc:
        # The message gives the offset only: the bytes may be classified.
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from exc


def _as_of(value: str | None, policy: Policy | None = None) -> datetime.date:
    """``--as-of``, else the policy's ``as_of``, else today (recorded in the audit)."""
    if value is None:
        if policy is not None and policy.as_of is not None:
            return policy.as_of
        # The clock is read here, at the edge, never inside the core.
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from exc


def _release_field(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--case-number`` and ``--document-number``: checked as the policy keys are."""
    if value is None:
        return None
    try:
        return check_release_field(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param=param) from exc


def _review_date(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> datetime.date | None:
    # fromisoformat alone would also take 20150513 and 2015-W20-3: only YYYY-MM-DD.
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(
            f"{value!r} is not a date in YYYY-MM-DD form", param=param
        ) from exc


class InputError(click.ClickException):
    """Bad input or usage: exit code 2, like click's own usage errors."""

    exit_code = EXIT_USAGE


class VerificationFailed(click.ClickException):
    """A PDF failed its self-verification: exit code 3, so scripts can tell it apart."""

    exit_code = EXIT_VERIFICATION


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RedactorError as exc:
            raise InputError(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="redactor")
def main() -> None:
    """Classification-aware redaction of US-marked documents."""


@main.command("inspect")
@click.argument("file", type=str)
@MAX_SIZE
@click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", help="Date for declassification status [today]."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def inspect_command(file: str, as_of: str | None, as_json: bool, max_size: int) -> None:
    """Show a document's markings, declassification and portions."""
    when = _as_of(as_of)
    text, name = _read(file, max_size)
    report = inspect_document(parse(text, source=name), as_of=when)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    _print_report(report)


def _print_report(report: dict[str, Any]) -> None:
    console = Console(highlight=False)
    banner = report["banner"]
    decl = report["declassification"]
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    head.add_row("Reference", report["reference_id"] or "-")
    head.add_row("Banner", banner["marking"] if banner else "none found (fail closed)")
    decl_text = f"{decl['kind']}" + (f" {decl['date']}" if decl["date"] else "")
    head.add_row("Declassification", f"{decl_text}: {decl['status']} as of {report['as_of']}")
    head.add_row("Reasons", ", ".join(report["reasons"]) or "-")
    head.add_row("Classified by", report["classified_by"] or "-")
    head.add_row("Tags", " ".join(report["tags"]) or "-")
    head.add_row("Subject", report["subject"] or "-")
    for warning in [*decl["warnings"], *report["warnings"]]:
        head.add_row("Warning", warning)
    console.print(head)
    table = Table(title="Portions", title_justify="left")
    for column in ("#", "kind", "mark", "level", "controls", "offsets"):
        table.add_column(column)
    for p in report["portions"]:
        level = p["level"] or ("UNKNOWN" if p["marking"] else "unmarked")
        table.add_row(
            p["number"] or "",
            p["kind"],
            p["marking"] or "",
            level,
            ", ".join(
                p["controls"] + ([f"REL TO {', '.join(p['rel_to'])}"] if p["rel_to"] else [])
            ),
            f"{p['start']}-{p['end']}",
        )
    console.print(table)


def _write(path: str, data: bytes) -> None:
    """Write ``path`` atomically (:func:`redactor._atomic.replacing`)."""
    try:
        with replacing(Path(path)) as handle:
            handle.write(data)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror}") from exc


def _apply(
    policy_path: str,
    as_of: str | None,
    file: str,
    max_size: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> tuple[Document, Redacted, str, Policy]:
    policy = load_policy(policy_path)
    when = _as_of(as_of, policy)
    text, name = _read(file, max_size)
    digest = hashlib.sha256(Path(policy_path).read_bytes()).hexdigest()
    document = parse(text, source=name)
    return document, redact(document, policy, as_of=when), digest, policy


@main.command("apply")
@POLICY
@AS_OF
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "pdf"]),
    default="text",
    show_default=True,
    help="Output format (pdf needs -o).",
)
@PAGE_SIZE
@click.option("-o", "--output", metavar="OUT", help="Write here (atomically) [stdout].")
@click.option("--audit", metavar="FILE.jsonl", help="Write the audit record (one JSON line).")
@click.option(
    "--case-number",
    metavar="TEXT",
    callback=_release_field,
    help="Case number for the release block [the policy's output.case_number].",
)
@click.option(
    "--document-number",
    metavar="TEXT",
    callback=_release_field,
    help="Document number for the release block [the policy's output.document_number].",
)
@click.option(
    "--review-date",
    metavar="YYYY-MM-DD",
    callback=_review_date,
    help="Review date for the release block [the policy's output.review_date].",
)
@MAX_SIZE
@click.argument("file", metavar="INPUT", type=str)
def apply_command(  # noqa: PLR0917 - click passes every option by name
    policy_path: str,
    as_of: str | None,
    fmt: str,
    page_size: Literal["letter", "a4"],
    output: str | None,
    audit: str | None,
    case_number: str | None,
    document_number: str | None,
    review_date: datetime.date | None,
    max_size: int,
    file: str,
) -> None:
    """Redact INPUT (a file, or - for stdin) under a policy and write the release."""
    pdf: str | None = None
    if fmt == "pdf":
        if output is None:
            raise InputError("--format pdf writes a file: give it with -o OUT.pdf")
        pdf = output
    document, redacted, digest, _ = _apply(policy_path, as_of, file, max_size)
    # Case and document numbers differ per document while a policy serves many: the
    # options override the policy's output keys one by one.
    overrides = {
        "case_number": case_number,
        "document_number": document_number,
        "review_date": review_date,
    }
    given = {name: value for name, value in overrides.items() if value is not None}
    if given:
        redacted = dataclasses.replace(redacted, **given)  # type: ignore[arg-type]
    if pdf is not None:
        try:
            render_pdf(redacted, pdf, page_size=page_size, probe=leak_probe(document, redacted))
        except VerificationError as exc:
            raise VerificationFailed(str(exc)) from exc
        except OSError as exc:
            raise InputError(f"{pdf}: cannot write: {exc.strerror}") from exc
    elif output is None:
        rendered = render_text(redacted).encode("utf-8")
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
    else:
        _write(output, render_text(redacted).encode("utf-8"))
    if audit is not None:
        line = audit_json(redacted, policy_file=Path(policy_path).name, policy_sha256=digest)
        _write(audit, (line + "\n").encode("utf-8"))


# Below this many columns explain prints a list, not a table (issue 15, point 8).
_TABLE_WIDTH = 120


@main.command("explain")
@POLICY
@AS_OF
@click.option("--json", "as_json", is_flag=True, help="Print the audit record as JSON.")
@MAX_SIZE
@click.argument("file", metavar="INPUT", type=str)
def explain_command(
    policy_path: str, as_of: str | None, as_json: bool, max_size: int, file: str
) -> None:
    """Show the decision, rule and reason for each portion of INPUT, and the person each
    header field of a term gave."""
    document, redacted, digest, policy = _apply(policy_path, as_of, file, max_size)
    if as_json:
        click.echo(audit_json(redacted, policy_file=Path(policy_path).name, policy_sha256=digest))
        return
    # Piped output gets a wide fixed width, reasons one line each for grep, unless COLUMNS
    # says otherwise; a terminal gets its own width.
    wide = sys.stdout.isatty() or "COLUMNS" in os.environ
    console = Console(highlight=False, width=None if wide else 160)
    console.print(
        f"[bold]{redacted.reference_id or redacted.source}[/bold]: "
        f"{redacted.release.value.upper()} release as of {redacted.as_of.isoformat()} "
        f"under {redacted.policy}; marking {printed_banner(redacted.marking)}",
        markup=True,
    )
    if console.width >= _TABLE_WIDTH:
        table = Table()
        for column in ("#", "kind", "mark", "decision", "rule", "codes"):
            table.add_column(column, no_wrap=True)
        table.add_column("reason", overflow="fold")
        for d in redacted.decisions:
            style = "red" if d.action is Action.WITHHOLD else "green"
            table.add_row(
                d.number or "",
                d.kind,
                d.mark or "",
                Text(d.action.value, style=style),
                d.rule,
                ", ".join(d.codes),
                Text(d.reason),
            )
        console.print(table)
    else:
        # Too narrow for the table (its reason column would be a few characters wide, each
        # row some 60 lines tall): a line per unit, its reason wrapped under it.
        for d in redacted.decisions:
            style = "red" if d.action is Action.WITHHOLD else "green"
            line = Text(" ".join(x for x in (d.number, d.kind, d.mark) if x) + ": ")
            line.append(d.action.value, style=style)
            line.append(f" by {d.rule}" + (f"; {', '.join(d.codes)}" if d.codes else ""))
            console.print(line)
            for part in textwrap.wrap(d.reason, max(20, console.width - 4)):
                console.print(Text("    " + part))
    if redacted.cuts:
        terms = sorted({t for c in redacted.cuts for t in c.terms})
        console.print(f"{len(redacted.cuts)} cut(s) by term(s): {', '.join(terms)}")
    # Which person each header field gave (issue 14, point 2): a reviewer's view of the
    # source, like `inspect`; never part of a release or its audit.
    for term in policy.terms:
        for named in field_names(document, term):
            searched = " or ".join(f'"{form}"' for form in named.searched)
            elsewhere = f"and wherever {searched} stands" if searched else "and nowhere else"
            console.print(
                f'term {term.id}: {named.field} gave the person "{named.name}", '
                f"cut there {elsewhere}",
                markup=False,
            )


@main.group("policy")
def policy_group() -> None:
    """Work with policy files."""


@policy_group.command("check")
@click.argument("files", metavar="POLICY...", nargs=-1, required=True)
def policy_check_command(files: tuple[str, ...]) -> None:
    """Validate policy files: exit 0 when all are valid, 2 with file:line:col messages."""
    failed = False
    for path in files:
        try:
            policy = load_policy(path)
        except PolicyError as exc:
            failed = True
            for message in exc.messages:
                click.echo(message, err=True)
            continue
        click.echo(f"{path}: ok ({len(policy.rules)} rules, {len(policy.terms)} terms)")
    if failed:
        raise SystemExit(EXIT_USAGE)


from redactor.batch.command import batch_command  # noqa: E402 - registered after main exists

main.add_command(batch_command)

from redactor.preview_cli import preview_command  # noqa: E402 - registered after main exists

main.add_command(preview_command)
