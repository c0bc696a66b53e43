"""CSV with one sentence per row: consecutive rows of one speaker are one turn."""

from __future__ import annotations

import csv
import io

from ..draft import UNKNOWN_SPEAKER, Draft, RawTurn, merge_runs
from ..reading import Source

_SPEAKER_COLUMNS = ("speaker",)
_TEXT_COLUMNS = ("sentence", "text")


def parse_csv(source: Source) -> Draft:
    # strict: an unclosed quote would otherwise swallow every row after it into one sentence
    reader = csv.reader(io.StringIO(source.text, newline=""), strict=True)
    turns: list[RawTurn] = []
    line = 1  # where the row being read starts; a quoted field can span lines
    try:
        speaker_col, text_col = _columns(source, next(reader, []))
        line = reader.line_num + 1
        for row in reader:
            _add_row(source, turns, row, line, speaker_col, text_col)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise source.error(f"unreadable CSV row: {exc}", line) from None
    if not turns:
        raise source.error("no rows with a sentence")
    return Draft(turns=merge_runs(turns))


def _columns(source: Source, header: list[str]) -> tuple[int, int]:
    names = [name.strip().lower() for name in header]
    speaker = next((names.index(n) for n in _SPEAKER_COLUMNS if n in names), None)
    text = next((names.index(n) for n in _TEXT_COLUMNS if n in names), None)
    if speaker is None or text is None:
        found = ", ".join(repr(name) for name in header) or "none"
        reason = f"CSV header needs a speaker and a sentence (or text) column; found {found}"
        raise source.error(reason, 1)
    return speaker, text


def _add_row(
    source: Source, turns: list[RawTurn], row: list[str], line: int, speaker_col: int, text_col: int
) -> None:
    if not any(cell.strip() for cell in row):
        return  # blank lines between rows
    needed = max(speaker_col, text_col) + 1
    if len(row) < needed:
        raise source.error(f"row has {len(row)} columns, the header names {needed}", line)
    # A row without a speaker continues the turn before it, as a wrapped sentence would.
    speaker = row[speaker_col].strip() or (turns[-1].speaker if turns else UNKNOWN_SPEAKER)
    turns.append(RawTurn(speaker, row[text_col].strip(), line=line))
