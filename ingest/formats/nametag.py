"""Text with inline speaker tags: `<NAME>CHAIR POWELL</NAME>. Good afternoon. …`, often on one long line.

The tagging is imperfect: `<NAME>NANCY MARSHALL</NAME>-GENZER.` leaves part of a hyphenated name outside
the tag, so an upper-case `-WORD` right after the tag is put back into the name.
"""

from __future__ import annotations

import re

from ..draft import Draft, RawTurn
from ..reading import Source
from .script import build_turns, merge_turns

_TAG = re.compile(r"<NAME>(?P<name>[^<>]*)</NAME>(?P<tail>(?:-[^\W\d_]+)*)")
_MARK = re.compile(r"\s*[.:]?")  # the label's own punctuation after the tag
_STRAY = re.compile(r"</?NAME>")
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n")


def parse_nametag(source: Source) -> Draft:
    text = source.text
    tags = list(_TAG.finditer(text))
    ends = [tag.start() for tag in tags[1:]] + [len(text)]
    _check_tags(source, text, tags)
    if not tags:
        return build_turns(enumerate(text.split("\n"), 1)).draft()
    return Draft(merge_turns([_turn(text, tag, end) for tag, end in zip(tags, ends)]))


def _check_tags(source: Source, text: str, tags: list[re.Match]) -> None:
    """A tag with no name, or one left open or unopened, is a broken file, not speech."""
    spans = [tag.span() for tag in tags]
    for stray in _STRAY.finditer(text):
        if not any(start <= stray.start() < end for start, end in spans):
            raise source.error(f"unmatched {stray[0]} tag", _line(text, stray.start()))
    for tag in tags:
        if not tag["name"].strip():
            raise source.error("empty <NAME></NAME> tag", _line(text, tag.start()))


def _turn(text: str, tag: re.Match, end: int) -> RawTurn:
    tail = tag["tail"] if tag["tail"].isupper() else ""
    name = " ".join((tag["name"] + tail).split())
    start = tag.start("tail") + len(tail)
    mark = _MARK.match(text, start)
    body = text[mark.end() : end]
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH.split(body))
    label = name + mark[0].strip()
    return RawTurn(name, "\n\n".join(p for p in paragraphs if p), label=label, line=_line(text, tag.start()))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
