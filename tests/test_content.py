"""The real content: what the content issues promise, checked on the model and on the built site."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import external_resources
from leidraad.validate import check

pytestmark = pytest.mark.build

DATA = Path(__file__).resolve().parent / "data"

RECOMMENDATIONS = {
    1: "Wees je bewust van je verwachtingen van leerlingen",
    2: "Wees je bewust van de manieren waarop je verwachtingen communiceert naar leerlingen",
    3: "Groepeer flexibel",
    4: "Stel heldere leerdoelen",
    5: "Zorg voor een positief klasklimaat",
    6: "Benut de kracht van het team",
}
ACTIVITIES = {
    1: ["60 seconden over mijn leerling", "In gesprek over stereotiepe beelden", "In gesprek over schoolcultuur"],
    2: ["Communiceren van verwachtingen: hoe zit dat bij jou?", "Verwachtingen en interactie"],
    3: ["Ga na hoe flexibel jij groepeert", "Leerlingen zelf laten kiezen"],
    4: ["Typen doelen en kwaliteitsbesef bijbrengen", "Feedback onder de loep"],
    5: ["Maak je eigen STARR-reflectie", "Het klasklimaat door de ogen van je leerlingen"],
    6: ["Vragenlijst collective efficacy", "Analyseer de taal in de teamkamer", "Organiseer een collegiale visitatie"],
}
TIP_COUNTS = {"tips-agenda": 6, "tips-brieven": 9, "tips-schoolreglement": 4, "tips-rapport": 3,
              "tips-inschrijvingen": 8, "tips-oudercontacten": 22, "tips-infoavonden": 3, "tips-ouderraad": 3,
              "tips-huisbezoeken": 6, "tips-andere-initiatieven": 9}


class PartTexts(HTMLParser):
    """The text of every element with an id, innermost element first (for parts rendered as list items)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str, str] = {}
        self.open: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element_id = dict(attrs).get("id")
        self.stack.append((tag, element_id))
        if element_id:
            self.open[element_id] = []

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            _, element_id = self.stack.pop()
            if element_id:
                self.texts[element_id] = " ".join("".join(self.open.pop(element_id)).split())
            if _ == tag:
                break

    def handle_data(self, data: str) -> None:
        for parts in self.open.values():
            parts.append(data)


def parts_on(page: Path) -> dict[str, str]:
    parser = PartTexts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.texts


def own_text(texts: dict[str, str], part: str, children: list[str]) -> str:
    """A node's own text: its element's text minus its children's."""
    text = texts[part]
    for child in children:
        text = text.replace(texts[child], "")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def site(real_site: Path):  # type: ignore[no-untyped-def]
    return check(real_site).site


def test_six_recommendations_with_their_titles(site) -> None:  # type: ignore[no-untyped-def]
    found = {a.data.nummer: a.data.titel for a in site.of_kind("aanbeveling")}
    assert found == RECOMMENDATIONS


def test_fourteen_activities_split_3_2_2_2_2_3(site, real_site: Path) -> None:  # type: ignore[no-untyped-def]
    by_number: dict[int, list[str]] = {}
    for activity in site.of_kind("activiteit"):
        nummer = site.items[activity.data.aanbeveling].data.nummer
        by_number.setdefault(nummer, []).append(activity.data.titel)
    assert {n: sorted(t) for n, t in by_number.items()} == {n: sorted(t) for n, t in ACTIVITIES.items()}
    for aanbeveling in site.of_kind("aanbeveling"):
        page = (real_site / "site" / aanbeveling.url / "index.html").read_text(encoding="utf-8")
        listed = page.split('id="ld-activiteiten"', 1)[1]
        for activity in site.of_kind("activiteit"):
            if activity.data.aanbeveling == aanbeveling.stem:
                assert f'href="../../{activity.url}"' in listed, (aanbeveling.stem, activity.stem)


def test_every_activity_can_be_run_from_its_sheet(site) -> None:  # type: ignore[no-untyped-def]
    for activity in site.of_kind("activiteit"):
        d = activity.data
        assert d.doel and d.doelgroep and d.werkvorm and d.materiaal and d.voorbereiding, activity.stem
        assert len(d.stappen) >= 3 and len(d.reflectievragen) >= 2, activity.stem
        assert d.invulvelden and d.begeleidersnotities, activity.stem
        assert abs(sum(s.minuten for s in d.stappen) - d.duur) <= d.duur * 0.1, activity.stem


def test_seven_factors(site, real_site: Path) -> None:  # type: ignore[no-untyped-def]
    factors = site.of_kind("factor")
    assert sorted(f.data.nummer for f in factors) == list(range(1, 8))
    assert len({f.data.titel for f in factors}) == 7
    overview = (real_site / "site/factoren/index.html").read_text(encoding="utf-8")
    for factor in factors:
        assert f'href="{factor.stem}/"' in overview


def tree_counts(real_site: Path, stem: str) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    texts = parts_on(real_site / "site/instrumenten" / stem / "index.html")
    indicators = sorted(k for k in texts if re.fullmatch(r"llb-\d\d", k))
    characteristics = {i: sorted(k for k in texts if re.fullmatch(rf"{i}-kk-\d+", k)) for i in indicators}
    return indicators, characteristics, texts


@pytest.mark.parametrize(("stem", "indicators", "characteristics"), [
    ("onderzoekskader-leerlingenbegeleiding", 43, 173),
    ("kijkwijzer-klasobservatie", 14, 57),
])
def test_inspection_framework_counts(real_site: Path, stem: str, indicators: int, characteristics: int) -> None:
    found, kk, texts = tree_counts(real_site, stem)
    assert len(found) == indicators
    assert sum(len(v) for v in kk.values()) == characteristics
    assert all(kk[i] for i in found)  # every indicator has its characteristics under it
    statements = [own_text(texts, i, kk[i]) for i in found] + [texts[k] for v in kk.values() for k in v]
    assert all(statements)
    assert len(set(statements)) == len(statements)


def test_tip_counts_per_theme(site, real_site: Path) -> None:  # type: ignore[no-untyped-def]
    for stem, count in TIP_COUNTS.items():
        group = site.items[stem]
        assert len(group.data.tips) == count, stem
        page = (real_site / "site" / group.url / "index.html").read_text(encoding="utf-8")
        checklist = page.split('id="ld-checklist"', 1)[1]
        assert checklist.count('class="ld-checkvraag"') == count, stem  # one checklist question per tip
        assert len({t.controlevraag for t in group.data.tips}) == count, stem


def test_participation_ladder_has_six_rungs(real_site: Path) -> None:
    texts = parts_on(real_site / "site/ouders/participatieladder-ouders/index.html")
    rungs = [texts.get(f"trede-{i}", "") for i in range(1, 7)]
    assert all(rungs) and "trede-7" not in texts
    for word in ("informeren", "verklaren", "observeren", "participeren", "besluiten voorbereiden",
                 "besluiten vormen"):
        assert any(word in html.unescape(r).lower() for r in rungs), word


def test_baseline_analysis_dimensions_and_items(site, real_site: Path) -> None:  # type: ignore[no-untyped-def]
    texts = parts_on(real_site / "site/instrumenten/beginsituatieanalyse/index.html")
    page = " ".join(texts.values())
    for dimension in ("A1", "A2", "B", "C", "D1", "D2", "E"):
        assert re.search(rf"\b{dimension}\b", page), dimension
    items = [texts.get(f"c-{i}", "") for i in range(1, 8)]
    assert all(items) and len(set(items)) == 7 and "c-8" not in texts


def test_relations_link_both_ways(real_site: Path) -> None:
    relations = yaml.safe_load((DATA / "relaties.yml").read_text(encoding="utf-8"))
    assert {r["relatie"] for r in relations} == {f"R{i}" for i in range(1, 36)}
    linked = 0
    for relation in relations:
        for source, target in relation["koppelingen"]:
            target_page, _, part = target.partition("#")
            source_html = (real_site / "site" / source / "index.html").read_text(encoding="utf-8")
            target_html = (real_site / "site" / target_page / "index.html").read_text(encoding="utf-8")
            href_to = "/" + target_page.rsplit("/", 1)[-1] + "/" + (f"#{part}" if part else "")
            assert href_to in source_html, (relation["relatie"], source, target)
            assert "/" + source.rsplit("/", 1)[-1] + "/" in target_html, (relation["relatie"], target, source)
            if part:
                assert f'id="{part}"' in target_html, (relation["relatie"], target)
            linked += 1
    assert linked >= 35


def test_real_site_loads_nothing_from_another_host(real_site: Path) -> None:
    assert external_resources(real_site / "site") == []
