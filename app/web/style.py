"""The newsroom UI's stylesheet and the small scripts of its HTML panels, in app/web/assets (package data).
Nothing here loads from outside.

Each script runs in a Gradio HTML component (`element` is its root, `trigger` sends it an event, `watch`
follows its value): sources (the result panels' buttons), viewer and timeline (the transcript tab), find
("Find in this transcript"), picker (the date boxes' calendars); page runs once, with the header.
"""

from importlib.resources import files

_ASSETS = files(__package__) / "assets"


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


CSS = _asset("podium.css")
SOURCES_JS = _asset("sources.js")
VIEWER_JS = _asset("viewer.js")
TIMELINE_JS = _asset("timeline.js")
FIND_JS = _asset("find.js")
PICKER_JS = _asset("picker.js")
PAGE_JS = _asset("page.js")
