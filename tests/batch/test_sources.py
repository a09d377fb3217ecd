from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from diplotext.batch.sources import Failure, Fields, Task, count_inputs, decode_bytes, iter_inputs, prepare


def _items(*paths: Path, fields: Fields | None = None) -> list[Task | Failure]:
    return list(iter_inputs(list(paths), fields or Fields()))


def test_folder_recursive_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "one.txt").write_text("China and Pakistan signed nine agreements.", encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("# Title\n\n- pledge one\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "three.HTM").write_text("<html><body><p>Hello there.</p></body></html>", encoding="utf-8")
    (tmp_path / "a" / "skip.pdf").write_bytes(b"%PDF")
    items = _items(tmp_path)
    assert sorted((i.doc_id, i.kind) for i in items) == [("a/b/three.HTM", "html"), ("a/two.md", "markdown"), ("one.txt", "text")]
    assert count_inputs([tmp_path]) == 3


def test_folder_symlink_loop_ends(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("text", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    assert [i.doc_id for i in _items(tmp_path)] == ["sub/x.txt"]


def test_decode_utf16_bom_and_latin1_warn_binary_fails(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("Käse agreement".encode("utf-16"))
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 accord".encode("latin-1"))
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    by_id = {i.doc_id: i for i in _items(tmp_path)}
    assert isinstance(by_id["u16.txt"], Task) and by_id["u16.txt"].content == "Käse agreement" and not by_id["u16.txt"].warnings
    latin = by_id["latin.txt"]
    assert isinstance(latin, Task) and latin.content == "Café accord" and "Windows-1252" in latin.warnings[0]
    assert isinstance(by_id["bin.txt"], Failure) and "binary" in by_id["bin.txt"].reason
    assert decode_bytes(b"\xef\xbb\xbfplain") == ("plain", None)


def test_jsonl_defaults_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "h1", "published": "2021-05-20", "html": "<p>Secretary Blinken met Foreign Minister Wang.</p>"}),
        json.dumps({"id": "m1", "published": "2021-06-01", "markdown": "Hello *world*"}),
        "{not json",
        json.dumps({"id": "n1", "html": 5}),
        json.dumps({"title": "no id", "text": "x"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": "t1", "text": "plain"}),
    ]
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    items = _items(path)
    tasks = [i for i in items if isinstance(i, Task)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [(t.doc_id, t.kind, t.published) for t in tasks] == [("h1", "html", "2021-05-20"), ("m1", "markdown", "2021-06-01"), ("t1", "text", None)]
    reasons = " | ".join(f.reason for f in fails)
    assert len(fails) == 4 and "malformed JSON" in reasons and "'html' is a int" in reasons and "no usable 'id'" in reasons
    assert fails[0].doc_id == "dump.jsonl.gz:3" and fails[0].source.endswith("dump.jsonl.gz:3")


def test_jsonl_custom_fields(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"key": 7, "body": "text here", "day": "2022-01-02"}) + "\n", encoding="utf-8")
    (task,) = _items(path, fields=Fields(id="key", text="body", date="day"))
    assert isinstance(task, Task) and (task.doc_id, task.content, task.published) == ("7", "text here", "2022-01-02")


def test_jsonl_truncated_gzip_records_error(tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl.gz"
    with gzip.open(full, "wt", encoding="utf-8") as fh:
        for k in range(200):
            fh.write(json.dumps({"id": f"d{k}", "text": f"document {k} " * 50}) + "\n")
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    items = _items(cut)
    assert any(isinstance(i, Task) for i in items)
    last = items[-1]
    assert isinstance(last, Failure) and "truncated" in last.reason


def test_prepare_html_date_from_page_and_bad_date_warns() -> None:
    page = '<html><head><meta name="date" content="2022-03-04"></head><body><article><p>' + "The Secretary met the Minister. " * 5 + "</p></article></body></html>"
    text, date, warnings = prepare(Task("p", "p.html", "html", page))
    assert "The Secretary met" in text and date == "2022-03-04" and warnings == []
    _, date, warnings = prepare(Task("q", "q", "text", "Hello.", "yesterday"))
    assert date is None and "not an ISO date" in warnings[0]


@pytest.mark.parametrize(
    ("name", "page", "expect"),
    [
        ("scripts_and_styles_only", "<html><head><script>alert('x')</script><style>p{color:red}</style></head></html>", ""),
        ("no_body", "<html><head><title>Only a title</title></head></html>", None),
        (
            "deeply_nested",
            "<div>" * 2000 + "<p>China and Pakistan signed nine agreements on Thursday.</p>" + "</div>" * 2000,
            "China and Pakistan signed nine agreements",
        ),
        ("script_inside_body", "<body><script>var a = 'Kenya will host';</script><p>Kenya hosted the talks.</p></body>", "Kenya hosted the talks"),
    ],
)
def test_prepare_hostile_html_gives_text_without_markup(name: str, page: str, expect: str | None) -> None:
    text, _date, _warnings = prepare(Task(name, f"{name}.html", "html", page))
    assert "<" not in text and "alert(" not in text and "color:red" not in text and "var a" not in text
    if expect:
        assert expect in text
    elif expect == "":
        assert text.strip() == ""


def test_publisher_from_record_field_else_the_runs_default(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"id": "a", "text": "x", "publisher": "Ministry of Foreign Affairs of Japan"}) + "\n"
                    + json.dumps({"id": "b", "text": "y"}) + "\n", encoding="utf-8")
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "c.txt").write_text("z", encoding="utf-8")
    tasks = _items(dump, folder, fields=Fields(default_publisher="GBR"))
    assert [(t.doc_id, t.publisher) for t in tasks if isinstance(t, Task)] == [
        ("a", "Ministry of Foreign Affairs of Japan"), ("b", "GBR"), ("c.txt", "GBR")]


def test_publisher_field_name_is_configurable(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"id": "a", "text": "x", "source_org": "AU"}) + "\n", encoding="utf-8")
    (task,) = _items(dump, fields=Fields(publisher="source_org"))
    assert isinstance(task, Task) and task.publisher == "AU"
