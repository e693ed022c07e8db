"""Printable sheets as lean HTML: one Jinja document (`print/blad.html`) around a fragment per sheet kind, the
print CSS and the shipped font. The HTML versions (`/blad/<name>/`) are written in every build; `pdf.py` turns
the same HTML into PDFs when PDFs are built. Content's Markdown is sanitized here, like on the site.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown as md
import segno
from markupsafe import Markup

from .model import Site, display_title
from .pages import activities_of, credit, main_sources, source_line
from .sanitize import clean
from .sheets import PRIVACY_NOTE, Bundle, Sheet, all_bundles, all_sheets, names_pupils

PRINT_DIR = "print"  # under templates/ (and lokaal/templates/)
ASSETS = "@@leidraad-assets@@/"  # stands for the folder that holds assets/ until a sheet is written
LOGO = "@@leidraad-logo@@"  # stands for the school's logo until a sheet is written
FONT_DIR = Path("assets") / "fonts"
SHEET_LOGO = "assets/school/logo"  # where the site publishes the school's logo (+ its suffix)


@dataclass(frozen=True)
class Edition:
    """What the footer says about this print run."""

    site_name: str
    site_url: str
    date: str  # dd-mm-jjjj

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url.lstrip("/")


def edition_date(root: Path) -> str:
    """The edition: SOURCE_DATE_EPOCH, else the last commit's date, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                                   timeout=10).stdout.strip()
        except OSError:
            epoch = ""
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return when.strftime("%d-%m-%Y")


_INLINE = md.Markdown(extensions=["attr_list"])
_BLOCK = md.Markdown(extensions=["attr_list", "tables", "sane_lists", "admonition", "def_list"])


def _convert(converter: md.Markdown, text: str | None) -> str:
    """One Markdown instance per flavour, reset between texts: building one per field cost more than converting."""
    try:
        return converter.convert(text or "")
    finally:
        converter.reset()


@functools.lru_cache(maxsize=2048)
def _inline(text: str | None) -> Markup:
    """Inline Markdown (emphasis, links) of a content field, without the surrounding paragraph; sanitized.
    Cached: a participant's sheet and its facilitator's sheet, rendered one after the other, share their fields."""
    html = clean(_convert(_INLINE, text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)  # noqa: S704 - sanitized: content's HTML passes the allowlist


def _block(text: str | None) -> Markup:
    return Markup(clean(_convert(_BLOCK, text)))  # noqa: S704 - sanitized


@functools.lru_cache(maxsize=4096)
def _qr(url: str) -> Markup:
    """The QR code of an address (a sheet and its facilitator's version share one)."""
    svg = segno.make(url, error="m").svg_inline(scale=1, border=0, omitsize=True)
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="QR-code naar de online versie" ', 1))  # noqa: S704


def css_string(text: str) -> Markup:
    """A text as a CSS string inside a <style> element: quotes, backslashes, line ends and '<' escaped."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>\n\r' else ch for ch in " ".join(str(text).split()))
    return Markup(f'"{escaped}"')  # noqa: S704 - every character that could end the string or the element escaped


def score_columns(schaal: Any) -> list[dict[str, str]]:
    """The boxes of a scored row: every value of the scale (with the halves between them when the scale allows
    half scores), then 'niet observeerbaar' when it has one."""
    values = [w.waarde for w in schaal.waarden] if schaal else []
    columns = []
    for i, value in enumerate(values):
        columns.append({"waarde": str(value), "label": str(value)})
        if schaal.halve_scores and i + 1 < len(values) and values[i + 1] == value + 1:
            columns.append({"waarde": f"{value}.5", "label": f"{value},5"})
    if schaal and schaal.niet_observeerbaar:
        columns.append({"waarde": "NO", "label": schaal.niet_observeerbaar.code})
    return columns


def _footer_text(ctx: dict[str, Any]) -> str:
    sources = "; ".join(b["tekst"] for b in ctx["bronregel"][:3])
    credit = f"Uitgewerkt door {ctx['uitgewerkt']}" if ctx["uitgewerkt"] else ""
    edition = ctx["edition"]
    parts = [f"Bron: {sources}" if sources else "", credit,
             f"Tekst: CC BY 4.0 · {edition.site_name} · editie {edition.date}", f"Online: {ctx['online']}"]
    return " · ".join(p for p in parts if p)


def _rows(nodes: Any, depth: int) -> Iterable[tuple[int, Any]]:
    for node in nodes:
        yield depth, node
        yield from _rows(node.onderdelen, depth + 1)


TEMPLATES = {"deelnemer": "activiteit.html", "begeleider": "activiteit.html", "checklist": "checklist.html",
             "tips-begeleider": "tips-begeleider.html", "formulier": "formulier.html",
             "overzicht-aanbevelingen": "overzicht-aanbevelingen.html",
             "overzicht-factoren": "overzicht-factoren.html"}


class Sheets:
    """The sheets and bundles of one site, as HTML."""

    def __init__(self, *, site: Site, root: Path, edition: Edition, template_dirs: Iterable[Path]) -> None:
        self.site, self.root, self.edition = site, root, edition
        dirs = [d / PRINT_DIR for d in template_dirs if (d / PRINT_DIR).is_dir()]
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
                                      autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                      undefined=jinja2.StrictUndefined)
        self.env.filters["md"] = _inline
        self.env.filters["mdblok"] = _block
        self.env.filters["css_string"] = css_string
        self.css = self.env.loader.get_source(self.env, "blad.css")[0]  # type: ignore[union-attr]
        self.sheets = {s.name: s for s in all_sheets(site)}
        self.bundles = all_bundles(site)
        school = site.school
        self.logo_path = root / "lokaal" / school.logo if school is not None and school.logo else None
        self._html: dict[str, str] = {}

    def context(self, sheet: Sheet) -> dict[str, Any]:
        site = self.site
        item = site.items[sheet.item] if sheet.item else None
        school = site.school
        ctx: dict[str, Any] = {"sheet": sheet, "item": item, "data": item.data if item else None,
                               "edition": self.edition, "site": site, "school": school, "logo": LOGO,
                               "assets": ASSETS, "voettekst": "",
                               "bronregel": source_line(site, item) if item else self._section_sources(sheet),
                               "uitgewerkt": credit(item, school.kort if school else "") if item else "",
                               "qr": _qr(self.edition.absolute(sheet.page_url)),
                               "online": self.edition.absolute(sheet.page_url), "privacy": None}
        ctx["voettekst"] = _footer_text(ctx)
        if item is not None and names_pupils(item):
            ctx["privacy"] = getattr(item.data, "privacy", None) or PRIVACY_NOTE
        if item is not None and item.kind == "activiteit":
            aanbeveling = site.items[item.data.aanbeveling]
            ctx.update(aanbeveling=aanbeveling, aanbeveling_titel=display_title(aanbeveling),
                       doelgroep=", ".join(site.doelgroepen[g] for g in item.data.doelgroep),
                       werkvorm=site.werkvormen[item.data.werkvorm], schalen=site.schalen)
        if item is not None and item.kind == "tipgroep":
            ctx["doelgroep"] = ", ".join(site.doelgroepen[g] for g in item.data.doelgroep)
        if item is not None and item.kind == "instrument":
            schaal = site.schalen.get(item.data.schaal) if item.data.schaal else None
            ctx.update(schaal=schaal, rijen=list(_rows(item.data.onderdelen, 1)), kolommen=score_columns(schaal))
        if sheet.kind == "overzicht-aanbevelingen":
            ctx["aanbevelingen"] = [(a, activities_of(site, a.stem)) for a in site.of_kind("aanbeveling")]
        if sheet.kind == "overzicht-factoren":
            ctx["factoren"] = site.of_kind("factor")
        return ctx

    def _section_sources(self, sheet: Sheet) -> list[dict[str, str]]:
        kind = "aanbeveling" if sheet.kind == "overzicht-aanbevelingen" else "factor"
        return [{"tekst": s["tekst"], "url": s["url"]} for s in main_sources(self.site, self.site.of_kind(kind))]

    def sheet_html(self, sheet: Sheet, *, keep: bool = True) -> str:
        """The sheet's HTML, with ASSETS and LOGO where the PDF and the web page each put their own address; kept
        for the PDFs unless `keep` is false."""
        if sheet.name in self._html:
            return self._html[sheet.name]
        html = self.env.get_template("blad.html").render(**self.context(sheet), template=TEMPLATES[sheet.kind],
                                                         css=self._css())
        if keep:
            self._html[sheet.name] = html
        return html

    def _css(self) -> Markup:
        return Markup(self.css.replace("{{ root }}", ASSETS))  # noqa: S704 - our own stylesheet

    def cover_html(self, bundle: Bundle, toc: list[tuple[str, int]]) -> str:
        return self.env.get_template("omslag.html").render(
            bundle=bundle, toc=toc, edition=self.edition, qr=_qr(self.edition.absolute(bundle.page_url)),
            online=self.edition.absolute(bundle.page_url), css=self._css(), school=self.site.school, logo=LOGO)

    def write_pages(self, out: Path, *, keep: bool = True) -> None:
        """The HTML version of every sheet, at /blad/<name>/ (in every build, with or without PDFs); `keep`: hold
        the HTML for the PDFs."""
        logo = f"../../{SHEET_LOGO}{self.logo_path.suffix}" if self.logo_path else ""
        for name, sheet in sorted(self.sheets.items()):
            page = out / "blad" / name / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            html = self.sheet_html(sheet, keep=keep).replace(ASSETS, "../../").replace(LOGO, logo)
            page.write_text(html, encoding="utf-8")
