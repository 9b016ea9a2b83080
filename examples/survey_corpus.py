"""Survey a folder of cables: counts by classification and by declassification year.

    python examples/survey_corpus.py                 # ../shared/corpus/cables, else examples/
    python examples/survey_corpus.py CABLES/ --as-of 2026-11-28 --png out/survey.png

Prints two tables. With the optional plotting extra (``pip install -e '.[plot]'``, which
adds matplotlib) it also writes a PNG bar chart of both; without it, text only.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import importlib
import sys
from pathlib import Path

import redactor

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared/corpus/cables"
LEVELS = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET")


def survey(folder: Path, as_of: datetime.date) -> tuple[collections.Counter[str], ...]:
    """(by classification, by declassification year, by status on ``as_of``)."""
    levels: collections.Counter[str] = collections.Counter()
    years: collections.Counter[str] = collections.Counter()
    status: collections.Counter[str] = collections.Counter()
    for path in sorted(folder.glob("*.txt")):
        document = redactor.parse(path.read_bytes().decode("utf-8"), source=path.name)
        level = document.banner.level if document.banner is not None else None
        levels[level.banner_word if level is not None else "no banner / unreadable"] += 1
        decl = document.declassification
        # No date: count the kind instead (oadr, event, na, missing ...), never a guess.
        years[str(decl.date.year) if decl.date is not None else f"({decl.kind.value})"] += 1
        status[document.declassification_status(as_of).value] += 1
    return levels, years, status


def table(title: str, counts: collections.Counter[str], order: list[str]) -> None:
    total = sum(counts.values())
    print(f"\n{title}")
    for key in order:
        print(f"  {key:<24} {counts[key]:>6}  {100 * counts[key] / total:5.1f}%")


def chart(levels: collections.Counter[str], years: collections.Counter[str], png: Path) -> bool:
    """Write the chart; ``False`` when matplotlib (the ``plot`` extra) is not installed."""
    try:
        # Optional (the survey works without it), so imported here, by name.
        matplotlib = importlib.import_module("matplotlib")
        matplotlib.use("Agg")  # no display needed
        plt = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        return False
    dated = sorted(k for k in years if k.isdigit())
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5), width_ratios=(1, 3))
    names = [k for k in dict.fromkeys((*LEVELS, *sorted(levels))) if levels[k]]
    left.bar(names, [levels[k] for k in names], color="#a3121d")
    left.set_title("Cables by classification (banner)")
    left.tick_params(axis="x", rotation=30)
    for label in left.get_xticklabels():
        label.set_horizontalalignment("right")  # rotated labels end under their bar
    right.bar(dated, [years[k] for k in dated], color="#1d4f8c")
    right.set_title("Cables by declassification year (DECL date)")
    right.tick_params(axis="x", rotation=90)
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    # No timestamp in the file: the same corpus gives the same PNG.
    fig.savefig(png, dpi=100, metadata={"Software": None})
    plt.close(fig)
    return True


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = CORPUS if CORPUS.is_dir() else REPO / "examples"
    args.add_argument("folder", nargs="?", type=Path, default=default)
    args.add_argument("--as-of", type=datetime.date.fromisoformat, default=datetime.date.today())
    args.add_argument("--png", type=Path, default=REPO / "out/survey.png")
    options = args.parse_args(argv)

    levels, years, status = survey(options.folder, options.as_of)
    total = sum(levels.values())
    print(f"{total} cables in {options.folder}")
    if not total:
        return 1
    order = [k for k in dict.fromkeys((*LEVELS, *sorted(levels))) if k in levels]
    table("By classification", levels, order)
    # Years in order, then the kinds of instruction that carry no date.
    table("By declassification year", years, sorted(years, key=lambda k: (not k.isdigit(), k)))
    table(f"Declassification status as of {options.as_of}", status, sorted(status))
    if chart(levels, years, options.png):
        print(f"\nwrote {options.png}")
    else:
        print("\nno chart: install the plot extra for one (pip install -e '.[plot]')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
