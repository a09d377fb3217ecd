"""diplotext.timex: normalise() and number_value() with the packaged tables, reference-date edges,
and a TimexNormaliser built from edited rows."""

from __future__ import annotations

import datetime as dt

import pytest

from diplotext.resources import LexiconEntry, MappingEntry, PatternEntry, load_rows
from diplotext.timex import TIMEX_FILE, Timex, TimexNormaliser, normalise, number_value
from diplotext.vocab import Vocabulary

REF = dt.date(2021, 12, 9)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # anchored on the reference date
        ("today", Timex("2021-12-09", "date", True)),
        ("yesterday", Timex("2021-12-08", "date", True)),
        ("tomorrow", Timex("2021-12-10", "date", True)),
        ("this evening", Timex("2021-12-09TEV", "time", True)),
        ("last night", Timex("2021-12-08TNI", "time", True)),
        ("Thursday", Timex("2021-12-09", "date", True)),
        ("on Tuesday", Timex("2021-12-07", "date", True)),
        ("last Thursday", Timex("2021-12-02", "date", True)),  # "last": never the reference day itself
        ("next Thursday", Timex("2021-12-16", "date", True)),
        ("Monday, March 14", Timex("2021-03-14", "date", True)),  # the calendar date wins
        ("this year", Timex("2021", "date", True)),
        ("last month", Timex("2021-11", "date", True)),
        ("next week", Timex("2021-W50", "date", True)),
        ("this quarter", Timex("2021-Q4", "date", True)),
        ("next quarter", Timex("2022-Q1", "date", True)),
        ("this decade", Timex("202", "date", True)),
        ("next spring", Timex("2022-SP", "date", True)),
        ("the end of the year", Timex("2021", "date", True)),
        ("year-end", Timex("2021", "date", True)),
        ("70 years ago", Timex("1951", "date", True)),
        ("nearly two decades ago", Timex("200", "date", True)),
        ("3 weeks ago", Timex("2021-W46", "date", True)),
        ("five months ago", Timex("2021-07", "date", True)),
        ("two centuries ago", Timex("18", "date", True)),
        # sets and durations
        ("annually", Timex("P1Y", "set", False)),
        ("every day", Timex("P1D", "set", False)),
        ("the past year", Timex("P1Y", "duration", False)),
        ("the next decade", Timex("P1DE", "duration", False)),
        ("five years", Timex("P5Y", "duration", False)),
        ("the next 10 days", Timex("P10D", "duration", False)),
        ("two decades", Timex("P20Y", "duration", False)),
        ("three hours", Timex("PT3H", "duration", False)),
        ("two quarters", Timex("P6M", "duration", False)),
        ("a decade long", Timex("P10Y", "duration", False)),  # a decade as years; "the next decade" is P1DE
        # parts of a year, seasons, years, centuries
        ("the first quarter of 2023", Timex("2023-Q1", "date", False)),
        ("the second half of next year", Timex("2022-H2", "date", True)),
        ("the last quarter of this year", Timex("2021-Q4", "date", True)),
        ("Q1 2023", Timex("2023-Q1", "date", False)),
        ("2023-Q1", Timex("2023-Q1", "date", False)),
        ("summer 2022", Timex("2022-SU", "date", False)),
        ("the summer", Timex("2021-SU", "date", True)),
        ("last October", Timex("2021-10", "date", True)),
        ("next March", Timex("2022-03", "date", True)),
        ("2021", Timex("2021", "date", False)),
        ("early 2021", Timex("2021", "date", False)),
        ("fiscal year 2022", Timex("2022", "date", False)),
        ("the 1990s", Timex("199", "date", False)),
        ("FY22", Timex("2022", "date", False)),
        ("the twenty-first century", Timex("20", "date", False)),
        ("the 21st century", Timex("20", "date", False)),
        # calendar dates
        ("December 9, 2021", Timex("2021-12-09", "date", False)),
        ("Dec. 9 2021", Timex("2021-12-09", "date", False)),
        ("Sept. 3, 2020", Timex("2020-09-03", "date", False)),
        ("9 December", Timex("2021-12-09", "date", True)),
        ("the 9th of December", Timex("2021-12-09", "date", True)),
        ("December 2021", Timex("2021-12", "date", False)),
        ("mid-June", Timex("2021-06", "date", True)),
        ("2021-12-09", Timex("2021-12-09", "date", False)),
        ("12/9/2021", Timex("2021-12-09", "date", False)),
    ],
)
def test_normalise_gives_the_timex_value(text, expected):
    assert normalise(text, REF) == expected


@pytest.mark.parametrize("text", ["recently", "soon", "the ministers", "", " , ", "every other way"])
def test_normalise_vague_or_not_a_date_gives_none(text):
    assert normalise(text, REF) is None


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("Tuesday", False, "2021-12-07"),  # past tense: the latest one
        ("Tuesday", True, "2021-12-14"),  # future tense: the next one
        ("Thursday", True, "2021-12-09"),  # the reference day itself
        ("March", False, "2021-03"),
        ("March", True, "2022-03"),
        ("January 5", True, "2022-01-05"),
        ("December 20", False, "2021-12-20"),  # within half a year ahead: this year even in the past tense
        ("October 15", True, "2021-10-15"),  # within 60 days back: this year even in the future tense
    ],
)
def test_normalise_bare_day_or_month_follows_the_tense(text, future, expected):
    tx = normalise(text, REF, future=future)
    assert tx is not None and tx.value == expected


@pytest.mark.parametrize("text", ["today", "yesterday", "Thursday", "this year", "70 years ago", "the summer", "last October", "9 December"])
def test_normalise_relative_expression_without_reference_gives_none(text):
    assert normalise(text, None) is None


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("last October", dt.date(2022, 1, 5), "2021-10"),  # "last" crosses the year back
        ("next March", dt.date(2022, 3, 20), "2023-03"),  # "next" in that month is next year's
        ("February 29", dt.date(2020, 3, 1), "2020-02-29"),
        ("2020 years ago", dt.date(2021, 6, 1), "0001"),
        ("next week", dt.date(2021, 12, 30), "2022-W01"),  # ISO weeks cross the year
    ],
)
def test_normalise_reference_date_edges(text, ref, expected):
    tx = normalise(text, ref)
    assert tx is not None and tx.value == expected


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("February 29", dt.date(2021, 3, 1)),  # no such day that year
        ("2021 years ago", dt.date(2021, 6, 1)),  # year 0 is not a date
        ("30000 months ago", dt.date(2021, 6, 1)),
    ],
)
def test_normalise_out_of_calendar_gives_none(text, ref):
    assert normalise(text, ref) is None


@pytest.mark.parametrize(
    ("text", "ref"),
    [("yesterday", dt.date(1, 1, 1)), ("tomorrow", dt.date(9999, 12, 31)), ("next week", dt.date(9999, 12, 31))],
)
def test_normalise_arithmetic_past_the_calendar_raises_overflow(text, ref):
    # callers (the dates component) drop such an expression
    with pytest.raises(OverflowError):
        normalise(text, ref)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("nine", 9), ("forty-three", 43), ("1,500", 1500), ("1.5", 1.5), ("a dozen", 12), ("a couple of", 2),
        ("an", 1), ("two hundred and five", 205), ("  Seven ", 7),
        ("", None), ("banana", None), ("9" * 4301, None),  # too long to be a number anyone writes
    ],
)
def test_number_value_reads_digits_and_number_words(word, expected):
    value = number_value(word)
    assert value == expected and type(value) is type(expected)


# -- a normaliser built from rows ---------------------------------------------------------------


def _rows():
    return (load_rows("lexicon.v1.jsonl", LexiconEntry), load_rows("patterns.v1.jsonl", PatternEntry), load_rows(TIMEX_FILE, MappingEntry))


def test_timex_normaliser_uses_the_rows_it_is_given():
    lexicon, patterns, mappings = _rows()
    for m in mappings:
        if m.name == "sets":
            m.values["fortnightly"] = "P2W"
        if m.name == "number_words":
            m.values["a score of"] = 20
    tables = TimexNormaliser(Vocabulary(lexicon, patterns), mappings)
    assert tables.normalise("fortnightly", REF) == Timex("P2W", "set", False)
    assert tables.number_value("a score of") == 20
    assert normalise("fortnightly", REF) is None  # the packaged tables are untouched


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("drop_mapping", "no mapping 'seasons'"),
        ("month_form_unmapped", "'month_forms' has 'sept', which mapping 'months' lacks"),
        ("bad_value", "mapping 'months' gives 'may' the value 'five'"),
    ],
)
def test_timex_normaliser_refuses_inconsistent_rows(edit, message):
    lexicon, patterns, mappings = _rows()
    if edit == "drop_mapping":
        mappings = [m for m in mappings if m.name != "seasons"]
    for m in mappings:
        if edit == "month_form_unmapped" and m.name == "months":
            del m.values["sept"]
        if edit == "bad_value" and m.name == "months":
            m.values["may"] = "five"
    with pytest.raises(ValueError, match=message):
        TimexNormaliser(Vocabulary(lexicon, patterns), mappings)


@pytest.mark.parametrize(
    ("text", "value", "type_"),
    [
        ("Wednesday night", "2000-01-05TNI", "time"),
        ("the morning of January 5", "2000-01-05TMO", "time"),
        ("9 a.m. Tuesday", "2000-01-04T09:00", "time"),
        ("Tuesday at noon", "2000-01-04T12:00", "time"),
        ("4:30 p.m. EDT Thursday", "2000-01-06T16:30", "time"),
        ("10 a.m.", "2000-01-07T10:00", "time"),
        ("the third quarter", "1999-Q3", "date"),
        ("third-quarter", "1999-Q3", "date"),
        ("this year's third quarter", "2000-Q3", "date"),
        ("the weekend", "1999-W52-WE", "date"),
        ("next weekend", "2000-W01-WE", "date"),
        ("early next year", "2001", "date"),
        ("several years", "PXY", "duration"),
        ("the past few months", "PXM", "duration"),
        ("last year", "1999", "date"),
        ("three years ago", "1997", "date"),
    ],
    ids=["weekday-night", "morning-of", "clock-day", "day-at-noon", "clock-zone", "bare-clock", "bare-quarter",
         "hyphen-quarter", "this-years-quarter", "weekend", "next-weekend", "early", "vague-years", "vague-months",
         "last-year", "ago"],
)
def test_timex_news_expressions(text, value, type_):
    tx = normalise(text, dt.date(2000, 1, 7))  # a Friday
    assert tx is not None and (tx.value, tx.type) == (value, type_)


@pytest.mark.parametrize(
    ("text", "value"),
    [("September last year", "1999-09"), ("March of next year", "2001-03"), ("5th August 2024", "2024-08-05"), ("21.01.2014", "2014-01-21")],
    ids=["month-last-year", "month-of-next-year", "ordinal-day-month", "day-dot-month-dot-year"],
)
def test_timex_month_and_day_forms(text, value):
    tx = normalise(text, dt.date(2000, 1, 7))
    assert tx is not None and tx.value == value
