"""diplotext.util: the span-group scorer every registered scorer is built from, its score weights,
slugs and span groups."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example

from diplotext.util import slugify, span_group, span_group_scorer, span_score_weights

KEY = "diplotext_things"


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _doc(blank, spans: list[tuple[int, int, str]] | None, text: str = "Alpha met Beta and Gamma") -> Doc:
    """A Doc with span group KEY holding ``spans`` (token offsets and label); None: no group at all."""
    doc = blank(text)
    if spans is not None:
        doc.spans[KEY] = [Span(doc, s, e, label=lab) for s, e, lab in spans]
    return doc


def _example(blank, predicted, reference) -> Example:
    return Example(_doc(blank, predicted), _doc(blank, reference))


def test_span_group_scorer_scores_the_group_under_spans_key(blank):
    scores = span_group_scorer(KEY, labeled=True)([_example(blank, [(0, 1, "A")], [(0, 1, "A"), (2, 3, "B")])])
    assert scores[f"spans_{KEY}_p"] == 1.0
    assert scores[f"spans_{KEY}_r"] == 0.5
    assert f"spans_{KEY}_per_type" in scores


def test_span_group_scorer_skips_examples_whose_reference_lacks_the_group(blank):
    """spaCy's has_annotation convention: a gold Doc without the group is not all false negatives
    (nor are the predictions on it false positives)."""
    annotated = _example(blank, [(0, 1, "A")], [(0, 1, "A")])
    unannotated = _example(blank, [(2, 3, "B")], None)
    scores = span_group_scorer(KEY, labeled=True)([annotated, unannotated])
    assert scores[f"spans_{KEY}_p"] == 1.0
    assert scores[f"spans_{KEY}_f"] == 1.0


def test_span_group_scorer_scores_an_empty_reference_group(blank):
    """An empty group is annotation ("nothing here"): predictions on it are false positives."""
    scores = span_group_scorer(KEY, labeled=True)([_example(blank, [(0, 1, "A")], [])])
    assert scores[f"spans_{KEY}_p"] == 0.0


def test_span_group_scorer_without_any_annotated_example_gives_no_score(blank):
    scores = span_group_scorer(KEY, labeled=True)([_example(blank, [(0, 1, "A")], None)])
    assert scores[f"spans_{KEY}_f"] is None


@pytest.mark.parametrize(("labeled", "f"), [(True, 0.0), (False, 1.0)])
def test_span_group_scorer_labeled_false_scores_boundaries_only(blank, labeled, f):
    scores = span_group_scorer(KEY, labeled=labeled)([_example(blank, [(0, 1, "A")], [(0, 1, "B")])])
    assert scores[f"spans_{KEY}_f"] == f


def test_span_group_scorer_allows_overlapping_spans(blank):
    spans = [(0, 3, "A"), (2, 4, "A")]
    scores = span_group_scorer(KEY, labeled=True)([_example(blank, spans, spans)])
    assert scores[f"spans_{KEY}_f"] == 1.0


def test_span_group_scorer_callers_keywords_win(blank):
    scores = span_group_scorer(KEY, labeled=True)([_example(blank, [(0, 1, "A")], [(0, 1, "B")])], labeled=False)
    assert scores[f"spans_{KEY}_f"] == 1.0


def test_span_score_weights_count_the_f_score_of_the_group():
    assert span_score_weights(KEY) == {f"spans_{KEY}_f": 1.0, f"spans_{KEY}_p": None, f"spans_{KEY}_r": None}


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Moin ul Haque", "moin-ul-haque"), ("People's Republic of China", "peoples-republic-of-china"), ("Ağca", "agca"), ("!!", "party")],
)
def test_slugify_gives_lower_case_ascii(text, slug):
    assert slugify(text) == slug


def test_span_group_sorts_spans_and_drops_exact_duplicates(blank):
    doc = blank("Alpha met Beta")
    group = span_group(doc, KEY, [Span(doc, 2, 3, "B"), Span(doc, 0, 1, "A"), Span(doc, 0, 1, "A"), Span(doc, 0, 1, "C")])
    assert [(s.start, s.label_) for s in group] == [(0, "A"), (0, "C"), (2, "B")]
