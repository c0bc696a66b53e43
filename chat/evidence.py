"""Which sentences of the retrieved chunks answer the question: scored against it, best first.

A chunk can hold a long turn's worth of sentences; the quote answerer quotes sentences, so each is
scored on its own: its embedding's cosine with what is asked (the question less its names, dates and
events); the share of the topic's weight (chat.topic) its chunk carries, or the reporter's question
the chunk replies to carries (an answer need not repeat the question's words). Their product is the
sentence's strength: how surely it speaks to the topic, which the engine weighs to answer or refuse.
Sentences are ranked by the cosine, with a little for the topic's weight, for opening the reply to a
matching question, and for a figure when the question asks for one.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from llama_index.core.schema import NodeWithScore

from index.chunks import ChunkMeta, chunk_meta
from index.deadline import check_deadline
from index.keyword import stems
from ingest.sentences import sentence_spans

from .topic import Topic, specificity, term_set

# Ranking weights, set on the tuning sets (eval/): the cosine leads; the topic's weight tells apart
# sentences of one meaning; a figure question wants its figure.
COVERAGE_WEIGHT = 0.1
OPENING_WEIGHT = 0.05  # for opening the reply to a question that carries the topic
FIGURE_WEIGHT = 0.15
OPENING = 3  # sentences at the start of a turn that open its reply
_YEAR = r"(?:1[89]|20)\d\d\b"  # four digits that are a year
# an amount ("12.3%", "825,000", "one million"): a number not an ordinal ("the 9th Games") or a year
_FIGURE = re.compile(
    rf"(?<![\d.,])(?!{_YEAR})\d[\d.,]*(?!\d|st\b|nd\b|rd\b|th\b)"
    r"|\b(?:hundred|thousand|million|billion|trillion|dozen|percent)\b"
    r"|\b(?:a|one|two|three)[ -](?:half|third|thirds|quarter|quarters)\b|\bhalf (?:of|a|an|the)\b",
    re.I,
)
# ... or, to "how many times", an ordinal too ("his 11th briefing", "the third time")
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I)
_ASKS = re.compile(r"\?\W*$")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_TIME = re.compile(
    r"\b" + _YEAR + r"|\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:next|this|last|coming) "
    r"(?:year|month|week|spring|summer|autumn|fall|winter)\b|\b(?:today|tomorrow|yesterday|tonight)\b"
    r"|\b\d{1,2}:\d\d\b|\bin (?:the )?(?:\d+|few|coming) (?:days|weeks|months|years)\b",
)


@dataclass
class Evidence:
    score: float  # for ranking: cosine plus the small bonuses
    cosine: float  # the sentence's with what is asked
    coverage: float  # share of the topic's weight in the sentence's chunk, or in the question it replies to
    said: float  # share of the topic's weight in the sentence itself
    asked: float  # share of the topic's weight in the question the chunk replies to (0: none matched)
    info: float  # how much the sentence says beyond the topic's words
    node: NodeWithScore
    start: int  # offsets of the sentence in the chunk's text
    end: int
    position: int = 0  # the sentence's place in its chunk: 0 for the first

    def following(self) -> Evidence | None:
        """The next sentence of the same paragraph, scored as this one (None at the paragraph's end)."""
        text = self.node.node.text
        spans = sentence_spans(text)
        if self.position + 1 >= len(spans) or "\n\n" in text[self.end : spans[self.position + 1][0]]:
            return None
        a, b = spans[self.position + 1]
        return replace(self, start=a, end=b, position=self.position + 1)

    def near(self) -> list[str]:
        """The sentence with the one before and the one after it in its chunk: where a figure's subject
        is said ("In the SEP, we have unemployment going up to 4.1 percent. … a successful outcome")."""
        spans = sentence_spans(self.node.node.text)
        return [self.node.node.text[a:b] for a, b in spans[max(self.position - 1, 0) : self.position + 2]]

    @property
    def strength(self) -> float:
        """How surely the sentence speaks to the topic: its meaning near the question's, in a chunk (or a
        reply to a question) that holds the topic's words."""
        return self.coverage * self.cosine

    @property
    def exchange(self) -> float:
        """The cosine of the question this chunk replies to with the topic (0: no question matched)."""
        return self.node.node.metadata.get("exchange_score") or 0.0

    @property
    def text(self) -> str:
        return self.node.node.text[self.start : self.end]

    @cached_property
    def meta(self) -> ChunkMeta:
        return chunk_meta(self.node.node)

    @property
    def turn_offset(self) -> int:
        """Where the sentence starts in the whole turn's text."""
        return self.meta.char_start + self.start

    @property
    def key(self) -> tuple[str, int, int]:
        """The sentence's place: transcript, turn, offset in the turn."""
        return self.meta.transcript_id, self.meta.turn_index, self.turn_offset

    @property
    def opening(self) -> bool:
        """Among the first sentences of its turn, where a reply answers the question put."""
        return self.meta.part == 0 and self.position < OPENING

    @property
    def words(self) -> int:
        return len(_WORDS.findall(self.text))

    def figure(self, counts: bool = False) -> bool:
        """Whether the sentence gives an amount; counts: or an ordinal, which counts occasions."""
        return bool(_FIGURE.search(self.text) or (counts and _ORDINAL.search(self.text)))

    @property
    def asks(self) -> bool:
        """Whether the sentence is a question: it asks about a topic, it does not speak to it."""
        return bool(_ASKS.search(self.text))

    @property
    def timed(self) -> bool:
        """Whether the sentence says when: a year, a month or day, a time of day, "next week"."""
        return bool(_TIME.search(self.text))


class SentenceScorer:
    def __init__(self, embedder, cache_size: int = 2048):
        self.embedder = embedder
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def rank(
        self, vector, topic: Topic, nodes: list[NodeWithScore], asked: dict[str, set[str]] | None = None,
        figures: bool = False, carrying: bool = False,
    ) -> list[Evidence]:  # fmt: skip
        """asked: index terms of the question each chunk replies to, by chunk id (where one matched).
        carrying: only the chunks that carry some of the topic's weight (the others' sentences have no
        strength; their embedding is most of the cost of a first question)."""
        query = np.asarray(vector)
        asked = asked or {}
        shares = {}  # chunk id -> (coverage, coverage by the question it replies to)
        for node in nodes:
            chunk_id = node.node.node_id
            question = topic.coverage(asked[chunk_id]) if chunk_id in asked else 0.0
            shares[chunk_id] = (max(topic.coverage(term_set(node.node.text)), question), question)
        if carrying and topic.weights:
            nodes = [node for node in nodes if shares[node.node.node_id][0] > 0]
        spans_of = {node.node.node_id: sentence_spans(node.node.text) for node in nodes}
        vectors_of = self._vectors({n.node.node_id: [n.node.text[a:b] for a, b in spans_of[n.node.node_id]] for n in nodes})
        ranked = []
        for node in nodes:
            check_deadline()  # a deep "what else" scores many chunks' sentences: each is a point to stop at
            text = node.node.text
            spans, vectors = spans_of[node.node.node_id], vectors_of[node.node.node_id]
            coverage, question = shares[node.node.node_id]
            for position, ((a, b), sentence_vector) in enumerate(zip(spans, vectors)):
                sentence = text[a:b]
                cosine = float(sentence_vector @ query)
                said = topic.coverage(term_set(sentence))
                info = _info(sentence, topic)
                e = Evidence(0.0, cosine, coverage, said, question, info, node, a, b, position)
                e.score = (
                    cosine + COVERAGE_WEIGHT * coverage
                    + (OPENING_WEIGHT * question * (OPENING - position) / OPENING if e.opening else 0.0)
                    + (FIGURE_WEIGHT if figures and e.figure(counts=True) else 0.0)
                )  # fmt: skip
                ranked.append(e)
        return sorted(ranked, key=lambda e: e.score, reverse=True)

    def _vectors(self, chunks: dict[str, list[str]]) -> dict[str, np.ndarray]:
        """Each chunk's sentence vectors: from the cache, the others embedded in one call (one call sorts
        all the sentences by length, so its batches pad less than a call per chunk)."""
        missing = [chunk_id for chunk_id in chunks if chunk_id not in self._cache]
        texts = [sentence for chunk_id in missing for sentence in chunks[chunk_id]]
        vectors = np.asarray(self.embedder.embed_texts(texts)) if texts else np.zeros((0, 0))
        start = 0
        for chunk_id in missing:
            self._cache[chunk_id] = vectors[start : start + len(chunks[chunk_id])]
            start += len(chunks[chunk_id])
        out = {}
        for chunk_id in chunks:
            self._cache.move_to_end(chunk_id)
            out[chunk_id] = self._cache[chunk_id]
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return out


def _info(sentence: str, topic: Topic) -> float:
    """The English specificity of the sentence's words that are not the topic's: a sentence that only
    names the topic ("gas prices at all-time highs, and things like that") says little else."""
    words = _WORDS.findall(sentence)
    return sum(specificity(w) for w, stem in zip(words, stems(words)) if stem not in topic.weights)
