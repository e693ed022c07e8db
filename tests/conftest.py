"""Shared helpers: fixture trees copied into tmp folders, real MkDocs builds, a local HTTP server."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent


def make_tree(dest: Path, *overlays: Path, copy_templates: bool = False) -> Path:
    """Copy the minimal fixture to dest, lay the given overlay trees over it, link (or copy) the real templates."""
    shutil.copytree(FIXTURES / "minimal", dest, ignore=shutil.ignore_patterns("site", "verwacht.txt"))
    for overlay in overlays:
        shutil.copytree(overlay, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("verwacht.txt"))
    if copy_templates:
        shutil.copytree(REPO / "templates", dest / "templates")
    else:
        (dest / "templates").symlink_to(REPO / "templates")
    (dest / "plugins").symlink_to(REPO / "plugins")  # for the guard hook named in mkdocs.yml
    return dest


def copy_repo(dest: Path) -> Path:
    """The repository's upstream content, configuration and templates, to build the real site in isolation.
    A fork's lokaal/ is left out: tests of upstream content read upstream content, so they pass in any fork."""
    dest.mkdir(parents=True)
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, dest / name)
    (dest / "plugins").symlink_to(REPO / "plugins")
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def run(args: list[str], cwd: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600", "LEIDRAAD_PDF": "0",
           **env_extra}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def mkdocs_build(root: Path, *extra: str, pdf: bool = False) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "mkdocs"), "build", *extra], root, LEIDRAAD_PDF="1" if pdf else "0")


def leidraad(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "leidraad"), "--map", str(root), *args], root)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to compare a site before and after."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_tree(tmp_path_factory.mktemp("minimal") / "site-src")
    result = mkdocs_build(root, "--strict", pdf=True)
    assert result.returncode == 0, result.stderr
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    overrides: dict[str, bytes] = {}  # path -> bytes served instead of the file (a test's changed page)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        body = self.overrides.get(self.path.split("?", 1)[0])
        if body is None:
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer, dict[str, bytes]]:
    """Serve a folder on 127.0.0.1; the returned dict lets a test replace a page."""
    overrides: dict[str, bytes] = {}
    handler = functools.partial(type("Handler", (_QuietHandler,), {"overrides": overrides}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server, overrides


@pytest.fixture(scope="session")
def served_minimal(built_minimal: Path) -> Iterator[str]:
    url, server, _ = serve(built_minimal)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built with PDFs into a temporary copy (the sources root of the copy)."""
    root = copy_repo(tmp_path_factory.mktemp("echt") / "repo")
    cache = REPO / ".cache" / "leidraad"
    if cache.is_dir():  # reuse the developer's PDF cache when there is one; CI renders cold
        shutil.copytree(cache, root / ".cache" / "leidraad")
    result = mkdocs_build(root, "--strict", pdf=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


RESOURCE = re.compile(
    r"""<(?:script|img|iframe|source|link|object|embed)\b[^>]*?\b(?:src|href|data)=["']([^"']+)["'][^>]*>""", re.I
)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(https?:)?//""", re.I)


def external_resources(site: Path) -> list[str]:
    """Resources (scripts, styles, images, fonts, frames) a built site would fetch from another host."""
    offenders = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            for tag in RESOURCE.finditer(path.read_text(encoding="utf-8")):
                if re.search(r"rel=[\"']?canonical", tag.group(0)):
                    continue  # the canonical address is metadata, never fetched
                if re.match(r"^(https?:)?//", tag.group(1)):
                    offenders.append(f"{path.relative_to(site)}: {tag.group(1)}")
        elif path.suffix == ".css" and CSS_URL.search(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(str(path.relative_to(site)))
    return offenders


def search_documents(site: Path) -> list[dict[str, str]]:
    """The documents of a built site's search index (zoek/p-<n>.js): title, address, kind, section."""
    import json

    found: list[dict[str, str]] = []
    for path in sorted((site / "zoek").glob("p-*.js"), key=lambda p: int(p.stem[2:])):
        text = path.read_text(encoding="utf-8")
        found += json.loads(text[text.index("(") + 1: text.rindex(")")])["documenten"]
    return found
