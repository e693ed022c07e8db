"""Pages in real headless Chromium (Debian's /usr/bin/chromium): offline, accessible, searchable.

These tests fail, never skip, when Chromium is missing: the README's apt line installs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"

PAGES_BY_KIND = {
    "start": "",
    "overzicht": "activiteiten/",
    "aanbeveling": "aanbevelingen/test-aanbeveling/",
    "activiteit": "activiteiten/test-activiteit/",
    "factor": "factoren/test-factor/",
    "tipgroep": "tips/test-tips/",
    "instrument": "instrumenten/test-kijkwijzer/",
    "bundel": "bundels/test-bundel/",
    "literatuur": "bronnen/",
    "pagina": "over/colofon/",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium ontbreekt: installeer het met de apt-regel uit de README"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_page(browser: Browser, url: str, requests: list[str]) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("kind", sorted(PAGES_BY_KIND))
def test_no_request_leaves_localhost(kind: str, browser: Browser, served_minimal: str) -> None:
    requests: list[str] = []
    page = open_page(browser, served_minimal + PAGES_BY_KIND[kind], requests)
    assert page.locator("h1").count() == 1
    assert len(requests) > 3  # the page, its CSS, JavaScript and font really loaded
    hosts = {urlparse(u).hostname for u in requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
    # the shipped font is the one in use
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert family.startswith('"Atkinson Hyperlegible"')
    assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    page.close()


def axe_violations(page: Page) -> list[Any]:
    page.add_script_tag(path=str(AXE))
    result: list[Any] = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))])"
    )
    return result


@pytest.mark.parametrize("kind", sorted(PAGES_BY_KIND))
def test_no_accessibility_violations(kind: str, browser: Browser, served_minimal: str) -> None:
    page = open_page(browser, served_minimal + PAGES_BY_KIND[kind], [])
    assert axe_violations(page) == []
    page.close()


def test_search_finds_an_activity_by_a_word_in_its_steps(browser: Browser, served_minimal: str) -> None:
    page = open_page(browser, served_minimal, [])
    box = page.locator("input.md-search__input")
    box.click()
    box.type("raster", delay=20)
    page.wait_for_selector(".md-search-result__item")
    assert "Een testactiviteit" in page.inner_text(".md-search-result__list")
    page.close()


def test_glossary_term_has_a_hover_title(browser: Browser, served_minimal: str) -> None:
    page = open_page(browser, served_minimal + "activiteiten/test-activiteit/", [])
    assert page.get_attribute("abbr", "title") == "Bouwen, Kansen, Cijfers: een testbegrip."
    page.close()


def print_to_pdf(browser: Browser, url: str, target: Path) -> Page:
    page = open_page(browser, url, [])
    page.emulate_media(media="print")
    page.pdf(path=str(target), format="A4", print_background=True)
    return page


def test_printing_an_activity_page(browser: Browser, served_minimal: str, tmp_path: Path) -> None:
    import pdfplumber

    target = tmp_path / "activiteit.pdf"
    page = print_to_pdf(browser, served_minimal + "activiteiten/test-activiteit/", target)
    # the site chrome is not printed
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".ld-downloads"):
        assert not page.locator(selector).first.is_visible(), selector
    # nothing is wider than the printed page (A4 at 96 dpi minus 2 × 15 mm margins)
    page.set_viewport_size({"width": 680, "height": 1000})
    too_wide = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(e => e.tagName + '.' + e.className)""")
    assert too_wide == []
    with pdfplumber.open(target) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
        widths = {abs(float(p.width) - 595.3) < 1.5 for p in pdf.pages}
    assert "Een testactiviteit" in text and "Vul het raster in." in text
    assert "Zoeken" not in text and "Overzicht factoren" not in text  # no search box, no navigation
    assert widths == {True}  # A4 width
    page.close()


def test_a_page_that_fits_one_screen_prints_as_one_page(browser: Browser, served_minimal: str,
                                                        tmp_path: Path) -> None:
    import pdfplumber

    target = tmp_path / "colofon.pdf"
    page = print_to_pdf(browser, served_minimal + "over/colofon/", target)
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == 1
        assert "Colofon" in (pdf.pages[0].extract_text() or "")
    page.close()
