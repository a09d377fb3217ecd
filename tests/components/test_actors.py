"""diplotext_actors: who takes each candidate stance (the rule resolver, one case per rule), how the
commitments are assembled (segments, clauses, lead-ins and bullets), the resolver interface and the
scorer."""

from __future__ import annotations

import copy

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

import diplotext
from diplotext.components.actors import ActorsComponent, RuleResolver
from diplotext.components.cues import candidates


def _commitments(nlp, text: str) -> list[tuple[str, list[str]]]:
    return [(c["kind"], c["actors"]) for c in nlp(text)._.diplotext_commitments]


# -- the rule resolver ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject names the parties
        ("China and Pakistan will expand trade.", [("pledge", ["CHN", "PAK"])]),
        # collective references: the principal states
        ("China and Pakistan held talks. The two sides are ready to expand trade.", [("pledge", ["CHN", "PAK"])]),
        ("China and Pakistan held talks. Both countries support the plan.", [("support", ["CHN", "PAK"])]),
        ("China and Pakistan held talks in Beijing. They are committed to deepening cooperation.", [("pledge", ["CHN", "PAK"])]),
        # "We, the G7 Foreign Ministers of Canada, ...": the "of" phrase of "we" names the sides
        ("We, the G7 Foreign Ministers of Canada, France, Germany, Italy, Japan, the United Kingdom and the United States, "
         "reaffirm our support for Ukraine.", [("support", ["CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"])]),
        # a grouping named as a modifier beside its listed members stands for them
        ("The G7 members Canada, France and Japan will support Ukraine.",
         [("pledge", ["CAN", "FRA", "JPN"]), ("support", ["CAN", "FRA", "JPN"])]),
        # a person stands for their state; the implied state is an actor
        ("Secretary Blinken reaffirmed support for Ukraine.", [("support", ["USA"])]),
        # "he"/"she": the person a preceding subject named
        ("Secretary Blinken reaffirmed support for Ukraine. He also welcomed the new agreement.",
         [("support", ["USA"]), ("support", ["USA"])]),
        # "I": the author, the principal person of a signed statement
        ("Statement by President Biden\nI will continue to support Ukraine.", [("pledge", ["USA"]), ("support", ["USA"])]),
        # "The Office will ...": a body the text named in full before
        ("The World Bank met with Kenya. The Bank will finance new roads.", [("pledge", ["world-bank"])]),
        # "The President also welcomed ...": the one person the text gives that office (capitalised or not)
        ("President Biden met President Yoon Suk Yeol of Korea. The President also welcomed the new agreement.",
         [("support", ["KOR"])]),
        ("President Biden met President Yoon Suk Yeol of Korea. The president also welcomed the new agreement.",
         [("support", ["KOR"])]),
        ("Secretary Blinken met Foreign Minister Wang Yi of China. The Secretary reaffirmed his support for Ukraine.",
         [("support", ["USA"])]),
        # "the Secretary" of a readout whose title named the official only by name: the principal person
        ("Wang Yi Meets the Press\nThe minister reaffirmed support for the agreement.", [("support", ["CHN"])]),
    ],
    ids=["subject", "the-two-sides", "both-countries", "they", "we-the-ministers-of", "grouping-beside-members",
         "person", "he", "i-the-author", "the-office", "the-president", "the-president-lower-case", "the-secretary",
         "the-secretary-of-a-readout"],
)
def test_actors_resolve_the_subject(nlp, text, expected):
    assert _commitments(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Signed by the Governments of A, B, C": "we" are the listed signatories
        ("Signed by the Governments of Canada, France, Germany and Japan.\nWe will continue to work together.",
         [("pledge", ["CAN", "FRA", "DEU", "JPN"])]),
        # "Participants in the call included ...": the participants
        ("Participants in the call included the leaders of Canada, France, Germany and Japan. "
         "The participants agreed to coordinate sanctions.", [("pledge", ["CAN", "FRA", "DEU", "JPN"])]),
        # the listed participants, with the host
        ("The United States hosted the meeting. Participants included Canada, France, Germany and Japan.\n"
         "The participants agreed to coordinate sanctions.", [("pledge", ["USA", "CAN", "FRA", "DEU", "JPN"])]),
        # a grouping listed beside its members stands for them, not as a member
        ("The Media Freedom Coalition, whose members include Canada, France, Germany and Japan, met on Monday.\n"
         "We will defend press freedom.", [("pledge", ["CAN", "FRA", "DEU", "JPN"])]),
    ],
    ids=["signed-by", "participants-included", "host-and-participants", "grouping-and-members"],
)
def test_actors_listed_members(nlp, text, expected):
    assert _commitments(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # too few principal sides: add those the lead paragraph names ("a call with leaders of Canada, ...")
        ("Readout of Secretary Blinken's Call\nThe Secretary spoke with leaders of Canada, France and Japan.\n"
         "They agreed to coordinate sanctions.", [("pledge", ["USA", "CAN", "FRA", "JPN"])]),
    ],
    ids=["lead-paragraph"],
)
def test_actors_collective_falls_back_to_the_lead_paragraph(nlp, text, expected):
    assert _commitments(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Both sides affirmed that the NCG will ...": the speaker of the reporting verb
        ("The United States and Korea affirmed that the NCG will strengthen deterrence.", [("pledge", ["USA", "KOR"])]),
        # "The U.S. CDC announced ... that it will ...": "it" is the speaker
        ("The U.S. CDC announced on Monday that it will expand testing.", [("pledge", ["u-s-cdc"])]),
    ],
    ids=["both-sides-affirmed-that", "announced-that-it-will"],
)
def test_actors_speaker_of_a_reporting_verb(nlp, text, expected):
    assert _commitments(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Biden reaffirmed U.S. support for Ukraine.", [("support", ["USA"])]),  # "U.S. support"
        # "the commitment of the United States": the owner in an "of" phrase
        ("The President expressed the strong support of the United States for Ukraine.", [("support", ["USA"])]),
    ],
    ids=["u-s-support", "support-of-the-united-states"],
)
def test_actors_owner_of_the_stance_noun(nlp, text, expected):
    assert _commitments(nlp, text) == expected


def test_actors_drop_candidates_no_party_takes(nlp):
    doc = nlp("Officials will expand trade.")
    assert candidates(doc) and doc._.diplotext_commitments == []


# -- assembling the commitments ------------------------------------------------------------------------------
def test_actors_lead_in_gives_one_commitment_per_bullet(nlp):
    # a lead-in ending in ":" and its bullets ("1. expand ...", "2) deepen ...")
    doc = nlp("China and Pakistan held talks.\nThe two sides will:\n1. expand trade;\n2) deepen cooperation in energy.")
    got = [(c["kind"], c["actors"], c["text"], c["action"]) for c in doc._.diplotext_commitments]
    assert got == [("pledge", ["CHN", "PAK"], "1. expand trade;", "expand trade;"),
                   ("pledge", ["CHN", "PAK"], "2) deepen cooperation in energy.", "deepen cooperation in energy.")]


def test_actors_one_commitment_per_sentence_and_kind(nlp):
    doc = nlp("China will expand trade and will deepen ties.")
    assert [(c["kind"], c["text"]) for c in doc._.diplotext_commitments] == [
        ("pledge", "China will expand trade and will deepen ties.")]


def test_actors_clause_when_kinds_differ(nlp):
    doc = nlp("China and Pakistan support the plan and oppose any interference.")
    got = {c["kind"]: c["text"] for c in doc._.diplotext_commitments}
    assert set(got) == {"support", "opposition"}
    assert got["opposition"] == "oppose any interference"


def test_actors_do_not_write_parties(nlp):
    doc = nlp("Secretary Blinken reaffirmed support for Ukraine.")
    before = copy.deepcopy(doc._.diplotext_parties)
    groups = {k: [(s.start, s.end, s.label_) for s in v] for k, v in doc.spans.items() if k != "diplotext_commitments"}
    nlp.get_pipe("diplotext_actors")(doc)
    assert doc._.diplotext_parties == before
    assert {k: [(s.start, s.end, s.label_) for s in v] for k, v in doc.spans.items() if k != "diplotext_commitments"} == groups


# -- the resolver interface ----------------------------------------------------------------------------------
def test_actors_default_resolver_is_the_registered_rules(nlp):
    assert nlp.get_pipe_config("diplotext_actors")["resolver"] == {"@misc": "diplotext.actor_resolver.v1"}
    assert isinstance(registry.resolve({"r": {"@misc": "diplotext.actor_resolver.v1"}})["r"], RuleResolver)
    assert isinstance(nlp.get_pipe("diplotext_actors").resolver, RuleResolver)


class _FirstParty:
    """A stand-in model: every candidate is taken by the first party the text names."""

    def __call__(self, doc: Doc, candidates, vocabulary) -> list[list[str]]:
        return [[doc._.diplotext_parties[0]["id"]] for _ in candidates]


@registry.misc("test.first_party_resolver.v1")
def _first_party() -> _FirstParty:
    return _FirstParty()


def test_actors_resolver_is_replaced_through_config(nlp):
    doc = nlp("China and Pakistan held talks. The two sides will expand trade.")
    assert [c["actors"] for c in doc._.diplotext_commitments] == [["CHN", "PAK"]]
    other = spacy.blank("en").add_pipe("diplotext_actors", config={"resolver": {"@misc": "test.first_party_resolver.v1"}})
    assert isinstance(other, ActorsComponent)
    assert [c["actors"] for c in other(doc)._.diplotext_commitments] == [["CHN"]]


# -- scorer --------------------------------------------------------------------------------------------------
def test_actors_scorer_is_high_on_gold_fixture(nlp, fixture_text, fixture_gold):
    # token-level spans; the fixture's optional items count as false positives here
    pred = diplotext.extract(fixture_text, reference_date=fixture_gold["reference_date"], nlp=nlp)
    doc = nlp(fixture_text)
    ref = nlp.make_doc(fixture_text)
    ref.spans["diplotext_commitments"] = [ref.char_span(c["start"], c["end"], label=c["kind"], alignment_mode="expand")
                                          for c in fixture_gold["commitments"]]
    scores = nlp.get_pipe("diplotext_actors").scorer([Example(doc, ref)])
    assert scores["spans_diplotext_commitments_r"] == pytest.approx(1.0), scores
    assert scores["spans_diplotext_commitments_f"] >= 0.9, scores
    assert len(pred.commitments) == len(doc._.diplotext_commitments)


# -- whose "we": the publisher, the speaker, the lead subject ----------------------------------------------
def _extracted(text: str, nlp, **kw) -> list[tuple[str, list[str]]]:
    return [(c.kind, c.actors) for c in diplotext.extract(text, nlp=nlp, **kw).commitments]


@pytest.mark.parametrize(
    ("publisher", "expected"),
    [("JPN", ["JPN"]), ("Ministry of Foreign Affairs of Japan", ["JPN"]), ("African Union Commission", ["african-union-commission"])],
    ids=["state-code", "body-of-a-state", "international-body"],
)
def test_actors_we_of_a_one_sided_text_is_the_publishers(nlp, publisher, expected):
    text = "Statement on the Situation in Sudan\n\nWe strongly condemn the attacks on civilians in Sudan."
    assert _extracted(text, nlp, publisher=publisher) == [("opposition", expected)]


def test_actors_we_of_a_joint_text_is_every_side_even_with_a_publisher(nlp):
    text = "Joint Statement of Japan and India\n\nJapan and India held talks. We will expand trade."
    assert _extracted(text, nlp, publisher="JPN") == [("pledge", ["JPN", "IND"])]


def test_actors_we_of_several_sides_in_the_sentence_is_not_the_publishers(nlp):
    text = "Japan and India held talks.\n\nBuilding on cooperation in our two countries, we will expand trade."
    assert _extracted(text, nlp, publisher="JPN") == [("pledge", ["JPN", "IND"])]


def test_actors_we_is_the_speaker_the_title_introduces(nlp):
    text = "Statement by Foreign Minister Penny Wong of Australia\n\nWe welcome the ceasefire between Israel and Hamas."
    assert _extracted(text, nlp) == [("support", ["AUS"])]


def test_actors_we_is_the_subject_of_the_first_body_sentence(nlp):
    text = ("Designation of a Corrupt Official\n\nThe United States is designating Ecuador's former minister for corruption. "
            "We stand with all Ecuadorians in support of democracy.")
    assert _extracted(text, nlp) == [("support", ["USA"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Secretary-General welcomes the agreement between Ethiopia and the TPLF.", [("support", ["united-nations"])]),
        ("Secretary-General António Guterres condemns the attack on peacekeepers in Mali.", [("opposition", ["united-nations"])]),
        ("NATO Secretary General Jens Stoltenberg met Greece. The Secretary General welcomed the progress.", [("support", ["nato"])]),
    ],
    ids=["bare-office", "office-holder", "office-of-the-named-body"],
)
def test_actors_office_speaks_for_its_body(nlp, text, expected):
    assert _extracted(text, nlp) == expected


def test_actors_plural_office_noun_is_collective(nlp):
    text = ("Kenyan Foreign Minister Musalia Mudavadi met Ethiopian Foreign Minister Taye Atske Selassie. "
            "The two ministers stressed their commitment to deepening cooperation.")
    assert [(k, sorted(a)) for k, a in _extracted(text, nlp)] == [("pledge", ["ETH", "KEN"])]


def test_actors_denied_stance_is_marked_in_the_commitment(nlp):
    ex = diplotext.extract("Australia does not support the proposal.", nlp=nlp)
    assert [(c.kind, c.actors, c.negated) for c in ex.commitments] == [("support", ["AUS"], True)]


@pytest.mark.parametrize(
    "text",
    ['"This will be a historic milestone," NATO Secretary General Jens Stoltenberg said.',
     "Russian Defence Minister Sergei Shoigu said the proposed joint airstrikes would help the peace process."],
    ids=["this-will-be", "said-things-would"],
)
def test_actors_prediction_about_a_thing_is_no_pledge(nlp, text):
    assert _extracted(text, nlp) == []


def test_actors_reported_pledge_of_a_pronoun_stays(nlp):
    assert _extracted("China said it would continue to play a positive role in the IMF.", nlp) == [("pledge", ["CHN"])]


def test_actors_they_after_two_states_and_a_venue_body_is_the_states(nlp):
    text = ("Vietnamese Foreign Minister Pham Binh Minh met Lao Foreign Minister Saleumxay Kommasith at the UN General Assembly, "
            "where Vietnam and Laos reviewed their ties. They will continue to coordinate closely.")
    assert [(k, sorted(a)) for k, a in _extracted(text, nlp)] == [("pledge", ["LAO", "VNM"])]


def test_actors_unheld_office_is_the_publishers_side(nlp):
    text = "PM meeting with the Taoiseach\n\nThe Prime Minister hosted the Taoiseach at Chequers. The Prime Minister condemned the attack."
    assert _extracted(text, nlp, publisher="GBR") == [("opposition", ["GBR"])]


def test_actors_stated_aim_is_its_owners_pledge(nlp):
    text = "Statement by the Foreign Secretary\n\nOur priority now is to strengthen Ukraine."
    assert _extracted(text, nlp, publisher="GBR") == [("pledge", ["GBR"])]


def test_actors_agreed_to_colon_leads_its_bullets(nlp):
    text = ("Joint statement\n\nThe Foreign Ministers of the United Kingdom, Poland and Ukraine agreed to:\n"
            "- continue the support of Ukraine;\n- develop their trilateral cooperation.")
    ex = diplotext.extract(text, nlp=nlp)
    assert [(c.text, sorted(c.actors)) for c in ex.commitments] == [
        ("continue the support of Ukraine;", ["GBR", "POL", "UKR"]), ("develop their trilateral cooperation.", ["GBR", "POL", "UKR"])]
