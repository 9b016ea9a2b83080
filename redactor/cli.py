"""The ``redactor`` command line: I/O and presentation only, the core stays pure.

Exit codes: 0 done; 2 bad usage or unreadable input (click's own convention for usage
errors, kept for every input problem so scripts have one code to test).
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from redactor import __version__
from redactor.errors import RedactorError
from redactor.inspect import inspect_document
from redactor.parser import parse

__all__ = ["main"]

EXIT_USAGE = 2


def _read(path: str) -> tuple[str, str]:
    """Read a document as text, keeping its line endings (CRLF stays CRLF)."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
        name = path
    try:
        return data.decode("utf-8"), name
    except UnicodeDecodeError as exc:
        # The message gives the offset only: the bytes may be classified.
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from exc


def _as_of(value: str | None) -> datetime.date:
    if value is None:
        # The clock is read here, at the edge, never inside the core.
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from exc


class InputError(click.ClickException):
    """Bad input or usage: exit code 2, like click's own usage errors."""

    exit_code = EXIT_USAGE


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
@click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", help="Date for declassification status [today]."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def inspect_command(file: str, as_of: str | None, as_json: bool) -> None:
    """Show a document's markings, declassification and portions."""
    when = _as_of(as_of)
    text, name = _read(file)
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
