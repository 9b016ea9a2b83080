"""Write the word lists ``redactor/names.py`` reads, from the libraries that know them.

Usage::

    python tools/gen_wordlists.py          # rewrite redactor/wordlists/*.txt
    python tools/gen_wordlists.py --check  # exit 1 and name the stale files (tests/test_names.py)

Two lists, one word a line, sorted:

* ``common-words.txt``: common English words, lower case. A word is common when it is
  frequent in English (``wordfreq``, Zipf frequency 3.5 or more, among its 40,000 most
  frequent words) and a lower-case entry of Webster's Second (``english-words``'s
  ``web2``), or the plural of one. A word Webster's also lists as a name (``Kelly``,
  ``Steven``) is common only when it is very frequent (Zipf 4.5: ``May``, ``State``,
  ``Bill``); otherwise it is taken for the name.
* ``frequent-words.txt``: every word English uses at least once in a million words
  (``wordfreq`` Zipf 3.0 or more), lower case: a lone surname more frequent than that is
  too often another person's or an ordinary word to be followed across a batch
  (``redactor/batch/consistency.py``).
* ``countries.txt``: the one-word names of ISO 3166-1 countries (``pycountry``, name and
  common name), upper case, and the names State cables use that ISO 3166 does not.

The lists are generated once and shipped as package data: loading the libraries in every
batch worker would cost 1.4 s and 84 MiB each (measured); the lists are 40,000 words.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pycountry
import wordfreq
from english_words import get_english_words_set

OUT = Path(__file__).resolve().parent.parent / "redactor" / "wordlists"
# Names State cables use that ISO 3166 does not (or spells otherwise).
CABLE_COUNTRIES = frozenset(
    {
        "ARABIA", "BOLIVIA", "BURMA", "CONGO", "EMIRATES", "GAZA", "IRAN", "KOREA", "KOSOVO",
        "LAOS", "MACEDONIA", "MOLDOVA", "PALESTINE", "RUSSIA", "SUDAN", "SYRIA", "TAIWAN",
        "TANZANIA", "UAE", "VENEZUELA", "VIETNAM",
    }
)  # fmt: skip


def common_words() -> list[str]:
    words = get_english_words_set(["web2"], lower=False, alpha=True)
    lower = {w for w in words if w.islower()}
    named = {w.lower() for w in words if w[:1].isupper()}
    out = set()
    for word in wordfreq.top_n_list("en", 40000):
        if not word.isalpha():
            continue
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf < 3.5:
            continue
        if word in lower and (word not in named or zipf >= 4.5):
            out.add(word)
            continue
        for cut, add in (("s", ""), ("es", ""), ("ies", "y")):
            stem = word[: -len(cut)] + add
            if word.endswith(cut) and stem in lower and stem not in named:
                out.add(word)
                break
    return sorted(out)


def frequent_words() -> list[str]:
    # The list is sorted by frequency: its first 60,000 words reach below Zipf 3.0.
    return sorted(
        w for w in wordfreq.top_n_list("en", 60000)
        if w.isalpha() and wordfreq.zipf_frequency(w, "en") >= 3.0
    )  # fmt: skip


def countries() -> list[str]:
    out = set(CABLE_COUNTRIES)
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            name = getattr(country, attr, None)
            # One-word names only: "Saint Martin" must not make Martin a country.
            if name and " " not in name and "," not in name:
                out.add(unicodedata.normalize("NFKC", name).upper())
    return sorted(out)


def lists() -> dict[str, str]:
    return {
        "common-words.txt": "".join(f"{w}\n" for w in common_words()),
        "countries.txt": "".join(f"{w}\n" for w in countries()),
        "frequent-words.txt": "".join(f"{w}\n" for w in frequent_words()),
    }


def main(argv: list[str]) -> int:
    stale = []
    for name, body in lists().items():
        path = OUT / name
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != body:
                stale.append(name)
        else:
            path.write_text(body, encoding="utf-8")
            print(f"wrote {path.relative_to(OUT.parent.parent)}")
    for name in stale:
        print(f"stale: redactor/wordlists/{name} (run python tools/gen_wordlists.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
