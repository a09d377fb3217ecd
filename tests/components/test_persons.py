"""diplotext_persons: persons with role, state and affiliation; one case per rule."""

from __future__ import annotations

import json

import pytest
import spacy

from diplotext.components.persons import PersonsComponent

KEY = "diplotext_persons"


def _persons(nlp, text: str, *, use_ner: bool = True, pipe: PersonsComponent | None = None) -> dict[str, dict]:
    """The person mentions of ``text`` by surface text (the last one wins)."""
    doc = nlp(text)
    if pipe is not None or not use_ner:
        doc = (pipe or PersonsComponent(nlp, KEY, use_ner=False))(doc)
    return {m["text"]: m for m in doc.spans[KEY].attrs["mentions"]}


@pytest.mark.parametrize(
    ("text", "name", "role", "country", "use_ner"),
    [
        # a name right after a title: "Ambassador Moin ul Haque", "Chairperson Moussa Faki Mahamat"
        ("Ambassador Moin ul Haque met reporters.", "Moin ul Haque", "Ambassador", None, False),
        ("On Monday Chairperson Moussa Faki Mahamat spoke.", "Moussa Faki Mahamat", "Chairperson", None, False),
        # an appositive role: "Moin ul Haque, Pakistan's Ambassador to China"
        ("Moin ul Haque, Pakistan's Ambassador to China, said the talks went well.", "Moin ul Haque", "Ambassador to China", "PAK", True),
        # ", Vice Premier of the State Council": a role after the name
        ("They met Hu Chunhua, Vice Premier of the State Council, in Beijing.", "Hu Chunhua", "Vice Premier of the State Council", None, True),
        # a name ending a capitalised title run: "Minister of Foreign Affairs Wang Yi"
        ("He met Minister of Foreign Affairs Wang Yi.", "Wang Yi", None, "CHN", False),
        # " of Kenya" after the name
        ("President William Ruto of Kenya met reporters.", "William Ruto", "President", "KEN", True),
        ("Uganda and Tanzania met Governor John Smith of Kenya on Monday.", "John Smith", "Governor", "KEN", True),
        # a state in the title: "U.S. Secretary of State", "Chinese President"
        ("U.S. Secretary of State Antony Blinken met reporters.", "Antony Blinken", "Secretary of State", "USA", True),
        ("They met Chinese President Xi Jinping.", "Xi Jinping", "President", "CHN", True),
        # the title widened to the whole title run: "Deputy Foreign Minister"
        ("They met Deputy Foreign Minister Sun Weidong.", "Sun Weidong", "Deputy Foreign Minister", None, True),
        # ", President Emmanuel Macron of France": the next person of a list, not an apposition
        ("Chancellor Olaf Scholz, President Emmanuel Macron of France and others met.", "Olaf Scholz", "Chancellor", "DEU", True),
        # no state in the text around a title: the state named nearest before, in the sentence
        ("In Kenya, Ambassador John Smith said the talks were good.", "John Smith", "Ambassador", "KEN", True),
    ],
)
def test_persons_finds_person(nlp, text, name, role, country, use_ner):
    persons = _persons(nlp, text, use_ner=use_ner)
    assert name in persons, sorted(persons)
    assert (persons[name]["role"], persons[name]["country"]) == (role, country)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a generational suffix stays with the name
        ("Senator Robert Casey, Jr. met reporters.", "Robert Casey, Jr."),
        # the run is cut where a known official's name ends (the NER's PERSON is "Donald Trump Tower")
        ("On Monday Donald Trump Tower opened.", "Donald Trump"),
        # particles inside a name are kept
        ("Ambassador Moin ul Haque met reporters.", "Moin ul Haque"),
    ],
)
def test_persons_name_run(nlp, text, name):
    assert list(_persons(nlp, text)) == [name]


def test_persons_affiliation_from_a_body_in_the_title(nlp):
    # "African Union Commission (AUC) Chairperson": the body the person speaks for
    persons = _persons(nlp, "They met African Union Commission (AUC) Chairperson Moussa Faki Mahamat.")
    assert persons["Moussa Faki Mahamat"]["affiliation"] == "african union commission"
    # "Sovereign Council Chair General Burhan": the title after the body
    persons = _persons(nlp, "Sovereign Council Chair General Burhan met the envoy.")
    assert (persons["Burhan"]["role"], persons["Burhan"]["affiliation"]) == ("Chair General", "sovereign council")
    assert persons["Burhan"]["aliases"] == ["General Burhan"]


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        # "the Biden administration": a name used as a modifier
        ("The Biden administration praised the plan.", "Biden"),
        # "Winter Olympic and Paralympic Games": an event word in or after the entity
        ("They attended the Winter Olympic and Paralympic Games.", "Winter Olympic"),
    ],
)
def test_persons_refuses_non_person(nlp, text, not_a_person):
    assert not_a_person not in _persons(nlp, text)


def test_persons_bare_one_word_name_is_weak(nlp):
    # a one-word name from the NER without a title is kept only as a known person's surname (the linker decides)
    persons = _persons(nlp, "King Salman received Crown Prince Mohammed bin Salman. Salman spoke.")
    assert [(m["text"], m["form"]) for m in persons.values()] == [("Salman", "weak"), ("Mohammed bin Salman", "name")]


def test_persons_no_person_inside_a_body(nlp):
    persons = _persons(nlp, "The Embassy of Pakistan in China hosted Ambassador Moin ul Haque.")
    assert list(persons) == ["Moin ul Haque"]


def test_persons_mentions_are_json_and_spans_labelled(nlp):
    doc = nlp("Ambassador Moin ul Haque met reporters.")
    json.dumps(doc.spans[KEY].attrs["mentions"])
    assert [(s.text, s.label_) for s in doc.spans[KEY]] == [("Moin ul Haque", "PERSON")]


def test_persons_titles_are_data(nlp, lexicon_with):
    # without "Ambassador" among the titles (and without the NER) "Moin ul Haque" is not found
    pipe = PersonsComponent(nlp, KEY, use_ner=False)
    pipe.initialize(resources={"lexicon": lexicon_with("person_titles", lambda ws: [w for w in ws if w != "Ambassador"])})
    text = "Ambassador Moin ul Haque met reporters."
    assert "Moin ul Haque" in _persons(nlp, text, use_ner=False)
    assert _persons(nlp, text, pipe=pipe) == {}


def test_persons_use_ner_in_config_takes_effect(nlp, tmp_path):
    # "John Carter" has no title: only the base NER finds him
    text = "The delegation met John Carter on Monday."
    assert "John Carter" in _persons(nlp, text)
    nlp.to_disk(tmp_path / "model")
    cfg = (tmp_path / "model" / "config.cfg").read_text(encoding="utf-8")
    section = '[components.diplotext_persons]\nfactory = "diplotext_persons"\nuse_ner = true'
    assert section in cfg
    (tmp_path / "model" / "config.cfg").write_text(cfg.replace(section, section.replace("true", "false")), encoding="utf-8")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe(KEY).use_ner is False
    assert not (tmp_path / "model" / KEY / "cfg").exists()
    assert loaded(text).spans[KEY].attrs["mentions"] == []


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a state after the name inside another official's title is that official's, no cue
        ("Minister Kamikawa spoke with the Foreign Minister of Egypt.", "Kamikawa", None),
        # the person's own appositive title wins over a state named later
        ("Lijian Zhao, the deputy chief of the Chinese embassy, spoke about Saudi financing.", "Lijian Zhao", "CHN"),
        # a title run in a headline reaches back over another name: the nearer state is the person's
        ("Sri Lankan President Anura Dissanayake Telephones Indian Premier Narendra Modi", "Narendra Modi", "IND"),
        # a destination in the title is not the owner
        ("U.S. Ambassador to China Nicholas Burns met reporters.", "Nicholas Burns", "USA"),
    ],
    ids=["other-officials-title", "own-appositive", "headline-run", "destination"],
)
def test_persons_state_of_a_title(nlp, text, name, country):
    assert _persons(nlp, text)[name]["country"] == country


def test_persons_words_of_a_multiword_state_are_no_name(nlp):
    found = _persons(nlp, "Sri Lanka whose former President was ousted expresses solidarity with Bangladesh.")
    assert "Sri Lanka" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [("Syrian President Bashar al-Assad must go.", "Bashar al-Assad"), ("Crown Prince Mohammed bin Salman met them.", "Mohammed bin Salman")],
    ids=["al-hyphen", "bin"],
)
def test_persons_titled_name_keeps_its_particles(nlp, text, name):
    assert name in _persons(nlp, text)


def test_persons_untitled_particle_hyphen_is_no_name(nlp):
    assert "Bab al-Mandab" not in _persons(nlp, "Ships use waterways like the Bab al-Mandab and the Strait of Hormuz.")


@pytest.mark.parametrize(("text", "name"), [("President Jean-Claude Juncker spoke.", "Jean-Claude Juncker"), ("Foreign Minister Chung Eui-yong met them.", "Chung Eui-yong")],
                         ids=["hyphenated-first-name", "hyphenated-given-name"])
def test_persons_hyphenated_name_is_one_name(nlp, text, name):
    assert name in _persons(nlp, text)


def test_persons_subdivision_is_no_person(nlp):
    assert "Tamil Nadu" not in _persons(nlp, "Tamil Nadu sent relief supplies to the island.")


def test_persons_destination_after_the_person_is_no_cue(nlp):
    assert _persons(nlp, "Chief Minister M.K. Stalin sent aid to Sri Lanka.")["M.K. Stalin"]["country"] is None


@pytest.mark.parametrize(("text", "name"), [("H.E. Prak Sokhonn met the press.", "Prak Sokhonn"), ("Hon’ble Ramalingam Chandrashekhar attended.", "Ramalingam Chandrashekhar")],
                         ids=["his-excellency", "honourable"])
def test_persons_honorific_ends_the_name_and_is_no_role(nlp, text, name):
    found = _persons(nlp, text)
    assert name in found and found[name]["role"] is None
