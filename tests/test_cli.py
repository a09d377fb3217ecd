"""diplotext.cli: extract (files, stdin, --pretty, errors) and schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import CORPUS, FIXTURE, ROOT
from diplotext.cli import app

runner = CliRunner()


def _run(*args, **kw):
    return runner.invoke(app, list(args), **kw)


def test_cli_schema_prints_committed_schema():
    result = _run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads((ROOT / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))


def test_cli_schema_output_is_byte_identical_to_committed_file():
    out = subprocess.run([sys.executable, "-m", "diplotext.cli", "schema"], capture_output=True, text=True, check=True).stdout
    assert out == (ROOT / "schema" / "extraction.schema.json").read_text(encoding="utf-8")


def test_cli_extract_file_prints_one_json_line(nlp, fixture_extraction):
    result = _run("extract", str(CORPUS / f"{FIXTURE}.txt"), "--reference-date", "2021-12-09")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0]) == json.loads(fixture_extraction.model_dump_json())


def test_cli_extract_two_files_prints_two_lines(nlp, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("China signed nine agreements.", encoding="utf-8")
    b.write_text("", encoding="utf-8")
    result = _run("extract", str(a), str(b))
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a", "b"]


def test_cli_extract_stdin(nlp):
    result = _run("extract", "-", "-r", "2021-12-09", input="China and Pakistan on Thursday signed nine agreements.")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["doc_id"] is None
    assert [d["value"] for d in data["dates"]] == ["2021-12-09"]


def test_cli_extract_pretty_indents(nlp):
    result = _run("extract", "-", "--pretty", input="China signed.")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("{\n  ")
    json.loads(result.stdout)


def _one_error_line(result) -> str:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("diplotext: error: ")
    return lines[0]


def test_cli_extract_missing_file_is_one_error_line(tmp_path):
    line = _one_error_line(_run("extract", str(tmp_path / "missing.txt")))
    assert "missing.txt" in line


@pytest.mark.parametrize("bad", ["2021-13-01", "yesterday", "12/09/2021"])
def test_cli_extract_bad_reference_date_is_one_error_line(tmp_path, bad):
    f = tmp_path / "a.txt"
    f.write_text("China signed.", encoding="utf-8")
    line = _one_error_line(_run("extract", str(f), "--reference-date", bad))
    assert bad in line


def test_cli_extract_non_utf8_file_is_one_error_line(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Côte d'Ivoire signed".encode("latin-1"))
    line = _one_error_line(_run("extract", str(f)))
    assert "UTF-8" in line


def test_cli_extract_directory_is_one_error_line(tmp_path):
    _one_error_line(_run("extract", str(tmp_path)))


def test_cli_extract_missing_model_is_one_error_line(tmp_path):
    line = _one_error_line(_run("extract", "-", "--model", str(tmp_path / "no-model"), input="China signed."))
    assert "no-model" in line


@pytest.mark.parametrize("data", [b"China \xff signed.", b"China \xed\xa0\x80 signed."], ids=["latin1-byte", "encoded-surrogate"])
@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_cli_extract_stdin_not_utf8_is_one_error_line(data, locale):
    env = {"PATH": "", "LC_ALL": locale, "PYTHONUTF8": "0"}
    proc = subprocess.run([sys.executable, "-m", "diplotext.cli", "extract", "-"], input=data, capture_output=True, env=env)
    assert proc.returncode != 0
    assert proc.stdout == b""
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diplotext: error: <stdin>: not UTF-8"), lines[-3:]


def test_cli_extract_utf8_bom_is_not_part_of_the_text(nlp, tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfChina signed nine agreements.")
    result = _run("extract", str(f))
    assert result.exit_code == 0, result.output
    mention = json.loads(result.stdout)["parties"][0]["mentions"][0]
    assert (mention["start"], mention["text"]) == (0, "China")


def test_cli_entry_point_runs_as_subprocess(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "diplotext.cli", "extract", str(tmp_path / "nope.txt")], capture_output=True, text=True)
    assert proc.returncode != 0
    assert proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0 and "nope.txt" in proc.stderr
