"""Index: turns become chunks, embedded into Chroma beside a BM25 keyword index; hybrid retrieval with filters."""
