"""Build a policy in code, validate it, and apply it.

    python examples/policy_in_code.py [CABLE.txt]

``redactor.parse_policy`` validates policy text exactly as a policy file is validated, with
``line:column`` messages (``redactor.PolicyError``). A policy assembled as a Python dict goes
through the same door as JSON, which is YAML: no second validation path to drift.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

import redactor

REPO = Path(__file__).resolve().parents[1]

# 1. Policy text in code: the same YAML as a file in policies/.
FOIA_LIKE = """\
version: 1
name: foia-in-code
unmarked: inherit
rules:
  - id: still-classified
    when: {level: {at_least: CONFIDENTIAL}, declassified: false}
    action: withhold
    exemptions: [B1, "{reasons}"]
  - id: releasable
    action: release
terms:
  - id: classifier
    fields: [classified_by, signature]
    exemptions: [B6]
"""


def names_policy(names: list[str]) -> redactor.Policy:
    """2. A policy assembled from data: release everything, cut the given names (B6)."""
    data = {
        "version": 1,
        "name": "names-only",
        "unmarked": "release",
        "rules": [{"id": "everything", "action": "release"}],
        "terms": [{"id": "names", "words": names, "exemptions": ["B6"]}],
    }
    return redactor.parse_policy(json.dumps(data), source="names-only")


def main(argv: list[str] | None = None) -> int:
    """Validate three policies (one of them wrong on purpose) and apply two."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("cable", nargs="?", type=Path, default=REPO / "examples/06DAMASCUS728.txt")
    args.add_argument("--as-of", type=datetime.date.fromisoformat, default="2010-01-01")
    options = args.parse_args(argv)
    document = redactor.parse(options.cable.read_bytes().decode("utf-8"), source="cable")

    # 3. A mistake is reported with its place and what to do, never silently ignored.
    try:
        redactor.parse_policy(FOIA_LIKE.replace("unmarked", "unmarkd"), source="typo.yaml")
    except redactor.PolicyError as exc:
        print("rejected as expected:", *exc.messages, sep="\n  ")

    for policy in (redactor.parse_policy(FOIA_LIKE, source="in-code"), names_policy(["Erkhov"])):
        released = redactor.redact(document, policy, as_of=options.as_of)
        print(f"\n== {policy.name}: {len(policy.rules)} rules, {len(policy.terms)} terms ==")
        for d in released.decisions:
            print(f"  {d.kind:<10} {d.number or '-':>2} {d.action:<8} {d.rule:<17} {d.reason}")
        print(f"  {len(released.cuts)} cut(s); stamp codes: {', '.join(released.codes) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
