"""Run a batch: inputs in order through a backend, outputs renamed into place in order.

The runner keeps a bounded window of *chunks* in flight (a few documents each), so memory
stays flat whatever the corpus size, and finishes them in input order. For each document it
then, in order: picks the output name (collisions resolved by input order), renames the
staged files onto it (atomic), appends the audit line, adds to the summary and records the
document in the resume state. A document whose record matches its input, the policy and the
as-of date, and whose outputs are still there, is not sent to a backend at all.

Backends: :class:`InlineBackend` (``--jobs 1``: this process), :class:`ProcessBackend`
(``--jobs N``: worker processes; reportlab's font registry is process-global, so never
threads) and :class:`redactor.batch.distributed.DaskBackend` (``--dask``). All run
:func:`redactor.batch.pipeline.process_chunk`.

Interruption: every file reaches its final name by ``os.replace`` of a complete file; the
state is committed every few seconds and at the end; ``audit.jsonl`` and ``summary.json``
are replaced only when the batch is complete. ``kill -9`` thus leaves complete outputs,
a state that lags them by a few seconds (those documents are redone) and dot files that
the next run removes.
"""

from __future__ import annotations

import collections
import contextlib
import datetime
import hashlib
import json
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Final, Literal, Protocol

from redactor._atomic import replacing
from redactor.batch.consistency import Consistency, Facts, pack_words
from redactor.batch.errors import BatchError
from redactor.batch.names import safe_name, unique_name
from redactor.batch.pipeline import Format, Job, Outcome, Task, process_chunk, process_document
from redactor.batch.progress import Reporter
from redactor.batch.sources import Inputs, Item
from redactor.batch.state import Record, State
from redactor.errors import DEFAULT_MAX_DOCUMENT_BYTES
from redactor.policy import load_policy, sort_codes
from redactor.redact import Release

__all__ = [
    "AUDIT_FILE",
    "CONSISTENCY_FILE",
    "LOCK_FILE",
    "SUMMARY_FILE",
    "Backend",
    "Handle",
    "InlineBackend",
    "Options",
    "ProcessBackend",
    "Summary",
    "make_backend",
    "run_batch",
]

AUDIT_FILE: Final = "audit.jsonl"
CONSISTENCY_FILE: Final = "consistency.jsonl"  # the reviewer's record of the cut check
SUMMARY_FILE: Final = "summary.json"
SUMMARY_VERSION: Final = 1
LOCK_FILE: Final = ".redactor-lock"
_STAGING: Final = ".redactor-part-"
_COMMIT_SECONDS: Final = 2.0
_WATCH_SECONDS: Final = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """A batch as the command line states it (``as_of`` decided by the caller)."""

    policy: str
    out: str
    inputs: tuple[str, ...]
    as_of: datetime.date
    formats: tuple[Format, ...] = ("text",)
    page_size: Literal["letter", "a4"] = "letter"
    jobs: int = 1
    force: bool = False
    dask: str | None = None
    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES


@dataclass(slots=True)
class Summary:
    """What the batch released, counted over every document (``summary.json``).

    ``released_in_full + released_in_part + withheld_in_full + failed == documents``.
    *Withheld in full* means every unit of content (subject, paragraphs, unattributed text)
    was withheld: only header material such as routing and banners is left. ``skipped``
    (up to date from an earlier run) is shown on screen but not written, so a resumed
    batch writes the same ``summary.json`` as one run from scratch. ``consistency`` is
    :meth:`redactor.batch.consistency.Consistency.report`: term ids, names and counts.
    """

    policy: str = ""
    policy_file: str = ""
    policy_sha256: str = ""
    as_of: str = ""
    formats: tuple[str, ...] = ()
    page_size: str | None = None
    documents: int = 0
    released_in_full: int = 0
    released_in_part: int = 0
    withheld_in_full: int = 0
    failed: int = 0
    pages: int = 0
    codes: collections.Counter[str] = field(default_factory=collections.Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    consistency: dict[str, Any] = field(default_factory=dict)

    def add(
        self, release: Release, withheld_in_full: bool, codes: Iterable[str], pages: int
    ) -> None:
        """Count one released document."""
        self.documents += 1
        if withheld_in_full:
            self.withheld_in_full += 1
        elif release is Release.FULL:
            self.released_in_full += 1
        else:
            self.released_in_part += 1
        self.codes.update(codes)
        self.pages += pages

    def fail(self, source: str, reason: str) -> None:
        """Count one failed document."""
        self.documents += 1
        self.failed += 1
        self.failures.append((source, reason))

    def as_json(self) -> dict[str, Any]:
        """The ``summary.json`` object: counts and settings, no input hash, no clock time."""
        return {
            "summary_version": SUMMARY_VERSION,
            "policy": self.policy,
            "policy_file": self.policy_file,
            "policy_sha256": self.policy_sha256,
            "as_of": self.as_of,
            "formats": list(self.formats),
            "page_size": self.page_size,
            "documents": self.documents,
            "released_in_full": self.released_in_full,
            "released_in_part": self.released_in_part,
            "withheld_in_full": self.withheld_in_full,
            "failed": self.failed,
            "pages": self.pages if "pdf" in self.formats else None,
            "codes": {code: self.codes[code] for code in sort_codes(tuple(self.codes))},
            "failures": [{"source": s, "reason": r} for s, r in self.failures],
            "renamed": [{"source": s, "name": n} for s, n in self.renamed],
            "consistency": self.consistency,
        }


class Handle(Protocol):
    """A chunk in flight: a :class:`concurrent.futures.Future` or a Dask future."""

    def result(self) -> list[Outcome]:
        """Wait for the chunk's outcomes."""


class Backend(Protocol):
    """Where chunks run. ``slots``: how many chunks to keep in flight."""

    slots: int

    def submit(self, jobs: list[Job], task: Task) -> Handle:
        """Start a chunk."""

    def close(self) -> None:
        """Stop; chunks not started are dropped, running ones finish."""


class _Deferred:
    def __init__(self, jobs: list[Job], task: Task):
        self._jobs, self._task = jobs, task

    def result(self) -> list[Outcome]:
        return process_chunk(self._jobs, self._task)


class InlineBackend:
    """``--jobs 1``: each chunk runs in this process when its result is asked for."""

    slots = 1

    def submit(self, jobs: list[Job], task: Task) -> Handle:
        """Defer the chunk to :meth:`_Deferred.result`."""
        return _Deferred(jobs, task)

    def close(self) -> None:
        """Nothing to stop."""


def _init_worker(batch: int) -> None:
    """Set up a worker process of the batch whose process id is ``batch``.

    Ctrl-C reaches the whole process group: the batch alone decides what to stop, so
    workers ignore it. And a worker must not outlive a batch killed with ``kill -9`` (it
    would run on, and hold the forkserver open): a watchdog thread ends it then.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.name == "posix":
        threading.Thread(target=_watch, args=(batch,), name="watchdog", daemon=True).start()


def _watch(batch: int) -> None:
    while True:
        time.sleep(_WATCH_SECONDS)
        try:
            os.kill(batch, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # pragma: no cover - the id was reused by another user
            os._exit(1)


class ProcessBackend:
    """``--jobs N``: N worker processes, started by forkserver (spawn where there is none).

    Not fork: the parent runs threads (rich's refresh, the pool's own), and a forked child
    could inherit a lock one of them held. A pool broken by a worker that died (out of
    memory, a crash) is replaced: its chunks in flight fail, the batch goes on.

    Workers take a while to start (the forkserver imports the pipeline and reportlab,
    about half a second the first time): they are started by a thread, and a chunk
    submitted before they are up waits for them, unless its result is asked for first:
    then this process runs it, as with ``--jobs 1``. A short PDF batch would otherwise
    spend a third of its time waiting for its workers.
    """

    def __init__(self, jobs: int):
        if "forkserver" in multiprocessing.get_all_start_methods():
            forkserver = multiprocessing.get_context("forkserver")
            # The server imports the pipeline (and reportlab) once; workers fork from it.
            forkserver.set_forkserver_preload(["redactor.batch.pipeline"])
            self._context: multiprocessing.context.BaseContext = forkserver
        else:  # pragma: no cover - Windows
            self._context = multiprocessing.get_context("spawn")
        self._jobs = jobs
        self.slots = jobs * 3
        self._pool = self._new_pool()
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._waiting: list[_Waiting] = []
        self._starter = threading.Thread(target=self._start, name="workers", daemon=True)
        self._starter.start()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self._jobs,
            mp_context=self._context,
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )

    def _start(self) -> None:
        """Start every worker (one no-op task each); then send the chunks still waiting."""
        try:
            for future in [self._pool.submit(int) for _ in range(self._jobs)]:
                future.result()
        except Exception:  # noqa: S110 - a broken pool shows at the next submit
            pass
        finally:
            with self._lock:
                self._ready.set()
                for chunk in self._waiting:
                    chunk.send(self._pool)
                self._waiting.clear()

    def started(self, timeout: float | None = None) -> bool:
        """Wait until the workers are up (or ``timeout`` seconds); whether they are."""
        return self._ready.wait(timeout)

    def submit(self, jobs: list[Job], task: Task) -> Handle:
        """Send the chunk to a worker (or keep it until they are up, see the class)."""
        with self._lock:
            if not self._ready.is_set():
                chunk = _Waiting(jobs, task, self._lock)
                self._waiting.append(chunk)
                return chunk
        try:
            future: Future[list[Outcome]] = self._pool.submit(process_chunk, jobs, task)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            future = self._pool.submit(process_chunk, jobs, task)
        return future

    def close(self) -> None:
        """Drop queued chunks, wait for running ones."""
        self._starter.join()
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Waiting:
    """A chunk submitted before the workers were up: sent to them when they are, or run
    here if its result is asked for first (whichever comes first, under ``lock``)."""

    def __init__(self, jobs: list[Job], task: Task, lock: threading.Lock):
        self._jobs, self._task, self._lock = jobs, task, lock
        self._future: Future[list[Outcome]] | None = None
        self._here = False

    def send(self, pool: ProcessPoolExecutor) -> None:
        """Give the chunk to the workers, unless this process took it (caller holds lock)."""
        if not self._here:
            with contextlib.suppress(Exception):  # a broken pool: it runs here instead
                self._future = pool.submit(process_chunk, self._jobs, self._task)

    def result(self) -> list[Outcome]:
        """The chunk's outcomes: from the workers if they have it, else run here."""
        with self._lock:
            future = self._future
            self._here = future is None
        if future is None:
            return process_chunk(self._jobs, self._task)
        return future.result()


def make_backend(options: Options) -> Backend:
    """The backend the options ask for."""
    if options.dask is not None:
        from redactor.batch.distributed import DaskBackend  # noqa: PLC0415 - optional extra

        return DaskBackend(options.dask, workers=options.jobs)
    if options.jobs > 1:
        return ProcessBackend(options.jobs)
    return InlineBackend()


@dataclass(slots=True)
class _Entry:
    """One document of a chunk: read, and either sent (``job``) or maybe up to date."""

    item: Item
    digest: str = ""
    job: Job | None = None
    record: Record | None = None


@dataclass(slots=True)
class _Chunk:
    entries: list[_Entry]
    handle: Handle | None


def run_batch(options: Options, *, reporter: Reporter, backend: Backend | None = None) -> Summary:
    """Release every input into ``options.out``; return the summary (also written there).

    Raises:
        BatchError: The output folder cannot be used (read-only, full) or an input does
            not exist.
        PolicyError: The policy is invalid.
        KeyboardInterrupt: Interrupted; finished documents are recorded, a re-run
            completes the rest.
    """
    out = Path(options.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    inputs = Inputs(options.inputs, exclude=out, max_bytes=options.max_bytes)
    policy = load_policy(options.policy)
    policy_bytes = Path(options.policy).read_bytes()
    task = Task(
        policy_text=policy_bytes.decode("utf-8"),
        policy_source=options.policy,
        policy_file=Path(options.policy).name,
        policy_sha256=hashlib.sha256(policy_bytes).hexdigest(),
        as_of=options.as_of,
        formats=options.formats,
        page_size=options.page_size,
        out=str(out.resolve()),
        max_bytes=options.max_bytes,
    )
    summary = Summary(
        policy=policy.name,
        policy_file=task.policy_file,
        policy_sha256=task.policy_sha256,
        as_of=options.as_of.isoformat(),
        formats=options.formats,
        page_size=options.page_size if "pdf" in options.formats else None,
    )
    try:
        with _locked(out):
            _remove_stale(out)
            state = State(out)
            try:
                run = _Run(
                    options=options,
                    task=task,
                    out=out,
                    state=state,
                    summary=summary,
                    reporter=reporter,
                )
                reporter.start(inputs.total_bytes())
                try:
                    run.execute(inputs, backend or make_backend(options))
                finally:
                    reporter.finish()
            finally:
                state.close()
                _remove_stale(out)
    except OSError as exc:
        # The folder itself fails (read-only, full disk): a document's own write failure
        # is caught per document, so this is the batch's, reported as one clear line;
        # audit.jsonl and summary.json were not replaced (docs/SECURITY.md).
        raise BatchError(
            f"{out}: cannot write into the output folder ({exc.strerror or type(exc).__name__})"
        ) from None
    return summary


class _Run:
    """The state of one run; :meth:`execute` is the loop."""

    def __init__(
        self,
        *,
        options: Options,
        task: Task,
        out: Path,
        state: State,
        summary: Summary,
        reporter: Reporter,
    ):
        self.options, self.task, self.out = options, task, out
        self.prefix = os.path.join(out, "")  # output paths as strings: no Path per file
        self.state, self.summary, self.reporter = state, summary, reporter
        self.settings = State.settings(
            policy_sha256=task.policy_sha256,
            as_of=task.as_of.isoformat(),
            formats=task.formats,
            page_size=task.page_size,
        )
        self.chunk_size = 16 if task.formats == ("text",) else 4
        self.staging = f"{_STAGING}{os.getpid()}-"
        self.sequence = 0
        self.committed = time.monotonic()
        self.consistency = Consistency()
        self.text = "text" in task.formats

    def execute(self, inputs: Iterable[Item], backend: Backend) -> None:
        window: collections.deque[_Chunk] = collections.deque()
        with replacing(self.out / AUDIT_FILE) as audit:
            try:
                for items in _chunks(inputs, self.chunk_size):
                    window.append(self._submit(items, backend))
                    while len(window) >= backend.slots:
                        self._finish(window.popleft(), audit)
                while window:
                    self._finish(window.popleft(), audit)
            finally:
                backend.close()
            audit.close()
            try:
                self.summary.consistency = self.consistency.report()
                with replacing(self.out / CONSISTENCY_FILE) as record:
                    self.consistency.write_record(record)
            finally:
                self.consistency.close()
            self._write_summary()  # before audit.jsonl is renamed into place, as it was
        self.state.commit()

    def _submit(self, items: list[Item], backend: Backend) -> _Chunk:
        entries = [_Entry(item) for item in items]
        jobs = []
        for entry in entries:
            item = entry.item
            if item.error is not None:
                continue
            entry.digest = hashlib.sha256(item.data).hexdigest()
            record = None if self.options.force else self.state.get(item.source)
            if (
                record is not None
                and record.input_sha256 == entry.digest
                and record.settings == self.settings
            ):
                entry.record = record
                # No text release to read back, or facts of an older version (they may
                # hold strings no longer followed): a worker re-derives them, writing
                # nothing; the outputs stay.
                if not self.text or not Facts.loads(record.facts).current:
                    entry.job = Job(item.source, item.data, "", outputs=False)
                    jobs.append(entry.job)
                continue
            entry.job = self._job(item)
            jobs.append(entry.job)
        return _Chunk(entries, backend.submit(jobs, self.task) if jobs else None)

    def _job(self, item: Item) -> Job:
        self.sequence += 1
        return Job(item.source, item.data, f"{self.staging}{self.sequence}")

    def _finish(self, chunk: _Chunk, audit: IO[bytes]) -> None:
        outcomes = iter(self._outcomes(chunk))
        for entry in chunk.entries:
            item = entry.item
            if item.error is not None:
                self._failed(item, item.error)
            elif entry.record is not None:
                derived = next(outcomes) if entry.job is not None else None
                self._reuse(entry, entry.record, audit, derived)
            else:
                self._place(entry, next(outcomes), audit)
        now = time.monotonic()
        if now - self.committed >= _COMMIT_SECONDS:
            self.state.commit()
            self.committed = now

    def _outcomes(self, chunk: _Chunk) -> list[Outcome]:
        if chunk.handle is None:
            return []
        jobs = [e.job for e in chunk.entries if e.job is not None]
        try:
            return chunk.handle.result()
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # a lost worker fails its chunk, not the batch
            reason = f"the worker process was lost ({type(exc).__name__}); run again to retry"
            return [Outcome(job.source, reason=f"{job.source}: {reason}") for job in jobs]

    def _reuse(
        self, entry: _Entry, record: Record, audit: IO[bytes], derived: Outcome | None
    ) -> None:
        """An up-to-date document: keep its outputs if its name is still its own.

        The consistency check reads its released text back from its text release, or,
        without one, from ``derived`` (the document run again, writing nothing), which
        also brings facts of this version where the state's are older.
        """
        item = entry.item
        base = safe_name(record.reference_id or item.stem)
        name = unique_name(base, self.state.claim)
        if name == record.name and self._present(name, record.sizes):
            facts = Facts.loads(record.facts)
            if derived is not None:
                released = derived.released if derived.ok else None
                if derived.ok and not facts.current:
                    facts = derived.facts
                    record = replace(record, facts=facts.dumps())
                    self.state.put(record)
            else:
                released = self._read_release(name)
            self._done(item, record, audit, base, facts=facts, released=released)
            self.summary.skipped += 1
            self.reporter.advance(item.size, skipped=True)
            return
        # An earlier document now takes its name (or its files went): redo it here, rare.
        entry.job = self._job(item)
        self._place(entry, process_document(entry.job, self.task), audit, name=name)

    def _read_release(self, name: str) -> bytes | None:
        try:
            return pack_words(Path(f"{self.prefix}{name}.txt").read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError):  # gone or changed since: it is redone next run
            return None

    def _present(self, name: str, sizes: Sequence[tuple[str, int]]) -> bool:
        try:
            return all(os.stat(f"{self.prefix}{name}.{ext}").st_size == size for ext, size in sizes)
        except OSError:
            return False

    def _place(
        self, entry: _Entry, outcome: Outcome, audit: IO[bytes], *, name: str | None = None
    ) -> None:
        """Rename a released document's staged files to its final name, in input order."""
        item, job = entry.item, entry.job
        if outcome.reason is not None or outcome.release is None or job is None:
            self._failed(item, outcome.reason or f"{item.source}: no outcome")
            return
        base = safe_name(outcome.reference_id or item.stem)
        if name is None:
            name = unique_name(base, self.state.claim)
        try:
            for ext, _size in outcome.sizes:
                os.replace(f"{self.prefix}{job.staging}.{ext}", f"{self.prefix}{name}.{ext}")
        except OSError as exc:
            for ext, _size in outcome.sizes:
                Path(f"{self.prefix}{job.staging}.{ext}").unlink(missing_ok=True)
            self._failed(item, f"{item.source}: cannot write {name}: {exc.strerror}")
            return
        record = Record(
            source=item.source,
            input_sha256=entry.digest,
            settings=self.settings,
            name=name,
            reference_id=outcome.reference_id,
            release=outcome.release,
            withheld_in_full=outcome.withheld_in_full,
            codes=outcome.codes,
            pages=outcome.pages,
            sizes=outcome.sizes,
            audit=outcome.audit,
            facts=outcome.facts.dumps(),
        )
        self.state.put(record)
        self._done(item, record, audit, base, facts=outcome.facts, released=outcome.released)
        self.reporter.advance(item.size)

    def _done(
        self,
        item: Item,
        record: Record,
        audit: IO[bytes],
        base: str,
        *,
        facts: Facts,
        released: bytes | None,
    ) -> None:
        audit.write(record.audit.encode("utf-8") + b"\n")
        self.consistency.add(record.name, facts, released)
        self.summary.add(record.release, record.withheld_in_full, record.codes, record.pages)
        if record.name != base:
            self.summary.renamed.append((item.source, record.name))

    def _failed(self, item: Item, reason: str) -> None:
        self.state.forget(item.source)
        self.summary.fail(item.source, reason)
        self.reporter.advance(item.size, failed=reason)

    def _write_summary(self) -> None:
        text = json.dumps(self.summary.as_json(), indent=2, ensure_ascii=False) + "\n"
        with replacing(self.out / SUMMARY_FILE) as handle:
            handle.write(text.encode("utf-8"))


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _remove_stale(folder: Path) -> None:
    """Remove the dot files an interrupted run left: staged outputs and temporary files.

    The folder is read entry by entry (``glob`` would list it whole: 100,000 releases).
    """
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".redactor-") and (
                name.startswith(_STAGING) or name.endswith(".tmp")
            ):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold ``DIR/.redactor-lock`` for the run: two batches must not share a folder."""
    try:
        import fcntl  # noqa: PLC0415 - POSIX only; elsewhere the folder is not locked
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(folder / LOCK_FILE, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BatchError(
                f"{folder}: another batch is writing to this folder; wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
