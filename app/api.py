"""The HTTP API: a thin shell over the engine (OpenAPI docs at /docs).

The routes are module-level and find the engine and the settings on the app they are mounted on
(`create_app` puts them in `app.state`), as any outside router would.

Every input is bounded (app/settings.py) before work is done on it, and the schema states the bounds of
the app that serves it. Each call's work runs as app/calls.py says: on the API's own threads, under a
deadline.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.routing import Match, Mount

from chat.check import CheckResult, check_quote
from chat.contract import Answer
from chat.overview import Overview, overview
from index.deadline import deadline

from . import exports, search
from .calls import authorized, declared, get_engine, run
from .limits import UPLOAD_PATH, BodyLimit, Bounded, Day, Guard, bounded_response, check_length, log
from .settings import AppSettings
from .uploads import FIELD, UploadResult, receive_files, refused, store_path


class AskRequest(BaseModel):
    question: str = Field(min_length=1)
    speaker: str | None = None
    transcript: str | None = None
    date_from: Day | None = None
    date_to: Day | None = None
    history: list[str] = Field(default_factory=list, description="Earlier questions, oldest first")


class CheckRequest(BaseModel):
    quote: str = Field(min_length=1)
    speaker: str | None = None


# Where each bound shows in the schema: (component, property, bound); "[]" marks a list's items.
_BOUNDS = [
    ("AskRequest", "question", "max_question_chars"), ("AskRequest", "speaker", "max_speaker_chars"),
    ("AskRequest", "transcript", "max_transcript_id_chars"), ("AskRequest", "history", "max_history"),
    ("AskRequest", "history[]", "max_history_chars"), ("CheckRequest", "quote", "max_quote_chars"),
    ("CheckRequest", "speaker", "max_speaker_chars"),
]  # fmt: skip


router = APIRouter(dependencies=[Depends(authorized)])


def create_app(engine, settings: AppSettings | None = None) -> FastAPI:
    """The app over one loaded engine; the UI mounts on the same app and shares it."""
    settings = settings or AppSettings()
    pool = ThreadPoolExecutor(settings.api_workers, thread_name_prefix="podium-api")

    @asynccontextmanager
    async def lifespan(_app):
        yield
        pool.shutdown(wait=False, cancel_futures=True)  # work in flight stops at its deadline

    app = FastAPI(
        title="Podium", description="Verbatim, attributed, timestamped answers from press conferences.", lifespan=lifespan
    )
    app.state.engine, app.state.settings, app.state.pool, app.state.running = engine, settings, pool, set()
    app.include_router(router, prefix="/api")
    app.include_router(search.router, prefix="/api", dependencies=[Depends(authorized)])
    app.include_router(exports.router, prefix="/api", dependencies=[Depends(authorized)])
    # Routers of the API go above this line: the catch-all answers what none of them does
    app.add_route("/api/{path:path}", _unrouted, methods=list(_METHODS), include_in_schema=False)
    app.add_exception_handler(Bounded, lambda _request, exc: bounded_response(exc))
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(Guard)
    app.openapi = lambda: _openapi(app)
    return app


@router.post("/ask", response_model=Answer, responses=declared(400, 413, 504))
async def ask(request: Request, body: AskRequest, engine=Depends(get_engine)) -> Answer:
    config = request.app.state.settings
    for name, bound in (("question", "max_question_chars"), ("speaker", "max_speaker_chars"),
                        ("transcript", "max_transcript_id_chars"), ("history", "max_history")):  # fmt: skip
        check_length(config, bound, ("body", name), getattr(body, name))
    for i, earlier in enumerate(body.history):
        check_length(config, "max_history_chars", ("body", "history", i), earlier)
    return await run(
        request, lambda: engine.ask(
            body.question, speaker=body.speaker, transcript=body.transcript,
            history=body.history, date_from=body.date_from, date_to=body.date_to,
        ),
    )  # fmt: skip


@router.post("/check", response_model=CheckResult, responses=declared(400, 413, 504))
async def check(request: Request, body: CheckRequest, engine=Depends(get_engine)) -> CheckResult:
    config = request.app.state.settings
    check_length(config, "max_quote_chars", ("body", "quote"), body.quote)
    check_length(config, "max_speaker_chars", ("body", "speaker"), body.speaker)
    return await run(request, check_quote, engine, body.quote, body.speaker)


@router.get("/transcripts", responses=declared(504))
async def transcripts(request: Request, engine=Depends(get_engine)) -> list[dict]:
    return await run(request, lambda: [entry.model_dump() for entry in engine.store.transcripts()])


@router.get("/transcripts/{transcript_id}", responses=declared(404, 504))
async def transcript(request: Request, transcript_id: str, engine=Depends(get_engine)) -> dict:
    found = await _transcript(request, engine, transcript_id)
    return found.model_dump()


@router.delete("/transcripts/{transcript_id}", responses=declared(404, 504))
async def remove(request: Request, transcript_id: str, engine=Depends(get_engine)) -> dict:
    check_length(request.app.state.settings, "max_transcript_id_chars", ("path", "transcript_id"), transcript_id)
    if not await run(request, engine.store.remove, transcript_id, abandon=False):
        raise HTTPException(404, f"no transcript {transcript_id!r}")
    return {"removed": transcript_id}


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": [FIELD], "additionalProperties": False,
            "properties": {FIELD: {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"}}},
        }}},
    }
}  # fmt: skip


@router.post(
    "/transcripts", response_model=list[UploadResult], response_model_exclude_none=True, openapi_extra=_UPLOAD_BODY,
    responses=declared(413, 422, 504),
    description="Store transcript files. Every file gets a result, stored or not (with the reason).",
)  # fmt: skip
async def upload(request: Request, engine=Depends(get_engine)) -> list[UploadResult]:
    config = request.app.state.settings
    with tempfile.TemporaryDirectory(prefix="podium-upload-") as folder:
        received = await receive_files(request, Path(folder), config)
        results = []
        with deadline(config.upload_seconds):  # one deadline for the whole upload; each file is stored or not, and says so
            for file in received:
                if file.error:
                    results.append(refused(file.name, file.error))
                    continue
                try:
                    results.append(await run(request, _store, engine.store, file.name, file.path, bound="upload_seconds", abandon=False))
                except Bounded:  # the deadline passed before this file's turn: it was not started
                    results.append(refused(file.name, f"not stored: the upload ran past its deadline of {config.upload_seconds:g} s "
                                                      "(upload_seconds; PODIUM_UPLOAD_SECONDS sets it)"))  # fmt: skip
    return results


def _store(store, name: str, path: Path) -> UploadResult:
    try:
        return store_path(store, name, path)
    except Exception:  # noqa: BLE001 - one file failing must not lose the others' results
        log.exception("storing %s failed", name)
        return refused(name, "it could not be stored; the server log has the details")


@router.get("/transcripts/{transcript_id}/overview", response_model=Overview, responses=declared(404, 504))
async def transcript_overview(request: Request, transcript_id: str, engine=Depends(get_engine)) -> Overview:
    found = await _transcript(request, engine, transcript_id)
    return await run(request, overview, found)


@router.get("/speakers", responses=declared(504))
async def speakers(request: Request, transcript: str | None = None, engine=Depends(get_engine)) -> dict[str, list[dict]]:
    check_length(request.app.state.settings, "max_transcript_id_chars", ("query", "transcript"), transcript)

    def found():
        entries = engine.store.speakers([transcript] if transcript else None)
        return {tid: [s.model_dump() for s in listed] for tid, listed in entries.items()}

    return await run(request, found)


async def _transcript(request: Request, engine, transcript_id: str):
    check_length(request.app.state.settings, "max_transcript_id_chars", ("path", "transcript_id"), transcript_id)
    found = await run(request, engine.store.transcript, transcript_id)
    if found is None:
        raise HTTPException(404, f"no transcript {transcript_id!r}")
    return found


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY", "CONNECT")


async def _unrouted(request: Request) -> JSONResponse:
    """An /api path no route serves: 405 naming the methods its route takes, else 404. Without it the
    UI's mount at "/" would answer both with its own 404."""
    routes = [r for r in request.app.router.routes if getattr(r, "endpoint", None) is not _unrouted and not isinstance(r, Mount)]
    allowed = {
        method for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    }  # fmt: skip
    if allowed:
        return JSONResponse({"detail": "Method Not Allowed"}, 405, headers={"Allow": ", ".join(sorted(allowed))})
    return JSONResponse({"detail": "Not Found"}, 404)


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema, made true of this app: its bounds, and a token only when one is set."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    config: AppSettings = app.state.settings
    components = schema["components"]["schemas"]
    for component, prop, bound in _BOUNDS:
        node = components[component]["properties"][prop.removesuffix("[]")]
        target = node["items"] if prop.endswith("[]") else node
        for option in target.get("anyOf", [target]):  # str | None: the string branch
            if option.get("type") in ("string", "array"):
                option["maxItems" if option["type"] == "array" else "maxLength"] = getattr(config, bound)
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] in ("transcript_id", "transcript"):
                    _string(parameter["schema"])["maxLength"] = config.max_transcript_id_chars
            if path == UPLOAD_PATH and "requestBody" in operation:
                files = operation["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"][FIELD]
                files["maxItems"] = config.max_files
            if config.api_token is None:
                operation.pop("security", None)
                operation["responses"].pop("401", None)
    if config.api_token is None:
        schema["components"].pop("securitySchemes", None)
    app.openapi_schema = schema
    return schema


def _string(node: dict) -> dict:
    return next((o for o in node.get("anyOf", [node]) if o.get("type") == "string"), node)

