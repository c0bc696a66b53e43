"""Checking a model's answer against its numbered sources: what fails is dropped, never repaired.

The answer is cut into units: its lines, each split with ingest.sentences; a quotation that runs over
several sentences is one unit, and a [n] that opens a sentence belongs to the one before it (models
write "... as she said. [1]"). A unit is kept only when it passes every rule:

1. cited: it carries a [n] (or [n, m]) and every n names a source. A unit with no [n] is kept only
   as framing: it ends with a colon and holds no digit, no quotation mark and no capitalised word
   but its first, so it names no one and states nothing ("Here is what was said:"). Framing alone is
   no answer.
2. quotes: the text of each "..." or “...” appears verbatim in one of its cited sources, after
   collapsing whitespace and straightening curly quotes and apostrophes, nothing else. An unclosed
   quotation fails.
3. numbers: every number in it (825,000 = 825000; 31.7% -> 31.7) is a number of its cited sources,
   their text or the date and time they are shown with.
4. speakers: every word of a source speaker's name that it uses outside quotation marks belongs to
   the name of a speaker it cites, so a quote can't be put in another speaker's mouth.
5. wording: at least 4 in 5 of its own words (outside quotation marks; stemmed; less stop words and
   verbs of saying) occur in its cited sources' text, speaker or role. This holds a paraphrase to
   the sources' words; it can't tell whether it keeps their meaning (a dropped "not" passes).
"""

from __future__ import annotations

import re
from decimal import Decimal

import Stemmer
from rapidfuzz import fuzz, process, utils
from bm25s.stopwords import STOPWORDS_EN_PLUS

from ingest.sentences import sentence_spans
from ingest.text import fold, folded

from .contract import Answer, Citation
from .formatting import moment

REFUSAL = "The model's answer could not be verified against the transcripts."
COVERAGE = 0.8

_STEMMER = Stemmer.Stemmer("english")
# Words that attribute rather than claim: a source needn't contain them.
_SAYING = set(_STEMMER.stemWords(
    "said say says stated added noted mentioned explained spoke speaking told asked answered replied "
    "remarked stressed emphasized emphasised highlighted pointed according source sources".split()
))  # fmt: skip

_MARKER = re.compile(r"\[\s*(\d+(?:\s*,\s*\d+)*)\s*\]")
_LEADING_MARKERS = re.compile(r"(?:\s*\[\s*\d+(?:\s*,\s*\d+)*\s*\])+[.!?]*")
_BULLET = re.compile(r"\s*(?:[-*•]|\d{1,2}[.)])\s+")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_QUOTED = re.compile(r'"([^"]*)"')
_CAPITALISED = re.compile(r"\b[A-Z][\w-]*")
_STOPWORDS = frozenset(STOPWORDS_EN_PLUS)


def verify(question: str, text: str, sources: list[Citation]) -> Answer:
    by_n = {s.n: s for s in sources}
    kept, unsupported, support = _sift(text, by_n)
    if not support:  # nothing cited survived: framing alone answers nothing
        return Answer(question=question, answer=REFUSAL, refused=True, unsupported=unsupported)
    order = _first_use(kept)
    answer = _MARKER.sub(lambda m: _renumbered(m, order), kept)
    citations = [_narrowed(by_n[n], new, support[n]) for n, new in order.items()]
    return Answer(question=question, answer=answer, refused=False, unsupported=unsupported, citations=citations)


def _sift(text: str, by_n: dict[int, Citation]) -> tuple[str, list[str], dict[int, list[tuple[int, int]]]]:
    """The kept text (lines, bullets and paragraphs as written), the dropped units, and for each
    source cited by a kept unit the spans of it that they rest on."""
    lines, unsupported, support, seen = [], [], {}, set()
    for line in _lines(text):
        bullet = _BULLET.match(line)
        prefix = bullet.group() if bullet else ""
        kept = []
        for unit in units(line[len(prefix) :]):
            if unit in seen:  # small models loop; one copy of a sentence is enough
                continue
            seen.add(unit)
            spans = check(unit, by_n)
            if spans is None:
                unsupported.append(unit)
                continue
            kept.append(unit)
            for n, span in spans.items():
                support.setdefault(n, []).append(span)
        if kept or not line.strip():
            lines.append(prefix + " ".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), unsupported, support


def _lines(text: str) -> list[str]:
    """The answer's lines, a quotation broken over lines kept in one."""
    lines: list[str] = []
    for line in text.split("\n"):
        if lines and _quote_count(lines[-1]) % 2:
            lines[-1] += "\n" + line
        else:
            lines.append(line)
    return lines


def units(line: str) -> list[str]:
    """The line's sentences, verbatim; quotations kept whole and opening markers moved back."""
    spans: list[list[int]] = []
    for a, b in sentence_spans(line):
        lead = _LEADING_MARKERS.match(line, a)
        if spans and lead:
            spans[-1][1], a = lead.end(), lead.end()
        if spans and _quote_count(line[spans[-1][0] : spans[-1][1]]) % 2:
            spans[-1][1] = b
        elif line[a:b].strip():
            spans.append([a, b])
    return [line[a:b].strip() for a, b in spans if line[a:b].strip()]


def check(unit: str, by_n: dict[int, Citation]) -> dict[int, tuple[int, int]] | None:
    """The span each cited source supports, {} for framing, None when the unit fails a rule."""
    cited = markers(unit)
    if not cited:
        return {} if is_framing(unit) else None
    if any(n not in by_n for n in cited):
        return None
    sources = [by_n[n] for n in cited]
    plain = _MARKER.sub(" ", unit)
    quotes = quotations(plain)
    outside = _QUOTED.sub(" ", fold(plain))
    if quotes is None or not _numbers(plain) <= set().union(*(_source_numbers(s) for s in sources)):
        return None
    if not _names_ok(outside, sources, list(by_n.values())) or not _wording_ok(outside, sources):
        return None
    found = {s.n: [find_verbatim(q, s.quote) for q in quotes] for s in sources}
    if not all(any(found[s.n][i] for s in sources) for i in range(len(quotes))):
        return None
    return {s.n: _cover(found[s.n]) if any(found[s.n]) else _best_sentence(outside, s.quote) for s in sources}


def markers(unit: str) -> list[int]:
    """The source numbers a unit cites, in order of first appearance."""
    numbers = [int(n) for m in _MARKER.finditer(unit) for n in re.split(r"\s*,\s*", m.group(1))]
    return list(dict.fromkeys(numbers))


def quotations(text: str) -> list[str] | None:
    """The non-empty quoted texts, normalised; None when a quotation is left open."""
    straight = fold(text)
    if straight.count('"') % 2:
        return None
    return [q for q in (fold(m) for m in _QUOTED.findall(straight)) if q]


def is_framing(unit: str) -> bool:
    words = _CAPITALISED.findall(unit)[1:] if unit[:1].isupper() else _CAPITALISED.findall(unit)
    return unit.endswith(":") and not re.search(r"\d", unit) and not _quote_count(unit) and set(words) <= {"I"}


def find_verbatim(quote: str, source: str) -> tuple[int, int] | None:
    """Offsets in source of the (normalised) quote, mapped back to the source's own characters."""
    text, where = folded(source)
    at = text.find(quote)
    if at < 0 or not quote:
        return None
    return where[at], where[at + len(quote) - 1] + 1


def source_time(source: Citation) -> str:
    """When the source was said, as the prompt shows it."""
    if source.timestamp:
        return source.timestamp.replace("T", " ")
    return moment(None, source.start) or ""


def _quote_count(text: str) -> int:
    return sum(text.count(q) for q in '"“”')


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(m.replace(",", "")) for m in _NUMBER.findall(text)}


def _source_numbers(source: Citation) -> set[Decimal]:
    return _numbers(" ".join([source.quote, source.date or "", source_time(source)]))


def _names_ok(outside: str, cited: list[Citation], sources: list[Citation]) -> bool:
    used = set(_CAPITALISED.findall(outside))
    named = used & {w for s in sources for w in _CAPITALISED.findall(s.speaker)}
    return named <= {w for s in cited for w in _CAPITALISED.findall(s.speaker)}


def _wording_ok(outside: str, cited: list[Citation]) -> bool:
    words = [w for w in _stems(outside) if w not in _SAYING]
    known = set(_stems(" ".join(f"{s.quote} {s.speaker} {s.role or ''}" for s in cited)))
    return sum(w in known for w in words) >= COVERAGE * len(words)


def _stems(text: str) -> list[str]:
    words = re.findall(r"[a-z]{2,}", text.lower())
    return _STEMMER.stemWords([w for w in words if w not in _STOPWORDS])


def _cover(spans: list[tuple[int, int] | None]) -> tuple[int, int]:
    found = [s for s in spans if s]
    return min(a for a, _ in found), max(b for _, b in found)


def _best_sentence(claim: str, source: str) -> tuple[int, int]:
    """The source sentence closest in wording to an unquoted claim."""
    spans = sentence_spans(source) or [(0, len(source))]
    texts = [source[a:b] for a, b in spans]
    best = process.extractOne(claim, texts, scorer=fuzz.token_set_ratio, processor=utils.default_process)
    return spans[best[2]]


def _first_use(text: str) -> dict[int, int]:
    """Old source number -> new, 1..k in order of first use."""
    order: dict[int, int] = {}
    for n in markers(text):
        order.setdefault(n, len(order) + 1)
    return order


def _renumbered(match: re.Match, order: dict[int, int]) -> str:
    numbers = dict.fromkeys(order[int(n)] for n in re.split(r"\s*,\s*", match.group(1)))
    return "[" + ", ".join(map(str, numbers)) + "]"


def _narrowed(source: Citation, n: int, spans: list[tuple[int, int]]) -> Citation:
    """The citation renumbered, quoting the smallest verbatim span covering all it supports."""
    a, b = min(s for s, _ in spans), max(e for _, e in spans)
    return source.model_copy(update={"n": n, "quote": source.quote[a:b]})
