"""Storing an uploaded file, for every shell that takes uploads (the HTTP API, the web UI)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pydantic import BaseModel

from ingest import IngestError, parse_file


class UploadResult(BaseModel):
    file: str
    ok: bool
    transcript_id: str | None = None
    status: str | None = None  # added, updated, unchanged
    turns: int | None = None
    speakers: list[str] = []
    warnings: list[str] = []
    error: str | None = None


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
