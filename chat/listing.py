"""Answers about the exchanges themselves: who asked about a topic, who answered, and the list of
questions put (from each transcript's overview)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ingest.sentences import sentence_spans

from .compose import quote_answer, turn_citation
from .contract import Answer
from .formatting import clock

if TYPE_CHECKING:
    from .engine import Ask, Engine
    from .evidence import Evidence

MAX_ANSWERS = 3  # reply turns quoted for "who answered"
_OPENING = 3  # sentences of a question in which a reporter introduces themselves


def who(engine: Engine, job: Ask) -> Answer:
    u = job.understood
    found = [e for e in engine.evidence(job, kinds=("question",), depth=8) if e.strength >= engine.relevant]
    # a reporter names the topic in the question: the sentence that carries its words most surely, not the
    # one whose opening reads most like the question's ("I was wondering if…" for "who asked whether…")
    found.sort(key=lambda e: (e.said * e.cosine, e.strength), reverse=True)
    # "Which reporter asked Jake Sullivan about …": a question he answered
    asked = [e for e in found if not u.speakers or set(u.speakers) & _answerers(engine, e)][:1]
    if not asked:
        where = f" at {job.described}" if job.described else " in the indexed transcripts"
        text = f"No question about {u.topic or 'this'} was asked{where}."
        return Answer(question=u.question, answer=text, refused=True)
    if u.intent == "who_asked":
        text, citations = quote_answer(_introduced(engine, asked[0]), verb="asked")
        return Answer(question=u.question, answer=text, refused=False, citations=citations)
    answers = _answers_to(engine, job, asked[0])
    if not answers:
        text, citations = quote_answer(asked, verb="asked")
        return Answer(question=u.question, answer=f"{text}\n\nNo answer to it is recorded.", refused=True, citations=citations)
    text, citations = quote_answer(answers, verb="answered")
    return Answer(question=u.question, answer=text, refused=False, citations=citations)


def _answerers(engine: Engine, asked: Evidence) -> set[str]:
    """Who answered the question the evidence is part of (its transcript's overview says)."""
    line = _line(engine, asked)
    return set(line.answered_by) if line else set()


def _introduced(engine: Engine, asked: Evidence) -> list[Evidence]:
    """The question's sentence, and the turn's first one where the reporter names themselves or their
    outlet there ("Hi, it's Tonya Riley with CyberScoop."): who asked is in their own words."""
    line = _line(engine, asked)
    if line is None or asked.meta.part != 0:
        return [asked]
    names = _words(" ".join(filter(None, [line.asked_by, line.outlet])))
    text = asked.node.node.text
    for position, (start, end) in enumerate(sentence_spans(text)[: min(asked.position, _OPENING)]):
        if names & _words(text[start:end]):
            return [replace(asked, start=start, end=end, position=position), asked]
    return [asked]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w’'-]{3,}", text)}


def _line(engine: Engine, asked: Evidence):
    """The overview's line for the question turn the evidence is part of."""
    entry = engine.store.entry(asked.meta.transcript_id)
    if entry is None:
        return None
    _, outline = engine.overview_of(entry)
    return next((line for line in outline.questions if line.turn_index == asked.meta.turn_index), None)


def _answers_to(engine: Engine, job: Ask, asked: Evidence) -> list[Evidence]:
    """The best sentence of each turn that replies to the question, the longest turn first."""
    meta = asked.meta
    scope = replace(job.scope, transcripts=(meta.transcript_id,))
    hits = engine.evidence(job, kinds=("answer",), depth=20, scope=scope)
    best: dict[int, Evidence] = {}
    speakers = set(job.understood.speakers)
    for e in hits:  # "how did Klein answer her?": only Klein's reply, where the question names who answered
        if e.meta.reply_to == meta.turn_index and (not speakers or e.meta.speaker in speakers):
            best.setdefault(e.meta.turn_index, e)
    return sorted(best.values(), key=lambda e: (-e.meta.parts, -len(e.node.node.text)))[:MAX_ANSWERS]


def questions(engine: Engine, job: Ask) -> Answer:
    """'What questions were asked?', 'Which questions did Yu Jian answer?': from the overviews."""
    u, scope = job.understood, job.scope
    lines, citations = [], []
    for entry in engine.store.transcripts():
        if (scope.transcripts and entry.id not in scope.transcripts) or not _in_range(entry.date, scope):
            continue
        transcript, outline = engine.overview_of(entry)
        for line in outline.questions:
            if u.speakers and not set(u.speakers) & set(line.answered_by + [line.asked_by]):
                continue
            cite = turn_citation(len(citations) + 1, transcript, transcript.turns[line.turn_index], line.question)
            citations.append(cite)
            outlet = None if line.outlet and line.outlet in line.asked_by else line.outlet
            asker = ", ".join(filter(None, [line.asked_by, outlet]))
            answered = f" Answered by {', '.join(line.answered_by)}." if line.answered_by else " No answer recorded."
            at = f" at {clock(line.timestamp)}" if line.timestamp else ""
            lines.append(f'{cite.n}. {asker}{at}: "{line.question}" [{cite.n}]{answered}')
    if not lines:
        who = f" {' or '.join(u.speakers)} answered" if u.speakers else ""
        return Answer(question=u.question, answer=f"No questions{who} in the indexed transcripts.", refused=True)
    head = f"{len(lines)} question{'s' if len(lines) > 1 else ''}:"
    return Answer(question=u.question, answer="\n".join([head, *lines]), refused=False, citations=citations)


def _in_range(date: str | None, scope) -> bool:
    if not date:
        return not (scope.date_from or scope.date_to)
    return (not scope.date_from or date >= scope.date_from) and (not scope.date_to or date <= scope.date_to)
