"""Loading: YAML with positions, front matter, layers one at a time, section defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_tree
from leidraad.reading import split_front_matter
from leidraad.sources import LOKAAL, UPSTREAM, Layers, collect
from leidraad.validate import check
from leidraad.yamlread import YamlProblem, parse_yaml


def test_yaml_keeps_lines_and_plain_scalars() -> None:
    parsed = parse_yaml("titel: Iets\ntijd: 10:30\nlijst:\n  - a\n  - b\nja: no\n", first_line=2)
    assert parsed.value == {"titel": "Iets", "tijd": "10:30", "lijst": ["a", "b"], "ja": "no"}
    assert parsed.lines[("titel",)] == 2
    assert parsed.lines[("lijst", 1)] == 6


def test_yaml_error_has_line_and_column() -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml("titel: a\ndoel: een: twee\n", first_line=2)
    assert (info.value.line, info.value.column) == (3, 10)


def test_duplicate_key_is_an_error() -> None:
    with pytest.raises(YamlProblem, match="staat twee keer"):
        parse_yaml("titel: a\ntitel: b\n")


def test_front_matter_split_reports_body_line() -> None:
    front, body, line = split_front_matter("---\ntitel: x\nkort: y\n---\nTekst\n")
    assert front == "titel: x\nkort: y\n"
    assert body == "Tekst\n"
    assert line == 5


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_layers_upstream_only(tmp_path: Path) -> None:
    _write(tmp_path / "content/over/a.md", "a")
    files = collect(Layers.at(tmp_path), [])
    assert [(f.src_uri, f.layer) for f in files] == [("over/a.md", UPSTREAM)]


def test_layers_overlay_replaces_same_path(tmp_path: Path) -> None:
    _write(tmp_path / "content/over/a.md", "upstream")
    _write(tmp_path / "lokaal/content/over/a.md", "lokaal")
    (only,) = collect(Layers.at(tmp_path), [])
    assert only.layer == LOKAAL
    assert only.path.read_text() == "lokaal"
    assert only.replaces == "content/over/a.md"


def test_layers_overlay_adds_new_file(tmp_path: Path) -> None:
    _write(tmp_path / "content/over/a.md", "a")
    _write(tmp_path / "lokaal/content/over/b.md", "b")
    assert [(f.src_uri, f.layer) for f in collect(Layers.at(tmp_path), [])] == [
        ("over/a.md", UPSTREAM),
        ("over/b.md", LOKAAL),
    ]


def test_overlay_hide_marker_hides_item_and_drops_references(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "hide")
    _write(root / "lokaal/content/tips/test-tips.md", "verborgen: true\n")
    checked = check(root)
    assert checked.problems == []  # hiding needs one file: references to the item degrade
    assert "test-tips" in checked.site.hidden and "test-tips" not in checked.site.items
    assert [str(p) for p in checked.infos] == [
        "content/bundels/test-bundel.yml:7: veld 'blokken[3].item': 'test-tips' is verborgen "
        "(lokaal/content/tips/test-tips.md); dit blok valt weg uit het programma"
    ]


def test_hiding_a_file_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "typo")
    _write(root / "lokaal/content/tips/test-tipz.md", "verborgen: true\n")
    assert [str(p) for p in check(root).problems] == [
        "lokaal/content/tips/test-tipz.md:1: verbergt niets: er is geen upstream-bestand content/tips/test-tipz.md; "
        "een verbergbestand staat op hetzelfde pad als het bestand dat het verbergt (lokaal/content/<map>/<id>.md)"
    ]


def test_section_defaults_apply_and_errors_point_at_index(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "defaults")
    site = check(root).site
    assert site.items["test-activiteit"].data.bronnen[0].bron == "testbron"
    _write(root / "content/factoren/index.md", "---\ntitel: Factoren\nstandaard:\n  nummer: veel\n---\n")
    problems = [str(p) for p in check(root).problems]
    assert problems == []  # test-factor sets its own nummer, so the default is not used
    _write(root / "content/factoren/index.md", "---\ntitel: Factoren\nstandaard:\n  kort: 5\n  herkomst: zelf\n---\n")
    problems = [str(p) for p in check(root).problems]
    assert problems == [
        "content/factoren/index.md:5: veld 'standaard.herkomst': verwacht een van 'bron', 'eigen', 'school'; "
        "kreeg 'zelf'"
    ]


def test_overlay_data_list_merges_by_key(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "merge")
    _write(root / "lokaal/content/_data/doelgroepen.yml", "ouders: Ouders en opvoeders\nbuurt: Buurtwerkers\n")
    site = check(root).site
    assert site.doelgroepen == {"leerkrachten": "Leerkrachten", "team": "Schoolteam", "ouders": "Ouders en opvoeders",
                                "buurt": "Buurtwerkers"}
