"""Whom a question is about: speakers of the registry named by full name, a misspelling, a surname or
given name after a title ("Governor Liang"), a role ("the executive vice governor") or an outlet ("the
Xinhua reporter"). Names are matched against the registry, never against a list in the code.

The question is cut into words once; each speaker's test then looks words up, so the work grows with
the question's length times the registry's size, never with the square of the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

HONORIFICS = {"mr", "ms", "mrs", "dr", "the", "hon", "sir", "madam"}
# Words that are a title in a name or role ("Chair Powell", "Executive Vice Governor"), not a name.
TITLES = {
    "governor", "vice", "executive", "chair", "chairman", "chairwoman", "secretary", "president",
    "minister", "spokesperson", "spokesman", "spokeswoman", "director", "deputy", "admiral",
    "general", "senator", "premier", "mayor", "ambassador", "commissioner", "professor", "member",
    "prime", "press", "coordinator", "adviser", "advisor", "administrator", "representative",
}  # fmt: skip
GENERIC = {"reporter", "correspondent", "journalist", "news", "agency", "senior", "official", "of", "and"}
_WORD = re.compile(r"[\w’'-]+")
_FUZZY_CUTOFF = 86  # rapidfuzz partial ratio: "Chen Shaobu" for "Chen Shaobo" scores 91
_NEAR = 80  # rapidfuzz ratio of two spellings of one word: "shaobu"/"shaobo" 83, "adviser"/"advisor" 86


@dataclass
class Speaker:
    """A registry entry as the chat layer needs it: one per canonical name across transcripts."""

    name: str
    role: str | None = None
    labels: list[str] = field(default_factory=list)
    turns: int = 0
    questions: int = 0  # turns that are reporters' questions

    @property
    def mostly_asks(self) -> bool:
        return self.questions * 2 > self.turns


@dataclass(frozen=True)
class Words:
    """A question cut into lower-case words once: their texts, spans, and where each word stands."""

    text: str
    original: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    at: dict[str, list[int]]

    @classmethod
    def of(cls, question: str) -> Words:
        lowered = question.lower()
        # "Powell's" is Powell: a possessive names the speaker as the bare word does
        found = [(re.sub(r"['’]s$", "", m.group()).strip("'’-"), m.span()) for m in _WORD.finditer(lowered)]
        at: dict[str, list[int]] = {}
        for i, (word, _) in enumerate(found):
            at.setdefault(word, []).append(i)
        return cls(lowered, question, tuple(w for w, _ in found), tuple(s for _, s in found), at)


def resolve_speakers(question: str, registry: list[Speaker]) -> tuple[list[str], list[tuple[int, int]]]:
    """The best-matching speakers (ties kept) and the character spans of the question that named them."""
    words = Words.of(question)
    best: list[str] = []
    best_score, spans = 0.0, []
    for speaker in registry:
        score, found = match(words, speaker)
        if score > best_score:
            best, best_score, spans = [speaker.name], score, found
        elif score and score == best_score:
            best.append(speaker.name)
            spans += found
    return best, spans


def match(words: Words, speaker: Speaker) -> tuple[float, list[tuple[int, int]]]:
    """A score for how clearly the question names this speaker, and where; a role named as well adds a little."""
    name_tokens = [t for t in _WORD.findall(speaker.name.lower()) if t not in HONORIFICS]
    distinctive = [t for t in name_tokens if t not in TITLES and t not in GENERIC]
    full = " ".join(name_tokens)
    role_score, role_spans = _role_match(words, role_heads(speaker.role) + _name_titles(name_tokens))
    score, spans = 0.0, []
    if not distinctive and (span := _phrase(words.text, full)):
        score, spans = 70.0, [span]  # "the moderator", "the reporter": a name that is a role is matched as one
    elif len(name_tokens) > 1 and (span := _phrase(words.text, full)):
        score, spans = 100.0, [span]
    elif len(full) >= 8 and _each_near(words, distinctive) and (
        alignment := fuzz.partial_ratio_alignment(full, words.text, score_cutoff=_FUZZY_CUTOFF)
    ):
        score, spans = 90.0, [(alignment.dest_start, alignment.dest_end)]
    else:
        score, spans = _token_match(words, distinctive)
    if role_score > score:
        return role_score, role_spans
    if score and role_score and not _overlaps(role_spans, spans):
        return score + 1.0, spans + role_spans  # "Treasury Secretary Yellen": the role tells two Yellens apart
    return score, spans


def _each_near(words: Words, tokens: list[str]) -> bool:
    """Every name word is spelt nearly so in the question: a misspelt name ("Chen Shaobu"), not a
    name that only shares a phrase with it ("White House Aide" in "the White House would like")."""
    return bool(tokens) and all(
        t in words.at or any(fuzz.ratio(t, w) >= _NEAR for w in words.at if abs(len(w) - len(t)) <= 2) for t in tokens
    )


def _token_match(words: Words, tokens: list[str]) -> tuple[float, list[tuple[int, int]]]:
    """Single name words: long ones alone ("Xinhua", "Psaki"), short ones only after a title ("Governor
    Yu"). A capitalised word just before the surname is the given name the registry may not know
    ("Janet Yellen" for "Chair Yellen"): it belongs to the name, not to the topic."""
    spans = []
    for token in tokens:
        for i in words.at.get(token, ()):
            before = i > 0 and words.words[i - 1].rstrip(".")
            titled = before in TITLES | HONORIFICS
            given = before and not titled and _capitalised(words, i - 1) and i - 1 > 0
            if len(token) >= 4 or titled:
                start = words.spans[i - 1][0] if titled or given else words.spans[i][0]
                spans.append((start, words.spans[i][1]))
    matched = len({words.text[a:b] for a, b in spans})
    return (70.0 + 5 * matched if spans else 0.0), spans


def _capitalised(words: Words, i: int) -> bool:
    """Whether word i is written with a capital in the question (the question's first word always is)."""
    start, _ = words.spans[i]
    return words.original[start].isupper()


def _role_match(words: Words, heads: list[str]) -> tuple[float, list[tuple[int, int]]]:
    """A title named in the question ("the executive vice governor", "the national security adviser"
    for an Advisor); longer titles are more specific."""
    best, spans = 0.0, []
    for head in heads:
        if (span := _words_near(words, head)) and 70.0 + len(head) / 4 > best:
            best, spans = 70.0 + len(head) / 4, [span]
    return best, spans


def _words_near(words: Words, phrase: str) -> tuple[int, int] | None:
    """Where the question has the phrase's words in order, each spelt nearly so."""
    wanted = _WORD.findall(phrase)
    n = len(wanted)
    for i in range(len(words.words) - n + 1):
        if all(w == t or (len(t) > 3 and fuzz.ratio(w, t) >= _NEAR) for w, t in zip(words.words[i : i + n], wanted)):
            return words.spans[i][0], words.spans[i + n - 1][1]
    return None


def role_heads(role: str | None) -> list[str]:
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


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x < d and c < y for x, y in a for c, d in b)


def _phrase(lowered: str, phrase: str) -> tuple[int, int] | None:
    m = _phrase_pattern(phrase).search(lowered)
    return (m.start(), m.end()) if m else None


# A registry of hundreds of speakers needs more patterns than the re module's cache of 512 holds.
@lru_cache(maxsize=None)
def _phrase_pattern(phrase: str) -> re.Pattern:
    return re.compile(rf"(?:\bthe\s+)?\b{re.escape(phrase)}\b(?:['’]s)?")
