"""Full MkDocs builds of fixture trees into temporary folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, external_resources, make_tree, mkdocs_build, snapshot

pytestmark = pytest.mark.build

EXPECTED_FILES = [
    "404.html",
    "aanbevelingen/index.html",
    "aanbevelingen/test-aanbeveling/index.html",
    "activiteiten/index.html",
    "activiteiten/test-activiteit/index.html",
    "blad/overzicht-aanbevelingen/index.html",
    "blad/overzicht-factoren/index.html",
    "blad/test-activiteit-begeleider/index.html",
    "blad/test-activiteit/index.html",
    "blad/test-kijkwijzer/index.html",
    "blad/test-tips-begeleider/index.html",
    "blad/test-tips/index.html",
    "bronnen/index.html",
    "bundels/index.html",
    "bundels/test-bundel/index.html",
    "download/leidraad-site.zip",
    "factoren/index.html",
    "factoren/test-factor/index.html",
    "index.html",
    "instrumenten/index.html",
    "instrumenten/test-kijkwijzer/index.html",
    "over/colofon/index.html",
    "over/index.html",
    "pdf/activiteitenbundel-test-aanbeveling-deelnemersmap.pdf",
    "pdf/activiteitenbundel-test-aanbeveling-draaiboek.pdf",
    "pdf/overzicht-aanbevelingen.pdf",
    "pdf/overzicht-factoren.pdf",
    "pdf/test-activiteit-begeleider.pdf",
    "pdf/test-activiteit.pdf",
    "pdf/test-bundel-deelnemersmap.pdf",
    "pdf/test-bundel-draaiboek.pdf",
    "pdf/test-kijkwijzer.pdf",
    "pdf/test-tips-begeleider.pdf",
    "pdf/test-tips.pdf",
    "pdf/tipsbundel-contact-deelnemersmap.pdf",
    "pdf/tipsbundel-contact-draaiboek.pdf",
    "pdf/volledige-bundel-deelnemersmap.pdf",
    "pdf/volledige-bundel-draaiboek.pdf",
    "sitemap.xml",
    "sitemap.xml.gz",
    "tips/index.html",
    "tips/test-tips/index.html",
    "zoek/documenten.js",
]


def site_files(site: Path) -> list[str]:
    """Every published file but the theme's assets and the search index's parts (stems by their first two
    letters, documents in pages)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith(("assets/", "zoek/d-", "zoek/p-"))
    )


def test_exact_output_files(built_minimal: Path) -> None:
    assert site_files(built_minimal) == EXPECTED_FILES


def test_data_files_are_not_published(built_minimal: Path) -> None:
    assert not list(built_minimal.rglob("*.yml"))
    assert not (built_minimal / "_data").exists()


def test_shipped_font_is_published(built_minimal: Path) -> None:
    fonts = sorted(p.name for p in (built_minimal / "assets" / "fonts").iterdir())
    assert "atkinson-hyperlegible-latin-400-normal.woff" in fonts


def test_pages_show_parts_with_anchors_and_derived_relations(built_minimal: Path) -> None:
    activity = (built_minimal / "activiteiten/test-activiteit/index.html").read_text(encoding="utf-8")
    for anchor in ("start", "werk", "slot", "vraag-1", "notities", "raster"):
        assert f'id="{anchor}"' in activity
    assert "Let op de tijd bij stap 2." in activity  # facilitator notes on the web page
    factor = (built_minimal / "factoren/test-factor/index.html").read_text(encoding="utf-8")
    # the activity names the factor as related; the factor shows the activity without writing it
    assert 'href="../../activiteiten/test-activiteit/"' in factor
    recommendation = (built_minimal / "aanbevelingen/test-aanbeveling/index.html").read_text(encoding="utf-8")
    assert 'href="../../activiteiten/test-activiteit/"' in recommendation  # derived from activity.aanbeveling
    literature = (built_minimal / "bronnen/index.html").read_text(encoding="utf-8")
    assert 'id="testbron"' in literature


SOURCE = "Testbron (2024), Een testbron over verwachtingen"
WITHOUT_SOURCE = {"index.html", "over/index.html", "over/colofon/index.html", "bronnen/index.html",
                  "404.html"}  # pages that name no source, and whose items name none


def test_every_page_has_its_source_line_and_licence(built_minimal: Path) -> None:
    for page in built_minimal.rglob("*.html"):
        name = page.relative_to(built_minimal).as_posix()
        if name.startswith(("blad/", "assets/")) or name == "404.html":
            continue  # printable sheets carry the source in their footer (tested in test_print)
        text = page.read_text(encoding="utf-8")
        assert "CC BY 4.0" in text, name
        if name in WITHOUT_SOURCE:
            assert "Bron:" not in text and "Bronnen:" not in text, name  # never a list of all sources
        else:
            assert SOURCE in text, name


def test_overview_lists_the_items_of_its_section(built_minimal: Path) -> None:
    overview = (built_minimal / "activiteiten/index.html").read_text(encoding="utf-8")
    assert "Dit is de inleiding van activiteiten." in overview
    assert 'href="test-activiteit/"' in overview


def test_no_built_file_loads_a_resource_from_another_host(built_minimal: Path) -> None:
    assert external_resources(built_minimal) == []


def test_strict_build_fails_on_a_plugin_warning_and_keeps_previous_site(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "warn")
    assert mkdocs_build(root, "--strict").returncode == 0
    before = snapshot(root / "site")
    page = root / "content/over/colofon.md"
    page.write_text("---\ntitel: Colofon\nkort: " + "lang " * 60 + "\n---\nTekst.\n", encoding="utf-8")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 1
    assert "content/over/colofon.md:3: veld 'kort': is 299 tekens lang" in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    assert snapshot(root / "site") == before
    # without --strict the same content builds, and the new site replaces the old one
    relaxed = root / "mkdocs.yml"
    relaxed.write_text(relaxed.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    assert mkdocs_build(root).returncode == 0
    assert snapshot(root / "site") != before
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")]


def test_build_is_reproducible(tmp_path: Path) -> None:
    """Two clean builds (each with its own empty PDF cache) give the same bytes: pages, search index, sitemap,
    sheet pages and PDFs."""
    first = make_tree(tmp_path / "a")
    second = make_tree(tmp_path / "b")
    assert mkdocs_build(first, "--strict", pdf=True).returncode == 0
    assert mkdocs_build(second, "--strict", pdf=True).returncode == 0
    one, two = snapshot(first / "site"), snapshot(second / "site")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert any(name.endswith(".pdf") for name in one) and "zoek/documenten.js" in one


def test_fork_replaces_hides_and_adds(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "fork", FIXTURES / "fork")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    files = site_files(site)
    assert "factoren/test-factor/index.html" not in files
    assert "activiteiten/eigen-activiteit/index.html" in files
    replaced = (site / "activiteiten/test-activiteit/index.html").read_text(encoding="utf-8")
    assert "Onze schoolversie van de activiteit" in replaced
    assert "Een testactiviteit" not in replaced
    # no trace of the hidden item: no page, link, search entry or sitemap entry
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "test-factor" not in text, path
            assert "Een positief klimaat" not in text, path
    overview = (site / "activiteiten/index.html").read_text(encoding="utf-8")
    assert "Klasbezoek bij een collega" in overview
    # the overlay's _data list merges by key: one label changed, one entry added, the rest kept
    added = (site / "activiteiten/eigen-activiteit/index.html").read_text(encoding="utf-8")
    assert 'ld-badge--werkvorm">Klasbezoek bij een collega</span>' in added
    assert re.search(r'ld-badge--werkvorm">Met z(&#39;|\')n tweeën</span>', replaced)
