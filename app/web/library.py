"""The "Upload transcripts" tab: storing uploaded files, saying per file what was found, and the list of
stored press conferences, each of which can be deleted."""

from __future__ import annotations

import logging
from pathlib import Path

import gradio as gr

from ..uploads import UploadResult, ingest_upload
from .handlers import ALL, value
from .jinja import render
from .views import upload_html

log = logging.getLogger(__name__)


class Library:
    """The tab's events, over the newsroom handlers (an app.web.handlers.Handlers)."""

    def __init__(self, ui, limit_bytes: int):
        self.ui = ui
        self.limit = limit_bytes

    def listing(self) -> str:
        return library_html(self.ui.store.transcripts())

    def upload(self, paths: list[str] | None, viewing: str | None, *scope, progress=gr.Progress()):
        """Store each file; the lists update; an empty viewer shows the first new one; the upload box empties,
        so that the next upload sends only its own files."""
        results = []
        paths = paths or []
        for i, path in enumerate(paths):
            name = Path(path).name
            progress((i, len(paths)), desc=f"Reading {name}", unit="files")
            results.append(self._ingest_one(path, name))
        progress((len(paths), len(paths)), unit="files")
        stored = [r.transcript_id for r in results if r.ok]
        show = viewing or (stored[0] if stored else None)
        return upload_html(results), *self.refreshed(viewing, show, scope), gr.File(value=None)

    def remove(self, viewing: str | None, transcript, speaker, date_from, date_to, event: gr.EventData):
        """Delete one stored press conference; the viewer moves on if it showed that one."""
        scope = (transcript, speaker, date_from, date_to)
        removed = event.transcript
        if self.ui.store.remove(removed):
            notice = render("notice.html", message=f"Deleted “{event.title}”: it is no longer searched or quoted.")
        else:
            notice = render("error.html", message="That press conference was already deleted.")
        show = viewing if viewing != removed else None
        if show is None:
            show = next((e.id for e in self.ui.store.transcripts()), None)
        return notice, *self.refreshed(viewing if viewing != removed else None, show, scope)

    def refreshed(self, viewing: str | None, show: str | None, scope: tuple):
        """The filters' lists, the viewer's picker, the note, the views (when the viewer changes) and the list.
        A filter on a press conference deleted since falls back to all of them."""
        everything = self.ui.transcript_choices(True)
        transcript = scope[0] if scope[0] in {v for _, v in everything} else ALL
        scope = (transcript, *scope[1:])
        return (
            gr.Dropdown(choices=everything, value=transcript),
            gr.Dropdown(choices=self.ui.speaker_choices(value(transcript))),
            gr.Dropdown(choices=self.ui.transcript_choices(False), value=show),
            self.ui.note(*scope),
            *(self.ui.views(show, None, None) if show != viewing else (gr.skip(), gr.skip())),
            self.listing(),
        )

    def _ingest_one(self, path: str, name: str) -> UploadResult:
        size = Path(path).stat().st_size
        if size > self.limit:
            return UploadResult(file=name, ok=False, error=f"over the {self.limit // 2**20} MB limit for one file")
        try:
            return ingest_upload(self.ui.store, name, Path(path).read_bytes())
        except Exception:  # noqa: BLE001 - one bad file must not lose the others' results
            log.exception("storing %s failed", name)
            return UploadResult(file=name, ok=False, error="it could not be stored; the server log has the details")


def library_html(entries: list) -> str:
    return render("library.html", entries=entries)
