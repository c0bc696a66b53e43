"""The live-blog parser, on the user's SCIO sample and on small synthetic pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_file
from ingest.draft import UNKNOWN_SPEAKER
from ingest.formats.liveblog import parse_liveblog
from ingest.reading import Source

XIE_ROLE = (
    "Deputy Director and Spokesperson of the Information Bureau of the State Council "
    "Information Office"
)


@pytest.fixture(scope="module")
def sample(sample_path):
    return parse_file(sample_path)


def _parse(tmp_path: Path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path, format="liveblog")


# --- the sample -------------------------------------------------------------------------------


def test_sample_is_detected_and_deduplicated_to_eleven_turns(sample):
    assert sample.format == "liveblog"
    assert len(sample.turns) == 11
    first, last = sample.turns[0], sample.turns[-1]
    assert (first.speaker, first.timestamp) == ("Xie Yingjun", "2024-04-26T10:00:59")
    assert (last.speaker, last.timestamp) == ("Yu Jian", "2024-04-26T10:28:46")


def test_a_stamp_belongs_to_the_entry_above_it(sample):
    chen = [t for t in sample.turns if t.speaker == "Chen Shaobo"]
    assert [t.timestamp for t in chen] == ["2024-04-26T10:27:15"]
    assert chen[0].text.startswith("Thank you for your attention and support")


def test_full_and_bare_headers_are_one_speaker_with_the_role_kept(sample):
    xie = [t for t in sample.turns if t.speaker == "Xie Yingjun"]
    assert [t.label for t in xie] == [f"Xie Yingjun, {XIE_ROLE}", "Xie Yingjun"]
    assert [t.role for t in xie] == [XIE_ROLE, XIE_ROLE]


def test_reporters_ask_with_their_outlet_as_role(sample):
    questions = [(t.speaker, t.role) for t in sample.turns if t.kind == "question"]
    assert questions == [
        ("CCTV reporter", "CCTV"),
        ("Southern Metropolis Daily reporter", "Southern Metropolis Daily"),
        ("Xinhua News Agency reporter", "Xinhua News Agency"),
    ]


def test_kinds_and_replies(sample):
    # Liang hands the second question to Chen: both answer it, and Chen is no moderator.
    assert [(t.speaker, t.kind, t.reply_to) for t in sample.turns] == [
        ("Xie Yingjun", "moderator", None),
        ("Liang Huiling", "remark", None),
        ("Xie Yingjun", "moderator", None),
        ("CCTV reporter", "question", None),
        ("Liang Huiling", "answer", 3),
        ("Southern Metropolis Daily reporter", "question", None),
        ("Liang Huiling", "answer", 5),
        ("Chen Shaobo", "answer", 5),
        ("Xinhua News Agency reporter", "question", None),
        ("Liang Huiling", "answer", 8),
        ("Yu Jian", "answer", 8),
    ]


def test_title_date_and_iso_stamps(sample):
    # "The State Council Information Office held a series of press conferences with the theme ..."
    assert sample.title == "State Council Information Office press conference"
    assert sample.id == "2024-04-26-state-council-information-office-press-conference"
    assert sample.date == "2024-04-26"
    iso = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
    assert all(iso.fullmatch(t.timestamp) for t in sample.turns)


def test_paragraphs_are_kept_verbatim(sample, sample_path):
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    opening = [line for line in lines[22:39] if line.strip()]  # Liang Huiling's lines 23-39
    assert sample.turns[1].text == "\n\n".join(opening)
    assert "“three bases, one barrier and one highland”" in sample.turns[1].text


def test_prose_ending_in_a_colon_is_not_a_header(tmp_path):
    # In the sample this sentence sits mid-paragraph; here it stands alone, shaped like a header.
    page = (
        "Yu Jian, Vice Governor:\n\nIndeed.\n\nWe focus on three aspects in practical work:\n\n"
        "First, ecology.\n\n2024-04-26 10:28:46\n"
    )
    turns = _parse(tmp_path, page).turns
    assert [t.speaker for t in turns] == ["Yu Jian"]
    assert turns[0].text == (
        "Indeed.\n\nWe focus on three aspects in practical work:\n\nFirst, ecology."
    )


@pytest.mark.parametrize(
    "chrome",
    ["PREV", "NEXT ", "Tags:", "photo by", "Live broadcast", "Breaking news", "in Chinese"],
)
def test_page_chrome_is_dropped(sample, chrome):
    assert not [t.index for t in sample.turns if chrome in t.text]


# --- synthetic pages --------------------------------------------------------------------------


def test_an_entry_printed_twice_in_two_wordings_is_kept_once(tmp_path):
    page = (
        "Mao Ning, Spokesperson:\n\nWe have taken note of the reports and will verify them.\n\n"
        "2024-05-06 15:00:10\n\n"
        "Mao Ning, Spokesperson:\n\nWe have taken note of these reports and will verify them.\n\n"
        "2024-05-06 15:00:10\n"
    )
    turns = _parse(tmp_path, page).turns
    assert [t.text for t in turns] == ["We have taken note of the reports and will verify them."]


def test_the_same_words_at_another_time_are_not_a_duplicate(tmp_path):
    page = (
        "Mao Ning:\n\nNext question.\n\n2024-05-06 15:00\n\n"
        "Mao Ning:\n\nNext question.\n\n2024-05-06 15:04\n"
    )
    assert len(_parse(tmp_path, page).turns) == 2


def test_text_between_stamps_without_a_header_continues_the_speaker(tmp_path):
    page = (
        "Wang Wenbin:\n\nFirst part.\n\n2024-05-06 15:00:10\n\n"
        "Second part.\n\n2024-05-06 15:01:20\n\n"
        "Share this article\n"
    )
    turns = _parse(tmp_path, page).turns
    assert [(t.speaker, t.text, t.timestamp) for t in turns] == [
        ("Wang Wenbin", "First part.", "2024-05-06T15:00:10"),
        ("Wang Wenbin", "Second part.", "2024-05-06T15:01:20"),
    ]


def test_stamps_without_seconds_and_fullwidth_colons(tmp_path):
    page = "Bloomberg correspondent：\n\nA question?\n\n2024-05-06 9:05\n"
    turn = _parse(tmp_path, page).turns[0]
    assert (turn.speaker, turn.role) == ("Bloomberg correspondent", "Bloomberg")
    assert turn.kind == "question"
    assert turn.timestamp == "2024-05-06T09:05:00"


def test_a_page_without_headers_falls_back_to_unknown_speakers(tmp_path):
    page = (
        "One paragraph.\n\nAnother.\n\n2024-05-06 15:00\n\n"
        "A third.\n\n2024-05-06 15:02\n\nFooter\n"
    )
    transcript = _parse(tmp_path, page)
    assert [(t.speaker, t.text, t.timestamp) for t in transcript.turns] == [
        (UNKNOWN_SPEAKER, "One paragraph.", "2024-05-06T15:00:00"),
        (UNKNOWN_SPEAKER, "Another.", "2024-05-06T15:00:00"),
        (UNKNOWN_SPEAKER, "A third.", "2024-05-06T15:02:00"),
    ]
    assert any("no speaker headers" in w for w in transcript.warnings)


def test_an_impossible_stamp_is_an_error_with_its_line(tmp_path):
    with pytest.raises(IngestError) as caught:
        _parse(tmp_path, "Li Qiang:\n\nHello.\n\n2024-02-30 10:00:00\n")
    assert caught.value.line == 5


def test_a_page_with_no_stamped_speech_is_an_error(tmp_path):
    with pytest.raises(IngestError, match="no live-blog entries"):
        _parse(tmp_path, "Li Qiang:\n\nHello.\n")


_SHAPED_LINES = st.sampled_from(
    [
        "", ":", "：", "Xie Yingjun:", "Xie Yingjun, Spokesperson:", "CCTV reporter:", " reporter:",
        "2024-04-26 10:00:59", "2024-04-26 10:27", "2024-13-45 99:99", "Live broadcast | A title",
        "Live broadcast |", "Tags: a b", "PREV x", "-", "Xie (photo by Li)", "We focus on this:",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SHAPED_LINES, st.text(max_size=40)), max_size=30))
def test_any_text_parses_or_raises_ingest_error(lines):
    source = Source(Path("page.txt"), "\n".join(lines).encode("utf-8"))
    try:
        parse_liveblog(source)
    except IngestError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_parse_or_raise_ingest_error(data):
    try:
        parse_liveblog(Source(Path("page.txt"), data))
    except IngestError:
        pass


def test_headline_that_is_not_about_a_press_conference_is_kept_whole():
    page = "Live broadcast | Governor visits the flood zone\n\nLiang Huiling:\n\nWe are here.\n\n2024-04-26 10:00:00\n"
    draft = parse_liveblog(Source(Path("p.txt"), page.encode()))
    assert draft.title == "Governor visits the flood zone"
