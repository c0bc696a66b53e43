"""One retriever: dense, BM25 and exchange results fused by reciprocal rank, with the same filters on all.

Dense results come from Chroma's HNSW index when nothing filters, and from the exact index over the
rows the filters keep when something does (index/exact.py says why). The exchange results are the
chunks that reply to the reporters' questions the query matches best (index/exchange.py): the
questions are searched within the filters' transcripts and dates, whoever asked them, and their
answers kept when they pass every filter.
"""

from __future__ import annotations

from dataclasses import replace

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from .deadline import check_deadline
from .filters import Filters
from .keyword import terms
from .store import Store

RRF_K = 60  # the usual constant of reciprocal rank fusion: damps the weight of the very first ranks
# The exchange ranking follows only the few questions that match: in a press conference every answer
# replies to some question, and following loose matches ranks replies above the opening statements
# that hold most facts and figures. A question matches when it holds most of the query's weighted
# words, or its cosine with the query is that of a paraphrase.
QUESTIONS = 3
QUESTION_SHARE = 0.5
QUESTION_COSINE = 0.5


class HybridRetriever(BaseRetriever):
    def __init__(
        self,
        store: Store,
        top_k: int = 10,
        filters: Filters = Filters(),
        candidates: int = 40,
        terms: dict[str, float] | None = None,
        exchange: bool = True,
    ):
        """terms: the query's index terms, each weighted (else the query text's words, equally);
        exchange: also rank answers by how well the question they reply to matches."""
        super().__init__()
        self.store = store
        self.top_k = top_k
        self.filters = filters
        self.candidates = max(candidates, top_k)
        self.terms = terms
        self.exchange = exchange

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        check_deadline()  # the engine retrieves several times a question: each is a point to stop at
        view = self.store.view()
        if not view.committed:
            return []
        mask = self.filters.mask(view.keyword.columns)
        embedding = query_bundle.embedding or self.store.embedder.embed_query(query_bundle.query_str)
        query = self.terms if self.terms is not None else query_bundle.query_str
        dense = self._dense(embedding, view, mask)
        keyword = dict(view.keyword.search(query, self.candidates, mask))
        via = self._exchange(embedding, query, view, mask) if self.exchange else {}
        fused: dict[str, float] = {}
        for ranking in (list(dense), list(keyword), list(via)):
            for rank, chunk_id in enumerate(ranking):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused, key=fused.get, reverse=True)[: self.top_k]
        # Only the winners' texts and metadata are read: reading them costs more than the search itself.
        # A writer may have deleted a winner since the view was taken: it is left out, not an error.
        nodes = {n.node_id: n for n in self.store.vectors.get_nodes(node_ids=best)} if best else {}
        results = []
        for chunk_id in (c for c in best if c in nodes):
            node = nodes[chunk_id]
            node.metadata["dense_score"] = dense.get(chunk_id)
            node.metadata["bm25_score"] = keyword.get(chunk_id)
            node.metadata["exchange_question"], node.metadata["exchange_score"] = via.get(chunk_id, (None, None))
            results.append(NodeWithScore(node=node, score=fused[chunk_id]))
        return results

    def _dense(self, embedding, view, mask) -> dict[str, float]:
        """chunk id -> cosine similarity, best first, committed chunks only."""
        if mask is not None:
            return dict(view.exact.search(embedding, self.candidates, mask))
        # Chroma's HNSW index, asked for ids and distances only (llama-index's query also reads every
        # candidate's text and metadata: 16-18 ms instead of 2-3 at 100k chunks, bench/retrieval_steps.py)
        found = self.store.collection.query(
            query_embeddings=[embedding], n_results=self.candidates, include=["distances"]
        )
        pairs = zip(found["ids"][0], found["distances"][0])
        return {cid: 1.0 - distance for cid, distance in pairs if cid in view.committed}  # cosine space

    def _exchange(self, embedding, query, view, mask) -> dict[str, tuple[int, float]]:
        """Reply chunk id -> (the turn of the question it answers, that question's cosine), best first."""
        exchanges = view.exchanges
        if not exchanges.questions.any():
            return {}
        scope = replace(self.filters, speakers=(), kinds=()).mask(view.keyword.columns)
        asked = exchanges.questions if scope is None else exchanges.questions & scope
        dense = dict(view.exact.search(embedding, self.candidates, asked))
        keyword = view.keyword.search(query, self.candidates, asked)
        fused: dict[str, float] = {}
        for ranking in (list(dense), [chunk_id for chunk_id, _ in keyword]):
            for rank, chunk_id in enumerate(ranking):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        ranked = [view.rows[c] for c in sorted(fused, key=fused.get, reverse=True)]
        cosines = dict(zip(ranked, view.exact.cosines(embedding, ranked))) if ranked else {}
        weights = query if isinstance(query, dict) else dict.fromkeys(terms(query), 1.0 / max(len(terms(query)), 1))
        holding = set(view.keyword.carrying(weights, QUESTION_SHARE, asked).tolist())
        questions = [q for q in ranked if q in holding or cosines[q] >= QUESTION_COSINE][:QUESTIONS]
        replies = exchanges.replies(questions, mask)[: self.candidates]
        turns = view.keyword.columns["turn_index"]
        return {view.keyword.ids[row]: (int(turns[q]), float(cosines[q])) for row, q in replies}
