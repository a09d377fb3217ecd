from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

import diplotext.pipeline
from diplotext.batch import run_batch, write_tables
from diplotext.batch.writer import errors_path

TEXT = "China and Pakistan on Thursday signed nine agreements. The two sides pledged to deepen cooperation."


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _archive(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "b.md").write_text("# Statement\n\n" + TEXT, encoding="utf-8")
    (folder / "latin.txt").write_bytes(TEXT.replace("China", "Chin\xe9").encode("latin-1"))
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02")
    dump = tmp_path / "dump.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "r1", "published": "2021-12-09", "markdown": TEXT}) + "\n")
        fh.write("{broken\n")
        fh.write(json.dumps({"id": "r1", "published": "2021-12-09", "markdown": "again"}) + "\n")
        fh.write(json.dumps({"id": "r2", "published": "2021-12-10", "html": f"<p>{TEXT}</p>"}) + "\n")
    return folder


def test_run_batch_outputs_errors_and_resume(tmp_path: Path) -> None:
    folder = _archive(tmp_path)
    dump = tmp_path / "dump.jsonl.gz"
    out = tmp_path / "out.jsonl"
    first = run_batch([folder, dump], out, progress=False, chunk_size=2)
    assert (first.documents, first.errors, first.skipped) == (5, 3, 0)
    got = {d["doc_id"]: d for d in _lines(out)}
    assert set(got) == {"a.txt", "sub/b.md", "latin.txt", "r1", "r2"}
    assert got["r1"]["reference_date"] == "2021-12-09" and got["r1"]["reference_date_source"] == "given"
    assert any("Windows-1252" in w for w in got["latin.txt"]["warnings"])
    assert got["r1"]["counts"][0]["value"] == 9
    errors = _lines(errors_path(out))
    assert {e["doc_id"] for e in errors} == {"bin.txt", "dump.jsonl.gz:2", "r1"}
    assert all(set(e) == {"doc_id", "source", "reason"} for e in errors)
    assert any("duplicate doc_id" in e["reason"] for e in errors)
    before = (out.read_bytes(), errors_path(out).read_bytes())
    again = run_batch([folder, dump], out, progress=False)
    assert (again.documents, again.errors, again.skipped) == (0, 0, 8)
    assert (out.read_bytes(), errors_path(out).read_bytes()) == before


def test_run_batch_redoes_torn_last_line(tmp_path: Path) -> None:
    folder = _archive(tmp_path)
    out = tmp_path / "out.jsonl"
    run_batch([folder], out, progress=False)
    whole = out.read_bytes()
    lines = whole.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:-1]) + lines[-1][:40])  # a crash mid-line
    summary = run_batch([folder], out, progress=False)
    assert summary.documents == 1
    assert sorted(out.read_bytes().splitlines()) == sorted(whole.splitlines())


def test_run_batch_extraction_error_becomes_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = diplotext.pipeline.extract_many

    def flaky(items, **kwargs):  # type: ignore[no-untyped-def]
        items = list(items)
        if any("BOOM" in text for text, _ in items):
            raise RuntimeError("component crashed")
        return real(items, **kwargs)

    monkeypatch.setattr(diplotext.pipeline, "extract_many", flaky)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "ok2.txt").write_text(TEXT, encoding="utf-8")
    (folder / "ok3.txt").write_text("BOOM " + TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([folder], out, progress=False, chunk_size=8)
    assert (summary.documents, summary.errors) == (2, 1)
    (err,) = _lines(errors_path(out))
    assert err["doc_id"] == "ok3.txt" and "component crashed" in err["reason"]


def test_tables_have_doc_id_and_published(tmp_path: Path) -> None:
    folder = _archive(tmp_path)
    out = tmp_path / "out.jsonl"
    run_batch([folder, tmp_path / "dump.jsonl.gz"], out, progress=False)
    written = write_tables(out, tmp_path / "tables")
    names = {p.name for p in written}
    assert {"parties.csv", "counts.csv", "dates.csv", "commitments.csv"} <= names
    with (tmp_path / "tables" / "counts.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["doc_id"] for r in rows)
    r1 = [r for r in rows if r["doc_id"] == "r1"]
    assert r1 and r1[0]["published"] == "2021-12-09" and float(r1[0]["value"]) == 9
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(tmp_path / "tables" / "parties.parquet")
    assert table.num_rows > 0 and "published" in table.column_names


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diplotext.cli", "batch", *args], capture_output=True, text=True, timeout=120)


def test_cli_usage_errors_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    res = _cli(str(tmp_path), "-o", str(tmp_path / "missing" / "out.jsonl"))
    assert res.returncode != 0 and res.stdout == ""
    assert res.stderr.strip() == f"diplotext: error: output folder {tmp_path / 'missing'} does not exist"
    res = _cli(str(tmp_path / "nope"), "-o", str(tmp_path / "out.jsonl"))
    assert res.returncode != 0 and "no such file or folder" in res.stderr


def test_cli_batch_runs_and_summarises(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    res = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"), "--quiet")
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""
    assert "1 documents, 0 errors, 0 skipped" in res.stderr
    assert [d["doc_id"] for d in _lines(tmp_path / "out.jsonl")] == ["a.txt"]


def test_cli_batch_publisher_option_reaches_every_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Statement\n\nWe condemn the attack.", encoding="utf-8")
    res = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"), "--quiet", "--publisher", "NZL")
    assert res.returncode == 0, res.stderr
    (line,) = _lines(tmp_path / "out.jsonl")
    assert line["publisher"] == {"name": "NZL", "id": "NZL", "kind": "state"}
    assert [c["actors"] for c in line["commitments"]] == [["NZL"]]
