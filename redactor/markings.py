"""Classification markings: levels, portion marks, banner lines and roll-up.

STUB: being implemented. Public interface below is fixed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Level", "Marking", "parse_banner", "parse_portion_mark", "roll_up"]


class Level(enum.IntEnum):
    UNCLASSIFIED = 0
    CONFIDENTIAL = 1
    SECRET = 2
    TOP_SECRET = 3


@dataclass(frozen=True, slots=True)
class Marking:
    level: Level | None
    controls: tuple[str, ...] = ()
    rel_to: tuple[str, ...] = ()
    raw: str = ""
    warnings: tuple[str, ...] = ()


def parse_portion_mark(text: str) -> Marking | None:
    raise NotImplementedError


def parse_banner(line: str) -> Marking | None:
    raise NotImplementedError


def roll_up(markings: Iterable[Marking]) -> Marking:
    raise NotImplementedError
