"""atheris harness: ``redactor.policy.parse_policy`` on arbitrary YAML.

Anything but a :class:`~redactor.policy.Policy` or a ``PolicyError`` is a finding; so is
a policy that takes more than a moment (libFuzzer's ``-timeout``, set by ``make fuzz``).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from redactor.errors import RedactorError
    from redactor.policy import parse_policy

from _common import argv


def test_one(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        parse_policy(text, source="fuzz.yaml")
    except RedactorError:
        return


if __name__ == "__main__":
    atheris.Setup(argv("policy"), test_one)
    atheris.Fuzz()
    sys.exit(0)
