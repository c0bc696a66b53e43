"""Understanding a question: whom it is about (from the speaker registry), what it asks, its topic.

Names are matched with rapidfuzz against the registry, never against a list in the code: full names,
misspellings, a surname or given name after a title ("Governor Liang"), a role ("the executive vice
governor"), an outlet ("the Xinhua reporter"). A follow-up with a pronoun or no name ("what else did
he say?", "and Yu Jian?") borrows the speaker or the topic of the previous question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

HONORIFICS = {"mr", "ms", "mrs", "dr", "the", "hon", "sir", "madam"}
TITLES = {
    "governor", "vice", "executive", "chair", "chairman", "chairwoman", "secretary", "president",
    "minister", "spokesperson", "spokesman", "spokeswoman", "director", "deputy", "admiral",
    "general", "senator", "premier", "mayor", "ambassador", "commissioner", "professor", "member",
}  # fmt: skip
GENERIC = {"reporter", "correspondent", "journalist", "news", "agency", "senior", "official", "of", "and"}
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|they|them|their)\b", re.I)
_FOLLOW_UP = re.compile(r"^\s*(and|what about|how about|what else|anything else|else)\b", re.I)
_SCAFFOLD = {
    "what", "did", "does", "do", "say", "said", "says", "talk", "talked", "speak", "spoke", "mention",
    "mentioned", "discuss", "discussed", "about", "regarding", "on", "tell", "me", "us", "who", "asked",
    "ask", "answered", "answer", "responded", "respond", "replied", "the", "a", "an", "else", "and",
    "anything", "how", "when", "was", "were", "is", "are", "has", "have", "question", "questions",
    "think", "thinks", "thought", "describe", "described", "any", "there", "which", "to", "of",
    "many", "much", "summarize", "summarise", "discussion", "saying",
}  # fmt: skip
_SUBJECT = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+(?P<who>[\w’'.-]+(?:\s+[\w’'.-]+){0,4}?)\s+"
    r"(?:say|said|talk|speak|mention|think|discuss|describe|tell|answer|ask|announce|claim)\b",
    re.I,
)
_INTENTS = [
    ("questions", re.compile(r"\b(what|which|list( of)?( the)?|all( the)?) questions\b|\bquestions (were|was) (asked|put)\b", re.I)),
    ("who_asked", re.compile(r"\bwho\b.*\b(ask|asks|asked|raise|raised)\b|\bwhich (reporter|journalist|outlet|media)\b", re.I)),
    ("who_answered", re.compile(r"\bwho\b.*\b(answer|answers|answered|respond|responded|reply|replied)\b", re.I)),
    ("when", re.compile(r"^\s*(when|at what time|what time)\b", re.I)),
    ("figure", re.compile(r"\bhow (many|much|far|large|big|high|fast)\b|\bwhat (percentage|share|proportion|number|figure|amount|rate|total)\b|\d", re.I)),
]


@dataclass
class Speaker:
    """A registry entry as the chat layer needs it: one per canonical name across transcripts."""

    name: str
    role: str | None = None
    labels: list[str] = field(default_factory=list)


@dataclass
class Understood:
    question: str
    intent: str  # said, questions, who_asked, who_answered, figure, when
    speakers: list[str]
    topic: str
    borrowed: bool = False  # speaker or topic taken from the history
    unknown: str | None = None  # someone the question names whom the registry doesn't know


def understand(question: str, registry: list[Speaker], history: list[str] = ()) -> Understood:
    speakers, spans = resolve_speakers(question, registry)
    topic = topic_of(question, spans)
    intent = next((name for name, pattern in _INTENTS if pattern.search(question)), "said")
    borrowed = False
    previous = _previous(history, registry)
    if previous and not speakers and (_PRONOUN.search(question) or _FOLLOW_UP.search(question)):
        speakers, borrowed = previous.speakers, True
    if previous and (not topic or _FOLLOW_UP.search(question)) and previous.topic:
        topic, borrowed = topic or previous.topic, True
        if intent == "said" and previous.intent != "said":
            intent = previous.intent
    unknown = None if speakers else _named(question)
    return Understood(question, intent, speakers, topic, borrowed, unknown)


def _named(question: str) -> str | None:
    """The subject of "what did X say", when X is not a pronoun: someone the registry should know."""
    match = _SUBJECT.search(question)
    if not match or _PRONOUN.fullmatch(match["who"]) or match["who"].lower() in ("anyone", "anybody", "they", "officials"):
        return None
    # "the Fed chair", "a reporter": a role the registry may not record, not a name it should know
    if re.match(r"(the|a|an)\b", match["who"], re.I) or match["who"].islower():
        return None
    return match["who"]


def resolve_speakers(question: str, registry: list[Speaker]) -> tuple[list[str], list[tuple[int, int]]]:
    """The best-matching speakers (ties kept) and the character spans of the question that named them."""
    best: list[str] = []
    best_score, spans = 0.0, []
    for speaker in registry:
        score, found = _match(question, speaker)
        if score > best_score:
            best, best_score, spans = [speaker.name], score, found
        elif score and score == best_score:
            best.append(speaker.name)
            spans += found
    return best, spans


def topic_of(question: str, spans: list[tuple[int, int]]) -> str:
    text = question
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    words = re.findall(r"[\w’'%.,-]+", text)
    dropped = _SCAFFOLD | TITLES | GENERIC | HONORIFICS
    kept = [w.strip(".,") for w in words if w.lower().strip(".,’'") not in dropped]
    # "it" stands for the previous question's topic, which an empty topic borrows
    return " ".join(w for w in kept if w and not _PRONOUN.fullmatch(w) and w.lower() not in ("it", "its"))


def _previous(history: list[str], registry: list[Speaker]) -> Understood | None:
    """The last earlier question that named someone or had a topic, itself resolved with its history."""
    for i in range(len(history) - 1, -1, -1):
        earlier = understand(history[i], registry, history[:i])
        if earlier.speakers or earlier.topic:
            return earlier
    return None


def _match(question: str, speaker: Speaker) -> tuple[float, list[tuple[int, int]]]:
    """A score for how clearly the question names this speaker, and where."""
    lowered = question.lower()
    name_tokens = [t for t in re.findall(r"[\w’'-]+", speaker.name.lower()) if t not in HONORIFICS]
    distinctive = [t for t in name_tokens if t not in TITLES and t not in GENERIC]
    full = " ".join(name_tokens)
    if len(name_tokens) > 1 and (span := _phrase(lowered, full)):
        return 100.0, [span]
    if len(full) >= 8:
        alignment = fuzz.partial_ratio_alignment(full, lowered, score_cutoff=86)
        if alignment:
            return 90.0, [(alignment.dest_start, alignment.dest_end)]
    score, spans = _token_match(lowered, distinctive)
    role_score, role_spans = _role_match(lowered, _role_heads(speaker.role) + _name_titles(name_tokens))
    if role_score > score:
        return role_score, role_spans
    return score, spans


def _token_match(lowered: str, tokens: list[str]) -> tuple[float, list[tuple[int, int]]]:
    """Single name words: long ones alone ("Xinhua", "Psaki"), short ones only after a title ("Governor Yu")."""
    spans = []
    for token in tokens:
        for m in _word(token).finditer(lowered):
            before = re.findall(r"[\w.]+", lowered[: m.start()])
            titled = bool(before) and before[-1].rstrip(".") in TITLES | HONORIFICS
            if len(token) >= 4 or titled:
                start = m.start() - (len(before[-1]) + 1 if titled else 0)
                spans.append((max(start, 0), m.end()))
    matched = len({lowered[a:b] for a, b in spans})
    return (70.0 + 5 * matched if spans else 0.0), spans


def _role_match(lowered: str, heads: list[str]) -> tuple[float, list[tuple[int, int]]]:
    """A title named in the question ("the executive vice governor"); longer titles are more specific."""
    best, spans = 0.0, []
    for head in heads:
        if (span := _phrase(lowered, head)) and 70.0 + len(head) / 4 > best:
            best, spans = 70.0 + len(head) / 4, [span]
    return best, spans


def _role_heads(role: str | None) -> list[str]:
    """'Member of X and Executive Vice Governor' -> ['member', 'executive vice governor'], plus outlets."""
    if not role:
        return []
    segments = re.split(r",| and ", role.lower())
    heads = [re.split(r"\s+of\s+", seg.strip())[0].strip() for seg in segments]
    return [h for h in heads if h and h not in HONORIFICS]


def _name_titles(name_tokens: list[str]) -> list[str]:
    """The title a transcript puts in a speaker's name: "Chair Powell" is "the chair"."""
    title = " ".join(t for t in name_tokens if t in TITLES)
    return [title] if title else []


def _phrase(lowered: str, phrase: str) -> tuple[int, int] | None:
    m = _phrase_pattern(phrase).search(lowered)
    return (m.start(), m.end()) if m else None


# A registry of hundreds of speakers needs more patterns than the re module's cache of 512 holds.
@lru_cache(maxsize=None)
def _phrase_pattern(phrase: str) -> re.Pattern:
    return re.compile(rf"(?:\bthe\s+)?\b{re.escape(phrase)}\b(?:['’]s)?")


@lru_cache(maxsize=None)
def _word(token: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(token)}\b")
