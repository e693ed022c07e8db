"""The guide 'Je eigen versie maken' followed literally: a school's fork builds with no upstream file copied or
edited, shows exactly what the school chose, and takes upstream's changes with a clean merge; `leidraad check`
warns about exactly the two overrides upstream changed underneath. (make test-all)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import mkdocs_build, run, search_documents
from fork_script import REPO, git, make_fork, make_upstream

pytestmark = [pytest.mark.slow, pytest.mark.build]


def text_of_pdf(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as doc:
        return " ".join(" ".join((p.extract_text() or "").split()) for p in doc.pages)


GUIDE = "over/eigen-versie/"  # the guide names tips-huisbezoeken.md as its example of a hide file


def site_text(site: Path) -> str:
    """Pages, sitemap and search index, without the guide's own page and search entries."""
    found = [p.read_text(encoding="utf-8") for p in site.rglob("*")
             if p.suffix in (".html", ".xml") and GUIDE not in p.relative_to(site).as_posix() + "/"]
    found += [json.dumps(d) for d in search_documents(site) if not d["u"].startswith(GUIDE)]
    return "\n".join(found)


def test_the_guide_from_fork_to_site_to_upstream_update(tmp_path: Path) -> None:
    upstream = make_upstream(tmp_path / "upstream")
    fork = make_fork(upstream, tmp_path / "fork")
    changed = git(fork, "diff", "--name-only", "HEAD~1", "HEAD").split()
    assert changed and all(name.startswith("lokaal/") for name in changed)  # no upstream file copied or edited
    result = mkdocs_build(fork, "--strict", pdf=True)
    assert result.returncode == 0, result.stderr[-3000:]
    site = fork / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Sint-Jozefcollege Geel" in home and "assets/school/logo.png" in home
    assert (site / "assets/stylesheets/school.css").is_file()
    everything = site_text(site)
    # hidden: the tip group (linked from other upstream pages) and a recommendation with its activities
    for gone in ("tips-huisbezoeken", "flexibel-groeperen", "ga-na-hoe-flexibel-jij-groepeert",
                 "leerlingen-zelf-laten-kiezen"):
        assert gone not in everything, gone
        assert not (site / "pdf" / f"{gone}.pdf").exists()
    # added: everywhere the others are
    assert (site / "activiteiten/klasbezoeken-sjc/index.html").is_file()
    assert "klasbezoeken-sjc" in (site / "activiteiten/index.html").read_text(encoding="utf-8")
    assert "klasbezoeken-sjc" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert any(d["u"] == "activiteiten/klasbezoeken-sjc/" for d in search_documents(site))
    assert "Klasbezoeken in het SJC" in text_of_pdf(site / "pdf/volledige-bundel-deelnemersmap.pdf")
    own_sheet = text_of_pdf(site / "pdf/klasbezoeken-sjc.pdf")
    assert "Uitgewerkt door SJC Geel" in own_sheet and "Leerpunt" not in own_sheet
    # the amended field, the replaced item, contact people, partners, print footers
    feedback = (site / "activiteiten/feedback-onder-de-loep/index.html").read_text(encoding="utf-8")
    assert "Ons SJC-doel" in feedback
    assert "Expressie op het SJC" in (site / "factoren/expressie/index.html").read_text(encoding="utf-8")
    partners = (site / "ouders/lokale-partners/index.html").read_text(encoding="utf-8")
    assert "Huis van het Nederlands Kempen" in partners and "Buurtwerk De Kempen" in partners
    assert "An Peeters" in (site / "activiteiten/klasklimaat-door-de-ogen-van-leerlingen/index.html").read_text()
    sheet = text_of_pdf(site / "pdf/feedback-onder-de-loep.pdf")
    assert "Sint-Jozefcollege Geel" in sheet and "werkgroep ouderbetrokkenheid" in sheet
    assert "sint-jozef-geel.github.io/leidraad/activiteiten/feedback-onder-de-loep/" in sheet

    # upstream changes five content files, mkdocs.yml and a template; the school merges
    from fork_script import change_upstream

    change_upstream(upstream)
    git(fork, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert git(fork, "diff", "--name-only", "--diff-filter=U") == ""  # 0 conflicts
    checked = run([str(Path(REPO / ".venv/bin/leidraad")), "--map", str(fork), "check"], fork)
    assert checked.returncode == 0, checked.stderr
    warnings = [line for line in checked.stderr.splitlines() if line.startswith("waarschuwing:")]
    assert len(warnings) == 2, warnings
    assert any("feedback-onder-de-loep.md" in w and "'doel'" in w for w in warnings)
    assert any("factoren/expressie.md" in w and "'bestand'" in w for w in warnings)
    assert mkdocs_build(fork, "--strict", pdf=True).returncode == 0
    feedback = (site / "activiteiten/feedback-onder-de-loep/index.html").read_text(encoding="utf-8")
    assert "Nieuw upstream:" in feedback  # the field the school did not override came through
    assert "Upstream herschreven" not in feedback and "Ons SJC-doel" in feedback  # the overridden one did not
    assert "Nieuw in de vervangen factor" not in (site / "factoren/expressie/index.html").read_text()
    assert "Upstream verbeterd:" in (site / "aanbevelingen/klasklimaat/index.html").read_text(encoding="utf-8")
    assert "Upstream agenda:" in (site / "tips/tips-agenda/index.html").read_text(encoding="utf-8")
    assert re.search(r"Zie ook ook", (site / "aanbevelingen/klasklimaat/index.html").read_text(encoding="utf-8"))
    assert "(bijgewerkt)" in (site / "index.html").read_text(encoding="utf-8")
