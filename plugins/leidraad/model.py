"""The loaded site: validated items (each holding its kind's model from kinds.py), hidden ids and shared data.

Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .kinds import PART_FIELDS, Begrip, Instellingen, Onderdeel, Rol, Schaal, Synoniem

Lines = Mapping[tuple[str | int, ...], int]


def line_for(lines: Lines, path: tuple[str | int, ...]) -> int:
    """The line of a field path, or of its closest ancestor that is written in the file."""
    key = tuple(path)
    while key:
        if key in lines:
            return lines[key]
        key = key[:-1]
    return lines.get((), 1)


@dataclass(frozen=True)
class Item:
    """One validated content file."""

    stem: str
    kind: str
    src_uri: str  # path relative to the content folder, e.g. "activiteiten/x.md"
    display_path: str  # path shown to editors, e.g. "content/activiteiten/x.md"
    layer: str  # "upstream" or "lokaal"
    data: Any  # the kind's pydantic model
    body: str = ""
    body_line: int = 1
    lines: Lines = field(default_factory=dict)
    # fields whose value was written in another file: key -> (display path, its lines, path prefix there)
    origin: Mapping[str, tuple[str, Lines, tuple[str | int, ...]]] = field(default_factory=dict)

    @property
    def section(self) -> str:
        return self.src_uri.rsplit("/", 1)[0] if "/" in self.src_uri else ""

    @property
    def is_index(self) -> bool:
        return self.src_uri.endswith("index.md")

    @property
    def page_uri(self) -> str:
        """The content path of the item's page (a programme's page is generated from its .yml)."""
        return f"bundels/{self.stem}.md" if self.kind == "bundel" else self.src_uri

    @property
    def url(self) -> str:
        """The frozen address of the item's page, relative to the site root."""
        stem_path = self.src_uri.rsplit(".", 1)[0]
        if stem_path == "index":
            return ""
        if stem_path.endswith("/index"):
            return stem_path[: -len("index")]
        return stem_path + "/"

    def line(self, *path: str | int) -> int:
        """The line of a field (or of its closest written ancestor)."""
        return self.where(*path)[1]

    def where(self, *path: str | int) -> tuple[str, int]:
        """The file and line where a field is written (upstream's file for a field a school did not change)."""
        if path and str(path[0]) in self.origin:
            display, lines, prefix = self.origin[str(path[0])]
            return display, line_for(lines, (*prefix, *path))
        return self.display_path, line_for(self.lines, path)

    def parts(self) -> Iterator[tuple[str, tuple[str | int, ...]]]:
        """Every addressable part id of the item, with the field path where it is written."""
        for name in PART_FIELDS:
            for i, part in enumerate(getattr(self.data, name, ()) or ()):
                yield part.id, (name, i)
        yield from _tree_parts(getattr(self.data, "onderdelen", ()) or (), ("onderdelen",))


def _tree_parts(
    nodes: tuple[Onderdeel, ...], path: tuple[str | int, ...]
) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    for i, node in enumerate(nodes):
        yield node.id, (*path, i)
        yield from _tree_parts(node.onderdelen, (*path, i, "onderdelen"))


@dataclass(frozen=True)
class Hidden:
    """An upstream item hidden by a school's overlay."""

    stem: str
    src_uri: str
    hidden_by: str  # display path of the overlay file


@dataclass(frozen=True)
class Site:
    """Everything the pages step needs: visible items, hidden ids, shared data, static files."""

    items: Mapping[str, Item]  # by id (stem; a section index has its folder as id, the home page 'index')
    hidden: Mapping[str, Hidden]
    doelgroepen: Mapping[str, str]
    werkvormen: Mapping[str, str]
    schalen: Mapping[str, Schaal]
    static: Mapping[str, str]  # src_uri -> absolute path of files copied as they are (images, pdf)
    begrippen: Mapping[str, Begrip] = field(default_factory=dict)
    rollen: Mapping[str, Rol] = field(default_factory=dict)
    synoniemen: Mapping[str, Synoniem] = field(default_factory=dict)
    school: Any = None  # the fork's SchoolProfiel (school.py), None upstream
    instellingen: Instellingen = field(default_factory=Instellingen)

    def of_kind(self, kind: str) -> list[Item]:
        found = [i for i in self.items.values() if i.kind == kind and not i.is_index]
        return sorted(found, key=sort_key)

    def in_section(self, section: str) -> list[Item]:
        found = [i for i in self.items.values() if i.section == section and not i.is_index]
        return sorted(found, key=sort_key)


def glossary_anchor(term: str) -> str:
    """The anchor of a glossary term on the glossary page."""
    return "begrip-" + "".join(c if c.isalnum() else "-" for c in term.lower())


def display_title(item: Item) -> str:
    """The title used outside the page's own heading (sidebar, links, cards, search, browser tab)."""
    return str(getattr(item.data, "korte_titel", None) or item.data.titel)


def sort_key(item: Item) -> tuple[int, str, str]:
    nummer = getattr(item.data, "nummer", None)
    return (nummer if isinstance(nummer, int) else 10_000, item.data.titel.lower(), item.stem)
