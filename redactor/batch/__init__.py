"""Batch redaction at corpus scale: ``redactor batch`` and :func:`run_batch`.

The modules, in the order a document meets them: :mod:`~redactor.batch.sources` expands
the inputs (files, folders, a ``cables.csv`` streamed row by row);
:mod:`~redactor.batch.runner` keeps a bounded window of chunks in flight on a backend
(this process, worker processes, or :mod:`~redactor.batch.distributed` for Dask); each
chunk runs :func:`~redactor.batch.pipeline.process_chunk`, the one per-document function;
:mod:`~redactor.batch.names` makes output names safe and unique;
:mod:`~redactor.batch.state` remembers what is done so a re-run resumes;
:mod:`~redactor.batch.progress` reports; :mod:`~redactor.batch.command` is the command
line. ``docs/batch.md`` is the user's guide.
"""

from __future__ import annotations

from redactor.batch.errors import BatchError
from redactor.batch.pipeline import Job, Outcome, Task, process_chunk, process_document
from redactor.batch.runner import Options, Summary, run_batch

__all__ = [
    "BatchError",
    "Job",
    "Options",
    "Outcome",
    "Summary",
    "Task",
    "process_chunk",
    "process_document",
    "run_batch",
]
