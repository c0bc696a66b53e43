"""Dates as reporters type them in the filters: 2024-04-26, 26/04/2024, 4/26/2024, 26.04.2024, April 26, 2024,
26 April 2024. A date that could be read two ways (04/05/2024) or is not a date is refused in plain words."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_MONTHS = "January February March April May June July August September October November December".split()


def parse_date(text: str | None, which: str) -> str | None:
    """The ISO date in a filter box ("From", "To"); None when it is empty; a ValueError naming the box otherwise."""
    text = " ".join((text or "").split())
    if not text:
        return None
    iso = _ISO.fullmatch(text)
    if iso:
        return _checked(text, which, *(int(g) for g in iso.groups()))
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        first, second, year = (int(g) for g in numeric.groups())
        if first <= 12 and second <= 12 and first != second:
            raise ValueError(
                f"The {which} date “{text}” could be {first} {_MONTHS[second - 1]} or {second} {_MONTHS[first - 1]}: "
                f"write it as {year}-{second:02d}-{first:02d} or {year}-{first:02d}-{second:02d}."
            )
        day, month = (first, second) if first > 12 or first == second else (second, first)
        return _checked(text, which, year, month, day)
    try:  # the same text read against two different defaults: a part it lacks shows as a difference
        one = parser.parse(text, default=datetime(2000, 1, 1))
        two = parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        raise ValueError(f"The {which} date “{text}” is not understood: write it as YYYY-MM-DD, e.g. 2024-04-26.") from None
    if one.date() != two.date():
        raise ValueError(f"The {which} date “{text}” needs a day, a month and a year, e.g. 2024-04-26.")
    return _checked(text, which, one.year, one.month, one.day)


def _checked(text: str, which: str, year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"The {which} date “{text}” does not exist.") from None
