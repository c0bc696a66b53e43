"""Bounds on what a request may send, enforced before work is done on it, and the errors that name them.

A body is counted as it streams in (BodyLimit), so nothing past the bound is read, let alone spooled
to disk; a length past its bound is a 422 in the shape the OpenAPI schema documents for 422s.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated

from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, Field

from .settings import AppSettings

log = logging.getLogger("podium.api")

UPLOAD_PATH = "/api/transcripts"


def _real_date(value: str) -> str:
    try:
        date.fromisoformat(value)  # the pattern alone lets 2024-02-30 and 0000-00-00 through
    except ValueError as exc:
        raise ValueError(f"{value} is not a date of the calendar ({exc})") from None
    return value


# A date a request may name: YYYY-MM-DD and a day of the calendar ("format: date" tells clients so)
Day = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}), AfterValidator(_real_date)]


class Problem(BaseModel):
    """The body of every error but a 422: what went wrong and, for a bound, which setting and its value."""

    detail: str
    bound: str | None = None  # the setting whose limit was passed (PODIUM_ + its name in capitals)
    limit: float | None = None


class Bounded(HTTPException):
    """A size bound passed (413) or the request's deadline (504): the reply names the setting."""

    def __init__(self, status: int, bound: str, limit: float, detail: str):
        super().__init__(status, f"{detail} (the {bound} bound is {limit:g}; PODIUM_{bound.upper()} sets it)")
        self.bound, self.limit = bound, limit


def bounded_response(exc: Bounded) -> JSONResponse:
    body = Problem(detail=exc.detail, bound=exc.bound, limit=exc.limit)
    return JSONResponse(body.model_dump(), exc.status_code, headers=exc.headers)


def check_length(config: AppSettings, bound: str, loc: tuple, value) -> None:
    """422 when a string or list is longer than its bound; the error says which bound."""
    limit = getattr(config, bound)
    if value is not None and len(value) > limit:
        unit = "items" if isinstance(value, list) else "characters"
        raise past_bound(loc, bound, limit, f"{len(value)} {unit}")


def past_bound(loc: tuple, bound: str, limit: int, what: str) -> RequestValidationError:
    """A 422 in the documented shape, naming the bound that `what` passed."""
    message = f"{what}, over the {bound} bound of {limit} (PODIUM_{bound.upper()} sets it)"
    return RequestValidationError([{"loc": loc, "msg": message, "type": "bound", "ctx": {"bound": bound, "limit": limit}}])


class BodyLimit:
    """ASGI middleware: a body longer than its bound gets a 413 as soon as the count passes it.

    Uploads are bounded by max_request_mb, every other API body by max_body_kb; the UI's own uploads
    (Gradio's routes) by max_request_mb too. A declared Content-Length past the bound is refused before
    a byte is read; a chunked body is refused the moment it passes the bound.
    """

    def __init__(self, app, settings: AppSettings):
        self.app = app
        self.settings = settings

    def _bound(self, path: str) -> tuple[str, int, str]:
        if path.startswith("/api/") and path.rstrip("/") != UPLOAD_PATH:
            return "max_body_kb", self.settings.max_body_kb * 1024, "KB"
        return "max_request_mb", self.settings.max_request_mb * 2**20, "MB"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        bound, limit, unit = self._bound(scope["path"])
        value = limit // (1024 if unit == "KB" else 2**20)

        def too_large() -> Bounded:
            return Bounded(413, bound, value, f"the request body is over {value} {unit}")

        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await bounded_response(too_large())(scope, receive, send)
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise too_large()  # raised where the route reads: its handler answers 413
            return message

        await self.app(scope, counted, send)


class Guard:
    """ASGI middleware: an unexpected error becomes a logged 500 with a JSON body, and the connection stays up
    (Starlette's own handler re-raises, and the server then drops the connection)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        started = False

        async def tracked(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            if scope["type"] != "http" or started:
                raise
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            body = Problem(detail="internal error; the server log has the details")
            await JSONResponse(body.model_dump(), 500)(scope, receive, send)
