"""Dates and events in questions, resolved against the real archive's titles, dates and place lines.

The events are read the way the engine will get them: each Markdown file's front matter (title, date,
source_url), the place line under it and its start time; the FOMC PDFs through the real parser.
Expected transcripts are computed from those events (by date, title or place), not listed by hand.
"""

import re
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chat.question import topic_of
from chat.when import Event, TimeIndex, TimeScope, resolve_time
from ingest import parse_file

END_OF_YEAR = date(2023, 12, 31)  # a Sunday
FRIDAY = date(2023, 12, 22)


def _markdown_event(path: Path) -> Event:
    """Front matter, then the lines before the start time ("Aboard Air Force One", "En Route ...")."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    place, started = [], None
    for line in (raw.replace("\xa0", " ").strip(" *") for raw in body.splitlines()):
        if line[:1].isdigit() and ":" in line[:5]:
            started = line
            break
        if ":" in line:  # a speaker's label: there was no start time
            break
        if line:
            place.append(line)
    title = meta["title"].replace("\xa0", " ")
    return Event(
        path.stem, title, str(meta["date"]), " / ".join(place) or None, meta["source_url"], started=started
    )


@pytest.fixture(scope="module")
def events(corpus) -> list[Event]:
    found = [_markdown_event(p) for folder in ("whitehouse_2023", "whitehouse_press_conferences")
             for p in sorted((corpus / folder).glob("*.md"))]  # fmt: skip
    for pdf in sorted((corpus / "fomc_pdf").glob("*.pdf")):
        transcript = parse_file(pdf)
        found.append(Event(transcript.id, transcript.title, transcript.date, started=transcript.started_at))
    assert len(found) == 236
    return found


@pytest.fixture(scope="module")
def index(events) -> TimeIndex:
    return TimeIndex(events)


def _chosen(index: TimeIndex, scope: TimeScope) -> list[Event]:
    by_id = {e.id: e for e in index.events}
    return [by_id[i] for i in scope.transcripts]


def _ids(events, keep) -> set[str]:
    return {e.id for e in events if keep(e)}


def _held(event: Event) -> set[str]:
    """The catalog date, and a "(January 17, 2023)" under the title: when the event was held."""
    found = re.findall(r"\((\w+ \d{1,2}, \d{4})\)", event.place or "")
    return {event.date} | {datetime.strptime(d, "%B %d, %Y").date().isoformat() for d in found}


def _between(start: str, end: str):
    return lambda e: e.date and any(start <= d <= end for d in _held(e))


def _envelope(scope: TimeScope, index: TimeIndex, start: str, end: str) -> tuple[str, str]:
    """The period named, widened to the catalog dates of transcripts held in it but filed later."""
    dates = [e.date for e in _chosen(index, scope)]
    return min([start, *dates]), max([end, *dates])


# -- no date, no event: no scope ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What may happen to the debt ceiling?",
        "May I ask what she said about Gaza?",
        "what did she say about the march on Washington?",
        "Did the protesters march on the Capitol?",
        "When was the last time inflation was this high?",
        "What did she say about the first time she met him?",
        "What is the latest on Ukraine?",
        "What did she say about this year's budget?",
        "What did Powell say about today's rate decision?",
        "What did she say about emissions targets for 2030?",
        "What did she say about the 2/3 majority in the Senate?",
        "What did she say about the 9/11 anniversary?",
        "What did she say about January 6?",
        "What did she say about the May 15 deadline?",
        "What did she say about the March 2023 bank failures?",
        "What did she say about the Ides of March?",
        "What did Kirby say about Black Friday sales?",
        "What did Powell say about the last fall in prices?",
        "What did she say at the briefing?",
        "What did they say on the press call?",
        "What did she say at the briefing on the debt ceiling?",
        "What did she say at the briefing with reporters?",
        "What did she say about talks with China?",
        "What did she say at the White House briefing about Gaza?",
        "What did she say at the briefing in the press briefing room?",
        "What did Kirby say about the shooting in Maine?",
        "Did she call for a ceasefire?",
        "What did she say about the call with Xi?",
        "What did she say about the president's trip to Hanoi?",
        "What did she say about the first press conference of the new Speaker?",
        "What did she say in Spanish?",
        "What did Biden say about the 2024 election?",
        "What did she say about FY2024 spending?",
    ],
)
def test_no_date_or_event_gives_no_scope(index, question):
    scope = index.resolve(question, END_OF_YEAR)
    assert scope.transcripts is None and scope.spans == () and scope.described is None


# -- absolute dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What did the press secretary say about the debt ceiling at the May 2 briefing?",
        "What did she say on May 2nd about the debt ceiling?",
        "what did she say on may 2 about the debt ceiling",
        "What did she say on 5/2 about the debt ceiling?",
        "What did she say on 2 May 2023 about the debt ceiling?",
        "What did she say on the 2nd of May about the debt ceiling?",
        "What did she say on 2023-05-02 about the debt ceiling?",
        "What did she say at the May 2, 2023 briefing about the debt ceiling?",
    ],
)
def test_a_day_in_any_form_is_that_days_briefing(index, events, question):
    scope = index.resolve(question, END_OF_YEAR)
    assert set(scope.transcripts) == _ids(events, lambda e: e.date == "2023-05-02")
    assert (scope.date_from, scope.date_to) == ("2023-05-02", "2023-05-02")
    assert scope.described == "the briefing on May 2, 2023"
    topic = topic_of(question, list(scope.spans))
    assert "debt ceiling" in topic and "May" not in topic and "2" not in topic.split()


def test_abbreviated_month(index, events):
    scope = index.resolve("What did Kirby say at the Oct. 3 briefing?", END_OF_YEAR)
    assert set(scope.transcripts) == _ids(events, lambda e: e.date == "2023-10-03")


def test_year_comes_from_the_archive(index, events):
    powell = index.resolve("What did Powell say at his June 15 press conference?", END_OF_YEAR)
    assert set(powell.transcripts) == _ids(events, lambda e: e.date == "2022-06-15")
    bernanke = _ids(events, lambda e: e.date == "2011-04-27")
    # 2023 has April 27 events too; among Bernanke's transcripts the year is 2011
    assert index.resolve("What did Bernanke say on April 27?", END_OF_YEAR).transcripts != tuple(bernanke)
    assert (
        set(index.resolve("What did Bernanke say on April 27?", END_OF_YEAR, among=bernanke).transcripts)
        == bernanke
    )


def test_a_briefing_published_the_next_day_is_found_by_the_day_it_was_given(index, events):
    """2023-11-14's address says november-13; 2023-12-08's title says December 7; a call filed on
    2023-01-23 says "(January 17, 2023)" under its title."""
    nov13 = index.resolve("What did Sullivan say at the November 13 briefing?", END_OF_YEAR)
    assert [e.date for e in _chosen(index, nov13)] == ["2023-11-14"]
    assert "november-13" in _chosen(index, nov13)[0].source_url and nov13.date_from == "2023-11-13"
    dec7 = index.resolve("What did Kirby say on December 7?", END_OF_YEAR)
    assert [e.date for e in _chosen(index, dec7)] == ["2023-12-08"]
    jan17 = index.resolve("What did Ian Sams say on the press call on January 17?", END_OF_YEAR)
    assert [e.id for e in _chosen(index, jan17)] == [
        e.id for e in events if "(January 17, 2023)" in (e.place or "")
    ]


def test_a_day_without_an_event_says_so(index):
    scope = index.resolve("What did she say at the briefing on July 4?", END_OF_YEAR)
    assert scope.empty and scope.transcripts == ()
    assert scope.missing == "There is no briefing on July 4 in the indexed transcripts."
    scope = index.resolve("What did she say on May 2, 2022?", END_OF_YEAR)
    assert scope.missing == "There is no briefing on May 2, 2022 in the indexed transcripts."


def test_a_kind_that_does_not_match_that_day_says_so(index):
    scope = index.resolve("What did she say at the gaggle on May 2?", END_OF_YEAR)
    assert scope.empty and scope.missing == "There is no gaggle on May 2, 2023 in the indexed transcripts."


def test_two_events_of_one_day(index, events):
    scope = index.resolve("What did she say at the briefings on October 31?", END_OF_YEAR)
    assert set(scope.transcripts) == _ids(events, lambda e: e.date == "2023-10-31")
    assert len(scope.transcripts) == 2 and scope.described == "the briefings on October 31, 2023"


# -- months, seasons, years, ranges ------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, start, end",
    [
        ("What did she say in March 2023 about banks?", "2023-03-01", "2023-03-31"),
        ("What did she say about banks in March?", "2023-03-01", "2023-03-31"),
        ("What did Bernanke say in 2011?", "2011-01-01", "2011-12-31"),
        ("What did Yellen say in 2015 about rates?", "2015-01-01", "2015-12-31"),
        ("What was said during 2022?", "2022-01-01", "2022-12-31"),
        ("What did she say in the summer of 2023?", "2023-06-01", "2023-08-31"),
        ("What did she say between March and May 2023?", "2023-03-01", "2023-05-31"),
        ("What did she say from May 1 to May 5?", "2023-05-01", "2023-05-05"),
        ("What did she say about Gaza since November?", "2023-11-01", "2023-12-31"),
        ("What did she say at the end of March?", "2023-03-01", "2023-03-31"),
        ("What did Kirby say about Ukraine the week of March 15?", "2023-03-13", "2023-03-19"),  # Monday to Sunday
        ("What did she say about the strike last fall?", "2023-09-01", "2023-11-30"),  # the fall just past
    ],
)
def test_periods(index, events, question, start, end):
    scope = index.resolve(question, END_OF_YEAR)
    assert set(scope.transcripts) == _ids(events, _between(start, end))
    assert (scope.date_from, scope.date_to) == _envelope(scope, index, start, end)


def test_the_week_of_a_day_only_a_leap_year_has(index):
    """The latest February with a briefing is 2023's, which has no 29th: the week is of the latest year
    that has one, and the answer says no briefing fell in it (it raised ValueError before)."""
    scope = index.resolve("What did she say the week of February 29?", END_OF_YEAR)
    assert (scope.date_from, scope.date_to) == ("2020-02-24", "2020-03-01")
    assert scope.missing == "There is no briefing in the week of February 29, 2020 in the indexed transcripts."


@pytest.mark.parametrize(
    "question, today, start, end",
    [
        ("What did she say at the May briefings?", END_OF_YEAR, "2023-05-01", "2023-05-31"),
        ("What did Kirby say at last week's briefing?", FRIDAY, "2023-12-11", "2023-12-17"),
        ("What did she say at the 2023 briefings about Gaza?", END_OF_YEAR, "2023-01-01", "2023-12-31"),
    ],
)
def test_a_period_with_a_kind(index, events, question, today, start, end):
    scope = index.resolve(question, today)
    assert (
        set(scope.transcripts)
        == _ids(events, lambda e: _between(start, end)(e) and "Briefing" in e.title)
        != set()
    )


def test_the_period_next_to_the_event_word_is_the_briefings(index, events):
    thursday = date(2023, 12, 21)
    scope = index.resolve(
        "What did she say about the ceasefire that began last week at today's briefing?", thursday
    )
    assert (
        set(scope.transcripts)
        == _ids(events, lambda e: e.date == "2023-12-21" and "Briefing" in e.title)
        != set()
    )
    scope = index.resolve("What did he say in May about the rate hike in June?", END_OF_YEAR)
    assert (scope.date_from, scope.date_to) == ("2023-05-01", "2023-05-31")
    listed = index.resolve("What did she say at the May 2 and May 3 briefings?", END_OF_YEAR)
    assert set(listed.transcripts) == _ids(events, lambda e: e.date in ("2023-05-02", "2023-05-03"))
    assert listed.described == "the briefings on May 2, 2023 and on May 3, 2023"


def test_a_month_takes_its_year_from_the_speakers_transcripts(index, events):
    powell = {e.id for e in events if e.date in ("2020-03-15", "2022-06-15")}
    scope = index.resolve("What did Powell say in March?", END_OF_YEAR, among=powell)
    assert [e.date for e in _chosen(index, scope)] == [
        "2020-03-15"
    ] and scope.described == "the briefing in March 2020"


def test_period_wording(index):
    assert (
        index.resolve("What did she say in March 2023?", END_OF_YEAR).described
        == "the briefings in March 2023"
    )
    assert index.resolve("What did Bernanke say in 2011?", END_OF_YEAR).described == "the briefing in 2011"
    before = index.resolve("What did the Fed chair say before 2020?", END_OF_YEAR)
    assert before.date_from is None and before.described == "the briefings before 2020"


# -- relative to today -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, start, end",
    [
        ("What did she say yesterday?", "2023-12-21", "2023-12-21"),
        ("What did she say today about Venezuela?", "2023-12-22", "2023-12-22"),
        ("What did Kirby say last week?", "2023-12-11", "2023-12-17"),
        ("What did she say this week?", "2023-12-18", "2023-12-22"),
        ("What did she say about Ukraine two weeks ago?", "2023-12-04", "2023-12-10"),
        ("What did she say last month?", "2023-11-01", "2023-11-30"),
        ("What did she say in the past three days?", "2023-12-19", "2023-12-22"),
        ("What did she say on Monday?", "2023-12-18", "2023-12-18"),
        ("What did they say last Wednesday?", "2023-12-20", "2023-12-20"),
        ("What did she say about Israel this month?", "2023-12-01", "2023-12-22"),
    ],
)
def test_relative_dates(index, events, question, start, end):
    scope = index.resolve(question, FRIDAY)
    assert set(scope.transcripts) == _ids(events, _between(start, end)) != set()
    assert (scope.date_from, scope.date_to) == _envelope(scope, index, start, end)


def test_relative_dates_follow_today(index, events):
    scope = index.resolve("What did she say last month?", date(2023, 6, 5))
    assert set(scope.transcripts) == _ids(events, _between("2023-05-01", "2023-05-31"))
    assert scope.described == "the briefings last month (May 1 to 31, 2023)"
    nothing = index.resolve("What did she say yesterday?", END_OF_YEAR)
    assert nothing.missing == "There is no briefing yesterday (December 30, 2023) in the indexed transcripts."


# -- ordinals ----------------------------------------------------------------------------------------


def _first(events, keep):
    return min((e for e in events if keep(e)), key=lambda e: (e.date, e.id)).id


def _last(events, keep):
    return max((e for e in events if keep(e)), key=lambda e: (e.date, e.id)).id


def test_ordinals(index, events):
    briefing = lambda e: "Briefing" in e.title
    first = index.resolve("What did she say at the first briefing of 2023?", END_OF_YEAR)
    assert first.transcripts == (_first(events, lambda e: briefing(e) and e.date >= "2023"),)
    assert first.described == "the first briefing in 2023"
    conference = index.resolve("What was said at the last press conference of the year?", END_OF_YEAR)
    assert conference.transcripts == (
        _last(events, lambda e: "Press Conference" in e.title and e.date >= "2023"),
    )
    gaggles = sorted(e.id for e in events if "Gaggle" in e.title and e.date.startswith("2023-08"))
    assert index.resolve("What was said at the second gaggle in August?", END_OF_YEAR).transcripts == (
        gaggles[1],
    )
    latest = index.resolve("What did she say at the latest briefing?", END_OF_YEAR)
    assert latest.transcripts == (_last(events, briefing),)
    recent = index.resolve("What did Kirby say at the most recent gaggle?", FRIDAY)
    assert recent.transcripts == (_last(events, lambda e: "Gaggle" in e.title and e.date <= "2023-12-22"),)


def test_ordinals_count_within_the_speakers_transcripts(index, events):
    hers = {e.id for e in events if "Jean-Pierre" in e.title}
    scope = index.resolve("What did she say at her last briefing?", END_OF_YEAR, among=hers)
    assert scope.transcripts == (_last(events, lambda e: e.id in hers and "Briefing" in e.title),)
    powell = {e.id for e in events if e.date in ("2020-03-15", "2022-06-15")}
    scope = index.resolve("What did Powell say at his first press conference?", END_OF_YEAR, among=powell)
    assert [e.date for e in _chosen(index, scope)] == ["2020-03-15"]
    # "briefing" is loose: Powell gave press conferences, so his first briefing is the same one
    assert (
        index.resolve("Powell's first briefing", END_OF_YEAR, among=powell).transcripts == scope.transcripts
    )


def test_an_ordinal_past_the_end_says_how_many(index, events):
    scope = index.resolve("What was said at the tenth gaggle in August?", END_OF_YEAR)
    count = len(_ids(events, lambda e: "Gaggle" in e.title and e.date.startswith("2023-08")))
    assert scope.empty
    assert (
        scope.missing
        == f"The indexed transcripts hold only {count} gaggles in August 2023: there is no tenth one."
    )


def test_events_of_one_day_are_ordered_by_start_time(index, events):
    calls = sorted((e for e in events if e.date == "2023-01-23"), key=lambda e: e.id, reverse=True)
    assert [e.started[:5] for e in calls] == ["12:38", "4:20 "]  # the "-2" file is the earlier call
    scope = index.resolve("the first press call on January 23", END_OF_YEAR)
    assert scope.transcripts == (calls[0].id,)
    assert index.resolve("the second press call on January 23", END_OF_YEAR).transcripts == (calls[1].id,)


# -- places, trips, guests ---------------------------------------------------------------------------


def _place(text):
    return lambda e: text in (e.place or "")


@pytest.mark.parametrize(
    "question, keep",
    [
        ("What did Kirby say at the gaggle en route to Hanoi?", _place("Hanoi")),
        ("What did she say at the Hanoi gaggle?", _place("Hanoi")),
        ("What did Sullivan say aboard Air Force One?", _place("Air Force One")),
        ("What did she say aboard Air Force One en route to Maine?", _place("Maine")),
        ("What did Biden say in Hiroshima?", _place("Hiroshima")),
        ("In Hiroshima, what did the President say about China?", _place("Hiroshima")),
        (
            "What did the press secretary say at the briefing in Hiroshma?",
            lambda e: "Hiroshima" in (e.place or "") and "Briefing" in e.title,
        ),
        ("What did Sullivan say at Camp David?", _place("Camp David")),
        (
            "What did Kishida say at the Camp David press conference?",
            lambda e: "Camp David" in e.title and "Conference" in e.title,
        ),
        (
            "What did she say at the briefing with the Education Secretary?",
            lambda e: "Secretary of Education" in e.title,
        ),
        (
            "What did she say at the briefing with the Homeland Security Secretary?",
            lambda e: "Secretary of Homeland Security" in e.title and "Briefing" in e.title,
        ),
        (
            "What did Biden say at the press conference with Zelensky?",
            lambda e: "Zelenskyy" in e.title and "Conference" in e.title,
        ),
        (
            "What did Olivia Dalton say at the briefing with Lael Brainard?",
            lambda e: "Lael Brainard" in e.title and "Briefing" in e.title,
        ),
        (
            "What did Jason Sudeikis say at the briefing with the Ted Lasso cast?",
            lambda e: "Ted Lasso" in e.title,
        ),
        (
            "What did they say on the background call on Sudan?",
            lambda e: "Sudan" in e.title and "Background" in e.title,
        ),
        (
            "What did she say at the gaggle aboard Air Force One on May 10?",
            lambda e: e.date == "2023-05-10" and "Gaggle" in e.title,
        ),
        ("What did Sullivan say in Mexico City?", _place("Mexico City")),
        ("What did Biden say at the joint press conference with Trudeau?", lambda e: "Trudeau" in e.title),
        (
            "What did Biden say at the G7 press conference in Hiroshima?",
            lambda e: "Hiroshima" in (e.place or "") and "Conference" in e.title,
        ),
    ],
)
def test_event_words_match_titles_and_places(index, events, question, keep):
    scope = index.resolve(question, END_OF_YEAR)
    assert set(scope.transcripts) == _ids(events, keep) != set()


def test_role_word_order_and_spelling(index, events):
    """A role in another spelling: "national security adviser" is the titles' "National Security Advisor"."""
    scope = index.resolve("What did she say at the briefing with the national security adviser?", END_OF_YEAR)
    chosen = _chosen(index, scope)
    assert _ids(
        events, lambda e: "National Security Advisor Jake Sullivan" in e.title and "Briefing" in e.title
    ) <= set(scope.transcripts)
    assert all("National Security Advisor" in e.title and "Briefing" in e.title for e in chosen)


def test_a_guest_who_never_came_says_so(index, events):
    """No 2023 briefing had the Energy Secretary; "Press Secretary ... Clean Energy" is not one."""
    assert any("Energy" in e.title and "Press Secretary" in e.title for e in events)
    scope = index.resolve("What did she say at the briefing with the Energy Secretary?", END_OF_YEAR)
    assert scope.empty
    assert scope.missing == "There is no briefing with the Energy Secretary in the indexed transcripts."
    scope = index.resolve("What did she say at the briefing with Jennifer Granholm?", END_OF_YEAR)
    assert scope.empty and "with Jennifer Granholm" in scope.missing


def test_an_event_the_speaker_was_not_at(index, events):
    kirby = {e.id for e in events if "Kirby" in e.title}
    hanoi = _ids(events, _place("Hanoi"))
    assert not hanoi & kirby
    scope = index.resolve("What did Kirby say at the gaggle en route to Hanoi?", END_OF_YEAR, among=kirby)
    assert scope.empty and set(scope.outside) == hanoi
    assert scope.missing == "The gaggle en route to Hanoi (2023-09-10) is not among the transcripts searched."
    alone = index.resolve("What did Kirby say at the gaggle en route to Hanoi?", END_OF_YEAR)
    assert set(alone.transcripts) == hanoi and alone.outside == ()


def test_a_place_before_the_kind_is_named_once(index, events):
    scope = index.resolve("What did Mayorkas say at the El Paso gaggle?", END_OF_YEAR)
    assert (
        set(scope.transcripts) == _ids(events, _place("El Paso")) and scope.described == "the El Paso gaggle"
    )


def test_event_spans_leave_the_topic(index):
    question = "What did Kirby say about Israel at the gaggle en route to Tel Aviv?"
    scope = index.resolve(question, END_OF_YEAR)
    assert len(scope.transcripts) == 1 and topic_of(question, list(scope.spans)) == "Kirby Israel"


def test_people_field_matches_guests_not_in_the_title(events):
    """The catalog's speakers (Event.people) name guests a title leaves out."""
    feb6 = next(e for e in events if e.date == "2023-02-06")
    assert "Deese" not in feb6.title
    with_people = [
        Event(e.id, e.title, e.date, e.place, e.source_url, ("Brian Deese",) if e is feb6 else ())
        for e in events
    ]
    scope = resolve_time("What did Deese say at the briefing with Brian Deese?", with_people, END_OF_YEAR)
    assert scope.transcripts == (feb6.id,)


_WORDS = (
    "May 2nd 5/29 Feb 29 30 2023 2030 of on in at since between and to the her first last latest week's "
    "yesterday ago two weeks March briefing gaggle press call with aboard en route Hanoi Energy Secretary , ?"
).split()


@given(st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_a_well_formed_scope(index, events, text):
    hers = {e.id for e in events if "Jean-Pierre" in e.title}
    scope = index.resolve(text, date(2024, 3, 1), among=hers)
    assert scope.transcripts is None or set(scope.transcripts) <= hers
    assert all(0 <= a < b <= len(text) for a, b in scope.spans) and list(scope.spans) == sorted(scope.spans)
    assert (scope.missing is not None) == scope.empty


def test_february_29_without_a_year(index):
    scope = index.resolve("What did she say on February 29?", date(2023, 12, 31))
    assert scope.missing == "There is no briefing on February 29 in the indexed transcripts."
    assert scope.date_from == "2020-02-29"


def test_a_bad_event_date_names_the_event():
    with pytest.raises(ValueError, match="'x'.*2023-13-01"):
        TimeIndex([Event("x", "Press Briefing", "2023-13-01")])


def test_a_date_chooses_and_a_guest_phrase_only_narrows(index, events):
    """A date names the event more surely than a reporter's description of its guest does: a phrase that
    fits none of the day's events ("outgoing NEC director", with the title not naming him) leaves the day's."""
    feb6 = _ids(events, lambda e: e.date == "2023-02-06" and "Briefing" in e.title)
    scope = index.resolve("At the Feb. 6 briefing with outgoing NEC director Brian Deese, how did he describe it?", END_OF_YEAR)
    assert set(scope.transcripts) == feb6 and len(feb6) == 1
    # the words of a phrase need not sit in one run of the title: the OMB director and the CEA chair
    both = _ids(events, lambda e: "OMB Director" in e.title and "CEA Chair" in e.title and "Briefing" in e.title)
    scope = index.resolve("What did she say at the briefing with the OMB director and the CEA chair?", END_OF_YEAR)
    assert both and set(scope.transcripts) == both


def test_a_speakers_name_is_no_event_phrase(index, events):
    """'At John Kirby's first briefing of 2023': his name says whose briefings count, not where it was."""
    kirby = _ids(events, lambda e: "Kirby" in e.title)
    first = min((e for e in events if e.id in kirby and "Briefing" in e.title), key=lambda e: e.date)
    question = "At John Kirby's first White House briefing of 2023, what did he say?"
    named = [(question.index("John"), question.index("Kirby") + len("Kirby"))]
    scope = index.resolve(question, END_OF_YEAR, among=kirby, named=named)
    assert scope.transcripts == (first.id,)
