"""Shared fixtures: one loaded pipeline for the session, the gold fixture, hypothesis profiles."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import diplotext
from diplotext.resources import read

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURE = "china-pakistan-2021"

# "ci" (default): bounded time and the same generated examples on every run (derandomised, so a CI
# result is reproducible); "dev": a quick pass; "thorough": ten times the examples, freshly random each run.
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("ci", max_examples=500, derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=50, **_COMMON)
settings.register_profile("thorough", max_examples=5000, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
_SCALE = {"ci": 1.0, "dev": 0.1, "thorough": 10.0}


def examples(n: int) -> int:
    """A property test's example count under the active profile (ci: n; dev: n/10; thorough: 10n)."""
    return max(5, int(n * _SCALE.get(PROFILE, 1.0)))


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline, loaded once."""
    return diplotext.load()


@pytest.fixture
def lexicon_with(tmp_path) -> Callable[[str, Callable[[list[str]], list[str]]], str]:
    """A maker of lexicon files: ``lexicon_with(NAME, edit)`` writes a copy of the packaged lexicon
    whose list NAME holds ``edit(words)`` and returns its path, for ``initialize(resources=...)``
    (the "these words are data" tests: remove a word, and the rule that reads it stops firing)."""

    def make(name: str, edit: Callable[[list[str]], list[str]]) -> str:
        path = tmp_path / f"lexicon-{name}.jsonl"
        rows = list(read("lexicon.v1.jsonl"))
        assert any(row["name"] == name for row in rows), f"the packaged lexicon has no list {name!r}"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                if row["name"] == name:
                    row["values"] = edit(list(row["values"]))
                fh.write(json.dumps(row) + "\n")
        return str(path)

    return make


@pytest.fixture(scope="session")
def fixture_text() -> str:
    return (CORPUS / f"{FIXTURE}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fixture_gold() -> dict:
    return json.loads((CORPUS / f"{FIXTURE}.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def fixture_extraction(nlp, fixture_text, fixture_gold):
    return diplotext.extract(fixture_text, reference_date=fixture_gold["reference_date"], doc_id=FIXTURE, nlp=nlp)
