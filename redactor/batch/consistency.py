"""Consistency across a batch: a cut word is cut everywhere, a portion is decided alike.

Redaction that is right document by document can still leak across documents: a name cut
from one cable's ``Classified By`` line and released in another cable's paragraph, or the
same paragraph withheld in one copy and released in a duplicate (REDACTION.md §B channel
16; the 2025-26 Epstein releases were withdrawn for exactly this). A batch therefore runs
two checks and reports them in ``summary.json`` (``consistency``) and on screen:

* **Cut, yet released elsewhere.** Every string a policy term cut from a document that
  could name someone is looked for, as whole words in any case, in the released text of
  every document of the batch. A hit names the term (its policy id), how many distinct
  strings and which documents; never the words. Which strings could name someone
  (:func:`worth_following`): at least two letters, and a word that may be searched alone
  (:func:`redactor.names.searchable`: no common word, title, office, post or country, and
  no placeholder such as ``XXXXXXXXXXXX``); a lone word must also be rare in English. A
  sign-off ``WHITE`` is cut in its cable, but "white" released elsewhere is no leak of
  it. A lone surname right after a name no cut string holds is another person's there
  (``Carme Chacon``; :meth:`_Scan._as_the_name`). Under ``foia-release`` the check
  flagged 285 of the 535 corpus cables, nearly all for such words, or for another person
  of a common surname; now 37, 29 of its 32 strings the same person's name. It runs
  whatever the format: the released text is what the text release holds and what the PDF
  prints, and a worker returns it with its outcome (a PDF-only batch publishes no text
  file for it).
* **Same portion, same decision.** Portions with the same words (five or more, after the
  number and mark) under the same marking should be decided alike. A difference is not
  always wrong (two cables with different declassification dates), but it is what a
  reviewer must look at; each is reported by the documents involved and the actions.

The summary counts and lists at most :data:`MAX_LISTED` documents per term; the reviewer's
record ``DIR/consistency.jsonl`` (:meth:`Consistency.write_record`) has every hit in full:
per distinct cut string released elsewhere, the term ids, each document it was cut from
with the offsets of its first cut there (as the audit gives them) and every document that
releases it. Like the audit it holds no word, no key, and is not for publication.

What is kept, and where. A worker returns :class:`Facts`: 64-bit BLAKE2b keys of each cut
string worth following (with the offsets of its first cut), of its first word, of every
word of it and of each portion's words and marking, with the term ids and actions. A key
of a short withheld string lets anyone holding a guess confirm it, so keys never reach a
published file: they live in this process, in a private temporary SQLite database (deleted
when the batch ends) and in the resume state ``.redactor-state.sqlite``, which is not for
publication either. The released texts wait for the final scan in the same temporary
database (compressed; they are releases, not secrets, but the output folder gets nothing
it did not get before). Memory stays flat at any corpus size: per-document data goes to
the temporary database as it arrives; the final scan reads one released text at a time and
holds the keys of the cut strings' *words* (first words with the lengths they start, and
every cut word), never the strings, whose number grows with the corpus (at most
:data:`MAX_CUT_STRINGS` are checked); its hits go to the database, and the report is
counted there.

The final scan is cheap: workers split the released texts into words, the distinct words
of a text are matched against the first words of the cut strings as sets (each distinct
word of the batch is keyed once, :data:`MAX_WORDS_KNOWN` at a time), and a longer cut
string is keyed only where its first word stands and the words after it are cut words.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any, Final

from redactor.model import Document
from redactor.names import is_frequent_word, is_title, searchable
from redactor.redact import Redacted

__all__ = [
    "FACTS_VERSION",
    "MAX_CUT_STRINGS",
    "Consistency",
    "Facts",
    "facts_of",
    "pack_words",
    "worth_following",
]

# 3: only cut strings worth following (worth_following), each with its first offsets.
# Facts of an earlier version are re-derived by a resumed batch (Facts.current).
FACTS_VERSION: Final = 3

MAX_CUT_STRINGS: Final = 200_000  # distinct cut strings held for the final scan
MAX_WORDS_KNOWN: Final = 10_000  # distinct released words whose keys are remembered
_BATCH: Final = 256  # documents whose rows are inserted together
MIN_PORTION_WORDS: Final = 5  # shorter portions ("END SUMMARY.") are alike by chance
MAX_LISTED: Final = 20  # documents or conflicts listed per entry; the counts are complete
_WORD = re.compile(r"\w+")
# A unit's lead: pilcrow, number and mark are not its words ("¶2. (C)", "3.", "a.").
_LEAD = re.compile(r"\s*¶?\s*(?:\d{1,6}|[A-Za-z])?[.,]?\s*")


def _key(text: str) -> str:
    """A 64-bit key of normalised text: enough to tell strings apart in a batch."""
    return _key_of(text.encode("utf-8", "surrogatepass"))


def _key_of(data: bytes) -> str:
    """:func:`_key` of text already encoded as UTF-8."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def _words(text: str) -> list[str]:
    """Words, case-folded: "Stephen A. Seche" and "STEPHEN A SECHE" are the same name."""
    return _WORD.findall(text.casefold())


# Python's \w on a Latin-1 character: alphanumeric (str.isalnum) or the underscore. In
# this table a word character becomes its case fold and every other byte a space, so one
# bytes.translate folds a Latin-1 text and bytes.split finds its words, both in C: several
# times faster than str.casefold and the pattern (the pilcrow makes nearly every cable
# non-ASCII, but rarely more than Latin-1). Two Latin-1 letters fold outside it
# (ß to "ss", µ to Greek mu): a text holding one takes the general path.
_LATIN1_FOLDED_WORDS = bytes(
    ord(chr(c).casefold()) if (chr(c).isalnum() or c == 0x5F) and c not in (0xB5, 0xDF) else 0x20
    for c in range(256)
)
_FOLDS_OUTSIDE = (b"\xb5", b"\xdf")


class _Words:
    r"""The words (``\w+``, case-folded) of pieces of one text, as their keys read them:
    joined by U+001F and encoded as UTF-8, exactly as :func:`_words` then
    ``"\x1f".join(...).encode("utf-8")`` would give them."""

    def __init__(self, text: str):
        self._text = text
        self._spaced: bytes | None = None
        self._folded: str | None = None
        try:
            data = text.encode("latin-1")
        except UnicodeEncodeError:
            data = None
        if data is not None and not any(c in data for c in _FOLDS_OUTSIDE):
            self._spaced = data.translate(_LATIN1_FOLDED_WORDS)
            return
        folded = text.casefold()
        # Folding may change lengths ("ß" → "ss"): offsets then hold only in the source,
        # and each piece is folded on its own.
        if len(folded) == len(text):
            self._folded = folded

    def split(self, start: int, end: int) -> list[bytes]:
        """The words of ``text[start:end]``, each UTF-8."""
        if self._spaced is not None:
            return [_utf8(word) for word in self._spaced[start:end].split()]
        return [word.encode("utf-8", "surrogatepass") for word in self._found(start, end)]

    def joined(self, start: int, end: int) -> tuple[bytes, int]:
        """The words of ``text[start:end]`` joined by U+001F, UTF-8, and how many."""
        if self._spaced is not None:
            words = self._spaced[start:end].split()
            return _utf8(b"\x1f".join(words)), len(words)
        found = self._found(start, end)
        return "\x1f".join(found).encode("utf-8", "surrogatepass"), len(found)

    def _found(self, start: int, end: int) -> list[str]:
        if self._folded is not None:
            return _WORD.findall(self._folded, start, end)
        return _words(self._text[start:end])


def _utf8(latin1: bytes) -> bytes:
    return latin1 if latin1.isascii() else latin1.decode("latin-1").encode("utf-8")


Cut = tuple[str, str, str, int, int, int]


@dataclass(frozen=True, slots=True)
class Facts:
    """What one document tells the consistency checks: keys, term ids, actions,
    offsets; no text.

    ``cuts`` holds ``(term id, key of the cut words, key of the first word, word count,
    start, end)`` for each cut string worth following (:func:`worth_following`), with the
    offsets of its first cut in the document (``-1``: not known, from an older state);
    ``portions`` holds ``(key of the marking and words, action)``; ``words`` the key of
    every word of the cut strings (``None``: not known, from a state written before they
    were kept), which lets the final scan key a longer string only where all its words
    are cut words. ``current``: made by this version's :func:`facts_of`; facts read from
    an older state are not (they may hold strings no longer followed) and a resumed batch
    derives them again.
    """

    cuts: tuple[Cut, ...] = ()
    portions: tuple[tuple[str, str], ...] = ()
    words: tuple[str, ...] | None = ()
    current: bool = True

    def dumps(self) -> str:
        """JSON for the resume state."""
        # tuples become lists
        return json.dumps([self.cuts, self.portions, self.words, FACTS_VERSION])

    @classmethod
    def loads(cls, text: str) -> Facts:
        """Read :meth:`dumps` back, or an older state's form; empty facts for an empty or
        unreadable string."""
        try:
            cuts, portions, *rest = json.loads(text)
            words = rest[0] if rest else None
            current = len(rest) > 1 and rest[1] == FACTS_VERSION
            return cls(
                tuple((str(t), str(f), str(w), int(n), *_offsets(at)) for t, f, w, n, *at in cuts),
                tuple((str(k), str(a)) for k, a in portions),
                tuple(map(str, words)) if words is not None else None,
                current,
            )
        except (ValueError, TypeError):
            return cls()


def _offsets(at: list[Any]) -> tuple[int, int]:
    return (int(at[0]), int(at[1])) if len(at) == 2 else (-1, -1)


def worth_following(words: Sequence[str]) -> bool:
    """Whether a cut string (its words, case-folded) could name someone, and so is looked
    for in the other releases of a batch.

    Its name words are those of two letters or more that are no placeholder
    (``XXXXXXXXXXXX``, what earlier editors put in place of a name; ``'s`` is no word). A
    string of several is followed when one of them may be searched alone
    (:func:`redactor.names.searchable`: no common word, title, office, post or country):
    ``Thomas White`` is. A lone word must also be rare in English, met less than once
    in a million words (:func:`redactor.names.is_frequent_word`): ``Vershbow`` and
    ``Eikenberry`` are followed; ``White``, ``via``, ``State``, ``KABUL`` and
    ``(protect)`` are not, nor ``Jones``, ``Kelly`` or ``Gordon``. Cut in one cable for a
    reason of that cable, such a word released elsewhere is an ordinary word or another
    person (Gordon Brown, Gerry Kelly) far more often than the one cut, and a report full
    of them teaches a reviewer to ignore it; the full name is still followed.
    """
    named = [w for w in words if sum(c.isalpha() for c in w) >= 2 and len(set(w)) > 1]
    if len(named) == 1:
        return searchable(named[0]) and not is_frequent_word(named[0])
    return any(searchable(word) for word in named)


def pack_words(text: str) -> bytes:
    """A released text as the final scan reads it: its words, case-folded, compressed.

    Made by the worker that released the text, so the batch process does not split it.
    """
    return zlib.compress(_Words(text).joined(0, len(text))[0], 1)


def _unpack_words(packed: bytes) -> list[str]:
    joined = zlib.decompress(packed).decode("utf-8", "surrogatepass")
    return joined.split("\x1f") if joined else []


def facts_of(document: Document, redacted: Redacted) -> Facts:
    """The facts of one released document (run by the worker that released it)."""
    text = document.text
    words_of = _Words(text)
    cuts: dict[tuple[str, str, str, int], tuple[int, int]] = {}
    cut_words: set[bytes] = set()
    for cut in redacted.cuts:  # in text order: the first cut of a string comes first
        words = words_of.split(cut.start, cut.end)
        if words and worth_following([w.decode("utf-8", "surrogatepass") for w in words]):
            full, first = _key_of(b"\x1f".join(words)), _key_of(words[0])
            for term in cut.terms:
                cuts.setdefault((term, full, first, len(words)), (cut.start, cut.end))
            cut_words.update(words)
    marks = {p.start: p.mark_end for p in document.portions if p.mark_end is not None}
    portions: set[tuple[str, str]] = set()
    for decision in redacted.decisions:
        start = marks.get(decision.start)
        if start is None:
            start = _LEAD.match(text, decision.start).end()  # type: ignore[union-attr]
        joined, count = words_of.joined(start, decision.end)
        if count >= MIN_PORTION_WORDS:
            key = _key_of(f"{decision.marking}\x1e".encode() + joined)
            portions.add((key, decision.action.value))
    word_keys = tuple(sorted(_key_of(word) for word in cut_words))
    found = tuple(sorted((*cut, *at) for cut, at in cuts.items()))
    return Facts(found, tuple(sorted(portions)), word_keys)


class Consistency:
    """The two checks over one batch, fed in input order by the runner."""

    def __init__(self) -> None:
        # "" opens a private temporary database on disk, deleted when it is closed; its
        # cache is kept small (it is read once, in order), so memory stays flat.
        self._db = sqlite3.connect("")
        self._db.executescript(
            """
            PRAGMA cache_size = -512;
            CREATE TABLE released (seq INTEGER PRIMARY KEY, name TEXT, body BLOB);
            CREATE TABLE cuts (full TEXT, first TEXT, n INTEGER, term TEXT, seq INTEGER,
                               start INTEGER, "end" INTEGER);
            CREATE INDEX cuts_full ON cuts (full);
            CREATE TABLE portions (key TEXT, action TEXT, seq INTEGER,
                                   PRIMARY KEY (key, action)) WITHOUT ROWID;
            CREATE TABLE words (key TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE hits (full TEXT, seq INTEGER, PRIMARY KEY (full, seq)) WITHOUT ROWID;
            """
        )
        self._gated = True  # every document's cut words are known
        self._seq = 0
        self._released: list[tuple[int, str, bytes | None]] = []
        self._cuts: list[tuple[str, str, int, str, int, int, int]] = []
        self._portions: list[tuple[str, str, int]] = []
        self._words: list[tuple[str]] = []

    def add(self, name: str, facts: Facts, released: bytes | None) -> None:
        """Record a released document: its output name, facts and released text
        (:func:`pack_words`; ``None`` when it could not be had: it is then not scanned).

        Rows are written :data:`_BATCH` documents at a time (one statement per table).
        """
        self._seq += 1
        seq = self._seq
        self._released.append((seq, name, released))
        self._cuts.extend(
            (full, first, n, term, seq, start, end)
            for term, full, first, n, start, end in facts.cuts
        )
        self._portions.extend((key, action, seq) for key, action in facts.portions)
        if facts.words is None:
            self._gated = self._gated and not facts.cuts
        else:
            self._words.extend((key,) for key in facts.words)
        if len(self._released) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO released VALUES (?, ?, ?)", self._released)
        self._db.executemany("INSERT INTO cuts VALUES (?, ?, ?, ?, ?, ?, ?)", self._cuts)
        self._db.executemany("INSERT OR IGNORE INTO portions VALUES (?, ?, ?)", self._portions)
        self._db.executemany("INSERT OR IGNORE INTO words VALUES (?)", self._words)
        self._words.clear()
        self._released.clear()
        self._cuts.clear()
        self._portions.clear()

    def report(self) -> dict[str, Any]:
        """The ``consistency`` section of ``summary.json``: ids, names and counts only."""
        self._flush()
        return {"cut_released": self._cut_released(), "decisions": self._decisions()}

    def write_record(self, handle: IO[bytes]) -> int:
        """The reviewer's record of the cut check (``DIR/consistency.jsonl``), after
        :meth:`report`: one JSON line per distinct cut string released elsewhere, in the
        order of the first document that cut it, and how many lines.

        A line names the terms, each document the string was cut from with the offsets
        of its first cut there (in the original, as ``audit.jsonl`` gives them; ``null``
        when not known) and every document whose release holds it: complete lists, where
        the summary stops at :data:`MAX_LISTED`. Never the words, never a key: the
        reviewer finds the words at those offsets. Written a line at a time.
        """
        db, names = self._db, self._names()
        count = 0
        fulls = db.execute(
            "SELECT hits.full FROM hits JOIN cuts ON cuts.full = hits.full "
            "GROUP BY hits.full ORDER BY MIN(cuts.seq), MIN(cuts.start), hits.full"
        )
        for (full,) in fulls:  # other statements may run while it is read
            count += 1
            terms = [t for (t,) in db.execute(
                "SELECT DISTINCT term FROM cuts WHERE full = ? ORDER BY term", (full,)
            )]  # fmt: skip
            cut_in = [
                {"document": names(seq), "at": [start, end] if start >= 0 else None}
                for seq, start, end in db.execute(
                    # SQLite: a bare column with MIN() comes from the row of the minimum
                    'SELECT seq, MIN(start), "end" FROM cuts WHERE full = ? '
                    "GROUP BY seq ORDER BY seq",
                    (full,),
                )
            ]
            found_in = [
                names(seq)
                for (seq,) in db.execute(
                    "SELECT seq FROM hits WHERE full = ? ORDER BY seq", (full,)
                )
            ]
            line = {"hit": count, "terms": terms, "cut_in": cut_in, "found_in": found_in}
            handle.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode())
            handle.write(b"\n")
        return count

    def close(self) -> None:
        """Drop the temporary database."""
        self._db.close()

    # -- cut, yet released elsewhere ---------------------------------------------------

    def _cut_released(self) -> dict[str, Any]:
        db = self._db
        (distinct,) = db.execute("SELECT COUNT(DISTINCT full) FROM cuts").fetchone()
        if distinct > MAX_CUT_STRINGS:
            return {"checked": False, "reason": f"over {MAX_CUT_STRINGS:,} distinct cut strings"}
        # In memory: the first words' keys, each with the lengths of the strings it starts,
        # and the keys of the cut words; the strings themselves stay in the database.
        starts: dict[str, tuple[int, ...]] = {}
        for first, lengths in db.execute(
            "SELECT first, group_concat(DISTINCT n) FROM cuts GROUP BY first"
        ):
            starts[first] = tuple(sorted(int(n) for n in str(lengths).split(",")))
        if starts:
            cut_words = None
            if self._gated:
                cut_words = {key for (key,) in db.execute("SELECT key FROM words")}
            scan = _Scan(starts, cut_words, db)
            hits: list[tuple[str, int]] = []
            rows = db.execute("SELECT seq, body FROM released WHERE body IS NOT NULL ORDER BY seq")
            for seq, body in rows:
                hits.extend((full, seq) for full in scan.released(_unpack_words(body)))
                if len(hits) >= _BATCH:
                    db.executemany("INSERT OR IGNORE INTO hits VALUES (?, ?)", hits)
                    hits.clear()
            db.executemany("INSERT OR IGNORE INTO hits VALUES (?, ?)", hits)
        names = self._names()
        terms = [
            {
                "term": term,
                "values": values,
                "cut_in": self._listed(
                    "SELECT DISTINCT seq FROM cuts WHERE term = ? "
                    "AND full IN (SELECT full FROM hits) ORDER BY seq",
                    term,
                    names=names,
                ),
                "found_in": self._listed(
                    "SELECT DISTINCT seq FROM hits "
                    "WHERE full IN (SELECT full FROM cuts WHERE term = ?) ORDER BY seq",
                    term,
                    names=names,
                ),
            }
            for term, values in db.execute(
                "SELECT term, COUNT(DISTINCT full) FROM cuts "
                "WHERE full IN (SELECT full FROM hits) GROUP BY term ORDER BY term"
            ).fetchall()
        ]
        (documents,) = db.execute("SELECT COUNT(DISTINCT seq) FROM hits").fetchone()
        # A release whose text could not be had (its text file went or changed since the
        # run that wrote it) was not scanned: said, so a clean result is never overstated.
        unscanned = self._listed("SELECT seq FROM released WHERE body IS NULL ORDER BY seq")
        return {"checked": True, "documents": documents, "terms": terms, "unscanned": unscanned}

    def _listed(self, query: str, *args: str, names: _NameOf | None = None) -> dict[str, Any]:
        """How many documents ``query`` (distinct sequence numbers, in order) gives, and
        the names of the first :data:`MAX_LISTED`; a row at a time."""
        names = names or self._names()
        count, listed = 0, []
        for (seq,) in self._db.execute(query, args):
            count += 1
            if count <= MAX_LISTED:
                listed.append(names(seq))
        return {"documents": count, "names": listed}

    # -- same portion, same decision ---------------------------------------------------

    def _decisions(self) -> dict[str, Any]:
        rows = self._db.execute(
            "SELECT key, group_concat(action || ':' || seq, ' ') FROM ("
            "  SELECT key, action, seq FROM portions"
            "  WHERE key IN (SELECT key FROM portions GROUP BY key HAVING COUNT(*) > 1)"
            "  ORDER BY key, action"
            ") GROUP BY key ORDER BY MIN(seq)"
        )
        names = self._names()
        count = 0
        conflicts: list[dict[str, Any]] = []
        for _, pairs in rows:
            count += 1
            if len(conflicts) < MAX_LISTED:
                decided = [pair.split(":") for pair in pairs.split(" ")]
                conflicts.append(
                    {
                        "decisions": [
                            {"action": action, "first_in": names(int(seq))}
                            for action, seq in decided
                        ]
                    }
                )
        return {"conflicts": count, "listed": conflicts}

    def _names(self) -> _NameOf:
        return _NameOf(self._db)


class _NameOf:
    """Output names by sequence number, looked up as needed (never all held at once)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __call__(self, seq: int) -> str:
        row = self._db.execute("SELECT name FROM released WHERE seq = ?", (seq,)).fetchone()
        return str(row[0]) if row else ""


def _another_name(word: str, inside: set[str]) -> bool:
    """Whether a case-folded released word is a name that no cut string holds."""
    return (
        len(word) >= 3
        and word.isalpha()
        and word not in inside
        and searchable(word)
        and not is_title(word)
    )


class _Scan:
    """The final scan's matcher: which cut strings stand, as whole words, in a text.

    It holds the first words' keys of the cut strings (with the lengths of the strings
    each starts) and the keys of the cut words, not the strings: memory grows with the
    distinct words of the cut strings, not with their number. Each distinct word of the
    texts is keyed once (up to :data:`MAX_WORDS_KNOWN` remembered, then forgotten all at
    once so memory stays flat) and sorted: words that start some cut string, words that
    are part of one (``inside``) and the others. Set operations find the starting words
    of a text; a one-word cut string needs no more; a longer one is keyed only where its
    first word stands (found by ``list.index``) and the words after it are cut words too,
    and the key is then looked up in the database. ``cut_words`` ``None``: not known,
    every word may be inside.
    """

    def __init__(
        self,
        starts: dict[str, tuple[int, ...]],
        cut_words: set[str] | None,
        db: sqlite3.Connection,
    ):
        self._first_keys = starts
        self._cut_words = cut_words
        self._db = db
        self._starts: dict[str, tuple[str, tuple[int, ...]]] = {}
        self._inside: set[str] = set()
        self._others: set[str] = set()

    def _learn(self, words: Iterable[str]) -> None:
        for word in words:
            key = _key(word)
            lengths = self._first_keys.get(key)
            if lengths is not None:
                self._starts[word] = (key, lengths)
            if self._cut_words is None or key in self._cut_words:
                self._inside.add(word)
            elif lengths is None:
                self._others.add(word)

    @staticmethod
    def _as_the_name(word: str, words: list[str], inside: set[str]) -> bool:
        """Whether a one-word cut string stands somewhere in ``words`` as the name cut,
        not as another person's (``Carme Chacon`` for a sign-off ``CHACON``,
        ``MURDEN/SOBEL``): a word right before it that is a name of no cut string (not a
        cut word, a common word, a title, office, post or country) is another first or
        last name. Cut words are the batch's: ``Ellen Tauscher`` is still Ellen O.
        Tauscher's."""
        i = -1
        with contextlib.suppress(ValueError):  # list.index: no more of the word
            while True:
                i = words.index(word, i + 1)
                before = words[i - 1] if i > 0 else ""
                if not _another_name(before, inside):
                    return True
        return False

    def _is_cut(self, full: str) -> bool:
        row = self._db.execute("SELECT 1 FROM cuts WHERE full = ? LIMIT 1", (full,)).fetchone()
        return row is not None

    def released(self, words: list[str]) -> set[str]:
        """Keys of the cut strings that stand, as whole words, in a text of ``words``."""
        distinct = set(words)
        starts, inside = self._starts, self._inside
        if len(starts) + len(inside) + len(self._others) > MAX_WORDS_KNOWN:
            starts.clear()
            inside.clear()
            self._others.clear()
        self._learn(distinct.difference(self._others, starts, inside))
        seen: set[str] = set()
        candidates: set[str] = set()
        end = len(words)
        for word in distinct.intersection(starts):
            first, lengths = starts[word]
            if lengths[0] == 1 and self._as_the_name(word, words, inside):
                seen.add(first)
            longer = [n for n in lengths if n > 1]
            if not longer:
                continue
            i = -1
            with contextlib.suppress(ValueError):  # list.index: no more of the word
                while True:
                    i = words.index(word, i + 1)
                    run = i + 1  # the cut words that follow, as far as they go
                    while run < end and words[run] in inside:
                        run += 1
                    candidates.update(
                        _key("\x1f".join(words[i : i + n])) for n in longer if i + n <= run
                    )
        seen.update(full for full in candidates if self._is_cut(full))
        return seen
