"""The finder on an overview: facets with their options, and per card the values it has, as view data and JSON.

Activities: recommendation, audience, working form, duration, with whom; tips: category, audience; instruments:
kind. A school's own items appear automatically: the facets are computed from whatever the section holds.
"""

from __future__ import annotations

from typing import Any

from .model import Item, Site, display_title
from .sheets import CATEGORY_LABELS

WITH_WHOM = {"alleen": "Alleen", "collega": "Met een collega", "team": "Met het team"}
DURATION = (("kort", "Tot 30 minuten", 0, 30), ("middel", "31 tot 60 minuten", 31, 60),
            ("lang", "Meer dan 60 minuten", 61, 10_000))
INSTRUMENT_KINDS = {"observatie": "Observatie", "vragenlijst": "Vragenlijst", "zelfscan": "Zelfscan",
                    "reflectie": "Reflectie"}


def _duration(minutes: int) -> str:
    return next(key for key, _, low, high in DURATION if low <= minutes <= high)


def card_values(site: Site, item: Item) -> dict[str, list[str]]:
    d = item.data
    if item.kind == "activiteit":
        return {"aanbeveling": [d.aanbeveling], "doelgroep": list(d.doelgroep), "werkvorm": [d.werkvorm],
                "duur": [_duration(d.duur)], "met_wie": list(d.met_wie)}
    if item.kind == "tipgroep":
        return {"categorie": [d.categorie], "doelgroep": list(d.doelgroep)}
    if item.kind == "instrument":
        return {"soort": [d.soort]}
    return {}


def facets(site: Site, members: list[Item]) -> list[dict[str, Any]]:
    """The facets of a section, with only the options its items use, in a stable order."""
    kinds = {m.kind for m in members}
    recs = {a.stem: a for a in site.of_kind("aanbeveling")}
    if kinds == {"activiteit"}:
        spec = [("aanbeveling", "Aanbeveling", {k: f"{r.data.nummer}. {display_title(r)}" for k, r in recs.items()}),
                ("met_wie", "Met wie", WITH_WHOM), ("duur", "Duur", {k: label for k, label, _, _ in DURATION}),
                ("doelgroep", "Voor wie", dict(site.doelgroepen)), ("werkvorm", "Werkvorm", dict(site.werkvormen))]
    elif kinds == {"tipgroep"}:
        spec = [("categorie", "Soort contact", CATEGORY_LABELS), ("doelgroep", "Voor wie", dict(site.doelgroepen))]
    elif kinds == {"instrument"}:
        spec = [("soort", "Soort instrument", INSTRUMENT_KINDS)]
    else:
        return []
    used = [card_values(site, m) for m in members]
    found = []
    for key, label, options in spec:
        present = {v for values in used for v in values.get(key, [])}
        choices = [{"waarde": k, "label": v} for k, v in options.items() if k in present]
        if len(choices) > 1:
            found.append({"id": key, "label": label, "opties": choices})
    return found


def finder(site: Site, members: list[Item]) -> dict[str, Any] | None:
    found = facets(site, members)
    if not found:
        return None
    return {"facetten": found, "kaarten": {m.stem: card_values(site, m) for m in members}}
