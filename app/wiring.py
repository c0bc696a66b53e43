"""Building the store and the engine from settings, once per process, for every shell (CLI, API, UI)."""

from __future__ import annotations

from pathlib import Path


def open_store(store: Path | None = None):
    from index.settings import Settings
    from index.store import Store

    settings = Settings(store=store) if store else Settings()
    return Store(settings)


def open_engine(store: Path | None = None, llm: str | None = None):
    from chat.engine import Engine
    from chat.settings import ChatSettings

    spec = llm or ChatSettings().llm
    answerer = None
    if spec:
        from chat.llm import LLMAnswerer, llm_from_spec

        answerer = LLMAnswerer(llm_from_spec(spec))
    return Engine(open_store(store), llm=answerer)
