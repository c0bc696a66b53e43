"""The shape of one press conference: who spoke, how much, and the questions in order with who answered.

A turn the source labels as a reporter's is not always a question: "Hello.", "Happy Friday.", "Thanks, Jen."
and "(Cross-talk.)" are left out of the questions (14 of the 108 `Q` turns of the 2021-07-16 briefing), and a
`Q` turn that holds an official's words ("Jen — Go ahead. Hi, Jen. I'm curious…", or "MR. KIRBY: So, two
thoughts" after a stray `Q`) is listed with a flag saying so.
"""

from __future__ import annotations

import re

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
    flag: str | None = None  # why this turn may not be all the reporter's, in the reader's words


class Overview(BaseModel):
    transcript_id: str
    title: str
    date: str | None
    speakers: list[SpeakerShare]
    questions: list[QuestionLine]
    pleasantries: list[int] = []  # turns labelled as questions that only greet, thank or interject


# Words that greet, thank, acknowledge or interrupt; a turn of only these (and a name or two) asks nothing.
_NICETIES = set(
    "hi hello hey thanks thank you so much very many happy good morning afternoon evening welcome everyone "
    "everybody all yeah yes yep okay ok right sure great bye appreciate it and but or oh well exactly".split()
)
_STAGE = re.compile(r"\([^)]*\)")  # (Laughter.), (Inaudible.), (Cross-talk.)
# An official's words inside a reporter's turn: a call on the next asker, or an official's upper-case label.
_CALL_ON = re.compile(r"^(?:(?:yes|okay|sure|please|oh|sorry)[,.]?\s+)*go ahead\b[^.?!]{0,30}[.!]?$", re.I)
_LABEL = re.compile(r"^(?:M[rs]s?\.\s+)?[A-Z][A-Z’'-]+(?:\.?\s+[A-Z][A-Z’'-]*)*:")


def overview(transcript: Transcript) -> Overview:
    asked = [turn for turn in transcript.turns if turn.kind == "question"]
    return Overview(
        transcript_id=transcript.id,
        title=transcript.title,
        date=transcript.date,
        speakers=_speakers(transcript.turns),
        questions=[_question(transcript.turns, turn) for turn in asked if not pleasantry(turn.text)],
        pleasantries=[turn.index for turn in asked if pleasantry(turn.text)],
    )


def pleasantry(text: str) -> bool:
    """Whether a turn only greets, thanks, acknowledges or interjects: "Hello.", "Happy Friday.", "Thanks, Jen.",
    "(Cross-talk.)", "But —", "Jen —". A question mark always makes it a question."""
    if "?" in text:
        return False
    words = re.findall(r"[\w’']+", _STAGE.sub(" ", text))
    if not words or len(words) <= 2 and text.rstrip().endswith(("—", "-")):
        return True  # "(Cross-talk.)"; "Jen —", "Exactly —": a bid for the floor, cut off
    names = [w for w in words if w[0].isupper() and w.lower() not in _NICETIES]  # "Jen", "Friday": whom they greet
    rest = [w.lower() for w in words if w not in names]
    return bool(rest) and len(names) <= 2 and all(w in _NICETIES for w in rest)


def official_words(text: str) -> str | None:
    """A paragraph of a reporter's turn that reads as an official's: "Go ahead." after "Jen —", or an
    official's label ("MR. KIRBY:") where the source put a stray Q before the answer."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return next((p for p in paragraphs[1:] if _CALL_ON.match(p) or _LABEL.match(p)), None)


def one_line(text: str) -> str:
    """The question's first interrogative sentence, else its first sentence that is not a greeting ("Thanks.")."""
    said = sentences(text)
    asked = next((s for s in said if s.rstrip("”\"'’ ").endswith("?")), None)
    return asked or next((s for s in said if not pleasantry(s)), said[0] if said else text)


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
        flag=_flag(question.text),
    )


def _flag(text: str) -> str | None:
    words = official_words(text)
    if words is None:
        return None
    shown = words if len(words) <= 60 else words[:59] + "…"
    return f"Labelled as a reporter's question in the source, but part of it reads as an official's: “{shown}”"
