"""Which event a transcript is: its id, and whether it is the publisher's corrected version of one.

An id is the event's date, its title and the start time printed in it ("2023-01-23-on-the-record-press-call-
by-white-house-spokesperson-ian-sams-1620"). Date and title alone collide: the White House posted two
calls of one spokesperson on 2023-01-23 under one title (12:38 and 4:20 P.M.), and two briefings on
2023-10-31 under another; the start time tells them apart. A title too long for an id keeps a hash of
its whole slug, so two long titles that share a beginning stay apart. Everything in the id comes from the
transcript itself, so the same file gets the same id in any store and in any order.

A corrected version is the same event: the White House marks it with "CORRECTED:" before the title and
"corrected-" before its address's last path segment (PROVENANCE.md §8). Its id is computed from the
title without that mark, so it equals the original's (same date, same title, same start time: "12:57
P.M. CEST" and "CET" are both 12:57), and the store replaces the original with it and says so
(index/store.py). Two files that hold the same words under different dates (a briefing posted again
the next day) are told apart by the store, which compares content, not ids.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CORRECTED_TITLE = re.compile(r"^\s*corrected\s*[:\-–—]\s*", re.I)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})\s*([AaPp])\.?\s?[Mm]")


def is_correction(title: str, source_url: str | None) -> bool:
    last = (source_url or "").rstrip("/").rsplit("/", 1)[-1]
    return bool(_CORRECTED_TITLE.match(title)) or last.lower().startswith("corrected-")


def event_title(title: str) -> str:
    """The title without a correction mark: what the original was called."""
    return _CORRECTED_TITLE.sub("", title)


def transcript_id(event_date: str | None, title: str, started_at: str | None = None, limit: int = 80) -> str:
    slug = _slug(event_title(title))
    if event_date and not slug.startswith(event_date):
        slug = f"{event_date}-{slug}" if slug else event_date
    if len(slug) > limit:
        digest = hashlib.sha256(slug.encode()).hexdigest()[:6]
        slug = f"{slug[: limit - 7].rsplit('-', 1)[0]}-{digest}"
    clock = _hhmm(started_at)
    return "-".join(filter(None, [slug, clock])) or "transcript"


def _hhmm(started_at: str | None) -> str | None:
    """"4:20 P.M. EST" -> "1620": the zone varies between copies of one event (CEST and CET), the clock not."""
    match = _CLOCK.search(started_at or "")
    if not match:
        return None
    hour = int(match[1]) % 12 + (12 if match[3].lower() == "p" else 0)
    return f"{hour:02d}{match[2]}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
