"""Search inside transcripts over HTTP: GET /api/search, every sentence that holds a word or a phrase, across
the archive or within one press conference, by speaker and date (chat/search.py does the searching)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from chat.search import MAX_HITS, MAX_QUERY, SearchResult, UnknownSpeaker, search

from .calls import declared, get_engine, run
from .limits import Day

router = APIRouter()


@router.get("/search", response_model=SearchResult, responses=declared(404, 504))
async def search_transcripts(
    request: Request,
    q: str = Query(min_length=1, max_length=MAX_QUERY, description='A word, several words (all in one sentence), or a "phrase in quotes"'),
    transcript: str | None = Query(None, description="Search within this transcript id only"),
    speaker: str | None = Query(None, description="Only what this speaker said (a name as /api/speakers lists it)"),
    date_from: Day | None = Query(None),
    date_to: Day | None = Query(None),
    limit: int = Query(100, ge=0, le=MAX_HITS, description="Hits returned at most; `total` counts them all"),
    engine=Depends(get_engine),
) -> SearchResult:
    if transcript and await run(request, engine.store.transcript, transcript) is None:
        raise HTTPException(404, f"no transcript {transcript!r}")
    try:
        return await run(
            request, lambda: search(
                engine.store, q, transcript=transcript, speaker=speaker, date_from=date_from, date_to=date_to, limit=limit
            ),
        )  # fmt: skip
    except UnknownSpeaker as exc:  # as for a transcript: the filter names nothing there is
        raise HTTPException(404, str(exc)) from None
