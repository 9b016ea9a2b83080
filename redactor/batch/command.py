"""``redactor batch``: the command line of :func:`redactor.batch.run_batch`.

Exit codes: 0 every document released; 1 the batch ran to its end but at least one
document failed (listed on standard error and in ``summary.json``; a re-run retries them);
2 bad usage, an invalid policy, an unusable output folder or a missing input (nothing was
processed); 130 interrupted (finished documents are kept; the same command completes the
rest).
"""

from __future__ import annotations

import sys
from typing import Any, Literal, cast

import click
from rich.console import Console
from rich.table import Table

from redactor._options import AS_OF, MAX_SIZE, PAGE_SIZE, POLICY
from redactor.batch.pipeline import Format
from redactor.batch.progress import PlainProgress, Reporter, RichProgress
from redactor.batch.runner import Options, Summary, run_batch
from redactor.policy import load_policy

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "batch_command"]

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
_FORMATS: dict[str, tuple[Format, ...]] = {
    "text": ("text",),
    "pdf": ("pdf",),
    "both": ("text", "pdf"),
}


@click.command("batch")
@POLICY
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(_FORMATS)),
    default="text",
    show_default=True,
    help="What to write for each document.",
)
@click.option("--out", "-o", required=True, metavar="DIR", help="The output folder (created).")
@AS_OF
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (with --dask local: workers).",
)
@click.option("--force", is_flag=True, help="Redo every document, even those up to date.")
@PAGE_SIZE
@click.option(
    "--dask",
    metavar="ADDRESS|local",
    help="Run on a Dask cluster (tcp://HOST:PORT), or 'local' for a local one.",
)
@MAX_SIZE
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
def batch_command(  # noqa: PLR0917 - click passes every option by name
    policy_path: str,
    fmt: str,
    out: str,
    as_of: str | None,
    jobs: int,
    force: bool,
    page_size: str,
    dask: str | None,
    max_size: int,
    inputs: tuple[str, ...],
) -> None:
    """Redact many documents: files, folders (*.txt, recursively) or a cables.csv."""
    # Imported here: redactor.cli imports this module at its end to register the command.
    from redactor.cli import _as_of  # noqa: PLC0415

    options = Options(
        policy=policy_path,
        out=out,
        inputs=inputs,
        as_of=_as_of(as_of, load_policy(policy_path)),
        formats=_FORMATS[fmt],
        page_size=cast(Literal["letter", "a4"], page_size),
        jobs=jobs,
        force=force,
        dask=dask,
        max_bytes=max_size,
    )
    errors = Console(stderr=True, highlight=False)
    reporter: Reporter = RichProgress(errors) if errors.is_terminal else PlainProgress(sys.stderr)
    try:
        summary = run_batch(options, reporter=reporter)
    except KeyboardInterrupt:
        click.echo(
            f"interrupted: the documents finished are in {out}; "
            "run the same command again to complete the rest",
            err=True,
        )
        raise SystemExit(EXIT_INTERRUPTED) from None
    print_summary(summary, Console(highlight=False))
    if summary.failed:
        raise SystemExit(EXIT_FAILED)


def print_summary(summary: Summary, console: Console) -> None:
    """The end-of-batch table: counts, then documents per exemption code."""
    table = Table(
        title=f"{summary.policy} as of {summary.as_of}", title_justify="left", show_header=False
    )
    table.add_column("category")
    table.add_column("documents", justify="right")
    rows = [
        ("documents", summary.documents),
        ("released in full", summary.released_in_full),
        ("released in part", summary.released_in_part),
        ("withheld in full", summary.withheld_in_full),
        ("failed", summary.failed),
        ("up to date (skipped)", summary.skipped),
    ]
    if "pdf" in summary.formats:
        rows.append(("PDF pages", summary.pages))
    for label, count in rows:
        table.add_row(label, f"{count:,}")
    console.print(table)
    if summary.codes:
        codes = Table()
        codes.add_column("exemption code")
        codes.add_column("documents", justify="right")
        for code, count in summary.as_json()["codes"].items():
            codes.add_row(code, f"{count:,}")
        console.print(codes)
    if summary.consistency:
        console.print(consistency_line(summary.consistency))


def consistency_line(report: dict[str, Any]) -> str:
    """One line on the consistency checks: counts and term ids, never words."""
    cut = report["cut_released"]
    if not cut["checked"]:
        first = f"cut terms not checked ({cut['reason']})"
    elif cut["terms"]:
        ids = ", ".join(t["term"] for t in cut["terms"])
        first = f"CUT TERMS RELEASED ELSEWHERE: {ids} in {cut['documents']:,} document(s)"
    else:
        first = "no cut term released elsewhere"
    if cut.get("unscanned", {}).get("documents"):
        first += f" ({cut['unscanned']['documents']:,} release(s) not scanned: text unreadable)"
    conflicts = report["decisions"]["conflicts"]
    second = (
        f"{conflicts:,} portion text(s) decided differently under the same marking"
        if conflicts
        else "identical portions decided alike"
    )
    return f"consistency: {first}; {second} (summary.json: consistency)"
