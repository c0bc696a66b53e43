"""Search inside transcripts over HTTP: GET /api/search, every sentence that holds a word or a phrase, across
the archive or within one press conference, by speaker and date (chat/search.py does the searching)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request

from chat.search import MAX_HITS, MAX_QUERY, SearchResult, search

ISO = r"^\d{4}-\d{2}-\d{2}$"

router = APIRouter()


@router.get("/search", response_model=SearchResult)
def search_transcripts(
    request: Request,
    q: str = Query(min_length=1, max_length=MAX_QUERY, description='A word, several words (all in one sentence), or a "phrase in quotes"'),
    transcript: str | None = Query(None, description="Search within this transcript id only"),
    speaker: str | None = Query(None, description="Only what this speaker said (a name as /api/speakers lists it)"),
    date_from: str | None = Query(None, pattern=ISO),
    date_to: str | None = Query(None, pattern=ISO),
    limit: int = Query(100, ge=0, le=MAX_HITS, description="Hits returned at most; `total` counts them all"),
) -> SearchResult:
    engine = request.app.state.engine
    if transcript and engine.store.transcript(transcript) is None:
        raise HTTPException(404, f"no transcript {transcript!r}")
    try:
        return search(
            engine.store, q, transcript=transcript, speaker=speaker, date_from=date_from, date_to=date_to, limit=limit
        )
    except ValueError as exc:  # an impossible date, an unknown speaker, a query too long
        raise HTTPException(422, str(exc)) from None
