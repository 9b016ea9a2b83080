"""Errors of :mod:`redactor.batch`, under the package's one root.

::

    RedactorError
    └── BatchError        the batch as a whole cannot run (output folder, lock, input list)

A document that fails is *not* an exception of the batch: it becomes a failed
:class:`~redactor.batch.pipeline.Outcome`, is reported with its source and reason, and the
batch goes on (the command then exits 1).
"""

from __future__ import annotations

from redactor.errors import RedactorError

__all__ = ["BatchError"]


class BatchError(RedactorError):
    """The batch cannot start or go on: a usage problem, not a document's (exit code 2)."""
