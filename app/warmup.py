"""Warming the engine before the server says it is ready, so the first question costs what any other does.

Cold, the first question loads the embedding model, reads (or rebuilds) the keyword and exact indexes,
the speaker registry and Chroma's vector index, and imports the answer path: 26-34 s at archive size.
"""

from __future__ import annotations

import time

# Goes the common way (a topic, no speaker): the question's embedding, the hybrid retrieval, the scoring.
QUESTION = "What was said about the economy?"


def warm_up(engine) -> str:
    """Load what the first answer needs and answer one question; say what was loaded, for the log."""
    started = time.perf_counter()
    view = engine.store.view()  # the keyword and exact indexes of the committed chunks
    speakers = engine.registry()
    engine.ask(QUESTION)  # the model, Chroma's index, and with PODIUM_LLM the model that writes answers
    seconds = time.perf_counter() - started
    return f"Warmed up in {seconds:.1f} s: {len(view.committed)} chunks, {len(speakers)} speakers, one question answered."
