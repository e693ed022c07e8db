"""Fill in, keep, score — in real headless Chromium on the real site: one control per fillable part, answers kept
in this browser, printed on their sheet, exported and imported safely, scored, and read as a team."""

from __future__ import annotations

import json
import math
import random
import re
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pdfplumber
import pytest
from conftest import serve
from leidraad.forms import form
from leidraad.validate import check
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from test_browser import ARGS, AXE, CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def site(real_site: Path) -> Any:
    return check(real_site).site


@pytest.fixture(scope="module")
def server(real_site: Path) -> Iterator[tuple[str, dict[str, bytes]]]:
    url, httpd, overrides = serve(real_site / "site")
    yield url, overrides
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile per test (its own localStorage), that fails on any dialog and records requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE", accept_downloads=True)
    context.requests = []  # type: ignore[attr-defined]
    context.on("request", lambda r: context.requests.append(r.url))  # type: ignore[attr-defined]
    yield context
    hosts = {urlparse(u).hostname for u in context.requests if u.startswith("http")}  # type: ignore[attr-defined]
    assert hosts <= {"127.0.0.1"}, hosts  # no request leaves this machine
    context.close()


def open_page(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.on("dialog", lambda d: (_ for _ in ()).throw(AssertionError(f"unexpected dialog: {d.message}"))
            if d.type != "confirm" else d.accept())
    page.goto(url, wait_until="networkidle")
    return page


def fillable(site: Any, item: Any) -> set[str]:
    """Every fillable part of the content model, computed here from the model itself (not from forms.py)."""
    d = item.data
    if item.kind == "activiteit":
        return {v.id for v in d.invulvelden} | {v.id for v in d.reflectievragen}
    if item.kind == "tipgroep":
        return {t.id for t in d.tips}
    found = {k.id for k in d.kopvelden} | {v.id for v in d.open_vragen}

    def walk(nodes: Any, parent_scored: bool) -> None:
        for node in nodes:
            scored = node.scored and bool(d.schaal)
            if scored or node.tekst:  # a score, a look-for under a scored node, or a question to write about
                found.add(node.id)
            walk(node.onderdelen, scored)

    walk(d.onderdelen, False)
    return found


SET_ALL = """(stem) => {
  const names = [...new Set([...document.querySelectorAll('[name^="' + stem + '#"]')].map(e => e.name))];
  for (const name of names) {
    const inputs = [...document.querySelectorAll('[name="' + name + '"]')];
    for (const input of inputs) {
      const radios = inputs.filter(i => i.type === 'radio');
      if (input.type === 'radio') { if (input === radios[Math.min(1, radios.length - 1)]) input.checked = true;
                                    else continue; }
      else if (input.type === 'checkbox') input.checked = true;
      else input.value = 'antwoord ' + name + (input.dataset.ldCel || '');
      input.dispatchEvent(new Event('input', {bubbles: true}));
      input.dispatchEvent(new Event('change', {bubbles: true}));
    }
  }
  return names;
}"""
READ_ALL = """(stem) => [...document.querySelectorAll('[name^="' + stem + '#"]')].map(e =>
  e.name + '|' + (e.dataset.ldCel || e.dataset.ldVeld || e.value) + '|' +
  ((e.type === 'radio' || e.type === 'checkbox') ? e.checked : e.value))"""


def test_every_fillable_part_has_one_control_and_its_answer_survives_a_reload(
        site: Any, server: tuple[str, dict[str, bytes]], context: BrowserContext) -> None:
    url, _ = server
    items = site.of_kind("activiteit") + site.of_kind("tipgroep") + site.of_kind("instrument")
    assert len(items) >= 14 + 13 + 5
    for item in items:
        page = open_page(context, url + item.url)
        names = page.evaluate(SET_ALL, item.stem)
        assert sorted(n.split("#", 1)[1] for n in names) == sorted(fillable(site, item)), item.stem
        before = page.evaluate(READ_ALL, item.stem)
        page.reload(wait_until="networkidle")
        assert page.evaluate(READ_ALL, item.stem) == before, item.stem
        page.close()


def test_typing_and_closing_the_tab_keeps_the_answer(server: tuple[str, dict[str, bytes]],
                                                      context: BrowserContext) -> None:
    url, _ = server
    page = open_page(context, url + "activiteiten/typen-doelen-en-kwaliteitsbesef/")
    page.locator('[name="typen-doelen-en-kwaliteitsbesef#twee-doelen"]').focus()
    page.keyboard.type("Ik kan breuken vergelijken")
    page.close()  # without leaving the field
    again = open_page(context, url + "activiteiten/typen-doelen-en-kwaliteitsbesef/")
    assert again.input_value('[name="typen-doelen-en-kwaliteitsbesef#twee-doelen"]') == "Ik kan breuken vergelijken"


def test_one_form_of_each_kind_is_filled_with_the_keyboard_only(server: tuple[str, dict[str, bytes]],
                                                                  context: BrowserContext) -> None:
    url, _ = server
    page = open_page(context, url + "activiteiten/typen-doelen-en-kwaliteitsbesef/")
    page.locator('[name="typen-doelen-en-kwaliteitsbesef#herschreven-doel"]').focus()
    page.keyboard.type("Het is gelukt als ik het uitleg")  # text
    page.keyboard.press("Tab")
    page.locator('[name="typen-doelen-en-kwaliteitsbesef#doelcheck-raster"][data-ld-cel="0-0"]').focus()
    page.keyboard.type("ja")  # grid
    page.keyboard.press("Tab")
    page.keyboard.type("deels")
    page.reload(wait_until="networkidle")
    assert page.input_value('[data-ld-cel="0-1"][name="typen-doelen-en-kwaliteitsbesef#doelcheck-raster"]') == "deels"
    scale = open_page(context, url + "activiteiten/vragenlijst-collective-efficacy/")
    scale.locator('[name="vragenlijst-collective-efficacy#samen-verschil"]').first.focus()
    scale.keyboard.press("Space")  # scale: the first choice, then an arrow moves it
    scale.keyboard.press("ArrowRight")
    assert scale.locator('[name="vragenlijst-collective-efficacy#samen-verschil"][value="2"]').is_checked()
    checklist = open_page(context, url + "tips/tips-agenda/")
    first = checklist.locator('[name="tips-agenda#afkortingen-uitleggen"][data-ld-veld="status"]').first
    first.focus()
    checklist.keyboard.press("Space")
    checklist.keyboard.press("Tab")
    checklist.keyboard.type("Els, kaartje, oktober")  # checklist: status and who/what/when
    observe = open_page(context, url + "instrumenten/kijkwijzer-klasobservatie/")
    observe.locator('[name="kijkwijzer-klasobservatie#llb-01"]').first.focus()
    observe.keyboard.press("Space")
    observe.keyboard.press("ArrowRight")
    observe.keyboard.press("ArrowRight")  # kijkwijzer level 3
    observe.reload(wait_until="networkidle")
    assert observe.locator('[name="kijkwijzer-klasobservatie#llb-01"][value="3"]').is_checked()
    checklist.reload(wait_until="networkidle")
    assert checklist.input_value('[name="tips-agenda#afkortingen-uitleggen"][data-ld-veld="actie"]') == \
        "Els, kaartje, oktober"
    assert checklist.locator('[name="tips-agenda#afkortingen-uitleggen"][value="gedaan"]').is_checked()


def _pages_of(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [" ".join((p.extract_text() or "").split()) for p in doc.pages]


def _page_with(pages: list[str], text: str) -> int:
    found = [i for i, page in enumerate(pages) if text in page]
    assert found, text
    return found[0]


@pytest.mark.parametrize(("stem", "answers"), [
    ("typen-doelen-en-kwaliteitsbesef", {"twee-doelen": "Breuken vergelijken in duo", "begrip-checken":
                                         "Exit-ticket met twee vragen", "impliciet": "Meestal alleen in mijn hoofd"}),
    ("tips-oudercontacten", {}),
    ("lbs-scan", {"verklaring": "Hoogste scores bij het groepswerk"}),
])
def test_print_with_my_answers_matches_the_sheet(stem: str, answers: dict[str, str], real_site: Path,
                                                 server: tuple[str, dict[str, bytes]], context: BrowserContext,
                                                 tmp_path: Path, site: Any) -> None:
    url, _ = server
    item = site.items[stem]
    page = open_page(context, url + item.url)
    for part, text in answers.items():
        page.fill(f'[name="{stem}#{part}"]', text)
    if stem == "tips-oudercontacten":
        last = item.data.tips[-1].id
        page.check(f'[name="{stem}#{last}"][value="deels"]')
        page.fill(f'[name="{stem}#{last}"][data-ld-veld="actie"]', "Werkgroep, tegen juni")
        answers = {last: "Werkgroep, tegen juni"}
    sheet = open_page(context, url + f"blad/{stem}/?met-antwoorden")
    assert sheet.inner_text(".ld-blad-melding") == "Je antwoorden uit deze browser staan erin."
    sheet.emulate_media(media="print")
    target = tmp_path / f"{stem}.pdf"
    sheet.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
    printed, own = _pages_of(target), _pages_of(real_site / f"site/pdf/{stem}.pdf")
    assert len(printed) == len(own)
    for part, text in answers.items():
        box = next((getattr(x, "label", None) or getattr(x, "vraag", None) or getattr(x, "controlevraag", None))
                   for name in ("invulvelden", "reflectievragen", "tips", "kopvelden", "open_vragen")
                   for x in getattr(item.data, name, ()) if x.id == part)
        words = " ".join(box.split()[:4])
        assert _page_with(printed, text) == _page_with(printed, words) == _page_with(own, words), part


@pytest.mark.slow
def test_every_sheet_printed_from_the_browser_has_the_pages_of_its_pdf(real_site: Path,
                                                                       server: tuple[str, dict[str, bytes]],
                                                                       context: BrowserContext,
                                                                       tmp_path: Path) -> None:
    """'Print with my answers' prints the /blad/ page: for every sheet, Chromium's print of it has as many pages
    as the sheet's own PDF (WeasyPrint), so a filled-in form looks like the printed one."""
    url, _ = server
    differ = []
    for pdf in sorted((real_site / "site/pdf").glob("*.pdf")):
        if not (real_site / "site/blad" / pdf.stem / "index.html").is_file():
            continue  # a bundle: no page of its own
        sheet = open_page(context, url + f"blad/{pdf.stem}/?met-antwoorden")
        sheet.emulate_media(media="print")
        target = tmp_path / pdf.name
        sheet.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
        sheet.close()
        printed, own = len(_pages_of(target)), len(_pages_of(pdf))
        if printed != own:
            differ.append(f"{pdf.stem}: browser {printed}, PDF {own}")
    assert differ == []


def _export(page: Page, tmp_path: Path) -> Path:
    with page.expect_download() as download:
        page.click('[data-ld-actie="exporteren"]')
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


STORED = "() => Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, JSON.parse(localStorage[k]).a]))"


def test_export_clear_import_and_bad_files(server: tuple[str, dict[str, bytes]], context: BrowserContext,
                                           tmp_path: Path) -> None:
    url, _ = server
    page = open_page(context, url + "instrumenten/lbs-scan/")
    page.check('[name="lbs-scan#leerling-03"][value="4.5"]')
    page.fill('[name="lbs-scan#leerling-03"][data-ld-veld="code"]', "L03")
    page.fill('[name="lbs-scan#verklaring"]', "Groepswerk werkte goed")
    stored = page.evaluate(STORED)
    exported = _export(page, tmp_path)
    assert re.fullmatch(r"lbs-scan-\d{4}-\d\d-\d\d\.json", exported.name)
    page.click('[data-ld-actie="wissen"]')
    assert page.evaluate(STORED) == {}
    page.set_input_files('[data-ld-actie="importeren"]', str(exported))
    expect(page.locator("[data-ld-melding]")).to_contain_text("Ingelezen")  # the file is read asynchronously
    assert page.evaluate(STORED) == stored
    assert page.is_checked('[name="lbs-scan#leerling-03"][value="4.5"]')
    other = json.loads(exported.read_text(encoding="utf-8"))
    cases = {
        "kapot.json": (b"{dit is geen json", "geen geldig exportbestand"),
        "ander.json": (json.dumps({**other, "formulier": "kijkwijzer-klasobservatie"}).encode(), "ander formulier"),
        "buiten.json": (json.dumps({**other, "antwoorden": {"leerling-01": {"score": 7}}}).encode(),
                        "waarden die niet passen"),
    }
    for name, (body, message) in cases.items():
        (tmp_path / name).write_bytes(body)
        page.set_input_files('[data-ld-actie="importeren"]', str(tmp_path / name))
        expect(page.locator("[data-ld-melding]")).to_contain_text(message)
        expect(page.locator("[data-ld-melding]")).to_contain_text("Er is niets veranderd")
        assert page.evaluate(STORED) == stored


def test_an_answer_is_always_text(server: tuple[str, dict[str, bytes]], context: BrowserContext) -> None:
    url, overrides = server
    hostile = "<img src=x onerror=alert(1)>"
    page = open_page(context, url + "instrumenten/lbs-scan/")  # open_page fails the test on any alert
    page.fill('[name="lbs-scan#werkvorm"]', hostile)
    page.fill('[name="lbs-scan#leerling-01"][data-ld-veld="code"]', hostile[:12])
    sheet = open_page(context, url + "blad/lbs-scan/")
    assert hostile in sheet.inner_text("body")
    assert sheet.locator("img[src=x]").count() == 0
    page.reload(wait_until="networkidle")
    assert page.input_value('[name="lbs-scan#werkvorm"]') == hostile


def shown(value: float) -> str:
    """A figure as the page writes it: rounded like JavaScript's Math.round to two decimals, with a comma."""
    return f"{math.floor(value * 100 + 0.5) / 100:g}".replace(".", ",")


def _computed(page: Page, selector: str) -> str:
    return " ".join(page.inner_text(selector).split())


def test_scores_match_our_own_computation(site: Any, server: tuple[str, dict[str, bytes]],
                                          context: BrowserContext) -> None:
    url, _ = server
    rng = random.Random(7)
    # kijkwijzer: how often each level was given over the 14 indicators (NO left out)
    kijkwijzer = site.items["kijkwijzer-klasobservatie"]
    scored = [p["id"] for p in form(site, kijkwijzer)["delen"] if p["soort"] == "score"]
    given = {part: rng.choice(["1", "2", "3", "4", "NO"]) for part in scored}
    page = open_page(context, url + kijkwijzer.url)
    for part, value in given.items():
        page.check(f'[name="kijkwijzer-klasobservatie#{part}"][value="{value}"]')
    table = _computed(page, '[data-ld-regel="telling"]')
    for level in ("1", "2", "3", "4"):
        assert f"{level} {list(given.values()).count(level)}" in table
    assert f"NO (telt niet mee) {list(given.values()).count('NO')}" in table
    # LBS: mean, distribution over the half scores, share at 4 or more
    scores = [rng.choice([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]) for _ in range(10)]
    page = open_page(context, url + "instrumenten/lbs-scan/")
    for i, score in enumerate(scores, start=1):
        page.check(f'[name="lbs-scan#leerling-{i:02}"][value="{score:g}"]')
    assert f"Alles samen {shown(statistics.mean(scores))} 10 van 10" in _computed(page, '[data-ld-regel="gemiddelde"]')
    distribution = _computed(page, '[data-ld-regel="verdeling"]')
    for value in (1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5):
        assert f"{value:g}".replace(".", ",") + f" {scores.count(value)} " in distribution + " "
    share = sum(1 for s in scores if s >= 4)
    assert f"{share} van 10" in _computed(page, '[data-ld-regel="aandeel"]')
    # baseline analysis: the mean per dimension on 0-6
    baseline = site.items["beginsituatieanalyse"]
    spec = form(site, baseline)
    page = open_page(context, url + baseline.url)
    values = {}
    for part in (p["id"] for p in spec["delen"] if p["soort"] == "score"):
        values[part] = rng.randint(0, 6)
        page.check(f'[name="beginsituatieanalyse#{part}"][value="{values[part]}"]')
    table = _computed(page, '[data-ld-regel="gemiddelde"]')
    for group in spec["scoring"][0]["groepen"]:
        mean = shown(statistics.mean(values[p] for p in group["delen"]))
        assert f"{group['titel']} {mean} " in table + " ", group["id"]


def _answer_file(tmp_path: Path, spec: dict[str, Any], name: str, answers: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"leidraad": 1, "formulier": spec["id"], "versie": spec["versie"],
                                "antwoorden": answers}), encoding="utf-8")
    return path


def _team_rows(page: Page) -> dict[tuple[str, str], list[str]]:
    rows = {}
    for row in page.locator("[data-ld-team-resultaat] tbody tr").all():
        cells = [c.strip() for c in row.inner_text().split("\t")]
        rows[(cells[0], cells[1])] = cells[2:]
    return rows


def test_team_view_per_role_and_the_minimum_for_the_baseline_analysis(
        site: Any, server: tuple[str, dict[str, bytes]], context: BrowserContext, tmp_path: Path) -> None:
    url, _ = server
    rng = random.Random(11)
    efficacy = site.items["vragenlijst-collective-efficacy"]
    spec = form(site, efficacy)
    parts = [p["id"] for p in spec["delen"] if p["soort"] == "schaal"]
    files, expected = [], {}
    for i, role in enumerate(("teamlid", "schoolleiding", "ouder")):
        answers = {p: rng.randint(1, 4) for p in parts}
        files.append((_answer_file(tmp_path, spec, f"ce-{i}.json", answers), role))
        expected[role] = statistics.mean(answers.values())
    page = open_page(context, url + efficacy.url)
    page.set_input_files('[data-ld-actie="team-inlezen"]', [str(f) for f, _ in files])
    for i, (_, role) in enumerate(files):
        page.select_option(f'[data-ld-rol="{i}"]', role)
    rows = _team_rows(page)
    labels = spec["respondenten"]
    for role, mean in expected.items():
        assert rows[("Alles samen", labels[role])][0] == shown(mean), role
    # baseline analysis: two roles with 3 files each show figures; a role with 2 files shows none and says why
    baseline = site.items["beginsituatieanalyse"]
    spec = form(site, baseline)
    scored = [p["id"] for p in spec["delen"] if p["soort"] == "score"]
    group = spec["scoring"][0]["groepen"][3]
    roles = ["teamlid"] * 3 + ["schoolleiding"] * 3 + ["ouder"] * 2
    files, per_role = [], {}
    for i, role in enumerate(roles):
        answers = {p: {"score": rng.randint(0, 6)} for p in scored}
        files.append(_answer_file(tmp_path, spec, f"bsa-{i}.json", answers))
        per_role.setdefault(role, []).append(statistics.mean(answers[p]["score"] for p in group["delen"]))
    page = open_page(context, url + baseline.url)
    page.set_input_files('[data-ld-actie="team-inlezen"]', [str(f) for f in files])
    for i, role in enumerate(roles):
        page.select_option(f'[data-ld-rol="{i}"]', role)
    rows = _team_rows(page)
    for role in ("teamlid", "schoolleiding"):
        assert rows[(group["titel"], spec["respondenten"][role])][0] == shown(statistics.mean(per_role[role]))
    assert rows[(group["titel"], "Ouder")] == ["–", "–", "te weinig"]
    assert "Ouder: 2 antwoord(en), minder dan 3" in page.inner_text("[data-ld-team-resultaat]")
    with page.expect_download() as download:
        page.click("text=Tabel exporteren (CSV)")
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    ouder = [line for line in csv.splitlines() if '"Ouder"' in line]
    assert ouder and all('"te weinig antwoorden"' in line and re.search(r'"\d', line) is None for line in ouder)


def test_a_changed_form_keeps_unchanged_answers_and_shows_removed_ones_as_old(
        real_site: Path, server: tuple[str, dict[str, bytes]], context: BrowserContext) -> None:
    url, overrides = server
    path = "/activiteiten/typen-doelen-en-kwaliteitsbesef/"
    page = open_page(context, url + path.lstrip("/"))
    page.fill('[name="typen-doelen-en-kwaliteitsbesef#twee-doelen"]', "blijft staan")
    page.fill('[name="typen-doelen-en-kwaliteitsbesef#begrip-checken"]', "verdwijnt uit het formulier")
    html = (real_site / "site" / path.strip("/") / "index.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="ld-formulier-gegevens">(.*?)</script>', html, re.S)
    assert data
    spec = json.loads(data.group(1))
    spec["delen"] = [p for p in spec["delen"] if p["id"] != "begrip-checken"]
    spec["versie"] = "gewijzigd"
    changed = html.replace(data.group(1), json.dumps(spec).replace("<", "\\u003c"))
    field = r'<div class="ld-veld ld-veld--tekst">\s*<p class="ld-veld__label" id="begrip-checken">.*?</div>\s*</div>'
    changed = re.sub(field, "", changed, flags=re.S)
    overrides[path] = changed.encode("utf-8")
    try:
        page.reload(wait_until="networkidle")
        assert page.input_value('[name="typen-doelen-en-kwaliteitsbesef#twee-doelen"]') == "blijft staan"
        old = page.inner_text("[data-ld-oud]")
        assert "Oude antwoorden" in old and "verdwijnt uit het formulier" in old
    finally:
        overrides.clear()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_filled_form_page_is_accessible_and_fits_a_phone(width: int, server: tuple[str, dict[str, bytes]],
                                                            context: BrowserContext) -> None:
    url, _ = server
    page = open_page(context, url + "instrumenten/lbs-scan/")
    page.set_viewport_size({"width": width, "height": 900})
    page.check('[name="lbs-scan#leerling-01"][value="3"]')
    page.fill('[name="lbs-scan#klas"]', "5A")
    page.add_script_tag(path=str(AXE))
    bad = page.evaluate("""async () => (await axe.run(document)).violations
        .filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => [v.id, v.nodes.map(n => n.target.join(' '))])""")
    assert bad == []
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
