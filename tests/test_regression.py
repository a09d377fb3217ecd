"""Regression guard: strict F1 of the default pipeline on corpus/ (each file with its gold reference
date) and on the gold fixture, scored by diplotext.scoring, may not drop more than the pinned
tolerance below tests/regression_baseline.json (written by scripts/pin_regression.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from diplotext.scoring import AREAS
from diplotext.training.train import evaluate

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((ROOT / "tests" / "regression_baseline.json").read_text(encoding="utf-8"))
SETS = {"corpus": None, "fixture": ["china-pakistan-2021"]}  # name -> the gold files scored (None: all)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def measured(nlp: Language) -> dict[str, dict[str, Any]]:
    """Both sets scored once for all the cases below (the corpus takes most of the time)."""
    out = {}
    for name, names in SETS.items():
        report = evaluate("default", ROOT / "corpus", names=names, nlp=nlp)
        out[name] = {"documents": report.documents, "strict_f1": report.strict_f1()}
    return out


def test_regression_baseline_covers_every_set_and_area():
    assert {name: sorted(BASELINE[name]["strict_f1"]) for name in SETS} == {name: sorted(AREAS) for name in SETS}
    assert 0 < BASELINE["tolerance"] <= 0.01


@pytest.mark.parametrize("name", SETS)
def test_regression_scores_every_pinned_document(measured, name):
    """A corpus that lost files would score other documents: the pinned figures would not apply."""
    assert measured[name]["documents"] == BASELINE[name]["documents"]


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("name", SETS)
def test_regression_strict_f1_does_not_drop(measured, name, area):
    pinned = BASELINE[name]["strict_f1"][area]
    got = measured[name]["strict_f1"][area]
    assert got >= pinned - BASELINE["tolerance"] - 1e-9, (  # 1e-9: a drop of exactly the tolerance is allowed
        f"{name} {area}: strict F1 {got:.4f} is more than {BASELINE['tolerance']} below the pinned {pinned:.4f}; "
        "find the cause (score.py --errors); re-pin with scripts/pin_regression.py only for an intended change"
    )
