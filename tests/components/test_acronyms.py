"""diplotext_acronyms: "Long Form (LF)" definitions by Schwartz & Hearst, one case per rule."""

from __future__ import annotations

import json

import pytest

from diplotext.components.acronyms import AcronymsComponent, sh_match

KEY = "diplotext_acronyms"


def _definitions(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(d["short"], text[d["long_start"] : d["long_end"]]) for d in doc.spans[KEY].attrs["definitions"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the comment's example: a body's name and its short form
        ("The Communist Party of China (CPC) met.", [("CPC", "Communist Party of China")]),
        # generic: a state's own name is a definition too (diplotext_orgs refuses it, not this component)
        ("Officials of the People's Republic of China (PRC) met.", [("PRC", "People's Republic of China")]),
        # lower-case connectors inside the long form
        ("The Ministry of Foreign Affairs (MOFA) said so.", [("MOFA", "Ministry of Foreign Affairs")]),
        ("The Banque de France (BdF) said so.", [("BdF", "Banque de France")]),
        # the shortest run of words that spells the short form, not the whole capitalised run
        ("The Department of Health and Human Services (HHS) said so.", [("HHS", "Health and Human Services")]),
        # punctuation between words ends the run
        ("Pakistan, Foreign Office (FO) said so.", [("FO", "Foreign Office")]),
        # a short form with a word before it starts the long form at that word
        ("The Sudan Armed Forces (Sudan SAF) fought.", [("Sudan SAF", "Sudan Armed Forces")]),
    ],
)
def test_acronyms_finds_definition(nlp, text, expected):
    assert _definitions(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They met the Ministry (Min) officials.",  # one capital: no abbreviation, though the letters match
        "The Office of Foreign Assets Control (OFAC designated them.",  # no closing parenthesis
        "It was agreed (NOTE: later) in Geneva.",  # not a parenthesised short form alone
        "They met the (UN) officials.",  # no capitalised words before the parenthesis
        "the talks on trade (WTO) ended.",  # the words before it do not spell it
    ],
)
def test_acronyms_finds_no_definition(nlp, text):
    assert _definitions(nlp, text) == []


def test_acronyms_records_exact_offsets_and_labelled_spans(nlp):
    text = "Officials of the African Union Commission (AUC) met the AUC chair."
    group = nlp(text).spans[KEY]
    (d,) = group.attrs["definitions"]
    assert text[d["short_start"] : d["short_end"]] == "AUC"
    assert text[d["long_start"] : d["long_end"]] == "African Union Commission"
    assert [(s.text, s.label_) for s in group] == [("African Union Commission", "AUC")]
    json.dumps(group.attrs["definitions"])  # JSON-able


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("CPC", "Communist Party of China", True),
        ("CPC", "Party of China", False),  # a letter is missing
        ("HHS", "Human Services", False),  # the first letter must start a word, two H's needed
        ("FO", "Foreign Office", True),
        ("ABC", "Cab", False),  # letters in the wrong order
    ],
)
def test_acronyms_sh_match(short, long, expected):
    assert sh_match(short, long) is expected


def test_acronyms_connectors_are_data(nlp, lexicon_with):
    # without "of" among the connectors the run stops before it: "China" alone cannot spell "CPC"
    pipe = AcronymsComponent(nlp)
    pipe.initialize(resources={"lexicon": lexicon_with("long_form_connectors", lambda ws: [w for w in ws if w != "of"])})
    doc = pipe(nlp.make_doc("The Communist Party of China (CPC) met."))
    assert doc.spans[KEY].attrs["definitions"] == []
