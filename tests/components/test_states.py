"""diplotext_states: country forms, and which of them mention a state as a party; one case per rule."""

from __future__ import annotations

import json

import pytest

from diplotext.components.states import StatesComponent


def _is_state(nlp, text: str, form: str, nth: int = 0) -> bool:
    """Whether the nth occurrence of ``form`` is in group diplotext_states (it must be a country form)."""
    doc = nlp(text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(form, start + 1)
    forms = {(h["start"], h["end"]) for h in doc.spans["diplotext_country_forms"].attrs["hits"]}
    assert (start, start + len(form)) in forms, f"{form!r} is not a country form here"
    return (start, start + len(form)) in {(h["start"], h["end"]) for h in doc.spans["diplotext_states"].attrs["hits"]}


@pytest.mark.parametrize(
    ("text", "form", "expected"),
    [
        # a name is the state
        ("Georgia's president met reporters.", "Georgia", True),
        # part of another place's name: "New Mexico", "New Jersey"
        ("Officials from New Mexico met reporters.", "Mexico", False),
        # U.S. states: "Florida, Georgia, and South Carolina", "the State of Georgia"
        ("Florida, Georgia, and South Carolina passed the law.", "Georgia", False),
        ("Officials from the State of Georgia met reporters.", "Georgia", False),
        # capitals in a hyphenated pair: "Beijing-Islamabad"
        ("The Beijing-Islamabad talks went well.", "Beijing", True),
        ("The Beijing-Islamabad talks went well.", "Islamabad", True),
        # demonyms in a pair describe the relation: "Saudi-Chinese" ties are not a mention of either
        ("Saudi-Chinese ties grew.", "Saudi", False),
        ("The Saudi-led coalition struck.", "Saudi", False),
        # a capital as subject or owner stands for the state, not after another proper noun
        ("Beijing said it would help.", "Beijing", True),
        ("They stayed at the Grand Hotel Beijing.", "Beijing", False),
        ("The Hotel Beijing said it was full.", "Beijing", False),
        ("They flew to Beijing.", "Beijing", False),
        # demonyms naming a side: "the Chinese side", "the Pakistani government"
        ("The Chinese side agreed.", "Chinese", True),
        ("The Pakistani government agreed.", "Pakistani", True),
        # a plural demonym as subject: "the Saudis"
        ("The Saudis said they would attend.", "Saudis", True),
        # "Polish Foreign Minister", "Qatari Prime Minister": the official's state
        ("On Monday Polish Foreign Minister Radoslaw Sikorski spoke.", "Polish", True),
        ("On Monday Qatari Prime Minister Mohammed bin Abdulrahman spoke.", "Qatari", True),
        # a demonym describing a thing is no mention of the state
        ("A Chinese company built the port.", "Chinese", False),
    ],
)
def test_states_is_state_mention(nlp, text, form, expected):
    assert _is_state(nlp, text, form) is expected


def test_states_country_forms_carry_exact_hits(nlp):
    text = "China-Pakistan ties: the Chinese side met officials in Islamabad."
    doc = nlp(text)
    hits = doc.spans["diplotext_country_forms"].attrs["hits"]
    assert [(h["text"], h["iso3"], h["form"]) for h in hits] == [
        ("China", "CHN", "name"), ("Pakistan", "PAK", "name"), ("Chinese", "CHN", "demonym"), ("Islamabad", "PAK", "capital"),
    ]
    assert all(text[h["start"] : h["end"]] == h["text"] for h in hits)
    assert [s.label_ for s in doc.spans["diplotext_country_forms"]] == ["CHN", "PAK", "CHN", "PAK"]
    json.dumps(hits)


def test_states_place_prefixes_are_data(nlp, lexicon_with):
    # with no place prefixes, "New Mexico" is a mention of Mexico
    pipe = StatesComponent(nlp)
    pipe.initialize(resources={"lexicon": lexicon_with("place_prefixes", lambda ws: [])})
    doc = nlp("Officials from New Mexico met reporters.")
    assert [h["text"] for h in pipe(doc).spans["diplotext_states"].attrs["hits"]] == ["Mexico"]


def test_states_coordinated_demonyms_before_a_plural_title_name_their_states(nlp):
    doc = nlp("They thanked the Polish, German and French Foreign Ministers for their work.")
    assert [h["iso3"] for h in doc.spans["diplotext_states"].attrs["hits"]] == ["POL", "DEU", "FRA"]


def test_states_governor_of_a_federated_state_is_no_country(nlp):
    doc = nlp("The governor of Georgia met reporters.")
    assert doc.spans["diplotext_states"].attrs["hits"] == []
