"""Understanding a question: whom it is about, what kind of answer it wants, and its topic.

The kind of answer comes from the question's form: a person or outlet for "who asked", "which
reporter"; a figure for "how many", "what rate"; a time for "when"; every mention for "every time";
quotes otherwise. The topic is what is left once the names (chat.names), the dates and events the
engine found, and the frame of reported speech ("what did … say about") are taken out; how much each
of its words counts is the engine's business (chat.topic weighs them by how rare they are).

A follow-up ("what else did he say?", "and Yu Jian?") borrows the speaker, the topic or the scope of
the question before it. The history is read once, oldest first, each question carrying its reading to
the next: the work grows with the length of the history, never faster.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wordfreq import zipf_frequency

from ingest.names import ROLE_WORDS

from .names import HONORIFICS, SPEECH_EVENTS, Speaker, possession, resolve_speakers

MAX_HISTORY = 20  # earlier questions read for a follow-up; older ones can't be what "he" refers to
COMMON = 5.7  # Zipf frequency of English words too common to be a topic ("what", "did", "people")
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|they|them|their)\b", re.I)
# "Go on.", "Keep going": the reader wants the answer continued; the words ask nothing of their own
_CONTINUE = r"^\s*(?:please\s+)?(?:go on|keep going|continue|carry on|next)\b"
_FOLLOW_UP = re.compile(rf"^\s*(and|what about|how about|what else|anything( else| more)?|else|more)\b|{_CONTINUE}", re.I)
_REPLY = re.compile(r"\b(answer|answered|respond|responded|reply|replied|react|reacted)\b", re.I)
# The words a question asks with: a wh-word or an auxiliary put first
_ASKING = r"what|how|why|who|whom|which|when|where|did|does|do|is|was|were|has|have|had|will|would|could|can"
_OWN_FORM = re.compile(rf"\b(?:{_ASKING})\b", re.I)
_TIMES = re.compile(r"\bhow many times\b", re.I)
_AGAIN = re.compile(rf"\b(else|more|other|another|further|additional)\b|{_CONTINUE}", re.I)
# The frame of a question about speech: verbs and nouns of saying. They tell what is asked, not about what.
_FRAME = {
    "say", "said", "says", "saying", "tell", "told", "talk", "talked", "talking", "speak", "spoke", "mention",
    "mentioned", "discuss", "discussed", "comment", "commented", "describe", "described", "address",
    "addressed", "explain", "explained", "respond", "responded", "answer", "answered", "ask", "asked",
    "reply", "replied", "note", "noted", "claim", "claimed", "think", "thought", "thinks", "announce",
    "announced", "state", "stated", "summarize", "summarise", "discussion", "remarks", "comments", "views",
    "view", "position", "stance", "thoughts", "opinion", "anything", "else", "quote", "quotes", "quoted",
    "statement", "statements", "words", "remark", "cite", "cites", "cited", "citing", "characterize",
    "characterized", "characterise", "characterised",
}  # fmt: skip
# Prepositions that lead to what is asked about ("his remarks regarding grain"): grammar, not the topic
_LEADS_TOPIC = {
    "regarding", "concerning", "according", "re", "toward", "towards", "respecting", "pertaining", "whether",
}  # fmt: skip
_POLITE = {"please", "kindly"}
# A question put as a request ("Show me what …", "Give us the quotes on …"): its verb asks, it is no topic
_REQUEST = re.compile(
    r"^\s*(?:please\s+)?(?:show|give|find|get|list|fetch|pull up|quote|summari[sz]e|tell)\b(?:\s+(?:me|us))?", re.I
)
_EVENTS = SPEECH_EVENTS
_SAYING_REACH = 4  # words after a name in which a verb of saying makes it the speaker
_SUBJECT = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+(?P<who>[\w’'.-]+(?:\s+[\w’'.-]+){0,4}?)\s+"
    r"(?:say|said|talk|speak|mention|think|discuss|describe|tell|answer|ask|announce|claim)\b",
    re.I,
)
_SCENE = re.compile(
    r"^\s*((?:when|while|after|before|during|at|in|on|aboard)\b[^?]{3,120}?),\s*"
    rf"(?=(?:{_ASKING})\b)",
    re.I,
)
_ASKER = re.compile(
    r"\b(?:which|what)\s+(?:(?!(?:did|does|do|was|were|is|are|has|have|had)\b)[\w’'-]+\s+){0,3}"
    r"(?:reporter|journalist|correspondent|outlet|media|agency|network"
    r"|newspaper|paper|station|channel|publication)s?\b",
    re.I,
)
# The verbs of an exchange: a reporter asks ("raised", "posed", "brought up"); an official answers
# ("responded"), or takes the question ("fielded", "handled"). Who did which is the answer sought.
_ASKED = r"ask|asks|asked|raise|raises|raised|pose|poses|posed|inquire|inquires|inquired|query|queried"
_ANSWERED = r"answer|answers|answered|respond|responds|responded|reply|replies|replied"
_TOOK = r"field|fields|fielded|take|takes|took|handle|handles|handled|address|addressed|tackle|tackled|speak to|spoke to"
_EXCHANGE = set(f"{_ASKED}|{_ANSWERED}|{_TOOK}|brought|bring|brings|put|puts".replace(" to", "").split("|"))
_HOW_MUCH = r"\bhow (?:many|much|far|large|big|high|fast|long)\b"
_MEASURES = r"percentage|percent|share|proportion|number|numbers|figure|figures|statistics|amount|rate|total|level|size"
# who is sought: "who", or "which official" (a reporter sought is _ASKER's)
_WHO = r"(?:\bwho\b|\bwhich\s+(?:[\w-]+\s+){0,2}?(?:official|officials|spokesperson|spokesman|spokeswoman|minister|secretary|speaker|person)\b)"
_INTENTS = [
    ("mentions", re.compile(r"\b(every|each) (time|mention)|\ball (the )?(mentions|times)|\bhow often\b", re.I)),
    ("change", re.compile(r"\bhow (has|have|did)\b.*\b(change|changed|evolve|evolved|shift|shifted)\b|\bover time\b", re.I)),
    ("questions", re.compile(
        r"\b(what|which|list( of)?( the)?|all( the)?)( [\w-]+['’]?)? questions\b|\bquestions (were|was) (asked|put)\b"
        r"|^\s*what did (the )?(reporters|journalists|press|media) ask\W*$", re.I
    )),
    # "who was asked about X" is who answered
    ("who_answered", re.compile(rf"{_WHO}\s+(?:was|were|is|got|has been|had been)\s+(?:asked|questioned|pressed)\b", re.I)),
    ("who_asked", re.compile(
        rf"{_WHO}.*\b(?:{_ASKED})\b|{_WHO}\s+(?:brought|bring|brings)\s+up\b|{_WHO}.*\bput\b.*\bquestions?\b|{_ASKER.pattern}", re.I
    )),
    ("who_answered", re.compile(rf"{_WHO}.*\b(?:{_ANSWERED})\b|{_WHO}.*\b(?:{_TOOK})\b.*\bquestions?\b", re.I)),
    ("when", re.compile(r"^\s*(when|at what time|what time)\b|^\s*(?:(?:in|by|on|since|until) )?(?:what|which) (?:year|month|date|day)\b", re.I)),
    ("figure", re.compile(
        rf"{_HOW_MUCH}|\bwhat(?:['’]s| is| was| are| were)? (?:the )?(?:[\w-]+ ){{0,2}}?(?:{_MEASURES})\b", re.I
    )),
]  # fmt: skip
# A figure question's own words: "how large", "what percentage", "the number of": what kind of answer, no topic
_FIGURE_FRAME = {
    "figure", "figures", "number", "numbers", "statistic", "statistics", "stats", "data", "amount", "total",
    "percentage", "percent", "proportion", "roughly", "approximately", "exactly",
}  # fmt: skip
# "the issue of talent", "the question on grain": the noun leads to the topic, it is none of it
_ABOUT = re.compile(r"\b(?:the\s+)?(?:issue|subject|topic|matter|question)s?\s+(?:of|on|about|regarding|concerning)\b", re.I)


@dataclass
class Understood:
    question: str
    intent: str  # said, questions, who_asked, who_answered, figure, when, mentions, change
    speakers: list[str]
    topic: str
    borrowed: bool = False  # speaker, topic or scope taken from the history
    unknown: str | None = None  # someone the question names whom the registry doesn't know
    again: int = 0  # "what else": how many answers on this speaker and topic came just before
    scope: Any = None  # the dates and events the question names (the engine's, carried to follow-ups)
    taken: list[tuple[int, int]] = field(default_factory=list)  # spans that named speakers, dates, events
    asked: str = ""  # the question less those spans: what is asked, as the embedding reads it


# The engine's reading of dates and events, given the question, the speakers it names and where it names
# them: the spans of the question that name dates and events, and its scope (None: it names none).
TimeReader = Callable[[str, list[str], list[tuple[int, int]]], tuple[list[tuple[int, int]], Any]]


def understand(
    question: str, registry: list[Speaker], history: list[str] = (), read_time: TimeReader | None = None
) -> Understood:
    previous = None
    for earlier in list(history)[-MAX_HISTORY:]:
        previous = read(earlier, registry, previous, read_time)
    return read(question, registry, previous, read_time)


def read(question: str, registry: list[Speaker], previous: Understood | None, read_time: TimeReader | None) -> Understood:
    """One question, given the reading of the one before it (None for the first)."""
    asker = _ASKER.search(question)  # "which TV station's reporter asked": who is sought, not who is asked
    speakers, name_spans = resolve_speakers(_blank(question, [asker.span()]) if asker else question, registry)
    time_spans, scope = read_time(question, speakers, name_spans) if read_time else ([], None)
    if scope is not None and _inside(name_spans, time_spans) and not _own_event(question, name_spans):
        # "the press conference with Governor Liang": a name in the event is a guest, not the one asked about
        speakers, name_spans = resolve_speakers(_blank(question, time_spans), registry)
    if scope is not None and scope.empty and scope.outside and not _speaking(question, name_spans):
        # "On the gaggle en route to Anchorage, would Biden apologize…": he was not there, and the question
        # is not what he said but what was said of him there
        speakers, name_spans = [], []
        time_spans, scope = read_time(question, speakers, name_spans)
    scene = _SCENE.match(question)
    if scope is not None and not (speakers or about_speech(question) or (scene and _inside(time_spans, [scene.span(1)]))):
        # "How much did trade grow last year?": a date that dates the topic, not a briefing (one that
        # sets the scene, "On Feb. 13, did the White House rule out…", names the briefing)
        time_spans, scope = [], None
    taken = name_spans + time_spans + ([asker.span()] if asker else [])
    subject = _SUBJECT.search(question)
    if subject and not speakers and _unnamed(subject["who"]):
        taken.append(subject.span("who"))  # "What did the officials say about rural incomes?": who, not what
    # the kind of answer is the main clause's: "When the Warriors came…, what did Curry thank…" asks what
    main = question[scene.end():] if scene else question
    intent = next((name for name, pattern in _INTENTS if pattern.search(main)), "said")
    topic = topic_of(question, taken, intent)
    asked = " ".join(_blank(question, taken).split())
    follow_up = previous is not None and bool(_FOLLOW_UP.search(question) or _PRONOUN.search(question) or not topic)
    borrowed = False
    if follow_up and not speakers and (_PRONOUN.search(question) or _FOLLOW_UP.search(question) or not topic):
        speakers, borrowed = previous.speakers, True
    if follow_up and (not topic or _FOLLOW_UP.search(question)) and previous.topic:
        if not topic:
            asked = previous.asked  # "what else did he say?" asks what the question before it did
        topic, borrowed = topic or previous.topic, True
        if intent == "said" and previous.intent == "who_asked" and _REPLY.search(question):
            intent = "who_answered"  # "Which reporter asked about X?" "And how did Klein answer her?"
        elif intent == "said" and previous.intent not in ("said", "mentions") and _elliptical(question):
            intent = previous.intent  # "How many households…?" "And the governor?": a figure again
    if follow_up and scope is None and previous.scope is not None:
        scope, borrowed = previous.scope, True
    again = 0
    if follow_up and _AGAIN.search(question) and speakers == previous.speakers and topic == previous.topic:
        again = previous.again + 1
    unknown = None if speakers or not subject else _named(subject["who"])
    return Understood(question, intent, speakers, topic, borrowed, unknown, again, scope, taken, asked)


def _elliptical(question: str) -> bool:
    """A follow-up that asks nothing in its own words ("And the governor?", "What about talent?"), so it
    asks what the question before it did; "And what did the governor say about…" asks for itself."""
    return not _OWN_FORM.search(_FOLLOW_UP.sub("", question, count=1))


def counts_occasions(question: str) -> bool:
    """Whether a figure question counts occasions ("how many times"), which an ordinal answers."""
    return bool(_TIMES.search(question))


def about_speech(question: str) -> bool:
    """Whether the question asks about something said: a verb or noun of saying, or a press event."""
    words = {w.lower() for w in re.findall(r"[\w’']+", question)}
    return bool(words & (_FRAME | _EVENTS))


def _own_event(question: str, names: list[tuple[int, int]]) -> bool:
    """Whether a name owns the event named ("Kirby's first briefing"): the one asked about, not a guest."""
    return any(possession(question, span) & SPEECH_EVENTS for span in names)


def _speaking(question: str, names: list[tuple[int, int]]) -> bool:
    """Whether a named speaker is the one speaking: a verb or noun of saying within a few words after the
    name ("did Kirby say", "Powell's answer"), not another verb ("would Biden apologize")."""
    return any(
        {w.lower() for w in re.findall(r"[\w’']+", question[b:])[:_SAYING_REACH]} & _FRAME for _, b in names
    )


def _inside(names: list[tuple[int, int]], spans: list[tuple[int, int]]) -> bool:
    return bool(names) and all(any(a <= x and y <= b for a, b in spans) for x, y in names)


def _blank(question: str, spans: list[tuple[int, int]]) -> str:
    """The question with the spans blanked out, every other character where it was."""
    for start, end in spans:
        question = question[:start] + " " * (end - start) + question[end:]
    return question


def topic_of(question: str, taken: list[tuple[int, int]], intent: str = "said") -> str:
    """The question's words less the spans taken, the frame of reported speech and very common words.
    A clause that opens the question before its question word sets the scene ("When the Warriors came to
    the briefing room, what did Curry thank the administration for?"): what is asked follows it.
    The kind of answer asked has its own words: the verbs of the exchange for who asked or answered,
    "how large", "the number of" for a figure."""
    scene, request, going = _SCENE.match(question), _REQUEST.match(question), re.match(_CONTINUE, question, re.I)
    spans = taken + ([(0, scene.end(1))] if scene else []) + [m.span() for m in (request, going) if m]
    exchange, figure = intent in ("who_asked", "who_answered"), intent == "figure"
    form = _WHO if exchange else _HOW_MUCH if figure else None
    leads = [m.span() for m in _ABOUT.finditer(question)] + ([m.span() for m in re.finditer(form, question, re.I)] if form else [])
    text = _blank(question, spans + leads)
    frame = _FRAME | _LEADS_TOPIC | _POLITE | HONORIFICS | ROLE_WORDS | (_EXCHANGE if exchange else _FIGURE_FRAME if figure else set())
    kept = []
    for word in re.findall(r"[\w’'%.,$-]+", text):
        bare = word.strip(".,’'")
        low = bare.lower()
        if not bare or low in frame:
            continue  # "What did the Xinhua reporter ask?": the role is whom, not what
        if re.fullmatch(r"[a-z]+['’](?:s|re|ve|ll|d)", low) and zipf_frequency(re.split("['’]", low)[0], "en") >= COMMON:
            continue  # "what's", "who'd": a common word, contracted
        # "it" stands for the previous question's topic, which an empty topic borrows
        if _PRONOUN.fullmatch(low) or low in ("it", "its"):
            continue
        if zipf_frequency(low, "en") >= COMMON and not bare[0].isdigit():
            continue
        kept.append(bare)
    return " ".join(kept)


def _unnamed(who: str) -> bool:
    """Whether the subject of "what did X say" names no one ("the officials", "anyone", "they")."""
    words = who.split()
    return all(w.islower() for w in words[words[0].lower() in ("the", "a", "an", "any") :])


def _named(who: str) -> str | None:
    """The subject X of "what did X say", when X is not a pronoun: someone the registry should know."""
    if _PRONOUN.fullmatch(who) or who.lower() in ("anyone", "anybody", "they", "officials"):
        return None
    # "the Fed chair", "a reporter": a role the registry may not record, not a name it should know
    if re.match(r"(the|a|an)\b", who, re.I) or who.islower():
        return None
    return who
