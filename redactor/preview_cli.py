"""``redactor preview``: write the reviewer's HTML page (:mod:`redactor.preview`).

The page holds the withheld text, so this is a command of its own, never a side effect of
``apply`` or ``batch``, and it refuses to write into a release folder: a folder that holds,
or lies inside one that holds, a batch's ``summary.json``, ``audit.jsonl``,
``.redactor-state.sqlite`` or ``.redactor-lock``. A release folder is what gets published;
a preview copied along with it would publish everything the policy withheld.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import click

from redactor._options import AS_OF, MAX_SIZE, POLICY
from redactor.batch.runner import AUDIT_FILE, LOCK_FILE, SUMMARY_FILE
from redactor.batch.state import STATE_FILE
from redactor.errors import RedactorError
from redactor.preview import WATERMARK, render_preview

__all__ = ["RELEASE_MARKERS", "PreviewError", "preview_command", "release_folder"]

RELEASE_MARKERS: Final = (SUMMARY_FILE, AUDIT_FILE, STATE_FILE, LOCK_FILE)
"""Files only ``redactor batch`` writes into its output folder: their presence marks one."""


class PreviewError(RedactorError):
    """The preview cannot be written where it was asked for."""


def release_folder(target: str | os.PathLike[str]) -> tuple[Path, str] | None:
    """The batch release folder ``target`` would be written into and the marker found
    there, or ``None``.

    The folder that would hold ``target`` and every folder above it are checked, so a
    preview is not put in ``releases/review/`` either: publishing ``releases/`` would take
    it along.
    """
    folder = Path(os.path.abspath(Path(target).parent))
    for candidate in (folder, *folder.parents):
        for marker in RELEASE_MARKERS:
            if (candidate / marker).exists():
                return candidate, marker
    return None


@click.command("preview")
@POLICY
@AS_OF
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="REVIEW.html",
    help="Write the page here (atomically); never inside a batch release folder.",
)
@MAX_SIZE
@click.argument("file", metavar="INPUT", type=str)
def preview_command(
    policy_path: str, as_of: str | None, output: str, max_size: int, file: str
) -> None:
    """Write an HTML review page of INPUT: NOT FOR RELEASE, it shows the withheld text."""
    # Imported here, not at the top: redactor.cli registers this command at its end, so
    # a top-level import would be circular when this module is imported first.
    from redactor.cli import _apply, _write  # noqa: PLC0415

    found = release_folder(output)
    if found is not None:
        folder, marker = found
        raise PreviewError(
            f"{output}: refused: {os.path.relpath(folder)} holds a batch release ({marker}); "
            "a preview shows withheld text and must never sit in or under a folder that is "
            "published: write it elsewhere, e.g. review/"
        )
    document, redacted, _, _ = _apply(policy_path, as_of, file, max_size)
    _write(output, render_preview(document, redacted).encode("utf-8"))
    click.echo(
        f"wrote {output}: {WATERMARK} ({redacted.withheld} withheld, {redacted.released} "
        f"released, {len(redacted.cuts)} cut); it shows the withheld text: keep it with "
        "the review records",
        err=True,
    )
