"""Who is speaking and in what capacity: canonical names, reporters' outlets, turn kinds, reply_to."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .model import Turn
from .names import HONORIFICS, ROLE_HEADS, is_name_word

REPORTER_SPEAKER = "Reporter"
_REPORTER_LABEL = re.compile(r"^(?P<outlet>.*?)\s*\b(reporter|correspondent|journalist)$", re.I)
_MODERATOR_LABEL = re.compile(r"\b(moderator|operator|host|emcee|master of ceremonies)\b", re.I)
_HAND_OFF_WORDS = 60
INTERJECTION = 12  # a reporter's turn this short with no question mark ("You can tell us now.") asks nothing new
_CUT = re.compile(r"^\W*(?:—|--)|(?:—|--)\W*$")
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
    officials = {t.speaker.split()[-1].lower() for t, q in zip(turns, is_question) if not q and t.speaker}
    outlets: dict[str, str | None] = {}
    for turn, question in zip(turns, is_question):
        if not question:
            continue
        turn.kind = "question"
        intro = introduction(turn.text, officials)
        if intro and intro.name and turn.speaker == REPORTER_SPEAKER:
            turn.speaker = intro.name  # "QUESTION.  Chairman, Jon Hilsenrath from the Wall Street Journal."
        elif intro and intro.name and intro.name.split()[-1].lower() != turn.speaker.split()[-1].lower():
            intro = None  # the label's reporter introduces someone else, or names an official
        turn.role = turn.role or outlet_of(turn.label) or (intro.outlet if intro else None)
        if turn.speaker != REPORTER_SPEAKER:  # a follow-up keeps the outlet; unnamed askers share nothing
            turn.role = turn.role or outlets.get(turn.speaker)
            outlets.setdefault(turn.speaker, turn.role)
    moderators = _moderators(turns, is_question)
    last_question: Turn | None = None
    for turn in turns:
        if turn.kind == "question":
            # "Now would be fine. (Laughter.)" after "Has he decided whether to run?": an interjection that
            # asks nothing leaves the floor with the question before it, which the next answer replies to
            if last_question is None or asks(turn.text) or not asks(last_question.text):
                last_question = turn
        elif turn.speaker in moderators:
            turn.kind = "moderator"
        elif last_question is not None:
            turn.kind, turn.reply_to = "answer", last_question.index
        else:
            turn.kind = "remark"


def asks(text: str) -> bool:
    """Whether a reporter's turn puts a question: a question mark, words enough to state one, or a
    dash where it was cut off or takes up a cut-off question ("On voting rights —", "— and not posts.")."""
    words = len(re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text))
    return "?" in text or words >= INTERJECTION or bool(_CUT.search(text))


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


@dataclass
class Introduction:
    name: str | None
    outlet: str | None


_LEAD = r"(?:(?P<lead>I’m|I'm|I am|[Ii]t’s|[Ii]t's|[Tt]his is|[Mm]y name is)\s+)?"
_PERSON = r"(?P<name>[^\W\d_][\w’'\-]*(?:\s+(?:[^\W\d_][\w’'\-]*|[A-Z]\.)){0,3})"
_OUTLET_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z](?:[\w&'’\-]|\.(?=\w))*)"  # "L.A." whole; "News." without its period
_OUTLET = rf"(?P<outlet>(?:[Tt]he\s+)?{_OUTLET_WORD}(?:\s+(?:{_OUTLET_WORD}|of|the|and|&|for)){{0,6}}?)"
_WITH_OUTLET = re.compile(
    rf"{_LEAD}{_PERSON}(?P<sep>\s*,\s*(?:(?:of|from|with)\s+)?|\s+(?:from|with|of)\s+){_OUTLET}"
    rf"\s*(?=[.,;!?—]|\s+(?:here|in)\b|$)"
)
_NAME_ONLY = re.compile(rf"{_LEAD}{_PERSON}\s*(?=[.,]\s|[.]$|$)")
_REPRESENTS = re.compile(rf"\s*(?:I represent|I’m from|I'm from|I am from|I work for|I’m with|I'm with)\s+{_OUTLET}\s*[.,]")
_CLAUSE_START = re.compile(r"(?:^|(?<=[.,!?—:;])\s+|(?<=\))\s+)")
_GREETED = re.compile(r"(?:^|[.!?]\s+)(?:Hi|Hello|Hey|Yes|Yeah|Okay)[,.!]?\s*$")


def introduction(text: str, officials: set[str] = frozenset()) -> Introduction | None:
    """The reporter's own introduction in a question's opening: "Chairman, Jon Hilsenrath from the Wall Street
    Journal.", "Hi, it’s Tonya Riley with CyberScoop", "Steve Liesman, CNBC.", "My name is … I represent …".

    A name is 2-4 capitalised words that are no title, greeting or office ("Thanks, Chair Powell." names no
    one); one word only after "it's"/"I'm", a greeting ("Hi, Ylan from …") or as "Taurean, with Spectrum
    News". A name whose surname is an official's of this transcript is someone addressed, not the asker.
    """
    opening = text[:300]
    for clause in _CLAUSE_START.finditer(opening):
        at = clause.end()
        for pattern in (_WITH_OUTLET, _NAME_ONLY):
            match = pattern.match(opening, at)
            if not match or not _plausible(match, opening[:at], officials, pattern is _WITH_OUTLET):
                continue
            outlet = match.groupdict().get("outlet")
            if outlet is None and (represents := _REPRESENTS.match(opening, match.end() + 1)):
                outlet = represents["outlet"]
            return Introduction(match["name"], _outlet(outlet) if outlet else None)
    return None


def _plausible(match: re.Match, before: str, officials: set[str], with_outlet: bool) -> bool:
    """Only after a preface (greetings, thanks, whom they address): a name deeper in a question is its subject."""
    if len(before) > _PREFACE_CHARS or any(len(s.split()) > 9 for s in re.split(r"[.!?]+\s+(?=[A-Z])", before)):
        return False
    words = match["name"].split()
    if not all(is_name_word(w) or re.fullmatch(r"[A-Z]\.", w) for w in words):
        return False
    if words[-1].lower() in officials:
        return False
    outlet = match.groupdict().get("outlet")
    first_outlet_word = re.sub(r"^[Tt]he\s+", "", outlet or "").split(" ")[0].rstrip(".").lower()
    if outlet and ({first_outlet_word, first_outlet_word.split("-")[0]} & (HONORIFICS | ROLE_HEADS | _SUFFIXES)):
        return False
    if outlet and match["sep"].strip() == "of" and not match["lead"] and len(outlet.split()) < 2:
        return False  # "Silvio Berlusconi of Italy." is a subject; "Annie Linskey of the Wall Street Journal" an asker
    if len(words) >= 2:  # a bare name only as the opening's own sentence: "Mr. Chairman, John Berry."
        bare = before.rstrip().endswith(",") and len(before) <= 40 and match.string[match.end() : match.end() + 1] == "."
        return with_outlet or bool(match["lead"]) or bare
    if not with_outlet:  # "Hi, Karine." addresses the press secretary; "I'm Asma." introduces
        return bool(match["lead"])
    sep = match["sep"].split()
    return bool(match["lead"]) or (bool(_GREETED.search(before)) and sep[-1:] in (["from"], ["with"])) or sep == [",", "with"]


_PREFACE_CHARS = 80
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _outlet(outlet: str) -> str:
    outlet = outlet.strip().rstrip(".,")
    return outlet[0].upper() + outlet[1:]
