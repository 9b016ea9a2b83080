"""Atomic file replacement: the one way :mod:`redactor` writes a file a reader may open.

A release, an audit line, a summary or a preview is written to a temporary dot file beside
its destination and renamed onto it (``os.replace``, atomic on POSIX) only once complete:
an interrupted or failed write leaves the destination as it was, never a partial file. A
destination that is a symbolic link has the link itself replaced, never its target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["replacing"]


@contextlib.contextmanager
def replacing(target: Path, *, suffix: str = ".tmp") -> Iterator[IO[bytes]]:
    """A binary file to write in place of ``target``.

    It is renamed onto ``target`` when the block ends normally and removed when it raises
    (the exception goes on). ``OSError`` from creating, writing or renaming goes on too.
    """
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=".redactor-", suffix=suffix)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
