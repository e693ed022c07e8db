"""Read content files: YAML with positions, front matter, section defaults, per-file schema validation.

Every problem is collected with its file and line; nothing here raises for bad content.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from . import model
from .model import FOLDER_KINDS, KINDS, Begrip, Hidden, Item, Schaal, Site, line_for
from .problems import Problem
from .sources import LOKAAL, UPSTREAM, Layers, SourceFile, collect

# --- YAML with positions -------------------------------------------------------------------------


class _Resolver(BaseResolver):
    """YAML 1.2-like plain scalars: no sexagesimal '10:30', no yes/no booleans, no dates."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Loader(Reader, Scanner, Parser, Composer, _Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


try:  # libyaml's parser builds the same node tree (with positions) several times faster
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _FastLoader(CParser, _Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

except ImportError:  # PyYAML built without libyaml
    _FastLoader = _Loader  # type: ignore[misc,assignment]


YAML_PROBLEMS = {
    "mapping values are not allowed here": (
        "hier mag geen ':' staan (zet tekst met een dubbele punt tussen aanhalingstekens)"
    ),
    "could not find expected ':'": "verwacht 'veldnaam: waarde'; er ontbreekt een ':'",
    "did not find expected key": "verwacht een veldnaam; controleer het inspringen",
    "did not find expected '-' indicator": "verwacht een lijstelement '- …'; controleer het inspringen",
    "found character '\\t' that cannot start any token": "een tab is niet toegestaan; spring in met spaties",
    "found unexpected end of stream": "onverwacht einde; is een aanhalingsteken niet gesloten?",
    "found undefined alias": "onbekende verwijzing met '*'",
    "expected <block end>, but found '-'": (
        "een lijstelement '-' staat op de verkeerde plaats; controleer het inspringen"
    ),
    "expected <block end>, but found '<block mapping start>'": (
        "een veld staat op de verkeerde plaats; controleer het inspringen"
    ),
    "expected <block end>, but found '<scalar>'": "tekst op de verkeerde plaats; controleer het inspringen",
    "expected ',' or '}', but got '?'": "een '?' of ':' in een {…}-lijst: zet die tekst tussen aanhalingstekens",
    "expected ',' or ']', but got '?'": "een '?' of ':' in een […]-lijst: zet die tekst tussen aanhalingstekens",
    "found unknown escape character": "onbekende escape met '\\' tussen dubbele aanhalingstekens",
}

Path_ = tuple[str | int, ...]


@dataclass
class _Parsed:
    value: Any
    lines: dict[Path_, int]


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def parse_yaml(text: str, *, first_line: int = 1) -> _Parsed:
    """Parse one YAML document into plain values plus a map from field path to (1-based) line."""
    try:
        node = _compose(_FastLoader, text)
    except yaml.YAMLError:
        node = None
        try:  # the pure-Python parser's messages are the ones we translate
            node = _compose(_Loader, text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = (exc.problem or "").strip()
            dutch = YAML_PROBLEMS.get(problem, f"ongeldige YAML ({problem})")
            line = (mark.line if mark else 0) + first_line
            column = (mark.column + 1) if mark else 0
            raise YamlProblem(line, column, f"YAML-fout: {dutch}") from None
    lines: dict[Path_, int] = {}
    if node is None:
        return _Parsed(None, lines)
    return _Parsed(_construct(node, (), lines, first_line), lines)


def _compose(loader_class: Any, text: str) -> Node | None:
    loader = loader_class(text)
    try:
        result: Node | None = loader.get_single_node()
        return result
    finally:
        loader.dispose()


def _construct(node: Node, path: Path_, lines: dict[Path_, int], first: int) -> Any:
    lines.setdefault(path, node.start_mark.line + first)
    if isinstance(node, ScalarNode):
        tag, raw = node.tag, node.value
        if tag.endswith(":int"):
            return int(raw)
        if tag.endswith(":float"):
            return float(raw)
        if tag.endswith(":bool"):
            return raw.lower() == "true"
        if tag.endswith(":null"):
            return None
        return raw
    if isinstance(node, SequenceNode):
        return [_construct(child, (*path, i), lines, first) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, (*path, "<sleutel>"), {}, first)
            if not isinstance(key, (str, int)):
                raise YamlProblem(
                    key_node.start_mark.line + first,
                    key_node.start_mark.column + 1,
                    "YAML-fout: een veldnaam moet tekst zijn",
                )
            key = str(key)
            if key in result:
                raise YamlProblem(
                    key_node.start_mark.line + first,
                    key_node.start_mark.column + 1,
                    f"YAML-fout: veld '{key}' staat twee keer in dezelfde lijst van velden",
                )
            lines[(*path, key)] = key_node.start_mark.line + first
            result[key] = _construct(value_node, (*path, key), lines, first)
        return result
    return None


# --- Files ----------------------------------------------------------------------------------------


@dataclass
class RawItem:
    """A file read and split, before schema validation."""

    source: SourceFile
    kind: str
    stem: str
    data: dict[str, Any]
    lines: dict[Path_, int]
    body: str = ""
    body_line: int = 1
    origin: dict[str, tuple[str, dict[Path_, int]]] = field(default_factory=dict)  # defaulted keys


def decode(source: SourceFile, problems: list[Problem]) -> str | None:
    raw = source.path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                source.display,
                line,
                f"het bestand is geen UTF-8-tekst (byte 0x{raw[exc.start]:02x}); sla het op als UTF-8",
            )
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


HIDE_ONLY = re.compile(r"\A\s*verborgen\s*:\s*true\s*\Z")
FRONT = re.compile(r"\A---[ \t]*\n")
FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line of the body's first line)."""
    if not FRONT.match(text):
        return None, text, 1
    rest = text[FRONT.match(text).end() :]  # type: ignore[union-attr]
    end = FRONT_END.search(rest)
    if end is None:
        raise YamlProblem(1, 0, "de kop begint met '---' maar wordt nergens afgesloten met '---'")
    front = rest[: end.start()]
    body = rest[end.end() :].removeprefix("\n")
    body_line = 2 + front.count("\n") + 1
    return front, body, body_line


def kind_of(src_uri: str) -> str | None:
    """The kind of a content path, or None for files we copy as they are."""
    parts = src_uri.split("/")
    name = parts[-1]
    folder = parts[0] if len(parts) > 1 else ""
    if folder == "_data":
        return "_data" if name.endswith((".yml", ".yaml")) else None
    if name.endswith(".md"):
        if name == "index.md" or folder not in FOLDER_KINDS or folder in model.DATA_FOLDERS:
            return "pagina"
        return FOLDER_KINDS[folder]
    if name.endswith((".yml", ".yaml")) and folder in model.DATA_FOLDERS and len(parts) == 2:
        return FOLDER_KINDS[folder]
    return None


def read_raw(source: SourceFile, kind: str, problems: list[Problem]) -> RawItem | None:
    text = decode(source, problems)
    if text is None:
        return None
    stem = source.src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    try:
        if source.src_uri.endswith(".md"):
            front, body, body_line = split_front_matter(text)
            if front is None and source.layer == LOKAAL and HIDE_ONLY.match(text):
                front, body = text, ""  # a school's overlay file holding only `verborgen: true`
                parsed = parse_yaml(front)
            else:
                parsed = parse_yaml(front, first_line=2) if front is not None else _Parsed({}, {})
        else:
            body, body_line = "", 1
            parsed = parse_yaml(text)
    except YamlProblem as exc:
        problems.append(Problem(source.display, exc.line, exc.message, column=exc.column))
        return None
    data = parsed.value if parsed.value is not None else {}
    if not isinstance(data, dict):
        what = "de kop (tussen de '---'-lijnen)" if source.src_uri.endswith(".md") else "het bestand"
        problems.append(
            Problem(source.display, parsed.lines.get((), 1), f"{what} moet uit velden bestaan ('veld: waarde')")
        )
        return None
    lines = parsed.lines
    lines.setdefault((), 2 if source.src_uri.endswith(".md") else 1)
    return RawItem(source, kind, stem, data, lines, body, body_line)


# --- Schema validation with Dutch messages --------------------------------------------------------

FIELD_EXPECTS = {
    "duur": f"een aantal minuten (1–{model.MAX_DUUR})",
    "minuten": "een aantal minuten",
    "nummer": "een volgnummer (1, 2, 3 …)",
    "jaar": "een jaartal (bv. 2025)",
    "regels": "een aantal lijnen (1–40)",
    "tijd": "een uur als 09:30",
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
        if last == "tijd":
            return loc, f"verwacht een uur als 09:30, kreeg {show(value)}"
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


def validate_schema(raw: RawItem, problems: list[Problem]) -> Any | None:
    schema = KINDS[raw.kind]
    try:
        return schema.model_validate(raw.data)
    except ValidationError as exc:
        errors = exc.errors()
        suggested = set()
        for err in errors:
            if err["type"] == "extra_forbidden":
                loc, message = dutch_message(err, schema)
                if "bedoel je '" in message:
                    suggested.add((*loc[:-1], message.split("bedoel je '")[1].split("'")[0]))
        for err in errors:
            if err["type"] == "missing" and tuple(err["loc"]) in suggested:
                continue  # "unknown field 'tittel', did you mean 'titel'?" says it already
            loc, message = dutch_message(err, schema)
            top = str(loc[0]) if loc else ""
            if top in raw.origin:  # the value came from the section's `standaard:`
                path, lines = raw.origin[top]
                line = line_for(lines, ("standaard", *loc))
                problems.append(Problem(path, line, message, field=f"standaard.{field_name(loc)}"))
            else:
                problems.append(Problem(raw.source.display, line_for(raw.lines, loc), message, field=field_name(loc)))
        return None


# --- The whole site -------------------------------------------------------------------------------


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


def _is_hide_marker(raw: RawItem) -> bool:
    return raw.source.layer == LOKAAL and raw.data.get("verborgen") is True


def load(layers: Layers) -> Loaded:
    problems: list[Problem] = []
    sources = collect(layers)
    raws: list[RawItem] = []
    failed: set[str] = set()
    data_files: list[RawItem] = []
    static: dict[str, str] = {}
    for source in sources:
        kind = kind_of(source.src_uri)
        if kind is None:
            static[source.src_uri] = str(source.path)
            continue
        if kind == "_data" and source.replaces:  # an overlay list merges by key over the upstream one
            upstream = SourceFile(source.src_uri, layers.content / source.src_uri, UPSTREAM, source.replaces)
            base = read_raw(upstream, "pagina", problems)
            if base is not None:
                data_files.append(base)
        raw = read_raw(source, "pagina" if kind == "_data" else kind, problems)
        if raw is None:
            failed.add(source.src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0])
            continue
        (data_files if kind == "_data" else raws).append(raw)

    defaults = _section_defaults(raws, problems)
    hidden: dict[str, Hidden] = {}
    items: list[Item] = []
    for raw in raws:
        item_id = _item_id(raw)
        if _is_hide_marker(raw):
            hidden[item_id] = Hidden(item_id, raw.source.src_uri, raw.source.display)
            continue
        if raw.data.get("verborgen") is True:
            problems.append(
                Problem(
                    raw.source.display,
                    line_for(raw.lines, ("verborgen",)),
                    "'verborgen: true' hoort alleen in de lokale laag (lokaal/content/…); "
                    "verwijder het item of verberg het daar",
                    field="verborgen",
                )
            )
            continue
        section = raw.source.src_uri.rsplit("/", 1)[0] if "/" in raw.source.src_uri else ""
        if section in defaults and not raw.source.src_uri.endswith("index.md"):
            path, lines, values = defaults[section]
            for key, value in values.items():
                if key not in raw.data:
                    raw.data[key] = value
                    raw.origin[key] = (path, lines)
        validated = validate_schema(raw, problems)
        if validated is None:
            failed.add(item_id)
            continue
        items.append(
            Item(
                stem=item_id,
                kind=raw.kind,
                src_uri=raw.source.src_uri,
                display_path=raw.source.display,
                layer=raw.source.layer,
                data=validated,
                body=raw.body,
                body_line=raw.body_line,
                lines=raw.lines,
            )
        )
    data = _load_data(data_files, problems)
    return Loaded(layers, sources, items, hidden, data, static, problems, failed)


def _item_id(raw: RawItem) -> str:
    """A file stem is an id; a section's index.md takes its folder's name, the home page 'index'."""
    uri = raw.source.src_uri
    if uri.endswith("index.md") and "/" in uri:
        return uri.rsplit("/", 1)[0].replace("/", "-")
    return raw.stem


def _section_defaults(
    raws: list[RawItem], problems: list[Problem]
) -> dict[str, tuple[str, dict[Path_, int], dict[str, Any]]]:
    found: dict[str, tuple[str, dict[Path_, int], dict[str, Any]]] = {}
    for raw in raws:
        if not raw.source.src_uri.endswith("/index.md"):
            continue
        values = raw.data.get("standaard")
        if values is None:
            continue
        if not isinstance(values, dict):
            problems.append(
                Problem(
                    raw.source.display,
                    line_for(raw.lines, ("standaard",)),
                    "verwacht velden ('veld: waarde') die voor elk item in de map gelden",
                    field="standaard",
                )
            )
            continue
        found[raw.source.src_uri.rsplit("/", 1)[0]] = (raw.source.display, raw.lines, values)
    return found


DATA_SCHEMAS: dict[str, Any] = {"doelgroepen": None, "werkvormen": None, "schalen": Schaal, "begrippen": Begrip}


def _load_data(files: list[RawItem], problems: list[Problem]) -> dict[str, Any]:
    data: dict[str, Any] = {name: {} for name in DATA_SCHEMAS}
    for raw in files:
        name = raw.stem
        if name not in DATA_SCHEMAS:
            problems.append(
                Problem(
                    raw.source.display,
                    1,
                    f"onbekend gegevensbestand; verwacht een van {', '.join(sorted(DATA_SCHEMAS))}",
                )
            )
            continue
        for key, value in raw.data.items():
            line = line_for(raw.lines, (key,))
            if name != "begrippen" and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
                problems.append(
                    Problem(
                        raw.source.display, line, f"verwacht een id in kleine letters, cijfers en '-', kreeg '{key}'"
                    )
                )
                continue
            schema = DATA_SCHEMAS[name]
            if schema is None:
                if not isinstance(value, str) or not value.strip():
                    problems.append(
                        Problem(raw.source.display, line, f"verwacht een label (tekst), kreeg {show(value)}", field=key)
                    )
                    continue
                data[name][key] = value.strip()
            else:
                try:
                    data[name][key] = schema.model_validate(value)
                except ValidationError as exc:
                    for err in exc.errors():
                        loc, message = dutch_message(err, schema)
                        problems.append(
                            Problem(
                                raw.source.display,
                                line_for(raw.lines, (key, *loc)),
                                message,
                                field=field_name((key, *loc)),
                            )
                        )
    return data


def to_site(loaded: Loaded) -> Site:
    items = {i.stem: i for i in loaded.items}
    return Site(
        items=items,
        hidden=dict(loaded.hidden),
        doelgroepen=loaded.data["doelgroepen"],
        werkvormen=loaded.data["werkvormen"],
        schalen=loaded.data["schalen"],
        static=dict(loaded.static),
        begrippen=loaded.data["begrippen"],
        content_uris=frozenset(s.src_uri for s in loaded.sources if kind_of(s.src_uri) is not None),
    )


@dataclass(frozen=True)
class Checked:
    site: Site
    problems: list[Problem]  # errors: the site must not be built
    warnings: list[Problem]  # worth fixing; fail a strict build


def check(root: Path, content_dir: str = "content") -> Checked:
    """Load and validate everything; the site is only usable when there are no problems."""
    from .validate import validate, warnings

    loaded = load(Layers.at(root, content_dir))
    problems = loaded.problems + validate(loaded)
    return Checked(to_site(loaded), sorted(set(problems)), warnings(loaded))


def load_site(root: Path, content_dir: str = "content") -> tuple[Site, list[Problem]]:
    checked = check(root, content_dir)
    return checked.site, checked.problems
