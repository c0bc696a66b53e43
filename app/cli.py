"""The `podium` command: a thin shell over ingest, index and the chat engine.

Heavy libraries (torch, chromadb, llama-index) are imported inside the commands that need them,
so `podium show` and `podium --help` start fast.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from ingest import FORMATS, IngestError, parse_file, parse_files

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.splitlines()[0])

FormatOpt = Annotated[
    Optional[str], typer.Option("--format", "-f", help=f"Override detection: {', '.join(FORMATS)}")
]
StoreOpt = Annotated[
    Optional[Path], typer.Option("--store", help="Store folder (default $PODIUM_STORE or .podium)")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@app.command()
def show(file: Path, format: FormatOpt = None, json_: JsonOpt = False) -> None:
    """Parse a transcript file and print its turns."""
    try:
        transcript = parse_file(file, format)
    except IngestError as exc:
        fail(str(exc))
    for warning in transcript.warnings:
        typer.echo(f"warning: {file}: {warning}", err=True)
    if json_:
        typer.echo(transcript.model_dump_json(indent=2, exclude={"warnings", "source"}))
        return
    from .render import render_transcript

    typer.echo(render_transcript(transcript))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders")],
    format: FormatOpt = None,
    store: StoreOpt = None,
) -> None:
    """Parse transcripts and add them to the store; a file already there is skipped."""
    from .progress import IngestProgress
    from .render import ingest_summary
    from .wiring import open_store

    files = _expand(paths)
    db = open_store(store)
    failed = 0
    with IngestProgress(len(files)) as progress:
        for path, result in db.ingest_stream(parse_files(files, format)):
            progress.done(result)
            if isinstance(result, IngestError):
                failed += 1
                progress.echo(f"error: {result}", err=True)
                continue
            for warning in result.transcript.warnings:
                progress.echo(f"warning: {path}: {warning}", err=True)
            progress.echo(ingest_summary(result))
    if failed:
        raise typer.Exit(1)


@app.command("list")
def list_(store: StoreOpt = None, json_: JsonOpt = False) -> None:
    """List the stored transcripts with their turn and chunk counts."""
    from .wiring import open_store

    rows = [entry.model_dump() for entry in open_store(store).transcripts()]
    if json_:
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        typer.echo(f"{row['id']}  {row['date'] or '-'}  {row['turns']} turns  {row['chunks']} chunks  {row['title']}")


@app.command()
def remove(transcript_id: str, store: StoreOpt = None) -> None:
    """Delete a transcript and its chunks from the store."""
    from .wiring import open_store

    if not open_store(store).remove(transcript_id):
        fail(f"no transcript {transcript_id!r} in the store")
    typer.echo(f"removed {transcript_id}")


TextFileOpt = Annotated[Optional[Path], typer.Option("--file", help='Read the text from this file ("-": stdin)')]


@app.command()
def ask(
    question: Annotated[Optional[str], typer.Argument(help='The question ("-": read it from stdin)')] = None,
    file: TextFileOpt = None,
    speaker: Annotated[Optional[str], typer.Option(help="Only this speaker's words")] = None,
    transcript: Annotated[Optional[str], typer.Option(help="Only this transcript (an id from `podium list`)")] = None,
    batch: Annotated[
        Optional[Path], typer.Option(help='JSONL, one {"id", "question", "history"?} a line ("-": stdin); PODIUM_MAX_BATCH lines at most')
    ] = None,
    llm: Annotated[Optional[str], typer.Option(help="LLM answerer spec (default $PODIUM_LLM; unset: quotes only)")] = None,
    store: StoreOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Answer a question with verbatim, attributed, timestamped quotes."""
    from .settings import AppSettings

    config = AppSettings()
    if sum(x is not None for x in (question, file, batch)) != 1:
        fail("give a QUESTION, --file FILE or --batch FILE: one of them")
    if batch:
        requests = _batch(batch, config.max_batch)
    else:
        requests = [{"question": _text(question, file, "the question", config, "max_question_chars")}]
    from .render import render_answer
    from .wiring import open_engine

    engine = open_engine(store, llm)
    for request in requests:
        answer = engine.ask(
            request["question"], speaker=speaker, transcript=transcript, history=request.get("history", ())
        )
        if json_:
            typer.echo(json.dumps({**({"id": request["id"]} if "id" in request else {}), **answer.model_dump()}))
        else:
            typer.echo(render_answer(answer) + ("\n" if batch else ""))


@app.command()
def check(
    quote: Annotated[Optional[str], typer.Argument(help='The quote, optionally as "NAME said ..." ("-": read it from stdin)')] = None,
    file: TextFileOpt = None,
    speaker: Annotated[Optional[str], typer.Option(help="Whom the quote is attributed to")] = None,
    store: StoreOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Check a quote: verbatim, close (with a word diff), misattributed, or not found."""
    from chat.check import check_quote
    from .render import render_check
    from .settings import AppSettings
    from .wiring import open_engine

    if (quote is None) == (file is None):
        fail("give a QUOTE or --file FILE, not both")
    text = _text(quote, file, "the quote", AppSettings(), "max_quote_chars")
    result = check_quote(open_engine(store), text, speaker)
    typer.echo(result.model_dump_json(indent=2) if json_ else render_check(result))


@app.command()
def overview(transcript_id: str, store: StoreOpt = None, json_: JsonOpt = False) -> None:
    """Who spoke, how much, and the questions in order with who answered."""
    from chat.overview import overview as build
    from .render import render_overview
    from .wiring import open_store

    transcript = open_store(store).transcript(transcript_id)
    if transcript is None:
        fail(f"no transcript {transcript_id!r} in the store (see `podium list`)")
    view = build(transcript)
    typer.echo(view.model_dump_json(indent=2) if json_ else render_overview(view))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 7860,
    store: StoreOpt = None,
) -> None:
    """Serve the newsroom app: the web UI at / and the JSON API at /api (docs at /docs)."""
    from .server import serve as run

    run(host, port, store)


@app.command("eval")
def eval_(
    set_: Annotated[list[str], typer.Option("--set", help="Eval set name in eval/sets or a path; repeatable")] = [],
    answerer: Annotated[str, typer.Option(help="quote or llm")] = "quote",
    json_: JsonOpt = False,
) -> None:
    """Run the evaluation suite and write an HTML report to eval/reports/."""
    from eval.runner import main as run

    raise typer.Exit(run(set_, answerer, json_))


def _text(given: str | None, file: Path | None, what: str, config, bound: str) -> str:
    """The text given as an argument, or read from a file or stdin ("-"), within its bound."""
    limit = getattr(config, bound)
    if file is None and given != "-":
        text = given
    else:
        source = file or Path("-")
        with _opened(source) as handle:
            text = handle.read(limit + 1)
    if len(text) > limit:
        fail(f"{what} is over the {bound} bound of {limit} characters (PODIUM_{bound.upper()} sets it)")
    if not text.strip():
        fail(f"{what} is empty")
    return text.strip()


def _batch(path: Path, limit: int) -> list[dict]:
    """The batch's requests, read line by line: a file past the bound stops at line limit + 1, unread beyond."""
    requests = []
    with _opened(path) as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            if len(requests) == limit:
                fail(f"{path}:{number}: more than {limit} questions, the max_batch bound (PODIUM_MAX_BATCH sets it)")
            try:
                request = json.loads(line)
            except json.JSONDecodeError as exc:
                fail(f"{path}:{number}: not JSON ({exc.msg})")
            if not isinstance(request, dict) or not isinstance(request.get("question"), str):
                fail(f'{path}:{number}: each line needs a "question" string')
            requests.append(request)
    return requests


@contextmanager
def _opened(path: Path):
    """A text file, or stdin for "-"; one that cannot be read is a one-line error naming it."""
    stdin = str(path) == "-"
    try:
        handle = sys.stdin if stdin else path.open(encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: {exc.strerror}")
    try:
        yield handle
    except UnicodeDecodeError as exc:
        fail(f"{'stdin' if stdin else path}: not UTF-8 text ({exc.reason})")
    finally:
        if not stdin:
            handle.close()


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def main() -> None:
    app(prog_name="podium")


if __name__ == "__main__":
    sys.exit(main())
