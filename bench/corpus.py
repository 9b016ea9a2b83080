#!/usr/bin/env python3
"""Deterministic synthetic corpus of State Department cables, for benchmarks.

Only the *shape* is realistic (see ../shared/docs/PERFORMANCE.md §Corpus): routing header (VZCZC,
precedence + routing indicator, DE, ZNY/ZNR, DTG, FM/TO/INFO), the cable classification line,
NOFORN/SENSITIVE/SIPDIS captions, the E.O. 12958 DECL line, TAGS, SUBJECT, "Classified By",
numbered paragraphs with portion marks and a sign-off surname. The prose is Zipf-weighted filler.

Distributions (all drawn from one seeded ``random.Random``, so output depends only on the seed):

* paragraphs per cable 2..15, triangular with mode 2; paragraph length 200..1500 characters,
  triangular with mode 500; hard-wrapped at 69 columns;
* about 70 % of paragraphs start ``¶N.``, the rest ``N.``;
* portion marks U .40, SBU .30, C .15, S .07, S//NF .03, C//NF .05; the banner is the highest
  level present (SBU cables are ``UNCLAS`` with a ``SENSITIVE`` caption), NOFORN caption when any
  paragraph is NF;
* DECL = cable date with year + 5/10/10/15/20/25, clipped to 1995..2035; ``N/A`` if unclassified.

Low-rate extras so that a real parser's irregular paths run too: long cables are split in
sections (``SECTION 01 OF 03`` banner, ``#0728/01`` DE line, ``DAMASCUS 00000728  002 OF 003``
continuation markers in the middle of a paragraph, as WikiLeaks left them), a quarter of NF marks
use the single-slash spelling ``(S/NF)``, some cables repeat ``SIPDIS``, reason lines vary in
spelling, and 1 cable in 20 has CRLF line endings.

Usage::

    python bench/corpus.py --out bench/corpus --n 10000 --seed 1

writes ``OUT/<reference id>.txt`` (bytes exactly as generated, CRLF kept). ``generate(n, seed)``
yields the same ``(reference_id, text)`` pairs in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["generate"]

# (name in FM/TO lines, name in banner and markers, reference-id key, routing indicator)
POSTS: list[tuple[str, str, str, str]] = [
    ("AMEMBASSY DAMASCUS", "DAMASCUS", "DAMASCUS", "RUEHDM"),
    ("AMEMBASSY BAGHDAD", "BAGHDAD", "BAGHDAD", "RUEHGB"),
    ("AMEMBASSY MOSCOW", "MOSCOW", "MOSCOW", "RUEHMO"),
    ("AMEMBASSY PARIS", "PARIS", "PARIS", "RUEHFR"),
    ("AMEMBASSY LONDON", "LONDON", "LONDON", "RUEHLO"),
    ("AMEMBASSY BERLIN", "BERLIN", "BERLIN", "RUEHRL"),
    ("AMEMBASSY MADRID", "MADRID", "MADRID", "RUEHMD"),
    ("AMEMBASSY ROME", "ROME", "ROME", "RUEHRO"),
    ("AMEMBASSY ANKARA", "ANKARA", "ANKARA", "RUEHAK"),
    ("AMEMBASSY CAIRO", "CAIRO", "CAIRO", "RUEHEG"),
    ("AMEMBASSY AMMAN", "AMMAN", "AMMAN", "RUEHAM"),
    ("AMEMBASSY BEIRUT", "BEIRUT", "BEIRUT", "RUEHLB"),
    ("AMEMBASSY RIYADH", "RIYADH", "RIYADH", "RUEHRH"),
    ("AMEMBASSY TEL AVIV", "TEL AVIV", "TELAVIV", "RUEHTV"),
    ("AMEMBASSY KABUL", "KABUL", "KABUL", "RUEHBUL"),
    ("AMEMBASSY ISLAMABAD", "ISLAMABAD", "ISLAMABAD", "RUEHIL"),
    ("AMEMBASSY NEW DELHI", "NEW DELHI", "NEWDELHI", "RUEHNE"),
    ("AMEMBASSY BEIJING", "BEIJING", "BEIJING", "RUEHBJ"),
    ("AMEMBASSY TOKYO", "TOKYO", "TOKYO", "RUEHKO"),
    ("AMEMBASSY SEOUL", "SEOUL", "SEOUL", "RUEHUL"),
    ("AMEMBASSY BANGKOK", "BANGKOK", "BANGKOK", "RUEHBK"),
    ("AMEMBASSY JAKARTA", "JAKARTA", "JAKARTA", "RUEHJA"),
    ("AMEMBASSY MEXICO", "MEXICO", "MEXICO", "RUEHME"),
    ("AMEMBASSY BRASILIA", "BRASILIA", "BRASILIA", "RUEHBR"),
    ("AMCONSUL RIO DE JANEIRO", "RIO DE JANEIRO", "RIODEJANEIRO", "RUEHRI"),
    ("AMEMBASSY BUENOS AIRES", "BUENOS AIRES", "BUENOSAIRES", "RUEHBU"),
    ("AMEMBASSY CARACAS", "CARACAS", "CARACAS", "RUEHCV"),
    ("AMEMBASSY NAIROBI", "NAIROBI", "NAIROBI", "RUEHNR"),
    ("AMEMBASSY PRETORIA", "PRETORIA", "PRETORIA", "RUEHSA"),
    ("AMEMBASSY OTTAWA", "OTTAWA", "OTTAWA", "RUEHOT"),
    ("AMEMBASSY TBILISI", "TBILISI", "TBILISI", "RUEHSI"),
    ("USMISSION GENEVA", "GENEVA", "GENEVA", "RUEHGV"),
    ("SECSTATE WASHDC", "STATE", "STATE", "RUEHC"),
]
COLLECTIVES = [
    "RUEHXK/ARAB ISRAELI COLLECTIVE",
    "RUEHZL/EUROPEAN POLITICAL COLLECTIVE",
    "RUEHZO/AFRICAN UNION COLLECTIVE",
    "RHEHNSC/NSC WASHDC",
    "RUEAIIA/CIA WASHDC",
    "RUEKJCS/SECDEF WASHDC",
    "RUEKJCS/JOINT STAFF WASHDC",
    "RUEHNO/USMISSION USNATO",
    "RUEHBS/USEU BRUSSELS",
    "RUCNDT/USMISSION USUN NEW YORK",
]
# (word, DTG letter, routing pair), with weights
PRECEDENCE = [("IMMEDIATE", "O", "OO"), ("PRIORITY", "P", "PP"), ("ROUTINE", "R", "RR")]
PRECEDENCE_W = [0.25, 0.35, 0.40]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_TAG_TEXT = (
    "PREL PGOV PTER PHUM ECON ETRD EFIN EPET ENRG MARR MOPS KNNP PINR SNAR KCRM KDEM "
    "PINS UNSC KPAL KJUS ELAB SOCI"
)
_COUNTRY_TEXT = "SY IZ RS FR UK GM SP IT TU EG JO LE SA IS AF PK IN CH JA KS TH ID MX BR AR VE"
_SURNAME_TEXT = (
    "SECHE CROCKER BURNS KHALILZAD RICE HILL PATTERSON JONES SMITH BROWN DAVIS MILLER WILSON "
    "TAYLOR ANDERSON THOMAS WHITE HARRIS MARTIN CLARK LEWIS WALKER YOUNG KING WRIGHT SCOTT GREEN"
)
_GIVEN_TEXT = (
    "Stephen Ryan William Anne Margaret Robert James Susan Thomas Richard Daniel Karen Michael"
)
TAG_WORDS = _TAG_TEXT.split()
COUNTRY_TAGS = _COUNTRY_TEXT.split()
SURNAMES = _SURNAME_TEXT.split()
GIVEN = _GIVEN_TEXT.split()
TITLES = ["Ambassador", "Charge d'Affaires", "DCM", "Political Counselor", "Polcouns", "A/DCM"]
REASONS = [
    "1.4 (b) and (d)",
    "1.4 (b) and (d)",
    "1.4 (b) and (d)",
    "1.4 (b) and (d)",
    "1.4 (b), (d)",
    "1.4 (b,d)",
    "1.4 (d)",
    "1.4 b/d",
    "1.4 (b), (c), and (d)",
]

# Portion marks and their weights; LEVEL: 0 = U, 1 = SBU, 2 = C, 3 = S (the banner is the max).
MARKS = ["U", "SBU", "C", "S", "S//NF", "C//NF"]
MARK_W = [0.40, 0.30, 0.15, 0.07, 0.03, 0.05]
LEVEL = {"U": 0, "SBU": 1, "C": 2, "S": 3, "S//NF": 3, "C//NF": 2}
SINGLE_SLASH = {"S//NF": "S/NF", "C//NF": "C/NF"}
SINGLE_SLASH_RATE = 0.25
BANNER = {0: "UNCLAS", 1: "UNCLAS", 2: "C O N F I D E N T I A L", 3: "S E C R E T"}
ZNY = {0: "ZNR UUUUU ZZH", 1: "ZNR UUUUU ZZH", 2: "ZNY CCCCC ZZH", 3: "ZNY SSSSS ZZH"}
DECL_OFFSETS = [5, 10, 10, 15, 20, 25]

CRLF_RATE = 1 / 20
DOUBLE_SIPDIS_RATE = 0.10
SECTION_CHARS = 7000  # body characters per transmitted section; longer cables are split
WRAP = 69

# Our own filler vocabulary; rank i gets weight 1 / (i + 10), a Zipf-like tail.
_VOCAB_TEXT = """
the of and to a in that is for on said with was as be by he it not his at this have from
they are has but an will which would their government had were been also more minister we
about its there who or one other after president official officials new could any over
party our two when than all some if into can should told political his security because
only what most she them us may between country national foreign very first support last
these such her during ministry while both including public under further since against
talks meeting agreement issue issues process military forces region regional local press
noted added stated however well there continue continued future plan plans already still
way several three believe believed according level possible economic policy reform reforms
election elections parliament opposition leadership leaders leader council committee
cooperation assistance development border trade energy oil investment bank program budget
embassy ambassador delegation counterpart deputy director envoy contacts contact source
week month year years today recent recently next early late strong clear important
concern concerns pressure interest interests position view views role support request
response respond agreed visit visited discuss discussed raised raise expressed express
international domestic internal senior junior former current significant likely unlikely
sanctions negotiations militia violence attack attacks group groups movement campaign
north south east west central capital city province district border areas people
members media television newspaper report reports reported information question
comment summary action request note background context result results decision
decisions change changes problem problems situation approach effort efforts steps
"""
_VOCAB = _VOCAB_TEXT.split()


class _Rng:
    """The few draws the generator needs, on top of one ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        cum = list(itertools.accumulate(1.0 / (i + 10) for i in range(len(_VOCAB))))
        # A long Zipf-distributed word stream; sentences are random slices of it.
        self.stream = self.r.choices(_VOCAB, cum_weights=cum, k=1 << 18)

    def sentence(self) -> str:
        r = self.r
        k = 6 + int(r.random() * 17)
        start = int(r.random() * (len(self.stream) - k))
        ws = self.stream[start : start + k]
        x = r.random()
        if x < 0.15:  # a proper noun or an acronym now and then
            name = r.choice(SURNAMES).title() if x < 0.09 else r.choice(TAG_WORDS)
            ws[1 + int(r.random() * (k - 1))] = name
        if r.random() < 0.3:
            i = 2 + int(r.random() * (k - 3))
            ws[i] = ws[i] + ","
        s = " ".join(ws)
        return s[0].upper() + s[1:] + "."

    def words(self, k: int) -> str:
        start = int(self.r.random() * (len(self.stream) - k))
        return " ".join(self.stream[start : start + k])

    def prose(self, target: int) -> str:
        out: list[str] = []
        n = 0
        while n < target:
            s = self.sentence()
            out.append(s)
            n += len(s) + 1
        return " ".join(out)


# Greedy hard wrap, like textwrap.fill for short words, but one C-level regex pass.
_WRAP_RE = re.compile(rf"(.{{1,{WRAP}}})(?: +|$)")


def _wrap(text: str) -> list[str]:
    return _WRAP_RE.findall(text)


def _decl(rng: random.Random, date: dt.date) -> str:
    year = min(2035, max(1995, date.year + rng.choice(DECL_OFFSETS)))
    if rng.random() < 0.7:  # most DECL dates keep the cable's month and day
        month, day = date.month, date.day
    else:
        month, day = rng.randint(1, 12), rng.randint(1, 28)
    return f"{month:02d}/{day:02d}/{year}"


def _header(
    g: _Rng, post: tuple[str, str, str, str], serial: int, date: dt.datetime, sections: int
) -> list[str]:
    r = g.r
    fm, _, _, ri = post
    word, letter, pair = r.choices(PRECEDENCE, weights=PRECEDENCE_W)[0]
    section = "/01" if sections > 1 else ""
    julian = date.timetuple().tm_yday
    hhmm = f"{date.hour:02d}{date.minute:02d}"
    if fm.startswith("SECSTATE"):
        to_post = r.choice(POSTS[:-1])
        to = f"TO {to_post[3]}/{to_post[0]} {word} {r.randint(1, 9999):04d}"
    else:
        to = f"TO RUEHC/SECSTATE WASHDC {word} {r.randint(1000, 9999)}"
    lines = [
        f"VZCZCXYZ{r.randint(0, 9999):04d}",
        f"{pair} RUEHWEB",
        "",
        f"DE {ri} #{serial % 10000:04d}{section} {julian:03d}{hhmm}",
        "",  # ZNY/ZNR, filled in by the caller once the level is known
        f"{letter} {date.day:02d}{hhmm}Z {MONTHS[date.month - 1]} {date.year % 100:02d}",
        f"FM {fm}",
        to,
    ]
    n_info = r.choice([0, 0, 1, 2, 3, 4, 6])
    if n_info:
        addressees = r.sample(COLLECTIVES, min(n_info, 3))
        addressees += [f"{p[3]}/{p[0]}" for p in r.sample(POSTS[:-1], n_info - len(addressees))]
        for i, a in enumerate(addressees):
            prefix = "INFO " if i == 0 else ""
            seq = f" {r.randint(1, 9999):04d}" if a.startswith("RUEH") and "/AM" in a else ""
            lines.append(f"{prefix}{a} {r.choice(['PRIORITY', 'ROUTINE', 'IMMEDIATE'])}{seq}")
    return lines


def _paragraphs(g: _Rng, marks: list[str]) -> list[list[str]]:
    r = g.r
    paras: list[list[str]] = []
    for i, mark in enumerate(marks, 1):
        spelled = SINGLE_SLASH.get(mark, mark) if r.random() < SINGLE_SLASH_RATE else mark
        lead = f"¶{i}. ({spelled}) " if r.random() < 0.7 else f"{i}. ({spelled}) "
        target = int(r.triangular(200, 1500, 500)) - len(lead)
        paras.append(_wrap(lead + g.prose(target)))
    return paras


def _insert_markers(
    g: _Rng, paras: list[list[str]], banner_post: str, serial: int, sections: int
) -> None:
    """Put a ``POST 0000NNNN  00k OF 00n`` marker inside the paragraph where section k starts."""
    r = g.r
    sizes = [sum(len(line) + 1 for line in p) for p in paras]
    total = sum(sizes)
    spacing = "  " if r.random() < 0.5 else " "
    for k in range(2, sections + 1):
        cut = total * (k - 1) // sections
        acc = 0
        for p, size in zip(paras, sizes, strict=True):
            if acc + size > cut and len(p) > 1:
                at = max(1, min(len(p) - 1, (cut - acc) // (WRAP + 1)))
                marker = f"{banner_post} {serial:08d}{spacing}{k:03d} OF {sections:03d}"
                # WikiLeaks left a blank line before and two after; some sources have none.
                p[at:at] = ["", marker, "", ""] if r.random() < 0.8 else [marker]
                break
            acc += size


def make_cable(g: _Rng, taken: set[str]) -> tuple[str, str]:
    """One cable as (reference id, text)."""
    r = g.r
    post = r.choice(POSTS)
    _, banner_post, key, _ = post
    start = dt.datetime(1990, 1, 1)
    date = start + dt.timedelta(minutes=int(r.random() * 21 * 365.25 * 24 * 60))
    while True:
        serial = r.randint(1, 199999 if key == "STATE" else 9999)
        ref = f"{date.year % 100:02d}{key}{serial}"
        if ref not in taken:
            taken.add(ref)
            break

    npar = round(r.triangular(2, 15, 2))
    marks = r.choices(MARKS, weights=MARK_W, k=npar)
    level = max(LEVEL[m] for m in marks)
    paras = _paragraphs(g, marks)
    body_chars = sum(len(line) + 1 for p in paras for line in p)
    sections = min(9, 1 + body_chars // SECTION_CHARS)
    if sections > 1:
        _insert_markers(g, paras, banner_post, serial, sections)

    lines = _header(g, post, serial, date, sections)
    lines[4] = ZNY[level]
    section = f"SECTION 01 OF {sections:02d} " if sections > 1 else ""
    lines += ["", f"{BANNER[level]} {section}{banner_post} {serial:06d}", ""]
    if any(m.endswith("NF") for m in marks):
        lines += ["NOFORN"]
    elif level == 1:
        lines += ["SENSITIVE"]
    lines += ["SIPDIS", ""]
    if r.random() < DOUBLE_SIPDIS_RATE:
        lines += ["SIPDIS", ""]
    eo = "E.O. 13526" if date.year >= 2010 else "E.O. 12958"
    lines += [f"{eo}: DECL: {_decl(r, date.date())}" if level >= 2 else f"{eo}: N/A", ""]
    tags = r.sample(TAG_WORDS, r.randint(2, 4)) + r.sample(COUNTRY_TAGS, r.randint(1, 2))
    lines += [f"TAGS: {' '.join(tags)}", ""]
    lines += [f"SUBJECT: {g.words(r.randint(4, 10)).upper()}", ""]
    signer = r.choice(SURNAMES)
    if level >= 2:
        name = f"{r.choice(GIVEN)} {chr(65 + int(r.random() * 26))}. {signer.title()}"
        reason = r.choice(REASONS)
        lines += [f"Classified By: {r.choice(TITLES)} {name} for reasons {reason}", ""]
    for p in paras:
        lines += p
        lines.append("")
    lines[-1] = signer if r.random() < 0.6 else r.choice(SURNAMES)
    text = "\n".join(lines) + "\n"
    if r.random() < CRLF_RATE:
        text = text.replace("\n", "\r\n")
    return ref, text


def generate(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """Yield ``n`` cables as ``(reference_id, text)``; the same seed gives the same cables."""
    g = _Rng(seed)
    taken: set[str] = set()
    for _ in range(n):
        yield make_cable(g, taken)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", required=True, type=Path, help="output folder (created)")
    ap.add_argument("--n", type=int, default=10_000, help="number of cables (default 10000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    total = 0
    for ref, text in generate(args.n, args.seed):
        data = text.encode("utf-8")
        (args.out / f"{ref}.txt").write_bytes(data)
        total += len(data)
    secs = time.perf_counter() - t0
    print(
        f"{args.n} cables, {total / 1e6:.1f} MB, mean {total / max(args.n, 1):,.0f} B, "
        f"in {secs:.2f} s -> {args.out}"
    )


if __name__ == "__main__":
    main()
