"""diplotext_linebreaks: a line break starts a sentence before the parser runs; spaces and a
trailing newline do not; the component saves and loads like any pipe (it holds no data)."""

from __future__ import annotations

import pytest
import spacy

NAME = "diplotext_linebreaks"


def _starts(nlp, text: str) -> list[str]:
    """The tokens after the first that the component alone marks as sentence starts."""
    doc = nlp.get_pipe(NAME)(nlp.make_doc(text))
    return [t.text for t in doc[1:] if t.is_sent_start]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # a line break starts a sentence: the title and the line below it are two
        ("Joint Statement\nagreed to expand trade.", ["agreed"]),
        # a break with indentation, and a blank line, are one whitespace token each
        ("Joint Statement\n  agreed to expand trade.", ["agreed"]),
        ("Joint Statement\n\nagreed to expand trade.", ["agreed"]),
        # every line of a bulleted list
        ("The sides agreed to:\n- expand trade\n- deepen ties", ["-", "-"]),
        # spaces are no line break
        ("China and   Pakistan agreed to expand trade.", []),
        # a trailing newline starts nothing
        ("China and Pakistan agreed to expand trade.\n", []),
    ],
)
def test_linebreaks_marks_the_token_after_a_line_break(nlp, text, starts):
    assert _starts(nlp, text) == starts


@pytest.mark.parametrize(
    ("text", "sents"),
    [
        # the parser alone runs a title into the line below it; it keeps the break as a boundary
        ("Joint Statement\nagreed to expand trade.", ["Joint Statement\n", "agreed to expand trade."]),
        ("China and Pakistan\nagreed to expand trade.", ["China and Pakistan\n", "agreed to expand trade."]),
    ],
)
def test_linebreaks_the_parser_keeps_a_line_break_as_a_sentence_boundary(nlp, text, sents):
    assert [s.text for s in nlp(text).sents] == sents


def test_linebreaks_runs_before_the_parser_and_declares_what_it_sets(nlp):
    names = nlp.pipe_names
    assert names.index(NAME) < names.index("parser")
    meta = nlp.get_pipe_meta(NAME)
    assert meta.assigns == ["token.is_sent_start"]
    assert meta.requires == []


def test_linebreaks_to_disk_from_disk_round_trips(nlp, tmp_path):
    nlp.get_pipe(NAME).to_disk(tmp_path / NAME)
    assert (tmp_path / NAME).is_dir()
    blank = spacy.blank("en")
    fresh = blank.add_pipe(NAME).from_disk(tmp_path / NAME)
    doc = fresh(blank("Joint Statement\nagreed to expand trade."))
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["agreed"]


def test_linebreaks_to_bytes_from_bytes_round_trips(nlp):
    data = nlp.get_pipe(NAME).to_bytes()
    fresh = spacy.blank("en").add_pipe(NAME)
    assert fresh.from_bytes(data) is fresh
    assert fresh.to_bytes() == data == b""


def test_linebreaks_saved_pipeline_keeps_the_boundary(nlp, tmp_path):
    """The whole route: nlp.to_disk, then spaCy's own load, and the break still starts a sentence."""
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert [s.text for s in loaded("Joint Statement\nagreed to expand trade.").sents] == ["Joint Statement\n", "agreed to expand trade."]
