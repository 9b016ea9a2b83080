"""Shared pieces of the atheris harnesses (``make fuzz``; docs/SECURITY.md, "Fuzzing").

Each harness feeds arbitrary bytes to one entry point and fails on any exception outside
``redactor.errors.RedactorError``: the promise is that hostile input yields a clear error
or a result, never a crash, a hang or a traceback.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = datetime.date(2010, 1, 1)
SEED = ROOT / "examples" / "06DAMASCUS728.txt"
POLICIES = sorted((ROOT / "policies").glob("*.yaml"))


def corpus_dir(name: str) -> str:
    """A seed folder for the harness: the example cable or the shipped policies, copied."""
    folder = ROOT / "out" / "fuzz" / name
    folder.mkdir(parents=True, exist_ok=True)
    sources = POLICIES if name == "policy" else [SEED]
    for source in sources:
        target = folder / source.name
        if not target.exists():
            target.write_bytes(source.read_bytes())
    return str(folder)


def argv(name: str) -> list[str]:
    """The command line for libFuzzer: the seed folder, unless files or folders are given.

    ``python fuzz/fuzz_parse.py crash-<hash>`` replays one input, as libFuzzer does.
    """
    if any(not arg.startswith("-") for arg in sys.argv[1:]):
        return sys.argv
    return [sys.argv[0], corpus_dir(name), *sys.argv[1:]]
