"""The Dask worker plugin, apart so that importing the batch package never needs distributed."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from .engines import one_thread_per_process, worker_nlp

__all__ = ["PipelinePlugin"]


class PipelinePlugin(WorkerPlugin):
    """Load the pipeline once when a worker starts; tasks then find it in :func:`worker_nlp`."""

    name = "diplotext-pipeline"

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        """Called by Dask once per worker process: pin threads and load the pipeline before the
        first task arrives, so no task pays the load and no worker oversubscribes the cores."""
        one_thread_per_process()
        worker_nlp(self.model)
