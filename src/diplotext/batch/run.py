"""The batch driver: read inputs, skip what is done, feed an engine, write results.

All writing happens here, in one process, through :class:`ResumableWriter`, so
every engine gets the same resume and crash guarantees.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .engines import make_engine
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
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (
            f"diplotext batch: {self.documents} documents, {self.errors} errors, {self.skipped} skipped, "
            f"{self.seconds:.1f} s, {self.rate:.1f} docs/s"
        )


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
            seen: dict[str, str] = {}

            def chunks() -> Iterator[list[Task]]:
                chunk: list[Task] = []
                for n, item in enumerate(iter_inputs(inputs, fields)):
                    if limit is not None and n >= limit:
                        break
                    first = seen.get(item.doc_id)
                    if first is not None:  # a second record under a doc_id already seen
                        if (item.doc_id, item.source) in writer.done_errors:
                            summary.skipped += 1
                        else:
                            writer.error(item.doc_id, item.source, f"duplicate doc_id (first seen in {first})")
                            summary.errors += 1
                        bar.update(1)
                        continue
                    seen[item.doc_id] = item.source
                    if writer.is_done(item.doc_id, item.source):
                        summary.skipped += 1
                        bar.update(1)
                        continue
                    if isinstance(item, Failure):
                        writer.error(item.doc_id, item.source, item.reason)
                        summary.errors += 1
                        bar.update(1)
                        continue
                    chunk.append(item)
                    if len(chunk) >= chunk_size:
                        yield chunk
                        chunk = []
                if chunk:
                    yield chunk

            for results in eng.map(chunks()):
                for res in results:
                    if res[0] == "ok":
                        writer.write(res[1], res[2])
                        summary.documents += 1
                    else:
                        writer.error(res[1], res[2], res[3])
                        summary.errors += 1
                bar.update(len(results))
            bar.close()
    finally:
        eng.close()
    summary.seconds = time.perf_counter() - started
    return summary
