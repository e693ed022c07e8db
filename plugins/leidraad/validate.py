"""Cross-file checks: ids, part ids, references, hidden items, URLs, durations, links, unsafe HTML.

Works on the loaded model only; every problem is collected, none raised. Nothing here imports MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .loading import Loaded, field_name
from .model import NIVEAUS, Item, Onderdeel
from .problems import Problem

ANCHOR = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}")
# [text](target) and ![alt](target); the target ends at whitespace or ')'
MD_LINK = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
HTML_LINK = re.compile(r"<(a|img|source|iframe|link)\b[^>]*?\b(href|src)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-zA-Z]+)\s*=", re.IGNORECASE)
JS_URL = re.compile(r"^\s*javascript:", re.IGNORECASE)
FENCE = re.compile(r"^(\s*)(```|~~~)")
TOLERANCE = 0.10
KORT_MAX = 200


def warnings(loaded: Loaded) -> list[Problem]:
    """Things that do not break the site but that an editor should fix (they fail `mkdocs build --strict`)."""
    found = []
    for item in loaded.items:
        kort = getattr(item.data, "kort", None) or ""
        if len(kort) > KORT_MAX:
            found.append(
                Problem(
                    item.display_path,
                    item.line("kort"),
                    f"is {len(kort)} tekens lang; houd het onder {KORT_MAX} (kaarten en zoekresultaten "
                    "tonen één regel)",
                    field="kort",
                )
            )
    return sorted(found)


def validate(loaded: Loaded) -> list[Problem]:
    problems: list[Problem] = []
    items = loaded.items
    by_id: dict[str, Item] = {}
    for item in items:
        other = by_id.get(item.stem)
        if other is not None:
            problems.append(
                Problem(
                    item.display_path,
                    1,
                    f"id '{item.stem}' bestaat al ({other.display_path}); "
                    "een bestandsnaam moet uniek zijn over de hele site",
                )
            )
            continue
        by_id[item.stem] = item
    for hidden in loaded.hidden.values():
        if hidden.stem in by_id:
            continue
        upstream = [s for s in loaded.sources if s.display == hidden.hidden_by and s.replaces]
        if not upstream:
            problems.append(
                Problem(
                    hidden.hidden_by,
                    1,
                    f"verbergt '{hidden.stem}', maar upstream bestaat geen bestand content/{hidden.src_uri}",
                )
            )
    problems += _urls(loaded)
    known = {
        "doelgroep": loaded.data["doelgroepen"],
        "werkvorm": loaded.data["werkvormen"],
        "schaal": loaded.data["schalen"],
    }
    all_uris = {s.src_uri for s in loaded.sources}
    for item in items:
        problems += _part_ids(item)
        problems += _references(item, by_id, loaded, known)
        problems += _durations(item)
        problems += _tree_depth(item)
        problems += _body(item, all_uris, by_id, loaded)
        problems += _unsafe_fields(item)
    return problems


def _urls(loaded: Loaded) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for item in loaded.items:
        if item.kind == "bron":
            continue  # sources have an anchor on the literature page, not a page of their own
        url = item.url
        if url in seen:
            problems.append(
                Problem(
                    item.display_path,
                    1,
                    f"dit bestand krijgt hetzelfde adres /{url} als {seen[url]}; geef een van beide een andere naam",
                )
            )
        else:
            seen[url] = item.display_path
    return problems


def _anchors(item: Item) -> set[str]:
    return set(ANCHOR.findall(item.body))


def _part_ids(item: Item) -> list[Problem]:
    problems = []
    seen: dict[str, tuple[str | int, ...]] = {}
    for part_id, path in item.parts():
        if part_id in seen:
            first = seen[part_id]
            problems.append(
                Problem(
                    item.display_path,
                    item.line(*path, "id"),
                    f"deel-id '{part_id}' komt twee keer voor in dit bestand "
                    f"(ook op regel {item.line(*first, 'id')}); elk deel heeft een eigen id",
                    field=field_name(path) + ".id",
                )
            )
        else:
            seen[part_id] = path
    for offset, line in enumerate(item.body.split("\n")):
        for anchor in ANCHOR.findall(line):
            if anchor.startswith("ld-"):
                problems.append(Problem(item.display_path, item.body_line + offset,
                                        f"anker '#{anchor}': ankers die met 'ld-' beginnen zijn voorbehouden "
                                        "voor wat de site zelf toevoegt; kies een andere naam"))
            if anchor in seen:
                problems.append(
                    Problem(
                        item.display_path,
                        item.body_line + offset,
                        f"anker '#{anchor}' is al een deel-id van dit bestand",
                    )
                )
            seen[anchor] = ("<body>",)
    return problems


def _ref_problem(
    item: Item,
    path: tuple[str | int, ...],
    ref: str,
    by_id: dict[str, Item],
    loaded: Loaded,
    kinds: tuple[str, ...],
    what: str,
) -> Problem | None:
    stem, _, part = ref.partition("#")
    line = item.line(*path)
    field = field_name(path)
    if stem in loaded.hidden:
        return Problem(
            item.display_path,
            line,
            f"verwijst naar '{stem}', maar dat item is verborgen door {loaded.hidden[stem].hidden_by}",
            field=field,
        )
    target = by_id.get(stem)
    if target is None and stem in loaded.failed:
        return None  # that file has its own error already
    if target is None:
        return Problem(
            item.display_path, line, f"verwijst naar '{stem}', maar {what} met die id bestaat niet", field=field
        )
    if kinds and target.kind not in kinds:
        return Problem(
            item.display_path, line, f"verwijst naar '{stem}' ({target.kind}), maar verwacht {what}", field=field
        )
    if part and part not in {p for p, _ in target.parts()} | _anchors(target):
        return Problem(
            item.display_path,
            line,
            f"verwijst naar '{ref}', maar {target.display_path} heeft geen deel met id '{part}'",
            field=field,
        )
    return None


def _references(item: Item, by_id: dict[str, Item], loaded: Loaded, known: dict[str, Any]) -> list[Problem]:
    data = item.data
    found: list[Problem | None] = []
    for i, ref in enumerate(getattr(data, "bronnen", ()) or ()):
        found.append(_ref_problem(item, ("bronnen", i, "bron"), ref.bron, by_id, loaded, ("bron",), "een bron"))
    for i, ref in enumerate(getattr(data, "verwant", ()) or ()):
        found.append(_ref_problem(item, ("verwant", i), ref, by_id, loaded, (), "een item"))
    if item.kind == "activiteit":
        found.append(
            _ref_problem(item, ("aanbeveling",), data.aanbeveling, by_id, loaded, ("aanbeveling",), "een aanbeveling")
        )
    if item.kind == "bundel":
        for i, blok in enumerate(data.blokken):
            if blok.item is not None:
                found.append(
                    _ref_problem(
                        item,
                        ("blokken", i, "item"),
                        blok.item,
                        by_id,
                        loaded,
                        ("activiteit", "tipgroep", "instrument"),
                        "een activiteit, tipgroep of instrument",
                    )
                )
    for i, value in enumerate(getattr(data, "doelgroep", ()) or ()):
        found.append(_closed(item, ("doelgroep", i), value, known["doelgroep"], "content/_data/doelgroepen.yml"))
    if getattr(data, "werkvorm", None):
        found.append(_closed(item, ("werkvorm",), data.werkvorm, known["werkvorm"], "content/_data/werkvormen.yml"))
    if item.kind == "instrument" and data.schaal:
        found.append(_closed(item, ("schaal",), data.schaal, known["schaal"], "content/_data/schalen.yml"))
    for i, veld in enumerate(getattr(data, "invulvelden", ()) or ()):
        if veld.schaal:
            found.append(
                _closed(item, ("invulvelden", i, "schaal"), veld.schaal, known["schaal"], "content/_data/schalen.yml")
            )
    return [p for p in found if p is not None]


def _closed(item: Item, path: tuple[str | int, ...], value: str, allowed: dict[str, Any], where: str) -> Problem | None:
    if value in allowed:
        return None
    return Problem(
        item.display_path,
        item.line(*path),
        f"verwacht een van {', '.join(sorted(allowed))} (uit {where}); kreeg '{value}'",
        field=field_name(path),
    )


def _durations(item: Item) -> list[Problem]:
    if item.kind != "activiteit":
        return []
    data = item.data
    total = sum(stap.minuten for stap in data.stappen)
    if abs(total - data.duur) <= TOLERANCE * data.duur:
        return []
    return [
        Problem(
            item.display_path,
            item.line("stappen"),
            f"de stappen duren samen {total} minuten, maar 'duur' is {data.duur}; dat mag hoogstens 10 % verschillen",
            field="stappen",
        )
    ]


def _tree_depth(item: Item) -> list[Problem]:
    if item.kind != "instrument":
        return []
    problems = []

    def walk(nodes: tuple[Onderdeel, ...], path: tuple[str | int, ...], depth: int) -> None:
        for i, node in enumerate(nodes):
            if depth > len(NIVEAUS):
                problems.append(
                    Problem(
                        item.display_path,
                        item.line(*path, i),
                        "een instrument heeft hoogstens vier niveaus (dimensie → cluster → indicator → kenmerk)",
                        field=field_name((*path, i)),
                    )
                )
                return
            walk(node.onderdelen, (*path, i, "onderdelen"), depth + 1)

    walk(item.data.onderdelen, ("onderdelen",), 1)
    return problems


def _body_lines(item: Item) -> Iterator[tuple[int, str]]:
    """Body lines outside fenced code blocks, with their line numbers in the file."""
    fence: str | None = None
    for offset, line in enumerate(item.body.split("\n")):
        match = FENCE.match(line)
        if match:
            fence = None if fence == match.group(2) else (fence or match.group(2))
            continue
        if fence is None:
            yield item.body_line + offset, re.sub(r"`[^`]*`", "", line)


def _body(item: Item, all_uris: set[str], by_id: dict[str, Item], loaded: Loaded) -> list[Problem]:
    problems = []
    base = posixpath.dirname(item.src_uri)
    for line_no, line in _body_lines(item):
        if SCRIPT.search(line):
            problems.append(
                Problem(item.display_path, line_no, "<script> is niet toegestaan in de inhoud (veiligheid en privacy)")
            )
        for handler in HANDLER.findall(line):
            problems.append(
                Problem(
                    item.display_path,
                    line_no,
                    f"het HTML-attribuut '{handler}' (een script) is niet toegestaan in de inhoud",
                )
            )
        targets = [(bang == "!", target) for bang, target in MD_LINK.findall(line)]
        targets += [(tag.lower() != "a", target) for tag, _, target in HTML_LINK.findall(line)]
        for is_resource, target in targets:
            problem = _link_problem(item, line_no, base, target, is_resource, all_uris, by_id, loaded)
            if problem:
                problems.append(problem)
    return problems


def _link_problem(
    item: Item,
    line_no: int,
    base: str,
    target: str,
    is_resource: bool,
    all_uris: set[str],
    by_id: dict[str, Item],
    loaded: Loaded,
) -> Problem | None:
    if JS_URL.match(target):
        return Problem(item.display_path, line_no, "een 'javascript:'-link is niet toegestaan in de inhoud")
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("//"):
        if is_resource:
            return Problem(
                item.display_path,
                line_no,
                f"afbeelding of bestand van een andere website ('{target}'); dat is niet toegestaan "
                "(privacy, offline gebruik): zet het bestand zelf in content/",
            )
        return None  # an ordinary link to another website is fine
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None  # an anchor on the same page
    if path.startswith("/"):
        return Problem(
            item.display_path,
            line_no,
            f"link '{target}' begint met '/'; gebruik een relatief pad naar een bestand in content/",
        )
    resolved = posixpath.normpath(posixpath.join(base, path))
    if resolved.startswith("../") or resolved == "..":
        return Problem(item.display_path, line_no, f"link '{target}' wijst buiten de map content/")
    if resolved in all_uris:
        stem = resolved.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if resolved.endswith(".md") and stem in loaded.hidden and loaded.hidden[stem].src_uri == resolved:
            return Problem(
                item.display_path,
                line_no,
                f"link '{target}' wijst naar een item dat verborgen is door {loaded.hidden[stem].hidden_by}",
            )
        return None
    for candidate in (resolved + "/index.md", resolved.rstrip("/") + ".md"):
        if candidate in all_uris:
            return None
    return Problem(
        item.display_path, line_no, f"link '{target}' wijst naar een bestand dat niet bestaat (content/{resolved})"
    )


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, child in enumerate(value):
            yield from _strings(child, (*path, i))
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*path, key))
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            yield from _strings(getattr(value, key), (*path, key))


def _unsafe_fields(item: Item) -> list[Problem]:
    problems = []
    for path, text in _strings(item.data, ()):
        if SCRIPT.search(text):
            problems.append(
                Problem(
                    item.display_path,
                    item.line(*path),
                    "<script> is niet toegestaan in de inhoud (veiligheid en privacy)",
                    field=field_name(path),
                )
            )
        for handler in HANDLER.findall(text):
            problems.append(
                Problem(
                    item.display_path,
                    item.line(*path),
                    f"het HTML-attribuut '{handler}' (een script) is niet toegestaan in de inhoud",
                    field=field_name(path),
                )
            )
    return problems
