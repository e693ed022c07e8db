"""Cross-file checks on the loaded model: ids, part ids, references, hidden items, URLs, durations, text and links.

Works on the loaded model only; every problem is collected, none raised. Nothing here imports MkDocs.
`check()` is the one entry point the build, the CLI and the tests share.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import mdcheck
from .kinds import NIVEAUS, Onderdeel
from .links import CONTACT, anchors, check_links
from .loading import Loaded, item_id, load, to_site
from .messages import field_name
from .model import Hidden, Item, Site, glossary_anchor
from .problems import Problem
from .school import load_profile
from .sources import Layers

TOLERANCE = 0.10
KORT_MAX = 200


@dataclass(frozen=True)
class Checked:
    site: Site
    problems: list[Problem]  # errors: the site must not be built
    warnings: list[Problem]  # worth fixing; they fail a strict build (a `kort` too long for a card)
    notices: list[Problem]  # an override whose upstream changed: pointed out, never a failed build
    infos: list[Problem]  # what hiding dropped, for the editor to see


def check(root: Path, content_dir: str = "content") -> Checked:
    """Load and validate everything; the site is only usable when there are no problems."""
    loaded = load(Layers.at(root, content_dir))
    infos = _cascade(loaded)
    problems, more_infos = validate(loaded)
    profile = load_profile(loaded.layers.root, loaded.data["rollen"], problems)
    site = dataclasses.replace(to_site(loaded), school=profile)
    return Checked(site, sorted(set(loaded.problems + problems)), kort_warnings(loaded.items),
                   sorted(set(loaded.warnings)), sorted(set(infos + more_infos)))


def _cascade(loaded: Loaded) -> list[Problem]:
    """Hiding a recommendation hides its activities: they cannot exist without it."""
    infos = []
    for item in list(loaded.items):
        target = getattr(item.data, "aanbeveling", None) if item.kind == "activiteit" else None
        if target in loaded.hidden:
            loaded.items.remove(item)
            loaded.hidden[item.stem] = Hidden(item.stem, item.src_uri, loaded.hidden[target].hidden_by)
            infos.append(Problem(loaded.hidden[target].hidden_by, 1, f"verbergt ook de activiteit '{item.stem}' "
                                                                     "(hoort bij de verborgen aanbeveling)"))
    return infos


def kort_warnings(items: list[Item]) -> list[Problem]:
    found = []
    for item in items:
        kort = getattr(item.data, "kort", None) or ""
        if len(kort) > KORT_MAX:
            found.append(Problem(*item.where("kort"), f"is {len(kort)} tekens lang; houd het onder {KORT_MAX} "
                                 "(kaarten en zoekresultaten tonen één regel)", field="kort"))
    return found


def validate(loaded: Loaded) -> tuple[list[Problem], list[Problem]]:
    """(errors, information) for the whole loaded site."""
    problems: list[Problem] = []
    infos: list[Problem] = []
    by_id: dict[str, Item] = {}
    for item in loaded.items:
        other = by_id.get(item.stem)
        if other is not None:
            problems.append(Problem(item.display_path, 1, f"id '{item.stem}' bestaat al ({other.display_path}); "
                                                          "een bestandsnaam moet uniek zijn over de hele site"))
            continue
        by_id[item.stem] = item
    problems += _urls(loaded)
    known = {"doelgroep": loaded.data["doelgroepen"], "werkvorm": loaded.data["werkvormen"],
             "schaal": loaded.data["schalen"]}
    pages = {i.page_uri: i for i in loaded.items if i.kind != "bron"}
    page_anchors = {uri: anchors(i, (p for p, _ in i.parts())) for uri, i in pages.items()}
    for uri, page in pages.items():  # the lists a page adds to its text have anchors too
        if getattr(page.data, "overzicht", None) == "bronnen" or uri == "bronnen/index.md":
            page_anchors[uri] |= {i.stem for i in loaded.items if i.kind == "bron"}
        if getattr(page.data, "overzicht", None) == "begrippen":
            page_anchors[uri] |= {glossary_anchor(term) for term in loaded.data["begrippen"]}
    hidden_uris = {h.src_uri: h.stem for h in loaded.hidden.values()}
    assets = set(loaded.static) | {s.src_uri for s in loaded.sources if item_id(s) in loaded.failed}
    for item in by_id.values():
        problems += _part_ids(item)
        found, dropped = _references(item, by_id, loaded, known)
        problems += found
        infos += dropped
        problems += _durations(item)
        problems += _tree_depth(item)
        problems += _scoring(item)
        texts, text_infos = _texts(item, pages, page_anchors, hidden_uris, assets, loaded.data["rollen"])
        problems += texts
        infos += text_infos
    return problems, infos


def _urls(loaded: Loaded) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for item in loaded.items:
        if item.kind == "bron":
            continue  # sources have an anchor on the literature page, not a page of their own
        url = item.url
        if url in seen:
            problems.append(Problem(item.display_path, 1, f"dit bestand krijgt hetzelfde adres /{url} als {seen[url]}; "
                                                          "geef een van beide een andere naam"))
        else:
            seen[url] = item.display_path
    return problems


def _part_ids(item: Item) -> list[Problem]:
    problems = []
    seen: dict[str, tuple[str | int, ...]] = {}
    for part_id, path in item.parts():
        if part_id in seen:
            first = seen[part_id]
            problems.append(Problem(*item.where(*path, "id"), f"deel-id '{part_id}' komt twee keer voor in dit "
                                    f"bestand (ook op regel {item.line(*first, 'id')}); elk deel heeft een eigen id",
                                    field=field_name(path) + ".id"))
        else:
            seen[part_id] = path
    for number, line in mdcheck.prose(item.body):
        for anchor in mdcheck.ATTR_ANCHOR.findall(line):
            where = item.body_line + number - 1
            if anchor.startswith("ld-"):
                problems.append(Problem(item.display_path, where, f"anker '#{anchor}': ankers die met 'ld-' beginnen "
                                        "zijn voorbehouden voor wat de site zelf toevoegt; kies een andere naam"))
            if anchor in seen:
                problems.append(Problem(item.display_path, where, f"anker '#{anchor}' is al een deel-id van dit "
                                                                  "bestand"))
            seen[anchor] = ("<body>",)
    return problems


def _references(item: Item, by_id: dict[str, Item], loaded: Loaded,
                known: dict[str, Any]) -> tuple[list[Problem], list[Problem]]:
    data = item.data
    problems: list[Problem | None] = []
    infos: list[Problem] = []

    def ref(path: tuple[str | int, ...], target: str, kinds: tuple[str, ...], what: str, dropped: str) -> None:
        stem, _, part = target.partition("#")
        where = item.where(*path)
        if stem in loaded.hidden:
            infos.append(Problem(*where, f"'{stem}' is verborgen ({loaded.hidden[stem].hidden_by}); {dropped}",
                                 field=field_name(path)))
            return
        found = by_id.get(stem)
        if found is None:
            if stem not in loaded.failed:  # a file that failed has its own error already
                problems.append(Problem(*where, f"verwijst naar '{stem}', maar {what} met die id bestaat niet",
                                        field=field_name(path)))
            return
        if kinds and found.kind not in kinds:
            problems.append(Problem(*where, f"verwijst naar '{stem}' ({found.kind}), maar verwacht {what}",
                                    field=field_name(path)))
        elif part and part not in {p for p, _ in found.parts()} | anchors(found, ()):
            problems.append(Problem(*where, f"verwijst naar '{target}', maar {found.display_path} heeft geen deel "
                                            f"met id '{part}'", field=field_name(path)))

    for i, bron in enumerate(getattr(data, "bronnen", ()) or ()):
        ref(("bronnen", i, "bron"), bron.bron, ("bron",), "een bron", "de bronvermelding valt weg")
    for i, target in enumerate(getattr(data, "verwant", ()) or ()):
        ref(("verwant", i), target, (), "een item", "het valt weg uit 'Zie ook'")
    if item.kind == "activiteit":
        ref(("aanbeveling",), data.aanbeveling, ("aanbeveling",), "een aanbeveling", "")
    if item.kind == "bundel":
        blocks = [(i, b) for i, b in enumerate(data.blokken) if b.item is not None]
        for i, blok in blocks:
            ref(("blokken", i, "item"), blok.item, ("activiteit", "tipgroep", "instrument"),
                "een activiteit, tipgroep of instrument", "dit blok valt weg uit het programma")
        if blocks and all(b.item.partition("#")[0] in loaded.hidden for _, b in blocks):
            problems.append(Problem(*item.where("blokken"), "alle items van dit programma zijn verborgen, dus het is "
                                    "leeg; verberg ook het programma of geef het een eigen blok", field="blokken"))
    for i, value in enumerate(getattr(data, "doelgroep", ()) or ()):
        problems.append(_closed(item, ("doelgroep", i), value, known["doelgroep"], "_data/doelgroepen.yml"))
    if getattr(data, "werkvorm", None):
        problems.append(_closed(item, ("werkvorm",), data.werkvorm, known["werkvorm"], "_data/werkvormen.yml"))
    if item.kind == "instrument" and data.schaal:
        problems.append(_closed(item, ("schaal",), data.schaal, known["schaal"], "_data/schalen.yml"))
    for i, veld in enumerate(getattr(data, "invulvelden", ()) or ()):
        if veld.schaal:
            problems.append(_closed(item, ("invulvelden", i, "schaal"), veld.schaal, known["schaal"],
                                    "_data/schalen.yml"))
    return [p for p in problems if p is not None], infos


def _closed(item: Item, path: tuple[str | int, ...], value: str, allowed: dict[str, Any], where: str) -> Problem | None:
    if value in allowed:
        return None
    return Problem(*item.where(*path), f"verwacht een van {', '.join(sorted(allowed))} (uit content/{where} of "
                                       f"lokaal/content/{where}); kreeg '{value}'", field=field_name(path))


def _durations(item: Item) -> list[Problem]:
    if item.kind != "activiteit":
        return []
    data = item.data
    total = sum(stap.minuten for stap in data.stappen)
    if abs(total - data.duur) <= TOLERANCE * data.duur:
        return []
    return [Problem(*item.where("stappen"), f"de stappen duren samen {total} minuten, maar 'duur' is {data.duur}; "
                                            "dat mag hoogstens 10 % verschillen", field="stappen")]


def _scoring(item: Item) -> list[Problem]:
    """A scoring rule names only parts the form has: nodes to group by, parts that carry a score."""
    rules = getattr(item.data, "scoring", ()) or ()
    if not rules:
        return []
    nodes = {p for p, path in item.parts() if path[0] == "onderdelen"}
    scored = set(scored_parts(item))
    problems = []
    if not scored:
        problems.append(Problem(*item.where("scoring"), "er valt niets te scoren: een instrument heeft een 'schaal' "
                                "en onderdelen met een score nodig, een activiteit invulvelden van soort 'schaal'",
                                field="scoring"))
    for i, rule in enumerate(rules):
        for j, node in enumerate(rule.per):
            if node not in nodes:
                problems.append(Problem(*item.where("scoring", i, "per", j), f"onbekend onderdeel '{node}'; noem "
                                        "een id uit 'onderdelen'", field=field_name(("scoring", i, "per", j))))
        for j, groep in enumerate(rule.groepen):
            for k, part in enumerate(groep.delen):
                if part not in scored:
                    where = ("scoring", i, "groepen", j, "delen", k)
                    problems.append(Problem(*item.where(*where), f"onbekend deel '{part}': noem een deel dat een "
                                            "score krijgt (een veld van soort 'schaal' of een onderdeel met een "
                                            "score)", field=field_name(where)))
    return problems


def scored_parts(item: Item) -> list[str]:
    """The parts that take a score: an instrument's scored nodes (with a scale), an activity's scale fields."""
    if item.kind == "instrument" and item.data.schaal:
        found: list[str] = []

        def walk(nodes: tuple[Onderdeel, ...]) -> None:
            for node in nodes:
                if node.scored:
                    found.append(node.id)
                walk(node.onderdelen)

        walk(item.data.onderdelen)
        return found
    if item.kind == "activiteit":
        return [v.id for v in item.data.invulvelden if v.soort == "schaal"]
    return []


def _tree_depth(item: Item) -> list[Problem]:
    if item.kind != "instrument":
        return []
    problems = []

    def walk(nodes: tuple[Onderdeel, ...], path: tuple[str | int, ...], depth: int) -> None:
        for i, node in enumerate(nodes):
            if depth > len(NIVEAUS):
                problems.append(Problem(*item.where(*path, i), "een instrument heeft hoogstens vier niveaus "
                                        "(dimensie → cluster → indicator → kenmerk)", field=field_name((*path, i))))
                return
            walk(node.onderdelen, (*path, i, "onderdelen"), depth + 1)

    walk(item.data.onderdelen, ("onderdelen",), 1)
    return problems


def _texts(item: Item, pages: dict[str, Item], page_anchors: dict[str, set[str]], hidden: dict[str, str],
           assets: set[str], roles: dict[str, Any]) -> tuple[list[Problem], list[Problem]]:
    problems: list[Problem] = []
    infos: list[Problem] = []
    page = item.page_uri
    texts: list[tuple[tuple[str | int, ...], str, int]] = [((), item.body, item.body_line)] if item.body else []
    texts += [(path, text, 0) for path, text in mdcheck.strings(item.data)]
    for path, text, first in texts:
        kind = "markdown" if not path else mdcheck.text_kind(path)
        if not kind:
            continue
        display, line = (item.display_path, first) if not path else item.where(*path)
        offset = -1 if not path else (0 if "\n" in text else None)  # a block scalar starts on the next line
        field = field_name(path) if path else ""

        def at(n: int) -> int:
            return line if offset is None else line + n + offset  # noqa: B023

        for finding in mdcheck.text_findings(kind, text):
            problems.append(Problem(display, at(finding.line), finding.message, field=field))
        if kind == "markdown":
            for number, line_text in mdcheck.prose(text):
                for role in CONTACT.findall(line_text):
                    if role[1] not in roles:
                        problems.append(Problem(display, at(number), f"onbekende rol '{role[1]}' in een "
                                                f"contact-link; kies uit {', '.join(sorted(roles))} "
                                                "(content/_data/rollen.yml)", field=field))
            for link in check_links(text, page, pages, page_anchors, hidden, assets):
                target = infos if link.hidden else problems
                target.append(Problem(display, at(link.line), link.message, field=field))
    return problems, infos
