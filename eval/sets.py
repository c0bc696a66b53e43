"""Eval sets: JSONL files of questions with gold turns, loaded and validated against the transcripts.

A line: {"id", "question", "history"?, "transcripts": [files or folders], "gold": [{"transcript"?,
"turn_index" | "timestamp" | "text"}], "speaker"?, "facts": [...], "answerable", "tags": [...]}.

Files are portable paths: `shared/...` lies in the shared folder ($PODIUM_SHARED, else ../shared beside
the checkout), anything else is relative to the repo root; a folder stands for the transcript files in
it. A gold's transcript is one of the item's files or the id parsed from it, and may be left out when
the item has a single transcript. A gold `text` is a verbatim excerpt of the turn (whitespace, quote
marks, dashes and case aside), so a set outlives changes to how files are cut into turns. `speaker` is
a canonical name or a label as printed ("MS. JEAN-PIERRE"). The item's transcripts are also its scope:
a single file is asked with `transcript=ID`; folders or several files are the store the question is
asked of, unscoped.

Consistency is checked, not trusted: every fact of an answerable question must be in a gold turn
(or name its speaker), so a fact can't be invented by the set's author either.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest import IngestError, Transcript, parse_file
from ingest.text import match_key

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "eval" / "sets"
RETRIEVAL_ONLY = "retrieval-only"  # tag: scored on retrieval alone (QMSum: its answers are summaries)


def shared_folder() -> Path:
    return Path(os.environ.get("PODIUM_SHARED", ROOT.parent / "shared"))


class SetError(Exception):
    """A set that can't be used; the message lists every problem as `file:line: reason`."""


class Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")
    transcript: str | None = None
    turn_index: int | None = None
    timestamp: str | None = None
    text: str | None = None


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    question: str
    history: list[str] = []
    transcripts: list[str]
    gold: list[Gold] = []
    speaker: str | None = None
    facts: list[str] = []
    answerable: bool
    tags: list[str] = []


@dataclass(frozen=True)
class Question:
    """An item resolved against its transcripts: scope and gold as transcript ids and turn indices."""

    id: str
    question: str
    history: tuple[str, ...]
    scope: tuple[str, ...]
    gold: frozenset[tuple[str, int]]
    speaker: str | None
    facts: tuple[str, ...]
    answerable: bool
    tags: tuple[str, ...]

    @property
    def trap(self) -> bool:
        return not self.answerable and bool(self.gold)


@dataclass
class EvalSet:
    name: str
    path: Path
    questions: list[Question]
    transcripts: dict[str, Transcript]  # id -> parsed transcript
    files: dict[str, Path]  # id -> file
    listed: tuple[str, ...] = ()  # the files and folders the questions name, as written, sorted


def set_path(name: str) -> Path:
    """A bare name is eval/sets/NAME.jsonl; anything else is a path."""
    if "/" not in name and not name.endswith(".jsonl"):
        return SETS / f"{name}.jsonl"
    return Path(name)


def available_sets() -> list[str]:
    return sorted(p.stem for p in SETS.glob("*.jsonl"))


def resolve_file(entry: str) -> Path:
    if Path(entry).is_absolute():
        raise ValueError(f"{entry!r}: use a path relative to the repo root or shared/, not an absolute one")
    if entry.startswith("shared/"):
        return shared_folder() / entry.removeprefix("shared/")
    return ROOT / entry


@lru_cache(maxsize=None)  # a set over the archive names its 230 files in every line
def _parse(path: Path) -> Transcript:
    return parse_file(path)


_NOT_TRANSCRIPTS = ("LICENSE", "README", "PROVENANCE")  # beside the transcripts in a corpus folder


def expand(entry: str) -> list[str]:
    """A set's transcript entry as the files it stands for: itself, or a folder's transcript files."""
    path = resolve_file(entry)
    if not path.is_dir():
        return [entry]
    names = sorted(p.name for p in path.iterdir() if p.is_file() and not p.name.startswith((".", *_NOT_TRANSCRIPTS)))
    return [f"{entry.rstrip('/')}/{name}" for name in names]


def load_set(name: str) -> EvalSet:
    path = set_path(name)
    if not path.is_file():
        raise SetError(f"{path}: no such eval set (known: {', '.join(available_sets())})")
    problems: list[str] = []
    questions: list[Question] = []
    transcripts: dict[str, Transcript] = {}
    files: dict[str, Path] = {}
    seen: set[str] = set()
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = _item(line)
            question = resolve(item, transcripts, files)
            if item.id in seen:
                raise ValueError(f"duplicate id {item.id!r}")
            seen.add(item.id)
            questions.append(question)
        except ValueError as exc:
            problems.append(f"{path}:{number}: {exc}")
    if not questions and not problems:
        problems.append(f"{path}: no questions")
    if problems:
        raise SetError("\n".join(problems))
    listed = tuple(sorted({entry for line in path.read_text().splitlines() if line.strip() for entry in json.loads(line)["transcripts"]}))
    return EvalSet(path.stem, path, questions, transcripts, files, listed)


def _item(line: str) -> Item:
    try:
        return Item.model_validate(json.loads(line))
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{where}: {first['msg']}") from None


def resolve(item: Item, transcripts: dict[str, Transcript], files: dict[str, Path]) -> Question:
    """Check one item against its transcripts (parsed and added to `transcripts`) and resolve it."""
    if not item.question.strip():
        raise ValueError(f"{item.id}: empty question")
    if not item.transcripts:
        raise ValueError(f"{item.id}: no transcripts")
    own: dict[str, Transcript] = {}
    aliases: dict[str, str] = {}  # a file as written, or an id -> the id
    for entry in (file for listed in item.transcripts for file in expand(listed)):
        transcript = _load(entry)
        own[transcript.id] = transcripts[transcript.id] = transcript
        files[transcript.id] = resolve_file(entry)
        aliases[entry] = aliases[transcript.id] = transcript.id
    gold = frozenset(pair for g in item.gold for pair in _gold(item, g, own, aliases))
    _check_kind(item, gold)
    speaker = _speaker(item, own, gold)
    _check_facts(item, gold, own, speaker)
    scope = tuple(own)
    return Question(
        item.id, item.question, tuple(item.history), scope, gold, speaker,
        tuple(item.facts), item.answerable, tuple(item.tags),
    )  # fmt: skip


def _load(entry: str) -> Transcript:
    path = resolve_file(entry)
    if not path.is_file():
        raise ValueError(f"transcript file not found: {entry} ({path})")
    try:
        return _parse(path)
    except IngestError as exc:
        raise ValueError(str(exc)) from None


def _gold(item: Item, gold: Gold, own: dict[str, Transcript], aliases: dict[str, str]) -> list[tuple[str, int]]:
    if gold.transcript is None and len(own) > 1:
        raise ValueError(f"{item.id}: a gold turn must name its transcript when the item has several")
    tid = aliases.get(gold.transcript) if gold.transcript else next(iter(own))
    if tid is None:
        raise ValueError(f"{item.id}: gold transcript {gold.transcript!r} is not one of the item's transcripts")
    turns = own[tid].turns
    if sum(x is not None for x in (gold.turn_index, gold.timestamp, gold.text)) != 1:
        raise ValueError(f"{item.id}: a gold turn needs exactly one of turn_index, timestamp and text")
    if gold.text is not None:
        # every turn holding the excerpt: a live blog may print an entry twice
        matches = [t.index for t in turns if match_key(gold.text) in match_key(t.text)]
        if not matches:
            raise ValueError(f"{item.id}: no turn of {tid} holds the text {gold.text!r}")
        return [(tid, index) for index in matches]
    if gold.timestamp is not None:
        matches = [t.index for t in turns if t.timestamp and _same_time(t.timestamp, gold.timestamp)]
        if len(matches) != 1:
            raise ValueError(f"{item.id}: timestamp {gold.timestamp} matches {len(matches)} turns, not one")
        return [(tid, matches[0])]
    if not 0 <= gold.turn_index < len(turns) or not turns[gold.turn_index].text:
        raise ValueError(f"{item.id}: turn {gold.turn_index} is not a turn with text in {tid}")
    return [(tid, gold.turn_index)]


def _same_time(stamp: str, wanted: str) -> bool:
    """A full ISO timestamp, or its time of day alone (HH:MM:SS)."""
    return stamp == wanted or stamp.endswith("T" + wanted)


def _check_kind(item: Item, gold: frozenset) -> None:
    """answerable: gold turns; trap: not answerable, about a speaker, gold = who did; else no gold."""
    trap = not item.answerable and bool(gold)
    if item.answerable and not gold:
        raise ValueError(f"{item.id}: an answerable question needs gold turns")
    if trap and not item.speaker:
        raise ValueError(f"{item.id}: an unanswerable question with gold turns is a trap and needs a speaker")
    if trap != ("trap" in item.tags):
        raise ValueError(f"{item.id}: tag 'trap' goes with exactly the unanswerable questions that have gold turns")
    if (not item.answerable and not gold) != ("unanswerable" in item.tags):
        raise ValueError(f"{item.id}: tag 'unanswerable' goes with exactly the unanswerable questions without gold")
    if not item.answerable and item.facts:
        raise ValueError(f"{item.id}: an unanswerable question has no facts to find")


def _speaker(item: Item, own: dict[str, Transcript], gold: frozenset) -> str | None:
    """The canonical name the item's speaker stands for: itself, or the name of turns printed with that
    label, in the gold turns' transcripts first (a trap's speaker spoke in the same event)."""
    if item.speaker is None:
        return None
    wanted = _label_key(item.speaker)
    golden = {tid for tid, _ in gold}
    ordered = sorted(own.values(), key=lambda t: t.id not in golden)
    for transcript in ordered:
        for turn in transcript.turns:
            if turn.speaker == item.speaker or _label_key(turn.label) == wanted:
                return turn.speaker
    raise ValueError(f"{item.id}: speaker {item.speaker!r} does not speak in the item's transcripts")


def _label_key(label: str) -> str:
    return match_key(label).rstrip(":.").strip()


def _check_facts(item: Item, gold: frozenset, own: dict[str, Transcript], speaker: str | None) -> None:
    for fact in item.facts:
        turns = [own[tid].turns[index] for tid, index in gold]
        texts = [" ".join([t.text, t.speaker, t.label, t.role or ""]) for t in turns] + [speaker or ""]
        if not any(match_key(fact) in match_key(text) for text in texts):
            raise ValueError(f"{item.id}: fact {fact!r} is in none of its gold turns")
