"""The grounding judge: checks an answer against the transcripts as parsed from their files, not against
the store or anything the answerer computed.

An answer is read as segments, each ending in citation markers [n]:
- quotes (a segment that is one quoted span, or a quoted span of 3+ words inside prose) must be verbatim
  in a cited turn (whitespace aside), and each citation's own quote verbatim in its turn;
- attributions: a citation's speaker, timestamp and kind must be its turn's, and a header before a
  quote ("Chen Shaobo, Executive Vice Governor, at 10:27:15:" or "Chen Shaobo said") must name the
  cited turn's speaker, and its time if it gives one;
- claims (each sentence of a segment) are supported by the cited turns when verbatim in one of them, or
  when every number in the claim is in them and its embedding is close to one of their sentences or
  pairs of adjacent sentences (cosine >= SUPPORT). Uncited sentences of an answer that does not refuse
  are unsupported claims; a refusal's own words ("X did not talk about Y") are not judged.
No PyPI package ships usable NLI weights for offline use (see eval/README.md), so the last step is similarity, which
is blind to negation, to who-did-what-to-whom and to hedges: the number and verbatim checks carry the
weight, and the similarity step only admits paraphrases of a cited sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from chat.contract import Answer, Citation
from chat.formatting import clock
from index.embedder import Embedder
from ingest import Transcript, Turn
from ingest.people import split_label
from ingest.text import match_key

SUPPORT = 0.75
MIN_WORDS = 3  # shorter fragments ("Yeah.", "Thanks.") are not claims
_SEGMENT = re.compile(r"(?P<body>.*?)(?P<marks>(?:\s*\[\d+\])+)", re.S)
_HEADER = re.compile(r'\s*(?P<header>[^\n"]*[^\s"]):\s*')  # 'Yu Jian, Vice Governor, at 10:28:46: '
_SAID = re.compile(r'\s*(?P<header>[^\n"]*?)\s+(?:said|says|asked|answered|replied|added),?\s*')  # 'Yu Jian said '

_INNER_QUOTE = re.compile(r'"([^"\n]+)"')
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TIME = re.compile(r"\bat (\d\d:\d\d:\d\d)\b")


@dataclass
class Tally:
    total: int = 0
    ok: int = 0

    def add(self, ok: bool) -> bool:
        self.total += 1
        self.ok += bool(ok)
        return ok


@dataclass
class Grounding:
    quotes: Tally = field(default_factory=Tally)
    attributions: Tally = field(default_factory=Tally)
    claims: Tally = field(default_factory=Tally)
    problems: list[str] = field(default_factory=list)

    def check(self, tally: Tally, ok: bool, problem: str) -> None:
        if not tally.add(ok):
            self.problems.append(problem)


class Judge:
    def __init__(self, transcripts: dict[str, Transcript], embedder: Embedder, support: float = SUPPORT):
        self.transcripts = transcripts
        self.embedder = embedder
        self.support = support
        self._windows: dict[str, np.ndarray] = {}  # a turn's text -> its sentence windows' vectors

    def judge(self, answer: Answer) -> Grounding:
        result = Grounding()
        cited = {c.n: c for c in answer.citations}
        for citation in answer.citations:
            self._check_citation(result, citation)
        end = 0
        for match in _SEGMENT.finditer(answer.answer):
            end = match.end()
            marked = [cited[n] for n in _marks(match["marks"]) if n in cited]
            turns = [t for t in map(self._turn, marked) if t is not None]
            self._check_segment(result, answer, match["body"], turns, [c.quote for c in marked])
        self._uncited(result, answer, answer.answer[end:])
        return result

    # -- the parts -------------------------------------------------------------------------------

    def _check_citation(self, result: Grounding, c: Citation) -> None:
        turn = self._turn(c)
        where = f"[{c.n}] {c.transcript_id} turn {c.turn_index}"
        result.check(result.quotes, turn is not None and c.quote in turn.text, f"{where}: quote not verbatim in the turn")
        same = (
            turn is not None and same_person(c.speaker, turn.speaker) and (c.timestamp, c.kind) == (turn.timestamp, turn.kind)
        )
        result.check(result.attributions, same, f"{where}: speaker, time or kind differ from the turn's")

    def _check_header(self, result: Grounding, header: str, turns: list[Turn]) -> None:
        time = _TIME.search(header)
        for turn in turns:
            named = re.split(r",| asked\b| answered\b| on \w+ \d| at \d", header)[0]
            ok = (header.startswith(turn.speaker) or same_person(named, turn.speaker)) and (
                not time or clock(turn.timestamp) == time[1]
            )
            result.check(result.attributions, ok, f"header {header!r} does not match turn {turn.index} ({turn.speaker})")

    def _check_segment(self, result: Grounding, answer: Answer, body: str, turns: list[Turn], quotes: list[str]) -> None:
        """A header line and a quote ('Name, role, at 10:27:15: "..."'), after any uncited framing; or prose."""
        texts = [_space(t.text) for t in turns]
        body = body.strip()
        start = _final_quote(body, quotes)
        if start is not None:
            framing, _, last = body[:start].rpartition("\n")
            header = _HEADER.fullmatch(last) or _SAID.fullmatch(last)
            if header or not last.strip():  # a quote alone continues the header before it
                if not framing.rstrip().endswith(":"):  # "..., the transcripts say:" introduces the quotes
                    self._uncited(result, answer, framing)
                if header:
                    self._check_header(result, header["header"], turns)
                quote = _space(body[start + 1 : -1])
                ok = any(quote in t for t in texts)
                result.check(result.quotes, ok, f"quoted text not verbatim in its cited turn: {quote[:80]!r}")
                result.check(result.claims, ok, f"unsupported: {quote[:80]!r}")
                return
        self._check_prose(result, body, turns, texts)

    def _check_prose(self, result: Grounding, text: str, turns: list[Turn], texts: list[str]) -> None:
        for inner in _INNER_QUOTE.findall(text):
            if len(inner.split()) >= MIN_WORDS:
                ok = any(_space(inner) in t for t in texts)
                result.check(result.quotes, ok, f"quoted text not verbatim in its cited turn: {inner[:80]!r}")
        for sentence in _sentences(text):
            result.check(result.claims, self.supported(sentence, turns), f"unsupported: {sentence[:80]!r}")

    def _uncited(self, result: Grounding, answer: Answer, text: str) -> None:
        """Text outside any cited segment: a refusal's framing is fine; an answer's claims need citations."""
        if answer.refused:
            return
        for sentence in _sentences(text):
            result.check(result.claims, False, f"no citation: {sentence[:80]!r}")

    # -- support ---------------------------------------------------------------------------------

    def supported(self, claim: str, turns: list[Turn]) -> bool:
        if not turns:
            return False
        if any(_plain(claim) in _plain(t.text) for t in turns):
            return True
        numbers = set(_NUMBER.findall(claim))
        if not numbers <= {n for t in turns for n in _NUMBER.findall(t.text)}:
            return False
        vector = _unit(self.embedder.embed_texts([claim]))[0]
        return max(float((self._vectors(t) @ vector).max()) for t in turns) >= self.support

    def _vectors(self, turn: Turn) -> np.ndarray:
        if turn.text not in self._windows:
            sentences = _sentences(turn.text) or [turn.text]
            windows = sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]
            self._windows[turn.text] = _unit(self.embedder.embed_texts(windows))
        return self._windows[turn.text]

    def _turn(self, c: Citation) -> Turn | None:
        transcript = self.transcripts.get(c.transcript_id)
        if transcript is None or not 0 <= c.turn_index < len(transcript.turns):
            return None
        return transcript.turns[c.turn_index]


def _final_quote(body: str, quotes: list[str]) -> int | None:
    """Where the quoted span that ends the body opens: a cited quote exactly (it may hold quote marks and
    line breaks), else the last quote-free quoted span."""
    for quote in quotes:
        if body.endswith(f'"{quote}"'):
            return len(body) - len(quote) - 2
    found = re.search(r'"[^"]*"$', body)
    return found.start() if found else None


def _marks(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _sentences(text: str) -> list[str]:
    parts = (p.strip() for p in _SENTENCE.split(_space(text)))
    return [p for p in parts if len(p.split()) >= MIN_WORDS]


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _plain(text: str) -> str:
    """Verbatim up to case, whitespace, typographic quotes and surrounding punctuation."""
    return match_key(text).strip(" .,;:!?\"'")


def _unit(vectors) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    return array / np.maximum(np.linalg.norm(array, axis=1, keepdims=True), 1e-12)


def same_person(cited: str, parsed: str) -> bool:
    """The cited speaker is the one this file's own parse names: the same name, or, for a label this file
    alone does not resolve ("Administrator Criswell"), a full name the archive gives it with that surname
    ("Deanne Criswell"; the store names label-form speakers from other transcripts)."""
    if cited == parsed:
        return True
    label = split_label(parsed)
    return bool(label and label.surname) and split_label(cited) is None and cited.split()[-1] == label.surname
