"""Dutch messages for schema problems: pydantic's error types mapped to what an editor should do."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel

from . import kinds as model

FIELD_EXPECTS = {
    "duur": f"een aantal minuten (1–{model.MAX_DUUR})",
    "minuten": "een aantal minuten",
    "nummer": "een volgnummer (1, 2, 3 …)",
    "jaar": "een jaartal (bv. 2025)",
    "regels": "een aantal lijnen (1–40)",
    "tijd": "een uur als 09:30",
}


PATTERN_EXPECTS = {
    "tijd": "een uur als 09:30",
    "adres": "het volledige adres van de site, met https:// vooraan en een '/' achteraan "
             "(bv. 'https://onze-school.github.io/leidraad/')",
    "logo": "een afbeelding in lokaal/ met een naam in kleine letters en .png, .jpg, .jpeg of .webp (bv. 'logo.png')",
    "email": "een e-mailadres (bv. 'naam@school.be')",
    "telefoon": "een telefoonnummer met cijfers, spaties, '+', '/', '.' of '-' (bv. '014 12 34 56')",
    "url": "een webadres dat met http:// of https:// begint",
    "naam": "een naam zonder '<' of '>'",
    "korte_naam": "een naam zonder '<' of '>'",
    "omschrijving": "gewone tekst zonder '<' of '>'",
    "bereikbaar": "gewone tekst zonder '<' of '>'",
    "voetregel": "gewone tekst zonder '<' of '>'",
}


def show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "een reeks velden"
    if isinstance(value, list):
        return "een lijst"
    return str(value)


def field_name(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def _allowed_fields(schema: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The declared fields of the (sub)model at loc, for 'bedoel je …?'."""
    current: Any = schema
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def dutch_message(err: Any, schema: type[BaseModel]) -> tuple[tuple[str | int, ...], str]:
    """Map one pydantic error to (field path, Dutch message)."""
    loc: tuple[str | int, ...] = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return loc, "ontbreekt; dit veld is verplicht"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(schema, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            return loc, f"onbekend veld; bedoel je '{close[0]}'?"
        return loc, "onbekend veld; toegestaan zijn: " + ", ".join(allowed)
    if kind in ("string_too_short",) or (kind == "string_type" and value == ""):
        return loc, "mag niet leeg zijn"
    if kind.startswith("int_") or kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        expects = FIELD_EXPECTS.get(last)
        if expects is None:
            bounds = []
            if "ge" in ctx:
                bounds.append(f"minstens {ctx['ge']}")
            if "le" in ctx:
                bounds.append(f"hoogstens {ctx['le']}")
            expects = "een geheel getal" + (f" ({', '.join(bounds)})" if bounds else "")
        return loc, f"verwacht {expects}, kreeg {show(value)}"
    if kind == "float_type" or kind == "float_parsing":
        return loc, f"verwacht een getal, kreeg {show(value)}"
    if kind == "string_pattern_mismatch":
        if last in PATTERN_EXPECTS:
            return loc, f"verwacht {PATTERN_EXPECTS[last]}, kreeg {show(value)}"
        return loc, (f"verwacht een id in kleine letters, cijfers en '-' (bv. 'stap-1'), kreeg {show(value)}")
    if kind == "string_type":
        return loc, f"verwacht tekst, kreeg {show(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return loc, f"verwacht true of false, kreeg {show(value)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return loc, f"verwacht een van {expected.replace(' or ', ', ')}; kreeg {show(value)}"
    if kind in ("list_type", "tuple_type"):
        return loc, f"verwacht een lijst (regels die met '- ' beginnen), kreeg {show(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return loc, f"verwacht velden ('veld: waarde'), kreeg {show(value)}"
    if kind == "too_short":
        return loc, f"verwacht minstens {ctx.get('min_length', 1)} element(en) in de lijst"
    if kind == "value_error":
        return loc, str(ctx.get("error", err["msg"]))
    return loc, f"ongeldige waarde {show(value)} ({err['msg']})"


