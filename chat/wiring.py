"""Opening the store from settings, for the shells (CLI, API, UI)."""

from __future__ import annotations

from pathlib import Path


def open_store(store: Path | None = None):
    from index.settings import Settings
    from index.store import Store

    settings = Settings(store=store) if store else Settings()
    return Store(settings)
