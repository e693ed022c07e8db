"""What can be filled in on a page: one part per control, its kind and allowed values, and how it scores.

The form's description goes into the page as JSON (never fetched: a page opened from disk cannot fetch), and the
per-kind templates render the controls. A form's version is derived from its part ids: a reworded question keeps
its answers, a removed part's answers show as old answers in the browser.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .kinds import Onderdeel, Schaal
from .model import Item, Site
from .validate import scored_parts

SHORT = 10  # words of a part's text used as its label in results and the team view


def _short(text: str) -> str:
    words = " ".join(text.split()).split()
    return " ".join(words[:SHORT]) + (" …" if len(words) > SHORT else "")


def scale_values(schaal: Schaal | None) -> list[dict[str, Any]]:
    """The values a score may take, with the halves in between when the scale allows them."""
    if schaal is None:
        return []
    values = [w.waarde for w in schaal.waarden]
    labels = {w.waarde: w.label for w in schaal.waarden}
    found: list[dict[str, Any]] = []
    for i, value in enumerate(values):
        found.append({"waarde": value, "label": str(value), "naam": labels.get(value) or ""})
        if schaal.halve_scores and i + 1 < len(values) and values[i + 1] == value + 1:
            found.append({"waarde": value + 0.5, "label": f"{value},5", "naam": ""})
    return found


def form_parts(site: Site, item: Item) -> list[dict[str, Any]]:
    """Every fillable part of an item, in page order, with the kind of control it gets."""
    d = item.data
    parts: list[dict[str, Any]] = []
    if item.kind == "activiteit":
        for veld in d.invulvelden:
            part: dict[str, Any] = {"id": veld.id, "soort": veld.soort, "label": _short(veld.label)}
            if veld.soort == "aankruisvak":
                part["opties"] = list(veld.opties)
            elif veld.soort == "schaal":
                part["waarden"] = [v["waarde"] for v in scale_values(site.schalen[veld.schaal])]
            elif veld.soort == "raster":
                part["cellen"] = [f"{r}-{k}" for r in range(len(veld.rijen)) for k in range(len(veld.kolommen))]
            parts.append(part)
        parts += [{"id": v.id, "soort": "tekst", "label": _short(v.vraag)} for v in d.reflectievragen]
    elif item.kind == "tipgroep":
        parts += [{"id": t.id, "soort": "checklist", "label": _short(t.controlevraag),
                   "waarden": ["gedaan", "deels", "nog-niet"]} for t in d.tips]
    elif item.kind == "instrument":
        schaal = site.schalen.get(d.schaal) if d.schaal else None
        values = [v["waarde"] for v in scale_values(schaal)] + (["NO"] if schaal and schaal.niet_observeerbaar
                                                                 else [])
        parts += [{"id": k.id, "soort": "kort", "label": _short(k.label)} for k in d.kopvelden]
        parts += _tree_parts(d.onderdelen, values, scored=False)
        parts += [{"id": v.id, "soort": "tekst", "label": _short(v.vraag)} for v in d.open_vragen]
    return parts


def _tree_parts(nodes: tuple[Onderdeel, ...], values: list[Any], *, scored: bool) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    for node in nodes:
        label = _short(node.tekst or node.titel or node.id)
        if node.scored and values:
            parts.append({"id": node.id, "soort": "score", "label": label, "waarden": values, "code": node.code})
        elif node.tekst and scored:
            parts.append({"id": node.id, "soort": "kenmerk", "label": label})
        elif node.tekst:
            parts.append({"id": node.id, "soort": "tekst", "label": label})
        parts += _tree_parts(node.onderdelen, values, scored=node.scored and bool(values))
    return parts


def control_kinds(parts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in parts}


def _descendants(nodes: tuple[Onderdeel, ...], wanted: str, inside: bool = False) -> list[str]:
    found: list[str] = []
    for node in nodes:
        here = inside or node.id == wanted
        if here and node.scored:
            found.append(node.id)
        found += _descendants(node.onderdelen, wanted, here)
    return found


def _title_of(nodes: tuple[Onderdeel, ...], wanted: str) -> str:
    for node in nodes:
        if node.id == wanted:
            return " ".join((node.titel or node.tekst or node.id).split())
        found = _title_of(node.onderdelen, wanted)
        if found:
            return found
    return ""


def scoring(site: Site, item: Item) -> list[dict[str, Any]]:
    """Each scoring rule with its groups resolved to the scored parts they hold."""
    scored = scored_parts(item)
    rules = []
    for rule in getattr(item.data, "scoring", ()) or ():
        if rule.per:
            tree = item.data.onderdelen
            groups = [{"id": node, "titel": _title_of(tree, node), "delen": _descendants(tree, node)}
                      for node in rule.per]
        elif rule.groepen:
            groups = [{"id": g.id, "titel": g.titel, "delen": list(g.delen)} for g in rule.groepen]
        else:
            groups = [{"id": "geheel", "titel": "Alles samen", "delen": scored}]
        rules.append({"soort": rule.soort, "titel": rule.titel, "groepen": groups, "vanaf": rule.vanaf})
    return rules


def form(site: Site, item: Item) -> dict[str, Any] | None:
    """The JSON description of an item's form, or None when nothing on its page can be filled in."""
    parts = form_parts(site, item)
    if not parts:
        return None
    schaal = None
    if item.kind == "instrument" and item.data.schaal:
        schaal = site.schalen[item.data.schaal]
    elif item.kind == "activiteit":
        names = {v.schaal for v in item.data.invulvelden if v.soort == "schaal"}
        schaal = site.schalen[names.pop()] if len(names) == 1 else None
    ids = sorted(p["id"] for p in parts)
    return {
        "id": item.stem,
        "titel": " ".join(item.data.titel.split()),
        "versie": hashlib.sha256(" ".join(ids).encode()).hexdigest()[:10],
        "delen": parts,
        "scoring": scoring(site, item),
        "schaal": {"waarden": scale_values(schaal),
                   "no": schaal.niet_observeerbaar.code if schaal and schaal.niet_observeerbaar else ""},
        "anoniem": bool(getattr(item.data, "anoniem", False)),
        "minimum": site.instellingen.minimum_per_rol,
        "respondenten": dict(site.instellingen.respondenten),
        "blad": item.stem,
    }
