"""Live-blog pages: a speaker header, the speech, then a date-time line that stamps the entry above.

Such pages (SCIO press-conference live blogs and their machine translations) wrap the entries in
page chrome and often hold the whole transcript twice, in two slightly different translations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz

from ..draft import Draft, RawTurn, unknown_speaker_turns
from ..names import capitalised, looks_like_name
from ..reading import Source

_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)$", re.ASCII)
_HELD = re.compile(r"^(?:the\s+)?(?P<host>[A-Z][^,;:]{2,80}?)\s+held\b.*?\bpress conferences?\b", re.I)
_TITLE = re.compile(r"^live(?:\s+broadcast)?\s*[|｜]\s*(?P<title>.+)$", re.I)
_CHROME = [
    re.compile(r"^breaking news$", re.I),
    re.compile(r"^[-–—_=*•·|]+$"),  # separators
    _TITLE,
    re.compile(r"^[^()]{0,80}\((?:photo|photograph|picture|image)\b[^()]*\)$", re.I),  # caption
    re.compile(r"^tags\s*[:：]", re.I),
    re.compile(r"^(?:PREV|NEXT)\b"),  # upper case only: "Next, let me ..." is speech
    re.compile(r"^the article is in \w+$", re.I),
]

_MAX_HEADER = 200
_MAX_NAME_WORDS = 6
_MAX_OUTLET_WORDS = 8
_REPORTER = re.compile(r"^(?P<outlet>.*?)\s*\b(?:reporter|correspondent|journalist)$", re.I)
# rapidfuzz ratio: the sample's two translations of an entry score 99.6-100; two different short
# replies by one speaker ("Thank you for your attention to this work. We ask ...") reach 86.
_DUPLICATE_SCORE = 92


@dataclass
class Header:  # "Name, Title:" -> speaker "Name", role "Title", label "Name, Title"
    speaker: str
    label: str
    role: str | None


@dataclass
class Stamp:
    iso: str


@dataclass
class Entry:
    header: Header | None
    line: int | None = None
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    timestamp: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(text for _, text in self.paragraphs)


def parse_liveblog(source: Source) -> Draft:
    entries, trailing = _entries(_blocks(source))
    draft = Draft(turns=[], title=_title(source.text))
    if trailing.header and trailing.paragraphs:
        draft.warnings.append(
            f"line {trailing.line}: dropped {trailing.header.label!r}, "
            "which has no date-and-time line after it"
        )
    if any(entry.header for entry in entries):
        draft.turns = _dedupe(_speaker_turns(entries))
    else:
        draft.turns = _unknown_turns(entries)
        if draft.turns:
            draft.warnings.append("no speaker headers: every paragraph is by an unknown speaker")
    if not draft.turns:
        raise source.error("no live-blog entries: no speech is followed by a date-and-time line")
    draft.date = next((t.timestamp[:10] for t in draft.turns if t.timestamp), None)
    return draft


def _blocks(source: Source) -> Iterator[tuple[int, str | Header | Stamp]]:
    """(line, item): paragraph text, a Header or a Stamp; chrome and blank lines end paragraphs."""
    paragraph: list[str] = []
    start = 0
    for number, raw in enumerate(source.text.split("\n"), 1):
        line = raw.strip()
        chrome = not line or _is_chrome(line)
        item = None if chrome else _stamp(source, line, number) or _header(line)
        if not chrome and item is None:
            start = start if paragraph else number
            paragraph.append(line)
            continue
        if paragraph:
            yield start, "\n".join(paragraph)
            paragraph = []
        if item:
            yield number, item
    if paragraph:
        yield start, "\n".join(paragraph)


def _entries(blocks: Iterable[tuple[int, str | Header | Stamp]]) -> tuple[list[Entry], Entry]:
    """Group blocks into entries; a stamp closes the entry above it.

    Returns the closed entries and the one left open after the last stamp (chrome, or a lost entry).
    """
    entries: list[Entry] = []
    current = Entry(header=None)
    for number, item in blocks:
        if isinstance(item, Header):
            if current.paragraphs:
                entries.append(current)  # the entry above got no stamp of its own
            current = Entry(header=item, line=number)
        elif isinstance(item, Stamp):
            # A stamp right after a bare header stamps nothing; the header still names the speaker.
            if current.paragraphs:
                current.timestamp = item.iso
                entries.append(current)
                current = Entry(header=None)
        else:
            current.line = current.line or number
            current.paragraphs.append((number, item))
    return entries, current


def _stamp(source: Source, line: str, number: int) -> Stamp | None:
    match = _STAMP.match(line)
    if not match:
        return None
    day, clock = match.groups()
    text = f"{day} {clock}" + ("" if clock.count(":") == 2 else ":00")
    try:
        return Stamp(datetime.strptime(text, "%Y-%m-%d %H:%M:%S").isoformat())
    except ValueError:
        raise source.error(f"impossible date or time {line!r}", number) from None


def _header(line: str) -> Header | None:
    """A speaker header: "Name, Title:", "Name:" or "Outlet reporter:", with either colon."""
    if len(line) > _MAX_HEADER or not line.endswith((":", "：")):
        return None
    label = line[:-1].strip()
    name, *rest = re.split(r"\s*[,，]\s*", label, maxsplit=1)
    role = rest[0].strip() if rest else ""
    if "?" in role or "!" in role:
        return None
    if not (looks_like_name(name, _MAX_NAME_WORDS) or _looks_like_reporter(name)):
        return None
    return Header(speaker=name.strip(), label=label, role=role or None)


def _looks_like_reporter(name: str) -> bool:
    match = _REPORTER.match(name)
    if not match:
        return False
    outlet = match["outlet"].split()
    return not outlet or (len(outlet) <= _MAX_OUTLET_WORDS and capitalised(outlet))


def _is_chrome(line: str) -> bool:
    return any(pattern.search(line) for pattern in _CHROME)


def _title(text: str) -> str | None:
    """The text after the bar of the first "Live broadcast | ..." line, shortened when it is a
    headline of the form "The X held a ... press conference ..." to "X press conference": the title
    is printed in every citation."""
    for line in text.split("\n"):
        match = _TITLE.match(line.strip())
        if match:
            headline = match["title"].strip()
            held = _HELD.match(headline)
            return f"{held['host']} press conference" if held else headline
    return None


def _speaker_turns(entries: list[Entry]) -> list[RawTurn]:
    """One turn per entry; an entry with no header of its own continues the last speaker.

    Entries above the first header are the page's lead-in: chrome.
    """
    turns = []
    last: Header | None = None
    for entry in entries:
        if entry.header:
            last = entry.header
            turns.append(
                RawTurn(last.speaker, entry.text, label=last.label, role=last.role,
                        timestamp=entry.timestamp, line=entry.line)
            )
        elif last:
            turns.append(
                RawTurn(last.speaker, entry.text, timestamp=entry.timestamp, line=entry.line)
            )
    return turns


def _dedupe(turns: list[RawTurn]) -> list[RawTurn]:
    """Keep the first copy of an entry the page repeats: same speaker and stamp, near-same text."""
    kept: list[RawTurn] = []
    seen: dict[tuple[str, str], list[str]] = {}
    for turn in turns:
        if turn.timestamp is None:
            kept.append(turn)  # without a stamp, a repeat may be a real second "Thank you."
            continue
        texts = seen.setdefault((turn.speaker.casefold(), turn.timestamp), [])
        if not any(fuzz.ratio(turn.text, text) >= _DUPLICATE_SCORE for text in texts):
            texts.append(turn.text)
            kept.append(turn)
    return kept


def _unknown_turns(entries: list[Entry]) -> list[RawTurn]:
    """No headers on the page: one Unknown-speaker turn per paragraph, with its entry's stamp."""
    turns = []
    for entry in entries:
        for turn in unknown_speaker_turns(entry.paragraphs):
            turn.timestamp = entry.timestamp
            turns.append(turn)
    return turns
