from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file that cannot become a transcript; the message names the file, the line and the reason."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")
