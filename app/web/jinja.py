"""The UI's HTML: Jinja2 templates in app/web/templates (package data), autoescaped, so that a value from a
transcript or a question is escaped wherever it lands unless a view hands over Markup on purpose."""

from __future__ import annotations

from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup


def _finalize(value):
    """Every printed value, escaped with html.escape's entities (&#x27;, as the views have always written them);
    None prints as nothing."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(escape(str(value)))


ENV = Environment(
    loader=PackageLoader("app.web", "templates"),
    autoescape=select_autoescape(["html", "svg"]),
    finalize=_finalize,
    undefined=StrictUndefined,  # a misspelt name fails the render, not the page silently
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, **context) -> str:
    return ENV.get_template(name).render(**context)
