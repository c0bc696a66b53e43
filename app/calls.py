"""How an API call runs, for every router of the API: its dependencies (the engine, the settings, the
token), the error statuses it declares, and its work on the API's own threads under a deadline.

The engine's work runs on the API's threads (api_workers), so that API calls cannot starve the UI's,
under a deadline per request that stops the work itself (504).
"""

from __future__ import annotations

import asyncio
import contextvars
import secrets
from concurrent.futures import Future

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from index.deadline import DeadlineExceeded, check_deadline, deadline, remaining

from .limits import Bounded, Problem
from .settings import AppSettings

_bearer = HTTPBearer(auto_error=False)


# Dependencies are coroutines: a plain function would take a thread of the pool the UI shares
async def get_engine(request: Request):
    return request.app.state.engine


async def get_settings(request: Request) -> AppSettings:
    return request.app.state.settings


async def authorized(
    config: AppSettings = Depends(get_settings), credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> None:
    if config.api_token is None:
        return
    # Headers arrive as latin-1 text: its bytes are what the client sent, whatever they are
    sent = credentials.credentials.encode("latin-1") if credentials else b""
    if not secrets.compare_digest(sent, config.api_token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def declared(*codes: int) -> dict:
    """The error statuses a route can answer, for its OpenAPI entry (401 always: the token may be set)."""
    what = {
        400: "The body is not text in its declared encoding.",
        401: "No valid bearer token (only when the server has one set).",
        404: "No such transcript (for a search, no such speaker either).",
        413: "The body is over its bound in bytes (the reply names it).",
        504: "The request ran past its deadline (request_seconds); its work stopped.",
    }
    declared = {code: {"model": Problem, "description": what[code]} for code in (401, *codes) if code != 422}
    if 422 in codes:  # a route whose body it parses itself: FastAPI does not add its 422
        schema = {"$ref": "#/components/schemas/HTTPValidationError"}
        declared[422] = {"description": "Validation Error", "content": {"application/json": {"schema": schema}}}
    return declared


async def run(request: Request, fn, *args, bound: str = "request_seconds", abandon: bool = True):
    """fn(*args) on the API's threads under the deadline `bound` names; past it, a 504.

    abandon=False waits for work already started: a write must not commit behind a reply saying it did
    not. Work still queued when its deadline passes never starts.
    """
    app = request.app
    seconds = getattr(app.state.settings, bound)
    with deadline(seconds):
        context = contextvars.copy_context()  # carries the deadline into the worker thread
        future: Future = app.state.pool.submit(context.run, _started, fn, args)
        app.state.running.add(future)
        future.add_done_callback(app.state.running.discard)
        try:
            waiting = asyncio.wrap_future(future)
            return await (asyncio.wait_for(waiting, remaining()) if abandon else asyncio.shield(waiting))
        except (DeadlineExceeded, TimeoutError):
            future.cancel()
            raise Bounded(504, bound, seconds, "the request ran past its deadline") from None
        except asyncio.CancelledError:  # the server stops and shutdown_seconds passed: queued work must not start
            future.cancel()
            raise


def _started(fn, args):
    check_deadline()  # queued past its deadline: not started at all
    return fn(*args)
