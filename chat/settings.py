"""Settings of the answer engine, from PODIUM_* environment variables."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class ChatSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PODIUM_")

    llm: str | None = None  # "ollama:MODEL", "openai-like:URL:MODEL", "llama-cpp:PATH"; unset: quote answerer
