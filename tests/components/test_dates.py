"""diplotext_dates: one case per rule, each a short sentence through the real pipeline.

The reference date of every case is Thursday 2021-12-09 unless a case says otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import diplotext
from diplotext.components.dates import DatesComponent

REF = "2021-12-09"  # a Thursday


def dates(nlp, text: str, ref: str | None = REF) -> list[tuple[str, str]]:
    """(text, value) of every date the pipeline reports."""
    return [(d.text, d.value) for d in diplotext.extract(text, reference_date=ref, nlp=nlp).dates]


def typed(nlp, text: str) -> list[tuple[str, str, str]]:
    """(text, value, type) of every date the pipeline reports."""
    return [(d.text, d.value, d.type) for d in diplotext.extract(text, reference_date=REF, nlp=nlp).dates]


# -- ranges: "7-8 July, 2022" gives "7" and "8 July, 2022" -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first day takes its month and year from the second part
        ("The forum was held on 7-8 July, 2022 in Beijing.", [("7", "2022-07-07"), ("8 July, 2022", "2022-07-08")]),
        # the second day takes its month from the first; "and" before another dated month cuts the candidate
        (
            "The ministers met on March 29-30, 2023 and June 14 in Geneva.",
            [("March 29", "2023-03-29"), ("30, 2023", "2023-03-30"), ("June 14", "2021-06-14")],
        ),
        # "five" of "five to eight years" takes the second part's unit
        ("The programme will run for the next five to eight years.", [("five", "P5Y"), ("eight years", "P8Y")]),
        ("The talks lasted 3-5 days.", [("3", "P3D"), ("5 days", "P5D")]),
        ("The talks will take two or three weeks.", [("two", "P2W"), ("three weeks", "P3W")]),
        # "a few" splits the range but has no value of its own
        ("The programme will run for a few to five years.", [("five years", "P5Y")]),
        ("The plan covers 2021-2025.", [("2021", "2021"), ("2025", "2025")]),
        ("The plan ran from 2019 to 2021.", [("2019", "2019"), ("2021", "2021")]),
        ("They met on 7 and 8 July.", [("7", "2021-07-07"), ("8 July", "2021-07-08")]),
        ("They met on March 29 to 30.", [("March 29", "2021-03-29"), ("30", "2021-03-30")]),
    ],
)
def test_dates_range_gives_two_dates(nlp, text, expected):
    assert dates(nlp, text) == expected


# -- minimal spans ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The leaders met on Thursday.", [("Thursday", "2021-12-09")]),  # "Thursday", not "on Thursday"
        ("This year alone, trade grew.", [("This year", "2021")]),  # "This year", not "This year alone"
        ("The envoy will meet them as early as March.", [("March", "2022-03")]),
        ("They talked for more than five years.", [("five years", "P5Y")]),
        ("Trade grew in mid-June and in late March.", [("mid-June", "2021-06"), ("late March", "2021-03")]),
    ],
)
def test_dates_span_is_trimmed_to_minimal_expression(nlp, text, expected):
    assert dates(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("China and Pakistan signed the deal four years ago.", REF, [("four years ago", "2017")]),
        # without a reference date "four years ago" has no value, and is never cut to the duration "four years"
        ("China and Pakistan signed the deal four years ago.", None, []),
    ],
)
def test_dates_relative_expression_is_never_cut_to_a_duration(nlp, text, ref, expected):
    assert dates(nlp, text, ref) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "14257 of April 2, 2025": the NER ran a number into the date
        ("Executive Order 14257 of April 2, 2025 imposed tariffs.", [("April 2, 2025", "2025-04-02")]),
        # "February 4 marks": the NER ran a verb into the date
        ("February 4 marks the anniversary of the talks.", [("February 4", "2021-02-04")]),
    ],
)
def test_dates_ner_run_on_is_cut_back_to_the_date(nlp, text, expected):
    assert dates(nlp, text) == expected


# -- what is not a date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Congress passed H.R. 2066 yesterday.", [("yesterday", "2021-12-08")]),  # a bill's number
        ("The Council adopted Resolution 2231 today.", [("today", "2021-12-09")]),  # a resolution's number
        ("Apple Daily reported the talks today.", [("today", "2021-12-09")]),  # a set word inside a name
        ("The Financial Weekly reported the talks today.", [("today", "2021-12-09")]),
    ],
)
def test_dates_number_or_set_word_inside_name_is_not_a_date(nlp, text, expected):
    assert dates(nlp, text) == expected


@pytest.mark.parametrize("text", ["He is 75 years old.", "A 75 years old man met them."])
def test_dates_age_is_not_a_duration(nlp, monkeypatch, text):
    # the patterns find "75 years"; the "old" after it makes it an age (the NER is off: it takes "old" in)
    monkeypatch.setattr(nlp.get_pipe("diplotext_dates"), "use_ner", False)
    assert dates(nlp, text) == []


def test_dates_hyphenated_age_is_not_a_duration(nlp):
    assert dates(nlp, "A 10-year-old girl met the president.") == []


@pytest.mark.xfail(strict=True, reason="known gap: the NER's span takes 'old' in, so the age check (which reads after the span) never sees it")
def test_dates_age_is_not_a_duration_with_ner(nlp):
    assert dates(nlp, "He is 75 years old.") == []


# -- tense ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The leaders met on Tuesday.", [("Tuesday", "2021-12-07")]),  # past: the latest one
        ("The leaders will meet on Tuesday.", [("Tuesday", "2021-12-14")]),  # future: the next one
        ("They met last Monday.", [("last Monday", "2021-12-06")]),
        ("They will meet next Monday.", [("next Monday", "2021-12-13")]),
        ("The ministers met in March.", [("March", "2021-03")]),
        ("The ministers will meet in March.", [("March", "2022-03")]),
        ("China plans to visit Pakistan in March.", [("March", "2022-03")]),  # "plans to": future
        ("China will continue to hold talks in May.", [("May", "2022-05")]),  # "will" on the governing verb
        ("The talks won't resume in March.", [("March", "2022-03")]),  # "wo" of "won't"
    ],
)
def test_dates_day_or_month_name_follows_the_tense(nlp, text, expected):
    assert dates(nlp, text) == expected


# -- what the patterns and the normaliser read ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade grew in the 1990s.", [("the 1990s", "199", "date")]),
        ("Trade grew in the early 1990s.", [("the early 1990s", "199", "date")]),
        ("They spoke of the twenty-first century.", [("the twenty-first century", "20", "date")]),
        ("They spoke of the 21st century.", [("the 21st century", "20", "date")]),
        ("The visit is planned for summer 2022.", [("summer 2022", "2022-SU", "date")]),
        ("They met in the summer.", [("the summer", "2021-SU", "date")]),
        ("They will meet next spring.", [("next spring", "2022-SP", "date")]),
        ("They met last October.", [("last October", "2021-10", "date")]),
        ("They will meet next March.", [("next March", "2022-03", "date")]),
        ("Exports reached 500 tons per year.", [("per year", "P1Y", "set")]),
        ("The committee meets annually.", [("annually", "P1Y", "set")]),
        ("The ministers meet every day.", [("every day", "P1D", "set")]),
        ("The leaders met this evening.", [("this evening", "2021-12-09TEV", "time")]),
        ("The leaders met last night.", [("last night", "2021-12-08TNI", "time")]),
        ("They will meet tomorrow.", [("tomorrow", "2021-12-10", "date")]),
        ("Exports grew over the past year.", [("the past year", "P1Y", "duration")]),
        ("Exports will grow over the next decade.", [("the next decade", "P1DE", "duration")]),
        ("Exports grew last month.", [("last month", "2021-11", "date")]),
        ("They will report at the end of the year.", [("the end of the year", "2021", "date")]),
        ("They met 70 years ago.", [("70 years ago", "1951", "date")]),
        ("They met two decades ago.", [("two decades ago", "200", "date")]),
        ("They met 3 weeks ago.", [("3 weeks ago", "2021-W46", "date")]),
        ("The project lasted five years.", [("five years", "P5Y", "duration")]),
        ("The project will take the next 10 days.", [("the next 10 days", "P10D", "duration")]),
        ("Growth slowed in the first quarter of 2023.", [("the first quarter of 2023", "2023-Q1", "date")]),
        ("Growth will slow in the second half of next year.", [("the second half of next year", "2022-H2", "date")]),
        ("Growth slowed in Q1 2023.", [("Q1 2023", "2023-Q1", "date")]),
        ("The budget for fiscal year 2022 grew.", [("fiscal year 2022", "2022", "date")]),
        ("The budget for FY22 grew.", [("FY22", "2022", "date")]),
        ("They met in early 2021.", [("early 2021", "2021", "date")]),
        ("They met on December 9, 2021.", [("December 9, 2021", "2021-12-09", "date")]),
        ("They met on 9 December.", [("9 December", "2021-12-09", "date")]),
        ("They met in December 2021.", [("December 2021", "2021-12", "date")]),
        ("They met on 2021-12-09.", [("2021-12-09", "2021-12-09", "date")]),
        ("They met on 12/9/2021.", [("12/9/2021", "2021-12-09", "date")]),
        ("They met on Monday, March 14.", [("Monday, March 14", "2021-03-14", "date")]),
    ],
)
def test_dates_expression_gets_its_timex_value(nlp, text, expected):
    assert typed(nlp, text) == expected


# -- vague references ("now", "recently") -----------------------------------------------------------


@pytest.mark.parametrize(
    ("include_vague", "text", "expected"),
    [
        (False, "China and Pakistan will now work together.", []),
        (True, "China and Pakistan will now work together.", [("now", "PRESENT_REF")]),
        (True, "The leaders met recently.", [("recently", "PAST_REF")]),
        (True, "The leaders will meet soon.", [("soon", "FUTURE_REF")]),
    ],
)
def test_dates_include_vague_gives_ref_values(nlp, monkeypatch, include_vague, text, expected):
    monkeypatch.setattr(nlp.get_pipe("diplotext_dates"), "include_vague", include_vague)
    assert dates(nlp, text) == expected


# -- the reference date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref", "expected_dates"),
    [
        # a dateline's date
        ("WASHINGTON, December 9, 2021 - The leaders met on Thursday.", "2021-12-09",
         [("December 9, 2021", "2021-12-09"), ("Thursday", "2021-12-09")]),
        # the latest full date reported in the past tense (December 20 is in the future tense)
        ("The leaders met on December 1, 2021. They will meet on December 20, 2021. They met on Thursday.", "2021-12-01",
         [("December 1, 2021", "2021-12-01"), ("December 20, 2021", "2021-12-20"), ("Thursday", "2021-11-25")]),
    ],
)
def test_dates_reference_date_is_inferred_when_none_is_given(nlp, text, ref, expected_dates):
    ex = diplotext.extract(text, nlp=nlp)
    assert (str(ex.reference_date), ex.reference_date_source) == (ref, "inferred")
    assert [(d.text, d.value) for d in ex.dates] == expected_dates


def test_dates_unresolved_relative_dates_are_left_out_with_a_warning(nlp):
    ex = diplotext.extract("The leaders met on Thursday.", nlp=nlp)
    assert ex.dates == [] and ex.reference_date is None
    assert ex.warnings == ["no reference date given or found: 1 relative date(s) left out"]


# -- settings and data ------------------------------------------------------------------------------


@pytest.mark.parametrize(("use_ner", "expected"), [(True, [("December 2021", "2021-12")]), (False, [])])
def test_dates_use_ner_takes_the_ner_dates_as_candidates(nlp, monkeypatch, use_ner, expected):
    # "December 2021" with no preposition is found by the NER only
    monkeypatch.setattr(nlp.get_pipe("diplotext_dates"), "use_ner", use_ner)
    assert dates(nlp, "December 2021 was a busy month.") == expected


def test_dates_to_disk_saves_the_rows_and_no_cfg(nlp, tmp_path):
    nlp.get_pipe("diplotext_dates").to_disk(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lexicon.v1.jsonl", "patterns.v1.jsonl", "timex.v1.jsonl"]


def _edit_sets(path: Path) -> None:
    """Make "annually" a two-year set in a saved timex.v1.jsonl."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["name"] == "sets":
            row["values"]["annually"] = "P2Y"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _annually(nlp, pipe: DatesComponent) -> list[str]:
    doc = nlp("The committee meets annually.")
    doc._.reference_date = REF
    return [d["value"] for d in pipe(doc)._.diplotext_dates]


def test_dates_from_disk_normalises_with_the_saved_rows(nlp, tmp_path):
    nlp.get_pipe("diplotext_dates").to_disk(tmp_path)
    _edit_sets(tmp_path / "timex.v1.jsonl")
    fresh = DatesComponent(nlp, "dates_copy")
    fresh.from_disk(tmp_path)
    assert _annually(nlp, fresh) == ["P2Y"]


def test_dates_initialize_reads_a_resources_path(nlp, tmp_path):
    nlp.get_pipe("diplotext_dates").to_disk(tmp_path)
    _edit_sets(tmp_path / "timex.v1.jsonl")
    fresh = DatesComponent(nlp, "dates_copy")
    fresh.initialize(resources={"timex": str(tmp_path / "timex.v1.jsonl")})
    assert _annually(nlp, fresh) == ["P2Y"]
    assert _annually(nlp, DatesComponent(nlp, "dates_packaged")) == ["P1Y"]


@pytest.mark.parametrize("how", ["disk", "bytes"])
def test_dates_loading_saved_data_keeps_the_factory_settings(nlp, tmp_path, how):
    # the settings come from config.cfg: a saved component's data never overrides them
    saved = nlp.get_pipe("diplotext_dates")
    fresh = DatesComponent(nlp, "dates_copy", use_ner=False, include_vague=True)
    if how == "disk":
        saved.to_disk(tmp_path)
        fresh.from_disk(tmp_path)
    else:
        fresh.from_bytes(saved.to_bytes())
    assert (fresh.use_ner, fresh.include_vague) == (False, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The training ended on 5th August 2021.", [("5th August 2021", "2021-08-05")]),
        ("Bern, 21.01.2021 - The minister spoke.", [("21.01.2021", "2021-01-21")]),
        ("They met in September last year.", [("September last year", "2020-09")]),
        ("Kerry is due to attend a meeting in Brussels on Monday.", [("Monday", "2021-12-13")]),
    ],
    ids=["ordinal-day", "dotted", "month-last-year", "due-to-is-future"],
)
def test_dates_news_forms_are_found(nlp, text, expected):
    assert dates(nlp, text) == expected
