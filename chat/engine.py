"""The answer engine: question -> retrieval -> grounded answer with citations. One per process.

The default answerer quotes: it composes the answer from verbatim sentences of the retrieved turns.
It refuses, saying so plainly, when no sentence is close enough to the topic, and when the speaker
asked about never addressed it (naming who did, if anyone).
"""

from __future__ import annotations

from collections.abc import Sequence

from llama_index.core.schema import QueryBundle

from index.chunks import chunk_meta
from index.filters import Filters
from index.retriever import HybridRetriever
from index.store import Store

from .compose import chunk_citation, quote_answer, turn_citation
from .contract import Answer, Citation
from .evidence import Evidence, SentenceScorer
from .formatting import clock
from .overview import overview
from .question import Speaker, Understood, resolve_speakers, understand

# Calibrated on the eval set (eval/). A sentence addresses the topic when its cosine with it is at
# least THRESHOLD and its chunk holds at least half of the topic's words, or when the cosine alone
# is at least STRONG (a paraphrase with no word in common).
THRESHOLD = 0.35
STRONG = 0.55
MAX_SENTENCES = 3
CONTENT_KINDS = ("answer", "remark", "moderator")


class Engine:
    def __init__(self, store: Store, llm=None, threshold: float = THRESHOLD, strong: float = STRONG):
        """llm: an answerer with .answer(question, sources) -> Answer (chat.llm); None quotes."""
        self.store = store
        self.llm = llm
        self.threshold = threshold
        self.strong = strong
        self.scorer = SentenceScorer(store.embedder)
        self._overviews: dict[str, tuple] = {}  # transcript id -> (version, transcript, overview)

    def ask(
        self,
        question: str,
        speaker: str | None = None,
        transcript: str | None = None,
        history: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> Answer:
        registry = self.registry(transcript)
        understood = understand(question, registry, list(history))
        if speaker:
            understood.speakers = resolve_speakers(speaker, registry)[0] or [speaker]
        scope = Filters(transcripts=(transcript,) if transcript else (), date_from=date_from, date_to=date_to)
        if understood.intent == "questions":
            return self._questions(understood, scope)
        if understood.intent in ("who_asked", "who_answered"):
            return self._who(understood, scope)
        return self._said(understood, scope)

    def registry(self, transcript: str | None = None) -> list[Speaker]:
        merged: dict[str, Speaker] = {}
        for entries in self.store.speakers([transcript] if transcript else None).values():
            for entry in entries:
                speaker = merged.setdefault(entry.name, Speaker(entry.name, entry.role))
                speaker.role = speaker.role or entry.role
                speaker.labels += [label for label in entry.labels if label not in speaker.labels]
        return list(merged.values())

    # -- what did X say (about Y) ----------------------------------------------------------------

    def _said(self, u: Understood, scope: Filters) -> Answer:
        if u.unknown:
            text = f"No one called {u.unknown} speaks in the indexed transcripts."
            return Answer(question=u.question, answer=text, refused=True)
        topic = u.topic or u.question
        kinds = self._kinds_for(u.speakers)
        evidence = self._evidence(topic, scope, u.speakers, kinds, figures=u.intent == "figure")
        # No topic ("what did the spokesperson say?"): the speaker's most relevant words, unfiltered.
        chosen = evidence[:2] if u.speakers and not u.topic else self._choose(evidence)
        if chosen and self.llm:
            generated = self.llm.answer(u.question, self._sources(chosen))
            if not generated.refused:
                return generated
            # Nothing the model wrote survived verification: fall back to the verbatim quotes.
            text, citations = quote_answer(chosen)
            note = "The model's answer could not be verified against the transcripts; the transcripts say:"
            return Answer(question=u.question, answer=f"{note}\n\n{text}", refused=False,
                          unsupported=generated.unsupported, citations=citations)
        if chosen:
            text, citations = quote_answer(chosen)
            return Answer(question=u.question, answer=text, refused=False, citations=citations)
        return self._refuse(u, topic, scope)

    def _refuse(self, u: Understood, topic: str, scope: Filters) -> Answer:
        subject = u.topic or "this"
        if not u.speakers:
            text = f"The indexed transcripts don't say anything about {subject}."
            return Answer(question=u.question, answer=text, refused=True)
        named = " or ".join(u.speakers)
        text = f"{named} did not talk about {subject} in the indexed transcripts"
        others = self._choose(self._evidence(topic, scope, (), CONTENT_KINDS))
        others = [e for e in others if e.meta.speaker not in u.speakers]
        if not others:
            return Answer(question=u.question, answer=f"{text}.", refused=True)
        body, citations = quote_answer(others)
        who = others[0].meta.speaker
        return Answer(question=u.question, answer=f"{text}; {who} did:\n\n{body}", refused=True, citations=citations)

    # -- who asked, who answered -----------------------------------------------------------------

    def _who(self, u: Understood, scope: Filters) -> Answer:
        questions = self._choose(self._evidence(u.topic or u.question, scope, (), ("question",)), limit=1)
        if not questions:
            text = f"No question about {u.topic or 'this'} was asked in the indexed transcripts."
            return Answer(question=u.question, answer=text, refused=True)
        asked = questions[0]
        if u.intent == "who_asked":
            text, citations = quote_answer(questions, verb="asked")
            return Answer(question=u.question, answer=text, refused=False, citations=citations)
        answers = self._answers_to(asked, u.topic or u.question)
        if not answers:
            text, citations = quote_answer(questions, verb="asked")
            return Answer(question=u.question, answer=f"{text}\n\nNo answer to it is recorded.", refused=True, citations=citations)
        text, citations = quote_answer(answers, verb="answered")
        return Answer(question=u.question, answer=text, refused=False, citations=citations)

    def _questions(self, u: Understood, scope: Filters) -> Answer:
        """'What questions were asked?', 'Which questions did Yu Jian answer?': from the overview."""
        lines, citations = [], []
        for entry in self.store.transcripts():
            if (scope.transcripts and entry.id not in scope.transcripts) or not _in_range(entry.date, scope):
                continue
            transcript, outline = self._overview(entry)
            for line in outline.questions:
                if u.speakers and not set(u.speakers) & set(line.answered_by + [line.asked_by]):
                    continue
                cite = turn_citation(len(citations) + 1, transcript, transcript.turns[line.turn_index], line.question)
                citations.append(cite)
                asker = ", ".join(filter(None, [line.asked_by, None if line.outlet and line.outlet in line.asked_by else line.outlet]))
                answered = f" Answered by {', '.join(line.answered_by)}." if line.answered_by else " No answer recorded."
                lines.append(f'{cite.n}. {asker}{_at(line.timestamp)}: "{line.question}" [{cite.n}]{answered}')
        if not lines:
            who = f" {' or '.join(u.speakers)} answered" if u.speakers else ""
            return Answer(question=u.question, answer=f"No questions{who} in the indexed transcripts.", refused=True)
        head = f"{len(lines)} question{'s' if len(lines) > 1 else ''}:"
        return Answer(question=u.question, answer="\n".join([head, *lines]), refused=False, citations=citations)

    def _overview(self, entry) -> tuple:
        cached = self._overviews.get(entry.id)
        if not cached or cached[0] != entry.version:
            transcript = self.store.transcript(entry.id)
            cached = self._overviews[entry.id] = (entry.version, transcript, overview(transcript))
        return cached[1:]

    def _answers_to(self, asked: Evidence, topic: str) -> list[Evidence]:
        """The best sentence of each turn that replies to the question, the longest turn first."""
        meta = asked.meta
        where = Filters(transcripts=(meta.transcript_id,), kinds=("answer",))
        hits = HybridRetriever(self.store, top_k=20, filters=where).retrieve(topic)
        replies = [h for h in hits if chunk_meta(h.node).reply_to == meta.turn_index]
        replies.sort(key=lambda h: len(h.node.text), reverse=True)
        vector = self.store.embedder.embed_query(topic)
        return [self.scorer.rank(vector, topic, [reply])[0] for reply in replies[:3]]

    def _sources(self, chosen: list[Evidence]) -> list[Citation]:
        """The chunks holding the chosen sentences, numbered, each quoting the chunk's whole text."""
        nodes = list({e.node.node.node_id: e.node.node for e in chosen}.values())
        return [chunk_citation(i + 1, chunk_meta(node), node.text) for i, node in enumerate(nodes)]

    # -- shared ----------------------------------------------------------------------------------

    def _evidence(self, topic: str, scope: Filters, speakers, kinds, figures: bool = False) -> list[Evidence]:
        filters = Filters(
            speakers=tuple(speakers), transcripts=scope.transcripts, kinds=tuple(kinds),
            date_from=scope.date_from, date_to=scope.date_to,
        )  # fmt: skip
        vector = self.store.embedder.embed_query(topic)
        hits = HybridRetriever(self.store, top_k=6, filters=filters).retrieve(QueryBundle(topic, embedding=vector))
        return self.scorer.rank(vector, topic, hits, figures)

    def _choose(self, evidence: list[Evidence], limit: int = MAX_SENTENCES) -> list[Evidence]:
        return [e for e in evidence if self.addresses(e)][:limit]

    def addresses(self, e: Evidence) -> bool:
        return e.cosine >= self.strong or (e.cosine >= self.threshold and e.coverage >= 0.5)

    def _kinds_for(self, speakers: list[str]) -> tuple[str, ...]:
        """A reporter's words are questions; an official's answers outrank the questions put to them."""
        if speakers and all(self._mostly_asks(s) for s in speakers):
            return ("question",)
        return CONTENT_KINDS

    def _mostly_asks(self, speaker: str) -> bool:
        for entries in self.store.speakers().values():
            for entry in entries:
                if entry.name == speaker:
                    return entry.kinds.get("question", 0) * 2 > entry.turns
        return False


def _at(timestamp: str | None) -> str:
    return f" at {clock(timestamp)}" if timestamp else ""


def _in_range(date: str | None, scope: Filters) -> bool:
    if not date:
        return not (scope.date_from or scope.date_to)
    return (not scope.date_from or date >= scope.date_from) and (not scope.date_to or date <= scope.date_to)
