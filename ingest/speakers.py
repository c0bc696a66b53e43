"""Who is speaking and in what capacity: canonical names, reporters' outlets, turn kinds, reply_to."""

from __future__ import annotations

import re
from collections import defaultdict

from .model import Turn

REPORTER_SPEAKER = "Reporter"
_REPORTER_LABEL = re.compile(r"^(?P<outlet>.*?)\s*\b(reporter|correspondent|journalist)$", re.I)
_MODERATOR_LABEL = re.compile(r"\b(moderator|operator|host|emcee|master of ceremonies)\b", re.I)
_HAND_OFF_WORDS = 60
_LOWER_WORDS = {"of", "the", "and", "for", "de", "von", "van", "der", "to", "on", "in"}


def canonical_name(label: str) -> str:
    """One spelling per person: trailing punctuation off, ALL-CAPS labels in title case, Q as Reporter."""
    name = re.sub(r"[\s\u00a0]+", " ", label).strip().rstrip(":.：").strip()
    if name.upper() == "Q":
        return REPORTER_SPEAKER
    if name.isupper():
        words = name.title().split(" ")
        name = " ".join(
            w.lower() if i and w.lower() in _LOWER_WORDS else w for i, w in enumerate(words)
        )
        name = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m[1].upper(), name)  # MCKEE -> McKee
    return name


def outlet_of(label: str) -> str | None:
    """The outlet in a reporter label ("Xinhua News Agency reporter" -> "Xinhua News Agency")."""
    match = _REPORTER_LABEL.match(label.strip().rstrip(":"))
    return match["outlet"].strip() or None if match else None


def classify(turns: list[Turn], explicit: list[bool | None]) -> None:
    """Set kind and reply_to on each turn, in place.

    Questions come from the format (a "Q" label), from reporter labels, or, where the transcript marks
    none, from speakers who are not the main speaker and who mostly ask. A moderator is a speaker who
    hands the floor to questions but never answers one. Every other turn after a question answers it.
    """
    is_question = [bool(flag) or _is_reporter(turn) for turn, flag in zip(turns, explicit)]
    if not any(is_question):
        askers = _askers(turns)
        is_question = [turn.speaker in askers for turn in turns]
    outlets: dict[str, str | None] = {}
    for turn, question in zip(turns, is_question):
        if question:
            turn.kind = "question"
            turn.role = turn.role or outlet_of(turn.label) or _outlet_in_text(turn)
            turn.role = turn.role or outlets.get(turn.speaker)  # a follow-up keeps the outlet
            outlets.setdefault(turn.speaker, turn.role)
    moderators = _moderators(turns, is_question)
    last_question = None
    for turn in turns:
        if turn.kind == "question":
            last_question = turn.index
        elif turn.speaker in moderators:
            turn.kind = "moderator"
        elif last_question is not None:
            turn.kind, turn.reply_to = "answer", last_question
        else:
            turn.kind = "remark"


def _is_reporter(turn: Turn) -> bool:
    return outlet_of(turn.label) is not None or turn.speaker == REPORTER_SPEAKER


def _askers(turns: list[Turn]) -> set[str]:
    """Speakers whose turns mostly hold a "?" or are answered by the main speaker.

    Reporters often ask without a question mark ("I wonder what your assessment is ..."), but the
    main speaker answers them; a moderator's turns are followed by a reporter instead.
    """
    words: dict[str, int] = defaultdict(int)
    for turn in turns:
        words[turn.speaker] += len(turn.text.split())
    if len(words) < 2:
        return set()
    main = max(words, key=words.get)
    asked: dict[str, list[bool]] = defaultdict(list)
    for i, turn in enumerate(turns):
        answered = i + 1 < len(turns) and turns[i + 1].speaker == main
        asked[turn.speaker].append("?" in turn.text or answered)
    return {
        speaker
        for speaker, flags in asked.items()
        if speaker != main and sum(flags) * 2 > len(flags)
    }


def _moderators(turns: list[Turn], is_question: list[bool]) -> set[str]:
    """Labelled moderators, and speakers whose turns before a question are all short hand-offs
    ("Thank you. Nick Timiraos.") and who never speak right after a question. The length test keeps
    an official whose long answer happens to precede the next question from being taken for one."""
    by_label = {t.speaker for t in turns if _MODERATOR_LABEL.search(t.label)}
    follows_question: set[str] = set()
    hands_off: dict[str, bool] = {}
    for i, turn in enumerate(turns):
        if is_question[i]:
            continue
        if i and is_question[i - 1]:
            follows_question.add(turn.speaker)
        if i + 1 < len(turns) and is_question[i + 1]:
            short = len(turn.text.split()) <= _HAND_OFF_WORDS
            hands_off[turn.speaker] = hands_off.get(turn.speaker, True) and short
    return by_label | {s for s, short in hands_off.items() if short and s not in follows_question}


def _outlet_in_text(turn: Turn) -> str | None:
    """Reporters often open with their name and outlet: "Nick Timiraos, The Wall Street Journal." """
    if turn.speaker == REPORTER_SPEAKER:
        return None
    surname = re.escape(turn.speaker.split()[-1])
    # The surname in any case (label MCKEE, text McKee); "with the New York Times" keeps its "The".
    match = re.search(
        rf"\b(?i:{surname})\s*(?:,|\bfrom\b|\bwith\b)\s*(?:from\s+|with\s+)?(?P<outlet>(?:the\s+)?[A-Z][\w&.'’ -]{{1,60}}?)\s*[.?!]",
        turn.text[:300],
    )
    if not match:
        return None
    outlet = match["outlet"].strip()
    return outlet[0].upper() + outlet[1:]
