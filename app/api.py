"""The HTTP API: a thin shell over the engine (OpenAPI docs at /docs)."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ingest import IngestError, parse_file
from ingest.reading import MAX_BYTES

from chat.check import CheckResult, check_quote
from chat.contract import Answer
from chat.overview import Overview, overview
from .settings import AppSettings


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


class UploadResult(BaseModel):
    file: str
    ok: bool
    transcript_id: str | None = None
    status: str | None = None  # added, updated, unchanged
    turns: int | None = None
    speakers: list[str] = []
    warnings: list[str] = []
    error: str | None = None


def create_app(engine, settings: AppSettings | None = None) -> FastAPI:
    """The app over one loaded engine; the UI mounts on the same app and shares it."""
    settings = settings or AppSettings()
    app = FastAPI(title="Podium", description="Verbatim, attributed, timestamped answers from press conferences.")
    app.state.engine = engine
    app.include_router(_router(engine, settings), prefix="/api", dependencies=[Depends(_auth(settings))])
    return app


def _auth(settings: AppSettings):
    bearer = HTTPBearer(auto_error=False)

    def check(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        if settings.api_token is None:
            return
        if credentials is None or not secrets.compare_digest(credentials.credentials, settings.api_token):
            raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    return check


def _router(engine, settings: AppSettings) -> APIRouter:
    router = APIRouter()
    store = engine.store
    limit = settings.max_upload_mb * 2**20 if settings.max_upload_mb else MAX_BYTES

    @router.post("/ask", response_model=Answer)
    def ask(request: AskRequest) -> Answer:
        try:
            return engine.ask(
                request.question, speaker=request.speaker, transcript=request.transcript,
                history=request.history, date_from=request.date_from, date_to=request.date_to,
            )  # fmt: skip
        except ValueError as exc:  # an impossible date such as 2024-02-30
            raise HTTPException(422, str(exc)) from None

    @router.get("/transcripts")
    def transcripts() -> list[dict]:
        return [entry.model_dump() for entry in store.transcripts()]

    @router.get("/transcripts/{transcript_id}")
    def transcript(transcript_id: str) -> dict:
        found = store.transcript(transcript_id)
        if found is None:
            raise HTTPException(404, f"no transcript {transcript_id!r}")
        return found.model_dump()

    @router.delete("/transcripts/{transcript_id}")
    def remove(transcript_id: str) -> dict:
        if not store.remove(transcript_id):
            raise HTTPException(404, f"no transcript {transcript_id!r}")
        return {"removed": transcript_id}

    @router.post("/transcripts", response_model=list[UploadResult])
    async def upload(request: Request, files: list[UploadFile]) -> list[UploadResult]:
        length = int(request.headers.get("content-length") or 0)
        if length > limit * len(files) + 2**20:
            raise HTTPException(413, f"uploads are limited to {limit // 2**20} MB a file")
        results = []
        for upload in files:
            data = await upload.read(limit + 1)
            if len(data) > limit:
                raise HTTPException(413, f"{upload.filename}: over the {limit // 2**20} MB limit")
            results.append(await run_in_threadpool(ingest_upload, store, upload.filename or "upload", data))
        return results

    @router.post("/check", response_model=CheckResult)
    def check(request: CheckRequest) -> CheckResult:
        return check_quote(engine, request.quote, request.speaker)

    @router.get("/transcripts/{transcript_id}/overview", response_model=Overview)
    def transcript_overview(transcript_id: str) -> Overview:
        found = store.transcript(transcript_id)
        if found is None:
            raise HTTPException(404, f"no transcript {transcript_id!r}")
        return overview(found)

    @router.get("/speakers")
    def speakers(transcript: str | None = None) -> dict[str, list[dict]]:
        found = store.speakers([transcript] if transcript else None)
        return {tid: [s.model_dump() for s in entries] for tid, entries in found.items()}

    return router


def ingest_upload(store, filename: str, data: bytes) -> UploadResult:
    """Parse under the uploaded name (its ending helps detection) and store; a bad file is a result, not a 500."""
    name = Path(filename).name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            transcript = parse_file(path)
            transcript.source = f"upload:{name}"  # the temporary path means nothing once deleted
            result = store.ingest(transcript)
        except IngestError as exc:
            return UploadResult(file=name, ok=False, error=exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}")
    t = result.transcript
    return UploadResult(
        file=name, ok=True, transcript_id=t.id, status=result.status, turns=len(t.turns),
        speakers=t.speakers(), warnings=t.warnings,
    )  # fmt: skip
