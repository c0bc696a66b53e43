"""`podium check` and `podium ask` read long text from a file or stdin ("-"), within the bounds; `ask --batch` is bounded."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
QUOTE = "To revitalize Heilongjiang,\ntalent is the key."  # a line break: awkward as an argument


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_path):
    folder = tmp_path_factory.mktemp("cli") / "store"
    result = runner.invoke(app, ["ingest", str(sample_path), "--store", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_check_reads_the_quote_from_a_file_and_from_stdin(store, tmp_path):
    path = tmp_path / "quote.txt"
    path.write_text(QUOTE + "\n")
    from_file = runner.invoke(app, ["check", "--file", str(path), "--store", str(store), "--json"])
    assert from_file.exit_code == 0, from_file.output
    assert json.loads(from_file.stdout)["verdict"] == "verbatim"
    from_stdin = runner.invoke(app, ["check", "-", "--speaker", "Yu Jian", "--store", str(store), "--json"], input=QUOTE)
    assert from_stdin.exit_code == 0, from_stdin.output
    body = json.loads(from_stdin.stdout)
    assert body["verdict"] == "misattributed" and body["said_by"] == "Chen Shaobo"


def test_ask_reads_the_question_from_stdin_and_a_batch_from_stdin(store):
    single = runner.invoke(app, ["ask", "-", "--store", str(store), "--json"], input="What did Chen Shaobo say about talent?\n")
    assert single.exit_code == 0, single.output
    assert {c["speaker"] for c in json.loads(single.stdout)["citations"]} == {"Chen Shaobo"}
    lines = "\n".join(json.dumps({"id": i, "question": q}) for i, q in enumerate(["What about talent?", "And forests?"]))
    batch = runner.invoke(app, ["ask", "--batch", "-", "--store", str(store), "--json"], input=lines)
    assert batch.exit_code == 0, batch.output
    assert [json.loads(line)["id"] for line in batch.stdout.splitlines()] == [0, 1]


def test_a_batch_over_its_bound_fails_naming_it_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setenv("PODIUM_MAX_BATCH", "2")
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"question": f"q{i}?"}) for i in range(3)))
    result = runner.invoke(app, ["ask", "--batch", str(path), "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {path}:3: more than 2 questions, the max_batch bound (PODIUM_MAX_BATCH sets it)"
    assert not (tmp_path / "none").exists()  # failed before the store was opened


def test_text_over_its_bound_fails_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PODIUM_MAX_QUOTE_CHARS", "100")
    path = tmp_path / "long.txt"
    path.write_text("talent " * 1000)
    result = runner.invoke(app, ["check", "--file", str(path), "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "over the max_quote_chars bound of 100 characters (PODIUM_MAX_QUOTE_CHARS sets it)" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [(["check"], "give a QUOTE or --file FILE"), (["ask", "q?", "--file", "x"], "give a QUESTION, --file FILE or --batch FILE"),
     (["check", "--file", "/nonexistent/quote.txt"], "/nonexistent/quote.txt: No such file or directory")],
)  # fmt: skip
def test_input_mistakes_are_one_line_errors(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and message in result.stderr
