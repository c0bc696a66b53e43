import csv
import io
from itertools import groupby
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from ingest import IngestError, parse_file
from ingest.formats.pdf import parse_pdf
from ingest.reading import Source
from ingest.speakers import canonical_name

FOMC = "fomc_pdf/FOMCpresconf20220615.pdf"
CSV = "fomc_csv_sentences/FOMCpresconf20220615.csv"


def make_pdf(pages: list[list[str]], password: str | None = None) -> bytes:
    """A PDF with one Helvetica text line per string, ASCII only."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }))
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        shown = " ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj T*" for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 10 Tf 72 750 Td 14 TL {shown} ET".encode("ascii"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    if password:
        writer.encrypt(user_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_source(data: bytes) -> Source:
    return Source(Path("t.pdf"), data)


@pytest.fixture(scope="module")
def fomc(corpus_file):
    return parse_file(corpus_file(FOMC))  # pypdf takes a second or two; read it once


def csv_speakers(corpus: Path) -> list[str]:
    with open(corpus / CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [canonical_name(speaker) for speaker, _ in groupby(row["speaker"] for row in rows)]


def test_fomc_pdf_agrees_with_the_csv(fomc, corpus):
    expected = csv_speakers(corpus)
    assert len(expected) == 70
    assert [x.speaker for x in fomc.turns] == expected
    assert "Nancy Marshall-Genzer" in fomc.speakers()
    assert {x.label for x in fomc.turns if x.speaker == "Chair Powell"} == {"CHAIR POWELL."}


def test_fomc_title_date_and_preamble(fomc):
    assert (fomc.format, fomc.title, fomc.date) == ("pdf", "Chair Powell’s Press Conference", "2022-06-15")
    assert fomc.id == "2022-06-15-chair-powells-press-conference"
    assert fomc.turns[0].text.startswith("Good afternoon. I will begin with one overarching message:")


def test_no_running_header_left_and_sentences_rejoined(fomc):
    for turn in fomc.turns:
        for leftover in ("FINAL", " of 27", "Press Conference June", "June 15, 2022"):
            assert leftover not in turn.text, (turn.index, leftover)
    text = " ".join(x.text for x in fomc.turns)
    assert "As shown in our Summary of Economic Projections, FOMC participants" in text  # pages 1-2
    assert "Some of that will be pass-through of energy prices" in text  # a hyphen at a line end
    assert "I think we’re—again, we’re going" in text  # an unspaced dash at a line end


def test_fomc_paragraphs(fomc):
    opening = fomc.turns[0].text.split("\n\n")
    assert len(opening) == 10
    assert opening[1].startswith("From the standpoint of our congressional mandate")
    assert all(p[-1] in ".:?”" for p in opening)


def test_fomc_moderator_and_reporters(fomc):
    kinds = {(x.speaker, x.kind) for x in fomc.turns}
    assert {kind for speaker, kind in kinds if speaker == "Michelle Smith"} == {"moderator"}
    assert {kind for speaker, kind in kinds if speaker == "Nick Timiraos"} == {"question"}
    powell = [x.kind for x in fomc.turns if x.speaker == "Chair Powell"]
    assert powell == ["remark"] + ["answer"] * 27
    assert next(x for x in fomc.turns if x.speaker == "Howard Schneider").role == "Reuters"


def test_fomc_every_reporter_asks(fomc):
    """Boesler, Ryser and Hamrick ask without a "?"; Powell's answers make them askers all the same."""
    for turn in fomc.turns:
        if turn.speaker not in ("Chair Powell", "Michelle Smith"):
            assert turn.kind == "question", turn.speaker
        elif turn.kind == "answer":
            assert fomc.turns[turn.reply_to].speaker == fomc.turns[turn.index - 1].speaker


def test_running_header_removed_generically():
    header = "Briefing on Widgets   May 2, 2023"
    pages = [
        [header, "Page 1 of 3", "MR. ALPHA BETA.  We begin the", "briefing now and it runs on."],
        [header, "Page 2 of 3", "JANE ROE.  Why do widgets cost so much", "these days?"],
        [header, "Page 3 of 3", "MR. ALPHA BETA.  Supply is", "short."],
    ]
    t = parse_pdf(pdf_source(make_pdf(pages)))
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("MR. ALPHA BETA", "We begin the briefing now and it runs on."),
        ("JANE ROE", "Why do widgets cost so much these days?"),
        ("MR. ALPHA BETA", "Supply is short."),
    ]
    assert (t.title, t.date) == ("Briefing on Widgets", "2023-05-02")


def test_single_page_keeps_its_lines():
    t = parse_pdf(pdf_source(make_pdf([["Widgets   May 2, 2023", "DR. ROE.  Hi."]])))
    assert [(x.speaker, x.text) for x in t.turns] == [("DR. ROE", "Hi.")]


def test_pdf_without_labels_warns():
    t = parse_pdf(pdf_source(make_pdf([["Just a statement with", "no speakers."]])))
    assert [x.text for x in t.turns] == ["Just a statement with no speakers."] and t.warnings


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"%PDF-1.4\n garbage that is no PDF", "cannot read PDF"),
        (make_pdf([[]]), "no text layer"),
        (make_pdf([["MR. A B.  Hi."]], password="secret"), "password"),
    ],
)
def test_unreadable_pdfs(data, reason):
    with pytest.raises(IngestError) as err:
        parse_pdf(pdf_source(data))
    assert reason in err.value.reason


def test_truncated_fomc_pdf(corpus_file, tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(corpus_file(FOMC).read_bytes()[:4000])
    with pytest.raises(IngestError):
        parse_file(path)
