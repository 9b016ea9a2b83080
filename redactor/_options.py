"""Command-line options shared by every command that reads a policy or documents.

One definition each, so that ``apply``, ``explain``, ``inspect``, ``preview`` and
``batch`` spell, default and document them alike (and :mod:`redactor.cli`, which imports
the batch and preview commands, is not imported back by them for their options).
"""

from __future__ import annotations

import re
from typing import Final

import click

__all__ = ["AS_OF", "MAX_SIZE", "PAGE_SIZE", "POLICY", "parse_size"]

_UNITS: Final = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}


def parse_size(_ctx: click.Context | None, param: click.Parameter | None, value: str) -> int:
    """``--max-size``: bytes, or a number with K, M or G (binary: 50M is 50 MiB)."""
    m = re.fullmatch(r"\s*(\d{1,12})\s*([KMG]?)(?:i?B)?\s*", value, re.IGNORECASE)
    if m is None or int(m.group(1)) == 0:
        raise click.BadParameter(
            f"{value!r} is not a size: write bytes or a number with K, M or G, e.g. 200M",
            param=param,
        )
    return int(m.group(1)) * _UNITS[m.group(2).upper()]


POLICY = click.option(
    "--policy",
    "-p",
    "policy_path",
    required=True,
    metavar="POLICY.yaml",
    help="The redaction policy.",
)
AS_OF = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Decide as of this date [the policy's as_of, else today].",
)
MAX_SIZE = click.option(
    "--max-size",
    "max_size",
    metavar="SIZE",
    default="50M",
    show_default=True,
    envvar="REDACTOR_MAX_SIZE",
    show_envvar=True,
    callback=parse_size,
    help="Refuse a document larger than SIZE (bytes, or K/M/G); a batch fails that document.",
)
PAGE_SIZE = click.option(
    "--page-size",
    type=click.Choice(["letter", "a4"]),
    default="letter",
    show_default=True,
    help="PDF page size.",
)
