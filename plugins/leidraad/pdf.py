"""PDFs of the sheets and bundles (WeasyPrint, pypdf), cached outside `site/`.

Sheet PDFs are cached under a hash of everything that goes into them (the rendered HTML, which holds the content
and the template output, the CSS, the font files and the engine version); only cache misses are rendered, in up
to two processes. Bundles are assembled from the cached sheet PDFs behind a rendered cover and table of contents,
so a bundle never renders its sheets again. WeasyPrint reads nothing but the allowlist of `fetcher.py`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .fetcher import allowlist
from .printing import ASSETS, FONT_DIR, LOGO, Sheets
from .sheets import Bundle

log = logging.getLogger("mkdocs.plugins.leidraad.pdf")
Job = tuple[str, str, str, str, dict[str, str]]  # name, HTML, target PDF, base URL, allowed files


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



class PdfBuilder:
    """Renders the PDFs of one site's sheets and bundles."""

    def __init__(self, sheets: Sheets, *, root: Path, cache_dir: Path, template_dirs: Iterable[Path]) -> None:
        self.renderer = sheets
        self.sheets = sheets.sheets
        self.bundles = sheets.bundles
        self.cache = cache_dir
        dirs = list(template_dirs)
        self.font_dir = next((d / FONT_DIR for d in dirs if (d / FONT_DIR).is_dir()), None)
        fonts = b"".join(p.read_bytes() for p in sorted(self.font_dir.glob("*.woff"))) if self.font_dir else b""
        self.fingerprint = hashlib.sha256(fonts + sheets.css.encode() + __version__.encode()).hexdigest()
        content = (root / "content").resolve()
        self.base_url = content.as_uri() + "/"  # relative image links in content resolve here
        logo = sheets.logo_path
        self.logo = logo.resolve().as_uri() if logo else ""
        if logo:
            self.fingerprint = hashlib.sha256(self.fingerprint.encode() + logo.read_bytes()).hexdigest()
        self.allowed = allowlist([d / FONT_DIR for d in dirs], [content], dict(sheets.site.static),
                                 [logo] if logo else [])

    def _for_pdf(self, html: str) -> str:
        return html.replace(ASSETS, self._font_root()).replace(LOGO, self.logo)

    def _font_root(self) -> str:
        return (self.font_dir.parent.parent.resolve().as_uri() + "/") if self.font_dir else ""

    def _key(self, html: str) -> str:
        return hashlib.sha256((self.fingerprint + html).encode()).hexdigest()[:32]

    def build(self, out: Path, *, only: Iterable[Bundle] | None = None, workers: int = 2,
              progress: Callable[[str], None] = log.info) -> Report:
        """Write sheet PDFs (and their HTML pages) and bundle PDFs into out/pdf and out/blad."""
        report = Report()
        bundles = list(only) if only is not None else self.bundles
        names = sorted({n for b in bundles for n in b.sheets}) if only is not None else sorted(self.sheets)
        (self.cache / "bladen").mkdir(parents=True, exist_ok=True)
        (self.cache / "bundels").mkdir(parents=True, exist_ok=True)
        pdf_dir = out / "pdf"
        pdf_dir.mkdir(parents=True, exist_ok=True)
        jobs: list[Job] = []
        keys: dict[str, str] = {}
        pages: dict[str, str] = {}
        for name in names:
            pages[name] = self.renderer.sheet_html(self.sheets[name])
            html = self._for_pdf(pages[name])
            keys[name] = key = self._key(html)
            target = self.cache / "bladen" / f"{key}.pdf"
            if target.exists():
                report.cached.append(name)
            else:
                jobs.append((name, html, str(target), self.base_url, self.allowed))
        jobs.sort(key=lambda job: -len(job[1]))  # longest first, so no long sheet is left for last
        with _Pool(workers) as pool:
            pool.render(jobs, progress, label=len(jobs))
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
                html = self._for_pdf(self.renderer.cover_html(bundle, toc))
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



def _page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def _render_one(job: Job) -> str:
    """Render one HTML document to a tagged PDF (PDF/UA) in a worker process; it reads only allowlisted files."""
    import weasyprint

    from .fetcher import AllowlistFetcher

    name, html, target, base_url, allowed = job
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    tmp = f"{target}.{os.getpid()}.tmp"
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=AllowlistFetcher(allowed))
    document.write_pdf(tmp, pdf_variant="pdf/ua-1")
    os.replace(tmp, target)
    return name
