"""The batch driver: read inputs, skip what is done, feed an engine, write results.

All writing happens here, in one process, through :class:`ResumableWriter`, so
every engine gets the same resume and crash guarantees.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .engines import Result, make_engine
from .sources import Failure, Fields, Task, count_inputs, iter_inputs
from .writer import ResumableWriter

__all__ = ["Summary", "run_batch"]


@dataclass
class Summary:
    """What one run did; ``documents`` counts the Extractions written this run."""

    documents: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Documents written per second (0 for an empty run, never a division by zero)."""
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """The one summary line the CLI prints on stderr, also when the progress bar is off."""
        return (
            f"diplotext batch: {self.documents} documents, {self.errors} errors, {self.skipped} skipped, "
            f"{self.seconds:.1f} s, {self.rate:.1f} docs/s"
        )


@dataclass
class _Feed:
    """Turns the input stream into chunks of tasks still to do, and books every outcome.

    Skips (done in an earlier run), duplicate doc_ids and unreadable documents never reach an
    engine: they are counted, written to the errors file where they are errors, and ticked off the
    progress bar here, so every engine sees only real work and every run reports the same counts.
    """

    writer: ResumableWriter
    summary: Summary
    bar: Any  # a tqdm bar (tqdm has no type information)
    seen: dict[str, str] = field(default_factory=dict)  # doc_id -> source of its first record

    def todo(self, item: Task | Failure) -> Task | None:
        """The task if it still needs extracting; otherwise None, with the reason booked."""
        first = self.seen.get(item.doc_id)
        if first is not None:  # a second record under a doc_id already seen
            if (item.doc_id, item.source) in self.writer.done_errors:
                self.summary.skipped += 1
            else:
                self.writer.error(item.doc_id, item.source, f"duplicate doc_id (first seen in {first})")
                self.summary.errors += 1
            self.bar.update(1)
            return None
        self.seen[item.doc_id] = item.source
        if self.writer.is_done(item.doc_id, item.source):
            self.summary.skipped += 1
            self.bar.update(1)
            return None
        if isinstance(item, Failure):
            self.writer.error(item.doc_id, item.source, item.reason)
            self.summary.errors += 1
            self.bar.update(1)
            return None
        return item

    def chunks(self, items: Iterable[Task | Failure], size: int) -> Iterator[list[Task]]:
        """Chunks of ``size`` tasks to do (the last may be shorter), produced lazily as the engine
        asks, so the inputs are read no further ahead than the engine's window."""
        chunk: list[Task] = []
        for item in items:
            task = self.todo(item)
            if task is None:
                continue
            chunk.append(task)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def record(self, results: list[Result]) -> None:
        """Write a finished chunk's Extractions and error records, and count them."""
        for res in results:
            if res[0] == "ok":
                self.writer.write(res[1], res[2])
                self.summary.documents += 1
            else:
                self.writer.error(res[1], res[2], res[3])
                self.summary.errors += 1
        self.bar.update(len(results))


def run_batch(
    inputs: list[Path],
    out: Path,
    *,
    fields: Fields = Fields(),  # noqa: B008
    engine: str = "local",
    n_process: int = 1,
    scheduler: str | None = None,
    model: str | None = None,
    chunk_size: int = 16,
    batch_size: int = 32,
    flush_every: int = 32,
    retry_errors: bool = False,
    progress: bool | None = None,
    limit: int | None = None,
) -> Summary:
    """Extract every document of ``inputs`` into ``out`` (resuming), errors into OUT.errors.jsonl.

    ``progress``: True/False force the tqdm bar on stderr on/off; None shows it on a terminal.
    Raises :class:`~diplotext.batch.writer.OutputError` when the output cannot be used.
    """
    from tqdm import tqdm

    started = time.perf_counter()
    summary = Summary()
    # the engine starts before the output is opened: forked workers must not inherit its lock
    eng = make_engine(engine, n_process=n_process, model=model, batch_size=batch_size, scheduler=scheduler)
    try:
        with ResumableWriter(out, flush_every=flush_every).open(retry_errors=retry_errors) as writer:
            show = progress if progress is not None else sys.stderr.isatty()
            total = count_inputs(inputs) if show else None  # a pass over the inputs, only for the ETA
            if limit is not None and total is not None:
                total = min(total, limit)
            bar = tqdm(total=total, unit="doc", file=sys.stderr, disable=True if progress is False else None, dynamic_ncols=True)
            feed = _Feed(writer, summary, bar)
            for results in eng.map(feed.chunks(islice(iter_inputs(inputs, fields), limit), chunk_size)):
                feed.record(results)
            bar.close()
    finally:
        eng.close()
    summary.seconds = time.perf_counter() - started
    return summary
