"""Storing uploaded files, for every shell that takes uploads (the HTTP API, the web UI).

The API reads a multipart body as it streams in (python-multipart's parser): each file goes to its own
folder as it arrives, a file past the per-file bound stops being written there and then, and a file
too many ends the request before its bytes are read. Names are checked per file: a name that cannot be
stored is that file's error, never the request's.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from ingest import IngestError, parse_file

from .limits import past_bound
from .settings import AppSettings

FIELD = "files"  # the multipart field that holds the files
NAME_BYTES = 255  # the file system's limit on one name, not a policy
_SHOWN = 120  # characters of a refused name repeated in its report
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadResult(BaseModel):
    file: str
    ok: bool
    transcript_id: str | None = None
    status: str | None = None  # added, updated, unchanged
    turns: int | None = None
    speakers: list[str] = []
    warnings: list[str] = []
    error: str | None = None


def safe_name(raw: str) -> tuple[str, str | None]:
    """The name to store a file under (its last path part: browsers may send a whole path) and, when it
    cannot be stored, the reason; the name shown for a refused file has its control characters escaped."""
    name = re.split(r"[/\\]", raw)[-1].strip()
    if _CONTROL.search(name):
        shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name)[:_SHOWN]
        return shown, "the file name holds a control character (such as NUL)"
    if name in ("", ".", ".."):
        return raw[:_SHOWN] or "(no name)", "not a file name"
    if len(name.encode()) > NAME_BYTES:
        return name[:_SHOWN] + "…", f"the file name is over {NAME_BYTES} bytes"
    return name, None


def refused(name: str, reason: str) -> UploadResult:
    return UploadResult(file=name, ok=False, error=reason)


def store_path(store, name: str, path: Path) -> UploadResult:
    """Parse a file stored under its uploaded name (the ending helps detection) and store it; a bad file is
    a result, not an exception."""
    try:
        transcript = parse_file(path)
        transcript.source = f"upload:{name}"  # the temporary path means nothing once deleted
        result = store.ingest(transcript)
    except IngestError as exc:
        return refused(name, exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}")
    t = result.transcript
    return UploadResult(
        file=name, ok=True, transcript_id=t.id, status=result.status, turns=len(t.turns),
        speakers=t.speakers(), warnings=t.warnings,
    )  # fmt: skip


def ingest_upload(store, filename: str, data: bytes) -> UploadResult:
    """Store one file held in memory (the UI's uploads)."""
    name, reason = safe_name(filename)
    if reason:
        return refused(name, reason)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return store_path(store, name, path)


# -- receiving a multipart body ---------------------------------------------------------------------


@dataclass
class Received:
    name: str
    path: Path | None = None  # None: refused, for `error`
    error: str | None = None
    size: int = 0


@dataclass
class _Part:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    file: Received | None = None  # a file of FIELD being written; None: a part whose bytes are dropped
    out: object = None


class _Receiver:
    """python-multipart callbacks writing each file of FIELD to its own folder under `root`."""

    def __init__(self, root: Path, config: AppSettings):
        self.root, self.config = root, config
        self.max_bytes = config.max_upload_mb * 2**20
        self.files: list[Received] = []
        self.part = _Part()
        self._name = self._value = b""

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self.begin, "on_header_field": self.header_field, "on_header_value": self.header_value,
            "on_header_end": self.header_end, "on_headers_finished": self.headers_finished,
            "on_part_data": self.data, "on_part_end": self.end,
        }  # fmt: skip

    def begin(self) -> None:
        self.part = _Part()

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def header_end(self) -> None:
        self.part.headers[self._name.lower()] = self._value
        self._name = self._value = b""

    def headers_finished(self) -> None:
        _, options = parse_options_header(self.part.headers.get(b"content-disposition", b"").decode("latin-1"))
        if (field := _decode(options.get(b"name", b""))) != FIELD:
            raise _invalid(f"unknown field {field[:_SHOWN]!r}: files go in {FIELD!r}", ("body", field[:_SHOWN]))
        if b"filename" not in options:
            raise _invalid(f"each part of {FIELD!r} must be a file (with a filename, which may be refused)")
        if len(self.files) == self.config.max_files:  # refused before a byte of this file is read
            raise past_bound(("body", FIELD), "max_files", self.config.max_files, f"more than {self.config.max_files} files")
        name, reason = safe_name(_decode(options[b"filename"]))
        received = Received(name, error=reason)
        self.files.append(received)
        if reason is None:
            folder = self.root / str(len(self.files))  # its own folder: two files may share a name
            folder.mkdir()
            received.path = folder / name
            self.part.out = received.path.open("wb")
        self.part.file = received

    def data(self, data: bytes, start: int, end: int) -> None:
        received, out = self.part.file, self.part.out
        if received is None or out is None:
            return
        received.size += end - start
        if received.size > self.max_bytes:
            self._drop(f"over the {self.config.max_upload_mb} MB bound for one file "
                       f"(max_upload_mb; PODIUM_MAX_UPLOAD_MB sets it)")  # fmt: skip
            return
        out.write(data[start:end])  # at most the parser's chunk: a page-cache write, not worth a thread

    def end(self) -> None:
        if self.part.out is not None:
            self.part.out.close()
            self.part.out = None

    def _drop(self, reason: str) -> None:
        self.part.out.close()
        self.part.out = None
        self.part.file.path.unlink()
        self.part.file.path, self.part.file.error = None, reason

    def close(self) -> None:
        if self.part.out is not None:
            self.part.out.close()


async def receive_files(request: Request, root: Path, config: AppSettings) -> list[Received]:
    """The files of a multipart body, each written under `root` as it streams in, or refused with a reason."""
    kind, options = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise _invalid("expected a multipart/form-data body (with a boundary)", ("body",))
    receiver = _Receiver(root, config)
    try:
        parser = MultipartParser(options[b"boundary"], receiver.callbacks())
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise _invalid(f"not a well-formed multipart body: {exc}", ("body",)) from None
    finally:
        receiver.close()
    if not receiver.files:
        raise _invalid(f"no files: send them in the {FIELD!r} field")
    return receiver.files


def _decode(value: bytes) -> str:
    try:
        return value.decode()
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _invalid(message: str, loc: tuple = ("body", FIELD)) -> RequestValidationError:
    return RequestValidationError([{"loc": loc, "msg": message, "type": "multipart"}])
