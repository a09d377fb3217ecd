"""diplotext.resources: every packaged data file validates with its row model, round-trips through
write_rows/load_rows, and a broken row fails at load time with one line naming file and entry."""

from __future__ import annotations

import importlib
import json
import pkgutil
from importlib import resources as importlib_resources
from pathlib import Path

import pytest
from pydantic import BaseModel

import diplotext.components
from diplotext.components._base import GAZETTEER_SLOTS, LEXICON_SLOTS, DataPipe, Slot
from diplotext.resources import (
    CountryEntry,
    LexiconEntry,
    Official,
    OrgEntry,
    PatternEntry,
    lexicon,
    load_rows,
    read,
    write_rows,
)

PACKAGED = sorted(p.name for p in importlib_resources.files("diplotext.resources").iterdir() if p.name.endswith(".jsonl"))


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def _declared_slots() -> list[Slot]:
    """Every Slot a component declares: the shared lexicon and gazetteer slots and each DataPipe's own."""
    for mod in pkgutil.iter_modules(diplotext.components.__path__):
        importlib.import_module(f"diplotext.components.{mod.name}")
    slots = [*LEXICON_SLOTS.values(), *GAZETTEER_SLOTS.values()]
    for cls in _subclasses(DataPipe):
        slots += cls.slots.values()
    return slots


def _model_of(file: str) -> type[BaseModel] | None:
    models = {s.model for s in _declared_slots() if s.file == file}
    assert len(models) <= 1, f"{file} is declared with different row models: {sorted(m.__name__ for m in models)}"
    return next(iter(models), None)


def _rows_or_xfail(file: str) -> list[BaseModel]:
    model = _model_of(file)
    if model is None:
        assert all(isinstance(obj, dict) for obj in read(file)), f"{file}: a line is not a JSON object"
        pytest.xfail(f"no component declares a Slot for {file}: its rows are read but not validated by a model")
    return load_rows(file, model)


def test_resources_packaged_files_are_found():
    assert {"lexicon.v1.jsonl", "patterns.v1.jsonl", "countries.v1.jsonl", "organizations.v1.jsonl",
            "officials.v1.jsonl"} <= set(PACKAGED)


@pytest.mark.parametrize("file", PACKAGED)
def test_resources_packaged_file_validates_with_its_model(file):
    rows = _rows_or_xfail(file)
    assert len(rows) == sum(1 for _ in read(file))


@pytest.mark.parametrize("file", PACKAGED)
def test_resources_write_rows_load_rows_round_trip(file, tmp_path):
    rows = _rows_or_xfail(file)
    out = tmp_path / file
    write_rows(out, rows)
    again = load_rows(out, type(rows[0]) if rows else LexiconEntry)
    assert again == rows


def test_resources_lexicon_names_are_unique():
    names = [r.name for r in load_rows("lexicon.v1.jsonl", LexiconEntry)]
    assert len(names) == len(set(names))
    assert set(lexicon()) == set(names)


def test_resources_load_rows_reads_a_path_not_the_packaged_file(tmp_path):
    path = tmp_path / "lexicon.v1.jsonl"
    path.write_text(json.dumps({"name": "only_here", "values": ["x"]}) + "\n\n", encoding="utf-8")
    assert [r.name for r in load_rows(path, LexiconEntry)] == ["only_here"]
    assert [r.name for r in load_rows(str(path), LexiconEntry)] == ["only_here"]  # a str with a folder is a path too


BAD_ROWS = [
    pytest.param(CountryEntry, {"iso3": "usa", "names": ["USA"]}, "'usa'", "iso3", id="country-iso3-lowercase"),
    pytest.param(OrgEntry, {"name": "United Nations", "alias": ["UN"]}, "'United Nations'", "alias", id="org-unknown-key"),
    pytest.param(Official, {"aliases": ["Biden"], "country": "USA"}, "", "name", id="official-without-name"),
    pytest.param(LexiconEntry, {"name": "Org Heads", "values": []}, "'Org Heads'", "name", id="lexicon-bad-name"),
    pytest.param(LexiconEntry, {"name": "org_heads", "values": "agency"}, "'org_heads'", "values", id="lexicon-values-not-list"),
    pytest.param(PatternEntry, {"name": "p", "regex": "x", "flags": ["Q"]}, "'p'", "flags.0", id="pattern-unknown-flag"),
]


@pytest.mark.parametrize(("model", "bad", "label", "field"), BAD_ROWS)
def test_resources_invalid_row_is_one_line_naming_file_and_entry(tmp_path, model, bad, label, field):
    path = tmp_path / "broken.v1.jsonl"
    good = {CountryEntry: {"iso3": "GBR"}, OrgEntry: {"name": "NATO"}, Official: {"name": "A. B."},
            LexiconEntry: {"name": "ok", "values": []}, PatternEntry: {"name": "ok", "regex": "a"}}[model]
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_rows(path, model)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: entry 2{' ' + label if label else ''} (line 3) is invalid: ")
    assert f"{field}: " in message


def test_resources_line_that_is_not_json_names_file_and_line(tmp_path):
    path = tmp_path / "broken.v1.jsonl"
    path.write_text('{"name": "ok", "values": []}\n{"name": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.v1\.jsonl: line 2 is not JSON") as info:
        load_rows(path, LexiconEntry)
    assert "\n" not in str(info.value)


def test_resources_write_rows_leaves_defaults_out(tmp_path):
    path = tmp_path / "orgs.v1.jsonl"
    write_rows(path, [OrgEntry(name="NATO")])
    assert json.loads(Path(path).read_text(encoding="utf-8")) == {"name": "NATO"}
