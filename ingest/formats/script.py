"""Speaker-label scripts, plain text and Markdown; and the lines→turns logic html, pdf and nametag share.

A turn starts at a line that opens with a speaker label: an upper-case name and a colon (`MS. PSAKI:`),
an upper-case name of two words or a title form and a period (`CHAIR POWELL.`, `DR. FAUCI.`), or `Q`
for a reporter's question. Lines are joined back into paragraphs, paragraphs into turns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

import yaml

from ..draft import Draft, RawTurn, merge_runs, unknown_speaker_turns
from ..reading import Source

_SPACE = " \t\u00a0"
_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"  # JEAN-PIERRE, O’BRIEN
_TITLE = r"(?:MR|MS|MRS|MX|DR|PROF|REV|GEN|ADM|AMB|SEN|REP|GOV|SEC|LT|COL|CAPT|SGT|ST)\."
_INITIAL = r"[^\W\d_]\."
_GAP = r"[ \u00a0]+"
_COLON_LABEL = re.compile(
    rf"[{_SPACE}]*(?P<name>(?:{_TITLE}{_GAP})?(?:{_WORD}|{_INITIAL})(?:{_GAP}(?:{_WORD}|{_INITIAL})){{0,5}})"
    rf"[ \u00a0]*(?P<mark>:)(?=\s|$)(?P<rest>.*)"
)
# A period ends sentences too, so a period label needs two name words or a title: "CHAIR POWELL."
_PERIOD_LABEL = re.compile(
    rf"[{_SPACE}]*(?P<name>{_TITLE}{_GAP}{_WORD}(?:{_GAP}{_WORD}){{0,4}}"
    rf"|{_WORD}(?:{_GAP}(?:{_WORD}|{_INITIAL})){{0,4}}{_GAP}{_WORD})"
    rf"(?P<mark>\.)(?=\s|$)(?P<rest>.*)"
)
_Q_LABEL = re.compile(rf"[{_SPACE}]*(?P<name>Q)(?P<mark>:?)(?P<gap>[{_SPACE}]+|$)(?P<rest>.*)")
# The Federal Reserve's 2011 transcripts label every reporter "QUESTION." (PROVENANCE.md §9)
_QUESTION_LABEL = re.compile(rf"[{_SPACE}]*(?P<name>QUESTION)(?P<mark>[.:])(?P<gap>[{_SPACE}]+|$)(?P<rest>.*)")
_OPENING_QUOTE = ("“", '"', "‘")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp]\.?\s?[Mm]\.?(?:\s+[A-Z]{2,5})?")
_STAGE_NOTE = re.compile(r"\([A-Z][^()]{0,60}\)")
_END = "END"
_MAX_PLACE = 160
_MONTH_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),?\s+(\d{4})\b"
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")  # **MS. PSAKI:** is a label too
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'])")

Line = tuple[int | None, str]  # (line number in the source, text)
Joiner = Callable[[str, str], str]


class Label(NamedTuple):
    speaker: str
    label: str
    rest: str
    question: bool


def match_label(line: str, starts_paragraph: bool = True) -> Label | None:
    """The speaker label opening a line, if any; prose such as "U.S. policy" or "Quickly," is not one."""
    q = _Q_LABEL.match(line)
    if q:
        # Mid-paragraph, "Q and A" is prose; transcripts set a question's Q apart by NBSPs or wide gaps.
        if starts_paragraph or (q["gap"] not in (" ", "") or q["mark"]):
            return Label("Q", "Q" + q["mark"], q["rest"], True)
        return None
    q = _QUESTION_LABEL.match(line)
    if q:
        return Label("Q", "QUESTION" + q["mark"], q["rest"], True)
    for pattern in (_COLON_LABEL, _PERIOD_LABEL):
        m = pattern.match(line)
        if m and m["name"].isupper():
            name = re.sub(_GAP, " ", m["name"])
            return Label(name, name + m["mark"], m["rest"], False)
    return None


def join_wrapped(left: str, right: str) -> str:
    """Hard-wrapped lines broke at a space, so a space puts it back."""
    return f"{left} {right}"


@dataclass
class _Turn:
    label: Label | None  # None for the preamble before the first label
    line: int | None
    paragraphs: list[Line] = field(default_factory=list)

    def add(self, number: int | None, text: str, new_paragraph: bool, join: Joiner) -> None:
        if new_paragraph or not self.paragraphs:
            self.paragraphs.append((number, text))
        else:
            line, last = self.paragraphs[-1]
            self.paragraphs[-1] = (line, join(last, text))


@dataclass
class Script:
    turns: list[RawTurn]
    preamble: list[Line]  # paragraphs before the first label
    started_at: str | None = None
    ended_at: str | None = None

    def place(self) -> str | None:
        """The line(s) printed between the heading and the start time, where a transcript says where it
        was held ("Aboard Air Force One / En Route Hanoi, Vietnam"); a longer paragraph is no place."""
        if not self.turns or not self.preamble or len(self.preamble[0][1]) > _MAX_PLACE:
            return None
        return self.preamble[0][1]

    def draft(self, title: str | None = None, event_date: str | None = None) -> Draft:
        """`event_date` is the publisher's; a date printed alone before the first turn ("(January 17,
        2023)": a call posted days after it was held) is the event's, and wins."""
        preamble = [text for _, text in self.preamble]
        event_date = next((d for text in preamble if (d := _dated_line(text))), None) or event_date
        if self.turns:
            return Draft(self.turns, title, event_date, self.started_at, self.ended_at, preamble=preamble)
        warning = "no speaker labels found: each paragraph is a turn of an unknown speaker"
        turns = unknown_speaker_turns(self.preamble)
        return Draft(turns, title, event_date, self.started_at, self.ended_at, [warning])


def _dated_line(text: str) -> str | None:
    text = text.strip(_SPACE + "()")
    match = _MONTH_DATE.fullmatch(text)
    return iso_date(text) if match else None


def build_turns(lines: Iterable[Line], join: Joiner = join_wrapped) -> Script:
    """Group lines into labelled turns; a blank line (spaces and NBSPs count as blank) ends a paragraph.

    A label that opens a quotation and never labels a turn elsewhere is a source quoted inside a turn,
    not a speaker: `CBS: “Republicans want to push …”` in a press secretary's list of headlines.
    """
    lines = list(lines)
    labels: dict[int, Label | None] = {}
    new_paragraph = True
    for i, (_, raw) in enumerate(lines):
        if not raw.strip(_SPACE):
            new_paragraph = True
            continue
        label = labels[i] = match_label(raw, new_paragraph)
        new_paragraph = bool(label) and not label.rest.strip(_SPACE)  # as the loop below reads it
    uses = Counter(label.speaker for label in labels.values() if label)
    turns = [_Turn(None, None)]
    new_paragraph = True
    for i, (number, raw) in enumerate(lines):
        text = raw.strip(_SPACE)
        if not text:
            new_paragraph = True
            continue
        label = labels.get(i)
        if label and _quoted_source(label, uses):
            label = None
        if label:
            turns.append(_Turn(label, number))
            text, new_paragraph = label.rest.strip(_SPACE), True
        if text:
            turns[-1].add(number, text, new_paragraph, join)
            new_paragraph = False
    return _finish(turns[0].paragraphs, turns[1:])


def _quoted_source(label: Label, uses: Counter) -> bool:
    return not label.question and uses[label.speaker] == 1 and label.rest.strip(_SPACE).startswith(_OPENING_QUOTE)


def _finish(preamble: list[Line], turns: list[_Turn]) -> Script:
    """Times printed as paragraphs of their own give the start (before any turn) and the end (last)."""
    preamble = [p for p in preamble if p[1] != _END]
    for turn in turns:
        turn.paragraphs = [p for p in turn.paragraphs if p[1] != _END]
    last = turns[-1].paragraphs if turns else preamble
    keep = 0 if turns else 1  # with no turns, a lone time is the start
    ended_at = last.pop()[1] if len(last) > keep and is_clock(last[-1][1]) else None
    start = next((i for i, (_, text) in enumerate(preamble) if is_clock(text)), None)
    started_at = preamble.pop(start)[1] if start is not None else None
    raws = [
        RawTurn(
            t.label.speaker,
            "\n\n".join(text for _, text in t.paragraphs),
            label=t.label.label,
            question=t.label.question or None,
            line=t.line,
        )
        for t in turns
    ]
    return Script(merge_turns(raws), preamble, started_at, ended_at)


def merge_turns(turns: list[RawTurn]) -> list[RawTurn]:
    """One turn per run of one speaker (consecutive Q paragraphs are one question); lone stage notes out."""
    merged = merge_runs(turns, "\n\n", _same_speaker)
    for turn in merged:
        turn.text = drop_stage_notes(turn.text)
    return merged


def _same_speaker(a: RawTurn, b: RawTurn) -> bool:
    return " ".join(a.speaker.split()).upper() == " ".join(b.speaker.split()).upper()


def drop_stage_notes(text: str) -> str:
    """A paragraph that is only "(Laughter.)" goes, unless it is all the turn holds (then it is the turn)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    kept = [p for p in paragraphs if not _STAGE_NOTE.fullmatch(p.strip(_SPACE))]
    return "\n\n".join(kept or paragraphs)


def is_clock(text: str) -> bool:
    return bool(_CLOCK.fullmatch(text.strip(_SPACE)))


def iso_date(value: object) -> str | None:
    """An ISO date from "2021-07-16…" or from "March 16, 2020" anywhere in the text."""
    text = str(value or "").strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    m = _MONTH_DATE.search(text)
    try:
        return datetime.strptime(" ".join(m.groups()), "%B %d %Y").date().isoformat() if m else None
    except ValueError:  # February 30
        return None


def web_address(value: object) -> str | None:
    """An http(s) address, or None: a link shown to the reader must not be javascript: or a file path."""
    text = str(value or "").strip()
    return text if re.match(r"https?://[^\s<>\"]+$", text) else None


def plain(text: str) -> str:
    """Markdown escapes, bold and inline HTML tags off, keeping the words: `\\[sic\\]`, `<s>violence</s>`."""
    return _MD_ESCAPE.sub(r"\1", _MD_STRONG.sub(r"\2", _HTML_TAG.sub("", text)))


def parse_script(source: Source) -> Draft:
    lines = source.text.split("\n")
    meta, body = _front_matter(source, lines)
    script = build_turns((n, plain(line)) for n, line in enumerate(lines[body:], body + 1))
    title = " ".join(str(meta["title"]).split()) if meta.get("title") else None
    address = web_address(meta.get("source_url"))
    draft = script.draft(title or None, _named_date(title, address) or iso_date(meta.get("date")))
    draft.source_url = address
    draft.place = script.place()
    return draft


def _named_date(title: str | None, address: str | None) -> str | None:
    """The event's date where the title or the page's address names one ("…, December 7, 2023",
    "…-november-13-2023/"): front matter dates the publication, which can be the next day."""
    found = _MONTH_DATE.search(title or "")
    slug = (address or "").rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    found = found or re.search(_MONTH_DATE.pattern + "$", slug.title())
    return iso_date(found.group()) if found else None


def _front_matter(source: Source, lines: list[str]) -> tuple[dict, int]:
    """YAML between `---` lines at the top: (the mapping, index of the first body line)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    close = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if close is None:
        return {}, 0
    try:
        # BaseLoader keeps every value a string: a bad date such as 2021-13-45 is then no crash.
        meta = yaml.load("\n".join(lines[1:close]), Loader=yaml.BaseLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else None
        raise source.error(f"invalid YAML front matter: {getattr(exc, 'problem', exc)}", line) from None
    return (meta, close + 1) if isinstance(meta, dict) else ({}, 0)
