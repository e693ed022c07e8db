"""The net under validation: every piece of HTML that came from content passes this allowlist before it is written.

One allowlist, used three ways: `clean()` cleans rendered HTML (site pages, print sheets, bundle covers) with nh3
(ammonia); `validate.py` asks `tag_allowed` / `attribute_allowed` / `url_allowed` to give an editor a Dutch message
for what the sanitizer would remove. Our own markup (form controls, buttons, scripts, `data-` attributes) is never
content: templates put it into a page through slots (see `Slots`) after the content's HTML has been cleaned.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3

TEXT_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
}
SVG_TAGS = {
    "svg", "g", "path", "line", "rect", "circle", "ellipse", "polygon", "polyline", "text", "tspan", "title", "desc",
    "defs", "marker",
}
TAGS = TEXT_TAGS | SVG_TAGS
# Never from content, whatever the validator says: these are ours (forms, finder) or dangerous.
FORBIDDEN_TAGS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                  "button", "select", "option", "textarea", "link", "meta", "base", "foreignobject", "use", "image",
                  "animate", "set", "animatetransform", "animatemotion", "template", "slot", "noscript", "portal"}

GENERIC = {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-labelledby", "aria-describedby",
           "aria-hidden", "data-search-exclude", "tabindex"}
SVG_ATTRIBUTES = {
    "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
    "fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "font-size",
    "font-weight", "font-style", "text-anchor", "dominant-baseline", "transform", "marker-end", "marker-start",
    "markerWidth", "markerHeight", "refX", "refY", "orient", "markerUnits", "opacity", "fill-opacity",
    "stroke-opacity", "xmlns", "focusable", "style", "dx", "dy",
}
ATTRIBUTES: dict[str, set[str]] = {
    "*": GENERIC,
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style", "align"},
    "th": {"colspan", "rowspan", "scope", "style", "align"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
    "q": {"cite"},
    "blockquote": {"cite"},
    **{tag: SVG_ATTRIBUTES for tag in SVG_TAGS},
}
STYLE_PROPERTIES = {"text-align", "max-width", "width", "height", "font-family"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "cite"}
DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", re.IGNORECASE)
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_LOWER_ATTRIBUTES = {tag: {a.lower() for a in attrs} for tag, attrs in ATTRIBUTES.items()}


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """nh3's per-attribute hook: URLs only with an allowed scheme; `data:` only for our image types."""
    if attribute in URL_ATTRIBUTES:
        return value if url_allowed(value, image=tag == "img" and attribute == "src") else None
    if attribute.startswith("on"):  # never reached (not in the allowlist); kept as a second line of defence
        return None
    if attribute == "tabindex":  # reachable by keyboard, or not; never a place of its own in the tab order
        return value if value.strip() in ("0", "-1") else None
    return value


def url_allowed(url: str, *, image: bool = False) -> bool:
    """Links: relative addresses, anchors and http(s)/mailto/tel. Images: only the site's own files (relative) or
    a `data:` image of an allowed type, since an image from another host is a request to a third party."""
    # browsers drop whitespace and control characters and read '\\' as '/' in a URL
    cleaned = "".join(ch for ch in url if ch > " ").replace("\\", "/")
    match = SCHEME.match(cleaned)
    if match is None:
        return not (image and cleaned.startswith("//"))
    scheme = match.group(1).lower()
    if image:
        return scheme == "data" and bool(DATA_IMAGE.match(cleaned))
    return scheme in URL_SCHEMES


def tag_allowed(tag: str) -> bool:
    return tag.lower() in {t.lower() for t in TAGS}


def attribute_allowed(tag: str, attribute: str) -> bool:
    name = attribute.lower()
    return name in _LOWER_ATTRIBUTES["*"] or name in _LOWER_ATTRIBUTES.get(tag.lower(), set())


def clean(html: str) -> str:
    """Content HTML with everything outside the allowlist removed (text of removed tags kept, scripts dropped)."""
    return nh3.clean(html, tags=TAGS, clean_content_tags={"script", "style", "template", "noscript"},
                     attributes=ATTRIBUTES, attribute_filter=_keep, url_schemes=URL_SCHEMES | {"data"},
                     link_rel=None, strip_comments=True, filter_style_properties=STYLE_PROPERTIES)


@dataclass
class Slots:
    """Our own markup in a page whose content is sanitized.

    A template calls `slot(html)` where it needs a control or button: it gets back an inert marker
    (`<div class="ld-slot">TOKEN</div>`) that survives Markdown and the sanitizer unchanged. After cleaning, `fill()`
    puts our HTML in place of each marker. The token holds a random key made once per build, so content cannot
    write a marker of its own; a marker that does not come back whole is an engine error, never silently kept.
    """

    key: str = field(default_factory=lambda: secrets.token_hex(12))
    html: dict[str, list[str]] = field(default_factory=dict)  # page -> slot contents in order

    def marker(self, page: str, content: str) -> str:
        found = self.html.setdefault(page, [])
        found.append(content)
        return f'<div class="ld-slot">LDSLOT{self.key}P{len(found) - 1}E</div>'

    def fill(self, page: str, html: str, on_missing: Callable[[str], None]) -> str:
        found = self.html.get(page, [])
        used: set[int] = set()

        def put(match: re.Match[str]) -> str:
            index = int(match.group(1))
            used.add(index)
            return found[index] if index < len(found) else ""

        result = re.sub(rf'<div class="ld-slot">LDSLOT{self.key}P(\d+)E</div>', put, html)
        if self.key in result or len(used) != len(found):
            on_missing(page)
        return result
