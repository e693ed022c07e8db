"""The MkDocs plugin: wires MkDocs events to loading, validation and page generation.

Event order: on_startup (which command) -> on_config (load + validate, fail early; redirect site_dir for an
atomic build) -> on_files (replace our content files with generated pages) -> on_post_build (swap the new
site in only when the build really succeeded, strict warnings included).
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .loading import check
from .model import Site
from .pages import build_nav, build_pages
from .problems import format_problems
from .sources import Layers

log = get_plugin_logger(__name__)

PLACEHOLDER_HOST = "voorbeeld.invalid"
# Markdown extensions the generated pages rely on; added when a fork's mkdocs.yml lacks them.
REQUIRED_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
)


class LeidraadConfig(Config):  # type: ignore[no-untyped-call]
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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    # Run first, so no other plugin sees content that failed validation.
    @event_priority(100)
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        content_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        self.layers = Layers.at(root, content_dir)
        checked = check(root, content_dir)
        if checked.problems:
            raise PluginError("\n" + format_problems(checked.problems))
        for warning in checked.warnings:
            log.warning("%s", warning)
        site = self.site = checked.site
        self.pdf = _pdf_wanted(self.config.pdf, self.command)
        if PLACEHOLDER_HOST in (config.site_url or ""):
            log.info(
                "site_url in mkdocs.yml is nog de voorbeeldwaarde (%s); een school vervangt die door "
                "het eigen adres, want QR-codes op papier verwijzen ernaar.",
                config.site_url,
            )
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
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
    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.site is not None and self.layers is not None
        for file in list(files):
            if file.src_uri in self.site.content_uris or file.src_uri.startswith("_data/"):
                files.remove(file)
            elif file.src_uri.startswith("print/") and not file.is_documentation_page():
                files.remove(file)  # the print template's own files: inlined into each sheet, not published
        for spec in build_pages(self.site, downloads=self.pdf):
            files.append(File.generated(config, spec.src_uri, content=spec.text()))
        for uri, path in sorted(self.site.static.items()):
            if Path(path).is_relative_to(self.layers.overlay):  # an overlay image or download wins
                existing = files.get_file_from_path(uri)
                if existing is not None:
                    files.remove(existing)
                files.append(File.generated(config, uri, abs_src_path=path))
        if not self.pdf:  # nothing needs the model any more: give its memory back to the page build
            self.site = None
            gc.collect()
        return files

    @event_priority(-100)
    def on_post_build(self, *, config: Any) -> None:
        if self.tmp_site_dir is None or self.real_site_dir is None:
            return
        if config.strict and _strict_warnings():
            log.debug("strict: warnings counted; the previous site stays in place")
            return  # MkDocs aborts right after this event; on_shutdown removes the temporary folder
        if self.pdf:
            self._print(config, Path(self.tmp_site_dir))
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

    def _print(self, config: Any, out: Path) -> None:
        from .printing import Edition, Printer, edition_date  # the print stack loads only when PDFs are built

        assert self.site is not None and self.layers is not None
        root = self.layers.root
        theme_dir = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else root / "templates"
        printer = Printer(site=self.site, root=root,
                          edition=Edition(config.site_name, config.site_url or "", edition_date(root)),
                          cache_dir=root / self.config.cache_dir,
                          template_dirs=[root / "lokaal" / "templates", theme_dir])
        printer.build(out, progress=log.info)

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup()

    def on_shutdown(self) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        if self.tmp_site_dir is not None:
            shutil.rmtree(self.tmp_site_dir, ignore_errors=True)
            self.tmp_site_dir = None


def _pdf_wanted(setting: bool | None, command: str) -> bool:
    """PDFs: the env LEIDRAAD_PDF=0/1 wins, then the plugin option, then on for build and off for serve."""
    env = os.environ.get("LEIDRAAD_PDF")
    if env in ("0", "1"):
        return env == "1"
    if setting is not None:
        return setting
    return command == "build"


def _strict_warnings() -> bool:
    """True when MkDocs' strict-mode counter has seen a warning (it aborts right after on_post_build)."""
    for handler in logging.getLogger("mkdocs").handlers:
        counts = getattr(handler, "get_counts", None)
        if callable(counts) and counts():
            return True
    return False
