"""The dates a question names, as periods: days, months, seasons and years, and dates relative to today.

Finding is by patterns that need a cue, because the words are ordinary English too: a month alone
counts after a preposition ("in March", "since May"), a bare year after one ("in 2011"), a relative
word only in its date sense ("last week", not "the last time"), a possessive only before an event word
("last week's briefing", not "this year's budget"). Reading a found fragment is dateutil's (day
fragments) and relativedelta's (calendar arithmetic). A date after today is a topic ("targets for
2030"), not a briefing, and is left alone. A day or month without a year takes the year from the
archive (`year_of`), else its most recent occurrence, and then says no year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from .when_calendar import (
    NUMBERS,
    count,
    day_label,
    latest,
    month_number,
    range_label,
    spoken,
    unit_around,
    year_number,
)

KIND = r"(?:briefing|gaggle|call|conference|presser|remarks)s?"
_FULL = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH = rf"(?:{_FULL}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_COUNT = r"(?:\d{1,2}|a\s+couple\s+of|" + "|".join(NUMBERS) + ")"
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_PRONOUNS = {"i", "you", "we", "they", "he", "she", "it", "who", "which", "that", "this", "there"}
_BEFORE_EVENT = rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,3}}?{KIND}\b"  # "'s briefing", " press briefing"
_EVENT_AFTER = re.compile(_BEFORE_EVENT, re.I)
_KIND_BEFORE = re.compile(rf"{KIND}\s*$", re.I)
_PART_OF = re.compile(rf"\b(?:end|beginning|start|middle|rest|month|{KIND})\s+$", re.I)
_FUNCTION_WORDS = set(
    "about on in at to for from with and or when where regarding concerning during after before than was were is "
    "are did does do has have had that which who she he they we i you it her his their".split()
)
_MODIFIER = {"since", "after", "before", "until", "till", "through"}


@dataclass(frozen=True)
class Period:
    start: date | None  # None: open (before ...)
    end: date | None
    span: tuple[int, int]
    phrase: str  # as a sentence says it: "on May 2, 2023", "in March 2023", "last week (...)"
    grain: str  # day, month, season, year, range

    @property
    def label(self) -> str:
        """The phrase without its preposition: "May 2, 2023"."""
        return re.sub(r"^(on|in) ", "", self.phrase)


YearOf = Callable[[int, int | None], int | None]  # (month, day or None) -> the archive's year


@dataclass
class _Context:
    text: str
    today: date
    year_of: YearOf


def find_periods(text: str, today: date, year_of: YearOf) -> list[Period]:
    """The periods `text` names, in order, with ranges joined ("between March and May 2023")."""
    ctx, taken, found = _Context(text, today, year_of), [], []
    for pattern, read in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if m.groupdict().get("pos") and not _EVENT_AFTER.match(text, m.start("pos")):
                continue  # "this year's budget", "today's rate decision"
            period = read(m, ctx)
            if period and (period.start is None or period.start <= today) and not _topical(m, text):
                taken.append(m.span())
                found.append(_modified(period, m, ctx))
    return _joined(sorted(found, key=lambda p: p.span), text)


def _topical(m: re.Match, text: str) -> bool:
    """A date that is the topic ("about January 6") or qualifies one ("the May 15 deadline", "the
    March 2023 bank failures"), unless an event word follows ("about the May 2 briefing")."""
    if _EVENT_AFTER.match(text, m.end()):
        return False
    if re.search(r"\b(?:about|regarding|concerning)\s+$", text[: m.start()], re.I):
        return True
    if not re.search(r"\b(?:the|a|an|this|that|her|his|their|its|[\w.-]+['’]s)\s+$", text[: m.start()], re.I):
        return False
    following = re.match(r"\s+([a-z]+)", text[m.end() :])
    return bool(following) and following[1] not in _FUNCTION_WORDS


def _modified(period: Period, m: re.Match, ctx: _Context) -> Period:
    """since / after / before / until a period: open it towards today or the past."""
    word = (m.groupdict().get("pre") or "").lower()
    if word not in _MODIFIER:
        return period
    label = f"{word} {period.label}"
    if word == "since":
        return replace(period, end=ctx.today, phrase=label, grain="range")
    if word == "after":
        return replace(
            period, start=period.end + timedelta(days=1), end=ctx.today, phrase=label, grain="range"
        )
    end = period.start - timedelta(days=1) if word == "before" else period.end
    return replace(period, start=None, end=end, phrase=label, grain="range")


def _joined(periods: list[Period], text: str) -> list[Period]:
    out: list[Period] = []
    for period in periods:
        prev = out[-1] if out else None
        if prev and re.fullmatch(
            r"\s*(and|to|through|until|till|-|–)\s*", text[prev.span[1] : period.span[0]], re.I
        ):
            before = re.search(r"\b(between|from)\s+(the\s+)?$", text[: prev.span[0]], re.I)
            if before or re.match(r"(from|between)\b", text[prev.span[0] :], re.I):
                span = (before.start() if before else prev.span[0], period.span[1])
                phrase = f"between {prev.label} and {period.label}"
                out[-1] = Period(prev.start, period.end, span, phrase, "range")
                continue
        out.append(period)
    return out


# -- readers: a match -> a period, or None when the words are not a date after all ------------------


def _absolute_day(m: re.Match, ctx: _Context) -> Period | None:
    g = m.groupdict()
    if "mon" in g:
        day_first = m.start("d") < m.start("mon")
        if day_first and not (g.get("suffix") or g.get("of") or g.get("y") or g["mon"][0].isupper()):
            return None  # "2 may": a number and a verb, unless written as a date
        before = re.findall(r"\w+", ctx.text[: m.start()].lower())
        if g["mon"] in ("may", "march") and before and before[-1] in _PRONOUNS:
            return None  # "they may 2x ..."
        fragment, month = f"{g['mon'].rstrip('.')} {g['d']}", month_number(g["mon"])
    else:
        if not (g.get("y") or g.get("pre") or _numeric_date_cue(m, ctx.text)):
            return None  # "the 2/3 majority"
        fragment, month = f"{g['m']}/{g['d']}", int(g["m"])
    year = year_number(g.get("y")) or ctx.year_of(month, int(g["d"]))
    try:
        day = date_parser.parse(fragment, default=datetime(year or 2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None  # February 30
    if year is None:
        day = latest(lambda y: day.replace(year=y), ctx.today)
    label = day_label(day) if year else f"{day:%B} {day.day}"
    return Period(day, day, m.span(), f"on {label}", "day")


def _week_of(m: re.Match, ctx: _Context) -> Period | None:
    """"The week of March 13": Monday to Sunday of the week that holds the day."""
    day = _absolute_day(m, ctx)
    if day is None:
        return None
    start = day.start
    if not m["y"] and (year := ctx.year_of(start.month, None)):
        # the year of a briefing that month, not of one on that very day; February 29 keeps its own year
        with suppress(ValueError):
            start = start.replace(year=year)
    monday = start - timedelta(days=start.weekday())
    return Period(monday, monday + timedelta(days=6), m.span(), f"in the week of {day_label(start)}", "range")


def _numeric_date_cue(m: re.Match, text: str) -> bool:
    """A numeric day needs a cue: "on 5/2", "the 5/2 briefing"; not "the 2/3 majority" or "9/11"."""
    return bool(re.search(r"\bon\s+$", text[: m.start()], re.I) or _EVENT_AFTER.match(text, m.end()))


def _month_period(m: re.Match, ctx: _Context) -> Period | None:
    month, pre = month_number(m["mon"]), (m.groupdict().get("pre") or "").lower()
    if pre == "of" and not _PART_OF.search(ctx.text[: m.start()]):
        return None  # "the ides of March"; "the end of March", "the briefings of March" are dates
    year = year_number(m.groupdict().get("y"))
    if pre == "this":
        year = ctx.today.year
    elif pre == "last":
        year = ctx.today.year - (1 if month >= ctx.today.month else 0)
    certain = year is not None or (year := ctx.year_of(month, None)) is not None
    if not certain:
        year = latest(lambda y: date(y, month, 1), ctx.today).year
    start = date(year, month, 1)
    label = f"{start:%B} {year}" if certain else f"{start:%B}"
    return Period(start, start + relativedelta(day=31), m.span(), f"in {label}", "month")


def _season(m: re.Match, ctx: _Context) -> Period | None:
    name, pre = m["s"].lower(), (m.groupdict().get("pre") or "").lower()
    if pre in ("this", "last") and re.search(r"\bthe\s+$", ctx.text[: m.start()], re.I):
        return None  # "the last fall in prices"
    first = _SEASONS[name]
    if m.groupdict().get("y"):
        start = date(int(m["y"]) - (first == 12), first, 1)  # winter 2023: December 2022 to February 2023
    elif pre in ("this", "last"):
        start = latest(lambda y: date(y, first, 1), ctx.today)
        if pre == "last" and ctx.today <= start + relativedelta(months=2, day=31):
            start -= relativedelta(years=1)  # "last fall" in October is a year back; in January, the fall just past
    else:
        start = date(
            ctx.year_of(first, None) or latest(lambda y: date(y, first, 1), ctx.today).year, first, 1
        )
    end = start + relativedelta(months=2, day=31)
    return Period(start, end, m.span(), f"in {name} {end.year}", "season")


def _year_period(m: re.Match, ctx: _Context) -> Period | None:
    g = m.groupdict()
    if g.get("pre") == "of" and not _KIND_BEFORE.search(ctx.text[: m.start()]):
        return None  # "the budget of 2023"; "the first briefing of 2023" is a date
    year = int(g["y"])
    return Period(date(year, 1, 1), date(year, 12, 31), m.span(), f"in {year}", "year")


def _relative_day(m: re.Match, ctx: _Context) -> Period | None:
    word = spoken(m, "w")
    back = 2 if word.endswith("before yesterday") else 1 if word == "yesterday" else 0
    day = ctx.today - timedelta(days=back)
    return Period(day, day, m.span(), f"{word} ({day_label(day)})", "day")


def _relative_unit(m: re.Match, ctx: _Context) -> Period | None:
    """this / last week, month, year; "the past week" and "the last year" roll back from today."""
    which, unit = m["which"].lower(), m["u"].lower()
    if unit != "weekend" and (which in ("past", "previous") or m["the"]):
        return _rolling(1, unit, m, ctx)
    start, end = unit_around(ctx.today, unit)
    if which != "this":
        start, end = unit_around(start - timedelta(days=1 if unit != "weekend" else 2), unit)
    end = min(end, ctx.today)
    return Period(start, end, m.span(), f"{spoken(m)} ({range_label(start, end)})", "range")


def _this_year(m: re.Match, ctx: _Context) -> Period | None:
    """The year of "the last briefing of the year": today's."""
    if not _KIND_BEFORE.search(ctx.text[: m.start()]):
        return None  # "the end of the year"
    start = date(ctx.today.year, 1, 1)
    return Period(start, ctx.today, m.span(), f"in {start.year}", "year")


def _rolling_count(m: re.Match, ctx: _Context) -> Period | None:
    return _rolling(count(m["n"]), m["u"].lower(), m, ctx)


def _rolling(n: int, unit: str, m: re.Match, ctx: _Context) -> Period:
    start = ctx.today - relativedelta(**{f"{unit.rstrip('s')}s": n})
    return Period(start, ctx.today, m.span(), f"{spoken(m)} ({range_label(start, ctx.today)})", "range")


def _ago(m: re.Match, ctx: _Context) -> Period | None:
    unit = m["u"].lower()
    then = ctx.today - relativedelta(**{f"{unit}s": count(m["n"])})
    start, end = (then, then) if unit == "day" else unit_around(then, unit)
    return Period(start, end, m.span(), f"{spoken(m)} ({range_label(start, end)})", "range")


def _weekday(m: re.Match, ctx: _Context) -> Period | None:
    pre = " ".join((m["pre"] or "").lower().split())
    if not pre and not m["pos"]:
        return None  # "Black Friday"; "on Monday" and "Monday's briefing" are dates
    wanted = _WEEKDAYS.index(m["wd"].lower())
    back = (ctx.today.weekday() - wanted) % 7 or (0 if pre == "on" else 7)
    day = ctx.today - timedelta(days=back)
    return Period(day, day, m.span(), f"on {day:%A}, {day_label(day)}", "day")


_PRE = r"(?P<pre>in|during|since|from|before|after|until|till|through|throughout)"
_POSSESSIVE = r"(?P<pos>['’]s)?"
# fmt: off
_SPECS = [  # (pattern, reader), in priority order: the first to claim a stretch of text keeps it
    (rf"\b(?:(?:in|during)\s+)?the\s+week\s+of\s+(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?P<suffix>st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?", _week_of),
    (rf"(?<![\d-])(?P<y>{_YEAR})-(?P<m>1[0-2]|0?[1-9])-(?P<d>{_DAY})(?![\d-])", _absolute_day),
    (rf"(?:\b{_PRE}\s+)?(?<![\w/.$-])(?P<m>1[0-2]|0?[1-9])/(?P<d>{_DAY})(?:/(?P<y>\d{{4}}|\d{{2}}))?(?![\w/%-]|\.\d)", _absolute_day),
    (rf"(?:\b{_PRE}\s+)?\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?P<suffix>st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?(?!\s*(?:%|percent|[.,:]\d))", _absolute_day),
    (rf"(?:\b{_PRE}\s+)?\b(?P<d>{_DAY})(?P<suffix>st|nd|rd|th)?\s+(?P<of>of\s+)?(?P<mon>{_MONTH})(?!\w)(?:,?\s+(?P<y>{_YEAR})\b)?", _absolute_day),
    (rf"(?:\b{_PRE}\s+)?\b(?P<mon>{_MONTH})\s*,?\s+(?P<y>{_YEAR})\b", _month_period),
    (rf"(?:\b{_PRE}\s+)?\b(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>{_YEAR})\b", _season),
    (rf"\b(?P<pre>in|during|since|from|between|before|after|until|till|through|throughout|of|last|this|early|late|mid)[\s-]+(?:(?:early|late|mid)[\s-]+)?(?P<mon>{_FULL})\b", _month_period),
    (rf"\b(?:the|her|his|their|its)\s+(?P<mon>{_FULL})(?=(?:['’]s)?{_BEFORE_EVENT})", _month_period),
    (r"\b(?P<pre>in|during|this|last|over|through|throughout|since)\s+(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\b", _season),
    (rf"\b{_PRE}\s+(?:the\s+year\s+)?(?P<y>{_YEAR})\b(?![-/–]\d|\s*(?:%|percent))", _year_period),
    (rf"\b(?P<pre>of)\s+(?P<y>{_YEAR})\b", _year_period),
    (rf"\b(?P<y>{_YEAR})(?={_BEFORE_EVENT})", _year_period),
    (r"\bof\s+the\s+year\b", _this_year),
    (r"\b(?P<w>today|tonight|yesterday|this\s+(?:morning|afternoon|evening)|the\s+day\s+before\s+yesterday)\b" + _POSSESSIVE, _relative_day),
    (rf"\b(?:(?:over\s+|in\s+|during\s+|for\s+)?the\s+)?(?:past|last|previous)\s+(?P<n>{_COUNT})\s+(?P<u>day|week|month|year)s\b", _rolling_count),
    (rf"\b(?P<n>{_COUNT})\s+(?P<u>day|week|month|year)s?\s+ago\b", _ago),
    (r"\b(?P<the>(?:over\s+|in\s+|during\s+|for\s+)?the\s+)?(?P<which>this|last|past|previous)\s+(?P<u>week|weekend|month|year)\b" + _POSSESSIVE, _relative_unit),
    (rf"\b(?:(?P<pre>on|last|this\s+past|this|since)\s+)?(?P<wd>{'|'.join(_WEEKDAYS)})\b" + _POSSESSIVE, _weekday),
]
# fmt: on
_PATTERNS = [(re.compile(pattern, re.I), read) for pattern, read in _SPECS]
