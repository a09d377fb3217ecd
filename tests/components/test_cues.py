"""diplotext_cues: which cue matches become candidate stances, what the candidates record, the cue rows'
validation and the trained-classifier policy (one case per rule, each a short sentence through the real
pipeline)."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import diplotext
from diplotext.components.cues import KINDS, SPAN_KEY, CuesComponent, candidates
from diplotext.resources import CueRow, load_rows


def _kinds(nlp, text: str) -> list[str]:
    return [c["kind"] for c in candidates(nlp(text))]


def _one(nlp, text: str, kind: str) -> tuple[Doc, dict]:
    doc = nlp(text)
    found = [c for c in candidates(doc) if c["kind"] == kind]
    assert len(found) == 1, candidates(doc)
    return doc, found[0]


# -- the clause a cue heads ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "predicate"),
    [
        ("China and Pakistan held talks. They are committed to deepening cooperation.", "pledge", "are"),
        ("China and Pakistan held talks. We are ready to expand trade.", "pledge", "are"),
        ("China and Pakistan stand united in support of the peace process.", "support", "stand"),
        ("China and Pakistan will expand trade.", "pledge", "expand"),  # a modal: the verb it helps
    ],
    ids=["committed", "ready", "in-support-of", "modal"],
)
def test_cues_predicate_is_the_verb_heading_the_clause(nlp, text, kind, predicate):
    doc, cand = _one(nlp, text, kind)
    assert doc[cand["predicate"]].text == predicate


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Japan and Korea said they will expand trade.", "pledge", True),  # complement of a reporting verb
        ("The report shows that Japan will expand trade.", "pledge", False),  # complement of another verb
    ],
    ids=["reported", "embedded"],
)
def test_cues_keep_main_and_reported_clauses_only(nlp, text, kind, expected):
    assert (kind in _kinds(nlp, text)) is expected


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Japan and Korea support the plan.", "support", True),
        ("Russia failed to demonstrate its commitment to peace.", "pledge", False),
        ("Russia demonstrated its commitment to peace.", "pledge", True),
        ("Japan and Korea urge all countries to pledge support.", "pledge", False),
        ("Japan and Korea pledged support.", "pledge", True),
    ],
    ids=["support", "failed-to", "demonstrated", "urge-others", "pledge"],
)
def test_cues_drop_cancelled_stances_and_calls_on_others(nlp, text, kind, expected):
    assert (kind in _kinds(nlp, text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan uses aircraft to support defense.", False),  # a purpose
        ("Japan will continue to support Ukraine.", True),  # still the subject's stance
    ],
    ids=["purpose", "continue-to"],
)
def test_cues_drop_purpose_clauses(nlp, text, expected):
    assert ("support" in _kinds(nlp, text)) is expected


# -- matching on the parse: inserted words do not break a cue ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "kinds", "trigger"),
    [
        ("Japan and Korea agreed to implement the plan.", ["pledge"], "agreed to implement"),
        ("Japan and Korea agreed to earnestly implement the plan.", ["pledge"], "agreed to earnestly implement"),
        ("Japan and Korea agreed not to deploy new missiles.", ["pledge"], "agreed not to deploy"),  # an undertaking
        ("Japan and Korea strongly support the plan.", ["support"], "strongly support"),
        # "not" before "just"/"only" is no negation
        ("Japan will not just support the plan but fund it.", ["pledge", "support"], "will"),
        ("Japan and Korea are ready to further expand trade.", ["pledge"], "ready to"),  # the verb is context, not cue
        ("Japan and Korea stand, as always, with the people of Ukraine.", ["support"], "stand, as always, with"),
        ("Japan and Korea expressed their deep and serious concern over the tests.", ["opposition"],
         "expressed their deep and serious concern"),
        ("This designation reaffirms the commitment of the United States to combat corruption.", ["pledge"],
         "reaffirms the commitment of the United States to"),
        ("The United States announced plans to continue working with Honduras.", ["pledge"], "announced plans to"),
        # "announced ... will" (and "will" on its own)
        ("The United States also announced the United States will provide aid.", ["pledge", "pledge"],
         "also announced the United States will provide"),
        ("Japan and Korea look forward to the summit.", ["aspiration"], "look forward to"),
        # the examples in the cue rows' notes
        ("The two sides agreed for the two ministries to hold talks.", ["pledge"], "agreed for the two ministries to hold"),
        ("Japan and Korea committed themselves to peace.", ["pledge"], "committed themselves"),
        ("Japan and Korea stand united with Ukraine.", ["support"], "stand united with"),
        ("Japan and Korea stand firmly with Ukraine.", ["support"], "stand firmly with"),
        ("Japan and Korea reaffirmed their steadfast support for Ukraine.", ["support"], "reaffirmed their steadfast support"),
        ("Japan and Korea reaffirmed the importance of the alliance.", ["support"], "reaffirmed the importance"),
        ("The Ukrainian people are more determined than ever to defend their homeland.", ["pledge"], "determined than ever to"),
        ("We plan to invest in roads.", ["pledge"], "plan to invest"),
    ],
    ids=["agreed-to", "agreed-to-earnestly", "agreed-not-to", "strongly-support", "not-just", "ready-to-further",
         "stand-as-always-with", "deep-and-serious-concern", "commitment-of-the-us-to", "announced-plans-to",
         "announced-the-us-will", "look-forward-to", "agreed-for-x-to", "committed-themselves", "stand-united-with",
         "stand-firmly-with", "steadfast-support", "reaffirmed-the-importance", "determined-than-ever", "plan-to"],
)
def test_cues_match_on_the_parse(nlp, text, kinds, trigger):
    found = candidates(nlp(text))
    assert [c["kind"] for c in found] == kinds
    assert found[0]["trigger"] == trigger


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("China Welcomes Saudi Plans to Invest in Its Economy", "pledge"),  # Saudi Arabia's plan, welcomed: no pledge
        ("Over the course of the discussion, he raised specific cases of concern.", "opposition"),  # not an object
    ],
    ids=["welcomed-plans", "cases-of-concern"],
)
def test_cues_words_out_of_construction_are_no_cue(nlp, text, kind):
    assert kind not in _kinds(nlp, text)


def test_cues_token_pattern_rows_stay_valid(nlp, tmp_path):
    # rows written as token-sequence Matcher patterns (before dependency patterns) still load and match
    row = {"id": "will_token", "kind": "pledge", "confidence": 0.8, "pattern": [{"LOWER": "will", "TAG": "MD"}]}
    path = tmp_path / "cues.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    cues = CuesComponent(nlp, "token_cues")
    cues.initialize(resources={"cues": str(path)})
    doc = cues(nlp("China and Pakistan will expand trade."))
    assert [(c["cue"], c["trigger"]) for c in candidates(doc)] == [("will_token", "will")]


# -- the cue rows' own exceptions --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Japan sought to stop the war.", "aspiration", False),  # not_past: a reported attempt
        ("Japan seeks to stop the war.", "aspiration", True),
        ("I wish you all good luck.", "aspiration", False),  # greeting_lemmas: a greeting
        ("Japan and Korea wish to expand trade.", "aspiration", True),
        ("President Biden welcomed Prime Minister Kishida to the White House.", "support", False),  # hosting_lemmas
        ("The United States welcomed the agreement.", "support", True),
    ],
    ids=["sought-to", "seeks-to", "wish-you", "wish-to", "welcomed-a-person", "welcomed-an-agreement"],
)
def test_cues_row_exceptions(nlp, text, kind, expected):
    assert (kind in _kinds(nlp, text)) is expected


def test_cues_exceptions_are_fields_of_the_packaged_rows():
    rows = {r.id: r for r in load_rows("commitment_cues.v1.jsonl", CueRow)}
    assert rows["seek_to"].not_past
    assert rows["hope"].greeting_lemmas == ["wish"]
    assert rows["support"].hosting_lemmas == ["welcome"]
    assert {r.kind for r in rows.values()} == set(KINDS)


_CUE = {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "agree"}}
_TO = {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "to", "RIGHT_ATTRS": {"LOWER": "to"}}


@pytest.mark.parametrize(
    "change",
    [{"kind": "promise"}, {"confidence": 1.5}, {"unknown": 1}, {"id": "Bad Id"},
     {"dep": []}, {"pattern": [{"LOWER": "agree"}]}, {"dep": [[]]},
     {"dep": [[_TO]]}, {"dep": [[{**_CUE, "RIGHT_ID": "_cue"}]]}, {"dep": [[_CUE, {**_TO, "LEFT_ID": "verb"}]]},
     {"dep": [[_CUE, {**_TO, "REL_OP": "~"}]]}, {"dep": [[_CUE, {**_TO, "RIGHT_ID": "cue"}]]},
     {"dep": [], "pattern": [{"LOWER": "will"}], "anchor": 3}],
    ids=["kind", "confidence", "unknown-field", "id", "no-pattern", "both-kinds-of-pattern", "empty-dep-pattern",
         "first-node-has-a-head", "anchor-is-context", "unknown-left-node", "unknown-relation", "node-twice",
         "anchor-outside-token-pattern"],
)
def test_cue_row_rejects_invalid_rows(tmp_path, change):
    row = {"id": "x", "kind": "pledge", "confidence": 0.5, "dep": [[_CUE, _TO]]} | change
    path = tmp_path / "cues.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"entry 1\b.*is invalid"):
        load_rows(path, CueRow)


# -- subjects, triggers, the cue kept at an anchor ---------------------------------------------------------
def test_cues_subject_is_the_one_nearest_the_verb(nlp):
    # "Support for PGII: President Biden welcomed ...": the subject nearest the verb
    doc, cand = _one(nlp, "Support for PGII: President Biden welcomed the new projects.", "support")
    assert doc[cand["subject"]].text == "Biden"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Welcomes the new investment plan\nChina and Pakistan will expand trade.", True),  # opens the text
        ("China and Pakistan will expand trade.\nWelcomes the new investment plan", False),
    ],
    ids=["headline", "later-line"],
)
def test_cues_only_a_headline_support_cue_may_lack_a_subject(nlp, text, expected):
    found = [c for c in candidates(nlp(text)) if c["kind"] == "support"]
    assert bool(found) is expected
    assert all(c["subject"] is None for c in found)


def test_cues_trigger_takes_the_adverb_before_the_cue(nlp):
    _, cand = _one(nlp, "Japan and Korea firmly oppose any attempt to change the status quo.", "opposition")
    assert (cand["trigger"], cand["action"]) == ("firmly oppose", "any attempt to change the status quo")


def test_cues_keep_the_most_confident_cue_at_an_anchor(nlp):
    # "reaffirmed their determination to" matches commitment_to (0.85) and reaffirm_principle (0.6) at one anchor
    doc = nlp("Japan and Korea reaffirmed their determination to expand trade.")
    assert [(c["cue"], c["kind"], c["trigger"]) for c in candidates(doc)] == [
        ("commitment_to", "pledge", "reaffirmed their determination to")]


def test_cues_span_group_holds_json_records_that_survive_docbin(nlp):
    doc = nlp("China and Pakistan will expand trade. They firmly oppose interference.")
    group = doc.spans[SPAN_KEY]
    records = group.attrs["candidates"]
    assert [s.label_ for s in group] == [c["kind"] for c in records] == ["pledge", "opposition"]
    assert [(s.start, s.end) for s in group] == [(c["start"], c["end"]) for c in records]
    assert json.loads(json.dumps(records)) == records
    restored = next(DocBin(docs=[doc]).from_bytes(DocBin(docs=[doc]).to_bytes()).get_docs(nlp.vocab))
    assert candidates(restored) == records


# -- the trained classifier's policy -----------------------------------------------------------------------
class _FixedTextcat:
    """Stands in for a trained textcat: every Doc gets the same scores; counts the batched calls."""

    def __init__(self) -> None:
        self.scores: dict[str, float] = {}
        self.batches = 0

    def __call__(self, doc: Doc) -> Doc:
        doc.cats = dict(self.scores)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        self.batches += 1
        for doc in docs:
            yield self(doc)


@Language.factory("test_fixed_textcat")
def _make_fixed_textcat(nlp: Language, name: str) -> _FixedTextcat:
    return _FixedTextcat()


@pytest.fixture(scope="module")
def tc_nlp():
    nlp = diplotext.build()
    nlp.add_pipe("test_fixed_textcat", before="diplotext_cues")
    return nlp


@pytest.fixture
def policy(tc_nlp):
    """The cues pipe reading the fixed classifier, with the factory's default policy."""
    cues = tc_nlp.get_pipe("diplotext_cues")
    defaults = {"textcat": "test_fixed_textcat", "threshold": 0.5, "veto_below": 0.8, "relabel": None, "add": 0.8}
    for key, value in defaults.items():
        setattr(cues, key, value)
    yield cues, tc_nlp.get_pipe("test_fixed_textcat")
    cues.textcat = None


def _scores(**kw: float) -> dict[str, float]:
    return dict.fromkeys(KINDS, 0.0) | kw


def test_cues_policy_is_set_by_factory_arguments(nlp):
    cfg = nlp.get_pipe_config("diplotext_cues")
    assert {k: cfg[k] for k in ("textcat", "threshold", "veto_below", "relabel", "add")} == {
        "textcat": None, "threshold": 0.5, "veto_below": 0.8, "relabel": None, "add": 0.8}
    built = spacy.blank("en").add_pipe("diplotext_cues", config={"textcat": "tc", "relabel": 0.7})
    assert (built.textcat, built.relabel) == ("tc", 0.7)


@pytest.mark.parametrize(
    ("text", "scores", "expected"),
    [
        # "concern" (confidence 0.75 < veto_below) whose kind scores under threshold: vetoed
        ("Japan and Korea expressed concern over the tests.", {"opposition": 0.1}, []),
        ("Japan and Korea expressed concern over the tests.", {"opposition": 0.9}, ["opposition"]),
        # "oppose" (0.9 >= veto_below) stands whatever the classifier says
        ("Japan and Korea oppose the tests.", {}, ["opposition"]),
    ],
    ids=["veto", "confirmed", "confident-cue-stands"],
)
def test_cues_classifier_vetoes_unsure_candidates(tc_nlp, policy, text, scores, expected):
    policy[1].scores = _scores(**scores)
    assert _kinds(tc_nlp, text) == expected


def test_cues_classifier_relabels_when_sure_of_another_kind(tc_nlp, policy):
    cues, tc = policy
    cues.threshold, cues.relabel = 0.0, 0.7
    tc.scores = _scores(support=0.9, opposition=0.2)
    assert _kinds(tc_nlp, "Japan and Korea expressed concern over the tests.") == ["support"]


@pytest.mark.parametrize(("add", "expected"), [(0.8, ["pledge"]), (None, [])], ids=["add", "never"])
def test_cues_classifier_adds_a_segment_no_cue_matched(tc_nlp, policy, add, expected):
    cues, tc = policy
    cues.add = add
    tc.scores = _scores(pledge=0.95)
    doc = tc_nlp("Japan and Korea discussed trade.")
    assert [c["kind"] for c in candidates(doc)] == expected
    if expected:
        (cand,) = candidates(doc)
        assert (cand["cue"], cand["fallback"], cand["trigger"], cand["confidence"]) == ("textcat", True, "discussed", 0.95)
        # the fallback becomes a commitment of the subject's parties
        assert [(c["kind"], c["actors"]) for c in doc._.diplotext_commitments] == [("pledge", ["JPN", "KOR"])]


def test_cues_classifier_scores_all_segments_in_one_batch(tc_nlp, policy):
    tc = policy[1]
    tc.scores, tc.batches = _scores(pledge=0.9), 0
    tc_nlp("China and Pakistan will expand trade. They oppose interference.\nBoth sides hope for peace.")
    assert tc.batches == 1


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Japan and Korea do not support the plan.", "support"),
        ("Japan will never recognize the annexation.", "pledge"),
    ],
    ids=["does-not-support", "will-never"],
)
def test_cues_denied_stance_is_kept_and_marked(nlp, text, kind):
    found = [c for c in candidates(nlp(text)) if c["kind"] == kind]
    assert found and found[0]["negated"] is True


def test_cues_plain_stance_is_not_negated(nlp):
    assert [c["negated"] for c in candidates(nlp("Japan supports the plan."))] == [False]


@pytest.mark.parametrize(
    "text",
    [
        "The Minister will travel to Nairobi on Monday.",
        "The delegation will include senior officials of the ministry.",
        "I will just say a word about the talks.",
        "The leaders are expected to discuss the economy.",
        "The two presidents will hold talks in Geneva.",
        "The ministers will share views on regional issues.",
    ],
    ids=["travel", "include", "say", "expected-to-discuss", "hold-talks", "share-views"],
)
def test_cues_itinerary_is_no_pledge(nlp, text):
    assert _kinds(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    ["Indonesia will meet its obligations under the agreement.", "The parties plan to hold the next meeting in Warsaw."],
    ids=["meet-obligations", "stated-plan"],
)
def test_cues_undertaking_with_a_schedule_verb_stays(nlp, text):
    assert "pledge" in _kinds(nlp, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("China and Pakistan agreed to swiftly conclude the agreement.", "pledge"),
        ("Japan and India agreed that the two governments would establish a dialogue.", "pledge"),
        ("Brazil and Argentina set the target of doubling trade.", "pledge"),
        ("Germany remains fully committed to the security of Poland.", "pledge"),
        ("Canada intends to expand its embassy.", "pledge"),
        ("China said it would continue to support Laos.", "pledge"),
        ("China is willing to work with Laos.", "pledge"),
        ("The United Kingdom criticised the decision.", "opposition"),
        ("Russia warned Washington against new sanctions.", "opposition"),
        ("Xi called for concerted efforts to deepen exchanges.", "support"),
        ("Sri Lanka expressed solidarity with Bangladesh.", "support"),
        ("China wants deeper cooperation with the United States.", "aspiration"),
        ("Canada and Mexico expressed their interest in joint research.", "aspiration"),
        ("Sweden and South Africa are committed to contribute towards a conclusion.", "pledge"),
        ("Wang Qishan met Foreign Minister Asif on Tuesday, vowing to deepen ties.", "pledge"),
        ("France regrets the decision to expel French diplomats.", "opposition"),
        ("India has lodged a strong protest against the patrol.", "opposition"),
        ("Both sides consented to speed up the talks.", "pledge"),
        ("The two sides agreed on further steps to expand trade.", "pledge"),
        ("Colombia indicated its support for the peace process.", "support"),
        ("Japan hopes for peace.", "aspiration"),
        ("Japan hoped that the talks would succeed.", "aspiration"),
    ],
    ids=["inserted-adverb", "agree-that-would", "set-target", "remains-committed", "intends", "said-it-would",
         "willing", "criticised", "warn-against", "call-for", "solidarity", "wants", "interest-in",
         "subject-on-auxiliary", "trailing-participle", "regrets", "lodged-protest", "consented", "agreed-on",
         "indicated-support", "hopes-lemmatised-hop", "hoped"],
)
def test_cues_construction_is_found(nlp, text, kind):
    assert kind in _kinds(nlp, text)


@pytest.mark.parametrize(
    "text",
    ["I want to thank the Secretary for his work.", "Xi called on Japan to stop the tests."],
    ids=["want-to-thank", "call-on-others"],
)
def test_cues_turn_of_speech_and_call_on_others_are_no_stance(nlp, text):
    assert _kinds(nlp, text) == []


def test_cues_agreeing_on_a_principle_is_no_pledge(nlp):
    assert "pledge" not in _kinds(nlp, "The two sides agreed on the importance of trade.")
