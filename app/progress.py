"""Podium's own progress display for long work on a terminal: files, turns and chunks stored, with an ETA."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


class IngestProgress:
    """A bar over the files of one `podium ingest`, shown only on a terminal and only for several files.

    Lines printed through `echo` go above the bar, so the summaries and the bar don't tear each other.
    """

    def __init__(self, files: int):
        self.files = files
        self.turns = 0
        self.chunks = 0
        shown = files > 1 and sys.stderr.isatty()
        self._progress = Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[turns]:,} turns · {task.fields[chunks]:,} chunks"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not shown,
            transient=True,
            redirect_stdout=False,  # stdout may be a file: its lines go there, not to the terminal
            redirect_stderr=False,
        )
        self._task = self._progress.add_task("ingest", total=files, turns=0, chunks=0)

    def __enter__(self) -> IngestProgress:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.__exit__(*exc)

    def done(self, result) -> None:
        """One file finished: an IngestResult, or the error that stopped it."""
        transcript = getattr(result, "transcript", None)
        if getattr(result, "reason", None) == "named":  # a stored transcript renamed, not one of the files
            return
        if transcript is not None:
            self.turns += len(transcript.turns)
            self.chunks += result.chunks
        self._progress.update(self._task, advance=1, turns=self.turns, chunks=self.chunks)

    def echo(self, line: str, err: bool = False) -> None:
        if self._progress.disable or not (err or sys.stdout.isatty()):
            typer.echo(line, err=err)
        else:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
