"""Settings of the shells (HTTP API, web UI), from PODIUM_* environment variables."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class AppSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PODIUM_")

    api_token: str | None = None  # when set, every API call needs it as a bearer token
    max_upload_mb: int = 50
