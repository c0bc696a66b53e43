"""The answer engine: question -> retrieval -> grounded answer with citations. One per process.

The default answerer quotes: it composes the answer from verbatim sentences of the retrieved turns
(chat.answers). It refuses, saying so plainly, when no sentence carries the topic (chat.topic weighs its
words by how rare they are in the index), and when the speaker asked about never addressed it (naming
who did, if anyone). Dates and events the question names narrow the transcripts searched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from llama_index.core.schema import QueryBundle

from index.filters import Filters
from index.retriever import HybridRetriever
from index.store import Store

from . import answers, listing
from .answers import CONTENT_KINDS, RETRIEVED
from .contract import Answer
from .evidence import Evidence, SentenceScorer
from .names import Speaker, resolve_speakers
from .question import TimeReader, Understood, understand
from .topic import Topic, term_set, weigh
from .when import Event, TimeIndex

# Calibrated on the tuning sets (python -m eval.calibrate). A sentence's strength (chat.evidence) is its
# cosine with what is asked times the share of the topic's weight its chunk carries. The speakers asked
# about addressed the topic when their strongest sentence reaches RELEVANT plus OTHERS times the
# strongest that anyone else in the scope said on it: a topic someone else spoke to far better is one
# they did not (an attribution trap), whatever words their own turns share with it.
RELEVANT = 0.1
OTHERS = 0.4


@dataclass
class Ask:
    """One question as the engine works on it: what was understood, its topic, and where to look."""

    understood: Understood
    topic: Topic
    scope: Filters
    described: str = ""  # the dates or event the question named, for its messages ("at the May 2 briefing")
    others: list[Evidence] | None = None  # what the others in the scope said on the topic, once read
    vector: list[float] | None = None  # what is asked, embedded once


class Engine:
    def __init__(self, store: Store, llm=None, relevant: float = RELEVANT, others: float = OTHERS, today=None):
        """llm: an answerer with .answer(question, sources) -> Answer (chat.llm); None quotes.
        today: the date relative dates are read against (tests fix it; None: the real today)."""
        self.store = store
        self.llm = llm
        self.relevant = relevant
        self.others_weight = others
        self.today = today
        self.scorer = SentenceScorer(store.embedder)
        self._registries: dict = {}  # (fingerprint, transcripts) -> registry
        self._overviews: dict[str, tuple] = {}  # transcript id -> (version, transcript, overview)
        self._times = None  # (fingerprint, TimeIndex, speaker -> transcript ids)

    def ask(
        self,
        question: str,
        speaker: str | None = None,
        transcript: str | None = None,
        history: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> Answer:
        scope = Filters(transcripts=(transcript,) if transcript else (), date_from=date_from, date_to=date_to)
        registry = self.registry(transcript)
        understood = understand(question, registry, list(history), self._time_reader())
        if speaker:
            understood.speakers = resolve_speakers(speaker, registry)[0] or [speaker]
        job = self._job(understood, scope)
        if job is None:
            text = understood.scope.missing or f"There is no {understood.scope.described} in the indexed transcripts."
            return Answer(question=question, answer=text, refused=True)
        if understood.intent == "questions":
            return listing.questions(self, job)
        if understood.intent in ("who_asked", "who_answered"):
            return listing.who(self, job)
        if understood.intent == "mentions" and job.topic.weights:
            return answers.mentions(self, job)
        return answers.said(self, job)

    def _job(self, u: Understood, scope: Filters) -> Ask | None:
        """The question's scope with its dates and events applied (None: they match no transcript)."""
        described = ""
        when = u.scope
        if when is not None and when.empty and _today(u.question, when):
            when = u.scope = None  # "the rates raised today": the transcript's today, not the reader's
        if when is not None:
            if when.empty:
                return None
            ids = tuple(when.transcripts or ())
            if scope.transcripts:
                ids = tuple(i for i in ids if i in scope.transcripts) if ids else scope.transcripts
                if not ids:
                    return None
            scope = replace(
                scope, transcripts=ids, date_from=max(filter(None, [scope.date_from, when.date_from]), default=None),
                date_to=min(filter(None, [scope.date_to, when.date_to]), default=None),
            )  # fmt: skip
            described = when.described or ""
            u.speakers = self._present(u.speakers, scope.transcripts)
        return Ask(u, weigh(u.topic, self.store.view().keyword), scope, described)

    def _present(self, speakers: list[str], transcripts: tuple[str, ...]) -> list[str]:
        """Of several speakers a role names ("the press secretary"), those who speak in the scope."""
        if len(speakers) < 2 or not transcripts:
            return speakers
        here = {s.name for s in self.registry_of(transcripts)}
        return [s for s in speakers if s in here] or speakers

    def _time_reader(self) -> TimeReader:
        """Dates and events read against this store's transcripts (chat.when); ordinals ("her last
        briefing") count among the named speakers' transcripts."""
        index, spoken = self._time_index()
        today = self.today_date()

        def read(question: str, speakers: list[str], named: list[tuple[int, int]]):
            among = {tid for name in speakers for tid in spoken.get(name, ())} or None
            scope = index.resolve(question, today, among, named)
            return list(scope.spans), (scope if scope.transcripts is not None else None)

        return read

    def _time_index(self) -> tuple[TimeIndex, dict[str, set[str]]]:
        """The transcripts as chat.when reads them, and who speaks in which, kept per committed state."""
        fingerprint = self.store.view().fingerprint
        if self._times is None or self._times[0] != fingerprint:
            speakers = self.store.speakers()
            spoken: dict[str, set[str]] = {}
            for tid, entries in speakers.items():
                for entry in entries:
                    spoken.setdefault(entry.name, set()).add(tid)
            events = [
                Event(e.id, e.title, e.date, e.place, None, _people(speakers.get(e.id, [])), e.started_at)
                for e in self.store.transcripts()
            ]
            self._times = (fingerprint, TimeIndex(events), spoken)
        return self._times[1], self._times[2]

    # -- the registry ----------------------------------------------------------------------------

    def registry(self, transcript: str | None = None) -> list[Speaker]:
        return self.registry_of((transcript,) if transcript else ())

    def registry_of(self, transcripts: tuple[str, ...]) -> list[Speaker]:
        """One entry per speaker across the given transcripts (all when none), kept per committed state."""
        key = (self.store.view().fingerprint, transcripts)
        if key not in self._registries:
            merged: dict[str, Speaker] = {}
            for entries in self.store.speakers(list(transcripts) or None).values():
                for entry in entries:
                    speaker = merged.setdefault(entry.name, Speaker(entry.name, entry.role))
                    speaker.role = speaker.role or entry.role
                    speaker.labels += [label for label in entry.labels if label not in speaker.labels]
                    speaker.turns += entry.turns
                    speaker.questions += entry.kinds.get("question", 0)
            if len(self._registries) > 64:
                self._registries.clear()
            self._registries[key] = list(merged.values())
        return self._registries[key]

    def asks_mostly(self, speakers: list[str]) -> bool:
        """Whether every one of the speakers is a reporter: their words are questions."""
        known = {s.name: s for s in self.registry()}
        return bool(speakers) and all(s in known and known[s].mostly_asks for s in speakers)

    # -- evidence --------------------------------------------------------------------------------

    def evidence(
        self, job: Ask, speakers=(), kinds=CONTENT_KINDS, figures: bool = False, depth: int = RETRIEVED,
        scope: Filters | None = None, carrying: bool = False,
    ) -> list[Evidence]:  # fmt: skip
        """The sentences of the chunks retrieved for the topic within the scope, best first (carrying: of
        the chunks that carry some of the topic's weight only)."""
        scope = scope or job.scope
        filters = replace(scope, speakers=tuple(speakers), kinds=tuple(kinds))
        text = job.understood.asked or job.understood.question
        if job.vector is None:
            job.vector = self.store.embedder.embed_query(text)
        terms = job.topic.weights or None
        retriever = HybridRetriever(self.store, top_k=depth, filters=filters, terms=terms)
        hits = retriever.retrieve(QueryBundle(text, embedding=job.vector))
        return self.scorer.rank(job.vector, job.topic, hits, self._asked(hits), figures, carrying)

    def _asked(self, hits) -> dict[str, set[str]]:
        """Chunk id -> the index terms of the reporter's question it replies to, where the exchange matched."""
        view = self.store.view()
        wanted: dict[str, tuple[str, int]] = {}
        for hit in hits:
            turn = hit.node.metadata.get("exchange_question")
            if turn is not None:
                wanted[hit.node.node_id] = (hit.node.metadata["transcript_id"], turn)
        if not wanted:
            return {}
        texts: dict[tuple[str, int], list[str]] = {}
        rows = view.exchanges.question_rows(set(wanted.values()))
        for node in self.store.vectors.get_nodes(node_ids=[view.keyword.ids[r] for r in rows]):
            texts.setdefault((node.metadata["transcript_id"], node.metadata["turn_index"]), []).append(node.text)
        return {cid: term_set(" ".join(texts.get(key, []))) for cid, key in wanted.items()}

    def others(self, job: Ask) -> list[Evidence]:
        """What everyone but the speakers asked about said on the topic within the scope, best first."""
        if job.others is None:
            # a question put to them ("How do you feel about Kansas City hosting the World Cup?") asks about
            # the topic, it does not address it: it is no evidence that someone else spoke to it
            speakers = set(job.understood.speakers)
            job.others = [
                e for e in self.evidence(job, carrying=True)
                if e.meta.speaker not in speakers and not e.asks
            ]  # fmt: skip
        return job.others

    def bar(self, job: Ask) -> float:
        """The strength the speakers' sentences must reach to answer (see RELEVANT and OTHERS)."""
        if not job.understood.speakers:
            return self.relevant
        return self.relevant + self.others_weight * max((e.strength for e in self.others(job)), default=0.0)

    def overview_of(self, entry) -> tuple:
        from .overview import overview

        cached = self._overviews.get(entry.id)
        if not cached or cached[0] != entry.version:
            transcript = self.store.transcript(entry.id)
            cached = self._overviews[entry.id] = (entry.version, transcript, overview(transcript))
        return cached[1:]

    def today_date(self) -> date:
        return self.today or date.today()


def _people(entries) -> tuple[str, ...]:
    """Who speaks in a transcript, by name and role, for event phrases ("with the Energy Secretary")."""
    return tuple(" ".join(filter(None, [e.name, e.role])) for e in entries if e.kinds.get("question", 0) * 2 <= e.turns)


def _today(question: str, when) -> bool:
    """Whether the question's only date is "today" (or this morning, tonight): reporters write it as the
    transcript does, so where no briefing is of the reader's today it is the briefing's."""
    return bool(re.search(r"\b(today|this morning|this afternoon|tonight)\b", question, re.I)) and not re.search(
        r"\b(yesterday|week|month|year|\d{1,2}(st|nd|rd|th)?\b|January|February|March|April|May|June|July|August|"
        r"September|October|November|December)", question, re.I
    )
