from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplotext.batch.writer import OutputError, ResumableWriter, errors_path, repair


def test_errors_path_beside_output(tmp_path: Path) -> None:
    assert errors_path(tmp_path / "out.jsonl") == tmp_path / "out.errors.jsonl"
    assert errors_path(tmp_path / "out") == tmp_path / "out.errors.jsonl"


def test_repair_cuts_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    path.write_bytes(b'{"doc_id": "a"}\n{"doc_id": "b"}\n{"doc_id": "c", "par')
    assert repair(path) > 0
    assert path.read_bytes() == b'{"doc_id": "a"}\n{"doc_id": "b"}\n'
    assert repair(path) == 0


def test_writer_resume_index_and_torn_tail(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    with ResumableWriter(out, flush_every=2).open() as w:
        w.write("a", json.dumps({"doc_id": "a"}))
        w.error("bad", "src:1", "malformed")
    with out.open("ab") as fh:
        fh.write(b'{"doc_id": "torn"')
    w2 = ResumableWriter(out).open()
    try:
        assert w2.done_ids == {"a"} and w2.is_done("bad", "src:1") and not w2.is_done("bad", "src:2") and w2.repaired > 0
    finally:
        w2.close()
    assert json.loads(errors_path(out).read_text())["reason"] == "malformed"


def test_writer_lock_and_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    with ResumableWriter(out).open(), pytest.raises(OutputError, match="another"):
        ResumableWriter(out).open()
    with pytest.raises(OutputError, match="does not exist"):
        ResumableWriter(tmp_path / "nope" / "o.jsonl").open()


def test_writer_refuses_foreign_file(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text("hello world\n")
    with pytest.raises(OutputError, match="not JSON"):
        ResumableWriter(out).open()


def test_writer_retry_errors_forgets_them(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    with ResumableWriter(out).open() as w:
        w.error("x", "s", "r")
    with ResumableWriter(out).open(retry_errors=True) as w:
        assert not w.is_done("x", "s")


def _read_only_folder() -> Path | None:
    """A folder no process may write to, root included (sysfs); tmp permissions do not stop root."""
    sys_dir = Path("/sys")
    try:
        (sys_dir / "diplotext-probe.jsonl").open("a").close()
    except OSError:
        return sys_dir
    return None


def test_writer_read_only_folder_is_a_clear_error() -> None:
    folder = _read_only_folder()
    if folder is None:
        pytest.skip("no read-only folder on this machine")
    with pytest.raises(OutputError, match="cannot write"):
        ResumableWriter(folder / "out.jsonl").open()
