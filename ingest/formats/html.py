"""An HTML page holding a speaker-label transcript: each <p> of the article body is a paragraph.

Pages that hold their transcript in other elements (<div>s, list items) are read block by block.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..draft import Draft
from ..reading import Source
from .script import Line, build_turns, iso_date, match_label, web_address

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML collapses these; NBSP is text and stays
_LINE = "\u2028"  # stands in for <br> while whitespace is collapsed
_PARAGRAPH = "\u2029"  # ... and for the end of a block element
_CHROME = "nav, header, footer, aside, form, script, style, noscript, template"  # never the transcript
_BLOCKS = "p, div, li, dd, dt, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, section, article"
_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]+$")  # "Title | The White House"


def parse_html(source: Source) -> Draft:
    page = LexborHTMLParser(source.text)
    title, event_date = _title(page), _date(page)  # read before the header goes with the chrome
    address = _address(page)
    for node in page.css(_CHROME):
        node.decompose()
    draft = build_turns(_lines(_transcript(page))).draft(title, event_date)
    draft.source_url = address
    return draft


def _transcript(page: LexborHTMLParser) -> list[LexborNode]:
    """The <p>s inside the smallest element holding every labelled one; or, lacking those, the body."""
    paragraphs = page.css("p")
    labelled = [p for p in paragraphs if match_label(_text(p))]
    if not labelled:
        return [page.body] if page.body else []
    chains = [[a.mem_id for a in _ancestors(p)] for p in labelled]
    scope = next(a for a in chains[0] if all(a in chain for chain in chains[1:]))
    return [p for p in paragraphs if scope in {a.mem_id for a in _ancestors(p)}]


def _ancestors(node: LexborNode) -> list[LexborNode]:
    chain = []
    while node.parent is not None:
        node = node.parent
        chain.append(node)
    return chain


def _lines(nodes: list[LexborNode]) -> list[Line]:
    """Each node's text as lines; a blank line after each node and each block inside it."""
    lines: list[Line] = []
    for node in nodes:
        for br in node.css("br"):
            br.replace_with(_LINE)
        for block in node.css(_BLOCKS):
            block.insert_after(_PARAGRAPH)
        text = _HTML_SPACE.sub(" ", node.text(deep=True)) + _PARAGRAPH
        lines += [(None, line) for line in text.replace(_PARAGRAPH, _LINE + _LINE).split(_LINE)]
    return lines


def _title(page: LexborHTMLParser) -> str | None:
    """The <h1> when it repeats the page's <title> (so it names this page, not the site), else the <title>."""
    head = page.css_first("head > title")  # not an <svg> icon's <title>
    title = _SITE_SUFFIX.sub("", _text(head)) if head else ""
    headings = [_text(h1) for h1 in page.css("h1")]
    for heading in headings:
        if heading and title and (heading in title or title in heading):
            return heading
    return title or next((h for h in headings if h), None)


def _date(page: LexborHTMLParser) -> str | None:
    for node in page.css("time"):
        found = iso_date(node.attributes.get("datetime")) or iso_date(_text(node))
        if found:
            return found
    meta = page.css_first('meta[property="article:published_time"]')
    return iso_date(meta.attributes.get("content")) if meta else None


def _address(page: LexborHTMLParser) -> str | None:
    """The page's own address: its canonical link, else its Open Graph URL."""
    link = page.css_first('link[rel="canonical"]')
    meta = page.css_first('meta[property="og:url"]')
    found = (link.attributes.get("href") if link else None) or (meta.attributes.get("content") if meta else None)
    return web_address(found)


def _text(node: LexborNode) -> str:
    return " ".join(node.text(deep=True).split())
