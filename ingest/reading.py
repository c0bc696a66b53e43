"""Reading a file safely: size limit, empty and binary files, text decoding with the line of a bad byte."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import IngestError

MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Source:
    path: Path
    data: bytes

    def error(self, reason: str, line: int | None = None) -> IngestError:
        return IngestError(self.path, reason, line)

    @cached_property
    def text(self) -> str:
        """The file as text with \\n line ends; raises IngestError for binary or undecodable bytes."""
        data = self.data
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError as exc:
                raise self.error(f"not valid UTF-16 text ({exc.reason})") from None
        else:
            if b"\x00" in data:
                raise self.error("binary file, not a text transcript")
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise self.error(
                    f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded", line
                ) from None
        return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: str | Path, max_bytes: int = MAX_BYTES) -> Source:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                path, f"file is {size / 2**20:.0f} MB, over the {max_bytes / 2**20:.0f} MB limit"
            )
        if path.is_dir():
            raise IngestError(path, "is a folder, not a file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    if not data.strip():
        raise IngestError(path, "file is empty")
    return Source(path, data)
