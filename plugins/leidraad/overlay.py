"""A school's overlay file over an upstream item: hide it, amend it field by field, or replace it whole.

Amending (the default): fields replace by key; lists of parts merge by part id (a part with an existing id has
its fields replaced, `{id: x, verborgen: true}` hides it, a new id follows its predecessor in the overlay's list);
the body is replaced only when the overlay has one. `vervangt: true` replaces the whole file.

An override remembers what upstream said when it was written: `basis:` holds a fingerprint per overridden path
(`doel`, `stappen#opening.tekst`, `inhoud` for the body, `bestand` for a whole file). When upstream's value no
longer matches, `leidraad check` warns until the school confirms (`leidraad confirm`). No git history needed.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from .kinds import PART_FIELDS
from .problems import Problem
from .reading import RawItem
from .yamlread import Path_

CONTROL_KEYS = ("vervangt", "basis")
PART_LISTS = (*PART_FIELDS, "onderdelen")
BODY = "inhoud"
WHOLE = "bestand"
UPSTREAM_LABEL = "upstream"
LOKAAL_LABEL = "lokaal"


def fingerprint(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def is_hide(raw: RawItem) -> bool:
    return raw.data.get("verborgen") is True


@dataclass
class Override:
    """One path an overlay overrides, with upstream's value now (None when upstream no longer has it)."""

    path: str
    upstream: Any
    exists: bool


def replaces_whole(raw: RawItem) -> bool:
    return raw.data.get("vervangt") is True


def merge(upstream: RawItem, overlay: RawItem) -> tuple[RawItem, list[Override]]:
    """The item the site shows, and the paths the overlay overrides (for fingerprints and explain)."""
    if replaces_whole(overlay):
        merged = RawItem(overlay.source, overlay.kind, overlay.stem, _without_control(overlay.data), overlay.lines,
                         overlay.body, overlay.body_line)
        merged.layers_of = {"*": LOKAAL_LABEL}
        return merged, [Override(WHOLE, whole_value(upstream), True)]
    data = copy.deepcopy(upstream.data)
    overrides: list[Override] = []
    layers_of = {key: UPSTREAM_LABEL for key in data}
    origin: dict[str, tuple[str, dict[Path_, int], tuple[str | int, ...]]] = {
        key: (upstream.source.display, upstream.lines, ()) for key in data}
    for key, value in _without_control(overlay.data).items():
        layers_of[key] = LOKAAL_LABEL
        origin.pop(key, None)
        if key in PART_LISTS and isinstance(value, list) and isinstance(data.get(key), list):
            data[key] = _merge_parts(data[key], value, key, overrides, layers_of)
        else:
            overrides.append(Override(key, upstream.data.get(key), key in upstream.data))
            data[key] = value
    body, body_line = upstream.body, upstream.body_line
    if overlay.body.strip():
        overrides.append(Override(BODY, upstream.body.strip(), True))
        body, body_line = overlay.body, overlay.body_line
        layers_of[BODY] = LOKAAL_LABEL
    elif upstream.body.strip():
        layers_of[BODY] = UPSTREAM_LABEL
    merged = RawItem(overlay.source, overlay.kind, overlay.stem, data, overlay.lines, body, body_line)
    merged.origin = origin  # upstream's fields are located in upstream's file
    merged.layers_of = layers_of
    if body is upstream.body:
        merged.origin[BODY] = (upstream.source.display, upstream.lines, ())
    return merged, overrides


def whole_value(raw: RawItem) -> dict[str, Any]:
    return {"velden": raw.data, BODY: raw.body.strip()}


def _without_control(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in CONTROL_KEYS}


def _merge_parts(base: list[Any], changes: list[Any], key: str, overrides: list[Override],
                 layers_of: dict[str, str]) -> list[Any]:
    result: list[Any] = list(base)
    previous: str | None = None
    hidden: set[str] = set()
    for change in changes:
        if not isinstance(change, dict) or not isinstance(change.get("id"), str):
            result.append(change)  # not a part: schema validation will say what is wrong with it
            continue
        part_id = change["id"]
        position = _position(result, part_id)
        if position is None:
            at = _position(result, previous) if previous is not None else None
            result.insert(0 if at is None else at + 1, change)
            layers_of[f"{key}#{part_id}"] = LOKAAL_LABEL
        elif change.get("verborgen") is True:
            overrides.append(Override(f"{key}#{part_id}", result[position], True))
            hidden.add(part_id)
            layers_of[f"{key}#{part_id}"] = "lokaal (verborgen)"
        else:
            part = dict(result[position])
            for field, value in change.items():
                if field == "id":
                    continue
                if field == "onderdelen" and isinstance(value, list) and isinstance(part.get(field), list):
                    part[field] = _merge_parts(part[field], value, field, overrides, layers_of)
                    continue
                overrides.append(Override(f"{key}#{part_id}.{field}", part.get(field), field in part))
                part[field] = value
                layers_of[f"{key}#{part_id}.{field}"] = LOKAAL_LABEL
            result[position] = part
        previous = part_id
    return [p for p in result if not (isinstance(p, dict) and p.get("id") in hidden)]


def _position(parts: list[Any], part_id: str | None) -> int | None:
    for i, part in enumerate(parts):
        if isinstance(part, dict) and part.get("id") == part_id:
            return i
    return None


def stale(overlay: RawItem, overrides: list[Override]) -> list[Problem]:
    """Warnings for overrides whose upstream value changed since the school wrote them (or that have no basis)."""
    basis = overlay.data.get("basis")
    where = overlay.source.display
    line = overlay.lines.get(("basis",), overlay.lines.get((), 1))
    if basis is not None and not isinstance(basis, dict):
        return [Problem(where, line, "verwacht per overschreven veld een vingerafdruk ('veld: abc123…'); "
                                     f"laat `leidraad confirm {where}` ze schrijven", field="basis")]
    basis = basis or {}
    problems = []
    missing = [o.path for o in overrides if o.path not in basis]
    if missing:
        problems.append(Problem(where, line, "dit bestand overschrijft upstream (" + ", ".join(missing) + ") maar "
                                "zegt niet welke upstream-versie het aanpaste; bevestig met "
                                f"`leidraad confirm {where}`", field="basis"))
    for override in overrides:
        recorded = basis.get(override.path)
        if recorded is None:
            continue
        if not override.exists:
            problems.append(Problem(where, line, f"upstream heeft '{override.path}' niet meer; kijk na of je "
                                                 "aanpassing nog nodig is", field=f"basis.{override.path}"))
        elif str(recorded) != fingerprint(override.upstream):
            problems.append(Problem(where, line, f"upstream veranderde '{override.path}' nadat je het overschreef; "
                                                 f"upstream zegt nu: {_short(override.upstream)} — neem over wat je "
                                                 f"wilt en bevestig met `leidraad confirm {where}`",
                                    field=f"basis.{override.path}"))
    return problems


def _short(value: Any, limit: int = 300) -> str:
    if isinstance(value, dict) and set(value) == {"velden", BODY}:
        return "(het hele bestand; vergelijk met het upstream-bestand)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(str(text).split())
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def basis_block(overrides: list[Override]) -> dict[str, str]:
    return {o.path: fingerprint(o.upstream) for o in overrides if o.exists}
