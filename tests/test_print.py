"""Print: sheets and bundles read back from the rendered PDFs; QR codes decoded; the cache; Chromium printing."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
import zxingcpp
from conftest import leidraad, make_tree, mkdocs_build
from leidraad.sheets import all_bundles, all_sheets
from leidraad.validate import check

pytestmark = pytest.mark.build

A4 = (595.28, 841.89)
SITE_URL = "https://voorbeeld.invalid/test/"


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    with pdfplumber.open(pdf) as doc:
        return [(round(float(p.width), 2), round(float(p.height), 2)) for p in doc.pages]


def text_of(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in doc.pages)


def is_a4(size: tuple[float, float], landscape: bool = False) -> bool:
    expected = (A4[1], A4[0]) if landscape else A4
    return abs(size[0] - expected[0]) < 1 and abs(size[1] - expected[1]) < 1


def decode_qr(pdf: Path, page: int = 0) -> list[str]:
    document = pypdfium2.PdfDocument(str(pdf))
    image = document[page].render(scale=4).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


# --- the minimal fixture --------------------------------------------------------------------------


def test_participant_sheet_has_title_steps_questions_and_writing_space(built_minimal: Path) -> None:
    pdf = built_minimal / "pdf/test-activiteit.pdf"
    assert all(is_a4(size) for size in page_sizes(pdf))
    text = text_of(pdf)
    for expected in ("Een testactiviteit", "Lees de opdracht over BKC.", "Vul het raster in.", "Bespreek in duo.",
                     "Wat viel je op?", "Wat doe je morgen anders?", "Notities", "Leerling A", "Verwachting"):
        assert expected in text
    assert "Let op de tijd bij stap 2." not in text  # facilitator notes never on a participant sheet
    assert "(5 min)" not in text  # timings are for the facilitator
    assert "Privacy." in text  # the sheet asks about pupils


def test_facilitator_sheet_has_timings_preparation_and_notes(built_minimal: Path) -> None:
    text = text_of(built_minimal / "pdf/test-activiteit-begeleider.pdf")
    for expected in ("Let op de tijd bij stap 2.", "(5 min)", "(15 min)", "Kopieer het blad.", "Voorbereiding"):
        assert expected in text


def test_checklist_has_one_item_per_tip(built_minimal: Path) -> None:
    pdf = built_minimal / "pdf/test-tips.pdf"
    assert all(is_a4(size) for size in page_sizes(pdf))
    text = text_of(pdf)
    assert "Eerste contact met ouders" in text
    assert text.count("gedaan deels nog niet") == 2
    assert "1. Stellen we ons voor met naam en rol?" in text and "2. Bieden we een tolk aan?" in text


def test_instrument_form_has_header_fields_scale_boxes_and_rows(built_minimal: Path) -> None:
    pdf = built_minimal / "pdf/test-kijkwijzer.pdf"
    assert all(is_a4(size) for size in page_sizes(pdf))
    text = text_of(pdf)
    for expected in ("Testkijkwijzer", "Klas", "Datum", "Klasklimaat", "1 · zwak", "NO · niet observeerbaar",
                     "De leerkracht spreekt leerlingen positief aan.", "Leerlingen helpen elkaar.", "Privacy."):
        assert expected in text
    with pdfplumber.open(pdf) as doc:
        rows = [r for r in doc.pages[0].extract_table() or [] if r and r[0] and "Leerlingen helpen" in r[0]]
    assert rows and len(rows[0]) == 1 + 4 + 1 + 1  # statement, scores 1-4, NO, note


def test_every_sheet_footer_carries_source_licence_edition_and_page(built_minimal: Path) -> None:
    for pdf in sorted((built_minimal / "pdf").glob("*.pdf")):
        text = text_of(pdf)
        assert "CC BY 4.0" in text, pdf.name
        assert "editie 01-01-2026" in text, pdf.name  # SOURCE_DATE_EPOCH of the tests
        assert "Pagina 1 van" in text, pdf.name
        if not pdf.name.endswith(("deelnemersmap.pdf", "draaiboek.pdf")):
            assert "Testbron (2024)" in text, pdf.name


@pytest.mark.parametrize(("pdf", "url"), [
    ("test-activiteit.pdf", "activiteiten/test-activiteit/"),
    ("test-tips.pdf", "tips/test-tips/"),
    ("test-kijkwijzer.pdf", "instrumenten/test-kijkwijzer/"),
    ("test-bundel-draaiboek.pdf", "bundels/test-bundel/"),
])
def test_qr_code_decodes_to_the_page_address(built_minimal: Path, pdf: str, url: str) -> None:
    assert decode_qr(built_minimal / "pdf" / pdf) == [SITE_URL + url]


def test_bundle_has_cover_contents_in_order_and_its_sheets(built_minimal: Path) -> None:
    pdf = built_minimal / "pdf/test-bundel-deelnemersmap.pdf"
    assert all(is_a4(size) for size in page_sizes(pdf))
    with pdfplumber.open(pdf) as doc:
        pages = [" ".join((p.extract_text() or "").split()) for p in doc.pages]
    cover = pages[0]
    assert "Een testnamiddag" in cover and "Deelnemersmap" in cover
    assert "13:30" in cover and "Koffie en kennismaking" in cover  # the programme, text blocks included
    contents = cover.split(" Inhoud ", 1)[1]
    listed = re.findall(r"(Een testactiviteit|Eerste contact met ouders) ?\.+ ?(\d+)", contents)
    assert [title for title, _ in listed] == ["Een testactiviteit", "Eerste contact met ouders"]
    for title, number in listed:  # every entry points at the page where that sheet starts
        assert title in pages[int(number) - 1]
    assert "Let op de tijd bij stap 2." not in " ".join(pages)
    draaiboek = text_of(built_minimal / "pdf/test-bundel-draaiboek.pdf")
    assert "Let op de tijd bij stap 2." in draaiboek


def test_one_page_overviews(built_minimal: Path) -> None:
    for name, expected in (("overzicht-aanbevelingen", "Houd je verwachtingen hoog en eerlijk."),
                           ("overzicht-factoren", "Wie zich goed voelt, leert beter.")):
        pdf = built_minimal / "pdf" / f"{name}.pdf"
        assert len(page_sizes(pdf)) == 1
        assert expected in text_of(pdf)


def test_pages_offer_downloads_that_exist(built_minimal: Path) -> None:
    page = (built_minimal / "activiteiten/test-activiteit/index.html").read_text(encoding="utf-8")
    buttons = page.split('class="ld-knoppen"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'class="md-button[^"]*" href="([^"]+)"', buttons)
    assert links == ["../../pdf/test-activiteit.pdf", "../../pdf/test-activiteit-begeleider.pdf",
                     "../../blad/test-activiteit/"]
    assert 'href="../../blad/test-activiteit/?met-antwoorden"' in page  # print the sheet with my answers
    for link in links:
        target = (built_minimal / "activiteiten/test-activiteit" / link).resolve()
        assert target.exists() or (target / "index.html").exists()


# --- the cache ------------------------------------------------------------------------------------


def summary(result_text: str) -> str:
    line = next(line for line in result_text.splitlines() if "leidraad: PDF:" in line)
    return line.split("leidraad: ", 1)[1]


def test_cache_renders_only_what_changed(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "cache", copy_templates=True)
    first = mkdocs_build(root, "--strict", pdf=True)
    assert first.returncode == 0, first.stderr
    assert "7 opnieuw gemaakt" in summary(first.stderr)
    second = mkdocs_build(root, "--strict", pdf=True)
    assert summary(second.stderr).startswith("PDF: 7 bladen (0 opnieuw gemaakt, 7 uit de cache), 8 bundels "
                                             "(0 opnieuw samengesteld, 8 uit de cache)")
    activity = root / "content/activiteiten/test-activiteit.md"
    activity.write_text(activity.read_text().replace("Lees de opdracht", "Lees eerst de opdracht"))
    third = mkdocs_build(root, "--strict", pdf=True)
    rendered = re.findall(r"leidraad: PDF \d+/\d+ (\S+)", third.stderr)
    assert sorted(rendered) == ["test-activiteit", "test-activiteit-begeleider"]
    # its bundles: per recommendation, complete, and the trainer's programme (both variants each)
    assert "6 opnieuw samengesteld, 2 uit de cache" in summary(third.stderr)
    css = root / "templates/print/blad.css"
    css.write_text(css.read_text() + "\n/* gewijzigd */\n")
    fourth = mkdocs_build(root, "--strict", pdf=True)
    assert "7 opnieuw gemaakt, 0 uit de cache" in summary(fourth.stderr)


# --- leidraad pdf -----------------------------------------------------------------------------------


def test_pdf_command_builds_one_programme(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "pdf")
    result = leidraad(root, "pdf", "content/bundels/test-bundel.yml", "--uit", str(tmp_path / "uit"))
    assert result.returncode == 0, result.stderr
    for variant in ("deelnemersmap", "draaiboek"):
        pdf = tmp_path / "uit" / "pdf" / f"test-bundel-{variant}.pdf"
        with pdfplumber.open(pdf) as doc:
            starts = [i for i, p in enumerate(doc.pages) if "Een testactiviteit" in (p.extract_text() or "")]
            tips = [i for i, p in enumerate(doc.pages) if "Eerste contact met ouders" in (p.extract_text() or "")]
        assert starts[1] < tips[-1]  # cover lists both; the activity's sheet comes before the tip group's


def test_pdf_command_rejects_an_unknown_reference(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "pdf")
    bundle = root / "content/bundels/test-bundel.yml"
    bundle.write_text(bundle.read_text().replace("item: test-activiteit", "item: verzonnen-activiteit"))
    result = leidraad(root, "pdf", "content/bundels/test-bundel.yml")
    assert result.returncode == 1
    assert ("content/bundels/test-bundel.yml:6: veld 'blokken[2].item': verwijst naar 'verzonnen-activiteit', "
            "maar een activiteit, tipgroep of instrument met die id bestaat niet") in result.stderr


# --- the real content -------------------------------------------------------------------------------


def test_real_participant_sheets_fit_their_pages(real_site: Path) -> None:
    site = check(real_site).site
    sheets = [s for s in all_sheets(site) if s.kind == "deelnemer"]
    assert len(sheets) == len(site.of_kind("activiteit")) >= 14
    assert all((s.max_pages or 2) <= 3 for s in sheets)  # a sheet that needs more is a bundle, not a sheet
    for sheet in sheets:
        pdf = real_site / "site" / sheet.pdf_url
        sizes = page_sizes(pdf)
        assert len(sizes) <= (sheet.max_pages or 2), sheet.name
        assert all(is_a4(size, sheet.landscape) for size in sizes), sheet.name
        text = text_of(pdf)
        item = site.items[sheet.item or ""]
        assert " ".join(item.data.titel.split()) in text
        for vraag in item.data.reflectievragen:
            assert " ".join(re.sub(r"[*_`]", "", vraag.vraag).split())[:40] in text, (sheet.name, vraag.id)
        notes = item.data.begeleidersnotities
        if notes:
            first_words = " ".join(re.sub(r"[*_`#>-]", " ", notes).split()[:8])
            assert first_words not in text, sheet.name
            assert first_words in text_of(real_site / "site" / f"pdf/{sheet.name}-begeleider.pdf"), sheet.name


def test_real_checklists_and_bundles(real_site: Path) -> None:
    site = check(real_site).site
    for group in site.of_kind("tipgroep"):
        text = text_of(real_site / "site" / f"pdf/{group.stem}.pdf")
        assert text.count("gedaan deels nog niet") == len(group.data.tips), group.stem
        assert text.count("Wie, wat, tegen wanneer") == len(group.data.tips), group.stem
    for bundle in all_bundles(site):
        pdf = real_site / "site" / bundle.pdf_url
        assert all(is_a4(size) or is_a4(size, True) for size in page_sizes(pdf)), bundle.name
        assert bundle.title.split(":")[0] in text_of(pdf), bundle.name
    overview = real_site / "site/pdf/overzicht-aanbevelingen.pdf"
    assert len(page_sizes(overview)) == 1


def _words(markdown_text: str, n: int = 7) -> str:
    """The first words of a Markdown text as they read on paper: words only, no markup or punctuation."""
    plain = re.sub(r"\]\([^)]*\)", " ", markdown_text)  # a link's address is not printed
    return " ".join(re.findall(r"\w+", re.sub(r"^\s*\d+\.", " ", plain, flags=re.M))[:n])


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


def test_real_sheets_carry_what_their_steps_need(real_site: Path) -> None:
    """Whatever a step refers to is on paper: every bijlage on both activity sheets, the instruments' instructions,
    legend, phases and roles, the scale meanings, and half scores where the method has them."""
    site = check(real_site).site
    for activity in site.of_kind("activiteit"):
        for name in (activity.stem, f"{activity.stem}-begeleider"):
            text = _plain(text_of(real_site / "site" / f"pdf/{name}.pdf"))
            for bijlage in activity.data.bijlagen:
                assert _plain(bijlage.titel) in text, (name, bijlage.id)
                assert _words(bijlage.tekst) in text, (name, bijlage.id, _words(bijlage.tekst))
    named = {"feedback-onder-de-loep": "kijkvragen", "typen-doelen-en-kwaliteitsbesef": "werkdefinities",
             "leerlingen-zelf-laten-kiezen": "leerlingvragen"}
    for stem, block in named.items():
        assert block in {b.id for b in site.items[stem].data.bijlagen}, stem
    sheet = " ".join(text_of(real_site / "site/pdf/typen-doelen-en-kwaliteitsbesef.pdf").split())
    for term in ("Compact:", "Concreet:", "Controleerbaar:"):
        assert term in sheet
    choose = " ".join(text_of(real_site / "site/pdf/leerlingen-zelf-laten-kiezen.pdf").split())
    questions = next(b for b in site.items["leerlingen-zelf-laten-kiezen"].data.bijlagen if b.id == "leerlingvragen")
    assert questions.tekst.count("?") >= 3 and choose.count("?") >= 3 + 2
    case = " ".join(text_of(real_site / "site/pdf/casusgesprek-leerkracht.pdf").split())
    for word in ("groen", "oranje", "rood", "Waarnemen", "Begrijpen", "Plannen", "Realiseren", "gespreksleider",
                 "tijdsbewaker"):
        assert word in case, word
    assert case.index("Verticale scan") < case.index("Waarnemen")
    kijkwijzer = _plain(text_of(real_site / "site/pdf/kijkwijzer-klasobservatie.pdf"))
    for waarde in site.schalen["kijkwijzer"].waarden:
        assert _words(waarde.betekenis or "", 6) in kijkwijzer, waarde.waarde
    for block in site.items["kijkwijzer-klasobservatie"].data.uitleg:
        assert _plain(block.titel) in kijkwijzer
    lbs = text_of(real_site / "site/pdf/lbs-scan.pdf")
    assert "3,5" in lbs and "4,5" in lbs and "Laevers" in lbs
