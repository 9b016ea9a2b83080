"""Apply a policy to every ``*.txt`` in a folder and write one verified PDF each.

    python examples/folder_to_pdfs.py                         # examples/ -> out/pdfs/
    python examples/folder_to_pdfs.py CABLES/ --out releases/ --policy policies/public-web.yaml

A plain loop over the library, to show the calls. For real collections use
``redactor batch`` (or :func:`redactor.batch.run_batch`): it also resumes, runs on several
processes, writes the audit and a summary, and makes output names safe and unique.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

import redactor
from redactor.leakcheck import leak_probe

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Release each cable of the folder as a PDF; exit 1 if any failed."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("folder", nargs="?", type=Path, default=REPO / "examples")
    args.add_argument("--policy", type=Path, default=REPO / "policies/foia-release.yaml")
    args.add_argument("--as-of", type=datetime.date.fromisoformat, default="2010-01-01")
    args.add_argument("--out", type=Path, default=REPO / "out/pdfs")
    options = args.parse_args(argv)

    policy = redactor.load_policy(options.policy)  # once: a policy serves every document
    options.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in sorted(options.folder.glob("*.txt")):
        try:
            document = redactor.parse(path.read_bytes().decode("utf-8"), source=path.name)
            released = redactor.redact(document, policy, as_of=options.as_of)
            # The reference id is released text, but still keep a file name to safe characters.
            name = re.sub(r"[^A-Za-z0-9._-]+", "_", released.reference_id or path.stem)
            # The probe lets the PDF's self-check prove that no withheld run reached the
            # page; without it only the layout is verified.
            report = redactor.render_pdf(
                released, options.out / f"{name}.pdf", probe=leak_probe(document, released)
            )
        except (UnicodeDecodeError, redactor.RedactorError) as exc:
            # Messages never quote document text, so they are safe to print.
            failed += 1
            print(f"FAILED {path.name}: {exc}", file=sys.stderr)
            continue
        decision = f"RELEASE IN {released.release.value.upper()} {', '.join(released.codes)}"
        print(f"{path.name} -> {name}.pdf: {report.pages} page(s), {decision.strip()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
