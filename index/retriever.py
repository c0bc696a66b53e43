"""One retriever: dense and BM25 results fused by reciprocal rank, with the same filters on both.

Dense results come from Chroma's HNSW index when nothing filters, and from the exact index over the
rows the filters keep when something does (index/exact.py says why).
"""

from __future__ import annotations

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from .deadline import check_deadline
from .filters import Filters
from .store import Store

RRF_K = 60  # the usual constant of reciprocal rank fusion: damps the weight of the very first ranks


class HybridRetriever(BaseRetriever):
    def __init__(self, store: Store, top_k: int = 10, filters: Filters = Filters(), candidates: int = 40):
        super().__init__()
        self.store = store
        self.top_k = top_k
        self.filters = filters
        self.candidates = max(candidates, top_k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        check_deadline()  # the engine retrieves several times a question: each is a point to stop at
        view = self.store.view()
        if not view.committed:
            return []
        mask = self.filters.mask(view.keyword.columns)
        dense = self._dense(query_bundle, view, mask)
        keyword = dict(view.keyword.search(query_bundle.query_str, self.candidates, mask))
        fused: dict[str, float] = {}
        for ranking in (list(dense), list(keyword)):
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
            results.append(NodeWithScore(node=node, score=fused[chunk_id]))
        return results

    def _dense(self, query_bundle: QueryBundle, view, mask) -> dict[str, float]:
        """chunk id -> cosine similarity, best first, committed chunks only."""
        embedding = query_bundle.embedding or self.store.embedder.embed_query(query_bundle.query_str)
        if mask is not None:
            return dict(view.exact.search(embedding, self.candidates, mask))
        # Chroma's HNSW index, asked for ids and distances only (llama-index's query also reads every
        # candidate's text and metadata: 16-18 ms instead of 2-3 at 100k chunks, bench/retrieval_steps.py)
        found = self.store.collection.query(
            query_embeddings=[embedding], n_results=self.candidates, include=["distances"]
        )
        pairs = zip(found["ids"][0], found["distances"][0])
        return {cid: 1.0 - distance for cid, distance in pairs if cid in view.committed}  # cosine space
