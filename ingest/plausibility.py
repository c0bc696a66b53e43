"""Does a parse look like a press conference read right? Loud warnings where it does not.

A layout no parser knows rarely fails outright: it comes out as one huge turn, or with the reporters'
questions run into the official's answers (the 2011 FOMC PDF, whose `QUESTION.` labels were once read
as text, came out as one 26-page turn by the chairman). These checks look at the result, whatever the
format, and say what looks wrong and where, so that a reader knows before quoting from it:

- one turn holding a long document;
- one speaker holding nearly all the words of a long document that has questions in it;
- many paragraphs ending in "?" inside an official's turns (questions attributed to an official);
- no question turn at all in a document that reads like a press conference.

The thresholds were set on the corpus (PROVENANCE.md): none of its 236 archive files trips them once
their layouts are read right, and the 2011 PDF read without its `QUESTION.` labels trips three.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .model import Transcript

LONG_WORDS = 1500  # a document this long with one turn is not one speech with no one else in the room
DOMINANT_SHARE = 0.97
ASKED_PARAGRAPHS = 8  # paragraphs ending in "?" in one official's turns ...
ASKED_SHARE = 0.2  # ... and their share of that official's paragraphs
_PRESS_EVENT = re.compile(r"press (?:conference|briefing|gaggle|call)|briefing|gaggle|q\s*&\s*a|news conference", re.I)


def plausibility_warnings(transcript: Transcript) -> list[str]:
    turns = transcript.turns
    words = Counter()
    asked: dict[str, int] = defaultdict(int)
    paragraphs: dict[str, int] = defaultdict(int)
    for turn in turns:
        words[turn.speaker] += len(turn.text.split())
        if turn.kind != "question":
            for paragraph in turn.text.split("\n\n"):
                paragraphs[turn.speaker] += 1
                asked[turn.speaker] += paragraph.rstrip(" ”\"’)").endswith("?")
    total = sum(words.values())
    questions = sum(turn.kind == "question" for turn in turns)
    found: list[str] = []
    if len(turns) == 1 and total >= LONG_WORDS:
        found.append(
            f"PARSE CHECK: one turn ({turns[0].speaker!r}) holds the whole document, {total:,} words: "
            "its speaker labels were probably not recognised; quotes from it may be misattributed"
        )
    elif total >= 3 * LONG_WORDS and len(words) > 1:
        speaker, most = words.most_common(1)[0]
        if most / total >= DOMINANT_SHARE and asked[speaker]:
            found.append(
                f"PARSE CHECK: {speaker!r} holds {most / total:.0%} of {total:,} words although the "
                f"document has questions: other speakers' turns may be read as theirs"
            )
    for speaker, count in sorted(asked.items()):
        if count >= ASKED_PARAGRAPHS and count / max(paragraphs[speaker], 1) >= ASKED_SHARE:
            found.append(
                f"PARSE CHECK: {count} of {speaker!r}'s {paragraphs[speaker]} paragraphs end with a question "
                "mark: reporters' questions may be attributed to them (an unrecognised question label?)"
            )
    if not questions and total >= LONG_WORDS and (_PRESS_EVENT.search(transcript.title) or sum(asked.values()) >= ASKED_PARAGRAPHS):
        found.append(
            "PARSE CHECK: no question turns found in what reads like a press conference: "
            "reporters' questions are probably inside other speakers' turns"
        )
    return found
