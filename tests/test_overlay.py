"""A school's overlay: field-level overrides, stale overrides pointed out, hiding that degrades, the profile,
contact roles, credits and templates a school changes without Python."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, leidraad, make_tree, mkdocs_build
from leidraad.pages import build_pages
from leidraad.validate import check

PROFILE = """naam: Sint-Testcollege Geel
korte_naam: STC Geel
adres: https://voorbeeld.invalid/stc/
kleur: "#1a4d8f"
contactpersonen:
  zorgcoordinator:
    naam: An Peeters
    email: zorg@stc.invalid
    bereikbaar: lokaal 12
partners:
  - naam: Huis van het Nederlands
    url: https://voorbeeld.invalid/hvn/
    omschrijving: Helpt ouders een cursus Nederlands te vinden.
voetregel: STC Geel, werkgroep ouders
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def specs(root: Path) -> dict[str, str]:
    site = check(root).site
    return {s.src_uri: s.markdown for s in build_pages(site, [root / "lokaal/templates", REPO / "templates"])}


def test_a_field_override_changes_that_field_and_keeps_the_rest(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "veld")
    write(root / "lokaal/content/activiteiten/test-activiteit.md",
          "---\ndoel: Ons eigen doel.\nstappen:\n  - {id: werk, tekst: Vul samen het raster in.}\n"
          "  - {id: extra, tekst: Deel een voorbeeld., minuten: 10}\n  - {id: slot, verborgen: true}\n---\n")
    checked = check(root)
    assert checked.problems == []
    data = checked.site.items["test-activiteit"].data
    assert data.doel == "Ons eigen doel."
    assert data.titel == "Een testactiviteit"  # not overridden: upstream's
    assert [(s.id, s.tekst, s.minuten) for s in data.stappen] == [
        ("start", "Lees de opdracht over BKC.", 5), ("werk", "Vul samen het raster in.", 15),
        ("extra", "Deel een voorbeeld.", 10)]
    # no fingerprint yet: check points it out, as a warning that never fails the build
    assert [p.field for p in checked.notices] == ["basis"]
    assert leidraad(root, "confirm", "lokaal/content/activiteiten/test-activiteit.md").returncode == 0
    assert check(root).notices == []
    explained = leidraad(root, "explain", "activiteiten/test-activiteit.md").stdout
    assert "doel: lokaal" in explained and "titel: upstream" in explained and "stappen#slot: lokaal (verborgen)" \
        in explained


def test_a_stale_override_is_pointed_out_until_confirmed(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "oud")
    result = leidraad(root, "override", "activiteiten/test-activiteit.md", "doel")
    assert result.returncode == 0, result.stderr
    own = root / "lokaal/content/activiteiten/test-activiteit.md"
    assert "#   doel: Je wordt je bewust van je verwachtingen." in own.read_text(encoding="utf-8")
    write(own, own.read_text(encoding="utf-8").replace("doel: Je wordt je bewust van je verwachtingen.",
                                                        "doel: Ons doel."))
    assert check(root).notices == []
    upstream = root / "content/activiteiten/test-activiteit.md"
    text = upstream.read_text(encoding="utf-8")
    write(upstream, text.replace("kort: Samen nadenken over verwachtingen.", "kort: Samen nadenken."))
    assert check(root).notices == []  # a field the school did not override: it simply comes through
    assert check(root).site.items["test-activiteit"].data.kort == "Samen nadenken."
    write(upstream, text.replace("doel: Je wordt je bewust van je verwachtingen.", "doel: Een nieuw doel."))
    notices = [str(p) for p in check(root).notices]
    assert len(notices) == 1
    assert "upstream veranderde 'doel' nadat je het overschreef; upstream zegt nu: 'Een nieuw doel.'" in notices[0]
    assert check(root).site.items["test-activiteit"].data.doel == "Ons doel."  # the school's value stays
    assert leidraad(root, "check").returncode == 0  # a warning, never a failed check or build
    assert mkdocs_build(root, "--strict").returncode == 0
    assert leidraad(root, "confirm", "lokaal/content/activiteiten/test-activiteit.md").returncode == 0
    assert check(root).notices == []


def test_a_replaced_file_is_stale_when_upstream_changes_it(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "vervangen")
    assert leidraad(root, "override", "factoren/test-factor.md", "--vervang").returncode == 0
    assert "vervangt: true" in (root / "lokaal/content/factoren/test-factor.md").read_text(encoding="utf-8")
    assert check(root).notices == []
    upstream = root / "content/factoren/test-factor.md"
    write(upstream, upstream.read_text(encoding="utf-8").replace("nummer: 1", "nummer: 2"))
    assert [p.field for p in check(root).notices] == ["basis.bestand"]


def test_hiding_a_recommendation_hides_its_activities_and_degrades_links(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "verberg")
    write(root / "lokaal/content/aanbevelingen/test-aanbeveling.md", "verborgen: true\n")
    write(root / "content/over/colofon.md",
          "---\ntitel: Colofon\n---\nLees [de activiteit](../activiteiten/test-activiteit.md) of niet.\n")
    checked = check(root)
    assert "test-activiteit" in checked.site.hidden
    infos = [str(p) for p in checked.infos]
    assert any("verbergt ook de activiteit 'test-activiteit'" in i for i in infos)
    assert any("content/over/colofon.md:4: link '../activiteiten/test-activiteit.md' wijst naar een verborgen item"
               in i for i in infos)
    assert checked.problems == []
    pages = specs(root)
    assert "Lees de activiteit of niet." in pages["over/colofon.md"]
    assert "test-activiteit" not in pages["bundels/test-bundel.md"]  # its block left the programme
    # a programme whose every item is hidden is empty: that is an error, with what to do
    for hidden in ("tips/test-tips.md", "instrumenten/test-kijkwijzer.md"):
        write(root / "lokaal/content" / hidden, "verborgen: true\n")
    assert [str(p) for p in check(root).problems] == [
        "content/bundels/test-bundel.yml:4: veld 'blokken': alle items van dit programma zijn verborgen, dus het "
        "is leeg; verberg ook het programma of geef het een eigen blok"]


def test_the_profile_names_the_site_and_fills_contact_roles(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "profiel")
    write(root / "lokaal/school.yml", PROFILE)
    write(root / "content/over/colofon.md", "---\ntitel: Colofon\n---\nVraag het [de zorgcoördinator van je "
                                            "school](contact:zorgcoordinator) of [de directeur](contact:directie).\n")
    pages = specs(root)
    assert ("de zorgcoördinator van je school (**An Peeters**, [zorg@stc.invalid](mailto:zorg@stc.invalid), "
            "lokaal 12)") in pages["over/colofon.md"]
    assert "of de directeur." in pages["over/colofon.md"]  # no person for that role: the neutral wording
    assert mkdocs_build(root, "--strict").returncode == 0
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "Sint-Testcollege Geel" in home and "voorbeeld.invalid/stc/" in home
    assert "--md-primary-fg-color: #1a4d8f" in (root / "site/assets/stylesheets/school.css").read_text()
    sheet = (root / "site/blad/test-activiteit/index.html").read_text(encoding="utf-8")
    assert "Sint-Testcollege Geel" in sheet and "STC Geel, werkgroep ouders" in sheet


def test_without_profile_a_contact_role_is_the_neutral_wording(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "neutraal")
    write(root / "content/over/colofon.md", "---\ntitel: Colofon\n---\nVraag het [de zorgcoördinator van je "
                                            "school](contact:zorgcoordinator).\n")
    assert "Vraag het de zorgcoördinator van je school." in specs(root)["over/colofon.md"]


def test_credits_stay_true(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "eer")
    write(root / "lokaal/school.yml", PROFILE)
    write(root / "lokaal/content/activiteiten/eigen.md",
          (root / "content/activiteiten/test-activiteit.md").read_text(encoding="utf-8")
          .replace("titel: Een testactiviteit", "titel: Onze activiteit\nherkomst: school"))
    site = check(root).site
    own = site.items["eigen"]
    assert own.data.bronnen == ()  # the section's upstream default source is never put on a school's item
    pages = {s.src_uri: s for s in build_pages(site, [REPO / "templates"], school=site.school.kort)}
    assert pages["activiteiten/eigen.md"].meta["bronregel"] == []
    assert pages["activiteiten/eigen.md"].meta["uitgewerkt"] == "STC Geel"
    upstream_own = pages["activiteiten/test-activiteit.md"].meta
    assert upstream_own["uitgewerkt"] == ""  # taken from the source
    factor = (root / "content/factoren/test-factor.md").read_text(encoding="utf-8")
    if "herkomst: eigen" in factor:
        assert pages["factoren/test-factor.md"].meta["uitgewerkt"] == "het leidraad-project"


def test_one_small_file_changes_the_facts_of_every_activity(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "sjabloon")
    write(root / "lokaal/templates/leidraad/activiteit/feiten.md.j2",
          "{#- Our facts: only the duration. -#}\n\n<p class=\"onze-feiten\">Duur: {{ data.duur }} min</p>\n")
    assert mkdocs_build(root, "--strict").returncode == 0
    page = (root / "site/activiteiten/test-activiteit/index.html").read_text(encoding="utf-8")
    assert '<p class="onze-feiten">Duur: 30 min</p>' in page
    assert "ld-badge--werkvorm" not in page  # upstream's facts block is not used
    assert "Vul het raster in." in page  # the rest of the page is upstream's
    write(root / "lokaal/templates/leidraad/haken/na-tekst.md.j2",
          "{% if soort == 'activiteit' %}\n\nVragen? Mail de werkgroep.\n{% endif %}\n")
    assert mkdocs_build(root, "--strict").returncode == 0
    assert "Vragen? Mail de werkgroep." in (root / "site/activiteiten/test-activiteit/index.html").read_text()
    assert "Vragen? Mail de werkgroep." not in (root / "site/factoren/test-factor/index.html").read_text()


def test_new_writes_into_lokaal_in_a_fork(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "nieuw")
    (root / "archetypes").symlink_to(REPO / "archetypes")
    write(root / "lokaal/school.yml", PROFILE)
    result = leidraad(root, "new", "activiteit", "onze-activiteit")
    assert result.returncode == 0
    assert "lokaal/content/activiteiten/onze-activiteit.md" in result.stdout
    text = (root / "lokaal/content/activiteiten/onze-activiteit.md").read_text(encoding="utf-8")
    assert re.search(r"^herkomst: school$", text, re.M)
    assert not (root / "content/activiteiten/onze-activiteit.md").exists()


@pytest.mark.parametrize("profile", [True, False])
def test_the_partners_page_comes_from_the_profile(profile: bool, tmp_path: Path) -> None:
    root = make_tree(tmp_path / f"partners-{profile}")
    write(root / "content/over/partners.md", "---\ntitel: Voorbeeld partners\noverzicht: partners\n---\n"
                                             "Het voorbeeld van een stad.\n")
    if profile:
        write(root / "lokaal/school.yml", PROFILE)
    page = specs(root)["over/partners.md"]
    assert ("Huis van het Nederlands" in page) == profile
    assert ("Het voorbeeld van een stad." in page) != profile
