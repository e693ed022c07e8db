"""Print: sheets as lean HTML (one Jinja template, print CSS, shipped font) and as PDFs (WeasyPrint).

Sheet PDFs are cached outside `site/` under a hash of everything that goes into them (the rendered HTML, which
holds the content and the template output, the CSS, the font files and the engine version); only cache misses
are rendered, in up to two processes. Bundles are assembled from the cached sheet PDFs with pypdf behind a
rendered cover and table of contents, so a bundle never renders its sheets again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markdown as md
import segno
from markupsafe import Markup

from . import __version__
from .fetcher import allowlist
from .model import Site, display_title
from .pages import activities_of, source_line
from .sanitize import clean
from .sheets import PRIVACY_NOTE, Bundle, Sheet, all_bundles, all_sheets, names_pupils

log = logging.getLogger("mkdocs.plugins.leidraad.printing")
Job = tuple[str, str, str, str, dict[str, str]]  # name, HTML, target PDF, base URL, allowed files

PRINT_DIR = "print"  # under templates/ (and lokaal/templates/)
ASSETS = "@@leidraad-assets@@/"  # stands for the folder that holds assets/ until a sheet is written
FONT_DIR = Path("assets") / "fonts"


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


@dataclass
class Report:
    rendered: list[str] = field(default_factory=list)  # sheet names rendered anew
    cached: list[str] = field(default_factory=list)
    bundles_assembled: list[str] = field(default_factory=list)
    bundles_cached: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)  # pdf name -> page count

    def summary(self) -> str:
        return (f"PDF: {len(self.rendered) + len(self.cached)} bladen ({len(self.rendered)} opnieuw gemaakt, "
                f"{len(self.cached)} uit de cache), {len(self.bundles_assembled) + len(self.bundles_cached)} bundels "
                f"({len(self.bundles_assembled)} opnieuw samengesteld, {len(self.bundles_cached)} uit de cache)")


def _inline(text: str | None) -> Markup:
    """Inline Markdown (emphasis, links) of a content field, without the surrounding paragraph; sanitized."""
    html = clean(md.markdown(text or "", extensions=["attr_list"])).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)  # noqa: S704 - sanitized: content's HTML passes the allowlist


def _block(text: str | None) -> Markup:
    html = md.markdown(text or "", extensions=["attr_list", "tables", "sane_lists", "admonition", "def_list"])
    return Markup(clean(html))  # noqa: S704 - sanitized


def _qr(url: str) -> Markup:
    svg = segno.make(url, error="m").svg_inline(scale=1, border=0, omitsize=True)
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="QR-code naar de online versie" ', 1))  # noqa: S704


class Printer:
    """Renders sheets and bundles of one site."""

    def __init__(self, *, site: Site, root: Path, edition: Edition, cache_dir: Path,
                 template_dirs: Iterable[Path]) -> None:
        self.site = site
        self.root = root
        self.edition = edition
        self.cache = cache_dir
        dirs = [d / PRINT_DIR for d in template_dirs if (d / PRINT_DIR).is_dir()]
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
                                      autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                      undefined=jinja2.StrictUndefined)
        self.env.filters["md"] = _inline
        self.env.filters["mdblok"] = _block
        self.css = self.env.loader.get_source(self.env, "blad.css")[0]  # type: ignore[union-attr]
        self.font_dir = next((d / FONT_DIR for d in template_dirs if (d / FONT_DIR).is_dir()), None)
        fonts = b"".join(p.read_bytes() for p in sorted(self.font_dir.glob("*.woff"))) if self.font_dir else b""
        self.fingerprint = hashlib.sha256(fonts + self.css.encode() + __version__.encode()).hexdigest()
        self.sheets = {s.name: s for s in all_sheets(site)}
        self.bundles = all_bundles(site)
        content = root / "content"
        self.base_url = content.resolve().as_uri() + "/"  # relative image links in content resolve here
        font_dirs = [d / FONT_DIR for d in template_dirs]
        self.allowed = allowlist(font_dirs, [content.resolve()], dict(site.static), [])

    # --- HTML ---------------------------------------------------------------------------------------

    def context(self, sheet: Sheet) -> dict[str, Any]:
        item = self.site.items[sheet.item] if sheet.item else None
        ctx: dict[str, Any] = {"sheet": sheet, "item": item, "data": item.data if item else None,
                               "edition": self.edition, "site": self.site,
                               "bronregel": source_line(self.site, item) if item else self._section_sources(sheet),
                               "qr": _qr(self.edition.absolute(sheet.page_url)),
                               "online": self.edition.absolute(sheet.page_url),
                               "privacy": None}
        if item is not None and names_pupils(item):
            ctx["privacy"] = getattr(item.data, "privacy", None) or PRIVACY_NOTE
        if item is not None and item.kind == "activiteit":
            aanbeveling = self.site.items[item.data.aanbeveling]
            ctx.update(aanbeveling=aanbeveling, aanbeveling_titel=display_title(aanbeveling),
                       doelgroep=", ".join(self.site.doelgroepen[g] for g in item.data.doelgroep),
                       werkvorm=self.site.werkvormen[item.data.werkvorm], schalen=self.site.schalen)
        if item is not None and item.kind == "tipgroep":
            ctx["doelgroep"] = ", ".join(self.site.doelgroepen[g] for g in item.data.doelgroep)
        if item is not None and item.kind == "instrument":
            ctx["schaal"] = self.site.schalen.get(item.data.schaal) if item.data.schaal else None
            ctx["rijen"] = list(_rows(item.data.onderdelen, 1))
        if sheet.kind == "overzicht-aanbevelingen":
            ctx["aanbevelingen"] = [(a, activities_of(self.site, a.stem)) for a in self.site.of_kind("aanbeveling")]
        if sheet.kind == "overzicht-factoren":
            ctx["factoren"] = self.site.of_kind("factor")
        return ctx

    def _section_sources(self, sheet: Sheet) -> list[dict[str, str]]:
        """An overview credits the main source of its items (the first each item names), without parts."""
        kind = "aanbeveling" if sheet.kind == "overzicht-aanbevelingen" else "factor"
        seen: dict[str, dict[str, str]] = {}
        for item in self.site.of_kind(kind):
            if item.data.bronnen:
                stem = item.data.bronnen[0].bron
                bron = self.site.items[stem].data
                seen.setdefault(stem, {"tekst": f"{bron.kort or bron.uitgever} ({bron.jaartal}), "
                                                f"{bron.korte_titel or bron.titel}", "url": f"bronnen/#{stem}"})
        return list(seen.values())

    def sheet_html(self, sheet: Sheet) -> str:
        """The sheet's HTML, with ASSETS where the PDF and the web page each put their own asset folder."""
        return self.env.get_template("blad.html").render(**self.context(sheet), css=self._css())

    def _css(self) -> Markup:
        return Markup(self.css.replace("{{ root }}", ASSETS))  # noqa: S704 - our own stylesheet

    def cover_html(self, bundle: Bundle, toc: list[tuple[str, int]]) -> str:
        template = self.env.get_template("omslag.html")
        return template.render(bundle=bundle, toc=toc, edition=self.edition,
                               qr=_qr(self.edition.absolute(bundle.page_url)),
                               online=self.edition.absolute(bundle.page_url),
                               css=self._css())

    # --- PDF ----------------------------------------------------------------------------------------

    def _font_root(self) -> str:
        return (self.font_dir.parent.parent.resolve().as_uri() + "/") if self.font_dir else ""

    def _key(self, html: str) -> str:
        return hashlib.sha256((self.fingerprint + html).encode()).hexdigest()[:32]

    def build(self, out: Path, *, only: Iterable[Bundle] | None = None, workers: int = 2,
              progress: Callable[[str], None] = log.info, html_pages: bool = True) -> Report:
        """Write sheet PDFs (and their HTML pages) and bundle PDFs into out/pdf and out/blad."""
        report = Report()
        bundles = list(only) if only is not None else self.bundles
        names = sorted({n for b in bundles for n in b.sheets}) if only is not None else sorted(self.sheets)
        (self.cache / "bladen").mkdir(parents=True, exist_ok=True)
        (self.cache / "bundels").mkdir(parents=True, exist_ok=True)
        pdf_dir = out / "pdf"
        pdf_dir.mkdir(parents=True, exist_ok=True)
        font_root = self._font_root()
        jobs: list[Job] = []
        keys: dict[str, str] = {}
        pages: dict[str, str] = {}
        for name in names:
            pages[name] = self.sheet_html(self.sheets[name])
            html = pages[name].replace(ASSETS, font_root)
            keys[name] = key = self._key(html)
            target = self.cache / "bladen" / f"{key}.pdf"
            if target.exists():
                report.cached.append(name)
            else:
                jobs.append((name, html, str(target), self.base_url, self.allowed))
        jobs.sort(key=lambda job: -len(job[1]))  # longest first, so no long sheet is left for last
        with _Pool(workers) as pool:
            pool.render(jobs, progress, label=len(jobs))
            if html_pages:  # meanwhile, the HTML version of every sheet
                for name in names:
                    page = out / "blad" / name / "index.html"
                    page.parent.mkdir(parents=True, exist_ok=True)
                    page.write_text(pages[name].replace(ASSETS, "../../"), encoding="utf-8")
            pool.wait()
            report.rendered = [job[0] for job in jobs]
            for name in names:
                shutil.copyfile(self.cache / "bladen" / f"{keys[name]}.pdf", pdf_dir / f"{name}.pdf")
                report.pages[name] = _page_count(pdf_dir / f"{name}.pdf")
            covers = self._covers(bundles, report, pool)
        for bundle in bundles:
            self._assemble(bundle, covers[bundle.name], keys, report, pdf_dir)
        progress(report.summary())
        return report

    def _covers(self, bundles: list[Bundle], report: Report, pool: _Pool) -> dict[str, Path]:
        """Render every bundle's cover and contents (in parallel); the cover's length shifts the page numbers."""
        font_root = self._font_root()
        pages = {b.name: 1 for b in bundles}
        found: dict[str, Path] = {}
        pending = list(bundles)
        for _ in range(3):
            jobs = []
            for bundle in pending:
                toc, page = [], pages[bundle.name] + 1
                for name in bundle.sheets:
                    toc.append((self.sheets[name].title, page))
                    page += report.pages[name]
                html = self.cover_html(bundle, toc).replace(ASSETS, font_root)
                found[bundle.name] = cover = self.cache / "bladen" / f"{self._key(html)}.pdf"
                if not cover.exists():
                    jobs.append((f"{bundle.name} (omslag)", html, str(cover), self.base_url, self.allowed))
            pool.render(jobs, lambda _: None, label=0)
            pool.wait()
            pending = [b for b in pending if _page_count(found[b.name]) != pages[b.name]]
            for bundle in pending:
                pages[bundle.name] = _page_count(found[bundle.name])
            if not pending:
                break
        return found

    def _assemble(self, bundle: Bundle, cover: Path, keys: dict[str, str], report: Report, pdf_dir: Path) -> None:
        from pypdf import PdfWriter

        parts = [cover] + [self.cache / "bladen" / f"{keys[name]}.pdf" for name in bundle.sheets]
        bundle_key = hashlib.sha256("".join(p.name for p in parts).encode()).hexdigest()[:32]
        target = self.cache / "bundels" / f"{bundle_key}.pdf"
        if target.exists():
            report.bundles_cached.append(bundle.name)
        else:
            writer = PdfWriter()
            for part in parts:
                writer.append(str(part))
            writer.add_metadata({"/Title": f"{bundle.title} – {bundle.variant_label}"})
            tmp = target.with_suffix(".tmp")
            with tmp.open("wb") as handle:
                writer.write(handle)
            tmp.replace(target)
            report.bundles_assembled.append(bundle.name)
        shutil.copyfile(target, pdf_dir / f"{bundle.name}.pdf")
        report.pages[bundle.name] = _page_count(target)


class _Pool:
    """Up to `workers` processes rendering PDFs; a single worker renders in this process."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.executor: ProcessPoolExecutor | None = None
        self.futures: list[Future[str]] = []
        self.done = 0
        self.total = 0
        self.progress: Callable[[str], None] = lambda _: None

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)

    def render(self, jobs: list[Job], progress: Callable[[str], None], *, label: int) -> None:
        self.progress, self.total, self.done = progress, label, 0
        if self.workers == 1 or len(jobs) <= 1:
            for job in jobs:
                self._report(_render_one(job))
            return
        if self.executor is None:
            self.executor = ProcessPoolExecutor(max_workers=self.workers)
        for job in jobs:
            future = self.executor.submit(_render_one, job)
            future.add_done_callback(lambda f: self._report(f.result()) if not f.exception() else None)
            self.futures.append(future)

    def _report(self, name: str) -> None:
        self.done += 1
        if self.total:
            self.progress(f"PDF {self.done}/{self.total} {name}")

    def wait(self) -> None:
        futures, self.futures = self.futures, []
        for future in futures:
            future.result()  # re-raises a rendering error here


def _rows(nodes: Any, depth: int) -> Iterable[tuple[int, Any]]:
    for node in nodes:
        yield depth, node
        yield from _rows(node.onderdelen, depth + 1)


def _page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def _render_one(job: Job) -> str:
    """Render one HTML document to a PDF file (runs in a worker process); it reads only allowlisted files."""
    import weasyprint

    from .fetcher import AllowlistFetcher

    name, html, target, base_url, allowed = job
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    tmp = f"{target}.{os.getpid()}.tmp"
    weasyprint.HTML(string=html, base_url=base_url, url_fetcher=AllowlistFetcher(allowed)).write_pdf(tmp)
    os.replace(tmp, target)
    return name
