"""Settings of the shells (HTTP API, web UI, CLI), from PODIUM_* environment variables.

Every input is bounded before any work is done on it; a request past a bound gets a 413 or 422 that
names the setting (PODIUM_ plus its name in capitals raises it).
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class AppSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PODIUM_")

    api_token: str | None = None  # when set, every API call needs it as a bearer token, and the UI asks for it

    # -- bounds on what one request may send ------------------------------------------------------
    max_question_chars: int = Field(2000, ge=1)
    max_speaker_chars: int = Field(200, ge=1)
    max_transcript_id_chars: int = Field(300, ge=1)
    max_history: int = Field(20, ge=0)  # earlier questions sent with a follow-up
    max_history_chars: int = Field(2000, ge=1)  # each of them
    max_quote_chars: int = Field(20000, ge=1)  # a whole answer of a few thousand words
    max_batch: int = Field(1000, ge=1)  # questions in one `podium ask --batch`
    max_files: int = Field(20, ge=1)  # files in one upload
    max_upload_mb: int = Field(50, ge=1)  # one uploaded file
    max_request_mb: int = Field(100, ge=1)  # one upload request's body, counted as it streams in
    # The body of any other API request: above what the longest question and history allowed take as
    # JSON (escaped, up to 12 bytes a character), so that no bound in characters is reached as a 413
    max_body_kb: int = Field(1024, ge=1)

    # -- time --------------------------------------------------------------------------------------
    request_seconds: float = Field(30.0, gt=0)  # deadline of one API call: its work stops there (504)
    upload_seconds: float = Field(600.0, gt=0)  # an upload's: files not stored by then are reported so
    api_workers: int = Field(4, ge=1)  # threads for API work, apart from the UI's, so neither starves the other
    shutdown_seconds: float = Field(10.0, ge=0)  # how long a stopping server waits for requests in flight

    # -- the UI's sign-in, when a token is set -----------------------------------------------------
    login_free_attempts: int = Field(5, ge=1)  # wrong passwords from one client before it must wait
    login_backoff_seconds: float = Field(1.0, gt=0)  # the first wait; each further wrong password doubles it
    login_max_backoff_seconds: float = Field(300.0, gt=0)
