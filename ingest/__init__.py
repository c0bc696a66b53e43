"""Ingest: a file becomes a Transcript of Turns. Knows nothing of storage."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .assemble import assemble
from .detect import FORMATS, detect
from .errors import IngestError
from .model import Kind, Transcript, Turn
from .reading import MAX_BYTES, Source, read_source

__all__ = ["FORMATS", "IngestError", "Kind", "Transcript", "Turn", "parse_file", "parse_files", "parse_source"]

# format name -> module in ingest.formats exposing parse_<format>(Source) -> Draft
_PARSERS = {
    "liveblog": "liveblog",
    "script": "script",
    "html": "html",
    "pdf": "pdf",
    "nametag": "nametag",
    "vtt": "captions",
    "srt": "captions",
    "segments": "jsonfmt",
    "qmsum": "jsonfmt",
    "csv": "csvfmt",
}


def parse_file(path: str | Path, format: str | None = None, max_bytes: int = MAX_BYTES) -> Transcript:
    """Parse one transcript file; raises IngestError naming the file and the reason."""
    return parse_source(read_source(path, max_bytes), format)


def parse_files(paths: Iterable[Path], format: str | None = None) -> Iterator[tuple[Path, Transcript | IngestError]]:
    """Each file parsed in turn, lazily; a bad file yields its error in place of a transcript."""
    for path in paths:
        try:
            yield path, parse_file(path, format)
        except IngestError as exc:
            yield path, exc


def parse_source(source: Source, format: str | None = None) -> Transcript:
    if format is not None and format not in _PARSERS:
        raise source.error(f"unknown format {format!r}; known: {', '.join(_PARSERS)}")
    fmt = format or detect(source)
    module = importlib.import_module(f".formats.{_PARSERS[fmt]}", __name__)
    draft = getattr(module, f"parse_{fmt}")(source)
    return assemble(draft, source, fmt)
