import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_file
from ingest.draft import UNKNOWN_SPEAKER
from ingest.formats.jsonfmt import parse_qmsum, parse_segments
from ingest.reading import Source, read_source

ASR = "asr_segments_json/wh_2025-06-19_leavitt_clipscribe_transcript.json"
QMSUM = [
    "committee_test/covid_4.json", "committee_test/covid_9.json",
    "committee_test/education_13.json", "committee_test/education_17.json",
    "committee_test/education_4.json", "committee_test/education_9.json",
    "committee_val/covid_2.json", "committee_val/covid_6.json",
    "committee_val/education_0.json", "committee_val/education_10.json",
    "committee_val/education_18.json", "committee_val/education_22.json",
]
def source(data, name: str = "t.json") -> Source:
    return Source(Path(name), json.dumps(data).encode())


def seg(start, end, text, speaker=None):
    item = {"start": start, "end": end, "text": text}
    return item | ({"speaker": speaker} if speaker else {})


# --- ASR segments -----------------------------------------------------------------------------


def test_asr_corpus_file(corpus):
    path = corpus / ASR
    raw = json.loads(path.read_text())
    segments = raw["transcript"]["segments"]
    t = parse_file(path)
    assert t.format == "segments"
    assert len(t.turns) == len(segments) == 59
    assert {turn.speaker for turn in t.turns} == {UNKNOWN_SPEAKER}
    assert [(turn.start, turn.end) for turn in t.turns] == [(s["start"], s["end"]) for s in segments]
    assert t.title == "Press Secretary Karoline Leavitt Briefs Members of the Media, June 19, 2025"
    assert t.date == "2025-06-19"
    assert any("no speaker labels" in w for w in t.warnings)
    # The segments overlap by 0.3 s but repeat no words at their edges: nothing may be dropped.
    assert " ".join(turn.text for turn in t.turns) == raw["transcript"]["full_text"]


def test_speakers_merge_consecutive_segments():
    data = {"segments": [
        seg(0.0, 2.0, " Good afternoon.", "SPEAKER_00"),
        seg(2.1, 4.0, " Let's begin.", "SPEAKER_00"),
        seg(4.5, 6.0, " Question on Iran?", "SPEAKER_01"),
        seg(6.2, 9.5, " We are watching it.", "SPEAKER_00"),
        seg(9.6, 11.0, " Closely."),  # no speaker: still SPEAKER_00 talking
    ]}
    draft = parse_segments(source(data))
    assert [(t.speaker, t.text.strip(), t.start, t.end) for t in draft.turns] == [
        ("SPEAKER_00", "Good afternoon. Let's begin.", 0.0, 4.0),
        ("SPEAKER_01", "Question on Iran?", 4.5, 6.0),
        ("SPEAKER_00", "We are watching it. Closely.", 6.2, 11.0),
    ]
    assert not draft.warnings


def test_plain_list_and_numeric_strings():
    draft = parse_segments(source([seg("0", "1.5", "Hello."), seg(1.5, 3, "Again.")]))
    assert [(t.speaker, t.text, t.start, t.end) for t in draft.turns] == [
        (UNKNOWN_SPEAKER, "Hello.", 0.0, 1.5),
        (UNKNOWN_SPEAKER, "Again.", 1.5, 3.0),
    ]


def test_overlap_repetition_dropped_once():
    data = [
        seg(0.0, 30.4, "we will not let Iran have a nuclear weapon"),
        seg(30.0, 60.0, "nuclear weapon. The President has been clear."),  # overlap repeats 2 words
        seg(61.0, 90.0, "clear. And that is the end."),  # a gap, not an overlap: keep every word
    ]
    turns = parse_segments(source(data)).turns
    assert [t.text for t in turns] == [
        "we will not let Iran have a nuclear weapon",
        "The President has been clear.",
        "clear. And that is the end.",
    ]


def test_overlap_between_different_speakers_is_crosstalk():
    data = [seg(0.0, 3.0, "thank you", "A"), seg(2.5, 5.0, "thank you, sir", "B")]
    assert [t.text for t in parse_segments(source(data)).turns] == ["thank you", "thank you, sir"]


def test_merged_speaker_overlap_repetition_dropped():
    data = [seg(0.0, 3.0, "the border is", "A"), seg(2.8, 5.0, "is secure", "A")]
    assert [t.text for t in parse_segments(source(data)).turns] == ["the border is secure"]


def test_metadata_date_must_be_a_date():
    data = {
        "transcript": {"segments": [seg(0, 1, "Hi.")]},
        "metadata": {"title": " ", "published_at": "soon"},
    }
    draft = parse_segments(source(data))
    assert (draft.title, draft.date) == (None, None)


@pytest.mark.parametrize(
    "data, reason",
    [
        ([seg(0, 1, "Hi."), {"start": 1, "end": 2}], "segments[1] has no text"),
        ([seg("abc", 2, "Hi.")], "segments[0]: start is not a number of seconds ('abc')"),
        ([{"start": True, "text": "Hi."}], "segments[0]: start is not a number"),
        ([{"text": "Hi."}], "segments[0]: start is not a number"),
        ([seg(0, "later", "Hi.")], "segments[0]: end is not a number"),
        ([seg(0, 1, "Hi.", 7)], "segments[0]: speaker is not a string"),
        (["Hi."], "segments[0] is not an object"),
        ({"segments": {"0": "Hi."}}, "no segment list"),
        ([], "no segments"),
    ],
)
def test_segment_errors(data, reason):
    with pytest.raises(IngestError) as err:
        parse_segments(source(data))
    assert reason in err.value.reason


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[\n  {"start": 0, "text": "Hi."},\n  {"start": 1 "text": "x"}\n]')
    with pytest.raises(IngestError) as err:
        parse_file(path)
    assert err.value.line == 3


# --- QMSum ------------------------------------------------------------------------------------


def test_qmsum_corpus_is_the_twelve_files(corpus):
    found = sorted(str(p.relative_to(corpus / "qmsum")) for p in (corpus / "qmsum").glob("*/*.json"))
    assert found == sorted(QMSUM)


@pytest.mark.parametrize("name", QMSUM)
def test_qmsum_draft_is_one_turn_per_entry(corpus, name):
    path = corpus / "qmsum" / name
    entries = json.loads(path.read_text())["meeting_transcripts"]
    turns = parse_qmsum(read_source(path)).turns
    assert len(turns) == len(entries)
    for turn, entry in zip(turns, entries):
        assert turn.text == entry["content"]
        assert (turn.label or turn.speaker) == entry["speaker"].strip()
        assert entry["speaker"].startswith(turn.speaker)


@pytest.mark.parametrize("name", QMSUM)
def test_qmsum_transcript_keeps_turn_indices(corpus, name):
    path = corpus / "qmsum" / name
    entries = json.loads(path.read_text())["meeting_transcripts"]
    t = parse_file(path)
    assert t.format == "qmsum"
    assert len(t.turns) == len(entries)
    assert all(turn.label == entry["speaker"].strip() for turn, entry in zip(t.turns, entries))


def test_qmsum_speaker_and_role(corpus):
    t = parse_file(corpus / "qmsum" / "committee_test" / "covid_4.json")
    first = t.turns[0]
    rota = "Hon. Anthony Rota (NipissingTimiskaming, Lib.)"
    assert (first.speaker, first.role, first.label) == ("The Chair", rota, f"The Chair ({rota})")
    chair = [turn for turn in t.turns if turn.label.startswith("The Chair")]
    assert len(chair) > 1 and {turn.speaker for turn in chair} == {"The Chair"}
    # the role printed once carries over to the bare "The Chair" labels
    assert {turn.role for turn in chair} == {rota}
    assert t.title == "covid 4"


def test_qmsum_plain_speaker_has_no_role():
    data = {"meeting_transcripts": [
        {"speaker": "Lynne Neagle AM", "content": "Good morning."},
        {"speaker": "Hon. Bill Blair (Minister of Public Safety)", "content": ""},
        {"speaker": "Lynne Neagle AM", "content": "Thank you."},
    ]}
    turns = parse_qmsum(source(data)).turns
    assert [(t.speaker, t.role, t.text) for t in turns] == [
        ("Lynne Neagle AM", None, "Good morning."),
        ("Hon. Bill Blair", "Minister of Public Safety", ""),
        ("Lynne Neagle AM", None, "Thank you."),  # never merged with the turn two before
    ]


@pytest.mark.parametrize(
    "entries, reason",
    [
        ([], "meeting_transcripts is not a non-empty list"),
        ([{"speaker": "A", "content": "x"}, {"speaker": "B"}], "meeting_transcripts[1] has no content"),
        ([{"speaker": " ", "content": "x"}], "meeting_transcripts[0] has no speaker"),
        (["A: x"], "meeting_transcripts[0] is not an object"),
    ],
)
def test_qmsum_errors(entries, reason):
    with pytest.raises(IngestError) as err:
        parse_qmsum(source({"meeting_transcripts": entries}))
    assert reason in err.value.reason


# --- anything else raises IngestError -------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
    st.sampled_from(["12.5", "nan", "1e999", "-3", "SPEAKER_00"]),
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["start", "end", "text", "speaker", "content", "segments", "transcript",
                         "metadata", "title", "published_at", "meeting_transcripts", "x"]),
        inner,
        max_size=5,
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_json)
def test_any_json_raises_only_ingest_error(data):
    text = json.dumps(data)  # NaN and Infinity too: Python's json reads them back
    for parse in (parse_segments, parse_qmsum):
        try:
            parse(Source(Path("f.json"), text.encode()))
        except IngestError:
            pass


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_raise_only_ingest_error(data):
    for parse in (parse_segments, parse_qmsum):
        try:
            parse(Source(Path("f.json"), data))
        except IngestError:
            pass


def test_qmsum_empty_entry_keeps_its_place(corpus):
    # covid_6 entry 153 (Hon. Bill Morneau) is empty; dropping it would shift every gold span after it.
    transcript = parse_file(corpus / "qmsum/committee_val/covid_6.json")
    assert transcript.turns[153].text == "" and transcript.turns[153].speaker == "Hon. Bill Morneau"
