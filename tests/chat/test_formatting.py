"""How citations are printed: the attribution line a newsroom's style guide prints."""

from types import SimpleNamespace

from chat.contract import Citation
from chat.formatting import attribution_line, long_date

PSAKI_URL = "https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2021/07/16/press-briefing-by-press-secretary-jen-psaki-july-16-2021/"


def _citation(**changes) -> Citation:
    fields = dict(
        n=1, transcript_id="t", transcript_title="Press Briefing by Press Secretary Jen\u00a0Psaki, July 16,\u00a02021",
        date="2021-07-16", speaker="Jen Psaki", role="White House Press Secretary", kind="answer", turn_index=4,
        timestamp=None, start=None, end=None, quote="We’re flagging problematic posts.", source_url=PSAKI_URL,
    )  # fmt: skip
    return Citation(**fields | changes)


def test_the_line_has_name_role_event_one_date_and_the_link():
    assert _citation().attribution == (
        '"We’re flagging problematic posts." — Jen Psaki, White House Press Secretary, Press Briefing by Press '
        f"Secretary Jen Psaki, July 16, 2021. {PSAKI_URL}"
    )  # the title's date is not printed twice, its NBSPs are plain spaces


def test_a_date_the_title_lacks_is_printed_and_so_is_the_time():
    cite = _citation(
        transcript_title="State Council Information Office press conference", date="2024-04-26",
        speaker="Chen Shaobo", role="Member of the Standing Committee and Executive Vice Governor",
        timestamp="2024-04-26T10:27:15", quote="To revitalize Heilongjiang, talent is the key.", source_url=None,
    )  # fmt: skip
    assert cite.attribution == (
        '"To revitalize Heilongjiang, talent is the key." — Chen Shaobo, Executive Vice Governor, '
        "State Council Information Office press conference, April 26, 2024, at 10:27:15."
    )
    offset = _citation(transcript_title="Daily briefing", date="2024-05-01", start=9.1, end=14.7, source_url=None)
    assert offset.attribution.endswith("Daily briefing, May 1, 2024, at 0:09 into the recording.")


def test_interpreted_words_say_so():
    fields = _citation().model_dump() | {"interpreted": True}
    line = attribution_line(SimpleNamespace(**fields))
    assert line.startswith('"We’re flagging problematic posts." (as interpreted) — Jen Psaki, ')


def test_the_attribution_travels_with_the_citation():
    dumped = _citation().model_dump()
    assert dumped["attribution"] == _citation().attribution
    assert Citation(**dumped) == _citation()  # read back, the line is recomputed, not a stale field
    assert long_date("2024-04-26") == "April 26, 2024" and long_date(None) == ""
