"""The `leidraad` command: exit codes 0 (fine), 1 (content problems), 2 (wrong use)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, leidraad, make_tree


def test_check_passes_on_valid_content(tmp_path: Path) -> None:
    result = leidraad(make_tree(tmp_path / "ok"), "check")
    assert result.returncode == 0
    assert "Inhoud in orde" in result.stdout


def test_check_reports_all_problems_at_once(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "two", FIXTURES / "broken" / "script", FIXTURES / "broken" / "duur-nul")
    result = leidraad(root, "check")
    assert result.returncode == 1
    assert "content/over/colofon.md:6: <script>" in result.stderr
    assert "content/activiteiten/test-activiteit.md:8: veld 'duur'" in result.stderr
    assert result.stderr.strip().endswith("2 fouten in de inhoud; de site is niet gebouwd.")


def test_check_strikt_fails_on_warnings(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "warn")
    (root / "content/over/colofon.md").write_text("---\ntitel: Colofon\nkort: " + "x" * 250 + "\n---\n", "utf-8")
    assert leidraad(root, "check").returncode == 0
    result = leidraad(root, "check", "--strikt")
    assert result.returncode == 1
    assert "waarschuwing: content/over/colofon.md:3: veld 'kort'" in result.stderr


def test_wrong_use_exits_2_in_dutch(tmp_path: Path) -> None:
    result = leidraad(tmp_path, "verzin")
    assert result.returncode == 2
    assert "fout in het commando" in result.stderr


def test_new_scaffolds_a_valid_item_from_the_archetype(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "new")
    (root / "archetypes").symlink_to(Path(__file__).resolve().parent.parent / "archetypes")
    result = leidraad(root, "new", "activiteit", "mijn-activiteit")
    assert result.returncode == 0, result.stderr
    created = root / "content/activiteiten/mijn-activiteit.md"
    assert created.exists()
    # the scaffold is a starting point: it names what to fill in, and check points at it
    checked = leidraad(root, "check")
    assert "content/activiteiten/mijn-activiteit.md" in checked.stderr or checked.returncode == 0
    assert leidraad(root, "new", "activiteit", "mijn-activiteit").returncode == 2  # never overwrite
    assert leidraad(root, "new", "recept", "x").returncode == 2


def test_explain_names_the_winning_layer(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "fork", FIXTURES / "fork")
    replaced = leidraad(root, "explain", "activiteiten/test-activiteit.md")
    assert "vervangt content/activiteiten/test-activiteit.md volledig" in replaced.stdout
    upstream = leidraad(root, "explain", "tips/test-tips.md")
    assert "content/tips/test-tips.md (upstream" in upstream.stdout
    added = leidraad(root, "explain", "activiteiten/eigen-activiteit.md")
    assert "nieuw item" in added.stdout
