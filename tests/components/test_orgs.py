"""diplotext_orgs: organisation mentions and the state each belongs to; one case per rule."""

from __future__ import annotations

import json

import pytest
import spacy

from diplotext.components.orgs import OrgsComponent

KEY = "diplotext_orgs"


def _orgs(nlp, text: str, *, use_ner: bool = True) -> dict[str, dict]:
    """The organisation mentions of ``text`` by surface text (the last one wins)."""
    doc = nlp(text)
    if not use_ner:
        doc = OrgsComponent(nlp, KEY, use_ner=False)(doc)
    return {m["text"]: m for m in doc.spans[KEY].attrs["mentions"]}


@pytest.mark.parametrize(
    ("text", "name", "country", "use_ner"),
    [
        # an abbreviation definition whose long form is a body
        ("The Communist Party of China (CPC) met.", "Communist Party of China", "CHN", True),
        # a locative head goes on through "in" and a state; the state after "in" is not its owner
        ("The Embassy of Pakistan in China hosted them.", "Embassy of Pakistan in China", "PAK", True),
        # a plural owner's possessive stays inside the name
        ("They met the Chinese People's Association for Friendship with Foreign Countries.",
         "Chinese People's Association for Friendship with Foreign Countries", "CHN", False),
        # "Pakistan's Ministry of ...": the possessor is the owner
        ("Pakistan's Ministry of Commerce met them.", "Ministry of Commerce", "PAK", True),
        ("Pakistan's Peace Foundation met them.", "Peace Foundation", "PAK", True),
        # a state after "in" or "to" is a place or a destination, not the owner
        ("Kenya funds the Mission to Sudan.", "Mission to Sudan", None, True),
        # a national body named without its state: the state last named in its sentence
        ("Kenya said the Ministry of Health will help.", "Ministry of Health", "KEN", True),
        # international bodies belong to no state (not even the one named in their sentence)
        ("They met the United Nations Development Programme.", "United Nations Development Programme", None, True),
        ("Kenya hosted the International Council for Science.", "International Council for Science", None, True),
        # a number label ends the name ("No. 4")
        ("They met the Joint Committee No. 4 members.", "Joint Committee", None, True),
        # "Office of Foreign Assets Control (OFAC": an unclosed parenthesis is dropped
        ("The Office of Foreign Assets Control (OFAC designated them.", "Office of Foreign Assets Control", "USA", True),
        # "Sovereign Council Chair General Burhan": the body ends where a title starts
        ("Sovereign Council Chair General Burhan met the envoy.", "Sovereign Council", None, True),
        # "President Donald J. Trump Establishes White House Faith Office": a headline verb ends the run
        ("President Donald J. Trump Establishes White House Faith Office", "White House Faith Office", None, True),
        # "Department of State and U.S. ...": a list, not one name
        ("The Department of State and U.S. officials met.", "Department of State", "USA", True),
        # one-word names the gazetteer knows with this exact case: "Hamas", "G7", the WHO
        ("Hamas and the G7 met.", "Hamas", "PSE", True),
        ("Hamas and the G7 met.", "G7", None, True),
        ("The WHO said so.", "WHO", None, True),
    ],
)
def test_orgs_finds_body(nlp, text, name, country, use_ner):
    orgs = _orgs(nlp, text, use_ner=use_ner)
    assert name in orgs, sorted(orgs)
    assert orgs[name]["country"] == country


def test_orgs_splits_two_bodies_at_a_possessive(nlp):
    # "Department of Homeland Security's Cybersecurity ... Agency": two bodies
    orgs = _orgs(nlp, "He works at the Department of Homeland Security's Cybersecurity and Infrastructure Security Agency.")
    assert sorted(orgs) == ["Cybersecurity and Infrastructure Security Agency", "Department of Homeland Security"]


@pytest.mark.parametrize(
    ("text", "not_a_body", "use_ner"),
    [
        # "People's Republic of China (PRC)": a state's own name
        ("Officials of the People's Republic of China (PRC) met.", "People's Republic of China", True),
        # "Department Spokesperson": a role, not a body
        ("The Department Spokesperson said so.", "Department Spokesperson", True),
        # "Japan-U.S. Alliance", "U.S.-Pakistan Health Dialogue": a relationship (the run rule; the base NER
        # tags "the Japan-U.S. Alliance" ORG, so the rule is seen without it)
        ("They praised the Japan-U.S. Alliance.", "Japan-U.S. Alliance", False),
        # "the Pakistani government", "Government of Pakistan": the state itself
        ("The Pakistani government agreed.", "Pakistani government", True),
        ("The Government of Pakistan agreed.", "Government of Pakistan", True),
        # "Russian Federation": a state's own name
        ("The Russian Federation agreed.", "Russian Federation", True),
        # "Compacts of Free Association": part of a document's name
        ("They signed the Compacts of Free Association.", "Free Association", True),
        # "Who" is not the WHO (exact case)
        ("Who will attend the talks?", "Who", True),
        # a byline is no party
        ("Office of the Spokesperson", "Office of the Spokesperson", True),
        # "Winter Olympic and Paralympic Games": an event
        ("They attended the Winter Olympic and Paralympic Games.", "Paralympic Games", True),
    ],
)
def test_orgs_refuses_non_body(nlp, text, not_a_body, use_ner):
    # no mention overlaps the phrase (not even a part of it: "U.S. Alliance")
    start = text.index(not_a_body)
    end = start + len(not_a_body)
    overlapping = [m["text"] for m in _orgs(nlp, text, use_ner=use_ner).values() if m["start"] < end and start < m["end"]]
    assert overlapping == []


def test_orgs_x_and_the_government_of_y_are_two_bodies(nlp):
    # "X and the Government of Y": the first name ends before "and the"
    orgs = _orgs(nlp, "Kenya said the Ministry of Health and the Government of Uganda will cooperate.")
    assert list(orgs) == ["Ministry of Health"]


def test_orgs_later_short_forms_and_aliases(nlp):
    mentions = nlp("The Communist Party of China (CPC) met. The CPC said so.").spans[KEY].attrs["mentions"]
    assert [(m["text"], m["form"]) for m in mentions] == [("Communist Party of China", "name"), ("CPC", "acronym"), ("CPC", "name")]
    assert mentions[0]["aliases"] == ["CPC"]


def test_orgs_shorter_definition_belongs_to_longer_name(nlp):
    # "(DHHS)" defined on "Department of ..." belongs to the longer "U.S. Department of ..." the NER finds
    orgs = _orgs(nlp, "The U.S. Department of Health and Human Services (DHHS) said so.")
    assert orgs["U.S. Department of Health and Human Services"]["aliases"] == ["DHHS"]
    assert "Department of Health and Human Services" not in orgs


def test_orgs_mentions_are_json_and_spans_labelled(nlp):
    doc = nlp("The Embassy of Pakistan in China hosted them.")
    json.dumps(doc.spans[KEY].attrs["mentions"])
    assert [(s.text, s.label_) for s in doc.spans[KEY]] == [("Embassy of Pakistan in China", "ORG")]


def test_orgs_national_heads_are_data(nlp, lexicon_with):
    # without "ministry" among the national heads, an unowned Ministry takes no state from its sentence
    pipe = OrgsComponent(nlp, KEY)
    pipe.initialize(resources={"lexicon": lexicon_with("national_heads", lambda ws: [w for w in ws if w != "ministry"])})
    doc = pipe(nlp("Kenya said the Ministry of Health will help."))
    assert [(m["text"], m["country"]) for m in doc.spans[KEY].attrs["mentions"]] == [("Ministry of Health", None)]


def test_orgs_use_ner_in_config_takes_effect(nlp, tmp_path):
    # "White House" has no organisation head: only the base NER (with the gazetteer) finds it
    text = "The White House said so."
    assert "White House" in _orgs(nlp, text)
    nlp.to_disk(tmp_path / "model")
    cfg = (tmp_path / "model" / "config.cfg").read_text(encoding="utf-8")
    section = '[components.diplotext_orgs]\nfactory = "diplotext_orgs"\nuse_ner = true'
    assert section in cfg
    (tmp_path / "model" / "config.cfg").write_text(cfg.replace(section, section.replace("true", "false")), encoding="utf-8")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe(KEY).use_ner is False
    assert not (tmp_path / "model" / KEY / "cfg").exists()
    assert "White House" not in {m["text"] for m in loaded(text).spans[KEY].attrs["mentions"]}


@pytest.mark.parametrize("text", ["The Minsk Group co-chairs met.", "The NATO-Russia Council met in Brussels.", "The EU Foreign Affairs Council met in Paris, France."],
                         ids=["grouping-with-a-city", "body-of-an-international-org", "eu-council"])
def test_orgs_international_body_belongs_to_no_state(nlp, text):
    mentions = nlp(text).spans["diplotext_orgs"].attrs["mentions"]
    assert mentions and all(m["country"] is None for m in mentions)


def test_orgs_region_ending_in_a_head_word_is_no_body(nlp):
    mentions = nlp("The ministers are concerned about the West Bank and Gaza.").spans["diplotext_orgs"].attrs["mentions"]
    assert mentions == []
