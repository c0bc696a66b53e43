"""Search inside transcripts: every mention of a word or a phrase, across the archive or within one press
conference, by speaker and date, each with its speaker, turn and time.

The BM25 index already knows which chunks hold each word (as its stem): only the press conferences with
such a chunk are read (from the catalog, and kept while they don't change) and their turns checked, so a
rare word costs little however large the archive. A word matches its forms ("talent" finds "talents", as
the index stems it); a phrase in quotes matches its words in that order, case and punctuation aside;
several words without quotes must all stand in one turn. Every mention is counted; the hits returned are
the whole sentences that hold the first of them (or the sentences a phrase runs across), never a fragment.
bench/search_bench.py measures it on the 2023 archive.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict

from pydantic import BaseModel

from index.filters import Filters
from index.keyword import tokenize

from ingest.sentences import sentence_spans
from ingest.text import WORD, word_key

from .compose import turn_citation
from .contract import Citation

MAX_HITS = 500  # hits returned at most; the total counts every one
MAX_QUERY = 200  # characters of a query
MAX_WORDS = 12
_CACHE_TRANSCRIPTS = 512  # transcripts kept between searches (the 2023 archive: 224, 17 MB of JSON)
_CACHE_WORDS = 500_000
_EDGES = ".,'’-"  # what word_key strips off a word's ends
_WORD_AT = re.compile(r"[\w’'%.,-]+")  # ingest.text.WORD, matched where a word starts
_QUOTED = re.compile(r'\s*["“”](.+?)["“”]\s*')


class SearchHit(BaseModel):
    citation: Citation  # a whole sentence holding a mention (or the sentences a phrase runs across), verbatim
    marks: list[tuple[int, int]]  # where the mentions stand in citation.quote


class SearchResult(BaseModel):
    query: str
    phrase: bool
    words: list[str]  # what was looked for, folded
    total: int  # every mention within the filters
    turns: int  # the turns that hold one
    transcripts: int  # the press conferences that hold one
    hits: list[SearchHit]  # the sentences that hold them, by date, press conference, turn: the first `limit`
    truncated: bool = False  # more sentences hold a mention than `hits` shows
    note: str | None = None  # why there was nothing to look for, in plain words


class _Bounded(OrderedDict):
    """A map of at most `size` entries, the oldest dropped first; safe to fill from the server's threads."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self.lock = threading.Lock()

    def put(self, key, value) -> None:
        with self.lock:
            self[key] = value
            self.move_to_end(key)
            while len(self) > self.size:
                self.popitem(last=False)


_TRANSCRIPTS = _Bounded(_CACHE_TRANSCRIPTS)  # (transcript id, version) -> (transcript, its turns in lower case)
_VERSIONS = _Bounded(4)  # the store's committed state -> {transcript id: version}
_TERMS = _Bounded(_CACHE_WORDS)  # folded word -> the index's terms for it
_OWNERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # keyword index -> {chunk id: transcript id}


class UnknownSpeaker(ValueError):
    """The speaker filter names no one in the transcripts."""


def search(
    store, query: str, *, transcript: str | None = None, speaker: str | None = None,
    date_from: str | None = None, date_to: str | None = None, limit: int = MAX_HITS,
) -> SearchResult:  # fmt: skip
    """Every mention of the query in the committed transcripts, within the filters, and the first `limit`
    sentences that hold one. A ValueError names what is wrong with a filter (UnknownSpeaker: no such speaker);
    a query with nothing to look for gets a note saying why."""
    query = " ".join(query.split())
    if len(query) > MAX_QUERY:
        raise ValueError(f"A search is at most {MAX_QUERY} characters; this one has {len(query)}.")
    if speaker and speaker not in {e.name for entries in store.speakers().values() for e in entries}:
        raise UnknownSpeaker(f"No speaker is named “{speaker}” in the transcripts.")
    filters = Filters(
        speakers=(speaker,) if speaker else (), transcripts=(transcript,) if transcript else (),
        date_from=date_from, date_to=date_to,
    )  # fmt: skip
    quoted = _QUOTED.fullmatch(query)
    words = [w for w in (word_key(t) for t in WORD.findall(quoted[1] if quoted else query)) if w]
    result = SearchResult(query=query, phrase=bool(quoted), words=words, total=0, turns=0, transcripts=0, hits=[])
    if not words:
        result.note = "Type a word or a phrase to search for."
        return result
    if len(words) > MAX_WORDS:
        result.note = f"A search is at most {MAX_WORDS} words; this one has {len(words)}."
        return result
    terms = _terms(words)
    if not any(terms.values()):
        result.note = f"Every word of “{query}” is too common to search on: add a rarer one."
        return result
    find = _Phrase(words, terms) if quoted else _Words(words, terms)
    total = turns = transcripts = 0  # counted apart from the model: pydantic checks each assignment
    for held, lowered in _transcripts(store, _candidates(store, terms, filters)):
        mentioned = False
        for turn, low in zip(held.turns, lowered):
            spans = find(turn.text, low) if speaker in (None, turn.speaker) else []
            if not spans:
                continue
            mentioned, total, turns = True, total + len(spans), turns + 1
            if result.truncated:
                continue  # sentences only for the hits returned: splitting costs more than finding
            for quote, marks in _sentences(turn.text, spans):
                if len(result.hits) == limit:
                    result.truncated = True
                    break
                result.hits.append(SearchHit(citation=turn_citation(len(result.hits) + 1, held, turn, quote), marks=marks))
        transcripts += mentioned
    result.total, result.turns, result.transcripts = total, turns, transcripts
    return result


def _candidates(store, terms: dict[str, frozenset], filters: Filters) -> list[str]:
    """The press conferences with a chunk, within the filters, that holds each searchable word (a word the
    index drops, such as "the", is checked in the text only)."""
    keyword = store.view().keyword
    owners = _OWNERS.get(keyword)
    if owners is None:
        owners = _OWNERS[keyword] = dict(zip(keyword.ids, keyword.columns["transcript_id"].tolist()))
    mask = filters.mask(keyword.columns)
    found: set[str] | None = None
    for word in (w for w, t in terms.items() if t):
        holding = {owners[chunk_id] for chunk_id, _ in keyword.search(word, len(keyword.ids), mask)}
        found = holding if found is None else found & holding
    return list(found or ())


def _transcripts(store, ids: list[str]) -> list[tuple]:
    """The transcripts, by date, each with its turns' texts in lower case, from the cache unless they changed
    since they were read."""
    fingerprint = store.view().fingerprint
    versions = _VERSIONS.get(fingerprint)
    if versions is None:
        versions = {e.id: e.version for e in store.transcripts()}
        _VERSIONS.put(fingerprint, versions)
    out = []
    for transcript_id in ids:
        key = (transcript_id, versions.get(transcript_id))
        found = _TRANSCRIPTS.get(key)
        if found is None and (transcript := store.transcript(transcript_id)) is not None:
            found = (transcript, [t.text.lower() for t in transcript.turns])
            _TRANSCRIPTS.put(key, found)
        if found is not None:
            out.append(found)
    return sorted(out, key=lambda found: (found[0].date or "", found[0].id))


class _Words:
    """Mentions of each searchable word in any form the index gives the same stem; in a text that holds them all.

    The text is not tokenized whole: every form of a word begins with its stem less the stem's last letter,
    or two for a long stem (Porter2 changes only a word's end: it turns a final y into i, adds an "e" after
    "at", "bl", "iz" or a short syllable, and "biliti" becomes "ble"; its exceptions "dying", "lying" and
    "tying" become "die", "lie", "tie"; checked on the archive's 19,478 distinct words), so plain substring
    look-ups find the few words to check.
    """

    def __init__(self, words: list[str], terms: dict[str, frozenset]):
        self.wanted = list(dict.fromkeys(t for t in terms.values() if t))  # "talent talents": one word to find
        stems = sorted({stem for t in self.wanted for stem in t})
        self.prefixes = [_prefix(stem) for stem in stems]
        self.pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, self.prefixes))})[\w’'%.,-]*", re.I)

    def __call__(self, text: str, lowered: str) -> list[tuple[int, int]]:
        if not any(prefix in lowered for prefix in self.prefixes):
            return []  # most turns
        if len(lowered) == len(text):  # offsets agree, so look the prefixes up as plain substrings: far quicker
            starts = sorted({at for prefix in self.prefixes for at in _starts(lowered, prefix)})
            found = _edges(_WORD_AT.match(text, at) for at in starts)
        else:  # a letter whose lower case is longer ("İ")
            found = _edges(self.pattern.finditer(text))
        forms = _terms([key for _, _, key in found])
        spans, seen = [], set()
        for a, b, key in found:
            hit = {i for i, wanted in enumerate(self.wanted) if wanted & forms[key]}
            if hit:
                spans.append((a, b))
                seen |= hit
        return spans if len(seen) == len(self.wanted) else []


class _Phrase:
    """Mentions of the words in this order, case and punctuation aside: found by the longest word, checked
    in the words around it."""

    def __init__(self, words: list[str], terms: dict[str, frozenset]):
        self.words = words
        self.anchor = max(range(len(words)), key=lambda i: (bool(terms[words[i]]), len(words[i])))
        self.word = words[self.anchor].split("'")[0]
        escaped = re.escape(words[self.anchor]).replace("'", "['’]")
        self.pattern = re.compile(rf"(?<![\w’']){escaped}(?![\w’'])", re.I)
        self.reach = 3 * sum(len(w) + 1 for w in words) + 20  # characters either side the phrase can span

    def __call__(self, text: str, lowered: str) -> list[tuple[int, int]]:
        if self.word not in lowered:
            return []
        spans = set()
        for match in self.pattern.finditer(text):
            lo = max(match.start() - self.reach, 0)
            tokens = list(_edges(WORD.finditer(text, lo, match.end() + self.reach)))
            n = len(self.words)
            for i in range(len(tokens) - n + 1):
                if [t[2] for t in tokens[i : i + n]] == self.words and tokens[i + self.anchor][0] <= match.start() < tokens[i + self.anchor][1]:
                    spans.add((tokens[i][0], tokens[i + n - 1][1]))
        return sorted(spans)


def _prefix(stem: str) -> str:
    """What every word with this stem begins with (see _Words)."""
    if stem in ("die", "lie", "tie"):
        return stem[0]
    return stem[: len(stem) - (1 if len(stem) <= 4 else 2)] or stem


def _starts(lowered: str, prefix: str):
    """Where words that begin with `prefix` begin."""
    at = lowered.find(prefix)
    while at >= 0:
        if at == 0 or not (lowered[at - 1].isalnum() or lowered[at - 1] in "_’'"):
            yield at
        at = lowered.find(prefix, at + 1)


def _edges(matches) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of each matched word, its edge punctuation outside the span."""
    out = []
    for match in matches:
        raw, key = match.group(), word_key(match.group())
        if key:
            lead, trail = len(raw) - len(raw.lstrip(_EDGES)), len(raw) - len(raw.rstrip(_EDGES))
            out.append((match.start() + lead, match.end() - trail, key))
    return out


def _sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """The whole sentences the mentions stand in, each with its mentions' offsets in it."""
    grouped: dict[tuple[int, int], list[tuple[int, int]]] = {}
    sentences = sentence_spans(text)
    for a, b in spans:
        touched = [s for s in sentences if s[0] < b and s[1] > a] or [(a, b)]
        grouped.setdefault((touched[0][0], touched[-1][1]), []).append((a, b))
    return [(text[lo:hi], [(a - lo, b - lo) for a, b in marks]) for (lo, hi), marks in grouped.items()]


def _terms(words: list[str]) -> dict[str, frozenset]:
    """The index's terms (stems, stopwords dropped) for each folded word, tokenized as the index tokenizes."""
    found = {w: terms for w in words if (terms := _TERMS.get(w)) is not None}
    missing = [w for w in dict.fromkeys(words) if w not in found]
    if missing:
        tokenized = tokenize(missing)
        vocab = {i: term for term, i in tokenized.vocab.items()}
        for word, ids in zip(missing, tokenized.ids):
            found[word] = frozenset(vocab[i] for i in ids)
            _TERMS.put(word, found[word])
    return found
