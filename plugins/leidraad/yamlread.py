"""YAML as content needs it: plain values with a line per field path, in one linear pass over the parser's events.

No anchors or aliases (an alias bomb cannot expand), no explicit tags, nesting bounded, YAML 1.2-like plain
scalars (no sexagesimal '10:30', no yes/no booleans, no dates). libyaml's parser does the work; the pure-Python
parser runs only to phrase a syntax error in Dutch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

MAX_DEPTH = 16  # deepest the model needs: an instrument's four levels of parts are 9 levels of YAML
Path_ = tuple[str | int, ...]

PLAIN_INT = re.compile(r"^[-+]?[0-9]+$")
PLAIN_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
PLAIN_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
PLAIN_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")

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
    "but found another document": "er staat een tweede '---' in; een bestand heeft één kop",
    "expected a single document in the stream": "er staat een tweede '---' in; een bestand heeft één kop",
}
ANCHOR = ("ankers en verwijzingen ('&naam' en '*naam') zijn niet toegestaan; schrijf de waarde op elke plaats "
          "voluit")
TAG = ("een type-aanduiding met '!' (zoals '!!int' of '!!str') is niet toegestaan; schrijf de waarde gewoon, "
       "tekst eventueel tussen aanhalingstekens")
DEPTH = f"de velden zijn dieper genest dan {MAX_DEPTH} niveaus; dat heeft geen enkel soort item nodig"
KEY = "een veldnaam moet tekst zijn"


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@dataclass
class Parsed:
    value: Any
    lines: dict[Path_, int]


_FastParser: Any = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)  # libyaml: several
# times faster, the same events with positions; None when PyYAML was built without libyaml


class _PureParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def parse_yaml(text: str, *, first_line: int = 1) -> Parsed:
    """Parse one YAML document into plain values and a map from field path to its (1-based) line."""
    parser: Any = (_FastParser or _PureParser)(text)
    try:
        return _Builder(parser, first_line).document()
    except yaml.YAMLError:
        pass
    finally:
        parser.dispose()
    pure = _PureParser(text)  # again, for a message we can translate and its position
    try:
        return _Builder(pure, first_line).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "").strip()
        dutch = next((v for k, v in YAML_PROBLEMS.items() if problem.startswith(k)), f"ongeldige YAML ({problem})")
        line = (mark.line if mark else 0) + first_line
        raise YamlProblem(line, (mark.column + 1) if mark else 0, f"YAML-fout: {dutch}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, 0, f"YAML-fout: ongeldige YAML ({exc})") from None
    finally:
        pure.dispose()


class _Builder:
    """Builds values from events, one event at a time; never recursion deeper than MAX_DEPTH."""

    def __init__(self, parser: Any, first_line: int) -> None:
        self.parser = parser
        self.first = first_line
        self.lines: dict[Path_, int] = {}

    def _next(self) -> Event:
        event: Event = self.parser.get_event()
        return event

    def _line(self, event: Event) -> int:
        return (event.start_mark.line if event.start_mark else 0) + self.first

    def _problem(self, event: Event, message: str) -> YamlProblem:
        column = event.start_mark.column + 1 if event.start_mark else 0
        return YamlProblem(self._line(event), column, f"YAML-fout: {message}")

    def document(self) -> Parsed:
        event = self._next()
        assert isinstance(event, StreamStartEvent)
        event = self._next()
        if isinstance(event, StreamEndEvent):
            return Parsed(None, self.lines)
        assert isinstance(event, DocumentStartEvent)
        value = self._value(self._next(), (), 1)
        end = self._next()
        assert isinstance(end, DocumentEndEvent)
        after = self._next()
        if not isinstance(after, StreamEndEvent):
            raise self._problem(after, YAML_PROBLEMS["but found another document"])
        return Parsed(value, self.lines)

    def _value(self, event: Event, path: Path_, depth: int) -> Any:
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
            raise self._problem(event, ANCHOR)
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, (MappingStartEvent, SequenceStartEvent)) and tag == "!"):
            raise self._problem(event, TAG)
        self.lines.setdefault(path, self._line(event))
        if isinstance(event, ScalarEvent):
            return _scalar(event)
        if depth > MAX_DEPTH:
            raise self._problem(event, DEPTH)
        if isinstance(event, SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(event := self._next(), SequenceEndEvent):
                items.append(self._value(event, (*path, len(items)), depth + 1))
            return items
        if isinstance(event, MappingStartEvent):
            result: dict[str, Any] = {}
            while not isinstance(event := self._next(), MappingEndEvent):
                if not isinstance(event, ScalarEvent):
                    if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
                        raise self._problem(event, ANCHOR)
                    raise self._problem(event, KEY)
                if event.anchor is not None:
                    raise self._problem(event, ANCHOR)
                if event.tag is not None:
                    raise self._problem(event, TAG)
                key = _scalar(event)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    raise self._problem(event, KEY)
                key = str(key)
                if key in result:
                    raise self._problem(event, f"veld '{key}' staat twee keer in dezelfde lijst van velden")
                self.lines[(*path, key)] = self._line(event)
                result[key] = self._value(self._next(), (*path, key), depth + 1)
            return result
        raise self._problem(event, "onverwacht element")  # pragma: no cover - the parser emits nothing else


def _scalar(event: ScalarEvent) -> Any:
    raw = event.value
    if not event.implicit[0]:  # quoted or block text: always text
        return raw
    if PLAIN_INT.match(raw):
        return int(raw) if len(raw) <= 18 else raw  # a longer run of digits is no number any field expects
    if PLAIN_FLOAT.match(raw):
        return float(raw)
    if PLAIN_BOOL.match(raw):
        return raw.lower() == "true"
    if PLAIN_NULL.match(raw):
        return None
    return raw
