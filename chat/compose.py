"""Turning chosen sentences into the answer text and its citations: quotes verbatim, each marked [n]."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.interpretation import overlaps

from .contract import Citation
from .formatting import long_date, moment, short_role

if TYPE_CHECKING:  # the evidence module pulls in the embedding stack; rendering must not
    from index.chunks import ChunkMeta

    from .evidence import Evidence


def when(meta: ChunkMeta) -> str | None:
    """'at 10:27:15', 'at 4:05 into the recording', or, where turns carry no time, 'on May 2, 2023'."""
    said = moment(meta.timestamp, meta.start)
    if said:
        return f"at {said}"
    return f"on {long_date(meta.date)}" if meta.date else None


def attribution(meta: ChunkMeta, verb: str = "", interpreted: bool = False) -> str:
    """'Chen Shaobo, Executive Vice Governor, at 10:27:15' or '..., Executive Vice Governor, answered at ...';
    'Andrzej Duda, President of Poland (as interpreted), ...' when the quotes are an interpreter's English."""
    role = short_role(meta.speaker, meta.role)
    who = ", ".join(filter(None, [meta.speaker, role])) + (" (as interpreted)" if interpreted else "")
    action = " ".join(filter(None, [verb, when(meta)]))
    if not action:
        return who
    return f"{who}, {action}" if role or not verb else f"{who} {action}"


def citation(n: int, evidence: list[Evidence]) -> Citation:
    """One citation for adjacent sentences of one chunk: the quote spans them, verbatim."""
    text = evidence[0].node.node.text
    start = min(e.start for e in evidence)
    quote = text[start : max(e.end for e in evidence)]
    return chunk_citation(n, evidence[0].meta, quote, start)


def chunk_citation(n: int, meta: ChunkMeta, quote: str, at: int | None = None) -> Citation:
    """`at`: where the quote starts in the chunk's text (None: the whole chunk is checked)."""
    start, end = (at, at + len(quote)) if at is not None else (0, 1 << 30)
    return Citation(
        n=n, transcript_id=meta.transcript_id, transcript_title=meta.title, date=meta.date, speaker=meta.speaker,
        role=meta.role, kind=meta.kind, turn_index=meta.turn_index, timestamp=meta.timestamp, start=meta.start,
        end=meta.end, quote=quote, source_url=meta.source_url, interpreted=meta.is_interpreted(start, end),
    )  # fmt: skip


def quote_answer(chosen: list[Evidence], verb: str = "") -> tuple[str, list[Citation]]:
    """Group the chosen sentences by turn (most relevant turn first), merge neighbours, cite each quote."""
    turns: dict[tuple, list[Evidence]] = {}
    for evidence in chosen:
        key = (evidence.meta.transcript_id, evidence.meta.turn_index)
        turns.setdefault(key, []).append(evidence)
    lines, citations = [], []
    for group in turns.values():
        quotes, cited = [], []
        runs = _adjacent_runs(sorted(group, key=lambda e: e.turn_offset))
        for run in sorted(runs, key=lambda r: max(e.score for e in r), reverse=True):
            cite = citation(len(citations) + 1, run)
            citations.append(cite)
            cited.append(cite)
            quotes.append(f'"{cite.quote}" [{cite.n}]')
        interpreted = any(c.interpreted for c in cited)
        lines.append(f"{attribution(group[0].meta, verb, interpreted)}: " + " ".join(quotes))
    return "\n\n".join(lines), citations


def _adjacent_runs(evidence: list[Evidence]) -> list[list[Evidence]]:
    runs: list[list[Evidence]] = []
    for e in evidence:
        text, last = e.node.node.text, runs[-1][-1] if runs else None
        if last and last.node.node.node_id == e.node.node.node_id and not text[last.end : e.start].strip():
            runs[-1].append(e)
        else:
            runs.append([e])
    return runs


def turn_citation(n: int, transcript, turn, quote: str) -> Citation:
    """A citation straight from a stored transcript's turn (the overview has no retrieval hit)."""
    at = turn.text.find(quote)
    start, end = (at, at + len(quote)) if at >= 0 else (0, len(turn.text))
    return Citation(
        n=n, transcript_id=transcript.id, transcript_title=transcript.title, date=transcript.date,
        speaker=turn.speaker, role=turn.role, kind=turn.kind, turn_index=turn.index,
        timestamp=turn.timestamp, start=turn.start, end=turn.end, quote=quote, source_url=transcript.source_url,
        interpreted=overlaps(turn.interpreted, start, end),
    )  # fmt: skip
