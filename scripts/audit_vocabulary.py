#!/usr/bin/env python3
"""Audit the code for vocabulary that should be data, and for functions too long or undocumented.

diplotext's rule is "vocabulary is data, code is mechanism": every word list and every regex with
words in it belongs in ``resources/lexicon.v1.jsonl`` / ``resources/patterns.v1.jsonl``, where a
user who adds a title or a head word edits one list. This script walks the AST of the library and
lists what still looks like vocabulary in the code:

- every literal set, list, tuple or dict with two or more strings that are words (letters, with
  inner spaces, dots, hyphens or apostrophes: "Prime Minister", "U.S.", "d'affaires");
- every regex literal given to ``re.compile/search/match/sub/fullmatch/finditer/findall/split``
  that holds an alternation of two or more words (``(?:the|The)``).

Each finding is marked *vocabulary* or *structure*. Structure is what may stay in code: spaCy's own
labels and attribute names (POS tags, dependency labels, NER labels, Matcher attributes: recognised
from spaCy's glossary), ``Literal[...]`` types and ``__all__``, the keys of JSON records being
built, and the items of :data:`ALLOWED`, each with a one-line reason. Everything else counts as
vocabulary left in code; the goal is 0.

It also checks the data (``resources/lexicon.v1.jsonl`` and ``patterns.v1.jsonl``): every row has a
``doc``, no list holds a word twice, no two lists hold the same words (unless :data:`TWINS` says why
both stay), and every list and pattern is used (its name is a string in the code, or a used pattern
refers to it). And it lists (across all of ``src/``) the functions longer than :data:`MAX_LINES`
lines and the public functions, every class and every component factory without a docstring.

    python scripts/audit_vocabulary.py            # report; exit 1 when anything is left to fix
    python scripts/audit_vocabulary.py --all      # also print the structural findings
"""

from __future__ import annotations

import argparse
import ast
import itertools
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "diplotext"
RESOURCES = PACKAGE / "resources"
# the parts of the library the vocabulary audit reads (relative to src/diplotext)
VOCABULARY_SCOPE = ("components", "timex.py", "gazetteer.py", "pipeline.py", "util.py", "vocab.py", "textify.py",
                    "batch", "training")
MAX_LINES = 60
REGEX_FUNCTIONS = frozenset({"compile", "search", "match", "sub", "fullmatch", "finditer", "findall", "split"})

# a word: letters, with inner spaces, dots, hyphens, ampersands or apostrophes, and an optional final dot
_WORD = re.compile(r"[^\W\d_]+(?:[ .'’&-]+[^\W\d_]+)*\.?")
# two or more alternatives made of letters only, after escapes are blanked out ("the|The", "script|style")
_ALTERNATION = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:\|[^\W\d_]+)+(?![^\W\d_])")
_ESCAPE = re.compile(r"\\.")

# Keyword arguments whose values name Doc attributes or settings, never words of the texts.
STRUCTURAL_KEYWORDS = frozenset({"assigns", "requires", "default_config", "default_score_weights"})
# Modules whose every literal is structure, and why.
ALLOWED_FILES: dict[str, str] = {
    "batch/tables.py": "Arrow column names and types of the output tables",
}
# Structure that is not vocabulary, by (file under src/diplotext, the words of the literal): why it stays.
# Party, form and area kinds, record fields and table names are the data model, not words of the texts.
ALLOWED: dict[tuple[str, frozenset[str]], str] = {
    ("components/party_linker.py", frozenset({"capital", "demonym"})): "gazetteer form kinds (FormKind values)",
    ("components/actors.py", frozenset({"state", "organization"})): "party kinds (the schema's Party.kind values)",
    ("components/counts.py", frozenset({"scales", "currency_signs", "currency_words", "percent_words", "percent_lemmas"})):
        "names of the quantities mappings the component requires",
    ("gazetteer.py", frozenset({"name", "demonym", "capital"})): "gazetteer form kinds (FormKind values)",
    ("gazetteer.py", frozenset({"demonym", "capital"})): "countryinfo's record keys for these form kinds",
    ("training/corpus.py", frozenset({"state", "organization", "person", "GPE", "ORG", "PERSON"})):
        "party kinds mapped to NER labels",
    ("training/corpus.py", frozenset({"parties", "counts", "dates", "commitments"})): "the Extraction's areas (JSON keys)",
    ("training/corpus.py", frozenset({"train", "dev"})): "names of the DocBin files written",
    ("training/train.py", frozenset({"model-best", "model-last"})): "the folders spacy train writes",
    ("batch/sources.py", frozenset({"text", "markdown", "html"})): "input kinds by file suffix",
    ("pipeline.py", frozenset({"counts", "dates", "commitments"})): "the Extraction's areas (JSON keys)",
    ("pipeline.py", frozenset({"country", "role", "affiliation"})): "Party fields (JSON keys)",
    ("pipeline.py", frozenset({"language", "en"})): "the Extraction's language field and its only value",
    ("vocab.py", frozenset({"I", "M", "X", "S"})): "regex flag letters of a pattern row",
    ("vocab.py", frozenset({"list", "pattern"})): "the placeholder syntax of patterns.v1.jsonl (<<list:X>>, <<pattern:X>>)",
    ("textify.py", frozenset({"script", "style"})): "HTML element names whose content is not text",
    ("textify.py", frozenset({"bullet_list_open", "ordered_list_open"})): "markdown-it token types",
    ("textify.py", frozenset({"text", "code_inline"})): "markdown-it token types",
    ("textify.py", frozenset({"code_block", "fence"})): "markdown-it token types",
    ("timex.py", frozenset({"months", "weekdays", "ordinals"})): "names of the timex mappings the normaliser requires",
    ("timex.py", frozenset({"seasons", "units", "sets"})): "names of the timex mappings the normaliser requires",
    ("timex.py", frozenset({"H", "MIN"})): "TIMEX3 unit codes (hours and minutes go after T)",
}


# Lists with the same words that stay apart because they do different jobs: why.
TWINS: dict[frozenset[str], str] = {
    frozenset({"list_conjunctions", "number_joiners"}): "'and' makes a list of bodies and joins the parts of a number: "
                                                        "two concepts that share their one word today",
    frozenset({"owner_prepositions", "measured_thing_prepositions"}): "'of' names the owner of a stance noun and the thing "
                                                                      "a length unit measures: two concepts, one word today",
}
_REFERENCE = re.compile(r"<<(list|pattern):([a-z][a-z0-9_]*)>>")


@dataclass(frozen=True)
class Finding:
    """One literal that looks like vocabulary, where it is, and why it may stay (``reason`` None: it may not)."""

    path: str
    line: int
    what: str  # "set", "list", "tuple", "dict" or "regex"
    words: tuple[str, ...]
    reason: str | None

    def show(self) -> str:
        """One line: file:line, what it is, its first words and the verdict."""
        sample = ", ".join(self.words[:6]) + (", ..." if len(self.words) > 6 else "")
        verdict = "VOCABULARY" if self.reason is None else f"structure: {self.reason}"
        return f"{self.path}:{self.line}: {self.what} of {len(self.words)} [{sample}] -- {verdict}"


def _spacy_names() -> frozenset[str]:
    """spaCy's labels (POS, tags, dependencies, entities) and token attribute names."""
    try:
        from spacy.attrs import IDS
        from spacy.glossary import GLOSSARY
    except ImportError:  # pragma: no cover - spaCy is a dependency
        return frozenset()
    return frozenset(GLOSSARY) | frozenset(IDS)


SPACY_NAMES = _spacy_names()


def is_word(value: object) -> bool:
    """A string that is a word or a phrase of words (surrounding spaces ignored)."""
    return isinstance(value, str) and _WORD.fullmatch(value.strip()) is not None


def _strings(nodes: list[ast.expr | None]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _regex_parts(node: ast.expr) -> Iterator[str]:
    """The constant string pieces of a regex argument (a literal, a concatenation, an f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.BinOp):
        yield from _regex_parts(node.left)
        yield from _regex_parts(node.right)
    elif isinstance(node, ast.JoinedStr):
        for v in node.values:
            yield from _regex_parts(v)


def regex_alternations(source: str) -> list[str]:
    """The word alternations in a regex source: "(?:the|The)\\s+" -> ["the|The"]."""
    return _ALTERNATION.findall(_ESCAPE.sub(" ", source))


class _Walker(ast.NodeVisitor):
    """Collects the findings of one module."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.found: list[Finding] = []
        self._skip: set[int] = set()  # ids of nodes inside Literal[...] or __all__

    def _reason(self, node: ast.AST, words: list[str], record_keys: bool = False) -> str | None:
        if id(node) in self._skip:
            return "a type, the module's exports or a factory's declarations"
        allowed = ALLOWED.get((self.rel, frozenset(words))) or ALLOWED_FILES.get(self.rel)
        if allowed:
            return allowed
        if all(w in SPACY_NAMES for w in words):
            return "spaCy labels or attribute names"
        return "keys of a JSON record" if record_keys else None

    def _add(self, node: ast.AST, what: str, words: list[str], record_keys: bool = False) -> None:
        if len(words) >= 2:
            lineno = getattr(node, "lineno", 0)
            self.found.append(Finding(self.rel, lineno, what, tuple(words), self._reason(node, words, record_keys)))

    def _mark(self, node: ast.AST) -> None:
        for sub in ast.walk(node):
            self._skip.add(id(sub))

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.value, ast.Name) and node.value.id == "Literal":
            self._mark(node.slice)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            self._mark(node.value)
        self.generic_visit(node)

    def _collection(self, node: ast.Set | ast.List | ast.Tuple, what: str) -> None:
        self._add(node, what, [s for s in _strings(list(node.elts)) if is_word(s)])
        self.generic_visit(node)

    def visit_Set(self, node: ast.Set) -> None:
        self._collection(node, "set")

    def visit_List(self, node: ast.List) -> None:
        self._collection(node, "list")

    def visit_Tuple(self, node: ast.Tuple) -> None:
        self._collection(node, "tuple")

    def visit_Dict(self, node: ast.Dict) -> None:
        keys = [s for s in _strings(list(node.keys)) if is_word(s)]
        values = [s for s in _strings(list(node.values)) if is_word(s)]
        if all(isinstance(v, ast.Constant) for v in node.values):  # a table of constants: keys and values count
            self._add(node, "dict", keys + values)
        else:  # word keys mapped to computed values: the fields of a record being built
            self._add(node, "dict", keys, record_keys=True)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        for k in node.keywords:
            if k.arg in STRUCTURAL_KEYWORDS:
                self._mark(k.value)
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "re" and f.attr in REGEX_FUNCTIONS:
            pattern = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "pattern"), None)
            if pattern is not None:
                alts = [a for part in _regex_parts(pattern) for a in regex_alternations(part)]
                words = [w for a in alts for w in a.split("|")]
                if alts:
                    self.found.append(Finding(self.rel, node.lineno, "regex", tuple(words), self._reason(node, words)))
        self.generic_visit(node)


def _scope_files() -> list[Path]:
    files: list[Path] = []
    for part in VOCABULARY_SCOPE:
        p = PACKAGE / part
        files.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
    return files


def vocabulary_findings() -> list[Finding]:
    """Every vocabulary-like literal in the audited modules."""
    out: list[Finding] = []
    for path in _scope_files():
        walker = _Walker(path.relative_to(PACKAGE).as_posix())
        walker.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        out.extend(sorted(walker.found, key=lambda f: f.line))
    return out


def _rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _code_strings() -> set[str]:
    """Every string constant in the library's code (where a component names a list or a pattern)."""
    out: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


def _used_rows(patterns: dict[str, str], named: set[str]) -> tuple[set[str], set[str]]:
    """The patterns the code names and those they refer to, and the lists these and the code name."""
    used: set[str] = set()
    todo = [n for n in patterns if n in named]
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            todo.extend(ref for kind, ref in _REFERENCE.findall(patterns[name]) if kind == "pattern" and ref in patterns)
    lists = {ref for name in used for kind, ref in _REFERENCE.findall(patterns[name]) if kind == "list"}
    return used, lists | named


def data_findings() -> list[str]:
    """Rows without a doc, words listed twice, lists with the same words, lists and patterns nothing uses."""
    lexicon, pattern_rows = _rows("lexicon.v1.jsonl"), _rows("patterns.v1.jsonl")
    lists = {str(r["name"]): [str(v) for v in r["values"]] for r in lexicon}
    patterns = {str(r["name"]): str(r["regex"]) for r in pattern_rows}
    out = [f"{file}: {r['name']} has no doc" for file, rows in (("lexicon", lexicon), ("patterns", pattern_rows))
           for r in rows if not r.get("doc")]
    for name, words in lists.items():
        twice = sorted({w for w in words if words.count(w) > 1})
        if twice:
            out.append(f"lexicon: {name} lists {', '.join(twice)} twice")
    for (a, wa), (b, wb) in itertools.combinations(lists.items(), 2):
        if set(wa) == set(wb) and frozenset({a, b}) not in TWINS:
            out.append(f"lexicon: {a} and {b} hold the same words: merge them, or say in TWINS why both stay")
    used_patterns, used_lists = _used_rows(patterns, _code_strings())
    out += [f"patterns: {n} is used by no component" for n in patterns if n not in used_patterns]
    out += [f"lexicon: {n} is used by no component" for n in lists if n not in used_lists]
    return out


def _is_factory(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function decorated as a spaCy factory or a registered function."""
    for d in node.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        if isinstance(target, ast.Attribute) and target.attr in {"factory", "component"}:
            return True
    return False


def function_findings() -> list[str]:
    """Functions over MAX_LINES lines, and public functions, classes and factories without a docstring,
    across src/."""
    out: list[str] = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ClassDef) and ast.get_docstring(node) is None:
                out.append(f"{rel}:{node.lineno}: class {node.name} has no docstring")
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_LINES:
                out.append(f"{rel}:{node.lineno}: {node.name} is {length} lines (over {MAX_LINES})")
            public = not node.name.startswith("_") or _is_factory(node)
            if public and ast.get_docstring(node) is None:
                out.append(f"{rel}:{node.lineno}: {node.name} has no docstring")
    return out


def main() -> int:
    """Print the findings and the totals; exit 1 when vocabulary is left in code, a data row or a function needs work."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="also print the structural findings")
    args = ap.parse_args()
    findings = vocabulary_findings()
    vocab = [f for f in findings if f.reason is None]
    for f in findings if args.all else vocab:
        print(f.show())
    collections = [f for f in findings if f.what != "regex"]
    regexes = [f for f in findings if f.what == "regex"]
    print(f"found: {len(collections)} collections ({sum(len(f.words) for f in collections)} entries), {len(regexes)} regexes")
    left_c = [f for f in vocab if f.what != "regex"]
    left_r = [f for f in vocab if f.what == "regex"]
    print(f"vocabulary left in code: {len(left_c)} collections ({sum(len(f.words) for f in left_c)} entries), "
          f"{len(left_r)} regexes; structure allowed: {len(findings) - len(vocab)}")
    data = data_findings()
    for line in data:
        print(line)
    print(f"data rows to fix (no doc, duplicates, unused): {len(data)}")
    functions = function_findings()
    for line in functions:
        print(line)
    print(f"functions to fix (over {MAX_LINES} lines or without a docstring): {len(functions)}")
    return 1 if vocab or data or functions else 0


if __name__ == "__main__":
    sys.exit(main())
