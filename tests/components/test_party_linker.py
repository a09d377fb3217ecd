"""diplotext_party_linker: mentions merged into parties; one case per rule."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Span
from spacy.training import Example

import diplotext
from diplotext.components.party_linker import PartyLinker

PARTY_KEYS = {"id", "kind", "name", "aliases", "country", "role", "affiliation", "principal", "mentions"}


def _parties(nlp, text: str) -> dict[str, dict]:
    return {p["id"]: p for p in nlp(text)._.diplotext_parties}


def _mentions(party: dict) -> list[str]:
    return [m["text"] for m in party["mentions"]]


def test_party_linker_drops_states_inside_names(nlp):
    # "Embassy of Pakistan in China": the states are part of the body's name, not parties here
    parties = _parties(nlp, "The Embassy of Pakistan in China hosted them.")
    assert list(parties) == ["embassy-of-pakistan-in-china"]


@pytest.mark.parametrize(
    ("text", "pid", "mentions"),
    [
        # a surname joins the fullest person whose name ends with it
        ("Antony J. Blinken spoke. Blinken said more.", "antony-j-blinken", ["Antony J. Blinken", "Blinken"]),
        # "Antony Blinken", "Tony Blinken" and "Antony J. Blinken": one person
        ("Antony J. Blinken met Tony Blinken.", "antony-j-blinken", ["Antony J. Blinken", "Tony Blinken"]),
        ("Secretary Antony Blinken spoke. Then Tony Blinken left.", "antony-blinken", ["Antony Blinken", "Tony Blinken"]),
        # names that put the family name first: "Xi" is "Xi Jinping"
        ("President Xi Jinping met the press. Xi said China would help.", "xi-jinping", ["Xi Jinping", "Xi"]),
        # "King Salman" is not "Crown Prince Mohammed bin Salman" (a bare "Salman" may be)
        ("King Salman received Crown Prince Mohammed bin Salman. Salman spoke.", "salman", ["Salman"]),
        ("King Salman received Crown Prince Mohammed bin Salman. Salman spoke.", "mohammed-bin-salman", ["Mohammed bin Salman", "Salman"]),
    ],
)
def test_party_linker_merges_persons(nlp, text, pid, mentions):
    parties = _parties(nlp, text)
    assert pid in parties, sorted(parties)
    assert _mentions(parties[pid]) == mentions


def test_party_linker_drops_unknown_bare_name(nlp):
    # a weak one-word name (no title) that is nobody's surname is no party
    parties = _parties(nlp, "Reporters waited. Carter arrived late.")
    assert not any(p["kind"] == "person" for p in parties.values()), parties


@pytest.mark.parametrize(
    ("text", "pid", "name", "aliases", "n_mentions"),
    [
        # an acronym joins its definition; the longest name (never the acronym) is the party's name
        ("The Communist Party of China (CPC) met. The CPC said so.", "communist-party-of-china", "Communist Party of China", ["CPC"], 3),
        # a state prefix: "U.S. Department of State" is "Department of State"
        ("The U.S. Department of State and the Department of State agreed.", "u-s-department-of-state",
         "U.S. Department of State", ["Department of State"], 2),
        ("The U.S. Bureau of Consular Affairs and the Bureau of Consular Affairs agreed.", "u-s-bureau-of-consular-affairs",
         "U.S. Bureau of Consular Affairs", ["Bureau of Consular Affairs"], 2),
        # gazetteer aliases: "State Department" is the "Department of State"
        ("The State Department spoke. The Department of State agreed.", "state-department", "Department of State",
         ["State Department"], 2),
    ],
)
def test_party_linker_merges_bodies(nlp, text, pid, name, aliases, n_mentions):
    parties = _parties(nlp, text)
    assert pid in parties, sorted(parties)
    p = parties[pid]
    assert (p["name"], p["aliases"], len(p["mentions"])) == (name, aliases, n_mentions)


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        # a state first named by a demonym takes its name when the name comes
        ("The Chinese side agreed. China will help.", "China", ["Chinese"]),
        # the longest name is the state's name, the others aliases
        ("The PRC and the People's Republic of China agreed.", "People's Republic of China", ["PRC"]),
    ],
)
def test_party_linker_names_states(nlp, text, name, aliases):
    chn = _parties(nlp, text)["CHN"]
    assert (chn["name"], chn["aliases"]) == (name, aliases)


def test_party_linker_home_state(nlp):
    # national bodies and officials named without a state belong to the text's home state
    parties = _parties(nlp, "Secretary Blinken spoke. The Bureau of Consular Affairs will help John Carter.")
    assert parties["bureau-of-consular-affairs"]["country"] == "USA"
    assert parties["john-carter"]["country"] == "USA"


def test_party_linker_affiliation_is_a_party_id(nlp):
    parties = _parties(nlp, "They met African Union Commission (AUC) Chairperson Moussa Faki Mahamat.")
    assert parties["moussa-faki-mahamat"]["affiliation"] == "african-union-commission"


@pytest.mark.parametrize(
    ("text", "principal", "not_principal"),
    [
        # "Statement on Sudan" vs "Call with President Ruto of Kenya": a side vs the topic in the title
        ("Joint Statement with Kenya on Sudan\nThe two sides met in Nairobi. Sudan was discussed.", ["KEN"], ["SDN"]),
        ("Call with President Ruto of Kenya\nThe Secretary spoke with Kenya and Sudan.", ["ruto", "KEN"], ["SDN"]),
        # no title: the states named in the first sentence
        ("China and Pakistan met in Beijing. Later India joined them.", ["CHN", "PAK"], ["IND"]),
        # an international body named in the title
        ("Statement by the United Nations Development Programme\nIt will help.", ["united-nations-development-programme"], []),
    ],
)
def test_party_linker_principals(nlp, text, principal, not_principal):
    parties = _parties(nlp, text)
    assert [pid for pid in principal if parties[pid]["principal"]] == principal
    assert [pid for pid in not_principal if parties[pid]["principal"]] == []


@pytest.mark.parametrize(
    ("text", "iso", "name"),
    [
        # "Secretary Blinken" and no "United States": the state is implied
        ("Secretary Blinken spoke.", "USA", "United States"),
        # otherwise the gazetteer's longest name of several words
        ("Crown Prince Mohammed bin Salman spoke.", "SAU", "Kingdom of Saudi Arabia"),
    ],
)
def test_party_linker_implied_states(nlp, text, iso, name):
    parties = nlp(text)._.diplotext_parties
    implied = [p for p in parties if p.get("implied")]
    assert implied == [{"id": iso, "kind": "state", "name": name, "aliases": [], "country": iso, "role": None,
                        "affiliation": None, "principal": True, "mentions": [], "implied": True}]
    assert parties[-1] == implied[0]  # after the named parties


def test_party_linker_writes_party_dicts_and_span_group(nlp):
    text = "China and Pakistan met. The Embassy of Pakistan in China hosted Ambassador Moin ul Haque."
    doc = nlp(text)
    json.dumps(doc._.diplotext_parties)
    for p in doc._.diplotext_parties:
        assert set(p) - {"implied"} == PARTY_KEYS
        assert all(text[m["start"] : m["end"]] == m["text"] for m in p["mentions"])
    labelled = sorted((s.start_char, s.label_) for s in doc.spans["diplotext_parties"])
    assert labelled == sorted((m["start"], p["id"]) for p in doc._.diplotext_parties for m in p["mentions"])


def test_party_linker_reads_only_the_span_groups(nlp):
    # without the orgs' and persons' groups, the linker links the state mentions alone
    doc = nlp("The Embassy of Pakistan in China hosted Ambassador Moin ul Haque.")
    del doc.spans["diplotext_orgs"]
    del doc.spans["diplotext_persons"]
    doc = PartyLinker(nlp)(doc)
    assert [p["id"] for p in doc._.diplotext_parties] == ["PAK", "CHN"]


def test_party_linker_scorer_is_perfect_against_its_own_output(nlp, fixture_text):
    # gold parties carry no mention offsets: score the predicted span group against itself
    predicted = nlp(fixture_text)
    reference = nlp.make_doc(fixture_text)
    reference.spans["diplotext_parties"] = [Span(reference, s.start, s.end, label=s.label_) for s in predicted.spans["diplotext_parties"]]
    scores = nlp.get_pipe("diplotext_party_linker").scorer([Example(predicted, reference)])
    assert scores["spans_diplotext_parties_f"] == pytest.approx(1.0)
    assert {"CHN", "PAK"} <= set(scores["spans_diplotext_parties_per_type"])


# -- the publisher --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("publisher", "side"),
    [
        ("JPN", ("JPN", "state")),
        ("Japan", ("JPN", "state")),
        ("Ministry of Foreign Affairs of Japan", ("JPN", "state")),
        ("U.S. Department of State", ("USA", "state")),
        ("United Nations", ("united-nations", "organization")),
        ("Pacific Islands Forum Secretariat", ("pacific-islands-forum-secretariat", "organization")),
    ],
    ids=["code", "name", "ministry-of-a-state", "department-with-prefix", "listed-body", "unlisted-body"],
)
def test_party_linker_resolves_the_publisher(nlp, publisher, side):
    ex = diplotext.extract("The talks were held in Geneva.", publisher=publisher, nlp=nlp)
    assert ex.publisher is not None and (ex.publisher.id, ex.publisher.kind) == side
    assert ex.publisher.name == publisher


def test_party_linker_officials_without_a_state_belong_to_the_publisher(nlp):
    ex = diplotext.extract("Minister Kamikawa met the press on Monday.", publisher="JPN", nlp=nlp)
    assert {p.name: p.country for p in ex.parties if p.kind == "person"} == {"Kamikawa": "JPN"}


def test_party_linker_publisher_party_is_listed_only_when_a_commitment_needs_it(nlp):
    quiet = diplotext.extract("The talks were held in Geneva.", publisher="JPN", nlp=nlp)
    assert "JPN" not in {p.id for p in quiet.parties}
    stance = diplotext.extract("Statement\n\nWe condemn the attack in Kabul.", publisher="JPN", nlp=nlp)
    assert "JPN" in {p.id for p in stance.parties}


def test_party_linker_uncued_official_is_of_the_side_nobody_else_speaks_for(nlp):
    text = "Prime Minister Carney met with the President of the United States, Donald Trump, to discuss trade between Canada and the U.S."
    persons = {p.name: p.country for p in diplotext.extract(text, nlp=nlp).parties if p.kind == "person"}
    assert persons["Carney"] == "CAN"


def test_party_linker_office_holder_brings_in_the_body_as_implied(nlp):
    ex = diplotext.extract("Secretary-General António Guterres condemns the attack in Mali.", nlp=nlp)
    guterres = next(p for p in ex.parties if p.kind == "person")
    assert guterres.affiliation == "united-nations"
    assert next(p for p in ex.parties if p.id == "united-nations").name == "United Nations"


def test_party_linker_bare_office_is_a_mention_of_its_body_under_the_body_name(nlp):
    ex = diplotext.extract("The Secretary-General welcomes the agreement.", nlp=nlp)
    un = next(p for p in ex.parties if p.id == "united-nations")
    assert un.name == "United Nations" and [m.text for m in un.mentions] == ["Secretary-General"]
    assert "Secretary-General" not in un.aliases


def test_party_linker_news_agency_publisher_is_no_side(nlp):
    ex = diplotext.extract('Statement\n\n"We condemn the attack," the minister said.', publisher="Reuters", nlp=nlp)
    assert ex.publisher is not None and ex.publisher.id is None
    assert "reuters" not in {p.id for p in ex.parties}
