"""Readers that turn folders and JSON Lines dumps into a stream of tasks.

Readers only read and decode: turning HTML or Markdown into text happens in the
workers (:func:`prepare`), so that cost is spread over the processes too. A
document that cannot be read becomes a :class:`Failure` in the stream instead of
an exception, because one bad file must not stop an archive of a million.

Decoding policy: UTF-8 (with or without a BOM) is read as is; UTF-16/UTF-32 with
a BOM are decoded; other bytes that are not UTF-8 are decoded as Windows-1252
(Latin-1 where that fails) and the Extraction carries a warning saying so;
files with NUL bytes and no BOM are binary and become error records.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

__all__ = [
    "FILE_KINDS",
    "Failure",
    "Fields",
    "Task",
    "count_inputs",
    "decode_bytes",
    "iter_inputs",
    "prepare",
]

Kind = Literal["text", "html", "markdown"]
FILE_KINDS: dict[str, Kind] = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Fields:
    """Field names of a JSON Lines record; the defaults fit ``../shared/archive``."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    markdown: str = "markdown"
    date: str = "published"
    publisher: str = "publisher"
    default_publisher: str | None = None  # the publisher of files and records that name none (--publisher)


@dataclass(frozen=True)
class Task:
    """One document to extract: raw content plus what the worker needs to prepare it."""

    doc_id: str
    source: str
    kind: Kind
    content: str
    published: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    publisher: str | None = None


@dataclass(frozen=True)
class Failure:
    """A document that could not be read; it becomes a line of OUT.errors.jsonl."""

    doc_id: str
    source: str
    reason: str


class DecodeError(ValueError):
    """Bytes that are not text."""


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Text of ``data`` and a warning when it was not UTF-8 (see the module's policy)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as err:
                raise DecodeError(f"bad {codec.upper()} text ({err.reason} at byte {err.start})") from None
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes and no UTF-16/32 byte-order mark)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        where = f"invalid UTF-8 byte 0x{data[err.start]:02x} at offset {err.start}"
    try:
        return data.decode("cp1252"), f"not UTF-8 ({where}); decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"not UTF-8 ({where}); decoded as Latin-1"


# --- folders -------------------------------------------------------------------------


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, sorted, following directory links once (a link loop ends there)."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subdirs: list[Path] = []
        for entry in entries:
            try:
                if entry.is_dir():
                    subdirs.append(Path(entry.path))
                elif entry.is_file() or entry.is_symlink():
                    yield Path(entry.path)
            except OSError:
                yield Path(entry.path)
        stack.extend(reversed(subdirs))


def _file_task(path: Path, doc_id: str) -> Task | Failure:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        return Failure(doc_id, source, f"cannot read file: {err.strerror or err}")
    try:
        text, warning = decode_bytes(data)
    except DecodeError as err:
        return Failure(doc_id, source, str(err))
    kind = FILE_KINDS[path.suffix.lower()]
    return Task(doc_id, source, kind, text, None, (warning,) if warning else ())


def iter_folder(root: Path) -> Iterator[Task | Failure]:
    """Tasks for the readable files under ``root``; the doc_id is the path relative to ``root``, so
    it stays the same wherever the archive is mounted and a rerun can resume."""
    for path in _walk(root):
        if path.suffix.lower() in FILE_KINDS:
            yield _file_task(path, path.relative_to(root).as_posix())


# --- JSON Lines ----------------------------------------------------------------------


def is_jsonl(path: Path) -> bool:
    """Whether ``path`` is a JSON Lines dump (plain or gzipped), judged by its name: the content of
    a multi-gigabyte dump is not sniffed."""
    name = path.name.lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def _open_binary(path: Path) -> io.BufferedIOBase:
    """``path`` opened for reading bytes, through gzip when its name ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _open_lines(path: Path) -> Iterator[bytes]:
    with _open_binary(path) as fh:
        yield from fh


def _count_lines(path: Path) -> int:
    """Newlines in ``path`` (decompressed), read in 1 MiB blocks so a huge dump is never held whole."""
    total = 0
    with _open_binary(path) as fh:
        while block := fh.read(1 << 20):
            total += block.count(b"\n")
    return total


def _record_task(path: Path, lineno: int, raw: bytes, fields: Fields) -> Task | Failure | None:
    source = f"{path}:{lineno}"
    fallback_id = f"{path.name}:{lineno}"
    if not raw.strip():
        return None
    try:
        rec = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        return Failure(fallback_id, source, f"line is not UTF-8 ({err.reason} at byte {err.start})")
    except json.JSONDecodeError as err:
        return Failure(fallback_id, source, f"malformed JSON line: {err.msg} at column {err.colno}")
    if not isinstance(rec, dict):
        return Failure(fallback_id, source, f"JSON line is a {type(rec).__name__}, not an object")
    raw_id = rec.get(fields.id)
    if raw_id is None or isinstance(raw_id, (dict, list)) or raw_id == "":
        return Failure(fallback_id, source, f"record has no usable {fields.id!r} field")
    doc_id = str(raw_id)
    sources: tuple[tuple[str, Kind], ...] = ((fields.text, "text"), (fields.html, "html"), (fields.markdown, "markdown"))
    for name, kind in sources:
        if name in rec and rec[name] is not None:
            value = rec[name]
            if not isinstance(value, str):
                return Failure(doc_id, source, f"field {name!r} is a {type(value).__name__}, not a string")
            date = rec.get(fields.date)
            publisher = rec.get(fields.publisher)
            publisher = publisher if isinstance(publisher, str) and publisher.strip() else fields.default_publisher
            return Task(doc_id, source, kind, value, date if isinstance(date, str) else None, publisher=publisher)
    wanted = ", ".join(repr(n) for n in (fields.text, fields.html, fields.markdown))
    return Failure(doc_id, source, f"record has none of the fields {wanted}")


def iter_jsonl(path: Path, fields: Fields) -> Iterator[Task | Failure]:
    """Tasks for the records of a JSON Lines dump; a bad line, or a damaged or truncated gzip
    stream, becomes a Failure instead of ending the run."""
    lineno = 0
    try:
        for lineno, raw in enumerate(_open_lines(path), start=1):
            item = _record_task(path, lineno, raw, fields)
            if item is not None:
                yield item
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        yield Failure(f"{path.name}:after-line-{lineno}", str(path), f"compressed file is damaged or truncated after line {lineno}: {err}")
    except OSError as err:
        yield Failure(f"{path.name}:after-line-{lineno}", str(path), f"cannot read file after line {lineno}: {err.strerror or err}")


# --- all inputs ----------------------------------------------------------------------


def check_inputs(inputs: list[Path]) -> str | None:
    """A usage error for inputs that do not exist or have a type we do not read, else None."""
    for path in inputs:
        if not path.exists():
            return f"{path}: no such file or folder"
        if path.is_file() and not is_jsonl(path) and path.suffix.lower() not in FILE_KINDS:
            return f"{path}: not a folder, .jsonl/.jsonl.gz, .txt, .md or .html file"
    return None


def _with_publisher(items: Iterable[Task | Failure], publisher: str | None) -> Iterator[Task | Failure]:
    """Files carry no publisher of their own: they take the run's (``--publisher``)."""
    for item in items:
        yield replace(item, publisher=publisher) if publisher and isinstance(item, Task) else item


def iter_inputs(inputs: list[Path], fields: Fields = Fields()) -> Iterator[Task | Failure]:
    """Tasks and failures of every input, in a stable order."""
    for path in inputs:
        if path.is_dir():
            yield from _with_publisher(iter_folder(path), fields.default_publisher)
        elif is_jsonl(path):
            yield from iter_jsonl(path, fields)
        else:
            yield from _with_publisher([_file_task(path, path.name)], fields.default_publisher)


def count_inputs(inputs: list[Path]) -> int | None:
    """About how many documents the inputs hold (for the progress bar's ETA); None if unknown."""
    total = 0
    try:
        for path in inputs:
            if path.is_dir():
                total += sum(1 for p in _walk(path) if p.suffix.lower() in FILE_KINDS)
            elif is_jsonl(path):
                total += _count_lines(path)
            else:
                total += 1
    except (OSError, EOFError, zlib.error):
        return None
    return total


# --- worker side ---------------------------------------------------------------------


def prepare(task: Task) -> tuple[str, str | None, list[str]]:
    """Plain text, reference date and warnings of a task (runs in the worker); the publisher
    travels on the task itself."""
    from ..pipeline import parse_reference_date
    from ..textify import html_to_text, markdown_to_text

    warnings = list(task.warnings)
    date = task.published
    if task.kind == "html":
        page = html_to_text(task.content)
        text = page.text
        date = date or page.date
    elif task.kind == "markdown":
        text = markdown_to_text(task.content)
    else:
        text = task.content
    if date is not None:
        try:
            parsed = parse_reference_date(date)
        except (ValueError, TypeError):
            warnings.append(f"publication date {date!r} is not an ISO date; ignored")
            parsed = None
        date = parsed.isoformat() if parsed else None
    return text, date, warnings
