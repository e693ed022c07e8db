"""View data per kind: everything a kind's fragments show, computed once in Python (templates hold no logic)."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any

from .finder import INSTRUMENT_KINDS, finder
from .forms import form, scale_values
from .kinds import KIND_LABELS, Onderdeel
from .links import CONTACT
from .model import Item, Site, display_title, glossary_anchor, sort_key
from .pages import activities_of, main_sources, rel, see_also, site_root, source_line
from .render import Fragments
from .sheets import CATEGORY_LABELS

if TYPE_CHECKING:
    from .finder import INSTRUMENT_KINDS, finder
from .pages import Pages

METHOD_LABELS = {
    "gemiddelde": "het gemiddelde",
    "verdeling": "de verdeling over de scores",
    "telling": "het aantal keer dat elke score voorkomt",
    "aandeel": "het aandeel scores vanaf een bepaalde waarde",
}


def contacts(site: Site, text: str, fragments: Fragments) -> str:
    """`[de zorgcoördinator van je school](contact:zorgcoordinator)`: the school's person when its profile names
    one, else the neutral wording in the brackets. Rendered by `leidraad/gedeeld/contact.md.j2`."""
    if "contact:" not in text:
        return text
    people = site.school.contactpersonen if site.school else {}

    def fill(match: re.Match[str]) -> str:
        role = match.group(2)
        person = people.get(role)
        label = site.rollen[role].label if role in site.rollen else role
        return fragments.render("leidraad/gedeeld/contact.md.j2", neutraal=match.group(1), rol=label,
                                persoon=person).strip()

    return CONTACT.sub(fill, text)


def view(pages: Pages, item: Item) -> dict[str, Any]:
    site = pages.site
    formulier = form(site, item) if item.kind in ("activiteit", "tipgroep", "instrument") else None
    common: dict[str, Any] = {
        "item": item, "data": item.data, "stem": item.stem, "formulier": formulier, "_formulier": formulier,
        "deelsoort": {p["id"]: p for p in formulier["delen"]} if formulier else {},
        "schaalwaarden": {name: scale_values(schaal) for name, schaal in site.schalen.items()},
        "soort": item.kind, "soortlabel": KIND_LABELS[item.kind],
        "titel": item.data.titel, "herkomst": getattr(item.data, "herkomst", "bron"), "tekst": item.body.strip(),
        "root": site_root(item), "knoppen": _downloads(pages, item), "zie_ook": see_also(site, item, pages.rels),
        "_bronregel": source_line(site, item),
    }
    found = {**common, **BUILDERS[item.kind](pages, item)}
    found["aantal_scores"] = sum(1 for p in (formulier or {}).get("delen", []) if p["soort"] == "score")
    return found


def _downloads(pages: Pages, item: Item) -> list[dict[str, str]]:
    from .sheets import downloads

    if not pages.downloads:
        return []
    root = site_root(item)
    return [{"label": d["label"], "href": root + d["url"]} for d in downloads(pages.site, item)]


def _labels(site: Site, ids: tuple[str, ...]) -> list[str]:
    return [site.doelgroepen[g] for g in ids]


def _link(item: Item, target: Item) -> dict[str, Any]:
    return {"titel": display_title(target), "href": rel(item.page_uri, target.page_uri), "kort": target.data.kort,
            "nummer": getattr(target.data, "nummer", None)}


def _aanbeveling(pages: Pages, item: Item) -> dict[str, Any]:
    acts = activities_of(pages.site, item.stem)
    return {"_template": "aanbeveling", "activiteiten": [_link(item, a) for a in acts],
            "zie_ook": see_also(pages.site, item, pages.rels, exclude=[a.stem for a in acts])}


def _activiteit(pages: Pages, item: Item) -> dict[str, Any]:
    site, d = pages.site, item.data
    aanbeveling = site.items[d.aanbeveling]
    return {"_template": "activiteit", "aanbeveling": _link(item, aanbeveling),
            "doelgroepen": _labels(site, d.doelgroep), "werkvorm": site.werkvormen[d.werkvorm],
            "schalen": site.schalen, "zie_ook": see_also(site, item, pages.rels, exclude=[d.aanbeveling])}


def _factor(pages: Pages, item: Item) -> dict[str, Any]:
    return {"_template": "factor"}


def _tipgroep(pages: Pages, item: Item) -> dict[str, Any]:
    return {"_template": "tipgroep", "doelgroepen": _labels(pages.site, item.data.doelgroep)}


def _instrument(pages: Pages, item: Item) -> dict[str, Any]:
    d = item.data
    schaal = pages.site.schalen.get(d.schaal) if d.schaal else None
    values = scale_values(schaal) + ([{"waarde": "NO", "label": schaal.niet_observeerbaar.code,
                                       "naam": schaal.niet_observeerbaar.label}]
                                     if schaal and schaal.niet_observeerbaar else [])
    return {"_template": "instrument", "schaal": schaal, "boom": _tree(d.onderdelen, 1),
            "soortnaam": INSTRUMENT_KINDS[d.soort],
            "schaalwaarden_instrument": values,
            "verwerking": [{"titel": r.titel, "methode": METHOD_LABELS[r.soort], "vanaf": r.vanaf}
                           for r in d.scoring]}


def _tree(nodes: tuple[Onderdeel, ...], depth: int) -> list[dict[str, Any]]:
    """Heading nodes (titel) become headings, runs of statements (tekst) a list: groups in order."""
    groups: list[dict[str, Any]] = []
    for node in nodes:
        if node.titel:
            groups.append({"kop": node, "niveau": min(depth + 2, 6), "kinderen": _tree(node.onderdelen, depth + 1)})
        elif groups and "uitspraken" in groups[-1]:
            groups[-1]["uitspraken"].append(_statement(node, depth))
        else:
            groups.append({"uitspraken": [_statement(node, depth)], "diepte": depth})
    return groups


def _statement(node: Onderdeel, depth: int) -> dict[str, Any]:
    return {"node": node, "diepte": depth, "kinderen": [_statement(c, depth + 1) for c in node.onderdelen]}


def _bundel(pages: Pages, item: Item) -> dict[str, Any]:
    site, d = pages.site, item.data
    rows = []
    for blok in d.blokken:
        target = site.items.get(blok.item) if blok.item else None
        if blok.item and target is None:
            continue  # a hidden item's block is dropped from the programme
        rows.append({"tijd": blok.tijd.replace(".", ":"), "minuten": blok.minuten, "titel": blok.titel,
                     "tekst": blok.tekst, "item": _link(item, target) if target else None,
                     "soort": KIND_LABELS[target.kind].lower() if target else ""})
    return {"_template": "bundel", "doelgroepen": _labels(site, d.doelgroep), "blokken": rows,
            "duur": sum(r["minuten"] for r in rows)}


def _pagina(pages: Pages, item: Item) -> dict[str, Any]:
    site = pages.site
    found: dict[str, Any] = {"_template": "start" if item.src_uri == "index.md" else "pagina", "leden": [],
                             "literatuur": [], "begrippen": [], "partners": [], "zoeker": None, "_zoeker": None}
    school = site.school
    if item.data.overzicht == "partners" and school is not None and school.partners:
        found.update(partners=list(school.partners), tekst="", school=school.naam, titel=f"Lokale partners van "
                     f"{school.kort}", _bronregel=[], herkomst="school")
    elif item.data.overzicht == "begrippen":
        found["begrippen"] = glossary(site)
    elif item.data.overzicht == "bronnen" or (item.is_index and item.section == "bronnen"):
        found["literatuur"] = literature(site)
    elif item.is_index and item.section:
        members = [i for i in site.items.values()
                   if not i.is_index and i.kind != "bron" and posixpath.dirname(i.page_uri) == item.section]
        members = sorted(members, key=sort_key)
        found["leden"] = [_card(pages, item, m) for m in members]
        found["_template"] = "overzicht"
        found["_zoeker"] = found["zoeker"] = finder(site, members)
        if not item.data.bronnen:
            found["_bronregel"] = main_sources(site, sorted(members, key=sort_key))
    return found


def _card(pages: Pages, index: Item, member: Item) -> dict[str, Any]:
    """An overview's card: the item's link and short text, and what tells it apart, as badges."""
    site, d = pages.site, member.data
    card = {**_link(index, member), "id": member.stem, "badges": [], "knoppen": []}
    if member.kind == "activiteit":
        rec = site.items.get(d.aanbeveling)
        card["badges"] = [{"soort": "aanbeveling", "tekst": f"Aanbeveling {rec.data.nummer}: {display_title(rec)}"
                           if rec else ""},
                          {"soort": "duur", "tekst": f"{d.duur} min"},
                          {"soort": "doelgroep", "tekst": ", ".join(site.doelgroepen[g] for g in d.doelgroep)},
                          {"soort": "werkvorm", "tekst": site.werkvormen[d.werkvorm]}]
    elif member.kind == "tipgroep":
        card["badges"] = [{"soort": "categorie", "tekst": CATEGORY_LABELS[d.categorie]},
                          {"soort": "aantal", "tekst": f"{len(d.tips)} tips"}]
    elif member.kind == "instrument":
        card["badges"] = [{"soort": "soort", "tekst": INSTRUMENT_KINDS[d.soort]}]
    if pages.downloads:
        from .sheets import downloads

        root = site_root(index)
        card["knoppen"] = [{"label": k["label"], "href": root + k["url"]} for k in downloads(site, member)
                           if k["url"].endswith(".pdf")][:2]
    return card


def glossary(site: Site) -> list[dict[str, Any]]:
    return [{"term": term, "anker": glossary_anchor(term), "voluit": site.begrippen[term].voluit,
             "uitleg": site.begrippen[term].uitleg} for term in sorted(site.begrippen, key=str.lower)]


def literature(site: Site) -> list[dict[str, Any]]:
    found = []
    for item in sorted(site.of_kind("bron"), key=lambda i: (i.data.auteurs[:1], i.data.jaar or 0, i.stem)):
        bron = item.data
        found.append({"id": item.stem, "auteurs": ", ".join(bron.auteurs) if bron.auteurs else bron.uitgever,
                      "jaar": bron.jaartal, "titel": bron.titel, "uitgever": bron.uitgever, "url": bron.url})
    return found


BUILDERS = {"aanbeveling": _aanbeveling, "activiteit": _activiteit, "factor": _factor, "tipgroep": _tipgroep,
            "instrument": _instrument, "bundel": _bundel, "pagina": _pagina}
