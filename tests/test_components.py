"""diplotext.components: serialisation of each component and its registered scorer."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

import diplotext
from diplotext.pipeline import COMPONENTS

# the components with a registered scorer, and the span group each scores: the party linker writes
# the parties' group (the other party components feed it), diplotext_actors the commitments' group
# (diplotext_cues' candidates have no gold of their own)
SCORED = {"diplotext_party_linker": "diplotext_parties", "diplotext_dates": "diplotext_dates",
          "diplotext_counts": "diplotext_counts", "diplotext_actors": "diplotext_commitments"}
AREA_KEYS = {"parties": "diplotext_parties", "dates": "diplotext_dates", "counts": "diplotext_counts",
             "commitments": "diplotext_commitments"}


@pytest.mark.parametrize("name", COMPONENTS)
def test_component_to_bytes_from_bytes_round_trips(nlp, name):
    pipe = nlp.get_pipe(name)
    data = pipe.to_bytes()
    fresh = spacy.blank("en").add_pipe(name)
    fresh.from_bytes(data)
    # components built on DataPipe hold no cfg: their settings live in config.cfg only
    assert getattr(fresh, "cfg", None) == getattr(pipe, "cfg", None)
    assert fresh.to_bytes() == data


@pytest.mark.parametrize("name", COMPONENTS)
def test_component_to_disk_from_disk_round_trips(nlp, name, tmp_path):
    pipe = nlp.get_pipe(name)
    pipe.to_disk(tmp_path / name)
    fresh = spacy.blank("en").add_pipe(name)
    fresh.from_disk(tmp_path / name)
    assert fresh.to_bytes() == pipe.to_bytes()


def test_pipeline_to_bytes_from_bytes_gives_same_output(nlp, fixture_text, fixture_extraction):
    again = diplotext.build()
    again.from_bytes(nlp.to_bytes())
    ex = diplotext.extract(fixture_text, reference_date="2021-12-09", doc_id="china-pakistan-2021", nlp=again)
    assert ex == fixture_extraction


@pytest.mark.parametrize("name", SCORED)
def test_component_has_registered_scorer(nlp, name):
    pipe = nlp.get_pipe(name)
    assert callable(pipe.scorer)
    assert nlp.get_pipe_config(name)["scorer"]["@scorers"].startswith("diplotext.")


def _reference(nlp, text: str, gold: dict) -> Doc:
    ref = nlp.make_doc(text)
    label = {"parties": lambda g: g["id"], "dates": lambda g: g["type"], "counts": lambda g: g["unit"] or "count",
             "commitments": lambda g: g["kind"]}
    for area, key in AREA_KEYS.items():
        spans = []
        if area == "parties":
            items = [(m, p) for p in gold["parties"] for m in p.get("mentions", [])]
        else:
            items = [(g, g) for g in gold[area]]
        for it, owner in items:
            sp = ref.char_span(it["start"], it["end"], label=label[area](owner), alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        ref.spans[key] = spans
    return ref


@pytest.fixture(scope="module")
def examples(nlp, fixture_text, fixture_gold):
    paragraphs = [p for p in fixture_text.split("\n\n") if p.strip()]
    egs = [Example(nlp.make_doc(fixture_text), _reference(nlp, fixture_text, fixture_gold))]
    # a second, smaller example: the first paragraph with the gold items inside it
    first = paragraphs[1]
    off = fixture_text.index(first)
    sub = {area: [dict(g, start=g["start"] - off, end=g["end"] - off) for g in fixture_gold[area]
                  if off <= g["start"] and g["end"] <= off + len(first)] for area in ("dates", "counts", "commitments")}
    sub["parties"] = []
    egs.append(Example(nlp.make_doc(first), _reference(nlp, first, sub)))
    for eg in egs:
        eg.predicted._.reference_date = "2021-12-09"
        eg.predicted._.reference_date_source = "given"
    return egs


def _prf(scores: dict, name: str, which: str) -> float:
    """The scorer's P/R/F under the key its default_score_weights name (spans_<key>_f)."""
    return scores[f"spans_{name}_{which}"]


@pytest.mark.parametrize("name", SCORED)
def test_component_scorer_runs_via_nlp_evaluate(nlp, examples, name):
    scores = nlp.evaluate(examples)
    key = f"spans_{SCORED[name]}_f"
    assert key in scores, sorted(scores)
    assert 0.0 <= scores[key] <= 1.0


@pytest.mark.parametrize("name", ["diplotext_dates", "diplotext_counts"])
def test_component_scorer_via_nlp_evaluate_is_high_on_gold_fixture(nlp, examples, name):
    scores = nlp.evaluate(examples)
    assert scores[f"spans_{name}_f"] >= 0.9


@pytest.fixture(scope="module")
def processed_examples(nlp, examples):
    return [Example(nlp(eg.predicted.copy()), eg.reference) for eg in examples]


@pytest.mark.parametrize("name", SCORED)
def test_component_scorer_scores_span_groups(nlp, processed_examples, name):
    scores = nlp.get_pipe(name).scorer(processed_examples)
    assert 0.0 <= _prf(scores, SCORED[name], "f") <= 1.0


@pytest.mark.parametrize("name", SCORED)
def test_component_scorer_skips_a_reference_without_its_span_group(nlp, processed_examples, name):
    """A gold Doc annotated for other areas only is skipped, not scored as all false negatives."""
    bare = [Example(eg.predicted, eg.reference.copy()) for eg in processed_examples]
    for eg in bare:
        del eg.reference.spans[SCORED[name]]
    assert _prf(nlp.get_pipe(name).scorer(bare), SCORED[name], "f") is None


@pytest.mark.parametrize("name", ["diplotext_dates", "diplotext_counts"])
def test_component_scorer_is_high_on_gold_fixture(nlp, processed_examples, name):
    # token-level spans; the fixture's optional items count as false positives here
    scores = nlp.get_pipe(name).scorer(processed_examples)
    assert _prf(scores, name, "r") == pytest.approx(1.0), scores
    assert _prf(scores, name, "f") >= 0.9, scores

