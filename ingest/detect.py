"""Which parser reads a file: by content first, the file name's ending where content can't tell."""

from __future__ import annotations

import json
import re

from .reading import Source

FORMATS = {
    "liveblog": "live blog text: speaker headers, speech, then the entry's date and time",
    "script": "plain text or Markdown with speaker labels (MS. PSAKI:, Q, CHAIR POWELL.)",
    "html": "an HTML page holding a speaker-label transcript",
    "pdf": "a PDF holding a speaker-label transcript",
    "nametag": "text with inline <NAME>SPEAKER</NAME> tags",
    "vtt": "WebVTT captions",
    "srt": "SRT captions",
    "segments": "JSON list of {speaker?, start, end, text} segments (WhisperX-like)",
    "qmsum": "QMSum meeting JSON ({meeting_transcripts: [{speaker, content}]})",
    "csv": "CSV with one sentence per row (speaker, sentence)",
}

_LIVEBLOG_STAMP = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?\s*$", re.M)
_SRT_CUE = re.compile(r"^\d+\s*\n\d{1,2}:\d{2}:\d{2},\d{3}\s*-->", re.M)
_BY_SUFFIX = {
    ".vtt": "vtt",
    ".srt": "srt",
    ".csv": "csv",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}


def detect(source: Source) -> str:
    data = source.data.lstrip()
    if data.startswith(b"%PDF"):
        return "pdf"
    suffix = source.path.suffix.lower()
    if suffix == ".pdf":
        raise source.error("named .pdf but is not a PDF")
    text = source.text
    head = text.lstrip()[:2000]
    if head.startswith("WEBVTT"):
        return "vtt"
    if head[:1] in "[{" or suffix == ".json":
        return _json_kind(source)
    if re.match(r"(?is)<!doctype html|<html", head) or suffix in (".html", ".htm"):
        return "html"
    if _SRT_CUE.search(head):
        return "srt"
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if "<NAME>" in text and "</NAME>" in text:
        return "nametag"
    if len(_LIVEBLOG_STAMP.findall(text)) >= 2:
        return "liveblog"
    return "script"


def _json_kind(source: Source) -> str:
    try:
        data = json.loads(source.text)
    except json.JSONDecodeError as exc:
        raise source.error(f"invalid JSON: {exc.msg}", exc.lineno) from None
    if isinstance(data, dict) and "meeting_transcripts" in data:
        return "qmsum"
    if isinstance(data, list) or (isinstance(data, dict) and _has_segments(data)):
        return "segments"
    raise source.error(
        "JSON of no known shape: expected a list of segments, {segments: [...]}, "
        "{transcript: {segments: [...]}} or a QMSum meeting"
    )


def _has_segments(data: dict) -> bool:
    inner = data.get("transcript")
    return "segments" in data or (isinstance(inner, dict) and "segments" in inner)
