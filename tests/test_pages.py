"""pages.py: model -> page specs, without MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, make_tree
from leidraad.pages import NAV_LIMIT, build_nav, build_pages, related
from leidraad.validate import check


def test_relations_are_derived_in_both_directions(tmp_path: Path) -> None:
    site = check(make_tree(tmp_path / "s")).site
    rels = related(site)
    assert ("test-factor", "") in rels["test-activiteit"]  # written by the activity
    assert ("test-activiteit", "") in rels["test-factor"]  # derived
    assert ("test-bundel", "") in rels["test-activiteit"]  # derived from the bundle's blocks


def test_a_link_to_a_part_keeps_its_part_and_label(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "s")
    page = root / "content/tips/test-tips.md"
    text = page.read_text().replace("categorie: contact", "categorie: contact\nverwant: [test-kijkwijzer#ind-2]")
    page.write_text(text)
    site = check(root).site
    assert ("test-kijkwijzer", "ind-2") in related(site)["test-tips"]
    specs = {spec.src_uri: spec for spec in build_pages(site, [REPO / "templates"])}
    assert ("[Testkijkwijzer › Leerlingen helpen elkaar.](../instrumenten/test-kijkwijzer.md#ind-2)"
            in specs["tips/test-tips.md"].markdown)
    assert "[Eerste contact met ouders](../tips/test-tips.md)" in specs["instrumenten/test-kijkwijzer.md"].markdown


def test_every_item_gets_one_page_with_its_kind_template(tmp_path: Path) -> None:
    site = check(make_tree(tmp_path / "s")).site
    specs = {spec.src_uri: spec for spec in build_pages(site, [REPO / "templates"])}
    assert specs["activiteiten/test-activiteit.md"].meta["template"] == "leidraad/pagina.html"
    assert specs["bundels/test-bundel.md"].meta["soort"] == "Programma"
    assert specs["index.md"].meta["template"] == "leidraad/start.html"
    assert "bronnen/testbron.yml" not in specs  # sources live on the literature page
    text = specs["activiteiten/test-activiteit.md"].text()
    assert text.startswith("---\n")
    assert '<h1 id="ld-titel"><span data-search-exclude>Een testactiviteit</span></h1>' in text


def test_short_title_is_used_outside_the_heading(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "s")
    page = root / "content/aanbevelingen/test-aanbeveling.md"
    page.write_text(page.read_text().replace("nummer: 1", "korte_titel: Hoog verwachten\nnummer: 1"))
    site = check(root).site
    specs = {spec.src_uri: spec for spec in build_pages(site, [REPO / "templates"])}
    assert specs["aanbevelingen/test-aanbeveling.md"].meta["title"] == "Hoog verwachten"
    assert "Verwacht veel van elke leerling" in specs["aanbevelingen/test-aanbeveling.md"].markdown
    activity = specs["activiteiten/test-activiteit.md"].markdown
    assert "[Aanbeveling 1: Hoog verwachten](../aanbevelingen/test-aanbeveling.md)" in activity


def test_sidebar_lists_items_only_up_to_the_limit(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "s")
    source = root / "content/over/colofon.md"
    for i in range(NAV_LIMIT):
        shutil.copy(source, root / f"content/over/pagina-{i:03}.md")
    nav = build_nav(check(root).site)
    over = next(entry for entry in nav if "Overzicht over" in entry)["Overzicht over"]
    assert over == ["over/index.md"]  # 51 pages: reached through the overview only
    activities = next(entry for entry in nav if "Overzicht activiteiten" in entry)["Overzicht activiteiten"]
    assert activities == ["activiteiten/index.md", {"Een testactiviteit": "activiteiten/test-activiteit.md"}]
