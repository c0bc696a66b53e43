import numpy as np


def test_embed_texts_keeps_input_order_when_batching_by_length(embedder):
    texts = [
        "The province will spend more on talent programmes for young graduates over the next five years.",
        "Thank you.",
        "Inflation is too high.",
    ]
    together = np.asarray(embedder.embed_texts(texts))
    alone = np.asarray([embedder.embed_texts([t])[0] for t in texts])
    assert together.shape == (3, 384)
    assert np.allclose(together, alone, atol=1e-4)


def test_embed_texts_of_nothing_is_empty(embedder):
    assert embedder.embed_texts([]) == []


def test_vectors_are_the_ones_llama_index_computes(embedder):
    """The embedder calls sentence-transformers itself: same prompts and normalisation as llama-index's wrapper."""
    texts = ["Inflation is too high.", "The province will spend more on talent programmes."]
    assert np.allclose(embedder.embed_texts(texts), embedder.model.get_text_embedding_batch(texts), atol=1e-5)
    query = "What did Chen Shaobo say about talent?"
    assert np.allclose(embedder.embed_query(query), embedder.model.get_query_embedding(query), atol=1e-5)
