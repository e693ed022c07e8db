"""Load the content layers into items: overlay merged, section defaults applied, each file validated by its schema.

Every problem is collected with its file and line; nothing here raises for bad content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from . import mdcheck, overlay
from .kinds import KINDS, Begrip, Instellingen, Rol, Schaal, Synoniem
from .messages import dutch_message, field_name, show
from .model import Hidden, Item, Site, line_for
from .problems import Problem
from .reading import RawItem, read_raw
from .sources import LOKAAL, UPSTREAM, Layers, SourceFile, collect, kind_of
from .yamlread import Path_

DATA_SCHEMAS: dict[str, Any] = {"doelgroepen": None, "werkvormen": None, "schalen": Schaal, "begrippen": Begrip,
                                "rollen": Rol, "instellingen": Instellingen, "synoniemen": Synoniem}
WHOLE_FILES = ("instellingen",)  # one object per file, merged key by key over upstream's


@dataclass
class Loaded:
    """The result of loading: items that passed their schema, hidden ids, data, and all problems."""

    layers: Layers
    sources: list[SourceFile]
    items: list[Item]
    hidden: dict[str, Hidden]
    data: dict[str, Any]
    static: dict[str, str]
    problems: list[Problem]
    failed: set[str] = field(default_factory=set)  # ids of files that could not be read or validated
    warnings: list[Problem] = field(default_factory=list)  # stale overrides and the like: worth a look
    raw_items: dict[str, RawItem] = field(default_factory=dict)  # by id, after merging (for explain)


def item_id(source: SourceFile) -> str:
    """A file stem is an id; a section's index.md takes its folder's name, the home page 'index'."""
    uri = source.src_uri
    if uri.endswith("index.md") and "/" in uri:
        return uri.rsplit("/", 1)[0].replace("/", "-")
    return source.stem


def load(layers: Layers) -> Loaded:
    problems: list[Problem] = []
    warnings: list[Problem] = []
    sources = collect(layers, problems)
    raws: list[RawItem] = []
    failed: set[str] = set()
    data_files: list[RawItem] = []
    static: dict[str, str] = {}
    hidden: dict[str, Hidden] = {}
    stale: dict[str, list[Problem]] = {}  # per amended item: overrides whose upstream changed
    for source in sources:
        kind = kind_of(source.src_uri)
        if kind == "asset":
            static[source.src_uri] = str(source.path)
            continue
        assert kind is not None  # collect() only lets known kinds through
        base = read_raw(source.upstream, "pagina" if kind == "_data" else kind, problems) if source.upstream else None
        raw = read_raw(source, "pagina" if kind == "_data" else kind, problems)
        if raw is None or (source.upstream is not None and base is None):
            failed.add(item_id(source))
            continue
        if kind == "_data":  # an overlay list merges by key over the upstream one
            data_files += [r for r in (base, raw) if r is not None]
            continue
        if source.layer == LOKAAL and overlay.is_hide(raw):
            problem = _hide_problem(source, sources, layers)
            if problem:
                problems.append(problem)
            else:
                hidden[item_id(source)] = Hidden(item_id(source), source.src_uri, source.display)
            continue
        if base is not None:
            own = raw
            raw, overrides = overlay.merge(base, own)
            stale[item_id(source)] = overlay.stale(own, overrides)
        raws.append(raw)

    defaults = _section_defaults(raws, problems)
    items: list[Item] = []
    merged: dict[str, RawItem] = {}
    for raw in raws:
        stem = item_id(raw.source)
        merged[stem] = raw
        if raw.data.get("verborgen") is True:
            problems.append(Problem(raw.source.display, line_for(raw.lines, ("verborgen",)),
                                    "'verborgen: true' hoort alleen in een bestand van de school in lokaal/content/ "
                                    "(zelfde pad als het upstream-bestand); verwijder het item of verberg het daar",
                                    field="verborgen"))
            continue
        _apply_defaults(raw, defaults)
        validated = validate_schema(raw, problems)
        if validated is None:
            failed.add(stem)
            continue
        warnings += stale.get(stem, [])  # only for an item that is valid: else its errors come first
        items.append(Item(stem=stem, kind=raw.kind, src_uri=raw.source.src_uri, display_path=raw.source.display,
                          layer=raw.source.layer, data=validated, body=raw.body, body_line=raw.body_line,
                          lines=raw.lines, origin=dict(raw.origin)))
    data = _load_data(data_files, problems)
    return Loaded(layers, sources, items, hidden, data, static, problems, failed, warnings, merged)


def _hide_problem(source: SourceFile, sources: list[SourceFile], layers: Layers) -> Problem | None:
    """A hide file must hide an upstream file at the same path; otherwise say where it probably belongs."""
    if source.upstream is not None:
        return None
    same = [s for s in sources if s.layer == UPSTREAM and s.stem == source.stem and s.src_uri != source.src_uri]
    if same:
        right = layers.display(layers.overlay / same[0].src_uri)
        return Problem(source.display, 1, f"verbergt niets: upstream staat dit item in {same[0].display}; "
                                          f"zet dit bestand op {right}")
    return Problem(source.display, 1, "verbergt niets: er is geen upstream-bestand "
                                      f"{layers.display(layers.content / source.src_uri)}; een verbergbestand staat "
                                      "op hetzelfde pad als het bestand dat het verbergt "
                                      "(lokaal/content/<map>/<id>.md)")


def _apply_defaults(raw: RawItem, defaults: dict[str, tuple[SourceFile, dict[Path_, int], dict[str, Any]]]) -> None:
    """A section's `standaard:` fills missing fields; upstream defaults never credit upstream sources to a
    school's own item."""
    section = raw.source.src_uri.rsplit("/", 1)[0] if "/" in raw.source.src_uri else ""
    if section not in defaults or raw.source.src_uri.endswith("index.md"):
        return
    source, lines, values = defaults[section]
    school_item = raw.source.layer == LOKAAL and raw.source.upstream is None
    for key, value in values.items():
        if key in raw.data or (school_item and source.layer == UPSTREAM and key in ("bronnen", "herkomst")):
            continue
        raw.data[key] = value
        raw.origin[key] = (source.display, lines, ("standaard",))


def validate_schema(raw: RawItem, problems: list[Problem]) -> Any | None:
    schema = KINDS[raw.kind]
    data = {k: v for k, v in raw.data.items() if k not in overlay.CONTROL_KEYS or raw.source.layer != LOKAAL}
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        suggested = set()
        for err in errors:
            if err["type"] == "extra_forbidden":
                loc, message = dutch_message(err, schema)
                if "bedoel je '" in message:
                    suggested.add((*loc[:-1], message.split("bedoel je '")[1].split("'")[0]))
        inside = {tuple(e["loc"])[:i] for e in errors for i in range(len(e["loc"]))}
        for err in errors:
            if err["type"] == "missing" and tuple(err["loc"]) in suggested:
                continue  # "unknown field 'tittel', did you mean 'titel'?" says it already
            if err["type"] == "too_short" and tuple(err["loc"]) in inside:
                continue  # an element of this list is wrong: that is the message, not the list's length
            loc, message = dutch_message(err, schema)
            top = str(loc[0]) if loc else ""
            if top in raw.origin:  # the value came from another file (section defaults, upstream)
                path, lines, prefix = raw.origin[top]
                problems.append(Problem(path, line_for(lines, (*prefix, *loc)), message,
                                        field=field_name((*prefix, *loc))))
            else:
                problems.append(Problem(raw.source.display, line_for(raw.lines, loc), message, field=field_name(loc)))
        return None


def _section_defaults(raws: list[RawItem],
                      problems: list[Problem]) -> dict[str, tuple[SourceFile, dict[Path_, int], dict[str, Any]]]:
    found: dict[str, tuple[SourceFile, dict[Path_, int], dict[str, Any]]] = {}
    for raw in raws:
        if not raw.source.src_uri.endswith("/index.md"):
            continue
        values = raw.data.get("standaard")
        if values is None:
            continue
        if not isinstance(values, dict):
            problems.append(Problem(raw.source.display, line_for(raw.lines, ("standaard",)),
                                    "verwacht velden ('veld: waarde') die voor elk item in de map gelden",
                                    field="standaard"))
            continue
        if "standaard" in raw.origin and raw.source.upstream is not None:  # from upstream, under a school's file
            found[raw.source.src_uri.rsplit("/", 1)[0]] = (raw.source.upstream, raw.origin["standaard"][1], values)
        else:
            found[raw.source.src_uri.rsplit("/", 1)[0]] = (raw.source, raw.lines, values)
    return found


def _load_data(files: list[RawItem], problems: list[Problem]) -> dict[str, Any]:
    data: dict[str, Any] = {name: {} for name in DATA_SCHEMAS}
    whole: dict[str, tuple[RawItem, dict[str, Any]]] = {}
    for raw in files:
        name = raw.stem
        if name not in DATA_SCHEMAS:
            problems.append(Problem(raw.source.display, 1,
                                    f"onbekend gegevensbestand; verwacht een van {', '.join(sorted(DATA_SCHEMAS))}"))
            continue
        if name in WHOLE_FILES:
            merged = {**whole[name][1], **raw.data} if name in whole else dict(raw.data)
            whole[name] = (raw, merged)
            continue
        for key, value in raw.data.items():
            line = line_for(raw.lines, (key,))
            if name != "begrippen" and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
                problems.append(Problem(raw.source.display, line,
                                        f"verwacht een id in kleine letters, cijfers en '-', kreeg '{key}'"))
                continue
            schema = DATA_SCHEMAS[name]
            if schema is None:
                if not isinstance(value, str) or not value.strip():
                    problems.append(Problem(raw.source.display, line, f"verwacht een label (tekst), kreeg "
                                                                      f"{show(value)}", field=key))
                    continue
                data[name][key] = value.strip()
                texts: list[tuple[Path_, str]] = [((key, "label"), value)]
            else:
                try:
                    data[name][key] = schema.model_validate(value)
                except ValidationError as exc:
                    for err in exc.errors():
                        loc, message = dutch_message(err, schema)
                        problems.append(Problem(raw.source.display, line_for(raw.lines, (key, *loc)), message,
                                                field=field_name((key, *loc))))
                    continue
                texts = [((key, "titel"), key)] if name == "begrippen" else []  # a term is shown as it is
                texts += [((key, *path), text) for path, text in mdcheck.strings(data[name][key])]
            for path, text in texts:
                kind = mdcheck.text_kind(path)
                for finding in mdcheck.text_findings(kind, text) if kind else ():
                    shown = path[:1] if text == key else path
                    problems.append(Problem(raw.source.display, line_for(raw.lines, path), finding.message,
                                            field=field_name(shown)))
    data["instellingen"] = Instellingen()
    for name, (raw, values) in whole.items():
        try:
            data[name] = DATA_SCHEMAS[name].model_validate(values)
        except ValidationError as exc:
            for err in exc.errors():
                loc, message = dutch_message(err, DATA_SCHEMAS[name])
                problems.append(Problem(raw.source.display, line_for(raw.lines, loc), message, field=field_name(loc)))
    return data


def to_site(loaded: Loaded) -> Site:
    return Site(items={i.stem: i for i in loaded.items}, hidden=dict(loaded.hidden),
                doelgroepen=loaded.data["doelgroepen"], werkvormen=loaded.data["werkvormen"],
                schalen=loaded.data["schalen"], static=dict(loaded.static), begrippen=loaded.data["begrippen"],
                rollen=loaded.data["rollen"], instellingen=loaded.data["instellingen"],
                synoniemen=loaded.data["synoniemen"])
