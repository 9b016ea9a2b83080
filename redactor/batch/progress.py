"""Progress of a batch: a rich bar on a terminal, plain periodic lines otherwise.

Progress is measured in input bytes, the one quantity known before the end for every kind
of input (a ``cables.csv`` does not say how many rows it holds without reading it all): the
ETA is the remaining bytes at the bytes/s so far. Documents/s is shown beside it. Both go
to standard error; standard output keeps the summary. Nothing here reaches a file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

__all__ = ["PlainProgress", "Reporter", "RichProgress", "format_duration"]


class Reporter(Protocol):
    """What the runner tells about its progress."""

    def start(self, total_bytes: int) -> None:
        """The batch starts; ``total_bytes`` of input are to be read."""

    def advance(self, size: int, *, failed: str | None = None, skipped: bool = False) -> None:
        """One document is done: ``size`` input bytes; ``failed`` is its reason if it failed."""

    def finish(self) -> None:
        """The batch is over (done or interrupted)."""


def format_duration(seconds: float) -> str:
    """``H:MM:SS``, as rich shows an ETA."""
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class _Counts:
    def __init__(self, clock: Callable[[], float]):
        self.clock = clock
        self.started = clock()
        self.total = 0
        self.done_bytes = 0
        self.documents = 0
        self.failed = 0
        self.skipped = 0

    def add(self, size: int, failed: str | None, skipped: bool) -> None:
        self.done_bytes += size
        self.documents += 1
        self.failed += failed is not None
        self.skipped += skipped

    def rate(self) -> float:
        elapsed = self.clock() - self.started
        return self.documents / elapsed if elapsed > 0 else 0.0

    def eta(self) -> str:
        elapsed = self.clock() - self.started
        if self.done_bytes <= 0 or elapsed <= 0:
            return "?"
        remaining = max(self.total - self.done_bytes, 0) * elapsed / self.done_bytes
        return format_duration(remaining)

    def percent(self) -> float:
        return 100.0 * self.done_bytes / self.total if self.total else 100.0


class PlainProgress:
    """One line every ``interval`` seconds, for logs and pipes (no terminal codes)."""

    def __init__(
        self,
        stream: TextIO,
        *,
        interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._stream = stream
        self._interval = interval
        self._counts = _Counts(clock)
        self._last = self._counts.started

    def start(self, total_bytes: int) -> None:
        """Note the total; the first line comes after ``interval`` seconds."""
        self._counts.total = total_bytes
        self._counts.started = self._last = self._counts.clock()

    def advance(self, size: int, *, failed: str | None = None, skipped: bool = False) -> None:
        """Count a document; print a failure at once, and a progress line when one is due."""
        self._counts.add(size, failed, skipped)
        if failed is not None:
            self._print(f"FAILED {failed}")
        now = self._counts.clock()
        if now - self._last >= self._interval:
            self._last = now
            self._print(self._line())

    def finish(self) -> None:
        """Print the last line: how many documents, how fast."""
        c = self._counts
        elapsed = c.clock() - c.started
        self._print(f"done: {self._line(final=True)} in {format_duration(elapsed)}")

    def _line(self, *, final: bool = False) -> str:
        c = self._counts
        parts = [f"{c.documents:,} documents"]
        if c.skipped:
            parts.append(f"{c.skipped:,} up to date")
        if c.failed:
            parts.append(f"{c.failed:,} failed")
        parts.append(f"{c.rate():,.1f} documents/s")
        if not final:
            parts.append(f"{c.percent():.1f}% of input, ETA {c.eta()}")
        return ", ".join(parts)

    def _print(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()


class RichProgress:
    """A rich progress bar on a terminal: bytes done, documents and documents/s, ETA."""

    def __init__(self, console: Console, *, clock: Callable[[], float] = time.monotonic):
        self._console = console
        self._counts = _Counts(clock)
        self._progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[documents]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._task: TaskID | None = None

    def start(self, total_bytes: int) -> None:
        """Show the bar."""
        self._counts.total = total_bytes
        self._counts.started = self._counts.clock()
        self._task = self._progress.add_task("batch", total=total_bytes or 1, documents="")
        self._progress.start()

    def advance(self, size: int, *, failed: str | None = None, skipped: bool = False) -> None:
        """Move the bar; print a failure above it."""
        self._counts.add(size, failed, skipped)
        if failed is not None:
            self._progress.console.print(Text.assemble(("FAILED ", "red"), failed))
        if self._task is not None:
            c = self._counts
            extra = f", {c.failed:,} failed" if c.failed else ""
            self._progress.update(
                self._task,
                advance=size,
                documents=f"{c.documents:,} docs{extra}, {c.rate():,.0f} docs/s",
            )

    def finish(self) -> None:
        """Stop the bar, leaving its last state on screen."""
        self._progress.stop()
