"""Which sentences of the retrieved chunks answer the topic: scored against it, best first.

A chunk can hold a long turn's worth of sentences; the quote answerer quotes sentences, so each is
scored on its own: its embedding's cosine with the topic, plus a little for sharing the topic's
rarer words (names, figures: where the embedding is weak), plus a little for figures when the
question asks for one.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from llama_index.core.schema import NodeWithScore

from ingest.sentences import sentence_spans
from index.chunks import ChunkMeta, chunk_meta
from index.keyword import tokenize

LEXICAL_WEIGHT = 0.08
FIGURE_WEIGHT = 0.15
_FIGURE = re.compile(r"\d")


@dataclass
class Evidence:
    score: float  # for ranking: cosine plus the small bonuses
    cosine: float
    coverage: float  # share of the topic's words found in the sentence's chunk
    node: NodeWithScore
    start: int  # offsets of the sentence in the chunk's text
    end: int

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


class SentenceScorer:
    def __init__(self, embedder, cache_size: int = 2048):
        self.embedder = embedder
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def rank(self, topic_vector: list[float], topic: str, nodes: list[NodeWithScore], figures: bool = False) -> list[Evidence]:
        query = np.asarray(topic_vector)
        terms = set(_terms(topic))
        ranked = []
        for node in nodes:
            spans = sentence_spans(node.node.text)
            vectors = self._vectors(node.node.node_id, [node.node.text[a:b] for a, b in spans])
            coverage = len(terms & set(_terms(node.node.text))) / len(terms) if terms else 1.0
            for (a, b), vector in zip(spans, vectors):
                sentence = node.node.text[a:b]
                cosine = float(vector @ query)
                score = cosine
                if terms:
                    score += LEXICAL_WEIGHT * len(terms & set(_terms(sentence))) / len(terms)
                if figures and _FIGURE.search(sentence):
                    score += FIGURE_WEIGHT
                ranked.append(Evidence(score, cosine, coverage, node, a, b))
        return sorted(ranked, key=lambda e: e.score, reverse=True)

    def _vectors(self, chunk_id: str, sentences: list[str]) -> np.ndarray:
        if chunk_id in self._cache:
            self._cache.move_to_end(chunk_id)
            return self._cache[chunk_id]
        vectors = np.asarray(self.embedder.embed_texts(sentences))
        self._cache[chunk_id] = vectors
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return vectors


def _terms(text: str) -> list[str]:
    return [t for t in tokenize([text]).vocab if t] if text else []
