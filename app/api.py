"""The HTTP API: a thin shell over the engine (OpenAPI docs at /docs).

The routes are module-level and find the engine and the settings on the app they are mounted on
(`create_app` puts them in `app.state`), as any outside router would.
"""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from chat.check import CheckResult, check_quote
from chat.contract import Answer
from chat.overview import Overview, overview
from ingest.reading import MAX_BYTES

from . import exports, search
from .settings import AppSettings
from .uploads import UploadResult, ingest_upload

_bearer = HTTPBearer(auto_error=False)


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000)
    speaker: str | None = None
    transcript: str | None = None
    date_from: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    date_to: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    history: list[str] = Field(default_factory=list, description="Earlier questions, oldest first")


class CheckRequest(BaseModel):
    quote: str = Field(min_length=1, max_length=5000)
    speaker: str | None = None


def get_engine(request: Request):
    return request.app.state.engine


def get_settings(request: Request) -> AppSettings:
    return request.app.state.settings


def authorized(
    config: AppSettings = Depends(get_settings), credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> None:
    if config.api_token is None:
        return
    if credentials is None or not secrets.compare_digest(credentials.credentials, config.api_token):
        raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(dependencies=[Depends(authorized)])


def create_app(engine, settings: AppSettings | None = None) -> FastAPI:
    """The app over one loaded engine; the UI mounts on the same app and shares it."""
    app = FastAPI(title="Podium", description="Verbatim, attributed, timestamped answers from press conferences.")
    app.state.engine = engine
    app.state.settings = settings or AppSettings()
    app.include_router(router, prefix="/api")
    app.include_router(search.router, prefix="/api", dependencies=[Depends(authorized)])
    app.include_router(exports.router, prefix="/api", dependencies=[Depends(authorized)])
    return app


@router.post("/ask", response_model=Answer)
def ask(request: AskRequest, engine=Depends(get_engine)) -> Answer:
    try:
        return engine.ask(
            request.question, speaker=request.speaker, transcript=request.transcript,
            history=request.history, date_from=request.date_from, date_to=request.date_to,
        )  # fmt: skip
    except ValueError as exc:  # an impossible date such as 2024-02-30
        raise HTTPException(422, str(exc)) from None


@router.get("/transcripts")
def transcripts(engine=Depends(get_engine)) -> list[dict]:
    return [entry.model_dump() for entry in engine.store.transcripts()]


@router.get("/transcripts/{transcript_id}")
def transcript(transcript_id: str, engine=Depends(get_engine)) -> dict:
    return _transcript(engine, transcript_id).model_dump()


@router.delete("/transcripts/{transcript_id}")
def remove(transcript_id: str, engine=Depends(get_engine)) -> dict:
    if not engine.store.remove(transcript_id):
        raise HTTPException(404, f"no transcript {transcript_id!r}")
    return {"removed": transcript_id}


@router.post("/transcripts", response_model=list[UploadResult])
async def upload(
    request: Request, files: list[UploadFile], engine=Depends(get_engine), config: AppSettings = Depends(get_settings)
) -> list[UploadResult]:
    limit = config.max_upload_mb * 2**20 if config.max_upload_mb else MAX_BYTES
    length = int(request.headers.get("content-length") or 0)
    if length > limit * len(files) + 2**20:
        raise HTTPException(413, f"uploads are limited to {limit // 2**20} MB a file")
    results = []
    for file in files:
        data = await file.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"{file.filename}: over the {limit // 2**20} MB limit")
        results.append(await run_in_threadpool(ingest_upload, engine.store, file.filename or "upload", data))
    return results


@router.post("/check", response_model=CheckResult)
def check(request: CheckRequest, engine=Depends(get_engine)) -> CheckResult:
    return check_quote(engine, request.quote, request.speaker)


@router.get("/transcripts/{transcript_id}/overview", response_model=Overview)
def transcript_overview(transcript_id: str, engine=Depends(get_engine)) -> Overview:
    return overview(_transcript(engine, transcript_id))


@router.get("/speakers")
def speakers(transcript: str | None = None, engine=Depends(get_engine)) -> dict[str, list[dict]]:
    found = engine.store.speakers([transcript] if transcript else None)
    return {tid: [s.model_dump() for s in entries] for tid, entries in found.items()}


def _transcript(engine, transcript_id: str):
    found = engine.store.transcript(transcript_id)
    if found is None:
        raise HTTPException(404, f"no transcript {transcript_id!r}")
    return found
