"""The answer contract shared by the CLI, the HTTP API, the UI and the eval suite."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, computed_field

from .formatting import attribution_line


# Strict: what a client sends back (POST /api/export) must be what the contract says, not coerced
# into it ("interpreted": 0 is no boolean)
class Citation(BaseModel):
    model_config = ConfigDict(strict=True)
    n: int
    transcript_id: str
    transcript_title: str
    date: str | None
    speaker: str
    role: str | None
    kind: str
    turn_index: int
    timestamp: str | None
    start: float | None
    end: float | None
    quote: str  # verbatim from the turn's text
    source_url: str | None = None  # the publisher's page of the transcript
    interpreted: bool = False  # the quote is (partly) an interpreter's English, not the speaker's own words

    @computed_field
    @property
    def attribution(self) -> str:
        """The print-ready line: the quote, full name, role, event, date, time, "(as interpreted)", source link."""
        return attribution_line(self)


class Answer(BaseModel):
    model_config = ConfigDict(strict=True)
    question: str
    answer: str
    refused: bool
    unsupported: list[str] = []
    citations: list[Citation] = []
