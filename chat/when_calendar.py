"""Calendar arithmetic and wording for the dates in questions (chat/when_dates.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

NUMBERS = "a an one two three four five six seven eight nine ten eleven twelve".split()


def spoken(m: re.Match, group: str | int = 0) -> str:
    """The words a relative date was said in, for its phrase: "last week"."""
    return re.sub(r"['’]s$", "", " ".join(m[group].split()).lower())


def month_number(name: str) -> int:
    return date_parser.parse(name.rstrip("."), default=datetime(2000, 1, 1)).month


def year_number(text: str | None) -> int | None:
    return int(text) + (2000 if len(text) == 2 else 0) if text else None


def count(text: str) -> int:
    word = " ".join(text.lower().split())
    return 2 if word == "a couple of" else int(word) if word.isdigit() else max(1, NUMBERS.index(word) - 1)


def latest(at_year: Callable[[int], date], today: date) -> date:
    """The most recent occurrence of a month (day) not after today (February 29 within eight years)."""
    for year in range(today.year, today.year - 9, -1):
        try:
            if (when := at_year(year)) <= today:
                return when
        except ValueError:
            continue
    raise ValueError("no such day in the last eight years")


def unit_around(day: date, unit: str) -> tuple[date, date]:
    if unit in ("week", "weekend"):
        monday = day - timedelta(days=day.weekday())
        return monday + timedelta(days=5 if unit == "weekend" else 0), monday + timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), day + relativedelta(day=31)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def day_label(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def range_label(start: date, end: date) -> str:
    """December 18 to 24, 2023", "November 30 to December 6, 2023"."""
    if start == end or start.year != end.year:
        return day_label(start) + ("" if start == end else f" to {day_label(end)}")
    middle = f"{end.day}" if start.month == end.month else f"{end:%B} {end.day}"
    return f"{start:%B} {start.day} to {middle}, {end.year}"
