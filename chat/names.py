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

from ingest.names import HONORIFICS as NAME_HONORIFICS
from ingest.names import ROLE_HEADS, ROLE_WORDS, is_name_word

# Before a surname in a question, as in a label ("Ms. Psaki", "the Hon. Member"); never part of a name.
HONORIFICS = NAME_HONORIFICS | {"the", "hon"}
# Words that are a title in a name or role ("Chair Powell", "Executive Vice Governor"): ingest's role heads.
TITLES = ROLE_HEADS
_WORD = re.compile(r"[\w’'-]+")
_FUZZY_CUTOFF = 86  # rapidfuzz partial ratio: "Chen Shaobu" for "Chen Shaobo" scores 91
_AUXILIARIES = {"did", "does", "do", "has", "have", "had", "was", "is", "were", "are", "will", "would", "could", "can"}
_SUBJECT_WORDS = 4  # "did the CEA chair say": a subject's first name or title stands within this many words
# Nouns of speech: "Powell's answer", "her remarks", "the chair's view" name what someone said.
SPEECH_NOUNS = {
    "answer", "answers", "response", "responses", "reply", "reaction", "remarks", "remark", "comments",
    "comment", "words", "statement", "statements", "view", "views", "position", "stance", "thoughts",
    "opinion", "take", "message", "explanation", "assessment", "description", "characterization",
    "argument", "point", "line", "account", "version", "pitch", "case", "answering", "discussion", "quote",
    "quotes", "quotation", "quotations", "claim", "claims",
}  # fmt: skip
# Press events: "Kirby's first briefing" is his, and its ordinal counts among his briefings.
SPEECH_EVENTS = {
    "briefing", "briefings", "gaggle", "gaggles", "conference", "conferences", "call", "calls", "remarks",
    "presser",
}  # fmt: skip
_OWNED = re.compile(r"(?:['’]s)?((?:\s+[\w-]+){1,4})")
_ROLE_STOP = {"of", "the", "for", "and", "on", "to"}
_OFFICE_REACH = 4  # words of an office stand this close to its title ("Secretary of Homeland Security")
_FUZZY_WORD = 6  # words this long may be spelt otherwise ("adviser"/"advisor"); "aid" is no "aide"
_NEAR = 80  # rapidfuzz ratio of two spellings of one word: "shaobu"/"shaobo" 83, "adviser"/"advisor" 86
# One title in its gendered forms: "the Fed chair" is Chairman Bernanke as much as Chair Yellen
_SAME_TITLE = {
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
}  # fmt: skip


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
        found = [(_fold(re.sub(r"['’]s$", "", m.group()).strip("'’-")), m.span()) for m in _WORD.finditer(lowered)]
        at: dict[str, list[int]] = {}
        for i, (word, _) in enumerate(found):
            at.setdefault(word, []).append(i)
        return cls(lowered, question, tuple(w for w, _ in found), tuple(s for _, s in found), at)


def resolve_speakers(question: str, registry: list[Speaker]) -> tuple[list[str], list[tuple[int, int]]]:
    """The best-matching speakers (ties kept) and the character spans of the question that named them.

    Someone named as the subject ("did the press secretary say whether Biden would…", "according to
    Kirby") is the one asked about, whoever else the question names: the others are its topic.
    """
    words = Words.of(question)
    found = [(speaker.name, *match(words, speaker)) for speaker in registry]
    found = [f for f in found if f[1] and not all(_modifier(question, span) for span in f[2])]
    subject = _subject(words)
    named = [f for f in found if subject and any(subject[0] <= a < subject[1] for a, _ in f[2])]
    if named:  # the subject's own words: the first name or title in it ("did Biden say about Sullivan")
        first = min(a for _, _, spans in named for a, _ in spans if subject[0] <= a < subject[1])
        end = min(b for _, _, spans in named for a, b in spans if a == first)
        named = [f for f in named if any(a < end and first < b for a, b in f[2])]
    pool = named or found
    best_score = max((score for _, score, _ in pool), default=0.0)
    best = [name for name, score, _ in pool if score == best_score]
    spans = [span for _, score, found_spans in pool if score == best_score for span in found_spans]
    return best, spans


def possession(question: str, span: tuple[int, int]) -> set[str]:
    """The words a possessive name at span owns ("Kirby's first briefing": first, briefing); none when
    the name is no possessive."""
    possessive = question[span[1] - 2 : span[1]] in ("'s", "’s") or question[span[1] : span[1] + 2] in ("'s", "’s")
    owned = _OWNED.match(question, span[1]) if possessive else None
    return set(owned[1].lower().split()) if owned else set()


def _modifier(question: str, span: tuple[int, int]) -> bool:
    """Whether the name at span owns a thing other than speech or a press event ("the President's gun
    safety push" is a topic; "Powell's answer" is Powell speaking, "Kirby's first briefing" his)."""
    owned = possession(question, span)
    return bool(owned) and not owned & (SPEECH_NOUNS | SPEECH_EVENTS)


def _subject(words: Words) -> tuple[int, int] | None:
    """Where the subject of the question's first auxiliary ("did", "was", "has") or of "according to"
    stands: the few words after it, as character offsets."""
    according = [i for i, w in enumerate(words.words) if w == "to" and i > 0 and words.words[i - 1] == "according"]
    auxiliary = [i for i, w in enumerate(words.words) if w in _AUXILIARIES]
    for i in according[:1] or auxiliary[:1]:
        if i + 1 < len(words.words):
            last = min(i + _SUBJECT_WORDS, len(words.words) - 1)
            return words.spans[i + 1][0], words.spans[last][1]
    return None


def match(words: Words, speaker: Speaker) -> tuple[float, list[tuple[int, int]]]:
    """A score for how clearly the question names this speaker, and where; a role named as well adds a little."""
    written = [t for t in _WORD.findall(speaker.name) if t.lower() not in HONORIFICS]
    name_tokens = [_fold(t.lower()) for t in written]
    # The words that tell a person apart: "Powell" of "Chair Powell"; none in "White House Aide" or
    # "Senior Administration Official", which are named only by the whole phrase
    distinctive = [t.lower() for t in written if is_name_word(t.capitalize() if t.isupper() else t[0].upper() + t[1:])]
    full = " ".join(name_tokens)
    role_score, role_spans = _role_match(words, role_heads(speaker.role) + _name_titles(name_tokens), speaker.role)
    score, spans = 0.0, []
    if not distinctive and (span := _phrase(words.text, full)):
        # "the moderator", "the White House aide": a name that is a role, matched whole (more surely than
        # its last word alone names "Polish Aide")
        score, spans = 70.0 + len(full) / 4, [span]
    elif len(name_tokens) > 1 and (span := _phrase(words.text, full)):
        score, spans = 100.0, [span]
    elif len(full) >= 8 and _each_near(words, distinctive) and (
        alignment := fuzz.partial_ratio_alignment(full, words.text, score_cutoff=_FUZZY_CUTOFF)
    ):
        score, spans = 90.0, [(_given(words, alignment.dest_start), alignment.dest_end)]
    else:
        score, spans = _token_match(words, distinctive)
        if spans and name_tokens[-1] in TITLES | ROLE_WORDS and not _words_near(words, name_tokens[-1]):
            # a label made of a role ("Polish Aide", "Xinhua News Agency reporter"): its other words
            # name it only beside the role ("the Xinhua reporter"), not in "the Polish president"
            score, spans = 0.0, []
    if role_score > score:
        return role_score, role_spans
    if score and role_score:  # "Treasury Secretary Yellen": the role tells two Yellens apart
        return score + 1.0, spans + [s for s in role_spans if s not in spans]
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
            titled = i > 0 and words.words[i - 1].rstrip(".") in TITLES | HONORIFICS
            if len(token) >= 4 or titled:
                start = words.spans[i - 1][0] if titled else _given(words, words.spans[i][0])
                spans.append((start, words.spans[i][1]))
    matched = len({words.text[a:b] for a, b in spans})
    return (70.0 + 5 * matched if spans else 0.0), spans


def _given(words: Words, start: int) -> int:
    """Where the name whose surname starts at `start` begins: at a capitalised word just before it
    ("Jason Sudeikis" for "Mr. Sudeikis"), which is a given name, not the question's topic; not at a
    title or honorific, nor at the question's first word."""
    i = next((k for k, (a, _) in enumerate(words.spans) if a == start), 0)
    before = words.words[i - 1].rstrip(".") if i > 1 else ""
    given = before and before not in TITLES | HONORIFICS and _capitalised(words, i - 1)
    return words.spans[i - 1][0] if given else start


def _capitalised(words: Words, i: int) -> bool:
    """Whether word i is written with a capital in the question (the question's first word always is)."""
    start, _ = words.spans[i]
    return words.original[start].isupper()


def _role_match(words: Words, heads: list[str], role: str | None = None) -> tuple[float, list[tuple[int, int]]]:
    """A title named in the question ("the executive vice governor", "the national security adviser"
    for an Advisor); longer titles are more specific, and so is a title with the words of its office
    around it ("the Homeland Security Secretary" is the Secretary of Homeland Security, not of Education)."""
    office = {w for w in _WORD.findall((role or "").lower()) if w not in _ROLE_STOP}
    best, spans = 0.0, []
    for head in heads:
        for span in _all_near(words, head):  # every mention: "with the CEA chair, how did the CEA chair say"
            near = _around(words, span, office - set(_WORD.findall(head)))
            score = 70.0 + len(head) / 4 + 2.0 * len(near)
            whole = (min([span[0], *(a for a, _ in near)]), max([span[1], *(b for _, b in near)]))
            if score > best:
                best, spans = score, [whole]
            elif score == best and whole not in spans:
                spans.append(whole)
    return best, spans


def _around(words: Words, span: tuple[int, int], office: set[str]) -> list[tuple[int, int]]:
    """The spans of the office's words within a few words of a title's span, without gaps of other words."""
    at = [i for i, (a, b) in enumerate(words.spans) if a >= span[0] and b <= span[1]]
    if not at or not office:
        return []
    found = []
    for step, edge in ((-1, at[0]), (1, at[-1])):
        i = edge + step
        while 0 <= i < len(words.words) and abs(i - edge) <= _OFFICE_REACH:
            word = words.words[i]
            if _of_office(word, office):
                found.append(words.spans[i])
            elif word not in _ROLE_STOP:
                break
            i += step
    return found


def _of_office(word: str, office: set[str]) -> bool:
    """The word is one of the office's, or its adjective ("the Korean president": Republic of Korea)."""
    return word in office or (len(word) >= 5 and any(len(w) >= 5 and word[:5] == w[:5] for w in office))


def _words_near(words: Words, phrase: str) -> tuple[int, int] | None:
    """Where the question first has the phrase's words in order, each spelt nearly so."""
    return next(_all_near(words, phrase), None)


def _all_near(words: Words, phrase: str):
    """Every place the question has the phrase's words in order, each spelt nearly so."""
    wanted = _WORD.findall(phrase)
    n = len(wanted)
    for i in range(len(words.words) - n + 1):
        if all(w == t or (len(t) >= _FUZZY_WORD and fuzz.ratio(w, t) >= _NEAR) for w, t in zip(words.words[i : i + n], wanted)):
            yield words.spans[i][0], words.spans[i + n - 1][1]


def role_heads(role: str | None) -> list[str]:
    """'Member of X and Executive Vice Governor' -> ['member', 'executive vice governor'], plus outlets."""
    if not role:
        return []
    segments = re.split(r",| and ", role.lower())
    heads = [" ".join(map(_fold, re.split(r"\s+of\s+", seg.strip())[0].split())) for seg in segments]
    return [h for h in heads if h and h not in HONORIFICS]


def _fold(word: str) -> str:
    return _SAME_TITLE.get(word, word)


def _name_titles(name_tokens: list[str]) -> list[str]:
    """The title a transcript puts in a speaker's name: "Chair Powell" is "the chair"; "Senior
    Administration Official" is "the senior official" and "the official"."""
    titles = [t for t in name_tokens if t in TITLES]
    return list(dict.fromkeys([" ".join(titles), titles[-1]])) if titles else []


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x < d and c < y for x, y in a for c, d in b)


def _phrase(lowered: str, phrase: str) -> tuple[int, int] | None:
    m = _phrase_pattern(phrase).search(lowered)
    return (m.start(), m.end()) if m else None


# A registry of hundreds of speakers needs more patterns than the re module's cache of 512 holds.
@lru_cache(maxsize=None)
def _phrase_pattern(phrase: str) -> re.Pattern:
    return re.compile(rf"(?:\bthe\s+)?\b{re.escape(phrase)}\b(?:['’]s)?")
