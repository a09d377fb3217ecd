"""An append-only JSONL writer that a rerun can resume after any crash.

Lines are only ever appended, each batch with one ``write`` and a flush, so a
SIGKILL can at worst leave a torn last line without its newline: on open that
tail is cut off and the documents it held are done again. The doc_ids already in
OUT (and the (doc_id, source) pairs in OUT.errors.jsonl) are what a rerun skips.
An exclusive ``flock`` keeps two runs from appending to the same file.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import IO, Any

__all__ = ["OutputError", "ResumableWriter", "errors_path", "repair"]


class OutputError(OSError):
    """The output cannot be used (missing folder, read-only, locked, not ours)."""


def errors_path(out: Path) -> Path:
    """OUT.errors.jsonl beside OUT: ``x.jsonl`` -> ``x.errors.jsonl``."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(name + ".errors.jsonl")


def repair(path: Path) -> int:
    """Cut a torn last line (bytes after the last newline) off ``path``; the number of bytes cut."""
    if not path.exists():
        return 0
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        pos = size
        keep = 0
        while pos > 0:
            step = min(1 << 16, pos)
            pos -= step
            fh.seek(pos)
            block = fh.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                keep = pos + nl + 1
                break
        if keep < size:
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())
        return size - keep


def _read_lines(path: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if not path.exists():
        return out
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                rec = json.loads(raw)
            except ValueError:
                raise OutputError(f"{path}: line {lineno} is not JSON; is this a diplotext batch output?") from None
            if not isinstance(rec, dict) or "doc_id" not in rec:
                raise OutputError(f"{path}: line {lineno} has no doc_id; is this a diplotext batch output?")
            out.append(rec)
    return out


class ResumableWriter:
    """Appends Extraction lines to OUT and error records to OUT.errors.jsonl, in flushed batches."""

    def __init__(self, out: Path, *, flush_every: int = 32, fsync: bool = False) -> None:
        self.out = out
        self.errors = errors_path(out)
        self.flush_every = flush_every
        self.fsync = fsync
        self.done_ids: set[str] = set()
        self.done_errors: set[tuple[str, str]] = set()
        self.repaired = 0
        self._fh: IO[bytes] | None = None
        self._eh: IO[bytes] | None = None
        self._lines: list[bytes] = []
        self._error_lines: list[bytes] = []

    def open(self, *, retry_errors: bool = False) -> ResumableWriter:
        """Lock, repair and index OUT and its errors file; raises OutputError with one clear line."""
        folder = self.out.parent
        if not folder.is_dir():
            raise OutputError(f"output folder {folder} does not exist")
        try:
            self._fh = self.out.open("ab")
        except OSError as err:
            raise OutputError(f"cannot write {self.out}: {err.strerror or err}") from None
        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            raise OutputError(f"{self.out} is being written by another diplotext batch run") from None
        try:
            self.repaired = repair(self.out) + repair(self.errors)
            self.done_ids = {str(r["doc_id"]) for r in _read_lines(self.out)}
            if retry_errors and self.errors.exists():
                self.errors.unlink()
            self.done_errors = {(str(r["doc_id"]), str(r.get("source"))) for r in _read_lines(self.errors)}
            self._eh = self.errors.open("ab")
        except OutputError:
            self.close()
            raise
        except OSError as err:
            self.close()
            raise OutputError(f"cannot use {self.out}: {err.strerror or err}") from None
        return self

    def __enter__(self) -> ResumableWriter:
        """The writer itself (opened by :meth:`open`), so ``with ResumableWriter(...).open()`` closes it."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close on leaving the block, whatever happened inside it."""
        self.close()

    def is_done(self, doc_id: str, source: str) -> bool:
        """Whether a rerun should skip this document: already extracted, or already failed from the
        same source (``--retry-errors`` forgets the failures)."""
        return doc_id in self.done_ids or (doc_id, source) in self.done_errors

    def write(self, doc_id: str, line: str) -> None:
        """Queue one Extraction's JSON (no newline); flushed every ``flush_every`` lines."""
        self._lines.append(line.encode("utf-8") + b"\n")
        self.done_ids.add(doc_id)
        if len(self._lines) >= self.flush_every:
            self.flush()

    def error(self, doc_id: str, source: str, reason: str) -> None:
        """Queue one error record for OUT.errors.jsonl: a document that failed is reported, never lost."""
        rec = {"doc_id": doc_id, "source": source, "reason": reason}
        self._error_lines.append(json.dumps(rec, ensure_ascii=False).encode("utf-8") + b"\n")
        self.done_errors.add((doc_id, source))
        if len(self._error_lines) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Append the queued lines with one write per file, so a crash can tear at most the last line."""
        for fh, buf in ((self._fh, self._lines), (self._eh, self._error_lines)):
            if fh is None or not buf:
                continue
            fh.write(b"".join(buf))
            fh.flush()
            if self.fsync:
                os.fsync(fh.fileno())
            buf.clear()

    def close(self) -> None:
        """Flush what is queued and release the lock (also after a failure, so a rerun can start)."""
        try:
            self.flush()
        finally:
            for fh in (self._eh, self._fh):
                if fh is not None:
                    fh.close()
            self._fh = self._eh = None
