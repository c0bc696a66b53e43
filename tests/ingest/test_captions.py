from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_file, parse_source
from ingest.draft import UNKNOWN_SPEAKER
from ingest.formats.captions import parse_srt, parse_vtt
from ingest.reading import Source


def source(text: str, name: str) -> Source:
    return Source(Path(name), text.encode("utf-8"))


def srt_cues(*texts: str, gap: float = 0.0) -> str:
    """An SRT file of 2-second cues holding the texts, `gap` seconds apart."""
    blocks = []
    for i, text in enumerate(texts):
        start = i * (2 + gap)
        blocks.append(f"{i + 1}\n{_srt_time(start)} --> {_srt_time(start + 2)}\n{text}\n")
    return "\n".join(blocks)


def _srt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def test_vtt_fixture_voice_tags(fixtures):
    t = parse_file(fixtures / "briefing.vtt")
    assert t.format == "vtt"
    assert [turn.speaker for turn in t.turns] == [
        "Moderator", "Jane Doe", "Secretary Alvarez", "Moderator",
    ]
    assert [(turn.start, turn.end) for turn in t.turns] == [
        (1.0, 6.8), (7.5, 10.0), (10.0, 19.25), (19.3, 21.0),
    ]
    # cue 5 has no voice tag: it continues the Secretary's turn; tags and entities are gone
    assert t.turns[2].text == (
        "We expect it to hold. Both sides have agreed to the monitoring mechanism & the timetable. "
        "We will report back on Friday."
    )
    assert t.turns[1].text.endswith("Will the ceasefire hold this week?")
    assert not t.warnings


def test_vtt_fixture_kinds(fixtures):
    t = parse_file(fixtures / "briefing.vtt")
    assert [turn.kind for turn in t.turns] == ["moderator", "question", "answer", "moderator"]
    assert t.turns[1].role == "Associated Press"
    assert t.turns[2].reply_to == 1


def test_srt_fixture_name_prefixes(fixtures):
    t = parse_file(fixtures / "briefing.srt")
    assert t.format == "srt"
    assert [(turn.speaker, turn.label) for turn in t.turns] == [
        ("Moderator", "MODERATOR"), ("Reporter", "Q"), ("Ms. Rivera", "MS. RIVERA"),
        ("Reporter", "Q"), ("Ms. Rivera", "MS. RIVERA"),
    ]
    assert [turn.kind for turn in t.turns] == ["moderator", "question", "answer", "question", "answer"]
    assert [turn.reply_to for turn in t.turns] == [None, None, 1, None, 3]
    assert (t.turns[0].start, t.turns[0].end) == (1.0, 5.0)
    assert t.turns[0].text.endswith("take your questions. Go ahead, Peter.")
    # a colon inside a sentence, or after an ordinary word, names no one
    assert t.turns[1].text == "Thanks. On tariffs: will the President sign the order this week?"
    assert t.turns[2].text.endswith("That decision is final. The timing: we announce it tomorrow.")
    assert (t.turns[2].start, t.turns[2].end) == (9.1, 14.7)


def test_turn_lines_point_at_the_cue_timing(fixtures):
    draft = parse_vtt(source((fixtures / "briefing.vtt").read_text(), "b.vtt"))
    assert [turn.line for turn in draft.turns] == [9, 18, 23, 36]
    draft = parse_srt(source((fixtures / "briefing.srt").read_text(), "b.srt"))
    assert [turn.line for turn in draft.turns] == [2, 11, 16, 25, 29]


@pytest.mark.parametrize(
    "line, speaker",
    [
        ("MS. LEAVITT: Good afternoon.", "MS. LEAVITT"),
        ("Karoline Leavitt: Good afternoon.", "Karoline Leavitt"),
        ("Secretary of State Rubio: Thank you.", "Secretary of State Rubio"),
        (">> REPORTER: Thank you.", "REPORTER"),
        ("Moderator: Next question.", "Moderator"),
        ("Q:", "Q"),
        ("Look: we will act.", None),
        ("The answer is simple: no.", None),
        ("Well, Jane: that is fair.", None),
        ("At 3:00 we begin.", None),
        ("THE PRESIDENT SAID THIS TODAY AGAIN: yes", None),
    ],
)
def test_name_prefix(line, speaker):
    draft = parse_srt(source(srt_cues("MS. FIRST: Hello.", line), "t.srt"))
    expected = speaker or "MS. FIRST"
    assert draft.turns[-1].speaker == expected


def test_several_voices_in_one_cue():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v.first Anna>Is it true?</v>\n<v Ben>It is.\n\n"
        "00:00:03.000 --> 00:00:05.000\n<v Ben>Since Monday.\n"
    )
    turns = parse_vtt(source(text, "t.vtt")).turns
    assert [(t.speaker, t.text, t.start, t.end) for t in turns] == [
        ("Anna", "Is it true?", 1.0, 3.0),
        ("Ben", "It is. Since Monday.", 1.0, 5.0),
    ]


def test_leading_unlabelled_cue_is_unknown_speaker():
    turns = parse_srt(source(srt_cues("Welcome, everyone.", "CHAIR: Let us begin."), "t.srt")).turns
    assert [t.speaker for t in turns] == [UNKNOWN_SPEAKER, "CHAIR"]


def test_no_speakers_split_at_pauses(tmp_path):
    text = (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:02.000\nGood afternoon.\n\n"
        "00:00:02.500 --> 00:00:04.000\nLet me begin.\n\n"  # 0.5 s pause: same turn
        "00:00:06.000 --> 00:00:08.000\nThank you.\n\n"  # 2 s pause: a new turn
        "00:00:08.000 --> 00:00:09.000\n<i>Next.</i>\n"
    )
    path = tmp_path / "nolabels.vtt"
    path.write_text(text)
    t = parse_file(path)
    assert [(turn.speaker, turn.text, turn.start, turn.end) for turn in t.turns] == [
        (UNKNOWN_SPEAKER, "Good afternoon. Let me begin.", 0.0, 4.0),
        (UNKNOWN_SPEAKER, "Thank you. Next.", 6.0, 9.0),
    ]
    assert any("no speaker labels" in w for w in t.warnings)


def test_srt_markup_and_broadcast_markers():
    cue = '{\\an8}<font color="#fff">>> SPEAKER: It&#39;s <b>done</b>.</font>'
    turns = parse_srt(source(srt_cues(cue), "t.srt")).turns
    assert (turns[0].speaker, turns[0].text) == ("SPEAKER", "It's done.")


def test_vtt_after_blank_lines_keeps_line_numbers():
    turns = parse_vtt(source("\n\nWEBVTT\n\n00:01.000 --> 00:02.500\n<v A>Hi.\n", "t.vtt")).turns
    assert [(t.speaker, t.start, t.end, t.line) for t in turns] == [("A", 1.0, 2.5, 5)]


@pytest.mark.parametrize(
    "timing, line, reason",
    [
        ("00:00:03.000 --> 00:00:0X.000", 6, "malformed cue timing '00:00:03.000 --> 00:00:0X.000'"),
        ("00:00:03.000 --> 00:00:04.0001", 6, "malformed cue timing"),
        ("00:00:03.000 --> 00:61:00.000", 6, "malformed cue timing"),  # minute 61
        # webvtt-py skips these two cues without a word; their text must not vanish unnoticed
        ("00:00:03.000 -> 00:00:04.000", 6, "malformed cue timing"),
        ("00:00:03,000 --> 00:00:04,000", 6, "malformed cue timing"),
        ("00:00:05.000 --> 00:00:02.000", 6, "ends before it starts"),
    ],
)
def test_vtt_errors_name_the_line(timing, line, reason):
    text = f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi.\n\n{timing}\nBad.\n"
    with pytest.raises(IngestError) as err:
        parse_vtt(source(text, "bad.vtt"))
    assert err.value.line == line
    assert reason in err.value.reason


def test_vtt_without_cues_or_header():
    with pytest.raises(IngestError, match="no caption cues"):
        parse_vtt(source("WEBVTT\n\nNOTE nothing here\n", "t.vtt"))
    with pytest.raises(IngestError, match="not WebVTT"):
        parse_source(source("1\n00:00:01.000 --> 00:00:02.000\nHi.\n", "t.txt"), format="vtt")


@pytest.mark.parametrize(
    "timing, line, reason",
    [
        ("00:00:02,000 -> 00:00:04,000", 5, "not an SRT cue"),  # the cue block starts at its index
        ("00:00:02,000 --> 00:00:01,000", 6, "ends before it starts"),
        ("00:00:02,000 --> 00:00:0x", 6, "ends before it starts"),  # srt reads 00:00:0 as zero
        ("00:00:02,000 --> 99999999999:00:00,000", 6, "cue timing out of range"),
    ],
)
def test_srt_errors_name_the_line(timing, line, reason):
    text = srt_cues("Hi.", "There.").replace("00:00:02,000 --> 00:00:04,000", timing)
    with pytest.raises(IngestError) as err:
        parse_srt(source(text, "bad.srt"))
    assert err.value.line == line
    assert reason in err.value.reason


_CAPTION_BITS = st.sampled_from([
    "WEBVTT", "", "1", "00:00:01.000 --> 00:00:02.000", "00:00:01,000 --> 00:00:02,000",
    "0:1.5 --> 00:00:00.000 align:start", "99999999999:00:00.000 --> 1:00.000", "-->", "NOTE x",
    "STYLE", "REGION", "id:r1 width:40%", "<v A>Hi</v>", "<v>", "<v.c B C>Yes", "MS. X: Hi", ">>",
    "Q:", "<i>&amp;</i>", "{\\an8}", "00:00:01,000 - > 00:00:00,500",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_CAPTION_BITS, st.text(max_size=30)), max_size=25))
def test_any_caption_text_raises_only_ingest_error(lines):
    text = "\n".join(lines)
    for parse, name in ((parse_vtt, "f.vtt"), (parse_srt, "f.srt")):
        try:
            parse(Source(Path(name), text.encode("utf-8", "surrogatepass")))
        except IngestError:
            pass
