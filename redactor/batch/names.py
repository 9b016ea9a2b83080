"""Output file names: made safe from untrusted text, unique in a batch by input order.

A name comes from the cable's reference id, read from its header, else from the input's
stem. Both are untrusted: a reference id can be ``../../etc/x``, carry control characters
or run for a kilobyte. :func:`safe_name` keeps ``[A-Za-z0-9._-]`` only, so a name can never
hold a path separator, a ``..``, a control character or a leading dot (our temporary files
and the state file are dot files), and bounds its length. :func:`unique_name` resolves
collisions in input order, so the same inputs always give the same names.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from typing import Final

__all__ = ["MAX_NAME", "safe_name", "unique_name"]

MAX_NAME: Final = 100  # characters before the collision suffix and the extension
_FALLBACK: Final = "document"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DOTS = re.compile(r"\.{2,}")
# Names Windows reserves whatever the extension: a file called CON.txt cannot be opened there.
_RESERVED: Final = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def safe_name(raw: str) -> str:
    """A file name stem from untrusted text: ASCII letters, digits, ``.``, ``_`` and ``-``.

    Every run of other characters (separators, spaces, controls, non-ASCII) becomes one
    ``_``, runs of dots become one dot, leading and trailing ``._-`` are dropped; an empty
    result is ``document``. A name over :data:`MAX_NAME` characters is cut and ends in 8 hex
    digits of the SHA-256 of ``raw``, so two long names that share a prefix stay apart.
    """
    name = _UNSAFE.sub("_", unicodedata.normalize("NFKC", raw))
    name = _DOTS.sub(".", name).strip("._-") or _FALLBACK
    if name.split(".", 1)[0].lower() in _RESERVED:
        name = f"_{name}"
    if len(name) > MAX_NAME:
        digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:8]
        name = f"{name[: MAX_NAME - 9].rstrip('._-')}-{digest}"
    return name


def unique_name(base: str, claim: Callable[[str], bool]) -> str:
    """``base``, else ``base-2``, ``base-3``, ...: the first name ``claim`` accepts.

    ``claim(name)`` reserves ``name`` and says whether it was still free; it compares
    names case-insensitively so that two releases cannot overwrite each other on a
    case-insensitive file system (macOS, Windows).
    """
    if claim(base):
        return base
    n = 2
    while not claim(f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"
