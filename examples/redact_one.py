"""Redact one cable from Python and print the release.

    python examples/redact_one.py                      # the seed cable, FOIA policy, 2010-01-01
    python examples/redact_one.py CABLE.txt --policy policies/public-web.yaml --as-of 2026-11-28

The library never reads the clock: the as-of date is an argument, so a release made today
and one made next year from the same inputs are the same bytes.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import redactor

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Parse, redact, render; print the release to stdout and a summary to stderr."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("cable", nargs="?", type=Path, default=REPO / "examples/06DAMASCUS728.txt")
    args.add_argument("--policy", type=Path, default=REPO / "policies/foia-release.yaml")
    args.add_argument("--as-of", type=datetime.date.fromisoformat, default="2010-01-01")
    options = args.parse_args(argv)

    # Bytes decoded as UTF-8 keep CRLF line endings as they are (read_text would not).
    text = options.cable.read_bytes().decode("utf-8")
    document = redactor.parse(text, source=options.cable.name)
    policy = redactor.load_policy(options.policy)
    released = redactor.redact(document, policy, as_of=options.as_of)

    sys.stdout.write(redactor.render_text(released))
    for decision in released.decisions:  # the audit, one line per unit of content
        where = f"{decision.kind} {decision.number or ''}".strip()
        print(f"{where}: {decision.action} by {decision.rule}", file=sys.stderr)
    counts = redactor.audit_record(released)["counts"]
    print(f"{released.release.value} release: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
