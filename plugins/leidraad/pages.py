"""Turn the validated model into plain page specs: (path, Markdown, metadata). No MkDocs here.

The Markdown carries the item's whole content, so search indexes it and any renderer can show it;
the metadata tells the kind's template what to add around it (kind label, source line, licence).
"""

from __future__ import annotations

import html
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import KIND_LABELS, Bron, Item, Onderdeel, Site, display_title, sort_key

DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when PyYAML has it

SECTION_ORDER = (
    "aanbevelingen",
    "activiteiten",
    "betrokkenheid",
    "factoren",
    "ouders",
    "tips",
    "leerlingenbegeleiding",
    "leerzorgbeleid",
    "instrumenten",
    "bundels",
    "begrippen",
    "bronnen",
    "over",
)
NAV_LIMIT = 50
PART_LABEL_WORDS = 8  # "Zie ook" names a part by its first words
LITERATURE = "bronnen/index.md"


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """The page as a Markdown file with (our own, generated) front matter."""
        front = yaml.dump(self.meta, Dumper=DUMPER, allow_unicode=True, sort_keys=True, width=1000)
        return f"---\n{front}---\n\n{self.markdown.rstrip()}\n"


def heading(item: Item) -> str:
    """The page's h1: the full title. Its text is kept out of the search index (Material then titles the
    page's first section with the display title), but the section itself and its text stay searchable."""
    return f'<h1 id="ld-titel"><span data-search-exclude>{html.escape(item.data.titel)}</span></h1>\n'


def page_uri(item: Item) -> str:
    if item.kind == "bundel":
        return f"bundels/{item.stem}.md"
    return item.src_uri


def rel(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def eigen(part: Any) -> str:
    return ' <span class="ld-eigen">eigen uitwerking</span>' if getattr(part, "herkomst", "bron") == "eigen" else ""


# --- relations ------------------------------------------------------------------------------------


Relation = tuple[str, str]  # (item id, part id or "")


def related(site: Site) -> dict[str, list[Relation]]:
    """For each item, what it is related to ("Zie ook"): each `verwant` entry as written (with its part), the
    reverse of every entry that points at the item (to the whole item that wrote it), and bundles that use it."""
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
            words = text.split()
            return text if len(words) <= PART_LABEL_WORDS else " ".join(words[:PART_LABEL_WORDS]) + " …"
    for line in item.body.split("\n"):
        if "{#" + part in line and line.lstrip().startswith("#"):
            words = line.split("{", 1)[0].lstrip("#").split()
            return " ".join(words[:PART_LABEL_WORDS]) + (" …" if len(words) > PART_LABEL_WORDS else "")
    return part


def activities_of(site: Site, aanbeveling: str) -> list[Item]:
    return [a for a in site.of_kind("activiteit") if a.data.aanbeveling == aanbeveling]


# --- source line ---------------------------------------------------------------------------------


def source_line(site: Site, item: Item | None) -> list[dict[str, str]]:
    refs = list(getattr(item.data, "bronnen", ())) if item else []
    out = []
    if refs:
        for ref in refs:
            bron = site.items[ref.bron].data
            tekst = f"{bron.kort or bron.uitgever} ({bron.jaartal}), {bron.korte_titel or bron.titel}"
            if ref.deel:
                tekst += f", {ref.deel}"
            out.append({"tekst": tekst, "url": f"bronnen/#{ref.bron}"})
        return out
    for bron_item in site.of_kind("bron"):
        bron = bron_item.data
        out.append(
            {
                "tekst": f"{bron.kort or bron.uitgever} ({bron.jaartal}), {bron.korte_titel or bron.titel}",
                "url": f"bronnen/#{bron_item.stem}",
            }
        )
    return out


def base_meta(site: Site, item: Item, template: str) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": display_title(item),
        "template": f"leidraad/{template}.html",
        "soort": KIND_LABELS[item.kind],
        "bronregel": source_line(site, item),
        "herkomst": getattr(item.data, "herkomst", "bron"),
        "id": item.stem,
    }
    if getattr(item.data, "kort", None):
        meta["description"] = item.data.kort
    if getattr(item.data, "trefwoorden", ()):
        meta["tags"] = list(item.data.trefwoorden)
    return meta


# --- fragments -----------------------------------------------------------------------------------


def facts(rows: Iterable[tuple[str, str]]) -> str:
    lines = ['<dl class="ld-feiten" markdown="1">']
    for label, value in rows:
        if value:
            lines.append(f"<dt>{html.escape(label)}</dt>")
            lines.append(f'<dd markdown="span">{value}</dd>')
    lines.append("</dl>")
    return "\n".join(lines)


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {text}" for text in items)


def id_list(parts: Iterable[Any], text_attr: str, css: str, ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    lines = [f'<{tag} class="{css}" markdown="1">']
    for part in parts:
        lines.append(f'<li id="{attr(part.id)}" markdown="span">{getattr(part, text_attr)}{eigen(part)}</li>')
    lines.append(f"</{tag}>")
    return "\n".join(lines)


def see_also(site: Site, item: Item, rels: dict[str, list[Relation]], exclude: Iterable[str] = ()) -> str:
    skip = set(exclude)
    targets = [(site.items[stem], part) for stem, part in rels.get(item.stem, []) if stem not in skip or part]
    if not targets:
        return ""
    lines = ["", "## Zie ook {#ld-zie-ook}", "", '<ul class="ld-zie-ook" markdown="1">']
    for target, part in targets:
        label = KIND_LABELS[target.kind]
        href = rel(page_uri(item), page_uri(target)) + (f"#{part}" if part else "")
        text = display_title(target) + (f" › {part_label(target, part)}" if part else "")
        lines.append(f'<li markdown="span">{label}: [{text}]({href})</li>')
    lines.append("</ul>")
    return "\n".join(lines)


def link(item: Item, target: Item) -> str:
    return f"[{display_title(target)}]({rel(page_uri(item), page_uri(target))})"


# --- one function per kind -----------------------------------------------------------------------


def aanbeveling_page(site: Site, item: Item, rels: dict[str, list[Relation]]) -> PageSpec:
    d = item.data
    parts = [f'!!! kern "Kernboodschap"\n\n    {d.kernboodschap}\n']
    if d.samenvatting:
        parts.append("## In het kort {#ld-in-het-kort}\n\n" + bullet_list(d.samenvatting) + "\n")
    parts.append(item.body.strip() + "\n")
    acts = activities_of(site, item.stem)
    if acts:
        parts.append("## Activiteiten bij deze aanbeveling {#ld-activiteiten}\n")
        parts.append("\n".join(f"- {link(item, a)}" + (f" — {a.data.kort}" if a.data.kort else "") for a in acts))
    parts.append(see_also(site, item, rels, exclude=[a.stem for a in acts]))
    meta = base_meta(site, item, "aanbeveling")
    meta["nummer"] = d.nummer
    return PageSpec(page_uri(item), "\n".join(parts), meta)


def invulveld_preview(site: Site, veld: Any) -> str:
    label = (
        f'<p class="ld-veld__label" id="{attr(veld.id)}"><strong>{html.escape(veld.label)}</strong>{eigen(veld)}</p>'
    )
    if veld.soort in ("tekst", "regels"):
        count = veld.regels or 3
        css = "ld-schrijfvak" if veld.soort == "tekst" else "ld-lijnen"
        body = f'<div class="{css}" style="--ld-regels: {count}" aria-hidden="true"></div>'
    elif veld.soort == "aankruisvak":
        body = (
            '<ul class="ld-aankruis">'
            + "".join(
                f'<li><span class="ld-vakje" aria-hidden="true"></span> {html.escape(o)}</li>' for o in veld.opties
            )
            + "</ul>"
        )
    elif veld.soort == "schaal":
        schaal = site.schalen[veld.schaal]
        body = (
            '<ul class="ld-schaal">'
            + "".join(
                f'<li><span class="ld-rondje" aria-hidden="true"></span> {w.waarde}'
                + (f" – {html.escape(w.label)}" if w.label else "")
                + "</li>"
                for w in schaal.waarden
            )
            + "</ul>"
        )
    else:
        head = "".join(f'<th scope="col">{html.escape(k)}</th>' for k in veld.kolommen)
        rows = "".join(
            f'<tr><th scope="row">{html.escape(r)}</th>' + "<td></td>" * len(veld.kolommen) + "</tr>"
            for r in veld.rijen
        )
        body = f'<table class="ld-raster"><thead><tr><td></td>{head}</tr></thead><tbody>{rows}</tbody></table>'
    return f'<div class="ld-veld ld-veld--{veld.soort}">\n{label}\n{body}\n</div>'


def activiteit_page(site: Site, item: Item, rels: dict[str, list[Relation]]) -> PageSpec:
    d = item.data
    aanbeveling = site.items[d.aanbeveling]
    rows = [
        ("Aanbeveling", f"{aanbeveling.data.nummer}. {link(item, aanbeveling)}"),
        ("Doel", d.doel),
        ("Doelgroep", ", ".join(site.doelgroepen[g] for g in d.doelgroep)),
        ("Werkvorm", site.werkvormen[d.werkvorm]),
        ("Duur", f"{d.duur} minuten"),
        ("Spreiding", d.spreiding or ""),
    ]
    parts = [facts(rows), ""]
    if d.materiaal:
        parts += ["## Materiaal {#ld-materiaal}", "", bullet_list(d.materiaal), ""]
    if d.voorbereiding:
        parts += ["## Voorbereiding {#ld-voorbereiding}", "", bullet_list(d.voorbereiding), ""]
    parts += ["## Stappen {#ld-stappen}", "", '<ol class="ld-stappen" markdown="1">']
    for stap in d.stappen:
        parts.append(
            f'<li id="{attr(stap.id)}" markdown="span">{stap.tekst} '
            f'<span class="ld-minuten">({stap.minuten} min)</span>{eigen(stap)}</li>'
        )
    parts += ["</ol>", ""]
    if d.reflectievragen:
        parts += [
            "## Reflectievragen {#ld-reflectievragen}",
            "",
            id_list(d.reflectievragen, "vraag", "ld-vragen", ordered=True),
            "",
        ]
    if d.invulvelden:
        parts += [
            "## Invulvelden {#ld-invulvelden}",
            "",
            "Deze velden staan als schrijfruimte op het deelnemersblad.",
            "",
        ]
        parts += [invulveld_preview(site, veld) + "\n" for veld in d.invulvelden]
    if d.begeleidersnotities:
        notes = "\n".join("    " + line if line else "" for line in d.begeleidersnotities.strip().split("\n"))
        parts += ['??? begeleider "Notities voor de begeleider"', "", notes, ""]
    if item.body.strip():
        parts += [item.body.strip(), ""]
    parts.append(see_also(site, item, rels, exclude=[d.aanbeveling]))
    meta = base_meta(site, item, "activiteit")
    return PageSpec(page_uri(item), "\n".join(parts), meta)


def factor_page(site: Site, item: Item, rels: dict[str, list[Relation]]) -> PageSpec:
    d = item.data
    parts = [f'!!! kern "Kernboodschap"\n\n    {d.kernboodschap}\n', item.body.strip(), ""]
    if d.kenmerken:
        parts += ["## Kenmerken {#ld-kenmerken}", "", id_list(d.kenmerken, "tekst", "ld-kenmerken"), ""]
    if d.tips:
        parts += ["## Tips {#ld-tips}", "", id_list(d.tips, "tekst", "ld-tips"), ""]
    parts.append(see_also(site, item, rels))
    meta = base_meta(site, item, "factor")
    meta["nummer"] = d.nummer
    return PageSpec(page_uri(item), "\n".join(parts), meta)


def tipgroep_page(site: Site, item: Item, rels: dict[str, list[Relation]]) -> PageSpec:
    d = item.data
    rows = [("Doelgroep", ", ".join(site.doelgroepen[g] for g in d.doelgroep))]
    parts = [facts(rows), "", item.body.strip(), "", "## Tips {#ld-tips}", "", '<ol class="ld-tips" markdown="1">']
    for tip in d.tips:
        parts.append(f'<li id="{attr(tip.id)}" markdown="span">{tip.tekst}{eigen(tip)}</li>')
    parts += [
        "</ol>",
        "",
        "## Checklist {#ld-checklist}",
        "",
        "Ga na of jullie school dit al doet. De checklist volgt de tips hierboven.",
        "",
        '<ul class="ld-checklist" markdown="1">',
    ]
    for tip in d.tips:
        parts.append(f'<li markdown="span"><span class="ld-vakje" aria-hidden="true"></span> {tip.controlevraag}</li>')
    parts += ["</ul>", ""]
    parts.append(see_also(site, item, rels))
    return PageSpec(page_uri(item), "\n".join(parts), base_meta(site, item, "tipgroep"))


def _tree(nodes: tuple[Onderdeel, ...], depth: int) -> list[str]:
    """An instrument's tree: heading nodes (titel) become headings, statements (tekst) list items."""
    lines: list[str] = []
    statements: list[Onderdeel] = []

    def flush() -> None:
        if statements:
            lines.extend(_statements(statements, depth))
            lines.append("")
            statements.clear()

    for node in nodes:
        if node.titel:
            flush()
            level = min(depth + 2, 6)  # an HTML heading: in the page and in search, not in the table of contents
            lines += ["", f'<h{level} id="{attr(node.id)}">{html.escape(node.titel)}{eigen(node)}</h{level}>', ""]
            lines += _tree(node.onderdelen, depth + 1)
        else:
            statements.append(node)
    flush()
    return lines


def _statements(nodes: list[Onderdeel] | tuple[Onderdeel, ...], depth: int) -> list[str]:
    lines = [f'<ul class="ld-onderdelen ld-niveau-{depth}" markdown="1">']
    for node in nodes:
        lines.append(f'<li id="{attr(node.id)}" markdown="1">')
        lines.append(f'<span markdown="span">{node.tekst or node.titel}{eigen(node)}</span>')
        if node.onderdelen:
            lines += _statements(node.onderdelen, depth + 1)
        lines.append("</li>")
    lines.append("</ul>")
    return lines


METHOD_LABELS = {
    "gemiddelde": "het gemiddelde",
    "verdeling": "de verdeling over de scores",
    "telling": "het aantal keer dat elke score voorkomt",
}


def instrument_page(site: Site, item: Item, rels: dict[str, list[Relation]]) -> PageSpec:
    d = item.data
    parts: list[str] = []
    if d.privacy:
        parts += [f'!!! privacy "Privacy"\n\n    {d.privacy}\n']
    parts += [item.body.strip(), ""]
    if d.kopvelden:
        parts += [
            "## Gegevens bovenaan het formulier {#ld-kopvelden}",
            "",
            id_list(d.kopvelden, "label", "ld-kopvelden"),
            "",
        ]
    if d.schaal:
        schaal = site.schalen[d.schaal]
        parts += [f"## Schaal: {schaal.titel} {{#ld-schaal}}", "", "| Score | Label | Betekenis |", "|---|---|---|"]
        for w in schaal.waarden:
            parts.append(f"| {w.waarde} | {w.label or ''} | {(w.betekenis or '').replace('|', '/')} |")
        if schaal.niet_observeerbaar:
            no = schaal.niet_observeerbaar
            parts.append(f"| {no.code} | {no.label} | telt niet mee in de berekening |")
        parts.append("")
    if d.onderdelen:
        parts += ["## Onderdelen {#ld-onderdelen}", "", *_tree(d.onderdelen, 1), ""]
    if d.open_vragen:
        parts += ["## Open vragen {#ld-open-vragen}", "", id_list(d.open_vragen, "vraag", "ld-vragen", True), ""]
    if d.scoring:
        parts += ["## Verwerking {#ld-verwerking}", ""]
        parts += [f"- Per {niveau}: {METHOD_LABELS[methode]}." for niveau, methode in d.scoring.items()]
        parts.append("")
    parts.append(see_also(site, item, rels))
    meta = base_meta(site, item, "instrument")
    return PageSpec(page_uri(item), "\n".join(parts), meta)


def bundel_page(site: Site, item: Item, rels: dict[str, list[Relation]]) -> PageSpec:
    d = item.data
    rows = [
        ("Doelgroep", ", ".join(site.doelgroepen[g] for g in d.doelgroep)),
        ("Duur", f"{sum(b.minuten for b in d.blokken)} minuten"),
    ]
    parts = [
        facts(rows),
        "",
        item.body.strip(),
        "",
        "## Programma {#ld-programma}",
        "",
        "| Tijd | Duur | Onderdeel |",
        "|---|---|---|",
    ]
    for blok in d.blokken:
        what = blok.titel.replace("|", "/")
        if blok.item:
            target = site.items[blok.item]
            what += f" — {KIND_LABELS[target.kind].lower()}: {link(item, target)}"
        elif blok.tekst:
            what += f" — {blok.tekst.replace('|', '/')}"
        parts.append(f"| {blok.tijd.replace('.', ':')} | {blok.minuten} min | {what} |")
    parts.append("")
    return PageSpec(page_uri(item), "\n".join(parts), base_meta(site, item, "bundel"))


def pagina_page(site: Site, item: Item, rels: dict[str, list[Relation]]) -> PageSpec:
    parts = [item.body.strip(), ""]
    if item.data.overzicht == "begrippen":
        parts.append(glossary(site))
    elif item.data.overzicht == "bronnen" or (item.is_index and item.section == "bronnen"):
        parts.append(literature(site))
    elif item.is_index and item.section:
        parts.append(overview(site, item))
    parts.append(see_also(site, item, rels))
    template = "start" if item.src_uri == "index.md" else ("overzicht" if item.is_index else "pagina")
    return PageSpec(page_uri(item), "\n".join(parts), base_meta(site, item, template))


def overview(site: Site, index: Item) -> str:
    members = [i for i in site.items.values() if not i.is_index and posixpath.dirname(page_uri(i)) == index.section]
    members.sort(key=sort_key)
    if not members:
        return ""
    lines = ['<div class="grid cards ld-overzicht" markdown="1">', ""]
    for member in members:
        nummer = getattr(member.data, "nummer", None)
        title = f"{nummer}. {display_title(member)}" if isinstance(nummer, int) else display_title(member)
        lines.append(f"-   **[{title}]({rel(index.src_uri, page_uri(member))})**")
        if member.data.kort:
            lines += ["", f"    {member.data.kort}"]
        lines.append("")
    lines.append("</div>")
    return "\n".join(lines)


def bibliographic(bron: Bron) -> str:
    authors = ", ".join(bron.auteurs) if bron.auteurs else bron.uitgever
    text = f"{authors} ({bron.jaartal}). *{bron.titel}*. {bron.uitgever}."
    if bron.url:
        text += f" <{bron.url}>"
    return text


def literature(site: Site) -> str:
    # the entries' titles are the sources' own; the search index lists the sources under this page's title
    lines = ['<ul class="ld-literatuur" data-search-exclude markdown="1">']
    for item in sorted(site.of_kind("bron"), key=lambda i: (i.data.auteurs[:1], i.data.jaar or 0, i.stem)):
        lines.append(f'<li id="{attr(item.stem)}" markdown="span">{bibliographic(item.data)}</li>')
    lines.append("</ul>")
    return "\n".join(lines)


def glossary(site: Site) -> str:
    lines = ['<dl class="ld-begrippen" markdown="1">']
    for term in sorted(site.begrippen, key=str.lower):
        begrip = site.begrippen[term]
        anchor = "begrip-" + "".join(c if c.isalnum() else "-" for c in term.lower())
        voluit = f" ({html.escape(begrip.voluit)})" if begrip.voluit else ""
        lines.append(f'<dt id="{attr(anchor)}">{html.escape(term)}{voluit}</dt>')
        lines.append(f'<dd markdown="span">{begrip.uitleg}</dd>')
    lines.append("</dl>")
    return "\n".join(lines)


def abbreviations(site: Site, markdown: str) -> str:
    """Hover titles (abbr) for the glossary terms that occur in this page."""
    lines = []
    for term in sorted(site.begrippen):
        if term in markdown:
            begrip = site.begrippen[term]
            title = f"{begrip.voluit}: {begrip.uitleg}" if begrip.voluit else begrip.uitleg
            lines.append(f"*[{term}]: {' '.join(title.split())}")
    return ("\n\n" + "\n".join(lines)) if lines else ""


BUILDERS = {
    "pagina": pagina_page,
    "aanbeveling": aanbeveling_page,
    "activiteit": activiteit_page,
    "factor": factor_page,
    "tipgroep": tipgroep_page,
    "instrument": instrument_page,
    "bundel": bundel_page,
}


def build_pages(site: Site, *, downloads: bool = False) -> list[PageSpec]:
    """Every generated page of the site, in a stable order (with download buttons when PDFs are built)."""
    from .sheets import downloads as downloads_of

    rels = related(site)
    specs = []
    for item in site.items.values():
        if item.kind in BUILDERS:
            spec = BUILDERS[item.kind](site, item, rels)
            if downloads and (found := downloads_of(site, item)):
                spec.meta["downloads"] = found
            markdown = heading(item) + "\n" + spec.markdown
            specs.append(PageSpec(spec.src_uri, markdown + abbreviations(site, markdown), spec.meta))
    return sorted(specs, key=lambda s: s.src_uri)


def build_nav(site: Site) -> list[Any]:
    """Sidebar: home, then each section with its items when it has at most NAV_LIMIT of them."""
    nav: list[Any] = []
    if "index" in site.items:
        nav.append({display_title(site.items["index"]): "index.md"})
    sections = {i.section for i in site.items.values() if i.is_index and i.section and "/" not in i.section}
    for section in sorted(sections, key=lambda s: (SECTION_ORDER.index(s) if s in SECTION_ORDER else 99, s)):
        index = next(i for i in site.items.values() if i.is_index and i.section == section)
        members = [
            i
            for i in site.items.values()
            if not i.is_index and i.kind != "bron" and posixpath.dirname(page_uri(i)) == section
        ]
        entries: list[Any] = [f"{section}/index.md"]
        if len(members) <= NAV_LIMIT:
            entries += [{display_title(m): page_uri(m)} for m in sorted(members, key=sort_key)]
        nav.append({display_title(index): entries})
    return nav
