import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_file
from ingest.draft import UNKNOWN_SPEAKER
from ingest.formats.csvfmt import parse_csv
from ingest.reading import Source

FOMC = "fomc_csv_sentences/FOMCpresconf20220615.csv"
# Reporters who ask without a "?" in most of their turns; Chair Powell answers each of them.
QUIET_ASKERS = {"Matthew Boesler", "Evan Ryser", "Mark Hamrick"}


def source(text: str) -> Source:
    return Source(Path("t.csv"), text.encode())


@pytest.fixture(scope="module")
def fomc(corpus):
    return parse_file(corpus / FOMC)


def test_fomc_turns(fomc, corpus):
    rows = list(csv.DictReader((corpus / FOMC).open(newline="", encoding="utf-8")))
    assert len(rows) == 505
    assert fomc.format == "csv"
    assert len(fomc.turns) == 70
    assert fomc.date == "2022-06-15"
    # every sentence is in its turn, in order, and no turn holds two speakers' rows
    assert " ".join(t.text for t in fomc.turns) == " ".join(r["sentence"].strip() for r in rows)
    assert all(a.speaker != b.speaker for a, b in zip(fomc.turns, fomc.turns[1:]))
    assert fomc.turns[0].text.startswith("Good afternoon. I will begin with one overarching message:")
    assert fomc.turns[2].text.startswith("Thank you. Howard Schneider with Reuters. Two related")


def test_fomc_kinds(fomc):
    by_speaker = {}
    for turn in fomc.turns:
        by_speaker.setdefault(turn.speaker, set()).add(turn.kind)
    assert fomc.turns[0].speaker == "Chair Powell" and fomc.turns[0].kind == "remark"
    assert by_speaker["Michelle Smith"] == {"moderator"}
    assert by_speaker["Chair Powell"] == {"remark", "answer"}
    assert (fomc.turns[2].speaker, fomc.turns[2].kind, fomc.turns[2].role) == (
        "Howard Schneider", "question", "Reuters",
    )
    assert (fomc.turns[3].kind, fomc.turns[3].reply_to) == ("answer", 2)
    timiraos = [t for t in fomc.turns if t.speaker == "Nick Timiraos"]
    assert [t.kind for t in timiraos] == ["question", "question"]
    # He gives no outlet in this conference ("Thanks. Nick Timiraos. Chair Powell, ..."): no role.
    assert timiraos[0].text.startswith("Thanks. Nick Timiraos. Chair Powell,")
    assert timiraos[0].role is None


def test_fomc_every_reporter_asks(fomc):
    reporters = {t.speaker for t in fomc.turns} - {"Chair Powell", "Michelle Smith"}
    assert QUIET_ASKERS <= reporters
    assert all(t.kind == "question" for t in fomc.turns if t.speaker in reporters)
    # each answer replies to the question just before it
    for turn in fomc.turns[1:]:
        if turn.speaker == "Chair Powell":
            assert turn.reply_to == turn.index - 1


def test_fomc_outlets(fomc):
    first_role = {}
    for turn in fomc.turns:
        if turn.kind == "question":
            first_role.setdefault(turn.speaker, turn.role)
    assert first_role["Jeanna Smialek"] == "The New York Times"  # "with the New York Times"
    assert first_role["Michael McKee"] == "Bloomberg Radio and Television"  # label MICHAEL MCKEE
    liesman = [t.role for t in fomc.turns if t.speaker == "Steve Liesman"]
    assert liesman == ["CNBC", "CNBC"]  # the follow-up keeps the outlet


def test_header_names_any_case_and_order():
    text = "Text,id,SPEAKER\nHello there.,0,ANNA\nSecond line.,1,ANNA\n\nAnd you?,2,BEN\n"
    turns = parse_csv(source(text)).turns
    assert [(t.speaker, t.text, t.line) for t in turns] == [
        ("ANNA", "Hello there. Second line.", 2),
        ("BEN", "And you?", 5),
    ]


def test_quoted_newlines_and_missing_speaker():
    text = (
        ',speaker,sentence\n0,,"Opening, with a comma."\n'
        '1,ANNA,"Two\nlines."\n2,,Still Anna.\n3,BEN,Hi.\n'
    )
    turns = parse_csv(source(text)).turns
    assert [(t.speaker, t.text, t.line) for t in turns] == [
        (UNKNOWN_SPEAKER, "Opening, with a comma.", 2),
        ("ANNA", "Two\nlines. Still Anna.", 3),
        ("BEN", "Hi.", 6),  # after a row that spans lines 3-4
    ]


@pytest.mark.parametrize(
    "text, line, reason",
    [
        (",name,sentence\n0,A,Hi.\n", 1, "(or text) column; found '', 'name', 'sentence'"),
        ("speaker\nA\n", 1, "needs a speaker and a sentence"),
        ("speaker,sentence\nA,Hi.\nB\n", 3, "row has 1 columns, the header names 2"),
        ("speaker,sentence\n\n", None, "no rows with a sentence"),
        ('speaker,sentence\nA,"Hi.\nB,Bye.\n', 2, "unreadable CSV row: unexpected end of data"),
        ('speaker,sentence\nA,Hi.\nB,"Bye" now\n', 3, "unreadable CSV row: ',' expected after '\"'"),
    ],
)
def test_errors(text, line, reason):
    with pytest.raises(IngestError) as err:
        parse_csv(source(text))
    assert err.value.line == line
    assert reason in err.value.reason


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", ",speaker,sentence\n", "Speaker,Text\n", "speaker\n"]),
    st.text(alphabet=st.sampled_from(list(',"\n\r \tab1é\x00')), max_size=80),
)
def test_any_csv_text_raises_only_ingest_error(header, body):
    try:
        parse_csv(source(header + body))
    except IngestError:
        pass
