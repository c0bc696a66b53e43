"""Event words in a question, matched against the events' titles and place lines.

A question names an event by its kind ("the gaggle", "a background call") and by what its title or
place line says: a place or trip ("en route to Hanoi", "aboard Air Force One", "in Hiroshima"), a
guest ("with the Energy Secretary"). Nothing here lists this archive's places or guests: a phrase
after a cue is matched word by word against every event's fields, and an event matches when all its
content words occur close together in one field (so "Energy Secretary" finds "Secretary of Energy"
but not "Press Secretary ... Clean Energy"). Spellings match fuzzily (rapidfuzz) and by stem
("adviser" ~ "advisor", "briefings" ~ "briefing"). A phrase whose words are in most titles
("the press briefing room") is not a filter at all: words are weighed by how rare they are.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import Stemmer
from rapidfuzz import fuzz, process

from .when_dates import KIND

# Function words of the phrases; role words ("secretary") stay, they are what titles are made of.
STOP = {
    "the", "a", "an", "of", "to", "and", "for", "from", "with", "on", "in", "at", "by", "en", "route",
    "aboard", "her", "his", "their", "its", "s", "this", "that", "while", "during", "way", "flight",
    "board", "mr", "ms", "mrs", "dr",
}  # fmt: skip
# Kinds whose words reporters use loosely for any press event: they narrow only when something is left.
GENERIC_KINDS = {"briefing", "conference", "remarks"}
_HEADS = {"briefing": "briefing", "gaggle": "gaggle", "conference": "conference", "presser": "conference",
          "remarks": "remarks", "call": "call"}  # fmt: skip
_KIND_WORDS = re.compile(
    r"\b(?P<mod>(?:background|on[-\s]the[-\s]record|virtual|joint)\s+)?(?:(?:press|news)\s+)?"
    r"(?P<head>briefing|gaggle|conference|presser|remarks|(?<=press\s)call|(?<=background\s)call"
    r"|(?<=conference\s)call)s?\b",  # "the call" alone is as often a phone call between leaders
    re.I,
)
# Where an event took place; "the trip to Hanoi" is as often a topic, so "trip" and "visit" are no cues.
_TRAVEL = (
    r"aboard|on\s+board|en\s+route(?:\s+to)?|on\s+(?:the|her|his|their)\s+(?:way|flight)\s+to|while\s+in"
)
_SPEECH = (
    r"say|said|says|tell|told|speak|spoke|talk|talked|announce|announced|answer|answered|mention|mentioned"
    r"|discuss|discussed|comment|commented|explain|explained"
)
_CUES = re.compile(
    rf"\b(?P<travel>{_TRAVEL})\b"
    rf"|(?<=\w)\s+(?P<with>with|alongside|featuring|joined\s+by)\b"
    rf"|(?:{KIND}|\b(?:{_SPEECH}))\s+(?P<soft>in|at|from|on|during|for|ahead\s+of|previewing)\b"
    rf"|^\s*(?P<lead>in|at)\b",
    re.I,
)
_ADJECTIVE = re.compile(
    rf"\b(?:the|her|his|their)\s+(?P<words>(?:[A-Z][\w.-]*\s+){{1,3}})(?:(?:press|news|joint|background)\s+)?{KIND}\b"
)
_END = re.compile(
    r"[,;?!:]|\.(?=\s|$)|\b(?:about|regarding|concerning|on|say|said|did|does|do|when|where|what|why|how|who"
    r"|whether|that|which|if|was|were|is|are|has|have|had|talk|speak|"
    rf"{_TRAVEL}|with|alongside)\b|\b{KIND}\b",
    re.I,
)
_STEM = Stemmer.Stemmer("english")
_ENOUGH = 0.5  # the share of a phrase's weight an event must hold to match it
_LEAST = 0.05  # the weight of a word in every event ("press"): it counts, barely


def tokens(text: str) -> list[str]:
    """Lowercase words without accents or possessive: "López Obrador's" -> ["lopez", "obrador"]."""
    plain = unicodedata.normalize("NFKD", re.sub(r"['’]s\b", "", text)).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", plain.lower())


@dataclass(frozen=True)
class Kind:
    """An event kind the question names; `needs` are the title words an event of the kind has."""

    span: tuple[int, int]
    words: str  # as the question says it: "background call"
    needs: tuple[str, ...]
    generic: bool


@dataclass(frozen=True)
class Phrase:
    span: tuple[int, int]  # the cue and its words
    text: str  # "en route to Hanoi"
    words: tuple[str, ...]  # content words
    strong: bool  # after "with", "aboard", "en route to": an event the question insists on
    capitalized: bool
    adjective: bool = False  # before the kind: "the Hanoi gaggle"
    names: tuple[str, ...] = ()  # the content words written with a capital: names, which must be found
    place: bool = False  # after "in" or "at", or before the kind: a place


def find_kinds(question: str) -> list[Kind]:
    found = []
    for m in _KIND_WORDS.finditer(question):
        head = _HEADS[m["head"].lower()]
        mods = [w for w in tokens(m["mod"] or "") if w not in ("on", "the")]
        said = " ".join(m[0].lower().split())
        found.append(Kind(m.span(), said if head == "remarks" else said.removesuffix("s"),
                          tuple(mods + [head]), head in GENERIC_KINDS and not mods))  # fmt: skip
    return found


def find_phrases(question: str, taken: Sequence[tuple[int, int]], kinds: Sequence[Kind]) -> list[Phrase]:
    """Event phrases after a cue ("with ...", "en route to ...", "the briefing in ..."), in order."""
    found = []
    for m in _CUES.finditer(question):
        cue = next(name for name in ("travel", "with", "soft", "lead") if m[name])
        if cue == "with" and not any(k.span[1] == m.start() for k in kinds):
            continue  # "with" qualifies an event ("the briefing with ..."), not talks or a phone call
        place = cue == "lead" or (cue == "soft" and m[cue].lower() in ("in", "at"))
        found.append(
            _object(question, m.start(cue), m.end(cue), taken, cue in ("travel", "with"), place=place)
        )
    for m in _ADJECTIVE.finditer(question):  # "the Hanoi gaggle", "the Camp David press conference"
        found.append(
            _object(question, m.start("words"), m.start("words"), taken, False, adjective=True, place=True)
        )
    found = [p for p in found if p]
    # "at the El Paso gaggle": the words after "at" are the adjective's; keep them once, as an adjective
    adjectives = [p.span for p in found if p.adjective]
    return sorted(
        (p for p in found if p.adjective or not _overlapping(p.span, adjectives)), key=lambda p: p.span
    )


def _overlapping(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _object(question: str, start: int, after: int, taken, strong: bool, **how) -> Phrase | None:
    """The words after a cue, up to punctuation, a clause word, another cue or a date (at most 8)."""
    if any(a <= start < b for a, b in taken):
        return None
    stop = _END.search(question, after)
    end = min([stop.start() if stop else len(question)] + [a for a, _ in taken if a >= after])
    words = list(re.finditer(r"\S+", question[after:end]))[:8]
    content = tuple(t for t in tokens(" ".join(w[0] for w in words)) if t not in STOP)
    if not content:
        return None
    last = after + words[-1].end()
    text = " ".join(question[start:last].split())
    names = tuple(t for w in words if w[0][0].isupper() for t in tokens(w[0]) if t not in STOP)
    return Phrase((start, last), text, content, strong, bool(names), names=names, **how)


class TitleIndex:
    """Each event's words by field (title, place line, each person), with where they occur."""

    def __init__(self, events: Sequence[tuple[str, str, Sequence[str]]]):
        self.fields = [
            [tokens(title), tokens(place)] + [tokens(p) for p in people] for title, place, people in events
        ]
        self.postings: dict[str, set[int]] = {}
        for i, event_fields in enumerate(self.fields):
            for field in event_fields:
                for token in field:
                    self.postings.setdefault(token, set()).add(i)
        self.size = len(self.fields)
        self._vocab = list(self.postings)
        self._stems: dict[str, set[str]] = {}
        for token, stem in zip(self._vocab, _STEM.stemWords(self._vocab)):
            self._stems.setdefault(stem, set()).add(token)
        self._similar: dict[str, frozenset[str]] = {}

    def similar(self, word: str) -> frozenset[str]:
        """Title words that are this word: itself, its stem's family, near spellings of 5+ letters."""
        if word not in self._similar:
            found = set(self._stems.get(_STEM.stemWord(word), ())) | ({word} & self.postings.keys())
            if len(word) >= 5:
                found |= {
                    t
                    for t, _, _ in process.extract(
                        word, self._vocab, scorer=fuzz.ratio, score_cutoff=85, limit=None
                    )
                    if len(t) >= 4
                }
            self._similar[word] = frozenset(found)
        return self._similar[word]

    def known(self, words: Sequence[str]) -> bool:
        return any(self.similar(w) for w in words)

    def informative(self, words: Sequence[str]) -> bool:
        """Some word is in at most half the events (or in none): "press" alone selects nothing."""
        return any(not self.similar(w) or self.idf(w) >= math.log(2) for w in words)

    def idf(self, word: str) -> float:
        return self.idf_of(self.similar(word))

    def idf_of(self, family: frozenset[str]) -> float:
        events = self._events(family)
        return math.log(self.size / len(events)) if events else 0.0

    def matching(self, phrase: Phrase, among: set[int], places: bool = False) -> set[int]:
        """The events of `among` that hold the most of the phrase's weight close together in one field,
        and at least half of it. Each word weighs as rare as it is among the events. A word no event has
        counts against all as the rarest would when it is a name ("Granholm"), and not at all otherwise
        ("outgoing" tells no event apart). Close together: within n+2 places ("Secretary of Homeland
        Security" for "Homeland Security Secretary"), and two words at least when the phrase has two
        ("Energy Secretary" is not "Press Secretary ... Clean Energy").
        places: only in the place line (the title when there is none): "in ...", "at ..." name places."""
        found = [(w, self.similar(w)) for w in phrase.words]
        families = [f for _, f in found if f]
        if not families:
            return set()
        weights = [max(self.idf_of(f), _LEAST) for f in families]
        missing_names = sum(1 for w, f in found if not f and w in phrase.names)
        total = sum(weights) + missing_names * math.log(self.size + 1)
        candidates = among & set().union(*(self._events(f) for f in families))
        scores = {i: max((_held(field, families, weights) for field in self._where(i, places)), default=0.0) / total for i in candidates}
        best = max(scores.values(), default=0.0)
        return {i for i, score in scores.items() if score >= _ENOUGH and score >= best - 1e-9}

    def _where(self, i: int, places: bool) -> list[list[str]]:
        title, place, *_ = self.fields[i]
        return ([place] if place else [title]) if places else self.fields[i]

    def _events(self, family: frozenset[str]) -> set[int]:
        return set().union(*(self.postings[t] for t in family))


def _held(field: list[str], families: list[frozenset[str]], weights: list[float]) -> float:
    """The most weight of the families found within n+2 places of one another in the field, counting
    only windows with two families at least when there are two to find."""
    reach, best = len(families) + 1, 0.0
    spots = [p for p, t in enumerate(field) if any(t in f for f in families)]
    for p in spots:
        window = field[p : p + reach + 1]
        held = [w for f, w in zip(families, weights) if any(t in f for t in window)]
        if len(held) >= min(2, len(families)):
            best = max(best, sum(held))
    return best
