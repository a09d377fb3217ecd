"""Normalise one temporal expression to a TIMEX3-style value.

Calendar arithmetic and granularity are ours (dateparser turns "2022" into a
full date and knows no quarters, halves, weeks or seasons); dateparser, set to
English and the reference date, is the fallback for absolute dates in formats
our patterns do not cover.

The words are data: the shapes are patterns in ``resources/patterns.v1.jsonl``
(``timex_*``, over the lexicon's word lists), and the tables that give a word
its value (months, units, sets, ...) are the mappings of
``resources/timex.v1.jsonl``. :class:`TimexNormaliser` is built from those rows,
so the dates component normalises with the rows it holds (and saves with the
pipeline); :func:`normalise` and :func:`number_value` use the packaged rows, for
other callers (the counts component, tests, training scripts).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Final, Literal, TypeVar, cast

from .resources import LexiconEntry, MappingEntry, PatternEntry, load_rows
from .vocab import Vocabulary

__all__ = ["TIMEX_FILE", "Timex", "TimexNormaliser", "normalise", "number_value", "packaged"]

TIMEX_FILE = "timex.v1.jsonl"

# Shapes without words stay here: they are formats, not vocabulary.
_SPACES = re.compile(r"\s+")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_FOUR_DIGITS = re.compile(r"\d{4}")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_NUMBER_CHARS = 40  # no count or date is written with more characters ("9" * 4301 once was)
_NUMBER_CACHE = 4096

# The patterns and the mappings a normaliser reads; all must be present in its rows.
_PATTERN_NAMES: Final = (
    "timex_strip_lead", "timex_strip_tail", "timex_weekday", "timex_weekday_rest", "timex_the_span",
    "timex_relative_unit", "timex_end_of", "timex_ago", "timex_duration", "timex_year_part", "timex_quarter_code",
    "timex_season_year", "timex_season", "timex_named_month", "timex_year", "timex_fiscal_year_short",
    "timex_century", "ordinal_suffix_end", "timex_leading_weekday", "timex_month_day", "timex_day_month",
    "timex_month_year", "timex_has_date_word", "timex_modifier_lead", "timex_year_part_bare", "timex_day_part_after",
    "timex_day_part_before", "timex_clock", "timex_weekend", "timex_vague_duration", "timex_month_relative_year",
)
_INT_TABLES: Final = ("months", "weekdays", "ordinals", "ordinal_words", "relative_steps", "named_steps",
                      "day_offsets", "part_of_day_phrases", "clock_words")
_STR_TABLES: Final = ("seasons", "parts_of_day", "units", "year_parts", "sets")
_NUMBER_TABLES: Final = ("number_words",)
# Lexicon lists whose words a mapping must hold (a regex finds the word, the mapping gives its value).
_KEYED_LISTS: Final = (
    ("month_forms", "months"), ("weekday_names", "weekdays"), ("season_names", "seasons"),
    ("quarter_ordinals", "ordinals"), ("ordinal_year_parts", "year_parts"), ("span_units", "units"), ("relative_units", "units"),
    ("end_of_units", "units"), ("ago_units", "units"), ("duration_units", "units"), ("clock_words", "clock_words"),
)


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression; ``resolved`` says the value depends on the reference date."""

    value: str
    type: str  # date | duration | time | set
    resolved: bool  # the value depends on the reference date


class _Miss(Enum):
    """The answer of a rule that does not apply (None is taken: it means "applies, no value")."""

    MISS = 0


_MISS: Final = _Miss.MISS
# A rule's answer: a value, None (the rule applies and says "no value": stop), or _MISS (try the next rule).
_Result = Timex | None | Literal[_Miss.MISS]
_Rule = Callable[[str, dt.date | None, bool], _Result]


class TimexNormaliser:
    """TIMEX3 values from the rows of one pipeline: its word lists and patterns (``vocab``) and the
    mappings of ``timex.v1.jsonl``. Rules are tried in order, as a person reading the expression
    would: words anchored on the reference date, day names, relative units, "N ago", sets,
    durations, parts of a year, seasons, years and centuries, then calendar dates."""

    def __init__(self, vocab: Vocabulary, mappings: Iterable[MappingEntry]) -> None:
        tables = {m.name: dict(m.values) for m in mappings}
        self._int: dict[str, dict[str, int]] = {name: _typed(tables, name, (int,)) for name in _INT_TABLES}
        self._str: dict[str, dict[str, str]] = {name: _typed(tables, name, (str,)) for name in _STR_TABLES}
        self._num: dict[str, dict[str, float]] = {name: _typed(tables, name, (int, float)) for name in _NUMBER_TABLES}
        self._rx = {name: vocab.regex(name) for name in _PATTERN_NAMES}
        for list_name, table in _KEYED_LISTS:
            keys = self._int.get(table) or self._str.get(table) or {}
            for word in vocab.ordered(list_name):
                if word not in keys and word.rstrip(".") not in keys:
                    raise ValueError(f"timex: lexicon list {list_name!r} has {word!r}, which mapping {table!r} lacks")
        self._numbers: dict[str, float | None] = {}
        # text2num reads "hundred and five" only without the "and"
        self._joiners = tuple(f" {w} " for w in vocab.ordered("number_joiners"))
        self._rules: tuple[_Rule, ...] = (
            self._day_word, self._part_of_day, self._clock, self._day_part, self._weekend, self._weekday, self._the_span,
            self._relative_unit, self._end_of, self._ago, self._set, self._duration, self._vague_duration, self._year_part,
            self._year_part_bare, self._quarter_code, self._season_year, self._season, self._month_relative_year,
            self._named_month, self._year,
            self._fiscal_year_short, self._century,
        )

    # -- numbers ------------------------------------------------------------------------------
    def number_value(self, word: str) -> float | None:
        """ "nine" -> 9, "forty-three" -> 43, "1,500" -> 1500, "1.5" -> 1.5, "a dozen" -> 12."""
        if word not in self._numbers:
            if len(self._numbers) >= _NUMBER_CACHE:
                self._numbers.clear()
            self._numbers[word] = self._read_number(word)
        return self._numbers[word]

    def _read_number(self, word: str) -> float | None:
        """Digits, then the number_words table, then text2num for spelled-out numbers."""
        w = word.strip().lower().replace(",", "")
        if not w or len(w) > _MAX_NUMBER_CHARS:
            return None
        if _DECIMAL.fullmatch(w):
            return float(w) if "." in w else int(w)
        if w in self._num["number_words"]:
            return self._num["number_words"][w]
        try:
            from text_to_num import text2num

            for joiner in self._joiners:
                w = w.replace(joiner, " ")
            return text2num(w, "en")
        except (ValueError, ImportError):
            return None

    # -- the entry point ----------------------------------------------------------------------
    def normalise(self, text: str, ref: dt.date | None, *, future: bool = False) -> Timex | None:
        """The TIMEX3 value of ``text`` against ``ref``, or None when it is vague or not a date.

        ``future`` says the clause speaks of the future, so a bare month or day name is the next
        one rather than the last. Raises OverflowError/ValueError when the arithmetic leaves
        ``datetime.date``'s range (callers drop such an expression)."""
        t = _SPACES.sub(" ", text.strip().lower().replace("’", "'")).strip(" ,.")
        t = self._rx["timex_strip_lead"].sub("", t)
        t = self._rx["timex_strip_tail"].sub("", t)
        t = self._rx["timex_modifier_lead"].sub("", t)
        if not t:
            return None
        for rule in self._rules:
            out = rule(t, ref, future)
            if out is not _MISS:
                return out
        return self._calendar(t, ref, future)

    # -- anchored on the reference date -------------------------------------------------------
    def _day_word(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "today", "yesterday", "tomorrow": a day counted from the reference date."""
        offsets = self._int["day_offsets"]
        if t not in offsets:
            return _MISS
        return Timex((ref + dt.timedelta(days=offsets[t])).isoformat(), "date", True) if ref else None

    def _part_of_day(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "this evening" -> 2021-12-09TEV, "last night" -> the day before, TNI."""
        phrases = self._int["part_of_day_phrases"]
        if t not in phrases:
            return _MISS
        if ref is None:
            return None
        part = self._str["parts_of_day"][t.split()[-1]]
        day = ref + dt.timedelta(days=phrases[t])
        return Timex(f"{day.isoformat()}T{part}", "time", True)

    def _day_of(self, t: str, ref: dt.date | None, future: bool) -> dt.date | None:
        """The calendar day an expression names ("Tuesday", "Jan. 5", "" for the reference day), or None."""
        if not t:
            return ref
        tx = self.normalise(t, ref, future=future)
        if tx is None or not _DAY_VALUE.fullmatch(tx.value):
            return None
        return dt.date.fromisoformat(tx.value[:10])

    def _clock(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "9 a.m.", "4:30 p.m. EDT Thursday", "Tuesday at noon": a clock time on a day (the
        reference day when none is named) -> 2000-04-06T04:00, type time."""
        m = self._rx["timex_clock"].search(t)
        if not m:
            return _MISS
        rest = (t[: m.start()] + " " + t[m.end() :]).strip(" ,")
        rest = self._rx["timex_strip_lead"].sub("", rest).strip(" ,")
        day = self._day_of(rest, ref, future)
        if day is None:
            return None if not rest else _MISS
        if m.group(4):
            hh, mm = self._int["clock_words"][m.group(4)], 0
        else:
            hh, mm = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0), int(m.group(2) or 0)
            if not 0 <= hh < 24 or not 0 <= mm < 60:
                return None
        return Timex(f"{day.isoformat()}T{hh:02d}:{mm:02d}", "time", True)

    def _day_part(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "Wednesday night" -> 2000-01-05TNI, "the morning of January 5" -> ...TMO."""
        m = self._rx["timex_day_part_after"].fullmatch(t)
        day_text, part = (m.group(1), m.group(2)) if m else (None, None)
        if m is None:
            m = self._rx["timex_day_part_before"].fullmatch(t)
            if m is None:
                return _MISS
            day_text, part = m.group(2), m.group(1)
        day = self._day_of(str(day_text), ref, future)
        if day is None:
            return _MISS
        return Timex(f"{day.isoformat()}T{self._str['parts_of_day'][str(part)]}", "time", True)

    def _weekend(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "last weekend", "the weekend": the weekend of an ISO week, before the reference date in
        the past tense and after it in the future -> 1998-W32-WE."""
        m = self._rx["timex_weekend"].fullmatch(t)
        if not m:
            return _MISS
        if ref is None:
            return None
        mod = m.group(1) or "the"
        step = self._int["relative_steps"].get(mod, 0)
        if mod == "this":
            sat = ref + dt.timedelta(days=5 - ref.weekday())
        elif step > 0 or (step == 0 and future):
            sat = ref + dt.timedelta(days=(5 - ref.weekday()) % 7 or 7)
        else:
            sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7 or 7)
        year, week, _ = sat.isocalendar()
        return Timex(f"{year}-W{week:02d}-WE", "date", True)

    def _vague_duration(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "several years", "weeks", "the past few months": a duration of unknown length -> PXY."""
        m = self._rx["timex_vague_duration"].fullmatch(t)
        if not m or not m.group(1).endswith("s"):
            return _MISS
        return Timex(f"PX{self._str['units'][m.group(1)]}", "duration", False)

    def _year_part_bare(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "the third quarter", "third-quarter", "this year's fourth quarter": a part of the
        reference year, or of the year before when it has not begun by the reference date."""
        m = self._rx["timex_year_part_bare"].fullmatch(t)
        if not m:
            return _MISS
        k = self._int["ordinals"][m.group(3)]
        half = self._str["year_parts"][m.group(4)] == "H"
        explicit = m.group(2) or m.group(5)
        if explicit:
            year = int(explicit)
        elif ref is None:
            return None
        else:
            year = ref.year + self._int["named_steps"].get(m.group(1) or "", 0)
            start_month = (6 * (min(k, 2) - 1) + 1) if half else 3 * (k - 1) + 1
            if m.group(1) is None and not future and dt.date(year, start_month, 1) > ref:
                year -= 1  # "the fourth quarter" in a January release: last year's
        code = f"H{2 if k >= 2 else 1}" if half else f"Q{k}"
        return Timex(f"{year}-{code}", "date", not explicit)

    def _month_relative_year(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "September last year" -> the reference year less one, month 9."""
        m = self._rx["timex_month_relative_year"].fullmatch(t)
        if not m:
            return _MISS
        if ref is None:
            return None
        year = ref.year + self._int["named_steps"].get(m.group(2), 0)
        return Timex(f"{year}-{self._month(m.group(1)):02d}", "date", True)

    def _weekday(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "Thursday" in past-tense reporting: the latest one on or before the reference date; in
        the future tense the next one; "next"/"last" never the reference day itself. "Monday,
        March 14" is the calendar date when that reads."""
        m = self._rx["timex_weekday"].fullmatch(t)
        if not m or not (m.group(3) is None or self._rx["timex_weekday_rest"].match(m.group(3))):
            return _MISS
        if m.group(3):
            rest = self.normalise(m.group(3), ref, future=future)
            if rest is not None:
                return rest
        if ref is None:
            return None
        wd = self._int["weekdays"][m.group(2)]
        step = self._int["named_steps"].get(m.group(1) or "", 0)
        if step > 0 or (future and step >= 0):
            delta = (wd - ref.weekday()) % 7
            day = ref + dt.timedelta(days=7 if step > 0 and delta == 0 else delta)
        else:
            delta = (ref.weekday() - wd) % 7
            day = ref - dt.timedelta(days=7 if step < 0 and delta == 0 else delta)
        return Timex(day.isoformat(), "date", True)

    def _the_span(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "the past year" -> P1Y, "the next decade" -> P1DE: one unit as a duration."""
        m = self._rx["timex_the_span"].fullmatch(t)
        return Timex(f"P1{self._str['units'][m.group(2)]}", "duration", False) if m else _MISS

    def _relative_unit(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "this year" -> 2021, "last month" -> 2021-11, "next spring" -> 2022-SP."""
        m = self._rx["timex_relative_unit"].fullmatch(t)
        if not m or ref is None:
            return _MISS
        rel, unit = m.groups()
        step = self._int["relative_steps"].get(rel, 0)
        code = self._str["units"].get(unit)
        if code is None:
            return Timex(f"{ref.year + step:04d}-{self._str['seasons'][unit]}", "date", True)
        value = _unit_from(ref, code, step)
        return Timex(value, "date", True) if value is not None else None

    def _end_of(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "the end of the year" -> the year itself; "year-end" likewise."""
        m = self._rx["timex_end_of"].fullmatch(t)
        if not m or ref is None:
            return _MISS
        code = self._str["units"][m.group(1)] if m.group(1) else "Y"
        if code == "Y":
            return Timex(f"{ref.year:04d}", "date", True)
        if code == "M":
            return Timex(f"{ref.year:04d}-{ref.month:02d}", "date", True)
        return Timex(_week(ref), "date", True)

    def _ago(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "70 years ago" -> reference year - 70; "two decades ago" -> the decade, "3 weeks ago" the week."""
        m = self._rx["timex_ago"].fullmatch(t)
        if not m or ref is None:
            return _MISS
        n = self.number_value(m.group(1))
        if n is None or not float(n).is_integer():
            return None
        return _ago_from(ref, int(n), self._str["units"][m.group(2)])

    # -- sets and durations -------------------------------------------------------------------
    def _set(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "annually" -> P1Y, "every day" -> P1D: a recurring period."""
        sets = self._str["sets"]
        return Timex(sets[t], "set", False) if t in sets else _MISS

    def _duration(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "five years" -> P5Y, "the next 10 days" -> P10D; a number that does not read passes on."""
        m = self._rx["timex_duration"].fullmatch(t)
        if m:
            n = self.number_value(m.group(1))
            if n is not None and n > 0:
                return Timex(_fmt_unit(n, self._str["units"][m.group(2)]), "duration", False)
        return _MISS

    # -- parts of a year, seasons, years, centuries -------------------------------------------
    def _year_part(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "the first quarter of 2023" -> 2023-Q1, "the second half of next year" -> 2022-H2."""
        m = self._rx["timex_year_part"].fullmatch(t)
        if not m:
            return _MISS
        if m.group(4):
            year: int | None = int(m.group(4))
        else:
            year = ref.year + self._int["named_steps"].get(m.group(3) or "", 0) if ref else None
        if year is None:
            return None
        k = self._int["ordinals"][m.group(1)]
        if self._str["year_parts"][m.group(2)] == "H":
            return Timex(f"{year}-H{2 if k >= 2 else 1}", "date", m.group(4) is None)
        return Timex(f"{year}-Q{k}", "date", m.group(4) is None)

    def _quarter_code(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "Q1 2023", "2023-Q1" -> 2023-Q1."""
        m = self._rx["timex_quarter_code"].fullmatch(t)
        if not m:
            return _MISS
        q, y = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return Timex(f"{y}-Q{q}", "date", False)

    def _season_year(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "summer 2022" -> 2022-SU."""
        m = self._rx["timex_season_year"].fullmatch(t)
        return Timex(f"{m.group(3)}-{self._str['seasons'][m.group(2)]}", "date", False) if m else _MISS

    def _season(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "the summer" -> the summer of the reference year."""
        m = self._rx["timex_season"].fullmatch(t)
        if not m or ref is None:
            return _MISS
        return Timex(f"{ref.year:04d}-{self._str['seasons'][m.group(1)]}", "date", True)

    def _named_month(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "last October" -> the October before the reference month; "next March" the one after."""
        m = self._rx["timex_named_month"].fullmatch(t)
        if not m or ref is None:
            return _MISS
        mo = self._month(m.group(2))
        step = self._int["named_steps"].get(m.group(1), 0)
        y = ref.year
        if step < 0 and mo >= ref.month:
            y -= 1
        if step > 0 and mo <= ref.month:
            y += 1
        return Timex(f"{y:04d}-{mo:02d}", "date", True)

    def _year(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "2021", "early 2021", "fiscal year 2022" -> the year; "the 1990s" -> the decade 199."""
        m = self._rx["timex_year"].fullmatch(t)
        if not m or not 1000 <= int(m.group(1)) <= 2200:
            return _MISS
        if t.endswith("s") and m.group(1).endswith("0"):
            return Timex(m.group(1)[:3], "date", False)
        return Timex(m.group(1), "date", False)

    def _fiscal_year_short(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "FY22" -> 2022."""
        m = self._rx["timex_fiscal_year_short"].fullmatch(t)
        return Timex(f"20{m.group(1) or m.group(2)}", "date", False) if m else _MISS

    def _century(self, t: str, ref: dt.date | None, future: bool) -> _Result:
        """ "the twenty-first century", "the 21st century" -> 20."""
        m = self._rx["timex_century"].fullmatch(t)
        if not m:
            return _MISS
        word = m.group(1)
        if word[0].isdigit():
            n = self.number_value(self._rx["ordinal_suffix_end"].sub("", word))
        else:
            n = self._int["ordinal_words"].get(word)
        return Timex(f"{int(n) - 1:02d}", "date", False) if n else _MISS

    # -- calendar dates -----------------------------------------------------------------------
    def _month(self, form: str) -> int:
        """The number of a month form ("sept." and "sept" alike)."""
        months = self._int["months"]
        return months.get(form.rstrip(".")) or months[form]

    def _calendar(self, t: str, ref: dt.date | None, future: bool) -> Timex | None:
        """ "December 9, 2021", "9 December", "December 2021", "2021-12-09", "12/9/2021"; a month
        or day without a year takes the nearest one in the clause's tense; dateparser for the rest."""
        t = self._rx["timex_leading_weekday"].sub("", t)
        m = self._rx["timex_month_day"].fullmatch(t)
        if m:
            return _ymd(m.group(3), self._month(m.group(1)), int(m.group(2)), ref, future)
        m = self._rx["timex_day_month"].fullmatch(t)
        if m:
            return _ymd(m.group(3), self._month(m.group(2)), int(m.group(1)), ref, future)
        m = self._rx["timex_month_year"].fullmatch(t)
        if m:
            mo = self._month(m.group(1))
            if m.group(2):
                return Timex(f"{m.group(2)}-{mo:02d}", "date", False)
            y = _year_for(mo, None, ref, future)
            return Timex(f"{y:04d}-{mo:02d}", "date", True) if y else None
        m = _ISO_DATE.fullmatch(t)
        if m:
            return _ymd(m.group(1), int(m.group(2)), int(m.group(3)), ref, future)
        m = _SLASH_DATE.fullmatch(t)
        if m:
            return _ymd(m.group(3), int(m.group(1)), int(m.group(2)), ref, future)
        if not self._rx["timex_has_date_word"].search(t):
            return None
        return _dateparser(t, ref)


_V = TypeVar("_V")


def _typed(tables: dict[str, dict[str, str | int | float]], name: str, kinds: tuple[type[_V], ...]) -> dict[str, _V]:
    """Mapping ``name`` with every value checked to be one of ``kinds`` (a clear error at load time
    rather than a wrong value in an extraction)."""
    if name not in tables:
        raise ValueError(f"timex: no mapping {name!r}; known: {', '.join(sorted(tables))}")
    for key, value in tables[name].items():
        if not isinstance(value, kinds):
            raise ValueError(f"timex: mapping {name!r} gives {key!r} the value {value!r}, not {' or '.join(k.__name__ for k in kinds)}")
    return cast(dict[str, _V], tables[name])


# -- calendar arithmetic (structure, not vocabulary) ----------------------------------------------
def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) ``delta`` months from (year, month)."""
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _week(d: dt.date) -> str:
    """The ISO week of ``d`` as TIMEX3 writes it (2021-W49)."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _unit_from(ref: dt.date, code: str, step: int) -> str | None:
    """The value of the unit ``code`` (Y, M, W, Q, DE, CE) ``step`` units from the reference date's."""
    if code == "Y":
        return f"{ref.year + step:04d}"
    if code == "M":
        y, mo = _shift_month(ref.year, ref.month, step)
        return f"{y:04d}-{mo:02d}"
    if code == "W":
        return _week(ref + dt.timedelta(weeks=step))
    if code == "Q":
        q = (ref.month - 1) // 3 + step
        return f"{ref.year + q // 4:04d}-Q{q % 4 + 1}"
    if code == "DE":
        return str(ref.year // 10 + step)
    if code == "CE":
        return str(ref.year // 100 + step)
    return None


def _ago_from(ref: dt.date, n: int, code: str) -> Timex | None:
    """The date ``n`` units of ``code`` before the reference date, at that unit's granularity."""
    if code == "Y":
        return Timex(f"{ref.year - n:04d}", "date", True) if ref.year - n > 0 else None
    if code == "M":
        y, mo = _shift_month(ref.year, ref.month, -n)
        return Timex(f"{y:04d}-{mo:02d}", "date", True) if y > 0 else None
    if code == "W":
        return Timex(_week(ref - dt.timedelta(weeks=n)), "date", True)
    if code == "D":
        return Timex((ref - dt.timedelta(days=n)).isoformat(), "date", True)
    if code == "DE":
        return Timex(str((ref.year - 10 * n) // 10), "date", True)
    return Timex(str(ref.year // 100 - n), "date", True)


def _fmt_unit(n: float, unit: str) -> str:
    """A duration of ``n`` units as ISO 8601 writes it: hours and minutes after T, decades and
    centuries as years, quarters as months."""
    num = int(n) if float(n).is_integer() else n
    if unit in {"H", "MIN"}:
        return f"PT{num}{'H' if unit == 'H' else 'M'}"
    if unit == "DE":
        return f"P{num * 10}Y"
    if unit == "CE":
        return f"P{num * 100}Y"
    if unit == "Q":
        return f"P{int(n) * 3}M"
    return f"P{num}{unit}"


def _year_for(month: int, day: int | None, ref: dt.date | None, future: bool) -> int | None:
    """The year of a month (and day) given without one: the nearest occurrence in the text's tense."""
    if ref is None:
        return None
    y = ref.year
    try:
        cand = dt.date(y, month, day or 1)
    except ValueError:
        return y
    if future and cand < ref - dt.timedelta(days=60):
        return y + 1
    if not future and cand > ref + dt.timedelta(days=183):
        return y - 1
    return y


def _ymd(year: str | None, month: int, day: int, ref: dt.date | None, future: bool) -> Timex | None:
    """A calendar date; without a year, the nearest one in the clause's tense (resolved)."""
    y = int(year) if year else _year_for(month, day, ref, future)
    if y is None:
        return None
    try:
        return Timex(dt.date(y, month, day).isoformat(), "date", year is None)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    """dateparser's parser, built once (it is slow to build)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "STRICT_PARSING": False})


def _dateparser(t: str, ref: dt.date | None) -> Timex | None:
    """Fallback for absolute dates in other formats; the returned period sets the granularity."""
    if len(t) > 40 or not _FOUR_DIGITS.search(t):
        return None
    try:
        data = _parser().get_date_data(t)
    except Exception:
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if str(d.year) not in t:
        return None  # dateparser filled the year in from today: not what the text says
    if data.period == "year":
        return Timex(str(d.year), "date", False)
    if data.period == "month":
        return Timex(f"{d.year}-{d.month:02d}", "date", False)
    return Timex(d.isoformat(), "date", False)


# -- the packaged tables, for callers outside a pipeline ------------------------------------------
@lru_cache(maxsize=1)
def packaged() -> TimexNormaliser:
    """The normaliser built from the packaged lexicon, patterns and timex rows (once per process)."""
    vocab = Vocabulary(load_rows("lexicon.v1.jsonl", LexiconEntry), load_rows("patterns.v1.jsonl", PatternEntry))
    return TimexNormaliser(vocab, load_rows(TIMEX_FILE, MappingEntry))


def normalise(text: str, ref: dt.date | None, *, future: bool = False) -> Timex | None:
    """:meth:`TimexNormaliser.normalise` with the packaged tables (for callers outside a pipeline)."""
    return packaged().normalise(text, ref, future=future)


def number_value(word: str) -> float | None:
    """:meth:`TimexNormaliser.number_value` with the packaged tables: "nine" -> 9, "a dozen" -> 12."""
    return packaged().number_value(word)
