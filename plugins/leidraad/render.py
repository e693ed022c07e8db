"""Templates for page bodies: small Jinja fragments looked up along `lokaal/templates`, then `templates`.

A fragment turns view data into the page's Markdown. Escaping is on: a plain value (a title, a label) is escaped;
a Markdown field of the content goes in with `| md` and is rendered by MkDocs, then sanitized at the output with
everything else that came from content. Our own markup (controls, buttons with scripts) goes through `slot()`:
it is kept apart while the content is sanitized, and put back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .sanitize import Slots


def markdown_field(text: str | None) -> Markup:
    """A content field written in Markdown: passed as it is; MkDocs renders it, the sanitizer cleans it."""
    return Markup(text or "")  # noqa: S704 - sanitized at the output (on_page_content)


def indent(text: str, width: int = 4) -> Markup:
    """Indent every line but the first (for Markdown inside an admonition or a list item)."""
    lines = str(text).split("\n")
    return Markup("\n".join([lines[0], *(" " * width + line if line else "" for line in lines[1:])]))  # noqa: S704


class Fragments:
    """The Jinja environment of one build; `page()` renders a kind's page template with its view data."""

    def __init__(self, template_dirs: Iterable[Path], slots: Slots | None = None) -> None:
        self.slots = slots or Slots()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs if d.is_dir()]),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined)
        self.env.filters["md"] = markdown_field
        self.env.filters["inspringen"] = indent
        self.page_uri = ""

        def slot(caller: Any = None, html: str = "") -> Markup:
            content = str(caller()) if caller is not None else html
            return Markup(self.slots.marker(self.page_uri, content))  # noqa: S704 - an inert marker of ours

        self.env.globals["slot"] = slot

    def page(self, template: str, page_uri: str, view: dict[str, Any]) -> str:
        self.page_uri = page_uri
        return self.env.get_template(template).render(**view)

    def render(self, template: str, **view: Any) -> str:
        return self.env.get_template(template).render(**view)
