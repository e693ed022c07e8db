"""`leidraad check | new | explain`: the same loader and validator as the build, without MkDocs.

Exit codes: 0 all good, 1 content problems, 2 wrong use of the command.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .errors import internal
from .kinds import FOLDER_KINDS
from .problems import Problem, format_problems
from .validate import check

KIND_FOLDERS = {kind: folder for folder, kind in FOLDER_KINDS.items()}


class DutchParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"leidraad: fout in het commando: {message}\n")


def _github(kind: str, problem: Problem) -> str:
    """A problem as a GitHub Actions annotation on its file and line."""
    message = problem.message if not problem.field else f"veld '{problem.field}': {problem.message}"
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={problem.path},line={problem.line},title=leidraad::{message}"


def cmd_check(args: argparse.Namespace) -> int:
    checked = check(Path(args.map))
    if args.formaat == "github":
        for found, kind in ((checked.problems, "error"), (checked.warnings + checked.notices, "warning"),
                            (checked.infos, "notice")):
            for problem in found:
                print(_github(kind, problem))
    for info in checked.infos:
        print(f"informatie: {info}", file=sys.stderr)
    for warning in [*checked.notices, *checked.warnings]:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    if checked.problems:
        print(format_problems(checked.problems), file=sys.stderr)
        return 1
    if args.strikt and checked.warnings:
        print(f"{len(checked.warnings)} waarschuwing(en); met --strikt telt dat als fout.", file=sys.stderr)
        return 1
    site = checked.site
    print(f"Inhoud in orde: {len(site.items)} items, {len(site.hidden)} verborgen.")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    root = Path(args.map)
    if args.soort not in KIND_FOLDERS and args.soort != "pagina":
        print(
            f"leidraad: onbekende soort '{args.soort}'; kies uit: " + ", ".join(["pagina", *sorted(KIND_FOLDERS)]),
            file=sys.stderr,
        )
        return 2
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", args.naam):
        print(f"leidraad: '{args.naam}' is geen geldige naam; gebruik kleine letters, cijfers en '-'", file=sys.stderr)
        return 2
    archetype = root / "lokaal" / "archetypes" / f"{args.soort}.md"
    if not archetype.exists():
        archetype = root / "archetypes" / f"{args.soort}.md"
    if not archetype.exists():
        print(f"leidraad: geen sjabloon archetypes/{args.soort}.md gevonden", file=sys.stderr)
        return 2
    folder = KIND_FOLDERS.get(args.soort, "over")
    suffix = ".yml" if folder in ("bronnen", "bundels") else ".md"
    fork = (root / "lokaal" / "school.yml").exists()
    base = root / "lokaal" / "content" if args.lokaal or fork else root / "content"
    target = base / folder / f"{args.naam}{suffix}"
    upstream = root / "content" / folder / f"{args.naam}{suffix}"
    for existing in (target, upstream):
        if existing.exists():
            print(f"leidraad: {existing.relative_to(root)} bestaat al; kies een andere naam (een upstream-item "
                  "pas je aan met `leidraad override`)", file=sys.stderr)
            return 2
    text = archetype.read_text(encoding="utf-8").replace("{{ naam }}", args.naam)
    if base != root / "content":  # the school's own item: credited to the school, never to upstream's sources
        text = re.sub(r"^herkomst:.*\n", "", text, flags=re.M)
        text = text.replace("\n", "\nherkomst: school\n", 1) if text.startswith("---\n") else \
            "herkomst: school\n" + text
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    where = "de lokale laag van je school" if base != root / "content" else "de upstream-inhoud"
    print(f"Nieuw bestand in {where}: {target.relative_to(root)}")
    return 0


def _site_config(root: Path) -> dict[str, str]:
    """site_name and site_url as MkDocs reads them from mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    return {"site_name": config.site_name, "site_url": config.site_url or ""}


def cmd_pdf(args: argparse.Namespace) -> int:
    from .pdf import PdfBuilder
    from .printing import Edition, Sheets, edition_date
    from .sheets import trainer_bundles

    root = Path(args.map).resolve()
    checked = check(root)
    if checked.problems:
        print(format_problems(checked.problems), file=sys.stderr)
        return 1
    path = Path(args.bundel)
    stem = path.name.rsplit(".", 1)[0]
    item = checked.site.items.get(stem)
    if item is None or item.kind != "bundel":
        print(f"leidraad: {args.bundel} is geen programma in content/bundels/ (verwacht bv. "
              "content/bundels/studiedag.yml)", file=sys.stderr)
        return 2
    config = _site_config(root)
    school = checked.site.school
    templates = [root / "lokaal" / "templates", root / "templates"]
    sheets = Sheets(site=checked.site, root=root, template_dirs=templates,
                    edition=Edition(school.naam if school else config["site_name"],
                                    school.adres if school else config["site_url"], edition_date(root)))
    out = Path(args.uit)
    bundles = trainer_bundles(checked.site, item)
    PdfBuilder(sheets, root=root, cache_dir=root / ".cache" / "leidraad", template_dirs=templates).build(
        out, only=bundles, progress=print)
    for bundle in bundles:
        print(f"Geschreven: {out / bundle.pdf_url}")
    return 0


def cmd_school(args: argparse.Namespace) -> int:
    from .scaffold import write_profile

    print(write_profile(Path(args.map)))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .school import SCHEMA, schema

    target = Path(args.map) / SCHEMA
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema(), encoding="utf-8")
    print(f"Geschreven: {SCHEMA.as_posix()}")
    return 0


def cmd_override(args: argparse.Namespace) -> int:
    from .scaffold import override

    if not args.velden and not args.vervang:
        print("leidraad: noem de velden die je wilt aanpassen (bv. doel, stappen#opening.tekst, inhoud), of "
              "--vervang voor het hele bestand", file=sys.stderr)
        return 2
    message = override(Path(args.map), args.pad, args.velden, args.vervang)
    print(message, file=sys.stdout if message.startswith("Nieuw") else sys.stderr)
    return 0 if message.startswith("Nieuw") else 1


def cmd_confirm(args: argparse.Namespace) -> int:
    from .scaffold import confirm

    message = confirm(Path(args.map), args.pad)
    print(message, file=sys.stdout if message.startswith("Bevestigd") else sys.stderr)
    return 0 if message.startswith("Bevestigd") else 1


def cmd_zip(args: argparse.Namespace) -> int:
    from .archive import make_zip

    print(make_zip(Path(args.map), Path(args.site), Path(args.uit)))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain

    print(explain(Path(args.map), args.pad))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = DutchParser(prog="leidraad", description="Controleer en beheer de inhoud van een leidraad-site.")
    parser.add_argument("--map", default=".", help="de map van de repository (standaard: hier)")
    sub = parser.add_subparsers(dest="commando", required=True, parser_class=DutchParser)
    p = sub.add_parser("check", help="controleer alle inhoud zonder de site te bouwen")
    p.add_argument("--strikt", action="store_true", help="waarschuwingen tellen als fouten")
    p.add_argument("--formaat", choices=("tekst", "github"), default="tekst",
                   help="github: ook als opmerkingen bij bestand en regel in GitHub Actions")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("new", help="maak een nieuw item vanuit een sjabloon")
    p.add_argument("soort", help="pagina, aanbeveling, activiteit, factor, tipgroep, instrument, bron of bundel")
    p.add_argument("naam", help="de bestandsnaam zonder extensie; wordt de id en het adres")
    p.add_argument("--lokaal", action="store_true",
                   help="maak het in lokaal/content/ (gebeurt vanzelf in een fork met lokaal/school.yml)")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("pdf", help="maak de twee PDF's (deelnemersmap, draaiboek) van één programma")
    p.add_argument("bundel", help="het programma, bv. content/bundels/studiedag.yml")
    p.add_argument("--uit", default="site", help="map waarin pdf/ komt (standaard: site)")
    p.set_defaults(func=cmd_pdf)
    p = sub.add_parser("school", help="maak lokaal/school.yml, het profiel van je school")
    p.set_defaults(func=cmd_school)
    p = sub.add_parser("schema", help="schrijf schemas/school.schema.json (voor aanvulling in je editor)")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("override", help="pas één of meer velden van een upstream-item aan in lokaal/")
    p.add_argument("pad", help="pad in content/, bv. activiteiten/x.md")
    p.add_argument("velden", nargs="*", help="bv. doel, stappen#opening.tekst of inhoud (de tekst)")
    p.add_argument("--vervang", action="store_true", help="vervang het hele bestand (vervangt: true)")
    p.set_defaults(func=cmd_override)
    p = sub.add_parser("confirm", help="bevestig dat een aanpassing verder bouwt op de huidige upstream-versie")
    p.add_argument("pad", help="het lokale bestand, bv. lokaal/content/activiteiten/x.md")
    p.set_defaults(func=cmd_confirm)
    p = sub.add_parser("zip", help="maak een zip van de gebouwde site (voor een eigen webserver of offline)")
    p.add_argument("--site", default="site", help="de gebouwde site (standaard: site)")
    p.add_argument("--uit", default="leidraad-site.zip", help="het zipbestand (standaard: leidraad-site.zip)")
    p.set_defaults(func=cmd_zip)
    p = sub.add_parser("explain", help="zeg welke laag (lokaal of upstream) een bestand levert")
    p.add_argument("pad", help="pad in content/, bv. activiteiten/x.md")
    p.set_defaults(func=cmd_explain)
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - never a traceback: one Dutch line and exit 1
        print(f"leidraad: {internal(exc, f'leidraad {args.commando}')}", file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    sys.exit(main())
