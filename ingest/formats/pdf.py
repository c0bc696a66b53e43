"""A PDF holding a speaker-label transcript: page text without running headers, lines rejoined.

Running headers and footers are lines that recur, digits aside, at the top or bottom of most pages
("June 15, 2022 Chair Powell’s Press Conference FINAL", "Page 3 of 27"). Removing them lets a
sentence cut by a page break join up again. The text layer keeps no blank lines, so a paragraph ends
where a line stops well short of the margin after a full stop.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from pypdf import PdfReader

from ..draft import Draft
from ..reading import Source
from ..sentences import ends_with_abbreviation
from .script import build_turns, iso_date

_EDGE = 3  # lines at each end of a page where a running header or footer may sit
_SHARE = 0.6  # ... and the share of pages it must appear on
_SHORT = 0.8  # a line under this share of the usual width, ending a sentence, ends its paragraph
_SENTENCE_END = (".", "?", "!", ":", "”", '"', ")", "]")
_PAGE_NUMBER = re.compile(r"(?i)^(?:page\s+)?\d+(?:\s+of\s+\d+)?$")
_FIELD_GAP = re.compile(r"\s{2,}")
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}\b"
)


def parse_pdf(source: Source) -> Draft:
    pages = _page_lines(source)
    header = _running_lines(pages)
    lines = [line for page in pages for i, line in enumerate(page) if not _is_edge(i, page, line, header)]
    title, event_date = _title_and_date(pages, header)
    return build_turns(_with_paragraph_breaks(lines), join=_join_tight).draft(title, event_date)


def _page_lines(source: Source) -> list[list[str]]:
    try:
        reader = PdfReader(io.BytesIO(source.data))
        locked = reader.is_encrypted and not reader.decrypt("")
        texts = [] if locked else [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types on damaged files; all mean the same to the user
        raise source.error(f"cannot read PDF: {exc or type(exc).__name__}") from None
    if locked:
        raise source.error("PDF is password-protected")
    pages = [[line.strip() for line in text.split("\n") if line.strip()] for text in texts]
    if not any(pages):
        raise source.error("PDF has no text layer (a scan?); run OCR first")
    return pages


def _mask(line: str) -> str:
    return " ".join(re.sub(r"\d+", "#", line).split())


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Masked lines that recur at the top or bottom of most pages; one page alone tells nothing."""
    if len(pages) < 2:
        return set()
    counts = Counter(
        masked for page in pages for masked in {_mask(line) for line in page[:_EDGE] + page[-_EDGE:]}
    )
    return {masked for masked, n in counts.items() if n >= max(2, _SHARE * len(pages))}


def _is_edge(i: int, page: list[str], line: str, header: set[str]) -> bool:
    return (i < _EDGE or i >= len(page) - _EDGE) and _mask(line) in header


def _title_and_date(pages: list[list[str]], header: set[str]) -> tuple[str | None, str | None]:
    """From the running header's fields: the date, and the longest field that is not a date or page."""
    fields = [
        f.strip()
        for line in pages[0][:_EDGE]
        if _mask(line) in header
        for f in _FIELD_GAP.split(line)
        if f.strip()
    ]
    event_date = next((d for f in fields if (d := iso_date(f))), None)
    # a field may hold it all, one space apart: "April 27, 2011 Chairman Bernanke’s Press Conference FINAL"
    names = [" ".join(w for w in _DATE.sub("", f).split() if not w.isupper()) for f in fields if not _PAGE_NUMBER.match(f)]
    return max(names, key=len, default=None) or None, event_date


def _with_paragraph_breaks(lines: list[str]) -> list[tuple[None, str]]:
    widths = sorted(len(line) for line in lines)
    usual = widths[int(len(widths) * 0.9)] if widths else 0
    out: list[tuple[None, str]] = []
    for line in lines:
        out.append((None, line))
        short = len(line) < _SHORT * usual
        if short and line.endswith(_SENTENCE_END) and not ends_with_abbreviation(line):
            out.append((None, ""))
    return out


def _join_tight(left: str, right: str) -> str:
    """Word's dashes and hyphens are unspaced: "we’re—" + "again" is "we’re—again", "pass-through"."""
    if left.endswith(("—", "–")) or (left.endswith("-") and not left.endswith(" -")):
        return left + right
    return f"{left} {right}"
