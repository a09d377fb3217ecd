"""Settings have one source: config.cfg. A saved pipeline whose config.cfg is edited runs with the
edited value, and no component keeps a private ``cfg`` file that could override it on load."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.util import load_config

import diplotext
from diplotext.schema import Extraction

REFERENCE_DATE = "2021-12-09"


def _dates(ex: Extraction) -> list[str]:
    return [d.text for d in ex.dates]


def _counts(ex: Extraction) -> list[str]:
    return [c.text for c in ex.counts]


# (component, setting, edited value, short text, what the output holds by default, and after the edit)
SETTINGS = [
    # the NER's DATE entity is the only thing that finds "the spring"
    pytest.param("diplotext_dates", "use_ner", False, "They met in the spring.", _dates, ["the spring"], [],
                 id="dates-use_ner-false"),
    # "the two sides" only points at the parties: skipped by default, a count once pointers are kept
    pytest.param("diplotext_counts", "skip_pointers", False, "The two sides signed nine agreements.", _counts,
                 ["nine agreements"], ["two sides", "nine agreements"], id="counts-skip_pointers-false"),
]


@pytest.fixture(scope="module")
def saved(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pipeline saved once; each case edits its own copy."""
    path = tmp_path_factory.mktemp("config") / "default"
    nlp.to_disk(path)
    return path


def _edited_copy(saved: Path, dest: Path, component: str, setting: str, value: Any) -> Path:
    shutil.copytree(saved, dest)
    cfg = load_config(dest / "config.cfg", interpolate=False)
    assert setting in cfg["components"][component], f"{component} has no setting {setting!r} in config.cfg"
    cfg["components"][component][setting] = value
    cfg.to_disk(dest / "config.cfg")
    return dest


def test_config_saved_default_pipeline_has_no_private_cfg_files(saved: Path) -> None:
    private = sorted(str(p.relative_to(saved)) for p in saved.glob("*/cfg") if p.parent.name.startswith("diplotext_"))
    assert private == [], f"components save settings outside config.cfg, which override it on load: {private}"


@pytest.mark.parametrize(("component", "setting", "value", "text", "view", "before", "after"), SETTINGS)
def test_config_edited_setting_in_saved_config_changes_behaviour(
    nlp: Language, saved: Path, tmp_path: Path, component: str, setting: str, value: Any, text: str,
    view: Callable[[Extraction], list[str]], before: list[str], after: list[str],
) -> None:
    assert view(diplotext.extract(text, reference_date=REFERENCE_DATE, nlp=nlp)) == before
    edited = spacy.load(_edited_copy(saved, tmp_path / "edited", component, setting, value))
    assert edited.get_pipe_config(component)[setting] == value
    got = view(diplotext.extract(text, reference_date=REFERENCE_DATE, nlp=edited))
    assert got == after, (
        f"{component} ran as if {setting} had its old value although config.cfg says {setting} = {value}: "
        "a setting saved elsewhere (a private cfg) overrode config.cfg on load"
    )
