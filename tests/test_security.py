"""Security: the sanitizer alone keeps hostile content harmless, the build reads nothing outside its allowlist,
symlinks and unchecked files never reach the site, a build without our plugin writes nothing, and any engine
failure is one Dutch line with the previous site intact."""

from __future__ import annotations

import http.server
import json
import re
import secrets
import shutil
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import BIN, FIXTURES, REPO, leidraad, make_tree, mkdocs_build, run, snapshot
from leidraad.fetcher import AllowlistFetcher, allowlist

pytestmark = pytest.mark.build

MARK = "LDX"
OURS = {"form", "input", "button", "select", "textarea", "script", "style", "iframe", "object", "embed", "link",
        "meta", "base"}


class _Scan(HTMLParser):
    """Everything content could have turned into code: handlers, javascript: URLs, scripts and controls in the
    page body that are not ours (ours carry a data-ld attribute), and hostile text inside any tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.depth = 0  # inside the page body (<article>) or a whole sheet page
        self.in_raw = ""
        self.kind = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "article" or (tag == "body" and "blad" in (dict(attrs).get("class") or "")):
            self.depth += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if MARK in value and name not in ("alt", "title", "content", "aria-label"):  # text, escaped
                self.found.append(f"<{tag} {name}={value[:40]}> carries content")
        if self.depth and tag in OURS and not any(n.startswith("data-ld") for n in names):
            self.found.append(f"<{tag}> in the page body")
        if tag in ("script", "style"):
            self.in_raw = tag
            self.kind = dict(attrs).get("type") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("article", "body") and self.depth:
            self.depth -= 1
        if tag == self.in_raw:
            self.in_raw = ""

    def handle_data(self, data: str) -> None:
        if not self.in_raw or MARK not in data:
            return
        if self.in_raw == "script" and self.kind == "application/json" and "<" not in data:
            json.loads(data)  # a form's description: data (escaped by tojson), never run
        elif self.in_raw == "style" and "<" not in data and "@import" not in data and "url(" not in data:
            pass  # a sheet's footer text, as an escaped CSS string for Chromium's page margin
        else:
            self.found.append(f"<{self.in_raw}> with content: {data[:60]}")


def scan_site(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.html")):
        scan = _Scan()
        scan.feed(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(site)}: {f}" for f in scan.found]
    return found


@pytest.fixture()
def listener() -> Iterator[list[str]]:
    """A local HTTP server that records every request: the build must not make any."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seen.append(f"PORT={server.server_address[1]}")
    yield seen
    server.shutdown()


def hostile_tree(root: Path, port: int) -> Path:
    make_tree(root, FIXTURES / "vijandig")
    activity = root / "content/activiteiten/test-activiteit.md"
    activity.write_text(activity.read_text(encoding="utf-8").replace("127.0.0.1:9", f"127.0.0.1:{port}"),
                        encoding="utf-8")
    return root


def pdf_findings(site: Path, secret: str) -> list[str]:
    from pypdf import PdfReader

    found = []
    for path in sorted((site / "pdf").glob("*.pdf")):
        reader = PdfReader(str(path))
        if reader.attachments:
            found.append(f"{path.name}: attachments {list(reader.attachments)}")
        for number, page in enumerate(reader.pages, start=1):
            for annotation in page.get("/Annots") or []:
                if annotation.get_object().get("/Subtype") == "/FileAttachment":
                    found.append(f"{path.name} p. {number}: file attachment")
            text = page.extract_text() or ""
            if secret in text or "root:x:0" in text:
                found.append(f"{path.name} p. {number}: text from outside the build")
    return found


def test_the_sanitizer_alone_keeps_a_hostile_site_clean(tmp_path: Path, listener: list[str]) -> None:
    port = int(listener[0].removeprefix("PORT="))
    root = hostile_tree(tmp_path / "vijandig", port)
    assert leidraad(root, "check").returncode == 1  # with its HTML rules on, the validator refuses all of it
    secret = "geheim-" + secrets.token_hex(8)
    result = run([sys.executable, str(REPO / "tests/bouw.py"), "zonder-html-controle", "build", "--strict"], root,
                 LEIDRAAD_PDF="1", LEIDRAAD_TEST_GEHEIM=secret)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    assert scan_site(site) == []
    assert (site / "blad/test-activiteit/index.html").exists()  # the sheet pages were scanned too
    everything = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert secret.encode() not in everything
    assert pdf_findings(site, secret) == []
    assert listener[1:] == []  # no request from the build, not even to this machine
    # the hostile text is still there, as text: nothing visible was silently dropped from ordinary content
    page = (site / "over/aanval/index.html").read_text(encoding="utf-8")
    assert "Gewone tekst met" in page and "zonder spatie" in page and "over twee regels" in page


def test_content_never_produces_form_controls_or_scripts(tmp_path: Path, listener: list[str]) -> None:
    root = hostile_tree(tmp_path / "vijandig", 9)
    result = run([sys.executable, str(REPO / "tests/bouw.py"), "zonder-html-controle", "build"], root)
    assert result.returncode == 0, result.stderr[-2000:]
    for page in ("over/aanval/index.html", "activiteiten/test-activiteit/index.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
        for tag in ("form", "input", "button", "select", "textarea", "script", "style", "iframe", "object"):
            for found in re.finditer(rf"<{tag}\b[^>]*>", body):  # only ours, which carry a data-ld attribute
                assert "data-ld-" in found.group(0) and MARK not in found.group(0), (page, found.group(0))


@pytest.mark.parametrize("where", ["content/over/omgeving.md", "content/over/map", "lokaal/content/over/x.md"])
def test_symlinks_are_refused(where: str, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "link")
    assert mkdocs_build(root, "--strict").returncode == 0
    before = snapshot(root / "site")
    link = root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to("/proc/self/environ" if where.endswith(".md") else root / "content/tips")
    result = leidraad(root, "check")
    assert result.returncode == 1
    assert f"{where}:1: een symbolische koppeling (symlink) is niet toegestaan" in result.stderr
    secret = "geheim-" + secrets.token_hex(8)
    built = run([str(BIN / "mkdocs"), "build", "--strict"], root, LEIDRAAD_TEST_GEHEIM=secret)
    assert built.returncode == 1 and "symlink" in built.stderr
    assert snapshot(root / "site") == before


def test_the_pdf_fetcher_serves_only_its_allowlist(tmp_path: Path) -> None:
    fonts = REPO / "templates/assets/fonts"
    (tmp_path / "content").mkdir()
    (tmp_path / "content/foto.png").write_bytes(b"\x89PNG\r\n")
    allowed = allowlist([fonts], [tmp_path / "content"], {"foto.png": str(tmp_path / "content/foto.png")}, [])
    fetcher = AllowlistFetcher(allowed)
    font = next(fonts.glob("*.woff")).resolve()
    assert fetcher.fetch(font.as_uri()).read() == font.read_bytes()
    assert fetcher.fetch((tmp_path / "content/foto.png").as_uri()).read() == b"\x89PNG\r\n"
    for url in ("file:///etc/passwd", "file:///proc/self/environ", (REPO / ".git/config").as_uri(),
                (REPO / "mkdocs.yml").as_uri(), (tmp_path / "content/../content/foto.png").as_uri() + "x",
                "http://127.0.0.1:1/x.png", "https://voorbeeld.invalid/x.css", "data:text/html,x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_build_without_our_plugin_writes_nothing(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "zonder")
    assert mkdocs_build(root, "--strict").returncode == 0
    before = snapshot(root / "site")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - leidraad\n", ""), encoding="utf-8")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 1
    assert "deze site wordt gebouwd met de leidraad-plugin" in result.stderr
    assert "er is niets geschreven" in result.stderr
    assert snapshot(root / "site") == before
    # and without the guard hook too, MkDocs finds only the empty docs_dir: not one content file is published
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n  - plugins/leidraad/bewaker.py\n", ""),
                      encoding="utf-8")
    shutil.rmtree(root / "site")
    assert mkdocs_build(root).returncode == 0
    published = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (root / "site").rglob("*.html"))
    assert "Een testactiviteit" not in published and "Testkijkwijzer" not in published


def test_an_engine_failure_is_one_dutch_line_and_keeps_the_site(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "fout")
    assert mkdocs_build(root, "--strict").returncode == 0
    before = snapshot(root / "site")
    result = run([sys.executable, str(REPO / "tests/bouw.py"), "interne-fout", "build", "--strict"], root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "interne fout in leidraad tijdens de bouw (pagina's maken)" in result.stderr
    assert "Meld dit als fout" in result.stderr
    assert snapshot(root / "site") == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")]


def test_the_check_command_turns_a_crash_into_one_line(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "crash")
    result = run([sys.executable, str(REPO / "tests/bouw.py"), "check-fout", "--map", str(root), "check"], root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "leidraad: interne fout in leidraad tijdens leidraad check (RuntimeError: opzettelijke fout voor de test); "
        "de inhoud is misschien in orde, maar de site is niet gebouwd en de vorige versie blijft staan. Meld dit als "
        "fout, met deze regel erbij."]


GENERATED = {
    "lange-regel": ("content/over/colofon.md", "---\ntitel: Colofon\n---\n" + "woord " * 10_000 + "\n",
                    "content/over/colofon.md:4: deze regel is 60000 tekens lang; hoogstens 2000 is toegestaan "
                    "(begin een nieuwe regel of alinea)"),
    "te-groot": ("content/over/colofon.md", "---\ntitel: Colofon\n---\n" + ("Tekst. " * 15 + "\n\n") * 10_000,
                 "content/over/colofon.md:1: het bestand is 1.1 MB; hoogstens 1 MB is toegestaan (splits een tekst "
                 "op, verklein een afbeelding)"),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_oversized_input_is_rejected_with_its_message(case: str, tmp_path: Path) -> None:
    path, text, message = GENERATED[case]
    root = make_tree(tmp_path / case)
    (root / path).write_text(text, encoding="utf-8")
    result = leidraad(root, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == message


def test_allowed_html_lookalikes_render_as_text(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "goed", FIXTURES / "goed/code-met-html", FIXTURES / "goed/jinja-tekst")
    assert leidraad(root, "check").returncode == 0
    (root / "content/over/jinja.md").write_text((FIXTURES / "goed/jinja-tekst/content/over/colofon.md")
                                                 .read_text(encoding="utf-8").replace("Colofon", "Jinja"),
                                                 encoding="utf-8")
    (root / "content/over/colofon.md").write_text((FIXTURES / "goed/code-met-html/content/over/colofon.md")
                                                   .read_text(encoding="utf-8"), encoding="utf-8")
    assert mkdocs_build(root, "--strict").returncode == 0
    code = (root / "site/over/colofon/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in code
    assert "&lt;b onclick=x&gt;" in code
    jinja = (root / "site/over/jinja/index.html").read_text(encoding="utf-8")
    assert "{{ naam }}" in jinja and "{% if x %}ja{% endif %}" in jinja and "{{ config.site_name }}" in jinja


def test_a_link_to_a_hidden_item_is_information_and_becomes_text(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "verborgen", FIXTURES / "goed/verborgen-verwijzing")
    result = leidraad(root, "check")
    assert result.returncode == 0
    expected = (FIXTURES / "goed/verborgen-verwijzing/verwacht.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in result.stderr.splitlines() if line.startswith("informatie:")] == expected
    assert mkdocs_build(root, "--strict").returncode == 0
    for path in (root / "site").rglob("*.html"):
        assert "test-factor" not in path.read_text(encoding="utf-8"), path
