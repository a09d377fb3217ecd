"""Normalise one temporal expression to a TIMEX3-style value.

Calendar arithmetic and granularity are ours (dateparser turns "2022" into a
full date and knows no quarters, halves, weeks or seasons); dateparser, set to
English and the reference date, is the fallback for absolute dates in formats
our patterns do not cover.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Timex", "normalise", "number_value"]

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan", "jan."),
            ("february", "feb", "feb."),
            ("march", "mar", "mar."),
            ("april", "apr", "apr."),
            ("may",),
            ("june", "jun", "jun."),
            ("july", "jul", "jul."),
            ("august", "aug", "aug."),
            ("september", "sep", "sept", "sep.", "sept."),
            ("october", "oct", "oct."),
            ("november", "nov", "nov."),
            ("december", "dec", "dec."),
        ],
        1,
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
UNITS = {
    "year": "Y", "years": "Y", "month": "M", "months": "M", "week": "W", "weeks": "W",
    "day": "D", "days": "D", "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE",
    "hour": "H", "hours": "H", "minute": "MIN", "minutes": "MIN", "quarter": "Q", "quarters": "Q",
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 4, "final": 4}

_MONTH_RX = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|jul(?:y|\.)?|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_WD_RX = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


@dataclass(frozen=True)
class Timex:
    value: str
    type: str  # date | duration | time | set
    resolved: bool  # the value depends on the reference date


@lru_cache(maxsize=4096)
def number_value(word: str) -> float | None:
    """ "nine" -> 9, "forty-three" -> 43, "1,500" -> 1500, "1.5" -> 1.5, "a dozen" -> 12."""
    w = word.strip().lower().replace(",", "")
    if not w or len(w) > 40:
        return None  # no count or date is written with that many characters ("9" * 4301 once was)
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w) if "." in w else int(w)
    if w in {"a", "an", "one", "a single"}:
        return 1
    if w in {"a dozen", "dozen"}:
        return 12
    if w in {"a couple of", "a couple", "couple"}:
        return 2
    if w in {"a hundred"}:
        return 100
    if w in {"a thousand"}:
        return 1000
    try:
        from text_to_num import text2num

        return text2num(w.replace(" and ", " "), "en")
    except (ValueError, ImportError):
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _fmt_unit(n: float, unit: str) -> str:
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


def normalise(text: str, ref: dt.date | None, *, future: bool = False) -> Timex | None:
    """The TIMEX3 value of ``text`` against ``ref``, or None when it is vague or not a date."""
    t = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'")).strip(" ,.")
    t = re.sub(r"^(?:on|in|at|by|since|until|till|from|during|for|over|within|before|after|through|of) ", "", t)
    t = re.sub(r" (?:alone|itself)$", "", t)
    if not t:
        return None

    # --- anchored on the reference date --------------------------------------
    if t in {"today", "this day"}:
        return Timex(ref.isoformat(), "date", True) if ref else None
    if t in {"yesterday"}:
        return Timex((ref - dt.timedelta(days=1)).isoformat(), "date", True) if ref else None
    if t in {"tomorrow"}:
        return Timex((ref + dt.timedelta(days=1)).isoformat(), "date", True) if ref else None
    if t in {"tonight", "this evening", "this morning", "this afternoon", "the evening", "the morning", "the afternoon", "last night", "yesterday evening"}:
        if ref is None:
            return None
        part = PARTS_OF_DAY[t.split()[-1]]
        day = ref - dt.timedelta(days=1) if t in {"last night", "yesterday evening"} else ref
        return Timex(f"{day.isoformat()}T{part}", "time", True)

    m = re.fullmatch(rf"(?:(this|last|next|past|coming) )?({_WD_RX})(?:,? (.+))?", t)
    if m and (m.group(3) is None or re.match(rf"{_MONTH_RX}|\d", m.group(3))):
        if m.group(3):
            rest = normalise(m.group(3), ref, future=future)
            if rest is not None:
                return rest
        if ref is None:
            return None
        wd = WEEKDAYS[m.group(2)]
        mod = m.group(1)
        if mod == "next" or (future and mod != "last"):
            delta = (wd - ref.weekday()) % 7
            if mod == "next" and delta == 0:
                delta = 7
            day = ref + dt.timedelta(days=delta)
        else:
            delta = (ref.weekday() - wd) % 7
            if mod == "last" and delta == 0:
                delta = 7
            day = ref - dt.timedelta(days=delta)
        return Timex(day.isoformat(), "date", True)

    m = re.fullmatch(r"the (past|last|next|coming|previous|following) (year|month|week|decade)", t)
    if m:
        return Timex(f"P1{UNITS[m.group(2)]}" if m.group(2) != "decade" else "P1DE", "duration", False)
    m = re.fullmatch(r"(this|last|next|the current|current|previous|coming) (year|month|week|quarter|decade|century|spring|summer|fall|autumn|winter)", t)
    if m and ref is not None:
        rel, unit = m.groups()
        step = {"last": -1, "the past": -1, "the last": -1, "the previous": -1, "previous": -1,
                "next": 1, "the next": 1, "the coming": 1, "the following": 1, "coming": 1}.get(rel, 0)
        if unit == "year":
            return Timex(f"{ref.year + step:04d}", "date", True)
        if unit == "month":
            y, mo = _shift_month(ref.year, ref.month, step)
            return Timex(f"{y:04d}-{mo:02d}", "date", True)
        if unit == "week":
            return Timex(_week(ref + dt.timedelta(weeks=step)), "date", True)
        if unit == "quarter":
            q = (ref.month - 1) // 3 + step
            y = ref.year + q // 4
            return Timex(f"{y:04d}-Q{q % 4 + 1}", "date", True)
        if unit == "decade":
            return Timex(str(ref.year // 10 + step), "date", True)
        if unit == "century":
            return Timex(str(ref.year // 100 + step), "date", True)
        return Timex(f"{ref.year + step:04d}-{SEASONS[unit]}", "date", True)

    m = re.fullmatch(r"(?:the )?(?:end|close) of (?:the|this) (year|month|week)|(?:the )?year[- ]end", t)
    if m and ref is not None:
        unit = m.group(1) or "year"
        if unit == "year":
            return Timex(f"{ref.year:04d}", "date", True)
        if unit == "month":
            return Timex(f"{ref.year:04d}-{ref.month:02d}", "date", True)
        return Timex(_week(ref), "date", True)

    m = re.fullmatch(r"(?:some |about |nearly |almost |more than |over )?([\w.,-]+(?: [\w-]+)?) (years?|months?|weeks?|days?|decades?|centuries) ago", t)
    if m and ref is not None:
        n = number_value(m.group(1))
        if n is None or not float(n).is_integer():
            return None
        n = int(n)
        unit = UNITS[m.group(2)]
        if unit == "Y":
            return Timex(f"{ref.year - n:04d}", "date", True) if ref.year - n > 0 else None
        if unit == "M":
            y, mo = _shift_month(ref.year, ref.month, -n)
            return Timex(f"{y:04d}-{mo:02d}", "date", True) if y > 0 else None
        if unit == "W":
            return Timex(_week(ref - dt.timedelta(weeks=n)), "date", True)
        if unit == "D":
            return Timex((ref - dt.timedelta(days=n)).isoformat(), "date", True)
        if unit == "DE":
            return Timex(str((ref.year - 10 * n) // 10), "date", True)
        return Timex(str(ref.year // 100 - n), "date", True)

    # --- sets ----------------------------------------------------------------
    sets = {"every day": "P1D", "every single day": "P1D", "each day": "P1D", "daily": "P1D", "every week": "P1W", "each week": "P1W",
            "weekly": "P1W", "every month": "P1M", "each month": "P1M", "monthly": "P1M", "every year": "P1Y",
            "each year": "P1Y", "annually": "P1Y", "annual": "P1Y", "yearly": "P1Y", "per year": "P1Y",
            "a year": "P1Y", "biannually": "P6M", "quarterly": "P3M", "every two years": "P2Y",
            "per day": "P1D", "a day": "P1D", "per week": "P1W", "a week": "P1W", "per month": "P1M", "a month": "P1M"}
    if t in sets:
        return Timex(sets[t], "set", False)

    # --- durations ------------------------------------------------------------
    m = re.fullmatch(r"(?:the )?(?:(?:next|past|last|first|coming|previous|following|initial|additional|another|over|more than|nearly|almost|about|some|up to|at least) )*([\w.,-]+(?: [\w-]+)?)[ -](years?|months?|weeks?|days?|decades?|centuries|hours?|minutes?|quarters?)(?:'s?)?(?: long| old)?", t)
    if m:
        n = number_value(m.group(1))
        if n is not None and n > 0:
            return Timex(_fmt_unit(n, UNITS[m.group(2)]), "duration", False)

    # --- parts of a year ---------------------------------------------------------
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th|last|final) (quarter|half) of (?:(this|last|next|the) year|(\d{4}))", t)
    if m:
        year = int(m.group(4)) if m.group(4) else (ref.year + {"last": -1, "next": 1}.get(m.group(3) or "", 0) if ref else None)
        if year is None:
            return None
        k = ORDINALS[m.group(1)]
        if m.group(2) == "half":
            return Timex(f"{year}-H{2 if k >= 2 else 1}", "date", m.group(4) is None)
        return Timex(f"{year}-Q{k}", "date", m.group(4) is None)
    m = re.fullmatch(r"q([1-4])(?: of)? (\d{4})|(\d{4})[- ]q([1-4])", t)
    if m:
        q, y = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return Timex(f"{y}-Q{q}", "date", False)
    m = re.fullmatch(r"(?:the )?(?:(early|mid|late)[- ])?(spring|summer|fall|autumn|winter)(?: of)? (\d{4})", t)
    if m:
        return Timex(f"{m.group(3)}-{SEASONS[m.group(2)]}", "date", False)
    m = re.fullmatch(r"(?:the )?(spring|summer|fall|autumn|winter)", t)
    if m and ref is not None:
        return Timex(f"{ref.year:04d}-{SEASONS[m.group(1)]}", "date", True)
    m = re.fullmatch(rf"(last|next|this) ({_MONTH_RX})", t)
    if m and ref is not None:
        mo = MONTHS.get(m.group(2).rstrip(".")) or MONTHS[m.group(2)]
        y = ref.year
        if m.group(1) == "last" and mo >= ref.month:
            y -= 1
        if m.group(1) == "next" and mo <= ref.month:
            y += 1
        return Timex(f"{y:04d}-{mo:02d}", "date", True)
    m = re.fullmatch(r"(?:the )?(?:(?:early|mid|late|end of|beginning of|start of)[- ])?(?:fiscal year |fy ?)?'?(\d{4})s?", t)
    if m and 1000 <= int(m.group(1)) <= 2200:
        if t.endswith("s") and m.group(1).endswith("0"):
            return Timex(m.group(1)[:3], "date", False)
        return Timex(m.group(1), "date", False)
    m = re.fullmatch(r"fy ?'?(\d{2})|fiscal year '?(\d{2})", t)
    if m:
        return Timex(f"20{m.group(1) or m.group(2)}", "date", False)
    m = re.fullmatch(r"(?:the )?(\w+(?:-\w+)?|\d{1,2}(?:st|nd|rd|th)) century", t)
    if m:
        word = m.group(1)
        n = number_value(re.sub(r"(st|nd|rd|th)$", "", word)) if word[0].isdigit() else _ordinal_word(word)
        if n:
            return Timex(f"{int(n) - 1:02d}", "date", False)

    # --- calendar dates ------------------------------------------------------------
    return _calendar(t, ref, future)


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22,
}


def _ordinal_word(word: str) -> int | None:
    return _ORDINAL_WORDS.get(word)


def _calendar(t: str, ref: dt.date | None, future: bool) -> Timex | None:
    t = re.sub(rf"^{_WD_RX},? ", "", t)
    day_rx = r"(\d{1,2})(?:st|nd|rd|th)?"
    # December 9, 2021 / Dec. 9 2021 / December 9
    m = re.fullmatch(rf"({_MONTH_RX}) {day_rx}(?:,? (\d{{4}}))?", t)
    if m:
        return _ymd(m.group(3), MONTHS.get(m.group(1).rstrip(".")) or MONTHS[m.group(1)], int(m.group(2)), ref, future)
    # 9 December 2021 / 9th of December
    m = re.fullmatch(rf"(?:the )?{day_rx}(?: of)? ({_MONTH_RX}),?(?: (\d{{4}}))?", t)
    if m:
        return _ymd(m.group(3), MONTHS.get(m.group(2).rstrip(".")) or MONTHS[m.group(2)], int(m.group(1)), ref, future)
    # December 2021 / December
    m = re.fullmatch(rf"(?:(?:early|mid|late)[- ])?({_MONTH_RX})(?:,? (?:of )?(\d{{4}}))?", t)
    if m:
        mo = MONTHS.get(m.group(1).rstrip(".")) or MONTHS[m.group(1)]
        if m.group(2):
            return Timex(f"{m.group(2)}-{mo:02d}", "date", False)
        y = _year_for(mo, None, ref, future)
        return Timex(f"{y:04d}-{mo:02d}", "date", True) if y else None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return _ymd(m.group(1), int(m.group(2)), int(m.group(3)), ref, future)
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    if m:
        return _ymd(m.group(3), int(m.group(1)), int(m.group(2)), ref, future)
    if not re.search(rf"\d|{_MONTH_RX}\b", t):
        return None
    return _dateparser(t, ref)


def _ymd(year: str | None, month: int, day: int, ref: dt.date | None, future: bool) -> Timex | None:
    y = int(year) if year else _year_for(month, day, ref, future)
    if y is None:
        return None
    try:
        return Timex(dt.date(y, month, day).isoformat(), "date", year is None)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "STRICT_PARSING": False})


def _dateparser(t: str, ref: dt.date | None) -> Timex | None:
    """Fallback for absolute dates in other formats; the returned period sets the granularity."""
    if len(t) > 40 or not re.search(r"\d{4}", t):
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
