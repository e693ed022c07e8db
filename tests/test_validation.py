"""Every broken fixture gives its exact Dutch message, exit 1, and leaves an existing site untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, leidraad, make_tree, mkdocs_build, snapshot
from leidraad.validate import check

CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def expected(case: str) -> list[str]:
    return (FIXTURES / "broken" / case / "verwacht.txt").read_text(encoding="utf-8").splitlines()


def test_every_required_case_has_a_fixture() -> None:
    required = {
        "yaml-syntax",
        "ontbrekend-veld",
        "verkeerd-type",
        "onbekend-veld",
        "gesloten-lijst",
        "onbekende-verwijzing",
        "dubbele-id",
        "dubbel-deel-id",
        "zelfde-adres",
        "lege-titel",
        "duur-nul",
        "duur-te-lang",
        "minuten-optelling",
        "niet-utf8",
        "ontbrekende-link",
        "ontbrekende-afbeelding",
        "link-buiten-content",
        "script",
        "event-handler",
    }
    assert required <= set(CASES)


def test_the_minimal_fixture_itself_is_valid(tmp_path: Path) -> None:
    checked = check(make_tree(tmp_path / "ok"))
    assert checked.problems == []
    assert checked.warnings == []


@pytest.mark.parametrize("case", CASES)
def test_exact_message(case: str, tmp_path: Path) -> None:
    root = make_tree(tmp_path / case, FIXTURES / "broken" / case)
    assert [str(p) for p in check(root).problems] == expected(case)


@pytest.mark.parametrize("case", CASES)
def test_check_command_exits_1_with_the_message(case: str, tmp_path: Path) -> None:
    root = make_tree(tmp_path / case, FIXTURES / "broken" / case)
    result = leidraad(root, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[: len(expected(case))] == expected(case)
    assert "Traceback" not in result.stderr


@pytest.mark.build
@pytest.mark.parametrize("case", CASES)
def test_failed_build_leaves_previous_site_byte_for_byte(case: str, tmp_path: Path) -> None:
    root = make_tree(tmp_path / case)
    assert mkdocs_build(root, "--strict").returncode == 0
    before = snapshot(root / "site")
    for path in (FIXTURES / "broken" / case).rglob("*"):
        if path.is_file() and path.name != "verwacht.txt":
            target = root / path.relative_to(FIXTURES / "broken" / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 1
    assert expected(case)[0] in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")], "temporary build folder left behind"
