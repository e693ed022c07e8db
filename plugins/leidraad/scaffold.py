"""Files a school writes with a command: its profile, an override of one field, a confirmed fingerprint.

`leidraad override <pad> <veld>…` writes lokaal/content/<pad> with the current upstream values of those fields
(to edit) and, as comments, what upstream said; `leidraad confirm <pad>` records the upstream values an override
now builds on, so `leidraad check` stops pointing at a change the school has seen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from . import overlay
from .problems import Problem
from .reading import RawItem, read_raw, split_front_matter
from .school import PROFILE, SCHEMA
from .sources import LOKAAL, UPSTREAM, Layers, SourceFile, kind_of

DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
BASIS_BLOCK = re.compile(r"^basis:[ \t]*(?:\n(?:[ \t]+.*|[ \t]*))*(?=\n|\Z)", re.MULTILINE)

PROFILE_TEMPLATE = """\
# yaml-language-server: $schema=../{schema}
# Het profiel van je school: het enige bestand dat een school moet schrijven. Vul in, bewaar, en bouw met
# `make site`. Een editor met YAML-ondersteuning (bv. VS Code met de YAML-extensie) vult de velden aan.
naam: "Naam van je school"
korte_naam: "Korte naam"
# Het publieke adres van jullie site, eindigend op '/'. QR-codes op papier verwijzen hiernaar.
adres: "https://jullie-school.github.io/leidraad/"
# Een logo in lokaal/ (png, jpg of webp); laat weg als je er geen hebt.
# logo: logo.png
# De hoofdkleur als #rrggbb; donker genoeg voor witte tekst (de bouw controleert het contrast).
# kleur: "#1a4d8f"
# Per rol (zie content/_data/rollen.yml) wie ouders en collega's aanspreken.
contactpersonen:
  zorgcoordinator:
    naam: "Voornaam Naam"
    email: "zorg@jullie-school.be"
    # telefoon: "014 12 34 56"
    # bereikbaar: "lokaal 12, maandag en donderdag"
# Organisaties in jullie buurt; ze vervangen de voorbeeldpagina 'lokale partners'.
partners: []
#  - naam: "Huis van het Nederlands"
#    url: "https://www.example.org/"
#    omschrijving: "Helpt ouders een cursus Nederlands te vinden."
# voetregel: "Een regel onderaan elk printblad"
"""


def write_profile(root: Path) -> str:
    target = root / "lokaal" / PROFILE
    if target.exists():
        return f"lokaal/{PROFILE} bestaat al; pas het daar aan"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PROFILE_TEMPLATE.format(schema=SCHEMA.as_posix()), encoding="utf-8")
    return f"Nieuw bestand: lokaal/{PROFILE} (vul het in en bouw met `make site`)"


def _sources(layers: Layers, uri: str) -> tuple[SourceFile, SourceFile | None]:
    upstream = SourceFile(uri, layers.content / uri, UPSTREAM, layers.display(layers.content / uri))
    own_path = layers.overlay / uri
    own = SourceFile(uri, own_path, LOKAAL, layers.display(own_path), upstream) if own_path.exists() else None
    return upstream, own


def _read(source: SourceFile) -> RawItem:
    problems: list[Problem] = []
    raw = read_raw(source, kind_of(source.src_uri) or "pagina", problems)
    if raw is None:
        raise ValueError("; ".join(str(p) for p in problems))
    return raw


def override(root: Path, path: str, fields: list[str], whole: bool) -> str:
    """Scaffold an overlay file for one upstream item, holding the named fields (or the whole file)."""
    layers = Layers.at(root)
    uri = path.removeprefix("lokaal/").removeprefix("content/")
    upstream, own = _sources(layers, uri)
    if not upstream.path.is_file():
        return f"er is geen upstream-bestand content/{uri}"
    if own is not None:
        return f"{own.display} bestaat al; pas het daar aan (en bevestig met `leidraad confirm {own.display}`)"
    base = _read(upstream)
    if whole:
        data: dict[str, Any] = {"vervangt": True, **base.data}
        body = base.body
    else:
        data, body = {}, ""
        for name in fields:
            key, _, rest = name.partition("#")
            if key == overlay.BODY:
                body = base.body
            elif rest:
                part_id, _, field = rest.partition(".")
                part = _find(base.data.get(key), part_id)
                if part is None:
                    return f"content/{uri} heeft geen deel '{part_id}' in '{key}'"
                data.setdefault(key, []).append({"id": part_id, **({field: part.get(field)} if field else
                                                                    {k: v for k, v in part.items() if k != "id"})})
            elif key in base.data:
                data[key] = base.data[key]
            else:
                return f"content/{uri} heeft geen veld '{key}'"
    target = layers.overlay / uri
    target.parent.mkdir(parents=True, exist_ok=True)
    text = _compose(uri, data, body, fields, base)
    target.write_text(text, encoding="utf-8")
    confirm(root, layers.display(target))
    return f"Nieuw bestand: {layers.display(target)}; pas de waarden aan, de rest blijft van upstream komen"


def _find(parts: Any, part_id: str) -> dict[str, Any] | None:
    for part in parts or []:
        if isinstance(part, dict):
            if part.get("id") == part_id:
                return part
            found = _find(part.get("onderdelen"), part_id)
            if found is not None:
                return found
    return None


def _compose(uri: str, data: dict[str, Any], body: str, fields: list[str], base: RawItem) -> str:
    what = "het hele bestand (vervangt: true)" if data.get("vervangt") else ", ".join(fields)
    comments = [f"# Aanpassing van content/{uri} door de school: {what}.",
                "# Alleen wat hieronder staat vervangt upstream; al de rest komt van upstream en volgt zijn",
                "# verbeteringen. Verandert upstream later iets wat je hier overschrijft, dan wijst",
                "# `leidraad check` je erop; neem over wat je wilt en bevestig met `leidraad confirm`.",
                "# Zo stond het upstream toen dit bestand gemaakt werd:"]
    for key, value in data.items():
        if key != "vervangt":
            for line in yaml.dump({key: value}, Dumper=DUMPER, allow_unicode=True, width=110).splitlines():
                comments.append(f"#   {line}")
    front = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=110) if data else ""
    header = "\n".join(comments) + "\n" + front
    if uri.endswith(".md"):
        return f"---\n{header}---\n{body}"
    return header


def confirm(root: Path, path: str) -> str:
    """Record, in the override's `basis:`, the upstream values it now builds on."""
    layers = Layers.at(root)
    uri = path.removeprefix("lokaal/content/").removeprefix("content/")
    upstream, own = _sources(layers, uri)
    if own is None:
        return f"er is geen bestand lokaal/content/{uri} om te bevestigen"
    if not upstream.path.is_file():
        return f"{own.display} is een eigen item van de school (geen upstream-bestand); er valt niets te bevestigen"
    base, mine = _read(upstream), _read(own)
    if overlay.is_hide(mine):
        return f"{own.display} verbergt het item; er valt niets te bevestigen"
    _, overrides = overlay.merge(base, mine)
    block = yaml.dump({"basis": overlay.basis_block(overrides)}, Dumper=DUMPER, sort_keys=True).rstrip("\n")
    text = own.path.read_text(encoding="utf-8")
    if uri.endswith(".md"):
        front, _, _ = split_front_matter(text)
        if front is None:
            return f"{own.display} heeft geen kop tussen '---'-lijnen"
        start = text.index("\n") + 1  # the front matter starts after the opening '---' line
        text = text[:start] + _with_basis(front, block) + text[start + len(front):]
    else:
        text = _with_basis(text, block)
    own.path.write_text(text, encoding="utf-8")
    return f"Bevestigd: {own.display} bouwt nu verder op de huidige upstream-versie ({len(overrides)} veld(en))"


def _with_basis(front: str, block: str) -> str:
    if BASIS_BLOCK.search(front):
        return BASIS_BLOCK.sub(lambda _: block, front, count=1)
    return front.rstrip("\n") + "\n" + block + "\n"
