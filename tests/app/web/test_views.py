"""The UI's views without a browser: the templates escape whatever a transcript or a question holds."""

from __future__ import annotations

from chat.check import CheckResult
from chat.contract import Answer, Citation
from ingest import Transcript, Turn

EVIL = '<script>alert("x")</script>'


def _transcript() -> Transcript:
    turns = [
        Turn(index=0, speaker=EVIL, label="Q", kind="question", text=f"Is {EVIL} a question?"),
        Turn(index=1, speaker="Ms. O'Hara", label="MS. O'HARA:", role=EVIL, kind="answer", text=f"It is {EVIL}.", reply_to=0),
    ]
    return Transcript(id="t<1>", title=EVIL, date="2024-05-01", source="x.md", format="script", turns=turns)


def _citation(t: Transcript, turn: Turn) -> Citation:
    return Citation(
        n=1, transcript_id=t.id, transcript_title=t.title, date=t.date, speaker=turn.speaker, role=turn.role,
        kind=turn.kind, turn_index=turn.index, timestamp=None, start=None, end=None, quote=turn.text,
    )  # fmt: skip


def test_every_view_escapes_what_the_transcript_and_the_question_hold():
    from app.web.check import check_html
    from app.web.overview import overview_html
    from app.web.timeline import timeline_svg
    from app.web.views import sources_html, transcript_html

    t = _transcript()
    cite = _citation(t, t.turns[1])
    answer = Answer(question=EVIL, answer="x", refused=False, unsupported=[EVIL], citations=[cite])
    check = CheckResult(
        quote=EVIL, verdict="misattributed", speaker_named=EVIL, said_by="x", score=90.0, message=EVIL,
        citations=[cite], diff=[], nearest=[],
    )  # fmt: skip
    pages = [
        sources_html(answer, {t.id: t}, EVIL), transcript_html(t, 1, {1: [cite]}), overview_html(t),
        timeline_svg(t, {1}), check_html(check, {t.id: t}),
    ]  # fmt: skip
    for html in pages:
        assert "<script" not in html and "&lt;script&gt;" in html, html
    assert 'data-transcript="t&lt;1&gt;"' in pages[0]  # attribute values too


def test_typed_dates_are_read_or_refused_in_words():
    import pytest

    from app.web.dates import parse_date

    for typed in ["2024-04-26", "26/04/2024", "4/26/2024", "26.04.2024", "April 26, 2024", "26 April 2024", " 2024-4-26 "]:
        assert parse_date(typed, "From") == "2024-04-26", typed
    assert parse_date("", "From") is None and parse_date(None, "To") is None
    refused = {
        "04/05/2024": "could be 4 May or 5 April", "2024-02-30": "does not exist", "31/02/2024": "does not exist",
        "April 2024": "needs a day, a month and a year", "next week": "is not understood",
    }  # fmt: skip
    for typed, reason in refused.items():
        with pytest.raises(ValueError, match=f"The To date “{typed}” {reason}"):
            parse_date(typed, "To")
