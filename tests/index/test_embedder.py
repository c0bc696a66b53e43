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


def test_token_ends_are_where_the_models_tokens_end(embedder):
    text = "Chair Powell said a softish landing was possible, at 2:30 p.m."
    ends = embedder.token_ends([text, ""])
    assert ends[1] == []
    tokens = embedder.model._model.tokenizer.tokenize(text)
    assert len(ends[0]) == len(tokens)
    assert text[: ends[0][4]].endswith("soft") and text[: ends[0][5]].endswith("softish")  # "soft", "##ish"
    assert ends[0] == sorted(ends[0]) and ends[0][-1] == len(text)


def test_a_model_without_a_fast_tokenizer_is_named_in_the_error():
    from types import SimpleNamespace

    import pytest

    from index.embedder import Embedder

    slow = Embedder("some/slow-model")
    slow.__dict__["model"] = SimpleNamespace(_model=SimpleNamespace(tokenizer=SimpleNamespace(is_fast=False)))
    with pytest.raises(ValueError, match="some/slow-model.*no fast tokenizer"):
        slow.token_ends(["text"])
