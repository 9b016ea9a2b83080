"""The per-document function of a batch: the one place a document is turned into outputs.

Both runners call :func:`process_chunk` (and through it :func:`process_document`): the
local one in this process or in worker processes, the Dask one on cluster workers. So a
document is handled the same way wherever it runs, and the outputs are byte-identical.

A document goes: bytes → UTF-8 text → :func:`~redactor.parse` →
:func:`~redactor.redact` → :func:`~redactor.render_text` and/or
:func:`~redactor.render_pdf` (which verifies the PDF) → files in the output folder under
*staging* names, plus its audit line. The runner later renames the staged files to their
final names in input order (a name is only known for sure once the reference ids of the
documents before it are known). Nothing a worker writes is ever visible under a final name
unless it is complete.

Every failure of a document becomes a failed :class:`Outcome` with a reason that never
quotes document text; only an interrupt escapes.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from redactor.audit import audit_json
from redactor.batch.consistency import Facts, facts_of, pack_words
from redactor.errors import DEFAULT_MAX_DOCUMENT_BYTES, DocumentTooLargeError, RedactorError
from redactor.leakcheck import leak_probe
from redactor.parser import parse
from redactor.policy import Action, Policy, parse_policy
from redactor.redact import Redacted, Release, redact
from redactor.render.pdf import render_pdf
from redactor.render.text import render_text

__all__ = ["Job", "Outcome", "Task", "process_chunk", "process_document"]

logger = logging.getLogger(__name__)

Format = Literal["text", "pdf"]
EXTENSIONS: dict[Format, str] = {"text": "txt", "pdf": "pdf"}

# reportlab keeps fonts in process-global state: a worker that runs tasks on several
# threads (a Dask worker started with --nthreads 2) runs documents one at a time.
_ONE_AT_A_TIME = threading.Lock()


@dataclass(frozen=True, slots=True)
class Task:
    """What every document of a batch shares; small and picklable, sent with each chunk.

    The policy travels as its text, not a path: a worker on another machine needs no copy
    of the file, and it runs exactly the bytes whose SHA-256 the batch records.
    """

    policy_text: str
    policy_source: str  # the path as given: named in the policy's own error messages
    policy_file: str  # its file name, for the audit (like ``apply --audit``)
    policy_sha256: str
    as_of: datetime.date
    formats: tuple[Format, ...]
    page_size: Literal["letter", "a4"]
    out: str  # the output folder; on a cluster, the same path on every worker
    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES  # a larger document fails (--max-size)


@dataclass(frozen=True, slots=True)
class Job:
    """One document to process: its bytes and where to stage its outputs.

    ``outputs`` false: write nothing, only return the outcome (its released text): a
    document up to date in a batch without a text release, which the consistency check
    still reads.
    """

    source: str
    data: bytes
    staging: str  # file name stem in ``Task.out``, unique in the run, a dot file
    outputs: bool = True


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one document: the facts the summary and the resume state need.

    ``reason`` is set when it failed (nothing is left staged then). ``sizes`` pairs each
    staged extension with its size in bytes. ``facts`` feeds the batch's consistency
    checks (:mod:`redactor.batch.consistency`): keys only, never document text; and so
    does ``released``, the words of the released text
    (:func:`~redactor.batch.consistency.pack_words`: what the text release holds, nothing
    withheld), whatever the formats.
    """

    source: str
    reason: str | None = None
    reference_id: str | None = None
    release: Release | None = None
    withheld_in_full: bool = False
    codes: tuple[str, ...] = ()
    pages: int = 0
    sizes: tuple[tuple[str, int], ...] = ()
    audit: str = ""
    facts: Facts = field(default_factory=Facts)
    released: bytes = b""

    @property
    def ok(self) -> bool:
        """Whether the document was released (its outputs are staged)."""
        return self.reason is None


def process_chunk(jobs: Sequence[Job], task: Task) -> list[Outcome]:
    """:func:`process_document` for each job, in order: the unit of work sent to a worker.

    Chunks amortise the cost of a task round trip (pickling, scheduling) over several
    documents; the runners keep a bounded number of chunks in flight.
    """
    with _ONE_AT_A_TIME:
        return [process_document(job, task) for job in jobs]


def process_document(job: Job, task: Task) -> Outcome:
    """Release one document under ``task``: staged outputs and its audit line, or a reason."""
    formats = task.formats if job.outputs else ()
    # Plain strings: pathlib would intern every staging name, for the life of the worker.
    staged = [os.path.join(task.out, f"{job.staging}.{EXTENSIONS[fmt]}") for fmt in formats]
    try:
        document = parse(_decode(job, task.max_bytes), source=job.source)
        redacted = redact(document, _policy(task), as_of=task.as_of)
        text = render_text(redacted)
        pages = 0
        sizes = []
        for fmt, path in zip(formats, staged, strict=True):
            if fmt == "text":
                data = text.encode("utf-8")
                with open(path, "wb") as handle:
                    handle.write(data)
                sizes.append((EXTENSIONS[fmt], len(data)))
            else:
                probe = leak_probe(document, redacted)  # the self-check's, never the renderer's
                pages = render_pdf(redacted, path, page_size=task.page_size, probe=probe).pages
                sizes.append((EXTENSIONS[fmt], os.stat(path).st_size))
    except Exception as exc:  # one document must never stop the batch
        for path in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        return Outcome(job.source, reason=_reason(job.source, exc))
    return Outcome(
        job.source,
        reference_id=redacted.reference_id,
        release=redacted.release,
        withheld_in_full=_withheld_in_full(redacted),
        codes=redacted.codes,
        pages=pages,
        sizes=tuple(sizes),
        audit=audit_json(redacted, policy_file=task.policy_file, policy_sha256=task.policy_sha256),
        facts=facts_of(document, redacted),
        released=pack_words(text),
    )


class _DecodeError(RedactorError):
    pass


def _decode(job: Job, max_bytes: int) -> str:
    if len(job.data) > max_bytes:
        raise DocumentTooLargeError(limit=max_bytes)
    try:
        return job.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The offset only, as `redactor apply` says it: the bytes may be classified.
        raise _DecodeError(
            f"not UTF-8 text (invalid byte at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


@functools.lru_cache(maxsize=4)
def _policy_from(text: str, source: str) -> Policy:
    return parse_policy(text, source=source)


def _policy(task: Task) -> Policy:
    """The task's policy, validated once per worker process, not once per document."""
    return _policy_from(task.policy_text, task.policy_source)


def _withheld_in_full(redacted: Redacted) -> bool:
    """Every unit of content withheld: only header material (routing, banner...) is left."""
    actions = [d.action for d in redacted.decisions]
    return bool(actions) and all(a is Action.WITHHOLD for a in actions)


def _reason(source: str, exc: Exception) -> str:
    """Why a document failed, never quoting its text.

    redactor's own errors are written not to quote documents (``redactor.errors``); an
    ``OSError`` is described by its ``strerror``. Anything else is a bug, and its message
    could hold document text: only its type is named.
    """
    if isinstance(exc, RedactorError):
        message = str(exc)
        prefix = f"{source}:"
        return message if message.startswith(prefix) else f"{source}: {message}"
    if isinstance(exc, OSError):
        return f"{source}: cannot write the release: {exc.strerror or type(exc).__name__}"
    logger.debug("internal error on %s: %s", source, type(exc).__name__)
    return f"{source}: internal error ({type(exc).__name__}); please report it"
