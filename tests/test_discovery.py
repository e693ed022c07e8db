"""Finding and reading: the finder's filters and counts, Dutch search on the query set, the offline copy opened
from disk, accessibility and phone width — in real headless Chromium on the real site."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml
from conftest import FIXTURES, REPO, make_tree, mkdocs_build, serve
from leidraad.finder import DURATION
from leidraad.validate import check
from playwright.sync_api import Browser, Page, sync_playwright
from test_browser import ARGS, AXE, CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.build]
QUERIES = yaml.safe_load((REPO / "tests/data/zoekvragen.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(real_site: Path) -> Any:
    return check(real_site).site


@pytest.fixture(scope="module")
def url(real_site: Path) -> Iterator[str]:
    address, httpd, _ = serve(real_site / "site")
    yield address
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def visible_cards(page: Page) -> set[str]:
    return set(page.eval_on_selector_all(".ld-kaart:not([hidden])", "els => els.map(e => e.id.slice(6))"))


def expected(site: Any, selection: dict[str, list[str]]) -> set[str]:
    """The activities that match a selection, computed here from the content (any option within a filter, all
    filters together)."""
    found = set()
    for activity in site.of_kind("activiteit"):
        d = activity.data
        band = next(key for key, _, low, high in DURATION if low <= d.duur <= high)
        values = {"aanbeveling": {d.aanbeveling}, "doelgroep": set(d.doelgroep), "werkvorm": {d.werkvorm},
                  "duur": {band}, "met_wie": set(d.met_wie)}
        if all(values[f] & set(options) for f, options in selection.items()):
            found.add(activity.stem)
    return found


COMBINATIONS = [
    {"met_wie": ["alleen"]},
    {"met_wie": ["team"], "duur": ["middel"]},
    {"aanbeveling": ["heldere-leerdoelen", "klasklimaat"]},
    {"doelgroep": ["schoolleiding"]},
    {"werkvorm": ["reflectie", "observatie"], "met_wie": ["alleen"]},
    {"duur": ["lang"]},
    {"aanbeveling": ["kracht-van-het-team"], "met_wie": ["collega"]},
]


def test_the_finder_filters_counts_and_keeps_the_selection_in_the_address(site: Any, url: str,
                                                                           browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for selection in COMBINATIONS:
        page.goto(url + "activiteiten/", wait_until="networkidle")
        for facet, options in selection.items():
            for option in options:
                page.check(f'[data-ld-facet-optie="{facet}"][value="{option}"]')
        wanted = expected(site, selection)
        assert wanted and visible_cards(page) == wanted, selection
        total = len(site.of_kind("activiteit"))
        assert page.inner_text("[data-ld-zoeker-status]") == f"{len(wanted)} van {total} getoond"
        for facet in ("met_wie", "duur"):  # each option's count: what ticking it would show
            for box in page.locator(f'[data-ld-facet-optie="{facet}"]').all():
                option = box.get_attribute("value") or ""
                if box.is_checked():
                    continue
                other = {f: o for f, o in selection.items() if f != facet}
                count = len(expected(site, {**other, facet: [*selection.get(facet, []), option]})
                            & expected(site, {**other, facet: [option]}))
                label = box.locator("xpath=..").inner_text()
                assert label.endswith(f"({count})"), (selection, facet, option, label)
        shared = page.url
        fresh = browser.new_page(viewport={"width": 390, "height": 800})
        fresh.goto(shared, wait_until="networkidle")  # the address restores the selection
        assert visible_cards(fresh) == wanted
        fresh.close()
    page.close()


def test_the_finder_is_keyboard_operable(site: Any, url: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(url + "activiteiten/", wait_until="networkidle")
    box = page.locator('[data-ld-facet-optie="met_wie"][value="collega"]')
    for _ in range(200):  # reach the option with the Tab key alone
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the finder's options cannot be reached with Tab")
    page.keyboard.press("Space")
    assert box.is_checked() and visible_cards(page) == expected(site, {"met_wie": ["collega"]})
    page.close()


def test_a_schools_own_activity_appears_in_the_finder(tmp_path: Path, browser: Browser) -> None:
    root = make_tree(tmp_path / "fork", FIXTURES / "fork")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr[-2000:]
    own = check(root).site
    address, httpd, _ = serve(root / "site")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(address + "activiteiten/", wait_until="networkidle")
        assert "eigen-activiteit" in visible_cards(page)
        card = page.inner_text("#kaart-eigen-activiteit")
        assert "Klasbezoek bij een collega" in card and "20 min" in card
        page.check('[data-ld-facet-optie="werkvorm"][value="klasbezoek"]')
        assert visible_cards(page) == expected(own, {"werkvorm": ["klasbezoek"]}) >= {"eigen-activiteit"}
    finally:
        httpd.shutdown()


def search(page: Page, query: str) -> list[str]:
    page.fill("[data-ld-zoekveld]", "")
    page.fill("[data-ld-zoekveld]", query + " ")
    page.wait_for_function("document.querySelector('[data-ld-zoekstatus]').textContent.match(/resultat|Geen/)")
    page.wait_for_timeout(120)
    return page.eval_on_selector_all(".md-search-result__link",
                                     "els => els.map(e => new URL(e.href).pathname.replace(/^\\//, ''))")


def test_dutch_search_finds_what_teachers_type(url: str, browser: Browser) -> None:
    assert len(QUERIES) >= 40 and {q["soort"] for q in QUERIES} == {"woord", "vorm", "synoniem", "afkorting", "twee"}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url + "factoren/", wait_until="networkidle")
    before = sum(1 for r in requests if "/zoek/" in r)
    assert before == 0  # nothing of the index is loaded before someone types
    misses = []
    for query in QUERIES:
        top = search(page, query["vraag"])[:3]
        if not any(hit == want or hit.startswith(want + "#") for hit in top for want in query["verwacht"]):
            misses.append((query["vraag"], top))
    assert len(misses) <= len(QUERIES) * 0.1, misses  # hit@3 at least 90 %
    first = page.locator(".md-search-result__item").first.inner_text()
    assert "·" in first or first.split("\n")[0] in ("Overzicht", "Activiteit", "Tip", "Indicator")  # kind, section
    page.close()


def test_the_offline_copy_works_from_disk(real_site: Path, browser: Browser, tmp_path: Path) -> None:
    with zipfile.ZipFile(real_site / "site/download/leidraad-site.zip") as archive:
        archive.extractall(tmp_path)
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((tmp_path / "index.html").as_uri())
    page.click("text=Naar de aanbevelingen")
    assert page.url.endswith("/aanbevelingen/index.html")
    assert page.locator("h1").count() == 1
    hits = search(page, "huisbezoek")
    assert hits and hits[0].endswith("tips/tips-huisbezoeken/index.html")
    page.goto((tmp_path / "activiteiten/index.html").as_uri())
    page.check('[data-ld-facet-optie="met_wie"][value="alleen"]')
    assert "getoond" in page.inner_text("[data-ld-zoeker-status]")
    page.goto((tmp_path / "pdf").as_uri())
    page.goto((tmp_path / "activiteiten/typen-doelen-en-kwaliteitsbesef/index.html").as_uri())
    link = page.get_attribute("a.md-button--primary", "href") or ""
    assert (tmp_path / "activiteiten/typen-doelen-en-kwaliteitsbesef" / link).resolve().is_file()
    assert {urlparse(r).scheme for r in requests} <= {"file", "data", "blob"}  # nothing leaves the machine
    page.close()


def _pages(real_site: Path) -> list[str]:
    site = real_site / "site"
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
                  if p.parent != site) + [""]


def _check_page(page: Page, address: str) -> list[str]:
    page.goto(address, wait_until="load")
    page.add_script_tag(path=str(AXE))
    problems = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ' ' + v.nodes[0].target.join(' '))""")
    if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"):
        problems.append("scrolls sideways")
    return list(problems)


SAMPLE = ["", "activiteiten/", "activiteiten/typen-doelen-en-kwaliteitsbesef/", "aanbevelingen/klasklimaat/",
          "tips/tips-oudercontacten/", "instrumenten/kijkwijzer-klasobservatie/", "instrumenten/lbs-scan/",
          "betrokkenheid/aarschot-cijfers/", "over/inhoud-schrijven/", "blad/lbs-scan/",
          "bundels/studiedag-verwachtingen/"]


@pytest.mark.parametrize("width", [1280, 390])
def test_page_kinds_are_accessible_and_fit_a_phone(width: int, url: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    found = {path: _check_page(page, url + path) for path in SAMPLE}
    assert {p: v for p, v in found.items() if v} == {}
    page.close()


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_is_accessible_and_fits_a_phone(width: int, real_site: Path, url: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    found = {path: _check_page(page, url + path) for path in _pages(real_site)}
    assert len(found) > 100
    assert {p: v for p, v in found.items() if v} == {}
    page.close()


def test_sheets_are_tagged_pdfs_in_dutch(real_site: Path) -> None:
    from pypdf import PdfReader

    for name in ("lbs-scan", "typen-doelen-en-kwaliteitsbesef", "tips-agenda"):
        root = PdfReader(str(real_site / f"site/pdf/{name}.pdf")).trailer["/Root"]
        assert root.get("/Lang") == "nl" and "/StructTreeRoot" in root, name
