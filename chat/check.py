"""Quote check: was this said, word for word, by whom, and when?

A pasted quote (misremembered, or translated differently) is aligned word by word with rapidfuzz
against the passages retrieval finds for it across the whole store, so that a quote moved to another
speaker is still found. Verdicts: verbatim, close (with a word diff), misattributed, not found.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from pydantic import BaseModel
from rapidfuzz import fuzz

from index.chunks import ChunkMeta, chunk_meta
from index.deadline import check_deadline
from index.filters import Filters
from index.retriever import HybridRetriever
from ingest.sentences import sentence_spans
from ingest.text import WORD, word_key, word_keys

from .compose import chunk_citation
from .contract import Citation
from .names import resolve_speakers

CLOSE = 75.0  # rapidfuzz partial ratio of the quote against its best-aligned passage
_ATTRIBUTED = re.compile(
    r"^(?P<who>[^,:\"“]{2,60}?)\s+(?:said|says|stated|told reporters)(?:\s+that)?[,:]?\s+(?P<quote>.+)$", re.S
)


class DiffOp(BaseModel):
    op: str  # equal, replace, delete (in the quote only), insert (in the transcript only)
    quote: str
    transcript: str


class CheckResult(BaseModel):
    quote: str
    verdict: str  # verbatim, close, misattributed, not_found
    speaker_named: str | None
    said_by: str | None
    score: float
    message: str
    citations: list[Citation]  # where it was said (the matched span, verbatim)
    diff: list[DiffOp]
    nearest: list[Citation]  # for not_found: the closest passages, for the reporter to judge


@dataclass
class _Match:
    score: float
    exact: bool
    meta: ChunkMeta
    span: str  # the matched transcript text, verbatim
    sentences: str  # the whole sentences that hold it: what a citation quotes, never a fragment
    at: int = 0  # where those sentences start in the chunk's text


def check_quote(engine, quote: str, speaker: str | None = None) -> CheckResult:
    registry = engine.registry()
    if speaker is None:
        speaker, quote = split_attribution(quote, registry)
    named = (resolve_speakers(speaker, registry)[0] or [speaker])[0] if speaker else None
    quote = quote.strip().strip('"“”')
    matches = _matches(engine.store, quote)
    if named:
        matches += _matches(engine.store, quote, Filters(speakers=(named,)))
    matches.sort(key=lambda m: (m.exact, m.score), reverse=True)
    best = matches[0] if matches else None
    if best is None or best.score < CLOSE:
        return _not_found(quote, named, matches)
    own = next((m for m in matches if m.meta.speaker == named), None) if named else best
    if named and (own is None or own.score < CLOSE):
        message = f"Said by {best.meta.speaker}, not {named}."
        return _result(quote, "misattributed", named, best, message)
    match = own or best
    verdict = "verbatim" if match.exact else "close"
    message = "Found word for word." if match.exact else "Found with differences."
    return _result(quote, verdict, named, match, message)


def split_attribution(text: str, registry) -> tuple[str | None, str]:
    """'Chen Shaobo said talent is the key.' -> ('Chen Shaobo', 'talent is the key.') when the registry knows him."""
    match = _ATTRIBUTED.match(text.strip())
    if match and resolve_speakers(match["who"], registry)[0]:
        return match["who"], match["quote"]
    return None, text


def _matches(store, quote: str, filters: Filters = Filters()) -> list[_Match]:
    """The best-matching sentence (or pair of sentences, or a fragment of one) of each retrieved chunk."""
    wanted = word_keys(quote)
    found = []
    for hit in HybridRetriever(store, top_k=8, filters=filters).retrieve(quote):
        check_deadline()  # aligning a long quote with each passage is the check's costly loop
        text = hit.node.text
        if exact := _exact_span(wanted, text):
            found.append(_Match(100.0, True, chunk_meta(hit.node), exact, *whole_sentences(text, exact)))
            continue
        scored = [(_similarity(wanted, text[a:b]), a, b) for a, b in _candidates(text)]
        if not scored:
            continue
        (score, fragment), a, b = max(scored, key=lambda x: x[0][0])
        at = a + fragment[0] if fragment else a
        span = text[a + fragment[0] : a + fragment[1]] if fragment else text[a:b]
        found.append(_Match(score, False, chunk_meta(hit.node), span, *whole_sentences(text, span)))
    return found


def whole_sentences(text: str, span: str) -> tuple[str, int]:
    """The sentences of `text` that `span` (a substring of it) touches, and where they start: "talent is
    the key. Therefore," is quoted as "To revitalize Heilongjiang, talent is the key. Therefore, we
    always insist … measures." in full."""
    start = text.find(span)
    touched = [(a, b) for a, b in sentence_spans(text) if a < start + len(span) and b > start]
    if start < 0 or not touched:
        return span, max(start, 0)
    return text[touched[0][0] : touched[-1][1]], touched[0][0]


def _exact_span(wanted: list[str], text: str) -> str | None:
    """The passage holding the quote's words in order, case and punctuation aside, as written."""
    tokens = [t for t in WORD.finditer(text) if word_key(t.group())]
    first = _find([word_key(t.group()) for t in tokens], wanted)
    return text[tokens[first].start() : tokens[first + len(wanted) - 1].end()] if first >= 0 else None


def _candidates(text: str) -> list[tuple[int, int]]:
    """Each sentence and each pair of neighbouring sentences: a quote may run across a boundary."""
    spans = sentence_spans(text)
    return spans + [(spans[i][0], spans[i + 1][1]) for i in range(len(spans) - 1)]


def _similarity(wanted: list[str], passage: str) -> tuple[float, tuple[int, int] | None]:
    """Score 0-100 of the quote against a passage, tolerant of changed, dropped and reordered words.
    A quote much shorter than the passage is scored as a fragment; the fragment's span comes back."""
    tokens = list(WORD.finditer(passage))
    normed = [word_key(t.group()) for t in tokens]
    a, b = " ".join(wanted), " ".join(normed)
    whole = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
    if len(a) >= 0.7 * len(b) or not tokens:
        return whole, None
    alignment = fuzz.partial_ratio_alignment(a, b)
    if alignment is None or alignment.score <= whole:
        return whole, None
    first, last = _word_range(normed, alignment.dest_start, alignment.dest_end)
    return alignment.score, (tokens[first].start(), tokens[last].end())


def _result(quote: str, verdict: str, named: str | None, match: _Match, message: str) -> CheckResult:
    cite = chunk_citation(1, match.meta, match.sentences, match.at)
    if cite.interpreted:
        message += f" As interpreted: these are an interpreter's English words, not {match.meta.speaker}'s own."
    return CheckResult(
        quote=quote, verdict=verdict, speaker_named=named, said_by=match.meta.speaker, score=match.score,
        message=message, citations=[cite],
        diff=[] if match.exact else word_diff(quote, match.span), nearest=[],
    )  # fmt: skip


def _not_found(quote: str, named: str | None, matches: list[_Match]) -> CheckResult:
    nearest = [chunk_citation(i + 1, m.meta, m.sentences, m.at) for i, m in enumerate(_distinct(matches)[:3])]
    return CheckResult(
        quote=quote, verdict="not_found", speaker_named=named, said_by=None,
        score=matches[0].score if matches else 0.0,
        message="Nothing close in the indexed transcripts; the nearest passages are listed.",
        citations=[], diff=[], nearest=nearest,
    )  # fmt: skip


def _distinct(matches: list[_Match]) -> list[_Match]:
    """Each passage once, best first: the named speaker's own search and a duplicated transcript find the same
    sentences again."""
    seen, out = set(), []
    for m in matches:
        key = tuple(word_keys(m.sentences))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def word_diff(quote: str, transcript: str) -> list[DiffOp]:
    """Word-level differences, compared case- and punctuation-blind but shown as written."""
    a, b = WORD.findall(quote), WORD.findall(transcript)
    matcher = difflib.SequenceMatcher(None, [word_key(w) for w in a], [word_key(w) for w in b], autojunk=False)
    return [
        DiffOp(op=op, quote=" ".join(a[i1:i2]), transcript=" ".join(b[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _word_range(normed: list[str], start: int, end: int) -> tuple[int, int]:
    """Word indices covering characters start..end of " ".join(normed)."""
    position, first, last = 0, None, 0
    for i, word in enumerate(normed):
        if position + len(word) > start and first is None:
            first = i
        if position < end:
            last = i
        position += len(word) + 1
    return first or 0, max(last, first or 0)


def _find(haystack: list[str], needle: list[str]) -> int:
    n = len(needle)
    return next((i for i in range(len(haystack) - n + 1) if haystack[i : i + n] == needle), -1) if n else -1
