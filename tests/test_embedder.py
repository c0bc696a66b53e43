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
