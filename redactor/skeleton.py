"""Text as term matching sees it: a skeleton with the way back to the original offsets.

A name listed in a policy must be cut however it is spelled to the eye (issue 13 point
10): in capitals, full-width (``Ｓｅｃｈｅ``), with Cyrillic or Greek look-alike letters
(``Ѕесһе``), with an invisible character inside (``Se\u200bche``), with the accent as a
combining mark, or broken by a hyphen at the end of a line. Matching therefore runs on a
*skeleton* of the text, built per character (per cluster: a base and its combining marks):

1. NFKC (compatibility forms: full-width letters, ligatures, mathematical letters);
2. full case folding (``str.casefold``), with the Turkish dotted capital ``İ`` and the
   dotless ``ı`` folded to ``i`` (``casefold`` would leave ``i`` plus a combining dot);
3. default-ignorable code points removed (zero-width space, soft hyphen, word joiner,
   bidi controls, variation selectors...);
4. the Unicode confusables skeleton (UTS #39) from ICU's ``SpoofChecker``, folded again:
   every look-alike becomes its Latin prototype (``Ѕ`` -> ``s``); a prototype sequence
   that stands for one ASCII character is written as that character (``rn`` -> ``m``,
   see :func:`_ascii`);
5. a dash at the end of a line, between two letters, joined away with the line break and
   the indentation after it (``Se-\\n   che`` is ``seche``).

Step 4 runs on the folded character, and on the character itself only where that is what
reaches ASCII: folding first keeps ``I`` an ``i`` (the skeleton of ``I`` is ``l``), but it
would turn a Greek capital Epsilon into ``ε``, which is no look-alike of ``e``, while the
capital itself is one of ``E``.

Every skeleton character maps back to the original characters it came from, so a match on
the skeleton is cut on the original: its span widens to whole clusters, and an invisible
character inside a matched name is inside the cut. Most cables are ASCII with a few
typographic characters: ASCII runs are mapped by a byte table (built from the same steps
at first use, not written by hand) and only the other characters go one by one.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["SkeletonView", "is_ignorable", "skeleton", "skeleton_of"]

# Default-ignorable code points (Unicode DerivedCoreProperties, Default_Ignorable_Code_Point):
# invisible, so a name with one inside reads as the name.
_IGNORABLE: Final = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_IGNORABLE_STARTS: Final = tuple(lo for lo, _ in _IGNORABLE)

# Folded to a plain i before case folding: casefold("İ") is "i" + U+0307, and "ı" is no
# look-alike of i in the confusables data, yet both are how a Turkish keyboard writes it.
_TURKISH: Final = {"\u0130": "i", "\u0131": "i"}

# What follows a hyphen at a line end: spaces, the break, the next line's indentation.
_BREAK: Final = re.compile("[ \t]*(?:\r\n|[\n\r\x0b\x0c\x85\u2028\u2029])[ \t]*")
_HYPHEN_BREAK: Final = re.compile("-" + _BREAK.pattern)


def is_ignorable(char: str) -> bool:
    """Whether a character is a default-ignorable code point (removed from skeletons)."""
    code = ord(char)
    i = bisect.bisect_right(_IGNORABLE_STARTS, code) - 1
    return i >= 0 and code <= _IGNORABLE[i][1]


@functools.cache
def _checker() -> Any:
    # Imported on first use: ICU takes ~20 ms to load, which `redactor --help` need not pay.
    import icu  # noqa: PLC0415

    return icu.SpoofChecker()


def _confusable(text: str) -> str:
    """ICU's UTS #39 skeleton, case folded (prototypes may be capitals: ``0`` -> ``O``)."""
    # The first argument (a check type) is ignored by ICU since 58.
    return str(_checker().getSkeleton(0, text)).casefold()


@functools.lru_cache(maxsize=4096)
def _char_key(char: str) -> str:
    """Steps 2-4 for one character of NFKC text."""
    char = _TURKISH.get(char, char)
    if is_ignorable(char):
        return ""
    folded = "".join(c for c in _confusable(char.casefold()) if not is_ignorable(c))
    if not folded.isascii():
        # A capital look-alike (Greek Epsilon, Eta) is one before folding, not after.
        direct = "".join(c for c in _confusable(_confusable(char)) if not is_ignorable(c))
        if direct.isascii():
            return direct
    return folded


@functools.lru_cache(maxsize=4096)
def skeleton_of(cluster: str) -> str:
    """The skeleton of one cluster (a base character and its combining marks), in NFC:
    steps 1-4, before sequences are contracted (``m`` is ``rn`` here)."""
    key = "".join(_char_key(c) for c in unicodedata.normalize("NFKC", cluster))
    if not key.isascii():
        # NFKC may itself undo a look-alike: the spacing acute accent ´ is an apostrophe
        # to the eye and to UTS #39 (``Seche´s``), but its compatibility form is a space
        # and a combining accent. The skeleton of the character as written wins where it
        # is ASCII and the compatibility form's is not.
        direct = "".join(_char_key(c) for c in _confusable(cluster))
        if direct.isascii():
            return direct
    return key if key.isascii() else unicodedata.normalize("NFC", key)


@functools.cache
def _ascii() -> tuple[bytes, dict[str, str], str]:
    """The ASCII fast path, from the same steps: a byte table, the contractions, and the
    ASCII characters that go cluster by cluster instead (none with ICU's data today).

    UTS #39 maps a few ASCII characters to sequences: ``m`` to ``rn``, ``"`` to ``''``,
    ``%`` to ``º/₀``. A cable holds hundreds of ``m``, each of which would cost an entry
    in the map back to the original; so the skeleton here writes each such sequence as
    the ASCII character it stands for (``rn`` -> ``m``), after the fact, wherever it
    stands. No UTS #39 skeleton holds ``m`` (it is no prototype), so this is one for one
    with the UTS #39 skeleton and two texts match alike in both; and a user's pattern
    written with an ``m`` also finds an ``rn`` spelling.
    """
    keys = {chr(code): skeleton_of(chr(code)) for code in range(128)}
    contractions: dict[str, str] = {}
    # The character that stands for a sequence: lower case where two do (M, m -> rn).
    for char in sorted(keys, key=lambda c: (c != c.casefold(), c)):
        if len(keys[char]) > 1:
            contractions.setdefault(keys[char], char)
    table = bytearray(range(128)) + bytearray(128)
    slow = []
    for char, key in keys.items():
        short = contractions.get(key, key)
        if len(short) == 1 and short.isascii():
            table[ord(char)] = ord(short)
        else:  # pragma: no cover - no such character in ICU's data today
            slow.append(char)
    # Longest first: a sequence inside another must not be contracted in it.
    ordered = dict(sorted(contractions.items(), key=lambda item: -len(item[0])))
    return bytes(table), ordered, "".join(slow)


def _is_dash(char: str) -> bool:
    """A dash (Unicode Pd), the minus sign, or the soft hyphen (which marks a break)."""
    return char in "-\u2212\u00ad" or unicodedata.category(char) == "Pd"


def _joins(text: str, wide_at: list[int]) -> list[tuple[int, int]]:
    """Where a hyphen at a line end joins the letters either side: ``(dash, next letter)``.

    ASCII hyphens are found by a pattern that starts with one (which Python's engine
    looks for in C), other dashes among the characters beyond ASCII, which the caller has
    found already.
    """
    found = [m.span() for m in _HYPHEN_BREAK.finditer(text)]
    for at in wide_at:
        if _is_dash(text[at]) and (match := _BREAK.match(text, at + 1)) is not None:
            found.append((at, match.end()))
    found.sort()
    out: list[tuple[int, int]] = []
    n = len(text)
    for start, end in found:
        if out and start < out[-1][1]:
            continue
        if start > 0 and end < n and _ends_letter(text[start - 1]) and _starts_letter(text[end]):
            out.append((start, end))
    return out


# A character that stands for a letter in the skeleton is a letter here too ("0" is "o"):
# else "a-⏎0" would keep its hyphen and its skeleton "a-⏎o" lose it, and a skeleton would
# not be its own skeleton (found by tests/test_skeleton.py's property).
def _ends_letter(char: str) -> bool:
    return _letter(char) or skeleton_of(char)[-1:].isalpha()


def _starts_letter(char: str) -> bool:
    return char.isalpha() or skeleton_of(char)[:1].isalpha()


_ASCII_BYTES: Final = bytes(range(128))


def _non_ascii(text: str, slow: str) -> list[int]:
    """The offsets of the characters beyond ASCII, in order.

    A cable is ASCII but for a few ¶ and curly quotes: deleting the ASCII bytes of its
    UTF-8 form (in C) leaves those characters, each then found with ``str.find``, where a
    regular expression would test all ten thousand characters one by one in Python's
    engine.
    """
    out = []
    if not text.isascii():
        data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
        pos = 0
        for char in data.decode("utf-8", "surrogatepass"):
            pos = text.find(char, pos)
            out.append(pos)
            pos += 1
    for char in slow:  # pragma: no cover - none with ICU's data today
        pos = text.find(char)
        while pos >= 0:
            out.append(pos)
            pos = text.find(char, pos + 1)
        out.sort()
    return out


def _letter(char: str) -> bool:
    return char.isalpha() or _mark(char)


def _mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _attached(char: str) -> bool:
    """A character that goes in the cluster of the one before it: a combining mark, or
    an ignorable, which may stand between a base and its mark (``u`` ZWSP U+0308 is
    ``ü`` to the eye, and must be ``ü`` in the skeleton, not ``u`` and a lone mark)."""
    return _mark(char) or is_ignorable(char)


@dataclass(frozen=True)
class _Edit:
    """A cluster whose skeleton is not one character (``e`` + combining acute -> ``é``,
    ``“`` -> ``''``, an ignorable -> nothing), or a joined hyphen: every character of its
    skeleton comes from the whole original span."""

    start: int  # in the intermediate text (see SkeletonView)
    end: int
    orig_start: int
    orig_end: int


@dataclass(frozen=True)
class SkeletonView:
    """A text's skeleton (``text``) and the way back to the original's offsets.

    Built in two steps, each with its own map. First an intermediate text: each ASCII
    character by a byte table (in C), each other cluster by :func:`skeleton_of`, joined
    hyphens removed; it runs one for one with the original but at *edits*, which are few
    (the non-ASCII characters of a cable). Then the sequences that stand for one ASCII
    character are contracted (``rn`` -> ``m``, see :func:`_ascii`), in C too; they are
    rare, and their map is worked out only when a match is mapped back.
    """

    text: str
    edits: tuple[_Edit, ...]
    edit_starts: tuple[int, ...]  # each edit's start, for bisection
    pre: str | None  # the intermediate text when it differs from ``text``

    @classmethod
    def of(cls, text: str) -> SkeletonView:
        table, contractions, slow = _ascii()
        wide_at = _non_ascii(text, slow)
        joins = _joins(text, wide_at) if "-" in text or wide_at else []
        # The whole text through the byte table, a placeholder for each character beyond
        # ASCII; then the clusters and joins put in.
        base = text.encode("ascii", "replace").translate(table).decode("ascii")
        edits: list[_Edit] = []
        if wide_at or joins:
            base = _splice(text, base, wide_at, joins, edits)
        pre = None
        for sequence, char in contractions.items():
            if sequence in base:
                pre = base if pre is None else pre
                base = base.replace(sequence, char)
        return cls(base, tuple(edits), tuple(e.start for e in edits), pre)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the skeleton span ``[start, end)`` (not empty)."""
        if self.pre is not None:
            start, end = self._expand(start)[0], self._expand(end - 1)[1]
        return self._origin(start)[0], self._origin(end - 1)[1]

    def back(self, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        for start, end in spans:
            yield self.span(start, end)

    def _origin(self, k: int) -> tuple[int, int]:
        """The original characters that intermediate character ``k`` comes from."""
        # The last edit starting at or before k: an empty one (an ignorable) at k comes
        # before an edit that starts at k too, and k is after it.
        i = bisect.bisect_right(self.edit_starts, k) - 1
        if i < 0:
            return k, k + 1
        edit = self.edits[i]
        if k < edit.end:
            return edit.orig_start, edit.orig_end
        pos = edit.orig_end + (k - edit.end)
        return pos, pos + 1

    def _expand(self, k: int) -> tuple[int, int]:
        """The intermediate characters that skeleton character ``k`` comes from."""
        starts, offsets, lengths = self._contracted
        j = bisect.bisect_right(starts, k) - 1  # the last contraction at or before k
        if j < 0:
            return k, k + 1
        if starts[j] == k:
            return offsets[j], offsets[j] + lengths[j]
        pos = offsets[j] + lengths[j] + (k - starts[j] - 1)
        return pos, pos + 1

    @functools.cached_property
    def _contracted(self) -> tuple[list[int], list[int], list[int]]:
        """Per contracted sequence: its offset in the skeleton, and its offset and length
        in the intermediate text. ``str.split`` and list operations, which run in C."""
        pre = self.pre or ""
        found: list[tuple[int, int]] = []  # (offset, length)
        for sequence in _ascii()[1]:
            parts = pre.split(sequence)[:-1]
            if parts:
                before = itertools.accumulate(map(len, parts))  # the text before each one...
                # ...and the sequences before it
                at = map(operator.add, before, range(0, len(parts) * len(sequence), len(sequence)))
                found.extend(zip(at, itertools.repeat(len(sequence))))
        found.sort()
        offsets, lengths = zip(*found, strict=True) if found else ((), ())
        shrink = itertools.accumulate(map(operator.sub, lengths, itertools.repeat(1)), initial=0)
        return list(map(operator.sub, offsets, shrink)), list(offsets), list(lengths)


def _splice(
    text: str, base: str, wide_at: list[int], joins: list[tuple[int, int]], edits: list[_Edit]
) -> str:
    """``base`` with the clusters beyond ASCII and the joins put in; edits recorded."""
    spans: list[tuple[int, int, str]] = [(s, e, "") for s, e in joins]
    done = 0  # the end of the last cluster
    i, n = 0, len(wide_at)
    while i < n:
        lo = wide_at[i]
        hi = lo + 1
        i += 1
        while i < n and wide_at[i] == hi and _attached(text[hi]):
            hi += 1  # a base and its marks: one cluster
            i += 1
        # A combining mark belongs to the character before it, even an ASCII one.
        if _attached(text[lo]) and lo > done and text[lo - 1].isascii():
            lo -= 1
        spans.append((lo, hi, skeleton_of(text[lo:hi])))
        done = hi
    # A join first where a cluster starts with it: the clusters inside it go with it.
    spans.sort(key=lambda span: (span[0], -span[1]))
    pieces: list[str] = []
    pos = 0  # in the original
    length = 0  # of the intermediate text
    for first, end, cluster_key in spans:
        if end <= pos:
            continue  # inside a join (a non-ASCII dash or line break)
        start, key = first, cluster_key
        if start < pos:  # pragma: no cover - a join ends before a letter, no cluster spans it
            start, key = pos, skeleton_of(text[pos:end])
        pieces.append(base[pos:start])
        length += start - pos
        if end - start != 1 or len(key) != 1:
            edits.append(_Edit(length, length + len(key), start, end))
        pieces.append(key)
        length += len(key)
        pos = end
    pieces.append(base[pos:])
    return "".join(pieces)


def skeleton(text: str) -> str:
    """The skeleton of ``text`` (what :class:`SkeletonView` matches on)."""
    if len(text) <= 64:
        return _short_skeleton(text)
    return SkeletonView.of(text).text


@functools.lru_cache(maxsize=1024)
def _short_skeleton(text: str) -> str:
    # Names and words of a policy and of headers: the same few come back cable after cable.
    return SkeletonView.of(text).text
