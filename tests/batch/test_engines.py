from __future__ import annotations

from pathlib import Path

import pytest

from diplotext.batch import run_batch
from diplotext.batch.engines import process_chunk
from diplotext.batch.sources import Task

TEXT = "China and Pakistan on Thursday signed nine agreements. The two sides pledged to deepen cooperation."


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(n):
        (folder / f"d{k}.txt").write_text(f"Release {k}. {TEXT}", encoding="utf-8")
    return folder


def test_process_chunk_keeps_order_and_warnings() -> None:
    tasks = [Task("a", "a", "text", TEXT, "2021-12-09", ("note",)), Task("b", "b", "markdown", "*Hi* there.")]
    results = process_chunk(tasks)
    assert [r[:2] for r in results] == [("ok", "a"), ("ok", "b")]
    assert '"note"' in results[0][2] and '"reference_date":"2021-12-09"' in results[0][2]


def test_pool_engine_same_lines_as_local(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 6)
    run_batch([folder], tmp_path / "one.jsonl", progress=False)
    run_batch([folder], tmp_path / "two.jsonl", n_process=2, chunk_size=2, progress=False)
    assert sorted((tmp_path / "one.jsonl").read_text().splitlines()) == sorted((tmp_path / "two.jsonl").read_text().splitlines())


def test_dask_engine_local_cluster_same_lines(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = _folder(tmp_path, 5)
    run_batch([folder], tmp_path / "local.jsonl", progress=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary = run_batch([folder], tmp_path / "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address, chunk_size=2, progress=False)
        assert summary.documents == 5
        # resuming through dask skips everything
        again = run_batch([folder], tmp_path / "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address, progress=False)
        assert (again.documents, again.skipped) == (0, 5)
    assert sorted((tmp_path / "local.jsonl").read_text().splitlines()) == sorted((tmp_path / "dask.jsonl").read_text().splitlines())
