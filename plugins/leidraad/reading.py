"""One content file read and split: UTF-8 text, front matter parsed with positions, the Markdown body.

Nothing here raises for bad content: every problem is collected with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .problems import Problem
from .sources import LOKAAL, SourceFile
from .yamlread import Parsed, Path_, YamlProblem, parse_yaml

HIDE_ONLY = re.compile(r"\A\s*verborgen\s*:\s*true\s*\Z", re.IGNORECASE)
FRONT = re.compile(r"\A---[ \t]*\n")
FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


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
    # keys whose value came from another file (a section's `standaard:`, or upstream for an amending overlay):
    # key -> (display path, that file's lines, prefix of the field path in that file)
    origin: dict[str, tuple[str, dict[Path_, int], tuple[str | int, ...]]] = field(default_factory=dict)
    layers_of: dict[str, str] = field(default_factory=dict)  # field path -> "upstream" | "lokaal" (for explain)


def decode(source: SourceFile, problems: list[Problem]) -> str | None:
    raw = source.path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(source.display, line,
                                f"het bestand is geen UTF-8-tekst (byte 0x{raw[exc.start]:02x}); sla het op als UTF-8"))
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(source.display, line, "het bestand bevat een nulteken (geen gewone tekst); "
                                                      "sla het opnieuw op als tekst"))
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line of the body's first line)."""
    start = FRONT.match(text)
    if start is None:
        return None, text, 1
    rest = text[start.end():]
    end = FRONT_END.search(rest)
    if end is None:
        raise YamlProblem(1, 0, "de kop begint met '---' maar wordt nergens afgesloten met '---'")
    front = rest[: end.start()]
    body = rest[end.end():].removeprefix("\n")
    return front, body, 2 + front.count("\n") + 1


def read_raw(source: SourceFile, kind: str, problems: list[Problem]) -> RawItem | None:
    text = decode(source, problems)
    if text is None:
        return None
    try:
        if source.src_uri.endswith(".md"):
            front, body, body_line = split_front_matter(text)
            if front is None and source.layer == LOKAAL and HIDE_ONLY.match(text):
                front, body = text, ""  # a school's overlay file holding only `verborgen: true`
                parsed = parse_yaml(front)
            else:
                parsed = parse_yaml(front, first_line=2) if front is not None else Parsed({}, {})
        else:
            body, body_line = "", 1
            parsed = parse_yaml(text)
    except YamlProblem as exc:
        problems.append(Problem(source.display, exc.line, exc.message, column=exc.column))
        return None
    data = parsed.value if parsed.value is not None else {}
    if not isinstance(data, dict):
        what = "de kop (tussen de '---'-lijnen)" if source.src_uri.endswith(".md") else "het bestand"
        problems.append(Problem(source.display, parsed.lines.get((), 1),
                                f"{what} moet uit velden bestaan ('veld: waarde')"))
        return None
    lines = parsed.lines
    lines.setdefault((), 2 if source.src_uri.endswith(".md") else 1)
    return RawItem(source, kind, source.stem, data, lines, body, body_line)
