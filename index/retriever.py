"""One retriever: dense and BM25 results fused by reciprocal rank, with the same filters on both.

Dense results come from Chroma's HNSW index when nothing filters, and from the exact index over the
rows the filters keep when something does (index/exact.py says why).
"""

from __future__ import annotations

import math

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores.types import VectorStoreQuery

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
        view = self.store.view()
        if not view.committed:
            return []
        dense = self._dense(query_bundle, view)
        keyword = dict(view.keyword.search(query_bundle.query_str, self.candidates, self.filters))
        fused: dict[str, float] = {}
        for ranking in (list(dense), list(keyword)):
            for rank, chunk_id in enumerate(ranking):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused, key=fused.get, reverse=True)[: self.top_k]
        nodes = {cid: node for cid, (node, _) in dense.items() if node is not None}
        missing = [cid for cid in best if cid not in nodes]
        if missing:
            nodes.update({n.node_id: n for n in self.store.vectors.get_nodes(node_ids=missing)})
        results = []
        for chunk_id in best:
            node = nodes[chunk_id]
            node.metadata["dense_score"] = dense[chunk_id][1] if chunk_id in dense else None
            node.metadata["bm25_score"] = keyword.get(chunk_id)
            results.append(NodeWithScore(node=node, score=fused[chunk_id]))
        return results

    def _dense(self, query_bundle: QueryBundle, view) -> dict:
        """chunk id -> (node or None, cosine similarity), best first, committed chunks only."""
        embedding = query_bundle.embedding or self.store.embedder.embed_query(query_bundle.query_str)
        mask = self.filters.mask(view.keyword.columns)
        if mask is not None:
            return {cid: (None, cosine) for cid, cosine in view.exact.search(embedding, self.candidates, mask)}
        query = VectorStoreQuery(query_embedding=embedding, similarity_top_k=self.candidates)
        result = self.store.vectors.query(query)
        return {
            node.node_id: (node, 1.0 + math.log(similarity))  # the store reports exp(-cosine distance)
            for node, similarity in zip(result.nodes, result.similarities)
            if node.node_id in view.committed
        }
