"""From a parser's Draft to a Transcript: speakers as people, roles, kinds, reply_to, interpreted spans, an id."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from rapidfuzz.distance import Levenshtein

from .draft import Draft, RawTurn
from .model import Transcript, Turn
from .reading import Source
from .identity import is_correction, transcript_id
from .interpretation import interpreted_spans
from .people import Person, resolve
from .plausibility import plausibility_warnings
from .speakers import canonical_name, classify
from .text import clean_text

_DATE_IN_NAME = re.compile(r"((?:19|20)\d{2})-?(\d{2})-?(\d{2})")


def assemble(draft: Draft, source: Source, fmt: str) -> Transcript:
    raws = [raw for raw in draft.turns if draft.fixed_positions or clean_text(raw.text)]
    if not any(clean_text(raw.text) for raw in raws):
        raise source.error("no transcript text found")
    warnings = list(draft.warnings)
    title = (draft.title or _title_from_name(source.path.stem)).strip()
    names = _merge_aliases([canonical_name(raw.speaker) for raw in raws], warnings)
    spoken = [raw.text for raw in raws if not raw.question]
    people = resolve(names, title, draft.preamble, spoken)
    names = _merge_people(names, people, warnings)
    roles = _roles_by_speaker(raws, names)
    for person in people.values():
        roles.setdefault(person.name, person.role)
    turns = []
    for i, (raw, name) in enumerate(zip(raws, names)):
        text = clean_text(raw.text)
        turns.append(Turn(
            index=i, speaker=name, label=(raw.label or raw.speaker).strip(),
            role=raw.role.strip() if raw.role else roles.get(name), text=text, timestamp=raw.timestamp,
            start=raw.start, end=raw.end, interpreted=interpreted_spans(text),
        ))  # fmt: skip
    classify(turns, explicit=[raw.question for raw in raws])
    event_date = draft.date or _first_date(turns) or _date_in_name(source.path.stem)
    transcript = Transcript(
        id=transcript_id(event_date, title, draft.started_at),
        title=title,
        date=event_date,
        source=str(source.path),
        format=fmt,
        started_at=draft.started_at,
        ended_at=draft.ended_at,
        source_url=draft.source_url,
        place=draft.place,
        corrected=is_correction(title, draft.source_url),
        turns=turns,
        warnings=warnings,
    )
    transcript.warnings += plausibility_warnings(transcript)
    return transcript


def _merge_people(names: list[str], people: dict[str, Person], warnings: list[str]) -> list[str]:
    """Labels resolved to the same person become one speaker ("Director Young", "Ms. Young": Shalanda Young)."""
    merged: dict[str, list[str]] = {}
    for name, person in people.items():
        merged.setdefault(person.name, []).append(name)
    for person, labels in merged.items():
        if len(labels) > 1:
            warnings.append(f"speaker labels {' and '.join(map(repr, labels))} are one person: {person}")
    return [people[name].name if name in people else name for name in names]


def _merge_aliases(names: list[str], warnings: list[str]) -> list[str]:
    """Fold a rare spelling into a frequent one a letter or two away ("Admirar Giroir")."""
    counts = Counter(names)
    by_frequency = [name for name, _ in counts.most_common()]
    alias: dict[str, str] = {}
    for i, rare in enumerate(by_frequency):
        for common in by_frequency[:i]:
            if common in alias or counts[rare] * 3 > counts[common]:
                continue
            # a letter dropped, doubled or swapped; long labels a few ("Senior Administrive Official")
            allowed = 1 if len(common) < 10 else 2 if len(common) < 24 else 4
            if Levenshtein.distance(rare.lower(), common.lower()) <= allowed:
                alias[rare] = common
                warnings.append(f"speaker label {rare!r} read as {common!r}")
                break
    return [alias.get(name, name) for name in names]


def _roles_by_speaker(raws: list[RawTurn], names: list[str]) -> dict[str, str]:
    """The role printed with a speaker's fullest label carries over to their bare labels."""
    roles: dict[str, str] = {}
    for raw, name in zip(raws, names):
        if raw.role and len(raw.role.strip()) > len(roles.get(name, "")):
            roles[name] = raw.role.strip()
    return roles


def _first_date(turns: list[Turn]) -> str | None:
    return next((t.timestamp[:10] for t in turns if t.timestamp), None)


def _date_in_name(stem: str) -> str | None:
    match = _DATE_IN_NAME.search(stem)
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _title_from_name(stem: str) -> str:
    return re.sub(r"[_\-]+", " ", stem).strip() or stem
