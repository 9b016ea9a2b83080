"""`redactor batch --dask`: the same per-document function on a Dask cluster, same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.batch import BatchError
from tests.test_batch import batch, corpus, visible

pytest.importorskip("distributed")


def test_dask_local_cluster_matches_the_local_run(tmp_path: Path) -> None:
    """A LocalCluster of 2 worker processes writes byte-identical outputs."""
    folder = corpus(tmp_path / "in", list(range(1, 25)))
    (folder / "bad.txt").write_bytes(b"\xff")
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert batch(local, folder, extra=("--format", "both"))[0] == 1
    code, stdout, err = batch(
        dask, folder, extra=("--format", "both", "--dask", "local", "-j", "2")
    )
    assert code == 1, err
    assert "failed" in stdout
    assert visible(dask) == visible(local)
    assert len(visible(dask)) == 2 * 24 + 3  # audit, consistency, summary


def test_dask_unreachable_scheduler_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from redactor.batch import distributed  # noqa: PLC0415

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("refused")

    monkeypatch.setattr("distributed.Client", refuse)
    with pytest.raises(BatchError, match="cannot reach the Dask scheduler at tcp://nowhere:1"):
        distributed.DaskBackend("tcp://nowhere:1")
