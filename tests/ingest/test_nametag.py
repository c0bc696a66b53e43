import csv
from itertools import groupby
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_file, parse_source
from ingest.formats.nametag import parse_nametag
from ingest.reading import Source
from ingest.speakers import canonical_name

TXT = "fomc_nametag_txt/FOMCpresconf20220615.txt"
CSV = "fomc_csv_sentences/FOMCpresconf20220615.csv"


def nametag(text: str):
    return parse_nametag(Source(Path("t.txt"), text.encode("utf-8")))


def test_fomc_nametag_agrees_with_the_csv(corpus):
    t = parse_file(corpus / TXT)
    with open(corpus / CSV, encoding="utf-8", newline="") as f:
        expected = [canonical_name(s) for s, _ in groupby(row["speaker"] for row in csv.DictReader(f))]
    assert t.format == "nametag"
    assert len(t.turns) == 70
    assert [x.speaker for x in t.turns] == expected
    assert t.date == "2022-06-15"  # from the file name; the text has none


def test_split_hyphenated_name_is_rejoined(corpus):
    t = parse_file(corpus / TXT)
    nancy = [x for x in t.turns if "Nancy" in x.speaker]
    assert [(x.speaker, x.label) for x in nancy] == [("Nancy Marshall-Genzer", "NANCY MARSHALL-GENZER.")]
    assert nancy[0].text.startswith("Hi, Chair Powell. Nancy Marshall-Genzer with Marketplace.")
    assert not any("GENZER" in x.text or "<NAME>" in x.text for x in t.turns)


def test_turn_text_starts_after_the_label(corpus):
    t = parse_file(corpus / TXT)
    assert t.turns[0].text.startswith("Good afternoon. I will begin")
    assert t.turns[1].text == "Howard."
    assert t.turns[2].text.startswith("Thank you. Howard Schneider with Reuters.")


def test_small_inputs():
    t = nametag("Intro. <NAME>MR. A</NAME>: Hello.\n\nNew paragraph. <NAME>MR. A</NAME>. More. "
                "<NAME>JO ROE</NAME>-SMITH-JONES. Hi. <NAME>X</NAME>-based")
    assert [(x.speaker, x.label, x.text) for x in t.turns] == [
        ("MR. A", "MR. A:", "Hello.\n\nNew paragraph.\n\nMore."),
        ("JO ROE-SMITH-JONES", "JO ROE-SMITH-JONES.", "Hi."),
        ("X", "X", "-based"),
    ]


@pytest.mark.parametrize("text", ["a <NAME>B</NAME> c </NAME> d", "a\n<NAME>B c", "<NAME> </NAME> hi"])
def test_broken_tags(text):
    with pytest.raises(IngestError) as err:
        nametag(text)
    assert err.value.line in (1, 2)


def test_no_tags_falls_back_to_labels_or_unknown_speaker():
    assert [x.speaker for x in nametag("MR. A: hi\nMS. B: yo").turns] == ["MR. A", "MS. B"]
    t = nametag("plain words\n\nmore words")
    assert [x.speaker for x in t.turns] == ["Unknown speaker"] * 2 and t.warnings


_PIECES = ["<NAME>", "</NAME>", "A", "-B", ".", " ", "\n", "x", "<", ">"]
_TAGGY = st.lists(st.sampled_from(_PIECES), max_size=60)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TAGGY.map("".join), st.text(max_size=300)))
def test_arbitrary_text_raises_only_ingest_error(text):
    try:
        parse_source(Source(Path("x.txt"), text.encode("utf-8")), "nametag")
    except IngestError:
        pass
