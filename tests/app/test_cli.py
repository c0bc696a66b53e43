"""The podium command in-process: show's JSON contract, every corpus transcript, errors and exit codes."""

import json

import pytest
from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
TURN_KEYS = {"index", "speaker", "label", "role", "kind", "text", "timestamp", "start", "end", "reply_to"}
CORPUS_TRANSCRIPTS = [
    "whitehouse_md/wh_2021-07-16_psaki.md",
    "whitehouse_md/wh_2023-12-04_jean-pierre_sullivan.md",
    "whitehouse_md/wh_2024-01-27_background_call_anon_official.md",
    "whitehouse_md/wh_2024-07-29_kirby_gaggle_teleconf.md",
    "whitehouse_html/wh_2020-03-16_covid_task_force.html",
    "fomc_pdf/FOMCpresconf20220615.pdf",
    "fomc_csv_sentences/FOMCpresconf20220615.csv",
    "fomc_nametag_txt/FOMCpresconf20220615.txt",
    "asr_segments_json/wh_2025-06-19_leavitt_clipscribe_transcript.json",
    "qmsum/committee_test/covid_4.json",
    "qmsum/committee_val/education_22.json",
]


def test_show_json_contract_on_the_sample(sample_path):
    result = runner.invoke(app, ["show", str(sample_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"id", "title", "date", "format", "turns"} <= set(data)
    assert data["format"] == "liveblog" and data["date"] == "2024-04-26"
    assert len(data["turns"]) == 11 and all(set(t) >= TURN_KEYS for t in data["turns"])
    chen = next(t for t in data["turns"] if t["speaker"] == "Chen Shaobo")
    assert chen["timestamp"] == "2024-04-26T10:27:15" and chen["kind"] == "answer"


def test_show_readable(sample_path):
    result = runner.invoke(app, ["show", str(sample_path)])
    assert result.exit_code == 0
    assert "[7] 10:27:15 Chen Shaobo (Member of the Standing Committee" in result.stdout
    assert "11 turns" in result.stdout


@pytest.mark.parametrize("name", CORPUS_TRANSCRIPTS)
def test_show_parses_every_corpus_transcript(corpus_file, name):
    result = runner.invoke(app, ["show", str(corpus_file(name)), "--json"])
    assert result.exit_code == 0, result.output
    turns = json.loads(result.stdout)["turns"]
    assert len(turns) > 10
    assert sum(bool(t["text"]) for t in turns) >= len(turns) - 1


def test_show_bad_file_exits_nonzero_with_one_line(tmp_path):
    path = tmp_path / "empty.srt"
    path.write_text("")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {path}: file is empty"


def test_format_override(corpus_file):
    path = corpus_file("fomc_nametag_txt/FOMCpresconf20220615.txt")
    result = runner.invoke(app, ["show", str(path), "--json", "--format", "script"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["format"] == "script"
