"""Where the store lives and which model embeds: from PODIUM_* environment variables or arguments."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PODIUM_")

    store: Path = Path(".podium")  # Chroma's files in embedded mode; the keyword index cache always
    chroma_host: str | None = None  # set to use a Chroma server instead of the embedded store
    chroma_port: int = 8000
    embed_model: str = DEFAULT_MODEL  # a sentence-transformers name or path
    refresh_seconds: float = 2.0  # how stale another process's writes may look to a reader
