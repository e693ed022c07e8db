"""The validated model as view data per page: what to show, not how. No MkDocs here.

Each kind's page is rendered from Jinja fragments (`templates/leidraad/<kind>/…`, a school's
`lokaal/templates/leidraad/…` first) into Markdown that carries the item's whole content, so search indexes it
and any renderer can show it. The metadata tells the kind's HTML template what to add around it.
"""

from __future__ import annotations

import html
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .kinds import KIND_LABELS
from .links import unlink
from .model import Item, Site, display_title, sort_key
from .render import Fragments
from .sanitize import Slots

DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when PyYAML has it

SECTION_ORDER = ("aanbevelingen", "activiteiten", "betrokkenheid", "factoren", "ouders", "tips",
                 "leerlingenbegeleiding", "leerzorgbeleid", "instrumenten", "bundels", "begrippen", "bronnen", "over")
NAV_LIMIT = 50
PART_LABEL_WORDS = 8  # "Zie ook" names a part by its first words
PROJECT = "het leidraad-project"  # who elaborated upstream's own material (never the fork's site name)


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """The page as a Markdown file with (our own, generated) front matter."""
        front = yaml.dump(self.meta, Dumper=DUMPER, allow_unicode=True, sort_keys=True, width=1000)
        return f"---\n{front}---\n\n{self.markdown.rstrip()}\n"


def rel(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def site_root(item: Item) -> str:
    """From the item's page (a directory URL) back to the site's root: '', '../' or '../../'."""
    return "../" * item.url.count("/")


def activities_of(site: Site, aanbeveling: str) -> list[Item]:
    return [a for a in site.of_kind("activiteit") if a.data.aanbeveling == aanbeveling]


# --- relations ------------------------------------------------------------------------------------

Relation = tuple[str, str]  # (item id, part id or "")


def related(site: Site) -> dict[str, list[Relation]]:
    """For each item, what it is related to ("Zie ook"): each `verwant` entry as written (with its part), the
    reverse of every entry that points at the item, and bundles that use it. Hidden items are left out."""
    links: dict[str, set[Relation]] = defaultdict(set)
    for item in site.items.values():
        for ref in getattr(item.data, "verwant", ()):
            stem, _, part = ref.partition("#")
            if stem in site.items and stem != item.stem:
                links[item.stem].add((stem, part))
                links[stem].add((item.stem, ""))
        if item.kind == "bundel":
            for blok in item.data.blokken:
                if blok.item in site.items:
                    links[blok.item].add((item.stem, ""))
    return {stem: sorted(targets, key=lambda t: (sort_key(site.items[t[0]]), _part_order(site.items[t[0]], t[1])))
            for stem, targets in links.items()}


def _part_order(item: Item, part: str) -> int:
    order = [p for p, _ in item.parts()]
    return order.index(part) if part in order else -1 if not part else len(order)


def part_label(item: Item, part: str) -> str:
    """A short label for a part: its own text, or the heading text of a body anchor."""
    for part_id, path in item.parts():
        if part_id == part:
            node: Any = item.data
            for key in path:
                node = node[key] if isinstance(key, int) else getattr(node, key)
            text = " ".join(str(getattr(node, "titel", None) or getattr(node, "tekst", None)
                                or getattr(node, "vraag", None) or getattr(node, "label", None) or part).split())
            return _first_words(text)
    for line in item.body.split("\n"):
        if "{#" + part in line and line.lstrip().startswith("#"):
            return _first_words(line.split("{", 1)[0].lstrip("#"))
    return part


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:PART_LABEL_WORDS]) + (" …" if len(words) > PART_LABEL_WORDS else "")


def see_also(site: Site, item: Item, rels: dict[str, list[Relation]], exclude: Iterable[str] = ()) -> list[dict[str,
                                                                                                                str]]:
    skip = set(exclude)
    found = []
    for stem, part in rels.get(item.stem, []):
        if stem in skip and not part:
            continue
        target = site.items[stem]
        found.append({"soort": KIND_LABELS[target.kind], "href": rel(item.page_uri, target.page_uri)
                      + (f"#{part}" if part else ""),
                      "tekst": display_title(target) + (f" › {part_label(target, part)}" if part else "")})
    return found


# --- credits --------------------------------------------------------------------------------------


def source_line(site: Site, item: Item) -> list[dict[str, str]]:
    """The item's own sources (visible ones); never a list of all sources for an item that names none."""
    out = []
    for ref in getattr(item.data, "bronnen", ()):
        if ref.bron not in site.items:
            continue  # a hidden source
        bron = site.items[ref.bron].data
        tekst = f"{bron.kort or bron.uitgever} ({bron.jaartal}), {bron.korte_titel or bron.titel}"
        out.append({"tekst": tekst + (f", {ref.deel}" if ref.deel else ""), "url": f"bronnen/#{ref.bron}"})
    return out


def main_sources(site: Site, items: Iterable[Item]) -> list[dict[str, str]]:
    """An overview credits the main source of its items (the first each names), without parts."""
    seen: dict[str, dict[str, str]] = {}
    for member in items:
        refs = [r for r in getattr(member.data, "bronnen", ()) if r.bron in site.items]
        if refs:
            bron = site.items[refs[0].bron].data
            seen.setdefault(refs[0].bron, {"tekst": f"{bron.kort or bron.uitgever} ({bron.jaartal}), "
                                                    f"{bron.korte_titel or bron.titel}",
                                           "url": f"bronnen/#{refs[0].bron}"})
    return list(seen.values())


def credit(item: Item, school: str) -> str:
    """Who elaborated this page: upstream's own work credits the project; a school's own item the school."""
    herkomst = getattr(item.data, "herkomst", "bron")
    if herkomst == "school":
        return school
    return PROJECT if herkomst == "eigen" else ""


def shown_title(site: Site, item: Item) -> str:
    """The title outside the page's heading; the partners page of a school with partners is theirs."""
    if getattr(item.data, "overzicht", None) == "partners" and site.school is not None and site.school.partners:
        return f"Lokale partners van {site.school.kort}"
    return display_title(item)


def base_meta(site: Site, item: Item, template: str, school: str, bronregel: list[dict[str, str]]) -> dict[str, Any]:
    """What Material and our HTML templates print around the body. Plain values Material prints as they are
    (title, description) are escaped here."""
    meta: dict[str, Any] = {"title": html.escape(shown_title(site, item)), "template": f"leidraad/{template}.html",
                            "soort": KIND_LABELS[item.kind], "bronregel": bronregel,
                            "herkomst": getattr(item.data, "herkomst", "bron"), "uitgewerkt": credit(item, school),
                            "id": item.stem}
    if getattr(item.data, "kort", None):
        meta["description"] = html.escape(" ".join(item.data.kort.split()), quote=True)
    return meta


# --- pages ----------------------------------------------------------------------------------------


class Pages:
    """Builds every page of a site through the kind's fragments."""

    def __init__(self, site: Site, template_dirs: Iterable[Path], *, downloads: bool = False,
                 slots: Slots | None = None, school: str = "") -> None:
        from . import views  # the per-kind view data

        self.site, self.downloads, self.school, self.views = site, downloads, school, views
        self.fragments = Fragments(template_dirs, slots)
        self.rels = related(site)
        self.hidden_uris = {h.src_uri for h in site.hidden.values()}
        self.fragments.env.filters["md"] = self._markdown

    def _markdown(self, text: str | None) -> Any:
        """A Markdown field or body on this page: links to hidden items become text, contact roles are filled."""
        from .render import markdown_field

        text = unlink(text or "", posixpath.dirname(self.fragments.page_uri), self.hidden_uris)
        return markdown_field(self.views.contacts(self.site, text, self.fragments))

    def page(self, item: Item) -> PageSpec:
        view = self.views.view(self, item)
        template, bronregel, formulier = view.pop("_template"), view.pop("_bronregel"), view.pop("_formulier")
        zoeker = view.pop("_zoeker", None)
        markdown = self.fragments.page(f"leidraad/{template}/pagina.md.j2", item.page_uri, view)
        meta = base_meta(self.site, item, "start" if template == "start" else "pagina", self.school, bronregel)
        if formulier:
            meta["formulier"] = formulier
        if zoeker:
            meta["zoeker"] = zoeker
        return PageSpec(item.page_uri, markdown + abbreviations(self.site, markdown), meta)

    def all(self) -> list[PageSpec]:
        kinds = {"pagina", "aanbeveling", "activiteit", "factor", "tipgroep", "instrument", "bundel"}
        return sorted((self.page(i) for i in self.site.items.values() if i.kind in kinds), key=lambda s: s.src_uri)


def abbreviations(site: Site, markdown: str) -> str:
    """Hover titles (abbr) for the glossary terms that occur in this page."""
    lines = []
    for term in sorted(site.begrippen):
        if term in markdown:
            begrip = site.begrippen[term]
            title = f"{begrip.voluit}: {begrip.uitleg}" if begrip.voluit else begrip.uitleg
            lines.append(f"*[{term}]: {' '.join(title.split())}")
    return ("\n\n" + "\n".join(lines)) if lines else ""


def build_pages(site: Site, template_dirs: Iterable[Path], *, downloads: bool = False, slots: Slots | None = None,
                school: str = "") -> list[PageSpec]:
    """Every generated page of the site, in a stable order (with download buttons when PDFs are built)."""
    return Pages(site, template_dirs, downloads=downloads, slots=slots, school=school).all()


def build_nav(site: Site) -> list[Any]:
    """Sidebar: home, then each section with its items when it has at most NAV_LIMIT of them. Titles are
    escaped: Material prints nav titles as they are."""
    nav: list[Any] = []
    if "index" in site.items:
        nav.append({html.escape(display_title(site.items["index"])): "index.md"})
    sections = {i.section for i in site.items.values() if i.is_index and i.section and "/" not in i.section}
    for section in sorted(sections, key=lambda s: (SECTION_ORDER.index(s) if s in SECTION_ORDER else 99, s)):
        index = next(i for i in site.items.values() if i.is_index and i.section == section)
        members = [i for i in site.items.values()
                   if not i.is_index and i.kind != "bron" and posixpath.dirname(i.page_uri) == section]
        entries: list[Any] = [f"{section}/index.md"]
        if len(members) <= NAV_LIMIT:
            entries += [{html.escape(shown_title(site, m)): m.page_uri} for m in sorted(members, key=sort_key)]
        nav.append({html.escape(display_title(index)): entries})
    return nav
