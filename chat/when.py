"""Dates and events a question names, as retrieval scope: which transcripts it points at.

    index = TimeIndex(events)          # once per event list (the catalog): titles indexed, dates read
    scope = index.resolve(question, today, among=speaker_transcript_ids)   # per question, well under 5 ms

A question that names no date or event gets `TimeScope()` (transcripts None: search everything).
One that does gets the ids it points at, possibly none, with `missing` saying so ("There is no
briefing on May 2, 2023 in the indexed transcripts."). The pieces, combined in this order:
- periods (chat/when_dates.py): "May 2", "in March 2023", "last week", "since 2020";
- kinds (chat/when_titles.py): "gaggle" and "call" must match the title; "briefing", "press
  conference" and "remarks" are used loosely for any press event, so they narrow only when
  something of that kind is left ("her last press conference" for a press secretary who gives briefings);
- event phrases matched against titles, place lines and people: after "with", "aboard" or "en route
  to" the question insists (no match: none); after "in", "at" (with a kind or a verb of speaking)
  or before a kind ("the Hanoi gaggle") a phrase narrows only when the narrowed set is not empty;
- ordinals over what is left, in date order: "the first briefing of 2023", "her last gaggle".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .when_dates import KIND, Period, find_periods
from .when_titles import Kind, Phrase, TitleIndex, find_kinds, find_phrases, tokens

MAX_CHARS = 2_000  # a question is read this far: dates and events are named in its first sentences
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "latest": -1, "final": -1,
             "most recent": -1, "penultimate": -2, "second to last": -2, "next to last": -2}  # fmt: skip
_ORDINAL = re.compile(
    r"\b(?:the|her|his|their|its|[\w.-]+['’]s)\s+(?:very\s+)?(?P<ord>(?:second|next)[-\s]to[-\s]last|most\s+recent"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th)"
    rf"|last|latest|final|penultimate)\s+(?:[\w-]+\s+){{0,3}}?{KIND}\b",
    re.I,
)
_CONNECTORS = re.compile(r"(?:\b(?:at|on|in|during|from|of|for|the|her|his|their|its|that|earlier)\s+)+$", re.I)  # fmt: skip


@dataclass(frozen=True)
class Event:
    """A transcript as scope sees it. date: ISO (the catalog's); place: the place line(s) under the
    title ("Aboard Air Force One / En Route Hanoi, Vietnam"); people: who spoke, names and roles;
    started: the start time as written, to order two events of one day."""

    id: str
    title: str
    date: str | None
    place: str | None = None
    source_url: str | None = None
    people: tuple[str, ...] = ()
    started: str | None = None


@dataclass(frozen=True)
class TimeScope:
    """transcripts is the filter (None: the question names no date or event). date_from and date_to
    (ISO, inclusive) span the period named and the chosen transcripts' catalog dates, so they never
    exclude a chosen transcript. spans: the characters that named the scope, to leave out of the topic."""

    transcripts: tuple[str, ...] | None = None
    date_from: str | None = None
    date_to: str | None = None
    spans: tuple[tuple[int, int], ...] = ()
    described: str | None = None  # "the briefing on May 2, 2023", "briefings in March 2023"
    missing: str | None = None  # when transcripts is empty: the sentence that says so
    outside: tuple[str, ...] = ()  # when none is among those searched: the ones outside that match

    @property
    def empty(self) -> bool:
        return self.transcripts == ()


class TimeIndex:
    def __init__(self, events: Sequence[Event]):
        self.events = list(events)
        self._position = {e.id: i for i, e in enumerate(self.events)}
        self._titles = TitleIndex([(e.title, e.place or "", e.people) for e in self.events])
        self._titled: dict[str, set[int]] = {}  # title word -> events, for kinds
        for i, e in enumerate(self.events):
            for word in tokens(e.title):
                self._titled.setdefault(word, set()).add(i)
        self._dates = [_iso(e) for e in self.events]
        self._days = [_days_named(e, d) for e, d in zip(self.events, self._dates)]
        self._calendar = sorted((d, i) for i, days in enumerate(self._days) for d in days)

    def resolve(
        self, question: str, today: date, among: Collection[str] | None = None, named: Sequence[tuple[int, int]] = ()
    ) -> TimeScope:
        """among: the ids to choose from (the speaker's transcripts); ordinals count within them. named:
        where the question names its speakers, which are no event phrase ("At John Kirby's first briefing").
        When none of them matches but others do ("What did Kirby say at the gaggle en route to Hanoi?",
        a gaggle he was not at), `outside` names the others."""
        text = question[:MAX_CHARS]
        pool = set(range(len(self.events)))
        if among is not None:
            pool = {self._position[i] for i in among if i in self._position}
        kinds = find_kinds(text)
        every = set(range(len(self.events)))
        # a day named without its year is the latest such day among the speaker's events, else the archive's
        found = find_periods(
            text, today, lambda month, day: self._year_of(pool, today, month, day) or self._year_of(every, today, month, day)
        )
        periods = _the_periods(found, text, kinds)
        taken = [p.span for p in periods]
        ordinal = _ordinal(text, taken)
        taken += [ordinal.span()] if ordinal else []
        kind = next(
            (k for k in kinds if ordinal and _overlaps(k.span, [ordinal.span()])), kinds[0] if kinds else None
        )
        of_kind = self._of_kind(kind) if kind else set()
        chosen = set().union(*(self._within(p) for p in periods)) & pool if periods else pool
        if kind and not kind.generic:
            chosen = chosen & of_kind
        phrases = find_phrases(text, taken + [k.span for k in kinds] + list(named), kinds)
        chosen, applied = self._narrowed(chosen, phrases, kind, dated=bool(periods))
        if not (periods or ordinal or applied):
            return TimeScope()
        if kind and kind.generic and chosen & of_kind:
            chosen = chosen & of_kind
        base = sorted(chosen, key=self._order)
        if ordinal:
            base = [i for i in base if self._dates[i] and self._dates[i] <= today]
            word = " ".join(ordinal["ord"].lower().replace("-", " ").split())
            rank = _ORDINALS.get(word) or int(word[:-2])  # "2nd"
            chosen = {base[rank - 1 if rank > 0 else rank]} if rank and abs(rank) <= len(base) else set()
        ids = tuple(self.events[i].id for i in sorted(chosen, key=self._order))
        described, missing = _wording(kind, ordinal, applied, periods, len(ids), len(base))
        date_from, date_to = self._envelope(periods, chosen)
        # a phrase after "with", "aboard" or "en route to" describes the event even where it matched none
        # the date left ("the Feb. 6 briefing with outgoing NEC director …"): it is no topic either
        described_by = [p.span for p in phrases if p in applied or p.strong]
        spans = _spans(text, taken + described_by + [k.span for k in kinds])
        outside = () if ids or among is None else self.resolve(question, today, None, named).transcripts or ()
        if outside:
            days = ", ".join(sorted({self.events[self._position[i]].date or "undated" for i in outside}))
            missing = f"{described[0].upper()}{described[1:]} ({days}) is not among the transcripts searched."
        return TimeScope(ids, date_from, date_to, spans, described, None if ids else missing, outside)

    def _narrowed(
        self, chosen: set[int], phrases: list[Phrase], kind: Kind | None, dated: bool = False
    ) -> tuple[set[int], list[Phrase]]:
        """The events the phrases leave, and the phrases that counted. dated: a date named in the question
        chose the events already; a phrase then narrows them but never empties them (a date names an
        event more surely than a guest's description does: "the Feb. 6 briefing with outgoing NEC
        director Brian Deese")."""
        applied = []
        for phrase in phrases:
            if not self._titles.informative(phrase.words):
                continue
            hits = self._titles.matching(phrase, chosen, places=phrase.place)
            if phrase.strong and not dated and (phrase.capitalized or self._titles.known(phrase.words)):
                chosen, applied = hits, applied + [phrase]  # no match: there is none
            elif kind and kind.generic and not hits & self._of_kind(kind):
                continue  # "the White House briefing": no briefing has it, so it is no place of one
            elif hits:
                chosen, applied = hits, applied + [phrase]
        return chosen, applied

    def _within(self, period: Period) -> set[int]:
        low = bisect_left(self._calendar, (period.start,)) if period.start else 0
        high = bisect_right(self._calendar, (period.end, len(self.events)))
        return {i for _, i in self._calendar[low:high]}

    def _of_kind(self, kind: Kind) -> set[int]:
        return set.intersection(*(self._titled.get(word, set()) for word in kind.needs))

    def _order(self, i: int) -> tuple:
        """By the day held (the earliest day named), then the start time."""
        return (min(self._days[i], default=date.max), _clock(self.events[i].started), self.events[i].id)

    def _year_of(self, pool: set[int], today: date, month: int, day: int | None) -> int | None:
        """The latest year (not after today) in which an event of the pool falls on this month (day)."""
        days = (d for i in pool for d in self._days[i])
        return max(
            (d.year for d in days if d.month == month and day in (None, d.day) and d <= today), default=None
        )

    def _envelope(self, periods: list[Period], chosen: set[int]) -> tuple[str | None, str | None]:
        starts = [d for i in chosen if (d := self._dates[i])] + [p.start for p in periods]
        ends = [d for i in chosen if (d := self._dates[i])] + [p.end for p in periods]
        first = None if not starts or None in starts else min(starts)
        return (first.isoformat() if first else None, max(ends).isoformat() if ends else None)


def resolve_time(question: str, events: Sequence[Event], today: date) -> TimeScope:
    """One question against an event list; build a TimeIndex once to resolve many."""
    return TimeIndex(events).resolve(question, today)


def _wording(kind: Kind | None, ordinal, applied: list[Phrase], periods: list[Period], found: int, base: int):
    """What the scope is called, and the sentence for when it holds nothing."""
    head = kind.words if kind else "briefing"
    heads = head if head.endswith("s") else head + "s"
    before = " ".join(p.text for p in applied if p.adjective)
    when = " and ".join(p.phrase for p in periods)
    after = " ".join([p.text for p in applied if not p.adjective] + [when] * bool(when))
    named = " ".join(w for w in (before, head, after) if w)
    if ordinal:
        which = " ".join(ordinal["ord"].lower().split())
        missing = f"There is no {named} in the indexed transcripts."
        if base:
            counted = " ".join(w for w in (before, head if base == 1 else heads, after) if w)
            missing = f"The indexed transcripts hold only {base} {counted}: there is no {which} one."
        return f"the {which} {named}", missing
    plural = " ".join(w for w in (before, heads, after) if w)
    return (
        f"the {named}" if found <= 1 else f"the {plural}"
    ), f"There is no {named} in the indexed transcripts."


def _spans(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The spans, each with the words that lead into it ("at the"), joined where only space parts them."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if lead := _CONNECTORS.search(text[:start]):
            start = lead.start()
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)


def _the_periods(periods: list[Period], text: str, kinds: list[Kind]) -> list[Period]:
    """The periods that say when the event was: those listed together ("the May 2 and May 3
    briefings"), the group next to an event word first ("... since last week at today's briefing")."""
    groups: list[list[Period]] = []
    for period in periods:
        if groups and re.fullmatch(
            r"\s*(?:,|,?\s*and|,?\s*or)\s*", text[groups[-1][-1].span[1] : period.span[0]]
        ):
            groups[-1].append(period)
        else:
            groups.append([period])

    def distance(group: list[Period]) -> int:  # characters to the nearest event word, if it is near
        gap = min(
            (max(k.span[0] - p.span[1], p.span[0] - k.span[1]) for p in group for k in kinds), default=99
        )
        return gap if gap <= 12 else 99

    return min(groups, key=distance) if groups else []  # the first of equals


def _starts_near(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(0 <= a - position <= 5 for a, _ in spans)


def _ordinal(text: str, taken: list[tuple[int, int]]) -> re.Match | None:
    ordinal = next((m for m in _ORDINAL.finditer(text) if not _overlaps(m.span(), taken)), None)
    if (
        ordinal
        and re.match(r"\s+(?:of|by|for)\b", text[ordinal.end() :])
        and not _starts_near(ordinal.end(), taken)
    ):
        return None  # "the first press conference of the new Speaker": not one of these events
    return ordinal


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _iso(event: Event) -> date | None:
    if not event.date:
        return None
    try:
        return date.fromisoformat(event.date)
    except ValueError:
        raise ValueError(f"event {event.id!r}: not a date (YYYY-MM-DD): {event.date!r}") from None


def _days_named(event: Event, held: date | None) -> frozenset[date]:
    """The catalog date, and a day within a week of it that the title, place line or address names: a
    briefing published the day after it was given says "(December 7, 2023)" under its title, or
    ".../press-briefing-...-november-13-2023/" in its address."""
    if held is None:
        return frozenset()
    slug = (event.source_url or "").rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    text = f"{event.title}\n{event.place or ''}\n{slug}"
    named = find_periods(text, held + timedelta(days=7), lambda m, d: held.year)
    return frozenset(
        {held} | {p.start for p in named if p.grain == "day" and abs((p.start - held).days) <= 7}
    )


def _clock(started: str | None) -> tuple:
    """A start time as (hour, minute): "4:20 P.M. EST" is (16, 20), after 12:38 P.M."""
    m = re.match(r"\s*(\d{1,2}):(\d{2})\s*([AP])?", started or "", re.I)
    if not m:
        return (99, 0)
    if not m[3]:
        return (int(m[1]), int(m[2]))
    return (int(m[1]) % 12 + (12 if m[3].upper() == "P" else 0), int(m[2]))
