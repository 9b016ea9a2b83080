"""``--dask``: run the batch's chunks on a Dask distributed cluster (extra ``redactor[dask]``).

The workers run :func:`redactor.batch.pipeline.process_chunk`, the function the local
runner runs, so the outputs are byte-identical. The client (the ``redactor batch``
process) reads the inputs and ships their bytes with each chunk: the inputs need not be
visible to the workers. The workers write the staged outputs into the output folder, which
must therefore be the same path on every worker and on the client (shared storage); the
client renames them into place, so names and order are decided in one place.

``--dask local`` starts a ``LocalCluster`` of ``--jobs`` worker processes with one thread
each. On a real cluster start workers with ``--nthreads 1`` (reportlab is process-global
state: a worker with more threads runs its documents one at a time, which is safe but
wasted).
"""

from __future__ import annotations

import logging
from typing import Any

from redactor.batch.errors import BatchError
from redactor.batch.pipeline import Job, Task, process_chunk
from redactor.batch.runner import Handle

__all__ = ["DaskBackend"]

_CONNECT_TIMEOUT = "30s"


class DaskBackend:
    """Chunks as Dask tasks; ``slots`` keeps about four per worker thread in flight."""

    def __init__(self, address: str, *, workers: int = 2):
        try:
            from distributed import Client, LocalCluster  # noqa: PLC0415 - optional extra
        except ImportError:  # pragma: no cover - the dev extra installs dask
            raise BatchError("--dask needs the dask extra: pip install 'redactor[dask]'") from None
        self._cluster: Any = None
        try:
            if address == "local":
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client: Any = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self._client = Client(address, timeout=_CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            self.close()
            raise BatchError(
                f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}); "
                "give tcp://HOST:PORT of a running scheduler, or --dask local"
            ) from None
        threads = sum(self._client.nthreads().values())
        self.slots = max(threads, 1) * 4

    def submit(self, jobs: list[Job], task: Task) -> Handle:
        """Send a chunk to the cluster (``pure=False``: never deduplicated by content)."""
        future: Handle = self._client.submit(process_chunk, jobs, task, pure=False)
        return future

    def close(self) -> None:
        """Disconnect (and stop the local cluster); chunks still queued are dropped."""
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
