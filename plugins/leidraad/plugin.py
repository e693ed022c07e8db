"""The MkDocs plugin: wires MkDocs events to loading, validation, page generation, sanitizing and print.

Event order: on_startup (which command) -> on_config (load + validate, fail early; school profile; redirect
site_dir for an atomic build) -> on_files (only our generated pages and checked files reach MkDocs) ->
on_page_content (sanitize what came from content, then put our own markup in its slots) -> on_post_build (print;
swap the new site in only when the build really succeeded, strict warnings included).
"""

from __future__ import annotations

import functools
import html
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .errors import internal
from .model import Site
from .pages import build_nav, build_pages
from .problems import format_problems
from .sanitize import Slots, clean
from .sources import Layers
from .validate import check

log = get_plugin_logger(__name__)
T = TypeVar("T")

PLACEHOLDER_HOST = "voorbeeld.invalid"
# Markdown extensions the generated pages rely on; added when a fork's mkdocs.yml lacks them.
REQUIRED_EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc",
                       "pymdownx.details", "pymdownx.superfences")
PUBLISHED_THEME_FOLDER = "assets/"  # from our template folders only assets/ is published (not print/, not .j2)
SCHOOL_LOGO = "assets/school/logo"  # + the logo's suffix
SCHOOL_CSS = "assets/stylesheets/school.css"


def school_css(colour: str) -> str:
    """The school's colour for the header and links (its contrast with white was checked in school.py)."""
    return (f":root, [data-md-color-scheme] {{ --md-primary-fg-color: {colour}; "
            f"--md-primary-fg-color--dark: {colour}; --md-accent-fg-color: {colour}; "
            f"--md-typeset-a-color: {colour}; }}\n")


def guarded(event: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Any unexpected exception in an event becomes one Dutch line (the previous site stays in place)."""

    def wrap(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)
        def run(self: LeidraadPlugin, *args: Any, **kwargs: Any) -> T:
            try:
                return method(self, *args, **kwargs)
            except PluginError:
                raise
            except Exception as exc:  # noqa: BLE001 - turned into one line for the editor
                self._cleanup()
                raise PluginError(internal(exc, f"de bouw ({event})", self.current)) from None

        return run

    return wrap


class LeidraadConfig(Config):  # type: ignore[no-untyped-call]
    inhoud = c.Type(str, default="content")  # the content folder (MkDocs' docs_dir holds none of it)
    nav = c.Type(bool, default=True)  # generate the sidebar from the content (unless mkdocs.yml has a nav)
    atomic = c.Type(bool, default=True)  # build into a temporary folder, swap in on success
    pdf = c.Optional(c.Type(bool))  # render sheet and bundle PDFs; default: on for build, off for serve
    cache_dir = c.Type(str, default=".cache/leidraad")  # PDF cache, outside site/


class LeidraadPlugin(BasePlugin[LeidraadConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.site: Site | None = None
        self.real_site_dir: str | None = None
        self.tmp_site_dir: str | None = None
        self.layers: Layers | None = None
        self.pdf = False
        self.slots = Slots()
        self.current = ""
        self.school: Any = None
        self.sheets: Any = None  # printing.Sheets, kept for the PDFs

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    # Run first, so no other plugin sees content that failed validation.
    @event_priority(100)
    @guarded("inlezen")
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        self.layers = layers = Layers.at(root, self.config.inhoud)
        checked = check(root, self.config.inhoud)
        if checked.problems:
            raise PluginError("\n" + format_problems(checked.problems))
        for warning in checked.warnings:
            log.warning("%s", warning)
        for notice in checked.notices:
            log.info("waarschuwing: %s", notice)
        for info in checked.infos:
            log.info("informatie: %s", info)
        site = self.site = checked.site
        self.slots = Slots()
        self.school = site.school
        if site.school is not None:  # the fork's profile: its name and address, never an edit of mkdocs.yml
            config.site_name = html.escape(site.school.naam)
            if self.command != "serve":  # the preview keeps its own local address
                config.site_url = site.school.adres
            if site.school.logo:
                config.theme["logo"] = SCHOOL_LOGO + Path(site.school.logo).suffix
            if site.school.kleur:
                config.extra_css.append(SCHOOL_CSS)
        self.pdf = _pdf_wanted(self.config.pdf, self.command)
        if PLACEHOLDER_HOST in (config.site_url or ""):
            log.info("site_url is nog de voorbeeldwaarde (%s); een school zet haar adres in lokaal/school.yml, "
                     "want QR-codes op papier verwijzen ernaar.", config.site_url)
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        local_templates = layers.templates[0]
        if local_templates.is_dir() and str(local_templates) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(local_templates))
        if self.command == "serve":  # rebuild on any change in the content or the school's folder (even a new one)
            (layers.root / "lokaal").mkdir(exist_ok=True)
            config.watch.extend(str(p) for p in (layers.content, layers.root / "lokaal", *layers.templates)
                                if p.exists())
        config.extra["leidraad_download"] = self.command == "build"  # the zip exists only in a full build
        if self.config.nav and not config.nav:
            config.nav = build_nav(site)
        if self.command == "build" and self.config.atomic:
            real = Path(config.site_dir).resolve()
            real.parent.mkdir(parents=True, exist_ok=True)
            self.real_site_dir = str(real)
            self.tmp_site_dir = tempfile.mkdtemp(prefix=f".{real.name}-bouw-", dir=real.parent)
            config.site_dir = self.tmp_site_dir
        return config

    @event_priority(100)
    @guarded("pagina's maken")
    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.site is not None and self.layers is not None
        docs = Path(config.docs_dir).resolve()
        ours = [p.resolve() for p in self.layers.templates]
        if config.theme.custom_dir:
            ours.append(Path(config.theme.custom_dir).resolve())
        for file in list(files):
            source = Path(file.abs_src_path).resolve() if file.abs_src_path else None
            if source is None:
                continue
            if source.is_relative_to(docs):
                files.remove(file)  # MkDocs never sees a file our loader did not check
            elif any(source.is_relative_to(d) for d in ours) and not file.src_uri.startswith(PUBLISHED_THEME_FOLDER):
                files.remove(file)  # templates, fragments and print files are not published
        school_name = self.site.school.kort if self.site.school else ""
        for spec in build_pages(self.site, self.layers.templates, downloads=self.pdf, slots=self.slots,
                                school=school_name):
            files.append(File.generated(config, spec.src_uri, content=spec.text()))
        for uri, path in sorted(self.site.static.items()):
            files.append(File.generated(config, uri, abs_src_path=path))
        school = self.site.school
        if school is not None and school.logo:
            logo = self.layers.root / "lokaal" / school.logo
            files.append(File.generated(config, SCHOOL_LOGO + logo.suffix, abs_src_path=str(logo)))
        if school is not None and school.kleur:
            files.append(File.generated(config, SCHOOL_CSS, content=school_css(school.kleur)))
        self._early_outputs(config, Path(config.site_dir))
        return files

    def _early_outputs(self, config: Any, out: Path) -> None:
        """The sheets' web pages and our search index, written while the model is at hand (MkDocs has emptied the
        build folder by now); without PDFs to make, the model is then released for the rest of the build."""
        from .printing import Edition, Sheets, edition_date
        from .search import write

        assert self.site is not None and self.layers is not None
        root = self.layers.root
        name = self.site.school.naam if self.site.school else html.unescape(config.site_name)
        sheets = Sheets(site=self.site, root=root, template_dirs=self.layers.templates,
                        edition=Edition(name, config.site_url or "", edition_date(root)))
        sheets.write_pages(out, keep=self.pdf)
        write(self.site, out)
        if self.pdf:
            self.sheets = sheets
        else:
            self.site = None

    @event_priority(-100)  # last: whatever came before, what is written is clean
    @guarded("pagina opschonen")
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        self.current = page.file.src_uri
        return self.slots.fill(page.file.src_uri, clean(html), _lost_slot)

    @event_priority(-100)
    @guarded("afronden")
    def on_post_build(self, *, config: Any) -> None:
        if config.strict and _strict_warnings():
            log.debug("strict: warnings counted; the previous site stays in place")
            return  # MkDocs aborts right after this event; on_shutdown removes the temporary folder
        self._pdfs(Path(config.site_dir))
        shutil.rmtree(Path(config.site_dir) / "search", ignore_errors=True)  # Material's index: ours replaces it
        if self.command == "build":  # the whole site as a zip to download, for a workshop without network
            from .archive import DOWNLOAD, write_zip

            write_zip(Path(config.site_dir), Path(config.site_dir) / DOWNLOAD)
        if self.tmp_site_dir is None or self.real_site_dir is None:
            return
        real, tmp = Path(self.real_site_dir), Path(self.tmp_site_dir)
        old = None
        if real.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{real.name}-oud-", dir=real.parent))
            old.rmdir()
            real.rename(old)
        tmp.rename(real)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        config.site_dir = str(real)
        self.tmp_site_dir = None

    def _pdfs(self, out: Path) -> None:
        """The sheets and bundles as PDFs, when PDFs are built."""
        if not self.pdf or self.sheets is None:
            return
        from .pdf import PdfBuilder  # the PDF stack loads only when PDFs are built

        assert self.layers is not None
        PdfBuilder(self.sheets, root=self.layers.root, cache_dir=self.layers.root / self.config.cache_dir,
                   template_dirs=self.layers.templates).build(out, progress=log.info)
        self.sheets = None

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup()

    def on_shutdown(self) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        if self.tmp_site_dir is not None:
            shutil.rmtree(self.tmp_site_dir, ignore_errors=True)
            self.tmp_site_dir = None


def _lost_slot(page: str) -> None:
    raise RuntimeError(f"een element van de site zelf kwam niet heel door het opschonen van {page}")


def _pdf_wanted(setting: bool | None, command: str) -> bool:
    """PDFs: the env LEIDRAAD_PDF=0/1 wins, then the plugin option, then on for build and gh-deploy, off for serve."""
    env = os.environ.get("LEIDRAAD_PDF")
    if env in ("0", "1"):
        return env == "1"
    if setting is not None:
        return setting
    return command in ("build", "gh-deploy")


def _strict_warnings() -> bool:
    """True when MkDocs' strict-mode counter has seen a warning (it aborts right after on_post_build)."""
    for handler in logging.getLogger("mkdocs").handlers:
        counts = getattr(handler, "get_counts", None)
        if callable(counts) and counts():
            return True
    return False
