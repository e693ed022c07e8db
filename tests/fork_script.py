"""A school's fork, made the way the guide 'Je eigen versie maken' (content/over/eigen-versie.md) says.

Used by tests/test_fork.py (make test-all) and by .ci/run, which runs `make test` once more inside the fork:

    python tests/fork_script.py <folder>      # makes <folder>/upstream (a git repo) and <folder>/fork (its clone)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROFILE = """# yaml-language-server: $schema=../schemas/school.schema.json
naam: "Sint-Jozefcollege Geel"
korte_naam: "SJC Geel"
adres: "https://sint-jozef-geel.github.io/leidraad/"
logo: logo.png
kleur: "#1a4d8f"
contactpersonen:
  zorgcoordinator:
    naam: "An Peeters"
    email: "zorg@sjc-geel.invalid"
    bereikbaar: "lokaal 12, maandag en donderdag"
  oudercontact:
    naam: "Tom Claes"
    telefoon: "014 12 34 56"
partners:
  - naam: "Huis van het Nederlands Kempen"
    url: "https://voorbeeld.invalid/hvn/"
    omschrijving: "Helpt ouders een cursus Nederlands te vinden."
  - naam: "Buurtwerk De Kempen"
    omschrijving: "Brugfiguren die gezinnen en school met elkaar in contact brengen."
voetregel: "Sint-Jozefcollege Geel · werkgroep ouderbetrokkenheid"
"""
OWN_ACTIVITY = """---
herkomst: school
titel: "Klasbezoeken in het SJC"
kort: "Twee collega's bezoeken elkaars les en bespreken wat ze zagen, met de kijkwijzer van de school."
aanbeveling: kracht-van-het-team
doel: "Collega's leren van elkaars lessen door een bezoek en een kort, open nagesprek."
doelgroep: [leerkrachten]
werkvorm: duo
duur: 50
materiaal: ["De kijkwijzer van de school"]
voorbereiding: ["Spreek samen een lesuur en een kijkvraag af."]
stappen:
  - {id: afspreken, tekst: "Kies samen de kijkvraag.", minuten: 10}
  - {id: bezoeken, tekst: "Bezoek de les en noteer wat je ziet.", minuten: 25}
  - {id: nagesprek, tekst: "Bespreek wat je zag, zonder oordeel.", minuten: 15}
reflectievragen:
  - {id: geleerd, vraag: "Wat neem je mee naar je eigen klas?"}
  - {id: volgende, vraag: "Welke kijkvraag kies je de volgende keer?"}
invulvelden:
  - {id: notities, label: "Wat ik zag", soort: regels, regels: 5}
begeleidersnotities: |
  Een klasbezoek is geen evaluatie: spreek dat vooraf uit.
---

Op het SJC bezoeken collega's elkaar twee keer per jaar.
"""
UPSTREAM_CHANGES = {  # path: (old, new) — five content files, mkdocs.yml and one template
    "content/activiteiten/feedback-onder-de-loep.md": [('kort: "', 'kort: "Nieuw upstream: '),
                                                      ('doel: "', 'doel: "Upstream herschreven: ')],
    "content/factoren/expressie.md": [('kort: "', 'kort: "Nieuw in de vervangen factor: ')],
    "content/aanbevelingen/klasklimaat.md": [('kort: "', 'kort: "Upstream verbeterd: ')],
    "content/tips/tips-agenda.md": [('kort: "', 'kort: "Upstream agenda: ')],
    "mkdocs.yml": [("code: EUPL-1.2", "code: EUPL-1.2 (bijgewerkt)")],
    "templates/leidraad/gedeeld/zie-ook.md.j2": [("## Zie ook", "## Zie ook ook")],
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@voorbeeld.invalid", *args],
                            cwd=cwd, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr}")
    return result.stdout


def leidraad(fork: Path, *args: str) -> str:
    tool = Path(sys.executable).parent / "leidraad"
    result = subprocess.run([str(tool), "--map", str(fork), *args], cwd=fork, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"leidraad {' '.join(args)}: {result.stdout}{result.stderr}")
    return result.stdout


def make_upstream(dest: Path) -> Path:
    """A git repository holding the project's tracked files as they are in this working tree."""
    dest.mkdir(parents=True)
    for name in git(REPO, "ls-files", "-z").split("\0"):
        if name and (REPO / name).is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "upstream")
    return dest


def make_fork(upstream: Path, fork: Path) -> Path:
    """Steps 1-7 of the guide, in the school's fork: nothing outside lokaal/ is written."""
    git(upstream.parent, "clone", "-q", str(upstream), str(fork))
    leidraad(fork, "school")  # step 2: the profile
    (fork / "lokaal/school.yml").write_text(PROFILE, encoding="utf-8")
    from PIL import Image  # installed with WeasyPrint

    Image.new("RGB", (48, 48), (26, 77, 143)).save(fork / "lokaal/logo.png")
    leidraad(fork, "new", "activiteit", "klasbezoeken-sjc")  # step 3: an own activity
    (fork / "lokaal/content/activiteiten/klasbezoeken-sjc.md").write_text(OWN_ACTIVITY, encoding="utf-8")
    for hidden in ("tips/tips-huisbezoeken.md", "aanbevelingen/flexibel-groeperen.md"):  # step 4: hide
        path = fork / "lokaal/content" / hidden
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("verborgen: true\n", encoding="utf-8")
    leidraad(fork, "override", "activiteiten/feedback-onder-de-loep.md", "doel")  # step 5: one field
    amended = fork / "lokaal/content/activiteiten/feedback-onder-de-loep.md"
    text = amended.read_text(encoding="utf-8")
    start = text.index("\ndoel: ") + 1
    end = text.index("\nbasis:", start)
    amended.write_text(text[:start] + 'doel: "Ons SJC-doel: feedback die leerlingen vooruit helpt."' + text[end:],
                       encoding="utf-8")
    leidraad(fork, "override", "factoren/expressie.md", "--vervang")  # and one item replaced whole
    replaced = fork / "lokaal/content/factoren/expressie.md"
    replaced.write_text(replaced.read_text(encoding="utf-8").replace('titel: Expressie', 'titel: Expressie op het SJC'),
                        encoding="utf-8")
    leidraad(fork, "check")
    git(fork, "add", "lokaal")
    git(fork, "commit", "-q", "-m", "Profiel, eigen activiteit, verborgen items, aanpassingen")
    return fork


def change_upstream(upstream: Path) -> None:
    for name, changes in UPSTREAM_CHANGES.items():
        path = upstream / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    git(upstream, "commit", "-q", "-am", "upstream verbeteringen")


def main() -> None:
    folder = Path(sys.argv[1]).resolve()
    upstream = make_upstream(folder / "upstream")
    fork = make_fork(upstream, folder / "fork")
    print(fork)


if __name__ == "__main__":
    main()
