"""Batch processing of press archives: readers, a resumable writer, local and Dask engines, tables.

    >>> from pathlib import Path
    >>> from diplotext.batch import run_batch
    >>> summary = run_batch([Path("archive/")], Path("out.jsonl"), n_process=2)  # doctest: +SKIP
"""

from __future__ import annotations

from .run import Summary, run_batch
from .sources import Failure, Fields, Task, iter_inputs
from .tables import write_tables
from .writer import OutputError, ResumableWriter, errors_path

__all__ = ["Failure", "Fields", "OutputError", "ResumableWriter", "Summary", "Task", "errors_path", "iter_inputs", "run_batch", "write_tables"]
