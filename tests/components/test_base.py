"""diplotext.components._base: DataPipe loads its slots in initialize (packaged file or a given
path), refuses unknown slots, and saves its rows with the pipeline so that a saved pipeline reads
its own copy back, never the installed package's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from diplotext.components._base import DataPipe, Slot
from diplotext.resources import LexiconEntry

TOY_LIST = "toy_marks"
FACTORY = "diplotext_test_toy"


class ToyPipe(DataPipe):
    """A one-slot DataPipe: lists in ``doc.user_data["toy"]`` the tokens found in lexicon list TOY_LIST."""

    slots: ClassVar[dict[str, Slot]] = {"lexicon": Slot("lexicon.v1.jsonl", LexiconEntry)}

    def setup(self) -> None:
        """The lookup set is rebuilt from ``self.data`` whenever the rows change."""
        self.marks = self.vocabulary.words(TOY_LIST) if TOY_LIST in self.vocabulary.list_names else frozenset()

    def __call__(self, doc: Doc) -> Doc:
        """Mark the listed tokens."""
        self.ensure_initialized()
        doc.user_data["toy"] = [t.text for t in doc if t.text in self.marks]
        return doc


if not Language.has_factory(FACTORY):
    Language.factory(FACTORY, func=lambda nlp, name: ToyPipe(nlp, name))


def _lexicon_file(path: Path, words: list[str]) -> Path:
    rows: list[dict[str, Any]] = [{"name": TOY_LIST, "values": words, "doc": "test"}, {"name": "other", "values": ["x"]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _toy_nlp() -> tuple[Language, ToyPipe]:
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe(FACTORY, name="toy")
    assert isinstance(pipe, ToyPipe)
    return nlp, pipe


def _marks(nlp: Language, text: str = "Alpha met Beta and Gamma") -> list[str]:
    return list(nlp(text).user_data["toy"])


def test_datapipe_initialize_reads_the_packaged_file_by_default():
    _, pipe = _toy_nlp()
    pipe.initialize()
    assert pipe.data is not None
    assert "common_english_words" in pipe.vocabulary.list_names


def test_datapipe_initialize_reads_the_file_resources_names(tmp_path):
    nlp, pipe = _toy_nlp()
    pipe.initialize(resources={"lexicon": str(_lexicon_file(tmp_path / "mine.jsonl", ["Beta"]))})
    assert pipe.vocabulary.list_names == ["other", TOY_LIST]
    assert _marks(nlp) == ["Beta"]


def test_datapipe_initialize_resources_come_from_the_config(tmp_path):
    """``[initialize.components.NAME.resources]`` reaches initialize (the training-config route)."""
    nlp, _ = _toy_nlp()
    nlp.config["initialize"]["components"]["toy"] = {"resources": {"lexicon": str(_lexicon_file(tmp_path / "l.jsonl", ["Gamma"]))}}
    nlp.initialize()
    assert _marks(nlp) == ["Gamma"]


def test_datapipe_initialize_refuses_an_unknown_slot(tmp_path):
    _, pipe = _toy_nlp()
    with pytest.raises(ValueError, match=r"toy: unknown resource slot\(s\) \['lexicn'\]; slots are \['lexicon'\]"):
        pipe.initialize(resources={"lexicn": str(tmp_path / "x.jsonl")})


def test_datapipe_runs_uninitialised_on_packaged_data():
    nlp, pipe = _toy_nlp()
    assert pipe.data is None
    assert _marks(nlp) == []  # the packaged lexicon has no TOY_LIST
    assert pipe.data is not None


def test_datapipe_to_bytes_from_bytes_round_trips(tmp_path):
    _, pipe = _toy_nlp()
    pipe.initialize(resources={"lexicon": str(_lexicon_file(tmp_path / "l.jsonl", ["Alpha"]))})
    fresh_nlp, fresh = _toy_nlp()
    fresh.from_bytes(pipe.to_bytes())
    assert fresh.data == pipe.data
    assert fresh.to_bytes() == pipe.to_bytes()
    assert _marks(fresh_nlp) == ["Alpha"]


def test_datapipe_to_disk_from_disk_round_trips(tmp_path):
    _, pipe = _toy_nlp()
    pipe.initialize(resources={"lexicon": str(_lexicon_file(tmp_path / "l.jsonl", ["Alpha", "Beta"]))})
    pipe.to_disk(tmp_path / "saved")
    fresh_nlp, fresh = _toy_nlp()
    fresh.from_disk(tmp_path / "saved")
    assert fresh.data == pipe.data
    assert _marks(fresh_nlp) == ["Alpha", "Beta"]


def test_datapipe_from_disk_reads_the_saved_files_not_the_packaged_ones(tmp_path):
    _, pipe = _toy_nlp()
    pipe.initialize()
    pipe.to_disk(tmp_path / "saved")
    saved = tmp_path / "saved" / "lexicon.v1.jsonl"
    with saved.open("a", encoding="utf-8") as fh:  # edit the saved copy only
        fh.write(json.dumps({"name": TOY_LIST, "values": ["Gamma"]}) + "\n")
    fresh_nlp, fresh = _toy_nlp()
    fresh.from_disk(tmp_path / "saved")
    assert _marks(fresh_nlp) == ["Gamma"]


def test_datapipe_saved_pipeline_loads_its_own_rows(tmp_path):
    """The whole route: nlp.to_disk, edit the component's saved file, spacy.load sees the edit."""
    nlp, _ = _toy_nlp()
    nlp.initialize()
    nlp.to_disk(tmp_path / "pipeline")
    _lexicon_file(tmp_path / "pipeline" / "toy" / "lexicon.v1.jsonl", ["Alpha"])
    assert _marks(spacy.load(tmp_path / "pipeline")) == ["Alpha"]


def test_datapipe_from_disk_refuses_an_invalid_saved_row(tmp_path):
    _, pipe = _toy_nlp()
    pipe.initialize()
    pipe.to_disk(tmp_path / "saved")
    (tmp_path / "saved" / "lexicon.v1.jsonl").write_text('{"name": "Bad Name", "values": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"lexicon\.v1\.jsonl: entry 1 'Bad Name' \(line 1\) is invalid: name: "):
        ToyPipe(spacy.blank("en"), "toy").from_disk(tmp_path / "saved")


class RulesToyPipe(DataPipe[frozenset[str]]):
    """A DataPipe whose rule table (the words of TOY_LIST) is built through ``build_rules``."""

    slots: ClassVar[dict[str, Slot]] = {"lexicon": Slot("lexicon.v1.jsonl", LexiconEntry)}
    builds = 0

    def build_rules(self) -> frozenset[str]:
        """Count the builds, so the test sees when the table is built."""
        type(self).builds += 1
        return self.vocabulary.words(TOY_LIST)


def test_datapipe_rules_are_built_once_on_first_use_and_again_after_new_data(tmp_path):
    pipe = RulesToyPipe(spacy.blank("en"), "toy")
    RulesToyPipe.builds = 0
    pipe.initialize(resources={"lexicon": str(_lexicon_file(tmp_path / "a.jsonl", ["Alpha"]))})
    assert RulesToyPipe.builds == 0  # not at initialize: a pipe only loaded or saved never builds them
    assert pipe.rules == {"Alpha"} and pipe.rules is pipe.rules
    assert RulesToyPipe.builds == 1
    other = RulesToyPipe(spacy.blank("en"), "toy")
    other.initialize(resources={"lexicon": str(_lexicon_file(tmp_path / "b.jsonl", ["Beta"]))})
    pipe.from_bytes(other.to_bytes())
    assert pipe.rules == {"Beta"}  # rebuilt from the new rows
    assert RulesToyPipe.builds == 2


def test_datapipe_rules_of_a_pipe_without_rule_tables_raise():
    _, pipe = _toy_nlp()
    with pytest.raises(NotImplementedError, match="ToyPipe has no rule tables"):
        _ = pipe.rules
