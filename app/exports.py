"""Quotes for the story: answers and their citations as Markdown, CSV or JSON, each quote with its full
attribution line and source link. The HTTP API serves them (POST /api/export); the web UI offers the same
files for a conversation.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from chat.contract import Answer

from .calls import declared

MAX_ANSWERS = 200
FORMATS = {  # format -> (media type, file ending)
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
}
COLUMNS = [
    "question", "n", "quote", "speaker", "role", "kind", "event", "date", "timestamp", "start", "end", "turn",
    "transcript_id", "interpreted", "source_url", "attribution",
]  # fmt: skip
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~$])")

router = APIRouter()


class ExportRequest(BaseModel):
    answers: list[Answer] = Field(max_length=MAX_ANSWERS, description="Answers as /api/ask returns them")
    title: str = Field("Podium: quotes", max_length=200)


def markdown_escape(text: str) -> str:
    """Text shown as written in Markdown: its Markdown characters escaped."""
    return _MARKDOWN.sub(r"\\\1", text)


def to_markdown(answers: list[Answer], title: str = "Podium: quotes") -> str:
    """Each question, its answer with the [n] markers, and its numbered sources with full attribution."""
    lines = [f"# {markdown_escape(title)}", ""]
    for answer in answers:
        lines += [f"## {markdown_escape(answer.question)}", ""]
        if answer.refused:
            lines += ["*Not answered: the transcripts don't support an answer.*", ""]
        if answer.answer:
            lines += [markdown_escape(answer.answer), ""]
        if answer.citations:
            lines += ["Sources:", ""]
            lines += [f"{c.n}. {markdown_escape(c.attribution)}" for c in answer.citations]
            lines.append("")
    return "\n".join(lines)


def to_csv(answers: list[Answer]) -> str:
    """One row per quote: the question it answers, the quote, who, role, event, when, the source link."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for answer in answers:
        for c in answer.citations:
            writer.writerow([
                answer.question, c.n, c.quote, c.speaker, c.role or "", c.kind, c.transcript_title, c.date or "",
                c.timestamp or "", _number(c.start), _number(c.end), c.turn_index, c.transcript_id,
                getattr(c, "interpreted", False), c.source_url or "", c.attribution,
            ])  # fmt: skip
    return out.getvalue()


def to_json(answers: list[Answer]) -> str:
    """The answers as the API gives them, each citation with its attribution line."""
    return json.dumps({"answers": [a.model_dump() for a in answers]}, ensure_ascii=False, indent=2)


def export(answers: list[Answer], format: str, title: str = "Podium: quotes") -> str:
    if format == "markdown":
        return to_markdown(answers, title)
    return to_csv(answers) if format == "csv" else to_json(answers)


@router.post(
    "/export", response_class=Response,
    responses={200: {"content": {media: {} for media, _ in FORMATS.values()}}, **declared(400, 413)},
)  # fmt: skip
async def export_answers(request: ExportRequest, format: Literal["markdown", "csv", "json"] = "markdown") -> Response:
    """The answers' quotes as a file: Markdown (questions, answers, numbered sources), CSV (a row per quote)
    or JSON (the answers as /api/ask returns them), each quote with its attribution line and source link."""
    media, ending = FORMATS[format]
    body = export(request.answers, format, request.title)
    headers = {"Content-Disposition": f'attachment; filename="podium-quotes.{ending}"'}
    return Response(body, media_type=media, headers=headers)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
