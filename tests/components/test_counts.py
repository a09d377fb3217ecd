"""diplotext_counts: one case per rule, each a short sentence through the real pipeline."""

from __future__ import annotations

import json

import pytest

import diplotext
from diplotext.components.counts import CountsComponent


def counts(nlp, text: str) -> list[tuple[str, float, str | None]]:
    """(text, value, unit) of every count the pipeline reports."""
    return [(c.text, c.value, c.unit) for c in diplotext.extract(text, reference_date="2021-12-09", nlp=nlp).counts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the span runs from the number to the counted noun's head; the unit is the head's lemma
        ("China and Pakistan signed nine new friendly cooperation agreements.", [("nine new friendly cooperation agreements", 9, "agreement")]),
        ("Pakistan received a dozen ventilators.", [("a dozen ventilators", 12, "ventilator")]),
        ("The fund received two hundred proposals.", [("two hundred proposals", 200, "proposal")]),
        ("The fund received forty - three proposals.", [("forty - three proposals", 43, "proposal")]),
        ("The fund received 5 million doses.", [("5 million doses", 5000000, "dos")]),  # the lemmatizer's "dos"
        ("The ministers met with 1,500 delegates and 1.5 million visitors.",
         [("1,500 delegates", 1500, "delegate"), ("1.5 million visitors", 1500000, "visitor")]),
        # "43 provinces and cities": the span runs to the last coordinated noun
        ("The agreement covers 43 provinces and cities.", [("43 provinces and cities", 43, "province")]),
    ],
)
def test_counts_number_is_tied_to_the_noun_it_counts(nlp, text, expected):
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The United States pledged $2 billion in aid.", [("$2 billion", 2000000000, "USD")]),
        ("The bank lent €300 million.", [("€300 million", 300000000, "EUR")]),
        ("The bank lent £5 billion.", [("£5 billion", 5000000000, "GBP")]),
        ("The EU pledged 500 million euros to the fund.", [("500 million euros", 500000000, "EUR")]),
        ("The fund holds 2 trillion yen.", [("2 trillion yen", 2000000000000, "JPY")]),
    ],
)
def test_counts_money_keeps_its_amount_with_the_currency_code(nlp, text, expected):
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports rose 15 percent.", [("15 percent", 15, "percent")]),
        ("Exports rose 15 per cent.", [("15 per cent", 15, "percent")]),
        ("Exports rose 15 %.", [("15 %", 15, "percent")]),
        ("Exports rose by two percentage points.", [("two percentage points", 2, "percentage point")]),
    ],
)
def test_counts_percentage_has_unit_percent(nlp, text, expected):
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The companies launched 5G networks in 12 cities.", [("12 cities", 12, "city")]),  # "5G": a code
        ("They support a two-state solution and 30 projects.", [("30 projects", 30, "project")]),  # a compound adjective
        ("1) The ministers approved 14 projects.", [("14 projects", 14, "project")]),  # an enumerator
        ("The 100th anniversary drew 3,000 guests.", [("3,000 guests", 3000, "guest")]),  # an ordinal
        ("Task Force 59 delivered 40 drones.", [("40 drones", 40, "drone")]),  # a number inside a name
        ("The Council adopted Resolution 2231 with 15 votes.", [("15 votes", 15, "vote")]),
        ("The G20 leaders approved 12 measures.", [("12 measures", 12, "measure")]),
        ("Exports reached 1999 tons.", []),  # a year the NER did not tag
        ("They signed 3 agreements in 1995 and 4 accords.", [("3 agreements", 3, "agreement"), ("4 accords", 4, "accord")]),
    ],
)
def test_counts_codes_ordinals_names_and_years_are_not_counts(nlp, text, expected):
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The office is at 500 West Main Street.",  # an address, not a count
        "The embassy moved to 1600 Pennsylvania Avenue.",
    ],
)
def test_counts_address_is_not_a_count(nlp, text):
    assert counts(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zero cases were reported, and 0 deaths, and 12 recoveries.", [("12 recoveries", 12, "recovery")]),
        ("One delegation and 12 experts attended.", [("12 experts", 12, "expert")]),
    ],
)
def test_counts_zero_and_one_are_not_counts(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_counts_duration_belongs_to_the_dates(nlp):
    ex = diplotext.extract("Our two peoples share 70 years of friendship.", reference_date="2021-12-09", nlp=nlp)
    assert ex.counts == []
    assert [(d.text, d.value) for d in ex.dates] == [("70 years", "P70Y")]


def test_counts_number_of_time_units_is_not_a_count(nlp):
    # "two semesters": a duration the dates component does not read is still not a count
    assert counts(nlp, "Students spent two semesters abroad.") == []


def test_counts_number_without_a_counted_noun_is_left_out(nlp):
    # "nine of the 22 completed": neither number has a noun head (the gold counts both: a known recall gap)
    assert counts(nlp, "All CPEC projects are moving fast, with nine of the 22 completed.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two sides agreed to expand trade.", []),  # "the two sides": a pointer at the parties
        ("Our two peoples are friends.", []),
        ("Both countries agreed.", []),
        ("These two countries agreed.", []),
        ("The twelve delegations attended the talks.", [("twelve delegations", 12, "delegation")]),  # over three: members, counted
        ("Two countries agreed.", []),  # "two states", "three nations": the parties, whatever the determiner
        ("The three nations agreed.", []),
        ("Five countries signed the accord.", [("Five countries", 5, "country")]),  # over three, no determiner
        ("Twelve delegations attended the talks.", [("Twelve delegations", 12, "delegation")]),
        ("The 40 countries agreed.", [("40 countries", 40, "country")]),
        ("The 12 participating economies agreed.", [("12 participating economies", 12, "economy")]),
    ],
)
def test_counts_numeral_pointing_at_the_parties_is_left_out(nlp, text, expected):
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two sides agreed to expand trade.", [("two sides", 2, "side")]),
        ("Two countries agreed.", [("Two countries", 2, "country")]),
    ],
)
def test_counts_skip_pointers_off_keeps_the_pointers(nlp, monkeypatch, text, expected):
    monkeypatch.setattr(nlp.get_pipe("diplotext_counts"), "skip_pointers", False)
    assert counts(nlp, text) == expected


def test_counts_item_records_its_sentence(nlp):
    ex = diplotext.extract("The talks ended. Both sides signed 14 agreements. They left.", reference_date="2021-12-09", nlp=nlp)
    assert [(c.text, c.noun_phrase, c.sentence) for c in ex.counts] == [("14 agreements", "14 agreements", "Both sides signed 14 agreements.")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fund received forty-three proposals.", [("forty-three proposals", 43, "proposal")]),
        ("They signed twenty-one agreements.", [("twenty-one agreements", 21, "agreement")]),
    ],
)
def test_counts_hyphenated_number_word_is_read_whole(nlp, text, expected):
    # two number words joined by a hyphen are one number; "two-state" (a number word and a noun) is not
    assert counts(nlp, text) == expected


# -- settings and data ------------------------------------------------------------------------------


def test_counts_to_disk_saves_the_rows_and_no_cfg(nlp, tmp_path):
    nlp.get_pipe("diplotext_counts").to_disk(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lexicon.v1.jsonl", "patterns.v1.jsonl", "quantities.v1.jsonl", "timex.v1.jsonl"]


def test_counts_from_disk_reads_the_saved_rows(nlp, tmp_path):
    nlp.get_pipe("diplotext_counts").to_disk(tmp_path)
    path = tmp_path / "quantities.v1.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["name"] == "currency_words":
            row["values"]["euros"] = "XEU"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    fresh = CountsComponent(nlp, "counts_copy")
    fresh.from_disk(tmp_path)
    doc = fresh(nlp("The EU pledged 500 million euros to the fund."))
    assert [(c["value"], c["unit"]) for c in doc._.diplotext_counts] == [(500000000, "XEU")]


@pytest.mark.parametrize("how", ["disk", "bytes"])
def test_counts_loading_saved_data_keeps_the_factory_settings(nlp, tmp_path, how):
    # the settings come from config.cfg: a saved component's data never overrides them
    saved = nlp.get_pipe("diplotext_counts")
    fresh = CountsComponent(nlp, "counts_copy", skip_pointers=False)
    if how == "disk":
        saved.to_disk(tmp_path)
        fresh.from_disk(tmp_path)
    else:
        fresh.from_bytes(saved.to_bytes())
    assert fresh.skip_pointers is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The UK pledged £1.5bn to the fund.", [("£1.5bn", 1500000000, "GBP")]),
        ("Switzerland gave CHF 2 million to Jordan.", [("CHF 2 million", 2000000, "CHF")]),
        ("Australia gave AUD 10 million to Fiji.", [("AUD 10 million", 10000000, "AUD")]),
        ("Korea offered 1.5 trillion won to Vietnam.", [("1.5 trillion won", 1500000000000, "KRW")]),
        ("India approved Rs 500 crore for Nepal.", [("Rs 500 crore", 5000000000, "INR")]),
        ("India approved Rs. 5 lakh crore for the project.", [("Rs. 5 lakh crore", 5000000000000, "INR")]),
        ("Egypt received 3 billion Egyptian pounds.", [("3 billion Egyptian pounds", 3000000000, "EGP")]),
        ("Serbia received €300m from the bank.", [("€300m", 300000000, "EUR")]),
        ("Brazil gave R$ 5 million.", [("R$ 5 million", 5000000, "BRL")]),
        ("China gave USD1 billion to Pakistan.", [("USD1 billion", 1000000000, "USD")]),
        ("Korea donated US$300,000 to Cambodia.", [("US$300,000", 300000, "USD")]),
        ("India funds a $ 442-million wind project.", [("$ 442-million", 442000000, "USD")]),
    ],
    ids=["sign-glued-bn", "code-before", "aud-code", "bare-won", "rs-crore", "lakh-crore", "cldr-name", "glued-m", "cldr-symbol",
         "code-glued-to-number", "us-dollar-sign", "hyphenated-scale"],
)
def test_counts_money_in_any_currency_and_scale(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_counts_dozen_multiplies(nlp):
    assert counts(nlp, "Japan sent two dozen helicopters to Turkey.") == [("two dozen helicopters", 24, "helicopter")]


def test_currency_forms_come_from_cldr_and_rows_override():
    from diplotext.currencies import cldr_currency_forms, currency_forms

    base = cldr_currency_forms()
    assert base.signs["£"] == "GBP" and base.names[("swiss", "francs")] == "CHF" and base.signs["NGN"] == "NGN"
    forms = currency_forms({"$": "USD"}, {"dollars": "USD"})
    assert forms.signs["$"] == "USD" and forms.name_at(["dollars", "in"]) == ("USD", 1)


@pytest.mark.parametrize("text", ["The ship sailed 220 km from the coast.", "The jet flew within 100 feet of the ship."])
def test_counts_distance_is_no_count(nlp, text):
    assert counts(nlp, text) == []


@pytest.mark.parametrize(("text", "value"), [("The law funds 196,000 miles of roads.", 196000), ("The zone covers 500,000 square kilometers.", 500000)],
                         ids=["miles-of-a-thing", "area"])
def test_counts_amount_of_a_thing_in_length_units_is_a_count(nlp, text, value):
    assert [c[1] for c in counts(nlp, text)] == [value]
