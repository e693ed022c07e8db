"""Checks on Markdown text (bodies and Markdown fields): limits, and HTML the sanitizer would remove.

The sanitizer (`sanitize.py`) is the guarantee; these checks exist to give the editor a Dutch message with a line
number. Everything here runs in linear time: the limits keep Python-Markdown, which is quadratic on some inputs
(a paragraph full of '['), within seconds on anything `leidraad check` accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from pydantic import BaseModel

from .sanitize import FORBIDDEN_TAGS, URL_ATTRIBUTES, attribute_allowed, tag_allowed, url_allowed

MAX_LINE = 2000  # characters per line (today's longest content line: about 650)
MAX_NESTING = 10  # list and quote levels
MAX_BLOCK = 10_000  # characters per paragraph (run of non-blank lines)
MAX_BRACKETS = 30  # '[' per paragraph: Python-Markdown's link search is quadratic in them
MAX_ANGLES = 300  # '<' per paragraph

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
CONTAINER = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)]|!!!\+?|\?\?\?\+?|===)(\s|$)")
PREFIX = re.compile(r"(?:[-*+]|\d{1,9}[.)]|>)[ \t]+|>")
ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
ATTR_TOKEN = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s}]+)|(?:^|\s)(on[a-z]+)\b""")
INLINE_LINK = re.compile(r"(!?)\[[^\]\n]{0,500}\]\(\s*<?([^)\s>]*)")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)")
REF_USE = re.compile(r"(!?)\[[^\]\n]{0,500}\]\[([^\]\n]*)\]")
EMPTY_ALT = re.compile(r"!\[\s*\]\(")
CONTACT_LINK = re.compile(r"^contact:[a-z0-9-]+$")
ATTR_ANCHOR = re.compile(r"\{:?[^{}\n]*#([A-Za-z0-9_-]+)[^{}\n]*\}")
TAG_OPEN = re.compile(r"<[/!?a-zA-Z]")
PLAIN = {"titel", "korte_titel", "kort", "label", "opties", "rijen", "kolommen", "trefwoorden", "auteurs",
         "uitgever", "deel", "code", "voluit"}
NOT_TEXT = {"id", "bron", "verwant", "aanbeveling", "doelgroep", "werkvorm", "schaal", "item", "tijd", "soort",
            "categorie", "herkomst", "overzicht", "url", "standaard", "scoring"}
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>")
EMAIL_LINK = re.compile(r"<[^\s<>@:]+@[^\s<>@:]+>")


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, within the text
    message: str


def plain(text: str) -> list[Finding]:
    """A plain-text field (a title, a label, a short text) holds no markup: it is shown as it is written."""
    if TAG_OPEN.search(text):
        return [Finding(1, "HTML is niet toegestaan in dit veld (gewone tekst): laat '<' weg of schrijf het "
                           "uit ('kleiner dan')")]
    return []


def prose(text: str) -> Iterator[tuple[int, str]]:
    """Lines outside code (fenced blocks, indented code blocks, code spans blanked), with 1-based line numbers."""
    fence: str | None = None
    container_indent = -1  # indent of the open list item or admonition, -1 when none
    previous_blank = True
    for number, line in enumerate(text.split("\n"), start=1):
        match = FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if not stripped:
            previous_blank = True
            continue
        opener = CONTAINER.match(line)
        if opener:
            container_indent = indent
        elif indent <= container_indent:
            container_indent = -1
        base = container_indent + 4 if container_indent >= 0 else 0
        if previous_blank and indent >= base + 4 and not opener:
            continue  # an indented code block: shown as text, never HTML
        previous_blank = False
        yield number, CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def limits(text: str) -> list[Finding]:
    found: list[Finding] = []
    block_start, block_len, brackets, angles = 0, 0, 0, 0
    nested = long_line = False
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if len(line) > MAX_LINE:
            long_line = True
            found.append(Finding(number, f"deze regel is {len(line)} tekens lang; hoogstens {MAX_LINE} is "
                                         "toegestaan (begin een nieuwe regel of alinea)"))
        depth = _nesting(line)
        if depth > MAX_NESTING and not nested:  # once per text: the lines below it are as deep or deeper
            nested = True
            found.append(Finding(number, f"{depth} niveaus lijsten of citaten in elkaar; hoogstens {MAX_NESTING}"))
        if line.strip():
            if not block_len:
                block_start = number
            block_len += len(line) + 1
            brackets += line.count("[")
            angles += line.count("<")
            continue
        if block_len > MAX_BLOCK and not long_line:  # a paragraph of one overlong line: said already
            found.append(Finding(block_start, f"deze alinea is {block_len} tekens lang; hoogstens {MAX_BLOCK} "
                                              "(zet er een lege regel tussen)"))
        if brackets > MAX_BRACKETS:
            found.append(Finding(block_start, f"deze alinea bevat {brackets} keer '['; hoogstens {MAX_BRACKETS} "
                                              "(verdeel de links over meer alinea's)"))
        if angles > MAX_ANGLES:
            found.append(Finding(block_start, f"deze alinea bevat {angles} keer '<'; hoogstens {MAX_ANGLES}"))
        block_len, brackets, angles, long_line = 0, 0, 0, False
    return found


def _nesting(line: str) -> int:
    indent = len(line) - len(line.lstrip(" "))
    depth, position = indent // 4, indent
    while True:
        match = PREFIX.match(line, position)
        if match is None:
            return depth
        depth += 1
        position = match.end()
        while position < len(line) and line[position] == " ":
            position += 1


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "script":
            self.found.append(Finding(line, "<script> is niet toegestaan in de inhoud (veiligheid en privacy)"))
            return
        if tag in FORBIDDEN_TAGS or not tag_allowed(tag):
            why = ("formulieren, knoppen en invulvelden maakt de site zelf" if tag in
                   {"form", "input", "button", "select", "option", "textarea"} else "veiligheid en privacy")
            self.found.append(Finding(line, f"het HTML-element <{tag}> is niet toegestaan in de inhoud ({why})"))
            return
        unsafe = [finding for name, value in attrs if name != "markdown"  # md_in_html's switch, never written
                  for finding in attribute_findings(tag, name, value or "", line)]
        self.found += unsafe
        if tag == "img" and not unsafe and not (dict(attrs).get("alt") or "").strip():
            self.found.append(Finding(line, "een afbeelding (<img>) zonder beschrijving: geef ze een alt=\"…\" met "
                                            "wat erop staat, voor wie ze niet ziet"))

    handle_startendtag = handle_starttag


def attribute_findings(tag: str, name: str, value: str, line: int) -> list[Finding]:
    if name.startswith("on"):
        return [Finding(line, f"het HTML-attribuut '{name}' (een script) is niet toegestaan in de inhoud")]
    if name in ("style",) and tag not in ("svg", "td", "th"):
        return [Finding(line, "opmaak met 'style' is niet toegestaan in de inhoud; de site zorgt voor de opmaak")]
    if not attribute_allowed(tag, name):
        where = "in een attributenlijst {: …}" if tag == "*" else f"op <{tag}>"
        return [Finding(line, f"het HTML-attribuut '{name}' is niet toegestaan {where}")]
    if name in URL_ATTRIBUTES and not url_allowed(value, image=tag == "img"):
        return [Finding(line, _url_message(value, image=tag == "img"))]
    return []


def _url_message(url: str, *, image: bool) -> str:
    if image:
        return (f"afbeelding of bestand van een andere website ('{url[:80]}'); dat is niet toegestaan "
                "(privacy, offline gebruik): zet het bestand zelf in content/")
    scheme = url.split(":", 1)[0].strip().lower()
    return f"een link met '{scheme[:20]}:' is niet toegestaan in de inhoud; gebruik http(s), mailto of een pad"


def unsafe(text: str) -> list[Finding]:
    """HTML, attribute lists and link targets the sanitizer would remove, with their lines."""
    lines = list(prose(text))
    found: list[Finding] = []
    parser = _Tags()
    numbers: list[int] = []
    for number, line in lines:
        numbers.append(number)
        parser.feed(AUTOLINK.sub(lambda m: " " * len(m.group(0)), EMAIL_LINK.sub("", line)) + "\n")
    parser.close()
    for finding in parser.found:  # the parser counts lines in what it was fed: map back to the text's lines
        found.append(Finding(numbers[min(finding.line, len(numbers)) - 1] if numbers else 1, finding.message))
    for number, line in lines:
        for match in ATTR_LIST.finditer(line):
            for token in ATTR_TOKEN.finditer(match.group(1)):
                name = (token.group(1) or token.group(3) or "").lower()
                value = (token.group(2) or "").strip("\"'")
                if name in ("id", "class") or (not token.group(1) and not name.startswith("on")):
                    continue
                found += attribute_findings("*", name, value, number)
        for _ in EMPTY_ALT.findall(line):
            found.append(Finding(number, "een afbeelding zonder beschrijving: zet tussen de haken wat erop staat "
                                         "(![beschrijving](pad)), voor wie ze niet ziet"))
        for bang, target in INLINE_LINK.findall(line):
            if not bang and CONTACT_LINK.match(target):
                continue  # a contact role: replaced by the school's person or a neutral wording before rendering
            if not url_allowed(target, image=bool(bang)) and not (bang and _relative(target)):
                found.append(Finding(number, _url_message(target, image=bool(bang))))
        ref = REF_DEF.match(line)
        if ref and not url_allowed(ref.group(1)):
            found.append(Finding(number, _url_message(ref.group(1), image=False)))
        for target in AUTOLINK.findall(line):
            if not url_allowed(target):
                found.append(Finding(number, _url_message(target, image=False)))
    found += _reference_images(lines)
    return found


def _relative(url: str) -> bool:
    return not re.match(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:", url) and not url.strip().startswith("//")


def _reference_images(lines: list[tuple[int, str]]) -> list[Finding]:
    """`![alt][ref]` with `[ref]: https://…`: an image from another host, written by reference."""
    definitions = {}
    for number, line in lines:
        ref = REF_DEF.match(line)
        if ref:
            label = line.split("]", 1)[0].strip().lstrip("[").lower()
            definitions[label] = (number, ref.group(1))
    found = []
    for number, line in lines:
        for bang, label in REF_USE.findall(line):
            key = label.lower() or ""
            if bang and key in definitions and not url_allowed(definitions[key][1], image=True) \
                    and not _relative(definitions[key][1]):
                found.append(Finding(number, _url_message(definitions[key][1], image=True)))
    return found


def strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text in a model value, with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, child in enumerate(value):
            yield from strings(child, (*path, i))
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, (*path, key))
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            yield from strings(getattr(value, key), (*path, key))


def text_kind(path: tuple[str | int, ...]) -> str:
    """'plain', 'markdown' or '' (ids, references, closed values: checked elsewhere) for a field path."""
    name = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    if name in NOT_TEXT or (path and path[0] == "standaard"):
        return ""
    return "plain" if name in PLAIN else "markdown"


def text_findings(kind: str, text: str) -> list[Finding]:
    if kind == "plain":
        return plain(text)
    found = limits(text)
    return found or unsafe(text)  # past a limit, the finer checks would only repeat it (and cost time)
