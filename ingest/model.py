"""The transcript model every other room reads: a Transcript is an ordered list of Turns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Kind = Literal["question", "answer", "remark", "moderator"]


class Turn(BaseModel):
    index: int
    speaker: str  # canonical name, shared by every label that names the same person
    label: str  # as printed in the source
    role: str | None = None  # title for officials, outlet for reporters
    kind: Kind = "remark"
    text: str
    timestamp: str | None = None  # wall clock, ISO 8601 with the date
    start: float | None = None  # media offsets in seconds
    end: float | None = None
    reply_to: int | None = None  # index of the question this turn answers
    # (start, end) character spans of `text` that are an interpreter's English (ingest/interpretation.py)
    interpreted: list[tuple[int, int]] = []


class Transcript(BaseModel):
    id: str
    title: str
    date: str | None = None  # ISO date of the event
    source: str
    format: str
    started_at: str | None = None  # wall clock printed for the whole event ("2:15 P.M. EST")
    ended_at: str | None = None
    source_url: str | None = None  # the publisher's page, for the reader to check a quote against
    place: str | None = None  # where it was held, as printed above the transcript
    corrected: bool = False  # the publisher's corrected version of the event (ingest/identity.py)
    turns: list[Turn]
    warnings: list[str] = []

    def speakers(self) -> list[str]:
        return list(dict.fromkeys(turn.speaker for turn in self.turns))
