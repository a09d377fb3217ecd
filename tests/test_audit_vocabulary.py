"""scripts/audit_vocabulary.py: no vocabulary left in the code, the data rows documented, unique and
used, every function short and documented; and the audit itself flags what it should."""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "audit_vocabulary.py"


@pytest.fixture(scope="module")
def audit():
    spec = importlib.util.spec_from_file_location("audit_vocabulary", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["audit_vocabulary"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_audit_no_vocabulary_is_left_in_code(audit):
    left = [f.show() for f in audit.vocabulary_findings() if f.reason is None]
    assert left == []


def test_audit_data_rows_are_documented_unique_and_used(audit):
    assert audit.data_findings() == []


def test_audit_functions_are_short_and_documented(audit):
    assert audit.function_findings() == []


def _walk(audit, source: str, rel: str = "components/x.py"):
    walker = audit._Walker(rel)
    walker.visit(ast.parse(source))
    return walker.found


@pytest.mark.parametrize(
    "source",
    [
        'TITLES = frozenset({"minister", "ambassador"})',  # a word set
        'PREFIXES = ("U.S. ", "US ")',  # phrases with dots and spaces are words too
        'UNITS = {"year": "Y", "month": "M"}',  # a table of words
        'import re\nre.sub(r"^(?:the|The)\\s+", "", text)',  # a word alternation in a regex
        'import re\nre.compile(r"\\b(?:plan|intend)" + r"\\s+to")',  # in a concatenation
    ],
)
def test_audit_flags_vocabulary_in_code(audit, source):
    found = _walk(audit, source)
    assert found and all(f.reason is None for f in found)


@pytest.mark.parametrize(
    "source",
    [
        '_SUBJECT = frozenset({"nsubj", "nsubjpass"})',  # dependency labels
        '_NOUNS = {"NOUN", "PROPN"}',  # POS tags
        'Kind = Literal["state", "person"]',  # a type
        '__all__ = ["Alpha", "Beta"]',
        'record = {"text": text, "start": start}',  # keys of a record being built
        '@Language.factory("x", assigns=["doc.spans", "token.dep"])\ndef f(): ...',  # a factory's declarations
        'import re\nre.compile(r"[A-Z][a-z]+|\\d+")',  # an alternation of shapes, not words
    ],
)
def test_audit_lets_structure_stay(audit, source):
    assert all(f.reason is not None for f in _walk(audit, source))


def test_audit_allow_list_needs_the_file_and_the_words(audit):
    source = 'KINDS = {"capital", "demonym"}'
    assert _walk(audit, source, "components/party_linker.py")[0].reason is not None
    assert _walk(audit, source, "components/orgs.py")[0].reason is None


def test_audit_flags_data_problems(audit, tmp_path, monkeypatch):
    lexicon = [
        {"name": "alpha", "values": ["x", "y", "x"], "doc": "listed twice"},
        {"name": "beta", "values": ["y", "x"]},  # no doc, the same words as alpha
        {"name": "gamma", "values": ["z"], "doc": "used by no one"},
    ]
    patterns = [{"name": "pat_used", "regex": "<<list:alpha>>|<<list:beta>>", "doc": "d"},
                {"name": "pat_unused", "regex": "x", "doc": "d"}]
    for name, rows in (("lexicon.v1.jsonl", lexicon), ("patterns.v1.jsonl", patterns)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    monkeypatch.setattr(audit, "RESOURCES", tmp_path)
    monkeypatch.setattr(audit, "_code_strings", lambda: {"pat_used"})
    assert sorted(audit.data_findings()) == sorted([
        "lexicon: beta has no doc",
        "lexicon: alpha lists x twice",
        "lexicon: alpha and beta hold the same words: merge them, or say in TWINS why both stay",
        "patterns: pat_unused is used by no component",
        "lexicon: gamma is used by no component",
    ])


def test_audit_flags_long_and_undocumented_functions(audit, tmp_path, monkeypatch):
    src = tmp_path / "src" / "pkg"
    src.mkdir(parents=True)
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    (src / "m.py").write_text(f'class C:\n    pass\n\n\ndef public():\n    pass\n\n\ndef _long():\n{body}\n', encoding="utf-8")
    monkeypatch.setattr(audit, "ROOT", tmp_path)
    assert audit.function_findings() == [
        "src/pkg/m.py:1: class C has no docstring",
        "src/pkg/m.py:5: public has no docstring",
        "src/pkg/m.py:9: _long is 62 lines (over 60)",
    ]
