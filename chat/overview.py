"""The shape of one press conference: who spoke, how much, and the questions in order with who answered."""

from __future__ import annotations

from pydantic import BaseModel

from ingest import Transcript, Turn
from ingest.sentences import sentences


class SpeakerShare(BaseModel):
    speaker: str
    role: str | None
    turns: int
    words: int
    seconds: float | None  # from media offsets; None where the transcript has none


class QuestionLine(BaseModel):
    turn_index: int
    asked_by: str
    outlet: str | None
    question: str  # one line: the question's first interrogative sentence, else its first sentence
    timestamp: str | None
    answered_by: list[str]
    answer_turns: list[int]
    answer_timestamp: str | None  # when the main (longest) answer turn was stamped


class Overview(BaseModel):
    transcript_id: str
    title: str
    date: str | None
    speakers: list[SpeakerShare]
    questions: list[QuestionLine]


def overview(transcript: Transcript) -> Overview:
    return Overview(
        transcript_id=transcript.id,
        title=transcript.title,
        date=transcript.date,
        speakers=_speakers(transcript.turns),
        questions=[_question(transcript.turns, turn) for turn in transcript.turns if turn.kind == "question"],
    )


def one_line(text: str) -> str:
    said = sentences(text)
    return next((s for s in said if s.rstrip("”\"'’ ").endswith("?")), said[0] if said else text)


def turn_seconds(turns: list[Turn]) -> list[float | None]:
    """How long each turn took, from media offsets. Wall-clock stamps don't tell: a live blog posts
    entries irregularly (in the sample a 450-word answer is stamped 19 s after its question and the
    next 50-word question ten minutes later), so words are the measure there."""
    return [max(t.end - t.start, 0.0) if t.start is not None and t.end is not None else None for t in turns]


def _speakers(turns: list[Turn]) -> list[SpeakerShare]:
    shares: dict[str, SpeakerShare] = {}
    for turn, seconds in zip(turns, turn_seconds(turns)):
        share = shares.setdefault(turn.speaker, SpeakerShare(speaker=turn.speaker, role=turn.role, turns=0, words=0, seconds=None))
        share.turns += 1
        share.words += len(turn.text.split())
        if seconds is not None:
            share.seconds = (share.seconds or 0.0) + seconds
    return sorted(shares.values(), key=lambda s: s.words, reverse=True)


def _question(turns: list[Turn], question: Turn) -> QuestionLine:
    answers = [t for t in turns if t.reply_to == question.index]
    main = max(answers, key=lambda t: len(t.text), default=None)
    return QuestionLine(
        turn_index=question.index,
        asked_by=question.speaker,
        outlet=question.role,
        question=one_line(question.text),
        timestamp=question.timestamp,
        answered_by=list(dict.fromkeys(t.speaker for t in answers)),
        answer_turns=[t.index for t in answers],
        answer_timestamp=main.timestamp if main else None,
    )
