"""Where the work runs: this process, a pool of processes, or a Dask cluster.

Every engine maps chunks of tasks through :func:`process_chunk` and yields the
result lists as they complete, with a bounded number of chunks in flight so a
huge archive never sits in memory. Workers load the pipeline once, through the
module-level :func:`worker_nlp`; only tasks and result lines cross process
boundaries, never the ``Language`` object. Chunks of a few dozen documents make
one round trip worth its cost, which is what lets two processes pay off where
spaCy's own ``n_process`` (per-Doc pickling, start-up in every call) did not.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Protocol

from spacy.language import Language

from .sources import Task, prepare

__all__ = ["DaskEngine", "Engine", "LocalEngine", "PoolEngine", "Result", "make_engine", "process_chunk", "worker_nlp"]

# ("ok", doc_id, json_line) or ("error", doc_id, source, reason)
Result = tuple[str, ...]

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")

_NLP: Language | None = None
_MODEL: str | None = None


def one_thread_per_process() -> None:
    """Pin numeric libraries to one thread: N processes on N cores must not each spawn N threads."""
    for var in THREAD_VARS:
        os.environ.setdefault(var, "1")
    if "torch" in sys.modules:  # only a transformer pipeline imports torch
        sys.modules["torch"].set_num_threads(1)


def worker_nlp(model: str | None = None) -> Language:
    """The pipeline of this process, loaded on first use and kept."""
    global _NLP, _MODEL
    if _NLP is None or _MODEL != model:
        from ..pipeline import load

        _NLP = load(model) if model else load()
        _MODEL = model
    return _NLP


def _context(task: Task, date: str | None) -> dict[str, str | None]:
    """What extract_many knows of a task's document besides its text."""
    return {"doc_id": task.doc_id, "reference_date": date, "publisher": task.publisher}


def _extract_one(nlp: Language, task: Task, text: str, date: str | None, warnings: list[str], batch_size: int) -> Result:
    from ..pipeline import extract_many

    ex = next(extract_many([(text, _context(task, date))], nlp=nlp, batch_size=batch_size))
    if warnings:
        ex.warnings = [*warnings, *ex.warnings]
    return ("ok", task.doc_id, ex.model_dump_json())


def process_chunk(tasks: list[Task], model: str | None = None, batch_size: int = 32) -> list[Result]:
    """Extractions (as JSON lines) or error records for a chunk of tasks; never raises for one document."""
    from ..pipeline import extract_many

    nlp = worker_nlp(model)
    out: list[Result] = []
    ready: list[tuple[Task, str, str | None, list[str]]] = []
    for task in tasks:
        try:
            text, date, warnings = prepare(task)
        except Exception as err:
            out.append(("error", task.doc_id, task.source, f"cannot turn {task.kind} into text: {type(err).__name__}: {err}"))
            continue
        ready.append((task, text, date, warnings))
    items = [(text, _context(task, date)) for task, text, date, _ in ready]
    try:
        extractions = list(extract_many(items, nlp=nlp, batch_size=batch_size))
    except Exception:
        # one document broke the batch: redo them one by one to find it
        for task, text, date, warnings in ready:
            try:
                out.append(_extract_one(nlp, task, text, date, warnings, batch_size))
            except Exception as err:
                out.append(("error", task.doc_id, task.source, f"extraction failed: {type(err).__name__}: {err}"))
        return out
    for (task, _text, _date, warnings), ex in zip(ready, extractions, strict=True):
        if warnings:
            ex.warnings = [*warnings, *ex.warnings]
        out.append(("ok", task.doc_id, ex.model_dump_json()))
    return out


class Engine(Protocol):
    """What the batch driver needs of a place to run: the driver only feeds chunks and writes
    results, so local, pooled and Dask execution stay interchangeable behind it."""

    def map(self, chunks: Iterator[list[Task]]) -> Iterator[list[Result]]:
        """Result lists of the chunks, as they complete (not necessarily in input order)."""
        ...

    def close(self) -> None:
        """Release workers and clusters; the driver calls it even when a run fails."""
        ...


class LocalEngine:
    """Everything in this process."""

    def __init__(self, model: str | None = None, batch_size: int = 32) -> None:
        self.model = model
        self.batch_size = batch_size
        worker_nlp(model)

    def map(self, chunks: Iterator[list[Task]]) -> Iterator[list[Result]]:
        """Each chunk processed here, in order: the simplest engine, and the reference the others match."""
        for chunk in chunks:
            yield process_chunk(chunk, self.model, self.batch_size)

    def close(self) -> None:
        """Nothing to release: the pipeline stays cached for the next run in this process."""


def _watch_parent(parent: int) -> None:
    """Exit when the parent dies (it may have been SIGKILLed): no orphan keeps working."""
    try:  # Linux: have the kernel send SIGKILL when the parent goes
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def poll() -> None:
        """The guard that works everywhere (the kernel signal is Linux only): every half second, has the parent gone?"""
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=poll, daemon=True).start()


def _init_worker(parent: int, model: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _watch_parent(parent)
    one_thread_per_process()
    worker_nlp(model)


class PoolEngine:
    """A pool of processes, each with its own pipeline, fed chunks through a bounded window.

    Where ``fork`` exists the pipeline is loaded once here before the pool
    starts, so workers begin at once and share its memory pages.
    """

    def __init__(self, n_process: int, model: str | None = None, batch_size: int = 32) -> None:
        self.model = model
        self.batch_size = batch_size
        self.window = 2 * n_process
        one_thread_per_process()
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        if method == "fork":
            worker_nlp(model)
        self.pool = ProcessPoolExecutor(n_process, mp_context=mp.get_context(method), initializer=_init_worker, initargs=(os.getpid(), model))
        # start every worker now (before any output file is opened, so none inherits its lock)
        for f in [self.pool.submit(os.getpid) for _ in range(n_process)]:
            f.result()

    def map(self, chunks: Iterator[list[Task]]) -> Iterator[list[Result]]:
        """Results as chunks complete, with at most ``window`` chunks submitted at a time, so an
        archive of any size is never read ahead into memory."""
        pending: set[Future[list[Result]]] = set()
        for chunk in chunks:
            pending.add(self.pool.submit(process_chunk, chunk, self.model, self.batch_size))
            if len(pending) >= self.window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()

    def close(self) -> None:
        """Stop the workers, dropping chunks not yet started (a failed run must not keep working)."""
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """A Dask cluster: an existing scheduler, or a LocalCluster of ``n_workers`` one-thread processes."""

    def __init__(
        self,
        scheduler: str | None = None,
        n_workers: int = 1,
        model: str | None = None,
        batch_size: int = 32,
        processes: bool = True,
    ) -> None:
        try:
            from distributed import Client, LocalCluster

            from .daskplugin import PipelinePlugin
        except ImportError as err:
            raise RuntimeError("the dask engine needs dask and distributed: pip install 'diplotext[dask]'") from err
        self.model = model
        self.batch_size = batch_size
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=processes, dashboard_address=None, silence_logs=40
            )
            self.client = Client(self.cluster)
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.window = 2 * workers + 2
        self.client.register_plugin(PipelinePlugin(model), name=PipelinePlugin.name)

    def map(self, chunks: Iterator[list[Task]]) -> Iterator[list[Result]]:
        """Results as the cluster completes chunks, with a bounded number in flight (as PoolEngine)."""
        from distributed import as_completed

        stream = as_completed()
        in_flight = 0
        for chunk in chunks:
            stream.add(self.client.submit(process_chunk, chunk, self.model, self.batch_size, pure=False))
            in_flight += 1
            if in_flight >= self.window:
                yield next(stream).result()
                in_flight -= 1
        for future in stream:
            yield future.result()

    def close(self) -> None:
        """Disconnect, and shut down the LocalCluster if this engine started one."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(
    engine: str,
    *,
    n_process: int = 1,
    model: str | None = None,
    batch_size: int = 32,
    scheduler: str | None = None,
) -> Engine:
    """The engine a CLI ``--engine``/``--n-process`` pair asks for; ValueError names an unknown one.

    One local process skips the pool entirely: no fork, no pickling, and errors surface directly.
    """
    if engine == "dask":
        return DaskEngine(scheduler, n_process, model, batch_size)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    if n_process > 1:
        return PoolEngine(n_process, model, batch_size)
    return LocalEngine(model, batch_size)
