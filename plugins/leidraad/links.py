"""Links in content: every internal link must reach a page (or a file) and an anchor that exists.

MkDocs checks the same on the built site and warns in English; checking here first means an editor meets one
Dutch message with a line number instead. Links to a hidden item are not errors: the pages step turns them into
plain text, and `leidraad check` lists them as information.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from .mdcheck import prose
from .model import Item

LINK = re.compile(r"!?\[[^\]\n]{0,500}\]\(\s*<?([^)\s>]*)")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)")
HTML_URL = re.compile(r"""<(?:a|img)\b[^>]{0,500}?\b(?:href|src)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_ID = re.compile(r"\{:?[^{}\n]*#([A-Za-z0-9_:.-]+)[^{}\n]*\}")
HTML_ID = re.compile(r"""\bid\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
CONTACT = re.compile(r"\[([^\]\n]{1,200})\]\(\s*contact:([a-z0-9-]+)\s*\)")  # [de zorgcoördinator](contact:…)
INLINE_MD = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]")


@dataclass(frozen=True)
class LinkProblem:
    line: int  # within the text
    message: str
    hidden: str = ""  # the id of a hidden item the link points at (degrades; information, not an error)


def anchors(item: Item, part_ids: Iterable[str]) -> set[str]:
    """The ids a page of this item will carry: parts, explicit ids, heading slugs (as the toc makes them)."""
    found = set(part_ids)
    seen: dict[str, int] = {}
    for _, line in prose(item.body):
        found.update(ATTR_ID.findall(line))
        found.update(HTML_ID.findall(line))
        heading = HEADING.match(line)
        if heading and not ATTR_ID.search(heading.group(2)):
            slug = slugify(INLINE_MD.sub(lambda m: m.group(1) or "", heading.group(2)), "-")
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            found.add(slug if count == 0 else f"{slug}_{count}")
    return found


def targets(text: str) -> Iterable[tuple[int, str]]:
    for number, line in prose(text):
        for target in LINK.findall(line):
            yield number, target
        ref = REF_DEF.match(line)
        if ref:
            yield number, ref.group(1)
        for target in HTML_URL.findall(line):
            yield number, target


def check_links(text: str, page: str, pages: dict[str, Item], page_anchors: dict[str, set[str]],
                hidden: dict[str, str], assets: set[str]) -> list[LinkProblem]:
    """Problems with the internal links of one text shown on page `page` (a content path like 'tips/x.md')."""
    found = []
    base = posixpath.dirname(page)
    for number, target in targets(text):
        problem = _check(target, base, page, pages, page_anchors, hidden, assets)
        if problem is not None:
            found.append(LinkProblem(number, *problem))
    return found


def _check(target: str, base: str, page: str, pages: dict[str, Item], page_anchors: dict[str, set[str]],
           hidden: dict[str, str], assets: set[str]) -> tuple[str, str] | tuple[str] | None:
    if not target or SCHEME.match(target) or target.startswith("//"):  # also contact: roles (validate.py)
        return None  # another website (its safety is mdcheck's concern), or an empty link
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    if path.startswith("/"):
        return (f"link '{target}' begint met '/'; gebruik een relatief pad naar een bestand in content/",)
    resolved = posixpath.normpath(posixpath.join(base, path)) if path else page
    if resolved == ".." or resolved.startswith("../"):
        return (f"link '{target}' wijst buiten de map content/",)
    if resolved in hidden:
        return (f"link '{target}' wijst naar een verborgen item; op de site wordt het gewone tekst", hidden[resolved])
    if resolved in assets:
        return None
    if resolved not in pages:
        for candidate in (resolved + "/index.md", resolved.rstrip("/") + ".md", resolved.rsplit(".", 1)[0] + ".md"):
            if candidate in pages:
                suggestion = posixpath.relpath(candidate, base or ".") + (f"#{anchor}" if anchor else "")
                return (f"link '{target}': link naar het bestand zelf, '{suggestion}'",)
        if resolved.endswith(".yml") and resolved.startswith("bronnen/"):
            stem = resolved.rsplit("/", 1)[-1][:-4]
            suggestion = posixpath.relpath("bronnen/index.md", base or ".")
            return (f"link '{target}': een bron heeft geen eigen pagina; link naar '{suggestion}#{stem}'",)
        return (f"link '{target}' wijst naar een bestand dat niet bestaat (content/{resolved})",)
    if anchor and not anchor.startswith("ld-") and anchor not in page_anchors.get(resolved, set()):
        where = "deze pagina" if resolved == page else f"content/{resolved}"
        return (f"link '{target}': {where} heeft geen anker '#{anchor}' (een kop, een deel-id of {{#{anchor}}})",)
    return None


INLINE = re.compile(r"(!?)\[([^\]\n]{0,500})\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")


def unlink(text: str, base: str, hidden: set[str]) -> str:
    """Links to hidden items become their plain text (a hidden item leaves no trace, not even a dead link)."""
    if not hidden or "](" not in text:
        return text

    def plain(match: re.Match[str]) -> str:
        target = match.group(3).split("#", 1)[0]
        if match.group(1) or not target or SCHEME.match(target) or target.startswith("/"):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(base, target))
        return match.group(2) if resolved in hidden else match.group(0)

    return INLINE.sub(plain, text)
